//! Verification of a signature blob once the file's digests are known: steps (a)–(g) for the primary
//! signature and every nested one.
//!
//! Windows (WinVerifyTrust with the Authenticode policy) is the reference for what counts as valid:
//! - Authenticode SignedData has exactly one SignerInfo, signed attributes with a single
//!   contentType (SpcIndirectDataContent) and messageDigest;
//! - every certificate of the chain must allow code signing (an EKU extension on a CA constrains what
//!   it issues), and the leaf must be valid at the signing time;
//! - a timestamp supplies the signing time only when it verifies and its own chain ends at a root this
//!   checker trusts for timestamps (the pinned ACS root, or a pinned public timestamping root);
//!   otherwise the chain is judged at today's date, and an expired leaf is then not valid;
//! - a result is "Azure Code Signing" only when, in addition, the chain ends at the pinned Microsoft
//!   Identity Verification root, the leaf carries the Trusted Signing EKU, and every digest and
//!   signature algorithm on the way is SHA-256 or stronger with RSA keys of 2048 bits or more (ACS
//!   signs with SHA-256 and 3072-bit keys).

use std::collections::BTreeMap;

use super::chain::{self, Anchors, Chain, ChainOutcome, Pinned};
use super::crypto::DigestAlg;
use super::plan::Layout;
use super::result::*;
use super::spc::{self, SignedKind};
use super::timestamp::{self, Timestamp};
use super::SignatureError;
use crate::certs::{CertInfo, Certificate};
use crate::cms::{self, SignedData};
use crate::oids;
use crate::util::{format_time, hex_upper};

/// What the caller knows that the file does not say.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VerifyOptions {
    /// "Now", seconds since the epoch, for signatures without a trusted timestamp. The core never reads
    /// a clock: `None` leaves their validity unevaluated (and the result then is not ACS).
    pub now: Option<i64>,
}

/// The file's digests, computed by the hashing plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileDigests {
    /// Per algorithm, every digest the file's format accepts (scripts have two canonical forms).
    Computed(BTreeMap<DigestAlg, Vec<Vec<u8>>>),
    /// A detached signature: no file.
    Detached,
}

/// Nested signatures are followed to this depth, and at most this many signatures (primary, nested,
/// unreadable nested) are reported in all.
const MAX_NESTED_DEPTH: usize = 3;
pub const MAX_SIGNATURES: usize = 8;
/// Certificates carried by all the signatures of one file, kept for the report (deduplicated).
pub const MAX_CARRIED_CERTIFICATES: usize = 64;
/// Smallest RSA key an ACS result accepts.
const MIN_RSA_BITS: u32 = 2048;

/// Parses the signature and returns the digest algorithms the file must be hashed with (one per
/// signature, primary and nested).
pub fn required_digests(sig_der: &[u8]) -> Result<Vec<DigestAlg>, SignatureError> {
    let sd = cms::parse_content_info(sig_der).map_err(|e| SignatureError::BadSignature { detail: e.to_string() })?;
    let mut out = Vec::new();
    let mut stack = vec![(sd, 0usize)];
    let mut seen = 0;
    while let Some((sd, depth)) = stack.pop() {
        seen += 1;
        if let Some(alg) = sd.content.as_ref().and_then(|c| spc::parse(c).ok()).and_then(|i| i.digest_alg) {
            if !out.contains(&alg) {
                out.push(alg);
            }
        }
        if depth < MAX_NESTED_DEPTH {
            for si in &sd.signer_infos {
                for raw in timestamp::nested_signatures(si) {
                    if seen + stack.len() >= MAX_SIGNATURES {
                        break;
                    }
                    if let Ok(n) = cms::parse_content_info(raw) {
                        stack.push((n, depth + 1));
                    }
                }
            }
        }
    }
    Ok(out)
}

