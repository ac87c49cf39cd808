//! The page's view of a report, made by the engine (in the browser: the engine's Web Worker) so that
//! the page's own wasm holds drawing code for its controls only — no text tables, no presentation
//! logic, no report types, no report layout. It crosses to the page as a structured clone next to the
//! report itself: the report section as HTML (laid out here from the view models of [`super::view`],
//! the same rows as the plain-text report, every value escaped), the plain-text report, and the few
//! lines the page's controls show (each input's chip, the live region's sentence).
//!
//! The markup is the page's (its classes are `public/style.css`'s); the page handles the buttons in it
//! (`data-copy`, `#copy-report`, `#download-json`, `#print`) and nothing else. Nothing here judges.

use serde::{Deserialize, Serialize};

use super::view::{self, CheckRow};
use crate::report::{wire_name, Action, Alert, AlertPlace, HostReport, Lang, Report};
use crate::texts::{t, tf};

/// Host sections drawn in full; a check of more hosts (a log with hundreds of banners) lists the rest
/// in the summary table only, so that the page stays responsive.
pub const MAX_HOST_SECTIONS: usize = 50;

/// What the page shows of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageView {
    /// `ja` or `en`.
    pub lang: String,
    /// The report section (summary table, hosts, certificates, signatures, unreadable inputs, the
    /// support bar), as HTML.
    pub html: String,
    /// One line per input, in the check's order ("ver · utf-8 · 1 line").
    pub inputs: Vec<InputLine>,
    /// The sentence the live region announces, also the line that jumps to the result.
    pub live: String,
    /// The first host's verdict (wire name), else the first signature's tone, or `unknown`: the jump
    /// line's colour.
    pub verdict: String,
    /// "See the result".
    pub jump: String,
    /// The plain-text report ("Copy report as text"), the CLI's output.
    pub text: String,
}

/// What one input turned into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputLine {
    pub detail: String,
    /// Nothing in it was recognised.
    pub error: bool,
}

/// The page's view of `report`.
pub fn page_view(report: &Report) -> PageView {
    let lang = report.lang;
    PageView {
        lang: lang.code().to_owned(),
        html: html(report),
        inputs: report
            .inputs
            .iter()
            .map(|i| InputLine {
                detail: view::chip_details(lang, i),
                error: i.kinds.iter().all(|k| wire_name(k) == "unknown"),
            })
            .collect(),
        live: live_text(report),
        verdict: match report.hosts.first() {
            Some(h) => wire_name(&h.verdict),
            None => view::signature_cards(report)
                .first()
                .map(|s| wire_name(&view::signature_tone(s.verdict)))
                .unwrap_or_else(|| "unknown".into()),
        },
        jump: t(lang, "ui.jump").to_owned(),
        text: super::text(report),
    }
}

/// The sentence the live region announces when the result changes.
pub fn live_text(report: &Report) -> String {
    let lang = report.lang;
    if view::leads_with_signatures(report) {
        // What the user asked about a signed file: its verdict.
        return view::signature_cards(report)
            .iter()
            .map(|s| format!("{}: {}", s.input, s.word))
            .collect::<Vec<_>>()
            .join(" / ");
    }
    if report.hosts.is_empty() {
        return t(lang, "ui.report.no_host").to_owned();
    }
    report
        .hosts
        .iter()
        .enumerate()
        .map(|(i, h)| {
            tf(
                lang,
                "ui.report.live",
                &[("host", &view::host_label(lang, h, i)), ("verdict", view::verdict_word(lang, h.verdict))],
            )
        })
        .collect::<Vec<_>>()
        .join(" / ")
}

/// The anchor id of a host's section.
pub fn host_anchor(index: usize) -> String {
    format!("host-{}", index + 1)
}

/// A text cut in two around its first web address (the console's alert body links to the FAQ):
/// `(before, address, after)`.
pub fn split_url(text: &str) -> (&str, Option<&str>, &str) {
    let Some(start) = text.find("https://").or_else(|| text.find("http://")) else {
        return (text, None, "");
    };
    let rest = &text[start..];
    let end = rest.find(|c: char| c.is_whitespace() || matches!(c, '。' | '、' | '）' | ')')).unwrap_or(rest.len());
    let mut url = &rest[..end];
    // A sentence's full stop after the address is not part of it.
    while url.ends_with(['.', ',']) {
        url = &url[..url.len() - 1];
    }
    (&text[..start], Some(url), &text[start + url.len()..])
}

