//! Authenticode verification on real and generated fixtures: the real ACS signature up to the
//! pinned root, tampering in every part detected in the right step, test-CA-signed PE/MSI/script
//! files ("signed, not ACS"), look-alike roots, broken files, and the range driver.

use acs_check::cms;
use acs_check::oids;
use acs_check::report::CertRole;
use acs_check::signature::chain::CertSource;
use acs_check::signature::{
    pe, verify_bytes, ByteRange, FileKind, Request, SignatureError, SignatureResult, SignatureStatus, StepId,
    StepReason, StepStatus, Verifier, VerifyOptions,
};

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn verify(name: &str, bytes: &[u8]) -> SignatureResult {
    verify_bytes(name, bytes, &VerifyOptions::default())
}

/// The status and reason of a step of the `n`th signer.
fn step(r: &SignatureResult, n: usize, id: StepId) -> (StepStatus, StepReason) {
    let s = r.signers[n].steps.iter().find(|s| s.id == id).unwrap_or_else(|| panic!("no step {id:?}: {r:#?}"));
    (s.status, s.reason.clone())
}

fn failed_steps(r: &SignatureResult, n: usize) -> Vec<StepId> {
    r.signers[n].steps.iter().filter(|s| s.status == StepStatus::Failed).map(|s| s.id).collect()
}

/// Offset of `inner` (a sub-slice) within `outer`.
fn offset_in(outer: &[u8], inner: &[u8]) -> usize {
    let o = inner.as_ptr() as usize - outer.as_ptr() as usize;
    assert!(o + inner.len() <= outer.len());
    o
}

fn flipped(bytes: &[u8], at: usize) -> Vec<u8> {
    let mut b = bytes.to_vec();
    b[at] ^= 0x01;
    b
}

// ---------------------------------------------------------------------------------------------
// The real ACS signature (a PowerShell script's signature block, detached here)
// ---------------------------------------------------------------------------------------------

const WARP: &str = "certs/warp-ps1-sig.p7";

/// 2026-12-03T12:00:00Z, a "today" long after the real ACS leaf (72 hours in March 2025) expired.
const TODAY: i64 = 1_796_299_200;

#[test]
fn real_acs_signature_verifies_to_the_pinned_root() {
    let r = verify("warp-ps1-sig.p7", &fixture(WARP));
    assert_eq!(r.kind, Some(FileKind::Pkcs7));
    assert_eq!(r.status, SignatureStatus::Acs, "{r:#?}");
    assert!(r.is_acs_signed);
    let s = &r.signers[0];
    assert_eq!(s.signer_name.as_deref(), Some("Denver Technologies, Inc. dba Warp"));
    let names: Vec<&str> = s.chain.iter().map(|c| c.subject.rsplit("CN=").next().unwrap()).collect();
    assert_eq!(
        names,
        [
            "Denver Technologies, Inc. dba Warp",
            "Microsoft ID Verified CS EOC CA 01",
            "Microsoft ID Verified Code Signing PCA 2021",
            "Microsoft Identity Verification Root Certificate Authority 2020"
        ]
    );
    let roles: Vec<CertRole> = s.chain.iter().map(|c| c.role).collect();
    assert_eq!(roles, [CertRole::Other, CertRole::AcsIntermediate, CertRole::AcsIntermediate, CertRole::RequiredRoot]);
    // The top is the pinned root, not the copy the signature carries.
    assert_eq!(s.chain[3].source, CertSource::Pinned);
    assert_eq!(s.chain[3].sha256, "5367F20C7ADE0E2BCA790915056D086B720C33C1FA2A2661ACF787E3292E1270");
    // The 72-hour leaf is valid at the timestamp's genTime.
    assert_eq!(s.chain[0].not_after, "2025-03-09T07:21:20Z");
    assert!(s.chain.iter().all(|c| c.valid_at_signing == Some(true)));
    let ts = s.timestamp.as_ref().unwrap();
    assert_eq!(ts.time.as_deref(), Some("2025-03-06T18:12:17Z"));
    assert_eq!(ts.tsa.as_deref(), Some("Microsoft Public RSA Time Stamping Authority"));
    assert!(ts.verified && ts.pinned);
    let ts_names: Vec<&str> = ts.chain.iter().map(|c| c.subject.rsplit("CN=").next().unwrap()).collect();
    assert_eq!(
        ts_names,
        [
            "Microsoft Public RSA Time Stamping Authority",
            "Microsoft Public RSA Timestamping CA 2020",
            "Microsoft Identity Verification Root Certificate Authority 2020"
        ]
    );
    assert_eq!(step(&r, 0, StepId::FileDigest), (StepStatus::NotApplicable, StepReason::Detached));
    for id in
        [StepId::MessageDigest, StepId::Signature, StepId::Chain, StepId::Timestamp, StepId::Validity, StepId::Eku]
    {
        assert_eq!(step(&r, 0, id).0, StepStatus::Passed, "{id:?}");
    }
    // The certificates for the report: root, leaf (once), EOC, PCA, and the token's TSA certificates.
    assert!(r.certificates.len() >= 6, "{}", r.certificates.len());
}

