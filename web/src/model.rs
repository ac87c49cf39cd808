//! View models: plain data derived from the core's [`Report`], so that the view code only lays
//! things out. No judgement happens here: every status, sentence and evidence comes from the report;
//! these functions pick words for labels (`ui.*` texts) and shape the data for display.

use acs_check::{
    texts::{t, tf},
    wire_name, AcsStatus, Confidence, HostReport, InputReport, Lang, Report, RootCaStatus, Verdict,
};

/// The mark of a checklist row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Yes,
    No,
    Unknown,
}

impl Mark {
    pub fn symbol(self) -> &'static str {
        match self {
            Mark::Yes => "✔",
            Mark::No => "✘",
            Mark::Unknown => "?",
        }
    }

    pub fn class(self) -> &'static str {
        match self {
            Mark::Yes => "yes",
            Mark::No => "no",
            Mark::Unknown => "unknown",
        }
    }

    /// The word a screen reader reads instead of the symbol.
    pub fn word(self, lang: Lang) -> &'static str {
        t(
            lang,
            match self {
                Mark::Yes => "ui.check.yes",
                Mark::No => "ui.check.no",
                Mark::Unknown => "ui.check.unknown",
            },
        )
    }
}

/// One row of a host's checklist: the Windows update, or the root certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckRow {
    /// `update` or `root`.
    pub id: &'static str,
    pub mark: Mark,
    pub title: &'static str,
    pub status: String,
    /// Sentences under the status: evidence (which KB, which file, which line), what is required, why.
    pub lines: Vec<String>,
    /// What could not be checked, when the mark is unknown.
    pub not_checked: Option<String>,
}

pub fn verdict_word(lang: Lang, v: Verdict) -> &'static str {
    t(
        lang,
        match v {
            Verdict::Ok => "verdict.ok",
            Verdict::ActionNeeded => "verdict.action_needed",
            Verdict::Unsupported => "verdict.unsupported",
            Verdict::Unknown => "verdict.unknown",
        },
    )
}

/// An input's name as the page shows it ("pasted text" in the user's language).
pub fn input_name(lang: Lang, name: &str) -> String {
    if name == crate::state::PASTE_NAME {
        t(lang, "ui.input.pasted_name").to_owned()
    } else {
        name.to_owned()
    }
}

/// The words of a link the report gives: what the page is, instead of its long address.
pub fn link_label(lang: Lang, url: &str) -> String {
    use acs_check::hosts::{ESET_NOTICE_URL, FAQ_URL, PKI_REPOSITORY_URL};
    let key = if url == acs_check::windows::KB5022661_URL {
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

fn at(lang: Lang, input: &str, line: Option<u32>) -> String {
    let input = &input_name(lang, input);
    match line {
        Some(l) if !input.is_empty() => tf(lang, "ui.check.at", &[("input", input), ("line", &l.to_string())]),
        _ => input.to_owned(),
    }
}

/// "a（b）" in Japanese, "a (b)" in English.
pub fn paren(lang: Lang, a: &str, b: &str) -> String {
    match lang {
        Lang::Ja => format!("{a}（{b}）"),
        Lang::En => format!("{a} ({b})"),
    }
}

pub fn acs_status_word(lang: Lang, h: &HostReport) -> &'static str {
    t(
        lang,
        match (h.acs.status, h.acs.confidence) {
            (AcsStatus::Native, _) => "ui.acs.native",
            (AcsStatus::Patched, Some(Confidence::Likely)) => "ui.acs.patched_likely",
            (AcsStatus::Patched, _) => "ui.acs.patched",
            (AcsStatus::NeedsUpdate, _) => "ui.acs.needs_update",
            (AcsStatus::EndOfSupport, _) => "ui.acs.end_of_support",
            (AcsStatus::Unknown, _) => "ui.acs.unknown",
        },
    )
}

pub fn root_status_word(lang: Lang, s: RootCaStatus) -> &'static str {
    t(
        lang,
        match s {
            RootCaStatus::Present => "ui.root.present",
            RootCaStatus::Absent => "ui.root.absent",
            RootCaStatus::Lookalike => "ui.root.lookalike",
            RootCaStatus::Unknown => "ui.root.unknown",
        },
    )
}

