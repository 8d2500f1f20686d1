//! The offline outbox. Every report is sent through it: it is first written
//! to IndexedDB with its attachments under a client-generated idempotency key,
//! then sent; failures leave it queued and it is retried when the connection
//! returns, on a timer, and whenever the app opens. The server deduplicates
//! by the key, so a retry never creates a second report.

use crate::api::{self, ApiError};
use crate::browser::idb;
use crate::draft::{delete_files, Draft, LocalFile};
use crate::state::{remember_report, MyReport};
use domain::api::{AttachmentClaim, NewReport, SubmitReceipt};
use domain::{FieldErrors, FieldIssue};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use wasm_bindgen::prelude::*;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Delivery {
    /// Stored on this device, not yet confirmed by the server.
    Waiting,
    /// The server confirmed it.
    Sent { receipt: SubmitReceipt },
    /// The server refused it (validation); it needs correcting.
    Rejected { message: String, fields: FieldErrors },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutboxItem {
    /// The idempotency key.
    pub key: String,
    /// The form as it was sent: the one copy of the report's text and files;
    /// the request is derived from it at each attempt, and a refused report
    /// goes back to the form exactly as typed.
    #[serde(default)]
    pub draft: Draft,
    /// The agency typed in the form, as an id, resolved when it was queued.
    #[serde(default)]
    pub target_agency_id: Option<i64>,
    /// Items queued by earlier versions carried the request itself.
    #[serde(default, rename = "report", skip_serializing_if = "Option::is_none")]
    pub legacy_report: Option<NewReport>,
    /// Local file id → the upload's id and token (which attach it to this
    /// report), as uploads complete. (Items saved before tokens existed had
    /// `uploaded` pairs without a token; those files are uploaded again.)
    #[serde(default)]
    pub uploads: Vec<(String, AttachmentClaim)>,
    pub delivery: Delivery,
    pub queued_at: i64,
    #[serde(default)]
    pub attempts: u32,
    #[serde(default)]
    pub last_error: Option<String>,
    #[serde(skip)]
    pub tried_this_round: bool,
}

/// Shared through context.
#[derive(Clone, Copy)]
pub struct Outbox {
    pub items: RwSignal<Vec<OutboxItem>>,
    /// Upload progress (0–1) by local file id.
    pub progress: RwSignal<HashMap<String, f64>>,
    pub online: RwSignal<bool>,
    pub sending: RwSignal<bool>,
}

pub fn use_outbox() -> Outbox {
    expect_context::<Outbox>()
}

fn navigator_online() -> bool {
    web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true)
}

/// Loads the outbox, sends what waits, and keeps retrying.
pub fn provide_outbox() -> Outbox {
    let ob = Outbox {
        items: RwSignal::new(Vec::new()),
        progress: RwSignal::new(HashMap::new()),
        online: RwSignal::new(navigator_online()),
        sending: RwSignal::new(false),
    };
    provide_context(ob);
    spawn_local(async move {
        if let Ok(mut items) = idb::all_json::<OutboxItem>(idb::OUTBOX).await {
            items.sort_by_key(|i| i.queued_at);
            ob.items.set(items);
        }
        ob.flush();
    });
    if let Some(w) = web_sys::window() {
        let on = Closure::<dyn Fn()>::new(move || {
            ob.online.set(true);
            ob.flush();
        });
        let off = Closure::<dyn Fn()>::new(move || ob.online.set(false));
        let _ = w.add_event_listener_with_callback("online", on.as_ref().unchecked_ref());
        let _ = w.add_event_listener_with_callback("offline", off.as_ref().unchecked_ref());
        on.forget();
        off.forget();
        // A connection can come back without an `online` event (captive portals, flaky cells).
        let tick = Closure::<dyn Fn()>::new(move || {
            if ob.items.with_untracked(|i| i.iter().any(|x| x.delivery == Delivery::Waiting)) {
                ob.flush();
            }
        });
        let _ = w.set_interval_with_callback_and_timeout_and_arguments_0(tick.as_ref().unchecked_ref(), 15_000);
        tick.forget();
    }
    ob
}

impl OutboxItem {
    /// The report to send, without its attachments.
    pub fn request(&self) -> NewReport {
        match &self.legacy_report {
            Some(r) => r.clone(),
            None => self.draft.report(self.target_agency_id),
        }
    }

    pub fn title(&self) -> String {
        self.legacy_report.as_ref().map_or_else(|| self.draft.title.trim().to_string(), |r| r.title.clone())
    }

    /// The files to upload with it.
    pub fn files(&self) -> &[LocalFile] {
        &self.draft.files
    }
}

