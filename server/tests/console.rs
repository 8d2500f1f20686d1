//! The officers' console: the queue (filters, search, order, keyset pages,
//! counts), bulk archiving, archive reasons and duplicates, classification,
//! the audit log, sessions and passwords.

mod common;

use common::{client, report, spawn, Plant, TestApp};
use domain::Status;
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use std::collections::HashMap;

/// Every row of the queue for `query`, following `next` page by page.
async fn all_pages(app: &TestApp, c: &Client, query: &str) -> Vec<Value> {
    let mut rows = Vec::new();
    let mut after = String::new();
    loop {
        let sep = if query.is_empty() { "" } else { "&" };
        let (status, page) = app.get(c, &format!("/api/v1/admin/reports?limit=7{sep}{query}{after}")).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        rows.extend(page["items"].as_array().unwrap().iter().cloned());
        match page["next"].as_str() {
            Some(n) => after = format!("&after={n}"),
            None => return rows,
        }
    }
}

async fn agency_id(app: &TestApp, user: &str) -> i64 {
    app.me(&app.login(user).await).await["agency_id"].as_i64().unwrap()
}

/// Plants `n` reports in Sekadau with a varied spread; returns their numbers.
async fn plant_many(app: &TestApp, n: usize, pupr: i64) -> Vec<String> {
    let now = lapor_server::now();
    let statuses = [Status::Submitted, Status::Dispatched, Status::Responded, Status::Closed, Status::Archived];
    let mut numbers = Vec::new();
    for k in 0..n {
        let status = statuses[k % statuses.len()];
        let p = Plant {
            title: format!("Laporan antrean nomor {k} {}", if k % 3 == 0 { "jembatan" } else { "drainase" }),
            regency: "61.09",
            district: Some("61.09.01"),
            status,
            agency_id: matches!(status, Status::Dispatched | Status::Responded | Status::Closed).then_some(pupr),
            category_id: Some(8),
            created_at: now - 86_400 * (k as i64 + 1),
            updated_at: now - 86_400 * (k as i64 + 1),
            // Every fourth open one is a day late; the others due in the days ahead.
            due_date: (!status.is_final()).then(|| {
                let day = if k % 4 == 0 { -1 - k as i64 } else { 1 + k as i64 };
                domain::Date::from_unix(now + day * 86_400, 7).to_string()
            }),
            ..Default::default()
        };
        numbers.push(app.plant(&p).await.1);
    }
    numbers
}

