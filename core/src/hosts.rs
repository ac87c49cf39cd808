//! Hosts: group the host evidence of all inputs into machines, and write each machine's report.
//!
//! One systeminfo is one host; a `ver` line, a hotfix listing or a registry query next to it joins
//! that host when nothing contradicts (same build, same host name). Blocks of several inputs join
//! when they name the same host and show no other build; a block of its own input without a host
//! name joins the one host with its build.

use crate::evidence::{Completeness, HostEvidence, InputKind, Located, Note};
use crate::judge::{self, AcsDecision, HostFacts, Observation, Proof, Sourced};
use crate::report::{
    AcsReason, AcsReport, AcsStatus, Action, Alert, AlertExpected, AlertPlace, Confidence, Fact, HostReport,
    HostRootCa, HostSource, Lang, Managed, OsReport, RootCaStatus,
};
use crate::tables::UpdateKind;
use crate::texts::{self, t, tf};
use crate::windows::{kb5022661_url, EndOfSupportNotice, DATA_AS_OF};

/// The alert's id and the day it started to show (Canon ITS FAQ 25954).
pub const ALERT_ID: &str = "AzureCodeSigningEol";
pub const ALERT_SINCE: &str = "2023-07-10";
pub const PKI_REPOSITORY_URL: &str = "https://www.microsoft.com/pkiops/docs/repository.htm";
pub const ESET_NOTICE_URL: &str = "https://support-eol.eset.com/en/trending_weol2023_10_2022.html";
pub const FAQ_URL: &str = "https://eset-support.canon-its.jp/faq/show/25954?site_domain=business";
/// The one command that gives both checks at once.
pub const COLLECT_COMMAND: &str = "systeminfo & ver & certutil -store Root F40042E2E5F7E8EF8189FED15519AECE42C3BFA2";
/// Every command that gathers information includes `ver`: the revision is what confirms a result.
pub const ROOT_CHECK_COMMAND: &str = "ver & certutil -store Root F40042E2E5F7E8EF8189FED15519AECE42C3BFA2";
pub const HOTFIX_COMMAND: &str = "ver & wmic qfe list brief";
pub const REVISION_COMMAND: &str = "ver";
pub const ROOT_INSTALL_COMMAND: &str =
    "certutil -addstore Root \"Microsoft Identity Verification Root Certificate Authority 2020.crt\"";

/// Host evidence with the index of the input it came from.
#[derive(Debug, Clone)]
pub struct Block {
    pub input: usize,
    pub evidence: HostEvidence,
}

fn is_systeminfo(k: InputKind) -> bool {
    matches!(k, InputKind::SysteminfoList | InputKind::SysteminfoCsv | InputKind::SysteminfoTable)
}

fn same_text(a: &Option<Located<String>>, b: &Option<Located<String>>) -> Option<bool> {
    Some(a.as_ref()?.value.trim().eq_ignore_ascii_case(b.as_ref()?.value.trim()))
}

/// A host being assembled from blocks.
#[derive(Debug, Default)]
struct Group {
    blocks: Vec<Block>,
}

impl Group {
    fn host_name(&self) -> Option<&Located<String>> {
        self.blocks.iter().find_map(|b| b.evidence.host_name.as_ref())
    }
    fn build(&self) -> Option<u32> {
        self.blocks.iter().find_map(|b| b.evidence.version.as_ref().map(|v| v.value.build))
    }
    fn has_systeminfo_with_os(&self) -> bool {
        self.blocks.iter().any(|b| is_systeminfo(b.evidence.kind) && b.evidence.os_name.is_some())
    }
    fn has_input(&self, input: usize) -> bool {
        self.blocks.iter().any(|b| b.input == input)
    }

    /// Nothing in the block contradicts this host.
    fn compatible(&self, b: &HostEvidence) -> bool {
        let name_ok = same_text(&self.host_name().cloned(), &b.host_name).unwrap_or(true);
        let build_ok = match (self.build(), b.version.as_ref()) {
            (Some(x), Some(v)) => x == v.value.build,
            _ => true,
        };
        let two_systeminfos = self.has_systeminfo_with_os() && is_systeminfo(b.kind) && b.os_name.is_some();
        name_ok && build_ok && (!two_systeminfos || same_text(&self.host_name().cloned(), &b.host_name) == Some(true))
    }
}

fn identity(b: &HostEvidence) -> bool {
    b.host_name.is_some() || b.version.is_some() || b.os_name.is_some()
}

