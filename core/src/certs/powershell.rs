//! PowerShell `Cert:` drive outputs (certificates.md §5.2). Property names and headers are not
//! localised; dates are (and are not read).
//!
//! Real shapes handled:
//!
//! ```text
//!  PSParentPath: Microsoft.PowerShell.Security\Certificate::LocalMachine\Root      <- store (5.1 and 7)
//!                                                                                     ("Directory:" in PowerShell 2–4)
//! Thumbprint                                Subject              EnhancedKeyUsageList   <- 7 adds the EKU column
//! ----------                                -------              --------------------
//! DD47BFA8CC8F94AE5CC33914C5C10D8DEE748C99  CN=DO_NOT_TRUST_FiddlerRoot, O=…            <- 7 cuts Subject with "…"
//!
//! Subject      : CN=Baltimore CyberTrust Root, OU=CyberTrust, O=Baltimore, C=IE       <- | Format-List
//! Thumbprint   : D4DE20D05E66FC53FE1A50882C78DB2852CAE474
//!
//! #TYPE System.Security.Cryptography.X509Certificates.X509Certificate2              <- | Export-Csv
//! "PSPath","PSParentPath",…,"Thumbprint",…,"Subject"
//!
//! Get-ChildItem : Cannot find path 'Cert:\LocalMachine\Root\F400…' because it does not exist.
//! Get-ChildItem : パス 'Cert:\LocalMachine\Root\F400…' が存在しないため検出できません。
//! ```
//!
//! Only the thumbprint identifies a certificate: a cut thumbprint gives an entry without one (and the
//! listing is then incomplete), a cut subject never claims a name. The store comes from the
//! `PSParentPath` header right above a table, a `PSParentPath` column or property, or the
//! `Cert:\<location>\<store>` path of the command line before the output. A command that filters
//! (`Cert:\…\Root\<thumbprint>`, `| Where-Object …`, `| findstr …`) makes the listing partial.

use super::{parse_sha1, ListingEntry, NotFound, StoreListing, StoreScope};
use crate::evidence::{InputKind, Located};

/// The store and filter a command line or header gives.
#[derive(Debug, Clone, Default)]
struct Context {
    store: Option<Located<String>>,
    filter: Option<Located<String>>,
    line: Option<u32>,
}

/// `Microsoft.PowerShell.Security\Certificate::LocalMachine\Root` or `Cert:\LocalMachine\Root\…` →
/// (`LocalMachine\Root`, the id after the store if any).
fn cert_path(s: &str) -> Option<(String, Option<String>)> {
    let lower = s.to_ascii_lowercase();
    let start = lower
        .find("certificate::")
        .map(|i| i + "certificate::".len())
        .or_else(|| lower.find("cert:").map(|i| i + 5))?;
    let tail = &s[start..];
    let end =
        tail.find(|c: char| c.is_whitespace() || matches!(c, '\'' | '"' | '|' | ')' | ',' | ';')).unwrap_or(tail.len());
    let segs: Vec<&str> = tail[..end].split(['\\', '/']).filter(|x| !x.is_empty()).collect();
    match segs.as_slice() {
        [location, store, rest @ ..] => Some((format!("{location}\\{store}"), rest.first().map(|s| s.to_string()))),
        _ => None,
    }
}

fn scope_of(store: Option<&Located<String>>) -> StoreScope {
    match store {
        Some(s) if super::is_trusted_root_store(&s.value) => StoreScope::TrustedRoot,
        _ => StoreScope::Other,
    }
}

/// A thumbprint cell: 40 hex digits, or `None` when cut (`F40042E2…`, `F400...`) or not hex.
fn thumb(cell: &str) -> Option<[u8; 20]> {
    parse_sha1(cell.trim()).filter(|_| !cell.contains(' '))
}

fn looks_like_thumb_cell(cell: &str) -> bool {
    let c = cell.trim().trim_end_matches(['…', '.']);
    c.len() >= 8 && c.chars().all(|ch| ch.is_ascii_hexdigit())
}

