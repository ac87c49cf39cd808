//! The TypeScript declarations of the report contract (`pkg/report.d.ts`) are generated from the Rust
//! types, so they cannot drift: this test fails when the committed file differs from what the types
//! say. `BLESS=1 cargo test -p acs-check --features ts --test typescript` rewrites it.
#![cfg(feature = "ts")]

use acs_check::evidence::InputKind;
use acs_check::*;
use ts_rs::{Config, TS};

fn declarations() -> String {
    // The JS side receives plain numbers (serde-wasm-bindgen, JSON-compatible), never bigints.
    let cfg = Config::new().with_large_int("number");
    let decls = [
        Report::decl(&cfg),
        Lang::decl(&cfg),
        Managed::decl(&cfg),
        InputReport::decl(&cfg),
        InputKind::decl(&cfg),
        RootCaStatus::decl(&cfg),
        RootCaReport::decl(&cfg),
        HostReport::decl(&cfg),
        OsReport::decl(&cfg),
        OsKind::decl(&cfg),
        AcsReport::decl(&cfg),
        AcsStatus::decl(&cfg),
        AcsReason::decl(&cfg),
        Confidence::decl(&cfg),
        SourceRef::decl(&cfg),
        HostRootCa::decl(&cfg),
        Verdict::decl(&cfg),
        AlertExpected::decl(&cfg),
        Alert::decl(&cfg),
        AlertPlace::decl(&cfg),
        Action::decl(&cfg),
        Fact::decl(&cfg),
        HostSource::decl(&cfg),
        CertificateReport::decl(&cfg),
        CertRole::decl(&cfg),
        InputError::decl(&cfg),
        Summary::decl(&cfg),
        HostSummary::decl(&cfg),
        SignatureReport::decl(&cfg),
        SignerReport::decl(&cfg),
        StepReport::decl(&cfg),
        report::SignatureVerdict::decl(&cfg),
        report::SignatureSummary::decl(&cfg),
        report::Omitted::decl(&cfg),
        signature::Publisher::decl(&cfg),
        signature::SignedDigest::decl(&cfg),
        signature::SignatureStatus::decl(&cfg),
        signature::StepId::decl(&cfg),
        signature::StepStatus::decl(&cfg),
        signature::ChainEntry::decl(&cfg),
        signature::TimestampInfo::decl(&cfg),
        signature::chain::CertSource::decl(&cfg),
        signature::timestamp::TimestampKind::decl(&cfg),
        signature::crypto::DigestAlg::decl(&cfg),
    ];
    let mut out = String::from(
        "// @generated from the Rust types of the report contract (core/src/report.rs) by\n\
         // `BLESS=1 cargo test -p acs-check --features ts --test typescript`. Do not edit.\n\n",
    );
    for d in decls {
        out.push_str("export ");
        out.push_str(d.trim());
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[test]
fn report_declarations_are_up_to_date() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../pkg/report.d.ts");
    let generated = declarations();
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(path, &generated).expect("write pkg/report.d.ts");
        return;
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "pkg/report.d.ts is out of date with the Rust types: run BLESS=1 cargo test -p acs-check --features ts --test typescript"
    );
}
