//! The checker engine, seen from the page. Every check runs in the engine module (the JavaScript
//! package in `pkg/`, the same one the widget and embedders use); the page's own wasm carries the
//! user interface only, so that it loads fast. The engine is fetched right after the first paint.

use acs_check::{wire_name, Input, Options, Report};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/engine.js")]
extern "C" {
    #[wasm_bindgen(js_name = engineLoad, catch)]
    fn engine_load(url: &str) -> Result<js_sys::Promise, JsValue>;

    #[wasm_bindgen(js_name = engineCheck, catch)]
    fn engine_check(
        url: &str,
        inputs: &JsValue,
        options: &JsValue,
        on_progress: &js_sys::Function,
    ) -> Result<js_sys::Promise, JsValue>;
}

/// The message of a JS error, or a description of whatever was thrown.
fn message(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_else(|| format!("{e:?}"))
}

fn set(object: &js_sys::Object, key: &str, value: &JsValue) {
    // Setting a property on a fresh plain object cannot fail.
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), value);
}

/// One input for the engine: `{ name, text }`, `{ name, bytes }`, or a `File` (large installers are
/// verified by the engine through byte ranges, never read whole).
pub enum Given<'a> {
    Input(&'a Input),
    File(&'a web_sys::File),
}

fn given_js(given: &Given) -> JsValue {
    match given {
        Given::File(f) => JsValue::from((*f).clone()),
        Given::Input(i) => {
            let o = js_sys::Object::new();
            set(&o, "name", &JsValue::from_str(&i.name));
            match &i.content {
                acs_check::Content::Text(t) => set(&o, "text", &JsValue::from_str(t)),
                acs_check::Content::Bytes(b) => set(&o, "bytes", &js_sys::Uint8Array::from(b.as_slice())),
                // The page never verifies files itself; nothing of this kind is created here.
                acs_check::Content::Analysed(_) => set(&o, "text", &JsValue::from_str("")),
            }
            o.into()
        }
    }
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

/// Starts loading the engine (after the first paint); later checks wait for the same load.
pub async fn load(url: &str) -> Result<(), String> {
    let promise = engine_load(url).map_err(message)?;
    JsFuture::from(promise).await.map(|_| ()).map_err(message)
}

/// The inputs as the engine takes them (a JS array). Bytes are copied here, once.
pub fn to_js(inputs: &[Given<'_>]) -> JsValue {
    inputs.iter().map(given_js).collect::<js_sys::Array>().into()
}

/// Runs one check in the engine on inputs from [`to_js`]. `progress(hashed, total)` follows the
/// hashing of large installers.
pub async fn check(
    url: &str,
    inputs: JsValue,
    options: &Options,
    progress: impl Fn(u64, u64) + 'static,
) -> Result<Report, String> {
    let on_progress = Closure::<dyn Fn(JsValue)>::new(move |p: JsValue| {
        let get =
            |k: &str| js_sys::Reflect::get(&p, &JsValue::from_str(k)).ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
        progress(get("hashed") as u64, get("total") as u64);
    });
    let promise =
        engine_check(url, &inputs, &options_js(options), on_progress.as_ref().unchecked_ref()).map_err(message)?;
    let json = JsFuture::from(promise).await.map_err(message)?;
    let json = json.as_string().ok_or("the engine returned no report")?;
    serde_json::from_str(&json).map_err(|e| format!("the engine's report does not match this page: {e}"))
}
