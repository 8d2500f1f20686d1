//! Attachment records and their links to reports (the files themselves are
//! in the `AttachmentStore`).
//!
//! Each upload is its own record under a random id, with the hash of a
//! secret token that only the upload response tells: a report links an
//! upload only with its token, and only if no report has linked it yet, so
//! an id seen by an agency or anywhere else opens nothing. The record keeps the SHA-256 of the stored
//! bytes in `content_hash`, which names the file in the store, so identical
//! uploads share one file. The hash never leaves the server.

use super::{Backend, Db};
use domain::attachments::{AttachmentKind, AttachmentRef};
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};
use std::future::Future;

/// An attachment record with the name of its file in the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredAttachment {
    pub attachment: AttachmentRef,
    /// Hex SHA-256 of the stored bytes: the file's name in the store.
    pub content_hash: String,
}

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

fn stored(r: &AnyRow) -> anyhow::Result<StoredAttachment> {
    Ok(StoredAttachment { attachment: attachment(r)?, content_hash: r.try_get("content_hash")? })
}

/// The PostgreSQL advisory lock key of one content hash (its first 64 bits;
/// a collision only makes two unrelated uploads wait for each other).
fn hash_lock_key(content_hash: &str) -> anyhow::Result<i64> {
    let prefix = content_hash.get(..16).ok_or_else(|| anyhow::anyhow!("not a content hash: {content_hash:?}"))?;
    Ok(u64::from_str_radix(prefix, 16)? as i64)
}

