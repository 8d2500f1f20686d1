//! Reports from other channels entered by a coordinator
//! (`POST /api/v1/admin/reports`): a letter with its scanned copy reaches its
//! reporter by tracking number and access code like a citizen's own report;
//! its verification deadline counts from the day the letter arrived (late
//! already when that was long enough ago); the queue tells the channels
//! apart; bad entries name their field; a retry stores nothing twice; only
//! coordinators enter, each within its region; the citizens' submit limit
//! does not hold back the counter.

mod common;

use common::{claim, client, field_names, key, pdf, report, spawn, spawn_with, TestApp};
use domain::Date;
use lapor_server::db::Table;
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// The national holidays the server seeds its calendar from.
const HOLIDAYS_CSV: &str = include_str!("../../data/holidays-id.csv");

const ADDRESS: &str = "Jl. Merdeka No. 1, RT 02, Sekadau Hilir";

/// Working days as the test counts them itself: Monday–Friday that are not
/// in the holiday list.
struct Days(BTreeSet<Date>);

impl Days {
    fn national() -> Days {
        Days(HOLIDAYS_CSV.lines().filter_map(|l| Date::parse(l.split(',').next()?)).collect())
    }
    fn working(&self, d: Date) -> bool {
        d.weekday() < 5 && !self.0.contains(&d)
    }
    /// The `n`th working day after `d`.
    fn after(&self, mut d: Date, n: u32) -> Date {
        let mut left = n;
        while left > 0 {
            d = d.add_days(1);
            left -= u32::from(self.working(d));
        }
        d
    }
    /// The `n`th working day before `d`.
    fn before(&self, mut d: Date, n: u32) -> Date {
        let mut left = n;
        while left > 0 {
            d = d.add_days(-1);
            left -= u32::from(self.working(d));
        }
        d
    }
    /// Working days in (from, to].
    fn between(&self, from: Date, to: Date) -> i64 {
        (from.to_days() + 1..=to.to_days()).filter(|&z| self.working(Date::from_days(z))).count() as i64
    }
}

fn today() -> Date {
    lapor_server::today()
}

/// A letter received on `received` (incident two days before) from a writer
/// who gave a postal address and no phone or e-mail.
fn letter(received: Date) -> Value {
    let mut r = report();
    r["title"] = json!("Jembatan desa patah sejak banjir");
    r["incident_date"] = json!(received.add_days(-2).to_string());
    r["reporter_name"] = json!("Bapak Yohanes Surat");
    r["reporter_phone"] = json!("");
    json!({"channel": "surat", "received_date": received.to_string(), "reporter_contact": ADDRESS, "report": r})
}

async fn enter(app: &TestApp, c: &Client, body: &Value) -> (StatusCode, Value) {
    app.post(c, "/api/v1/admin/reports", body).await
}

/// Enters `body`, asserting 201; the answer.
async fn entered(app: &TestApp, c: &Client, body: &Value) -> Value {
    let (status, answer) = enter(app, c, body).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    answer
}

/// The first issue's code on `field` of a 422.
fn issue(answer: &Value, field: &str) -> Value {
    answer["fields"][field][0]["code"].clone()
}

/// The rows of the queue at `query` (one page of 100), as `c` sees it.
async fn queue(app: &TestApp, c: &Client, query: &str) -> Vec<Value> {
    let (status, page) = app.get(c, &format!("/api/v1/admin/reports?limit=100&{query}")).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page["items"].as_array().unwrap().clone()
}

fn numbers(rows: &[Value]) -> Vec<&str> {
    rows.iter().map(|r| r["tracking_number"].as_str().unwrap()).collect()
}

fn indonesian(d: Date) -> String {
    let months = [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    ];
    format!("{} {} {}", d.day, months[d.month as usize - 1], d.year)
}

