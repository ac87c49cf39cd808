// Every systeminfo-family fixture (incl. the CP850 and CP932 originals) uploaded to the page gives
// the same hosts, verdicts, expected alerts and confidence as the CLI's --json for that file: the page,
// the engine and the CLI agree on real inputs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join, relative, basename } from 'node:path';
import { serve, browser, openPage, upload, FIXTURES } from './harness.mjs';
import { cliJson, fixtureFiles } from '../cli.mjs';


let server, b;
before(async () => { server = await serve(); b = await browser(); });
after(async () => { await b?.close(); await server?.close(); });

test('every systeminfo fixture: the page shows the CLI\'s hosts and verdicts', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  const all = await fixtureFiles(join(FIXTURES, 'systeminfo'));
  assert.ok(all.length >= 34);
  for (const path of all) {
    const name = relative(FIXTURES, path);
    const expected = (await cliJson(['--json', '--lang', 'ja', path])).hosts
      .map((h) => [h.verdict, h.acs.status, h.root_ca.status, h.alert_expected, h.acs.confidence]);
    await page.click('#clear-all').catch(() => {});
    await page.waitForFunction(() => !document.querySelector('.chip'));
    await upload(page, path);
    // The report for this file: its chip is recognised and the host sections match in number.
    await page.waitForFunction(
      ([file, n]) => {
        const chips = [...document.querySelectorAll('.chip')];
        const done = chips.length === 1 && chips[0].innerText.includes(file) && !document.querySelector('.checking');
        return done && document.querySelectorAll('article.host').length === n;
      },
      [basename(path), expected.length],
      { timeout: 20000 },
    ).catch(() => assert.fail(`${name}: expected ${expected.length} host(s)`));
    const shown = await page.$$eval('article.host', (hs) =>
      hs.map((h) => [h.dataset.verdict, h.dataset.acsStatus, h.dataset.rootCaStatus, h.dataset.alertExpected, h.dataset.confidence ?? null]));
    assert.deepEqual(shown, expected, name);
  }
  assert.deepEqual(errors, []);
  await context.close();
});
