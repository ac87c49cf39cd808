//! PKCS#7 / CMS `SignedData`: the certificates of a `.p7b` export, or those carried by a signature.
//!
//! Windows writes a "Cryptographic Message Syntax Standard – PKCS #7" export (MMC, `Export-Certificate
//! -Type P7B`) as a *degenerate* SignedData: no signers, no content, the certificates in the `[0]` SET.
//! Authenticode signatures use the same structure with signers and content.
//!
//! Strict DER SET-OF decoders reject the real ACS signature (it lists its leaf certificate twice), so
//! the SET is walked here element by element without a uniqueness or ordering check:
//!
//! ```text
//! ContentInfo ::= SEQUENCE { contentType OID (1.2.840.113549.1.7.2), content [0] EXPLICIT SignedData }
//! SignedData  ::= SEQUENCE { version INTEGER, digestAlgorithms SET, encapContentInfo SEQUENCE,
//!                            certificates [0] IMPLICIT SET OF Certificate OPTIONAL,
//!                            crls [1] IMPLICIT OPTIONAL, signerInfos SET }
//! ```

use super::error::{CertError, Pkcs7Error};
use crate::der::{self, oid_string, Reader, Tlv};

/// DER content octets of the OID 1.2.840.113549.1.7.2 (signedData).
const SIGNED_DATA: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02];

/// The certificates of a SignedData, and whether it is a signature or a bare bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedData<'a> {
    /// Each certificate's DER (exactly its TLV) and its offset, in SET order, duplicates kept.
    pub certs: Vec<(usize, &'a [u8])>,
    /// Number of SignerInfos: 0 for a `.p7b` export.
    pub signers: usize,
    /// The encapsulated content is present (a signature over something).
    pub has_content: bool,
}

impl SignedData<'_> {
    /// A degenerate SignedData, as certificate exports are: no signer, no content.
    pub fn is_bundle(&self) -> bool {
        self.signers == 0 && !self.has_content
    }
}

/// Reads a DER ContentInfo holding SignedData. `base` is the absolute offset of `der` in its file.
pub fn read(der: &[u8], base: usize) -> Result<SignedData<'_>, CertError> {
    let mut top = Reader::at(der, base, "ContentInfo");
    let content_info = top.expect(der::SEQUENCE)?;
    if !top.is_empty() && top.rest().iter().any(|&b| b != 0) {
        return Err(CertError::TrailingData { offset: top.offset() });
    }
    let mut ci = content_info.reader("ContentInfo");
    let oid = ci.expect_as(der::OID, "contentType")?;
    if oid.value != SIGNED_DATA {
        return Err(Pkcs7Error::NotSignedData { oid: oid_string(oid.value) }.into());
    }
    let explicit = ci.expect_as(der::CTX0, "content")?;
    let signed = explicit.reader("content").expect_as(der::SEQUENCE, "SignedData")?;
    let mut sd = signed.reader("SignedData");
    sd.expect_as(der::INTEGER, "version")?;
    sd.expect_as(der::SET, "digestAlgorithms")?;
    let encap = sd.expect_as(der::SEQUENCE, "encapContentInfo")?;
    let has_content = {
        let mut e = encap.reader("encapContentInfo");
        e.expect_as(der::OID, "eContentType")?;
        !e.is_empty()
    };
    let mut certs = Vec::new();
    if let Some(set) = sd.optional(der::CTX0)? {
        certs = certificates_in(&set)?;
    }
    sd.optional(der::CTX1)?;
    let signer_infos = sd.expect_as(der::SET, "signerInfos")?;
    let mut signers = 0;
    let mut si = signer_infos.reader("signerInfos");
    while !si.is_empty() {
        si.read()?;
        signers += 1;
    }
    Ok(SignedData { certs, signers, has_content })
}

/// The certificates in the `[0]` SET; other CertificateChoices (attribute certificates, `[n]`) are skipped.
fn certificates_in<'a>(set: &Tlv<'a>) -> Result<Vec<(usize, &'a [u8])>, CertError> {
    let mut r = set.reader("certificates");
    let mut out = Vec::new();
    while !r.is_empty() {
        let c = r.read()?;
        if c.tag == der::SEQUENCE {
            out.push((c.offset, c.raw));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::der::{DerError, DerProblem};

    fn tlv(t: u8, v: &[u8]) -> Vec<u8> {
        let mut out = vec![t];
        if v.len() < 0x80 {
            out.push(v.len() as u8);
        } else {
            out.extend([0x82, (v.len() >> 8) as u8, v.len() as u8]);
        }
        out.extend_from_slice(v);
        out
    }

    fn signed_data(certs: &[&[u8]], signers: &[u8]) -> Vec<u8> {
        let data_oid = tlv(0x06, &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01]);
        let mut body = tlv(0x02, &[1]);
        body.extend(tlv(0x31, &[]));
        body.extend(tlv(0x30, &data_oid));
        body.extend(tlv(0xA0, &certs.concat()));
        body.extend(tlv(0x31, signers));
        let mut ci = tlv(0x06, SIGNED_DATA);
        ci.extend(tlv(0xA0, &tlv(0x30, &body)));
        tlv(0x30, &ci)
    }

    #[test]
    fn duplicates_are_kept_and_signers_counted() {
        let cert = tlv(0x30, &[0x05, 0x00]);
        let p7 = signed_data(&[&cert, &cert], &[]);
        let sd = read(&p7, 0).unwrap();
        assert_eq!(sd.certs.len(), 2);
        assert!(sd.is_bundle());
        let signer = tlv(0x30, &[0x02, 0x01, 0x01]);
        let sig = signed_data(&[&cert], &signer);
        assert_eq!(read(&sig, 0).unwrap().signers, 1);
    }

    #[test]
    fn other_content_types_and_truncation() {
        let ci =
            tlv(0x30, &[tlv(0x06, &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x03]), tlv(0xA0, &[])].concat());
        assert_eq!(
            read(&ci, 0),
            Err(CertError::Pkcs7(Pkcs7Error::NotSignedData { oid: "1.2.840.113549.1.7.3".into() }))
        );
        let p7 = signed_data(&[&tlv(0x30, &[0x05, 0x00])], &[]);
        assert!(matches!(
            read(&p7[..p7.len() - 3], 0),
            Err(CertError::Der(DerError { problem: DerProblem::Truncated { .. }, .. }))
        ));
    }
}
