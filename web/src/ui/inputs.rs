//! Section 2: one paste area, one drop zone with a file picker, the input chips, the examples.

use acs_check::Lang;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::Page;
use crate::state::{paste_counts, FileState, MAX_FILES, MAX_PASTE, MAX_TOTAL, PASTE_ID};
use crate::texts::{size_label, t, tf};

/// What one chip shows.
#[derive(Clone, PartialEq)]
struct Chip {
    id: u32,
    name: String,
    detail: String,
    /// `ok`, `error`, `reading`, `large` (being verified).
    state: &'static str,
    percent: Option<u64>,
}

fn chips(page: &Page, lang: Lang) -> Vec<Chip> {
    let mut out = Vec::new();
    // What the engine made of each input, once a check has run for it.
    let recognised = |id: u32| {
        page.shown.with(|s| {
            let s = s.as_ref()?;
            let at = s.inputs.iter().position(|&i| i == id)?;
            s.view.inputs.get(at).cloned()
        })
    };
    let checking = || t(lang, "ui.checking").to_owned();
    if page.paste.with(|p| paste_counts(p)) {
        let (detail, error) = recognised(PASTE_ID).unwrap_or_else(|| (checking(), false));
        let state = if error { "error" } else { "ok" };
        out.push(Chip { id: PASTE_ID, name: t(lang, "ui.chip.pasted").to_owned(), detail, state, percent: None });
    }
    page.files.with(|files| {
        for f in files {
            let size = size_label(f.size);
            let percent = f.percent();
            let p = percent.to_string();
            let (detail, state, percent) = match f.state {
                FileState::Ready => {
                    let (detail, error) = recognised(f.id).unwrap_or_else(|| (checking(), false));
                    (detail, if error { "error" } else { "ok" }, None)
                }
                FileState::Reading { .. } => {
                    (tf(lang, "ui.chip.reading", &[("percent", &p)]), "reading", Some(percent))
                }
                FileState::Verifying { .. } if f.size > LARGE => {
                    (tf(lang, "ui.chip.large", &[("size", &size), ("percent", &p)]), "large", Some(percent))
                }
                FileState::Verifying { .. } => {
                    (tf(lang, "ui.chip.verifying", &[("percent", &p)]), "large", Some(percent))
                }
                FileState::TooMany => (tf(lang, "ui.chip.too_many", &[("max", &MAX_FILES.to_string())]), "error", None),
                FileState::TotalTooLarge => (
                    tf(lang, "ui.chip.total_too_large", &[("max", &size_label(MAX_TOTAL)), ("size", &size)]),
                    "error",
                    None,
                ),
                FileState::TooLarge { max, in_all: false } => {
                    (tf(lang, "ui.chip.too_large", &[("size", &size), ("max", &size_label(max))]), "error", None)
                }
                FileState::TooLarge { max, in_all: true } => {
                    (tf(lang, "ui.chip.held_too_large", &[("size", &size), ("max", &size_label(max))]), "error", None)
                }
                FileState::Failed => (t(lang, "ui.chip.failed").to_owned(), "error", None),
                FileState::Stopped => (t(lang, "ui.chip.stopped").to_owned(), "error", None),
            };
            out.push(Chip { id: f.id, name: f.name.clone(), detail, state, percent });
        }
    });
    out
}

/// Files above this that are being verified are called large (verified through byte ranges).
const LARGE: u64 = 16 * 1024 * 1024;

fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

