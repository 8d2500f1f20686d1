//! `/admin/terima`: a report that came by letter, at the counter, by phone,
//! SMS, e-mail or social media, entered by a coordinator, with a scan of
//! the letter or other files. The form is the request itself
//! (`IntakeReport`), kept in this browser until the server has it (a reload
//! or a lost connection loses nothing, and a retry makes no second report:
//! it carries its idempotency key); the answer is the reporter's receipt.

use super::receipt::Receipt;
use crate::api;
use crate::components::choice::{lists, Choice};
use crate::components::field::{invalid, FieldError};
use crate::components::region_select::RegionLevel;
use crate::draft::new_id;
use crate::i18n::{kind_label, use_i18n};
use crate::pages::admin::{guard, Gate};
use crate::pages::report_form::files::prepare;
use crate::state::{storage, use_session};
use domain::api::ReportKind;
use domain::attachments::MAX_ATTACHMENTS;
use domain::intake::{Channel, IntakeReceipt, IntakeReport};
use domain::{FieldErrors, FieldIssue};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;

/// The form as this browser keeps it: the request, and the name of each
/// file it has uploaded (one per claim in `intake.report.attachments`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(super) struct Entry {
    pub intake: IntakeReport,
    pub files: Vec<String>,
}

impl Entry {
    /// A new form: a letter received today, in the officer's jurisdiction.
    fn fresh(jurisdiction: Option<&str>) -> Entry {
        let mut e = Entry::default();
        e.intake.channel = Channel::Surat;
        e.intake.received_date = crate::format::today().to_string();
        e.intake.report.idempotency_key = Some(new_id());
        if let Some(code) = jurisdiction {
            e.intake.report.province_code = code.split('.').next().unwrap_or_default().to_string();
            if code.contains('.') {
                e.intake.report.regency_code = code.to_string();
            }
        }
        e
    }
}

#[component]
pub fn IntakePage() -> impl IntoView {
    view! { <Gate><Intake /></Gate> }
}

#[component]
fn Intake() -> impl IntoView {
    let i = use_i18n();
    let Some(me) = use_session().0.get_untracked().filter(|m| m.role.coordinates()) else {
        return view! {
            <h1>{i.t("Laporan dari saluran lain", "Reports from other channels")}</h1>
            <p class="notice error" role="alert">{i.t(
                "Hanya admin koordinator yang mencatat laporan dari saluran lain.",
                "Only coordinators enter reports from other channels.",
            )}</p>
        }
        .into_any();
    };
    // One officer's unsent form per browser, never another's.
    let key = format!("lapor.terima.{}", me.username);
    let jurisdiction = me.jurisdiction.as_ref().map(|j| j.code.clone());
    let fresh = move || Entry::fresh(jurisdiction.as_deref());
    let entry = RwSignal::new(storage::get_json::<Entry>(&key).unwrap_or_else(fresh.clone()));
    Effect::new(move |_| entry.with(|e| storage::set_json(&key, e)));
    let done = RwSignal::new(None::<(IntakeReceipt, Entry)>);
    let on_done = Callback::new(move |(receipt, sent): (IntakeReceipt, Entry)| {
        entry.set(fresh());
        done.set(Some((receipt, sent)));
    });
    view! {
        {move || match done.get() {
            Some((receipt, sent)) => view! {
                <Receipt receipt report=sent.intake.report on_next=Callback::new(move |_| done.set(None)) />
            }
            .into_any(),
            None => view! { <IntakeForm entry on_done /> }.into_any(),
        }}
    }
    .into_any()
}

