//! PE digest throughput on a generated 150 MB PE, natively (not a timed test).
//!
//! `cargo bench -p acs-check --bench pe_digest` (bench profile: opt-level 3). The file is
//! `tests/fixtures/signed/pe-signed.exe` with 150 MB of overlay after its certificate table (hashed
//! as trailing data, so the digest no longer matches: only the speed matters here). It is written to
//! the temp folder, verified through the range driver from a `File` (what the CLI does), then in
//! memory with `verify_bytes`.

use std::io::Write as _;
use std::time::Instant;

use acs_check::signature::{verify_bytes, verify_reader, VerifyOptions};

const SIZE_MB: usize = 150;

fn main() {
    let fixture = format!("{}/../tests/fixtures/signed/pe-signed.exe", env!("CARGO_MANIFEST_DIR"));
    let mut bytes = std::fs::read(fixture).expect("fixture");
    let base = bytes.len();
    bytes.resize(base + SIZE_MB * 1024 * 1024, 0);
    for (i, b) in bytes[base..].iter_mut().enumerate() {
        *b = (i.wrapping_mul(2_654_435_761) >> 13) as u8;
    }
    let path = std::env::temp_dir().join("acs-check-bench-150mb.exe");
    std::fs::File::create(&path).and_then(|mut f| f.write_all(&bytes)).expect("write temp file");
    let mb = bytes.len() as f64 / (1024.0 * 1024.0);
    let opts = VerifyOptions::default();

    for round in 1..=3 {
        let t = Instant::now();
        let mut file = std::fs::File::open(&path).expect("open");
        let mut updates = 0u32;
        let r = verify_reader("bench.exe", &mut file, &opts, |_| updates += 1).expect("read");
        let secs = t.elapsed().as_secs_f64();
        assert!(r.error.is_none());
        println!("round {round}: range driver from a File: {mb:.0} MB in {secs:.3} s = {:.0} MB/s ({updates} progress calls)", mb / secs);
    }
    for round in 1..=3 {
        let t = Instant::now();
        let r = verify_bytes("bench.exe", &bytes, &opts);
        let secs = t.elapsed().as_secs_f64();
        assert!(r.error.is_none());
        println!("round {round}: verify_bytes in memory:   {mb:.0} MB in {secs:.3} s = {:.0} MB/s", mb / secs);
    }
    let _ = std::fs::remove_file(&path);
}
