//! The recap: every figure on a dataset whose answers are counted by hand
//! here (not by the server's queries), working days across the August 2026
//! holidays (17th and 25th), who may read it, and that the lifecycle keeps
//! the milestones it counts.

mod common;

use common::{client, report, Plant, TestApp};
use reqwest::StatusCode;
use serde_json::{json, Value};

const AUG: &str = "/api/v1/admin/recap?from=2026-08-01&to=2026-08-31&regency=61.09";

/// Unix seconds at 10:00 WIB on a day.
fn at(day: &str) -> i64 {
    let d = domain::Date::parse(day).unwrap();
    lapor_server::day_start(d) + 10 * 3600
}

async fn id_of(app: &TestApp, path: &str, name: &str) -> i64 {
    let (s, list) = app.get(&client(), path).await;
    assert_eq!(s, StatusCode::OK);
    list.as_array().unwrap().iter().find(|x| x["name"] == name).unwrap_or_else(|| panic!("{name} in {path}"))["id"]
        .as_i64()
        .unwrap()
}

#[derive(Default)]
struct Milestones {
    category: Option<i64>,
    agency: Option<i64>,
    verified: Option<&'static str>,
    dispatched: Option<&'static str>,
    response_due: Option<&'static str>,
    responded: Option<&'static str>,
    rating: Option<i64>,
    due_date: Option<&'static str>,
}

async fn plant(app: &TestApp, created: &str, regency: &'static str, district: &'static str, status: domain::Status, m: Milestones) -> i64 {
    let p = Plant {
        province: "61",
        regency,
        district: Some(district),
        status,
        created_at: at(created),
        updated_at: at(created),
        ..Plant::default()
    };
    let (id, _) = app.plant(&p).await;
    sqlx::query(
        "UPDATE reports SET category_id = $1, agency_id = $2, verified_on = $3, dispatched_on = $4, response_due = $5, \
         responded_on = $6, rating = $7, due_date = $8 WHERE id = $9",
    )
    .bind(m.category)
    .bind(m.agency)
    .bind(m.verified)
    .bind(m.dispatched)
    .bind(m.response_due)
    .bind(m.responded)
    .bind(m.rating)
    .bind(m.due_date)
    .bind(id)
    .execute(app.state.db.pool())
    .await
    .unwrap();
    id
}

fn counts(list: &Value) -> Vec<(String, i64)> {
    list.as_array().unwrap().iter().map(|x| (x["name"].as_str().unwrap().to_string(), x["count"].as_i64().unwrap())).collect()
}

fn of<'a>(list: &'a Value, key: &str, value: &str) -> &'a Value {
    list.as_array().unwrap().iter().find(|x| x[key] == value).unwrap_or_else(|| panic!("{value} in {list}"))
}

