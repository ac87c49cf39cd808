//! Timestamps of an Authenticode signature: RFC 3161 tokens (unsigned attribute
//! 1.3.6.1.4.1.311.3.3.1, what ACS uses) and legacy PKCS#9 countersignatures (1.2.840.113549.1.9.6).
//!
//! A timestamp is verified like a signature of its own: its signed attributes' messageDigest, its
//! signer's signature, its chain (pinned when it ends at the pinned root through Microsoft Public RSA
//! Timestamping CA 2020), the TSA certificate's timeStamping EKU and validity at the time it states,
//! and that it stamps *this* signature (the message imprint is the digest of the signer's signature
//! value).

use super::chain::{self, Anchors, Chain, Pinned};
use super::crypto::DigestAlg;
pub use super::result::{TimestampKind, TimestampProblem};
use crate::asn1::{self, Element};
use crate::certs::Certificate;
use crate::cms::{self, SignedData, SignerInfo};
use crate::oids;

/// A verified (or not) timestamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timestamp {
    pub kind: TimestampKind,
    /// genTime (RFC 3161) or signingTime (legacy), seconds since the epoch.
    pub time: Option<i64>,
    /// The TSA certificate's name.
    pub tsa: Option<String>,
    pub chain: Option<Chain>,
    pub result: Result<(), TimestampProblem>,
}

impl Timestamp {
    pub fn verified(&self) -> bool {
        self.result.is_ok()
    }

    /// True when the TSA chain ends at a root trusted for timestamps (the pinned ACS root, or a pinned
    /// public timestamping root): only then does the timestamp decide the signing time.
    pub fn trusted(&self) -> bool {
        self.chain.as_ref().is_some_and(Chain::is_pinned)
    }
}

fn malformed(detail: impl Into<String>) -> TimestampProblem {
    TimestampProblem::Malformed { detail: detail.into() }
}

/// Finds the certificate a SignerInfo names among `certs`.
pub fn find_signer_cert<'c>(si: &SignerInfo<'_>, certs: &'c [Certificate]) -> Vec<&'c Certificate> {
    certs
        .iter()
        .filter(|c| match si.sid {
            cms::SignerId::IssuerSerial { issuer, serial } => c.matches_issuer_serial(issuer, serial),
            cms::SignerId::KeyId(k) => c.matches_key_id(k),
        })
        .collect()
}

/// Certificates of one signature that verification reads (real signatures carry fewer than ten).
const MAX_SIGNATURE_CERTIFICATES: usize = 256;

/// Parses the certificates of a SignedData (at most [`MAX_SIGNATURE_CERTIFICATES`]), skipping ones
/// that cannot be read.
pub fn parse_certs(sd: &SignedData<'_>) -> Vec<Certificate> {
    let n = sd.certificates.len().min(MAX_SIGNATURE_CERTIFICATES);
    chain::parse_certificates(&sd.certificates[..n])
}

/// Checks a SignerInfo's signed attributes against `content` and its signature with `cert`.
fn verify_signer(si: &SignerInfo<'_>, content: &[u8], cert: &Certificate) -> Result<(), TimestampProblem> {
    let alg = DigestAlg::from_oid(&si.digest_alg_oid)
        .ok_or_else(|| TimestampProblem::UnsupportedDigest { oid: si.digest_alg_oid.clone() })?;
    let signed = match si.signed_attrs_der() {
        Some(attrs) => {
            let md = cms::message_digest(si).ok_or_else(|| malformed("no messageDigest attribute"))?;
            if md != alg.digest(content).as_slice() {
                return Err(TimestampProblem::MessageDigestMismatch);
            }
            attrs
        }
        None => content.to_vec(),
    };
    cert.verify(&si.signature_alg_oid, Some(alg), &signed, si.signature)
        .map_err(|error| TimestampProblem::SignatureInvalid { error })
}

/// Checks the TSA certificate and chain: EKU, links, validity at `time`.
fn check_tsa(cert: &Certificate, chain: &Chain, time: Option<i64>) -> Result<(), TimestampProblem> {
    if !chain.links_verified() {
        return Err(TimestampProblem::ChainInvalid { outcome: chain.outcome.clone() });
    }
    if !cert.info.lists_usage(oids::EKU_TIME_STAMPING) {
        return Err(TimestampProblem::NotATimestampingCertificate);
    }
    if let Some(t) = time {
        if let Some(bad) = chain.invalid_at(t).first() {
            return Err(TimestampProblem::TsaNotValidAtTime { subject: bad.display_name().to_owned() });
        }
    }
    Ok(())
}

