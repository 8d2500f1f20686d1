//! Citizens: submitting and tracking reports.

mod common;

use common::{client, field_names, key, report, spawn};
use domain::tracking::normalize_tracking;
use lapor_server::db::Table;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_valid_report_gets_a_number_and_a_code() {
    let app = spawn().await;
    let r = app.submit(&report()).await;
    let number = r["tracking_number"].as_str().unwrap();
    assert_eq!(number.len(), 12);
    assert_eq!(normalize_tracking(number).as_deref(), Some(number));
    assert_eq!(r["access_code"].as_str().unwrap().len(), 10);
    assert_eq!(r["status"], "submitted");
    assert!(r["due_date"].as_str().is_some());
}

#[tokio::test]
async fn invalid_reports_name_every_bad_field() {
    let app = spawn().await;
    let mut bad = report();
    bad["title"] = json!("");
    bad["body"] = json!("Terlalu pendek");
    bad["incident_date"] = json!("2999-01-01");
    bad["regency_code"] = json!("61.99");
    bad["district_code"] = json!(null);
    bad["village_code"] = json!(null);
    let (status, body) = app.post(&client(), "/api/v1/reports", &bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"], "validation");
    let fields = field_names(&body);
    for f in ["title", "body", "incident_date", "regency_code"] {
        assert!(fields.contains(&f.to_string()), "{f} missing in {body}");
    }
    assert_eq!(body["fields"]["regency_code"][0]["code"], "unknown_region");

    // Server-side checks: a district of another regency, unknown category and agency.
    let mut bad = report();
    bad["district_code"] = json!("61.03.01");
    bad["village_code"] = json!(null);
    bad["category_id"] = json!(9999);
    bad["target_agency_id"] = json!(9999);
    let (status, body) = app.post(&client(), "/api/v1/reports", &bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["district_code"][0]["code"], "region_mismatch");
    assert_eq!(body["fields"]["category_id"][0]["code"], "unknown_category");
    assert_eq!(body["fields"]["target_agency_id"][0]["code"], "unknown_agency");

    // A body that is not JSON of the right shape is still an ApiErrorBody.
    let res = client().post(app.url("/api/v1/reports")).header("content-type", "application/json").body("{").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["error"], "validation");
}

#[tokio::test]
async fn retries_with_the_same_key_create_one_report() {
    let app = spawn().await;
    let before = app.state.db.count(Table::Reports).await.unwrap();
    let mut r = report();
    r["idempotency_key"] = json!(key(1));
    let first = app.submit(&r).await;
    let (status, again) = app.post(&client(), "/api/v1/reports", &r).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again, first, "a retry gets the first receipt");
    assert_eq!(app.state.db.count(Table::Reports).await.unwrap(), before + 1);

    // Five identical requests at once: one report, one number.
    r["idempotency_key"] = json!(key(2));
    let c = client();
    let tasks: Vec<_> = (0..5)
        .map(|_| {
            let (c, url, r) = (c.clone(), app.url("/api/v1/reports"), r.clone());
            tokio::spawn(async move {
                let res = c.post(url).json(&r).send().await.unwrap();
                (res.status(), res.json::<serde_json::Value>().await.unwrap())
            })
        })
        .collect();
    let mut numbers = Vec::new();
    let mut created = 0;
    for t in tasks {
        let (status, body) = t.await.unwrap();
        assert!(status == StatusCode::CREATED || status == StatusCode::OK, "{status} {body}");
        created += usize::from(status == StatusCode::CREATED);
        numbers.push(body["tracking_number"].as_str().unwrap().to_string());
    }
    assert_eq!(created, 1);
    assert!(numbers.iter().all(|n| *n == numbers[0]));
    assert_eq!(app.state.db.count(Table::Reports).await.unwrap(), before + 2);
}

#[tokio::test]
async fn the_number_alone_shows_only_the_status() {
    let app = spawn().await;
    let r = app.submit(&report()).await;
    let number = r["tracking_number"].as_str().unwrap();
    let dashed = format!("{}-{}-{}", &number[..4], &number[4..8], &number[8..]);
    let (status, body) = app.get_text(&client(), &format!("/api/v1/track/{dashed}")).await;
    assert_eq!(status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["status"], "submitted");
    assert_eq!(v["tracking_number"], number);
    assert!(v.get("title").is_none() && v.get("timeline").is_none());
    assert!(!body.contains("Sungai Ringin") && !body.contains("Yohanes"));

    let (status, body) = app.get(&client(), "/api/v1/track/123456789012").await;
    assert!(status == StatusCode::NOT_FOUND || status == StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, body) = app.get(&client(), "/api/v1/track/12345").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["tracking_number"][0]["code"], "invalid_tracking_number");
}

