//! Hotfix listings without OS information:
//! - `Get-HotFix` (and `Get-CimInstance Win32_QuickFixEngineering`): a table `Source Description
//!   HotFixID InstalledBy InstalledOn` whose cells a narrow console cuts with `...`
//!   (`DESKTOP-SJ...`, `AUTORIDADE NT\SIS...`: [`Note::ColumnsCut`]), or the same as a list;
//! - `wmic qfe` (columns `Caption CSName Description … HotFixID …`) and `wmic qfe list brief`, aligned
//!   on the header words, a blank line between rows when redirected to a file.
//!
//! KBs come from the `HotFixID` column, else from any `KB…` token of the row (non-ASCII `InstalledBy`
//! values shift wmic's columns). The host name is the `Source` / `CSName` column unless it is cut; rows
//! of different hosts are different blocks. These lists are complete unless the author cut them.

use super::format_list::{self, Record};
use super::hotfix::{is_hotfix_id, kb_tokens, normalise_kb, HotfixBuilder};
use super::lines::{is_elision, Doc};
use super::table::{self, Table};
use super::values;
use crate::evidence::{Finding, HostEvidence, InputKind, Located, Note};

pub fn recognise(doc: &Doc) -> Vec<Finding> {
    let mut out: Vec<HostEvidence> = Vec::new();
    for t in table::underlined(doc, '-').iter().filter(|t| t.column("HotFixID").is_some()) {
        out.extend(blocks(doc, InputKind::GetHotfix, t.header, &t.records(), t.cut()));
    }
    for i in (0..doc.len()).filter(|&i| is_wmic_header(doc, i)) {
        let t = table::aligned(doc, i, |l| !kb_tokens(l).is_empty() || is_elision(l) || other_entry(l));
        out.extend(blocks(doc, InputKind::WmicQfe, t.header, &rows_with_elisions(doc, &t), false));
    }
    let lists: Vec<Record> = format_list::records(doc).into_iter().filter(|r| r.get("HotFixID").is_some()).collect();
    for r in format_list::merge_adjacent(doc, lists) {
        let objects = split_list(r);
        out.extend(blocks(doc, InputKind::GetHotfix, objects.first().map_or(0, |o| o.first), &objects, false));
    }
    out.sort_by_key(|h| h.first_line);
    out.into_iter().map(Finding::Host).collect()
}

/// A wmic header: `HotFixID` among identifier words, and no PowerShell underline below.
fn is_wmic_header(doc: &Doc, i: usize) -> bool {
    let words: Vec<&str> = doc.at(i).split_whitespace().collect();
    words.iter().any(|w| w.eq_ignore_ascii_case("HotFixID"))
        && words.iter().all(|w| w.chars().all(|c| c.is_ascii_alphanumeric()))
        && !doc.at(i + 1).trim_start().starts_with("--")
}

/// A row whose hotfix id is not a KB: `File 1`, `Q147222` (XP).
fn other_entry(line: &str) -> bool {
    line.contains("File 1") || line.split_whitespace().any(is_hotfix_id)
}

/// The hotfix of one row: the `HotFixID` cell when it is a KB, else the row's `KB…` tokens (a shifted
/// column), else the cell as an entry that is not a KB.
fn read_row(builder: &mut HotfixBuilder, r: &Record, text: &str, line: u32) {
    let cell = r.value("HotFixID");
    if let Some(kb) = cell.and_then(normalise_kb) {
        builder.entry(&kb, line);
        return;
    }
    let tokens = kb_tokens(text);
    if tokens.is_empty() {
        if let Some(c) = cell {
            builder.entry(c, line);
        }
    }
    for kb in tokens {
        builder.entry(&kb, line);
    }
}

/// A wmic table's rows as records (elision rows keep their text in a `…` property).
fn rows_with_elisions(doc: &Doc, t: &Table) -> Vec<Record> {
    let mut records = t.records();
    for r in &mut records {
        if is_elision(doc.at(r.first)) {
            r.props.clear();
        }
    }
    records
}

