//! From the documents' remediations to one row per (build, KB): when each update was released and
//! what it is.
//!
//! A monthly document lists, for each vulnerability and product, the update that fixes it. Most of a
//! product's entries name the month's cumulative update; some name older ones (a vulnerability whose
//! fix came earlier), some name updates released after the document (Microsoft revises old
//! documents: in the July 2026 copy of 2026-May, Windows 10 22H2 lists the June update), and a few name
//! an out-of-band release of that month. The month's update is told apart by these rules, applied
//! month by month in date order, per build and update line (cumulative / security-only / hotpatch):
//!
//! 1. it is not the update of an earlier month, by these rules or by the table;
//! 2. its revision is higher than every revision already dated on its line (revisions only grow);
//! 3. it does not supersede another update listed as prominently (rule 4) in the same month's
//!    documents that is not of an earlier month (that one is the month's, and this one later); the
//!    table's release dates count here, so a single new month's document is read right;
//! 4. it is listed for at least half as many vulnerabilities as the build's most-listed update in the
//!    document (the month's update is listed for nearly all of them; stray ones for a few);
//! 5. of those, the most-listed one (then the lowest revision) is the month's update, released on the
//!    document's release date.
//!
//! An update of the cumulative line that is never a month's update, and whose revision lies between
//! its month's update and the next month's, is an out-of-band release of that month; its date is the
//! first revision date of its vulnerabilities after the month's release (the revision that added it).
//! Without such a date it is reported, not guessed.
//!
//! What cannot be derived is reported as a note: a kind the sub-type does not tell (a "Security
//! Update" for Windows Server 2012 is cumulative or not depending on the release), a product name whose
//! fixed build names another build, an out-of-band release without a date.

use std::collections::{BTreeMap, BTreeSet};

use crate::date::{Date, MonthId};
use crate::products::{base_name, parse_fixed_build, Products};
use crate::source::{Document, SourceKind};

/// The kinds of `acs-updates.tsv` that the documents can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Lcu,
    MonthlyRollup,
    SecurityOnly,
    Hotpatch,
    OutOfBand,
}

impl Kind {
    /// The `kind` column's words.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Lcu => "monthly security update (LCU)",
            Kind::MonthlyRollup => "monthly rollup",
            Kind::SecurityOnly => "security-only",
            Kind::Hotpatch => "hotpatch (security-only, no restart)",
            Kind::OutOfBand => "out-of-band",
        }
    }
}

/// An update line: revisions grow along it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Line {
    /// Cumulative: LCUs and out-of-band releases (Windows 10 and later), monthly rollups (NT 6.x).
    Main,
    SecurityOnly,
    Hotpatch,
}

/// A row the table already has (for [`derive`]'s use of the table, see there).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub build: u32,
    pub kb: u32,
    pub date: Date,
    pub revision: Option<u32>,
    /// The `kind` column.
    pub kind: String,
}

impl Known {
    fn line(&self) -> Line {
        if self.kind == Kind::Hotpatch.as_str() {
            Line::Hotpatch
        } else if self.kind == Kind::SecurityOnly.as_str() {
            Line::SecurityOnly
        } else {
            Line::Main
        }
    }
}

/// One derived update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Derived {
    pub build: u32,
    pub kb: u32,
    pub date: Date,
    /// The revision (UBR) it produces, when the document's fixed build is of this very build.
    pub revision: Option<u32>,
    pub kind: Kind,
    /// The document it was derived from (Microsoft's CVRF when it lists the update, else the feed).
    pub source: String,
    pub month: MonthId,
}

#[derive(Debug, Default)]
pub struct Derivation {
    /// By build, then date.
    pub rows: Vec<Derived>,
    pub notes: Vec<String>,
    /// Product names outside the table, with how many remediations named them.
    pub outside: BTreeMap<String, usize>,
}

