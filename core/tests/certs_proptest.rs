//! The certificate readers never panic: not on arbitrary bytes or strings, not on bytes that start
//! like the formats they read (so the fuzzing reaches past the first check), and not on the real and
//! generated fixtures with bytes flipped, inserted or cut off.

use std::path::Path;

use acs_check::certs::{read_bytes, recognise_bytes, recognise_text};
use acs_check::{check, Input, Options};
use proptest::prelude::*;

fn fixture_bytes() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["../tests/fixtures/certs", "../tests/fixtures/certs/generated", "data/certs"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() && !p.extension().is_some_and(|x| x == "sh" || x == "py") {
                out.push(std::fs::read(p).unwrap());
            }
        }
    }
    out.sort();
    out
}

/// Runs every entry point on `bytes`: the binary readers, the text readers on a lossy decoding, and
/// the whole check (which also decodes the bytes its own way).
fn exercise(bytes: &[u8]) {
    let _ = read_bytes(bytes);
    let _ = recognise_bytes(bytes);
    let _ = recognise_text(&String::from_utf8_lossy(bytes));
    let _ = check(&[Input::bytes("fuzz", bytes.to_vec())], &Options::default());
}

#[derive(Debug, Clone)]
enum Edit {
    Flip(usize, u8),
    Insert(usize, u8),
    Remove(usize),
}

fn apply(mut b: Vec<u8>, edits: &[Edit], cut: Option<usize>) -> Vec<u8> {
    for e in edits {
        match *e {
            Edit::Flip(i, x) if !b.is_empty() => {
                let i = i % b.len();
                b[i] ^= x;
            }
            Edit::Insert(i, x) => {
                let i = i % (b.len() + 1);
                b.insert(i, x);
            }
            Edit::Remove(i) if !b.is_empty() => {
                let i = i % b.len();
                b.remove(i);
            }
            _ => {}
        }
    }
    if let Some(c) = cut {
        let c = c % (b.len() + 1);
        b.truncate(c);
    }
    b
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 1u8..).prop_map(|(i, x)| Edit::Flip(i, x)),
        (any::<usize>(), any::<u8>()).prop_map(|(i, x)| Edit::Insert(i, x)),
        any::<usize>().prop_map(Edit::Remove),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        exercise(&bytes);
    }

    #[test]
    fn arbitrary_strings(text in "\\PC{0,600}") {
        let _ = recognise_text(&text);
        let _ = check(&[Input::text("fuzz", text)], &Options::default());
    }

    /// Strings built from the lines the readers key on, in any order.
    #[test]
    fn shuffled_listing_lines(lines in proptest::collection::vec(prop_oneof![
        Just("Root \"Trusted Root Certification Authorities\"".to_owned()),
        Just("================ Certificate 0 ================".to_owned()),
        Just("Cert Hash(sha1): f4 00 42 e2 e5 f7 e8 ef 81 89 fe d1 55 19 ae ce 42 c3 bf a2".to_owned()),
        Just("Subject: CN=Microsoft Identity Verification Root Certificate Authority 2020".to_owned()),
        Just("CertUtil: -store command FAILED: 0x80092004 (-2146885628 CRYPT_E_NOT_FOUND)".to_owned()),
        Just("C:\\>certutil -store Root \"F400".to_owned()),
        Just("   PSParentPath: Microsoft.PowerShell.Security\\Certificate::LocalMachine\\Root".to_owned()),
        Just("Thumbprint                                Subject".to_owned()),
        Just("----------                                -------".to_owned()),
        Just("F40042E2E5F7E8EF8189FED15519AECE42C3BFA2  CN=…".to_owned()),
        Just("Thumbprint : F40042E2".to_owned()),
        Just("\"Thumbprint\",\"Subject\",\"PSParentPath\"".to_owned()),
        Just("Get-ChildItem : Cannot find path 'Cert:\\LocalMachine\\Root\\F4' because it does not exist.".to_owned()),
        Just("[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\ROOT\\Certificates\\F40042E2E5F7E8EF8189FED15519AECE42C3BFA2]".to_owned()),
        Just("\"Blob\"=hex:20,00,00,00,01,00,00,00,\\".to_owned()),
        Just("  ff,ff,ff,7f,30,82".to_owned()),
        Just("-----BEGIN CERTIFICATE-----".to_owned()),
        Just("-----END CERTIFICATE-----".to_owned()),
        Just("-----BEGIN PKCS7-----".to_owned()),
        Just("MIIFzDCCA7SgAwIBAgIQVJjS0dRbGZVIE3nIEcCHmTANBgkqhkiG9w0BAQwFADB3".to_owned()),
        "\\PC{0,40}",
    ], 0..40)) {
        let text = lines.join("\n");
        let _ = recognise_text(&text);
        let _ = check(&[Input::text("fuzz", text)], &Options::default());
    }

    /// Bytes that pass the first check of each binary reader.
    #[test]
    fn format_prefixes(kind in 0usize..4, tail in proptest::collection::vec(any::<u8>(), 0..1024)) {
        let prefix: &[u8] = match kind {
            0 => b"\x00\x00\x00\x00CERT",
            1 => &[0x30, 0x82, 0x01, 0x00],
            2 => &[0x30, 0x82, 0x05, 0x00, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02, 0xA0, 0x82],
            _ => &[0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF, 0x30],
        };
        exercise(&[prefix, &tail].concat());
    }

    /// Real and generated fixtures, mutated.
    #[test]
    fn mutated_fixtures(which in any::<usize>(), edits in proptest::collection::vec(edit(), 0..8), cut in proptest::option::of(any::<usize>())) {
        let all = fixture_bytes();
        let b = apply(all[which % all.len()].clone(), &edits, cut);
        exercise(&b);
    }
}

/// Every prefix of the binary fixtures (each truncation point) reads without a panic, and a DER or SST
/// prefix that is cut short is reported, never taken for a complete file.
#[test]
fn every_truncation_of_binary_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/certs");
    for f in
        ["synthetic-two-certs.sst", "derived-acs-chain.p7b", "generated/many-certs.sst", "generated/lookalike-root.cer"]
    {
        let b = std::fs::read(root.join(f)).unwrap();
        for n in 0..b.len() {
            let prefix = &b[..n];
            let result = read_bytes(prefix);
            if f.ends_with(".cer") || f.ends_with(".p7b") {
                // A DER file cut anywhere is an error (or, before its second byte, not DER at all).
                assert!(!matches!(result, Some(Ok(_))), "{f} cut at {n} was accepted");
            }
        }
    }
}
