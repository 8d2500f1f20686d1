//! Everything the form holds, as signals, with its draft in browser storage.

use crate::draft::{self, Draft, LocalFile};
use domain::api::{Agency, NewReport, ReportKind};
use domain::{FieldErrors, FieldIssue};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The steps, with the fields each one holds (API field names).
pub const STEPS: [((&str, &str), &[&str]); 5] = [
    (("Isi laporan", "Your report"), &["kind", "title", "body", "incident_date"]),
    (
        ("Lokasi & tujuan", "Place & agency"),
        &["province_code", "regency_code", "district_code", "village_code", "address", "category_id", "target_agency_id"],
    ),
    (("Lampiran", "Attachments"), &["attachments", "file"]),
    (("Identitas", "About you"), &["reporter_name", "reporter_phone", "reporter_email"]),
    (("Periksa & kirim", "Review & send"), &["consent"]),
];

pub fn step_of(field: &str) -> usize {
    STEPS.iter().position(|(_, fields)| fields.contains(&field)).unwrap_or(0)
}

/// Input id of a field, for focus.
pub fn input_id(field: &str) -> &str {
    match field {
        "province_code" => "province",
        "regency_code" => "regency",
        "district_code" => "district",
        "village_code" => "village",
        "category_id" => "category",
        "target_agency_id" => "agency",
        "attachments" | "file" => "files",
        "kind" => "kind-pengaduan",
        other => other,
    }
}

pub fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// How an agency is written in the searchable field.
pub fn agency_label(a: &Agency) -> String {
    if a.region_name.is_empty() {
        a.name.clone()
    } else {
        format!("{} — {}", a.name, a.region_name)
    }
}

#[derive(Clone, Copy)]
pub struct FormState {
    pub step: RwSignal<usize>,
    pub kind: RwSignal<ReportKind>,
    pub title: RwSignal<String>,
    pub body: RwSignal<String>,
    pub incident_date: RwSignal<String>,
    pub province: RwSignal<String>,
    pub regency: RwSignal<String>,
    pub district: RwSignal<String>,
    pub village: RwSignal<String>,
    pub region_names: RwSignal<BTreeMap<String, String>>,
    pub address: RwSignal<String>,
    pub category: RwSignal<String>,
    pub agency: RwSignal<String>,
    pub anonymous: RwSignal<bool>,
    pub confidential: RwSignal<bool>,
    pub name: RwSignal<String>,
    pub phone: RwSignal<String>,
    pub email: RwSignal<String>,
    pub consent: RwSignal<bool>,
    pub files: RwSignal<Vec<LocalFile>>,
    pub key: RwSignal<String>,
    pub errors: RwSignal<FieldErrors>,
    /// Agencies offered for the chosen regency, to turn the typed name into an id.
    pub agencies: RwSignal<Vec<Agency>>,
}

impl FormState {
    pub fn new(d: Draft) -> FormState {
        let key = if d.key.is_empty() { draft::new_id() } else { d.key.clone() };
        FormState {
            step: RwSignal::new(d.step.min(STEPS.len() - 1)),
            kind: RwSignal::new(d.kind),
            title: RwSignal::new(d.title),
            body: RwSignal::new(d.body),
            incident_date: RwSignal::new(d.incident_date),
            province: RwSignal::new(d.province),
            regency: RwSignal::new(d.regency),
            district: RwSignal::new(d.district),
            village: RwSignal::new(d.village),
            region_names: RwSignal::new(d.region_names),
            address: RwSignal::new(d.address),
            category: RwSignal::new(d.category),
            agency: RwSignal::new(d.agency),
            anonymous: RwSignal::new(d.anonymous),
            confidential: RwSignal::new(d.confidential),
            name: RwSignal::new(d.name),
            phone: RwSignal::new(d.phone),
            email: RwSignal::new(d.email),
            consent: RwSignal::new(d.consent),
            files: RwSignal::new(d.files),
            key: RwSignal::new(key),
            errors: RwSignal::new(FieldErrors::default()),
            agencies: RwSignal::new(Vec::new()),
        }
    }

