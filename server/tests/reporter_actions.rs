//! The reporter acting on their own report (number + access code):
//! supplying information, accepting and reopening a follow-up.

mod common;

use common::{client, field_names, report, spawn, TestApp};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

/// A freshly submitted report: (tracking number, access code, admin id, coordinator client).
async fn submitted(app: &TestApp, r: &Value) -> (String, String, i64, Client) {
    let receipt = app.submit(r).await;
    let number = receipt["tracking_number"].as_str().unwrap().to_string();
    let code = receipt["access_code"].as_str().unwrap().to_string();
    let coord = app.login("koordinator").await;
    let id = app.admin_id(&coord, &number).await;
    (number, code, id, coord)
}

/// Submitted, dispatched to Sekadau's public works office and responded:
/// (number, code, admin id, coordinator, agency client, agency id).
async fn responded(app: &TestApp, r: &Value) -> (String, String, i64, Client, Client, i64) {
    let (number, code, id, coord) = submitted(app, r).await;
    let agency = app.login("sekadau-pupr").await;
    let agency_id = app.me(&agency).await["agency_id"].as_i64().unwrap();
    let (status, detail) = app
        .act(&coord, id, json!({"action": "dispatch", "agency_id": agency_id, "category_id": 8, "followup_class": "tanpa_cek_lapangan"}))
        .await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    respond(app, &agency, id).await;
    (number, code, id, coord, agency, agency_id)
}

async fn respond(app: &TestApp, agency: &Client, id: i64) {
    let (status, detail) = app.act(agency, id, json!({"action": "respond", "message": "Lubang sudah ditambal."})).await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    assert_eq!(detail["report"]["status"], "responded");
}

async fn reporter_act(app: &TestApp, number: &str, code: &str, action: Value) -> (StatusCode, Value) {
    let body = json!({"tracking_number": number, "access_code": code, "action": action});
    app.post(&client(), "/api/v1/track/actions", &body).await
}

async fn track(app: &TestApp, number: &str, code: &str) -> Value {
    let (status, view) =
        app.post(&client(), "/api/v1/track", &json!({"tracking_number": number, "access_code": code})).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    view
}

/// Today + `n` working days, as the server computes deadlines.
async fn due_in(app: &TestApp, n: u32) -> String {
    app.state.calendar().await.unwrap().add_working_days(lapor_server::today(), n).to_string()
}

fn last_event(view: &Value) -> Value {
    view["timeline"].as_array().unwrap().last().unwrap().clone()
}

fn events_of_kind(view: &Value, kind: &str) -> usize {
    view["timeline"].as_array().unwrap().iter().filter(|e| e["kind"] == kind).count()
}

async fn in_queue(app: &TestApp, c: &Client, status: &str, number: &str) -> bool {
    let (code, list) = app.get(c, &format!("/api/v1/admin/reports?status={status}")).await;
    assert_eq!(code, StatusCode::OK, "{list}");
    list["items"].as_array().unwrap().iter().any(|r| r["tracking_number"] == number)
}

#[tokio::test]
async fn supplying_information_returns_the_report_to_verification() {
    let app = spawn().await;
    let mut r = report();
    r["confidential"] = json!(true);
    let (number, code, id, coord) = submitted(&app, &r).await;
    let (status, detail) = app.act(&coord, id, json!({"action": "request_info", "note": "Mohon lampirkan foto lokasi."})).await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    assert_eq!(detail["report"]["status"], "needs_info");
    assert!(!in_queue(&app, &coord, "submitted", &number).await);

    // The message is required.
    let (status, body) = reporter_act(&app, &number, &code, json!({"action": "supply_info", "message": "  "})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(field_names(&body), ["message"]);

    let msg = "Lokasi tepat di depan SD Negeri 3, fotonya menyusul.";
    let (status, view) = reporter_act(&app, &number, &code, json!({"action": "supply_info", "message": msg})).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view, track(&app, &number, &code).await, "the same view as /track");
    assert_eq!(view["status"], "submitted");
    assert_eq!(view["due_date"], due_in(&app, 3).await, "verification again");
    let ev = last_event(&view);
    assert_eq!(ev["kind"], "supply_info");
    assert_eq!(ev["actor"], "Pelapor");
    assert_eq!(ev["message"], msg);
    assert!(in_queue(&app, &coord, "submitted", &number).await, "the coordinator sees it again");

    // Once is enough: it is no longer waiting for information.
    let (status, body) = reporter_act(&app, &number, &code, json!({"action": "supply_info", "message": msg})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body["message"].as_str().unwrap().contains("Menunggu verifikasi"), "{body}");
}

