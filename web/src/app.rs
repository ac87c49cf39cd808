//! The page: gather inputs (paste, files, examples), run the check in the engine, render its report.
//! State lives in signals ([`Page`]); the sections are components in `crate::ui`.
//!
//! Each file becomes an input once: read by the page into a JS buffer, or (a large installer)
//! verified by the engine through byte ranges. The check itself depends only on the inputs and the
//! options, never on reading or hashing progress, and runs at most once per animation frame.

use acs_check::{texts::t, Lang, Managed, Options, Report, PASTED_TEXT};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::engine::{self, EngineError};
use crate::examples::Example;
use crate::files::{self, BlobFile, FileSource, Plan};
use crate::state::{paste_counts, InputSet, Pending, PendingFile};
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

/// The page's state. Every field is a signal (Copy), shared through the context.
#[derive(Clone, Copy)]
pub struct Page {
    pub lang: RwSignal<Lang>,
    pub managed: RwSignal<Managed>,
    /// The paste area's text (the check's first input unless blank).
    pub paste: RwSignal<String>,
    /// The files and examples that are inputs of the check, each with the JS object the engine is
    /// given for it, built once (a file's bytes, a large installer's verification result).
    pub set: RwSignal<InputSet<JsValue>, LocalStorage>,
    /// Files being read or verified, refused, or unreadable: not inputs (yet).
    pub pending: RwSignal<Vec<PendingFile>>,
    pub report: RwSignal<Option<Report>>,
    pub busy: RwSignal<bool>,
    /// Why the engine gave no report: it could not load, or the check failed.
    pub engine_error: RwSignal<Option<EngineError>>,
    /// The engine module's URL.
    engine: StoredValue<String>,
    on_report: StoredValue<Option<js_sys::Function>, LocalStorage>,
    /// The widget's element; the page (not embedded) has none and owns the document.
    pub root: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
    next_id: StoredValue<u32>,
    generation: StoredValue<u32>,
    /// A check has started in this animation frame; `check_due`: another is wanted at the next one.
    frame_open: StoredValue<bool>,
    check_due: StoredValue<bool>,
}

impl Page {
    fn new(engine: String, initial: Initial) -> Page {
        Page {
            lang: RwSignal::new(initial.lang.unwrap_or_else(crate::lang::initial)),
            managed: RwSignal::new(initial.managed.unwrap_or(Managed::Unknown)),
            paste: RwSignal::new(String::new()),
            set: RwSignal::new_local(InputSet::default()),
            pending: RwSignal::new(Vec::new()),
            report: RwSignal::new(None),
            busy: RwSignal::new(false),
            engine_error: RwSignal::new(None),
            engine: StoredValue::new(engine),
            on_report: StoredValue::new_local(initial.on_report),
            root: StoredValue::new_local(initial.root),
            next_id: StoredValue::new(1),
            generation: StoredValue::new(0),
            frame_open: StoredValue::new(false),
            check_due: StoredValue::new(false),
        }
    }

    fn id(&self) -> u32 {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        id
    }

    pub fn set_paste(&self, text: String) {
        self.paste.set(text);
    }

    /// Takes in files (the picker or a drop) by the one rule of [`files::plan`]: large installers are
    /// verified once, through byte ranges; other files are read in chunks with progress; very large
    /// other files are refused.
    pub fn add_files(&self, files: Vec<web_sys::File>) {
        for file in files {
            let id = self.id();
            let file = BlobFile(file);
            let (name, size) = (file.name(), file.size());
            self.pending.update(|p| p.push(PendingFile { id, name, size, state: Pending::Reading { done: 0 } }));
            leptos::task::spawn_local(self.take_in(id, file));
        }
    }

