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
}

const USER_COLUMNS: &str = "u.id, u.username, u.password_hash, u.role, u.display_name, u.agency_id, a.name AS agency_name \
     FROM users u LEFT JOIN agencies a ON a.id = u.agency_id";

fn user(r: &AnyRow) -> sqlx::Result<UserRow> {
    Ok(UserRow {
        id: r.try_get("id")?,
        username: r.try_get("username")?,
        password_hash: r.try_get("password_hash")?,
        role: r.try_get("role")?,
        display_name: r.try_get("display_name")?,
        agency_id: r.try_get("agency_id")?,
        agency_name: r.try_get("agency_name")?,
    })
}

impl Db {
    /// Creates an account; `None` when the username is taken.
    pub async fn insert_user(
        &self,
        username: &str,
        password_hash: &str,
        role: &str,
        display_name: &str,
        agency_id: Option<i64>,
        now: i64,
    ) -> anyhow::Result<Option<i64>> {
        let row = sqlx::query(
            "INSERT INTO users (username, password_hash, role, display_name, agency_id, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (username) DO NOTHING RETURNING id",
        )
        .bind(username)
        .bind(password_hash)
        .bind(role)
        .bind(display_name)
        .bind(agency_id)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        Ok(match row {
            Some(r) => Some(r.try_get("id")?),
            None => None,
        })
    }

    pub async fn user_by_username(&self, username: &str) -> anyhow::Result<Option<UserRow>> {
        let sql = format!("SELECT {USER_COLUMNS} WHERE u.username = $1");
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

    /// The user of a session that has not expired at `now`.
    pub async fn session_user(&self, token_hash: &str, now: i64) -> anyhow::Result<Option<UserRow>> {
        let sql = format!(
            "SELECT {USER_COLUMNS} JOIN sessions s ON s.user_id = u.id WHERE s.token_hash = $1 AND s.expires_at > $2"
        );
        let row = sqlx::query(&sql).bind(token_hash).bind(now).fetch_optional(&self.pool).await?;
        Ok(row.as_ref().map(user).transpose()?)
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
