//! The page: gather inputs (paste, files, examples), run the check in the engine, render its report.
//! State lives in signals ([`Page`]); the sections are components in `crate::ui`.

use acs_check::{texts::t, Input, Lang, Managed, Options, Report};
use leptos::prelude::*;

use crate::engine::{self, Given};
use crate::examples::Example;
use crate::files::{read_whole, BlobFile, FileSource, LARGE_FILE};
use crate::state::{InputSet, Pending, PendingFile};
use crate::ui;

/// Options given by an embedding page (the widget's attributes), its report callback, and the
/// element the widget is mounted in (`None`: the page owns the whole document).
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
    /// The paste area's text.
    pub paste: RwSignal<String>,
    /// The inputs of the check.
    pub set: RwSignal<InputSet>,
    /// Files being read, too large to read, or unreadable.
    pub pending: RwSignal<Vec<PendingFile>>,
    /// Large files kept unread: the engine verifies them through byte ranges.
    pub large: StoredValue<Vec<(u32, BlobFile)>, LocalStorage>,
    pub report: RwSignal<Option<Report>>,
    pub busy: RwSignal<bool>,
    /// Why the engine could not run (it failed to load), when it could not.
    pub engine_error: RwSignal<Option<String>>,
    /// The engine module's URL.
    engine: StoredValue<String>,
    on_report: StoredValue<Option<js_sys::Function>, LocalStorage>,
    /// The widget's element; the page (not embedded) has none and owns the document.
    pub root: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
    next_id: StoredValue<u32>,
    generation: StoredValue<u32>,
}

impl Page {
    fn new(engine: String, initial: Initial) -> Page {
        Page {
            lang: RwSignal::new(initial.lang.unwrap_or_else(crate::lang::initial)),
            managed: RwSignal::new(initial.managed.unwrap_or(Managed::Unknown)),
            paste: RwSignal::new(String::new()),
            set: RwSignal::new(InputSet::default()),
            pending: RwSignal::new(Vec::new()),
            large: StoredValue::new_local(Vec::new()),
            report: RwSignal::new(None),
            busy: RwSignal::new(false),
            engine_error: RwSignal::new(None),
            engine: StoredValue::new(engine),
            on_report: StoredValue::new_local(initial.on_report),
            root: StoredValue::new_local(initial.root),
            next_id: StoredValue::new(1),
            generation: StoredValue::new(0),
        }
    }

    fn id(&self) -> u32 {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        id
    }

    pub fn set_paste(&self, text: String) {
        self.set.update(|s| s.set_paste(&text));
        self.paste.set(text);
    }

    /// Reads files (the picker or a drop): each in chunks with progress; very large ones not at all
    /// (the engine verifies their signature through byte ranges).
    pub fn add_files(&self, files: Vec<web_sys::File>) {
        for file in files {
            let page = *self;
            let id = self.id();
            let source = BlobFile(file);
            let (name, size) = (source.name(), source.size());
            if size > LARGE_FILE {
                self.large.update_value(|l| l.push((id, source)));
                self.pending.update(|p| p.push(PendingFile { id, name, size, state: Pending::Large { hashed: 0 } }));
                continue;
            }
            self.pending
                .update(|p| p.push(PendingFile { id, name: name.clone(), size, state: Pending::Reading { done: 0 } }));
            leptos::task::spawn_local(async move {
                let progress = move |done: u64| page.set_pending(id, Pending::Reading { done });
                match read_whole(&source, progress).await {
                    Ok(bytes) => {
                        // Removed while it was being read: drop it.
                        if page.pending.with_untracked(|p| p.iter().any(|f| f.id == id)) {
                            page.pending.update(|p| p.retain(|f| f.id != id));
                            page.set.update(|s| s.push(id, Input::bytes(name, bytes)));
                        }
                    }
                    Err(_) => page.set_pending(id, Pending::Failed),
                }
            });
        }
    }

    fn set_pending(&self, id: u32, state: Pending) {
        self.pending.update(|p| {
            if let Some(f) = p.iter_mut().find(|f| f.id == id) {
                f.state = state;
            }
        });
    }