/// Verifies every signature of a file's layout against the file's digests.
pub fn verify_signature(layout: &Layout, size: u64, digests: &FileDigests, opts: &VerifyOptions) -> SignatureResult {
    let (sig_der, file) = (layout.signature.as_slice(), layout.kind);
    let pinned = match Pinned::get() {
        Ok(p) => p,
        Err(detail) => return SignatureResult::failed(Some(file), size, SignatureError::Internal { detail }),
    };
    let sd = match cms::parse_content_info(sig_der) {
        Ok(sd) => sd,
        Err(e) => {
            return SignatureResult::failed(Some(file), size, SignatureError::BadSignature { detail: e.to_string() })
        }
    };
    let mut signers = Vec::new();
    let mut certificates: Vec<CertInfo> = Vec::new();
    let mut certificates_left_out = 0usize;
    let mut signers_left_out = 0usize;
    let mut queue = std::collections::VecDeque::from([(sd, false, 0usize)]);
    while let Some((sd, nested, depth)) = queue.pop_front() {
        if signers.len() >= MAX_SIGNATURES {
            signers_left_out += 1 + queue.len();
            break;
        }
        let (result, certs) = verify_one(&sd, nested, file, digests, layout.unsigned.as_ref(), pinned, opts);
        signers.push(result);
        for c in certs {
            if certificates.iter().any(|k| k.sha256 == c.sha256) {
                continue;
            }
            if certificates.len() < MAX_CARRIED_CERTIFICATES {
                certificates.push(c);
            } else {
                certificates_left_out += 1;
            }
        }
        if depth < MAX_NESTED_DEPTH {
            for si in &sd.signer_infos {
                signers_left_out += si.unsigned_left_out(oids::SPC_NESTED_SIGNATURE);
                for raw in timestamp::nested_signatures(si) {
                    if signers.len() + queue.len() >= MAX_SIGNATURES {
                        signers_left_out += 1;
                        continue;
                    }
                    match cms::parse_content_info(raw) {
                        Ok(n) => queue.push_back((n, true, depth + 1)),
                        Err(e) => signers.push(unreadable_nested(e.to_string())),
                    }
                }
            }
        }
    }
    // Windows checks the primary signature (WinVerifyTrust's signature index 0): it alone decides
    // whether the file is ACS-signed and who signed it. A nested signature that does not verify still
    // makes the file invalid (something in the file is broken); a nested ACS signature under a primary
    // that is not one is reported with its signer, but lends the file nothing.
    let primary_acs = signers.first().is_some_and(|s| s.is_acs);
    let status = if signers.iter().any(|s| s.status == SignatureStatus::Invalid) {
        SignatureStatus::Invalid
    } else if primary_acs {
        SignatureStatus::Acs
    } else {
        SignatureStatus::SignedNotAcs
    };
    let detached = matches!(digests, FileDigests::Detached);
    SignatureResult {
        kind: Some(file),
        status,
        is_acs_signed: status == SignatureStatus::Acs,
        detached,
        signers,
        signers_left_out,
        error: None,
        size,
        certificates,
        certificates_left_out,
    }
}

fn unreadable_nested(detail: String) -> SignerResult {
    SignerResult {
        nested: true,
        status: SignatureStatus::Invalid,
        is_acs: false,
        signer: None,
        signer_name: None,
        organization: None,
        country: None,
        program_name: None,
        signed_kind: None,
        signed_digest: None,
        digest_algorithm: None,
        chain: Vec::new(),
        timestamp: None,
        steps: vec![Step {
            id: StepId::Signature,
            status: StepStatus::Failed,
            reason: StepReason::Unreadable { detail },
        }],
        chain_outcome: None,
    }
}

fn step(id: StepId, status: StepStatus, reason: StepReason) -> Step {
    Step { id, status, reason }
}

fn passed(id: StepId, reason: StepReason) -> Step {
    step(id, StepStatus::Passed, reason)
}

fn failed(id: StepId, reason: StepReason) -> Step {
    step(id, StepStatus::Failed, reason)
}

fn skipped(id: StepId) -> Step {
    step(id, StepStatus::NotApplicable, StepReason::Skipped)
}

