//! What systeminfo's values mean, in any language: shared by the list, CSV and table recognisers.
//!
//! Labels come from `data/systeminfo-labels.tsv` ([`SYSTEMINFO_LABELS`]); the value shapes here work
//! without them, so that a language missing from the table still mostly works.

use crate::evidence::{HostEvidence, Located, OsVersion, ProductTypeHint};
use crate::tables::SYSTEMINFO_LABELS;

use super::lines::first_number;

/// One field of a systeminfo record (a list field, a CSV or table cell), for naming and reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot<'a> {
    /// The field id from the label table, or from [`name_by_structure`].
    pub id: Option<&'static str>,
    pub value: &'a str,
    /// Input line of the value.
    pub line: u32,
    /// The label table named the field (else its value shape or position did).
    pub labelled: bool,
    /// Part of the output's layout for sure (a list field at the value column, a CSV or table cell);
    /// a field that is not could be the author's prose.
    pub aligned: bool,
    /// The field holds hotfix entries (`[01]: KB…`, `Q147222`, `File 1`).
    pub hotfix_entries: bool,
}

fn position(slots: &[Slot], id: &str) -> Option<usize> {
    slots.iter().position(|s| s.id == Some(id))
}

/// Names the fields the label table did not know, from value shapes and systeminfo's fixed order
/// (Host Name, OS Name, OS Version, OS Manufacturer, OS Configuration, …, Hotfix(s), Network Card(s)):
/// the OS Version by its `x.y.z` value; the OS Name before it if it mentions Windows; the Host Name
/// before that; the OS Configuration two after it when the field between is the never-localised
/// `Microsoft Corporation`; the hotfix field by its entries.
pub fn name_by_structure(slots: &mut [Slot]) {
    let version = position(slots, "os_version").or_else(|| {
        let i = slots.iter().position(|s| s.id.is_none() && os_version(s.value, true).is_some())?;
        slots.get_mut(i)?.id = Some("os_version");
        Some(i)
    });
    if let Some(v) = version {
        let name = position(slots, "os_name").or_else(|| {
            let i = v.checked_sub(1)?;
            let slot = slots.get_mut(i).filter(|s| s.id.is_none() && mentions_windows(s.value))?;
            slot.id = Some("os_name");
            Some(i)
        });
        if let (Some(n), None) = (name, position(slots, "host_name")) {
            if let Some(s) = n.checked_sub(1).and_then(|h| slots.get_mut(h)).filter(|s| s.id.is_none() && s.aligned) {
                s.id = Some("host_name");
            }
        }
        let by_microsoft = slots.get(v + 1).is_some_and(|s| s.value.trim() == "Microsoft Corporation");
        if position(slots, "os_configuration").is_none() && by_microsoft {
            if let Some(s) = slots.get_mut(v + 2).filter(|s| s.id.is_none()) {
                s.id = Some("os_configuration");
            }
        }
    }
    if position(slots, "hotfixes").is_none() {
        if let Some(s) = slots.iter_mut().find(|s| s.id.is_none() && s.hotfix_entries) {
            s.id = Some("hotfixes");
        }
    }
}

/// Fills host name, OS name, version and product type from named slots. A version is read leniently
/// from a field the label table named, strictly from one named by its shape.
pub fn read_host_fields(h: &mut HostEvidence, slots: &[Slot]) {
    let named = |id: &str| slots.iter().find(|s| s.id == Some(id));
    h.host_name = named("host_name").and_then(|s| Some(Located::new(host_name(s.value)?, s.line)));
    h.os_name = named("os_name").and_then(|s| Some(Located::new(os_name(s.value)?, s.line)));
    h.version = named("os_version").and_then(|s| Some(Located::new(os_version(s.value, !s.labelled)?, s.line)));
    h.product_type = named("os_configuration").and_then(|s| Some(Located::new(product_type(s.value)?, s.line)));
}

/// The field id (`os_name`, `hotfixes`, …) of a label as written, in any language of the table.
/// Case and surrounding spaces are ignored.
pub fn label_id(label: &str) -> Option<&'static str> {
    let label = label.trim();
    SYSTEMINFO_LABELS.iter().find(|r| r.label == label || r.label.eq_ignore_ascii_case(label)).map(|r| r.field)
}

/// The longest table label that `line` starts with, directly followed by a colon: its field id and
/// the byte length of the label. Finds `Virtual Memory: Max Size` before a structural split would
/// stop at its inner colon.
pub fn known_label_at_start(line: &str) -> Option<(&'static str, usize)> {
    SYSTEMINFO_LABELS
        .iter()
        // The colon right after the label is one byte to look at: check it before comparing text.
        .filter(|r| {
            line.as_bytes().get(r.label.len()) == Some(&b':')
                && line.get(..r.label.len()).is_some_and(|head| head == r.label || head.eq_ignore_ascii_case(r.label))
        })
        .max_by_key(|r| r.label.len())
        .map(|r| (r.field, r.label.len()))
}

