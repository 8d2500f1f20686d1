//! The actions an officer may take on a report now, one small form each:
//! the next step of the lifecycle open, the others folded away.

use super::archive::ArchiveForm;
use super::classify::{ClassifyForm, FlagsForm};
use super::dispatch::DispatchForm;
use super::guard;
use super::respond::RespondForm;
use crate::api::{self, ApiError};
use crate::i18n::{transition_label, use_i18n};
use crate::state::use_session;
use domain::api::{AdminAction, AdminReportDetail, Role};
use domain::Transition;
use leptos::prelude::*;

#[component]
pub fn ActionPanel(d: AdminReportDetail, on_new: Callback<AdminReportDetail>) -> impl IntoView {
    let i = use_i18n();
    let id = d.id;
    let failure = RwSignal::new(None::<ApiError>);
    let act = Action::new_local(move |a: &AdminAction| {
        let a = a.clone();
        async move {
            match guard(api::admin_action(id, &a).await) {
                Ok(d) => {
                    failure.set(None);
                    on_new.run(d);
                }
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    let pending = act.pending();
    let role = use_session().0.with_untracked(|m| m.as_ref().map(|m| m.role));
    // The main step (verify & forward, or the follow-up) first and open.
    let mut available = d.available.clone();
    available.sort_by_key(|t| !matches!(t, Transition::Dispatch | Transition::Respond));
    let forms = available
        .iter()
        .map(|t| {
            let t = *t;
            let form = match t {
                Transition::Respond => view! { <RespondForm act pending drafts=d.drafts.clone() drafts_only=d.drafts_only may_approve=d.may_approve /> }.into_any(),
                Transition::Dispatch => view! { <DispatchForm d=d.clone() act pending /> }.into_any(),
                Transition::Archive => view! { <ArchiveForm act pending failure /> }.into_any(),
                Transition::Return => view! {
                    <TextActionForm key="return" label=i.t("Alasan bukan wewenang", "Why it is not your authority")
                        button=move || transition_label(t, i.lang()) make=|text| AdminAction::Return { reason: text } act pending />
                }
                .into_any(),
                _ => view! {
                    <TextActionForm key="request_info" label=i.t("Pesan untuk pelapor: apa yang perlu dilengkapi", "Message to the reporter: what is missing")
                        button=move || transition_label(t, i.lang()) make=|text| AdminAction::RequestInfo { note: text } act pending />
                }
                .into_any(),
            };
            let main = matches!(t, Transition::Dispatch | Transition::Respond);
            view! {
                <details class="action" open=main>
                    <summary>{move || transition_label(t, i.lang())}</summary>
                    {form}
                </details>
            }
        })
        .collect::<Vec<_>>();
    let may_note = role.is_some_and(|r| r != Role::Supervisor);
    let status = d.report.status;
    let flags = (d.report.anonymous, d.report.confidential);
    view! {
        <section class="actions" aria-labelledby="actions-title">
            <h2 id="actions-title">{i.t("Tindakan", "Actions")}</h2>
            {move || failure.get().map(|e| view! { <div class="notice error" role="alert">{e.message(i.lang())}</div> })}
            {(!may_note).then(|| view! { <p class="muted">{i.t("Pengawas hanya dapat melihat laporan.", "Supervisors only read reports.")}</p> })}
            {(may_note && available.is_empty() && !d.may_classify).then(|| view! {
                <p class="muted">{move || format!("{} {}.", i.lang().pick("Tidak ada tindakan untuk laporan berstatus", "No action for a report that is"), status.label(i.lang()))}</p>
            })}
            {forms}
            {d.may_classify.then(|| view! {
                <details class="action">
                    <summary>{i.t("Klasifikasi", "Classification")}</summary>
                    <ClassifyForm d=d.clone() act pending />
                </details>
            })}
            {(d.may_classify && !(flags.0 && flags.1)).then(|| view! {
                <details class="action">
                    <summary>{i.t("Anonim / rahasia", "Anonymous / confidential")}</summary>
                    <FlagsForm anonymous=flags.0 confidential=flags.1 act pending />
                </details>
            })}
            {may_note.then(|| view! {
                <details class="action">
                    <summary>{i.t("Catatan internal", "Internal note")}</summary>
                    <TextActionForm key="note" label=i.t("Catatan internal (tidak terlihat pelapor)", "Internal note (hidden from the reporter)")
                        button=i.t("Simpan catatan", "Save note") make=|text| AdminAction::Note { text } act pending />
                </details>
            })}
        </section>
    }
}

#[component]
fn TextActionForm(
    key: &'static str,
    label: impl Fn() -> &'static str + Copy + Send + Sync + 'static,
    button: impl Fn() -> &'static str + Copy + Send + Sync + 'static,
    make: impl Fn(String) -> AdminAction + Copy + 'static,
    act: Action<AdminAction, ()>,
    pending: Memo<bool>,
) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let field_id = format!("action-{key}");
    view! {
        <form
            class="action-form"
            data-action=key
            on:submit=move |ev| {
                ev.prevent_default();
                act.dispatch(make(text.get_untracked().trim().to_string()));
            }
        >
            <label for=field_id.clone()>{label}</label>
            <textarea id=field_id rows="3" required bind:value=text></textarea>
            <button type="submit" class="button" disabled=move || pending.get()>{button}</button>
        </form>
    }
}
