//! One X.509 certificate, parsed once on the shared DER reader ([`crate::der`]) into everything the
//! report's certificate list shows (names, serial, validity, hashes, key, signature algorithm) and
//! everything signature verification needs (the exact TBS bytes, the signature algorithm and value,
//! the SubjectPublicKeyInfo, EKUs, basicConstraints, keyUsage, the SubjectKeyIdentifier).
//!
//! Nothing here checks a signature or reads a clock: [`crate::signature::chain`] verifies, the
//! caller says what "today" is.
//!
//! The parser accepts what x509-parser (which it replaced) accepted, so that the same files are read:
//! - `Certificate ::= SEQUENCE { TBSCertificate, AlgorithmIdentifier, BIT STRING }`, elements after
//!   these ignored;
//! - TBSCertificate in RFC 5280 order, the optional `[1]`/`[2]` unique identifiers skipped, and at
//!   most one `[3]` extensions element at the end, every one of whose elements must be an Extension;
//! - validity times in the older UTCTime shapes too (no seconds, an offset: [`der::read_time`]);
//! - extensions that cannot be decoded do not make the certificate unreadable: a broken or repeated
//!   basicConstraints or keyUsage reads as absent.
//!
//! Names are kept in two renderings, both unchanged from before the parsers were merged:
//! - [`Certificate::subject`] / [`Certificate::issuer`], for the report's certificate list: RFC 4514,
//!   most specific RDN first (`CN=…, O=Microsoft Corporation, C=US`), values escaped
//!   (`CN=Denver Technologies\, Inc. dba Warp`), as Windows shows them;
//! - [`Certificate::subject_der_order`] / [`Certificate::issuer_der_order`], for signature results:
//!   DER order (`C=US, O=…, CN=…`), no escaping, multi-valued RDNs joined with ` + `.

use std::ops::Range;

use super::error::CertError;
use super::ROOT_SHA256_HEX;
use crate::der::{self, DerError, DerProblem, Reader, Tlv};

const OID_CN: &[u8] = &[0x55, 0x04, 0x03];
const OID_SUBJECT_KEY_ID: &str = "2.5.29.14";
const OID_KEY_USAGE: &str = "2.5.29.15";
const OID_BASIC_CONSTRAINTS: &str = "2.5.29.19";
const OID_EXT_KEY_USAGE: &str = "2.5.29.37";

/// One parsed certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// The certificate's DER, exactly.
    pub der: Vec<u8>,
    /// RFC 4514-style, most specific first: `CN=…, O=…, C=US` (the report's certificate list).
    pub subject: String,
    pub issuer: String,
    /// DER order, unescaped: `C=US, O=…, CN=…` (signature results).
    pub subject_der_order: String,
    pub issuer_der_order: String,
    /// Every common name of the subject, unescaped, any string type (the look-alike check).
    pub subject_cns: Vec<String>,
    /// The subject's first CN when it is a Printable, UTF8, IA5 or Numeric string (signature results).
    pub common_name: Option<String>,
    /// The serial number's contents octets, as encoded (leading `00` kept).
    pub serial: Vec<u8>,
    /// Seconds since 1970.
    pub not_before: i64,
    pub not_after: i64,
    pub sha1: [u8; 20],
    pub sha256: [u8; 32],
    /// `RSA 4096`, `EC P-256`, `Ed25519`, …
    pub key: String,
    /// `sha384WithRSAEncryption`, `ecdsa-with-SHA256`, … or the dotted OID.
    pub signature_algorithm: String,
    /// Subject and issuer are the same bytes (a root, or another self-issued certificate).
    pub self_issued: bool,
    /// Extended key usages, dotted, of every EKU extension in order.
    pub ekus: Vec<String>,
    /// basicConstraints cA.
    pub is_ca: bool,
    /// basicConstraints pathLenConstraint.
    pub path_len: Option<u32>,
    /// KeyUsage keyCertSign; `None` when the certificate has no (readable, single) KeyUsage extension.
    pub key_cert_sign: Option<bool>,
    /// The first SubjectKeyIdentifier extension's key id.
    pub(crate) subject_key_id: Option<Vec<u8>>,
    /// Dotted OID of the signature algorithm (`1.2.840.113549.1.1.12`).
    pub(crate) signature_oid: String,
    /// The signature value: the BIT STRING's bytes after its unused-bits count.
    pub(crate) signature: Vec<u8>,
    /// Spans in `der`: the signed TBSCertificate, the SubjectPublicKeyInfo, the issuer and subject
    /// Names (each element whole: tag, length and value).
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

