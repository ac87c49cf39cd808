// Size budgets of the built page, counted the way a user pays: every byte Chromium fetches from the
// production web server (deploy/Caddyfile over HTTPS, so that the browser asks for the precompressed
// brotli files), measured in the browser, not by summing files:
//   first paint            everything fetched before the page's first contentful paint     ≤ 120 KB
//   systeminfo verdict     everything fetched before a pasted systeminfo shows its verdict  ≤ 300 KB
//   signed installer       everything fetched before a dropped signed installer's verdict   ≤ 420 KB
// Bytes are the response bodies the server sent to Chromium (its access log: brotli, as on the wire),
// for the requests Chromium made; a fresh browser context per path, nothing cached.
//
// The checker's wasm modules load at the first need (pkg/worker.js, web/src/engine.js): a paste loads
// the engine module (the paste area's focus starts it), a signed installer dropped first loads the
// module that holds both engine and verifier (x509-parser, CMS, RSA, digests); the engine module alone
// never has those, and the page's first paint has none of it.
//   node tests/budget.mjs          (after trunk build --release: needs dist/)
import { serve, browser, openPage, fixture, DIST } from './e2e/harness.mjs';

const KB = 1024;
const BUDGETS = { 'first paint': 120 * KB, 'systeminfo verdict': 300 * KB, 'signed installer verdict': 420 * KB };

const server = await serve(DIST, { tls: true });
// Wait for Caddy's certificate, then trust its authority (a browser caches nothing from a site whose
// certificate it only tolerates).
await fetch(server.base).catch(() => undefined);
const b = await browser({ trust: server });
const results = {};

/**
 * Opens the page in a fresh context, runs `act`, and keeps what the server sent for it: every
 * request of the page and its workers (the server's access log: response body bytes as sent), up to
 * the moment `act` returns (or as `act`'s filter says).
 */
async function measure(name, act, setup) {
  const from = server.log().length;
  const { page, context, errors } = await openPage(b, server.base, { setup });
  const until = await act(page);
  const end = Date.now();
  // The log line of the last response can lag its request a little.
  await new Promise((ok) => setTimeout(ok, 300));
  await context.close();
  if (errors.length) throw new Error(`${name}: ${errors.join('\n')}`);
  const rows = server.log().slice(from).filter((r) => r.end <= end);
  results[name] = until ? rows.filter(until) : rows;
}

// First paint: the responses that had ended by the first contentful paint. The checker's own files
// (engine-<hash>/: the worker, its scripts and wasm) are held back until that paint: the page starts
// its worker right after its first paint, and on a loopback connection its script would otherwise
// arrive before Chromium reports the paint. A page that needed the engine to paint would never paint
// here, and the measurement would time out.
let painted;
const paint = new Promise((ok) => { painted = ok; });
await measure('first paint', async (page) => {
  const fcp = await page.evaluate(() => new Promise((resolve) => {
    const done = () => {
      const e = performance.getEntriesByName('first-contentful-paint')[0];
      if (e) resolve(performance.timeOrigin + e.startTime);
      return e;
    };
    if (!done()) new PerformanceObserver(done).observe({ type: 'paint', buffered: true });
  }));
  painted();
  return (row) => row.end <= fcp;
}, (context) => context.route(/\/engine-[0-9a-f]{16}\//, (route) => paint.then(() => route.continue())));

await measure('systeminfo verdict', async (page) => {
  await page.fill('#input', (await fixture('systeminfo/25-en-srv2019-rtm.txt')).toString('utf8'));
  await page.waitForSelector('article.host[data-verdict]');
});

await measure('signed installer verdict', async (page) => {
  const pe = await fixture('signed/pe-signed.exe');
  await page.setInputFiles('#file-input', { name: 'setup.exe', mimeType: 'application/octet-stream', buffer: pe });
  await page.waitForSelector('.card-item.sig[data-status]');
});

await b.close();
await server.close();

let failed = false;
const pad = (s, n) => String(s).padStart(n);
for (const [name, rows] of Object.entries(results)) {
  console.log(`\n${name}\n${'path'.padEnd(64)} ${pad('body', 9)}  encoding`);
  let total = 0;
  for (const r of rows) {
    console.log(`${r.path.slice(-64).padEnd(64)} ${pad(r.size, 9)}  ${r.encoding}`);
    total += r.size;
  }
  const uncompressed = rows.filter((r) => r.size > 512 && r.encoding !== 'br').map((r) => r.path);
  if (uncompressed.length) {
    console.error(`${name}: fetched without brotli: ${uncompressed.join(', ')}`);
    failed = true;
  }
  const budget = BUDGETS[name];
  console.log(`${'total (response bodies, brotli)'.padEnd(64)} ${pad(total, 9)}   ${(total / KB).toFixed(1)} KB of ${(budget / KB).toFixed(0)} KB`);
  if (total > budget) {
    console.error(`size budget exceeded (${name}): ${total} > ${budget} bytes`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
