//! PowerShell's list view (`Format-List`, and the default view of `Get-ComputerInfo` and
//! `Get-WmiObject`): one `Name : value` line per property, the colons aligned one space after the
//! longest name, long values wrapped onto lines indented to the value column, a blank line between
//! objects.
//!
//! ```text
//! OsName                                                  : Microsoft Windows 11 Enterprise
//! OsHotFixes                                              : {KB5044033, KB5027397, KB5044285, KB5039338...}
//! ```

use super::lines::{column_of, display_width, is_indented, is_noise, Doc};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    pub name: String,
    /// The value with wrapped continuation lines joined by a space.
    pub value: String,
    /// Index of the property's line.
    pub index: usize,
}

/// One object of the list: the properties between two blank lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub first: usize,
    pub last: usize,
    pub props: Vec<Property>,
}

impl Record {
    /// The property named `name` (case-insensitive).
    pub fn get(&self, name: &str) -> Option<&Property> {
        self.props.iter().find(|p| p.name.eq_ignore_ascii_case(name))
    }

    /// The trimmed value of `name`, when present and not empty.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.get(name).map(|p| p.value.trim()).filter(|v| !v.is_empty())
    }
}

/// The byte offset of the separating colon of a column-0 line: the first colon with a space before it
/// and a space or the end of the line after it.
fn separator(line: &str) -> Option<usize> {
    if line.trim().is_empty() || is_indented(line) {
        return None;
    }
    let at = line.match_indices(" :").map(|(i, _)| i + 1).find(|&i| {
        let after = line.get(i + 1..).unwrap_or("");
        after.is_empty() || after.starts_with(' ')
    })?;
    let name = line.get(..at)?.trim();
    (!name.is_empty() && display_width(name) <= 80).then_some(at)
}

/// The separator column most lines of `lines` agree on.
fn separator_column(doc: &Doc, lines: std::ops::Range<usize>) -> Option<usize> {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for i in lines {
        let line = doc.at(i);
        if let Some(at) = separator(line) {
            let col = column_of(line, at);
            match counts.iter_mut().find(|(c, _)| *c == col) {
                Some((_, n)) => *n += 1,
                None => counts.push((col, 1)),
            }
        }
    }
    counts.into_iter().max_by_key(|&(c, n)| (n, std::cmp::Reverse(c))).map(|(c, _)| c)
}

/// Every record of `Name : value` lines in the document. A run of non-blank lines is one record when
/// its colons line up; lines whose colon is elsewhere end it.
pub fn records(doc: &Doc) -> Vec<Record> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < doc.len() {
        if separator(doc.at(i)).is_none() {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < doc.len() && !doc.at(end).trim().is_empty() && !is_noise(doc.at(end)) {
            end += 1;
        }
        let Some(col) = separator_column(doc, i..end) else {
            i = end.max(i + 1);
            continue;
        };
        let mut record = Record { first: i, last: i, props: Vec::new() };
        let mut j = i;
        while j < end {
            let line = doc.at(j);
            match separator(line).filter(|&at| column_of(line, at) == col) {
                Some(at) => record.props.push(Property {
                    name: line.get(..at).unwrap_or("").trim().to_owned(),
                    value: line.get(at + 1..).unwrap_or("").trim().to_owned(),
                    index: j,
                }),
                None if is_indented(line) && !record.props.is_empty() => {
                    if let Some(p) = record.props.last_mut() {
                        p.value.push(' ');
                        p.value.push_str(line.trim());
                    }
                }
                None => break,
            }
            record.last = j;
            j += 1;
        }
        if !record.props.is_empty() {
            out.push(record);
        }
        i = j.max(i + 1);
    }
    out
}

/// Records separated only by blank lines, merged: one object the author cut, or the consecutive
/// objects of one listing (`Get-HotFix | Format-List`).
pub fn merge_adjacent(doc: &Doc, records: Vec<Record>) -> Vec<Record> {
    let mut out: Vec<Record> = Vec::new();
    for r in records {
        if let Some(prev) = out.last_mut() {
            if (prev.last + 1..r.first).all(|i| doc.at(i).trim().is_empty()) {
                prev.last = r.last;
                prev.props.extend(r.props);
                continue;
            }
        }
        out.push(r);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_with_wrapped_values() {
        let text = "PS> Get-ComputerInfo\n\nOsName       : Microsoft Windows 11 Enterprise\nOsHotFixes   : {KB5044033, KB5027397,\n               KB5044285...}\nOsCSDVersion : \nOsOther      : 11/13/2024 3:33:10 AM\nOsLocalDateTime : misaligned\n\nCsName : PC1\n";
        let doc = Doc::new(text);
        let r = records(&doc);
        assert_eq!(r.len(), 3);
        assert_eq!((r[0].first, r[0].last), (2, 6));
        // A line whose colon is elsewhere is not part of the record.
        assert_eq!(r[1].value("OsLocalDateTime"), Some("misaligned"));
        assert_eq!(r[0].value("osname"), Some("Microsoft Windows 11 Enterprise"));
        assert_eq!(r[0].value("OsHotFixes"), Some("{KB5044033, KB5027397, KB5044285...}"));
        assert_eq!(r[0].value("OsCSDVersion"), None);
        assert!(r[0].get("OsCSDVersion").is_some());
        assert_eq!(r[2].value("CsName"), Some("PC1"));
    }

    #[test]
    fn systeminfo_labels_are_not_properties() {
        let doc = Doc::new("Host Name:                 PC\nOS Name:                   Microsoft Windows 10\nTime Zone:   (UTC+01:00) Rome");
        assert!(records(&doc).is_empty());
    }
}
