//! PKCS#7 / CMS SignedData (the one walker), a `.p7b` bundle, and serialized stores (`.sst`, registry
//! `Blob`s).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(sd) = acs_check::cms::parse_content_info(data) {
        for si in &sd.signer_infos {
            let _ = acs_check::cms::message_digest(si);
            let _ = acs_check::cms::opus_info(si);
        }
    }
    let _ = acs_check::certs::pkcs7::read(data, 0);
    let _ = acs_check::certs::sst::read_file(data);
    let _ = acs_check::certs::sst::read_elements(data, 0);
});
