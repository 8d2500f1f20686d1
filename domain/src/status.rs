//! The report lifecycle: statuses, who may move a report where, and which
//! deadline runs in each status.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Submitted,
    NeedsInfo,
    Archived,
    Dispatched,
    Returned,
    Responded,
    Closed,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Submitted,
        Status::NeedsInfo,
        Status::Archived,
        Status::Dispatched,
        Status::Returned,
        Status::Responded,
        Status::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Submitted => "submitted",
            Status::NeedsInfo => "needs_info",
            Status::Archived => "archived",
            Status::Dispatched => "dispatched",
            Status::Returned => "returned",
            Status::Responded => "responded",
            Status::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// The name people read, in Indonesian or English.
    pub fn label(self, lang: crate::Lang) -> &'static str {
        let (id, en) = match self {
            Status::Submitted => ("Menunggu verifikasi", "Awaiting verification"),
            Status::NeedsInfo => ("Perlu dilengkapi", "Needs more information"),
            Status::Archived => ("Diarsipkan", "Archived"),
            Status::Dispatched => ("Didisposisikan", "Forwarded to agency"),
            Status::Returned => ("Dikembalikan", "Returned by agency"),
            Status::Responded => ("Ditindaklanjuti", "Followed up"),
            Status::Closed => ("Selesai", "Closed"),
        };
        lang.pick(id, en)
    }

    /// Finished: no deadline runs and nobody owes an action.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Archived | Status::Closed)
    }

    /// Working days allowed in this status, if a deadline runs: verification
    /// by the coordinator, follow-up by the agency, or the reporter's reply window.
    pub fn deadline_days(self, followup: FollowupClass) -> Option<u32> {
        match self {
            Status::Submitted | Status::Returned => Some(VERIFY_DAYS),
            Status::Dispatched => Some(followup.days()),
            Status::Responded => Some(REPLY_WINDOW_DAYS),
            Status::NeedsInfo | Status::Archived | Status::Closed => None,
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Working days from `today` to the deadline `due` of a report in `status`:
/// positive while time is left, 0 on the last day, negative when overdue
/// (the working days since the deadline; 0 on a weekend right after it).
/// `None` when no deadline runs in that status (final, or waiting for the
/// reporter's information) or there is no due date.
pub fn working_days_left(cal: &crate::Calendar, status: Status, due: Option<crate::Date>, today: crate::Date) -> Option<i64> {
    status.deadline_days(FollowupClass::Biasa)?;
    Some(cal.working_days_between(today, due?))
}

/// Coordinator's verification: 3 working days.
pub const VERIFY_DAYS: u32 = 3;
/// The reporter's reply window after a follow-up: 10 working days, then it closes.
pub const REPLY_WINDOW_DAYS: u32 = 10;
/// How often a reporter may reopen an unsatisfying follow-up.
pub const MAX_REOPENS: u32 = 2;

/// How long the agency has for its follow-up.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FollowupClass {
    /// Ordinary matters: 5 working days.
    #[default]
    Biasa,
    /// Needs work but no field check: 14 working days.
    TanpaCekLapangan,
    /// Needs a field check: 60 working days.
    CekLapangan,
}

impl FollowupClass {
    pub fn days(self) -> u32 {
        match self {
            FollowupClass::Biasa => 5,
            FollowupClass::TanpaCekLapangan => 14,
            FollowupClass::CekLapangan => 60,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            FollowupClass::Biasa => "biasa",
            FollowupClass::TanpaCekLapangan => "tanpa_cek_lapangan",
            FollowupClass::CekLapangan => "cek_lapangan",
        }
    }
    pub const ALL: [FollowupClass; 3] = [FollowupClass::Biasa, FollowupClass::TanpaCekLapangan, FollowupClass::CekLapangan];
    /// The class with its working days, as the console lists it.
    pub fn label(self, lang: crate::Lang) -> &'static str {
        let (id, en) = match self {
            FollowupClass::Biasa => ("Biasa — 5 hari kerja", "Ordinary — 5 working days"),
            FollowupClass::TanpaCekLapangan => ("Tanpa cek lapangan — 14 hari kerja", "No field check — 14 working days"),
            FollowupClass::CekLapangan => ("Dengan cek lapangan — 60 hari kerja", "Field check — 60 working days"),
        };
        lang.pick(id, en)
    }
    pub fn parse(s: &str) -> FollowupClass {
        match s {
            "tanpa_cek_lapangan" => FollowupClass::TanpaCekLapangan,
            "cek_lapangan" => FollowupClass::CekLapangan,
            _ => FollowupClass::Biasa,
        }
    }
}

