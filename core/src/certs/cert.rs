//! One X.509 certificate, parsed once by [x509-parser](https://docs.rs/x509-parser) into its facts
//! ([`CertInfo`]: what the report shows) and what signature verification needs (the exact TBS bytes,
//! the signature algorithm and value, the SubjectPublicKeyInfo, the issuer and subject Names as
//! encoded, the SubjectKeyIdentifier).
//!
//! Nothing here checks a signature or reads a clock: [`crate::signature::chain`] verifies, the caller
//! says what "today" is.
//!
//! Names are kept in two renderings:
//! - [`CertInfo::subject`] / [`CertInfo::issuer`], for the report's certificate list: RFC 4514, most
//!   specific RDN first (`CN=…, O=Microsoft Corporation, C=US`), values escaped
//!   (`CN=Denver Technologies\, Inc. dba Warp`), as Windows shows them;
//! - [`CertInfo::subject_der_order`] / [`CertInfo::issuer_der_order`], for signature results:
//!   x509-parser's own rendering, DER order (`C=US, O=…, CN=…`), unescaped.

use std::ops::Range;

use asn1_rs::{Any, Tag};
use x509_parser::certificate::X509Certificate;
use x509_parser::extensions::ParsedExtension;
use x509_parser::prelude::FromDer;
use x509_parser::public_key::PublicKey;
use x509_parser::x509::X509Name;

use super::error::CertError;
use super::info::CertInfo;
use crate::asn1;
use crate::oids;
use crate::util::hex_upper;

/// A parsed certificate: its facts, its DER, and the encodings verification works on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// The certificate's DER, exactly.
    pub der: Vec<u8>,
    pub info: CertInfo,
    /// The first SubjectKeyIdentifier extension's key id.
    pub(crate) subject_key_id: Option<Vec<u8>>,
    /// The AuthorityKeyIdentifier extension's key id: which issuer key to try first.
    pub(crate) authority_key_id: Option<Vec<u8>>,
    /// The signature value (the BIT STRING's bytes; its unused-bits count is 0).
    pub(crate) signature: Vec<u8>,
    /// Spans in `der`: the signed TBSCertificate, the SubjectPublicKeyInfo, the issuer and subject
    /// Names (each element whole: identifier, length and contents).
    tbs: Range<usize>,
    spki: Range<usize>,
    issuer_raw: Range<usize>,
    subject_raw: Range<usize>,
}

/// SHA-1 and SHA-256 of some bytes.
pub fn hashes(der: &[u8]) -> ([u8; 20], [u8; 32]) {
    use sha1::Digest as _;
    (sha1::Sha1::digest(der).into(), sha2::Sha256::digest(der).into())
}

/// The span of `part` in `whole`, which it was read from.
fn within(whole: &[u8], part: &[u8]) -> Range<usize> {
    let start = (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize);
    let start = start.min(whole.len());
    start..(start + part.len()).min(whole.len())
}

