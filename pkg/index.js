// acs-check as a JavaScript module: the same check as the page and the CLI, in browsers and Node ≥ 20.
//   import { check } from 'acs-check';
//   const report = await check([systeminfoText, { name: 'root.sst', bytes }], { lang: 'ja', managed: 'unknown' });
// Two wasm modules, each loaded once, on first use (browser: fetched next to this file; Node: read
// from disk): the engine (every check), and the verifier (certificate and signature readers), loaded
// only when an input needs it: a signed file, a certificate file, PEM text.
import initEngine, * as engine from './dist/acs_check_pkg.js';

const ENGINE_URL = new URL('./dist/acs_check_pkg_bg.wasm', import.meta.url);
const VERIFIER_URL = new URL('./dist/acs_check_verify_bg.wasm', import.meta.url);
let loadingEngine;
let loadingVerifier;

/** Instantiates a module from `source`, or from `url` (Node: read from disk). */
async function instantiate(init, url, source) {
  if (source !== undefined) return init({ module_or_path: source });
  if (typeof process !== 'undefined' && process.versions?.node && url.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    return init({ module_or_path: await readFile(url) });
  }
  return init({ module_or_path: url });
}

/**
 * Loads the engine's wasm module. Called by the other functions; call it yourself to load early, or to
 * give the module from elsewhere (a URL, a Response, bytes, or a compiled WebAssembly.Module). A load
 * that failed is not kept: the next call tries again.
 */
export function load(source) {
  if (!loadingEngine) {
    const attempt = instantiate(initEngine, ENGINE_URL, source);
    loadingEngine = attempt;
    attempt.catch(() => {
      if (loadingEngine === attempt) loadingEngine = undefined;
    });
  }
  return loadingEngine;
}

/**
 * Loads the verifier's wasm module (certificates and signatures), as `load` does the engine's;
 * `check` and `verifyBlob` call it when an input needs it. Resolves to the module's functions.
 */
export function loadVerifier(source) {
  if (!loadingVerifier) {
    const attempt = (async () => {
      const glue = await import('./dist/acs_check_verify.js');
      await instantiate(glue.default, VERIFIER_URL, source);
      return glue;
    })();
    loadingVerifier = attempt;
    attempt.catch(() => {
      if (loadingVerifier === attempt) loadingVerifier = undefined;
    });
  }
  return loadingVerifier;
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
 * The verifier's analysis of each `verifyBlob` result this package returned (the bytes the engine
 * reads). `{ name, analysed }` is taken only for such a result: a copy, a result from JSON or any other
 * object is refused, since whoever hands in a result could make it say anything.
 */
const ANALYSES = new WeakMap();

/**
 * What the verifier finds in a text or bytes input the engine cannot read alone, joined to it: a
 * signature's analysis replaces the file (`{ name, analysis }`), any other analysis goes with it.
 */
async function withAnalysis(input, options) {
  const plain = typeof input === 'string' ? { text: input } : input;
  if (plain === null || typeof plain !== 'object') return input;
  if (plain.analysis !== undefined) {
    throw new TypeError('inputs take no `analysis`: give the text or bytes, or a verifyBlob result as `analysed`');
  }
  if (plain.analysed !== undefined) {
    const analysis = ANALYSES.get(plain.analysed);
    if (analysis === undefined) {
      throw new TypeError('`analysed` must be a result that this package\'s verifyBlob returned (not a copy of one)');
    }
    if (plain.text !== undefined || plain.bytes !== undefined) {
      throw new TypeError('`analysed` stands for its file: give it with a `name` only, without `text` or `bytes`');
    }
    return { name: typeof plain.name === 'string' ? plain.name : 'file', analysis };
  }
  const content = typeof plain.text === 'string' ? plain.text : plain.bytes instanceof Uint8Array ? plain.bytes : undefined;
  if (content === undefined || (plain.text !== undefined && plain.bytes !== undefined)) return input;
  const name = typeof plain.name === 'string' ? plain.name : 'file';
  if (!engine.needsAnalysis(name, content)) return input;
  const verifier = await loadVerifier();
  const { kind, analysis } = verifier.analyse(name, content, options);
  if (kind === 'signature') return { name, analysis };
  return { ...plain, analysis };
}

/**
 * Blobs and Files become `{ name, bytes }`, or their signature's analysis for large installers (verified
 * through byte ranges, never read whole); inputs that hold certificates or signatures get the
 * verifier's analysis; everything else is passed as given.
 */
async function normalise(inputs, options, onProgress) {
  if (!Array.isArray(inputs)) throw new TypeError('inputs must be an array');
  const out = [];
  for (const input of inputs) {
    if (typeof Blob !== 'undefined' && input instanceof Blob) {
      const name = input.name ?? 'file';
      if (input.size > STREAM_ABOVE && (await looksLikeInstaller(input))) {
        out.push(await withAnalysis({ name, analysed: await verifyBlob(input, options, onProgress) }, options));
      } else {
        out.push(await withAnalysis({ name, bytes: new Uint8Array(await input.arrayBuffer()) }, options));
      }
    } else {
      out.push(await withAnalysis(input, options));
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
  return engine.check(given, options);
}

/**
 * Verifies the Authenticode signature of a Blob or File by reading only the byte ranges needed
 * (installers exceed 100 MB). Resolves to the signature as the report words it (the report's
 * `signatures[]` entry, and the file's `size`); pass that object to `check()` as `{ name, analysed }`.
 */
export async function verifyBlob(blob, options, onProgress) {
  const [verifier] = await Promise.all([loadVerifier(), load()]);
  const name = blob.name ?? 'file';
  const analysis = await verifier.verifyBlob(name, blob, options, onProgress);
  // The report's words for it: the engine reads the analysis (the verifier has no serializer to JS).
  const report = engine.check([{ name, analysis }], options);
  const result = { ...report.signatures[0], size: report.inputs[0].size };
  ANALYSES.set(result, analysis);
  return result;
}

/** The package version. */
export async function version() {
  await load();
  return engine.version();
}

/** The newest release date in the built-in Windows update data, `YYYY-MM-DD`. */
export async function dataAsOf() {
  await load();
  return engine.dataAsOf();
}