impl Outbox {
    /// Stores the report on this device first, then tries to send it.
    pub async fn enqueue(self, item: OutboxItem) -> Result<(), String> {
        idb::put_json(idb::OUTBOX, &item.key, &item).await?;
        self.items.update(|v| {
            v.retain(|x| x.key != item.key);
            v.push(item);
        });
        self.flush();
        Ok(())
    }

    pub fn get(self, key: &str) -> Option<OutboxItem> {
        self.items.with(|v| v.iter().find(|x| x.key == key).cloned())
    }

    /// Removes an item (after the person took a rejected report back to the form).
    pub async fn remove(self, key: &str) {
        let _ = idb::delete(idb::OUTBOX, key).await;
        self.items.update(|v| v.retain(|x| x.key != key));
    }

    /// Sends every waiting report, one at a time; does nothing if a send is under way.
    pub fn flush(self) {
        if self.sending.get_untracked() {
            return;
        }
        self.sending.set(true);
        spawn_local(async move {
            loop {
                let next = self.items.with_untracked(|v| {
                    v.iter().find(|x| x.delivery == Delivery::Waiting && !x.tried_this_round).cloned()
                });
                let Some(item) = next else { break };
                let item = send(self, item).await;
                let stop = item.delivery == Delivery::Waiting && !self.online.get_untracked();
                let _ = idb::put_json(idb::OUTBOX, &item.key, &item).await;
                self.items.update(|v| {
                    if let Some(x) = v.iter_mut().find(|x| x.key == item.key) {
                        *x = item;
                    }
                });
                if stop {
                    break;
                }
            }
            // Failed attempts are retried on the next trigger, not in a tight loop.
            self.items.update(|v| v.iter_mut().for_each(|x| x.tried_this_round = false));
            self.sending.set(false);
        });
    }
}

/// One attempt: upload what is missing, then the report. When the server
/// no longer holds an upload (a phone that waited offline for hours finds its
/// unattached uploads cleaned up), the files go up again once, at once.
/// Returns the item updated.
async fn send(ob: Outbox, mut item: OutboxItem) -> OutboxItem {
    item.attempts += 1;
    item.tried_this_round = true;
    let item = attempt(ob, item).await;
    let lost_uploads = matches!(&item.delivery, Delivery::Rejected { fields, .. }
        if fields.get("attachments") == Some(&FieldIssue::UnknownAttachment) && fields.0.len() == 1);
    if !lost_uploads || item.uploads.is_empty() {
        return item;
    }
    let mut item = item;
    item.uploads.clear();
    item.delivery = Delivery::Waiting;
    attempt(ob, item).await
}

async fn attempt(ob: Outbox, mut item: OutboxItem) -> OutboxItem {
    for f in item.files().to_vec() {
        if item.uploads.iter().any(|(local, _)| *local == f.id) {
            continue;
        }
        let blob = match idb::get(idb::FILES, &f.id).await {
            Ok(Some(b)) => b.unchecked_into::<web_sys::Blob>(),
            _ => {
                item.delivery = Delivery::Rejected {
                    message: format!("Lampiran \"{}\" hilang dari perangkat ini; lampirkan lagi.", f.name),
                    fields: FieldErrors::default(),
                };
                return item;
            }
        };
        let id = f.id.clone();
        let progress = ob.progress;
        match api::upload_attachment(&blob, move |p| progress.update(|m| {
            m.insert(id.clone(), p);
        }))
        .await
        {
            Ok(r) => {
                ob.progress.update(|m| {
                    m.insert(f.id.clone(), 1.0);
                });
                item.uploads.push((f.id.clone(), r.claim()));
                let _ = idb::put_json(idb::OUTBOX, &item.key, &item).await;
            }
            Err(e) => return failed(item, e),
        }
    }
    let mut report = item.request();
    report.idempotency_key = Some(item.key.clone());
    report.attachments = item
        .files()
        .iter()
        .filter_map(|f| item.uploads.iter().find(|(l, _)| *l == f.id).map(|(_, c)| c.clone()))
        .collect();
    match api::submit_report(&report).await {
        Ok(receipt) => {
            remember_report(MyReport {
                tracking_number: receipt.tracking_number.clone(),
                access_code: receipt.access_code.clone(),
                // A practice report is named so on "my reports" (it is
                // deleted when its session closes).
                title: if item.draft.practice.is_empty() { report.title.clone() } else { format!("Latihan: {}", report.title) },
                created_at: receipt.created_at,
            });
            delete_files(item.files()).await;
            item.delivery = Delivery::Sent { receipt };
            item.last_error = None;
            item
        }
        Err(e) => failed(item, e),
    }
}

fn failed(mut item: OutboxItem, e: ApiError) -> OutboxItem {
    match e {
        ApiError::Validation { message, fields } => item.delivery = Delivery::Rejected { message, fields },
        other => item.last_error = Some(other.message(domain::Lang::Id)),
    }
    item
}
