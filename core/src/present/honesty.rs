//! Every state the judge can produce, in both languages: the words carry the certainty of the evidence.
//!
//! The states come from the code (the contract's enumerations are iterated, not listed here): each
//! `acs.status` × `confidence` × `reason`, on products whose words differ (an update, a rollup, native,
//! no update, an edition Windows Update never served, ESET's end of support with and without the alert
//! program, an unknown build, no build, a product inferred from its KBs), × each `root_ca.status` ×
//! `managed` × language. For each, the report (`hosts::host_report`), the view models the page draws and
//! the plain-text report the CLI prints must say exactly what is known:
//! - unknown → "cannot tell whether the alert shows", the alert it would be, and how to find out;
//! - likely → "probably", because …, and how to confirm (`ver`);
//! - confirmed → no hedge, and the "no alert" sentence only when support is confirmed.
//!
//! A new status, reason, confidence or root state without words of its own fails here.

use strum::IntoEnumIterator;

use super::{text, view};
use crate::evidence::Completeness;
use crate::hosts::{self, Context, ROOT_INSTALL_COMMAND};
use crate::judge::{self, AcsDecision, HostFacts, Proof, Sourced};
use crate::report::*;
use crate::texts::t;
use crate::windows::EndOfSupportNotice;

const DATA_AS_OF: &str = crate::windows::DATA_AS_OF;

/// How sure the words may be: the contract's rule, restated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sure {
    Confirmed,
    Likely,
    Unknown,
}

fn sure(status: AcsStatus, confidence: Option<Confidence>) -> Sure {
    match (status, confidence) {
        (AcsStatus::Unknown, _) => Sure::Unknown,
        (_, Some(Confidence::Likely)) => Sure::Likely,
        _ => Sure::Confirmed,
    }
}

/// The contract's `alert_expected`, restated from report-contract.md.
fn expected_alert(d: &AcsDecision) -> AlertExpected {
    match d.status {
        AcsStatus::Native | AcsStatus::Patched => AlertExpected::No,
        AcsStatus::NeedsUpdate => AlertExpected::Yes,
        AcsStatus::Unknown => AlertExpected::Unknown,
        AcsStatus::EndOfSupport => {
            let missing =
                matches!(d.reason, AcsReason::NoQualifyingKb | AcsReason::RevisionTooLow | AcsReason::NoUpdateExists);
            let program = d.product.and_then(|p| p.end_of_support()).is_some_and(|(_, runs)| runs);
            if missing && program {
                AlertExpected::Yes
            } else {
                AlertExpected::Unknown
            }
        }
    }
}

fn hedged(lang: Lang, s: &str) -> bool {
    match lang {
        Lang::Ja => s.contains("可能性が高い") || s.contains("おそらく"),
        Lang::En => {
            let l = s.to_lowercase();
            l.contains("very likely") || l.contains("probably")
        }
    }
}

fn cannot_tell(lang: Lang, s: &str) -> bool {
    match lang {
        Lang::Ja => s.contains("判定できません"),
        Lang::En => s.contains("cannot tell") || s.contains("Can't tell"),
    }
}

/// The longest run of a text row without placeholders: what shows that the row was used.
fn fragment(lang: Lang, key: &str) -> String {
    let text = t(lang, key);
    let mut pieces: Vec<&str> = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        pieces.push(&rest[..open]);
        rest = rest[open..].find('}').map_or("", |close| &rest[open + close + 1..]);
    }
    pieces.push(rest);
    let best = pieces.into_iter().max_by_key(|p| p.chars().count()).unwrap_or("");
    best.trim().to_owned()
}

fn at<T>(value: T, line: u32) -> Sourced<T> {
    Sourced { value, input: 0, line }
}

/// A host whose words differ from the others'.
struct Case {
    name: &'static str,
    facts: HostFacts,
}

