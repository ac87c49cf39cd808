//! Reading Microsoft's monthly update data.
//!
//! Two formats, both machine-readable:
//! - the MSRC Security Update Guide CVRF documents, `https://api.msrc.microsoft.com/cvrf/v3.0/cvrf/<YYYY-Mon>`,
//!   as JSON (`Accept: application/json`) or as XML (the API's default answer). Each vulnerability lists
//!   its remediations; a "Vendor Fix" names a KB, its sub-type ("Security Update", "Monthly Rollup",
//!   "Security Only", "Security Hotpatch Update", …), the fixed build, the KB it supersedes and the
//!   products (by product id; the product tree names them).
//! - the `ZentrixLabs/windows-version-feed` files `CVE_KB_Mapping_<YYYY-Mon>.json`, derived from the same
//!   CVRF data: per CVE, per product, the KB and the fixed build.
//!
//! A reader only collects what the documents say; deciding what each KB is happens in [`crate::derive`].

use crate::date::{Date, MonthId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SourceKind {
    /// An MSRC CVRF document (Microsoft's own data).
    Cvrf,
    /// A `windows-version-feed` monthly file (derived from the CVRF data by a third party).
    Feed,
}

/// One "Vendor Fix" remediation for one product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remediation {
    /// The product's full name as the document gives it ("Windows Server 2019 (Server Core installation)").
    pub product: String,
    /// The KB number.
    pub kb: u32,
    /// The sub-type; the feed has none (it keeps security updates and hotpatches only).
    pub subtype: Option<String>,
    /// As given: `10.0.17763.9121`, `17763.9121`, `6.3.9600.23228`.
    pub fixed_build: String,
    /// The KB this one supersedes, when the document says.
    pub supersedes: Option<u32>,
    pub cve: String,
    /// Dates of the vulnerability's revisions later than the document's release date: an update added
    /// after the release (out of band) appears with one of them.
    pub later_revisions: Vec<Date>,
}

/// One monthly document, reduced to its remediations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub kind: SourceKind,
    pub month: MonthId,
    /// The release date of the month's updates: the CVRF document's initial release date, or the
    /// month's second Tuesday for the feed (which gives no dates).
    pub date: Date,
    /// Where the document came from, recorded as the source of each row derived from it.
    pub url: String,
    pub remediations: Vec<Remediation>,
}

/// The URL recorded when none is given: where the maintainer downloads the document.
pub fn default_url(kind: SourceKind, month: MonthId, file_name: &str) -> String {
    match kind {
        SourceKind::Cvrf => format!("https://api.msrc.microsoft.com/cvrf/v3.0/cvrf/{month}"),
        SourceKind::Feed => format!("https://github.com/ZentrixLabs/windows-version-feed/blob/main/{file_name}"),
    }
}

/// Reads a document of any of the three forms, told apart by its first character. `file_name` names
/// the feed's month (`CVE_KB_Mapping_2026-Aug.json`); `url` overrides [`default_url`].
pub fn read(bytes: &[u8], file_name: &str, url: Option<&str>) -> Result<Document, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("{file_name}: not UTF-8 text ({e})"))?;
    let text = text.trim_start_matches('\u{feff}');
    let mut doc = match text.trim_start().chars().next() {
        Some('<') => read_cvrf_xml(text),
        Some('{') => read_cvrf_json(text),
        Some('[') => read_feed(text, file_name),
        _ => Err("neither a CVRF document (JSON or XML) nor a windows-version-feed file".to_string()),
    }
    .map_err(|e| format!("{file_name}: {e}"))?;
    doc.url = match url {
        Some(u) => u.to_string(),
        None => default_url(doc.kind, doc.month, file_name),
    };
    Ok(doc)
}

/// A KB number from `5120238`, `KB5120238` or `kb 5120238`; `None` for anything else ("Release Notes").
pub fn kb_number(s: &str) -> Option<u32> {
    let s = s.trim();
    let digits = s.strip_prefix("KB").or_else(|| s.strip_prefix("kb")).unwrap_or(s).trim();
    (!digits.is_empty() && digits.len() <= 9 && digits.bytes().all(|c| c.is_ascii_digit()))
        .then(|| digits.parse().ok())?
}

fn later(dates: &[Date], release: Date) -> Vec<Date> {
    let mut v: Vec<Date> = dates.iter().copied().filter(|d| *d > release).collect();
    v.sort();
    v.dedup();
    v
}

// ---------------------------------------------------------------------------------------------
// CVRF, JSON

fn value_str(v: &serde_json::Value) -> Option<&str> {
    // CVRF JSON wraps most texts as {"Value": "…"}; ids and dates are plain strings.
    v.as_str().or_else(|| v.get("Value").and_then(|x| x.as_str()))
}

