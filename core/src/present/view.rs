//! View models: plain data derived from a [`Report`], so that a face (the page, the plain-text
//! report) only lays things out. No judgement happens here: every status, sentence and evidence comes
//! from the report; these functions pick words for labels (`ui.*` texts) and shape the data.

use crate::hosts::{certainty, Certainty};
use crate::report::SignatureVerdict;
use crate::report::{
    wire_name, AcsStatus, Action, Alert, AlertExpected, AlertPlace, CertRole, HostReport, InputReport, Lang, Managed,
    Report, RootCaStatus, Verdict,
};
use crate::signature::{SignatureStatus, StepStatus};
use crate::texts::{t, tf};
use crate::PASTED_TEXT;

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

/// A host's verdict in words, as sure as its evidence: "Probably ready" when the result that makes it
/// ready (or not) is `likely`.
pub fn host_verdict_word(lang: Lang, h: &HostReport) -> &'static str {
    let likely = certainty(h.acs.status, h.acs.confidence) == Certainty::Likely;
    let root_decides = matches!(h.root_ca.status, RootCaStatus::Absent | RootCaStatus::Lookalike);
    match h.verdict {
        Verdict::Ok if likely => t(lang, "ui.verdict.ok_likely"),
        Verdict::ActionNeeded if likely && !root_decides => t(lang, "ui.verdict.action_needed_likely"),
        Verdict::Unsupported if likely => t(lang, "ui.verdict.unsupported_likely"),
        v => verdict_word(lang, v),
    }
}

/// The answer to "is ESET managed by ESET PROTECT?" as the options show it.
pub fn managed_word(lang: Lang, managed: Managed) -> &'static str {
    t(
        lang,
        match managed {
            Managed::Yes => "ui.managed.yes",
            Managed::No => "ui.managed.no",
            Managed::Unknown => "ui.managed.unknown",
        },
    )
}

/// Where an alert shows.
pub fn alert_place_word(lang: Lang, place: AlertPlace) -> &'static str {
    t(
        lang,
        match place {
            AlertPlace::Client => "alert.where.client",
            AlertPlace::Console => "alert.where.console",
        },
    )
}

/// What a certificate is ("Required root", "ACS intermediate", …).
pub fn role_word(lang: Lang, role: CertRole) -> &'static str {
    t(
        lang,
        match role {
            CertRole::RequiredRoot => "ui.role.required_root",
            CertRole::AcsIntermediate => "ui.role.acs_intermediate",
            CertRole::Lookalike => "ui.role.lookalike",
            CertRole::Other => "ui.role.other",
        },
    )
}

/// An input's name as a reader sees it ("pasted text" in the report's language).
pub fn input_name(lang: Lang, name: &str) -> String {
    if name == PASTED_TEXT {
        t(lang, "ui.input.pasted_name").to_owned()
    } else {
        name.to_owned()
    }
}

/// "input, line 3" (just the input when there is no line).
pub fn place(lang: Lang, input: &str, line: Option<u32>) -> String {
    match line {
        Some(l) if input == PASTED_TEXT => tf(lang, "ui.check.at_pasted", &[("line", &l.to_string())]),
        Some(l) if !input.is_empty() => tf(lang, "ui.check.at", &[("input", input), ("line", &l.to_string())]),
        _ => input_name(lang, input),
    }
}

/// The contract's evidence in the report's language: a KB as it is, `build 17763.4010` in words.
pub fn evidence_word(lang: Lang, evidence: &str) -> String {
    match evidence.strip_prefix("build ") {
        Some(build) => tf(lang, "ui.check.build_evidence", &[("build", build)]),
        None => evidence.to_owned(),
    }
}

/// A certificate's validity ("2020-04-16T18:36:16Z – 2045-04-16T18:44:40Z") in the report's language.
pub fn validity(lang: Lang, not_before: &str, not_after: &str) -> String {
    format!("{} – {}", crate::texts::date(lang, not_before), crate::texts::date(lang, not_after))
}

