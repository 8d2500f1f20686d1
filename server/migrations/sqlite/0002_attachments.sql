-- Attachments (files named by the SHA-256 of their content), their links to
-- reports, and per-address rate-limit windows.

CREATE TABLE attachments (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    mime TEXT NOT NULL,
    size BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX attachments_created ON attachments(created_at);

CREATE TABLE report_attachments (
    report_id INTEGER NOT NULL REFERENCES reports(id),
    attachment_id TEXT NOT NULL REFERENCES attachments(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (report_id, attachment_id)
);
CREATE INDEX report_attachments_attachment ON report_attachments(attachment_id);

CREATE TABLE rate_limits (
    key TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (key, window_start)
);
CREATE INDEX rate_limits_window ON rate_limits(window_start);