fn case(name: &'static str, build: Option<u32>, os: &str, kbs: &[&str]) -> Case {
    Case {
        name,
        facts: HostFacts {
            os_name: (!os.is_empty()).then(|| at(os.to_owned(), 2)),
            build: build.map(|b| at(b, 3)),
            hotfixes: kbs.iter().enumerate().map(|(i, k)| at(k.to_string(), 10 + i as u32)).collect(),
            has_hotfix_list: !kbs.is_empty(),
            completeness: (!kbs.is_empty()).then_some(Completeness::Complete),
            ..HostFacts::default()
        },
    }
}

fn cases() -> Vec<Case> {
    vec![
        case("update", Some(17763), "Microsoft Windows Server 2019 Standard", &["KB5005568"]),
        case("rollup", Some(9600), "Microsoft Windows Server 2012 R2 Standard", &["KB5007255", "KB5010794"]),
        case("rollup, newer than the data", Some(9600), "Microsoft Windows Server 2012 R2 Standard", &["KB5099999"]),
        case("native", Some(19045), "Microsoft Windows 10 Pro", &["KB5032189"]),
        case("no update", Some(17134), "Microsoft Windows 10 Pro", &["KB4103721"]),
        case("edition without update", Some(17763), "Microsoft Windows 10 Education", &["KB5005568"]),
        case("end of support, alert program", Some(7601), "Microsoft Windows 7 Professional", &["KB5005633"]),
        case("end of support, 2008 R2", Some(7601), "Microsoft Windows Server 2008 R2 Standard", &["KB5005633"]),
        case("end of support, XP", Some(2600), "Microsoft Windows XP Professional", &["KB2934207"]),
        case("unknown build", Some(21000), "Microsoft Windows 10 Pro", &["KB5099999"]),
        case("no build", None, "", &["KB4534131"]),
        case("inferred", None, "", &["KB5032189", "KB5031539"]),
        case("disagreeing KBs", None, "", &["KB5032189", "KB5031361"]),
    ]
}

/// The decision with its state replaced, and the proof that state rests on.
fn with_state(
    base: &AcsDecision,
    facts: &mut HostFacts,
    status: AcsStatus,
    confidence: Option<Confidence>,
    reason: AcsReason,
) -> AcsDecision {
    let mut d = base.clone();
    d.status = status;
    d.confidence = confidence;
    d.reason = reason;
    let kb = facts.hotfixes.last().cloned().unwrap_or_else(|| at("KB5099999".into(), 12));
    let build = d.product.map_or(0, |p| p.build);
    facts.revision = None;
    d.proof = match reason {
        AcsReason::QualifyingKb | AcsReason::NewerThanData | AcsReason::DataIncomplete => Proof::Kb(kb),
        AcsReason::QualifyingRevision | AcsReason::RevisionTooLow => {
            let revision = if reason == AcsReason::QualifyingRevision { 4010 } else { 1 };
            facts.revision = Some(at(revision, 4));
            Proof::Revision { build, revision, input: 0, line: 4 }
        }
        _ => Proof::None,
    };
    d
}

fn report_of(h: HostReport, lang: Lang, managed: Managed, root: RootCaStatus) -> Report {
    Report {
        schema: SCHEMA,
        data_as_of: DATA_AS_OF.into(),
        lang,
        managed,
        inputs: Vec::new(),
        root_ca: RootCaReport { status: root, evidence: None, line: None, detail: t(lang, "root.unknown").into() },
        hosts: vec![h],
        certificates: Vec::new(),
        errors: Vec::new(),
        signatures: Vec::new(),
    }
}

