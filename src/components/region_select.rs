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

/// The levels of a region code, with their names.
const LEVELS: [(&str, &str); 4] = [("Provinsi", "Province"), ("Kabupaten/kota", "Regency/city"), ("Kecamatan", "District"), ("Desa/kelurahan", "Village")];

/// The first `n` parts of a region code (`61.09.01`, 2 → `61.09`); empty
/// when it has fewer.
pub fn code_prefix(code: &str, n: usize) -> String {
    let parts: Vec<&str> = code.split('.').filter(|p| !p.is_empty()).collect();
    if n == 0 || parts.len() < n { String::new() } else { parts[..n].join(".") }
}

/// A region chosen level by level from the official lists, down to `depth`
/// levels (0: none, 1: a province … 4: a village); `code` is the full code
/// of the region chosen so far, and choosing at one level clears the levels
/// below it. `ids` are the selects' ids, one per level.
#[component]
pub fn RegionPath(
    #[prop(into)] code: Signal<String>,
    #[prop(into)] depth: Signal<usize>,
    #[prop(into)] on_pick: Callback<String>,
    ids: [&'static str; 4],
) -> impl IntoView {
    use crate::components::choice::{lists, Choice};
    let below = [
        lists::provinces(),
        lists::children(Signal::derive(move || code_prefix(&code.get(), 1))),
        lists::children(Signal::derive(move || code_prefix(&code.get(), 2))),
        lists::children(Signal::derive(move || code_prefix(&code.get(), 3))),
    ];
    (0..4)
        .map(|k| {
            let options = lists::loaded(below[k]);
            move || {
                (k < depth.get()).then(|| {
                    view! {
                        <Choice id=ids[k] label=LEVELS[k] any=("Pilih", "Choose") options
                            value=Signal::derive(move || code_prefix(&code.get(), k + 1))
                            disabled=Signal::derive(move || k > 0 && code_prefix(&code.get(), k).is_empty())
                            on_pick=move |v: String| on_pick.run(if v.is_empty() { code_prefix(&code.get_untracked(), k) } else { v }) />
                    }
                })
            }
        })
        .collect_view()
}
