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
type Recogniser = fn(&lines::Doc) -> Vec<Finding>;

/// Most specific first. Each of these needs a shape the others never have (an `====` underline, quoted
/// CSV records, a registry key line, `Property : value` with known property names, a `HotFixID`
/// column, `Win32_OperatingSystem` columns), so they run before the systeminfo list, which accepts any
/// `label: value` lines, and `ver`, which accepts a banner anywhere.
const RECOGNISERS: [Recogniser; 8] = [
    systeminfo_table::recognise,
    systeminfo_csv::recognise,
    reg::recognise,
    computerinfo::recognise,
    hotfix_table::recognise,
    cim::recognise,
    systeminfo_list::recognise,
    ver::recognise,
];

/// Everything recognised in one decoded text, in line order. Lines claimed by one recogniser are not
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
    for f in crate::certs::recognise_text(text) {
        found.push((first_line(&f), f));
    }
    found.sort_by_key(|(line, _)| *line);
    found.into_iter().map(|(_, f)| f).collect()
}

fn first_line(f: &Finding) -> u32 {
    match f {
        Finding::Host(h) => h.first_line,
        Finding::Certificates(c) => c.certs.iter().filter_map(|c| c.line).min().unwrap_or(1),
        Finding::StoreListing(l) => {
            l.entries.iter().map(|e| e.line).chain(l.not_found.iter().map(|n| n.line)).min().unwrap_or(1)
        }
    }
}
