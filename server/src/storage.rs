//! Attachment storage behind an interface, so the files can live in a
//! directory every instance shares (or, later, in an object store).
//!
//! Files are named by the hex SHA-256 of their content; the same content is
//! stored once (attachment records, each under its own random id, keep the
//! hash: see server/src/db/attachments.rs). Writes go to a temporary file in
//! the final directory and are renamed into place, so another instance never
//! sees half a file.

use anyhow::Context;
use std::future::Future;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::pin::Pin;

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Content-addressed file storage. `id` is the content hash, always 64
/// lowercase hex digits (never an attachment's public id).
pub trait AttachmentStore: Send + Sync + 'static {
    /// Stores `bytes` under `id`, replacing the file if it is there already:
    /// a caller that has just recorded an attachment must not rely on an
    /// existing file, which a concurrent cleanup may be deleting.
    fn put<'a>(&'a self, id: &'a str, bytes: &'a [u8]) -> BoxFuture<'a, anyhow::Result<()>>;
    /// The stored bytes, `None` if there is no such file.
    fn get<'a>(&'a self, id: &'a str) -> BoxFuture<'a, anyhow::Result<Option<Vec<u8>>>>;
    /// Deletes the file; deleting a missing file is not an error.
    fn delete<'a>(&'a self, id: &'a str) -> BoxFuture<'a, anyhow::Result<()>>;
    fn exists<'a>(&'a self, id: &'a str) -> BoxFuture<'a, anyhow::Result<bool>>;
}

/// Whether `id` is 64 lowercase hex digits: how this store names files (a
/// hex SHA-256; guards paths), and also the shape of attachment ids.
pub fn is_valid_id(id: &str) -> bool {
    id.len() == 64 && id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Creates a directory (and its parents) that only this user may read,
/// and makes an existing one so: reports, accounts and citizens' files live
/// below it.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        builder.mode(0o700).create(dir)?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
    }
    #[cfg(not(unix))]
    builder.create(dir)
}

/// Makes an existing file readable by this user only (the SQLite database
/// and its journal files); a missing file is fine.
pub fn make_private(file: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        match std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600)) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            other => other,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        Ok(())
    }
}

/// Where a store rooted at `root` keeps the file `id` (a valid id:
/// `is_valid_id`): `root/ab/cd/abcd…`. A backup lays its copies out alike.
pub fn file_path(root: &Path, id: &str) -> PathBuf {
    root.join(&id[0..2]).join(&id[2..4]).join(id)
}

/// Files under `root/ab/cd/abcd…`.
#[derive(Clone, Debug)]
pub struct FsStore {
    root: PathBuf,
}

impl FsStore {
    /// Creates the root directory if needed, readable by this user only.
    pub fn open(root: impl Into<PathBuf>) -> anyhow::Result<FsStore> {
        let root = root.into();
        create_private_dir(&root).with_context(|| format!("creating the attachments directory {}", root.display()))?;
        Ok(FsStore { root })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The path of a file; an error for anything but a valid id.
    pub fn path(&self, id: &str) -> anyhow::Result<PathBuf> {
        anyhow::ensure!(is_valid_id(id), "not an attachment id: {id:?}");
        Ok(file_path(&self.root, id))
    }

    /// Deletes every stored file (for `--fresh`); leaves anything not named
    /// like a stored file alone.
    pub async fn clear(&self) -> anyhow::Result<usize> {
        let root = self.root.clone();
        tokio::task::spawn_blocking(move || {
            let mut n = 0;
            for a in read_dirs(&root)? {
                for b in read_dirs(&a)? {
                    for f in std::fs::read_dir(&b)? {
                        let f = f?.path();
                        if f.file_name().and_then(|n| n.to_str()).is_some_and(is_valid_id) {
                            std::fs::remove_file(&f)?;
                            n += 1;
                        }
                    }
                }
            }
            Ok(n)
        })
        .await?
    }
}

/// Where uploads are written while they arrive, and how many of their bytes
/// this process receives at once. A body goes to an unnamed temporary file
/// (`O_TMPFILE`: gone when closed, and when the process is killed) instead
/// of a growing buffer: forty 20 MB uploads arriving slowly once held about
/// 33 MB of memory each (1.66 GB). Not a tmpfs like `/tmp` may be: a file in
/// memory would be no better than the buffer.
#[derive(Debug)]
pub struct Incoming {
    dir: PathBuf,
    /// One permit per KiB being received.
    budget: tokio::sync::Semaphore,
    budget_kib: u32,
}

impl Incoming {
    /// Creates `dir` (private) for uploads being received, with `max_bytes`
    /// (at least 1 MiB) receivable at once.
    pub fn open(dir: impl Into<PathBuf>, max_bytes: u64) -> anyhow::Result<Incoming> {
        let dir = dir.into();
        create_private_dir(&dir).with_context(|| format!("creating the uploads directory {}", dir.display()))?;
        let budget_kib = u32::try_from((max_bytes / 1024).max(1024)).unwrap_or(u32::MAX >> 4);
        Ok(Incoming { dir, budget: tokio::sync::Semaphore::new(budget_kib as usize), budget_kib })
    }

