//! The real server binary (`CARGO_BIN_EXE_lapor-server`) as a child process
//! with demo data, for the tests that kill it or measure it from outside
//! (crash.rs, upload_flood.rs).

use super::TestDb;
use reqwest::{Client, StatusCode};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long a start may take (migrations, demo data, binding) before the test fails.
pub const START_MAX: Duration = Duration::from_secs(60);

/// The real server, as a child process; killed when dropped.
pub struct Server {
    pub child: Child,
    pub base: String,
    pub log: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// The end of its log (without the statements), for a failure message.
    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().filter(|l| !l.contains("sqlx::query")).collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    }

    /// SIGKILL (what `Child::kill` sends on Unix), and its reaping.
    pub fn sigkill(&mut self) {
        self.child.kill().expect("SIGKILL");
        let status = self.child.wait().unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            assert_eq!(status.signal(), Some(9), "the server died of SIGKILL, not otherwise: {status}\n{}", self.log_tail());
        }
        #[cfg(not(unix))]
        let _ = status;
    }

    /// Its resident memory now, in bytes (`VmRSS` of /proc; Linux).
    pub fn resident_bytes(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap_or_default();
        let kb = status.lines().find_map(|l| l.strip_prefix("VmRSS:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
        kb.expect("VmRSS in /proc/PID/status") * 1024
    }
}

/// A port nobody listens on right now.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The server binary on `dir`'s data and `db` with demo data (nothing
/// inherited: no stray `LAPOR_FRESH` or `DATABASE_URL`), then `env` (which
/// may replace `RUST_LOG=info`), its output in a log file.
pub fn spawn_server(dir: &Path, db: &TestDb, label: &str, env: &[(&str, &str)]) -> Server {
    let port = free_port();
    let log = dir.join(format!("server-{label}-{port}.log"));
    let out = std::fs::File::create(&log).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lapor-server"));
    cmd.env_clear()
        .env("RUST_LOG", "info")
        .env("LAPOR_ADDR", format!("127.0.0.1:{port}"))
        .env("LAPOR_DATA_DIR", dir.join("data"))
        .env("LAPOR_DIST_DIR", dir.join("dist"))
        .env("LAPOR_DEMO", "1")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(out.try_clone().unwrap())
        .stderr(out);
    if let Some(url) = &db.url {
        cmd.env("DATABASE_URL", url);
    }
    let child = cmd.spawn().expect("starting the server binary");
    Server { child, base: format!("http://127.0.0.1:{port}"), log }
}

/// Starts the server and waits (bounded) until `GET /api/v1/health`
/// answers; another port if the one picked was taken meanwhile.
pub async fn start(dir: &Path, db: &TestDb, label: &str, env: &[(&str, &str)]) -> Server {
    let probe = Client::builder().timeout(Duration::from_secs(2)).build().unwrap();
    for _attempt in 0..3 {
        let mut server = spawn_server(dir, db, label, env);
        let deadline = Instant::now() + START_MAX;
        loop {
            if let Some(status) = server.child.try_wait().unwrap() {
                let tail = server.log_tail();
                if tail.contains("binding 127.0.0.1") {
                    break; // the port was taken: another one
                }
                panic!("the server ({label}) exited at start: {status}\n{tail}");
            }
            if let Ok(res) = probe.get(server.url("/api/v1/health")).send().await {
                if res.status() == StatusCode::OK {
                    return server;
                }
            }
            assert!(Instant::now() < deadline, "the server ({label}) did not answer /api/v1/health within {START_MAX:?}\n{}", server.log_tail());
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    panic!("no free port for the server ({label}) in 3 tries");
}
