use super::state::{agency_label, FormState};
use crate::api;
use crate::components::field::{invalid, FieldError};
use crate::components::region_select::RegionLevel;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// Step 2: region cascade, address, category, target agency (searchable).
#[component]
pub fn StepPlace(form: FormState) -> impl IntoView {
    let i = use_i18n();
    let errors = form.errors;
    let categories = LocalResource::new(api::categories);
    view! {
        <RegionLevel parent=None value=form.province clear=vec![form.regency, form.district, form.village]
            id="province" field="province_code" label=("Provinsi", "Province")
            placeholder=("— Pilih provinsi —", "— Choose a province —") errors names=form.region_names />
        <RegionLevel parent=Some(form.province) value=form.regency clear=vec![form.district, form.village]
            id="regency" field="regency_code" label=("Kabupaten/kota", "Regency/city")
            placeholder=("— Pilih kabupaten/kota —", "— Choose a regency/city —") errors names=form.region_names />
        <RegionLevel parent=Some(form.regency) value=form.district clear=vec![form.village]
            id="district" field="district_code" label=("Kecamatan", "District") optional=true
            placeholder=("— Pilih kecamatan —", "— Choose a district —") errors names=form.region_names />
        <RegionLevel parent=Some(form.district) value=form.village clear=Vec::new()
            id="village" field="village_code" label=("Desa/kelurahan", "Village") optional=true
            placeholder=("— Pilih desa/kelurahan —", "— Choose a village —") errors names=form.region_names />
        <div class="field">
            <label for="address">
                {i.t("Alamat atau patokan lokasi", "Address or landmark")}
                <span class="optional">{i.t(" (tidak wajib)", " (optional)")}</span>
            </label>
            <input id="address" name="address" type="text" autocomplete="street-address" bind:value=form.address />
            <FieldError errors field="address" />
        </div>
        <div class="field">
            <label for="category">
                {i.t("Kategori", "Category")}
                <span class="optional">{i.t(" (tidak wajib)", " (optional)")}</span>
            </label>
            <select id="category" name="category" bind:value=form.category>
                <option value="">{i.t("— Belum tahu —", "— Not sure —")}</option>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        let selected = form.category.get_untracked();
                        categories.await.map(|cats| cats.into_iter().map(|c| {
                            let v = c.id.to_string();
                            let sel = v == selected;
                            view! { <option value=v selected=sel>{c.name}</option> }
                        }).collect::<Vec<_>>()).unwrap_or_default()
                    })}
                </Transition>
            </select>
            <FieldError errors field="category_id" />
        </div>
        <div class="field">
            <label for="agency">
                {i.t("Instansi tujuan", "Agency")}
                <span class="optional">{i.t(" (tidak wajib; ketik untuk mencari)", " (optional; type to search)")}</span>
            </label>
            <p class="hint" id="agency-hint">
                {i.t(
                    "Jika ragu, kosongkan: admin koordinator akan memilih instansi yang berwenang.",
                    "If unsure, leave it empty: the coordinator chooses the agency in charge.",
                )}
            </p>
            <input
                id="agency"
                name="agency"
                type="search"
                list="agency-list"
                autocomplete="off"
                disabled=move || form.regency.get().is_empty()
                aria-describedby="agency-hint err-target_agency_id"
                aria-invalid=invalid(errors, "target_agency_id")
                bind:value=form.agency
            />
            <datalist id="agency-list">
                {move || form.agencies.get().iter().map(|a| view! { <option value=agency_label(a)></option> }).collect::<Vec<_>>()}
            </datalist>
            <FieldError errors field="target_agency_id" />
        </div>
    }
}