/// Groups blocks (in input order, then line order) into hosts.
pub fn group(blocks: Vec<Block>) -> Vec<Vec<Block>> {
    let mut groups: Vec<Group> = Vec::new();
    let mut deferred: Vec<Block> = Vec::new();
    for block in blocks {
        if !identity(&block.evidence) {
            deferred.push(block);
            continue;
        }
        let e = &block.evidence;
        let target = if e.host_name.is_some() {
            // Same name anywhere (and no other build), or a nameless host of the same input that fits.
            let same_host =
                |g: &Group| same_text(&g.host_name().cloned(), &e.host_name) == Some(true) && g.compatible(e);
            groups.iter().position(same_host).or_else(|| {
                groups.iter().rposition(|g| g.has_input(block.input) && g.host_name().is_none() && g.compatible(e))
            })
        } else {
            groups.iter().rposition(|g| g.has_input(block.input) && g.compatible(e)).or_else(|| {
                // An input of its own (say ver.txt beside systeminfo.txt): the unique host with the same build.
                if groups.iter().any(|g| g.has_input(block.input)) {
                    return None;
                }
                let build = e.version.as_ref().map(|v| v.value.build);
                let same: Vec<usize> =
                    (0..groups.len()).filter(|&i| build.is_some() && groups[i].build() == build).collect();
                (same.len() == 1).then(|| same[0])
            })
        };
        match target {
            Some(i) => groups[i].blocks.push(block),
            None => groups.push(Group { blocks: vec![block] }),
        }
    }
    // Blocks that say nothing about which host (a bare hotfix listing): the host of the same input,
    // else the only host there is, else a host of their own.
    for block in deferred {
        let same_input = groups.iter().rposition(|g| g.has_input(block.input));
        let target = same_input.or_else(|| (groups.len() == 1).then_some(0));
        match target {
            Some(i) => groups[i].blocks.push(block),
            None => groups.push(Group { blocks: vec![block] }),
        }
    }
    groups.into_iter().map(|g| g.blocks).collect()
}

/// Merges the evidence of one host's blocks. Each fact keeps the input and line it was read from.
/// The build comes from the first block that shows one; a revision counts only when it belongs to
/// that build (a revision of another build says nothing about this one).
pub fn merge(blocks: &[Block]) -> HostFacts {
    let mut f = HostFacts::default();
    let mut os_name_from_systeminfo = false;
    let mut seen_kbs: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for b in blocks {
        let e = &b.evidence;
        let sourced = |l: &Located<String>| Sourced::from(b.input, l);
        if f.host_name.is_none() {
            f.host_name = e.host_name.as_ref().map(sourced);
        }
        // The OS name from systeminfo beats the others (the registry's ProductName says "Windows 10" on 11).
        if e.os_name.is_some() && (f.os_name.is_none() || is_systeminfo(e.kind) && !os_name_from_systeminfo) {
            f.os_name = e.os_name.as_ref().map(sourced);
            os_name_from_systeminfo = is_systeminfo(e.kind);
        }
        if let Some(v) = &e.version {
            let build = f.build.get_or_insert(Sourced { value: v.value.build, input: b.input, line: v.line }).value;
            if let (None, Some(r)) = (&f.revision, v.value.revision.filter(|_| v.value.build == build)) {
                f.revision = Some(Sourced { value: r, input: b.input, line: v.line });
            }
        }
        if f.product_type.is_none() {
            f.product_type = e.product_type.as_ref().map(|p| Sourced::from(b.input, p));
        }
        if let Some(list) = &e.hotfixes {
            f.has_hotfix_list = true;
            for item in &list.items {
                if seen_kbs.insert(item.value.as_str()) {
                    f.hotfixes.push(sourced(item));
                }
            }
            f.completeness = Some(match (f.completeness, list.completeness) {
                (Some(Completeness::Complete), _) | (_, Completeness::Complete) => Completeness::Complete,
                (Some(Completeness::NotListed), other) => other,
                (Some(prev), _) => prev,
                (None, other) => other,
            });
            if f.declared_hotfixes.is_none() {
                f.declared_hotfixes = list.declared.as_ref().map(|d| Sourced::from(b.input, d));
            }
        }
    }
    f
}

/// Everything needed to write one host's report.
pub struct Context<'a> {
    pub lang: Lang,
    pub managed: Managed,
    pub root: RootCaStatus,
    pub input_names: &'a [String],
}

/// How far the update data goes for the host's product ("newer than the data (up to …)"), in the report's
/// language: the table's sources can stop earlier for one product than for the whole table.
fn data_as_of(lang: Lang, d: &AcsDecision) -> String {
    texts::date(lang, d.product.map_or(DATA_AS_OF, |p| p.data_as_of()))
}

fn kind_word(lang: Lang, k: UpdateKind) -> &'static str {
    t(
        lang,
        match k {
            UpdateKind::Lcu => "kind.lcu",
            UpdateKind::Preview => "kind.preview",
            UpdateKind::OutOfBand => "kind.out_of_band",
            UpdateKind::Hotpatch => "kind.hotpatch",
            UpdateKind::MonthlyRollup => "kind.monthly_rollup",
            UpdateKind::SecurityOnly => "kind.security_only",
        },
    )
}

/// Writes the report of one host.
pub fn report(blocks: &[Block], cx: &Context) -> HostReport {
    let facts = merge(blocks);
    let d = judge::acs(&facts);
    host_report(blocks, &facts, &d, cx)
}

/// The product as the report names it: inferred from the KBs, or read from the build.
fn product_label(d: &AcsDecision) -> Option<String> {
    match &d.inferred {
        Some(i) => Some(i.name()),
        None => d.product.map(|p| p.name()),
    }
}

