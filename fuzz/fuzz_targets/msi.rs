//! A MSI file through the in-memory verifier and the range driver: both must agree and end.
#![no_main]
use acs_check::signature::{verify_bytes, Request, Verifier, VerifyOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = VerifyOptions { now: Some(1_796_299_200) };
    let in_memory = verify_bytes("a.msi", data, &opts);
    let mut v = Verifier::new("a.msi", data.len() as u64, opts);
    let mut hashed = 0u64;
    loop {
        match v.next_request() {
            Request::Read { ranges } => {
                for r in ranges {
                    let end = usize::try_from(r.end()).unwrap_or(usize::MAX).min(data.len());
                    let start = usize::try_from(r.offset).unwrap_or(usize::MAX).min(end);
                    v.supply(r.offset, data[start..end].to_vec());
                }
            }
            Request::Hash(plan) => {
                for r in plan.ranges {
                    let end = usize::try_from(r.end()).unwrap_or(usize::MAX).min(data.len());
                    let start = usize::try_from(r.offset).unwrap_or(usize::MAX).min(end);
                    hashed += (end - start) as u64;
                    v.update(&data[start..end]).expect("the plan's own ranges");
                }
            }
            Request::Done => break,
        }
    }
    // Bounded work: the bytes hashed never exceed the file's size.
    assert!(hashed <= data.len() as u64, "hashed {hashed} of {}", data.len());
    assert_eq!(v.finish(), in_memory);
});
