//! Certificates and certificate-store evidence: the second half of the check (is the root
//! "Microsoft Identity Verification Root Certificate Authority 2020" trusted?).
//!
//! Readers, one per structure users upload or paste:
//!
//! | module | input | finding |
//! |---|---|---|
//! | [`pem`] | `-----BEGIN CERTIFICATE-----` / `-----BEGIN PKCS7-----` blocks in text | [`CertificateSet`] (`certificate_pem` / `pkcs7`) |
//! | [`pkcs7`] | `.cer`/`.crt` DER, `.p7b` DER, signatures' SignedData | [`CertificateSet`] (`certificate_der` / `pkcs7`) |
//! | [`sst`] | `.sst` serialized stores | [`CertificateSet`] (`sst`) |
//! | [`registry`] | `.reg` exports of `…\SystemCertificates\<store>\Certificates\<sha1>` | [`CertificateSet`] + [`StoreListing`] (`reg_certificates`) |
//! | [`certutil`] | `certutil -store …` listings and its "not found" answer | [`StoreListing`] (`certutil_store`) |
//! | [`powershell`] | `Get-ChildItem Cert:\…` tables, `Format-List`, `Export-Csv`, "Cannot find path" | [`StoreListing`] (`powershell_certs`) |
//!
//! [`cert`] parses each certificate once (x509-parser) into its facts ([`CertInfo`], what the report
//! shows) and what signature verification needs; [`root`] gives each its role and applies the
//! contract's root-CA rules over all evidence; [`crate::present`] words the report's `certificates`
//! list. The pinned root and ACS chain are data (`data/certs/`, see [`pinned`]).
//!
//! None of this checks a signature: a certificate is "the root" only when it is byte-identical to the
//! pinned copy (SHA-256), and a listing shows a thumbprint, never the bytes.

#[cfg(feature = "x509")]
pub mod cert;
pub mod certutil;
pub mod error;
pub mod info;
#[cfg(feature = "x509")]
pub mod pem;
pub mod pinned;
#[cfg(feature = "x509")]
pub mod pkcs7;
pub mod powershell;
#[cfg(feature = "x509")]
pub mod registry;
pub mod root;
#[cfg(feature = "x509")]
mod sets;
#[cfg(feature = "x509")]
pub mod sst;

use serde::{Deserialize, Serialize};

use crate::evidence::{Finding, InputKind, Located};
#[cfg(feature = "x509")]
pub use cert::Certificate;
pub use error::{BytesError, CertError, Problem};
pub use info::CertInfo;
pub use root::{root_status, RootDecision, RootDetail};

/// What the inputs say about the trusted-root store (the report contract's `root_ca.status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(test, derive(strum::EnumIter))]
#[serde(rename_all = "snake_case")]
pub enum RootCaStatus {
    Present,
    Absent,
    Lookalike,
    Unknown,
}

/// A certificate's role (the report contract's `certificates[].role`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CertRole {
    RequiredRoot,
    AcsIntermediate,
    Lookalike,
    Other,
}

/// The pinned root's SHA-1 thumbprint and SHA-256, from `data/certs/pinned.tsv`.
pub const ROOT_SHA1_HEX: &str = crate::tables::PINNED_ROOT_SHA1;
pub const ROOT_SHA256_HEX: &str = crate::tables::PINNED_ROOT_SHA256;
/// The pinned root's subject CN.
pub const ROOT_SUBJECT_CN: &str = crate::tables::PINNED_ROOT_NAME;

/// What a set of certificates or a listing says about the trusted-root store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StoreScope {
    /// An export or listing of a trusted-root store (`Root`, `AuthRoot`): absence of the root means absent.
    TrustedRoot,
    /// A listing or export of another store (`My`, `CA`, …), or files that say nothing about a store.
    Other,
    /// Certificates carried inside a signature (SignedData with signers). They say nothing about the
    /// host, and a signature's own copy of the root proves nothing (certificates.md §6): they are
    /// described in the report but never count for the root-CA status.
    Signature,
}

/// Who claims a thumbprint for a certificate without having computed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClaimSource {
    /// The registry key name `…\Certificates\<SHA1>`.
    RegistryKey,
    /// Property 3 (CERT_SHA1_HASH_PROP_ID) stored before the certificate in an `.sst` or `Blob`.
    StoredProperty,
}

/// A SHA-1 that a container claims for a certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimedSha1 {
    pub sha1: [u8; 20],
    pub by: ClaimSource,
}

/// One certificate found in an input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertEntry {
    /// Line of a PEM block or registry key, when the input is text.
    pub line: Option<u32>,
    /// Byte offset in a binary file.
    pub offset: Option<usize>,
    /// The thumbprint the container claims (registry key name, SST property 3), if any.
    pub claimed: Option<ClaimedSha1>,
    /// The certificate's facts.
    pub info: CertInfo,
}

