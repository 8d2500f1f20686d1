//! Crash safety: the real server binary (`CARGO_BIN_EXE_lapor-server`) with
//! demo data takes a steady stream of submissions with photos from several
//! clients at once and is killed with SIGKILL in the middle of it, twice;
//! each time it is started again on the same data (the same environment,
//! SQLite in its data dir or, under `scripts/with-postgres.sh`, a PostgreSQL
//! database of its own). Every submission that got a tracking number must
//! then open with its number and access code with the same title and body,
//! exactly the photos it was sent with, each downloading as the bytes the
//! server's metadata stripping makes of what was sent (and as it downloaded
//! before the crash); a submission whose answer the crash swallowed, sent
//! again with its idempotency key, is stored once (201 if it was lost, 200
//! with its receipt if it was stored), and one acknowledged before, sent
//! again, gets its first receipt; the demo data is neither seeded again nor
//! wiped. A first start killed while it writes the categories or seeds the
//! demo data (agencies, accounts, reports) leaves nothing half-written: the
//! next start writes all of it, as if the first had never run.

mod common;

use common::binary::{self, Server, START_MAX};
use common::{key, report, TestDb};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Clients sending at once.
const CLIENTS: usize = 6;
/// Crashes in one run: the second one hits data that survived the first.
const ROUNDS: usize = 2;
/// A round's kill comes after this many acknowledged submissions, at the
/// earliest, plus a random number up to `KILL_SPREAD` more.
const KILL_AFTER: usize = 40;
const KILL_SPREAD: usize = 40;
/// However slow the machine, a round kills the server after this long.
const ROUND_MAX: Duration = Duration::from_secs(20);
/// How long a start may take (migrations, demo data, binding) before the test fails.

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A real 16×16 JPEG, its pixels drawn from `seed` (no two seeds give the
/// same picture), with a comment segment the server strips.
fn photo(seed: u64) -> Vec<u8> {
    let pixels: Vec<u8> = (0..16 * 16u64)
        .flat_map(|i| {
            let v = seed.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ i.wrapping_mul(0xBF58_476D_1CE4_E5B9);
            [(v >> 8) as u8, (v >> 24) as u8, (v >> 40) as u8]
        })
        .collect();
    let mut clean = Vec::new();
    jpeg_encoder::Encoder::new(&mut clean, 90).encode(&pixels, 16, 16, jpeg_encoder::ColorType::Rgb).unwrap();
    let comment = format!("kamera pelapor {seed}");
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xFE];
    jpeg.extend_from_slice(&((comment.len() + 2) as u16).to_be_bytes());
    jpeg.extend_from_slice(comment.as_bytes());
    jpeg.extend_from_slice(&clean[2..]);
    jpeg
}

/// The seed of the photo every fourth report also carries: one file on
/// disk for all of them (files are stored once by content).
const SHARED_PHOTO: u64 = u64::MAX - 1;

/// What the server stores of a sent photo, by the server's own cleaner:
/// what any download of it must be, byte for byte.
fn stored_hash(sent: &[u8]) -> String {
    sha256_hex(&lapor_server::media::strip_metadata("image/jpeg", sent).expect("a JPEG the server accepts"))
}

/// One attachment of a submission: its id, and the size and SHA-256 its
/// download must have.
#[derive(Clone, Debug)]
struct Expected {
    id: String,
    size: u64,
    sha256: String,
}

/// A submission as sent: body (with its key and claims), title, and its photos.
#[derive(Clone, Debug)]
struct Sent {
    body: Value,
    title: String,
    /// The one word of the title no other report has (for the queue's search).
    word: String,
    attachments: Vec<Expected>,
}

/// A submission answered 201 before the crash.
#[derive(Clone, Debug)]
struct Acked {
    sent: Sent,
    receipt: Value,
    /// (attachment id, SHA-256) of a download made before the crash.
    downloaded: Option<(String, String)>,
    /// The crash after which it was acknowledged (0: before the first).
    round: usize,
    /// Unanswered before a crash, answered when sent again after the restart.
    retried: bool,
}

impl Acked {
    fn number(&self) -> &str {
        self.receipt["tracking_number"].as_str().unwrap()
    }
    fn track_body(&self) -> Value {
        json!({"tracking_number": self.receipt["tracking_number"], "access_code": self.receipt["access_code"]})
    }
}

