//! Admins: sessions, the queue, scopes, privacy and the report lifecycle.

mod common;

use common::{client, report, spawn, TestApp};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

/// Submits a report and dispatches it to Sekadau's public works office;
/// returns (admin id, receipt, coordinator client, agency client).
async fn dispatched(app: &TestApp, r: &Value) -> (i64, Value, Client, Client) {
    let receipt = app.submit(r).await;
    let coord = app.login("koordinator").await;
    let id = app.admin_id(&coord, receipt["tracking_number"].as_str().unwrap()).await;
    let agency = app.login("sekadau-pupr").await;
    let agency_id = app.me(&agency).await["agency_id"].as_i64().unwrap();
    let (status, detail) = app
        .act(&coord, id, json!({"action": "dispatch", "agency_id": agency_id, "category_id": 8, "note": "Catatan internal disposisi"}))
        .await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    assert_eq!(detail["report"]["status"], "dispatched");
    (id, receipt, coord, agency)
}

#[tokio::test]
async fn login_sets_a_strict_http_only_cookie_and_logout_ends_the_session() {
    let app = spawn().await;
    let c = client();
    for (user, pw) in [("koordinator", "salah-sekali"), ("tidak-ada", "lapor-demo")] {
        let (status, body) = app.post(&c, "/api/v1/auth/login", &json!({"username": user, "password": pw})).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(body["message"], "Nama pengguna atau kata sandi salah.");
    }
    let (status, body) = app.get(&c, "/api/v1/auth/me").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"], "unauthorized");

    let res = c
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"username": "koordinator", "password": "lapor-demo"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("lapor_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"));
    let me: Value = res.json().await.unwrap();
    assert_eq!(me["role"], "coordinator");
    assert_eq!(me["display_name"], "Admin Koordinator SP4N-LAPOR! Kalbar");
    assert_eq!(app.get(&c, "/api/v1/auth/me").await.0, StatusCode::OK);

    let res = c.post(app.url("/api/v1/auth/logout")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.get(&c, "/api/v1/auth/me").await.0, StatusCode::UNAUTHORIZED);
    // The old token no longer works, even when sent by hand.
    let token = cookie.split(';').next().unwrap();
    let res = reqwest::Client::new().get(app.url("/api/v1/auth/me")).header("cookie", token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = reqwest::Client::new().get(app.url("/api/v1/admin/reports")).header("cookie", token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_full_walk_from_submission_to_follow_up() {
    let app = spawn().await;
    let receipt = app.submit(&report()).await;
    let number = receipt["tracking_number"].as_str().unwrap();
    let coord = app.login("koordinator").await;
    let (_, queue) = app.get(&coord, "/api/v1/admin/reports?status=submitted").await;
    let queue = &queue["items"];
    let row = queue.as_array().unwrap().iter().find(|r| r["tracking_number"] == number).expect("in the queue").clone();
    assert_eq!(queue[0]["tracking_number"], number, "newest first");
    let id = row["id"].as_i64().unwrap();

    let agency = app.login("sekadau-pupr").await;
    let me = app.me(&agency).await;
    let agency_id = me["agency_id"].as_i64().unwrap();
    let (status, detail) = app
        .act(&coord, id, json!({"action": "dispatch", "agency_id": agency_id, "category_id": 8, "followup_class": "tanpa_cek_lapangan", "note": "Mohon dicek ke lapangan minggu ini"}))
        .await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    assert_eq!(detail["agency_id"], agency_id);
    assert_eq!(detail["followup_class"], "tanpa_cek_lapangan");
    assert_eq!(detail["report"]["agency"], "Dinas Pekerjaan Umum dan Penataan Ruang");

    let (_, mine) = app.get(&agency, "/api/v1/admin/reports").await;
    assert!(mine["items"].as_array().unwrap().iter().any(|r| r["id"] == id));
    let (status, detail) = app.get(&agency, &format!("/api/v1/admin/reports/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(detail["available"], json!(["return", "respond"]));
    app.act(&agency, id, json!({"action": "note", "text": "Tim sudah dijadwalkan hari Kamis"})).await;
    let (status, detail) =
        app.act(&agency, id, json!({"action": "respond", "message": "Lubang sudah ditambal pada hari Kamis."})).await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    assert_eq!(detail["report"]["status"], "responded");
    let admin_actors: Vec<&str> = detail["report"]["timeline"].as_array().unwrap().iter().map(|e| e["actor"].as_str().unwrap()).collect();
    assert!(admin_actors.iter().any(|a| a.starts_with("Koordinator · ")), "{admin_actors:?}");

    let (status, view) = app
        .post(&client(), "/api/v1/track", &json!({"tracking_number": number, "access_code": receipt["access_code"]}))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(view["status"], "responded");
    let timeline = view["timeline"].as_array().unwrap();
    let last = timeline.last().unwrap();
    assert_eq!(last["message"], "Lubang sudah ditambal pada hari Kamis.");
    assert_eq!(last["actor"], "Dinas Pekerjaan Umum dan Penataan Ruang");
    assert!(timeline.iter().all(|e| e["internal"] == false));
    let text = view.to_string();
    assert!(!text.contains("Mohon dicek ke lapangan") && !text.contains("dijadwalkan hari Kamis"));
    assert!(!text.contains("Admin Koordinator"), "no admin's personal name for the reporter");
    let actors: Vec<&str> = timeline.iter().map(|e| e["actor"].as_str().unwrap()).collect();
    assert_eq!(actors, ["Pelapor", "Koordinator", "Dinas Pekerjaan Umum dan Penataan Ruang"]);

    // A wrong-status action is a conflict.
    let (status, body) = app.act(&agency, id, json!({"action": "respond", "message": "Sekali lagi"})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"], "conflict");
    let (status, _) = app.act(&coord, id, json!({"action": "archive", "reason": "unclear"})).await;
    assert_eq!(status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn required_texts_and_unknown_targets_are_validation_errors() {
    let app = spawn().await;
    let receipt = app.submit(&report()).await;
    let coord = app.login("koordinator").await;
    let id = app.admin_id(&coord, receipt["tracking_number"].as_str().unwrap()).await;
    let (status, body) = app.act(&coord, id, json!({"action": "archive", "reason": "duplicate"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a duplicate names its original");
    assert!(body["fields"]["duplicate_of"].is_array());
    let (status, body) = app.act(&coord, id, json!({"action": "request_info", "note": "  "})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["fields"]["note"].is_array());
    let (status, body) = app.act(&coord, id, json!({"action": "dispatch", "agency_id": 9999, "category_id": 9999})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["fields"]["agency_id"].is_array() && body["fields"]["category_id"].is_array());
    let (status, body) = app.act(&coord, id, json!({"action": "request_info", "note": "Mohon lampirkan foto."})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["report"]["status"], "needs_info");
    assert!(body["report"]["due_date"].is_null());
}

#[tokio::test]
async fn agency_admins_see_only_their_reports_and_cannot_dispatch() {
    let app = spawn().await;
    let (id, _, _, agency) = dispatched(&app, &report()).await;
    let other = app.login("sanggau-pupr").await;
    let (status, body) = app.get(&other, &format!("/api/v1/admin/reports/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"], "not_found");
    let (_, list) = app.get(&other, "/api/v1/admin/reports").await;
    assert!(list["items"].as_array().unwrap().iter().all(|r| r["id"] != id));
    let (status, _) = app.act(&other, id, json!({"action": "respond", "message": "Bukan kami"})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (status, body) = app.act(&agency, id, json!({"action": "dispatch", "agency_id": 1, "category_id": 8})).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, _) = app.act(&agency, id, json!({"action": "set_flags", "confidential": true})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // Returned: back to the coordinator, out of the agency's sight.
    let (status, body) = app.act(&agency, id, json!({"action": "return", "reason": "Bukan wewenang: jalan provinsi"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["report"]["status"], "returned");
    assert!(body["agency_id"].is_null());
    assert_eq!(app.get(&agency, &format!("/api/v1/admin/reports/{id}")).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_anonymous_reporter_stays_hidden_from_the_agency_and_the_supervisor() {
    let app = spawn().await;
    let mut r = report();
    r["anonymous"] = json!(true);
    r["reporter_name"] = json!("Bernadeta Sulastri");
    r["reporter_phone"] = json!("0813-7777-4321");
    let (id, _, coord, agency) = dispatched(&app, &r).await;

    let (_, detail) = app.get(&coord, &format!("/api/v1/admin/reports/{id}")).await;
    assert_eq!(detail["reporter"]["name"], "Bernadeta Sulastri");
    assert_eq!(detail["reporter"]["phone"], "0813-7777-4321");

    let mut bodies = Vec::new();
    bodies.push(app.get_text(&agency, &format!("/api/v1/admin/reports/{id}")).await.1);
    bodies.push(app.get_text(&agency, "/api/v1/admin/reports").await.1);
    bodies.push(app.get_text(&agency, "/api/v1/admin/reports?status=dispatched").await.1);
    let (status, after_note) = app.act(&agency, id, json!({"action": "note", "text": "Diperiksa"})).await;
    assert_eq!(status, StatusCode::OK);
    assert!(after_note["reporter"].is_null());
    bodies.push(after_note.to_string());
    let (_, responded) = app.act(&agency, id, json!({"action": "respond", "message": "Sudah diperbaiki."})).await;
    bodies.push(responded.to_string());
    let detail: Value = serde_json::from_str(&bodies[0]).unwrap();
    assert!(detail["reporter"].is_null());
    for b in &bodies {
        assert!(!b.contains("Bernadeta") && !b.contains("Sulastri") && !b.contains("7777"), "leak: {b}");
    }

    // The supervisor never sees any reporter, anonymous or not.
    let sup = app.login("pengawas").await;
    let (_, list) = app.get(&sup, "/api/v1/admin/reports").await;
    let list = list["items"].as_array().unwrap();
    assert!(list.len() > 10);
    for row in list {
        let (status, text) = app.get_text(&sup, &format!("/api/v1/admin/reports/{}", row["id"])).await;
        assert_eq!(status, StatusCode::OK);
        let d: Value = serde_json::from_str(&text).unwrap();
        assert!(d["reporter"].is_null());
        assert_eq!(d["available"], json!([]));
        assert!(!text.contains("Bernadeta") && !text.contains("0812-5678-9012"));
    }
    let (status, _) = app.act(&sup, id, json!({"action": "note", "text": "Pengawas mencatat"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn flags_can_only_be_set_and_are_audited() {
    let app = spawn().await;
    let receipt = app.submit(&report()).await;
    let number = receipt["tracking_number"].as_str().unwrap();
    let coord = app.login("koordinator").await;
    let id = app.admin_id(&coord, number).await;
    let (status, detail) = app.act(&coord, id, json!({"action": "set_flags", "confidential": true})).await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    assert_eq!(detail["report"]["confidential"], true);
    assert_eq!(detail["report"]["anonymous"], false);
    let last = detail["report"]["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["kind"], "flags");
    assert_eq!(last["internal"], true);
    assert!(last["message"].as_str().unwrap().contains("koordinator"), "{last}");
    assert_eq!(app.get(&client(), &format!("/api/v1/track/{number}")).await.0, StatusCode::NOT_FOUND);
    // "false" never unsets.
    let (_, detail) = app.act(&coord, id, json!({"action": "set_flags", "anonymous": true, "confidential": false})).await;
    assert_eq!(detail["report"]["confidential"], true);
    assert_eq!(detail["report"]["anonymous"], true);
}

#[tokio::test]
async fn responded_reports_close_when_the_reply_window_ends() {
    let app = spawn().await;
    let (id, receipt, _, agency) = dispatched(&app, &report()).await;
    let (status, _) = app.act(&agency, id, json!({"action": "respond", "message": "Sudah ditangani."})).await;
    assert_eq!(status, StatusCode::OK);
    // Still inside the window: nothing happens.
    lapor_server::jobs::auto_close(&app.state).await.unwrap();
    assert_eq!(app.state.db.report(id).await.unwrap().unwrap().status, domain::Status::Responded);

    app.state.db.set_due_date(id, Some("2020-01-01")).await.unwrap();
    let closed = lapor_server::jobs::auto_close(&app.state).await.unwrap();
    assert!(closed >= 1);
    let (_, view) = app
        .post(&client(), "/api/v1/track", &json!({"tracking_number": receipt["tracking_number"], "access_code": receipt["access_code"]}))
        .await;
    assert_eq!(view["status"], "closed");
    let last = view["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["kind"], "close");
    assert_eq!(last["actor"], "Sistem");
    // Running again closes nothing more.
    assert_eq!(lapor_server::jobs::auto_close(&app.state).await.unwrap(), 0);
}

#[tokio::test]
async fn the_demo_data_covers_every_status() {
    let app = spawn().await;
    let coord = app.login("koordinator").await;
    let (_, list) = app.get(&coord, "/api/v1/admin/reports").await;
    let list = list["items"].as_array().unwrap();
    for s in domain::Status::ALL {
        assert!(list.iter().any(|r| r["status"] == s.as_str()), "no demo report is {s}");
    }
    assert!(list.iter().any(|r| r["overdue"] == true));
    assert!(list.iter().any(|r| r["anonymous"] == true));
    assert!(list.iter().any(|r| r["confidential"] == true));
    let (status, body) = app.get(&coord, "/api/v1/admin/reports?status=bogus").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
}
