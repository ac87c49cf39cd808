//! `Win32_OperatingSystem`, as PowerShell and wmic print it:
//! - `Get-CimInstance Win32_OperatingSystem`: a table `SystemDirectory Organization BuildNumber
//!   RegisteredUser SerialNumber Version` (no revision, no hotfixes, no name);
//! - `… | Select-Object Caption` (a one-column table: the OS name), or any other selection, as a table
//!   or a list (`Format-List`, `Get-WmiObject`'s default view);
//! - `wmic os get Caption,Version,BuildNumber` (columns aligned on the header words, no underline) and
//!   `wmic os get … /value` (`BuildNumber=19044`).
//!
//! Read: `Version` (`10.0.19044`) or `BuildNumber`, `Caption` (the OS name), `ProductType` (1
//! workstation, 2 domain controller, 3 server) and `CSName` when they are there.

use super::format_list::{self, Property, Record};
use super::lines::{is_noise, leading_number, Doc};
use super::table::{self, Table};
use super::values;
use crate::evidence::{Finding, HostEvidence, InputKind, Located, Note, OsVersion, ProductTypeHint};

pub fn recognise(doc: &Doc) -> Vec<Finding> {
    let mut records: Vec<(Record, bool)> = Vec::new();
    for t in table::underlined(doc, '-') {
        records.extend(rows_as_records(&t));
    }
    for i in 0..doc.len() {
        if is_wmic_header(doc, i) {
            records.extend(rows_as_records(&table::aligned(doc, i, |l| !l.trim().is_empty())));
        }
    }
    records.extend(format_list::records(doc).into_iter().map(|r| (r, false)));
    records.extend(key_value_records(doc).into_iter().map(|r| (r, false)));
    crate::util::sort_by_u64_key(&mut records, |(r, _)| r.first as u64);
    records.iter().filter_map(|(r, one_of_many)| evidence(doc, r, *one_of_many)).map(Finding::Host).collect()
}

/// A table's rows as records, the first one starting at the header; `true` when the table has more
/// than one row.
fn rows_as_records(t: &Table) -> Vec<(Record, bool)> {
    let many = t.rows.len() > 1;
    t.records_from_header().into_iter().map(|r| (r, many)).collect()
}

/// A wmic header naming operating-system properties: identifier words only, `BuildNumber` or both
/// `Caption` and `Version` among them, and no PowerShell underline below.
fn is_wmic_header(doc: &Doc, i: usize) -> bool {
    let words: Vec<&str> = doc.at(i).split_whitespace().collect();
    let has = |w: &str| words.iter().any(|x| x.eq_ignore_ascii_case(w));
    let underlined = doc.at(i + 1).trim_start().starts_with("--");
    !words.is_empty()
        && words.iter().all(|w| w.chars().all(|c| c.is_ascii_alphanumeric()))
        && (has("BuildNumber") || has("Caption") && has("Version"))
        && !underlined
}

/// `wmic … /value` output: `Name=value` lines (blank lines between them are allowed).
fn key_value_records(doc: &Doc) -> Vec<Record> {
    let mut out = Vec::new();
    let mut current: Option<Record> = None;
    for i in 0..doc.len() {
        let line = doc.at(i).trim();
        let pair = line.split_once('=').filter(|(k, _)| !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric()));
        match pair {
            Some((name, value)) => {
                let rec = current.get_or_insert(Record { first: i, last: i, props: Vec::new() });
                rec.last = i;
                rec.props.push(Property { name: name.to_owned(), value: value.trim().to_owned(), index: i });
            }
            None if line.is_empty() && !is_noise(line) => {}
            None => out.extend(current.take()),
        }
    }
    out.extend(current);
    out
}

/// `ProductType`: 1 workstation, 2 domain controller, 3 server.
fn product_type(value: &str) -> Option<ProductTypeHint> {
    match value.trim() {
        "1" => Some(ProductTypeHint::Client),
        "2" => Some(ProductTypeHint::DomainController),
        "3" => Some(ProductTypeHint::Server),
        _ => None,
    }
}

