//! CMS / PKCS#7 `SignedData` (RFC 5652, and PKCS#7 v1.5 as Authenticode uses it): the engine's one
//! SignedData walker, for signatures (Authenticode, RFC 3161 tokens, nested signatures) and for the
//! certificate bundles of `.p7b` exports ([`crate::certs`]). Read with the engine's asn1-rs reader
//! ([`crate::asn1`]); every structure keeps the byte spans that digests and signatures are computed
//! over.
//!
//! ```text
//! ContentInfo ::= SEQUENCE { contentType OID (signedData), content [0] EXPLICIT SignedData }
//! SignedData  ::= SEQUENCE { version INTEGER, digestAlgorithms SET OF AlgorithmIdentifier,
//!                            encapContentInfo EncapsulatedContentInfo,
//!                            certificates [0] IMPLICIT SET OF CertificateChoices OPTIONAL,
//!                            crls [1] IMPLICIT RevocationInfoChoices OPTIONAL,
//!                            signerInfos SET OF SignerInfo }
//! EncapsulatedContentInfo ::= SEQUENCE { eContentType OID, eContent [0] EXPLICIT ANY OPTIONAL }
//! SignerInfo  ::= SEQUENCE { version INTEGER, sid SignerIdentifier, digestAlgorithm AlgorithmIdentifier,
//!                            signedAttrs [0] IMPLICIT SET OF Attribute OPTIONAL,
//!                            signatureAlgorithm AlgorithmIdentifier, signature OCTET STRING,
//!                            unsignedAttrs [1] IMPLICIT SET OF Attribute OPTIONAL }
//! SignerIdentifier ::= CHOICE { issuerAndSerialNumber SEQUENCE { issuer Name, serialNumber INTEGER },
//!                               subjectKeyIdentifier [0] IMPLICIT OCTET STRING }
//! Attribute   ::= SEQUENCE { attrType OID, attrValues SET OF ANY }
//! ```
//!
//! Tolerances, all needed by real Windows signatures:
//! - the `certificates` SET is read as a list, without uniqueness or order checks (ACS signatures list
//!   their leaf twice);
//! - the encapsulated content may be any element (Authenticode puts the SpcIndirectDataContent
//!   SEQUENCE itself in `[0]`; RFC 3161 tokens put an OCTET STRING there);
//! - unknown attributes are kept, other certificate choices (`[0]`…`[3]`) skipped.
//!
//! Bounds: at most [`MAX_CERTIFICATES`] certificates and [`MAX_SIGNER_INFOS`] signers are kept (the
//! counts beyond are reported), and at most [`MAX_ATTRIBUTE_VALUES`] values per SignerInfo, so that a
//! hostile file of a few megabytes cannot turn into millions of entries.

use crate::asn1::{self, Asn1Error, Element, Id, Problem, Reader};
use crate::oids;

/// Certificates kept per SignedData (their encodings only, not parsed here): far above any real export
/// (`certutil -generateSSTFromWU` holds about 550 roots), so that a store export is read whole.
pub const MAX_CERTIFICATES: usize = 100_000;
/// SignerInfos kept per SignedData (Authenticode has exactly one).
pub const MAX_SIGNER_INFOS: usize = 8;
/// Attribute values kept per SignerInfo (signed and unsigned together).
pub const MAX_ATTRIBUTE_VALUES: usize = 64;

/// A ContentInfo holding SignedData.
#[derive(Debug, Clone)]
pub struct SignedData<'a> {
    /// The whole ContentInfo encoding.
    pub raw: &'a [u8],
    pub version: u32,
    /// `encapContentInfo.eContentType`, dotted.
    pub content_type: String,
    /// The element inside `encapContentInfo [0]`, when present.
    pub content: Option<Element<'a>>,
    /// DER of every certificate in `certificates`, in order, duplicates kept (at most
    /// [`MAX_CERTIFICATES`]); with the absolute offset of each.
    pub certificates: Vec<&'a [u8]>,
    pub certificate_offsets: Vec<usize>,
    /// Certificates beyond [`MAX_CERTIFICATES`], counted, not kept.
    pub certificates_left_out: usize,
    pub signer_infos: Vec<SignerInfo<'a>>,
    /// SignerInfos beyond [`MAX_SIGNER_INFOS`], counted, not read.
    pub signer_infos_left_out: usize,
}

