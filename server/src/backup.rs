//! Backup and restore, for operators: `lapor-server backup --to DIR` and
//! `lapor-server restore --from DIR [--force]`.
//!
//! A backup directory holds
//!
//! - the database: `lapor.db` (SQLite, written by `VACUUM INTO`) or
//!   `lapor.pgdump` (PostgreSQL, `pg_dump --format=custom`);
//! - `attachments/ab/cd/<sha256>`: the stored file of every attachment record
//!   in that database, laid out as in the attachments directory;
//! - `manifest.json`, written last (a directory without it is not a backup):
//!   the format, the backend, the time, the counts of the database, the
//!   SHA-256 and size of the database file and of every attachment file.
//!
//! **Consistency while the server runs.** The database is copied as one
//! snapshot: on SQLite `VACUUM INTO` is one read transaction, which in WAL
//! mode sees the database as of its start while writers go on; on PostgreSQL
//! the command opens a `REPEATABLE READ` transaction, exports its snapshot
//! and runs `pg_dump --snapshot` on it, and counts the manifest's rows and
//! lists the files in that same snapshot. The files are copied *after* the
//! snapshot, and only those its attachment records name: an upload records
//! itself and then writes its file, a report links only an upload whose file
//! is written, and a linked record and its file are never deleted (see
//! `db::attachments`), so every file a report in the snapshot uses is there
//! to copy. Only an upload no report used can lack its file: one still being
//! written, or one the 6-hour cleanup deleted meanwhile. Those records are
//! listed in the manifest (`uploads_without_file`) and removed by the restore,
//! as the cleanup would have removed them; the phone uploads such a file again.
//!
//! A restore copies and verifies the files first, then puts the database in
//! place, so a restored record never lacks its file; it refuses a target
//! that has reports or accounts unless `--force`.
//!
//! Statements here read the snapshot or a database no server uses, through
//! connections of their own, so they live here rather than in `db`.

use crate::config::Config;
use crate::db::{redact, Backend, Db};
use crate::storage::{create_private_dir, file_path, is_valid_id, make_private};
use anyhow::{bail, ensure, Context};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, Connection, Row};
use std::fmt;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The manifest's format; a restore refuses others.
pub const FORMAT: u32 = 1;
pub const MANIFEST: &str = "manifest.json";
pub const SQLITE_FILE: &str = "lapor.db";
pub const POSTGRES_FILE: &str = "lapor.pgdump";
pub const ATTACHMENTS: &str = "attachments";

/// `manifest.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    /// `sqlite` or `postgres`: a backup is restored into the same kind.
    pub backend: String,
    /// Unix seconds of the snapshot.
    pub created_at: i64,
    pub created_at_utc: String,
    pub server_version: String,
    pub database: FileEntry,
    pub counts: Counts,
    /// Every attachment file, under `attachments/ab/cd/<sha256>`.
    pub files: Vec<FileEntry>,
    /// Content hashes of uploads no report used whose file was not in the
    /// store when copied (still being written, or just cleaned up); the
    /// restore deletes these records.
    pub uploads_without_file: Vec<String>,
}

/// What the snapshot holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub reports: i64,
    pub events: i64,
    pub users: i64,
    /// Attachment records (uploads); identical content shares one file.
    pub attachments: i64,
    pub attachment_files: u64,
    pub attachment_bytes: u64,
}

/// A file of the backup: its name (the database's) or its content hash (an
/// attachment's, which is also its name), size and SHA-256.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub bytes: u64,
    pub sha256: String,
}

/// What `backup` did (its `Display` is the command's one-line summary).
#[derive(Clone, Debug)]
pub struct BackupDone {
    pub dir: PathBuf,
    pub manifest: Manifest,
    pub seconds: f64,
}