fn read_cvrf_json(text: &str) -> Result<Document, String> {
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("not valid JSON ({e})"))?;
    let tracking = v.get("DocumentTracking").ok_or("no DocumentTracking: not a CVRF document")?;
    let id = tracking
        .get("Identification")
        .and_then(|i| i.get("ID"))
        .and_then(value_str)
        .ok_or("no DocumentTracking.Identification.ID")?;
    let month = MonthId::parse(id).ok_or_else(|| format!("document id {id:?} is not YYYY-Mon"))?;
    let date = tracking
        .get("InitialReleaseDate")
        .and_then(|d| d.as_str())
        .and_then(Date::parse)
        .ok_or("no valid DocumentTracking.InitialReleaseDate")?;

    let mut names = std::collections::HashMap::new();
    fn products<'a>(node: &'a serde_json::Value, names: &mut std::collections::HashMap<&'a str, &'a str>) {
        if let Some(list) = node.get("FullProductName").and_then(|l| l.as_array()) {
            for p in list {
                if let (Some(id), Some(name)) = (p.get("ProductID").and_then(|x| x.as_str()), value_str(p)) {
                    names.insert(id, name);
                }
            }
        }
        for b in node.get("Branch").and_then(|b| b.as_array()).into_iter().flatten() {
            products(b, names);
        }
    }
    products(v.get("ProductTree").ok_or("no ProductTree")?, &mut names);

    let mut remediations = Vec::new();
    for vuln in v.get("Vulnerability").and_then(|x| x.as_array()).into_iter().flatten() {
        let cve = vuln.get("CVE").and_then(|c| c.as_str()).unwrap_or("").to_string();
        let revisions: Vec<Date> = vuln
            .get("RevisionHistory")
            .and_then(|r| r.as_array())
            .into_iter()
            .flatten()
            .filter_map(|r| r.get("Date").and_then(|d| d.as_str()).and_then(Date::parse))
            .collect();
        for rem in vuln.get("Remediations").and_then(|r| r.as_array()).into_iter().flatten() {
            // CVRF remediation types: 2 = Vendor Fix (the JSON uses the number, the XML the name).
            let vendor_fix = match rem.get("Type") {
                Some(serde_json::Value::Number(n)) => n.as_u64() == Some(2),
                Some(serde_json::Value::String(s)) => s == "Vendor Fix",
                _ => false,
            };
            let Some(kb) = rem.get("Description").and_then(value_str).and_then(kb_number) else { continue };
            if !vendor_fix {
                continue;
            }
            let subtype = rem.get("SubType").and_then(|s| s.as_str()).map(str::to_string);
            let fixed_build = rem.get("FixedBuild").and_then(|s| s.as_str()).unwrap_or("").to_string();
            let supersedes = rem.get("Supercedence").and_then(value_str).and_then(first_kb);
            for pid in rem.get("ProductID").and_then(|p| p.as_array()).into_iter().flatten() {
                let Some(name) = pid.as_str().and_then(|id| names.get(id)) else { continue };
                remediations.push(Remediation {
                    product: name.to_string(),
                    kb,
                    subtype: subtype.clone(),
                    fixed_build: fixed_build.clone(),
                    supersedes,
                    cve: cve.clone(),
                    later_revisions: later(&revisions, date),
                });
            }
        }
    }
    Ok(Document { kind: SourceKind::Cvrf, month, date, url: String::new(), remediations })
}

/// `Supercedence` sometimes lists several KBs ("5034763; 5034122"): the first.
fn first_kb(s: &str) -> Option<u32> {
    s.split([',', ';', ' ']).find_map(kb_number)
}

// ---------------------------------------------------------------------------------------------
// CVRF, XML

// Element names are matched without their namespace: MSRC's documents use the CVRF 1.1 ones.
fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children().find(|c| c.tag_name().name() == name)
}

fn text_of<'a>(n: Option<roxmltree::Node<'a, '_>>) -> &'a str {
    n.and_then(|n| n.text()).map(str::trim).unwrap_or("")
}

fn read_cvrf_xml(text: &str) -> Result<Document, String> {
    let xml = roxmltree::Document::parse(text).map_err(|e| format!("not well-formed XML ({e})"))?;
    let root = xml.root_element();
    if root.tag_name().name() != "cvrfdoc" {
        return Err(format!("XML root <{}> is not a CVRF document", root.tag_name().name()));
    }
    let tracking = child(root, "DocumentTracking").ok_or("no DocumentTracking: not a CVRF document")?;
    let id = text_of(child(tracking, "Identification").and_then(|i| child(i, "ID")));
    let month = MonthId::parse(id).ok_or_else(|| format!("document id {id:?} is not YYYY-Mon"))?;
    let date = Date::parse(text_of(child(tracking, "InitialReleaseDate")))
        .ok_or("no valid DocumentTracking/InitialReleaseDate")?;

    let tree = child(root, "ProductTree").ok_or("no ProductTree")?;
    let names: std::collections::HashMap<&str, &str> = tree
        .descendants()
        .filter(|n| n.tag_name().name() == "FullProductName")
        .filter_map(|n| Some((n.attribute("ProductID")?, n.text()?.trim())))
        .collect();

    let mut remediations = Vec::new();
    for vuln in root.children().filter(|n| n.tag_name().name() == "Vulnerability") {
        let cve = text_of(child(vuln, "CVE")).to_string();
        let revisions: Vec<Date> = child(vuln, "RevisionHistory")
            .into_iter()
            .flat_map(|h| h.children())
            .filter_map(|r| Date::parse(text_of(child(r, "Date"))))
            .collect();
        let rems = child(vuln, "Remediations").into_iter().flat_map(|r| r.children());
        for rem in rems.filter(|r| r.tag_name().name() == "Remediation" && r.attribute("Type") == Some("Vendor Fix")) {
            let Some(kb) = kb_number(text_of(child(rem, "Description"))) else { continue };
            let subtype = child(rem, "SubType").map(|s| text_of(Some(s)).to_string());
            let fixed_build = text_of(child(rem, "FixedBuild")).to_string();
            let supersedes = first_kb(text_of(child(rem, "Supercedence")));
            for pid in rem.children().filter(|c| c.tag_name().name() == "ProductID") {
                let Some(name) = names.get(text_of(Some(pid))) else { continue };
                remediations.push(Remediation {
                    product: name.to_string(),
                    kb,
                    subtype: subtype.clone(),
                    fixed_build: fixed_build.clone(),
                    supersedes,
                    cve: cve.clone(),
                    later_revisions: later(&revisions, date),
                });
            }
        }
    }
    Ok(Document { kind: SourceKind::Cvrf, month, date, url: String::new(), remediations })
}

