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