/// One attribute of a Name: its type's OID contents octets, and its value element.
struct Atv<'a> {
    oid: &'a [u8],
    value: Tlv<'a>,
}

/// A Name's RDNs, in DER order.
type Name<'a> = Vec<Vec<Atv<'a>>>;

fn bad(what: &'static str, offset: usize) -> DerError {
    DerError { offset, what, problem: DerProblem::BadValue }
}

/// Reads the next element if its tag *number* is that of `tag`, as x509-parser (asn1-rs) compared
/// tags: the class is not compared, nor the constructed bit of a constructed type (a primitive type
/// must stay primitive). A certificate damaged in a tag byte is thus still read, so that a signature
/// carrying a corrupted copy of a CA or of the root reports the broken link or the look-alike instead
/// of silently falling back to the pinned copy.
fn element<'a>(r: &mut Reader<'a>, tag: u8, what: &'static str) -> Result<Tlv<'a>, DerError> {
    let offset = r.offset();
    match r.peek_tag() {
        Some(t) if same_type(t, tag) => r.read(),
        Some(found) => Err(DerError { offset, what, problem: DerProblem::UnexpectedTag { expected: tag, found } }),
        None => Err(DerError { offset, what, problem: DerProblem::Truncated { need: 2, have: 0 } }),
    }
}

/// Tag `found` stands for `tag` (see [`element`]).
fn same_type(found: u8, tag: u8) -> bool {
    found & 0x1F == tag & 0x1F && (tag & 0x20 != 0 || found & 0x20 == 0)
}

/// Reads an OBJECT IDENTIFIER's contents octets. Like x509-parser, any primitive element is taken
/// (its tag is not checked).
fn oid<'a>(r: &mut Reader<'a>, what: &'static str) -> Result<&'a [u8], DerError> {
    let t = r.read()?;
    if t.tag & 0x20 != 0 {
        return Err(DerError {
            offset: t.offset,
            what,
            problem: DerProblem::UnexpectedTag { expected: der::OID, found: t.tag },
        });
    }
    Ok(t.value)
}

/// `AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }`, read as above.
fn algorithm<'a>(r: &mut Reader<'a>, what: &'static str) -> Result<der::Algorithm<'a>, DerError> {
    let mut a = element(r, der::SEQUENCE, what)?.reader(what);
    let oid = der::oid_string(oid(&mut a, what)?);
    let params = if a.is_empty() { None } else { Some(a.read()?) };
    Ok(der::Algorithm { oid, params })
}

/// Reads a Name. As x509-parser did, the RDNs are read up to the first one that cannot be read, and
/// an RDN's attributes up to the first one that cannot be read; what follows is ignored (and is not
/// part of the returned span, which subject/issuer comparisons use).
fn read_name<'a>(r: &mut Reader<'a>, what: &'static str) -> Result<(&'a [u8], Name<'a>), DerError> {
    let seq = element(r, der::SEQUENCE, what)?;
    let mut rdns = Vec::new();
    let mut nr = seq.reader(what);
    let mut end = seq.raw.len() - seq.value.len();
    while let Some(rdn) = read_rdn(&mut nr) {
        rdns.push(rdn);
        end = nr.offset() - seq.offset;
    }
    Ok((seq.raw.get(..end).unwrap_or(seq.raw), rdns))
}

/// `RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue`.
fn read_rdn<'a>(r: &mut Reader<'a>) -> Option<Vec<Atv<'a>>> {
    let set = element(r, der::SET, "RelativeDistinguishedName").ok()?;
    let mut sr = set.reader("RelativeDistinguishedName");
    let mut rdn = Vec::new();
    while let Some(atv) = element(&mut sr, der::SEQUENCE, "AttributeTypeAndValue").ok().and_then(|atv| {
        let mut ar = atv.reader("AttributeTypeAndValue");
        let oid = oid(&mut ar, "AttributeTypeAndValue").ok()?;
        Some(Atv { oid, value: ar.read().ok()? })
    }) {
        rdn.push(atv);
    }
    (!rdn.is_empty()).then_some(rdn)
}

fn span(t: &Tlv<'_>) -> Range<usize> {
    t.offset..t.offset + t.raw.len()
}

/// The span of `part` in `whole`, which it was read from.
fn within(whole: &[u8], part: &[u8]) -> Range<usize> {
    let start = (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize);
    start..start + part.len()
}

