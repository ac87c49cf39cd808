//! The refresh on real, trimmed documents (`tests/fixtures/updates/`, sources in `../SOURCES.md`) and
//! against the committed `core/data/acs-updates.tsv`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use xtask::derive::Kind;
use xtask::products::Products;
use xtask::refresh::{refresh, root};
use xtask::source::{self, Document, SourceKind};
use xtask::table::{parse_known_differences, KnownDifference, Table};

fn fixtures() -> PathBuf {
    root().join("tests/fixtures/updates")
}

/// (file, source URL) of every fixture, from `sources.tsv`.
fn manifest() -> Vec<(String, String)> {
    std::fs::read_to_string(fixtures().join("sources.tsv"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("file\t") && !l.is_empty())
        .map(|l| {
            let (f, u) = l.split_once('\t').unwrap();
            (f.to_string(), u.to_string())
        })
        .collect()
}

fn read(file: &str) -> Document {
    let (_, url) =
        manifest().into_iter().find(|(f, _)| f == file).unwrap_or_else(|| panic!("{file} not in sources.tsv"));
    source::read(&std::fs::read(fixtures().join(file)).unwrap(), file, Some(&url)).unwrap()
}

/// Every fixture document once (the JSON copy of 2026-Jun stands for its XML twin in one test only).
fn all_documents() -> Vec<Document> {
    manifest()
        .iter()
        .filter(|(f, _)| !f.ends_with(".json") || f.starts_with("CVE_KB_Mapping_"))
        .map(|(f, _)| read(f))
        .collect()
}

fn products() -> Products {
    Products::load(&root().join("xtask/data/msrc-products.tsv")).unwrap()
}

fn known() -> Vec<KnownDifference> {
    parse_known_differences(&std::fs::read_to_string(root().join("xtask/data/known-differences.tsv")).unwrap()).unwrap()
}

fn committed() -> Table {
    Table::parse(&std::fs::read_to_string(root().join("core/data/acs-updates.tsv")).unwrap()).unwrap()
}

#[test]
fn cvrf_json_and_xml_read_alike() {
    let xml = read("cvrf-2026-Jun.xml");
    let json = read("cvrf-2026-Jun.json");
    assert_eq!(xml.kind, SourceKind::Cvrf);
    assert_eq!((xml.month.to_string(), xml.date.to_string()), ("2026-Jun".to_string(), "2026-06-09".to_string()));
    assert!(xml.remediations.len() >= 40, "{}", xml.remediations.len());
    assert_eq!(xml, json);
    // What one remediation says: the June update of build 17763 (Server 2019, Windows 10 1809), superseding May's.
    let r = xml.remediations.iter().find(|r| r.kb == 5094123).unwrap();
    assert_eq!(products().find(&r.product).map(|p| p.build), Some(17763), "{}", r.product);
    assert_eq!(
        (r.subtype.as_deref(), r.fixed_build.as_str(), r.supersedes),
        (Some("Security Update"), "10.0.17763.8880", Some(5087538))
    );
}

/// The committed rows of the fixtures' documents are what the refresh derives from the fixtures, to the
/// letter; and nothing the fixtures say disagrees with the table.
#[test]
fn the_refresh_reproduces_the_committed_rows_of_the_fixture_months() {
    let docs = all_documents();
    let urls: BTreeSet<&str> = docs.iter().map(|d| d.url.as_str()).collect();
    let mut table = committed();
    let before = table.to_text();
    let (derivation, merge) = refresh(&mut table, &docs, &products(), &known());
    assert_eq!(merge.conflicts, Vec::<String>::new());
    assert_eq!(merge.added, vec![], "the fixtures hold nothing the table lacks");
    assert_eq!(table.to_text(), before);
    assert!(merge.known.is_empty(), "{:?}", merge.known);

    let from_fixtures: Vec<_> = committed().rows().filter(|r| urls.contains(r.source.as_str())).cloned().collect();
    // Rows of every CVRF fixture and of the feed's months after the CVRF copies (2026-Jul, 2026-Aug), and
    // 22H2's May update, which only the feed gives right (see the_kinds_and_dates_the_documents_tell).
    let sources: BTreeSet<&str> = from_fixtures.iter().map(|r| r.source.as_str()).collect();
    assert!(from_fixtures.len() >= 30 && sources.len() == 7, "{} rows from {sources:#?}", from_fixtures.len());
    for r in &from_fixtures {
        let d = derivation.rows.iter().find(|d| d.build == r.build && d.kb == r.kb);
        let d = d.unwrap_or_else(|| panic!("not derived: {}", r.to_line()));
        assert_eq!(
            (d.date, d.revision, d.kind.as_str(), d.source.as_str()),
            (r.date, r.revision, r.kind.as_str(), r.source.as_str()),
            "{}",
            r.to_line()
        );
    }
    // The months of the data's end are among them: the 2026-08 updates of the Done-when.
    assert!(from_fixtures.iter().any(|r| r.kb == 5120238 && r.build == 17763 && r.date.to_string() == "2026-08-11"));
}

/// The feed's months that the table already covered from other sources (Microsoft Learn's release
/// information, Microsoft's update-history titles) agree with it row for row.
#[test]
fn the_feed_agrees_with_the_table_for_the_months_it_already_covered() {
    let last = xtask::date::MonthId::parse("2026-Mar").unwrap();
    let docs: Vec<Document> = manifest()
        .iter()
        .filter(|(f, _)| f.starts_with("CVE_KB_Mapping_"))
        .map(|(f, _)| read(f))
        .filter(|d| d.month <= last)
        .collect();
    assert_eq!(docs.len(), 10, "2025-Jun … 2026-Mar");
    let mut table = committed();
    let (derivation, merge) = refresh(&mut table, &docs, &products(), &known());
    assert_eq!(merge.conflicts, Vec::<String>::new());
    assert!(merge.added.is_empty());
    assert_eq!(merge.duplicates, derivation.rows.len());
    assert!(derivation.rows.len() >= 40, "{}", derivation.rows.len());
    // Those table rows came from elsewhere: the agreement is between independent sources.
    for d in &derivation.rows {
        let r = committed().rows().find(|r| r.build == d.build && r.kb == d.kb).cloned().unwrap();
        assert!(!r.source.contains("windows-version-feed"), "{}", r.to_line());
    }
    // Builds 14393, 17763, 19044, 19045 and 20348, every month.
    let builds: BTreeSet<u32> = derivation.rows.iter().map(|d| d.build).collect();
    assert_eq!(builds, BTreeSet::from([14393, 17763, 19044, 19045, 20348]));
    // And what the feed does not say is reported, not guessed: the 2012 R2 out-of-band fix of 2025-10.
    assert!(derivation.notes.iter().any(|n| n.contains("KB5070886")));
}

/// Each document alone (the maintainer's run with one month, or with an older month again to catch its
/// out-of-band releases) agrees with the table: nothing new, nothing conflicting.
#[test]
fn each_document_alone_agrees_with_the_table() {
    for doc in all_documents() {
        let mut table = committed();
        let (derivation, merge) = refresh(&mut table, std::slice::from_ref(&doc), &products(), &known());
        assert_eq!(merge.conflicts, Vec::<String>::new(), "{}", doc.month);
        assert_eq!(merge.added, vec![], "{}", doc.month);
        assert!(!derivation.rows.is_empty(), "{}", doc.month);
    }
}

/// The maintainer's month: the table without a month's rows, refreshed with that month's documents
/// alone, gets exactly those rows back.
#[test]
fn one_new_month_at_a_time() {
    for (date, files) in [
        ("2026-08-11", &["CVE_KB_Mapping_2026-Aug.json"][..]),
        ("2026-07-14", &["CVE_KB_Mapping_2026-Jul.json"][..]),
        ("2026-06-09", &["cvrf-2026-Jun.json", "CVE_KB_Mapping_2026-Jun.json"][..]),
    ] {
        let full = committed();
        let text = full.to_text();
        let month: Vec<&str> = text.lines().filter(|l| l.split('\t').nth(3) == Some(date)).collect();
        assert!(month.len() >= 5, "{date}: {}", month.len());
        let without: String = text.lines().filter(|l| !month.contains(l)).map(|l| format!("{l}\n")).collect();
        let mut table = Table::parse(&without).unwrap();
        let docs: Vec<Document> = files.iter().map(|f| read(f)).collect();
        let (_, merge) = refresh(&mut table, &docs, &products(), &known());
        assert_eq!(merge.conflicts, Vec::<String>::new(), "{date}");
        let added: BTreeSet<String> = merge.added.iter().map(|r| r.to_line()).collect();
        let expected: BTreeSet<String> = month.iter().map(|l| l.to_string()).collect();
        assert_eq!(added, expected, "{date}");
        assert_eq!(table.to_text(), text, "{date}: rows go back to their places");
    }
}

// --------------------------------------------------------------------------------------------
// The merge on a small table: new rows, duplicates, conflicts, products outside the table.

const SMALL: &str = "\
# a comment stays
product\tbuild\tkb\trelease_date\tos_build_with_revision\tkind\tqualifies_for_acs\tsource_url
Windows Server 2019\t17763\tKB5005625\t2021-09-21\t17763.2213\tpreview (non-security)\tfirst\thttps://example.test/a
Windows Server 2019\t17763\tKB5094123\t2026-06-09\t17763.8880\tmonthly security update (LCU)\tyes\thttps://example.test/a
Windows Server 2012 R2 / Windows 8.1\t9600\tKB5006714\t2021-10-12\t\tmonthly rollup\tfirst\thttps://example.test/b
Windows Server 2022\t20348\tKB5094128\t2026-06-09\t20348.5256\tmonthly security update (LCU)\tyes\thttps://example.test/c
";

#[test]
fn merge_adds_new_rows_in_place_and_keeps_duplicates() {
    let mut table = Table::parse(SMALL).unwrap();
    let docs = [read("cvrf-2026-Jun.xml"), read("CVE_KB_Mapping_2026-Jul.json")];
    let (derivation, merge) = refresh(&mut table, &docs, &products(), &[]);
    assert_eq!(merge.conflicts, Vec::<String>::new());
    // June's 2019 and 2022 updates are already there; the rest is new.
    assert_eq!(merge.duplicates, 2);
    let added: Vec<(u32, u32, String)> = merge.added.iter().map(|r| (r.build, r.kb, r.qualifies.clone())).collect();
    assert!(added.contains(&(17763, 5099538, "yes".into())), "{added:?}");
    assert!(added.contains(&(9600, 5094041, "yes".into())), "{added:?}");
    // Builds the table has no rows for get none: there is no product label to give them.
    assert!(merge.added.iter().all(|r| [17763, 9600, 20348].contains(&r.build)));
    assert!(merge.outside.iter().any(|o| o.contains("build 14393")), "{:?}", merge.outside);
    // Product names outside the table (Windows 11, Server 2025) are counted and left out.
    assert!(derivation.outside.keys().any(|n| n.starts_with("Windows 11")), "{:?}", derivation.outside);
    assert!(derivation.outside.contains_key("Windows Server 2025"));
    let text = table.to_text();
    assert!(text.starts_with("# a comment stays\n"));
    let lines: Vec<&str> = text.lines().collect();
    let at = |kb: &str| lines.iter().position(|l| l.contains(kb)).unwrap();
    // In the build's block, in date order, with the build's label, the source and the kind.
    assert_eq!(at("KB5099538"), at("KB5094123") + 1);
    assert_eq!(at("KB5094041"), at("KB5006714") + 1);
    assert!(lines[at("KB5099538")].starts_with("Windows Server 2019\t17763\tKB5099538\t2026-07-14\t17763.9020\tmonthly security update (LCU)\tyes\thttps://github.com/ZentrixLabs/"));
    assert!(lines[at("KB5094041")].starts_with(
        "Windows Server 2012 R2 / Windows 8.1\t9600\tKB5094041\t2026-06-09\t9600.23228\tmonthly rollup\tyes\t"
    ));
    // Merging again changes nothing.
    let again = refresh(&mut table, &docs, &products(), &[]).1;
    assert!(again.added.is_empty() && again.conflicts.is_empty());
    assert_eq!(table.to_text(), text);
}

#[test]
fn a_disagreement_changes_nothing_unless_it_is_known() {
    let wrong = SMALL.replace("KB5094123\t2026-06-09\t17763.8880", "KB5094123\t2026-06-10\t17763.8880");
    let mut table = Table::parse(&wrong).unwrap();
    let docs = [read("cvrf-2026-Jun.xml")];
    let (_, merge) = refresh(&mut table, &docs, &products(), &[]);
    assert_eq!(merge.conflicts.len(), 1, "{:?}", merge.conflicts);
    assert!(merge.conflicts[0].contains("KB5094123") && merge.conflicts[0].contains("2026-06-10"));
    assert!(merge.added.is_empty(), "with a conflict nothing is added");
    assert_eq!(table.to_text(), wrong);

    let known = parse_known_differences(
        "build\tkb\ttable\tdocuments\texplanation\n17763\tKB5094123\t2026-06-10\t2026-06-09\ta test\n",
    )
    .unwrap();
    let (_, merge) = refresh(&mut table, &docs, &products(), &known);
    assert!(merge.conflicts.is_empty());
    assert_eq!(merge.known.len(), 1);
    assert!(table.to_text().contains("KB5094123\t2026-06-10"), "the table row is kept");
    assert!(!merge.added.is_empty());
}

#[test]
fn the_kinds_and_dates_the_documents_tell() {
    let d = xtask::derive::derive(&all_documents(), &products(), &committed().known());
    let row =
        |build, kb| d.rows.iter().find(|r| r.build == build && r.kb == kb).unwrap_or_else(|| panic!("{build} KB{kb}"));
    // Out of band, dated by the revision of its vulnerability that added it.
    assert_eq!((row(7601, 5061196).kind, row(7601, 5061196).date.to_string()), (Kind::OutOfBand, "2025-05-15".into()));
    assert_eq!(
        (row(14393, 5070882).kind, row(14393, 5070882).date.to_string()),
        (Kind::OutOfBand, "2025-10-23".into())
    );
    // Server 2008 SP2's fixed builds say 6003: ordered by it, no revision in the table's 6002 rows.
    assert_eq!((row(6002, 5066874).kind, row(6002, 5066874).revision), (Kind::MonthlyRollup, None));
    assert_eq!(row(6002, 5066877).kind, Kind::SecurityOnly);
    // The revised 2026-May document lists June's update for Windows 10 22H2: it stays June's.
    assert_eq!(row(19045, 5094127).date.to_string(), "2026-06-09");
    assert_eq!(row(19045, 5087544).date.to_string(), "2026-05-12");
    // A "Security Update" of an NT 6.x build is not guessed (it was added by hand, see acs-updates.tsv).
    assert!(d.rows.iter().all(|r| r.kb != 5070886 && r.kb != 5061195));
}

// --------------------------------------------------------------------------------------------
// The command itself.

fn run(args: &[&str]) -> (i32, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

fn temp(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-refresh-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("acs-updates.tsv");
    std::fs::write(&p, text).unwrap();
    p
}

fn arg(file: &str) -> String {
    let (_, url) = manifest().into_iter().find(|(f, _)| f == file).unwrap();
    format!("{}={url}", fixtures().join(file).display())
}

#[test]
fn the_command_writes_only_without_conflicts() {
    let doc = arg("CVE_KB_Mapping_2026-Jul.json");
    // A conflict: exit status 1, the file untouched.
    let wrong = SMALL.replace("KB5094123\t2026-06-09", "KB5094123\t2026-06-01");
    let p = temp("conflict", &wrong);
    let (code, out) = run(&["refresh-updates", "--table", p.to_str().unwrap(), &arg("cvrf-2026-Jun.xml"), &doc]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("CONFLICT: build 17763 KB5094123"), "{out}");
    assert_eq!(std::fs::read_to_string(&p).unwrap(), wrong);
    // A dry run writes nothing; a run writes the new rows.
    let p = temp("ok", SMALL);
    let (code, out) = run(&["refresh-updates", "--dry-run", "--table", p.to_str().unwrap(), &doc]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("+ Windows Server 2019\t17763\tKB5099538"), "{out}");
    assert_eq!(std::fs::read_to_string(&p).unwrap(), SMALL);
    let (code, out) = run(&["refresh-updates", "--table", p.to_str().unwrap(), &doc]);
    assert_eq!(code, 0, "{out}");
    assert!(std::fs::read_to_string(&p).unwrap().contains("KB5099538\t2026-07-14"));
    // Bad input is a clear error.
    let (code, out) =
        run(&["refresh-updates", "--table", p.to_str().unwrap(), "/nonexistent/CVE_KB_Mapping_2026-Sep.json"]);
    assert_eq!(code, 2);
    assert!(out.contains("/nonexistent/CVE_KB_Mapping_2026-Sep.json"), "{out}");
    let (code, _) = run(&["refresh-updates"]);
    assert_eq!(code, 2);
    let _ = std::fs::remove_dir_all(p.parent().unwrap_or(Path::new("/nonexistent")));
}
