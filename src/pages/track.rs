//! `/lacak`: follow a report by its number (status only) or number + code (everything).

use crate::api::{self, ApiError};
use crate::components::field::{invalid, FieldError};
use crate::components::status::{Deadline, StatusBadge};
use crate::components::attachments::{Attachments, Source};
use crate::components::share::{ShareOwn, SharePublic};
use crate::components::timeline::Timeline;
use crate::pages::reporter_actions::ReporterActions;
use crate::format;
use crate::i18n::{kind_label, use_i18n};
use crate::state::access_code_for;
use domain::api::{PublicStatus, ReportView, TrackRequest};
use domain::public::is_public;
use domain::tracking::{display_tracking, normalize_access_code, normalize_tracking};
use domain::{FieldErrors, FieldIssue};
use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq)]
enum Found {
    Public(PublicStatus),
    Full(Box<ReportView>, TrackRequest),
}

#[component]
pub fn Track() -> impl IntoView {
    let i = use_i18n();
    let here = crate::route::use_here();
    let number = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::default());
    let result = RwSignal::new(None::<Result<Found, ApiError>>);

    let lookup = Action::new_local(move |req: &TrackRequest| {
        let req = req.clone();
        async move {
            let r = if req.access_code.is_empty() {
                api::track_public(&req.tracking_number).await.map(Found::Public)
            } else {
                api::track_full(&req).await.map(|v| Found::Full(Box::new(v), req.clone()))
            };
            if let Err(e) = &r {
                if let Some(f) = e.fields() {
                    errors.set(f.clone());
                }
            }
            result.set(Some(r));
        }
    });

    let run = move || {
        let mut errs = FieldErrors::default();
        let n = normalize_tracking(&number.get_untracked());
        if n.is_none() {
            errs.add("tracking_number", FieldIssue::InvalidTrackingNumber);
        }
        let raw_code = code.get_untracked();
        let c = if raw_code.trim().is_empty() { Some(String::new()) } else { normalize_access_code(&raw_code) };
        if c.is_none() {
            errs.add("access_code", FieldIssue::InvalidAccessCode);
        }
        let ok = errs.is_empty();
        errors.set(errs);
        if let (true, Some(n), Some(c)) = (ok, n, c) {
            lookup.dispatch(TrackRequest { tracking_number: n, access_code: c });
        }
    };

    // A code in the fragment (`#kode=…`, the reporter's "other phone" link) is
    // read once and removed from the address bar at once.
    let fragment_code = crate::browser::share::take_fragment_code().and_then(|c| normalize_access_code(&c));
    if let Some(c) = &fragment_code {
        code.set(domain::tracking::display_access_code(c));
    }
    // Arriving with ?no=…: fill in the number (and the fragment's or this device's code) and look it up.
    Effect::new(move |_| {
        if let Some(no) = here.and_then(|h| h.query("no")) {
            if let Some(n) = normalize_tracking(&no) {
                number.set(display_tracking(&n));
                let c = fragment_code.clone().or_else(|| access_code_for(&n));
                code.set(c.map(|c| domain::tracking::display_access_code(&c)).unwrap_or_default());
                run();
            }
        }
    });

    let pending = lookup.pending();

    view! {
        <main id="main" class="page">
            <h1>{i.t("Lacak laporan", "Track a report")}</h1>
            <form class="track-form" novalidate on:submit=move |ev| { ev.prevent_default(); run(); }>
                <div class="field">
                    <label for="tracking_number">{i.t("Nomor pelacakan", "Tracking number")}</label>
                    <input
                        id="tracking_number"
                        name="tracking_number"
                        type="text"
                        inputmode="numeric"
                        autocomplete="off"
                        placeholder="1234-5678-9012"
                        aria-describedby="err-tracking_number"
                        aria-invalid=invalid(errors, "tracking_number")
                        bind:value=number
                    />
                    <FieldError errors field="tracking_number" />
                </div>
                <div class="field">
                    <label for="access_code">
                        {i.t("Kode akses", "Access code")}
                        <span class="optional">{i.t(" (untuk melihat seluruh isi)", " (to see everything)")}</span>
                    </label>
                    <input
                        id="access_code"
                        name="access_code"
                        type="text"
                        autocomplete="off"
                        autocapitalize="none"
                        spellcheck="false"
                        aria-describedby="err-access_code"
                        aria-invalid=invalid(errors, "access_code")
                        bind:value=code
                    />
                    <FieldError errors field="access_code" />
                </div>
                <button type="submit" class="button primary wide" disabled=move || pending.get()>
                    {move || if pending.get() { i.lang().pick("Mencari…", "Looking up…") } else { i.lang().pick("Lacak", "Track") }}
                </button>
            </form>

            <div aria-live="polite">
                {move || result.get().map(|r| match r {
                    Ok(Found::Public(s)) => view! { <PublicStatusView status=s /> }.into_any(),
                    Ok(Found::Full(v, access)) => {
                        let again = StoredValue::new(access.clone());
                        let on_update = move |nv: ReportView| result.set(Some(Ok(Found::Full(Box::new(nv), again.get_value()))));
                        view! { <FullView report=*v access on_update /> }.into_any()
                    }
                    Err(ApiError::NotFound(_)) => view! {
                        <div class="notice error" role="alert">
                            {i.t(
                                "Laporan tidak ditemukan. Periksa nomor dan kode akses Anda.",
                                "No report found. Check the number and the access code.",
                            )}
                        </div>
                    }.into_any(),
                    Err(e) => view! { <div class="notice error" role="alert">{e.message(i.lang())}</div> }.into_any(),
                })}
            </div>

            <p><a href="/saya">{i.t("Laporan saya di perangkat ini", "My reports on this device")}</a></p>
        </main>
    }
}