// ---------------------------------------------------------------------------------------------
// windows-version-feed

/// The month of a `CVE_KB_Mapping_<YYYY-Mon>.json` file name (with or without directories).
pub fn feed_month(file_name: &str) -> Option<MonthId> {
    let base = file_name.rsplit(['/', '\\']).next()?;
    MonthId::parse(base.strip_prefix("CVE_KB_Mapping_")?.strip_suffix(".json")?)
}

fn read_feed(text: &str, file_name: &str) -> Result<Document, String> {
    let month = feed_month(file_name).ok_or(
        "a windows-version-feed file must keep its name CVE_KB_Mapping_<YYYY-Mon>.json (the month is in the name only)",
    )?;
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("not valid JSON ({e})"))?;
    let entries = v.as_array().ok_or("not a JSON array")?;
    let mut remediations = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let cve = e.get("cve").and_then(|c| c.as_str()).ok_or_else(|| format!("entry {i}: no \"cve\""))?;
        let patches =
            e.get("patches").and_then(|p| p.as_array()).ok_or_else(|| format!("entry {i}: no \"patches\""))?;
        for p in patches {
            let field = |k: &str| p.get(k).and_then(|x| x.as_str());
            let (Some(os), Some(kb), Some(build)) = (field("os"), field("kb").and_then(kb_number), field("fixedBuild"))
            else {
                return Err(format!("entry {i} ({cve}): a patch without os, kb or fixedBuild"));
            };
            remediations.push(Remediation {
                product: os.to_string(),
                kb,
                subtype: None,
                fixed_build: build.to_string(),
                supersedes: None,
                cve: cve.to_string(),
                later_revisions: Vec::new(),
            });
        }
    }
    Ok(Document { kind: SourceKind::Feed, month, date: month.patch_tuesday(), url: String::new(), remediations })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kb_numbers() {
        assert_eq!(kb_number("5120238"), Some(5120238));
        assert_eq!(kb_number(" KB5120238 "), Some(5120238));
        assert_eq!(kb_number("Release Notes"), None);
        assert_eq!(kb_number(""), None);
        assert_eq!(kb_number("99999999999999"), None);
        assert_eq!(first_kb("5034763; 5034122"), Some(5034763));
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        for (bytes, name) in [
            (&b""[..], "empty.json"),
            (b"\xff\xfe<", "utf16.xml"),
            (b"{", "broken.json"),
            (b"{}", "empty-object.json"),
            (b"{\"DocumentTracking\":{\"Identification\":{\"ID\":{\"Value\":\"2026-13\"}}}}", "bad-id.json"),
            (b"<cvrfdoc>", "broken.xml"),
            (b"<html/>", "page.xml"),
            (b"[]", "no-month.json"),
            (b"[{\"cve\":\"CVE-1\"}]", "CVE_KB_Mapping_2026-Aug.json"),
            (b"[{\"cve\":\"CVE-1\",\"patches\":[{\"os\":\"Windows Server 2019\"}]}]", "CVE_KB_Mapping_2026-Aug.json"),
            (b"hello", "text.txt"),
        ] {
            let r = read(bytes, name, None);
            assert!(r.is_err(), "{name}: {r:?}");
            assert!(r.unwrap_err().starts_with(name));
        }
    }

    #[test]
    fn feed_month_comes_from_the_file_name() {
        assert_eq!(feed_month("a/b/CVE_KB_Mapping_2026-Aug.json").map(|m| m.to_string()), Some("2026-Aug".into()));
        assert_eq!(feed_month("CVE_KB_Mapping_current.json"), None);
        let d = read(b"[]", "CVE_KB_Mapping_2026-Aug.json", None).unwrap();
        assert_eq!((d.kind, d.date.to_string()), (SourceKind::Feed, "2026-08-11".to_string()));
        assert_eq!(d.url, "https://github.com/ZentrixLabs/windows-version-feed/blob/main/CVE_KB_Mapping_2026-Aug.json");
    }
}