/// A command line: a prompt (`PS C:\> …`), or a line whose first word is a cmdlet that lists the
/// `Cert:` drive. A prompt with another command gives an empty context (it ends the previous one).
fn command_context(t: &str, n: u32) -> Option<Context> {
    let after_prompt = t.strip_prefix("PS ").and_then(|r| r.split_once('>')).map(|(_, cmd)| cmd.trim());
    let cmd = after_prompt.unwrap_or(t);
    let lower = cmd.to_ascii_lowercase();
    let first = lower.split_whitespace().next().unwrap_or("");
    let lists_drive =
        ["get-childitem", "gci", "dir", "ls", "get-item", "gi"].contains(&first) && lower.contains("cert:");
    if !lists_drive {
        return after_prompt.map(|_| Context { line: Some(n), ..Context::default() });
    }
    let (store, id) = cert_path(cmd).map_or((None, None), |(s, id)| (Some(s), id));
    let piped = lower.split('|').skip(1).map(str::trim).find(|p| {
        ["where-object", "where ", "?", "select-string", "sls ", "findstr", "grep"].iter().any(|w| p.starts_with(w))
    });
    let filter = id.or_else(|| piped.map(str::to_owned));
    Some(Context {
        store: store.map(|s| Located::new(s, n)),
        filter: filter.map(|f| Located::new(f, n)),
        line: Some(n),
    })
}

/// `PSParentPath: Microsoft.PowerShell.Security\Certificate::LocalMachine\Root` (or `Directory:`).
fn header_store(t: &str) -> Option<String> {
    let (label, value) = t.split_once(':')?;
    if label.ends_with(' ') {
        // `PSParentPath       : …` is a Format-List property, not the table's group header.
        return None;
    }
    let label = label.trim();
    (label.eq_ignore_ascii_case("PSParentPath") || label.eq_ignore_ascii_case("Directory"))
        .then(|| cert_path(value))
        .flatten()
        .map(|(s, _)| s)
}

/// Column start positions (in chars) from a dashes line: `----------   -------   ----`.
fn columns(dashes: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut prev = ' ';
    for (i, c) in dashes.chars().enumerate() {
        if c == '-' && prev != '-' {
            out.push(i);
        }
        prev = c;
    }
    out
}

fn slice_chars(s: &str, from: usize, to: Option<usize>) -> String {
    let it = s.chars().skip(from);
    match to {
        Some(to) => it.take(to.saturating_sub(from)).collect(),
        None => it.collect(),
    }
}

fn make(ctx: &Context, store: Option<Located<String>>, entries: Vec<ListingEntry>, first: u32) -> StoreListing {
    let store = store.or_else(|| ctx.store.clone());
    let first = store.as_ref().map_or(first, |s| s.line.min(first));
    StoreListing {
        kind: InputKind::PowershellCerts,
        scope: scope_of(store.as_ref()),
        store,
        filter: ctx.filter.clone(),
        complete: entries.iter().all(|e| e.sha1.is_some()),
        entries,
        not_found: None,
        first_line: ctx.line.unwrap_or(first).min(first),
    }
}

