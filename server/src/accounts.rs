//! Secrets: password hashing (argon2id) and its concurrency bound, hashes of
//! access codes and session tokens, and account creation.

use domain::agencies::TeamRole;
use crate::db::Db;
use anyhow::{bail, Context};
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use domain::accounts::{Account, AgencyName, PasswordState};
use domain::api::{Me, Role};
use domain::audit::{AuditAction, AuditChange};
use std::sync::OnceLock;
use std::time::Duration;
use tokio::sync::Semaphore;

pub const PASSWORD_MIN: usize = 10;
pub use domain::accounts::USERNAME_MAX;

/// Argon2 runs at once in this process: each takes ≈19 MiB and a core, so a
/// burst of sign-ins must not start them without bound.
pub const HASH_PERMITS: usize = 4;
/// How long a request waits for a free permit before it is turned away.
pub const HASH_WAIT: Duration = Duration::from_secs(2);
static HASHES: Semaphore = Semaphore::const_new(HASH_PERMITS);

/// Runs a password job (`verify_password`, `dummy_verify`, `hash_password`)
/// for a request on the blocking pool, holding one of `HASH_PERMITS`;
/// `Ok(None)` when no permit frees within `HASH_WAIT`, so an overload is
/// answered "busy" instead of queueing without bound.
pub async fn bounded_hash<T: Send + 'static>(job: impl FnOnce() -> T + Send + 'static) -> anyhow::Result<Option<T>> {
    run_bounded(&HASHES, HASH_WAIT, job).await
}

/// The permit moves into the blocking job: when the request is dropped
/// (client gone), the hash still runs to its end and holds the permit until
/// then, so the bound counts every hash in progress.
async fn run_bounded<T: Send + 'static>(
    permits: &'static Semaphore,
    wait: Duration,
    job: impl FnOnce() -> T + Send + 'static,
) -> anyhow::Result<Option<T>> {
    let Ok(Ok(permit)) = tokio::time::timeout(wait, permits.acquire()).await else {
        return Ok(None);
    };
    let out = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        job()
    })
    .await
    .context("hashing")?;
    Ok(Some(out))
}

/// Hex SHA-256 of a secret (access codes, session tokens): what the
/// database keeps instead of the secret.
pub fn sha256_hex(s: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(s.as_bytes()))
}

pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// Spends the same effort as a real check, for unknown usernames.
pub fn dummy_verify(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let hash = DUMMY.get_or_init(|| hash_password("tidak-ada-pengguna-ini").unwrap_or_default());
    let _ = verify_password(password, hash);
}

/// A signed-in officer (the `AuthUser` extractor of `http::auth` reads it
/// from the session cookie and rejects with 401 JSON).
#[derive(Clone, Debug)]
pub struct AuthUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub agency_id: Option<i64>,
    pub agency_name: Option<String>,
    /// A regional officer's province or regency code (see `domain::jurisdiction`).
    pub jurisdiction: Option<String>,
    /// Signed in with a temporary password: only changing it is allowed.
    pub must_change_password: bool,
    /// An agency admin's place in the team.
    pub team_role: Option<TeamRole>,
    /// The agency's liaison approves its operators' follow-ups.
    pub agency_reviews: bool,
}

impl AuthUser {
    /// Whether this officer may see a report at all: never a practice report
    /// (only its session's presenter, under `/api/v1/admin/practice`); in a
    /// jurisdiction only its reports; an agency admin only those disposed to
    /// their agency now.
    pub fn may_see(&self, row: &crate::db::ReportRow) -> bool {
        if row.practice_session_id.is_some() {
            return false;
        }
        if let Some(area) = &self.jurisdiction {
            if !domain::jurisdiction::within(area, &row.regency_code) {
                return false;
            }
        }
        match self.role {
            Role::AgencyAdmin => self.agency_id.is_some() && row.agency_id == self.agency_id,
            _ => true,
        }
    }

    /// An operator whose follow-ups wait for the liaison's approval.
    pub fn drafts_only(&self) -> bool {
        self.role == Role::AgencyAdmin && self.agency_reviews && self.team_role == Some(TeamRole::Operator)
    }

    /// The liaison of an agency that approves its operators' follow-ups.
    pub fn approves(&self) -> bool {
        self.role == Role::AgencyAdmin && self.agency_reviews && self.team_role != Some(TeamRole::Operator)
    }

