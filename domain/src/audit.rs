//! The audit log (`GET /api/v1/admin/audit`): every officer action — signing
//! in (and failing to), every action on a report, every change to an account
//! — with who, when, on which report, and the values before and after. It is
//! only ever appended to; nothing in the product edits or deletes an entry.

use crate::api::Role;
use crate::events::EventKind;
use crate::Lang;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    SignIn,
    /// A wrong password, an unknown user name, or a locked one.
    SignInFailed,
    /// A user name locked after failed sign-ins in a row (it still signs
    /// in from a browser it has signed in on before).
    SignInLocked,
    SignOut,
    /// Every session of the account ended at once.
    SignOutEverywhere,
    PasswordChange,
    /// A wrong old password given to the password change (a few end the session).
    PasswordChangeFailed,
    Dispatch,
    RequestInfo,
    Archive,
    Return,
    Respond,
    Note,
    Flags,
    Classify,
    /// A socialization event's practice session opened or closed (closing
    /// deletes its practice reports).
    PracticeOpen,
    PracticeClose,
    /// An account created, changed (name, role, agency, jurisdiction, active)
    /// or given a temporary password, by an administrator.
    AccountCreate,
    AccountChange,
    PasswordReset,
    /// A category added, renamed, retired or brought back.
    CategoryChange,
    /// A holiday or collective-leave day added, renamed or removed (with the
    /// open deadlines it moved).
    HolidayChange,
    /// An agency created or changed (name, level, region, categories, active, approval).
    AgencyChange,
    /// An operator drafted a follow-up for the liaison.
    FollowupDraft,
    /// The liaison approved a draft (sent as the follow-up) or returned it.
    FollowupApprove,
    FollowupReturn,
    /// A report received by another channel (a letter, the counter, …)
    /// entered by a coordinator.
    ReportIntake,
}

impl AuditAction {
    pub const ALL: [AuditAction; 27] = [
        AuditAction::SignIn,
        AuditAction::SignInFailed,
        AuditAction::SignInLocked,
        AuditAction::SignOut,
        AuditAction::SignOutEverywhere,
        AuditAction::PasswordChange,
        AuditAction::PasswordChangeFailed,
        AuditAction::Dispatch,
        AuditAction::RequestInfo,
        AuditAction::Archive,
        AuditAction::Return,
        AuditAction::Respond,
        AuditAction::Note,
        AuditAction::Flags,
        AuditAction::Classify,
        AuditAction::PracticeOpen,
        AuditAction::PracticeClose,
        AuditAction::AccountCreate,
        AuditAction::AccountChange,
        AuditAction::PasswordReset,
        AuditAction::CategoryChange,
        AuditAction::HolidayChange,
        AuditAction::AgencyChange,
        AuditAction::FollowupDraft,
        AuditAction::FollowupApprove,
        AuditAction::FollowupReturn,
        AuditAction::ReportIntake,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::SignIn => "sign_in",
            AuditAction::SignInFailed => "sign_in_failed",
            AuditAction::SignInLocked => "sign_in_locked",
            AuditAction::SignOut => "sign_out",
            AuditAction::SignOutEverywhere => "sign_out_everywhere",
            AuditAction::PasswordChange => "password_change",
            AuditAction::PasswordChangeFailed => "password_change_failed",
            AuditAction::Dispatch => "dispatch",
            AuditAction::RequestInfo => "request_info",
            AuditAction::Archive => "archive",
            AuditAction::Return => "return",
            AuditAction::Respond => "respond",
            AuditAction::Note => "note",
            AuditAction::Flags => "flags",
            AuditAction::Classify => "classify",
            AuditAction::PracticeOpen => "practice_open",
            AuditAction::PracticeClose => "practice_close",
            AuditAction::AccountCreate => "account_create",
            AuditAction::AccountChange => "account_change",
            AuditAction::PasswordReset => "password_reset",
            AuditAction::CategoryChange => "category_change",
            AuditAction::HolidayChange => "holiday_change",
            AuditAction::AgencyChange => "agency_change",
            AuditAction::FollowupDraft => "followup_draft",
            AuditAction::FollowupApprove => "followup_approve",
            AuditAction::FollowupReturn => "followup_return",
            AuditAction::ReportIntake => "report_intake",
        }
    }

    pub fn parse(s: &str) -> Option<AuditAction> {
        AuditAction::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// The audit entry of an officer's event on a report (none for the
    /// reporter's and the system's own events).
    pub fn of_event(kind: EventKind) -> Option<AuditAction> {
        Some(match kind {
            EventKind::Dispatch => AuditAction::Dispatch,
            EventKind::RequestInfo => AuditAction::RequestInfo,
            EventKind::Archive => AuditAction::Archive,
            EventKind::Return => AuditAction::Return,
            EventKind::Respond => AuditAction::Respond,
            EventKind::Note => AuditAction::Note,
            EventKind::Flags => AuditAction::Flags,
            EventKind::Classify => AuditAction::Classify,
            EventKind::Submitted | EventKind::SupplyInfo | EventKind::Close | EventKind::Reopen => return None,
        })
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let (id, en) = match self {
            AuditAction::SignIn => ("Masuk", "Signed in"),
            AuditAction::SignInFailed => ("Gagal masuk", "Failed sign-in"),
            AuditAction::SignInLocked => ("Nama pengguna dikunci", "User name locked"),
            AuditAction::SignOut => ("Keluar", "Signed out"),
            AuditAction::SignOutEverywhere => ("Keluar dari semua sesi", "Signed out everywhere"),
            AuditAction::PasswordChange => ("Ganti kata sandi", "Password changed"),
            AuditAction::PasswordChangeFailed => ("Kata sandi lama salah", "Wrong old password"),
            AuditAction::Dispatch => ("Disposisi", "Forwarded"),
            AuditAction::RequestInfo => ("Minta dilengkapi", "Asked for more"),
            AuditAction::Archive => ("Arsipkan", "Archived"),
            AuditAction::Return => ("Kembalikan (bukan wewenang)", "Returned"),
            AuditAction::Respond => ("Tindak lanjut", "Followed up"),
            AuditAction::Note => ("Catatan internal", "Internal note"),
            AuditAction::Flags => ("Tandai anonim/rahasia", "Flags set"),
            AuditAction::Classify => ("Ubah klasifikasi", "Classification changed"),
            AuditAction::PracticeOpen => ("Buka sesi latihan", "Practice session opened"),
            AuditAction::PracticeClose => ("Tutup sesi latihan", "Practice session closed"),
            AuditAction::AccountCreate => ("Buat akun", "Account created"),
            AuditAction::AccountChange => ("Ubah akun", "Account changed"),
            AuditAction::PasswordReset => ("Atur ulang kata sandi", "Password reset"),
            AuditAction::CategoryChange => ("Ubah kategori", "Category changed"),
            AuditAction::HolidayChange => ("Ubah hari libur", "Holiday changed"),
            AuditAction::AgencyChange => ("Ubah instansi", "Agency changed"),
            AuditAction::FollowupDraft => ("Draf tindak lanjut", "Follow-up drafted"),
            AuditAction::FollowupApprove => ("Draf disetujui", "Draft approved"),
            AuditAction::FollowupReturn => ("Draf dikembalikan", "Draft returned"),
            AuditAction::ReportIntake => ("Catat laporan dari saluran lain", "Report entered from another channel"),
        };
        lang.pick(id, en)
    }
}

