//! Recognisers: split decoded text into blocks and read each one into typed evidence.
//!
//! Each recogniser looks at the whole text and returns the blocks it recognises, with line numbers.
//! None of them judges: a recogniser says "this is `ver` output showing 10.0.17763.4010 on line 3",
//! never "this host is patched".
//!
//! Shared helpers: [`lines`] (numbered lines, widths, paste noise), [`values`] (what systeminfo values
//! mean), [`hotfix`] (KB ids and list completeness), [`table`] (fixed-width tables), [`format_list`]
//! (PowerShell `Name : value` lists).

pub mod cim;
pub mod computerinfo;
pub mod format_list;
pub mod hotfix;
pub mod hotfix_table;
pub mod lines;
pub mod reg;
pub mod systeminfo_csv;
pub mod systeminfo_list;
pub mod systeminfo_table;
pub mod table;
pub mod values;
pub mod ver;

use crate::evidence::Finding;

/// A recogniser: the host blocks it finds in a document.
pub type Recogniser = fn(&lines::Doc) -> Vec<Finding>;

/// Most specific first. Each of these needs a shape the others never have (an `====` underline, quoted
/// CSV records, a registry key line, `Property : value` with known property names, a `HotFixID`
/// column, `Win32_OperatingSystem` columns), so they run before the systeminfo list, which accepts any
/// `label: value` lines, and `ver`, which accepts a banner anywhere.
pub const RECOGNISERS: [Recogniser; 8] = [
    systeminfo_table::recognise,
    systeminfo_csv::recognise,
    reg::recognise,
    computerinfo::recognise,
    hotfix_table::recognise,
    cim::recognise,
    systeminfo_list::recognise,
    ver::recognise,
];

/// Findings in line order (a text's own, merged with the certificates found in it by the x509 readers).
pub fn sort_by_line(findings: &mut Vec<Finding>) {
    crate::util::sort_by_u64_key(findings, |f| u64::from(first_line(f)));
}

/// Everything recognised in one decoded text, in line order: hosts and certificate-store listings
/// (the certificates themselves, PEM blocks and registry exports, are read by
/// [`crate::certs::certificates_in_text`]). Lines claimed by one recogniser are not
/// read again by a later one (a systeminfo list is never also read as Get-ComputerInfo).
pub fn recognise_text(text: &str) -> Vec<Finding> {
    let doc = lines::Doc::new(text);
    let mut found: Vec<(u32, Finding)> = Vec::new();
    let mut claimed: Vec<(usize, u32, u32)> = Vec::new();
    for (r, recognise) in RECOGNISERS.iter().enumerate() {
        for f in recognise(&doc) {
            if let Finding::Host(h) = &f {
                let overlaps = |&(by, a, b): &(usize, u32, u32)| by != r && h.first_line <= b && a <= h.last_line;
                if claimed.iter().any(overlaps) {
                    continue;
                }
                claimed.push((r, h.first_line, h.last_line));
            }
            found.push((first_line(&f), f));
        }
    }
    for f in crate::certs::recognise_listings(text) {
        found.push((first_line(&f), f));
    }
    crate::util::sort_by_u64_key(&mut found, |(line, _)| u64::from(*line));
    found.into_iter().map(|(_, f)| f).collect()
}

/// The host blocks one recogniser finds in a text (the recognisers' tests).
#[cfg(test)]
pub(crate) fn hosts_found(recognise: Recogniser, text: &str) -> Vec<crate::evidence::HostEvidence> {
    recognise(&lines::Doc::new(text)).into_iter().filter_map(Finding::into_host).collect()
}

fn first_line(f: &Finding) -> u32 {
    match f {
        Finding::Host(h) => h.first_line,
        Finding::Certificates(c) => c.first_line(),
        Finding::StoreListing(l) => l.first_line(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::InputKind;

    const SRV2019: &str = include_str!("../../../tests/fixtures/systeminfo/25-en-srv2019-rtm.txt");
    const GCI: &str =
        include_str!("../../../tests/fixtures/systeminfo/C03-en-get-computerinfo-win11-23h2-os-block.txt");
    const HOTFIX: &str = include_str!("../../../tests/fixtures/systeminfo/G02-pt-br-get-hotfix-truncated-cols.txt");
    const REG: &str =
        include_str!("../../../tests/fixtures/systeminfo/R01-en-reg-query-currentversion-regsz-flutter.txt");
    const CIM: &str = include_str!("../../../tests/fixtures/systeminfo/M02-es-get-ciminstance-win32_os-win10-21h2.txt");
    const TABLE: &str = include_str!("../../../tests/fixtures/systeminfo/30-en-win10-21h2-fo-table.txt");
    const WMIC: &str = include_str!("../../../tests/fixtures/systeminfo/W01-en-wmic-qfe-list-brief.txt");

    /// `(kind, first line, last line)` of every host block.
    fn blocks(text: &str) -> Vec<(InputKind, u32, u32)> {
        let decoded = crate::decode::from_text(text);
        recognise_text(&decoded.text)
            .iter()
            .filter_map(Finding::as_host)
            .map(|h| (h.kind, h.first_line, h.last_line))
            .collect()
    }

    #[test]
    fn one_paste_of_every_output_in_line_order() {
        let text = [
            "C:\\>ver\n\nMicrosoft Windows [Version 10.0.17763.4010]\n",
            "C:\\>systeminfo",
            SRV2019,
            "PS C:\\> Get-ComputerInfo | Select-Object Os*\n",
            GCI,
            HOTFIX,
            REG,
            CIM,
            TABLE,
            WMIC,
        ]
        .concat();
        let b = blocks(&text);
        let kinds: Vec<InputKind> = b.iter().map(|x| x.0).collect();
        use InputKind::*;
        assert_eq!(
            kinds,
            [
                Ver,
                SysteminfoList,
                GetComputerinfo,
                GetHotfix,
                RegCurrentversion,
                CimOperatingSystem,
                SysteminfoTable,
                WmicQfe
            ]
        );
        // In line order, and no line read twice.
        for pair in b.windows(2) {
            assert!(pair[0].2 < pair[1].1, "{pair:?}");
        }
        assert_eq!(b[0], (Ver, 3, 3));
        // The fixture's leading blank line ends the prompt line (4).
        assert_eq!(b[1], (SysteminfoList, 5, 50));
    }

    #[test]
    fn each_output_is_read_by_its_own_recogniser_only() {
        for (text, kind) in [
            (GCI, InputKind::GetComputerinfo),
            (HOTFIX, InputKind::GetHotfix),
            (REG, InputKind::RegCurrentversion),
            (CIM, InputKind::CimOperatingSystem),
            (TABLE, InputKind::SysteminfoTable),
            (WMIC, InputKind::WmicQfe),
            (SRV2019, InputKind::SysteminfoList),
        ] {
            let b = blocks(text);
            assert_eq!(b.len(), 1, "{kind:?}: {b:?}");
            assert_eq!(b[0].0, kind);
        }
    }

    #[test]
    fn nothing_in_empty_or_unrelated_text() {
        for text in ["", "\n", "hello world", "a: b\nc: d\n", "Name : value\n", "x,y,z\n\"a\",\"b\"\n", "----\n====\n"]
        {
            assert!(blocks(text).is_empty(), "{text:?}");
        }
    }
}
