use super::actions::ActionPanel;
use super::{check_session, AdminBar};
use crate::api;
use crate::components::load_error::load_error_fallback;
use crate::components::status::{Deadline, StatusBadge};
use crate::components::attachments::{Attachments, Source};
use crate::components::timeline::Timeline;
use crate::i18n::{kind_label, use_i18n};
use domain::api::AdminReportDetail;
use domain::tracking::display_tracking;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// `/admin/laporan/:id`.
#[component]
pub fn AdminReport() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    let version = RwSignal::new(0u32);
    let checked = check_session();
    let detail = LocalResource::new(move || {
        let id = id();
        version.track();
        async move { api::admin_report(id).await }
    });
    view! {
        <main id="main" class="page admin">
            <Suspense fallback=|| ()>{move || Suspend::new(async move { checked.await; view! { <AdminBar /> } })}</Suspense>
            <p><A href="/admin">{i.t("← Kembali ke antrean", "← Back to the queue")}</A></p>
            <Transition fallback=move || view! { <p class="loading">{i.t("Memuat…", "Loading…")}</p> }>
                <ErrorBoundary fallback=load_error_fallback>
                    {move || Suspend::new(async move {
                        detail.await.map(|d| view! {
                            <Detail d=d.clone() />
                            <ActionPanel d on_done=move || version.update(|v| *v += 1) />
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </main>
    }
}

#[component]
fn Detail(d: AdminReportDetail) -> impl IntoView {
    let i = use_i18n();
    let r = d.report;
    let kind = r.kind;
    let place = [r.village.as_ref(), r.district.as_ref(), r.regency.as_ref(), r.province.as_ref()]
        .into_iter()
        .flatten()
        .map(|x| x.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let reporter = match d.reporter {
        Some(p) => view! {
            <dd data-testid="reporter">
                {p.name} {(!p.phone.is_empty()).then(|| format!(" · {}", p.phone))}
                {(!p.email.is_empty()).then(|| format!(" · {}", p.email))}
            </dd>
        }
        .into_any(),
        None => view! {
            <dd data-testid="reporter">
                <em>{i.t("Identitas disembunyikan", "Identity hidden")}</em>
            </dd>
        }
        .into_any(),
    };
    view! {
        <article class="card">
            <p class="muted">{display_tracking(&r.tracking_number)}</p>
            <h1>{r.title.clone()}</h1>
            <p class="status-line"><StatusBadge status=r.status /></p>
            <Deadline due_date=r.due_date.clone() overdue=r.overdue status=r.status days_left=r.working_days_left />
            <dl class="facts">
                <dt>{i.t("Jenis", "Kind")}</dt>
                <dd>{move || kind_label(kind, i.lang())}</dd>
                <dt>{i.t("Tanggal kejadian", "Incident date")}</dt>
                <dd>
                    {r.incident_date.clone().map(|d| move || crate::format::long_date(&d, i.lang()))}
                </dd>
                <dt>{i.t("Lokasi", "Place")}</dt>
                <dd>{place} {(!r.address.is_empty()).then(|| format!(" — {}", r.address))}</dd>
                <dt>{i.t("Kategori", "Category")}</dt>
                <dd>{r.category.clone().map(|c| c.name).unwrap_or_else(|| "—".into())}</dd>
                <dt>{i.t("Instansi", "Agency")}</dt>
                <dd>{r.agency.clone().unwrap_or_else(|| "—".into())}</dd>
                <dt>{i.t("Pelapor", "Reporter")}</dt>
                {reporter}
                {r.rating.map(|n| view! {
                    <dt>{i.t("Penilaian pelapor", "Reporter's rating")}</dt>
                    <dd data-testid="rating">{move || format!("{n}/5 — {}", domain::rating::label(n, i.lang()))}</dd>
                })}
                <dt>{i.t("Privasi", "Privacy")}</dt>
                <dd>
                    {r.anonymous.then(|| view! { <span class="tag">{i.t("Anonim", "Anonymous")}</span> })}
                    {r.confidential.then(|| view! { <span class="tag">{i.t("Rahasia", "Confidential")}</span> })}
                    {(!r.anonymous && !r.confidential).then_some("—")}
                </dd>
            </dl>
            <p class="report-body">{r.body.clone()}</p>
        </article>
        <Attachments files=r.attachments.clone() source=Source::Admin(d.id) />
        <Timeline events=r.report.timeline source=Source::Admin(d.id) />
    }
}
