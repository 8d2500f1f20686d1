//! Jurisdictions: a regional coordinator sees, counts and acts only on the
//! reports of their province or regency — on the queue and its counts, a
//! report and its files, every action, bulk archiving, duplicates, the audit
//! log and the recap — and a report outside it answers exactly as a missing
//! one. The provincial coordinator sees the province, not its neighbours; a
//! national account sees everything.

mod common;

use common::{client, report, spawn, Plant, TestApp};
use reqwest::StatusCode;
use serde_json::{json, Value};
use sqlx::Row;

/// Reports per regency in the database (counted apart from the queue's SQL).
async fn in_db(app: &TestApp, column: &str, code: &str) -> i64 {
    let sql = format!("SELECT CAST(COUNT(*) AS BIGINT) AS n FROM reports WHERE {column} = $1 AND practice_session_id IS NULL");
    sqlx::query(&sql).bind(code).fetch_one(app.state.db.pool()).await.unwrap().try_get("n").unwrap()
}

async fn queue(app: &TestApp, c: &reqwest::Client) -> Value {
    let (status, page) = app.get(c, "/api/v1/admin/reports?limit=100").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page
}

struct Setup {
    /// Submitted reports in Sanggau, Sekadau and Central Kalimantan (62).
    sanggau: (i64, String),
    sekadau: (i64, String),
    elsewhere: (i64, String),
}

async fn setup(app: &TestApp) -> Setup {
    let sanggau = app.plant(&Plant { regency: "61.03", district: Some("61.03.01"), title: "Jembatan putus di Sanggau".into(), status: domain::Status::Submitted, ..Default::default() }).await;
    let sekadau = app.plant(&Plant { regency: "61.09", district: Some("61.09.01"), title: "Sekolah bocor di Sekadau".into(), status: domain::Status::Submitted, ..Default::default() }).await;
    let elsewhere = app.plant(&Plant { province: "62", regency: "62.01", district: None, title: "Puskesmas tutup di Kalteng".into(), status: domain::Status::Submitted, ..Default::default() }).await;
    Setup { sanggau, sekadau, elsewhere }
}

