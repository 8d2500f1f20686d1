//! Reports, their timeline events and submission idempotency.

use super::audit::NewAudit;
use super::{flag, Backend, Db};
use anyhow::Context;
use domain::api::SubmitReceipt;
use domain::intake::Channel;
use domain::{Actor, EventKind, Status};
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

/// A report row with the names of its category and current agency.
#[derive(Clone, Debug)]
pub struct ReportRow {
    pub id: i64,
    pub tracking_number: String,
    pub access_code_hash: String,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub incident_date: Option<String>,
    pub province_code: String,
    pub regency_code: String,
    pub district_code: Option<String>,
    pub village_code: Option<String>,
    pub address: String,
    pub category_id: Option<i64>,
    pub category_name: Option<String>,
    pub target_agency_id: Option<i64>,
    pub agency_id: Option<i64>,
    pub agency_name: Option<String>,
    pub followup_class: String,
    pub anonymous: bool,
    pub confidential: bool,
    pub reporter_name: String,
    pub reporter_phone: String,
    pub reporter_email: String,
    pub status: Status,
    pub reopen_count: i64,
    pub due_date: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    /// The reporter's rating of the follow-up (1–5) and its comment.
    pub rating: Option<i64>,
    pub rating_comment: Option<String>,
    /// A `Maladministration` API name.
    pub maladministration: Option<String>,
    /// An `ArchiveReason` API name, once archived.
    pub archive_reason: Option<String>,
    /// The original of a duplicate: its id and tracking number.
    pub duplicate_of: Option<(i64, String)>,
    /// The socialization session of a practice report (`None`: a real report).
    pub practice_session_id: Option<i64>,
    /// How it arrived, and the reporter's other contact (a letter's return
    /// address, an account on social media).
    pub channel: Channel,
    pub reporter_contact: String,
    /// The day it was received (local date; `None` only before its first event).
    pub created_on: Option<String>,
}

pub(super) const REPORT_SELECT: &str = "SELECT r.id, r.tracking_number, r.access_code_hash, r.kind, r.title, r.body, \
     r.incident_date, r.province_code, r.regency_code, r.district_code, r.village_code, r.address, \
     r.category_id, c.name AS category_name, r.target_agency_id, r.agency_id, a.name AS agency_name, \
     r.followup_class, r.anonymous, r.confidential, r.reporter_name, r.reporter_phone, r.reporter_email, \
     r.status, r.reopen_count, r.due_date, r.created_at, r.updated_at, r.rating, r.rating_comment, \
     r.maladministration, r.archive_reason, r.duplicate_of, d.tracking_number AS duplicate_of_number, \
     r.practice_session_id, r.channel, r.reporter_contact, r.created_on \
     FROM reports r LEFT JOIN categories c ON c.id = r.category_id LEFT JOIN agencies a ON a.id = r.agency_id \
     LEFT JOIN reports d ON d.id = r.duplicate_of";

pub(super) fn report(r: &AnyRow) -> anyhow::Result<ReportRow> {
    let status: String = r.try_get("status")?;
    Ok(ReportRow {
        id: r.try_get("id")?,
        tracking_number: r.try_get("tracking_number")?,
        access_code_hash: r.try_get("access_code_hash")?,
        kind: r.try_get("kind")?,
        title: r.try_get("title")?,
        body: r.try_get("body")?,
        incident_date: r.try_get("incident_date")?,
        province_code: r.try_get("province_code")?,
        regency_code: r.try_get("regency_code")?,
        district_code: r.try_get("district_code")?,
        village_code: r.try_get("village_code")?,
        address: r.try_get("address")?,
        category_id: r.try_get("category_id")?,
        category_name: r.try_get("category_name")?,
        target_agency_id: r.try_get("target_agency_id")?,
        agency_id: r.try_get("agency_id")?,
        agency_name: r.try_get("agency_name")?,
        followup_class: r.try_get("followup_class")?,
        anonymous: r.try_get::<i64, _>("anonymous")? != 0,
        confidential: r.try_get::<i64, _>("confidential")? != 0,
        reporter_name: r.try_get("reporter_name")?,
        reporter_phone: r.try_get("reporter_phone")?,
        reporter_email: r.try_get("reporter_email")?,
        status: Status::parse(&status).with_context(|| format!("unknown status {status:?} in the database"))?,
        reopen_count: r.try_get("reopen_count")?,
        due_date: r.try_get("due_date")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        rating: r.try_get("rating")?,
        rating_comment: r.try_get("rating_comment")?,
        maladministration: r.try_get("maladministration")?,
        archive_reason: r.try_get("archive_reason")?,
        duplicate_of: match (r.try_get::<Option<i64>, _>("duplicate_of")?, r.try_get::<Option<String>, _>("duplicate_of_number")?) {
            (Some(id), Some(n)) => Some((id, n)),
            _ => None,
        },
        practice_session_id: r.try_get("practice_session_id")?,
        channel: {
            let c: String = r.try_get("channel")?;
            Channel::parse(&c).with_context(|| format!("unknown channel {c:?} in the database"))?
        },
        reporter_contact: r.try_get("reporter_contact")?,
        created_on: r.try_get("created_on")?,
    })
}

