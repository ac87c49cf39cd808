// The acs-check JavaScript API. The report types (report.d.ts) are generated from the Rust types of
// the report contract; this file declares the functions of index.js.
import type { Lang, Managed, Report, SignatureReport } from './report.js';

export * from './report.js';

/**
 * A `verifyBlob` result: the file's signature as the report words it (its `signatures[]` entry) and the
 * file's size. Pass that very object back to `check` as `{ name, analysed }`.
 */
export type SignatureResult = SignatureReport & { readonly size: number };

/**
 * One input: pasted text, a named text, a file's bytes, a Blob/File (installers over 16 MiB are
 * verified through byte ranges, smaller files are read whole), or a result this package's `verifyBlob`
 * returned (that very object: a copy, or a result from anywhere else, is refused).
 */
export type CheckInput =
  | string
  | { name?: string; text: string }
  | { name: string; bytes: Uint8Array }
  | { name: string; analysed: SignatureResult }
  | Blob;

/** Hashing progress of a large installer, in bytes. */
export interface Progress {
  hashed: number;
  total: number;
}

export interface CheckOptions {
  /** Language of every sentence in the report. Default `ja`. */
  lang?: Lang;
  /** Is the host's ESET program managed by ESET PROTECT? Decides where the alert shows. Default `unknown` (both). */
  managed?: Managed;
  /** Today, `YYYY-MM-DD` (UTC), for "this CA has expired" notes. Default: the JS clock's date. */
  today?: string;
}

/** Where a wasm module comes from, when not next to index.js. */
export type ModuleSource = string | URL | Request | Response | BufferSource | WebAssembly.Module;

/** Loads the engine's wasm module once; the other functions call it. A failed load is tried again at the next call. */
export function load(source?: ModuleSource): Promise<unknown>;

/**
 * Loads the verifier's wasm module (certificates and signatures) once; `check` and `verifyBlob` call it
 * when an input needs it. A failed load is tried again at the next call.
 */
export function loadVerifier(source?: ModuleSource): Promise<unknown>;

/**
 * Runs one check. Rejects with an `Error` naming what was wrong when the arguments are not valid.
 * `onProgress` reports the hashing of large installers.
 */
export function check(inputs: CheckInput[], options?: CheckOptions, onProgress?: (p: Progress) => void): Promise<Report>;

/** Verifies a large signed file by byte ranges (never read whole); pass the result to `check`. */
export function verifyBlob(blob: Blob, options?: CheckOptions, onProgress?: (p: Progress) => void): Promise<SignatureResult>;

/** The package version. */
export function version(): Promise<string>;

/** The newest release date in the built-in Windows update data, `YYYY-MM-DD`. */
export function dataAsOf(): Promise<string>;
