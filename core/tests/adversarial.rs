//! The adversarial corpus (tests/fixtures/adversarial/, made by make.py there): files built to make
//! the checker say more than they are. Each must give its exact honest outcome — the status, the
//! lead verdict and the step that failed — and none may ever be reported as a valid ACS-signed file.

use std::collections::BTreeSet;

use acs_check::report::{SignatureReport, SignatureVerdict};
use acs_check::signature::{SignatureStatus, StepId, StepStatus};
use acs_check::{check, DateStr, Input, Lang, Options, Report};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../tests/fixtures/adversarial/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn run(name: &str) -> Report {
    let options = Options { lang: Lang::En, today: DateStr::parse("2026-12-03"), ..Options::default() };
    check(&[Input::bytes(name, fixture(name))], &options)
}

fn signature(r: &Report) -> &SignatureReport {
    assert_eq!(r.signatures.len(), 1, "{r:#?}");
    &r.signatures[0]
}

/// `(step id, reason code)` of the primary signature's failed steps.
fn failed(s: &SignatureReport) -> Vec<(StepId, String)> {
    s.signers[0].steps.iter().filter(|st| st.status == StepStatus::Failed).map(|st| (st.id, st.code.clone())).collect()
}

fn first_failed(s: &SignatureReport) -> (StepId, String) {
    failed(s).into_iter().next().unwrap_or_else(|| panic!("no failed step: {s:#?}"))
}

/// The expected outcome of each file: status, verdict, and the first failed step of the primary
/// signature (None when the file could not be read or nothing failed).
struct Case {
    file: &'static str,
    status: SignatureStatus,
    verdict: SignatureVerdict,
    first_failure: Option<(StepId, &'static str)>,
}

const CASES: &[Case] = &[
    // 1. Code after a script's signature block: Windows treats the script as tampered.
    Case {
        file: "script-code-after-block.ps1",
        status: SignatureStatus::Invalid,
        verdict: SignatureVerdict::Invalid,
        first_failure: Some((StepId::FileDigest, "unsigned_data")),
    },
    // 2. A real ACS signature block first, any code after it: not a detached signature.
    Case {
        file: "acs-block-then-code.ps1",
        status: SignatureStatus::Invalid,
        verdict: SignatureVerdict::Invalid,
        first_failure: Some((StepId::FileDigest, "unsigned_data")),
    },
    // ... and the block alone: a signature without its file, reported as such.
    Case {
        file: "acs-block-only.ps1",
        status: SignatureStatus::Acs,
        verdict: SignatureVerdict::SignatureOnly,
        first_failure: None,
    },
    // 3. A timestamp whose TSA's issuer is not there (its chain is never checked): today decides.
    Case {
        file: "acs-timestamp-issuer-missing.p7",
        status: SignatureStatus::Invalid,
        verdict: SignatureVerdict::Invalid,
        first_failure: Some((StepId::Validity, "not_valid_at_date_timestamp_not_trusted")),
    },
    // 4. Bytes the signature does not cover in a PE (EnableCertPaddingCheck).
    Case {
        file: "pe-second-certificate-entry.exe",
        status: SignatureStatus::Invalid,
        verdict: SignatureVerdict::Invalid,
        first_failure: Some((StepId::FileDigest, "unsigned_data")),
    },
    Case {
        file: "pe-padding-not-zero.exe",
        status: SignatureStatus::Invalid,
        verdict: SignatureVerdict::Invalid,
        first_failure: Some((StepId::FileDigest, "unsigned_data")),
    },
    Case {
        file: "pe-data-after-table.exe",
        status: SignatureStatus::Invalid,
        verdict: SignatureVerdict::Invalid,
        first_failure: Some((StepId::FileDigest, "unsigned_data")),
    },
    // 5. SHA-1: a correct signature, but never an ACS one.
    Case {
        file: "pe-sha1.exe",
        status: SignatureStatus::SignedNotAcs,
        verdict: SignatureVerdict::NotAcs,
        first_failure: Some((StepId::Chain, "chain_not_pinned")),
    },
    // A real ACS signature made for a script, attached to a PE.
    Case {
        file: "pe-with-script-signature.exe",
        status: SignatureStatus::Invalid,
        verdict: SignatureVerdict::Invalid,
        first_failure: Some((StepId::FileDigest, "wrong_file_kind")),
    },
    // Authenticode has exactly one SignerInfo.
    Case {
        file: "acs-two-signers.p7",
        status: SignatureStatus::Invalid,
        verdict: SignatureVerdict::Invalid,
        first_failure: Some((StepId::Signature, "signer_count")),
    },
    // 20,000 nested signatures: bounded work and report; the unreadable ones make it invalid.
    Case {
        file: "acs-many-nested.p7",
        status: SignatureStatus::Invalid,
        verdict: SignatureVerdict::Invalid,
        first_failure: None,
    },
    // A ZIP appended to a signed MSI ("GlueBall").
    Case {
        file: "msi-appended-zip.msi",
        status: SignatureStatus::Invalid,
        verdict: SignatureVerdict::Invalid,
        first_failure: Some((StepId::FileDigest, "unsigned_data")),
    },
    // Streams sharing sectors: refused before any hashing.
    Case {
        file: "msi-shared-sectors.msi",
        status: SignatureStatus::Unreadable,
        verdict: SignatureVerdict::Unreadable,
        first_failure: None,
    },
    // A stream no version-3 compound file can have (size 0xFFFFFFFF): an error, never left out of
    // the digest.
    Case {
        file: "msi-phantom-stream.msi",
        status: SignatureStatus::Unreadable,
        verdict: SignatureVerdict::Unreadable,
        first_failure: None,
    },
    // A storage under the name of a signature stream (which the digest leaves out), holding a ZIP.
    Case {
        file: "msi-storage-named-ex.msi",
        status: SignatureStatus::Unreadable,
        verdict: SignatureVerdict::Unreadable,
        first_failure: None,
    },
    // A command after a lone CR on the begin line: PowerShell would run it, unsigned.
    Case {
        file: "script-cr-after-begin.ps1",
        status: SignatureStatus::Unreadable,
        verdict: SignatureVerdict::Unreadable,
        first_failure: None,
    },
    // The real ACS signature nested under a test-CA primary: the primary decides.
    Case {
        file: "nested-acs-under-test-ca.p7",
        status: SignatureStatus::SignedNotAcs,
        verdict: SignatureVerdict::SignatureOnly,
        first_failure: Some((StepId::Chain, "chain_not_pinned")),
    },
];

#[test]
fn every_adversarial_file_gets_its_honest_outcome() {
    for c in CASES {
        let r = run(c.file);
        let s = signature(&r);
        assert_eq!((s.status, s.verdict), (c.status, c.verdict), "{}: {}", c.file, s.summary);
        if let Some((id, code)) = c.first_failure {
            assert_eq!(first_failed(s), (id, code.to_owned()), "{}", c.file);
        }
        // Never a valid ACS-signed *file*: only the lone block may be an ACS signature, and it says
        // that it is only a signature.
        assert!(!matches!(s.verdict, SignatureVerdict::EsetAcs | SignatureVerdict::OtherAcs), "{}", c.file);
        assert!(!s.is_acs_signed || s.detached, "{}", c.file);
        assert!(!s.summary.is_empty(), "{}", c.file);
    }
}

#[test]
fn no_adversarial_file_is_left_out() {
    let dir = format!("{}/../tests/fixtures/adversarial", env!("CARGO_MANIFEST_DIR"));
    let on_disk: BTreeSet<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && !n.ends_with(".py") && !n.ends_with(".md"))
        .collect();
    let mut covered: BTreeSet<String> = CASES.iter().map(|c| c.file.to_owned()).collect();
    covered.insert("sst-many-bad-elements.sst".into());
    assert_eq!(on_disk, covered);
}

