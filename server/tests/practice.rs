//! Socialization events: a practice session's reports go through the real
//! lifecycle and tracking, but no real list, count, queue, feed or rate limit
//! includes them, and closing the session deletes them with their files.

mod common;

use common::{client, key, report, spawn, spawn_with, TestApp};
use lapor_server::config::RateLimit;
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

/// A practice report of the session with `code` (a word no real report has).
fn practice(code: &str, n: u64) -> Value {
    let mut r = report();
    r["title"] = json!(format!("Latihan sosialisasi pelayanan puskesmas {n}"));
    r["body"] = json!("Latihan: antrean puskesmas sangat panjang dan petugas datang terlambat setiap pagi hari kerja.");
    r["practice_code"] = json!(code);
    r["idempotency_key"] = json!(key(9000 + n));
    r
}

async fn open_session(app: &TestApp, c: &Client) -> Value {
    let (status, session) = app.post(c, "/api/v1/admin/practice", &json!({})).await;
    assert_eq!(status, StatusCode::CREATED, "{session}");
    assert_eq!(session["code"].as_str().unwrap().len(), 6, "{session}");
    session
}

/// The queue's total and the public list's total, as every officer and citizen sees them.
async fn real_totals(app: &TestApp, coordinator: &Client) -> (i64, i64) {
    let (_, queue) = app.get(coordinator, "/api/v1/admin/reports").await;
    let (_, public) = app.get(&client(), "/api/v1/public/reports").await;
    (queue["counts"]["total"].as_i64().unwrap(), public["counts"]["total"].as_i64().unwrap())
}

