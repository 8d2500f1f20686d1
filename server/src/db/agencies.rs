//! Agencies as administrators manage them: their teams and workload, and
//! changes (the categories they handle replaced as a whole).

use super::{AgencyRow, Db};
use domain::agencies::{TeamMember, TeamRole};
use domain::Status;
use sqlx::Row;
use std::collections::HashMap;

/// An agency's team and workload.
#[derive(Clone, Debug, Default)]
pub struct AgencyWork {
    pub team: Vec<TeamMember>,
    /// Waiting for the agency's follow-up.
    pub open: i64,
    /// Of those, past the deadline on `today`.
    pub late: i64,
}

/// An agency to store.
#[derive(Clone, Debug)]
pub struct AgencyWrite<'a> {
    pub name: &'a str,
    pub level: &'a str,
    pub region_code: &'a str,
    pub category_ids: &'a [i64],
    pub active: bool,
    pub review_followups: bool,
}

impl Db {
    /// Every agency's team and workload, by agency id.
    pub async fn agency_work(&self, today: &str) -> anyhow::Result<HashMap<i64, AgencyWork>> {
        let mut out: HashMap<i64, AgencyWork> = HashMap::new();
        let rows = sqlx::query(
            "SELECT id, username, display_name, team_role, active, agency_id FROM users \
             WHERE role = 'agency_admin' AND agency_id IS NOT NULL ORDER BY username",
        )
        .fetch_all(&self.pool)
        .await?;
        for r in rows {
            let role: Option<String> = r.try_get("team_role")?;
            out.entry(r.try_get("agency_id")?).or_default().team.push(TeamMember {
                id: r.try_get("id")?,
                username: r.try_get("username")?,
                display_name: r.try_get("display_name")?,
                team_role: role.as_deref().and_then(TeamRole::parse).unwrap_or_default(),
                active: r.try_get::<i64, _>("active")? != 0,
            });
        }
        let sql = "SELECT agency_id, CAST(COUNT(*) AS BIGINT) AS open, \
             CAST(COALESCE(SUM(CASE WHEN due_date IS NOT NULL AND due_date < $1 THEN 1 ELSE 0 END), 0) AS BIGINT) AS late \
             FROM reports WHERE status = $2 AND agency_id IS NOT NULL AND practice_session_id IS NULL GROUP BY agency_id";
        for r in sqlx::query(sql).bind(today).bind(Status::Dispatched.as_str()).fetch_all(&self.pool).await? {
            let w = out.entry(r.try_get("agency_id")?).or_default();
            w.open = r.try_get("open")?;
            w.late = r.try_get("late")?;
        }
        Ok(out)
    }

    /// A new agency (with its categories), then its two flags; its id.
    pub async fn create_agency(&self, a: &AgencyWrite<'_>) -> anyhow::Result<i64> {
        let id = self.insert_agency(a.name, a.level, a.region_code, None, a.category_ids).await?;
        sqlx::query("UPDATE agencies SET active = $1, review_followups = $2 WHERE id = $3")
            .bind(i64::from(a.active))
            .bind(i64::from(a.review_followups))
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(id)
    }

    pub async fn update_agency(&self, id: i64, a: &AgencyWrite<'_>) -> anyhow::Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE agencies SET name = $1, level = $2, region_code = $3, active = $4, review_followups = $5 WHERE id = $6")
            .bind(a.name)
            .bind(a.level)
            .bind(a.region_code)
            .bind(i64::from(a.active))
            .bind(i64::from(a.review_followups))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM agency_categories WHERE agency_id = $1").bind(id).execute(&mut *tx).await?;
        for c in a.category_ids {
            sqlx::query("INSERT INTO agency_categories (agency_id, category_id) VALUES ($1, $2) ON CONFLICT (agency_id, category_id) DO NOTHING")
                .bind(id)
                .bind(c)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

impl AgencyRow {
    /// The categories as the audit log keeps them: `3,8,12`.
    pub fn category_list(&self) -> String {
        self.category_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
    }
}
