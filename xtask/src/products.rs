//! MSRC product names → the builds of `core/data/acs-updates.tsv` (`xtask/data/msrc-products.tsv`).

use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductRow {
    pub name: String,
    pub build: u32,
    pub fixed_builds: Vec<u32>,
}

#[derive(Debug, Clone, Default)]
pub struct Products {
    rows: Vec<ProductRow>,
}

/// The name without " (Server Core installation)" and without the architecture (" for x64-based
/// Systems Service Pack 1"): "Windows Server 2008 R2 for x64-based Systems Service Pack 1" → "Windows Server 2008 R2".
pub fn base_name(name: &str) -> &str {
    let n = name.trim();
    let n = n.strip_suffix("(Server Core installation)").map(str::trim_end).unwrap_or(n);
    match n.find(" for ") {
        Some(i) => n[..i].trim_end(),
        None => n,
    }
}

/// `10.0.17763.9121` / `17763.9121` / `6.3.9600.23228` → (build, revision).
pub fn parse_fixed_build(s: &str) -> Option<(u32, u32)> {
    let parts: Vec<u32> = s.trim().split('.').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    match parts.as_slice() {
        [_, _, build, rev] | [build, rev] => Some((*build, *rev)),
        _ => None,
    }
}

impl Products {
    pub fn parse(text: &str) -> Result<Products, String> {
        let mut rows = Vec::new();
        let mut header = false;
        for (i, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cells: Vec<&str> = line.split('\t').collect();
            if cells.len() != 4 {
                return Err(format!("line {}: expected 4 tab-separated cells", i + 1));
            }
            if !header {
                header = true;
                continue;
            }
            let build = cells[1].parse().map_err(|_| format!("line {}: bad build {:?}", i + 1, cells[1]))?;
            let fixed_builds = cells[2]
                .split(' ')
                .map(|b| b.parse().map_err(|_| format!("line {}: bad fixed build {b:?}", i + 1)))
                .collect::<Result<Vec<u32>, String>>()?;
            rows.push(ProductRow { name: cells[0].to_string(), build, fixed_builds });
        }
        Ok(Products { rows })
    }

    pub fn load(path: &Path) -> Result<Products, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Products::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The table's product row for a document's product name, if the table tracks it.
    pub fn find(&self, product: &str) -> Option<&ProductRow> {
        let base = base_name(product);
        self.rows.iter().find(|r| r.name.eq_ignore_ascii_case(base))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_architecture_and_installation_kind() {
        assert_eq!(
            base_name("Windows Server 2008 R2 for x64-based Systems Service Pack 1 (Server Core installation)"),
            "Windows Server 2008 R2"
        );
        assert_eq!(base_name("Windows 10 Version 22H2 for ARM64-based Systems"), "Windows 10 Version 22H2");
        assert_eq!(
            base_name("Windows Server 2022, 23H2 Edition (Server Core installation)"),
            "Windows Server 2022, 23H2 Edition"
        );
        assert_eq!(base_name("Windows Server 2019"), "Windows Server 2019");
    }

    #[test]
    fn fixed_builds() {
        assert_eq!(parse_fixed_build("10.0.17763.9121"), Some((17763, 9121)));
        assert_eq!(parse_fixed_build("19045.7663"), Some((19045, 7663)));
        assert_eq!(parse_fixed_build("6.0.6003.23571"), Some((6003, 23571)));
        // .NET and IE entries: not a build; "1.000" reads as build 1, which no product has.
        for bad in ["", "4.8.4801.0 & 3.0", "2.0.50727.8984 & 3.0.30729.8980", "10.0.x.1", "10.0.17763"] {
            assert_eq!(parse_fixed_build(bad), None, "{bad}");
        }
        assert_eq!(parse_fixed_build("1.000"), Some((1, 0)));
    }

    #[test]
    fn the_data_file_maps_the_names_of_both_sources() {
        let p = Products::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data/msrc-products.tsv")).unwrap();
        assert_eq!(p.find("Windows Server 2012 R2 (Server Core installation)").map(|r| r.build), Some(9600));
        assert_eq!(p.find("Windows 10 for x64-based Systems").map(|r| r.build), Some(10240));
        assert_eq!(p.find("Windows 10 Version 21H2").map(|r| r.build), Some(19044));
        assert_eq!(
            p.find("windows server 2008 for 32-bit Systems Service Pack 2").map(|r| r.fixed_builds.clone()),
            Some(vec![6002, 6003])
        );
        for outside in [
            "Windows 11 Version 24H2 for x64-based Systems",
            "Windows Server 2025",
            "Windows Server 2022, 23H2 Edition (Server Core installation)",
            "Microsoft .NET Framework 4.8 on Windows Server 2012 R2",
        ] {
            assert!(p.find(outside).is_none(), "{outside}");
        }
    }
}
