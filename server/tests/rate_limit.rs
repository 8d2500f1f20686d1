//! Per-address rate limits on submitting and uploading.

mod common;

use common::{client, jpeg_with_exif, key, report, spawn_with};
use lapor_server::db::Table;
use reqwest::StatusCode;
use serde_json::{json, Value};

const SUBMIT_MESSAGE: &str = "Terlalu banyak laporan dari jaringan ini. Coba lagi dalam ";

fn keyed(n: u64) -> Value {
    let mut r = report();
    r["idempotency_key"] = json!(key(n));
    r
}

#[tokio::test]
async fn too_many_reports_from_one_address_are_refused_but_retries_still_answer() {
    // Hour-long windows, so the test does not straddle a window boundary.
    let app = spawn_with(|c| c.submit_limit = "3/3600".parse().unwrap()).await;
    let before = app.state.db.count(Table::Reports).await.unwrap();
    let first = app.submit(&keyed(1)).await;
    app.submit(&keyed(2)).await;
    app.submit(&report()).await;

    let res = client().post(app.url("/api/v1/reports")).json(&keyed(4)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after: i64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=3600).contains(&retry_after), "{retry_after}");
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"], "rate_limited");
    let message = body["message"].as_str().unwrap();
    assert!(message.starts_with(SUBMIT_MESSAGE) && message.ends_with(" menit."), "{message}");
    let minutes: i64 = message[SUBMIT_MESSAGE.len()..].trim_end_matches(" menit.").parse().unwrap();
    assert_eq!(minutes, (retry_after + 59) / 60);

    // The outbox retrying a stored report gets its receipt, uncounted.
    for _ in 0..3 {
        let (status, again) = app.post(&client(), "/api/v1/reports", &keyed(1)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(again, first);
    }
    assert_eq!(app.state.db.count(Table::Reports).await.unwrap(), before + 3);

    // Invalid forms are answered with their field problems and not counted either.
    let mut bad = report();
    bad["title"] = json!("");
    assert_eq!(app.post(&client(), "/api/v1/reports", &bad).await.0, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
    let send = |app: &common::TestApp, from: &'static str| {
        let url = app.url("/api/v1/reports");
        async move {
            client().post(url).header("x-forwarded-for", format!("{from}, 10.0.0.1")).json(&report()).send().await.unwrap().status()
        }
    };

    let app = spawn_with(|c| c.submit_limit = "1/3600".parse().unwrap()).await;
    assert_eq!(send(&app, "203.0.113.1").await, StatusCode::CREATED);
    assert_eq!(send(&app, "203.0.113.2").await, StatusCode::TOO_MANY_REQUESTS, "the header is ignored");

    let app = spawn_with(|c| {
        c.submit_limit = "1/3600".parse().unwrap();
        c.trust_proxy = true;
    })
    .await;
    assert_eq!(send(&app, "203.0.113.1").await, StatusCode::CREATED);
    assert_eq!(send(&app, "203.0.113.1").await, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(send(&app, "203.0.113.2").await, StatusCode::CREATED);
}

#[tokio::test]
async fn uploads_have_their_own_limit() {
    let app = spawn_with(|c| {
        c.upload_limit = "2/3600".parse().unwrap();
        c.submit_limit = "1/3600".parse().unwrap();
    })
    .await;
    for _ in 0..2 {
        let (status, body) = app.upload(jpeg_with_exif()).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let res = client().post(app.url("/api/v1/attachments")).body(jpeg_with_exif()).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(res.headers().contains_key("retry-after"));
    let body: Value = res.json().await.unwrap();
    assert!(body["message"].as_str().unwrap().starts_with("Terlalu banyak unggahan dari jaringan ini."), "{body}");
    // The submit limit is separate.
    app.submit(&report()).await;
}
