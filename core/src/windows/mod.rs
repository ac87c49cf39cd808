//! Windows knowledge: which product a build is, and which updates bring Azure Code Signing support.
//!
//! The facts live in `data/builds.tsv` and `data/acs-updates.tsv`; this module only looks them up.

use crate::report::OsKind;
use crate::tables::{
    AcsPath, BuildRow, EditionRow, EndOfSupportRow, UpdateGap, UpdateRow, BUILDS, EDITIONS_WITHOUT_UPDATE,
    ESET_END_OF_SUPPORT, UPDATES, UPDATE_GAPS,
};

pub use crate::tables::{EndOfSupportNotice, Qualifies, UpdateKind, DATA_AS_OF};

/// Microsoft KB5022661, "Windows support for the Trusted Signing (formerly Azure Code Signing) program".
pub const KB5022661_URL: &str =
    "https://support.microsoft.com/en-us/servicing/azure/update/2022/12/kb5022661-windows-support-for-the-trusted-signing-formerly-azure-code-signing-program";

/// The Japanese edition of KB5022661, under the title Canon ITS FAQ 25954 links it with: 「KB5022661 - Azure Code
/// Signing プログラムの Windows サポート」.
pub const KB5022661_URL_JA: &str = "https://support.microsoft.com/ja-jp/topic/kb5022661-azure-code-signing-%E3%83%97%E3%83%AD%E3%82%B0%E3%83%A9%E3%83%A0%E3%81%AE-windows-%E3%82%B5%E3%83%9D%E3%83%BC%E3%83%88-4b505a31-fa1e-4ea6-85dd-6630229e8ef4";

/// KB5022661 in the report's language.
pub fn kb5022661_url(lang: crate::report::Lang) -> &'static str {
    match lang {
        crate::report::Lang::Ja => KB5022661_URL_JA,
        crate::report::Lang::En => KB5022661_URL,
    }
}

/// The row of a known build.
pub fn build_row(build: u32) -> Option<&'static BuildRow> {
    BUILDS.binary_search_by_key(&build, |r| r.build).ok().map(|i| &BUILDS[i])
}

/// The builds under which the update table lists `kb` (its `updates_build`s), ascending.
pub fn update_builds_listing(kb: u32) -> Vec<u32> {
    let mut builds: Vec<u32> = UPDATES.iter().filter(|u| u.kb == kb).map(|u| u.build).collect();
    crate::util::sort_by_u64_key(&mut builds, |&b| u64::from(b));
    builds.dedup();
    builds
}

/// The builds whose updates the table lists under `updates_build` (6002 and 6003 share 6002's).
pub fn builds_with_updates_of(updates_build: u32) -> impl Iterator<Item = &'static BuildRow> {
    BUILDS.iter().filter(move |r| r.updates_build == Some(updates_build))
}

/// When `kb` (`KB…`) is the first monthly rollup with ACS support of a product, the October 2021
/// security-only update that also brings it there.
pub fn security_only_beside(kb: &str) -> Option<String> {
    let n: u32 = kb.strip_prefix("KB")?.parse().ok()?;
    let rollup =
        UPDATES.iter().find(|u| u.kb == n && u.qualifies == Qualifies::First && u.kind == UpdateKind::MonthlyRollup)?;
    UPDATES
        .iter()
        .find(|u| u.build == rollup.build && u.qualifies == Qualifies::First && u.kind == UpdateKind::SecurityOnly)
        .map(|u| format!("KB{}", u.kb))
}

/// What the checker knows about a build seen on a host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Product {
    pub row: Option<&'static BuildRow>,
    pub build: u32,
    /// Client or server, when the inputs tell (or the build has only one of them).
    pub kind: Option<OsKind>,
    /// The product is an LTSC/LTSB edition (from the OS name).
    pub ltsc: bool,
}

impl Product {
    /// `kind_hint` is what the inputs say; it is kept only where the build has that product.
    pub fn new(build: u32, kind_hint: Option<OsKind>, ltsc: bool) -> Product {
        let row = build_row(build);
        let kind = match row {
            Some(r) => match (r.client_product.is_some(), r.server_product.is_some()) {
                (true, false) => Some(OsKind::Client),
                (false, true) => Some(OsKind::Server),
                _ => kind_hint,
            },
            None => kind_hint,
        };
        Product { row, build, kind, ltsc }
    }

