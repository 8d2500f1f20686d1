//! LAPOR! backend: the JSON API under `/api/v1`, its OpenAPI document, and
//! the built single-page app.

pub mod accounts;
pub mod backup;
pub mod cache;
pub mod config;
mod csv;
pub mod db;
pub mod error;
pub mod generate;
pub mod http;
pub mod idempotency;
pub mod jobs;
pub mod lifecycle;
pub mod media;
pub mod regions;
pub mod seed;
pub mod storage;

use anyhow::Context;
use cache::Cached;
use config::{Config, RateLimit};
use db::Db;
use domain::{Calendar, Date};
use regions::Regions;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use storage::{AttachmentStore, FsStore, Incoming};

/// How long an instance keeps the holiday calendar before reading it again.
pub const CALENDAR_TTL: Duration = Duration::from_secs(60);

/// Shared by every request; holds nothing several instances must agree on
/// (the cached calendar is read-only reference data that expires).
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub regions: Arc<Regions>,
    pub dist_dir: PathBuf,
    /// Attachment files (a directory every instance shares).
    pub store: Arc<dyn AttachmentStore>,
    /// Uploads being received (this instance's own).
    pub incoming: Arc<Incoming>,
    pub limits: Limits,
    /// Whether the client address comes from `X-Forwarded-For`.
    pub trust_proxy: bool,
    /// Served over HTTPS: HSTS and `Secure` cookies.
    pub https: bool,
    /// The working-day calendar, read from the database at most once per
    /// `CALENDAR_TTL` (holidays added in the database apply within that).
    pub calendar: Arc<Cached<Calendar>>,
    /// The address the server listens on, once `serve` has bound it (the
    /// practice form's address on the local network comes from it).
    pub listen: Arc<std::sync::OnceLock<SocketAddr>>,
}

impl AppState {
    /// The working-day calendar (cached; see `calendar`).
    pub async fn calendar(&self) -> anyhow::Result<Arc<Calendar>> {
        self.calendar.get(|| self.db.calendar()).await
    }
}

/// Per-address rate limits (counted in the database).
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub submit: RateLimit,
    pub upload: RateLimit,
    /// Megabytes uploaded (the count is in MB).
    pub upload_mb: RateLimit,
    /// Reporter actions on their own report.
    pub action: RateLimit,
    /// Lookups of numbers (or number and code, or a practice join code) that open nothing.
    pub lookup_miss: RateLimit,
    /// Practice reports of socialization events.
    pub practice: RateLimit,
    /// Failed sign-ins and wrong old passwords.
    pub login: RateLimit,
}

impl Limits {
    /// The longest window of any limit: counters younger than that may still count.
    pub fn longest_window_secs(&self) -> i64 {
        [self.submit, self.upload, self.upload_mb, self.action, self.lookup_miss, self.practice, self.login]
            .iter()
            .map(|l| l.window_secs)
            .max()
            .unwrap_or_default()
    }
}

/// Unix seconds now.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

/// Indonesian western time (WIB, UTC+7).
pub const TZ_OFFSET_HOURS: i32 = 7;

/// Today's date in WIB.
pub fn today() -> Date {
    Date::from_unix(now(), TZ_OFFSET_HOURS)
}

/// Unix seconds at the start of a WIB day.
pub fn day_start(d: Date) -> i64 {
    d.to_days() * 86_400 - i64::from(TZ_OFFSET_HOURS) * 3600
}

/// Opens the database (creating the data dir), applies `--fresh`, loads the
/// holidays and categories, and seeds demo data when asked.
pub async fn open_db(cfg: &Config) -> anyhow::Result<Db> {
    let embedded = cfg.embedded_db_file();
    if embedded.is_some() {
        storage::create_private_dir(&cfg.data_dir)
            .with_context(|| format!("creating the data directory {}", cfg.data_dir.display()))?;
    }
    let db = Db::connect(&cfg.database_url()).await?;
    if let Some(db_file) = embedded {
        // The database and its journal files (`lapor.db-wal`, `lapor.db-shm`).
        for suffix in ["", "-wal", "-shm"] {
            let file = PathBuf::from(format!("{}{suffix}", db_file.display()));
            storage::make_private(&file).with_context(|| format!("making {} private", file.display()))?;
        }
    }
    if cfg.fresh {
        tracing::warn!("--fresh: deleting all data");
        db.wipe().await?;
    }
    db.seed_holidays_if_empty().await?;
    seed::ensure_categories(&db).await?;
    Ok(db)
}

/// Builds the application state and router from a configuration.
pub async fn build(cfg: &Config) -> anyhow::Result<(axum::Router, AppState)> {
    let db = open_db(cfg).await?;
    if cfg.demo {
        seed::seed_demo(&db).await?;
    }
    let store = FsStore::open(cfg.attachments_dir())?;
    if cfg.fresh {
        let n = store.clear().await.context("deleting stored attachments")?;
        tracing::warn!(files = n, "--fresh: deleted stored attachments");
    }
    let state = AppState {
        db,
        regions: Arc::new(Regions::load()),
        dist_dir: cfg.dist_dir.clone(),
        store: Arc::new(store),
        incoming: Arc::new(Incoming::open(cfg.data_dir.join("incoming"), cfg.upload_receiving_mb * 1024 * 1024)?),
        limits: Limits {
            submit: cfg.submit_limit,
            upload: cfg.upload_limit,
            upload_mb: cfg.upload_mb_limit,
            action: cfg.action_limit,
            lookup_miss: cfg.lookup_miss_limit,
            practice: cfg.practice_limit,
            login: cfg.login_limit,
        },
        https: cfg.https,
        trust_proxy: cfg.trust_proxy,
        calendar: Arc::new(Cached::new(CALENDAR_TTL)),
        listen: Arc::new(std::sync::OnceLock::new()),
    };
    Ok((http::router(state.clone()), state))
}

/// The listening socket, and the address it got. Every accepted connection
/// sends at once (`TCP_NODELAY`): answers are written in more than one
/// piece (head, then body), and with Nagle's algorithm the body waited for
/// the client's delayed ACK — about 40 ms per static file on a kept-alive
/// connection, one more round trip on a phone.
pub async fn listen(addr: SocketAddr) -> anyhow::Result<(Listener, SocketAddr)> {
    use axum::serve::ListenerExt;
    let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| format!("binding {addr}"))?;
    let bound = listener.local_addr()?;
    Ok((listener.tap_io(no_delay as fn(&mut tokio::net::TcpStream)), bound))
}

/// What `listen` gives: a TCP listener whose connections send at once.
pub type Listener = axum::serve::TapIo<tokio::net::TcpListener, fn(&mut tokio::net::TcpStream)>;

fn no_delay(tcp: &mut tokio::net::TcpStream) {
    if let Err(e) = tcp.set_nodelay(true) {
        tracing::debug!("TCP_NODELAY not set on a connection: {e}");
    }
}

/// Serves until Ctrl-C / SIGTERM.
pub async fn serve(cfg: Config) -> anyhow::Result<()> {
    if cfg.demo {
        tracing::warn!("demo mode: the demo accounts exist, with the password the README gives; never use this in production");
    }
    let (app, state) = build(&cfg).await?;
    jobs::spawn(state.clone());
    let (listener, addr) = listen(cfg.addr).await?;
    let _ = state.listen.set(addr);
    tracing::info!("listening on http://{addr}/ (API under http://{addr}/api/v1)");
    println!("LAPOR! server: http://{addr}/");
    // The peer address is the client for rate limits (unless --trust-proxy).
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown())
        .await?;
    Ok(())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