/// Everything needed to insert a report (the tracking number is chosen on insert).
#[derive(Clone, Debug, Default)]
pub struct NewReportRow {
    pub access_code_hash: String,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub incident_date: Option<String>,
    pub province_code: String,
    pub regency_code: String,
    pub district_code: Option<String>,
    pub village_code: Option<String>,
    pub address: String,
    pub category_id: Option<i64>,
    pub target_agency_id: Option<i64>,
    pub agency_id: Option<i64>,
    pub followup_class: String,
    pub anonymous: bool,
    pub confidential: bool,
    pub reporter_name: String,
    pub reporter_phone: String,
    pub reporter_email: String,
    pub status: String,
    pub due_date: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    /// Demo data only: an `ArchiveReason` API name.
    pub archive_reason: Option<String>,
    /// A practice report's socialization session.
    pub practice_session_id: Option<i64>,
    pub channel: Channel,
    pub reporter_contact: String,
    /// The day received, when not the day of its first event (a report
    /// from another channel entered later).
    pub created_on: Option<String>,
}

#[derive(Clone, Debug)]
pub struct NewEvent {
    pub at: i64,
    pub kind: EventKind,
    pub status: Status,
    pub actor_role: Actor,
    pub actor_user_id: Option<i64>,
    /// The public label: "Pelapor", "Koordinator", the agency's name, "Sistem".
    pub actor_label: String,
    pub message: Option<String>,
    pub internal: bool,
    /// For an internal note: the one agency that may read it (besides the
    /// coordinators); `None` for coordinators only.
    pub audience_agency_id: Option<i64>,
}

#[derive(Clone, Debug)]
pub struct EventRow {
    pub id: i64,
    pub at: i64,
    pub kind: EventKind,
    pub status: Status,
    pub actor_role: Actor,
    pub actor_label: String,
    /// The acting admin's display name, for admin views only.
    pub actor_display_name: Option<String>,
    pub message: Option<String>,
    pub internal: bool,
    pub audience_agency_id: Option<i64>,
}

/// The columns an action may change, written together with a conditional UPDATE.
#[derive(Clone, Debug)]
pub struct ReportUpdate {
    pub status: Status,
    pub agency_id: Option<i64>,
    pub category_id: Option<i64>,
    pub followup_class: String,
    pub due_date: Option<String>,
    /// Counts one more reopening (`reopen_count + 1`).
    pub reopened: bool,
    pub at: i64,
    /// The reporter's rating (1–5) and comment, set when accepting.
    pub rating: Option<(i64, Option<String>)>,
    /// Uploads the first event posts (a follow-up's files), linked to it.
    pub files: Vec<Claim>,
    /// `Maladministration`, `ArchiveReason` API names; the original's id.
    pub maladministration: Option<String>,
    pub archive_reason: Option<String>,
    pub duplicate_of: Option<i64>,
}

/// What a conditional update did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpdateOutcome {
    Done,
    /// Someone else moved the report first; nothing was stored.
    Moved,
    /// One of `files` cannot be claimed (unknown, wrong token, linked
    /// already); nothing was stored.
    UnknownAttachment,
}

