// Benchmark (not a test): Authenticode digest throughput of a 150 MB PE in Chromium, through the
// engine's range-reading API (verifyBlob on a Blob), as the page and the widget run it.
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
    const engine = await import(new URL(meta.dataset.src, document.baseURI).href);
    await engine.load();
    const overlay = new Uint8Array(sizeMb * 1024 * 1024);
    for (let i = 0; i < overlay.length; i++) overlay[i] = (Math.imul(i, 2654435761) >>> 13) & 0xff;
    const blob = new Blob([new Uint8Array(pe), overlay]);
    const out = [];
    for (let round = 1; round <= 3; round++) {
      let progress = 0;
      const t = performance.now();
      const result = await engine.verifyBlob(blob, {}, () => { progress++; });
      const secs = (performance.now() - t) / 1000;
      out.push({ round, secs, mbps: blob.size / 1048576 / secs, progress, status: result.status });
    }
    return out;
  }, { pe, sizeMb: SIZE_MB });
  for (const r of rounds) {
    console.log(`round ${r.round}: verifyBlob in Chromium: ${SIZE_MB} MB in ${r.secs.toFixed(3)} s = ${r.mbps.toFixed(0)} MB/s (${r.progress} progress calls, ${r.status})`);
  }
} finally {
  await b.close();
  await server.close();
}