/// A merged list of `Get-HotFix | Format-List` objects, one record per `Source`/`HotFixID` group.
fn split_list(r: Record) -> Vec<Record> {
    let mut out: Vec<Record> = Vec::new();
    for p in r.props {
        let starts_object = out.last().is_none_or(|o| o.get(&p.name).is_some());
        if starts_object {
            out.push(Record { first: p.index, last: p.index, props: Vec::new() });
        }
        if let Some(o) = out.last_mut() {
            o.last = p.index;
            o.props.push(p);
        }
    }
    out
}

/// The host name column of a row, and whether it was cut.
fn source(r: &Record) -> (Option<&str>, bool) {
    let cell = r.value("Source").or_else(|| r.value("CSName")).or_else(|| r.value("PSComputerName"));
    match cell {
        Some(v) if v.ends_with("...") || v.ends_with('…') => (None, true),
        Some(v) => (Some(v), false),
        None => (None, false),
    }
}

/// Blocks of consecutive rows with the same host. `first` is the line the first block starts at (the
/// header).
fn blocks(doc: &Doc, kind: InputKind, first: usize, rows: &[Record], cut: bool) -> Vec<HostEvidence> {
    let mut out: Vec<HostEvidence> = Vec::new();
    let mut builder = HotfixBuilder::new();
    let mut current: Option<(Option<&str>, usize, usize)> = None;
    let flush = |current: Option<(Option<&str>, usize, usize)>, builder: HotfixBuilder, out: &mut Vec<HostEvidence>| {
        if let Some((host, start, end)) = current {
            let mut h = HostEvidence::new(kind, doc.number(start), doc.number(end));
            h.host_name = host.and_then(values::host_name).map(|n| Located::new(n, doc.number(start.max(first))));
            if cut {
                h.notes.push(Located::new(Note::ColumnsCut, doc.number(start)));
            }
            h.hotfixes = Some(builder.finish());
            out.push(h);
        }
    };
    for r in rows {
        let (host, _) = source(r);
        let same_host = current.is_some_and(|(h, _, _)| h == host || host.is_none());
        if !same_host {
            flush(current.take(), std::mem::take(&mut builder), &mut out);
            let start = if out.is_empty() { first } else { r.first };
            current = Some((host, start, r.last));
        }
        if let Some(c) = current.as_mut() {
            c.2 = r.last;
        }
        if r.props.is_empty() {
            builder.elided();
            continue;
        }
        // A table row is one line; in the list view the id is on its own line.
        let at = r.get("HotFixID").map_or(r.first, |p| p.index);
        read_row(&mut builder, r, doc.at(at), doc.number(at));
    }
    flush(current, builder, &mut out);
    out.retain(|h| h.hotfixes.as_ref().is_some_and(|l| !l.items.is_empty() || l.other_entries > 0));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::Completeness;

    const G02: &str = include_str!("../../../tests/fixtures/systeminfo/G02-pt-br-get-hotfix-truncated-cols.txt");
    const W01: &str = include_str!("../../../tests/fixtures/systeminfo/W01-en-wmic-qfe-list-brief.txt");

    fn hosts(text: &str) -> Vec<HostEvidence> {
        recognise(&Doc::new(text))
            .into_iter()
            .filter_map(|f| match f {
                Finding::Host(h) => Some(h),
                _ => None,
            })
            .collect()
    }

    fn kbs(h: &HostEvidence) -> Vec<(&str, u32)> {
        h.hotfixes.as_ref().map_or(Vec::new(), |l| l.items.iter().map(|i| (i.value.as_str(), i.line)).collect())
    }

    #[test]
    fn get_hotfix_with_cut_columns() {
        let hs = hosts(G02);
        assert_eq!(hs.len(), 1);
        let h = &hs[0];
        assert_eq!((h.kind, h.first_line, h.last_line), (InputKind::GetHotfix, 5, 23));
        assert!(h.host_name.is_none(), "DESKTOP-SJ... is cut");
        let k = kbs(h);
        assert_eq!((k.len(), k[0], k[16]), (17, ("KB4534131", 7), ("KB4532691", 23)));
        let list = h.hotfixes.as_ref().unwrap();
        assert_eq!((list.completeness, list.declared.clone(), list.other_entries), (Completeness::Complete, None, 0));
        assert_eq!(h.notes, vec![Located::new(Note::ColumnsCut, 5)]);
    }

    #[test]
    fn wmic_qfe_list_brief() {
        let hs = hosts(W01);
        assert_eq!(hs.len(), 1);
        let h = &hs[0];
        assert_eq!((h.kind, h.first_line, h.last_line), (InputKind::WmicQfe, 3, 12));
        let k = kbs(h);
        assert_eq!((k.len(), k[0], k[8]), (9, ("KB4601056", 4), ("KB5000808", 12)));
        assert!(h.host_name.is_none() && h.notes.is_empty());
        assert_eq!(h.hotfixes.as_ref().map(|l| l.completeness), Some(Completeness::Complete));
    }

    #[test]
    fn wmic_qfe_full_with_hosts_and_redirect_blank_lines() {
        let text = "Caption                                     CSName  Description      FixComments  HotFixID   InstallDate  InstalledBy                InstalledOn\n\nhttp://support.microsoft.com/?kbid=4601056  PC-A    Update                        KB4601056               TEST_dc\\Администратор  3/27/2021\n\nhttp://support.microsoft.com/?kbid=5000808  PC-A    Security Update               KB5000808               NT AUTHORITY\\SYSTEM        3/27/2021\n\nhttp://support.microsoft.com/?kbid=5000808  PC-B    Security Update               KB5000808               NT AUTHORITY\\SYSTEM        3/27/2021\n\n";
        let hs = hosts(text);
        assert_eq!(hs.len(), 2);
        assert_eq!(hs[0].host_name.as_ref().map(|n| n.value.as_str()), Some("PC-A"));
        assert_eq!((hs[0].first_line, hs[0].last_line), (1, 5));
        assert_eq!(kbs(&hs[0]), [("KB4601056", 3), ("KB5000808", 5)]);
        assert_eq!(hs[1].host_name.as_ref().map(|n| (n.value.as_str(), n.line)), Some(("PC-B", 7)));
        assert_eq!((hs[1].first_line, hs[1].last_line), (7, 7));
    }

    #[test]
    fn get_hotfix_list_view_and_select_hotfixid() {
        let text = "Source      : PC1\nDescription : Update\nHotFixID    : KB5034441\nInstalledBy : NT AUTHORITY\\SYSTEM\n\nSource      : PC1\nDescription : Security Update\nHotFixID    : KB5034763\nInstalledBy : NT AUTHORITY\\SYSTEM\n";
        let hs = hosts(text);
        assert_eq!(hs.len(), 1);
        assert_eq!(hs[0].host_name.as_ref().map(|n| n.value.as_str()), Some("PC1"));
        assert_eq!(kbs(&hs[0]), [("KB5034441", 3), ("KB5034763", 8)]);
        assert_eq!((hs[0].first_line, hs[0].last_line), (1, 9));
        let hs = hosts("HotFixID\n--------\nKB5034441\nKB5034763\n");
        assert_eq!(kbs(&hs[0]), [("KB5034441", 3), ("KB5034763", 4)]);
    }

    #[test]
    fn an_elided_wmic_list() {
        let text = "Description  HotFixID   InstalledOn\nUpdate       KB4601056  3/27/2021\n...\nUpdate       KB5000808  3/27/2021\n";
        let hs = hosts(text);
        assert_eq!(hs[0].hotfixes.as_ref().map(|l| l.completeness), Some(Completeness::Elided));
    }
}
