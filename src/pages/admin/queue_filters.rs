//! The queue's filters, with the counts per status beside them. They read
//! the query from the address and change it by navigating, so the address
//! is the one copy of the filters (back and forward work; a filtered queue
//! is a link).

use crate::components::choice::{lists, Choice};
use crate::i18n::{kind_label, use_i18n};
use domain::api::ReportKind;
use domain::intake::Channel;
use domain::queue::{QueueCounts, QueueQuery, QueueSort};
use domain::Status;
use leptos::prelude::*;

/// Goes to the queue with this query (from its first page).
pub type Go = Callback<QueueQuery>;

fn some(v: &str) -> Option<String> {
    Some(v.trim().to_string()).filter(|v| !v.is_empty())
}

/// The search box: a tracking number or words of the title or body.
#[component]
pub fn QueueSearch(query: Memo<QueueQuery>, go: Go) -> impl IntoView {
    let i = use_i18n();
    let text = RwSignal::new(query.with_untracked(|q| q.q.clone().unwrap_or_default()));
    Effect::new(move |_| text.set(query.with(|q| q.q.clone().unwrap_or_default())));
    view! {
        <form
            class="queue-search"
            role="search"
            on:submit=move |ev| {
                ev.prevent_default();
                let mut q = query.get_untracked();
                q.q = some(&text.get_untracked());
                go.run(q);
            }
        >
            <label for="queue-q">{i.t("Cari nomor pelacakan atau kata", "Search a tracking number or words")}</label>
            <div class="search-row">
                <input id="queue-q" type="search" name="q" bind:value=text
                    maxlength=domain::public::MAX_QUERY_CHARS.to_string()
                    placeholder=i.t("mis. 1234-5678-9012 atau jalan rusak", "e.g. 1234-5678-9012 or broken road") />
                <button type="submit" class="button primary">{i.t("Cari", "Search")}</button>
            </div>
        </form>
    }
}

/// Statuses with how many reports each holds under the other filters;
/// choosing one filters by it.
#[component]
pub fn StatusCounts(query: Memo<QueueQuery>, counts: Signal<Option<QueueCounts>>, go: Go) -> impl IntoView {
    let i = use_i18n();
    let pick = move |status: Option<Status>, late: bool| {
        let mut q = query.get_untracked();
        q.status = status;
        q.late = late.then_some(true);
        go.run(q);
    };
    let row = move |status: Option<Status>| {
        let n = move || counts.with(|c| c.as_ref().map(|c| status.map_or(c.total, |s| c.of(s))));
        let on = move || query.with(|q| q.status == status && q.late != Some(true));
        view! {
            <li>
                <button type="button" class="count-button" aria-pressed=move || on().to_string() on:click=move |_| pick(status, false)>
                    <span>{move || status.map_or(i.lang().pick("Semua status", "All statuses"), |s| s.label(i.lang()))}</span>
                    <span class="count" data-testid=status.map_or("count-all", |s| s.as_str())>{move || n().map(|n| n.to_string())}</span>
                </button>
            </li>
        }
    };
    let late_on = move || query.with(|q| q.late == Some(true));
    view! {
        <section class="status-counts" aria-labelledby="counts-title">
            <h2 id="counts-title">{i.t("Status", "Status")}</h2>
            <ul>
                {row(None)}
                {Status::ALL.into_iter().map(|s| row(Some(s))).collect::<Vec<_>>()}
                <li>
                    <button type="button" class="count-button late" aria-pressed=move || late_on().to_string()
                        on:click=move |_| { let on = late_on(); let s = query.get_untracked().status; pick(s, !on) }>
                        <span>{i.t("⚠ Terlambat", "⚠ Late")}</span>
                        <span class="count" data-testid="count-late">{move || counts.with(|c| c.as_ref().map(|c| c.late.to_string()))}</span>
                    </button>
                </li>
            </ul>
        </section>
    }
}