impl SignedData<'_> {
    /// A degenerate SignedData, as certificate exports are: no signer, no content.
    pub fn is_bundle(&self) -> bool {
        self.signer_infos.is_empty() && self.signer_infos_left_out == 0 && self.content.is_none()
    }
}

/// How a SignerInfo names its certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignerId<'a> {
    /// Issuer Name (its whole encoding) and serial number (INTEGER contents octets).
    IssuerSerial { issuer: &'a [u8], serial: &'a [u8] },
    /// SubjectKeyIdentifier.
    KeyId(&'a [u8]),
}

/// One attribute: its type and the encodings of its values.
#[derive(Debug, Clone)]
pub struct Attribute<'a> {
    pub oid: String,
    pub values: Vec<Element<'a>>,
    /// Values beyond the SignerInfo's budget ([`MAX_ATTRIBUTE_VALUES`]): counted, not kept.
    pub left_out: usize,
}

#[derive(Debug, Clone)]
pub struct SignerInfo<'a> {
    pub version: u32,
    pub sid: SignerId<'a>,
    pub digest_alg_oid: String,
    /// The `[0] IMPLICIT` signedAttrs element as encoded (identifier `0xA0`), when present.
    pub signed_attrs_raw: Option<&'a [u8]>,
    pub signed_attrs: Vec<Attribute<'a>>,
    pub signature_alg_oid: String,
    pub signature: &'a [u8],
    pub unsigned_attrs: Vec<Attribute<'a>>,
}

impl<'a> SignerInfo<'a> {
    /// The bytes the signature covers: the signed attributes with the `[0]` identifier replaced by
    /// SET (RFC 5652 §5.4). `None` when there are no signed attributes.
    pub fn signed_attrs_der(&self) -> Option<Vec<u8>> {
        self.signed_attrs_raw.map(|raw| {
            let mut v = raw.to_vec();
            if let Some(first) = v.first_mut() {
                *first = 0x31;
            }
            v
        })
    }

    /// The values of a signed attribute. RFC 5652 §5.3: a signed attribute appears once with one
    /// value for messageDigest, contentType and signingTime.
    pub fn signed_values(&self, oid: &str) -> Vec<Element<'a>> {
        self.signed_attrs.iter().filter(|a| a.oid == oid).flat_map(|a| a.values.iter().copied()).collect()
    }

    /// The single value of a signed attribute; `None` when it is absent or repeated.
    pub fn signed_attr(&self, oid: &str) -> Option<Element<'a>> {
        match self.signed_values(oid).as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// Every value of every unsigned attribute of this type, in order.
    pub fn unsigned_values(&self, oid: &str) -> Vec<Element<'a>> {
        self.unsigned_attrs.iter().filter(|a| a.oid == oid).flat_map(|a| a.values.iter().copied()).collect()
    }

    /// Values of unsigned attributes of this type that were counted but not kept.
    pub fn unsigned_left_out(&self, oid: &str) -> usize {
        self.unsigned_attrs.iter().filter(|a| a.oid == oid).map(|a| a.left_out).sum()
    }
}

fn bad(e: &Element<'_>, what: &'static str) -> Asn1Error {
    e.error(what, Problem::BadValue)
}

/// Parses a DER ContentInfo that must hold SignedData. Bytes after it are not read (the callers that
/// allow padding check it: [`asn1::parse_single`]).
pub fn parse_content_info(data: &[u8]) -> Result<SignedData<'_>, Asn1Error> {
    parse_content_info_at(data, 0)
}

