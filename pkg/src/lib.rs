//! The JavaScript boundary of acs-check — the only code that knows about JS.
//!
//! One crate, two wasm modules (scripts/build-pkg.sh builds each with its feature):
//! - the **engine** (`engine`): `check`/`checkView` (inputs → the report contract as a plain JS object,
//!   serde-wasm-bindgen, JSON-compatible), `needsAnalysis` (does an input need the verifier?),
//!   `version`, `dataAsOf`. It is the core without its `x509` feature: it judges hosts, reads listings
//!   and words every result, and takes what certificates and signatures hold already analysed;
//! - the **verifier** (`verifier`): `analyse` (an input → its `Analysis`: a signature's verification,
//!   a certificate file's certificates, a text's PEM blocks) and `verifyBlob` (a large installer,
//!   through byte ranges). x509-parser, CMS, RSA and hashing live here only, fetched only when a file
//!   needs them. An analysis crosses to the engine as bytes (`Analysis::to_bytes`, postcard), which
//!   only the verifier of the same build makes.
//!
//! Built with both features (the default), one module does everything (`check` then analyses in place).
//! Errors become JS `Error`s with the core's message, in one place ([`js_error`]).

#[cfg(feature = "engine")]
use acs_check::decode::Codecs;
#[cfg(feature = "verifier")]
use acs_check::signature::{ByteRange, Request, Verifier};
#[cfg(feature = "engine")]
use acs_check::{Analysis, Input, Report, PASTED_TEXT};
use acs_check::{DateStr, Lang, Managed, Options};
#[cfg(feature = "engine")]
use serde::Serialize;
use wasm_bindgen::prelude::*;
#[cfg(feature = "verifier")]
use wasm_bindgen_futures::JsFuture;
#[cfg(feature = "verifier")]
use web_sys::Blob;
#[cfg(feature = "engine")]
use web_sys::{TextDecoder, TextDecoderOptions};

/// Multi-byte legacy code pages (Shift_JIS, GBK, EUC-KR) through the host's `TextDecoder`: the
/// browser's, or Node's (official Node builds carry full ICU). Same WHATWG decoders as the native
/// build's encoding_rs, without shipping its tables in the wasm.
#[cfg(feature = "engine")]
pub struct TextDecoderCodecs;

#[cfg(feature = "engine")]
impl Codecs for TextDecoderCodecs {
    fn decode(&self, encoding: &str, bytes: &[u8]) -> Option<String> {
        let options = TextDecoderOptions::new();
        options.set_fatal(true);
        let decoder = TextDecoder::new_with_label_and_options(encoding, &options).ok()?;
        decoder.decode_with_u8_array(bytes).ok()
    }
}

