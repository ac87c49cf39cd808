//! `systeminfo` in its default list format, in any UI language:
//!
//! ```text
//! Host Name:                 WIN-O863JARO7CM
//! OS Name:                   Microsoft Windows Server 2019 Datacenter
//! OS Version:                10.0.17763 N/A Build 17763
//! …
//! Hotfix(s):                 5 Hotfix(s) Installed.
//!                            [01]: KB4462930
//! ```
//!
//! Structure first, labels second. A field starts at column 0 with `label:` and its value starts at
//! the block's value column (the column most lines agree on, in display cells so that CJK labels
//! count double); indented lines continue the field. The label table names the fields when it knows
//! the language; when it does not, the value shapes and systeminfo's fixed field order still find the
//! OS Version (`\d+.\d+.\d+ …`), the OS Name before it, the Host Name before that, the OS
//! Configuration two fields after it (after the never-localised `Microsoft Corporation`), and the
//! hotfix field by its `[NN]: KB…` entries.
//!
//! Paste damage it survives: prompts, fences and comments around the output (block boundaries),
//! labels holding a colon (`Virtual Memory: Max Size:`), console hard-wraps that put the rest of a
//! line at column 0 (`Sta` / `ndalone Workstation`, `[08]:` / `KB5006753`), partial pastes and
//! `findstr` excerpts, a bare run of `[NN]: KB…` entries, several outputs in one paste (a label seen
//! twice starts a new block), author elisions and systeminfo's own truncated hotfix lists.

use std::ops::Range;

use super::hotfix::{entry_line, is_hotfix_id, EntryLine, HotfixBuilder};
use super::lines::{column_of, display_width, is_elision, is_indented, is_noise, looks_mojibake, Doc};
use super::values::{self, Slot};
use crate::evidence::{Finding, HostEvidence, InputKind, Located, Note};

/// One block per systeminfo output (or excerpt of one) found in the text.
pub fn recognise(doc: &Doc) -> Vec<Finding> {
    regions(doc)
        .into_iter()
        .flat_map(|region| {
            let column = value_column(doc, region.clone());
            let lines = logical_lines(doc, region, column);
            blocks(&lines, column).into_iter().filter_map(|mut b| evidence(doc, &mut b)).map(Finding::Host)
        })
        .collect()
}

/// Index ranges of the lines between prompts, fences and comments.
fn regions(doc: &Doc) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..=doc.len() {
        if i == doc.len() || is_noise(doc.at(i)) {
            if start < i {
                out.push(start..i);
            }
            start = i + 1;
        }
    }
    out
}

/// Places where a column-0 line could split into `label:` and value: a colon after a non-space
/// character, followed by whitespace or the end of the line. Returns `(colon byte, value byte)`.
fn split_candidates(line: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    line.char_indices().filter_map(move |(i, c)| {
        if c != ':' || i == 0 {
            return None;
        }
        let before = line.get(..i)?.chars().next_back()?;
        let after = line.get(i + 1..)?;
        if before.is_whitespace() || !(after.is_empty() || after.starts_with(char::is_whitespace)) {
            return None;
        }
        let value = i + 1 + (after.len() - after.trim_start().len());
        Some((i, value))
    })
}

/// The value column of a region: the display column most column-0 lines could start a value at. It
/// moves with the longest label: 27 in English, 31 with Windows 11 24H2's `Virtualization-based
/// security:`, 24 in Japanese, 47 in German. `None` unless at least two lines and a third of the
/// candidate lines agree (TAB-separated or hand-typed lines have no column).
fn value_column(doc: &Doc, region: Range<usize>) -> Option<usize> {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    let mut lines = 0;
    for i in region {
        let line = doc.at(i);
        if is_indented(line) || line.trim().is_empty() {
            continue;
        }
        let mut any = false;
        for (_, value) in split_candidates(line) {
            any = true;
            let col = column_of(line, value);
            match counts.iter_mut().find(|(c, _)| *c == col) {
                Some((_, n)) => *n += 1,
                None => counts.push((col, 1)),
            }
        }
        lines += usize::from(any);
    }
    let (col, n) = counts.into_iter().max_by_key(|&(c, n)| (n, std::cmp::Reverse(c)))?;
    (n >= 2 && n * 3 >= lines).then_some(col)
}

/// Where a field line splits.
#[derive(Debug, Clone, Copy)]
struct Split {
    label_end: usize,
    value_start: usize,
    id: Option<&'static str>,
    /// The value starts at the block's value column, or the label is in the table.
    solid: bool,
}

/// A label as systeminfo writes one: some letters, short, none of the characters of other formats.
fn plausible_label(label: &str) -> bool {
    let l = label.trim();
    l.chars().any(char::is_alphabetic)
        && display_width(l) <= 64
        && !l.starts_with(['[', '"', '(', '{', '-', '|'])
        && !l.contains(['\\', '"', '{', '}', '=', '>', '<', '\t'])
}

