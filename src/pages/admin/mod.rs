//! `/admin`: sign-in, the queue, and one report with its actions.

mod actions;
mod login;
mod queue;
mod report;
mod respond;

pub use report::AdminReport;

use crate::api;
use crate::i18n::use_i18n;
use crate::state::use_session;
use leptos::prelude::*;

/// Asks the server once who is signed in (the cookie is HttpOnly, so only it knows).
pub fn check_session() -> LocalResource<()> {
    let session = use_session();
    LocalResource::new(move || async move {
        if session.0.get_untracked().is_none() {
            if let Ok(me) = api::me().await {
                session.0.set(Some(me));
            }
        }
    })
}

#[component]
pub fn AdminHome() -> impl IntoView {
    let i = use_i18n();
    let session = use_session();
    let checked = check_session();
    view! {
        <main id="main" class="page admin">
            <Suspense fallback=move || view! { <p class="loading">{i.t("Memuat…", "Loading…")}</p> }>
                {move || Suspend::new(async move {
                    checked.await;
                    view! {
                        <Show when=move || session.0.get().is_some() fallback=login::LoginForm>
                            <AdminBar />
                            <queue::Queue />
                        </Show>
                    }
                })}
            </Suspense>
        </main>
    }
}

/// Who is signed in, and the way out.
#[component]
pub fn AdminBar() -> impl IntoView {
    let i = use_i18n();
    let session = use_session();
    let logout = Action::new_local(move |_: &()| async move {
        let _ = api::logout().await;
        session.0.set(None);
        leptos_router::hooks::use_navigate()("/admin", Default::default());
    });
    view! {
        <div class="admin-bar">
            <span>
                {move || session.0.get().map(|m| {
                    let agency = m.agency_name.map(|a| format!(" · {a}")).unwrap_or_default();
                    format!("{}{agency}", m.display_name)
                })}
            </span>
            <button type="button" class="button small" on:click=move |_| { logout.dispatch(()); }>
                {i.t("Keluar", "Sign out")}
            </button>
        </div>
    }
}