/// "a（b）" in Japanese, "a (b)" in English.
pub fn paren(lang: Lang, a: &str, b: &str) -> String {
    match lang {
        Lang::Ja => format!("{a}（{b}）"),
        Lang::En => format!("{a} ({b})"),
    }
}

pub fn acs_status_word(lang: Lang, h: &HostReport) -> &'static str {
    let likely = certainty(h.acs.status, h.acs.confidence) == Certainty::Likely;
    t(
        lang,
        match (h.acs.status, likely) {
            (AcsStatus::Native, true) => "ui.acs.native_likely",
            (AcsStatus::Native, false) => "ui.acs.native",
            (AcsStatus::Patched, true) => "ui.acs.patched_likely",
            (AcsStatus::Patched, false) => "ui.acs.patched",
            (AcsStatus::NeedsUpdate, true) => "ui.acs.needs_update_likely",
            (AcsStatus::NeedsUpdate, false) => "ui.acs.needs_update",
            (AcsStatus::EndOfSupport, true) => "ui.acs.end_of_support_likely",
            (AcsStatus::EndOfSupport, false) => "ui.acs.end_of_support",
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

/// The lines under a check's status and what was not checked: with a known mark the explanation is
/// one more line; with an unknown mark it is what could not be checked.
fn explained(lang: Lang, mark: Mark, mut lines: Vec<String>, why: &str) -> (Vec<String>, Option<String>) {
    if mark == Mark::Unknown {
        return (lines, Some(tf(lang, "ui.check.not_checked", &[("what", why)])));
    }
    if !why.is_empty() {
        lines.push(why.to_owned());
    }
    (lines, None)
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
        let at = h.acs.evidence_at.as_ref().map(|a| place(lang, &a.input, Some(a.line)));
        let e = evidence_word(lang, e);
        let evidence = match at {
            Some(p) if !p.is_empty() => paren(lang, &e, &p),
            _ => e,
        };
        lines.push(tf(lang, "ui.check.evidence", &[("evidence", &evidence)]));
    }
    if let (AcsStatus::NeedsUpdate, Some(kb)) = (h.acs.status, &h.acs.required) {
        // Where only the monthly rollups are cumulative, a later security-only update is not enough.
        lines.push(match crate::windows::security_only_beside(kb) {
            Some(s) => tf(lang, "ui.check.required_rollup", &[("kb", kb), ("security_only", &s)]),
            None => tf(lang, "ui.check.required", &[("kb", kb)]),
        });
    }
    let (mut lines, not_checked) = explained(lang, mark, lines, &h.acs.explanation);
    if certainty(h.acs.status, h.acs.confidence) == Certainty::Likely {
        lines.push(confirm_sentence(lang, h));
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

/// "What you will see": the ESET alert this host shows, may show, or does not show, with a sentence
/// that says which, as sure as the report's `alert_expected` and `acs.confidence`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertSection {
    pub expected: AlertExpected,
    pub heading: &'static str,
    /// The sentence above the alerts (or, when none shows, instead of them).
    pub lead: String,
    pub alerts: Vec<Alert>,
}

/// How to confirm a `likely` result: the `ver` output, or (where `ver` shows no revision) the KB in the
/// product's update history.
pub fn confirm_sentence(lang: Lang, h: &HostReport) -> String {
    if crate::hosts::ver_confirms(h.os.build, h.os.kind, !h.os.inferred_from.is_empty()) {
        return t(lang, "ui.check.confirm").to_owned();
    }
    let kb = h.acs.evidence.clone().or_else(|| h.hotfixes.last().cloned()).unwrap_or_default();
    tf(lang, "ui.check.confirm_history", &[("kb", &kb), ("product", &os_label(h))])
}

pub fn alert_section(lang: Lang, h: &HostReport) -> AlertSection {
    let likely = certainty(h.acs.status, h.acs.confidence) == Certainty::Likely;
    let reason = h.acs.explanation.as_str();
    let actions = t(lang, "ui.actions.heading");
    let confirm = confirm_sentence(lang, h);
    let hedged = |key: &str| tf(lang, key, &[("reason", reason), ("confirm", &confirm)]);
    let (heading, lead) = match h.alert_expected {
        AlertExpected::Yes if likely => ("ui.alert.heading", hedged("ui.alert.lead_yes_likely")),
        AlertExpected::Yes => ("ui.alert.heading", t(lang, "ui.alert.lead_yes").to_owned()),
        AlertExpected::No if likely => ("ui.alert.heading", hedged("ui.alert.none_likely")),
        AlertExpected::No => ("ui.alert.heading", t(lang, "ui.alert.none").to_owned()),
        // An OS ESET no longer supports, with evidence about ACS: what is unknown is ESET's program there.
        AlertExpected::Unknown
            if h.acs.status == AcsStatus::EndOfSupport
                && !likely
                && !matches!(
                    h.acs.reason,
                    crate::AcsReason::HotfixListIncomplete
                        | crate::AcsReason::NoHotfixList
                        | crate::AcsReason::DataIncomplete
                        | crate::AcsReason::NoBuild
                        | crate::AcsReason::UnknownBuild
                        | crate::AcsReason::ProductsDisagree
                ) =>
        {
            ("ui.alert.heading_unknown", tf(lang, "ui.alert.lead_unknown_eos", &[("product", &os_label(h))]))
        }
        AlertExpected::Unknown => {
            ("ui.alert.heading_unknown", tf(lang, "ui.alert.lead_unknown", &[("reason", reason), ("actions", actions)]))
        }
    };
    AlertSection { expected: h.alert_expected, heading: t(lang, heading), lead, alerts: h.alerts.clone() }
}

/// The root-certificate row (the root status is the check's, copied into every host).
pub fn root_row(lang: Lang, report: &Report, status: RootCaStatus) -> CheckRow {
    let mark = match status {
        RootCaStatus::Present => Mark::Yes,
        RootCaStatus::Absent | RootCaStatus::Lookalike => Mark::No,
        RootCaStatus::Unknown => Mark::Unknown,
    };
    let root = &report.root_ca;
    let lines = match &root.evidence {
        Some(e) => vec![tf(lang, "ui.check.evidence", &[("evidence", &place(lang, e, root.line))])],
        None => Vec::new(),
    };
    let (lines, not_checked) = explained(lang, mark, lines, &root.detail);
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

/// One row of the several-hosts summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRow {
    pub host: String,
    pub os: String,
    pub build: String,
    pub verdict: Verdict,
    pub verdict_word: &'static str,
}

/// The summary rows, one per host, in report order.
pub fn summary_rows(report: &Report) -> Vec<SummaryRow> {
    let lang = report.lang;
    report
        .hosts
        .iter()
        .enumerate()
        .map(|(i, h)| SummaryRow {
            host: host_label(lang, h, i),
            os: os_label(h),
            build: build_label(h),
            verdict: h.verdict,
            verdict_word: host_verdict_word(lang, h),
        })
        .collect()
}

/// A hotfix of a host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HotfixItem {
    pub kb: String,
    /// The result rests on it (the evidence, or the update required).
    pub key: bool,
}

pub fn hotfix_items(h: &HostReport) -> Vec<HotfixItem> {
    h.hotfixes
        .iter()
        .map(|kb| HotfixItem {
            kb: kb.clone(),
            key: h.acs.evidence.as_deref() == Some(kb.as_str()) || h.acs.required.as_deref() == Some(kb.as_str()),
        })
        .collect()
}

/// "The list is cut short (263 declared)", when the host's hotfix list is.
pub fn hotfixes_truncated(lang: Lang, h: &HostReport) -> Option<String> {
    h.hotfixes_truncated.then(|| {
        let declared = h.hotfix_count.map(|c| c.to_string()).unwrap_or_else(|| "?".into());
        tf(lang, "ui.hotfixes.truncated", &[("declared", &declared)])
    })
}

/// A row of the facts table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactRow {
    pub label: String,
    pub value: String,
    /// Where it was read ("input, line 3"); empty for what the check derived.
    pub place: String,
}

