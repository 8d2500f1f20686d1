//! Request and response bodies of the JSON API under `/api/v1`.
//!
//! Times are Unix seconds (UTC); dates are `YYYY-MM-DD` strings in the
//! reporting region's local calendar; tracking numbers travel in canonical
//! form (12 digits) and access codes in canonical form (10 characters).

use crate::handling::{ArchiveReason, Maladministration};
use crate::{EventKind, FieldErrors, FollowupClass, Status, Transition};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    #[default]
    Pengaduan,
    Aspirasi,
    PermintaanInformasi,
}

impl ReportKind {
    pub const ALL: [ReportKind; 3] = [ReportKind::Pengaduan, ReportKind::Aspirasi, ReportKind::PermintaanInformasi];
    pub fn as_str(self) -> &'static str {
        match self {
            ReportKind::Pengaduan => "pengaduan",
            ReportKind::Aspirasi => "aspirasi",
            ReportKind::PermintaanInformasi => "permintaan_informasi",
        }
    }
    pub fn parse(s: &str) -> Option<ReportKind> {
        ReportKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Coordinator,
    AgencyAdmin,
    Supervisor,
    Superadmin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Coordinator => "coordinator",
            Role::AgencyAdmin => "agency_admin",
            Role::Supervisor => "supervisor",
            Role::Superadmin => "superadmin",
        }
    }
    pub fn parse(s: &str) -> Option<Role> {
        [Role::Coordinator, Role::AgencyAdmin, Role::Supervisor, Role::Superadmin].into_iter().find(|r| r.as_str() == s)
    }
}

/// `POST /api/v1/reports`: a citizen's new report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewReport {
    pub kind: ReportKind,
    /// 10–150 characters once whitespace at both ends is trimmed.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000][\s\S]{8,148}[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000][\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
    pub title: String,
    /// 50–5000 characters once trimmed.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000][\s\S]{48,4998}[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000][\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
    pub body: String,
    /// Required (not blank) for a complaint (`pengaduan`); a real calendar
    /// day `YYYY-MM-DD`, not after today (WIB).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:(?:[0-9]{4}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*)?$"))]
    pub incident_date: Option<String>,
    /// A province code from `GET /api/v1/regions/provinces`.
    #[cfg_attr(feature = "openapi", schema(pattern = "^[0-9]{2}$"))]
    pub province_code: String,
    /// A regency code of that province (`GET /api/v1/regions/{province}/children`).
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[0-9]{2}\.[0-9]{2}[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
    pub regency_code: String,
    /// Empty, or a district code of that regency.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^(?:[0-9]{2}\.[0-9]{2}\.[0-9]{2}[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*)?$"))]
    pub district_code: Option<String>,
    /// With a district: empty, or a village code of that district (without
    /// one it is ignored).
    #[serde(default)]
    pub village_code: Option<String>,
    /// At most 300 characters once trimmed.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[\s\S]{0,298}[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?)?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
    pub address: String,
    /// A category of `GET /api/v1/categories`.
    #[serde(default)]
    pub category_id: Option<i64>,
    /// An agency of `GET /api/v1/agencies`.
    #[serde(default)]
    pub target_agency_id: Option<i64>,
    #[serde(default)]
    pub anonymous: bool,
    #[serde(default)]
    pub confidential: bool,
    /// Required (not blank) unless `anonymous`; at most 100 characters once trimmed.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[\s\S]{0,98}[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?)?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
    pub reporter_name: String,
    /// Empty or a phone number: an optional `+`, then 8–15 digits, spaces,
    /// dashes and dots. Unless `anonymous`, a phone number or an e-mail
    /// address is required.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:\+?[ .-]*(?:[0-9][ .-]*){8,15})?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
    pub reporter_phone: String,
    /// Empty or an e-mail address (at most 254 bytes, no whitespace, a dot
    /// inside the domain).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[^@\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+@[^@.\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000][^@\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*\.[^@\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^@.\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
    pub reporter_email: String,
    /// Files uploaded before with `POST /api/v1/attachments` (at most 5), each
    /// with the upload's token: only the client that uploaded a file can
    /// attach it, and only to one report.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 5))]
    pub attachments: Vec<AttachmentClaim>,
    /// Client-generated random key, 32–100 letters, digits, `-` or `_`; a
    /// retry with the same key and the same body returns the first receipt.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[A-Za-z0-9_-]{32,100}$"))]
    pub idempotency_key: Option<String>,
    /// A practice report of an open socialization session: its join code.
    /// Kept apart from every real list and count, deleted when the session
    /// ends. 12 digits, the last a check digit (spaces, dashes and dots
    /// allowed), of a session open now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[ .\u00a0-]*(?:[0-9][ .\u00a0-]*){12}$"))]
    pub practice_code: Option<String>,
}

