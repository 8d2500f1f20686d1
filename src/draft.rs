//! The report being written, kept in the browser until the server has it:
//! text in localStorage (saved on every change), attachments as Blobs in
//! IndexedDB (saved when added).

use crate::browser::idb;
use crate::state::storage;
use domain::api::{NewReport, ReportKind};
use domain::attachments::AttachmentKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const DRAFT_KEY: &str = "lapor.draft";
/// A practice report's draft lives apart: a citizen's real draft is never
/// touched by a socialization event's practice.
const PRACTICE_DRAFT_KEY: &str = "lapor.practice_draft";

/// The join code when this page is a socialization session's practice form
/// (`/latihan/{code}`).
pub fn practice_code() -> Option<String> {
    let path = web_sys::window()?.location().pathname().ok()?;
    domain::practice::code_of_path(&path)
}

/// The storage key of this page's draft (`real`: the citizen's own, or the
/// practice one).
pub fn key_for(real: &'static str, practice: &'static str) -> &'static str {
    if practice_code().is_some() {
        practice
    } else {
        real
    }
}

fn draft_key() -> &'static str {
    key_for(DRAFT_KEY, PRACTICE_DRAFT_KEY)
}

/// An attachment kept in this browser (its Blob is in IndexedDB under `id`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LocalFile {
    pub id: String,
    pub name: String,
    pub kind: AttachmentKind,
    pub mime: String,
    /// Bytes to send (after downscaling, for photos).
    pub size: u64,
    /// Bytes the person picked.
    pub original_size: u64,
}

/// The report being written: the one copy of what the person typed. The
/// form binds its fields (a store), browser storage keeps it, the outbox
/// holds it, and the API request is derived from it (`report`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, reactive_stores::Store)]
#[serde(default)]
pub struct Draft {
    pub step: usize,
    pub kind: ReportKind,
    pub title: String,
    pub body: String,
    pub incident_date: String,
    pub province: String,
    pub regency: String,
    pub district: String,
    pub village: String,
    /// Names of the chosen region codes, as shown when they were picked.
    pub region_names: BTreeMap<String, String>,
    pub address: String,
    pub category: String,
    pub agency: String,
    pub anonymous: bool,
    pub confidential: bool,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub consent: bool,
    pub files: Vec<LocalFile>,
    /// The idempotency key this report will be sent with.
    pub key: String,
    /// A practice report: its socialization session's join code.
    pub practice: String,
}

impl Draft {
    /// The report as the API takes it, derived from the draft (the one copy
    /// of what the person typed). `target_agency_id` is the typed agency
    /// resolved against the agency list; attachments are added by the outbox.
    pub fn report(&self, target_agency_id: Option<i64>) -> NewReport {
        let opt = |s: &str| Some(s.to_string()).filter(|v| !v.is_empty());
        NewReport {
            kind: self.kind,
            title: self.title.trim().to_string(),
            body: self.body.trim().to_string(),
            incident_date: opt(&self.incident_date),
            province_code: self.province.clone(),
            regency_code: self.regency.clone(),
            district_code: opt(&self.district),
            village_code: opt(&self.village),
            address: self.address.trim().to_string(),
            category_id: self.category.parse().ok(),
            target_agency_id,
            anonymous: self.anonymous,
            confidential: self.confidential,
            reporter_name: self.name.trim().to_string(),
            reporter_phone: self.phone.trim().to_string(),
            reporter_email: self.email.trim().to_string(),
            attachments: Vec::new(),
            idempotency_key: Some(self.key.clone()),
            practice_code: opt(&self.practice),
        }
    }

    pub fn is_empty(&self) -> bool {
        let blank =
            Draft { key: self.key.clone(), step: self.step, kind: self.kind, practice: self.practice.clone(), ..Draft::default() };
        *self == blank
    }
}

pub fn load() -> Option<Draft> {
    storage::get_json(draft_key())
}

pub fn save(d: &Draft) {
    storage::set_json(draft_key(), d);
}

pub fn clear() {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.remove_item(draft_key());
    }
}

/// Removes the Blobs of files no longer needed.
pub async fn delete_files(files: &[LocalFile]) {
    for f in files {
        let _ = idb::delete(idb::FILES, &f.id).await;
    }
}

/// A random id for idempotency keys and file names: 128 bits from
/// `crypto.getRandomValues` as 32 hex digits. (`crypto.randomUUID` exists
/// only in secure contexts, and a socialization event serves the app over
/// plain http on a LAN address.)
pub fn new_id() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        // No Web Crypto at all (very old browsers): Math.random is weak, but
        // an idempotency key only has to be unlikely to repeat on one device.
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
