//! Describes one DER certificate for the report: names, serial, validity, hashes, key and signature
//! algorithm, parsed with x509-parser (no `verify` feature: nothing here checks a signature, and
//! nothing reads a clock).
//!
//! Names are written the way Windows and RFC 4514 show them: the most specific RDN first
//! (`CN=…, O=Microsoft Corporation, C=US`), although DER stores them the other way round.

use x509_parser::certificate::X509Certificate;
use x509_parser::prelude::FromDer;
use x509_parser::public_key::PublicKey;
use x509_parser::x509::{AttributeTypeAndValue, SubjectPublicKeyInfo, X509Name};

use super::der::oid_string;
use super::error::CertError;
use super::hex_upper;

/// What the report shows about one certificate, computed once when it is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertInfo {
    /// RFC 4514-style, most specific first: `CN=…, O=…, C=US`.
    pub subject: String,
    pub issuer: String,
    /// The subject's common name(s), unescaped (for the look-alike check).
    pub subject_cns: Vec<String>,
    /// Upper-case hex of the serial number's content octets (as certutil shows them).
    pub serial: String,
    /// RFC 3339 UTC, `2020-04-16T18:36:16Z`.
    pub not_before: String,
    pub not_after: String,
    pub sha1: [u8; 20],
    pub sha256: [u8; 32],
    /// `RSA 4096`, `EC P-256`, `Ed25519`, …
    pub key: String,
    /// `sha384WithRSAEncryption`, `ecdsa-with-SHA256`, … or the dotted OID.
    pub signature_algorithm: String,
    /// Subject and issuer are the same bytes (a root, or another self-issued certificate).
    pub self_issued: bool,
}

/// SHA-1 and SHA-256 of some bytes.
pub fn hashes(der: &[u8]) -> ([u8; 20], [u8; 32]) {
    use sha1::Digest as _;
    (sha1::Sha1::digest(der).into(), sha2::Sha256::digest(der).into())
}

/// Parses `der` (exactly one certificate) and describes it.
pub fn describe(der: &[u8]) -> Result<CertInfo, CertError> {
    let (rest, cert) = X509Certificate::from_der(der).map_err(|e| CertError::X509 {
        detail: match e {
            x509_parser::nom::Err::Error(e) | x509_parser::nom::Err::Failure(e) => e.to_string(),
            x509_parser::nom::Err::Incomplete(_) => "incomplete data".into(),
        },
    })?;
    if !rest.is_empty() {
        return Err(CertError::TrailingData { offset: der.len() - rest.len() });
    }
    let (sha1, sha256) = hashes(der);
    let subject = cert.subject();
    let issuer = cert.issuer();
    let validity = cert.validity();
    Ok(CertInfo {
        subject: dn(subject),
        issuer: dn(issuer),
        subject_cns: subject.iter_common_name().map(attr_value).collect(),
        serial: hex_upper(cert.raw_serial()),
        not_before: rfc3339(validity.not_before.timestamp()),
        not_after: rfc3339(validity.not_after.timestamp()),
        sha1,
        sha256,
        key: key_description(cert.public_key()),
        signature_algorithm: algorithm_name(&cert.signature_algorithm.algorithm.to_id_string()),
        self_issued: subject.as_raw() == issuer.as_raw(),
    })
}

/// A distinguished name, most specific RDN first, multi-valued RDNs joined with `+`.
fn dn(name: &X509Name<'_>) -> String {
    let rdns: Vec<String> = name
        .iter_rdn()
        .map(|rdn| {
            rdn.iter()
                .map(|atv| format!("{}={}", attr_label(&atv.attr_type().to_id_string()), escape(&attr_value(atv))))
                .collect::<Vec<_>>()
                .join("+")
        })
        .collect();
    rdns.into_iter().rev().collect::<Vec<_>>().join(", ")
}

/// Short names as Windows and RFC 4514 print them; others as the dotted OID.
fn attr_label(oid: &str) -> String {
    match oid {
        "2.5.4.3" => "CN",
        "2.5.4.4" => "SN",
        "2.5.4.5" => "SERIALNUMBER",
        "2.5.4.6" => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.9" => "STREET",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "2.5.4.12" => "T",
        "2.5.4.17" => "PostalCode",
        "2.5.4.42" => "G",
        "2.5.4.97" => "organizationIdentifier",
        "0.9.2342.19200300.100.1.1" => "UID",
        "0.9.2342.19200300.100.1.25" => "DC",
        "1.2.840.113549.1.9.1" => "E",
        other => return other.to_owned(),
    }
    .to_owned()
}