/// The evidence of one object. A `Caption` alone is read only from a single object whose caption
/// names a Windows product (`Select-Object Caption` on Win32_Service would list "Windows Update").
fn evidence(doc: &Doc, r: &Record, one_of_many: bool) -> Option<HostEvidence> {
    let at =
        |name: &str| r.get(name).filter(|p| !p.value.trim().is_empty()).map(|p| (p.value.trim(), doc.number(p.index)));
    let build = at("BuildNumber").and_then(|(v, line)| Some((leading_number(v)?, line)));
    let version = at("Version").and_then(|(v, line)| Some((values::os_version(v, true)?, line)));
    let is_os = build.is_some() || version.is_some() && r.get("SystemDirectory").is_some();
    let caption = at("Caption").filter(|(v, _)| crate::windows::kind_from_name(v).is_some() && (is_os || !one_of_many));
    if !is_os && caption.is_none() {
        return None;
    }
    let mut h = HostEvidence::new(InputKind::CimOperatingSystem, doc.number(r.first), doc.number(r.last));
    h.version = match (version, build) {
        (Some((v, line)), Some((b, _))) if v.build == b => Some(Located::new(v, line)),
        (Some((v, line)), None) => Some(Located::new(v, line)),
        (_, Some((b, line))) => Some(Located::new(OsVersion { major_minor: None, build: b, revision: None }, line)),
        (None, None) => None,
    };
    h.os_name = caption.map(|(v, line)| Located::new(v.to_owned(), line));
    h.product_type = at("ProductType").and_then(|(v, line)| Some(Located::new(product_type(v)?, line)));
    h.host_name = at("CSName")
        .or_else(|| at("PSComputerName"))
        .and_then(|(v, line)| Some(Located::new(values::host_name(v)?, line)));
    let used = ["BuildNumber", "Version", "Caption", "CSName"];
    if let Some((_, line)) = used.iter().filter_map(|n| at(n)).find(|(v, _)| v.ends_with("...") || v.ends_with('…')) {
        h.notes.push(Located::new(Note::ColumnsCut, line));
        if h.host_name.as_ref().is_some_and(|n| n.value.ends_with("...") || n.value.ends_with('…')) {
            h.host_name = None;
        }
    }
    Some(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    const M01: &str = include_str!("../../../tests/fixtures/systeminfo/M01-en-get-ciminstance-win32_os-win10-ltsc.txt");
    const M02: &str = include_str!("../../../tests/fixtures/systeminfo/M02-es-get-ciminstance-win32_os-win10-21h2.txt");

    fn hosts(text: &str) -> Vec<HostEvidence> {
        crate::inputs::hosts_found(recognise, text)
    }

    #[test]
    fn caption_table_then_default_view() {
        let hs = hosts(M01);
        assert_eq!(hs.len(), 2);
        assert_eq!((hs[0].kind, hs[0].first_line, hs[0].last_line), (InputKind::CimOperatingSystem, 3, 5));
        assert_eq!(
            hs[0].os_name.as_ref().map(|n| (n.value.as_str(), n.line)),
            Some(("Microsoft Windows 10 Enterprise LTSC", 5))
        );
        assert!(hs[0].version.is_none());
        assert_eq!((hs[1].first_line, hs[1].last_line), (9, 11));
        let v = hs[1].version.as_ref().unwrap();
        assert_eq!((v.value.major_minor, v.value.build, v.value.revision, v.line), (Some((10, 0)), 19044, None, 11));
        assert!(hs[1].os_name.is_none() && hs[1].host_name.is_none() && hs[1].product_type.is_none());
    }

    #[test]
    fn default_view_after_a_comment() {
        let hs = hosts(M02);
        assert_eq!(hs.len(), 1);
        assert_eq!((hs[0].first_line, hs[0].last_line), (4, 6));
        assert_eq!(hs[0].version.as_ref().map(|v| (v.value.build, v.line)), Some((19044, 6)));
    }

    #[test]
    fn list_view_with_product_type_and_host() {
        let text = "SystemDirectory : C:\\Windows\\system32\nOrganization    :\nBuildNumber     : 17763\nRegisteredUser  : Admin\nSerialNumber    : 00429-00000-00001-AA123\nVersion         : 10.0.17763\nCaption         : Microsoft Windows Server 2019 Standard\nProductType     : 3\nCSName          : SRV1\n";
        let h = &hosts(text)[0];
        assert_eq!((h.first_line, h.last_line), (1, 9));
        assert_eq!(h.version.as_ref().map(|v| (v.value.build, v.line)), Some((17763, 6)));
        assert_eq!(h.os_name.as_ref().map(|n| n.value.as_str()), Some("Microsoft Windows Server 2019 Standard"));
        assert_eq!(h.product_type.as_ref().map(|p| p.value), Some(ProductTypeHint::Server));
        assert_eq!(h.host_name.as_ref().map(|n| n.value.as_str()), Some("SRV1"));
    }

    #[test]
    fn wmic_os_table_and_value_form() {
        let text = "C:\\>wmic os get Caption,Version,BuildNumber,ProductType\nBuildNumber  Caption                          ProductType  Version\n\n19045        Microsoft Windows 10 Pro         1            10.0.19045\n\n";
        let h = &hosts(text)[0];
        assert_eq!((h.first_line, h.last_line), (2, 4));
        assert_eq!(h.version.as_ref().map(|v| (v.value.major_minor, v.value.build)), Some((Some((10, 0)), 19045)));
        assert_eq!(h.os_name.as_ref().map(|n| n.value.as_str()), Some("Microsoft Windows 10 Pro"));
        assert_eq!(h.product_type.as_ref().map(|p| p.value), Some(ProductTypeHint::Client));
        let text = "\n\nBuildNumber=9600\n\nCaption=Microsoft Windows Server 2012 R2 Standard\n\nCSName=DC01\nProductType=2\n\n\n";
        let h = &hosts(text)[0];
        assert_eq!((h.first_line, h.last_line), (3, 8));
        assert_eq!(h.version.as_ref().map(|v| v.value.build), Some(9600));
        assert_eq!(h.host_name.as_ref().map(|n| n.value.as_str()), Some("DC01"));
        assert_eq!(h.product_type.as_ref().map(|p| p.value), Some(ProductTypeHint::DomainController));
    }

    #[test]
    fn service_captions_are_not_os_names() {
        assert!(hosts("Caption\n-------\nWindows Update\nWindows Audio\n").is_empty());
        assert!(hosts("Caption\n-------\nWindows Update\n").is_empty());
    }
}
