//! `.reg` exports of the registry's certificate stores (regedit writes UTF-16LE with a BOM;
//! `reg export` too; REGEDIT4 files are ANSI; [`crate::decode`] has made them text already):
//!
//! ```text
//! Windows Registry Editor Version 5.00
//!
//! [HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\SystemCertificates\AuthRoot\Certificates]
//!
//! [HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\SystemCertificates\AuthRoot\Certificates\F40042E2E5F7E8EF8189FED15519AECE42C3BFA2]
//! "Blob"=hex:03,00,00,00,01,00,00,00,14,00,00,00,f4,00,42,e2,e5,f7,e8,ef,81,89,\
//!   fe,d1,55,19,ae,ce,42,c3,bf,a2,20,00,00,00,01,00,00,00,d0,05,00,00,30,82,05,\
//!   …
//! ```
//!
//! The key name is a *claimed* thumbprint; the `Blob` is a run of serialized-store elements
//! ([`super::sst`]) whose 0x20 element is the certificate's DER. The DER decides: a key named
//! `F40042E2…` whose certificate hashes to something else is a look-alike. A key without a `Blob`
//! still lists the thumbprint in its name.
//!
//! Stores are recognised under `…\SystemCertificates\<store>` and `…\EnterpriseCertificates\<store>`
//! (also the `Policies` and `HKEY_CURRENT_USER` copies). An export shows what it holds (present or a
//! look-alike) but its silence never means "absent": Windows keeps the root it downloads in
//! `AuthRoot`, and policy copies in other keys (see [`findings`]).

use super::error::{CertError, Problem, RegError, SstError};
use super::{
    parse_sha1, sst, CertEntry, CertificateSet, ClaimSource, ClaimedSha1, ListingEntry, StoreListing, StoreScope,
};
use crate::evidence::{Finding, InputKind, Located};

/// One store's keys, in file order.
#[derive(Debug, Default)]
struct StoreGroup {
    /// The store key path, lower-cased (`hkey_local_machine\software\microsoft\systemcertificates\root`).
    path: String,
    /// The store's name as written (`ROOT`, `AuthRoot`).
    name: String,
    first_line: u32,
    keys: Vec<CertKey>,
}

#[derive(Debug)]
struct CertKey {
    id: String,
    line: u32,
    blob: Option<(u32, Result<Vec<u8>, RegError>)>,
}

/// (store path, store name, certificate id) of a key path under `SystemCertificates`.
fn parse_key(path: &str) -> Option<(String, String, Option<Option<String>>)> {
    let segs: Vec<&str> = path.split('\\').collect();
    let at = segs.iter().position(|s| {
        s.eq_ignore_ascii_case("SystemCertificates") || s.eq_ignore_ascii_case("EnterpriseCertificates")
    })?;
    let store = segs.get(at + 1)?;
    let store_path = segs.get(..at + 2)?.join("\\").to_ascii_lowercase();
    // None: the store key; Some(None): its Certificates key; Some(Some(id)): a certificate key.
    let cert = match segs.get(at + 2) {
        None => None,
        Some(c) if c.eq_ignore_ascii_case("Certificates") => Some(segs.get(at + 3).map(|s| s.to_string())),
        Some(_) => return Some((store_path, store.to_string(), Some(Some(String::new())))),
    };
    Some((store_path, store.to_string(), cert))
}

/// `hex:01,02,\` continuation data → bytes.
fn parse_hex(data: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    for tok in data.split(',') {
        let tok = tok.trim();
        if tok.is_empty() {
            continue;
        }
        if tok.len() != 2 {
            return None;
        }
        out.push(u8::from_str_radix(tok, 16).ok()?);
    }
    Some(out)
}

/// Every certificate store in a `.reg` export: certificates read from `Blob`s, and the names of keys
/// without one.
pub fn recognise(text: &str) -> Vec<Finding> {
    let lines: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let mut groups: Vec<StoreGroup> = Vec::new();
    // (group index, key index) of the certificate key that values belong to.
    let mut current: Option<(usize, Option<usize>)> = None;
    let mut i = 0;
    while i < lines.len() {
        let n = i as u32 + 1;
        let t = lines[i].trim();
        i += 1;
        if let Some(path) = t.strip_prefix('[').and_then(|p| p.strip_suffix(']')) {
            current = None;
            if path.starts_with('-') {
                continue;
            }
            let Some((store_path, name, cert)) = parse_key(path) else { continue };
            let g = match groups.iter().position(|g| g.path == store_path) {
                Some(g) => g,
                None => {
                    groups.push(StoreGroup { path: store_path, name, first_line: n, ..StoreGroup::default() });
                    groups.len() - 1
                }
            };
            match cert {
                None | Some(None) => current = Some((g, None)),
                Some(Some(id)) if id.is_empty() => {} // CRLs, CTLs, …
                Some(Some(id)) => {
                    groups[g].keys.push(CertKey { id, line: n, blob: None });
                    current = Some((g, Some(groups[g].keys.len() - 1)));
                }
            }
            continue;
        }
        let Some((g, Some(k))) = current else { continue };
        let lower = t.to_ascii_lowercase();
        if let Some(rest) = lower.strip_prefix("\"blob\"=hex:") {
            let mut data = rest.to_owned();
            while data.trim_end().ends_with('\\') {
                let cut = data.trim_end().len() - 1;
                data.truncate(cut);
                match lines.get(i) {
                    Some(next) => {
                        data.push_str(next.trim());
                        i += 1;
                    }
                    None => break,
                }
            }
            let bytes = parse_hex(&data).ok_or(RegError::Hex { line: n });
            if let Some(key) = groups.get_mut(g).and_then(|g| g.keys.get_mut(k)) {
                key.blob = Some((n, bytes));
            }
        }
    }
    groups.into_iter().flat_map(findings).collect()
}

