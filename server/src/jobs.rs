//! Background work: closing reports whose reply window ran out, purging
//! expired sessions, old idempotency receipts, rate-limit windows and
//! sign-in streaks, and deleting uploads no report used. Every instance runs
//! it; every step is safe to run concurrently (conditional statements, and an
//! advisory lock on PostgreSQL so the auto-close work is done once).


use crate::AppState;
use domain::{Actor, EventKind, Status};
use std::time::Duration;

/// Idempotency receipts are kept this long: a phone that stayed offline for
/// weeks still gets its first receipt instead of sending the report twice.
/// (They hold no access code in clear: it is sealed under the client's key.)
const IDEMPOTENCY_TTL_SECS: i64 = 30 * 24 * 3600;
/// A user name's failed sign-ins are forgotten this long after the last one.
const LOGIN_STREAK_TTL_SECS: i64 = 24 * 3600;
/// Uploaded files no report links to are deleted after this long. A form
/// sends its report right after its last upload, but five videos over a
/// weak link can take hours; a phone that lost the signal for longer
/// uploads its files again (the server answers `unknown_attachment`). The
/// megabytes limit per address keeps this from filling the disk.
pub const ORPHAN_ATTACHMENT_TTL_SECS: i64 = 6 * 3600;

pub fn spawn(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        loop {
            tick.tick().await;
            if let Err(e) = run_once(&state).await {
                tracing::error!(error = format!("{e:#}"), "background job failed");
            }
        }
    });
}

pub async fn run_once(state: &AppState) -> anyhow::Result<usize> {
    let now = crate::now();
    state.db.purge_expired(now, now - IDEMPOTENCY_TTL_SECS).await?;
    state.db.purge_rate_limits(now - state.limits.longest_window_secs()).await?;
    state.db.purge_login_attempts(now - LOGIN_STREAK_TTL_SECS).await?;
    state.db.purge_devices(now - crate::http::auth::DEVICE_TTL_SECS).await?;
    // Practice sessions idle 2 hours or open 12 end, their reports (names, phone numbers) deleted as "close" does.
    crate::lifecycle::practice::end_idle(state, now).await?;
    delete_orphan_attachments(state, now - ORPHAN_ATTACHMENT_TTL_SECS).await?;
    auto_close(state).await
}

/// Deletes attachment records that no report links to and that were
/// uploaded before `before`, with their files (`lifecycle::delete_unlinked`);
/// returns how many records.
pub async fn delete_orphan_attachments(state: &AppState, before: i64) -> anyhow::Result<usize> {
    let orphans = state.db.orphan_attachments(before).await?;
    let deleted = crate::lifecycle::delete_unlinked(state, &orphans, before).await?;
    if deleted > 0 {
        tracing::info!(deleted, "deleted attachments no report used");
    }
    Ok(deleted)
}

/// Closes responded reports whose reply window ended; returns how many.
/// Runs on every instance; the storage layer makes sure each report is
/// closed once (see `Db::close_past_due`).
pub async fn auto_close(state: &AppState) -> anyhow::Result<usize> {
    let today = crate::today().to_string();
    let event = crate::lifecycle::anonymous_event(
        crate::now(),
        EventKind::Close,
        Status::Closed,
        Actor::System,
        Some("Ditutup otomatis: batas waktu tanggapan pelapor telah berakhir.".into()),
    );
    let closed = state.db.close_past_due(&today, &event).await?;
    if closed > 0 {
        tracing::info!(closed, "closed reports whose reply window ended");
    }
    Ok(closed)
}