#[tokio::test]
async fn practice_reports_are_kept_apart_and_deleted_with_their_files_on_close() {
    let app = spawn().await;
    let coordinator = app.login("koordinator").await;
    let before = real_totals(&app, &coordinator).await;
    let session = open_session(&app, &coordinator).await;
    let (id, code) = (session["id"].as_i64().unwrap(), session["code"].as_str().unwrap().to_string());
    let (status, open) = app.get(&client(), &format!("/api/v1/practice/{code}")).await;
    assert_eq!((status, open["code"].as_str()), (StatusCode::OK, Some(code.as_str())));

    // A phone sends a practice report with a photo.
    let photo = app.upload_ok(common::jpeg_with_exif()).await;
    let mut body = practice(&code, 1);
    body["attachments"] = json!([common::claim(&photo)]);
    let receipt = app.submit(&body).await;
    let number = receipt["tracking_number"].as_str().unwrap().to_string();
    let stored = app.stored_path(photo["id"].as_str().unwrap()).await;
    assert!(stored.is_file());

    // It is on the presenter's live list, with where "forward" sends it.
    let (status, live) = app.get(&coordinator, &format!("/api/v1/admin/practice/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{live}");
    assert_eq!(live["count"], 1);
    let item = &live["reports"][0];
    assert_eq!(item["tracking_number"], number.as_str());
    assert_eq!(item["place"], "Kabupaten Sekadau");
    let report_id = item["id"].as_i64().unwrap();
    let agency = item["suggested_agency_id"].as_i64().expect("an agency to forward to");

    // The presenter walks it through: forwarded, then followed up.
    let step = format!("/api/v1/admin/practice/{id}/reports/{report_id}");
    let (status, walked) = app.post(&coordinator, &step, &json!({"step": "dispatch", "agency_id": agency})).await;
    assert_eq!((status, walked["status"].as_str()), (StatusCode::OK, Some("dispatched")), "{walked}");
    assert_eq!(walked["agency_name"], item["suggested_agency_name"]);
    let (status, again) = app.post(&coordinator, &step, &json!({"step": "dispatch", "agency_id": agency})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{again}");
    let (status, walked) =
        app.post(&coordinator, &step, &json!({"step": "respond", "message": "Jadwal petugas pagi sudah diperbaiki."})).await;
    assert_eq!((status, walked["status"].as_str()), (StatusCode::OK, Some("responded")), "{walked}");

    // The reporter's tracking page shows the journey.
    let track = json!({"tracking_number": number, "access_code": receipt["access_code"]});
    let (status, view) = app.post(&client(), "/api/v1/track", &track).await;
    assert_eq!((status, view["status"].as_str()), (StatusCode::OK, Some("responded")), "{view}");
    let said: Vec<&str> = view["timeline"].as_array().unwrap().iter().filter_map(|e| e["message"].as_str()).collect();
    assert!(said.iter().any(|m| m.contains("Diverifikasi dan diteruskan ke")), "{said:?}");
    assert!(said.contains(&"Jadwal petugas pagi sudah diperbaiki."), "{said:?}");

    // Responded is a public status, yet no real list, count or feed has it.
    assert_eq!(real_totals(&app, &coordinator).await, before);
    for path in [
        format!("/api/v1/public/reports?q={number}"),
        "/api/v1/public/reports?q=puskesmas+latihan".to_string(),
        format!("/api/v1/admin/reports?q={number}"),
        "/api/v1/admin/reports?q=latihan+sosialisasi".to_string(),
        "/open311/v2/requests.json".to_string(),
    ] {
        let (status, text) = app.get_text(&coordinator, &path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(!text.contains(&number) && !text.contains("Latihan sosialisasi"), "{path}: {text}");
    }
    for path in [format!("/api/v1/public/reports/{number}"), format!("/open311/v2/requests/{number}.json")] {
        assert_eq!(app.get(&client(), &path).await.0, StatusCode::NOT_FOUND, "{path}");
    }
    // Nor may an officer open, act on, archive or name it through the console.
    assert_eq!(app.get(&coordinator, &format!("/api/v1/admin/reports/{report_id}")).await.0, StatusCode::NOT_FOUND);
    let (status, _) = app.act(&coordinator, report_id, json!({"action": "note", "text": "x"})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let bulk = json!({"ids": [report_id], "reason": "spam", "note": ""});
    let (status, res) = app.post(&coordinator, "/api/v1/admin/reports/archive", &bulk).await;
    assert_eq!((status, res["done"].as_array().unwrap().len()), (StatusCode::OK, 0), "{res}");
    let dup = json!({"action": "archive", "reason": "duplicate", "duplicate_of": number, "note": ""});
    let real = app.submit(&report()).await;
    let real_id = app.admin_id(&coordinator, real["tracking_number"].as_str().unwrap()).await;
    let (status, res) = app.act(&coordinator, real_id, dup).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{res}");

    // Another officer does not see the session; a supervisor opens none.
    let agency = app.login("sekadau-pupr").await;
    assert_eq!(app.get(&agency, &format!("/api/v1/admin/practice/{id}")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.post(&agency, &format!("/api/v1/admin/practice/{id}/close"), &json!({})).await.0, StatusCode::NOT_FOUND);
    let supervisor = app.login("pengawas").await;
    assert_eq!(app.post(&supervisor, "/api/v1/admin/practice", &json!({})).await.0, StatusCode::FORBIDDEN);

    // Closing deletes the reports, their timelines and their files.
    let (status, closed) = app.post(&coordinator, &format!("/api/v1/admin/practice/{id}/close"), &json!({})).await;
    assert_eq!(status, StatusCode::OK, "{closed}");
    assert_eq!((closed["reports"].as_i64(), closed["files"].as_i64()), (Some(1), Some(1)));
    assert!(!stored.exists(), "the photo's file is deleted");
    assert_eq!(app.state.db.stored_attachment(photo["id"].as_str().unwrap()).await.unwrap().map(|a| a.content_hash), None);
    let (status, _) = app.post(&client(), "/api/v1/track", &track).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&client(), &format!("/api/v1/track/{number}")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&client(), &format!("/api/v1/practice/{code}")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&coordinator, &format!("/api/v1/admin/practice/{id}")).await.0, StatusCode::NOT_FOUND);
    let (status, refused) = app.post(&client(), "/api/v1/reports", &practice(&code, 2)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused["fields"]["practice_code"][0]["code"], "practice_closed", "{refused}");

    // Both ends are on the audit log.
    let (_, log) = app.get(&coordinator, "/api/v1/admin/audit").await;
    let actions: Vec<&str> = log["items"].as_array().unwrap().iter().filter_map(|e| e["action"].as_str()).collect();
    assert!(actions.contains(&"practice_open") && actions.contains(&"practice_close"), "{actions:?}");
}

#[tokio::test]
async fn practice_and_real_reports_have_separate_rate_limits() {
    let app = spawn_with(|cfg| cfg.submit_limit = RateLimit { count: 2, window_secs: 600 }).await;
    let coordinator = app.login("koordinator").await;
    let code = open_session(&app, &coordinator).await["code"].as_str().unwrap().to_string();
    // A hall practising from one network does not use up its real limit …
    for n in 0..4 {
        app.submit(&practice(&code, n)).await;
    }
    let c = client();
    for n in 0..2 {
        let mut r = report();
        r["idempotency_key"] = json!(key(n));
        assert_eq!(app.post(&c, "/api/v1/reports", &r).await.0, StatusCode::CREATED);
    }
    let mut r = report();
    r["idempotency_key"] = json!(key(3));
    assert_eq!(app.post(&c, "/api/v1/reports", &r).await.0, StatusCode::TOO_MANY_REQUESTS);
    // … and a spent real limit does not stop the practice.
    app.submit(&practice(&code, 10)).await;
}

#[tokio::test]
async fn the_join_address_says_when_phones_cannot_reach_the_server() {
    let app = spawn().await;
    let coordinator = app.login("koordinator").await;
    let (status, a) = app.get(&coordinator, "/api/v1/admin/practice/addresses").await;
    assert_eq!(status, StatusCode::OK, "{a}");
    // The test server listens on the loopback address only.
    assert_eq!(a["loopback_only"], true);
    assert_eq!(a["urls"][0], app.base.as_str());
    assert_eq!(app.get(&client(), "/api/v1/admin/practice/addresses").await.0, StatusCode::UNAUTHORIZED);
    // A presenter finds the sessions it left open (a reload of the screen).
    let session = open_session(&app, &coordinator).await;
    let (_, mine) = app.get(&coordinator, "/api/v1/admin/practice").await;
    assert_eq!(mine[0]["id"], session["id"]);
}
