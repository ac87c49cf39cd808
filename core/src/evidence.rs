//! Typed evidence: what the recognisers found in an input, with line numbers, before any judgement.
//!
//! Recognisers (in [`crate::inputs`], [`crate::certs`], [`crate::signature`]) produce [`Finding`]s;
//! the judge ([`crate::judge`]) turns them into a report. Nothing here decides a verdict.

use serde::{Deserialize, Serialize};

/// What kind of output or file a block of input is. The serialised names are the report contract's
/// `inputs[].kinds` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    SysteminfoList,
    SysteminfoCsv,
    SysteminfoTable,
    Ver,
    GetComputerinfo,
    GetHotfix,
    WmicQfe,
    CimOperatingSystem,
    RegCurrentversion,
    CertutilStore,
    PowershellCerts,
    CertificateDer,
    CertificatePem,
    Pkcs7,
    Sst,
    /// A `.reg` export of `…\SystemCertificates\<store>\Certificates\<sha1>` keys.
    RegCertificates,
    AuthenticodePe,
    AuthenticodeMsi,
    AuthenticodeScript,
    Unknown,
}

/// A value and the 1-based line of the input it was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Located<T> {
    pub value: T,
    pub line: u32,
}

impl<T> Located<T> {
    pub fn new(value: T, line: u32) -> Self {
        Located { value, line }
    }
}

/// A Windows version as an input shows it. `systeminfo` gives `major.minor.build`; `ver`, the registry
/// and `Get-ComputerInfo` (PowerShell 7) also give the revision (UBR).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct OsVersion {
    /// `(major, minor)` when the input shows it (`10.0`, `6.1`); the registry's `CurrentVersion` (6.3 on
    /// every Windows 10/11) is not a source for it.
    pub major_minor: Option<(u32, u32)>,
    pub build: u32,
    pub revision: Option<u32>,
}

/// Client or server, from a field that says so (OS Configuration, `InstallationType`, `ProductType`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProductTypeHint {
    Client,
    Server,
    DomainController,
}

/// How complete a hotfix list is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Completeness {
    /// The list is all the input says is installed.
    Complete,
    /// The input says more are installed than it lists (systeminfo's ~245-entry buffer, a broken last
    /// fragment, Get-ComputerInfo's `…`).
    Truncated { declared: Option<u32>, listed: u32 },
    /// Someone removed entries by hand (`.....`, `～～～ 省略 ～～～`).
    Elided,
    /// The input has a hotfix field but it cannot hold KB numbers (`systeminfo /fo table`).
    NotListed,
}

/// A hotfix list as an input shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HotfixList {
    /// Normalised (`KB` + digits, upper case), deduplicated, in input order.
    pub items: Vec<Located<String>>,
    /// The count line ("263 Hotfix(s) Installed."), when there is one.
    pub declared: Option<Located<u32>>,
    pub completeness: Completeness,
    /// Entries that are not KB numbers (`File 1`, `Q147222`), counted, not listed.
    pub other_entries: u32,
}

/// Something a recogniser noticed that the report should mention. Rendered into words by
/// [`crate::texts`]; the serialised name is the warning code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Note {
    /// `systeminfo /fo table` cuts the hotfix column: no KB numbers at all.
    TableFormatHasNoHotfixIds,
    /// Get-ComputerInfo's `OsHotFixes` shows only the first items (`$FormatEnumerationLimit`).
    EnumerationLimit,
    /// `reg query … /t REG_SZ` leaves out the `UBR` DWORD, so no revision.
    RegQueryWithoutUbr,
    /// Columns cut with `...` by a narrow console (Get-HotFix).
    ColumnsCut,
    /// Lines hard-wrapped by the console were joined back together.
    WrappedLinesJoined,
    /// The text looked mis-decoded (code-page mojibake) in places.
    Mojibake,
}

/// What one block of input says about one host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HostEvidence {
    pub kind: InputKind,
    /// First and last line (1-based, inclusive) of the block in its input.
    pub first_line: u32,
    pub last_line: u32,
    pub host_name: Option<Located<String>>,
    /// The OS name as written (any language), trimmed, NBSP turned into spaces.
    pub os_name: Option<Located<String>>,
    pub version: Option<Located<OsVersion>>,
    pub product_type: Option<Located<ProductTypeHint>>,
    pub hotfixes: Option<HotfixList>,
    pub notes: Vec<Located<Note>>,
}

impl HostEvidence {
    pub fn new(kind: InputKind, first_line: u32, last_line: u32) -> Self {
        HostEvidence {
            kind,
            first_line,
            last_line,
            host_name: None,
            os_name: None,
            version: None,
            product_type: None,
            hotfixes: None,
            notes: Vec::new(),
        }
    }
}

/// One thing found in an input.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    Host(HostEvidence),
    /// Certificates (DER, PEM, PKCS#7, SST, registry export, or carried in a signature).
    Certificates(crate::certs::CertificateSet),
    /// A text listing of a certificate store (certutil, PowerShell), or certutil's "not found" answer.
    StoreListing(crate::certs::StoreListing),
}

impl Finding {
    pub fn kind(&self) -> InputKind {
        match self {
            Finding::Host(h) => h.kind,
            Finding::Certificates(c) => c.kind,
            Finding::StoreListing(l) => l.kind,
        }
    }

    /// The host evidence, when this is a host block.
    pub fn as_host(&self) -> Option<&HostEvidence> {
        match self {
            Finding::Host(h) => Some(h),
            _ => None,
        }
    }

    /// [`Finding::as_host`], by value.
    pub fn into_host(self) -> Option<HostEvidence> {
        match self {
            Finding::Host(h) => Some(h),
            _ => None,
        }
    }
}
