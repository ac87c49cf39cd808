//! The page: gather inputs (paste, files, examples), hand them to the checker's workers, draw the view
//! of the report they send back. State lives in signals ([`Page`]); the sections are components in
//! `crate::ui`.
//!
//! Each file crosses to the engine worker once (a `File`, no copy here) and stays there; the engine
//! says when it is an input (read, or verified once by the verifier). A check depends only on the
//! inputs and the options, never on reading or hashing progress, and starts at most once per
//! animation frame; a check still running when they change is cancelled by the client (its worker
//! ends). A language switch runs the check again with what the workers hold: nothing is verified twice.

use std::sync::Arc;

use acs_check::{Lang, Managed};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::engine::{self, EngineError, Event, FileEvent, View};
use crate::examples::Example;
use crate::state::{admit, paste_counts, FileEntry, FileState, PASTE_ID};
use crate::texts::{t, tf};
use crate::ui;

/// Options given by an embedding page (the widget's attributes, or the iframe's address), its report
/// callback, and the element the widget is mounted in (`None`: the page owns the whole document).
#[derive(Clone, Default)]
pub struct Initial {
    pub lang: Option<Lang>,
    pub managed: Option<Managed>,
    pub on_report: Option<js_sys::Function>,
    pub root: Option<web_sys::HtmlElement>,
}

/// The view on screen and the inputs it is for (the paste's id first, then the files').
#[derive(Clone, PartialEq)]
pub struct Shown {
    pub view: Arc<View>,
    pub inputs: Vec<u32>,
}

/// The page's state. Every field is a signal or stored value (Copy), shared through the context.
#[derive(Clone, Copy)]
pub struct Page {
    pub lang: RwSignal<Lang>,
    pub managed: RwSignal<Managed>,
    /// The paste area's text (the check's first input unless blank or too long).
    pub paste: RwSignal<String>,
    /// The files, in the order they were given, with their states.
    pub files: RwSignal<Vec<FileEntry>>,
    pub shown: RwSignal<Option<Shown>>,
    /// `{ summary, report }` of the view on screen (the JSON download, the embedding page).
    detail: StoredValue<Option<JsValue>, LocalStorage>,
    /// A check is running.
    pub busy: RwSignal<bool>,
    /// The user pressed Stop (until the inputs change).
    pub stopped: RwSignal<bool>,
    /// Why the engine gave no report: it could not load, or the check failed.
    pub engine_error: RwSignal<Option<EngineError>>,
    /// The worker script's URL, and the client of the workers (started after the first paint).
    url: StoredValue<String>,
    client: StoredValue<Option<engine::Client>, LocalStorage>,
    on_report: StoredValue<Option<js_sys::Function>, LocalStorage>,
    /// The widget's element; the page (not embedded) has none and owns the document.
    pub root: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
    next_id: StoredValue<u32>,
    /// The newest check, and the inputs it was for.
    seq: StoredValue<u32>,
    asked: StoredValue<Vec<u32>>,
    /// A check has started in this animation frame; `check_due`: another is wanted at the next one.
    frame_open: StoredValue<bool>,
    check_due: StoredValue<bool>,
}

impl Page {
    fn new(url: String, initial: Initial) -> Page {
        Page {
            lang: RwSignal::new(initial.lang.unwrap_or_else(crate::lang::initial)),
            managed: RwSignal::new(initial.managed.unwrap_or(Managed::Unknown)),
            paste: RwSignal::new(String::new()),
            files: RwSignal::new(Vec::new()),
            shown: RwSignal::new(None),
            detail: StoredValue::new_local(None),
            busy: RwSignal::new(false),
            stopped: RwSignal::new(false),
            engine_error: RwSignal::new(None),
            url: StoredValue::new(url),
            client: StoredValue::new_local(None),
            on_report: StoredValue::new_local(initial.on_report),
            root: StoredValue::new_local(initial.root),
            next_id: StoredValue::new(1),
            seq: StoredValue::new(0),
            asked: StoredValue::new(Vec::new()),
            frame_open: StoredValue::new(false),
            check_due: StoredValue::new(false),
        }
    }

    fn id(&self) -> u32 {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        id
    }

    /// The workers' client, started at the first need (after the first paint, or a check before it).
    fn with_client(&self, f: impl FnOnce(&engine::Client)) {
        if self.client.with_value(Option::is_none) {
            let page = *self;
            match engine::start(&self.url.get_value(), move |e| page.on_event(e)) {
                Ok(c) => self.client.set_value(Some(c)),
                Err(e) => {
                    self.engine_error.set(Some(EngineError::Load(e)));
                    return;
                }
            }
        }
        self.client.with_value(|c| {
            if let Some(c) = c {
                f(c)
            }
        });
    }

