//! Two apps share this library, so a citizen's phone never downloads the
//! admin console: `App` (the citizen's pages, built from `index.html`) and
//! `AdminApp` (the officers' console under `/admin`, built from `admin.html`).

use crate::components::nav::{Footer, Nav};
use crate::i18n::provide_i18n;
use crate::outbox::provide_outbox;
use crate::pages::admin::{AdminHome, AdminReport};
use crate::pages::home::Home;
use crate::pages::my_reports::MyReports;
use crate::pages::not_found::NotFound;
use crate::pages::public_list::PublicList;
use crate::pages::public_report::PublicReportPage;
use crate::pages::report_form::ReportForm;
use crate::pages::track::Track;
use crate::state::provide_session;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The citizen's app: `/`, `/lapor`, `/lacak`, `/saya`, `/laporan`, `/laporan/:nomor`.
#[component]
pub fn App() -> impl IntoView {
    let i = provide_i18n();
    provide_outbox();
    view! {
        <Router>
            <a class="skip-link" href="#main">{i.t("Langsung ke isi", "Skip to content")}</a>
            <Nav external=false />
            <Routes fallback=NotFound>
                <Route path=path!("/") view=Home />
                <Route path=path!("/lapor") view=ReportForm />
                <Route path=path!("/lacak") view=Track />
                <Route path=path!("/saya") view=MyReports />
                <Route path=path!("/laporan") view=PublicList />
                <Route path=path!("/laporan/:nomor") view=PublicReportPage />
            </Routes>
            <Footer />
        </Router>
    }
}

/// The officers' console: `/admin`, `/admin/laporan/:id`.
#[component]
pub fn AdminApp() -> impl IntoView {
    let i = provide_i18n();
    provide_session();
    view! {
        <Router>
            <a class="skip-link" href="#main">{i.t("Langsung ke isi", "Skip to content")}</a>
            <Nav external=true />
            <Routes fallback=NotFound>
                <Route path=path!("/admin") view=AdminHome />
                <Route path=path!("/admin/laporan/:id") view=AdminReport />
            </Routes>
            <Footer />
        </Router>
    }
}
