//! The report as plain text, for pasting into a support ticket. Built from the report alone, in the
//! report's language, with the same sections as the page.

use acs_check::{
    texts::{t, tf},
    wire_name, AlertPlace, Managed, Report,
};

use crate::model::{self, CheckRow};

fn managed_word(r: &Report) -> &'static str {
    t(
        r.lang,
        match r.managed {
            Managed::Yes => "ui.managed.yes",
            Managed::No => "ui.managed.no",
            Managed::Unknown => "ui.managed.unknown",
        },
    )
}

fn check_line(out: &mut String, row: &CheckRow) {
    out.push_str(&format!("  [{}] {}: {}\n", row.mark.symbol(), row.title, row.status));
    for l in &row.lines {
        out.push_str(&format!("      {l}\n"));
    }
    if let Some(n) = &row.not_checked {
        out.push_str(&format!("      {n}\n"));
    }
}

/// The plain-text rendering of a report.
pub fn render(r: &Report) -> String {
    let lang = r.lang;
    let mut s = String::new();
    s.push_str(&format!("{}\n", t(lang, "ui.text.report_title")));
    s.push_str(&format!("{}\n", tf(lang, "ui.text.managed", &[("managed", managed_word(r))])));
    s.push_str(&format!("{}:\n", t(lang, "ui.text.inputs")));
    for i in &r.inputs {
        s.push_str(&format!("  - {} ({})\n", model::input_name(lang, &i.name), model::chip_details(lang, i)));
    }
    s.push('\n');

    if r.hosts.len() > 1 {
        s.push_str(&format!("{}\n", tf(lang, "ui.hosts.heading", &[("count", &r.hosts.len().to_string())])));
        for row in model::summary_rows(r) {
            s.push_str(&format!("  {} | {} | {} | {}\n", row.host, row.os, row.build, row.verdict_word));
        }
        s.push('\n');
    }
    if r.hosts.is_empty() {
        s.push_str(&format!("{}\n", t(lang, "ui.report.no_host")));
        check_line(&mut s, &model::root_row(lang, r, r.root_ca.status));
        s.push('\n');
    }

    for (i, h) in r.hosts.iter().enumerate() {
        let label = model::host_label(lang, h, i);
        s.push_str(&format!("== {} — {} ({}) ==\n", label, model::os_label(h), model::build_label(h)));
        s.push_str(&format!("{}: {}\n", t(lang, "ui.col.verdict"), model::verdict_word(lang, h.verdict)));
        s.push_str(&format!("{}\n\n", h.summary));

        s.push_str(&format!("{}\n", t(lang, "ui.check.heading")));
        check_line(&mut s, &model::update_row(lang, h));
        check_line(&mut s, &model::root_row(lang, r, h.root_ca.status));
        s.push('\n');

        s.push_str(&format!("{}\n", t(lang, "ui.alert.heading")));
        if h.alerts.is_empty() {
            s.push_str(&format!("  {}\n", t(lang, "ui.alert.none")));
        }
        for a in &h.alerts {
            let place =
                t(lang, if a.place == AlertPlace::Client { "alert.where.client" } else { "alert.where.console" });
            s.push_str(&format!("  [{place}]\n"));
            s.push_str(&format!("  「{}」\n  {}\n", a.title, a.body));
            s.push_str(&format!(
                "  {} / {}\n",
                tf(lang, "ui.alert.id", &[("id", &a.id)]),
                tf(lang, "ui.alert.since", &[("date", &a.since)])
            ));
            if a.translated {
                s.push_str(&format!("  ({})\n", t(lang, "alert.translation_note")));
                if let (Some(ot), Some(ob)) = (&a.original_title, &a.original_body) {
                    s.push_str(&format!("  {}: 「{ot}」 {ob}\n", t(lang, "ui.alert.original")));
                }
            }
        }
        s.push('\n');

        s.push_str(&format!("{}\n", t(lang, "ui.actions.heading")));
        if h.actions.is_empty() {
            s.push_str(&format!("  {}\n", t(lang, "ui.actions.none")));
        }
        for (n, a) in h.actions.iter().enumerate() {
            s.push_str(&format!("  {}. {}\n", n + 1, a.text));
            if let Some(c) = &a.command {
                s.push_str(&format!("     > {c}\n"));
            }
            if let Some(u) = &a.url {
                s.push_str(&format!("     {u}\n"));
            }
        }
        if !h.warnings.is_empty() {
            s.push_str(&format!("\n{}\n", t(lang, "ui.warnings.heading")));
            for w in &h.warnings {
                s.push_str(&format!("  ! {w}\n"));
            }
        }
        let facts = model::fact_rows(lang, h);
        if !facts.is_empty() {
            s.push_str(&format!("\n{}\n", t(lang, "ui.facts.heading")));
            for (label, value, place) in facts {
                let place = if place.is_empty() { String::new() } else { format!("  [{place}]") };
                s.push_str(&format!("  {label}: {value}{place}\n"));
            }
        }
        if !h.hotfixes.is_empty() {
            s.push_str(&format!(
                "\n{}\n  {}\n",
                tf(lang, "ui.hotfixes.heading", &[("count", &h.hotfixes.len().to_string())]),
                h.hotfixes.join(" ")
            ));
        }
        s.push('\n');
    }

    if !r.certificates.is_empty() {
        s.push_str(&format!("{}\n", tf(lang, "ui.certs.heading", &[("count", &r.certificates.len().to_string())])));
        for c in &r.certificates {
            s.push_str(&format!(
                "  - {} [{}]\n    SHA-1 {} / {} – {} / {}\n",
                c.subject,
                t(lang, &format!("ui.role.{}", wire_name(&c.role))),
                c.sha1,
                c.not_before,
                c.not_after,
                c.source
            ));
        }
        s.push('\n');
    }
    let value = model::report_value(r);
    let sigs = model::signature_cards(&value);
    if !sigs.is_empty() {
        s.push_str(&format!("{}\n", tf(lang, "ui.sigs.heading", &[("count", &sigs.len().to_string())])));
        for sig in &sigs {
            let word = t(lang, if sig.is_acs == Some(true) { "ui.sig.acs" } else { "ui.sig.not_acs" });
            s.push_str(&format!("  - {}: {word}", sig.input));
            if let Some(signer) = &sig.signer {
                s.push_str(&format!(" / {}: {signer}", t(lang, "ui.sig.signer")));
            }
            s.push('\n');
        }
        s.push('\n');
    }
    for (name, items) in model::extra_lists(&value) {
        s.push_str(&format!("{}\n", tf(lang, "ui.more.heading", &[("name", &name)])));
        for item in items {
            let parts: Vec<String> = item.iter().map(|(k, v)| format!("{k}={v}")).collect();
            s.push_str(&format!("  - {}\n", parts.join("; ")));
        }
        s.push('\n');
    }
    if !r.errors.is_empty() {
        s.push_str(&format!("{}\n", t(lang, "ui.errors.heading")));
        for e in &r.errors {
            s.push_str(&format!("  - {}: {}\n", e.input, e.message));
        }
        s.push('\n');
    }
    s.push_str(&format!("{}\n", tf(lang, "ui.data_as_of", &[("date", &r.data_as_of)])));
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use acs_check::{check, Input, Lang, Options};

    #[test]
    fn a_host_that_needs_the_update_in_both_languages() {
        let inputs = [Input::text("pasted text", "Microsoft Windows [Version 10.0.17763.2183]\n")];
        for (lang, words) in [
            (Lang::Ja, ["対応が必要", "Azure Code Signingのサポートがありません", "対応方法", "1. "]),
            (Lang::En, ["Action needed", "Azure Code Signing is not supported", "What to do", "1. "]),
        ] {
            let r = check(&inputs, &Options { lang, managed: Managed::Unknown, today: None });
            let text = render(&r);
            for w in words {
                assert!(text.contains(w), "{lang:?}: {w:?} missing in\n{text}");
            }
            assert!(text.contains("AzureCodeSigningEol") && text.contains("2023-07-10"));
            assert!(text.contains(&r.data_as_of));
            // Both places, because "managed" is unknown.
            assert_eq!(text.lines().filter(|l| l.starts_with("  「")).count(), 2);
        }
    }

    #[test]
    fn several_hosts_get_a_summary_and_unreadable_inputs_are_listed() {
        let r = check(
            &[
                Input::text("a.txt", "Microsoft Windows [Version 10.0.19045.2251]\n"),
                Input::text("b.txt", "Microsoft Windows [Version 10.0.17763.4010]\n"),
                Input::text("c.txt", "hello"),
            ],
            &Options::default(),
        );
        let text = render(&r);
        assert!(text.contains("ホスト一覧（2 台）"), "{text}");
        assert!(text.contains("c.txt:"));
    }
}
