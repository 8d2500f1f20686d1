-- Sign-in attempts per user name (trimmed, lowercased; whether or not an
-- account has that name), for the lock-out after failures in a row. Every
-- attempt is counted before its password is checked and a success deletes
-- the row, so `attempts` is the current streak of failed (or unfinished)
-- sign-ins. The attempt that reaches the limit sets `locked_until` (unix
-- seconds; 0 = not locked). Rows whose last attempt is a day old are purged.
-- Same change as migrations/postgres/0005_login_throttle.sql.

CREATE TABLE login_throttle (
    username TEXT PRIMARY KEY,
    attempts INTEGER NOT NULL,
    locked_until BIGINT NOT NULL,
    last_attempt_at BIGINT NOT NULL
);
CREATE INDEX login_throttle_last_attempt ON login_throttle(last_attempt_at);
