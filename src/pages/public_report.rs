//! `/laporan/:nomor`: one public report as anyone may see it — what, where,
//! which agency, how long it has left, and what happened so far.

use crate::api::{self, ApiError};
use crate::components::status::{Deadline, StatusBadge};
use crate::components::share::SharePublic;
use crate::components::timeline::Timeline;
use crate::i18n::{kind_label, use_i18n};
use domain::public::PublicReport;
use domain::tracking::{display_tracking, normalize_tracking};
use leptos::either::EitherOf4;
use leptos::prelude::*;

#[component]
pub fn PublicReportPage(
    /// The tracking number in the address, as written there.
    nomor: String,
) -> impl IntoView {
    let i = use_i18n();
    let number = normalize_tracking(&nomor);
    let report = LocalResource::new(move || {
        let n = number.clone();
        async move {
            match n {
                Some(n) => api::public_report(&n).await.map(Some),
                None => Ok(None),
            }
        }
    });
    view! {
        <main id="main" class="page public-report">
            <p><a href="/laporan">{i.t("← Semua laporan", "← All reports")}</a></p>
            {move || match report.get() {
                None => EitherOf4::A(view! { <p class="loading">{i.t("Memuat laporan…", "Loading the report…")}</p> }),
                Some(Ok(Some(r))) => EitherOf4::B(view! { <Report r /> }),
                Some(Ok(None) | Err(ApiError::NotFound(_))) => EitherOf4::C(view! { <Missing /> }),
                Some(Err(e)) => EitherOf4::D(view! {
                    <h1>{i.t("Laporan", "Report")}</h1>
                    <p class="notice error" role="alert">{e.message(i.lang())}</p>
                }),
            }}
        </main>
    }
}

#[component]
fn Missing() -> impl IntoView {
    let i = use_i18n();
    view! {
        <h1>{i.t("Laporan tidak ditemukan", "Report not found")}</h1>
        <p>{i.t(
            "Nomor ini tidak ada, atau laporannya rahasia atau belum diverifikasi. Pelapor dapat melihat laporannya sendiri di halaman Lacak dengan kode akses.",
            "This number does not exist, or the report is confidential or not verified yet. Reporters can see their own report on the Track page with their access code.",
        )}</p>
        <p><a href="/lacak">{i.t("Lacak laporan saya", "Track my report")}</a></p>
    }
}

#[component]
fn Report(r: PublicReport) -> impl IntoView {
    let i = use_i18n();
    let place = [r.village.as_ref(), r.district.as_ref(), r.regency.as_ref(), r.province.as_ref()]
        .into_iter()
        .flatten()
        .map(|p| p.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let kind = r.kind;
    view! {
        <h1>{r.title.clone()}</h1>
        <p class="row-meta">
            <StatusBadge status=r.status />
            <span class="tag">{move || kind_label(kind, i.lang())}</span>
            <span class="muted">{display_tracking(&r.tracking_number)}</span>
        </p>
        <Deadline due_date=r.due_date.clone() overdue=r.overdue status=r.status days_left=r.working_days_left />
        <p class="report-body">{r.body.clone()}</p>
        <dl class="facts">
            <dt>{i.t("Lokasi", "Place")}</dt>
            <dd>{place}{(!r.address.is_empty()).then(|| format!(" — {}", r.address))}</dd>
            {r.category.clone().map(|c| view! { <dt>{i.t("Kategori", "Category")}</dt><dd>{c.name}</dd> })}
            {r.agency.clone().map(|a| view! { <dt>{i.t("Instansi", "Agency")}</dt><dd>{a}</dd> })}
            {r.incident_date.clone().map(|d| view! {
                <dt>{i.t("Tanggal kejadian", "Date of the incident")}</dt>
                <dd>{move || crate::format::long_date(&d, i.lang())}</dd>
            })}
        </dl>
        <Timeline events=r.timeline />
        <SharePublic number=r.tracking_number.clone() />
    }
}