#[tokio::test]
async fn reopening_goes_back_to_the_same_agency_twice_at_most() {
    let app = spawn().await;
    let (number, code, id, _coord, agency, agency_id) = responded(&app, &report()).await;

    let (status, body) = reporter_act(&app, &number, &code, json!({"action": "reopen", "reason": " "})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(field_names(&body), ["reason"]);

    for round in 1..=2 {
        let reason = format!("Masih berlubang (ke-{round}).");
        let (status, view) = reporter_act(&app, &number, &code, json!({"action": "reopen", "reason": reason})).await;
        assert_eq!(status, StatusCode::OK, "{view}");
        assert_eq!(view["status"], "dispatched");
        assert_eq!(view["due_date"], due_in(&app, 14).await, "the report's follow-up class");
        let ev = last_event(&view);
        assert_eq!((ev["kind"].as_str(), ev["actor"].as_str()), (Some("reopen"), Some("Pelapor")));
        assert_eq!(ev["message"], reason.as_str());
        assert!(in_queue(&app, &agency, "dispatched", &number).await, "the agency sees it again");
        let (_, detail) = app.get(&agency, &format!("/api/v1/admin/reports/{id}")).await;
        assert_eq!(detail["agency_id"], agency_id, "the same agency");
        assert_eq!(detail["followup_class"], "tanpa_cek_lapangan");
        respond(&app, &agency, id).await;
    }
    let (status, body) = reporter_act(&app, &number, &code, json!({"action": "reopen", "reason": "Tetap rusak."})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["message"], "Laporan ini sudah dibuka kembali 2 kali; hubungi admin koordinator.");
    let view = track(&app, &number, &code).await;
    assert_eq!(view["status"], "responded");
    assert_eq!(events_of_kind(&view, "reopen"), 2);
    assert_eq!(app.state.db.report(id).await.unwrap().unwrap().reopen_count, 2);

    // Accepting is still possible.
    let (status, view) = reporter_act(&app, &number, &code, json!({"action": "accept", "rating": 2})).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view["status"], "closed");
}

#[tokio::test]
async fn accepting_closes_the_report() {
    let app = spawn().await;
    let (number, code, id, coord, _, _) = responded(&app, &report()).await;
    let (status, view) =
        reporter_act(&app, &number, &code, json!({"action": "accept", "rating": 4, "message": "Terima kasih, sudah rapi."})).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view["status"], "closed");
    assert!(view["due_date"].is_null(), "{view}");
    assert!(view["working_days_left"].is_null(), "no deadline runs on a closed report: {view}");
    assert_eq!(view["rating"], 4);
    assert_eq!(view["rating_comment"], "Terima kasih, sudah rapi.");
    let ev = last_event(&view);
    assert_eq!((ev["kind"].as_str(), ev["actor"].as_str()), (Some("close"), Some("Pelapor")));
    assert_eq!(ev["message"], "Terima kasih, sudah rapi.");
    let (_, detail) = app.get(&coord, &format!("/api/v1/admin/reports/{id}")).await;
    assert_eq!(detail["report"]["status"], "closed");
    assert_eq!(detail["report"]["rating"], 4, "the coordinator sees the rating");
    assert_eq!(app.state.db.report(id).await.unwrap().unwrap().rating, Some(4), "stored on the report");

    // Without a message: the standard sentence, and no comment.
    let (number, code, ..) = responded(&app, &report()).await;
    let (status, view) = reporter_act(&app, &number, &code, json!({"action": "accept", "rating": 5})).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(last_event(&view)["message"], "Pelapor menerima tindak lanjut.");
    assert_eq!(view["rating"], 5);
    assert!(view["rating_comment"].is_null(), "{view}");
}