pub fn fact_rows(lang: Lang, h: &HostReport) -> Vec<FactRow> {
    let derived = |key: &str, value: &str| FactRow {
        label: t(lang, key).to_owned(),
        value: value.to_owned(),
        place: String::new(),
    };
    let mut rows = Vec::new();
    for f in h.facts.iter().filter(|f| f.field != "hotfix") {
        let key = format!("ui.fact.{}", f.field);
        let label = if crate::texts::has(&key) { t(lang, &key).to_owned() } else { f.field.clone() };
        rows.push(FactRow { label, value: f.value.clone(), place: place(lang, &f.input, Some(f.line)) });
        if f.field == "os_name" || (f.field == "build" && !h.facts.iter().any(|f| f.field == "os_name")) {
            if let Some(p) = &h.os.product {
                rows.push(derived("ui.fact.product", p));
            }
        }
    }
    // No build: the product the KBs identified, and which KBs.
    if let (false, Some(p)) = (h.os.inferred_from.is_empty(), &h.os.product) {
        let kbs = crate::texts::list(&h.os.inferred_from);
        rows.push(FactRow {
            label: tf(lang, "ui.fact.product_inferred", &[("kbs", &kbs)]),
            value: p.clone(),
            place: String::new(),
        });
    }
    if let Some(supported) = h.eset_supported {
        rows.push(derived("ui.fact.eset_supported", t(lang, if supported { "ui.yes" } else { "ui.no" })));
    }
    rows
}

