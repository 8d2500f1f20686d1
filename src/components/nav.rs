use crate::i18n::use_i18n;
use domain::Lang;
use leptos::prelude::*;
use leptos_router::components::A;

/// The top bar: brand, the three doors of the product, and the language switch.
#[component]
pub fn Nav() -> impl IntoView {
    let i = use_i18n();
    let other = move || match i.lang() {
        Lang::Id => ("English", Lang::En, "en"),
        Lang::En => ("Bahasa Indonesia", Lang::Id, "id"),
    };
    view! {
        <header class="topbar">
            <A href="/" attr:class="brand">
                <span class="brand-mark" aria-hidden="true">"L"</span>
                <span>"LAPOR!"</span>
            </A>
            <nav aria-label=i.t("Menu utama", "Main menu")>
                <A href="/lapor">{i.t("Buat laporan", "New report")}</A>
                <A href="/lacak">{i.t("Lacak", "Track")}</A>
                <A href="/saya">{i.t("Laporan saya", "My reports")}</A>
                <A href="/admin">{i.t("Admin", "Admin")}</A>
            </nav>
            <button
                type="button"
                class="lang-switch"
                lang=move || other().2
                on:click=move |_| i.set(other().1)
            >
                {move || other().0}
            </button>
        </header>
    }
}
