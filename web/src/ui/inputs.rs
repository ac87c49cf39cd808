//! Section 2: one paste area, one drop zone with a file picker, the input chips, the examples.

use acs_check::{
    present::view::{chip_details, size_label},
    texts::{t, tf},
    Lang,
};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::Page;
use crate::files::MAX_READ;
use crate::state::{paste_counts, Pending, PASTE_ID};

/// What one chip shows.
#[derive(Clone, PartialEq)]
struct Chip {
    id: u32,
    name: String,
    detail: String,
    /// `ok`, `error`, `reading`, `large` (a large installer being verified).
    state: &'static str,
    percent: Option<u64>,
}

fn chips(page: &Page, lang: Lang) -> Vec<Chip> {
    let mut out = Vec::new();
    let paste = page.paste.with(|p| paste_counts(p));
    page.set.with(|s| {
        page.report.with(|r| {
            // The report's inputs are in the same order as the check's, once it has run for them.
            let count = usize::from(paste) + s.entries.len();
            let inputs = r.as_ref().map(|r| &r.inputs).filter(|i| i.len() == count);
            let pasted = paste.then(|| (PASTE_ID, t(lang, "ui.chip.pasted").to_owned()));
            let named = pasted.into_iter().chain(s.entries.iter().map(|e| (e.id, e.name.clone())));
            for (i, (id, name)) in named.enumerate() {
                let recognised = inputs.and_then(|ins| ins.get(i));
                let error = recognised.is_some_and(|ri| ri.kinds.iter().all(|k| acs_check::wire_name(k) == "unknown"));
                out.push(Chip {
                    id,
                    name,
                    detail: recognised
                        .map(|ri| chip_details(lang, ri))
                        .unwrap_or_else(|| t(lang, "ui.checking").into()),
                    state: if error { "error" } else { "ok" },
                    percent: None,
                });
            }
        })
    });
    page.pending.with(|p| {
        for f in p {
            let size = size_label(f.size);
            let percent = f.percent().to_string();
            let (detail, state, percent) = match f.state {
                Pending::Reading { .. } => {
                    (tf(lang, "ui.chip.reading", &[("percent", &percent)]), "reading", Some(f.percent()))
                }
                Pending::Verifying { .. } => {
                    (tf(lang, "ui.chip.large", &[("size", &size), ("percent", &percent)]), "large", Some(f.percent()))
                }
                Pending::TooLarge => {
                    (tf(lang, "ui.chip.too_large", &[("size", &size), ("max", &size_label(MAX_READ))]), "error", None)
                }
                Pending::Failed => (t(lang, "ui.chip.failed").to_owned(), "error", None),
            };
            out.push(Chip { id: f.id, name: f.name.clone(), detail, state, percent });
        }
    });
    out
}

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
    let reading = move || page.pending.with(|p| p.iter().any(|f| matches!(f.state, Pending::Reading { .. })));
    let overall = move || {
        page.pending.with(|p| {
            let (done, total) = p.iter().fold((0u64, 0u64), |(d, t), f| match f.state {
                Pending::Reading { done } => (d + done, t + f.size),
                _ => (d, t),
            });
            (done * 100).checked_div(total).unwrap_or(0).to_string()
        })
    };

    view! {
        <label for="input" class="field-label">{tr("ui.input.paste_label")}</label>
        <textarea id="input" rows="8" spellcheck="false" autocomplete="off" autocapitalize="off"
            placeholder=tr("ui.input.paste_placeholder")
            prop:value=move || page.paste.get()
            on:input=move |ev| page.set_paste(event_target_value(&ev))></textarea>

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
        {move || page.report.with(|r| r.as_ref().map(|r| {
            let verdicts: Vec<String> = r.hosts.iter().map(|h| acs_check::wire_name(&h.verdict)).collect();
            let first = verdicts.first().cloned().unwrap_or_else(|| "unknown".into());
            view! {
                <p class=format!("jump jump--{first}")>
                    <span class="jump-text">{crate::model::live_text(r)}</span>
                    <a href="#result">{t(r.lang, "ui.jump")}<span aria-hidden="true">" ↓"</span></a>
                </p>
            }
        }))}
        {move || (page.paste.with(|p| paste_counts(p)) || page.set.with(|s| !s.entries.is_empty()) || page.pending.with(|p| !p.is_empty())).then(|| view! {
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
