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
use crate::report::{AcsReason, AcsStatus, Confidence, OsKind, RootCaStatus, Verdict};
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
    pub findings: Vec<Observation>,
}

fn kb(n: u32) -> String {
    format!("KB{n}")
}

fn kb_number(id: &str) -> Option<u32> {
    id.strip_prefix("KB")?.parse().ok()
}

/// Decides the ACS status of a host.
pub fn acs(facts: &HostFacts) -> AcsDecision {
    let mut d = AcsDecision {
        status: AcsStatus::Unknown,
        reason: AcsReason::NoBuild,
        confidence: None,
        proof: Proof::None,
        required: Vec::new(),
        product: None,
        findings: Vec::new(),
    };
    let Some(product) = facts.product() else {
        return d;
    };
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
            // the table's period without being one of its cumulative updates.
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

/// True when the ESET alert about missing ACS support would show for this host.
pub fn alert_shows(d: &AcsDecision) -> bool {
    matches!(d.status, AcsStatus::NeedsUpdate | AcsStatus::EndOfSupport)
        && matches!(d.reason, AcsReason::NoQualifyingKb | AcsReason::RevisionTooLow | AcsReason::NoUpdateExists)
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
