//! Every object identifier the engine reads or names, in one table.
//!
//! The constants are what the structure walkers compare against; [`name`] gives the names the report
//! shows (OpenSSL's for algorithms, as `certutil` and `openssl x509 -text` print them), and
//! [`attribute_label`] the short names of distinguished-name attributes as Windows prints them.

// PKCS#7 / CMS (RFC 5652) and PKCS#9 attributes.
pub const DATA: &str = "1.2.840.113549.1.7.1";
pub const SIGNED_DATA: &str = "1.2.840.113549.1.7.2";
pub const CONTENT_TYPE: &str = "1.2.840.113549.1.9.3";
pub const MESSAGE_DIGEST: &str = "1.2.840.113549.1.9.4";
pub const SIGNING_TIME: &str = "1.2.840.113549.1.9.5";
pub const COUNTER_SIGNATURE: &str = "1.2.840.113549.1.9.6";
/// RFC 3161 TSTInfo content type.
pub const TST_INFO: &str = "1.2.840.113549.1.9.16.1.4";

// Authenticode (Microsoft).
pub const SPC_INDIRECT_DATA: &str = "1.3.6.1.4.1.311.2.1.4";
pub const SPC_SP_OPUS_INFO: &str = "1.3.6.1.4.1.311.2.1.12";
pub const SPC_PE_IMAGE_DATA: &str = "1.3.6.1.4.1.311.2.1.15";
pub const SPC_CAB_DATA: &str = "1.3.6.1.4.1.311.2.1.25";
pub const SPC_SIPINFO: &str = "1.3.6.1.4.1.311.2.1.30";
pub const SPC_NESTED_SIGNATURE: &str = "1.3.6.1.4.1.311.2.4.1";
/// The RFC 3161 timestamp as an unsigned attribute (szOID_RFC3161_counterSign).
pub const RFC3161_COUNTER_SIGN: &str = "1.3.6.1.4.1.311.3.3.1";
/// A catalog file's certificate trust list (szOID_CTL): a `.cat` signs a list of file hashes.
pub const CTL: &str = "1.3.6.1.4.1.311.10.1";

// Extended key usages.
pub const EKU_ANY: &str = "2.5.29.37.0";
pub const EKU_CODE_SIGNING: &str = "1.3.6.1.5.5.7.3.3";
pub const EKU_TIME_STAMPING: &str = "1.3.6.1.5.5.7.3.8";
/// Present on every Trusted Signing (Azure Code Signing) Public Trust leaf.
pub const EKU_ACS_PUBLIC_TRUST: &str = "1.3.6.1.4.1.311.97.1.0";

// Certificate extensions.
pub const EXT_SUBJECT_KEY_ID: &str = "2.5.29.14";
pub const EXT_KEY_USAGE: &str = "2.5.29.15";
pub const EXT_BASIC_CONSTRAINTS: &str = "2.5.29.19";
pub const EXT_EXTENDED_KEY_USAGE: &str = "2.5.29.37";

// Digests.
pub const MD5: &str = "1.2.840.113549.2.5";
pub const SHA1: &str = "1.3.14.3.2.26";
pub const SHA256: &str = "2.16.840.1.101.3.4.2.1";
pub const SHA384: &str = "2.16.840.1.101.3.4.2.2";
pub const SHA512: &str = "2.16.840.1.101.3.4.2.3";

// Keys and signatures.
pub const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";
pub const MD5_WITH_RSA: &str = "1.2.840.113549.1.1.4";
pub const SHA1_WITH_RSA: &str = "1.2.840.113549.1.1.5";
pub const RSA_PSS: &str = "1.2.840.113549.1.1.10";
pub const SHA256_WITH_RSA: &str = "1.2.840.113549.1.1.11";
pub const SHA384_WITH_RSA: &str = "1.2.840.113549.1.1.12";
pub const SHA512_WITH_RSA: &str = "1.2.840.113549.1.1.13";
pub const EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";
pub const DSA: &str = "1.2.840.10040.4.1";
pub const ED25519: &str = "1.3.101.112";
pub const ED448: &str = "1.3.101.113";

// Distinguished-name attributes.
pub const COMMON_NAME: &str = "2.5.4.3";
pub const ORGANIZATION: &str = "2.5.4.10";
pub const COUNTRY: &str = "2.5.4.6";

