//! The bytes of an `Analysis` as the engine module reads them (`Analysis::from_bytes`): after this
//! build's marker, anything must decode to an analysis or end in an error, never panic; an analysis
//! that decodes encodes back to bytes that decode to the same analysis.
#![no_main]
use acs_check::Analysis;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The marker (and a variant byte) from a real encoding, so that the fuzzer works on the body.
    let mut bytes = Analysis::Nothing.to_bytes().expect("encodes");
    bytes.pop();
    bytes.extend_from_slice(data);
    if let Ok(analysis) = Analysis::from_bytes(&bytes) {
        let again = analysis.to_bytes().expect("a decoded analysis encodes");
        assert_eq!(Analysis::from_bytes(&again).as_ref(), Ok(&analysis));
    }
});