/// Every PowerShell certificate listing in `text`.
pub fn recognise(text: &str) -> Vec<StoreListing> {
    let lines: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let mut out = Vec::new();
    let mut ctx = Context::default();
    let mut header: Option<(Located<String>, usize)> = None;
    let mut records: Vec<ListingEntry> = Vec::new();
    let mut records_store: Option<Located<String>> = None;
    let mut record: (Option<ListingEntry>, bool) = (None, false);
    let mut i = 0;
    while i < lines.len() {
        let n = i as u32 + 1;
        let raw = lines[i];
        let t = raw.trim();

        if let Some(path) = not_found_path(t) {
            if let Some((store, id)) = cert_path(&path) {
                let store = Some(Located::new(store, n));
                out.push(StoreListing {
                    kind: InputKind::PowershellCerts,
                    scope: scope_of(store.as_ref()),
                    store,
                    filter: id.clone().map(|q| Located::new(q, n)),
                    entries: Vec::new(),
                    not_found: Some(NotFound { query: id, line: n }),
                    complete: true,
                    first_line: ctx.line.unwrap_or(n).min(n),
                });
            }
            i += 1;
            continue;
        }
        if let Some(c) = command_context(t, n) {
            flush_records(&mut out, &ctx, &mut records, &mut records_store, &mut record);
            ctx = c;
            i += 1;
            continue;
        }
        if let Some(s) = header_store(t) {
            header = Some((Located::new(s, n), i));
            i += 1;
            continue;
        }
        // Default table: a `Thumbprint … Subject` header over a dashes line.
        let next = lines.get(i + 1).map(|l| l.trim_end()).unwrap_or("");
        if t.starts_with("Thumbprint") && t.contains("Subject") && next.trim_start().starts_with("----------") {
            flush_records(&mut out, &ctx, &mut records, &mut records_store, &mut record);
            let cols = columns(next);
            let store = header.take().filter(|(_, at)| i - at <= 3).map(|(s, _)| s);
            let mut entries = Vec::new();
            let mut j = i + 2;
            while let Some(row) = lines.get(j).map(|l| l.strip_suffix('\r').unwrap_or(l)) {
                let first = row.split_whitespace().next().unwrap_or("");
                if row.trim().is_empty() || !looks_like_thumb_cell(first) {
                    break;
                }
                let subject = match (cols.get(1), cols.get(2)) {
                    (Some(&s), end) => slice_chars(row, s, end.copied()).trim().to_owned(),
                    _ => row.trim_start().get(first.len()..).unwrap_or("").trim().to_owned(),
                };
                entries.push(ListingEntry {
                    sha1: thumb(first),
                    subject: (!subject.is_empty()).then_some(subject),
                    issuer: None,
                    serial: None,
                    line: j as u32 + 1,
                });
                j += 1;
            }
            out.push(make(&ctx, store, entries, n));
            i = j;
            continue;
        }
        // Export-Csv / ConvertTo-Csv: a header row with a Thumbprint column.
        // Parse as CSV only a line that can be the header (systeminfo has commas on most lines).
        if t.contains("Thumbprint") && t.contains(',') && csv_row(t).iter().any(|c| c == "Thumbprint") {
            flush_records(&mut out, &ctx, &mut records, &mut records_store, &mut record);
            let head = csv_row(t);
            let col = |name: &str| head.iter().position(|c| c == name);
            let (tc, sc, pc) = (col("Thumbprint"), col("Subject"), col("PSParentPath"));
            let mut entries = Vec::new();
            let mut store = None;
            let mut j = i + 1;
            while let Some(row) = lines.get(j).map(|l| l.trim()) {
                let cells = csv_row(row);
                if row.is_empty() || cells.len() != head.len() {
                    break;
                }
                let cell = |c: Option<usize>| c.and_then(|c| cells.get(c)).map(String::as_str).unwrap_or("");
                if store.is_none() {
                    store = cert_path(cell(pc)).map(|(s, _)| Located::new(s, j as u32 + 1));
                }
                let subject = cell(sc).trim();
                entries.push(ListingEntry {
                    sha1: thumb(cell(tc)),
                    subject: (!subject.is_empty()).then(|| subject.to_owned()),
                    issuer: None,
                    serial: None,
                    line: j as u32 + 1,
                });
                j += 1;
            }
            if !entries.is_empty() {
                out.push(make(&ctx, store, entries, n));
            }
            i = j;
            continue;
        }
        // Format-List: `Name : value` records separated by blank lines.
        if t.is_empty() {
            end_record(&mut records, &mut record);
        } else if let Some((name, value)) = t.split_once(" : ").or_else(|| t.split_once(" :")) {
            let name = name.trim();
            let value = value.trim();
            let e =
                record.0.get_or_insert(ListingEntry { sha1: None, subject: None, issuer: None, serial: None, line: n });
            match name {
                "Thumbprint" => {
                    e.sha1 = thumb(value);
                    e.line = n;
                    record.1 = true;
                }
                "Subject" if e.subject.is_none() => e.subject = Some(value.to_owned()),
                "Issuer" if e.issuer.is_none() && !value.is_empty() => e.issuer = Some(value.to_owned()),
                "SerialNumber" if value.chars().all(|c| c.is_ascii_hexdigit()) && !value.is_empty() => {
                    e.serial = Some(value.to_ascii_uppercase())
                }
                "PSParentPath" if records_store.is_none() => {
                    records_store = cert_path(value).map(|(s, _)| Located::new(s, n));
                }
                _ => {}
            }
        } else if !raw.starts_with(' ') {
            // Something else: the records (if any) and the command's output have ended.
            flush_records(&mut out, &ctx, &mut records, &mut records_store, &mut record);
            ctx = Context::default();
        }
        i += 1;
    }
    flush_records(&mut out, &ctx, &mut records, &mut records_store, &mut record);
    out
}

