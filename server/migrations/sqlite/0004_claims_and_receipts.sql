-- Security review fixes (same change as migrations/postgres/0004_claims_and_receipts.sql):
--
-- 1. An upload is claimed by the client that made it: each upload gets a
--    secret token (only its hash is kept here), and a report links an
--    attachment only with that token. Uploads from before have no token and
--    can no longer be claimed. An attachment belongs to one report at most:
--    links made by the hole (an existing attachment linked to a second
--    report) are dropped, the first report keeping its file.
ALTER TABLE attachments ADD COLUMN token_hash TEXT;
DELETE FROM report_attachments WHERE EXISTS (
    SELECT 1 FROM report_attachments o
    WHERE o.attachment_id = report_attachments.attachment_id AND o.report_id < report_attachments.report_id
);
DROP INDEX report_attachments_attachment;
CREATE UNIQUE INDEX report_attachments_once ON report_attachments(attachment_id);

-- 2. Idempotency receipts keep no access code in clear and are bound to
--    the request: the key is stored as its hash, with the hash of the body
--    it came with; the receipt's access code is sealed with a key derived
--    from the idempotency key, which only the client holds. The old rows
--    (with codes in clear, at most 24 hours old) are dropped.
DROP TABLE idempotency;
CREATE TABLE idempotency (
    key_hash TEXT PRIMARY KEY,
    body_hash TEXT NOT NULL,
    receipt_json TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- 3. An internal note is read by the coordinators and by one agency, its
--    audience: the agency that wrote it, or the agency a coordinator's note
--    was written for (the report's agency then). A note never follows a
--    report to the next agency. Notes from before: an agency's note keeps
--    its writer's agency; a coordinator's stays with the coordinators.
ALTER TABLE report_events ADD COLUMN audience_agency_id INTEGER;
UPDATE report_events SET audience_agency_id = (
    SELECT u.agency_id FROM users u WHERE u.id = report_events.actor_user_id
) WHERE internal = 1 AND actor_role = 'agency';