/// A value an action changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AuditField {
    /// A `Status` API name.
    Status,
    /// The agency's name.
    Agency,
    /// The category's name.
    Category,
    /// A `FollowupClass` API name.
    FollowupClass,
    /// A `Maladministration` API name.
    Maladministration,
    /// An `ArchiveReason` API name.
    ArchiveReason,
    /// The tracking number of the original report.
    DuplicateOf,
    /// `true` or `false`.
    Anonymous,
    /// `true` or `false`.
    Confidential,
    /// `YYYY-MM-DD`.
    DueDate,
    /// How many files were posted.
    Attachments,
    /// How many sessions were open.
    Sessions,
    /// The user name of the account an administrator created or changed.
    Account,
    DisplayName,
    /// A `Role` API name.
    Role,
    /// A region code.
    Jurisdiction,
    /// `true` or `false`.
    Active,
    /// A day off: `YYYY-MM-DD name`.
    Holiday,
    /// A `HolidayKind` API name.
    HolidayKind,
    /// How many open reports' deadlines moved.
    DeadlinesMoved,
    /// An `AgencyLevel` API name.
    Level,
    /// A region code.
    Region,
    /// Category ids, comma-separated.
    Categories,
    /// `true` or `false`: the liaison approves the operators' follow-ups.
    ReviewFollowups,
    /// A `TeamRole` API name.
    TeamRole,
    /// A follow-up's text.
    Message,
    /// A `Channel` API name.
    Channel,
    /// `YYYY-MM-DD`: the day a report from another channel was received.
    ReceivedDate,
    /// Failed sign-ins (or wrong old passwords) in a row.
    Failures,
    /// How long a user name is locked, in minutes.
    LockMinutes,
}

