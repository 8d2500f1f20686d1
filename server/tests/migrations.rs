//! The SQLite and PostgreSQL migration sets are kept in step, and the
//! migrations that rewrite data do it right.

use std::collections::BTreeSet;
use std::path::Path;

fn names(backend: &str) -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(backend);
    std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".sql"))
        .collect()
}

/// `CREATE TABLE name (` … `);` → table name and its column names.
fn tables(backend: &str) -> Vec<(String, Vec<String>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(backend);
    let mut out = Vec::new();
    for name in names(backend) {
        let sql = std::fs::read_to_string(dir.join(name)).unwrap();
        let mut current: Option<(String, Vec<String>)> = None;
        for line in sql.lines().map(str::trim) {
            if let Some(rest) = line.strip_prefix("CREATE TABLE ") {
                current = Some((rest.trim_end_matches(" (").trim().to_string(), Vec::new()));
            } else if line.starts_with(");") {
                out.extend(current.take());
            } else if let Some((_, cols)) = current.as_mut() {
                let word = line.split_whitespace().next().unwrap_or_default();
                if !word.is_empty() && word != "PRIMARY" && !word.starts_with("--") {
                    cols.push(word.to_string());
                }
            }
        }
    }
    out
}

#[test]
fn both_backends_have_the_same_migration_files() {
    let sqlite = names("sqlite");
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, names("postgres"), "server/migrations/sqlite and server/migrations/postgres must have the same files");
}

#[test]
fn both_backends_create_the_same_tables_and_columns() {
    let sqlite = tables("sqlite");
    assert!(sqlite.len() >= 9, "{sqlite:?}");
    assert_eq!(sqlite, tables("postgres"));
}

mod common;

/// A database (SQLite in `dir`, or the test's PostgreSQL database) with the
/// migrations before `version` applied, and the migrator of all of them.
async fn migrated_before(version: i64, dir: &Path, db: &common::TestDb) -> (sqlx::AnyPool, sqlx::migrate::Migrator) {
    sqlx::any::install_default_drivers();
    let (url, backend) = match &db.url {
        Some(url) => (url.clone(), "postgres"),
        None => (format!("sqlite://{}/m.db?mode=rwc", dir.display()), "sqlite"),
    };
    let pool = sqlx::AnyPool::connect(&url).await.unwrap();
    let migrations = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(backend);
    let all = sqlx::migrate::Migrator::new(migrations.clone()).await.unwrap();
    let mut before = sqlx::migrate::Migrator::new(migrations).await.unwrap();
    before.migrations = before.migrations.iter().filter(|m| m.version < version).cloned().collect::<Vec<_>>().into();
    before.run(&pool).await.unwrap();
    (pool, all)
}

/// Inserts a minimal report numbered `number` and returns its id.
async fn insert_report(pool: &sqlx::AnyPool, number: &str) -> i64 {
    use sqlx::Row;
    sqlx::query(
        "INSERT INTO reports (tracking_number, access_code_hash, kind, title, body, province_code, regency_code, \
         address, followup_class, anonymous, confidential, reporter_name, reporter_phone, reporter_email, status, \
         created_at, updated_at) VALUES ($1, 'x', 'pengaduan', 't', 'b', '61', '61.09', '', 'biasa', 0, 0, \
         '', '', '', 'submitted', 1, 1)",
    )
    .bind(number)
    .execute(pool)
    .await
    .unwrap();
    let row = sqlx::query("SELECT id FROM reports WHERE tracking_number = $1").bind(number).fetch_one(pool).await;
    row.unwrap().get("id")
}

/// Attachments recorded before 0003 (id = content hash) get random ids,
/// their links follow, and the hash names the file.
#[tokio::test]
async fn migration_0003_gives_existing_attachments_random_ids() {
    use sqlx::Row;
    let dir = tempfile::tempdir().unwrap();
    let db = common::TestDb::new().await;
    let (pool, all) = migrated_before(3, dir.path(), &db).await;

    let (h1, h2) = ("a".repeat(64), "b".repeat(64));
    for h in [&h1, &h2] {
        sqlx::query("INSERT INTO attachments (id, kind, mime, size, created_at) VALUES ($1, 'pdf', 'application/pdf', 10, 1)")
            .bind(h)
            .execute(&pool)
            .await
            .unwrap();
    }
    insert_report(&pool, "100000000001").await;
    sqlx::query("INSERT INTO report_attachments (report_id, attachment_id, position) SELECT id, $1, 0 FROM reports")
        .bind(&h1)
        .execute(&pool)
        .await
        .unwrap();

    all.run(&pool).await.unwrap();

    let rows = sqlx::query("SELECT id, content_hash FROM attachments ORDER BY content_hash").fetch_all(&pool).await.unwrap();
    let rows: Vec<(String, String)> = rows.iter().map(|r| (r.get("id"), r.get("content_hash"))).collect();
    assert_eq!(rows.iter().map(|r| r.1.clone()).collect::<Vec<_>>(), [h1.clone(), h2.clone()]);
    for (id, hash) in &rows {
        assert_ne!(id, hash);
        assert!(lapor_server::storage::is_valid_id(id), "{id}");
    }
    let linked: String =
        sqlx::query("SELECT attachment_id FROM report_attachments").fetch_one(&pool).await.unwrap().get("attachment_id");
    assert_eq!(linked, rows[0].0, "the link follows the new id");
    pool.close().await;
}