    async fn take_in(self, id: u32, file: BlobFile) {
        let (name, size) = (file.name(), file.size());
        let head = match files::needs_head(size) {
            true => file.head().await,
            false => Ok(Vec::new()),
        };
        let state = match head.map(|head| files::plan(size, &head)) {
            Ok(Plan::Verify) => return self.verify(id, name, file).await,
            Ok(Plan::Read) => {
                let progress = move |done| self.set_pending(id, Pending::Reading { done });
                match file.read_all(progress).await {
                    Ok(bytes) => return self.admit(id, &name, engine::bytes_input(&name, &bytes)),
                    Err(_) => Pending::Failed,
                }
            }
            Ok(Plan::TooLarge) => Pending::TooLarge,
            Err(_) => Pending::Failed,
        };
        self.set_pending(id, state);
    }

    /// Verifies a large installer once; its result is kept as its input for every later check.
    async fn verify(self, id: u32, name: String, file: BlobFile) {
        self.set_pending(id, Pending::Verifying { hashed: 0, total: 0 });
        let url = self.engine.get_value();
        let progress = move |hashed, total| self.set_pending(id, Pending::Verifying { hashed, total });
        match engine::verify(&url, &file.0, crate::dom::today(), progress).await {
            Ok(analysed) => self.admit(id, &name, engine::analysed_input(&name, &analysed)),
            Err(e) => {
                if self.set_pending(id, Pending::Failed) && matches!(e, EngineError::Load(_)) {
                    self.engine_error.set(Some(e));
                }
            }
        }
    }

    /// A pending file becomes an input of the check, unless it was removed meanwhile.
    fn admit(&self, id: u32, name: &str, value: JsValue) {
        if self.pending.with_untracked(|p| p.iter().any(|f| f.id == id)) {
            self.pending.update(|p| p.retain(|f| f.id != id));
            self.set.update(|s| s.push(id, name.to_owned(), value));
        }
    }

    /// Sets a pending file's state; `false` when it is no longer pending (removed: stop reading it).
    fn set_pending(&self, id: u32, state: Pending) -> bool {
        if !self.pending.with_untracked(|p| p.iter().any(|f| f.id == id)) {
            return false;
        }
        self.pending.update(|p| {
            if let Some(f) = p.iter_mut().find(|f| f.id == id) {
                f.state = state;
            }
        });
        true
    }

