//! Hotfix lists, shared by every recogniser that reads one: KB normalisation, systeminfo's `[NN]: …`
//! entries, and the rules that say whether a list is complete.

use crate::evidence::{Completeness, HotfixList, Located};

use super::lines::{is_elision, leading_number};
use super::values;

/// `KB` + digits, upper case, from a hotfix id as Windows writes it: `KB5010472`, `kb5010472`,
/// `KB2378111_WM9`, `KB2510531-IE8 - Update`, `KB2536276-v2` (the suffix is dropped). `None` for
/// anything else (`File 1`, `Q147222`, `KB` without digits).
pub fn normalise_kb(id: &str) -> Option<String> {
    let t = id.trim();
    let rest = t.get(..2).filter(|p| p.eq_ignore_ascii_case("KB")).and_then(|_| t.get(2..))?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(4..=8).contains(&digits) {
        return None;
    }
    Some(format!("KB{}", rest.get(..digits)?))
}

/// An id only a hotfix list holds: a KB, `Q147222`, or XP's `File 1`.
pub fn is_hotfix_id(value: &str) -> bool {
    let v = value.trim();
    normalise_kb(v).is_some()
        || v.strip_prefix('Q').is_some_and(|d| d.len() >= 5 && d.bytes().all(|b| b.is_ascii_digit()))
        || v.strip_prefix("File ").is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
}

/// Every `KB<digits>` token of a line that stands as a word (not inside `ABCKB1234`), normalised.
pub fn kb_tokens(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in line.char_indices() {
        if matches!(c, 'K' | 'k') && !prev.is_some_and(|p| p.is_alphanumeric()) {
            if let Some(kb) = line.get(i..).and_then(normalise_kb) {
                let end = i + kb.len();
                let next = line.get(end..).and_then(|r| r.chars().next());
                if !next.is_some_and(|n| n.is_ascii_digit()) {
                    out.push(kb);
                }
            }
        }
        prev = Some(c);
    }
    out
}

/// One line of a systeminfo hotfix field, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryLine<'a> {
    /// `[01]: KB5010472`, `[129]: KB2378111_WM9`, `[06]: File 1` (the value may be empty when the
    /// console wrapped the line after the colon).
    Item { index: u32, value: &'a str },
    /// A broken last fragment where systeminfo's buffer ran out: `[24`, `[246]` (no colon), `[`.
    Fragment,
}

/// Reads one hotfix-list line (any indentation).
pub fn entry_line(line: &str) -> Option<EntryLine<'_>> {
    let t = line.trim();
    let inner = t.strip_prefix('[')?;
    let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
    let after = inner.get(digits..)?;
    if let Some(value) = after.strip_prefix("]:") {
        return Some(EntryLine::Item { index: leading_number(inner)?, value: value.trim() });
    }
    (after.is_empty() || after == "]").then_some(EntryLine::Fragment)
}

/// Builds a [`HotfixList`] entry by entry.
#[derive(Debug, Clone, Default)]
pub struct HotfixBuilder {
    items: Vec<Located<String>>,
    /// The KBs in `items`, for de-duplication in constant time (listings can hold tens of thousands).
    seen: std::collections::HashSet<String>,
    declared: Option<Located<u32>>,
    other_entries: u32,
    listed: u32,
    last_index: Option<u32>,
    gap: bool,
    broken: bool,
    elided: bool,
    cut: bool,
}

impl HotfixBuilder {
    pub fn new() -> HotfixBuilder {
        HotfixBuilder::default()
    }

    /// The count the input declares ("22 Hotfix(s) Installed.").
    pub fn declared(&mut self, count: u32, line: u32) {
        self.declared.get_or_insert(Located::new(count, line));
    }

    /// A numbered systeminfo entry. A jump in the numbering (`[01]`, then `[245]`) means entries were
    /// removed by hand.
    pub fn numbered(&mut self, index: u32, value: &str, line: u32) {
        if let Some(last) = self.last_index {
            if index > last.saturating_add(1) {
                self.gap = true;
            }
        }
        self.last_index = Some(index);
        self.entry(value, line);
    }

    /// An entry that is a KB (normalised) or something else (`File 1`, `Q147222`, counted).
    pub fn entry(&mut self, value: &str, line: u32) {
        self.listed += 1;
        match normalise_kb(value) {
            Some(kb) => self.kb(kb, line),
            None => self.other_entries += 1,
        }
    }

    /// A KB already normalised, from a column or a token; duplicates keep the first line.
    pub fn kb(&mut self, kb: String, line: u32) {
        if self.seen.insert(kb.clone()) {
            self.items.push(Located::new(kb, line));
        }
    }

    /// The list ends in a broken fragment (`[24`).
    pub fn broken(&mut self) {
        self.broken = true;
    }

    /// The author removed entries (`.....`).
    pub fn elided(&mut self) {
        self.elided = true;
    }

    /// The list is visibly cut (`{KB1, KB2…}`, a paste that stops mid-list).
    pub fn cut(&mut self) {
        self.cut = true;
    }

    pub fn is_empty(&self) -> bool {
        self.listed == 0 && self.items.is_empty() && self.declared.is_none()
    }

    /// Entries seen (KBs, duplicates and other entries included).
    pub fn listed(&self) -> u32 {
        self.listed.max(self.items.len() as u32)
    }