/// How sure the words may be about the ACS status: what `acs.confidence` and the status carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Certainty {
    Confirmed,
    Likely,
    Unknown,
}

pub fn certainty(status: AcsStatus, confidence: Option<Confidence>) -> Certainty {
    match (status, confidence) {
        (AcsStatus::Unknown, _) => Certainty::Unknown,
        (_, Some(Confidence::Likely)) => Certainty::Likely,
        _ => Certainty::Confirmed,
    }
}

/// Does the revision (and build) that `ver` shows confirm a `likely` result? Yes for a product inferred
/// from its KBs (`ver` names the build), and where the update table knows the revisions of the product;
/// not for Windows 8.1 / Server 2012 R2 and older, whose `ver` shows no revision: there the update
/// history tells what a KB is (where the product has one).
pub fn ver_confirms(build: Option<u32>, kind: Option<crate::OsKind>, inferred: bool) -> bool {
    let product = build.map(|b| crate::windows::Product::new(b, kind, false));
    inferred || product.is_none_or(|p| p.first_revision().is_some() || p.history_url().is_none())
}

/// The report of one host from its facts and its judged decision. The words follow the decision alone,
/// so that every state the judge can produce gets words that carry its certainty (the table-driven test
/// of `present` calls this with each of them).
pub fn host_report(blocks: &[Block], facts: &HostFacts, d: &AcsDecision, cx: &Context) -> HostReport {
    let lang = cx.lang;
    let product = d.product;
    let product_name = product_label(d);
    let name_or_build = product_name.clone().unwrap_or_else(|| "Windows".into());
    let input_name = |i: usize| cx.input_names.get(i).cloned().unwrap_or_default();

    let required = texts::list(&d.required);
    // The contract's `evidence` is what proves support: nothing when the decision is not support.
    let proves = matches!(d.status, AcsStatus::Patched | AcsStatus::EndOfSupport)
        && matches!(d.reason, AcsReason::QualifyingKb | AcsReason::QualifyingRevision | AcsReason::NewerThanData);
    let (evidence, evidence_at) = match &d.proof {
        Proof::Kb(k) if proves => (Some(k.value.clone()), Some((k.line, input_name(k.input)))),
        Proof::Revision { build, revision, input, line } if proves => {
            (Some(format!("build {build}.{revision}")), Some((*line, input_name(*input))))
        }
        _ => (None, None),
    };

    let explanation = explanation(d, facts, lang, &name_or_build, &required);
    let verdict = judge::verdict(d.status, cx.root);
    let alert_expected = judge::alert_expected(d);

    let mut warnings: Vec<(String, String)> = Vec::new();
    let mut warn = |code: &str, text: String| {
        if !warnings.iter().any(|(c, _)| c == code) {
            warnings.push((code.to_owned(), text));
        }
    };
    for b in blocks {
        if let Some(list) = &b.evidence.hotfixes {
            match list.completeness {
                Completeness::Truncated { declared: Some(n), listed } => warn(
                    "hotfixes_truncated",
                    tf(
                        lang,
                        "warning.hotfixes_truncated",
                        &[("listed", &listed.to_string()), ("declared", &n.to_string())],
                    ),
                ),
                // Get-ComputerInfo's enumeration limit has a warning of its own (from its note).
                Completeness::Truncated { declared: None, listed }
                    if !b.evidence.notes.iter().any(|n| n.value == Note::EnumerationLimit) =>
                {
                    warn("hotfixes_cut", tf(lang, "warning.hotfixes_cut", &[("listed", &listed.to_string())]))
                }
                Completeness::Elided => warn("hotfixes_elided", t(lang, "warning.hotfixes_elided").into()),
                _ => {}
            }
            if list.other_entries > 0 {
                warn("other_entries", tf(lang, "warning.other_entries", &[("count", &list.other_entries.to_string())]));
            }
        }
        for note in &b.evidence.notes {
            let (code, key) = match note.value {
                Note::TableFormatHasNoHotfixIds => {
                    ("table_format_has_no_hotfix_ids", "warning.table_format_has_no_hotfix_ids")
                }
                Note::EnumerationLimit => ("enumeration_limit", "warning.enumeration_limit"),
                Note::RegQueryWithoutUbr => ("reg_query_without_ubr", "warning.reg_query_without_ubr"),
                Note::ColumnsCut => ("columns_cut", "warning.columns_cut"),
                Note::WrappedLinesJoined => ("wrapped_lines_joined", "warning.wrapped_lines_joined"),
                Note::Mojibake => ("mojibake", "warning.mojibake"),
            };
            warn(code, t(lang, key).into());
        }
    }
    for o in &d.findings {
        match o {
            Observation::NewerThanData(kbs) => warn(
                "newer_than_data",
                tf(
                    lang,
                    "warning.newer_than_data",
                    &[("kbs", &texts::list(kbs)), ("data_as_of", &data_as_of(lang, d)), ("product", &name_or_build)],
                ),
            ),
            Observation::ProductAmbiguous => warn(
                "product_ambiguous",
                tf(
                    lang,
                    "warning.product_ambiguous",
                    &[("build", &product.map_or(0, |p| p.build).to_string()), ("product", &name_or_build)],
                ),
            ),
            Observation::RestartPending(kb) => {
                warn("restart_pending", tf(lang, "warning.restart_pending", &[("kb", kb)]))
            }
            Observation::PreRelease19044 => warn(
                "pre_release_19044",
                tf(
                    lang,
                    "warning.pre_release_19044",
                    &[("revision", &facts.revision.as_ref().map_or(0, |r| r.value).to_string())],
                ),
            ),
            Observation::InferredNative => {
                warn("inferred_native", tf(lang, "warning.inferred_native", &[("product", &name_or_build)]))
            }
            Observation::DegradedProtection => {
                warn("degraded_protection", t(lang, "warning.degraded_protection").into())
            }
            Observation::SecurityOnlyNotCumulative(kb) => {
                warn("security_only_not_cumulative", tf(lang, "warning.security_only_not_cumulative", &[("kb", kb)]))
            }
            // Said in the explanation (and the summary).
            Observation::ProductsDisagree(_) => {}
            Observation::UpdateNotOffered { certain: true, .. } => {}
            Observation::UpdateNotOffered { servicing_end, certain: false } => {
                let client = product.and_then(|p| p.row).and_then(|r| r.client_product).unwrap_or("Windows 10");
                warn(
                    "update_not_offered",
                    tf(
                        lang,
                        "warning.update_not_offered",
                        &[("client", client), ("end", &texts::date(lang, servicing_end))],
                    ),
                )
            }
        }
    }

    let alerts = if alert_expected == AlertExpected::No { Vec::new() } else { alerts(lang, cx.managed) };
    let actions = actions(d, facts, cx, &name_or_build, alert_expected);
    let summary = summary(d, cx, &name_or_build, &explanation);

    let mut facts_out: Vec<Fact> = Vec::new();
    let mut fact = |field: &str, value: String, input: usize, line: u32| {
        facts_out.push(Fact { field: field.into(), value, input: input_name(input), line });
    };
    if let Some(h) = &facts.host_name {
        fact("host_name", h.value.clone(), h.input, h.line);
    }
    if let Some(n) = &facts.os_name {
        fact("os_name", n.value.clone(), n.input, n.line);
    }
    if let Some(b) = &facts.build {
        fact("build", b.value.to_string(), b.input, b.line);
    }
    if let Some(r) = &facts.revision {
        fact("revision", r.value.to_string(), r.input, r.line);
    }
    if let Some(p) = &facts.product_type {
        fact("product_type", crate::report::wire_name(&p.value), p.input, p.line);
    }
    if let Some(c) = &facts.declared_hotfixes {
        fact("hotfix_count", c.value.to_string(), c.input, c.line);
    }
    for h in &facts.hotfixes {
        fact("hotfix", h.value.clone(), h.input, h.line);
    }

    let kind = product.and_then(|p| p.kind).or_else(|| facts.kind_hint());
    let hotfixes_truncated = matches!(facts.completeness, Some(Completeness::Truncated { .. } | Completeness::Elided));
    HostReport {
        host_name: facts.host_name.as_ref().map(|h| h.value.clone()),
        os: OsReport {
            name: facts.os_name.as_ref().map(|n| n.value.clone()),
            product: product_name,
            kind,
            build: facts.build.as_ref().map(|b| b.value),
            revision: facts.revision.as_ref().map(|r| r.value),
            inferred_from: d
                .inferred
                .as_ref()
                .map(|i| i.from.iter().map(|k| k.value.clone()).collect())
                .unwrap_or_default(),
        },
        hotfixes: facts.hotfixes.iter().map(|h| h.value.clone()).collect(),
        hotfixes_truncated,
        hotfix_count: facts.declared_hotfixes.as_ref().map(|c| c.value),
        acs: AcsReport {
            status: d.status,
            evidence,
            evidence_at: evidence_at.map(|(line, input)| crate::report::SourceRef { input, line }),
            // The contract: null when native or unknown, and when no update exists (only an upgrade).
            required: match (d.status, d.reason) {
                (AcsStatus::Native | AcsStatus::Unknown, _) | (_, AcsReason::NoUpdateExists) => None,
                _ => d.required.first().cloned(),
            },
            confidence: d.confidence,
            reason: d.reason,
            explanation,
        },
        root_ca: HostRootCa { status: cx.root },
        verdict,
        eset_supported: product.and_then(|p| p.eset_supported()),
        summary,
        alert_expected,
        alerts,
        actions,
        warning_codes: warnings.iter().map(|(c, _)| c.clone()).collect(),
        warnings: warnings.into_iter().map(|(_, w)| w).collect(),
        facts: facts_out,
        sources: blocks
            .iter()
            .map(|b| HostSource {
                input: input_name(b.input),
                kind: b.evidence.kind,
                first_line: b.evidence.first_line,
                last_line: b.evidence.last_line,
            })
            .collect(),
    }
}

