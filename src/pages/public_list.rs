//! `/laporan`: what is reported around you and what each agency did about it.
//! Every verified, non-confidential report, found by words and filters that
//! live in the address (`/laporan?q=jalan&regency=61.09`), so a list is a link.

use crate::api;
use crate::components::public_filters::Filters;
use crate::components::share::public_path;
use crate::components::status::StatusBadge;
use crate::format;
use crate::i18n::{kind_label, use_i18n};
use domain::api::ReportKind;
use domain::public::{PublicQuery, PublicReportSummary, PublicSort, StatusCounts, PUBLIC_STATUSES};
use domain::tracking::display_tracking;
use domain::Status;
use crate::components::load_error::LoadError;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use crate::route::Here;

/// The list's query as the address says it; anything unreadable is ignored.
pub fn query_from(here: Here) -> PublicQuery {
    let s = |k: &str| here.query(k).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    PublicQuery {
        q: s("q"),
        kind: s("kind").and_then(|k| ReportKind::parse(&k)),
        category: s("category").and_then(|c| c.parse().ok()),
        province: s("province"),
        regency: s("regency"),
        district: s("district"),
        status: s("status").and_then(|v| Status::parse(&v)).filter(|s| PUBLIC_STATUSES.contains(s)),
        agency: s("agency").and_then(|c| c.parse().ok()),
        sort: s("sort").and_then(|v| PublicSort::parse(&v)),
        after: None,
        limit: None,
    }
}

#[component]
pub fn PublicList() -> impl IntoView {
    let i = use_i18n();
    let here = expect_context::<Here>();
    let query = Memo::new(move |_| query_from(here));
    let first = LocalResource::new(move || {
        let q = query.get();
        async move { api::public_reports(&q).await }
    });
    // Pages after the first, appended by "Muat lebih banyak"; a new query starts over.
    let more = RwSignal::new(Vec::<PublicReportSummary>::new());
    let next = RwSignal::new(None::<Option<String>>);
    Effect::new(move |_| {
        query.track();
        more.set(Vec::new());
        next.set(None);
    });
    let load_more = Action::new_local(move |after: &String| {
        let q = PublicQuery { after: Some(after.clone()), ..query.get_untracked() };
        async move {
            match api::public_reports(&q).await {
                Ok(page) => {
                    more.update(|m| m.extend(page.items));
                    next.set(Some(page.next));
                    Ok(())
                }
                Err(e) => Err(e),
            }
        }
    });

    view! {
        <main id="main" class="page public-list">
            <h1>{i.t("Laporan warga", "Citizens' reports")}</h1>
            <p class="hint">{i.t(
                "Laporan yang sudah diverifikasi dan tidak rahasia, beserta tindak lanjut instansinya. Identitas pelapor tidak pernah ditampilkan.",
                "Reports that have been verified and are not confidential, with what the agency did. Reporters' identities are never shown.",
            )}</p>
            <Filters query />
            // While another query loads, the list on screen stays (the resource keeps its value).
            {move || match first.get() {
                None => EitherOf3::A(view! { <p class="loading">{i.t("Memuat laporan…", "Loading reports…")}</p> }),
                Some(Err(error)) => EitherOf3::B(view! { <LoadError error /> }),
                Some(Ok(page)) => EitherOf3::C({
                            let first_next = page.next.clone();
                            let cursor = move || next.get().unwrap_or_else(|| first_next.clone());
                            let cursor2 = cursor.clone();
                            let empty = page.items.is_empty();
                            view! {
                                <Counts counts=page.counts />
                                {empty.then(|| view! {
                                    <p class="notice" role="status">{i.t(
                                        "Tidak ada laporan yang cocok. Coba kata lain atau hapus saringan.",
                                        "No report matches. Try other words or clear the filters.",
                                    )}</p>
                                })}
                                <ul class="queue public-reports" data-testid="public-reports">
                                    {page.items.into_iter().map(|r| view! { <ReportRow r /> }).collect::<Vec<_>>()}
                                    <For each=move || more.get() key=|r| r.tracking_number.clone() let:r>
                                        <ReportRow r />
                                    </For>
                                </ul>
                                <Show when=move || load_more.value().get().is_some_and(|r| r.is_err())>
                                    <p class="notice error" role="alert">{i.t(
                                        "Halaman berikutnya gagal dimuat. Periksa sambungan lalu coba lagi.",
                                        "The next page failed to load. Check the connection and try again.",
                                    )}</p>
                                </Show>
                                {move || cursor().map(|after| view! {
                                    <button
                                        type="button"
                                        class="button wide"
                                        disabled=move || load_more.pending().get()
                                        on:click=move |_| { load_more.dispatch(after.clone()); }
                                    >
                                        {move || if load_more.pending().get() {
                                            i.lang().pick("Memuat…", "Loading…")
                                        } else {
                                            i.lang().pick("Muat lebih banyak", "Load more")
                                        }}
                                    </button>
                                })}
                                {move || (cursor2().is_none() && !empty).then(|| view! {
                                    <p class="muted end-of-list">{i.t("Semua laporan sudah ditampilkan.", "All reports are shown.")}</p>
                                })}
                            }
                }),
            }}
        </main>
    }
}