/// Splits a column-0 line into label and value: a table label first (it may hold a colon), else the
/// colon whose value starts at the value column, else (no column known, or a label with no value)
/// the first colon.
fn split_field(line: &str, column: Option<usize>) -> Option<Split> {
    if line.trim().is_empty() || is_indented(line) {
        return None;
    }
    if let Some((id, len)) = values::known_label_at_start(line) {
        let after = line.get(len + 1..).unwrap_or("");
        let value_start = len + 1 + (after.len() - after.trim_start().len());
        return Some(Split { label_end: len, value_start, id: Some(id), solid: true });
    }
    let mut candidates = split_candidates(line).filter(|&(colon, _)| plausible_label(line.get(..colon).unwrap_or("")));
    let (colon, value_start, aligned) = match column {
        Some(col) => {
            let all: Vec<(usize, usize)> = candidates.collect();
            match all.iter().find(|&&(_, v)| column_of(line, v) == col) {
                Some(&(c, v)) => (c, v, true),
                // A label with nothing after it (`Registered Organization:` with its spaces trimmed).
                None => all.first().filter(|&&(_, v)| v == line.len()).map(|&(c, v)| (c, v, false))?,
            }
        }
        None => candidates.next().map(|(c, v)| (c, v, false))?,
    };
    let id = values::label_id(line.get(..colon).unwrap_or(""));
    Some(Split { label_end: colon, value_start, id, solid: aligned || id.is_some() })
}

/// A line after joining the console's hard wraps back on.
#[derive(Debug, Clone)]
struct Logical {
    first: usize,
    last: usize,
    text: String,
    /// Index of the first physical line that was joined on as a wrap.
    wrapped: Option<usize>,
}

/// Console widths the reference names: a line exactly this wide was probably cut.
const CONSOLE_WIDTHS: [usize; 2] = [80, 120];

/// Could this column-0 line be the rest of the line above, cut by the console? Only when it is
/// nothing else: not a field, entry, elision or banner.
fn is_wrap_piece(line: &str, column: Option<usize>) -> bool {
    !line.trim().is_empty()
        && !is_indented(line)
        && entry_line(line).is_none()
        && !is_elision(line)
        && super::ver::parse_line(line).is_none()
        && split_field(line, column).is_none()
}

/// A line that belongs to a systeminfo block for sure: a field, a continuation, an entry, an elision.
fn is_block_line(line: &str, column: Option<usize>) -> bool {
    !line.trim().is_empty()
        && (is_indented(line) || entry_line(line).is_some() || is_elision(line) || split_field(line, column).is_some())
}

/// The region's lines with hard-wrapped pieces joined back on (no separator: the console cuts
/// anywhere, even inside a word). A piece is joined when the line above fills a console exactly, or
/// when the block goes on after it; the author's words right after the output are neither.
fn logical_lines(doc: &Doc, region: Range<usize>, column: Option<usize>) -> Vec<Logical> {
    let mut out: Vec<Logical> = Vec::new();
    for i in region {
        let line = doc.at(i);
        if let Some(prev) = out.last_mut() {
            let above = doc.at(i.saturating_sub(1));
            let cut_above = CONSOLE_WIDTHS.contains(&display_width(above));
            let goes_on = i + 1 < doc.len() && is_block_line(doc.at(i + 1), column);
            if prev.last + 1 == i
                && !prev.text.trim().is_empty()
                && is_wrap_piece(line, column)
                && (cut_above || goes_on)
            {
                prev.text.push_str(line);
                prev.last = i;
                prev.wrapped.get_or_insert(i);
                continue;
            }
        }
        out.push(Logical { first: i, last: i, text: line.to_owned(), wrapped: None });
    }
    out
}

/// An entry line of a field, owned.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    Item(u32, String),
    Fragment,
    Elision,
}

/// One field being read: its first line's value and what follows it.
#[derive(Debug, Clone)]
struct Field {
    /// The field id, or the label as written: a key seen twice starts a new block.
    key: String,
    label: String,
    id: Option<&'static str>,
    solid: bool,
    value: String,
    first: usize,
    last: usize,
    entries: Vec<(Entry, usize)>,
    wrapped: Option<usize>,
}

impl Field {
    /// The entries that precede any field (a pasted run of `[NN]: KB…` lines).
    fn orphan(first: usize) -> Field {
        Field {
            key: String::new(),
            label: String::new(),
            id: None,
            solid: false,
            value: String::new(),
            first,
            last: first,
            entries: Vec::new(),
            wrapped: None,
        }
    }

    fn is_orphan(&self) -> bool {
        self.key.is_empty()
    }

    /// Entries that only a hotfix list holds: KB ids, `Q147222`, `File 1`.
    fn has_hotfix_entries(&self) -> bool {
        self.entries.iter().any(|(e, _)| matches!(e, Entry::Item(_, v) if is_hotfix_id(v)))
    }
}

