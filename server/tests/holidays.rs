//! The holiday calendar managed by a superadmin: a day added after today
//! moves the open deadlines it falls in one working day later, taking it
//! away brings them back; past days cannot change; every change is audited.

mod common;

use common::{report, spawn};
use domain::Date;
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn due(app: &common::TestApp, c: &reqwest::Client, id: i64) -> Date {
    let (_, detail) = app.get(c, &format!("/api/v1/admin/reports/{id}")).await;
    Date::parse(detail["report"]["due_date"].as_str().unwrap_or_else(|| panic!("a deadline: {detail}"))).unwrap()
}

#[tokio::test]
async fn a_holiday_added_moves_an_open_reports_deadline_and_removing_it_moves_it_back() {
    let app = spawn().await;
    let root = app.login("superadmin").await;
    let coord = app.login("koordinator").await;
    let receipt = app.submit(&report()).await;
    let id = app.admin_id(&coord, receipt["tracking_number"].as_str().unwrap()).await;
    let before = due(&app, &coord, id).await;
    assert_eq!(receipt["due_date"], before.to_string(), "the receipt names the same deadline");

    // The first working day after today lies within the 3 working days of verification.
    let cal = app.state.db.calendar().await.unwrap();
    let day = cal.next_working_day(lapor_server::today());
    assert!(day <= before);
    let (status, change) = app
        .post(&root, "/api/v1/admin/holidays", &json!({"date": day.to_string(), "name": "Cuti bersama uji", "kind": "cuti_bersama"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{change}");
    assert_eq!(change["holiday"]["kind"], "cuti_bersama");
    assert!(change["deadlines_moved"].as_i64().unwrap() >= 1, "{change}");
    let later = due(&app, &coord, id).await;
    assert_eq!(later, cal.next_working_day(before), "one working day later");
    let (_, listed) = app.get(&root, &format!("/api/v1/admin/holidays?year={}", day.year)).await;
    assert!(listed.as_array().unwrap().iter().any(|h| h["date"] == day.to_string() && h["name"] == "Cuti bersama uji"), "{listed}");

    // The same day again, a day past, no name.
    let (status, body) = app.post(&root, "/api/v1/admin/holidays", &json!({"date": day.to_string(), "name": "Lagi"})).await;
    assert_eq!((status, body["fields"]["date"][0]["code"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("date_taken")));
    let today = lapor_server::today().to_string();
    let (_, body) = app.post(&root, "/api/v1/admin/holidays", &json!({"date": today, "name": "Hari ini"})).await;
    assert_eq!(body["fields"]["date"][0]["code"], "not_ahead", "{body}");
    let (_, body) = app.post(&root, "/api/v1/admin/holidays", &json!({"date": "2099-01-05", "name": " "})).await;
    assert_eq!(body["fields"]["name"][0]["code"], "required", "{body}");

    // Renamed: nothing moves.
    let (status, renamed) =
        app.put_json(&root, &format!("/api/v1/admin/holidays/{day}"), &json!({"name": "Cuti bersama", "kind": "cuti_bersama"})).await;
    assert_eq!((status, renamed["name"].clone()), (StatusCode::OK, json!("Cuti bersama")));
    assert_eq!(due(&app, &coord, id).await, later);

    // Removed: the deadline comes back.
    let res = root.delete(app.url(&format!("/api/v1/admin/holidays/{day}"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let removed: Value = res.json().await.unwrap();
    assert_eq!(removed["deadlines_moved"], change["deadlines_moved"], "{removed}");
    assert_eq!(due(&app, &coord, id).await, before);
    let res = root.delete(app.url(&format!("/api/v1/admin/holidays/{day}"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    // A holiday already past stays.
    let past = app.get(&root, "/api/v1/admin/holidays?year=2025").await.1[0]["date"].as_str().unwrap().to_string();
    let res = root.delete(app.url(&format!("/api/v1/admin/holidays/{past}"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Only a superadmin.
    let (status, _) = app.post(&coord, "/api/v1/admin/holidays", &json!({"date": "2099-01-05", "name": "x"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // Audited: added (with the deadlines moved), renamed, removed.
    let (_, log) = app.get(&root, "/api/v1/admin/audit?action=holiday_change").await;
    let items = log["items"].as_array().unwrap();
    assert_eq!(items.len(), 3, "{log}");
    let fields =
        |i: usize| items[i]["changes"].as_array().unwrap().iter().map(|c| c["field"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    assert!(fields(2).contains(&"deadlines_moved".to_string()), "{log}");
    assert!(items.iter().any(|e| e["changes"][0]["after"] == format!("{day} Cuti bersama")), "{log}");
}
