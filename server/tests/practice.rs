//! Socialization events: a practice session's reports go through the real
//! lifecycle and tracking, but no real list, count, queue, feed or rate limit
//! includes them, and closing the session deletes them with their files.
//! Its join code cannot be guessed (12 digits; every lookup that opens no
//! session counts as a miss of the address), and a session left idle, or
//! open too long, ends by itself with its reports deleted.

mod common;

use common::{client, key, report, spawn, spawn_with, TestApp};
use domain::practice::{code_from_random, display_code, normalize_code, CODE_LEN, IDLE_SECS, MAX_LIFE_SECS};
use lapor_server::config::RateLimit;
use lapor_server::lifecycle::practice::end_idle;
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
    let code = session["code"].as_str().unwrap();
    assert_eq!(normalize_code(code).as_deref(), Some(code), "{session}");
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

/// A well-formed join code (its check digit right) that no session has.
fn guess(n: u64) -> String {
    code_from_random(0x9e37_79b9_7f4a_7c15_u64.wrapping_mul(n + 1))
}

/// The audience's check of a join code from the address `from`: the status and `Retry-After`.
async fn check_from(app: &TestApp, from: &str, code: &str) -> (StatusCode, Option<String>) {
    let url = app.url(&format!("/api/v1/practice/{code}"));
    let res = client().get(url).header("x-forwarded-for", from).send().await.unwrap();
    (res.status(), res.headers().get("retry-after").map(|v| v.to_str().unwrap().to_string()))
}

/// A report sent from the address `from`: the status, `Retry-After` and the answer.
async fn send_from(app: &TestApp, from: &str, body: &Value) -> (StatusCode, Option<String>, Value) {
    let url = app.url("/api/v1/reports");
    let res = client().post(url).header("x-forwarded-for", from).json(body).send().await.unwrap();
    let retry = res.headers().get("retry-after").map(|v| v.to_str().unwrap().to_string());
    (res.status(), retry, res.json().await.unwrap_or(Value::Null))
}

/// A status lookup by tracking number from the address `from`.
async fn track_from(app: &TestApp, from: &str, number: &str) -> StatusCode {
    let url = app.url(&format!("/api/v1/track/{number}"));
    client().get(url).header("x-forwarded-for", from).send().await.unwrap().status()
}

fn retry_within_the_window(retry: Option<String>, window: i64) {
    let secs = retry.expect("a Retry-After").parse::<i64>().unwrap();
    assert!((1..=window).contains(&secs), "Retry-After {secs}");
}

#[tokio::test]
async fn sessions_get_twelve_digit_codes_with_a_check_digit() {
    let app = spawn().await;
    let coordinator = app.login("koordinator").await;
    let mut codes = Vec::new();
    for _ in 0..5 {
        let code = open_session(&app, &coordinator).await["code"].as_str().unwrap().to_string();
        assert_eq!((CODE_LEN, code.len()), (12, 12));
        assert!(code.bytes().all(|b| b.is_ascii_digit()) && !code.starts_with('0'), "{code}");
        // Typed as the slide shows it, with spaces or dots: the same session.
        let shown = display_code(&code);
        for typed in [shown.clone(), shown.replace('-', " "), shown.replace('-', ".")] {
            let (status, open) = app.get(&client(), &format!("/api/v1/practice/{typed}")).await;
            assert_eq!((status, open["code"].as_str()), (StatusCode::OK, Some(code.as_str())), "{typed}");
        }
        codes.push(code);
    }
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), 5, "random codes");
    // The old six digits are no code at all.
    assert_eq!(normalize_code("482913"), None);
}

