//! The acs-check page. It gathers inputs and draws the engine's view of the report; it holds no
//! business logic, no report types and no report words. The checks run in the checker's Web Workers
//! (`engine.rs`, `engine.js`), started right after the page's first paint; their wasm modules load
//! at the first need (a focus on the paste area, an input), the ones that need calls for.
//!
//! The page does not start by itself: `public/boot.js` calls [`start_page`], and the embeddable
//! widget calls [`mount`] on its own element (with the same engine).

mod app;
mod dom;
mod engine;
mod examples;
mod lang;
mod state;
mod texts;
mod ui;

use wasm_bindgen::prelude::*;

fn main() {}

/// Starts the page in `<body>`; `engine` is the URL of the checker's worker script. `on_report` is called with
/// each new report (the page in an iframe posts it to the embedding page). The address may set the
/// options as the widget's attributes do: `?lang=ja|en` (see `lang.rs`) and `?managed=yes|no|unknown`
/// (the widget's iframe mode passes both).
#[wasm_bindgen]
pub fn start_page(engine: String, on_report: Option<js_sys::Function>) {
    console_error_panic_hook::set_once();
    let managed = dom::query("managed").as_deref().and_then(acs_check::Managed::parse);
    let initial = app::Initial { managed, on_report, ..app::Initial::default() };
    leptos::mount::mount_to_body(move || view_app(engine.clone(), Some(initial.clone())));
}

/// Mounts the checker into `element` (the widget: inside its shadow root). `lang` (`ja`/`en`) and
/// `managed` (`yes`/`no`/`unknown`) set the initial options; `on_report` is called with each new
/// report (as a plain object) so that the widget can tell the host page.
#[wasm_bindgen]
pub fn mount(
    element: web_sys::HtmlElement,
    engine: String,
    lang: Option<String>,
    managed: Option<String>,
    on_report: Option<js_sys::Function>,
) {
    console_error_panic_hook::set_once();
    let initial = app::Initial {
        lang: lang.as_deref().and_then(acs_check::Lang::parse),
        managed: managed.as_deref().and_then(acs_check::Managed::parse),
        on_report,
        root: Some(element.clone()),
    };
    let handle = leptos::mount::mount_to(element, move || view_app(engine.clone(), Some(initial.clone())));
    // The widget lives as long as the page; keep it mounted.
    handle.forget();
}

fn view_app(engine: String, initial: Option<app::Initial>) -> impl leptos::IntoView {
    leptos::view! { <app::App engine=engine initial=initial/> }
}
