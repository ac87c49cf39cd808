//! Verification of a signature blob once the file's digests are known: steps (a)–(f) for the primary
//! signature and every nested one.

use std::collections::BTreeMap;

use super::chain::{self, Chain, ChainOutcome, Pinned};
use super::cms::{self, SignedData};
use super::crypto::DigestAlg;
use super::result::*;
use super::spc::{self, SignedKind};
use super::timestamp::{self, Timestamp};
use super::SignatureError;
use crate::certs::Certificate;
use crate::der;

/// What the caller knows that the file does not say.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VerifyOptions {
    /// "Now", seconds since the epoch, for signatures without a timestamp. The core never reads a
    /// clock: `None` leaves their validity unevaluated.
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

/// Nested signatures are followed to this depth, and at most this many in all.
const MAX_NESTED_DEPTH: usize = 3;
const MAX_SIGNATURES: usize = 8;

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
        if depth < MAX_NESTED_DEPTH && seen < MAX_SIGNATURES {
            for si in &sd.signer_infos {
                for raw in timestamp::nested_signatures(si) {
                    if let Ok(n) = cms::parse_content_info(raw) {
                        stack.push((n, depth + 1));
                    }
                }
            }
        }
    }
    Ok(out)
}

/// Verifies every signature in `sig_der` against the file's digests.
pub fn verify_signature(
    sig_der: &[u8],
    file: FileKind,
    size: u64,
    digests: &FileDigests,
    opts: &VerifyOptions,
) -> SignatureResult {
    let pinned = match Pinned::load() {
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
    let mut certificates: Vec<Vec<u8>> = Vec::new();
    let mut queue = vec![(sd, false, 0usize)];
    while let Some((sd, nested, depth)) = queue.first().cloned() {
        queue.remove(0);
        if signers.len() >= MAX_SIGNATURES {
            break;
        }
        let (result, certs) = verify_one(&sd, nested, file, digests, &pinned, opts);
        signers.push(result);
        for c in certs {
            if !certificates.contains(&c) {
                certificates.push(c);
            }
        }
        if depth < MAX_NESTED_DEPTH {
            for si in &sd.signer_infos {
                for raw in timestamp::nested_signatures(si) {
                    match cms::parse_content_info(raw) {
                        Ok(n) => queue.push((n, true, depth + 1)),
                        Err(e) => signers.push(unreadable_nested(e.to_string())),
                    }
                }
            }
        }
    }
    let status = if signers.iter().any(|s| s.status == SignatureStatus::Invalid) {
        SignatureStatus::Invalid
    } else if signers.iter().any(|s| s.is_acs) {
        SignatureStatus::Acs
    } else {
        SignatureStatus::SignedNotAcs
    };
    SignatureResult {
        kind: Some(file),
        status,
        is_acs_signed: status == SignatureStatus::Acs,
        signers,
        error: None,
        size,
        certificates,
    }
}

fn unreadable_nested(detail: String) -> SignerResult {
    SignerResult {
        nested: true,
        status: SignatureStatus::Invalid,
        is_acs: false,
        signer: None,
        signer_name: None,
        program_name: None,
        signed_kind: None,
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
        .map(|c| ChainEntry {
            subject: c.cert.subject_der_order.clone(),
            issuer: c.cert.issuer_der_order.clone(),
            serial: der::hex_upper(c.cert.serial_number()),
            not_before: der::format_time(c.cert.not_before),
            not_after: der::format_time(c.cert.not_after),
            sha1: der::hex_upper(&c.cert.sha1),
            sha256: der::hex_upper(&c.cert.sha256),
            role: c.role,
            source: c.source,
            valid_at_signing: time.map(|t| c.cert.valid_at(t)),
        })
        .collect()
}

fn kind_matches(signed: SignedKind, file: FileKind) -> bool {
    matches!(
        (signed, file),
        (SignedKind::Pe, FileKind::Pe) | (SignedKind::Msi, FileKind::Msi) | (SignedKind::PowerShell, FileKind::Script)
    ) || file == FileKind::Pkcs7
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
        let computed = computed.first().map(|d| der::hex_upper(d)).unwrap_or_default();
        failed(id, StepReason::FileDigestMismatch { alg, signed: der::hex_upper(&ind.digest), computed })
    }
}

/// Verifies one SignedData; returns its result and the DER of the certificates it carries.
fn verify_one(
    sd: &SignedData<'_>,
    nested: bool,
    file: FileKind,
    digests: &FileDigests,
    pinned: &Pinned,
    opts: &VerifyOptions,
) -> (SignerResult, Vec<Vec<u8>>) {
    let certs = timestamp::parse_certs(sd);
    let mut ders: Vec<Vec<u8>> = sd.certificates.iter().map(|c| c.to_vec()).collect();
    let indirect = if sd.content_type == cms::OID_SPC_INDIRECT_DATA {
        sd.content.as_ref().and_then(|c| spc::parse(c).ok())
    } else {
        None
    };
    let mut r = SignerResult {
        nested,
        status: SignatureStatus::Invalid,
        is_acs: false,
        signer: None,
        signer_name: None,
        program_name: None,
        signed_kind: indirect.as_ref().map(|i| i.kind),
        digest_algorithm: indirect.as_ref().and_then(|i| i.digest_alg),
        chain: Vec::new(),
        timestamp: None,
        steps: Vec::new(),
        chain_outcome: None,
    };
    // (a) the file's digest.
    r.steps.push(file_digest_step(indirect.as_ref(), file, digests));

    let Some(si) = sd.signer_infos.first() else {
        r.steps.push(failed(StepId::Signature, StepReason::SignerCertificateMissing));
        return (r, ders);
    };
    r.program_name = cms::opus_info(si);
    let si_alg = DigestAlg::from_oid(&si.digest_alg_oid);

    // (b) messageDigest = digest of the content's value octets.
    let md_step = match (&sd.content, si_alg, cms::message_digest(si)) {
        (_, None, _) => failed(StepId::MessageDigest, StepReason::UnsupportedDigest { oid: si.digest_alg_oid.clone() }),
        (_, _, None) => failed(StepId::MessageDigest, StepReason::MessageDigestMissing),
        (None, _, _) => step(StepId::MessageDigest, StepStatus::NotApplicable, StepReason::ContentAbsent),
        (Some(content), Some(alg), Some(md)) => {
            if cms::content_type_attr(si).is_some_and(|ct| ct != sd.content_type) {
                failed(StepId::MessageDigest, StepReason::ContentTypeMismatch)
            } else if alg.digest(content.value) == md {
                passed(StepId::MessageDigest, StepReason::MessageDigestMatch)
            } else {
                failed(StepId::MessageDigest, StepReason::MessageDigestMismatch)
            }
        }
    };
    r.steps.push(md_step);

    // (c) the signer's signature over the signed attributes (SET-tagged DER).
    let matches = timestamp::find_signer_cert(si, &certs);
    let leaf: Option<&Certificate> = matches.first().copied();
    let ambiguous = matches.iter().any(|c| Some(c.der.as_slice()) != leaf.map(|l| l.der.as_slice()));
    let sig_step = match leaf {
        None => failed(StepId::Signature, StepReason::SignerCertificateMissing),
        Some(leaf) => {
            let message =
                si.signed_attrs_der().unwrap_or_else(|| sd.content.map(|c| c.value.to_vec()).unwrap_or_default());
            match leaf.verify(&si.signature_alg_oid, si_alg, &message, si.signature) {
                Ok(()) => passed(StepId::Signature, StepReason::SignatureValid),
                Err(error) => failed(StepId::Signature, StepReason::SignatureInvalid { error }),
            }
        }
    };
    r.steps.push(sig_step);
    let Some(leaf) = leaf else {
        for id in [StepId::Chain, StepId::Timestamp, StepId::Validity, StepId::Eku] {
            r.steps.push(skipped(id));
        }
        return (r, ders);
    };
    r.signer = Some(leaf.subject_der_order.clone());
    r.signer_name = Some(leaf.display_name().to_owned());

    // (d) the chain.
    let chain = if ambiguous {
        Chain { certs: Vec::new(), outcome: ChainOutcome::AmbiguousSigner }
    } else {
        chain::build(leaf, &certs, pinned)
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

    // (e) the timestamp, then validity at its time.
    let ts: Option<Timestamp> = timestamp::find(si, &certs, pinned);
    let ts_step = match &ts {
        None => step(StepId::Timestamp, StepStatus::NotApplicable, StepReason::NoTimestamp),
        Some(t) => {
            let time = t.time.map(der::format_time).unwrap_or_default();
            let tsa = t.tsa.clone().unwrap_or_default();
            match &t.result {
                Ok(()) if t.pinned() => passed(StepId::Timestamp, StepReason::TimestampValid { time, tsa }),
                Ok(()) => passed(StepId::Timestamp, StepReason::TimestampValidNotPinned { time, tsa }),
                Err(problem) => failed(StepId::Timestamp, StepReason::TimestampInvalid { problem: problem.clone() }),
            }
        }
    };
    r.steps.push(ts_step);
    let ts_time = ts.as_ref().filter(|t| t.verified()).and_then(|t| t.time);
    let signing_time = ts_time.or(opts.now);
    let validity = if chain.certs.is_empty() {
        skipped(StepId::Validity)
    } else if let Some(t) = ts_time {
        match chain.invalid_at(t).first() {
            None => passed(StepId::Validity, StepReason::ValidAtTimestamp { time: der::format_time(t) }),
            Some(c) => failed(
                StepId::Validity,
                StepReason::NotValidAtTimestamp { subject: c.display_name().to_owned(), time: der::format_time(t) },
            ),
        }
    } else if let Some(now) = opts.now {
        let date = der::format_time(now).chars().take(10).collect::<String>();
        match chain.invalid_at(now).first() {
            None => passed(StepId::Validity, StepReason::ValidAtDate { date }),
            Some(c) => {
                failed(StepId::Validity, StepReason::NotValidAtDate { subject: c.display_name().to_owned(), date })
            }
        }
    } else {
        step(StepId::Validity, StepStatus::NotApplicable, StepReason::NoTimeToCheck)
    };
    r.steps.push(validity);

    // (f) EKUs of the leaf.
    let has = |oid: &str| leaf.ekus.iter().any(|e| e == oid);
    // No EKU extension means "any purpose" (RFC 5280 §4.2.1.12), and so does anyExtendedKeyUsage.
    let code_signing = leaf.ekus.is_empty() || has(chain::EKU_CODE_SIGNING) || has("2.5.29.37.0");
    let eku = if !code_signing {
        failed(StepId::Eku, StepReason::NoCodeSigningEku)
    } else if has(chain::EKU_ACS_PUBLIC_TRUST) {
        passed(StepId::Eku, StepReason::AcsEku)
    } else {
        failed(StepId::Eku, StepReason::CodeSigningNotAcs)
    };
    let eku_acs = eku.status == StepStatus::Passed;
    r.steps.push(eku);

    // Status: integrity failures make the signature invalid; a chain that does not reach the pinned
    // root, or a leaf without the ACS EKU, only makes it "not ACS".
    let integrity_failed = r.steps.iter().any(|s| {
        s.status == StepStatus::Failed
            && match s.id {
                StepId::Chain => !chain.links_verified(),
                StepId::Eku => matches!(s.reason, StepReason::NoCodeSigningEku),
                _ => true,
            }
    });
    // ACS: up to the pinned root (whichever PCA and issuing CA) and the Trusted Signing EKU, which
    // only Microsoft's ACS leaves carry under that root.
    r.is_acs = !integrity_failed && chain.is_pinned() && eku_acs;
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
        let chain = t.chain.as_ref().map(|c| entries(c, t.time)).unwrap_or_default();
        r.timestamp = Some(TimestampInfo {
            kind: t.kind,
            time: t.time.map(der::format_time),
            tsa: t.tsa.clone(),
            verified: t.verified(),
            pinned: t.pinned(),
            chain,
        });
        // The token's own certificates belong in the report's list too.
        if let Some(tc) = &t.chain {
            for c in &tc.certs {
                if c.source == chain::CertSource::Embedded && !ders.contains(&c.cert.der) {
                    ders.push(c.cert.der.clone());
                }
            }
        }
    }
    (r, ders)
}
