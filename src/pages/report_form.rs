//! `/lapor`: the citizen's report form.

use crate::api::{self, ApiError};
use crate::components::field::{invalid, FieldError};
use crate::components::region_select::RegionSelect;
use crate::format;
use crate::i18n::{kind_hint, kind_label, use_i18n};
use crate::state::{remember_report, MyReport};
use domain::api::{NewReport, ReportKind, SubmitReceipt};
use domain::tracking::{display_access_code, display_tracking};
use domain::validation::{BODY_MAX, BODY_MIN, TITLE_MAX};
use domain::FieldErrors;
use leptos::prelude::*;
use leptos_router::components::A;

/// Field name in the API → id of the input that holds it (for focus).
fn input_id(field: &str) -> &str {
    match field {
        "province_code" => "province",
        "regency_code" => "regency",
        other => other,
    }
}

fn focus(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        use wasm_bindgen::JsCast;
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Order of the fields on the page, to focus the first one with a problem.
const FIELD_ORDER: [&str; 10] = [
    "title",
    "body",
    "incident_date",
    "province_code",
    "regency_code",
    "address",
    "reporter_name",
    "reporter_phone",
    "reporter_email",
    "kind",
];

fn focus_first_error(errs: &FieldErrors) {
    if let Some(f) = FIELD_ORDER.iter().find(|f| errs.get(f).is_some()) {
        focus(input_id(f));
    }
}

fn new_idempotency_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("k{}", js_sys::Date::now() as u64 ^ (js_sys::Math::random() * 1e15) as u64))
}

