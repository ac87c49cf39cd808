// The checker's workers, seen from the page: a load that failed is tried again at the next check (and
// says so); a check that failed leaves no report of other inputs on screen; checks run only when the
// inputs or options change, at most once per animation frame; a check still running when the inputs
// change is cancelled (its worker ended, a new one takes the inputs over); Stop ends everything running.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serve, browser, openPage, fixture, host, paste, upload, workerTrace, FIXTURES } from './harness.mjs';

let server, b;
before(async () => { server = await serve(); b = await browser(); });
after(async () => { await b?.close(); await server?.close(); });

const VER_OLD = 'Microsoft Windows [Version 10.0.17763.2183]\n';
/** The browser's own report of a request the test made fail. */
const failedRequest = (e) => /Failed to load resource|ERR_FAILED|Failed to fetch/.test(e);

/** The worker script with `code` run at the start of every check (a test's instrument). */
const instrumentChecks = (code) => (context) => context.route('**/engine-*/worker.js', async (route) => {
  const response = await route.fetch();
  const body = (await response.text()).replace('async function check({ seq, ids, paste, options }) {', `$&\n${code}`);
  assert.ok(body.includes(code));
  await route.fulfill({ response, body });
});

test('the engine could not load: the page says so, and the next check loads it', async () => {
  let refused = 0;
  const { page, context, errors } = await openPage(b, server.base, {
    setup: (context) => context.route('**/acs_check_pkg_bg.wasm', (route) => (refused++ === 0 ? route.abort() : route.continue())),
  });
  // The paste area's focus loads the engine (a text is coming).
  await page.focus('#input');
  const error = page.locator('.engine-error');
  await error.waitFor();
  assert.equal(await error.getAttribute('data-error'), 'load');
  assert.match(await error.innerText(), /チェック機能を読み込めませんでした/);
  await paste(page, VER_OLD);
  assert.equal((await host(page)).verdict, 'action_needed');
  assert.equal(await error.count(), 0, 'the error stayed after the engine loaded');
  assert.equal(refused, 2, 'the engine\'s wasm was fetched again');
  assert.deepEqual(errors.filter((e) => !failedRequest(e)), []);
  await context.close();
});

