-- LAPOR! schema (SQLite). Portable types only: INTEGER/BIGINT unix seconds,
-- dates as TEXT YYYY-MM-DD, flags as INTEGER 0/1.

CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE agencies (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    level TEXT NOT NULL,
    region_code TEXT NOT NULL DEFAULT '',
    admin_username TEXT
);

CREATE TABLE agency_categories (
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    category_id INTEGER NOT NULL REFERENCES categories(id),
    PRIMARY KEY (agency_id, category_id)
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    display_name TEXT NOT NULL,
    agency_id INTEGER REFERENCES agencies(id),
    created_at BIGINT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions(expires_at);

CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    tracking_number TEXT NOT NULL UNIQUE,
    access_code_hash TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    incident_date TEXT,
    province_code TEXT NOT NULL,
    regency_code TEXT NOT NULL,
    district_code TEXT,
    village_code TEXT,
    address TEXT NOT NULL DEFAULT '',
    category_id INTEGER REFERENCES categories(id),
    target_agency_id INTEGER REFERENCES agencies(id),
    agency_id INTEGER REFERENCES agencies(id),
    followup_class TEXT NOT NULL DEFAULT 'biasa',
    anonymous INTEGER NOT NULL DEFAULT 0,
    confidential INTEGER NOT NULL DEFAULT 0,
    reporter_name TEXT NOT NULL DEFAULT '',
    reporter_phone TEXT NOT NULL DEFAULT '',
    reporter_email TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    reopen_count INTEGER NOT NULL DEFAULT 0,
    due_date TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX reports_status ON reports(status);
CREATE INDEX reports_agency ON reports(agency_id);

CREATE TABLE report_events (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id),
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    actor_user_id INTEGER REFERENCES users(id),
    actor_label TEXT NOT NULL,
    message TEXT,
    internal INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX report_events_report ON report_events(report_id, at);

CREATE TABLE idempotency (
    key TEXT PRIMARY KEY,
    receipt_json TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE holidays (
    date TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL
);
