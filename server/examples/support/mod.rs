//! What the benchmarks share: a server on loopback over a fresh database
//! (SQLite in a temporary directory, or the PostgreSQL database given),
//! a signed-in coordinator, and timing a GET.

use lapor_server::config::Config;
use lapor_server::AppState;
use std::time::Instant;

pub struct Bench {
    pub state: AppState,
    router: Option<axum::Router>,
    _dir: tempfile::TempDir,
}

impl Bench {
    /// Opens the database (migrated, empty) without serving it yet.
    pub async fn open(database_url: Option<String>) -> anyhow::Result<Bench> {
        let dir = tempfile::tempdir()?;
        let mut cfg = Config::with_data_dir(dir.path().join("data"));
        cfg.dist_dir = dir.path().join("dist");
        cfg.database_url = database_url;
        let (router, state) = lapor_server::build(&cfg).await?;
        Ok(Bench { state, router: Some(router), _dir: dir })
    }

    /// Serves on loopback and signs in a new coordinator; returns the base
    /// address and a client carrying the session cookie.
    pub async fn serve(&mut self) -> anyhow::Result<Client> {
        let router = self.router.take().expect("served once");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let base = format!("http://{}", listener.local_addr()?);
        tokio::spawn(async move {
            axum::serve(listener, router.into_make_service_with_connect_info::<std::net::SocketAddr>()).await.ok();
        });
        let bench = lapor_server::accounts::NewAccount { username: "bench", role: "coordinator", ..Default::default() };
        lapor_server::accounts::create_user(&self.state.db, &self.state.regions, bench, "bench-password").await?;
        let http = reqwest::Client::builder().cookie_store(true).build()?;
        let login = http
            .post(format!("{base}/api/v1/auth/login"))
            .json(&serde_json::json!({"username": "bench", "password": "bench-password"}))
            .send()
            .await?;
        anyhow::ensure!(login.status().is_success(), "signing in: {}", login.status());
        Ok(Client { base, http })
    }
}

#[derive(Clone)]
pub struct Client {
    base: String,
    http: reqwest::Client,
}

impl Client {
    pub async fn get(&self, path: &str) -> anyhow::Result<serde_json::Value> {
        let url = format!("{}{path}", self.base);
        let res = self.http.get(&url).send().await?;
        anyhow::ensure!(res.status().is_success(), "{url}: {}", res.status());
        Ok(res.json().await?)
    }

    /// Median and p95 in ms of `runs` GETs after 3 warm-up runs, and the last answer.
    pub async fn time(&self, path: &str, runs: usize) -> anyhow::Result<(f64, f64, serde_json::Value)> {
        for _ in 0..3 {
            self.get(path).await?;
        }
        let mut times = Vec::with_capacity(runs);
        let mut last = serde_json::Value::Null;
        for _ in 0..runs.max(1) {
            let t = Instant::now();
            last = self.get(path).await?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(|a, b| a.total_cmp(b));
        Ok((percentile(&times, 0.5), percentile(&times, 0.95), last))
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}
