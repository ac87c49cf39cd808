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
        out.extend(blocks(doc, InputKind::GetHotfix, t.header, &rows_marking_elisions(doc, t), t.cut()));
    }
    for i in (0..doc.len()).filter(|&i| is_wmic_header(doc, i)) {
        let t =
            table::aligned(doc, i, |l| is_elision(l) || l.split_whitespace().any(is_hotfix_id) || l.contains("File 1"));
        out.extend(blocks(doc, InputKind::WmicQfe, t.header, &rows_marking_elisions(doc, &t), false));
    }
    let lists: Vec<Record> = format_list::records(doc).into_iter().filter(|r| r.get("HotFixID").is_some()).collect();
    for r in format_list::merge_adjacent(doc, lists) {
        let objects = split_list(r);
        out.extend(blocks(doc, InputKind::GetHotfix, objects.first().map_or(0, |o| o.first), &objects, false));
    }
    crate::util::sort_by_u64_key(&mut out, |h| u64::from(h.first_line));
    out.into_iter().map(Finding::Host).collect()
}

/// A wmic header: `HotFixID` among identifier words, and no PowerShell underline below.
fn is_wmic_header(doc: &Doc, i: usize) -> bool {
    let words: Vec<&str> = doc.at(i).split_whitespace().collect();
    words.iter().any(|w| w.eq_ignore_ascii_case("HotFixID"))
        && words.iter().all(|w| w.chars().all(|c| c.is_ascii_alphanumeric()))
        && !doc.at(i + 1).trim_start().starts_with("--")
}

/// A table's rows as records; a row that is an author's elision (`...`) becomes a record with no
/// properties.
fn rows_marking_elisions(doc: &Doc, t: &Table) -> Vec<Record> {
    let mut records = t.records();
    for r in &mut records {
        if is_elision(doc.at(r.first)) {
            r.props.clear();
        }
    }
    records
}

/// A merged list of `Get-HotFix | Format-List` objects, split again: a property seen twice starts the
/// next object.
fn split_list(r: Record) -> Vec<Record> {
    let mut out: Vec<Record> = Vec::new();
    for p in r.props {
        if out.last().is_none_or(|o| o.get(&p.name).is_some()) {
            out.push(Record { first: p.index, last: p.index, props: Vec::new() });
        }
        if let Some(o) = out.last_mut() {
            o.last = p.index;
            o.props.push(p);
        }
    }
    out
}

/// The host name of a row (`Source`, `CSName`) with its line, unless the console cut it
/// (`DESKTOP-SJ...`).
fn source(r: &Record) -> Option<(&str, usize)> {
    let p = r.get("Source").or_else(|| r.get("CSName")).or_else(|| r.get("PSComputerName"))?;
    let v = p.value.trim();
    (!v.is_empty() && !v.ends_with("...") && !v.ends_with('…')).then_some((v, p.index))
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
    if let (true, Some(c)) = (tokens.is_empty(), cell) {
        builder.entry(c, line);
    }
    for kb in tokens {
        builder.entry(&kb, line);
    }
}

/// Consecutive rows of one host.
struct Group<'r> {
    host: Option<(&'r str, usize)>,
    first: usize,
    last: usize,
    hotfixes: HotfixBuilder,
}

impl Group<'_> {
    fn evidence(self, doc: &Doc, kind: InputKind, cut: bool) -> HostEvidence {
        let mut h = HostEvidence::new(kind, doc.number(self.first), doc.number(self.last));
        h.host_name = self.host.and_then(|(v, i)| Some(Located::new(values::host_name(v)?, doc.number(i))));
        if cut {
            h.notes.push(Located::new(Note::ColumnsCut, doc.number(self.first)));
        }
        h.hotfixes = Some(self.hotfixes.finish());
        h
    }
}

