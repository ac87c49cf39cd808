//! Turns PEM blocks, DER files, PKCS#7 and `.sst` stores into [`CertificateSet`]s, and decides what
//! each says about the trusted-root store:
//!
//! - `.sst` and PKCS#7 without signers and content: exports of a store (`Export-Certificate -Type
//!   SST|P7B`, MMC). Neither format records which store. One that holds two or more certificates,
//!   all self-issued, read without problems, is taken as an export of the trusted roots, so a root
//!   missing from it is absent. An export with intermediates (like the derived ACS chain) or end
//!   certificates, or a single certificate, says nothing about the store. (A
//!   `certutil -generateSSTFromWU` file is the root *program's* list, not the host's store: it holds
//!   the root, so it can only ever say "present".) A PKCS#7 with signers is a signature
//!   ([`StoreScope::Signature`]).
//! - DER and PEM certificates: single files, nothing about a store.

use super::error::{BytesError, CertError, Pkcs7Error, Problem, SstError};
use super::pem::{self, PemLabel};
use super::{pkcs7, sst, CertEntry, CertificateSet, ClaimSource, ClaimedSha1, StoreScope};
use crate::asn1::{self, Reader};
use crate::evidence::{Finding, InputKind};

/// Certificates of a PKCS#7 (DER at `base` in a file, or decoded from a PEM block at `line`).
fn pkcs7_set(der: &[u8], line: Option<u32>) -> Result<CertificateSet, CertError> {
    let sd = pkcs7::read(der, 0)?;
    if sd.certs.is_empty() {
        return Err(Pkcs7Error::NoCertificates.into());
    }
    let mut set = CertificateSet::new(InputKind::Pkcs7, StoreScope::Other);
    set.first_line = line;
    let offset = |o: usize| if line.is_none() { Some(o) } else { None };
    for (o, c) in &sd.certs {
        match CertEntry::from_der(c, line, offset(*o)) {
            Ok(e) => set.add_cert(e),
            Err(error) => set.add_problem(Problem { line, offset: offset(*o), error }),
        }
    }
    set.certs_left_out += sd.certs_left_out;
    set.scope = if sd.is_bundle() { export_scope(&set) } else { StoreScope::Signature };
    Ok(set)
}

/// What an export (`.sst`, `.p7b`) says about the store: roots only (two or more, all self-issued,
/// all readable) is an export of the trusted roots; anything else is not known to be one.
fn export_scope(set: &CertificateSet) -> StoreScope {
    let roots_only = set.certs.len() >= 2 && set.certs.iter().all(|c| c.info.self_issued);
    // Certificates left out uncounted for self-issuance: not known to be an export of roots only.
    if set.problems.is_empty() && set.certs_left_out == 0 && roots_only {
        StoreScope::TrustedRoot
    } else {
        StoreScope::Other
    }
}

/// PEM certificates (one set for all `CERTIFICATE` blocks) and PEM PKCS#7 bundles (one set each).
pub(super) fn pem_findings(text: &str) -> Vec<Finding> {
    let blocks = pem::blocks(text);
    let mut certs = CertificateSet::new(InputKind::CertificatePem, StoreScope::Other);
    let mut out = Vec::new();
    for b in blocks {
        let line = Some(b.line);
        match (b.label, b.der) {
            (PemLabel::Certificate, Err(e)) => {
                certs.add_problem(Problem { line, offset: None, error: CertError::Pem(e) })
            }
            (PemLabel::Certificate, Ok(der)) => {
                // `TRUSTED CERTIFICATE` appends OpenSSL's trust settings after the certificate.
                let entry = asn1::parse(&der, 0, "Certificate").map_err(CertError::from).and_then(|(tlv, _)| {
                    if tlv.id == asn1::SEQUENCE {
                        CertEntry::from_der(tlv.raw, line, None)
                    } else {
                        Err(CertError::NotCertificate { first_tag: der.first().copied().unwrap_or(0) })
                    }
                });
                match entry {
                    Ok(e) => certs.add_cert(e),
                    Err(error) => certs.add_problem(Problem { line, offset: None, error }),
                }
            }
            (PemLabel::Pkcs7, der) => {
                let set = der.map_err(CertError::Pem).and_then(|d| pkcs7_set(&d, line));
                match set {
                    Ok(s) => out.push(Finding::Certificates(s)),
                    Err(error) => {
                        let mut s = CertificateSet::new(InputKind::Pkcs7, StoreScope::Other);
                        s.first_line = line;
                        s.add_problem(Problem { line, offset: None, error });
                        out.push(Finding::Certificates(s));
                    }
                }
            }
        }
    }
    if !certs.certs.is_empty() || !certs.problems.is_empty() {
        certs.first_line =
            certs.certs.iter().filter_map(|c| c.line).chain(certs.problems.iter().filter_map(|p| p.line)).min();
        out.insert(0, Finding::Certificates(certs));
    }
    out
}

