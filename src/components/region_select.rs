use crate::api;
use crate::components::field::{invalid, FieldError};
use crate::i18n::use_i18n;
use domain::api::RegionRef;
use domain::FieldErrors;
use leptos::prelude::*;

fn options(list: Vec<RegionRef>, selected: String) -> impl IntoView {
    list.into_iter()
        .map(|r| {
            let sel = r.code == selected;
            view! { <option value=r.code.clone() selected=sel>{r.name}</option> }
        })
        .collect::<Vec<_>>()
}

/// Province → regency/city from the official codes, loaded from the server.
#[component]
pub fn RegionSelect(
    province: RwSignal<String>,
    regency: RwSignal<String>,
    errors: RwSignal<FieldErrors>,
) -> impl IntoView {
    let i = use_i18n();
    let provinces = LocalResource::new(api::provinces);
    let regencies = LocalResource::new(move || {
        let p = province.get();
        async move {
            if p.is_empty() {
                Ok(Vec::new())
            } else {
                api::region_children(&p).await
            }
        }
    });
    let fallback = |errs| crate::components::load_error::load_error_fallback(errs);
    view! {
        <div class="field">
            <label for="province">{i.t("Provinsi", "Province")}</label>
            <ErrorBoundary fallback>
                <Transition fallback=move || view! { <p class="loading">{i.t("Memuat…", "Loading…")}</p> }>
                    <select
                        id="province"
                        name="province"
                        aria-describedby="err-province_code"
                        aria-invalid=invalid(errors, "province_code")
                        on:change:target=move |ev| {
                            province.set(ev.target().value());
                            regency.set(String::new());
                        }
                    >
                        <option value="">{i.t("— Pilih provinsi —", "— Choose a province —")}</option>
                        {move || Suspend::new(async move {
                            provinces.await.map(|list| options(list, province.get_untracked()))
                        })}
                    </select>
                </Transition>
            </ErrorBoundary>
            <FieldError errors field="province_code" />
        </div>
        <div class="field">
            <label for="regency">{i.t("Kabupaten/kota", "Regency/city")}</label>
            <ErrorBoundary fallback>
                <Transition fallback=move || view! { <p class="loading">{i.t("Memuat…", "Loading…")}</p> }>
                    <select
                        id="regency"
                        name="regency"
                        aria-describedby="err-regency_code"
                        aria-invalid=invalid(errors, "regency_code")
                        disabled=move || province.get().is_empty()
                        on:change:target=move |ev| regency.set(ev.target().value())
                    >
                        <option value="">{i.t("— Pilih kabupaten/kota —", "— Choose a regency/city —")}</option>
                        {move || Suspend::new(async move {
                            regencies.await.map(|list| options(list, regency.get_untracked()))
                        })}
                    </select>
                </Transition>
            </ErrorBoundary>
            <FieldError errors field="regency_code" />
        </div>
    }
}
