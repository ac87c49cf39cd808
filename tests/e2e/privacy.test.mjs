// Nothing leaves the browser: after the page has loaded, pasting, uploading, the examples, the
// language switch, the options and copying send nothing anywhere. The only requests after load are
// the checker fetching its own files (the verifier's code when a file needs it, or a worker started
// again): GETs of files of the built page, with no query and no body. The CSP forbids inline script.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFile, stat } from 'node:fs/promises';
import { serve, browser, openPage, host, paste, upload, FIXTURES, DIST } from './harness.mjs';

let server, b;
before(async () => { server = await serve(); b = await browser(); });
after(async () => { await b?.close(); await server?.close(); });

/** A request that fetches one of the built page's own files and carries nothing. */
async function ownFile(request) {
  const url = new URL(request.url);
  if (`${url.origin}/` !== server.base || url.search || request.method !== 'GET' || request.body !== null) return false;
  return (await stat(join(DIST, decodeURIComponent(url.pathname))).catch(() => undefined))?.isFile() ?? false;
}

test('nothing is sent after load: only the checker\'s own files are fetched, with nothing in the request', async () => {
  const { page, context, errors } = await openPage(b, server.base, { permissions: ['clipboard-read', 'clipboard-write'] });
  const after = [];
  await page.waitForLoadState('networkidle');
  await page.focus('#input');
  await page.waitForSelector('html[data-engine="ready"]');
  page.on('request', (r) => after.push({ url: r.url(), method: r.method(), body: r.postData() }));
  const atLoad = server.requests.length;

  await paste(page, 'Microsoft Windows [Version 10.0.17763.2183]\n');
  await host(page);
  await upload(page, [join(FIXTURES, 'systeminfo/V03-en-cmd-banner-srv2016-no-ubr.txt'), join(FIXTURES, 'certs/derived-acs-chain.p7b')]);
  await page.waitForFunction(() => document.querySelectorAll('.chip--ok').length === 3);
  await page.click('[data-example="all"]');
  await page.check('#managed-yes');
  await page.click('#lang-switch');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.click('#copy-report');
  await page.locator('.details > summary').first().click();
  await page.waitForTimeout(300);

  for (const r of after) assert.ok(await ownFile(r), `a request after load that is not a plain fetch of the checker's own file: ${JSON.stringify(r)}`);
  for (const path of server.requests.slice(atLoad)) {
    assert.ok(await ownFile({ url: new URL(path, server.base).href, method: 'GET', body: null }), `the server saw ${path}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('strict Content-Security-Policy, no inline script, and the page says nothing is sent', async () => {
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal((html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) || []).length, 0, 'inline <script> in index.html');
  const { page, context, errors } = await openPage(b, server.base);
  assert.match(await page.locator('.privacy').innerText(), /送信されず、保存もされません/);
  assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0);
  await paste(page, 'Microsoft Windows [Version 10.0.17763.2183]\n');
  await host(page);
  assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0, 'inputs are not stored');
  assert.deepEqual(errors, []);
  await context.close();
});
