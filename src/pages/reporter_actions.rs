//! What the reporter can do on their own report from the tracking page:
//! answer a request for more information, accept the follow-up, or reopen it.

use crate::api::{self, ApiError};
use crate::components::field::{invalid, FieldError};
use crate::i18n::use_i18n;
use domain::api::{ReportView, ReporterAction, ReporterActionRequest, TrackRequest};
use domain::status::{available, MAX_REOPENS};
use domain::{Actor, FieldErrors, FieldIssue, Transition};
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
                <button type="button" class="button primary wide" disabled=move || pending.get()
                    on:click=move |_| { act.dispatch(ReporterAction::Accept { message: String::new() }); }>
                    {i.t("Saya puas, selesaikan laporan", "I am satisfied, close the report")}
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
