//! Admin accounts and their sessions.

use super::Db;
use sqlx::any::AnyRow;
use sqlx::Row;

#[derive(Clone, Debug)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub password_hash: String,
    pub role: String,
    pub display_name: String,
    pub agency_id: Option<i64>,
    pub agency_name: Option<String>,
    /// A regional officer's province or regency code.
    pub jurisdiction: Option<String>,
}

/// An account to store (its password already hashed).
#[derive(Clone, Debug)]
pub struct NewUser<'a> {
    pub username: &'a str,
    pub password_hash: &'a str,
    pub role: &'a str,
    pub display_name: &'a str,
    pub agency_id: Option<i64>,
    pub jurisdiction: Option<&'a str>,
}

const USER_FIELDS: &str = "u.id, u.username, u.password_hash, u.role, u.display_name, u.agency_id, a.name AS agency_name, u.jurisdiction";

fn user(r: &AnyRow) -> sqlx::Result<UserRow> {
    Ok(UserRow {
        id: r.try_get("id")?,
        username: r.try_get("username")?,
        password_hash: r.try_get("password_hash")?,
        role: r.try_get("role")?,
        display_name: r.try_get("display_name")?,
        agency_id: r.try_get("agency_id")?,
        agency_name: r.try_get("agency_name")?,
        jurisdiction: r.try_get("jurisdiction")?,
    })
}

impl Db {
    /// Creates an account; `None` when the username is taken.
    pub async fn insert_user(&self, u: &NewUser<'_>, now: i64) -> anyhow::Result<Option<i64>> {
        let row = sqlx::query(
            "INSERT INTO users (username, password_hash, role, display_name, agency_id, jurisdiction, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (username) DO NOTHING RETURNING id",
        )
        .bind(u.username)
        .bind(u.password_hash)
        .bind(u.role)
        .bind(u.display_name)
        .bind(u.agency_id)
        .bind(u.jurisdiction)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        Ok(match row {
            Some(r) => Some(r.try_get("id")?),
            None => None,
        })
    }

    pub async fn user_by_username(&self, username: &str) -> anyhow::Result<Option<UserRow>> {
        let sql = format!("SELECT {USER_FIELDS} FROM users u LEFT JOIN agencies a ON a.id = u.agency_id WHERE u.username = $1");
        let row = sqlx::query(&sql).bind(username).fetch_optional(&self.pool).await?;
        Ok(row.as_ref().map(user).transpose()?)
    }

    pub async fn insert_session(&self, token_hash: &str, user_id: i64, expires_at: i64) -> anyhow::Result<()> {
        sqlx::query("INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)")
            .bind(token_hash)
            .bind(user_id)
            .bind(expires_at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The user of a session that has not ended at `now`, and when it ends.
    pub async fn session_user(&self, token_hash: &str, now: i64) -> anyhow::Result<Option<(UserRow, i64)>> {
        let sql = format!(
            "SELECT {USER_FIELDS}, s.expires_at AS session_ends FROM sessions s JOIN users u ON u.id = s.user_id \
             LEFT JOIN agencies a ON a.id = u.agency_id WHERE s.token_hash = $1 AND s.expires_at > $2"
        );
        let row = sqlx::query(&sql).bind(token_hash).bind(now).fetch_optional(&self.pool).await?;
        let Some(r) = row else { return Ok(None) };
        Ok(Some((user(&r)?, r.try_get("session_ends")?)))
    }

    /// Moves a session's end on (it was used).
    pub async fn extend_session(&self, token_hash: &str, expires_at: i64) -> anyhow::Result<()> {
        sqlx::query("UPDATE sessions SET expires_at = $1 WHERE token_hash = $2 AND expires_at < $1")
            .bind(expires_at)
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Ends every session of an account but `keep` (a token hash); returns
    /// how many of them were still open at `now`.
    pub async fn end_sessions(&self, user_id: i64, keep: Option<&str>, now: i64) -> anyhow::Result<u64> {
        let rows = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2 RETURNING expires_at")
            .bind(user_id)
            .bind(keep.unwrap_or(""))
            .fetch_all(&self.pool)
            .await?;
        let mut open = 0;
        for r in rows {
            if r.try_get::<i64, _>("expires_at")? > now {
                open += 1;
            }
        }
        Ok(open)
    }

    pub async fn set_password(&self, user_id: i64, password_hash: &str) -> anyhow::Result<()> {
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2").bind(password_hash).bind(user_id).execute(&self.pool).await?;
        Ok(())
    }

    pub async fn delete_session(&self, token_hash: &str) -> anyhow::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(&self.pool).await?;
        Ok(())
    }

    pub async fn purge_expired(&self, now: i64, idempotency_before: i64) -> anyhow::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(now).execute(&self.pool).await?;
        sqlx::query("DELETE FROM idempotency WHERE created_at < $1")
            .bind(idempotency_before)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
