//! `Get-ComputerInfo`: `Property : value` lines whose property names are English in every UI
//! language (and the table that `Get-ComputerInfo | Select-Object OsName, OsVersion` prints).
//!
//! Read: `OsName`, `OsVersion` (or `OsBuildNumber`), `WindowsUBR` (PowerShell 7), `OsProductType`
//! (`WorkStation`, `Server`, `DomainController`) or `WindowsInstallationType`, `CsName` (or
//! `CsDNSHostName`), and `OsHotFixes`, which shows only the first items (`$FormatEnumerationLimit`) and
//! ends with `…` or `...` when there are more: [`Note::EnumerationLimit`]. Never used: `WindowsVersion`
//! (2009 on every release since 20H2), `WindowsBuildLabEx` (19041 on 19042–19045),
//! `OsHardwareAbstractionLayer` (lags the OS), and `WindowsProductName` as the OS name from build 22000
//! on (it says "Windows 10" on Windows 11).

use super::format_list::{self, Record};
use super::hotfix::HotfixBuilder;
use super::lines::{leading_number, Doc};
use super::table;
use super::values;
use crate::evidence::{Finding, HostEvidence, HotfixList, InputKind, Located, Note, OsVersion, ProductTypeHint};

/// Property names only Get-ComputerInfo has (matched with their exact case: `Get-WmiObject` says
/// `CSName`, `Caption`, `BuildNumber`).
const PROPERTIES: [&str; 16] = [
    "OsName",
    "OsVersion",
    "OsBuildNumber",
    "OsHotFixes",
    "OsProductType",
    "OsHardwareAbstractionLayer",
    "WindowsUBR",
    "WindowsProductName",
    "WindowsBuildLabEx",
    "WindowsInstallationType",
    "WindowsEditionId",
    "WindowsVersion",
    "WindowsCurrentVersion",
    "CsName",
    "CsDNSHostName",
    "BiosCharacteristics",
];

/// The first build of Windows 11, whose `WindowsProductName` still says "Windows 10".
const WINDOWS_11: u32 = 22000;

pub fn recognise(doc: &Doc) -> Vec<Finding> {
    let is_ours = |r: &Record| r.props.iter().any(|p| PROPERTIES.contains(&p.name.as_str()));
    let lists = format_list::merge_adjacent(doc, format_list::records(doc).into_iter().filter(is_ours).collect());
    let tables = table::underlined(doc, '-').into_iter().flat_map(|t| t.records_from_header());
    lists.into_iter().chain(tables.filter(is_ours)).filter_map(|r| evidence(doc, &r)).map(Finding::Host).collect()
}

/// `WorkStation`, `Server`, `DomainController`.
fn product_type(value: &str) -> Option<ProductTypeHint> {
    match value.trim().to_ascii_lowercase().as_str() {
        "workstation" => Some(ProductTypeHint::Client),
        "server" => Some(ProductTypeHint::Server),
        "domaincontroller" => Some(ProductTypeHint::DomainController),
        _ => None,
    }
}

/// `{KB5044033, KB5027397, KB5044285, KB5039338...}`: a trailing `...`/`…` means more were left out.
fn hotfixes(value: &str, line: u32) -> (HotfixList, bool) {
    let inner = value.trim().trim_start_matches('{').trim_end_matches('}').trim_end();
    let cut = inner.ends_with("...") || inner.ends_with('…');
    let mut b = HotfixBuilder::new();
    for piece in inner.trim_end_matches(['.', '…']).split(',').map(str::trim).filter(|p| !p.is_empty()) {
        b.entry(piece, line);
    }
    if cut {
        b.cut();
    }
    (b.finish(), cut)
}

