// Size budget of the built page (dist/): everything the first load fetches, raw, gzip and brotli.
// Fails when the brotli total exceeds the budget (the web issue: first load ≤ 200 KB brotli).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { DIST } from './e2e/harness.mjs';

const BUDGET = 200 * 1024;
const files = (await readdir(DIST)).filter((f) => /\.(html|js|css|wasm)$/.test(f));
let total = { raw: 0, gzip: 0, brotli: 0 };
const rows = [];
for (const f of files.sort()) {
  const data = await readFile(join(DIST, f));
  const row = {
    file: f,
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }).length,
  };
  rows.push(row);
  for (const k of ['raw', 'gzip', 'brotli']) total[k] += row[k];
}
const pad = (s, n) => String(s).padStart(n);
console.log(`${'file'.padEnd(44)} ${pad('raw', 9)} ${pad('gzip', 9)} ${pad('brotli', 9)}`);
for (const r of rows) console.log(`${r.file.padEnd(44)} ${pad(r.raw, 9)} ${pad(r.gzip, 9)} ${pad(r.brotli, 9)}`);
console.log(`${'total'.padEnd(44)} ${pad(total.raw, 9)} ${pad(total.gzip, 9)} ${pad(total.brotli, 9)}   budget ${BUDGET} brotli`);
if (total.brotli > BUDGET) {
  console.error(`size budget exceeded: ${total.brotli} > ${BUDGET} bytes brotli`);
  process.exit(1);
}
