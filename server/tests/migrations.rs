//! The SQLite and PostgreSQL migration sets are kept in step.

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

/// Attachments recorded before 0003 (id = content hash) get random ids,
/// their links follow, and the hash names the file.
#[tokio::test]
async fn migration_0003_gives_existing_attachments_random_ids() {
    use sqlx::Row;
    sqlx::any::install_default_drivers();
    let dir = tempfile::tempdir().unwrap();
    let db = common::TestDb::new().await;
    let (url, backend) = match &db.url {
        Some(url) => (url.clone(), "postgres"),
        None => (format!("sqlite://{}/m.db?mode=rwc", dir.path().display()), "sqlite"),
    };
    let pool = sqlx::AnyPool::connect(&url).await.unwrap();
    let all = sqlx::migrate::Migrator::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(backend))
        .await
        .unwrap();
    let mut before = sqlx::migrate::Migrator::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(backend))
        .await
        .unwrap();
    before.migrations = before.migrations.iter().filter(|m| m.version < 3).cloned().collect::<Vec<_>>().into();
    before.run(&pool).await.unwrap();

    let (h1, h2) = ("a".repeat(64), "b".repeat(64));
    for h in [&h1, &h2] {
        sqlx::query("INSERT INTO attachments (id, kind, mime, size, created_at) VALUES ($1, 'pdf', 'application/pdf', 10, 1)")
            .bind(h)
            .execute(&pool)
            .await
            .unwrap();
    }
    sqlx::query(
        "INSERT INTO reports (tracking_number, access_code_hash, kind, title, body, province_code, regency_code, \
         address, followup_class, anonymous, confidential, reporter_name, reporter_phone, reporter_email, status, \
         created_at, updated_at) VALUES ('100000000001', 'x', 'pengaduan', 't', 'b', '61', '61.09', '', 'biasa', 0, 0, \
         '', '', '', 'submitted', 1, 1)",
    )
    .execute(&pool)
    .await
    .unwrap();
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
