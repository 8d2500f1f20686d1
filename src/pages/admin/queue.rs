//! `/admin`: the queue. Filters, search and order live in the address; rows
//! come a page at a time (keyset, "Muat lebih banyak"); on a wide screen it
//! is a dense table. Coordinators select rows to archive them together.

use super::bulk::BulkArchiveBar;
use super::queue_filters::{Go, QueueFilters, QueueSearch, StatusCounts};
use super::{guard, Gate};
use crate::api::{self, ApiError};
use crate::components::load_error::LoadError;
use crate::components::status::StatusBadge;
use crate::format;
use crate::i18n::{kind_label, use_i18n};
use crate::state::use_session;
use domain::api::{AdminReportSummary, Role};
use domain::intake::Channel;
use domain::queue::{QueuePage as Page, QueueQuery, QueueSort};
use domain::tracking::display_tracking;
use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::route::Here;

#[component]
pub fn QueuePage() -> impl IntoView {
    view! { <Gate><Queue /></Gate> }
}

#[component]
fn Queue() -> impl IntoView {
    let i = use_i18n();
    let session = use_session();
    let role = session.0.with_untracked(|m| m.as_ref().map(|m| m.role));
    let coordinates = role.is_some_and(Role::coordinates);
    let here = expect_context::<Here>();
    let query = Memo::new(move |_| QueueQuery::from_pairs(|k| here.query(k)));
    let go: Go = Callback::new(move |q: QueueQuery| {
        let qs = api::query_string(q.first_page().to_pairs());
        here.navigate(&if qs.is_empty() { "/admin".into() } else { format!("/admin?{qs}") });
    });

    let first = LocalResource::new(move || {
        let q = query.get();
        async move { guard(api::admin_queue(&q).await) }
    });
    // Pages after the first ("Muat lebih banyak"); a new query starts over.
    let more = RwSignal::new(Vec::<AdminReportSummary>::new());
    let next = RwSignal::new(None::<Option<String>>);
    let more_error = RwSignal::new(None::<ApiError>);
    let selected = RwSignal::new(Vec::<i64>::new());
    Effect::new(move |_| {
        query.track();
        more.set(Vec::new());
        next.set(None);
        more_error.set(None);
        selected.set(Vec::new());
    });
    let loading_more = RwSignal::new(false);
    let load_more = move || {
        let Some(Some(after)) = next.get_untracked().or_else(|| first.get_untracked().and_then(|r| r.ok()).map(|p| p.next)) else { return };
        loading_more.set(true);
        let q = QueueQuery { after: Some(after), ..query.get_untracked() };
        spawn_local(async move {
            match guard(api::admin_queue(&q).await) {
                Ok(page) => {
                    more.update(|m| m.extend(page.items));
                    next.set(Some(page.next));
                    more_error.set(None);
                }
                Err(e) => more_error.set(Some(e)),
            }
            loading_more.set(false);
        });
    };
    let counts = Signal::derive(move || first.get().and_then(|r| r.ok()).map(|p| p.counts));
    let page = move || first.get();

    view! {
        <div class="queue-head">
            <h1>{i.t("Antrean laporan", "Report queue")}</h1>
            {coordinates.then(|| view! {
                <a class="button" href="/admin/terima">{i.t("Catat laporan dari surat, loket, telepon…", "Enter a report from a letter, the counter, a call…")}</a>
            })}
        </div>
        <div class="queue-layout">
            <aside class="queue-side">
                <StatusCounts query counts go />
                <QueueFilters query go agency_fixed=role == Some(Role::AgencyAdmin) />
            </aside>
            <div class="queue-main">
                <QueueSearch query go />
                {coordinates.then(|| view! { <BulkArchiveBar selected on_done=Callback::new(move |_| first.refetch()) /> })}
                {move || match page() {
                    None => view! { <p class="loading">{i.t("Memuat…", "Loading…")}</p> }.into_any(),
                    Some(Err(e)) => view! { <LoadError error=e /> }.into_any(),
                    Some(Ok(p)) => view! { <QueueTable p more selected coordinates /> }.into_any(),
                }}
                {move || more_error.get().map(|e| view! { <LoadError error=e /> })}
                {move || {
                    let has_next = match next.get() {
                        Some(n) => n.is_some(),
                        None => first.get().and_then(|r| r.ok()).is_some_and(|p| p.next.is_some()),
                    };
                    has_next.then(|| view! {
                        <button type="button" class="button" disabled=move || loading_more.get() on:click=move |_| load_more()>
                            {move || if loading_more.get() { i.lang().pick("Memuat…", "Loading…") } else { i.lang().pick("Muat lebih banyak", "Load more") }}
                        </button>
                    })
                }}
            </div>
        </div>
    }
}

