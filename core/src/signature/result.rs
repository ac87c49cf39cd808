//! What a signature check found: language-independent, typed, serialisable. The report turns it into
//! words ([`super::render`]).

use serde::{Deserialize, Serialize};

use super::chain::{CertSource, ChainOutcome};
use super::crypto::{CryptoError, DigestAlg};
use super::spc::SignedKind;
use super::timestamp::{TimestampKind, TimestampProblem};
use super::SignatureError;
use crate::report::CertRole;

/// The kind of file that was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// A PE image (.exe, .dll, .sys) with an Authenticode certificate table.
    Pe,
    /// An MSI (OLE compound file) with a `\x05DigitalSignature` stream.
    Msi,
    /// A PowerShell script with a `# SIG # Begin signature block`.
    Script,
    /// A detached PKCS#7/CMS signature (.p7s, .p7, .cat): no file to digest.
    Pkcs7,
}

/// The overall answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum SignatureStatus {
    /// Valid, and signed through the Azure Code Signing (Trusted Signing) hierarchy up to the pinned root.
    Acs,
    /// Intact and correctly signed, but not by an ACS certificate chaining to the pinned root.
    SignedNotAcs,
    /// Something does not verify: the file was changed, or the signature or a certificate is broken.
    Invalid,
    /// The file carries no signature.
    Unsigned,
    /// The file could not be read as what it claims to be.
    Unreadable,
}

/// The verification steps, in the order they are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum StepId {
    /// (a) the file's digest equals the one in SpcIndirectDataContent.
    FileDigest,
    /// (b) the signed messageDigest equals the digest of the signed content.
    MessageDigest,
    /// (c) the signer's signature over its signed attributes.
    Signature,
    /// (d) the chain, every link verified, up to the pinned root.
    Chain,
    /// (e) the timestamp token.
    Timestamp,
    /// (e) the chain's validity at the timestamp (or at the given date).
    Validity,
    /// (f) the leaf's extended key usages.
    Eku,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum StepStatus {
    Passed,
    Failed,
    NotApplicable,
}

/// Why a step ended as it did. The serialised `code` is the text key suffix (`sig.step.<code>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum StepReason {
    FileDigestMatch {
        alg: DigestAlg,
    },
    FileDigestMismatch {
        alg: DigestAlg,
        signed: String,
        computed: String,
    },
    /// The signature was made for another kind of file than the one it is in.
    WrongFileKind {
        signed_for: SignedKind,
        file: FileKind,
    },
    /// A detached signature: there is no file to digest.
    Detached,
    UnsupportedDigest {
        oid: String,
    },
    MessageDigestMatch,
    MessageDigestMismatch,
    MessageDigestMissing,
    /// The signed contentType attribute is not the content's type.
    ContentTypeMismatch,
    /// Detached content: the signed data is not in the file.
    ContentAbsent,
    SignatureValid,
    SignatureInvalid {
        error: CryptoError,
    },
    SignerCertificateMissing,
    ChainPinned,
    ChainNotPinned {
        top: String,
    },
    ChainIssuerMissing {
        top: String,
    },
    ChainBrokenLink {
        child: String,
        parent: String,
        error: CryptoError,
    },
    ChainLookalikeRoot {
        sha256: String,
    },
    /// A certificate that may not issue certificates issued one (a leaf used as a CA).
    ChainNotACa {
        subject: String,
    },
    ChainAmbiguousSigner,
    ChainTooLong,
    TimestampValid {
        time: String,
        tsa: String,
    },
    /// Verified, but the TSA's chain does not end at the pinned root.
    TimestampValidNotPinned {
        time: String,
        tsa: String,
    },
    TimestampInvalid {
        problem: TimestampProblem,
    },
    NoTimestamp,
    ValidAtTimestamp {
        time: String,
    },
    ValidAtDate {
        date: String,
    },
    NotValidAtTimestamp {
        subject: String,
        time: String,
    },
    NotValidAtDate {
        subject: String,
        date: String,
    },
    /// No verified timestamp and no current date: validity not evaluated.
    NoTimeToCheck,
    /// Not evaluated because an earlier step failed.
    Skipped,
    /// A nested signature that cannot be read.
    Unreadable {
        detail: String,
    },
    AcsEku,
    CodeSigningNotAcs,
    NoCodeSigningEku,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub id: StepId,
    pub status: StepStatus,
    pub reason: StepReason,
}