/// [`parse_content_info`] for data at absolute offset `base` in its file.
pub fn parse_content_info_at(data: &[u8], base: usize) -> Result<SignedData<'_>, Asn1Error> {
    let (ci, _) = asn1::parse(data, base, "ContentInfo")?;
    let ci = ci.expect(asn1::SEQUENCE, "ContentInfo")?;
    let mut r = ci.reader("ContentInfo");
    let ct = r.expect_as(asn1::OID, "contentType")?;
    if ct.oid("contentType")? != oids::SIGNED_DATA {
        return Err(bad(&ct, "ContentInfo (not SignedData)"));
    }
    let explicit = r.expect_as(Id::ctx(0), "content")?;
    let sd = explicit.reader("content").expect_as(asn1::SEQUENCE, "SignedData")?;
    let mut s = sd.reader("SignedData");
    let version = s.expect_as(asn1::INTEGER, "version")?.small_uint("version")?;
    // digestAlgorithms: informative only; each SignerInfo names its own.
    s.expect_as(asn1::SET, "digestAlgorithms")?;
    let encap = s.expect_as(asn1::SEQUENCE, "encapContentInfo")?;
    let mut e = encap.reader("encapContentInfo");
    let content_type = e.expect_as(asn1::OID, "eContentType")?.oid("eContentType")?;
    let content = match e.optional(Id::ctx(0))? {
        Some(c) => Some(c.reader("eContent").read()?),
        None => None,
    };
    let mut certificates = Vec::new();
    let mut certificate_offsets = Vec::new();
    let mut certificates_left_out = 0;
    if let Some(certs) = s.optional(Id::ctx(0))? {
        let mut cr = certs.reader("certificates");
        while !cr.is_empty() {
            let c = cr.read()?;
            if c.id == asn1::SEQUENCE {
                if certificates.len() < MAX_CERTIFICATES {
                    certificates.push(c.raw);
                    certificate_offsets.push(c.offset);
                } else {
                    certificates_left_out += 1;
                }
            }
        }
    }
    // crls [1]: skipped.
    s.optional(Id::ctx(1))?;
    let infos = s.expect_as(asn1::SET, "signerInfos")?;
    let mut ir = infos.reader("signerInfos");
    let mut signer_infos = Vec::new();
    let mut signer_infos_left_out = 0;
    while !ir.is_empty() {
        let si = ir.expect_as(asn1::SEQUENCE, "SignerInfo")?;
        if signer_infos.len() < MAX_SIGNER_INFOS {
            signer_infos.push(parse_signer_info(si)?);
        } else {
            signer_infos_left_out += 1;
        }
    }
    Ok(SignedData {
        raw: ci.raw,
        version,
        content_type,
        content,
        certificates,
        certificate_offsets,
        certificates_left_out,
        signer_infos,
        signer_infos_left_out,
    })
}

/// Parses one SignerInfo SEQUENCE (also used for legacy countersignatures, which are SignerInfos).
pub fn parse_signer_info(seq: Element<'_>) -> Result<SignerInfo<'_>, Asn1Error> {
    let mut r = seq.reader("SignerInfo");
    let version = r.expect_as(asn1::INTEGER, "SignerInfo version")?.small_uint("SignerInfo version")?;
    let sid_el = r.read()?;
    let sid = if sid_el.id == asn1::SEQUENCE {
        let mut ir = sid_el.reader("IssuerAndSerialNumber");
        let issuer = ir.expect(asn1::SEQUENCE)?.raw;
        let serial = ir.expect(asn1::INTEGER)?.content;
        SignerId::IssuerSerial { issuer, serial }
    } else if sid_el.id == Id::ctx_prim(0) {
        SignerId::KeyId(sid_el.content)
    } else {
        return Err(bad(&sid_el, "SignerInfo sid"));
    };
    let digest_alg_oid = r.algorithm("digestAlgorithm")?;
    let mut budget = MAX_ATTRIBUTE_VALUES;
    let (signed_attrs_raw, signed_attrs) = match r.optional(Id::ctx(0))? {
        Some(t) => (Some(t.raw), parse_attributes(t, &mut budget)?),
        None => (None, Vec::new()),
    };
    let signature_alg_oid = r.algorithm("signatureAlgorithm")?;
    let signature = r.expect_as(asn1::OCTET_STRING, "signature")?.content;
    let unsigned_attrs = match r.optional(Id::ctx(1))? {
        Some(t) => parse_attributes(t, &mut budget)?,
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

/// The attributes of a SET, keeping at most `budget` values in all.
fn parse_attributes<'a>(set: Element<'a>, budget: &mut usize) -> Result<Vec<Attribute<'a>>, Asn1Error> {
    let mut r = set.reader("attributes");
    let mut out = Vec::new();
    while !r.is_empty() {
        let attr = r.expect_as(asn1::SEQUENCE, "Attribute")?;
        let mut ar = attr.reader("Attribute");
        let oid = ar.expect_as(asn1::OID, "attrType")?.oid("attrType")?;
        let vals = ar.expect_as(asn1::SET, "attrValues")?;
        let mut vr = vals.reader("attrValues");
        let mut values = Vec::new();
        let mut left_out = 0;
        while !vr.is_empty() {
            let v = vr.read()?;
            if *budget > 0 {
                *budget -= 1;
                values.push(v);
            } else {
                left_out += 1;
            }
        }
        out.push(Attribute { oid, values, left_out });
    }
    Ok(out)
}

/// The `messageDigest` signed attribute's value (a single OCTET STRING).
pub fn message_digest<'a>(si: &SignerInfo<'a>) -> Option<&'a [u8]> {
    si.signed_attr(oids::MESSAGE_DIGEST).filter(|t| t.id == asn1::OCTET_STRING).map(|t| t.content)
}