#[component]
fn PublicStatusView(status: PublicStatus) -> impl IntoView {
    let i = use_i18n();
    view! {
        <section class="card result" data-testid="track-result">
            <h2>{display_tracking(&status.tracking_number)}</h2>
            <p>
                {move || kind_label(status.kind, i.lang())} " · "
                {move || format::date_time(status.created_at, i.lang())}
            </p>
            <p class="status-line">{i.t("Status: ", "Status: ")}<StatusBadge status=status.status /></p>
            <Deadline due_date=status.due_date.clone() overdue=status.overdue status=status.status days_left=status.working_days_left />
            <p class="hint">
                {i.t(
                    "Masukkan kode akses untuk melihat isi laporan dan tindak lanjutnya.",
                    "Enter the access code to see the report and its follow-up.",
                )}
            </p>
        </section>
        {is_public(status.status, false).then(|| view! { <SharePublic number=status.tracking_number.clone() /> })}
    }
}

#[component]
fn FullView(
    report: ReportView,
    access: TrackRequest,
    on_update: impl Fn(ReportView) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i = use_i18n();
    let kind = report.kind;
    let place = [report.village.as_ref(), report.district.as_ref(), report.regency.as_ref(), report.province.as_ref()]
        .into_iter()
        .flatten()
        .map(|r| r.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <section class="card result" data-testid="track-result">
            <p class="muted">{display_tracking(&report.tracking_number)}</p>
            <h2>{report.title.clone()}</h2>
            <p class="status-line">{i.t("Status: ", "Status: ")}<StatusBadge status=report.status /></p>
            <Deadline due_date=report.due_date.clone() overdue=report.overdue status=report.status days_left=report.working_days_left />
            <dl class="facts">
                <dt>{i.t("Jenis", "Kind")}</dt>
                <dd>{move || kind_label(kind, i.lang())}</dd>
                <dt>{i.t("Lokasi", "Place")}</dt>
                <dd>{place} {(!report.address.is_empty()).then(|| format!(" — {}", report.address))}</dd>
                {report.agency.clone().map(|a| view! { <dt>{i.t("Instansi", "Agency")}</dt><dd>{a}</dd> })}
                {report.category.clone().map(|c| view! { <dt>{i.t("Kategori", "Category")}</dt><dd>{c.name}</dd> })}
            </dl>
            <p class="report-body">{report.body.clone()}</p>
        </section>
        <Attachments files=report.attachments.clone() source=Source::Reporter(access.clone()) />
        {report.rating.map(|r| view! { <RatingGiven rating=r comment=report.rating_comment.clone() /> })}
        <Timeline events=report.timeline.clone() source=Source::Reporter(access.clone()) />
        <ReporterActions report=report.clone() access=access.clone() on_done=on_update />
        {is_public(report.status, report.confidential).then(|| view! { <SharePublic number=report.tracking_number.clone() /> })}
        <ShareOwn number=report.tracking_number.clone() code=access.access_code.clone() />
    }
}

/// The rating the reporter gave when accepting the follow-up.
#[component]
fn RatingGiven(rating: u8, comment: Option<String>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <section class="card rating-given" aria-labelledby="rating-title" data-testid="rating-given">
            <h2 id="rating-title">{i.t("Penilaian Anda", "Your rating")}</h2>
            <p>
                <span class="stars" aria-hidden="true">{"★".repeat(rating as usize)}{"☆".repeat(5usize.saturating_sub(rating as usize))}</span>
                " "
                {move || match i.lang() {
                    domain::Lang::Id => format!("{rating} dari 5 — {}", domain::rating::label(rating, i.lang())),
                    domain::Lang::En => format!("{rating} of 5 — {}", domain::rating::label(rating, i.lang())),
                }}
            </p>
            {comment.map(|c| view! { <p class="rating-comment">{c}</p> })}
        </section>
    }
}