    /// The normalised English product name; "A / B" when client and server cannot be told apart.
    pub fn name(&self) -> String {
        let Some(row) = self.row else {
            return match (self.kind, self.build) {
                (Some(OsKind::Server), b) if b > 26100 => format!("Windows Server (build {b})"),
                (Some(OsKind::Client) | None, b) if b >= 22000 => format!("Windows 11 (build {b})"),
                (_, b) => format!("Windows (build {b})"),
            };
        };
        let client = if self.ltsc { row.client_ltsc_product.or(row.client_product) } else { row.client_product };
        match (self.kind, client, row.server_product) {
            (Some(OsKind::Client), Some(c), _) => c.to_owned(),
            (Some(OsKind::Server), _, Some(s)) => s.to_owned(),
            (_, Some(c), Some(s)) => format!("{c} / {s}"),
            (_, Some(c), None) => c.to_owned(),
            (_, None, Some(s)) => s.to_owned(),
            (_, None, None) => format!("Windows (build {})", self.build),
        }
    }

    /// How this product gets ACS support. For a build shared by client and server whose kind is
    /// unknown, the two paths are merged: `Update` wins, because a listed update then tells which it is.
    pub fn acs_path(&self) -> Option<AcsPath> {
        match self.row {
            None => match (self.kind, self.build) {
                // A server newer than Server 2025 in the table: the Windows 11 code base.
                (Some(OsKind::Server), b) if b > 26100 => Some(AcsPath::Native),
                // Every client build from 22000 on is Windows 11 (windows-acs-support.md §3), and all
                // Windows 11 releases support ACS natively (KB5022661): Insider and newer builds too.
                (Some(OsKind::Client) | None, b) if b >= 22000 => Some(AcsPath::Native),
                _ => None,
            },
            Some(r) => match self.kind {
                Some(OsKind::Client) => r.client_acs,
                Some(OsKind::Server) => r.server_acs,
                None => match (r.client_acs, r.server_acs) {
                    (Some(a), Some(b)) if a == b => Some(a),
                    (Some(AcsPath::Update), _) | (_, Some(AcsPath::Update)) => Some(AcsPath::Update),
                    (a, b) => a.or(b),
                },
            },
        }
    }

    /// Does ESET still support this OS? `None` when the product is unclear.
    pub fn eset_supported(&self) -> Option<bool> {
        let r = self.row?;
        match self.kind {
            Some(OsKind::Client) => r.client_eset_supported,
            Some(OsKind::Server) => r.server_eset_supported,
            None => match (r.client_eset_supported, r.server_eset_supported) {
                (Some(a), Some(b)) if a == b => Some(a),
                (Some(a), None) | (None, Some(a)) => Some(a),
                _ => None,
            },
        }
    }

