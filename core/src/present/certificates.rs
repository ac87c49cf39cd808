//! The report's `certificates` list: every certificate read from any input, once per input (deduplicated
//! by SHA-256: a root imported by hand while also in AuthRoot, or the ACS signature's twice-listed leaf,
//! appears once), with its role and a note in the report's language.
//!
//! Listings (certutil, PowerShell) show thumbprints, not certificates, so their entries are not in this
//! list; they count for the root-CA status only.

use std::collections::HashSet;

use crate::certs::root::{claim, dn_claims_root, role, Claim};
use crate::certs::{pinned, CertEntry, ClaimSource, ListingEntry, RootDetail, StoreScope};
use crate::evidence::Finding;
use crate::report::{wire_name, CertRole, CertificateReport, DateStr, Lang};
use crate::tables::PinnedRole;
use crate::texts::{t, tf};
use crate::util::{format_time, hex_upper};

/// The root-CA status explained: the `root.<detail>` text with the input it is about and the
/// thumbprint a look-alike shows.
pub fn root_detail(lang: Lang, detail: RootDetail, input: &str, thumbprint: Option<&str>) -> String {
    let key = format!("root.{}", wire_name(&detail));
    tf(lang, &key, &[("input", input), ("thumbprint", thumbprint.unwrap_or(""))])
}

/// True when a certificate with this `not_after` (RFC 3339) had expired by `today`. "Today" is a date
/// without a time, so a certificate counts as expired from the day after its notAfter date.
pub fn expired(not_after: &str, today: DateStr) -> bool {
    not_after.get(..10).is_some_and(|d| d < today.as_str())
}

fn note(e: &CertEntry, role: CertRole, scope: StoreScope, lang: Lang, today: Option<DateStr>) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    match role {
        CertRole::RequiredRoot => parts.push(t(lang, "cert.note.required_root").to_owned()),
        CertRole::AcsIntermediate => {
            if let Some(p) = pinned::by_sha256(&e.info.sha256) {
                let date = p.not_after.get(..10).unwrap_or(p.not_after);
                let key = match today {
                    Some(d) if expired(p.not_after, d) => "cert.note.acs_intermediate_expired",
                    _ => "cert.note.acs_intermediate",
                };
                parts.push(tf(lang, key, &[("name", p.name), ("not_after", &crate::texts::date(lang, date))]));
            }
        }
        CertRole::Lookalike if claim(e) == Some(Claim::Name) => {
            parts.push(t(lang, "cert.note.lookalike_name").to_owned())
        }
        CertRole::Lookalike => parts.push(t(lang, "cert.note.lookalike_thumbprint").to_owned()),
        CertRole::Other => {}
    }
    if let Some(c) = e.claimed.filter(|c| c.sha1 != e.info.sha1) {
        let key = match c.by {
            ClaimSource::RegistryKey => "cert.note.claim_mismatch_registry",
            ClaimSource::StoredProperty => "cert.note.claim_mismatch_sst",
        };
        parts.push(tf(lang, key, &[("claimed", &hex_upper(&c.sha1)), ("sha1", &hex_upper(&e.info.sha1))]));
    }
    if scope == StoreScope::Signature {
        parts.push(t(lang, "cert.note.signature").to_owned());
    }
    // Japanese sentences follow each other without a space.
    let sep = if lang == Lang::Ja { "" } else { " " };
    (!parts.is_empty()).then(|| parts.join(sep))
}

/// One report entry.
pub fn certificate_report(
    e: &CertEntry,
    scope: StoreScope,
    source: &str,
    lang: Lang,
    today: Option<DateStr>,
) -> CertificateReport {
    let role = role(e);
    let not_after = format_time(e.info.not_after);
    let expired = today.map(|d| expired(&not_after, d));
    CertificateReport {
        subject: Some(e.info.subject.clone()),
        issuer: Some(e.info.issuer.clone()),
        serial: Some(hex_upper(&e.info.serial)),
        not_before: Some(format_time(e.info.not_before)),
        not_after: Some(not_after),
        sha1: Some(hex_upper(&e.info.sha1)),
        sha256: Some(hex_upper(&e.info.sha256)),
        role,
        source: source.to_owned(),
        key: Some(e.info.key.clone()),
        signature_algorithm: Some(e.info.signature_algorithm.clone()),
        expired,
        note: note(e, role, scope, lang, today),
        line: e.line,
    }
}

/// The role of a certificate a listing shows by its thumbprint: the root, a pinned ACS intermediate,
/// a look-alike (the root's name with another thumbprint), or other.
fn listing_role(e: &ListingEntry) -> CertRole {
    let pinned = e.sha1.and_then(|h| pinned::by_sha1(&hex_upper(&h)));
    match pinned.map(|p| p.role) {
        Some(PinnedRole::RequiredRoot) => CertRole::RequiredRoot,
        Some(PinnedRole::AcsIntermediate) => CertRole::AcsIntermediate,
        _ if e.subject.as_deref().is_some_and(dn_claims_root) => CertRole::Lookalike,
        _ => CertRole::Other,
    }
}

/// One report entry for a certificate a store listing shows: the fields it shows, the others `null`.
pub fn listing_report(e: &ListingEntry, source: &str, lang: Lang) -> CertificateReport {
    let role = listing_role(e);
    let sha1 = e.sha1.map(|h| hex_upper(&h));
    let mut parts = vec![t(lang, "cert.note.listing").to_owned()];
    if role == CertRole::AcsIntermediate {
        if let Some(p) = sha1.as_deref().and_then(pinned::by_sha1) {
            parts.insert(0, tf(lang, "cert.note.acs_intermediate_listing", &[("name", p.name)]));
        }
    }
    if role == CertRole::Lookalike {
        parts.insert(0, t(lang, "cert.note.lookalike_name").to_owned());
    }
    let sep = if lang == Lang::Ja { "" } else { " " };
    CertificateReport {
        subject: e.subject.clone(),
        issuer: e.issuer.clone(),
        serial: e.serial.clone(),
        not_before: None,
        not_after: None,
        sha1,
        sha256: None,
        role,
        source: source.to_owned(),
        key: None,
        signature_algorithm: None,
        expired: None,
        note: Some(parts.join(sep)),
        line: Some(e.line),
    }
}

/// The `certificates` list for inputs `(name, findings)`, in input order.
pub fn certificate_reports(
    inputs: &[(&str, &[Finding])],
    lang: Lang,
    today: Option<DateStr>,
) -> Vec<CertificateReport> {
    let mut out = Vec::new();
    for (name, findings) in inputs {
        let mut seen: HashSet<[u8; 32]> = HashSet::new();
        let mut seen_sha1: HashSet<[u8; 20]> = HashSet::new();
        for f in findings.iter() {
            if let Finding::Certificates(set) = f {
                for c in &set.certs {
                    if seen.insert(c.info.sha256) {
                        seen_sha1.insert(c.info.sha1);
                        out.push(certificate_report(c, set.scope, name, lang, today));
                    }
                }
            }
        }
        // Store listings show certificates by thumbprint and name: each once per input, and not again
        // when the same input also holds the certificate's bytes.
        for f in findings.iter() {
            if let Finding::StoreListing(l) = f {
                for e in l.entries.iter().take(crate::certs::MAX_CERTIFICATES) {
                    let new = match e.sha1 {
                        Some(h) => seen_sha1.insert(h),
                        None => e.subject.is_some(),
                    };
                    if new {
                        out.push(listing_report(e, name, lang));
                    }
                }
            }
        }
    }
    out
}
