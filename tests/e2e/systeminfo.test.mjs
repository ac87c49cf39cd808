// systeminfo pastes and files in Japanese and English, with the results the report contract defines.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serve, browser, openPage, fixture, host, paste, upload, FIXTURES } from './harness.mjs';

let server, b;
before(async () => { server = await serve(); b = await browser(); });
after(async () => { await b?.close(); await server?.close(); });


test('Server 2019 RTM systeminfo (English): action needed, the client alert when unmanaged', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await page.check('#managed-no');
  await paste(page, (await fixture('systeminfo/25-en-srv2019-rtm.txt')).toString('utf8'));
  const h = await host(page);
  assert.deepEqual([h.verdict, h.acs], ['action_needed', 'needs_update']);
  assert.match(h.text, /WIN-O863JARO7CM/);
  assert.match(h.text, /Windows Server 2019/);
  assert.match(await page.locator('.alert[data-where="client"] .alert-title').innerText(), /Azure Code Signingのサポートがありません/);
  assert.equal(await page.locator('.kb').count(), 5);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Windows 8.1 systeminfo (English): unsupported', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await upload(page, join(FIXTURES, 'systeminfo/26-en-win81-u1.txt'));
  const h = await host(page);
  assert.deepEqual([h.verdict, h.acs], ['unsupported', 'end_of_support']);
  assert.match(h.text, /Windows 8\.1/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Windows 10 22H2 systeminfo excerpt (Japanese): ok, native', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await paste(page, (await fixture('systeminfo/14-ja-win10-22h2-excerpt.txt')).toString('utf8'));
  const h = await host(page);
  assert.deepEqual([h.verdict, h.acs], ['ok', 'native']);
  assert.match(await page.locator('.chip-detail').first().innerText(), /systeminfo/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Windows 7 systeminfo saved by cmd in Shift_JIS (Japanese): unsupported, and the chip says shift_jis', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await upload(page, join(FIXTURES, 'systeminfo/derived/12-ja-win7-sp1-truncated.DERIVED.cp932-crlf.txt'));
  const h = await host(page);
  assert.deepEqual([h.verdict, h.acs], ['unsupported', 'end_of_support']);
  assert.match(await page.locator('.chip-detail').first().innerText(), /shift_jis/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the Shift_JIS file is decoded by the browser (TextDecoder) whatever is recognised in it', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await upload(page, join(FIXTURES, 'systeminfo/derived/12-ja-win7-sp1-truncated.DERIVED.cp932-crlf.txt'));
  await page.waitForFunction(() => /shift_jis/.test(document.querySelector('.chip-detail')?.textContent ?? ''));
  assert.deepEqual(errors, []);
  await context.close();
});
