//! The recognisers never panic: on arbitrary text, on text made of the characters the formats are
//! built from, and on the real fixtures with lines deleted, duplicated, cut or swapped.

use std::path::Path;

use acs_check::inputs::recognise_text;
use acs_check::{check, Input, Options};
use proptest::prelude::*;

/// The decoded text of every fixture (top level, `raw/`, `derived/`), read once.
fn fixture_texts() -> &'static [String] {
    static TEXTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    TEXTS.get_or_init(read_fixtures)
}

fn read_fixtures() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/systeminfo");
    let mut out = Vec::new();
    for dir in ["", "raw", "derived"] {
        let mut entries: Vec<_> = std::fs::read_dir(root.join(dir)).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for path in entries.into_iter().filter(|p| p.is_file()) {
            let bytes = std::fs::read(&path).unwrap();
            if let Ok(d) = acs_check::decode::decode(&bytes) {
                out.push(d.text);
            }
        }
    }
    assert!(out.len() > 30);
    out
}

/// One change to a list of lines; positions are taken modulo the length.
#[derive(Debug, Clone)]
enum Edit {
    Delete(usize),
    Duplicate(usize),
    /// Cut the line after this many characters.
    Truncate(usize, usize),
    Swap(usize, usize),
    Insert(usize, String),
    /// Join the line with the next (a lost line break).
    Join(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any::<usize>().prop_map(Edit::Delete),
        any::<usize>().prop_map(Edit::Duplicate),
        (any::<usize>(), 0usize..200).prop_map(|(i, n)| Edit::Truncate(i, n)),
        (any::<usize>(), any::<usize>()).prop_map(|(i, j)| Edit::Swap(i, j)),
        (any::<usize>(), format_text()).prop_map(|(i, s)| Edit::Insert(i, s)),
        any::<usize>().prop_map(Edit::Join),
    ]
}

/// Text made of the pieces the recognised formats use.
fn format_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "([ \t]{0,30}|Host Name:|OS Version:|Hotfix\\(s\\):|\\[0?[0-9]{1,3}\\]:?|KB[0-9]{0,8}|10\\.0\\.[0-9]{5}|N/A Build|\"|\",\"|,|:| : |====|----|HotFixID|OsHotFixes|\\{|\\}|\\.\\.\\.|…|ホスト名:|仮想メモリ:|\\\\r\\\\n|HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\Microsoft\\\\Windows NT\\\\CurrentVersion|    UBR    REG_DWORD    0x|Microsoft Windows \\[Version |C:\\\\>|```|\n|[a-zA-Z0-9]{1,8}){0,60}",
    )
    .unwrap()
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    for e in edits {
        if lines.is_empty() {
            break;
        }
        let n = lines.len();
        match e {
            Edit::Delete(i) => {
                lines.remove(i % n);
            }
            Edit::Duplicate(i) => {
                let l = lines[i % n].clone();
                lines.insert(i % n, l);
            }
            Edit::Truncate(i, k) => {
                let l: String = lines[i % n].chars().take(*k).collect();
                lines[i % n] = l;
            }
            Edit::Swap(i, j) => lines.swap(i % n, j % n),
            Edit::Insert(i, s) => lines.insert(i % (n + 1), s.clone()),
            Edit::Join(i) => {
                if i % n + 1 < n {
                    let next = lines.remove(i % n + 1);
                    lines[i % n].push_str(&next);
                }
            }
        }
    }
    lines.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text(s in any::<String>()) {
        recognise_text(&s);
    }

    #[test]
    fn text_made_of_format_pieces(s in format_text()) {
        recognise_text(&s);
        check(&[Input::text("pasted text", s)], &Options::default());
    }

    #[test]
    fn damaged_fixtures(which in any::<usize>(), edits in proptest::collection::vec(edit(), 1..12)) {
        let texts = fixture_texts();
        let text = apply(&texts[which % texts.len()], &edits);
        recognise_text(&text);
        check(&[Input::text("pasted text", text)], &Options::default());
    }

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        check(&[Input::bytes("file", bytes)], &Options::default());
    }
}

/// Prefixes and suffixes of each fixture, cut at about sixteen line boundaries each, are read without
/// panicking and never yield more blocks than lines.
#[test]
fn line_cuts_of_every_fixture() {
    for text in fixture_texts() {
        let lines: Vec<&str> = text.split('\n').collect();
        for k in (0..=lines.len()).step_by((lines.len() / 16).max(1)) {
            for part in [lines[..k].join("\n"), lines[k..].join("\n")] {
                let found = recognise_text(&part);
                assert!(found.len() <= part.split('\n').count());
            }
        }
    }
}