/// One uploaded file claimed for a new report: its id and the secret token
/// its upload answered with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AttachmentClaim {
    /// 64 hexadecimal digits.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[0-9a-fA-F]{64}[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
    pub id: String,
    /// The upload's token (at most 200 bytes).
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[\s\S]{0,198}[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
    pub token: String,
}

/// Answer to a new report: shown once to the reporter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SubmitReceipt {
    pub tracking_number: String,
    /// Secret; only its hash is stored, so it cannot be shown again.
    pub access_code: String,
    pub status: Status,
    pub created_at: i64,
    pub due_date: Option<String>,
}

/// `GET /api/v1/track/{number}`: what the number alone reveals, for a report that is not confidential.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PublicStatus {
    pub tracking_number: String,
    pub kind: ReportKind,
    pub status: Status,
    pub created_at: i64,
    pub updated_at: i64,
    pub due_date: Option<String>,
    pub overdue: bool,
    /// Working days (Monday–Friday minus holidays) from today to `due_date`:
    /// 0 on the last day, negative when overdue; `None` when no deadline runs.
    #[serde(default)]
    pub working_days_left: Option<i64>,
}

/// `POST /api/v1/track`: number plus code show the reporter everything.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TrackRequest {
    /// 12 digits, the last a check digit; spaces, dashes, dots allowed (`1234-5678-9012`).
    #[cfg_attr(feature = "openapi", schema(pattern = r"^(?:[ .\u00a0-]*(?:[0-9][ .\u00a0-]*){12})$", format = "tracking-number"))]
    pub tracking_number: String,
    /// 10 letters and digits from `23456789abcdefghjkmnpqrstuvwxyz` (any
    /// case); spaces, dashes and dots allowed (`abcde-fghjk`).
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[ .-]*(?:[2-9a-hjkmnp-zA-HJKMNP-Z][ .-]*){10}$"))]
    pub access_code: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RegionRef {
    pub code: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Category {
    pub id: i64,
    pub name: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AgencyLevel {
    Pusat,
    Provinsi,
    Kabupaten,
    Kecamatan,
    Desa,
}

impl AgencyLevel {
    pub const ALL: [AgencyLevel; 5] = [AgencyLevel::Pusat, AgencyLevel::Provinsi, AgencyLevel::Kabupaten, AgencyLevel::Kecamatan, AgencyLevel::Desa];

    pub fn as_str(self) -> &'static str {
        match self {
            AgencyLevel::Pusat => "pusat",
            AgencyLevel::Provinsi => "provinsi",
            AgencyLevel::Kabupaten => "kabupaten",
            AgencyLevel::Kecamatan => "kecamatan",
            AgencyLevel::Desa => "desa",
        }
    }
    pub fn label(self, lang: crate::Lang) -> &'static str {
        let (id, en) = match self {
            AgencyLevel::Pusat => ("Pusat / nasional", "National"),
            AgencyLevel::Provinsi => ("Provinsi", "Province"),
            AgencyLevel::Kabupaten => ("Kabupaten/kota", "Regency/city"),
            AgencyLevel::Kecamatan => ("Kecamatan", "District"),
            AgencyLevel::Desa => ("Desa", "Village"),
        };
        lang.pick(id, en)
    }
    pub fn parse(s: &str) -> Option<AgencyLevel> {
        AgencyLevel::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Agency {
    pub id: i64,
    pub name: String,
    pub level: AgencyLevel,
    /// Empty for national and provincial agencies without a regency.
    pub region_code: String,
    pub region_name: String,
    pub category_ids: Vec<i64>,
}

/// One entry on a report's timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TimelineEvent {
    pub at: i64,
    pub kind: EventKind,
    /// Status after the event.
    pub status: Status,
    /// Who, as a role label ("Koordinator", agency name, "Pelapor", "Sistem"); never a person's name
    /// where that would reveal an anonymous reporter.
    pub actor: String,
    pub message: Option<String>,
    /// Internal notes are only shown to admins.
    pub internal: bool,
    /// Files posted with this event: the agency's documents and photos of a
    /// follow-up (`respond`). Downloaded like the report's own files.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<crate::attachments::AttachmentRef>,
}

/// The report as its reporter sees it (number + code).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReportView {
    /// Everything the public page shows (here with the viewer's timeline:
    /// the reporter's own words, and internal notes for admins).
    #[serde(flatten)]
    pub report: crate::public::PublicReport,
    pub anonymous: bool,
    pub confidential: bool,
    /// The reporter's own files (sent with the report). The agency's files
    /// are on its follow-up in `timeline`.
    #[serde(default)]
    pub attachments: Vec<crate::attachments::AttachmentRef>,
    /// The reporter's rating of the follow-up when accepting it (1–5).
    #[serde(default)]
    pub rating: Option<u8>,
    /// The comment given with the rating, if any.
    #[serde(default)]
    pub rating_comment: Option<String>,
}

