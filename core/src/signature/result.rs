//! What a signature check found: language-independent, typed, serialisable. The report turns it into
//! words ([`super::render`]).

use serde::{Deserialize, Serialize};

use super::SignatureError;
use crate::certs::{CertInfo, CertRole};
use crate::oids;

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
    /// (f) the leaf's extended key usages, and the CAs' constraints on them.
    Eku,
    /// (g) every digest and signature algorithm is SHA-256 or stronger, RSA keys 2048 bits or more.
    Algorithms,
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
#[serde(rename_all = "snake_case")]
pub enum StepReason {
    FileDigestMatch {
        alg: DigestAlg,
    },
    FileDigestMismatch {
        alg: DigestAlg,
        signed: String,
        computed: String,
    },
    /// The file holds bytes its signature does not cover where Windows allows none.
    UnsignedData {
        data: UnsignedData,
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
    /// The signed attributes have no contentType (RFC 5652 §5.3 requires it).
    ContentTypeMissing,
    SignatureValid,
    SignatureInvalid {
        error: CryptoError,
    },
    SignerCertificateMissing,
    /// Authenticode signatures have exactly one SignerInfo.
    SignerCount {
        count: usize,
    },
    /// The SignerInfo signs no attributes, so nothing binds the signed content.
    SignedAttributesMissing,
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
    /// Valid at today's date; the timestamp verified, but its authority is not one this checker
    /// trusts, so it did not decide the signing time.
    ValidAtDateTimestampNotTrusted {
        date: String,
        tsa: String,
    },
    NotValidAtTimestamp {
        subject: String,
        time: String,
    },
    NotValidAtDate {
        subject: String,
        date: String,
    },
    /// Not valid at today's date, and the timestamp's authority is not trusted, so the signing time
    /// it states cannot be relied on.
    NotValidAtDateTimestampNotTrusted {
        subject: String,
        date: String,
        tsa: String,
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
    /// A CA above the leaf has an EKU extension without code signing: it may not issue code-signing
    /// certificates.
    CaNotForCodeSigning {
        subject: String,
    },
    StrongAlgorithms,
    /// An algorithm weaker than ACS uses (SHA-1, MD5, an RSA key under 2048 bits).
    WeakAlgorithm {
        part: AlgorithmPart,
        algorithm: String,
        subject: Option<String>,
    },
}

/// Bytes of a signed file that its signature does not cover, where Windows' rules allow none
/// (`EnableCertPaddingCheck` for PE files; a PowerShell signature block must end the script).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnsignedData {
    /// Data after a PE's certificate table (which must end the file).
    DataAfterCertificateTable { offset: u64, len: u64 },
    /// Another WIN_CERTIFICATE entry, or bytes that are none, in a PE's certificate table.
    ExtraCertificateEntry { offset: u64, len: u64 },
    /// Non-zero padding, or more than the 8-byte alignment, after the SignedData of a WIN_CERTIFICATE.
    CertificatePadding { offset: u64, len: u64 },
    /// Text after a PowerShell script's `# SIG # End signature block` line.
    TextAfterSignatureBlock { line: u32 },
    /// Data after the last sector an MSI's structure uses.
    DataAfterLastSector { offset: u64, len: u64 },
}

/// Which part of a signature uses a weak algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlgorithmPart {
    /// The file digest in SpcIndirectDataContent.
    FileDigest,
    /// The signer's digest or signature algorithm.
    SignerDigest,
    /// A certificate's signature algorithm.
    Certificate,
    /// A certificate's key.
    Key,
}

/// Who signed: the signer certificate's names, and whether it is ESET. The names of a certificate
/// that does not chain to the pinned ACS root are what the file claims, nothing more (`verified`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Publisher {
    /// The signer certificate's common name.
    pub name: Option<String>,
    /// Its subject organisation (O).
    pub organization: Option<String>,
    /// The signature is a valid Azure Code Signing signature, so Microsoft validated this identity.
    pub verified: bool,
    /// Verified, and the organisation is ESET's legal name (`data/publishers.tsv`).
    pub is_eset: bool,
}

/// The digest of the file a signature covers (SpcIndirectDataContent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SignedDigest {
    pub algorithm: DigestAlg,
    /// Upper-case hex.
    pub value: String,
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
    /// The signer certificate's subject organisation (O) and country (C): who it was issued to.
    #[serde(default)]
    pub organization: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    /// SpcSpOpusInfo program name, when the signer set one.
    pub program_name: Option<String>,
    pub signed_kind: Option<SignedKind>,
    /// The file digest the signature covers.
    #[serde(default)]
    pub signed_digest: Option<SignedDigest>,
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
    /// A signature without the file it signs (`.p7`, `.p7s`, `.cat`, a lone PowerShell signature
    /// block): its status describes the signature, not a file.
    #[serde(default)]
    pub detached: bool,
    /// The primary signature first, then nested ones (at most `verify::MAX_SIGNATURES`).
    pub signers: Vec<SignerResult>,
    /// Further nested signatures, counted, not verified.
    #[serde(default)]
    pub signers_left_out: usize,
    /// Why the file could not be checked (unsigned, unreadable).
    pub error: Option<SignatureError>,
    /// The file's size in bytes.
    pub size: u64,
    /// Every certificate the signatures carry (duplicates removed), for the report's certificate
    /// list; at most `verify::MAX_CARRIED_CERTIFICATES`.
    pub certificates: Vec<CertInfo>,
    /// Further carried certificates, counted, not listed.
    #[serde(default)]
    pub certificates_left_out: usize,
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
            detached: false,
            signers: Vec::new(),
            signers_left_out: 0,
            error: Some(error),
            size,
            certificates: Vec::new(),
            certificates_left_out: 0,
        }
    }

    /// The primary signer.
    pub fn primary(&self) -> Option<&SignerResult> {
        self.signers.first()
    }

    /// Who signed: the primary signer (the one Windows checks). Its names are `verified` only when the
    /// primary is a valid ACS signature, and only then can it be ESET: organisation (ignoring ASCII case,
    /// as Windows compares names) and country as `data/publishers.tsv` lists them.
    pub fn publisher(&self) -> Option<Publisher> {
        let s = self.primary()?;
        if s.signer_name.is_none() && s.organization.is_none() {
            return None;
        }
        let verified = s.is_acs && self.status == SignatureStatus::Acs;
        let is_eset = verified
            && crate::tables::PUBLISHERS.iter().any(|p| {
                p.id == "eset"
                    && s.organization.as_deref().is_some_and(|o| o.eq_ignore_ascii_case(p.organization))
                    && s.country.as_deref().is_some_and(|c| c.eq_ignore_ascii_case(p.country))
            });
        Some(Publisher { name: s.signer_name.clone(), organization: s.organization.clone(), verified, is_eset })
    }

    /// A nested signature that is a valid ACS one under a primary that is not: reported, but Windows
    /// does not check nested signatures by default, so it does not make the file ACS-signed.
    pub fn nested_acs(&self) -> Option<&SignerResult> {
        (self.status != SignatureStatus::Acs).then(|| self.signers.iter().skip(1).find(|s| s.is_acs)).flatten()
    }
}