/// Who acts on a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    Reporter,
    Coordinator,
    Agency,
    System,
}

impl Actor {
    pub const ALL: [Actor; 4] = [Actor::Reporter, Actor::Coordinator, Actor::Agency, Actor::System];
    pub fn as_str(self) -> &'static str {
        match self {
            Actor::Reporter => "reporter",
            Actor::Coordinator => "coordinator",
            Actor::Agency => "agency",
            Actor::System => "system",
        }
    }
    pub fn parse(s: &str) -> Option<Actor> {
        Actor::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// A move from one status to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Transition {
    /// Coordinator asks the reporter for more information ("Tunda").
    RequestInfo,
    /// Reporter supplies it; the report returns to the queue.
    SupplyInfo,
    /// Coordinator archives a report that will not be followed up.
    Archive,
    /// Coordinator verifies and forwards to an agency (also re-disposition).
    Dispatch,
    /// Agency: not its authority ("bukan wewenang").
    Return,
    /// Agency posts its follow-up.
    Respond,
    /// Reporter accepts the follow-up, or the reply window ran out.
    Close,
    /// Reporter is not satisfied: back to the same agency.
    Reopen,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TransitionError {
    /// This transition does not start from the report's current status.
    NotFrom(Status, Transition),
    /// This actor may not make this transition.
    NotAllowed(Actor, Transition),
    /// The reporter has reopened as often as allowed.
    TooManyReopens,
}

impl fmt::Display for TransitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransitionError::NotFrom(s, t) => write!(f, "cannot {t:?} a report that is {s}"),
            TransitionError::NotAllowed(a, t) => write!(f, "{a:?} may not {t:?}"),
            TransitionError::TooManyReopens => write!(f, "reopened too often"),
        }
    }
}

impl Transition {
    pub fn actors(self) -> &'static [Actor] {
        match self {
            Transition::RequestInfo | Transition::Archive | Transition::Dispatch => &[Actor::Coordinator],
            Transition::SupplyInfo | Transition::Reopen => &[Actor::Reporter],
            Transition::Return | Transition::Respond => &[Actor::Agency],
            Transition::Close => &[Actor::Reporter, Actor::System],
        }
    }

    pub fn from_statuses(self) -> &'static [Status] {
        match self {
            Transition::RequestInfo => &[Status::Submitted, Status::Returned],
            Transition::SupplyInfo => &[Status::NeedsInfo],
            Transition::Archive => &[Status::Submitted, Status::NeedsInfo, Status::Returned],
            Transition::Dispatch => &[Status::Submitted, Status::Returned],
            Transition::Return | Transition::Respond => &[Status::Dispatched],
            Transition::Close | Transition::Reopen => &[Status::Responded],
        }
    }

    pub fn target(self) -> Status {
        match self {
            Transition::RequestInfo => Status::NeedsInfo,
            Transition::SupplyInfo => Status::Submitted,
            Transition::Archive => Status::Archived,
            Transition::Dispatch | Transition::Reopen => Status::Dispatched,
            Transition::Return => Status::Returned,
            Transition::Respond => Status::Responded,
            Transition::Close => Status::Closed,
        }
    }
}

/// Applies `t` by `actor` to a report in `from` that has been reopened
/// `reopens` times so far; returns the new status.
pub fn apply(from: Status, t: Transition, actor: Actor, reopens: u32) -> Result<Status, TransitionError> {
    if !t.actors().contains(&actor) {
        return Err(TransitionError::NotAllowed(actor, t));
    }
    if !t.from_statuses().contains(&from) {
        return Err(TransitionError::NotFrom(from, t));
    }
    if t == Transition::Reopen && reopens >= MAX_REOPENS {
        return Err(TransitionError::TooManyReopens);
    }
    Ok(t.target())
}

