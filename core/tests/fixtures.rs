//! Every file of `tests/fixtures/systeminfo/` (including the CP850 originals in `raw/` and the CP932
//! copy in `derived/`) through the whole check, read as an uploaded file's bytes.
//!
//! The expected values were worked out by hand from each fixture and `shared/reference/`
//! (`systeminfo-formats.md`, `windows-acs-support.md`, `core/data/acs-updates.tsv`), not copied from
//! the program's output.

use std::path::{Path, PathBuf};

use acs_check::evidence::InputKind;
use acs_check::{check, AcsReason, AcsStatus, HostReport, Input, Options, OsKind, Report, Verdict};

use AcsReason as R;
use AcsStatus as S;
use InputKind as K;

/// What one host of a fixture's report must say.
#[derive(Debug, Clone, Copy)]
struct Host {
    host_name: Option<&'static str>,
    os_name: Option<&'static str>,
    product: Option<&'static str>,
    kind: Option<OsKind>,
    build: Option<u32>,
    revision: Option<u32>,
    /// Number of hotfixes, first and last.
    hotfixes: (usize, Option<&'static str>, Option<&'static str>),
    truncated: bool,
    hotfix_count: Option<u32>,
    status: AcsStatus,
    evidence: Option<&'static str>,
    reason: AcsReason,
    verdict: Verdict,
}

/// A host the inputs identify only partly: everything unknown, to be filled in per case.
const NOTHING: Host = Host {
    host_name: None,
    os_name: None,
    product: None,
    kind: None,
    build: None,
    revision: None,
    hotfixes: (0, None, None),
    truncated: false,
    hotfix_count: None,
    status: S::Unknown,
    evidence: None,
    reason: R::NoBuild,
    verdict: Verdict::Unknown,
};

const CLIENT: Option<OsKind> = Some(OsKind::Client);
const SERVER: Option<OsKind> = Some(OsKind::Server);

struct Case {
    file: &'static str,
    kinds: &'static [InputKind],
    encoding: &'static str,
    hosts: &'static [Host],
}

// Windows 10 1803 (17134): servicing ended before September 2021, no update brings ACS support.
const IT_1803: Host = Host {
    host_name: Some("PC044"),
    os_name: Some("Microsoft Windows 10 Pro"),
    product: Some("Windows 10 1803"),
    kind: CLIENT,
    build: Some(17134),
    hotfixes: (10, Some("KB4100347"), Some("KB4487017")),
    hotfix_count: Some(10),
    status: S::NeedsUpdate,
    reason: R::NoUpdateExists,
    verdict: Verdict::ActionNeeded,
    ..NOTHING
};

// Windows 10 1809 (17763) with KBs of 2018–2019, all older than KB5005625: needs the update.
const ES_1809: Host = Host {
    os_name: Some("Microsoft Windows 10 Education"),
    product: Some("Windows 10 1809"),
    kind: CLIENT,
    build: Some(17763),
    hotfixes: (9, Some("KB4486553"), Some("KB4482887")),
    hotfix_count: Some(9),
    status: S::NeedsUpdate,
    reason: R::NoQualifyingKb,
    verdict: Verdict::ActionNeeded,
    ..NOTHING
};

// Windows 7: out of ESET support whatever the list says; the complete list holds no KB of October
// 2021 or later.
const FR_W7: Host = Host {
    host_name: Some("WIN-IDKKFN87EL8"),
    os_name: Some("Microsoft Windows 7 Entreprise N"),
    product: Some("Windows 7 SP1"),
    kind: CLIENT,
    build: Some(7601),
    hotfixes: (73, Some("KB2491683"), Some("KB4493472")),
    hotfix_count: Some(73),
    status: S::EndOfSupport,
    reason: R::NoQualifyingKb,
    verdict: Verdict::Unsupported,
    ..NOTHING
};

