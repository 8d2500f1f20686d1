-- Browsers an officer has signed in on (OWASP's device cookies): a user
-- name locked by a stranger's guesses still signs in from them. Only the
-- cookie's SHA-256 is kept, with the (lower-case) user name it was given
-- for and the failed sign-ins made with it (too many and it is trusted no
-- more). Sessions count wrong old passwords given to the password change:
-- a few end the session.
CREATE TABLE trusted_devices (
    token_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL,
    failures BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX trusted_devices_last_used ON trusted_devices (last_used_at);
ALTER TABLE sessions ADD COLUMN password_failures BIGINT NOT NULL DEFAULT 0;
