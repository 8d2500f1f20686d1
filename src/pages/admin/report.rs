//! `/admin/laporan/:id`: one report beside its actions (side by side on a
//! wide screen). An action's answer is the report as it is now: the page
//! shows it without asking again.

use super::actions::ActionPanel;
use super::media::ReportFiles;
use super::{guard, Gate};
use crate::api::{self, ApiError};
use crate::components::attachments::Source;
use crate::components::load_error::LoadError;
use crate::components::status::{Deadline, StatusBadge};
use crate::components::timeline::Timeline;
use crate::i18n::{kind_label, use_i18n};
use domain::api::{AdminReportDetail, Role};
use domain::intake::Channel;
use domain::tracking::display_tracking;
use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::route::Here;

#[component]
pub fn ReportPage() -> impl IntoView {
    view! { <Gate><Report /></Gate> }
}

#[component]
fn Report() -> impl IntoView {
    let i = use_i18n();
    let session = crate::state::use_session();
    let here = expect_context::<Here>();
    let id = Memo::new(move |_| here.path().strip_prefix("/admin/laporan/").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0));
    let detail = RwSignal::new(None::<Result<AdminReportDetail, ApiError>>);
    let done = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let id = id.get();
        detail.set(None);
        spawn_local(async move { detail.set(Some(guard(api::admin_report(id).await))) });
    });
    let on_new = Callback::new(move |d: AdminReportDetail| {
        done.set(Some(d.report.status.label(i.lang()).to_string()));
        detail.set(Some(Ok(d)));
    });
    view! {
        <p><a href="/admin">{i.t("← Kembali ke antrean", "← Back to the queue")}</a></p>
        <p class="visually-hidden" role="status">
            {move || done.get().map(|s| format!("{} {s}", i.lang().pick("Tersimpan. Status:", "Saved. Status:")))}
        </p>
        {move || match detail.get() {
            None => view! { <p class="loading">{i.t("Memuat…", "Loading…")}</p> }.into_any(),
            Some(Err(e)) => view! { <LoadError error=e /> }.into_any(),
            Some(Ok(d)) => {
                // An agency that returned the report no longer has it.
                let gone = session.0.with_untracked(|m| m.as_ref().is_some_and(|m| m.role == Role::AgencyAdmin && m.agency_id != d.agency_id));
                view! {
                    <div class="report-layout">
                        <div class="report-main"><Detail d=d.clone() /></div>
                        <aside class="report-side">
                            {if gone {
                                view! {
                                    <p class="notice" role="status" data-testid="handed-back">{i.t(
                                        "Laporan ini sudah dikembalikan ke admin koordinator dan tidak lagi ada di antrean Anda.",
                                        "This report went back to the coordinator and is no longer in your queue.",
                                    )}</p>
                                }
                                .into_any()
                            } else {
                                view! { <ActionPanel d on_new /> }.into_any()
                            }}
                        </aside>
                    </div>
                }
                .into_any()
            }
        }}
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
                {(!p.contact.is_empty()).then(|| format!(" · {}", p.contact))}
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
    let class = d.followup_class;
    let maladmin = d.maladministration;
    let archived = d.archive_reason;
    let channel = d.channel;
    let received = d.received_date.clone();
    view! {
        <article class="card">
            <p class="muted">{display_tracking(&r.tracking_number)}</p>
            <h1>{r.title.clone()}</h1>
            <p class="status-line"><StatusBadge status=r.status /></p>
            <Deadline due_date=r.due_date.clone() overdue=r.overdue status=r.status days_left=r.working_days_left />
            <dl class="facts">
                <dt>{i.t("Jenis", "Kind")}</dt>
                <dd>{move || kind_label(kind, i.lang())}</dd>
                {(channel != Channel::Web).then(|| view! {
                    <dt>{i.t("Diterima melalui", "Received by")}</dt>
                    <dd data-testid="channel">{move || format!("{}, {}", channel.label(i.lang()), crate::format::long_date(&received, i.lang()))}</dd>
                })}
                <dt>{i.t("Tanggal kejadian", "Incident date")}</dt>
                <dd>
                    {r.incident_date.clone().map(|d| move || crate::format::long_date(&d, i.lang()))}
                </dd>
                <dt>{i.t("Lokasi", "Place")}</dt>
                <dd>{place} {(!r.address.is_empty()).then(|| format!(" — {}", r.address))}</dd>
                <dt>{i.t("Kategori", "Category")}</dt>
                <dd data-testid="category">{r.category.clone().map(|c| c.name).unwrap_or_else(|| "—".into())}</dd>
                <dt>{i.t("Maladministrasi", "Maladministration")}</dt>
                <dd data-testid="maladministration">{move || maladmin.map_or("—", |m| m.label(i.lang()))}</dd>
                <dt>{i.t("Batas tindak lanjut", "Follow-up time")}</dt>
                <dd>{move || class.label(i.lang())}</dd>
                <dt>{i.t("Instansi", "Agency")}</dt>
                <dd data-testid="agency">{r.agency.clone().unwrap_or_else(|| "—".into())}</dd>
                {archived.map(|a| view! {
                    <dt>{i.t("Alasan arsip", "Archive reason")}</dt>
                    <dd>
                        {move || a.label(i.lang())}
                        {d.duplicate_of.clone().map(|o| view! {
                            " — " <a href=format!("/admin/laporan/{}", o.id)>{display_tracking(&o.tracking_number)}</a>
                        })}
                    </dd>
                })}
                <dt>{i.t("Pelapor", "Reporter")}</dt>
                {reporter}
                {r.rating.map(|n| view! {
                    <dt>{i.t("Penilaian pelapor", "Reporter's rating")}</dt>
                    <dd data-testid="rating">{move || format!("{n}/5 — {}", domain::rating::label(n, i.lang()))}</dd>
                })}
                <dt>{i.t("Privasi", "Privacy")}</dt>
                <dd data-testid="privacy">
                    {r.anonymous.then(|| view! { <span class="tag">{i.t("Anonim", "Anonymous")}</span> })}
                    {r.confidential.then(|| view! { <span class="tag">{i.t("Rahasia", "Confidential")}</span> })}
                    {(!r.anonymous && !r.confidential).then_some("—")}
                </dd>
            </dl>
            <p class="report-body">{r.body.clone()}</p>
        </article>
        <ReportFiles report_id=d.id files=r.attachments.clone() />
        <Timeline events=r.report.timeline source=Source::Admin(d.id) />
    }
}
