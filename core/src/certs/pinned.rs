//! The pinned certificates: the required root and the ACS intermediates, compiled in from
//! `data/certs/*.pem` with the table `data/certs/pinned.tsv` (role, name, dates, hashes, source).
//!
//! A certificate is matched against this table by its SHA-256 only; the tests below check that each
//! row's hashes, name and dates are those of its PEM file, so the table cannot drift from the bytes.

use crate::tables::{PinnedRole, PinnedRow, PINNED};

use crate::util::hex_upper;

/// The row whose certificate has this SHA-256.
pub fn by_sha256(sha256: &[u8; 32]) -> Option<&'static PinnedRow> {
    let hex = hex_upper(sha256);
    PINNED.iter().find(|r| r.sha256 == hex)
}

/// The row whose certificate has this SHA-1 thumbprint (upper-case hex): what a listing shows.
pub fn by_sha1(sha1_hex: &str) -> Option<&'static PinnedRow> {
    PINNED.iter().find(|r| r.sha1.eq_ignore_ascii_case(sha1_hex))
}

/// The required root's row.
pub fn root() -> Option<&'static PinnedRow> {
    PINNED.iter().find(|r| r.role == PinnedRole::RequiredRoot)
}

/// The DER of a pinned certificate (decoded from its compiled-in PEM).
#[cfg(feature = "x509")]
pub fn der(row: &PinnedRow) -> Option<Vec<u8>> {
    let (_, pem) = crate::tables::PINNED_PEM.iter().find(|(file, _)| *file == row.file)?;
    super::pem::blocks(pem).into_iter().next().and_then(|b| b.der.ok())
}

#[cfg(all(test, feature = "x509"))]
mod tests {
    use super::*;
    use crate::certs::Certificate;
    use crate::util::format_time;

    fn describe(der: &[u8]) -> Result<crate::certs::CertInfo, crate::certs::CertError> {
        Certificate::parse(der).map(|c| c.info)
    }

    #[test]
    fn every_row_matches_its_pem() {
        assert_eq!(PINNED.len(), 15);
        for row in PINNED {
            let der = der(row).unwrap_or_else(|| panic!("{}: no PEM certificate", row.file));
            let info = describe(&der).unwrap_or_else(|e| panic!("{}: {e:?}", row.file));
            assert_eq!(hex_upper(&info.sha1), row.sha1, "{}", row.file);
            assert_eq!(hex_upper(&info.sha256), row.sha256, "{}", row.file);
            assert_eq!(info.subject_cns, vec![row.name.to_owned()], "{}", row.file);
            assert_eq!(
                (format_time(info.not_before).as_str(), format_time(info.not_after).as_str()),
                (row.not_before, row.not_after),
                "{}",
                row.file
            );
            assert_eq!(by_sha256(&info.sha256).map(|r| r.file), Some(row.file));
        }
    }

    #[test]
    fn the_root_is_the_published_one() {
        let r = root().unwrap();
        assert_eq!(r.sha1, "F40042E2E5F7E8EF8189FED15519AECE42C3BFA2");
        assert_eq!(r.sha256, "5367F20C7ADE0E2BCA790915056D086B720C33C1FA2A2661ACF787E3292E1270");
        let info = describe(&der(r).unwrap()).unwrap();
        assert_eq!(
            info.subject,
            "CN=Microsoft Identity Verification Root Certificate Authority 2020, O=Microsoft Corporation, C=US"
        );
        assert_eq!(info.issuer, info.subject);
        assert_eq!(hex_upper(&info.serial), "5498D2D1D45B1995481379C811C08799");
        assert_eq!(info.key, "RSA 4096");
        assert_eq!(info.signature_algorithm, "sha384WithRSAEncryption");
        assert!(info.self_issued);
        assert_eq!(der(r).unwrap().len(), 1488);
    }
}
