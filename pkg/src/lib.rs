//! The JavaScript boundary of acs-check — the only code that knows about JS.
//!
//! `check(inputs, options)` takes texts and `{ name, bytes }` files, runs the core's pure check and
//! returns the report contract as a plain JS object (serde-wasm-bindgen, JSON-compatible: `null` for
//! missing values, plain objects for maps). Errors become JS `Error`s with the core's message, in one
//! place ([`js_error`]).

use acs_check::decode::Codecs;
use acs_check::signature::SignatureResult;
#[cfg(feature = "x509")]
use acs_check::signature::{ByteRange, Request, Verifier};
use acs_check::{DateStr, Input, Lang, Managed, Options, Report, PASTED_TEXT};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
#[cfg(feature = "x509")]
use wasm_bindgen_futures::JsFuture;
#[cfg(feature = "x509")]
use web_sys::Blob;
use web_sys::{TextDecoder, TextDecoderOptions};

/// Multi-byte legacy code pages (Shift_JIS, GBK, EUC-KR) through the host's `TextDecoder`: the
/// browser's, or Node's (official Node builds carry full ICU). Same WHATWG decoders as the native
/// build's encoding_rs, without shipping its tables in the wasm.
pub struct TextDecoderCodecs;

impl Codecs for TextDecoderCodecs {
    fn decode(&self, encoding: &str, bytes: &[u8]) -> Option<String> {
        let options = TextDecoderOptions::new();
        options.set_fatal(true);
        let decoder = TextDecoder::new_with_label_and_options(encoding, &options).ok()?;
        decoder.decode_with_u8_array(bytes).ok()
    }
}

/// One input as JavaScript gives it: a string, `{ name?, text }`, `{ name, bytes: Uint8Array }`, or
/// `{ name, analysed }` with the result of [`verify_blob`] for a file too large to pass as bytes.
#[derive(Deserialize)]
#[serde(untagged)]
enum JsInput {
    Text(String),
    Named {
        #[serde(default)]
        name: Option<String>,
        #[serde(default)]
        text: Option<String>,
        #[serde(default)]
        bytes: Option<serde_bytes::ByteBuf>,
        #[serde(default)]
        analysed: Option<Box<SignatureResult>>,
    },
}

/// `{ lang?: 'ja' | 'en', managed?: 'yes' | 'no' | 'unknown', today?: 'YYYY-MM-DD' }` (today defaults to
/// the JS clock's UTC date).
#[derive(Deserialize, Default)]
#[serde(default)]
struct JsOptions {
    lang: Option<String>,
    managed: Option<String>,
    today: Option<String>,
}

fn js_error(message: impl std::fmt::Display) -> JsError {
    JsError::new(&message.to_string())
}

fn inputs_from_js(value: JsValue) -> Result<Vec<Input>, JsError> {
    let list: Vec<JsInput> = serde_wasm_bindgen::from_value(value).map_err(|e| {
        js_error(format!("inputs must be an array of strings or {{ name, text | bytes }} objects: {e}"))
    })?;
    list.into_iter()
        .enumerate()
        .map(|(i, input)| match input {
            JsInput::Text(text) => Ok(Input::text(PASTED_TEXT, text)),
            JsInput::Named { name, text: Some(text), bytes: None, analysed: None } => {
                Ok(Input::text(name.unwrap_or_else(|| PASTED_TEXT.into()), text))
            }
            JsInput::Named { name, text: None, bytes: Some(bytes), analysed: None } => {
                Ok(Input::bytes(name.unwrap_or_else(|| format!("file {}", i + 1)), bytes.into_vec()))
            }
            JsInput::Named { name, text: None, bytes: None, analysed: Some(result) } => {
                Ok(Input::analysed(name.unwrap_or_else(|| format!("file {}", i + 1)), *result))
            }
            JsInput::Named { .. } => {
                Err(js_error(format!("input {}: give exactly one of `text`, `bytes` or `analysed`", i + 1)))
            }
        })
        .collect()
}

/// Today's date (UTC) from the JS clock: the core never reads a clock, its callers pass the date.
pub fn today() -> Option<DateStr> {
    let iso = js_sys::Date::new_0().to_iso_string().as_string()?;
    DateStr::parse(iso.get(..10)?)
}