#[tokio::test]
async fn a_regency_coordinator_sees_and_counts_only_the_regency() {
    let app = spawn().await;
    let s = setup(&app).await;
    let sanggau = app.login("koordinator-sanggau").await;
    let me = app.me(&sanggau).await;
    assert_eq!(me["jurisdiction"], json!({"code": "61.03", "name": "Kabupaten Sanggau"}));

    let page = queue(&app, &sanggau).await;
    let items = page["items"].as_array().unwrap();
    assert!(items.iter().all(|r| r["regency"] == "Kabupaten Sanggau"), "{items:?}");
    assert!(items.iter().any(|r| r["id"] == s.sanggau.0));
    assert_eq!(page["counts"]["total"].as_i64().unwrap(), in_db(&app, "regency_code", "61.03").await);
    // Asking for another regency by filter or by number finds nothing.
    let (_, other) = app.get(&sanggau, "/api/v1/admin/reports?regency=61.09").await;
    assert_eq!(other["counts"]["total"], 0, "{other}");
    let (_, by_number) = app.get(&sanggau, &format!("/api/v1/admin/reports?q={}", s.sekadau.1)).await;
    assert_eq!(by_number["items"], json!([]));

    // The provincial coordinator: both regencies, not the neighbouring province.
    let province = app.login("koordinator").await;
    let page = queue(&app, &province).await;
    assert_eq!(page["counts"]["total"].as_i64().unwrap(), in_db(&app, "province_code", "61").await);
    let ids: Vec<i64> = page["items"].as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert!(ids.contains(&s.sanggau.0) && ids.contains(&s.sekadau.0) && !ids.contains(&s.elsewhere.0), "{ids:?}");
    let (status, _) = app.get(&province, &format!("/api/v1/admin/reports/{}", s.elsewhere.0)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // A national superadmin sees all three.
    let national = app.login("superadmin").await;
    for (id, _) in [&s.sanggau, &s.sekadau, &s.elsewhere] {
        let (status, _) = app.get(&national, &format!("/api/v1/admin/reports/{id}")).await;
        assert_eq!(status, StatusCode::OK);
    }
}

#[tokio::test]
async fn another_regions_report_is_a_404_on_every_endpoint_that_names_one() {
    let app = spawn().await;
    let s = setup(&app).await;
    let sanggau = app.login("koordinator-sanggau").await;
    let mut checked = 0;
    for (m, path) in app.operations("/api/v1/admin/reports/{id}").await {
        let url = app.url(&path.replace("{id}", &s.sekadau.0.to_string()).replace("{att_id}", "x"));
        for body in [json!({"action": "archive", "reason": "spam"}), json!({"action": "note", "text": "Bukan wilayah kami"})] {
            let res = sanggau.request(m.clone(), &url).json(&body).send().await.unwrap();
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{m} {path}");
            let text = res.text().await.unwrap();
            assert!(!text.contains("Sekolah bocor"), "{text}");
            checked += 1;
        }
    }
    assert!(checked >= 6, "{checked}");
    let (_, unknown) = app.get(&sanggau, "/api/v1/admin/reports/999999").await;
    let (_, hidden) = app.get(&sanggau, &format!("/api/v1/admin/reports/{}", s.sekadau.0)).await;
    assert_eq!(unknown, hidden);

    // Bulk archiving archives its own and refuses the other as not found.
    let (status, out) = app
        .post(&sanggau, "/api/v1/admin/reports/archive", &json!({"ids": [s.sanggau.0, s.sekadau.0], "reason": "spam"}))
        .await;
    assert_eq!(status, StatusCode::OK, "{out}");
    assert_eq!(out["done"], json!([s.sanggau.0]));
    assert_eq!(out["failed"][0]["id"], s.sekadau.0);
    assert_eq!(app.state.db.report(s.sekadau.0).await.unwrap().unwrap().status, domain::Status::Submitted);

    // Nor can another region's report be named as the original of a duplicate.
    let own = app.plant(&Plant { regency: "61.03", district: Some("61.03.01"), status: domain::Status::Submitted, ..Default::default() }).await;
    let (status, body) = app.act(&sanggau, own.0, json!({"action": "archive", "reason": "duplicate", "duplicate_of": s.sekadau.1})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["fields"]["duplicate_of"][0]["code"], "unknown_report", "{body}");
}

#[tokio::test]
async fn the_audit_log_and_the_recap_stay_inside_the_jurisdiction() {
    let app = spawn().await;
    let s = setup(&app).await;
    for name in ["Koordinator-Sanggau", "koordinator"] {
        let (status, _) = app.post(&client(), "/api/v1/auth/login", &json!({"username": name, "password": "salah-sekali"})).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let province = app.login("koordinator").await;
    for (id, _) in [&s.sanggau, &s.sekadau] {
        let (status, body) = app.act(&province, *id, json!({"action": "note", "text": "Dicatat oleh provinsi"})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let sanggau = app.login("koordinator-sanggau").await;
    let (status, log) = app.get(&sanggau, "/api/v1/admin/audit?limit=100").await;
    assert_eq!(status, StatusCode::OK, "{log}");
    let entries = log["items"].as_array().unwrap();
    let on_reports: Vec<&Value> = entries.iter().filter(|e| !e["report_id"].is_null()).collect();
    assert!(on_reports.iter().any(|e| e["report_id"] == s.sanggau.0), "{entries:?}");
    assert!(on_reports.iter().all(|e| e["report_id"] == s.sanggau.0), "only Sanggau's reports: {on_reports:?}");
    // Its own sign-in is there, and a failed one under its name; the
    // provincial coordinator's are not.
    let sign_ins: Vec<&str> = entries.iter().filter(|e| e["report_id"].is_null()).map(|e| e["username"].as_str().unwrap()).collect();
    assert!(sign_ins.contains(&"koordinator-sanggau") && sign_ins.contains(&"Koordinator-Sanggau"), "{sign_ins:?}");
    assert!(!sign_ins.contains(&"koordinator"), "{sign_ins:?}");
    let (_, failed) = app.get(&app.login("koordinator").await, "/api/v1/admin/audit?action=sign_in_failed").await;
    assert_eq!(failed["items"].as_array().unwrap().len(), 2, "the province sees both: {failed}");
    let (_, by_number) = app.get(&sanggau, &format!("/api/v1/admin/audit?report={}", s.sekadau.1)).await;
    assert_eq!(by_number["items"], json!([]));

    // The recap: the regency by default, a district of it on request, and
    // another regency or the province refused with the field named.
    let (status, recap) = app.get(&sanggau, "/api/v1/admin/recap").await;
    assert_eq!(status, StatusCode::OK, "{recap}");
    assert_eq!(recap["region"], "Kabupaten Sanggau");
    let month = lapor_server::today().to_string()[..7].to_string();
    let (_, national) = app.get(&app.login("superadmin").await, "/api/v1/admin/recap?regency=61.03").await;
    assert_eq!(recap["period"], national["period"], "the same figures as the regency's recap asked nationally");
    assert!(recap["period"]["received"].as_i64().unwrap() >= 1, "{month}: {recap}");
    for (query, field) in [("regency=61.09", "regency"), ("province=61", "province"), ("province=62", "province")] {
        let (status, body) = app.get(&sanggau, &format!("/api/v1/admin/recap?{query}")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{query}: {body}");
        assert_eq!(body["fields"][field][0]["code"], "outside_jurisdiction", "{body}");
    }
    let (status, _) = app.get(&sanggau, "/api/v1/admin/recap?regency=61.03").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn a_submitted_report_reaches_its_regencys_coordinator_only() {
    let app = spawn().await;
    let receipt = app.submit(&report()).await;
    let number = receipt["tracking_number"].as_str().unwrap();
    let sekadau = app.login("koordinator-sekadau").await;
    let id = app.admin_id(&sekadau, number).await;
    let (_, page) = app.get(&app.login("koordinator-sanggau").await, &format!("/api/v1/admin/reports?q={number}")).await;
    assert_eq!(page["items"], json!([]));
    let pupr = app.me(&app.login("sekadau-pupr").await).await["agency_id"].as_i64().unwrap();
    let (status, body) = app.act(&sekadau, id, json!({"action": "dispatch", "agency_id": pupr, "category_id": 8})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["report"]["status"], "dispatched", "{body}");
}
