//! The official region codes (province → regency → district → village),
//! embedded and indexed in memory at start-up; read-only.

use crate::csv;
use domain::api::RegionRef;
use std::collections::HashMap;

const PROVINCES: &str = include_str!("../../data/wilayah/provinces.csv");
const REGENCIES: &str = include_str!("../../data/wilayah/regencies.csv");
const DISTRICTS: &str = include_str!("../../data/wilayah/districts.csv");
const VILLAGES: &str = include_str!("../../data/wilayah/villages.csv");

struct Region {
    name: String,
    parent: Option<String>,
}

#[derive(Default)]
pub struct Regions {
    by_code: HashMap<String, Region>,
    children: HashMap<String, Vec<String>>,
    provinces: Vec<String>,
}

impl Regions {
    pub fn load() -> Regions {
        let mut r = Regions::default();
        for row in csv::rows(PROVINCES) {
            if let [code, name, ..] = row.as_slice() {
                r.provinces.push(code.clone());
                r.by_code.insert(code.clone(), Region { name: name.clone(), parent: None });
            }
        }
        for text in [REGENCIES, DISTRICTS, VILLAGES] {
            for row in csv::rows(text) {
                if let [code, parent, name, ..] = row.as_slice() {
                    r.children.entry(parent.clone()).or_default().push(code.clone());
                    r.by_code.insert(code.clone(), Region { name: name.clone(), parent: Some(parent.clone()) });
                }
            }
        }
        r.provinces.sort();
        for v in r.children.values_mut() {
            v.sort();
        }
        r
    }

    pub fn exists(&self, code: &str) -> bool {
        self.by_code.contains_key(code)
    }

    pub fn name(&self, code: &str) -> Option<&str> {
        self.by_code.get(code).map(|r| r.name.as_str())
    }

    pub fn parent(&self, code: &str) -> Option<&str> {
        self.by_code.get(code).and_then(|r| r.parent.as_deref())
    }

    pub fn get(&self, code: &str) -> Option<RegionRef> {
        self.name(code).map(|name| RegionRef { code: code.to_string(), name: name.to_string() })
    }

    fn refs(&self, codes: &[String]) -> Vec<RegionRef> {
        codes.iter().filter_map(|c| self.get(c)).collect()
    }

    pub fn provinces(&self) -> Vec<RegionRef> {
        self.refs(&self.provinces)
    }

    /// The regions directly under `code`; `None` for an unknown code.
    pub fn children(&self, code: &str) -> Option<Vec<RegionRef>> {
        if !self.exists(code) {
            return None;
        }
        Some(self.children.get(code).map(|c| self.refs(c)).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_nests() {
        let r = Regions::load();
        assert_eq!(r.provinces().len(), 38);
        assert_eq!(r.name("61.09"), Some("Kabupaten Sekadau"));
        assert_eq!(r.parent("61.09.01"), Some("61.09"));
        assert!(r.children("61.09").unwrap().iter().any(|d| d.name == "Sekadau Hilir"));
        assert!(r.children("99.99").is_none());
    }
}