#[component]
fn QueueTable(p: Page, more: RwSignal<Vec<AdminReportSummary>>, selected: RwSignal<Vec<i64>>, coordinates: bool) -> impl IntoView {
    let i = use_i18n();
    if p.items.is_empty() {
        return view! { <p class="muted" data-testid="queue-empty">{i.t("Tidak ada laporan yang cocok.", "No reports match.")}</p> }.into_any();
    }
    let first: Vec<AdminReportSummary> = p.items;
    let first_ids: Vec<i64> = first.iter().map(|r| r.id).collect();
    let all_ids = move || {
        let mut ids = first_ids.clone();
        ids.extend(more.with(|m| m.iter().map(|r| r.id).collect::<Vec<_>>()));
        ids
    };
    let all_ids2 = all_ids.clone();
    let all_on = move || {
        let ids = all_ids2();
        !ids.is_empty() && selected.with(|s| ids.iter().all(|id| s.contains(id)))
    };
    let sort = p.sort;
    let first_len = first.len();
    view! {
        <p class="muted queue-summary" aria-live="polite">
            {move || {
                let shown = first_len + more.with(Vec::len);
                let order = match sort {
                    QueueSort::Deadline => i.lang().pick("batas waktu terdekat", "nearest deadline"),
                    QueueSort::Newest => i.lang().pick("terbaru", "newest"),
                    QueueSort::Oldest => i.lang().pick("terlama", "oldest"),
                };
                match i.lang() {
                    domain::Lang::Id => format!("{shown} laporan ditampilkan, urut {order}."),
                    domain::Lang::En => format!("{shown} reports shown, {order} first."),
                }
            }}
        </p>
        <table class="queue-table" data-testid="queue">
            <caption class="visually-hidden">{i.t("Antrean laporan", "Report queue")}</caption>
            <thead>
                <tr>
                    {coordinates.then(|| view! {
                        <th scope="col" class="pick">
                            <input type="checkbox" aria-label=i.t("Pilih semua yang ditampilkan", "Select all shown")
                                prop:checked=all_on
                                on:change:target=move |ev| {
                                    let ids = all_ids();
                                    if ev.target().checked() { selected.set(ids) } else { selected.set(Vec::new()) }
                                } />
                        </th>
                    })}
                    <th scope="col" class="num">{i.t("Nomor", "Number")}</th>
                    <th scope="col" class="title">{i.t("Judul", "Title")}</th>
                    <th scope="col" class="status">{i.t("Status", "Status")}</th>
                    <th scope="col" class="region">{i.t("Wilayah", "Region")}</th>
                    <th scope="col" class="agency">{i.t("Instansi", "Agency")}</th>
                    <th scope="col" class="due">{i.t("Sisa hari kerja", "Working days")}</th>
                </tr>
            </thead>
            <tbody>
                {first.into_iter().map(|r| view! { <Row r selected coordinates /> }).collect::<Vec<_>>()}
                <For each=move || more.get() key=|r| r.id let(r)>
                    <Row r selected coordinates />
                </For>
            </tbody>
        </table>
    }
    .into_any()
}

/// The deadline in a narrow column, in working days (the column says so):
/// "2 hari lagi", "hari terakhir", "terlambat 4 hari".
fn days(n: i64, late: bool, lang: domain::Lang) -> String {
    use domain::Lang::{En, Id};
    match (late, n, lang) {
        (false, n, Id) if n > 0 => format!("{n} hari lagi"),
        (false, 1, En) => "1 day left".into(),
        (false, n, En) if n > 0 => format!("{n} days left"),
        (false, _, Id) => "hari terakhir".into(),
        (false, _, En) => "last day".into(),
        (true, n, Id) => format!("terlambat {} hari", n.abs().max(1)),
        (true, n, En) => format!("{} days late", n.abs().max(1)),
    }
}

/// "Kabupaten Sekadau" → "Kab. Sekadau", for a narrow column (the full
/// name is the cell's title).
fn short_region(name: &str) -> String {
    match name.strip_prefix("Kabupaten ") {
        Some(rest) => format!("Kab. {rest}"),
        None => name.to_string(),
    }
}

#[component]
fn Row(r: AdminReportSummary, selected: RwSignal<Vec<i64>>, coordinates: bool) -> impl IntoView {
    let i = use_i18n();
    let id = r.id;
    let number = display_tracking(&r.tracking_number);
    let late = r.overdue;
    let kind = r.kind;
    let channel = r.channel;
    let deadline = match (r.working_days_left, r.due_date.clone()) {
        (Some(n), Some(due)) => Some((n, due)),
        _ => None,
    };
    let on = move || selected.with(|s| s.contains(&id));
    view! {
        <tr class:late=late data-testid="queue-row" data-late=late.to_string()>
            {coordinates.then(|| {
                let label = format!("{} {number}", i.lang().pick("Pilih laporan", "Select report"));
                view! {
                    <td class="pick">
                        <input type="checkbox" aria-label=label prop:checked=on
                            on:change:target=move |ev| {
                                let checked = ev.target().checked();
                                selected.update(|s| { s.retain(|x| *x != id); if checked { s.push(id) } });
                            } />
                    </td>
                }
            })}
            <td class="num">{number.clone()}</td>
            <td class="title" title=r.title.clone()>
                <span class="title-line">
                    <a href=format!("/admin/laporan/{id}")>{r.title.clone()}</a>
                    <span class="row-tags">
                        <span class="muted">{move || kind_label(kind, i.lang())}</span>
                        {(channel != Channel::Web).then(|| view! { <span class="tag">{move || channel.label(i.lang())}</span> })}
                        {r.anonymous.then(|| view! { <span class="tag">{i.t("Anonim", "Anonymous")}</span> })}
                        {r.confidential.then(|| view! { <span class="tag">{i.t("Rahasia", "Confidential")}</span> })}
                    </span>
                </span>
            </td>
            <td class="status"><StatusBadge status=r.status /></td>
            <td class="region" title=r.regency.clone()>{r.regency.as_deref().map(short_region)}</td>
            <td class="agency" title=r.agency.clone()>{r.agency.clone().unwrap_or_else(|| "—".into())}</td>
            <td class="due" data-testid="row-deadline">
                {deadline.map(|(n, due)| view! {
                    <span class:late-flag=late>
                        {late.then(|| view! { <span aria-hidden="true">"⚠ "</span> })}
                        {move || days(n, late, i.lang())}
                    </span>
                    <span class="visually-hidden">{move || format!(" · {}", format::short_date(&due, i.lang()))}</span>
                })}
                {(r.working_days_left.is_none()).then_some("—")}
            </td>
        </tr>
    }
}
