//! `/saya`: the reports sent from this browser, with their latest status, and
//! those still waiting in the outbox.

use crate::api;
use crate::components::status::{Deadline, StatusBadge};
use crate::i18n::use_i18n;
use crate::outbox::{use_outbox, Delivery};
use crate::state::{my_reports, MyReport};
use domain::api::TrackRequest;
use domain::tracking::{display_access_code, display_tracking};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn MyReports() -> impl IntoView {
    let i = use_i18n();
    let outbox = use_outbox();
    let mine = my_reports();
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
            <Show when=move || !waiting().is_empty()>
                <section aria-labelledby="waiting-title">
                    <h2 id="waiting-title">{i.t("Menunggu dikirim", "Waiting to be sent")}</h2>
                    <ul class="queue">
                        {move || waiting().into_iter().map(|x| view! {
                            <li class="queue-row">
                                <span class="row-title">{x.report.title.clone()}</span>
                                <p class="muted">{match x.delivery {
                                    Delivery::Rejected { .. } => i.lang().pick("Perlu diperbaiki — buka formulir laporan.", "Needs correcting — open the report form."),
                                    _ => i.lang().pick("Tersimpan di perangkat ini; dikirim otomatis saat tersambung.", "Stored on this device; sent automatically when online."),
                                }}</p>
                            </li>
                        }).collect::<Vec<_>>()}
                    </ul>
                    <button type="button" class="button" on:click=move |_| outbox.flush()>{i.t("Coba kirim sekarang", "Try sending now")}</button>
                </section>
            </Show>
            {if mine.is_empty() {
                view! { <p class="muted">{i.t("Belum ada laporan terkirim dari perangkat ini.", "No report sent from this device yet.")}</p> }.into_any()
            } else {
                view! { <ul class="queue" data-testid="my-reports">{mine.into_iter().map(|m| view! { <MyReportRow m /> }).collect::<Vec<_>>()}</ul> }.into_any()
            }}
            <p><A href="/lapor">{i.t("Buat laporan baru", "Write a new report")}</A></p>
        </main>
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
            <A href=format!("/lacak?no={}", m.tracking_number)><span class="row-title">{m.title.clone()}</span></A>
            <div class="row-meta">
                <span>{display_tracking(&m.tracking_number)}</span>
                <span class="muted">{i.t("kode ", "code ")}{display_access_code(&m.access_code)}</span>
            </div>
            <Transition fallback=move || view! { <p class="loading">{i.t("Memuat status…", "Loading status…")}</p> }>
                {move || Suspend::new(async move {
                    match latest.await {
                        Ok(r) => view! {
                            <p class="status-line"><StatusBadge status=r.status /></p>
                            <Deadline due_date=r.due_date.clone() overdue=r.overdue status=r.status days_left=r.working_days_left />
                        }.into_any(),
                        Err(e) => view! { <p class="muted">{e.message(i.lang())}</p> }.into_any(),
                    }
                })}
            </Transition>
        </li>
    }
}