#[test]
fn real_acs_signature_from_the_script_block_text() {
    // The same signature as it appears at the end of the script (base64 lines), detected by its block.
    let block = fixture("certs/warp-ps1-sigblock.txt");
    let mut script = b"Write-Host 'body not available'\r\n".to_vec();
    script.extend_from_slice(&block);
    let r = verify("install.ps1", &script);
    assert_eq!(r.kind, Some(FileKind::Script));
    // The body is not the signed one: the file digest fails, everything else verifies.
    assert_eq!(failed_steps(&r, 0), [StepId::FileDigest]);
    assert_eq!(r.status, SignatureStatus::Invalid);
}

#[test]
fn without_a_timestamp_the_expired_acs_leaf_fails_at_today() {
    // With the token corrupted, the validity is evaluated at "now", when the 72-hour leaf is long expired.
    let p7 = fixture(WARP);
    let sd = cms::parse_content_info(&p7).unwrap();
    let token = sd.signer_infos[0].unsigned_values(oids::RFC3161_COUNTER_SIGN)[0].raw;
    let bad = flipped(&p7, offset_in(&p7, token) + token.len() - 1);
    let now = Some(1_790_000_000); // 2026-09
    let r = verify_bytes("sig.p7", &bad, &VerifyOptions { now });
    assert_eq!(step(&r, 0, StepId::Timestamp).0, StepStatus::Failed);
    assert!(matches!(step(&r, 0, StepId::Validity), (StepStatus::Failed, StepReason::NotValidAtDate { .. })));
    assert!(!r.is_acs_signed);
}