/// The Windows-update row of a host.
pub fn update_row(lang: Lang, h: &HostReport) -> CheckRow {
    let mark = match h.acs.status {
        AcsStatus::Native | AcsStatus::Patched => Mark::Yes,
        AcsStatus::NeedsUpdate | AcsStatus::EndOfSupport => Mark::No,
        AcsStatus::Unknown => Mark::Unknown,
    };
    let mut lines = Vec::new();
    if let Some(e) = &h.acs.evidence {
        let place = h.acs.evidence_at.as_ref().map(|a| at(lang, &a.input, Some(a.line)));
        let evidence = match place {
            Some(p) if !p.is_empty() => paren(lang, e, &p),
            _ => e.clone(),
        };
        lines.push(tf(lang, "ui.check.evidence", &[("evidence", &evidence)]));
    }
    if let (AcsStatus::NeedsUpdate, Some(kb)) = (h.acs.status, &h.acs.required) {
        lines.push(tf(lang, "ui.check.required", &[("kb", kb)]));
    }
    let not_checked =
        (mark == Mark::Unknown).then(|| tf(lang, "ui.check.not_checked", &[("what", &h.acs.explanation)]));
    if mark != Mark::Unknown && !h.acs.explanation.is_empty() {
        lines.push(h.acs.explanation.clone());
    }
    CheckRow {
        id: "update",
        mark,
        title: t(lang, "ui.check.update"),
        status: acs_status_word(lang, h).into(),
        lines,
        not_checked,
    }
}

/// The root-certificate row (the root status is the check's, copied into every host).
pub fn root_row(lang: Lang, report: &Report, status: RootCaStatus) -> CheckRow {
    let mark = match status {
        RootCaStatus::Present => Mark::Yes,
        RootCaStatus::Absent | RootCaStatus::Lookalike => Mark::No,
        RootCaStatus::Unknown => Mark::Unknown,
    };
    let root = &report.root_ca;
    let mut lines = Vec::new();
    if let Some(e) = &root.evidence {
        lines.push(tf(lang, "ui.check.evidence", &[("evidence", &at(lang, e, root.line))]));
    }
    let not_checked = (mark == Mark::Unknown).then(|| tf(lang, "ui.check.not_checked", &[("what", &root.detail)]));
    if mark != Mark::Unknown && !root.detail.is_empty() {
        lines.push(root.detail.clone());
    }
    CheckRow {
        id: "root",
        mark,
        title: t(lang, "ui.check.root"),
        status: root_status_word(lang, status).into(),
        lines,
        not_checked,
    }
}

/// "WIN-ABC", or "Host 2" when the input does not name it.
pub fn host_label(lang: Lang, h: &HostReport, index: usize) -> String {
    h.host_name.clone().unwrap_or_else(|| tf(lang, "ui.host.unnamed", &[("n", &(index + 1).to_string())]))
}

pub fn os_label(h: &HostReport) -> String {
    h.os.product.clone().or_else(|| h.os.name.clone()).unwrap_or_else(|| "—".into())
}

pub fn build_label(h: &HostReport) -> String {
    match (h.os.build, h.os.revision) {
        (Some(b), Some(r)) => format!("{b}.{r}"),
        (Some(b), None) => b.to_string(),
        _ => "—".into(),
    }
}

/// The anchor id of a host's section.
pub fn host_anchor(index: usize) -> String {
    format!("host-{}", index + 1)
}

/// One row of the several-hosts summary table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRow {
    pub anchor: String,
    pub host: String,
    pub os: String,
    pub build: String,
    pub verdict: Verdict,
    pub verdict_word: &'static str,
    /// The host has a section to link to (see `ui::report::MAX_HOST_SECTIONS`).
    pub linked: bool,
}

pub fn summary_rows(report: &Report) -> Vec<SummaryRow> {
    let lang = report.lang;
    report
        .hosts
        .iter()
        .enumerate()
        .map(|(i, h)| SummaryRow {
            anchor: host_anchor(i),
            host: host_label(lang, h, i),
            os: os_label(h),
            build: build_label(h),
            verdict: h.verdict,
            verdict_word: verdict_word(lang, h.verdict),
            linked: i < crate::ui::report::MAX_HOST_SECTIONS,
        })
        .collect()
}

/// A hotfix and whether the result rests on it.
pub fn hotfix_items(h: &HostReport) -> Vec<(String, bool)> {
    h.hotfixes
        .iter()
        .map(|kb| {
            let key = h.acs.evidence.as_deref() == Some(kb.as_str()) || h.acs.required.as_deref() == Some(kb.as_str());
            (kb.clone(), key)
        })
        .collect()
}