#[derive(Default)]
struct Shared {
    acked: Mutex<Vec<Acked>>,
    /// Sent, never answered: the crash took the answer (or the request).
    pending: Mutex<Vec<Sent>>,
    /// Uploads sent and never answered.
    uploads_cut: AtomicUsize,
    /// Anything but the expected answer before the kill: a failure.
    errors: Mutex<Vec<String>>,
}

fn http() -> Client {
    Client::builder().timeout(Duration::from_secs(15)).build().unwrap()
}

/// The server binary on `dir`'s data and `db`, every limit lifted; with
/// `statements`, each statement it ran is logged too (sqlx): where a kill lands.
fn spawn_server(dir: &Path, db: &TestDb, label: &str, statements: bool) -> Server {
    let log = if statements { "info,sqlx::query=debug" } else { "info" };
    let mut env = UNLIMITED.to_vec();
    env.push(("RUST_LOG", log));
    binary::spawn_server(dir, db, label, &env)
}

async fn start(dir: &Path, db: &TestDb, label: &str) -> Server {
    binary::start(dir, db, label, &UNLIMITED).await
}

const UNLIMITED: [(&str, &str); 4] = [
    ("LAPOR_SUBMIT_LIMIT", "1000000/600"),
    ("LAPOR_UPLOAD_LIMIT", "1000000/600"),
    ("LAPOR_UPLOAD_MB_LIMIT", "1000000/600"),
    ("LAPOR_LOOKUP_MISS_LIMIT", "1000000/600"),
];

