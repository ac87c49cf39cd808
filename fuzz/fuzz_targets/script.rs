//! A PowerShell script's signature block and canonical forms (UTF-8 and UTF-16).
#![no_main]
use acs_check::signature::{verify_bytes, VerifyOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = acs_check::signature::script::layout(data);
    let _ = verify_bytes("a.ps1", data, &VerifyOptions { now: Some(1_796_299_200) });
});