/// Moves the focus to the first field the errors name (the page scrolls to it).
fn focus_first_problem() {
    let found = document().query_selector("[aria-invalid=true]").ok().flatten();
    if let Some(el) = found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

#[component]
fn IntakeForm(entry: RwSignal<Entry>, on_done: Callback<(IntakeReceipt, Entry)>) -> impl IntoView {
    let i = use_i18n();
    let errors = RwSignal::new(FieldErrors::default());
    let failure = RwSignal::new(None::<String>);
    // Files being uploaded now: name and share done.
    let uploading = RwSignal::new(Vec::<(String, f64)>::new());
    let send = Action::new_local(move |e: &Entry| {
        let e = e.clone();
        async move {
            match guard(api::admin_intake(&e.intake).await) {
                Ok(receipt) => on_done.run((receipt, e)),
                Err(err) => {
                    failure.set(Some(err.first_message(i.lang())));
                    if let Some(f) = err.fields() {
                        errors.set(f.clone());
                        request_animation_frame(focus_first_problem);
                    }
                }
            }
        }
    });
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let e = entry.get_untracked();
        let mut errs = e.intake.validate(crate::format::today()).err().unwrap_or_default();
        if !uploading.with_untracked(Vec::is_empty) {
            errs.add("attachments", FieldIssue::UnknownAttachment);
        }
        let ok = errs.is_empty();
        errors.set(errs);
        if ok {
            send.dispatch(e);
        } else {
            failure.set(Some(i.lang().pick("Ada isian yang perlu diperbaiki.", "Some fields need correcting.").into()));
            request_animation_frame(focus_first_problem);
        }
    };
    // A text field bound to one string of the request.
    let text = move |id: &'static str, label: (&'static str, &'static str), kind: &'static str, get: fn(&Entry) -> String, set: fn(&mut Entry, String)| {
        view! {
            <div class="field">
                <label for=id>{i.t(label.0, label.1)}</label>
                <input id=id type=kind prop:value=move || entry.with(get) aria-describedby=format!("err-{id}") aria-invalid=invalid(errors, id)
                    on:input=move |ev| { let v = event_target_value(&ev); entry.update(|e| set(e, v)) } />
                <FieldError errors field=id />
            </div>
        }
    };
    let check = move |label: (&'static str, &'static str), get: fn(&Entry) -> bool, set: fn(&mut Entry, bool)| {
        view! {
            <label class="check"><input type="checkbox" prop:checked=move || entry.with(get)
                on:change:target=move |ev| { let on = ev.target().checked(); entry.update(|e| set(e, on)) } />
                {i.t(label.0, label.1)}</label>
        }
    };
    let region = |f: fn(&Entry) -> String| Signal::derive(move || entry.with(f));
    let province = region(|e| e.intake.report.province_code.clone());
    let regency = region(|e| e.intake.report.regency_code.clone());
    let district = region(|e| e.intake.report.district_code.clone().unwrap_or_default());
    let categories = lists::categories();
    let today = crate::format::today().to_string();
    view! {
        <h1>{i.t("Laporan dari saluran lain", "Reports from other channels")}</h1>
        <p class="hint">{i.t(
            "Surat, loket, telepon, SMS, e-mail, atau media sosial: laporan baru dihitung dan ditindaklanjuti setelah dicatat di LAPOR!. Batas verifikasi dihitung dari tanggal laporan diterima. Sesudah disimpan, cetak tanda terima berisi nomor pelacakan dan kode akses untuk pelapor.",
            "Letter, counter, phone, SMS, e-mail or social media: a report counts and is followed up once it is entered into LAPOR!. The verification deadline counts from the day it was received. Once saved, print the receipt with the tracking number and access code for the reporter.",
        )}</p>
        <form class="intake-form" novalidate on:submit=submit data-testid="intake-form">
            <fieldset>
                <legend>{i.t("Diterima", "Received")}</legend>
                <fieldset class="choices" aria-describedby="err-channel">
                    <legend>{i.t("Saluran", "Channel")}</legend>
                    {Channel::OTHER.into_iter().map(|c| view! {
                        <label class="check"><input type="radio" name="channel" value=c.as_str()
                            prop:checked=move || entry.with(|e| e.intake.channel == c)
                            on:change=move |_| entry.update(|e| e.intake.channel = c) />
                            {move || c.label(i.lang())}</label>
                    }).collect_view()}
                    <FieldError errors field="channel" />
                </fieldset>
                <div class="field">
                    <label for="received_date">{i.t("Tanggal diterima", "Received on")}</label>
                    <input id="received_date" type="date" max=today.clone() prop:value=move || entry.with(|e| e.intake.received_date.clone())
                        aria-describedby="err-received_date" aria-invalid=invalid(errors, "received_date")
                        on:input=move |ev| { let v = event_target_value(&ev); entry.update(|e| e.intake.received_date = v) } />
                    <FieldError errors field="received_date" />
                </div>
            </fieldset>
            <fieldset>
                <legend>{i.t("Laporan", "Report")}</legend>
                <div class="field">
                    <label for="kind">{i.t("Jenis", "Kind")}</label>
                    <select id="kind" on:change:target=move |ev| {
                        let k = ReportKind::parse(&ev.target().value()).unwrap_or_default();
                        entry.update(|e| e.intake.report.kind = k)
                    }>
                        {ReportKind::ALL.into_iter().map(|k| view! {
                            <option value=k.as_str() selected=move || entry.with(|e| e.intake.report.kind == k)>{move || kind_label(k, i.lang())}</option>
                        }).collect_view()}
                    </select>
                </div>
                {text("title", ("Judul", "Title"), "text", |e| e.intake.report.title.clone(), |e, v| e.intake.report.title = v)}
                <div class="field">
                    <label for="body">{i.t("Isi laporan (apa, di mana, kapan, siapa, bagaimana)", "The report (what, where, when, who, how)")}</label>
                    <textarea id="body" rows="8" prop:value=move || entry.with(|e| e.intake.report.body.clone())
                        aria-describedby="err-body" aria-invalid=invalid(errors, "body")
                        on:input=move |ev| { let v = event_target_value(&ev); entry.update(|e| e.intake.report.body = v) }></textarea>
                    <FieldError errors field="body" />
                </div>
                <div class="field">
                    <label for="incident_date">{i.t("Tanggal kejadian (wajib untuk pengaduan)", "Incident date (required for a complaint)")}</label>
                    <input id="incident_date" type="date" max=today prop:value=move || entry.with(|e| e.intake.report.incident_date.clone().unwrap_or_default())
                        aria-describedby="err-incident_date" aria-invalid=invalid(errors, "incident_date")
                        on:input=move |ev| { let v = event_target_value(&ev); entry.update(|e| e.intake.report.incident_date = Some(v).filter(|v| !v.is_empty())) } />
                    <FieldError errors field="incident_date" />
                </div>
                <RegionLevel parent=None value=province id="province_code" field="province_code" errors
                    label=("Provinsi", "Province") placeholder=("Pilih provinsi", "Choose a province")
                    on_pick=move |(code, _): (String, String)| entry.update(|e| {
                        let r = &mut e.intake.report;
                        r.province_code = code;
                        r.regency_code.clear();
                        r.district_code = None;
                    }) />
                <RegionLevel parent=Some(province) value=regency id="regency_code" field="regency_code" errors
                    label=("Kabupaten/kota", "Regency/city") placeholder=("Pilih kabupaten/kota", "Choose a regency/city")
                    on_pick=move |(code, _): (String, String)| entry.update(|e| {
                        e.intake.report.regency_code = code;
                        e.intake.report.district_code = None;
                    }) />
                <RegionLevel parent=Some(regency) value=district id="district_code" field="district_code" errors optional=true
                    label=("Kecamatan", "District") placeholder=("Pilih kecamatan", "Choose a district")
                    on_pick=move |(code, _): (String, String)| entry.update(|e| e.intake.report.district_code = Some(code).filter(|c| !c.is_empty())) />
                {text("address", ("Alamat atau lokasi (tidak wajib)", "Address or place (optional)"), "text", |e| e.intake.report.address.clone(), |e, v| e.intake.report.address = v)}
                <Choice id="category_id" label=("Kategori (tidak wajib)", "Category (optional)") any=("Belum dipilih", "Not chosen yet")
                    options=lists::loaded(categories)
                    value=Signal::derive(move || entry.with(|e| e.intake.report.category_id.map(|c| c.to_string()).unwrap_or_default()))
                    on_pick=move |v: String| entry.update(|e| e.intake.report.category_id = v.parse().ok()) />
            </fieldset>
            <fieldset>
                <legend>{i.t("Pelapor", "Reporter")}</legend>
                {check(("Anonim: identitas pelapor tidak ditampilkan kepada instansi", "Anonymous: the reporter's identity is not shown to the agency"),
                    |e| e.intake.report.anonymous, |e, on| e.intake.report.anonymous = on)}
                {check(("Rahasia: laporan tidak ditampilkan untuk umum", "Confidential: the report is never public"),
                    |e| e.intake.report.confidential, |e, on| e.intake.report.confidential = on)}
                {text("reporter_name", ("Nama pelapor", "Reporter's name"), "text", |e| e.intake.report.reporter_name.clone(), |e, v| e.intake.report.reporter_name = v)}
                {text("reporter_phone", ("Nomor HP", "Phone"), "tel", |e| e.intake.report.reporter_phone.clone(), |e, v| e.intake.report.reporter_phone = v)}
                {text("reporter_email", ("E-mail", "E-mail"), "email", |e| e.intake.report.reporter_email.clone(), |e, v| e.intake.report.reporter_email = v)}
                {text("reporter_contact", ("Kontak lain: alamat surat atau akun media sosial", "Other contact: postal address or social media account"), "text",
                    |e| e.intake.reporter_contact.clone(), |e, v| e.intake.reporter_contact = v)}
            </fieldset>
            <Files entry errors uploading />
            {move || failure.get().map(|m| view! { <div class="notice error" role="alert">{m}</div> })}
            <div class="row-actions">
                <button type="submit" class="button primary" disabled=move || send.pending().get()>
                    {move || if send.pending().get() {
                        i.lang().pick("Menyimpan…", "Saving…")
                    } else {
                        i.lang().pick("Simpan dan buat tanda terima", "Save and make the receipt")
                    }}
                </button>
            </div>
        </form>
    }
}