#[component]
pub fn Inputs() -> impl IntoView {
    let page = expect_context::<Page>();
    let lang = page.lang;
    let tr = move |k: &'static str| move || t(lang.get(), k);
    let (dragging, set_dragging) = signal(false);

    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        set_dragging.set(false);
        page.add_files(files_of(ev.data_transfer().and_then(|d| d.files())));
    };
    let on_pick = move |ev: web_sys::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        page.add_files(files_of(input.files()));
        // The same file can be chosen again after it was removed.
        input.set_value("");
    };
    let reading = move || page.files.with(|f| f.iter().any(|f| matches!(f.state, FileState::Reading { .. })));
    let overall = move || {
        page.files.with(|f| {
            let (done, total) = f.iter().fold((0u64, 0u64), |(d, t), f| match f.state {
                FileState::Reading { done } => (d + done, t + f.size),
                _ => (d, t),
            });
            (done * 100).checked_div(total).unwrap_or(0).to_string()
        })
    };
    let paste_too_large = move || {
        page.paste.with(|p| {
            (p.len() > MAX_PASTE).then(|| {
                tf(
                    lang.get(),
                    "ui.paste.too_large",
                    &[("size", &size_label(p.len() as u64)), ("max", &size_label(MAX_PASTE as u64))],
                )
            })
        })
    };

    view! {
        <label for="input" class="field-label">{tr("ui.input.paste_label")}</label>
        <textarea id="input" rows="8" spellcheck="false" autocomplete="off" autocapitalize="off"
            placeholder=tr("ui.input.paste_placeholder")
            prop:value=move || page.paste.get()
            on:focus=move |_| page.warm()
            on:input=move |ev| page.set_paste(event_target_value(&ev))></textarea>
        {move || paste_too_large().map(|m| view! { <p class="paste-too-large" role="alert">{m}</p> })}

        <div id="drop" class="drop" class:dragging=move || dragging.get()
            on:dragenter=move |ev: web_sys::DragEvent| { ev.prevent_default(); set_dragging.set(true); }
            on:dragover=move |ev: web_sys::DragEvent| { ev.prevent_default(); set_dragging.set(true); }
            on:dragleave=move |_| set_dragging.set(false)
            on:drop=on_drop>
            <span class="drop-icon" aria-hidden="true"></span>
            <span class="drop-text">{tr("ui.input.drop")}</span>
            <input type="file" id="file-input" class="visually-hidden" multiple on:change=on_pick/>
            <label for="file-input" class="button">{tr("ui.input.choose")}</label>
            <p class="accepts">{tr("ui.input.accepts")}</p>
        </div>

        {move || reading().then(|| view! {
            <div class="progress-line">
                <label for="read-progress">{t(lang.get(), "ui.progress")}</label>
                <progress id="read-progress" max="100" value=overall></progress>
            </div>
        })}

        <ul class="chips" aria-label=tr("ui.input.list_label")>
            {move || {
                let lang = lang.get();
                chips(&page, lang).into_iter().map(|c| {
                    let remove_label = tf(lang, "ui.chip.remove", &[("name", &c.name)]);
                    let id = c.id;
                    view! {
                        <li class=format!("chip chip--{}", c.state) data-input-id=id.to_string()>
                            <span class="chip-name">{c.name.clone()}</span>
                            <span class="chip-detail">{c.detail.clone()}</span>
                            {c.percent.map(|p| view! { <progress class="chip-progress" max="100" value=p.to_string() aria-label=c.name.clone()></progress> })}
                            <button type="button" class="chip-remove" aria-label=remove_label.clone() title=remove_label
                                on:click=move |_| { page.remove(id); page.focus("input"); }>"×"</button>
                        </li>
                    }
                }).collect_view()
            }}
        </ul>
        {move || page.shown.with(|s| s.as_ref().map(|s| {
            let v = &s.view;
            view! {
                <p class=format!("jump jump--{}", v.verdict)>
                    <span class="jump-text">{v.live.clone()}</span>
                    <a href="#result">{v.jump.clone()}<span aria-hidden="true">" ↓"</span></a>
                </p>
            }
        }))}
        {move || (!page.paste.with(|p| p.trim().is_empty()) || page.files.with(|f| !f.is_empty())).then(|| view! {
            <button type="button" class="link-button" id="clear-all" on:click=move |_| page.clear()>{t(lang.get(), "ui.input.clear_all")}</button>
        })}

        <div class="examples" role="group" aria-labelledby="examples-label">
            <span id="examples-label" class="examples-label">{tr("ui.examples.label")}</span>
            {crate::examples::EXAMPLES.iter().enumerate().map(|(i, e)| view! {
                <button type="button" class="example" data-example=i.to_string()
                    on:click=move |_| page.add_examples([e])>{tr(e.key)}</button>
            }).collect_view()}
            <button type="button" class="example" data-example="all"
                on:click=move |_| page.add_examples(crate::examples::all_hosts())>{tr("ui.example.all")}</button>
        </div>
    }
}
