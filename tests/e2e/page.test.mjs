// The page's features: language, inputs (chips, examples, several files, large files, progress),
// several hosts, text shown as text, copy as text, download JSON, print, keyboard-only use.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { serve, browser, openPage, fixture, host, paste, upload, FIXTURES } from './harness.mjs';

let server, b;
before(async () => { server = await serve(); b = await browser(); });
after(async () => { await b?.close(); await server?.close(); });

const VER_OLD = 'Microsoft Windows [Version 10.0.17763.2183]\n';

test('language: Japanese by default, English from the browser or ?lang=en, and the switch flips it', async () => {
  {
    const { page, context, errors } = await openPage(b, server.base);
    assert.equal(await page.getAttribute('html', 'lang'), 'ja');
    assert.doesNotMatch(page.url(), /lang=/, 'the address changes only when the user switches');
    assert.match(await page.locator('h1').innerText(), /対応チェック/);
    await paste(page, VER_OLD);
    assert.match((await host(page)).text, /対応が必要/);
    await page.click('#lang-switch');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.match(await page.locator('h1').innerText(), /readiness check/);
    await page.waitForFunction(() => /Action needed/.test(document.querySelector('article.host')?.innerText ?? ''));
    assert.match(await page.locator('.alert[data-where="client"] .alert-title').innerText(), /Azure Code Signing is not supported/);
    assert.match(page.url(), /[?&]lang=en/);
    assert.equal(await page.inputValue('#input'), VER_OLD, 'the inputs stay');
    await page.click('#lang-switch');
    await page.waitForFunction(() => document.documentElement.lang === 'ja');
    assert.match((await host(page)).text, /対応が必要/);
    assert.deepEqual(errors, []);
    await context.close();
  }
  {
    const { page, context } = await openPage(b, server.base, { locale: 'en-US' });
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.match(await page.locator('#lang-switch').innerText(), /日本語/);
    await context.close();
  }
  {
    const { page, context } = await openPage(b, `${server.base}?lang=ja`, { locale: 'en-US' });
    assert.equal(await page.getAttribute('html', 'lang'), 'ja');
    await context.close();
  }
});

