//! The practice form of a socialization session (`/latihan/{code}`): a
//! band above every step and the receipt saying it is practice, and whether
//! the session still takes reports: closed or ended by itself (idle, or at
//! its maximum life), a code that opens no session, or an address that has
//! asked for too many codes and numbers that opened nothing (429).

use crate::api::{self, ApiError};
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn Banner(code: String) -> impl IntoView {
    let i = use_i18n();
    let open = LocalResource::new(move || {
        let code = code.clone();
        async move { api::practice_check(&code).await }
    });
    let refused = move || match open.get() {
        Some(Err(ApiError::NotFound(_))) => Some(i.t(
            "Sesi latihan ini sudah ditutup atau sudah berakhir, atau kodenya salah. Tanyakan kode sesi kepada \
             pemandu. Untuk melaporkan masalah sungguhan, buka Buat laporan.",
            "This practice session has been closed or has ended, or its code is wrong. Ask the presenter for the \
             session code. To report a real problem, open Write a report.",
        )),
        Some(Err(ApiError::RateLimited(_))) => Some(i.t(
            "Terlalu banyak kode sesi atau nomor laporan yang salah dari jaringan ini. Tunggu beberapa menit, \
             lalu muat ulang halaman ini.",
            "Too many wrong session codes or report numbers from this network. Wait a few minutes, then reload \
             this page.",
        )),
        _ => None,
    };
    view! {
        <div class="practice-band" role="note" data-testid="practice-band">
            <strong class="practice-tag">{i.t("LATIHAN", "PRACTICE")}</strong>
            <span>{i.t(
                "Ini formulir latihan sosialisasi LAPOR!. Laporan latihan tidak diteruskan ke instansi sungguhan dan dihapus saat sesi ditutup.",
                "This is a LAPOR! practice form. Practice reports never reach a real agency and are deleted when the session closes.",
            )}</span>
            {move || refused().map(|text| view! {
                <p class="practice-closed" role="alert">
                    {text} " " <a href="/lapor">{i.t("Buat laporan", "Write a report")}</a>
                </p>
            })}
        </div>
    }
}