#[tokio::test]
async fn every_figure_of_a_known_month() {
    let app = common::spawn().await;
    let road = id_of(&app, "/api/v1/categories", "Infrastruktur jalan").await;
    let health = id_of(&app, "/api/v1/categories", "Kesehatan masyarakat").await;
    let pupr = id_of(&app, "/api/v1/agencies?regency=61.09", "Dinas Pekerjaan Umum dan Penataan Ruang").await;
    let dinkes =
        id_of(&app, "/api/v1/agencies?regency=61.09", "Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana").await;
    use domain::Status::*;
    let (hilir, hulu) = ("61.09.01", "61.09.02");
    // R1: Fri 14 Aug; decided Tue 18th (1 working day: the 17th is a holiday);
    // followed up on the 24th (4 working days), by its deadline; rated 4.
    let m = |c, a| Milestones { category: Some(c), agency: Some(a), ..Default::default() };
    plant(&app, "2026-08-14", "61.09", hilir, Responded, Milestones {
        verified: Some("2026-08-18"), dispatched: Some("2026-08-18"), response_due: Some("2026-08-26"),
        responded: Some("2026-08-24"), rating: Some(4), ..m(road, pupr)
    }).await;
    // R2: decided in 2 working days; followed up after 7, past its deadline; closed, rated 2.
    plant(&app, "2026-08-03", "61.09", hilir, Closed, Milestones {
        verified: Some("2026-08-05"), dispatched: Some("2026-08-05"), response_due: Some("2026-08-12"),
        responded: Some("2026-08-14"), rating: Some(2), ..m(road, pupr)
    }).await;
    // R3: forwarded the same day, no follow-up, its deadline passed: late now.
    plant(&app, "2026-08-10", "61.09", hilir, Dispatched, Milestones {
        verified: Some("2026-08-10"), dispatched: Some("2026-08-10"), response_due: Some("2026-08-17"),
        due_date: Some("2026-08-17"), ..m(road, pupr)
    }).await;
    // R4: decided in 2 working days (21st, 24th); its deadline far ahead.
    plant(&app, "2026-08-20", "61.09", hulu, Dispatched, Milestones {
        verified: Some("2026-08-24"), dispatched: Some("2026-08-24"), response_due: Some("2099-01-01"),
        due_date: Some("2099-01-01"), ..m(health, dinkes)
    }).await;
    // R5: waiting for verification past its deadline; no category.
    plant(&app, "2026-08-21", "61.09", hulu, Submitted, Milestones { due_date: Some("2026-08-26"), ..Default::default() }).await;
    // R6: archived the next day.
    plant(&app, "2026-08-12", "61.09", hilir, Archived, Milestones {
        category: Some(health), verified: Some("2026-08-13"), ..Default::default()
    }).await;
    // Not counted: July (the previous period), Sanggau, and a practice report.
    plant(&app, "2026-07-15", "61.09", hilir, Closed, m(road, pupr)).await;
    plant(&app, "2026-08-11", "61.03", "61.03.01", Dispatched, m(road, pupr)).await;
    let practice = plant(&app, "2026-08-11", "61.09", hilir, Dispatched, m(road, pupr)).await;
    let admin_id = app.state.db.user_by_username("koordinator").await.unwrap().unwrap().id;
    sqlx::query("INSERT INTO practice_sessions (code, opened_by, opened_at) VALUES ('424242', $1, 0)")
        .bind(admin_id)
        .execute(app.state.db.pool())
        .await
        .unwrap();
    sqlx::query("UPDATE reports SET practice_session_id = (SELECT id FROM practice_sessions WHERE code = '424242') WHERE id = $1")
        .bind(practice)
        .execute(app.state.db.pool())
        .await
        .unwrap();
    // One Sekadau agency active: its officer signs in.
    app.login("sekadau-pupr").await;

    let coord = app.login("koordinator").await;
    let (s, r) = app.get(&coord, AUG).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["region"], "Kabupaten Sekadau");
    assert_eq!(r["period"], json!({"from": "2026-08-01", "to": "2026-08-31", "received": 6, "followed_up": 2, "finished": 1, "late_now": 2}));
    assert_eq!(r["previous"], json!({"from": "2026-07-01", "to": "2026-07-31", "received": 1, "followed_up": 0, "finished": 1, "late_now": 0}));
    let by_status: Vec<(String, i64)> = r["by_status"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["status"].as_str().unwrap().to_string(), x["count"].as_i64().unwrap()))
        .filter(|(_, n)| *n > 0)
        .collect();
    let want = [("submitted", 1), ("archived", 1), ("dispatched", 2), ("responded", 1), ("closed", 1)];
    for (status, n) in want {
        assert!(by_status.contains(&(status.to_string(), n)), "{status}: {by_status:?}");
    }
    assert_eq!(by_status.len(), want.len());
    assert_eq!(of(&r["by_kind"], "kind", "pengaduan")["count"], 6);
    assert_eq!(of(&r["by_channel"], "channel", "web")["count"], 6, "all planted as from the web form");
    assert_eq!(r["by_channel"].as_array().unwrap().iter().map(|c| c["count"].as_i64().unwrap()).sum::<i64>(), 6);
    let s = |v: &[(&str, i64)]| v.iter().map(|(a, b)| (a.to_string(), *b)).collect::<Vec<_>>();
    assert_eq!(counts(&r["by_category"]), s(&[("Infrastruktur jalan", 3), ("Kesehatan masyarakat", 2), ("", 1)]));
    assert_eq!(counts(&r["not_followed_up"]), s(&[("Infrastruktur jalan", 1), ("Kesehatan masyarakat", 1)]));
    assert_eq!(counts(&r["open_by_category"]), s(&[("Infrastruktur jalan", 2), ("", 1), ("Kesehatan masyarakat", 1)]));
    assert_eq!(
        counts(&r["by_agency"]),
        s(&[("Dinas Pekerjaan Umum dan Penataan Ruang", 3), ("Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana", 1)])
    );
    assert_eq!(counts(&r["by_region"]).iter().map(|x| x.1).collect::<Vec<_>>(), [4, 2], "by district: {}", r["by_region"]);
    assert_eq!(counts(&r["by_month"]), s(&[("2026-08", 6)]));
    assert_eq!(counts(&r["previous_by_month"]), s(&[("2026-07", 1)]));

    let agencies = r["agencies"].as_array().unwrap();
    assert_eq!(agencies.len(), 2);
    let p = &agencies[0];
    assert_eq!(p["agency_id"], pupr, "ranked first: the one with a share on time");
    assert_eq!((p["received"].as_i64(), p["followed_up"].as_i64(), p["finished"].as_i64()), (Some(3), Some(2), Some(1)));
    assert!((p["on_time_share"].as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-9, "{p}");
    assert_eq!(p["median_days_to_followup"], 5.5, "4 and 7 working days");
    assert_eq!(p["late_now"], 1);
    assert_eq!(p["mean_rating"], 3.0);
    assert_eq!(p["ratings"], 2);
    let d = &agencies[1];
    assert_eq!(d["agency_id"], dinkes);
    assert_eq!((d["received"].as_i64(), d["followed_up"].as_i64(), d["late_now"].as_i64()), (Some(1), Some(0), Some(0)));
    assert!(d["on_time_share"].is_null() && d["median_days_to_followup"].is_null() && d["mean_rating"].is_null(), "{d}");

    let f = &r["figures"];
    assert_eq!(f["median_days_to_verify"], 1.0, "0, 1, 1, 2, 2 working days");
    assert_eq!(f["share_followed_up"], 0.5, "2 of the 4 forwarded");
    assert_eq!(f["share_finished"], 0.2, "1 of the 5 not archived");
    // The README's demo accounts: 24 Sekadau agencies have an officer; one signed in.
    assert_eq!((f["agencies_active"].as_i64(), f["agencies_connected"].as_i64()), (Some(1), Some(24)));

    // A supervisor reads the same aggregates, and nothing personal is in them.
    let sup = app.login("pengawas").await;
    let (s, text) = app.get_text(&sup, AUG).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), r);
    for personal in ["Pelapor Uji", "081200000000", "reporter", "username", "tracking_number", "title"] {
        assert!(!text.contains(personal), "{personal} in a supervisor's recap");
    }
}

