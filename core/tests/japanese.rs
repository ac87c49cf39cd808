//! Japanese in the words of the FAQ (Canon ITS FAQ 25954): every Japanese row of `data/texts.tsv`, and every
//! Japanese report the check writes for the fixtures, follows `data/glossary.tsv` (one name per concept, the
//! FAQ's terms) and the house style (no backticks, dates as 2023年7月10日, no space after 「。」, one colon).
//!
//! The rows quoted verbatim from the FAQ (the alert texts) are exempt: they stay character for character.

use std::path::{Path, PathBuf};

use acs_check::present::text::text;
use acs_check::tables::TEXTS;
use acs_check::texts::t;
use acs_check::{check, DateStr, Input, Lang, Managed, Options, Report};

/// The rows whose Japanese is FAQ 25954's own text, kept verbatim.
const VERBATIM: [&str; 3] = ["alert.title", "alert.body.client", "alert.body.console"];

/// One row of `data/glossary.tsv`.
struct Term {
    term: &'static str,
    variants: Vec<&'static str>,
    allowed: Vec<&'static str>,
}

fn glossary() -> Vec<Term> {
    let table = include_str!("../data/glossary.tsv");
    let mut rows = table.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    assert_eq!(rows.next(), Some("term\tvariants\tallowed\ten\tsource"), "glossary.tsv: header");
    let split = |s: &'static str| s.split('|').filter(|v| !v.is_empty()).collect::<Vec<_>>();
    rows.map(|line| {
        let c: Vec<&str> = line.split('\t').collect();
        assert_eq!(c.len(), 5, "glossary.tsv: five columns in {line:?}");
        assert!(
            !c[0].is_empty() && !c[3].is_empty() && !c[4].is_empty(),
            "glossary.tsv: term, en and source in {line:?}"
        );
        let term = Term { term: c[0], variants: split(c[1]), allowed: split(c[2]) };
        assert!(!term.variants.is_empty(), "glossary.tsv: {}: no variants", term.term);
        term
    })
    .collect()
}

/// `YYYY-MM-DD` anywhere in the text.
fn has_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    (0..b.len().saturating_sub(9)).any(|i| {
        digits(i..i + 4) && b[i + 4] == b'-' && digits(i + 5..i + 7) && b[i + 7] == b'-' && digits(i + 8..i + 10)
    })
}

/// "2021 年 7 月": a date written with spaces.
fn has_spaced_date(text: &str) -> bool {
    let c: Vec<char> = text.chars().collect();
    c.windows(3).any(|w| {
        w[1] == ' '
            && ((w[0].is_ascii_digit() && matches!(w[2], '年' | '月' | '日'))
                || (matches!(w[0], '年' | '月') && w[2].is_ascii_digit()))
    })
}

/// What is wrong with a Japanese text: the glossary's forbidden variants (once its allowed phrases are taken
/// out), and the house rules.
fn problems(text: &str, glossary: &[Term]) -> Vec<String> {
    let mut out = Vec::new();
    for term in glossary {
        let mut rest = text.to_owned();
        for a in &term.allowed {
            rest = rest.replace(a, "");
        }
        for v in &term.variants {
            if rest.contains(v) {
                out.push(format!("{v:?} instead of {:?}", term.term));
            }
        }
    }
    if text.contains('`') {
        out.push("a backtick (name a command in 「」)".into());
    }
    if has_iso_date(text) {
        out.push("an ISO date (write 2023年7月10日)".into());
    }
    if has_spaced_date(text) {
        out.push("a date with spaces (write 2021年7月)".into());
    }
    if text.contains("。 ") || text.contains("、 ") {
        out.push("a space after 「。」 or 「、」".into());
    }
    if text.contains('：') {
        out.push("a full-width colon (the report writes \": \")".into());
    }
    out
}

#[test]
fn the_rules_catch_what_they_are_for() {
    let g = glossary();
    let bad = [
        ("ESET PROTECT のコンソールに表示されます。", "ESET PROTECT"),
        ("ESET 製品をインストールします。", "ESET 製品"),
        ("KB5005625 またはそれ以降の累積更新プログラム", "累積更新"),
        ("ホスト名", "ホスト"),
        ("偽物の証明書", "偽物"),
        ("信頼されたルート証明機関にありません", "信頼されたルート証明機関"),
        ("`ver` を実行し", "backtick"),
        ("2023-07-10 から表示", "ISO date"),
        ("2021 年 7 月から", "with spaces"),
        ("ありません。 次に", "space after"),
        ("{line} 行目：{message}", "colon"),
    ];
    for (text, want) in bad {
        let found = problems(text, &g);
        assert!(found.iter().any(|p| p.contains(want)), "{text:?}: want {want:?}, found {found:?}");
    }
    let good = [
        "セキュリティ管理ツール（ESET PROTECT）上にのみ表示されます。",
        "「ローカルコンピューター」の「信頼されたルート証明機関」の証明書ストアにインストールしてください。",
        "2023年7月10日以降に表示",
        "2023年10月12日 08:05:09 UTC",
    ];
    for text in good {
        assert_eq!(problems(text, &g), Vec::<String>::new(), "{text:?}");
    }
}