/// The scanned letter, photos or documents: each uploaded when picked (with
/// its progress), claimed by the report when it is saved.
#[component]
fn Files(entry: RwSignal<Entry>, errors: RwSignal<FieldErrors>, uploading: RwSignal<Vec<(String, f64)>>) -> impl IntoView {
    let i = use_i18n();
    let problem = RwSignal::new(None::<String>);
    let on_pick = move |ev: web_sys::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let picked: Vec<web_sys::File> = input.files().map(|l| (0..l.length()).filter_map(|k| l.get(k)).collect()).unwrap_or_default();
        input.set_value("");
        problem.set(None);
        errors.update(|e| {
            e.0.remove("attachments");
        });
        spawn_local(async move {
            for file in picked {
                let name = file.name();
                let held = entry.with_untracked(|e| e.files.len()) + uploading.with_untracked(Vec::len);
                if held >= MAX_ATTACHMENTS {
                    problem.set(Some(FieldIssue::TooManyFiles { max: MAX_ATTACHMENTS }.message(i.lang())));
                    break;
                }
                let blob = match prepare(file).await {
                    Ok((_, blob)) => blob,
                    Err(issue) => {
                        problem.set(Some(format!("{name}: {}", issue.message(i.lang()))));
                        continue;
                    }
                };
                uploading.update(|u| u.push((name.clone(), 0.0)));
                let shown = name.clone();
                let progress = move |p: f64| uploading.update(|u| u.iter_mut().filter(|x| x.0 == shown).for_each(|x| x.1 = p));
                let sent = guard(api::upload_attachment(&blob, progress).await);
                uploading.update(|u| u.retain(|x| x.0 != name));
                match sent {
                    Ok(up) => entry.update(|e| {
                        e.intake.report.attachments.push(up.claim());
                        e.files.push(name);
                    }),
                    Err(err) => problem.set(Some(format!("{name}: {}", err.first_message(i.lang())))),
                }
            }
        });
    };
    let remove = move |k: usize| {
        entry.update(|e| {
            if k < e.files.len() {
                e.files.remove(k);
                e.intake.report.attachments.remove(k);
            }
        })
    };
    view! {
        <fieldset aria-describedby="err-attachments">
            <legend>{i.t("Lampiran: pindaian surat, foto, atau dokumen", "Attachments: the scanned letter, photos or documents")}</legend>
            <p class="hint">{move || format!(
                "{} {MAX_ATTACHMENTS} {}",
                i.lang().pick("Paling banyak", "At most"),
                i.lang().pick("berkas: foto (JPEG/PNG/WebP), PDF, atau video. Foto diperkecil dan metadata dihapus.", "files: photos (JPEG/PNG/WebP), PDF or video. Photos are downscaled and metadata removed."),
            )}</p>
            <label for="intake-files" class="button">{i.t("Pilih berkas", "Choose files")}</label>
            <input id="intake-files" class="visually-hidden" type="file" multiple accept="image/jpeg,image/png,image/webp,application/pdf,video/*" on:change=on_pick />
            <ul class="file-list" data-testid="intake-files">
                {move || entry.with(|e| e.files.clone()).into_iter().enumerate().map(|(k, name)| view! {
                    <li class="file-item">
                        <span class="file-name">{name.clone()}</span>
                        <span class="muted">{i.t("terunggah", "uploaded")}</span>
                        <button type="button" class="button small" aria-label=format!("Hapus {name}") on:click=move |_| remove(k)>{i.t("Hapus", "Remove")}</button>
                    </li>
                }).collect_view()}
                {move || uploading.get().into_iter().map(|(name, p)| view! {
                    <li class="file-item">
                        <span class="file-name">{name.clone()}</span>
                        <progress max="100" value=crate::format::percent(p) aria-label=format!("Mengunggah {name}")></progress>
                    </li>
                }).collect_view()}
            </ul>
            <p class="field-error" role="alert">{move || problem.get()}</p>
            <FieldError errors field="attachments" />
        </fieldset>
    }
}