impl Certificate {
    /// Parses `der` (exactly one certificate). A certificate that cannot be read is
    /// [`CertError::X509`] with x509-parser's reason; bytes after it are [`CertError::TrailingData`].
    pub fn parse(der: &[u8]) -> Result<Certificate, CertError> {
        let (rest, x) = X509Certificate::from_der(der).map_err(|e| CertError::X509 { detail: x509_detail(&e) })?;
        if !rest.is_empty() {
            return Err(CertError::TrailingData { offset: der.len() - rest.len() });
        }
        let der = x.as_raw();
        let tbs = &x.tbs_certificate;
        let (sha1, sha256) = hashes(der);
        let subject = x.subject();
        let issuer = x.issuer();
        let cns: Vec<&Any<'_>> = subject
            .iter_attributes()
            .filter(|a| a.attr_type().to_id_string() == oids::COMMON_NAME)
            .map(|a| a.attr_value())
            .collect();
        let country = subject
            .iter_attributes()
            .find(|a| a.attr_type().to_id_string() == oids::COUNTRY)
            .map(|a| value_text(a.attr_value()));
        let organization = subject
            .iter_attributes()
            .find(|a| a.attr_type().to_id_string() == oids::ORGANIZATION)
            .map(|a| value_text(a.attr_value()));
        let key_alg = tbs.subject_pki.algorithm.algorithm.to_id_string();
        let (key, rsa_bits) = key_description(&key_alg, tbs);
        let signature_oid = x.signature_algorithm.algorithm.to_id_string();
        if x.signature_value.unused_bits != 0 {
            return Err(CertError::X509 { detail: "the signature BIT STRING has unused bits".into() });
        }
        let info = CertInfo {
            subject: rfc4514(subject),
            issuer: rfc4514(issuer),
            subject_der_order: der_order(subject),
            issuer_der_order: der_order(issuer),
            subject_cns: cns.iter().map(|v| value_text(v)).collect(),
            common_name: cns.first().and_then(|v| plain_string(v)),
            organization,
            country,
            serial: tbs.raw_serial().to_vec(),
            not_before: tbs.validity.not_before.timestamp(),
            not_after: tbs.validity.not_after.timestamp(),
            sha1,
            sha256,
            key,
            rsa_bits,
            signature_algorithm: oids::algorithm_name(&signature_oid),
            signature_oid,
            self_issued: subject.as_raw() == issuer.as_raw(),
            ekus: ekus(tbs),
            is_ca: matches!(tbs.basic_constraints(), Ok(Some(b)) if b.value.ca),
            path_len: match tbs.basic_constraints() {
                Ok(Some(b)) => b.value.path_len_constraint,
                _ => None,
            },
            key_cert_sign: match tbs.key_usage() {
                Ok(Some(k)) => Some(k.value.key_cert_sign()),
                _ => None,
            },
        };
        let subject_key_id = tbs.extensions().iter().find_map(|e| match e.parsed_extension() {
            ParsedExtension::SubjectKeyIdentifier(k) => Some(k.0.to_vec()),
            _ => None,
        });
        let authority_key_id = tbs.extensions().iter().find_map(|e| match e.parsed_extension() {
            ParsedExtension::AuthorityKeyIdentifier(a) => a.key_identifier.as_ref().map(|k| k.0.to_vec()),
            _ => None,
        });
        Ok(Certificate {
            info,
            subject_key_id,
            authority_key_id,
            signature: x.signature_value.data.to_vec(),
            tbs: within(der, tbs.as_ref()),
            spki: within(der, tbs.subject_pki.raw),
            issuer_raw: within(der, issuer.as_raw()),
            subject_raw: within(der, subject.as_raw()),
            der: der.to_vec(),
        })
    }

    /// The signed part, exactly as encoded.
    pub(crate) fn tbs(&self) -> &[u8] {
        self.der.get(self.tbs.clone()).unwrap_or(&[])
    }

    /// The SubjectPublicKeyInfo, exactly as encoded.
    pub(crate) fn spki(&self) -> &[u8] {
        self.der.get(self.spki.clone()).unwrap_or(&[])
    }

    /// The issuer Name element, exactly as encoded.
    pub(crate) fn issuer_raw(&self) -> &[u8] {
        self.der.get(self.issuer_raw.clone()).unwrap_or(&[])
    }

    /// The subject Name element, exactly as encoded.
    pub(crate) fn subject_raw(&self) -> &[u8] {
        self.der.get(self.subject_raw.clone()).unwrap_or(&[])
    }
}

/// x509-parser's reason, without its Debug wrapping.
fn x509_detail(e: &asn1_rs::Err<x509_parser::error::X509Error>) -> String {
    use x509_parser::error::X509Error;
    match e {
        asn1_rs::Err::Incomplete(_) => "the data ends inside the certificate".into(),
        asn1_rs::Err::Error(X509Error::Der(d)) | asn1_rs::Err::Failure(X509Error::Der(d)) => match d {
            asn1_rs::Error::UnexpectedTag { expected: Some(t), actual } => {
                format!("expected {}, found {}", tag_name(*t), tag_name(*actual))
            }
            asn1_rs::Error::Incomplete(_) => "the data ends inside the certificate".into(),
            other => other.to_string(),
        },
        asn1_rs::Err::Error(x) | asn1_rs::Err::Failure(x) => x.to_string(),
    }
}

fn tag_name(t: Tag) -> String {
    crate::asn1::Id::universal(t.0, false).name()
}

