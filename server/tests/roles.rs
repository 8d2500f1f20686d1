//! Who may do what in the console, read from the OpenAPI document so a new
//! endpoint cannot be forgotten: every officer endpoint × every role (and no
//! session) is allowed or refused as DESIGN.md says; an agency gets the
//! same 404 for another agency's report as for no report; a supervisor
//! changes nothing; a refused transition says why.

mod common;

use common::{claim, client, jpeg_with_exif, report, spawn, TestApp};
use lapor_server::db::Table;
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

/// `koordinator-sanggau` is a regional coordinator; the report is in Sekadau.
const ROLES: [&str; 7] = ["", "koordinator", "superadmin", "pengawas", "sekadau-pupr", "sanggau-pupr", "koordinator-sanggau"];

/// The expected status per role, in `ROLES` order.
fn expected(method: &Method, path: &str) -> Option<[u16; 7]> {
    Some(match (method.as_str(), path) {
        ("GET", "/api/v1/admin/reports") => [401, 200, 200, 200, 200, 200, 200],
        // A letter entered by a coordinator; the report is Sekadau's, outside
        // the Sanggau coordinator's jurisdiction (422 on `regency_code`).
        ("POST", "/api/v1/admin/reports") => [401, 201, 201, 403, 403, 403, 422],
        ("GET", "/api/v1/admin/reports/{id}") => [401, 200, 200, 200, 200, 404, 404],
        // An internal note: every officer but the supervisor, on a report they may see.
        ("POST", "/api/v1/admin/reports/{id}/actions") => [401, 200, 200, 403, 200, 404, 404],
        ("POST", "/api/v1/admin/reports/archive") => [401, 200, 200, 403, 403, 403, 200],
        // Supervisors see no citizen's files.
        ("GET", "/api/v1/admin/reports/{id}/attachments/{att_id}") => [401, 200, 200, 404, 200, 404, 404],
        ("GET", "/api/v1/admin/audit") => [401, 200, 200, 403, 403, 403, 200],
        // Aggregates only: supervisors too, agencies not.
        ("GET", "/api/v1/admin/recap") => [401, 200, 200, 200, 403, 403, 200],
        ("GET", "/api/v1/auth/me") => [401, 200, 200, 200, 200, 200, 200],
        // With a wrong old password: allowed (422), nothing changes.
        ("POST", "/api/v1/auth/password") => [401, 422, 422, 422, 422, 422, 422],
        ("POST", "/api/v1/auth/logout-everywhere") => [401, 204, 204, 204, 204, 204, 204],
        // Socialization: any officer but a supervisor runs a session; a
        // session (`{id}`, the coordinator's) is its presenter's alone.
        ("POST", "/api/v1/admin/practice") => [401, 201, 201, 403, 201, 201, 201],
        ("GET", "/api/v1/admin/practice") => [401, 200, 200, 403, 200, 200, 200],
        ("GET", "/api/v1/admin/practice/addresses") => [401, 200, 200, 403, 200, 200, 200],
        ("GET", "/api/v1/admin/practice/{id}") => [401, 200, 404, 403, 404, 404, 404],
        ("POST", "/api/v1/admin/practice/{id}/reports/{report_id}") => [401, 200, 404, 403, 404, 404, 404],
        ("POST", "/api/v1/admin/practice/{id}/close") => [401, 200, 404, 403, 404, 404, 404],
        // Accounts: a superadmin's all, a coordinator's the agency admins of
        // its region (the account here is of Sekadau's public works office).
        ("GET", "/api/v1/admin/users") => [401, 200, 200, 403, 403, 403, 200],
        ("POST", "/api/v1/admin/users") => [401, 201, 422, 403, 403, 403, 403],
        ("PUT", "/api/v1/admin/users/{id}") => [401, 200, 200, 403, 403, 403, 404],
        ("POST", "/api/v1/admin/users/{id}/password") => [401, 200, 200, 403, 403, 403, 404],
        // Categories: a superadmin's.
        ("GET", "/api/v1/admin/categories") => [401, 403, 200, 403, 403, 403, 403],
        ("POST", "/api/v1/admin/categories") => [401, 403, 201, 403, 403, 403, 403],
        ("PUT", "/api/v1/admin/categories/{id}") => [401, 403, 200, 403, 403, 403, 403],
        // Agencies: a superadmin's all, a coordinator's those of its region
        // (the one changed is Sekadau's public works office).
        ("GET", "/api/v1/admin/agencies") => [401, 200, 200, 403, 403, 403, 200],
        ("POST", "/api/v1/admin/agencies") => [401, 201, 201, 403, 403, 403, 422],
        ("PUT", "/api/v1/admin/agencies/{id}") => [401, 200, 200, 403, 403, 403, 404],
        // Holidays: a superadmin's (the days are in 2099, set up for this).
        ("GET", "/api/v1/admin/holidays") => [401, 403, 200, 403, 403, 403, 403],
        ("POST", "/api/v1/admin/holidays") => [401, 403, 201, 403, 403, 403, 403],
        ("PUT", "/api/v1/admin/holidays/{date}") => [401, 403, 200, 403, 403, 403, 403],
        ("DELETE", "/api/v1/admin/holidays/{date}") => [401, 403, 200, 403, 403, 403, 403],
        _ => return None,
    })
}

