//! Guessing passwords: the per-address limit on failed sign-ins, the lock-out
//! of a user name after failures in a row (unknown names alike), and the log
//! line of every failure. Each test runs the attack and checks it fails.
//! The app trusts `X-Forwarded-For`, so each attacker has an address of its own.

mod common;

use common::{client, spawn_with, TestApp};
use lapor_server::config::RateLimit;
use lapor_server::http::auth::{LOCK_AFTER, LOCK_SECS};

const LOGIN_ADDRESS_LIMIT: RateLimit = RateLimit::LOGIN_DEFAULT;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex, OnceLock};

const RIGHT: &str = "lapor-demo";
const WRONG: &str = "tebakan-salah";
const BAD_LOGIN: &str = "Nama pengguna atau kata sandi salah.";

/// One answer to a sign-in.
#[derive(Debug)]
struct Answer {
    status: StatusCode,
    retry_after: Option<i64>,
    body: Value,
}

async fn app() -> TestApp {
    spawn_with(|c| c.trust_proxy = true).await
}

/// Signs in as `username` with `password` from the address `from`.
async fn sign_in(app: &TestApp, from: &str, username: &str, password: &str) -> Answer {
    post_sign_in(app.url("/api/v1/auth/login"), from, username, password).await
}

/// `sign_in` to the login URL, for spawned tasks.
async fn post_sign_in(url: String, from: &str, username: &str, password: &str) -> Answer {
    sign_in_with(&client(), url, from, username, password).await
}

/// A sign-in by the client `c` (its cookies: a browser's device cookie).
async fn sign_in_with(c: &reqwest::Client, url: String, from: &str, username: &str, password: &str) -> Answer {
    let res = c
        .post(url)
        .header("x-forwarded-for", from)
        .json(&json!({"username": username, "password": password}))
        .send()
        .await
        .unwrap();
    let status = res.status();
    let retry_after = res.headers().get("retry-after").map(|v| v.to_str().unwrap().parse().unwrap());
    Answer { status, retry_after, body: res.json().await.unwrap_or(Value::Null) }
}

/// `LOCK_AFTER` wrong passwords for `username` from `from`, each refused as a wrong password.
async fn fail_in_a_row(app: &TestApp, from: &str, username: &str) {
    for i in 1..=LOCK_AFTER {
        let a = sign_in(app, from, username, WRONG).await;
        assert_eq!(a.status, StatusCode::UNAUTHORIZED, "attempt {i} for {username}: {a:?}");
        assert_eq!(a.body["message"], BAD_LOGIN);
    }
}

/// Asserts the lock-out answer and returns its body.
fn assert_locked(a: &Answer) -> &Value {
    assert_eq!(a.status, StatusCode::TOO_MANY_REQUESTS, "{a:?}");
    assert_eq!(a.body["error"], "rate_limited");
    assert_eq!(a.body["message"], "Terlalu banyak percobaan masuk. Coba lagi dalam 15 menit.");
    let retry_after = a.retry_after.expect("Retry-After");
    assert!((LOCK_SECS - 60..=LOCK_SECS).contains(&retry_after), "{retry_after}");
    &a.body
}

