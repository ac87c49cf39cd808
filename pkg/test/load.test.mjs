// A failed load is not kept: after the wasm module could not be loaded (a network error in a
// browser; here, bytes that are not a wasm module), the next call loads it and checks. This file
// runs in a process of its own (node --test), so that the module is not loaded yet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load, check, version } from '../index.js';

test('a failed load can be retried', async () => {
  await assert.rejects(load(new Uint8Array([0, 1, 2, 3])));
  await assert.rejects(load(new Uint8Array([0, 1, 2, 3])), 'a second failure, not the cached first');
  const report = await check(['Microsoft Windows [Version 10.0.17763.2183]'], { lang: 'en' });
  assert.equal(report.hosts[0].verdict, 'action_needed');
  assert.match(await version(), /^\d+\.\d+\.\d+$/);
});
