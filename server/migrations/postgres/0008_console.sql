-- The officers' console: what a coordinator decides about a report besides
-- its status, sessions of one account, the audit log,
-- and the indexes of the queue's orders. Same change as
-- migrations/sqlite/0008_console.sql.

ALTER TABLE reports ADD COLUMN maladministration TEXT;
ALTER TABLE reports ADD COLUMN archive_reason TEXT;
ALTER TABLE reports ADD COLUMN duplicate_of BIGINT REFERENCES reports(id);

-- A session's `expires_at` is now moved on while it is used (it ends after
-- a time without use); every session of an account can be ended at once.
CREATE INDEX sessions_user ON sessions(user_id);

-- Every officer action. Appended to only: no statement of the product
-- updates or deletes a row, and the database refuses an UPDATE.
CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    at BIGINT NOT NULL,
    user_id BIGINT REFERENCES users(id),
    -- The account's name; for a failed sign-in, the name typed.
    username TEXT NOT NULL,
    role TEXT,
    agency_id BIGINT REFERENCES agencies(id),
    action TEXT NOT NULL,
    report_id BIGINT REFERENCES reports(id),
    -- JSON array of {field, before, after}.
    changes TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX audit_log_user ON audit_log(username, id);
CREATE INDEX audit_log_report ON audit_log(report_id, id);
CREATE INDEX audit_log_action ON audit_log(action, id);
CREATE INDEX audit_log_at ON audit_log(at, id);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- The queue: nearest deadline first (none last), overall and per agency; newest per agency.
CREATE INDEX reports_deadline ON reports((COALESCE(due_date, '9999-12-31')), id);
CREATE INDEX reports_agency_deadline ON reports(agency_id, (COALESCE(due_date, '9999-12-31')), id);
CREATE INDEX reports_agency_created ON reports(agency_id, created_at, id);
