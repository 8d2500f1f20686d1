//! The officers' queue, one report with its actions, and bulk archiving
//! (session required). What each action does is `crate::lifecycle`'s; this
//! module decides who sees what.

use super::auth::AuthUser;
use super::public::{cursor, region_filter};
use super::views::{overdue, report_view, working_days_left, ReportFiles};
use crate::db::{Cursor, QueueFilter, ReportRow};
use crate::error::{ApiJson, ApiQuery, Error, Result};
use crate::lifecycle::{self, actor_of};
use crate::AppState;
use axum::extract::{Path, State};
use axum::Json;
use domain::api::{AdminAction, AdminReportDetail, AdminReportSummary, ApiErrorBody, BulkArchive, BulkResult, ReportRef, ReporterInfo, Role};
use domain::handling::{ArchiveReason, Maladministration};
use domain::queue::{QueuePage, QueueQuery, QueueSort};
use domain::status;
use domain::tracking::normalize_tracking;
use domain::{FieldErrors, FieldIssue, FollowupClass};

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

/// A report the officer may see; the same 404 for one they may not as for
/// one that does not exist.
pub(super) async fn load(st: &AppState, user: &AuthUser, id: &str) -> Result<ReportRow> {
    let row = st.db.report(parse_id(id)?).await?.ok_or_else(Error::report_not_found)?;
    if !user.may_see(&row) {
        return Err(Error::report_not_found());
    }
    Ok(row)
}

/// Whether an admin may read something internal (a note, an operator's
/// draft) meant for `audience`: coordinators all of them, an agency only
/// those for it, a supervisor none (they may contain anything).
fn may_read_internal(user: &AuthUser, audience: Option<i64>) -> bool {
    match user.role {
        Role::Coordinator | Role::Superadmin => true,
        Role::AgencyAdmin => audience.is_some() && audience == user.agency_id,
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
    events.retain(|e| !e.internal || may_read_internal(user, e.audience_agency_id));
    let files = if may_see_files(user) { ReportFiles::load(&st.db, row.id).await? } else { ReportFiles::default() };
    let cal = st.calendar().await?;
    // Drafts are internal, like notes: the coordinators' and their agency's.
    let drafts = st.db.drafts(row.id).await?.into_iter().filter(|d| may_read_internal(user, Some(d.agency_id))).map(|d| d.draft).collect();
    let reporter = reporter_visible(user, &row).then(|| ReporterInfo {
        name: row.reporter_name.clone(),
        phone: row.reporter_phone.clone(),
        email: row.reporter_email.clone(),
        contact: row.reporter_contact.clone(),
    });
    Ok(AdminReportDetail {
        id: row.id,
        report: report_view(&st.regions, &row, events, files, true, &cal, crate::today()),
        reporter,
        channel: row.channel,
        received_date: row.created_on.clone().unwrap_or_else(|| domain::Date::from_unix(row.created_at, crate::TZ_OFFSET_HOURS).to_string()),
        agency_id: row.agency_id,
        followup_class: FollowupClass::parse(&row.followup_class),
        maladministration: row.maladministration.as_deref().and_then(Maladministration::parse),
        archive_reason: row.archive_reason.as_deref().and_then(ArchiveReason::parse),
        duplicate_of: row.duplicate_of.clone().map(|(id, tracking_number)| ReportRef { id, tracking_number }),
        available: actor_of(user).map(|a| status::available(row.status, a)).unwrap_or_default(),
        may_classify: user.role.coordinates(),
        drafts,
        drafts_only: user.drafts_only(),
        may_approve: user.approves(),
    })
}

/// The database filter of a queue query for this officer, or 422 with
/// every bad field.
fn queue_filter(st: &AppState, user: &AuthUser, q: &QueueQuery) -> Result<(QueueFilter, Option<Cursor>)> {
    let mut errs = FieldErrors::default();
    let mut f = QueueFilter::default();
    if let Some(text) = q.words() {
        if text.chars().count() > domain::public::MAX_QUERY_CHARS {
            errs.add("q", FieldIssue::TooLong { max: domain::public::MAX_QUERY_CHARS });
        } else if let Some(number) = normalize_tracking(text) {
            f.tracking_number = Some(number);
        } else {
            f.words = crate::db::public_words(text);
        }
    }
    f.status = q.status;
    f.kind = q.kind;
    f.category = q.category;
    f.region = region_filter(&st.regions, [("district", &q.district), ("regency", &q.regency), ("province", &q.province)], &mut errs);
    f.agency = q.agency;
    f.channel = q.channel;
    f.late = q.late.unwrap_or(false);
    if user.role == Role::AgencyAdmin {
        // An account without an agency sees nothing (no agency has id 0).
        f.agency_scope = Some(user.agency_id.unwrap_or(0));
    }
    f.jurisdiction = user.jurisdiction.clone();
    let after = cursor(q.after.as_deref(), &mut errs);
    if !errs.is_empty() {
        return Err(Error::Validation(errs));
    }
    Ok((f, after))
}

#[utoipa::path(
    get,
    path = "/api/v1/admin/reports",
    tag = "admin",
    params(QueueQuery),
    responses(
        (status = 200, description = "One page of the queue (an agency admin's: only its agency's reports), the cursor \
                                      of the next page, and the counts per status of the same filters without `status` \
                                      and `late`", body = QueuePage),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "A session opened with a temporary password: it must be changed first", body = ApiErrorBody),
        (status = 422, description = "An unknown region (`unknown_region`), a cursor this server did not make \
                                      (`invalid_cursor`), `q` too long, or a value of the wrong type", body = ApiErrorBody),
    )
)]
pub async fn list(State(st): State<AppState>, user: AuthUser, ApiQuery(q): ApiQuery<QueueQuery>) -> Result<Json<QueuePage>> {
    let (filter, after) = queue_filter(&st, &user, &q)?;
    let sort = q.sort.unwrap_or(if user.role == Role::AgencyAdmin { QueueSort::Deadline } else { QueueSort::Newest });
    let today = crate::today();
    let (rows, next) = st.db.queue(&filter, &today.to_string(), sort, after, q.page_size()).await?;
    let counts = st.db.queue_counts(&filter, &today.to_string()).await?;
    let cal = st.calendar().await?;
    let items = rows
        .into_iter()
        .map(|r| AdminReportSummary {
            id: r.id,
            kind: r.kind,
            regency: st.regions.name(&r.regency_code).map(str::to_string),
            overdue: overdue(r.status, r.due_date.as_deref(), today),
            working_days_left: working_days_left(&cal, r.status, r.due_date.as_deref(), today),
            tracking_number: r.tracking_number,
            title: r.title,
            status: r.status,
            category: r.category_name,
            agency: r.agency_name,
            created_at: r.created_at,
            due_date: r.due_date,
            anonymous: r.anonymous,
            confidential: r.confidential,
            channel: r.channel,
        })
        .collect();
    Ok(Json(QueuePage { items, next: next.map(Cursor::encode), counts, sort }))
}

