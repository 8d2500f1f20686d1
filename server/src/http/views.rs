//! Turning stored rows into the API's views.

use crate::db::{EventRow, ReportRow};
use crate::regions::Regions;
use domain::api::{Category, ReportKind, ReportView, TimelineEvent};
use domain::public::PublicReport;
use domain::attachments::AttachmentRef;
use domain::{Calendar, Date, Status};

/// A report is overdue while it is open (not closed) and past its due date.
pub fn overdue(status: Status, due_date: Option<&str>, today: Date) -> bool {
    status != Status::Closed && due_date.and_then(Date::parse).is_some_and(|d| today > d)
}

/// Working days left until `due_date` while a deadline runs in `status`
/// (negative when overdue), counted with the holiday calendar.
pub fn working_days_left(cal: &Calendar, status: Status, due_date: Option<&str>, today: Date) -> Option<i64> {
    domain::status::working_days_left(cal, status, due_date.and_then(Date::parse), today)
}

pub fn kind(row: &ReportRow) -> ReportKind {
    ReportKind::parse(&row.kind).unwrap_or_default()
}

/// A timeline entry. Admins see the acting admin's name after the role
/// label; the reporter sees the role label only.
pub fn event(e: EventRow, admin: bool) -> TimelineEvent {
    let actor = match (&e.actor_display_name, admin) {
        (Some(name), true) => format!("{} · {}", e.actor_label, name),
        _ => e.actor_label,
    };
    TimelineEvent {
        at: e.at,
        kind: e.kind,
        status: e.status,
        actor,
        message: e.message,
        internal: e.internal,
        attachments: Vec::new(),
    }
}

/// A report's files: the reporter's own, and those events posted (with the event's id).
#[derive(Default)]
pub struct ReportFiles {
    pub own: Vec<AttachmentRef>,
    pub events: Vec<(i64, AttachmentRef)>,
}

impl ReportFiles {
    pub async fn load(db: &crate::db::Db, report_id: i64) -> anyhow::Result<ReportFiles> {
        Ok(ReportFiles { own: db.report_attachments(report_id).await?, events: db.event_attachments(report_id).await? })
    }
}

pub fn report_view(
    regions: &Regions,
    row: &ReportRow,
    events: Vec<EventRow>,
    files: ReportFiles,
    admin: bool,
    cal: &Calendar,
    today: Date,
) -> ReportView {
    let timeline = events
        .into_iter()
        .filter(|e| admin || !e.internal)
        .map(|e| {
            let id = e.id;
            let mut t = event(e, admin);
            t.attachments = files.events.iter().filter(|(ev, _)| *ev == id).map(|(_, a)| a.clone()).collect();
            t
        })
        .collect();
    ReportView {
        report: public_report(regions, row, timeline, cal, today),
        anonymous: row.anonymous,
        confidential: row.confidential,
        attachments: files.own,
        rating: row.rating.and_then(|r| u8::try_from(r).ok()),
        rating_comment: row.rating_comment.clone(),
    }
}

/// What anyone may see of a report (the public page), with the given
/// timeline; the reporter's and the officers' views extend it.
pub fn public_report(regions: &Regions, row: &ReportRow, timeline: Vec<TimelineEvent>, cal: &Calendar, today: Date) -> PublicReport {
    let region = |c: Option<&str>| c.filter(|c| !c.is_empty()).and_then(|c| regions.get(c));
    PublicReport {
        tracking_number: row.tracking_number.clone(),
        kind: kind(row),
        title: row.title.clone(),
        body: row.body.clone(),
        incident_date: row.incident_date.clone(),
        province: region(Some(&row.province_code)),
        regency: region(Some(&row.regency_code)),
        district: region(row.district_code.as_deref()),
        village: region(row.village_code.as_deref()),
        address: row.address.clone(),
        category: match (row.category_id, &row.category_name) {
            (Some(id), Some(name)) => Some(Category { id, name: name.clone() }),
            _ => None,
        },
        agency: row.agency_name.clone(),
        status: row.status,
        created_at: row.created_at,
        updated_at: row.updated_at,
        due_date: row.due_date.clone(),
        overdue: overdue(row.status, row.due_date.as_deref(), today),
        working_days_left: working_days_left(cal, row.status, row.due_date.as_deref(), today),
        timeline,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_reports_are_never_overdue() {
        let today = Date::parse("2026-03-10").unwrap();
        assert!(overdue(Status::Dispatched, Some("2026-03-09"), today));
        assert!(!overdue(Status::Dispatched, Some("2026-03-10"), today));
        assert!(!overdue(Status::Closed, Some("2026-03-09"), today));
        assert!(!overdue(Status::Responded, None, today));
    }
}