#[tokio::test]
async fn a_letter_with_its_scan_reaches_its_reporter_and_is_late_counted_from_the_day_it_arrived() {
    let app = spawn().await;
    let coord = app.login("koordinator").await;
    let days = Days::national();
    // Five working days ago: its three days for verification are over.
    let received = days.before(today(), 5);
    let due = days.after(received, 3);
    assert!(due < today());

    let scan = pdf(2_400);
    let upload = app.upload_ok(scan.clone()).await;
    let mut body = letter(received);
    body["report"]["attachments"] = json!([claim(&upload)]);
    let answer = entered(&app, &coord, &body).await;
    let me = app.me(&coord).await;
    assert_eq!(answer["channel"], "surat");
    assert_eq!(answer["received_date"], received.to_string());
    assert_eq!(answer["entered_by"], me["display_name"], "{answer}");
    let receipt = answer["receipt"].clone();
    let (number, code) = (receipt["tracking_number"].as_str().unwrap(), receipt["access_code"].as_str().unwrap());
    assert!(!number.is_empty() && !code.is_empty(), "{receipt}");
    assert_eq!(receipt["status"], "submitted");
    assert_eq!(receipt["due_date"], due.to_string(), "three working days after {received}");
    let id = answer["id"].as_i64().unwrap();
    assert_eq!(app.admin_id(&coord, number).await, id);

    // The reporter tracks it with the printed receipt: the report, how it
    // arrived, and the scanned letter.
    let (status, tracked) = app.post(&client(), "/api/v1/track", &json!({"tracking_number": number, "access_code": code})).await;
    assert_eq!(status, StatusCode::OK, "{tracked}");
    assert_eq!(tracked["title"], "Jembatan desa patah sejak banjir");
    assert_eq!(tracked["due_date"], due.to_string());
    assert_eq!(tracked["overdue"], true);
    let message = format!("Diterima melalui surat pada {}, dicatat oleh admin koordinator.", indonesian(received));
    assert_eq!(tracked["timeline"][0]["kind"], "submitted", "{tracked}");
    assert_eq!(tracked["timeline"][0]["message"], message.as_str(), "{tracked}");
    let files = tracked["attachments"].as_array().unwrap();
    assert_eq!(files.len(), 1, "{tracked}");
    assert_eq!((files[0]["id"].clone(), files[0]["mime"].clone()), (upload["id"].clone(), json!("application/pdf")));
    let download = app.tracked_download(&receipt, code, upload["id"].as_str().unwrap()).await;
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(download.bytes().await.unwrap().to_vec(), scan, "the scan as it was uploaded");

    // The queue: late since the deadline, counted in working days.
    let rows = queue(&app, &coord, "channel=surat").await;
    let row = rows.iter().find(|r| r["id"] == id).unwrap_or_else(|| panic!("not in the queue: {rows:?}"));
    assert_eq!((row["channel"].clone(), row["due_date"].clone()), (json!("surat"), json!(due.to_string())));
    assert_eq!(row["overdue"], true, "{row}");
    assert_eq!(row["working_days_left"], -days.between(due, today()), "{row}");
    let (_, late) = app.get(&coord, "/api/v1/admin/reports?late=true&channel=surat").await;
    assert!(late["items"].as_array().unwrap().iter().any(|r| r["id"] == id), "{late}");

    // The console's view: the channel, the day received and the address.
    let (_, detail) = app.get(&coord, &format!("/api/v1/admin/reports/{id}")).await;
    assert_eq!((detail["channel"].clone(), detail["received_date"].clone()), (json!("surat"), json!(received.to_string())));
    assert_eq!(detail["reporter"]["contact"], ADDRESS, "{detail}");
    assert_eq!(detail["reporter"]["name"], "Bapak Yohanes Surat");
    assert_eq!(detail["report"]["timeline"][0]["message"], message.as_str());
    // The report counts as received that day (the recaps' day received).
    let row = app.state.db.report(id).await.unwrap().unwrap();
    assert_eq!(row.created_on.as_deref(), Some(received.to_string().as_str()));

    // Audited with the channel, the day received and the coordinator.
    let (status, log) = app.get(&coord, "/api/v1/admin/audit?action=report_intake").await;
    assert_eq!(status, StatusCode::OK, "{log}");
    let items: Vec<&Value> = log["items"].as_array().unwrap().iter().filter(|e| e["report_id"] == id).collect();
    assert_eq!(items.len(), 1, "{log}");
    let entry = items[0];
    assert_eq!(entry["username"], "koordinator", "{entry}");
    assert_eq!(entry["tracking_number"], number);
    let after = |field: &str| {
        entry["changes"].as_array().unwrap().iter().find(|c| c["field"] == field).map(|c| c["after"].clone()).unwrap_or(Value::Null)
    };
    assert_eq!(after("channel"), "surat", "{entry}");
    assert_eq!(after("received_date"), received.to_string().as_str());
    assert_eq!(after("due_date"), due.to_string().as_str());
    assert_eq!(after("status"), "submitted");
    assert_eq!(after("attachments"), "1");
}

