//! The JavaScript boundary of acs-check — the only code that knows about JS.
//!
//! `check(inputs, options)` takes texts and `{ name, bytes }` files, runs the core's pure check and
//! returns the report contract as a plain JS object (serde-wasm-bindgen, JSON-compatible: `null` for
//! missing values, plain objects for maps). Errors become JS `Error`s with the core's message, in one
//! place ([`js_error`]).

use acs_check::decode::Codecs;
use acs_check::{DateStr, Input, Lang, Managed, Options, Report};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
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

/// One input as JavaScript gives it: a string, `{ name?, text }`, or `{ name, bytes: Uint8Array }`.
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
            JsInput::Text(text) => Ok(Input::text("pasted text", text)),
            JsInput::Named { name, text: Some(text), bytes: None } => {
                Ok(Input::text(name.unwrap_or_else(|| "pasted text".into()), text))
            }
            JsInput::Named { name, text: None, bytes: Some(bytes) } => {
                Ok(Input::bytes(name.unwrap_or_else(|| format!("file {}", i + 1)), bytes.into_vec()))
            }
            JsInput::Named { .. } => Err(js_error(format!("input {}: give exactly one of `text` or `bytes`", i + 1))),
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