pub enum SubmitOutcome {
    Created { id: i64, receipt: SubmitReceipt },
    /// The idempotency key was used before: the body hash it came with and
    /// the receipt as stored (see `crate::idempotency`).
    Existing { body_hash: String, receipt_json: String },
    /// An attachment disappeared, was claimed by another report meanwhile, or
    /// its token did not match; nothing was stored.
    UnknownAttachment,
}

/// A submission's idempotency key as the database keeps it.
pub struct IdempotencyKey<'a> {
    pub key_hash: &'a str,
    pub body_hash: &'a str,
    /// The receipt as stored, with no access code in clear.
    pub seal: &'a (dyn Fn(&SubmitReceipt) -> anyhow::Result<String> + Send + Sync),
}

/// An uploaded file a new report claims: its id and the hash of its token.
#[derive(Clone, Debug)]
pub struct Claim {
    pub id: String,
    pub token_hash: String,
}

/// The `kind` column of an event row.
pub(super) fn event_kind(r: &AnyRow) -> anyhow::Result<EventKind> {
    let kind: String = r.try_get("kind")?;
    EventKind::parse(&kind).with_context(|| format!("unknown event kind {kind:?} in the database"))
}

/// The `actor_role` column of an event row.
pub(super) fn actor(r: &AnyRow) -> anyhow::Result<Actor> {
    let role: String = r.try_get("actor_role")?;
    Actor::parse(&role).with_context(|| format!("unknown actor {role:?} in the database"))
}

/// Inserts one event and returns its id.
async fn insert_event(tx: &mut Transaction<'_, Any>, report_id: i64, e: &NewEvent) -> anyhow::Result<i64> {
    let row = sqlx::query(
        "INSERT INTO report_events (report_id, at, kind, status, actor_role, actor_user_id, actor_label, message, \
         internal, audience_agency_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(report_id)
    .bind(e.at)
    .bind(e.kind.as_str())
    .bind(e.status.as_str())
    .bind(e.actor_role.as_str())
    .bind(e.actor_user_id)
    .bind(&e.actor_label)
    .bind(e.message.as_deref())
    .bind(flag(e.internal))
    .bind(e.audience_agency_id.filter(|_| e.internal))
    .fetch_one(&mut **tx)
    .await?;
    mark_milestone(tx, report_id, e).await?;
    Ok(row.try_get("id")?)
}

/// Keeps the report's milestones (local dates, for the recaps) in step with
/// its events: received; the coordinator's first decision; the latest
/// forwarding with the deadline it set (clearing an earlier agency's
/// follow-up); the first follow-up after it.
async fn mark_milestone(tx: &mut Transaction<'_, Any>, report_id: i64, e: &NewEvent) -> anyhow::Result<()> {
    let sql = match e.kind {
        EventKind::Submitted => "UPDATE reports SET created_on = COALESCE(created_on, $1) WHERE id = $2",
        EventKind::Dispatch => {
            "UPDATE reports SET verified_on = COALESCE(verified_on, $1), dispatched_on = $1, response_due = due_date, \
             responded_on = NULL WHERE id = $2"
        }
        EventKind::Archive | EventKind::RequestInfo => "UPDATE reports SET verified_on = COALESCE(verified_on, $1) WHERE id = $2",
        EventKind::Respond => "UPDATE reports SET responded_on = COALESCE(responded_on, $1) WHERE id = $2",
        _ => return Ok(()),
    };
    let on = domain::Date::from_unix(e.at, crate::TZ_OFFSET_HOURS).to_string();
    sqlx::query(sql).bind(on).bind(report_id).execute(&mut **tx).await?;
    Ok(())
}

/// Binds a new report's columns from `access_code_hash` to `status`, in the
/// order both INSERTs of a report list them (here and `bulk`).
pub(super) fn bind_report_columns<'q>(
    q: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>,
    r: &'q NewReportRow,
) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>> {
    q        .bind(&r.access_code_hash)
        .bind(&r.kind)
        .bind(&r.title)
        .bind(&r.body)
        .bind(r.incident_date.as_deref())
        .bind(&r.province_code)
        .bind(&r.regency_code)
        .bind(r.district_code.as_deref())
        .bind(r.village_code.as_deref())
        .bind(&r.address)
        .bind(r.category_id)
        .bind(r.target_agency_id)
        .bind(r.agency_id)
        .bind(&r.followup_class)
        .bind(flag(r.anonymous))
        .bind(flag(r.confidential))
        .bind(&r.reporter_name)
        .bind(&r.reporter_phone)
        .bind(&r.reporter_email)
        .bind(&r.status)
}

