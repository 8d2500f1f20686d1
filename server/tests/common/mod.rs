//! Spawns the real app on a random port with a fresh SQLite database in a
//! temp dir (demo data seeded), and drives it over HTTP.
#![allow(dead_code)]

use lapor_server::config::Config;
use lapor_server::AppState;
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use tempfile::TempDir;

pub struct TestApp {
    pub base: String,
    pub state: AppState,
    pub dir: TempDir,
}

pub async fn spawn() -> TestApp {
    spawn_with(|_| {}).await
}

pub async fn spawn_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut cfg = Config::with_data_dir(dir.path().join("data"));
    cfg.dist_dir = dir.path().join("dist");
    cfg.demo = true;
    adjust(&mut cfg);
    let (router, state) = lapor_server::build(&cfg).await.expect("app builds");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<std::net::SocketAddr>()).await.unwrap()
    });
    TestApp { base: format!("http://{addr}"), state, dir }
}

pub fn client() -> Client {
    Client::builder().cookie_store(true).build().unwrap()
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get(&self, c: &Client, path: &str) -> (StatusCode, Value) {
        let res = c.get(self.url(path)).send().await.unwrap();
        let status = res.status();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    /// The raw body text too, for "appears nowhere" checks.
    pub async fn get_text(&self, c: &Client, path: &str) -> (StatusCode, String) {
        let res = c.get(self.url(path)).send().await.unwrap();
        (res.status(), res.text().await.unwrap())
    }

    pub async fn post(&self, c: &Client, path: &str, body: &Value) -> (StatusCode, Value) {
        let res = c.post(self.url(path)).json(body).send().await.unwrap();
        let status = res.status();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    /// A client signed in as a demo account.
    pub async fn login(&self, username: &str) -> Client {
        let c = client();
        let (status, me) =
            self.post(&c, "/api/v1/auth/login", &json!({"username": username, "password": "lapor-demo"})).await;
        assert_eq!(status, StatusCode::OK, "login {username}: {me}");
        c
    }

    pub async fn me(&self, c: &Client) -> Value {
        self.get(c, "/api/v1/auth/me").await.1
    }

    /// Submits and returns the receipt (asserting 201).
    pub async fn submit(&self, body: &Value) -> Value {
        let (status, receipt) = self.post(&client(), "/api/v1/reports", body).await;
        assert_eq!(status, StatusCode::CREATED, "{receipt}");
        receipt
    }

    /// The admin id of a report, via the coordinator's queue.
    pub async fn admin_id(&self, coordinator: &Client, tracking: &str) -> i64 {
        let (_, list) = self.get(coordinator, "/api/v1/admin/reports").await;
        list.as_array()
            .unwrap()
            .iter()
            .find(|r| r["tracking_number"] == tracking)
            .unwrap_or_else(|| panic!("{tracking} not in the queue"))["id"]
            .as_i64()
            .unwrap()
    }

    pub async fn act(&self, c: &Client, id: i64, action: Value) -> (StatusCode, Value) {
        self.post(c, &format!("/api/v1/admin/reports/{id}/actions"), &action).await
    }
}

/// A valid complaint in Sekadau Hilir.
pub fn report() -> Value {
    json!({
        "kind": "pengaduan",
        "title": "Jalan rusak di Desa Sungai Ringin",
        "body": "Jalan poros desa berlubang sepanjang 200 meter sejak Agustus, sepeda motor sering jatuh saat hujan.",
        "incident_date": "2026-01-05",
        "province_code": "61",
        "regency_code": "61.09",
        "district_code": "61.09.01",
        "village_code": "61.09.01.2001",
        "address": "Jl. Poros Desa",
        "reporter_name": "Yohanes",
        "reporter_phone": "0812-5678-9012"
    })
}

pub fn field_names(body: &Value) -> Vec<String> {
    body["fields"].as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default()
}