/// Paths that need no session at all (the rest of `/api/v1/auth`).
const OPEN: [&str; 2] = ["/api/v1/auth/login", "/api/v1/auth/logout"];

struct Setup {
    id: i64,
    att: String,
    spare: i64,
    /// The coordinator's practice session, one practice report in it, and an agency.
    practice: i64,
    practice_report: i64,
    pupr: i64,
    /// An agency admin account of the public works office, made for the test.
    account: i64,
}

async fn setup(app: &TestApp) -> Setup {
    let upload = app.upload_ok(jpeg_with_exif()).await;
    let mut r = report();
    r["attachments"] = json!([claim(&upload)]);
    let receipt = app.submit(&r).await;
    let coord = app.login("koordinator").await;
    let id = app.admin_id(&coord, receipt["tracking_number"].as_str().unwrap()).await;
    let pupr = app.me(&app.login("sekadau-pupr").await).await["agency_id"].as_i64().unwrap();
    let (status, _) = app.act(&coord, id, json!({"action": "dispatch", "agency_id": pupr, "category_id": 8})).await;
    assert_eq!(status, StatusCode::OK);
    let spare_receipt = app.submit(&report()).await;
    let spare = app.admin_id(&coord, spare_receipt["tracking_number"].as_str().unwrap()).await;
    let (_, session) = app.post(&coord, "/api/v1/admin/practice", &json!({})).await;
    let mut r = report();
    r["practice_code"] = session["code"].clone();
    app.submit(&r).await;
    let practice = session["id"].as_i64().unwrap();
    let (_, live) = app.get(&coord, &format!("/api/v1/admin/practice/{practice}")).await;
    let practice_report = live["reports"][0]["id"].as_i64().unwrap();
    let form = json!({"username": "pupr-cadangan", "display_name": "Operator PUPR", "role": "agency_admin", "agency_id": pupr});
    let (status, made) = app.post(&app.login("superadmin").await, "/api/v1/admin/users", &form).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let account = made["account"]["id"].as_i64().unwrap();
    for date in ["2099-01-05", "2099-01-06"] {
        let (status, made) = app.post(&app.login("superadmin").await, "/api/v1/admin/holidays", &json!({"date": date, "name": "Libur uji peran"})).await;
        assert_eq!(status, StatusCode::CREATED, "{made}");
    }
    Setup { id, att: upload["id"].as_str().unwrap().to_string(), spare, practice, practice_report, pupr, account }
}