#[tokio::test]
async fn the_queue_tells_a_letter_from_a_report_sent_on_the_web() {
    let app = spawn().await;
    let coord = app.login("koordinator").await;
    let web = app.submit(&report()).await;
    let web = web["tracking_number"].as_str().unwrap();
    let answer = entered(&app, &coord, &letter(today().add_days(-1))).await;
    let surat = answer["receipt"]["tracking_number"].as_str().unwrap();

    let letters = queue(&app, &coord, "channel=surat").await;
    assert!(numbers(&letters).contains(&surat) && !numbers(&letters).contains(&web), "{letters:?}");
    assert!(letters.iter().all(|r| r["channel"] == "surat"), "{letters:?}");
    let online = queue(&app, &coord, "channel=web").await;
    assert!(numbers(&online).contains(&web) && !numbers(&online).contains(&surat), "{online:?}");
    assert!(online.iter().all(|r| r["channel"] == "web"));
    let everything = queue(&app, &coord, "").await;
    assert!(numbers(&everything).contains(&web) && numbers(&everything).contains(&surat));
    assert!(queue(&app, &coord, "channel=telepon").await.iter().all(|r| r["tracking_number"] != surat));

    // A report from the web form reads as one in the console.
    let id = app.admin_id(&coord, web).await;
    let (_, detail) = app.get(&coord, &format!("/api/v1/admin/reports/{id}")).await;
    assert_eq!((detail["channel"].clone(), detail["received_date"].clone()), (json!("web"), json!(today().to_string())));
    assert_eq!(detail["reporter"]["contact"], "");
}