/// Each part of the real signature, tampered, is caught by the step that checks it.
#[test]
fn tampering_with_the_real_acs_signature_is_detected_in_the_right_step() {
    let p7 = fixture(WARP);
    let sd = cms::parse_content_info(&p7).unwrap();
    let si = &sd.signer_infos[0];
    let certs = &sd.certificates; // root, leaf, leaf, EOC CA 01, PCA 2021
    let last_byte = |c: &[u8]| offset_in(&p7, c) + c.len() - 1;
    let md = cms::message_digest(si).unwrap();
    let content = sd.content.unwrap();
    let spc_digest_at = offset_in(&p7, content.raw) + content.raw.len() - 1;
    let token = si.unsigned_values(oids::RFC3161_COUNTER_SIGN)[0].raw;

    let cases: Vec<(&str, Vec<u8>, StepId)> = vec![
        ("SignerInfo signature", flipped(&p7, last_byte(si.signature)), StepId::Signature),
        ("messageDigest", flipped(&p7, offset_in(&p7, md)), StepId::MessageDigest),
        ("SpcIndirectDataContent digest", flipped(&p7, spc_digest_at), StepId::MessageDigest),
        ("leaf (both copies)", flipped(&flipped(&p7, last_byte(certs[1])), last_byte(certs[2])), StepId::Chain),
        ("leaf (one copy)", flipped(&p7, last_byte(certs[1])), StepId::Chain),
        ("EOC CA 01", flipped(&p7, last_byte(certs[3])), StepId::Chain),
        ("PCA 2021", flipped(&p7, last_byte(certs[4])), StepId::Chain),
        ("embedded root", flipped(&p7, last_byte(certs[0])), StepId::Chain),
        ("timestamp token", flipped(&p7, offset_in(&p7, token) + token.len() - 1), StepId::Timestamp),
    ];
    for (what, bytes, expected) in cases {
        let r = verify("sig.p7", &bytes);
        assert_eq!(r.status, SignatureStatus::Invalid, "{what}: {r:#?}");
        assert!(!r.is_acs_signed, "{what}");
        let failed = failed_steps(&r, 0);
        assert_eq!(failed.first(), Some(&expected), "{what}: failed steps {failed:?}");
        match (what, step(&r, 0, StepId::Chain).1) {
            ("EOC CA 01", StepReason::ChainBrokenLink { child, parent, .. }) => {
                assert_eq!(
                    (child.as_str(), parent.as_str()),
                    ("Microsoft ID Verified CS EOC CA 01", "Microsoft ID Verified Code Signing PCA 2021")
                );
            }
            ("PCA 2021", StepReason::ChainBrokenLink { child, parent, .. }) => {
                assert_eq!(
                    (child.as_str(), parent.as_str()),
                    (
                        "Microsoft ID Verified Code Signing PCA 2021",
                        "Microsoft Identity Verification Root Certificate Authority 2020"
                    )
                );
            }
            ("leaf (both copies)", StepReason::ChainBrokenLink { child, .. }) => {
                assert_eq!(child, "Denver Technologies, Inc. dba Warp");
            }
            ("leaf (one copy)", reason) => assert_eq!(reason, StepReason::ChainAmbiguousSigner),
            ("embedded root", reason) => assert!(matches!(reason, StepReason::ChainLookalikeRoot { .. }), "{reason:?}"),
            ("EOC CA 01" | "PCA 2021" | "leaf (both copies)", reason) => panic!("{what}: {reason:?}"),
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Generated fixtures: test CA, not pinned
// ---------------------------------------------------------------------------------------------

#[test]
fn test_ca_pe_is_signed_but_not_acs() {
    let r = verify("pe-signed.exe", &fixture("signed/pe-signed.exe"));
    assert_eq!(r.kind, Some(FileKind::Pe));
    assert_eq!(r.status, SignatureStatus::SignedNotAcs, "{r:#?}");
    assert!(!r.is_acs_signed);
    assert!(matches!(step(&r, 0, StepId::FileDigest), (StepStatus::Passed, StepReason::FileDigestMatch { .. })));
    assert_eq!(step(&r, 0, StepId::MessageDigest).0, StepStatus::Passed);
    assert_eq!(step(&r, 0, StepId::Signature).0, StepStatus::Passed);
    // The chain ends at the test root the signature carries: verified, but not the pinned root.
    assert!(
        matches!(step(&r, 0, StepId::Chain), (StepStatus::Failed, StepReason::ChainNotPinned { top }) if top.contains("acs-check Test Root CA"))
    );
    assert!(
        matches!(step(&r, 0, StepId::Timestamp), (StepStatus::Passed, StepReason::TimestampValidNotPinned { tsa, .. }) if tsa == "acs-check Test Time Stamping Authority")
    );
    // The test TSA chains to a root this checker does not trust: its time is not used, and without
    // today's date validity is not evaluated.
    assert_eq!(step(&r, 0, StepId::Validity), (StepStatus::NotApplicable, StepReason::NoTimeToCheck));
    let today = verify_bytes("pe-signed.exe", &fixture("signed/pe-signed.exe"), &VerifyOptions { now: Some(TODAY) });
    assert!(matches!(
        step(&today, 0, StepId::Validity),
        (StepStatus::Passed, StepReason::ValidAtDateTimestampNotTrusted { date, .. }) if date == "2026-12-03"
    ));
    assert_eq!(today.status, SignatureStatus::SignedNotAcs);
    assert_eq!(step(&r, 0, StepId::Eku), (StepStatus::Failed, StepReason::CodeSigningNotAcs));
    assert_eq!(r.signers[0].chain.len(), 3);
    assert!(r.signers[0].chain.iter().all(|c| c.role == CertRole::Other && c.source == CertSource::Embedded));
}

#[test]
fn a_chain_ending_at_a_lookalike_root_fails_even_with_acs_names_and_ekus() {
    let r = verify("pe-lookalike-root.exe", &fixture("signed/pe-lookalike-root.exe"));
    assert_eq!(r.status, SignatureStatus::Invalid);
    assert!(!r.is_acs_signed);
    assert_eq!(step(&r, 0, StepId::Eku).0, StepStatus::Passed, "the fake leaf has the ACS EKUs");
    assert!(matches!(step(&r, 0, StepId::Chain), (StepStatus::Failed, StepReason::ChainLookalikeRoot { .. })));
}

#[test]
fn nested_signatures_are_verified_each_with_its_own_digest() {
    let r = verify("pe-signed-nested.exe", &fixture("signed/pe-signed-nested.exe"));
    assert_eq!(r.signers.len(), 2);
    assert!(!r.signers[0].nested && r.signers[1].nested);
    assert!(
        matches!(step(&r, 0, StepId::FileDigest).1, StepReason::FileDigestMatch { alg } if alg.name() == "SHA-256")
    );
    assert!(
        matches!(step(&r, 1, StepId::FileDigest).1, StepReason::FileDigestMatch { alg } if alg.name() == "SHA-384")
    );
    assert_eq!(r.status, SignatureStatus::SignedNotAcs);
}

/// Byte offsets of the parts of the signature inside a signed PE.
struct PeParts {
    file: Vec<u8>,
    sig_offset: usize,
}

impl PeParts {
    fn new(file: Vec<u8>) -> PeParts {
        let o = pe::offsets(&acs_check::signature::source::MemSource(&file)).unwrap();
        PeParts { sig_offset: o.cert_table.offset as usize + 8, file }
    }

    fn sig(&self) -> cms::SignedData<'_> {
        cms::parse_content_info(&self.file[self.sig_offset..]).unwrap()
    }

    /// Offset of the last byte of the `n`th embedded certificate (inside its signature value).
    fn cert_last_byte(&self, n: usize) -> usize {
        let c = self.sig().certificates[n];
        offset_in(&self.file, c) + c.len() - 1
    }
}

#[test]
fn tampering_with_a_signed_pe_is_detected_in_the_right_step() {
    let p = PeParts::new(fixture("signed/pe-signed.exe"));
    let body = p.file.windows(8).position(|w| w == b"acs-chec").unwrap();
    let sd = p.sig();
    let si = &sd.signer_infos[0];
    let sig_last = offset_in(&p.file, si.signature) + si.signature.len() - 1;
    // Which embedded certificate is which: leaf, intermediate, root (osslsigncode keeps -certs order).
    let subject_of =
        |n: usize| acs_check::certs::Certificate::parse(sd.certificates[n]).unwrap().info.display_name().to_owned();
    let idx = |cn: &str| (0..sd.certificates.len()).find(|n| subject_of(*n) == cn).unwrap();
    let (leaf, inter, root) =
        (idx("acs-check Test Publisher"), idx("acs-check Test Code Signing CA"), idx("acs-check Test Root CA"));
    let token = si.unsigned_values(oids::RFC3161_COUNTER_SIGN)[0].raw;

    let cases: Vec<(&str, Vec<u8>, StepId)> = vec![
        ("a byte of the program", flipped(&p.file, body), StepId::FileDigest),
        ("the signer's signature", flipped(&p.file, sig_last), StepId::Signature),
        ("the leaf", flipped(&p.file, p.cert_last_byte(leaf)), StepId::Chain),
        ("the intermediate", flipped(&p.file, p.cert_last_byte(inter)), StepId::Chain),
        ("the test root", flipped(&p.file, p.cert_last_byte(root)), StepId::Chain),
        ("the timestamp token", flipped(&p.file, offset_in(&p.file, token) + token.len() - 1), StepId::Timestamp),
    ];
    for (what, bytes, expected) in cases {
        let r = verify("t.exe", &bytes);
        assert_eq!(r.status, SignatureStatus::Invalid, "{what}: {r:#?}");
        // The untampered file already fails Chain (test root, not pinned) and Eku (not ACS); the
        // tampering must add exactly the expected step (or turn Chain into a broken link).
        let failed = failed_steps(&r, 0);
        let new: Vec<StepId> = failed.iter().copied().filter(|s| ![StepId::Chain, StepId::Eku].contains(s)).collect();
        let want: Vec<StepId> = match expected {
            StepId::Chain => vec![],
            // The token's message imprint is the digest of the signature value: it no longer matches.
            StepId::Signature => vec![StepId::Signature, StepId::Timestamp],
            other => vec![other],
        };
        assert_eq!(new, want, "{what}: {failed:?}");
        if expected == StepId::Chain {
            assert!(matches!(step(&r, 0, StepId::Chain).1, StepReason::ChainBrokenLink { .. }), "{what}");
        }
    }
    // The checksum field and the certificate-table entry are outside the digest.
    let o = pe::offsets(&acs_check::signature::source::MemSource(&p.file)).unwrap();
    let r = verify("t.exe", &flipped(&p.file, o.checksum as usize));
    assert_eq!(step(&r, 0, StepId::FileDigest).0, StepStatus::Passed);
}

#[test]
fn broken_pe_files_give_clear_errors() {
    let signed = fixture("signed/pe-signed.exe");
    let o = pe::offsets(&acs_check::signature::source::MemSource(&signed)).unwrap();
    let err = |bytes: &[u8]| verify("x.exe", bytes).error.unwrap_or_else(|| panic!("no error"));
    assert_eq!(verify("x.exe", &[]).error, Some(SignatureError::Empty));
    assert_eq!(verify("x.bin", b"\x00garbage that is nothing").error, Some(SignatureError::NotRecognised));
    assert!(matches!(err(&fixture("signed/pe-unsigned.exe")), SignatureError::Unsigned { kind: FileKind::Pe }));
    assert!(matches!(err(&signed[..100]), SignatureError::Truncated { .. }));
    let cut = &signed[..o.cert_table.offset as usize + 100];
    assert!(matches!(err(cut), SignatureError::Truncated { what } if what.contains("certificate table")));
    assert!(matches!(
        err(b"MZ this is not a PE at all, only text that starts with MZ........................"),
        SignatureError::Malformed { .. } | SignatureError::Truncated { .. }
    ));
    // A certificate-table entry pointing into the headers, or with a huge size.
    let mut inside = signed.clone();
    inside[o.cert_dir_entry as usize..o.cert_dir_entry as usize + 4].copy_from_slice(&16u32.to_le_bytes());
    assert!(matches!(err(&inside), SignatureError::Malformed { what } if what.contains("certificate table")));
    let mut huge = signed.clone();
    huge[o.cert_dir_entry as usize + 4..o.cert_dir_entry as usize + 8].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(matches!(err(&huge), SignatureError::Truncated { .. }));
    // Garbage inside the WIN_CERTIFICATE.
    let mut garbage = signed.clone();
    let start = o.cert_table.offset as usize + 8;
    garbage[start..start + 16].copy_from_slice(&[0xFF; 16]);
    assert!(matches!(err(&garbage), SignatureError::BadSignature { .. }));
    for e in [err(&garbage), err(cut), err(&inside)] {
        assert!(!e.to_string().is_empty());
    }
}

// ---------------------------------------------------------------------------------------------
// MSI and scripts
// ---------------------------------------------------------------------------------------------

#[test]
fn test_ca_msi_is_signed_but_not_acs_with_and_without_msi_dse() {
    for f in ["msi-signed.msi", "msi-signed-dse.msi"] {
        let r = verify(f, &fixture(&format!("signed/{f}")));
        assert_eq!(r.kind, Some(FileKind::Msi), "{f}");
        assert_eq!(r.status, SignatureStatus::SignedNotAcs, "{f}: {r:#?}");
        assert!(
            matches!(step(&r, 0, StepId::FileDigest), (StepStatus::Passed, StepReason::FileDigestMatch { .. })),
            "{f}"
        );
    }
}

/// Offset of a directory entry by its UTF-16LE name.
fn msi_entry(file: &[u8], name: &str) -> usize {
    let n: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    file.windows(n.len()).position(|w| w == n).unwrap()
}

#[test]
fn tampering_with_a_signed_msi_is_detected() {
    for f in ["msi-signed.msi", "msi-signed-dse.msi"] {
        let file = fixture(&format!("signed/{f}"));
        // A byte of a stream's content (the package title in the string pool / summary information).
        let at = file.windows(22).position(|w| w == b"acs-check test package").unwrap();
        let r = verify(f, &flipped(&file, at + 3));
        assert_eq!(failed_steps(&r, 0).first(), Some(&StepId::FileDigest), "{f}");
        // A stream's modification time: covered only by MsiDigitalSignatureEx.
        let mtime = msi_entry(&file, "\u{5}SummaryInformation") + 108;
        let r = verify(f, &flipped(&file, mtime));
        let expect = if f.contains("dse") { StepStatus::Failed } else { StepStatus::Passed };
        assert_eq!(step(&r, 0, StepId::FileDigest).0, expect, "{f}");
    }
    let unsigned_msi = fixture("signed/msi-signed.msi");
    // Rename the signature stream: the MSI is then unsigned.
    let ds = msi_entry(&unsigned_msi, "\u{5}DigitalSignature");
    let r = verify("u.msi", &flipped(&unsigned_msi, ds + 2));
    assert!(matches!(r.error, Some(SignatureError::Unsigned { kind: FileKind::Msi })), "{r:?}");
    let r = verify("t.msi", &unsigned_msi[..700]);
    assert!(matches!(r.error, Some(SignatureError::Truncated { .. } | SignatureError::Malformed { .. })), "{r:?}");
}

#[test]
fn test_ca_script_is_signed_but_not_acs_and_edits_are_detected() {
    let file = fixture("signed/script-signed.ps1");
    let r = verify("script-signed.ps1", &file);
    assert_eq!(r.kind, Some(FileKind::Script));
    assert_eq!(r.status, SignatureStatus::SignedNotAcs, "{r:#?}");
    assert_eq!(step(&r, 0, StepId::FileDigest).0, StepStatus::Passed);
    let edited = String::from_utf8(file).unwrap().replace("test script", "test scripT");
    let r = verify("script-signed.ps1", edited.as_bytes());
    assert_eq!(r.status, SignatureStatus::Invalid);
    assert_eq!(failed_steps(&r, 0), [StepId::FileDigest, StepId::Chain, StepId::Eku]);
}

// ---------------------------------------------------------------------------------------------
// The range driver
// ---------------------------------------------------------------------------------------------

/// A file served by ranges, counting what is read.
struct CountingFile<'a> {
    bytes: &'a [u8],
    structural: u64,
    hashed: u64,
    reads: Vec<ByteRange>,
}

impl CountingFile<'_> {
    fn run(&mut self, name: &str, chunk: usize) -> SignatureResult {
        let mut v = Verifier::new(name, self.bytes.len() as u64, VerifyOptions::default());
        let mut rounds = 0;
        loop {
            rounds += 1;
            assert!(rounds < 1000, "the driver does not converge");
            match v.next_request() {
                Request::Read { ranges } => {
                    for r in ranges {
                        self.structural += r.len;
                        self.reads.push(r);
                        v.supply(r.offset, self.bytes[r.offset as usize..r.end() as usize].to_vec());
                    }
                }
                Request::Hash(plan) => {
                    let mut last = 0;
                    for r in &plan.ranges {
                        for c in self.bytes[r.offset as usize..r.end() as usize].chunks(chunk) {
                            self.hashed += c.len() as u64;
                            v.update(c).unwrap();
                            let p = v.progress();
                            assert!(p.hashed >= last && p.hashed <= p.total);
                            last = p.hashed;
                        }
                    }
                    assert_eq!(self.hashed, plan.total);
                }
                Request::Done => return v.finish(),
            }
        }
    }
}