/// The OS Version value: `10.0.19044 N/A Build 19044`, `6.1.7601 Service Pack 1 ビルド 7601`,
/// `10.0.17763 暂缺 Build 17763`, `6.3.9600 Н/Д построение 9600`, `6.1.7601 Service Pack 1 version 7601`.
/// The localised words are ignored; only the numbers count.
///
/// With `strict` (no label says this is the OS Version), the value must look like nothing else: a
/// Windows `major.minor` (5.x, 6.x, 10.0), a build of at least 4 digits, and, when the value ends in a
/// number, that number equal to the build. That keeps `Wireless-AC 8260`, BIOS versions and IP
/// addresses out.
pub fn os_version(value: &str, strict: bool) -> Option<OsVersion> {
    let t = value.trim();
    let (head, rest) = t.split_once(char::is_whitespace).unwrap_or((t, ""));
    let mut parts = head.split('.');
    let mut num = || -> Option<u32> {
        let p = parts.next()?;
        if p.is_empty() || p.len() > 6 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        p.parse().ok()
    };
    let (major, minor, build) = (num()?, num()?, num()?);
    if parts.next().is_some() {
        return None;
    }
    if strict {
        let windows = matches!((major, minor), (5, 0..=2) | (6, 0..=3) | (10, 0));
        let trailing = rest.split_whitespace().last().filter(|w| w.bytes().all(|b| b.is_ascii_digit()));
        let trailing_ok =
            trailing.is_none_or(|w| w.parse::<u32>().ok() == Some(build)) || rest.contains("Service Pack");
        if !windows || build < 1000 || !trailing_ok {
            return None;
        }
    }
    Some(OsVersion { major_minor: Some((major, minor)), build, revision: None })
}

/// Words of the OS Configuration value per language (`Standalone Workstation`, `Member Server`,
/// `Primary Domain Controller`, `Station de travail autonome`, `Eigenständige Arbeitsstation`,
/// `Workstation membro`, `スタンドアロン ワークステーション`, `メンバー サーバー`, `독립 실행형 워크스테이션`, …),
/// matched in lower case, domain controllers first. Source: `shared/reference/systeminfo-formats.md` and
/// the localised Windows terms for the same three roles.
const CONFIGURATION_WORDS: [(ProductTypeHint, &[&str]); 3] = [
    (
        ProductTypeHint::DomainController,
        &[
            "domain controller",
            "domänencontroller",
            "contrôleur de domaine",
            "controlador de dominio",
            "controlador de domínio",
            "controller di dominio",
            "domeincontroller",
            "kontroler domeny",
            "контроллер домена",
            "ドメイン コントローラー",
            "ドメインコントローラー",
            "ドメイン コントローラ",
            "域控制器",
            "網域控制站",
            "도메인 컨트롤러",
        ],
    ),
    (
        ProductTypeHint::Server,
        &["server", "serveur", "servidor", "сервер", "サーバー", "サーバ", "服务器", "伺服器", "서버"],
    ),
    (
        ProductTypeHint::Client,
        &[
            "workstation",
            "arbeitsstation",
            "station de travail",
            "estación de trabajo",
            "estação de trabalho",
            "stazione di lavoro",
            "werkstation",
            "stacja robocza",
            "рабочая станция",
            "ワークステーション",
            "工作站",
            "워크스테이션",
        ],
    ),
];

/// Client, server or domain controller from the OS Configuration value; `None` when no known word.
pub fn product_type(configuration: &str) -> Option<ProductTypeHint> {
    let lower = configuration.to_lowercase();
    CONFIGURATION_WORDS.iter().find(|(_, words)| words.iter().any(|w| lower.contains(w))).map(|(hint, _)| *hint)
}

/// The registry's `InstallationType` and Get-ComputerInfo's `WindowsInstallationType`: `Client`, `Server`, `Server Core`, `Nano Server`.
pub fn installation_type(value: &str) -> Option<ProductTypeHint> {
    let v = value.trim().to_ascii_lowercase();
    if v == "client" {
        Some(ProductTypeHint::Client)
    } else if v.contains("server") {
        Some(ProductTypeHint::Server)
    } else {
        None
    }
}

