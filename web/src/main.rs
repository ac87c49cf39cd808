//! The acs-check page. It gathers inputs and renders the report; it holds no business logic. The
//! checks run in the engine module (`engine.rs`), which loads after the page's first paint.
//!
//! The page does not start by itself: `public/boot.js` calls [`start_page`], and the embeddable
//! widget calls [`mount`] on its own element (with the same engine).

mod app;
mod dom;
mod engine;
mod examples;
mod files;
mod lang;
mod model;
mod state;
mod ui;

use wasm_bindgen::prelude::*;

fn main() {}

/// Starts the page in `<body>`; `engine` is the URL of the engine module. `on_report` is called with
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

#[cfg(test)]
mod tests {
    /// Every `"ui.…"` text key in the page's sources is in `core/data/texts.tsv` (an unknown key would
    /// show "[missing text]").
    #[test]
    fn every_ui_key_exists() {
        let sources = [
            include_str!("app.rs"),
            include_str!("model.rs"),
            include_str!("examples.rs"),
            include_str!("lang.rs"),
            include_str!("ui/common.rs"),
            include_str!("ui/howto.rs"),
            include_str!("ui/inputs.rs"),
            include_str!("ui/options.rs"),
            include_str!("ui/report.rs"),
            include_str!("ui/alerts.rs"),
            include_str!("ui/cards.rs"),
            include_str!("ui/support.rs"),
        ];
        let prefixes = ["ui.", "alert.", "verdict.", "action."];
        let mut n = 0;
        for src in sources {
            for piece in src.split('"').skip(1).step_by(2) {
                if prefixes.iter().any(|p| piece.starts_with(p))
                    && !piece.ends_with('.')
                    && piece.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_')
                {
                    assert!(acs_check::texts::has(piece), "text key {piece:?} is not in core/data/texts.tsv");
                    n += 1;
                }
            }
        }
        assert!(n > 100, "only {n} keys found");
    }
}