/// The transitions `actor` may make from `from`, for showing only the buttons that work.
pub fn available(from: Status, actor: Actor) -> Vec<Transition> {
    use Transition::*;
    [RequestInfo, SupplyInfo, Archive, Dispatch, Return, Respond, Close, Reopen]
        .into_iter()
        .filter(|t| t.actors().contains(&actor) && t.from_statuses().contains(&from))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_days_left_skip_weekends_and_holidays_and_stop_when_final() {
        let d = |s| crate::Date::parse(s).unwrap();
        let cal = crate::Calendar::from_csv("2026-12-25,Natal,libur_nasional\n");
        // Thursday 24 Dec → Tuesday 29 Dec: Mon 28, Tue 29 (25 a holiday, 26/27 weekend).
        assert_eq!(working_days_left(&cal, Status::Dispatched, Some(d("2026-12-29")), d("2026-12-24")), Some(2));
        assert_eq!(working_days_left(&cal, Status::Dispatched, Some(d("2026-12-29")), d("2026-12-29")), Some(0));
        // Overdue: due Tuesday 22 Dec, today Thursday 24 → late by Wed 23 and Thu 24.
        assert_eq!(working_days_left(&cal, Status::Submitted, Some(d("2026-12-22")), d("2026-12-24")), Some(-2));
        assert_eq!(working_days_left(&cal, Status::Closed, Some(d("2026-12-29")), d("2026-12-24")), None);
        assert_eq!(working_days_left(&cal, Status::NeedsInfo, Some(d("2026-12-29")), d("2026-12-24")), None);
        assert_eq!(working_days_left(&cal, Status::Responded, None, d("2026-12-24")), None);
    }

    #[test]
    fn the_walking_path_is_allowed() {
        let s = apply(Status::Submitted, Transition::Dispatch, Actor::Coordinator, 0).unwrap();
        assert_eq!(s, Status::Dispatched);
        let s = apply(s, Transition::Respond, Actor::Agency, 0).unwrap();
        assert_eq!(s, Status::Responded);
        let s = apply(s, Transition::Close, Actor::System, 0).unwrap();
        assert_eq!(s, Status::Closed);
    }

    #[test]
    fn roles_cannot_do_each_others_work() {
        assert_eq!(
            apply(Status::Submitted, Transition::Dispatch, Actor::Agency, 0),
            Err(TransitionError::NotAllowed(Actor::Agency, Transition::Dispatch))
        );
        assert!(apply(Status::Dispatched, Transition::Respond, Actor::Coordinator, 0).is_err());
        assert!(apply(Status::Responded, Transition::Reopen, Actor::Agency, 0).is_err());
    }

    #[test]
    fn statuses_only_move_along_the_lifecycle() {
        assert_eq!(
            apply(Status::Closed, Transition::Dispatch, Actor::Coordinator, 0),
            Err(TransitionError::NotFrom(Status::Closed, Transition::Dispatch))
        );
        assert!(apply(Status::Submitted, Transition::Respond, Actor::Agency, 0).is_err());
        assert!(apply(Status::Archived, Transition::Dispatch, Actor::Coordinator, 0).is_err());
        // A returned report goes back to the coordinator for re-disposition.
        assert_eq!(
            apply(Status::Returned, Transition::Dispatch, Actor::Coordinator, 0),
            Ok(Status::Dispatched)
        );
        assert_eq!(apply(Status::NeedsInfo, Transition::SupplyInfo, Actor::Reporter, 0), Ok(Status::Submitted));
    }

    #[test]
    fn reopening_is_limited() {
        assert_eq!(apply(Status::Responded, Transition::Reopen, Actor::Reporter, 1), Ok(Status::Dispatched));
        assert_eq!(
            apply(Status::Responded, Transition::Reopen, Actor::Reporter, MAX_REOPENS),
            Err(TransitionError::TooManyReopens)
        );
    }

    #[test]
    fn deadlines_follow_the_status() {
        assert_eq!(Status::Submitted.deadline_days(FollowupClass::Biasa), Some(3));
        assert_eq!(Status::Dispatched.deadline_days(FollowupClass::Biasa), Some(5));
        assert_eq!(Status::Dispatched.deadline_days(FollowupClass::TanpaCekLapangan), Some(14));
        assert_eq!(Status::Dispatched.deadline_days(FollowupClass::CekLapangan), Some(60));
        assert_eq!(Status::Responded.deadline_days(FollowupClass::Biasa), Some(10));
        assert_eq!(Status::Closed.deadline_days(FollowupClass::Biasa), None);
    }

    #[test]
    fn available_lists_only_what_works() {
        assert_eq!(available(Status::Submitted, Actor::Coordinator), vec![
            Transition::RequestInfo,
            Transition::Archive,
            Transition::Dispatch
        ]);
        assert_eq!(available(Status::Dispatched, Actor::Agency), vec![Transition::Return, Transition::Respond]);
        assert!(available(Status::Closed, Actor::Coordinator).is_empty());
    }

    #[test]
    fn labels_are_the_ones_citizens_know() {
        assert_eq!(Status::NeedsInfo.label(crate::Lang::Id), "Perlu dilengkapi");
        assert_eq!(Status::Responded.label(crate::Lang::Id), "Ditindaklanjuti");
        assert_eq!(Status::Responded.label(crate::Lang::En), "Followed up");
    }

    #[test]
    fn status_names_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.as_str()));
        }
    }
}