impl Certificate {
    /// Parses `der` (exactly one certificate). A certificate that cannot be read is
    /// [`CertError::X509`] with the reason; bytes after it are [`CertError::TrailingData`].
    pub fn parse(der_bytes: &[u8]) -> Result<Certificate, CertError> {
        let (outer, used) = parse_certificate(der_bytes).map_err(|e| CertError::X509 { detail: e.to_string() })?;
        if used < der_bytes.len() {
            return Err(CertError::TrailingData { offset: used });
        }
        Ok(outer)
    }

    /// The signed part, exactly as encoded.
    pub(crate) fn tbs(&self) -> &[u8] {
        self.der.get(self.tbs.clone()).unwrap_or(&[])
    }

    /// The SubjectPublicKeyInfo, exactly as encoded.
    pub(crate) fn spki(&self) -> &[u8] {
        self.der.get(self.spki.clone()).unwrap_or(&[])
    }

    /// The issuer Name element, exactly as encoded (compared with a SignerInfo's issuer, and with
    /// other certificates' subjects when a chain is built).
    pub(crate) fn issuer_raw(&self) -> &[u8] {
        self.der.get(self.issuer_raw.clone()).unwrap_or(&[])
    }

    /// The subject Name element, exactly as encoded.
    pub(crate) fn subject_raw(&self) -> &[u8] {
        self.der.get(self.subject_raw.clone()).unwrap_or(&[])
    }

    /// Byte-identical (SHA-256) to the pinned Microsoft Identity Verification root. Never by name.
    pub fn is_pinned_root(&self) -> bool {
        der::hex_upper(&self.sha256) == ROOT_SHA256_HEX
    }
}