/// One block per run of rows with the same host (a row with no readable host stays with the run).
/// `first` is where the first block starts: the header.
fn blocks(doc: &Doc, kind: InputKind, first: usize, rows: &[Record], cut: bool) -> Vec<HostEvidence> {
    let mut groups: Vec<Group> = Vec::new();
    for r in rows {
        let host = source(r);
        let same = groups.last().is_some_and(|g| host.is_none() || g.host.map(|h| h.0) == host.map(|h| h.0));
        if !same {
            let start = if groups.is_empty() { first } else { r.first };
            groups.push(Group { host, first: start, last: r.last, hotfixes: HotfixBuilder::new() });
        }
        let Some(g) = groups.last_mut() else { continue };
        g.last = r.last;
        if r.props.is_empty() {
            g.hotfixes.elided();
            continue;
        }
        // A table row is one line; in the list view the id is on its own line.
        let at = r.get("HotFixID").map_or(r.first, |p| p.index);
        read_row(&mut g.hotfixes, r, doc.at(at), doc.number(at));
    }
    groups
        .into_iter()
        .map(|g| g.evidence(doc, kind, cut))
        .filter(|h| h.hotfixes.as_ref().is_some_and(|l| !l.items.is_empty() || l.other_entries > 0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::Completeness;

    const G02: &str = include_str!("../../../tests/fixtures/systeminfo/G02-pt-br-get-hotfix-truncated-cols.txt");
    const W01: &str = include_str!("../../../tests/fixtures/systeminfo/W01-en-wmic-qfe-list-brief.txt");

    fn hosts(text: &str) -> Vec<HostEvidence> {
        crate::inputs::hosts_found(recognise, text)
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

    /// A Japanese Get-HotFix paste whose host name was replaced by a quoted placeholder in wide
    /// characters, wider than the `Source` column: the name is read whole, every KB is found (also in a
    /// row whose spacing was collapsed by hand), and the rows stay one host.
    #[test]
    fn a_wide_quoted_host_name_is_read_whole() {
        let text = "PS C:\\Users\\user> Get-HotFix\n\n\
                    Source        Description      HotFixID      InstalledBy          InstalledOn\n\
                    ------        -----------      --------      -----------          -----------\n\
                    \"ホスト名（コンピューター名）\" Update           KB5031988     NT AUTHORITY\\SYSTEM  2023/11/15 0:00:00\n\
                    \"ホスト名（コンピューター名）\" Security Update  KB5032189     NT AUTHORITY\\SYSTEM  2023/11/15 0:00:00\n\
                    \"ホスト名（コンピューター名）\" Update  KB5032907  管理者  2023/12/13 0:00:00\n";
        let hs = hosts(text);
        assert_eq!(hs.len(), 1);
        let name = hs[0].host_name.as_ref().map(|n| (n.value.as_str(), n.line));
        assert_eq!(name, Some(("\"ホスト名（コンピューター名）\"", 5)));
        assert_eq!(kbs(&hs[0]), [("KB5031988", 5), ("KB5032189", 6), ("KB5032907", 7)]);
        assert!(hs[0].notes.is_empty());
    }

    #[test]
    fn an_elided_get_hotfix_table() {
        let text = "Source  Description  HotFixID   InstalledBy\n------  -----------  --------   -----------\nPC1     Update       KB4601056  NT AUTHORITY\\SYSTEM\n...\nPC1     Update       KB5000808  NT AUTHORITY\\SYSTEM\n";
        let h = &hosts(text)[0];
        assert_eq!(h.host_name.as_ref().map(|n| (n.value.as_str(), n.line)), Some(("PC1", 3)));
        assert_eq!(h.hotfixes.as_ref().map(|l| (l.items.len(), l.completeness)), Some((2, Completeness::Elided)));
        assert!(h.notes.is_empty());
    }

    #[test]
    fn an_elided_wmic_list() {
        let text = "Description  HotFixID   InstalledOn\nUpdate       KB4601056  3/27/2021\n...\nUpdate       KB5000808  3/27/2021\n";
        let hs = hosts(text);
        assert_eq!(hs[0].hotfixes.as_ref().map(|l| l.completeness), Some(Completeness::Elided));
    }
}