/// What `restore` did (its `Display` is the command's one-line summary).
#[derive(Clone, Debug)]
pub struct RestoreDone {
    pub from: PathBuf,
    pub database: String,
    pub attachments_dir: PathBuf,
    pub manifest: Manifest,
    /// Records of `uploads_without_file` deleted.
    pub uploads_removed: u64,
    pub seconds: f64,
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

impl fmt::Display for BackupDone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.manifest.counts;
        write!(
            f,
            "backup of the {} database written to {}: {} reports, {} events, {} accounts, {} attachments in {} files ({}), in {:.1} s",
            self.manifest.backend,
            self.dir.display(),
            c.reports,
            c.events,
            c.users,
            c.attachments,
            c.attachment_files,
            megabytes(c.attachment_bytes),
            self.seconds
        )
    }
}

impl fmt::Display for RestoreDone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.manifest.counts;
        write!(
            f,
            "restored {} (taken {}) into the {} database {} and {}: {} reports, {} events, {} accounts, {} files ({}) verified{}, in {:.1} s",
            self.from.display(),
            self.manifest.created_at_utc,
            self.manifest.backend,
            self.database,
            self.attachments_dir.display(),
            c.reports,
            c.events,
            c.users,
            c.attachment_files,
            megabytes(c.attachment_bytes),
            if self.uploads_removed > 0 {
                format!("; {} unused uploads without a file removed", self.uploads_removed)
            } else {
                String::new()
            },
            self.seconds
        )
    }
}

/// `2026-01-05T03:04:05Z`.
fn utc(unix: i64) -> String {
    let secs = unix.rem_euclid(86_400);
    format!("{}T{:02}:{:02}:{:02}Z", domain::Date::from_unix(unix, 0), secs / 3600, secs / 60 % 60, secs % 60)
}

/// The SQLite file of the configuration: the data dir's `lapor.db`, or the
/// file a `sqlite://` URL names.
pub fn sqlite_file(cfg: &Config) -> anyhow::Result<PathBuf> {
    if let Some(file) = cfg.embedded_db_file() {
        return Ok(file);
    }
    let url = cfg.database_url();
    ensure!(
        !url.contains(":memory:") && !url.contains("mode=memory"),
        "an in-memory SQLite database cannot be backed up or restored"
    );
    let opts: sqlx::sqlite::SqliteConnectOptions =
        url.parse().with_context(|| format!("reading the SQLite database URL {url}"))?;
    let file = opts.get_filename().to_path_buf();
    ensure!(!file.as_os_str().is_empty(), "the SQLite database URL {url} names no file");
    Ok(file)
}

fn sqlite_connect_options(file: &Path) -> sqlx::sqlite::SqliteConnectOptions {
    sqlx::sqlite::SqliteConnectOptions::new().filename(file)
}

/// A connection of its own (no pool, no migrations) to a SQLite file.
async fn connect_sqlite(file: &Path, read_only: bool) -> anyhow::Result<AnyConnection> {
    use sqlx::ConnectOptions;
    sqlx::any::install_default_drivers();
    let url = sqlite_connect_options(file).read_only(read_only).to_url_lossy();
    AnyConnection::connect(url.as_str()).await.with_context(|| format!("opening {}", file.display()))
}

async fn connect_url(url: &str) -> anyhow::Result<AnyConnection> {
    sqlx::any::install_default_drivers();
    AnyConnection::connect(url).await.with_context(|| format!("connecting to the database {}", redact(url)))
}

async fn count(conn: &mut AnyConnection, table: &str) -> anyhow::Result<i64> {
    let sql = format!("SELECT CAST(COUNT(*) AS BIGINT) AS n FROM {table}");
    Ok(sqlx::query(&sql).fetch_one(&mut *conn).await.with_context(|| format!("counting {table}"))?.try_get("n")?)
}

/// What the manifest needs from a snapshot: counts, and each content hash
/// with whether a report uses it.
struct Snapshot {
    counts: Counts,
    hashes: Vec<(String, bool)>,
}