/// Parses the certificate at the start of `data`; returns it and the bytes it takes.
fn parse_certificate(data: &[u8]) -> Result<(Certificate, usize), DerError> {
    let (outer, used) = der::parse(data, 0, "Certificate")?;
    if outer.tag & 0x1F != der::SEQUENCE & 0x1F {
        return Err(DerError {
            offset: 0,
            what: "Certificate",
            problem: DerProblem::UnexpectedTag { expected: der::SEQUENCE, found: outer.tag },
        });
    }
    let mut c = outer.reader("Certificate");
    let tbs = element(&mut c, der::SEQUENCE, "TBSCertificate")?;
    let sig_alg = algorithm(&mut c, "signatureAlgorithm")?;
    let sig_bits = element(&mut c, der::BIT_STRING, "signatureValue")?;
    let Some((_, signature)) = bit_string(&sig_bits) else {
        return Err(bad("signatureValue", sig_bits.offset));
    };
    let signature = signature.to_vec();

    let mut t = tbs.reader("TBSCertificate");
    // version [0] EXPLICIT INTEGER (context class; the constructed bit is not compared).
    if let Some(0xA0 | 0x80) = t.peek_tag() {
        let v = t.read()?;
        let n = element(&mut v.reader("version"), der::INTEGER, "version")?;
        if n.value.is_empty() || n.value.len() > 5 || n.value[0] & 0x80 != 0 {
            return Err(bad("version", n.offset));
        }
    }
    let serial = element(&mut t, der::INTEGER, "serialNumber")?.value.to_vec();
    algorithm(&mut t, "signature")?;
    let (issuer_raw, issuer) = read_name(&mut t, "issuer")?;
    let validity = element(&mut t, der::SEQUENCE, "validity")?;
    let mut vr = validity.reader("validity");
    let mut time = || -> Result<i64, DerError> {
        let v = vr.read()?;
        der::read_time(&Tlv { tag: v.tag & 0x1F, ..v }, "validity")
    };
    let not_before = time()?;
    let not_after = time()?;
    let (subject_raw, subject) = read_name(&mut t, "subject")?;
    let spki_tlv = element(&mut t, der::SEQUENCE, "subjectPublicKeyInfo")?;
    let mut sr = spki_tlv.reader("subjectPublicKeyInfo");
    let key_alg = algorithm(&mut sr, "subjectPublicKeyInfo")?;
    let key_bits = element(&mut sr, der::BIT_STRING, "subjectPublicKeyInfo")?;
    let Some((_, key_bytes)) = bit_string(&key_bits) else {
        return Err(bad("subjectPublicKeyInfo", key_bits.offset));
    };
    // issuerUniqueID [1] and subjectUniqueID [2] (IMPLICIT BIT STRING): skipped.
    for tag in [0x81, 0x82] {
        if t.peek_tag().is_some_and(|found| found & 0xDF == tag) {
            t.read()?;
        }
    }
    let mut extensions = Vec::new();
    if !t.is_empty() {
        // extensions [3] EXPLICIT Extensions. As x509-parser did, the Extensions SEQUENCE is read from
        // after the `[3]` header to the end of the TBSCertificate (the `[3]` length is not used) and
        // must fill it.
        let at = t.offset();
        let found = t.peek_tag().unwrap_or(0);
        if found & 0x1F != der::CTX3 & 0x1F {
            let problem = DerProblem::UnexpectedTag { expected: der::CTX3, found };
            return Err(DerError { offset: at, what: "extensions", problem });
        }
        let header = match t.rest().get(1) {
            Some(&l) if l < 0x80 => 2,
            Some(&l @ 0x81..=0x84) => 2 + usize::from(l & 0x7F),
            _ => return Err(bad("extensions", at)),
        };
        let after = t.rest().get(header..).unwrap_or(&[]);
        let mut er = Reader::at(after, at + header, "extensions");
        let list = element(&mut er, der::SEQUENCE, "extensions")?;
        if !er.is_empty() {
            return Err(bad("extensions", er.offset()));
        }
        let mut lr = list.reader("Extension");
        while !lr.is_empty() {
            let ext = element(&mut lr, der::SEQUENCE, "Extension")?;
            let mut xr = ext.reader("Extension");
            let oid = der::oid_string(oid(&mut xr, "Extension")?);
            if xr.peek_tag().is_some_and(|found| found & 0x1F == der::BOOLEAN) {
                let critical = xr.read()?;
                if critical.value.len() != 1 {
                    return Err(bad("Extension", critical.offset));
                }
            }
            let value = element(&mut xr, der::OCTET_STRING, "Extension")?.value;
            extensions.push((oid, value));
        }
    }

    let der_bytes = outer.raw;
    let (sha1, sha256) = hashes(der_bytes);
    let ext = |oid: &'static str| extensions.iter().filter(move |(o, _)| o == oid).map(|(_, v)| *v);
    let unique = |oid: &'static str| {
        let mut found = ext(oid);
        match (found.next(), found.next()) {
            (Some(v), None) => Some(v),
            _ => None,
        }
    };
    let basic = unique(OID_BASIC_CONSTRAINTS).and_then(basic_constraints);
    let mut ekus = Vec::new();
    for value in ext(OID_EXT_KEY_USAGE) {
        if let Ok((seq, _)) = der::parse(value, 0, "ExtendedKeyUsage") {
            let mut r = seq.reader("ExtendedKeyUsage");
            while let Ok(o) = der::read_oid(&mut r) {
                ekus.push(o);
            }
        }
    }
    let subject_key_id = ext(OID_SUBJECT_KEY_ID)
        .next()
        .and_then(|v| der::parse(v, 0, "SubjectKeyIdentifier").ok())
        .map(|(t, _)| t.value.to_vec());
    let cns = || subject.iter().flatten().filter(|a| a.oid == OID_CN);
    Ok((
        Certificate {
            der: der_bytes.to_vec(),
            subject: rfc4514(&subject),
            issuer: rfc4514(&issuer),
            subject_der_order: der_order(&subject),
            issuer_der_order: der_order(&issuer),
            subject_cns: cns().map(|a| value_text(&a.value)).collect(),
            common_name: cns().next().and_then(|a| plain_string(&a.value)),
            serial,
            not_before,
            not_after,
            sha1,
            sha256,
            key: key_description(&key_alg, key_bytes),
            signature_algorithm: algorithm_name(&sig_alg.oid),
            self_issued: subject_raw == issuer_raw,
            ekus,
            is_ca: basic.is_some_and(|b| b.0),
            path_len: basic.and_then(|b| b.1),
            key_cert_sign: unique(OID_KEY_USAGE).and_then(key_cert_sign),
            subject_key_id,
            signature_oid: sig_alg.oid,
            signature,
            tbs: span(&tbs),
            spki: span(&spki_tlv),
            issuer_raw: within(der_bytes, issuer_raw),
            subject_raw: within(der_bytes, subject_raw),
        },
        used,
    ))
}

/// A BOOLEAN's value. Any non-zero octet is true (BER): some CAs write `01` for TRUE.
fn boolean(t: &Tlv<'_>) -> Option<bool> {
    match t.value {
        [v] if same_type(t.tag, der::BOOLEAN) => Some(*v != 0),
        _ => None,
    }
}

/// A BIT STRING's bytes after its unused-bits count, when that count is 0–7 and the unused bits of
/// the last byte are zero (DER; as x509-parser, an empty string's count is not checked further).
fn bit_string<'a>(t: &Tlv<'a>) -> Option<(u8, &'a [u8])> {
    let (&unused, rest) = t.value.split_first()?;
    let padding_ok = match rest.last() {
        Some(last) => unused <= 7 && last & ((1u8 << unused) - 1) == 0,
        None => unused <= 7,
    };
    (same_type(t.tag, der::BIT_STRING) && padding_ok).then_some((unused, rest))
}

