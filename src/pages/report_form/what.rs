use super::state::FormState;
use crate::components::field::{invalid, FieldError};
use crate::format;
use crate::i18n::{kind_hint, kind_label, use_i18n};
use domain::api::ReportKind;
use domain::validation::{BODY_MAX, BODY_MIN, TITLE_MAX};
use crate::draft::DraftStoreFields;
use leptos::prelude::*;

/// Step 1: kind, title, what happened (5W+1H), when.
#[component]
pub fn StepWhat(form: FormState) -> impl IntoView {
    let i = use_i18n();
    let errors = form.errors;
    let kinds = ReportKind::ALL
        .into_iter()
        .map(|k| {
            let id = format!("kind-{}", k.as_str());
            let label_for = id.clone();
            view! {
                <label class="choice" for=label_for>
                    <input
                        type="radio"
                        id=id
                        name="kind"
                        value=k.as_str()
                        prop:checked=move || form.draft.kind().get() == k
                        on:change=move |_| form.draft.kind().set(k)
                    />
                    <span>
                        <strong>{move || kind_label(k, i.lang())}</strong>
                        <small>{move || kind_hint(k, i.lang())}</small>
                    </span>
                </label>
            }
        })
        .collect::<Vec<_>>();
    let today = format::today().to_string();
    view! {
        <fieldset class="field">
            <legend>{i.t("Jenis laporan", "Kind of report")}</legend>
            {kinds}
        </fieldset>
        <div class="field">
            <label for="title">{i.t("Judul laporan", "Title")}</label>
            <input
                id="title"
                name="title"
                type="text"
                maxlength=TITLE_MAX
                autocomplete="off"
                enterkeyhint="next"
                aria-describedby="err-title"
                aria-invalid=invalid(errors, "title")
                bind:value=form.draft.title()
            />
            <FieldError errors field="title" />
        </div>
        <div class="field">
            <label for="body">{i.t("Isi laporan", "What happened")}</label>
            <ul class="hint w5h1" id="body-hint">
                <li>{i.t("Apa yang terjadi?", "What happened?")}</li>
                <li>{i.t("Di mana tepatnya?", "Where exactly?")}</li>
                <li>{i.t("Kapan terjadi?", "When?")}</li>
                <li>{i.t("Siapa yang terlibat atau dirugikan?", "Who was involved or harmed?")}</li>
                <li>{i.t("Bagaimana kejadiannya?", "How did it happen?")}</li>
            </ul>
            <textarea
                id="body"
                name="body"
                rows="7"
                maxlength=BODY_MAX
                aria-describedby="body-hint body-count err-body"
                aria-invalid=invalid(errors, "body")
                bind:value=form.draft.body()
            ></textarea>
            <p class="counter" id="body-count" aria-live="polite">
                {move || {
                    let n = form.draft.body().with(|b| b.trim().chars().count());
                    if n < BODY_MIN {
                        format!("{n} / {BODY_MIN}+ {}", i.lang().pick("karakter", "characters"))
                    } else {
                        format!("{n} {}", i.lang().pick("karakter", "characters"))
                    }
                }}
            </p>
            <FieldError errors field="body" />
        </div>
        <div class="field">
            <label for="incident_date">
                {i.t("Tanggal kejadian", "Date of the incident")}
                <Show when=move || form.draft.kind().get() != ReportKind::Pengaduan>
                    <span class="optional">{i.t(" (tidak wajib)", " (optional)")}</span>
                </Show>
            </label>
            <input
                id="incident_date"
                name="incident_date"
                type="date"
                max=today
                aria-describedby="err-incident_date"
                aria-invalid=invalid(errors, "incident_date")
                bind:value=form.draft.incident_date()
            />
            <FieldError errors field="incident_date" />
        </div>
    }
}