/// How many reports of the chosen place are where, at a glance: numbers and a bar.
#[component]
fn Counts(counts: StatusCounts) -> impl IntoView {
    let i = use_i18n();
    let parts = [
        (Status::Dispatched, counts.dispatched),
        (Status::Returned, counts.returned),
        (Status::Responded, counts.responded),
        (Status::Closed, counts.closed),
    ];
    // Widths in thousandths of the bar (integers: no float formatting in the wasm).
    let total = counts.total.max(1);
    let mut x = 0;
    let bars = parts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| {
            let w = n * 1000 / total;
            let rect = view! { <rect x=x.to_string() y="0" width=w.to_string() height="10" class=format!("bar-{}", s.as_str()) /> };
            x += w;
            rect
        })
        .collect::<Vec<_>>();
    let overdue = counts.overdue;
    view! {
        <section class="counts card" aria-labelledby="counts-title" data-testid="counts">
            <h2 id="counts-title" class="visually-hidden">{i.t("Jumlah laporan", "Report counts")}</h2>
            <p class="counts-total">
                <strong>{format::number(counts.total, i.lang())}</strong>
                {i.t(" laporan", " reports")}
                {(overdue > 0).then(|| view! {
                    " · "<strong class="overdue-flag">{format::number(overdue, i.lang())}{i.t(" terlambat", " overdue")}</strong>
                })}
            </p>
            <svg class="counts-bar" viewBox="0 0 1000 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">{bars}</svg>
            <ul class="counts-list">
                {parts.into_iter().map(|(s, n)| view! {
                    <li><span class=format!("swatch bar-{}", s.as_str()) aria-hidden="true"></span>
                        <strong>{format::number(n, i.lang())}</strong>" "{move || s.label(i.lang()).to_lowercase()}</li>
                }).collect::<Vec<_>>()}
            </ul>
        </section>
    }
}

#[component]
fn ReportRow(r: PublicReportSummary) -> impl IntoView {
    let i = use_i18n();
    let place = [r.district.as_ref(), r.regency.as_ref()].into_iter().flatten().map(|p| p.name.clone()).collect::<Vec<_>>().join(", ");
    let kind = r.kind;
    let created = r.created_at;
    view! {
        <li class="queue-row" class:overdue=r.overdue>
            <a href=public_path(&r.tracking_number)><span class="row-title">{r.title.clone()}</span></a>
            <div class="row-meta">
                <StatusBadge status=r.status />
                <span class="tag">{move || kind_label(kind, i.lang())}</span>
                {r.overdue.then(|| view! { <strong class="overdue-flag">{i.t("Terlambat", "Overdue")}</strong> })}
            </div>
            <p>{r.excerpt.clone()}</p>
            <p class="muted">
                {(!place.is_empty()).then(|| view! { <span>{place}" · "</span> })}
                {r.agency.clone().map(|a| view! { <span>{a}" · "</span> })}
                <time>{move || format::date_time(created, i.lang())}</time>
                " · "<span class="nowrap">{display_tracking(&r.tracking_number)}</span>
            </p>
        </li>
    }
}
