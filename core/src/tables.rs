//! The knowledge tables, compiled from `core/data/*.tsv` by `build.rs`.
//!
//! Each row keeps the source it came from; the TSV files are the place to review or refresh the data
//! (`data/acs-updates.tsv` must be refreshed monthly, with `cargo xtask refresh-updates`: a KB newer than
//! [`DATA_AS_OF`] is unknown, not unsupported).

/// One (product, build, KB) row of `data/acs-updates.tsv`: what the checks read of it. The product's
/// name and the row's source stay in the file (checked by `build.rs`, refreshed by `cargo xtask
/// refresh-updates`): no report quotes them, and 1,000 rows of them cost 3 KB brotli in every module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UpdateRow {
    pub build: u32,
    /// The KB number without the `KB` prefix.
    pub kb: u32,
    /// `YYYY-MM-DD`.
    pub release_date: &'static str,
    /// The OS revision (UBR) the update produces, where known.
    pub revision: Option<u32>,
    pub kind: UpdateKind,
    pub qualifies: Qualifies,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateKind {
    Lcu,
    Preview,
    OutOfBand,
    Hotpatch,
    MonthlyRollup,
    SecurityOnly,
}

/// Whether an update brings Azure Code Signing support.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifies {
    /// The update Microsoft KB5022661 names for the product.
    First,
    /// A later cumulative update (contains the first).
    Yes,
    /// Before the boundary, or a later security-only update (not cumulative).
    No,
}

/// How a product gets Azure Code Signing support.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcsPath {
    Native,
    /// Through a cumulative update listed in `acs-updates.tsv`.
    Update,
    /// No update for this build brings it; only an upgrade does.
    None,
}

/// One row of `data/builds.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildRow {
    pub build: u32,
    pub major: u32,
    pub minor: u32,
    pub client_product: Option<&'static str>,
    pub client_ltsc_product: Option<&'static str>,
    pub server_product: Option<&'static str>,
    pub client_acs: Option<AcsPath>,
    pub server_acs: Option<AcsPath>,
    pub client_eset_supported: Option<bool>,
    pub server_eset_supported: Option<bool>,
    pub updates_build: Option<u32>,
    /// The last day the client product of this build (any edition, ESU included) gets updates, where
    /// known (`YYYY-MM-DD`); `None` when unknown (still serviced) or there is no client product.
    pub client_servicing_end: Option<&'static str>,
    /// The same for the server product.
    pub server_servicing_end: Option<&'static str>,
    pub client_history_url: Option<&'static str>,
    pub server_history_url: Option<&'static str>,
    pub source: &'static str,
}

/// A known gap of `data/acs-updates.tsv` (`data/update-gaps.tsv`): a kind of update the table lacks for
/// a build over a period, with the KB numbers the table has in that period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UpdateGap {
    /// The `updates_build` the gap is about.
    pub build: u32,
    pub missing: UpdateKind,
    /// `YYYY-MM-DD`.
    pub from: &'static str,
    pub to: &'static str,
    /// The lowest and highest KB number the table lists for the build between `from` and `to`.
    pub kb_low: u32,
    pub kb_high: u32,
    pub source: &'static str,
}

/// Where the report points a host whose Windows ESET no longer supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndOfSupportNotice {
    /// Windows 7 / 8 / 8.1 / Server 2008 R2: the seed FAQ's own Q&A on the end of ESET support.
    FaqWin7To81,
    /// Older Windows: ESET's end-of-life notice.
    EsetEol,
}

/// One row of `data/eset-end-of-support.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndOfSupportRow {
    pub build: u32,
    pub kind: crate::report::OsKind,
    pub notice: EndOfSupportNotice,
    /// The sources say the ESET program that shows the alert runs on this Windows.
    pub alert_program: bool,
    pub source: &'static str,
}

/// One row of `data/editions-without-update.tsv`: the client editions (not LTSB/LTSC) of `build`, whose
/// servicing ended on `servicing_end`, before the first update with ACS support.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EditionRow {
    pub build: u32,
    pub servicing_end: &'static str,
    pub source: &'static str,
}

/// One row of `data/systeminfo-labels.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelRow {
    /// Field id, e.g. `os_name`, `hotfixes`.
    pub field: &'static str,
    /// UI language, e.g. `ja`, `en-us`.
    pub lang: &'static str,
    pub label: &'static str,
    pub second_hand: bool,
}

/// What a pinned certificate is (`data/certs/pinned.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinnedRole {
    /// Microsoft Identity Verification Root Certificate Authority 2020.
    RequiredRoot,
    /// PCA 2021, the EOC/AOC issuing CAs, the Public RSA Timestamping CA 2020.
    AcsIntermediate,
    /// A public root trusted for time-stamping authorities only (the signing time of signatures whose
    /// timestamp does not come from Microsoft's TSA).
    TimestampRoot,
}

/// One row of `data/certs/pinned.tsv` (its PEM text is in `PINNED_PEM`, in builds that parse certificates).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PinnedRow {
    /// The PEM file's name in `data/certs/`.
    pub file: &'static str,
    pub role: PinnedRole,
    /// The subject CN.
    pub name: &'static str,
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    pub not_before: &'static str,
    pub not_after: &'static str,
    /// Upper-case hex of the DER's SHA-1 and SHA-256.
    pub sha1: &'static str,
    pub sha256: &'static str,
    pub source: &'static str,
}

/// One row of `data/publishers.tsv`: a signer the report names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublisherRow {
    /// The signer certificate's subject O (compared ignoring ASCII case).
    pub organization: &'static str,
    /// Its subject C.
    pub country: &'static str,
    pub id: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/tables.rs"));
