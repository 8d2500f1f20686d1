use crate::api::{self, ApiError};
use crate::i18n::use_i18n;
use crate::state::use_session;
use domain::api::LoginRequest;
use leptos::prelude::*;

#[component]
pub fn LoginForm() -> impl IntoView {
    let i = use_i18n();
    let session = use_session();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<ApiError>);
    // Why the session ended, until the next sign-in.
    let ended = use_context::<super::SignedOut>().map(|w| w.0);
    let login = Action::new_local(move |req: &LoginRequest| {
        let req = req.clone();
        async move {
            match api::login(&req).await {
                Ok(me) => {
                    failure.set(None);
                    if let Some(ended) = ended {
                        ended.set(None);
                    }
                    session.0.set(Some(me));
                }
                Err(e) => {
                    password.set(String::new());
                    failure.set(Some(e));
                }
            }
        }
    });
    let pending = login.pending();
    view! {
        <div class="login">
            <h1>{i.t("Masuk admin", "Admin sign-in")}</h1>
            <form
                class="login-form"
                on:submit=move |ev| {
                    ev.prevent_default();
                    login.dispatch(LoginRequest {
                        username: username.get_untracked().trim().to_string(),
                        password: password.get_untracked(),
                    });
                }
            >
                <div class="field">
                    <label for="username">{i.t("Nama pengguna", "User name")}</label>
                    <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" required bind:value=username />
                </div>
                <div class="field">
                    <label for="password">{i.t("Kata sandi", "Password")}</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required bind:value=password />
                </div>
                {move || failure.get().or_else(|| ended.and_then(|e| e.get())).map(|e| view! { <div class="notice error" role="alert">{e.message(i.lang())}</div> })}
                <button type="submit" class="button primary wide" disabled=move || pending.get()>
                    {move || if pending.get() { i.lang().pick("Memeriksa…", "Checking…") } else { i.lang().pick("Masuk", "Sign in") }}
                </button>
            </form>
        </div>
    }
}
