//! The console's top bar: its own pages (never the citizen's), who is
//! signed in with which role and agency, the way out, and the language.

use crate::api;
use crate::i18n::use_i18n;
use crate::state::use_session;
use domain::Lang;
use leptos::prelude::*;
use crate::route::Here;

#[component]
pub fn ConsoleHeader() -> impl IntoView {
    let i = use_i18n();
    let session = use_session();
    let here = expect_context::<Here>();
    let current = move |prefix: &'static str| {
        let p = here.path();
        let on = if prefix == "/admin" { p == "/admin" || p.starts_with("/admin/laporan") } else { p.starts_with(prefix) };
        on.then_some("page")
    };
    let logout = Action::new_local(move |_: &()| async move {
        let _ = api::logout().await;
        session.0.set(None);
    });
    let other = move || match i.lang() {
        Lang::Id => ("English", Lang::En, "en"),
        Lang::En => ("Bahasa Indonesia", Lang::Id, "id"),
    };
    let me = move || session.0.get();
    view! {
        <header class="topbar console-bar">
            <a href="/admin" class="brand">
                <span class="brand-mark" aria-hidden="true">"L"</span>
                <span>"LAPOR!"</span>
                <span class="brand-sub">{i.t("Konsol petugas", "Officers' console")}</span>
            </a>
            {move || me().map(|m| {
                let coordinates = m.role.coordinates();
                view! {
                    <nav aria-label=i.t("Menu konsol", "Console menu")>
                        <a href="/admin" aria-current=move || current("/admin")>{i.t("Antrean", "Queue")}</a>
                        {(coordinates || m.role == domain::api::Role::Supervisor).then(|| view! {
                            <a href="/admin/rekap" aria-current=move || current("/admin/rekap")>{i.t("Rekap", "Recaps")}</a>
                        })}
                        {coordinates.then(|| view! {
                            <a href="/admin/audit" aria-current=move || current("/admin/audit")>{i.t("Log audit", "Audit log")}</a>
                            <a href="/admin/pengguna" aria-current=move || current("/admin/pengguna")>{i.t("Pengguna", "Accounts")}</a>
                            <a href="/admin/instansi" aria-current=move || current("/admin/instansi")>{i.t("Instansi", "Agencies")}</a>
                        })}
                        {(m.role == domain::api::Role::Superadmin).then(|| view! {
                            <a href="/admin/kategori" aria-current=move || current("/admin/kategori")>{i.t("Kategori", "Categories")}</a>
                            <a href="/admin/libur" aria-current=move || current("/admin/libur")>{i.t("Libur", "Holidays")}</a>
                        })}
                        <a href="/admin/akun" aria-current=move || current("/admin/akun")>{i.t("Akun saya", "My account")}</a>
                    </nav>
                }
            })}
            <div class="console-who">
                {move || me().map(|m| {
                    let role = m.role;
                    view! {
                        <span class="who" data-testid="who">
                            <strong>{m.display_name.clone()}</strong>
                            <span>
                                {move || role.label(i.lang())}
                                {m.agency_name.clone().or_else(|| m.jurisdiction.as_ref().map(|j| j.name.clone())).map(|a| format!(" · {a}"))}
                            </span>
                        </span>
                        <button type="button" class="lang-switch" on:click=move |_| { logout.dispatch(()); }>
                            {i.t("Keluar", "Sign out")}
                        </button>
                    }
                })}
                <button type="button" class="lang-switch" lang=move || other().2 on:click=move |_| i.set(other().1)>
                    {move || other().0}
                </button>
            </div>
        </header>
    }
}