#[tokio::test]
async fn the_queue_filters_searches_sorts_and_pages_without_losing_a_row() {
    let app = spawn().await;
    let pupr = agency_id(&app, "sekadau-pupr").await;
    let planted = plant_many(&app, 23, pupr).await;
    let coord = app.login("koordinator").await;

    // Every report exactly once across the pages, newest first by default.
    let all = all_pages(&app, &coord, "").await;
    let ids: Vec<i64> = all.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "no row twice");
    assert_eq!(ids.len() as i64, app.state.db.count(lapor_server::db::Table::Reports).await.unwrap());
    let created: Vec<i64> = all.iter().map(|r| r["created_at"].as_i64().unwrap()).collect();
    assert!(created.windows(2).all(|w| w[0] >= w[1]), "newest first");
    for n in &planted {
        assert!(all.iter().any(|r| r["tracking_number"] == n.as_str()));
    }

    // The counts beside the filters are what the rows say, counted here.
    let mut by_hand: HashMap<String, i64> = HashMap::new();
    for r in &all {
        *by_hand.entry(r["status"].as_str().unwrap().to_string()).or_default() += 1;
    }
    let late_by_hand = all.iter().filter(|r| r["overdue"] == true).count() as i64;
    let (_, first) = app.get(&coord, "/api/v1/admin/reports?status=dispatched").await;
    let counts = &first["counts"];
    assert_eq!(counts["total"], all.len() as i64, "counts ignore the status filter");
    assert_eq!(counts["late"], late_by_hand);
    for c in counts["by_status"].as_array().unwrap() {
        assert_eq!(c["count"].as_i64().unwrap(), by_hand.get(c["status"].as_str().unwrap()).copied().unwrap_or(0), "{c}");
    }
    assert!(first["items"].as_array().unwrap().iter().all(|r| r["status"] == "dispatched"));

    // Late: only rows past their deadline, and every one of them.
    let late = all_pages(&app, &coord, "late=true").await;
    assert_eq!(late.len() as i64, late_by_hand);
    assert!(late.iter().all(|r| r["overdue"] == true && r["working_days_left"].as_i64().unwrap() <= 0));

    // Nearest deadline first, reports without one last, across pages.
    let by_deadline = all_pages(&app, &coord, "sort=deadline").await;
    assert_eq!(by_deadline.len(), all.len());
    let dues: Vec<String> = by_deadline.iter().map(|r| r["due_date"].as_str().unwrap_or("9999-12-31").to_string()).collect();
    assert!(dues.windows(2).all(|w| w[0] <= w[1]), "{dues:?}");

    // A tracking number as typed finds exactly that report; words search titles.
    let number = &planted[5];
    let typed = format!("{}-{}-{}", &number[..4], &number[4..8], &number[8..]);
    let (_, found) = app.get(&coord, &format!("/api/v1/admin/reports?q={typed}")).await;
    let items = found["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["tracking_number"], number.as_str());
    let bridges = all_pages(&app, &coord, "q=jembatan").await;
    assert_eq!(bridges.len(), 8, "k = 0, 3, …, 21");
    assert!(bridges.iter().all(|r| r["title"].as_str().unwrap().contains("jembatan")));

    // Filters combine; bad ones are field errors.
    let combined = all_pages(&app, &coord, &format!("regency=61.09&category=8&agency={pupr}&status=responded")).await;
    assert!(!combined.is_empty());
    assert!(combined.iter().all(|r| r["status"] == "responded" && r["regency"] == "Kabupaten Sekadau"));
    for (bad, field) in [("regency=99.99", "regency"), ("after=zz", "after"), ("status=bogus", "")] {
        let (status, body) = app.get(&coord, &format!("/api/v1/admin/reports?{bad}")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {body}");
        if !field.is_empty() {
            assert!(body["fields"][field].is_array(), "{bad}: {body}");
        }
    }

    // An agency sees only its own reports, nearest deadline first by default.
    let agency = app.login("sekadau-pupr").await;
    let (_, page) = app.get(&agency, "/api/v1/admin/reports").await;
    assert_eq!(page["sort"], "deadline");
    let mine = all_pages(&app, &agency, "").await;
    assert!(!mine.is_empty());
    assert!(mine.iter().all(|r| r["agency"] == "Dinas Pekerjaan Umum dan Penataan Ruang"));
    let other = app.login("sanggau-pupr").await;
    let theirs = all_pages(&app, &other, &format!("agency={pupr}")).await;
    assert!(theirs.is_empty(), "an agency's filter cannot reach another agency's reports");
}

#[tokio::test]
async fn several_reports_are_archived_at_once_each_with_its_own_event_and_audit_entry() {
    let app = spawn().await;
    let coord = app.login("koordinator").await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        let receipt = app.submit(&report()).await;
        ids.push(app.admin_id(&coord, receipt["tracking_number"].as_str().unwrap()).await);
    }
    let pupr = agency_id(&app, "sekadau-pupr").await;
    let (status, _) = app.act(&coord, ids[2], json!({"action": "dispatch", "agency_id": pupr, "category_id": 8})).await;
    assert_eq!(status, StatusCode::OK);

    for user in ["sekadau-pupr", "pengawas"] {
        let c = app.login(user).await;
        let (status, _) = app.post(&c, "/api/v1/admin/reports/archive", &json!({"ids": [ids[0]], "reason": "spam"})).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{user}");
    }
    let (status, body) = app.post(&coord, "/api/v1/admin/reports/archive", &json!({"ids": [], "reason": "spam"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");

    let body = json!({"ids": [ids[0], ids[1], ids[2], 999_999], "reason": "spam", "note": "Iklan, bukan pengaduan."});
    let (status, result) = app.post(&coord, "/api/v1/admin/reports/archive", &body).await;
    assert_eq!(status, StatusCode::OK, "{result}");
    assert_eq!(result["done"], json!([ids[0], ids[1]]));
    let failed: Vec<i64> = result["failed"].as_array().unwrap().iter().map(|f| f["id"].as_i64().unwrap()).collect();
    assert_eq!(failed, [ids[2], 999_999]);
    assert!(result["failed"][0]["message"].as_str().unwrap().contains("Didisposisikan"), "{result}");

    for id in &ids[..2] {
        let (_, d) = app.get(&coord, &format!("/api/v1/admin/reports/{id}")).await;
        assert_eq!(d["report"]["status"], "archived");
        assert_eq!(d["archive_reason"], "spam");
        let archives: Vec<&Value> = d["report"]["timeline"].as_array().unwrap().iter().filter(|e| e["kind"] == "archive").collect();
        assert_eq!(archives.len(), 1);
        assert!(archives[0]["message"].as_str().unwrap().contains("Iklan, bukan pengaduan."));
    }
    let (_, audit) = app.get(&coord, "/api/v1/admin/audit?action=archive").await;
    let entries = audit["items"].as_array().unwrap();
    assert_eq!(entries.len(), 2, "{audit}");
    for e in entries {
        assert_eq!(e["username"], "koordinator");
        assert!(e["changes"].as_array().unwrap().iter().any(|c| c["field"] == "status" && c["before"] == "submitted" && c["after"] == "archived"));
        assert!(e["changes"].as_array().unwrap().iter().any(|c| c["field"] == "archive_reason" && c["after"] == "spam"));
    }
}

#[tokio::test]
async fn a_duplicate_names_its_original_and_the_reporter_reads_why() {
    let app = spawn().await;
    let coord = app.login("koordinator").await;
    let original = app.submit(&report()).await;
    let copy = app.submit(&report()).await;
    let copy_id = app.admin_id(&coord, copy["tracking_number"].as_str().unwrap()).await;
    let original_id = app.admin_id(&coord, original["tracking_number"].as_str().unwrap()).await;

    for (number, issue) in [(None, "required"), (Some("1234"), "invalid_tracking_number"), (Some(copy["tracking_number"].as_str().unwrap()), "unknown_report")] {
        let mut action = json!({"action": "archive", "reason": "duplicate"});
        if let Some(n) = number {
            action["duplicate_of"] = json!(n);
        }
        let (status, body) = app.act(&coord, copy_id, action).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["fields"]["duplicate_of"][0]["code"], issue, "{body}");
    }
    let number = original["tracking_number"].as_str().unwrap();
    let shown = format!("{}-{}-{}", &number[..4], &number[4..8], &number[8..]);
    let (status, d) = app.act(&coord, copy_id, json!({"action": "archive", "reason": "duplicate", "duplicate_of": shown})).await;
    assert_eq!(status, StatusCode::OK, "{d}");
    assert_eq!(d["archive_reason"], "duplicate");
    assert_eq!(d["duplicate_of"], json!({"id": original_id, "tracking_number": number}));

    let (_, view) = app
        .post(&client(), "/api/v1/track", &json!({"tracking_number": copy["tracking_number"], "access_code": copy["access_code"]}))
        .await;
    let last = view["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["kind"], "archive");
    let msg = last["message"].as_str().unwrap();
    assert!(msg.starts_with("Duplikat laporan lain.") && msg.contains(&shown), "{msg}");
}

#[tokio::test]
async fn a_coordinator_classifies_a_report_on_its_own_and_a_new_class_moves_the_deadline() {
    let app = spawn().await;
    let coord = app.login("koordinator").await;
    let receipt = app.submit(&report()).await;
    let id = app.admin_id(&coord, receipt["tracking_number"].as_str().unwrap()).await;

    // Before disposition: category and type, no deadline change.
    let (status, d) = app.act(&coord, id, json!({"action": "classify", "category_id": 8, "maladministration": "penundaan_berlarut"})).await;
    assert_eq!(status, StatusCode::OK, "{d}");
    assert_eq!(d["report"]["category"]["name"], "Infrastruktur jalan");
    assert_eq!(d["maladministration"], "penundaan_berlarut");
    assert_eq!(d["report"]["status"], "submitted");
    let due_before = d["report"]["due_date"].clone();
    assert!(!due_before.is_null());

    let pupr = agency_id(&app, "sekadau-pupr").await;
    let (_, d) = app.act(&coord, id, json!({"action": "dispatch", "agency_id": pupr, "category_id": 8})).await;
    let five = d["report"]["due_date"].as_str().unwrap().to_string();
    let (status, d) = app.act(&coord, id, json!({"action": "classify", "category_id": 8, "maladministration": "penundaan_berlarut", "followup_class": "cek_lapangan"})).await;
    assert_eq!(status, StatusCode::OK, "{d}");
    assert_eq!(d["followup_class"], "cek_lapangan");
    // 60 working days from the disposition (today), counted on the holiday calendar.
    let cal = domain::Calendar::from_csv(include_str!("../../data/holidays-id.csv"));
    let expected = cal.add_working_days(lapor_server::today(), 60).to_string();
    assert_eq!(d["report"]["due_date"], expected.as_str());
    assert_eq!(cal.add_working_days(lapor_server::today(), 5).to_string(), five);
    let last = d["report"]["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["kind"], "classify");
    assert_eq!(last["internal"], true);

    let (_, audit) = app.get(&coord, &format!("/api/v1/admin/audit?action=classify&report={}", receipt["tracking_number"].as_str().unwrap())).await;
    let entries = audit["items"].as_array().unwrap();
    assert_eq!(entries.len(), 2, "{audit}");
    let newest = &entries[0]["changes"];
    assert!(newest.as_array().unwrap().contains(&json!({"field": "followup_class", "before": "biasa", "after": "cek_lapangan"})), "{newest}");
    assert!(newest.as_array().unwrap().contains(&json!({"field": "due_date", "before": five, "after": expected})), "{newest}");
    let oldest = &entries[1]["changes"];
    assert!(oldest.as_array().unwrap().contains(&json!({"field": "category", "before": null, "after": "Infrastruktur jalan"})), "{oldest}");

    let agency = app.login("sekadau-pupr").await;
    let (status, body) = app.act(&agency, id, json!({"action": "classify", "category_id": 3})).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, body) = app.act(&coord, id, json!({"action": "classify", "category_id": 999})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
}

#[tokio::test]
async fn the_audit_log_answers_who_changed_what_when_and_from_what() {
    let app = spawn().await;
    let (status, _) = app.post(&client(), "/api/v1/auth/login", &json!({"username": "koordinator", "password": "salah-sekali"})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let coord = app.login("koordinator").await;
    let receipt = app.submit(&report()).await;
    let number = receipt["tracking_number"].as_str().unwrap();
    let id = app.admin_id(&coord, number).await;
    let agency = app.login("sekadau-pupr").await;
    let pupr = app.me(&agency).await["agency_id"].as_i64().unwrap();
    app.act(&coord, id, json!({"action": "dispatch", "agency_id": pupr, "category_id": 8})).await;
    app.act(&agency, id, json!({"action": "note", "text": "Dicek minggu depan"})).await;
    let (status, _) = app.act(&agency, id, json!({"action": "return", "reason": "Jalan provinsi"})).await;
    assert_eq!(status, StatusCode::OK);
    app.act(&coord, id, json!({"action": "set_flags", "confidential": true})).await;

    let (status, log) = app.get(&coord, &format!("/api/v1/admin/audit?report={number}")).await;
    assert_eq!(status, StatusCode::OK, "{log}");
    let actions: Vec<&str> = log["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["flags", "return", "note", "dispatch"], "newest first");
    let ret = &log["items"][1];
    assert_eq!(ret["username"], "sekadau-pupr");
    assert_eq!(ret["role"], "agency_admin");
    assert_eq!(ret["agency"], "Dinas Pekerjaan Umum dan Penataan Ruang");
    assert_eq!(ret["tracking_number"], number);
    let changes = ret["changes"].as_array().unwrap();
    assert!(changes.contains(&json!({"field": "status", "before": "dispatched", "after": "returned"})), "{ret}");
    assert!(changes.contains(&json!({"field": "agency", "before": "Dinas Pekerjaan Umum dan Penataan Ruang", "after": null})), "{ret}");
    assert!(log["items"][0]["changes"].as_array().unwrap().contains(&json!({"field": "confidential", "before": "false", "after": "true"})));

    // Sign-ins, failed ones too, by person and by action; dates bound it.
    let (_, fails) = app.get(&coord, "/api/v1/admin/audit?action=sign_in_failed&user=KOORDINATOR").await;
    assert_eq!(fails["items"].as_array().unwrap().len(), 1, "{fails}");
    assert!(fails["items"][0]["role"].is_null());
    let (_, mine) = app.get(&coord, "/api/v1/admin/audit?user=sekadau-pupr").await;
    let mine: Vec<&str> = mine["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(mine, ["return", "note", "sign_in"]);
    let today = lapor_server::today();
    let (_, none) = app.get(&coord, &format!("/api/v1/admin/audit?to={}", today.add_days(-1))).await;
    assert!(none["items"].as_array().unwrap().is_empty(), "{none}");
    let (_, some) = app.get(&coord, &format!("/api/v1/admin/audit?from={today}&to={today}&limit=2")).await;
    assert_eq!(some["items"].as_array().unwrap().len(), 2);
    assert!(some["next"].is_string(), "paged");
    let (status, body) = app.get(&coord, "/api/v1/admin/audit?from=kemarin").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");

    // Only coordinators and superadmins read it; nothing can change it.
    for (user, expected) in [("superadmin", StatusCode::OK), ("sekadau-pupr", StatusCode::FORBIDDEN), ("pengawas", StatusCode::FORBIDDEN)] {
        let c = app.login(user).await;
        assert_eq!(app.get(&c, "/api/v1/admin/audit").await.0, expected, "{user}");
    }
    let (_, doc) = app.get(&client(), "/api/v1/openapi.json").await;
    let methods: Vec<&String> = doc["paths"]["/api/v1/admin/audit"].as_object().unwrap().keys().collect();
    assert_eq!(methods, ["get"]);
    for method in [reqwest::Method::PUT, reqwest::Method::DELETE, reqwest::Method::PATCH, reqwest::Method::POST] {
        let res = coord.request(method.clone(), app.url("/api/v1/admin/audit")).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED, "{method}");
    }
    let refused = sqlx::query("UPDATE audit_log SET username = 'someone-else'").execute(app.state.db.pool()).await;
    assert!(refused.is_err(), "the database refuses to edit the audit log");
}

/// The `expires_at` of every session, oldest first.
async fn session_ends(app: &TestApp) -> Vec<i64> {
    use sqlx::Row;
    sqlx::query("SELECT expires_at FROM sessions ORDER BY expires_at")
        .fetch_all(app.state.db.pool())
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<i64, _>("expires_at").unwrap())
        .collect()
}

#[tokio::test]
async fn sessions_end_after_eight_idle_hours_and_everywhere_at_once() {
    let app = spawn().await;
    let a = app.login("koordinator").await;
    let now = lapor_server::now();
    let ends = session_ends(&app).await;
    assert_eq!(ends.len(), 1);
    assert!((ends[0] - (now + 8 * 3600)).abs() < 10, "8 hours from sign-in");

    // Used near its end, it is moved on; unused past it, it is gone.
    sqlx::query("UPDATE sessions SET expires_at = $1").bind(now + 120).execute(app.state.db.pool()).await.unwrap();
    assert_eq!(app.get(&a, "/api/v1/auth/me").await.0, StatusCode::OK);
    assert!(session_ends(&app).await[0] > now + 8 * 3600 - 60, "moved on by use");
    sqlx::query("UPDATE sessions SET expires_at = $1").bind(now - 1).execute(app.state.db.pool()).await.unwrap();
    let (status, body) = app.get(&a, "/api/v1/admin/reports").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(body["message"].as_str().unwrap().contains("berakhir"), "{body}");

    // Signing out everywhere ends every session of the account, and only its.
    let (b, c) = (app.login("koordinator").await, app.login("koordinator").await);
    let other = app.login("sekadau-pupr").await;
    let res = b.post(app.url("/api/v1/auth/logout-everywhere")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert!(res.headers()["set-cookie"].to_str().unwrap().contains("Max-Age=0"));
    for s in [&b, &c] {
        assert_eq!(app.get(s, "/api/v1/auth/me").await.0, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(app.get(&other, "/api/v1/auth/me").await.0, StatusCode::OK);
    let d = app.login("koordinator").await;
    let (_, log) = app.get(&d, "/api/v1/admin/audit?action=sign_out_everywhere").await;
    assert_eq!(log["items"][0]["changes"], json!([{"field": "sessions", "before": "2", "after": "0"}]));
}

#[tokio::test]
async fn changing_a_password_needs_the_old_one_and_ends_the_other_sessions() {
    let app = spawn().await;
    let here = app.login("sekadau-pupr").await;
    let elsewhere = app.login("sekadau-pupr").await;
    let change = |old: &str, new: &str| json!({"old_password": old, "new_password": new});
    for (body, field, code) in [
        (change("salah-sekali", "kata-sandi-baru-1"), "old_password", "wrong_password"),
        (change("lapor-demo", "pendek"), "new_password", "too_short"),
        (change("lapor-demo", "lapor-demo"), "new_password", "same_password"),
    ] {
        let (status, res) = app.post(&here, "/api/v1/auth/password", &body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{res}");
        assert_eq!(res["fields"][field][0]["code"], code, "{res}");
    }
    let (status, res) = app.post(&here, "/api/v1/auth/password", &change("kata-sandi-lama-10", "kata-sandi-lama-10")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res["fields"]["new_password"][0]["code"], "same_password", "{res}");
    let res = here.post(app.url("/api/v1/auth/password")).json(&change("lapor-demo", "kata-sandi-baru-1")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.get(&here, "/api/v1/auth/me").await.0, StatusCode::OK, "this session goes on");
    assert_eq!(app.get(&elsewhere, "/api/v1/auth/me").await.0, StatusCode::UNAUTHORIZED, "the others end");
    let login = |pw: &str| json!({"username": "sekadau-pupr", "password": pw});
    assert_eq!(app.post(&client(), "/api/v1/auth/login", &login("lapor-demo")).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(app.post(&client(), "/api/v1/auth/login", &login("kata-sandi-baru-1")).await.0, StatusCode::OK);
    let coord = app.login("koordinator").await;
    let (_, log) = app.get(&coord, "/api/v1/admin/audit?action=password_change").await;
    assert_eq!(log["items"][0]["username"], "sekadau-pupr");
    assert_eq!(app.post(&client(), "/api/v1/auth/password", &change("a", "b")).await.0, StatusCode::UNAUTHORIZED);
}
