//! What the tracking page shows: the deadline as working days left, and the
//! agency's files on its follow-up, which only number + code open.

mod common;

use common::{claim, client, field_names, pdf, report, spawn, TestApp};
use domain::Date;
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

async fn track(app: &TestApp, number: &str, code: &str) -> Value {
    let (status, view) =
        app.post(&client(), "/api/v1/track", &json!({"tracking_number": number, "access_code": code})).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    view
}

/// A submitted report dispatched to Sekadau's public works office:
/// (receipt, access code, admin id, agency client).
async fn dispatched(app: &TestApp) -> (Value, String, i64, Client) {
    let receipt = app.submit(&report()).await;
    let number = receipt["tracking_number"].as_str().unwrap().to_string();
    let code = receipt["access_code"].as_str().unwrap().to_string();
    let coord = app.login("koordinator").await;
    let id = app.admin_id(&coord, &number).await;
    let agency = app.login("sekadau-pupr").await;
    let agency_id = app.me(&agency).await["agency_id"].as_i64().unwrap();
    let (status, detail) =
        app.act(&coord, id, json!({"action": "dispatch", "agency_id": agency_id, "category_id": 8})).await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    (receipt, code, id, agency)
}

/// The next date on or after `d` with this weekday (0 = Monday).
fn next_weekday(d: Date, weekday: u32) -> Date {
    d.add_days(((weekday + 7 - d.weekday()) % 7) as i64)
}

#[tokio::test]
async fn the_deadline_counts_working_days_across_a_weekend_and_a_holiday() {
    let app = spawn().await;
    let (receipt, code, id, _) = dispatched(&app).await;
    let number = receipt["tracking_number"].as_str().unwrap();
    let today = lapor_server::today();
    // Due on a Wednesday at least a week away; the Monday before it becomes a
    // holiday. Between today and then lie a weekend and that holiday.
    let due = next_weekday(today.add_days(8), 2);
    let monday = due.add_days(-2);
    app.state.db.add_holiday(&monday.to_string(), "Libur uji", "libur_nasional").await.unwrap();
    app.state.calendar.clear().await;
    app.state.db.set_due_date(id, Some(&due.to_string())).await.unwrap();

    // Counted by hand: weekdays in (today, due] that are not in the holiday table.
    let holidays: Vec<String> = sqlx::query_scalar::<_, String>("SELECT date FROM holidays")
        .fetch_all(app.state.db.pool())
        .await
        .unwrap();
    let mut expected = 0;
    let mut d = today;
    while d < due {
        d = d.add_days(1);
        if d.weekday() < 5 && !holidays.contains(&d.to_string()) {
            expected += 1;
        }
    }
    let calendar_days = due.to_days() - today.to_days();
    assert!(expected <= calendar_days - 3, "a weekend and a holiday are not counted ({expected} of {calendar_days})");

    let view = track(&app, number, &code).await;
    assert_eq!(view["due_date"], due.to_string());
    assert_eq!(view["working_days_left"], expected, "{view}");
    let (status, public) = app.get(&client(), &format!("/api/v1/track/{number}")).await;
    assert_eq!(status, StatusCode::OK, "{public}");
    assert_eq!(public["working_days_left"], expected, "the number alone shows it too");

    // Overdue: a Monday deadline a week or two ago, late by the working days since.
    let past = next_weekday(today.add_days(-13), 0);
    app.state.db.set_due_date(id, Some(&past.to_string())).await.unwrap();
    let mut late = 0;
    let mut d = past;
    while d < today {
        d = d.add_days(1);
        if d.weekday() < 5 && !holidays.contains(&d.to_string()) {
            late += 1;
        }
    }
    let view = track(&app, number, &code).await;
    assert_eq!(view["overdue"], true);
    assert_eq!(view["working_days_left"], -late, "{view}");
    assert!(late > 0);
}