/// A non-negative INTEGER that fits 32 bits.
fn small_uint(t: &Tlv<'_>) -> Option<u32> {
    if !same_type(t.tag, der::INTEGER) || t.value.first().is_none_or(|b| b & 0x80 != 0) {
        return None;
    }
    let m = der::unsigned_be(t.value);
    (m.len() <= 4).then(|| m.iter().fold(0u32, |a, b| (a << 8) | u32::from(*b)))
}

/// `BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }`.
fn basic_constraints(value: &[u8]) -> Option<(bool, Option<u32>)> {
    let (seq, _) = der::parse(value, 0, "BasicConstraints").ok()?;
    if !same_type(seq.tag, der::SEQUENCE) {
        return None;
    }
    let mut r = seq.reader("BasicConstraints");
    let mut items = Vec::new();
    while !r.is_empty() {
        items.push(r.read().ok()?);
    }
    match items.as_slice() {
        [] => Some((false, None)),
        [one] => boolean(one).map(|b| (b, None)).or_else(|| small_uint(one).map(|n| (false, Some(n)))),
        [ca, len] => Some((boolean(ca)?, Some(small_uint(len)?))),
        _ => None,
    }
}

/// KeyUsage keyCertSign (bit 5) of a KeyUsage BIT STRING.
fn key_cert_sign(value: &[u8]) -> Option<bool> {
    let (bits, _) = der::parse(value, 0, "KeyUsage").ok()?;
    bit_string(&bits).map(|(_, flags)| flags.first().is_some_and(|b| b & 0x04 != 0))
}

/// The text of an attribute value for RFC 4514 names and CNs: the string types decoded, anything
/// else as `#` + hex. Types go by tag number, as everywhere in this parser.
fn value_text(v: &Tlv<'_>) -> String {
    let data = v.value;
    match v.tag & 0x1F {
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
        _ => format!("#{}", der::hex_upper(data)),
    }
}

/// A value of one of the plain string types (Numeric, Printable, UTF8, IA5) that is valid UTF-8.
fn plain_string(v: &Tlv<'_>) -> Option<String> {
    matches!(v.tag & 0x1F, 12 | 18 | 19 | 22).then(|| std::str::from_utf8(v.value).ok().map(str::to_owned)).flatten()
}

/// A distinguished name, most specific RDN first, multi-valued RDNs joined with `+`, values escaped
/// (RFC 4514), attribute types by the short names Windows prints.
fn rfc4514(name: &Name<'_>) -> String {
    let rdns: Vec<String> = name
        .iter()
        .map(|rdn| {
            rdn.iter()
                .map(|a| format!("{}={}", label(a.oid), escape(&value_text(&a.value))))
                .collect::<Vec<_>>()
                .join("+")
        })
        .collect();
    rdns.into_iter().rev().collect::<Vec<_>>().join(", ")
}

