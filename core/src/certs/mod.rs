//! Certificates and certificate-store evidence: the second half of the check (is the root
//! "Microsoft Identity Verification Root Certificate Authority 2020" trusted?).

use crate::evidence::{InputKind, Located};

/// The pinned root, as Microsoft publishes it (`data/certs/ms-identity-verification-root-2020.pem`).
pub const ROOT_SHA1_HEX: &str = "F40042E2E5F7E8EF8189FED15519AECE42C3BFA2";
pub const ROOT_SHA256_HEX: &str = "5367F20C7ADE0E2BCA790915056D086B720C33C1FA2A2661ACF787E3292E1270";
pub const ROOT_SUBJECT_CN: &str = "Microsoft Identity Verification Root Certificate Authority 2020";

/// What a set of certificates or a listing says about the trusted-root store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreScope {
    /// An export or listing of a trusted-root store (`Root`, `AuthRoot`): absence of the root means absent.
    TrustedRoot,
    /// A listing or export of another store (`My`, `CA`, …), or files that say nothing about a store.
    Other,
}

/// One certificate found in an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertEntry {
    pub der: Vec<u8>,
    /// Line of a PEM block or registry key, when the input is text.
    pub line: Option<u32>,
}

/// Certificates found in one input (a DER file, PEM blocks, a PKCS#7 or SST export, a registry export).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateSet {
    pub kind: InputKind,
    pub scope: StoreScope,
    pub certs: Vec<CertEntry>,
}

/// One entry of a text listing of a store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListingEntry {
    /// The SHA-1 thumbprint, when the listing shows it whole (PowerShell 7 can cut columns).
    pub sha1: Option<[u8; 20]>,
    pub subject: Option<String>,
    pub line: u32,
}

/// A text listing of a certificate store (certutil, PowerShell), or certutil's answer to a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreListing {
    pub kind: InputKind,
    pub scope: StoreScope,
    pub entries: Vec<ListingEntry>,
    /// `certutil -store Root <id>` answered CRYPT_E_NOT_FOUND: the queried id and the line of the answer.
    pub not_found: Option<Located<String>>,
}

/// Finds certificate-store listings and PEM certificates in decoded text.
pub fn recognise_text(_text: &str) -> Vec<crate::evidence::Finding> {
    // The certificate recognisers (certutil, PowerShell, PEM, registry exports) come with the
    // root-CA work; until then text holds no certificate evidence.
    Vec::new()
}

/// Recognises a binary certificate file (DER, PKCS#7, SST). `None` when the bytes are none of these.
pub fn recognise_bytes(_bytes: &[u8]) -> Option<crate::evidence::Finding> {
    None
}

/// The root-CA decision over all certificate evidence of a check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RootDecision {
    pub status: crate::report::RootCaStatus,
    /// Index of the deciding input, and the line in it.
    pub input: Option<usize>,
    pub line: Option<u32>,
    /// The `root.*` text key that explains it.
    pub detail: &'static str,
}

fn hex_upper(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// SHA-1 and SHA-256 of a certificate, upper-case hex without separators (as Windows shows them).
pub fn thumbprints(der: &[u8]) -> (String, String) {
    use sha1::Digest as _;
    (hex_upper(&sha1::Sha1::digest(der)), hex_upper(&sha2::Sha256::digest(der)))
}

/// Applies the contract's root-CA rules to the certificate evidence `(input index, finding)`.
pub fn root_status(findings: &[(usize, &crate::evidence::Finding)]) -> RootDecision {
    use crate::evidence::Finding;
    use crate::report::RootCaStatus;
    let mut absent: Option<RootDecision> = None;
    for (input, f) in findings {
        match f {
            Finding::Certificates(set) => {
                for c in &set.certs {
                    if thumbprints(&c.der).1 == ROOT_SHA256_HEX {
                        return RootDecision {
                            status: RootCaStatus::Present,
                            input: Some(*input),
                            line: c.line,
                            detail: "root.present_bytes",
                        };
                    }
                }
                if set.scope == StoreScope::TrustedRoot && absent.is_none() {
                    let line = set.certs.first().and_then(|c| c.line);
                    absent = Some(RootDecision {
                        status: RootCaStatus::Absent,
                        input: Some(*input),
                        line,
                        detail: "root.absent_listing",
                    });
                }
            }
            Finding::StoreListing(l) => {
                if let Some(e) = l.entries.iter().find(|e| e.sha1.is_some_and(|s| hex_upper(&s) == ROOT_SHA1_HEX)) {
                    return RootDecision {
                        status: RootCaStatus::Present,
                        input: Some(*input),
                        line: Some(e.line),
                        detail: "root.present_listing",
                    };
                }
                if let Some(nf) = &l.not_found {
                    if nf.value.replace(' ', "").eq_ignore_ascii_case(ROOT_SHA1_HEX) && absent.is_none() {
                        absent = Some(RootDecision {
                            status: RootCaStatus::Absent,
                            input: Some(*input),
                            line: Some(nf.line),
                            detail: "root.absent_not_found",
                        });
                    }
                } else if l.scope == StoreScope::TrustedRoot && absent.is_none() {
                    let line = l.entries.first().map(|e| e.line);
                    absent = Some(RootDecision {
                        status: RootCaStatus::Absent,
                        input: Some(*input),
                        line,
                        detail: "root.absent_listing",
                    });
                }
            }
            Finding::Host(_) => {}
        }
    }
    absent.unwrap_or(RootDecision { status: RootCaStatus::Unknown, input: None, line: None, detail: "root.unknown" })
}
