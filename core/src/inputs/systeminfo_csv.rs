//! `systeminfo /fo csv`, with or without its (localised) header row:
//!
//! ```text
//! "Host Name","OS Name","OS Version",…,"Hotfix(s)","Network Card(s)",…
//! "HIGHWAYSTAR","Microsoft Windows 10 Home","10.0.19044 N/A Build 19044",…,"22 Hotfix(s) Installed.,[01]: KB5010472,[02]: KB4537759,…",…
//! ```
//!
//! Each record is one host (`systeminfo /s A /fo csv` appended several times gives several). A
//! record hard-wrapped by the console is joined back: it goes on while a quote is open, while a line
//! ends with `,` or the next starts with `,`. Fields are named by the header when there is one, else
//! by their shapes and order ([`values::name_by_structure`]). The hotfix field holds the count and the
//! entries joined with `,`.
//!
//! Also read here: the CSV piped through `ConvertFrom-Csv | Format-List`, whose property names are the
//! same localised labels (`Hotfix(s)                 : 22 Hotfix(s) Installed.,[01]: KB5010472,…`).

use super::format_list::{self, Record};
use super::hotfix::{entry_line, is_hotfix_id, joined_hotfixes, EntryLine};
use super::lines::Doc;
use super::values::{self, Slot};
use crate::evidence::{Finding, HostEvidence, InputKind, Located, Note};

/// Fields a systeminfo record has at least (33 on Windows 10; fewer on XP).
const MIN_FIELDS: usize = 12;

pub fn recognise(doc: &Doc) -> Vec<Finding> {
    let records = csv_records(doc).into_iter().flatten();
    let list_views = format_list::records(doc).into_iter().filter_map(|r| from_list_view(doc, &r));
    records.chain(list_views).map(Finding::Host).collect()
}

/// One CSV record, joined from its physical lines.
#[derive(Debug, Clone)]
struct Joined {
    text: String,
    /// `(byte offset in text, line index)` where each physical line starts.
    starts: Vec<(usize, usize)>,
}

impl Joined {
    fn line_index_at(&self, offset: usize) -> usize {
        self.starts.iter().take_while(|(o, _)| *o <= offset).last().map_or(0, |(_, i)| *i)
    }
    fn first(&self) -> usize {
        self.starts.first().map_or(0, |(_, i)| *i)
    }
    fn last(&self) -> usize {
        self.starts.last().map_or(0, |(_, i)| *i)
    }
}

/// A quoted field and the byte offset of its content in the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CsvField {
    pub(crate) value: String,
    offset: usize,
}

/// Splits one CSV record (`"a","b,c","d""e"`), keeping where each field's content starts. Also the
/// reader of PowerShell's `Export-Csv`/`ConvertTo-Csv` lines (`certs::powershell`).
pub(crate) fn split_record(text: &str) -> Vec<CsvField> {
    let mut out = Vec::new();
    let mut field = CsvField { value: String::new(), offset: 0 };
    let mut at_start = true;
    let mut quoted = false;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' if at_start => {
                quoted = true;
                field.offset = i + 1;
            }
            '"' if quoted => {
                if chars.next_if(|&(_, n)| n == '"').is_some() {
                    field.value.push('"');
                } else {
                    quoted = false;
                }
            }
            ',' if !quoted => {
                out.push(std::mem::replace(&mut field, CsvField { value: String::new(), offset: i + 1 }));
                at_start = true;
                continue;
            }
            _ => field.value.push(c),
        }
        at_start = false;
    }
    out.push(field);
    out
}

fn quotes_open(text: &str) -> bool {
    text.matches('"').count() % 2 == 1
}

