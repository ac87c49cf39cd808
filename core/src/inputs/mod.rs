//! Recognisers: split decoded text into blocks and read each one into typed evidence.
//!
//! Each recogniser looks at the whole text and returns the blocks it recognises, with line numbers.
//! None of them judges: a recogniser says "this is `ver` output showing 10.0.17763.4010 on line 3",
//! never "this host is patched".

pub mod lines;
pub mod ver;

use crate::evidence::Finding;

/// Everything recognised in one decoded text, in line order.
pub fn recognise_text(text: &str) -> Vec<Finding> {
    let doc = lines::Doc::new(text);
    let mut found: Vec<(u32, Finding)> = Vec::new();
    for f in ver::recognise(&doc) {
        found.push((first_line(&f), f));
    }
    for f in crate::certs::recognise_text(text) {
        found.push((first_line(&f), f));
    }
    found.sort_by_key(|(line, _)| *line);
    found.into_iter().map(|(_, f)| f).collect()
}

fn first_line(f: &Finding) -> u32 {
    match f {
        Finding::Host(h) => h.first_line,
        Finding::Certificates(c) => c.first_line(),
        Finding::StoreListing(l) => l.first_line(),
    }
}