/// A row of the facts table: label, value, where it was read.
pub fn fact_rows(lang: Lang, h: &HostReport) -> Vec<(String, String, String)> {
    let mut rows = Vec::new();
    for f in h.facts.iter().filter(|f| f.field != "hotfix") {
        let key = format!("ui.fact.{}", f.field);
        let label = if acs_check::texts::has(&key) { t(lang, &key).to_owned() } else { f.field.clone() };
        rows.push((label, f.value.clone(), at(lang, &f.input, Some(f.line))));
        if f.field == "os_name" || (f.field == "build" && !h.facts.iter().any(|f| f.field == "os_name")) {
            if let Some(p) = &h.os.product {
                rows.push((t(lang, "ui.fact.product").to_owned(), p.clone(), String::new()));
            }
        }
    }
    if let Some(supported) = h.eset_supported {
        let value = t(lang, if supported { "ui.yes" } else { "ui.no" });
        rows.push((t(lang, "ui.fact.eset_supported").to_owned(), value.to_owned(), String::new()));
    }
    rows
}

/// Where the host's evidence was read: input, kind, lines.
pub fn source_lines(lang: Lang, h: &HostReport) -> Vec<String> {
    h.sources
        .iter()
        .map(|s| {
            let lines = if s.first_line == s.last_line {
                tf(lang, "ui.check.at", &[("input", &input_name(lang, &s.input)), ("line", &s.first_line.to_string())])
            } else {
                let span = tf(
                    lang,
                    "ui.sources.lines",
                    &[("first", &s.first_line.to_string()), ("last", &s.last_line.to_string())],
                );
                format!("{} · {span}", input_name(lang, &s.input))
            };
            format!("{} · {lines}", kind_label(lang, &wire_name(&s.kind)))
        })
        .collect()
}

/// The label of an input kind (`systeminfo_list` → "systeminfo (list)").
pub fn kind_label(lang: Lang, kind: &str) -> String {
    let key = format!("ui.kind.{kind}");
    if acs_check::texts::has(&key) {
        t(lang, &key).to_owned()
    } else {
        kind.to_owned()
    }
}

