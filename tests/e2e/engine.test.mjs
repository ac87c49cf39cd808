// When the engine fails: a load that failed is tried again at the next check (and says so); a check
// that failed leaves no report of other inputs on screen (and says that this check failed); checks run
// only when the inputs or options change, at most once per animation frame.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, openPage, fixture, host, paste, upload } from './harness.mjs';

let server, b;
before(async () => { server = await serve(); b = await browser(); });
after(async () => { await b?.close(); await server?.close(); });

const VER_OLD = 'Microsoft Windows [Version 10.0.17763.2183]\n';
/** The browser's own report of a request the test made fail. */
const failedRequest = (e) => /Failed to load resource|ERR_FAILED|Failed to fetch/.test(e);

test('the engine could not load: the page says so, and the next check loads it', async () => {
  let refused = 0;
  const { page, context, errors } = await openPage(b, server.base, {
    setup: (context) => context.route('**/acs_check_pkg_bg.wasm', (route) => (refused++ === 0 ? route.abort() : route.continue())),
  });
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

test('a check that fails: the report of the previous inputs goes, and the message says this check failed', async () => {
  const { page, context, errors } = await openPage(b, server.base, {
    // The engine, made to fail on one marked input.
    setup: (context) => context.route('**/engine-*/index.js', async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(
        'export async function check(inputs, options, onProgress) {',
        "$&\n  if (inputs.some((i) => i?.text?.includes('FAIL-THIS-CHECK'))) throw new Error('injected failure');",
      );
      assert.match(body, /injected failure/);
      await route.fulfill({ response, body });
    }),
  });
  await paste(page, VER_OLD);
  assert.equal((await host(page)).verdict, 'action_needed');
  await paste(page, `FAIL-THIS-CHECK\n${VER_OLD}`);
  const error = page.locator('.engine-error');
  await error.waitFor();
  assert.equal(await error.getAttribute('data-error'), 'check');
  assert.match(await error.innerText(), /このチェックは失敗しました（injected failure）/);
  assert.equal(await page.locator('[data-verdict]').count(), 0, 'a report of other inputs is still shown');
  assert.equal(await page.locator('article.host').count(), 0);
  await paste(page, VER_OLD);
  assert.equal((await host(page)).verdict, 'action_needed');
  assert.equal(await error.count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('checks run when the inputs change, at most once per animation frame, and never for reading progress', async () => {
  const { page, context, errors } = await openPage(b, server.base, {
    // The engine, counting its checks.
    setup: (context) => context.route('**/engine-*/index.js', async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(
        'export async function check(inputs, options, onProgress) {',
        '$&\n  globalThis.engineChecks = (globalThis.engineChecks ?? 0) + 1;',
      );
      await route.fulfill({ response, body });
    }),
  });
  await paste(page, VER_OLD);
  await host(page);
  // 30 edits, each in a task of its own (as fast typing or a script would make them).
  const burst = await page.evaluate(() => new Promise((resolve) => {
    const area = document.querySelector('#input');
    const before = globalThis.engineChecks;
    let frames = 0;
    const count = () => { frames += 1; requestAnimationFrame(count); };
    requestAnimationFrame(count);
    const channel = new MessageChannel();
    let i = 0;
    channel.port1.onmessage = () => {
      area.value = `Microsoft Windows [Version 10.0.17763.${4000 + i}]`;
      area.dispatchEvent(new Event('input', { bubbles: true }));
      if (++i < 30) channel.port2.postMessage(0);
      else requestAnimationFrame(() => requestAnimationFrame(() => resolve({ checks: globalThis.engineChecks - before, frames })));
    };
    channel.port2.postMessage(0);
  }));
  assert.ok(burst.checks <= burst.frames + 1 && burst.checks < 30, JSON.stringify(burst));
  await page.waitForFunction(() => /17763\.4029/.test(document.querySelector('article.host')?.innerText ?? ''));
  // A 6 MB log read in 1 MiB chunks: one check once it is read, none per chunk.
  const before = await page.evaluate(() => globalThis.engineChecks);
  const filler = 'C:\\Windows\\system32>whoami\nnt authority\\system\n';
  const output = (await fixture('systeminfo/15-ja-win10-22h2-findstr-and-ver.txt')).toString('utf8');
  const log = Buffer.from(output + filler.repeat(Math.ceil((6 * 1024 * 1024) / filler.length)));
  await upload(page, { name: 'session.log', mimeType: 'text/plain', buffer: log });
  await page.waitForFunction(() => document.querySelectorAll('article.host').length === 2);
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => globalThis.engineChecks) - before, 1);
  assert.deepEqual(errors, []);
  await context.close();
});
