-- Agencies managed in the console (/admin/instansi): an agency can be
-- deactivated (no new dispositions to it), and can have its operators'
-- follow-ups approved by its liaison before the reporter sees them.
-- An agency's accounts are its team: a liaison (penghubung) or an operator.
ALTER TABLE agencies ADD COLUMN active BIGINT NOT NULL DEFAULT 1;
ALTER TABLE agencies ADD COLUMN review_followups BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN team_role TEXT;
UPDATE users SET team_role = 'liaison' WHERE role = 'agency_admin';

-- An operator's follow-up waiting for the liaison: pending, then approved
-- (sent to the reporter as the liaison's follow-up), returned with a note,
-- or replaced by a newer draft.
CREATE TABLE followup_drafts (
    id BIGSERIAL PRIMARY KEY,
    report_id BIGINT NOT NULL REFERENCES reports(id),
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    author_user_id BIGINT NOT NULL REFERENCES users(id),
    message TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    decided_by BIGINT REFERENCES users(id),
    decided_at BIGINT,
    decision_note TEXT
);
CREATE INDEX followup_drafts_report ON followup_drafts(report_id, id);
