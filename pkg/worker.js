// The checker in a Web Worker (a module worker), so that the page's main thread only draws. One script,
// two roles, chosen by the first message ({ type: 'init', role }):
//
//  engine    holds the inputs and runs the check. Each file arrives once, as a Blob, and is read here;
//            installers (route.js: by their first bytes) and files the engine's `needsAnalysis` names go
//            to the verifier (the page's client passes them on). `check` (inputs + options → the report,
//            the page's view of it, its summary) runs on every change of the inputs or options; a
//            language switch re-runs it with the kept inputs and analyses, never verifying again.
//  verifier  analyses one file (or a paste) when asked, with the certificate and signature readers
//            (x509-parser, CMS, RSA, hashing): `verifyBlob` through byte ranges for installers (with
//            hashing progress), `analyse` on the bytes or text of anything else. Its result,
//            `{ kind, analysis }` (`analysis`: the Analysis as bytes only the engine reads), is a
//            structured clone the page keeps and the engine checks with the input: a signature's as
//            `{ name, analysis }` (the file itself is no longer needed), any other kind as
//            `{ name, bytes | text, analysis }`.
//
// Which wasm module a worker loads, and when, is the page's client's choice (`load`): a worker fetches
// nothing until told. Three modules (scripts/build-pkg.sh): `engine` (no certificate or signature
// readers), `verifier` (only those), `full` (both in one). A session that starts with a text loads
// the engine, and the verifier if a file then needs it; one whose first need is the verifier (a signed
// installer dropped first) loads `full` in both workers instead: one module, one copy of the runtime.
//
// Messages (all structured clones; files as Blobs, never copied on the main thread). `load` may carry
// the compiled wasm modules the page has (by URL), so that a worker fetches and compiles nothing again.
//   in  engine:   { type: 'add', id, name, blob, analysed?, verify? } { type: 'analysed', id, analysed }
//                 { type: 'remove', id } { type: 'check', seq, ids, paste, options }
//   in  verifier: { type: 'analyse', id, name, blob | text, options }
//   in  both:     { type: 'init', role: 'engine' | 'verifier' }
//                 { type: 'load', wasm: 'engine' | 'verifier' | 'full', modules?: { [wasmUrl]: WebAssembly.Module } }
//   out both:     { type: 'started' } { type: 'ready', role } { type: 'module', url, module }
//                 { type: 'load-failed', role, message }
//   out engine:   { type: 'need' } (a file arrived that only the engine can route, and no `load` yet)
//                 { type: 'progress', id, phase: 'reading', done, total }
//                 { type: 'file', id, state: 'ready' | 'verify' | 'too-large' | 'held-too-large' | 'failed', … }
//                 { type: 'report', seq, report, summary, view } { type: 'check-failed', seq, message }
//                 { type: 'skipped', seq } (a newer check came while this one waited for its files)
//   out verifier: { type: 'progress', id, phase: 'hashing', done, total }
//                 { type: 'analysed', id, analysed: { kind, analysis: Uint8Array } }
//                 { type: 'analyse-failed', id, message }
import { HEAD, isInstaller } from './route.js';

// The wasm modules (scripts/build-pkg.sh builds all three from pkg/) and their wasm-bindgen glue.
const MODULES = {
  engine: { js: './dist/acs_check_pkg.js', wasm: './dist/acs_check_pkg_bg.wasm' },
  verifier: { js: './dist/acs_check_verify.js', wasm: './dist/acs_check_verify_bg.wasm' },
  full: { js: './dist/acs_check_full.js', wasm: './dist/acs_check_full_bg.wasm' },
};

/** Bytes of files that are read whole (everything but installers) the engine holds at most, in all. */
export const MAX_HELD = 256 * 1024 * 1024;
/** Read size: progress moves, and memory stays flat while reading. */
const CHUNK = 1024 * 1024;

let role;
let wasm;
/** The module's load, once the client has said which (`load`): what checks and routing wait for. */
let loading;
let ordered;
const loadOrdered = new Promise((resolve) => { ordered = resolve; });
// A failed load is reported as `load-failed`; whoever waits sees it through its own await.
loadOrdered.catch(() => undefined);

/** Waits for the module; asks the client to choose one first if it has not yet. */
function loaded() {
  if (!loading) post({ type: 'need' });
  return loadOrdered;
}

