//! The join slide: the practice form's address on the local network as a
//! QR code (drawn by the app) and in large letters, the session's code
//! grouped for reading aloud (`4829-1375-0619`), with a choice of address
//! when the laptop has several networks.

use super::practice::{use_practice, Ended};
use crate::api;
use crate::components::qr::Qr;
use crate::i18n::use_i18n;
use domain::practice::{display_code, join_path, IDLE_SECS, MAX_LIFE_SECS};
use domain::Lang;
use leptos::prelude::*;

#[component]
pub fn Join() -> impl IntoView {
    let i = use_i18n();
    let p = use_practice();
    let addresses = LocalResource::new(api::practice_addresses);
    let chosen = RwSignal::new(0usize);
    let body = move || {
        let Some(session) = p.session.get() else {
            return view! {
                <Ended />
                <p class="lead">{i.t(
                    "Buka sesi latihan agar peserta dapat mengirim laporan latihan dari ponsel mereka.",
                    "Open a practice session so the audience can send practice reports from their phones.",
                )}</p>
                <button type="button" class="button primary big" on:click=move |_| p.open() disabled=move || !p.known.get()>
                    {i.t("Buka sesi latihan", "Open a practice session")}
                </button>
            }
            .into_any();
        };
        let Some(Ok(a)) = addresses.get() else {
            return match addresses.get() {
                Some(Err(e)) => view! { <p class="notice error" role="alert">{e.message(i.lang())}</p> }.into_any(),
                _ => view! { <p class="loading">{i.t("Memuat alamat…", "Finding the address…")}</p> }.into_any(),
            };
        };
        let urls = a.urls.clone();
        let base = urls.get(chosen.get()).or(urls.first()).cloned().unwrap_or_default();
        // The code grouped in the address too: easier to read off the screen and type.
        let url = format!("{base}{}", join_path(&session.code));
        let typed = url.trim_start_matches("http://");
        let (path, code_part) = typed.split_at(typed.rfind('/').map_or(0, |n| n + 1));
        let (path, code_part) = (path.to_string(), code_part.to_string());
        let code = display_code(&session.code);
        view! {
            <div class="join">
                <Qr text=url.clone() label=format!("{} {url}", i.lang().pick("Kode QR formulir latihan:", "QR code of the practice form:")) />
                <div class="join-text">
                    <p>{i.t(
                        "Pindai kode QR dengan kamera ponsel, atau ketik alamat ini di peramban ponsel:",
                        "Scan the QR code with the phone's camera, or type this address in the phone's browser:",
                    )}</p>
                    // Broken only before the code, never inside it.
                    <p class="join-url" data-testid="join-url">{path}<span class="join-url-code">{code_part}</span></p>
                    <p>{i.t("Kode sesi", "Session code")} ": " <strong class="join-code">{code}</strong></p>
                    <p class="hint">{i.t(
                        "Ponsel harus tersambung ke Wi-Fi yang sama dengan laptop ini. Tidak perlu internet.",
                        "Phones must be on the same Wi-Fi as this laptop. No internet is needed.",
                    )}</p>
                    <p class="hint">{move || {
                        let (idle, max) = (IDLE_SECS / 3600, MAX_LIFE_SECS / 3600);
                        match i.lang() {
                            Lang::Id => format!(
                                "Sesi berakhir sendiri setelah {idle} jam tanpa kegiatan, paling lama {max} jam; \
                                 laporan latihannya lalu dihapus."
                            ),
                            Lang::En => format!(
                                "The session ends by itself after {idle} hours without activity, {max} hours at \
                                 most; its practice reports are then deleted."
                            ),
                        }
                    }}</p>
                    {(urls.len() > 1).then(|| view! {
                        <div class="field">
                            <label for="join-address">{i.t("Alamat jaringan laptop", "The laptop's network address")}</label>
                            <select id="join-address" on:change=move |ev| chosen.set(event_target_value(&ev).parse().unwrap_or(0))>
                                {urls.iter().enumerate().map(|(n, u)| {
                                    let selected = n == chosen.get_untracked();
                                    view! { <option value=n.to_string() selected=selected>{u.clone()}</option> }
                                }).collect::<Vec<_>>()}
                            </select>
                        </div>
                    })}
                    {a.loopback_only.then(|| view! {
                        <p class="notice warn" role="alert">{i.t(
                            "Server hanya dapat dibuka dari laptop ini, jadi ponsel peserta belum bisa masuk. Jalankan ulang server dengan LAPOR_ADDR=0.0.0.0:8080 dan izinkan port 8080 di firewall.",
                            "The server can only be opened from this laptop, so the audience's phones cannot join yet. Restart it with LAPOR_ADDR=0.0.0.0:8080 and allow port 8080 in the firewall.",
                        )}</p>
                    })}
                </div>
            </div>
        }
        .into_any()
    };
    view! {
        <h1 id="slide-title">{i.t("Coba sekarang di ponsel Anda", "Try it now on your phone")}</h1>
        {body}
    }
}
