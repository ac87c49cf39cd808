//! Authenticode signature verification: is a file (an ESET installer, a script, a detached
//! signature) really signed through Azure Code Signing (ACS, "Trusted Signing") up to the pinned
//! Microsoft Identity Verification Root Certificate Authority 2020?
//!
//! Fully cryptographic and offline, pure Rust (builds for `wasm32-unknown-unknown`), and able to
//! check files far larger than memory through a sans-IO range API ([`Verifier`]).
//!
//! Steps, each reported passed / failed / not applicable with a reason ([`StepId`]):
//! - (a) `file_digest`: the file's digest recomputed (PE image hash, MSI SIP hash, PowerShell SIP
//!   hash) equals the one in SpcIndirectDataContent;
//! - (b) `message_digest`: the signed messageDigest equals the digest of SpcIndirectDataContent's
//!   value octets;
//! - (c) `signature`: the signer's RSA signature over the DER of its signed attributes;
//! - (d) `chain`: leaf → EOC/AOC CA → PCA 2021 → root, every link's signature verified, the top
//!   byte-equal to the pinned root (a root carried in the signature is ignored);
//! - (e) `timestamp` and `validity`: the RFC 3161 token (or legacy countersignature) verified, and the
//!   chain's validity evaluated at its time when its own chain ends at a trusted root, else today;
//! - (f) `eku`: codeSigning on the leaf and allowed by every CA; 1.3.6.1.4.1.311.97.1.0 for ACS;
//! - (g) `algorithms`: SHA-256 or stronger everywhere, RSA keys of 2048 bits or more, for ACS.
//!
//! Modules, one per structure, on the engine's asn1-rs reader ([`crate::asn1`]), its one SignedData
//! walker ([`crate::cms`]) and the certificate model ([`crate::certs::Certificate`], x509-parser):
//! [`spc`] (SpcIndirectDataContent), [`crypto`] (all cryptography), [`chain`], [`timestamp`],
//! [`pe`], [`msi`], [`script`], [`source`] and [`plan`] (the range driver), [`verify`] (the steps),
//! [`result`] (what was found). Words: [`crate::present::signatures`].

#[cfg(feature = "x509")]
pub mod chain;
#[cfg(feature = "x509")]
pub mod crypto;
pub mod detect;
#[cfg(feature = "x509")]
pub mod msi;
#[cfg(feature = "x509")]
pub mod pe;
#[cfg(feature = "x509")]
pub mod plan;
pub mod result;
#[cfg(feature = "x509")]
pub mod script;
#[cfg(feature = "x509")]
pub mod source;
#[cfg(feature = "x509")]
pub mod spc;
#[cfg(feature = "x509")]
pub mod timestamp;
#[cfg(feature = "x509")]
pub mod verify;

use serde::{Deserialize, Serialize};

#[cfg(feature = "x509")]
pub use plan::{verify_bytes, verify_reader, HashPlan, Progress, Request, Verifier};
pub use result::*;
#[cfg(feature = "x509")]
pub use source::ByteRange;
#[cfg(feature = "x509")]
pub use verify::VerifyOptions;

/// Why a file could not be checked at all. Steps that fail are not errors: they are in the result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignatureError {
    /// The file is empty.
    Empty,
    /// Not a PE, MSI, signed script or PKCS#7 signature.
    NotRecognised,
    /// The file ends inside `what`.
    Truncated { what: String },
    /// `what` is not what the format requires.
    Malformed { what: String },
    /// A structure larger than this checker reads (a hostile or broken length).
    TooLarge { what: String, size: u64, limit: u64 },
    /// The file has no signature.
    Unsigned { kind: FileKind },
    /// The signature blob is not a readable PKCS#7 SignedData.
    BadSignature { detail: String },
    /// The range driver was used out of order (a bug in the caller).
    Driver { detail: String },
    /// A bug in this checker.
    Internal { detail: String },
}

impl std::fmt::Display for SignatureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SignatureError::Empty => write!(f, "the file is empty"),
            SignatureError::NotRecognised => write!(f, "not a PE, MSI, signed PowerShell script or PKCS#7 signature"),
            SignatureError::Truncated { what } => write!(f, "the file ends inside {what}"),
            SignatureError::Malformed { what } => write!(f, "{what} is malformed"),
            SignatureError::TooLarge { what, size, limit } => {
                write!(f, "{what} is too large ({size} bytes; at most {limit} are read)")
            }
            SignatureError::Unsigned { kind } => write!(f, "the {kind:?} file has no signature"),
            SignatureError::BadSignature { detail } => write!(f, "the signature cannot be read: {detail}"),
            SignatureError::Driver { detail } | SignatureError::Internal { detail } => write!(f, "{detail}"),
        }
    }
}

impl std::error::Error for SignatureError {}

#[cfg(feature = "x509")]
/// The DER ContentInfo of a detached signature file (DER, or PEM `PKCS7`/`CMS`), when it is a
/// SignedData with at least one signer.
pub fn pkcs7_signature(bytes: &[u8]) -> Option<Vec<u8>> {
    let der_bytes = if bytes.first() == Some(&0x30) {
        bytes.to_vec()
    } else {
        // The first PKCS#7 PEM block, read like every other PEM input (certs::pem).
        let text = std::str::from_utf8(bytes).ok()?;
        crate::certs::pem::blocks(text)
            .into_iter()
            .find(|b| b.label == crate::certs::pem::PemLabel::Pkcs7)
            .and_then(|b| b.der.ok())?
    };
    let tlv = crate::asn1::parse_single(&der_bytes, "PKCS#7", usize::MAX).ok()?;
    let sd = crate::cms::parse_content_info(tlv.raw).ok()?;
    (!sd.signer_infos.is_empty() || sd.signer_infos_left_out > 0).then(|| tlv.raw.to_vec())
}
