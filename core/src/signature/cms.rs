//! A tolerant CMS / PKCS#7 SignedData walker (RFC 5652, PKCS#7 v1.5 as Authenticode uses it).
//!
//! Tolerances, all needed by real Windows signatures:
//! - the `certificates` SET is read as a list, without uniqueness or order checks (ACS signatures
//!   list their leaf twice);
//! - the encapsulated content may be any element (Authenticode puts the SpcIndirectDataContent
//!   SEQUENCE itself in `[0]`; RFC 3161 tokens put an OCTET STRING there);
//! - unknown attributes and trailing elements are kept or skipped, never rejected.
//!
//! Every structure keeps the byte spans that digests and signatures are computed over.

use crate::der::{self, DerError, Reader, Tlv};

pub const OID_SIGNED_DATA: &str = "1.2.840.113549.1.7.2";
pub const OID_CONTENT_TYPE: &str = "1.2.840.113549.1.9.3";
pub const OID_MESSAGE_DIGEST: &str = "1.2.840.113549.1.9.4";
pub const OID_SIGNING_TIME: &str = "1.2.840.113549.1.9.5";
pub const OID_COUNTER_SIGNATURE: &str = "1.2.840.113549.1.9.6";
pub const OID_SPC_INDIRECT_DATA: &str = "1.3.6.1.4.1.311.2.1.4";
pub const OID_SPC_SP_OPUS_INFO: &str = "1.3.6.1.4.1.311.2.1.12";
pub const OID_SPC_NESTED_SIGNATURE: &str = "1.3.6.1.4.1.311.2.4.1";
pub const OID_RFC3161_COUNTER_SIGN: &str = "1.3.6.1.4.1.311.3.3.1";
pub const OID_TST_INFO: &str = "1.2.840.113549.1.9.16.1.4";

/// A ContentInfo holding SignedData.
#[derive(Debug, Clone)]
pub struct SignedData<'a> {
    /// The whole ContentInfo encoding.
    pub raw: &'a [u8],
    pub version: u32,
    /// `encapContentInfo.eContentType`.
    pub content_type: String,
    /// The element inside `encapContentInfo [0]`, when present.
    pub content: Option<Tlv<'a>>,
    /// DER of every certificate in `certificates`, in order, duplicates kept. Other certificate
    /// choices (attribute certificates, `[0]`/`[1]`/`[2]`/`[3]` forms) are skipped.
    pub certificates: Vec<&'a [u8]>,
    pub signer_infos: Vec<SignerInfo<'a>>,
}

/// How a SignerInfo names its certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignerId<'a> {
    /// Issuer Name (raw DER) and serial number (INTEGER contents octets).
    IssuerSerial { issuer: &'a [u8], serial: &'a [u8] },
    /// SubjectKeyIdentifier.
    KeyId(&'a [u8]),
}

/// One attribute: its type and the raw encodings of its values.
#[derive(Debug, Clone)]
pub struct Attribute<'a> {
    pub oid: String,
    pub values: Vec<Tlv<'a>>,
}

#[derive(Debug, Clone)]
pub struct SignerInfo<'a> {
    pub version: u32,
    pub sid: SignerId<'a>,
    pub digest_alg_oid: String,
    /// The `[0] IMPLICIT` signedAttrs element as encoded (tag `0xA0`), when present.
    pub signed_attrs_raw: Option<&'a [u8]>,
    pub signed_attrs: Vec<Attribute<'a>>,
    pub signature_alg_oid: String,
    pub signature: &'a [u8],
    pub unsigned_attrs: Vec<Attribute<'a>>,
}

impl<'a> SignerInfo<'a> {
    /// The bytes the signature covers: the signed attributes with the `[0]` tag replaced by SET
    /// (RFC 5652 §5.4). `None` when there are no signed attributes.
    pub fn signed_attrs_der(&self) -> Option<Vec<u8>> {
        self.signed_attrs_raw.map(|raw| {
            let mut v = raw.to_vec();
            if let Some(first) = v.first_mut() {
                *first = der::SET;
            }
            v
        })
    }

