//! Fixed-window request counters shared by every instance.

use super::Db;
use sqlx::Row;

impl Db {
    /// Adds `amount` (one request, or a number of bytes) to `key` in the
    /// window starting at `window_start` and returns the total so far,
    /// atomically (one statement).
    pub async fn hit_rate_limit(&self, key: &str, window_start: i64, amount: i64) -> anyhow::Result<i64> {
        let row = sqlx::query(
            "INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, $3) \
             ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + $3 RETURNING count",
        )
        .bind(key)
        .bind(window_start)
        .bind(amount)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get("count")?)
    }

    /// Takes back `amount` counted in a window (a request of limits that
    /// count only failures, or bytes reserved and never received); never
    /// below zero.
    pub async fn refund_rate_limit(&self, key: &str, window_start: i64, amount: i64) -> anyhow::Result<()> {
        sqlx::query(
            "UPDATE rate_limits SET count = CASE WHEN count > $3 THEN count - $3 ELSE 0 END \
             WHERE key = $1 AND window_start = $2",
        )
        .bind(key)
        .bind(window_start)
        .bind(amount)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Deletes windows that started before `before`.
    pub async fn purge_rate_limits(&self, before: i64) -> anyhow::Result<u64> {
        let n = sqlx::query("DELETE FROM rate_limits WHERE window_start < $1").bind(before).execute(&self.pool).await?;
        Ok(n.rows_affected())
    }
}