/// What one state must say, checked on the report, the page's view models and the CLI's text.
fn check_state(case: &str, d: &AcsDecision, r: &Report) -> Result<(), String> {
    let lang = r.lang;
    let h = &r.hosts[0];
    let sure = sure(d.status, d.confidence);
    let expected = expected_alert(d);
    let fail = |what: &str| Err(format!("{what}\n--- text ---\n{}", text::text(r)));

    // The contract: alert_expected, and the alerts it shows or may show, where the option puts them.
    if h.alert_expected != expected {
        return fail(&format!("alert_expected {:?}, want {expected:?}", h.alert_expected));
    }
    let places: Vec<AlertPlace> = h.alerts.iter().map(|a| a.place).collect();
    let want_places = match (expected, r.managed) {
        (AlertExpected::No, _) => vec![],
        (_, Managed::No) => vec![AlertPlace::Client],
        (_, Managed::Yes) => vec![AlertPlace::Console],
        (_, Managed::Unknown) => vec![AlertPlace::Client, AlertPlace::Console],
    };
    if places != want_places {
        return fail(&format!("alerts at {places:?}, want {want_places:?}"));
    }

    // "What you will see" (the page's section and the text's).
    let section = view::alert_section(lang, h);
    let none = t(lang, "ui.alert.none");
    let shows = t(lang, "ui.alert.lead_yes");
    let unknown_heading = t(lang, "ui.alert.heading_unknown");
    match (expected, sure) {
        (AlertExpected::Unknown, _) if !cannot_tell(lang, &section.lead) || section.heading != unknown_heading => {
            return fail("unknown: the alert sentence says it cannot tell")
        }
        (AlertExpected::Unknown, _) => {}
        (AlertExpected::No, Sure::Confirmed) if section.lead != none => return fail("confirmed support: no alert"),
        (AlertExpected::Yes, Sure::Confirmed) if section.lead != shows => return fail("confirmed: the alert shows"),
        (_, Sure::Likely)
            if !hedged(lang, &section.lead) || !section.lead.contains(&view::confirm_sentence(lang, h)) =>
        {
            return fail("likely: the alert sentence says probably, and how to confirm")
        }
        _ => {}
    }
    let certain_none = expected == AlertExpected::No && sure == Sure::Confirmed;
    let certain_shows = expected == AlertExpected::Yes && sure == Sure::Confirmed;
    let plain = text::text(r);
    if plain.contains(none) != certain_none || section.lead.contains(none) != certain_none {
        return fail("the certain 'no alert' sentence is only for confirmed support");
    }
    if plain.contains(shows) != certain_shows {
        return fail("the certain 'the alert shows' sentence is only for a confirmed missing update");
    }
    if !plain.contains(section.heading) || !plain.contains(&section.lead) {
        return fail("the text report has the page's alert section");
    }

    // The summary, the checklist's status and the verdict word.
    let row = view::update_row(lang, h);
    let verdict = view::host_verdict_word(lang, h);
    match sure {
        Sure::Likely => {
            if !hedged(lang, &h.summary) || !hedged(lang, &row.status) {
                return fail("likely: the summary and the checklist say probably");
            }
            if !row.lines.contains(&view::confirm_sentence(lang, h)) {
                return fail("likely: the checklist says how to confirm");
            }
            let root_decides = matches!(h.root_ca.status, RootCaStatus::Absent | RootCaStatus::Lookalike);
            if !root_decides && !hedged(lang, verdict) {
                return fail("likely: the verdict word says probably");
            }
        }
        Sure::Unknown => {
            if !cannot_tell(lang, &h.summary) || !cannot_tell(lang, &row.status) || row.not_checked.is_none() {
                return fail("unknown: the summary and the checklist say it cannot tell, and what was not checked");
            }
        }
        Sure::Confirmed => {
            if hedged(lang, &h.summary) || hedged(lang, &row.status) || hedged(lang, verdict) {
                return fail("confirmed: no hedge");
            }
        }
    }
    // Confirmed sentences never stand for weaker evidence, and the other way round.
    let certain_keys = ["summary.native", "summary.patched", "summary.needs_update", "summary.needs_update_rollup"];
    let likely_keys = ["summary.native_likely", "summary.patched_likely", "summary.needs_update_likely"];
    let (forbidden, why): (&[&str], &str) = if sure == Sure::Confirmed {
        (&likely_keys, "a likely sentence")
    } else {
        (&certain_keys, "a certain sentence")
    };
    if let Some(k) = forbidden.iter().find(|k| h.summary.contains(&fragment(lang, k))) {
        return fail(&format!("{why} ({k}) for {sure:?} evidence"));
    }
    // End of support: what the inputs show about ACS, or that they do not show it.
    let evidence_known = matches!(
        d.reason,
        AcsReason::NativeBuild
            | AcsReason::QualifyingKb
            | AcsReason::QualifyingRevision
            | AcsReason::NewerThanData
            | AcsReason::RevisionTooLow
            | AcsReason::NoQualifyingKb
            | AcsReason::NoUpdateExists
    );
    if d.status == AcsStatus::EndOfSupport && !evidence_known && !cannot_tell(lang, &h.summary) {
        return fail("end of support without ACS evidence: the summary says it cannot tell");
    }

    // What to do: how to find out or confirm; every command that gathers information runs ver.
    let commands: Vec<&str> = h.actions.iter().filter_map(|a| a.command.as_deref()).collect();
    if let Some(c) = commands.iter().find(|c| **c != ROOT_INSTALL_COMMAND && !c.contains("ver")) {
        return fail(&format!("a command without ver: {c}"));
    }
    // Likely: how to confirm — ver, or the update history where ver shows no revision.
    let history = h
        .actions
        .iter()
        .any(|a| a.url.as_deref().is_some_and(|u| u.starts_with("https://support.microsoft.com/help/")));
    let by_ver = hosts::ver_confirms(h.os.build, h.os.kind, !h.os.inferred_from.is_empty());
    if sure == Sure::Likely && !(if by_ver { commands.contains(&"ver") } else { history }) {
        return fail("likely: what to do says how to confirm (ver, or the update history)");
    }
    let root_keys = ["action.check_root", "action.install_root", "action.root_why", "action.hide_alert"];
    let about_acs = h.actions.iter().filter(|a| !root_keys.iter().any(|k| a.text == t(lang, k))).count();
    if sure == Sure::Unknown && about_acs == 0 {
        return fail("unknown: what to do says how to find out");
    }
    // The root certificate is needed on every Windows, end of support included.
    let root_step = match h.root_ca.status {
        RootCaStatus::Absent | RootCaStatus::Lookalike => Some("action.install_root"),
        RootCaStatus::Unknown => Some("action.check_root"),
        RootCaStatus::Present => None,
    };
    if let Some(k) = root_step.filter(|k| !h.actions.iter().any(|a| a.text == t(lang, k))) {
        return fail(&format!("the root-certificate step {k} is missing"));
    }
    if d.status == AcsStatus::EndOfSupport {
        let faq = d.product.and_then(|p| p.end_of_support()).map(|(n, _)| n) == Some(EndOfSupportNotice::FaqWin7To81);
        let qa = "【重要】Microsoft Windows 7 / 8 / 8.1 / Windows Server 2008 R2 のESET製品のサポート終了について";
        if faq && !h.actions.iter().any(|a| a.text.contains(qa)) {
            return fail("Windows 7 / 8 / 8.1 / 2008 R2: what to do names the FAQ's own Q&A");
        }
    }
    // Never "install it through Windows Update" where Windows Update cannot offer it.
    if d.status == AcsStatus::NeedsUpdate && sure == Sure::Confirmed {
        let install = ["action.install_update", "action.install_update_rollup"].map(|k| fragment(lang, k));
        let installs = h.actions.iter().any(|a| install.iter().any(|f| a.text.contains(f.as_str())));
        let not_offered = case == "edition without update" && d.reason != AcsReason::NoUpdateExists;
        if not_offered && installs {
            return fail("an edition Windows Update never served is told to install the update through it");
        }
        // Where only the rollups are cumulative, a later security-only update is not enough.
        let rollups = d.product.and_then(|p| p.rollup_pair());
        if let (Some((_, security_only)), false) = (rollups, d.reason == AcsReason::NoUpdateExists) {
            let kb = format!("KB{security_only}");
            if !h.summary.contains(&kb) || h.summary.contains(&fragment(lang, "summary.needs_update")) {
                return fail("rollup products: the summary names the security-only update and its limit");
            }
        }
    }

    // Every sentence is filled in and from the table; Japanese rows carry no Markdown.
    let mut sentences: Vec<&str> = vec![&h.summary, &section.lead, &row.status, verdict];
    sentences.extend(h.actions.iter().map(|a| a.text.as_str()));
    sentences.extend(row.lines.iter().map(String::as_str));
    for s in sentences {
        if s.contains("[missing text]") || s.contains('{') || s.contains('}') {
            return fail(&format!("an unfinished sentence: {s}"));
        }
        if lang == Lang::Ja && s.contains('`') {
            return fail(&format!("a backtick in Japanese: {s}"));
        }
    }
    Ok(())
}

