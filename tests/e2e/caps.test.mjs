// The page's caps on what it takes at once, each with its own message on the file's chip (or under
// the paste area), and nothing read or sent to a worker for what is refused: at most 50 files, 1 GiB
// of files in all, 256 MiB of files read whole (everything but installers) held by the engine, and
// 16 MiB of pasted text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, openPage, paste, host, workerTrace } from './harness.mjs';

let server, b;
before(async () => { server = await serve(); b = await browser(); });
after(async () => { await b?.close(); await server?.close(); });

const VER_OLD = 'Microsoft Windows [Version 10.0.17763.2183]\n';

/** Drops files made in the page: `[name, sizeMiB, firstBytes]` each (large ones share one 1 MiB Blob). */
async function drop(page, files) {
  const dt = await page.evaluateHandle((files) => {
    const mib = new Blob([new Uint8Array(1024 * 1024).fill(0x41)]);
    const d = new DataTransfer();
    for (const [name, mb, head] of files) {
      const parts = [new TextEncoder().encode(head), ...Array.from({ length: mb }, () => mib)];
      d.items.add(new File(parts, name, { type: 'application/octet-stream' }));
    }
    return d;
  }, files);
  await page.dispatchEvent('#drop', 'drop', { dataTransfer: dt });
}

const added = async (page) => (await workerTrace(page)).filter((m) => m.dir === 'in' && m.type === 'add');

test('at most 50 files at once: the 51st is refused with a message and never sent to the engine', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await drop(page, Array.from({ length: 51 }, (_, i) => [`host-${i + 1}.txt`, 0, `Microsoft Windows [Version 10.0.17763.${2000 + i}]\n`]));
  await page.waitForFunction(() => document.querySelectorAll('.chip').length === 51);
  const refused = page.locator('.chip--error');
  assert.equal(await refused.count(), 1);
  assert.match(await refused.innerText(), /host-51\.txt[\s\S]*ファイルが多すぎます[\s\S]*50 個まで/);
  assert.equal((await added(page)).length, 50);
  // The check has the 50 others.
  await page.waitForFunction(() => document.querySelectorAll('.chip--ok').length === 50
    && ![...document.querySelectorAll('.chip')].some((c) => /確認しています/.test(c.textContent)), null, { timeout: 30000 });
  const lastCheck = (await workerTrace(page)).filter((m) => m.dir === 'in' && m.type === 'check').at(-1);
  assert.equal(lastCheck.ids.length, 50);
  // A refused file's chip can be removed like any other.
  await refused.locator('.chip-remove').click();
  assert.equal(await page.locator('.chip--error').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('at most 1 GiB of files in all: a file that would pass it is refused with its size and the cap', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  // Two 600 MiB "installers" (MZ, then nothing of a PE): the first is taken, the second refused.
  await drop(page, [['first.exe', 600, 'MZ'], ['second.exe', 600, 'MZ']]);
  const refused = page.locator('.chip--error');
  await refused.waitFor();
  assert.match(await refused.innerText(), /second\.exe[\s\S]*合計が大きすぎます[\s\S]*1024\.0 MB[\s\S]*600\.0 MB/);
  assert.deepEqual((await added(page)).length, 1);
  // The first is no real PE: the verifier says so (through byte ranges; nothing is read whole).
  await page.waitForFunction(() => /first\.exe/.test(document.querySelector('.errors')?.textContent ?? ''), null, { timeout: 60000 });
  assert.deepEqual((await workerTrace(page)).filter((m) => m.phase === 'reading'), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('at most 256 MiB of files read whole in all: the engine refuses the file that would pass it', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await drop(page, [['a.log', 130, VER_OLD], ['b.log', 130, VER_OLD]]);
  const refused = page.locator('.chip--error');
  await refused.waitFor({ timeout: 60000 });
  assert.match(await refused.innerText(), /b\.log[\s\S]*読み込む量が多すぎます[\s\S]*130\.0 MB[\s\S]*合計 256\.0 MB/);
  await page.waitForFunction(() => document.querySelectorAll('article.host').length === 1, null, { timeout: 60000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('at most 16 MiB of pasted text: a longer paste is not checked, and the page says why', async () => {
  const { page, context, errors } = await openPage(b, `${server.base}?lang=en`, { locale: 'en-US' });
  await paste(page, VER_OLD);
  await host(page);
  const checks = async () => (await workerTrace(page)).filter((m) => m.dir === 'in' && m.type === 'check').length;
  const before = await checks();
  await page.evaluate((ver) => {
    const area = document.querySelector('#input');
    area.value = ver + 'x'.repeat(17 * 1024 * 1024);
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, VER_OLD);
  const message = page.locator('.paste-too-large');
  await message.waitFor();
  assert.match(await message.innerText(), /pasted text is too large \(17\.0 MB\): up to 16\.0 MB is checked/);
  await page.waitForFunction(() => !document.querySelector('article.host'));
  assert.equal(await page.locator('.chip').count(), 0);
  assert.equal(await checks(), before, 'the long paste went to the engine');
  await paste(page, VER_OLD);
  assert.equal((await host(page)).verdict, 'action_needed');
  assert.equal(await message.count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