fn entries(chain: &Chain, time: Option<i64>) -> Vec<ChainEntry> {
    chain
        .certs
        .iter()
        .map(|c| {
            let i = &c.cert.info;
            ChainEntry {
                subject: i.subject_der_order.clone(),
                issuer: i.issuer_der_order.clone(),
                serial: hex_upper(i.serial_number()),
                not_before: format_time(i.not_before),
                not_after: format_time(i.not_after),
                sha1: hex_upper(&i.sha1),
                sha256: hex_upper(&i.sha256),
                role: c.role,
                source: c.source,
                valid_at_signing: time.map(|t| i.valid_at(t)),
            }
        })
        .collect()
}

fn kind_matches(signed: SignedKind, file: FileKind) -> bool {
    matches!(
        (signed, file),
        (SignedKind::Pe, FileKind::Pe) | (SignedKind::Msi, FileKind::Msi) | (SignedKind::PowerShell, FileKind::Script)
    )
}

fn file_digest_step(indirect: Option<&spc::IndirectData>, file: FileKind, digests: &FileDigests) -> Step {
    let id = StepId::FileDigest;
    let FileDigests::Computed(map) = digests else {
        return step(id, StepStatus::NotApplicable, StepReason::Detached);
    };
    let Some(ind) = indirect else {
        return failed(id, StepReason::WrongFileKind { signed_for: SignedKind::Other, file });
    };
    if !kind_matches(ind.kind, file) {
        return failed(id, StepReason::WrongFileKind { signed_for: ind.kind, file });
    }
    let Some(alg) = ind.digest_alg else {
        return failed(id, StepReason::UnsupportedDigest { oid: ind.digest_alg_oid.clone() });
    };
    let computed = map.get(&alg).map(Vec::as_slice).unwrap_or(&[]);
    if computed.contains(&ind.digest) {
        passed(id, StepReason::FileDigestMatch { alg })
    } else {
        let computed = computed.first().map(|d| hex_upper(d)).unwrap_or_default();
        failed(id, StepReason::FileDigestMismatch { alg, signed: hex_upper(&ind.digest), computed })
    }
}

/// The weakest link among the algorithms an ACS result relies on, if any is weaker than SHA-256 or
/// an RSA key shorter than [`MIN_RSA_BITS`].
fn weak_algorithm(
    indirect: Option<&spc::IndirectData>,
    signer_digest: Option<DigestAlg>,
    signer_sig_oid: &str,
    chain: &Chain,
) -> Option<StepReason> {
    let weak_digest = |a: DigestAlg| a == DigestAlg::Sha1;
    if let Some(alg) = indirect.and_then(|i| i.digest_alg).filter(|a| weak_digest(*a)) {
        return Some(StepReason::WeakAlgorithm {
            part: AlgorithmPart::FileDigest,
            algorithm: alg.name().into(),
            subject: None,
        });
    }
    if let Some(alg) = signer_digest.filter(|a| weak_digest(*a)) {
        return Some(StepReason::WeakAlgorithm {
            part: AlgorithmPart::SignerDigest,
            algorithm: alg.name().into(),
            subject: None,
        });
    }
    if matches!(signer_sig_oid, oids::SHA1_WITH_RSA | oids::MD5_WITH_RSA) {
        return Some(StepReason::WeakAlgorithm {
            part: AlgorithmPart::SignerDigest,
            algorithm: oids::algorithm_name(signer_sig_oid),
            subject: None,
        });
    }
    for c in &chain.certs {
        let i = &c.cert.info;
        // The top of a pinned chain is the pinned root itself: its self-signature is not relied on.
        if i.is_pinned_root() {
            continue;
        }
        if matches!(i.signature_oid.as_str(), oids::SHA1_WITH_RSA | oids::MD5_WITH_RSA) {
            return Some(StepReason::WeakAlgorithm {
                part: AlgorithmPart::Certificate,
                algorithm: i.signature_algorithm.clone(),
                subject: Some(i.display_name().to_owned()),
            });
        }
        if i.rsa_bits.is_some_and(|b| b < MIN_RSA_BITS) {
            return Some(StepReason::WeakAlgorithm {
                part: AlgorithmPart::Key,
                algorithm: i.key.clone(),
                subject: Some(i.display_name().to_owned()),
            });
        }
    }
    None
}