test('inputs: each file is a chip with its kind and encoding, removable; any encoding is read', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  const ver = await fixture('systeminfo/15-ja-win10-22h2-findstr-and-ver.txt');
  // The same real output, saved as Windows PowerShell 5.1 does (UTF-16LE with BOM).
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ver.toString('utf8'), 'utf16le')]);
  await upload(page, [
    { name: 'ver-utf16.txt', mimeType: 'text/plain', buffer: utf16 },
    { name: 'old.txt', mimeType: 'text/plain', buffer: Buffer.from(VER_OLD) },
  ]);
  await page.waitForFunction(() => document.querySelectorAll('article.host').length === 2);
  const chips = page.locator('.chip');
  assert.equal(await chips.count(), 2);
  assert.match(await chips.nth(0).innerText(), /ver-utf16\.txt[\s\S]*ver · utf-16le/);
  assert.match(await chips.nth(1).innerText(), /old\.txt[\s\S]*ver · utf-8/);
  // Remove one: the report follows.
  await chips.nth(1).locator('.chip-remove').click();
  await page.waitForFunction(() => document.querySelectorAll('article.host').length === 1);
  assert.equal((await host(page)).verdict, 'ok');
  // Unrecognised text is listed as an input that could not be read.
  await paste(page, 'hello, this is not a command output');
  await page.waitForSelector('.errors');
  assert.match(await page.locator('.errors').innerText(), /貼り付けたテキスト/);
  assert.match(await page.locator('.chip--error').innerText(), /認識できません/);
  await page.click('#clear-all');
  await page.waitForSelector('.empty');
  assert.equal(await page.locator('.chip').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('drop zone: files dropped on it are read like chosen ones', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  const text = (await fixture('systeminfo/15-ja-win10-22h2-findstr-and-ver.txt')).toString('utf8');
  const dt = await page.evaluateHandle((t) => {
    const d = new DataTransfer();
    d.items.add(new File([t], 'dropped.txt', { type: 'text/plain' }));
    return d;
  }, text);
  await page.dispatchEvent('#drop', 'dragover', { dataTransfer: dt });
  await page.dispatchEvent('#drop', 'drop', { dataTransfer: dt });
  const h = await host(page);
  assert.equal(h.verdict, 'ok');
  assert.match(await page.locator('.chip').innerText(), /dropped\.txt/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('several hosts: a summary table (host, OS, build, verdict) with links to each host', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await upload(page, [
    join(FIXTURES, 'systeminfo/15-ja-win10-22h2-findstr-and-ver.txt'),
    join(FIXTURES, 'systeminfo/V03-en-cmd-banner-srv2016-no-ubr.txt'),
    { name: 'server.txt', mimeType: 'text/plain', buffer: Buffer.from(VER_OLD) },
  ]);
  await page.waitForFunction(() => document.querySelectorAll('article.host').length === 3);
  const rows = page.locator('table.hosts tbody tr');
  assert.equal(await rows.count(), 3);
  const verdicts = await rows.evaluateAll((rs) => rs.map((r) => r.dataset.verdict));
  const hosts = await page.locator('article.host').evaluateAll((hs) => hs.map((h) => h.dataset.verdict));
  assert.deepEqual(verdicts, hosts);
  assert.deepEqual([...verdicts].sort(), ['action_needed', 'ok', 'unknown']);
  assert.match(await rows.nth(0).innerText(), /Windows 10 22H2[\s\S]*19045\.2251[\s\S]*対応済み/);
  const href = await rows.nth(2).locator('a').getAttribute('href');
  assert.equal(await page.locator(href).count(), 1);
  await rows.nth(2).locator('a').click();
  assert.ok(page.url().endsWith(href));
  assert.deepEqual(errors, []);
  await context.close();
});

test('many hosts (a log full of banners): all in the table, the first 50 drawn in full', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  const lines = Array.from({ length: 60 }, (_, i) => `Microsoft Windows [Version 10.0.${30000 + i}.1]`).join('\n');
  await paste(page, lines);
  await page.waitForSelector('.more-hosts');
  assert.equal(await page.locator('table.hosts tbody tr').count(), 60);
  assert.equal(await page.locator('article.host').count(), 50);
  assert.match(await page.locator('.more-hosts').innerText(), /ほか 10 台/);
  assert.equal(await page.locator('table.hosts tbody tr').nth(59).locator('a').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('try an example: each button loads a real sample; "all" checks several hosts at once', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await page.click('[data-example="0"]');
  assert.equal((await host(page)).verdict, 'ok');
  assert.match(await page.locator('.chip').first().innerText(), /15-ja-win10-22h2-findstr-and-ver\.txt/);
  await page.click('#clear-all');
  await page.click('[data-example="all"]');
  await page.waitForFunction(() => document.querySelectorAll('.chip').length === 4);
  await page.waitForSelector('table.hosts');
  assert.ok(await page.locator('article.host').count() >= 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test('pasted HTML and script are shown as text, never run', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>\n' + VER_OLD;
  await paste(page, evil);
  await host(page);
  await upload(page, { name: '<img src=y onerror="window.__pwned=3">.txt', mimeType: 'text/plain', buffer: Buffer.from('<b>bold</b>') });
  await page.waitForFunction(() => document.querySelectorAll('.chip').length === 2);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('main img, main script, main b').count(), 0);
  assert.match(await page.locator('.chip').nth(1).innerText(), /<img src=y onerror="window.__pwned=3">\.txt/);
  assert.match(await page.locator('.errors').innerText(), /<img src=y/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('large installers are verified through byte ranges, never read whole; smaller files show progress', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await page.evaluate(() => {
    window.__sawProgress = false;
    new MutationObserver(() => { if (document.querySelector('#read-progress, .chip-progress')) window.__sawProgress = true; })
      .observe(document.body, { subtree: true, childList: true });
    // Record the largest single read of any Blob: the engine must read an installer by ranges.
    window.__largestRead = 0;
    const arrayBuffer = Blob.prototype.arrayBuffer;
    Blob.prototype.arrayBuffer = function () {
      window.__largestRead = Math.max(window.__largestRead, this.size);
      return arrayBuffer.call(this);
    };
  });
  // An unsigned PE followed by 40 MB: an installer-sized file.
  const pe = await fixture('signed/pe-unsigned.exe');
  const big = Buffer.concat([pe, Buffer.alloc(40 * 1024 * 1024)]);
  await upload(page, { name: 'setup.exe', mimeType: 'application/octet-stream', buffer: big });
  await page.waitForSelector('.card-item.sig[data-status="unsigned"]', { timeout: 60000 });
  assert.match(await page.locator('.card-item.sig').innerText(), /setup\.exe/);
  assert.ok(await page.evaluate(() => window.__largestRead) <= 8 * 1024 * 1024, 'the installer was read whole');
  // A 6 MB session log holding one real output: read in chunks with a progress bar, then checked.
  const output = (await fixture('systeminfo/15-ja-win10-22h2-findstr-and-ver.txt')).toString('utf8');
  const filler = 'C:\\Windows\\system32>whoami\nnt authority\\system\n';
  const many = Buffer.from(output + filler.repeat(Math.ceil((6 * 1024 * 1024) / filler.length)));
  await upload(page, { name: 'big-log.txt', mimeType: 'text/plain', buffer: many });
  await page.waitForSelector('article.host', { timeout: 30000 });
  assert.equal(await page.evaluate(() => window.__sawProgress), true);
  await page.waitForFunction(() => !document.querySelector('.chip--reading'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('copy as text: a plain-text report for a ticket', async () => {
  const { page, context, errors } = await openPage(b, server.base, { permissions: ['clipboard-read', 'clipboard-write'] });
  await page.check('#managed-no');
  await paste(page, VER_OLD);
  await host(page);
  await page.click('#copy-report');
  await page.waitForFunction(() => /コピーしました/.test(document.querySelector('.support')?.innerText ?? ''));
  const text = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(text, /^Azure Code Signing 対応チェック（acs-check）の結果/);
  assert.match(text, /判定: 対応が必要/);
  assert.match(text, /「Azure Code Signingのサポートがありません」/);
  assert.match(text, /アラート ID: AzureCodeSigningEol/);
  assert.match(text, /1\. Windows Update で最新の累積的な更新プログラム（KB5005625 以降）を適用/);
  assert.match(text, /セキュリティ管理ツール（ESET PROTECT）による管理: いいえ/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('download JSON: the report contract', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await paste(page, VER_OLD);
  await host(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
  assert.equal(download.suggestedFilename(), 'acs-check-report.json');
  const report = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(report.schema, 1);
  assert.match(report.data_as_of, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(report.lang, 'ja');
  assert.equal(report.managed, 'unknown');
  assert.deepEqual(report.inputs, [{ name: 'pasted text', kinds: ['ver'], encoding: 'utf-8', size: 1 }]);
  assert.equal(report.root_ca.status, 'unknown');
  const h = report.hosts[0];
  assert.equal(h.verdict, 'action_needed');
  assert.equal(h.acs.status, 'needs_update');
  assert.equal(h.acs.required, 'KB5005625');
  assert.deepEqual(h.alerts.map((a) => a.where), ['client', 'console']);
  assert.equal(h.alerts[0].title, 'Azure Code Signingのサポートがありません');
  assert.ok(h.actions.every((a) => typeof a.text === 'string'));
  assert.deepEqual(report.certificates, []);
  assert.deepEqual(report.errors, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the data date: in the footer from the start, and in each verdict\'s details', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  const foot = page.locator('footer .data-as-of');
  const date = await foot.getAttribute('data-as-of');
  assert.match(date, /^\d{4}-\d{2}-\d{2}$/);
  // Japanese text writes the date as 2026年8月11日; the attribute keeps the ISO date.
  const ja = date.replace(/^(\d{4})-0?(\d{1,2})-0?(\d{1,2})$/, '$1年$2月$3日');
  assert.ok((await foot.innerText()).includes(ja));
  await paste(page, VER_OLD);
  await host(page);
  // The engine's report says the same date: at the report's end and in the host's details.
  assert.ok((await page.locator('.report > .as-of').textContent()).includes(ja));
  assert.ok((await page.locator('article.host details.details .as-of').textContent()).includes(ja));
  await page.click('#lang-switch');
  await page.waitForFunction((d) => (document.querySelector('footer .data-as-of')?.innerText ?? '').includes(`This tool's data (the list of updates): up to ${d}`), date);
  assert.deepEqual(errors, []);
  await context.close();
});

test('print: the print stylesheet shows the report only', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await paste(page, VER_OLD);
  await host(page);
  await page.emulateMedia({ media: 'print' });
  const display = (sel) => page.locator(sel).first().evaluate((e) => getComputedStyle(e).display);
  assert.equal(await display('#howto'), 'none');
  assert.equal(await display('#give'), 'none');
  assert.equal(await display('.support'), 'none');
  assert.notEqual(await display('article.host'), 'none');
  // The details print although their <details> is closed.
  assert.equal(await page.locator('.details').first().getAttribute('open'), null);
  assert.ok((await page.locator('.details table').first().boundingBox()).height > 0, 'facts table printed');
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await display('#howto'), 'block');
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard only: skip link, paste, choose "managed", reach the report\'s buttons', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'lang-switch');
  // Tab on until the paste area (through the how-to's copy buttons).
  for (let i = 0; i < 20 && (await page.evaluate(() => document.activeElement.id)) !== 'input'; i++) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'input');
  await page.keyboard.insertText(VER_OLD);
  await host(page);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'file-input');
  // On through the chip and the examples to the "managed" radios; arrows choose.
  for (let i = 0; i < 20 && !(await page.evaluate(() => document.activeElement.name === 'managed')); i++) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'managed-unknown');
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => document.querySelectorAll('.alert').length === 1);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'managed-yes');
  assert.equal(await page.locator('.alert').getAttribute('data-where'), 'console');
  // Then into the report: its links and buttons come in reading order, ending with the support buttons.
  const seen = [];
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    seen.push(await page.evaluate(() => document.activeElement.id || document.activeElement.tagName));
    if (seen.at(-1) === 'print') break;
  }
  assert.ok(seen.includes('copy-report') && seen.includes('download-json') && seen.at(-1) === 'print', seen.join(' '));
  assert.ok(seen.indexOf('copy-report') < seen.indexOf('download-json'));
  // The verdict is announced in a live region.
  assert.match(await page.locator('#live').innerText(), /対応が必要/);
  assert.equal(await page.getAttribute('#live', 'aria-live'), 'polite');
  assert.deepEqual(errors, []);
  await context.close();
});