/// What the month's documents say about one (build, line, KB).
#[derive(Debug, Clone)]
struct Obs {
    build: u32,
    line: Line,
    kb: u32,
    /// For ordering: the fixed build's revision (also for Server 2008, whose fixed builds say 6003).
    order: u32,
    /// For the table: only when the fixed build is the table's build.
    revision: Option<u32>,
    cves: BTreeSet<String>,
    supersedes: BTreeSet<u32>,
    later_revisions: BTreeSet<Date>,
    /// (kind, url), Microsoft's CVRF first.
    sources: BTreeSet<(SourceKind, String)>,
}

struct Month {
    id: MonthId,
    date: Date,
    obs: BTreeMap<(u32, Line, u32), Obs>,
}

enum LineError {
    /// A kind the documents cannot tell for this build: reported.
    Unclear(String),
    /// Another kind of update (IE cumulative, servicing stack, standalone …): counted.
    Other(String),
}

fn line_of(subtype: Option<&str>, build: u32) -> Result<Line, LineError> {
    let nt6 = build < 10240;
    let s: String = subtype.unwrap_or("Security Update").chars().filter(|c| !c.is_whitespace()).collect();
    let s = s.to_ascii_lowercase();
    match s.as_str() {
        "securityupdate" if !nt6 => Ok(Line::Main),
        "monthlyrollup" if nt6 => Ok(Line::Main),
        "securityonly" if nt6 => Ok(Line::SecurityOnly),
        _ if s.contains("hotpatch") && !nt6 => Ok(Line::Hotpatch),
        "securityupdate" => Err(LineError::Unclear(
            "a \"Security Update\" for an NT 6.x build may be a rollup or a standalone fix".into(),
        )),
        "securityonly" => {
            Err(LineError::Unclear("\"Security Only\" for a build serviced by cumulative updates".into()))
        }
        _ => Err(LineError::Other(subtype.unwrap_or("").to_string())),
    }
}

