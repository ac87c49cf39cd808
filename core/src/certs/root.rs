//! Roles of certificates, and the report contract's root-CA rules over all certificate evidence.
//!
//! Roles (certificates.md §1–§2):
//! - `required_root`: byte-identical (SHA-256) to the pinned root. Never by name.
//! - `acs_intermediate`: byte-identical to a pinned ACS intermediate (PCA 2021, EOC/AOC CA 01–04,
//!   Public RSA Timestamping CA 2020).
//! - `lookalike`: not the root, but claims it: its subject CN is the root's exact name (compared
//!   ignoring ASCII/Unicode case and runs of white space, which a person reading a certificate dialog
//!   cannot tell apart), or its container files it under the root's thumbprint (registry key name,
//!   stored SHA-1 property). "Microsoft Identity Verification **TEST ONLY** Root …" and "Microsoft
//!   **Enterprise** Identity Verification Root …" are other names, so they are `other`: they are
//!   other roots, not claims to be this one. A certificate merely *issued by* that name is not a
//!   look-alike either.
//! - `other`: everything else.
//!
//! Root-CA status, in order (report-contract.md):
//! 1. `present`: the root's bytes anywhere (preferred as evidence), else a listing entry whose SHA-1
//!    is the root's thumbprint. A listing proves the thumbprint, a file proves the bytes.
//! 2. `lookalike`: something claims the root (a certificate as above, or a listing entry whose subject
//!    CN is the root's name with another thumbprint) and the genuine root is nowhere.
//! 3. `absent`: a listing or export of a trusted-root store (`Root`, `AuthRoot`) without the root, or
//!    a "not found" answer to a query for it. A listing counts only when it is complete (every entry's
//!    thumbprint readable), unfiltered (no id or `| findstr` in its command) and read without problems.
//!    A not-found answer counts when its query is the root (thumbprint, with or without spaces, or its
//!    name) or, when the command line is not in the paste, when nothing says it was another store:
//!    the tool itself suggests `certutil -store Root F40042E2…`, so a bare CRYPT_E_NOT_FOUND is read
//!    as that query's answer.
//! 4. `unknown`: anything else. Certificates carried by a signature never count (an embedded root
//!    proves nothing about the host).

use serde::{Deserialize, Serialize};

use super::{parse_sha1, pinned};
use super::{CertEntry, CertRole, ClaimSource, RootCaStatus, StoreListing, StoreScope, ROOT_SHA1_HEX, ROOT_SUBJECT_CN};
use crate::evidence::{Finding, InputKind};
use crate::tables::PinnedRole;
use crate::util::hex_upper;

/// Why the root-CA status is what it is: a stable code (the words are the `root.<code>` rows of
/// `data/texts.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RootDetail {
    PresentBytes,
    PresentListing,
    Lookalike,
    LookalikeThumbprint,
    LookalikeListing,
    AbsentExport,
    AbsentListing,
    AbsentNotFound,
    AbsentNotFoundPs,
    Unknown,
    UnknownSignature,
    UnknownRegistry,
    UnknownPartial,
    UnknownOtherStore,
    UnknownNotStore,
}

/// The root-CA decision over all certificate evidence of a check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RootDecision {
    pub status: RootCaStatus,
    /// Index of the deciding input, and the line in it.
    pub input: Option<usize>,
    pub line: Option<u32>,
    /// Why (the `root.*` text that explains it).
    pub detail: RootDetail,
    /// The thumbprint a look-alike listing entry shows (for the `{thumbprint}` of its text).
    pub thumbprint: Option<String>,
    /// When the status is unknown although there was certificate evidence: the input the `detail`
    /// text talks about (a filtered listing, another store, a signature). It decided nothing, so it is
    /// not the report's `evidence`.
    pub about: Option<usize>,
}

/// How something claims to be the root without being it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// Its subject CN is the root's name.
    Name,
    /// Its container files it under the root's thumbprint.
    Thumbprint(ClaimSource),
}

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// True when `cn` is the root's common name (case and white space runs ignored).
pub fn claims_root_name(cn: &str) -> bool {
    normalise(cn) == normalise(ROOT_SUBJECT_CN)
}