#[tokio::test]
async fn confidential_reports_are_hidden_from_the_public_but_not_from_the_reporter() {
    let app = spawn().await;
    let mut r = report();
    r["confidential"] = json!(true);
    let receipt = app.submit(&r).await;
    let number = receipt["tracking_number"].as_str().unwrap();

    let (status, hidden) = app.get(&client(), &format!("/api/v1/track/{number}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The same answer as for a number that does not exist.
    let unknown = domain::tracking::tracking_from_random(7);
    let (status2, absent) = app.get(&client(), &format!("/api/v1/track/{unknown}")).await;
    assert_eq!(status2, StatusCode::NOT_FOUND);
    assert_eq!(hidden, absent);

    let (status, view) = app
        .post(&client(), "/api/v1/track", &json!({"tracking_number": number, "access_code": receipt["access_code"]}))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(view["title"], "Jalan rusak di Desa Sungai Ringin");
    assert_eq!(view["confidential"], true);
    assert_eq!(view["regency"]["name"], "Kabupaten Sekadau");
    assert_eq!(view["timeline"][0]["actor"], "Pelapor");
}

#[tokio::test]
async fn a_wrong_code_looks_like_an_unknown_number() {
    let app = spawn().await;
    let receipt = app.submit(&report()).await;
    let number = receipt["tracking_number"].as_str().unwrap();
    let code = receipt["access_code"].as_str().unwrap();
    let wrong = if code.starts_with('a') { "bbbbbbbbbb" } else { "aaaaaaaaaa" };
    let (status, wrong_body) =
        app.post(&client(), "/api/v1/track", &json!({"tracking_number": number, "access_code": wrong})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let unknown = domain::tracking::tracking_from_random(7);
    let (status, unknown_body) =
        app.post(&client(), "/api/v1/track", &json!({"tracking_number": unknown, "access_code": code})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(wrong_body, unknown_body);
    // The code is accepted as shown to the reporter: upper case with a dash.
    let shown = format!("{}-{}", &code[..5], &code[5..]).to_uppercase();
    let (status, _) = app.post(&client(), "/api/v1/track", &json!({"tracking_number": number, "access_code": shown})).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn reference_data_is_served() {
    let app = spawn().await;
    let (status, provinces) = app.get(&client(), "/api/v1/regions/provinces").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(provinces.as_array().unwrap().len(), 38);
    let res = client().get(app.url("/api/v1/regions/61.09/children")).send().await.unwrap();
    assert_eq!(res.headers()["cache-control"], "public, max-age=86400");
    let districts: serde_json::Value = res.json().await.unwrap();
    assert!(districts.as_array().unwrap().iter().any(|d| d["name"] == "Sekadau Hilir"));
    let (status, _) = app.get(&client(), "/api/v1/regions/99.99/children").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (_, cats) = app.get(&client(), "/api/v1/categories").await;
    let cats = cats.as_array().unwrap();
    assert_eq!(cats.len(), 18);
    assert_eq!(cats[0]["name"], "Penanggulangan bencana");
    assert_eq!(cats[17]["name"], "Lainnya");

    let (_, agencies) = app.get(&client(), "/api/v1/agencies?region=61.09").await;
    let agencies = agencies.as_array().unwrap();
    assert!(agencies.iter().all(|a| a["region_code"] != "61.03"));
    assert!(agencies.iter().any(|a| a["region_name"] == "Kabupaten Sekadau"));
    assert!(agencies.iter().any(|a| a["level"] == "pusat"));
    assert!(agencies.iter().any(|a| a["level"] == "provinsi"));
}

/// The submit path reads the holiday calendar through a per-instance cache
/// that expires (`CALENDAR_TTL`): a holiday added in the database applies
/// once the cached copy is gone, with no query per request before that.
#[tokio::test]
async fn due_dates_use_the_cached_calendar_until_it_expires() {
    let app = spawn().await;
    let today = lapor_server::today();
    let first = app.submit(&report()).await;
    let cal = app.state.calendar().await.unwrap();
    let due = cal.add_working_days(today, domain::status::VERIFY_DAYS);
    assert_eq!(first["due_date"], due.to_string());

    // An administrator makes the next working day a holiday.
    let next = cal.add_working_days(today, 1);
    assert!(app.state.db.add_holiday(&next.to_string(), "Cuti bersama", "cuti_bersama").await.unwrap());
    assert!(std::sync::Arc::ptr_eq(&cal, &app.state.calendar().await.unwrap()), "cached, not read again");
    assert_eq!(app.submit(&report()).await["due_date"], due.to_string());

    // Expired (as after CALENDAR_TTL): read again, and the holiday counts.
    app.state.calendar.clear().await;
    let later = app.submit(&report()).await;
    let cal2 = app.state.calendar().await.unwrap();
    assert!(!cal2.is_working_day(next));
    assert_eq!(later["due_date"], cal2.add_working_days(today, domain::status::VERIFY_DAYS).to_string());
    assert_ne!(later["due_date"], first["due_date"]);
}
