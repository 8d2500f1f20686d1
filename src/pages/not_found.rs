use crate::components::nav::{rel_to, Area};
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// The page for a path no page of this area has. A path of another area (a
/// link that was followed inside this one) is loaded from the server instead.
#[component]
pub fn NotFound() -> impl IntoView {
    let i = use_i18n();
    let here = use_context::<Area>().unwrap_or(Area::Home);
    let loc = window().location();
    let path = loc.pathname().unwrap_or_default();
    if Area::of(&path) != here {
        let to = format!("{path}{}{}", loc.search().unwrap_or_default(), loc.hash().unwrap_or_default());
        let _ = loc.replace(&to);
        return None;
    }
    Some(view! {
        <main id="main" class="page">
            <h1>{i.t("Halaman tidak ditemukan", "Page not found")}</h1>
            <p><a href="/" rel=rel_to(here, "/")>{i.t("Kembali ke beranda", "Back to the start page")}</a></p>
        </main>
    })
}
