-- LAPOR! schema (PostgreSQL), kept in step with ../sqlite/0001_init.sql:
-- same tables, same columns, same meaning. Every integer is BIGINT (the
-- server reads them as i64), unix seconds as BIGINT, dates as TEXT
-- YYYY-MM-DD compared bytewise (COLLATE "C"), flags as BIGINT 0/1.

CREATE TABLE categories (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE agencies (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    level TEXT NOT NULL,
    region_code TEXT NOT NULL DEFAULT '',
    admin_username TEXT
);

CREATE TABLE agency_categories (
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    category_id BIGINT NOT NULL REFERENCES categories(id),
    PRIMARY KEY (agency_id, category_id)
);

CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    display_name TEXT NOT NULL,
    agency_id BIGINT REFERENCES agencies(id),
    created_at BIGINT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions(expires_at);

CREATE TABLE reports (
    id BIGSERIAL PRIMARY KEY,
    tracking_number TEXT NOT NULL UNIQUE,
    access_code_hash TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    incident_date TEXT COLLATE "C",
    province_code TEXT NOT NULL,
    regency_code TEXT NOT NULL,
    district_code TEXT,
    village_code TEXT,
    address TEXT NOT NULL DEFAULT '',
    category_id BIGINT REFERENCES categories(id),
    target_agency_id BIGINT REFERENCES agencies(id),
    agency_id BIGINT REFERENCES agencies(id),
    followup_class TEXT NOT NULL DEFAULT 'biasa',
    anonymous BIGINT NOT NULL DEFAULT 0,
    confidential BIGINT NOT NULL DEFAULT 0,
    reporter_name TEXT NOT NULL DEFAULT '',
    reporter_phone TEXT NOT NULL DEFAULT '',
    reporter_email TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    reopen_count BIGINT NOT NULL DEFAULT 0,
    due_date TEXT COLLATE "C",
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX reports_status ON reports(status);
CREATE INDEX reports_agency ON reports(agency_id);

CREATE TABLE report_events (
    id BIGSERIAL PRIMARY KEY,
    report_id BIGINT NOT NULL REFERENCES reports(id),
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    actor_user_id BIGINT REFERENCES users(id),
    actor_label TEXT NOT NULL,
    message TEXT,
    internal BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX report_events_report ON report_events(report_id, at);

CREATE TABLE idempotency (
    key TEXT PRIMARY KEY,
    receipt_json TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE holidays (
    date TEXT COLLATE "C" PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL
);
