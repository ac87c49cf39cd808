//! A PE file through the in-memory verifier and the range driver: both must agree and end.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common/range_driver.rs"]
mod range_driver;

fuzz_target!(|data: &[u8]| range_driver::agrees_with_in_memory("a.exe", data));