    pub fn from_row(u: crate::db::UserRow) -> anyhow::Result<AuthUser> {
        let role = Role::parse(&u.role).with_context(|| format!("unknown role {:?} of user {}", u.role, u.id))?;
        Ok(AuthUser {
            id: u.id,
            username: u.username,
            display_name: u.display_name,
            role,
            agency_id: u.agency_id,
            agency_name: u.agency_name,
            jurisdiction: u.jurisdiction,
            must_change_password: u.password_state != PasswordState::Set,
            team_role: u.team_role.as_deref().and_then(TeamRole::parse),
            agency_reviews: u.agency_reviews,
        })
    }

    /// This officer's entry on the audit log, on a report or none.
    pub fn audit(&self, action: AuditAction, report_id: Option<i64>, changes: Vec<AuditChange>) -> crate::db::NewAudit {
        crate::db::NewAudit {
            at: crate::now(),
            user_id: Some(self.id),
            username: self.username.clone(),
            role: Some(self.role),
            agency_id: self.agency_id,
            action,
            report_id,
            changes,
        }
    }

    pub fn me(&self, regions: &crate::regions::Regions) -> Me {
        Me {
            jurisdiction: self.jurisdiction.as_deref().and_then(|code| regions.get(code)),
            must_change_password: self.must_change_password,
            team_role: self.team_role,
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            role: self.role,
            agency_id: self.agency_id,
            agency_name: self.agency_name.clone(),
        }
    }
}

/// Whether `by` may manage an account of `role` whose agency lies in
/// `agency_region` (an agency's region code): a superadmin any account; a
/// coordinator agency admins only, of agencies in its jurisdiction (any
/// agency when national).
pub fn may_manage(by: &AuthUser, role: Role, agency_region: Option<&str>) -> bool {
    match by.role {
        Role::Superadmin => true,
        Role::Coordinator if role == Role::AgencyAdmin => match (&by.jurisdiction, agency_region) {
            (None, _) => true,
            (Some(area), Some(region)) => domain::jurisdiction::within(area, region),
            (Some(_), None) => false,
        },
        _ => false,
    }
}

/// A temporary password: 12 letters and digits without look-alikes (no
/// 0/O, 1/l/I), easy to read out over the phone.
pub fn temporary_password() -> String {
    use argon2::password_hash::rand_core::RngCore;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut bytes = [0u8; 12];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect()
}

/// An account as the administrators' list shows it.
pub fn account(regions: &crate::regions::Regions, u: &crate::db::UserRow) -> anyhow::Result<Account> {
    let role = Role::parse(&u.role).with_context(|| format!("unknown role {:?} of user {}", u.role, u.id))?;
    Ok(Account {
        id: u.id,
        username: u.username.clone(),
        display_name: u.display_name.clone(),
        role,
        agency: u.agency_id.zip(u.agency_name.clone()).map(|(id, name)| AgencyName { id, name }),
        team_role: u.team_role.as_deref().and_then(TeamRole::parse),
        jurisdiction: u.jurisdiction.as_deref().and_then(|c| regions.get(c)),
        active: u.active,
        must_change_password: u.password_state != PasswordState::Set,
        created_at: u.created_at,
    })
}

/// What `create-user` made.
#[derive(Debug)]
pub struct CreatedUser {
    pub id: i64,
    pub username: String,
    pub role: Role,
    pub display_name: String,
    pub agency_id: Option<i64>,
    pub jurisdiction: Option<String>,
}

/// What `create_user` is asked for (the password apart).
#[derive(Clone, Debug, Default)]
pub struct NewAccount<'a> {
    pub username: &'a str,
    pub role: &'a str,
    pub agency_id: Option<i64>,
    /// A province or regency code, for a regional coordinator or supervisor.
    pub jurisdiction: Option<&'a str>,
    pub display_name: Option<&'a str>,
}

