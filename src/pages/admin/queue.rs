use crate::api;
use crate::components::load_error::load_error_fallback;
use crate::components::status::{Deadline, StatusBadge};
use crate::format;
use crate::i18n::{status_label, use_i18n};
use domain::api::AdminReportSummary;
use domain::tracking::display_tracking;
use domain::Status;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Queue() -> impl IntoView {
    let i = use_i18n();
    let filter = RwSignal::new(String::new());
    let reports = LocalResource::new(move || {
        let f = Status::parse(&filter.get());
        async move { api::admin_reports(f).await }
    });
    view! {
        <h1>{i.t("Antrean laporan", "Report queue")}</h1>
        <div class="field inline">
            <label for="status-filter">{i.t("Tampilkan", "Show")}</label>
            <select id="status-filter" on:change:target=move |ev| filter.set(ev.target().value())>
                <option value="">{i.t("Semua status", "All statuses")}</option>
                {Status::ALL.into_iter().map(|s| view! {
                    <option value=s.as_str()>{move || status_label(s, i.lang())}</option>
                }).collect::<Vec<_>>()}
            </select>
        </div>
        <Transition fallback=move || view! { <p class="loading">{i.t("Memuat…", "Loading…")}</p> }>
            <ErrorBoundary fallback=load_error_fallback>
                {move || Suspend::new(async move {
                    reports.await.map(|list| {
                        if list.is_empty() {
                            view! { <p class="muted">{i.t("Tidak ada laporan.", "No reports.")}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="queue" data-testid="queue">
                                    {list.into_iter().map(|r| view! { <QueueRow r /> }).collect::<Vec<_>>()}
                                </ul>
                            }.into_any()
                        }
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn QueueRow(r: AdminReportSummary) -> impl IntoView {
    let i = use_i18n();
    let place = [r.regency.clone(), r.category.clone(), r.agency.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
    view! {
        <li class="queue-row" class:overdue=r.overdue>
            <A href=format!("/admin/laporan/{}", r.id)>
                <span class="row-title">{r.title.clone()}</span>
            </A>
            <div class="row-meta">
                <StatusBadge status=r.status />
                <span class="muted">{display_tracking(&r.tracking_number)}</span>
                <span class="muted">{move || format::date_time(r.created_at, i.lang())}</span>
                {r.anonymous.then(|| view! { <span class="tag">{i.t("Anonim", "Anonymous")}</span> })}
                {r.confidential.then(|| view! { <span class="tag">{i.t("Rahasia", "Confidential")}</span> })}
            </div>
            <p class="muted">{place}</p>
            <Deadline due_date=r.due_date.clone() overdue=r.overdue status=r.status />
        </li>
    }
}