    pub fn add_examples<'a>(&self, examples: impl IntoIterator<Item = &'a Example>) {
        let page = *self;
        self.set.update(|s| {
            for e in examples {
                if !s.contains_name(e.file) {
                    s.push(page.id(), Input::bytes(e.file, e.bytes));
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
        self.large.update_value(|l| l.retain(|(i, _)| *i != id));
    }

    /// Moves keyboard focus to the element with `id` (in the widget: inside its own tree).
    pub fn focus(&self, id: &str) {
        self.root.with_value(|root| crate::dom::focus(root.as_ref(), id));
    }

    pub fn clear(&self) {
        self.paste.set(String::new());
        self.set.set(InputSet::default());
        self.pending.set(Vec::new());
        self.large.set_value(Vec::new());
    }

    /// Runs the check in the engine whenever the inputs or options change. Only the newest check's
    /// report is shown; "checking…" shows while one runs (the engine's first load included).
    fn run_checks(self) {
        Effect::new(move |_| {
            let options = Options { lang: self.lang.get(), managed: self.managed.get(), today: crate::dom::today() };
            let empty = self.set.with(|s| s.inputs.is_empty());
            let large = self.pending.with(|p| p.iter().filter(|f| matches!(f.state, Pending::Large { .. })).count());
            self.generation.update_value(|g| *g += 1);
            let generation = self.generation.get_value();
            if empty && large == 0 {
                self.report.set(None);
                self.busy.set(false);
                return;
            }
            // The inputs go to JS now (the files' bytes are copied once); the check runs after.
            let inputs = self.set.with_untracked(|s| {
                self.large.with_value(|l| {
                    let mut given: Vec<Given> = s.inputs.iter().map(Given::Input).collect();
                    given.extend(l.iter().map(|(_, f)| Given::File(&f.0)));
                    engine::to_js(&given)
                })
            });
            self.busy.set(true);
            let url = self.engine.get_value();
            leptos::task::spawn_local(async move {
                let progress = move |hashed: u64, _total: u64| self.set_large_progress(hashed);
                let result = engine::check(&url, inputs, &options, progress).await;
                if self.generation.get_value() != generation {
                    return;
                }
                match result {
                    Ok(report) => {
                        self.engine_error.set(None);
                        self.tell_host(&report);
                        self.report.set(Some(report));
                    }
                    Err(e) => self.engine_error.set(Some(e)),
                }
                self.busy.set(false);
            });
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

    /// Hashing progress of large installers (the engine reports one running total).
    fn set_large_progress(&self, hashed: u64) {
        self.pending.update(|p| {
            for f in p.iter_mut().filter(|f| matches!(f.state, Pending::Large { .. })) {
                f.state = Pending::Large { hashed: hashed.min(f.size) };
            }
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
            if let Err(e) = engine::load(&engine).await {
                page.engine_error.set(Some(e));
            }
        })
    });
    let lang = page.lang;
    let tr = move |k: &'static str| move || t(lang.get(), k);
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
                {move || page.busy.get().then(|| view! { <p class="checking"><span class="spinner" aria-hidden="true"></span>{t(lang.get(), "ui.checking")}</p> })}
                {move || page.engine_error.get().map(|e| view! {
                    <p class="engine-error" role="alert">{acs_check::texts::tf(lang.get(), "ui.engine.error", &[("error", &e)])}</p>
                })}
                {ui::common::fresh("report-root", move || (page.report.get(), lang.get()), |(report, lang)| match report {
                    None => leptos::either::Either::Left(view! { <p class="empty">{t(lang, "ui.report.empty")}</p> }),
                    Some(r) => leptos::either::Either::Right(view! {
                        <ui::report::ReportView report=r.clone()/>
                        <ui::support::SupportBar report=r/>
                    }),
                })}
            </section>
        </main>
        <footer class="foot">
            <p>{tr("ui.footer.offline")}" "{tr("ui.privacy")}</p>
            <p>{tr("ui.footer.sources")}</p>
        </footer>
    }
}
