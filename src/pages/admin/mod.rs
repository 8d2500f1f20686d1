//! The officers' console under `/admin` (its own wasm, `AdminApp`): the
//! queue, one report with its actions, the audit log and the officer's own
//! account. Every page is behind `Gate`: the sign-in form until the server
//! says who is signed in.

mod account;
mod actions;
mod archive;
mod audit;
mod bulk;
mod classify;
mod dispatch;
mod header;
mod login;
mod media;
mod queue;
mod queue_filters;
mod report;
mod respond;

pub use account::AccountPage;
pub use audit::AuditPage;
pub use header::ConsoleHeader;
pub use queue::QueuePage;
pub use report::ReportPage;

use crate::api::{self, ApiError};
use crate::i18n::use_i18n;
use crate::state::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Asks the server once who is signed in; `Session.1` says when it answered.
pub fn check_session() {
    let session = use_session();
    if session.1.get_untracked() {
        return;
    }
    spawn_local(async move {
        if let Ok(me) = api::me().await {
            session.0.set(Some(me));
        }
        session.1.set(true);
    });
}

/// Why the console last showed the sign-in form instead of a page: the
/// server's answer that ended the session (8 hours without use, signed out
/// elsewhere, three wrong old passwords), said above the form.
#[derive(Clone, Copy)]
pub struct SignedOut(pub RwSignal<Option<ApiError>>);

/// A console answer, and the sign-in form again, saying why, when it says
/// the session ended.
pub fn guard<T>(r: Result<T, ApiError>) -> Result<T, ApiError> {
    if let Err(e @ ApiError::Unauthorized(_)) = &r {
        if let Some(why) = use_context::<SignedOut>() {
            why.0.set(Some(e.clone()));
        }
        use_session().0.set(None);
    }
    r
}

/// `children` for a signed-in officer, the sign-in form otherwise, in the
/// page's `<main>` (of class `class`, "console" by default).
#[component]
pub fn Gate(children: ChildrenFn, #[prop(optional)] class: Option<&'static str>) -> impl IntoView {
    let i = use_i18n();
    let session = use_session();
    check_session();
    let signed_in = Memo::new(move |_| session.0.with(Option::is_some));
    let on_account = expect_context::<crate::route::Here>().path().trim_end_matches('/') == "/admin/akun";
    let must_change = Memo::new(move |_| !on_account && session.0.with(|m| m.as_ref().is_some_and(|m| m.must_change_password)));
    provide_context(SignedOut(RwSignal::new(None)));
    view! {
        <main id="main" class=class.unwrap_or("console") tabindex="-1">
            {move || match (session.1.get(), signed_in.get()) {
                (false, _) => view! { <p class="loading">{i.t("Memuat…", "Loading…")}</p> }.into_any(),
                (true, false) => view! { <login::LoginForm /> }.into_any(),
                // A temporary password: nothing but changing it, first.
                (true, true) if must_change.get() => view! {
                    <p class="notice" role="alert">
                        {i.t("Anda masuk dengan kata sandi sementara. Pilih kata sandi Anda sendiri dulu: ", "You signed in with a temporary password. Choose your own first: ")}
                        <a href="/admin/akun">{i.t("Ganti kata sandi", "Change password")}</a>
                    </p>
                }.into_any(),
                (true, true) => children().into_any(),
            }}
        </main>
    }
}
