//! Idempotent submissions without keeping anyone's access code.
//!
//! A client sends each report with a long random key and may send it again
//! (lost answers, offline retries); the second time it must get the same
//! receipt, access code included, although the server keeps only a hash of
//! every access code. So the stored receipt holds the code sealed with a pad
//! derived from the idempotency key, which only the client knows, and the key
//! itself is stored as a hash: the database alone opens no receipt. A key is
//! bound to a hash of the body it first came with, so a replay of the key
//! with another body gets no receipt.

use anyhow::Context;
use domain::api::{NewReport, SubmitReceipt};
use domain::Status;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

/// What the database keeps instead of the key.
pub fn key_hash(key: &str) -> String {
    hex::encode(sha256(&[b"lapor/idempotency/key\0", key.as_bytes()]))
}

/// The hash of a request body, without its key and its attachment claims:
/// the same report sent again has the same hash, also when its files were
/// uploaded again meanwhile (two tabs sending one outbox item, or a retry
/// after the first answer was lost); the attachments of the first send are
/// the report's.
pub fn body_hash(report: &NewReport) -> anyhow::Result<String> {
    let mut unkeyed = report.clone();
    unkeyed.idempotency_key = None;
    unkeyed.attachments.clear();
    let json = serde_json::to_vec(&unkeyed).context("serializing a report")?;
    Ok(hex::encode(sha256(&[b"lapor/idempotency/body\0", &json])))
}

/// The hash of an officer's entry of a report from another channel, as
/// `body_hash` (another domain: never equal to a citizen's report's hash).
pub fn intake_hash(intake: &domain::intake::IntakeReport) -> anyhow::Result<String> {
    let mut unkeyed = intake.clone();
    unkeyed.report.idempotency_key = None;
    unkeyed.report.attachments.clear();
    let json = serde_json::to_vec(&unkeyed).context("serializing an entered report")?;
    Ok(hex::encode(sha256(&[b"lapor/idempotency/intake\0", &json])))
}

/// A one-time pad for the one access code sealed under this key.
fn pad(key: &str) -> [u8; 32] {
    sha256(&[b"lapor/idempotency/seal\0", key.as_bytes()])
}

fn xor_with_pad(key: &str, bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let pad = pad(key);
    anyhow::ensure!(bytes.len() <= pad.len(), "an access code longer than the pad");
    Ok(bytes.iter().zip(pad).map(|(b, p)| b ^ p).collect())
}

/// A receipt as stored: everything but the access code in clear.
#[derive(Debug, Serialize, Deserialize)]
struct StoredReceipt {
    tracking_number: String,
    /// The access code XOR the key's pad, in hex.
    sealed_code: String,
    status: Status,
    created_at: i64,
    due_date: Option<String>,
}

/// The receipt as the database keeps it (JSON, code sealed under `key`).
pub fn seal(receipt: &SubmitReceipt, key: &str) -> anyhow::Result<String> {
    let stored = StoredReceipt {
        tracking_number: receipt.tracking_number.clone(),
        sealed_code: hex::encode(xor_with_pad(key, receipt.access_code.as_bytes())?),
        status: receipt.status,
        created_at: receipt.created_at,
        due_date: receipt.due_date.clone(),
    };
    Ok(serde_json::to_string(&stored)?)
}

/// The receipt again, for the client holding `key`.
pub fn open(stored: &str, key: &str) -> anyhow::Result<SubmitReceipt> {
    let s: StoredReceipt = serde_json::from_str(stored).context("reading a stored receipt")?;
    let code = xor_with_pad(key, &hex::decode(&s.sealed_code).context("a sealed code")?)?;
    Ok(SubmitReceipt {
        tracking_number: s.tracking_number,
        access_code: String::from_utf8(code).context("a sealed code")?,
        status: s.status,
        created_at: s.created_at,
        due_date: s.due_date,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn receipt() -> SubmitReceipt {
        SubmitReceipt {
            tracking_number: "816912789498".into(),
            access_code: "y3n4uvw7su".into(),
            status: Status::Submitted,
            created_at: 1_790_000_000,
            due_date: Some("2026-11-26".into()),
        }
    }

    #[test]
    fn a_sealed_receipt_holds_no_code_and_opens_only_with_its_key() {
        let key = "0f8c2b9e4d7a41c3b2e1f0a9d8c7b6a5";
        let stored = seal(&receipt(), key).unwrap();
        assert!(!stored.contains("y3n4uvw7su"), "{stored}");
        assert_eq!(open(&stored, key).unwrap(), receipt());
        let other = open(&stored, "1f8c2b9e4d7a41c3b2e1f0a9d8c7b6a5").map(|r| r.access_code);
        assert_ne!(other.ok().as_deref(), Some("y3n4uvw7su"));
    }

    #[test]
    fn the_key_is_stored_hashed_and_the_body_hash_ignores_the_key() {
        let key = "0f8c2b9e4d7a41c3b2e1f0a9d8c7b6a5";
        assert!(!key_hash(key).contains(key));
        let mut a = NewReport { title: "Jalan rusak".into(), idempotency_key: Some(key.into()), ..Default::default() };
        let h = body_hash(&a).unwrap();
        a.idempotency_key = None;
        assert_eq!(body_hash(&a).unwrap(), h);
        a.attachments = vec![domain::api::AttachmentClaim { id: "a".repeat(64), token: "b".repeat(64) }];
        assert_eq!(body_hash(&a).unwrap(), h, "uploaded again, the same report");
        a.title.push('!');
        assert_ne!(body_hash(&a).unwrap(), h);
    }
}
