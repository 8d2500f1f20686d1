//! Backup and restore: a backup taken while the app runs and takes reports
//! with files is restored into a fresh data directory (SQLite) or a fresh
//! database (PostgreSQL, under scripts/with-postgres.sh), and a second app
//! on it finds every report and every file, as many as the manifest says.

mod common;

use common::{claim, jpeg_with_exif, pdf, report, serve, spawn_with, TestApp, TestDb};
use lapor_server::backup::{self, Manifest};
use lapor_server::db::Table;
use reqwest::StatusCode;
use serde_json::json;
use sqlx::Row;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// A report sent through the API, with the bytes each of its files downloads as.
struct Sent {
    tracking: String,
    code: String,
    files: BTreeMap<String, Vec<u8>>,
}

/// Uploads `files`, sends a report with them and downloads each back.
async fn send(app: &TestApp, files: Vec<Vec<u8>>) -> Sent {
    let mut claims = Vec::new();
    for f in files {
        claims.push(claim(&app.upload_ok(f).await));
    }
    let mut r = report();
    r["attachments"] = json!(claims);
    let receipt = app.submit(&r).await;
    let code = receipt["access_code"].as_str().unwrap().to_string();
    let mut stored = BTreeMap::new();
    for c in &claims {
        let id = c["id"].as_str().unwrap();
        let res = app.tracked_download(&receipt, &code, id).await;
        assert_eq!(res.status(), StatusCode::OK);
        stored.insert(id.to_string(), res.bytes().await.unwrap().to_vec());
    }
    Sent { tracking: receipt["tracking_number"].as_str().unwrap().to_string(), code, files: stored }
}

async fn tracking_numbers(app: &TestApp) -> BTreeSet<String> {
    sqlx::query("SELECT tracking_number FROM reports")
        .fetch_all(app.state.db.pool())
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String, _>("tracking_number").unwrap())
        .collect()
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// Every file under `dir` with its size.
fn files_under(dir: &Path) -> Vec<(PathBuf, u64)> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut out = Vec::new();
    for e in entries {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            let len = p.metadata().unwrap().len();
            out.push((p, len));
        }
    }
    out
}

/// A fresh target: a new data dir and, on PostgreSQL, a new empty database.
async fn fresh_target() -> (tempfile::TempDir, TestDb) {
    (tempfile::tempdir().unwrap(), TestDb::new().await)
}