/// Derives the rows the documents support. `documents` may come in any order and may mix CVRF
/// documents and feed files; those of the same month are read together. `known` holds the table's
/// rows: an update the table dates in an earlier month is not that document's (rules 1 and 3), and one
/// it dates after the document's month is not an out-of-band release of that month, nor is anything
/// at or above the revision of the table's next release. Otherwise every row is derived from the
/// documents alone, so that it can be compared with the table's.
pub fn derive(documents: &[Document], products: &Products, known: &[Known]) -> Derivation {
    let mut known_kb: BTreeMap<u32, Date> = BTreeMap::new();
    let mut known_at: BTreeMap<(u32, u32), Date> = BTreeMap::new();
    for k in known {
        let d = known_kb.entry(k.kb).or_insert(k.date);
        *d = (*d).min(k.date);
        let d = known_at.entry((k.build, k.kb)).or_insert(k.date);
        *d = (*d).min(k.date);
    }
    let mut out = Derivation::default();
    let mut months: BTreeMap<MonthId, Month> = BTreeMap::new();
    let mut other_subtypes: BTreeMap<String, usize> = BTreeMap::new();
    for doc in documents {
        let month =
            months.entry(doc.month).or_insert_with(|| Month { id: doc.month, date: doc.date, obs: BTreeMap::new() });
        if doc.date != month.date {
            // The CVRF document's own date wins over the feed's computed Patch Tuesday.
            out.notes.push(format!(
                "{}: release dates {} and {} in two documents; {} used",
                doc.month,
                month.date,
                doc.date,
                if doc.kind == SourceKind::Cvrf { doc.date } else { month.date }
            ));
            if doc.kind == SourceKind::Cvrf {
                month.date = doc.date;
            }
        }
        for r in &doc.remediations {
            let Some(p) = products.find(&r.product) else {
                *out.outside.entry(r.product.clone()).or_default() += 1;
                continue;
            };
            let base = base_name(&r.product);
            let line = match line_of(r.subtype.as_deref(), p.build) {
                Ok(l) => l,
                Err(LineError::Other(subtype)) => {
                    *other_subtypes.entry(subtype).or_default() += 1;
                    continue;
                }
                Err(LineError::Unclear(why)) => {
                    out.notes
                        .push(format!("{}: KB{} for {base} (build {}): not derived: {why}", doc.month, r.kb, p.build));
                    continue;
                }
            };
            let fixed = parse_fixed_build(&r.fixed_build).filter(|(b, _)| p.fixed_builds.contains(b));
            let Some((fixed, order)) = fixed else {
                out.notes.push(format!(
                    "{}: KB{} for {base} (build {}): fixed build {:?} is not of this build; ignored",
                    doc.month, r.kb, p.build, r.fixed_build
                ));
                continue;
            };
            let o = month.obs.entry((p.build, line, r.kb)).or_insert_with(|| Obs {
                build: p.build,
                line,
                kb: r.kb,
                order,
                revision: (fixed == p.build).then_some(order),
                cves: BTreeSet::new(),
                supersedes: BTreeSet::new(),
                later_revisions: BTreeSet::new(),
                sources: BTreeSet::new(),
            });
            if o.order != order {
                out.notes.push(format!(
                    "{}: KB{} for build {} has revisions {} and {} in the documents; {} kept",
                    doc.month, r.kb, p.build, o.order, order, o.order
                ));
            }
            o.cves.insert(r.cve.clone());
            o.supersedes.extend(r.supersedes.filter(|s| *s != r.kb));
            o.later_revisions.extend(r.later_revisions.iter().copied());
            o.sources.insert((doc.kind, doc.url.clone()));
        }
    }
    if !other_subtypes.is_empty() {
        let list: Vec<String> = other_subtypes.iter().map(|(k, n)| format!("{k:?} ({n})")).collect();
        out.notes.push(format!("other kinds of updates of the table's products, ignored: {}", list.join(", ")));
    }
    let mut months: Vec<Month> = months.into_values().collect();
    months.sort_by_key(|m| (m.date, m.id));
    dedup_notes(&mut out.notes);

    // Pass 1: each month's update per (build, line).
    let mut dated: BTreeMap<(u32, u32), Derived> = BTreeMap::new();
    let mut last_order: BTreeMap<(u32, Line), u32> = BTreeMap::new();
    let mut primary: BTreeMap<(usize, u32, Line), u32> = BTreeMap::new();
    for (mi, m) in months.iter().enumerate() {
        let mut top: BTreeMap<u32, usize> = BTreeMap::new();
        for o in m.obs.values() {
            let t = top.entry(o.build).or_default();
            *t = (*t).max(o.cves.len());
        }
        // Rule 3: KBs listed as prominently as a month's update (rule 4) that are not of an earlier
        // month. (An earlier month's update still listed for a few vulnerabilities does not count.)
        let earlier: BTreeSet<u32> = dated.values().map(|d| d.kb).collect();
        let undated: BTreeSet<u32> = m
            .obs
            .values()
            .filter(|o| 2 * o.cves.len() >= top[&o.build])
            .map(|o| o.kb)
            .filter(|kb| !earlier.contains(kb) && known_kb.get(kb).is_none_or(|d| MonthId::of(*d) >= m.id))
            .collect();
        let mut groups: BTreeMap<(u32, Line), Vec<&Obs>> = BTreeMap::new();
        for o in m.obs.values() {
            groups.entry((o.build, o.line)).or_default().push(o);
        }
        for ((build, line), obs) in groups {
            let floor = last_order.get(&(build, line)).copied().unwrap_or(0);
            let candidates: Vec<&Obs> = obs
                .into_iter()
                .filter(|o| !dated.contains_key(&(build, o.kb)))
                // The table's update of an earlier month (a disagreement within the month is reported).
                .filter(|o| known_at.get(&(build, o.kb)).is_none_or(|d| MonthId::of(*d) >= m.id))
                .filter(|o| o.order > floor)
                .filter(|o| !o.supersedes.iter().any(|s| undated.contains(s)))
                .filter(|o| 2 * o.cves.len() >= top[&build])
                .collect();
            let Some(most) = candidates.iter().map(|o| o.cves.len()).max() else { continue };
            let mut best: Vec<&&Obs> = candidates.iter().filter(|o| o.cves.len() == most).collect();
            best.sort_by_key(|o| o.order);
            if best.len() > 1 && best[0].order == best[1].order {
                out.notes.push(format!(
                    "{}: build {build}: KB{} and KB{} equally likely the month's update; neither derived",
                    m.id, best[0].kb, best[1].kb
                ));
                continue;
            }
            let o = best[0];
            let nt6 = build < 10240;
            let kind = match line {
                Line::Main if nt6 => Kind::MonthlyRollup,
                Line::Main => Kind::Lcu,
                Line::SecurityOnly => Kind::SecurityOnly,
                Line::Hotpatch => Kind::Hotpatch,
            };
            dated.insert((build, o.kb), row(o, m, m.date, kind));
            last_order.insert((build, line), o.order);
            primary.insert((mi, build, line), o.order);
        }
    }

    // Pass 2: out-of-band releases of the cumulative line.
    for (mi, m) in months.iter().enumerate() {
        // The next release: the next month's documents, or the next Patch Tuesday.
        let next_date = months.get(mi + 1).map(|n| n.date).unwrap_or_else(|| next_month(m.id).patch_tuesday());
        for o in m.obs.values() {
            if dated.contains_key(&(o.build, o.kb)) || known_at.get(&(o.build, o.kb)).is_some_and(|d| *d >= next_date) {
                continue;
            }
            let Some(&month_order) = primary.get(&(mi, o.build, o.line)) else { continue };
            let next_order = (mi + 1..months.len())
                .find_map(|j| primary.get(&(j, o.build, o.line)).copied())
                .into_iter()
                .chain(
                    known
                        .iter()
                        .filter(|k| k.build == o.build && k.line() == o.line && k.date >= next_date)
                        .filter_map(|k| k.revision),
                )
                .min();
            if o.order <= month_order || next_order.is_some_and(|n| o.order >= n) {
                continue; // an older update, or a later month's
            }
            if o.line != Line::Main {
                out.notes.push(format!(
                    "{}: build {}: KB{} looks like an out-of-band {} release; not derived (only cumulative ones are)",
                    m.id,
                    o.build,
                    o.kb,
                    if o.line == Line::Hotpatch { "hotpatch" } else { "security-only" }
                ));
                continue;
            }
            match o.later_revisions.iter().find(|d| **d < next_date) {
                Some(&date) => {
                    dated.insert((o.build, o.kb), row(o, m, date, Kind::OutOfBand));
                }
                None => out.notes.push(format!(
                    "{}: build {}: KB{} (revision {}) was released out of band, but no document dates it; add it by hand with a source",
                    m.id, o.build, o.kb, o.order
                )),
            }
        }
    }
    dedup_notes(&mut out.notes);

    out.rows = dated.into_values().collect();
    out.rows.sort_by_key(|r| (r.build, r.date, r.revision, r.kb));
    out
}

