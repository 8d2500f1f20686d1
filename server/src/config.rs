//! Command line and environment configuration.

use clap::builder::BoolishValueParser;
use clap::{Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Clone, Debug, Parser)]
#[command(name = "lapor-server", version, about = "LAPOR! backend: JSON API under /api/v1 and the built web app")]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "LAPOR_ADDR", default_value = "127.0.0.1:8080", global = true)]
    pub addr: SocketAddr,

    /// Database URL; default `sqlite://<data-dir>/lapor.db?mode=rwc`.
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,

    /// Directory for the SQLite database (created if missing).
    #[arg(long, env = "LAPOR_DATA_DIR", default_value = "lapor-data", global = true)]
    pub data_dir: PathBuf,

    /// Directory of the built web app (trunk's `dist`).
    #[arg(long, env = "LAPOR_DIST_DIR", default_value = "dist", global = true)]
    pub dist_dir: PathBuf,

    /// Seed demo data and demo accounts (password `lapor-demo`) into an empty database.
    #[arg(long, env = "LAPOR_DEMO", value_parser = BoolishValueParser::new(), global = true)]
    pub demo: bool,

    /// Delete all data at start-up (before any seeding).
    #[arg(long, env = "LAPOR_FRESH", value_parser = BoolishValueParser::new(), global = true)]
    pub fresh: bool,

    /// Directory for uploaded attachments; default `<data-dir>/attachments`. Several
    /// instances must share it (e.g. a network file system).
    #[arg(long, env = "LAPOR_ATTACHMENTS_DIR", global = true)]
    pub attachments_dir: Option<PathBuf>,

    /// Take the client address for rate limits from the left-most `X-Forwarded-For`
    /// (only behind a reverse proxy that sets it).
    #[arg(long, env = "LAPOR_TRUST_PROXY", value_parser = BoolishValueParser::new(), global = true)]
    pub trust_proxy: bool,

    /// Reports accepted per client address: `COUNT/SECONDS` (fixed windows).
    #[arg(long, env = "LAPOR_SUBMIT_LIMIT", default_value = "20/600", global = true)]
    pub submit_limit: RateLimit,

    /// Attachment uploads accepted per client address: `COUNT/SECONDS`.
    #[arg(long, env = "LAPOR_UPLOAD_LIMIT", default_value = "100/600", global = true)]
    pub upload_limit: RateLimit,

    /// Reporter actions (supply info, accept, reopen) accepted per client address: `COUNT/SECONDS`.
    #[arg(long, env = "LAPOR_ACTION_LIMIT", default_value = "30/600", global = true)]
    pub action_limit: RateLimit,

    /// Lookups of reports that do not exist (or with a wrong access code) per
    /// client address: `COUNT/SECONDS`. Found reports are never counted, so a
    /// hall sharing one address tracks freely while guessing numbers stops.
    #[arg(long, env = "LAPOR_LOOKUP_MISS_LIMIT", default_value = "30/600", global = true)]
    pub lookup_miss_limit: RateLimit,

    /// Practice reports (socialization events) accepted per client address:
    /// `COUNT/SECONDS`. Their own limit, so a lively hall never blocks a real reporter.
    #[arg(long, env = "LAPOR_PRACTICE_LIMIT", default_value = "30/600", global = true)]
    pub practice_limit: RateLimit,

    /// Failed sign-ins (and wrong old passwords) accepted per client address:
    /// `COUNT/SECONDS`. Successes are taken back, so the officers of an event
    /// behind one NAT address can all sign in; only guessing uses it up.
    #[arg(long, env = "LAPOR_LOGIN_LIMIT", default_value = "20/600", global = true)]
    pub login_limit: RateLimit,

    /// Megabytes of uploads accepted per client address: `MEGABYTES/SECONDS`.
    #[arg(long, env = "LAPOR_UPLOAD_MB_LIMIT", default_value = "100/600", global = true)]
    pub upload_mb_limit: RateLimit,

    /// Megabytes of uploads this process receives at once, across every
    /// address (each address is held to its own `--upload-mb-limit` too).
    /// Bodies are received into temporary files under `<data-dir>/incoming`;
    /// past this an upload waits up to 10 seconds for others to finish, then
    /// gets 503 with `Retry-After`.
    #[arg(long, env = "LAPOR_UPLOAD_RECEIVING_MB", default_value_t = 256, global = true)]
    pub upload_receiving_mb: u64,

    /// The product is served over HTTPS (usually by a reverse proxy in front):
    /// send `Strict-Transport-Security` and mark the session cookie `Secure`.
    /// Off by default, because a socialization event runs on plain http on a LAN.
    #[arg(long, env = "LAPOR_HTTPS", value_parser = BoolishValueParser::new(), global = true)]
    pub https: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Clone, Debug, Subcommand)]
