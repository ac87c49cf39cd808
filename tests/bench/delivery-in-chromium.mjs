// Benchmark (not a test): how soon the page is useful, in Chromium, served by the production web
// server (deploy/Caddyfile, HTTPS so that the browser takes the precompressed brotli files), each
// without throttling and with CDP network throttling at 1.6 Mbps down / 150 ms RTT:
//   - time to first contentful paint;
//   - a systeminfo with 300 hotfixes pasted right after the first paint: paste-to-verdict for that
//     first paste (the engine module loads at the paste area's focus, so this includes its load), when
//     the engine was ready (from the navigation's start), and the median of the next pastes;
//   - a signed installer dropped right after the first paint: drop-to-verdict (the module with both
//     engine and verifier loads then, and the file is verified).
//   node tests/bench/delivery-in-chromium.mjs     (after trunk build --release: needs dist/)
import { serve, browser, fixture } from '../e2e/harness.mjs';

const RUNS = 3;
const THROTTLED = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 };

/** A real systeminfo (Windows Server 2019, English) with its hotfix list grown to 300 entries. */
async function systeminfo300(revision) {
  const text = (await fixture('systeminfo/25-en-srv2019-rtm.txt')).toString('utf8').replace(/\r\n/g, '\n');
  const kbs = Array.from({ length: 300 }, (_, i) => `                           [${String(i + 1).padStart(2, '0')}]: KB${5000000 + i * 7}`);
  const grown = text.replace(/Hotfix\(s\):\s+\d+ Hotfix\(s\) Installed\.\n(?:\s+\[\d+\]: KB\d+\n)+/, `Hotfix(s):                 300 Hotfix(s) Installed.\n${kbs.join('\n')}\n`);
  // `ver` after it, with a revision of its own per paste (so that each paste is a new report).
  return `${grown}\nMicrosoft Windows [Version 10.0.17763.${revision}]\n`;
}

const server = await serve(undefined, { tls: true });
await fetch(server.base).catch(() => undefined);
const b = await browser({ trust: server });
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const texts = await Promise.all([4010, 4011, 4012, 4013, 4014, 4015].map(systeminfo300));
if (!/300 Hotfix\(s\) Installed/.test(texts[0])) throw new Error('the hotfix list was not grown');

const installer = await fixture('signed/pe-signed.exe');

async function open(throttled) {
  const context = await b.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  if (throttled) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', THROTTLED);
  }
  await page.goto(server.base);
  await page.waitForSelector('#input', { timeout: 120000 });
  const fcp = await page.evaluate(() => new Promise((resolve) => {
    const done = () => {
      const e = performance.getEntriesByName('first-contentful-paint')[0];
      if (e) resolve(e.startTime);
      return e;
    };
    if (!done()) new PerformanceObserver(done).observe({ type: 'paint', buffered: true });
  }));
  return { context, page, fcp };
}

async function pastes(throttled) {
  const { context, page, fcp } = await open(throttled);
  const verdicts = [];
  for (const text of texts) {
    verdicts.push(await page.evaluate((text) => new Promise((resolve) => {
      const area = document.querySelector('#input');
      const want = text.match(/17763\.(\d+)/)[0];
      const start = performance.now();
      new MutationObserver((_, o) => {
        const h = document.querySelector('article.host');
        if (h?.dataset.verdict && h.textContent.includes(want)) {
          o.disconnect();
          resolve(performance.now() - start);
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      // As a user does: the paste area gets the focus, then the text.
      area.focus();
      area.value = text;
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }), text));
  }
  // From the navigation's start: when the page's client heard that the engine is ready (its mark).
  const ready = await page.evaluate(() => performance.getEntriesByName('acs-check:engine-ready')[0]?.startTime);
  await context.close();
  return { fcp, ready, first: verdicts[0], next: median(verdicts.slice(1)) };
}

async function drop(throttled) {
  const { context, page } = await open(throttled);
  const start = Date.now();
  await page.setInputFiles('#file-input', { name: 'setup.exe', mimeType: 'application/octet-stream', buffer: installer });
  await page.waitForSelector('.card-item.sig[data-status]', { timeout: 120000 });
  const ms = Date.now() - start;
  await context.close();
  return ms;
}

for (const throttled of [false, true]) {
  const rows = [];
  const drops = [];
  for (let i = 0; i < RUNS; i++) {
    rows.push(await pastes(throttled));
    drops.push(await drop(throttled));
  }
  const m = (k) => median(rows.map((r) => r[k])).toFixed(0);
  console.log(`${throttled ? 'throttled 1.6 Mbps / 150 ms RTT' : 'no throttling'} (median of ${RUNS} runs): `
    + `first contentful paint ${m('fcp')} ms; paste right after it: verdict in ${m('first')} ms (engine ready at ${m('ready')} ms), `
    + `next pastes ${m('next')} ms; signed installer dropped right after it: verdict in ${median(drops).toFixed(0)} ms`);
}
await b.close();
await server.close();