/// A property of a JS object (`undefined` when absent).
#[cfg(feature = "engine")]
fn property(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A property that may be absent (`undefined` or `null`).
#[cfg(feature = "engine")]
fn optional(object: &JsValue, key: &str) -> Option<JsValue> {
    let v = property(object, key);
    (!v.is_undefined() && !v.is_null()).then_some(v)
}

#[cfg(feature = "engine")]
fn inputs_from_js(value: JsValue) -> Result<Vec<Input>, JsError> {
    let list = value
        .dyn_into::<js_sys::Array>()
        .map_err(|_| js_error("inputs must be an array of strings or { name, text | bytes | analysis } objects"))?;
    list.iter().enumerate().map(|(i, v)| input_from_js(i + 1, v)).collect()
}

/// One input as JavaScript gives it (`n`: its place, counted from 1, for messages): a string,
/// `{ name?, text }`, `{ name, bytes: Uint8Array }`, either of those with `analysis` (the bytes the
/// verifier's `analyse` made of it), or `{ name, analysis }` alone when that analysis is a signature's
/// (`verifyBlob`'s, or `analyse`'s of kind `signature`): the file itself is then no longer needed.
///
/// Read field by field rather than through serde: serde-wasm-bindgen would compile a deserializer of
/// every signature and certificate type into the engine (a fifth of its size); the analysis comes as
/// postcard bytes instead ([`Analysis::from_bytes`]).
#[cfg(feature = "engine")]
fn input_from_js(n: usize, value: JsValue) -> Result<Input, JsError> {
    if let Some(text) = value.as_string() {
        return Ok(Input::text(PASTED_TEXT, text));
    }
    if !value.is_object() {
        return Err(js_error(format!("input {n}: a string or an object {{ name, text | bytes | analysis }}")));
    }
    let field = |key: &str| optional(&value, key);
    let name = match field("name") {
        Some(v) => Some(v.as_string().ok_or_else(|| js_error(format!("input {n}: `name` must be a string")))?),
        None => None,
    };
    let file_name = || name.clone().unwrap_or_else(|| format!("file {n}"));
    let analysis = field("analysis").map(|a| analysis_from_js(n, a)).transpose()?;
    let signature = matches!(analysis.as_deref(), Some(Analysis::Signature { .. }));
    if signature && (field("text").is_some() || field("bytes").is_some()) {
        // The analysis is of the file the verifier read, not of whatever text or bytes come with it.
        return Err(js_error(format!(
            "input {n}: a signature's `analysis` stands for its file: give it without `text` or `bytes`"
        )));
    }
    let input = match (field("text"), field("bytes"), analysis) {
        (Some(text), None, analysis) => {
            let text = text.as_string().ok_or_else(|| js_error(format!("input {n}: `text` must be a string")))?;
            Input::text(name.clone().unwrap_or_else(|| PASTED_TEXT.into()), text).with_analysis_opt(analysis)
        }
        (None, Some(bytes), analysis) => {
            let bytes = bytes
                .dyn_into::<js_sys::Uint8Array>()
                .map_err(|_| js_error(format!("input {n}: `bytes` must be a Uint8Array")))?;
            Input::bytes(file_name(), bytes.to_vec()).with_analysis_opt(analysis)
        }
        // A signature's analysis is all the engine needs of the file.
        (None, None, Some(a)) => match *a {
            Analysis::Signature { result } => Input::analysed(file_name(), *result),
            _ => {
                return Err(js_error(format!(
                    "input {n}: an `analysis` other than a signature's comes with the input's `text` or `bytes`"
                )))
            }
        },
        (None, None, None) => {
            return Err(js_error(format!(
                "input {n}: give its `text` or `bytes` (or a verifyBlob result as `analysed`)"
            )))
        }
        _ => return Err(js_error(format!("input {n}: give `text` or `bytes`, not both"))),
    };
    Ok(input)
}

/// An [`Analysis`] as the verifier made it: the bytes of [`Analysis::to_bytes`], from this build.
#[cfg(feature = "engine")]
fn analysis_from_js(n: usize, value: JsValue) -> Result<Box<Analysis>, JsError> {
    let bytes = value
        .dyn_into::<js_sys::Uint8Array>()
        .map_err(|_| js_error(format!("input {n}: `analysis` must be the Uint8Array the verifier made")))?;
    Analysis::from_bytes(&bytes.to_vec())
        .map(Box::new)
        .map_err(|e| js_error(format!("input {n}: `analysis` is not the verifier's: {e}")))
}

fn js_error(message: impl std::fmt::Display) -> JsError {
    JsError::new(&message.to_string())
}

/// Today's date (UTC) from the JS clock: the core never reads a clock, its callers pass the date.
pub fn today() -> Option<DateStr> {
    let iso = js_sys::Date::new_0().to_iso_string().as_string()?;
    DateStr::parse(iso.get(..10)?)
}

/// `{ lang?: 'ja' | 'en', managed?: 'yes' | 'no' | 'unknown', today?: 'YYYY-MM-DD' }` (today defaults to
/// the JS clock's UTC date). Read field by field, like the inputs: no deserializer in either module.
fn options_from_js(value: JsValue) -> Result<Options, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options { today: today(), ..Options::default() });
    }
    let object = value.dyn_ref::<js_sys::Object>().ok_or_else(|| js_error("options must be an object"))?;
    // Name a misspelt option instead of ignoring it.
    for key in js_sys::Object::keys(object).iter().filter_map(|k| k.as_string()) {
        if !["lang", "managed", "today"].contains(&key.as_str()) {
            return Err(js_error(format!("options: unknown field `{key}` (expected lang, managed, today)")));
        }
    }
    let field = |key: &str| -> Result<Option<String>, JsError> {
        let v = js_sys::Reflect::get(&value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
        if v.is_undefined() || v.is_null() {
            return Ok(None);
        }
        v.as_string().map(Some).ok_or_else(|| js_error(format!("options.{key} must be a string")))
    };
    Ok(Options {
        lang: match field("lang")?.as_deref() {
            None => Lang::Ja,
            Some(l) => {
                Lang::parse(l).ok_or_else(|| js_error(format!("options.lang must be 'ja' or 'en', not {l:?}")))?
            }
        },
        managed: match field("managed")?.as_deref() {
            None => Managed::Unknown,
            Some(m) => Managed::parse(m)
                .ok_or_else(|| js_error(format!("options.managed must be 'yes', 'no' or 'unknown', not {m:?}")))?,
        },
        today: match field("today")?.as_deref() {
            None => today(),
            Some(d) => Some(
                DateStr::parse(d).ok_or_else(|| js_error(format!("options.today must be YYYY-MM-DD, not {d:?}")))?,
            ),
        },
    })
}