/// The words of a link the report gives: what the page is, instead of its long address.
pub fn link_label(lang: Lang, url: &str) -> String {
    use crate::hosts::{ESET_NOTICE_URL, FAQ_URL, PKI_REPOSITORY_URL};
    let key = if url == crate::windows::KB5022661_URL || url == crate::windows::KB5022661_URL_JA {
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

/// HTML, written element by element; every text and attribute value is escaped.
struct Html {
    out: String,
    lang: Lang,
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// `s` with `& < > " '` escaped: safe as element text and as a quoted attribute value.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

impl Html {
    fn open(&mut self, tag: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attrs {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value);
            self.out.push('"');
        }
        self.out.push('>');
    }

    fn close(&mut self, tag: &str) {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
    }

    fn text(&mut self, s: &str) {
        escape_into(&mut self.out, s);
    }

    /// `<tag attrs>text</tag>`.
    fn el(&mut self, tag: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(tag, attrs);
        self.text(text);
        self.close(tag);
    }

    fn w(&self, key: &str) -> &'static str {
        t(self.lang, key)
    }

    /// A text with its first web address as a link.
    fn linked(&mut self, text: &str) {
        let (before, url, after) = split_url(text);
        self.text(before);
        if let Some(url) = url {
            self.el("a", &[("href", url), ("rel", "noopener noreferrer"), ("target", "_blank")], url);
        }
        self.text(after);
    }

    /// A copy button with its status line (the page fills it in: "Copied").
    fn copy_button(&mut self, text: &str, label: &str, caption: &str, class: &str, id: Option<&str>) {
        self.open("span", &[("class", "copy-wrap")]);
        let mut attrs = vec![("type", "button"), ("class", class)];
        if let Some(id) = id {
            attrs.push(("id", id));
        }
        if label != caption {
            attrs.push(("aria-label", label));
        }
        attrs.push(("title", label));
        if id.is_none() {
            attrs.push(("data-copy", text));
        }
        self.el("button", &attrs, caption);
        self.el("span", &[("class", "copy-status"), ("role", "status")], "");
        self.close("span");
    }

    /// A command line as the user types it, with a copy button.
    fn command(&mut self, command: &str) {
        self.open("div", &[("class", "cmd")]);
        self.el("code", &[("translate", "no")], command);
        let label = tf(self.lang, "ui.copy_label", &[("command", command)]);
        self.copy_button(command, &label, self.w("ui.copy"), "copy", None);
        self.close("div");
    }

    fn summary_table(&mut self, report: &Report) {
        let lang = self.lang;
        self.open("section", &[("class", "block hosts-summary"), ("aria-labelledby", "hosts-h")]);
        self.el(
            "h3",
            &[("id", "hosts-h")],
            &tf(lang, "ui.hosts.heading", &[("count", &report.hosts.len().to_string())]),
        );
        self.open("div", &[("class", "table-scroll")]);
        self.open("table", &[("class", "hosts")]);
        self.el("caption", &[], self.w("ui.hosts.caption"));
        self.open("thead", &[]);
        self.open("tr", &[]);
        for key in ["ui.col.host", "ui.col.os", "ui.col.build", "ui.col.verdict"] {
            self.el("th", &[("scope", "col")], self.w(key));
        }
        self.close("tr");
        self.close("thead");
        self.open("tbody", &[]);
        for (i, r) in view::summary_rows(report).into_iter().enumerate() {
            let verdict = wire_name(&r.verdict);
            self.open("tr", &[("data-verdict", &verdict)]);
            self.open("th", &[("scope", "row")]);
            if i < MAX_HOST_SECTIONS {
                self.el("a", &[("href", &format!("#{}", host_anchor(i)))], &r.host);
            } else {
                self.text(&r.host);
            }
            self.close("th");
            self.el("td", &[], &r.os);
            self.el("td", &[("class", "mono")], &r.build);
            self.open("td", &[]);
            self.el("span", &[("class", &format!("pill pill--{verdict}"))], r.verdict_word);
            self.close("td");
            self.close("tr");
        }
        self.close("tbody");
        self.close("table");
        self.close("div");
        self.close("section");
    }

    /// The verdict banner: the verdict word, the host, and the summary in plain words.
    fn banner(&mut self, verdict: &str, word: &str, host: &str, summary: &str, heading_id: &str) {
        self.open("div", &[("class", &format!("banner banner--{verdict}"))]);
        self.el("span", &[("class", "banner-icon"), ("aria-hidden", "true")], "");
        self.open("div", &[("class", "banner-text")]);
        self.el("p", &[("class", "banner-host")], host);
        self.el("h3", &[("class", "verdict"), ("id", heading_id)], word);
        self.el("p", &[("class", "summary")], summary);
        self.close("div");
        self.close("div");
    }

    fn checklist(&mut self, rows: &[CheckRow]) {
        self.open("section", &[("class", "block checklist")]);
        self.el("h4", &[], self.w("ui.check.heading"));
        self.open("ul", &[]);
        for r in rows {
            let mark = match r.mark {
                view::Mark::Yes => "yes",
                view::Mark::No => "no",
                view::Mark::Unknown => "unknown",
            };
            self.open("li", &[("class", &format!("check check--{mark}")), ("data-check", r.id)]);
            self.el("span", &[("class", "mark"), ("aria-hidden", "true")], r.mark.symbol());
            self.open("div", &[("class", "check-body")]);
            self.open("p", &[("class", "check-title")]);
            self.el("span", &[("class", "sr-only")], &format!("{}: ", r.mark.word(self.lang)));
            self.text(r.title);
            self.close("p");
            self.el("p", &[("class", "check-status")], &r.status);
            for l in &r.lines {
                self.el("p", &[("class", "check-line")], l);
            }
            if let Some(n) = &r.not_checked {
                self.el("p", &[("class", "check-line not-checked")], n);
            }
            self.close("div");
            self.close("li");
        }
        self.close("ul");
        self.close("section");
    }

    fn actions(&mut self, actions: &[Action]) {
        self.open("section", &[("class", "block actions")]);
        self.el("h4", &[], self.w("ui.actions.heading"));
        if actions.is_empty() {
            self.el("p", &[("class", "none")], self.w("ui.actions.none"));
        } else {
            self.open("ol", &[("class", "action-list")]);
            for a in actions {
                self.open("li", &[]);
                self.el("p", &[], &a.text);
                if let Some(c) = &a.command {
                    self.command(c);
                }
                if let Some(u) = &a.url {
                    self.open("p", &[("class", "link")]);
                    self.open("a", &[("href", u), ("title", u), ("rel", "noopener noreferrer"), ("target", "_blank")]);
                    self.text(&link_label(self.lang, u));
                    self.el("span", &[("class", "ext"), ("aria-hidden", "true")], " ↗");
                    self.el("span", &[("class", "sr-only")], &format!(" ({})", self.w("ui.link.new_tab")));
                    self.close("a");
                    self.close("p");
                }
                self.close("li");
            }
            self.close("ol");
        }
        self.close("section");
    }

    /// "What you will see": the ESET alert drawn as it shows, in the ESET program's status window on
    /// the client (unmanaged) or as an entry of the ESET PROTECT console (managed). CSS only, no ESET
    /// images; the words are the report's, verbatim.
    fn alert(&mut self, a: &Alert, host: &str) {
        let place = wire_name(&a.place);
        let alert_lang = a.lang.code();
        self.open(
            "figure",
            &[("class", &format!("alert mock mock--{place}")), ("data-where", &place), ("data-alert-id", &a.id)],
        );
        let caption = match a.place {
            AlertPlace::Client => "alert.where.client",
            AlertPlace::Console => "alert.where.console",
        };
        self.el("figcaption", &[("class", "mock-where")], self.w(caption));
        let status_text = |h: &mut Html| {
            h.open("div", &[("class", "status-text")]);
            h.open("p", &[("class", "alert-title"), ("lang", alert_lang)]);
            h.text(&a.title);
            if a.translated {
                h.el("span", &[("class", "badge")], h.w("ui.alert.translated"));
            }
            h.close("p");
            h.open("p", &[("class", "alert-body"), ("lang", alert_lang)]);
            h.linked(&a.body);
            h.close("p");
            h.close("div");
        };
        let hidden = ("aria-hidden", "true");
        match a.place {
            AlertPlace::Client => {
                self.open("div", &[("class", "win"), ("aria-label", self.w("ui.alert.client_app"))]);
                self.open("div", &[("class", "win-bar"), hidden]);
                self.el("span", &[("class", "win-logo")], "");
                self.el("span", &[("class", "win-app")], "ESET");
                self.el("span", &[("class", "win-ctrls")], "");
                self.close("div");
                self.open("div", &[("class", "win-body")]);
                self.el("div", &[("class", "win-nav"), hidden], "");
                self.open("div", &[("class", "win-main")]);
                self.open("div", &[("class", "win-status")]);
                self.el("span", &[("class", "status-icon"), hidden], "!");
                status_text(self);
                self.close("div");
                self.el("div", &[("class", "win-lines"), hidden], "");
                self.close("div");
                self.close("div");
                self.close("div");
            }
            AlertPlace::Console => {
                self.open("div", &[("class", "console"), ("aria-label", self.w("ui.alert.console_app"))]);
                self.open("div", &[("class", "console-bar"), hidden]);
                self.el("span", &[("class", "console-logo")], "");
                self.el("span", &[("class", "console-app")], "ESET PROTECT");
                self.el("span", &[("class", "console-search")], "");
                self.close("div");
                self.open("div", &[("class", "console-body")]);
                self.el("div", &[("class", "console-nav"), hidden], "");
                self.open("div", &[("class", "console-main")]);
                self.open("p", &[("class", "console-computer")]);
                self.el("span", &[("class", "pc-icon"), hidden], "");
                self.text(&tf(self.lang, "ui.alert.computer", &[("host", host)]));
                self.close("p");
                self.open("div", &[("class", "console-entry")]);
                self.el("span", &[("class", "tri-icon"), hidden], "");
                status_text(self);
                self.close("div");
                self.close("div");
                self.close("div");
                self.close("div");
            }
        }
        self.open("p", &[("class", "mock-meta")]);
        self.el("span", &[("class", "alert-id"), ("translate", "no")], &tf(self.lang, "ui.alert.id", &[("id", &a.id)]));
        self.el(
            "span",
            &[("class", "alert-since")],
            &tf(self.lang, "ui.alert.since", &[("date", &crate::texts::date(self.lang, &a.since))]),
        );
        self.close("p");
        if a.translated {
            self.open("div", &[("class", "original")]);
            self.el("p", &[("class", "translated-note")], self.w("alert.translation_note"));
            self.el("p", &[("class", "original-label")], self.w("ui.alert.original"));
            self.open("blockquote", &[("lang", "ja")]);
            self.el("p", &[("class", "original-title")], a.original_title.as_deref().unwrap_or(""));
            self.open("p", &[("class", "original-body")]);
            self.linked(a.original_body.as_deref().unwrap_or(""));
            self.close("p");
            self.close("blockquote");
            self.close("div");
        }
        self.close("figure");
    }

    fn details(&mut self, h: &HostReport, data_as_of: &str) {
        let lang = self.lang;
        let facts = view::fact_rows(lang, h);
        let hotfixes = view::hotfix_items(h);
        if facts.is_empty() && hotfixes.is_empty() {
            return;
        }
        self.open("details", &[("class", "block details")]);
        self.open("summary", &[]);
        self.el("h4", &[], self.w("ui.details.heading"));
        self.close("summary");
        if !facts.is_empty() {
            self.el("h5", &[], self.w("ui.facts.heading"));
            self.open("div", &[("class", "table-scroll")]);
            self.open("table", &[("class", "facts")]);
            self.open("thead", &[]);
            self.open("tr", &[]);
            for key in ["ui.facts.field", "ui.facts.value", "ui.facts.source"] {
                self.el("th", &[("scope", "col")], self.w(key));
            }
            self.close("tr");
            self.close("thead");
            self.open("tbody", &[]);
            for f in &facts {
                self.open("tr", &[]);
                self.el("th", &[("scope", "row")], &f.label);
                self.el("td", &[], &f.value);
                self.el("td", &[("class", "where")], &f.place);
                self.close("tr");
            }
            self.close("tbody");
            self.close("table");
            self.close("div");
        }
        if !hotfixes.is_empty() {
            self.el("h5", &[], &tf(lang, "ui.hotfixes.heading", &[("count", &hotfixes.len().to_string())]));
            if let Some(cut) = view::hotfixes_truncated(lang, h) {
                self.el("p", &[("class", "check-line")], &cut);
            }
            if hotfixes.iter().any(|k| k.key) {
                self.open("p", &[("class", "legend")]);
                self.el("span", &[("class", "kb kb--key")], "KB");
                self.text(" ");
                self.text(self.w("ui.hotfixes.legend"));
                self.close("p");
            }
            self.open("ul", &[("class", "kbs")]);
            for k in &hotfixes {
                self.el("li", &[("class", if k.key { "kb kb--key" } else { "kb" })], &k.kb);
            }
            self.close("ul");
        }
        let sources = view::source_lines(lang, h);
        if !sources.is_empty() {
            self.el("h5", &[], self.w("ui.sources.heading"));
            self.open("ul", &[("class", "sources")]);
            for s in &sources {
                self.el("li", &[], s);
            }
            self.close("ul");
        }
        // What the judgement rests on includes the update data, and how far it reaches.
        let as_of = tf(lang, "ui.data_as_of", &[("date", &crate::texts::date(lang, data_as_of))]);
        self.el("p", &[("class", "as-of")], &as_of);
        self.close("details");
    }

    fn host(&mut self, report: &Report, h: &HostReport, index: usize) {
        let lang = self.lang;
        let anchor = host_anchor(index);
        let heading_id = format!("{anchor}-h");
        let verdict = wire_name(&h.verdict);
        let alert_expected = wire_name(&h.alert_expected);
        let confidence = h.acs.confidence.map(|c| wire_name(&c));
        let mut attrs = vec![
            ("class", "host"),
            ("id", anchor.as_str()),
            ("aria-labelledby", heading_id.as_str()),
            ("data-verdict", verdict.as_str()),
        ];
        let (acs, root) = (wire_name(&h.acs.status), wire_name(&h.root_ca.status));
        attrs.extend([
            ("data-acs-status", acs.as_str()),
            ("data-root-ca-status", root.as_str()),
            ("data-alert-expected", alert_expected.as_str()),
        ]);
        if let Some(c) = &confidence {
            attrs.push(("data-confidence", c.as_str()));
        }
        self.open("article", &attrs);
        let host_line =
            format!("{} · {} · {}", view::host_label(lang, h, index), view::os_label(h), view::build_label(h));
        self.banner(&verdict, view::host_verdict_word(lang, h), &host_line, &h.summary, &heading_id);
        self.open("div", &[("class", "host-grid")]);
        self.checklist(&[view::update_row(lang, h), view::root_row(lang, report, h.root_ca.status)]);
        // What the host shows, may show or does not show, as sure as the report is (`alert_expected`).
        let section = view::alert_section(lang, h);
        self.open("section", &[("class", "block alerts-block"), ("data-alert-expected", &alert_expected)]);
        self.el("h4", &[], section.heading);
        if section.alerts.is_empty() {
            self.el("p", &[("class", "no-alert")], &section.lead);
        } else {
            self.el("p", &[("class", "alert-lead")], &section.lead);
            self.el("p", &[("class", "illustration")], self.w("ui.alert.illustration"));
            self.open("div", &[("class", "mocks")]);
            let alert_host = h.host_name.clone().unwrap_or_else(|| self.w("ui.alert.this_computer").to_owned());
            for a in &section.alerts {
                self.alert(a, &alert_host);
            }
            self.close("div");
        }
        self.close("section");
        self.close("div");
        self.actions(&h.actions);
        if !h.warnings.is_empty() {
            self.open("section", &[("class", "block warnings")]);
            self.el("h4", &[], self.w("ui.warnings.heading"));
            self.open("ul", &[]);
            for (i, w) in h.warnings.iter().enumerate() {
                match h.warning_codes.get(i) {
                    Some(code) => self.el("li", &[("data-code", code)], w),
                    None => self.el("li", &[], w),
                }
            }
            self.close("ul");
            self.close("section");
        }
        self.details(h, &report.data_as_of);
        self.close("article");
    }

    /// No host in the inputs (only certificates, or nothing recognised): the root-certificate result.
    fn no_host(&mut self, report: &Report) {
        let lang = self.lang;
        let n = view::no_host(report);
        let verdict = wire_name(&n.verdict);
        self.open(
            "article",
            &[
                ("class", "host no-host"),
                ("id", "host-none"),
                ("aria-labelledby", "host-none-h"),
                ("data-verdict", &verdict),
                ("data-acs-status", "unknown"),
                ("data-root-ca-status", &wire_name(&report.root_ca.status)),
            ],
        );
        self.banner(&verdict, view::verdict_word(lang, n.verdict), "", self.w("ui.report.no_host"), "host-none-h");
        self.checklist(&[n.root]);
        self.actions(&n.actions);
        self.close("article");
    }

    /// A section of cards: `kind` is `certs` or `sigs`.
    fn cards_open(&mut self, kind: &str, heading: &str) {
        let id = format!("{kind}-h");
        self.open("section", &[("class", &format!("block {kind}")), ("aria-labelledby", &id)]);
        self.el("h3", &[("id", &id)], heading);
        self.open("div", &[("class", "cards")]);
    }

    fn cards_close(&mut self) {
        self.close("div");
        self.close("section");
    }

    fn row(&mut self, label: &str, value: &str) {
        self.open("div", &[("class", "kv")]);
        self.el("dt", &[], label);
        self.el("dd", &[], value);
        self.close("div");
    }

    fn certificates(&mut self, report: &Report) {
        if report.certificates.is_empty() {
            return;
        }
        let lang = self.lang;
        self.cards_open("certs", &tf(lang, "ui.certs.heading", &[("count", &report.certificates.len().to_string())]));
        for c in &report.certificates {
            let role = wire_name(&c.role);
            self.open("article", &[("class", &format!("card-item cert cert--{role}")), ("data-role", &role)]);
            self.el("p", &[("class", "card-kicker")], view::role_word(lang, c.role));
            self.el("h4", &[("class", "card-title")], c.subject.as_deref().unwrap_or(self.w("ui.cert.no_subject")));
            if let Some(note) = &c.note {
                self.el("p", &[("class", "card-summary")], note);
            }
            self.open("dl", &[]);
            // A store listing shows some fields only: the card shows those it has.
            let validity =
                c.not_before.as_ref().zip(c.not_after.as_ref()).map(|(a, b)| super::view::validity(self.lang, a, b));
            for (key, value) in [
                ("ui.cert.issuer", c.issuer.as_ref()),
                ("ui.cert.validity", validity.as_ref()),
                ("ui.cert.serial", c.serial.as_ref()),
                ("ui.cert.sha1", c.sha1.as_ref()),
                ("ui.cert.sha256", c.sha256.as_ref()),
                ("ui.cert.source", Some(&c.source)),
            ] {
                if let Some(v) = value {
                    self.row(self.w(key), v);
                }
            }
            self.close("dl");
            self.close("article");
        }
        self.cards_close();
    }

    fn signatures(&mut self, report: &Report) {
        let cards = view::signature_cards(report);
        if cards.is_empty() {
            return;
        }
        self.cards_open("sigs", &tf(self.lang, "ui.sigs.heading", &[("count", &cards.len().to_string())]));
        for s in cards {
            let class = if s.is_acs { "sig--acs" } else { "sig--other" };
            self.open(
                "article",
                &[
                    ("class", &format!("card-item sig {class}")),
                    ("data-status", &wire_name(&s.status)),
                    ("data-signature-verdict", &wire_name(&s.verdict)),
                ],
            );
            self.el("p", &[("class", "card-kicker")], s.word);
            self.el("h4", &[("class", "card-title")], &s.input);
            self.el("p", &[("class", "card-summary")], &s.summary);
            self.open("dl", &[]);
            for (key, value) in [
                ("ui.sig.signer", &s.signer),
                ("ui.sig.publisher", &s.publisher),
                ("ui.sig.program", &s.program),
                ("ui.sig.timestamp", &s.timestamp.as_deref().map(|v| crate::texts::date(self.lang, v))),
            ] {
                if let Some(v) = value {
                    self.row(self.w(key), v);
                }
            }
            self.close("dl");
            if !s.chain.is_empty() {
                self.el("p", &[("class", "chain-label")], self.w("ui.sig.chain"));
                self.open("ol", &[("class", "chain")]);
                for c in &s.chain {
                    self.el("li", &[], c);
                }
                self.close("ol");
            }
            self.close("article");
        }
        self.cards_close();
    }

    /// The verdict of each signed file, as a banner: what a user dropping an installer asked.
    fn signature_verdicts(&mut self, report: &Report) {
        for (i, s) in view::signature_cards(report).into_iter().enumerate() {
            let id = format!("sig-verdict-{i}-h");
            self.open(
                "article",
                &[
                    ("class", "host sig-verdict"),
                    ("aria-labelledby", &id),
                    ("data-signature-verdict", &wire_name(&s.verdict)),
                    ("data-status", &wire_name(&s.status)),
                ],
            );
            self.banner(&wire_name(&view::signature_tone(s.verdict)), s.word, &s.input, &s.summary, &id);
            self.close("article");
        }
    }

    fn errors(&mut self, report: &Report) {
        if report.errors.is_empty() {
            return;
        }
        self.open("section", &[("class", "block errors"), ("aria-labelledby", "errors-h")]);
        self.el("h3", &[("id", "errors-h")], self.w("ui.errors.heading"));
        self.open("ul", &[]);
        for e in &report.errors {
            self.open("li", &[]);
            self.el("strong", &[], &view::input_name(self.lang, &e.input));
            self.text(": ");
            self.text(&e.message);
            self.close("li");
        }
        self.close("ul");
        self.close("section");
    }

    /// For support staff: copy the report as text, download the JSON (the contract), print.
    fn support(&mut self, report: &Report) {
        let lang = self.lang;
        self.open("section", &[("class", "support"), ("aria-labelledby", "support-h")]);
        self.el("h3", &[("id", "support-h")], self.w("ui.support.heading"));
        self.el("p", &[("class", "hint")], &tf(lang, "ui.support.hint", &[("schema", &report.schema.to_string())]));
        self.open("div", &[("class", "support-buttons")]);
        let copy = self.w("ui.support.copy_text");
        self.copy_button("", copy, copy, "button", Some("copy-report"));
        self.el(
            "button",
            &[("type", "button"), ("class", "button"), ("id", "download-json")],
            self.w("ui.support.download_json"),
        );
        self.el("button", &[("type", "button"), ("class", "button"), ("id", "print")], self.w("ui.support.print"));
        self.close("div");
        self.close("section");
    }
}

/// The report section as HTML: a summary table when there are several hosts, then one section per
/// host (verdict banner, checklist, the ESET alert, what to do, details), the certificates, the
/// signatures, the inputs that could not be read, the data date, and the support bar.
pub fn html(report: &Report) -> String {
    let mut h = Html { out: String::with_capacity(16 * 1024), lang: report.lang };
    h.open("div", &[("class", "report"), ("lang", report.lang.code())]);
    // Signed files without a host: the signatures' verdicts come first; the host part is a hint (or
    // the root-certificate result, when other inputs tell it).
    let lead = view::leads_with_signatures(report);
    if lead {
        h.signature_verdicts(report);
    }
    if report.hosts.len() > 1 {
        h.summary_table(report);
    }
    for (i, host) in report.hosts.iter().take(MAX_HOST_SECTIONS).enumerate() {
        h.host(report, host, i);
    }
    let more = report.hosts.len().saturating_sub(MAX_HOST_SECTIONS);
    if more > 0 {
        h.el("p", &[("class", "more-hosts")], &tf(report.lang, "ui.hosts.more", &[("count", &more.to_string())]));
    }
    if view::shows_no_host(report) {
        h.no_host(report);
    } else if lead {
        h.el("p", &[("class", "host-hint")], t(report.lang, "ui.sig.host_hint"));
    }
    h.certificates(report);
    h.signatures(report);
    h.errors(report);
    h.el(
        "p",
        &[("class", "as-of")],
        &tf(report.lang, "ui.data_as_of", &[("date", &crate::texts::date(report.lang, &report.data_as_of))]),
    );
    h.close("div");
    h.support(report);
    h.out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{check, Input, Managed, Options, PASTED_TEXT};

    fn run(text: &str, lang: Lang, managed: Managed) -> Report {
        check(&[Input::text(PASTED_TEXT, text)], &Options { lang, managed, today: None })
    }

    /// Every element opened is closed, in order (the page inserts the HTML as it is).
    fn balanced(html: &str) {
        let void = ["br", "img", "input"];
        let mut stack: Vec<String> = Vec::new();
        let mut rest = html;
        while let Some(at) = rest.find('<') {
            let end = rest[at..].find('>').expect("unterminated tag") + at;
            let tag = &rest[at + 1..end];
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop().as_deref(), Some(name), "closing {name} in {html}");
            } else {
                let name = tag.split(' ').next().unwrap_or_default();
                if !void.contains(&name) {
                    stack.push(name.to_owned());
                }
            }
            rest = &rest[end + 1..];
        }
        assert!(stack.is_empty(), "unclosed: {stack:?}");
    }

    #[test]
    fn a_host_that_needs_the_update() {
        let r = run("Microsoft Windows [Version 10.0.17763.2183]\n", Lang::En, Managed::Yes);
        let v = page_view(&r);
        assert_eq!((v.lang.as_str(), v.verdict.as_str(), v.jump.as_str()), ("en", "action_needed", "See the result"));
        assert_eq!(v.live, "Computer 1: Action needed");
        assert_eq!(v.inputs, vec![InputLine { detail: "ver · utf-8 · 1 line".into(), error: false }]);
        assert_eq!(v.text, super::super::text(&r));
        balanced(&v.html);
        assert!(v.html.starts_with(r#"<div class="report" lang="en">"#), "{}", v.html);
        assert!(v
            .html
            .contains(r#"<article class="host" id="host-1" aria-labelledby="host-1-h" data-verdict="action_needed""#));
        assert!(v.html.contains(r#"data-check="update""#) && v.html.contains(r#"class="check check--no""#));
        // Managed: the alert shows in the console, with the FAQ's address as a link.
        assert!(v.html.contains(r#"data-where="console""#) && !v.html.contains(r#"data-where="client""#));
        assert!(v.html.contains(r#"<a href="https://eset-support.canon-its.jp/faq/show/25954?site_domain=business""#));
        assert!(v.html.contains(r#"id="copy-report""#) && v.html.contains(r#"id="download-json""#));
        assert!(!v.html.contains("hosts-summary"), "one host: no summary table");
    }

    #[test]
    fn everything_from_the_input_is_escaped() {
        // A file name is shown as given (here: in the list of inputs that could not be read).
        let evil = "<img src=x onerror=\"alert(1)\">&'.txt";
        let v = page_view(&check(&[Input::text(evil, "hello")], &Options::default()));
        balanced(&v.html);
        assert!(!v.html.contains("<img"), "{}", v.html);
        assert!(
            v.html.contains("<strong>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;.txt</strong>"),
            "{}",
            v.html
        );
        assert_eq!(escape(r#"<a href="x">&'"#), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }

    #[test]
    fn no_host_and_many_hosts() {
        let v = page_view(&check(&[], &Options { lang: Lang::Ja, ..Options::default() }));
        balanced(&v.html);
        assert!(v.html.contains(r#"id="host-none""#));
        assert_eq!(v.live, t(Lang::Ja, "ui.report.no_host"));
        let lines: Vec<String> = (0..60).map(|i| format!("Microsoft Windows [Version 10.0.{}.1]", 30000 + i)).collect();
        let v = page_view(&run(&lines.join("\n"), Lang::Ja, Managed::Unknown));
        balanced(&v.html);
        assert_eq!(v.html.matches(r#"<article class="host""#).count(), MAX_HOST_SECTIONS);
        assert_eq!(v.html.matches("<tr data-verdict=").count(), 60);
        assert!(v.html.contains(r##"<a href="#host-50">"##) && !v.html.contains(r##"href="#host-51""##));
        assert!(v.html.contains(r#"<p class="more-hosts">"#));
    }

    #[cfg(feature = "x509")]
    #[test]
    fn a_signed_file_alone_leads_with_its_verdict() {
        let exe = include_bytes!("../../../tests/fixtures/adversarial/script-code-after-block.ps1");
        let options = Options { lang: Lang::En, today: crate::DateStr::parse("2026-12-03"), ..Options::default() };
        let v = page_view(&check(&[Input::bytes("tampered.ps1", exe.to_vec())], &options));
        balanced(&v.html);
        let lead = v.html.find(r#"<article class="host sig-verdict""#).expect("a verdict banner");
        assert!(v.html[lead..].starts_with(
            r#"<article class="host sig-verdict" aria-labelledby="sig-verdict-0-h" data-signature-verdict="invalid" data-status="invalid">"#
        ));
        assert!(lead < v.html.find(r#"class="host-hint""#).unwrap(), "the verdict first, then the hint");
        assert!(!v.html.contains(r#"id="host-none""#), "no 'no host' verdict for a signature check");
        assert!(v.html.contains(r#"data-signature-verdict="invalid""#) && v.html.contains(r#"class="card-summary""#));
        assert_eq!(v.verdict, "unsupported", "the tone of an invalid signature");
        assert!(v.live.starts_with("tampered.ps1: "), "{}", v.live);
    }

    #[test]
    fn urls_are_cut_out_of_alert_bodies() {
        let (before, url, after) = split_url(t(Lang::Ja, "alert.body.console"));
        assert_eq!(url, Some("https://eset-support.canon-its.jp/faq/show/25954?site_domain=business"));
        assert!(before.ends_with("については、") && after.starts_with(" を参照"));
        let (_, url, after) = split_url(t(Lang::En, "alert.body.console"));
        assert!(url.unwrap().ends_with("business") && after.starts_with(". This"));
        assert_eq!(split_url("no link"), ("no link", None, ""));
    }

    #[test]
    fn link_labels() {
        assert_eq!(link_label(Lang::En, crate::hosts::FAQ_URL), "Canon IT Solutions FAQ 25954 (Japanese)");
        let kb = crate::windows::kb5022661_url(Lang::Ja);
        assert_eq!(link_label(Lang::Ja, kb), "KB5022661 - Azure Code Signing プログラムの Windows サポート");
        assert_eq!(link_label(Lang::En, "https://example.com/x"), "https://example.com/x");
    }
}