#[tokio::test]
async fn accepting_needs_a_rating_from_one_to_five() {
    let app = spawn().await;
    let (number, code, id, ..) = responded(&app, &report()).await;
    let missing = json!({"action": "accept", "message": "Oke"});
    for bad in [missing, json!({"action": "accept", "rating": 0}), json!({"action": "accept", "rating": 6})] {
        let (status, body) = reporter_act(&app, &number, &code, bad.clone()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {body}");
        assert_eq!(field_names(&body), ["rating"], "{body}");
        assert_eq!(body["fields"]["rating"][0]["code"], "invalid_rating");
    }
    // Nothing changed: still waiting for the reporter, no rating stored.
    let view = track(&app, &number, &code).await;
    assert_eq!(view["status"], "responded");
    assert!(view["rating"].is_null());
    assert_eq!(app.state.db.report(id).await.unwrap().unwrap().rating, None);
    // A rating and the comment are taken.
    let (status, view) = reporter_act(&app, &number, &code, json!({"action": "accept", "rating": 1, "message": "Lambat."})).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!((view["rating"].as_i64(), view["rating_comment"].as_str()), (Some(1), Some("Lambat.")));
}

#[tokio::test]
async fn a_wrong_code_or_status_is_refused() {
    let app = spawn().await;
    let (number, code, ..) = submitted(&app, &report()).await;
    let other = if code.starts_with('A') { "BBBBBBBBBB" } else { "AAAAAAAAAA" };
    let (wrong, wrong_body) = reporter_act(&app, &number, other, json!({"action": "accept"})).await;
    assert_eq!(wrong, StatusCode::NOT_FOUND, "{wrong_body}");
    let (unknown, unknown_body) = reporter_act(&app, "999999999999", &code, json!({"action": "accept"})).await;
    assert_eq!(unknown, StatusCode::NOT_FOUND);
    assert_eq!(wrong_body, unknown_body, "no difference between a wrong code and an unknown number");
    let (status, tracked) = app
        .post(&client(), "/api/v1/track", &json!({"tracking_number": number, "access_code": other}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(tracked, wrong_body, "the same 404 as /track");

    let (status, body) = reporter_act(&app, "12-34", "x", json!({"action": "accept"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let mut fields = field_names(&body);
    fields.sort();
    assert_eq!(fields, ["access_code", "tracking_number"]);

    let (status, body) = reporter_act(&app, &number, &code, json!({"action": "accept"})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"], "conflict");
    assert!(body["message"].as_str().unwrap().contains("Menunggu verifikasi"), "{body}");
    assert_eq!(track(&app, &number, &code).await["status"], "submitted");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_taps_on_accept_close_once() {
    let app = spawn().await;
    let (number, code, ..) = responded(&app, &report()).await;
    let url = app.url("/api/v1/track/actions");
    let body = json!({"tracking_number": number, "access_code": code, "action": {"action": "accept", "rating": 3}});
    let taps: Vec<_> = (0..4)
        .map(|_| {
            let (url, body) = (url.clone(), body.clone());
            tokio::spawn(async move { client().post(url).json(&body).send().await.unwrap().status() })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in taps {
        statuses.push(t.await.unwrap());
    }
    let ok = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let conflicts = statuses.iter().filter(|s| **s == StatusCode::CONFLICT).count();
    assert_eq!((ok, conflicts), (1, 3), "{statuses:?}");
    let view = track(&app, &number, &code).await;
    assert_eq!(view["status"], "closed");
    assert_eq!(events_of_kind(&view, "close"), 1);
}

#[tokio::test]
async fn reporter_actions_are_rate_limited_per_address() {
    let app = common::spawn_with(|c| c.action_limit = "2/3600".parse().unwrap()).await;
    let (number, code, ..) = submitted(&app, &report()).await;
    for _ in 0..2 {
        let (status, _) = reporter_act(&app, &number, &code, json!({"action": "accept"})).await;
        assert_eq!(status, StatusCode::CONFLICT);
    }
    let res = client()
        .post(app.url("/api/v1/track/actions"))
        .json(&json!({"tracking_number": number, "access_code": code, "action": {"action": "accept"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(res.headers().contains_key("retry-after"));
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"], "rate_limited");
    // Submitting is counted separately.
    app.submit(&report()).await;
}