/// A client signed in as a demo account on `server`.
async fn login(server: &Server, username: &str) -> Client {
    let c = Client::builder().cookie_store(true).timeout(Duration::from_secs(15)).build().unwrap();
    let res = c
        .post(server.url("/api/v1/auth/login"))
        .json(&json!({"username": username, "password": "lapor-demo"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "login {username}");
    c
}

async fn get_json(c: &Client, url: String) -> Value {
    let res = c.get(&url).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "GET {url}");
    res.json().await.unwrap()
}

/// What demo data there is: the coordinator's queue (total and submitted),
/// the public list's total, the accounts and the agencies.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
struct Census {
    queue_total: i64,
    submitted: i64,
    public_total: i64,
    accounts: usize,
    agencies: usize,
}

async fn census(server: &Server) -> Census {
    let coordinator = login(server, "koordinator").await;
    let superadmin = login(server, "superadmin").await;
    let queue = get_json(&coordinator, server.url("/api/v1/admin/reports")).await;
    let submitted = queue["counts"]["by_status"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["status"] == "submitted")
        .expect("a count of submitted reports")["count"]
        .as_i64()
        .unwrap();
    let public = get_json(&http(), server.url("/api/v1/public/reports")).await;
    let accounts = get_json(&superadmin, server.url("/api/v1/admin/users")).await;
    assert_eq!(accounts["truncated"], false);
    let agencies = get_json(&http(), server.url("/api/v1/agencies")).await;
    Census {
        queue_total: queue["counts"]["total"].as_i64().unwrap(),
        submitted,
        public_total: public["counts"]["total"].as_i64().unwrap(),
        accounts: accounts["items"].as_array().unwrap().len(),
        agencies: agencies.as_array().unwrap().len(),
    }
}

/// Uploads one photo: `Ok(Some(expected))` on 201, `Ok(None)` when the
/// request got no answer (the crash), `Err` for any other answer.
async fn upload(c: &Client, base: &str, bytes: Vec<u8>) -> Result<Option<(Value, Expected)>, String> {
    let sha256 = stored_hash(&bytes);
    let res = match c.post(format!("{base}/api/v1/attachments")).body(bytes).send().await {
        Ok(res) => res,
        Err(_) => return Ok(None),
    };
    let status = res.status();
    let Ok(answer) = res.json::<Value>().await else { return Ok(None) };
    if status != StatusCode::CREATED {
        return Err(format!("upload: {status} {answer}"));
    }
    let expected = Expected { id: answer["id"].as_str().unwrap().to_string(), size: answer["size"].as_u64().unwrap(), sha256 };
    Ok(Some((common::claim(&answer), expected)))
}

/// Downloads an attachment with the receipt's number and code.
async fn download(c: &Client, base: &str, track: &Value, id: &str) -> Result<Vec<u8>, String> {
    let res = c
        .post(format!("{base}/api/v1/track/attachments/{id}"))
        .json(track)
        .send()
        .await
        .map_err(|e| format!("download {id}: {e}"))?;
    let status = res.status();
    let bytes = res.bytes().await.map_err(|e| format!("download {id}: {e}"))?;
    if status != StatusCode::OK {
        return Err(format!("download {id}: {status} {}", String::from_utf8_lossy(&bytes)));
    }
    Ok(bytes.to_vec())
}

/// One client's steady stream: photos uploaded, a report claiming them
/// with a key of its own, its first photo downloaded; again, until `stop`
/// or until a request goes unanswered (the kill).
async fn client_stream(client: usize, round: usize, base: String, stop: Arc<AtomicBool>, shared: Arc<Shared>) {
    let c = http();
    let fail = |what: String| shared.errors.lock().unwrap().push(format!("client {client}, round {round}: {what}"));
    for n in 0..10_000u64 {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        // Unique across clients and rounds: ddd ccc nnnn.
        let serial = (round as u64 * 100 + client as u64) * 10_000 + n;
        let mut seeds = vec![serial];
        if n % 4 == 1 {
            seeds.push(SHARED_PHOTO);
        }
        if n % 3 == 2 {
            seeds.push(serial + 1_000_000_000);
        }
        let mut claims = Vec::new();
        let mut attachments = Vec::new();
        for seed in seeds {
            match upload(&c, &base, photo(seed)).await {
                Ok(Some((claim, expected))) => {
                    claims.push(claim);
                    attachments.push(expected);
                }
                Ok(None) => {
                    if !stop.load(Ordering::SeqCst) {
                        fail(format!("upload {serial} got no answer while the server was up"));
                    }
                    shared.uploads_cut.fetch_add(1, Ordering::SeqCst);
                    return;
                }
                Err(e) => return fail(e),
            }
        }
        let word = format!("ujicrash{serial:07}");
        let title = format!("Uji ketahanan server {word}");
        let mut body = report();
        body["title"] = json!(title);
        body["body"] = json!(format!(
            "Laporan uji nomor {serial} dari klien {client}: lampu jalan di depan sekolah padam sejak dua minggu."
        ));
        body["idempotency_key"] = json!(key(serial + 1));
        body["attachments"] = json!(claims);
        let sent = Sent { body: body.clone(), title, word, attachments };
        let answer = match c.post(format!("{base}/api/v1/reports")).json(&body).send().await {
            Ok(res) => {
                let status = res.status();
                res.json::<Value>().await.ok().map(|v| (status, v))
            }
            Err(_) => None,
        };
        let Some((status, receipt)) = answer else {
            if !stop.load(Ordering::SeqCst) {
                fail(format!("report {serial} got no answer while the server was up"));
            }
            shared.pending.lock().unwrap().push(sent);
            return;
        };
        if status != StatusCode::CREATED {
            return fail(format!("report {serial}: {status} {receipt}"));
        }
        let mut acked = Acked { sent, receipt, downloaded: None, round, retried: false };
        let first = acked.sent.attachments[0].id.clone();
        let downloaded = download(&c, &base, &acked.track_body(), &first).await;
        let index = {
            let mut all = shared.acked.lock().unwrap();
            all.push(acked.clone());
            all.len() - 1
        };
        match downloaded {
            Ok(bytes) => {
                acked.downloaded = Some((first, sha256_hex(&bytes)));
                shared.acked.lock().unwrap()[index] = acked;
            }
            Err(e) if stop.load(Ordering::SeqCst) => {
                let _ = e; // cut by the kill
                return;
            }
            Err(e) => return fail(e),
        }
    }
}

/// Checks an acknowledged submission on the restarted server: it opens
/// with its number and code, with its title, body, one `submitted` event,
/// exactly its attachments, each downloading as expected.
async fn check_intact(c: &Client, base: &str, a: &Acked) -> Result<(), String> {
    let number = a.number();
    let res = c.post(format!("{base}/api/v1/track")).json(&a.track_body()).send().await.map_err(|e| format!("{number}: {e}"))?;
    let status = res.status();
    let view: Value = res.json().await.map_err(|e| format!("{number}: {e}"))?;
    if status != StatusCode::OK {
        return Err(format!("{number} (acknowledged in round {}) does not open: {status} {view}", a.round));
    }
    let same = view["tracking_number"] == number
        && view["title"] == a.sent.title.as_str()
        && view["body"] == a.sent.body["body"]
        && view["status"] == "submitted";
    if !same {
        return Err(format!("{number} changed: {view}"));
    }
    let timeline = view["timeline"].as_array().unwrap();
    if timeline.len() != 1 || timeline[0]["kind"] != "submitted" {
        return Err(format!("{number}: timeline {timeline:?}"));
    }
    let mut listed: Vec<(String, u64)> = view["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["id"].as_str().unwrap().to_string(), x["size"].as_u64().unwrap()))
        .collect();
    let mut expected: Vec<(String, u64)> = a.sent.attachments.iter().map(|x| (x.id.clone(), x.size)).collect();
    listed.sort();
    expected.sort();
    if listed != expected {
        return Err(format!("{number}: attachments {listed:?}, sent {expected:?}"));
    }
    for x in &a.sent.attachments {
        let bytes = download(c, base, &a.track_body(), &x.id).await.map_err(|e| format!("{number}: {e}"))?;
        let hash = sha256_hex(&bytes);
        if bytes.len() as u64 != x.size || hash != x.sha256 {
            return Err(format!("{number}: attachment {} is {} bytes {hash}, expected {} bytes {}", x.id, bytes.len(), x.size, x.sha256));
        }
        if let Some((id, before)) = &a.downloaded {
            if *id == x.id && *before != hash {
                return Err(format!("{number}: attachment {id} downloaded as {before} before the crash, {hash} after"));
            }
        }
    }
    Ok(())
}

/// How many reports the coordinator's queue finds whose title is `title`.
async fn reports_titled(coordinator: &Client, server: &Server, word: &str, title: &str) -> usize {
    let page = get_json(coordinator, server.url(&format!("/api/v1/admin/reports?q={word}"))).await;
    page["items"].as_array().unwrap().iter().filter(|r| r["title"] == title).count()
}

/// Whether the log says the demo data was seeded by this start.
fn seeded(server: &Server) -> bool {
    std::fs::read_to_string(&server.log).unwrap_or_default().contains("demo data seeded")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_submissions_survive_sigkill_and_restart_reseeds_nothing() {
    let started = Instant::now();
    let db = TestDb::new().await;
    let backend = if db.is_postgres() { "postgresql" } else { "sqlite" };
    let dir = tempfile::tempdir().unwrap();
    let mut server = start(dir.path(), &db, "first").await;
    assert!(seeded(&server), "the first start seeds the demo data\n{}", server.log_tail());
    let demo = census(&server).await;
    assert!(demo.queue_total > 0 && demo.public_total > 0 && demo.accounts > 0 && demo.agencies > 0, "{demo:?}");

    let shared = Arc::new(Shared::default());
    let mut retried = (0, 0); // (201: lost, 200: stored)
    let mut in_flight = Vec::new();
    let mut intact = 0;
    for round in 0..ROUNDS {
        // The stream, then SIGKILL while it flows.
        let stop = Arc::new(AtomicBool::new(false));
        let tasks: Vec<_> = (0..CLIENTS)
            .map(|c| tokio::spawn(client_stream(c, round, server.base.clone(), stop.clone(), shared.clone())))
            .collect();
        let before = shared.acked.lock().unwrap().len();
        let target = before + KILL_AFTER + rand::random::<usize>() % KILL_SPREAD;
        let deadline = Instant::now() + ROUND_MAX;
        while shared.acked.lock().unwrap().len() < target && Instant::now() < deadline {
            assert!(shared.errors.lock().unwrap().is_empty(), "{:?}\n{}", shared.errors.lock().unwrap(), server.log_tail());
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        stop.store(true, Ordering::SeqCst);
        server.sigkill();
        for t in tasks {
            tokio::time::timeout(Duration::from_secs(20), t).await.expect("a client stops after the kill").unwrap();
        }
        let errors = shared.errors.lock().unwrap().clone();
        assert!(errors.is_empty(), "before the kill: {errors:?}\n{}", server.log_tail());
        let acked_now = shared.acked.lock().unwrap().len();
        assert!(acked_now - before >= KILL_AFTER, "round {round}: only {} acknowledged in {ROUND_MAX:?}", acked_now - before);
        let pending: Vec<Sent> = std::mem::take(&mut *shared.pending.lock().unwrap());
        in_flight.push((pending.len(), shared.uploads_cut.swap(0, Ordering::SeqCst)));

        // The same environment on the same data.
        server = start(dir.path(), &db, &format!("restart{}", round + 1)).await;
        assert!(!seeded(&server), "a restart seeds nothing\n{}", server.log_tail());
        let c = http();
        let coordinator = login(&server, "koordinator").await;

        // Every acknowledged submission so far is there, intact.
        let acked: Vec<Acked> = shared.acked.lock().unwrap().clone();
        let mut problems = Vec::new();
        for a in &acked {
            if let Err(e) = check_intact(&c, &server.base, a).await {
                problems.push(e);
            }
        }
        assert!(
            problems.is_empty(),
            "round {round}: {} of {} acknowledged submissions not intact after SIGKILL and restart ({backend}):\n{}",
            problems.len(),
            acked.len(),
            problems.join("\n")
        );
        intact = acked.len();

        // A sample of them sent again: the first receipt, no second report.
        for a in acked.iter().step_by(9) {
            let res = c.post(server.url("/api/v1/reports")).json(&a.sent.body).send().await.unwrap();
            assert_eq!(res.status(), StatusCode::OK, "{} sent again", a.number());
            assert_eq!(res.json::<Value>().await.unwrap(), a.receipt, "{} sent again", a.number());
        }

        // The submissions the crash left unanswered, sent again with their
        // keys: stored once either way, and then intact too.
        for sent in pending {
            let res = c.post(server.url("/api/v1/reports")).json(&sent.body).send().await.unwrap();
            let status = res.status();
            let receipt: Value = res.json().await.unwrap();
            match status {
                StatusCode::CREATED => retried.0 += 1,
                StatusCode::OK => retried.1 += 1,
                _ => panic!("{} sent again after the restart: {status} {receipt}", sent.title),
            }
            assert!(
                acked.iter().all(|a| a.receipt["tracking_number"] != receipt["tracking_number"]),
                "{} got another report's receipt: {receipt}",
                sent.title
            );
            let a = Acked { sent, receipt, downloaded: None, round: round + 1, retried: true };
            check_intact(&c, &server.base, &a).await.unwrap_or_else(|e| panic!("a retried submission: {e}"));
            assert_eq!(reports_titled(&coordinator, &server, &a.sent.word, &a.sent.title).await, 1, "{} stored once", a.sent.title);
            shared.acked.lock().unwrap().push(a);
            intact += 1;
        }

        // Ours are all there, and nothing else: no report from a request
        // never sent, none twice, the demo data neither seeded again nor wiped.
        let ours = shared.acked.lock().unwrap().len() as i64;
        let page = get_json(&coordinator, server.url("/api/v1/admin/reports?q=ujicrash")).await;
        assert_eq!(page["counts"]["total"].as_i64().unwrap(), ours, "our reports in the queue's search");
        let now = census(&server).await;
        let expected = Census { queue_total: demo.queue_total + ours, submitted: demo.submitted + ours, ..demo };
        assert_eq!(now, expected, "round {round}: the demo data plus ours (before: {demo:?})");
    }

    // The last restart keeps serving: one more report with a photo.
    let c = http();
    let (claim, expected) = upload(&c, &server.base, photo(7)).await.unwrap().expect("an upload after the restarts");
    let mut body = report();
    body["title"] = json!("Uji ketahanan server setelah dua kali mati");
    body["attachments"] = json!([claim]);
    let res = c.post(server.url("/api/v1/reports")).json(&body).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let receipt: Value = res.json().await.unwrap();
    let sent = Sent { body, title: "Uji ketahanan server setelah dua kali mati".into(), word: String::new(), attachments: vec![expected] };
    check_intact(&c, &server.base, &Acked { sent, receipt, downloaded: None, round: ROUNDS, retried: false }).await.unwrap();

    let all = shared.acked.lock().unwrap();
    let before_kill = all.iter().filter(|a| !a.retried).count();
    assert_eq!(intact, all.len(), "the last restart checked every acknowledged submission");
    let rounds: Vec<String> = (0..ROUNDS)
        .map(|r| {
            let n = all.iter().filter(|a| a.round == r && !a.retried).count();
            let (cut_reports, cut_uploads) = in_flight[r];
            format!("crash {}: {n} acknowledged, {cut_reports} reports and {cut_uploads} uploads cut", r + 1)
        })
        .collect();
    let photos: usize = all.iter().map(|a| a.sent.attachments.len()).sum();
    println!(
        "crash: {before_kill} submissions acknowledged before SIGKILL, {} found intact after restart (backend {backend})",
        intact - (all.len() - before_kill)
    );
    println!(
        "crash: {} ({}); {photos} photos byte for byte; unanswered ones sent again: {} stored then, {} lost and stored once now; \
         demo data kept ({} reports, {} accounts, {} agencies); {:.1} s",
        rounds.join(", "),
        backend,
        retried.1,
        retried.0,
        demo.queue_total,
        demo.accounts,
        demo.agencies,
        started.elapsed().as_secs_f64()
    );
}

/// Spawns a first start and SIGKILLs it as soon as its log shows a
/// statement containing `statement` (logged once it ran); returns whether
/// the kill came before the demo data was done.
async fn kill_at(dir: &Path, db: &TestDb, statement: &str) -> bool {
    let mut server = spawn_server(dir, db, &format!("seed-{}", statement.replace(' ', "-")), true);
    let deadline = Instant::now() + START_MAX;
    loop {
        let log = std::fs::read_to_string(&server.log).unwrap_or_default();
        if log.contains(statement) {
            server.sigkill();
            let log = std::fs::read_to_string(&server.log).unwrap_or_default();
            return !log.contains("demo data seeded");
        }
        if let Some(status) = server.child.try_wait().unwrap() {
            panic!("the server exited at start: {status}\n{}", server.log_tail());
        }
        assert!(Instant::now() < deadline, "no {statement:?} in the log within {START_MAX:?}\n{}", server.log_tail());
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
}

/// The categories the citizen's form offers.
async fn categories(server: &Server) -> usize {
    get_json(&http(), server.url("/api/v1/categories")).await.as_array().unwrap().len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_start_killed_while_seeding_leaves_nothing_half_done() {
    let started = Instant::now();
    // What an uninterrupted first start makes.
    let reference_db = TestDb::new().await;
    let backend = if reference_db.is_postgres() { "postgresql" } else { "sqlite" };
    let reference_dir = tempfile::tempdir().unwrap();
    let server = start(reference_dir.path(), &reference_db, "reference").await;
    let reference = (census(&server).await, categories(&server).await);
    drop(server);

    // Killed while writing the categories (every start makes sure of them),
    // the demo agencies, their accounts, the demo reports: the next start
    // on the same data seeds it all, as if the first had never run.
    let mut landed = Vec::new();
    let mut attempts = 0;
    for statement in ["INSERT INTO categories", "INSERT INTO agencies", "INSERT INTO users", "INSERT INTO reports"] {
        let mut hit = false;
        for attempt in 1..=3 {
            let db = TestDb::new().await;
            let dir = tempfile::tempdir().unwrap();
            if !kill_at(dir.path(), &db, statement).await {
                continue; // done before the kill: try again on fresh data
            }
            hit = true;
            attempts += attempt;
            let server = start(dir.path(), &db, "after-seed-kill").await;
            assert!(seeded(&server), "the start after the kill at {statement:?} seeds the demo data itself\n{}", server.log_tail());
            let found = (census(&server).await, categories(&server).await);
            assert_eq!(found, reference, "killed at the first {statement:?}, then started again ({backend})\n{}", server.log_tail());
            break;
        }
        assert!(hit, "three first starts all seeded before the kill at {statement:?}");
        landed.push(statement.trim_start_matches("INSERT INTO "));
    }
    println!(
        "crash: first starts killed while seeding ({}; {attempts} kills) each seeded in full by the next start: {} reports, {} accounts, {} agencies, {} categories (backend {backend}); {:.1} s",
        landed.join(", "),
        reference.0.queue_total,
        reference.0.accounts,
        reference.0.agencies,
        reference.1,
        started.elapsed().as_secs_f64()
    );
}
