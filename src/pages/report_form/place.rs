use super::state::{agency_label, FormState};
use crate::draft::DraftStoreFields;
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
    let d = form.draft;
    // A region picked at one level: its code, the levels below cleared, and
    // its name, for showing the place without reloading the lists. Field by
    // field: writing the whole draft would redraw the whole step.
    let pick = move |level: usize, code: String, name: String| {
        if !code.is_empty() {
            d.region_names().update(|n| {
                n.insert(code.clone(), name);
            });
        }
        let levels = [d.province(), d.regency(), d.district(), d.village()];
        levels[level].set(code);
        for below in &levels[level + 1..] {
            below.set(String::new());
        }
    };
    view! {
        <RegionLevel parent=None value=Signal::derive(move || d.province().get())
            on_pick=move |(code, name): (String, String)| pick(0, code, name)
            id="province" field="province_code" label=("Provinsi", "Province")
            placeholder=("— Pilih provinsi —", "— Choose a province —") errors />
        <RegionLevel parent=Some(Signal::derive(move || d.province().get())) value=Signal::derive(move || d.regency().get())
            on_pick=move |(code, name): (String, String)| pick(1, code, name)
            id="regency" field="regency_code" label=("Kabupaten/kota", "Regency/city")
            placeholder=("— Pilih kabupaten/kota —", "— Choose a regency/city —") errors />
        <RegionLevel parent=Some(Signal::derive(move || d.regency().get())) value=Signal::derive(move || d.district().get())
            on_pick=move |(code, name): (String, String)| pick(2, code, name)
            id="district" field="district_code" label=("Kecamatan", "District") optional=true
            placeholder=("— Pilih kecamatan —", "— Choose a district —") errors />
        <RegionLevel parent=Some(Signal::derive(move || d.district().get())) value=Signal::derive(move || d.village().get())
            on_pick=move |(code, name): (String, String)| pick(3, code, name)
            id="village" field="village_code" label=("Desa/kelurahan", "Village") optional=true
            placeholder=("— Pilih desa/kelurahan —", "— Choose a village —") errors />
        <div class="field">
            <label for="address">
                {i.t("Alamat atau patokan lokasi", "Address or landmark")}
                <span class="optional">{i.t(" (tidak wajib)", " (optional)")}</span>
            </label>
            <input id="address" name="address" type="text" autocomplete="street-address" bind:value=form.draft.address() />
            <FieldError errors field="address" />
        </div>
        <div class="field">
            <label for="category">
                {i.t("Kategori", "Category")}
                <span class="optional">{i.t(" (tidak wajib)", " (optional)")}</span>
            </label>
            <select id="category" name="category" bind:value=form.draft.category()>
                <option value="">{i.t("— Belum tahu —", "— Not sure —")}</option>
                {move || {
                    let selected = form.draft.category().get_untracked();
                    categories.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|c| {
                        let v = c.id.to_string();
                        let sel = v == selected;
                        view! { <option value=v selected=sel>{c.name}</option> }
                    }).collect::<Vec<_>>()
                }}
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
                disabled=move || form.draft.regency().get().is_empty()
                aria-describedby="agency-hint err-target_agency_id"
                aria-invalid=invalid(errors, "target_agency_id")
                bind:value=form.draft.agency()
            />
            <datalist id="agency-list">
                {move || form.agencies.get().iter().map(|a| view! { <option value=agency_label(a)></option> }).collect::<Vec<_>>()}
            </datalist>
            <FieldError errors field="target_agency_id" />
        </div>
    }
}
