//! The report as plain text: what a support engineer pastes into a ticket. The CLI prints it; the
//! page copies it ("Copy report as text"). Built from the report alone, in the report's language,
//! with the page's sections and words.

use std::fmt::Write as _;

use super::view::{self, CheckRow};
use crate::report::{Action, Alert, HostReport, Report, SignatureReport};
use crate::texts::{t, tf};

/// The plain-text rendering of a report.
pub fn text(r: &Report) -> String {
    let mut out = Text { s: String::new(), lang: r.lang };
    out.head(r);
    // Signed files without a host: the signatures' verdicts answer the question asked.
    let signatures_first = view::leads_with_signatures(r);
    if signatures_first {
        out.signatures(r);
    }
    if r.hosts.len() > 1 {
        out.summary(r);
    }
    if view::shows_no_host(r) {
        out.no_host(r);
    } else if signatures_first {
        out.line(0, t(r.lang, "ui.sig.host_hint"));
        out.s.push('\n');
    }
    for (i, h) in r.hosts.iter().enumerate() {
        out.host(r, h, i);
    }
    out.certificates(r);
    if !signatures_first {
        out.signatures(r);
    }
    out.errors(r);
    out.line(0, &tf(r.lang, "ui.data_as_of", &[("date", &crate::texts::date(r.lang, &r.data_as_of))]));
    out.s
}

struct Text {
    s: String,
    lang: crate::Lang,
}

impl Text {
    fn line(&mut self, indent: usize, text: &str) {
        let _ = writeln!(self.s, "{:indent$}{text}", "");
    }

    fn heading(&mut self, key: &str) {
        self.line(0, t(self.lang, key));
    }

    fn head(&mut self, r: &Report) {
        let lang = self.lang;
        self.heading("ui.text.report_title");
        self.line(0, &tf(lang, "ui.text.managed", &[("managed", view::managed_word(lang, r.managed))]));
        self.line(0, &format!("{}:", t(lang, "ui.text.inputs")));
        for i in &r.inputs {
            self.line(2, &format!("- {} ({})", view::input_name(lang, &i.name), view::chip_details(lang, i)));
        }
        self.s.push('\n');
    }

    fn summary(&mut self, r: &Report) {
        self.line(0, &tf(self.lang, "ui.hosts.heading", &[("count", &r.hosts.len().to_string())]));
        for row in view::summary_rows(r) {
            self.line(2, &format!("{} | {} | {} | {}", row.host, row.os, row.build, row.verdict_word));
        }
        self.s.push('\n');
    }

    fn verdict(&mut self, word: &str, summary: &str) {
        self.line(0, &format!("{}: {word}", t(self.lang, "ui.col.verdict")));
        self.line(0, summary);
        self.s.push('\n');
    }

    fn checklist(&mut self, rows: &[CheckRow]) {
        self.heading("ui.check.heading");
        for row in rows {
            self.line(2, &format!("[{}] {}: {}", row.mark.symbol(), row.title, row.status));
            for l in row.lines.iter().chain(&row.not_checked) {
                self.line(6, l);
            }
        }
        self.s.push('\n');
    }

    fn actions(&mut self, actions: &[Action]) {
        self.heading("ui.actions.heading");
        if actions.is_empty() {
            self.line(2, t(self.lang, "ui.actions.none"));
        }
        for (n, a) in actions.iter().enumerate() {
            self.line(2, &format!("{}. {}", n + 1, a.text));
            if let Some(c) = &a.command {
                self.line(5, &format!("> {c}"));
            }
            if let Some(u) = &a.url {
                self.line(5, u);
            }
        }
    }

    fn no_host(&mut self, r: &Report) {
        let n = view::no_host(r);
        self.verdict(view::verdict_word(self.lang, n.verdict), t(self.lang, "ui.report.no_host"));
        self.checklist(&[n.root]);
        self.actions(&n.actions);
        self.s.push('\n');
    }

