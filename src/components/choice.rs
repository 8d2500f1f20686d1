//! A labelled select whose first option means "any": one filter of a list.

use crate::api;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// A select's options: (value, name).
pub type Options = Vec<(String, String)>;

/// The lists filters offer, each loaded when first shown (an empty list
/// when the server cannot be reached: the filter then offers "any" only).
pub mod lists {
    use super::*;

    pub fn provinces() -> LocalResource<Options> {
        LocalResource::new(|| async {
            api::provinces().await.unwrap_or_default().into_iter().map(|r| (r.code, r.name)).collect::<Options>()
        })
    }

    /// The regions inside `parent` (none while it is empty).
    pub fn children(parent: Signal<String>) -> LocalResource<Options> {
        LocalResource::new(move || {
            let p = parent.get();
            async move {
                if p.is_empty() {
                    return Options::new();
                }
                api::region_children(&p).await.unwrap_or_default().into_iter().map(|r| (r.code, r.name)).collect()
            }
        })
    }

    pub fn categories() -> LocalResource<Options> {
        LocalResource::new(|| async {
            api::categories().await.unwrap_or_default().into_iter().map(|c| (c.id.to_string(), c.name)).collect::<Options>()
        })
    }

    /// The agencies of `region` (a regency or province code; all when none).
    pub fn agencies(region: impl Fn() -> Option<String> + Send + Sync + 'static) -> LocalResource<Options> {
        LocalResource::new(move || {
            let region = region();
            async move {
                let list = api::agencies(region.as_deref()).await.unwrap_or_default();
                list.into_iter().map(|a| (a.id.to_string(), a.name)).collect::<Options>()
            }
        })
    }

    /// A list as a signal (empty until loaded).
    pub fn loaded(r: LocalResource<Options>) -> Signal<Options> {
        Signal::derive(move || r.get().unwrap_or_default())
    }
}

/// One filter: a labelled select whose first option means "any".
#[component]
pub fn Choice(
    id: &'static str,
    label: (&'static str, &'static str),
    #[prop(optional)] any: Option<(&'static str, &'static str)>,
    options: Signal<Options>,
    value: Signal<String>,
    #[prop(optional, into)] disabled: Signal<bool>,
    #[prop(into)] on_pick: Callback<String>,
) -> impl IntoView {
    let i = use_i18n();
    let any = any.unwrap_or(("Semua", "All"));
    view! {
        <div class="field">
            <label for=id>{move || i.lang().pick(label.0, label.1)}</label>
            <select id=id disabled=disabled on:change:target=move |ev| on_pick.run(ev.target().value())>
                <option value="">{move || i.lang().pick(any.0, any.1)}</option>
                {move || {
                    let current = value.get();
                    options.get().into_iter().map(|(v, name)| {
                        let sel = v == current;
                        view! { <option value=v selected=sel>{name}</option> }
                    }).collect::<Vec<_>>()
                }}
            </select>
        </div>
    }
}
