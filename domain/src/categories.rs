//! Complaint categories as a superadmin manages them (`/api/v1/admin/categories`,
//! the console's `/admin/kategori`): added, renamed, retired, never deleted.

use crate::validation::{FieldErrors, FieldIssue};
use serde::{Deserialize, Serialize};

/// The longest category name, in characters.
pub const CATEGORY_NAME_MAX: usize = 80;

/// One category with how many reports have it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryEntry {
    pub id: i64,
    pub name: String,
    /// Refused for new reports and classifications; its reports keep it.
    pub retired: bool,
    pub reports: i64,
}

/// `POST /api/v1/admin/categories` (new: `retired` ignored) and `PUT …/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryForm {
    /// 1–80 characters once trimmed, not another category's.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[\s\S]{0,78}[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
    pub name: String,
    #[serde(default)]
    pub retired: bool,
}

impl CategoryForm {
    pub fn check(&self) -> FieldErrors {
        let mut errs = FieldErrors::default();
        let name = self.name.trim();
        if name.is_empty() {
            errs.add("name", FieldIssue::Required);
        } else if name.chars().count() > CATEGORY_NAME_MAX {
            errs.add("name", FieldIssue::TooLong { max: CATEGORY_NAME_MAX });
        }
        errs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_category_needs_a_short_name() {
        assert!(CategoryForm { name: "Transportasi".into(), retired: false }.check().is_empty());
        assert_eq!(CategoryForm { name: "  ".into(), retired: false }.check().0["name"], vec![FieldIssue::Required]);
        assert!(CategoryForm { name: "x".repeat(81), retired: false }.check().0.contains_key("name"));
    }
}
