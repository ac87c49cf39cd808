//! `reg query "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion"`:
//!
//! ```text
//! HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion
//!     CurrentBuild    REG_SZ    22631
//!     UBR    REG_DWORD    0x116c
//!     InstallationType    REG_SZ    Client
//! ```
//!
//! The build is `CurrentBuild` (or `CurrentBuildNumber`), the revision is `UBR` (hex), the major and
//! minor version are `CurrentMajorVersionNumber`/`CurrentMinorVersionNumber`. Never used as the OS
//! version: `CurrentVersion` (6.3 on every Windows 10/11), `ReleaseId` (frozen at 2009), `BuildLabEx`
//! (19041 on 19042–19045), `WinREVersion` (the recovery image). `ProductName` says "Windows 10" on
//! Windows 11, so it is the OS name only below build 22000. `reg query … /t REG_SZ` leaves `UBR` out
//! and ends with `End of search: N match(es) found.`: [`Note::RegQueryWithoutUbr`].

use super::lines::{leading_number, Doc};
use super::values;
use crate::evidence::{Finding, HostEvidence, InputKind, Located, Note, OsVersion, ProductTypeHint};

/// The first build of Windows 11, whose `ProductName` still says "Windows 10".
const WINDOWS_11: u32 = 22000;

pub fn recognise(doc: &Doc) -> Vec<Finding> {
    (0..doc.len())
        .filter_map(|i| key_line(doc.at(i)).map(|host| (i, host)))
        .filter_map(|(i, host)| query(doc, i, host))
        .map(Finding::Host)
        .collect()
}

/// The key line of the query, with the computer name of a remote query (`\\SRV1\HKLM\…`). `Some(None)`
/// for a local query.
fn key_line(line: &str) -> Option<Option<&str>> {
    let t = line.trim();
    let (host, path) = match t.strip_prefix("\\\\") {
        Some(rest) => {
            let (host, path) = rest.split_once('\\')?;
            (Some(host), path)
        }
        None => (None, t),
    };
    let (hive, key) = path.split_once('\\')?;
    let hive_ok = hive.eq_ignore_ascii_case("HKEY_LOCAL_MACHINE") || hive.eq_ignore_ascii_case("HKLM");
    let key = key.to_ascii_lowercase();
    let key_ok = key == "software\\microsoft\\windows nt\\currentversion"
        || key == "software\\wow6432node\\microsoft\\windows nt\\currentversion";
    (hive_ok && key_ok).then_some(host)
}

/// One `    Name    REG_TYPE    data` line.
#[derive(Debug, Clone, Copy)]
struct RegValue<'a> {
    name: &'a str,
    kind: &'a str,
    data: &'a str,
    /// Index of the line.
    index: usize,
}

impl RegValue<'_> {
    /// A REG_DWORD as `reg` prints it (`0x116c`), or a decimal REG_SZ (`22631`).
    fn number(&self) -> Option<u32> {
        let dword = self.kind.eq_ignore_ascii_case("REG_DWORD") || self.kind.eq_ignore_ascii_case("REG_QWORD");
        match self.data.strip_prefix("0x").or_else(|| self.data.strip_prefix("0X")) {
            Some(hex) if dword => u32::from_str_radix(hex, 16).ok(),
            Some(_) => None,
            None => leading_number(self.data).filter(|_| self.data.bytes().all(|b| b.is_ascii_digit())),
        }
    }
}

fn value_line(line: &str, index: usize) -> Option<RegValue<'_>> {
    if !line.starts_with(char::is_whitespace) {
        return None;
    }
    let at = line.find(" REG_")?;
    let name = line.get(..at)?.trim();
    let rest = line.get(at + 1..)?;
    let (kind, data) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    (!name.is_empty()).then_some(RegValue { name, kind, data: data.trim(), index })
}

/// `End of search: 22 match(es) found.` (localised: `検索の終わり: 22 件…。`), after blank lines: the
/// index of that line.
fn end_of_search(doc: &Doc, after: usize) -> Option<usize> {
    let mut j = after;
    while doc.text(j).is_some_and(|l| l.trim().is_empty()) {
        j += 1;
    }
    let l = doc.text(j)?;
    let looks_like = !l.starts_with(char::is_whitespace)
        && l.contains(':')
        && l.trim_end().ends_with(['.', '。'])
        && l.chars().any(|c| c.is_ascii_digit())
        && key_line(l).is_none();
    looks_like.then_some(j)
}

