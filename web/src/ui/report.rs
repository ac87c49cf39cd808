//! Section 4: the report, as the engine lays it out (`acs_check::present::page::html`, every value
//! escaped there; the page's CSP allows no inline script either). The page inserts it and handles its
//! buttons: a command's copy button (`data-copy`), "Copy report as text", "Download JSON", "Print".

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::Page;
use crate::engine::View;

/// The copy button's status line (beside it) says whether the copy worked, for a moment.
fn copied(button: &web_sys::Element, lang: acs_check::Lang, ok: bool) {
    let Some(status) = button.next_element_sibling() else { return };
    status.set_text_content(Some(crate::texts::t(lang, if ok { "ui.copied" } else { "ui.copy_failed" })));
    let clear = wasm_bindgen::closure::Closure::once_into_js(move || status.set_text_content(Some("")));
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(clear.unchecked_ref(), 2500);
    }
}

#[component]
pub fn ReportView(view: Arc<View>) -> impl IntoView {
    let page = expect_context::<Page>();
    let lang = view.lang;
    let text = view.text.clone();
    let on_click = move |ev: web_sys::MouseEvent| {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let Ok(Some(button)) = target.closest("button") else { return };
        let copy = match (button.id().as_str(), button.get_attribute("data-copy")) {
            ("copy-report", _) => Some(text.clone()),
            (_, Some(command)) => Some(command),
            ("download-json", _) => {
                if let Some(json) = page.report_json() {
                    let _ = crate::dom::download("acs-check-report.json", "application/json", &json);
                }
                None
            }
            ("print", _) => {
                crate::dom::print();
                None
            }
            _ => None,
        };
        if let Some(copy) = copy {
            leptos::task::spawn_local(async move {
                let ok = crate::dom::copy_text(&copy).await;
                copied(&button, lang, ok);
            });
        }
    };
    view! { <div class="report-view" inner_html=view.html.clone() on:click=on_click></div> }
}
