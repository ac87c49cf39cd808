// The tab stays responsive while a 150 MB signed MSI is verified: the verification runs in the
// verifier worker, the main thread never runs a task over 200 ms (the Long Tasks API), the chip shows
// the hashing progress in percent, and Stop ends the verification (its worker is ended).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, browser, openPage, paste, host, workerTrace, FIXTURES } from './harness.mjs';
import { readStream, writeBigMsi } from './cfb.mjs';

const MiB = 1024 * 1024;
let server, b, dir, msiPath, msiSize;
before(async () => {
  server = await serve();
  b = await browser();
  dir = await mkdtemp(join(tmpdir(), 'acs-msi-'));
  msiPath = join(dir, 'eset-setup-150mb.msi');
  const signature = readStream(await readFile(join(FIXTURES, 'signed/msi-signed.msi')), '\u0005DigitalSignature');
  msiSize = await writeBigMsi(msiPath, signature, 150 * MiB);
});
after(async () => {
  await b?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Records the main thread's long tasks (over 50 ms) from now on, in `window.__longTasks`. */
async function watchLongTasks(page) {
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask' });
  });
}

test('a 150 MB signed MSI is verified with the tab responsive: no main-thread task over 200 ms', async () => {
  // Dropped first: the workers load the module that holds both engine and verifier.
  const { page, context, errors } = await openPage(b, server.base);
  await watchLongTasks(page);
  await page.setInputFiles('#file-input', msiPath);
  // The chip shows the hashing in percent while it runs.
  await page.waitForFunction(() => /署名を検証しています (\d+)%/.test(document.querySelector('.chip--large')?.textContent ?? '')
    && Number(document.querySelector('.chip--large .chip-progress')?.value) > 0, null, { timeout: 60000 });
  // The page answers while the verifier hashes: a paste is checked meanwhile.
  await paste(page, 'Microsoft Windows [Version 10.0.17763.2183]\n');
  await page.waitForFunction(() => document.querySelector('article.host')?.dataset.verdict === 'action_needed');
  await page.waitForSelector('.card-item.sig[data-status="invalid"]', { timeout: 120000 });
  const longTasks = await page.evaluate(() => window.__longTasks);
  assert.ok(longTasks.every((ms) => ms <= 200), `main-thread tasks over 200 ms: ${longTasks.join(', ')}`);
  const trace = await workerTrace(page);
  const hashing = trace.filter((m) => m.dir === 'out' && m.phase === 'hashing');
  assert.ok(hashing.length >= 10, `${hashing.length} progress messages`);
  assert.ok(hashing.at(-1).total > 150 * 1000 * 1000 && hashing.at(-1).total <= msiSize, JSON.stringify(hashing.at(-1)));
  assert.deepEqual(errors, []);
  await context.close();
});

test('Stop ends the verification of a 150 MB MSI: its worker ends, the chip says it was stopped', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await paste(page, 'Microsoft Windows [Version 10.0.17763.2183]\n');
  await host(page);
  await page.setInputFiles('#file-input', msiPath);
  await page.waitForFunction(() => Number(document.querySelector('.chip--large .chip-progress')?.value) > 0, null, { timeout: 60000 });
  await page.click('.checking #stop');
  await page.waitForSelector('.chip--error');
  assert.match(await page.locator('.chip--error').innerText(), /eset-setup-150mb\.msi[\s\S]*中止しました/);
  const stoppedAt = (await workerTrace(page)).length;
  await page.waitForTimeout(500);
  const trace = await workerTrace(page);
  const verifier = trace.find((m) => m.dir === 'in' && m.type === 'init' && m.role === 'verifier').worker;
  assert.ok(trace.some((m) => m.dir === 'end' && m.worker === verifier), 'the verifier worker was not ended');
  assert.deepEqual(trace.slice(stoppedAt).filter((m) => m.phase === 'hashing'), [], 'hashing went on after Stop');
  assert.equal(await page.locator('.checking').count(), 0);
  // The other input's report stays, and the stopped file is no input.
  assert.equal((await host(page)).verdict, 'action_needed');
  assert.equal(await page.locator('.card-item.sig').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