#[component]
pub fn ReportForm() -> impl IntoView {
    let i = use_i18n();
    let kind = RwSignal::new(ReportKind::Pengaduan);
    let title = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let incident_date = RwSignal::new(String::new());
    let province = RwSignal::new(String::new());
    let regency = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let anonymous = RwSignal::new(false);
    let confidential = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::default());
    let failure = RwSignal::new(None::<ApiError>);
    let receipt = RwSignal::new(None::<SubmitReceipt>);
    let key = StoredValue::new(new_idempotency_key());

    let submit = Action::new_local(move |report: &NewReport| {
        let report = report.clone();
        async move {
            match api::submit_report(&report).await {
                Ok(r) => {
                    remember_report(MyReport {
                        tracking_number: r.tracking_number.clone(),
                        access_code: r.access_code.clone(),
                        title: report.title.clone(),
                        created_at: r.created_at,
                    });
                    receipt.set(Some(r));
                    key.set_value(new_idempotency_key());
                    request_animation_frame(|| focus("receipt-title"));
                }
                Err(e) => {
                    if let Some(f) = e.fields() {
                        errors.set(f.clone());
                        focus_first_error(f);
                    }
                    failure.set(Some(e));
                }
            }
        }
    });

    let build = move || NewReport {
        kind: kind.get_untracked(),
        title: title.get_untracked().trim().to_string(),
        body: body.get_untracked().trim().to_string(),
        incident_date: Some(incident_date.get_untracked()).filter(|s| !s.is_empty()),
        province_code: province.get_untracked(),
        regency_code: regency.get_untracked(),
        district_code: None,
        village_code: None,
        address: address.get_untracked().trim().to_string(),
        category_id: None,
        target_agency_id: None,
        anonymous: anonymous.get_untracked(),
        confidential: confidential.get_untracked(),
        reporter_name: name.get_untracked().trim().to_string(),
        reporter_phone: phone.get_untracked().trim().to_string(),
        reporter_email: email.get_untracked().trim().to_string(),
        attachments: Vec::new(),
        idempotency_key: Some(key.get_value()),
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let report = build();
        match report.validate(format::today()) {
            Ok(()) => {
                errors.set(FieldErrors::default());
                submit.dispatch(report);
            }
            Err(errs) => {
                focus_first_error(&errs);
                errors.set(errs);
            }
        }
    };

    let pending = submit.pending();
    let today = format::today().to_string();

    let kinds = ReportKind::ALL
        .into_iter()
        .map(|k| {
            let id = format!("kind-{}", k.as_str());
            let label_for = id.clone();
            view! {
                <label class="choice" for=label_for>
                    <input
                        type="radio"
                        id=id
                        name="kind"
                        value=k.as_str()
                        prop:checked=move || kind.get() == k
                        on:change=move |_| kind.set(k)
                    />
                    <span>
                        <strong>{move || kind_label(k, i.lang())}</strong>
                        <small>{move || kind_hint(k, i.lang())}</small>
                    </span>
                </label>
            }
        })
        .collect::<Vec<_>>();

    let form = view! {
        <form class="report-form" novalidate on:submit=on_submit>
            <fieldset class="field">
                <legend>{i.t("Jenis laporan", "Kind of report")}</legend>
                {kinds}
            </fieldset>

            <div class="field">
                <label for="title">{i.t("Judul laporan", "Title")}</label>
                <input
                    id="title"
                    name="title"
                    type="text"
                    maxlength=TITLE_MAX
                    autocomplete="off"
                    aria-describedby="err-title"
                    aria-invalid=invalid(errors, "title")
                    bind:value=title
                />
                <FieldError errors field="title" />
            </div>

            <div class="field">
                <label for="body">{i.t("Isi laporan", "What happened")}</label>
                <p class="hint" id="body-hint">
                    {i.t(
                        "Ceritakan apa yang terjadi, di mana, kapan, siapa yang terlibat, dan bagaimana kejadiannya.",
                        "Say what happened, where, when, who was involved, and how.",
                    )}
                </p>
                <textarea
                    id="body"
                    name="body"
                    rows="7"
                    maxlength=BODY_MAX
                    aria-describedby="body-hint body-count err-body"
                    aria-invalid=invalid(errors, "body")
                    bind:value=body
                ></textarea>
                <p class="counter" id="body-count" aria-live="polite">
                    {move || {
                        let n = body.with(|b| b.trim().chars().count());
                        if n < BODY_MIN {
                            format!("{n} / {BODY_MIN}+ {}", i.lang().pick("karakter", "characters"))
                        } else {
                            format!("{n} {}", i.lang().pick("karakter", "characters"))
                        }
                    }}
                </p>
                <FieldError errors field="body" />
            </div>

            <div class="field">
                <label for="incident_date">
                    {i.t("Tanggal kejadian", "Date of the incident")}
                    <Show when=move || kind.get() != ReportKind::Pengaduan>
                        <span class="optional">{i.t(" (tidak wajib)", " (optional)")}</span>
                    </Show>
                </label>
                <input
                    id="incident_date"
                    name="incident_date"
                    type="date"
                    max=today
                    aria-describedby="err-incident_date"
                    aria-invalid=invalid(errors, "incident_date")
                    bind:value=incident_date
                />
                <FieldError errors field="incident_date" />
            </div>

            <RegionSelect province regency errors />

            <div class="field">
                <label for="address">
                    {i.t("Alamat atau lokasi", "Address or place")}
                    <span class="optional">{i.t(" (tidak wajib)", " (optional)")}</span>
                </label>
                <input id="address" name="address" type="text" autocomplete="street-address" bind:value=address />
                <FieldError errors field="address" />
            </div>

            <fieldset class="field">
                <legend>{i.t("Privasi", "Privacy")}</legend>
                <label class="choice" for="anonymous">
                    <input id="anonymous" type="checkbox" bind:checked=anonymous />
                    <span>
                        <strong>{i.t("Anonim", "Anonymous")}</strong>
                        <small>
                            {i.t(
                                "Nama dan kontak Anda tidak ditampilkan kepada instansi terlapor, pimpinan, maupun publik; hanya admin koordinator yang melihatnya.",
                                "Your name and contact are hidden from the agency, its leaders and the public; only the coordinating admin sees them.",
                            )}
                        </small>
                    </span>
                </label>
                <label class="choice" for="confidential">
                    <input id="confidential" type="checkbox" bind:checked=confidential />
                    <span>
                        <strong>{i.t("Rahasia", "Confidential")}</strong>
                        <small>
                            {i.t(
                                "Seluruh isi laporan tidak dapat dilihat publik; hanya Anda (dengan kode akses) dan petugas yang menanganinya.",
                                "The whole report is hidden from the public; only you (with your access code) and the officers handling it see it.",
                            )}
                        </small>
                    </span>
                </label>
            </fieldset>

            <fieldset class="field">
                <legend>{i.t("Data pelapor", "About you")}</legend>
                <Show when=move || anonymous.get()>
                    <p class="hint">
                        {i.t(
                            "Karena anonim, nama dan kontak boleh dikosongkan; tanpa kontak kami tidak dapat menghubungi Anda.",
                            "As you are anonymous, name and contact may stay empty; without a contact we cannot reach you.",
                        )}
                    </p>
                </Show>
                <label for="reporter_name">{i.t("Nama", "Name")}</label>
                <input
                    id="reporter_name"
                    name="name"
                    type="text"
                    autocomplete="name"
                    aria-describedby="err-reporter_name"
                    aria-invalid=invalid(errors, "reporter_name")
                    bind:value=name
                />
                <FieldError errors field="reporter_name" />
                <label for="reporter_phone">{i.t("Nomor HP", "Phone number")}</label>
                <input
                    id="reporter_phone"
                    name="phone"
                    type="tel"
                    inputmode="tel"
                    autocomplete="tel"
                    aria-describedby="err-reporter_phone"
                    aria-invalid=invalid(errors, "reporter_phone")
                    bind:value=phone
                />
                <FieldError errors field="reporter_phone" />
                <label for="reporter_email">{i.t("E-mail", "E-mail")}</label>
                <input
                    id="reporter_email"
                    name="email"
                    type="email"
                    inputmode="email"
                    autocomplete="email"
                    aria-describedby="err-reporter_email"
                    aria-invalid=invalid(errors, "reporter_email")
                    bind:value=email
                />
                <FieldError errors field="reporter_email" />
            </fieldset>

            {move || failure.get().map(|e| view! { <div class="notice error" role="alert">{e.message(i.lang())}</div> })}

            <button type="submit" class="button primary wide" disabled=move || pending.get()>
                {move || if pending.get() { i.lang().pick("Mengirim…", "Sending…") } else { i.lang().pick("Kirim laporan", "Send report") }}
            </button>
        </form>
    };

    view! {
        <main id="main" class="page">
            <Show
                when=move || receipt.get().is_some()
                fallback=move || view! {
                    <h1>{i.t("Buat laporan", "Write a report")}</h1>
                }
            >
                <ReceiptView receipt=receipt.get().unwrap() on_again=move || {
                    receipt.set(None);
                    title.set(String::new());
                    body.set(String::new());
                    incident_date.set(String::new());
                    address.set(String::new());
                } />
            </Show>
            <div hidden=move || receipt.get().is_some()>{form}</div>
        </main>
    }
}