// Japanese Windows 7: the author elided the middle (`.....`) of a list systeminfo had cut at 245.
const JA_W7: Host = Host {
    host_name: Some("MyCowin7"),
    os_name: Some("Microsoft Windows 7 Professional"),
    product: Some("Windows 7 SP1"),
    kind: CLIENT,
    build: Some(7601),
    hotfixes: (2, Some("KB2849697"), Some("KB3020369")),
    truncated: true,
    hotfix_count: Some(294),
    status: S::EndOfSupport,
    reason: R::HotfixListIncomplete,
    verdict: Verdict::Unsupported,
    ..NOTHING
};

// The same Windows 10 21H2 host in fixtures 30 (table) and 32 (list): native.
const HIGHWAYSTAR: Host = Host {
    host_name: Some("HIGHWAYSTAR"),
    os_name: Some("Microsoft Windows 10 Home"),
    product: Some("Windows 10 21H2"),
    kind: CLIENT,
    build: Some(19044),
    hotfixes: (22, Some("KB5010472"), Some("KB5005699")),
    hotfix_count: Some(22),
    status: S::Native,
    reason: R::NativeBuild,
    verdict: Verdict::Ok,
    ..NOTHING
};

const NATIVE_22H2: Host = Host {
    product: Some("Windows 10 22H2"),
    kind: CLIENT,
    build: Some(19045),
    status: S::Native,
    reason: R::NativeBuild,
    verdict: Verdict::Ok,
    ..NOTHING
};

