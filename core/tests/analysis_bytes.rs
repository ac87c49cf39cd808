//! The verifier module hands its `Analysis` to the engine module as bytes (`Analysis::to_bytes`):
//! every fixture's analysis comes back exactly as it was made, and bytes that are not this build's
//! analysis (cut short, changed, another version's, random) are an error, never a panic or a
//! different analysis.

use acs_check::{analyse, Analysis, AnalysisBytesError, Input, Options};

fn fixtures() -> Vec<(String, Vec<u8>)> {
    let root = format!("{}/../tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from(root)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                out.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_fixtures_analysis_comes_back_as_it_was() {
    let options = Options::default();
    let mut kinds = [0usize; 4];
    for (name, bytes) in fixtures() {
        let mut inputs = vec![Input::bytes(name.clone(), bytes.clone())];
        if let Ok(text) = String::from_utf8(bytes) {
            inputs.push(Input::text(name.clone(), text));
        }
        for input in inputs {
            let analysis = analyse(&input, &options);
            kinds[match &analysis {
                Analysis::Signature { .. } => 0,
                Analysis::CertificateFile { .. } => 1,
                Analysis::TextCertificates { .. } => 2,
                Analysis::Nothing => 3,
            }] += 1;
            let wire = analysis.to_bytes().unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(Analysis::from_bytes(&wire).as_ref(), Ok(&analysis), "{name}");
            // `ACS_FUZZ_SEEDS=dir`: each body (after the marker and the variant byte the fuzz target
            // adds) becomes a seed of fuzz/fuzz_targets/analysis_bytes.rs.
            if let Some(dir) = std::env::var_os("ACS_FUZZ_SEEDS") {
                let marker = Analysis::Nothing.to_bytes().unwrap().len() - 1;
                let seed = std::path::Path::new(&dir).join(format!("{}-{}", name, wire.len()));
                std::fs::write(seed, &wire[marker..]).unwrap();
            }
        }
    }
    // The corpus has every kind, so that every type crosses at least once.
    assert!(kinds.iter().all(|&n| n > 0), "{kinds:?}");
}

#[test]
fn bytes_that_are_not_this_builds_analysis_are_refused() {
    let signed =
        std::fs::read(format!("{}/../tests/fixtures/signed/pe-signed.exe", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let analysis = analyse(&Input::bytes("setup.exe", signed), &Options::default());
    assert!(matches!(analysis, Analysis::Signature { .. }));
    let wire = analysis.to_bytes().unwrap();
    let marker = wire.iter().position(|&b| b == b'\n').unwrap() + 1;

    assert_eq!(Analysis::from_bytes(b""), Err(AnalysisBytesError::NotThisBuild));
    assert_eq!(Analysis::from_bytes(b"{\"kind\":\"signature\"}"), Err(AnalysisBytesError::NotThisBuild));
    let mut other_version = wire.clone();
    other_version[marker - 2] ^= 1;
    assert_eq!(Analysis::from_bytes(&other_version), Err(AnalysisBytesError::NotThisBuild));
    let mut longer = wire.clone();
    longer.push(0);
    assert!(
        matches!(Analysis::from_bytes(&longer), Err(AnalysisBytesError::Malformed(m)) if m.contains("after its end"))
    );

    // Every cut is an error; every single-byte change is an error or decodes to some analysis
    // (postcard has no checksum: the bytes are trusted as the verifier's own, which only this
    // package's code can hand over), and nothing panics.
    for len in marker..wire.len() {
        assert!(matches!(Analysis::from_bytes(&wire[..len]), Err(AnalysisBytesError::Malformed(_))), "cut at {len}");
    }
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..20_000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let mut changed = wire.clone();
        let at = marker + (state as usize) % (wire.len() - marker);
        changed[at] = (state >> 32) as u8;
        let _ = Analysis::from_bytes(&changed);
    }
}
