use crate::i18n::use_i18n;
use crate::outbox::{use_outbox, Delivery as State, OutboxItem};
use domain::tracking::{display_access_code, display_tracking};
use domain::FieldErrors;
use leptos::prelude::*;

/// What became of the report just sent: waiting on this device, confirmed
/// by the server (only then the tracking number), or refused.
#[component]
pub fn Delivery(
    key: String,
    on_again: impl Fn() + Copy + Send + Sync + 'static,
    on_fix: impl Fn(OutboxItem, FieldErrors) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i = use_i18n();
    let outbox = use_outbox();
    let item = Memo::new(move |_| outbox.get(&key));
    let again = move || view! {
        <button type="button" class="button" on:click=move |_| on_again()>{i.t("Buat laporan lain", "Write another report")}</button>
    };
    move || match item.get() {
        None => view! {
            <h1 id="delivery-title" tabindex="-1">{i.t("Buat laporan", "Write a report")}</h1>
            {again()}
        }.into_any(),
        Some(it) => match it.delivery.clone() {
            State::Waiting => {
                let files = it.files().to_vec();
                view! {
                    <section class="delivery waiting" data-testid="delivery" aria-labelledby="delivery-title">
                        <h1 id="delivery-title" tabindex="-1">{i.t("Menunggu dikirim", "Waiting to be sent")}</h1>
                        <p role="status">
                            {move || if outbox.sending.get() {
                                i.lang().pick("Sedang mengirim…", "Sending…")
                            } else if !outbox.online.get() {
                                i.lang().pick(
                                    "Tidak ada sinyal. Laporan tersimpan aman di perangkat ini dan akan dikirim otomatis saat tersambung kembali.",
                                    "No connection. The report is stored safely on this device and is sent automatically when the connection returns.",
                                )
                            } else {
                                i.lang().pick(
                                    "Belum terkirim. Laporan tersimpan aman di perangkat ini; kami mencoba lagi otomatis.",
                                    "Not sent yet. The report is stored safely on this device; we keep trying automatically.",
                                )
                            }}
                        </p>
                        // Why the last try failed, when it is not simply the missing signal.
                        {
                            let last = it.last_error.clone();
                            move || last.clone().filter(|_| outbox.online.get()).map(|e| view! { <p class="muted">{e}</p> })
                        }
                        <ul class="file-list">
                            {files.into_iter().map(|f| {
                                let id = f.id.clone();
                                view! {
                                    <li class="file-item">
                                        <span class="file-name">{f.name}</span>
                                        <progress max="100" value=move || crate::format::percent(outbox.progress.with(|p| p.get(&id).copied().unwrap_or(0.0)))></progress>
                                    </li>
                                }
                            }).collect::<Vec<_>>()}
                        </ul>
                        <p class="notice warn">{i.t(
                            "Nomor pelacakan muncul setelah server menerima laporan Anda.",
                            "The tracking number appears once the server has received your report.",
                        )}</p>
                        <div class="cta">
                            <button type="button" class="button primary" disabled=move || outbox.sending.get() on:click=move |_| outbox.flush()>
                                {i.t("Coba kirim sekarang", "Try sending now")}
                            </button>
                            {again()}
                        </div>
                        <p class="hint">{i.t(
                            "Anda boleh menulis laporan berikutnya sekarang. Laporan ini tetap dicoba kirim otomatis; statusnya ada di Laporan saya.",
                            "You can write the next report now. This one keeps being retried automatically; its state is in My reports.",
                        )} " " <a href="/saya">{i.t("Laporan saya", "My reports")}</a></p>
                    </section>
                }.into_any()
            }
            State::Sent { receipt } => {
                let href = format!("/lacak?no={}", receipt.tracking_number);
                view! {
                    <section class="receipt" data-testid="delivery" aria-labelledby="delivery-title">
                        <h1 id="delivery-title" tabindex="-1">{i.t("Laporan terkirim", "Report sent")}</h1>
                        <p>{i.t("Nomor pelacakan Anda:", "Your tracking number:")}</p>
                        <p class="big-number" data-testid="tracking-number">{display_tracking(&receipt.tracking_number)}</p>
                        <p>{i.t("Kode akses rahasia:", "Secret access code:")}</p>
                        <p class="big-code" data-testid="access-code">{display_access_code(&receipt.access_code)}</p>
                        <p class="notice warn">{i.t(
                            "Catat atau foto kode akses ini. Kode hanya ditampilkan sekali dan disimpan di perangkat ini; dengan kode ini Anda dapat melihat seluruh tindak lanjut.",
                            "Write down or photograph this access code. It is shown only once and kept on this device; with it you can see every follow-up.",
                        )}</p>
                        <div class="cta">
                            <a href=href class="button primary">{i.t("Lacak laporan ini", "Track this report")}</a>
                            {again()}
                        </div>
                    </section>
                }.into_any()
            }
            State::Rejected { message, fields } => {
                let it2 = it.clone();
                view! {
                    <section class="delivery rejected" data-testid="delivery" aria-labelledby="delivery-title">
                        <h1 id="delivery-title" tabindex="-1">{i.t("Laporan perlu diperbaiki", "The report needs correcting")}</h1>
                        <div class="notice error" role="alert">{message}</div>
                        <div class="cta">
                            <button type="button" class="button primary" on:click=move |_| on_fix(it2.clone(), fields.clone())>
                                {i.t("Perbaiki laporan", "Correct the report")}
                            </button>
                            {again()}
                        </div>
                    </section>
                }.into_any()
            }
        },
    }
}
