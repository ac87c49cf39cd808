// The page end to end: real fixtures pasted into the built page in Chromium give the right verdict.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, openPage, fixture, screenshot } from './harness.mjs';

let server, b;
before(async () => { server = await serve(); b = await browser(); });
after(async () => { await b?.close(); await server?.close(); });

async function pasteAndRead(page, text) {
  await page.waitForSelector('#input');
  await page.fill('#input', text);
  const host = page.locator('[data-verdict]').first();
  await host.waitFor();
  return {
    verdict: await host.getAttribute('data-verdict'),
    acs: await host.getAttribute('data-acs-status'),
    root: await host.getAttribute('data-root-ca-status'),
    text: await host.innerText(),
  };
}

test('Windows 10 22H2 with ver: native, ok', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  const r = await pasteAndRead(page, (await fixture('systeminfo/15-ja-win10-22h2-findstr-and-ver.txt')).toString('utf8'));
  assert.equal(r.verdict, 'ok');
  assert.equal(r.acs, 'native');
  assert.equal(r.root, 'unknown');
  assert.match(r.text, /標準で対応/);
  await screenshot(page, 'skeleton-native');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a Server 2019 revision below the first ACS build: action needed, with the alert text', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await page.selectOption('#managed', 'no');
  const r = await pasteAndRead(page, 'Microsoft Windows [Version 10.0.17763.2183]\n');
  assert.equal(r.verdict, 'action_needed');
  assert.equal(r.acs, 'needs_update');
  const alert = page.locator('.alert[data-where="client"]');
  assert.match(await alert.innerText(), /Azure Code Signingのサポートがありません/);
  assert.equal(await page.locator('.alert[data-where="console"]').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
