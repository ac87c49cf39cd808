// Nothing leaves the browser: after the page has loaded, pasting, uploading, the examples, the
// language switch, the options and copying make no request at all; the CSP forbids inline script.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { serve, browser, openPage, host, paste, upload, FIXTURES, DIST } from './harness.mjs';

let server, b;
before(async () => { server = await serve(); b = await browser(); });
after(async () => { await b?.close(); await server?.close(); });

test('no network request after load', async () => {
  const { page, context, errors, requests } = await openPage(b, server.base, { permissions: ['clipboard-read', 'clipboard-write'] });
  await page.waitForLoadState('networkidle');
  const atLoad = { server: server.requests.length, page: requests.length };
  // Everything the first load fetched is the page's own files.
  assert.ok(requests.every((u) => u.startsWith(server.base)), requests.join('\n'));

  await paste(page, 'Microsoft Windows [Version 10.0.17763.2183]\n');
  await host(page);
  await upload(page, [join(FIXTURES, 'systeminfo/V03-en-cmd-banner-srv2016-no-ubr.txt'), join(FIXTURES, 'certs/derived-acs-chain.p7b')]);
  await page.waitForFunction(() => document.querySelectorAll('.chip').length === 3);
  await page.click('[data-example="all"]');
  await page.check('#managed-yes');
  await page.click('#lang-switch');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.click('#copy-report');
  await page.locator('.details > summary').first().click();
  await page.waitForTimeout(300);

  assert.deepEqual(requests.slice(atLoad.page), [], 'requests after load (page)');
  assert.deepEqual(server.requests.slice(atLoad.server), [], 'requests after load (server)');
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