/// `(oid, name)`: the names shown for algorithms, content types and usages.
const NAMES: &[(&str, &str)] = &[
    (RSA_ENCRYPTION, "rsaEncryption"),
    (MD5_WITH_RSA, "md5WithRSAEncryption"),
    (SHA1_WITH_RSA, "sha1WithRSAEncryption"),
    (RSA_PSS, "RSASSA-PSS"),
    (SHA256_WITH_RSA, "sha256WithRSAEncryption"),
    (SHA384_WITH_RSA, "sha384WithRSAEncryption"),
    (SHA512_WITH_RSA, "sha512WithRSAEncryption"),
    (EC_PUBLIC_KEY, "id-ecPublicKey"),
    ("1.2.840.10045.4.1", "ecdsa-with-SHA1"),
    ("1.2.840.10045.4.3.2", "ecdsa-with-SHA256"),
    ("1.2.840.10045.4.3.3", "ecdsa-with-SHA384"),
    ("1.2.840.10045.4.3.4", "ecdsa-with-SHA512"),
    (ED25519, "Ed25519"),
    (ED448, "Ed448"),
    (DSA, "dsaEncryption"),
    ("1.2.840.10040.4.3", "dsa-with-SHA1"),
    ("2.16.840.1.101.3.4.3.2", "dsa-with-SHA256"),
    (MD5, "MD5"),
    (SHA1, "SHA-1"),
    (SHA256, "SHA-256"),
    (SHA384, "SHA-384"),
    (SHA512, "SHA-512"),
    (DATA, "data"),
    (SIGNED_DATA, "signedData"),
    ("1.2.840.113549.1.7.3", "envelopedData"),
    (TST_INFO, "TSTInfo"),
    (SPC_INDIRECT_DATA, "SpcIndirectDataContent"),
    (CTL, "certificate trust list (catalog)"),
    (EKU_ANY, "anyExtendedKeyUsage"),
    (EKU_CODE_SIGNING, "codeSigning"),
    (EKU_TIME_STAMPING, "timeStamping"),
    (EKU_ACS_PUBLIC_TRUST, "Trusted Signing (Public Trust)"),
];

/// The name of an OID, when the table has one.
pub fn name(oid: &str) -> Option<&'static str> {
    NAMES.iter().find(|(o, _)| *o == oid).map(|(_, n)| *n)
}

/// The name of an algorithm, or its dotted OID.
pub fn algorithm_name(oid: &str) -> String {
    name(oid).map_or_else(|| oid.to_owned(), str::to_owned)
}

/// `name (oid)` for messages about an algorithm this engine does not implement.
pub fn described(oid: &str) -> String {
    match name(oid) {
        Some(n) => format!("{n} ({oid})"),
        None => oid.to_owned(),
    }
}

/// Short names of distinguished-name attributes as Windows and RFC 4514 print them; others as the
/// dotted OID.
pub fn attribute_label(oid: &str) -> String {
    match oid {
        COMMON_NAME => "CN",
        "2.5.4.4" => "SN",
        "2.5.4.5" => "SERIALNUMBER",
        COUNTRY => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.9" => "STREET",
        ORGANIZATION => "O",
        "2.5.4.11" => "OU",
        "2.5.4.12" => "T",
        "2.5.4.17" => "PostalCode",
        "2.5.4.42" => "G",
        "2.5.4.97" => "organizationIdentifier",
        "0.9.2342.19200300.100.1.1" => "UID",
        "0.9.2342.19200300.100.1.25" => "DC",
        "1.2.840.113549.1.9.1" => "E",
        _ => return oid.to_owned(),
    }
    .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(algorithm_name(SHA384_WITH_RSA), "sha384WithRSAEncryption");
        assert_eq!(algorithm_name("1.2.3.4"), "1.2.3.4");
        assert_eq!(described("1.2.840.10045.4.3.2"), "ecdsa-with-SHA256 (1.2.840.10045.4.3.2)");
        assert_eq!(attribute_label(ORGANIZATION), "O");
        assert_eq!(attribute_label("2.5.4.15"), "2.5.4.15");
        // Every name is unique, and every OID listed once.
        for (i, (o, _)) in NAMES.iter().enumerate() {
            assert!(NAMES[i + 1..].iter().all(|(p, _)| p != o), "{o} twice");
        }
    }
}
