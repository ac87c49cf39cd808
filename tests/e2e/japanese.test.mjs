// The Japanese page in the words of Canon ITS FAQ 25954: for each kind of result, every word the page shows (and
// its labels for assistive technology) follows core/data/glossary.tsv: no forbidden variant of a term, no
// backtick, no ISO date, no space after 「。」. The alert texts (FAQ 25954 verbatim), the commands and the values
// read from the inputs are not the page's words and are left out. Screenshots of the three main results are
// saved to tests/e2e/artifacts/ (ja-<result>-<width>.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, browser, openPage, fixture, host, paste, upload, screenshot, ROOT, FIXTURES } from './harness.mjs';

let server, b;
before(async () => { server = await serve(); b = await browser(); });
after(async () => { await b?.close(); await server?.close(); });

/** data/glossary.tsv: [{ term, variants, allowed }]. */
async function glossary() {
  const rows = (await readFile(join(ROOT, 'core', 'data', 'glossary.tsv'), 'utf8'))
    .split('\n').filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.split('\t'));
  assert.deepEqual(rows.shift(), ['term', 'variants', 'allowed', 'en', 'source']);
  const list = (s) => s.split('|').filter(Boolean);
  return rows.map(([term, variants, allowed]) => ({ term, variants: list(variants), allowed: list(allowed) }));
}

function problems(text, terms) {
  const out = [];
  for (const { term, variants, allowed } of terms) {
    let rest = text;
    for (const a of allowed) rest = rest.split(a).join('');
    for (const v of variants) if (rest.includes(v)) out.push(`${JSON.stringify(v)} instead of ${term}`);
  }
  if (text.includes('`')) out.push('a backtick');
  if (/\d{4}-\d{2}-\d{2}/.test(text)) out.push('an ISO date');
  if (/\d [年月日]|[年月] \d/.test(text)) out.push('a date with spaces');
  if (/[。、] /.test(text)) out.push('a space after 。 or 、');
  if (text.includes('：')) out.push('a full-width colon');
  return out;
}

/**
 * The page's own words: every text node and every aria-label, title and placeholder of the document, closed
 * <details> included, without the alert texts (verbatim), commands, KB lists and values read from the inputs.
 */
async function pageWords(page) {
  return page.evaluate(() => {
    // The product names drawn in the alert illustration's title bars (ESET, ESET PROTECT) are part of the picture.
    const skip = '.alert-title, .alert-body, blockquote, code, textarea, .kbs, .facts td, .chip-name, .banner-host, .hosts tbody th, .hosts tbody td, .card-title, .chain, .win-bar, .console-bar, script, style';
    const words = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.parentElement.closest(skip) && n.data.trim()) words.push(n.data.trim());
    }
    for (const e of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (e.closest('.alert-title, .alert-body, blockquote')) continue;
      for (const a of ['aria-label', 'title', 'placeholder']) {
        const v = e.getAttribute(a);
        // A copy button's label names its command, a link's title is its address: not words.
        if (v && !v.startsWith('http') && !(a === 'title' && e.matches('button'))) words.push(v);
      }
    }
    return words;
  });
}

async function assertWords(page, terms, what) {
  const found = [];
  for (const w of await pageWords(page)) for (const p of problems(w, terms)) found.push(`${p}: ${w}`);
  assert.deepEqual(found, [], `${what}:\n${found.join('\n')}`);
}

test('the rules catch what they are for', async () => {
  const terms = await glossary();
  for (const [text, want] of [
    ['ESET PROTECT のコンソール', 'ESET PROTECT'], ['ESET 製品', 'ESET 製品'], ['偽物', '偽物'], ['`ver`', 'backtick'],
    ['2023-07-10 から表示', 'ISO date'], ['2021 年 7 月', 'spaces'], ['まで。 ネットワーク', 'space after'],
  ]) assert.ok(problems(text, terms).some((p) => p.includes(want)), `${text}: ${want}`);
  assert.deepEqual(problems('セキュリティ管理ツール（ESET PROTECT）上、2023年7月10日以降に表示', terms), []);
});

// [name, input (text, or a fixture path to upload), verdict, acs status]
const RESULTS = [
  ['needs-update', 'Microsoft Windows [Version 10.0.17763.2183]\n', 'action_needed', 'needs_update'],
  ['ok', 'systeminfo/15-ja-win10-22h2-findstr-and-ver.txt', 'ok', 'native'],
  ['unknown', 'systeminfo/V03-en-cmd-banner-srv2016-no-ubr.txt', 'unknown', 'unknown'],
];

for (const [name, input, verdict, acs] of RESULTS) {
  test(`Japanese page, ${name}: the FAQ's terms, no backticks, no ISO dates; screenshots`, async () => {
    const terms = await glossary();
    for (const width of [375, 1280]) {
      const viewport = { width, height: width < 600 ? 812 : 900 };
      const { page, context, errors } = await openPage(b, server.base, { viewport });
      assert.equal(await page.getAttribute('html', 'lang'), 'ja');
      if (input.startsWith('systeminfo/')) await upload(page, join(FIXTURES, input));
      else await paste(page, input);
      const h = await host(page);
      assert.deepEqual([h.verdict, h.acs], [verdict, acs]);
      await page.waitForSelector('html[data-engine="ready"]');
      await assertWords(page, terms, `${name} at ${width}px`);
      // The alert texts stay FAQ 25954's, character for character (ESET writes 「ESET 製品」 there).
      for (const body of await page.locator('.alert-body').allInnerTexts()) assert.match(body, /^このオペレーティング システムは Azure Code Signing をサポートしていません。/);
      await screenshot(page, `ja-${name}-${width}`);
      assert.deepEqual(errors, []);
      await context.close();
    }
  });
}

test('Japanese page, other results and cards: Windows 7, every example, certificates and a signed file, a Japanese systeminfo cut short', async () => {
  const terms = await glossary();
  const { page, context, errors } = await openPage(b, server.base);
  await paste(page, 'Microsoft Windows [Version 6.1.7601]\n');
  assert.equal((await host(page)).verdict, 'unsupported');
  await assertWords(page, terms, 'Windows 7');
  await page.click('[data-example="all"]');
  await page.waitForSelector('table.hosts');
  await page.waitForSelector('html[data-engine="ready"]');
  await assertWords(page, terms, 'all the examples');
  await page.click('#clear-all');
  await upload(page, [join(FIXTURES, 'certs/derived-acs-chain.p7b'), join(FIXTURES, 'signed/pe-signed-nested.exe')]);
  await page.waitForSelector('.sig[data-signature-verdict]');
  await page.waitForSelector('.cert');
  await assertWords(page, terms, 'certificates and a signed file');
  // Certificate validity in the Japanese form.
  assert.match(await page.locator('.cert').first().innerText(), /\d{4}年\d{1,2}月\d{1,2}日/);
  await page.click('#clear-all');
  await paste(page, (await fixture('systeminfo/12-ja-win7-sp1-truncated.txt')).toString('utf8'));
  await host(page);
  await assertWords(page, terms, 'a Japanese Windows 7 systeminfo, cut short');
  assert.deepEqual(errors, []);
  await context.close();
});

test('Japanese footer: one sentence after another without a space, the data date in Japanese', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  const foot = await page.locator('footer').innerText();
  assert.doesNotMatch(foot, /。 /);
  assert.match(foot, /このツールのデータ（更新プログラムの一覧）: \d{4}年\d{1,2}月\d{1,2}日まで。/);
  assert.deepEqual(errors, []);
  await context.close();
});