/// Where a chain certificate came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum CertSource {
    /// Carried in the signature.
    Embedded,
    /// Taken from the pinned certificates compiled into this checker.
    Pinned,
}

/// How a chain ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChainOutcome {
    /// Every link verified, up to a pinned root the chain may end at ([`Anchors`]).
    Pinned,
    /// Every link verified, but the top is not the pinned root: a self-signed root carried in the
    /// signature (ignored), or a certificate whose issuer is not available.
    NotPinned { top: String, issuer_missing: bool },
    /// A link's signature does not verify.
    BrokenLink { child: String, parent: String, error: CryptoError },
    /// A certificate that is not allowed to issue certificates (not a CA, no keyCertSign, or
    /// beyond its path length) issued one: e.g. a publisher's leaf used as a CA.
    NotACa { subject: String },
    /// The signature carries a certificate with the root's name that is not the pinned root.
    LookalikeRoot { sha256: String },
    /// Two different certificates carry the signer's issuer and serial number.
    AmbiguousSigner,
    /// The chain is longer than any real one, or loops.
    TooLong,
}

/// Which timestamp format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum TimestampKind {
    Rfc3161,
    Legacy,
}

/// Why a timestamp did not verify.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimestampProblem {
    /// The token is not readable (what, why).
    Malformed { detail: String },
    /// A digest algorithm this checker does not implement.
    UnsupportedDigest { oid: String },
    /// The token stamps another signature (message imprint ≠ digest of this signature's value).
    ImprintMismatch,
    /// The token's signed messageDigest ≠ digest of its content.
    MessageDigestMismatch,
    /// The TSA certificate named by the token is not in it.
    TsaCertificateMissing,
    /// The TSA's signature does not verify.
    SignatureInvalid { error: CryptoError },
    /// A link of the TSA chain does not verify, or it carries a look-alike root.
    ChainInvalid { outcome: ChainOutcome },
    /// The TSA certificate lacks the timeStamping EKU.
    NotATimestampingCertificate,
    /// The TSA certificate (or its chain) was not valid at the time it stamped.
    TsaNotValidAtTime { subject: String },
}

/// What kind of file the signature was made for, according to its SpcIndirectDataContent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignedKind {
    Pe,
    Msi,
    PowerShell,
    Cab,
    /// A catalog (`.cat`): a signed list of file hashes (its content is a CTL, not SpcIndirectDataContent).
    Catalog,
    /// Another SIP or data type.
    Other,
}

/// A digest algorithm used by Authenticode, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum DigestAlg {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl DigestAlg {
    /// From a digest AlgorithmIdentifier OID.
    pub fn from_oid(oid: &str) -> Option<DigestAlg> {
        match oid {
            oids::SHA1 => Some(DigestAlg::Sha1),
            oids::SHA256 => Some(DigestAlg::Sha256),
            oids::SHA384 => Some(DigestAlg::Sha384),
            oids::SHA512 => Some(DigestAlg::Sha512),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            DigestAlg::Sha1 => "SHA-1",
            DigestAlg::Sha256 => "SHA-256",
            DigestAlg::Sha384 => "SHA-384",
            DigestAlg::Sha512 => "SHA-512",
        }
    }

    pub fn output_len(self) -> usize {
        match self {
            DigestAlg::Sha1 => 20,
            DigestAlg::Sha256 => 32,
            DigestAlg::Sha384 => 48,
            DigestAlg::Sha512 => 64,
        }
    }
}

/// Why a signature could not be verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CryptoError {
    /// The signature does not match the data and key.
    Mismatch,
    /// An algorithm this checker does not implement (ECDSA, RSA-PSS, MD5 …), by OID.
    UnsupportedAlgorithm { oid: String },
    /// The public key cannot be read or is outside the accepted sizes.
    BadKey { reason: String },
}

impl std::fmt::Display for CryptoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CryptoError::Mismatch => write!(f, "the signature does not match"),
            CryptoError::UnsupportedAlgorithm { oid } => write!(f, "unsupported algorithm {}", oids::described(oid)),
            CryptoError::BadKey { reason } => write!(f, "unusable public key: {reason}"),
        }
    }
}
