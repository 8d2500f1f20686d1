//! The admin queue, report details and actions (session required).

use super::auth::AuthUser;
use super::views::{overdue, report_view, ReportFiles};
use crate::db::{EventRow, NewEvent, ReportRow, ReportUpdate, UpdateOutcome};
use crate::error::{ApiJson, ApiQuery, Error, Result};
use crate::AppState;
use axum::extract::{Path, State};
use axum::Json;
use domain::api::{AdminAction, AdminReportDetail, AdminReportSummary, ApiErrorBody, ReporterInfo, Role};
use domain::status;
use domain::{Actor, FieldIssue, FollowupClass, Status, Transition, TransitionError};
use serde::Deserialize;

/// The lifecycle actor an admin acts as; supervisors only read.
fn actor_of(user: &AuthUser) -> Option<Actor> {
    match user.role {
        Role::Coordinator | Role::Superadmin => Some(Actor::Coordinator),
        Role::AgencyAdmin => Some(Actor::Agency),
        Role::Supervisor => None,
    }
}

/// Agency admins see only reports currently disposed to their agency.
fn can_see(user: &AuthUser, row: &ReportRow) -> bool {
    match user.role {
        Role::AgencyAdmin => user.agency_id.is_some() && row.agency_id == user.agency_id,
        _ => true,
    }
}

fn reporter_visible(user: &AuthUser, row: &ReportRow) -> bool {
    match user.role {
        Role::Coordinator | Role::Superadmin => true,
        Role::AgencyAdmin => !row.anonymous,
        Role::Supervisor => false,
    }
}

fn parse_id(id: &str) -> Result<i64> {
    id.parse().map_err(|_| Error::report_not_found())
}

/// A report's file for an admin who may see it (never a supervisor).
pub(super) async fn load_for_files(st: &AppState, user: &AuthUser, id: &str) -> Result<ReportRow> {
    if !may_see_files(user) {
        return Err(Error::report_not_found());
    }
    load(st, user, id).await
}

pub(super) async fn load(st: &AppState, user: &AuthUser, id: &str) -> Result<ReportRow> {
    let row = st.db.report(parse_id(id)?).await?.ok_or_else(Error::report_not_found)?;
    if !can_see(user, &row) {
        return Err(Error::report_not_found());
    }
    Ok(row)
}

/// Whether an admin may read an internal note: coordinators all of them, an
/// agency only those for it, a supervisor none (they may contain anything).
fn may_read_note(user: &AuthUser, e: &EventRow) -> bool {
    match user.role {
        Role::Coordinator | Role::Superadmin => true,
        Role::AgencyAdmin => e.audience_agency_id.is_some() && e.audience_agency_id == user.agency_id,
        Role::Supervisor => false,
    }
}

/// Supervisors see no personal data, and a citizen's files (photos of
/// people, documents with names) are personal data: they get none.
fn may_see_files(user: &AuthUser) -> bool {
    user.role != Role::Supervisor
}

async fn detail_of(st: &AppState, user: &AuthUser, row: ReportRow) -> Result<AdminReportDetail> {
    let mut events = st.db.events(row.id, true).await?;
    events.retain(|e| !e.internal || may_read_note(user, e));
    let files = if may_see_files(user) { ReportFiles::load(&st.db, row.id).await? } else { ReportFiles::default() };
    let cal = st.calendar().await?;
    let reporter = reporter_visible(user, &row).then(|| ReporterInfo {
        name: row.reporter_name.clone(),
        phone: row.reporter_phone.clone(),
        email: row.reporter_email.clone(),
    });
    Ok(AdminReportDetail {
        id: row.id,
        report: report_view(&st.regions, &row, events, files, true, &cal, crate::today()),
        reporter,
        agency_id: row.agency_id,
        followup_class: FollowupClass::parse(&row.followup_class),
        available: actor_of(user).map(|a| status::available(row.status, a)).unwrap_or_default(),
    })
}

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    pub status: Option<String>,
}

#[utoipa::path(
    get,
    path = "/api/v1/admin/reports",
    tag = "admin",
    params(("status" = Option<String>, Query, description = "Only reports in this status")),
    responses((status = 200, body = Vec<AdminReportSummary>), (status = 401, body = ApiErrorBody))
)]
pub async fn list(
    State(st): State<AppState>,
    user: AuthUser,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Json<Vec<AdminReportSummary>>> {
    let status = match q.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(Status::parse(s).ok_or_else(|| Error::BadInput(format!("status tidak dikenal: {s}")))?),
    };
    let agency = match user.role {
        Role::AgencyAdmin => match user.agency_id {
            Some(a) => Some(a),
            None => return Ok(Json(Vec::new())),
        },
        _ => None,
    };
    let today = crate::today();
    let rows = st.db.list_reports(status, agency).await?;
    let list = rows
        .into_iter()
        .map(|r| AdminReportSummary {
            id: r.id,
            kind: super::views::kind(&r),
            regency: st.regions.name(&r.regency_code).map(str::to_string),
            overdue: overdue(r.status, r.due_date.as_deref(), today),
            tracking_number: r.tracking_number,
            title: r.title,
            status: r.status,
            category: r.category_name,
            agency: r.agency_name,
            created_at: r.created_at,
            due_date: r.due_date,
            anonymous: r.anonymous,
            confidential: r.confidential,
        })
        .collect();
    Ok(Json(list))
}

