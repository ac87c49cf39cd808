//! `cargo xtask refresh-updates`: documents in, rows merged, a report out.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::derive::{derive, Derivation};
use crate::products::Products;
use crate::source::{self, Document};
use crate::table::{parse_known_differences, Merge, Table};

/// The workspace root (this crate's parent directory).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))
}

pub const USAGE: &str = "\
usage: cargo xtask refresh-updates [--dry-run] [--table FILE] DOCUMENT[=SOURCE_URL]…

Merges Microsoft's monthly update data into core/data/acs-updates.tsv. A DOCUMENT is
  - an MSRC CVRF document, JSON or XML: https://api.msrc.microsoft.com/cvrf/v3.0/cvrf/<YYYY-Mon>
  - a windows-version-feed file CVE_KB_Mapping_<YYYY-Mon>.json (ZentrixLabs/windows-version-feed)
=SOURCE_URL records where the copy came from (default: the MSRC URL, or the feed's file on GitHub).
Rows already in the table are never changed: a disagreement is printed and nothing is written
(exit status 1), unless xtask/data/known-differences.tsv explains it.

  --dry-run     print what would change, write nothing
  --table FILE  the table to merge into (default: core/data/acs-updates.tsv)";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Args {
    pub dry_run: bool,
    pub table: PathBuf,
    /// (path, source URL override)
    pub documents: Vec<(PathBuf, Option<String>)>,
}

pub fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut a = Args { dry_run: false, table: root().join("core/data/acs-updates.tsv"), documents: Vec::new() };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--dry-run" => a.dry_run = true,
            "--table" => a.table = PathBuf::from(it.next().ok_or("--table needs a file")?),
            f if f.starts_with("--") => return Err(format!("unknown option {f}")),
            d => {
                let (path, url) = match d.split_once("=https://") {
                    Some((p, u)) => (p, Some(format!("https://{u}"))),
                    None => (d, None),
                };
                a.documents.push((PathBuf::from(path), url));
            }
        }
    }
    if a.documents.is_empty() {
        return Err("no documents given".into());
    }
    Ok(a)
}

pub fn read_documents(docs: &[(PathBuf, Option<String>)]) -> Result<Vec<Document>, String> {
    docs.iter()
        .map(|(path, url)| {
            let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            source::read(&bytes, &name, url.as_deref()).map_err(|e| format!("{}: {e}", path.display()))
        })
        .collect()
}

/// Everything but the file system: derive from `documents`, merge into `table`.
pub fn refresh(
    table: &mut Table,
    documents: &[Document],
    products: &Products,
    known: &[crate::table::KnownDifference],
) -> (Derivation, Merge) {
    let derivation = derive(documents, products, &table.known());
    let merge = table.merge(&derivation.rows, known);
    (derivation, merge)
}

pub fn report(documents: &[Document], d: &Derivation, m: &Merge) -> String {
    let mut s = String::new();
    for doc in documents {
        let _ = writeln!(
            s,
            "read {} ({:?}, released {}): {} remediations, from {}",
            doc.month,
            doc.kind,
            doc.date,
            doc.remediations.len(),
            doc.url
        );
    }
    if !d.outside.is_empty() {
        let names: Vec<&str> = d.outside.keys().map(String::as_str).collect();
        let _ = writeln!(s, "outside the table ({} products, ignored): {}", names.len(), names.join(", "));
    }
    for n in &d.notes {
        let _ = writeln!(s, "note: {n}");
    }
    for k in &m.known {
        let _ = writeln!(s, "known difference: {k}");
    }
    for o in &m.outside {
        let _ = writeln!(s, "not added: {o}");
    }
    let new = d.rows.len().saturating_sub(m.duplicates + m.known.len() + m.outside.len() + m.conflicts.len());
    let _ = writeln!(
        s,
        "{} rows derived: {} already in the table, {} new, {} known differences, {} conflicts",
        d.rows.len(),
        m.duplicates,
        new,
        m.known.len(),
        m.conflicts.len()
    );
    for r in &m.added {
        let _ = writeln!(s, "+ {}", r.to_line());
    }
    for c in &m.conflicts {
        let _ = writeln!(s, "CONFLICT: {c}");
    }
    s
}

/// Runs the command; returns the exit status.
pub fn run(args: &[String], out: &mut dyn std::io::Write) -> i32 {
    let fail = |out: &mut dyn std::io::Write, e: String| {
        let _ = writeln!(out, "refresh-updates: {e}");
        2
    };
    if args.iter().any(|a| a == "-h" || a == "--help") {
        let _ = writeln!(out, "{USAGE}");
        return 0;
    }
    let a = match parse_args(args) {
        Ok(a) => a,
        Err(e) => return fail(out, format!("{e}\n\n{USAGE}")),
    };
    let data = root().join("xtask/data");
    let products = match Products::load(&data.join("msrc-products.tsv")) {
        Ok(p) => p,
        Err(e) => return fail(out, e),
    };
    let known_path = data.join("known-differences.tsv");
    let known =
        match std::fs::read_to_string(&known_path).map_err(|e| e.to_string()).and_then(|t| parse_known_differences(&t))
        {
            Ok(k) => k,
            Err(e) => return fail(out, format!("{}: {e}", known_path.display())),
        };
    let text = match std::fs::read_to_string(&a.table) {
        Ok(t) => t,
        Err(e) => return fail(out, format!("{}: {e}", a.table.display())),
    };
    let mut table = match Table::parse(&text) {
        Ok(t) => t,
        Err(e) => return fail(out, format!("{}: {e}", a.table.display())),
    };
    let documents = match read_documents(&a.documents) {
        Ok(d) => d,
        Err(e) => return fail(out, e),
    };
    let (derivation, merge) = refresh(&mut table, &documents, &products, &known);
    let _ = write!(out, "{}", report(&documents, &derivation, &merge));
    if !merge.conflicts.is_empty() {
        let _ = writeln!(out, "{} conflicts: {} not changed", merge.conflicts.len(), a.table.display());
        return 1;
    }
    if a.dry_run || merge.added.is_empty() {
        let _ = writeln!(out, "{} not changed{}", a.table.display(), if a.dry_run { " (dry run)" } else { "" });
        return 0;
    }
    if let Err(e) = std::fs::write(&a.table, table.to_text()) {
        return fail(out, format!("{}: {e}", a.table.display()));
    }
    let _ = writeln!(out, "{}: {} rows added", a.table.display(), merge.added.len());
    0
}