    /// Reserves room for `bytes` about to be received, waiting up to `wait`
    /// for uploads in flight to finish; `None` when they did not. The room
    /// is given back when the permit is dropped. A body larger than the
    /// whole budget waits for all of it.
    pub async fn reserve(&self, bytes: u64, wait: std::time::Duration) -> Option<tokio::sync::SemaphorePermit<'_>> {
        let kib = u32::try_from(bytes.div_ceil(1024)).unwrap_or(u32::MAX).clamp(1, self.budget_kib);
        tokio::time::timeout(wait, self.budget.acquire_many(kib)).await.ok()?.ok()
    }

    /// A new temporary file for one upload (unnamed: removed when dropped).
    pub fn file(&self) -> std::io::Result<std::fs::File> {
        tempfile::tempfile_in(&self.dir)
    }
}

/// Sub-directories named by two hex digits.
fn read_dirs(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        let two_hex = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.len() == 2 && n.bytes().all(|b| b.is_ascii_hexdigit()));
        if two_hex && p.is_dir() {
            out.push(p);
        }
    }
    Ok(out)
}

fn temp_name(id: &str) -> String {
    use rand::Rng;
    format!(".{id}.{:016x}.tmp", rand::thread_rng().gen::<u64>())
}

impl AttachmentStore for FsStore {
    fn put<'a>(&'a self, id: &'a str, bytes: &'a [u8]) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move {
            let path = self.path(id)?;
            let dir = path.parent().context("attachment path has a parent")?.to_path_buf();
            let mut builder = tokio::fs::DirBuilder::new();
            builder.recursive(true);
            #[cfg(unix)]
            builder.mode(0o700);
            builder.create(&dir).await.with_context(|| format!("creating {}", dir.display()))?;
            // Same directory as the target, so the rename stays on one file system.
            let tmp = dir.join(temp_name(id));
            let written = async {
                use tokio::io::AsyncWriteExt;
                let mut options = tokio::fs::OpenOptions::new();
                options.write(true).create_new(true);
                #[cfg(unix)]
                options.mode(0o600);
                let mut f = options.open(&tmp).await?;
                f.write_all(bytes).await?;
                f.sync_all().await?;
                drop(f);
                // Replaces an existing file atomically (same content).
                tokio::fs::rename(&tmp, &path).await
            }
            .await;
            if let Err(e) = written {
                let _ = tokio::fs::remove_file(&tmp).await;
                return Err(e).with_context(|| format!("writing {}", path.display()));
            }
            Ok(())
        })
    }

    fn get<'a>(&'a self, id: &'a str) -> BoxFuture<'a, anyhow::Result<Option<Vec<u8>>>> {
        Box::pin(async move {
            let path = self.path(id)?;
            match tokio::fs::read(&path).await {
                Ok(bytes) => Ok(Some(bytes)),
                Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
                Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
            }
        })
    }

    fn delete<'a>(&'a self, id: &'a str) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move {
            let path = self.path(id)?;
            match tokio::fs::remove_file(&path).await {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
                Err(e) => Err(e).with_context(|| format!("deleting {}", path.display())),
            }
        })
    }

    fn exists<'a>(&'a self, id: &'a str) -> BoxFuture<'a, anyhow::Result<bool>> {
        Box::pin(async move {
            let path = self.path(id)?;
            tokio::fs::try_exists(&path).await.with_context(|| format!("checking {}", path.display()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    #[tokio::test]
    async fn files_fan_out_and_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let store = FsStore::open(dir.path().join("att")).unwrap();
        assert!(!store.exists(ID).await.unwrap());
        assert_eq!(store.get(ID).await.unwrap(), None);
        store.put(ID, b"test").await.unwrap();
        store.put(ID, b"test").await.unwrap();
        let path = dir.path().join("att/9f/86").join(ID);
        assert_eq!(std::fs::read(&path).unwrap(), b"test");
        assert_eq!(std::fs::read_dir(path.parent().unwrap()).unwrap().count(), 1, "no temp files left");
        assert_eq!(store.get(ID).await.unwrap().as_deref(), Some(&b"test"[..]));
        assert_eq!(store.clear().await.unwrap(), 1);
        store.delete(ID).await.unwrap();
        assert!(!store.exists(ID).await.unwrap());
    }

    #[test]
    fn ids_cannot_escape_the_root() {
        let store = FsStore { root: PathBuf::from("/x") };
        assert!(store.path("../../etc/passwd").is_err());
        assert!(store.path(&ID.to_uppercase()).is_err());
        assert!(store.path(&ID[..63]).is_err());
    }
}