impl AuditField {
    pub fn label(self, lang: Lang) -> &'static str {
        let (id, en) = match self {
            AuditField::Status => ("Status", "Status"),
            AuditField::Agency => ("Instansi", "Agency"),
            AuditField::Category => ("Kategori", "Category"),
            AuditField::FollowupClass => ("Batas tindak lanjut", "Follow-up time"),
            AuditField::Maladministration => ("Maladministrasi", "Maladministration"),
            AuditField::ArchiveReason => ("Alasan arsip", "Archive reason"),
            AuditField::DuplicateOf => ("Duplikat dari", "Duplicate of"),
            AuditField::Anonymous => ("Anonim", "Anonymous"),
            AuditField::Confidential => ("Rahasia", "Confidential"),
            AuditField::DueDate => ("Batas waktu", "Due date"),
            AuditField::Attachments => ("Lampiran", "Attachments"),
            AuditField::Sessions => ("Sesi", "Sessions"),
            AuditField::Account => ("Akun", "Account"),
            AuditField::DisplayName => ("Nama", "Name"),
            AuditField::Role => ("Peran", "Role"),
            AuditField::Jurisdiction => ("Wilayah kerja", "Jurisdiction"),
            AuditField::Active => ("Aktif", "Active"),
            AuditField::Holiday => ("Hari libur", "Holiday"),
            AuditField::HolidayKind => ("Jenis libur", "Kind of day off"),
            AuditField::DeadlinesMoved => ("Tenggat yang bergeser", "Deadlines moved"),
            AuditField::Level => ("Tingkat", "Level"),
            AuditField::Region => ("Wilayah", "Region"),
            AuditField::Categories => ("Kategori ditangani", "Categories handled"),
            AuditField::ReviewFollowups => ("Persetujuan penghubung", "Liaison's approval"),
            AuditField::TeamRole => ("Peran di tim", "Team role"),
            AuditField::Message => ("Isi", "Text"),
            AuditField::Channel => ("Saluran", "Channel"),
            AuditField::ReceivedDate => ("Tanggal diterima", "Received on"),
            AuditField::Failures => ("Gagal berturut-turut", "Failures in a row"),
            AuditField::LockMinutes => ("Dikunci (menit)", "Locked (minutes)"),
        };
        lang.pick(id, en)
    }
}

/// One value before and after (`None`: none).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditChange {
    pub field: AuditField,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl AuditChange {
    /// A change, or `None` when the value stayed the same.
    pub fn of(field: AuditField, before: Option<String>, after: Option<String>) -> Option<AuditChange> {
        (before != after).then_some(AuditChange { field, before, after })
    }
}

/// One line of the audit log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    /// Unix seconds.
    pub at: i64,
    /// The account's user name (for a failed sign-in: the name typed).
    pub username: String,
    /// The account's display name; `None` for a failed sign-in.
    pub display_name: Option<String>,
    pub role: Option<Role>,
    /// The acting officer's agency, if any.
    pub agency: Option<String>,
    pub action: AuditAction,
    pub report_id: Option<i64>,
    pub tracking_number: Option<String>,
    pub changes: Vec<AuditChange>,
}

/// `GET /api/v1/admin/audit` query string; every field optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct AuditQuery {
    /// A user name (exact, any case).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(inline))]
    pub action: Option<AuditAction>,
    /// A report's tracking number (with or without dashes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:(?:[ .\u00a0-]*(?:[0-9][ .\u00a0-]*){12})[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*)?$", format = "tracking-number"))]
    pub report: Option<String>,
    /// First day, `YYYY-MM-DD` (WIB).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:(?:[0-9]{4}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*)?$"))]
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD` (WIB).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:(?:[0-9]{4}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*)?$"))]
    pub to: Option<String>,
    /// The `next` cursor of the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[+-]?[0-9]{1,18})?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
    pub after: Option<String>,
    /// Page size, 1–200 (default 50; other numbers are taken as the nearest).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>, minimum = 0, maximum = 4294967295.0))]
    pub limit: Option<u32>,
}

impl AuditQuery {
    pub fn page_size(&self) -> u32 {
        self.limit.unwrap_or(50).clamp(1, 200)
    }

    /// The query string's fields, empty ones left out.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        [
            ("user", self.user.clone()),
            ("action", self.action.map(|a| a.as_str().to_string())),
            ("report", self.report.clone()),
            ("from", self.from.clone()),
            ("to", self.to.clone()),
            ("after", self.after.clone()),
            ("limit", self.limit.map(|l| l.to_string())),
        ]
        .into_iter()
        .filter_map(|(k, v)| Some((k, v?.trim().to_string())).filter(|(_, v)| !v.is_empty()))
        .collect()
    }

    /// A query from its fields as an address gives them; anything unreadable is left out.
    pub fn from_pairs(get: impl Fn(&str) -> Option<String>) -> AuditQuery {
        let s = |k: &str| get(k).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        AuditQuery {
            user: s("user"),
            action: s("action").and_then(|a| AuditAction::parse(&a)),
            report: s("report"),
            from: s("from"),
            to: s("to"),
            after: s("after"),
            limit: s("limit").and_then(|l| l.parse().ok()),
        }
    }
}

/// One page of the audit log, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditPage {
    pub items: Vec<AuditEntry>,
    pub next: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_round_trip_and_officer_events_are_audited() {
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::parse(a.as_str()), Some(a));
            assert_eq!(serde_json::to_string(&a).unwrap(), format!("\"{}\"", a.as_str()));
        }
        assert_eq!(AuditAction::of_event(EventKind::Dispatch), Some(AuditAction::Dispatch));
        assert_eq!(AuditAction::of_event(EventKind::SupplyInfo), None, "the reporter's own events are not officer actions");
        assert!(AuditChange::of(AuditField::Status, Some("a".into()), Some("a".into())).is_none());
    }
}
