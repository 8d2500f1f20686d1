//! Sign-in attempts per user name, for the lock-out after failed sign-ins in
//! a row. In the database, so every instance counts the same streak.

use super::Db;
use sqlx::Row;

/// One counted sign-in attempt: its number in the name's current streak, and
/// the end of the name's lock-out (unix seconds; 0 when never locked).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoginAttempt {
    pub number: i64,
    pub locked_until: i64,
}

impl Db {
    /// Counts a sign-in attempt for `username` (normalised) BEFORE its
    /// password is checked: concurrent attempts then cannot all slip under
    /// the limit, and an attempt whose request is dropped midway still
    /// counts. The attempt numbered `lock_after` locks the name until
    /// `now + lock_secs`; a lock that has ended starts a new streak. Each of
    /// the two statements is atomic, and the first only ever deletes a
    /// streak whose lock has ended, so concurrent callers agree.
    pub async fn count_login_attempt(
        &self,
        username: &str,
        now: i64,
        lock_after: i64,
        lock_secs: i64,
    ) -> anyhow::Result<LoginAttempt> {
        sqlx::query("DELETE FROM login_throttle WHERE username = $1 AND attempts >= $2 AND locked_until <= $3")
            .bind(username)
            .bind(lock_after)
            .bind(now)
            .execute(&self.pool)
            .await?;
        let row = sqlx::query(
            "INSERT INTO login_throttle (username, attempts, locked_until, last_attempt_at) \
             VALUES ($1, 1, CASE WHEN $3 <= 1 THEN $2 + $4 ELSE 0 END, $2) \
             ON CONFLICT (username) DO UPDATE SET attempts = login_throttle.attempts + 1, \
             locked_until = CASE WHEN login_throttle.attempts + 1 = $3 THEN $2 + $4 ELSE login_throttle.locked_until END, \
             last_attempt_at = $2 \
             RETURNING attempts, locked_until",
        )
        .bind(username)
        .bind(now)
        .bind(lock_after)
        .bind(lock_secs)
        .fetch_one(&self.pool)
        .await?;
        Ok(LoginAttempt { number: row.try_get("attempts")?, locked_until: row.try_get("locked_until")? })
    }

    /// Ends a user name's streak (and any lock): it signed in.
    pub async fn clear_login_attempts(&self, username: &str) -> anyhow::Result<()> {
        sqlx::query("DELETE FROM login_throttle WHERE username = $1").bind(username).execute(&self.pool).await?;
        Ok(())
    }

    /// Forgets streaks whose last attempt was before `before` (long after
    /// any lock ended), so names sprayed by an attacker do not pile up.
    pub async fn purge_login_attempts(&self, before: i64) -> anyhow::Result<u64> {
        let n = sqlx::query("DELETE FROM login_throttle WHERE last_attempt_at < $1").bind(before).execute(&self.pool).await?;
        Ok(n.rows_affected())
    }

    /// Moves the end of a user name's lock-out (tests; a time in the past
    /// ends the lock).
    pub async fn set_login_locked_until(&self, username: &str, at: i64) -> anyhow::Result<()> {
        sqlx::query("UPDATE login_throttle SET locked_until = $1 WHERE username = $2")
            .bind(at)
            .bind(username)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The lower-case user name a device cookie (its hash) was given for,
    /// if it is still trusted: used since `since`, and fewer than
    /// `max_failures` failed sign-ins made with it.
    pub async fn trusted_device(&self, token_hash: &str, since: i64, max_failures: i64) -> anyhow::Result<Option<String>> {
        let row = sqlx::query(
            "SELECT username FROM trusted_devices WHERE token_hash = $1 AND last_used_at >= $2 AND failures < $3",
        )
        .bind(token_hash)
        .bind(since)
        .bind(max_failures)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| r.try_get("username")).transpose()?)
    }

    /// Trusts a new device cookie (its hash) for `username` (lower-case),
    /// replacing the one it was sent with, if any (a cookie serves one
    /// sign-in and is then renewed).
    pub async fn trust_device(&self, token_hash: &str, replaces: Option<&str>, username: &str, now: i64) -> anyhow::Result<()> {
        let mut tx = self.begin_write().await?;
        if let Some(old) = replaces {
            sqlx::query("DELETE FROM trusted_devices WHERE token_hash = $1").bind(old).execute(&mut *tx).await?;
        }
        sqlx::query(
            "INSERT INTO trusted_devices (token_hash, username, created_at, last_used_at, failures) VALUES ($1, $2, $3, $3, 0)",
        )
        .bind(token_hash)
        .bind(username)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Counts a failed sign-in made with a device cookie.
    pub async fn device_failed(&self, token_hash: &str) -> anyhow::Result<()> {
        sqlx::query("UPDATE trusted_devices SET failures = failures + 1 WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Forgets device cookies not used since `before`.
    pub async fn purge_devices(&self, before: i64) -> anyhow::Result<u64> {
        let n = sqlx::query("DELETE FROM trusted_devices WHERE last_used_at < $1").bind(before).execute(&self.pool).await?;
        Ok(n.rows_affected())
    }

    /// Counts a wrong old password given to the password change in a
    /// session; how many that session has given.
    pub async fn session_password_failed(&self, token_hash: &str) -> anyhow::Result<i64> {
        let row = sqlx::query(
            "UPDATE sessions SET password_failures = password_failures + 1 WHERE token_hash = $1 RETURNING password_failures",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| r.try_get("password_failures")).transpose()?.unwrap_or(0))
    }
}
