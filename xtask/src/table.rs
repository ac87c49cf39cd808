//! `core/data/acs-updates.tsv`: reading it, and merging derived rows into it.
//!
//! Rows already there are never changed: a derived row that disagrees with one (release date, kind or
//! revision) is a conflict, printed, and the command fails without writing, unless the difference is
//! recorded with its explanation in `xtask/data/known-differences.tsv`. New rows are inserted in their
//! build's block in date order, with the build's product label and the source they came from.

use std::collections::BTreeSet;

use crate::date::Date;
use crate::derive::{Derived, Kind};

pub const HEADER: &str =
    "product\tbuild\tkb\trelease_date\tos_build_with_revision\tkind\tqualifies_for_acs\tsource_url";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub product: String,
    pub build: u32,
    pub kb: u32,
    pub date: Date,
    pub revision: Option<u32>,
    pub kind: String,
    pub qualifies: String,
    pub source: String,
}

impl Row {
    pub fn to_line(&self) -> String {
        let rev = self.revision.map(|r| format!("{}.{r}", self.build)).unwrap_or_default();
        format!(
            "{}\t{}\tKB{}\t{}\t{rev}\t{}\t{}\t{}",
            self.product, self.build, self.kb, self.date, self.kind, self.qualifies, self.source
        )
    }

    fn parse(line: &str) -> Result<Row, String> {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() != 8 {
            return Err(format!("expected 8 tab-separated cells, found {}", c.len()));
        }
        let build: u32 = c[1].parse().map_err(|_| format!("bad build {:?}", c[1]))?;
        let kb = c[2].strip_prefix("KB").and_then(|k| k.parse().ok()).ok_or_else(|| format!("bad kb {:?}", c[2]))?;
        let date =
            Date::parse(c[3]).filter(|_| c[3].len() == 10).ok_or_else(|| format!("bad release_date {:?}", c[3]))?;
        let revision = match c[4] {
            "" => None,
            s => {
                let (b, r) = s.split_once('.').ok_or_else(|| format!("bad os_build_with_revision {s:?}"))?;
                if b.parse::<u32>().ok() != Some(build) {
                    return Err(format!("os_build_with_revision {s:?} names another build"));
                }
                Some(r.parse().map_err(|_| format!("bad revision in {s:?}"))?)
            }
        };
        Ok(Row {
            product: c[0].into(),
            build,
            kb,
            date,
            revision,
            kind: c[5].into(),
            qualifies: c[6].into(),
            source: c[7].into(),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Line {
    /// Comments, blank lines and the header, kept as they are.
    Text(String),
    Row(Row),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    lines: Vec<Line>,
}

/// A recorded, explained disagreement between the table and Microsoft's documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownDifference {
    pub build: u32,
    pub kb: u32,
    pub explanation: String,
}

pub fn parse_known_differences(text: &str) -> Result<Vec<KnownDifference>, String> {
    let mut out = Vec::new();
    let mut header = false;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() != 5 {
            return Err(format!("line {}: expected 5 tab-separated cells", i + 1));
        }
        if !header {
            header = true;
            continue;
        }
        let build = c[0].parse().map_err(|_| format!("line {}: bad build", i + 1))?;
        let kb =
            c[1].strip_prefix("KB").and_then(|k| k.parse().ok()).ok_or_else(|| format!("line {}: bad kb", i + 1))?;
        if c[4].trim().is_empty() {
            return Err(format!("line {}: a known difference needs its explanation", i + 1));
        }
        out.push(KnownDifference { build, kb, explanation: format!("table: {}; documents: {}; {}", c[2], c[3], c[4]) });
    }
    Ok(out)
}

/// What a merge did or would do.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Merge {
    /// New rows, in the order they were inserted.
    pub added: Vec<Row>,
    /// Derived rows already in the table, identical.
    pub duplicates: usize,
    /// Derived rows that disagree with the table: the command fails.
    pub conflicts: Vec<String>,
    /// Disagreements recorded in known-differences.tsv.
    pub known: Vec<String>,
    /// Derived rows of builds the table has no rows for (so no product label).
    pub outside: Vec<String>,
}

impl Table {
    pub fn parse(text: &str) -> Result<Table, String> {
        let mut lines = Vec::new();
        let mut header = false;
        for (i, l) in text.lines().enumerate() {
            if l.starts_with('#') || l.trim().is_empty() {
                lines.push(Line::Text(l.to_string()));
            } else if !header {
                if l != HEADER {
                    return Err(format!("line {}: expected the header {HEADER:?}", i + 1));
                }
                header = true;
                lines.push(Line::Text(l.to_string()));
            } else {
                lines.push(Line::Row(Row::parse(l).map_err(|e| format!("line {}: {e}", i + 1))?));
            }
        }
        if !header {
            return Err("no header row".into());
        }
        Ok(Table { lines })
    }

    pub fn rows(&self) -> impl Iterator<Item = &Row> {
        self.lines.iter().filter_map(|l| match l {
            Line::Row(r) => Some(r),
            Line::Text(_) => None,
        })
    }

