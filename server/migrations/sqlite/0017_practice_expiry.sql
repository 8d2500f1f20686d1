-- Practice sessions end by themselves: the background job (server/src/jobs.rs)
-- deletes a session idle for domain::practice::IDLE_SECS, or opened more than
-- MAX_LIFE_SECS ago, with its practice reports, as closing it does.
-- `last_active_at` is when the session last saw activity, in unix seconds:
-- opened, a practice report sent with its code, a presenter's step.
--
-- Join codes are now 12 digits with a check digit; the six-digit codes of
-- the sessions open before this migration no longer open anything. Their
-- activity is 0 (idle since ever), so the job's first run ends them and
-- deletes their reports (names and phone numbers included).
-- Same change as migrations/postgres/0017_practice_expiry.sql.

ALTER TABLE practice_sessions ADD COLUMN last_active_at BIGINT NOT NULL DEFAULT 0;