#[utoipa::path(
    get,
    path = "/api/v1/admin/reports/{id}",
    tag = "admin",
    params(("id" = i64, Path, description = "Report id")),
    responses(
        (status = 200, body = AdminReportDetail),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "A session opened with a temporary password: it must be changed first", body = ApiErrorBody),
        (status = 404, description = "No such report, or not one this officer may see", body = ApiErrorBody),
    )
)]
pub async fn detail(State(st): State<AppState>, user: AuthUser, Path(id): Path<String>) -> Result<Json<AdminReportDetail>> {
    let row = load(&st, &user, &id).await?;
    Ok(Json(detail_of(&st, &user, row).await?))
}

fn read_only() -> Error {
    Error::Forbidden("Pengawas hanya dapat melihat laporan.".into())
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
        (status = 403, description = "Not this role's action (supervisors change nothing), or a session opened \
                                      with a temporary password", body = ApiErrorBody),
        (status = 404, description = "No such report, or not one this officer may see", body = ApiErrorBody),
        (status = 409, description = "Not possible in the report's current status, or changed meanwhile", body = ApiErrorBody),
        (status = 422, description = "Field problems: a required text empty, an unknown agency or category, \
                                      archive `duplicate_of` missing, malformed or unknown; respond: `attachments` \
                                      `too_many_files` or `unknown_attachment`; or a body that is not JSON of this shape, or sent without `Content-Type: application/json`", body = ApiErrorBody),
    )
)]
pub async fn act(
    State(st): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    ApiJson(action): ApiJson<AdminAction>,
) -> Result<Json<AdminReportDetail>> {
    let row = load(&st, &user, &id).await?;
    let actor = actor_of(&user).ok_or_else(read_only)?;
    lifecycle::perform(&st, &user, actor, &row, action).await?;
    let row = st.db.report(row.id).await?.ok_or_else(Error::report_not_found)?;
    Ok(Json(detail_of(&st, &user, row).await?))
}

#[utoipa::path(
    post,
    path = "/api/v1/admin/reports/archive",
    tag = "admin",
    request_body = BulkArchive,
    responses(
        (status = 200, description = "Which reports were archived, and why the others were not", body = BulkResult),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "Not a coordinator", body = ApiErrorBody),
        (status = 422, description = "`ids` empty or more than 100; `duplicate_of` missing, malformed or unknown; \
                                      `note` too long; or a body that is not JSON of this shape, or sent without `Content-Type: application/json`", body = ApiErrorBody),
    )
)]
pub async fn archive_many(State(st): State<AppState>, user: AuthUser, ApiJson(req): ApiJson<BulkArchive>) -> Result<Json<BulkResult>> {
    let actor = actor_of(&user).ok_or_else(read_only)?;
    Ok(Json(lifecycle::archive_many(&st, &user, actor, &req).await?))
}
