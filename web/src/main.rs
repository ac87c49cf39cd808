//! The acs-check page. It gathers inputs and renders the core's report; it holds no business logic.

mod app;
mod codecs;
mod dom;
mod examples;
mod files;
mod lang;
mod model;
mod state;
mod text_report;
mod ui;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
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
            include_str!("text_report.rs"),
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
