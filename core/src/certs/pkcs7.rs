//! PKCS#7 / CMS `SignedData`: the certificates of a `.p7b` export, or those carried by a signature.
//!
//! Windows writes a "Cryptographic Message Syntax Standard – PKCS #7" export (MMC, `Export-Certificate
//! -Type P7B`) as a *degenerate* SignedData: no signers, no content, the certificates in the `[0]` SET.
//! Authenticode signatures use the same structure with signers and content.
//!
//! The structure is read by the engine's one SignedData walker ([`crate::cms`]), which walks the
//! `certificates` SET element by element without a uniqueness or ordering check (the real ACS
//! signature lists its leaf certificate twice):
//!
//! ```text
//! ContentInfo ::= SEQUENCE { contentType OID (1.2.840.113549.1.7.2), content [0] EXPLICIT SignedData }
//! SignedData  ::= SEQUENCE { version INTEGER, digestAlgorithms SET, encapContentInfo SEQUENCE,
//!                            certificates [0] IMPLICIT SET OF Certificate OPTIONAL,
//!                            crls [1] IMPLICIT OPTIONAL, signerInfos SET }
//! ```

use super::error::{CertError, Pkcs7Error};
use crate::asn1;
use crate::{cms, oids};

/// The certificates of a SignedData, and whether it is a signature or a bare bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedData<'a> {
    /// Each certificate's DER (exactly its encoding) and its offset, in SET order, duplicates kept.
    pub certs: Vec<(usize, &'a [u8])>,
    /// Certificates beyond the walker's cap, counted, not kept.
    pub certs_left_out: usize,
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
/// Only zero bytes may follow it.
pub fn read(der: &[u8], base: usize) -> Result<SignedData<'_>, CertError> {
    let (ci, used) = asn1::parse(der, base, "ContentInfo")?;
    let ci = ci.expect(asn1::SEQUENCE, "ContentInfo")?;
    if der.get(used..).is_some_and(|rest| rest.iter().any(|&b| b != 0)) {
        return Err(CertError::TrailingData { offset: base + used });
    }
    // Name another content type (enveloped data, …) before the walker reads further.
    let ct = ci.reader("ContentInfo").expect_as(asn1::OID, "contentType")?;
    let oid = ct.oid("contentType")?;
    if oid != oids::SIGNED_DATA {
        return Err(Pkcs7Error::NotSignedData { oid }.into());
    }
    let sd = cms::parse_content_info_at(ci.raw, base)?;
    Ok(SignedData {
        certs: sd.certificate_offsets.iter().copied().zip(sd.certificates.iter().copied()).collect(),
        certs_left_out: sd.certificates_left_out,
        signers: sd.signer_infos.len() + sd.signer_infos_left_out,
        has_content: sd.content.is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::asn1::{Asn1Error, Problem};

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
        let mut ci = tlv(0x06, &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02]);
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
        // A signature's SignerInfo is read whole: one that is not a SignerInfo is an error.
        let signer = tlv(0x30, &[0x02, 0x01, 0x01]);
        assert!(read(&signed_data(&[&cert], &signer), 0).is_err());
        let real = include_bytes!("../../../tests/fixtures/certs/warp-ps1-sig.p7");
        let sd = read(real, 0).unwrap();
        assert_eq!((sd.signers, sd.certs.len(), sd.is_bundle()), (1, 5, false));
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
            Err(CertError::Der(Asn1Error { problem: Problem::Truncated { .. }, .. }))
        ));
    }
}
