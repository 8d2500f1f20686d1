//! The shell around the API: unknown paths, OpenAPI, static files, headers,
//! and the create-user command.

mod common;

use common::{client, spawn, spawn_with};
use reqwest::StatusCode;
use serde_json::{json, Value};
use lapor_server::accounts::NewAccount;

#[tokio::test]
async fn unknown_api_paths_are_json_404s_with_security_headers() {
    let app = spawn().await;
    for path in ["/api/v1/x", "/api/v1/reports/1/nothing", "/api/other"] {
        let res = client().get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
        assert_eq!(res.headers()["x-content-type-options"], "nosniff");
        assert_eq!(res.headers()["x-frame-options"], "DENY");
        assert_eq!(res.headers()["referrer-policy"], "same-origin");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["error"], "not_found");
    }
    let (status, body) = app.get(&client(), "/api/v1/health").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, json!({"ok": true}));
}

#[tokio::test]
async fn the_openapi_document_lists_the_routes() {
    let app = spawn().await;
    let (status, doc) = app.get(&client(), "/api/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    let paths = doc["paths"].as_object().unwrap();
    for p in [
        "/api/v1/reports",
        "/api/v1/track/{number}",
        "/api/v1/track",
        "/api/v1/track/actions",
        "/api/v1/admin/reports/{id}/actions",
        "/api/v1/attachments",
        "/api/v1/track/attachments/{att_id}",
        "/api/v1/admin/reports/{id}/attachments/{att_id}",
    ] {
        assert!(paths.contains_key(p), "{p} missing");
    }
    assert!(doc["components"]["schemas"]["NewReport"].is_object());
    assert!(doc["components"]["schemas"]["AttachmentRef"].is_object());
    assert!(doc["components"]["schemas"]["UploadedAttachment"].is_object());
    assert!(doc["components"]["schemas"]["AttachmentClaim"].is_object());
    assert!(doc["components"]["schemas"]["ReporterActionRequest"].is_object());
    assert!(doc["components"]["schemas"]["ReporterAction"].is_object());
    let upload = &paths["/api/v1/attachments"]["post"];
    assert!(upload["requestBody"]["content"]["application/octet-stream"].is_object(), "{upload}");
}

#[tokio::test]
async fn api_json_is_compressed_on_request() {
    let app = spawn().await;
    let res = client()
        .get(app.url("/api/v1/regions/61.09/children"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-encoding"], "gzip");
}

#[tokio::test]
async fn the_built_app_is_served_with_the_right_caching() {
    let app = spawn().await;
    let dist = app.dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    // Before the app is built, `/` explains how to build it.
    let res = client().get(app.url("/")).send().await.unwrap();
    assert!(res.text().await.unwrap().contains("scripts/run.sh"));

    std::fs::write(dist.join("index.html"), "<!doctype html><title>LAPOR!</title>").unwrap();
    std::fs::write(dist.join("app-0123456789abcdef.wasm"), b"\0asm plain").unwrap();
    std::fs::write(dist.join("app-0123456789abcdef.wasm.br"), b"brotli bytes").unwrap();
    std::fs::write(dist.join("index.html.br"), b"brotli index").unwrap();

    let res = client().get(app.url("/lapor")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["cache-control"], "no-cache");
    assert_eq!(res.text().await.unwrap(), "<!doctype html><title>LAPOR!</title>");

    let res = client().get(app.url("/index.html")).send().await.unwrap();
    assert_eq!(res.headers()["cache-control"], "no-cache");

    // The officers' console is its own app under /admin.
    std::fs::create_dir_all(dist.join("admin")).unwrap();
    std::fs::write(dist.join("admin/index.html"), "<!doctype html><title>Konsol</title>").unwrap();
    let res = client().get(app.url("/admin")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.url().path(), "/admin", "a folder's name is a route, not a redirect");
    assert_eq!(res.text().await.unwrap(), "<!doctype html><title>Konsol</title>");
    let res = client().get(app.url("/admin/laporan/3")).send().await.unwrap();
    assert_eq!(res.text().await.unwrap(), "<!doctype html><title>Konsol</title>");
    let res = client().get(app.url("/administrasi")).send().await.unwrap();
    assert_eq!(res.text().await.unwrap(), "<!doctype html><title>LAPOR!</title>");

    // Every route of the app gets the precompressed page too.
    let res = client().get(app.url("/lacak")).header("accept-encoding", "br").send().await.unwrap();
    assert_eq!(res.headers()["content-encoding"], "br");
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"brotli index");

    let res = client()
        .get(app.url("/app-0123456789abcdef.wasm"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-encoding"], "br");
    assert_eq!(res.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"brotli bytes");

    let res = client().get(app.url("/app-0123456789abcdef.wasm")).send().await.unwrap();
    assert!(res.headers().get("content-encoding").is_none());
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"\0asm plain");

    // A missing hashed file falls back to the app, uncached.
    let res = client().get(app.url("/old-fedcba9876543210.js")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["cache-control"], "no-cache");
}

#[tokio::test]
async fn create_user_makes_an_account_that_can_sign_in() {
    let app = spawn_with(|c| c.demo = false).await;
    let (db, regions) = (&app.state.db, &app.state.regions);
    let create = |username: &'static str, role: &'static str, jurisdiction: Option<&'static str>, display_name: Option<&'static str>, password: &'static str| {
        let a = NewAccount { username, role, jurisdiction, display_name, agency_id: None };
        lapor_server::accounts::create_user(db, regions, a, password)
    };
    assert!(create("kepala", "supervisor", None, None, "pendek").await.is_err());
    assert!(create("penghubung", "agency_admin", None, None, "kata-sandi-panjang").await.is_err());
    assert!(create("kab", "coordinator", Some("61.03.01"), None, "kata-sandi-panjang").await.is_err(), "a district is no jurisdiction");
    assert!(create("kab", "coordinator", Some("99"), None, "kata-sandi-panjang").await.is_err(), "no such province");
    assert!(create("kab", "superadmin", Some("61"), None, "kata-sandi-panjang").await.is_err(), "a superadmin is national");
    let u = create("kepala", "supervisor", Some("61.03"), Some("Kepala Inspektorat"), "kata-sandi-panjang").await.unwrap();
    assert_eq!(u.username, "kepala");
    assert_eq!(u.jurisdiction.as_deref(), Some("61.03"));
    assert!(create("kepala", "supervisor", None, None, "kata-sandi-panjang").await.is_err());

    let c = client();
    let (status, me) =
        app.post(&c, "/api/v1/auth/login", &json!({"username": "kepala", "password": "kata-sandi-panjang"})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["role"], "supervisor");
    assert_eq!(me["display_name"], "Kepala Inspektorat");
    assert_eq!(me["jurisdiction"], json!({"code": "61.03", "name": "Kabupaten Sanggau"}));
    // Without --demo there are no demo accounts or reports, but categories exist.
    let (status, _) = app.post(&client(), "/api/v1/auth/login", &json!({"username": "koordinator", "password": "lapor-demo"})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (_, cats) = app.get(&client(), "/api/v1/categories").await;
    assert_eq!(cats.as_array().unwrap().len(), 18);
}

#[tokio::test]
async fn fresh_start_empties_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::TestDb::new().await;
    let mut cfg = db.config(dir.path());
    cfg.demo = true;
    let (_, state) = lapor_server::build(&cfg).await.unwrap();
    assert!(state.db.count(lapor_server::db::Table::Reports).await.unwrap() > 0);
    drop(state);
    cfg.demo = false;
    cfg.fresh = true;
    let (_, state) = lapor_server::build(&cfg).await.unwrap();
    assert_eq!(state.db.count(lapor_server::db::Table::Reports).await.unwrap(), 0);
    assert_eq!(state.db.count(lapor_server::db::Table::Users).await.unwrap(), 0);
}