/** Loads a wasm module (`which`): compiled already (`modules`, by URL, from the page), or fetched. */
async function load(which, modules) {
  const spec = MODULES[which];
  if (!spec || (role === 'engine' && which === 'verifier') || (role === 'verifier' && which === 'engine')) {
    throw new Error(`the ${role} cannot run the ${which} module`);
  }
  const glue = await import(new URL(spec.js, import.meta.url).href);
  const url = new URL(spec.wasm, import.meta.url).href;
  let compiled = modules?.[url] instanceof WebAssembly.Module ? modules[url] : undefined;
  if (!compiled) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${spec.wasm}: HTTP ${response.status}`);
    compiled = await WebAssembly.compileStreaming(response).catch(async (e) => {
      // A server that sends another type than application/wasm: compile from the bytes.
      if (response.bodyUsed) throw e;
      return WebAssembly.compile(await response.arrayBuffer());
    });
  }
  await glue.default({ module_or_path: compiled });
  wasm = glue;
  if (role === 'engine') {
    // One small check before saying ready: the browser compiles a wasm function on its first call, and
    // the page's first check should not wait for that (it answers within a few milliseconds after).
    wasm.checkView(['Microsoft Windows [Version 10.0.19045.2251]'], { lang: 'ja' });
  }
  return { url, compiled, fetched: !modules?.[url] };
}

const post = (message, transfer) => self.postMessage(message, transfer ?? []);
const errorText = (e) => (e instanceof Error ? e.message : String(e));

// ---- engine ------------------------------------------------------------------------------------

/** id → { name, blob, bytes?, analysis?, state, ready: Promise } */
const files = new Map();
let held = 0;
let latestCheck = -1;

function settle(entry) {
  entry.ready = new Promise((resolve) => { entry.resolve = resolve; });
}

function finish(id, entry, state, extra = {}) {
  if (files.get(id) !== entry) return;
  entry.state = state;
  entry.resolve();
  post({ type: 'file', id, state, ...extra });
}

/** Reads a whole Blob in chunks; stops (undefined) when the file was removed meanwhile. */
async function readAll(id, entry) {
  const size = entry.blob.size;
  const all = new Uint8Array(size);
  for (let offset = 0; offset < size;) {
    const part = new Uint8Array(await entry.blob.slice(offset, Math.min(size, offset + CHUNK)).arrayBuffer());
    if (files.get(id) !== entry) return undefined;
    if (part.length === 0) throw new Error('the file ended early: was it changed while being read?');
    all.set(part, offset);
    offset += part.length;
    post({ type: 'progress', id, phase: 'reading', done: offset, total: size });
  }
  return all;
}

async function take(id, entry, route) {
  try {
    const size = entry.blob.size;
    if (route) {
      const head = new Uint8Array(await entry.blob.slice(0, HEAD).arrayBuffer());
      if (files.get(id) !== entry) return;
      // Installers go to the verifier as they are: read through byte ranges there, never whole.
      if (isInstaller(head)) return finish(id, entry, 'verify');
    }
    if (size > MAX_HELD) return finish(id, entry, 'too-large', { size, max: MAX_HELD });
    if (held + size > MAX_HELD) return finish(id, entry, 'held-too-large', { size, max: MAX_HELD });
    held += size;
    entry.held = size;
    const bytes = await readAll(id, entry);
    if (!bytes) return;
    entry.bytes = bytes;
    // The routing rule is the engine module's: a file that arrives while it loads waits for it.
    const needs = route && (await loaded(), wasm.needsAnalysis(entry.name, bytes));
    if (files.get(id) !== entry) return;
    // Kept either way: the engine checks the bytes with what the verifier found in them.
    finish(id, entry, needs ? 'verify' : 'ready');
  } catch (e) {
    finish(id, entry, 'failed', { message: errorText(e) });
  }
}

function forget(id) {
  const entry = files.get(id);
  if (!entry) return;
  held -= entry.held ?? 0;
  files.delete(id);
  entry.resolve?.();
}

/** The input for the check: a signature's analysis stands for the whole file; any other goes with it. */
function inputOf(name, content, analysis) {
  if (analysis?.kind === 'signature') return { name, analysis: analysis.analysis };
  return analysis ? { name, ...content, analysis: analysis.analysis } : { name, ...content };
}

function add({ id, name, blob, analysed, verify }) {
  forget(id);
  const entry = { name, blob, state: 'reading' };
  settle(entry);
  files.set(id, entry);
  if (analysed) {
    // Added again (a new worker) with the verifier's result: only a signature's needs no bytes.
    entry.analysis = analysed;
    if (analysed.kind === 'signature') finish(id, entry, 'ready');
    else take(id, entry, false);
  } else if (verify) {
    // Being analysed by the verifier; `analysed` follows.
    entry.state = 'verify';
  } else {
    take(id, entry, true);
  }
}

function analysedArrived({ id, analysed }) {
  const entry = files.get(id);
  if (!entry) return;
  entry.analysis = analysed;
  if (analysed?.kind === 'signature') {
    held -= entry.held ?? 0;
    entry.held = 0;
    entry.bytes = undefined;
    finish(id, entry, 'ready');
  } else if (entry.bytes) {
    finish(id, entry, 'ready');
  } else {
    entry.state = 'reading';
    take(id, entry, false);
  }
}

async function check({ seq, ids, paste, options }) {
  latestCheck = seq;
  const entries = ids.map((id) => [id, files.get(id)]);
  // Files re-sent after a restart are read again first.
  await Promise.all(entries.map(([, e]) => e?.ready));
  if (seq !== latestCheck) {
    post({ type: 'skipped', seq }); // a newer check superseded this one
    return;
  }
  try {
    const inputs = [];
    if (paste) inputs.push(inputOf(paste.name, { text: paste.text }, paste.analysed));
    for (const [id, e] of entries) {
      if (!e || e.state !== 'ready') throw new Error(`input ${id} is not ready`);
      inputs.push(inputOf(e.name, { bytes: e.bytes }, e.analysis));
    }
    const { report, summary, view } = wasm.checkView(inputs, options);
    post({ type: 'report', seq, report, summary, view });
  } catch (e) {
    post({ type: 'check-failed', seq, message: errorText(e) });
  }
}

// ---- verifier ----------------------------------------------------------------------------------

async function analyse({ id, name, blob, text, options }) {
  try {
    let analysed;
    if (text !== undefined) {
      analysed = wasm.analyse(name, text, options);
    } else if (isInstaller(new Uint8Array(await blob.slice(0, HEAD).arrayBuffer()))) {
      const analysis = await wasm.verifyBlob(name, blob, options, ({ hashed, total }) => {
        post({ type: 'progress', id, phase: 'hashing', done: hashed, total });
      });
      analysed = { kind: 'signature', analysis };
    } else {
      analysed = wasm.analyse(name, new Uint8Array(await blob.arrayBuffer()), options);
    }
    post({ type: 'analysed', id, analysed });
  } catch (e) {
    post({ type: 'analyse-failed', id, message: errorText(e) });
  }
}

// ---- messages ----------------------------------------------------------------------------------

const ENGINE_MESSAGES = { add, analysed: analysedArrived, remove: ({ id }) => forget(id), check };
const VERIFIER_MESSAGES = { analyse };

// The script and its imports have arrived (a verifier started now finds them in the browser's cache).
post({ type: 'started' });

self.onmessage = async ({ data }) => {
  if (data.type === 'init') {
    role = data.role;
    return;
  }
  if (data.type === 'load') {
    if (loading) return; // one module per worker: a new choice needs a new worker
    loading = load(data.wasm, data.modules).then(
      ({ url, compiled, fetched }) => {
        if (fetched) {
          try {
            post({ type: 'module', url, module: compiled });
          } catch {
            // A browser that cannot pass compiled modules: every worker compiles its own.
          }
        }
        post({ type: 'ready', role });
      },
      (e) => {
        post({ type: 'load-failed', role, message: errorText(e) });
        throw e;
      },
    );
    ordered(loading);
    return;
  }
  const handler = (role === 'verifier' ? VERIFIER_MESSAGES : ENGINE_MESSAGES)[data.type];
  if (!handler) return;
  if (data.type === 'check' || data.type === 'analyse') {
    try {
      await loaded();
    } catch {
      return; // the load failure was reported; the client starts a new worker
    }
  }
  handler(data);
};