fn end_record(records: &mut Vec<ListingEntry>, record: &mut (Option<ListingEntry>, bool)) {
    if let (Some(e), true) = std::mem::take(record) {
        records.push(e);
    }
}

fn flush_records(
    out: &mut Vec<StoreListing>,
    ctx: &Context,
    records: &mut Vec<ListingEntry>,
    store: &mut Option<Located<String>>,
    record: &mut (Option<ListingEntry>, bool),
) {
    end_record(records, record);
    if !records.is_empty() {
        let entries = std::mem::take(records);
        let first = entries.iter().map(|e| e.line).min().unwrap_or(1);
        out.push(make(ctx, store.take(), entries, first));
    }
    *store = None;
}

/// The quoted `Cert:\…` path of a "Cannot find path" error, in English or Japanese.
fn not_found_path(t: &str) -> Option<String> {
    let lower = t.to_ascii_lowercase();
    if !(lower.contains("cannot find path") || lower.contains("does not exist") || t.contains("存在しないため"))
    {
        return None;
    }
    let start = lower.find("'cert:")? + 1;
    let len = t[start..].find('\'')?;
    Some(t[start..start + len].to_owned())
}

/// One CSV line (PowerShell quotes every cell; `""` is a quote inside one).
fn csv_row(line: &str) -> Vec<String> {
    crate::inputs::systeminfo_csv::split_record(line).into_iter().map(|f| f.value).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(
            cert_path("Microsoft.PowerShell.Security\\Certificate::LocalMachine\\Root"),
            Some(("LocalMachine\\Root".into(), None))
        );
        assert_eq!(
            cert_path("Get-ChildItem Cert:\\LocalMachine\\Root\\F40042E2E5F7E8EF8189FED15519AECE42C3BFA2 | fl"),
            Some(("LocalMachine\\Root".into(), Some("F40042E2E5F7E8EF8189FED15519AECE42C3BFA2".into())))
        );
        assert_eq!(cert_path("Cert:\\"), None);
    }

    #[test]
    fn not_found_answers() {
        let en = "Get-ChildItem : Cannot find path 'Cert:\\LocalMachine\\Root\\F40042E2E5F7E8EF8189FED15519AECE42C3BFA2' because it does not exist.";
        let l = recognise(en);
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].scope, StoreScope::TrustedRoot);
        assert_eq!(
            l[0].not_found.as_ref().and_then(|n| n.query.as_deref()),
            Some("F40042E2E5F7E8EF8189FED15519AECE42C3BFA2")
        );
        let ja = "Get-ChildItem : パス 'Cert:\\LocalMachine\\My\\AB' が存在しないため検出できません。";
        assert_eq!(recognise(ja)[0].scope, StoreScope::Other);
    }

    #[test]
    fn cut_thumbprints_are_not_thumbprints() {
        assert!(thumb("F40042E2E5F7E8EF8189FED15519AECE42C3BFA2").is_some());
        assert!(thumb("F40042E2E5F7E8EF8189FED15519AECE42C3B…").is_none());
        assert!(looks_like_thumb_cell("F40042E2E5F7E8EF8189FED15519AECE42C3B…"));
        assert!(!looks_like_thumb_cell("----------"));
    }
}
