//! The practice form of a socialization session (`/latihan/{code}`): a
//! band above every step and the receipt saying it is practice, and whether
//! the session still takes reports.

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
    let closed = move || matches!(open.get(), Some(Err(ApiError::NotFound(_))));
    view! {
        <div class="practice-band" role="note" data-testid="practice-band">
            <strong class="practice-tag">{i.t("LATIHAN", "PRACTICE")}</strong>
            <span>{i.t(
                "Ini formulir latihan sosialisasi LAPOR!. Laporan latihan tidak diteruskan ke instansi sungguhan dan dihapus saat sesi ditutup.",
                "This is a LAPOR! practice form. Practice reports never reach a real agency and are deleted when the session closes.",
            )}</span>
            <Show when=closed>
                <p class="practice-closed" role="alert">{i.t(
                    "Sesi latihan ini sudah ditutup. Untuk melaporkan masalah sungguhan, buka Buat laporan.",
                    "This practice session has been closed. To report a real problem, open Write a report.",
                )} " " <a href="/lapor">{i.t("Buat laporan", "Write a report")}</a></p>
            </Show>
        </div>
    }
}
