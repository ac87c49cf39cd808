//! The checker, seen from the page: a client (`engine.js`) of the engine's Web Workers. The page sends
//! each file once (a `File`/`Blob`: no copy on the main thread), the paste and the options; it hears
//! back events: reading and hashing progress, each file's state, and each check's result — the page's
//! view of the report (`acs_check::present::page::PageView`: the report section as HTML, the chips'
//! lines, the plain-text report; a structured clone) with the report and its summary for the
//! embedding page. Nothing here checks or formats anything.

use acs_check::Lang;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/engine.js")]
extern "C" {
    /// The JS client (one per page or widget).
    pub type Client;

    #[wasm_bindgen(js_name = engineStart, catch)]
    fn engine_start(url: &str, emit: &js_sys::Function) -> Result<Client, JsValue>;

    #[wasm_bindgen(method)]
    pub fn add(this: &Client, id: u32, name: &str, blob: &web_sys::Blob);

    #[wasm_bindgen(method)]
    pub fn remove(this: &Client, id: u32);

    #[wasm_bindgen(method)]
    fn check(this: &Client, seq: u32, ids: Vec<u32>, paste_name: &str, paste: Option<String>, options: &JsValue);

    #[wasm_bindgen(method)]
    pub fn stop(this: &Client);

    /// A text is probably coming: the engine loads its module now (see `engine.js`).
    #[wasm_bindgen(method)]
    pub fn warm(this: &Client);
}

/// Why the engine gave no result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EngineError {
    /// The engine could not be loaded (the next check tries again).
    Load(String),
    /// The engine is there, but this check failed.
    Check(String),
}

/// A file's state, as the engine worker tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileEvent {
    Ready,
    Verifying,
    /// Larger than the engine reads (`max`), or more than it holds in all.
    TooLarge {
        max: u64,
        in_all: bool,
    },
    Failed,
    Stopped,
}

/// The page's view of a report (`acs_check::present::page::PageView`), read from its structured clone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    pub lang: Lang,
    /// The report section, as HTML whose every value the engine escaped.
    pub html: String,
    /// Each input's line and whether nothing in it was recognised, in the check's order.
    pub inputs: Vec<(String, bool)>,
    pub live: String,
    pub verdict: String,
    pub jump: String,
    pub text: String,
}

impl View {
    fn read(v: &JsValue) -> Option<View> {
        let inputs = js_sys::Array::from(&get(v, "inputs"))
            .iter()
            .map(|line| (text(&line, "detail"), get(&line, "error").is_truthy()))
            .collect();
        Some(View {
            lang: Lang::parse(&text(v, "lang"))?,
            html: get(v, "html").as_string()?,
            inputs,
            live: text(v, "live"),
            verdict: text(v, "verdict"),
            jump: text(v, "jump"),
            text: text(v, "text"),
        })
    }
}

/// What the engine tells the page.
pub enum Event {
    Ready,
    LoadFailed(String),
    /// Reading (`hashing == false`) or hashing progress of a file.
    Progress {
        id: u32,
        hashing: bool,
        done: u64,
        total: u64,
    },
    File {
        id: u32,
        state: FileEvent,
    },
    /// A check's result: the page's view, and `{ summary, report }` for the embedding page.
    Report {
        seq: u32,
        view: Box<View>,
        detail: JsValue,
    },
    CheckFailed {
        seq: u32,
        error: EngineError,
    },
    Stopped,
}

fn get(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn number(object: &JsValue, key: &str) -> u64 {
    get(object, key).as_f64().unwrap_or(0.0) as u64
}

fn text(object: &JsValue, key: &str) -> String {
    get(object, key).as_string().unwrap_or_default()
}

impl Event {
    /// Reads one event object of `engine.js`; `None` for what the page does not use.
    fn parse(e: &JsValue) -> Option<Event> {
        let id = number(e, "id") as u32;
        let seq = number(e, "seq") as u32;
        Some(match text(e, "type").as_str() {
            "ready" => Event::Ready,
            "load-failed" => Event::LoadFailed(text(e, "message")),
            "progress" => Event::Progress {
                id,
                hashing: text(e, "phase") == "hashing",
                done: number(e, "done"),
                total: number(e, "total"),
            },
            "file" => Event::File {
                id,
                state: match text(e, "state").as_str() {
                    "ready" => FileEvent::Ready,
                    "verifying" => FileEvent::Verifying,
                    "too-large" => FileEvent::TooLarge { max: number(e, "max"), in_all: false },
                    "held-too-large" => FileEvent::TooLarge { max: number(e, "max"), in_all: true },
                    "stopped" => FileEvent::Stopped,
                    _ => FileEvent::Failed,
                },
            },
            "report" => match View::read(&get(e, "view")) {
                Some(view) => Event::Report { seq, view: Box::new(view), detail: get(e, "detail") },
                None => Event::CheckFailed {
                    seq,
                    error: EngineError::Check("the engine's report does not match this page".into()),
                },
            },
            "check-failed" => Event::CheckFailed {
                seq,
                error: match get(e, "load").is_truthy() {
                    true => EngineError::Load(text(e, "message")),
                    false => EngineError::Check(text(e, "message")),
                },
            },
            "stopped" => Event::Stopped,
            _ => return None,
        })
    }
}

/// Starts a client of the worker script at `url`; `on_event` hears every event.
pub fn start(url: &str, on_event: impl Fn(Event) + 'static) -> Result<Client, String> {
    let emit = Closure::<dyn Fn(JsValue)>::new(move |e: JsValue| {
        if let Some(event) = Event::parse(&e) {
            on_event(event);
        }
    });
    let client = engine_start(url, emit.as_ref().unchecked_ref()).map_err(|e| {
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "the worker could not start".into())
    })?;
    // The client lives as long as the page (or the widget).
    emit.forget();
    Ok(client)
}

/// Options of a check: `{ lang, managed, today? }`.
pub struct CheckOptions<'a> {
    pub lang: &'a str,
    pub managed: &'a str,
    pub today: Option<String>,
}

impl Client {
    /// Runs a check of `paste` (when given) and the files `ids`, in that order.
    pub fn run(&self, seq: u32, ids: Vec<u32>, paste: Option<String>, options: &CheckOptions) {
        let o = js_sys::Object::new();
        let set = |k: &str, v: &str| {
            // Setting a property on a fresh plain object cannot fail.
            let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
        };
        set("lang", options.lang);
        set("managed", options.managed);
        if let Some(d) = &options.today {
            set("today", d);
        }
        self.check(seq, ids, acs_check::PASTED_TEXT, paste, &o);
    }
}
