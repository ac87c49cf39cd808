//! Words: every user-visible sentence of the report, per language, from `data/texts.tsv`.

use crate::report::Lang;
use crate::tables::TEXTS;

/// The sentence for `key` in `lang`. Keys are checked by the tests; an unknown key gives a visible
/// marker instead of crashing a page.
pub fn t(lang: Lang, key: &str) -> &'static str {
    lookup(TEXTS, lang, key)
}

/// The sentence for `key` in `lang` in a table of `(key, ja, en)` rows sorted by key (this crate's, or
/// the page's own smaller one); "[missing text]" for a key it lacks. Inlined into [`t`] so that the
/// engine module compiles as it did before the page shared it (measured: 1.8 KB brotli otherwise).
#[inline(always)]
pub fn lookup(table: &[(&'static str, &'static str, &'static str)], lang: Lang, key: &str) -> &'static str {
    match table.binary_search_by(|(k, _, _)| (*k).cmp(key)) {
        Ok(i) => match lang {
            Lang::Ja => table[i].1,
            Lang::En => table[i].2,
        },
        Err(_) => "[missing text]",
    }
}

/// `template` with its `{placeholders}` filled in (inlined into [`tf`], as [`lookup`] into [`t`]).
#[inline(always)]
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut s = template.to_owned();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

/// True when the table has `key`.
pub fn has(key: &str) -> bool {
    TEXTS.binary_search_by(|(k, _, _)| (*k).cmp(key)).is_ok()
}

/// The sentence for `key` with its `{placeholders}` filled in.
pub fn tf(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    fill(t(lang, key), args)
}

/// Joins a list the way each language does ("KB1 / KB2").
pub fn list(items: &[String]) -> String {
    items.join(" / ")
}

/// A `YYYY-MM-DD` date, or a `YYYY-MM-DDTHH:MM:SSZ` time, in the report's language: 2021年5月11日 and
/// 2021年5月11日 08:30:00 UTC in Japanese, as it is in English. Anything else is returned as it is.
pub fn date(lang: Lang, iso: &str) -> String {
    let part = |a: usize, b: usize| iso.get(a..b).filter(|p| p.bytes().all(|c| c.is_ascii_digit()));
    let number = |a: usize, b: usize| part(a, b).and_then(|p| p.parse::<u32>().ok());
    let b = iso.as_bytes();
    let is_date = b.len() >= 10 && b[4] == b'-' && b[7] == b'-';
    let is_time = b.len() == 20 && b[10] == b'T' && b[13] == b':' && b[16] == b':' && b[19] == b'Z';
    match (lang, number(0, 4), number(5, 7), number(8, 10)) {
        (Lang::Ja, Some(y), Some(m), Some(d)) if is_date && b.len() == 10 => format!("{y}年{m}月{d}日"),
        (Lang::Ja, Some(y), Some(m), Some(d)) if is_date && is_time => match (part(11, 13), part(14, 16), part(17, 19))
        {
            (Some(h), Some(mi), Some(s)) => format!("{y}年{m}月{d}日 {h}:{mi}:{s} UTC"),
            _ => iso.to_owned(),
        },
        _ => iso.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_and_fill() {
        assert_eq!(t(Lang::Ja, "alert.title"), "Azure Code Signingのサポートがありません");
        assert_eq!(t(Lang::En, "verdict.ok"), "Ready");
        assert!(tf(Lang::En, "reason.unknown_build", &[("build", "21000")]).contains("21000"));
        assert!(!has("no.such.key"));
        assert_eq!(date(Lang::Ja, "2021-05-11"), "2021年5月11日");
        assert_eq!(date(Lang::En, "2021-05-11"), "2021-05-11");
        assert_eq!(date(Lang::Ja, "soon"), "soon");
        assert_eq!(date(Lang::Ja, "2023-10-12T08:05:09Z"), "2023年10月12日 08:05:09 UTC");
        assert_eq!(date(Lang::En, "2023-10-12T08:05:09Z"), "2023-10-12T08:05:09Z");
        assert_eq!(date(Lang::Ja, "2023-1x-12"), "2023-1x-12");
    }

    /// Every command a warning or an action suggests (wmic qfe, Get-HotFix, systeminfo) runs `ver` with
    /// it: the revision is what confirms a result.
    #[test]
    fn every_suggested_command_includes_ver() {
        for (key, ja, en) in TEXTS.iter().filter(|(k, _, _)| k.starts_with("warning.") || k.starts_with("action.")) {
            for text in [ja, en] {
                let suggests = ["wmic qfe", "Get-HotFix", "systeminfo &", "systeminfo」", "systeminfo\""]
                    .iter()
                    .any(|c| text.contains(c));
                assert!(!suggests || ["ver &", "& ver", "ver;"].iter().any(|v| text.contains(v)), "{key}: {text}");
            }
        }
    }

    /// Every `"prefix.key"` literal in the core's sources that looks like a text key exists in the table.
    #[test]
    fn every_key_used_exists() {
        let sources = [
            include_str!("../judge.rs"),
            include_str!("../hosts.rs"),
            include_str!("../lib.rs"),
            include_str!("../certs/root.rs"),
            include_str!("../present/certificates.rs"),
            include_str!("../present/errors.rs"),
            include_str!("../present/signatures.rs"),
            include_str!("../present/view.rs"),
            include_str!("../present/page.rs"),
            include_str!("../present/text.rs"),
        ];
        let prefixes = [
            "alert.", "verdict.", "summary.", "reason.", "warning.", "action.", "root.", "kind.", "error.", "cert.",
            "ui.", "sig.",
        ];
        let is_key = |s: &str| s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_');
        for src in sources {
            for piece in src.split('"').skip(1).step_by(2) {
                if prefixes.iter().any(|p| piece.starts_with(p)) && !piece.ends_with('.') && is_key(piece) {
                    assert!(has(piece), "text key {piece:?} is used but not in data/texts.tsv");
                }
            }
        }
    }
}
