// Each verdict kind end to end: real inputs pasted or uploaded into the built page in Chromium give the
// contract's attributes, the plain-words banner, the checklist and the visible ESET alert (ja and en).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serve, browser, openPage, fixture, host, paste, upload, FIXTURES } from './harness.mjs';

let server, b;
before(async () => { server = await serve(); b = await browser(); });
after(async () => { await b?.close(); await server?.close(); });

const TITLE_JA = 'Azure Code Signingのサポートがありません';
const CLIENT_BODY_JA = 'このオペレーティング システムは Azure Code Signing をサポートしていません。ESET 製品のアップデートをインストールしてアップグレードできるように、オペレーティング システムを更新してください。';
const CONSOLE_BODY_JA = 'このオペレーティング システムは Azure Code Signing をサポートしていません。オペレーティング システムを更新する方法については、https://eset-support.canon-its.jp/faq/show/25954?site_domain=business を参照してください。これにより、ESET 製品のアップデートをインストールしてアップグレードできるようになります。';

test('ok, native: Windows 10 22H2 (systeminfo | findstr and ver, Japanese) pasted', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await paste(page, (await fixture('systeminfo/15-ja-win10-22h2-findstr-and-ver.txt')).toString('utf8'));
  const h = await host(page);
  assert.deepEqual([h.verdict, h.acs, h.root], ['ok', 'native', 'unknown']);
  assert.match(h.text, /対応済み/);
  assert.match(h.text, /デフォルトでサポート/);
  assert.equal(await page.locator('.alert').count(), 0, 'no alert for a ready host');
  assert.match(await h.locator.locator('.no-alert').innerText(), /表示されません/);
  // The root certificate was not checked, and the page says so, with the command to check it.
  assert.match(await h.locator.locator('[data-check="root"]').innerText(), /確認していない項目/);
  assert.match(await h.locator.locator('.actions').innerText(), /certutil -store Root F40042E2E5F7E8EF8189FED15519AECE42C3BFA2/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('ok, patched: a Server 2019 revision at or after the first ACS build; the evidence names the line', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await paste(page, 'C:\\>ver\n\nMicrosoft Windows [Version 10.0.17763.4010]\n');
  const h = await host(page);
  assert.deepEqual([h.verdict, h.acs], ['ok', 'patched']);
  const update = await h.locator.locator('[data-check="update"]').innerText();
  assert.match(update, /ビルド 17763\.4010（貼り付けたテキストの 3 行目）/);
  assert.equal(await page.locator('.alert').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('action needed: the alert in both places when "managed" is unknown, verbatim, with id and date', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await paste(page, 'Microsoft Windows [Version 10.0.17763.2183]\n');
  const h = await host(page);
  assert.deepEqual([h.verdict, h.acs, h.root], ['action_needed', 'needs_update', 'unknown']);
  assert.match(h.text, /対応が必要/);
  assert.match(await h.locator.locator('[data-check="update"]').innerText(), /KB5005625/);
  const client = page.locator('.alert[data-where="client"]');
  const consoleEntry = page.locator('.alert[data-where="console"]');
  assert.equal(await client.locator('.alert-title').innerText(), TITLE_JA);
  assert.equal(await client.locator('.alert-body').innerText(), CLIENT_BODY_JA);
  assert.equal(await consoleEntry.locator('.alert-title').innerText(), TITLE_JA);
  assert.equal(await consoleEntry.locator('.alert-body').innerText(), CONSOLE_BODY_JA);
  assert.equal(await consoleEntry.locator('.alert-body a').getAttribute('href'), 'https://eset-support.canon-its.jp/faq/show/25954?site_domain=business');
  for (const a of [client, consoleEntry]) {
    assert.equal(await a.getAttribute('data-alert-id'), 'AzureCodeSigningEol');
    assert.match(await a.innerText(), /AzureCodeSigningEol/);
    assert.match(await a.innerText(), /2023年7月10日以降に表示/);
  }
  // What to do: numbered steps with the KB5022661 and update-history links.
  const steps = page.locator('.action-list > li');
  assert.ok(await steps.count() >= 3);
  const hrefs = await page.locator('.action-list a').evaluateAll((as) => as.map((a) => a.href));
  assert.ok(hrefs.some((u) => u.includes('kb5022661')), hrefs.join(' '));
  assert.ok(hrefs.some((u) => u.startsWith('https://support.microsoft.com/help/')), hrefs.join(' '));
  assert.deepEqual(errors, []);
  await context.close();
});

test('managed yes / no / unknown decides where the alert shows, and the report follows the choice', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await paste(page, 'Microsoft Windows [Version 10.0.17763.2183]\n');
  await host(page);
  const places = async () => page.locator('.alert').evaluateAll((as) => as.map((a) => a.dataset.where));
  assert.deepEqual(await places(), ['client', 'console']);
  await page.check('#managed-yes');
  await page.waitForFunction(() => document.querySelectorAll('.alert').length === 1);
  assert.deepEqual(await places(), ['console']);
  assert.match(await page.locator('.alert').innerText(), /ESET PROTECT/);
  await page.check('#managed-no');
  await page.waitForFunction(() => document.querySelector('.alert')?.dataset.where === 'client');
  assert.deepEqual(await places(), ['client']);
  await page.check('#managed-unknown');
  await page.waitForFunction(() => document.querySelectorAll('.alert').length === 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test('unsupported: a Windows 7 / Server 2008 R2 banner', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await paste(page, 'Microsoft Windows [Version 6.1.7601]\nCopyright (c) 2009 Microsoft Corporation.  All rights reserved.\n');
  const h = await host(page);
  assert.deepEqual([h.verdict, h.acs], ['unsupported', 'end_of_support']);
  assert.match(h.text, /サポート対象外のOS/);
  assert.match(await h.locator.locator('.warnings').innerText(), /2023年12月8日/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('can\'t tell: a cmd banner without revision, uploaded as a file; says what was not checked', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await upload(page, join(FIXTURES, 'systeminfo/V03-en-cmd-banner-srv2016-no-ubr.txt'));
  const h = await host(page);
  assert.deepEqual([h.verdict, h.acs, h.root], ['unknown', 'unknown', 'unknown']);
  assert.match(h.text, /判定できません/);
  const update = await h.locator.locator('[data-check="update"]').innerText();
  assert.match(update, /確認していない項目: 入力に更新プログラムの一覧も OS ビルドのリビジョン（UBR）もありません/);
  // "What you may see": it cannot tell whether the alert shows, shows the alert it would be, and says how
  // to find out; never the "no alert" sentence.
  assert.equal(await h.locator.getAttribute('data-alert-expected'), 'unknown');
  const alerts = h.locator.locator('.alerts-block');
  assert.equal(await alerts.locator('h4').innerText(), '表示される可能性があるアラート');
  assert.match(await alerts.locator('.alert-lead').innerText(), /表示されるかどうかは、この入力からは判定できません。[\s\S]*表示される場合は、次のアラートです。確認する方法は「対応方法」を参照してください。/);
  assert.equal(await alerts.locator('.no-alert').count(), 0);
  assert.deepEqual(await alerts.locator('.alert').evaluateAll((as) => as.map((a) => a.dataset.where)), ['client', 'console']);
  assert.doesNotMatch(h.text, /アラートは表示されません/);
  // How to find out: every command runs ver.
  const commands = await h.locator.locator('.actions code').allInnerTexts();
  assert.ok(commands.length >= 2 && commands.every((c) => /\bver\b/.test(c)), commands.join(' | '));
  assert.equal(await page.locator('.chip .chip-name').first().innerText(), 'V03-en-cmd-banner-srv2016-no-ubr.txt');
  assert.match(await page.locator('.chip .chip-detail').first().innerText(), /^ver · utf-8 · 207 B$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('likely: a Get-HotFix paste without a build says "probably", names the KB, and reads the wide host name whole', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await paste(page, (await fixture('systeminfo/G03-ja-get-hotfix-wide-host-placeholder.txt')).toString('utf8'));
  const h = await host(page);
  assert.deepEqual([h.verdict, h.acs], ['ok', 'native']);
  assert.equal(await h.locator.getAttribute('data-confidence'), 'likely');
  assert.equal(await h.locator.getAttribute('data-alert-expected'), 'no');
  assert.equal(await h.locator.locator('.verdict').innerText(), '対応済みの可能性が高い');
  assert.match(await h.locator.locator('.summary').innerText(), /デフォルトで Azure Code Signing（ACS）をサポートしている可能性が高いです（未確定）。[\s\S]*KB5032189/);
  assert.match(await h.locator.locator('[data-check="update"]').innerText(), /可能性が高い（未確定）[\s\S]*ver/);
  const noAlert = await h.locator.locator('.no-alert').innerText();
  assert.match(noAlert, /おそらく表示されません（未確定）。[\s\S]*KB5032189[\s\S]*確定するには、コマンド プロンプトで「ver」を実行/);
  assert.equal(await page.locator('.alert').count(), 0);
  assert.match(await h.locator.locator('.banner-host').innerText(), /^"ホスト名（コンピューター名）" · Windows 10 21H2 \/ Windows 10 22H2/);
  assert.deepEqual(await h.locator.locator('.actions code').first().innerText(), 'ver');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the how-to: every command line includes ver', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  const commands = await page.locator('#howto code').allInnerTexts();
  assert.ok(commands.length >= 5, commands.join(' | '));
  for (const c of commands) assert.match(c, /\bver\b/, c);
  assert.deepEqual(errors, []);
  await context.close();
});

test('English: the alert is marked as a translation and ESET\'s Japanese original is shown under it', async () => {
  const { page, context, errors } = await openPage(b, `${server.base}?lang=en`);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.check('#managed-no');
  await paste(page, 'Microsoft Windows [Version 10.0.17763.2183]\n');
  const h = await host(page);
  assert.equal(h.verdict, 'action_needed');
  assert.match(h.text, /Action needed/);
  const alert = page.locator('.alert[data-where="client"]');
  assert.match(await alert.locator('.alert-title').innerText(), /^Azure Code Signing is not supported/);
  assert.match(await alert.locator('.badge').innerText(), /Translation/);
  assert.match(await alert.locator('.alert-body').innerText(), /^This operating system does not support Azure Code Signing\./);
  // This tool's translation of the FAQ's Japanese text: an English ESET installation words it its own way.
  assert.match(await alert.locator('.translated-note').innerText(), /this tool's translation of the Japanese text quoted in Canon ITS FAQ 25954\. An English ESET installation shows ESET's own English wording/);
  assert.doesNotMatch(await alert.innerText(), /ESET shows the Japanese text/);
  assert.equal(await alert.locator('.original-title').innerText(), TITLE_JA);
  assert.equal(await alert.locator('.original-body').innerText(), CLIENT_BODY_JA);
  assert.equal(await alert.locator('blockquote').getAttribute('lang'), 'ja');
  assert.equal(await page.locator('.alert[data-where="console"]').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the report appears within 100 ms of typing (the check runs in the engine worker)', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  // Once the engine has arrived (the paste area's focus loads it).
  await page.focus('#input');
  await page.waitForSelector('html[data-engine="ready"]');
  const ms = await page.evaluate(() => new Promise((resolve) => {
    const area = document.querySelector('#input');
    const start = performance.now();
    new MutationObserver((_, observer) => {
      if (document.querySelector('article.host')?.dataset.verdict === 'ok') {
        observer.disconnect();
        resolve(performance.now() - start);
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
    area.value = 'Microsoft Windows [Version 10.0.19045.2251]';
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }));
  assert.ok(ms < 100, `${ms.toFixed(1)} ms from typing to the report`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('every verdict kind in English: the banner words and the attributes', async () => {
  const { page, context, errors } = await openPage(b, `${server.base}?lang=en`, { locale: 'en-US' });
  // [input, verdict, acs status, alert expected, banner, checklist, the sentence of "What you will/may see"]
  const cases = [
    [(await fixture('systeminfo/15-ja-win10-22h2-findstr-and-ver.txt')).toString('utf8'), 'ok', 'native', 'no', /Ready/, /Supported by default/, /^This computer shows no "Azure Code Signing is not supported" alert/],
    ['Microsoft Windows [Version 10.0.17763.2183]\n', 'action_needed', 'needs_update', 'yes', /Action needed/, /Needs a Windows update/, /^This computer shows the following alert\.$/],
    // Windows 7 without a hotfix list: ESET's support ended, and nothing shows whether the update is there.
    ['Microsoft Windows [Version 6.1.7601]\n', 'unsupported', 'end_of_support', 'unknown', /Operating system not supported/, /Not checked/, /^These inputs cannot tell whether this computer shows/],
    [(await fixture('systeminfo/V03-en-cmd-banner-srv2016-no-ubr.txt')).toString('utf8'), 'unknown', 'unknown', 'unknown', /Can't tell/, /Not checked: The inputs show neither/, /^These inputs cannot tell whether this computer shows[\s\S]*To find out, see "What to do"\.$/],
    [(await fixture('systeminfo/G03-ja-get-hotfix-wide-host-placeholder.txt')).toString('utf8'), 'ok', 'native', 'no', /Probably ready/, /Very likely supported by default \(not confirmed\)/, /^This computer probably shows no "Azure Code Signing is not supported" alert \(not confirmed\)\.[\s\S]*To confirm, run ver/],
  ];
  for (const [text, verdict, acs, expected, banner, checklist, lead] of cases) {
    await paste(page, text);
    await page.waitForFunction(([v, a]) => document.querySelector('article.host')?.dataset.verdict === v && document.querySelector('article.host')?.dataset.acsStatus === a, [verdict, acs]);
    const h = await host(page);
    assert.deepEqual([h.verdict, h.acs, h.root], [verdict, acs, 'unknown']);
    assert.equal(await h.locator.getAttribute('data-alert-expected'), expected);
    assert.match(await h.locator.locator('.verdict').innerText(), banner);
    assert.match(await h.locator.locator('.checklist').innerText(), checklist);
    const sentence = await h.locator.locator(expected === 'no' ? '.no-alert' : '.alert-lead').innerText();
    assert.match(sentence, lead);
    const alerts = await page.locator('.alert .alert-title').allInnerTexts();
    assert.deepEqual(alerts.map((t) => t.replace(/\s*Translation$/, '')), expected === 'no' ? [] : ['Azure Code Signing is not supported', 'Azure Code Signing is not supported']);
    // The certain "no alert" sentence only where support is confirmed.
    assert.equal(h.text.includes('This computer shows no "Azure Code Signing is not supported" alert'), expected === 'no' && verdict === 'ok' && !/Probably/.test(await h.locator.locator('.verdict').innerText()));
  }
  assert.deepEqual(errors, []);
  await context.close();
});
