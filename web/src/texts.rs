//! The page's own words (its controls, progress and messages), from the table `build.rs` compiles:
//! only the keys the page's sources name. The report's words come with the engine's view of it.

use acs_check::Lang;

include!(concat!(env!("OUT_DIR"), "/texts.rs"));

/// The sentence for `key` in `lang` (a key the sources name is always in the table: `build.rs` fails
/// otherwise).
pub fn t(lang: Lang, key: &str) -> &'static str {
    acs_check::texts::lookup(TEXTS, lang, key)
}

/// The sentence for `key` with its `{placeholders}` filled in.
pub fn tf(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    acs_check::texts::fill(t(lang, key), args)
}

/// "12 KB", "3.4 MB", as the report's chips say it.
pub use acs_check::present::view::size_label;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_has_its_words_and_only_those() {
        assert_eq!(t(Lang::En, "ui.stop"), "Stop");
        assert!(t(Lang::Ja, "ui.title").contains("対応チェック"));
        assert!(tf(Lang::En, "ui.chip.too_many", &[("max", "50")]).contains("50"));
        // The report's words are the engine's: not in the page's table (the key is built here so that
        // build.rs does not take it for one the page names).
        assert_eq!(t(Lang::En, &["ui", "check", "heading"].join(".")), "[missing text]");
        assert!(TEXTS.windows(2).all(|w| w[0].0 < w[1].0), "sorted");
    }
}
