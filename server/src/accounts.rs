//! Secrets: password hashing (argon2id), hashes of access codes and
//! session tokens, and account creation.

use crate::db::Db;
use anyhow::{bail, Context};
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use domain::api::Role;
use std::sync::OnceLock;

pub const PASSWORD_MIN: usize = 10;

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

/// What `create-user` made.
#[derive(Debug)]
pub struct CreatedUser {
    pub id: i64,
    pub username: String,
    pub role: Role,
    pub display_name: String,
    pub agency_id: Option<i64>,
}

/// Creates an admin account (the `create-user` subcommand).
pub async fn create_user(
    db: &Db,
    username: &str,
    role: &str,
    agency_id: Option<i64>,
    display_name: Option<&str>,
    password: &str,
) -> anyhow::Result<CreatedUser> {
    let username = username.trim();
    if username.is_empty() || username.len() > 64 || username.contains(char::is_whitespace) {
        bail!("the username must be 1–64 characters without spaces");
    }
    let Some(role) = Role::parse(role) else {
        bail!("unknown role {role:?}: use coordinator, agency_admin, supervisor or superadmin");
    };
    if password.chars().count() < PASSWORD_MIN {
        bail!("the password must have at least {PASSWORD_MIN} characters");
    }
    match (role, agency_id) {
        (Role::AgencyAdmin, None) => bail!("an agency_admin needs --agency-id"),
        (Role::AgencyAdmin, Some(id)) => {
            if db.agency(id).await?.is_none() {
                bail!("there is no agency with id {id}");
            }
        }
        (_, Some(_)) => bail!("only an agency_admin belongs to an agency"),
        (_, None) => {}
    }
    let display_name = display_name.map(str::trim).filter(|d| !d.is_empty()).unwrap_or(username).to_string();
    let pw = password.to_string();
    let hash = tokio::task::spawn_blocking(move || hash_password(&pw)).await.context("hashing")??;
    let id = db
        .insert_user(username, &hash, role.as_str(), &display_name, agency_id, crate::now())
        .await?
        .with_context(|| format!("the username {username:?} is taken"))?;
    Ok(CreatedUser { id, username: username.to_string(), role, display_name, agency_id })
}
