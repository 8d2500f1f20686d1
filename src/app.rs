//! The apps this library builds, one wasm each, so a phone downloads only the
//! area it opens (the service worker fetches the others in the background):
//! - `HomeApp`: `/` (and any unknown path), from `index.html`;
//! - `LaporApp`: `/lapor`, the report form, from `lapor.html`;
//! - `SayaApp`: `/saya`, the reports this device sent or is sending, from `saya.html`;
//! - `LacakApp`: `/lacak`, a reporter's own report, from `lacak.html`;
//! - `LaporanApp`: `/laporan`, the public list, from `laporan.html`;
//! - `LaporanNomorApp`: `/laporan/:nomor`, one public report, from `laporan-nomor.html`;
//! - `AdminApp`: the officers' console under `/admin`, from `admin.html`;
//! - `RekapApp`: `/admin/rekap`, the console's recaps with their charts, from `rekap.html`;
//! - `KelolaApp`: `/admin/pengguna`, `/admin/instansi`, `/admin/kategori` and `/admin/libur`, managing accounts, agencies, categories and holidays, from `kelola.html`;
//! - `TerimaApp`: `/admin/terima`, a report from another channel entered by a coordinator, with the reporter's printed receipt, from `terima.html`;
//! - `SosialisasiApp`: `/sosialisasi`, the presenter screen of a
//!   socialization event, from `sosialisasi.html`.
//!
//! Links between areas are full page loads. Every area finds its page with
//! `route::Here` (no router crate).

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

/// An area with one page, at `paths`, and `NotFound` anywhere else in it.
fn one_page<V: IntoView + 'static>(area: Area, paths: &'static [&'static str], page: impl Fn() -> V + Copy + Send + Sync + 'static) -> impl IntoView {
    page_where(area, move |path| paths.contains(&path), page)
}

/// An area with one page at the paths `at` accepts, and `NotFound` anywhere else in it.
fn page_where<V: IntoView + 'static>(
    area: Area,
    at: impl Fn(&str) -> bool + Send + Sync + 'static,
    page: impl Fn() -> V + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let here = provide_here(area);
    let shown = Memo::new(move |_| at(&here.path()));
    view! {
        <Shell area>
            {move || if shown.get() { Either::Left(page()) } else { Either::Right(view! { <NotFound /> }) }}
        </Shell>
    }
}

/// `/`: the start page.
#[component]
pub fn HomeApp() -> impl IntoView {
    one_page(Area::Home, &["/"], crate::pages::home::Home)
}

/// `/lapor`: writing a report (sent through the outbox); `/latihan/:code`,
/// the same form as a socialization session's practice.
#[component]
pub fn LaporApp() -> impl IntoView {
    crate::outbox::provide_outbox();
    let at = |path: &str| path == "/lapor" || domain::practice::code_of_path(path).is_some();
    page_where(Area::Lapor, at, crate::pages::report_form::ReportForm)
}

/// `/saya`: the reports this device sent, and those the outbox still holds.
/// (Its own wasm: on /lapor it would cost the form's page 26 KB.)
#[component]
pub fn SayaApp() -> impl IntoView {
    crate::outbox::provide_outbox();
    one_page(Area::Saya, &["/saya"], crate::pages::my_reports::MyReports)
}

/// `/lacak`: a report followed with its tracking number.
#[component]
pub fn LacakApp() -> impl IntoView {
    one_page(Area::Lacak, &["/lacak"], crate::pages::track::Track)
}