/// A reporter's view reads as the public report it extends.
impl std::ops::Deref for ReportView {
    type Target = crate::public::PublicReport;
    fn deref(&self) -> &crate::public::PublicReport {
        &self.report
    }
}

/// The reporter's identity, shown only to those allowed to see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReporterInfo {
    pub name: String,
    pub phone: String,
    pub email: String,
    /// Another way to reach the reporter of a report from another channel
    /// (a letter's return address, an account on social media).
    #[serde(default)]
    pub contact: String,
}

/// A row of the admin queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AdminReportSummary {
    pub id: i64,
    pub tracking_number: String,
    pub kind: ReportKind,
    pub title: String,
    pub status: Status,
    pub category: Option<String>,
    pub agency: Option<String>,
    pub regency: Option<String>,
    pub created_at: i64,
    pub due_date: Option<String>,
    pub overdue: bool,
    /// Working days from today to `due_date` (negative when late); `None`
    /// when no deadline runs.
    pub working_days_left: Option<i64>,
    pub anonymous: bool,
    pub confidential: bool,
    /// How it arrived.
    #[serde(default)]
    pub channel: crate::intake::Channel,
}

/// A report as an admin sees it. `reporter` is `None` where the viewer may not
/// see the identity (anonymous report and not a coordinator; supervisors never).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AdminReportDetail {
    pub id: i64,
    pub report: ReportView,
    pub reporter: Option<ReporterInfo>,
    /// How it arrived, and the day it was received (`YYYY-MM-DD`; the
    /// verification deadline counts from it).
    #[serde(default)]
    pub channel: crate::intake::Channel,
    #[serde(default)]
    pub received_date: String,
    pub agency_id: Option<i64>,
    pub followup_class: FollowupClass,
    pub maladministration: Option<Maladministration>,
    /// Why it was archived, when it was.
    pub archive_reason: Option<ArchiveReason>,
    /// The original, when archived as its duplicate.
    pub duplicate_of: Option<ReportRef>,
    /// Transitions the viewer may make now.
    pub available: Vec<Transition>,
    /// Whether the viewer may set the category, maladministration type,
    /// follow-up class and flags (coordinators).
    pub may_classify: bool,
    /// The operators' follow-ups drafted on it, newest first (the agency and
    /// coordinators see them; the reporter never).
    #[serde(default)]
    pub drafts: Vec<crate::agencies::FollowupDraft>,
    /// The viewer's follow-up is a draft for the liaison (an operator of an
    /// agency that approves them).
    #[serde(default)]
    pub drafts_only: bool,
    /// The viewer approves or returns the operators' drafts (the liaison).
    #[serde(default)]
    pub may_approve: bool,
}

/// Another report, as a link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReportRef {
    pub id: i64,
    pub tracking_number: String,
}

