// Shared by the Node test suites that compare a face of the product with the CLI: the CLI's --json
// report for a set of arguments, and the fixture files to run.
import { readdir } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURES = join(ROOT, 'tests', 'fixtures');
export const CLI = process.env.ACS_CHECK_CLI || join(ROOT, 'target', 'debug', 'acs-check');

const run = promisify(execFile);

/** The CLI's report for `args` (which must include --json). Exit status 1 and 2 are verdicts, not failures. */
export async function cliJson(args) {
  let stdout;
  try {
    ({ stdout } = await run(CLI, args, { cwd: ROOT, maxBuffer: 64 << 20 }));
  } catch (e) {
    if (e.code !== 1 && e.code !== 2) throw e;
    stdout = e.stdout;
  }
  return JSON.parse(stdout);
}

/** Every fixture file below `dir`, sorted: not dotfiles, nor the READMEs and generator scripts. */
export async function fixtureFiles(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await fixtureFiles(p)));
    else if (!e.name.startsWith('.') && !/\.(md|sh|py)$/.test(e.name)) out.push(p);
  }
  return out.sort();
}
