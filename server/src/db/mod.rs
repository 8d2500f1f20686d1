//! The storage layer: all SQL lives under this module, and the rest of the
//! server calls only `Db`. One code path for SQLite and PostgreSQL through
//! `sqlx::AnyPool`: `$n` placeholders, `ON CONFLICT … DO NOTHING`,
//! `RETURNING`, BIGINT unix seconds, TEXT dates, integer 0/1 flags. The few
//! statements that differ (PRAGMAs, advisory locks) branch on `Backend` here.

mod agencies;
mod attachments;
mod audit;
mod bulk;
mod drafts;
mod holidays;
mod logins;
mod meta;
mod practice;
mod public;
mod query;
mod queue;
mod rate_limits;
mod recap;
mod reports;
mod users;

pub use attachments::StoredAttachment;
pub use audit::{AuditFilter, NewAudit};
pub use bulk::{Batch, BulkReport, Officer};
pub use logins::LoginAttempt;
pub use meta::AgencyRow;
pub use practice::ClosedSession;
pub use public::{words as public_words, Cursor, PublicEvent, PublicFilter, PublicRow, RegionLevel};
pub use queue::{QueueFilter, QueueRow};
pub use recap::{AgencyCounts, RecapScope, Totals};
pub use reports::{Claim, EventRow, IdempotencyKey, NewEvent, NewReportRow, ReportRow, ReportUpdate, SubmitOutcome, UpdateOutcome};
pub use agencies::{AgencyWork, AgencyWrite};
pub use drafts::DraftRow;
pub use users::{AccountChange, NewUser, UserRow};

/// The condition on `reports r` of every list, count, queue, feed and recap
/// of real reports: no practice report of a socialization session.
pub(crate) const REAL: &str = "r.practice_session_id IS NULL";

use anyhow::Context;
use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Row};


/// Every table, children first, for portable wiping.
const TABLES: [&str; 17] = [
    "audit_log",
    "followup_drafts",
    "login_throttle",
    "trusted_devices",
    "report_attachments",
    "attachments",
    "rate_limits",
    "report_events",
    "idempotency",
    "reports",
    "practice_sessions",
    "sessions",
    "users",
    "agency_categories",
    "agencies",
    "categories",
    "holidays",
];

/// Which database a `Db` talks to, chosen by the URL's scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// `sqlite:` (the embedded default): one server process per database file.
    Sqlite,
    /// `postgres://` / `postgresql://`: any number of server instances.
    Postgres,
}

impl Backend {
    /// `sqlite` or `postgres`.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }

    pub fn from_url(url: &str) -> anyhow::Result<Backend> {
        let scheme = url.split(':').next().unwrap_or_default().to_ascii_lowercase();
        match scheme.as_str() {
            "sqlite" => Ok(Backend::Sqlite),
            "postgres" | "postgresql" => Ok(Backend::Postgres),
            _ => anyhow::bail!(
                "unsupported database URL {}: use sqlite://… or postgres://…",
                redact(url)
            ),
        }
    }
}

#[derive(Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
}

pub(crate) fn flag(v: bool) -> i64 {
    i64::from(v)
}

impl Db {
    /// Connects and brings the schema up to date.
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)?;
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            .connect(url)
            .await
            .with_context(|| format!("connecting to the database {}", redact(url)))?;
        match backend {
            Backend::Sqlite => {
                // Readers do not block the writer; persistent for the file.
                sqlx::query("PRAGMA journal_mode=WAL").execute(&pool).await.context("enabling WAL")?;
                sqlx::migrate!("./migrations/sqlite").run(&pool).await.context("running migrations")?;
            }
            Backend::Postgres => {
                // sqlx holds a PostgreSQL advisory lock while migrating, so
                // instances starting together apply each migration once.
                sqlx::migrate!("./migrations/postgres").run(&pool).await.context("running migrations")?;
            }
        }
        Ok(Db { pool, backend })
    }

    /// A transaction that writes. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`), waiting its turn behind other writers: a deferred
    /// transaction that reads and then writes fails at once with "database is
    /// locked" when another writer committed meanwhile (two reports sent at
    /// the same moment).
    pub(crate) async fn begin_write(&self) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Any>> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Deletes every row of every table.
    pub async fn wipe(&self) -> anyhow::Result<()> {
        let mut tx = self.begin_write().await?;
        for t in TABLES {
            sqlx::query(&format!("DELETE FROM {t}")).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn count(&self, table: Table) -> anyhow::Result<i64> {
        let sql = format!("SELECT CAST(COUNT(*) AS BIGINT) AS n FROM {}", table.name());
        Ok(sqlx::query(&sql).fetch_one(&self.pool).await?.try_get("n")?)
    }
}

/// Tables whose rows may be counted.
#[derive(Clone, Copy, Debug)]
pub enum Table {
    Reports,
    Users,
    Categories,
    Agencies,
    Events,
    Attachments,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Reports => "reports",
            Table::Users => "users",
            Table::Categories => "categories",
            Table::Agencies => "agencies",
            Table::Events => "report_events",
            Table::Attachments => "attachments",
        }
    }
}

/// The URL without its password, for messages and logs.
pub(crate) fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://***{}", &url[..s], &url[at..]),
        _ => url.to_string(),
    }
}
