//! `systeminfo /fo table`: a header of (localised) labels, an underline of `=` groups that gives each
//! column's width, then one data row per host (a row is often 2,000+ characters).
//!
//! Every value is cut to its column: the hotfix column reads `22 Hotfix(s) Instal,` and holds no KB
//! number at all, so the list is [`Completeness::NotListed`] with the declared count, and the block
//! says so ([`Note::TableFormatHasNoHotfixIds`]). Only the OS Version column is read as a version, so
//! `Wireless-AC 8260` or an IP address in another column is never taken for a build.

use super::hotfix::{joined_hotfixes, HotfixBuilder};
use super::lines::{first_number, Doc};
use super::table::{self, Table};
use super::values::{self, Slot};
use crate::evidence::{Completeness, Finding, HostEvidence, InputKind, Located, Note};

/// Columns a systeminfo table has at least.
const MIN_COLUMNS: usize = 12;

pub fn recognise(doc: &Doc) -> Vec<Finding> {
    table::underlined(doc, '=')
        .iter()
        .filter(|t| t.columns.len() >= MIN_COLUMNS)
        .flat_map(|t| (0..t.rows.len()).filter_map(move |n| row_evidence(doc, t, n)))
        .map(Finding::Host)
        .collect()
}

/// The evidence of data row `n` (the first row's block starts at the header).
fn row_evidence(doc: &Doc, t: &Table, n: usize) -> Option<HostEvidence> {
    let row = t.rows.get(n)?;
    let line = doc.number(row.index);
    let last = doc.number(row.last);
    let mut slots: Vec<Slot> = t
        .columns
        .iter()
        .zip(&row.cells)
        .enumerate()
        .map(|(i, (col, cell))| {
            let id = values::label_id(&col.name);
            Slot {
                id,
                value: cell,
                line: doc.number(t.line_of(row, i)),
                labelled: id.is_some(),
                aligned: true,
                hotfix_entries: cell.contains("]: KB"),
            }
        })
        .collect();
    values::name_by_structure(&mut slots);
    let first = if n == 0 { doc.number(t.header) } else { line };
    let mut h = HostEvidence::new(InputKind::SysteminfoTable, first, last);
    if row.last > row.index {
        h.notes.push(Located::new(Note::WrappedLinesJoined, doc.number(row.index + 1)));
    }
    values::read_host_fields(&mut h, &slots);
    if let Some((cell, line)) = slots.iter().find(|s| s.id == Some("hotfixes")).map(|s| (s.value, s.line)) {
        let list = joined_hotfixes(cell, |_| line);
        h.hotfixes = Some(if list.items.is_empty() {
            h.notes.push(Located::new(Note::TableFormatHasNoHotfixIds, line));
            HotfixBuilder::not_listed(first_number(cell).map(|c| Located::new(c, line)))
        } else {
            // KB numbers in a cut column: never the whole list.
            let listed = list.items.len() as u32 + list.other_entries;
            let declared = list.declared.as_ref().map(|d| d.value);
            crate::evidence::HotfixList { completeness: Completeness::Truncated { declared, listed }, ..list }
        });
    }
    (h.version.is_some() || h.os_name.is_some() || h.host_name.is_some()).then_some(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = include_str!("../../../tests/fixtures/systeminfo/30-en-win10-21h2-fo-table.txt");

    fn host(text: &str) -> Vec<HostEvidence> {
        recognise(&Doc::new(text)).into_iter().map(|f| f.into_host().expect("only host blocks")).collect()
    }

    #[test]
    fn the_fixture_has_no_kb_numbers_and_says_so() {
        let hosts = host(FIXTURE);
        assert_eq!(hosts.len(), 1);
        let h = &hosts[0];
        assert_eq!((h.kind, h.first_line, h.last_line), (InputKind::SysteminfoTable, 2, 4));
        assert_eq!(h.host_name.as_ref().map(|n| (n.value.as_str(), n.line)), Some(("HIGHWAYSTAR", 4)));
        assert_eq!(h.os_name.as_ref().map(|n| n.value.as_str()), Some("Microsoft Windows 10 Home"));
        let v = h.version.as_ref().unwrap();
        assert_eq!((v.value.major_minor, v.value.build, v.value.revision, v.line), (Some((10, 0)), 19044, None, 4));
        assert_eq!(h.product_type.as_ref().map(|p| p.value), Some(crate::evidence::ProductTypeHint::Client));
        let list = h.hotfixes.as_ref().unwrap();
        assert_eq!(list.completeness, Completeness::NotListed);
        assert!(list.items.is_empty());
        assert_eq!(list.declared.as_ref().map(|d| (d.value, d.line)), Some((22, 4)));
        assert_eq!(h.notes, vec![Located::new(Note::TableFormatHasNoHotfixIds, 4)]);
    }

    #[test]
    fn an_unknown_header_language_still_finds_the_version_column_not_a_nic_number() {
        // The fixture with its header words replaced by unknown ones: only the value shapes remain.
        let mut lines: Vec<String> = FIXTURE.split('\n').map(str::to_owned).collect();
        lines[1] = lines[1].chars().map(|c| if c.is_alphabetic() { 'x' } else { c }).collect();
        let hosts = host(&lines.join("\n"));
        assert_eq!(hosts.len(), 1);
        let h = &hosts[0];
        assert_eq!(h.version.as_ref().map(|v| v.value.build), Some(19044));
        assert_eq!(h.os_name.as_ref().map(|n| n.value.as_str()), Some("Microsoft Windows 10 Home"));
        assert_eq!(h.host_name.as_ref().map(|n| n.value.as_str()), Some("HIGHWAYSTAR"));
        assert_eq!(h.product_type.as_ref().map(|p| p.value), Some(crate::evidence::ProductTypeHint::Client));
    }

    #[test]
    fn a_table_wrapped_by_a_120_column_console() {
        let wrapped: String = FIXTURE
            .split('\n')
            .map(|l| {
                l.chars()
                    .collect::<Vec<_>>()
                    .chunks(120)
                    .map(|c| c.iter().collect::<String>())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect::<Vec<_>>()
            .join("\n");
        // 1,167 columns: nine full lines and a rest of 87 for the header, the underline and the row.
        assert_eq!(wrapped.split('\n').count(), 1 + 3 * 10 + 1);
        let hosts = host(&wrapped);
        assert_eq!(hosts.len(), 1);
        let h = &hosts[0];
        assert_eq!((h.first_line, h.last_line), (2, 31));
        assert_eq!(h.host_name.as_ref().map(|n| (n.value.as_str(), n.line)), Some(("HIGHWAYSTAR", 22)));
        assert_eq!(h.version.as_ref().map(|v| (v.value.build, v.line)), Some((19044, 22)));
        // The hotfix column starts at column 945: the eighth piece of the row.
        let list = h.hotfixes.as_ref().unwrap();
        assert_eq!((list.completeness, list.declared.clone()), (Completeness::NotListed, Some(Located::new(22, 29))));
        assert_eq!(
            h.notes,
            vec![Located::new(Note::WrappedLinesJoined, 23), Located::new(Note::TableFormatHasNoHotfixIds, 29)]
        );
    }

    #[test]
    fn two_rows_are_two_hosts() {
        let mut lines: Vec<String> = FIXTURE.split('\n').map(str::to_owned).collect();
        let second = lines[3].replacen("HIGHWAYSTAR", "OTHERHOST  ", 2);
        lines.insert(4, second);
        let hosts = host(&lines.join("\n"));
        assert_eq!(hosts.len(), 2);
        assert_eq!(hosts[1].host_name.as_ref().map(|n| (n.value.as_str(), n.line)), Some(("OTHERHOST", 5)));
        assert_eq!((hosts[1].first_line, hosts[1].last_line), (5, 5));
    }

    #[test]
    fn a_short_underlined_table_is_not_systeminfo() {
        assert!(host("Name   Version\n====== =======\nfoo    10.0.19044\n").is_empty());
    }
}
