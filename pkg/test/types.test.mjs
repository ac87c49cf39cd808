// The TypeScript declarations describe the real output: real reports (the CLI's --json for every
// fixture) and a real API call type-check against index.d.ts with `tsc --noEmit --strict`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = process.env.ACS_CHECK_CLI || join(ROOT, 'target', 'debug', 'acs-check');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const run = promisify(execFile);

async function cli(args) {
  try {
    return (await run(CLI, args, { cwd: ROOT, maxBuffer: 64 << 20 })).stdout;
  } catch (e) {
    if (e.code === 1 || e.code === 2) return e.stdout;
    throw e;
  }
}

test('every fixture report and an API call type-check against index.d.ts', async () => {
  const dirs = ['tests/fixtures/systeminfo', 'tests/fixtures/certs', 'tests/fixtures/certs/generated'];
  const files = [];
  for (const d of dirs) {
    for (const e of await readdir(join(ROOT, d), { withFileTypes: true })) {
      if (e.isFile() && !/\.(md|sh|py)$/.test(e.name) && !e.name.startsWith('.')) files.push(join(d, e.name));
    }
  }
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
        const json = await cli(['--json', '--lang', lang, f]);
        source += `export const r${i}_${lang}: Report = ${json.trim()};\n`;
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
