// acs-check as a JavaScript module: the same check as the page and the CLI, in browsers and Node ≥ 20.
//   import { check } from 'acs-check';
//   const report = await check([systeminfoText, { name: 'root.sst', bytes }], { lang: 'ja', managed: 'unknown' });
// The wasm module loads once, on first use (browser: fetched next to this file; Node: read from disk).
import init, * as wasm from './dist/acs_check_pkg.js';

const WASM_URL = new URL('./dist/acs_check_pkg_bg.wasm', import.meta.url);
let loading;

/**
 * Loads the wasm module. Called by the other functions; call it yourself to load early, or to give
 * the module from elsewhere (a URL, a Response, bytes, or a compiled WebAssembly.Module).
 */
export function load(source) {
  loading ??= (async () => {
    if (source !== undefined) return init({ module_or_path: source });
    if (typeof process !== 'undefined' && process.versions?.node && WASM_URL.protocol === 'file:') {
      const { readFile } = await import('node:fs/promises');
      return init({ module_or_path: await readFile(WASM_URL) });
    }
    return init({ module_or_path: WASM_URL });
  })();
  return loading;
}

/** Blobs and Files become `{ name, bytes }`; everything else is passed as given. */
async function normalise(inputs) {
  if (!Array.isArray(inputs)) throw new TypeError('inputs must be an array');
  return Promise.all(inputs.map(async (input) => {
    if (typeof Blob !== 'undefined' && input instanceof Blob) {
      return { name: input.name ?? 'file', bytes: new Uint8Array(await input.arrayBuffer()) };
    }
    return input;
  }));
}

/** Runs one check and resolves to the report (see index.d.ts). Rejects with an Error on bad arguments. */
export async function check(inputs, options) {
  const given = await normalise(inputs);
  await load();
  return wasm.check(given, options);
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
