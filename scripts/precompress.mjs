// Readies a built site for the web server: the comments of every .js file go (users would pay for
// them: 6 KB brotli before an installer's verdict), then <file>.br (brotli, quality 11) and <file>.gz
// (gzip -9) are written next to every .html, .js, .css, .wasm, .svg and .json file of the folder
// (default: Trunk's staging folder). deploy/Caddyfile serves them (`file_server { precompressed br
// gzip }`), so nothing is compressed per request. Run by scripts/dist-assets.py (Trunk's post-build
// hook).
//   node scripts/precompress.mjs [DIR]
//
// Comments are removed by the TypeScript compiler (a dev dependency already: a real parser and
// printer, so strings, regular expressions and template literals are safe), with every import kept
// and the syntax left as it is (ESNext). A file Trunk names in a Subresource Integrity attribute gets
// that attribute rewritten with the new digest in the folder's .html files.
import { readdir, readFile, writeFile, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

// The build always has it (npm ci); a host that only re-runs this on a built dist/ (dist-assets.py
// embedders) may not, and its files are stripped already.
const ts = (await import('typescript').catch(() => undefined))?.default;

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

/** The file without its comments (the same code, printed by the TypeScript compiler). */
function stripComments(path, source) {
  const { outputText, diagnostics } = ts.transpileModule(source, {
    fileName: path,
    reportDiagnostics: true,
    compilerOptions: {
      removeComments: true,
      target: ts.ScriptTarget.ESNext,
      module: ts.ModuleKind.ESNext,
      verbatimModuleSyntax: true,
      allowJs: true,
    },
  });
  const errors = (diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length) {
    throw new Error(`${path}: ${errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')).join('; ')}`);
  }
  return outputText;
}

const sri = (data) => `sha384-${createHash('sha384').update(data).digest('base64')}`;

// One listing serves every step. The old compressed files go: a folder compressed before
// (dist-assets.py embedders re-runs this on a built dist/) gets new ones for what it has now.
const listed = await walk(dir);
const files = listed.filter((p) => !/\.(br|gz)$/.test(p));
for (const path of listed) {
  if (/\.(br|gz)$/.test(path)) await rm(path);
}
const integrity = new Map();
if (!ts) console.log('precompress: no TypeScript compiler (npm ci): JavaScript comments left as they are');
for (const path of ts ? files.filter((p) => p.endsWith('.js')) : []) {
  const source = await readFile(path, 'utf8');
  const stripped = stripComments(path, source);
  if (stripped === source) continue;
  integrity.set(sri(source), sri(stripped));
  await writeFile(path, stripped);
}
for (const path of files.filter((p) => p.endsWith('.html'))) {
  const html = await readFile(path, 'utf8');
  const updated = html.replace(/sha384-[A-Za-z0-9+/=]+/g, (v) => integrity.get(v) ?? v);
  if (updated !== html) await writeFile(path, updated);
}

let count = 0;
for (const path of files) {
  if (!/\.(html|js|css|wasm|svg|json)$/.test(path)) continue;
  const data = await readFile(path);
  await writeFile(`${path}.br`, brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  }));
  await writeFile(`${path}.gz`, gzipSync(data, { level: 9 }));
  count += 1;
}
console.log(`precompress: ${count} files in ${dir}`);