/// The extended key usages in certificate order (read from the extension's value with the engine's
/// asn1-rs reader; x509-parser's parsed form does not keep the order). No EKU extension: `None`.
/// A repeated EKU extension, or one that cannot be read, allows no usage (`Some(vec![])`).
fn ekus(tbs: &x509_parser::certificate::TbsCertificate<'_>) -> Option<Vec<String>> {
    let values: Vec<&[u8]> = tbs
        .extensions()
        .iter()
        .filter(|e| e.oid.to_id_string() == oids::EXT_EXTENDED_KEY_USAGE)
        .map(|e| e.value)
        .collect();
    let [value] = values.as_slice() else {
        return if values.is_empty() { None } else { Some(Vec::new()) };
    };
    let read = || -> Result<Vec<String>, asn1::Asn1Error> {
        let seq = asn1::parse_single(value, "ExtendedKeyUsage", 0)?.expect(asn1::SEQUENCE, "ExtendedKeyUsage")?;
        let mut r = seq.reader("ExtendedKeyUsage");
        let mut out = Vec::new();
        while !r.is_empty() {
            out.push(r.expect(asn1::OID)?.oid("ExtendedKeyUsage")?);
        }
        Ok(out)
    };
    Some(read().unwrap_or_default())
}

/// `RSA 4096`, `EC P-384`, `Ed25519`, …; the algorithm's name when the key cannot be read. Also the
/// RSA modulus length.
fn key_description(alg: &str, tbs: &x509_parser::certificate::TbsCertificate<'_>) -> (String, Option<u32>) {
    let spki = &tbs.subject_pki;
    match (alg, spki.parsed()) {
        (oids::RSA_ENCRYPTION, Ok(PublicKey::RSA(k))) => {
            let bits = bit_length(k.modulus) as u32;
            (format!("RSA {bits}"), Some(bits))
        }
        (oids::EC_PUBLIC_KEY, _) => {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .filter(|p| p.tag() == Tag::Oid)
                .and_then(|p| asn1::oid_string(p.data));
            let text = match curve.as_deref() {
                Some("1.2.840.10045.3.1.7") => "EC P-256".into(),
                Some("1.3.132.0.34") => "EC P-384".into(),
                Some("1.3.132.0.35") => "EC P-521".into(),
                Some(other) => format!("EC {other}"),
                None => "EC".into(),
            };
            (text, None)
        }
        (oids::DSA, Ok(PublicKey::DSA(y))) => (format!("DSA {}", bit_length(y)), None),
        (oids::ED25519, _) => ("Ed25519".into(), None),
        (oids::ED448, _) => ("Ed448".into(), None),
        (other, _) => (oids::algorithm_name(other), None),
    }
}

/// Bits of a big-endian unsigned integer, leading zero bytes and bits not counted.
fn bit_length(be: &[u8]) -> usize {
    match be.iter().position(|&b| b != 0) {
        Some(i) => (be.len() - i) * 8 - be[i].leading_zeros() as usize,
        None => 0,
    }
}

/// The text of an attribute value: the string types decoded, anything else as `#` + hex.
fn value_text(v: &Any<'_>) -> String {
    let data = v.data;
    match v.tag().0 {
        // UTF8String, NumericString, PrintableString, T61String, VideotexString, IA5String,
        // GraphicString, VisibleString, GeneralString
        12 | 18 | 19 | 20 | 21 | 22 | 25 | 26 | 27 => String::from_utf8_lossy(data).into_owned(),
        // BMPString: UTF-16BE
        30 if data.len() % 2 == 0 => {
            let units: Vec<u16> = data.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
            String::from_utf16_lossy(&units)
        }
        // UniversalString: UTF-32BE
        28 if data.len() % 4 == 0 => data
            .chunks_exact(4)
            .map(|c| char::from_u32(u32::from_be_bytes([c[0], c[1], c[2], c[3]])).unwrap_or('\u{FFFD}'))
            .collect(),
        _ => format!("#{}", hex_upper(data)),
    }
}

/// A value of one of the plain string types (Numeric, Printable, UTF8, IA5) that is valid UTF-8.
fn plain_string(v: &Any<'_>) -> Option<String> {
    matches!(v.tag().0, 12 | 18 | 19 | 22).then(|| std::str::from_utf8(v.data).ok().map(str::to_owned)).flatten()
}

/// The RDNs of a name in DER order, each `TYPE=value` (multi-valued RDNs joined with `sep`), the
/// types by the short names Windows prints; `escape_values`: RFC 4514 escaping.
fn rdns(name: &X509Name<'_>, sep: &str, escape_values: bool) -> Vec<String> {
    name.iter_rdn()
        .map(|rdn| {
            rdn.iter()
                .map(|a| {
                    let value = value_text(a.attr_value());
                    let value = if escape_values { escape(&value) } else { value };
                    format!("{}={value}", oids::attribute_label(&a.attr_type().to_id_string()))
                })
                .collect::<Vec<_>>()
                .join(sep)
        })
        .collect()
}

