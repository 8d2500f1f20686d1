//! `/admin/akun`: who is signed in, changing one's own password (the old
//! one required; other sessions end), and signing out of every session.

use super::{guard, Gate};
use crate::api::{self, ApiError};
use crate::i18n::use_i18n;
use crate::state::use_session;
use domain::api::{PasswordChange, Role};
use leptos::prelude::*;

#[component]
pub fn AccountPage() -> impl IntoView {
    view! { <Gate><Account /></Gate> }
}

#[component]
fn Account() -> impl IntoView {
    let i = use_i18n();
    let session = use_session();
    let me = session.0.get_untracked();
    let temporary = me.as_ref().is_some_and(|m| m.must_change_password);
    let old = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<ApiError>);
    let mismatch = RwSignal::new(false);
    let changed = RwSignal::new(false);
    let change = Action::new_local(move |req: &PasswordChange| {
        let req = req.clone();
        async move {
            match guard(api::change_password(&req).await) {
                Ok(()) => {
                    failure.set(None);
                    changed.set(true);
                    session.0.update(|m| if let Some(m) = m { m.must_change_password = false });
                    for s in [old, new, again] {
                        s.set(String::new());
                    }
                }
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    let everywhere = Action::new_local(move |_: &()| async move {
        let _ = api::logout_everywhere().await;
        session.0.set(None);
    });
    let pending = change.pending();
    let problem = move |field: &'static str| {
        move || failure.with(|e| e.as_ref().and_then(|e| e.field_message(field, i.lang())))
    };
    let (old_err, new_err) = (problem("old_password"), problem("new_password"));
    view! {
        <h1>{i.t("Akun saya", "My account")}</h1>
        {me.map(|m| {
            let role = m.role;
            view! {
                <dl class="facts card" data-testid="account">
                    <dt>{i.t("Nama", "Name")}</dt><dd>{m.display_name.clone()}</dd>
                    <dt>{i.t("Nama pengguna", "User name")}</dt><dd>{m.username.clone()}</dd>
                    <dt>{i.t("Peran", "Role")}</dt><dd>{move || role.label(i.lang())}</dd>
                    <dt>{i.t("Instansi", "Agency")}</dt><dd>{m.agency_name.clone().unwrap_or_else(|| "—".into())}</dd>
                    {(role != Role::AgencyAdmin).then(|| {
                        let area = m.jurisdiction.as_ref().map(|j| j.name.clone());
                        view! {
                            <dt>{i.t("Wilayah kerja", "Jurisdiction")}</dt>
                            <dd data-testid="jurisdiction">{move || area.clone().unwrap_or_else(|| i.lang().pick("Seluruh Indonesia", "All of Indonesia").to_string())}</dd>
                        }
                    })}
                </dl>
            }
        })}
        <form
            class="action-form account-form"
            on:submit=move |ev| {
                ev.prevent_default();
                changed.set(false);
                let mismatched = new.get_untracked() != again.get_untracked();
                mismatch.set(mismatched);
                if !mismatched {
                    change.dispatch(PasswordChange { old_password: old.get_untracked(), new_password: new.get_untracked() });
                }
            }
        >
            <h2>{i.t("Ganti kata sandi", "Change password")}</h2>
            {temporary.then(|| view! { <p class="notice" role="status">{i.t(
                "Anda masuk dengan kata sandi sementara. Pilih kata sandi Anda sendiri dulu; setelah itu konsol terbuka.",
                "You signed in with a temporary password. Choose your own first; then the console opens.",
            )}</p> })}
            <label for="old-password">{move || if temporary { i.lang().pick("Kata sandi sementara", "Temporary password") } else { i.lang().pick("Kata sandi lama", "Current password") }}</label>
            <input id="old-password" type="password" autocomplete="current-password" required bind:value=old
                aria-invalid=move || old_err().is_some().then_some("true") aria-describedby="old-password-error" />
            <p class="field-error" id="old-password-error">{old_err}</p>
            <label for="new-password">{i.t("Kata sandi baru (paling sedikit 10 karakter)", "New password (at least 10 characters)")}</label>
            <input id="new-password" type="password" autocomplete="new-password" required minlength="10" bind:value=new
                aria-invalid=move || new_err().is_some().then_some("true") aria-describedby="new-password-error" />
            <p class="field-error" id="new-password-error">{new_err}</p>
            <label for="again-password">{i.t("Ulangi kata sandi baru", "Repeat the new password")}</label>
            <input id="again-password" type="password" autocomplete="new-password" required bind:value=again
                aria-invalid=move || mismatch.get().then_some("true") aria-describedby="again-password-error" />
            <p class="field-error" id="again-password-error">
                {move || mismatch.get().then(|| i.lang().pick("Kedua kata sandi baru tidak sama.", "The two new passwords differ."))}
            </p>
            <p role="status">{move || changed.get().then(|| i.lang().pick(
                "Kata sandi diganti. Sesi di perangkat lain telah diakhiri.",
                "Password changed. Sessions on other devices have ended.",
            ))}</p>
            {move || failure.get().filter(|e| e.fields().is_none()).map(|e| view! { <div class="notice error" role="alert">{e.message(i.lang())}</div> })}
            <button type="submit" class="button primary" disabled=move || pending.get()>{i.t("Ganti kata sandi", "Change password")}</button>
        </form>
        <section class="action-form">
            <h2>{i.t("Keluar dari semua sesi", "Sign out everywhere")}</h2>
            <p class="hint">{i.t(
                "Mengakhiri sesi di semua perangkat, termasuk yang ini. Sesi juga berakhir sendiri setelah 8 jam tidak dipakai.",
                "Ends the sessions on every device, this one too. A session also ends by itself after 8 hours without use.",
            )}</p>
            <button type="button" class="button" on:click=move |_| { everywhere.dispatch(()); }>
                {i.t("Keluar dari semua sesi", "Sign out everywhere")}
            </button>
        </section>
    }
}