/// Short names as Windows and RFC 4514 print them; others as the dotted OID.
fn label(oid: &[u8]) -> String {
    let dotted = der::oid_string(oid);
    match dotted.as_str() {
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
        _ => return dotted,
    }
    .to_owned()
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

/// A distinguished name in DER order, unescaped, multi-valued RDNs joined with ` + `: the rendering
/// signature results have always used (x509-parser's). Attribute types by the short names of the
/// OID registry x509-parser used, else `OID(…)`; values of the string types as text, others as hex.
/// A string value that is not valid text makes the whole name `<X509Error: Invalid X.509 name>`.
fn der_order(name: &Name<'_>) -> String {
    let mut rdns = Vec::with_capacity(name.len());
    for rdn in name {
        let mut parts = Vec::with_capacity(rdn.len());
        for a in rdn {
            let v = &a.value;
            let text = match v.tag & 0x1F {
                // Numeric, Visible, Printable, General, ObjectDescriptor, Graphic, T61, Videotex,
                // UTF8, IA5
                18 | 26 | 19 | 27 | 7 | 25 | 20 | 21 | 12 | 22 => std::str::from_utf8(v.value).ok().map(str::to_owned),
                30 => {
                    // BMPString; an odd last byte counts as a code unit of its own.
                    let units: Vec<u16> = v
                        .value
                        .chunks(2)
                        .map(|c| match c {
                            [a, b] => u16::from_be_bytes([*a, *b]),
                            [a] => u16::from(*a),
                            _ => 0,
                        })
                        .collect();
                    String::from_utf16(&units).ok()
                }
                _ => Some(der::hex_upper(v.value)),
            };
            let Some(text) = text else { return "<X509Error: Invalid X.509 name>".into() };
            let dotted = der::oid_string(a.oid);
            let label = match registry_name(&dotted) {
                Some(l) => l.to_owned(),
                None => format!("OID({dotted})"),
            };
            parts.push(format!("{label}={text}"));
        }
        rdns.push(parts.join(" + "));
    }
    rdns.join(", ")
}

/// The attribute-type names x509-parser printed (its abbreviations, then oid-registry's short names).
fn registry_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.5.4.3" => "CN",
        "2.5.4.6" => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "0.9.2342.19200300.100.1.25" => "DC",
        "1.2.840.113549.1.9.1" => "Email",
        "2.5.4" => "x509",
        "2.5.4.0" => "objectClass",
        "2.5.4.1" => "aliasedEntryName",
        "2.5.4.2" => "knowledgeInformation",
        "2.5.4.4" => "surname",
        "2.5.4.5" => "serialNumber",
        "2.5.4.9" => "streetAddress",
        "2.5.4.12" => "title",
        "2.5.4.13" => "description",
        "2.5.4.14" => "searchGuide",
        "2.5.4.15" => "businessCategory",
        "2.5.4.16" => "postalAddress",
        "2.5.4.17" => "postalCode",
        "2.5.4.41" => "name",
        "2.5.4.42" => "givenName",
        "2.5.4.43" => "initials",
        "2.5.4.44" => "generationQualifier",
        "2.5.4.45" => "uniqueIdentifier",
        "2.5.4.46" => "dnQualifier",
        "0.9.2342.19200300.100.1.1" => "uid",
        "1.2.840.113549.1.9.2" => "unstructuredName",
        "1.2.840.113549.1.9.20" => "friendlyName",
        "1.3.6.1.4.1.311.60.2.1.1" => "msJurisdictionLocality",
        "1.3.6.1.4.1.311.60.2.1.2" => "msJurisdictionStateOrProvince",
        "1.3.6.1.4.1.311.60.2.1.3" => "msJurisdictionCountry",
        _ => return None,
    })
}