/// Kind, channel, category, region, agency and order.
#[component]
pub fn QueueFilters(query: Memo<QueueQuery>, go: Go, agency_fixed: bool) -> impl IntoView {
    let i = use_i18n();
    let edit = move |change: &dyn Fn(&mut QueueQuery)| {
        let mut q = query.get_untracked();
        change(&mut q);
        go.run(q);
    };
    let field = move |f: fn(&QueueQuery) -> Option<String>| Signal::derive(move || query.with(f).unwrap_or_default());
    let province = field(|q| q.province.clone());
    let regency = field(|q| q.regency.clone());
    let provinces = lists::provinces();
    let regencies = lists::children(province);
    let districts = lists::children(regency);
    let categories = lists::categories();
    let agencies = lists::agencies(move || query.with(|q| q.regency.clone().or_else(|| q.province.clone())));
    let loaded = lists::loaded;
    let sorts = Signal::derive(move || {
        let lang = i.lang();
        [
            (QueueSort::Deadline, lang.pick("Batas waktu terdekat", "Nearest deadline")),
            (QueueSort::Newest, lang.pick("Terbaru", "Newest")),
            (QueueSort::Oldest, lang.pick("Terlama", "Oldest")),
        ]
        .into_iter()
        .map(|(s, l)| (s.as_str().to_string(), l.to_string()))
        .collect()
    });
    // Open beside the table on a desktop; folded above it on a tablet.
    let wide = window().inner_width().ok().and_then(|w| w.as_f64()).is_some_and(|w| w >= 1120.0);
    view! {
        <details class="queue-filters" open=wide>
            <summary>{i.t("Saring dan urutkan", "Filter and sort")}</summary>
            <div class="filter-fields">
            <Choice id="q-sort" label=("Urutkan", "Sort") any=("Bawaan", "Default") options=sorts
                value=field(|q| q.sort.map(|s| s.as_str().to_string()))
                on_pick=move |v: String| edit(&|q| q.sort = QueueSort::parse(&v)) />
            <Choice id="q-kind" label=("Jenis", "Kind")
                options=Signal::derive(move || ReportKind::ALL.iter().map(|k| (k.as_str().to_string(), kind_label(*k, i.lang()).to_string())).collect())
                value=field(|q| q.kind.map(|k| k.as_str().to_string()))
                on_pick=move |v: String| edit(&|q| q.kind = ReportKind::parse(&v)) />
            <Choice id="q-channel" label=("Saluran", "Channel")
                options=Signal::derive(move || Channel::ALL.iter().map(|c| (c.as_str().to_string(), c.label(i.lang()).to_string())).collect())
                value=field(|q| q.channel.map(|c| c.as_str().to_string()))
                on_pick=move |v: String| edit(&|q| q.channel = Channel::parse(&v)) />
            <Choice id="q-category" label=("Kategori", "Category") options=loaded(categories)
                value=field(|q| q.category.map(|c| c.to_string()))
                on_pick=move |v: String| edit(&|q| q.category = v.parse().ok()) />
            <Choice id="q-province" label=("Provinsi", "Province") options=loaded(provinces) value=province
                on_pick=move |v: String| edit(&|q| { q.province = some(&v); q.regency = None; q.district = None; }) />
            <Choice id="q-regency" label=("Kabupaten/kota", "Regency/city") options=loaded(regencies) value=regency
                disabled=Signal::derive(move || province.get().is_empty())
                on_pick=move |v: String| edit(&|q| { q.regency = some(&v); q.district = None; }) />
            <Choice id="q-district" label=("Kecamatan", "District") options=loaded(districts) value=field(|q| q.district.clone())
                disabled=Signal::derive(move || regency.get().is_empty())
                on_pick=move |v: String| edit(&|q| q.district = some(&v)) />
            {(!agency_fixed).then(|| view! {
                <Choice id="q-agency" label=("Instansi", "Agency") options=loaded(agencies)
                    value=field(|q| q.agency.map(|a| a.to_string()))
                    on_pick=move |v: String| edit(&|q| q.agency = v.parse().ok()) />
            })}
            <a class="button small" href="/admin">{i.t("Hapus semua saringan", "Clear all filters")}</a>
            </div>
        </details>
    }
}