#[tokio::test]
async fn a_bad_entry_names_its_field_and_stores_nothing() {
    let app = spawn().await;
    let coord = app.login("koordinator").await;
    let before = app.state.db.count(Table::Reports).await.unwrap();
    let refused = |mut body: Value, change: &dyn Fn(&mut Value)| {
        change(&mut body);
        let (app, coord) = (&app, &coord);
        async move {
            let (status, answer) = enter(app, coord, &body).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {answer}");
            answer
        }
    };
    let base = letter(today().add_days(-3));

    let answer = refused(base.clone(), &|b| b["channel"] = json!("web")).await;
    assert_eq!((issue(&answer, "channel"), field_names(&answer)), (json!("required"), vec!["channel".to_string()]));
    let answer = refused(base.clone(), &|b| b["received_date"] = json!(today().add_days(1).to_string())).await;
    assert_eq!(issue(&answer, "received_date"), "future_date", "{answer}");
    let answer = refused(base.clone(), &|b| {
        b["received_date"] = json!(today().add_days(-100).to_string());
        b["report"]["incident_date"] = json!(today().add_days(-120).to_string());
    })
    .await;
    assert_eq!(answer["fields"]["received_date"][0], json!({"code": "too_old", "days": 90}), "{answer}");
    let answer = refused(base.clone(), &|b| b["received_date"] = json!("3/12/2026")).await;
    assert_eq!(issue(&answer, "received_date"), "invalid_date", "{answer}");
    // The incident after the letter arrived (yet not in the future).
    let answer = refused(base.clone(), &|b| b["report"]["incident_date"] = json!(today().add_days(-1).to_string())).await;
    assert_eq!((issue(&answer, "incident_date"), field_names(&answer)), (json!("after_received"), vec!["incident_date".to_string()]));
    // No way at all to reach a reporter who gave a name.
    let answer = refused(base.clone(), &|b| b["reporter_contact"] = json!("   ")).await;
    assert_eq!(issue(&answer, "reporter_phone"), "contact_required", "{answer}");
    let answer = refused(base.clone(), &|b| b["reporter_contact"] = json!("x".repeat(301))).await;
    assert_eq!(issue(&answer, "reporter_contact"), "too_long", "{answer}");
    // The report's own rules and lists, named as the citizen's form names them.
    let answer = refused(base.clone(), &|b| {
        b["report"]["title"] = json!("");
        b["report"]["district_code"] = json!("61.03.01");
    })
    .await;
    assert_eq!((issue(&answer, "title"), issue(&answer, "district_code")), (json!("required"), json!("region_mismatch")), "{answer}");
    assert_eq!(app.state.db.count(Table::Reports).await.unwrap(), before, "nothing refused is stored");

    // A postal address alone is enough; so is an anonymous letter with no address.
    entered(&app, &coord, &base).await;
    let mut anonymous = base.clone();
    anonymous["reporter_contact"] = json!("");
    anonymous["report"]["anonymous"] = json!(true);
    anonymous["report"]["reporter_name"] = json!("");
    entered(&app, &coord, &anonymous).await;
    // Received today, the incident the same day: the last day allowed for both.
    let mut fresh = letter(today());
    fresh["report"]["incident_date"] = json!(today().to_string());
    fresh["channel"] = json!("media_sosial");
    fresh["reporter_contact"] = json!("@warga_sekadau");
    let answer = entered(&app, &coord, &fresh).await;
    assert_eq!(answer["receipt"]["due_date"], Days::national().after(today(), 3).to_string());
    assert_eq!(app.state.db.count(Table::Reports).await.unwrap(), before + 3);
}

#[tokio::test]
async fn a_retry_gets_the_first_receipt_and_stores_nothing_twice() {
    let app = spawn().await;
    let coord = app.login("koordinator").await;
    let upload = app.upload_ok(pdf(1_800)).await;
    let mut body = letter(today().add_days(-2));
    body["report"]["idempotency_key"] = json!(key(41));
    body["report"]["attachments"] = json!([claim(&upload)]);
    let before = app.state.db.count(Table::Reports).await.unwrap();
    let first = entered(&app, &coord, &body).await;

    // The answer was lost; the same entry again (its scan already claimed).
    let (status, again) = enter(&app, &coord, &body).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(again, first, "the same report, number and access code");
    assert_eq!(app.state.db.count(Table::Reports).await.unwrap(), before + 1);
    let (_, log) = app.get(&coord, "/api/v1/admin/audit?action=report_intake").await;
    assert_eq!(log["items"].as_array().unwrap().iter().filter(|e| e["report_id"] == first["id"]).count(), 1, "entered once: {log}");
    // The access code of the retry's answer opens the report.
    let receipt = &again["receipt"];
    let (status, _) = app.post(&client(), "/api/v1/track", &json!({"tracking_number": receipt["tracking_number"], "access_code": receipt["access_code"]})).await;
    assert_eq!(status, StatusCode::OK);

    // The citizen's form with that key gets no officer's receipt.
    let mut citizen = report();
    citizen["idempotency_key"] = json!(key(41));
    let (status, answer) = app.post(&client(), "/api/v1/reports", &citizen).await;
    assert_eq!((status, issue(&answer, "idempotency_key")), (StatusCode::UNPROCESSABLE_ENTITY, json!("idempotency_key_reused")), "{answer}");

    // The same key for another letter.
    let mut other = body.clone();
    other["report"]["title"] = json!("Sekolah dasar kekurangan guru kelas");
    other["report"]["attachments"] = json!([]);
    let (status, answer) = enter(&app, &coord, &other).await;
    assert_eq!((status, issue(&answer, "idempotency_key")), (StatusCode::UNPROCESSABLE_ENTITY, json!("idempotency_key_reused")), "{answer}");
    let mut other = body.clone();
    other["received_date"] = json!(today().add_days(-1).to_string());
    let (status, answer) = enter(&app, &coord, &other).await;
    assert_eq!((status, issue(&answer, "idempotency_key")), (StatusCode::UNPROCESSABLE_ENTITY, json!("idempotency_key_reused")), "{answer}");
    assert_eq!(app.state.db.count(Table::Reports).await.unwrap(), before + 1);
}