fn options_from_js(value: JsValue) -> Result<Options, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options { today: today(), ..Options::default() });
    }
    // serde-wasm-bindgen reads only the fields it knows: name a misspelt option instead of ignoring it.
    if let Some(object) = value.dyn_ref::<js_sys::Object>() {
        for key in js_sys::Object::keys(object).iter().filter_map(|k| k.as_string()) {
            if !["lang", "managed", "today"].contains(&key.as_str()) {
                return Err(js_error(format!("options: unknown field `{key}` (expected lang, managed, today)")));
            }
        }
    }
    let o: JsOptions = serde_wasm_bindgen::from_value(value).map_err(|e| js_error(format!("options: {e}")))?;
    Ok(Options {
        lang: match o.lang.as_deref() {
            None => Lang::Ja,
            Some(l) => {
                Lang::parse(l).ok_or_else(|| js_error(format!("options.lang must be 'ja' or 'en', not {l:?}")))?
            }
        },
        managed: match o.managed.as_deref() {
            None => Managed::Unknown,
            Some(m) => Managed::parse(m)
                .ok_or_else(|| js_error(format!("options.managed must be 'yes', 'no' or 'unknown', not {m:?}")))?,
        },
        today: match o.today.as_deref() {
            None => today(),
            Some(d) => Some(
                DateStr::parse(d).ok_or_else(|| js_error(format!("options.today must be YYYY-MM-DD, not {d:?}")))?,
            ),
        },
    })
}

/// The report as a plain JS object (JSON-compatible).
pub fn report_to_js(report: &Report) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    report.serialize(&serializer).map_err(js_error)
}

/// Runs one check: `check(inputs, options?) → Report`.
#[wasm_bindgen(js_name = check, skip_typescript)]
pub fn check(inputs: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let inputs = inputs_from_js(inputs)?;
    let options = options_from_js(options)?;
    report_to_js(&acs_check::check_with(&inputs, &options, &TextDecoderCodecs))
}

/// A value as a plain JS object (JSON-compatible: `null` for missing values, plain objects for maps).
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(js_error)
}

/// Runs one check for a page: `checkView(inputs, options?) → { report, summary, view }`, the report
/// contract, its summary (what an embedding page is told) and the page's view of it
/// (`acs_check::present::page`: every row and word the page draws). All three cross to the page as
/// structured clones; the page's own wasm needs no text tables and no report types.
#[wasm_bindgen(js_name = checkView, skip_typescript)]
pub fn check_view(inputs: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let inputs = inputs_from_js(inputs)?;
    let options = options_from_js(options)?;
    let report = acs_check::check_with(&inputs, &options, &TextDecoderCodecs);
    let out = js_sys::Object::new();
    for (key, value) in [
        ("report", to_js(&report)?),
        ("summary", to_js(&report.summary())?),
        ("view", to_js(&acs_check::present::page::page_view(&report))?),
    ] {
        js_sys::Reflect::set(&out, &JsValue::from_str(key), &value).map_err(|_| js_error("cannot build the result"))?;
    }
    Ok(out.into())
}

/// The verifier's step for one input that needs it (see `pkg/route.js`): `analyse(name, input, options?)`
/// with the input's bytes (`Uint8Array`) or text (a paste). Resolves to a value to pass to `check` as
/// `{ name, analysed }`, or `undefined` when the input is for the engine to read as it is (today:
/// everything but signed files: certificates, PEM text and listings are read by `check` itself).
#[wasm_bindgen(js_name = analyse, skip_typescript)]
pub fn analyse(name: String, input: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let options = options_from_js(options)?;
    if input.is_string() {
        return Ok(JsValue::UNDEFINED);
    }
    let bytes = input
        .dyn_into::<js_sys::Uint8Array>()
        .map_err(|_| js_error("analyse: the input must be a string or a Uint8Array"))?
        .to_vec();
    if acs_check::signature::detect::kind_from_bytes(&name, &bytes).is_none() {
        return Ok(JsValue::UNDEFINED);
    }
    to_js(&acs_check::signature::verify_bytes(&name, &bytes, &acs_check::signature_options(&options)))
}