async fn read_snapshot(conn: &mut AnyConnection) -> anyhow::Result<Snapshot> {
    let counts = Counts {
        reports: count(conn, "reports").await?,
        events: count(conn, "report_events").await?,
        users: count(conn, "users").await?,
        attachments: count(conn, "attachments").await?,
        ..Counts::default()
    };
    let rows = sqlx::query(
        "SELECT a.content_hash AS h, CAST(MAX(CASE WHEN EXISTS \
         (SELECT 1 FROM report_attachments ra WHERE ra.attachment_id = a.id) THEN 1 ELSE 0 END) AS BIGINT) AS linked \
         FROM attachments a GROUP BY a.content_hash ORDER BY a.content_hash",
    )
    .fetch_all(&mut *conn)
    .await
    .context("listing the attachment files")?;
    let mut hashes = Vec::with_capacity(rows.len());
    for r in rows {
        let h: String = r.try_get("h")?;
        let linked: i64 = r.try_get("linked")?;
        ensure!(is_valid_id(&h), "an attachment record names no valid file: {h:?}");
        hashes.push((h, linked != 0));
    }
    Ok(Snapshot { counts, hashes })
}

/// Creates `dir` (0700), refusing one that exists with anything in it.
fn prepare_empty_dir(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() {
        ensure!(dir.is_dir(), "{} exists and is not a directory", dir.display());
        let mut entries = std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
        ensure!(
            entries.next().is_none(),
            "{} is not empty: back up into a new or empty directory",
            dir.display()
        );
    }
    create_private_dir(dir).with_context(|| format!("creating {}", dir.display()))
}

/// Reads `src` to its end, handing each chunk to `each`; its size and SHA-256.
fn read_hashed(src: &Path, mut each: impl FnMut(&[u8]) -> anyhow::Result<()>) -> anyhow::Result<(u64, String)> {
    let mut input = std::fs::File::open(src).with_context(|| format!("opening {}", src.display()))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    let mut total = 0u64;
    loop {
        let n = input.read(&mut buf).with_context(|| format!("reading {}", src.display()))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        each(&buf[..n])?;
        total += n as u64;
    }
    Ok((total, hex::encode(hasher.finalize())))
}

fn hash_file(path: &Path) -> anyhow::Result<(u64, String)> {
    read_hashed(path, |_| Ok(()))
}

/// Streams `src` to `dst` (through a temporary name in its directory, 0600,
/// synced, then renamed), returning its size and SHA-256.
fn copy_hashed(src: &Path, dst: &Path) -> anyhow::Result<(u64, String)> {
    let dir = dst.parent().context("a file's directory")?;
    create_private_dir(dir).with_context(|| format!("creating {}", dir.display()))?;
    let tmp = dir.join(format!(
        ".{}.{:016x}.tmp",
        dst.file_name().and_then(|n| n.to_str()).unwrap_or("file"),
        rand::random::<u64>()
    ));
    let written = (|| -> anyhow::Result<(u64, String)> {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut out = options.open(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
        let done = read_hashed(src, |chunk| out.write_all(chunk).with_context(|| format!("writing {}", tmp.display())))?;
        out.sync_all().with_context(|| format!("writing {}", tmp.display()))?;
        Ok(done)
    })();
    let done = written.and_then(|r| {
        std::fs::rename(&tmp, dst).with_context(|| format!("renaming {} to {}", tmp.display(), dst.display()))?;
        Ok(r)
    });
    if done.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    done
}

/// A PostgreSQL client program: the newest under `/usr/lib/postgresql/*/bin`
/// (Debian), else the first on `PATH`.
fn pg_tool(name: &str) -> anyhow::Result<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let v: u32 = e.file_name().to_str()?.parse().ok()?;
            let p = e.path().join("bin").join(name);
            p.is_file().then_some((v, p))
        })
        .collect();
    versions.sort();
    if let Some((_, p)) = versions.pop() {
        return Ok(p);
    }
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Ok(p);
            }
        }
    }
    bail!(
        "{name} was not found on PATH or under /usr/lib/postgresql/*/bin: install PostgreSQL's client programs \
         (Debian: apt-get install postgresql-client), of the server's major version or newer"
    )
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The URL without its password, and the password: the client programs get
/// it through `PGPASSWORD`, so it never shows in the process list.
fn split_password(url: &str) -> (String, Option<String>) {
    let Some(s) = url.find("://") else { return (url.to_string(), None) };
    let rest = &url[s + 3..];
    let authority = &rest[..rest.find(['/', '?']).unwrap_or(rest.len())];
    let Some(at) = authority.rfind('@') else { return (url.to_string(), None) };
    let Some(colon) = authority[..at].find(':') else { return (url.to_string(), None) };
    let user = &authority[..colon];
    let password = percent_decode(&authority[colon + 1..at]);
    (format!("{}{}@{}", &url[..s + 3], user, &rest[at + 1..]), Some(password))
}

