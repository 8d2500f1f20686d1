use crate::api::ApiError;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// The fallback of an `ErrorBoundary`: what failed to load, in the user's language.
pub fn load_error_fallback(errors: ArcRwSignal<Errors>) -> impl IntoView {
    let i = use_i18n();
    let list = move || {
        errors.with(|errs| {
            errs.iter()
                .map(|(_, e)| {
                    let text = match e.clone().into_inner().downcast_ref::<ApiError>() {
                        Some(api) => api.message(i.lang()),
                        None => e.to_string(),
                    };
                    view! { <p>{text}</p> }
                })
                .collect::<Vec<_>>()
        })
    };
    view! { <div class="notice error" role="alert">{list}</div> }
}

/// What failed to load, in the user's language (where no `ErrorBoundary` is
/// needed: a resource's error shown in place of what it would have shown).
#[component]
pub fn LoadError(error: ApiError) -> impl IntoView {
    let i = use_i18n();
    view! { <div class="notice error" role="alert"><p>{move || error.message(i.lang())}</p></div> }
}
