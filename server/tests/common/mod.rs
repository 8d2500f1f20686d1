//! Spawns the real app on a random port with a fresh database (demo data
//! seeded), and drives it over HTTP. The database is SQLite in a temp dir,
//! or, when `LAPOR_TEST_DATABASE_URL` names a PostgreSQL server (a role
//! allowed to create databases), a new PostgreSQL database of its own that is
//! dropped when the test ends, so tests stay independent and run in parallel.
#![allow(dead_code)]

pub mod binary;

use lapor_server::config::Config;
use lapor_server::db::Backend;
use lapor_server::AppState;
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use sqlx::Connection;
use std::path::Path;
use tempfile::TempDir;

pub struct TestApp {
    pub base: String,
    pub state: AppState,
    pub dir: TempDir,
    pub db: TestDb,
}

/// The PostgreSQL server the tests run against, if any.
pub fn postgres_server() -> Option<String> {
    std::env::var("LAPOR_TEST_DATABASE_URL").ok().filter(|u| !u.trim().is_empty())
}

/// One test's database: `url` is `None` for SQLite (the default file in the
/// data dir), or a fresh PostgreSQL database, dropped on drop.
pub struct TestDb {
    pub url: Option<String>,
    pg: Option<(String, String)>,
}

impl TestDb {
    pub async fn new() -> TestDb {
        let Some(server) = postgres_server() else { return TestDb { url: None, pg: None } };
        let name = format!("lapor_test_{:016x}", rand::random::<u64>());
        let mut conn = sqlx::PgConnection::connect(&server).await.expect("connecting to LAPOR_TEST_DATABASE_URL");
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.expect("CREATE DATABASE");
        conn.close().await.ok();
        TestDb { url: Some(with_database(&server, &name)), pg: Some((server, name)) }
    }

    /// The same database for a second instance; only the original drops it.
    pub fn shared(&self) -> TestDb {
        TestDb { url: self.url.clone(), pg: None }
    }

    pub fn is_postgres(&self) -> bool {
        self.pg.is_some()
    }

    /// A configuration on this database with its data dir under `dir`.
    pub fn config(&self, dir: &Path) -> Config {
        let mut cfg = Config::with_data_dir(dir.join("data"));
        cfg.dist_dir = dir.join("dist");
        cfg.database_url = self.url.clone();
        cfg
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((server, name)) = self.pg.take() else { return };
        // Drop is not async: a short-lived runtime on its own thread.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
            rt.block_on(async {
                let mut conn = sqlx::PgConnection::connect(&server).await.ok()?;
                sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut conn).await.ok()?;
                conn.close().await.ok()
            })
        })
        .join();
    }
}

/// `postgres://user:pw@host:port/db?opts` with the database replaced.
fn with_database(server: &str, name: &str) -> String {
    let (base, query) = match server.find('?') {
        Some(q) => server.split_at(q),
        None => (server, ""),
    };
    let host_start = base.find("://").map_or(0, |i| i + 3);
    let base = match base[host_start..].find('/') {
        Some(slash) => &base[..host_start + slash],
        None => base,
    };
    format!("{base}/{name}{query}")
}

pub async fn spawn() -> TestApp {
    spawn_with(|_| {}).await
}

pub async fn spawn_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = TestDb::new().await;
    let mut cfg = db.config(dir.path());
    cfg.demo = true;
    adjust(&mut cfg);
    let (base, state) = serve(&cfg).await;
    TestApp { base, state, dir, db }
}

