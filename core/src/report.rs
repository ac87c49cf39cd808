//! The report contract (`shared/design/report-contract.md`): the only serde surface of the core.
//!
//! Every face of the product (CLI `--json`, the page, the JS package) emits exactly these structures.
//! Fields may be added; the contract's fields keep their names, types and meanings.

use serde::{Deserialize, Serialize};

pub use crate::certs::{CertRole, RootCaStatus};
use crate::evidence::InputKind;

/// The contract's schema version.
pub const SCHEMA: u32 = 1;

/// The contract's name of an enumeration value (`"action_needed"`, `"client"`…), e.g. for the page's
/// `data-verdict` attributes. Empty for values that do not serialise to a string.
pub fn wire_name<T: Serialize>(value: &T) -> String {
    value.serialize(Name { with_data: false }).unwrap_or_default()
}

/// The contract's name of an enumeration value's variant, also of one that carries data (the key of
/// `{"bad_key": {…}}`): the code its words are keyed by. Empty for values that are not enumerations.
pub fn variant_name<T: Serialize>(value: &T) -> String {
    value.serialize(Name { with_data: true }).unwrap_or_default()
}

/// A serializer that only reads a name: a string, or an enumeration's variant. It builds no JSON
/// value (the engine carries no JSON serializer for it).
#[derive(Clone, Copy)]
struct Name {
    /// Whether a variant with data (newtype, tuple or struct) also gives its name.
    with_data: bool,
}

/// "Not a name": the value is not a string or an enumeration variant.
#[derive(Debug)]
struct NotAName;

impl std::fmt::Display for NotAName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a name")
    }
}

impl std::error::Error for NotAName {}

impl serde::ser::Error for NotAName {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        NotAName
    }
}

/// A variant with data: its fields are skipped, its name is the result.
struct Variant(&'static str);

impl serde::ser::SerializeTupleVariant for Variant {
    type Ok = String;
    type Error = NotAName;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, _: &T) -> Result<(), NotAName> {
        Ok(())
    }
    fn end(self) -> Result<String, NotAName> {
        Ok(self.0.to_owned())
    }
}

impl serde::ser::SerializeStructVariant for Variant {
    type Ok = String;
    type Error = NotAName;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, _: &'static str, _: &T) -> Result<(), NotAName> {
        Ok(())
    }
    fn end(self) -> Result<String, NotAName> {
        Ok(self.0.to_owned())
    }
}

/// The serializer methods of values that are not names.
macro_rules! not_a_name {
    ($($method:ident($($ty:ty),*);)*) => {
        $(fn $method(self, $(_: $ty),*) -> Result<String, NotAName> { Err(NotAName) })*
    };
}

impl serde::Serializer for Name {
    type Ok = String;
    type Error = NotAName;
    type SerializeSeq = serde::ser::Impossible<String, NotAName>;
    type SerializeTuple = serde::ser::Impossible<String, NotAName>;
    type SerializeTupleStruct = serde::ser::Impossible<String, NotAName>;
    type SerializeTupleVariant = Variant;
    type SerializeMap = serde::ser::Impossible<String, NotAName>;
    type SerializeStruct = serde::ser::Impossible<String, NotAName>;
    type SerializeStructVariant = Variant;

    not_a_name! {
        serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32); serialize_i64(i64);
        serialize_u8(u8); serialize_u16(u16); serialize_u32(u32); serialize_u64(u64);
        serialize_f32(f32); serialize_f64(f64); serialize_char(char); serialize_bytes(&[u8]);
        serialize_none(); serialize_unit(); serialize_unit_struct(&'static str);
    }