async fn call(app: &TestApp, c: &Client, method: &Method, path: &str, s: &Setup) -> StatusCode {
    let id = if path.starts_with("/api/v1/admin/practice/") {
        s.practice
    } else if path.starts_with("/api/v1/admin/users/") {
        s.account
    } else if path.starts_with("/api/v1/admin/agencies/") {
        s.pupr
    } else if path.starts_with("/api/v1/admin/categories/") {
        1
    } else {
        s.id
    };
    // The day renamed is not the one removed, whichever comes first.
    let date = if *method == Method::DELETE { "2099-01-06" } else { "2099-01-05" };
    let url = app.url(
        &path.replace("{id}", &id.to_string()).replace("{date}", date).replace("{att_id}", &s.att).replace("{report_id}", &s.practice_report.to_string()),
    );
    let body = match path {
        "/api/v1/admin/practice/{id}/reports/{report_id}" => json!({"step": "dispatch", "agency_id": s.pupr}),
        "/api/v1/admin/reports/{id}/actions" => json!({"action": "note", "text": "Catatan peran"}),
        "/api/v1/admin/reports/archive" => json!({"ids": [s.spare], "reason": "spam"}),
        "/api/v1/admin/reports" if *method == Method::POST => {
            let today = lapor_server::today().to_string();
            let mut r = report();
            r["incident_date"] = json!(today);
            json!({"channel": "surat", "received_date": today, "reporter_contact": "Jl. Merdeka 1, Sekadau", "report": r})
        }
        "/api/v1/auth/password" => json!({"old_password": "bukan-sandinya", "new_password": "kata-sandi-baru-1"}),
        "/api/v1/admin/users" => json!({"username": "pupr-operator", "display_name": "Operator PUPR", "role": "agency_admin", "agency_id": s.pupr}),
        "/api/v1/admin/categories" => json!({"name": "Kategori uji peran"}),
        "/api/v1/admin/categories/{id}" => json!({"name": "Kategori uji peran ubah", "retired": false}),
        "/api/v1/admin/agencies" => json!({"name": "Dinas Uji Peran", "level": "kabupaten", "region_code": "61.09", "category_ids": [8]}),
        "/api/v1/admin/agencies/{id}" => json!({"name": "Dinas PUPR Sekadau", "level": "kabupaten", "region_code": "61.09", "category_ids": [8]}),
        "/api/v1/admin/holidays" => json!({"date": "2099-01-07", "name": "Libur uji peran baru"}),
        "/api/v1/admin/holidays/{date}" if *method == Method::PUT => json!({"name": "Libur uji peran ubah", "kind": "cuti_bersama"}),
        "/api/v1/admin/users/{id}" => json!({"display_name": "Operator PUPR Sekadau", "role": "agency_admin", "agency_id": s.pupr, "active": true}),
        _ => Value::Null,
    };
    let req = c.request(method.clone(), url);
    let req = if body.is_null() { req } else { req.json(&body) };
    req.send().await.unwrap().status()
}

#[tokio::test]
async fn every_officer_endpoint_answers_each_role_as_the_design_says() {
    let app = spawn().await;
    let s = setup(&app).await;
    let mut clients = vec![client()];
    for user in &ROLES[1..] {
        clients.push(app.login(user).await);
    }
    let (_, doc) = app.get(&client(), "/api/v1/openapi.json").await;
    let mut endpoints = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        if !(path.starts_with("/api/v1/admin") || path.starts_with("/api/v1/auth")) || OPEN.contains(&path.as_str()) {
            continue;
        }
        for method in item.as_object().unwrap().keys() {
            let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let want = expected(&m, path).unwrap_or_else(|| panic!("{method} {path}: add it to the role table in roles.rs"));
            endpoints.push((m, path.clone(), want));
        }
    }
    assert!(endpoints.len() >= 9, "{endpoints:?}");
    // Closing the practice session late (the other practice calls need it),
    // signing out everywhere last: it ends the sessions the others use.
    endpoints.sort_by_key(|(_, p, _)| (p.ends_with("logout-everywhere"), p.ends_with("/close")));
    for (m, path, want) in &endpoints {
        for (k, c) in clients.iter().enumerate() {
            let got = call(&app, c, m, path, &s).await;
            assert_eq!(got.as_u16(), want[k], "{m} {path} as {:?}", ROLES[k]);
        }
    }
}

#[tokio::test]
async fn another_agencys_report_is_a_404_on_every_endpoint_that_names_one() {
    let app = spawn().await;
    let s = setup(&app).await;
    let other = app.login("sanggau-pupr").await;
    let mut checked = 0;
    for (m, path) in app.operations("/api/v1/admin/reports/{id}").await {
        let url = app.url(&path.replace("{id}", &s.id.to_string()).replace("{att_id}", &s.att));
        for body in [json!({"action": "respond", "message": "Bukan milik kami"}), json!({"action": "return", "reason": "x"})] {
            let res = other.request(m.clone(), &url).json(&body).send().await.unwrap();
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{m} {path}");
            let text = res.text().await.unwrap();
            assert!(!text.contains("Jalan rusak"), "{text}");
            checked += 1;
        }
    }
    assert!(checked >= 6, "{checked}");
    // The same answer as for a report that does not exist.
    let (_, unknown) = app.get(&other, "/api/v1/admin/reports/999999").await;
    let (_, hidden) = app.get(&other, &format!("/api/v1/admin/reports/{}", s.id)).await;
    assert_eq!(unknown, hidden);
}

