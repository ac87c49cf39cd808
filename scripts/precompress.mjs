// Precompresses a built site for the web server: <file>.br (brotli, quality 11) and <file>.gz (gzip -9)
// next to every .html, .js, .css, .wasm, .svg and .json file of the folder (default: Trunk's staging
// folder). deploy/Caddyfile serves them (`file_server { precompressed br gzip }`), so nothing is
// compressed per request. Run by scripts/dist-assets.py (Trunk's post-build hook).
//   node scripts/precompress.mjs [DIR]
import { readdir, readFile, writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('precompress: give the folder (or run as a Trunk hook)');
  process.exit(1);
}

async function walk(d) {
  const out = [];
  for (const e of await readdir(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}

let count = 0;
for (const path of await walk(dir)) {
  if (/\.(br|gz)$/.test(path)) {
    await rm(path);
    continue;
  }
  if (!/\.(html|js|css|wasm|svg|json)$/.test(path)) continue;
  const data = await readFile(path);
  await writeFile(`${path}.br`, brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  }));
  await writeFile(`${path}.gz`, gzipSync(data, { level: 9 }));
  count += 1;
}
console.log(`precompress: ${count} files in ${dir}`);
