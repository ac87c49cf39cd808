//! The range driver on a signed file's bytes, beside the in-memory verifier: both must agree and
//! end, and the driver never hashes more bytes than the file has (shared by the pe and msi targets).
use acs_check::signature::{verify_bytes, Request, Verifier, VerifyOptions};

pub fn agrees_with_in_memory(name: &str, data: &[u8]) {
    let opts = VerifyOptions { now: Some(1_796_299_200) };
    let in_memory = verify_bytes(name, data, &opts);
    let mut v = Verifier::new(name, data.len() as u64, opts);
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
}
