//! Two server instances on one PostgreSQL database, driven alternately: the
//! deployment of several stateless instances behind a load balancer. Runs
//! when `LAPOR_TEST_DATABASE_URL` is set (scripts/test.sh does that);
//! otherwise it says it was skipped and passes.

mod common;

use common::{client, key, report, serve, TestApp, TestDb};
use lapor_server::db::Table;
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

/// Signs in on `on` and returns the session cookie (`lapor_session=…`).
async fn session_cookie(on: &TestApp, username: &str) -> String {
    let res = Client::new()
        .post(on.url("/api/v1/auth/login"))
        .json(&json!({"username": username, "password": "lapor-demo"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "login {username}");
    res.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string()
}

/// A client without a cookie jar that always sends `cookie`.
fn with_cookie(cookie: &str) -> Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(reqwest::header::COOKIE, cookie.parse().unwrap());
    Client::builder().default_headers(headers).build().unwrap()
}

async fn track(on: &TestApp, receipt: &Value) -> Value {
    let (status, view) = on
        .post(&client(), "/api/v1/track", &json!({"tracking_number": receipt["tracking_number"], "access_code": receipt["access_code"]}))
        .await;
    assert_eq!(status, StatusCode::OK, "{view}");
    view
}

fn close_events(view: &Value) -> usize {
    view["timeline"].as_array().unwrap().iter().filter(|e| e["kind"] == "close").count()
}

#[tokio::test]
async fn two_instances_on_one_postgres_database_agree_on_everything() {
    if common::postgres_server().is_none() {
        println!("skipped: set LAPOR_TEST_DATABASE_URL (scripts/test.sh does) to run two instances on PostgreSQL");
        return;
    }
    // Instance A seeds the demo data; B starts on the same database after it.
    let db = TestDb::new().await;
    let dir_a = tempfile::tempdir().unwrap();
    let mut cfg = db.config(dir_a.path());
    cfg.demo = true;
    let (base, state) = serve(&cfg).await;
    let a = TestApp { base, state, dir: dir_a, db };
    let dir_b = tempfile::tempdir().unwrap();
    let mut cfg = a.db.config(dir_b.path());
    cfg.demo = true; // finds the data and seeds nothing
    let (base, state) = serve(&cfg).await;
    let b = TestApp { base, state, dir: dir_b, db: a.db.shared() };
    assert_ne!(a.base, b.base);
    let reports_before = a.state.db.count(Table::Reports).await.unwrap();
    assert_eq!(b.state.db.count(Table::Reports).await.unwrap(), reports_before);
    assert_eq!(
        b.state.db.count(Table::Users).await.unwrap(),
        a.state.db.count(Table::Users).await.unwrap(),
        "B did not seed a second copy"
    );

    // Submit on A, with an idempotency key.
    let mut r = report();
    r["idempotency_key"] = json!(key(1));
    let receipt = a.submit(&r).await;
    let number = receipt["tracking_number"].as_str().unwrap().to_string();

    // Public and full tracking on B.
    let (status, public) = b.get(&client(), &format!("/api/v1/track/{number}")).await;
    assert_eq!(status, StatusCode::OK, "{public}");
    assert_eq!(public["status"], "submitted");
    let view = track(&b, &receipt).await;
    assert_eq!(view["status"], "submitted");
    assert_eq!(view["title"], r["title"]);

    // The coordinator signs in on A; the session works on B.
    let coord_cookie = session_cookie(&a, "koordinator").await;
    let coord = with_cookie(&coord_cookie);
    let me = b.me(&coord).await;
    assert_eq!(me["role"], "coordinator", "{me}");
    let id = b.admin_id(&coord, &number).await;
    assert_eq!(a.admin_id(&coord, &number).await, id);

    // Dispatch on B; the agency signs in on B and responds on A.
    let agency = with_cookie(&session_cookie(&b, "sekadau-pupr").await);
    let agency_id = a.me(&agency).await["agency_id"].as_i64().unwrap();
    let (status, detail) = b
        .act(&coord, id, json!({"action": "dispatch", "agency_id": agency_id, "category_id": 8, "note": "Disposisi dari instans B"}))
        .await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    assert_eq!(detail["report"]["status"], "dispatched");
    // The same dispatch again, on A, is a conflict: A sees B's write.
    let (status, _) = a.act(&coord, id, json!({"action": "dispatch", "agency_id": agency_id, "category_id": 8})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, detail) = a.act(&agency, id, json!({"action": "respond", "message": "Ditangani lewat instans A."})).await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    assert_eq!(detail["report"]["status"], "responded");
    assert_eq!(track(&b, &receipt).await["status"], "responded");

    // A retry of the same submission on B gets the first receipt.
    let (status, again) = b.post(&client(), "/api/v1/reports", &r).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(again, receipt);
    assert_eq!(a.state.db.count(Table::Reports).await.unwrap(), reports_before + 1);
    assert_eq!(b.state.db.count(Table::Reports).await.unwrap(), reports_before + 1);

    // Logging out on B ends the session on A too.
    let res = agency.post(b.url("/api/v1/auth/logout")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(a.get(&agency, "/api/v1/auth/me").await.0, StatusCode::UNAUTHORIZED);

    // Two more responded reports, handled on alternate instances.
    let agency = with_cookie(&session_cookie(&a, "sekadau-pupr").await);
    let mut receipts = vec![receipt.clone()];
    let mut ids = vec![id];
    for (i, (x, y)) in [(&a, &b), (&b, &a)].into_iter().enumerate() {
        let mut r = report();
        r["title"] = json!(format!("Laporan kedua instans nomor {}", i + 2));
        let receipt = x.submit(&r).await;
        let id = y.admin_id(&coord, receipt["tracking_number"].as_str().unwrap()).await;
        let (status, _) = x.act(&coord, id, json!({"action": "dispatch", "agency_id": agency_id, "category_id": 8})).await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = y.act(&agency, id, json!({"action": "respond", "message": "Sudah ditangani."})).await;
        assert_eq!(status, StatusCode::OK);
        receipts.push(receipt);
        ids.push(id);
    }

    // Close whatever the demo data has past its window, then backdate ours
    // and run the background job on both instances at once.
    lapor_server::jobs::run_once(&a.state).await.unwrap();
    for id in &ids {
        a.state.db.set_due_date(*id, Some("2020-01-01")).await.unwrap();
    }
    let (a1, b1, a2, b2) = tokio::join!(
        lapor_server::jobs::run_once(&a.state),
        lapor_server::jobs::run_once(&b.state),
        lapor_server::jobs::auto_close(&a.state),
        lapor_server::jobs::auto_close(&b.state),
    );
    let closed = [a1.unwrap(), b1.unwrap(), a2.unwrap(), b2.unwrap()];
    assert_eq!(closed.iter().sum::<usize>(), ids.len(), "closed by each run (A, B, A, B): {closed:?}");
    // Again, both at once: nothing left to close.
    let (x, y) = tokio::join!(lapor_server::jobs::run_once(&b.state), lapor_server::jobs::run_once(&a.state));
    assert_eq!((x.unwrap(), y.unwrap()), (0, 0));

    for receipt in &receipts {
        for on in [&a, &b] {
            let view = track(on, receipt).await;
            assert_eq!(view["status"], "closed", "{view}");
            assert_eq!(close_events(&view), 1, "exactly one close event: {view}");
            let last = view["timeline"].as_array().unwrap().last().unwrap().clone();
            assert_eq!(last["kind"], "close");
            assert_eq!(last["actor"], "Sistem");
        }
    }
    for id in &ids {
        let (status, detail) = b.get(&coord, &format!("/api/v1/admin/reports/{id}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(detail["report"]["status"], "closed");
        assert_eq!(a.state.db.report(*id).await.unwrap().unwrap().status, domain::Status::Closed);
    }
}
