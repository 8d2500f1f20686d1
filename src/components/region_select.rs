use crate::api;
use crate::components::field::{invalid, FieldError};
use crate::i18n::use_i18n;
use domain::FieldErrors;
use crate::components::load_error::LoadError;
use leptos::either::EitherOf3;
use leptos::prelude::*;

/// One level of the official region codes (province, regency/city, district,
/// village), loaded from the server once the level above is chosen. The
/// caller owns the chosen code: `on_pick` gets the new code and its name (and
/// clears the levels below).
#[component]
pub fn RegionLevel(
    /// The chosen code of the level above; `None` for provinces.
    parent: Option<Signal<String>>,
    #[prop(into)] value: Signal<String>,
    /// The new code and its name.
    #[prop(into)]
    on_pick: Callback<(String, String)>,
    id: &'static str,
    field: &'static str,
    label: (&'static str, &'static str),
    placeholder: (&'static str, &'static str),
    #[prop(optional)] optional: bool,
    errors: RwSignal<FieldErrors>,
) -> impl IntoView {
    let i = use_i18n();
    let list = LocalResource::new(move || {
        let p = parent.map(|p| p.get());
        async move {
            match p {
                None => api::provinces().await,
                Some(p) if p.is_empty() => Ok(Vec::new()),
                Some(p) => api::region_children(&p).await,
            }
        }
    });
    let disabled = move || parent.is_some_and(|p| p.get().is_empty());
    view! {
        <div class="field">
            <label for=id>
                {move || i.lang().pick(label.0, label.1)}
                {optional.then(|| view! { <span class="optional">{i.t(" (tidak wajib)", " (optional)")}</span> })}
            </label>
            {move || match list.get() {
                None => EitherOf3::A(view! { <p class="loading">{i.t("Memuat…", "Loading…")}</p> }),
                Some(Err(e)) => EitherOf3::B(view! { <LoadError error=e /> }),
                Some(Ok(list)) => EitherOf3::C(view! {
                    <select
                        id=id
                        name=id
                        aria-describedby=format!("err-{field}")
                        aria-invalid=invalid(errors, field)
                        disabled=disabled
                        on:change:target=move |ev| {
                            let select = ev.target();
                            let name = select.selected_options().item(0).and_then(|o| o.text_content()).unwrap_or_default();
                            on_pick.run((select.value(), name));
                        }
                    >
                        <option value="">{move || i.lang().pick(placeholder.0, placeholder.1)}</option>
                        {
                            let selected = value.get_untracked();
                            list.into_iter()
                                .map(|r| {
                                    let sel = r.code == selected;
                                    view! { <option value=r.code selected=sel>{r.name}</option> }
                                })
                                .collect::<Vec<_>>()
                        }
                    </select>
                }),
            }}
            <FieldError errors field />
        </div>
    }
}