#[tokio::test]
async fn guessing_join_codes_is_refused_after_the_misses_while_the_hall_joins_freely() {
    let app = spawn_with(|c| c.trust_proxy = true).await;
    let limit = RateLimit::LOOKUP_MISS_DEFAULT;
    assert_eq!((limit.count, limit.window_secs), (30, 600), "the limit the code's length is reckoned with");
    let coordinator = app.login("koordinator").await;
    let code = open_session(&app, &coordinator).await["code"].as_str().unwrap().to_string();
    let (hall, other) = ("198.51.100.20", "198.51.100.99");

    // A code its check digit refuses opens nothing and asks nothing: not counted.
    let last = code.as_bytes()[CODE_LEN - 1];
    let typo = format!("{}{}", &code[..CODE_LEN - 1], if last == b'0' { 1 } else { 0 });
    for _ in 0..limit.count + 5 {
        assert_eq!(check_from(&app, hall, &typo).await.0, StatusCode::NOT_FOUND);
    }
    // The hall joins as often as it likes (found codes cost nothing), between
    // the misses of the same address: each of those is counted.
    for n in 0..limit.count as u64 {
        for typed in [code.clone(), display_code(&code), display_code(&code).replace('-', " ")] {
            assert_eq!(check_from(&app, hall, &typed).await.0, StatusCode::OK, "{typed} after {n} misses");
        }
        assert_eq!(check_from(&app, hall, &guess(n)).await.0, StatusCode::NOT_FOUND, "miss {}", n + 1);
    }
    // The limit spent, one guess more: refused, with when to try again.
    let (status, retry) = check_from(&app, hall, &guess(99)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    retry_within_the_window(retry, limit.window_secs);
    // The address learns nothing more: not the right code, not a tracking
    // number (guessing either is guessing), not a report sent with the code.
    assert_eq!(check_from(&app, hall, &code).await.0, StatusCode::TOO_MANY_REQUESTS);
    let number = app.submit(&report()).await["tracking_number"].as_str().unwrap().to_string();
    assert_eq!(track_from(&app, hall, &number).await, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(send_from(&app, hall, &practice(&code, 2)).await.0, StatusCode::TOO_MANY_REQUESTS);
    // Another address joins.
    assert_eq!(check_from(&app, other, &code).await.0, StatusCode::OK);
    assert_eq!(track_from(&app, other, &number).await, StatusCode::OK);
}

#[tokio::test]
async fn reports_sent_with_unknown_codes_count_as_misses() {
    let app = spawn_with(|c| {
        c.trust_proxy = true;
        c.lookup_miss_limit = RateLimit { count: 3, window_secs: 3600 };
    })
    .await;
    let coordinator = app.login("koordinator").await;
    let code = open_session(&app, &coordinator).await["code"].as_str().unwrap().to_string();
    let (hall, guesser) = ("198.51.100.30", "203.0.113.30");

    // The hall's practice reports name an open session: never counted.
    for n in 0..5 {
        let (status, _, receipt) = send_from(&app, hall, &practice(&code, n)).await;
        assert_eq!(status, StatusCode::CREATED, "{receipt}");
    }
    // A guesser's reports with codes of no session: refused, three times, then 429.
    for n in 0..3 {
        let (status, _, refused) = send_from(&app, guesser, &practice(&guess(n), 100 + n)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        assert_eq!(refused["fields"]["practice_code"][0]["code"], "practice_closed", "{refused}");
    }
    let (status, retry, refused) = send_from(&app, guesser, &practice(&guess(3), 103)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{refused}");
    retry_within_the_window(retry, 3600);
    // The right code too, and the audience's check: one counter for the address.
    assert_eq!(send_from(&app, guesser, &practice(&code, 104)).await.0, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(check_from(&app, guesser, &code).await.0, StatusCode::TOO_MANY_REQUESTS);
    // A report with no code, or one its check digit refuses, is no lookup.
    let mut real = report();
    real["idempotency_key"] = json!(key(7));
    assert_eq!(send_from(&app, guesser, &real).await.0, StatusCode::CREATED);
    let (status, _, refused) = send_from(&app, guesser, &practice("4829-1375-0610", 105)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    // The hall still sends.
    assert_eq!(send_from(&app, hall, &practice(&code, 6)).await.0, StatusCode::CREATED);
}

/// `SELECT COUNT(*) … FROM table WHERE column = $1`, for `count`.
fn n(table: &str, column: &str) -> String {
    format!("SELECT CAST(COUNT(*) AS BIGINT) AS n FROM {table} WHERE {column} = $1")
}

/// The number `sql` selects as `n` for `id`.
async fn count(app: &TestApp, sql: &str, id: i64) -> i64 {
    use sqlx::Row;
    sqlx::query(sql).bind(id).fetch_one(app.state.db.pool()).await.unwrap().try_get("n").unwrap()
}

async fn set_session(app: &TestApp, id: i64, column: &str, at: i64) {
    let sql = format!("UPDATE practice_sessions SET {column} = $1 WHERE id = $2");
    sqlx::query(&sql).bind(at).bind(id).execute(app.state.db.pool()).await.unwrap();
}

async fn last_active(app: &TestApp, id: i64) -> i64 {
    count(app, "SELECT last_active_at AS n FROM practice_sessions WHERE id = $1", id).await
}

/// The id of the practice report with `receipt`, from its presenter's live list.
async fn live_id(app: &TestApp, presenter: &Client, session: &Value, receipt: &Value) -> i64 {
    let (_, live) = app.get(presenter, &format!("/api/v1/admin/practice/{}", session["id"])).await;
    let item = live["reports"].as_array().unwrap().iter().find(|r| r["tracking_number"] == receipt["tracking_number"]);
    item.unwrap_or_else(|| panic!("{receipt} not live: {live}"))["id"].as_i64().unwrap()
}

/// A practice report of `session` sent by a named participant; its receipt and its id.
async fn participant(app: &TestApp, presenter: &Client, session: &Value, name: &str, n: u64) -> (Value, i64) {
    let mut body = practice(session["code"].as_str().unwrap(), n);
    body["reporter_name"] = json!(name);
    let receipt = app.submit(&body).await;
    let id = live_id(app, presenter, session, &receipt).await;
    (receipt, id)
}

#[tokio::test]
async fn an_idle_session_ends_by_itself_with_its_reports_while_an_active_one_is_kept() {
    let app = spawn().await;
    let coordinator = app.login("koordinator").await;
    let agency = app.login("sekadau-pupr").await;
    let idle = open_session(&app, &coordinator).await;
    let active = open_session(&app, &agency).await;
    let (idle_id, active_id) = (idle["id"].as_i64().unwrap(), active["id"].as_i64().unwrap());
    let now = lapor_server::now();
    assert!(last_active(&app, idle_id).await >= now - 5, "opening is activity");

    // A participant of each sends a report; the idle session's comes with a photo.
    let photo = app.upload_ok(common::jpeg_with_exif()).await;
    let stored = app.stored_path(photo["id"].as_str().unwrap()).await;
    let mut body = practice(idle["code"].as_str().unwrap(), 1);
    body["reporter_name"] = json!("Peserta Sesi Lupa Ditutup");
    body["attachments"] = json!([common::claim(&photo)]);
    let gone = app.submit(&body).await;
    let gone_report = live_id(&app, &coordinator, &idle, &gone).await;
    let (kept, kept_report) = participant(&app, &agency, &active, "Peserta Sesi Berjalan", 2).await;

    // The idle session saw nothing for its idle time and a minute; the
    // active one nearly as long, then a report.
    set_session(&app, idle_id, "last_active_at", now - IDLE_SECS - 60).await;
    set_session(&app, active_id, "last_active_at", now - IDLE_SECS + 60).await;
    participant(&app, &agency, &active, "Peserta Kedua", 3).await;
    assert!(last_active(&app, active_id).await >= now, "a practice report is activity");
    // A presenter's step is activity too.
    set_session(&app, active_id, "last_active_at", now - IDLE_SECS + 60).await;
    let step = format!("/api/v1/admin/practice/{active_id}/reports/{kept_report}");
    let (_, live) = app.get(&agency, &format!("/api/v1/admin/practice/{active_id}")).await;
    let to = live["reports"][0]["suggested_agency_id"].clone();
    let (status, walked) = app.post(&agency, &step, &json!({"step": "dispatch", "agency_id": to})).await;
    assert_eq!(status, StatusCode::OK, "{walked}");
    assert!(last_active(&app, active_id).await >= now, "a step is activity");

    // Past its idle time the code opens nothing, even before the job runs.
    let idle_code = idle["code"].as_str().unwrap();
    assert_eq!(app.get(&client(), &format!("/api/v1/practice/{idle_code}")).await.0, StatusCode::NOT_FOUND);
    let (status, refused) = app.post(&client(), "/api/v1/reports", &practice(idle_code, 4)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(refused["fields"]["practice_code"][0]["code"], "practice_closed", "{refused}");

    lapor_server::jobs::run_once(&app.state).await.unwrap();

    // The idle session is gone with its report, the report's timeline, name and phone, and the photo.
    assert_eq!(count(&app, &n("practice_sessions", "id"), idle_id).await, 0);
    assert_eq!(count(&app, &n("reports", "practice_session_id"), idle_id).await, 0);
    assert_eq!(count(&app, &n("reports", "id"), gone_report).await, 0);
    assert_eq!(count(&app, &n("report_events", "report_id"), gone_report).await, 0);
    assert_eq!(count(&app, &n("report_attachments", "report_id"), gone_report).await, 0);
    let named = sqlx::query("SELECT id FROM reports WHERE reporter_name = $1")
        .bind("Peserta Sesi Lupa Ditutup")
        .fetch_all(app.state.db.pool())
        .await
        .unwrap();
    assert!(named.is_empty(), "the participant's name and phone are deleted");
    assert!(!stored.exists(), "the photo's file is deleted");
    let track = json!({"tracking_number": gone["tracking_number"], "access_code": gone["access_code"]});
    assert_eq!(app.post(&client(), "/api/v1/track", &track).await.0, StatusCode::NOT_FOUND);
    let number = gone["tracking_number"].as_str().unwrap();
    assert_eq!(app.get(&client(), &format!("/api/v1/track/{number}")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&coordinator, &format!("/api/v1/admin/practice/{idle_id}")).await.0, StatusCode::NOT_FOUND);
    let (_, mine) = app.get(&coordinator, "/api/v1/admin/practice").await;
    assert_eq!(mine, json!([]));

    // The active one is kept, its reports still open.
    let (status, live) = app.get(&agency, &format!("/api/v1/admin/practice/{active_id}")).await;
    assert_eq!((status, live["count"].as_i64()), (StatusCode::OK, Some(2)), "{live}");
    let track = json!({"tracking_number": kept["tracking_number"], "access_code": kept["access_code"]});
    let (status, view) = app.post(&client(), "/api/v1/track", &track).await;
    assert_eq!((status, view["status"].as_str()), (StatusCode::OK, Some("dispatched")), "{view}");
    let active_code = active["code"].as_str().unwrap();
    assert_eq!(app.get(&client(), &format!("/api/v1/practice/{active_code}")).await.0, StatusCode::OK);
}

#[tokio::test]
async fn a_session_ends_after_its_maximum_life_even_when_active_and_old_six_digit_ones_at_once() {
    let app = spawn().await;
    let coordinator = app.login("koordinator").await;
    let old = open_session(&app, &coordinator).await;
    let old_id = old["id"].as_i64().unwrap();
    let (_, report_id) = participant(&app, &coordinator, &old, "Peserta Seharian", 1).await;
    let now = lapor_server::now();
    // Opened its maximum life and a minute ago, a report a moment ago.
    set_session(&app, old_id, "opened_at", now - MAX_LIFE_SECS - 60).await;
    assert!(last_active(&app, old_id).await >= now - 5);
    let code = old["code"].as_str().unwrap();
    assert_eq!(app.get(&client(), &format!("/api/v1/practice/{code}")).await.0, StatusCode::NOT_FOUND);

    // A session opened before migration 0017: six digits, no activity recorded.
    let admin = app.state.db.user_by_username("koordinator").await.unwrap().unwrap().id;
    sqlx::query("INSERT INTO practice_sessions (code, opened_by, opened_at) VALUES ('424242', $1, $2)")
        .bind(admin)
        .bind(now - 600)
        .execute(app.state.db.pool())
        .await
        .unwrap();
    let legacy_sql = "SELECT id AS n FROM practice_sessions WHERE opened_by = $1 AND code = '424242'";
    let legacy = count(&app, legacy_sql, admin).await;
    assert_eq!(last_active(&app, legacy).await, 0);
    assert_eq!(app.get(&client(), "/api/v1/practice/424242").await.0, StatusCode::NOT_FOUND);

    lapor_server::jobs::run_once(&app.state).await.unwrap();
    for id in [old_id, legacy] {
        assert_eq!(count(&app, &n("practice_sessions", "id"), id).await, 0, "session {id}");
    }
    assert_eq!(count(&app, &n("reports", "id"), report_id).await, 0);
    assert_eq!(count(&app, &n("report_events", "report_id"), report_id).await, 0);
}

#[tokio::test]
async fn instances_ending_idle_sessions_at_once_end_each_one_once() {
    let app = spawn().await;
    let coordinator = app.login("koordinator").await;
    let mut ids = Vec::new();
    for n in 0..4 {
        let session = open_session(&app, &coordinator).await;
        participant(&app, &coordinator, &session, "Peserta Sesi Ganda", n).await;
        ids.push(session["id"].as_i64().unwrap());
    }
    let later = lapor_server::now() + IDLE_SECS + 60;
    // Two runs at once, as two instances' jobs run (each in its own transactions).
    let (a, b) = tokio::join!(end_idle(&app.state, later), end_idle(&app.state, later));
    assert_eq!(a.unwrap() + b.unwrap(), ids.len());
    let (_, mine) = app.get(&coordinator, "/api/v1/admin/practice").await;
    assert_eq!(mine, json!([]));
    let left = sqlx::query("SELECT id FROM reports WHERE reporter_name = 'Peserta Sesi Ganda'")
        .fetch_all(app.state.db.pool())
        .await
        .unwrap();
    assert!(left.is_empty());
    // Nothing is left to end.
    assert_eq!(end_idle(&app.state, later).await.unwrap(), 0);
}
