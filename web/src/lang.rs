//! The page's language: Japanese by default; `?lang=ja|en`, else the browser's languages, decide the
//! first one; the switch flips it. The check is simply run again in the other language.

use acs_check::Lang;

/// The initial language from the query string's `lang` and `navigator.languages` (first match wins;
/// neither Japanese nor English → Japanese, the users' language).
pub fn pick(query_lang: Option<&str>, languages: &[String]) -> Lang {
    if let Some(l) = query_lang.and_then(Lang::parse) {
        return l;
    }
    for l in languages {
        let l = l.to_ascii_lowercase();
        if l == "ja" || l.starts_with("ja-") {
            return Lang::Ja;
        }
        if l == "en" || l.starts_with("en-") {
            return Lang::En;
        }
    }
    Lang::Ja
}

pub fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Ja => Lang::En,
        Lang::En => Lang::Ja,
    }
}

/// The language the browser asks for.
pub fn initial() -> Lang {
    let Some(window) = web_sys::window() else { return Lang::Ja };
    let query = crate::dom::query("lang");
    let languages: Vec<String> = window.navigator().languages().iter().filter_map(|v| v.as_string()).collect();
    pick(query.as_deref(), &languages)
}

/// `<html lang>`, the title, and (when `write_url`) `?lang=` in the address, so that a reload keeps
/// the language the user chose (history.replaceState: no request).
pub fn apply(lang: Lang, write_url: bool) {
    let Some(window) = web_sys::window() else { return };
    let Some(doc) = window.document() else { return };
    if let Some(html) = doc.document_element() {
        let _ = html.set_attribute("lang", lang.code());
    }
    doc.set_title(&format!("{} — acs-check", crate::texts::t(lang, "ui.title")));
    if !write_url {
        return;
    }
    let location = window.location();
    if let (Ok(search), Ok(path), Ok(history)) = (location.search(), location.pathname(), window.history()) {
        if let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) {
            if params.get("lang").as_deref() != Some(lang.code()) {
                params.set("lang", lang.code());
                let url = format!("{path}?{}{}", String::from(params.to_string()), location.hash().unwrap_or_default());
                let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_then_browser_then_japanese() {
        let langs = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(pick(Some("en"), &langs(&["ja-JP"])), Lang::En);
        assert_eq!(pick(Some("xx"), &langs(&["en-US"])), Lang::En);
        assert_eq!(pick(None, &langs(&["de-DE", "en-GB", "ja"])), Lang::En);
        assert_eq!(pick(None, &langs(&["ja-JP", "en-US"])), Lang::Ja);
        assert_eq!(pick(None, &langs(&["fr"])), Lang::Ja);
        assert_eq!(pick(None, &[]), Lang::Ja);
        assert_eq!(other(Lang::Ja), Lang::En);
    }
}
