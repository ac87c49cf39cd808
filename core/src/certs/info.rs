//! What a certificate is, as data: everything the report's certificate list, the root-CA rules and a
//! signature's result say about it. Made by the certificate parser ([`super::Certificate`], on
//! x509-parser); serialisable, so that a result made in one place (the verifier) can be judged and
//! worded in another (the engine's report).

use serde::{Deserialize, Serialize};

use crate::util::hex_upper;

/// One certificate's facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertInfo {
    /// RFC 4514-style, most specific first: `CN=…, O=…, C=US` (the report's certificate list).
    pub subject: String,
    pub issuer: String,
    /// DER order, unescaped: `C=US, O=…, CN=…` (signature results).
    pub subject_der_order: String,
    pub issuer_der_order: String,
    /// Every common name of the subject, unescaped, any string type (the look-alike check).
    pub subject_cns: Vec<String>,
    /// The subject's first CN when it is a Printable, UTF8, IA5 or Numeric string.
    pub common_name: Option<String>,
    /// The subject's first organisation (O), any string type: who the certificate was issued to.
    pub organization: Option<String>,
    /// The subject's first country (C).
    #[serde(default)]
    pub country: Option<String>,
    /// The serial number's contents octets, as encoded (a leading `00` kept).
    pub serial: Vec<u8>,
    /// Seconds since 1970.
    pub not_before: i64,
    pub not_after: i64,
    pub sha1: [u8; 20],
    pub sha256: [u8; 32],
    /// `RSA 4096`, `EC P-256`, `Ed25519`, …
    pub key: String,
    /// The RSA modulus length in bits, when the key is RSA.
    pub rsa_bits: Option<u32>,
    /// `sha384WithRSAEncryption`, … or the dotted OID.
    pub signature_algorithm: String,
    /// Dotted OID of the signature algorithm.
    pub signature_oid: String,
    /// Subject and issuer are the same bytes (a root, or another self-issued certificate).
    pub self_issued: bool,
    /// Extended key usages, dotted, in certificate order; `None` when the certificate has no EKU
    /// extension (any usage, RFC 5280 §4.2.1.12). A repeated or unreadable EKU extension is
    /// `Some(vec![])`: no usage.
    pub ekus: Option<Vec<String>>,
    /// basicConstraints cA (false when absent, repeated or unreadable).
    pub is_ca: bool,
    /// basicConstraints pathLenConstraint.
    pub path_len: Option<u32>,
    /// KeyUsage keyCertSign; `None` when the certificate has no (readable, single) KeyUsage extension.
    pub key_cert_sign: Option<bool>,
}

impl CertInfo {
    /// The subject's CN, or the whole subject (DER order) when it has none.
    pub fn display_name(&self) -> &str {
        self.common_name.as_deref().unwrap_or(&self.subject_der_order)
    }

    /// The serial number without leading zero octets (`00` for zero).
    pub fn serial_number(&self) -> &[u8] {
        match crate::asn1::unsigned_be(&self.serial) {
            [] => &[0],
            s => s,
        }
    }

    /// Byte-identical (SHA-256) to the pinned Microsoft Identity Verification root. Never by name.
    pub fn is_pinned_root(&self) -> bool {
        hex_upper(&self.sha256) == super::ROOT_SHA256_HEX
    }

    pub fn valid_at(&self, t: i64) -> bool {
        self.not_before <= t && t <= self.not_after
    }

    /// Valid for `usage` (a dotted EKU): no EKU extension, anyExtendedKeyUsage, or the usage listed.
    pub fn allows_usage(&self, usage: &str) -> bool {
        match &self.ekus {
            None => true,
            Some(list) => list.iter().any(|e| e == usage || e == crate::oids::EKU_ANY),
        }
    }

    /// Lists this usage explicitly.
    pub fn lists_usage(&self, usage: &str) -> bool {
        self.ekus.as_ref().is_some_and(|l| l.iter().any(|e| e == usage))
    }

    /// May this certificate issue a certificate with `below` CA certificates under it (leaf not
    /// counted)? basicConstraints cA, pathLenConstraint and KeyUsage keyCertSign (RFC 5280 §6.1.4).
    pub fn may_issue(&self, below: usize) -> bool {
        self.is_ca && self.key_cert_sign != Some(false) && self.path_len.is_none_or(|n| below <= n as usize)
    }

    /// Claims the root's name without being it.
    pub fn is_root_lookalike(&self) -> bool {
        !self.is_pinned_root() && self.common_name.as_deref() == Some(super::ROOT_SUBJECT_CN)
    }
}
