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

/// A session's join code, written like a tracking number (`4829-1375-0619`):
/// 12 digits, easy to read aloud from the slide and to type on a phone
/// keypad, the first 11 random (never starting with 0) and the last a Damm
/// check digit, so a mistyped address is refused on the phone itself and
/// never reaches the server.
///
/// Why 12: there are 9×10^10 codes (`CODES`). Every lookup of a code that
/// opens no session counts against the address's lookup misses, the same
/// counter as tracking-number guesses: 30 per 10 minutes by default. A
/// session lives at most `MAX_LIFE_SECS` (12 hours: at most 73 windows of
/// 10 minutes, 2,190 misses per address). An attacker with 1,000 addresses
/// gets about 2.2×10^6 guesses over a session's whole life: a chance of
/// about 1 in 41,000 of finding that one session (1 in 4,100 with ten
/// sessions open at once), and most sessions end after a morning. The old
/// six-digit codes (10^6, misses not counted) fell to one address at 400
/// guesses a second in under 45 minutes.
pub const CODE_LEN: usize = crate::tracking::TRACKING_DIGITS;

/// How many join codes there are (11 random digits, the first not 0).
pub const CODES: u64 = 9 * 10u64.pow(10);

/// A session with no activity (no new practice report, no presenter's step)
/// for this long ends by itself: the background job deletes it with its
/// practice reports, as closing it does. A socialization event takes a
/// morning; two hours without a single report or step means the hall has
/// gone home and the presenter forgot to close it, while the names and
/// phone numbers the audience typed are still stored.
pub const IDLE_SECS: i64 = 2 * 3600;

/// No session lives longer than this, active or not: a morning's event and
/// an afternoon's repeat fit in it, a session kept alive by a stranger who
/// found its code does not outlive the day.
pub const MAX_LIFE_SECS: i64 = 12 * 3600;
const _: () = assert!(IDLE_SECS < MAX_LIFE_SECS);

/// The path of the practice form of a session (`/latihan/{code}`).
pub const JOIN_PREFIX: &str = "/latihan/";

/// A join code as typed (spaces, dashes, dots allowed): its 12 digits, or
/// `None` when it cannot be one (wrong length, a letter, a typo the check
/// digit catches). The six-digit codes of before are refused.
pub fn normalize_code(input: &str) -> Option<String> {
    crate::tracking::normalize_tracking(input)
}

/// The join code of a practice form's path (`/latihan/4829-1375-0619`), if it is one.
pub fn code_of_path(path: &str) -> Option<String> {
    normalize_code(path.strip_prefix(JOIN_PREFIX)?.trim_end_matches('/'))
}

/// A join code (canonical: 12 digits) from 64 random bits; the server
/// gives it the operating system's randomness.
pub fn code_from_random(random: u64) -> String {
    crate::tracking::tracking_from_random(random)
}

/// `482913750619` → `4829-1375-0619`, as the slide shows it.
pub fn display_code(code: &str) -> String {
    crate::tracking::display_tracking(code)
}

/// The practice form's path with the code grouped for reading
/// (`/latihan/4829-1375-0619`): the address the slide shows and the QR code holds.
pub fn join_path(code: &str) -> String {
    format!("{JOIN_PREFIX}{}", display_code(code))
}

/// An open practice session, as its presenter sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PracticeSession {
    pub id: i64,
    /// 12 digits, the last a check digit (`display_code` groups them); the
    /// practice form is at `/latihan/{code}`.
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
    fn codes_are_twelve_digits_with_a_check_digit_typed_loosely() {
        let code = code_from_random(0x0123_4567_89ab_cdef);
        assert_eq!(code.len(), CODE_LEN);
        assert_eq!(CODE_LEN, 12);
        assert!(code.bytes().all(|b| b.is_ascii_digit()) && !code.starts_with('0'), "{code}");
        let shown = display_code(&code);
        assert_eq!(shown.len(), 14);
        assert_eq!(shown.split('-').map(str::len).collect::<Vec<_>>(), [4, 4, 4]);
        // What people type: the grouped form, spaces, dots, a stray space around it.
        let typings =
            [shown.replace('-', " "), shown.replace('-', "."), shown.replace('-', "\u{a0}"), format!(" {code} ")];
        for typed in [shown.clone()].into_iter().chain(typings) {
            assert_eq!(normalize_code(&typed).as_deref(), Some(code.as_str()), "{typed:?}");
        }
        // A single wrong digit or two neighbours swapped is caught by the check digit.
        let digits: Vec<u8> = code.bytes().collect();
        for i in 0..CODE_LEN {
            for d in b'0'..=b'9' {
                if d != digits[i] {
                    let mut typo = digits.clone();
                    typo[i] = d;
                    assert_eq!(normalize_code(std::str::from_utf8(&typo).unwrap()), None);
                }
            }
            if i + 1 < CODE_LEN && digits[i] != digits[i + 1] {
                let mut swapped = digits.clone();
                swapped.swap(i, i + 1);
                assert_eq!(normalize_code(std::str::from_utf8(&swapped).unwrap()), None);
            }
        }
        // The six-digit codes of before, too short or too long, letters: no code.
        for bad in ["482913", "482 913", "", "4829-1375-061", &format!("{code}0"), "abcd-efgh-ijkl", "4829-1375-061A"] {
            assert_eq!(normalize_code(bad), None, "{bad:?}");
        }
        assert_ne!(code_from_random(1), code_from_random(2));
    }

    #[test]
    fn guessing_a_code_is_hopeless_within_a_session_s_life() {
        // The server's default lookup-miss limit: 30 per 10-minute window.
        let (misses, window) = (30u64, 600u64);
        // Aligned windows: a life of 12 hours touches at most 73 of them.
        let windows = MAX_LIFE_SECS as u64 / window + 1;
        let guesses = 1_000 * misses * windows;
        assert_eq!(guesses, 2_190_000);
        // Under 1 in 40,000 for one session; under 1 in 4,000 with ten open.
        assert!(guesses * 40_000 < CODES, "{guesses} guesses over {CODES} codes");
    }

    #[test]
    fn the_practice_form_path_carries_the_code() {
        let code = code_from_random(987_654_321);
        assert_eq!(join_path(&code), format!("/latihan/{}", display_code(&code)));
        assert_eq!(code_of_path(&join_path(&code)).as_deref(), Some(code.as_str()));
        assert_eq!(code_of_path(&format!("/latihan/{code}/")).as_deref(), Some(code.as_str()));
        assert_eq!(code_of_path("/latihan/482913"), None);
        assert_eq!(code_of_path("/latihan/"), None);
        assert_eq!(code_of_path("/lapor"), None);
    }
}