/// Physical lines joined into records: every line starting with `"`, plus the lines the console
/// wrapped it onto.
fn joined_records(doc: &Doc) -> Vec<Joined> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < doc.len() {
        if !doc.at(i).starts_with('"') {
            i += 1;
            continue;
        }
        let mut j = Joined { text: doc.at(i).trim_end().to_owned(), starts: vec![(0, i)] };
        i += 1;
        while i < doc.len() {
            let next = doc.at(i);
            let more = quotes_open(&j.text) || j.text.ends_with(',') || next.starts_with(',');
            if !more || next.trim().is_empty() {
                break;
            }
            j.starts.push((j.text.len(), i));
            j.text.push_str(next.trim_end());
            i += 1;
        }
        out.push(j);
    }
    out
}

/// Reads every CSV record; a header row names the fields of the records after it, and the first of
/// them owns its line.
fn csv_records(doc: &Doc) -> Vec<Option<HostEvidence>> {
    let mut out = Vec::new();
    let mut header: Option<Vec<Option<&'static str>>> = None;
    let mut header_line: Option<usize> = None;
    for rec in joined_records(doc) {
        let fields = split_record(&rec.text);
        if fields.len() < MIN_FIELDS {
            continue;
        }
        let ids: Vec<Option<&'static str>> = fields.iter().map(|f| values::label_id(&f.value)).collect();
        let is_header = ids.iter().filter(|i| i.is_some()).count() >= 3
            && !fields.iter().any(|f| values::os_version(&f.value, true).is_some());
        if is_header {
            header = Some(ids);
            header_line = Some(rec.first());
            continue;
        }
        let names = header.as_deref().filter(|h| h.len() == fields.len());
        let first = header_line.take().unwrap_or(rec.first());
        out.push(record_evidence(doc, &rec, &fields, names, first));
    }
    out
}

/// The evidence of one data record.
fn record_evidence(
    doc: &Doc,
    rec: &Joined,
    fields: &[CsvField],
    header: Option<&[Option<&'static str>]>,
    first: usize,
) -> Option<HostEvidence> {
    let line_of = |f: &CsvField| doc.number(rec.line_index_at(f.offset));
    let mut slots: Vec<Slot> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| Slot {
            id: header.and_then(|h| h.get(i).copied().flatten()),
            value: &f.value,
            line: line_of(f),
            labelled: header.is_some(),
            aligned: true,
            hotfix_entries: has_entries(&f.value),
        })
        .collect();
    values::name_by_structure(&mut slots);
    let mut h = HostEvidence::new(InputKind::SysteminfoCsv, doc.number(first.min(rec.first())), doc.number(rec.last()));
    values::read_host_fields(&mut h, &slots);
    h.hotfixes = slots
        .iter()
        .position(|s| s.id == Some("hotfixes"))
        .and_then(|i| fields.get(i))
        .map(|f| joined_hotfixes(&f.value, |at| doc.number(rec.line_index_at(f.offset + at))));
    if rec.starts.len() > 1 {
        h.notes.push(Located::new(Note::WrappedLinesJoined, doc.number(rec.starts.get(1).map_or(0, |s| s.1))));
    }
    (h.version.is_some() || h.hotfixes.is_some()).then_some(h)
}

/// A value holding `[NN]: KB…` entries.
fn has_entries(value: &str) -> bool {
    value.split(',').any(|p| matches!(entry_line(p), Some(EntryLine::Item { value, .. }) if is_hotfix_id(value)))
}

