//! Parsing arbitrary and mutated inputs never panics, and the range driver agrees with the
//! in-memory verifier on every one of them.

use acs_check::signature::{verify_bytes, Request, SignatureResult, Verifier, VerifyOptions};
use proptest::prelude::*;

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Runs the range driver over `bytes` with chunks of `chunk` bytes.
fn drive(name: &str, bytes: &[u8], chunk: usize) -> SignatureResult {
    let mut v = Verifier::new(name, bytes.len() as u64, VerifyOptions::default());
    for _ in 0..10_000 {
        match v.next_request() {
            Request::Read { ranges } => {
                for r in ranges {
                    v.supply(r.offset, bytes[r.offset as usize..r.end() as usize].to_vec());
                }
            }
            Request::Hash(plan) => {
                for r in plan.ranges {
                    for c in bytes[r.offset as usize..r.end() as usize].chunks(chunk.max(1)) {
                        v.update(c).unwrap();
                    }
                }
            }
            Request::Done => return v.finish(),
        }
    }
    panic!("the driver does not converge");
}

const FIXTURES: [(&str, &str); 7] = [
    ("sig.p7", "certs/warp-ps1-sig.p7"),
    ("a.exe", "signed/pe-signed.exe"),
    ("n.exe", "signed/pe-signed-nested.exe"),
    ("a.msi", "signed/msi-signed.msi"),
    ("d.msi", "signed/msi-signed-dse.msi"),
    ("s.ps1", "signed/script-signed.ps1"),
    ("u.exe", "signed/pe-unsigned.exe"),
];

fn prefixed() -> impl Strategy<Value = Vec<u8>> {
    let prefixes: Vec<Vec<u8>> = vec![
        vec![],
        b"MZ".to_vec(),
        vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
        vec![0x30, 0x82],
        b"x\n# SIG # Begin signature block\n# ".to_vec(),
    ];
    (proptest::sample::select(prefixes), proptest::collection::vec(any::<u8>(), 0..2048)).prop_map(|(mut p, rest)| {
        p.extend(rest);
        p
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prefixed(), name in "[a-z]{1,3}\\.(exe|msi|ps1|p7s|bin)") {
        let r = verify_bytes(&name, &bytes, &VerifyOptions::default());
        prop_assert!(!r.is_acs_signed);
        prop_assert_eq!(drive(&name, &bytes, 97), r);
    }

    #[test]
    fn mutated_fixtures_never_panic_and_the_driver_agrees(
        which in 0..FIXTURES.len(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        cut in proptest::option::of(any::<prop::sample::Index>()),
        chunk in 1usize..5000,
    ) {
        let (name, path) = FIXTURES[which];
        let mut bytes = fixture(path);
        for (at, value) in &edits {
            let i = at.index(bytes.len());
            bytes[i] = *value;
        }
        if let Some(c) = cut {
            bytes.truncate(c.index(bytes.len()));
        }
        let r = verify_bytes(name, &bytes, &VerifyOptions::default());
        prop_assert_eq!(drive(name, &bytes, chunk), r);
    }
}