#[test]
fn range_driver_gives_the_same_result_as_verify_bytes() {
    let files = [
        ("warp.p7", fixture(WARP)),
        ("pe-signed.exe", fixture("signed/pe-signed.exe")),
        ("pe-signed-nested.exe", fixture("signed/pe-signed-nested.exe")),
        ("pe-lookalike-root.exe", fixture("signed/pe-lookalike-root.exe")),
        ("msi-signed.msi", fixture("signed/msi-signed.msi")),
        ("msi-signed-dse.msi", fixture("signed/msi-signed-dse.msi")),
        ("script-signed.ps1", fixture("signed/script-signed.ps1")),
        ("pe-unsigned.exe", fixture("signed/pe-unsigned.exe")),
        ("empty.exe", Vec::new()),
        ("cut.exe", fixture("signed/pe-signed.exe")[..3000].to_vec()),
        ("garbage.bin", b"\x00not a signed file at all".to_vec()),
    ];
    for (name, bytes) in &files {
        for chunk in [1, 7, 4096] {
            let mut f = CountingFile { bytes, structural: 0, hashed: 0, reads: Vec::new() };
            let streamed = f.run(name, chunk);
            assert_eq!(streamed, verify(name, bytes), "{name} (chunk {chunk})");
        }
    }
}