    /// The first value of a signed attribute.
    pub fn signed_attr(&self, oid: &str) -> Option<Tlv<'a>> {
        self.signed_attrs.iter().find(|a| a.oid == oid).and_then(|a| a.values.first().copied())
    }

    /// Every value of every unsigned attribute of this type, in order.
    pub fn unsigned_values(&self, oid: &str) -> Vec<Tlv<'a>> {
        self.unsigned_attrs.iter().filter(|a| a.oid == oid).flat_map(|a| a.values.iter().copied()).collect()
    }
}

fn bad(what: &'static str, offset: usize) -> DerError {
    DerError { offset, what, problem: der::DerProblem::BadValue }
}

fn small_int(tlv: Tlv<'_>, what: &'static str) -> Result<u32, DerError> {
    let t = tlv.expect(der::INTEGER, what)?;
    if t.value.is_empty() || t.value.len() > 4 {
        return Err(bad(what, t.offset));
    }
    Ok(t.value.iter().fold(0u32, |a, b| (a << 8) | u32::from(*b)))
}

/// Parses a DER ContentInfo that must hold SignedData. Trailing bytes after it are ignored by the
/// callers that allow padding (see [`der::parse_single`]).
pub fn parse_content_info(data: &[u8]) -> Result<SignedData<'_>, DerError> {
    let (ci, _) = der::parse(data, 0, "ContentInfo")?;
    let ci = ci.expect(der::SEQUENCE, "ContentInfo")?;
    let mut r = ci.reader("ContentInfo");
    let at = r.offset();
    let ct = der::read_oid(&mut r)?;
    if ct != OID_SIGNED_DATA {
        return Err(bad("ContentInfo (not SignedData)", at));
    }
    let explicit = r.expect(der::CTX0)?;
    let sd = explicit.reader("SignedData").expect(der::SEQUENCE)?;
    let mut s = sd.reader("SignedData");
    let version = small_int(s.read()?, "SignedData version")?;
    // digestAlgorithms: informative only; each SignerInfo names its own.
    s.expect(der::SET)?;
    let encap = s.expect(der::SEQUENCE)?;
    let mut e = encap.reader("encapContentInfo");
    let content_type = der::read_oid(&mut e)?;
    let content = match e.optional(der::CTX0)? {
        Some(c) => Some(c.reader("encapContentInfo content").read()?),
        None => None,
    };
    let mut certificates = Vec::new();
    if let Some(certs) = s.optional(der::CTX0)? {
        let mut cr = certs.reader("certificates");
        while !cr.is_empty() {
            let c = cr.read()?;
            if c.tag == der::SEQUENCE {
                certificates.push(c.raw);
            }
        }
    }
    // crls [1]: skipped.
    s.optional(der::CTX1)?;
    let infos = s.expect(der::SET)?;
    let mut ir = infos.reader("signerInfos");
    let mut signer_infos = Vec::new();
    while !ir.is_empty() {
        signer_infos.push(parse_signer_info(ir.expect(der::SEQUENCE)?)?);
    }
    Ok(SignedData { raw: ci.raw, version, content_type, content, certificates, signer_infos })
}

