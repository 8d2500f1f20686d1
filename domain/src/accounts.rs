//! Officers' accounts as administrators manage them (`/api/v1/admin/users`,
//! the console's `/admin/pengguna`): the list, a new account, a change, a
//! temporary password; and the checks the form and the server share.

use crate::api::{RegionRef, Role};
use crate::validation::{FieldErrors, FieldIssue, NAME_MAX};
use serde::{Deserialize, Serialize};

/// The longest user name, in characters.
pub const USERNAME_MAX: usize = 64;

/// Where an account's password stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PasswordState {
    /// Chosen by its owner.
    Set,
    /// Given by an administrator: opens one session, which must change it.
    Temporary,
    /// A temporary password that has opened its one session.
    TemporaryUsed,
}

impl PasswordState {
    pub fn as_str(self) -> &'static str {
        match self {
            PasswordState::Set => "set",
            PasswordState::Temporary => "temporary",
            PasswordState::TemporaryUsed => "temporary_used",
        }
    }
    pub fn parse(s: &str) -> Option<PasswordState> {
        [PasswordState::Set, PasswordState::Temporary, PasswordState::TemporaryUsed].into_iter().find(|p| p.as_str() == s)
    }
}

/// An agency named by id and name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgencyName {
    pub id: i64,
    pub name: String,
}

/// One account in the list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Account {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub agency: Option<AgencyName>,
    /// An agency admin's place in the agency's team.
    #[serde(default)]
    pub team_role: Option<crate::agencies::TeamRole>,
    pub jurisdiction: Option<RegionRef>,
    pub active: bool,
    /// A temporary password not changed yet.
    pub must_change_password: bool,
    /// Unix seconds.
    pub created_at: i64,
}

/// `GET /api/v1/admin/users` query string.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct AccountQuery {
    /// Part of the user name or display name, any case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(inline))]
    pub role: Option<Role>,
}

/// The accounts an administrator manages (at most `ACCOUNTS_MAX`, by user name).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountList {
    pub items: Vec<Account>,
    /// More matched than are listed: search to narrow.
    pub truncated: bool,
}

pub const ACCOUNTS_MAX: u32 = 500;

/// `POST /api/v1/admin/users` (create) and `PUT /api/v1/admin/users/{id}`
/// (change; the user name is kept). `agency_id` only for an agency admin,
/// `jurisdiction` only for a coordinator or supervisor; otherwise ignored.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountForm {
    /// On a new account: 1–64 letters, digits, `-`, `_` or `.` once
    /// trimmed, not another account's. Ignored on a change.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true, pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[A-Za-z0-9._-]{1,64}[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
    pub username: String,
    /// 1–100 characters once trimmed.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[\s\S]{0,98}[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
    pub display_name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Role))]
    pub role: Option<Role>,
    /// Required for an agency admin (an agency of `GET /api/v1/admin/agencies`).
    #[serde(default)]
    pub agency_id: Option<i64>,
    /// An agency admin's place in its team (liaison if none).
    #[serde(default)]
    pub team_role: Option<crate::agencies::TeamRole>,
    /// A province (`61`) or regency (`61.03`) code; none: national. Read
    /// only for a coordinator or supervisor.
    #[serde(default)]
    pub jurisdiction: Option<String>,
    /// On a change: false deactivates (every session ends at once).
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

impl AccountForm {
    /// What the form and the server refuse before looking anything up
    /// (`creating`: the user name is checked too).
    pub fn check(&self, creating: bool) -> FieldErrors {
        let mut errs = FieldErrors::default();
        let username = self.username.trim();
        if creating {
            if username.is_empty() {
                errs.add("username", FieldIssue::Required);
            } else if username.chars().count() > USERNAME_MAX {
                errs.add("username", FieldIssue::TooLong { max: USERNAME_MAX });
            } else if !username.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)) {
                errs.add("username", FieldIssue::InvalidUsername);
            }
        }
        let name = self.display_name.trim();
        if name.is_empty() {
            errs.add("display_name", FieldIssue::Required);
        } else if name.chars().count() > NAME_MAX {
            errs.add("display_name", FieldIssue::TooLong { max: NAME_MAX });
        }
        match self.role {
            None => errs.add("role", FieldIssue::Required),
            Some(Role::AgencyAdmin) if self.agency_id.is_none() => errs.add("agency_id", FieldIssue::Required),
            Some(Role::Coordinator | Role::Supervisor) => {
                if let Some(j) = self.area() {
                    if !crate::jurisdiction::is_jurisdiction_code(j) {
                        errs.add("jurisdiction", FieldIssue::UnknownRegion);
                    }
                }
            }
            _ => {}
        }
        errs
    }

    /// The agency this role keeps.
    pub fn agency(&self) -> Option<i64> {
        self.agency_id.filter(|_| self.role == Some(Role::AgencyAdmin))
    }

    /// The team role this role keeps: an agency admin's, liaison if none given.
    pub fn team(&self) -> Option<crate::agencies::TeamRole> {
        (self.role == Some(Role::AgencyAdmin)).then(|| self.team_role.unwrap_or_default())
    }

    /// The jurisdiction this role keeps.
    pub fn area(&self) -> Option<&str> {
        self.jurisdiction
            .as_deref()
            .map(str::trim)
            .filter(|j| !j.is_empty() && matches!(self.role, Some(Role::Coordinator | Role::Supervisor)))
    }
}

/// A temporary password, shown once: the account must change it at its first sign-in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedPassword {
    pub account: Account,
    pub password: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(role: Option<Role>) -> AccountForm {
        AccountForm { username: "dinkes-1".into(), display_name: "Penghubung Dinkes".into(), role, active: true, ..Default::default() }
    }

    #[test]
    fn an_account_needs_a_name_a_role_and_for_an_agency_admin_an_agency() {
        assert!(form(Some(Role::Superadmin)).check(true).is_empty());
        assert!(form(None).check(true).0.contains_key("role"));
        assert!(form(Some(Role::AgencyAdmin)).check(true).0.contains_key("agency_id"));
        let bad = AccountForm { username: "dua kata".into(), display_name: " ".into(), ..form(Some(Role::Supervisor)) };
        let errs = bad.check(true);
        assert_eq!(errs.0["username"], vec![FieldIssue::InvalidUsername]);
        assert_eq!(errs.0["display_name"], vec![FieldIssue::Required]);
        assert!(bad.check(false).0.get("username").is_none(), "a change keeps the user name");
        let far = AccountForm { jurisdiction: Some("61.03.01".into()), ..form(Some(Role::Coordinator)) };
        assert!(far.check(true).0.contains_key("jurisdiction"));
    }

    #[test]
    fn a_role_keeps_only_what_belongs_to_it() {
        let f = AccountForm { agency_id: Some(3), jurisdiction: Some("61".into()), ..form(Some(Role::Coordinator)) };
        assert_eq!((f.agency(), f.area()), (None, Some("61")));
        let f = AccountForm { role: Some(Role::AgencyAdmin), ..f };
        assert_eq!((f.agency(), f.area()), (Some(3), None));
    }
}