/// A registry export can show the root (present) or a certificate claiming to be it (look-alike),
/// never that it is missing: the contract's absent evidence is certutil, PowerShell and SST/P7B
/// exports, and Windows keeps the automatically downloaded root in `AuthRoot` (certificates.md §4)
/// and policy copies in other keys, so an export of one `Root` key proves nothing by what it lacks.
fn findings(g: StoreGroup) -> Vec<Finding> {
    let scope = StoreScope::Other;
    let mut set = CertificateSet::new(InputKind::RegCertificates, scope);
    set.store = Some(g.name.clone());
    set.first_line = Some(g.first_line);
    let mut bare = Vec::new();
    for key in g.keys {
        let claimed = parse_sha1(&key.id);
        let Some((line, blob)) = key.blob else {
            bare.push(ListingEntry { sha1: claimed, subject: None, issuer: None, serial: None, line: key.line });
            continue;
        };
        let blob_problem = |error: CertError| Problem {
            line: Some(line),
            offset: None,
            error: CertError::Registry(RegError::Blob { line, key: key.id.clone(), error: Box::new(error) }),
        };
        let bytes = match blob {
            Ok(b) => b,
            Err(e) => {
                set.add_problem(Problem { line: Some(line), offset: None, error: CertError::Registry(e) });
                continue;
            }
        };
        let read = sst::read_elements(&bytes, 0);
        if let Some(e) = read.error {
            set.add_problem(blob_problem(e.into()));
        } else if read.certs.is_empty() {
            set.add_problem(blob_problem(SstError::NoCertificates.into()));
        }
        for c in read.certs {
            match CertEntry::from_der(c.der, Some(key.line), None) {
                Ok(mut e) => {
                    e.claimed = claimed
                        .map(|sha1| ClaimedSha1 { sha1, by: ClaimSource::RegistryKey })
                        .or(c.claimed_sha1.map(|sha1| ClaimedSha1 { sha1, by: ClaimSource::StoredProperty }));
                    set.add_cert(e);
                }
                Err(e) => set.add_problem(blob_problem(e)),
            }
        }
    }
    let mut out = Vec::new();
    if !bare.is_empty() {
        out.push(Finding::StoreListing(StoreListing {
            kind: InputKind::RegCertificates,
            scope,
            store: Some(Located::new(g.name, g.first_line)),
            filter: None,
            complete: bare.iter().all(|e| e.sha1.is_some()),
            entries: bare,
            not_found: None,
            first_line: g.first_line,
        }));
    }
    if !set.certs.is_empty() || !set.problems.is_empty() || (scope == StoreScope::TrustedRoot && out.is_empty()) {
        out.insert(0, Finding::Certificates(set));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_paths() {
        let (p, n, c) =
            parse_key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\AuthRoot\\Certificates\\F400")
                .unwrap();
        assert_eq!(
            (p.as_str(), n.as_str(), c),
            (
                "hkey_local_machine\\software\\microsoft\\systemcertificates\\authroot",
                "AuthRoot",
                Some(Some("F400".to_owned()))
            )
        );
        assert_eq!(parse_key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\ROOT").unwrap().2, None);
        assert!(parse_key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows").is_none());
    }

    #[test]
    fn hex_values() {
        assert_eq!(parse_hex("03,00,ff,\t"), Some(vec![3, 0, 255]));
        assert_eq!(parse_hex("0g"), None);
        assert_eq!(parse_hex("123"), None);
    }

    #[test]
    fn bare_keys_and_broken_blobs() {
        let text = "Windows Registry Editor Version 5.00\n\n\
            [HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\ROOT\\Certificates]\n\n\
            [HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\ROOT\\Certificates\\F40042E2E5F7E8EF8189FED15519AECE42C3BFA2]\n\n\
            [HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\ROOT\\Certificates\\0000000000000000000000000000000000000000]\n\
            \"Blob\"=hex:20,00,00,00,01,00,00,00,\\\n  ff,00,00,00,30\n";
        let f = recognise(text);
        assert_eq!(f.len(), 2);
        let Finding::Certificates(set) = &f[0] else { panic!("{f:?}") };
        // Registry exports never prove absence, so they are never a trusted-root listing.
        assert_eq!((set.scope, set.certs.len(), set.problems.len()), (StoreScope::Other, 0, 1));
        assert_eq!(set.problems[0].line, Some(8));
        let Finding::StoreListing(l) = &f[1] else { panic!("{f:?}") };
        assert_eq!((l.entries.len(), l.entries[0].line), (1, 5));
    }
}
