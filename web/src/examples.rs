//! "Try an example": small real inputs from `tests/fixtures/`, compiled into the page (no fetch).

pub struct Example {
    /// The `ui.example.*` text key of its button.
    pub key: &'static str,
    pub file: &'static str,
    pub bytes: &'static [u8],
}

macro_rules! fixture {
    ($key:literal, $dir:literal, $file:literal) => {
        Example { key: $key, file: $file, bytes: include_bytes!(concat!("../../tests/fixtures/", $dir, "/", $file)) }
    };
}

pub const EXAMPLES: &[Example] = &[
    fixture!("ui.example.native", "systeminfo", "15-ja-win10-22h2-findstr-and-ver.txt"),
    fixture!("ui.example.server2019", "systeminfo", "25-en-srv2019-rtm.txt"),
    fixture!("ui.example.win81", "systeminfo", "26-en-win81-u1.txt"),
    fixture!("ui.example.ver_only", "systeminfo", "V03-en-cmd-banner-srv2016-no-ubr.txt"),
    fixture!("ui.example.root_listing", "certs", "powershell-cert-drive.txt"),
];

/// The examples that "All of them" loads: the host examples (the root listing would apply to every host).
pub fn all_hosts() -> impl Iterator<Item = &'static Example> {
    EXAMPLES.iter().filter(|e| e.key != "ui.example.root_listing")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_are_small_and_labelled() {
        assert!(EXAMPLES.iter().map(|e| e.bytes.len()).sum::<usize>() < 12 * 1024);
        assert!(EXAMPLES.iter().all(|e| crate::texts::t(acs_check::Lang::En, e.key) != "[missing text]"));
        assert_eq!(all_hosts().count(), 4);
    }
}
