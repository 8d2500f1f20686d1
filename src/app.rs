//! The apps this library builds, one wasm each, so a phone downloads only the
//! area it opens (the service worker fetches the others in the background):
//! - `HomeApp`: `/` (and any unknown path), from `index.html`;
//! - `LaporApp`: `/lapor`, the report form, from `lapor.html`;
//! - `SayaApp`: `/saya`, the reports this device sent or is sending, from `saya.html`;
//! - `LacakApp`: `/lacak`, a reporter's own report, from `lacak.html`;
//! - `LaporanApp`: `/laporan`, the public list, from `laporan.html`;
//! - `LaporanNomorApp`: `/laporan/:nomor`, one public report, from `laporan-nomor.html`;
//! - `AdminApp`: the officers' console under `/admin`, from `admin.html`.
//!
//! Links between areas are full page loads. The citizen's areas find their
//! page with `route::Here`; the console, with more pages, uses leptos_router.

use crate::components::nav::{Area, Footer, Nav};
use crate::i18n::provide_i18n;
use crate::pages::not_found::NotFound;
use crate::route::provide_here;
use leptos::either::Either;
use leptos::prelude::*;

/// What every area puts around its pages: the skip link, the top bar and the footer.
#[component]
fn Shell(area: Area, children: Children) -> impl IntoView {
    let i = provide_i18n();
    provide_context(area);
    view! {
        <a class="skip-link" href="#main">{i.t("Langsung ke isi", "Skip to content")}</a>
        <Nav area />
        {children()}
        <Footer />
    }
}

/// `/`: the start page.
#[component]
pub fn HomeApp() -> impl IntoView {
    use crate::pages::home::Home;
    let here = provide_here(Area::Home);
    let home = Memo::new(move |_| here.path() == "/");
    view! {
        <Shell area=Area::Home>
            {move || if home.get() { Either::Left(view! { <Home /> }) } else { Either::Right(view! { <NotFound /> }) }}
        </Shell>
    }
}

/// `/lapor`: writing a report (sent through the outbox).
#[component]
pub fn LaporApp() -> impl IntoView {
    use crate::pages::report_form::ReportForm;
    let here = provide_here(Area::Lapor);
    crate::outbox::provide_outbox();
    let form = Memo::new(move |_| here.path() == "/lapor");
    view! {
        <Shell area=Area::Lapor>
            {move || if form.get() { Either::Left(view! { <ReportForm /> }) } else { Either::Right(view! { <NotFound /> }) }}
        </Shell>
    }
}

/// `/saya`: the reports this device sent, and those the outbox still holds.
/// (Its own wasm: on /lapor it would cost the form's page 26 KB.)
#[component]
pub fn SayaApp() -> impl IntoView {
    use crate::pages::my_reports::MyReports;
    let here = provide_here(Area::Saya);
    crate::outbox::provide_outbox();
    let mine = Memo::new(move |_| here.path() == "/saya");
    view! {
        <Shell area=Area::Saya>
            {move || if mine.get() { Either::Left(view! { <MyReports /> }) } else { Either::Right(view! { <NotFound /> }) }}
        </Shell>
    }
}

/// `/lacak`: a report followed with its tracking number.
#[component]
pub fn LacakApp() -> impl IntoView {
    use crate::pages::track::Track;
    let here = provide_here(Area::Lacak);
    let track = Memo::new(move |_| here.path() == "/lacak");
    view! {
        <Shell area=Area::Lacak>
            {move || if track.get() { Either::Left(view! { <Track /> }) } else { Either::Right(view! { <NotFound /> }) }}
        </Shell>
    }
}

/// `/laporan`: the public list of reports.
#[component]
pub fn LaporanApp() -> impl IntoView {
    use crate::pages::public_list::PublicList;
    let here = provide_here(Area::Laporan);
    let list = Memo::new(move |_| matches!(here.path().as_str(), "/laporan" | "/laporan/"));
    view! {
        <Shell area=Area::Laporan>
            {move || if list.get() { Either::Left(view! { <PublicList /> }) } else { Either::Right(view! { <NotFound /> }) }}
        </Shell>
    }
}

/// `/laporan/:nomor`: one public report, with its follow-up and how to share it.
/// (Its own wasm: the list's filters and the report's sharing and QR code
/// would each make the other's page heavier.)
#[component]
pub fn LaporanNomorApp() -> impl IntoView {
    use crate::pages::public_report::PublicReportPage;
    let here = provide_here(Area::LaporanNomor);
    let nomor = Memo::new(move |_| {
        let path = here.path();
        path.strip_prefix("/laporan/").filter(|n| !n.is_empty() && !n.contains('/')).map(str::to_string)
    });
    view! {
        <Shell area=Area::LaporanNomor>
            {move || match nomor.get() {
                Some(nomor) => Either::Left(view! { <PublicReportPage nomor /> }),
                None => Either::Right(view! { <NotFound /> }),
            }}
        </Shell>
    }
}

/// The officers' console: `/admin`, `/admin/laporan/:id`.
#[component]
pub fn AdminApp() -> impl IntoView {
    use crate::pages::admin::{AdminHome, AdminReport};
    use leptos_router::components::{Route, Router, Routes};
    use leptos_router::path;
    crate::state::provide_session();
    view! {
        <Router>
            <Shell area=Area::Admin>
                <Routes fallback=NotFound>
                    <Route path=path!("/admin") view=AdminHome />
                    <Route path=path!("/admin/laporan/:id") view=AdminReport />
                </Routes>
            </Shell>
        </Router>
    }
}