#[test]
fn range_driver_streams_a_large_file_once_and_reads_little_else() {
    // pe-signed.exe with 24 MiB of overlay after the certificate table (hashed as trailing data).
    let mut big = fixture("signed/pe-signed.exe");
    big.extend((0..24u32 << 20).map(|i| (i % 251) as u8));
    let mut f = CountingFile { bytes: &big, structural: 0, hashed: 0, reads: Vec::new() };
    let r = f.run("big.exe", 1 << 20);
    // The overlay changes the digest: the file digest step fails, the rest still verifies.
    assert_eq!(failed_steps(&r, 0), [StepId::FileDigest, StepId::Chain, StepId::Eku]);
    assert_eq!(r, verify("big.exe", &big));
    assert!(f.structural < 16 * 1024, "structural reads: {} bytes in {:?}", f.structural, f.reads);
    let o = pe::offsets(&acs_check::signature::source::MemSource(&big)).unwrap();
    assert_eq!(f.hashed, big.len() as u64 - 4 - 8 - o.cert_table.len, "each hashed byte read exactly once");
}

#[test]
fn range_driver_misuse_is_an_error_not_a_panic() {
    let file = fixture("signed/pe-signed.exe");
    let mut v = Verifier::new("x.exe", file.len() as u64, VerifyOptions::default());
    assert!(v.update(b"too early").is_err());
    assert!(matches!(v.next_request(), Request::Read { .. }));
    let r = v.finish();
    assert!(matches!(r.error, Some(SignatureError::Driver { .. })));
    // Too many bytes for the plan.
    let mut v = Verifier::new("x.exe", file.len() as u64, VerifyOptions::default());
    loop {
        match v.next_request() {
            Request::Read { ranges } => {
                for r in ranges {
                    v.supply(r.offset, file[r.offset as usize..r.end() as usize].to_vec());
                }
            }
            Request::Hash(plan) => {
                assert!(v.update(&vec![0; plan.total as usize + 1]).is_err());
                break;
            }
            Request::Done => panic!("expected a hash plan"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// check(): signed files among the inputs
// ---------------------------------------------------------------------------------------------

#[test]
fn check_reports_signed_files_in_both_languages() {
    use acs_check::evidence::InputKind;
    use acs_check::{check, Input, Lang, Options};
    let inputs = [
        Input::bytes("warp-ps1-sig.p7", fixture(WARP)),
        Input::bytes("pe-signed.exe", fixture("signed/pe-signed.exe")),
        Input::bytes("pe-unsigned.exe", fixture("signed/pe-unsigned.exe")),
        Input::bytes("cut.msi", fixture("signed/msi-signed.msi")[..1000].to_vec()),
    ];
    let en = check(&inputs, &Options { lang: Lang::En, ..Options::default() });
    let kinds: Vec<Vec<InputKind>> = en.inputs.iter().map(|i| i.kinds.clone()).collect();
    assert_eq!(
        kinds,
        [
            vec![InputKind::Pkcs7],
            vec![InputKind::AuthenticodePe],
            vec![InputKind::AuthenticodePe],
            vec![InputKind::AuthenticodeMsi]
        ]
    );
    let s = &en.signatures;
    assert_eq!(s.len(), 4);
    assert_eq!(s[0].status, SignatureStatus::Acs);
    assert!(s[0].is_acs_signed);
    assert_eq!(s[0].signer.as_deref(), Some("Denver Technologies, Inc. dba Warp"));
    assert_eq!(s[0].timestamp.as_deref(), Some("2025-03-06T18:12:17Z"));
    assert!(s[0].summary.contains("valid Azure Code Signing (ACS) signature"), "{}", s[0].summary);
    let chain_step = s[0].signers[0].steps.iter().find(|st| st.id == StepId::Chain).unwrap();
    assert_eq!(chain_step.code, "chain_pinned");
    assert_eq!(s[1].status, SignatureStatus::SignedNotAcs);
    assert!(s[1].summary.contains("not with Azure Code Signing"), "{}", s[1].summary);
    assert_eq!(s[2].status, SignatureStatus::Unsigned);
    assert_eq!(s[3].status, SignatureStatus::Unreadable);
    // Unreadable files are input errors; unsigned ones are not.
    assert_eq!(en.errors.len(), 1, "{:?}", en.errors);
    assert_eq!(en.errors[0].input, "cut.msi");

    let ja = check(&inputs[..1], &Options::default());
    assert!(
        ja.signatures[0].summary.contains("Azure Code Signing（ACS）の有効な署名です"),
        "{}",
        ja.signatures[0].summary
    );
    assert!(ja.signatures[0].signers[0].steps.iter().all(|st| !st.detail.is_empty()));
    // The JSON carries the new field.
    let json = serde_json::to_value(&ja).unwrap();
    assert_eq!(json["signatures"][0]["status"], "acs");
    assert_eq!(json["signatures"][0]["signers"][0]["chain"][3]["role"], "required_root");
}

#[test]
fn check_accepts_a_result_from_the_range_driver() {
    use acs_check::{check, Input, Options};
    let bytes = fixture("signed/msi-signed-dse.msi");
    let mut f = CountingFile { bytes: &bytes, structural: 0, hashed: 0, reads: Vec::new() };
    let result = f.run("big.msi", 4096);
    let from_driver = check(&[Input::analysed("big.msi", result)], &Options::default());
    let from_bytes = check(&[Input::bytes("big.msi", bytes.clone())], &Options::default());
    assert_eq!(from_driver, from_bytes);
    assert_eq!(from_driver.signatures[0].status, SignatureStatus::SignedNotAcs);
}

#[test]
fn a_result_survives_a_json_round_trip_with_its_certificates() {
    let r = verify("warp.p7", &fixture(WARP));
    let json = serde_json::to_string(&r).unwrap();
    let back: SignatureResult = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
    assert!(!back.certificates.is_empty());
    let root = "5367F20C7ADE0E2BCA790915056D086B720C33C1FA2A2661ACF787E3292E1270";
    assert!(back.certificates.iter().any(|c| acs_check::util::hex_upper(&c.sha256) == root));
}

/// A timestamp counts only when its own chain ends at a root this checker trusts: the real ACS
/// signer signature, restamped by a throw-away TSA, is judged at today's date, when its 72-hour leaf
/// has long expired (adversarial case 3 of issue 8).
#[test]
fn an_untrusted_timestamp_does_not_decide_validity() {
    for (f, time) in [
        ("warp-retimestamped-other-tsa.p7", "2025-03-06T18:12:17Z"),
        ("warp-retimestamped-late.p7", "2025-03-10T00:00:00Z"),
    ] {
        let bytes = fixture(&format!("signed/{f}"));
        let r = verify_bytes(f, &bytes, &VerifyOptions { now: Some(TODAY) });
        assert_eq!(r.status, SignatureStatus::Invalid, "{f}: {r:#?}");
        assert!(!r.is_acs_signed);
        let ts = r.signers[0].timestamp.as_ref().unwrap();
        assert!(ts.verified && !ts.pinned, "{f}");
        assert_eq!(
            (ts.tsa.as_deref(), ts.time.as_deref()),
            (Some("acs-check Other Time Stamping Authority"), Some(time))
        );
        assert!(matches!(
            step(&r, 0, StepId::Timestamp),
            (StepStatus::Passed, StepReason::TimestampValidNotPinned { .. })
        ));
        assert!(matches!(
            step(&r, 0, StepId::Validity),
            (StepStatus::Failed, StepReason::NotValidAtDateTimestampNotTrusted { subject, date, tsa })
                if subject == "Denver Technologies, Inc. dba Warp" && date == "2026-12-03"
                    && tsa == "acs-check Other Time Stamping Authority"
        ));
        assert_eq!(failed_steps(&r, 0), [StepId::Validity], "{f}");
        // Without a date, validity is not evaluated, and the result is not ACS either.
        let r = verify(f, &bytes);
        assert_eq!((r.status, r.is_acs_signed), (SignatureStatus::SignedNotAcs, false), "{f}");
        assert_eq!(step(&r, 0, StepId::Validity), (StepStatus::NotApplicable, StepReason::NoTimeToCheck));
    }
    let report = acs_check::check(
        &[acs_check::Input::bytes("other.p7", fixture("signed/warp-retimestamped-other-tsa.p7"))],
        &acs_check::Options {
            lang: acs_check::Lang::En,
            today: acs_check::DateStr::parse("2026-12-03"),
            ..Default::default()
        },
    );
    let s = &report.signatures[0];
    assert_eq!(s.verdict, acs_check::report::SignatureVerdict::Invalid);
    assert!(s.summary.contains("does not chain to a root this checker trusts"), "{}", s.summary);
}

#[test]
fn legacy_pkcs9_countersignature() {
    use acs_check::signature::timestamp::TimestampKind;
    let p7 = fixture("signed/warp-legacy-countersigned.p7");
    // The countersigner chains to a throw-away root: its signing time is not trusted, and at today's
    // date the 72-hour leaf has expired.
    let r = verify_bytes("legacy.p7", &p7, &VerifyOptions { now: Some(TODAY) });
    assert_eq!(r.status, SignatureStatus::Invalid, "{r:#?}");
    assert!(matches!(step(&r, 0, StepId::Validity).1, StepReason::NotValidAtDateTimestampNotTrusted { .. }));
    let ts = r.signers[0].timestamp.as_ref().unwrap();
    assert_eq!(ts.kind, TimestampKind::Legacy);
    assert_eq!(ts.time.as_deref(), Some("2025-03-06T18:12:17Z"));
    assert!(ts.verified && !ts.pinned);
    // Its signature (the last bytes of the countersignature) tampered.
    let sd = cms::parse_content_info(&p7).unwrap();
    let cs = sd.signer_infos[0].unsigned_values(oids::COUNTER_SIGNATURE)[0].raw;
    let r = verify("legacy.p7", &flipped(&p7, offset_in(&p7, cs) + cs.len() - 1));
    assert_eq!(failed_steps(&r, 0), [StepId::Timestamp]);
    assert!(matches!(
        step(&r, 0, StepId::Timestamp).1,
        StepReason::TimestampInvalid {
            problem: acs_check::signature::timestamp::TimestampProblem::SignatureInvalid { .. }
        }
    ));
}

#[test]
fn msi_directory_loops_are_errors() {
    let file = fixture("signed/msi-signed.msi");
    let u32_at = |b: &[u8], at: usize| u32::from_le_bytes(b[at..at + 4].try_into().unwrap());
    let sector = 1usize << u16::from_le_bytes([file[30], file[31]]);
    // The first directory sector holds entries 0 (the root) to sector / 128 - 1.
    let dir = (u32_at(&file, 48) as usize + 1) * sector;
    let is_loop =
        |r: &SignatureResult| matches!(&r.error, Some(SignatureError::Malformed { what }) if what.contains("loops"));
    // Entry 1 names itself as its left sibling.
    let mut looped = file.clone();
    looped[dir + 128 + 68..dir + 128 + 72].copy_from_slice(&1u32.to_le_bytes());
    let r = verify("loop.msi", &looped);
    assert!(is_loop(&r), "{:?}", r.error);
    // The root names itself as its child.
    let mut back = file.clone();
    back[dir + 76..dir + 80].copy_from_slice(&0u32.to_le_bytes());
    let r = verify("back.msi", &back);
    assert!(is_loop(&r), "{:?}", r.error);
}

#[test]
fn range_driver_resumes_an_interrupted_hash_plan() {
    let bytes = fixture("signed/msi-signed-dse.msi");
    let slice = |r: &ByteRange| &bytes[r.offset as usize..r.end() as usize];
    let mut v = Verifier::new("r.msi", bytes.len() as u64, VerifyOptions::default());
    let mut interrupted = false;
    let result = loop {
        match v.next_request() {
            Request::Read { ranges } => ranges.iter().for_each(|r| v.supply(r.offset, slice(r).to_vec())),
            Request::Hash(plan) if !interrupted => {
                // Feed half of the first range only, then ask again: the plan resumes there.
                let first = plan.ranges[0];
                let half = first.len / 2 + 1;
                v.update(slice(&ByteRange::new(first.offset, half))).unwrap();
                interrupted = true;
                let Request::Hash(again) = v.next_request() else { panic!("expected the rest of the plan") };
                assert_eq!(again.ranges[0], ByteRange::new(first.offset + half, first.len - half));
                assert_eq!(again.ranges[1..], plan.ranges[1..]);
                assert_eq!((again.hashed, again.total), (half, plan.total));
            }
            Request::Hash(plan) => plan.ranges.iter().for_each(|r| v.update(slice(r)).unwrap()),
            Request::Done => break v.finish(),
        }
    };
    assert!(interrupted);
    assert_eq!(result, verify("r.msi", &bytes));
    let json = serde_json::to_string(&Request::Read { ranges: vec![ByteRange::new(0, 8)] }).unwrap();
    assert_eq!(json, r#"{"type":"read","ranges":[{"offset":0,"len":8}]}"#);
}

/// ESET is named only for a valid ACS primary whose certificate says O = "ESET, spol. s r.o." (ASCII
/// case aside) and C = SK. The real ACS signature stands in for ESET's, its subject fields edited.
#[test]
fn the_publisher_is_eset_only_by_name_and_country_on_a_valid_acs_primary() {
    let base = verify("warp.p7", &fixture("certs/warp-ps1-sig.p7"));
    assert_eq!(base.status, SignatureStatus::Acs);
    let with = |org: &str, country: Option<&str>, status: SignatureStatus| {
        let mut r = base.clone();
        r.status = status;
        r.signers[0].organization = Some(org.to_owned());
        r.signers[0].country = country.map(str::to_owned);
        r.publisher().unwrap()
    };
    let p = with("ESET, spol. s r.o.", Some("SK"), SignatureStatus::Acs);
    assert!(p.verified && p.is_eset);
    assert!(
        with("ESET, SPOL. S R.O.", Some("SK"), SignatureStatus::Acs).is_eset,
        "Windows compares names ignoring case"
    );
    for (org, country) in [
        ("ESET, spol. s r.o.", Some("US")), // a same-named company registered elsewhere
        ("ESET, spol. s r.o.", None),
        ("ESET, spol. s r.o. ", Some("SK")), // not the same name
        ("ESET", Some("SK")),
        ("ESET, spol. s r.o. (test)", Some("SK")),
    ] {
        let p = with(org, country, SignatureStatus::Acs);
        assert!(p.verified && !p.is_eset, "{org:?} {country:?}");
    }
    // Not a valid ACS signature: the names are only what the file says.
    let p = with("ESET, spol. s r.o.", Some("SK"), SignatureStatus::SignedNotAcs);
    assert!(!p.verified && !p.is_eset);
    // A nested ACS signer never names the file's publisher.
    let mut r = base.clone();
    let mut nested = r.signers[0].clone();
    nested.nested = true;
    nested.organization = Some("ESET, spol. s r.o.".into());
    nested.country = Some("SK".into());
    r.signers[0].is_acs = false;
    r.status = SignatureStatus::SignedNotAcs;
    r.signers.push(nested);
    let p = r.publisher().unwrap();
    assert!(!p.is_eset && p.organization.as_deref() == Some("Denver Technologies, Inc. dba Warp"));
    assert!(r.nested_acs().is_some());
}