/// The declared count of a hotfix field's first value: `22 Hotfix(s) Installed.`, `安装了 5 个修补程序。`,
/// `Число установленных исправлений - 12.`, `294 ホットフィックスがインストールされています。`.
pub fn declared_count(value: &str) -> Option<u32> {
    if value.contains('[') {
        return None;
    }
    first_number(value)
}

/// An OS name: trimmed, kept as written (`Microsoft Windows 7 Professional `, `Майкрософт Windows Server 2012 R2`).
pub fn os_name(value: &str) -> Option<String> {
    let t = value.trim();
    (!t.is_empty() && !super::lines::is_redacted(t)).then(|| t.to_owned())
}

/// A host name: one token, not an author's `...`.
pub fn host_name(value: &str) -> Option<String> {
    let t = value.trim();
    (!t.is_empty() && !super::lines::is_redacted(t) && !t.contains(char::is_whitespace)).then(|| t.to_owned())
}

/// A value that says "Windows" (an OS name in any language keeps the word).
pub fn mentions_windows(value: &str) -> bool {
    value.to_lowercase().contains("windows") && !value.contains(":\\")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(label_id("OS Name"), Some("os_name"));
        assert_eq!(label_id("Betriebssystemversion"), Some("os_version"));
        assert_eq!(label_id("NetWork Card(s)"), Some("network_cards"));
        assert_eq!(label_id("Bogus"), None);
        assert_eq!(known_label_at_start("Virtual Memory: Max Size:  2,751 MB"), Some(("virtual_memory_max", 24)));
        assert_eq!(known_label_at_start("仮想メモリ: 最大サイズ: 32,528 MB").map(|l| l.0), Some("virtual_memory_max"));
        assert_eq!(known_label_at_start("Host Name                      OS Name"), None);
        assert_eq!(known_label_at_start("System type:   X86-based PC").map(|l| l.0), Some("system_type"));
    }

    #[test]
    fn versions() {
        let v = os_version("10.0.19044 N/A Build 19044", true).unwrap();
        assert_eq!((v.major_minor, v.build, v.revision), (Some((10, 0)), 19044, None));
        for s in [
            "6.1.7601 Service Pack 1 ビルド 7601",
            "10.0.17763 暂缺 Build 17763",
            "6.3.9600 Н/Д построение 9600",
            "10.0.17763 N/D Compilación 17763",
            "6.1.7601 Service Pack 1 version 7601",
            "5.1.2600 Service Pack 3 Build 2600",
            "10.0.19045 N/A 빌드 19045",
            "10.0.22621 N/A compilação 22621",
            "10.0.19044",
        ] {
            assert!(os_version(s, true).is_some(), "{s}");
        }
        for s in
            ["192.168.1.48", "6.00, 13-4-2018", "1.45 2020", "10.0.19044 N/A Build 19045", "Wireless-AC 8260", "3.2.1"]
        {
            assert!(os_version(s, true).is_none(), "{s}");
        }
        assert_eq!(os_version("10.0.19044 N/A Bui", false).map(|v| v.build), Some(19044));
    }

    #[test]
    fn configurations() {
        use ProductTypeHint::*;
        for (s, want) in [
            ("Standalone Workstation", Client),
            ("Member Workstation", Client),
            ("Standalone Server", Server),
            ("Member Server", Server),
            ("Primary Domain Controller", DomainController),
            ("Backup Domain Controller", DomainController),
            ("Station de travail autonome", Client),
            ("Eigenständige Arbeitsstation", Client),
            ("Workstation membro", Client),
            ("Estación de trabajo independiente", Client),
            ("スタンドアロン ワークステーション", Client),
            ("メンバー サーバー", Server),
            ("독립 실행형 워크스테이션", Client),
            ("Изолированная рабочая станция", Client),
            ("Основной контроллер домена", DomainController),
            ("独立工作站", Client),
            ("Servidor membro", Server),
        ] {
            assert_eq!(product_type(s), Some(want), "{s}");
        }
        assert_eq!(product_type("Multiprocessor Free"), None);
    }

    #[test]
    fn counts_and_names() {
        assert_eq!(declared_count("22 Hotfix(s) Installed."), Some(22));
        assert_eq!(declared_count("安装了 5 个修补程序。"), Some(5));
        assert_eq!(declared_count("[01]: KB1"), None);
        assert_eq!(host_name("..."), None);
        assert_eq!(host_name(" PC044 ").as_deref(), Some("PC044"));
        assert_eq!(os_name("Microsoft Windows 7 Professional ").as_deref(), Some("Microsoft Windows 7 Professional"));
        assert!(mentions_windows("Майкрософт Windows Server 2012 R2 Standard"));
        assert!(!mentions_windows("C:\\Windows"));
    }
}
