//! What the reporter can do on their own report from the tracking page:
//! answer a request for more information, accept the follow-up, or reopen it.

use crate::api::{self, ApiError};
use crate::components::field::{invalid, FieldError};
use crate::i18n::use_i18n;
use domain::api::{ReportView, ReporterAction, ReporterActionRequest, TrackRequest};
use domain::status::{available, MAX_REOPENS};
use domain::{rating, Actor, FieldErrors, FieldIssue, Transition};
use leptos::prelude::*;

#[component]
pub fn ReporterActions(
    report: ReportView,
    access: TrackRequest,
    /// Receives the report as the server has it after the action.
    on_done: impl Fn(ReportView) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i = use_i18n();
    let can = available(report.status, Actor::Reporter);
    if can.is_empty() {
        return ().into_any();
    }
    let text = RwSignal::new(String::new());
    let rating = RwSignal::new(0u8);
    let comment = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::default());
    let failure = RwSignal::new(None::<ApiError>);
    let act = Action::new_local(move |action: &ReporterAction| {
        let req = ReporterActionRequest {
            tracking_number: access.tracking_number.clone(),
            access_code: access.access_code.clone(),
            action: action.clone(),
        };
        async move {
            match api::track_action(&req).await {
                Ok(v) => {
                    failure.set(None);
                    errors.set(FieldErrors::default());
                    text.set(String::new());
                    on_done(v);
                }
                Err(e) => {
                    if let Some(f) = e.fields() {
                        errors.set(f.clone());
                    }
                    failure.set(Some(e));
                }
            }
        }
    });
    let pending = act.pending();
    // Texts the server requires are checked here first, on the same field.
    let with_text = move |field: &'static str, make: fn(String) -> ReporterAction| {
        let t = text.get_untracked().trim().to_string();
        if t.is_empty() {
            let mut e = FieldErrors::default();
            e.add(field, FieldIssue::Required);
            errors.set(e);
            return;
        }
        errors.set(FieldErrors::default());
        act.dispatch(make(t));
    };
    let accept = move || {
        let r = rating.get_untracked();
        if let Err(issue) = domain::rating::check(r) {
            let mut e = FieldErrors::default();
            e.add("rating", issue);
            errors.set(e);
            focus("rating-1");
            return;
        }
        errors.set(FieldErrors::default());
        act.dispatch(ReporterAction::Accept { rating: r, message: comment.get_untracked().trim().to_string() });
    };
    let error_view = move || failure.get().filter(|e| e.fields().is_none()).map(|e| view! {
        <div class="notice error" role="alert">{e.message(i.lang())}</div>
    });

    if can.contains(&Transition::SupplyInfo) {
        view! {
            <section class="card reporter-actions" aria-labelledby="reply-title">
                <h2 id="reply-title">{i.t("Lengkapi laporan Anda", "Complete your report")}</h2>
                <p class="hint">{i.t(
                    "Admin koordinator meminta informasi tambahan (lihat riwayat di atas). Jawaban Anda mengembalikan laporan ke antrean verifikasi.",
                    "The coordinator asked for more information (see the timeline above). Your answer puts the report back in the verification queue.",
                )}</p>
                <label for="reply-message">{i.t("Informasi tambahan", "Additional information")}</label>
                <textarea id="reply-message" rows="4" aria-describedby="err-message" aria-invalid=invalid(errors, "message") bind:value=text></textarea>
                <FieldError errors field="message" />
                {error_view}
                <button type="button" class="button primary wide" disabled=move || pending.get()
                    on:click=move |_| with_text("message", |message| ReporterAction::SupplyInfo { message })>
                    {i.t("Kirim informasi tambahan", "Send the information")}
                </button>
            </section>
        }
        .into_any()
    } else {
        view! {
            <section class="card reporter-actions" aria-labelledby="reply-title">
                <h2 id="reply-title">{i.t("Tanggapi tindak lanjut", "Answer the follow-up")}</h2>
                <p class="hint">{i.t(
                    "Jika tidak ditanggapi sampai batas waktu, laporan selesai dengan sendirinya.",
                    "If you do not answer by the deadline, the report closes by itself.",
                )}</p>
                {error_view}
                <fieldset class="rating" aria-describedby="err-rating">
                    <legend>{i.t("Seberapa puas Anda dengan tindak lanjut ini?", "How satisfied are you with this follow-up?")}</legend>
                    {(rating::MIN..=rating::MAX).map(|n| view! {
                        <label class="rating-option">
                            <input type="radio" name="rating" id=format!("rating-{n}") value=n.to_string()
                                prop:checked=move || rating.get() == n
                                on:change=move |_| rating.set(n) />
                            <span class="stars" aria-hidden="true">{"★".repeat(n as usize)}</span>
                            <span>{move || format!("{n} — {}", rating::label(n, i.lang()))}</span>
                        </label>
                    }).collect::<Vec<_>>()}
                </fieldset>
                <FieldError errors field="rating" />
                <label for="accept-comment">{i.t("Komentar (tidak wajib)", "Comment (optional)")}</label>
                <textarea id="accept-comment" rows="2" aria-describedby="err-message" bind:value=comment></textarea>
                <FieldError errors field="message" />
                <button type="button" class="button primary wide" disabled=move || pending.get()
                    on:click=move |_| accept()>
                    {i.t("Terima tindak lanjut & kirim penilaian", "Accept the follow-up & send the rating")}
                </button>
                <label for="reopen-reason">{i.t("Belum puas? Jelaskan alasannya", "Not satisfied? Say why")}</label>
                <textarea id="reopen-reason" rows="3" aria-describedby="reopen-hint err-reason" aria-invalid=invalid(errors, "reason") bind:value=text></textarea>
                <p class="hint" id="reopen-hint">{move || match i.lang() {
                    domain::Lang::Id => format!("Laporan kembali ke instansi yang sama; paling banyak {MAX_REOPENS} kali."),
                    domain::Lang::En => format!("The report goes back to the same agency; at most {MAX_REOPENS} times."),
                }}</p>
                <FieldError errors field="reason" />
                <button type="button" class="button wide" disabled=move || pending.get()
                    on:click=move |_| with_text("reason", |reason| ReporterAction::Reopen { reason })>
                    {i.t("Buka kembali laporan", "Reopen the report")}
                </button>
            </section>
        }
        .into_any()
    }
}

/// Moves the keyboard focus to the element with this id.
fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}
