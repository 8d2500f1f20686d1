use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    let i = use_i18n();
    view! {
        <main id="main" class="page">
            <h1>{i.t("Halaman tidak ditemukan", "Page not found")}</h1>
            <p><A href="/">{i.t("Kembali ke beranda", "Back to the start page")}</A></p>
        </main>
    }
}