#[tokio::test]
async fn who_may_read_and_what_is_refused() {
    let app = common::spawn().await;
    let (s, _) = app.get(&client(), AUG).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let agency = app.login("sekadau-pupr").await;
    assert_eq!(app.get(&agency, AUG).await.0, StatusCode::FORBIDDEN);
    let superadmin = app.login("superadmin").await;
    assert_eq!(app.get(&superadmin, AUG).await.0, StatusCode::OK);
    let coord = app.login("koordinator").await;
    for (q, field) in [
        ("from=2026-13-01", "from"),
        ("from=2026-09-01&to=2026-08-01", "from"),
        ("to=kemarin", "to"),
        ("regency=99.99", "regency"),
        ("province=99", "province"),
    ] {
        let (s, body) = app.get(&coord, &format!("/api/v1/admin/recap?{q}")).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{q}: {body}");
        assert!(body["fields"][field].is_array() || body["fields"][field].is_object() || body["fields"][field].is_string(), "{q}: {body}");
    }
}

#[tokio::test]
async fn the_lifecycle_keeps_the_milestones_a_recap_counts() {
    let app = common::spawn().await;
    let coord = app.login("koordinator").await;
    let mut r = report();
    r["title"] = json!("Jembatan kayu di Sekadau Hilir patah");
    let receipt = app.submit(&r).await;
    let id = app.admin_id(&coord, receipt["tracking_number"].as_str().unwrap()).await;
    let road = id_of(&app, "/api/v1/categories", "Infrastruktur jalan").await;
    let pupr = id_of(&app, "/api/v1/agencies?regency=61.09", "Dinas Pekerjaan Umum dan Penataan Ruang").await;
    let (s, b) = app.act(&coord, id, json!({"action": "dispatch", "agency_id": pupr, "category_id": road})).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let agency = app.login("sekadau-pupr").await;
    let (s, b) = app.act(&agency, id, json!({"action": "respond", "message": "Jembatan diperbaiki minggu ini."})).await;
    assert_eq!(s, StatusCode::OK, "{b}");

    let today = lapor_server::today().to_string();
    let (s, r) = app.get(&coord, &format!("/api/v1/admin/recap?from={today}&to={today}&regency=61.09")).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["period"]["received"], 1);
    assert_eq!(r["period"]["followed_up"], 1);
    let a = of(&r["agencies"], "name", "Dinas Pekerjaan Umum dan Penataan Ruang");
    assert_eq!((a["received"].as_i64(), a["followed_up"].as_i64()), (Some(1), Some(1)));
    assert_eq!(a["on_time_share"], 1.0, "followed up the day it came");
    assert_eq!(a["median_days_to_followup"], 0.0);
    assert_eq!(r["figures"]["median_days_to_verify"], 0.0);
    assert_eq!(r["figures"]["share_followed_up"], 1.0);
}

