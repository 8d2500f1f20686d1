//! Lookups cannot be used to enumerate reports: an address that keeps
//! asking for numbers that open nothing (unknown, confidential, or a wrong
//! access code) is refused after a while, while lookups that find a report
//! are never counted (a hall at a socialization event shares one address).
//! A wrong code answers exactly as an unknown number does.

mod common;

use common::{client, report, spawn_with, TestApp};
use domain::tracking::tracking_from_random;
use lapor_server::config::RateLimit;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// A well-formed tracking number no report has (the seed is random).
fn unknown_number(i: u64) -> String {
    tracking_from_random(0x5eed_0000 + i)
}

async fn lookup(app: &TestApp, from: &str, number: &str) -> (StatusCode, Option<String>, Value) {
    let res = client().get(app.url(&format!("/api/v1/track/{number}"))).header("x-forwarded-for", from).send().await.unwrap();
    let retry = res.headers().get("retry-after").map(|v| v.to_str().unwrap().to_string());
    (res.status(), retry, res.json().await.unwrap())
}

async fn track(app: &TestApp, from: &str, number: &str, code: &str) -> (StatusCode, Value) {
    let body = json!({"tracking_number": number, "access_code": code});
    let res = client().post(app.url("/api/v1/track")).header("x-forwarded-for", from).json(&body).send().await.unwrap();
    (res.status(), res.json().await.unwrap())
}

async fn spawn_limited() -> TestApp {
    spawn_with(|c| {
        c.trust_proxy = true;
        c.lookup_miss_limit = RateLimit { count: 3, window_secs: 3600 };
    })
    .await
}

#[tokio::test]
async fn an_address_guessing_numbers_is_refused_but_finding_reports_is_never_counted() {
    let app = spawn_limited().await;
    let receipt = app.submit(&report()).await;
    let number = receipt["tracking_number"].as_str().unwrap();
    let code = receipt["access_code"].as_str().unwrap();

    // A hall looks up its own reports as often as it likes.
    for _ in 0..10 {
        assert_eq!(lookup(&app, "198.51.100.1", number).await.0, StatusCode::OK);
        assert_eq!(track(&app, "198.51.100.1", number, code).await.0, StatusCode::OK);
    }

    // A guesser: three misses are answered 404, then everything is refused.
    for i in 0..3 {
        assert_eq!(lookup(&app, "203.0.113.9", &unknown_number(i)).await.0, StatusCode::NOT_FOUND);
    }
    let (status, retry, body) = lookup(&app, "203.0.113.9", &unknown_number(3)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert!(retry.is_some_and(|s| s.parse::<i64>().unwrap() > 0));
    assert!(body["message"].as_str().unwrap().contains("Coba lagi dalam"), "{body}");
    // Even a real number: the guesser learns nothing more from this address.
    assert_eq!(lookup(&app, "203.0.113.9", number).await.0, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(track(&app, "203.0.113.9", number, code).await.0, StatusCode::TOO_MANY_REQUESTS);
    // Other addresses are not affected.
    assert_eq!(lookup(&app, "198.51.100.2", number).await.0, StatusCode::OK);
}

#[tokio::test]
async fn wrong_codes_count_as_misses_and_answer_as_unknown_numbers() {
    let app = spawn_limited().await;
    let receipt = app.submit(&report()).await;
    let number = receipt["tracking_number"].as_str().unwrap();
    let code = receipt["access_code"].as_str().unwrap();
    let wrong = if code.starts_with('a') { "bbbbbbbbbb" } else { "aaaaaaaaaa" };

    let (wrong_status, wrong_body) = track(&app, "203.0.113.20", number, wrong).await;
    let (unknown_status, unknown_body) = track(&app, "203.0.113.20", &unknown_number(9), wrong).await;
    assert_eq!(wrong_status, StatusCode::NOT_FOUND);
    assert_eq!((wrong_status, &wrong_body), (unknown_status, &unknown_body), "a wrong code tells nothing more");

    // Guessing codes for one known number is guessing too.
    assert_eq!(track(&app, "203.0.113.20", number, wrong).await.0, StatusCode::NOT_FOUND);
    assert_eq!(track(&app, "203.0.113.20", number, code).await.0, StatusCode::TOO_MANY_REQUESTS);
    // Malformed input is answered 422 and never reaches the lookup.
    assert_eq!(track(&app, "203.0.113.21", "1234", code).await.0, StatusCode::UNPROCESSABLE_ENTITY);
}
