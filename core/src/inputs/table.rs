//! Fixed-width tables, by display column:
//! - underlined: PowerShell's default table view (`Get-HotFix`, `Get-CimInstance`; header, then `----`
//!   groups) and `systeminfo /fo table` (header, then `====` groups);
//! - aligned: wmic's output (no underline; each column starts where its header word starts; when
//!   redirected, a blank line between rows).

use super::format_list::{Property, Record};
use super::lines::{char_width, display_width, is_noise, slice_columns, unwrap_console, Doc};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    /// Display column where the column starts.
    pub start: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Index of the row's (first) line in the document.
    pub index: usize,
    /// Index of its last line: a console narrower than the row wrapped it.
    pub last: usize,
    pub cells: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Index of the header line.
    pub header: usize,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// The width of the console that wrapped the table; 0 when it did not.
    pub wrap: usize,
}

impl Table {
    /// The position of the column named `name` (case-insensitive).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name.eq_ignore_ascii_case(name))
    }

    /// The cell of `row` in the column named `name`, trimmed; `None` when there is no such column.
    pub fn cell<'r>(&self, row: &'r Row, name: &str) -> Option<&'r str> {
        row.cells.get(self.column(name)?).map(String::as_str)
    }

    /// Index of the last line of the table (its last row, else its header's underline).
    pub fn last(&self) -> usize {
        self.rows.last().map_or(self.header + 1, |r| r.last)
    }

    /// Index of the physical line that holds column `col` of `row` (a wrapped row spans several).
    pub fn line_of(&self, row: &Row, col: usize) -> usize {
        match (self.wrap, self.columns.get(col)) {
            (w, Some(c)) if w > 0 => (row.index + c.start / w).min(row.last),
            _ => row.index,
        }
    }

    /// True when any cell was cut by a narrow console (`DESKTOP-SJ...`, `12:00:...`); a cell that is
    /// only `...` is an author's elision.
    pub fn cut(&self) -> bool {
        let cut =
            |c: &str| c.strip_suffix("...").or_else(|| c.strip_suffix('…')).is_some_and(|rest| !rest.trim().is_empty());
        self.rows.iter().flat_map(|r| &r.cells).any(|c| cut(c))
    }

    /// Each row as a record of `column name : cell`, for recognisers that read objects from either
    /// view (`Select-Object` prints a table for up to four properties, a list for more).
    pub fn records(&self) -> Vec<Record> {
        self.rows
            .iter()
            .map(|row| Record {
                first: row.index,
                last: row.last,
                props: self
                    .columns
                    .iter()
                    .zip(&row.cells)
                    .enumerate()
                    .map(|(i, (c, v))| Property { name: c.name.clone(), value: v.clone(), index: self.line_of(row, i) })
                    .collect(),
            })
            .collect()
    }

    /// [`Table::records`], the first one starting at the header line so that its block covers it.
    pub fn records_from_header(&self) -> Vec<Record> {
        let mut records = self.records();
        if let Some(first) = records.first_mut() {
            first.first = self.header;
        }
        records
    }

    /// A row's cells, read by tokens anchored on the header, not by display columns: each token (a run
    /// of non-blank characters; a quoted value with its spaces is one) goes to the column its start falls
    /// in. A value wider than its column (a quoted placeholder typed over a host name, wide characters)
    /// pushes the rest of the row to the right: the row is read with that shift, so the value is never
    /// cut inside and the next values still land in their columns.
    fn cells(&self, line: &str) -> Vec<String> {
        let mut spans: Vec<Option<(usize, usize)>> = vec![None; self.columns.len()];
        let mut shift = 0;
        for tok in tokens(line) {
            let start = tok.col.saturating_sub(shift);
            let i = self.columns.iter().rposition(|c| c.start <= start).unwrap_or(0);
            let span = spans[i].get_or_insert((tok.from, tok.to));
            span.1 = tok.to;
            // One space at least separates a value from the next column.
            let end = tok.col + tok.width - shift;
            if let Some(next) = self.columns.get(i + 1) {
                shift += (end + 1).saturating_sub(next.start);
            }
        }
        spans.iter().map(|s| s.and_then(|(a, b)| line.get(a..b)).unwrap_or("").trim().to_owned()).collect()
    }
}

