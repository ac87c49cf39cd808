//! Each systeminfo (and ver, reg, Get-ComputerInfo, Get-HotFix, CIM) recogniser on its own, then all
//! of them together, on any text.
#![no_main]
use acs_check::inputs::{lines::Doc, recognise_text, RECOGNISERS};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = Doc::new(&text);
    for recognise in RECOGNISERS {
        let _ = recognise(&doc);
    }
    let _ = recognise_text(&text);
});