/// Where the host's evidence was read: kind, input, lines.
pub fn source_lines(lang: Lang, h: &HostReport) -> Vec<String> {
    h.sources
        .iter()
        .map(|s| {
            let lines = if s.first_line == s.last_line {
                place(lang, &s.input, Some(s.first_line))
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
    if crate::texts::has(&key) {
        t(lang, &key).to_owned()
    } else {
        kind.to_owned()
    }
}

/// "12 KB", "3.4 MB".
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

/// What an input turned into: kinds, encoding, size ("ver · utf-8 · 1 line").
pub fn chip_details(lang: Lang, input: &InputReport) -> String {
    let kinds: Vec<String> = input.kinds.iter().map(|k| kind_label(lang, &wire_name(k))).collect();
    // A paste's size is its number of lines; a file's, its bytes.
    let size = match (input.name == PASTED_TEXT && input.encoding != "binary", input.size) {
        (true, 1) => t(lang, "ui.chip.one_line").to_owned(),
        (true, n) => tf(lang, "ui.chip.lines", &[("count", &n.to_string())]),
        (false, n) => size_label(n),
    };
    format!("{} · {} · {}", kinds.join(", "), input.encoding, size)
}

/// A signed file in a few fields: what its card shows. The verdict leads (a genuine ESET ACS file, ACS
/// by another publisher, only a signature, not ACS, not valid), then who signed and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureCard {
    pub input: String,
    pub status: SignatureStatus,
    pub verdict: SignatureVerdict,
    pub is_acs: bool,
    /// The verdict in words ("Genuine ESET file: signed with Azure Code Signing").
    pub word: &'static str,
    /// The report's sentence about it.
    pub summary: String,
    /// The primary signer's name, its organisation, program name, timestamp and chain (leaf first).
    pub signer: Option<String>,
    pub publisher: Option<String>,
    pub program: Option<String>,
    pub timestamp: Option<String>,
    pub chain: Vec<String>,
}

/// The verdict of a signature check in words.
pub fn signature_verdict_word(lang: Lang, v: SignatureVerdict) -> &'static str {
    let key = match v {
        SignatureVerdict::EsetAcs => "ui.sig.verdict.eset_acs",
        SignatureVerdict::OtherAcs => "ui.sig.verdict.other_acs",
        SignatureVerdict::SignatureOnly => "ui.sig.verdict.signature_only",
        SignatureVerdict::NotAcs => "ui.sig.verdict.not_acs",
        SignatureVerdict::Invalid => "ui.sig.verdict.invalid",
        SignatureVerdict::Unsigned => "ui.sig.verdict.unsigned",
        SignatureVerdict::Unreadable => "ui.sig.verdict.unreadable",
    };
    t(lang, key)
}

/// The banner tone of a signature verdict, as the host verdicts' (`ok | action_needed |
/// unsupported | unknown`): only a genuine ESET ACS file is "ok".
pub fn signature_tone(v: SignatureVerdict) -> Verdict {
    match v {
        SignatureVerdict::EsetAcs => Verdict::Ok,
        SignatureVerdict::OtherAcs | SignatureVerdict::NotAcs | SignatureVerdict::Unsigned => Verdict::ActionNeeded,
        SignatureVerdict::Invalid => Verdict::Unsupported,
        SignatureVerdict::SignatureOnly | SignatureVerdict::Unreadable => Verdict::Unknown,
    }
}

pub fn signature_cards(report: &Report) -> Vec<SignatureCard> {
    let lang = report.lang;
    report
        .signatures
        .iter()
        .map(|s| {
            let primary = s.signers.first();
            SignatureCard {
                input: input_name(lang, &s.input),
                status: s.status,
                verdict: s.verdict,
                is_acs: s.is_acs_signed,
                word: signature_verdict_word(lang, s.verdict),
                summary: s.summary.clone(),
                signer: s.signer.clone(),
                // A name Microsoft did not validate (no ACS chain) is only what the file claims.
                publisher: s.publisher.as_ref().filter(|p| p.verified).and_then(|p| p.organization.clone()),
                program: primary.and_then(|p| p.program_name.clone()),
                timestamp: s.timestamp.clone(),
                chain: primary.map(|p| p.chain.iter().map(|c| c.subject.clone()).collect()).unwrap_or_default(),
            }
        })
        .collect()
}

/// A check of signed files only (no Windows host in the inputs): the signatures' verdicts lead, and
/// the host part shrinks to a hint, unless the inputs also say something about the root certificate.
pub fn leads_with_signatures(report: &Report) -> bool {
    report.hosts.is_empty() && !report.signatures.is_empty()
}

/// Whether the "no Windows host" result is worth a section: always without signatures, and with
/// them only when the root certificate's status is known from other inputs.
pub fn shows_no_host(report: &Report) -> bool {
    report.hosts.is_empty() && (report.signatures.is_empty() || report.root_ca.status != RootCaStatus::Unknown)
}

/// The mark of a signature verification step.
pub fn step_symbol(status: StepStatus) -> &'static str {
    match status {
        StepStatus::Passed => Mark::Yes.symbol(),
        StepStatus::Failed => Mark::No.symbol(),
        StepStatus::NotApplicable => "–",
    }
}

