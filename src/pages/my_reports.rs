//! `/saya`: the reports sent from this browser, with their latest status, and
//! those still waiting in the outbox.

use crate::api;
use crate::components::status::{Deadline, StatusBadge};
use crate::i18n::use_i18n;
use crate::format;
use crate::outbox::{use_outbox, Delivery, OutboxItem};
use crate::pages::report_form::LAST_SENT_KEY;
use crate::state::storage;
use crate::state::{my_reports, MyReport};
use domain::api::TrackRequest;
use domain::tracking::{display_access_code, display_tracking};
use leptos::either::EitherOf3;
use leptos::prelude::*;

#[component]
pub fn MyReports() -> impl IntoView {
    let i = use_i18n();
    let outbox = use_outbox();
    // Read again whenever the outbox changes: a report confirmed while this page is open appears at once.
    let mine = Memo::new(move |_| {
        outbox.items.track();
        my_reports()
    });
    let waiting = move || {
        outbox.items.with(|v| v.iter().filter(|x| !matches!(x.delivery, Delivery::Sent { .. })).cloned().collect::<Vec<_>>())
    };
    view! {
        <main id="main" class="page">
            <h1>{i.t("Laporan saya", "My reports")}</h1>
            <p class="hint">{i.t(
                "Laporan yang dikirim dari perangkat ini. Nomor dan kode akses hanya tersimpan di sini; catat di tempat lain juga.",
                "Reports sent from this device. Numbers and access codes are kept only here; note them elsewhere too.",
            )}</p>
            // Always in the page, shown or hidden: a `Show` around these lists cost
            // the phone's download several KB of code for the same effect.
            <section aria-labelledby="waiting-title" hidden=move || waiting().is_empty() data-testid="waiting">
                <h2 id="waiting-title">{i.t("Menunggu dikirim", "Waiting to be sent")}</h2>
                <ul class="queue" data-testid="waiting-reports">
                    <For each=waiting key=|x| (x.key.clone(), x.attempts, matches!(x.delivery, Delivery::Rejected { .. })) let:x>
                        <WaitingRow x />
                    </For>
                </ul>
                <button type="button" class="button" disabled=move || outbox.sending.get() on:click=move |_| outbox.flush()>
                    {i.t("Coba kirim sekarang", "Try sending now")}
                </button>
            </section>
            <p class="muted" hidden=move || mine.with(|m| !m.is_empty())>
                {i.t("Belum ada laporan terkirim dari perangkat ini.", "No report sent from this device yet.")}
            </p>
            <ul class="queue" data-testid="my-reports" hidden=move || mine.with(Vec::is_empty)>
                <For each=move || mine.get() key=|m| m.tracking_number.clone() let:m>
                    <MyReportRow m />
                </For>
            </ul>
            <p><a href="/lapor">{i.t("Buat laporan baru", "Write a new report")}</a></p>
        </main>
    }
}

/// A report still on this device: how far it got, and why not further.
#[component]
fn WaitingRow(x: OutboxItem) -> impl IntoView {
    let i = use_i18n();
    let outbox = use_outbox();
    let queued = x.queued_at;
    let files = x.files().iter().map(|f| f.id.clone()).collect::<Vec<_>>();
    let total = files.len();
    let uploaded = move || outbox.progress.with(|p| files.iter().filter(|f| p.get(*f).is_some_and(|v| *v >= 1.0)).count());
    let state = match x.delivery.clone() {
        Delivery::Rejected { message, .. } => {
            let key = x.key.clone();
            view! {
                <p class="notice error">{message}</p>
                <a href="/lapor" class="button small" on:click=move |_| storage::set(LAST_SENT_KEY, &key)>
                    {i.t("Perbaiki laporan", "Correct the report")}
                </a>
            }
            .into_any()
        }
        _ => {
            let last = x.last_error.clone();
            let attempts = x.attempts;
            view! {
                <p class="muted" role="status">
                    {move || if !outbox.online.get() {
                        i.lang().pick("Tidak ada sinyal; dikirim otomatis saat tersambung.", "No connection; sent automatically when online.").to_string()
                    } else if attempts == 0 {
                        i.lang().pick("Tersimpan di perangkat ini; segera dikirim.", "Stored on this device; sending shortly.").to_string()
                    } else {
                        format!("{} {attempts}", i.lang().pick("Belum terkirim; percobaan ke-", "Not sent yet; attempts: "))
                    }}
                </p>
                // Why the last try failed, when it is not simply the missing signal (as on /lapor).
                {move || last.clone().filter(|_| outbox.online.get()).map(|e| view! { <p class="muted">{e}</p> })}
                {(total > 0).then(|| view! {
                    <p class="muted">{move || format!("{} {}/{total}", i.lang().pick("Lampiran terunggah", "Attachments uploaded"), uploaded())}</p>
                })}
            }
            .into_any()
        }
    };
    view! {
        <li class="queue-row waiting-row">
            <span class="row-title">{x.title()}</span>
            <p class="muted">{i.t("Disimpan ", "Saved ")}<time>{move || format::date_time(queued, i.lang())}</time></p>
            {state}
        </li>
    }
}

#[component]
fn MyReportRow(m: MyReport) -> impl IntoView {
    let i = use_i18n();
    let req = TrackRequest { tracking_number: m.tracking_number.clone(), access_code: m.access_code.clone() };
    let latest = LocalResource::new(move || {
        let req = req.clone();
        async move { api::track_full(&req).await }
    });
    view! {
        <li class="queue-row">
            <a href=format!("/lacak?no={}", m.tracking_number)><span class="row-title">{m.title.clone()}</span></a>
            <div class="row-meta">
                <span>{display_tracking(&m.tracking_number)}</span>
                <span class="muted">{i.t("kode ", "code ")}{display_access_code(&m.access_code)}</span>
            </div>
            // A row's status fills in when it arrives; the row is there before.
            {move || match latest.get() {
                None => EitherOf3::A(view! { <p class="loading">{i.t("Memuat status…", "Loading status…")}</p> }),
                Some(Ok(r)) => EitherOf3::B(view! {
                    <p class="status-line"><StatusBadge status=r.status /></p>
                    <Deadline due_date=r.due_date.clone() overdue=r.overdue status=r.status days_left=r.working_days_left />
                }),
                Some(Err(e)) => EitherOf3::C(view! { <p class="muted">{e.message(i.lang())}</p> }),
            }}
        </li>
    }
}