pub enum Command {
    /// Create an admin account; the password comes from LAPOR_PASSWORD or one line of stdin.
    CreateUser {
        #[arg(long)]
        username: String,
        /// coordinator | agency_admin | supervisor | superadmin
        #[arg(long)]
        role: String,
        /// The agency of an agency_admin.
        #[arg(long)]
        agency_id: Option<i64>,
        /// A coordinator's or supervisor's province or regency code (`61`,
        /// `61.03`): they see only its reports. None: the whole country.
        #[arg(long)]
        jurisdiction: Option<String>,
        #[arg(long)]
        display_name: Option<String>,
    },
    /// Add a large synthetic dataset for tests and benchmarks: reports over the
    /// last DAYS days in West Kalimantan and its neighbours, walked through the
    /// lifecycle with their timelines, the agencies of every regency without
    /// any, and the officers' audit entries. Not for a production database.
    Generate {
        #[arg(long, default_value_t = 200_000)]
        reports: usize,
        #[arg(long, default_value_t = 730)]
        days: i64,
        /// The random seed (the same seed and day give the same dataset).
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Write a consistent backup while the server runs: the database
    /// (SQLite `VACUUM INTO`, PostgreSQL `pg_dump`), then the attachment
    /// files it names, then `manifest.json` (counts and SHA-256 of each file).
    Backup {
        /// A new or empty directory for the backup.
        #[arg(long, value_name = "DIR")]
        to: PathBuf,
    },
    /// Restore a backup into the configured database and attachments
    /// directory, verifying every file. Stop the server first; the database
    /// must have no reports and no accounts, unless --force.
    Restore {
        /// A directory written by `backup`.
        #[arg(long, value_name = "DIR")]
        from: PathBuf,
        /// Replace a database that has reports or accounts.
        #[arg(long)]
        force: bool,
    },
}

impl Config {
    /// A configuration with defaults, for tests and embedding.
    pub fn with_data_dir(data_dir: impl Into<PathBuf>) -> Config {
        let data_dir = data_dir.into();
        Config {
            addr: "127.0.0.1:0".parse().expect("static address"),
            database_url: None,
            dist_dir: data_dir.join("dist"),
            data_dir,
            demo: false,
            fresh: false,
            attachments_dir: None,
            trust_proxy: false,
            submit_limit: RateLimit::SUBMIT_DEFAULT,
            upload_limit: RateLimit::UPLOAD_DEFAULT,
            action_limit: RateLimit::ACTION_DEFAULT,
            upload_mb_limit: RateLimit::UPLOAD_MB_DEFAULT,
            lookup_miss_limit: RateLimit::LOOKUP_MISS_DEFAULT,
            practice_limit: RateLimit::PRACTICE_DEFAULT,
            login_limit: RateLimit::LOGIN_DEFAULT,
            upload_receiving_mb: 256,
            https: false,
            command: None,
        }
    }

    /// Where attachments are stored.
    pub fn attachments_dir(&self) -> PathBuf {
        match &self.attachments_dir {
            Some(d) if !d.as_os_str().is_empty() => d.clone(),
            _ => self.data_dir.join("attachments"),
        }
    }

    /// The embedded SQLite file in the data dir, when no database URL is given.
    pub fn embedded_db_file(&self) -> Option<PathBuf> {
        match &self.database_url {
            Some(url) if !url.trim().is_empty() => None,
            _ => Some(self.data_dir.join("lapor.db")),
        }
    }

    pub fn database_url(&self) -> String {
        match (&self.database_url, self.embedded_db_file()) {
            (_, Some(file)) => format!("sqlite://{}?mode=rwc", file.display()),
            (url, None) => url.clone().unwrap_or_default(),
        }
    }
}

/// At most `count` requests per fixed window of `window_secs` seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    pub count: i64,
    pub window_secs: i64,
}

impl RateLimit {
    pub const SUBMIT_DEFAULT: RateLimit = RateLimit { count: 20, window_secs: 600 };
    pub const UPLOAD_DEFAULT: RateLimit = RateLimit { count: 100, window_secs: 600 };
    pub const ACTION_DEFAULT: RateLimit = RateLimit { count: 30, window_secs: 600 };
    /// 100 MB per 10 minutes: a hall of 50 phones sending two downscaled photos
    /// each (about 0.4 MB) stays far below it; filling a disk does not.
    pub const UPLOAD_MB_DEFAULT: RateLimit = RateLimit { count: 100, window_secs: 600 };
    pub const LOOKUP_MISS_DEFAULT: RateLimit = RateLimit { count: 30, window_secs: 600 };
    pub const PRACTICE_DEFAULT: RateLimit = RateLimit { count: 30, window_secs: 600 };
    pub const LOGIN_DEFAULT: RateLimit = RateLimit { count: 20, window_secs: 600 };
}

impl std::str::FromStr for RateLimit {
    type Err = String;

    fn from_str(s: &str) -> Result<RateLimit, String> {
        let bad = || format!("{s:?} is not COUNT/SECONDS (e.g. 20/600)");
        let (count, window) = s.trim().split_once('/').ok_or_else(bad)?;
        let count: i64 = count.trim().parse().map_err(|_| bad())?;
        let window_secs: i64 = window.trim().parse().map_err(|_| bad())?;
        if count < 1 || window_secs < 1 {
            return Err(bad());
        }
        Ok(RateLimit { count, window_secs })
    }
}

impl std::fmt::Display for RateLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.count, self.window_secs)
    }
}

#[cfg(test)]
mod tests {
    use super::RateLimit;

    #[test]
    fn rate_limits_parse() {
        assert_eq!("20/600".parse::<RateLimit>(), Ok(RateLimit::SUBMIT_DEFAULT));
        assert_eq!(" 3 / 60 ".parse::<RateLimit>(), Ok(RateLimit { count: 3, window_secs: 60 }));
        assert!("20".parse::<RateLimit>().is_err());
        assert!("0/600".parse::<RateLimit>().is_err());
        assert!("x/600".parse::<RateLimit>().is_err());
    }
}