#[test]
fn japanese_rows_follow_the_glossary() {
    let g = glossary();
    let mut failures = Vec::new();
    for (key, ja, en) in TEXTS {
        if en.contains('`') {
            failures.push(format!("{key} (en): a backtick: {en}"));
        }
        if VERBATIM.contains(key) {
            continue;
        }
        for p in problems(ja, &g) {
            failures.push(format!("{key}: {p}: {ja}"));
        }
    }
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
    // The verbatim rows are the FAQ's, with the FAQ's own spacing (「ESET 製品」 as ESET writes it there).
    assert!(t(Lang::Ja, "alert.body.client").contains("ESET 製品のアップデート"));
}

fn fixtures(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(dir);
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let p = e.expect("dir entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// What a report shows that came from its inputs (names, values read, certificate fields) and could hold
/// Japanese: not the report's words, so not held to the glossary. (ASCII values such as KB numbers, builds
/// and thumbprints stay: they cannot hold a Japanese variant, and a date among them would show.)
fn input_values(r: &Report) -> Vec<String> {
    let mut v: Vec<String> = r.inputs.iter().map(|i| i.name.clone()).collect();
    for h in &r.hosts {
        v.extend(h.host_name.clone());
        v.extend(h.os.name.clone());
        v.extend(h.facts.iter().map(|f| f.value.clone()));
    }
    for c in &r.certificates {
        v.extend([c.subject.clone(), c.issuer.clone(), Some(c.source.clone())].into_iter().flatten());
    }
    for s in &r.signatures {
        v.extend(s.signer.clone());
        v.extend(s.publisher.as_ref().and_then(|p| p.organization.clone()));
    }
    v.retain(|s| !s.is_ascii());
    // The longest first, so that a value inside another goes with it.
    v.sort_by_key(|s| std::cmp::Reverse(s.len()));
    v
}

/// Every Japanese report of the fixtures (hosts of every kind, certificates, signed files), as the CLI prints it
/// and the page copies it: the words filled in at run time (dates, KBs, evidence) follow the same rules.
#[test]
fn japanese_reports_follow_the_glossary() {
    let g = glossary();
    let today = DateStr::parse("2026-08-11");
    let mut inputs: Vec<Vec<Input>> = [
        "Microsoft Windows [Version 10.0.17763.2183]\n",
        "Microsoft Windows [Version 10.0.17763.4010]\n",
        "Microsoft Windows [Version 6.1.7601]\n",
        "Microsoft Windows [Version 10.0.17763]\n",
        "OS Name: Microsoft Windows Server 2019 Standard\nOS Version: 10.0.17763 N/A Build 17763\nHotfix(s): 1 Hotfix(s) Installed.\n  [01]: KB5006672\n",
        "OS Name: Microsoft Windows Server 2022 Standard\nOS Version: 10.0.20348 N/A Build 20348\nHotfix(s): 1 Hotfix(s) Installed.\n  [01]: KB5999999\n",
        "OS Name: Microsoft Windows 10 Education\nOS Version: 10.0.17763 N/A Build 17763\nHotfix(s): 1 Hotfix(s) Installed.\n  [01]: KB5005568\n",
        "OS Name: Microsoft Windows Server 2012 R2 Standard\nOS Version: 6.3.9600 N/A Build 9600\nHotfix(s): 1 Hotfix(s) Installed.\n  [01]: KB5010794\n",
        "OS Name: Microsoft Windows 7 Professional\nOS Version: 6.1.7601 Service Pack 1 Build 7601\nHotfix(s): 1 Hotfix(s) Installed.\n  [01]: KB4534310\n",
    ]
    .into_iter()
    .map(|s| vec![Input::text(acs_check::PASTED_TEXT, s)])
    .collect();
    for dir in ["systeminfo", "certs", "signed"] {
        for path in fixtures(dir) {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
            if name.ends_with(".md") || name.ends_with(".sh") || name.ends_with(".py") {
                continue;
            }
            inputs.push(vec![Input::bytes(name, std::fs::read(&path).expect("fixture"))]);
        }
    }
    let verbatim: Vec<&str> = VERBATIM.iter().map(|k| t(Lang::Ja, k)).collect();
    let mut failures = Vec::new();
    let mut checked = 0;
    for input in &inputs {
        let r = check(input, &Options { lang: Lang::Ja, managed: Managed::Unknown, today });
        let mut words = text(&r);
        for v in verbatim.iter().map(|s| s.to_string()).chain(input_values(&r)).filter(|v| !v.is_empty()) {
            words = words.replace(&v, "");
        }
        checked += 1;
        for p in problems(&words, &g) {
            let line = words.lines().find(|l| !problems(l, &g).is_empty()).unwrap_or_default();
            failures.push(format!("{}: {p}: {line}", r.inputs.first().map_or("", |i| i.name.as_str())));
        }
    }
    assert!(checked > 30, "{checked} reports");
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}
