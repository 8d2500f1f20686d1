use crate::i18n::use_i18n;
use domain::Lang;
use leptos::prelude::*;
use leptos_router::components::A;

/// The top bar: brand, the citizen's four doors, and the language switch.
/// `external`: the links lead out of this app (from the admin console), so the
/// browser loads them instead of the router.
#[component]
pub fn Nav(external: bool) -> impl IntoView {
    let i = use_i18n();
    let other = move || match i.lang() {
        Lang::Id => ("English", Lang::En, "en"),
        Lang::En => ("Bahasa Indonesia", Lang::Id, "id"),
    };
    let rel = external.then_some("external");
    view! {
        <header class="topbar">
            <A href="/" attr:class="brand" attr:rel=rel>
                <span class="brand-mark" aria-hidden="true">"L"</span>
                <span>"LAPOR!"</span>
            </A>
            <nav aria-label=i.t("Menu utama", "Main menu")>
                <A href="/lapor" attr:rel=rel>{i.t("Buat laporan", "New report")}</A>
                <A href="/laporan" attr:rel=rel>{i.t("Laporan warga", "Reports")}</A>
                <A href="/lacak" attr:rel=rel>{i.t("Lacak", "Track")}</A>
                <A href="/saya" attr:rel=rel>{i.t("Laporan saya", "My reports")}</A>
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

/// The foot of every page: the way in for officers, out of the citizen's way.
#[component]
pub fn Footer() -> impl IntoView {
    let i = use_i18n();
    view! {
        <footer class="footer">
            <span>"SP4N-LAPOR!"</span>
            " · "
            // The console is a separate app: a full page load, never the citizen's router.
            <a href="/admin" rel="external">{i.t("Masuk petugas (admin)", "Officer sign-in (admin)")}</a>
        </footer>
    }
}