/// Creates an admin account (the `create-user` subcommand).
pub async fn create_user(db: &Db, regions: &crate::regions::Regions, a: NewAccount<'_>, password: &str) -> anyhow::Result<CreatedUser> {
    let username = a.username.trim();
    if username.is_empty() || username.chars().count() > USERNAME_MAX || username.contains(char::is_whitespace) {
        bail!("the username must be 1–{USERNAME_MAX} characters without spaces");
    }
    let Some(role) = Role::parse(a.role) else {
        bail!("unknown role {:?}: use coordinator, agency_admin, supervisor or superadmin", a.role);
    };
    if password.chars().count() < PASSWORD_MIN {
        bail!("the password must have at least {PASSWORD_MIN} characters");
    }
    match (role, a.agency_id) {
        (Role::AgencyAdmin, None) => bail!("an agency_admin needs --agency-id"),
        (Role::AgencyAdmin, Some(id)) => {
            if db.agency(id).await?.is_none() {
                bail!("there is no agency with id {id}");
            }
        }
        (_, Some(_)) => bail!("only an agency_admin belongs to an agency"),
        (_, None) => {}
    }
    let jurisdiction = a.jurisdiction.map(str::trim).filter(|j| !j.is_empty());
    if let Some(code) = jurisdiction {
        if !matches!(role, Role::Coordinator | Role::Supervisor) {
            bail!("only a coordinator or a supervisor has a jurisdiction");
        }
        if !domain::jurisdiction::is_jurisdiction_code(code) || !regions.exists(code) {
            bail!("{code:?} is not a province or regency code (e.g. 61 or 61.03)");
        }
    }
    let display_name = a.display_name.map(str::trim).filter(|d| !d.is_empty()).unwrap_or(username).to_string();
    let pw = password.to_string();
    let hash = tokio::task::spawn_blocking(move || hash_password(&pw)).await.context("hashing")??;
    let new = crate::db::NewUser {
        username,
        password_hash: &hash,
        role: role.as_str(),
        display_name: &display_name,
        agency_id: a.agency_id,
        jurisdiction,
        temporary: false,
        team_role: a.agency_id.map(|_| TeamRole::Liaison.as_str()),
    };
    let id = db.insert_user(&new, crate::now()).await?.with_context(|| format!("the username {username:?} is taken"))?;
    Ok(CreatedUser {
        id,
        username: username.to_string(),
        role,
        display_name,
        agency_id: a.agency_id,
        jurisdiction: jurisdiction.map(str::to_string),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    /// A job that takes `ms` and records how many such jobs ran at once.
    fn job(ms: u64, running: Arc<AtomicUsize>, most: Arc<AtomicUsize>) -> impl FnOnce() + Send + 'static {
        move || {
            let now = running.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(now, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(ms));
            running.fetch_sub(1, Ordering::SeqCst);
        }
    }

    #[tokio::test]
    async fn no_more_hashes_run_at_once_than_there_are_permits() {
        static PERMITS: Semaphore = Semaphore::const_new(2);
        let (running, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let tasks: Vec<_> = (0..6)
            .map(|_| tokio::spawn(run_bounded(&PERMITS, Duration::from_secs(30), job(100, running.clone(), most.clone()))))
            .collect();
        for t in tasks {
            assert!(t.await.unwrap().unwrap().is_some(), "every job ran once a permit was free");
        }
        assert_eq!(most.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_request_waiting_too_long_is_turned_away_without_hashing() {
        static PERMITS: Semaphore = Semaphore::const_new(1);
        let _taken = PERMITS.acquire().await.unwrap();
        let (running, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let out = run_bounded(&PERMITS, Duration::from_millis(50), job(0, running, most.clone())).await.unwrap();
        assert!(out.is_none());
        assert_eq!(most.load(Ordering::SeqCst), 0, "the job never ran");
    }

    #[tokio::test]
    async fn a_dropped_request_keeps_its_permit_until_its_hash_ends() {
        static PERMITS: Semaphore = Semaphore::const_new(1);
        let (running, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let slow = run_bounded(&PERMITS, Duration::from_secs(1), job(300, running.clone(), most));
        assert!(tokio::time::timeout(Duration::from_millis(100), slow).await.is_err(), "dropped midway");
        assert_eq!(running.load(Ordering::SeqCst), 1, "the hash still runs");
        assert_eq!(PERMITS.available_permits(), 0, "and holds the permit");
        let _permit = tokio::time::timeout(Duration::from_secs(5), PERMITS.acquire()).await.unwrap().unwrap();
        assert_eq!(running.load(Ordering::SeqCst), 0, "freed only when it ended");
    }
}