/// Builds an app instance from `cfg` and serves it on a random loopback
/// port; returns its base URL and state.
pub async fn serve(cfg: &Config) -> (String, AppState) {
    let (router, state) = lapor_server::build(cfg).await.expect("app builds");
    let expected = if cfg.database_url.is_some() { Backend::Postgres } else { Backend::Sqlite };
    assert_eq!(state.db.backend(), expected, "the test runs on the intended database");
    let (listener, addr) = lapor_server::listen("127.0.0.1:0".parse().unwrap()).await.expect("bind");
    tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<std::net::SocketAddr>()).await.unwrap()
    });
    (format!("http://{addr}"), state)
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

    pub async fn put_json(&self, c: &Client, path: &str, body: &Value) -> (StatusCode, Value) {
        let res = c.put(self.url(path)).json(body).send().await.unwrap();
        let status = res.status();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    /// Every operation (method, path) of the OpenAPI document whose path starts with `prefix`.
    pub async fn operations(&self, prefix: &str) -> Vec<(reqwest::Method, String)> {
        let (_, doc) = self.get(&client(), "/api/v1/openapi.json").await;
        let mut out = Vec::new();
        for (path, item) in doc["paths"].as_object().unwrap().iter().filter(|(p, _)| p.starts_with(prefix)) {
            for method in item.as_object().unwrap().keys() {
                out.push((reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap(), path.clone()));
            }
        }
        out
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
        let (_, page) = self.get(coordinator, &format!("/api/v1/admin/reports?q={tracking}")).await;
        page["items"]
            .as_array()
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

/// An idempotency key as the app makes one (32 hex digits), distinct for each `n`.
pub fn key(n: u64) -> String {
    format!("{n:032x}")
}

/// What a report sends to attach an upload: the id and token its upload answered.
pub fn claim(upload: &Value) -> Value {
    assert!(upload["id"].is_string() && upload["token"].is_string(), "not an upload answer: {upload}");
    json!({"id": upload["id"], "token": upload["token"]})
}

/// A PDF of exactly `size` bytes (stored as sent: nothing to strip).
/// A one-page PDF of exactly `size` bytes (a comment in the page's content
/// fills it up), written as the server writes a cleaned PDF: it is stored as sent.
pub fn pdf(size: usize) -> Vec<u8> {
    use lopdf::{dictionary, Document, Object, Stream};
    let build = |fill: usize| {
        let mut doc = Document::with_version("1.5");
        let pages = doc.new_object_id();
        let content = doc.add_object(Stream::new(dictionary! {}, [&b"% laporan "[..], &vec![b'.'; fill]].concat()));
        let page = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages, "Contents" => content });
        let kids: Vec<Object> = vec![page.into()];
        doc.objects.insert(pages, dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => 1 }.into());
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        let mut file = Vec::new();
        doc.save_modern(&mut file).unwrap();
        file
    };
    // Numbers in the file (`/Length`, `startxref`) grow with the filling.
    let most = size - build(0).len();
    (0..24).map(|less| build(most - less)).find(|f| f.len() == size).expect("a PDF of exactly this size")
}

pub fn field_names(body: &Value) -> Vec<String> {
    body["fields"].as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default()
}

/// A real 16×16 JPEG (as a phone camera writes it) with an EXIF block
/// carrying GPS position tags, an XMP packet and a comment.
pub fn jpeg_with_exif() -> Vec<u8> {
    let mut clean = Vec::new();
    let pixels: Vec<u8> = (0..16 * 16).flat_map(|i: u32| [(i * 7) as u8, (i * 3) as u8, 180]).collect();
    jpeg_encoder::Encoder::new(&mut clean, 85).encode(&pixels, 16, 16, jpeg_encoder::ColorType::Rgb).unwrap();
    // TIFF (big-endian): IFD0 with a GPSInfo pointer to a GPS IFD holding
    // GPSLatitudeRef "S" and GPSLatitude 0/1 1/1 37/1.
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&[0, 1, 0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0]);
    tiff.extend_from_slice(&[0, 2]);
    tiff.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'S', 0, 0, 0]);
    tiff.extend_from_slice(&[0, 2, 0, 5, 0, 0, 0, 3, 0, 0, 0, 56]);
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    for (n, d) in [(0u32, 1u32), (1, 1), (37, 1)] {
        tiff.extend_from_slice(&n.to_be_bytes());
        tiff.extend_from_slice(&d.to_be_bytes());
    }
    tiff.extend_from_slice(b"GPS Sekadau Hilir");
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend(tiff);
    let segment = |marker: u8, payload: &[u8]| {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        s.extend_from_slice(payload);
        s
    };
    let mut jpeg = vec![0xFF, 0xD8];
    jpeg.extend(segment(0xE1, &exif));
    jpeg.extend(segment(
        0xE1,
        b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>0,1.62S</exif:GPSLatitude></x:xmpmeta>",
    ));
    jpeg.extend(segment(0xFE, b"rumah pelapor"));
    jpeg.extend_from_slice(&clean[2..]);
    jpeg
}

pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

