//! The `acs-check` command: its default output is the plain-text report (`present::text`), with the
//! multi-host summary, certificates and signatures; `--json` is the contract; exit codes as documented.

use std::process::Command;

fn run(args: &[&str]) -> (String, i32) {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures");
    let out = Command::new(env!("CARGO_BIN_EXE_acs-check"))
        .args(args.iter().map(|a| a.replace("FIX", fixtures)))
        .env("LANG", "C")
        .output()
        .expect("runs");
    (String::from_utf8(out.stdout).expect("UTF-8"), out.status.code().unwrap_or(-1))
}

#[test]
fn several_hosts_certificates_and_signatures_in_the_text_report() {
    let files = [
        "FIX/systeminfo/01-it-win10-1803.txt",
        "FIX/systeminfo/10-en-srv2022.txt",
        "FIX/certs/derived-acs-chain.p7b",
        "FIX/signed/pe-signed-nested.exe",
    ];
    let (text, code) = run(&[&["--lang", "en"][..], &files].concat());
    assert_eq!(code, 1, "{text}");
    assert!(text.starts_with("Azure Code Signing check (acs-check)\n"), "{text}");
    assert!(text.contains("Computers (2)\n  PC044 | Windows 10 1803 | 17134 | Action needed\n"), "{text}");
    assert!(text.contains("== WIN-RIBN7SM07BK — Windows Server 2022 (20348) =="), "{text}");
    assert!(text.contains("Alert id: AzureCodeSigningEol / Shown since 2023-07-10"), "{text}");
    assert!(text.contains("\nCertificates (7)\n"), "{text}");
    assert!(text.contains("\nSignatures (1)\n"), "{text}");
    assert!(text.contains("This tool's data (the list of updates) goes up to"), "{text}");

    // Japanese by default (LANG is not English).
    let (ja, _) = run(&files);
    assert!(ja.contains("コンピューター一覧（2 台）") && ja.contains("署名（1 件）"), "{ja}");
}

#[test]
fn json_and_exit_codes() {
    let (json, code) = run(&["--json", "FIX/systeminfo/10-en-srv2022.txt"]);
    assert_eq!(code, 1);
    let report: acs_check::Report = serde_json::from_str(&json).expect("the contract");
    assert_eq!(report.hosts.len(), 1);
    let (text, code) = run(&["FIX/certs/certutil-store-en.txt"]);
    assert_eq!(code, 2, "{text}");
    let (_, code) = run(&["--lang", "xx"]);
    assert_eq!(code, 2);
}

#[test]
fn version_prints_the_data_date() {
    for flag in ["--version", "-V"] {
        let (out, code) = run(&[flag]);
        assert_eq!(code, 0);
        let want = format!("(update data as of {})", acs_check::windows::DATA_AS_OF);
        assert!(out.starts_with("acs-check ") && out.trim_end().ends_with(&want), "{out}");
    }
    // The data date is a real date after the table's latest refresh.
    assert!(acs_check::windows::DATA_AS_OF > "2026-08-01");
}