#[tokio::test]
async fn a_supervisor_reads_everything_and_changes_nothing() {
    let app = spawn().await;
    let s = setup(&app).await;
    let sup = app.login("pengawas").await;
    let before = (app.state.db.count(Table::Events).await.unwrap(), app.state.db.report(s.id).await.unwrap().unwrap());
    let audit_before = audit_rows(&app).await;
    let actions = [
        json!({"action": "note", "text": "Pengawas mencatat"}),
        json!({"action": "dispatch", "agency_id": 1, "category_id": 8}),
        json!({"action": "archive", "reason": "spam"}),
        json!({"action": "request_info", "note": "x"}),
        json!({"action": "respond", "message": "x"}),
        json!({"action": "return", "reason": "x"}),
        json!({"action": "set_flags", "confidential": true}),
        json!({"action": "classify", "category_id": 3}),
    ];
    for a in &actions {
        let (status, body) = app.act(&sup, s.id, a.clone()).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{a}: {body}");
        assert!(body["message"].as_str().unwrap().contains("Pengawas"), "{body}");
    }
    let (status, _) = app.post(&sup, "/api/v1/admin/reports/archive", &json!({"ids": [s.spare], "reason": "spam"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let after = app.state.db.report(s.id).await.unwrap().unwrap();
    assert_eq!(app.state.db.count(Table::Events).await.unwrap(), before.0);
    assert_eq!((after.status, after.updated_at, after.confidential), (before.1.status, before.1.updated_at, before.1.confidential));
    assert_eq!(app.state.db.report(s.spare).await.unwrap().unwrap().status, domain::Status::Submitted);
    assert_eq!(audit_rows(&app).await, audit_before, "nothing to audit: nothing happened");
}

async fn audit_rows(app: &TestApp) -> i64 {
    use sqlx::Row;
    sqlx::query("SELECT CAST(COUNT(*) AS BIGINT) AS n FROM audit_log").fetch_one(app.state.db.pool()).await.unwrap().try_get("n").unwrap()
}

#[tokio::test]
async fn a_refused_transition_says_which_status_stands_in_the_way() {
    let app = spawn().await;
    let coord = app.login("koordinator").await;
    let (_, page) = app.get(&coord, "/api/v1/admin/reports?limit=100").await;
    let pupr = app.me(&app.login("sekadau-pupr").await).await["agency_id"].as_i64().unwrap();
    let moves = [
        ("dispatch", json!({"action": "dispatch", "agency_id": pupr, "category_id": 8})),
        ("request_info", json!({"action": "request_info", "note": "Mohon lengkapi."})),
        ("archive", json!({"action": "archive", "reason": "unclear"})),
    ];
    let mut refused = 0;
    for row in page["items"].as_array().unwrap() {
        let status: domain::Status = serde_json::from_value(row["status"].clone()).unwrap();
        let id = row["id"].as_i64().unwrap();
        for (name, body) in &moves {
            let t: domain::Transition = serde_json::from_value(json!(name)).unwrap();
            if domain::status::available(status, domain::Actor::Coordinator).contains(&t) {
                continue;
            }
            let (code, answer) = app.act(&coord, id, body.clone()).await;
            assert_eq!(code, StatusCode::CONFLICT, "{name} on {status}: {answer}");
            let label = status.label(domain::Lang::Id);
            assert!(answer["message"].as_str().unwrap().contains(label), "{name} on {status}: {answer}");
            refused += 1;
        }
    }
    assert!(refused >= 10, "the demo data covers every status: {refused}");
    // An agency's moves on a report not with it for follow-up.
    let agency = app.login("sekadau-pupr").await;
    let (_, mine) = app.get(&agency, "/api/v1/admin/reports?status=closed").await;
    if let Some(row) = mine["items"].as_array().unwrap().first() {
        let (code, answer) = app.act(&agency, row["id"].as_i64().unwrap(), json!({"action": "respond", "message": "Lagi"})).await;
        assert_eq!(code, StatusCode::CONFLICT, "{answer}");
        assert!(answer["message"].as_str().unwrap().contains("Selesai"));
    }
    let (code, answer) = app.act(&agency, 999_999, json!({"action": "respond", "message": "x"})).await;
    assert_eq!(code, StatusCode::NOT_FOUND, "{answer}");
}