#[tokio::test]
async fn a_backup_taken_while_reports_arrive_restores_every_report_and_file() {
    let app = Arc::new(
        spawn_with(|c| {
            c.submit_limit = "1000/600".parse().unwrap();
            c.upload_limit = "1000/600".parse().unwrap();
            c.upload_mb_limit = "1000/600".parse().unwrap();
        })
        .await,
    );
    let source_cfg = app.db.config(app.dir.path());
    let backend = if app.db.is_postgres() { "postgres" } else { "sqlite" };

    // Before the backup: reports with photos and documents (one photo in
    // two reports: one file), and an upload no report used.
    let mut before = vec![
        send(&app, vec![jpeg_with_exif(), pdf(3_000)]).await,
        send(&app, vec![jpeg_with_exif()]).await,
        send(&app, vec![pdf(5_000), pdf(6_000)]).await,
    ];
    let unused = app.upload_ok(pdf(7_000)).await;
    before.push(send(&app, vec![]).await);

    // The backup, while another client keeps sending reports with files.
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (app, stop) = (app.clone(), stop.clone());
        tokio::spawn(async move {
            let mut sent = Vec::new();
            for i in 0..60 {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                sent.push(send(&app, vec![pdf(10_000 + i)]).await);
            }
            sent
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let dir = tempfile::tempdir().unwrap();
    let backup_dir = dir.path().join("backup");
    let done = backup::backup(&source_cfg, &backup_dir).await.expect("backup while the app runs");
    stop.store(true, Ordering::Relaxed);
    let during = writer.await.unwrap();
    println!("{done}");
    println!("{} reports sent while the backup ran", during.len());

    let manifest: Manifest = done.manifest.clone();
    assert_eq!(backup::read_manifest(&backup_dir).unwrap(), manifest);
    assert_eq!(manifest.backend, backend);
    assert_eq!(manifest.format, backup::FORMAT);
    let db_file = backup_dir.join(if backend == "sqlite" { backup::SQLITE_FILE } else { backup::POSTGRES_FILE });
    assert!(db_file.is_file(), "{} written", db_file.display());
    // The backup holds exactly the manifest's files, each what it says.
    let mut in_backup: Vec<(String, u64)> = files_under(&backup_dir.join(backup::ATTACHMENTS))
        .into_iter()
        .map(|(p, len)| {
            let bytes = std::fs::read(&p).unwrap();
            assert_eq!(p.file_name().unwrap().to_str().unwrap(), sha256_hex(&bytes), "named by its content");
            (sha256_hex(&bytes), len)
        })
        .collect();
    in_backup.sort();
    let mut listed: Vec<(String, u64)> = manifest.files.iter().map(|f| (f.sha256.clone(), f.bytes)).collect();
    listed.sort();
    assert_eq!(in_backup, listed);
    assert_eq!(manifest.counts.attachment_files, listed.len() as u64);
    assert_eq!(manifest.counts.attachment_bytes, listed.iter().map(|f| f.1).sum::<u64>());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&backup_dir).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "the backup holds personal data");
    }

    // Refusals: a non-empty directory; a restore into a database in use or
    // not empty (the running source).
    let err = backup::backup(&source_cfg, &backup_dir).await.unwrap_err();
    assert!(format!("{err:#}").contains("is not empty"), "{err:#}");
    let err = backup::restore(&source_cfg, &backup_dir, false).await.unwrap_err();
    let msg = format!("{err:#}");
    assert!(msg.contains("in use") || msg.contains("is not empty"), "{msg}");

    // Restore into a fresh data dir / database and start an app on it (no demo).
    let (dir2, db2) = fresh_target().await;
    let cfg2 = db2.config(dir2.path());
    assert!(!cfg2.demo);
    let restored = backup::restore(&cfg2, &backup_dir, false).await.expect("restore into a fresh target");
    println!("{restored}");
    let (base, state) = serve(&cfg2).await;
    let copy = TestApp { base, state, dir: dir2, db: db2 };

    // As many rows as the manifest says; the reports those before the
    // backup and some of those during it, none after.
    let c = manifest.counts;
    assert_eq!(copy.state.db.count(Table::Reports).await.unwrap(), c.reports);
    assert_eq!(copy.state.db.count(Table::Events).await.unwrap(), c.events);
    assert_eq!(copy.state.db.count(Table::Users).await.unwrap(), c.users);
    assert_eq!(
        copy.state.db.count(Table::Attachments).await.unwrap(),
        c.attachments - restored.uploads_removed as i64
    );
    let numbers = tracking_numbers(&copy).await;
    assert_eq!(numbers.len() as i64, c.reports);
    assert!(numbers.is_subset(&tracking_numbers(&app).await));
    for s in &before {
        assert!(numbers.contains(&s.tracking), "{} was sent before the backup", s.tracking);
    }
    assert!(c.reports >= 4 && c.users > 0, "demo data and the reports: {c:?}");

    // Every report sent through the API that the backup holds opens with
    // its number and code, and each of its files downloads as the same bytes.
    let mut checked = 0;
    for s in before.iter().chain(&during).filter(|s| numbers.contains(&s.tracking)) {
        let (status, view) = copy
            .post(&common::client(), "/api/v1/track", &json!({"tracking_number": s.tracking, "access_code": s.code}))
            .await;
        assert_eq!(status, StatusCode::OK, "{}: {view}", s.tracking);
        let ids: BTreeSet<String> =
            view["attachments"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap().to_string()).collect();
        assert_eq!(ids, s.files.keys().cloned().collect::<BTreeSet<_>>(), "{}", s.tracking);
        let receipt = json!({"tracking_number": s.tracking});
        for (id, bytes) in &s.files {
            let res = copy.tracked_download(&receipt, &s.code, id).await;
            assert_eq!(res.status(), StatusCode::OK, "{} {id}", s.tracking);
            assert_eq!(&res.bytes().await.unwrap()[..], &bytes[..], "{} {id}", s.tracking);
        }
        checked += 1;
    }
    assert!(checked >= before.len());
    // The unused upload came along with its file (the 6-hour cleanup decides about it).
    let unused_id = unused["id"].as_str().unwrap();
    assert!(tokio::fs::try_exists(copy.stored_path(unused_id).await).await.unwrap());

    // Every file any restored record names (demo data included) is there,
    // whole; the store holds exactly the manifest's files.
    let hashes: BTreeSet<String> = sqlx::query("SELECT content_hash FROM attachments")
        .fetch_all(copy.state.db.pool())
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String, _>("content_hash").unwrap())
        .collect();
    for h in &hashes {
        let bytes = std::fs::read(copy.file_path(h)).unwrap_or_else(|e| panic!("file {h}: {e}"));
        assert_eq!(&sha256_hex(&bytes), h);
    }
    let mut stored: Vec<(String, u64)> = files_under(&copy.dir.path().join("data/attachments"))
        .into_iter()
        .map(|(p, len)| (p.file_name().unwrap().to_str().unwrap().to_string(), len))
        .collect();
    stored.sort();
    assert_eq!(stored, listed);
    assert_eq!(hashes.len() as u64, c.attachment_files);

    // The restored app takes new reports (PostgreSQL's sequences came along).
    let new = send(&copy, vec![pdf(4_000)]).await;
    assert!(!numbers.contains(&new.tracking));

    // Restoring again into it is refused: its database is in use or not empty.
    let err = backup::restore(&cfg2, &backup_dir, false).await.unwrap_err();
    let msg = format!("{err:#}");
    assert!(msg.contains("in use") || msg.contains("is not empty"), "{msg}");

    // A damaged file in the backup: the restore says so and leaves the
    // target's database empty.
    let (victim, _) = files_under(&backup_dir.join(backup::ATTACHMENTS)).into_iter().next().unwrap();
    let good = std::fs::read(&victim).unwrap();
    let mut bad = good.clone();
    bad[0] ^= 0xFF;
    std::fs::write(&victim, &bad).unwrap();
    let (dir3, db3) = fresh_target().await;
    let cfg3 = db3.config(dir3.path());
    let err = backup::restore(&cfg3, &backup_dir, false).await.unwrap_err();
    assert!(format!("{err:#}").contains("does not match the manifest"), "{err:#}");
    let (_, state3) = serve(&cfg3).await;
    assert_eq!(state3.db.count(Table::Reports).await.unwrap(), 0);

    // Repaired, it restores into that database, which a server start made
    // (schema, holidays, categories; no reports, no accounts) and then
    // stopped; once restored the target is not empty, and only --force
    // replaces it.
    std::fs::write(&victim, &good).unwrap();
    state3.db.pool().close().await;
    backup::restore(&cfg3, &backup_dir, false).await.expect("into a database with the schema but no data");
    let err = backup::restore(&cfg3, &backup_dir, false).await.unwrap_err();
    assert!(format!("{err:#}").contains("is not empty"), "{err:#}");
    let again = backup::restore(&cfg3, &backup_dir, true).await.expect("--force replaces it");
    assert_eq!(again.manifest, manifest);
    let (_, state3) = serve(&cfg3).await;
    assert_eq!(state3.db.count(Table::Reports).await.unwrap(), c.reports);
    assert_eq!(state3.db.count(Table::Events).await.unwrap(), c.events);
}