    pub fn add_examples<'a>(&self, examples: impl IntoIterator<Item = &'a Example>) {
        let page = *self;
        self.set.update(|s| {
            for e in examples {
                if !s.contains_name(e.file) {
                    let bytes = js_sys::Uint8Array::from(e.bytes);
                    s.push(page.id(), e.file.to_owned(), engine::bytes_input(e.file, &bytes));
                }
            }
        });
    }

    pub fn remove(&self, id: u32) {
        if id == crate::state::PASTE_ID {
            self.paste.set(String::new());
        }
        self.set.update(|s| s.remove(id));
        self.pending.update(|p| p.retain(|f| f.id != id));
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

    pub fn clear(&self) {
        self.paste.set(String::new());
        self.set.set(InputSet::default());
        self.pending.set(Vec::new());
    }

    /// Runs the check in the engine whenever the inputs or options change (and only then: not on
    /// reading or hashing progress). Only the newest check's report is shown; "checking…" shows while
    /// one runs (the engine's first load included) or a large installer is being verified.
    fn run_checks(self) {
        Effect::new(move |_| {
            self.lang.track();
            self.managed.track();
            self.paste.track();
            self.set.track();
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
        self.generation.update_value(|g| *g += 1);
        let generation = self.generation.get_value();
        let options = Options {
            lang: self.lang.get_untracked(),
            managed: self.managed.get_untracked(),
            today: crate::dom::today(),
        };
        let inputs = js_sys::Array::new();
        self.paste.with_untracked(|p| {
            if paste_counts(p) {
                inputs.push(&engine::text_input(PASTED_TEXT, p));
            }
        });
        self.set.with_untracked(|s| s.entries.iter().for_each(|e| _ = inputs.push(&e.value)));
        if inputs.length() == 0 {
            self.report.set(None);
            self.busy.set(false);
            if self.engine_error.with_untracked(|e| matches!(e, Some(EngineError::Check(_)))) {
                self.engine_error.set(None);
            }
            return;
        }
        self.busy.set(true);
        let url = self.engine.get_value();
        leptos::task::spawn_local(async move {
            let result = engine::check(&url, &inputs, &options).await;
            if self.generation.get_value() != generation {
                return;
            }
            match result {
                Ok(report) => {
                    if self.engine_error.with_untracked(Option::is_some) {
                        self.engine_error.set(None);
                    }
                    self.tell_host(&report);
                    self.report.set(Some(report));
                }
                Err(e) => {
                    // No report rather than one for other inputs than those on screen.
                    self.report.set(None);
                    self.engine_error.set(Some(e));
                }
            }
            self.busy.set(false);
        });
    }

    /// The embedding page hears of each report: `{ summary, report }`.
    fn tell_host(&self, report: &Report) {
        self.on_report.with_value(|f| {
            if let Some(f) = f {
                let detail = serde_json::json!({ "summary": report.summary(), "report": report });
                let json = serde_json::to_string(&detail).unwrap_or_default();
                let value = js_sys::JSON::parse(&json).unwrap_or(wasm_bindgen::JsValue::NULL);
                let _ = f.call1(&wasm_bindgen::JsValue::NULL, &value);
            }
        });
    }
}

#[component]
pub fn App(engine: String, initial: Option<Initial>) -> impl IntoView {
    let page = Page::new(engine.clone(), initial.unwrap_or_default());
    provide_context(page);
    page.run_checks();
    // Fetch the engine right after the first paint, so that it is there when the first input is.
    request_animation_frame(move || {
        leptos::task::spawn_local(async move {
            match engine::load(&engine).await {
                // `data-engine="ready"` on the page's <html> (the widget: on its element) tells tests
                // and embedding pages that checks now answer within a frame.
                Ok(()) => page.mark_engine_ready(),
                Err(e) => page.engine_error.set(Some(EngineError::Load(e))),
            }
        })
    });
    let lang = page.lang;
    let tr = move |k: &'static str| move || t(lang.get(), k);
    let verifying = move || page.pending.with(|p| p.iter().any(|f| matches!(f.state, Pending::Verifying { .. })));
    let failed = Memo::new(move |_| page.engine_error.with(Option::is_some));
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
                    {move || page.report.with(|r| r.as_ref().map(crate::model::live_text).unwrap_or_default())}
                </p>
                {move || (page.busy.get() || verifying()).then(|| view! { <p class="checking"><span class="spinner" aria-hidden="true"></span>{t(lang.get(), "ui.checking")}</p> })}
                {move || page.engine_error.get().map(|e| {
                    let (kind, key, error) = match e {
                        EngineError::Load(e) => ("load", "ui.engine.load_failed", e),
                        EngineError::Check(e) => ("check", "ui.engine.check_failed", e),
                    };
                    view! { <p class="engine-error" data-error=kind role="alert">{acs_check::texts::tf(lang.get(), key, &[("error", &error)])}</p> }
                })}
                {ui::common::fresh("report-root", move || (page.report.get(), lang.get(), failed.get()), |(report, lang, failed)| match report {
                    // After a failure the error stands alone (no report for other inputs, no invitation).
                    None => leptos::either::Either::Left((!failed).then(|| view! { <p class="empty">{t(lang, "ui.report.empty")}</p> })),
                    Some(r) => leptos::either::Either::Right(view! {
                        <ui::report::ReportView report=r.clone()/>
                        <ui::support::SupportBar report=r/>
                    }),
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
                    let date = acs_check::texts::date(lang, acs_check::windows::DATA_AS_OF);
                    acs_check::texts::tf(lang, "ui.footer.data_as_of", &[("date", &date)])
                }}
            </p>
        </footer>
    }
}