/// The KB a decision rests on, when it rests on one.
fn proof_kb(d: &AcsDecision) -> String {
    match &d.proof {
        Proof::Kb(k) => k.value.clone(),
        _ => String::new(),
    }
}

fn explanation(d: &AcsDecision, facts: &HostFacts, lang: Lang, product: &str, required: &str) -> String {
    let build = d.product.map_or(0, |p| p.build).to_string();
    let first = d.product.and_then(|p| p.first_revision()).map_or_else(String::new, |r| r.to_string());
    let revision = facts.revision.as_ref().map_or_else(String::new, |r| r.value.to_string());
    let rollup = d.product.and_then(|p| p.rollup_pair());
    let because = match d.reason {
        // Native support that Microsoft does not state (a server build of the Windows 11 code base) cites no source.
        AcsReason::NativeBuild if d.findings.contains(&Observation::InferredNative) => {
            tf(lang, "reason.native_build_inferred", &[("product", product)])
        }
        AcsReason::NativeBuild => tf(lang, "reason.native_build", &[("product", product)]),
        AcsReason::QualifyingKb => {
            let kb = proof_kb(d);
            let row = kb.strip_prefix("KB").and_then(|n| n.parse().ok()).and_then(|n| d.product?.update(n));
            tf(
                lang,
                "reason.qualifying_kb",
                &[
                    ("kb", &kb),
                    ("date", &texts::date(lang, row.map_or("", |r| r.release_date))),
                    ("kind", row.map_or("", |r| kind_word(lang, r.kind))),
                    ("required", required),
                ],
            )
        }
        AcsReason::QualifyingRevision => {
            tf(lang, "reason.qualifying_revision", &[("build", &build), ("revision", &revision), ("first", &first)])
        }
        AcsReason::RevisionTooLow => {
            tf(lang, "reason.revision_too_low", &[("build", &build), ("revision", &revision), ("first", &first)])
        }
        AcsReason::NewerThanData => {
            tf(lang, "reason.newer_than_data", &[("kb", &proof_kb(d)), ("data_as_of", &data_as_of(lang, d))])
        }
        // ESET's products no longer support this Windows: say what the list shows, and name no update as if
        // installing it would make the Windows supported.
        AcsReason::NoQualifyingKb if d.status == AcsStatus::EndOfSupport => {
            tf(lang, "reason.no_qualifying_kb_eos", &[("count", &facts.hotfixes.len().to_string())])
        }
        AcsReason::NoQualifyingKb => match rollup {
            Some((r, s)) => tf(
                lang,
                "reason.no_qualifying_kb_rollup",
                &[
                    ("count", &facts.hotfixes.len().to_string()),
                    ("rollup", &format!("KB{r}")),
                    ("security_only", &format!("KB{s}")),
                ],
            ),
            None => tf(
                lang,
                "reason.no_qualifying_kb",
                &[("count", &facts.hotfixes.len().to_string()), ("required", required)],
            ),
        },
        AcsReason::NoUpdateExists => tf(lang, "reason.no_update_exists", &[("product", product)]),
        AcsReason::HotfixListIncomplete => t(lang, "reason.hotfix_list_incomplete").into(),
        AcsReason::NoHotfixList => t(lang, "reason.no_hotfix_list").into(),
        AcsReason::NoBuild => t(lang, "reason.no_build").into(),
        AcsReason::UnknownBuild => tf(lang, "reason.unknown_build", &[("build", &build)]),
        AcsReason::DataIncomplete => {
            let kb = proof_kb(d);
            let missing = kb
                .strip_prefix("KB")
                .and_then(|n| n.parse().ok())
                .and_then(|n| d.product?.gap_for(n))
                .map_or(UpdateKind::OutOfBand, |g| g.missing);
            tf(
                lang,
                "reason.data_incomplete",
                &[("kb", &kb), ("product", product), ("missing", kind_word(lang, missing))],
            )
        }
        AcsReason::ProductsDisagree => {
            let sep = if lang == Lang::Ja { "、" } else { "; " };
            let detail = d
                .findings
                .iter()
                .find_map(|o| match o {
                    Observation::ProductsDisagree(pairs) => {
                        Some(pairs.iter().map(|(kb, p)| format!("{kb}: {p}")).collect::<Vec<_>>().join(sep))
                    }
                    _ => None,
                })
                .unwrap_or_default();
            tf(lang, "reason.products_disagree", &[("detail", &detail)])
        }
    };
    // A product inferred from the KBs: say so first, and which KBs told.
    match &d.inferred {
        Some(i) if d.reason != AcsReason::ProductsDisagree => {
            let kbs = texts::list(&i.from.iter().map(|k| k.value.clone()).collect::<Vec<_>>());
            let sep = if lang == Lang::Ja { "" } else { " " };
            format!("{}{sep}{because}", tf(lang, "reason.inferred", &[("kbs", &kbs), ("product", product)]))
        }
        _ => because,
    }
}

