//! SpcIndirectDataContent: what an Authenticode signature says it signed (the kind of file and the
//! file's digest).
//!
//! ```text
//! SpcIndirectDataContent ::= SEQUENCE {
//!     data           SpcAttributeTypeAndOptionalValue,   -- SEQUENCE { type OID, value ANY OPTIONAL }
//!     messageDigest  DigestInfo }                        -- SEQUENCE { AlgorithmIdentifier, OCTET STRING }
//! ```

use super::crypto::DigestAlg;
pub use super::result::SignedKind;
use crate::asn1::{self, Asn1Error, Element};
use crate::oids;

/// SpcSipInfo GUID of the MSI SIP, {000C10F1-0000-0000-C000-000000000046}, as stored.
pub const SIP_MSI: [u8; 16] =
    [0xf1, 0x10, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46];
/// SpcSipInfo GUID of the PowerShell SIP, {603BCC1F-4B59-4E08-B724-D2C6297EF351}, as stored.
pub const SIP_POWERSHELL: [u8; 16] =
    [0x1f, 0xcc, 0x3b, 0x60, 0x59, 0x4b, 0x08, 0x4e, 0xb7, 0x24, 0xd2, 0xc6, 0x29, 0x7e, 0xf3, 0x51];

/// The parsed SpcIndirectDataContent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndirectData {
    pub data_type: String,
    pub kind: SignedKind,
    pub digest_alg_oid: String,
    pub digest_alg: Option<DigestAlg>,
    pub digest: Vec<u8>,
}

/// Parses the content element of an Authenticode SignedData.
pub fn parse(content: &Element<'_>) -> Result<IndirectData, Asn1Error> {
    let seq = content.expect(asn1::SEQUENCE, "SpcIndirectDataContent")?;
    let mut r = seq.reader("SpcIndirectDataContent");
    let data = r.expect(asn1::SEQUENCE)?;
    let mut dr = data.reader("SpcAttributeTypeAndOptionalValue");
    let data_type = dr.expect(asn1::OID)?.oid("SpcAttributeTypeAndOptionalValue")?;
    let kind = match data_type.as_str() {
        oids::SPC_PE_IMAGE_DATA => SignedKind::Pe,
        oids::SPC_CAB_DATA => SignedKind::Cab,
        oids::SPC_SIPINFO => {
            // SpcSipInfo ::= SEQUENCE { INTEGER, OCTET STRING (the SIP GUID), INTEGER × 5 }
            let guid = dr
                .optional(asn1::SEQUENCE)?
                .and_then(|s| {
                    let mut sr = s.reader("SpcSipInfo");
                    sr.expect(asn1::INTEGER).ok()?;
                    sr.expect(asn1::OCTET_STRING).ok().map(|o| o.content)
                })
                .unwrap_or(&[]);
            if guid == SIP_MSI {
                SignedKind::Msi
            } else if guid == SIP_POWERSHELL {
                SignedKind::PowerShell
            } else {
                SignedKind::Other
            }
        }
        _ => SignedKind::Other,
    };
    let di = r.expect(asn1::SEQUENCE)?;
    let mut dir = di.reader("DigestInfo");
    let digest_alg_oid = dir.algorithm("DigestInfo")?;
    let digest = dir.expect(asn1::OCTET_STRING)?.content.to_vec();
    let digest_alg = DigestAlg::from_oid(&digest_alg_oid);
    Ok(IndirectData { data_type, kind, digest_alg_oid, digest_alg, digest })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_powershell_sip_and_digest() {
        let sd =
            crate::cms::parse_content_info(include_bytes!("../../../tests/fixtures/certs/warp-ps1-sig.p7")).unwrap();
        let id = parse(&sd.content.unwrap()).unwrap();
        assert_eq!(id.kind, SignedKind::PowerShell);
        assert_eq!(id.digest_alg, Some(DigestAlg::Sha256));
        assert_eq!(
            crate::util::hex_upper(&id.digest),
            "148F6E2C39E0702285A1718FCF9280BA29DDD3242E13B1254E5D90009F59319C"
        );
    }
}