/// Runs a PostgreSQL client program on `url`; its error output in the error.
fn run_pg_tool(name: &str, args: &[String], url: &str) -> anyhow::Result<()> {
    let program = pg_tool(name)?;
    let (url, password) = split_password(url);
    let mut cmd = std::process::Command::new(&program);
    cmd.args(args).arg(format!("--dbname={url}"));
    if let Some(p) = password {
        cmd.env("PGPASSWORD", p);
    }
    let out = cmd.output().with_context(|| format!("running {}", program.display()))?;
    if !out.status.success() {
        bail!(
            "{} failed ({}): {}",
            program.display(),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(())
}

/// `lapor-server backup --to DIR`: a consistent copy of the database and
/// the attachment files it names, while the server runs (see the module).
pub async fn backup(cfg: &Config, to: &Path) -> anyhow::Result<BackupDone> {
    let started = Instant::now();
    let url = cfg.database_url();
    let backend = Backend::from_url(&url)?;
    if backend == Backend::Sqlite {
        let file = sqlite_file(cfg)?;
        ensure!(
            file.is_file(),
            "there is no database at {}: check --data-dir (LAPOR_DATA_DIR) or --database-url (DATABASE_URL)",
            file.display()
        );
    }
    prepare_empty_dir(to)?;
    let to = to.canonicalize().with_context(|| format!("resolving {}", to.display()))?;
    // Migrations only (as any server start): no seeding, no `--fresh`.
    let db = Db::connect(&url).await?;
    let created_at = crate::now();
    let (db_file, snapshot) = match backend {
        Backend::Sqlite => {
            let file = to.join(SQLITE_FILE);
            let path = file.to_str().context("the backup directory's path is not UTF-8")?;
            sqlx::query("VACUUM INTO $1")
                .bind(path)
                .execute(db.pool())
                .await
                .with_context(|| format!("writing the database snapshot to {}", file.display()))?;
            make_private(&file)?;
            let mut conn = connect_sqlite(&file, true).await?;
            let snapshot = read_snapshot(&mut conn).await?;
            conn.close().await.ok();
            (file, snapshot)
        }
        Backend::Postgres => {
            let file = to.join(POSTGRES_FILE);
            let mut tx = db
                .pool()
                .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .await
                .context("starting the snapshot transaction")?;
            let id: String = sqlx::query("SELECT pg_export_snapshot() AS s")
                .fetch_one(&mut *tx)
                .await
                .context("exporting the snapshot")?
                .try_get("s")?;
            let args = vec![
                "--format=custom".to_string(),
                format!("--snapshot={id}"),
                format!("--file={}", file.display()),
            ];
            let dump_url = url.clone();
            // The transaction stays open (its snapshot alive) while pg_dump runs.
            tokio::task::spawn_blocking(move || run_pg_tool("pg_dump", &args, &dump_url)).await??;
            make_private(&file)?;
            let snapshot = read_snapshot(&mut tx).await?;
            tx.rollback().await.ok();
            (file, snapshot)
        }
    };
    db.pool().close().await;

    // The files, after the snapshot: each one its records name.
    let store = cfg.attachments_dir();
    let dest = to.join(ATTACHMENTS);
    let hashes = snapshot.hashes;
    let db_file_copy = db_file.clone();
    let (files, without_file, database) = tokio::task::spawn_blocking(move || -> anyhow::Result<_> {
        create_private_dir(&dest).with_context(|| format!("creating {}", dest.display()))?;
        let mut files = Vec::new();
        let mut without_file = Vec::new();
        let mut damaged = Vec::new();
        for (hash, linked) in hashes {
            let src = file_path(&store, &hash);
            if !src.is_file() {
                if linked {
                    damaged.push(format!("{} is missing", src.display()));
                } else {
                    without_file.push(hash);
                }
                continue;
            }
            let (bytes, sha256) = copy_hashed(&src, &file_path(&dest, &hash))?;
            if sha256 != hash {
                damaged.push(format!("{} does not hold the content its name says (SHA-256 {sha256})", src.display()));
                continue;
            }
            files.push(FileEntry { file: None, bytes, sha256 });
        }
        if !damaged.is_empty() {
            bail!(
                "the attachments directory {} is damaged ({} files), no backup was completed: {}",
                store.display(),
                damaged.len(),
                damaged.iter().take(5).cloned().collect::<Vec<_>>().join("; ")
            );
        }
        let (bytes, sha256) = hash_file(&db_file_copy)?;
        let name = db_file_copy.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        Ok((files, without_file, FileEntry { file: Some(name), bytes, sha256 }))
    })
    .await??;

    let mut counts = snapshot.counts;
    counts.attachment_files = files.len() as u64;
    counts.attachment_bytes = files.iter().map(|f| f.bytes).sum();
    let manifest = Manifest {
        format: FORMAT,
        backend: backend.name().into(),
        created_at,
        created_at_utc: utc(created_at),
        server_version: env!("CARGO_PKG_VERSION").into(),
        database,
        counts,
        files,
        uploads_without_file: without_file,
    };
    // Written last, through a temporary name: its presence marks a complete backup.
    let tmp = to.join(".manifest.json.tmp");
    std::fs::write(&tmp, serde_json::to_vec_pretty(&manifest)?).with_context(|| format!("writing {}", tmp.display()))?;
    make_private(&tmp)?;
    std::fs::File::open(&tmp).and_then(|f| f.sync_all()).ok();
    std::fs::rename(&tmp, to.join(MANIFEST)).context("writing manifest.json")?;
    Ok(BackupDone { dir: to, manifest, seconds: started.elapsed().as_secs_f64() })
}

/// Reads and checks a backup's manifest.
pub fn read_manifest(dir: &Path) -> anyhow::Result<Manifest> {
    let path = dir.join(MANIFEST);
    let text = match std::fs::read(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
            "{} has no {MANIFEST}: not a complete backup (the manifest is written last)",
            dir.display()
        ),
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    let manifest: Manifest = serde_json::from_slice(&text).with_context(|| format!("reading {}", path.display()))?;
    ensure!(
        manifest.format == FORMAT,
        "{} is backup format {}; this server reads format {FORMAT}",
        path.display(),
        manifest.format
    );
    for f in &manifest.files {
        ensure!(is_valid_id(&f.sha256), "{} names a file that is no SHA-256: {:?}", path.display(), f.sha256);
    }
    Ok(manifest)
}

/// Reports and accounts in a database, `None` when it has no LAPOR tables.
async fn target_contents(conn: &mut AnyConnection, backend: Backend) -> anyhow::Result<Option<(i64, i64)>> {
    let sql = match backend {
        Backend::Sqlite => "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM sqlite_master WHERE type = 'table' AND name = 'reports'",
        Backend::Postgres => {
            "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_name = 'reports'"
        }
    };
    let n: i64 = sqlx::query(sql).fetch_one(&mut *conn).await?.try_get("n")?;
    if n == 0 {
        return Ok(None);
    }
    Ok(Some((count(conn, "reports").await?, count(conn, "users").await?)))
}

fn refuse_unless_empty(contents: Option<(i64, i64)>, what: &str, force: bool) -> anyhow::Result<()> {
    if let Some((reports, users)) = contents {
        if (reports > 0 || users > 0) && !force {
            bail!(
                "the database {what} is not empty ({reports} reports, {users} accounts): restore only into an empty \
                 database, or add --force to replace everything in it"
            );
        }
    }
    Ok(())
}

/// `lapor-server restore --from DIR [--force]`: the backup into the
/// configured database and attachments directory. The server must not be
/// running on them.
pub async fn restore(cfg: &Config, from: &Path, force: bool) -> anyhow::Result<RestoreDone> {
    let started = Instant::now();
    ensure!(
        !cfg.fresh,
        "--fresh (LAPOR_FRESH) is set: the server would delete the restored data when it starts; unset it"
    );
    let manifest = read_manifest(from)?;
    let url = cfg.database_url();
    let backend = Backend::from_url(&url)?;
    ensure!(
        manifest.backend == backend.name(),
        "{} is a backup of a {} database and the configured database is {}: restore it into the same kind",
        from.display(),
        manifest.backend,
        backend.name()
    );
    let db_name = match backend {
        Backend::Sqlite => SQLITE_FILE,
        Backend::Postgres => POSTGRES_FILE,
    };
    let backup_db = from.join(db_name);
    let expected = manifest.database.clone();
    let check = backup_db.clone();
    let (bytes, sha256) = tokio::task::spawn_blocking(move || hash_file(&check)).await??;
    ensure!(
        bytes == expected.bytes && sha256 == expected.sha256,
        "{} does not match the manifest (SHA-256 {sha256}, {bytes} bytes; the manifest says {}, {} bytes): the backup is damaged",
        backup_db.display(),
        expected.sha256,
        expected.bytes
    );

    // The target must be empty (or --force), and on SQLite not in use.
    let (database, sqlite_target) = match backend {
        Backend::Sqlite => {
            let file = sqlite_file(cfg)?;
            if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
                create_private_dir(dir).with_context(|| format!("creating {}", dir.display()))?;
            }
            if file.exists() {
                let mut conn = connect_sqlite(&file, false).await?;
                // An exclusive lock, refused while another process has the
                // database open (a running server's connections).
                let locked = async {
                    sqlx::query("PRAGMA busy_timeout = 500").execute(&mut conn).await?;
                    sqlx::query("PRAGMA locking_mode = EXCLUSIVE").execute(&mut conn).await?;
                    sqlx::query("BEGIN EXCLUSIVE").execute(&mut conn).await?;
                    sqlx::query("COMMIT").execute(&mut conn).await
                }
                .await;
                if let Err(e) = locked {
                    bail!(
                        "the database {} is in use ({e}): stop the LAPOR server before restoring",
                        file.display()
                    );
                }
                let contents = target_contents(&mut conn, backend).await?;
                conn.close().await.ok();
                refuse_unless_empty(contents, &file.display().to_string(), force)?;
            }
            (file.display().to_string(), Some(file))
        }
        Backend::Postgres => {
            let mut conn = connect_url(&url).await?;
            let contents = target_contents(&mut conn, backend).await?;
            conn.close().await.ok();
            refuse_unless_empty(contents, &redact(&url), force)?;
            (redact(&url), None)
        }
    };

    // The files first, each verified: the records that name them come after.
    let store = cfg.attachments_dir();
    let src = from.join(ATTACHMENTS);
    let files = manifest.files.clone();
    let store_copy = store.clone();
    tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
        create_private_dir(&store_copy).with_context(|| format!("creating {}", store_copy.display()))?;
        for f in files {
            let dst = file_path(&store_copy, &f.sha256);
            let (bytes, sha256) = copy_hashed(&file_path(&src, &f.sha256), &dst)?;
            if sha256 != f.sha256 || bytes != f.bytes {
                let _ = std::fs::remove_file(&dst);
                bail!(
                    "{} does not match the manifest (SHA-256 {sha256}, {bytes} bytes): the backup is damaged; \
                     the database was not restored",
                    file_path(&src, &f.sha256).display()
                );
            }
        }
        Ok(())
    })
    .await??;

    // Then the database.
    match &sqlite_target {
        Some(file) => {
            let (src, file) = (backup_db.clone(), file.clone());
            tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
                let dir = file.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
                let tmp = dir.join(format!(".lapor-restore.{:016x}.tmp", rand::random::<u64>()));
                let (bytes, sha256) = copy_hashed(&src, &tmp)?;
                ensure!(sha256 == expected.sha256 && bytes == expected.bytes, "{} changed while restoring", src.display());
                // A journal left by the old database must not be applied to this one.
                for suffix in ["-wal", "-shm", "-journal"] {
                    let j = PathBuf::from(format!("{}{suffix}", file.display()));
                    match std::fs::remove_file(&j) {
                        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                            let _ = std::fs::remove_file(&tmp);
                            return Err(e).with_context(|| format!("removing {}", j.display()));
                        }
                        _ => {}
                    }
                }
                std::fs::rename(&tmp, &file).with_context(|| format!("moving the database into {}", file.display()))?;
                make_private(&file)?;
                Ok(())
            })
            .await??;
        }
        None => {
            // Into one transaction; objects of the dump already there (a
            // schema a server start created) are dropped first.
            let args = vec![
                "--no-owner".to_string(),
                "--no-acl".to_string(),
                "--clean".to_string(),
                "--if-exists".to_string(),
                "--single-transaction".to_string(),
                "--exit-on-error".to_string(),
                backup_db.display().to_string(),
            ];
            let restore_url = url.clone();
            tokio::task::spawn_blocking(move || run_pg_tool("pg_restore", &args, &restore_url)).await??;
        }
    }

    // Drop the uploads the backup had no file for, then check the counts.
    let mut conn = match &sqlite_target {
        Some(file) => connect_sqlite(file, false).await?,
        None => connect_url(&url).await?,
    };
    let mut uploads_removed = 0;
    for hash in &manifest.uploads_without_file {
        uploads_removed += sqlx::query(
            "DELETE FROM attachments WHERE content_hash = $1 \
             AND NOT EXISTS (SELECT 1 FROM report_attachments ra WHERE ra.attachment_id = attachments.id)",
        )
        .bind(hash)
        .execute(&mut conn)
        .await
        .context("removing uploads without a file")?
        .rows_affected();
    }
    let restored = read_snapshot(&mut conn).await?;
    conn.close().await.ok();
    let c = manifest.counts;
    let got = restored.counts;
    let want = (c.reports, c.events, c.users, c.attachments - uploads_removed as i64);
    let have = (got.reports, got.events, got.users, got.attachments);
    ensure!(
        want == have,
        "the restored database holds (reports, events, accounts, attachments) = {have:?}, the manifest says {want:?}"
    );
    let listed: std::collections::HashSet<&str> = manifest.files.iter().map(|f| f.sha256.as_str()).collect();
    let unlisted: Vec<&String> = restored.hashes.iter().map(|(h, _)| h).filter(|h| !listed.contains(h.as_str())).collect();
    ensure!(unlisted.is_empty(), "the restored database names files the backup does not hold: {unlisted:?}");
    Ok(RestoreDone {
        from: from.to_path_buf(),
        database,
        attachments_dir: store,
        manifest,
        uploads_removed,
        seconds: started.elapsed().as_secs_f64(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_stay_off_the_command_line() {
        assert_eq!(
            split_password("postgres://lapor:s%40cret@db:5432/lapor?sslmode=require"),
            ("postgres://lapor@db:5432/lapor?sslmode=require".to_string(), Some("s@cret".to_string()))
        );
        assert_eq!(split_password("postgres://lapor@db/lapor"), ("postgres://lapor@db/lapor".to_string(), None));
        assert_eq!(split_password("postgres://db/lapor"), ("postgres://db/lapor".to_string(), None));
    }

    #[test]
    fn the_sqlite_file_comes_from_the_data_dir_or_the_url() {
        let mut cfg = Config::with_data_dir("/srv/lapor");
        assert_eq!(sqlite_file(&cfg).unwrap(), PathBuf::from("/srv/lapor/lapor.db"));
        cfg.database_url = Some("sqlite:///var/lib/lapor/main.db?mode=rwc".into());
        assert_eq!(sqlite_file(&cfg).unwrap(), PathBuf::from("/var/lib/lapor/main.db"));
        cfg.database_url = Some("sqlite::memory:".into());
        assert!(sqlite_file(&cfg).is_err());
    }

    #[test]
    fn times_are_utc() {
        assert_eq!(utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc(1_767_582_245), "2026-01-05T03:04:05Z");
    }
}
