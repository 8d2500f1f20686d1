use super::state::FormState;
use crate::components::field::{invalid, FieldError};
use crate::format;
use crate::i18n::{kind_label, use_i18n};
use crate::draft::DraftStoreFields;
use leptos::prelude::*;

/// Step 5: everything once more, the consent line, and send.
#[component]
pub fn StepReview(form: FormState) -> impl IntoView {
    let i = use_i18n();
    let dash = |s: String| if s.trim().is_empty() { "—".to_string() } else { s };
    let place = move || form.place();
    let privacy = move || {
        let mut v = Vec::new();
        if form.draft.anonymous().get() {
            v.push(i.lang().pick("Anonim", "Anonymous"));
        }
        if form.draft.confidential().get() {
            v.push(i.lang().pick("Rahasia", "Confidential"));
        }
        if v.is_empty() {
            v.push(i.lang().pick("Biasa (nama terlihat oleh instansi)", "Ordinary (the agency sees your name)"));
        }
        v.join(", ")
    };
    view! {
        <dl class="facts review">
            <dt>{i.t("Jenis", "Kind")}</dt>
            <dd>{move || kind_label(form.draft.kind().get(), i.lang())}</dd>
            <dt>{i.t("Judul", "Title")}</dt>
            <dd>{move || dash(form.draft.title().get())}</dd>
            <dt>{i.t("Isi", "Report")}</dt>
            <dd class="report-body">{move || dash(form.draft.body().get())}</dd>
            <dt>{i.t("Tanggal kejadian", "Incident date")}</dt>
            <dd>{move || {
                let d = form.draft.incident_date().get();
                if d.is_empty() { "—".to_string() } else { format::long_date(&d, i.lang()) }
            }}</dd>
            <dt>{i.t("Lokasi", "Place")}</dt>
            <dd>{place} {move || { let a = form.draft.address().get(); (!a.is_empty()).then(|| format!(" — {a}")) }}</dd>
            <dt>{i.t("Instansi tujuan", "Agency")}</dt>
            <dd>{move || dash(form.draft.agency().get())}</dd>
            <dt>{i.t("Lampiran", "Attachments")}</dt>
            <dd>{move || {
                let f = form.draft.files().get();
                if f.is_empty() { "—".to_string() } else { f.iter().map(|x| x.name.clone()).collect::<Vec<_>>().join(", ") }
            }}</dd>
            <dt>{i.t("Privasi", "Privacy")}</dt>
            <dd>{privacy}</dd>
            <dt>{i.t("Pelapor", "Reporter")}</dt>
            <dd>{move || {
                let parts: Vec<String> = [form.draft.name().get(), form.draft.phone().get(), form.draft.email().get()].into_iter().filter(|s| !s.trim().is_empty()).collect();
                dash(parts.join(" · "))
            }}</dd>
        </dl>
        <div class="field">
            <label class="choice" for="consent">
                <input id="consent" type="checkbox" aria-describedby="err-consent" aria-invalid=invalid(form.errors, "consent") bind:checked=form.draft.consent() />
                <span>
                    {i.t(
                        "Saya menyatakan laporan ini benar dan menyetujui data saya diproses untuk menindaklanjutinya.",
                        "I confirm this report is true and agree that my data is processed to follow it up.",
                    )}
                </span>
            </label>
            <FieldError errors=form.errors field="consent" />
        </div>
    }
}
