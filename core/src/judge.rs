//! Judgement: the rules of `report-contract.md`, applied to the evidence of one host.
//!
//! The judge never parses text. It takes merged host facts ([`HostFacts`]) and the knowledge tables,
//! and decides the ACS status with the evidence that decided it. Words come from [`crate::texts`].

use crate::evidence::{Completeness, Located, ProductTypeHint};

/// A fact about a host: its value, the input it was read from (index into the check's inputs) and
/// the 1-based line in that input. Line numbers are per input, so both are needed to point at it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced<T> {
    pub value: T,
    pub input: usize,
    pub line: u32,
}

impl<T: Clone> Sourced<T> {
    pub fn from(input: usize, located: &Located<T>) -> Sourced<T> {
        Sourced { value: located.value.clone(), input, line: located.line }
    }
}
use crate::report::{AcsReason, AcsStatus, AlertExpected, Confidence, OsKind, RootCaStatus, Verdict};
use crate::tables::{AcsPath, Qualifies, UpdateKind};
use crate::windows::{self, Product};

/// Everything the inputs say about one host, merged from all of its blocks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostFacts {
    pub host_name: Option<Sourced<String>>,
    pub os_name: Option<Sourced<String>>,
    pub build: Option<Sourced<u32>>,
    pub revision: Option<Sourced<u32>>,
    pub product_type: Option<Sourced<ProductTypeHint>>,
    /// Normalised KB ids (`KB` + digits), unique, in input order, with their lines.
    pub hotfixes: Vec<Sourced<String>>,
    /// True when at least one block had a hotfix list (even an empty one).
    pub has_hotfix_list: bool,
    /// The merged completeness: `Complete` when any list is complete, else the first incomplete state.
    pub completeness: Option<Completeness>,
    pub declared_hotfixes: Option<Sourced<u32>>,
}

impl HostFacts {
    pub fn kind_hint(&self) -> Option<OsKind> {
        let from_name = self.os_name.as_ref().and_then(|n| windows::kind_from_name(&n.value));
        from_name.or(match self.product_type.as_ref().map(|p| p.value) {
            Some(ProductTypeHint::Client) => Some(OsKind::Client),
            Some(ProductTypeHint::Server | ProductTypeHint::DomainController) => Some(OsKind::Server),
            None => None,
        })
    }

    pub fn product(&self) -> Option<Product> {
        let build = self.build.as_ref()?.value;
        let ltsc = self.os_name.as_ref().is_some_and(|n| windows::is_ltsc_name(&n.value));
        Some(Product::new(build, self.kind_hint(), ltsc))
    }
}

/// What made the ACS decision, for the report's evidence fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Proof {
    None,
    /// A KB from the hotfix list, with where it was read.
    Kb(Sourced<String>),
    /// The revision, with where it was read.
    Revision {
        build: u32,
        revision: u32,
        input: usize,
        line: u32,
    },
}

/// Things the judge wants said about a host, beyond the status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Observation {
    /// KBs newer than every KB the table knows for this build.
    NewerThanData(Vec<String>),
    /// The client and server products of this build differ and the inputs don't say which.
    ProductAmbiguous,
    /// A qualifying KB is listed but the running revision is below the qualifying build: a restart is
    /// probably pending.
    RestartPending(String),
    /// A 19044 revision below 1586: a pre-release build (the KB5011487 row of one transcription).
    PreRelease19044,
    /// Native support is inferred for this server build, not stated by Microsoft.
    InferredNative,
    /// Windows 7 / 8.1 / Server 2008 R2: ESET's "degraded protection" since 2023-12-08 (not ACS).
    DegradedProtection,
    /// Only a security-only KB from after October 2021 is listed: security-only updates are not cumulative.
    SecurityOnlyNotCumulative(String),
    /// No build number: the listed KBs fit different Windows versions (KB and the versions it fits,
    /// e.g. `("KB5032189", "Windows 10 21H2 / Windows 10 22H2")`).
    ProductsDisagree(Vec<(String, String)>),
    /// The update is missing, and Windows Update never offered it to this edition: servicing of the client
    /// editions other than LTSB/LTSC ended on `servicing_end`, before it. `certain` when the inputs say the
    /// host is such an edition; otherwise it may be one (the build is shared with LTSC and server).
    UpdateNotOffered { servicing_end: &'static str, certain: bool },
}

