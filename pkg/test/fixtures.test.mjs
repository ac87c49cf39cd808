// The package gives exactly the CLI's report (--json) for every fixture, in Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { relative } from 'node:path';
import { check, version, dataAsOf } from '../index.js';
import { ROOT, FIXTURES, CLI, cliJson, fixtureFiles } from '../../tests/cli.mjs';


const fixtures = await fixtureFiles(FIXTURES);

test('the CLI binary exists (built by cargo test)', async () => {
  assert.ok((await stat(CLI)).isFile(), `${CLI} missing: run cargo build -p acs-check first`);
});

for (const path of fixtures) {
  const name = relative(ROOT, path);
  test(`same report as the CLI: ${name}`, async () => {
    for (const [lang, managed] of [['ja', 'unknown'], ['en', 'yes']]) {
      const expected = await cliJson(['--json', '--lang', lang, '--managed', managed, name]);
      const bytes = new Uint8Array(await readFile(path));
      const actual = await check([{ name, bytes }], { lang, managed });
      assert.deepEqual(actual, expected);
    }
  });
}

test('several inputs at once, strings and objects', async () => {
  const r = await check(['Microsoft Windows [Version 10.0.17763.4010]', { name: 'b.txt', text: 'Microsoft Windows [Version 10.0.20348.1]' }], { lang: 'en' });
  assert.equal(r.inputs.length, 2);
  assert.deepEqual(r.inputs.map((i) => i.name), ['pasted text', 'b.txt']);
  assert.equal(r.hosts.length, 2);
  assert.equal(r.hosts[0].acs.status, 'patched');
  assert.equal(r.hosts[1].acs.status, 'needs_update');
});

test('Blob inputs are read', async () => {
  const blob = new Blob(['Microsoft Windows [Version 10.0.19045.2251]\r\n']);
  const r = await check([blob]);
  assert.equal(r.hosts[0].verdict, 'ok');
});

test('bad arguments reject with an Error naming what was wrong', async () => {
  await assert.rejects(check('not an array'), /inputs must be an array/);
  await assert.rejects(check([{ name: "x" }]), /give its `text` or `bytes`/);
  await assert.rejects(check([{ name: "x", text: "a", bytes: new Uint8Array(1) }]), /not both/);
  await assert.rejects(check([], { lang: 'fr' }), /options.lang must be 'ja' or 'en'/);
  await assert.rejects(check([], { managed: 'maybe' }), /options.managed/);
  await assert.rejects(check([], { today: '2026/01/01' }), /options.today/);
  await assert.rejects(check([], { colour: 'red' }), /unknown field/);
});

test('version and data date', async () => {
  assert.match(await version(), /^\d+\.\d+\.\d+$/);
  assert.match(await dataAsOf(), /^\d{4}-\d{2}-\d{2}$/);
});
