//! `certutil -store` listings (any language) and certutil's "not found" answer.
//!
//! Real shapes handled (certificates.md §4, §5.1):
//!
//! ```text
//! C:\>certutil -store Root F40042E2E5F7E8EF8189FED15519AECE42C3BFA2     <- command line (optional)
//! Root "Trusted Root Certification Authorities"                         <- store line; ja: Root "信頼されたルート証明機関"
//! ================ Certificate 0 ================                       <- one block per certificate; ja: 証明書 0
//! Serial Number: 5498d2d1d45b1995481379c811c08799
//! Issuer: CN=…
//! Subject: CN=…                                                          <- de: Antragsteller, ja: サブジェクト
//! Cert Hash(sha1): f40042e2e5f7e8ef8189fed15519aece42c3bfa2              <- or "f4 00 42 …" (older builds)
//! CertUtil: -store command completed successfully.
//! ```
//!
//! and, when a queried certificate is not in the store:
//!
//! ```text
//! CertUtil: -store command FAILED: 0x80092004 (-2146885628 CRYPT_E_NOT_FOUND)
//! CertUtil: Cannot find object or property.          <- ja: オブジェクトまたはプロパティが見つかりませんでした。
//! ```
//!
//! A paste is cut into sections: a `certutil` command line starts one, and so does a store line, a
//! separator or a not-found answer after a section has ended (`CertUtil: …` status line). The store
//! comes from the store line, else from the command line. Blocks are keyed on the separators and the
//! `(sha1)` hash line only, so unknown languages still give thumbprints; the localised subject labels
//! are in `data/certutil-labels.tsv`. `(sha1)` lines outside any block (`certutil -dump file.cer`, a
//! pasted fragment) form one entry of a listing that names no store.
//!
//! The not-found answer keeps the queried id when the command line is in the paste; when it is not,
//! [`super::root`] takes it as the answer to the root query this tool suggests, unless the section's
//! store line names another store.

use super::{parse_sha1, ListingEntry, NotFound, StoreListing, StoreScope};
use crate::evidence::{InputKind, Located};
use crate::tables::CERTUTIL_LABELS;

/// A `certutil` command line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Command {
    /// The command is `-store` / `-verifystore` (another verb's output is no store listing).
    lists_store: bool,
    store: Option<String>,
    query: Option<String>,
    line: u32,
}

#[derive(Debug, Default)]
struct Block {
    line: u32,
    lines: Vec<(u32, String)>,
}

#[derive(Debug, Default)]
struct Section {
    command: Option<Command>,
    store_line: Option<Located<String>>,
    blocks: Vec<Block>,
    loose: Option<Block>,
    not_found: Option<u32>,
    /// A `CertUtil: …` status line or a not-found answer ended the output.
    closed: bool,
}

impl Section {
    fn is_empty(&self) -> bool {
        self.command.is_none()
            && self.store_line.is_none()
            && self.blocks.is_empty()
            && self.loose.is_none()
            && self.not_found.is_none()
    }
}

fn labels(field: &str) -> impl Iterator<Item = &'static str> + '_ {
    CERTUTIL_LABELS.iter().filter(move |(f, _, _)| *f == field).map(|(_, _, l)| *l)
}

/// `label: value` with an ASCII or full-width colon.
fn split_label(line: &str) -> Option<(&str, &str)> {
    let i = line.find([':', '：'])?;
    let colon = line[i..].chars().next().map_or(1, char::len_utf8);
    Some((line[..i].trim(), line[i + colon..].trim()))
}

/// `================ Certificate 0 ================` in any language.
fn is_separator(t: &str) -> bool {
    if !(t.starts_with("====") && t.ends_with("====")) {
        return false;
    }
    let inner = t.trim_matches('=').trim();
    inner.rsplit_once(' ').is_some_and(|(word, n)| !word.trim().is_empty() && n.parse::<u32>().is_ok())
}

fn is_status(t: &str) -> bool {
    t.get(..9).is_some_and(|p| p.eq_ignore_ascii_case("certutil:"))
}

