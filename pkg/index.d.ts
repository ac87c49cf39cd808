// The acs-check JavaScript API. The report types (report.d.ts) are generated from the Rust types of
// the report contract; this file declares the functions of index.js.
import type { Lang, Managed, Report } from './report.js';

export * from './report.js';

/** One input: pasted text, a named text, a file's bytes, or a Blob/File (read whole). */
export type CheckInput =
  | string
  | { name?: string; text: string }
  | { name: string; bytes: Uint8Array }
  | Blob;

export interface CheckOptions {
  /** Language of every sentence in the report. Default `ja`. */
  lang?: Lang;
  /** Is the host's ESET program managed by ESET PROTECT? Decides where the alert shows. Default `unknown` (both). */
  managed?: Managed;
  /** Today, `YYYY-MM-DD` (UTC), for "this CA has expired" notes. Default: the JS clock's date. */
  today?: string;
}

/** Where the wasm module comes from, when not next to index.js. */
export type ModuleSource = string | URL | Request | Response | BufferSource | WebAssembly.Module;

/** Loads the wasm module once; the other functions call it. */
export function load(source?: ModuleSource): Promise<unknown>;

/** Runs one check. Rejects with an `Error` naming what was wrong when the arguments are not valid. */
export function check(inputs: CheckInput[], options?: CheckOptions): Promise<Report>;

/** The package version. */
export function version(): Promise<string>;

/** The newest release date in the built-in Windows update data, `YYYY-MM-DD`. */
export function dataAsOf(): Promise<string>;