/// Pontianak (61.71) has no demo reports, so its counts are this test's; the
/// province's are counted on top of its demo reports.
#[tokio::test]
async fn reports_by_channel_count_in_the_period_they_were_entered() {
    let app = common::spawn().await;
    let coord = app.login("koordinator").await;
    let today = lapor_server::today();
    let first = domain::Date::new(today.year, today.month, 1).unwrap();
    let last_month = first.add_days(-1);
    let pontianak = |mut r: Value| {
        r["regency_code"] = json!("61.71");
        r["district_code"] = Value::Null;
        r["village_code"] = Value::Null;
        r
    };
    let enter = |channel: &'static str, received: domain::Date, regency: &'static str| {
        let mut r = report();
        r["incident_date"] = json!(received.add_days(-3).to_string());
        if regency != "61.09" {
            r = pontianak(r);
        }
        json!({"channel": channel, "received_date": received.to_string(), "reporter_contact": "Jl. Ahmad Yani 1, Pontianak", "report": r})
    };
    let channels = |r: &Value| -> Vec<(String, i64)> {
        r["by_channel"].as_array().unwrap().iter().map(|x| (x["channel"].as_str().unwrap().to_string(), x["count"].as_i64().unwrap())).collect()
    };
    let recap = |from: domain::Date, to: domain::Date, region: &'static str| {
        let (app, coord) = (&app, &coord);
        async move {
            let (s, r) = app.get(coord, &format!("/api/v1/admin/recap?from={from}&to={to}&{region}")).await;
            assert_eq!(s, StatusCode::OK, "{r}");
            r
        }
    };
    // The province's demo reports, before this test's.
    let province = recap(first, today, "province=61").await;
    let demo = channels(&province);
    assert_eq!(demo.iter().map(|c| c.1).sum::<i64>(), province["period"]["received"].as_i64().unwrap());

    // This period in Pontianak: two from the web form (one submitted now, one
    // planted on the 1st), a letter received last month and entered now,
    // and an e-mail received today.
    app.submit(&pontianak(report())).await;
    let web = Plant { province: "61", regency: "61.71", district: None, created_at: at(&first.to_string()), updated_at: at(&first.to_string()), ..Plant::default() };
    app.plant(&web).await;
    for (channel, received) in [("surat", last_month), ("email", today)] {
        let (s, b) = app.post(&coord, "/api/v1/admin/reports", &enter(channel, received, "61.71")).await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
        assert_eq!(b["received_date"], received.to_string());
    }
    // Not in this period's Pontianak: a counter report in Sekadau, an SMS
    // entered last month (the previous period), a phone call practised at a
    // socialization event.
    let (s, b) = app.post(&coord, "/api/v1/admin/reports", &enter("loket", today, "61.09")).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let before = Plant { created_at: at(&last_month.to_string()), updated_at: at(&last_month.to_string()), ..web.clone() };
    let (sms, _) = app.plant(&before).await;
    let (practice, _) = app.plant(&web).await;
    let admin_id = app.state.db.user_by_username("koordinator").await.unwrap().unwrap().id;
    sqlx::query("INSERT INTO practice_sessions (code, opened_by, opened_at) VALUES ('434343', $1, 0)")
        .bind(admin_id)
        .execute(app.state.db.pool())
        .await
        .unwrap();
    sqlx::query("UPDATE reports SET channel = 'sms' WHERE id = $1").bind(sms).execute(app.state.db.pool()).await.unwrap();
    sqlx::query(
        "UPDATE reports SET channel = 'telepon', practice_session_id = (SELECT id FROM practice_sessions WHERE code = '434343') WHERE id = $1",
    )
    .bind(practice)
    .execute(app.state.db.pool())
    .await
    .unwrap();

    let all = |counts: &[i64; 7]| {
        ["web", "surat", "loket", "telepon", "sms", "email", "media_sosial"].iter().zip(counts).map(|(c, n)| (c.to_string(), *n)).collect::<Vec<_>>()
    };
    let r = recap(first, today, "regency=61.71").await;
    assert_eq!(r["period"]["received"], 4);
    assert_eq!(channels(&r), all(&[2, 1, 0, 0, 0, 1, 0]), "the letter received last month counts when it was entered");
    let months: i64 = r["by_month"].as_array().unwrap().iter().map(|m| m["count"].as_i64().unwrap()).sum();
    assert_eq!(months, 4, "the months add up to the period, the late letter in its first month: {}", r["by_month"]);
    // Last month in Pontianak: the SMS, and nothing entered since.
    let r = recap(domain::Date::new(last_month.year, last_month.month, 1).unwrap(), last_month, "regency=61.71").await;
    assert_eq!(r["period"]["received"], 1);
    assert_eq!(channels(&r), all(&[0, 0, 0, 0, 1, 0, 0]));
    // The province: the counter report in Sekadau too, beside the demo reports.
    let r = recap(first, today, "province=61").await;
    let added: Vec<(String, i64)> = channels(&r).into_iter().zip(&demo).map(|((c, n), (_, before))| (c, n - before)).collect();
    assert_eq!(added, all(&[2, 1, 1, 0, 0, 1, 0]));
    assert_eq!(r["period"]["received"].as_i64().unwrap(), channels(&r).iter().map(|c| c.1).sum::<i64>());

    // The API documents it.
    let (_, doc) = app.get(&client(), "/api/v1/openapi.json").await;
    assert!(doc["components"]["schemas"]["Recap"]["properties"]["by_channel"].is_object(), "{}", doc["components"]["schemas"]["Recap"]);
    assert!(doc["components"]["schemas"]["ChannelTally"].is_object());
}
