//! Certificate evidence in text: certutil and PowerShell listings, PEM blocks, `.reg` exports.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = acs_check::certs::recognise_text(&text);
    let _ = acs_check::decode::from_text(&text);
});
