//! A short guided tour of the form for first-time users: a few hints, one
//! at a time, skippable, never shown again once finished or skipped.

use crate::i18n::use_i18n;
use crate::state::storage;
use leptos::prelude::*;

const TOUR_DONE_KEY: &str = "lapor.tour_done";

const HINTS: [(&str, &str); 4] = [
    (
        "Tulis apa yang terjadi, di mana, kapan, dan siapa yang terlibat. Semua isian tersimpan di ponsel ini, aman walau sinyal putus.",
        "Write what happened, where, when and who was involved. Everything is saved on this phone, even if the signal drops.",
    ),
    (
        "Pilih lokasi dari provinsi sampai desa. Instansi tujuan boleh dikosongkan: admin koordinator yang meneruskan laporan Anda.",
        "Choose the place, from province down to village. You may leave the agency empty: the coordinator forwards your report.",
    ),
    (
        "Foto atau dokumen membantu. Lokasi GPS di dalam foto dihapus sebelum dikirim.",
        "A photo or document helps. The GPS location inside photos is removed before sending.",
    ),
    (
        "Pilih anonim agar nama Anda tidak terlihat oleh instansi, atau rahasia agar laporan tidak tampil untuk umum. Setelah terkirim, catat nomor pelacakan dan kode akses.",
        "Choose anonymous to hide your name from the agency, or confidential to keep the report from the public. Once sent, write down the tracking number and access code.",
    ),
];

#[component]
pub fn Tour() -> impl IntoView {
    let i = use_i18n();
    let at = RwSignal::new(storage::get(TOUR_DONE_KEY).is_none().then_some(0usize));
    let done = move || {
        storage::set(TOUR_DONE_KEY, "1");
        at.set(None);
    };
    move || {
        at.get().map(|n| {
            let (id, en) = HINTS[n];
            let last = n + 1 == HINTS.len();
            view! {
                <aside class="tour" aria-labelledby="tour-title" data-testid="tour">
                    <p class="tour-count" id="tour-title">
                        {move || format!("{} {} {} {}", i.lang().pick("Petunjuk", "Tip"), n + 1, i.lang().pick("dari", "of"), HINTS.len())}
                    </p>
                    <p aria-live="polite">{i.t(id, en)}</p>
                    <div class="tour-nav">
                        <button type="button" class="button small primary" on:click=move |_| if last { done() } else { at.set(Some(n + 1)) }>
                            {if last { i.t("Mengerti", "Got it") } else { i.t("Berikutnya", "Continue") }}
                        </button>
                        {(!last).then(|| view! {
                            <button type="button" class="link-button" on:click=move |_| done()>{i.t("Lewati petunjuk", "Skip the tips")}</button>
                        })}
                    </div>
                </aside>
            }
        })
    }
}