/// The text of an attribute value: the string types decoded, anything else as `#` + hex.
fn attr_value(atv: &AttributeTypeAndValue<'_>) -> String {
    let any = atv.attr_value();
    let data = any.data;
    match any.header.tag().0 {
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

/// Seconds since 1970 → `YYYY-MM-DDTHH:MM:SSZ` (proleptic Gregorian, UTC; Howard Hinnant's
/// `civil_from_days`). Certificates only hold years 0000–9999, so the arithmetic cannot overflow.
pub fn rfc3339(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// `RSA 4096`, `EC P-384`, `Ed25519`, …
fn key_description(spki: &SubjectPublicKeyInfo<'_>) -> String {
    let alg = spki.algorithm.algorithm.to_id_string();
    match spki.parsed() {
        Ok(PublicKey::RSA(rsa)) => format!("RSA {}", bit_length(rsa.modulus)),
        Ok(PublicKey::EC(_)) => {
            let curve =
                spki.algorithm.parameters.as_ref().filter(|p| p.header.tag().0 == 6).map(|p| oid_string(p.data));
            match curve.as_deref() {
                Some("1.2.840.10045.3.1.7") => "EC P-256".into(),
                Some("1.3.132.0.34") => "EC P-384".into(),
                Some("1.3.132.0.35") => "EC P-521".into(),
                Some(other) => format!("EC {other}"),
                None => "EC".into(),
            }
        }
        Ok(PublicKey::DSA(y)) => format!("DSA {}", bit_length(y)),
        _ => match alg.as_str() {
            "1.3.101.112" => "Ed25519".into(),
            "1.3.101.113" => "Ed448".into(),
            other => algorithm_name(other),
        },
    }
}

/// Bits of a big-endian unsigned integer, leading zero bytes and bits not counted.
fn bit_length(be: &[u8]) -> usize {
    match be.iter().position(|&b| b != 0) {
        Some(i) => (be.len() - i) * 8 - be[i].leading_zeros() as usize,
        None => 0,
    }
}

/// OpenSSL's names for the usual signature and key algorithms; the dotted OID for others.
fn algorithm_name(oid: &str) -> String {
    match oid {
        "1.2.840.113549.1.1.1" => "rsaEncryption",
        "1.2.840.113549.1.1.4" => "md5WithRSAEncryption",
        "1.2.840.113549.1.1.5" => "sha1WithRSAEncryption",
        "1.2.840.113549.1.1.10" => "RSASSA-PSS",
        "1.2.840.113549.1.1.11" => "sha256WithRSAEncryption",
        "1.2.840.113549.1.1.12" => "sha384WithRSAEncryption",
        "1.2.840.113549.1.1.13" => "sha512WithRSAEncryption",
        "1.2.840.10045.2.1" => "id-ecPublicKey",
        "1.2.840.10045.4.1" => "ecdsa-with-SHA1",
        "1.2.840.10045.4.3.2" => "ecdsa-with-SHA256",
        "1.2.840.10045.4.3.3" => "ecdsa-with-SHA384",
        "1.2.840.10045.4.3.4" => "ecdsa-with-SHA512",
        "1.3.101.112" => "Ed25519",
        "1.3.101.113" => "Ed448",
        "1.2.840.10040.4.3" => "dsa-with-SHA1",
        "2.16.840.1.101.3.4.3.2" => "dsa-with-SHA256",
        other => return other.to_owned(),
    }
    .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_587_062_176), "2020-04-16T18:36:16Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(-1), "1969-12-31T23:59:59Z");
        assert_eq!(rfc3339(253_402_300_799), "9999-12-31T23:59:59Z");
    }

    #[test]
    fn escaping_and_bits() {
        assert_eq!(escape("Acme, Inc."), "Acme\\, Inc.");
        assert_eq!(escape("#x "), "\\#x\\ ");
        assert_eq!(bit_length(&[0x00, 0x80, 0x00]), 16);
        assert_eq!(bit_length(&[0x01, 0xFF]), 9);
        assert_eq!(bit_length(&[]), 0);
    }

    #[test]
    fn garbage_is_an_x509_error() {
        assert!(matches!(describe(&[0x30, 0x03, 0x02, 0x01, 0x00]), Err(CertError::X509 { .. })));
        assert!(matches!(describe(&[]), Err(CertError::X509 { .. })));
    }
}
