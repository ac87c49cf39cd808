// A signature check leads with the signature's verdict (issue 8): a tampered script, a lone signature
// block and a genuine-but-not-ESET ACS signature, dropped on the page without any Windows output.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serve, browser, openPage, upload, screenshot, FIXTURES } from './harness.mjs';

let server, b;
before(async () => { server = await serve(); b = await browser(); });
after(async () => { await b?.close(); await server?.close(); });

const ADV = join(FIXTURES, 'adversarial');

/** The attributes and words of the n-th signature verdict banner. */
async function verdict(page, n = 0) {
  const v = page.locator('article.sig-verdict').nth(n);
  await v.waitFor();
  return {
    verdict: await v.getAttribute('data-signature-verdict'),
    status: await v.getAttribute('data-status'),
    text: await v.innerText(),
  };
}

test('a script with code after its signature block: the page leads with "not valid", never with ACS', async () => {
  const { page, errors } = await openPage(b, `${server.base}?lang=en`, { locale: 'en-US' });
  await upload(page, `${ADV}/script-code-after-block.ps1`);
  const v = await verdict(page);
  assert.equal(v.verdict, 'invalid');
  assert.equal(v.status, 'invalid');
  assert.match(v.text, /The signature is not valid/);
  assert.match(v.text, /script text after the end of the signature block/);
  assert.doesNotMatch(v.text, /signed with Azure Code Signing \(ACS\) and the signature is valid/);
  // The signature answer comes before anything about Windows hosts, which shrinks to a hint.
  const order = await page.evaluate(() => {
    const report = document.querySelector('.report');
    const first = report.querySelector('article');
    return { first: first?.className, noHost: !!report.querySelector('.no-host'), hint: report.querySelector('.host-hint')?.innerText ?? '' };
  });
  assert.match(order.first, /sig-verdict/);
  assert.equal(order.noHost, false);
  assert.match(order.hint, /systeminfo/);
  await screenshot(page, 'signature-tampered-script-en');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a lone ACS signature block is "only a signature", in Japanese too', async () => {
  const { page, errors } = await openPage(b, server.base);
  await upload(page, `${ADV}/acs-block-only.ps1`);
  const v = await verdict(page);
  assert.equal(v.verdict, 'signature_only');
  assert.match(v.text, /署名だけのファイルです/);
  assert.match(v.text, /148F6E2C39E0702285A1718FCF9280BA29DDD3242E13B1254E5D90009F59319C/);
  // The card names the publisher Microsoft validated, and it is not ESET.
  const card = await page.locator('article.sig').first().innerText();
  assert.match(card, /Denver Technologies, Inc\. dba Warp/);
  assert.deepEqual(errors, []);
  await page.context().close();
});
