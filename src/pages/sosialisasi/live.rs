//! The live slide: the practice reports as they arrive (newest first, polled
//! every two seconds), the one being walked through beside them, and the
//! end of the session, which deletes them all.

use super::practice::{use_practice, Ended};
use super::walk::Walk;
use crate::components::status::StatusBadge;
use crate::format::date_time;
use crate::i18n::use_i18n;
use domain::tracking::display_tracking;
use leptos::prelude::*;

#[component]
pub fn Live() -> impl IntoView {
    let i = use_i18n();
    let p = use_practice();
    let confirm = RwSignal::new(false);
    let list = move || {
        let reports = p.live.with(|l| l.as_ref().map(|l| l.reports.clone()).unwrap_or_default());
        if reports.is_empty() {
            return view! {
                <p class="lead">{i.t(
                    "Belum ada laporan latihan. Ajak peserta memindai kode QR dan mengirim laporan.",
                    "No practice reports yet. Ask the audience to scan the QR code and send one.",
                )}</p>
            }
            .into_any();
        }
        view! {
            <ol class="live-list" data-testid="live-list">
                {reports.into_iter().map(|r| {
                    let id = r.id;
                    let chosen = move || p.walking.get() == Some(id);
                    view! {
                        <li class:chosen=chosen>
                            <button type="button" class="live-item" aria-pressed=move || chosen().to_string() on:click=move |_| p.walking.set(Some(id))>
                                <span class="live-title">{r.title.clone()}</span>
                                <span class="live-meta">
                                    {r.place.clone()} " · " {display_tracking(&r.tracking_number)} " · " {move || date_time(r.created_at, i.lang())}
                                </span>
                            </button>
                            <StatusBadge status=r.status />
                        </li>
                    }
                }).collect::<Vec<_>>()}
            </ol>
        }
        .into_any()
    };
    view! {
        <h1 id="slide-title">
            {i.t("Laporan latihan masuk", "Practice reports coming in")} ": "
            <span class="live-total" data-testid="live-total">{move || p.count()}</span>
        </h1>
        <Ended />
        {move || p.closed.get().map(|c| view! {
            <p class="notice" role="status">{format!(
                "{} {} {} {} {}",
                i.lang().pick("Sesi ditutup:", "Session closed:"),
                c.reports,
                i.lang().pick("laporan latihan dan", "practice reports and"),
                c.files,
                i.lang().pick("berkas dihapus.", "files deleted."),
            )}</p>
        })}
        <div class="live">
            <div class="live-col">
                {list}
                <Show when=move || p.session.with(Option::is_some)>
                    <div class="close-session">
                        <Show
                            when=move || confirm.get()
                            fallback=move || view! {
                                <button type="button" class="button" on:click=move |_| confirm.set(true)>
                                    {i.t("Tutup sesi latihan", "Close the practice session")}
                                </button>
                            }
                        >
                            <div class="notice warn" role="alertdialog" aria-labelledby="close-q">
                                <p id="close-q">{i.t(
                                    "Tutup sesi? Semua laporan latihan dan lampirannya dihapus, dan formulir latihan tidak menerima laporan lagi.",
                                    "Close the session? Every practice report and its files are deleted, and the practice form takes no more reports.",
                                )}</p>
                                <button type="button" class="button primary" on:click=move |_| { confirm.set(false); p.close() }>
                                    {i.t("Ya, tutup dan hapus", "Yes, close and delete")}
                                </button>
                                " "
                                <button type="button" class="button" on:click=move |_| confirm.set(false)>{i.t("Batal", "Cancel")}</button>
                            </div>
                        </Show>
                    </div>
                </Show>
            </div>
            <div class="live-col"><Walk /></div>
        </div>
    }
}