/// Verifies one SignedData; returns its result and the certificates it carries.
fn verify_one(
    sd: &SignedData<'_>,
    nested: bool,
    file: FileKind,
    digests: &FileDigests,
    unsigned: Option<&UnsignedData>,
    pinned: &Pinned,
    opts: &VerifyOptions,
) -> (SignerResult, Vec<CertInfo>) {
    let certs = timestamp::parse_certs(sd);
    let mut carried: Vec<CertInfo> = certs.iter().map(|c| c.info.clone()).collect();
    let indirect = if sd.content_type == oids::SPC_INDIRECT_DATA {
        sd.content.as_ref().and_then(|c| spc::parse(c).ok())
    } else {
        None
    };
    let signed_kind = match (&indirect, sd.content_type.as_str()) {
        (Some(i), _) => Some(i.kind),
        (None, oids::CTL) => Some(SignedKind::Catalog),
        _ => None,
    };
    let mut r = SignerResult {
        nested,
        status: SignatureStatus::Invalid,
        is_acs: false,
        signer: None,
        signer_name: None,
        organization: None,
        country: None,
        program_name: None,
        signed_kind,
        signed_digest: indirect
            .as_ref()
            .and_then(|i| i.digest_alg.map(|alg| SignedDigest { algorithm: alg, value: hex_upper(&i.digest) })),
        digest_algorithm: indirect.as_ref().and_then(|i| i.digest_alg),
        chain: Vec::new(),
        timestamp: None,
        steps: Vec::new(),
        chain_outcome: None,
    };
    // (a) the file's digest, and no bytes the signature does not cover.
    r.steps.push(match unsigned {
        Some(data) => failed(StepId::FileDigest, StepReason::UnsignedData { data: data.clone() }),
        None => file_digest_step(indirect.as_ref(), file, digests),
    });

    // Authenticode: exactly one SignerInfo.
    let si = match sd.signer_infos.as_slice() {
        [si] if sd.signer_infos_left_out == 0 => si,
        [] => {
            r.steps.push(failed(StepId::Signature, StepReason::SignerCertificateMissing));
            return (r, carried);
        }
        more => {
            let count = more.len() + sd.signer_infos_left_out;
            r.steps.push(failed(StepId::Signature, StepReason::SignerCount { count }));
            return (r, carried);
        }
    };
    r.program_name = cms::opus_info(si);
    let si_alg = DigestAlg::from_oid(&si.digest_alg_oid);

    // (b) messageDigest = digest of the content's value octets; contentType = the content's type.
    let md_step = match (&sd.content, si_alg, cms::message_digest(si)) {
        (_, None, _) => failed(StepId::MessageDigest, StepReason::UnsupportedDigest { oid: si.digest_alg_oid.clone() }),
        (_, _, None) => failed(StepId::MessageDigest, StepReason::MessageDigestMissing),
        (None, _, _) => step(StepId::MessageDigest, StepStatus::NotApplicable, StepReason::ContentAbsent),
        (Some(content), Some(alg), Some(md)) => match cms::content_type_attr(si) {
            None => failed(StepId::MessageDigest, StepReason::ContentTypeMissing),
            Some(ct) if ct != sd.content_type => failed(StepId::MessageDigest, StepReason::ContentTypeMismatch),
            Some(_) if alg.digest(content.content) == md => {
                passed(StepId::MessageDigest, StepReason::MessageDigestMatch)
            }
            Some(_) => failed(StepId::MessageDigest, StepReason::MessageDigestMismatch),
        },
    };
    r.steps.push(md_step);

    // (c) the signer's signature over the signed attributes (SET-tagged DER).
    let matches = timestamp::find_signer_cert(si, &certs);
    let leaf: Option<&Certificate> = matches.first().copied();
    let ambiguous = matches.iter().any(|c| Some(c.der.as_slice()) != leaf.map(|l| l.der.as_slice()));
    let sig_step = match (leaf, si.signed_attrs_der()) {
        (None, _) => failed(StepId::Signature, StepReason::SignerCertificateMissing),
        // Authenticode signs the signed attributes; without them there is no messageDigest to bind
        // the content (step b fails), and the signature is not checked over anything else.
        (Some(_), None) => failed(StepId::Signature, StepReason::SignedAttributesMissing),
        (Some(leaf), Some(message)) => match leaf.verify(&si.signature_alg_oid, si_alg, &message, si.signature) {
            Ok(()) => passed(StepId::Signature, StepReason::SignatureValid),
            Err(error) => failed(StepId::Signature, StepReason::SignatureInvalid { error }),
        },
    };
    r.steps.push(sig_step);
    let Some(leaf) = leaf else {
        for id in [StepId::Chain, StepId::Timestamp, StepId::Validity, StepId::Eku, StepId::Algorithms] {
            r.steps.push(skipped(id));
        }
        return (r, carried);
    };
    r.signer = Some(leaf.info.subject_der_order.clone());
    r.signer_name = Some(leaf.info.display_name().to_owned());
    r.organization = leaf.info.organization.clone();
    r.country = leaf.info.country.clone();

    // (d) the chain, up to the pinned ACS root.
    let chain = if ambiguous {
        Chain { certs: Vec::new(), outcome: ChainOutcome::AmbiguousSigner }
    } else {
        chain::build(leaf, &certs, pinned, Anchors::Acs)
    };
    let chain_step = match &chain.outcome {
        ChainOutcome::Pinned => passed(StepId::Chain, StepReason::ChainPinned),
        ChainOutcome::NotPinned { top, issuer_missing: false } => {
            failed(StepId::Chain, StepReason::ChainNotPinned { top: top.clone() })
        }
        ChainOutcome::NotPinned { top, issuer_missing: true } => {
            failed(StepId::Chain, StepReason::ChainIssuerMissing { top: top.clone() })
        }
        ChainOutcome::BrokenLink { child, parent, error } => failed(
            StepId::Chain,
            StepReason::ChainBrokenLink { child: child.clone(), parent: parent.clone(), error: error.clone() },
        ),
        ChainOutcome::LookalikeRoot { sha256 } => {
            failed(StepId::Chain, StepReason::ChainLookalikeRoot { sha256: sha256.clone() })
        }
        ChainOutcome::NotACa { subject } => failed(StepId::Chain, StepReason::ChainNotACa { subject: subject.clone() }),
        ChainOutcome::AmbiguousSigner => failed(StepId::Chain, StepReason::ChainAmbiguousSigner),
        ChainOutcome::TooLong => failed(StepId::Chain, StepReason::ChainTooLong),
    };
    r.steps.push(chain_step);

    // (e) the timestamp: it supplies the signing time only when it verifies and its chain ends at a
    // root trusted for timestamps.
    let ts: Option<Timestamp> = timestamp::find(si, &certs, pinned);
    let ts_step = match &ts {
        None => step(StepId::Timestamp, StepStatus::NotApplicable, StepReason::NoTimestamp),
        Some(t) => {
            let time = t.time.map(format_time).unwrap_or_default();
            let tsa = t.tsa.clone().unwrap_or_default();
            match &t.result {
                Ok(()) if t.trusted() => passed(StepId::Timestamp, StepReason::TimestampValid { time, tsa }),
                Ok(()) => passed(StepId::Timestamp, StepReason::TimestampValidNotPinned { time, tsa }),
                Err(problem) => failed(StepId::Timestamp, StepReason::TimestampInvalid { problem: problem.clone() }),
            }
        }
    };
    r.steps.push(ts_step);
    let ts_time = ts.as_ref().filter(|t| t.verified() && t.trusted()).and_then(|t| t.time);
    // A timestamp that verified but whose authority is not trusted: validity falls back to today,
    // and the words say why.
    let untrusted_tsa = ts.as_ref().filter(|t| t.verified() && !t.trusted()).map(|t| t.tsa.clone().unwrap_or_default());
    let signing_time = ts_time.or(opts.now);
    let validity = if chain.certs.is_empty() {
        skipped(StepId::Validity)
    } else if let Some(t) = ts_time {
        match chain.invalid_at(t).first() {
            None => passed(StepId::Validity, StepReason::ValidAtTimestamp { time: format_time(t) }),
            Some(c) => failed(
                StepId::Validity,
                StepReason::NotValidAtTimestamp { subject: c.display_name().to_owned(), time: format_time(t) },
            ),
        }
    } else if let Some(now) = opts.now {
        let date = format_time(now).chars().take(10).collect::<String>();
        match (chain.invalid_at(now).first(), untrusted_tsa) {
            (None, None) => passed(StepId::Validity, StepReason::ValidAtDate { date }),
            (None, Some(tsa)) => passed(StepId::Validity, StepReason::ValidAtDateTimestampNotTrusted { date, tsa }),
            (Some(c), None) => {
                failed(StepId::Validity, StepReason::NotValidAtDate { subject: c.display_name().to_owned(), date })
            }
            (Some(c), Some(tsa)) => failed(
                StepId::Validity,
                StepReason::NotValidAtDateTimestampNotTrusted { subject: c.display_name().to_owned(), date, tsa },
            ),
        }
    } else {
        step(StepId::Validity, StepStatus::NotApplicable, StepReason::NoTimeToCheck)
    };
    let validity_passed = validity.status == StepStatus::Passed;
    r.steps.push(validity);

    // (f) usages: the leaf and every CA above it must allow code signing; ACS leaves also carry the
    // Trusted Signing EKU.
    let ca_refusing =
        chain.certs.iter().skip(1).map(|c| &c.cert.info).find(|c| !c.allows_usage(oids::EKU_CODE_SIGNING));
    let eku = if !leaf.info.allows_usage(oids::EKU_CODE_SIGNING) {
        failed(StepId::Eku, StepReason::NoCodeSigningEku)
    } else if let Some(ca) = ca_refusing {
        failed(StepId::Eku, StepReason::CaNotForCodeSigning { subject: ca.display_name().to_owned() })
    } else if leaf.info.lists_usage(oids::EKU_ACS_PUBLIC_TRUST) && leaf.info.lists_usage(oids::EKU_CODE_SIGNING) {
        passed(StepId::Eku, StepReason::AcsEku)
    } else {
        failed(StepId::Eku, StepReason::CodeSigningNotAcs)
    };
    let eku_acs = eku.status == StepStatus::Passed;
    r.steps.push(eku);

    // (g) algorithm strength.
    let algorithms = match weak_algorithm(indirect.as_ref(), si_alg, &si.signature_alg_oid, &chain) {
        None => passed(StepId::Algorithms, StepReason::StrongAlgorithms),
        Some(reason) => failed(StepId::Algorithms, reason),
    };
    let strong = algorithms.status == StepStatus::Passed;
    r.steps.push(algorithms);

    // Status: integrity failures make the signature invalid; a chain that does not reach the pinned
    // root, a leaf without the ACS EKU, or a weak algorithm only make it "not ACS".
    let integrity_failed = r.steps.iter().any(|s| {
        s.status == StepStatus::Failed
            && match s.id {
                StepId::Chain => !chain.links_verified(),
                StepId::Eku => {
                    matches!(s.reason, StepReason::NoCodeSigningEku | StepReason::CaNotForCodeSigning { .. })
                }
                StepId::Algorithms => false,
                _ => true,
            }
    });
    r.is_acs = !integrity_failed && chain.is_pinned() && eku_acs && validity_passed && strong;
    r.status = if integrity_failed {
        SignatureStatus::Invalid
    } else if r.is_acs {
        SignatureStatus::Acs
    } else {
        SignatureStatus::SignedNotAcs
    };
    r.chain = entries(&chain, signing_time);
    r.chain_outcome = Some(chain.outcome.clone());
    if let Some(t) = &ts {
        let tchain = t.chain.as_ref().map(|c| entries(c, t.time)).unwrap_or_default();
        r.timestamp = Some(TimestampInfo {
            kind: t.kind,
            time: t.time.map(format_time),
            tsa: t.tsa.clone(),
            verified: t.verified(),
            pinned: t.trusted(),
            chain: tchain,
        });
        // The token's own certificates belong in the report's list too.
        if let Some(tc) = &t.chain {
            for c in &tc.certs {
                if c.source == chain::CertSource::Embedded && !carried.iter().any(|k| k.sha256 == c.cert.info.sha256) {
                    carried.push(c.cert.info.clone());
                }
            }
        }
    }
    (r, carried)
}
