//! The search box and filters of the public list. They read the list's query
//! from the address and change it by navigating, so the address stays the one
//! copy of the filters (back and forward work, and a link shares them).

use crate::api;
use crate::components::choice::{lists, Choice};
use crate::route::Here;
use crate::i18n::{kind_label, use_i18n};
use domain::api::ReportKind;
use domain::public::{PublicQuery, PublicSort, PUBLIC_STATUSES};
use leptos::html;
use leptos::prelude::*;

#[component]
pub fn Filters(query: Memo<PublicQuery>) -> impl IntoView {
    let i = use_i18n();
    let here = expect_context::<Here>();

    let opened = RwSignal::new(false);
    let search = NodeRef::<html::Input>::new();
    let active = move || {
        query.with(|q| {
            [q.region().is_some(), q.kind.is_some(), q.category.is_some(), q.status.is_some(), q.agency.is_some(), q.sort.is_some()]
                .into_iter()
                .filter(|x| *x)
                .count()
        })
    };

    view! {
        <form
            class="search-form"
            role="search"
            on:submit=move |ev| {
                ev.prevent_default();
                let words = search.get().map(|s| s.value()).unwrap_or_default();
                edit(here, query, |q| q.q = Some(words.clone()).filter(|w| !w.trim().is_empty()));
            }
        >
            <label for="public-q">{i.t("Cari laporan", "Search reports")}</label>
            <div class="search-row">
                <input
                    id="public-q"
                    type="search"
                    name="q"
                    node_ref=search
                    enterkeyhint="search"
                    maxlength=domain::public::MAX_QUERY_CHARS.to_string()
                    placeholder=i.t("mis. jalan rusak", "e.g. broken road")
                    prop:value=move || query.with(|q| q.q.clone().unwrap_or_default())
                />
                <button type="submit" class="button primary">{i.t("Cari", "Search")}</button>
            </div>
        </form>
        <details class="filters" on:toggle=move |_| opened.set(true)>
            <summary>
                {i.t("Saring dan urutkan", "Filter and sort")}
                {move || (active() > 0).then(|| format!(" ({} {})", active(), i.lang().pick("aktif", "active")))}
            </summary>
            // The lists load when the filters are first opened, not with the page.
            {move || opened.get().then(|| view! { <FilterFields query /> })}
            <a class="button small" href="/laporan">{i.t("Hapus semua saringan", "Clear all filters")}</a>
        </details>
    }
}

/// Changes the list's query by going to its address.
fn edit(here: Here, query: Memo<PublicQuery>, change: impl FnOnce(&mut PublicQuery)) {
    let mut q = query.get_untracked();
    change(&mut q);
    let qs = api::public_query_string(&q);
    here.navigate(&if qs.is_empty() { "/laporan".to_string() } else { format!("/laporan?{qs}") });
}

/// The filters themselves, with the lists they offer (loaded when first shown).
#[component]
fn FilterFields(query: Memo<PublicQuery>) -> impl IntoView {
    let i = use_i18n();
    let here = expect_context::<Here>();
    let field = move |f: fn(&PublicQuery) -> Option<String>| Signal::derive(move || query.with(f).unwrap_or_default());
    let province = field(|q| q.province.clone());
    let regency = field(|q| q.regency.clone());
    let district = field(|q| q.district.clone());

    let provinces = lists::provinces();
    let regencies = lists::children(province);
    let districts = lists::children(regency);
    let categories = lists::categories();
    let agencies = lists::agencies(move || query.with(|q| q.regency.clone().or_else(|| q.province.clone())));
    let loaded = lists::loaded;

    view! {
            <Choice id="f-province" label=("Provinsi", "Province") options=loaded(provinces) value=province
                on_pick=move |v: String| edit(here, query, |q| { q.province = some(&v); q.regency = None; q.district = None; }) />
            <Choice id="f-regency" label=("Kabupaten/kota", "Regency/city") options=loaded(regencies) value=regency
                disabled=Signal::derive(move || province.get().is_empty())
                on_pick=move |v: String| edit(here, query, |q| { q.regency = some(&v); q.district = None; }) />
            <Choice id="f-district" label=("Kecamatan", "District") options=loaded(districts) value=district
                disabled=Signal::derive(move || regency.get().is_empty())
                on_pick=move |v: String| edit(here, query, |q| q.district = some(&v)) />
            <Choice id="f-kind" label=("Jenis", "Kind")
                options=Signal::derive(move || ReportKind::ALL.iter().map(|k| (k.as_str().to_string(), kind_label(*k, i.lang()).to_string())).collect())
                value=field(|q| q.kind.map(|k| k.as_str().to_string()))
                on_pick=move |v: String| edit(here, query, |q| q.kind = ReportKind::parse(&v)) />
            <Choice id="f-category" label=("Kategori", "Category") options=loaded(categories)
                value=field(|q| q.category.map(|c| c.to_string()))
                on_pick=move |v: String| edit(here, query, |q| q.category = v.parse().ok()) />
            <Choice id="f-status" label=("Status", "Status")
                options=Signal::derive(move || PUBLIC_STATUSES.iter().map(|s| (s.as_str().to_string(), s.label(i.lang()).to_string())).collect())
                value=field(|q| q.status.map(|s| s.as_str().to_string()))
                on_pick=move |v: String| edit(here, query, |q| q.status = domain::Status::parse(&v)) />
            <Choice id="f-agency" label=("Instansi", "Agency") options=loaded(agencies)
                value=field(|q| q.agency.map(|a| a.to_string()))
                on_pick=move |v: String| edit(here, query, |q| q.agency = v.parse().ok()) />
            <Choice id="f-sort" label=("Urutkan", "Sort") any=("Terbaru", "Newest")
                options=Signal::derive(move || [
                    (PublicSort::Oldest, i.lang().pick("Terlama", "Oldest")),
                    (PublicSort::Updated, i.lang().pick("Terakhir diperbarui", "Last updated")),
                ].into_iter().map(|(s, l)| (s.as_str().to_string(), l.to_string())).collect())
                value=field(|q| q.sort.filter(|s| *s != PublicSort::Newest).map(|s| s.as_str().to_string()))
                on_pick=move |v: String| edit(here, query, |q| q.sort = PublicSort::parse(&v)) />
    }
}

fn some(v: &str) -> Option<String> {
    Some(v.trim().to_string()).filter(|v| !v.is_empty())
}