/// Inserts the row under a fresh tracking number from `next_number`
/// (retrying on the rare clash); returns the id and the number.
async fn insert_report(
    tx: &mut Transaction<'_, Any>,
    r: &NewReportRow,
    next_number: &mut (dyn FnMut() -> String + Send),
) -> anyhow::Result<(i64, String)> {
    for _ in 0..20 {
        let number = next_number();
        let q = sqlx::query(
            "INSERT INTO reports (tracking_number, access_code_hash, kind, title, body, incident_date, \
             province_code, regency_code, district_code, village_code, address, category_id, target_agency_id, \
             agency_id, followup_class, anonymous, confidential, reporter_name, reporter_phone, reporter_email, \
             status, reopen_count, due_date, created_at, updated_at, archive_reason, practice_session_id, channel, \
             reporter_contact, created_on) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, \
             $21, 0, $22, $23, $24, $25, $26, $27, $28, $29) \
             ON CONFLICT (tracking_number) DO NOTHING RETURNING id",
        )
        .bind(&number);
        let row = bind_report_columns(q, r)
            .bind(r.due_date.as_deref())
            .bind(r.created_at)
            .bind(r.updated_at)
            .bind(r.archive_reason.as_deref())
            .bind(r.practice_session_id)
            .bind(r.channel.as_str())
            .bind(&r.reporter_contact)
            .bind(r.created_on.as_deref())
            .fetch_optional(&mut **tx)
            .await?;
        if let Some(row) = row {
            return Ok((row.try_get("id")?, number));
        }
    }
    anyhow::bail!("could not find a free tracking number")
}

/// The PostgreSQL advisory lock key of the auto-close job ("LAPORcls").
const AUTO_CLOSE_LOCK: i64 = 0x4c41_504f_5263_6c73;

/// Closes one report if it is still responded and past its window, with its
/// close event; false when it no longer matches (already closed, reopened…).
async fn close_one(tx: &mut Transaction<'_, Any>, id: i64, today: &str, event: &NewEvent) -> anyhow::Result<bool> {
    let n = sqlx::query(
        "UPDATE reports SET status = $1, due_date = NULL, updated_at = $2 \
         WHERE id = $3 AND status = $4 AND due_date IS NOT NULL AND due_date < $5",
    )
    .bind(Status::Closed.as_str())
    .bind(event.at)
    .bind(id)
    .bind(Status::Responded.as_str())
    .bind(today)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if n == 0 {
        return Ok(false);
    }
    insert_event(tx, id, event).await?;
    Ok(true)
}

