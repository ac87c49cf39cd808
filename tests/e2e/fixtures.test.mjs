// Every systeminfo-family fixture (incl. the CP850 and CP932 originals) uploaded to the page gives
// the same hosts and verdicts as the CLI's --json for that file: the page, the engine and the CLI
// agree on real inputs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join, relative, basename } from 'node:path';
import { serve, browser, openPage, upload, FIXTURES, ROOT } from './harness.mjs';

const run = promisify(execFile);
const CLI = process.env.ACS_CHECK_CLI || join(ROOT, 'target', 'debug', 'acs-check');

async function cli(path) {
  try {
    return JSON.parse((await run(CLI, ['--json', '--lang', 'ja', path], { maxBuffer: 64 << 20 })).stdout);
  } catch (e) {
    if (e.code === 1 || e.code === 2) return JSON.parse(e.stdout);
    throw e;
  }
}

async function files(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await files(p)));
    else if (!e.name.startsWith('.')) out.push(p);
  }
  return out.sort();
}

let server, b;
before(async () => { server = await serve(); b = await browser(); });
after(async () => { await b?.close(); await server?.close(); });

test('every systeminfo fixture: the page shows the CLI\'s hosts and verdicts', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  const all = await files(join(FIXTURES, 'systeminfo'));
  assert.ok(all.length >= 34);
  for (const path of all) {
    const name = relative(FIXTURES, path);
    const expected = (await cli(path)).hosts.map((h) => [h.verdict, h.acs.status, h.root_ca.status]);
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
      hs.map((h) => [h.dataset.verdict, h.dataset.acsStatus, h.dataset.rootCaStatus]));
    assert.deepEqual(shown, expected, name);
  }
  assert.deepEqual(errors, []);
  await context.close();
});