/// True when a DN string (as certutil or PowerShell print it) has a `CN=` that is the root's name.
pub fn dn_claims_root(dn: &str) -> bool {
    dn.split([',', '+']).any(|part| {
        let p = part.trim();
        p.get(..3).is_some_and(|k| k.eq_ignore_ascii_case("CN=")) && claims_root_name(p[3..].trim().trim_matches('"'))
    })
}

pub fn is_root(e: &CertEntry) -> bool {
    e.info.is_pinned_root()
}

/// How a certificate that is not the root claims to be it, if it does.
pub fn claim(e: &CertEntry) -> Option<Claim> {
    if is_root(e) {
        return None;
    }
    if let Some(c) = e.claimed.filter(|c| hex_upper(&c.sha1) == ROOT_SHA1_HEX) {
        return Some(Claim::Thumbprint(c.by));
    }
    e.info.subject_cns.iter().any(|cn| claims_root_name(cn)).then_some(Claim::Name)
}

/// The certificate's role in the report.
pub fn role(e: &CertEntry) -> CertRole {
    if is_root(e) {
        CertRole::RequiredRoot
    } else if pinned::by_sha256(&e.info.sha256).is_some_and(|r| r.role == PinnedRole::AcsIntermediate) {
        CertRole::AcsIntermediate
    } else if claim(e).is_some() {
        CertRole::Lookalike
    } else {
        CertRole::Other
    }
}

/// True when a certutil/PowerShell query id names the root (its thumbprint, spaced or not, or its name).
fn query_is_root(q: &str) -> bool {
    let q = q.trim().trim_matches('"').trim_matches('\'');
    parse_sha1(q).is_some_and(|s| hex_upper(&s) == ROOT_SHA1_HEX) || claims_root_name(q)
}

fn not_found_counts(l: &StoreListing) -> bool {
    let Some(nf) = &l.not_found else { return false };
    nf.query.as_deref().is_none_or(query_is_root) && (l.scope == StoreScope::TrustedRoot || l.store.is_none())
}

fn decision(status: RootCaStatus, input: usize, line: Option<u32>, detail: RootDetail) -> RootDecision {
    RootDecision { status, input: Some(input), line, detail, thumbprint: None, about: None }
}

