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
        #[arg(long)]
        display_name: Option<String>,
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
            command: None,
        }
    }

    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) if !url.trim().is_empty() => url.clone(),
            _ => format!("sqlite://{}/lapor.db?mode=rwc", self.data_dir.display()),
        }
    }
}
