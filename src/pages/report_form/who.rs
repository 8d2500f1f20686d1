use super::state::FormState;
use crate::components::field::{invalid, FieldError};
use crate::i18n::use_i18n;
use crate::draft::DraftStoreFields;
use leptos::prelude::*;

/// Step 4: anonymous / confidential, and how to reach the reporter.
#[component]
pub fn StepWho(form: FormState) -> impl IntoView {
    let i = use_i18n();
    let errors = form.errors;
    view! {
        <fieldset class="field">
            <legend>{i.t("Privasi", "Privacy")}</legend>
            <label class="choice" for="anonymous">
                <input id="anonymous" type="checkbox" bind:checked=form.draft.anonymous() />
                <span>
                    <strong>{i.t("Anonim", "Anonymous")}</strong>
                    <small>
                        {i.t(
                            "Nama dan kontak Anda tidak ditampilkan kepada instansi terlapor, pimpinan, maupun publik; hanya admin koordinator yang melihatnya.",
                            "Your name and contact are hidden from the agency, its leaders and the public; only the coordinating admin sees them.",
                        )}
                    </small>
                </span>
            </label>
            <label class="choice" for="confidential">
                <input id="confidential" type="checkbox" bind:checked=form.draft.confidential() />
                <span>
                    <strong>{i.t("Rahasia", "Confidential")}</strong>
                    <small>
                        {i.t(
                            "Seluruh isi laporan tidak dapat dilihat publik; hanya Anda (dengan kode akses) dan petugas yang menanganinya.",
                            "The whole report is hidden from the public; only you (with your access code) and the officers handling it see it.",
                        )}
                    </small>
                </span>
            </label>
        </fieldset>
        <fieldset class="field">
            <legend>{i.t("Data pelapor", "About you")}</legend>
            <Show when=move || form.draft.anonymous().get()>
                <p class="hint">
                    {i.t(
                        "Karena anonim, nama dan kontak boleh dikosongkan; tanpa kontak kami tidak dapat menghubungi Anda.",
                        "As you are anonymous, name and contact may stay empty; without a contact we cannot reach you.",
                    )}
                </p>
            </Show>
            <label for="reporter_name">{i.t("Nama", "Name")}</label>
            <input id="reporter_name" name="name" type="text" autocomplete="name"
                aria-describedby="err-reporter_name" aria-invalid=invalid(errors, "reporter_name")
                bind:value=form.draft.name() />
            <FieldError errors field="reporter_name" />
            <label for="reporter_phone">{i.t("Nomor HP", "Phone number")}</label>
            <input id="reporter_phone" name="phone" type="tel" inputmode="tel" autocomplete="tel"
                aria-describedby="err-reporter_phone" aria-invalid=invalid(errors, "reporter_phone")
                bind:value=form.draft.phone() />
            <FieldError errors field="reporter_phone" />
            <label for="reporter_email">{i.t("E-mail", "E-mail")}</label>
            <input id="reporter_email" name="email" type="email" inputmode="email" autocomplete="email"
                aria-describedby="err-reporter_email" aria-invalid=invalid(errors, "reporter_email")
                bind:value=form.draft.email() />
            <FieldError errors field="reporter_email" />
        </fieldset>
    }
}
