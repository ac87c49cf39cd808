//! What only the page needs on top of the core's view models (`acs_check::present::view`, shared with
//! the plain-text report): CSS classes, anchors, link words, the live region's sentence, addresses
//! cut out of alert bodies.

use acs_check::{
    present::view::{host_label, verdict_word, Mark},
    texts::{t, tf},
    Lang, Report,
};

/// The CSS class of a checklist mark.
pub fn mark_class(mark: Mark) -> &'static str {
    match mark {
        Mark::Yes => "yes",
        Mark::No => "no",
        Mark::Unknown => "unknown",
    }
}

/// The anchor id of a host's section.
pub fn host_anchor(index: usize) -> String {
    format!("host-{}", index + 1)
}

/// The words of a link the report gives: what the page is, instead of its long address.
pub fn link_label(lang: Lang, url: &str) -> String {
    use acs_check::hosts::{ESET_NOTICE_URL, FAQ_URL, PKI_REPOSITORY_URL};
    use acs_check::windows::{KB5022661_URL, KB5022661_URL_JA};
    let key = if url == KB5022661_URL || url == KB5022661_URL_JA {
        "ui.link.kb5022661"
    } else if url == PKI_REPOSITORY_URL {
        "ui.link.pki"
    } else if url == FAQ_URL {
        "ui.link.faq"
    } else if url == ESET_NOTICE_URL {
        "ui.link.eset_notice"
    } else if url.starts_with("https://support.microsoft.com/help/") || url.contains("update-history") {
        "ui.link.history"
    } else {
        return url.to_owned();
    };
    t(lang, key).to_owned()
}

/// The sentence the live region announces when the result changes.
pub fn live_text(report: &Report) -> String {
    let lang = report.lang;
    if report.hosts.is_empty() {
        return t(lang, "ui.report.no_host").to_owned();
    }
    report
        .hosts
        .iter()
        .enumerate()
        .map(|(i, h)| {
            tf(lang, "ui.report.live", &[("host", &host_label(lang, h, i)), ("verdict", verdict_word(lang, h.verdict))])
        })
        .collect::<Vec<_>>()
        .join(" / ")
}

/// A text cut in two around its first web address (the console's alert body links to the FAQ).
pub fn split_url(text: &str) -> (String, Option<String>, String) {
    let Some(start) = text.find("https://").or_else(|| text.find("http://")) else {
        return (text.to_owned(), None, String::new());
    };
    let rest = &text[start..];
    let end = rest.find(|c: char| c.is_whitespace() || matches!(c, '。' | '、' | '）' | ')')).unwrap_or(rest.len());
    let mut url = &rest[..end];
    // A sentence's full stop after the address is not part of it.
    while url.ends_with(['.', ',']) {
        url = &url[..url.len() - 1];
    }
    (text[..start].to_owned(), Some(url.to_owned()), text[start + url.len()..].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use acs_check::{check, Input, Options, PASTED_TEXT};

    #[test]
    fn live_text_names_each_host() {
        let en = Options { lang: Lang::En, ..Options::default() };
        let r = check(&[Input::text(PASTED_TEXT, "x\nMicrosoft Windows [Version 10.0.17763.4010]\n")], &en);
        assert_eq!(live_text(&r), "Computer 1: Ready");
        assert_eq!(live_text(&check(&[], &en)), t(Lang::En, "ui.report.no_host"));
        assert_eq!(host_anchor(1), "host-2");
    }

    #[test]
    fn urls_are_cut_out_of_alert_bodies() {
        let body = t(Lang::Ja, "alert.body.console");
        let (a, url, b) = split_url(body);
        assert_eq!(url.as_deref(), Some("https://eset-support.canon-its.jp/faq/show/25954?site_domain=business"));
        assert!(a.ends_with("については、") && b.starts_with(" を参照"));
        let (_, url, b) = split_url(t(Lang::En, "alert.body.console"));
        assert!(url.unwrap().ends_with("business") && b.starts_with(". This"));
        assert_eq!(split_url("no link"), ("no link".into(), None, String::new()));
    }

    #[test]
    fn link_labels() {
        assert_eq!(link_label(Lang::En, acs_check::hosts::FAQ_URL), "Canon IT Solutions FAQ 25954 (Japanese)");
        let kb = acs_check::windows::kb5022661_url(Lang::Ja);
        assert_eq!(link_label(Lang::Ja, kb), "KB5022661 - Azure Code Signing プログラムの Windows サポート");
        assert_eq!(link_label(Lang::En, "https://example.com/x"), "https://example.com/x");
    }
}