/// `systeminfo /fo csv | ConvertFrom-Csv | Format-List`: a list record whose property names are
/// systeminfo labels.
fn from_list_view(doc: &Doc, r: &Record) -> Option<HostEvidence> {
    let mut slots: Vec<Slot> = r
        .props
        .iter()
        .map(|p| Slot {
            id: values::label_id(&p.name),
            value: &p.value,
            line: doc.number(p.index),
            labelled: true,
            aligned: true,
            hotfix_entries: has_entries(&p.value),
        })
        .collect();
    if slots.iter().filter(|s| s.id.is_some()).count() < 3 {
        return None;
    }
    values::name_by_structure(&mut slots);
    let mut h = HostEvidence::new(InputKind::SysteminfoCsv, doc.number(r.first), doc.number(r.last));
    values::read_host_fields(&mut h, &slots);
    h.hotfixes = slots.iter().find(|s| s.id == Some("hotfixes")).map(|s| joined_hotfixes(s.value, |_| s.line));
    (h.version.is_some() || h.hotfixes.is_some()).then_some(h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::{Completeness, ProductTypeHint};
    use crate::tables::SYSTEMINFO_LABELS;

    const LIST_32: &str = include_str!("../../../tests/fixtures/systeminfo/32-en-win10-21h2-fo-list-same-host.txt");

    /// The fields of the English list fixture 32 (value column 27), multi-line values joined with
    /// `,` as `/fo csv` joins them.
    fn fields() -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for line in LIST_32.lines().filter(|l| !l.trim().is_empty()) {
            let (head, value) = (line.get(..27).unwrap_or(line), line.get(27..).unwrap_or("").trim_end());
            if head.trim().is_empty() {
                out.last_mut().unwrap().1.push_str(&format!(",{value}"));
            } else {
                out.push((head.trim().trim_end_matches(':').to_owned(), value.to_owned()));
            }
        }
        out
    }

    fn quote<'a>(cells: impl Iterator<Item = &'a str>) -> String {
        cells.map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(",")
    }

    fn header() -> String {
        quote(fields().iter().map(|(l, _)| l.as_str()))
    }

    fn row() -> String {
        quote(fields().iter().map(|(_, v)| v.as_str()))
    }

    fn hosts(text: &str) -> Vec<HostEvidence> {
        crate::inputs::hosts_found(recognise, text)
    }

    /// The facts of fixture 32, wherever they were read.
    fn assert_host_32(h: &HostEvidence) {
        assert_eq!(h.kind, InputKind::SysteminfoCsv);
        assert_eq!(h.host_name.as_ref().map(|n| n.value.as_str()), Some("HIGHWAYSTAR"));
        assert_eq!(h.os_name.as_ref().map(|n| n.value.as_str()), Some("Microsoft Windows 10 Home"));
        let v = h.version.as_ref().map(|v| (v.value.major_minor, v.value.build, v.value.revision));
        assert_eq!(v, Some((Some((10, 0)), 19044, None)));
        assert_eq!(h.product_type.as_ref().map(|p| p.value), Some(ProductTypeHint::Client));
        let l = h.hotfixes.as_ref().unwrap();
        let kbs: Vec<&str> = l.items.iter().map(|i| i.value.as_str()).collect();
        assert_eq!((kbs.len(), kbs[0], kbs[21]), (22, "KB5010472", "KB5005699"));
        assert_eq!((l.declared.as_ref().map(|d| d.value), l.completeness), (Some(22), Completeness::Complete));
    }

    #[test]
    fn header_and_one_record() {
        let text = format!("C:\\>systeminfo /fo csv\n{}\n{}\n", header(), row());
        let hs = hosts(&text);
        assert_eq!(hs.len(), 1);
        assert_host_32(&hs[0]);
        assert_eq!((hs[0].first_line, hs[0].last_line), (2, 3));
        assert_eq!(hs[0].version.as_ref().map(|v| v.line), Some(3));
        assert!(hs[0].notes.is_empty());
    }

    #[test]
    fn records_without_header_are_read_by_shape() {
        let second = row().replace("HIGHWAYSTAR", "SECONDHOST");
        let hs = hosts(&format!("{}\n{second}\n", row()));
        assert_eq!(hs.len(), 2);
        assert_host_32(&hs[0]);
        assert_eq!((hs[0].first_line, hs[0].last_line), (1, 1));
        assert_eq!(hs[1].host_name.as_ref().map(|n| (n.value.as_str(), n.line)), Some(("SECONDHOST", 2)));
    }

    #[test]
    fn console_wrapped_records_are_joined() {
        let wrap = |s: String| -> String {
            s.chars()
                .collect::<Vec<_>>()
                .chunks(80)
                .map(|c| c.iter().collect::<String>())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let text = format!("{}\n{}\n", wrap(header()), wrap(row()));
        let header_lines = wrap(header()).lines().count() as u32;
        let hs = hosts(&text);
        assert_eq!(hs.len(), 1);
        assert_host_32(&hs[0]);
        let h = &hs[0];
        let row_lines = wrap(row()).lines().count() as u32;
        assert_eq!((h.first_line, h.last_line), (1, header_lines + row_lines));
        // Each KB keeps the physical line it starts on.
        let row_text = wrap(row());
        let kb_line = row_text.lines().position(|l| l.contains("KB5005699")).unwrap() as u32 + 1 + header_lines;
        assert_eq!(h.hotfixes.as_ref().unwrap().items[21].line, kb_line);
        assert_eq!(h.notes, vec![Located::new(Note::WrappedLinesJoined, header_lines + 2)]);
    }

    #[test]
    fn localised_header_names_the_fields() {
        fn ja(en: &str) -> String {
            let field = SYSTEMINFO_LABELS.iter().find(|r| r.lang == "en-us" && r.label == en).map(|r| r.field);
            SYSTEMINFO_LABELS
                .iter()
                .find(|r| r.lang == "ja" && Some(r.field) == field)
                .map_or(en, |r| r.label)
                .to_owned()
        }
        let labels: Vec<String> = fields().iter().map(|(l, _)| ja(l)).collect();
        let header = quote(labels.iter().map(String::as_str));
        let row = row()
            .replace("N/A Build", "N/A ビルド")
            .replace("22 Hotfix(s) Installed.", "22 ホットフィックスがインストールされています。");
        assert!(header.contains("\"ホスト名\",\"OS 名\",\"OS バージョン\""));
        let hs = hosts(&format!("{header}\n{row}"));
        assert_eq!(hs.len(), 1);
        assert_host_32(&hs[0]);
    }

    #[test]
    fn truncated_hotfix_field() {
        let entries: Vec<String> = (1..=245).map(|i| format!("[{i:02}]: KB{}", 3000000 + i)).collect();
        let value = format!("263 Hotfix(s) Installed.,{},[24", entries.join(","));
        let list = joined_hotfixes(&value, |_| 7);
        assert_eq!(list.items.len(), 245);
        assert_eq!(list.completeness, Completeness::Truncated { declared: Some(263), listed: 245 });
        assert_eq!(list.declared, Some(Located::new(263, 7)));
    }

    #[test]
    fn format_list_view_of_the_csv() {
        let width = fields().iter().map(|(l, _)| l.len()).max().unwrap() + 1;
        let mut text = String::from("PS C:\\> systeminfo /fo csv | ConvertFrom-Csv | Format-List\n\n");
        for (label, value) in fields() {
            // PowerShell wraps long values at 120 columns, at spaces, indented to the value column.
            let mut line = format!("{label:width$}: ");
            for word in value.split(' ') {
                if line.len() + word.len() >= 120 {
                    text.push_str(line.trim_end());
                    text.push('\n');
                    line = " ".repeat(width + 2);
                }
                line.push_str(word);
                line.push(' ');
            }
            text.push_str(line.trim_end());
            text.push('\n');
        }
        let hs = hosts(&text);
        assert_eq!(hs.len(), 1);
        assert_host_32(&hs[0]);
        assert_eq!(hs[0].first_line, 3);
    }

    #[test]
    fn short_quoted_lines_are_not_systeminfo() {
        assert!(hosts("\"Name\",\"Version\"\n\"foo\",\"10.0.19044\"\n").is_empty());
        assert_eq!(
            split_record("\"a\",\"b,c\",\"d\"\"e\",f,"),
            [
                CsvField { value: "a".into(), offset: 1 },
                CsvField { value: "b,c".into(), offset: 5 },
                CsvField { value: "d\"e".into(), offset: 11 },
                CsvField { value: "f".into(), offset: 17 },
                CsvField { value: String::new(), offset: 19 },
            ]
        );
    }
}