/// Serializes, on PostgreSQL, the transactions that add or delete records
/// of one content hash, until the transaction ends. On SQLite the first
/// write of a transaction already takes the database's single write lock.
async fn lock_content_hash(tx: &mut Transaction<'_, Any>, backend: Backend, content_hash: &str) -> anyhow::Result<()> {
    if backend == Backend::Postgres {
        // pg_advisory_xact_lock returns void, which the Any driver cannot
        // decode: select a constant from it instead.
        sqlx::query("SELECT CAST(1 AS BIGINT) AS locked FROM (SELECT pg_advisory_xact_lock($1)) AS l")
            .bind(hash_lock_key(content_hash)?)
            .fetch_one(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Links attachments to a new report, in order, inside the report's
/// transaction; false if one of them does not exist (any more), its token
/// does not match, or it belongs to a report already (the unique index on
/// `report_attachments.attachment_id` settles concurrent claims: the second
/// waits for the first and then links nothing).
///
/// `event_id` names the event that posted them (an agency's follow-up);
/// `None` for the reporter's own files. Positions continue after the
/// report's files so far.
pub(super) async fn link(
    tx: &mut Transaction<'_, Any>,
    report_id: i64,
    event_id: Option<i64>,
    claims: &[super::Claim],
) -> anyhow::Result<bool> {
    let start: i64 = sqlx::query(
        "SELECT CAST(COALESCE(MAX(position) + 1, 0) AS BIGINT) AS next FROM report_attachments WHERE report_id = $1",
    )
    .bind(report_id)
    .fetch_one(&mut **tx)
    .await?
    .try_get("next")?;
    for (position, claim) in claims.iter().enumerate() {
        let n = sqlx::query(
            "INSERT INTO report_attachments (report_id, attachment_id, position, event_id) \
             SELECT $1, a.id, $2, $5 FROM attachments a WHERE a.id = $3 AND a.token_hash = $4 \
             AND NOT EXISTS (SELECT 1 FROM report_attachments ra WHERE ra.attachment_id = a.id) \
             ON CONFLICT DO NOTHING",
        )
        .bind(report_id)
        .bind(start + position as i64)
        .bind(&claim.id)
        .bind(&claim.token_hash)
        .bind(event_id)
        .execute(&mut **tx)
        .await?
        .rows_affected();
        if n != 1 {
            return Ok(false);
        }
    }
    Ok(true)
}

/// How a file is deleted next to its last record, and why no record is
/// ever left without its file, even with several instances sharing the
/// database and the store:
///
/// - An upload inserts its record (a new random id, `created_at` now) in a
///   transaction holding the lock of its content hash (`lock_content_hash`),
///   commits, and only then writes the file, always (`AttachmentStore::put`
///   overwrites an existing file; it never trusts "the file is there", which
///   a cleanup may be deleting, and which a network file system may report
///   from a stale cache).
/// - The cleanup, in one transaction: deletes one unused record older than
///   the cut-off (conditional DELETE, so a report linking it meanwhile keeps
///   it), takes the lock of its hash, looks whether any other record still
///   has that hash, deletes the file only if none does, and commits.
///
/// Both hold the same lock (PostgreSQL: an advisory lock on the hash;
/// SQLite: the single write lock, held from the cleanup's DELETE), so they
/// are ordered. An upload that committed first is seen by the cleanup's
/// look, and the file stays. An upload that comes second waits for the
/// cleanup's commit, which is after the file was deleted, and then writes
/// the file again. Records linked to reports are never deleted, and a
/// record's hash never changes, so a linked record always has its file.
impl Db {
    /// Records one upload under its own (random) id, with the hash of the
    /// token that lets its uploader claim it for a report.
    pub async fn record_attachment(
        &self,
        a: &AttachmentRef,
        content_hash: &str,
        token_hash: &str,
        now: i64,
    ) -> anyhow::Result<()> {
        let mut tx = self.begin_write().await?;
        lock_content_hash(&mut tx, self.backend, content_hash).await?;
        sqlx::query(
            "INSERT INTO attachments (id, kind, mime, size, created_at, content_hash, token_hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&a.id)
        .bind(a.kind.as_str())
        .bind(&a.mime)
        .bind(i64::try_from(a.size)?)
        .bind(now)
        .bind(content_hash)
        .bind(token_hash)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn attachment(&self, id: &str) -> anyhow::Result<Option<AttachmentRef>> {
        Ok(self.stored_attachment(id).await?.map(|s| s.attachment))
    }

    /// A record with the name of its file (administration and tests).
    pub async fn stored_attachment(&self, id: &str) -> anyhow::Result<Option<StoredAttachment>> {
        let row = sqlx::query("SELECT id, kind, mime, size, content_hash FROM attachments WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(stored).transpose()
    }

    /// Which of the claimed uploads cannot be linked: unknown, a token that
    /// does not match, or linked to a report already.
    pub async fn unclaimable_attachments(&self, claims: &[super::Claim]) -> anyhow::Result<Vec<String>> {
        let mut refused = Vec::new();
        for c in claims {
            let found = sqlx::query(
                "SELECT a.id FROM attachments a WHERE a.id = $1 AND a.token_hash = $2 \
                 AND NOT EXISTS (SELECT 1 FROM report_attachments ra WHERE ra.attachment_id = a.id)",
            )
            .bind(&c.id)
            .bind(&c.token_hash)
            .fetch_optional(&self.pool)
            .await?;
            if found.is_none() {
                refused.push(c.id.clone());
            }
        }
        Ok(refused)
    }

    /// A report's own attachments (sent by the reporter) in the order they were attached.
    pub async fn report_attachments(&self, report_id: i64) -> anyhow::Result<Vec<AttachmentRef>> {
        let rows = sqlx::query(
            "SELECT a.id, a.kind, a.mime, a.size FROM report_attachments ra \
             JOIN attachments a ON a.id = ra.attachment_id WHERE ra.report_id = $1 AND ra.event_id IS NULL \
             ORDER BY ra.position",
        )
        .bind(report_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(attachment).collect()
    }

    /// The files events of a report posted (an agency's follow-ups), each
    /// with its event's id, in the order they were attached.
    pub async fn event_attachments(&self, report_id: i64) -> anyhow::Result<Vec<(i64, AttachmentRef)>> {
        let rows = sqlx::query(
            "SELECT ra.event_id, a.id, a.kind, a.mime, a.size FROM report_attachments ra \
             JOIN attachments a ON a.id = ra.attachment_id WHERE ra.report_id = $1 AND ra.event_id IS NOT NULL \
             ORDER BY ra.position",
        )
        .bind(report_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok((r.try_get("event_id")?, attachment(r)?))).collect()
    }

    /// One attachment of one report, with its file name; `None` if it does
    /// not belong to the report.
    pub async fn report_attachment(&self, report_id: i64, id: &str) -> anyhow::Result<Option<StoredAttachment>> {
        let row = sqlx::query(
            "SELECT a.id, a.kind, a.mime, a.size, a.content_hash FROM report_attachments ra \
             JOIN attachments a ON a.id = ra.attachment_id WHERE ra.report_id = $1 AND ra.attachment_id = $2",
        )
        .bind(report_id)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(stored).transpose()
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
    /// `before`; when no other record has its content hash, runs
    /// `remove_file(hash)` before committing (see the comment on this `impl`
    /// for why that is safe against concurrent uploads). True if the record
    /// was deleted.
    pub async fn delete_orphan_attachment<F, Fut>(&self, id: &str, before: i64, remove_file: F) -> anyhow::Result<bool>
    where
        F: FnOnce(String) -> Fut,
        Fut: Future<Output = anyhow::Result<()>>,
    {
        let mut tx = self.begin_write().await?;
        let deleted = sqlx::query(
            "DELETE FROM attachments WHERE id = $1 AND created_at < $2 \
             AND NOT EXISTS (SELECT 1 FROM report_attachments ra WHERE ra.attachment_id = attachments.id) \
             RETURNING content_hash",
        )
        .bind(id)
        .bind(before)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = deleted else {
            tx.rollback().await?;
            return Ok(false);
        };
        let content_hash: String = row.try_get("content_hash")?;
        lock_content_hash(&mut tx, self.backend, &content_hash).await?;
        let shared = sqlx::query("SELECT id FROM attachments WHERE content_hash = $1 LIMIT 1")
            .bind(&content_hash)
            .fetch_optional(&mut *tx)
            .await?
            .is_some();
        if !shared {
            remove_file(content_hash).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Moves an attachment's upload time (administration and tests).
    pub async fn set_attachment_created_at(&self, id: &str, at: i64) -> anyhow::Result<()> {
        sqlx::query("UPDATE attachments SET created_at = $1 WHERE id = $2").bind(at).bind(id).execute(&self.pool).await?;
        Ok(())
    }
}