/// A DER file: one certificate (`.cer`/`.crt`), several concatenated, or a PKCS#7 ContentInfo.
pub(super) fn der_file(bytes: &[u8]) -> Result<CertificateSet, BytesError> {
    // The outer SEQUENCE's header is 3–6 bytes long (`looks_like_der` checked a long-form length).
    let header = 2 + (bytes.get(1).copied().unwrap_or(0x81) & 0x7F) as usize;
    let first_inner = bytes.get(header).copied();
    if first_inner == Some(0x06) {
        return pkcs7_set(bytes, None).map_err(|error| BytesError { kind: InputKind::Pkcs7, error });
    }
    let fail = |error: CertError| BytesError { kind: InputKind::CertificateDer, error };
    if first_inner.is_some_and(|t| t != 0x30) {
        return Err(fail(CertError::NotCertificate { first_tag: first_inner.unwrap_or(0) }));
    }
    let mut set = CertificateSet::new(InputKind::CertificateDer, StoreScope::Other);
    let mut r = Reader::new(bytes, "Certificate");
    while !r.is_empty() {
        let offset = r.offset();
        if r.rest().iter().all(|b| matches!(b, 0 | b'\r' | b'\n' | b' ')) {
            break;
        }
        let item = if r.peek() == Some(asn1::SEQUENCE) {
            r.read().map_err(CertError::from).and_then(|tlv| CertEntry::from_der(tlv.raw, None, Some(offset)))
        } else {
            Err(CertError::TrailingData { offset })
        };
        match item {
            Ok(e) => set.add_cert(e),
            Err(error) if set.certs.is_empty() => return Err(fail(error)),
            Err(error) => {
                set.add_problem(Problem { line: None, offset: Some(offset), error });
                break;
            }
        }
    }
    Ok(set)
}

/// A `.sst` file. The caller has checked the header.
pub(super) fn sst_file(bytes: &[u8]) -> Result<CertificateSet, BytesError> {
    let read = sst::read_file(bytes);
    let fail = |error: CertError| BytesError { kind: InputKind::Sst, error };
    if read.certs.is_empty() {
        return Err(fail(read.error.unwrap_or(SstError::NoCertificates).into()));
    }
    let mut set = CertificateSet::new(InputKind::Sst, StoreScope::TrustedRoot);
    for c in read.certs {
        match CertEntry::from_der(c.der, None, Some(c.offset)) {
            Ok(mut e) => {
                e.claimed = c.claimed_sha1.map(|sha1| ClaimedSha1 { sha1, by: ClaimSource::StoredProperty });
                set.add_cert(e);
            }
            Err(error) => set.add_problem(Problem { line: None, offset: Some(c.offset), error }),
        }
    }
    if let Some(e) = read.error {
        let offset = match e {
            SstError::ElementHeader { offset, .. } | SstError::ElementLength { offset, .. } => Some(offset),
            SstError::NoCertificates => None,
        };
        set.add_problem(Problem { line: None, offset, error: e.into() });
    }
    set.scope = export_scope(&set);
    Ok(set)
}

#[cfg(test)]
mod scope_tests {
    use super::*;
    use crate::certs::pinned;

    /// An `.sst` of the pinned certificates named by `files`, in the serialized-store layout.
    fn sst_of(files: &[&str]) -> Vec<u8> {
        let mut out = vec![0, 0, 0, 0, b'C', b'E', b'R', b'T'];
        for f in files {
            let row = crate::tables::PINNED.iter().find(|r| r.file == *f).expect("pinned file");
            let der = pinned::der(row).expect("pinned PEM");
            out.extend([0x20u32.to_le_bytes(), 1u32.to_le_bytes(), (der.len() as u32).to_le_bytes()].concat());
            out.extend(der);
        }
        out.extend([0u8; 12]);
        out
    }

    #[test]
    fn only_an_export_of_roots_says_what_the_trusted_roots_lack() {
        // Intermediates only (an export of the CA store): says nothing about the trusted roots.
        let cas = sst_file(&sst_of(&["ms-id-verified-code-signing-pca-2021.pem", "ms-id-verified-cs-eoc-ca-04.pem"]));
        assert_eq!(cas.map(|s| s.scope).ok(), Some(StoreScope::Other));
        // One self-issued certificate is a file, not a store.
        let one = sst_file(&sst_of(&["ms-identity-verification-root-2020.pem"]));
        assert_eq!(one.map(|s| s.scope).ok(), Some(StoreScope::Other));
    }
}
