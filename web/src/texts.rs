//! The page's own words (its controls, progress and messages), from the table `build.rs` compiles:
//! only the keys the page's sources name. The report's words come with the engine's view of it.

use acs_check::Lang;

include!(concat!(env!("OUT_DIR"), "/texts.rs"));

/// The sentence for `key` in `lang` (a key the sources name is always in the table: `build.rs` fails
/// otherwise).
pub fn t(lang: Lang, key: &str) -> &'static str {
    match TEXTS.binary_search_by(|(k, _, _)| (*k).cmp(key)) {
        Ok(i) => match lang {
            Lang::Ja => TEXTS[i].1,
            Lang::En => TEXTS[i].2,
        },
        Err(_) => "[missing text]",
    }
}

/// The sentence for `key` with its `{placeholders}` filled in.
pub fn tf(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut s = t(lang, key).to_owned();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

/// "12 KB", "3.4 MB" (as the report's chips say it).
pub fn size_label(bytes: u64) -> String {
    const K: u64 = 1024;
    if bytes < K {
        format!("{bytes} B")
    } else if bytes < K * K {
        format!("{} KB", bytes.div_ceil(K))
    } else {
        let tenths = bytes * 10 / (K * K);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

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
        assert_eq!(size_label(500), "500 B");
        assert_eq!(size_label(2048), "2 KB");
        assert_eq!(size_label(33 * 1024 * 1024), "33.0 MB");
    }
}