    fn alert(&mut self, a: &Alert) {
        let lang = self.lang;
        self.line(2, &format!("[{}]", view::alert_place_word(lang, a.place)));
        self.line(2, &format!("「{}」", a.title));
        self.line(2, &a.body);
        let id = tf(lang, "ui.alert.id", &[("id", &a.id)]);
        self.line(
            2,
            &format!("{id} / {}", tf(lang, "ui.alert.since", &[("date", &crate::texts::date(lang, &a.since))])),
        );
        if a.translated {
            self.line(2, &format!("({})", t(lang, "alert.translation_note")));
            if let (Some(ot), Some(ob)) = (&a.original_title, &a.original_body) {
                self.line(2, &format!("{}: 「{ot}」 {ob}", t(lang, "ui.alert.original")));
            }
        }
    }

    fn host(&mut self, r: &Report, h: &HostReport, i: usize) {
        let lang = self.lang;
        let label = view::host_label(lang, h, i);
        self.line(0, &format!("== {label} — {} ({}) ==", view::os_label(h), view::build_label(h)));
        self.verdict(view::host_verdict_word(lang, h), &h.summary);
        self.checklist(&[view::update_row(lang, h), view::root_row(lang, r, h.root_ca.status)]);

        let section = view::alert_section(lang, h);
        self.line(0, section.heading);
        self.line(2, &section.lead);
        for a in &section.alerts {
            self.alert(a);
        }
        self.s.push('\n');
        self.actions(&h.actions);

        if !h.warnings.is_empty() {
            self.s.push('\n');
            self.heading("ui.warnings.heading");
            for w in &h.warnings {
                self.line(2, &format!("! {w}"));
            }
        }
        let facts = view::fact_rows(lang, h);
        if !facts.is_empty() {
            self.s.push('\n');
            self.heading("ui.facts.heading");
            for f in facts {
                let at = if f.place.is_empty() { String::new() } else { format!("  [{}]", f.place) };
                self.line(2, &format!("{}: {}{at}", f.label, f.value));
            }
        }
        if !h.hotfixes.is_empty() {
            self.s.push('\n');
            self.line(0, &tf(lang, "ui.hotfixes.heading", &[("count", &h.hotfixes.len().to_string())]));
            if let Some(cut) = view::hotfixes_truncated(lang, h) {
                self.line(2, &cut);
            }
            self.line(2, &h.hotfixes.join(" "));
        }
        let sources = view::source_lines(lang, h);
        if !sources.is_empty() {
            self.s.push('\n');
            self.heading("ui.sources.heading");
            for s in sources {
                self.line(2, &s);
            }
        }
        self.s.push('\n');
    }

    fn certificates(&mut self, r: &Report) {
        if r.certificates.is_empty() {
            return;
        }
        let lang = self.lang;
        self.line(0, &tf(lang, "ui.certs.heading", &[("count", &r.certificates.len().to_string())]));
        for c in &r.certificates {
            let dash = || "–".to_owned();
            let subject = c.subject.clone().unwrap_or_else(|| t(lang, "ui.cert.no_subject").to_owned());
            self.line(2, &format!("- {subject} [{}]", view::role_word(lang, c.role)));
            let dates = match (&c.not_before, &c.not_after) {
                (Some(a), Some(b)) => format!(" / {}", view::validity(lang, a, b)),
                _ => String::new(),
            };
            let sha1 = c.sha1.clone().unwrap_or_else(dash);
            self.line(4, &format!("SHA-1 {sha1}{dates} / {}", c.source));
            if let Some(note) = &c.note {
                self.line(4, note);
            }
        }
        self.s.push('\n');
    }

    fn signature(&mut self, card: &view::SignatureCard, sig: &SignatureReport) {
        let lang = self.lang;
        let mut head = format!("- {}: {}", card.input, card.word);
        if let Some(signer) = &card.signer {
            let _ = write!(head, " / {}: {signer}", t(lang, "ui.sig.signer"));
        }
        if let Some(org) = card.publisher.as_ref().filter(|o| Some(*o) != card.signer.as_ref()) {
            let _ = write!(head, " ({org})");
        }
        self.line(2, &head);
        self.line(4, &sig.summary);
        for signer in &sig.signers {
            // A nested signature's steps go under its own heading.
            let indent = if signer.nested { 6 } else { 4 };
            if signer.nested {
                self.line(4, &format!("{}:", t(lang, "ui.sig.nested")));
            }
            for step in &signer.steps {
                self.line(indent, &format!("{} {}", view::step_symbol(step.status), step.detail));
            }
        }
    }

