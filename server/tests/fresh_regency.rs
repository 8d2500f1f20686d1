//! A new regency from an empty database (no demo data): the one
//! `create-user` command run before the server's first start makes the
//! superadmin; in the console (the API the browser uses) it adds the
//! regency's coordinator, an agency and its liaison, a category and a
//! holiday of next year; the coordinator and the liaison change their
//! temporary passwords, the coordinator enters a complaint that came by
//! letter and forwards it, the liaison answers it, the letter's writer reads
//! the answer with the printed receipt, and every step is on the audit log.
//! On SQLite, and on PostgreSQL when `LAPOR_TEST_DATABASE_URL` is set.

mod common;

use common::{client, report, serve, TestApp, TestDb};
use domain::Date;
use lapor_server::accounts::{create_user, NewAccount, PASSWORD_MIN};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// The national holidays the server seeds its calendar from.
const HOLIDAYS_CSV: &str = include_str!("../../data/holidays-id.csv");

const ROOT: &str = "admin-sekadau";
const ROOT_PASSWORD: &str = "sandi-pertama-sekadau";
const AGENCY: &str = "Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Sekadau";
const CATEGORY: &str = "Pasar dan perdagangan";
const ADDRESS: &str = "Jl. Sekadau–Sintang Km 2, RT 03, Sekadau Hilir";
const FOLLOW_UP: &str = "Atap los ikan Pasar Sekadau sudah diperbaiki dan saluran airnya dibersihkan.";

async fn sign_in(app: &TestApp, username: &str, password: &str) -> (StatusCode, Value, Client) {
    let c = client();
    let (status, me) = app.post(&c, "/api/v1/auth/login", &json!({"username": username, "password": password})).await;
    (status, me, c)
}

/// Creates an account through the console as `by`; its temporary password.
async fn new_account(app: &TestApp, by: &Client, form: Value) -> (Value, String) {
    let (status, made) = app.post(by, "/api/v1/admin/users", &form).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    assert_eq!(made["account"]["must_change_password"], true, "{made}");
    let temp = made["password"].as_str().unwrap_or_else(|| panic!("a temporary password: {made}")).to_string();
    assert!(temp.chars().count() >= PASSWORD_MIN, "{temp:?}");
    (made["account"].clone(), temp)
}

/// The first sign-in with a temporary password: the session can do nothing
/// but change it; changed, the account signs in with its own. A client
/// signed in with the new password.
async fn first_sign_in(app: &TestApp, username: &str, temp: &str, own: &str) -> Client {
    let (status, me, c) = sign_in(app, username, temp).await;
    assert_eq!(status, StatusCode::OK, "{username}: {me}");
    assert_eq!(me["must_change_password"], true, "{me}");
    let (status, body) = app.get(&c, "/api/v1/admin/reports").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{username}: nothing before the password is changed: {body}");
    let (status, body) = app.post(&c, "/api/v1/auth/password", &json!({"old_password": temp, "new_password": own})).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    assert_eq!(app.me(&c).await["must_change_password"], false);
    let (status, _, _) = sign_in(app, username, temp).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "the temporary password is gone");
    let (status, me, c) = sign_in(app, username, own).await;
    assert_eq!(status, StatusCode::OK, "{username}: {me}");
    assert_eq!(me["must_change_password"], false, "{me}");
    c
}

/// The queue's rows as `c` sees them at `query`.
async fn queue(app: &TestApp, c: &Client, query: &str) -> Vec<Value> {
    let (status, page) = app.get(c, &format!("/api/v1/admin/reports?limit=100&{query}")).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page["items"].as_array().unwrap().clone()
}

/// The first weekday of `year` that the national list has no holiday on.
fn free_weekday(year: i32) -> Date {
    let listed: BTreeSet<Date> = HOLIDAYS_CSV.lines().filter_map(|l| Date::parse(l.split(',').next()?)).collect();
    let mut d = Date::parse(&format!("{year}-01-02")).unwrap();
    while d.weekday() >= 5 || listed.contains(&d) {
        d = d.add_days(1);
    }
    d
}

