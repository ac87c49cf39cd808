//! The page: gather inputs (paste, files, examples), run the core's check, render its report.
//! State lives in signals ([`Page`]); the sections are components in `crate::ui`.

use acs_check::{check_with, texts::t, Input, Lang, Managed, Options, Report};
use leptos::prelude::*;

use crate::examples::Example;
use crate::files::{read_whole, BlobFile, FileSource, LARGE_FILE};
use crate::state::{InputSet, Pending, PendingFile};
use crate::ui;

/// Above this many bytes of input, the check runs after a paint with "checking…" shown, so typing
/// never waits for a large file to be re-read.
const DEFER_SIZE: usize = 256 * 1024;

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
    /// Large files kept unread, for range reading (the signature feature).
    pub large: StoredValue<Vec<(u32, BlobFile)>, LocalStorage>,
    pub report: RwSignal<Option<Report>>,
    pub busy: RwSignal<bool>,
    next_id: StoredValue<u32>,
    generation: StoredValue<u32>,
}

impl Page {
    fn new() -> Page {
        Page {
            lang: RwSignal::new(crate::lang::initial()),
            managed: RwSignal::new(Managed::Unknown),
            paste: RwSignal::new(String::new()),
            set: RwSignal::new(InputSet::default()),
            pending: RwSignal::new(Vec::new()),
            large: StoredValue::new_local(Vec::new()),
            report: RwSignal::new(None),
            busy: RwSignal::new(false),
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

    /// Reads files (the picker or a drop): each in chunks with progress; very large ones not at all.
    pub fn add_files(&self, files: Vec<web_sys::File>) {
        for file in files {
            let page = *self;
            let id = self.id();
            let source = BlobFile(file);
            let (name, size) = (source.name(), source.size());
            if size > LARGE_FILE {
                self.pending.update(|p| p.push(PendingFile { id, name, size, state: Pending::Large }));
                self.large.update_value(|l| l.push((id, source)));
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

    pub fn clear(&self) {
        self.paste.set(String::new());
        self.set.set(InputSet::default());
        self.pending.set(Vec::new());
        self.large.set_value(Vec::new());
    }

    /// Runs the check whenever the inputs or options change: at once for normal inputs, after a
    /// paint (with "checking…" shown) for large ones.
    fn run_checks(self) {
        Effect::new(move |_| {
            let options = Options { lang: self.lang.get(), managed: self.managed.get(), today: crate::dom::today() };
            let (empty, size) = self.set.with(|s| (s.inputs.is_empty(), s.total_size()));
            self.generation.update_value(|g| *g += 1);
            let generation = self.generation.get_value();
            let run = move || {
                if self.generation.get_value() == generation {
                    let report =
                        self.set.with_untracked(|s| check_with(&s.inputs, &options, &crate::codecs::BrowserCodecs));
                    self.report.set(Some(report));
                    self.busy.set(false);
                }
            };
            if empty {
                self.report.set(None);
                self.busy.set(false);
            } else if size <= DEFER_SIZE {
                run();
            } else {
                self.busy.set(true);
                request_animation_frame(move || set_timeout(run, std::time::Duration::ZERO));
            }
        });
        // The address gets ?lang= only when the user switches (a shared link keeps following the reader's browser).
        Effect::new(move |first_done: Option<()>| crate::lang::apply(self.lang.get(), first_done.is_some()));
    }
}

#[component]
pub fn App() -> impl IntoView {
    let page = Page::new();
    provide_context(page);
    page.run_checks();
    let lang = page.lang;
    let tr = move |k: &'static str| move || t(lang.get(), k);
    let switch = move |_| lang.update(|l| *l = crate::lang::other(*l));

    view! {
        <a class="skip" href="#result">{tr("ui.skip")}</a>
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