/// Parses one SignerInfo SEQUENCE (also used for legacy countersignatures, which are SignerInfos).
pub fn parse_signer_info(seq: Tlv<'_>) -> Result<SignerInfo<'_>, DerError> {
    let mut r = seq.reader("SignerInfo");
    let version = small_int(r.read()?, "SignerInfo version")?;
    let sid_tlv = r.read()?;
    let sid = match sid_tlv.tag {
        der::SEQUENCE => {
            let mut ir = sid_tlv.reader("IssuerAndSerialNumber");
            let issuer = ir.expect(der::SEQUENCE)?.raw;
            let serial = ir.expect(der::INTEGER)?.value;
            SignerId::IssuerSerial { issuer, serial }
        }
        der::CTX0_PRIM => SignerId::KeyId(sid_tlv.value),
        _ => return Err(bad("SignerInfo sid", sid_tlv.offset)),
    };
    let digest_alg_oid = der::read_algorithm(&mut r)?.oid;
    let (signed_attrs_raw, signed_attrs) = match r.optional(der::CTX0)? {
        Some(t) => (Some(t.raw), parse_attributes(t)?),
        None => (None, Vec::new()),
    };
    let signature_alg_oid = der::read_algorithm(&mut r)?.oid;
    let signature = r.expect(der::OCTET_STRING)?.value;
    let unsigned_attrs = match r.optional(der::CTX1)? {
        Some(t) => parse_attributes(t)?,
        None => Vec::new(),
    };
    Ok(SignerInfo {
        version,
        sid,
        digest_alg_oid,
        signed_attrs_raw,
        signed_attrs,
        signature_alg_oid,
        signature,
        unsigned_attrs,
    })
}

fn parse_attributes(set: Tlv<'_>) -> Result<Vec<Attribute<'_>>, DerError> {
    let mut r = set.reader("attributes");
    let mut out = Vec::new();
    while !r.is_empty() {
        let attr = r.expect(der::SEQUENCE)?;
        let mut ar = attr.reader("Attribute");
        let oid = der::read_oid(&mut ar)?;
        let vals = ar.expect(der::SET)?;
        let mut vr = vals.reader("AttributeValue");
        let mut values = Vec::new();
        while !vr.is_empty() {
            values.push(vr.read()?);
        }
        out.push(Attribute { oid, values });
    }
    Ok(out)
}

/// The `messageDigest` signed attribute's value.
pub fn message_digest<'a>(si: &SignerInfo<'a>) -> Option<&'a [u8]> {
    si.signed_attr(OID_MESSAGE_DIGEST).filter(|t| t.tag == der::OCTET_STRING).map(|t| t.value)
}

/// The `contentType` signed attribute's value, dotted.
pub fn content_type_attr(si: &SignerInfo<'_>) -> Option<String> {
    si.signed_attr(OID_CONTENT_TYPE).filter(|t| t.tag == der::OID).map(|t| der::oid_string(t.value))
}

/// Reads the program name and URL from SpcSpOpusInfo, when present (informative only).
pub fn opus_info(si: &SignerInfo<'_>) -> Option<String> {
    let v = si.signed_attr(OID_SPC_SP_OPUS_INFO)?;
    let mut r = Reader::new(v.value, "SpcSpOpusInfo");
    // programName [0] EXPLICIT SpcString; SpcString ::= CHOICE { unicode [0] IMPLICIT BMPString, ascii [1] IMPLICIT IA5String }
    let name = r.optional(der::CTX0).ok()??;
    let s = name.reader("SpcString").read().ok()?;
    match s.tag {
        0x80 => {
            let units: Vec<u16> = s.value.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
            Some(String::from_utf16_lossy(&units))
        }
        0x81 => Some(String::from_utf8_lossy(s.value).into_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WARP: &[u8] = include_bytes!("../../../tests/fixtures/certs/warp-ps1-sig.p7");

    #[test]
    fn walks_the_real_acs_signature() {
        let sd = parse_content_info(WARP).unwrap();
        assert_eq!(sd.version, 1);
        assert_eq!(sd.content_type, OID_SPC_INDIRECT_DATA);
        assert_eq!(sd.content.unwrap().tag, der::SEQUENCE, "PKCS#7 v1.5 content is the SEQUENCE itself");
        // root, leaf, leaf again, EOC CA 01, PCA 2021: duplicates kept.
        assert_eq!(sd.certificates.len(), 5);
        assert_eq!(sd.certificates[1], sd.certificates[2]);
        assert_eq!(sd.signer_infos.len(), 1);
        let si = &sd.signer_infos[0];
        assert!(matches!(si.sid, SignerId::IssuerSerial { .. }));
        assert_eq!(si.digest_alg_oid, "2.16.840.1.101.3.4.2.1");
        assert_eq!(message_digest(si).map(<[u8]>::len), Some(32));
        assert_eq!(content_type_attr(si).as_deref(), Some(OID_SPC_INDIRECT_DATA));
        assert_eq!(si.signed_attrs_der().unwrap()[0], 0x31);
        assert_eq!(si.unsigned_values(OID_RFC3161_COUNTER_SIGN).len(), 1);
    }

    #[test]
    fn rejects_other_content() {
        assert!(parse_content_info(&[]).is_err());
        assert!(parse_content_info(&[0x30, 0x03, 0x06, 0x01, 0x00]).is_err());
        assert!(parse_content_info(&WARP[..WARP.len() / 2]).is_err());
    }
}