    pub fn to_text(&self) -> String {
        let mut s = String::new();
        for l in &self.lines {
            match l {
                Line::Text(t) => s.push_str(t),
                Line::Row(r) => s.push_str(&r.to_line()),
            }
            s.push('\n');
        }
        s
    }

    /// The table's rows as [`crate::derive::derive`] takes them.
    pub fn known(&self) -> Vec<crate::derive::Known> {
        self.rows()
            .map(|r| crate::derive::Known {
                build: r.build,
                kb: r.kb,
                date: r.date,
                revision: r.revision,
                kind: r.kind.clone(),
            })
            .collect()
    }

    /// The product label new rows of a build get: the newest row's of the same group (hotpatch rows
    /// have their own label on 20348).
    fn label(&self, build: u32, kind: Kind) -> Option<String> {
        let hot = kind == Kind::Hotpatch;
        self.rows()
            .filter(|r| r.build == build && (r.kind == Kind::Hotpatch.as_str()) == hot)
            .max_by_key(|r| r.date)
            .or_else(|| self.rows().filter(|r| r.build == build).max_by_key(|r| r.date))
            .map(|r| r.product.clone())
    }

    /// `qualifies_for_acs` of a new row, by the rules of windows-acs-support.md §2: security-only
    /// updates are not cumulative, and nothing released before the build's first qualifying update
    /// qualifies; every later cumulative update does.
    fn qualifies(&self, build: u32, kind: Kind, date: Date) -> &'static str {
        let first = self.rows().filter(|r| r.build == build && r.qualifies == "first").map(|r| r.date).min();
        if kind == Kind::SecurityOnly || first.is_some_and(|f| date < f) {
            "no"
        } else {
            "yes"
        }
    }

    fn agrees(r: &Row, d: &Derived) -> bool {
        r.date == d.date
            && r.kind == d.kind.as_str()
            && (r.revision.is_none() || d.revision.is_none() || r.revision == d.revision)
    }

    /// Merges derived rows. With conflicts nothing is changed.
    pub fn merge(&mut self, derived: &[Derived], known: &[KnownDifference]) -> Merge {
        let mut m = Merge::default();
        let mut new: Vec<Row> = Vec::new();
        let mut seen = BTreeSet::new();
        for d in derived {
            if !seen.insert((d.build, d.kb)) {
                m.conflicts.push(format!("KB{} derived twice for build {}", d.kb, d.build));
                continue;
            }
            let existing: Vec<&Row> = self.rows().filter(|r| r.build == d.build && r.kb == d.kb).collect();
            let derived_text = format!(
                "{} {} {} ({})",
                d.date,
                d.revision.map(|r| format!("{}.{r}", d.build)).unwrap_or_else(|| "-".into()),
                d.kind.as_str(),
                d.source
            );
            if existing.iter().any(|r| Table::agrees(r, d)) {
                m.duplicates += 1;
            } else if let Some(r) = existing.first() {
                let table_text = format!(
                    "{} {} {}",
                    r.date,
                    r.revision.map(|x| format!("{}.{x}", r.build)).unwrap_or_else(|| "-".into()),
                    r.kind
                );
                let what =
                    format!("build {} KB{}: table says {table_text}; the documents say {derived_text}", d.build, d.kb);
                match known.iter().find(|k| k.build == d.build && k.kb == d.kb) {
                    Some(k) => m.known.push(format!("{what} — known: {}", k.explanation)),
                    None => m.conflicts.push(what),
                }
            } else {
                match self.label(d.build, d.kind) {
                    Some(product) => new.push(Row {
                        product,
                        build: d.build,
                        kb: d.kb,
                        date: d.date,
                        revision: d.revision,
                        kind: d.kind.as_str().into(),
                        qualifies: self.qualifies(d.build, d.kind, d.date).into(),
                        source: d.source.clone(),
                    }),
                    None => m.outside.push(format!(
                        "build {} KB{} {derived_text}: the table has no rows for this build",
                        d.build, d.kb
                    )),
                }
            }
        }
        if !m.conflicts.is_empty() {
            return m;
        }
        new.sort_by_key(|r| (r.build, r.date, r.revision, r.kb));
        for r in new {
            self.insert(r.clone());
            m.added.push(r);
        }
        m
    }

    /// Inserts a row after the last row of its build released on or before it (or before the build's
    /// first row).
    fn insert(&mut self, row: Row) {
        let mut after = None;
        let mut first = None;
        for (i, l) in self.lines.iter().enumerate() {
            if let Line::Row(r) = l {
                if r.build == row.build {
                    first.get_or_insert(i);
                    if (r.date, r.revision) <= (row.date, row.revision) {
                        after = Some(i);
                    }
                }
            }
        }
        let at = match (after, first) {
            (Some(i), _) => i + 1,
            (None, Some(i)) => i,
            (None, None) => self.lines.len(),
        };
        self.lines.insert(at, Line::Row(row));
    }
}
