//! Socialization events ("sosialisasi", "Sadar LAPOR!"): an officer opens a
//! practice session on the presenter screen, the audience joins it by QR
//! code and sends practice reports. Those go through the real lifecycle and
//! tracking but are kept apart from every real list, count and feed, and are
//! deleted when the session is closed.

use crate::api::ReportKind;
use crate::Status;
use serde::{Deserialize, Serialize};
#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// Digits of a session's join code.
pub const CODE_LEN: usize = 6;

/// The path of the practice form of a session (`/latihan/{code}`).
pub const JOIN_PREFIX: &str = "/latihan/";

/// A join code as typed (spaces and dashes allowed): its six digits.
pub fn normalize_code(input: &str) -> Option<String> {
    let digits: String = input.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    (digits.len() == CODE_LEN && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// The join code of a practice form's path (`/latihan/482913`), if it is one.
pub fn code_of_path(path: &str) -> Option<String> {
    normalize_code(path.strip_prefix(JOIN_PREFIX)?.trim_end_matches('/'))
}

/// A join code from six random digits' worth of entropy.
pub fn code_from_random(random: u32) -> String {
    format!("{:06}", random % 1_000_000)
}

/// An open practice session, as its presenter sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PracticeSession {
    pub id: i64,
    /// Six digits; the practice form is at `/latihan/{code}`.
    pub code: String,
    pub opened_at: i64,
}

/// One practice report on the presenter's live list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PracticeReport {
    pub id: i64,
    pub tracking_number: String,
    pub kind: ReportKind,
    pub title: String,
    pub status: Status,
    /// The agency it was forwarded to, once it was.
    pub agency_name: Option<String>,
    /// The regency (or city) named in the report.
    pub place: String,
    pub created_at: i64,
    /// Where the presenter's "forward" step sends it: the agency
    /// `routing::suggest` ranks first for its place and category (or the
    /// regency's first agency when it has no category).
    pub suggested_agency_id: Option<i64>,
    pub suggested_agency_name: Option<String>,
}

/// `GET /api/v1/admin/practice/{id}`: the session and its practice reports, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PracticeLive {
    pub session: PracticeSession,
    /// How many practice reports the session holds (the list shows the newest 100).
    pub count: i64,
    pub reports: Vec<PracticeReport>,
}

/// `GET /api/v1/admin/practice/addresses`: where the audience's phones can
/// reach this server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct JoinAddresses {
    /// Base URLs (`http://192.168.1.10:8080`), local-network ones first.
    pub urls: Vec<String>,
    /// The server listens only on this computer (loopback): phones cannot
    /// reach it until it is started with `LAPOR_ADDR=0.0.0.0:8080`.
    pub loopback_only: bool,
}

/// One step of the presenter's walk through a practice report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum PracticeStep {
    /// The coordinator verifies it and forwards it to an agency.
    Dispatch { agency_id: i64 },
    /// The agency posts its follow-up.
    Respond {
        /// 1–5000 characters once trimmed.
        #[cfg_attr(feature = "openapi", schema(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[\s\S]{0,4998}[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
        message: String,
    },
}

/// `POST /api/v1/admin/practice/{id}/close`: what closing deleted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PracticeClosed {
    pub reports: i64,
    pub files: i64,
}

/// `GET /api/v1/practice/{code}`: whether a session takes practice reports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PracticeOpen {
    pub code: String,
    pub opened_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_digits_typed_loosely() {
        assert_eq!(normalize_code("482 913").as_deref(), Some("482913"));
        assert_eq!(normalize_code("482-913").as_deref(), Some("482913"));
        assert_eq!(normalize_code("48291"), None);
        assert_eq!(normalize_code("48291x"), None);
        assert_eq!(normalize_code("4829130"), None);
        assert_eq!(code_from_random(7), "000007");
        assert_eq!(code_from_random(u32::MAX).len(), CODE_LEN);
    }

    #[test]
    fn the_practice_form_path_carries_the_code() {
        assert_eq!(code_of_path("/latihan/482913").as_deref(), Some("482913"));
        assert_eq!(code_of_path("/latihan/482913/").as_deref(), Some("482913"));
        assert_eq!(code_of_path("/latihan/"), None);
        assert_eq!(code_of_path("/lapor"), None);
    }
}