    /// A text is probably coming (the paste area has the focus): the engine's module loads now rather
    /// than at the paste. Only a text needs it first; a signed file dropped before any text loads the
    /// module that holds both engine and verifier instead (web/src/engine.js).
    pub fn warm(&self) {
        self.with_client(|c| c.warm());
    }

    pub fn set_paste(&self, text: String) {
        self.paste.set(text);
    }

    /// Takes in files (the picker or a drop): each within the page's caps goes to the engine worker.
    pub fn add_files(&self, files: Vec<web_sys::File>) {
        for file in files {
            let name = file.name();
            self.add_blob(name, file.into());
        }
    }

    fn add_blob(&self, name: String, blob: web_sys::Blob) {
        let id = self.id();
        let size = blob.size() as u64;
        let refused = self.files.with_untracked(|f| admit(f, size));
        let state = refused.unwrap_or(FileState::Reading { done: 0 });
        self.files.update(|f| f.push(FileEntry { id, name: name.clone(), size, state }));
        if refused.is_none() {
            self.with_client(|c| c.add(id, &name, &blob));
        }
    }

    pub fn add_examples<'a>(&self, examples: impl IntoIterator<Item = &'a Example>) {
        for e in examples {
            if self.files.with_untracked(|f| f.iter().any(|f| f.name == e.file)) {
                continue;
            }
            let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(e.bytes));
            if let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence(&parts) {
                self.add_blob(e.file.to_owned(), blob);
            }
        }
    }

    pub fn remove(&self, id: u32) {
        if id == PASTE_ID {
            self.paste.set(String::new());
            return;
        }
        let working = self.files.with_untracked(|f| f.iter().any(|f| f.id == id && f.state != FileState::TooMany));
        self.files.update(|f| f.retain(|f| f.id != id));
        if working {
            self.with_client(|c| c.remove(id));
        }
    }

    pub fn clear(&self) {
        self.paste.set(String::new());
        for id in self.files.with_untracked(|f| f.iter().map(|f| f.id).collect::<Vec<_>>()) {
            self.remove(id);
        }
    }

    /// Stop: every check, reading and verification in progress ends (the workers are ended).
    pub fn stop(&self) {
        self.with_client(|c| c.stop());
    }

    /// Something is running that Stop would end.
    pub fn working(&self) -> bool {
        self.busy.get() || self.files.with(|f| f.iter().any(|f| f.state.working()))
    }

    fn set_file(&self, id: u32, state: FileState) {
        if self.files.with_untracked(|f| f.iter().any(|f| f.id == id && f.state != state)) {
            self.files.update(|f| {
                if let Some(f) = f.iter_mut().find(|f| f.id == id) {
                    f.state = state;
                }
            });
        }
    }

    fn on_event(&self, event: Event) {
        match event {
            Event::Ready => {
                self.mark_engine_ready();
                if self.engine_error.with_untracked(|e| matches!(e, Some(EngineError::Load(_)))) {
                    self.engine_error.set(None);
                }
            }
            Event::LoadFailed(e) => self.engine_error.set(Some(EngineError::Load(e))),
            Event::Progress { id, hashing, done, total } => self.set_file(
                id,
                match hashing {
                    true => FileState::Verifying { done, total },
                    false => FileState::Reading { done },
                },
            ),
            Event::File { id, state } => self.set_file(
                id,
                match state {
                    FileEvent::Ready => FileState::Ready,
                    FileEvent::Verifying => FileState::Verifying { done: 0, total: 0 },
                    FileEvent::TooLarge { max, in_all } => FileState::TooLarge { max, in_all },
                    FileEvent::Failed => FileState::Failed,
                    FileEvent::Stopped => FileState::Stopped,
                },
            ),
            Event::Report { seq, view, detail } if seq == self.seq.get_value() => {
                if self.engine_error.with_untracked(Option::is_some) {
                    self.engine_error.set(None);
                }
                self.tell_host(&detail);
                self.detail.set_value(Some(detail));
                self.shown.set(Some(Shown { view: Arc::from(view), inputs: self.asked.get_value() }));
                self.busy.set(false);
            }
            Event::CheckFailed { seq, error } if seq == self.seq.get_value() => {
                // No report rather than one for other inputs than those on screen.
                self.clear_report();
                self.engine_error.set(Some(error));
                self.busy.set(false);
            }
            Event::Stopped => {
                if self.busy.get_untracked() {
                    self.clear_report();
                    self.stopped.set(true);
                }
                self.busy.set(false);
            }
            Event::Report { .. } | Event::CheckFailed { .. } => {}
        }
    }

    fn clear_report(&self) {
        self.shown.set(None);
        self.detail.set_value(None);
    }

    fn mark_engine_ready(&self) {
        let element: Option<web_sys::Element> = match self.root.get_value() {
            Some(root) => Some(root.into()),
            None => web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()),
        };
        if let Some(e) = element {
            let _ = e.set_attribute("data-engine", "ready");
        }
    }

    /// Moves keyboard focus to the element with `id` (in the widget: inside its own tree).
    pub fn focus(&self, id: &str) {
        self.root.with_value(|root| crate::dom::focus(root.as_ref(), id));
    }

    /// The report of the view on screen as JSON text (the contract, as the CLI's `--json` prints it).
    pub fn report_json(&self) -> Option<String> {
        self.detail.with_value(|d| {
            let report = js_sys::Reflect::get(d.as_ref()?, &JsValue::from_str("report")).ok()?;
            js_sys::JSON::stringify_with_replacer_and_space(&report, &JsValue::NULL, &JsValue::from_f64(2.0))
                .ok()?
                .as_string()
        })
    }

    /// The ids of the check's inputs: the paste (unless blank or too long), then the files that are
    /// inputs.
    fn inputs(&self) -> Vec<u32> {
        let paste = self.paste.with(|p| paste_counts(p)).then_some(PASTE_ID);
        let files =
            self.files.with(|f| f.iter().filter(|f| f.state == FileState::Ready).map(|f| f.id).collect::<Vec<_>>());
        paste.into_iter().chain(files).collect()
    }

    /// Runs the check whenever the inputs or options change (and only then: not on reading or hashing
    /// progress).
    fn run_checks(self) {
        let ready = Memo::new(move |_| {
            self.files.with(|f| f.iter().filter(|f| f.state == FileState::Ready).map(|f| f.id).collect::<Vec<_>>())
        });
        Effect::new(move |_| {
            self.lang.track();
            self.managed.track();
            self.paste.track();
            // Read (not only tracked), so that the memo runs and follows the files.
            ready.with(|_| ());
            self.request_check();
        });
        // The page: <html lang>, the title, and ?lang= in the address only when the user switches (a
        // shared link keeps following the reader's browser). The widget: its own element's lang only,
        // never the host page's document or address.
        Effect::new(move |first_done: Option<()>| {
            let lang = self.lang.get();
            match self.root.get_value() {
                Some(root) => {
                    let _ = root.set_attribute("lang", lang.code());
                }
                None => crate::lang::apply(lang, first_done.is_some()),
            }
        });
    }

    /// Starts a check now, unless one has started in this animation frame: then once at the next
    /// frame. A paste shows its report at once; a burst of changes (typing in a long paste) costs
    /// one check per frame.
    fn request_check(self) {
        if self.frame_open.get_value() {
            self.check_due.set_value(true);
        } else {
            self.start_check();
        }
    }

    fn start_check(self) {
        self.frame_open.set_value(true);
        request_animation_frame(move || {
            self.frame_open.set_value(false);
            if self.check_due.get_value() {
                self.check_due.set_value(false);
                self.start_check();
            }
        });
        self.seq.update_value(|g| *g += 1);
        let seq = self.seq.get_value();
        self.stopped.set(false);
        let inputs = self.inputs_untracked();
        self.asked.set_value(inputs.clone());
        if inputs.is_empty() {
            self.clear_report();
            self.busy.set(false);
            if self.engine_error.with_untracked(|e| matches!(e, Some(EngineError::Check(_)))) {
                self.engine_error.set(None);
            }
            return;
        }
        self.busy.set(true);
        let paste = match inputs.first() {
            Some(&PASTE_ID) => Some(self.paste.get_untracked()),
            _ => None,
        };
        let files: Vec<u32> = inputs.iter().copied().filter(|&id| id != PASTE_ID).collect();
        let lang = self.lang.get_untracked();
        let managed = acs_check::wire_name(&self.managed.get_untracked());
        let options = engine::CheckOptions { lang: lang.code(), managed: &managed, today: crate::dom::today() };
        self.with_client(|c| c.run(seq, files, paste, &options));
    }

    fn inputs_untracked(&self) -> Vec<u32> {
        leptos::prelude::untrack(|| self.inputs())
    }

    /// The embedding page hears of each report: `{ summary, report }`.
    fn tell_host(&self, detail: &JsValue) {
        self.on_report.with_value(|f| {
            if let Some(f) = f {
                let _ = f.call1(&JsValue::NULL, detail);
            }
        });
    }
}