impl CertEntry {
    /// Parses `der` (exactly one certificate).
    #[cfg(feature = "x509")]
    pub fn from_der(der: &[u8], line: Option<u32>, offset: Option<usize>) -> Result<CertEntry, CertError> {
        let info = Certificate::parse(der)?.info;
        Ok(CertEntry { line, offset, claimed: None, info })
    }
}

/// Certificates kept per set (a root store export holds a few hundred): more are counted only.
pub const MAX_CERTIFICATES: usize = 1000;
/// Problems kept per set: more are counted only ("and N more").
pub const MAX_PROBLEMS: usize = 20;

/// Certificates found in one input (a DER file, PEM blocks, a PKCS#7 or SST export, a registry export).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateSet {
    pub kind: InputKind,
    pub scope: StoreScope,
    /// The store the certificates come from, when the input names it (`ROOT`, `AuthRoot`).
    pub store: Option<String>,
    pub certs: Vec<CertEntry>,
    /// Parts that could not be read. A set with problems never proves that the root is absent.
    pub problems: Vec<Problem>,
    /// Certificates and problems beyond [`MAX_CERTIFICATES`] and [`MAX_PROBLEMS`]: counted, not kept.
    pub certs_left_out: usize,
    pub problems_left_out: usize,
    /// First line of the evidence in a text input.
    pub first_line: Option<u32>,
}

impl CertificateSet {
    fn new(kind: InputKind, scope: StoreScope) -> CertificateSet {
        CertificateSet {
            kind,
            scope,
            store: None,
            certs: Vec::new(),
            problems: Vec::new(),
            certs_left_out: 0,
            problems_left_out: 0,
            first_line: None,
        }
    }

    /// Adds a certificate, or counts it past [`MAX_CERTIFICATES`]. The pinned root is always kept
    /// (whether it is there decides the root-CA status).
    #[cfg_attr(not(feature = "x509"), allow(dead_code))]
    pub(crate) fn add_cert(&mut self, e: CertEntry) {
        if self.certs.len() < MAX_CERTIFICATES || e.info.is_pinned_root() {
            self.certs.push(e);
        } else {
            self.certs_left_out += 1;
        }
    }

    /// Adds a problem, or counts it past [`MAX_PROBLEMS`].
    #[cfg(feature = "x509")]
    pub(crate) fn add_problem(&mut self, p: Problem) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(p);
        } else {
            self.problems_left_out += 1;
        }
    }

    /// The certificates a verified signature carries (in signature order; the same certificate
    /// listed twice is kept once). They are described in the report but say nothing about the host's
    /// store.
    pub fn from_signature(kind: InputKind, infos: &[CertInfo]) -> CertificateSet {
        let mut set = CertificateSet::new(kind, StoreScope::Signature);
        for info in infos {
            if !set.certs.iter().any(|c| c.info.sha256 == info.sha256) {
                set.add_cert(CertEntry { line: None, offset: None, claimed: None, info: info.clone() });
            }
        }
        set
    }

    /// The first line this evidence starts on (1 for binary files).
    pub fn first_line(&self) -> u32 {
        self.first_line.or_else(|| self.certs.iter().filter_map(|c| c.line).min()).unwrap_or(1)
    }
}

/// One entry of a text listing of a store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingEntry {
    /// The SHA-1 thumbprint, when the listing shows it whole (PowerShell 7 can cut columns).
    pub sha1: Option<[u8; 20]>,
    /// The subject DN as the listing shows it (possibly cut with `…`).
    pub subject: Option<String>,
    /// The issuer DN and serial number, where the listing shows them (certutil, `Format-List`).
    #[serde(default)]
    pub issuer: Option<String>,
    #[serde(default)]
    pub serial: Option<String>,
    pub line: u32,
}

/// certutil's (or PowerShell's) answer that the queried certificate is not in the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotFound {
    /// The queried id (thumbprint, serial or name) when the command line is in the input. When it is
    /// not, the answer is taken to be the one to the root query this tool suggests (see [`root`]).
    pub query: Option<String>,
    pub line: u32,
}

/// A text listing of a certificate store (certutil, PowerShell, a registry export's bare keys), or
/// certutil's answer to a query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreListing {
    pub kind: InputKind,
    pub scope: StoreScope,
    /// The store's name as the input shows it (`Root`, `LocalMachine\Root`, `my`), when it does.
    pub store: Option<Located<String>>,
    /// The certificate id the command asked for (`certutil -store Root <id>`, `Cert:\…\Root\<id>`):
    /// the listing then shows matches only, and says nothing about the rest of the store.
    pub filter: Option<Located<String>>,
    pub entries: Vec<ListingEntry>,
    pub not_found: Option<NotFound>,
    /// Every entry shows its whole thumbprint (else a missing root may just be hidden).
    pub complete: bool,
    pub first_line: u32,
}