    /// Replaces every field (restoring a draft or a returned report).
    pub fn load(self, d: Draft) {
        self.step.set(d.step.min(STEPS.len() - 1));
        self.kind.set(d.kind);
        self.title.set(d.title);
        self.body.set(d.body);
        self.incident_date.set(d.incident_date);
        self.province.set(d.province);
        self.regency.set(d.regency);
        self.district.set(d.district);
        self.village.set(d.village);
        self.region_names.set(d.region_names);
        self.address.set(d.address);
        self.category.set(d.category);
        self.agency.set(d.agency);
        self.anonymous.set(d.anonymous);
        self.confidential.set(d.confidential);
        self.name.set(d.name);
        self.phone.set(d.phone);
        self.email.set(d.email);
        self.consent.set(d.consent);
        self.files.set(d.files);
        self.key.set(if d.key.is_empty() { draft::new_id() } else { d.key });
        self.errors.set(FieldErrors::default());
    }

    /// The draft, read reactively (so an effect saving it re-runs on every change).
    pub fn draft(self) -> Draft {
        Draft {
            step: self.step.get(),
            kind: self.kind.get(),
            title: self.title.get(),
            body: self.body.get(),
            incident_date: self.incident_date.get(),
            province: self.province.get(),
            regency: self.regency.get(),
            district: self.district.get(),
            village: self.village.get(),
            region_names: self.region_names.get(),
            address: self.address.get(),
            category: self.category.get(),
            agency: self.agency.get(),
            anonymous: self.anonymous.get(),
            confidential: self.confidential.get(),
            name: self.name.get(),
            phone: self.phone.get(),
            email: self.email.get(),
            consent: self.consent.get(),
            files: self.files.get(),
            key: self.key.get(),
        }
    }

    fn agency_id(self) -> Result<Option<i64>, FieldIssue> {
        let text = self.agency.get_untracked();
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        self.agencies
            .with_untracked(|list| list.iter().find(|a| agency_label(a) == text || a.name == text).map(|a| Some(a.id)))
            .ok_or(FieldIssue::UnknownAgency)
    }

    /// "Kapuas, Kabupaten Sanggau, Kalimantan Barat": the chosen regions, smallest first.
    pub fn place(self) -> String {
        let names = self.region_names.get();
        [self.village, self.district, self.regency, self.province]
            .into_iter()
            .map(|s| s.get())
            .filter(|c| !c.is_empty())
            .map(|c| names.get(&c).cloned().unwrap_or(c))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The report as the API takes it, derived from the draft.
    pub fn report(self) -> NewReport {
        untrack(|| self.draft()).report(self.agency_id().ok().flatten())
    }

    /// The agency typed in step 2 as an id (`None` when left empty or not in the list).
    pub fn target_agency_id(self) -> Option<i64> {
        self.agency_id().ok().flatten()
    }

    /// Every problem of the whole form: the shared domain rules plus what only the form knows.
    pub fn problems(self) -> FieldErrors {
        let mut errs = self.report().validate(crate::format::today()).err().unwrap_or_default();
        if let Err(issue) = self.agency_id() {
            errs.add("target_agency_id", issue);
        }
        if !self.consent.get_untracked() {
            errs.add("consent", FieldIssue::Required);
        }
        errs
    }

    /// The problems of one step, shown on its fields; the first one gets focus.
    pub fn check_step(self, step: usize) -> bool {
        let all = self.problems();
        let mut mine = FieldErrors::default();
        for (field, issues) in all.0 {
            if step_of(&field) == step {
                mine.0.insert(field, issues);
            }
        }
        let ok = mine.is_empty();
        if let Some(f) = STEPS[step].1.iter().find(|f| mine.get(f).is_some()) {
            focus(input_id(f));
        }
        self.errors.set(mine);
        ok
    }
}