const CASES: &[Case] = &[
    Case { file: "01-it-win10-1803.txt", kinds: &[K::SysteminfoList], encoding: "utf-8", hosts: &[IT_1803] },
    Case {
        file: "02-nl-enUI-win10-1803-x86.txt",
        kinds: &[K::SysteminfoList],
        encoding: "utf-8",
        hosts: &[Host {
            host_name: Some("DESKTOP-LFQSJM4"),
            os_name: Some("Microsoft Windows 10 Enterprise"),
            hotfixes: (4, Some("KB4230204"), Some("KB4457128")),
            hotfix_count: Some(4),
            ..IT_1803
        }],
    },
    Case { file: "03-es-win10-1809.txt", kinds: &[K::SysteminfoList], encoding: "utf-8", hosts: &[ES_1809] },
    // Windows 7, list cut by systeminfo at 245 entries (263 declared, 3 KBs listed twice).
    Case {
        file: "05-de-win7-sp1-truncated.txt",
        kinds: &[K::SysteminfoList],
        encoding: "utf-8",
        hosts: &[Host {
            host_name: Some("OLI7-PC"),
            os_name: Some("Microsoft Windows 7 Ultimate N"),
            hotfixes: (242, Some("KB2849697"), Some("KB3162835")),
            truncated: true,
            hotfix_count: Some(263),
            reason: R::HotfixListIncomplete,
            ..FR_W7
        }],
    },
    Case { file: "06-fr-win7-sp1-cmd.txt", kinds: &[K::SysteminfoList], encoding: "utf-8", hosts: &[FR_W7] },
    Case {
        file: "08-en-win11-24h2-ltsc.txt",
        kinds: &[K::SysteminfoList],
        encoding: "utf-8",
        hosts: &[Host {
            host_name: Some("WINXI24H2LTSC"),
            os_name: Some("Microsoft Windows 11 Enterprise LTSC"),
            product: Some("Windows 11 Enterprise LTSC 2024"),
            build: Some(26100),
            hotfixes: (3, Some("KB5037589"), Some("KB5039449")),
            hotfix_count: Some(3),
            ..NATIVE_22H2
        }],
    },
    Case {
        file: "09-en-win11-22h2-home-sl.txt",
        kinds: &[K::SysteminfoList],
        encoding: "utf-8",
        hosts: &[Host {
            host_name: Some("test"),
            os_name: Some("Microsoft Windows 11 Home Single Language"),
            product: Some("Windows 11 22H2"),
            build: Some(22621),
            hotfixes: (1, Some("KB5008215"), Some("KB5008215")),
            hotfix_count: Some(1),
            ..NATIVE_22H2
        }],
    },
    // Server 2022 with the July–September 2021 KBs, all older than KB5005619.
    Case {
        file: "10-en-srv2022.txt",
        kinds: &[K::SysteminfoList],
        encoding: "utf-8",
        hosts: &[Host {
            host_name: Some("WIN-RIBN7SM07BK"),
            os_name: Some("Microsoft Windows Server 2022 Standard"),
            product: Some("Windows Server 2022"),
            kind: SERVER,
            build: Some(20348),
            hotfixes: (3, Some("KB5004330"), Some("KB5005552")),
            hotfix_count: Some(3),
            status: S::NeedsUpdate,
            reason: R::NoQualifyingKb,
            verdict: Verdict::ActionNeeded,
            ..NOTHING
        }],
    },
    Case {
        file: "11-en-es-ar-win10-1803-partial.txt",
        kinds: &[K::SysteminfoList],
        encoding: "utf-8",
        hosts: &[Host {
            host_name: None,
            os_name: Some("Microsoft Windows 10 Enterprise"),
            hotfixes: (6, Some("KB4456655"), Some("KB4487029")),
            hotfix_count: Some(6),
            ..IT_1803
        }],
    },
    Case { file: "12-ja-win7-sp1-truncated.txt", kinds: &[K::SysteminfoList], encoding: "utf-8", hosts: &[JA_W7] },
    Case {
        file: "14-ja-win10-22h2-excerpt.txt",
        kinds: &[K::SysteminfoList],
        encoding: "utf-8",
        hosts: &[Host { os_name: Some("Microsoft Windows 10 Pro"), ..NATIVE_22H2 }],
    },
    Case {
        file: "15-ja-win10-22h2-findstr-and-ver.txt",
        kinds: &[K::SysteminfoList, K::Ver],
        encoding: "utf-8",
        hosts: &[Host { os_name: Some("Microsoft Windows 10 Pro"), revision: Some(2251), ..NATIVE_22H2 }],
    },
    // Windows 10 20H2 with KBs of 2020, all older than KB5005611.
    Case {
        file: "16-en-win10-20h2-jc.txt",
        kinds: &[K::SysteminfoList],
        encoding: "utf-8",
        hosts: &[Host {
            host_name: Some("DESKTOP-WIN01"),
            os_name: Some("Microsoft Windows 10 Enterprise"),
            product: Some("Windows 10 20H2"),
            kind: CLIENT,
            build: Some(19042),
            hotfixes: (6, Some("KB4578968"), Some("KB4594440")),
            hotfix_count: Some(6),
            status: S::NeedsUpdate,
            reason: R::NoQualifyingKb,
            verdict: Verdict::ActionNeeded,
            ..NOTHING
        }],
    },
    Case {
        file: "18-en-win7-sp1-302-truncated-jc.txt",
        kinds: &[K::SysteminfoList],
        encoding: "utf-8",
        hosts: &[Host {
            host_name: Some("TEST"),
            os_name: Some("Microsoft Windows 7 Professional"),
            hotfixes: (245, Some("KB2849697"), Some("KB3088195")),
            hotfix_count: Some(302),
            ..JA_W7
        }],
    },
    Case {
        file: "19-en-win10-1803-hyperv-jc.txt",
        kinds: &[K::SysteminfoList],
        encoding: "utf-8",
        hosts: &[Host {
            host_name: Some("TESTLAPTOP"),
            os_name: Some("Microsoft Windows 10 Enterprise"),
            hotfixes: (11, Some("KB2693643"), Some("KB4534293")),
            hotfix_count: Some(11),
            ..IT_1803
        }],
    },
    Case {
        file: "23-ko-win10-22h2-excerpt.txt",
        kinds: &[K::SysteminfoList],
        encoding: "utf-8",
        hosts: &[Host { os_name: Some("Microsoft Windows 10 Home"), ..NATIVE_22H2 }],
    },
    // Server 2016 with KBs of 2017–2018, all older than KB5006669.
    Case {
        file: "24-en-srv2016-1607.txt",
        kinds: &[K::SysteminfoList],
        encoding: "utf-8",
        hosts: &[Host {
            host_name: Some("MYSERVER"),
            os_name: Some("Microsoft Windows Server 2016 Datacenter"),
            product: Some("Windows Server 2016"),
            kind: SERVER,
            build: Some(14393),
            hotfixes: (5, Some("KB4049065"), Some("KB4483229")),
            hotfix_count: Some(5),
            status: S::NeedsUpdate,
            reason: R::NoQualifyingKb,
            verdict: Verdict::ActionNeeded,
            ..NOTHING
        }],
    },
    // Server 2019 RTM: only the OS name tells it from Windows 10 1809; its 2018–2019 KBs are all
    // older than KB5005625.
    Case {
        file: "25-en-srv2019-rtm.txt",
        kinds: &[K::SysteminfoList],
        encoding: "utf-8",
        hosts: &[Host {
            host_name: Some("WIN-O863JARO7CM"),
            os_name: Some("Microsoft Windows Server 2019 Datacenter"),
            product: Some("Windows Server 2019"),
            kind: SERVER,
            build: Some(17763),
            hotfixes: (5, Some("KB4462930"), Some("KB4480116")),
            hotfix_count: Some(5),
            status: S::NeedsUpdate,
            reason: R::NoQualifyingKb,
            verdict: Verdict::ActionNeeded,
            ..NOTHING
        }],
    },
    // Windows 8.1 (not Server 2012 R2, by its name): out of ESET support.
    Case {
        file: "26-en-win81-u1.txt",
        kinds: &[K::SysteminfoList],
        encoding: "utf-8",
        hosts: &[Host {
            host_name: Some("WIN81U1X64"),
            os_name: Some("Microsoft Windows 8.1 Enterprise"),
            product: Some("Windows 8.1"),
            build: Some(9600),
            hotfixes: (6, Some("KB2919355"), Some("KB2949621")),
            hotfix_count: Some(6),
            ..FR_W7
        }],
    },
    // XP: 127 `File 1`, a `Q147222`, 92 suffixed KBs; cut at `[221`.
    Case {
        file: "27-en-winxp-sp3-file1-truncated.txt",
        kinds: &[K::SysteminfoList],
        encoding: "utf-8",
        hosts: &[Host {
            host_name: Some("WINXPSP3"),
            os_name: Some("Microsoft Windows XP Professional"),
            product: Some("Windows XP"),
            build: Some(2600),
            hotfixes: (92, Some("KB2378111"), Some("KB946648")),
            truncated: true,
            hotfix_count: Some(262),
            reason: R::NoUpdateExists,
            ..FR_W7
        }],
    },
    Case {
        file: "30-en-win10-21h2-fo-table.txt",
        kinds: &[K::SysteminfoTable],
        encoding: "utf-8",
        hosts: &[Host { hotfixes: (0, None, None), ..HIGHWAYSTAR }],
    },
    Case {
        file: "32-en-win10-21h2-fo-list-same-host.txt",
        kinds: &[K::SysteminfoList],
        encoding: "utf-8",
        hosts: &[HIGHWAYSTAR],
    },
    // Windows* properties only: WindowsBuildLabEx, WindowsVersion and WindowsCurrentVersion are not
    // the version, so no build; the installation type says client.
    Case {
        file: "C01-en-get-computerinfo-win10-22h2-ps7-windows-block.txt",
        kinds: &[K::GetComputerinfo],
        encoding: "utf-8",
        hosts: &[Host { kind: CLIENT, ..NOTHING }],
    },
    Case {
        file: "C03-en-get-computerinfo-win11-23h2-os-block.txt",
        kinds: &[K::GetComputerinfo],
        encoding: "utf-8",
        hosts: &[Host {
            os_name: Some("Microsoft Windows 11 Enterprise"),
            product: Some("Windows 11 23H2"),
            build: Some(22631),
            hotfixes: (4, Some("KB5044033"), Some("KB5039338")),
            truncated: true,
            ..NATIVE_22H2
        }],
    },
    Case {
        file: "G02-pt-br-get-hotfix-truncated-cols.txt",
        kinds: &[K::GetHotfix],
        encoding: "utf-8",
        hosts: &[Host { hotfixes: (17, Some("KB4534131"), Some("KB4532691")), ..NOTHING }],
    },
    // No build: KB5032189 (the 2023-11 cumulative update) belongs to Windows 10 21H2 and 22H2 only in
    // the update table, both native; the others are not in it (enablement package, .NET, servicing stack).
    Case {
        file: "G03-ja-get-hotfix-wide-host-placeholder.txt",
        kinds: &[K::GetHotfix],
        encoding: "utf-8",
        hosts: &[Host {
            host_name: Some("\"ホスト名（コンピューター名）\""),
            product: Some("Windows 10 21H2 / Windows 10 22H2"),
            kind: CLIENT,
            hotfixes: (4, Some("KB5015684"), Some("KB5032189")),
            status: S::Native,
            reason: R::NativeBuild,
            verdict: Verdict::Ok,
            ..NOTHING
        }],
    },
    Case {
        file: "M01-en-get-ciminstance-win32_os-win10-ltsc.txt",
        kinds: &[K::CimOperatingSystem],
        encoding: "utf-8",
        hosts: &[Host {
            os_name: Some("Microsoft Windows 10 Enterprise LTSC"),
            product: Some("Windows 10 Enterprise LTSC 2021"),
            build: Some(19044),
            ..NATIVE_22H2
        }],
    },
    Case {
        file: "M02-es-get-ciminstance-win32_os-win10-21h2.txt",
        kinds: &[K::CimOperatingSystem],
        encoding: "utf-8",
        hosts: &[Host { product: Some("Windows 10 21H2"), build: Some(19044), ..NATIVE_22H2 }],
    },
    // `/t REG_SZ`: no UBR; ProductName is the name below build 22000.
    Case {
        file: "R01-en-reg-query-currentversion-regsz-flutter.txt",
        kinds: &[K::RegCurrentversion],
        encoding: "utf-8",
        hosts: &[Host { os_name: Some("Windows 10 Enterprise"), ..NATIVE_22H2 }],
    },
    Case {
        file: "V01-es-cmd-banner-and-cp850-mojibake.txt",
        kinds: &[K::Ver],
        encoding: "utf-8",
        hosts: &[Host { revision: Some(4412), ..NATIVE_22H2 }],
    },
    // 14393 without a revision or a hotfix list: client or server cannot be told, nothing proves support.
    Case {
        file: "V03-en-cmd-banner-srv2016-no-ubr.txt",
        kinds: &[K::Ver],
        encoding: "utf-8",
        hosts: &[Host {
            product: Some("Windows 10 1607 / Windows Server 2016"),
            build: Some(14393),
            reason: R::NoHotfixList,
            ..NOTHING
        }],
    },
    Case {
        file: "W01-en-wmic-qfe-list-brief.txt",
        kinds: &[K::WmicQfe],
        encoding: "utf-8",
        hosts: &[Host { hotfixes: (9, Some("KB4601056"), Some("KB5000808")), ..NOTHING }],
    },
    Case {
        file: "raw/01-it-win10-1803.cp850-crlf.txt",
        kinds: &[K::SysteminfoList],
        encoding: "ibm850",
        hosts: &[IT_1803],
    },
    Case {
        file: "raw/03-es-win10-1809.cp850-crlf.txt",
        kinds: &[K::SysteminfoList],
        encoding: "ibm850",
        hosts: &[ES_1809],
    },
    Case {
        file: "raw/06-fr-win7-sp1-cmd.cp850-lf.txt",
        kinds: &[K::SysteminfoList],
        encoding: "ibm850",
        hosts: &[FR_W7],
    },
    Case {
        file: "derived/12-ja-win7-sp1-truncated.DERIVED.cp932-crlf.txt",
        kinds: &[K::SysteminfoList],
        encoding: "shift_jis",
        hosts: &[JA_W7],
    },
];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/systeminfo")
}