/// A value as a plain JS object (JSON-compatible: `null` for missing values, plain objects for maps).
#[cfg(feature = "engine")]
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(js_error)
}

/// Runs one check: `check(inputs, options?) → Report`.
#[cfg(feature = "engine")]
#[wasm_bindgen(js_name = check, skip_typescript)]
pub fn check(inputs: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let inputs = inputs_from_js(inputs)?;
    let options = options_from_js(options)?;
    let report: Report = acs_check::check_with(&inputs, &options, &TextDecoderCodecs);
    to_js(&report)
}

/// Runs one check for a page: `checkView(inputs, options?) → { report, summary, view }`, the report
/// contract, its summary (what an embedding page is told) and the page's view of it
/// (`acs_check::present::page`: every row and word the page draws). All three cross to the page as
/// structured clones; the page's own wasm needs no text tables and no report types.
#[cfg(feature = "engine")]
#[wasm_bindgen(js_name = checkView, skip_typescript)]
pub fn check_view(inputs: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let inputs = inputs_from_js(inputs)?;
    let options = options_from_js(options)?;
    let report = acs_check::check_with(&inputs, &options, &TextDecoderCodecs);
    object(&[
        ("report", to_js(&report)?),
        ("summary", to_js(&report.summary())?),
        ("view", to_js(&acs_check::present::page::page_view(&report))?),
    ])
}

/// The input as text (a string) or bytes (a `Uint8Array`).
enum JsContent {
    Text(String),
    Bytes(Vec<u8>),
}

fn content_from_js(input: JsValue, what: &str) -> Result<JsContent, JsError> {
    if let Some(text) = input.as_string() {
        return Ok(JsContent::Text(text));
    }
    let bytes = input
        .dyn_into::<js_sys::Uint8Array>()
        .map_err(|_| js_error(format!("{what}: the input must be a string or a Uint8Array")))?;
    Ok(JsContent::Bytes(bytes.to_vec()))
}

/// `needsAnalysis(name, input) → boolean`: does this input (a paste's text, or a file's bytes) hold
/// what only the verifier reads? The engine gets its `analysis` from the verifier first.
#[cfg(feature = "engine")]
#[wasm_bindgen(js_name = needsAnalysis, skip_typescript)]
pub fn needs_analysis(name: String, input: JsValue) -> Result<bool, JsError> {
    Ok(match content_from_js(input, "needsAnalysis")? {
        JsContent::Text(text) => acs_check::text_needs_analysis(&text),
        JsContent::Bytes(bytes) => acs_check::bytes_need_analysis(&name, &bytes),
    })
}

