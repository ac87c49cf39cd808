// How files are taken in: each file crosses to the engine worker once, as a File (the page's main
// thread never reads it); the worker reads text files whole, with progress, and hands installers,
// certificates and signatures to the verifier worker, which verifies installers through byte ranges,
// once; later checks (typing, options, language) use the kept result and verify nothing again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, openPage, fixture, host, paste, upload, workerTrace } from './harness.mjs';

let server, b;
before(async () => { server = await serve(); b = await browser(); });
after(async () => { await b?.close(); await server?.close(); });

const MiB = 1024 * 1024;
const VER_OLD = 'Microsoft Windows [Version 10.0.17763.2183]\n';

/** Records the main thread's reads of Blobs (bytes) and the chip states seen with their progress. */
async function instrument(page) {
  await page.evaluate(() => {
    const seen = (window.__seen = { mainBytes: 0, states: [], readProgress: 0 });
    for (const name of ['arrayBuffer', 'text', 'bytes']) {
      const original = Blob.prototype[name];
      if (!original) continue;
      Blob.prototype[name] = function (...args) {
        seen.mainBytes += this.size;
        return original.apply(this, args);
      };
    }
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
const sent = (trace, type, id) => trace.filter((m) => m.dir === 'in' && m.type === type && (id === undefined || m.id === id));

test('a large signed installer is verified once, in the verifier worker; later checks never verify it again', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await instrument(page);
  // The signed PE with 40 MB appended after its certificate table: installer-sized, and its digest no
  // longer matches (the status is `invalid`).
  const big = Buffer.concat([await fixture('signed/pe-signed.exe'), Buffer.alloc(40 * MiB)]);
  await upload(page, { name: 'setup-signed.exe', mimeType: 'application/octet-stream', buffer: big });
  await page.waitForSelector('.card-item.sig[data-status="invalid"]', { timeout: 60000 });
  assert.match(await page.locator('.card-item.sig').innerText(), /setup-signed\.exe/);
  const once = await seen(page);
  assert.equal(once.mainBytes, 0, 'the page\'s main thread read the file');
  assert.ok(once.states.includes('large'), `chip states: ${once.states}`);
  assert.equal(once.readProgress, 0, 'the installer was read whole');
  assert.match(await page.locator('.chip').innerText(), /setup-signed\.exe[\s\S]*40\.0 MB/);
  let trace = await workerTrace(page);
  const id = sent(trace, 'add')[0].id;
  assert.equal(sent(trace, 'add', id).length, 1, 'the file crossed to the engine more than once');
  assert.ok(sent(trace, 'add', id)[0].hasBlob, 'the file crossed as a Blob');
  assert.equal(sent(trace, 'analyse', id).length, 1, 'the file was verified more than once');
  const hashing = trace.filter((m) => m.dir === 'out' && m.phase === 'hashing' && m.id === id);
  assert.ok(hashing.length >= 2 && hashing.at(-1).done === hashing.at(-1).total && hashing.at(-1).total > 40 * 1000 * 1000,
    `hashing progress: ${JSON.stringify(hashing.at(-1))}`);

  // Typing, the options and the language run new checks with the kept result: nothing is verified again.
  const before = trace.length;
  await page.focus('#input');
  for (const ch of VER_OLD) await page.keyboard.type(ch);
  await page.waitForFunction(() => document.querySelector('article.host')?.dataset.verdict === 'action_needed');
  await page.check('#managed-yes');
  await page.waitForFunction(() => document.querySelectorAll('.alert').length === 1);
  await page.click('#lang-switch');
  await page.waitForFunction(() => /Signatures|signature/i.test(document.querySelector('.sigs')?.innerText ?? ''));
  await page.waitForTimeout(300);
  trace = (await workerTrace(page)).slice(before);
  assert.ok(sent(trace, 'check').length >= 3, 'the changes ran checks');
  assert.deepEqual(sent(trace, 'analyse'), [], 'verified again');
  assert.deepEqual(trace.filter((m) => m.phase === 'hashing'), [], 'hashed again');
  assert.equal((await seen(page)).mainBytes, 0);
  assert.equal(await page.locator('.card-item.sig[data-status="invalid"]').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a small installer goes to the verifier too, read through byte ranges there', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await instrument(page);
  const mid = Buffer.concat([await fixture('signed/pe-unsigned.exe'), Buffer.alloc(2 * MiB)]);
  await upload(page, { name: 'setup-2mb.exe', mimeType: 'application/octet-stream', buffer: mid });
  await page.waitForSelector('.card-item.sig[data-status="unsigned"]', { timeout: 60000 });
  const trace = await workerTrace(page);
  assert.equal(sent(trace, 'analyse').length, 1);
  // The engine worker looked at its first bytes only: no reading progress.
  assert.deepEqual(trace.filter((m) => m.phase === 'reading'), []);
  assert.equal((await seen(page)).mainBytes, 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a large text file is read by the engine worker, with progress, and checked', async () => {
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
  assert.equal(s.mainBytes, 0, 'the page\'s main thread read the file');
  const trace = await workerTrace(page);
  const reading = trace.filter((m) => m.dir === 'out' && m.phase === 'reading');
  assert.ok(reading.length >= 30 && reading.at(-1).done === log.length, `reading progress: ${reading.length}`);
  assert.deepEqual(sent(trace, 'analyse'), [], 'a text file went to the verifier');
  assert.match(await page.locator('.chip').innerText(), /session\.log/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('certificates and signature files are routed to the verifier; text with a PEM block too', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await upload(page, [
    { name: 'chain.p7b', mimeType: 'application/octet-stream', buffer: await fixture('certs/derived-acs-chain.p7b') },
    { name: 'chain.pem', mimeType: 'text/plain', buffer: await fixture('certs/derived-acs-chain.p7b.pem') },
    { name: 'roots.txt', mimeType: 'text/plain', buffer: await fixture('certs/powershell-cert-drive.txt') },
  ]);
  await page.waitForFunction(() => document.querySelectorAll('.card-item.cert').length >= 2
    && [...document.querySelectorAll('.chip')].every((c) => c.classList.contains('chip--ok') && !/確認しています/.test(c.textContent)));
  const trace = await workerTrace(page);
  const routed = trace.filter((m) => m.dir === 'out' && m.type === 'file' && m.state === 'verify').map((m) => m.id);
  const adds = Object.fromEntries(sent(trace, 'add').map((m) => [m.id, m]));
  assert.equal(Object.keys(adds).length, 3);
  const [p7b, pem, listing] = Object.keys(adds).map(Number).sort((x, y) => x - y);
  assert.deepEqual(routed.sort((x, y) => x - y), [p7b, pem], 'the binary PKCS #7 and the PEM text go to the verifier; the listing does not');
  assert.ok(!routed.includes(listing));
  // A pasted PEM block goes to the verifier as well (the paste is analysed there before the check).
  const pasted = (await fixture('signed/chain-ok.pem')).toString('utf8');
  await paste(page, pasted);
  await page.waitForFunction(() => document.querySelector('.chip')?.textContent.includes('PEM'));
  const pasteAnalyses = (await workerTrace(page)).filter((m) => m.dir === 'in' && m.type === 'analyse' && String(m.id).startsWith('paste'));
  assert.equal(pasteAnalyses.length, 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a file above 256 MiB that is no installer is refused with a message, without being read', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await instrument(page);
  // 257 MiB made of one 1 MiB part (the browser keeps it as a Blob; nobody reads it).
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
  assert.equal((await seen(page)).mainBytes, 0);
  assert.deepEqual((await workerTrace(page)).filter((m) => m.phase === 'reading'), [], 'the engine read it');
  assert.deepEqual(errors, []);
  await context.close();
});