/// The package version.
#[wasm_bindgen(js_name = version, skip_typescript)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// The newest release date in the built-in update data (`YYYY-MM-DD`).
#[wasm_bindgen(js_name = dataAsOf, skip_typescript)]
pub fn data_as_of() -> String {
    acs_check::windows::DATA_AS_OF.to_owned()
}

#[cfg(feature = "x509")]
/// Reads byte ranges of a `Blob` (a `File` in the browser, a `Blob` in Node) without reading the
/// whole: small structural reads are served from one cached window, so an MSI's many 64-byte
/// mini-stream sectors cost a few reads, not thousands.
struct BlobReader {
    blob: Blob,
    size: u64,
    window_start: u64,
    window: Vec<u8>,
}

#[cfg(feature = "x509")]
impl BlobReader {
    /// Bytes read from the Blob per request: large enough to keep the number of awaits small, small
    /// enough to keep memory flat however large the file is.
    const WINDOW: u64 = 4 << 20;

    fn new(blob: Blob) -> BlobReader {
        let size = blob.size() as u64;
        BlobReader { blob, size, window_start: 0, window: Vec::new() }
    }

    async fn slice(&self, start: u64, end: u64) -> Result<Vec<u8>, JsError> {
        let part = self
            .blob
            .slice_with_f64_and_f64(start as f64, end as f64)
            .map_err(|_| js_error(format!("cannot read bytes {start}..{end} of the file")))?;
        let buffer = JsFuture::from(part.array_buffer())
            .await
            .map_err(|_| js_error(format!("cannot read bytes {start}..{end} of the file")))?;
        Ok(js_sys::Uint8Array::new(&buffer).to_vec())
    }

    /// The bytes of `range` (shorter only if the file is).
    async fn read(&mut self, range: ByteRange) -> Result<Vec<u8>, JsError> {
        let end = range.offset.saturating_add(range.len).min(self.size);
        let start = range.offset.min(end);
        let window_end = self.window_start + self.window.len() as u64;
        if !(start >= self.window_start && end <= window_end) {
            if end - start >= Self::WINDOW {
                return self.slice(start, end).await;
            }
            self.window_start = start;
            self.window = self.slice(start, (start + Self::WINDOW).min(self.size)).await?;
        }
        let from = (start - self.window_start) as usize;
        self.window
            .get(from..from + (end - start) as usize)
            .map(<[u8]>::to_vec)
            .ok_or_else(|| js_error(format!("the file ended early at byte {start}: was it changed while being read?")))
    }
}

/// Verifies the Authenticode signature of a large file (an installer) by reading only the byte
/// ranges the core asks for: headers and the signature first, then the hashed ranges in chunks.
/// `onProgress({ hashed, total })` is called while hashing. Resolves to the result to pass to
/// `check()` as `{ name, analysed }`.
#[cfg(feature = "x509")]
#[wasm_bindgen(js_name = verifyBlob, skip_typescript)]
pub async fn verify_blob(
    name: String,
    blob: Blob,
    options: JsValue,
    on_progress: Option<js_sys::Function>,
) -> Result<JsValue, JsError> {
    let options = options_from_js(options)?;
    let mut reader = BlobReader::new(blob);
    let mut verifier = Verifier::new(&name, reader.size, acs_check::signature_options(&options));
    loop {
        match verifier.next_request() {
            Request::Read { ranges } => {
                for r in ranges {
                    let bytes = reader.read(r).await?;
                    verifier.supply(r.offset, bytes);
                }
            }
            Request::Hash(plan) => {
                for r in plan.ranges {
                    let mut done = 0;
                    while done < r.len {
                        let len = (r.len - done).min(BlobReader::WINDOW);
                        let chunk = reader.read(ByteRange::new(r.offset + done, len)).await?;
                        if chunk.is_empty() {
                            break;
                        }
                        verifier.update(&chunk).map_err(js_error)?;
                        done += chunk.len() as u64;
                        if let Some(f) = &on_progress {
                            let p = verifier.progress();
                            let value = serde_wasm_bindgen::to_value(&p).map_err(js_error)?;
                            f.call1(&JsValue::NULL, &value).map_err(|_| js_error("onProgress threw"))?;
                        }
                    }
                }
            }
            Request::Done => break,
        }
    }
    let result = verifier.finish();
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    result.serialize(&serializer).map_err(js_error)
}