/// A distinguished name, most specific RDN first, multi-valued RDNs joined with `+`, values escaped
/// (RFC 4514), attribute types by the short names Windows prints.
fn rfc4514(name: &X509Name<'_>) -> String {
    rdns(name, "+", true).into_iter().rev().collect::<Vec<_>>().join(", ")
}

/// A distinguished name in DER order (`C=…, O=…, CN=…`), values as they are: the form signature
/// results name certificates by. Written here rather than through x509-parser's `Display`, which
/// brings a registry of every OID name into the verifier.
fn der_order(name: &X509Name<'_>) -> String {
    rdns(name, " + ", false).join(", ")
}

/// RFC 4514 escaping of an attribute value.
fn escape(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let count = v.chars().count();
    for (i, c) in v.chars().enumerate() {
        match c {
            '"' | '+' | ',' | ';' | '<' | '>' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '#' if i == 0 => out.push_str("\\#"),
            ' ' if i == 0 || i + 1 == count => out.push_str("\\ "),
            '\0' => out.push_str("\\00"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_and_bits() {
        assert_eq!(escape("Acme, Inc."), "Acme\\, Inc.");
        assert_eq!(escape("#x "), "\\#x\\ ");
        assert_eq!(bit_length(&[0x00, 0x80, 0x00]), 16);
        assert_eq!(bit_length(&[0x01, 0xFF]), 9);
        assert_eq!(bit_length(&[]), 0);
    }

    /// The real ACS leaf (Warp's), as the report and the signature results show it.
    #[test]
    fn the_warp_leaf() {
        let p7 = include_bytes!("../../../tests/fixtures/certs/warp-ps1-sig.p7");
        let sd = crate::cms::parse_content_info(p7).unwrap();
        let leaf = Certificate::parse(sd.certificates[1]).unwrap();
        let i = &leaf.info;
        assert_eq!(
            i.subject,
            "CN=Denver Technologies\\, Inc. dba Warp, O=Denver Technologies\\, Inc. dba Warp, L=New York, ST=New York, C=US"
        );
        assert_eq!(
            i.subject_der_order,
            "C=US, ST=New York, L=New York, O=Denver Technologies, Inc. dba Warp, CN=Denver Technologies, Inc. dba Warp"
        );
        assert_eq!(i.issuer_der_order, "C=US, O=Microsoft Corporation, CN=Microsoft ID Verified CS EOC CA 01");
        assert_eq!(i.common_name.as_deref(), Some("Denver Technologies, Inc. dba Warp"));
        assert_eq!(i.organization.as_deref(), Some("Denver Technologies, Inc. dba Warp"));
        assert_eq!(i.ekus.as_ref().unwrap()[..2], ["1.3.6.1.4.1.311.97.1.0", "1.3.6.1.5.5.7.3.3"]);
        assert_eq!((i.is_ca, i.path_len, i.key_cert_sign), (false, None, Some(false)));
        assert_eq!((i.key.as_str(), i.signature_algorithm.as_str()), ("RSA 3072", "sha384WithRSAEncryption"));
        assert_eq!(i.rsa_bits, Some(3072));
        assert!(!i.self_issued && leaf.subject_key_id.is_some());
        // The spans are the exact encodings.
        let (tbs, n) = asn1::parse(leaf.tbs(), 0, "t").unwrap();
        assert_eq!((tbs.id, n), (asn1::SEQUENCE, leaf.tbs().len()));
        assert_eq!(leaf.spki()[0], 0x30);
        assert_eq!(leaf.issuer_raw()[0], 0x30);
        let root = Certificate::parse(sd.certificates[0]).unwrap();
        assert!(root.info.is_pinned_root() && root.info.self_issued && root.subject_raw() == root.issuer_raw());
    }

    #[test]
    fn garbage_is_an_x509_error() {
        assert!(matches!(Certificate::parse(&[0x30, 0x03, 0x02, 0x01, 0x00]), Err(CertError::X509 { .. })));
        assert!(matches!(Certificate::parse(&[]), Err(CertError::X509 { .. })));
    }
}
