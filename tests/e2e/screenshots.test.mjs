// Screenshots at 375 px (phone) and 1280 px (desktop), saved as test artifacts in tests/e2e/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serve, browser, openPage, host, paste, upload, screenshot, FIXTURES } from './harness.mjs';

let server, b;
before(async () => { server = await serve(); b = await browser(); });
after(async () => { await b?.close(); await server?.close(); });

for (const width of [375, 1280]) {
  test(`screenshots at ${width}px`, async () => {
    const viewport = { width, height: width < 600 ? 812 : 900 };
    const { page, context, errors } = await openPage(b, server.base, { viewport });
    await screenshot(page, `${width}-empty-ja`);
    await paste(page, 'Microsoft Windows [Version 10.0.17763.2183]\n');
    await host(page);
    await screenshot(page, `${width}-action-needed-ja`);
    await page.click('#lang-switch');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.check('#managed-no');
    await page.waitForFunction(() => document.querySelectorAll('.alert').length === 1);
    await screenshot(page, `${width}-action-needed-en`);
    await page.click('#lang-switch');
    await page.click('#clear-all');
    await upload(page, [
      join(FIXTURES, 'systeminfo/15-ja-win10-22h2-findstr-and-ver.txt'),
      join(FIXTURES, 'systeminfo/V03-en-cmd-banner-srv2016-no-ubr.txt'),
      { name: 'win7.txt', mimeType: 'text/plain', buffer: Buffer.from('Microsoft Windows [Version 6.1.7601]\n') },
    ]);
    await page.waitForSelector('table.hosts');
    await screenshot(page, `${width}-several-hosts-ja`);
    await page.locator('.details > summary').first().click();
    await screenshot(page, `${width}-details-ja`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('no horizontal scrolling from 360 px phones up', async () => {
  for (const width of [360, 375, 768, 1280]) {
    const { page, context, errors } = await openPage(b, server.base, { viewport: { width, height: 800 } });
    await page.click('[data-example="all"]');
    await paste(page, 'Microsoft Windows [Version 10.0.17763.2183]\n');
    await page.waitForSelector('table.hosts');
    await page.locator('.details > summary').first().click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${width}px: ${overflow}px wider than the viewport`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
