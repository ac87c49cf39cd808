// Certificate files and store listings: the root-CA half of the check, and the certificate cards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serve, browser, openPage, host, paste, upload, FIXTURES } from './harness.mjs';

let server, b;
before(async () => { server = await serve(); b = await browser(); });
after(async () => { await b?.close(); await server?.close(); });


test('a PKCS#7 export holding the root: present, with a card for each certificate', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await upload(page, join(FIXTURES, 'certs/derived-acs-chain.p7b'));
  const panel = page.locator('article.host');
  await panel.waitFor();
  assert.equal(await panel.getAttribute('data-root-ca-status'), 'present');
  assert.match(await page.locator('.chip-detail').innerText(), /PKCS #7 · binary/);
  const root = page.locator('.cert[data-role="required_root"]');
  assert.equal(await root.count(), 1);
  assert.match(await root.innerText(), /F40042E2E5F7E8EF8189FED15519AECE42C3BFA2/);
  assert.equal(await page.locator('.cert').count(), 3);
  assert.deepEqual(errors, []);
  await context.close();
});

test('ver of a native build and the root in the same check: ok, root present', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await paste(page, 'Microsoft Windows [Version 10.0.19045.2251]\n');
  await upload(page, join(FIXTURES, 'certs/derived-acs-chain.p7b.pem'));
  await page.waitForFunction(() => document.querySelector('article.host')?.dataset.rootCaStatus === 'present');
  const h = await host(page);
  assert.deepEqual([h.verdict, h.acs, h.root], ['ok', 'native', 'present']);
  assert.match(await h.locator.locator('[data-check="root"]').innerText(), /信頼されています/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a trusted-root store listing without the root (PowerShell): absent, action needed, how to install it', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await paste(page, 'Microsoft Windows [Version 10.0.19045.2251]\n');
  await page.click('[data-example="4"]');
  await page.waitForFunction(() => document.querySelector('article.host')?.dataset.rootCaStatus === 'absent');
  const h = await host(page);
  assert.deepEqual([h.verdict, h.root], ['action_needed', 'absent']);
  assert.match(await h.locator.locator('.actions').innerText(), /certutil -addstore Root/);
  const hrefs = await page.locator('.action-list a').evaluateAll((as) => as.map((a) => a.href));
  assert.ok(hrefs.some((u) => u.includes('pkiops')), hrefs.join(' '));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a certificate file alone: the no-host panel, whatever the recognisers make of it, and no error', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await upload(page, join(FIXTURES, 'certs/derived-acs-chain.p7b'));
  const panel = page.locator('article.host');
  await panel.waitFor();
  assert.equal(await panel.getAttribute('data-acs-status'), 'unknown');
  assert.ok(['present', 'unknown'].includes(await panel.getAttribute('data-root-ca-status')));
  assert.deepEqual(errors, []);
  await context.close();
});