/// "12 KB", "3.4 MB".
pub fn size_label(bytes: u64) -> String {
    const K: u64 = 1024;
    let b = bytes;
    if b < K {
        format!("{bytes} B")
    } else if b < K * K {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        let tenths = bytes * 10 / (1024 * 1024);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

/// What a chip says about a recognised input: kinds, encoding, size.
pub fn chip_details(lang: Lang, input: &InputReport) -> String {
    let kinds: Vec<String> = input.kinds.iter().map(|k| kind_label(lang, &wire_name(k))).collect();
    let size = if input.encoding == "binary" {
        size_label(input.size)
    } else if input.name == crate::state::PASTE_NAME && input.size == 1 {
        t(lang, "ui.chip.one_line").to_owned()
    } else if input.name == crate::state::PASTE_NAME {
        tf(lang, "ui.chip.lines", &[("count", &input.size.to_string())])
    } else {
        size_label(input.size)
    };
    format!("{} · {} · {}", kinds.join(", "), input.encoding, size)
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

/// Label/value rows of one item.
pub type Rows = Vec<(String, String)>;

/// Lists the report has that this page does not know yet (fields added by newer cores), as
/// `(field name, items as label/value rows)`. The known fields have their own components.
pub fn extra_lists(report: &serde_json::Value) -> Vec<(String, Vec<Rows>)> {
    const KNOWN: &[&str] = &[
        "schema",
        "data_as_of",
        "lang",
        "managed",
        "inputs",
        "root_ca",
        "hosts",
        "certificates",
        "errors",
        "signatures",
    ];
    let Some(map) = report.as_object() else {
        return Vec::new();
    };
    map.iter()
        .filter(|(k, _)| !KNOWN.contains(&k.as_str()))
        .filter_map(|(k, v)| match v {
            serde_json::Value::Array(items) if !items.is_empty() => {
                Some((k.clone(), items.iter().map(|i| flatten(i, "", 0)).collect()))
            }
            _ => None,
        })
        .collect()
}

/// Label/value rows of a JSON value, nested names joined with dots (a few levels, a few dozen rows).
pub fn flatten(v: &serde_json::Value, prefix: &str, depth: usize) -> Vec<(String, String)> {
    use serde_json::Value;
    let name = |k: &str| if prefix.is_empty() { k.to_owned() } else { format!("{prefix}.{k}") };
    let mut out = Vec::new();
    match v {
        Value::Object(m) if depth < 4 => {
            for (k, v) in m {
                out.extend(flatten(v, &name(k), depth + 1));
            }
        }
        Value::Array(a) if depth < 4 && a.iter().any(|x| x.is_object()) => {
            for (i, x) in a.iter().enumerate() {
                out.extend(flatten(x, &format!("{prefix}[{}]", i + 1), depth + 1));
            }
        }
        Value::Array(a) => {
            let items: Vec<String> = a.iter().map(scalar).collect();
            if !items.is_empty() {
                out.push((prefix.to_owned(), items.join(", ")));
            }
        }
        Value::Null => {}
        other => out.push((prefix.to_owned(), scalar(other))),
    }
    out.truncate(60);
    out
}

fn scalar(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => {
            n.as_u64().map(|u| u.to_string()).or_else(|| n.as_i64().map(|i| i.to_string())).unwrap_or_default()
        }
        _ => String::new(),
    }
}

/// A signature entry of the report (from the signature feature), read generically so that the card
/// works with the fields it has.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SignatureCard {
    pub input: String,
    pub is_acs: Option<bool>,
    pub status: String,
    pub signer: Option<String>,
    pub program: Option<String>,
    pub timestamp: Option<String>,
    pub chain: Vec<String>,
}

/// The report as JSON, for the generic readers above (fields newer than this page).
pub fn report_value(report: &Report) -> serde_json::Value {
    serde_json::to_value(report).unwrap_or_default()
}

pub fn signature_cards(report: &serde_json::Value) -> Vec<SignatureCard> {
    let Some(items) = report.get("signatures").and_then(|s| s.as_array()) else { return Vec::new() };
    let s = |v: &serde_json::Value, k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_owned);
    items
        .iter()
        .map(|it| {
            let primary = it.get("signers").and_then(|s| s.get(0)).cloned().unwrap_or(serde_json::Value::Null);
            SignatureCard {
                input: s(it, "input").or_else(|| s(it, "name")).or_else(|| s(it, "source")).unwrap_or_default(),
                is_acs: it.get("is_acs_signed").or_else(|| it.get("is_acs")).and_then(|b| b.as_bool()),
                status: s(it, "status").unwrap_or_default(),
                signer: s(&primary, "signer_name").or_else(|| s(&primary, "signer")).or_else(|| s(it, "signer")),
                program: s(&primary, "program_name"),
                timestamp: primary.get("timestamp").and_then(|ts| s(ts, "time")),
                chain: primary
                    .get("chain")
                    .and_then(|c| c.as_array())
                    .map(|c| c.iter().filter_map(|e| s(e, "subject")).collect())
                    .unwrap_or_default(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use acs_check::{check, Input, Managed, Options};

    fn run(text: &str, lang: Lang, managed: Managed) -> Report {
        check(&[Input::text("pasted text", text)], &Options { lang, managed, today: None })
    }

    #[test]
    fn rows_for_a_host_that_needs_the_update() {
        let r = run("Microsoft Windows [Version 10.0.17763.2183]\n", Lang::Ja, Managed::No);
        let h = &r.hosts[0];
        let row = update_row(Lang::Ja, h);
        assert_eq!((row.mark, row.id), (Mark::No, "update"));
        assert_eq!(row.status, "更新プログラムが必要");
        assert!(row.lines.iter().any(|l| l.contains("17763.2183")), "{row:?}");
        let root = root_row(Lang::Ja, &r, h.root_ca.status);
        assert_eq!(root.mark, Mark::Unknown);
        assert!(root.not_checked.as_deref().unwrap().starts_with("確認していない項目"));
        assert_eq!(build_label(h), "17763.2183");
        assert_eq!(host_label(Lang::En, h, 1), "Host 2");
        assert_eq!(source_lines(Lang::En, h), vec!["ver · pasted text, line 1".to_owned()]);
    }

    #[test]
    fn evidence_names_its_input_and_line() {
        let r = run("x\nMicrosoft Windows [Version 10.0.17763.4010]\n", Lang::En, Managed::Unknown);
        let row = update_row(Lang::En, &r.hosts[0]);
        assert_eq!(row.mark, Mark::Yes);
        assert!(row.lines[0].contains("build 17763.4010 (pasted text, line 2)"), "{:?}", row.lines);
        assert_eq!(live_text(&r), "Host 1: Ready");
    }

    #[test]
    fn summary_rows_and_anchors() {
        let r = check(
            &[
                Input::text("a.txt", "Microsoft Windows [Version 10.0.19045.2251]\n"),
                Input::text("b.txt", "Microsoft Windows [Version 10.0.14393]\n"),
            ],
            &Options::default(),
        );
        let rows = summary_rows(&r);
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[1].anchor.as_str(), rows[1].verdict), ("host-2", Verdict::Unknown));
        assert_eq!(rows[0].verdict_word, "対応済み");
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
    fn labels() {
        assert_eq!(link_label(Lang::En, acs_check::hosts::FAQ_URL), "Canon IT Solutions FAQ 25954 (Japanese)");
        assert_eq!(link_label(Lang::En, "https://example.com/x"), "https://example.com/x");
        assert_eq!(input_name(Lang::Ja, "pasted text"), "貼り付けたテキスト");
        assert_eq!(kind_label(Lang::En, "systeminfo_list"), "systeminfo (list)");
        assert_eq!(kind_label(Lang::En, "something_new"), "something_new");
        assert_eq!(size_label(500), "500 B");
        assert_eq!(size_label(2048), "2 KB");
        assert_eq!(size_label(33 * 1024 * 1024), "33.0 MB");
    }

    /// The keys built at run time (`ui.kind.<kind>`, `ui.role.<role>`, `ui.fact.<field>`) exist for
    /// every value the contract names.
    #[test]
    fn run_time_keys_exist() {
        let kinds = "systeminfo_list systeminfo_csv systeminfo_table ver get_computerinfo get_hotfix wmic_qfe \
            cim_operating_system reg_currentversion certutil_store powershell_certs certificate_der certificate_pem \
            pkcs7 sst reg_certificates authenticode_pe authenticode_msi authenticode_script unknown";
        for k in kinds.split_whitespace() {
            assert!(acs_check::texts::has(&format!("ui.kind.{k}")), "ui.kind.{k}");
        }
        for r in ["required_root", "acs_intermediate", "lookalike", "other"] {
            assert!(acs_check::texts::has(&format!("ui.role.{r}")), "ui.role.{r}");
        }
        for f in ["host_name", "os_name", "build", "revision", "product_type", "hotfix_count"] {
            assert!(acs_check::texts::has(&format!("ui.fact.{f}")), "ui.fact.{f}");
        }
    }

    #[test]
    fn unknown_lists_are_flattened() {
        let v: serde_json::Value = serde_json::json!({"a": {"b": "x", "c": [1, 2]}, "d": null, "e": [{"f": true}]});
        assert_eq!(
            flatten(&v, "", 0),
            vec![("a.b".into(), "x".into()), ("a.c".into(), "1, 2".into()), ("e[1].f".into(), "true".into())]
        );
        let r = run("Microsoft Windows [Version 10.0.17763.2183]\n", Lang::Ja, Managed::No);
        let v = report_value(&r);
        assert!(extra_lists(&v).is_empty());
        assert!(signature_cards(&v).is_empty());
        let mut v = v;
        v["timeline"] = serde_json::json!([{"date": "2023-07-10", "what": "alerts"}]);
        assert_eq!(
            extra_lists(&v),
            vec![(
                "timeline".to_owned(),
                vec![vec![("date".into(), "2023-07-10".into()), ("what".into(), "alerts".into())]]
            )]
        );
    }

    #[test]
    fn signature_entries_are_read_whatever_fields_they_have() {
        let v = serde_json::json!({"signatures": [
            {"input": "setup.exe", "status": "acs", "is_acs_signed": true, "signers": [{
                "signer_name": "ESET, spol. s r.o.", "program_name": "ESET Endpoint Security",
                "timestamp": {"time": "2024-01-02T03:04:05Z"},
                "chain": [{"subject": "CN=leaf"}, {"subject": "CN=Microsoft ID Verified CS EOC CA 01"}]
            }]},
            {"name": "old.msi", "status": "signed_not_acs"}
        ]});
        let cards = signature_cards(&v);
        assert_eq!(cards.len(), 2);
        assert_eq!(cards[0].input, "setup.exe");
        assert_eq!(cards[0].is_acs, Some(true));
        assert_eq!(cards[0].signer.as_deref(), Some("ESET, spol. s r.o."));
        assert_eq!(cards[0].timestamp.as_deref(), Some("2024-01-02T03:04:05Z"));
        assert_eq!(cards[0].chain.len(), 2);
        assert_eq!((cards[1].input.as_str(), cards[1].is_acs), ("old.msi", None));
        assert!(extra_lists(&v).is_empty(), "signatures have their own cards");
    }
}
