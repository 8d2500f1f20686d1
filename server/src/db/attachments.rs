//! Attachment records and their links to reports (the files themselves are
//! in the `AttachmentStore`).

use super::Db;
use domain::attachments::{AttachmentKind, AttachmentRef};
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};
use std::future::Future;

fn attachment(r: &AnyRow) -> anyhow::Result<AttachmentRef> {
    let kind: String = r.try_get("kind")?;
    let size: i64 = r.try_get("size")?;
    Ok(AttachmentRef {
        id: r.try_get("id")?,
        kind: AttachmentKind::parse(&kind).ok_or_else(|| anyhow::anyhow!("unknown attachment kind {kind:?}"))?,
        mime: r.try_get("mime")?,
        size: u64::try_from(size).unwrap_or_default(),
    })
}

/// Links attachments to a new report, in order, inside the report's
/// transaction; false if one of them does not exist (any more).
pub(super) async fn link(tx: &mut Transaction<'_, Any>, report_id: i64, ids: &[String]) -> anyhow::Result<bool> {
    for (position, id) in ids.iter().enumerate() {
        let n = sqlx::query(
            "INSERT INTO report_attachments (report_id, attachment_id, position) \
             SELECT $1, id, $2 FROM attachments WHERE id = $3",
        )
        .bind(report_id)
        .bind(position as i64)
        .bind(id)
        .execute(&mut **tx)
        .await?
        .rows_affected();
        if n != 1 {
            return Ok(false);
        }
    }
    Ok(true)
}

impl Db {
    /// Records an uploaded file; true if it is new. A known one has its
    /// `created_at` moved to `now`, so the orphan cleanup leaves it alone
    /// while the report that will use it is being sent.
    pub async fn record_attachment(&self, a: &AttachmentRef, now: i64) -> anyhow::Result<bool> {
        let inserted = sqlx::query(
            "INSERT INTO attachments (id, kind, mime, size, created_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(&a.id)
        .bind(a.kind.as_str())
        .bind(&a.mime)
        .bind(i64::try_from(a.size)?)
        .bind(now)
        .execute(&self.pool)
        .await?
        .rows_affected()
            == 1;
        if !inserted {
            sqlx::query("UPDATE attachments SET created_at = $1 WHERE id = $2 AND created_at < $1")
                .bind(now)
                .bind(&a.id)
                .execute(&self.pool)
                .await?;
        }
        Ok(inserted)
    }

    pub async fn attachment(&self, id: &str) -> anyhow::Result<Option<AttachmentRef>> {
        let row = sqlx::query("SELECT id, kind, mime, size FROM attachments WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(attachment).transpose()
    }

    /// Which of `ids` are not recorded.
    pub async fn missing_attachments(&self, ids: &[String]) -> anyhow::Result<Vec<String>> {
        let mut missing = Vec::new();
        for id in ids {
            let found = sqlx::query("SELECT id FROM attachments WHERE id = $1").bind(id).fetch_optional(&self.pool).await?;
            if found.is_none() {
                missing.push(id.clone());
            }
        }
        Ok(missing)
    }

    /// A report's attachments in the order they were attached.
    pub async fn report_attachments(&self, report_id: i64) -> anyhow::Result<Vec<AttachmentRef>> {
        let rows = sqlx::query(
            "SELECT a.id, a.kind, a.mime, a.size FROM report_attachments ra \
             JOIN attachments a ON a.id = ra.attachment_id WHERE ra.report_id = $1 ORDER BY ra.position",
        )
        .bind(report_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(attachment).collect()
    }

    /// One attachment of one report; `None` if it does not belong to it.
    pub async fn report_attachment(&self, report_id: i64, id: &str) -> anyhow::Result<Option<AttachmentRef>> {
        let row = sqlx::query(
            "SELECT a.id, a.kind, a.mime, a.size FROM report_attachments ra \
             JOIN attachments a ON a.id = ra.attachment_id WHERE ra.report_id = $1 AND ra.attachment_id = $2",
        )
        .bind(report_id)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(attachment).transpose()
    }

    /// Ids of attachments no report uses, recorded before `before`.
    pub async fn orphan_attachments(&self, before: i64) -> anyhow::Result<Vec<String>> {
        let rows = sqlx::query(
            "SELECT id FROM attachments a WHERE a.created_at < $1 \
             AND NOT EXISTS (SELECT 1 FROM report_attachments ra WHERE ra.attachment_id = a.id) ORDER BY id",
        )
        .bind(before)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok(r.try_get("id")?)).collect()
    }

    /// Deletes one attachment record if it is still unused and older than
    /// `before`, and while the row is deleted but not yet committed runs
    /// `remove_file`: an upload of the same content waits for the commit
    /// (and then writes the file again), and an upload that came first has
    /// refreshed `created_at`, so the record stays. True if it was deleted.
    pub async fn delete_orphan_attachment<F, Fut>(&self, id: &str, before: i64, remove_file: F) -> anyhow::Result<bool>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = anyhow::Result<()>>,
    {
        let mut tx = self.pool.begin().await?;
        let n = sqlx::query(
            "DELETE FROM attachments WHERE id = $1 AND created_at < $2 \
             AND NOT EXISTS (SELECT 1 FROM report_attachments ra WHERE ra.attachment_id = attachments.id)",
        )
        .bind(id)
        .bind(before)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 0 {
            tx.rollback().await?;
            return Ok(false);
        }
        remove_file().await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Moves an attachment's upload time (administration and tests).
    pub async fn set_attachment_created_at(&self, id: &str, at: i64) -> anyhow::Result<()> {
        sqlx::query("UPDATE attachments SET created_at = $1 WHERE id = $2").bind(at).bind(id).execute(&self.pool).await?;
        Ok(())
    }
}