impl Db {
    /// Stores a new report with its first event, links its attachments
    /// and, for one an officer entered, appends `audit` on it. With an
    /// idempotency key, the key and the report are inserted in one
    /// transaction: a retry (even a concurrent one) gets the first stored
    /// receipt and creates nothing.
    #[allow(clippy::too_many_arguments)]
    pub async fn submit_report(
        &self,
        row: &NewReportRow,
        access_code: &str,
        first_event: &NewEvent,
        claims: &[Claim],
        audit: Option<NewAudit>,
        key: Option<&IdempotencyKey<'_>>,
        next_number: &mut (dyn FnMut() -> String + Send),
    ) -> anyhow::Result<SubmitOutcome> {
        let mut tx = self.begin_write().await?;
        if let Some(key) = key {
            let claimed = sqlx::query(
                "INSERT INTO idempotency (key_hash, body_hash, receipt_json, created_at) VALUES ($1, $2, '', $3) \
                 ON CONFLICT (key_hash) DO NOTHING",
            )
            .bind(key.key_hash)
            .bind(key.body_hash)
            .bind(row.created_at)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if claimed == 0 {
                tx.rollback().await?;
                let stored = sqlx::query("SELECT body_hash, receipt_json FROM idempotency WHERE key_hash = $1")
                    .bind(key.key_hash)
                    .fetch_one(&self.pool)
                    .await?;
                return Ok(SubmitOutcome::Existing {
                    body_hash: stored.try_get("body_hash")?,
                    receipt_json: stored.try_get("receipt_json")?,
                });
            }
        }
        let (id, number) = insert_report(&mut tx, row, next_number).await?;
        insert_event(&mut tx, id, first_event).await?;
        if !super::attachments::link(&mut tx, id, None, claims).await? {
            tx.rollback().await?;
            return Ok(SubmitOutcome::UnknownAttachment);
        }
        if let Some(audit) = audit {
            super::audit::insert(&mut *tx, &NewAudit { report_id: Some(id), ..audit }).await?;
        }
        let receipt = SubmitReceipt {
            tracking_number: number,
            access_code: access_code.to_string(),
            status: first_event.status,
            created_at: row.created_at,
            due_date: row.due_date.clone(),
        };
        if let Some(key) = key {
            sqlx::query("UPDATE idempotency SET receipt_json = $1 WHERE key_hash = $2")
                .bind((key.seal)(&receipt)?)
                .bind(key.key_hash)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(SubmitOutcome::Created { id, receipt })
    }

    /// Whether a finished receipt is stored under this key hash.
    pub async fn has_receipt(&self, key_hash: &str) -> anyhow::Result<bool> {
        let row = sqlx::query("SELECT receipt_json FROM idempotency WHERE key_hash = $1")
            .bind(key_hash)
            .fetch_optional(&self.pool)
            .await?;
        Ok(match row {
            Some(r) => !r.try_get::<String, _>("receipt_json")?.is_empty(),
            None => false,
        })
    }

    /// Inserts a report with a whole history (demo data); returns id and number.
    pub async fn insert_report_with_events(
        &self,
        row: &NewReportRow,
        events: &[NewEvent],
        next_number: &mut (dyn FnMut() -> String + Send),
    ) -> anyhow::Result<(i64, String)> {
        let mut tx = self.begin_write().await?;
        let (id, number) = Db::insert_report_with_events_in(&mut tx, row, events, next_number).await?;
        tx.commit().await?;
        Ok((id, number))
    }

    /// Inserts a report with a whole history in `tx` (the demo data, all in one
    /// transaction); returns id and number.
    pub(crate) async fn insert_report_with_events_in(
        tx: &mut Transaction<'_, Any>,
        row: &NewReportRow,
        events: &[NewEvent],
        next_number: &mut (dyn FnMut() -> String + Send),
    ) -> anyhow::Result<(i64, String)> {
        let (id, number) = insert_report(tx, row, next_number).await?;
        for e in events {
            insert_event(tx, id, e).await?;
        }
        Ok((id, number))
    }

    pub async fn report(&self, id: i64) -> anyhow::Result<Option<ReportRow>> {
        let sql = format!("{REPORT_SELECT} WHERE r.id = $1");
        let row = sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await?;
        row.as_ref().map(report).transpose()
    }

    /// A report the number alone may show: none when it is confidential,
    /// filtered in the query, so a confidential number costs what an unknown
    /// one does (no row decoded, nothing to time).
    pub async fn public_report_by_number(&self, number: &str) -> anyhow::Result<Option<ReportRow>> {
        let sql = format!("{REPORT_SELECT} WHERE r.tracking_number = $1 AND r.confidential = 0");
        let row = sqlx::query(&sql).bind(number).fetch_optional(&self.pool).await?;
        row.as_ref().map(report).transpose()
    }

    /// Any real report by its (normalized) tracking number: for officers
    /// only (a practice report is never an officer's original or filter).
    pub async fn report_by_number(&self, number: &str) -> anyhow::Result<Option<ReportRow>> {
        let sql = format!("{REPORT_SELECT} WHERE r.tracking_number = $1 AND {}", super::REAL);
        let row = sqlx::query(&sql).bind(number).fetch_optional(&self.pool).await?;
        row.as_ref().map(report).transpose()
    }

    /// The report a tracking number and the hash of its access code open,
    /// matched in the query: a wrong code costs what an unknown number does.
    pub async fn report_by_number_and_code(&self, number: &str, code_hash: &str) -> anyhow::Result<Option<ReportRow>> {
        let sql = format!("{REPORT_SELECT} WHERE r.tracking_number = $1 AND r.access_code_hash = $2");
        let row = sqlx::query(&sql).bind(number).bind(code_hash).fetch_optional(&self.pool).await?;
        row.as_ref().map(report).transpose()
    }

    /// The timeline, oldest first; internal events only when asked for.
    pub async fn events(&self, report_id: i64, include_internal: bool) -> anyhow::Result<Vec<EventRow>> {
        let sql = format!(
            "SELECT e.id, e.at, e.kind, e.status, e.actor_role, e.actor_label, u.display_name AS actor_display_name, \
             e.message, e.internal, e.audience_agency_id FROM report_events e LEFT JOIN users u ON u.id = e.actor_user_id \
             WHERE e.report_id = $1{} ORDER BY e.at, e.id",
            if include_internal { "" } else { " AND e.internal = 0" }
        );
        let rows = sqlx::query(&sql).bind(report_id).fetch_all(&self.pool).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let status: String = r.try_get("status")?;
            out.push(EventRow {
                id: r.try_get("id")?,
                at: r.try_get("at")?,
                kind: event_kind(&r)?,
                status: Status::parse(&status).with_context(|| format!("unknown status {status:?}"))?,
                actor_role: actor(&r)?,
                actor_label: r.try_get("actor_label")?,
                actor_display_name: r.try_get("actor_display_name")?,
                message: r.try_get("message")?,
                internal: r.try_get::<i64, _>("internal")? != 0,
                audience_agency_id: r.try_get("audience_agency_id")?,
            });
        }
        Ok(out)
    }

