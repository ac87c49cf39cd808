// Who may embed the checker: only the deployment's allow-list (deploy/embed-origins.txt, or
// ACS_EMBED_ORIGINS at build time, or `scripts/dist-assets.py embedders` on a built dist/). The server
// sends it as frame-ancestors and answers the widget's files with CORS for it; the page itself relays
// results only to an allowed parent, checked against the real embedding origin (ancestorOrigins).
// A hostile page on another origin gets nothing, whether the server's headers are there or not.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { serve, browser, openPage, plainServer, DIST, ROOT } from './harness.mjs';

const VER_OLD = 'Microsoft Windows [Version 10.0.17763.2183]\n';
let b, checker, friendly, friendlyPages, hostile, hostilePages, bare, copy;

/** A page (of another origin) that frames the checker in iframe mode and records what it hears. */
const framingPage = (src) => `<!DOCTYPE html><html><head><title>embedder</title><link rel="icon" href="data:,"></head><body>
<iframe id="f" src="${src}" style="width:100%;height:600px"></iframe>
<script>window.heard = []; window.addEventListener('message', (e) => window.heard.push({ origin: e.origin, type: e.data && e.data.type }));</script>
</body></html>`;

before(async () => {
  b = await browser();
  // Another origin that the deployment allows, and one it does not.
  friendlyPages = {};
  hostilePages = {};
  friendly = await plainServer({ pages: friendlyPages });
  hostile = await plainServer({ pages: hostilePages });
  // A copy of the built page whose allow-list names the friendly origin, served by Caddy.
  copy = await mkdtemp(join(tmpdir(), 'acs-dist-'));
  await cp(DIST, copy, { recursive: true });
  await promisify(execFile)('python3', [join(ROOT, 'scripts', 'dist-assets.py'), 'embedders', copy, friendly.origin]);
  checker = await serve(copy);
  // The same built page on a host that sends no header at all.
  bare = await plainServer({ dir: DIST });
});
after(async () => {
  await b?.close();
  for (const s of [checker, friendly, hostile, bare]) await s?.close();
  if (copy) await rm(copy, { recursive: true, force: true });
});

/** Types a check into the framed checker (when it shows) and returns what the embedding page heard. */
async function heardAfterCheck(page, { shows }) {
  const frame = page.frameLocator('#f');
  if (shows) {
    await frame.locator('#input').fill(VER_OLD);
    await frame.locator('article.host').waitFor();
  }
  await page.waitForTimeout(shows ? 500 : 3000);
  return page.evaluate(() => window.heard);
}

test('the server sends the allow-list as frame-ancestors and CORS for it, and nothing for other origins', async () => {
  const index = await fetch(checker.base);
  assert.match(index.headers.get('content-security-policy'), new RegExp(`frame-ancestors 'self' ${friendly.origin}$`));
  const widget = (origin) => fetch(`${checker.base}widget.js`, { headers: { origin } });
  assert.equal((await widget(friendly.origin)).headers.get('access-control-allow-origin'), friendly.origin);
  assert.equal((await widget(hostile.origin)).headers.get('access-control-allow-origin'), null);
  assert.match((await widget(hostile.origin)).headers.get('vary'), /Origin/);
  // The page knows the list too.
  assert.match(await index.text(), new RegExp(`<meta name="acs-check-embedders" content="${friendly.origin}">`));
  // The rewritten dist/ still has its precompressed files (the entry point changed, the wasm did not).
  for (const path of ['', 'widget.js', (await readFile(join(copy, 'index.html'), 'utf8')).match(/data-wasm="\.\/([^"]+)"/)[1]]) {
    const r = await fetch(`${checker.base}${path}`, { headers: { 'accept-encoding': 'br' } });
    assert.equal(r.headers.get('content-encoding'), 'br', path || 'index.html');
  }
});

test('an allowed origin frames the checker in iframe mode and hears its results', async () => {
  friendlyPages['/frame.html'] = framingPage(`${checker.base}index.html?embed=1&parent=${encodeURIComponent(friendly.origin)}`);
  const { page, context, errors } = await openPage(b, `${friendly.base}frame.html`, { ready: '#f' });
  const heard = await heardAfterCheck(page, { shows: true });
  assert.ok(heard.some((m) => m.type === 'acs-check:result' && m.origin === checker.base.slice(0, -1)), JSON.stringify(heard));
  assert.ok(heard.some((m) => m.type === 'acs-check:height'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a hostile page that frames the checker gets nothing: the browser refuses the frame (frame-ancestors)', async () => {
  hostilePages['/frame.html'] = framingPage(`${checker.base}index.html?embed=1&parent=${encodeURIComponent(hostile.origin)}`);
  const { page, context, errors } = await openPage(b, `${hostile.base}frame.html`, { ready: '#f' });
  const heard = await heardAfterCheck(page, { shows: false });
  assert.deepEqual(heard, []);
  // The frame never showed the checker.
  const frame = page.frames().find((f) => f !== page.mainFrame());
  assert.equal(await frame.locator('#input').count(), 0);
  assert.ok(errors.some((e) => /frame-ancestors|Refused to (frame|display)/.test(e)), errors.join('\n'));
  await context.close();
});

test('on a host that sends no header, the page itself tells a hostile embedder nothing', async () => {
  for (const parent of [hostile.origin, bare.origin]) {
    // The hostile page names itself, or pretends to be the checker's own origin (the real embedding
    // origin, location.ancestorOrigins, gives it away).
    hostilePages['/frame.html'] = framingPage(`${bare.base}index.html?embed=1&parent=${encodeURIComponent(parent)}`);
    const { page, context, errors } = await openPage(b, `${hostile.base}frame.html`, { ready: '#f' });
    const heard = await heardAfterCheck(page, { shows: true });
    assert.deepEqual(heard, [], `parent=${parent}`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('an allowed origin loads the widget from the checker (CORS): inline and iframe mode both work', async () => {
  friendlyPages['/faq.html'] = `<!DOCTYPE html><html lang="ja"><head><title>FAQ</title><link rel="icon" href="data:,">
<script type="module" src="${checker.base}widget.js"></script></head><body>
<acs-check id="inline" lang="en"></acs-check><acs-check id="framed" mode="iframe" lang="en"></acs-check>
<script>window.results = []; document.addEventListener('acs-check:result', (e) => window.results.push({ from: e.target.id, verdict: e.detail.summary.verdict }));</script>
</body></html>`;
  const { page, context, errors } = await openPage(b, `${friendly.base}faq.html`, { ready: 'acs-check#inline #input' });
  await page.locator('acs-check#inline #input').fill(VER_OLD);
  await page.frameLocator('acs-check#framed iframe').locator('#input').fill(VER_OLD);
  await page.waitForFunction(() => ['inline', 'framed'].every((id) => window.results.some((r) => r.from === id && r.verdict === 'action_needed')));
  assert.deepEqual(errors, []);
  await context.close();
});

test('another origin cannot load the widget: without CORS the browser refuses its module', async () => {
  hostilePages['/faq.html'] = `<!DOCTYPE html><html><head><title>FAQ</title><link rel="icon" href="data:,">
<script type="module" src="${checker.base}widget.js"></script></head><body><p id="article">FAQ</p><acs-check id="w"></acs-check></body></html>`;
  const { page, context, errors } = await openPage(b, `${hostile.base}faq.html`, { ready: '#article' });
  await page.waitForTimeout(1000);
  assert.equal(await page.evaluate(() => customElements.get('acs-check')), undefined);
  assert.ok(errors.some((e) => /CORS|Access-Control-Allow-Origin/.test(e)), errors.join('\n'));
  await context.close();
});
