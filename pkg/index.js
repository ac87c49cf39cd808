// acs-check as a JavaScript module: the same check as the page and the CLI, in browsers and Node ≥ 20.
//   import { check } from 'acs-check';
//   const report = await check([systeminfoText, { name: 'root.sst', bytes }], { lang: 'ja', managed: 'unknown' });
// The wasm module loads once, on first use (browser: fetched next to this file; Node: read from disk).
import init, * as wasm from './dist/acs_check_pkg.js';

const WASM_URL = new URL('./dist/acs_check_pkg_bg.wasm', import.meta.url);
let loading;

/**
 * Loads the wasm module. Called by the other functions; call it yourself to load early, or to give
 * the module from elsewhere (a URL, a Response, bytes, or a compiled WebAssembly.Module). A load
 * that failed is not kept: the next call tries again.
 */
export function load(source) {
  if (!loading) {
    const attempt = (async () => {
      if (source !== undefined) return init({ module_or_path: source });
      if (typeof process !== 'undefined' && process.versions?.node && WASM_URL.protocol === 'file:') {
        const { readFile } = await import('node:fs/promises');
        return init({ module_or_path: await readFile(WASM_URL) });
      }
      return init({ module_or_path: WASM_URL });
    })();
    loading = attempt;
    attempt.catch(() => {
      if (loading === attempt) loading = undefined;
    });
  }
  return loading;
}

/** Blobs above this size that start like an installer (PE or MSI) are verified by range reads. */
const STREAM_ABOVE = 16 << 20;
const MZ = [0x4d, 0x5a];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

async function looksLikeInstaller(blob) {
  const head = new Uint8Array(await blob.slice(0, 8).arrayBuffer());
  const starts = (magic) => magic.every((b, i) => head[i] === b);
  return starts(MZ) || starts(OLE);
}

/**
 * Blobs and Files become `{ name, bytes }`, or `{ name, analysed }` for large installers (verified
 * through byte ranges, never read whole); everything else is passed as given.
 */
async function normalise(inputs, options, onProgress) {
  if (!Array.isArray(inputs)) throw new TypeError('inputs must be an array');
  const out = [];
  for (const input of inputs) {
    if (typeof Blob !== 'undefined' && input instanceof Blob) {
      const name = input.name ?? 'file';
      if (input.size > STREAM_ABOVE && (await looksLikeInstaller(input))) {
        out.push({ name, analysed: await verifyBlob(input, options, onProgress) });
      } else {
        out.push({ name, bytes: new Uint8Array(await input.arrayBuffer()) });
      }
    } else {
      out.push(input);
    }
  }
  return out;
}

/**
 * Runs one check and resolves to the report (see index.d.ts). Rejects with an Error on bad
 * arguments. `onProgress({ hashed, total })` reports the hashing of large installers.
 */
export async function check(inputs, options, onProgress) {
  await load();
  const given = await normalise(inputs, options, onProgress);
  return wasm.check(given, options);
}

/**
 * Verifies the Authenticode signature of a Blob or File by reading only the byte ranges needed
 * (installers exceed 100 MB). Resolves to a result to pass to `check()` as `{ name, analysed }`.
 */
export async function verifyBlob(blob, options, onProgress) {
  await load();
  return wasm.verifyBlob(blob.name ?? 'file', blob, options, onProgress);
}

/** The package version. */
export async function version() {
  await load();
  return wasm.version();
}

/** The newest release date in the built-in Windows update data, `YYYY-MM-DD`. */
export async function dataAsOf() {
  await load();
  return wasm.dataAsOf();
}