/// Shown once after the server confirmed the report.
#[component]
fn ReceiptView(receipt: SubmitReceipt, on_again: impl Fn() + 'static) -> impl IntoView {
    let i = use_i18n();
    let number = display_tracking(&receipt.tracking_number);
    let code = display_access_code(&receipt.access_code);
    let href = format!("/lacak?no={}", receipt.tracking_number);
    view! {
        <section class="receipt" aria-labelledby="receipt-title">
            <h1 id="receipt-title" tabindex="-1">{i.t("Laporan terkirim", "Report sent")}</h1>
            <p>{i.t("Nomor pelacakan Anda:", "Your tracking number:")}</p>
            <p class="big-number" data-testid="tracking-number">{number}</p>
            <p>{i.t("Kode akses rahasia:", "Secret access code:")}</p>
            <p class="big-code" data-testid="access-code">{code}</p>
            <p class="notice warn">
                {i.t(
                    "Catat atau foto kode akses ini. Kode hanya ditampilkan sekali dan disimpan di perangkat ini; dengan kode ini Anda dapat melihat seluruh tindak lanjut.",
                    "Write down or photograph this access code. It is shown only once and kept on this device; with it you can see every follow-up.",
                )}
            </p>
            <div class="cta">
                <A href=href attr:class="button primary">{i.t("Lacak laporan ini", "Track this report")}</A>
                <button type="button" class="button" on:click=move |_| on_again()>
                    {i.t("Buat laporan lain", "Write another report")}
                </button>
            </div>
        </section>
    }
}