/// The verifier's step for one input: `analyse(name, input, options?) → { kind, analysis }` with the
/// input's text (a paste) or bytes (`Uint8Array`). `analysis` is a `Uint8Array` for the engine (a
/// signed file's verification, a certificate file's certificates, a text's PEM blocks); `kind` says
/// which (`signature`, `certificate_file`, `text_certificates`, `nothing`): a signature's analysis
/// stands for its file (`{ name, analysis }`), any other goes with the input (`{ name, text | bytes,
/// analysis }`).
#[cfg(feature = "verifier")]
#[wasm_bindgen(js_name = analyse, skip_typescript)]
pub fn analyse(name: String, input: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let options = options_from_js(options)?;
    let input = match content_from_js(input, "analyse")? {
        JsContent::Text(text) => acs_check::Input::text(name, text),
        JsContent::Bytes(bytes) => acs_check::Input::bytes(name, bytes),
    };
    let analysis = acs_check::analyse(&input, &options);
    let kind = match &analysis {
        acs_check::Analysis::Signature { .. } => "signature",
        acs_check::Analysis::CertificateFile { .. } => "certificate_file",
        acs_check::Analysis::TextCertificates { .. } => "text_certificates",
        acs_check::Analysis::Nothing => "nothing",
    };
    object(&[("kind", JsValue::from_str(kind)), ("analysis", analysis_bytes(&analysis)?)])
}

/// An analysis as the engine takes it.
#[cfg(feature = "verifier")]
fn analysis_bytes(analysis: &acs_check::Analysis) -> Result<JsValue, JsError> {
    let bytes = analysis.to_bytes().map_err(js_error)?;
    Ok(js_sys::Uint8Array::from(bytes.as_slice()).into())
}

/// A plain JS object of these properties.
fn object(entries: &[(&str, JsValue)]) -> Result<JsValue, JsError> {
    let out = js_sys::Object::new();
    for (key, value) in entries {
        js_sys::Reflect::set(&out, &JsValue::from_str(key), value).map_err(|_| js_error("cannot build the result"))?;
    }
    Ok(out.into())
}

/// The package version.
#[wasm_bindgen(js_name = version, skip_typescript)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// The newest release date in the built-in update data (`YYYY-MM-DD`).
#[cfg(feature = "engine")]
#[wasm_bindgen(js_name = dataAsOf, skip_typescript)]
pub fn data_as_of() -> String {
    acs_check::windows::DATA_AS_OF.to_owned()
}

#[cfg(feature = "verifier")]
/// Reads byte ranges of a `Blob` (a `File` in the browser, a `Blob` in Node) without reading the
/// whole: small structural reads are served from one cached window, so an MSI's many 64-byte
/// mini-stream sectors cost a few reads, not thousands.
struct BlobReader {
    blob: Blob,
    size: u64,
    window_start: u64,
    window: Vec<u8>,
}

#[cfg(feature = "verifier")]
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
/// `onProgress({ hashed, total })` is called while hashing. Resolves to the signature's analysis, the
/// bytes the engine reads (`{ name, analysis }`).
#[cfg(feature = "verifier")]
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
                            let value = object(&[
                                ("hashed", JsValue::from_f64(p.hashed as f64)),
                                ("total", JsValue::from_f64(p.total as f64)),
                            ])?;
                            f.call1(&JsValue::NULL, &value).map_err(|_| js_error("onProgress threw"))?;
                        }
                    }
                }
            }
            Request::Done => break,
        }
    }
    analysis_bytes(&acs_check::Analysis::Signature { result: Box::new(verifier.finish()) })
}
