//! The holiday calendar: national holidays and collective leave, which
//! working-day deadlines skip. Adding or removing a day moves the open
//! deadlines it falls in, in the same transaction.

use super::Db;
use domain::holidays::{Holiday, HolidayKind};
use domain::{Calendar, Date, Status};
use sqlx::Row;

const HOLIDAYS_CSV: &str = include_str!("../../../data/holidays-id.csv");

fn holiday(r: &sqlx::any::AnyRow) -> sqlx::Result<Holiday> {
    let kind: String = r.try_get("kind")?;
    Ok(Holiday { date: r.try_get("date")?, name: r.try_get("name")?, kind: HolidayKind::parse(&kind).unwrap_or_default() })
}

impl Db {
    /// Loads the embedded national holidays when the table is empty.
    pub async fn seed_holidays_if_empty(&self) -> anyhow::Result<()> {
        let n: i64 = sqlx::query("SELECT CAST(COUNT(*) AS BIGINT) AS n FROM holidays").fetch_one(&self.pool).await?.try_get("n")?;
        if n > 0 {
            return Ok(());
        }
        let mut tx = self.begin_write().await?;
        for row in crate::csv::rows(HOLIDAYS_CSV) {
            if let [date, name, kind, ..] = row.as_slice() {
                sqlx::query("INSERT INTO holidays (date, name, kind) VALUES ($1, $2, $3) ON CONFLICT (date) DO NOTHING")
                    .bind(date)
                    .bind(name)
                    .bind(kind)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// The working-day calendar from the holidays table.
    pub async fn calendar(&self) -> anyhow::Result<Calendar> {
        let rows = sqlx::query("SELECT date FROM holidays").fetch_all(&self.pool).await?;
        let mut dates = Vec::with_capacity(rows.len());
        for r in rows {
            let d: String = r.try_get("date")?;
            dates.extend(Date::parse(&d));
        }
        Ok(Calendar::new(dates))
    }

    /// The days off of one year, in order.
    pub async fn holidays(&self, year: i32) -> anyhow::Result<Vec<Holiday>> {
        let rows = sqlx::query("SELECT date, name, kind FROM holidays WHERE date >= $1 AND date <= $2 ORDER BY date")
            .bind(format!("{year:04}-01-01"))
            .bind(format!("{year:04}-12-31"))
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(holiday).collect::<sqlx::Result<_>>()?)
    }

    pub async fn holiday(&self, date: &str) -> anyhow::Result<Option<Holiday>> {
        let row = sqlx::query("SELECT date, name, kind FROM holidays WHERE date = $1").bind(date).fetch_optional(&self.pool).await?;
        Ok(row.as_ref().map(holiday).transpose()?)
    }

    /// Adds a holiday without moving anything (tests set up calendars with
    /// it); false if the date is one already.
    pub async fn add_holiday(&self, date: &str, name: &str, kind: &str) -> anyhow::Result<bool> {
        let n = sqlx::query("INSERT INTO holidays (date, name, kind) VALUES ($1, $2, $3) ON CONFLICT (date) DO NOTHING")
            .bind(date)
            .bind(name)
            .bind(kind)
            .execute(&self.pool)
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    /// Adds a day off and moves each open deadline `moved` says (from the
    /// latest down, so no deadline moves twice). `None` if the date is a
    /// holiday already; otherwise how many reports' deadlines moved.
    pub async fn add_holiday_moving(&self, h: &Holiday, moved: impl Fn(Date) -> Option<Date>) -> anyhow::Result<Option<i64>> {
        let mut tx = self.begin_write().await?;
        let n = sqlx::query("INSERT INTO holidays (date, name, kind) VALUES ($1, $2, $3) ON CONFLICT (date) DO NOTHING")
            .bind(&h.date)
            .bind(&h.name)
            .bind(h.kind.as_str())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if n == 0 {
            return Ok(None);
        }
        let count = move_deadlines(&mut tx, &h.date, moved, true).await?;
        tx.commit().await?;
        Ok(Some(count))
    }

    /// Removes a day off and moves the open deadlines as `moved` says (from
    /// the earliest up). `None` if it is not a holiday.
    pub async fn remove_holiday_moving(&self, date: &str, moved: impl Fn(Date) -> Option<Date>) -> anyhow::Result<Option<i64>> {
        let mut tx = self.begin_write().await?;
        let n = sqlx::query("DELETE FROM holidays WHERE date = $1").bind(date).execute(&mut *tx).await?.rows_affected();
        if n == 0 {
            return Ok(None);
        }
        let count = move_deadlines(&mut tx, date, moved, false).await?;
        tx.commit().await?;
        Ok(Some(count))
    }

    /// A new name or kind for a day off (no deadline moves); false if it is none.
    pub async fn rename_holiday(&self, date: &str, name: &str, kind: HolidayKind) -> anyhow::Result<bool> {
        let n = sqlx::query("UPDATE holidays SET name = $1, kind = $2 WHERE date = $3")
            .bind(name)
            .bind(kind.as_str())
            .bind(date)
            .execute(&self.pool)
            .await?
            .rows_affected();
        Ok(n == 1)
    }
}

/// Moves the deadlines on or after `from`, one distinct date at a time; a
/// report waiting for its agency's answer keeps its response deadline (what
/// the recap judges) with it. Later deadlines go first when they move later,
/// earlier ones first when they move earlier, so none is caught twice.
async fn move_deadlines(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    from: &str,
    moved: impl Fn(Date) -> Option<Date>,
    later: bool,
) -> anyhow::Result<i64> {
    let order = if later { "DESC" } else { "ASC" };
    let sql = format!("SELECT DISTINCT due_date FROM reports WHERE due_date IS NOT NULL AND due_date >= $1 ORDER BY due_date {order}");
    let dues: Vec<String> =
        sqlx::query(&sql).bind(from).fetch_all(&mut **tx).await?.iter().map(|r| r.try_get("due_date")).collect::<sqlx::Result<_>>()?;
    let update = format!(
        "UPDATE reports SET due_date = $1, \
         response_due = CASE WHEN status = '{}' AND response_due = due_date THEN $1 ELSE response_due END \
         WHERE due_date = $2",
        Status::Dispatched.as_str()
    );
    let mut count = 0;
    for due in dues {
        let Some(to) = Date::parse(&due).and_then(&moved) else {
            continue;
        };
        count += sqlx::query(&update).bind(to.to_string()).bind(&due).execute(&mut **tx).await?.rows_affected() as i64;
    }
    Ok(count)
}
