//! Component tests: real components mounted in headless Chromium
//! (wasm-bindgen-test-runner), asserting what a user sees.
#![cfg(target_arch = "wasm32")]

use domain::api::TimelineEvent;
use domain::Status;
use lapor_app::components::status::{Deadline, StatusBadge};
use lapor_app::components::timeline::Timeline;
use lapor_app::i18n::provide_i18n;
use lapor_app::outbox::provide_outbox;
use lapor_app::pages::report_form::ReportForm;
use lapor_app::pages::track::Track;
use leptos::prelude::*;
use lapor_app::route::provide_here;
use domain::areas::Area;
use domain::EventKind;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts `f` in a fresh container and returns the container.
fn mount<F, V>(f: F) -> web_sys::HtmlElement
where
    F: FnOnce() -> V + 'static,
    V: IntoView + 'static,
{
    let doc = document();
    let div: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&div).unwrap();
    leptos::mount::mount_to(div.clone(), f).forget();
    div
}

/// The report form as the app mounts it (language, outbox, router).
fn mount_form() -> web_sys::HtmlElement {
    mount(|| {
        provide_i18n();
        provide_outbox();
        provide_here(Area::Lapor);
        view! { <ReportForm /> }
    })
}

/// Lets the reactive system and pending microtasks run.
async fn settle() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 30).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

fn text_of(root: &web_sys::HtmlElement, selector: &str) -> String {
    root.query_selector(selector).unwrap().map(|e| e.text_content().unwrap_or_default()).unwrap_or_default()
}

fn clear_storage() {
    web_sys::window().unwrap().local_storage().unwrap().unwrap().clear().unwrap();
}

#[wasm_bindgen_test]
async fn status_badge_speaks_indonesian_first() {
    clear_storage();
    let root = mount(|| {
        provide_i18n();
        view! { <StatusBadge status=Status::NeedsInfo /> }
    });
    settle().await;
    assert_eq!(text_of(&root, ".badge"), "Perlu dilengkapi");
    assert!(root.query_selector(".status-needs_info").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn overdue_deadline_is_flagged() {
    clear_storage();
    let root = mount(|| {
        provide_i18n();
        view! {
            <Deadline due_date=Some("2026-11-26".into()) overdue=true status=Status::Dispatched days_left=Some(-2) />
        }
    });
    settle().await;
    let text = text_of(&root, ".deadline");
    assert!(text.contains("Instansi wajib menindaklanjuti paling lambat"), "{text}");
    assert!(text.contains("Kamis, 26 November 2026"), "{text}");
    assert!(text.contains("terlambat 2 hari kerja"), "{text}");
}

#[wasm_bindgen_test]
async fn deadline_counts_down_in_working_days() {
    clear_storage();
    let root = mount(|| {
        provide_i18n();
        view! {
            <Deadline due_date=Some("2026-11-27".into()) overdue=false status=Status::Submitted days_left=Some(3) />
        }
    });
    settle().await;
    let text = text_of(&root, ".deadline");
    assert!(text.contains("Admin koordinator wajib memverifikasi paling lambat Jumat, 27 November 2026 — 3 hari kerja lagi"), "{text}");
}

#[wasm_bindgen_test]
async fn timeline_shows_every_event_in_order_and_marks_internal_notes() {
    clear_storage();
    let ev = |kind: EventKind, status, internal, msg: Option<&str>| TimelineEvent {
        at: 1_795_000_000,
        kind,
        status,
        actor: "Koordinator".into(),
        message: msg.map(Into::into),
        internal,
        attachments: Vec::new(),
    };
    let events = vec![
        ev(EventKind::Submitted, Status::Submitted, false, None),
        ev(EventKind::Dispatch, Status::Dispatched, false, None),
        ev(EventKind::Note, Status::Dispatched, true, Some("cek lokasi dulu")),
        ev(EventKind::Respond, Status::Responded, false, Some("Sudah diperbaiki")),
    ];
    let root = mount(move || {
        provide_i18n();
        view! { <Timeline events /> }
    });
    settle().await;
    let items = root.query_selector_all("li.event").unwrap();
    assert_eq!(items.length(), 4);
    let first = items.item(0).unwrap().text_content().unwrap();
    assert!(first.contains("Laporan dikirim"), "{first}");
    let last = items.item(3).unwrap().text_content().unwrap();
    assert!(last.contains("Tindak lanjut") && last.contains("Sudah diperbaiki"), "{last}");
    assert_eq!(root.query_selector_all("li.event.internal").unwrap().length(), 1);
}

fn input(root: &web_sys::HtmlElement, id: &str) -> web_sys::HtmlInputElement {
    root.query_selector(&format!("#{id}")).unwrap().unwrap().unchecked_into()
}

fn type_into(root: &web_sys::HtmlElement, id: &str, value: &str) {
    let el = input(root, id);
    el.set_value(value);
    el.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

fn submit(root: &web_sys::HtmlElement, selector: &str) {
    let form: web_sys::HtmlFormElement = root.query_selector(selector).unwrap().unwrap().unchecked_into();
    form.request_submit().unwrap();
}

#[wasm_bindgen_test]
async fn report_form_shows_shared_validation_on_each_field_and_keeps_the_text() {
    clear_storage();
    let root = mount_form();
    settle().await;
    type_into(&root, "title", "Air mati");
    submit(&root, "form.report-form");
    settle().await;
    assert_eq!(text_of(&root, "#err-title"), "Terlalu pendek: paling sedikit 10 karakter.");
    assert_eq!(text_of(&root, "#err-body"), "Wajib diisi.");
    assert_eq!(input(&root, "title").get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(input(&root, "title").value(), "Air mati");
    // Fixing a field clears its message on the next try.
    type_into(&root, "title", "Air PDAM mati tiga hari");
    submit(&root, "form.report-form");
    settle().await;
    assert_eq!(text_of(&root, "#err-title"), "");
    assert_eq!(text_of(&root, "#err-body"), "Wajib diisi.");
}

#[wasm_bindgen_test]
async fn body_counter_counts_characters_towards_the_minimum() {
    clear_storage();
    let root = mount_form();
    settle().await;
    type_into(&root, "body", "Jalan rusak parah");
    settle().await;
    assert_eq!(text_of(&root, "#body-count"), "17 / 50+ karakter");
}

#[wasm_bindgen_test]
async fn tracking_checks_the_check_digit_before_any_request() {
    clear_storage();
    let root = mount(|| {
        provide_i18n();
        provide_here(Area::Lacak);
        view! { <Track /> }
    });
    settle().await;
    type_into(&root, "tracking_number", "1234-5678-9999");
    submit(&root, "form.track-form");
    settle().await;
    assert!(text_of(&root, "#err-tracking_number").contains("Nomor pelacakan tidak valid"));
}

#[wasm_bindgen_test]
async fn a_draft_survives_a_reload_of_the_form() {
    clear_storage();
    let first = mount_form();
    settle().await;
    type_into(&first, "title", "Lampu jalan padam sebulan");
    type_into(&first, "body", "Lampu jalan di simpang tiga pasar mati sejak sebulan.");
    settle().await;
    first.remove();
    // A fresh form, as after a reload or a crash, starts from the saved draft.
    let second = mount_form();
    settle().await;
    assert_eq!(input(&second, "title").value(), "Lampu jalan padam sebulan");
    let body: web_sys::HtmlTextAreaElement = second.query_selector("#body").unwrap().unwrap().unchecked_into();
    assert_eq!(body.value(), "Lampu jalan di simpang tiga pasar mati sejak sebulan.");
}
