//! Benchmarks of the whole check (not timed tests): `cargo bench -p acs-check --bench check`.
//!
//! - a systeminfo with 300 hotfixes (systeminfo itself stops listing at ~245; `wmic qfe` does not),
//! - 10 MB of pasted text: many systeminfo outputs, listings and noise,
//! - the Japanese CP932 fixture through encoding detection.
//!
//! Prints the median of several runs and the throughput.

use std::hint::black_box;
use std::time::{Duration, Instant};

use acs_check::{check, Input, Options};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/systeminfo");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A Windows Server 2019 systeminfo with `n` hotfixes (unique KB numbers, the qualifying one last).
fn systeminfo_with_hotfixes(n: usize) -> String {
    let base = String::from_utf8(fixture("25-en-srv2019-rtm.txt")).expect("utf-8 fixture");
    let mut out = String::new();
    let mut in_hotfixes = false;
    for line in base.lines() {
        if line.starts_with("Hotfix(s):") {
            out.push_str(&format!("Hotfix(s):                 {n} Hotfix(s) Installed.\r\n"));
            for i in 0..n {
                let kb = if i + 1 == n { 5031361 } else { 4000000 + i * 37 };
                out.push_str(&format!("                           [{:02}]: KB{kb}\r\n", i + 1));
            }
            in_hotfixes = true;
            continue;
        }
        if in_hotfixes && line.trim_start().starts_with('[') {
            continue;
        }
        in_hotfixes = false;
        out.push_str(line);
        out.push_str("\r\n");
    }
    out
}

/// About `size` bytes of mixed pasted text: systeminfo outputs of several hosts, ver lines, prose.
fn big_paste(size: usize) -> String {
    let parts = [
        fixture("18-en-win7-sp1-302-truncated-jc.txt"),
        fixture("05-de-win7-sp1-truncated.txt"),
        fixture("10-en-srv2022.txt"),
        fixture("27-en-winxp-sp3-file1-truncated.txt"),
        b"Microsoft Windows [Version 10.0.17763.4010]\n(c) Microsoft Corporation. All rights reserved.\n".to_vec(),
        b"Some prose between outputs: the customer says the installer fails with an error.\n".repeat(20),
    ];
    let mut out = String::with_capacity(size + 64 * 1024);
    let mut i = 0;
    while out.len() < size {
        out.push_str(&String::from_utf8_lossy(&parts[i % parts.len()]));
        out.push('\n');
        i += 1;
    }
    out
}

fn bench(name: &str, bytes: usize, runs: usize, mut f: impl FnMut()) {
    f(); // warm up
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    let median = times[runs / 2];
    let mbps = bytes as f64 / 1e6 / median.as_secs_f64();
    println!(
        "{name:<44} {:>10.3} ms  {:>9.1} MB/s  ({bytes} bytes, median of {runs})",
        median.as_secs_f64() * 1e3,
        mbps
    );
}

fn main() {
    let options = Options::default();
    let hotfixes300 = systeminfo_with_hotfixes(300);
    bench("systeminfo, 300 hotfixes (text)", hotfixes300.len(), 50, || {
        black_box(check(&[Input::text("si.txt", hotfixes300.as_str())], &options));
    });
    let as_utf16: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain(hotfixes300.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    bench("systeminfo, 300 hotfixes (UTF-16LE bytes)", as_utf16.len(), 50, || {
        black_box(check(&[Input::bytes("si.txt", as_utf16.as_slice())], &options));
    });
    let cp932 = fixture("derived/12-ja-win7-sp1-truncated.DERIVED.cp932-crlf.txt");
    bench("Japanese systeminfo, CP932 detection", cp932.len(), 50, || {
        black_box(check(&[Input::bytes("ja.txt", cp932.as_slice())], &options));
    });
    let big_cp932 = cp932.repeat(10 * 1024 * 1024 / cp932.len());
    bench("10 MB of CP932 bytes (detection + decoding)", big_cp932.len(), 5, || {
        black_box(check(&[Input::bytes("ja.txt", big_cp932.as_slice())], &options));
    });
    let big = big_paste(10 * 1024 * 1024);
    let hosts = check(&[Input::text("big", big.as_str())], &options).hosts.len();
    bench(&format!("10 MB paste ({hosts} hosts)"), big.len(), 5, || {
        black_box(check(&[Input::text("big", big.as_str())], &options));
    });
}