#[tokio::test]
async fn a_new_regency_starts_from_an_empty_database_and_the_one_create_user_command() {
    // Installed: a data directory (or a PostgreSQL database) with nothing in
    // it. The operator runs `lapor-server create-user --username admin-sekadau
    // --role superadmin` before the server has ever started: what the command
    // does (open the database, then `create_user`), as its own process would.
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new().await;
    let cfg = db.config(dir.path());
    assert!(!cfg.demo, "no demo data");
    assert!(ROOT_PASSWORD.chars().count() >= PASSWORD_MIN);
    {
        let cli_db = lapor_server::open_db(&cfg).await.expect("create-user opens the empty database");
        let regions = lapor_server::regions::Regions::load();
        let account = NewAccount { username: ROOT, role: "superadmin", display_name: Some("Admin LAPOR! Sekadau"), ..Default::default() };
        let made = create_user(&cli_db, &regions, account, ROOT_PASSWORD).await.expect("create-user");
        assert_eq!((made.username.as_str(), made.role.as_str()), (ROOT, "superadmin"));
    }
    let (base, state) = serve(&cfg).await;
    let app = TestApp { base, state, dir, db };
    let anyone = client();

    // 1. Empty: no demo account, no agency, no report; the categories are there.
    for demo in ["koordinator", "superadmin", "sekadau-pupr"] {
        let (status, body, _) = sign_in(&app, demo, "lapor-demo").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{demo}: {body}");
    }
    let (status, agencies) = app.get(&anyone, "/api/v1/agencies").await;
    assert_eq!((status, agencies.clone()), (StatusCode::OK, json!([])), "{agencies}");
    let (status, public) = app.get(&anyone, "/api/v1/public/reports").await;
    assert_eq!(status, StatusCode::OK, "{public}");
    assert_eq!(public["items"], json!([]), "{public}");
    let (_, categories) = app.get(&anyone, "/api/v1/categories").await;
    let names: Vec<&str> = categories.as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, lapor_server::seed::CATEGORIES.to_vec(), "{categories}");
    let category_id = |list: &Value, name: &str| {
        list.as_array().unwrap().iter().find(|c| c["name"] == name).unwrap_or_else(|| panic!("no {name}: {list}"))["id"].as_i64().unwrap()
    };
    let roads = category_id(&categories, "Infrastruktur jalan");

    // 2. The superadmin the command made signs in with its own password.
    let (status, me, root) = sign_in(&app, ROOT, ROOT_PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!((me["role"].clone(), me["must_change_password"].clone()), (json!("superadmin"), json!(false)), "{me}");
    let (_, users) = app.get(&root, "/api/v1/admin/users").await;
    let usernames: Vec<&str> = users["items"].as_array().unwrap().iter().map(|u| u["username"].as_str().unwrap()).collect();
    assert_eq!(usernames, [ROOT], "the one account: {users}");
    assert!(queue(&app, &root, "").await.is_empty(), "no report");

    // 3. The console: the regency's coordinator, the agency and its liaison,
    // a category, next year's holiday.
    let (coordinator, coordinator_temp) = new_account(
        &app,
        &root,
        json!({"username": "koordinator-sekadau", "display_name": "Koordinator LAPOR! Sekadau", "role": "coordinator", "jurisdiction": "61.09"}),
    )
    .await;
    assert_eq!((coordinator["role"].clone(), coordinator["jurisdiction"]["code"].clone()), (json!("coordinator"), json!("61.09")));

    let (status, agency) = app
        .post(&root, "/api/v1/admin/agencies", &json!({"name": AGENCY, "level": "kabupaten", "region_code": "61.09", "category_ids": [roads]}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{agency}");
    assert_eq!((agency["region"]["code"].clone(), agency["active"].clone()), (json!("61.09"), json!(true)), "{agency}");
    let agency_id = agency["id"].as_i64().unwrap();
    let (_, agencies) = app.get(&anyone, "/api/v1/agencies?region=61.09.01").await;
    let listed = agencies.as_array().unwrap();
    assert_eq!(listed.len(), 1, "{agencies}");
    assert_eq!((listed[0]["id"].as_i64(), listed[0]["name"].as_str()), (Some(agency_id), Some(AGENCY)), "{agencies}");

    let (liaison, liaison_temp) = new_account(
        &app,
        &root,
        json!({"username": "penghubung-pupr-sekadau", "display_name": "Penghubung PUPR Sekadau", "role": "agency_admin", "agency_id": agency_id, "team_role": "liaison"}),
    )
    .await;
    assert_eq!((liaison["agency"]["id"].as_i64(), liaison["team_role"].clone()), (Some(agency_id), json!("liaison")), "{liaison}");

    let (status, category) = app.post(&root, "/api/v1/admin/categories", &json!({"name": CATEGORY})).await;
    assert_eq!(status, StatusCode::CREATED, "{category}");
    let market = category["id"].as_i64().unwrap();
    let (_, categories) = app.get(&anyone, "/api/v1/categories").await;
    assert_eq!(category_id(&categories, CATEGORY), market, "offered to citizens at once");

    let next_year = lapor_server::today().year + 1;
    let holiday = free_weekday(next_year);
    let (status, change) = app
        .post(&root, "/api/v1/admin/holidays", &json!({"date": holiday.to_string(), "name": "Cuti bersama uji Sekadau", "kind": "cuti_bersama"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{change}");
    assert_eq!(change["deadlines_moved"], 0, "no report yet: {change}");
    let (_, listed) = app.get(&root, &format!("/api/v1/admin/holidays?year={next_year}")).await;
    assert!(
        listed.as_array().unwrap().iter().any(|h| h["date"] == holiday.to_string() && h["kind"] == "cuti_bersama"),
        "{listed}"
    );

    // 4. The coordinator's first sign-in.
    let coord = first_sign_in(&app, "koordinator-sekadau", &coordinator_temp, "sandi-koordinator-sekadau").await;
    assert_eq!(app.me(&coord).await["role"], "coordinator");

    // 5. A letter received two days ago, entered by the coordinator.
    let received = lapor_server::today().add_days(-2);
    let mut r = report();
    r["title"] = json!("Atap los ikan Pasar Sekadau bocor");
    r["body"] = json!("Setiap hujan atap los ikan di Pasar Sekadau bocor dan air menggenang di lantai, pedagang tidak bisa berjualan.");
    r["incident_date"] = json!(received.add_days(-3).to_string());
    r["category_id"] = json!(market);
    r["reporter_name"] = json!("Ibu Maria Pedagang");
    r["reporter_phone"] = json!("");
    let letter = json!({"channel": "surat", "received_date": received.to_string(), "reporter_contact": ADDRESS, "report": r});
    let (status, entered) = app.post(&coord, "/api/v1/admin/reports", &letter).await;
    assert_eq!(status, StatusCode::CREATED, "{entered}");
    assert_eq!((entered["channel"].clone(), entered["received_date"].clone()), (json!("surat"), json!(received.to_string())));
    assert_eq!(entered["entered_by"], "Koordinator LAPOR! Sekadau", "{entered}");
    let receipt = entered["receipt"].clone();
    let number = receipt["tracking_number"].as_str().unwrap().to_string();
    let code = receipt["access_code"].as_str().unwrap().to_string();
    assert!(!number.is_empty() && !code.is_empty(), "{receipt}");
    assert_eq!(receipt["status"], "submitted");
    let id = entered["id"].as_i64().unwrap();
    let rows = queue(&app, &coord, "channel=surat").await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!((rows[0]["id"].as_i64(), rows[0]["tracking_number"].as_str()), (Some(id), Some(number.as_str())));
    assert_eq!((rows[0]["category"].clone(), rows[0]["status"].clone()), (json!(CATEGORY), json!("submitted")), "{rows:?}");

    // 6. Forwarded to the new agency; its liaison answers.
    let (status, body) = app.act(&coord, id, json!({"action": "dispatch", "agency_id": agency_id, "category_id": market})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let officer = first_sign_in(&app, "penghubung-pupr-sekadau", &liaison_temp, "sandi-penghubung-pupr").await;
    let rows = queue(&app, &officer, "").await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!((rows[0]["id"].as_i64(), rows[0]["agency"].as_str()), (Some(id), Some(AGENCY)), "{rows:?}");
    assert_eq!(rows[0]["status"], "dispatched");
    let (status, detail) = app.act(&officer, id, json!({"action": "respond", "message": FOLLOW_UP})).await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    assert_eq!(detail["report"]["status"], "responded", "a liaison's answer goes out at once: {detail}");

    // 7. The letter's writer, with the printed receipt.
    let (status, view) = app.post(&client(), "/api/v1/track", &json!({"tracking_number": number, "access_code": code})).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!((view["status"].clone(), view["agency"].clone()), (json!("responded"), json!(AGENCY)), "{view}");
    assert_eq!(view["category"]["name"], CATEGORY);
    let timeline = view["timeline"].as_array().unwrap();
    assert!(timeline[0]["message"].as_str().unwrap_or("").starts_with("Diterima melalui surat pada "), "{view}");
    assert_eq!(timeline.last().unwrap()["message"], FOLLOW_UP, "{view}");

    // 8. The audit log, as the superadmin sees it: who did each step.
    let mut logged = Vec::new();
    for (action, who) in [
        ("account_create", vec![ROOT, ROOT]),
        ("agency_change", vec![ROOT]),
        ("category_change", vec![ROOT]),
        ("holiday_change", vec![ROOT]),
        ("report_intake", vec!["koordinator-sekadau"]),
        ("dispatch", vec!["koordinator-sekadau"]),
        ("respond", vec!["penghubung-pupr-sekadau"]),
    ] {
        let (status, log) = app.get(&root, &format!("/api/v1/admin/audit?action={action}")).await;
        assert_eq!(status, StatusCode::OK, "{log}");
        let items = log["items"].as_array().unwrap();
        let by: Vec<&str> = items.iter().map(|e| e["username"].as_str().unwrap()).collect();
        assert_eq!(by, who, "{action}: {log}");
        if matches!(action, "report_intake" | "dispatch" | "respond") {
            assert_eq!((items[0]["report_id"].as_i64(), items[0]["tracking_number"].as_str()), (Some(id), Some(number.as_str())), "{log}");
        }
        logged.extend(items.iter().map(|e| e["id"].as_i64().unwrap()));
    }
    let created = app.get(&root, "/api/v1/admin/audit?action=account_create").await.1.to_string();
    assert!(created.contains("koordinator-sekadau") && created.contains("penghubung-pupr-sekadau"), "{created}");
    logged.sort_unstable();
    logged.dedup();
    assert_eq!(logged.len(), 8, "one entry each");
}