#[component]
pub fn App(engine: String, initial: Option<Initial>) -> impl IntoView {
    let page = Page::new(engine, initial.unwrap_or_default());
    provide_context(page);
    page.run_checks();
    // Start the checker's worker right after the first paint (a task after the next frame's), so that
    // its script is there when the first input is, and the first paint waits for none of it. Its wasm
    // module loads at the first need, the one that need calls for (engine.js).
    request_animation_frame(move || set_timeout(move || page.with_client(|_| ()), std::time::Duration::ZERO));
    let lang = page.lang;
    let tr = move |k: &'static str| move || t(lang.get(), k);
    let failed = Memo::new(move |_| page.engine_error.with(Option::is_some) || page.stopped.get());
    let switch = move |_| lang.update(|l| *l = crate::lang::other(*l));

    view! {
        {page.root.with_value(Option::is_none).then(|| view! { <a class="skip" href="#result">{tr("ui.skip")}</a> })}
        <header class="top">
            <div class="top-inner">
                <div class="brand">
                    <span class="logo" aria-hidden="true"></span>
                    <div>
                        <h1>{tr("ui.title")}</h1>
                        <p class="lead">{tr("ui.lead")}</p>
                    </div>
                </div>
                <button type="button" id="lang-switch" class="lang-switch"
                    lang=move || crate::lang::other(lang.get()).code()
                    aria-label=tr("ui.lang.switch_label") on:click=switch>
                    {tr("ui.lang.switch")}
                </button>
            </div>
            <p class="privacy"><span class="lock" aria-hidden="true"></span>{tr("ui.privacy")}</p>
        </header>
        <main>
            <div class="steps-grid">
                <section id="howto" class="card step" aria-labelledby="howto-h">
                    <h2 id="howto-h"><span class="num" aria-hidden="true">"1"</span>{tr("ui.howto.heading")}</h2>
                    {ui::common::fresh("howto-body", move || lang.get(), |lang| view! { <ui::howto::HowTo lang=lang/> })}
                </section>
                <div class="stack">
                    <section id="give" class="card step" aria-labelledby="give-h">
                        <h2 id="give-h"><span class="num" aria-hidden="true">"2"</span>{tr("ui.input.heading")}</h2>
                        <ui::inputs::Inputs/>
                    </section>
                    <section id="options" class="card step" aria-labelledby="options-h">
                        <h2 id="options-h"><span class="num" aria-hidden="true">"3"</span>{tr("ui.options.heading")}</h2>
                        <ui::options::ManagedChoice/>
                    </section>
                </div>
            </div>
            <section id="result" class="result" aria-labelledby="result-h" tabindex="-1">
                <h2 id="result-h"><span class="num" aria-hidden="true">"4"</span>{tr("ui.report.heading")}</h2>
                <p id="live" class="sr-only" role="status" aria-live="polite" aria-atomic="true">
                    {move || page.shown.with(|s| s.as_ref().map(|s| s.view.live.clone()).unwrap_or_default())}
                </p>
                {move || page.working().then(|| view! {
                    <p class="checking">
                        <span class="spinner" aria-hidden="true"></span>{t(lang.get(), "ui.checking")}" "
                        <button type="button" id="stop" class="link-button stop" aria-label=t(lang.get(), "ui.stop_label")
                            on:click=move |_| page.stop()>{t(lang.get(), "ui.stop")}</button>
                    </p>
                })}
                {move || page.stopped.get().then(|| view! { <p class="stopped" role="status">{t(lang.get(), "ui.stopped")}</p> })}
                {move || page.engine_error.get().map(|e| {
                    let (kind, key, error) = match e {
                        EngineError::Load(e) => ("load", "ui.engine.load_failed", e),
                        EngineError::Check(e) => ("check", "ui.engine.check_failed", e),
                    };
                    view! { <p class="engine-error" data-error=kind role="alert">{tf(lang.get(), key, &[("error", &error)])}</p> }
                })}
                {ui::common::fresh("report-root", move || (page.shown.get(), lang.get(), failed.get()), |(shown, lang, failed)| match shown {
                    // After a failure the error stands alone (no report for other inputs, no invitation).
                    None => leptos::either::Either::Left((!failed).then(|| view! { <p class="empty">{t(lang, "ui.report.empty")}</p> })),
                    Some(s) => leptos::either::Either::Right(view! { <ui::report::ReportView view=s.view/> }),
                })}
            </section>
        </main>
        <footer class="foot">
            // Japanese sentences follow each other without a space, English ones with one.
            <p>{tr("ui.footer.offline")}{move || if lang.get() == Lang::Ja { "" } else { " " }}{tr("ui.privacy")}</p>
            <p>{tr("ui.footer.sources")}</p>
            <p class="data-as-of" data-as-of=acs_check::windows::DATA_AS_OF>
                {move || {
                    let lang = lang.get();
                    tf(lang, "ui.footer.data_as_of", &[("date", &acs_check::texts::date(lang, acs_check::windows::DATA_AS_OF))])
                }}
            </p>
        </footer>
    }
}
