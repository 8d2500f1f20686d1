//! Which agency a report should go to: the agencies whose region holds the
//! report's place, ranked by the category they handle and the level of
//! government in charge (a regency road to the regency's public-works office,
//! a provincial road to the province's, a national road to the national
//! roads office). The coordinator still chooses; this only orders the list.

use crate::api::{Agency, AgencyLevel};
use crate::validation::region_is_under;

/// What the ranking knows of a report.
#[derive(Clone, Debug, Default)]
pub struct Place<'a> {
    pub category: Option<i64>,
    /// The report's finest region code (village, district or regency).
    pub region: &'a str,
}

/// Why an agency is suggested.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Fit {
    /// It handles the report's category.
    pub category: bool,
    /// It is of the level of government chosen.
    pub level: bool,
}

/// An agency in the ranking, with why it fits.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion<'a> {
    pub agency: &'a Agency,
    pub fit: Fit,
}

/// The level of government a report's words point to: a national
/// (`nasional`) or provincial (`provinsi`) road or matter, otherwise the
/// regency's. The coordinator may choose another.
pub fn level_hint(title: &str, body: &str) -> AgencyLevel {
    let text = format!("{title} {body}").to_lowercase();
    if text.contains("jalan nasional") || text.contains("jalan negara") || text.contains("jalan trans") {
        AgencyLevel::Pusat
    } else if text.contains("jalan provinsi") {
        AgencyLevel::Provinsi
    } else {
        AgencyLevel::Kabupaten
    }
}

/// Whether the agency's region holds the place (national agencies hold every place).
pub fn serves(agency: &Agency, region: &str) -> bool {
    agency.region_code.is_empty() || agency.region_code == region || region_is_under(region, &agency.region_code)
}

/// The agencies that serve the place and handle its category, best first:
/// those of the chosen level before the others, then by name. Without a
/// category nothing is suggested (the coordinator picks from the full list).
pub fn suggest<'a>(agencies: &'a [Agency], place: &Place<'_>, level: AgencyLevel) -> Vec<Suggestion<'a>> {
    let Some(category) = place.category else { return Vec::new() };
    let mut out: Vec<Suggestion<'a>> = agencies
        .iter()
        .filter(|a| serves(a, place.region) && a.category_ids.contains(&category))
        .map(|a| Suggestion { agency: a, fit: Fit { category: true, level: a.level == level } })
        .collect();
    out.sort_by(|x, y| y.fit.level.cmp(&x.fit.level).then_with(|| x.agency.name.cmp(&y.agency.name)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agency(id: i64, name: &str, level: AgencyLevel, region: &str, cats: &[i64]) -> Agency {
        Agency {
            id,
            name: name.into(),
            level,
            region_code: region.into(),
            region_name: String::new(),
            category_ids: cats.to_vec(),
        }
    }

    const ROAD: i64 = 8;
    const WATER: i64 = 6;

    fn agencies() -> Vec<Agency> {
        vec![
            agency(1, "Dinas PUPR Sekadau", AgencyLevel::Kabupaten, "61.09", &[ROAD, WATER]),
            agency(2, "Dinas PUPR Sanggau", AgencyLevel::Kabupaten, "61.03", &[ROAD]),
            agency(3, "Dinas PUPR Provinsi Kalbar", AgencyLevel::Provinsi, "61", &[ROAD]),
            agency(4, "BPJN Kalbar", AgencyLevel::Pusat, "", &[ROAD]),
            agency(5, "Dinas Kesehatan Sekadau", AgencyLevel::Kabupaten, "61.09", &[3]),
            agency(6, "Dinas PU Jawa Barat", AgencyLevel::Provinsi, "32", &[ROAD]),
        ]
    }

    fn ids(s: &[Suggestion<'_>]) -> Vec<i64> {
        s.iter().map(|s| s.agency.id).collect()
    }

    #[test]
    fn a_road_goes_to_the_level_in_charge_of_it() {
        let all = agencies();
        let place = Place { category: Some(ROAD), region: "61.09.01" };
        let regency = suggest(&all, &place, level_hint("Jalan desa rusak", "Jalan kabupaten di Sekadau Hilir berlubang"));
        assert_eq!(ids(&regency), [1, 4, 3], "the regency's office first; never Sanggau's or Jawa Barat's");
        assert!(regency[0].fit.level && !regency[1].fit.level);
        let province = suggest(&all, &place, level_hint("Jalan provinsi Sekadau–Sintang putus", ""));
        assert_eq!(ids(&province)[0], 3);
        let national = suggest(&all, &place, level_hint("Lubang di jalan nasional", ""));
        assert_eq!(ids(&national)[0], 4);
    }

    #[test]
    fn only_agencies_handling_the_category_are_suggested() {
        let all = agencies();
        assert_eq!(ids(&suggest(&all, &Place { category: Some(WATER), region: "61.09" }, AgencyLevel::Kabupaten)), [1]);
        assert!(suggest(&all, &Place { category: None, region: "61.09" }, AgencyLevel::Kabupaten).is_empty());
        assert!(suggest(&all, &Place { category: Some(99), region: "61.09" }, AgencyLevel::Kabupaten).is_empty());
    }

    #[test]
    fn a_region_serves_only_the_places_inside_it() {
        let all = agencies();
        assert!(serves(&all[0], "61.09"));
        assert!(serves(&all[0], "61.09.01.2001"));
        assert!(!serves(&all[0], "61.091"));
        assert!(!serves(&all[1], "61.09.01"));
        assert!(serves(&all[3], "11.01"));
    }
}