#[utoipa::path(
    get,
    path = "/api/v1/admin/reports/{id}",
    tag = "admin",
    params(("id" = i64, Path, description = "Report id")),
    responses((status = 200, body = AdminReportDetail), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody))
)]
pub async fn detail(State(st): State<AppState>, user: AuthUser, Path(id): Path<String>) -> Result<Json<AdminReportDetail>> {
    let row = load(&st, &user, &id).await?;
    Ok(Json(detail_of(&st, &user, row).await?))
}

pub(super) fn required_text(field: &str, text: &str) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Error::field(field, FieldIssue::Required));
    }
    if t.chars().count() > domain::validation::BODY_MAX {
        return Err(Error::field(field, FieldIssue::TooLong { max: domain::validation::BODY_MAX }));
    }
    Ok(t.to_string())
}

fn transition_error(e: TransitionError) -> Error {
    match e {
        TransitionError::NotAllowed(..) => Error::Forbidden("Peran Anda tidak dapat melakukan tindakan ini.".into()),
        TransitionError::NotFrom(s, _) => Error::Conflict(format!(
            "Tindakan ini tidak dapat dilakukan pada laporan berstatus \u{201c}{}\u{201d}.",
            s.label(domain::Lang::Id)
        )),
        TransitionError::TooManyReopens => Error::Conflict(format!(
            "Laporan ini sudah dibuka kembali {} kali; hubungi admin koordinator.",
            status::MAX_REOPENS
        )),
    }
}

#[utoipa::path(
    post,
    path = "/api/v1/admin/reports/{id}/actions",
    tag = "admin",
    params(("id" = i64, Path, description = "Report id")),
    request_body = AdminAction,
    responses(
        (status = 200, description = "The report after the action", body = AdminReportDetail),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "Not this role's action", body = ApiErrorBody),
        (status = 404, body = ApiErrorBody),
        (status = 409, description = "Not possible in the report's current status", body = ApiErrorBody),
        (status = 422, description = "Field problems; respond: `attachments` `too_many_files` or \
                                      `unknown_attachment` (unknown, wrong token, or attached already)", body = ApiErrorBody),
    )
)]
pub async fn act(
    State(st): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    ApiJson(action): ApiJson<AdminAction>,
) -> Result<Json<AdminReportDetail>> {
    let row = load(&st, &user, &id).await?;
    let actor = actor_of(&user).ok_or_else(|| Error::Forbidden("Pengawas hanya dapat melihat laporan.".into()))?;
    super::actions::perform(&st, &user, actor, &row, action).await?;
    let row = st.db.report(row.id).await?.ok_or_else(Error::report_not_found)?;
    Ok(Json(detail_of(&st, &user, row).await?))
}

/// An action on one report by one actor: an admin, or the reporter (no user).
pub(super) struct Ctx<'a> {
    pub st: &'a AppState,
    pub user: Option<&'a AuthUser>,
    pub actor: Actor,
    pub row: &'a ReportRow,
}

impl Ctx<'_> {
    /// "Pelapor", "Koordinator" or the agency's name: the label the reporter sees.
    pub fn label(&self) -> String {
        match self.actor {
            Actor::Reporter => "Pelapor".into(),
            Actor::Agency => self.user.and_then(|u| u.agency_name.clone()).unwrap_or_else(|| "Instansi".into()),
            _ => "Koordinator".into(),
        }
    }

    pub fn role(&self) -> &'static str {
        match self.actor {
            Actor::Reporter => "reporter",
            Actor::Agency => "agency",
            _ => "coordinator",
        }
    }

    /// An event by this actor. An internal one is for the coordinators and
    /// one agency: the writing agency, or the report's agency when a
    /// coordinator writes it (`for_agency` changes that).
    pub fn event(&self, kind: &str, status: Status, message: Option<String>, internal: bool) -> NewEvent {
        let audience_agency_id = match self.actor {
            Actor::Agency => self.user.and_then(|u| u.agency_id),
            _ => self.row.agency_id,
        };
        NewEvent {
            at: crate::now(),
            kind: kind.into(),
            status,
            actor_role: self.role().into(),
            actor_user_id: self.user.map(|u| u.id),
            actor_label: self.label(),
            message,
            internal,
            audience_agency_id,
        }
    }

    pub fn check(&self, t: Transition) -> Result<Status> {
        status::apply(self.row.status, t, self.actor, self.row.reopen_count.max(0) as u32).map_err(transition_error)
    }

    /// The current values, to be changed by the action.
    pub fn update(&self, status: Status) -> ReportUpdate {
        ReportUpdate {
            status,
            agency_id: self.row.agency_id,
            category_id: self.row.category_id,
            followup_class: self.row.followup_class.clone(),
            due_date: None,
            reopened: false,
            at: crate::now(),
            rating: None,
            files: Vec::new(),
        }
    }

    pub async fn commit(&self, upd: ReportUpdate, events: &[NewEvent]) -> Result<()> {
        match self.st.db.update_report_if(self.row.id, self.row.status, self.row.agency_id, &upd, events).await? {
            UpdateOutcome::Done => Ok(()),
            UpdateOutcome::Moved => {
                Err(Error::Conflict("Laporan ini baru saja diubah oleh pengguna lain. Muat ulang lalu coba lagi.".into()))
            }
            UpdateOutcome::UnknownAttachment => Err(Error::field("attachments", FieldIssue::UnknownAttachment)),
        }
    }

    pub async fn due_in(&self, days: u32) -> Result<Option<String>> {
        let cal = self.st.calendar().await?;
        Ok(Some(cal.add_working_days(crate::today(), days).to_string()))
    }
}