/// The evidence of one Get-ComputerInfo object (a list, or a row of a `Select-Object` table).
fn evidence(doc: &Doc, r: &Record) -> Option<HostEvidence> {
    let at =
        |name: &str| r.get(name).filter(|p| !p.value.trim().is_empty()).map(|p| (p.value.trim(), doc.number(p.index)));
    let mut h = HostEvidence::new(InputKind::GetComputerinfo, doc.number(r.first), doc.number(r.last));

    let from_version = at("OsVersion").and_then(|(v, line)| Some((values::os_version(v, false)?, line)));
    let from_build = || {
        at("OsBuildNumber").and_then(|(v, line)| {
            Some((OsVersion { major_minor: None, build: leading_number(v)?, revision: None }, line))
        })
    };
    if let Some((mut version, line)) = from_version.or_else(from_build) {
        let ubr = at("WindowsUBR").and_then(|(v, line)| Some((leading_number(v)?, line)));
        version.revision = ubr.map(|u| u.0);
        h.version = Some(Located::new(version, ubr.map_or(line, |u| u.1)));
    }
    let build = h.version.as_ref().map(|v| v.value.build);
    let product_name = at("WindowsProductName").filter(|_| build.is_some_and(|b| b < WINDOWS_11));
    h.os_name = at("OsName").or(product_name).map(|(v, line)| Located::new(v.to_owned(), line));
    h.product_type = at("OsProductType")
        .and_then(|(v, line)| Some((product_type(v)?, line)))
        .or_else(|| at("WindowsInstallationType").and_then(|(v, line)| Some((values::installation_type(v)?, line))))
        .map(|(t, line)| Located::new(t, line));
    h.host_name = at("CsName")
        .or_else(|| at("CsDNSHostName"))
        .and_then(|(v, line)| Some(Located::new(values::host_name(v)?, line)));
    if let Some((v, line)) = at("OsHotFixes") {
        let (list, cut) = hotfixes(v, line);
        if cut {
            h.notes.push(Located::new(Note::EnumerationLimit, line));
        }
        h.hotfixes = Some(list);
    }
    let says_something = h.version.is_some()
        || h.os_name.is_some()
        || h.product_type.is_some()
        || h.host_name.is_some()
        || h.hotfixes.is_some();
    says_something.then_some(h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::Completeness;

    const C01: &str =
        include_str!("../../../tests/fixtures/systeminfo/C01-en-get-computerinfo-win10-22h2-ps7-windows-block.txt");
    const C03: &str =
        include_str!("../../../tests/fixtures/systeminfo/C03-en-get-computerinfo-win11-23h2-os-block.txt");

    fn hosts(text: &str) -> Vec<HostEvidence> {
        crate::inputs::hosts_found(recognise, text)
    }

    #[test]
    fn os_block_with_enumeration_limit() {
        let hs = hosts(C03);
        assert_eq!(hs.len(), 1);
        let h = &hs[0];
        assert_eq!((h.kind, h.first_line, h.last_line), (InputKind::GetComputerinfo, 1, 63));
        assert_eq!(
            h.os_name.as_ref().map(|n| (n.value.as_str(), n.line)),
            Some(("Microsoft Windows 11 Enterprise", 1))
        );
        let v = h.version.as_ref().unwrap();
        assert_eq!((v.value.major_minor, v.value.build, v.value.revision, v.line), (Some((10, 0)), 22631, None, 4));
        assert_eq!(h.product_type.as_ref().map(|p| (p.value, p.line)), Some((ProductTypeHint::Client, 56)));
        let list = h.hotfixes.as_ref().unwrap();
        let kbs: Vec<&str> = list.items.iter().map(|i| i.value.as_str()).collect();
        assert_eq!(kbs, ["KB5044033", "KB5027397", "KB5044285", "KB5039338"]);
        assert_eq!(list.completeness, Completeness::Truncated { declared: None, listed: 4 });
        assert_eq!(h.notes, vec![Located::new(Note::EnumerationLimit, 7)]);
        assert!(h.host_name.is_none());
    }

    #[test]
    fn windows_block_gives_no_version_from_its_traps() {
        let hs = hosts(C01);
        assert_eq!(hs.len(), 1);
        let h = &hs[0];
        assert_eq!((h.first_line, h.last_line), (1, 13));
        // WindowsBuildLabEx (19041), WindowsVersion (2009) and WindowsCurrentVersion (6.3) are not the
        // version; without a build, WindowsUBR and WindowsProductName say nothing on their own.
        assert!(h.version.is_none() && h.os_name.is_none());
        assert_eq!(h.product_type.as_ref().map(|p| (p.value, p.line)), Some((ProductTypeHint::Client, 4)));
    }

    #[test]
    fn ps7_with_ubr_and_the_windows_10_product_name_on_windows_11() {
        let text = "CsName                  : PC-11\nOsVersion               : 10.0.22631\nWindowsProductName      : Windows 10 Pro\nWindowsUBR              : 4460\nOsHotFixes              : {KB5034467, KB5034765}\n";
        let h = &hosts(text)[0];
        assert_eq!(h.host_name.as_ref().map(|n| n.value.as_str()), Some("PC-11"));
        assert_eq!(h.version.as_ref().map(|v| (v.value.build, v.value.revision, v.line)), Some((22631, Some(4460), 4)));
        assert!(h.os_name.is_none());
        assert_eq!(h.hotfixes.as_ref().map(|l| l.completeness), Some(Completeness::Complete));
        assert!(h.notes.is_empty());
        // On Windows 10 the product name may serve as the OS name.
        let h = &hosts(&text.replace("22631", "19045"))[0];
        assert_eq!(h.os_name.as_ref().map(|n| n.value.as_str()), Some("Windows 10 Pro"));
    }

    #[test]
    fn unicode_ellipsis_and_a_split_paste_are_one_block() {
        let text = "OsName        : Microsoft Windows Server 2022 Standard\nOsVersion     : 10.0.20348\n\nOsHotFixes    : {KB5034770, KB5034439…}\nOsProductType : DomainController\n";
        let hs = hosts(text);
        assert_eq!(hs.len(), 1);
        let h = &hs[0];
        assert_eq!((h.first_line, h.last_line), (1, 5));
        assert_eq!(h.product_type.as_ref().map(|p| p.value), Some(ProductTypeHint::DomainController));
        assert_eq!(h.hotfixes.as_ref().map(|l| l.items.len()), Some(2));
        assert_eq!(h.notes.iter().map(|n| &n.value).collect::<Vec<_>>(), [&Note::EnumerationLimit]);
    }

    #[test]
    fn select_object_table() {
        let text = "OsName                          OsVersion  WindowsUBR\n------                          ---------  ----------\nMicrosoft Windows 11 Enterprise 10.0.22631       4460\n";
        let h = &hosts(text)[0];
        assert_eq!((h.first_line, h.last_line), (1, 3));
        assert_eq!(h.version.as_ref().map(|v| (v.value.build, v.value.revision)), Some((22631, Some(4460))));
    }

    #[test]
    fn win32_operatingsystem_is_not_get_computerinfo() {
        assert!(hosts("Caption     : Microsoft Windows 10 Pro\nBuildNumber : 19045\nCSName      : PC\n").is_empty());
    }
}
