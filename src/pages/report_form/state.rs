//! The form's state: the draft as a store, its problems, and the rules of its steps.

use crate::draft::{self, Draft, DraftStoreFields};
use domain::api::{Agency, NewReport};
use domain::{FieldErrors, FieldIssue};
use leptos::prelude::*;
use reactive_stores::Store;

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

/// The form: the draft (the one copy of everything typed, a store whose
/// fields the steps bind to), the problems shown on the fields, and the
/// agency list that turns the typed agency into an id.
#[derive(Clone, Copy)]
pub struct FormState {
    pub draft: Store<Draft>,
    pub errors: RwSignal<FieldErrors>,
    /// Agencies offered for the chosen regency, to turn the typed name into an id.
    pub agencies: RwSignal<Vec<Agency>>,
}

/// A draft ready for the form: a step that exists, an idempotency key,
/// and on a practice form the session's code (a practice draft keeps its
/// own: it is never sent as a real report).
fn ready(mut d: Draft) -> Draft {
    d.step = d.step.min(STEPS.len() - 1);
    if d.key.is_empty() {
        d.key = draft::new_id();
    }
    if let Some(code) = draft::practice_code() {
        d.practice = code;
    }
    d
}

impl FormState {
    pub fn new(d: Draft) -> FormState {
        FormState { draft: Store::new(ready(d)), errors: RwSignal::new(FieldErrors::default()), agencies: RwSignal::new(Vec::new()) }
    }

    /// Replaces every field (restoring a draft or a returned report).
    pub fn load(self, d: Draft) {
        self.draft.set(ready(d));
        self.errors.set(FieldErrors::default());
    }

    fn agency_id(self) -> Result<Option<i64>, FieldIssue> {
        let text = self.draft.agency().get_untracked();
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
        let d = self.draft.read();
        [&d.village, &d.district, &d.regency, &d.province]
            .into_iter()
            .filter(|c| !c.is_empty())
            .map(|c| d.region_names.get(c).cloned().unwrap_or_else(|| c.clone()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The report as the API takes it, derived from the draft.
    pub fn report(self) -> NewReport {
        self.draft.read_untracked().report(self.target_agency_id())
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
        if !self.draft.consent().get_untracked() {
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