#[tokio::test]
async fn ten_wrong_passwords_lock_a_name_against_the_right_one_and_unknown_names_answer_alike() {
    let app = app().await;
    fail_in_a_row(&app, "203.0.113.1", "koordinator").await;
    let known = sign_in(&app, "203.0.113.1", "koordinator", RIGHT).await;
    let known_body = assert_locked(&known).clone();
    // Neither another spelling nor another address gets round the lock.
    assert_locked(&sign_in(&app, "203.0.113.1", "  KoordinatoR ", RIGHT).await);
    assert_locked(&sign_in(&app, "203.0.113.3", "koordinator", RIGHT).await);

    // A name without an account: the same answers, so the lock-out does not
    // tell which names exist.
    let wrong_known = sign_in(&app, "203.0.113.4", "pengawas", WRONG).await;
    let wrong_unknown = sign_in(&app, "203.0.113.4", "tidak-ada-orangnya", WRONG).await;
    assert_eq!((wrong_known.status, &wrong_known.body), (wrong_unknown.status, &wrong_unknown.body));
    fail_in_a_row(&app, "203.0.113.2", "bukan-pengguna").await;
    let unknown = sign_in(&app, "203.0.113.2", "bukan-pengguna", RIGHT).await;
    assert_eq!(assert_locked(&unknown), &known_body);
    assert_eq!(unknown.status, known.status);

    // Other names are not affected.
    assert_eq!(sign_in(&app, "203.0.113.1", "pengawas", RIGHT).await.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_concurrent_burst_of_guesses_gets_no_more_tries_than_a_slow_one() {
    let app = app().await;
    let burst: Vec<_> = (0..3 * LOCK_AFTER)
        .map(|i| {
            let (url, from) = (app.url("/api/v1/auth/login"), format!("203.0.113.{}", 10 + i % 3));
            tokio::spawn(async move { post_sign_in(url, &from, "koordinator", &format!("{WRONG}-{i}")).await.status })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in burst {
        statuses.push(task.await.unwrap());
    }
    let checked = statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count();
    let refused = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!((checked, refused), (LOCK_AFTER as usize, 2 * LOCK_AFTER as usize), "{statuses:?}");
    assert_locked(&sign_in(&app, "203.0.113.20", "koordinator", RIGHT).await);
}

#[tokio::test]
async fn when_the_lock_ends_the_right_password_works_and_a_success_starts_a_new_streak() {
    let app = app().await;
    fail_in_a_row(&app, "203.0.113.1", "koordinator").await;
    assert_locked(&sign_in(&app, "203.0.113.1", "koordinator", RIGHT).await);
    // The background purge forgets only old streaks, never a lock.
    lapor_server::jobs::run_once(&app.state).await.unwrap();
    assert_locked(&sign_in(&app, "203.0.113.1", "koordinator", RIGHT).await);

    app.state.db.set_login_locked_until("koordinator", lapor_server::now() - 1).await.unwrap();
    let a = sign_in(&app, "203.0.113.1", "koordinator", RIGHT).await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    assert_eq!(a.body["role"], "coordinator");

    // Without the reset these would be failures 2…10 of the old streak and
    // the right password the 11th attempt, refused.
    for _ in 1..LOCK_AFTER {
        assert_eq!(sign_in(&app, "203.0.113.2", "koordinator", WRONG).await.status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(sign_in(&app, "203.0.113.2", "koordinator", RIGHT).await.status, StatusCode::OK);
    for _ in 1..LOCK_AFTER {
        assert_eq!(sign_in(&app, "203.0.113.3", "koordinator", WRONG).await.status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(sign_in(&app, "203.0.113.3", "koordinator", RIGHT).await.status, StatusCode::OK);
}

/// Waits, if needed, so the rest of a test runs inside one window of the
/// per-address limit (fixed windows aligned to the epoch).
async fn wait_for_a_fresh_window() {
    let window = LOGIN_ADDRESS_LIMIT.window_secs;
    let left = window - lapor_server::now().rem_euclid(window);
    if left < 60 {
        tokio::time::sleep(std::time::Duration::from_secs(left as u64 + 1)).await;
    }
}

#[tokio::test]
async fn wrong_sign_ins_from_one_address_over_many_names_are_refused_but_successes_never_count() {
    let app = app().await;
    wait_for_a_fresh_window().await;
    let from = "198.51.100.9";
    // Officers behind one NAT address signing in correctly use up nothing.
    for _ in 0..LOGIN_ADDRESS_LIMIT.count + 5 {
        assert_eq!(sign_in(&app, from, "koordinator", RIGHT).await.status, StatusCode::OK);
    }
    // Spraying guesses over names (never LOCK_AFTER for one name).
    for i in 0..LOGIN_ADDRESS_LIMIT.count {
        let name = if i % 4 == 0 { "pengawas".to_string() } else { format!("tebak-{i}") };
        let a = sign_in(&app, from, &name, &format!("{WRONG}-{i}")).await;
        assert_eq!(a.status, StatusCode::UNAUTHORIZED, "failure {i}: {a:?}");
    }
    for (name, password) in [("pengguna-baru", WRONG), ("koordinator", RIGHT)] {
        let a = sign_in(&app, from, name, password).await;
        assert_eq!(a.status, StatusCode::TOO_MANY_REQUESTS, "{a:?}");
        assert_eq!(a.body["error"], "rate_limited");
        let message = a.body["message"].as_str().unwrap();
        assert!(message.starts_with("Terlalu banyak percobaan masuk dari jaringan ini. Coba lagi dalam "), "{message}");
        let retry_after = a.retry_after.expect("Retry-After");
        assert!((1..=LOGIN_ADDRESS_LIMIT.window_secs).contains(&retry_after), "{retry_after}");
    }
    // Another address is not affected, nor the names guessed at.
    assert_eq!(sign_in(&app, "198.51.100.10", "pengawas", RIGHT).await.status, StatusCode::OK);
}

/// Everything this test binary logs at WARN and above, as plain text.
fn captured_log() -> String {
    static LOG: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    let log = LOG.get_or_init(|| {
        let log = Arc::new(Mutex::new(Vec::new()));
        let sink = log.clone();
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::WARN)
            .with_ansi(false)
            .with_writer(move || Sink(sink.clone()))
            .init();
        log
    });
    String::from_utf8_lossy(&log.lock().unwrap()).into_owned()
}

struct Sink(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The log lines about failed sign-ins for names containing `marker`.
fn failures_logged(marker: &str) -> Vec<String> {
    captured_log().lines().filter(|l| l.contains("sign-in failed") && l.contains(marker)).map(String::from).collect()
}

#[tokio::test]
async fn a_failed_sign_in_is_logged_with_the_name_and_address_but_never_the_password() {
    captured_log();
    let app = app().await;
    let secret = "rahasia-jangan-dicatat-81";
    assert_eq!(sign_in(&app, "192.0.2.55", "  Penyusup-Log \t", secret).await.status, StatusCode::UNAUTHORIZED);
    let long = format!("penyusup-panjang{}", "x".repeat(500));
    assert_eq!(sign_in(&app, "192.0.2.56", &long, secret).await.status, StatusCode::UNAUTHORIZED);
    fail_in_a_row(&app, "192.0.2.57", "penyusup-kunci").await;
    assert_eq!(sign_in(&app, "192.0.2.57", "penyusup-kunci", secret).await.status, StatusCode::TOO_MANY_REQUESTS);

    let log = captured_log();
    assert!(!log.contains(secret), "the password is never logged");
    let lines = failures_logged("Penyusup-Log");
    assert_eq!(lines.len(), 1, "{log}");
    assert!(lines[0].contains(" WARN ") && lines[0].contains("user=\"Penyusup-Log\""), "{}", lines[0]);
    assert!(lines[0].contains("client=192.0.2.55") && lines[0].contains(BAD_LOGIN), "{}", lines[0]);

    let lines = failures_logged("penyusup-panjang");
    assert_eq!(lines.len(), 1, "{log}");
    let capped: String = long.chars().take(64).collect();
    assert!(lines[0].contains(&format!("user=\"{capped}…\"")), "the name is cut: {}", lines[0]);
    assert!(lines[0].contains("client=192.0.2.56"), "{}", lines[0]);

    // A refusal during the lock is a failed sign-in too.
    let lines = failures_logged("penyusup-kunci");
    assert_eq!(lines.len(), LOCK_AFTER as usize + 1, "{log}");
    assert!(lines.iter().all(|l| l.contains("client=192.0.2.57")));
    assert!(lines.last().unwrap().contains("Terlalu banyak percobaan masuk."), "{}", lines.last().unwrap());
}

// --- The second security review --------------------------------------------

/// A browser: keeps its cookies (the session, and the device cookie), and
/// sends from `from`.
fn browser() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).build().unwrap()
}

async fn sign_in_from(app: &TestApp, c: &reqwest::Client, from: &str, username: &str, password: &str) -> Answer {
    sign_in_with(c, app.url("/api/v1/auth/login"), from, username, password).await
}

/// The audit entries of `action`, as the superadmin signed in on `root` reads them.
async fn audited(app: &TestApp, root: &reqwest::Client, action: &str) -> Vec<Value> {
    let (status, log) = app.get(root, &format!("/api/v1/admin/audit?action={action}")).await;
    assert_eq!(status, StatusCode::OK, "{log}");
    log["items"].as_array().unwrap().clone()
}

/// Hole 6: ten wrong guesses from any address locked any name, the
/// superadmin's included, so a stranger could keep the console locked.
#[tokio::test]
async fn a_stranger_locks_a_name_but_its_officer_still_signs_in_from_a_browser_used_before() {
    let app = app().await;
    // The superadmin signed in on this browser last week, and signed out.
    let own = browser();
    assert_eq!(sign_in_from(&app, &own, "198.51.100.7", "superadmin", RIGHT).await.status, StatusCode::OK);
    let cookie = own.post(app.url("/api/v1/auth/logout")).send().await.unwrap();
    assert_eq!(cookie.status(), StatusCode::NO_CONTENT);

    // A stranger guesses ten times: the name is locked for everyone else,
    // the right password included, and the lock is on the audit log.
    fail_in_a_row(&app, "203.0.113.50", "superadmin").await;
    assert_locked(&sign_in(&app, "203.0.113.50", "superadmin", RIGHT).await);
    assert_locked(&sign_in_from(&app, &browser(), "198.51.100.7", "superadmin", RIGHT).await);

    // The superadmin's own browser signs in all the same, and finds the lock on the audit log …
    let again = sign_in_from(&app, &own, "198.51.100.7", "superadmin", RIGHT).await;
    assert_eq!(again.status, StatusCode::OK, "{again:?}");
    let (status, me) = app.get(&own, "/api/v1/auth/me").await;
    assert_eq!((status, me["username"].as_str()), (StatusCode::OK, Some("superadmin")));
    let locks = audited(&app, &own, "sign_in_locked").await;
    assert_eq!(locks.len(), 1, "{locks:?}");
    assert_eq!(locks[0]["username"], "superadmin");
    let lock_changes = locks[0]["changes"].to_string();
    assert!(lock_changes.contains("\"failures\"") && lock_changes.contains("\"lock_minutes\""), "{lock_changes}");
    // … and the stranger is still locked out.
    assert_locked(&sign_in(&app, "203.0.113.50", "superadmin", RIGHT).await);

    // The device cookie is for its name only: with it, another locked name stays locked.
    fail_in_a_row(&app, "203.0.113.51", "pengawas").await;
    assert_locked(&sign_in_from(&app, &own, "198.51.100.7", "pengawas", RIGHT).await);
}

/// Guessing from a trusted browser counts on its cookie: after `LOCK_AFTER`
/// failures it is trusted no more, and the name's lock holds for it too.
/// A cookie is renewed at each sign-in: a copy of an old one is worth nothing.
#[tokio::test]
async fn a_device_cookie_guessed_with_or_copied_stops_helping() {
    let app = app().await;
    let own = browser();
    let first = own
        .post(app.url("/api/v1/auth/login"))
        .header("x-forwarded-for", "198.51.100.8")
        .json(&json!({"username": "koordinator", "password": RIGHT}))
        .send()
        .await
        .unwrap();
    let set_cookies: Vec<String> = first.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).collect();
    let device = set_cookies.iter().find(|c| c.starts_with("lapor_device=")).expect("a device cookie");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/api/v1/auth/login", "Max-Age=15552000"] {
        assert!(device.contains(attribute), "{device}");
    }
    let old_cookie = device.split(';').next().unwrap().to_string();

    // Signing in again renews it; the old one, copied to another browser, does not get round a lock.
    assert_eq!(sign_in_from(&app, &own, "198.51.100.8", "koordinator", RIGHT).await.status, StatusCode::OK);
    fail_in_a_row(&app, "203.0.113.60", "koordinator").await;
    let copied = client()
        .post(app.url("/api/v1/auth/login"))
        .header("x-forwarded-for", "203.0.113.60")
        .header("cookie", &old_cookie)
        .json(&json!({"username": "koordinator", "password": RIGHT}))
        .send()
        .await
        .unwrap();
    assert_eq!(copied.status(), StatusCode::TOO_MANY_REQUESTS, "a renewed cookie's old value");

    // Wrong passwords from the trusted browser: refused like any, and
    // counted on its cookie; the right one still works until the tenth.
    for i in 1..LOCK_AFTER {
        let a = sign_in_from(&app, &own, "198.51.100.8", "koordinator", WRONG).await;
        assert_eq!(a.status, StatusCode::UNAUTHORIZED, "attempt {i}: {a:?}");
    }
    assert_eq!(sign_in_from(&app, &own, "198.51.100.8", "koordinator", RIGHT).await.status, StatusCode::OK);
    for i in 1..=LOCK_AFTER {
        let a = sign_in_from(&app, &own, "198.51.100.9", "koordinator", WRONG).await;
        assert_eq!(a.status, StatusCode::UNAUTHORIZED, "attempt {i}: {a:?}");
    }
    assert_locked(&sign_in_from(&app, &own, "198.51.100.9", "koordinator", RIGHT).await);
}

/// Hole 4: the password change answered any number of wrong old passwords,
/// unlogged and unaudited, so a borrowed session could find the password.
#[tokio::test]
async fn wrong_old_passwords_are_counted_with_sign_ins_audited_and_end_the_session() {
    use lapor_server::http::auth::PASSWORD_CHANGE_TRIES;
    let app = app().await;
    let stolen = browser();
    assert_eq!(sign_in_from(&app, &stolen, "203.0.113.70", "koordinator", RIGHT).await.status, StatusCode::OK);
    let change = |old: &str| {
        stolen
            .post(app.url("/api/v1/auth/password"))
            .header("x-forwarded-for", "203.0.113.70")
            .json(&json!({"old_password": old, "new_password": "sandi-baru-yang-panjang"}))
            .send()
    };
    for i in 1..PASSWORD_CHANGE_TRIES {
        let res = change(&format!("tebakan-{i}")).await.unwrap();
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["fields"]["old_password"][0]["code"], "wrong_password", "{body}");
    }
    let last = change("tebakan-terakhir").await.unwrap();
    assert_eq!(last.status(), StatusCode::UNAUTHORIZED);
    let cleared = last.headers().get_all("set-cookie").iter().any(|v| v.to_str().unwrap().starts_with("lapor_session=;"));
    assert!(cleared, "the session cookie is cleared");
    let body: Value = last.json().await.unwrap();
    assert_eq!(body["message"], "Kata sandi lama salah 3 kali: sesi ini diakhiri. Silakan masuk kembali.");
    // The session is over, even for a client that kept its cookie.
    assert_eq!(app.get(&stolen, "/api/v1/auth/me").await.0, StatusCode::UNAUTHORIZED);
    let failures = audited(&app, &app.login("superadmin").await, "password_change_failed").await;
    assert_eq!(failures.len() as i64, PASSWORD_CHANGE_TRIES, "{failures:?}");
    assert!(failures.iter().all(|e| e["username"] == "koordinator"));

    // They counted in the name's streak: seven more wrong sign-ins lock it.
    for i in 1..=LOCK_AFTER - PASSWORD_CHANGE_TRIES {
        let a = sign_in(&app, "203.0.113.71", "koordinator", WRONG).await;
        assert_eq!(a.status, StatusCode::UNAUTHORIZED, "attempt {i}: {a:?}");
    }
    assert_locked(&sign_in(&app, "203.0.113.71", "koordinator", RIGHT).await);
}
