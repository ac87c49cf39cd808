//! `ver` and the cmd banner: `Microsoft Windows [Version 10.0.17763.4010]` (the word is localised:
//! `Versión`, `版本`; Japanese keeps `Version`). The fourth number is the revision (UBR).

use super::lines::{leading_number, Doc};
use crate::evidence::{Finding, HostEvidence, InputKind, Located, OsVersion};

/// One block per banner line found anywhere in the text.
pub fn recognise(doc: &Doc) -> Vec<Finding> {
    doc.numbered()
        .filter_map(|(n, line)| parse_line(line).map(|v| (n, v)))
        .map(|(n, v)| {
            let mut h = HostEvidence::new(InputKind::Ver, n, n);
            h.version = Some(Located::new(v, n));
            Finding::Host(h)
        })
        .collect()
}

/// `…Windows [<word> a.b.c(.d)]`: the bracket holds one word and a dotted version.
pub(crate) fn parse_line(line: &str) -> Option<OsVersion> {
    let at = line.find("Windows")?;
    let rest = line[at + "Windows".len()..].trim_start();
    let inner = rest.strip_prefix('[')?;
    let inner = &inner[..inner.find(']')?];
    let (word, version) = inner.trim().rsplit_once(' ')?;
    if word.trim().is_empty() || word.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let parts: Vec<&str> = version.split('.').collect();
    if !(3..=4).contains(&parts.len()) || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let num = |i: usize| parts.get(i).and_then(|p| leading_number(p));
    Some(OsVersion {
        major_minor: Some((num(0)?, num(1)?)),
        build: num(2)?,
        revision: parts.get(3).and_then(|p| leading_number(p)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banners() {
        let v = parse_line("Microsoft Windows [Version 10.0.19045.2251]").unwrap();
        assert_eq!((v.build, v.revision, v.major_minor), (19045, Some(2251), Some((10, 0))));
        assert_eq!(parse_line("Microsoft Windows [Versión 10.0.19045.4412]").unwrap().revision, Some(4412));
        assert_eq!(parse_line("Microsoft Windows [版本 10.0.19044.1889]").unwrap().build, 19044);
        let v = parse_line("Microsoft Windows [Version 10.0.14393]").unwrap();
        assert_eq!((v.build, v.revision), (14393, None));
        assert_eq!(parse_line("Microsoft Windows [Version 6.1.7601]").unwrap().build, 7601);
        assert!(parse_line("Microsoft Windows 10 Pro").is_none());
        assert!(parse_line("Windows [Version 10.0]").is_none());
    }

    #[test]
    fn finds_the_banner_in_a_log() {
        let text = "connect to [10.10.14.2] from (UNKNOWN) [10.10.10.169] 50214\nMicrosoft Windows [Version 10.0.14393]\n(c) 2016 Microsoft Corporation. All rights reserved.\n";
        let found = recognise(&Doc::new(text));
        assert_eq!(found.len(), 1);
        let Finding::Host(h) = &found[0] else { panic!() };
        assert_eq!((h.first_line, h.version.as_ref().unwrap().value.build), (2, 14393));
    }
}