/// Groups the logical lines into fields and the fields into blocks: a field key seen again, or a
/// column-0 line that is no field (prose, a `ver` banner), ends a block.
fn blocks(lines: &[Logical], column: Option<usize>) -> Vec<Vec<Field>> {
    let mut out: Vec<Vec<Field>> = Vec::new();
    let mut current: Vec<Field> = Vec::new();
    let close = |current: &mut Vec<Field>, out: &mut Vec<Vec<Field>>| {
        if !current.is_empty() {
            out.push(std::mem::take(current));
        }
    };
    for l in lines {
        let text = l.text.as_str();
        if text.trim().is_empty() {
            continue;
        }
        let attach = |current: &mut Vec<Field>, entry: Option<Entry>| {
            if current.is_empty() {
                current.push(Field::orphan(l.first));
            }
            if let Some(f) = current.last_mut() {
                f.last = l.last;
                if let Some(e) = entry {
                    f.entries.push((e, l.first));
                }
                if f.wrapped.is_none() {
                    f.wrapped = l.wrapped;
                }
            }
        };
        if let Some(e) = entry_line(text) {
            let entry = match e {
                EntryLine::Item { value: "", .. } | EntryLine::Fragment => Entry::Fragment,
                EntryLine::Item { index, value } => Entry::Item(index, value.to_owned()),
            };
            attach(&mut current, Some(entry));
        } else if is_elision(text) {
            attach(&mut current, Some(Entry::Elision));
        } else if is_indented(text) {
            attach(&mut current, None);
        } else if let Some(split) = split_field(text, column) {
            let label = text.get(..split.label_end).unwrap_or("").trim().to_owned();
            let key = split.id.map_or_else(|| label.clone(), str::to_owned);
            let repeated = current.iter().any(|f| f.key == key);
            let only_orphans = current.len() == 1 && current.first().is_some_and(Field::is_orphan);
            if repeated || only_orphans {
                close(&mut current, &mut out);
            }
            current.push(Field {
                key,
                label,
                id: split.id,
                solid: split.solid,
                value: text.get(split.value_start..).unwrap_or("").trim().to_owned(),
                first: l.first,
                last: l.last,
                entries: Vec::new(),
                wrapped: l.wrapped,
            });
        } else {
            close(&mut current, &mut out);
        }
    }
    close(&mut current, &mut out);
    out
}

/// The hotfix list of the hotfix field: the declared count from its first line, then its entries.
fn hotfixes(doc: &Doc, field: &Field) -> crate::evidence::HotfixList {
    let mut b = HotfixBuilder::new();
    if let Some(n) = values::declared_count(&field.value) {
        b.declared(n, doc.number(field.first));
    }
    for (entry, i) in &field.entries {
        match entry {
            Entry::Item(index, value) => b.numbered(*index, value, doc.number(*i)),
            Entry::Fragment => b.broken(),
            Entry::Elision => b.elided(),
        }
    }
    b.finish()
}

/// The fields of a block as slots, for naming and reading.
fn slots<'f>(doc: &Doc, fields: &'f [Field]) -> Vec<Slot<'f>> {
    fields
        .iter()
        .map(|f| Slot {
            id: f.id,
            value: &f.value,
            line: doc.number(f.first),
            labelled: f.id.is_some() && values::label_id(&f.label) == f.id,
            aligned: f.solid && !f.is_orphan(),
            hotfix_entries: f.has_hotfix_entries(),
        })
        .collect()
}

