//! An officer's jurisdiction: the region (a province `61` or a regency
//! `61.03`) whose reports a regional coordinator or supervisor sees, counts
//! and acts on. A national account has none.

/// Whether the region `code` (of any level) lies in the region `area`.
pub fn within(area: &str, code: &str) -> bool {
    code == area || code.strip_prefix(area).is_some_and(|rest| rest.starts_with('.'))
}

/// Whether a jurisdiction may be this code: a province or a regency.
pub fn is_jurisdiction_code(code: &str) -> bool {
    let parts: Vec<&str> = code.split('.').collect();
    matches!(parts.len(), 1 | 2) && parts.iter().all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_region_lies_in_itself_and_its_parents_only() {
        assert!(within("61", "61"));
        assert!(within("61", "61.03"));
        assert!(within("61", "61.03.01.2001"));
        assert!(within("61.03", "61.03.05"));
        assert!(!within("61.03", "61.09"));
        assert!(!within("61.03", "61"));
        assert!(!within("6", "61.03"), "a code is matched by whole parts");
        assert!(!within("61.0", "61.03"));
    }

    #[test]
    fn a_jurisdiction_is_a_province_or_a_regency() {
        assert!(is_jurisdiction_code("61"));
        assert!(is_jurisdiction_code("61.03"));
        assert!(!is_jurisdiction_code("61.03.01"));
        assert!(!is_jurisdiction_code("6"));
        assert!(!is_jurisdiction_code("61."));
        assert!(!is_jurisdiction_code(""));
    }
}
