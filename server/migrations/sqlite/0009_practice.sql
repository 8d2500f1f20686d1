-- Socialization events: practice sessions and their practice reports. A
-- practice report is a report row with `practice_session_id` set: it goes
-- through the same lifecycle and tracking, but no list, count, queue, feed or
-- recap of real reports includes it (every such query requires
-- `practice_session_id IS NULL`), and closing the session deletes it with its
-- events and files. Same change as migrations/postgres/0009_practice.sql.

CREATE TABLE practice_sessions (
    id INTEGER PRIMARY KEY,
    -- The six digits the audience's phones join with (unique while open).
    code TEXT NOT NULL UNIQUE,
    opened_by INTEGER NOT NULL REFERENCES users(id),
    opened_at BIGINT NOT NULL
);

ALTER TABLE reports ADD COLUMN practice_session_id INTEGER REFERENCES practice_sessions(id);
CREATE INDEX reports_practice ON reports(practice_session_id, id);