/// A check with no host in its inputs (certificates only, or nothing recognised): judged by the root
/// certificate alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoHost {
    pub verdict: Verdict,
    pub root: CheckRow,
    pub actions: Vec<Action>,
}

pub fn no_host(report: &Report) -> NoHost {
    let lang = report.lang;
    let status = report.root_ca.status;
    let mut actions = Vec::new();
    if matches!(status, RootCaStatus::Absent | RootCaStatus::Lookalike) {
        actions.push(Action {
            text: t(lang, "action.install_root").into(),
            url: Some(crate::hosts::PKI_REPOSITORY_URL.into()),
            command: Some(crate::hosts::ROOT_INSTALL_COMMAND.into()),
        });
        actions.push(Action { text: t(lang, "action.root_why").into(), url: None, command: None });
    }
    actions.push(Action {
        text: t(lang, "action.provide_systeminfo").into(),
        url: None,
        command: Some(crate::hosts::COLLECT_COMMAND.into()),
    });
    NoHost { verdict: crate::judge::verdict(AcsStatus::Unknown, status), root: root_row(lang, report, status), actions }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{check, Input, Options};

    fn run(text: &str, lang: Lang, managed: Managed) -> Report {
        check(&[Input::text(PASTED_TEXT, text)], &Options { lang, managed, today: None })
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
        assert_eq!(host_label(Lang::En, h, 1), "Computer 2");
        assert_eq!(source_lines(Lang::En, h), vec!["ver · pasted text, line 1".to_owned()]);
        assert_eq!(chip_details(Lang::En, &r.inputs[0]), "ver · utf-8 · 1 line");
    }

    #[test]
    fn evidence_names_its_input_and_line() {
        let r = run("x\nMicrosoft Windows [Version 10.0.17763.4010]\n", Lang::En, Managed::Unknown);
        let row = update_row(Lang::En, &r.hosts[0]);
        assert_eq!(row.mark, Mark::Yes);
        assert!(row.lines[0].contains("build 17763.4010 (pasted text, line 2)"), "{:?}", row.lines);
        let ja = run("x\nMicrosoft Windows [Version 10.0.17763.4010]\n", Lang::Ja, Managed::Unknown);
        let row = update_row(Lang::Ja, &ja.hosts[0]);
        assert!(row.lines[0].contains("ビルド 17763.4010（貼り付けたテキストの 2 行目）"), "{:?}", row.lines);
        assert_eq!(chip_details(Lang::Ja, &r.inputs[0]), "ver · utf-8 · 2 行");
    }

    #[test]
    fn summary_rows_of_several_hosts() {
        let r = check(
            &[
                Input::text("a.txt", "Microsoft Windows [Version 10.0.19045.2251]\n"),
                Input::text("b.txt", "Microsoft Windows [Version 10.0.14393]\n"),
            ],
            &Options::default(),
        );
        let rows = summary_rows(&r);
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[1].host.as_str(), rows[1].verdict), ("コンピューター 2", Verdict::Unknown));
        assert_eq!(rows[0].verdict_word, "対応済み");
    }

    #[test]
    fn labels() {
        assert_eq!(input_name(Lang::Ja, PASTED_TEXT), "貼り付けたテキスト");
        assert_eq!(kind_label(Lang::En, "systeminfo_list"), "systeminfo (list)");
        assert_eq!(kind_label(Lang::En, "something_new"), "something_new");
        assert_eq!(size_label(500), "500 B");
        assert_eq!(size_label(2048), "2 KB");
        assert_eq!(size_label(33 * 1024 * 1024), "33.0 MB");
        assert_eq!(role_word(Lang::En, CertRole::AcsIntermediate), "ACS intermediate");
        assert_eq!(step_symbol(StepStatus::NotApplicable), "–");
    }

    /// The keys built at run time (`ui.kind.<kind>`, `ui.fact.<field>`) exist for every value the
    /// contract names.
    #[test]
    fn run_time_keys_exist() {
        let kinds = "systeminfo_list systeminfo_csv systeminfo_table ver get_computerinfo get_hotfix wmic_qfe \
            cim_operating_system reg_currentversion certutil_store powershell_certs certificate_der certificate_pem \
            pkcs7 sst reg_certificates authenticode_pe authenticode_msi authenticode_script unknown";
        for k in kinds.split_whitespace() {
            assert!(crate::texts::has(&format!("ui.kind.{k}")), "ui.kind.{k}");
        }
        for f in ["host_name", "os_name", "build", "revision", "product_type", "hotfix_count"] {
            assert!(crate::texts::has(&format!("ui.fact.{f}")), "ui.fact.{f}");
        }
    }

    #[test]
    fn a_check_without_a_host_is_judged_by_the_root() {
        let r = check(&[], &Options { lang: Lang::En, ..Options::default() });
        let n = no_host(&r);
        assert_eq!((n.verdict, n.root.mark), (Verdict::Unknown, Mark::Unknown));
        assert_eq!(n.actions.len(), 1);
        assert_eq!(n.actions[0].command.as_deref(), Some(crate::hosts::COLLECT_COMMAND));
    }
}