#[test]
fn every_state_has_words_as_sure_as_its_evidence() {
    let mut checked = 0;
    let mut failures: Vec<String> = Vec::new();
    for c in cases() {
        let base = judge::acs(&c.facts);
        for status in AcsStatus::iter() {
            for confidence in std::iter::once(None).chain(Confidence::iter().map(Some)) {
                for reason in AcsReason::iter() {
                    let mut facts = c.facts.clone();
                    let d = with_state(&base, &mut facts, status, confidence, reason);
                    for root in RootCaStatus::iter() {
                        for managed in Managed::iter() {
                            for lang in Lang::iter() {
                                let cx = Context { lang, managed, root, input_names: &["pasted text".to_owned()] };
                                let h = hosts::host_report(&[], &facts, &d, &cx);
                                let r = report_of(h, lang, managed, root);
                                checked += 1;
                                if let Err(e) = check_state(c.name, &d, &r) {
                                    if failures.len() < 3 {
                                        failures.push(format!(
                                            "{} · {status:?} · {confidence:?} · {reason:?} · root {root:?} · managed {managed:?} · {lang:?}: {e}",
                                            c.name
                                        ));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    let states = cases().len()
        * AcsStatus::iter().count()
        * (Confidence::iter().count() + 1)
        * AcsReason::iter().count()
        * RootCaStatus::iter().count()
        * Managed::iter().count()
        * Lang::iter().count();
    assert_eq!(checked, states);
}

/// The states real inputs produce, through the whole check: the same rules hold.
#[test]
fn real_inputs_in_uncertain_states() {
    use crate::{check, Input, Options};
    let inputs = [
        // No build, no hotfix list: unknown.
        "Microsoft Windows [Version 10.0.17763]\n",
        // A revision too low: needs update, confirmed.
        "Microsoft Windows [Version 10.0.17763.2183]\n",
        // A KB newer than the data: patched, likely.
        "OS Name: Microsoft Windows Server 2022 Standard\nOS Version: 10.0.20348 N/A Build 20348\nHotfix(s): 1 Hotfix(s) Installed.\n  [01]: KB5999999\n",
        // Get-HotFix without a build: inferred, likely.
        "Source  Description      HotFixID   InstalledBy          InstalledOn\n------  -----------      --------   -----------          -----------\nPC1     Security Update  KB5032189  NT AUTHORITY\\SYSTEM  11/15/2023 12:00:00 AM\n",
        // Windows 7 without the rollup, and Windows XP.
        "Microsoft Windows [Version 6.1.7601]\n",
        "OS Name: Microsoft Windows XP Professional\nOS Version: 5.1.2600 Service Pack 3 Build 2600\n",
    ];
    for text in inputs {
        for lang in Lang::iter() {
            for managed in Managed::iter() {
                let r = check(&[Input::text(crate::PASTED_TEXT, text)], &Options { lang, managed, today: None });
                assert_eq!(r.hosts.len(), 1, "{text}");
                let facts_d = {
                    let h = &r.hosts[0];
                    AcsDecision {
                        status: h.acs.status,
                        reason: h.acs.reason,
                        confidence: h.acs.confidence,
                        proof: Proof::None,
                        required: Vec::new(),
                        product: h.os.build.map(|b| crate::windows::Product::new(b, h.os.kind, false)),
                        inferred: None,
                        findings: Vec::new(),
                    }
                };
                if let Err(e) = check_state("real", &facts_d, &r) {
                    panic!("{text}: {e}");
                }
            }
        }
    }
}