    /// Applies `upd` only if the report is still in `expected` status with
    /// `expected_agency` as current agency, and records `events` (the first
    /// one posting `upd.files`); nothing when someone else moved it first or
    /// a file cannot be claimed.
    pub async fn update_report_if(
        &self,
        id: i64,
        expected: Status,
        expected_agency: Option<i64>,
        upd: &ReportUpdate,
        events: &[NewEvent],
        audit: Option<&NewAudit>,
    ) -> anyhow::Result<UpdateOutcome> {
        let mut tx = self.begin_write().await?;
        let n = sqlx::query(
            "UPDATE reports SET status = $1, agency_id = $2, category_id = $3, followup_class = $4, due_date = $5, \
             updated_at = $6, reopen_count = reopen_count + $10, maladministration = $11, archive_reason = $12, \
             duplicate_of = $13 WHERE id = $7 AND status = $8 AND COALESCE(agency_id, 0) = $9",
        )
        .bind(upd.status.as_str())
        .bind(upd.agency_id)
        .bind(upd.category_id)
        .bind(&upd.followup_class)
        .bind(upd.due_date.as_deref())
        .bind(upd.at)
        .bind(id)
        .bind(expected.as_str())
        .bind(expected_agency.unwrap_or(0))
        .bind(i64::from(upd.reopened))
        .bind(upd.maladministration.as_deref())
        .bind(upd.archive_reason.as_deref())
        .bind(upd.duplicate_of)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 0 {
            tx.rollback().await?;
            return Ok(UpdateOutcome::Moved);
        }
        if let Some((rating, comment)) = &upd.rating {
            sqlx::query("UPDATE reports SET rating = $1, rating_comment = $2 WHERE id = $3")
                .bind(*rating)
                .bind(comment.as_deref())
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        let mut first_event = None;
        for e in events {
            let event_id = insert_event(&mut tx, id, e).await?;
            first_event.get_or_insert(event_id);
        }
        if !upd.files.is_empty() {
            let event_id = first_event.context("files need an event to post them")?;
            if !super::attachments::link(&mut tx, id, Some(event_id), &upd.files).await? {
                tx.rollback().await?;
                return Ok(UpdateOutcome::UnknownAttachment);
            }
        }
        if let Some(a) = audit {
            super::audit::insert(&mut *tx, a).await?;
        }
        tx.commit().await?;
        Ok(UpdateOutcome::Done)
    }

    /// Records an event without a status change (notes), with its audit entry.
    pub async fn add_event(&self, id: i64, event: &NewEvent, audit: &NewAudit) -> anyhow::Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE reports SET updated_at = $1 WHERE id = $2").bind(event.at).bind(id).execute(&mut *tx).await?;
        insert_event(&mut tx, id, event).await?;
        super::audit::insert(&mut *tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets (never unsets) the flags and records the event and the audit entry.
    pub async fn set_flags(
        &self,
        id: i64,
        anonymous: bool,
        confidential: bool,
        event: &NewEvent,
        audit: &NewAudit,
    ) -> anyhow::Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "UPDATE reports SET anonymous = CASE WHEN $1 = 1 THEN 1 ELSE anonymous END, \
             confidential = CASE WHEN $2 = 1 THEN 1 ELSE confidential END, updated_at = $3 WHERE id = $4",
        )
        .bind(flag(anonymous))
        .bind(flag(confidential))
        .bind(event.at)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        insert_event(&mut tx, id, event).await?;
        super::audit::insert(&mut *tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Closes every responded report whose reply window ended before
    /// `today`, each with one `event`; returns how many. Safe to call from
    /// every instance at once: on PostgreSQL one caller at a time does the
    /// work (a transaction-scoped advisory lock; the others return 0 at once),
    /// and on both backends each close is a conditional UPDATE, so a report
    /// is closed once and gets exactly one close event.
    pub async fn close_past_due(&self, today: &str, event: &NewEvent) -> anyhow::Result<usize> {
        match self.backend {
            // One process per database file: no other instance to agree with.
            // Each close is its own short write transaction (the id list is
            // read outside it, so the transaction starts with its write).
            Backend::Sqlite => {
                let mut closed = 0;
                for id in self.responded_past_due(today).await? {
                    let mut tx = self.begin_write().await?;
                    if close_one(&mut tx, id, today, event).await? {
                        tx.commit().await?;
                        closed += 1;
                    } else {
                        tx.rollback().await?;
                    }
                }
                Ok(closed)
            }
            Backend::Postgres => {
                let mut tx = self.begin_write().await?;
                let got: bool = sqlx::query("SELECT pg_try_advisory_xact_lock($1) AS got")
                    .bind(AUTO_CLOSE_LOCK)
                    .fetch_one(&mut *tx)
                    .await?
                    .try_get("got")?;
                if !got {
                    tx.rollback().await?;
                    return Ok(0);
                }
                let ids: Vec<i64> = sqlx::query(
                    "SELECT id FROM reports WHERE status = $1 AND due_date IS NOT NULL AND due_date < $2 \
                     ORDER BY id FOR UPDATE SKIP LOCKED",
                )
                .bind(Status::Responded.as_str())
                .bind(today)
                .fetch_all(&mut *tx)
                .await?
                .iter()
                .map(|r| r.try_get("id"))
                .collect::<sqlx::Result<_>>()?;
                let mut closed = 0;
                for id in ids {
                    if close_one(&mut tx, id, today, event).await? {
                        closed += 1;
                    }
                }
                tx.commit().await?; // releases the advisory lock
                Ok(closed)
            }
        }
    }

    /// Ids of responded reports whose reply window ended before `today`.
    async fn responded_past_due(&self, today: &str) -> anyhow::Result<Vec<i64>> {
        let rows = sqlx::query(
            "SELECT id FROM reports WHERE status = $1 AND due_date IS NOT NULL AND due_date < $2 ORDER BY id",
        )
        .bind(Status::Responded.as_str())
        .bind(today)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok(r.try_get("id")?)).collect()
    }

    /// Moves a report's deadline (administration and tests).
    pub async fn set_due_date(&self, id: i64, due_date: Option<&str>) -> anyhow::Result<()> {
        sqlx::query("UPDATE reports SET due_date = $1 WHERE id = $2").bind(due_date).bind(id).execute(&self.pool).await?;
        Ok(())
    }
}
