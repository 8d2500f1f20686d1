//! Categories and agencies.

use super::Db;
use domain::api::Category;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};
use std::collections::HashMap;

#[derive(Clone, Debug)]
pub struct AgencyRow {
    pub id: i64,
    pub name: String,
    pub level: String,
    pub region_code: String,
    pub category_ids: Vec<i64>,
    /// An inactive agency gets no new dispositions.
    pub active: bool,
    pub review_followups: bool,
}

fn agency(r: &AnyRow) -> sqlx::Result<AgencyRow> {
    Ok(AgencyRow {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        level: r.try_get("level")?,
        region_code: r.try_get("region_code")?,
        category_ids: Vec::new(),
        active: r.try_get::<i64, _>("active")? != 0,
        review_followups: r.try_get::<i64, _>("review_followups")? != 0,
    })
}

impl Db {
    pub async fn categories(&self) -> anyhow::Result<Vec<Category>> {
        let rows = sqlx::query("SELECT id, name FROM categories WHERE retired = 0 ORDER BY id").fetch_all(&self.pool).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            out.push(Category { id: r.try_get("id")?, name: r.try_get("name")? });
        }
        Ok(out)
    }

    pub async fn category(&self, id: i64) -> anyhow::Result<Option<Category>> {
        let row = sqlx::query("SELECT id, name FROM categories WHERE id = $1").bind(id).fetch_optional(&self.pool).await?;
        Ok(match row {
            Some(r) => Some(Category { id: r.try_get("id")?, name: r.try_get("name")? }),
            None => None,
        })
    }

    /// A category new reports and classifications may have (not retired).
    pub async fn open_category(&self, id: i64) -> anyhow::Result<Option<Category>> {
        let row = sqlx::query("SELECT id, name FROM categories WHERE id = $1 AND retired = 0").bind(id).fetch_optional(&self.pool).await?;
        Ok(match row {
            Some(r) => Some(Category { id: r.try_get("id")?, name: r.try_get("name")? }),
            None => None,
        })
    }

    /// Every category, retired ones too, with how many real reports have it.
    pub async fn category_entries(&self) -> anyhow::Result<Vec<domain::categories::CategoryEntry>> {
        let rows = sqlx::query(
            "SELECT c.id, c.name, c.retired, \
             (SELECT CAST(COUNT(*) AS BIGINT) FROM reports r WHERE r.category_id = c.id AND r.practice_session_id IS NULL) AS n \
             FROM categories c ORDER BY c.name",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(domain::categories::CategoryEntry {
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    retired: r.try_get::<i64, _>("retired")? != 0,
                    reports: r.try_get("n")?,
                })
            })
            .collect()
    }

    /// A new category; `None` when the name is taken.
    pub async fn insert_category(&self, name: &str) -> anyhow::Result<Option<i64>> {
        let row = sqlx::query("INSERT INTO categories (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING id")
            .bind(name)
            .fetch_optional(&self.pool)
            .await?;
        Ok(match row {
            Some(r) => Some(r.try_get("id")?),
            None => None,
        })
    }

    /// Renames and retires (or brings back) a category; false when another has the name.
    pub async fn update_category(&self, id: i64, name: &str, retired: bool) -> anyhow::Result<bool> {
        let clash = sqlx::query("SELECT id FROM categories WHERE name = $1 AND id <> $2").bind(name).bind(id).fetch_optional(&self.pool).await?;
        if clash.is_some() {
            return Ok(false);
        }
        sqlx::query("UPDATE categories SET name = $1, retired = $2 WHERE id = $3")
            .bind(name)
            .bind(super::flag(retired))
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(true)
    }

    /// Inserts a category unless one with that name exists; returns its id.
    pub async fn ensure_category(&self, name: &str) -> anyhow::Result<i64> {
        sqlx::query("INSERT INTO categories (name) VALUES ($1) ON CONFLICT (name) DO NOTHING")
            .bind(name)
            .execute(&self.pool)
            .await?;
        let row = sqlx::query("SELECT id FROM categories WHERE name = $1").bind(name).fetch_one(&self.pool).await?;
        Ok(row.try_get("id")?)
    }

    pub async fn agencies(&self) -> anyhow::Result<Vec<AgencyRow>> {
        let rows = sqlx::query("SELECT id, name, level, region_code, active, review_followups FROM agencies ORDER BY id")
            .fetch_all(&self.pool)
            .await?;
        let mut out = rows.iter().map(agency).collect::<sqlx::Result<Vec<_>>>()?;
        let links = sqlx::query("SELECT agency_id, category_id FROM agency_categories ORDER BY category_id")
            .fetch_all(&self.pool)
            .await?;
        let mut by_agency: HashMap<i64, Vec<i64>> = HashMap::new();
        for l in links {
            by_agency.entry(l.try_get("agency_id")?).or_default().push(l.try_get("category_id")?);
        }
        for a in &mut out {
            a.category_ids = by_agency.remove(&a.id).unwrap_or_default();
        }
        Ok(out)
    }

    pub async fn agency(&self, id: i64) -> anyhow::Result<Option<AgencyRow>> {
        let row = sqlx::query("SELECT id, name, level, region_code, active, review_followups FROM agencies WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let mut a = agency(&row)?;
        let links = sqlx::query("SELECT category_id FROM agency_categories WHERE agency_id = $1 ORDER BY category_id")
            .bind(id)
            .fetch_all(&self.pool)
            .await?;
        for l in links {
            a.category_ids.push(l.try_get("category_id")?);
        }
        Ok(Some(a))
    }

    pub async fn insert_agency(
        &self,
        name: &str,
        level: &str,
        region_code: &str,
        admin_username: Option<&str>,
        category_ids: &[i64],
    ) -> anyhow::Result<i64> {
        let mut tx = self.begin_write().await?;
        let id = Db::insert_agency_in(&mut tx, name, level, region_code, admin_username, category_ids).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Inserts the categories into an empty table, all of them or none (one
    /// transaction: a first start killed halfway leaves none, and the next
    /// start inserts them all); a table with any category is left alone.
    pub async fn insert_categories_if_empty(&self, names: &[&str]) -> anyhow::Result<()> {
        let mut tx = self.begin_write().await?;
        let n: i64 = sqlx::query("SELECT CAST(COUNT(*) AS BIGINT) AS n FROM categories").fetch_one(&mut *tx).await?.try_get("n")?;
        if n == 0 {
            for name in names {
                sqlx::query("INSERT INTO categories (name) VALUES ($1) ON CONFLICT (name) DO NOTHING").bind(name).execute(&mut *tx).await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Inserts an agency with its categories in `tx`; returns its id.
    pub(crate) async fn insert_agency_in(
        tx: &mut Transaction<'_, Any>,
        name: &str,
        level: &str,
        region_code: &str,
        admin_username: Option<&str>,
        category_ids: &[i64],
    ) -> anyhow::Result<i64> {
        let id: i64 = sqlx::query("INSERT INTO agencies (name, level, region_code, admin_username) VALUES ($1, $2, $3, $4) RETURNING id")
            .bind(name)
            .bind(level)
            .bind(region_code)
            .bind(admin_username)
            .fetch_one(&mut **tx)
            .await?
            .try_get("id")?;
        for c in category_ids {
            sqlx::query("INSERT INTO agency_categories (agency_id, category_id) VALUES ($1, $2) ON CONFLICT (agency_id, category_id) DO NOTHING")
                .bind(id)
                .bind(c)
                .execute(&mut **tx)
                .await?;
        }
        Ok(id)
    }
}
