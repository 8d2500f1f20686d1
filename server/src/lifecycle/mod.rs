//! The report lifecycle: what each action by an officer, the reporter or the
//! system does to a report — the status move (checked by `domain::status`),
//! the columns it changes, the timeline events it records and, for officers,
//! the audit entry with the values before and after, all stored together by
//! one conditional update. The HTTP handlers, the background jobs and the
//! demo seed all come through here.

mod audit;
mod drafts;
mod officer;
pub mod practice;
mod reporter;
pub mod submit;

pub use officer::{archive_many, perform};
pub use reporter::perform_reporter;

use crate::accounts::AuthUser;
use crate::db::{NewAudit, NewEvent, ReportRow, ReportUpdate, UpdateOutcome};
use crate::error::{Error, Result};
use crate::AppState;
use domain::audit::{AuditAction, AuditChange};
use domain::status;
use domain::{Actor, EventKind, FieldIssue, Status, Transition, TransitionError};

/// The label the reporter and the public see for an actor: "Pelapor",
/// "Koordinator", "Sistem", or the agency's name.
pub fn actor_label(actor: Actor, agency_name: Option<&str>) -> String {
    match actor {
        Actor::Reporter => "Pelapor".into(),
        Actor::Coordinator => "Koordinator".into(),
        Actor::Agency => agency_name.unwrap_or("Instansi").into(),
        Actor::System => "Sistem".into(),
    }
}

/// An event nobody signed in made: the reporter's or the system's.
pub fn anonymous_event(at: i64, kind: EventKind, status: Status, actor: Actor, message: Option<String>) -> NewEvent {
    NewEvent {
        at,
        kind,
        status,
        actor_role: actor,
        actor_user_id: None,
        actor_label: actor_label(actor, None),
        message,
        internal: false,
        audience_agency_id: None,
    }
}

/// The lifecycle actor an officer acts as; supervisors only read.
pub fn actor_of(user: &AuthUser) -> Option<Actor> {
    use domain::api::Role;
    match user.role {
        Role::Coordinator | Role::Superadmin => Some(Actor::Coordinator),
        Role::AgencyAdmin => Some(Actor::Agency),
        Role::Supervisor => None,
    }
}

/// A required text of an action: trimmed, not empty, not too long.
pub fn required_text(field: &str, text: &str) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Error::field(field, FieldIssue::Required));
    }
    optional_text(field, t).map(|t| t.unwrap_or_default())
}

/// An optional text: trimmed, `None` when empty, not too long.
pub fn optional_text(field: &str, text: &str) -> Result<Option<String>> {
    let t = text.trim();
    if t.chars().count() > domain::validation::BODY_MAX {
        return Err(Error::field(field, FieldIssue::TooLong { max: domain::validation::BODY_MAX }));
    }
    Ok((!t.is_empty()).then(|| t.to_string()))
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

/// An action on one report by one actor: an officer, or the reporter (no user).
pub(crate) struct Ctx<'a> {
    pub st: &'a AppState,
    pub user: Option<&'a AuthUser>,
    pub actor: Actor,
    pub row: &'a ReportRow,
}

impl Ctx<'_> {
    /// An event by this actor. An internal one is for the coordinators and
    /// one agency: the writing agency, or the report's agency when a
    /// coordinator writes it (the caller may change that).
    pub fn event(&self, kind: EventKind, status: Status, message: Option<String>, internal: bool) -> NewEvent {
        let agency = self.user.and_then(|u| u.agency_name.as_deref());
        let audience_agency_id = match self.actor {
            Actor::Agency => self.user.and_then(|u| u.agency_id),
            _ => self.row.agency_id,
        };
        NewEvent {
            at: crate::now(),
            kind,
            status,
            actor_role: self.actor,
            actor_user_id: self.user.map(|u| u.id),
            actor_label: actor_label(self.actor, agency),
            message,
            internal,
            audience_agency_id,
        }
    }

    pub fn check(&self, t: Transition) -> Result<Status> {
        status::apply(self.row.status, t, self.actor, self.row.reopen_count.max(0) as u32).map_err(transition_error)
    }

    /// The current values, to be changed by the action; the deadline starts
    /// empty (each move sets the one that runs next, if any).
    pub fn update(&self, status: Status) -> ReportUpdate {
        let r = self.row;
        ReportUpdate {
            status,
            agency_id: r.agency_id,
            category_id: r.category_id,
            followup_class: r.followup_class.clone(),
            due_date: None,
            reopened: false,
            at: crate::now(),
            rating: None,
            files: Vec::new(),
            maladministration: r.maladministration.clone(),
            archive_reason: r.archive_reason.clone(),
            duplicate_of: r.duplicate_of.as_ref().map(|d| d.0),
        }
    }

    /// The audit entry of this officer's action with these changes (none
    /// for the reporter).
    pub fn audit(&self, action: AuditAction, changes: Vec<AuditChange>) -> Option<NewAudit> {
        Some(self.user?.audit(action, Some(self.row.id), changes))
    }

    /// Stores the update and its events, with the audit entry of the first
    /// event (what changed, before and after), if the report has not moved
    /// meanwhile.
    pub async fn commit(&self, upd: ReportUpdate, events: &[NewEvent]) -> Result<()> {
        let audit = match events.first().and_then(|e| AuditAction::of_event(e.kind)) {
            Some(action) => self.audit(action, audit::changes(self.st, self.row, &upd).await?),
            None => None,
        };
        match self.st.db.update_report_if(self.row.id, self.row.status, self.row.agency_id, &upd, events, audit.as_ref()).await? {
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

/// Deletes the attachment records `ids` that no report links to and that
/// were uploaded before `before`, and each one's file when no other record
/// (identical content uploaded again) still uses it; returns how many
/// records. Safe on several instances at once: see `Db::delete_orphan_attachment`.
pub async fn delete_unlinked(st: &AppState, ids: &[String], before: i64) -> anyhow::Result<usize> {
    let mut deleted = 0;
    for id in ids {
        let store = st.store.clone();
        let remove_file = |content_hash: String| async move { store.delete(&content_hash).await };
        if st.db.delete_orphan_attachment(id, before, remove_file).await? {
            deleted += 1;
        }
    }
    Ok(deleted)
}