/// A product inferred from the KBs of a host that shows no build number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inferred {
    /// The KBs that identified it (the update table gives them to this product family only).
    pub from: Vec<Sourced<String>>,
    /// Every product the KBs fit (one per build), e.g. Windows 10 21H2 and 22H2.
    pub products: Vec<Product>,
}

impl Inferred {
    /// "Windows 10 21H2 / Windows 10 22H2".
    pub fn name(&self) -> String {
        names(&self.products)
    }
}

fn names(products: &[Product]) -> String {
    let mut out: Vec<String> = Vec::new();
    for p in products {
        let n = p.name();
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out.join(" / ")
}

/// The ACS decision for one host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcsDecision {
    pub status: AcsStatus,
    pub reason: AcsReason,
    pub confidence: Option<Confidence>,
    pub proof: Proof,
    /// The first qualifying updates (cumulative first), e.g. `["KB5006743", "KB5006728"]`.
    pub required: Vec<String>,
    pub product: Option<Product>,
    /// Set when the inputs show no build and the product was inferred from the KBs.
    pub inferred: Option<Inferred>,
    pub findings: Vec<Observation>,
}

fn kb(n: u32) -> String {
    format!("KB{n}")
}

fn kb_number(id: &str) -> Option<u32> {
    id.strip_prefix("KB")?.parse().ok()
}

fn undecided() -> AcsDecision {
    AcsDecision {
        status: AcsStatus::Unknown,
        reason: AcsReason::NoBuild,
        confidence: None,
        proof: Proof::None,
        required: Vec::new(),
        product: None,
        inferred: None,
        findings: Vec::new(),
    }
}

/// Decides the ACS status of a host.
pub fn acs(facts: &HostFacts) -> AcsDecision {
    match facts.product() {
        Some(product) => decide(facts, product),
        None => infer(facts),
    }
}

/// No build number: the KBs that the update table gives to one product family identify it. When they
/// agree, the status is judged for that family with `likely` at best; when they disagree, it stays
/// unknown and the report says why.
fn infer(facts: &HostFacts) -> AcsDecision {
    let mut d = undecided();
    let ltsc = facts.os_name.as_ref().is_some_and(|n| windows::is_ltsc_name(&n.value));
    let candidates_of = |updates_builds: &[u32]| -> Vec<Product> {
        updates_builds
            .iter()
            .flat_map(|&u| windows::builds_with_updates_of(u))
            .map(|r| Product::new(r.build, facts.kind_hint(), ltsc))
            .collect()
    };
    // Each KB the table knows, with the builds it is listed under.
    let known: Vec<(&Sourced<String>, Vec<u32>)> = facts
        .hotfixes
        .iter()
        .filter_map(|h| {
            let builds = windows::update_builds_listing(kb_number(&h.value)?);
            (!builds.is_empty()).then_some((h, builds))
        })
        .collect();
    let Some(first) = known.first() else {
        return d;
    };
    let mut common = first.1.clone();
    for (h, builds) in &known[1..] {
        let next: Vec<u32> = common.iter().copied().filter(|b| builds.contains(b)).collect();
        if next.is_empty() {
            d.reason = AcsReason::ProductsDisagree;
            d.findings.push(Observation::ProductsDisagree(vec![
                (first.0.value.clone(), names(&candidates_of(&first.1))),
                (h.value.clone(), names(&candidates_of(builds))),
            ]));
            return d;
        }
        common = next;
    }
    // The KBs that tell: the most specific one, then each that narrows it further.
    let mut by_size: Vec<&(&Sourced<String>, Vec<u32>)> = known.iter().collect();
    crate::util::sort_by_u64_key(&mut by_size, |(_, b)| b.len() as u64);
    let mut from: Vec<Sourced<String>> = Vec::new();
    let mut narrowed: Vec<u32> = Vec::new();
    for (h, builds) in by_size {
        let next: Vec<u32> = if from.is_empty() {
            builds.clone()
        } else {
            narrowed.iter().copied().filter(|b| builds.contains(b)).collect()
        };
        if from.is_empty() || next.len() < narrowed.len() {
            from.push((*h).clone());
            narrowed = next;
        }
        if narrowed.len() == common.len() {
            break;
        }
    }
    let products = candidates_of(&common);
    let decisions: Vec<AcsDecision> = products.iter().map(|&p| decide(facts, p)).collect();
    let same = decisions.windows(2).all(|w| (w[0].status, w[0].reason) == (w[1].status, w[1].reason));
    let supported = |d: &AcsDecision| matches!(d.status, AcsStatus::Native | AcsStatus::Patched);
    let chosen = if same {
        decisions.first().cloned()
    } else if decisions.iter().all(supported) {
        // Whichever it is, it supports ACS: natively, or through the KB that names it.
        decisions.iter().find(|d| d.status == AcsStatus::Patched).cloned()
    } else {
        None
    };
    let Some(mut chosen) = chosen else {
        d.reason = AcsReason::ProductsDisagree;
        let kbs = crate::texts::list(&from.iter().map(|k| k.value.clone()).collect::<Vec<_>>());
        d.findings.push(Observation::ProductsDisagree(products.iter().map(|p| (kbs.clone(), p.name())).collect()));
        d.inferred = Some(Inferred { from, products });
        return d;
    };
    if chosen.confidence.is_some() {
        chosen.confidence = Some(Confidence::Likely);
    }
    chosen.inferred = Some(Inferred { from, products });
    chosen
}