#[tokio::test]
async fn a_final_report_has_no_countdown() {
    let app = spawn().await;
    let receipt = app.submit(&report()).await;
    let number = receipt["tracking_number"].as_str().unwrap();
    let code = receipt["access_code"].as_str().unwrap();
    let view = track(&app, number, code).await;
    assert_eq!(view["working_days_left"], 3, "verification: 3 working days from submission");
    let coord = app.login("koordinator").await;
    let id = app.admin_id(&coord, number).await;
    let (status, _) = app.act(&coord, id, json!({"action": "archive", "reason": "not_public_service"})).await;
    assert_eq!(status, StatusCode::OK);
    let view = track(&app, number, code).await;
    assert!(view["working_days_left"].is_null(), "{view}");
}

#[tokio::test]
async fn the_agencys_files_come_with_its_follow_up_for_the_reporter_only() {
    let app = spawn().await;
    let (receipt, code, id, agency) = dispatched(&app).await;
    let number = receipt["tracking_number"].as_str().unwrap();
    let letter = app.upload_ok(pdf(3000)).await;
    let photo = app.upload_ok(common::jpeg_with_exif()).await;

    // A wrong token claims nothing, and nothing changes.
    let forged = json!({"id": letter["id"], "token": "0".repeat(64)});
    let (status, body) = app
        .act(&agency, id, json!({"action": "respond", "message": "Sudah ditambal.", "attachments": [forged]}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(field_names(&body), ["attachments"]);
    assert_eq!(track(&app, number, &code).await["status"], "dispatched");

    let (status, detail) = app
        .act(
            &agency,
            id,
            json!({"action": "respond", "message": "Sudah ditambal, lihat berita acara.", "attachments": [claim(&letter), claim(&photo)]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    let ids = |files: &Value| files.as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    let expected = vec![letter["id"].as_str().unwrap().to_string(), photo["id"].as_str().unwrap().to_string()];

    // The reporter sees them on the follow-up, not among the report's own files.
    let view = track(&app, number, &code).await;
    let respond = view["timeline"].as_array().unwrap().iter().find(|e| e["kind"] == "respond").unwrap().clone();
    assert_eq!(ids(&respond["attachments"]), expected, "{respond}");
    assert!(view["attachments"].as_array().unwrap().is_empty(), "{view}");
    // The agency sees them too.
    let respond_admin = detail["report"]["timeline"].as_array().unwrap().iter().find(|e| e["kind"] == "respond").unwrap().clone();
    assert_eq!(ids(&respond_admin["attachments"]), expected);

    // Downloadable with number + code, not with a wrong code, never through the public status.
    let res = app.tracked_download(&receipt, &code, &expected[0]).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert_eq!(res.bytes().await.unwrap().len(), 3000);
    let wrong = if code.starts_with('A') { "BBBBBBBBBB" } else { "AAAAAAAAAA" };
    assert_eq!(app.tracked_download(&receipt, wrong, &expected[0]).await.status(), StatusCode::NOT_FOUND);
    let (_, public) = app.get_text(&client(), &format!("/api/v1/track/{number}")).await;
    assert!(!public.contains(&expected[0]) && !public.contains(&expected[1]), "{public}");
    // Another report's number and code do not open them.
    let other = app.submit(&report()).await;
    let other_code = other["access_code"].as_str().unwrap();
    assert_eq!(app.tracked_download(&other, other_code, &expected[0]).await.status(), StatusCode::NOT_FOUND);

    // Claimed once: another report cannot take them.
    let (status, body) = app
        .post(&client(), "/api/v1/reports", &{
            let mut r = report();
            r["attachments"] = json!([claim(&letter)]);
            r
        })
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
}

#[tokio::test]
async fn a_follow_up_takes_at_most_five_files() {
    let app = spawn().await;
    let (_, _, id, agency) = dispatched(&app).await;
    let mut claims = Vec::new();
    for n in 0..6 {
        claims.push(claim(&app.upload_ok(pdf(2000 + n)).await));
    }
    let (status, body) =
        app.act(&agency, id, json!({"action": "respond", "message": "Selesai.", "attachments": claims})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["fields"]["attachments"][0]["code"], "too_many_files");
}