    /// The list with its completeness: elided by hand, else truncated when broken, cut, or shorter than
    /// the declared count, else complete.
    pub fn finish(self) -> HotfixList {
        let listed = self.listed();
        let declared = self.declared.as_ref().map(|d| d.value);
        let completeness = if self.elided || self.gap {
            Completeness::Elided
        } else if self.broken || self.cut || declared.is_some_and(|d| d > listed) {
            Completeness::Truncated { declared, listed }
        } else {
            Completeness::Complete
        };
        HotfixList { items: self.items, declared: self.declared, completeness, other_entries: self.other_entries }
    }

    /// A list that cannot hold KB numbers (`systeminfo /fo table`), with the declared count.
    pub fn not_listed(declared: Option<Located<u32>>) -> HotfixList {
        HotfixList { items: Vec::new(), declared, completeness: Completeness::NotListed, other_entries: 0 }
    }
}

/// A systeminfo hotfix field joined into one value, as `/fo csv` and `/fo table` write it:
/// `22 Hotfix(s) Installed.,[01]: KB5010472,[02]: …`. `line_at`
/// gives the line of a byte offset in the value.
pub fn joined_hotfixes(value: &str, line_at: impl Fn(usize) -> u32) -> HotfixList {
    let mut b = HotfixBuilder::new();
    let mut offset = 0;
    for (n, piece) in value.split(',').enumerate() {
        let line = line_at(offset);
        offset += piece.len() + 1;
        match entry_line(piece) {
            Some(EntryLine::Item { value: "", .. }) => b.broken(),
            Some(EntryLine::Item { index, value }) => b.numbered(index, value, line),
            Some(EntryLine::Fragment) => b.broken(),
            None if n == 0 => {
                if let Some(count) = values::declared_count(piece) {
                    b.declared(count, line);
                }
            }
            None if is_elision(piece) => b.elided(),
            None => {}
        }
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kb_normalisation() {
        assert_eq!(normalise_kb("KB5010472").as_deref(), Some("KB5010472"));
        assert_eq!(normalise_kb(" kb5010472 ").as_deref(), Some("KB5010472"));
        assert_eq!(normalise_kb("KB2378111_WM9").as_deref(), Some("KB2378111"));
        assert_eq!(normalise_kb("KB2803821-v2_WM9").as_deref(), Some("KB2803821"));
        assert_eq!(normalise_kb("KB2510531-IE8 - Update").as_deref(), Some("KB2510531"));
        assert_eq!(normalise_kb("KB898461 - Update").as_deref(), Some("KB898461"));
        assert_eq!(normalise_kb("Q147222"), None);
        assert_eq!(normalise_kb("File 1"), None);
        assert_eq!(normalise_kb("KB"), None);
        assert_eq!(normalise_kb("KB12"), None);
        assert_eq!(normalise_kb("ＫＢ"), None);
    }

    #[test]
    fn hotfix_ids() {
        for id in ["KB5010472", "KB2378111_WM9", "Q147222", "File 1"] {
            assert!(is_hotfix_id(id), "{id}");
        }
        for not in ["Intel64 Family 6", "192.168.1.4", "Q1", "File x", ""] {
            assert!(!is_hotfix_id(not), "{not}");
        }
    }

    #[test]
    fn tokens() {
        assert_eq!(kb_tokens("Update   KB4534131   NT AUTHORITY"), vec!["KB4534131"]);
        assert_eq!(kb_tokens("{KB5044033, KB5027397, KB5044285, KB5039338...}").len(), 4);
        assert!(kb_tokens("http://support.microsoft.com/?kbid=4601056").is_empty());
        assert!(kb_tokens("ABCKB1234567 KB123456789012").is_empty());
        assert_eq!(kb_tokens("kb5005565,KB5005566"), vec!["KB5005565", "KB5005566"]);
    }

    #[test]
    fn entry_lines() {
        assert_eq!(entry_line("   [01]: KB5010472"), Some(EntryLine::Item { index: 1, value: "KB5010472" }));
        assert_eq!(
            entry_line("[136]: KB2510531-IE8 - Update"),
            Some(EntryLine::Item { index: 136, value: "KB2510531-IE8 - Update" })
        );
        assert_eq!(entry_line("  [08]:"), Some(EntryLine::Item { index: 8, value: "" }));
        assert_eq!(entry_line("  [24"), Some(EntryLine::Fragment));
        assert_eq!(entry_line("  [246]"), Some(EntryLine::Fragment));
        assert_eq!(entry_line("  [221 "), Some(EntryLine::Fragment));
        assert_eq!(entry_line("KB5010472"), None);
        assert_eq!(entry_line("[x]: y"), None);
    }

    #[test]
    fn completeness_rules() {
        let mut b = HotfixBuilder::new();
        b.declared(3, 1);
        b.numbered(1, "KB1000001", 2);
        b.numbered(2, "KB1000001", 3);
        b.numbered(3, "File 1", 4);
        let l = b.finish();
        assert_eq!((l.items.len(), l.other_entries, l.completeness), (1, 1, Completeness::Complete));

        let mut b = HotfixBuilder::new();
        b.declared(263, 1);
        b.numbered(1, "KB1000001", 2);
        b.broken();
        assert_eq!(b.finish().completeness, Completeness::Truncated { declared: Some(263), listed: 1 });

        let mut b = HotfixBuilder::new();
        b.numbered(1, "KB1000001", 2);
        b.numbered(245, "KB1000002", 3);
        assert_eq!(b.finish().completeness, Completeness::Elided);
    }
}