/// `/laporan`: the public list of reports.
#[component]
pub fn LaporanApp() -> impl IntoView {
    one_page(Area::Laporan, &["/laporan", "/laporan/"], crate::pages::public_list::PublicList)
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

/// The officers' console: `/admin` (the queue), `/admin/laporan/:id`,
/// `/admin/audit`, `/admin/akun`. Its own header: the citizen's links are
/// not the officers' way around. Like the citizen's areas it finds its page
/// with `route::Here` (leptos_router would add about 50 KB).
#[component]
pub fn AdminApp() -> impl IntoView {
    use crate::pages::admin::{AccountPage, AuditPage, ConsoleHeader, QueuePage, ReportPage};
    use leptos::either::EitherOf5;
    let i = provide_i18n();
    provide_context(Area::Admin);
    crate::state::provide_session();
    let here = provide_here(Area::Admin);
    let page = Memo::new(move |_| {
        let path = here.path();
        match path.trim_end_matches('/') {
            "/admin" => 0,
            "/admin/audit" => 2,
            "/admin/akun" => 3,
            p if p.strip_prefix("/admin/laporan/").is_some_and(|id| id.parse::<i64>().is_ok()) => 1,
            _ => 4,
        }
    });
    view! {
        <a class="skip-link" href="#main">{i.t("Langsung ke isi", "Skip to content")}</a>
        <ConsoleHeader />
        {move || match page.get() {
            0 => EitherOf5::A(view! { <QueuePage /> }),
            1 => EitherOf5::B(view! { <ReportPage /> }),
            2 => EitherOf5::C(view! { <AuditPage /> }),
            3 => EitherOf5::D(view! { <AccountPage /> }),
            _ => EitherOf5::E(view! { <NotFound /> }),
        }}
    }
}

/// A console area with one page at `path` under the console's bar, and
/// `NotFound` anywhere else in it.
fn console_page<V: IntoView + 'static>(area: Area, path: &'static str, page: impl Fn() -> V + Copy + Send + Sync + 'static) -> impl IntoView {
    use crate::pages::admin::ConsoleHeader;
    let i = provide_i18n();
    provide_context(area);
    crate::state::provide_session();
    let here = provide_here(area);
    let shown = Memo::new(move |_| here.path().trim_end_matches('/') == path);
    view! {
        <a class="skip-link" href="#main">{i.t("Langsung ke isi", "Skip to content")}</a>
        <ConsoleHeader />
        {move || if shown.get() { Either::Left(page()) } else { Either::Right(view! { <NotFound /> }) }}
    }
}

/// `/admin/rekap`: the console's recaps (their own wasm: the charts and
/// tables stay out of the rest of the console).
#[component]
pub fn RekapApp() -> impl IntoView {
    console_page(Area::Rekap, "/admin/rekap", crate::pages::rekap::RecapPage)
}

/// `/admin/pengguna`, `/admin/instansi`, `/admin/kategori` and `/admin/libur`: the console's administration (its own wasm).
#[component]
pub fn KelolaApp() -> impl IntoView {
    use crate::pages::admin::ConsoleHeader;
    use crate::pages::kelola::{AgenciesPage, CategoriesPage, HolidaysPage, UsersPage};
    use leptos::either::EitherOf5;
    let i = provide_i18n();
    provide_context(Area::Kelola);
    crate::state::provide_session();
    let here = provide_here(Area::Kelola);
    let page = Memo::new(move |_| match here.path().trim_end_matches('/') {
        "/admin/pengguna" => 0,
        "/admin/kategori" => 1,
        "/admin/libur" => 2,
        "/admin/instansi" => 3,
        _ => 4,
    });
    view! {
        <a class="skip-link" href="#main">{i.t("Langsung ke isi", "Skip to content")}</a>
        <ConsoleHeader />
        {move || match page.get() {
            0 => EitherOf5::A(view! { <UsersPage /> }),
            1 => EitherOf5::B(view! { <CategoriesPage /> }),
            2 => EitherOf5::C(view! { <HolidaysPage /> }),
            3 => EitherOf5::D(view! { <AgenciesPage /> }),
            _ => EitherOf5::E(view! { <NotFound /> }),
        }}
    }
}

/// `/admin/terima`: a report received by letter, at the counter, by phone,
/// SMS, e-mail or social media, entered by a coordinator, and its printed
/// receipt (its own wasm: the form, the uploads and the QR code stay out of
/// the queue's console and the administration pages).
#[component]
pub fn TerimaApp() -> impl IntoView {
    console_page(Area::Terima, "/admin/terima", crate::pages::terima::IntakePage)
}

/// `/sosialisasi`: the presenter screen of a socialization event, for a
/// signed-in officer's laptop on a projector (its own wasm: the QR code and
/// slides stay out of the console and the phone's pages).
#[component]
pub fn SosialisasiApp() -> impl IntoView {
    let i = provide_i18n();
    provide_context(Area::Sosialisasi);
    crate::state::provide_session();
    let here = provide_here(Area::Sosialisasi);
    let shown = Memo::new(move |_| here.path().trim_end_matches('/') == "/sosialisasi");
    view! {
        <a class="skip-link" href="#main">{i.t("Langsung ke isi", "Skip to content")}</a>
        {move || if shown.get() {
            Either::Left(view! { <crate::pages::sosialisasi::Presenter /> })
        } else {
            Either::Right(view! { <NotFound /> })
        }}
    }
}
