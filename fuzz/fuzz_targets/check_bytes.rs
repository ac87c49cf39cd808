//! The whole check on a file's bytes: decoding, every recogniser, certificates and signatures. The
//! first byte picks the file name (the extension steers script and signature detection).
#![no_main]
use acs_check::{check, Input, Lang, Options};
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 8] = ["a.exe", "a.msi", "a.ps1", "a.p7s", "a.sst", "a.cer", "systeminfo.txt", "a.reg"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let name = NAMES[pick as usize % NAMES.len()];
    let options = Options { lang: if pick & 0x80 == 0 { Lang::Ja } else { Lang::En }, ..Options::default() };
    let report = check(&[Input::bytes(name, bytes.to_vec())], &options);
    // The words are made for every result, and the plain-text report too.
    let _ = acs_check::present::text(&report);
});