/// `POST /api/v1/admin/reports/{id}/actions`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum AdminAction {
    /// Coordinator: verify and forward to an agency (also re-disposition).
    Dispatch {
        /// An agency of `GET /api/v1/agencies`.
        agency_id: i64,
        /// A category of `GET /api/v1/categories`.
        category_id: i64,
        #[serde(default)]
        followup_class: FollowupClass,
        /// At most 5000 characters once trimmed.
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schema(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[\s\S]{0,4998}[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?)?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
        note: String,
    },
    /// Coordinator: ask the reporter for more ("Tunda").
    RequestInfo {
        /// 1–5000 characters once trimmed.
        #[cfg_attr(feature = "openapi", schema(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[\s\S]{0,4998}[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
        note: String,
    },
    /// Coordinator: archive with a reason; a duplicate names the original
    /// by its tracking number.
    Archive {
        reason: ArchiveReason,
        /// Required when `reason` is `duplicate` (ignored otherwise): the
        /// tracking number of a report this officer may see, not this one.
        #[serde(default)]
        duplicate_of: Option<String>,
        /// Shown to the reporter with the reason (optional); at most 5000
        /// characters once trimmed.
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schema(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[\s\S]{0,4998}[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?)?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
        note: String,
    },
    /// Agency: not our authority.
    Return {
        /// 1–5000 characters once trimmed.
        #[cfg_attr(feature = "openapi", schema(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[\s\S]{0,4998}[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
        reason: String,
    },
    /// Agency: the follow-up shown to the reporter, with files uploaded
    /// before through `POST /api/v1/attachments` (at most 5, each with its token).
    Respond {
        /// 1–5000 characters once trimmed.
        #[cfg_attr(feature = "openapi", schema(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[\s\S]{0,4998}[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
        message: String,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schema(max_items = 5))]
        attachments: Vec<AttachmentClaim>,
        /// The liaison approving an operator's draft (the message sent may
        /// be the draft's or the liaison's edit of it).
        #[serde(default)]
        draft_id: Option<i64>,
    },
    /// Liaison: an operator's draft goes back with a note.
    ReturnDraft {
        draft_id: i64,
        /// 1–5000 characters once trimmed.
        #[cfg_attr(feature = "openapi", schema(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[\s\S]{0,4998}[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
        note: String,
    },
    /// Anyone who can see the report: an internal note, never shown to the reporter or public.
    Note {
        /// 1–5000 characters once trimmed.
        #[cfg_attr(feature = "openapi", schema(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[\s\S]{0,4998}[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
        text: String,
    },
    /// Coordinator: set anonymous and/or confidential on the reporter's behalf (never unset).
    SetFlags {
        #[serde(default)]
        anonymous: bool,
        #[serde(default)]
        confidential: bool,
    },
    /// Coordinator: the category, maladministration type and follow-up
    /// class, in any status. A new follow-up class moves the deadline of a
    /// report with its agency now (counted from its disposition).
    Classify {
        /// A category of `GET /api/v1/categories`.
        category_id: i64,
        #[serde(default)]
        maladministration: Option<Maladministration>,
        #[serde(default)]
        followup_class: FollowupClass,
    },
}

impl AdminAction {
    /// The lifecycle move this action makes, if any.
    pub fn transition(&self) -> Option<Transition> {
        match self {
            AdminAction::Dispatch { .. } => Some(Transition::Dispatch),
            AdminAction::RequestInfo { .. } => Some(Transition::RequestInfo),
            AdminAction::Archive { .. } => Some(Transition::Archive),
            AdminAction::Return { .. } => Some(Transition::Return),
            AdminAction::Respond { .. } => Some(Transition::Respond),
            AdminAction::Note { .. } | AdminAction::SetFlags { .. } | AdminAction::Classify { .. } | AdminAction::ReturnDraft { .. } => None,
        }
    }
}

/// Most reports one bulk request may archive.
pub const BULK_MAX: usize = 100;

/// `POST /api/v1/admin/reports/archive`: several reports archived with one
/// reason; each gets its own event and audit entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct BulkArchive {
    /// Report ids, 1–100.
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 100))]
    pub ids: Vec<i64>,
    pub reason: ArchiveReason,
    /// Required when `reason` is `duplicate` (ignored otherwise): the
    /// tracking number of a report this officer may see.
    #[serde(default)]
    pub duplicate_of: Option<String>,
    /// At most 5000 characters once trimmed.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[\s\S]{0,4998}[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?)?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
    pub note: String,
}

/// What a bulk request did to each report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct BulkResult {
    pub done: Vec<i64>,
    pub failed: Vec<BulkFailure>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct BulkFailure {
    pub id: i64,
    /// Why, in Indonesian.
    pub message: String,
}

/// `POST /api/v1/auth/password`: the signed-in officer's own password.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PasswordChange {
    pub old_password: String,
    /// At least 10 characters, not the old one.
    #[cfg_attr(feature = "openapi", schema(min_length = 10))]
    pub new_password: String,
}

/// What a reporter may do on their own report (number + code prove it is theirs).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum ReporterAction {
    /// Answer the coordinator's request for more information (`needs_info` → `submitted`).
    SupplyInfo {
        /// 1–5000 characters once trimmed.
        #[cfg_attr(feature = "openapi", schema(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[\s\S]{0,4998}[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
        message: String,
    },
    /// Accept the follow-up (`responded` → `closed`) with a rating from 1
    /// (very unsatisfied) to 5 (very satisfied); `message` is an optional comment.
    Accept {
        /// Required, 1–5 (a missing or other value is a 422 on `rating`).
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schema(required = true, minimum = 1, maximum = 5))]
        rating: u8,
        /// At most 5000 characters once trimmed.
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schema(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[\s\S]{0,4998}[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?)?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
        message: String,
    },
    /// Not satisfied: back to the same agency (`responded` → `dispatched`), a limited number of times.
    Reopen {
        /// 1–5000 characters once trimmed.
        #[cfg_attr(feature = "openapi", schema(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[\s\S]{0,4998}[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
        reason: String,
    },
}