/// A token of a table row: byte range, display column where it starts, display width.
struct Token {
    from: usize,
    to: usize,
    col: usize,
    width: usize,
}

/// The tokens of a row: runs of non-blank characters; a token that opens a quote runs to the token that
/// closes it (`"ホスト名 （コンピューター名）"` is one).
fn tokens(line: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut col = 0;
    let mut current: Option<Token> = None;
    let mut in_quote = false;
    for (i, c) in line.char_indices() {
        let w = char_width(c);
        if c.is_whitespace() && !in_quote {
            if let Some(t) = current.take() {
                out.push(t);
            }
        } else {
            let t = current.get_or_insert(Token { from: i, to: i, col, width: 0 });
            if c == '"' {
                in_quote = !in_quote;
            }
            t.to = i + c.len_utf8();
            t.width = col + w - t.col;
        }
        col += w;
    }
    out.extend(current);
    out
}

/// The `(start, end)` display columns of the groups of `rule` characters in `line`, when the line is
/// made of nothing else (and spaces).
fn rule_groups(line: &str, rule: char) -> Option<Vec<(usize, usize)>> {
    let t = line.trim_end();
    if t.trim().is_empty() || !t.chars().all(|c| c == rule || c == ' ') {
        return None;
    }
    let mut groups = Vec::new();
    let mut start: Option<usize> = None;
    for (col, c) in t.chars().enumerate() {
        match (c == rule, start) {
            (true, None) => start = Some(col),
            (false, Some(s)) => {
                groups.push((s, col));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        groups.push((s, t.chars().count()));
    }
    Some(groups)
}

/// Every table whose header line is followed by an underline of `rule` groups. Rows run to the next
/// blank line, prompt, fence or comment.
///
/// A console narrower than the table (`systeminfo /fo table` lines are 1,000–2,000 columns) wraps the
/// header, the underline and every row onto full-width physical lines: an underline continued on the
/// next line gives that width, and each logical line is joined back from its full-width pieces.
pub fn underlined(doc: &Doc, rule: char) -> Vec<Table> {
    let mut out = Vec::new();
    let mut i = 1;
    while i < doc.len() {
        if rule_groups(doc.at(i), rule).is_none()
            || rule_groups(doc.at(i - 1), rule).is_some()
            || doc.at(i - 1).trim().is_empty()
        {
            i += 1;
            continue;
        }
        // A full console row of rule characters continued on the next line.
        let wrapped = display_width(doc.at(i)) >= 60 && rule_groups(doc.at(i + 1), rule).is_some();
        let width = if wrapped { display_width(doc.at(i)) } else { 0 };
        // The header's pieces: the full-width lines right above its last piece.
        let mut header = i - 1;
        while wrapped && header > 0 && display_width(doc.at(header - 1)) == width {
            header -= 1;
        }
        let (head, _) = unwrap_console(doc, header, width);
        let (underline, underline_last) = unwrap_console(doc, i, width);
        let Some(groups) = rule_groups(&underline, rule) else {
            i += 1;
            continue;
        };
        let columns: Vec<Column> = groups
            .iter()
            .map(|&(s, e)| Column { name: slice_columns(&head, s, Some(e)).trim().to_owned(), start: s })
            .collect();
        let mut table = Table { header, columns, rows: Vec::new(), wrap: width };
        let mut j = underline_last + 1;
        while j < doc.len() && !doc.at(j).trim().is_empty() && !is_noise(doc.at(j)) {
            let (row, last) = unwrap_console(doc, j, width);
            table.rows.push(Row { index: j, last, cells: table.cells(&row) });
            j = last + 1;
        }
        out.push(table);
        i = j.max(i + 1);
    }
    out
}

/// A wmic table whose header is line `header`: columns start where the header's words start. Rows are
/// the following lines that `row_ok` accepts; single blank lines between rows are skipped.
pub fn aligned(doc: &Doc, header: usize, row_ok: impl Fn(&str) -> bool) -> Table {
    let head = doc.at(header);
    let mut columns = Vec::new();
    let mut col = 0;
    let mut in_word = false;
    for c in head.chars() {
        if !c.is_whitespace() && !in_word {
            columns.push(Column { name: String::new(), start: col });
        }
        in_word = !c.is_whitespace();
        if let (true, Some(last)) = (in_word, columns.last_mut()) {
            last.name.push(c);
        }
        col += char_width(c);
    }
    let mut table = Table { header, columns, rows: Vec::new(), wrap: 0 };
    let mut j = header + 1;
    let mut blanks = 0;
    while j < doc.len() {
        let line = doc.at(j);
        if line.trim().is_empty() {
            blanks += 1;
            if blanks > 1 {
                break;
            }
        } else if is_noise(line) || !row_ok(line) {
            break;
        } else {
            blanks = 0;
            table.rows.push(Row { index: j, last: j, cells: table.cells(line) });
        }
        j += 1;
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn underlined_tables() {
        let text = "x\nSource        Description      HotFixID\n------        -----------      --------\nDESKTOP-SJ... Update           KB4534131\nPC            Security Update  KB4470788\n\nafter";
        let doc = Doc::new(text);
        let t = underlined(&doc, '-');
        assert_eq!(t.len(), 1);
        let t = &t[0];
        assert_eq!(
            t.columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
            ["Source", "Description", "HotFixID"]
        );
        assert_eq!((t.header, t.last(), t.rows.len()), (1, 4, 2));
        assert_eq!(t.cell(&t.rows[1], "description"), Some("Security Update"));
        assert_eq!(t.cell(&t.rows[0], "HotFixID"), Some("KB4534131"));
        assert!(t.cut());
    }

    /// Values wider than their column (a quoted placeholder in wide characters typed over the host name)
    /// push the rest of the row right: the value is read whole, and the next ones stay in their columns.
    #[test]
    fn wide_values_shift_the_row_instead_of_being_cut() {
        let text = "Source        Description      HotFixID      InstalledBy          InstalledOn\n\
                    ------        -----------      --------      -----------          -----------\n\
                    \"ホスト名（コンピューター名）\" Security Update  KB5032189     NT AUTHORITY\\SYSTEM  2023/11/15 0:00:00\n\
                    \"ホスト名（コンピューター名）\"   Update           KB5031988     NT AUTHORITY\\SYSTEM  2023/11/15 0:00:00\n\
                    PC-1          Update           KB5031539     NT AUTHORITY\\SYSTEM  2023/11/15 0:00:00\n";
        let doc = Doc::new(text);
        let t = &underlined(&doc, '-')[0];
        let row = |r: usize| t.rows[r].cells.iter().map(String::as_str).collect::<Vec<_>>();
        let quoted = "\"ホスト名（コンピューター名）\"";
        assert_eq!(row(0), [quoted, "Security Update", "KB5032189", "NT AUTHORITY\\SYSTEM", "2023/11/15 0:00:00"]);
        assert_eq!(row(1), [quoted, "Update", "KB5031988", "NT AUTHORITY\\SYSTEM", "2023/11/15 0:00:00"]);
        assert_eq!(row(2), ["PC-1", "Update", "KB5031539", "NT AUTHORITY\\SYSTEM", "2023/11/15 0:00:00"]);
    }

    #[test]
    fn aligned_tables_skip_single_blank_lines() {
        let text = "Description  HotFixID   InstalledBy\n\nUpdate       KB4601056  NT AUTHORITY\\SYSTEM\n\nUpdate       KB4513661  \n\n\nlater";
        let doc = Doc::new(text);
        let t = aligned(&doc, 0, |l| l.contains("KB"));
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.cell(&t.rows[0], "InstalledBy"), Some("NT AUTHORITY\\SYSTEM"));
        assert_eq!(t.cell(&t.rows[1], "HotFixID"), Some("KB4513661"));
        assert_eq!(t.last(), 4);
    }
}