fn is_not_found(t: &str) -> bool {
    t.contains("CRYPT_E_NOT_FOUND")
        || t.to_ascii_lowercase().contains("0x80092004")
        || t.contains("-2146885628")
        || labels("not_found").any(|l| t.contains(l))
}

/// `Root "Trusted Root Certification Authorities"`: a store name, a space, a quoted display name.
fn store_line(t: &str) -> Option<String> {
    let (name, rest) = t.split_once(' ')?;
    let quoted = rest.trim();
    let ok_name = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    (ok_name && quoted.len() >= 3 && quoted.starts_with('"') && quoted.ends_with('"')).then(|| name.to_owned())
}

/// Splits a command line into words, keeping `"quoted words"` whole (quotes removed).
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            c => {
                cur.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(cur);
    }
    out
}

/// A `certutil …` command line (possibly after a prompt or other commands joined with `&`).
fn command(t: &str, line: u32) -> Option<Command> {
    if is_status(t) {
        return None;
    }
    let w = words(t);
    let start = w.iter().position(|x| {
        let l = x.to_ascii_lowercase();
        l.ends_with("certutil") || l.ends_with("certutil.exe")
    })?;
    let args: Vec<&String> = w[start + 1..]
        .iter()
        .take_while(|x| !matches!(x.as_str(), "&" | "&&" | "|" | "||" | ";") && !x.starts_with('>'))
        .collect();
    // `certutil -store Root | findstr …`: the output shows matching lines only.
    let piped_filter = w.get(start + 1 + args.len()).filter(|x| x.as_str() == "|").and_then(|_| {
        let rest = w.get(start + 2 + args.len()..)?;
        let tool = rest.first()?.to_ascii_lowercase();
        ["findstr", "find", "select-string", "sls", "grep", "where-object", "?", "where"]
            .contains(&tool.as_str())
            .then(|| rest.join(" "))
    });
    let verb = args.iter().position(|a| {
        let l = a.to_ascii_lowercase();
        matches!(l.trim_start_matches(['-', '/']), "store" | "verifystore")
            && (l.starts_with('-') || l.starts_with('/'))
    });
    let Some(verb) = verb else {
        return Some(Command { lists_store: false, store: None, query: None, line });
    };
    let mut rest = args[verb + 1..].iter().filter(|a| !(a.starts_with('-') || a.starts_with('/')));
    let store = rest.next().map(|s| s.to_string());
    Some(Command { lists_store: true, store, query: rest.next().map(|s| s.to_string()).or(piped_filter), line })
}

/// A DN as certutil prints it (`CN=…, O=…`, `OU=…`, `DC=…`).
fn is_dn(value: &str) -> bool {
    value.contains("CN=") || ["O=", "OU=", "DC=", "C="].iter().any(|p| value.starts_with(p))
}

/// The certificate hash of a block: the `(sha1)` line labelled as the certificate hash, else the only
/// one, else the last (certutil -v also prints key-id hashes before it).
///
/// The subject: the line with a known subject label (`data/certutil-labels.tsv`); in other languages,
/// the second DN-valued line, because certutil prints the issuer before the subject. A single
/// unlabelled DN line is not taken: it may be the issuer, and an issuer named like the root (PCA 2021)
/// must never read as a look-alike.
fn block_entry(b: &Block) -> ListingEntry {
    let mut candidates: Vec<(bool, Option<[u8; 20]>)> = Vec::new();
    let mut subject = None;
    let mut issuer = None;
    let mut serial = None;
    let mut dn_lines: Vec<&str> = Vec::new();
    for (_, l) in &b.lines {
        let t = l.trim();
        let lower = t.to_lowercase();
        if let Some(i) = lower.find("(sha1)") {
            let label = &lower[..i + "(sha1)".len()];
            let is_cert = labels("cert_hash").any(|c| label.trim() == c.to_lowercase());
            let value = lower[i + "(sha1)".len()..].trim_start_matches([':', '：', ' ']);
            candidates.push((is_cert, parse_sha1(value.trim())));
            continue;
        }
        if let Some((label, value)) = split_label(t) {
            if labels("serial").any(|s| s.eq_ignore_ascii_case(label)) {
                let hex: String = value.chars().filter(|c| !c.is_whitespace()).collect();
                if !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()) {
                    serial.get_or_insert_with(|| hex.to_ascii_uppercase());
                }
                continue;
            }
            if !is_dn(value) {
                continue;
            }
            dn_lines.push(value);
            if labels("subject").any(|s| s.eq_ignore_ascii_case(label)) {
                subject.get_or_insert_with(|| value.to_owned());
            }
            if labels("issuer").any(|s| s.eq_ignore_ascii_case(label)) {
                issuer.get_or_insert_with(|| value.to_owned());
            }
        }
    }
    let sha1 = candidates
        .iter()
        .find(|(c, h)| *c && h.is_some())
        .or_else(|| if candidates.len() == 1 { candidates.first() } else { None })
        .or_else(|| candidates.iter().rev().find(|(_, h)| h.is_some()))
        .and_then(|(_, h)| *h);
    // certutil prints the issuer line before the subject line.
    let issuer = issuer.or_else(|| (dn_lines.len() >= 2).then(|| dn_lines[0].to_string()));
    let subject = subject.or_else(|| dn_lines.get(1).map(|s| s.to_string()));
    ListingEntry { sha1, subject, issuer, serial, line: b.line }
}

