//! Sharing a report: the public page's link (never the access code) with its
//! QR code, and the reporter's own "open on another phone" link, which
//! carries the code in the fragment only.

use crate::browser::share;
use crate::components::qr::Qr;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// `/laporan/<12 digits>`: the public page of a report.
pub fn public_path(number: &str) -> String {
    format!("/laporan/{number}")
}

/// `/lacak?no=<12 digits>#kode=<code>`: opens the report with the code filled in.
pub fn own_path(number: &str, code: &str) -> String {
    format!("/lacak?no={number}#kode={code}")
}

/// A link as text, with the share sheet where there is one, else a copy button.
#[component]
fn LinkActions(url: String, title: &'static str, id: &'static str) -> impl IntoView {
    let i = use_i18n();
    let done = RwSignal::new(None::<&'static str>);
    let can_share = share::can_share();
    let url2 = url.clone();
    let on_click = move |_| {
        let url = url2.clone();
        spawn_local(async move {
            let lang = i.lang();
            let msg = if can_share {
                match share::share(title, &url).await {
                    Ok(true) => Some(lang.pick("Tautan dibagikan.", "Link shared.")),
                    Ok(false) => None,
                    Err(_) => Some(lang.pick("Tidak dapat membagikan; salin tautan di atas.", "Could not share; copy the link above.")),
                }
            } else {
                match share::copy(&url).await {
                    Ok(()) => Some(lang.pick("Tautan disalin.", "Link copied.")),
                    Err(_) => Some(lang.pick(
                        "Tidak dapat menyalin otomatis; tekan lama tautan di atas lalu salin.",
                        "Could not copy; press and hold the link above to copy it.",
                    )),
                }
            };
            done.set(msg);
        });
    };
    view! {
        <p class="share-link"><a href=url.clone() id=id>{url.clone()}</a></p>
        <button type="button" class="button small" aria-describedby=format!("{id}-status") on:click=on_click>
            {if can_share { i.t("Bagikan tautan", "Share the link") } else { i.t("Salin tautan", "Copy the link") }}
        </button>
        <span class="share-status" id=format!("{id}-status") role="status">{move || done.get()}</span>
    }
}

/// The public page's link and QR code (only for a report that is public).
#[component]
pub fn SharePublic(number: String) -> impl IntoView {
    let i = use_i18n();
    let url = format!("{}{}", share::origin(), public_path(&number));
    let qr_text = url.clone();
    view! {
        <section class="card share" aria-labelledby="share-title" data-testid="share-public">
            <h2 id="share-title">{i.t("Bagikan laporan ini", "Share this report")}</h2>
            <p class="hint">{i.t(
                "Tautan ke halaman publik laporan: tanpa kode akses dan tanpa identitas pelapor.",
                "A link to the report's public page: without the access code and without the reporter's identity.",
            )}</p>
            {move || view! { <Qr text=qr_text.clone() label=i.lang().pick("Kode QR tautan halaman publik laporan", "QR code of the link to the report's public page").to_string() /> }}
            <LinkActions url=url.clone() title="LAPOR!" id="public-link" />
        </section>
    }
}

/// The reporter's own link to open the report on another phone, behind a
/// button, with a warning: whoever has it can act on the report.
#[component]
pub fn ShareOwn(number: String, code: String) -> impl IntoView {
    let i = use_i18n();
    let open = RwSignal::new(false);
    let url = format!("{}{}", share::origin(), own_path(&number, &code));
    view! {
        <section class="card share" aria-labelledby="own-title">
            <h2 id="own-title">{i.t("Buka di ponsel lain", "Open on another phone")}</h2>
            <button type="button" class="button small" aria-expanded=move || open.get().to_string() aria-controls="own-link-panel"
                on:click=move |_| open.update(|o| *o = !*o)>
                {move || if open.get() { i.lang().pick("Sembunyikan", "Hide") } else { i.lang().pick("Tampilkan kode QR & tautan pribadi", "Show the private QR code & link") }}
            </button>
            <div id="own-link-panel" hidden=move || !open.get()>
                {move || open.get().then(|| {
                    let url = url.clone();
                    view! {
                        <p class="notice warn" role="note">{i.t(
                            "Tautan dan kode QR ini memuat kode akses Anda: siapa pun yang memindainya dapat membaca seluruh laporan dan menanggapinya atas nama Anda. Jangan dibagikan.",
                            "This link and QR code carry your access code: whoever scans them can read the whole report and answer on your behalf. Do not share them.",
                        )}</p>
                        <Qr text=url.clone() label=i.lang().pick("Kode QR tautan pribadi laporan ini", "QR code of this report's private link").to_string() />
                        <LinkActions url title="LAPOR!" id="own-link" />
                    }
                })}
            </div>
        </section>
    }
}