/// The values under the key line at `key`, to the first line that is not one.
fn query(doc: &Doc, key: usize, host: Option<&str>) -> Option<HostEvidence> {
    let entries: Vec<RegValue> = (key + 1..).map_while(|i| doc.text(i).and_then(|l| value_line(l, i))).collect();
    let last_value = entries.last()?.index;
    let end = end_of_search(doc, last_value + 1);
    let get = |name: &str| entries.iter().find(|v| v.name.eq_ignore_ascii_case(name));
    let line = |v: &RegValue| doc.number(v.index);

    let mut h = HostEvidence::new(InputKind::RegCurrentversion, doc.number(key), doc.number(end.unwrap_or(last_value)));
    h.host_name = host.filter(|n| !n.is_empty()).map(|n| Located::new(n.to_owned(), doc.number(key)));
    let build = get("CurrentBuild").or_else(|| get("CurrentBuildNumber")).and_then(|v| Some((v.number()?, line(v))));
    let ubr = get("UBR").and_then(|v| Some((v.number()?, line(v))));
    let major_minor = get("CurrentMajorVersionNumber")
        .and_then(RegValue::number)
        .zip(get("CurrentMinorVersionNumber").and_then(RegValue::number));
    if let Some((build, build_line)) = build {
        let version = OsVersion { major_minor, build, revision: ubr.map(|u| u.0) };
        // The revision is the stronger evidence: point at it when there is one.
        h.version = Some(Located::new(version, ubr.map_or(build_line, |u| u.1)));
        if build < WINDOWS_11 {
            h.os_name =
                get("ProductName").filter(|v| !v.data.is_empty()).map(|v| Located::new(v.data.to_owned(), line(v)));
        }
        let has_dword = entries.iter().any(|v| v.kind.eq_ignore_ascii_case("REG_DWORD"));
        if ubr.is_none() && (end.is_some() || !has_dword) {
            h.notes.push(Located::new(Note::RegQueryWithoutUbr, doc.number(key)));
        }
    }
    let installation = get("InstallationType").and_then(|v| Some((values::installation_type(v.data)?, line(v))));
    let edition = || {
        get("EditionID")
            .filter(|v| v.data.to_ascii_lowercase().starts_with("server"))
            .map(|v| (ProductTypeHint::Server, line(v)))
    };
    h.product_type = installation.or_else(edition).map(|(t, l)| Located::new(t, l));
    (h.version.is_some() || h.product_type.is_some() || h.host_name.is_some()).then_some(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    const R01: &str =
        include_str!("../../../tests/fixtures/systeminfo/R01-en-reg-query-currentversion-regsz-flutter.txt");

    fn hosts(text: &str) -> Vec<HostEvidence> {
        crate::inputs::hosts_found(recognise, text)
    }

    #[test]
    fn regsz_query_has_no_revision_and_says_so() {
        let hs = hosts(R01);
        assert_eq!(hs.len(), 1);
        let h = &hs[0];
        assert_eq!((h.kind, h.first_line, h.last_line), (InputKind::RegCurrentversion, 1, 25));
        let v = h.version.as_ref().unwrap();
        assert_eq!((v.value.build, v.value.revision, v.value.major_minor, v.line), (19045, None, None, 8));
        assert_eq!(h.os_name.as_ref().map(|n| (n.value.as_str(), n.line)), Some(("Windows 10 Enterprise", 17)));
        assert_eq!(h.product_type.as_ref().map(|p| (p.value, p.line)), Some((ProductTypeHint::Client, 16)));
        assert_eq!(h.notes, vec![Located::new(Note::RegQueryWithoutUbr, 1)]);
        assert!(h.host_name.is_none() && h.hotfixes.is_none());
    }

    #[test]
    fn full_query_with_hex_ubr_on_windows_11() {
        let text = [
            r#"C:\>reg query "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion""#,
            "",
            r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion",
            r"    SystemRoot    REG_SZ    C:\WINDOWS",
            "    BuildLabEx    REG_SZ    22621.1.amd64fre.ni_release.220506-1250",
            "    CurrentBuild    REG_SZ    22631",
            "    CurrentBuildNumber    REG_SZ    22631",
            "    CurrentMajorVersionNumber    REG_DWORD    0xa",
            "    CurrentMinorVersionNumber    REG_DWORD    0x0",
            "    CurrentVersion    REG_SZ    6.3",
            "    DisplayVersion    REG_SZ    23H2",
            "    EditionID    REG_SZ    Enterprise",
            "    InstallationType    REG_SZ    Client",
            "    ProductName    REG_SZ    Windows 10 Enterprise",
            "    ReleaseId    REG_SZ    2009",
            "    UBR    REG_DWORD    0x116c",
            "",
            r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Accessibility",
        ]
        .join("\n");
        let hs = hosts(&text);
        assert_eq!(hs.len(), 1);
        let h = &hs[0];
        assert_eq!((h.first_line, h.last_line), (3, 16));
        let v = h.version.as_ref().unwrap();
        assert_eq!(
            (v.value.build, v.value.revision, v.value.major_minor, v.line),
            (22631, Some(4460), Some((10, 0)), 16)
        );
        // ProductName says Windows 10 on Windows 11: not used.
        assert!(h.os_name.is_none());
        assert!(h.notes.is_empty());
    }

    #[test]
    fn remote_server_core_query() {
        let text = "\\\\SRV-01\\HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\n    CurrentBuildNumber    REG_SZ    17763\n    InstallationType    REG_SZ    Server Core\n    ProductName    REG_SZ    Windows Server 2019 Standard\n    UBR    REG_DWORD    0x1a4b\n";
        let h = &hosts(text)[0];
        assert_eq!(h.host_name.as_ref().map(|n| n.value.as_str()), Some("SRV-01"));
        assert_eq!(h.version.as_ref().map(|v| (v.value.build, v.value.revision)), Some((17763, Some(6731))));
        assert_eq!(h.os_name.as_ref().map(|n| n.value.as_str()), Some("Windows Server 2019 Standard"));
        assert_eq!(h.product_type.as_ref().map(|p| p.value), Some(ProductTypeHint::Server));
    }

    #[test]
    fn other_keys_and_bare_lines_are_not_read() {
        assert!(hosts("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\n    ProgramFilesDir    REG_SZ    C:\\Program Files\n").is_empty());
        assert!(hosts("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\n").is_empty());
        assert!(hosts("    CurrentBuild    REG_SZ    19045\n").is_empty());
    }
}
