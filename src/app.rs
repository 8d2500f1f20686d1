use crate::components::nav::{Footer, Nav};
use crate::i18n::provide_i18n;
use crate::pages::admin::{AdminHome, AdminReport};
use crate::outbox::provide_outbox;
use crate::pages::home::Home;
use crate::pages::my_reports::MyReports;
use crate::pages::not_found::NotFound;
use crate::pages::report_form::ReportForm;
use crate::pages::track::Track;
use crate::state::provide_session;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    let i = provide_i18n();
    provide_session();
    provide_outbox();
    view! {
        <Router>
            <a class="skip-link" href="#main">{i.t("Langsung ke isi", "Skip to content")}</a>
            <Nav />
            <Routes fallback=NotFound>
                <Route path=path!("/") view=Home />
                <Route path=path!("/lapor") view=ReportForm />
                <Route path=path!("/lacak") view=Track />
                <Route path=path!("/saya") view=MyReports />
                <Route path=path!("/admin") view=AdminHome />
                <Route path=path!("/admin/laporan/:id") view=AdminReport />
            </Routes>
            <Footer />
        </Router>
    }
}