/// The host evidence of one block, or `None` when the block is not systeminfo or says nothing.
fn evidence(doc: &Doc, fields: &mut [Field]) -> Option<HostEvidence> {
    let ids: Vec<Option<&'static str>> = {
        let mut slots = slots(doc, fields);
        values::name_by_structure(&mut slots);
        slots.iter().map(|s| s.id).collect()
    };
    for (f, id) in fields.iter_mut().zip(ids) {
        f.id = id;
    }
    // Leading and trailing fields that are neither named nor aligned are the author's words.
    let start = fields.iter().position(|f| f.solid || f.id.is_some())?;
    let end = fields.iter().rposition(|f| f.solid || f.id.is_some())?;
    let fields = fields.get(start..=end)?;

    let (first, last) = (fields.first()?.first, fields.last()?.last);
    let mut h = HostEvidence::new(InputKind::SysteminfoList, doc.number(first), doc.number(last));
    values::read_host_fields(&mut h, &slots(doc, fields));
    h.hotfixes = fields.iter().find(|f| f.id == Some("hotfixes")).map(|f| hotfixes(doc, f));

    if let Some(i) = fields.iter().find_map(|f| f.wrapped) {
        h.notes.push(Located::new(Note::WrappedLinesJoined, doc.number(i)));
    }
    let garbled = |f: &&Field| looks_mojibake(&f.label) || f.id == Some("os_version") && looks_mojibake(&f.value);
    if let Some(f) = fields.iter().find(garbled) {
        h.notes.push(Located::new(Note::Mojibake, doc.number(f.first)));
    }
    let says_something = h.host_name.is_some()
        || h.os_name.is_some()
        || h.version.is_some()
        || h.product_type.is_some()
        || h.hotfixes.is_some();
    says_something.then_some(h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::{Completeness, HotfixList, ProductTypeHint};

    const DE: &str = include_str!("../../../tests/fixtures/systeminfo/05-de-win7-sp1-truncated.txt");
    const FR: &str = include_str!("../../../tests/fixtures/systeminfo/06-fr-win7-sp1-cmd.txt");
    const IT: &str = include_str!("../../../tests/fixtures/systeminfo/01-it-win10-1803.txt");
    const ES: &str = include_str!("../../../tests/fixtures/systeminfo/03-es-win10-1809.txt");
    const W11_24H2: &str = include_str!("../../../tests/fixtures/systeminfo/08-en-win11-24h2-ltsc.txt");
    const PARTIAL: &str = include_str!("../../../tests/fixtures/systeminfo/11-en-es-ar-win10-1803-partial.txt");
    const JA: &str = include_str!("../../../tests/fixtures/systeminfo/12-ja-win7-sp1-truncated.txt");
    const JA_CP932: &[u8] =
        include_bytes!("../../../tests/fixtures/systeminfo/derived/12-ja-win7-sp1-truncated.DERIVED.cp932-crlf.txt");
    const JA_EXCERPT: &str = include_str!("../../../tests/fixtures/systeminfo/14-ja-win10-22h2-excerpt.txt");
    const FINDSTR: &str = include_str!("../../../tests/fixtures/systeminfo/15-ja-win10-22h2-findstr-and-ver.txt");
    const W7_302: &str = include_str!("../../../tests/fixtures/systeminfo/18-en-win7-sp1-302-truncated-jc.txt");
    const KO: &str = include_str!("../../../tests/fixtures/systeminfo/23-ko-win10-22h2-excerpt.txt");
    const SRV2019: &str = include_str!("../../../tests/fixtures/systeminfo/25-en-srv2019-rtm.txt");
    const XP: &str = include_str!("../../../tests/fixtures/systeminfo/27-en-winxp-sp3-file1-truncated.txt");
    const LIST_32: &str = include_str!("../../../tests/fixtures/systeminfo/32-en-win10-21h2-fo-list-same-host.txt");

    /// The list blocks of a text, decoded as a paste would be.
    fn hosts(text: &str) -> Vec<HostEvidence> {
        crate::inputs::hosts_found(recognise, &crate::decode::from_text(text).text)
    }

    fn one(text: &str) -> HostEvidence {
        let hs = hosts(text);
        assert_eq!(hs.len(), 1, "{hs:#?}");
        hs.into_iter().next().unwrap()
    }

    fn located(v: &Option<Located<String>>) -> Option<(&str, u32)> {
        v.as_ref().map(|l| (l.value.as_str(), l.line))
    }

    /// `(major_minor, build, revision, line)`.
    type Version = (Option<(u32, u32)>, u32, Option<u32>, u32);

    fn build(h: &HostEvidence) -> Option<Version> {
        h.version.as_ref().map(|v| (v.value.major_minor, v.value.build, v.value.revision, v.line))
    }

    fn product(h: &HostEvidence) -> Option<(ProductTypeHint, u32)> {
        h.product_type.as_ref().map(|p| (p.value, p.line))
    }

    fn list(h: &HostEvidence) -> &HotfixList {
        h.hotfixes.as_ref().expect("a hotfix list")
    }

    fn kb(list: &HotfixList, i: usize) -> (&str, u32) {
        let item = list.items.get(i).expect("an item");
        (item.value.as_str(), item.line)
    }

    fn last_kb(list: &HotfixList) -> (&str, u32) {
        kb(list, list.items.len() - 1)
    }

    #[test]
    fn german_truncated_list_with_duplicates() {
        let h = one(DE);
        assert_eq!((h.kind, h.first_line, h.last_line), (InputKind::SysteminfoList, 2, 296));
        assert_eq!(located(&h.host_name), Some(("OLI7-PC", 2)));
        assert_eq!(located(&h.os_name), Some(("Microsoft Windows 7 Ultimate N", 3)));
        assert_eq!(build(&h), Some((Some((6, 1)), 7601, None, 4)));
        assert_eq!(product(&h), Some((ProductTypeHint::Client, 6)));
        let l = list(&h);
        // 245 entries, three KBs listed twice: the first line is kept.
        assert_eq!(
            (l.items.len(), kb(l, 0), kb(l, 1), last_kb(l)),
            (242, ("KB2849697", 34), ("KB2849696", 36), ("KB3162835", 278))
        );
        assert_eq!(l.declared, Some(Located::new(263, 33)));
        assert_eq!(
            (l.completeness, l.other_entries),
            (Completeness::Truncated { declared: Some(263), listed: 245 }, 0)
        );
        assert!(h.notes.is_empty());
    }

    #[test]
    fn french_with_nbsp_labels_and_values() {
        let h = one(FR);
        assert_eq!((h.first_line, h.last_line), (2, 114));
        assert_eq!(located(&h.host_name), Some(("WIN-IDKKFN87EL8", 2)));
        assert_eq!(located(&h.os_name), Some(("Microsoft Windows 7 Entreprise N", 3)));
        assert_eq!(build(&h), Some((Some((6, 1)), 7601, None, 4)));
        assert_eq!(product(&h), Some((ProductTypeHint::Client, 6)));
        let l = list(&h);
        assert_eq!((l.items.len(), kb(l, 0), last_kb(l)), (73, ("KB2491683", 34), ("KB4493472", 106)));
        assert_eq!((l.declared.clone(), l.completeness), (Some(Located::new(73, 33)), Completeness::Complete));
    }

    #[test]
    fn italian_and_spanish_words_around_the_build() {
        let h = one(IT);
        assert_eq!((h.first_line, h.last_line), (2, 58));
        assert_eq!(located(&h.host_name), Some(("PC044", 2)));
        assert_eq!(build(&h), Some((Some((10, 0)), 17134, None, 4)));
        assert_eq!(product(&h), Some((ProductTypeHint::Client, 6)));
        assert_eq!((list(&h).items.len(), last_kb(list(&h))), (10, ("KB4487017", 43)));

        let h = one(ES);
        // The uploader replaced the host name with `...`.
        assert_eq!(h.host_name, None);
        assert_eq!(located(&h.os_name), Some(("Microsoft Windows 10 Education", 3)));
        assert_eq!(build(&h), Some((Some((10, 0)), 17763, None, 4)));
        assert_eq!(product(&h), Some((ProductTypeHint::Client, 6)));
        let l = list(&h);
        assert_eq!((l.items.len(), kb(l, 0), l.declared.as_ref().map(|d| d.value)), (9, ("KB4486553", 34), Some(9)));
    }

    #[test]
    fn windows_11_24h2_value_column_and_vbs_block() {
        let h = one(W11_24H2);
        assert_eq!((h.first_line, h.last_line), (2, 49));
        assert_eq!(located(&h.host_name), Some(("WINXI24H2LTSC", 2)));
        assert_eq!(located(&h.os_name), Some(("Microsoft Windows 11 Enterprise LTSC", 3)));
        assert_eq!(build(&h), Some((Some((10, 0)), 26100, None, 4)));
        let l = list(&h);
        assert_eq!(
            (l.items.len(), kb(l, 0), last_kb(l), l.completeness),
            (3, ("KB5037589", 34), ("KB5039449", 36), Completeness::Complete)
        );
    }

    #[test]
    fn partial_paste_from_os_name() {
        let h = one(PARTIAL);
        assert_eq!((h.first_line, h.last_line, h.host_name.clone()), (1, 46, None));
        assert_eq!(product(&h), Some((ProductTypeHint::Client, 4)));
        assert_eq!((list(&h).items.len(), kb(list(&h), 0)), (6, ("KB4456655", 30)));
    }

    #[test]
    fn japanese_with_prompt_elision_and_broken_fragment_in_both_encodings() {
        let h = one(JA);
        assert_eq!((h.first_line, h.last_line), (3, 46));
        assert_eq!(located(&h.host_name), Some(("MyCowin7", 3)));
        assert_eq!(located(&h.os_name), Some(("Microsoft Windows 7 Professional", 4)));
        assert_eq!(build(&h), Some((Some((6, 1)), 7601, None, 5)));
        assert_eq!(product(&h), Some((ProductTypeHint::Client, 7)));
        let l = list(&h);
        assert_eq!((l.items.len(), kb(l, 0), last_kb(l)), (2, ("KB2849697", 35), ("KB3020369", 37)));
        assert_eq!((l.declared.clone(), l.completeness), (Some(Located::new(294, 34)), Completeness::Elided));

        let decoded = crate::decode::decode(JA_CP932).unwrap();
        assert_eq!(decoded.encoding, "shift_jis");
        assert_eq!(hosts(&decoded.text), vec![h]);
    }

    #[test]
    fn japanese_and_korean_excerpts_without_hotfixes() {
        let h = one(JA_EXCERPT);
        assert_eq!((h.first_line, h.last_line), (2, 11));
        assert_eq!(located(&h.os_name), Some(("Microsoft Windows 10 Pro", 2)));
        assert_eq!(build(&h), Some((Some((10, 0)), 19045, None, 3)));
        assert_eq!((h.host_name.clone(), h.hotfixes.clone()), (None, None));

        let h = one(FINDSTR);
        assert_eq!((h.first_line, h.last_line), (2, 3));

        let h = one(KO);
        assert_eq!((h.first_line, h.last_line), (3, 22));
        assert_eq!(build(&h), Some((Some((10, 0)), 19045, None, 4)));
        assert_eq!(product(&h), Some((ProductTypeHint::Client, 6)));
    }

    #[test]
    fn list_cut_by_the_buffer_with_a_bracket_fragment() {
        let h = one(W7_302);
        let l = list(&h);
        assert_eq!((l.items.len(), last_kb(l)), (245, ("KB3088195", 278)));
        assert_eq!(l.completeness, Completeness::Truncated { declared: Some(302), listed: 245 });
    }

    #[test]
    fn xp_file_entries_suffixes_and_a_whitespace_line_after_the_fragment() {
        let h = one(XP);
        assert_eq!((h.first_line, h.last_line), (2, 262));
        assert_eq!(build(&h), Some((Some((5, 1)), 2600, None, 4)));
        let l = list(&h);
        assert_eq!(
            (l.items.len(), kb(l, 0), kb(l, 1), last_kb(l)),
            (92, ("KB2378111", 162), ("KB2803821", 163), ("KB946648", 253))
        );
        assert!(l.items.iter().any(|i| i.value == "KB2510531"));
        assert_eq!(
            (l.other_entries, l.completeness),
            (128, Completeness::Truncated { declared: Some(262), listed: 220 })
        );
    }

    #[test]
    fn server_configuration() {
        let h = one(SRV2019);
        assert_eq!(located(&h.os_name), Some(("Microsoft Windows Server 2019 Datacenter", 3)));
        assert_eq!(product(&h), Some((ProductTypeHint::Server, 6)));
    }

    /// Lines of `label: value` aligned at `column` display cells, the way systeminfo writes them.
    fn render(column: usize, fields: &[(&str, &str)]) -> String {
        fields
            .iter()
            .map(|(label, value)| {
                if label.is_empty() {
                    format!("{}{value}", " ".repeat(column))
                } else {
                    let head = format!("{label}:");
                    format!("{head}{}{value}", " ".repeat(column.saturating_sub(display_width(&head)).max(1)))
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn russian_from_the_label_table() {
        let text = render(
            34,
            &[
                ("Имя узла", "SRV-RU"),
                ("Название ОС", "Майкрософт Windows Server 2012 R2 Standard"),
                ("Версия ОС", "6.3.9600 Н/Д построение 9600"),
                ("Изготовитель ОС", "Microsoft Corporation"),
                ("Параметры ОС", "Изолированный сервер"),
                ("Виртуальная память: Макс. размер", "4 095 МБ"),
                ("Виртуальная память: Доступна", "2 000 МБ"),
                ("Исправление(я)", "Число установленных исправлений - 2."),
                ("", "[01]: KB2919355"),
                ("", "[02]: KB5006714"),
                ("Сетевые адаптеры", "1 сетевых адаптеров установлено."),
            ],
        );
        let h = one(&text);
        assert_eq!(located(&h.host_name), Some(("SRV-RU", 1)));
        assert_eq!(located(&h.os_name), Some(("Майкрософт Windows Server 2012 R2 Standard", 2)));
        assert_eq!(build(&h), Some((Some((6, 3)), 9600, None, 3)));
        assert_eq!(product(&h), Some((ProductTypeHint::Server, 5)));
        let l = list(&h);
        assert_eq!((l.items.len(), kb(l, 1), l.declared.clone()), (2, ("KB5006714", 10), Some(Located::new(2, 8))));
        assert_eq!(l.completeness, Completeness::Complete);
    }

    #[test]
    fn simplified_chinese_with_double_width_labels() {
        let text = render(
            18,
            &[
                ("主机名", "DESKTOP-CN"),
                ("OS 名称", "Microsoft Windows 10 企业版 LTSC"),
                ("OS 版本", "10.0.17763 暂缺 Build 17763"),
                ("OS 制造商", "Microsoft Corporation"),
                ("OS 配置", "独立工作站"),
                ("虚拟内存: 最大值", "9,000 MB"),
                ("虚拟内存: 可用", "4,000 MB"),
                ("修补程序", "安装了 3 个修补程序。"),
                ("", "[01]: KB5005112"),
                ("", "[02]: KB5006672"),
                ("", "[03]: KB5005701"),
                ("网卡", "安装了 1 个 NIC。"),
            ],
        );
        let h = one(&text);
        assert_eq!(located(&h.host_name), Some(("DESKTOP-CN", 1)));
        assert_eq!(located(&h.os_name), Some(("Microsoft Windows 10 企业版 LTSC", 2)));
        assert_eq!(build(&h), Some((Some((10, 0)), 17763, None, 3)));
        assert_eq!(product(&h), Some((ProductTypeHint::Client, 5)));
        let l = list(&h);
        assert_eq!((l.items.len(), kb(l, 1), l.declared.clone()), (3, ("KB5006672", 10), Some(Located::new(3, 8))));
        assert_eq!(h.last_line, 12);
    }

    #[test]
    fn brazilian_portuguese_from_the_label_table() {
        let text = render(
            43,
            &[
                ("Nome do host", "NOTE-BR"),
                ("Nome do sistema operacional", "Microsoft Windows 11 Pro"),
                ("Versão do sistema operacional", "10.0.22621 N/A compilação 22621"),
                ("Fabricante do sistema operacional", "Microsoft Corporation"),
                ("Configuração do SO", "Estação de trabalho autônoma"),
                ("Hotfix(es)", "2 hotfix(es) instalado(s)."),
                ("", "[01]: KB5030651"),
                ("", "[02]: KB5031455"),
            ],
        );
        let h = one(&text);
        assert_eq!(located(&h.host_name), Some(("NOTE-BR", 1)));
        assert_eq!(build(&h), Some((Some((10, 0)), 22621, None, 3)));
        assert_eq!(product(&h), Some((ProductTypeHint::Client, 5)));
        assert_eq!(list(&h).items.len(), 2);
    }

    #[test]
    fn a_language_missing_from_the_table_is_read_by_structure() {
        // Turkish labels (not in the table), a label with an inner colon, a hotfix field.
        let text = render(
            36,
            &[
                ("Ana Bilgisayar Adı", "MASAUSTU-TR"),
                ("İşletim Sistemi Adı", "Microsoft Windows 10 Pro"),
                ("İşletim Sistemi Sürümü", "10.0.19042 Yok Derleme 19042"),
                ("İşletim Sistemi Üreticisi", "Microsoft Corporation"),
                ("İşletim Sistemi Yapılandırması", "Tek Başına İş İstasyonu"),
                ("Sanal Bellek: En Büyük Boyut", "9.000 MB"),
                ("Sanal Bellek: Kullanılabilir", "4.000 MB"),
                ("Sanal Bellek: Kullanımda", "5.000 MB"),
                ("Düzeltme(ler)", "2 Düzeltme Yüklü."),
                ("", "[01]: KB5006670"),
                ("", "[02]: KB4562830"),
                ("Ağ Kartları", "1 NIC Yüklü."),
                ("", "[01]: Intel(R) Dual Band Wireless-AC 8260"),
            ],
        );
        let h = one(&format!("\n{text}\n"));
        assert_eq!((h.first_line, h.last_line), (2, 14));
        assert_eq!(located(&h.host_name), Some(("MASAUSTU-TR", 2)));
        assert_eq!(located(&h.os_name), Some(("Microsoft Windows 10 Pro", 3)));
        assert_eq!(build(&h), Some((Some((10, 0)), 19042, None, 4)));
        // The configuration field is found, but its words are not known: no guess.
        assert_eq!(h.product_type, None);
        let l = list(&h);
        assert_eq!((l.items.len(), kb(l, 0), l.declared.clone()), (2, ("KB5006670", 11), Some(Located::new(2, 10))));
    }

    #[test]
    fn console_hard_wraps_are_joined() {
        let text = [
            "Host Name:                 WRAPPED",
            "OS Name:                   Microsoft Windows 10 Pro",
            "OS Version:                10.0.19042 N/A Build 19042",
            "OS Manufacturer:           Microsoft Corporation",
            "OS Configuration:          Sta",
            "ndalone Workstation",
            "System Type:               x6",
            "4-based PC",
            "Hotfix(s):                 3 Hotfix(s) Installed.",
            "                           [01]: KB5006670",
            "                           [02]:",
            "KB5006753",
            "                           [03]: KB500",
            "7253",
            "Network Card(s):           1 NIC(s) Installed.",
        ]
        .join("\n");
        let h = one(&text);
        assert_eq!((h.first_line, h.last_line), (1, 15));
        assert_eq!(product(&h), Some((ProductTypeHint::Client, 5)));
        let l = list(&h);
        let kbs: Vec<(&str, u32)> = l.items.iter().map(|i| (i.value.as_str(), i.line)).collect();
        assert_eq!(kbs, [("KB5006670", 10), ("KB5006753", 11), ("KB5007253", 13)]);
        assert_eq!(l.completeness, Completeness::Complete);
        assert_eq!(h.notes, vec![Located::new(Note::WrappedLinesJoined, 6)]);
    }

    #[test]
    fn a_full_console_line_wraps_at_the_end_but_prose_after_the_output_is_not_a_piece() {
        let nic = format!(
            "{}[01]: Intel(R) Dual Band Wireless-AC 8260 Virtual Adapter ExtraLongNameFromTheVendor2",
            " ".repeat(27)
        );
        let (head, tail) = nic.split_at(80);
        let text = format!(
            "OS Name:                   Microsoft Windows 10 Pro\nOS Version:                10.0.19045 N/A Build 19045\nNetwork Card(s):           1 NIC(s) Installed.\n{head}\n{tail}\n"
        );
        let h = one(&text);
        assert_eq!((h.last_line, h.notes.clone()), (5, vec![Located::new(Note::WrappedLinesJoined, 5)]));

        let text = format!("My server:\n{}\nThanks in advance\n", LIST_32.trim());
        let h = one(&text);
        assert_eq!((h.first_line, h.last_line), (2, 76));
        assert!(h.notes.is_empty());
    }

    #[test]
    fn several_outputs_in_one_paste_with_prompts_fences_and_prose() {
        let text = format!(
            "Here are my two servers: the first one\n```\nC:\\Users\\admin>systeminfo\n{SRV2019}```\n\nand the second:\n\n{LIST_32}\n{SRV2019}\nThat's all. Thanks!\n"
        );
        let hs = hosts(&text);
        let names: Vec<Option<(&str, u32)>> = hs.iter().map(|h| located(&h.host_name)).collect();
        assert_eq!(names, [Some(("WIN-O863JARO7CM", 5)), Some(("HIGHWAYSTAR", 56)), Some(("WIN-O863JARO7CM", 133))]);
        let ranges: Vec<(u32, u32)> = hs.iter().map(|h| (h.first_line, h.last_line)).collect();
        assert_eq!(ranges, [(5, 50), (56, 130), (133, 178)]);
        assert!(hs.iter().all(|h| h.notes.is_empty()));
    }

    #[test]
    fn hotfix_only_pastes() {
        let h = one("                           [01]: KB5010472\n                           [02]: KB4537759\n");
        assert_eq!((h.first_line, h.last_line, h.host_name.clone(), h.version.clone()), (1, 2, None, None));
        assert_eq!(list(&h).items.len(), 2);
        let h = one("Hotfix(s):                 2 Hotfix(s) Installed.\n                           [01]: KB5010472\n");
        let l = list(&h);
        assert_eq!((l.items.len(), l.completeness), (1, Completeness::Truncated { declared: Some(2), listed: 1 }));
    }

    #[test]
    fn author_elision_in_japanese() {
        let text = render(
            24,
            &[
                ("OS バージョン", "10.0.17763 N/A ビルド 17763"),
                ("ホットフィックス", "12 ホットフィックスがインストールされています。"),
                ("", "[01]: KB4470788"),
                ("", "～～～ 省略 ～～～"),
                ("", "[12]: KB5031361"),
            ],
        );
        let l = list(&one(&text)).clone();
        assert_eq!((l.items.len(), l.completeness), (2, Completeness::Elided));
    }

    #[test]
    fn python_repr_of_an_output() {
        let text = "out = '\\r\\nHost Name:                 PYHOST\\r\\nOS Name:                   Microsoft Windows Server 2016 Standard\\r\\nOS Version:                10.0.14393 N/A Build 14393\\r\\nLogon Server:              \\\\\\\\PYHOST\\r\\nHotfix(s):                 1 Hotfix(s) Installed.\\r\\n                           [01]: KB5006669\\r\\n'";
        let h = one(text);
        assert_eq!((h.first_line, h.last_line), (1, 1));
        assert_eq!(located(&h.host_name), Some(("PYHOST", 1)));
        assert_eq!(build(&h).map(|b| b.1), Some(14393));
        assert_eq!(kb(list(&h), 0), ("KB5006669", 1));
    }

    #[test]
    fn mojibake_labels_still_give_the_build() {
        // A CP850 Spanish file read as CP437: `ó` became `¢`.
        let text = "Nombre de host:                            PC-ES\nNombre del sistema operativo:              Microsoft Windows 10 Education\nVersi¢n del sistema operativo:             10.0.17763 N/D Compilaci¢n 17763\nFabricante del sistema operativo:          Microsoft Corporation\n";
        let h = one(text);
        assert_eq!(build(&h).map(|b| (b.1, b.3)), Some((17763, 3)));
        assert_eq!(h.notes, vec![Located::new(Note::Mojibake, 3)]);
    }

    #[test]
    fn nothing_from_prose_empty_or_garbage() {
        for t in [
            "",
            "\n\n   \n",
            "Note: I ran this on my PC.\nIt said: nothing useful.",
            "Host Name is what you want.\n",
            "System Type:               x64-based PC\nProcessor(s):              1 Processor(s) Installed.\n",
            "\u{0}\u{1}:: ::\n[]: \n[\n]: KB\n",
            "Microsoft Windows [Version 10.0.19045.2251]\n(c) Microsoft Corporation. All rights reserved.\n",
        ] {
            assert!(hosts(t).is_empty(), "{t:?}");
        }
    }
}