    fn signatures(&mut self, r: &Report) {
        let cards = view::signature_cards(r);
        if cards.is_empty() {
            return;
        }
        self.line(0, &tf(self.lang, "ui.sigs.heading", &[("count", &cards.len().to_string())]));
        for (card, sig) in cards.iter().zip(&r.signatures) {
            self.signature(card, sig);
        }
        self.s.push('\n');
    }

    fn errors(&mut self, r: &Report) {
        if r.errors.is_empty() {
            return;
        }
        self.heading("ui.errors.heading");
        for e in &r.errors {
            self.line(2, &format!("- {}: {}", view::input_name(self.lang, &e.input), e.message));
        }
        self.s.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{check, Input, Lang, Managed, Options, PASTED_TEXT};

    #[test]
    fn a_host_that_needs_the_update_in_both_languages() {
        let inputs = [Input::text(PASTED_TEXT, "Microsoft Windows [Version 10.0.17763.2183]\n")];
        for (lang, words) in [
            (Lang::Ja, ["対応が必要", "Azure Code Signingのサポートがありません", "対応方法", "1. "]),
            (Lang::En, ["Action needed", "Azure Code Signing is not supported", "What to do", "1. "]),
        ] {
            let r = check(&inputs, &Options { lang, managed: Managed::Unknown, today: None });
            let text = text(&r);
            for w in words {
                assert!(text.contains(w), "{lang:?}: {w:?} missing in\n{text}");
            }
            assert!(text.contains("AzureCodeSigningEol") && text.contains(&crate::texts::date(lang, "2023-07-10")));
            assert!(text.contains(&crate::texts::date(lang, &r.data_as_of)));
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
        let text = text(&r);
        assert!(
            text.contains("コンピューター一覧（2 台）\n  コンピューター 1 | Windows 10 22H2 | 19045.2251 | 対応済み\n"),
            "{text}"
        );
        assert!(text.contains("読み取れなかった入力\n  - c.txt: "), "{text}");
    }

    #[test]
    fn certificates_and_signatures_with_their_steps() {
        let fixture = |p: &str| std::fs::read(format!("{}/../tests/fixtures/{p}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let inputs = [
            Input::bytes("chain.p7b", fixture("certs/derived-acs-chain.p7b")),
            Input::bytes("setup.exe", fixture("signed/pe-signed-nested.exe")),
        ];
        let r = check(&inputs, &Options { lang: Lang::En, ..Options::default() });
        let text = text(&r);
        assert!(text.contains("Certificates (7)\n  - CN=Microsoft Identity Verification Root"), "{text}");
        assert!(text.contains("[Required root]\n    SHA-1 F40042E2E5F7E8EF8189FED15519AECE42C3BFA2 / "), "{text}");
        assert!(text.contains("    The required root: byte-identical"), "{text}");
        let sig = "Signatures (1)\n  - setup.exe: Not an Azure Code Signing signature / Signer: acs-check Test Publisher\n    \"setup.exe\" is";
        assert!(text.contains(sig), "{text}");
        assert!(text.contains("\n    ✘ The certificate chain ends at"), "{text}");
        assert!(text.contains("\n    Nested signature:\n      ✔ The file's SHA-384 digest"), "{text}");
    }

    #[test]
    fn no_host_gives_the_root_result_and_what_to_do() {
        let r = check(&[Input::text("x.txt", "hello")], &Options { lang: Lang::En, ..Options::default() });
        let text = text(&r);
        assert!(text.contains("Result: Can't tell\nThe inputs hold no Windows information"), "{text}");
        assert!(text.contains("  [?] Root certificate"), "{text}");
        assert!(text.contains(&format!("     > {}\n", crate::hosts::COLLECT_COMMAND)), "{text}");
    }
}