fn next_month(m: MonthId) -> MonthId {
    if m.month == 12 {
        MonthId { year: m.year + 1, month: 1 }
    } else {
        MonthId { year: m.year, month: m.month + 1 }
    }
}

fn row(o: &Obs, m: &Month, date: Date, kind: Kind) -> Derived {
    let source = o.sources.iter().next().map(|(_, u)| u.clone()).unwrap_or_default();
    Derived { build: o.build, kb: o.kb, date, revision: o.revision, kind, source, month: m.id }
}

fn dedup_notes(notes: &mut Vec<String>) {
    let mut seen = BTreeSet::new();
    notes.retain(|n| seen.insert(n.clone()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Remediation;

    fn products() -> Products {
        Products::parse(
            "name\tbuild\tfixed_builds\tsource\nWindows Server 2019\t17763\t17763\tC\nWindows Server 2012 R2\t9600\t9600\tC\nWindows Server 2022\t20348\t20348\tC\n",
        )
        .unwrap()
    }

    fn rem(
        product: &str,
        kb: u32,
        subtype: &str,
        build: &str,
        sup: Option<u32>,
        cve: u32,
        later: &[&str],
    ) -> Remediation {
        Remediation {
            product: product.into(),
            kb,
            subtype: Some(subtype.into()),
            fixed_build: build.into(),
            supersedes: sup,
            cve: format!("CVE-2026-{cve}"),
            later_revisions: later.iter().map(|d| Date::parse(d).unwrap()).collect(),
        }
    }

    fn doc(month: &str, date: &str, rems: Vec<Remediation>) -> Document {
        Document {
            kind: SourceKind::Cvrf,
            month: MonthId::parse(month).unwrap(),
            date: Date::parse(date).unwrap(),
            url: format!("https://example.test/{month}"),
            remediations: rems,
        }
    }

    /// Ten vulnerabilities fixed by one update, for one product.
    fn many(product: &str, kb: u32, subtype: &str, build: &str, sup: Option<u32>, from: u32) -> Vec<Remediation> {
        (from..from + 10).map(|c| rem(product, kb, subtype, build, sup, c, &[])).collect()
    }

    fn summary(d: &Derivation) -> Vec<(u32, u32, String, Option<u32>, Kind)> {
        d.rows.iter().map(|r| (r.build, r.kb, r.date.to_string(), r.revision, r.kind)).collect()
    }

    #[test]
    fn the_months_update_out_of_band_releases_and_strays() {
        let s19 = "Windows Server 2019";
        // June: the June LCU, plus one vulnerability still pointing at May's and a stray July one.
        let mut june = many(s19, 5094123, "Security Update", "10.0.17763.8880", Some(5087538), 0);
        june.push(rem(s19, 5087538, "Security Update", "10.0.17763.8755", None, 50, &[]));
        june.push(rem(s19, 5099538, "Security Update", "10.0.17763.9020", Some(5094123), 51, &["2026-07-14"]));
        // An out-of-band release, added to one vulnerability by its revision of 2026-06-20.
        june.push(rem(s19, 5099000, "Security Update", "10.0.17763.8885", None, 52, &["2026-06-20", "2026-07-01"]));
        let july = many(s19, 5099538, "Security Update", "10.0.17763.9020", Some(5094123), 100);
        let d = derive(&[doc("2026-Jul", "2026-07-14", july), doc("2026-Jun", "2026-06-09", june)], &products(), &[]);
        assert_eq!(
            summary(&d),
            vec![
                (17763, 5094123, "2026-06-09".into(), Some(8880), Kind::Lcu),
                (17763, 5099000, "2026-06-20".into(), Some(8885), Kind::OutOfBand),
                (17763, 5099538, "2026-07-14".into(), Some(9020), Kind::Lcu),
            ]
        );
        // May's update is not dated from June's document (it was not June's).
        assert!(d.rows.iter().all(|r| r.kb != 5087538));
    }

    #[test]
    fn a_revised_document_listing_only_a_later_update() {
        // 2026-May as revised in July: every entry of one product names June's update, which supersedes
        // May's (listed for another product of the same document).
        let p = Products::parse(
            "name\tbuild\tfixed_builds\tsource\nWindows 10 Version 21H2\t19044\t19044\tC\nWindows 10 Version 22H2\t19045\t19045\tC\n",
        )
        .unwrap();
        let mut may = many(
            "Windows 10 Version 21H2 for x64-based Systems",
            5087544,
            "Security Update",
            "10.0.19044.7291",
            Some(5082200),
            0,
        );
        may.extend(many(
            "Windows 10 Version 22H2 for x64-based Systems",
            5094127,
            "Security Update",
            "10.0.19045.7417",
            Some(5087544),
            0,
        ));
        let june = many(
            "Windows 10 Version 22H2 for x64-based Systems",
            5094127,
            "Security Update",
            "10.0.19045.7417",
            Some(5087544),
            20,
        );
        let d = derive(&[doc("2026-May", "2026-05-12", may), doc("2026-Jun", "2026-06-09", june)], &p, &[]);
        assert_eq!(
            summary(&d),
            vec![
                (19044, 5087544, "2026-05-12".into(), Some(7291), Kind::Lcu),
                (19045, 5094127, "2026-06-09".into(), Some(7417), Kind::Lcu),
            ]
        );
    }

    #[test]
    fn nt6_lines_and_kinds_that_cannot_be_told() {
        let r2 = "Windows Server 2012 R2";
        let mut oct = many(r2, 5066873, "Monthly Rollup", "6.3.9600.22824", Some(5065507), 0);
        // The WSUS fix of 2025-10-23: "Security Update" for an NT 6.x build.
        oct.push(rem(r2, 5070886, "Security Update", "6.3.9600.22826", None, 99, &["2025-10-23"]));
        oct.push(rem(r2, 5066840, "IE Cumulative", "1.000", None, 98, &[]));
        let d = derive(&[doc("2025-Oct", "2025-10-14", oct)], &products(), &[]);
        assert_eq!(summary(&d), vec![(9600, 5066873, "2025-10-14".into(), Some(22824), Kind::MonthlyRollup)]);
        assert!(
            d.notes.iter().any(|n| n.contains("KB5070886") && n.contains("may be a rollup or a standalone")),
            "{:#?}",
            d.notes
        );
    }

    #[test]
    fn a_stray_hotpatch_in_a_baseline_month_is_not_that_months() {
        let s22 = "Windows Server 2022";
        let mut oct = many(s22, 5044281, "Security Update", "10.0.20348.2762", Some(5042881), 0);
        oct.push(rem(s22, 5046698, "SecurityHotpatchUpdate", "10.0.20348.2819", None, 90, &[]));
        let mut nov = many(s22, 5046616, "Security Update", "10.0.20348.2849", Some(5044281), 20);
        nov.extend(many(s22, 5046698, "SecurityHotpatchUpdate", "10.0.20348.2819", None, 20));
        let d = derive(&[doc("2024-Oct", "2024-10-08", oct), doc("2024-Nov", "2024-11-12", nov)], &products(), &[]);
        assert_eq!(
            summary(&d),
            vec![
                (20348, 5044281, "2024-10-08".into(), Some(2762), Kind::Lcu),
                (20348, 5046698, "2024-11-12".into(), Some(2819), Kind::Hotpatch),
                (20348, 5046616, "2024-11-12".into(), Some(2849), Kind::Lcu),
            ]
        );
    }

    #[test]
    fn products_outside_the_table_and_mismatched_builds() {
        let mut rems = many("Windows Server 2019", 5120238, "Security Update", "10.0.17763.9121", None, 0);
        rems.push(rem("Windows Server 2025", 5120233, "Security Update", "10.0.26100.33296", None, 1, &[]));
        // Microsoft's data sometimes gives a product another build's fixed build: not trusted.
        rems.push(rem("Windows Server 2022", 5065429, "Security Update", "10.0.19044.6332", None, 2, &[]));
        let d = derive(&[doc("2026-Aug", "2026-08-11", rems)], &products(), &[]);
        assert_eq!(summary(&d), vec![(17763, 5120238, "2026-08-11".into(), Some(9121), Kind::Lcu)]);
        assert_eq!(d.outside.get("Windows Server 2025"), Some(&1));
        assert!(d.notes.iter().any(|n| n.contains("KB5065429") && n.contains("ignored")));
    }
}