impl TestApp {
    /// Uploads raw bytes (with a misleading Content-Type, which must not matter).
    pub async fn upload(&self, bytes: Vec<u8>) -> (StatusCode, Value) {
        let res = client()
            .post(self.url("/api/v1/attachments"))
            .header("content-type", "text/plain")
            .body(bytes)
            .send()
            .await
            .unwrap();
        let status = res.status();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    /// Uploads raw bytes and returns the answer (asserting 201).
    pub async fn upload_ok(&self, bytes: Vec<u8>) -> Value {
        let (status, att) = self.upload(bytes).await;
        assert_eq!(status, StatusCode::CREATED, "{att}");
        att
    }

    /// Downloads an attachment as a reporter, with `receipt`'s number and `code`.
    pub async fn tracked_download(&self, receipt: &Value, code: &str, id: &str) -> reqwest::Response {
        client()
            .post(self.url(&format!("/api/v1/track/attachments/{id}")))
            .json(&json!({"tracking_number": receipt["tracking_number"], "access_code": code}))
            .send()
            .await
            .unwrap()
    }

    /// Downloads an attachment of a report as an admin (`c` signed in, or not).
    pub async fn admin_download(&self, c: &Client, report_id: i64, id: &str) -> reqwest::Response {
        c.get(self.url(&format!("/api/v1/admin/reports/{report_id}/attachments/{id}"))).send().await.unwrap()
    }

    /// Where the store keeps the file of a content hash.
    pub fn file_path(&self, content_hash: &str) -> std::path::PathBuf {
        let h = content_hash;
        self.dir.path().join("data/attachments").join(&h[0..2]).join(&h[2..4]).join(h)
    }

    /// The content hash of a recorded attachment (never shown by the API).
    pub async fn content_hash(&self, id: &str) -> String {
        let stored = self.state.db.stored_attachment(id).await.unwrap();
        stored.unwrap_or_else(|| panic!("no attachment {id}")).content_hash
    }

    /// Where the store keeps a recorded attachment's file.
    pub async fn stored_path(&self, id: &str) -> std::path::PathBuf {
        self.file_path(&self.content_hash(id).await)
    }
}

/// A report written straight into the database (any status, any time), for
/// tests of what the public sees.
#[derive(Clone, Debug)]
pub struct Plant {
    pub kind: &'static str,
    pub title: String,
    pub body: String,
    pub province: &'static str,
    pub regency: &'static str,
    pub district: Option<&'static str>,
    pub category_id: Option<i64>,
    pub agency_id: Option<i64>,
    pub status: domain::Status,
    pub confidential: bool,
    pub anonymous: bool,
    pub reporter_name: String,
    pub reporter_phone: String,
    pub reporter_email: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub due_date: Option<String>,
    /// Public events after the submission: (actor_role, actor_label, message).
    pub events: Vec<(&'static str, &'static str, Option<String>)>,
    /// What the coordinator asked the reporter (a `request_info` event after the submission).
    pub asked: Option<String>,
}

impl Default for Plant {
    fn default() -> Plant {
        let now = lapor_server::now();
        Plant {
            kind: "pengaduan",
            title: "Laporan uji".into(),
            body: "Isi laporan uji yang cukup panjang untuk dibaca oleh siapa saja.".into(),
            province: "61",
            regency: "61.71",
            district: Some("61.71.01"),
            category_id: None,
            agency_id: None,
            status: domain::Status::Dispatched,
            confidential: false,
            anonymous: false,
            reporter_name: "Pelapor Uji".into(),
            reporter_phone: "081200000000".into(),
            reporter_email: String::new(),
            created_at: now - 3600,
            updated_at: now - 3600,
            due_date: None,
            events: Vec::new(),
            asked: None,
        }
    }
}

impl TestApp {
    /// Inserts `p` with a submission event and its events; returns id and tracking number.
    pub async fn plant(&self, p: &Plant) -> (i64, String) {
        use lapor_server::db::{NewEvent, NewReportRow};
        let row = NewReportRow {
            access_code_hash: "x".into(),
            kind: p.kind.into(),
            title: p.title.clone(),
            body: p.body.clone(),
            incident_date: None,
            province_code: p.province.into(),
            regency_code: p.regency.into(),
            district_code: p.district.map(str::to_string),
            village_code: None,
            address: "Jl. Uji".into(),
            category_id: p.category_id,
            target_agency_id: None,
            agency_id: p.agency_id,
            followup_class: "biasa".into(),
            anonymous: p.anonymous,
            confidential: p.confidential,
            reporter_name: p.reporter_name.clone(),
            reporter_phone: p.reporter_phone.clone(),
            reporter_email: p.reporter_email.clone(),
            status: p.status.as_str().into(),
            due_date: p.due_date.clone(),
            created_at: p.created_at,
            updated_at: p.updated_at,
            archive_reason: None,
            practice_session_id: None,
            channel: domain::intake::Channel::Web,
            reporter_contact: String::new(),
            created_on: None,
        };
        use domain::EventKind;
        let ev = |role: &str, label: &str, message: Option<String>, kind: EventKind| NewEvent {
            at: p.created_at,
            kind,
            status: p.status,
            actor_role: domain::Actor::parse(role).expect("an actor"),
            actor_user_id: None,
            actor_label: label.into(),
            message,
            internal: false,
            audience_agency_id: None,
        };
        let mut events = vec![ev("reporter", "Pelapor", None, EventKind::Submitted)];
        events
            .extend(p.asked.iter().map(|m| ev("coordinator", "Koordinator", Some(m.clone()), EventKind::RequestInfo)));
        events.extend(p.events.iter().map(|(role, label, m)| ev(role, label, m.clone(), EventKind::Note)));
        let mut next = || domain::tracking::tracking_from_random(rand::random());
        self.state.db.insert_report_with_events(&row, &events, &mut next).await.expect("planted report")
    }
}
