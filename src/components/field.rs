use crate::i18n::use_i18n;
use domain::FieldErrors;
use leptos::prelude::*;

/// The message for one field, placed under it; inputs point at it with
/// `aria-describedby="err-<field>"`.
#[component]
pub fn FieldError(errors: RwSignal<FieldErrors>, field: &'static str) -> impl IntoView {
    let i = use_i18n();
    let msg = move || errors.with(|e| e.get(field).map(|issue| issue.message(i.lang())));
    view! {
        <p class="field-error" id=format!("err-{field}") role="alert" aria-live="polite">
            {msg}
        </p>
    }
}

/// `aria-invalid` for a field, reactive.
pub fn invalid(errors: RwSignal<FieldErrors>, field: &'static str) -> impl Fn() -> &'static str + Copy {
    move || if errors.with(|e| e.get(field).is_some()) { "true" } else { "false" }
}