impl StoreListing {
    /// The first line this evidence starts on.
    pub fn first_line(&self) -> u32 {
        self.first_line
    }
}

/// Finds certificate-store listings, PEM certificates and registry exports in decoded text
/// (`\n` line endings; a stray `\r` is tolerated). Every finding carries line numbers.
#[cfg(feature = "x509")]
pub fn recognise_text(text: &str) -> Vec<Finding> {
    let mut out = certificates_in_text(text);
    out.extend(recognise_listings(text));
    out
}

/// The text listings of certificate stores (certutil, PowerShell): text only, no certificate to parse.
pub fn recognise_listings(text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    out.extend(certutil::recognise(text).into_iter().map(Finding::StoreListing));
    out.extend(powershell::recognise(text).into_iter().map(Finding::StoreListing));
    out
}

/// The certificates in a text: PEM blocks and registry exports (whose `Blob` values hold them).
#[cfg(feature = "x509")]
pub fn certificates_in_text(text: &str) -> Vec<Finding> {
    let mut out = sets::pem_findings(text);
    out.extend(registry::recognise(text));
    out
}

/// True when a text holds what only [`certificates_in_text`] reads (a build without the `x509`
/// feature sends such a text to one with it).
pub fn text_has_certificates(text: &str) -> bool {
    CERTIFICATE_TEXT_MARKERS.iter().any(|m| text.contains(m))
}

/// What marks a text that holds certificates: a PEM block, or a registry export of a certificate
/// store (its key path, or a `"Blob"` value). The JavaScript package's paste rule (`pkg/route.js`)
/// lists the same strings; its tests hold the two together.
pub const CERTIFICATE_TEXT_MARKERS: [&str; 3] = ["-----BEGIN", "SystemCertificates", "\"Blob\""];

/// Reads a binary certificate file: DER certificate(s) (`.cer`/`.crt`), PKCS#7 (`.p7b`, or a
/// signature's SignedData) or a serialized store (`.sst`).
///
/// `None` when the bytes are none of these by their first bytes (PEM, `.reg` and other text fall
/// through to the text readers); `Some(Err)` when they look like one of them but cannot be read.
#[cfg(feature = "x509")]
pub fn read_bytes(bytes: &[u8]) -> Option<Result<Finding, BytesError>> {
    if sst::is_sst(bytes) {
        return Some(sets::sst_file(bytes).map(Finding::Certificates));
    }
    if crate::asn1::looks_like_der(bytes) {
        return Some(sets::der_file(bytes).map(Finding::Certificates));
    }
    None
}

/// Recognises a binary certificate file (DER, PKCS#7, SST). `None` when the bytes are none of these,
/// or when they look like one but cannot be read (use [`read_bytes`] for the reason).
#[cfg(feature = "x509")]
pub fn recognise_bytes(bytes: &[u8]) -> Option<Finding> {
    read_bytes(bytes).and_then(Result::ok)
}

/// True for the stores whose certificates Windows trusts as roots: `Root` and `AuthRoot` (any case,
/// with or without a location prefix such as `LocalMachine\Root`).
pub fn is_trusted_root_store(name: &str) -> bool {
    let last = name.rsplit(['\\', '/']).next().unwrap_or(name);
    last.eq_ignore_ascii_case("root") || last.eq_ignore_ascii_case("authroot")
}

/// Parses 40 hex digits (case-insensitive; single spaces between pairs allowed, as older certutil
/// builds print them) into a SHA-1.
pub fn parse_sha1(s: &str) -> Option<[u8; 20]> {
    let digits: Vec<u8> = s.bytes().filter(|b| *b != b' ').collect();
    if digits.len() != 40 {
        return None;
    }
    let mut out = [0u8; 20];
    for (i, pair) in digits.chunks_exact(2).enumerate() {
        let hi = (pair[0] as char).to_digit(16)?;
        let lo = (pair[1] as char).to_digit(16)?;
        out[i] = (hi * 16 + lo) as u8;
    }
    Some(out)
}

/// True when bytes are a binary certificate file by their first bytes (DER, `.sst`).
pub fn looks_like_certificate_file(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0, 0, 0, 0, b'C', b'E', b'R', b'T']) || crate::asn1::looks_like_der(bytes)
}

/// SHA-1 and SHA-256 of a certificate, upper-case hex without separators (as Windows shows them).
#[cfg(feature = "x509")]
pub fn thumbprints(der: &[u8]) -> (String, String) {
    let (s1, s256) = cert::hashes(der);
    (crate::util::hex_upper(&s1), crate::util::hex_upper(&s256))
}