    fn serialize_str(self, v: &str) -> Result<String, NotAName> {
        Ok(v.to_owned())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<String, NotAName> {
        value.serialize(self)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<String, NotAName> {
        Ok(variant.to_owned())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<String, NotAName> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: &T,
    ) -> Result<String, NotAName> {
        if self.with_data {
            Ok(variant.to_owned())
        } else {
            Err(NotAName)
        }
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotAName> {
        Err(NotAName)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotAName> {
        Err(NotAName)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, NotAName> {
        Err(NotAName)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Variant, NotAName> {
        if self.with_data {
            Ok(Variant(variant))
        } else {
            Err(NotAName)
        }
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotAName> {
        Err(NotAName)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, NotAName> {
        Err(NotAName)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Variant, NotAName> {
        if self.with_data {
            Ok(Variant(variant))
        } else {
            Err(NotAName)
        }
    }
}

/// Language of the report's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(test, derive(strum::EnumIter))]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ja" | "jp" | "ja-jp" => Some(Lang::Ja),
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Is the host's ESET program managed by ESET PROTECT? Decides where the alert shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(test, derive(strum::EnumIter))]
#[serde(rename_all = "snake_case")]
pub enum Managed {
    Yes,
    No,
    /// Don't know: the report shows both places.
    #[default]
    Unknown,
}

impl Managed {
    pub fn parse(s: &str) -> Option<Managed> {
        match s.trim().to_ascii_lowercase().as_str() {
            "yes" | "y" | "true" | "managed" => Some(Managed::Yes),
            "no" | "n" | "false" | "unmanaged" => Some(Managed::No),
            "unknown" | "" | "?" => Some(Managed::Unknown),
            _ => None,
        }
    }
}

/// The check's options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Options {
    #[serde(default)]
    pub lang: Lang,
    #[serde(default)]
    pub managed: Managed,
    /// Today (`YYYY-MM-DD`, UTC), for "this CA has expired" notes. The core never reads a clock; the
    /// caller passes the date (the CLI from the system, the page from the browser). `None` leaves
    /// date-relative notes out.
    #[serde(default)]
    pub today: Option<DateStr>,
}

/// A `YYYY-MM-DD` date kept as fixed bytes so that [`Options`] stays `Copy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateStr([u8; 10]);

impl DateStr {
    pub fn parse(s: &str) -> Option<DateStr> {
        let b = s.as_bytes();
        let ok = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        ok.then(|| {
            let mut d = [0u8; 10];
            d.copy_from_slice(b);
            DateStr(d)
        })
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII digits and '-' are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("0000-00-00")
    }
}

impl Serialize for DateStr {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for DateStr {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        DateStr::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("expected a YYYY-MM-DD date, got {s:?}")))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Report {
    pub schema: u32,
    /// The newest release date in the built-in update data.
    pub data_as_of: String,
    /// The language of every sentence in this report.
    pub lang: Lang,
    pub managed: Managed,
    pub inputs: Vec<InputReport>,
    pub root_ca: RootCaReport,
    pub hosts: Vec<HostReport>,
    pub certificates: Vec<CertificateReport>,
    pub errors: Vec<InputError>,
    /// Signed files (PE, MSI, PowerShell script) and detached signatures among the inputs, in
    /// input order: is each really signed with Azure Code Signing?
    #[serde(default)]
    pub signatures: Vec<SignatureReport>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InputReport {
    /// File name, or "pasted text".
    pub name: String,
    /// What was recognised in it, in order of first appearance.
    pub kinds: Vec<InputKind>,
    /// `utf-8 | utf-16le | utf-16be | shift_jis | windows-1252 | ibm850 | ibm437 | gbk | euc-kr | ibm866 | binary`.
    pub encoding: String,
    /// Number of lines (text inputs) or bytes (binary inputs).
    pub size: u64,
    /// What the input held beyond the checker's limits: counted, not listed ("and N more").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub omitted: Option<Omitted>,
}

/// Items of one input beyond the checker's limits, counted but not listed in the report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Omitted {
    /// Certificates beyond `certs::MAX_CERTIFICATES` (or the 64 a signature's list keeps).
    pub certificates: u64,
    /// Parts that could not be read beyond `certs::MAX_PROBLEMS`.
    pub problems: u64,
    /// Nested signatures beyond `signature::verify::MAX_SIGNATURES`.
    pub signers: u64,
    /// Host blocks beyond [`crate::MAX_HOSTS_PER_INPUT`].
    pub hosts: u64,
}

impl Omitted {
    /// `None` when nothing was left out.
    pub fn nonzero(self) -> Option<Omitted> {
        (self != Omitted::default()).then_some(self)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RootCaReport {
    pub status: RootCaStatus,
    /// The input that decided it; `None` when unknown.
    pub evidence: Option<String>,
    /// The line in that input, when it is text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub line: Option<u32>,
    /// Why, in the report's language.
    #[serde(default)]
    pub detail: String,
}

/// The host-level copy of the root status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HostRootCa {
    pub status: RootCaStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum OsKind {
    Client,
    Server,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OsReport {
    /// As written in the input (any language).
    pub name: Option<String>,
    /// Normalised, English (e.g. "Windows Server 2019"); "A / B" when the input cannot tell client from server.
    pub product: Option<String>,
    pub kind: Option<OsKind>,
    pub build: Option<u32>,
    /// UBR; only when the input shows it (ver, reg, Get-ComputerInfo).
    pub revision: Option<u32>,
    /// When the inputs show no build: the KBs that identified `product` (the update table gives them to
    /// that product family only). The product is then inferred, and the ACS result `likely` at best.
    #[serde(default)]
    pub inferred_from: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(test, derive(strum::EnumIter))]
#[serde(rename_all = "snake_case")]
pub enum AcsStatus {
    Native,
    Patched,
    NeedsUpdate,
    EndOfSupport,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(test, derive(strum::EnumIter))]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    Confirmed,
    Likely,
}

/// Why the ACS status is what it is: a stable code for scripts (the words are in `explanation`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(test, derive(strum::EnumIter))]
#[serde(rename_all = "snake_case")]
pub enum AcsReason {
    /// Windows 11, Windows 10 21H2 and later: supported out of the box.
    NativeBuild,
    /// A KB in the update table that includes ACS support is installed.
    QualifyingKb,
    /// The revision (UBR) is at or above the first qualifying build.
    QualifyingRevision,
    /// A KB newer than the data is installed: probably a later cumulative update.
    NewerThanData,
    /// The revision is below the first qualifying build.
    RevisionTooLow,
    /// The complete hotfix list holds no update that includes ACS support.
    NoQualifyingKb,
    /// No update for this Windows version brings ACS support; only an upgrade does.
    NoUpdateExists,
    /// The hotfix list is cut short, so the absence of a KB proves nothing.
    HotfixListIncomplete,
    /// The input has no hotfix list and no revision.
    NoHotfixList,
    /// The input does not say which Windows build it is.
    NoBuild,
    /// A build this checker does not know (an Insider build, or newer than the data).
    UnknownBuild,
    /// The update table is known to lack some cumulative updates of this product (out-of-band
    /// rollups), and a listed KB inside that gap is not in the table: it may be one of them.
    DataIncomplete,
    /// No build number, and the listed KBs belong to different Windows versions in the update table.
    ProductsDisagree,
}

/// Will this host show the ESET alert 「Azure Code Signingのサポートがありません」?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(test, derive(strum::EnumIter))]
#[serde(rename_all = "snake_case")]
pub enum AlertExpected {
    /// `needs_update`, or `end_of_support` without ACS support on a Windows the ESET program with this
    /// alert runs on.
    Yes,
    /// `native` or `patched` (with `confidence` `likely` too: the words then say "probably").
    No,
    /// Anything else: the inputs do not show it.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AcsReport {
    pub status: AcsStatus,
    /// The KB (or "build 17763.4010") that proves support; `None` otherwise.
    pub evidence: Option<String>,
    /// Where that evidence is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub evidence_at: Option<SourceRef>,
    /// The first update that brings support for this product; `None` when native or unknown, or when
    /// no update exists (see `reason`).
    pub required: Option<String>,
    /// `confirmed` for a table KB or a revision, `likely` for a KB newer than the data or a product
    /// inferred from its KBs (no build number); `None` when the status is unknown.
    pub confidence: Option<Confidence>,
    pub reason: AcsReason,
    /// The reason in plain words, in the report's language.
    pub explanation: String,
}

/// An input name and a 1-based line in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SourceRef {
    pub input: String,
    pub line: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Ok,
    ActionNeeded,
    Unsupported,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AlertPlace {
    /// In the ESET program on the client (not managed).
    Client,
    /// In the ESET PROTECT console (managed).
    Console,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Alert {
    #[serde(rename = "where")]
    pub place: AlertPlace,
    pub title: String,
    pub body: String,
    pub lang: Lang,
    /// The status id used to hide the alert ("MISSING ID: AzureCodeSigningEol" in some consoles).
    pub id: String,
    /// Shown since this date (`YYYY-MM-DD`).
    pub since: String,
    /// True when `title`/`body` are this project's translation, not ESET's wording.
    pub translated: bool,
    /// ESET's Japanese wording, verbatim, when `translated` is true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub original_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub original_body: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Action {
    pub text: String,
    pub url: Option<String>,
    /// A command the user can copy, when the step is "run this".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub command: Option<String>,
}

/// A fact about a host and where it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Fact {
    /// `host_name | os_name | build | revision | product_type | hotfix_count | hotfix`.
    pub field: String,
    pub value: String,
    pub input: String,
    pub line: u32,
}

/// One block of input that described this host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HostSource {
    pub input: String,
    pub kind: InputKind,
    pub first_line: u32,
    pub last_line: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HostReport {
    pub host_name: Option<String>,
    pub os: OsReport,
    pub hotfixes: Vec<String>,
    pub hotfixes_truncated: bool,
    /// The count the input declares ("263 Hotfix(s) Installed."), when it does.
    pub hotfix_count: Option<u32>,
    pub acs: AcsReport,
    pub root_ca: HostRootCa,
    pub verdict: Verdict,
    /// Does ESET still support this OS with its ACS-era programs? `None` when the product is unclear.
    pub eset_supported: Option<bool>,
    /// One or two sentences in plain words: what this means for the host.
    pub summary: String,
    /// Will this host show the ESET alert? `alerts` then holds what it shows (`yes`) or may show
    /// (`unknown`); it is empty for `no`.
    pub alert_expected: AlertExpected,
    pub alerts: Vec<Alert>,
    pub actions: Vec<Action>,
    pub warnings: Vec<String>,
    /// Stable codes of `warnings`, same order.
    pub warning_codes: Vec<String>,
    pub facts: Vec<Fact>,
    pub sources: Vec<HostSource>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CertificateReport {
    /// The certificate's fields. A store listing (certutil, PowerShell) gives only what it shows (a
    /// thumbprint and names, no dates in a readable form): the others are `null`, `sha256` included.
    pub subject: Option<String>,
    pub issuer: Option<String>,
    pub serial: Option<String>,
    pub not_before: Option<String>,
    pub not_after: Option<String>,
    pub sha1: Option<String>,
    pub sha256: Option<String>,
    pub role: CertRole,
    pub source: String,
    /// `RSA 4096`, `EC P-256`, …
    #[serde(default)]
    pub key: Option<String>,
    /// `sha384WithRSAEncryption`, … (or the dotted OID).
    #[serde(default)]
    pub signature_algorithm: Option<String>,
    /// Whether `not_after` was before [`Options::today`]; `None` when the check was given no date, or
    /// the input does not show the date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub expired: Option<bool>,
    /// What this certificate is, in the report's language (which ACS CA, expired or not, why it is a
    /// look-alike, a thumbprint its container claims falsely, carried by a signature, seen in a listing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub note: Option<String>,
    /// The line of its PEM block, registry key or listing entry, when the input is text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub line: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InputError {
    pub input: String,
    pub message: String,
}

/// The lead answer of a signature check (`signatures[].verdict`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SignatureVerdict {
    /// A genuine ESET file: signed with Azure Code Signing by ESET, spol. s r.o., signature valid.
    EsetAcs,
    /// Signed with Azure Code Signing and valid, by another Trusted Signing customer.
    OtherAcs,
    /// A signature without the file it signs: what it signs cannot be checked here.
    SignatureOnly,
    /// Intact and correctly signed, but not with Azure Code Signing.
    NotAcs,
    /// The signature does not verify: the file was changed, or the signature is broken or expired.
    Invalid,
    Unsigned,
    Unreadable,
}

/// One signed file or detached signature: the outcome of Authenticode verification
/// ([`crate::signature`]) in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SignatureReport {
    /// The input's name.
    pub input: String,
    /// `authenticode_pe | authenticode_msi | authenticode_script | pkcs7`.
    pub kind: InputKind,
    /// `acs | signed_not_acs | invalid | unsigned | unreadable`.
    pub status: crate::signature::SignatureStatus,
    /// Valid, and signed through the ACS hierarchy up to the pinned root. For a signature without its
    /// file (`detached`), this describes the signature: the file it signs was not checked.
    pub is_acs_signed: bool,
    /// The answer first: `eset_acs | other_acs | signature_only | not_acs | invalid | unsigned | unreadable`.
    pub verdict: SignatureVerdict,
    /// A signature given without its file (`.p7`, `.p7s`, `.cat`, a lone PowerShell signature block).
    pub detached: bool,
    /// The digest of the file the (primary) signature covers.
    pub signed_digest: Option<crate::signature::SignedDigest>,
    /// One or two sentences in plain words.
    pub summary: String,
    /// The primary signer's name (CN).
    pub signer: Option<String>,
    /// Who signed, and whether it is ESET (only ever true for a verified ACS signature).
    pub publisher: Option<crate::signature::Publisher>,
    /// The primary signature's timestamp (`YYYY-MM-DDTHH:MM:SSZ`) and its authority.
    pub timestamp: Option<String>,
    pub tsa: Option<String>,
    /// The primary signature first, then nested ones.
    pub signers: Vec<SignerReport>,
    /// Nested signatures beyond the checker's limit, counted, not checked.
    #[serde(default)]
    pub signers_left_out: usize,
    /// Why the file could not be checked, when it could not.
    pub error: Option<String>,
}

/// One signature of a file, step by step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SignerReport {
    pub nested: bool,
    pub status: crate::signature::SignatureStatus,
    pub is_acs: bool,
    /// The signer certificate's subject and CN.
    pub signer: Option<String>,
    pub signer_name: Option<String>,
    pub program_name: Option<String>,
    pub digest_algorithm: Option<crate::signature::DigestAlg>,
    /// Leaf first; each certificate's role (`required_root | acs_intermediate | lookalike | other`),
    /// source (`embedded | pinned`) and validity at signing time.
    pub chain: Vec<crate::signature::ChainEntry>,
    pub timestamp: Option<crate::signature::TimestampInfo>,
    pub steps: Vec<StepReport>,
}

/// One verification step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StepReport {
    /// `file_digest | message_digest | signature | chain | timestamp | validity | eku`.
    pub id: crate::signature::StepId,
    /// `passed | failed | not_applicable`.
    pub status: crate::signature::StepStatus,
    /// A stable code for the reason (`chain_pinned`, `file_digest_mismatch`, …).
    pub code: String,
    /// The reason in the report's language.
    pub detail: String,
}

/// The outcome of a check in a few fields: what an embedding page needs (the widget's
/// `acs-check:result` event carries it with the whole report).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Summary {
    /// The most serious host verdict (unsupported > action_needed > unknown > ok); with no host, the
    /// root-CA status decides (absent or look-alike: action_needed; present: ok; else unknown). An
    /// input that could not be read makes an `ok` verdict `unknown` (as the CLI's exit code 2 does).
    pub verdict: Verdict,
    pub root_ca: RootCaStatus,
    pub hosts: Vec<HostSummary>,
    /// Each signed file's verdict (a check of installers has no host).
    #[serde(default)]
    pub signatures: Vec<SignatureSummary>,
    pub data_as_of: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SignatureSummary {
    pub input: String,
    pub verdict: SignatureVerdict,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HostSummary {
    pub host_name: Option<String>,
    pub product: Option<String>,
    pub build: Option<u32>,
    pub verdict: Verdict,
    pub acs_status: AcsStatus,
    pub root_ca_status: RootCaStatus,
}

impl Verdict {
    /// How serious a verdict is, for summaries: unsupported > action_needed > unknown > ok.
    fn severity(self) -> u8 {
        match self {
            Verdict::Ok => 0,
            Verdict::Unknown => 1,
            Verdict::ActionNeeded => 2,
            Verdict::Unsupported => 3,
        }
    }
}

impl Report {
    pub fn summary(&self) -> Summary {
        let verdict =
            self.hosts.iter().map(|h| h.verdict).max_by_key(|v| v.severity()).unwrap_or(match self.root_ca.status {
                RootCaStatus::Absent | RootCaStatus::Lookalike => Verdict::ActionNeeded,
                RootCaStatus::Present => Verdict::Ok,
                RootCaStatus::Unknown => Verdict::Unknown,
            });
        let verdict = if verdict == Verdict::Ok && !self.errors.is_empty() { Verdict::Unknown } else { verdict };
        Summary {
            verdict,
            root_ca: self.root_ca.status,
            hosts: self
                .hosts
                .iter()
                .map(|h| HostSummary {
                    host_name: h.host_name.clone(),
                    product: h.os.product.clone(),
                    build: h.os.build,
                    verdict: h.verdict,
                    acs_status: h.acs.status,
                    root_ca_status: h.root_ca.status,
                })
                .collect(),
            signatures: self
                .signatures
                .iter()
                .map(|s| SignatureSummary { input: s.input.clone(), verdict: s.verdict })
                .collect(),
            data_as_of: self.data_as_of.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{check, Input, Options, RootCaStatus, Verdict};

    #[test]
    fn names_are_the_contracts_and_nothing_else_is_a_name() {
        #[derive(serde::Serialize)]
        #[serde(rename_all = "snake_case")]
        enum E {
            ActionNeeded,
            BadKey(u32),
            Pair(u8, u8),
            WithFields { oid: String },
        }
        #[derive(serde::Serialize)]
        struct Wrapped(E);
        #[derive(serde::Serialize)]
        struct S {
            a: u8,
        }
        use super::{variant_name, wire_name};
        assert_eq!(wire_name(&Verdict::ActionNeeded), "action_needed");
        assert_eq!(wire_name(&Wrapped(E::ActionNeeded)), "action_needed");
        assert_eq!(wire_name(&"text"), "text");
        for v in [E::BadKey(1), E::Pair(1, 2), E::WithFields { oid: "1.2".into() }] {
            assert_eq!(wire_name(&v), "");
        }
        assert_eq!(variant_name(&E::BadKey(1)), "bad_key");
        assert_eq!(variant_name(&E::Pair(1, 2)), "pair");
        assert_eq!(variant_name(&E::WithFields { oid: "1.2".into() }), "with_fields");
        assert_eq!(variant_name(&E::ActionNeeded), "action_needed");
        assert_eq!((wire_name(&S { a: 1 }), variant_name(&S { a: 1 })), (String::new(), String::new()));
        assert_eq!((wire_name(&Some(Verdict::Ok)), wire_name(&None::<Verdict>)), ("ok".into(), String::new()));
        assert_eq!((wire_name(&3u8), wire_name(&[1u8])), (String::new(), String::new()));
    }

    #[test]
    fn summary_takes_the_most_serious_verdict_or_the_root_status() {
        let ok = "Microsoft Windows [Version 10.0.19045.2251]\n";
        let old = "Microsoft Windows [Version 10.0.17763.2183]\n";
        let r = check(&[Input::text("a", ok), Input::text("b", old)], &Options::default());
        let s = r.summary();
        assert_eq!((s.verdict, s.hosts.len()), (Verdict::ActionNeeded, 2));
        assert_eq!(s.hosts[0].verdict, Verdict::Ok);
        assert_eq!(s.hosts[1].build, Some(17763));
        let with_error = check(&[Input::text("a", ok), Input::text("c", "hello")], &Options::default()).summary();
        assert_eq!(with_error.verdict, Verdict::Unknown);
        let none = check(&[], &Options::default()).summary();
        assert_eq!((none.verdict, none.root_ca), (Verdict::Unknown, RootCaStatus::Unknown));
    }
}