/// The `contentType` signed attribute's value, dotted.
pub fn content_type_attr(si: &SignerInfo<'_>) -> Option<String> {
    si.signed_attr(oids::CONTENT_TYPE).and_then(|t| t.oid("contentType").ok())
}

/// Reads the program name from SpcSpOpusInfo, when present (informative only).
pub fn opus_info(si: &SignerInfo<'_>) -> Option<String> {
    let v = si.signed_attr(oids::SPC_SP_OPUS_INFO)?;
    let mut r = Reader::at(v.content, v.content_offset, "SpcSpOpusInfo");
    // programName [0] EXPLICIT SpcString;
    // SpcString ::= CHOICE { unicode [0] IMPLICIT BMPString, ascii [1] IMPLICIT IA5String }
    let name = r.optional(Id::ctx(0)).ok()??;
    let s = name.reader("SpcString").read().ok()?;
    if s.id == Id::ctx_prim(0) {
        let units: Vec<u16> = s.content.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        Some(String::from_utf16_lossy(&units))
    } else if s.id == Id::ctx_prim(1) {
        Some(String::from_utf8_lossy(s.content).into_owned())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WARP: &[u8] = include_bytes!("../../tests/fixtures/certs/warp-ps1-sig.p7");

    #[test]
    fn walks_the_real_acs_signature() {
        let sd = parse_content_info(WARP).unwrap();
        assert_eq!(sd.version, 1);
        assert_eq!(sd.content_type, oids::SPC_INDIRECT_DATA);
        assert_eq!(sd.content.unwrap().id, asn1::SEQUENCE, "PKCS#7 v1.5 content is the SEQUENCE itself");
        // root, leaf, leaf again, EOC CA 01, PCA 2021: duplicates kept.
        assert_eq!(sd.certificates.len(), 5);
        assert_eq!(sd.certificates[1], sd.certificates[2]);
        assert_eq!(sd.signer_infos.len(), 1);
        let si = &sd.signer_infos[0];
        assert!(matches!(si.sid, SignerId::IssuerSerial { .. }));
        assert_eq!(si.digest_alg_oid, oids::SHA256);
        assert_eq!(message_digest(si).map(<[u8]>::len), Some(32));
        assert_eq!(content_type_attr(si).as_deref(), Some(oids::SPC_INDIRECT_DATA));
        assert_eq!(si.signed_attrs_der().unwrap()[0], 0x31);
        assert_eq!(si.unsigned_values(oids::RFC3161_COUNTER_SIGN).len(), 1);
        // Offsets point at the certificates in the file.
        let o = sd.certificate_offsets[1];
        assert_eq!(&WARP[o..o + sd.certificates[1].len()], sd.certificates[1]);
    }

    #[test]
    fn rejects_other_content() {
        assert!(parse_content_info(&[]).is_err());
        assert!(parse_content_info(&[0x30, 0x03, 0x06, 0x01, 0x00]).is_err());
        assert!(parse_content_info(&WARP[..WARP.len() / 2]).is_err());
    }
}
