use crate::i18n::use_i18n;
pub use domain::areas::Area;
use domain::Lang;
use leptos::prelude::*;

/// `rel` of a link from `here` to `href`: "external" when it leaves this
/// area's app, so the browser loads the other area instead of the router.
pub fn rel_to(here: Area, href: &str) -> Option<&'static str> {
    (Area::of(href) != here).then_some("external")
}

/// The top bar: brand, the citizen's four doors, and the language switch.
/// `area`: the app showing it; links into other areas are page loads.
#[component]
pub fn Nav(area: Area) -> impl IntoView {
    let i = use_i18n();
    let here = crate::route::use_here();
    // The link of the page shown (aria-current) and where each link goes.
    let current = move |href: &'static str| {
        here.is_some_and(|h| h.path() == href).then_some("page")
    };
    let other = move || match i.lang() {
        Lang::Id => ("English", Lang::En, "en"),
        Lang::En => ("Bahasa Indonesia", Lang::Id, "id"),
    };
    view! {
        <header class="topbar">
            <a href="/" class="brand" rel=rel_to(area, "/")>
                <span class="brand-mark" aria-hidden="true">"L"</span>
                <span>"LAPOR!"</span>
            </a>
            <nav aria-label=i.t("Menu utama", "Main menu")>
                <a href="/lapor" rel=rel_to(area, "/lapor") aria-current=move || current("/lapor")>{i.t("Buat laporan", "New report")}</a>
                <a href="/laporan" rel=rel_to(area, "/laporan") aria-current=move || current("/laporan")>{i.t("Laporan warga", "Reports")}</a>
                <a href="/lacak" rel=rel_to(area, "/lacak") aria-current=move || current("/lacak")>{i.t("Lacak", "Track")}</a>
                <a href="/saya" rel=rel_to(area, "/saya") aria-current=move || current("/saya")>{i.t("Laporan saya", "My reports")}</a>
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