/// Decides the ACS status of a host whose product is known (from its build).
fn decide(facts: &HostFacts, product: Product) -> AcsDecision {
    let mut d = undecided();
    d.product = Some(product);
    if product.kind.is_none() && product.row.is_some_and(|r| r.client_product.is_some() && r.server_product.is_some()) {
        let differs = product
            .row
            .is_some_and(|r| r.client_acs != r.server_acs || r.client_eset_supported != r.server_eset_supported);
        if differs {
            d.findings.push(Observation::ProductAmbiguous);
        }
    }
    d.required = product.first_updates().iter().map(|u| kb(u.kb)).collect();

    match product.acs_path() {
        None => d.reason = AcsReason::UnknownBuild,
        Some(AcsPath::Native) => {
            d.status = AcsStatus::Native;
            d.reason = AcsReason::NativeBuild;
            d.confidence = Some(Confidence::Confirmed);
            if product.kind == Some(OsKind::Server) && matches!(product.build, 25398 | 26100) || product.row.is_none() {
                d.findings.push(Observation::InferredNative);
            }
            if product.build == 19044 && facts.revision.as_ref().is_some_and(|r| r.value < 1586) {
                d.findings.push(Observation::PreRelease19044);
            }
        }
        Some(AcsPath::None) => {
            d.status = AcsStatus::NeedsUpdate;
            d.reason = AcsReason::NoUpdateExists;
            d.confidence = Some(Confidence::Confirmed);
        }
        Some(AcsPath::Update) => by_updates(facts, &product, &mut d),
    }

    if d.status == AcsStatus::NeedsUpdate && d.reason != AcsReason::NoUpdateExists {
        if let Some(e) = product.edition_without_update() {
            let certain = product.kind == Some(OsKind::Client);
            d.findings.push(Observation::UpdateNotOffered { servicing_end: e.servicing_end, certain });
        }
    }
    if product.eset_supported() == Some(false) {
        d.status = AcsStatus::EndOfSupport;
    }
    let degraded = match product.build {
        7600 | 7601 => true,
        9600 => product.kind == Some(OsKind::Client),
        _ => false,
    };
    if degraded {
        d.findings.push(Observation::DegradedProtection);
    }
    d
}

