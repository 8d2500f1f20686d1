//! The agency's follow-up: a message for the reporter and, if any, files
//! (documents, photos of the repaired site), uploaded as they are picked
//! and claimed when the follow-up is sent. Where the agency's liaison
//! approves its operators' follow-ups, an operator's is a draft (text only)
//! and the liaison sends it, edited or not, or returns it with a note.

use crate::api;
use crate::format;
use crate::i18n::use_i18n;
use crate::pages::report_form::files::prepare;
use domain::agencies::{DraftState, FollowupDraft};
use domain::api::{AdminAction, AttachmentClaim};
use domain::attachments::MAX_ATTACHMENTS;
use domain::FieldIssue;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, Debug, PartialEq)]
struct Picked {
    name: String,
    size: u64,
    claim: AttachmentClaim,
}

#[component]
pub fn RespondForm(
    act: Action<AdminAction, ()>,
    pending: Memo<bool>,
    drafts: Vec<FollowupDraft>,
    drafts_only: bool,
    may_approve: bool,
) -> impl IntoView {
    let i = use_i18n();
    // The liaison starts from the operator's pending draft.
    let waiting = drafts.iter().find(|d| d.state == DraftState::Pending).cloned().filter(|_| may_approve);
    let draft_id = waiting.as_ref().map(|d| d.id);
    let text = RwSignal::new(waiting.as_ref().map(|d| d.message.clone()).unwrap_or_default());
    let note = RwSignal::new(String::new());
    let files = RwSignal::new(Vec::<Picked>::new());
    let uploading = RwSignal::new(0usize);
    let problem = RwSignal::new(None::<String>);

    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(list) = input.files() else { return };
        let picked: Vec<web_sys::File> = (0..list.length()).filter_map(|n| list.get(n)).collect();
        input.set_value("");
        problem.set(None);
        let room = MAX_ATTACHMENTS.saturating_sub(files.with_untracked(Vec::len) + uploading.get_untracked());
        for (n, file) in picked.into_iter().enumerate() {
            if n >= room {
                problem.set(Some(FieldIssue::TooManyFiles { max: MAX_ATTACHMENTS }.message(i.lang())));
                break;
            }
            uploading.update(|u| *u += 1);
            spawn_local(async move {
                let name = file.name();
                let lang = i.lang();
                let result = match prepare(file).await {
                    Ok((local, blob)) => match api::upload_attachment(&blob, |_| {}).await {
                        Ok(up) => Ok(Picked { name: local.name, size: local.size, claim: up.claim() }),
                        Err(e) => Err(e
                            .fields()
                            .and_then(|f| f.0.values().flatten().next().map(|issue| issue.message(lang)))
                            .unwrap_or_else(|| e.message(lang))),
                    },
                    Err(issue) => Err(issue.message(lang)),
                };
                match result {
                    Ok(p) => files.update(|f| f.push(p)),
                    Err(msg) => problem.set(Some(format!("{name}: {msg}"))),
                }
                uploading.update(|u| *u -= 1);
            });
        }
    };

    let list = move || {
        files
            .get()
            .into_iter()
            .map(|p| {
                let id = p.claim.id.clone();
                view! {
                    <li>
                        <span>{p.name.clone()}</span>
                        <span class="muted">{move || format!(" · {}", format::bytes(p.size, i.lang()))}</span>
                        <button type="button" class="button small" on:click=move |_| files.update(|f| f.retain(|x| x.claim.id != id))>
                            {i.t("Hapus", "Remove")}
                        </button>
                    </li>
                }
            })
            .collect::<Vec<_>>()
    };

    view! {
        <form
            class="action-form"
            data-action="respond"
            on:submit=move |ev| {
                ev.prevent_default();
                let attachments = files.get_untracked().into_iter().map(|p| p.claim).collect();
                // Kept on a failure (the uploads stay claimable); after a success the
                // report reloads and this form is gone.
                act.dispatch(AdminAction::Respond { message: text.get_untracked().trim().to_string(), attachments, draft_id });
            }
        >
            <DraftList drafts />
            <label for="action-respond">{if drafts_only {
                i.t("Draf tindak lanjut untuk pelapor (diperiksa penghubung sebelum dikirim)", "Draft follow-up for the reporter (checked by the liaison before it is sent)")
            } else if draft_id.is_some() {
                i.t("Tindak lanjut untuk pelapor (dari draf operator; boleh diubah)", "Follow-up for the reporter (from the operator's draft; you may edit it)")
            } else {
                i.t("Tindak lanjut untuk pelapor", "Follow-up for the reporter")
            }}</label>
            <textarea id="action-respond" rows="3" required bind:value=text></textarea>
            {(!drafts_only).then(|| view! {
            <label for="respond-files">
                {i.t("Lampiran tindak lanjut (tidak wajib): foto, PDF, video; paling banyak 5", "Follow-up files (optional): photos, PDF, video; at most 5")}
            </label>
            <input id="respond-files" type="file" multiple accept="image/*,application/pdf,video/*" aria-describedby="respond-files-status" on:change=on_pick />
            <ul class="picked-files" data-testid="respond-files">{list}</ul>
            <p id="respond-files-status" class="hint" aria-live="polite">
                {move || (uploading.get() > 0).then(|| i.lang().pick("Mengunggah…", "Uploading…"))}
                {move || problem.get().map(|p| view! { <span class="field-error">{p}</span> })}
            </p>
            })}
            <button type="submit" class="button" disabled=move || { pending.get() || uploading.get() > 0 }>
                {move || if drafts_only {
                    i.lang().pick("Kirim draf ke penghubung", "Send the draft to the liaison")
                } else if draft_id.is_some() {
                    i.lang().pick("Setujui dan kirim ke pelapor", "Approve and send to the reporter")
                } else {
                    crate::i18n::transition_label(domain::Transition::Respond, i.lang())
                }}
            </button>
        </form>
        {draft_id.map(|draft_id| view! {
            <form class="action-form" data-action="return-draft" on:submit=move |ev| {
                ev.prevent_default();
                act.dispatch(AdminAction::ReturnDraft { draft_id, note: note.get_untracked().trim().to_string() });
            }>
                <label for="action-return-draft">{i.t("Catatan untuk operator", "Note for the operator")}</label>
                <textarea id="action-return-draft" rows="2" required bind:value=note></textarea>
                <button type="submit" class="button" disabled=move || pending.get()>{i.t("Kembalikan draf ke operator", "Return the draft to the operator")}</button>
            </form>
        })}
    }
}

/// The operators' drafts of this follow-up, newest first, with what the liaison decided.
#[component]
fn DraftList(drafts: Vec<FollowupDraft>) -> impl IntoView {
    let i = use_i18n();
    (!drafts.is_empty()).then(|| view! {
        <ul class="drafts" data-testid="drafts">
            {drafts.into_iter().map(|d| {
                let state = d.state;
                view! {
                    <li data-testid="draft">
                        <p><strong>{move || state.label(i.lang())}</strong>" · " {d.author.clone()} " · " {move || format::date_time(d.created_at, i.lang())}</p>
                        <blockquote>{d.message.clone()}</blockquote>
                        {d.decision_note.clone().map(|n| view! { <p>{i.t("Catatan penghubung: ", "The liaison's note: ")}{n}</p> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    })
}