#[tokio::test]
async fn only_coordinators_enter_reports_and_a_regional_one_only_in_its_region() {
    let app = spawn().await;
    let body = letter(today().add_days(-1));
    let before = app.state.db.count(Table::Reports).await.unwrap();
    assert_eq!(enter(&app, &client(), &body).await.0, StatusCode::UNAUTHORIZED);
    for user in ["sekadau-pupr", "pengawas"] {
        let (status, answer) = enter(&app, &app.login(user).await, &body).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{user}: {answer}");
    }
    let sanggau = app.login("koordinator-sanggau").await;
    let (status, answer) = enter(&app, &sanggau, &body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!((issue(&answer, "regency_code"), field_names(&answer)), (json!("outside_jurisdiction"), vec!["regency_code".to_string()]));
    assert_eq!(app.state.db.count(Table::Reports).await.unwrap(), before);

    // A letter about Sanggau (61.03) is its own.
    let mut own = body.clone();
    own["report"]["regency_code"] = json!("61.03");
    own["report"]["district_code"] = json!(null);
    own["report"]["village_code"] = json!(null);
    let answer = entered(&app, &sanggau, &own).await;
    assert_eq!(answer["office"], "Kabupaten Sanggau", "{answer}");
    assert_eq!(answer["entered_by"], app.me(&sanggau).await["display_name"]);
    let number = answer["receipt"]["tracking_number"].as_str().unwrap();
    assert!(numbers(&queue(&app, &sanggau, "channel=surat").await).contains(&number));
    // A superadmin enters anywhere.
    let sekadau = entered(&app, &app.login("superadmin").await, &body).await;
    assert_eq!(app.state.db.count(Table::Reports).await.unwrap(), before + 2);
    // The Sanggau coordinator's audit log has its own entry, not Sekadau's.
    let (_, log) = app.get(&sanggau, "/api/v1/admin/audit?action=report_intake").await;
    let reports: Vec<&Value> = log["items"].as_array().unwrap().iter().map(|e| &e["report_id"]).collect();
    assert!(reports.contains(&&answer["id"]) && !reports.contains(&&sekadau["id"]), "{log}");
}

#[tokio::test]
async fn the_citizens_submit_limit_does_not_hold_back_a_coordinator_entering_letters() {
    // One report per address per hour from the web form.
    let app = spawn_with(|c| c.submit_limit = "1/3600".parse().unwrap()).await;
    let coord = app.login("koordinator").await;
    let letters = queue(&app, &coord, "channel=surat").await.len();
    app.submit(&report()).await;
    let (status, _) = app.post(&client(), "/api/v1/reports", &report()).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    // The counter's pile of letters, from the same address.
    let received = today().add_days(-1);
    for n in 0..4 {
        let mut body = letter(received);
        body["report"]["title"] = json!(format!("Surat warga nomor {n} tentang jalan rusak"));
        entered(&app, &coord, &body).await;
    }
    assert_eq!(queue(&app, &coord, "channel=surat").await.len(), letters + 4);
    let (status, _) = app.post(&client(), "/api/v1/reports", &report()).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "the citizens' limit still holds");
}
