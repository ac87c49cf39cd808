//! One certificate (x509-parser through the engine's model) and a binary certificate file.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = acs_check::certs::Certificate::parse(data);
    let _ = acs_check::certs::read_bytes(data);
});