/// `RSA 4096`, `EC P-384`, `Ed25519`, …; the algorithm's name when the key cannot be read.
fn key_description(alg: &der::Algorithm<'_>, key: &[u8]) -> String {
    // A DER INTEGER: no redundant leading 00 or FF octet.
    fn int<'k>(r: &mut Reader<'k>) -> Result<&'k [u8], DerError> {
        let t = element(r, der::INTEGER, "RSAPublicKey")?;
        match t.value {
            [] | [0x00, 0x00..=0x7F, ..] | [0xFF, 0x80..=0xFF, ..] => Err(bad("RSAPublicKey", t.offset)),
            v => Ok(v),
        }
    }
    match alg.oid.as_str() {
        "1.2.840.113549.1.1.1" => {
            // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
            let modulus =
                element(&mut Reader::new(key, "RSAPublicKey"), der::SEQUENCE, "RSAPublicKey").and_then(|seq| {
                    let mut r = seq.reader("RSAPublicKey");
                    let n = int(&mut r)?;
                    int(&mut r)?;
                    Ok(n)
                });
            match modulus {
                Ok(n) => format!("RSA {}", bit_length(n)),
                Err(_) => algorithm_name(&alg.oid),
            }
        }
        "1.2.840.10045.2.1" => {
            let curve = alg.params.filter(|p| p.tag & 0x1F == der::OID).map(|p| der::oid_string(p.value));
            match curve.as_deref() {
                Some("1.2.840.10045.3.1.7") => "EC P-256".into(),
                Some("1.3.132.0.34") => "EC P-384".into(),
                Some("1.3.132.0.35") => "EC P-521".into(),
                Some(other) => format!("EC {other}"),
                None => "EC".into(),
            }
        }
        "1.2.840.10040.4.1" => match element(&mut Reader::new(key, "DSAPublicKey"), der::INTEGER, "DSAPublicKey") {
            Ok(y) => format!("DSA {}", bit_length(y.value)),
            Err(_) => algorithm_name(&alg.oid),
        },
        "1.3.101.112" => "Ed25519".into(),
        "1.3.101.113" => "Ed448".into(),
        other => algorithm_name(other),
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
    fn escaping_and_bits() {
        assert_eq!(escape("Acme, Inc."), "Acme\\, Inc.");
        assert_eq!(escape("#x "), "\\#x\\ ");
        assert_eq!(bit_length(&[0x00, 0x80, 0x00]), 16);
        assert_eq!(bit_length(&[0x01, 0xFF]), 9);
        assert_eq!(bit_length(&[]), 0);
    }

    fn tlv(t: u8, v: &[u8]) -> Vec<u8> {
        let mut o = vec![t];
        if v.len() < 128 {
            o.push(v.len() as u8)
        } else {
            o.extend([0x81, v.len() as u8])
        }
        o.extend_from_slice(v);
        o
    }

    fn atv(oid: &[u8], tag: u8, v: &[u8]) -> Vec<u8> {
        tlv(der::SEQUENCE, &[tlv(der::OID, oid), tlv(tag, v)].concat())
    }

    /// Both renderings of a Name made of `rdns` (each a concatenation of attributes).
    fn render(rdns: &[Vec<u8>]) -> (String, String) {
        let name = tlv(der::SEQUENCE, &rdns.iter().map(|r| tlv(der::SET, r)).collect::<Vec<_>>().concat());
        let (_, n) = read_name(&mut Reader::new(&name, "name"), "name").unwrap();
        (der_order(&n), rfc4514(&n))
    }

    const CN: &[u8] = &[0x55, 4, 3];

    /// The DER-order strings are those x509-parser 0.18 printed for the same Names (checked against
    /// it when it was replaced).
    #[test]
    fn names_render_as_before() {
        let r = render(&[atv(CN, 12, b"Acme, Inc."), atv(&[0x55, 4, 10], 19, b"O+x")]);
        assert_eq!(r, ("CN=Acme, Inc., O=O+x".into(), "O=O\\+x, CN=Acme\\, Inc.".into()));
        let r = render(&[[atv(CN, 12, b"a"), atv(&[0x55, 4, 11], 12, b"b")].concat()]);
        assert_eq!(r, ("CN=a + OU=b".into(), "CN=a+OU=b".into()));
        // An EV subject: serialNumber, businessCategory, jurisdictionCountry.
        let jurisdiction = [0x2B, 6, 1, 4, 1, 0x82, 0x37, 0x3C, 2, 1, 3];
        let r = render(&[
            atv(&[0x55, 4, 5], 19, b"123"),
            atv(&[0x55, 4, 15], 12, b"Private Organization"),
            atv(&jurisdiction, 19, b"US"),
        ]);
        assert_eq!(r.0, "serialNumber=123, businessCategory=Private Organization, msJurisdictionCountry=US");
        assert_eq!(r.1, "1.3.6.1.4.1.311.60.2.1.3=US, 2.5.4.15=Private Organization, SERIALNUMBER=123");
        // BMPString and UniversalString; any other type as hex.
        let r = render(&[atv(CN, 30, &[0, 0x41, 0x30, 0x42]), atv(CN, 28, &[0, 0, 0, 0x41])]);
        assert_eq!(r, ("CN=A\u{3042}, CN=00000041".into(), "CN=A, CN=A\u{3042}".into()));
        let email = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 1, 9, 1];
        let dc = [0x09, 0x92, 0x26, 0x89, 0x93, 0xF2, 0x2C, 0x64, 1, 0x19];
        let r = render(&[atv(&[0x55, 4, 0x61], 12, b"VATDE-1"), atv(&email, 22, b"a@b.c"), atv(&dc, 22, b"com")]);
        assert_eq!(r.0, "OID(2.5.4.97)=VATDE-1, Email=a@b.c, DC=com");
        assert_eq!(r.1, "DC=com, E=a@b.c, organizationIdentifier=VATDE-1");
        let r = render(&[atv(CN, 4, &[1, 2, 0xAB]), atv(&[0x55, 4], 12, b"x"), atv(&[0x55, 4, 0x2A], 20, b"t61")]);
        assert_eq!(r, ("CN=0102AB, x509=x, givenName=t61".into(), "G=t61, 2.5.4=x, CN=\\#0102AB".into()));
        let r = render(&[atv(&[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 1, 9, 2], 19, b"u"), atv(&[0x55, 4, 7], 26, b"v")]);
        assert_eq!(r.0, "unstructuredName=u, L=v");
        // An odd BMPString's last byte is a code unit of its own; text that is not text spoils the name.
        assert_eq!(render(&[atv(CN, 30, &[0x00, 0x41, 0x42])]).0, "CN=AB");
        assert_eq!(render(&[atv(CN, 12, &[0xFF, 0x41])]).0, "<X509Error: Invalid X.509 name>");
        assert_eq!(render(&[atv(CN, 30, &[0xD8, 0x00])]).0, "<X509Error: Invalid X.509 name>");
    }

    /// A broken RDN ends the Name (what follows is ignored, as x509-parser did); tags are read by
    /// number, so an attribute type under another primitive tag still reads.
    #[test]
    fn a_broken_rdn_ends_the_name() {
        let good = tlv(der::SET, &atv(&[0x55, 4, 10], 12, b"Org"));
        let broken = tlv(der::SET, &tlv(der::SEQUENCE, &[tlv(0x26, CN), tlv(12, b"x")].concat()));
        let name = tlv(der::SEQUENCE, &[good.clone(), broken, good.clone()].concat());
        let (raw, n) = read_name(&mut Reader::new(&name, "name"), "name").unwrap();
        assert_eq!((rfc4514(&n).as_str(), raw.len()), ("O=Org", 2 + 14));
        let odd = tlv(der::SET, &tlv(0x70, &[tlv(0x07, CN), tlv(0x4C, b"x")].concat()));
        let name = tlv(der::SEQUENCE, &[good, odd].concat());
        let (_, n) = read_name(&mut Reader::new(&name, "name"), "name").unwrap();
        assert_eq!((rfc4514(&n).as_str(), der_order(&n).as_str()), ("CN=x, O=Org", "O=Org, CN=x"));
    }

    /// The real ACS leaf (Warp's), as both sides showed it before the parsers were merged.
    #[test]
    fn the_warp_leaf() {
        let sd =
            crate::signature::cms::parse_content_info(include_bytes!("../../../tests/fixtures/certs/warp-ps1-sig.p7"))
                .unwrap();
        let leaf = Certificate::parse(sd.certificates[1]).unwrap();
        assert_eq!(
            leaf.subject,
            "CN=Denver Technologies\\, Inc. dba Warp, O=Denver Technologies\\, Inc. dba Warp, L=New York, ST=New York, C=US"
        );
        assert_eq!(
            leaf.subject_der_order,
            "C=US, ST=New York, L=New York, O=Denver Technologies, Inc. dba Warp, CN=Denver Technologies, Inc. dba Warp"
        );
        assert_eq!(leaf.issuer_der_order, "C=US, O=Microsoft Corporation, CN=Microsoft ID Verified CS EOC CA 01");
        assert_eq!(leaf.common_name.as_deref(), Some("Denver Technologies, Inc. dba Warp"));
        assert_eq!(leaf.ekus[..2], ["1.3.6.1.4.1.311.97.1.0", "1.3.6.1.5.5.7.3.3"]);
        assert_eq!((leaf.is_ca, leaf.path_len, leaf.key_cert_sign), (false, None, Some(false)));
        assert_eq!((leaf.key.as_str(), leaf.signature_algorithm.as_str()), ("RSA 3072", "sha384WithRSAEncryption"));
        assert!(!leaf.self_issued && leaf.subject_key_id.is_some());
        // The spans are the exact encodings.
        let (tbs, _) = der::parse(leaf.tbs(), 0, "t").unwrap();
        assert_eq!(tbs.raw.len(), leaf.tbs().len());
        assert_eq!(leaf.spki()[0], der::SEQUENCE);
        assert_eq!(leaf.issuer_raw()[0], der::SEQUENCE);
        let root = Certificate::parse(sd.certificates[0]).unwrap();
        assert!(root.is_pinned_root() && root.self_issued && root.subject_raw() == root.issuer_raw());
    }

    #[test]
    fn extensions_read_as_x509_parser_did() {
        // BasicConstraints: BER TRUE (`01`) is true; a lone INTEGER is a path length.
        assert_eq!(basic_constraints(&[0x30, 0x03, 0x01, 0x01, 0x01]), Some((true, None)));
        assert_eq!(basic_constraints(&[0x30, 0x03, 0x02, 0x01, 0x05]), Some((false, Some(5))));
        assert_eq!(basic_constraints(&[0x30, 0x00]), Some((false, None)));
        assert_eq!(basic_constraints(&[0x30, 0x03, 0x04, 0x01, 0x05]), None);
        // KeyUsage: DER padding bits must be zero.
        assert_eq!(key_cert_sign(&[0x03, 0x02, 0x01, 0x06]), Some(true));
        assert_eq!(key_cert_sign(&[0x03, 0x02, 0x07, 0x80]), Some(false));
        assert_eq!(key_cert_sign(&[0x03, 0x02, 0x07, 0x7F]), None);
    }

    #[test]
    fn garbage_is_an_x509_error() {
        assert!(matches!(Certificate::parse(&[0x30, 0x03, 0x02, 0x01, 0x00]), Err(CertError::X509 { .. })));
        assert!(matches!(Certificate::parse(&[]), Err(CertError::X509 { .. })));
    }
}