/// Every certutil listing or not-found answer in `text`.
pub fn recognise(text: &str) -> Vec<StoreListing> {
    let lines: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let mut sections: Vec<Section> = Vec::new();
    let mut cur = Section::default();
    let mut block: Option<Block> = None;

    fn finish(sections: &mut Vec<Section>, cur: &mut Section, block: &mut Option<Block>) {
        if let Some(b) = block.take() {
            cur.blocks.push(b);
        }
        let s = std::mem::take(cur);
        if !s.is_empty() {
            sections.push(s);
        }
    }

    for (i, raw) in lines.iter().enumerate() {
        let n = i as u32 + 1;
        let t = raw.trim();
        if let Some(cmd) = command(t, n) {
            finish(&mut sections, &mut cur, &mut block);
            cur.command = Some(cmd);
            continue;
        }
        if let Some(store) = store_line(t) {
            let next = lines.iter().skip(i + 1).map(|l| l.trim()).find(|l| !l.is_empty());
            if next.is_some_and(|l| is_separator(l) || is_status(l) || is_not_found(l)) {
                if cur.store_line.is_some() || !cur.blocks.is_empty() || block.is_some() || cur.closed {
                    finish(&mut sections, &mut cur, &mut block);
                }
                cur.store_line = Some(Located::new(store, n));
                continue;
            }
        }
        if is_separator(t) {
            if cur.closed {
                finish(&mut sections, &mut cur, &mut block);
            }
            if let Some(b) = block.replace(Block { line: n, lines: Vec::new() }) {
                cur.blocks.push(b);
            }
            continue;
        }
        if is_not_found(t) {
            if let Some(b) = block.take() {
                cur.blocks.push(b);
            }
            if cur.not_found.is_none() && !cur.closed {
                cur.not_found = Some(n);
            } else if cur.not_found.is_none() {
                finish(&mut sections, &mut cur, &mut block);
                cur.not_found = Some(n);
            }
            cur.closed = true;
            continue;
        }
        if is_status(t) {
            if let Some(b) = block.take() {
                cur.blocks.push(b);
            }
            cur.closed = true;
            continue;
        }
        if let Some(b) = block.as_mut() {
            b.lines.push((n, t.to_owned()));
            continue;
        }
        if !t.is_empty() && (t.contains('=') || t.to_lowercase().contains("(sha1)")) {
            // Outside any block: a -dump's lines, or a fragment. A `(sha1)` line makes it an entry.
            let has_hash = t.to_lowercase().contains("(sha1)");
            if has_hash && cur.closed {
                finish(&mut sections, &mut cur, &mut block);
            }
            let loose = cur.loose.get_or_insert_with(Block::default);
            if has_hash && loose.line == 0 {
                loose.line = n;
            }
            loose.lines.push((n, t.to_owned()));
        }
    }
    finish(&mut sections, &mut cur, &mut block);
    sections.into_iter().filter_map(listing).collect()
}