/// 0004 closes the claim hole in the data too: an upload the hole linked to
/// later reports stays with the first one only, and the database refuses a
/// second link from then on; uploads from before (no token) can no longer
/// be claimed; receipts with codes in clear are dropped; an agency's old
/// internal notes are for that agency, a coordinator's for coordinators.
#[tokio::test]
async fn migration_0004_keeps_each_upload_on_its_first_report_and_gives_old_notes_an_audience() {
    use sqlx::Row;
    let dir = tempfile::tempdir().unwrap();
    let db = common::TestDb::new().await;
    let (pool, all) = migrated_before(4, dir.path(), &db).await;
    let exec = |sql: &'static str| {
        let pool = pool.clone();
        async move { sqlx::query(sql).execute(&pool).await.unwrap() }
    };
    let (first, second) = (insert_report(&pool, "100000000001").await, insert_report(&pool, "100000000002").await);
    let id = "c".repeat(64);
    sqlx::query(
        "INSERT INTO attachments (id, kind, mime, size, created_at, content_hash) \
         VALUES ($1, 'pdf', 'application/pdf', 10, 1, $2)",
    )
    .bind(&id)
    .bind("d".repeat(64))
    .execute(&pool)
    .await
    .unwrap();
    for report in [second, first] {
        sqlx::query("INSERT INTO report_attachments (report_id, attachment_id, position) VALUES ($1, $2, 0)")
            .bind(report)
            .bind(&id)
            .execute(&pool)
            .await
            .unwrap();
    }
    exec("INSERT INTO idempotency (key, receipt_json, created_at) VALUES ('k', '{\"access_code\":\"abc\"}', 1)").await;
    exec("INSERT INTO agencies (id, name, level) VALUES (41, 'Dinas A', 'kabupaten')").await;
    exec(
        "INSERT INTO users (id, username, password_hash, role, display_name, agency_id, created_at) VALUES \
         (51, 'dinas-a', 'x', 'agency_admin', 'Admin A', 41, 1), \
         (52, 'koord', 'x', 'coordinator', 'Koordinator', NULL, 1)",
    )
    .await;
    for (user, role, internal) in [(51, "agency", 1), (52, "coordinator", 1), (51, "agency", 0)] {
        sqlx::query(
            "INSERT INTO report_events (report_id, at, kind, status, actor_role, actor_user_id, actor_label, message, \
             internal) VALUES ($1, 1, 'note', 'dispatched', $2, $3, 'x', 'catatan', $4)",
        )
        .bind(first)
        .bind(role)
        .bind(user as i64)
        .bind(internal as i64)
        .execute(&pool)
        .await
        .unwrap();
    }

    all.run(&pool).await.unwrap();

    let links = sqlx::query("SELECT report_id FROM report_attachments").fetch_all(&pool).await.unwrap();
    let links: Vec<i64> = links.iter().map(|r| r.get("report_id")).collect();
    assert_eq!(links, [first], "the first report keeps the file, the later link is dropped");
    let again = sqlx::query("INSERT INTO report_attachments (report_id, attachment_id, position) VALUES ($1, $2, 0)")
        .bind(second)
        .bind(&id)
        .execute(&pool)
        .await;
    assert!(again.is_err(), "a second link is refused by the database");
    let row = sqlx::query("SELECT token_hash FROM attachments").fetch_one(&pool).await.unwrap();
    let token: Option<String> = row.get(0);
    assert_eq!(token, None, "an upload from before has no token, so no claim matches it");
    assert!(sqlx::query("SELECT key_hash FROM idempotency").fetch_all(&pool).await.unwrap().is_empty());
    let audiences = sqlx::query("SELECT actor_user_id, internal, audience_agency_id FROM report_events ORDER BY id")
        .fetch_all(&pool)
        .await
        .unwrap();
    let audiences: Vec<(i64, i64, Option<i64>)> =
        audiences.iter().map(|r| (r.get(0), r.get(1), r.get(2))).collect();
    assert_eq!(audiences, [(51, 1, Some(41)), (52, 1, None), (51, 0, None)]);
    pool.close().await;
}
