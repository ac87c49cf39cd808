// The TypeScript declarations describe the real output: real reports (the CLI's --json for every
// fixture) and a real API call type-check against index.d.ts with `tsc --noEmit --strict`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

import { ROOT, FIXTURES, cliJson, fixtureFiles } from '../../tests/cli.mjs';

const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const run = promisify(execFile);

test('every fixture report and an API call type-check against index.d.ts', async () => {
  const files = [...(await fixtureFiles(join(FIXTURES, 'systeminfo'))), ...(await fixtureFiles(join(FIXTURES, 'certs')))];
  const dir = await mkdtemp(join(tmpdir(), 'acs-check-types-'));
  try {
    const pkg = join(ROOT, 'pkg', 'index.js').replaceAll('\\', '/');
    let source = `import type { Report, HostReport } from ${JSON.stringify(pkg)};\n`;
    source += `import { check, dataAsOf } from ${JSON.stringify(pkg)};\n`;
    // The API as an embedder would call it; the result is used through its declared types.
    source += `export async function use(): Promise<string> {\n`;
    source += `  const r: Report = await check(['text', { name: 'a.txt', bytes: new Uint8Array(1) }], { lang: 'en', managed: 'yes' });\n`;
    source += `  const h: HostReport | undefined = r.hosts[0];\n`;
    source += `  return (h?.verdict ?? 'unknown') + (h?.alerts[0]?.where ?? '') + (await dataAsOf());\n}\n`;
    for (const [i, f] of files.entries()) {
      for (const lang of ['ja', 'en']) {
        const report = await cliJson(['--json', '--lang', lang, f]);
        source += `export const r${i}_${lang}: Report = ${JSON.stringify(report)};\n`;
      }
    }
    await writeFile(join(dir, 'check.ts'), source);
    const args = ['--noEmit', '--strict', '--exactOptionalPropertyTypes', '--target', 'es2022', '--module', 'nodenext',
      '--moduleResolution', 'nodenext', '--lib', 'es2022,dom', join(dir, 'check.ts')];
    const result = await run(process.execPath, [TSC, ...args], { cwd: dir }).catch((e) => e);
    assert.equal(result.code ?? 0, 0, `tsc failed:\n${result.stdout}\n${result.stderr}`);
    assert.ok(files.length > 40);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a wrong field type is caught (the check can fail)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'acs-check-types-'));
  try {
    const pkg = join(ROOT, 'pkg', 'index.js').replaceAll('\\', '/');
    await writeFile(join(dir, 'bad.ts'), `import type { Verdict } from ${JSON.stringify(pkg)};\nexport const v: Verdict = 'fine';\n`);
    const result = await run(process.execPath, [TSC, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', join(dir, 'bad.ts')], { cwd: dir }).catch((e) => e);
    assert.notEqual(result.code ?? 0, 0);
    assert.match(result.stdout, /not assignable to type 'Verdict'/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
