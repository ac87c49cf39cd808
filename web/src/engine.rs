//! The checker engine, seen from the page. Every check runs in the engine module (the JavaScript
//! package in `pkg/`, the same one the widget and embedders use); the page's own wasm carries the
//! user interface only, so that it loads fast. The engine is fetched right after the first paint.
//!
//! The page builds each input's JS object once ([`text_input`], [`bytes_input`], [`analysed_input`])
//! and keeps it: a check passes the same objects again, never copying a file's bytes anew.

use acs_check::{wire_name, DateStr, Options, Report};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/engine.js")]
extern "C" {
    #[wasm_bindgen(js_name = engineLoad, catch)]
    fn engine_load(url: &str) -> Result<js_sys::Promise, JsValue>;

    #[wasm_bindgen(js_name = engineCheck, catch)]
    fn engine_check(url: &str, inputs: &js_sys::Array, options: &JsValue) -> Result<js_sys::Promise, JsValue>;

    #[wasm_bindgen(js_name = engineVerify, catch)]
    fn engine_verify(
        url: &str,
        file: &web_sys::File,
        options: &JsValue,
        on_progress: &js_sys::Function,
    ) -> Result<js_sys::Promise, JsValue>;
}

/// Why the engine gave no result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EngineError {
    /// The engine module could not be loaded (the next check tries again).
    Load(String),
    /// The engine is there, but this check (or verification) failed.
    Check(String),
}

/// The message of a JS error, or a description of whatever was thrown.
fn message(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_else(|| format!("{e:?}"))
}

fn set(object: &js_sys::Object, key: &str, value: &JsValue) {
    // Setting a property on a fresh plain object cannot fail.
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), value);
}

fn named(name: &str, key: &str, value: &JsValue) -> JsValue {
    let o = js_sys::Object::new();
    set(&o, "name", &JsValue::from_str(name));
    set(&o, key, value);
    o.into()
}

/// `{ name, text }`.
pub fn text_input(name: &str, text: &str) -> JsValue {
    named(name, "text", &JsValue::from_str(text))
}

/// `{ name, bytes }` over a buffer that already is in JS (a file read by the page).
pub fn bytes_input(name: &str, bytes: &js_sys::Uint8Array) -> JsValue {
    named(name, "bytes", bytes)
}

/// `{ name, analysed }` with a result of [`verify`].
pub fn analysed_input(name: &str, analysed: &JsValue) -> JsValue {
    named(name, "analysed", analysed)
}

fn options_js(options: &Options) -> JsValue {
    let o = js_sys::Object::new();
    set(&o, "lang", &JsValue::from_str(options.lang.code()));
    set(&o, "managed", &JsValue::from_str(&wire_name(&options.managed)));
    if let Some(d) = options.today {
        set(&o, "today", &JsValue::from_str(d.as_str()));
    }
    o.into()
}

/// Loads the engine (started after the first paint); later calls wait for the same load, or try
/// again when it failed.
pub async fn load(url: &str) -> Result<(), String> {
    let promise = engine_load(url).map_err(message)?;
    JsFuture::from(promise).await.map(|_| ()).map_err(message)
}

/// Runs one check in the engine on input objects built by this module.
pub async fn check(url: &str, inputs: &js_sys::Array, options: &Options) -> Result<Report, EngineError> {
    load(url).await.map_err(EngineError::Load)?;
    let failed = |e: JsValue| EngineError::Check(message(e));
    let promise = engine_check(url, inputs, &options_js(options)).map_err(failed)?;
    let json = JsFuture::from(promise).await.map_err(failed)?;
    let json = json.as_string().ok_or_else(|| EngineError::Check("the engine returned no report".into()))?;
    serde_json::from_str(&json)
        .map_err(|e| EngineError::Check(format!("the engine's report does not match this page: {e}")))
}

/// Verifies a large installer's signature through byte ranges of `file` (never read whole), for
/// [`analysed_input`]. `progress(hashed, total)` follows the hashing; returning `false` stops it.
pub async fn verify(
    url: &str,
    file: &web_sys::File,
    today: Option<DateStr>,
    progress: impl Fn(u64, u64) -> bool + 'static,
) -> Result<JsValue, EngineError> {
    load(url).await.map_err(EngineError::Load)?;
    let on_progress = Closure::<dyn Fn(JsValue) -> Result<(), JsValue>>::new(move |p: JsValue| {
        let get =
            |k: &str| js_sys::Reflect::get(&p, &JsValue::from_str(k)).ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
        match progress(get("hashed") as u64, get("total") as u64) {
            true => Ok(()),
            false => Err(JsValue::from_str("stopped")),
        }
    });
    // Only the date matters to a signature (a signer's validity without a timestamp).
    let options = js_sys::Object::new();
    if let Some(d) = today {
        set(&options, "today", &JsValue::from_str(d.as_str()));
    }
    let failed = |e: JsValue| EngineError::Check(message(e));
    let promise = engine_verify(url, file, &options, on_progress.as_ref().unchecked_ref()).map_err(failed)?;
    JsFuture::from(promise).await.map_err(failed)
}
