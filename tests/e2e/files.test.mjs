// How files are taken in: one rule for the page and the JavaScript package (installers above 16 MiB
// are verified through byte ranges, once; other files are read by the page in chunks, with progress,
// up to 256 MiB), and a check that never reads a file again (not on progress, keystrokes or options).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, openPage, fixture, host, paste, upload } from './harness.mjs';

let server, b;
before(async () => { server = await serve(); b = await browser(); });
after(async () => { await b?.close(); await server?.close(); });

const MiB = 1024 * 1024;
const VER_OLD = 'Microsoft Windows [Version 10.0.17763.2183]\n';

/**
 * Records every read of a Blob (bytes and calls of `arrayBuffer`, calls of `slice`), the chip
 * states seen, and the largest reading progress a chip showed.
 */
async function instrument(page) {
  await page.evaluate(() => {
    const seen = (window.__seen = { bytes: 0, reads: 0, slices: 0, largestRead: 0, states: [], readProgress: 0 });
    const arrayBuffer = Blob.prototype.arrayBuffer;
    Blob.prototype.arrayBuffer = function () {
      seen.bytes += this.size;
      seen.reads += 1;
      seen.largestRead = Math.max(seen.largestRead, this.size);
      return arrayBuffer.call(this);
    };
    const slice = Blob.prototype.slice;
    Blob.prototype.slice = function (...args) {
      seen.slices += 1;
      return slice.apply(this, args);
    };
    new MutationObserver(() => {
      for (const chip of document.querySelectorAll('.chip')) {
        const state = chip.className.match(/chip--(\w+)/)?.[1];
        if (state && !seen.states.includes(state)) seen.states.push(state);
        const bar = chip.querySelector('.chip-progress');
        if (state === 'reading' && bar) seen.readProgress = Math.max(seen.readProgress, Number(bar.value));
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

const seen = (page) => page.evaluate(() => structuredClone(window.__seen));

test('a large signed installer is verified once: the result arrives, the file is read about once, and nothing restarts it', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await instrument(page);
  // The signed PE with 40 MB appended after its certificate table: installer-sized, and its digest no
  // longer matches (the status is `invalid`). Before the fix, each hashing progress step restarted
  // the check, which hashed the whole file again: hundreds of times, and no result.
  const big = Buffer.concat([await fixture('signed/pe-signed.exe'), Buffer.alloc(40 * MiB)]);
  await upload(page, { name: 'setup-signed.exe', mimeType: 'application/octet-stream', buffer: big });
  await page.waitForSelector('.card-item.sig[data-status="invalid"]', { timeout: 60000 });
  assert.match(await page.locator('.card-item.sig').innerText(), /setup-signed\.exe/);
  const once = await seen(page);
  assert.ok(once.bytes <= big.length + 8 * MiB, `read ${once.bytes} bytes of a ${big.length}-byte file`);
  assert.ok(once.largestRead <= 8 * MiB, `one read of ${once.largestRead} bytes: the installer was read whole`);
  assert.ok(once.states.includes('large'), `chip states: ${once.states}`);
  assert.equal(once.readProgress, 0, 'the page read the installer in chunks');
  assert.match(await page.locator('.chip').innerText(), /setup-signed\.exe[\s\S]*40\.0 MB/);

  // Typing, the options and the language run new checks with the kept result: no read at all.
  await page.focus('#input');
  for (const ch of VER_OLD) await page.keyboard.type(ch);
  assert.equal((await host(page)).verdict, 'action_needed');
  await page.check('#managed-yes');
  await page.waitForFunction(() => document.querySelectorAll('.alert').length === 1);
  await page.click('#lang-switch');
  await page.waitForFunction(() => /Signatures|signature/i.test(document.querySelector('.sigs')?.innerText ?? ''));
  await page.waitForTimeout(300);
  const after = await seen(page);
  assert.equal(after.bytes, once.bytes, 'the file was read again');
  assert.equal(after.slices, once.slices, 'the file was sliced again');
  assert.equal(await page.locator('.card-item.sig[data-status="invalid"]').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an installer between 16 and 32 MiB is verified through byte ranges, like the JavaScript package does', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await instrument(page);
  const mid = Buffer.concat([await fixture('signed/pe-unsigned.exe'), Buffer.alloc(20 * MiB)]);
  await upload(page, { name: 'setup-20mb.exe', mimeType: 'application/octet-stream', buffer: mid });
  await page.waitForSelector('.card-item.sig[data-status="unsigned"]', { timeout: 60000 });
  const s = await seen(page);
  assert.ok(s.states.includes('large'), `chip states: ${s.states}`);
  assert.equal(s.readProgress, 0, 'the page read the installer in chunks');
  assert.ok(s.bytes <= mid.length + 8 * MiB, `read ${s.bytes} bytes`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a file above 32 MiB that is no installer is read by the page, with progress, and checked', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await instrument(page);
  // A 34 MB session log holding one real output.
  const output = (await fixture('systeminfo/15-ja-win10-22h2-findstr-and-ver.txt')).toString('utf8');
  const filler = 'C:\\Windows\\system32>whoami\nnt authority\\system\n';
  const log = Buffer.from(output + filler.repeat(Math.ceil((34 * MiB) / filler.length)));
  await upload(page, { name: 'session.log', mimeType: 'text/plain', buffer: log });
  assert.equal((await host(page)).verdict, 'ok');
  await page.waitForFunction(() => !document.querySelector('.chip--reading'));
  const s = await seen(page);
  assert.ok(!s.states.includes('large'), `chip states: ${s.states} (said "verifying its signature")`);
  assert.ok(s.readProgress > 0, 'no reading progress');
  assert.ok(s.largestRead <= MiB, `one read of ${s.largestRead} bytes`);
  assert.ok(s.bytes <= log.length + 16, `read ${s.bytes} of ${log.length} bytes`);
  assert.match(await page.locator('.chip').innerText(), /session\.log/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a file above 256 MiB that is no installer is refused with a message, without being read', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await instrument(page);
  // 257 MiB made of one 1 MiB part (the browser keeps it as a Blob; the page must not read it).
  const dt = await page.evaluateHandle(() => {
    const part = new Uint8Array(1024 * 1024).fill(0x41);
    const d = new DataTransfer();
    d.items.add(new File(Array.from({ length: 257 }, () => part), 'huge.log', { type: 'text/plain' }));
    return d;
  });
  await page.dispatchEvent('#drop', 'drop', { dataTransfer: dt });
  const chip = page.locator('.chip--error');
  await chip.waitFor();
  assert.match(await chip.innerText(), /huge\.log[\s\S]*大きすぎます[\s\S]*256/);
  await paste(page, VER_OLD);
  assert.equal((await host(page)).verdict, 'action_needed');
  const s = await seen(page);
  assert.ok(s.bytes <= 16, `read ${s.bytes} bytes of a refused file`);
  assert.deepEqual(errors, []);
  await context.close();
});
