//! Agencies as administrators manage them (`/api/v1/admin/agencies`, the
//! console's `/admin/instansi`): name, level, region, the categories they
//! handle, active or not; their team (a liaison and operators) and workload;
//! and whether the liaison approves the operators' follow-ups first.

use crate::api::{AgencyLevel, RegionRef};
use crate::validation::{FieldErrors, FieldIssue};
use crate::Lang;
use serde::{Deserialize, Serialize};

/// The longest agency name, in characters.
pub const AGENCY_NAME_MAX: usize = 160;

/// An agency admin's place in the agency's team.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TeamRole {
    /// Penghubung: answers for the agency, approves the operators' drafts.
    #[default]
    Liaison,
    /// Operator: works the reports; drafts follow-ups where the agency
    /// has them approved.
    Operator,
}

impl TeamRole {
    pub const ALL: [TeamRole; 2] = [TeamRole::Liaison, TeamRole::Operator];

    pub fn as_str(self) -> &'static str {
        match self {
            TeamRole::Liaison => "liaison",
            TeamRole::Operator => "operator",
        }
    }

    pub fn parse(s: &str) -> Option<TeamRole> {
        TeamRole::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            TeamRole::Liaison => lang.pick("Penghubung", "Liaison"),
            TeamRole::Operator => lang.pick("Operator", "Operator"),
        }
    }
}

/// One member of an agency's team.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamMember {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub team_role: TeamRole,
    pub active: bool,
}

/// One agency with its team and workload.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgencyEntry {
    pub id: i64,
    pub name: String,
    pub level: AgencyLevel,
    /// None for a national agency.
    pub region: Option<RegionRef>,
    pub category_ids: Vec<i64>,
    /// An inactive agency gets no new dispositions; its reports stay.
    pub active: bool,
    /// The operators' follow-ups reach the reporter only once the liaison approves them.
    pub review_followups: bool,
    pub team: Vec<TeamMember>,
    /// Reports with the agency now and not finished (forwarded, answered).
    pub open: i64,
    /// Of those, past their deadline.
    pub late: i64,
}

/// `POST /api/v1/admin/agencies` and `PUT …/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgencyForm {
    /// 1–160 characters once trimmed.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[\s\S]{0,158}[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = AgencyLevel))]
    pub level: Option<AgencyLevel>,
    /// The code of a known region at the agency's level (`61` for
    /// `provinsi`, `61.09` for `kabupaten`, …), in the caller's
    /// jurisdiction; empty for a national (`pusat`) agency.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true, pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{4})?)?)?)?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
    pub region_code: String,
    /// At least one category of `GET /api/v1/categories`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true, min_items = 1))]
    pub category_ids: Vec<i64>,
    #[serde(default = "yes")]
    pub active: bool,
    #[serde(default)]
    pub review_followups: bool,
}

fn yes() -> bool {
    true
}

/// How many parts a region code has at each level (`61.09.01` has 3).
pub fn region_depth(level: AgencyLevel) -> usize {
    match level {
        AgencyLevel::Pusat => 0,
        AgencyLevel::Provinsi => 1,
        AgencyLevel::Kabupaten => 2,
        AgencyLevel::Kecamatan => 3,
        AgencyLevel::Desa => 4,
    }
}

impl AgencyForm {
    /// What the form and the server refuse before looking anything up: a
    /// name, a level, and a region code as deep as the level.
    pub fn check(&self) -> FieldErrors {
        let mut errs = FieldErrors::default();
        let name = self.name.trim();
        if name.is_empty() {
            errs.add("name", FieldIssue::Required);
        } else if name.chars().count() > AGENCY_NAME_MAX {
            errs.add("name", FieldIssue::TooLong { max: AGENCY_NAME_MAX });
        }
        match self.level {
            None => errs.add("level", FieldIssue::Required),
            Some(level) => {
                let code = self.region_code.trim();
                let depth = if code.is_empty() { 0 } else { code.split('.').count() };
                if depth != region_depth(level) {
                    errs.add("region_code", if code.is_empty() { FieldIssue::Required } else { FieldIssue::RegionMismatch });
                }
            }
        }
        if self.category_ids.is_empty() {
            errs.add("category_ids", FieldIssue::Required);
        }
        errs
    }
}

/// An operator's follow-up waiting for (or decided by) the liaison.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DraftState {
    Pending,
    /// Sent to the reporter as the agency's follow-up.
    Approved,
    /// Back to the operator with the liaison's note.
    Returned,
    /// A newer draft took its place.
    Replaced,
}

impl DraftState {
    pub const ALL: [DraftState; 4] = [DraftState::Pending, DraftState::Approved, DraftState::Returned, DraftState::Replaced];

    pub fn as_str(self) -> &'static str {
        match self {
            DraftState::Pending => "pending",
            DraftState::Approved => "approved",
            DraftState::Returned => "returned",
            DraftState::Replaced => "replaced",
        }
    }

    pub fn parse(s: &str) -> Option<DraftState> {
        DraftState::ALL.into_iter().find(|d| d.as_str() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            DraftState::Pending => lang.pick("Menunggu persetujuan penghubung", "Waiting for the liaison's approval"),
            DraftState::Approved => lang.pick("Disetujui dan dikirim", "Approved and sent"),
            DraftState::Returned => lang.pick("Dikembalikan ke operator", "Returned to the operator"),
            DraftState::Replaced => lang.pick("Diganti draf baru", "Replaced by a newer draft"),
        }
    }
}

/// A follow-up drafted by an operator, as the agency and coordinators see it
/// on the report (never the reporter nor the public).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowupDraft {
    pub id: i64,
    pub author: String,
    pub message: String,
    /// Unix seconds.
    pub created_at: i64,
    pub state: DraftState,
    pub decided_by: Option<String>,
    pub decision_note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_agency_needs_a_name_a_level_a_region_as_deep_as_it_and_categories() {
        let form = |level, code: &str| AgencyForm {
            name: "Dinas Perhubungan".into(),
            level: Some(level),
            region_code: code.into(),
            category_ids: vec![1],
            active: true,
            review_followups: false,
        };
        assert!(form(AgencyLevel::Kabupaten, "61.09").check().is_empty());
        assert!(form(AgencyLevel::Pusat, "").check().is_empty());
        assert_eq!(form(AgencyLevel::Kabupaten, "61").check().get("region_code"), Some(&FieldIssue::RegionMismatch));
        assert_eq!(form(AgencyLevel::Provinsi, "").check().get("region_code"), Some(&FieldIssue::Required));
        let mut f = form(AgencyLevel::Desa, "61.09.01.2001");
        assert!(f.check().is_empty());
        f.category_ids.clear();
        f.name = " ".into();
        let errs = f.check();
        assert_eq!((errs.get("name"), errs.get("category_ids")), (Some(&FieldIssue::Required), Some(&FieldIssue::Required)));
        assert_eq!(TeamRole::parse("operator"), Some(TeamRole::Operator));
    }
}