/// Japanese sentences follow each other without a space; English ones with one.
fn join(lang: Lang, a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty(), lang) {
        (true, _, _) => b.to_owned(),
        (_, true, _) => a.to_owned(),
        (_, _, Lang::Ja) => format!("{a}{b}"),
        (_, _, Lang::En) => format!("{a} {b}"),
    }
}

/// True when the decision rests on evidence about ACS support (for or against), not on its absence.
fn acs_evidence_known(reason: AcsReason) -> bool {
    matches!(
        reason,
        AcsReason::NativeBuild
            | AcsReason::QualifyingKb
            | AcsReason::QualifyingRevision
            | AcsReason::NewerThanData
            | AcsReason::RevisionTooLow
            | AcsReason::NoQualifyingKb
            | AcsReason::NoUpdateExists
    )
}

fn update_not_offered(d: &AcsDecision) -> Option<&'static str> {
    d.findings.iter().find_map(|o| match o {
        Observation::UpdateNotOffered { servicing_end, certain: true } => Some(*servicing_end),
        _ => None,
    })
}

fn summary(d: &AcsDecision, cx: &Context, product: &str, explanation: &str) -> String {
    let lang = cx.lang;
    let required = d.required.first().cloned().unwrap_or_default();
    let p = &[("product", product), ("reason", explanation)];
    let acs = match (d.status, certainty(d.status, d.confidence)) {
        (AcsStatus::Unknown, _) => tf(lang, "summary.unknown", p),
        (AcsStatus::Native, Certainty::Likely) => tf(lang, "summary.native_likely", p),
        (AcsStatus::Native, _) => tf(lang, "summary.native", p),
        (AcsStatus::Patched, Certainty::Likely) => tf(lang, "summary.patched_likely", p),
        (AcsStatus::Patched, _) => {
            let evidence = match &d.proof {
                Proof::Kb(k) => k.value.clone(),
                Proof::Revision { build, revision, .. } => {
                    tf(lang, "ui.check.build_evidence", &[("build", &format!("{build}.{revision}"))])
                }
                Proof::None => explanation.to_owned(),
            };
            tf(lang, "summary.patched", &[("product", product), ("evidence", &evidence)])
        }
        (AcsStatus::NeedsUpdate, Certainty::Likely) => tf(lang, "summary.needs_update_likely", p),
        (AcsStatus::NeedsUpdate, _) if d.reason == AcsReason::NoUpdateExists => {
            tf(lang, "summary.needs_upgrade", &[("product", product)])
        }
        (AcsStatus::NeedsUpdate, _) => match (update_not_offered(d), d.product.and_then(|p| p.rollup_pair())) {
            (Some(end), _) => tf(
                lang,
                "summary.needs_upgrade_edition",
                &[("product", product), ("required", &required), ("end", &texts::date(lang, end))],
            ),
            (None, Some((r, s))) => tf(
                lang,
                "summary.needs_update_rollup",
                &[("product", product), ("rollup", &format!("KB{r}")), ("security_only", &format!("KB{s}"))],
            ),
            (None, None) => tf(lang, "summary.needs_update", &[("product", product), ("required", &required)]),
        },
        // Still say what the inputs show about ACS support, or that they do not show it.
        (AcsStatus::EndOfSupport, certainty) => {
            let eos = if certainty == Certainty::Likely {
                tf(lang, "summary.end_of_support_likely", &[("product", product)])
            } else {
                tf(lang, "summary.end_of_support", &[("product", product)])
            };
            let acs = if acs_evidence_known(d.reason) {
                explanation.to_owned()
            } else {
                tf(lang, "summary.end_of_support_acs_unknown", &[("reason", explanation)])
            };
            join(lang, &eos, &acs)
        }
    };
    let root_key = match cx.root {
        RootCaStatus::Present => "summary.root_present",
        RootCaStatus::Absent => "summary.root_absent",
        RootCaStatus::Lookalike => "summary.root_lookalike",
        RootCaStatus::Unknown => "summary.root_unknown",
    };
    join(lang, &acs, t(lang, root_key))
}