    /// The Microsoft update-history page for this product.
    pub fn history_url(&self) -> Option<&'static str> {
        let r = self.row?;
        match self.kind {
            Some(OsKind::Server) => r.server_history_url,
            _ => r.client_history_url.or(r.server_history_url),
        }
    }

    /// The updates listed for this build in `acs-updates.tsv`.
    pub fn updates(&self) -> impl Iterator<Item = &'static UpdateRow> + '_ {
        let build = self.row.and_then(|r| r.updates_build);
        UPDATES.iter().filter(move |u| Some(u.build) == build)
    }

    /// The updates Microsoft KB5022661 names for this product (one or two: monthly rollup and
    /// security-only), the cumulative one first.
    pub fn first_updates(&self) -> Vec<&'static UpdateRow> {
        let mut first: Vec<&UpdateRow> = Vec::new();
        for u in self.updates().filter(|u| u.qualifies == Qualifies::First) {
            if !first.iter().any(|f| f.kb == u.kb) {
                first.push(u);
            }
        }
        crate::util::sort_by_u64_key(&mut first, |u| u64::from(u.kind == UpdateKind::SecurityOnly));
        first
    }

    /// For a product whose first updates are a monthly rollup and a security-only update (7601, 6002,
    /// 9200, 9600): both KB numbers. Only the rollups are cumulative there.
    pub fn rollup_pair(&self) -> Option<(u32, u32)> {
        let first = self.first_updates();
        let rollup = first.iter().find(|u| u.kind == UpdateKind::MonthlyRollup)?;
        let security_only = first.iter().find(|u| u.kind == UpdateKind::SecurityOnly)?;
        Some((rollup.kb, security_only.kb))
    }

    /// The lowest revision (UBR) that has ACS support, from the first qualifying update.
    pub fn first_revision(&self) -> Option<u32> {
        self.updates().filter(|u| u.qualifies == Qualifies::First).filter_map(|u| u.revision).min()
    }

    /// The table row for a KB on this build.
    pub fn update(&self, kb: u32) -> Option<&'static UpdateRow> {
        self.updates().find(|u| u.kb == kb)
    }

    /// The highest KB number the table lists for this build.
    pub fn max_kb(&self) -> Option<u32> {
        self.updates().map(|u| u.kb).max()
    }

    /// The newest release date `acs-updates.tsv` lists for this product's build: what the data knows of
    /// it goes up to this day. [`DATA_AS_OF`] (the whole table's) for builds without update rows. A KB
    /// newer than this product's rows is "newer than the data" as of this date, which can be earlier
    /// than [`DATA_AS_OF`] when the sources stop earlier for this product.
    pub fn data_as_of(&self) -> &'static str {
        self.updates().map(|u| u.release_date).max().unwrap_or(DATA_AS_OF)
    }

    /// The last day of servicing (ESU included) of this product, where `builds.tsv` knows it. When the
    /// inputs do not tell client from server, the later of the two, and unknown if either is.
    pub fn servicing_end(&self) -> Option<&'static str> {
        let r = self.row?;
        match self.kind {
            Some(OsKind::Client) => r.client_servicing_end,
            Some(OsKind::Server) => r.server_servicing_end,
            None => {
                let ends = [(r.client_product, r.client_servicing_end), (r.server_product, r.server_servicing_end)];
                let present: Vec<Option<&'static str>> =
                    ends.iter().filter(|(product, _)| product.is_some()).map(|(_, end)| *end).collect();
                if present.is_empty() || present.contains(&None) {
                    None
                } else {
                    present.into_iter().flatten().max()
                }
            }
        }
    }

    /// The known gaps of the update table for this build (`data/update-gaps.tsv`).
    pub fn update_gaps(&self) -> impl Iterator<Item = &'static UpdateGap> + '_ {
        let build = self.row.and_then(|r| r.updates_build);
        UPDATE_GAPS.iter().filter(move |g| Some(g.build) == build)
    }

    /// The gap of the update table that a KB the table does not list for this build may belong to: its
    /// number lies inside a known gap, at or after the first update with ACS support (an update released
    /// before that cannot bring it).
    pub fn gap_for(&self, kb: u32) -> Option<&'static UpdateGap> {
        if self.update(kb).is_some() {
            return None;
        }
        let first = self.first_updates().iter().map(|u| u.kb).min()?;
        self.update_gaps().find(|g| kb >= g.kb_low.max(first) && kb <= g.kb_high)
    }

    /// When ESET no longer supports this OS: where the report points (`data/eset-end-of-support.tsv`),
    /// and whether the ESET program that shows the alert is known to run on it (for a build whose kind
    /// the inputs do not tell, on both of its products).
    pub fn end_of_support(&self) -> Option<(EndOfSupportNotice, bool)> {
        if self.eset_supported() != Some(false) {
            return None;
        }
        let rows: Vec<&EndOfSupportRow> = ESET_END_OF_SUPPORT
            .iter()
            .filter(|e| e.build == self.build && self.kind.is_none_or(|k| k == e.kind))
            .collect();
        let notice = rows.first()?.notice;
        let notice = if rows.iter().all(|r| r.notice == notice) { notice } else { EndOfSupportNotice::EsetEol };
        Some((notice, rows.iter().all(|r| r.alert_program)))
    }

    /// The client editions of this build whose servicing ended before the update with ACS support
    /// (Windows 10 1607 and 1809 other than LTSB/LTSC), when the product may be one of them: a client that
    /// is not LTSC, or a build whose kind the inputs do not tell.
    pub fn edition_without_update(&self) -> Option<&'static EditionRow> {
        if self.ltsc || self.kind == Some(OsKind::Server) {
            return None;
        }
        EDITIONS_WITHOUT_UPDATE.iter().find(|e| e.build == self.build)
    }

    /// True when servicing of this product ended within its data ([`Self::servicing_end`] on or before
    /// [`Self::data_as_of`]): no KB newer than the data can be a cumulative update for it. Products
    /// still serviced after their data date are not final: a newer KB is then likely a later update.
    pub fn servicing_final(&self) -> bool {
        self.servicing_end().is_some_and(|end| end <= self.data_as_of())
    }
}