impl ReporterAction {
    pub fn transition(&self) -> Transition {
        match self {
            ReporterAction::SupplyInfo { .. } => Transition::SupplyInfo,
            ReporterAction::Accept { .. } => Transition::Close,
            ReporterAction::Reopen { .. } => Transition::Reopen,
        }
    }
}

/// `POST /api/v1/track/actions`: the answers the reporter's updated report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReporterActionRequest {
    /// As in `POST /api/v1/track`.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^(?:[ .\u00a0-]*(?:[0-9][ .\u00a0-]*){12})$", format = "tracking-number"))]
    pub tracking_number: String,
    /// As in `POST /api/v1/track`.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[ .-]*(?:[2-9a-hjkmnp-zA-HJKMNP-Z][ .-]*){10}$"))]
    pub access_code: String,
    pub action: ReporterAction,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

/// The signed-in admin.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Me {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub agency_id: Option<i64>,
    pub agency_name: Option<String>,
    /// A regional officer's province or regency: only its reports are theirs.
    #[serde(default)]
    pub jurisdiction: Option<RegionRef>,
    /// Signed in with a temporary password: nothing but changing it until then.
    #[serde(default)]
    pub must_change_password: bool,
    /// An agency admin's place in the agency's team.
    #[serde(default)]
    pub team_role: Option<crate::agencies::TeamRole>,
}

impl Role {
    /// The role's name in the console.
    pub fn label(self, lang: crate::Lang) -> &'static str {
        let (id, en) = match self {
            Role::Coordinator => ("Admin koordinator", "Coordinator"),
            Role::AgencyAdmin => ("Admin instansi", "Agency admin"),
            Role::Supervisor => ("Pimpinan / pengawas", "Supervisor"),
            Role::Superadmin => ("Superadmin", "Superadmin"),
        };
        lang.pick(id, en)
    }
    /// Coordinators (and superadmins, who may do what they do) handle every report.
    pub fn coordinates(self) -> bool {
        matches!(self, Role::Coordinator | Role::Superadmin)
    }
}

/// Every error answer: a machine code, a message in Indonesian, and for 422
/// the problems by field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ApiErrorBody {
    /// `validation`, `unauthorized`, `forbidden`, `not_found`, `method_not_allowed`, `conflict`,
    /// `rate_limited`, `internal`.
    pub error: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<FieldErrors>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_are_tagged_by_name() {
        let a: AdminAction = serde_json::from_str(r#"{"action":"dispatch","agency_id":3,"category_id":8}"#).unwrap();
        assert_eq!(
            a,
            AdminAction::Dispatch { agency_id: 3, category_id: 8, followup_class: FollowupClass::Biasa, note: String::new() }
        );
        let r: AdminAction = serde_json::from_str(r#"{"action":"respond","message":"Sudah diperbaiki"}"#).unwrap();
        assert_eq!(r, AdminAction::Respond { message: "Sudah diperbaiki".into(), attachments: Vec::new(), draft_id: None });
    }

    #[test]
    fn reporter_actions_are_tagged_and_map_to_transitions() {
        let r: ReporterActionRequest = serde_json::from_str(
            r#"{"tracking_number":"123456789012","access_code":"abcdefghjk","action":{"action":"reopen","reason":"Belum diperbaiki"}}"#,
        )
        .unwrap();
        assert_eq!(r.action, ReporterAction::Reopen { reason: "Belum diperbaiki".into() });
        assert_eq!(r.action.transition(), Transition::Reopen);
        let a: ReporterAction = serde_json::from_str(r#"{"action":"accept"}"#).unwrap();
        assert_eq!(a.transition(), Transition::Close);
        let a: ReporterAction = serde_json::from_str(r#"{"action":"accept","rating":4,"message":"Cepat"}"#).unwrap();
        assert_eq!(a, ReporterAction::Accept { rating: 4, message: "Cepat".into() });
    }

    #[test]
    fn kinds_use_the_api_names() {
        assert_eq!(serde_json::to_string(&ReportKind::PermintaanInformasi).unwrap(), "\"permintaan_informasi\"");
        for k in ReportKind::ALL {
            assert_eq!(ReportKind::parse(k.as_str()), Some(k));
        }
    }
}