fn listing(s: Section) -> Option<StoreListing> {
    let cmd_store = s.command.as_ref().filter(|c| c.lists_store);
    let store =
        s.store_line.clone().or_else(|| cmd_store.and_then(|c| c.store.clone().map(|st| Located::new(st, c.line))));
    let filter = cmd_store.and_then(|c| c.query.clone().map(|q| Located::new(q, c.line)));
    let mut entries: Vec<ListingEntry> = s.blocks.iter().map(block_entry).collect();
    if let Some(l) = s.loose.as_ref().filter(|l| l.line > 0) {
        let e = block_entry(l);
        if e.sha1.is_some() {
            entries.push(e);
        }
    }
    let not_found = s.not_found.map(|line| NotFound { query: filter.as_ref().map(|f| f.value.clone()), line });
    let empty_store_listing = s.store_line.is_some() && s.closed && not_found.is_none();
    if entries.is_empty() && not_found.is_none() && !empty_store_listing {
        return None;
    }
    let scope = match &store {
        Some(s) if super::is_trusted_root_store(&s.value) => StoreScope::TrustedRoot,
        _ => StoreScope::Other,
    };
    let first_line = [
        s.command.as_ref().map(|c| c.line),
        s.store_line.as_ref().map(|l| l.line),
        entries.iter().map(|e| e.line).min(),
        s.not_found,
    ]
    .into_iter()
    .flatten()
    .min()
    .unwrap_or(1);
    Some(StoreListing {
        kind: InputKind::CertutilStore,
        scope,
        store,
        filter,
        complete: entries.iter().all(|e| e.sha1.is_some()),
        entries,
        not_found,
        first_line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_lines() {
        let c = command("C:\\>certutil -store Root F40042E2E5F7E8EF8189FED15519AECE42C3BFA2", 3).unwrap();
        assert_eq!(
            (c.store.as_deref(), c.query.as_deref()),
            (Some("Root"), Some("F40042E2E5F7E8EF8189FED15519AECE42C3BFA2"))
        );
        let c = command("systeminfo & ver & certutil -store Root F40042E2 > out.txt", 1).unwrap();
        assert_eq!(c.query.as_deref(), Some("F40042E2"));
        let c = command("PS > certutil -user -store \"my\" \"f4 00 42\"", 1).unwrap();
        assert_eq!((c.store.as_deref(), c.query.as_deref()), (Some("my"), Some("f4 00 42")));
        assert!(command("CertUtil: -store command completed successfully.", 1).is_none());
        assert!(!command("certutil -addstore Root root.crt", 1).unwrap().lists_store);
    }

    #[test]
    fn an_unlabelled_issuer_is_not_a_subject() {
        // Italian-like block of PCA 2021: the issuer is the root's name, labels unknown to the table.
        let text = "Root \"Autorità di certificazione radice attendibili\"\n\
                    ================ Certificato 0 ================\n\
                    Autorità emittente: CN=Microsoft Identity Verification Root Certificate Authority 2020, O=Microsoft Corporation, C=US\n\
                    Hash certificato (sha1): 8e750f459daf9a79d6370db747ad2226866ad818\n";
        let l = recognise(text);
        assert_eq!(l[0].entries[0].subject, None);
        let two = text.replace(
            "Hash",
            "Soggetto: CN=Microsoft ID Verified Code Signing PCA 2021, O=Microsoft Corporation, C=US\nHash",
        );
        let l = recognise(&two);
        assert_eq!(
            l[0].entries[0].subject.as_deref(),
            Some("CN=Microsoft ID Verified Code Signing PCA 2021, O=Microsoft Corporation, C=US")
        );
        assert_eq!(l[0].scope, StoreScope::TrustedRoot);
    }

    #[test]
    fn separators_and_store_lines() {
        assert!(is_separator("================ Certificate 0 ================"));
        assert!(is_separator("================ 証明書 12 ================"));
        assert!(!is_separator("=========="));
        assert_eq!(store_line("Root \"信頼されたルート証明機関\"").as_deref(), Some("Root"));
        assert_eq!(store_line("said \"hello\" twice"), None);
    }
}
