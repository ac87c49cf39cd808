// Benchmark (not a test): Authenticode digest throughput of a 150 MB PE in Chromium, in the verifier
// worker (pkg/worker.js, role `verifier`: verifyBlob through byte ranges of a Blob), as the page and
// the widget run it.
//   node tests/bench/digest-in-chromium.mjs     (after scripts/serve.sh or trunk build: needs dist/)
// The file is tests/fixtures/signed/pe-signed.exe with 150 MB of overlay after its certificate
// table (hashed as trailing data, so the digest no longer matches: only the speed matters here) —
// the same file as the native benchmark (cargo bench -p acs-check --bench pe_digest).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, browser, FIXTURES } from '../e2e/harness.mjs';

const SIZE_MB = 150;
const server = await serve();
const b = await browser();
try {
  const page = await b.newPage();
  await page.goto(server.base);
  await page.waitForSelector('#input');
  const pe = [...(await readFile(join(FIXTURES, 'signed/pe-signed.exe')))];
  const rounds = await page.evaluate(async ({ pe, sizeMb }) => {
    const meta = document.querySelector('meta[name="acs-check-engine"]');
    const worker = new Worker(new URL(meta.dataset.src, document.baseURI), { type: 'module' });
    const next = (type) => new Promise((resolve) => {
      const on = ({ data }) => {
        if (data.type === type || data.type === 'analyse-failed' || data.type === 'load-failed') {
          worker.removeEventListener('message', on);
          resolve(data);
        }
      };
      worker.addEventListener('message', on);
    });
    worker.postMessage({ type: 'init', role: 'verifier' });
    worker.postMessage({ type: 'load', wasm: 'verifier' });
    await next('ready');
    const overlay = new Uint8Array(sizeMb * 1024 * 1024);
    for (let i = 0; i < overlay.length; i++) overlay[i] = (Math.imul(i, 2654435761) >>> 13) & 0xff;
    const blob = new Blob([new Uint8Array(pe), overlay]);
    const out = [];
    for (let round = 1; round <= 3; round++) {
      let progress = 0;
      const count = ({ data }) => { if (data.type === 'progress') progress++; };
      worker.addEventListener('message', count);
      const t = performance.now();
      const done = next('analysed');
      worker.postMessage({ type: 'analyse', id: round, name: 'big.exe', blob, options: {} });
      const result = await done;
      const secs = (performance.now() - t) / 1000;
      worker.removeEventListener('message', count);
      out.push({ round, secs, mbps: blob.size / 1048576 / secs, progress, status: result.analysed?.kind ?? result.message });
    }
    worker.terminate();
    return out;
  }, { pe, sizeMb: SIZE_MB });
  for (const r of rounds) {
    console.log(`round ${r.round}: verifyBlob in Chromium's verifier worker: ${SIZE_MB} MB in ${r.secs.toFixed(3)} s = ${r.mbps.toFixed(0)} MB/s (${r.progress} progress messages, ${r.status})`);
  }
} finally {
  await b.close();
  await server.close();
}