#[test]
fn the_words_say_what_failed() {
    let s = signature(&run("script-code-after-block.ps1")).signers[0].steps[0].detail.clone();
    assert!(s.contains("script text after the end of the signature block"), "{s}");
    let s = signature(&run("pe-second-certificate-entry.exe")).signers[0].steps[0].detail.clone();
    assert!(s.contains("another entry of 1032 bytes in the certificate table"), "{s}");
    let r = run("acs-block-only.ps1");
    let s = signature(&r);
    assert!(s.detached);
    assert!(
        s.summary.contains("it is only a signature") && s.summary.contains("give the signed file itself"),
        "{}",
        s.summary
    );
    let digest = s.signed_digest.as_ref().unwrap();
    assert_eq!(digest.value, "148F6E2C39E0702285A1718FCF9280BA29DDD3242E13B1254E5D90009F59319C");
    assert!(s.summary.contains(&digest.value));
    // The publisher is named but it is not ESET.
    let p = s.publisher.as_ref().unwrap();
    assert_eq!(
        (p.organization.as_deref(), p.verified, p.is_eset),
        (Some("Denver Technologies, Inc. dba Warp"), true, false)
    );
    let sha1 = signature(&run("pe-sha1.exe")).clone();
    let weak = sha1.signers[0].steps.iter().find(|st| st.id == StepId::Algorithms).unwrap();
    assert_eq!((weak.status, weak.code.as_str()), (StepStatus::Failed, "weak_algorithm"));
    assert!(weak.detail.contains("SHA-1"), "{}", weak.detail);
    for (file, words) in [
        ("msi-phantom-stream.msi", "impossible stream size 0xffffffff"),
        ("msi-storage-named-ex.msi", "a signature stream's name on an entry that is not a stream"),
        ("script-cr-after-begin.ps1", "text after the begin marker on its line"),
    ] {
        let s = signature(&run(file)).summary.clone();
        assert!(s.contains(words), "{file}: {s}");
    }
    // The nested ACS signature lends the file nothing: the publisher is the primary's, unverified.
    let r = run("nested-acs-under-test-ca.p7");
    let s = signature(&r);
    let p = s.publisher.as_ref().unwrap();
    assert_eq!((p.name.as_deref(), p.verified, p.is_eset), (Some("acs-check Test Publisher"), false, false));
    assert!(s.signers[1].is_acs && !s.is_acs_signed);
    assert!(
        s.summary.contains("not an Azure Code Signing (ACS) one (signer: acs-check Test Publisher)"),
        "{}",
        s.summary
    );
}

#[test]
fn hostile_sizes_end_within_their_caps() {
    // A million-entry report is not possible: nested signatures, problems and hosts are capped and counted.
    let r = run("acs-many-nested.p7");
    let s = signature(&r);
    assert!(s.signers.len() <= 8);
    assert_eq!(s.signers_left_out, 19_993);
    assert_eq!(r.inputs[0].omitted.map(|o| o.signers), Some(19_993));
    let r = run("sst-many-bad-elements.sst");
    assert_eq!(r.errors.len(), 21, "20 problems and one 'and N more'");
    assert!(r.errors[20].message.contains("49980 more"), "{}", r.errors[20].message);
    assert_eq!(r.inputs[0].omitted.map(|o| o.problems), Some(49_980));
    // Sectors shared by streams are refused with a clear message, before anything is hashed.
    let r = run("msi-shared-sectors.msi");
    assert!(r.errors[0].message.contains("share a sector"), "{}", r.errors[0].message);
}