#[tokio::test]
async fn a_directory_without_a_manifest_is_no_backup() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(backup::SQLITE_FILE), b"half").unwrap();
    let (target, db) = fresh_target().await;
    let err = backup::restore(&db.config(target.path()), dir.path(), false).await.unwrap_err();
    assert!(format!("{err:#}").contains("not a complete backup"), "{err:#}");
    // Nothing to back up where there is no database (SQLite): no empty backup.
    if !db.is_postgres() {
        let err = backup::backup(&db.config(target.path()), &dir.path().join("b")).await.unwrap_err();
        assert!(format!("{err:#}").contains("there is no database"), "{err:#}");
    }
}

#[tokio::test]
async fn the_command_line_backs_up_and_refuses_in_english() {
    let app = common::spawn().await;
    let cfg = app.db.config(app.dir.path());
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_lapor-server"));
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("LAPOR_DATA_DIR", &cfg.data_dir)
            .env("RUST_LOG", "warn")
            .args(args);
        if let Some(url) = &cfg.database_url {
            cmd.env("DATABASE_URL", url);
        }
        cmd.output().unwrap()
    };
    let to = dir.path().join("b");
    let out = run(&["backup", "--to", to.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout} {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(stdout.trim().lines().count(), 1, "one line: {stdout}");
    assert!(stdout.starts_with("backup of the "), "{stdout}");
    let out = run(&["backup", "--to", to.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is not empty: back up into a new or empty directory"), "{stderr}");
    let out = run(&["restore", "--from", to.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: restore from"), "{stderr}");
}