/// Verifies an RFC 3161 token (a ContentInfo) that stamps `signature_value`.
///
/// ```text
/// TSTInfo ::= SEQUENCE { version INTEGER, policy OID, messageImprint MessageImprint,
///                        serialNumber INTEGER, genTime GeneralizedTime, … }
/// MessageImprint ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier, hashedMessage OCTET STRING }
/// ```
pub fn verify_rfc3161(token: &Element<'_>, signature_value: &[u8], pinned: &Pinned) -> Timestamp {
    let mut ts = Timestamp { kind: TimestampKind::Rfc3161, time: None, tsa: None, chain: None, result: Ok(()) };
    ts.result = (|| {
        let sd = cms::parse_content_info_at(token.raw, token.offset).map_err(|e| malformed(e.to_string()))?;
        if sd.content_type != oids::TST_INFO {
            return Err(malformed("the token's content is not TSTInfo"));
        }
        let content = sd.content.ok_or_else(|| malformed("the token has no TSTInfo"))?;
        let tst_der = content.expect(asn1::OCTET_STRING, "TSTInfo").map_err(|e| malformed(e.to_string()))?.content;
        let step = |e: asn1::Asn1Error| malformed(e.to_string());
        let tst = asn1::parse_single(tst_der, "TSTInfo", 0).map_err(step)?;
        let mut r = tst.expect(asn1::SEQUENCE, "TSTInfo").map_err(step)?.reader("TSTInfo");
        r.expect(asn1::INTEGER).map_err(step)?;
        r.expect(asn1::OID).map_err(step)?;
        let imprint = r.expect(asn1::SEQUENCE).map_err(step)?;
        let mut ir = imprint.reader("MessageImprint");
        let imprint_alg_oid = ir.algorithm("MessageImprint").map_err(step)?;
        let hashed = ir.expect(asn1::OCTET_STRING).map_err(step)?.content;
        r.expect(asn1::INTEGER).map_err(step)?;
        let gen = r.expect(asn1::GENERALIZED_TIME).map_err(step)?;
        ts.time = Some(gen.time("genTime").map_err(step)?);

        let [si] = sd.signer_infos.as_slice() else {
            return Err(malformed("the token does not have exactly one signer"));
        };
        let certs = parse_certs(&sd);
        let tsa = *find_signer_cert(si, &certs).first().ok_or(TimestampProblem::TsaCertificateMissing)?;
        ts.tsa = Some(tsa.info.display_name().to_owned());
        let tsa_chain = chain::build(tsa, &certs, pinned, Anchors::Timestamp);
        ts.chain = Some(tsa_chain.clone());

        let imprint_alg = DigestAlg::from_oid(&imprint_alg_oid)
            .ok_or(TimestampProblem::UnsupportedDigest { oid: imprint_alg_oid.clone() })?;
        if imprint_alg.digest(signature_value) != hashed {
            return Err(TimestampProblem::ImprintMismatch);
        }
        if let Some(ct) = cms::content_type_attr(si) {
            if ct != oids::TST_INFO {
                return Err(malformed("the token's contentType attribute is not TSTInfo"));
            }
        }
        verify_signer(si, tst_der, tsa)?;
        check_tsa(tsa, &tsa_chain, ts.time)
    })();
    ts
}

/// Verifies a legacy countersignature (a SignerInfo) over `signature_value`; its certificates are
/// in the outer signature's `certificates`.
pub fn verify_legacy(
    value: &Element<'_>,
    signature_value: &[u8],
    outer_certs: &[Certificate],
    pinned: &Pinned,
) -> Timestamp {
    let mut ts = Timestamp { kind: TimestampKind::Legacy, time: None, tsa: None, chain: None, result: Ok(()) };
    ts.result = (|| {
        let seq = value.expect(asn1::SEQUENCE, "countersignature").map_err(|e| malformed(e.to_string()))?;
        let si = cms::parse_signer_info(seq).map_err(|e| malformed(e.to_string()))?;
        if let Some(t) = si.signed_attr(oids::SIGNING_TIME) {
            ts.time = t.time("signingTime").ok();
        }
        let tsa = *find_signer_cert(&si, outer_certs).first().ok_or(TimestampProblem::TsaCertificateMissing)?;
        ts.tsa = Some(tsa.info.display_name().to_owned());
        let tsa_chain = chain::build(tsa, outer_certs, pinned, Anchors::Timestamp);
        ts.chain = Some(tsa_chain.clone());
        if si.signed_attrs_raw.is_none() {
            return Err(malformed("the countersignature has no signed attributes"));
        }
        // The countersignature's messageDigest is the digest of the signature value it stamps.
        verify_signer(&si, signature_value, tsa)?;
        check_tsa(tsa, &tsa_chain, ts.time)
    })();
    ts
}

/// The timestamp of a signer: the first RFC 3161 token, else the first legacy countersignature.
pub fn find(si: &SignerInfo<'_>, outer_certs: &[Certificate], pinned: &Pinned) -> Option<Timestamp> {
    if let Some(token) = si.unsigned_values(oids::RFC3161_COUNTER_SIGN).first() {
        return Some(verify_rfc3161(token, si.signature, pinned));
    }
    si.unsigned_values(oids::COUNTER_SIGNATURE).first().map(|v| verify_legacy(v, si.signature, outer_certs, pinned))
}

/// Reads the nested signatures (1.3.6.1.4.1.311.2.4.1) of a signer, as ContentInfo encodings.
pub fn nested_signatures<'a>(si: &SignerInfo<'a>) -> Vec<&'a [u8]> {
    si.unsigned_values(oids::SPC_NESTED_SIGNATURE).iter().map(|t| t.raw).collect()
}