test('a file given while the engine is still loading waits for it, and is checked', async () => {
  // The engine's wasm arrives 1.5 s late: the file is read meanwhile, and routed once the engine is there.
  const { page, context, errors } = await openPage(b, server.base, {
    setup: (context) => context.route('**/acs_check_pkg_bg.wasm', async (route) => {
      await new Promise((ok) => setTimeout(ok, 1500));
      await route.continue();
    }),
  });
  await upload(page, { name: 'old.txt', mimeType: 'text/plain', buffer: Buffer.from(VER_OLD) });
  assert.equal(await page.locator('html[data-engine="ready"]').count(), 0, 'the engine was not slow');
  assert.equal((await host(page)).verdict, 'action_needed');
  assert.equal(await page.locator('.chip--error').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a check that fails: the report of the previous inputs goes, and the message says this check failed', async () => {
  const { page, context, errors } = await openPage(b, server.base, {
    setup: instrumentChecks("if (paste?.text?.includes('FAIL-THIS-CHECK')) { post({ type: 'check-failed', seq, message: 'injected failure' }); return; }"),
  });
  await paste(page, VER_OLD);
  assert.equal((await host(page)).verdict, 'action_needed');
  await paste(page, `FAIL-THIS-CHECK\n${VER_OLD}`);
  const error = page.locator('.engine-error');
  await error.waitFor();
  assert.equal(await error.getAttribute('data-error'), 'check');
  assert.match(await error.innerText(), /このチェックは失敗しました（injected failure）/);
  assert.equal(await page.locator('[data-verdict]').count(), 0, 'a report of other inputs is still shown');
  await paste(page, VER_OLD);
  assert.equal((await host(page)).verdict, 'action_needed');
  assert.equal(await error.count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('checks run when the inputs change, at most once per animation frame, and never for reading progress', async () => {
  const { page, context, errors } = await openPage(b, server.base);
  await paste(page, VER_OLD);
  await host(page);
  const checks = async () => (await workerTrace(page)).filter((m) => m.dir === 'in' && m.type === 'check').length;
  // 30 edits, each in a task of its own (as fast typing or a script would make them).
  const before = await checks();
  const frames = await page.evaluate(() => new Promise((resolve) => {
    const area = document.querySelector('#input');
    let n = 0;
    const count = () => { n += 1; requestAnimationFrame(count); };
    requestAnimationFrame(count);
    const channel = new MessageChannel();
    let i = 0;
    channel.port1.onmessage = () => {
      area.value = `Microsoft Windows [Version 10.0.17763.${4000 + i}]`;
      area.dispatchEvent(new Event('input', { bubbles: true }));
      if (++i < 30) channel.port2.postMessage(0);
      else requestAnimationFrame(() => requestAnimationFrame(() => resolve(n)));
    };
    channel.port2.postMessage(0);
  }));
  const burst = (await checks()) - before;
  assert.ok(burst <= frames + 1 && burst < 30, JSON.stringify({ burst, frames }));
  await page.waitForFunction(() => /17763\.4029/.test(document.querySelector('article.host')?.innerText ?? ''));
  // A 6 MB log read in 1 MiB chunks: one check once it is read, none per chunk.
  const atUpload = await checks();
  const filler = 'C:\\Windows\\system32>whoami\nnt authority\\system\n';
  const output = (await fixture('systeminfo/15-ja-win10-22h2-findstr-and-ver.txt')).toString('utf8');
  const log = Buffer.from(output + filler.repeat(Math.ceil((6 * 1024 * 1024) / filler.length)));
  await upload(page, { name: 'session.log', mimeType: 'text/plain', buffer: log });
  await page.waitForFunction(() => document.querySelectorAll('article.host').length === 2);
  await page.waitForTimeout(200);
  assert.equal((await checks()) - atUpload, 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a check still running when the inputs change is cancelled: its worker ends, a new one has the inputs', async () => {
  // Every check of a paste that holds SLOW-CHECK runs for 3 s (a stand-in for a hostile input).
  const { page, context, errors } = await openPage(b, server.base, {
    setup: instrumentChecks("if (paste?.text?.includes('SLOW-CHECK')) { const end = Date.now() + 3000; while (Date.now() < end); }"),
  });
  await upload(page, { name: 'old.txt', mimeType: 'text/plain', buffer: Buffer.from(VER_OLD) });
  await page.waitForSelector('article.host');
  await page.waitForSelector('html[data-engine="ready"]');
  await paste(page, `SLOW-CHECK\n${VER_OLD}`);
  await page.waitForSelector('.checking #stop');
  await page.waitForTimeout(300);
  const started = Date.now();
  await paste(page, 'Microsoft Windows [Version 10.0.19045.2251]\n');
  await page.waitForFunction(() => document.querySelectorAll('article.host').length === 2
    && [...document.querySelectorAll('article.host')].some((h) => h.dataset.verdict === 'ok'));
  assert.ok(Date.now() - started < 2500, `the new report waited for the slow check (${Date.now() - started} ms)`);
  const trace = await workerTrace(page);
  const engines = trace.filter((m) => m.dir === 'in' && m.type === 'init' && m.role === 'engine').map((m) => m.worker);
  assert.ok(engines.length >= 2, 'no new engine worker');
  assert.ok(trace.some((m) => m.dir === 'end' && m.worker === engines[0]), 'the slow check\'s worker was not ended');
  // The new worker got the file again (as the same Blob), and read it itself.
  const last = engines.at(-1);
  assert.ok(trace.some((m) => m.worker === last && m.dir === 'in' && m.type === 'add' && m.hasBlob));
  assert.deepEqual(errors, []);
  await context.close();
});

test('Stop ends a slow check: the page says it stopped, and the next change checks again', async () => {
  const { page, context, errors } = await openPage(b, server.base, {
    setup: instrumentChecks("if (paste?.text?.includes('SLOW-CHECK')) { const end = Date.now() + 20000; while (Date.now() < end); }"),
  });
  await page.focus('#input');
  await page.waitForSelector('html[data-engine="ready"]');
  await paste(page, `SLOW-CHECK\n${VER_OLD}`);
  await page.click('.checking #stop');
  await page.waitForSelector('.stopped');
  assert.match(await page.locator('.stopped').innerText(), /中止しました/);
  assert.equal(await page.locator('.checking').count(), 0);
  assert.equal(await page.locator('article.host').count(), 0);
  await paste(page, VER_OLD);
  assert.equal((await host(page)).verdict, 'action_needed');
  assert.equal(await page.locator('.stopped').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

/** The checker's wasm modules the page fetched (its workers' requests), by file name. */
const modulesFetched = (requests) => requests.filter((u) => /\/engine-[0-9a-f]{16}\/dist\/[a-z_]+_bg\.wasm$/.test(u)).map((u) => u.split('/').at(-1));

test('no checker module before a need; a text loads the engine, and a signed file then the verifier', async () => {
  const { page, context, errors, requests } = await openPage(b, server.base);
  await page.waitForLoadState('networkidle');
  // The worker script is there (right after the first paint), but no wasm module yet.
  assert.ok(requests.some((u) => /\/engine-[0-9a-f]{16}\/worker\.js$/.test(u)), requests.join('\n'));
  assert.deepEqual(modulesFetched(requests), []);
  await page.focus('#input');
  await page.waitForSelector('html[data-engine="ready"]');
  assert.deepEqual(modulesFetched(requests), ['acs_check_pkg_bg.wasm']);
  await paste(page, VER_OLD);
  assert.equal((await host(page)).verdict, 'action_needed');
  await upload(page, { name: 'setup.exe', mimeType: 'application/octet-stream', buffer: await fixture('signed/pe-signed.exe') });
  await page.waitForSelector('.card-item.sig[data-status]');
  assert.deepEqual(modulesFetched(requests), ['acs_check_pkg_bg.wasm', 'acs_check_verify_bg.wasm']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a signed installer dropped first: one module with both halves, fetched once for both workers', async () => {
  const { page, context, errors, requests } = await openPage(b, server.base);
  await upload(page, { name: 'setup.exe', mimeType: 'application/octet-stream', buffer: await fixture('signed/pe-signed.exe') });
  const card = page.locator('.card-item.sig[data-status]');
  await card.waitFor();
  const status = await card.getAttribute('data-status');
  assert.deepEqual(modulesFetched(requests), ['acs_check_full_bg.wasm']);
  // The engine worker runs the same module: the verifier's, handed over compiled (not fetched again).
  const loads = (await workerTrace(page)).filter((m) => m.dir === 'in' && m.type === 'load');
  assert.deepEqual(loads.map((m) => [m.role, m.wasm]), [['verifier', 'full'], ['engine', 'full']]);
  assert.deepEqual(loads[1].modules, ['acs_check_full_bg.wasm']);
  // Later inputs need no other module: a paste, a certificate file.
  await paste(page, VER_OLD);
  assert.equal((await host(page)).verdict, 'action_needed');
  await upload(page, join(FIXTURES, 'certs/derived-acs-chain.p7b'));
  await page.waitForFunction(() => document.querySelectorAll('.card-item').length >= 2);
  assert.equal(await page.locator('.card-item.sig').getAttribute('data-status'), status, 'the verdict changed');
  assert.deepEqual(modulesFetched(requests), ['acs_check_full_bg.wasm']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an engine that could not load is started again by the next file, not only by a paste', async () => {
  let refused = 0;
  const { page, context, errors } = await openPage(b, server.base, {
    setup: (context) => context.route('**/acs_check_pkg_bg.wasm', (route) => (refused++ === 0 ? route.abort() : route.continue())),
  });
  await upload(page, { name: 'first.txt', mimeType: 'text/plain', buffer: Buffer.from(VER_OLD) });
  await page.locator('.engine-error[data-error="load"]').waitFor();
  await upload(page, { name: 'second.txt', mimeType: 'text/plain', buffer: Buffer.from(VER_OLD) });
  assert.equal((await host(page)).verdict, 'action_needed');
  assert.equal(refused, 2, 'the engine\'s wasm was fetched again');
  assert.deepEqual(errors.filter((e) => !failedRequest(e)), []);
  await context.close();
});

test('a paste waiting for a verifier that could not load is checked without it, not left checking', async () => {
  const { page, context, errors } = await openPage(b, server.base, {
    setup: (context) => context.route('**/acs_check_verify_bg.wasm', (route) => route.abort()),
  });
  await paste(page, `${VER_OLD}\n${(await fixture('certs/derived-acs-chain.p7b.pem')).toString('utf8')}`);
  // A report comes, and it claims nothing the unread certificates would have had to show.
  assert.notEqual((await host(page)).verdict, 'ok');
  await page.waitForFunction(() => !document.querySelector('.checking'));
  assert.deepEqual(errors.filter((e) => !failedRequest(e)), []);
  await context.close();
});

test('the module with both halves is fetched by one worker at a time: after Stop, the engine fetches it and the verifier waits', async () => {
  // The module arrives 1.5 s late, so that Stop, the focus and the second file all come while it loads.
  let fetched = 0;
  const { page, context, errors } = await openPage(b, server.base, {
    setup: (context) => context.route('**/acs_check_full_bg.wasm', async (route) => {
      fetched++;
      await new Promise((ok) => setTimeout(ok, 1500));
      await route.continue().catch(() => undefined); // the first one's worker has ended
    }),
  });
  const pe = await fixture('signed/pe-signed.exe');
  await upload(page, { name: 'a.exe', mimeType: 'application/octet-stream', buffer: pe });
  await page.click('.checking #stop');
  await page.waitForSelector('.chip--error');
  await page.focus('#input'); // the engine loads the plan's module: the one with both halves
  await upload(page, { name: 'b.exe', mimeType: 'application/octet-stream', buffer: pe });
  await page.waitForSelector('.card-item.sig[data-status]');
  // The verifier that stopped, then the engine; the second verifier got the engine's, compiled.
  assert.equal(fetched, 2);
  const loads = (await workerTrace(page)).filter((m) => m.dir === 'in' && m.type === 'load');
  assert.deepEqual(loads.at(-1).modules, ['acs_check_full_bg.wasm']);
  assert.deepEqual(errors.filter((e) => !failedRequest(e)), []);
  await context.close();
});