/// Client or server, from an OS name in any language (the edition names stay English or carry
/// "Server"), falling back to a configuration hint.
pub fn kind_from_name(os_name: &str) -> Option<OsKind> {
    let lower = os_name.to_lowercase();
    if lower.contains("server") || lower.contains("azure stack hci") || lower.contains("サーバー") {
        return Some(OsKind::Server);
    }
    let windows_client = ["windows xp", "windows vista", "windows 7", "windows 8", "windows 10", "windows 11"];
    windows_client.iter().any(|w| lower.contains(w)).then_some(OsKind::Client)
}

/// LTSC/LTSB edition, from the OS name.
pub fn is_ltsc_name(os_name: &str) -> bool {
    let upper = os_name.to_uppercase();
    upper.contains("LTSC") || upper.contains("LTSB")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_updates_build_has_rows_and_a_first_update() {
        for r in BUILDS {
            let p = Product::new(r.build, None, false);
            if r.client_acs == Some(AcsPath::Update) || r.server_acs == Some(AcsPath::Update) {
                assert!(p.updates().count() > 0, "build {} has no update rows", r.build);
                assert!(!p.first_updates().is_empty(), "build {} has no first update", r.build);
            }
        }
        // And every updates row belongs to a known build.
        for u in UPDATES {
            assert!(BUILDS.iter().any(|b| b.updates_build == Some(u.build)), "orphan update row for {}", u.build);
        }
    }

    #[test]
    fn shared_builds_are_told_apart_by_kind() {
        assert_eq!(Product::new(17763, Some(OsKind::Server), false).name(), "Windows Server 2019");
        assert_eq!(Product::new(17763, Some(OsKind::Client), false).name(), "Windows 10 1809");
        assert_eq!(Product::new(17763, Some(OsKind::Client), true).name(), "Windows 10 Enterprise LTSC 2019");
        assert_eq!(Product::new(17763, None, false).name(), "Windows 10 1809 / Windows Server 2019");
        assert_eq!(Product::new(9600, Some(OsKind::Client), false).eset_supported(), Some(false));
        assert_eq!(Product::new(9600, Some(OsKind::Server), false).eset_supported(), Some(true));
        assert_eq!(Product::new(9600, None, false).eset_supported(), None);
        assert_eq!(Product::new(7601, None, false).eset_supported(), Some(false));
        // A build with only a client product is a client whatever the hint says.
        assert_eq!(Product::new(19045, Some(OsKind::Server), false).kind, Some(OsKind::Client));
    }

    #[test]
    fn first_updates_and_revisions() {
        let p = Product::new(17763, Some(OsKind::Server), false);
        assert_eq!(p.first_updates().iter().map(|u| u.kb).collect::<Vec<_>>(), vec![5005625]);
        // KB5005625 produced 17763.2213, and also .2210: the lower one is the first build with support.
        assert_eq!(p.first_revision(), Some(2210));
        let w7 = Product::new(7601, None, false);
        assert_eq!(w7.first_updates().iter().map(|u| u.kb).collect::<Vec<_>>(), vec![5006743, 5006728]);
        assert_eq!(w7.first_revision(), None);
        assert_eq!(Product::new(18363, None, false).first_revision(), Some(1830));
        assert_eq!(Product::new(6003, Some(OsKind::Server), false).first_updates()[0].kb, 5006736);
    }

    #[test]
    fn every_build_from_2600_to_26200_has_a_name() {
        for b in
            [2600, 3790, 6002, 7601, 9200, 9600, 10240, 14393, 17134, 17763, 19041, 19045, 20348, 22631, 26100, 26200]
        {
            let name = Product::new(b, None, false).name();
            assert!(name.starts_with("Windows"), "{b}: {name}");
        }
        assert_eq!(Product::new(27000, Some(OsKind::Client), false).acs_path(), Some(AcsPath::Native));
        // Windows 11 builds missing from the table (Insider, servicing branches) are Windows 11 too.
        let insider = Product::new(22635, None, false);
        assert_eq!((insider.acs_path(), insider.name()), (Some(AcsPath::Native), "Windows 11 (build 22635)".into()));
        assert_eq!(Product::new(21000, Some(OsKind::Client), false).acs_path(), None);
    }

    #[test]
    fn servicing_calendar() {
        let server = |b| Product::new(b, Some(OsKind::Server), false);
        let client = |b| Product::new(b, Some(OsKind::Client), false);
        // Server 2012 R2 gets ESU rollups until 2026-10-13, after its data: a newer KB is likely a later
        // rollup. Windows 8.1 (the same build) ended 2023-01-10, within the data.
        assert_eq!(server(9600).servicing_end(), Some("2026-10-13"));
        assert!(!server(9600).servicing_final());
        assert!(client(9600).servicing_final());
        // Unknown kind: the later of the two ends decides.
        assert_eq!(Product::new(9600, None, false).servicing_end(), Some("2026-10-13"));
        assert!(!Product::new(9600, None, false).servicing_final());
        // Server 2008 R2 / 2008 SP2: the last ESU rollup (2026-01-13) is in the data.
        assert!(server(7601).servicing_final());
        assert!(server(6003).servicing_final());
        assert!(client(18363).servicing_final());
        assert!(client(10240).servicing_final());
        // Still serviced after the data: LTSB 2016 / Server 2016, Server 2019 and 2022.
        for b in [14393, 17763] {
            assert!(!server(b).servicing_final() && !client(b).servicing_final(), "{b}");
        }
        assert!(!server(20348).servicing_final());
        // 22H2's ESU end is not in the sources: never taken as ended.
        assert_eq!(client(19045).servicing_end(), None);
        assert!(!client(19045).servicing_final());
    }

    #[test]
    fn each_products_data_date() {
        // The table's date is the newest row's; a product's is its own newest row's, which can be earlier
        // when the sources stop earlier for it (Server 2012 R2's rollups) or its servicing ended.
        assert_eq!(Some(DATA_AS_OF), UPDATES.iter().map(|u| u.release_date).max());
        assert!(DATA_AS_OF > "2026-08-01");
        assert_eq!(Product::new(17763, Some(OsKind::Server), false).data_as_of(), DATA_AS_OF);
        let r2 = Product::new(9600, Some(OsKind::Server), false);
        assert!(r2.data_as_of() <= DATA_AS_OF);
        assert!(r2.updates().any(|u| u.release_date == r2.data_as_of()));
        assert!(r2.updates().all(|u| u.release_date <= r2.data_as_of()));
        assert_eq!(Product::new(18363, None, false).data_as_of(), "2022-05-10");
        // Builds without update rows use the table's date.
        assert_eq!(Product::new(22631, None, false).data_as_of(), DATA_AS_OF);
    }

    #[test]
    fn names_tell_kind() {
        assert_eq!(kind_from_name("Microsoft Windows Server 2019 Datacenter"), Some(OsKind::Server));
        assert_eq!(kind_from_name("Майкрософт Windows Server 2012 R2 Standard"), Some(OsKind::Server));
        assert_eq!(kind_from_name("Microsoft Windows 10 企业版 LTSC"), Some(OsKind::Client));
        assert_eq!(kind_from_name("Microsoftr Windows Serverr 2008 Standard"), Some(OsKind::Server));
        assert_eq!(kind_from_name("Microsoft Windows 7 Professional "), Some(OsKind::Client));
        assert_eq!(kind_from_name("something"), None);
    }
}
