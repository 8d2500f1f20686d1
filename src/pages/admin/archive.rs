//! Archiving: a reason from the list, the original's number for a
//! duplicate, and a note for the reporter. One set of fields, used by the
//! report's own form and by the queue's bulk archive.

use crate::api::ApiError;
use crate::i18n::use_i18n;
use domain::api::AdminAction;
use domain::handling::ArchiveReason;
use leptos::prelude::*;

/// What the archive fields hold.
#[derive(Clone, Copy)]
pub struct ArchiveInput {
    pub reason: RwSignal<String>,
    pub duplicate_of: RwSignal<String>,
    pub note: RwSignal<String>,
}

impl ArchiveInput {
    pub fn new() -> ArchiveInput {
        ArchiveInput { reason: RwSignal::new(String::new()), duplicate_of: RwSignal::new(String::new()), note: RwSignal::new(String::new()) }
    }
    pub fn reason(self) -> Option<ArchiveReason> {
        ArchiveReason::parse(&self.reason.get_untracked())
    }
    /// The original's number, for a duplicate only.
    pub fn duplicate_of(self) -> Option<String> {
        (self.reason() == Some(ArchiveReason::Duplicate))
            .then(|| self.duplicate_of.get_untracked().trim().to_string())
            .filter(|n| !n.is_empty())
    }
    pub fn note(self) -> String {
        self.note.get_untracked().trim().to_string()
    }
}

/// The fields; `prefix` keeps their ids apart where two sets are on a page.
/// `failure`: the server's answer, whose field problems show on the fields.
#[component]
pub fn ArchiveFields(input: ArchiveInput, prefix: &'static str, failure: RwSignal<Option<ApiError>>) -> impl IntoView {
    let i = use_i18n();
    let id = move |f: &str| format!("{prefix}-{f}");
    let problem = move |field: &'static str| {
        move || failure.with(|e| e.as_ref().and_then(|e| e.field_message(field, i.lang())))
    };
    let duplicate = move || input.reason.get() == ArchiveReason::Duplicate.as_str();
    view! {
        <label for=id("reason")>{i.t("Alasan diarsipkan", "Reason for archiving")}</label>
        <select id=id("reason") required bind:value=input.reason>
            <option value="">{i.t("— Pilih alasan —", "— Choose a reason —")}</option>
            {ArchiveReason::ALL.into_iter().map(|r| view! {
                <option value=r.as_str()>{move || r.label(i.lang())}</option>
            }).collect::<Vec<_>>()}
        </select>
        {move || duplicate().then(|| {
            let err = problem("duplicate_of");
            view! {
                <label for=id("duplicate")>{i.t("Nomor laporan asli", "Number of the original report")}</label>
                <input id=id("duplicate") type="text" inputmode="numeric" required autocomplete="off"
                    placeholder="1234-5678-9012" bind:value=input.duplicate_of
                    aria-invalid=move || err().is_some().then_some("true")
                    aria-describedby=id("duplicate-error") />
                <p class="field-error" id=id("duplicate-error")>{err}</p>
            }
        })}
        <label for=id("note")>{i.t("Penjelasan untuk pelapor (tidak wajib)", "Explanation for the reporter (optional)")}</label>
        <textarea id=id("note") rows="2" bind:value=input.note></textarea>
    }
}

/// The report page's archive form.
#[component]
pub fn ArchiveForm(act: Action<AdminAction, ()>, pending: Memo<bool>, failure: RwSignal<Option<ApiError>>) -> impl IntoView {
    let i = use_i18n();
    let input = ArchiveInput::new();
    view! {
        <form
            class="action-form"
            data-action="archive"
            on:submit=move |ev| {
                ev.prevent_default();
                let Some(reason) = input.reason() else { return };
                act.dispatch(AdminAction::Archive { reason, duplicate_of: input.duplicate_of(), note: input.note() });
            }
        >
            <ArchiveFields input prefix="archive" failure />
            <button type="submit" class="button" disabled=move || pending.get()>{i.t("Arsipkan", "Archive")}</button>
        </form>
    }
}