/// A product whose support comes through an update: revision first, then the hotfix list.
fn by_updates(facts: &HostFacts, product: &Product, d: &mut AcsDecision) {
    let build = product.build;
    // The running revision is the strongest evidence: it is what the OS is now.
    let qualifying: Vec<(&Sourced<String>, &'static crate::tables::UpdateRow)> = facts
        .hotfixes
        .iter()
        .filter_map(|h| Some((h, product.update(kb_number(&h.value)?)?)))
        .filter(|(_, u)| u.qualifies != Qualifies::No)
        .collect();
    if let (Some(rev), Some(first)) = (facts.revision.as_ref(), product.first_revision()) {
        d.confidence = Some(Confidence::Confirmed);
        if rev.value >= first {
            d.status = AcsStatus::Patched;
            d.reason = AcsReason::QualifyingRevision;
            d.proof = Proof::Revision { build, revision: rev.value, input: rev.input, line: rev.line };
        } else {
            d.status = AcsStatus::NeedsUpdate;
            d.reason = AcsReason::RevisionTooLow;
            d.proof = Proof::Revision { build, revision: rev.value, input: rev.input, line: rev.line };
            if let Some((h, _)) = qualifying.first() {
                d.findings.push(Observation::RestartPending(h.value.clone()));
            }
        }
        return;
    }

    // The newest qualifying KB in the list (by release date, never by KB arithmetic).
    if let Some((h, _)) = qualifying.iter().max_by(|a, b| a.1.release_date.cmp(b.1.release_date)) {
        d.status = AcsStatus::Patched;
        d.reason = AcsReason::QualifyingKb;
        d.confidence = Some(Confidence::Confirmed);
        d.proof = Proof::Kb((*h).clone());
        return;
    }

    // Security-only KBs after the first month are listed as "no" in the data: say why.
    if let Some(h) = facts.hotfixes.iter().find(|h| {
        kb_number(&h.value).and_then(|n| product.update(n)).is_some_and(|u| {
            u.kind == UpdateKind::SecurityOnly && u.qualifies == Qualifies::No && u.release_date > "2021-10-31"
        })
    }) {
        d.findings.push(Observation::SecurityOnlyNotCumulative(h.value.clone()));
    }

    // KBs newer than the data: probably a later cumulative update, unless servicing ended within the data.
    let max_kb = product.max_kb().unwrap_or(u32::MAX);
    let newer: Vec<&Sourced<String>> =
        facts.hotfixes.iter().filter(|h| kb_number(&h.value).is_some_and(|n| n > max_kb)).collect();
    if !newer.is_empty() && !product.servicing_final() {
        let newest = newer.iter().max_by_key(|h| kb_number(&h.value)).copied();
        d.status = AcsStatus::Patched;
        d.reason = AcsReason::NewerThanData;
        d.confidence = Some(Confidence::Likely);
        d.proof = newest.map_or(Proof::None, |h| Proof::Kb(h.clone()));
        d.findings.push(Observation::NewerThanData(newer.iter().map(|h| h.value.clone()).collect()));
        return;
    }

    match facts.completeness {
        None | Some(Completeness::NotListed) => d.reason = AcsReason::NoHotfixList,
        Some(Completeness::Truncated { .. } | Completeness::Elided) => d.reason = AcsReason::HotfixListIncomplete,
        Some(Completeness::Complete) if facts.hotfixes.is_empty() => d.reason = AcsReason::NoHotfixList,
        Some(Completeness::Complete) => {
            // Every KB is in the table as not qualifying, older than the first qualifying KB, or inside
            // the table's period without being one of its cumulative updates — unless the table is known
            // to lack some of them there (out-of-band rollups): such a KB proves nothing either way.
            let in_gap =
                facts.hotfixes.iter().find(|h| kb_number(&h.value).is_some_and(|n| product.gap_for(n).is_some()));
            if let Some(h) = in_gap {
                d.reason = AcsReason::DataIncomplete;
                d.proof = Proof::Kb(h.clone());
                return;
            }
            d.status = AcsStatus::NeedsUpdate;
            d.reason = AcsReason::NoQualifyingKb;
            d.confidence = Some(Confidence::Confirmed);
        }
    }
}

/// The verdict, exactly as the contract defines it.
pub fn verdict(acs: AcsStatus, root: RootCaStatus) -> Verdict {
    match (acs, root) {
        (AcsStatus::EndOfSupport, _) => Verdict::Unsupported,
        (AcsStatus::NeedsUpdate, _) | (_, RootCaStatus::Absent | RootCaStatus::Lookalike) => Verdict::ActionNeeded,
        (AcsStatus::Native | AcsStatus::Patched, _) => Verdict::Ok,
        (AcsStatus::Unknown, _) => Verdict::Unknown,
    }
}

/// Will the ESET alert about missing ACS support show on this host (the contract's `alert_expected`)?
/// `yes` for `needs_update`, and for `end_of_support` when the inputs show no ACS support on a Windows
/// the ESET program with this alert is known to run on; `no` for `native` and `patched` (also `likely`);
/// `unknown` otherwise.
pub fn alert_expected(d: &AcsDecision) -> AlertExpected {
    match d.status {
        AcsStatus::Native | AcsStatus::Patched => AlertExpected::No,
        AcsStatus::NeedsUpdate => AlertExpected::Yes,
        AcsStatus::Unknown => AlertExpected::Unknown,
        AcsStatus::EndOfSupport => {
            let missing =
                matches!(d.reason, AcsReason::NoQualifyingKb | AcsReason::RevisionTooLow | AcsReason::NoUpdateExists);
            let runs = d.product.and_then(|p| p.end_of_support()).is_some_and(|(_, runs)| runs);
            if missing && runs {
                AlertExpected::Yes
            } else {
                AlertExpected::Unknown
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at<T>(value: T, line: u32) -> Sourced<T> {
        Sourced { value, input: 0, line }
    }

    fn facts(build: u32, name: &str, kbs: &[&str], completeness: Completeness) -> HostFacts {
        HostFacts {
            os_name: (!name.is_empty()).then(|| at(name.to_owned(), 2)),
            build: Some(at(build, 3)),
            hotfixes: kbs.iter().enumerate().map(|(i, k)| at(k.to_string(), 10 + i as u32)).collect(),
            has_hotfix_list: true,
            completeness: Some(completeness),
            ..Default::default()
        }
    }

    #[test]
    fn native_builds() {
        for b in [19044, 19045, 22000, 22631, 26100, 26200] {
            let d = acs(&facts(b, "Microsoft Windows 11 Pro", &[], Completeness::Complete));
            assert_eq!(d.status, AcsStatus::Native, "{b}");
        }
    }

    #[test]
    fn the_first_kb_or_any_later_cumulative_update_counts() {
        let c = Completeness::Complete;
        let d = acs(&facts(17763, "Microsoft Windows Server 2019 Standard", &["KB5005112", "KB5005625"], c));
        assert_eq!((d.status, d.reason), (AcsStatus::Patched, AcsReason::QualifyingKb));
        assert_eq!(d.proof, Proof::Kb(at("KB5005625".into(), 11)));
        // A later LCU (2023-10 for 17763: KB5031361), without the first one.
        let d = acs(&facts(17763, "Microsoft Windows Server 2019 Standard", &["KB5005112", "KB5031361"], c));
        assert_eq!((d.status, d.confidence), (AcsStatus::Patched, Some(Confidence::Confirmed)));
        assert_eq!(d.required, vec!["KB5005625"]);
        // The September 2021 LCU came before the boundary.
        let d = acs(&facts(17763, "Microsoft Windows Server 2019 Standard", &["KB5005568"], c));
        assert_eq!((d.status, d.reason), (AcsStatus::NeedsUpdate, AcsReason::NoQualifyingKb));
    }

    #[test]
    fn newer_than_the_data_is_likely_not_confirmed() {
        // A KB number above every one the table lists for 20348 (the data grows every month).
        let newer = format!("KB{}", Product::new(20348, Some(OsKind::Server), false).max_kb().unwrap() + 1);
        let d = acs(&facts(20348, "Microsoft Windows Server 2022 Standard", &[newer.as_str()], Completeness::Complete));
        assert_eq!(
            (d.status, d.confidence, d.reason),
            (AcsStatus::Patched, Some(Confidence::Likely), AcsReason::NewerThanData)
        );
        // Servicing of 1909 ended within the data: a newer KB cannot be one of its cumulative updates.
        let d = acs(&facts(18363, "Microsoft Windows 10 Pro", &["KB5099999"], Completeness::Complete));
        assert_eq!(d.status, AcsStatus::NeedsUpdate);
    }

    #[test]
    fn truncated_or_missing_lists_prove_nothing() {
        let t = Completeness::Truncated { declared: Some(263), listed: 245 };
        let d = acs(&facts(14393, "Microsoft Windows Server 2016 Datacenter", &["KB3199986"], t));
        assert_eq!((d.status, d.reason), (AcsStatus::Unknown, AcsReason::HotfixListIncomplete));
        let mut f = facts(14393, "Microsoft Windows Server 2016 Datacenter", &[], Completeness::Complete);
        f.completeness = None;
        assert_eq!(acs(&f).reason, AcsReason::NoHotfixList);
    }

    #[test]
    fn revision_decides_when_present() {
        let mut f = facts(17763, "", &[], Completeness::Complete);
        f.completeness = None;
        f.revision = Some(at(4010, 1));
        let d = acs(&f);
        assert_eq!((d.status, d.reason), (AcsStatus::Patched, AcsReason::QualifyingRevision));
        f.revision = Some(at(2183, 1));
        assert_eq!(acs(&f).status, AcsStatus::NeedsUpdate);
    }

    #[test]
    fn security_only_is_not_cumulative() {
        let c = Completeness::Complete;
        // October 2021 security-only qualifies; November 2021 security-only alone does not.
        let d = acs(&facts(9600, "Microsoft Windows Server 2012 R2 Standard", &["KB5006729"], c));
        assert_eq!(d.status, AcsStatus::Patched);
        let d = acs(&facts(9600, "Microsoft Windows Server 2012 R2 Standard", &["KB5007255"], c));
        assert_eq!(d.status, AcsStatus::NeedsUpdate);
        assert!(d.findings.iter().any(|f| matches!(f, Observation::SecurityOnlyNotCumulative(_))));
    }

    #[test]
    fn end_of_support_still_reports_acs_evidence() {
        let d = acs(&facts(7601, "Microsoft Windows 7 Professional", &["KB5006743"], Completeness::Complete));
        assert_eq!((d.status, d.reason), (AcsStatus::EndOfSupport, AcsReason::QualifyingKb));
        assert!(d.findings.contains(&Observation::DegradedProtection));
        let d = acs(&facts(2600, "Microsoft Windows XP Professional", &["KB2934207"], Completeness::Complete));
        assert_eq!((d.status, d.reason), (AcsStatus::EndOfSupport, AcsReason::NoUpdateExists));
    }

    fn hotfixes_only(kbs: &[&str]) -> HostFacts {
        HostFacts {
            hotfixes: kbs.iter().enumerate().map(|(i, k)| at(k.to_string(), 5 + i as u32)).collect(),
            has_hotfix_list: true,
            completeness: Some(Completeness::Complete),
            ..Default::default()
        }
    }

    #[test]
    fn no_build_but_kbs_of_one_family_identify_it() {
        // The 2023-11 cumulative update of Windows 10 21H2/22H2, with KBs the table does not know.
        let d = acs(&hotfixes_only(&["KB5031988", "KB5032189", "KB5031539"]));
        assert_eq!(
            (d.status, d.reason, d.confidence),
            (AcsStatus::Native, AcsReason::NativeBuild, Some(Confidence::Likely))
        );
        let inferred = d.inferred.expect("inferred");
        assert_eq!(inferred.from, vec![at("KB5032189".into(), 6)]);
        assert_eq!(inferred.name(), "Windows 10 21H2 / Windows 10 22H2");
        // A 2022 cumulative update shared by 20H2, 21H1 and 21H2: supported whichever it is, through it or natively.
        let shared = crate::tables::UPDATES
            .iter()
            .find(|u| u.build == 19042 && u.release_date.starts_with("2022-06") && u.kind == UpdateKind::Lcu)
            .map(|u| format!("KB{}", u.kb))
            .expect("a June 2022 LCU of 19042");
        let d = acs(&hotfixes_only(&[&shared]));
        assert_eq!(
            (d.status, d.reason, d.confidence),
            (AcsStatus::Patched, AcsReason::QualifyingKb, Some(Confidence::Likely))
        );
        assert!(d.inferred.expect("inferred").products.len() >= 2);
        // Server 2019's September 2021 update alone: the update is missing, likely.
        let d = acs(&hotfixes_only(&["KB5005568"]));
        assert_eq!((d.status, d.confidence), (AcsStatus::NeedsUpdate, Some(Confidence::Likely)));
        assert_eq!(alert_expected(&d), AlertExpected::Yes);
        // Two KBs narrow the family down: 21H2/22H2 and 20H2/21H1/21H2 leave 21H2.
        let older = crate::tables::UPDATES
            .iter()
            .find(|u| {
                u.build == 19042
                    && windows::update_builds_listing(u.kb) == [19042, 19043, 19044]
                    && u.kind == UpdateKind::Lcu
            })
            .map(|u| format!("KB{}", u.kb))
            .expect("an LCU of 19042, 19043 and 19044");
        let d = acs(&hotfixes_only(&["KB5032189", &older]));
        let inferred = d.inferred.expect("inferred");
        assert_eq!(inferred.name(), "Windows 10 21H2");
        assert_eq!(inferred.from.len(), 2);
    }

    #[test]
    fn disagreeing_kbs_leave_the_status_unknown_and_say_why() {
        // Windows 10 21H2/22H2 and Server 2019 / Windows 10 1809.
        let d = acs(&hotfixes_only(&["KB5032189", "KB5031361"]));
        assert_eq!((d.status, d.reason, d.confidence), (AcsStatus::Unknown, AcsReason::ProductsDisagree, None));
        assert!(d.inferred.is_none());
        let pairs = d.findings.iter().find_map(|f| match f {
            Observation::ProductsDisagree(p) => Some(p.clone()),
            _ => None,
        });
        assert_eq!(
            pairs,
            Some(vec![
                ("KB5032189".into(), "Windows 10 21H2 / Windows 10 22H2".into()),
                ("KB5031361".into(), "Windows 10 1809 / Windows Server 2019".into())
            ])
        );
        // KBs the table does not know identify nothing.
        assert_eq!(acs(&hotfixes_only(&["KB4534131"])).reason, AcsReason::NoBuild);
    }

    /// The table lacks out-of-band rollups for 9600: a KB inside that gap is not proof of a missing update.
    #[test]
    fn a_kb_inside_a_known_gap_of_the_table_makes_the_status_unknown() {
        let server = "Microsoft Windows Server 2012 R2 Standard";
        let product = Product::new(9600, Some(OsKind::Server), false);
        // KB5010794: the out-of-band rollup of 2022-01-17 (windows-acs-support.md §5).
        let d = acs(&facts(9600, server, &["KB5007255", "KB5010794"], Completeness::Complete));
        if product.update(5010794).is_some() {
            // The table lists it now: it is a rollup after October 2021, so it proves support.
            assert_eq!((d.status, d.reason), (AcsStatus::Patched, AcsReason::QualifyingKb));
        } else {
            assert_eq!((d.status, d.reason, d.confidence), (AcsStatus::Unknown, AcsReason::DataIncomplete, None));
            assert_eq!(d.proof, Proof::Kb(at("KB5010794".into(), 11)));
            assert_eq!(alert_expected(&d), AlertExpected::Unknown);
        }
        // Any KB of that period the table does not list is treated alike; KBs before the first
        // qualifying update, or for a build whose table has no known gap, are not.
        let d = acs(&facts(9600, server, &["KB5007255", "KB5010000"], Completeness::Complete));
        assert_eq!((d.status, d.reason), (AcsStatus::Unknown, AcsReason::DataIncomplete));
        let d = acs(&facts(9600, server, &["KB5007255", "KB5005000"], Completeness::Complete));
        assert_eq!((d.status, d.reason), (AcsStatus::NeedsUpdate, AcsReason::NoQualifyingKb));
        let d = acs(&facts(
            17763,
            "Microsoft Windows Server 2019 Standard",
            &["KB5005568", "KB5010000"],
            Completeness::Complete,
        ));
        assert_eq!((d.status, d.reason), (AcsStatus::NeedsUpdate, AcsReason::NoQualifyingKb));
    }

    #[test]
    fn editions_without_the_update_are_told_to_upgrade() {
        let c = Completeness::Complete;
        let education = acs(&facts(17763, "Microsoft Windows 10 Education", &["KB5005568"], c));
        assert!(education
            .findings
            .contains(&Observation::UpdateNotOffered { servicing_end: "2021-05-11", certain: true }));
        let ltsc = acs(&facts(17763, "Microsoft Windows 10 Enterprise LTSC 2019", &["KB5005568"], c));
        let server = acs(&facts(17763, "Microsoft Windows Server 2019 Standard", &["KB5005568"], c));
        for d in [ltsc, server] {
            assert!(!d.findings.iter().any(|f| matches!(f, Observation::UpdateNotOffered { .. })));
        }
        // `ver` alone: it may be one.
        let mut f = facts(14393, "", &[], c);
        f.revision = Some(at(1000, 1));
        let d = acs(&f);
        assert_eq!(d.status, AcsStatus::NeedsUpdate);
        assert!(d.findings.contains(&Observation::UpdateNotOffered { servicing_end: "2019-04-09", certain: false }));
    }

    #[test]
    fn alert_expected_follows_the_contract() {
        let c = Completeness::Complete;
        let yes = |d: &AcsDecision| alert_expected(d);
        assert_eq!(yes(&acs(&facts(19045, "Microsoft Windows 10 Pro", &[], c))), AlertExpected::No);
        // A KB above every one the data lists for 20348: likely patched, so no alert (probably).
        let newer = format!("KB{}", Product::new(20348, None, false).max_kb().unwrap_or(0) + 1);
        assert_eq!(
            yes(&acs(&facts(20348, "Microsoft Windows Server 2022 Standard", &[newer.as_str()], c))),
            AlertExpected::No
        );
        assert_eq!(
            yes(&acs(&facts(17763, "Microsoft Windows Server 2019 Standard", &["KB5005568"], c))),
            AlertExpected::Yes
        );
        let t = Completeness::Truncated { declared: Some(263), listed: 245 };
        assert_eq!(
            yes(&acs(&facts(14393, "Microsoft Windows Server 2016 Standard", &["KB3199986"], t))),
            AlertExpected::Unknown
        );
        // End of support: Windows 7 SP1 without the rollup runs ESET's program with the alert (ESET's
        // notice names it); with the rollup, or on Windows XP, the sources do not say.
        assert_eq!(yes(&acs(&facts(7601, "Microsoft Windows 7 Professional", &["KB5005633"], c))), AlertExpected::Yes);
        assert_eq!(
            yes(&acs(&facts(7601, "Microsoft Windows 7 Professional", &["KB5006743"], c))),
            AlertExpected::Unknown
        );
        assert_eq!(
            yes(&acs(&facts(2600, "Microsoft Windows XP Professional", &["KB2934207"], c))),
            AlertExpected::Unknown
        );
        assert_eq!(
            yes(&acs(&facts(7601, "Microsoft Windows Server 2008 R2 Standard", &["KB5005633"], c))),
            AlertExpected::Unknown
        );
    }

    #[test]
    fn verdict_rules() {
        use AcsStatus::*;
        use RootCaStatus as R;
        assert_eq!(verdict(EndOfSupport, R::Present), Verdict::Unsupported);
        assert_eq!(verdict(NeedsUpdate, R::Present), Verdict::ActionNeeded);
        assert_eq!(verdict(Patched, R::Absent), Verdict::ActionNeeded);
        assert_eq!(verdict(Native, R::Lookalike), Verdict::ActionNeeded);
        assert_eq!(verdict(Patched, R::Unknown), Verdict::Ok);
        assert_eq!(verdict(Unknown, R::Present), Verdict::Unknown);
        assert_eq!(verdict(Unknown, R::Absent), Verdict::ActionNeeded);
    }
}