/// The ESET alert in the place(s) it shows.
pub fn alerts(lang: Lang, managed: Managed) -> Vec<Alert> {
    let places: &[AlertPlace] = match managed {
        Managed::No => &[AlertPlace::Client],
        Managed::Yes => &[AlertPlace::Console],
        Managed::Unknown => &[AlertPlace::Client, AlertPlace::Console],
    };
    places
        .iter()
        .map(|&place| {
            let body_key = match place {
                AlertPlace::Client => "alert.body.client",
                AlertPlace::Console => "alert.body.console",
            };
            let translated = lang != Lang::Ja;
            Alert {
                place,
                title: t(lang, "alert.title").into(),
                body: t(lang, body_key).into(),
                lang,
                id: ALERT_ID.into(),
                since: ALERT_SINCE.into(),
                translated,
                original_title: translated.then(|| t(Lang::Ja, "alert.title").into()),
                original_body: translated.then(|| t(Lang::Ja, body_key).into()),
            }
        })
        .collect()
}

fn actions(d: &AcsDecision, facts: &HostFacts, cx: &Context, product: &str, alert: AlertExpected) -> Vec<Action> {
    let lang = cx.lang;
    let mut out = Vec::new();
    let act = |key: &str, args: &[(&str, &str)], url: Option<&str>, command: Option<&str>| Action {
        text: tf(lang, key, args),
        url: url.map(str::to_owned),
        command: command.map(str::to_owned),
    };
    let history = d.product.and_then(|p| p.history_url());
    let required = texts::list(&d.required);
    let likely = certainty(d.status, d.confidence) == Certainty::Likely;
    // A likely result is confirmed by the revision (and the build) that `ver` shows, or else by the
    // product's update history.
    let by_ver = ver_confirms(d.product.map(|p| p.build), d.product.and_then(|p| p.kind), d.inferred.is_some());
    if likely && by_ver {
        out.push(act("action.confirm_revision", &[], None, Some(REVISION_COMMAND)));
    }
    // The update history is offered once: to confirm a likely result, or to find the latest update.
    let history_to_confirm = likely && !by_ver;
    if let (true, Some(url)) = (history_to_confirm, history) {
        out.push(act("action.history", &[("product", product)], Some(url), None));
    }
    let history = history.filter(|_| !history_to_confirm);
    match (d.status, d.reason) {
        (AcsStatus::EndOfSupport, _) => match d.product.and_then(|p| p.end_of_support()).map(|(notice, _)| notice) {
            Some(EndOfSupportNotice::FaqWin7To81) => {
                out.push(act("action.end_of_support_faq", &[], Some(FAQ_URL), None))
            }
            _ => out.push(act("action.end_of_support", &[], Some(ESET_NOTICE_URL), None)),
        },
        (AcsStatus::NeedsUpdate, AcsReason::NoUpdateExists) => {
            out.push(act("action.upgrade", &[], Some(ESET_NOTICE_URL), None));
        }
        (AcsStatus::NeedsUpdate, _) => {
            match (update_not_offered(d), d.product.and_then(|p| p.rollup_pair())) {
                (Some(end), _) => out.push(act(
                    "action.upgrade_edition",
                    &[("end", &texts::date(lang, end))],
                    Some(ESET_NOTICE_URL),
                    None,
                )),
                (None, Some((r, s))) => out.push(act(
                    "action.install_update_rollup",
                    &[("rollup", &format!("KB{r}")), ("security_only", &format!("KB{s}"))],
                    Some(kb5022661_url(lang)),
                    None,
                )),
                (None, None) => {
                    out.push(act("action.install_update", &[("required", &required)], Some(kb5022661_url(lang)), None))
                }
            }
            if let (None, Some(url)) = (update_not_offered(d), history) {
                out.push(act("action.history", &[("product", product)], Some(url), None));
            }
        }
        (AcsStatus::Patched, _) if likely => {
            if let Some(url) = history {
                out.push(act("action.history", &[("product", product)], Some(url), None));
            }
        }
        (AcsStatus::Unknown, AcsReason::HotfixListIncomplete) => {
            out.push(act("action.confirm_revision", &[], None, Some(REVISION_COMMAND)));
            out.push(act("action.provide_hotfixes", &[], None, Some(HOTFIX_COMMAND)));
        }
        (AcsStatus::Unknown, AcsReason::NoHotfixList) => {
            out.push(act("action.confirm_revision", &[], None, Some(REVISION_COMMAND)));
            if !facts.has_hotfix_list || facts.completeness == Some(Completeness::NotListed) {
                out.push(act("action.provide_systeminfo", &[], None, Some(COLLECT_COMMAND)));
            }
        }
        (AcsStatus::Unknown, AcsReason::DataIncomplete) => {
            let first = d.product.and_then(|p| p.first_updates().first().map(|u| u.release_date)).unwrap_or_default();
            out.push(act(
                "action.look_up_kb",
                &[("kb", &proof_kb(d)), ("product", product), ("date", &texts::date(lang, first))],
                history,
                None,
            ));
        }
        (AcsStatus::Unknown, _) => out.push(act("action.provide_systeminfo", &[], None, Some(COLLECT_COMMAND))),
        _ => {}
    }
    if alert != AlertExpected::No {
        out.push(act("action.hide_alert", &[], Some(FAQ_URL), None));
    }
    // The root certificate is needed on every Windows (seed FAQ: 全OS), supported by ESET or not.
    match cx.root {
        RootCaStatus::Absent | RootCaStatus::Lookalike => {
            out.push(act("action.install_root", &[], Some(PKI_REPOSITORY_URL), Some(ROOT_INSTALL_COMMAND)));
            out.push(act("action.root_why", &[], None, None));
        }
        RootCaStatus::Unknown => out.push(act("action.check_root", &[], None, Some(ROOT_CHECK_COMMAND))),
        RootCaStatus::Present => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::{HotfixList, OsVersion};

    fn block(input: usize, kind: InputKind, name: Option<&str>, build: Option<u32>, rev: Option<u32>) -> Block {
        let mut e = HostEvidence::new(kind, 1, 1);
        e.host_name = name.map(|n| Located::new(n.into(), 1));
        e.version = build.map(|b| Located::new(OsVersion { major_minor: None, build: b, revision: rev }, 1));
        Block { input, evidence: e }
    }

    #[test]
    fn ver_joins_its_systeminfo_and_two_hosts_stay_apart() {
        let blocks = vec![
            block(0, InputKind::SysteminfoList, Some("A"), Some(17763), None),
            block(0, InputKind::Ver, None, Some(17763), Some(4010)),
            block(1, InputKind::SysteminfoList, Some("B"), Some(20348), None),
            block(1, InputKind::Ver, None, Some(17763), Some(1)),
        ];
        let groups = group(blocks);
        assert_eq!(groups.len(), 3);
        assert_eq!(groups[0].len(), 2);
        assert_eq!(merge(&groups[0]).revision.map(|r| r.value), Some(4010));
    }

    #[test]
    fn bare_hotfix_lists_join_the_only_host() {
        let mut hf = block(1, InputKind::WmicQfe, None, None, None);
        hf.evidence.hotfixes = Some(HotfixList {
            items: vec![Located::new("KB5031361".into(), 3)],
            declared: None,
            completeness: Completeness::Complete,
            other_entries: 0,
        });
        let groups = group(vec![block(0, InputKind::SysteminfoList, Some("A"), Some(17763), None), hf]);
        assert_eq!(groups.len(), 1);
        let f = merge(&groups[0]);
        assert_eq!((f.hotfixes.len(), f.completeness), (1, Some(Completeness::Complete)));
    }

    const SERVER_2019: &str =
        "Host Name:                 WIN-A\nOS Name:                   Microsoft Windows Server 2019 Standard\n\
                               OS Version:                10.0.17763 N/A Build 17763\n";

    /// Line numbers are per input: evidence read from the second file points at the second file.
    #[test]
    fn evidence_names_the_input_it_was_read_from() {
        use crate::{check, Input, Options};
        let r = check(
            &[
                Input::text("systeminfo.txt", SERVER_2019),
                Input::text("ver.txt", "\nMicrosoft Windows [Version 10.0.17763.4010]\n"),
            ],
            &Options::default(),
        );
        assert_eq!(r.hosts.len(), 1);
        let at = r.hosts[0].acs.evidence_at.clone().expect("evidence");
        assert_eq!((at.input.as_str(), at.line), ("ver.txt", 2));
        let revision = r.hosts[0].facts.iter().find(|f| f.field == "revision").expect("revision fact");
        assert_eq!((revision.input.as_str(), revision.line), ("ver.txt", 2));
        let build = r.hosts[0].facts.iter().find(|f| f.field == "build").expect("build fact");
        assert_eq!((build.input.as_str(), build.line), ("systeminfo.txt", 3));
    }

    /// The same host name with another build is another machine (or the same one reinstalled): two
    /// hosts, and a revision of one build never decides for the other.
    #[test]
    fn same_name_other_build_stays_apart() {
        use crate::{check, AcsStatus, Input, Options};
        let server_2022 = SERVER_2019.replace("Server 2019", "Server 2022").replace("17763", "20348");
        let r = check(
            &[
                Input::text("before.txt", SERVER_2019),
                Input::text("after.txt", format!("{server_2022}\nMicrosoft Windows [Version 10.0.20348.2113]\n")),
            ],
            &Options::default(),
        );
        assert_eq!(r.hosts.len(), 2);
        assert_eq!(r.hosts[0].os.build, Some(17763));
        assert_eq!(r.hosts[0].os.revision, None);
        assert_eq!((r.hosts[1].os.build, r.hosts[1].acs.status), (Some(20348), AcsStatus::Patched));
    }

    /// `evidence` is what proves support, `required` is null when the status is unknown.
    #[test]
    fn evidence_and_required_follow_the_contract() {
        use crate::{check, AcsStatus, Input, Options};
        let too_low = check(&[Input::text("v", "Microsoft Windows [Version 10.0.17763.2183]\n")], &Options::default());
        let acs = &too_low.hosts[0].acs;
        assert_eq!(
            (acs.status, acs.evidence.as_deref(), acs.required.as_deref()),
            (AcsStatus::NeedsUpdate, None, Some("KB5005625"))
        );
        let unknown = check(&[Input::text("s", SERVER_2019)], &Options::default());
        let acs = &unknown.hosts[0].acs;
        assert_eq!((acs.status, acs.required.as_deref()), (AcsStatus::Unknown, None));
    }

    #[test]
    fn alerts_follow_the_managed_option() {
        assert_eq!(alerts(Lang::Ja, Managed::No).iter().map(|a| a.place).collect::<Vec<_>>(), vec![AlertPlace::Client]);
        assert_eq!(
            alerts(Lang::Ja, Managed::Yes).iter().map(|a| a.place).collect::<Vec<_>>(),
            vec![AlertPlace::Console]
        );
        let both = alerts(Lang::En, Managed::Unknown);
        assert_eq!(both.len(), 2);
        assert!(both
            .iter()
            .all(|a| a.translated && a.original_title.as_deref() == Some("Azure Code Signingのサポートがありません")));
        assert!(alerts(Lang::Ja, Managed::Yes)[0]
            .body
            .contains("https://eset-support.canon-its.jp/faq/show/25954?site_domain=business"));
    }
}
