// Accessibility: axe-core finds no violation in the page's main states, in both languages and at
// phone and desktop widths.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, browser, openPage, host, paste, upload, ROOT, FIXTURES } from './harness.mjs';

let server, b, axeSource;
before(async () => {
  server = await serve();
  b = await browser();
  axeSource = await readFile(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
});
after(async () => { await b?.close(); await server?.close(); });

async function axe(page) {
  // The page's CSP forbids inline script, so this test's context bypasses CSP (bypassCSP: true) to
  // inject axe-core; nothing else in the suite does.
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

for (const [width, locale] of [[1280, 'ja-JP'], [375, 'en-US']]) {
  test(`axe: 0 violations (${width}px, ${locale}): empty, one host with both alerts, several hosts, no host`, async () => {
    const { page, context, errors } = await openPage(b, server.base, { viewport: { width, height: 900 }, locale, bypassCSP: true });
    assert.deepEqual(await axe(page), [], 'empty page');
    await paste(page, 'Microsoft Windows [Version 10.0.17763.2183]\n');
    await host(page);
    await page.locator('.details > summary').first().click();
    assert.deepEqual(await axe(page), [], 'action needed');
    await upload(page, [join(FIXTURES, 'systeminfo/15-ja-win10-22h2-findstr-and-ver.txt'), join(FIXTURES, 'systeminfo/V03-en-cmd-banner-srv2016-no-ubr.txt')]);
    await page.waitForSelector('table.hosts');
    assert.deepEqual(await axe(page), [], 'several hosts');
    await page.click('#clear-all');
    await paste(page, 'not a command output');
    await page.waitForSelector('.no-host');
    assert.deepEqual(await axe(page), [], 'no host');
    assert.deepEqual(errors, []);
    await context.close();
  });
}