fn run(file: &str, name: &str) -> Report {
    let bytes = std::fs::read(fixtures().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    check(&[Input::bytes(name, bytes)], &Options::default())
}

/// The differences between a host report and what it must say.
fn mismatches(h: &HostReport, want: &Host) -> Vec<String> {
    let mut out = Vec::new();
    let mut cmp = |what: &str, got: String, want: String| {
        if got != want {
            out.push(format!("{what}: got {got}, want {want}"));
        }
    };
    cmp("host_name", format!("{:?}", h.host_name.as_deref()), format!("{:?}", want.host_name));
    cmp("os.name", format!("{:?}", h.os.name.as_deref()), format!("{:?}", want.os_name));
    cmp("os.product", format!("{:?}", h.os.product.as_deref()), format!("{:?}", want.product));
    cmp("os.kind", format!("{:?}", h.os.kind), format!("{:?}", want.kind));
    cmp("os.build", format!("{:?}", h.os.build), format!("{:?}", want.build));
    cmp("os.revision", format!("{:?}", h.os.revision), format!("{:?}", want.revision));
    let hotfixes = (h.hotfixes.len(), h.hotfixes.first().map(String::as_str), h.hotfixes.last().map(String::as_str));
    cmp("hotfixes (count, first, last)", format!("{hotfixes:?}"), format!("{:?}", want.hotfixes));
    cmp("hotfixes_truncated", h.hotfixes_truncated.to_string(), want.truncated.to_string());
    cmp("hotfix_count", format!("{:?}", h.hotfix_count), format!("{:?}", want.hotfix_count));
    cmp("acs.status", format!("{:?}", h.acs.status), format!("{:?}", want.status));
    cmp("acs.evidence", format!("{:?}", h.acs.evidence.as_deref()), format!("{:?}", want.evidence));
    cmp("acs.reason", format!("{:?}", h.acs.reason), format!("{:?}", want.reason));
    cmp("verdict", format!("{:?}", h.verdict), format!("{:?}", want.verdict));
    out
}

#[test]
fn every_fixture_gives_its_report() {
    let mut failures = Vec::new();
    for case in CASES {
        let report = run(case.file, case.file);
        let mut problems = Vec::new();
        let input = &report.inputs[0];
        if input.kinds != case.kinds {
            problems.push(format!("kinds: got {:?}, want {:?}", input.kinds, case.kinds));
        }
        if input.encoding != case.encoding {
            problems.push(format!("encoding: got {}, want {}", input.encoding, case.encoding));
        }
        if !report.errors.is_empty() {
            problems.push(format!("errors: {:?}", report.errors));
        }
        if report.hosts.len() != case.hosts.len() {
            problems.push(format!("hosts: got {}, want {}", report.hosts.len(), case.hosts.len()));
        }
        for (h, want) in report.hosts.iter().zip(case.hosts) {
            problems.extend(mismatches(h, want));
        }
        if !problems.is_empty() {
            failures.push(format!("{}:\n  {}", case.file, problems.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_fixture_file_has_a_case() {
    let mut files = Vec::new();
    for dir in ["", "raw", "derived"] {
        for entry in std::fs::read_dir(fixtures().join(dir)).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type().unwrap().is_file() && name != ".gitattributes" {
                files.push(if dir.is_empty() { name } else { format!("{dir}/{name}") });
            }
        }
    }
    files.sort();
    let mut cases: Vec<String> = CASES.iter().map(|c| c.file.to_owned()).collect();
    cases.sort();
    assert_eq!(files, cases);
}

/// The CP850 originals and the CP932 copy give the same hosts, line for line, as their UTF-8 twins.
#[test]
fn encoded_twins_give_the_same_hosts() {
    for (encoded, utf8) in [
        ("raw/01-it-win10-1803.cp850-crlf.txt", "01-it-win10-1803.txt"),
        ("raw/03-es-win10-1809.cp850-crlf.txt", "03-es-win10-1809.txt"),
        ("raw/06-fr-win7-sp1-cmd.cp850-lf.txt", "06-fr-win7-sp1-cmd.txt"),
        ("derived/12-ja-win7-sp1-truncated.DERIVED.cp932-crlf.txt", "12-ja-win7-sp1-truncated.txt"),
    ] {
        let a = run(encoded, "host.txt");
        let b = run(utf8, "host.txt");
        assert_ne!(a.inputs[0].encoding, b.inputs[0].encoding);
        assert_eq!(a.hosts, b.hosts, "{encoded} vs {utf8}");
        assert!(!a.hosts.is_empty());
    }
}

/// The table and the list of one host, given as two files, are one host with the list's KBs.
#[test]
fn table_and_list_of_the_same_host_are_one_host() {
    let read = |f: &str| std::fs::read(fixtures().join(f)).unwrap();
    let report = check(
        &[
            Input::bytes("table.txt", read("30-en-win10-21h2-fo-table.txt")),
            Input::bytes("list.txt", read("32-en-win10-21h2-fo-list-same-host.txt")),
        ],
        &Options::default(),
    );
    assert_eq!(report.hosts.len(), 1);
    assert!(mismatches(&report.hosts[0], &HIGHWAYSTAR).is_empty(), "{:?}", mismatches(&report.hosts[0], &HIGHWAYSTAR));
    assert_eq!(report.hosts[0].sources.len(), 2);
}

/// systeminfo followed by `ver` in one paste: the revision proves support.
#[test]
fn systeminfo_and_ver_in_one_paste() {
    let list = String::from_utf8(std::fs::read(fixtures().join("25-en-srv2019-rtm.txt")).unwrap()).unwrap();
    let text = format!("C:\\>systeminfo & ver\n{list}\nMicrosoft Windows [Version 10.0.17763.4010]\n");
    let report = check(&[Input::text("pasted text", text)], &Options::default());
    assert_eq!(report.inputs[0].kinds, [K::SysteminfoList, K::Ver]);
    assert_eq!(report.hosts.len(), 1);
    let h = &report.hosts[0];
    assert_eq!((h.os.build, h.os.revision), (Some(17763), Some(4010)));
    assert_eq!((h.acs.status, h.acs.reason), (S::Patched, R::QualifyingRevision));
    assert_eq!(h.acs.evidence.as_deref(), Some("build 17763.4010"));
    assert_eq!(h.acs.evidence_at.as_ref().map(|e| e.line), Some(50));
}

/// A Get-HotFix listing given beside a systeminfo joins its only host and completes its list.
#[test]
fn a_hotfix_listing_joins_the_only_host() {
    let read = |f: &str| std::fs::read(fixtures().join(f)).unwrap();
    let report = check(
        &[
            Input::bytes("systeminfo.txt", read("03-es-win10-1809.txt")),
            Input::bytes("hotfix.txt", read("G02-pt-br-get-hotfix-truncated-cols.txt")),
        ],
        &Options::default(),
    );
    assert_eq!(report.hosts.len(), 1);
    let h = &report.hosts[0];
    // 9 from systeminfo, then the 17 of Get-HotFix less the 2 both list (KB4470788, KB4480056).
    assert_eq!((h.hotfixes.len(), h.hotfixes.last().map(String::as_str)), (24, Some("KB4532691")));
    assert!(h.warning_codes.contains(&"columns_cut".to_owned()));
}

/// Server 2019 with the October 2023 cumulative update added to its list: the KB proves support.
#[test]
fn a_later_cumulative_update_in_the_list_proves_support() {
    let list = String::from_utf8(std::fs::read(fixtures().join("25-en-srv2019-rtm.txt")).unwrap()).unwrap();
    let list = list
        .replace("5 Hotfix(s) Installed.", "6 Hotfix(s) Installed.")
        .replace("[05]: KB4480116\r\n", "[05]: KB4480116\r\n                           [06]: KB5031361\r\n");
    let report = check(&[Input::bytes("systeminfo.txt", list.into_bytes())], &Options::default());
    let h = &report.hosts[0];
    assert_eq!((h.hotfixes.len(), h.hotfix_count, h.hotfixes_truncated), (6, Some(6), false));
    assert_eq!((h.acs.status, h.acs.reason, h.verdict), (S::Patched, R::QualifyingKb, Verdict::Ok));
    assert_eq!(h.acs.evidence.as_deref(), Some("KB5031361"));
    assert_eq!(h.acs.evidence_at.as_ref().map(|e| (e.input.as_str(), e.line)), Some(("systeminfo.txt", 39)));
}

/// The Server 2019 fixture with one more KB in its hotfix list, as a real host would list it.
fn srv2019_with(kb: &str) -> Vec<u8> {
    let list = String::from_utf8(std::fs::read(fixtures().join("25-en-srv2019-rtm.txt")).unwrap()).unwrap();
    list.replace("5 Hotfix(s) Installed.", "6 Hotfix(s) Installed.")
        .replace("[05]: KB4480116\r\n", &format!("[05]: KB4480116\r\n                           [06]: {kb}\r\n"))
        .into_bytes()
}

/// Server 2019 listing the August 2026 cumulative update (KB5120238, 2026-08-11): in the data, so the
/// KB proves support (confirmed), and the report names it.
#[test]
fn the_august_2026_cumulative_update_is_known() {
    let report = check(&[Input::bytes("systeminfo.txt", srv2019_with("KB5120238"))], &Options::default());
    assert!(report.data_as_of.as_str() > "2026-08-01", "{}", report.data_as_of);
    let h = &report.hosts[0];
    assert_eq!((h.acs.status, h.acs.reason, h.verdict), (S::Patched, R::QualifyingKb, Verdict::Ok));
    assert_eq!(h.acs.confidence, Some(acs_check::Confidence::Confirmed));
    assert_eq!(h.acs.evidence.as_deref(), Some("KB5120238"));
    assert!(h.summary.contains("KB5120238"), "{}", h.summary);
    // The release date, in the report's language (Japanese: 2026年8月11日).
    assert!(h.acs.explanation.contains(&acs_check::texts::date(report.lang, "2026-08-11")), "{}", h.acs.explanation);
    assert!(!h.warning_codes.contains(&"newer_than_data".to_owned()));
}

/// A KB above every one the data lists for 17763 is only "likely" a later update, and the words say
/// how far the data goes.
#[test]
fn a_kb_newer_than_the_data_is_likely() {
    let max = acs_check::windows::Product::new(17763, Some(OsKind::Server), false).max_kb().unwrap();
    let kb = format!("KB{}", max + 1);
    let report = check(&[Input::bytes("systeminfo.txt", srv2019_with(&kb))], &Options::default());
    let h = &report.hosts[0];
    assert_eq!((h.acs.status, h.acs.reason), (S::Patched, R::NewerThanData));
    assert_eq!(h.acs.confidence, Some(acs_check::Confidence::Likely));
    assert!(h.warning_codes.contains(&"newer_than_data".to_owned()));
    // 17763's data goes as far as the whole table's.
    assert!(h.summary.contains(&acs_check::texts::date(report.lang, &report.data_as_of)), "{}", h.summary);
}

/// A Get-HotFix paste without a build: the product is inferred from the KB the update table gives to
/// one product family only, reported as inferred, `likely`, naming the KB; the page and the text say
/// "probably" and how to confirm.
#[test]
fn a_hotfix_paste_without_a_build_names_the_kb_that_identified_the_product() {
    let report = run("G03-ja-get-hotfix-wide-host-placeholder.txt", "hotfix.txt");
    let h = &report.hosts[0];
    assert_eq!(h.os.inferred_from, ["KB5032189"]);
    assert_eq!(h.acs.confidence, Some(acs_check::Confidence::Likely));
    assert_eq!(h.alert_expected, acs_check::AlertExpected::No);
    assert!(h.alerts.is_empty());
    assert!(h.acs.explanation.contains("KB5032189") && h.summary.contains("可能性が高い"), "{}", h.summary);
    assert!(h.actions.iter().any(|a| a.command.as_deref() == Some("ver")));
    let text = acs_check::present::text(&report);
    assert!(text.contains("おそらく表示されません（未確定）"), "{text}");
    assert!(!text.contains("アラートは表示されません。"), "{text}");
}