/// Applies the contract's root-CA rules to the certificate evidence `(input index, finding)`.
pub fn root_status(findings: &[(usize, &Finding)]) -> RootDecision {
    let mut listed: Option<RootDecision> = None;
    let mut lookalike: Option<RootDecision> = None;
    let mut absent: Option<RootDecision> = None;
    // Why evidence that decided nothing decided nothing: (rank, input, text key); lowest rank wins.
    let mut hint: Option<(u8, usize, RootDetail)> = None;
    let mut note = |rank: u8, input: usize, key: RootDetail| {
        if hint.is_none_or(|(r, _, _)| rank < r) {
            hint = Some((rank, input, key));
        }
    };
    for (input, f) in findings {
        let input = *input;
        match f {
            Finding::Certificates(set) if set.scope == StoreScope::Signature => {
                note(2, input, RootDetail::UnknownSignature)
            }
            Finding::Certificates(set) => {
                if let Some(c) = set.certs.iter().find(|c| is_root(c)) {
                    return decision(RootCaStatus::Present, input, c.line, RootDetail::PresentBytes);
                }
                for c in &set.certs {
                    if lookalike.is_some() {
                        break;
                    }
                    lookalike = claim(c).map(|k| {
                        let detail = match k {
                            Claim::Name => RootDetail::Lookalike,
                            Claim::Thumbprint(_) => RootDetail::LookalikeThumbprint,
                        };
                        RootDecision {
                            thumbprint: Some(hex_upper(&c.info.sha1)),
                            ..decision(RootCaStatus::Lookalike, input, c.line, detail)
                        }
                    });
                }
                if set.scope == StoreScope::TrustedRoot && set.problems.is_empty() && absent.is_none() {
                    let detail = match set.kind {
                        InputKind::Sst | InputKind::Pkcs7 => RootDetail::AbsentExport,
                        _ => RootDetail::AbsentListing,
                    };
                    absent = Some(decision(RootCaStatus::Absent, input, set.first_line, detail));
                } else if set.kind == InputKind::RegCertificates {
                    note(0, input, RootDetail::UnknownRegistry);
                } else if set.scope == StoreScope::TrustedRoot
                    || set.store.as_deref().is_some_and(super::is_trusted_root_store)
                {
                    note(0, input, RootDetail::UnknownPartial);
                } else if set.store.is_some() {
                    note(1, input, RootDetail::UnknownOtherStore);
                } else {
                    note(3, input, RootDetail::UnknownNotStore);
                }
            }
            Finding::StoreListing(l) => {
                let root_sha1 = parse_sha1(ROOT_SHA1_HEX);
                if let Some(e) = l.entries.iter().find(|e| e.sha1.is_some() && e.sha1 == root_sha1) {
                    listed.get_or_insert_with(|| {
                        decision(RootCaStatus::Present, input, Some(e.line), RootDetail::PresentListing)
                    });
                    continue;
                }
                if lookalike.is_none() {
                    let e =
                        l.entries.iter().find(|e| e.sha1.is_some() && e.subject.as_deref().is_some_and(dn_claims_root));
                    lookalike = e.map(|e| RootDecision {
                        thumbprint: e.sha1.map(|s| hex_upper(&s)),
                        ..decision(RootCaStatus::Lookalike, input, Some(e.line), RootDetail::LookalikeListing)
                    });
                }
                if not_found_counts(l) {
                    let line = l.not_found.as_ref().map(|n| n.line);
                    let detail = match l.kind {
                        InputKind::PowershellCerts => RootDetail::AbsentNotFoundPs,
                        _ => RootDetail::AbsentNotFound,
                    };
                    absent.get_or_insert_with(|| decision(RootCaStatus::Absent, input, line, detail));
                } else if l.kind == InputKind::RegCertificates {
                    note(0, input, RootDetail::UnknownRegistry);
                } else if l.not_found.is_some() || (l.scope == StoreScope::Other && l.store.is_some()) {
                    note(1, input, RootDetail::UnknownOtherStore);
                } else if l.scope == StoreScope::TrustedRoot && l.filter.is_none() && l.complete {
                    let line = Some(l.first_line);
                    absent
                        .get_or_insert_with(|| decision(RootCaStatus::Absent, input, line, RootDetail::AbsentListing));
                } else if l.scope == StoreScope::TrustedRoot {
                    note(0, input, RootDetail::UnknownPartial);
                }
            }
            Finding::Host(_) => {}
        }
    }
    listed.or(lookalike).or(absent).unwrap_or(RootDecision {
        status: RootCaStatus::Unknown,
        input: None,
        line: None,
        detail: hint.map_or(RootDetail::Unknown, |(_, _, key)| key),
        thumbprint: None,
        about: hint.map(|(_, input, _)| input),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(claims_root_name("Microsoft Identity Verification Root Certificate Authority 2020"));
        assert!(claims_root_name("microsoft  identity verification root certificate authority 2020 "));
        assert!(!claims_root_name("Microsoft Identity Verification TEST ONLY Root Certificate Authority 2020"));
        assert!(!claims_root_name("Microsoft Enterprise Identity Verification Root Certificate Authority 2020"));
        assert!(dn_claims_root(
            "CN=Microsoft Identity Verification Root Certificate Authority 2020, O=Microsoft Corporation, C=US"
        ));
        assert!(!dn_claims_root("CN=Microsoft ID Verified Code Signing PCA 2021, O=Microsoft Corporation, C=US"));
        assert!(!dn_claims_root("CN=Microsoft Identity Verification Root…"));
    }

    #[test]
    fn queries() {
        assert!(query_is_root("F40042E2E5F7E8EF8189FED15519AECE42C3BFA2"));
        assert!(query_is_root("\"f4 00 42 e2 e5 f7 e8 ef 81 89 fe d1 55 19 ae ce 42 c3 bf a2\""));
        assert!(query_is_root("Microsoft Identity Verification Root Certificate Authority 2020"));
        assert!(!query_is_root("8E750F459DAF9A79D6370DB747AD2226866AD818"));
    }
}