/// One certificate of a chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChainEntry {
    pub subject: String,
    pub issuer: String,
    /// Upper-case hex.
    pub serial: String,
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    pub not_before: String,
    pub not_after: String,
    pub sha1: String,
    pub sha256: String,
    pub role: CertRole,
    pub source: CertSource,
    /// Valid at the signing time (the timestamp, or the given date); `None` when not evaluated.
    pub valid_at_signing: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TimestampInfo {
    pub kind: TimestampKind,
    /// `YYYY-MM-DDTHH:MM:SSZ`, as the token states it (even when it did not verify).
    pub time: Option<String>,
    pub tsa: Option<String>,
    pub verified: bool,
    /// The TSA chain ends at the pinned root.
    pub pinned: bool,
    pub chain: Vec<ChainEntry>,
}

/// The result for one signature (the primary one, or a nested one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignerResult {
    /// False for the primary signature, true for one nested in it (1.3.6.1.4.1.311.2.4.1).
    pub nested: bool,
    pub status: SignatureStatus,
    /// Valid and signed through the ACS hierarchy up to the pinned root.
    pub is_acs: bool,
    /// The signer certificate's subject.
    pub signer: Option<String>,
    /// The signer certificate's CN (or subject).
    pub signer_name: Option<String>,
    /// SpcSpOpusInfo program name, when the signer set one.
    pub program_name: Option<String>,
    pub signed_kind: Option<SignedKind>,
    pub digest_algorithm: Option<DigestAlg>,
    pub chain: Vec<ChainEntry>,
    pub timestamp: Option<TimestampInfo>,
    pub steps: Vec<Step>,
    /// Why the chain ended as it did, for programs (the words are in the chain step).
    pub chain_outcome: Option<ChainOutcome>,
}

/// The result of checking one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureResult {
    pub kind: Option<FileKind>,
    pub status: SignatureStatus,
    pub is_acs_signed: bool,
    /// The primary signature first, then nested ones.
    pub signers: Vec<SignerResult>,
    /// Why the file could not be checked (unsigned, unreadable).
    pub error: Option<SignatureError>,
    /// The file's size in bytes.
    pub size: u64,
    /// DER of every certificate the signatures carry (duplicates removed), for the report's
    /// certificate list. Serialised as base64 strings, so that a result passed through JSON (the
    /// page's driver) keeps them.
    #[serde(with = "base64_list")]
    pub certificates: Vec<Vec<u8>>,
}

/// `Vec<Vec<u8>>` as a list of base64 strings.
mod base64_list {
    use base64::Engine as _;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &[Vec<u8>], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(v.iter().map(|d| base64::engine::general_purpose::STANDARD.encode(d)))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Vec<u8>>, D::Error> {
        Vec::<String>::deserialize(d)?
            .iter()
            .map(|s| base64::engine::general_purpose::STANDARD.decode(s).map_err(serde::de::Error::custom))
            .collect()
    }
}

impl SignatureResult {
    /// A result for a file that could not be checked.
    pub fn failed(kind: Option<FileKind>, size: u64, error: SignatureError) -> SignatureResult {
        let status = if matches!(error, SignatureError::Unsigned { .. }) {
            SignatureStatus::Unsigned
        } else {
            SignatureStatus::Unreadable
        };
        SignatureResult {
            kind,
            status,
            is_acs_signed: false,
            signers: Vec::new(),
            error: Some(error),
            size,
            certificates: Vec::new(),
        }
    }

    /// The primary signer.
    pub fn primary(&self) -> Option<&SignerResult> {
        self.signers.first()
    }
}
