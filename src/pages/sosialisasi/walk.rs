//! One practice report walked through on the screen: verified and forwarded
//! to the agency the routing suggests, then followed up, each step taken by
//! the server's real lifecycle, so the reporter's tracking page changes too.

use super::practice::use_practice;
use crate::api::{self, ApiError};
use crate::i18n::use_i18n;
use crate::pages::admin::guard;
use domain::practice::{PracticeReport, PracticeStep};
use domain::tracking::display_tracking;
use domain::Status;
use leptos::prelude::*;

const SAMPLE_FOLLOWUP: (&str, &str) = (
    "Terima kasih atas laporan Anda. Petugas kami sudah memeriksa lokasi, dan perbaikannya dijadwalkan minggu ini.",
    "Thank you for your report. Our officers have checked the place, and the repair is scheduled for this week.",
);

#[component]
pub fn Walk() -> impl IntoView {
    let i = use_i18n();
    let p = use_practice();
    let chosen = Memo::new(move |_| {
        let id = p.walking.get()?;
        p.live.with(|l| l.as_ref()?.reports.iter().find(|r| r.id == id).cloned())
    });
    let failure = RwSignal::new(None::<ApiError>);
    let message = RwSignal::new(String::new());
    let step = Action::new_local(move |(report, step): &(i64, PracticeStep)| {
        let (report, step) = (*report, step.clone());
        async move {
            let Some(session) = p.session.get_untracked() else { return };
            match guard(api::practice_step(session.id, report, &step).await) {
                Ok(r) => {
                    failure.set(None);
                    p.replace(r);
                }
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    let pending = step.pending();
    move || {
        let Some(r) = chosen.get() else {
            return view! {
                <p class="hint">{i.t(
                    "Pilih satu laporan untuk menunjukkan perjalanannya: diverifikasi, diteruskan, lalu ditindaklanjuti.",
                    "Choose a report to show its journey: verified, forwarded, then followed up.",
                )}</p>
            }
            .into_any();
        };
        if message.get_untracked().is_empty() {
            message.set(i.lang().pick(SAMPLE_FOLLOWUP.0, SAMPLE_FOLLOWUP.1).to_string());
        }
        let PracticeReport { id, status, .. } = r;
        let track = format!("/lacak?no={}", r.tracking_number);
        let stage = match status {
            Status::Submitted | Status::NeedsInfo => 1,
            Status::Dispatched | Status::Returned => 2,
            Status::Responded => 3,
            _ => 4,
        };
        let mark = move |n: usize| if n < stage { "done" } else if n == stage { "current" } else { "todo" };
        let agency = r.agency_name.clone().or(r.suggested_agency_name.clone()).unwrap_or_default();
        view! {
            <section class="walk" aria-labelledby="walk-title" data-testid="walk">
                <h2 id="walk-title">{r.title.clone()}</h2>
                <p class="muted">{display_tracking(&r.tracking_number)}</p>
                <ol class="journey">
                    <li class=mark(0)>{i.t("Terkirim: pelapor menerima nomor pelacakan", "Sent: the reporter gets a tracking number")}</li>
                    <li class=mark(1)>{i.t("Diverifikasi admin koordinator dan diteruskan ke", "Verified by the coordinator and forwarded to")} " " {agency.clone()}</li>
                    <li class=mark(2)>{i.t("Ditindaklanjuti instansi", "Followed up by the agency")}</li>
                    <li class=mark(3)>{i.t("Pelapor membaca, membalas atau menilai", "The reporter reads, replies or rates")}</li>
                </ol>
                {move || failure.get().map(|e| view! { <p class="notice error" role="alert">{e.message(i.lang())}</p> })}
                {match (stage, r.suggested_agency_id) {
                    (1, Some(agency_id)) => view! {
                        <button type="button" class="button primary" disabled=move || pending.get()
                            on:click=move |_| { step.dispatch((id, PracticeStep::Dispatch { agency_id })); }>
                            {i.t("Verifikasi dan teruskan ke", "Verify and forward to")} " " {agency.clone()}
                        </button>
                    }.into_any(),
                    (1, None) => view! { <p class="notice warn">{i.t("Belum ada instansi untuk wilayah ini.", "No agency for this place yet.")}</p> }.into_any(),
                    (2, _) => view! {
                        <div class="field">
                            <label for="walk-followup">{i.t("Tindak lanjut dari instansi", "The agency's follow-up")}</label>
                            <textarea id="walk-followup" rows="3" bind:value=message></textarea>
                        </div>
                        <button type="button" class="button primary" disabled=move || pending.get()
                            on:click=move |_| { step.dispatch((id, PracticeStep::Respond { message: message.get_untracked() })); }>
                            {i.t("Kirim tindak lanjut", "Post the follow-up")}
                        </button>
                    }.into_any(),
                    _ => view! {
                        <p class="lead">{i.t(
                            "Sekarang pelapor dapat membaca tindak lanjut di halaman lacak dan memberi penilaian.",
                            "Now the reporter can read the follow-up on the tracking page and rate it.",
                        )}</p>
                    }.into_any(),
                }}
                <p><a href=track target="_blank" rel="external noopener">{i.t("Buka halaman lacak laporan ini", "Open this report's tracking page")}</a></p>
            </section>
        }
        .into_any()
    }
}
