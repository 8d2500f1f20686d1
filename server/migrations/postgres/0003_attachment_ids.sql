-- Attachment ids become random (capabilities handed out by the upload
-- response) instead of the SHA-256 of the content, which anyone holding a
-- document can compute. The hash moves to `content_hash`: it names the file
-- in the store (identical uploads share one file) and is never shown.
-- Same change as migrations/sqlite/0003_attachment_ids.sql.

ALTER TABLE attachments ADD COLUMN content_hash TEXT NOT NULL DEFAULT '';
UPDATE attachments SET content_hash = id;
CREATE INDEX attachments_content_hash ON attachments(content_hash);

-- Existing rows (their id was the hash) get a fresh random id (64 hex
-- digits from two random UUIDs): a copy under the new id, the links moved to
-- it, then the old row deleted.
INSERT INTO attachments (id, kind, mime, size, created_at, content_hash)
    SELECT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), kind, mime, size, created_at, content_hash
    FROM attachments;
UPDATE report_attachments SET attachment_id = (
    SELECT a.id FROM attachments a WHERE a.content_hash = report_attachments.attachment_id AND a.id <> a.content_hash
);
DELETE FROM attachments WHERE id = content_hash;
