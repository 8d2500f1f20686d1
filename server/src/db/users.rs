//! Admin accounts and their sessions.

use super::query::{bind, Arg, Where};
use super::{flag, Db};
use domain::accounts::PasswordState;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

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
    pub active: bool,
    pub password_state: PasswordState,
    pub created_at: i64,
    /// An agency admin's place in its team (`TeamRole`).
    pub team_role: Option<String>,
    /// The agency's liaison approves its operators' follow-ups.
    pub agency_reviews: bool,
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
    /// Given by an administrator: it opens one session, which must change it.
    pub temporary: bool,
    pub team_role: Option<&'a str>,
}

/// An administrator's change to an account (its user name and password stay).
#[derive(Clone, Debug)]
pub struct AccountChange<'a> {
    pub role: &'a str,
    pub display_name: &'a str,
    pub agency_id: Option<i64>,
    pub team_role: Option<&'a str>,
    pub jurisdiction: Option<&'a str>,
    pub active: bool,
}

const USER_FIELDS: &str = "u.id, u.username, u.password_hash, u.role, u.display_name, u.agency_id, a.name AS agency_name, u.jurisdiction, u.active, u.password_state, u.created_at, \
    u.team_role, COALESCE(a.review_followups, 0) AS agency_reviews";

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
        active: r.try_get::<i64, _>("active")? != 0,
        password_state: PasswordState::parse(&r.try_get::<String, _>("password_state")?).unwrap_or(PasswordState::Set),
        created_at: r.try_get("created_at")?,
        team_role: r.try_get("team_role")?,
        agency_reviews: r.try_get::<i64, _>("agency_reviews")? != 0,
    })
}

async fn insert_user<'e>(ex: impl sqlx::Executor<'e, Database = Any>, u: &NewUser<'_>, now: i64) -> anyhow::Result<Option<i64>> {
    let row = sqlx::query(
        "INSERT INTO users (username, password_hash, role, display_name, agency_id, jurisdiction, created_at, password_state, team_role) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (username) DO NOTHING RETURNING id",
    )
    .bind(u.username)
    .bind(u.password_hash)
    .bind(u.role)
    .bind(u.display_name)
    .bind(u.agency_id)
    .bind(u.jurisdiction)
    .bind(now)
    .bind(if u.temporary { PasswordState::Temporary } else { PasswordState::Set }.as_str())
    .bind(u.team_role)
    .fetch_optional(ex)
    .await?;
    Ok(match row {
        Some(r) => Some(r.try_get("id")?),
        None => None,
    })
}

impl Db {
    /// Creates an account; `None` when the username is taken.
    pub async fn insert_user(&self, u: &NewUser<'_>, now: i64) -> anyhow::Result<Option<i64>> {
        insert_user(&self.pool, u, now).await
    }

    /// Creates an account in `tx` (the demo data, all in one transaction);
    /// `None` when the username is taken.
    pub(crate) async fn insert_user_in(tx: &mut Transaction<'_, Any>, u: &NewUser<'_>, now: i64) -> anyhow::Result<Option<i64>> {
        insert_user(&mut **tx, u, now).await
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
             LEFT JOIN agencies a ON a.id = u.agency_id WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active = 1"
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

    /// A new password hash and where it stands (chosen by its owner, or temporary).
    pub async fn set_password(&self, user_id: i64, password_hash: &str, state: PasswordState) -> anyhow::Result<()> {
        sqlx::query("UPDATE users SET password_hash = $1, password_state = $2 WHERE id = $3")
            .bind(password_hash)
            .bind(state.as_str())
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// A temporary password opened its one session: true if it had not yet
    /// (two sign-ins at once cannot both use it).
    pub async fn use_temporary_password(&self, user_id: i64) -> anyhow::Result<bool> {
        let n = sqlx::query("UPDATE users SET password_state = $1 WHERE id = $2 AND password_state = $3")
            .bind(PasswordState::TemporaryUsed.as_str())
            .bind(user_id)
            .bind(PasswordState::Temporary.as_str())
            .execute(&self.pool)
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    pub async fn user_by_id(&self, id: i64) -> anyhow::Result<Option<UserRow>> {
        let sql = format!("SELECT {USER_FIELDS} FROM users u LEFT JOIN agencies a ON a.id = u.agency_id WHERE u.id = $1");
        let row = sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await?;
        Ok(row.as_ref().map(user).transpose()?)
    }

    /// Accounts by user name: matching `words` (user or display name, any
    /// case), of `role`, and for a coordinator only agency admins of agencies
    /// in `agencies_within` (a region code; "" for every agency). At most
    /// `limit` + 1 rows, so the caller knows there were more.
    pub async fn users(&self, words: Option<&str>, role: Option<&str>, agencies_within: Option<&str>, limit: u32) -> anyhow::Result<Vec<UserRow>> {
        let mut w = Where::new("1 = 1");
        if let Some(q) = words {
            let like = format!("%{}%", q.to_lowercase().replace(['%', '_'], ""));
            w.and("(LOWER(u.username) LIKE ? OR LOWER(u.display_name) LIKE ?)", vec![Arg::Text(like.clone()), Arg::Text(like)]);
        }
        if let Some(r) = role {
            w.and("u.role = ?", vec![Arg::Text(r.into())]);
        }
        if let Some(area) = agencies_within {
            w.and("u.role = ?", vec![Arg::Text(domain::api::Role::AgencyAdmin.as_str().into())]);
            if !area.is_empty() {
                w.and("(a.region_code = ? OR a.region_code LIKE ?)", vec![Arg::Text(area.into()), Arg::Text(format!("{area}.%"))]);
            }
        }
        let sql = format!(
            "SELECT {USER_FIELDS} FROM users u LEFT JOIN agencies a ON a.id = u.agency_id WHERE {} ORDER BY u.username LIMIT {}",
            w.sql,
            i64::from(limit) + 1
        );
        let rows = bind(sqlx::query(&sql), &w.args).fetch_all(&self.pool).await?;
        Ok(rows.iter().map(user).collect::<Result<_, _>>()?)
    }

    /// An administrator's change to an account.
    pub async fn update_user(&self, id: i64, u: &AccountChange<'_>) -> anyhow::Result<()> {
        sqlx::query("UPDATE users SET role = $1, display_name = $2, agency_id = $3, jurisdiction = $4, active = $5, team_role = $6 WHERE id = $7")
            .bind(u.role)
            .bind(u.display_name)
            .bind(u.agency_id)
            .bind(u.jurisdiction)
            .bind(flag(u.active))
            .bind(u.team_role)
            .bind(id)
            .execute(&self.pool)
            .await?;
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
