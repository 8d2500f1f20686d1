//! The agency's follow-up: a message for the reporter and, if any, files
//! (documents, photos of the repaired site), uploaded as they are picked
//! and claimed when the follow-up is sent.

use crate::api;
use crate::format;
use crate::i18n::use_i18n;
use crate::pages::report_form::files::prepare;
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
pub fn RespondForm(act: Action<AdminAction, ()>, pending: Memo<bool>) -> impl IntoView {
    let i = use_i18n();
    let text = RwSignal::new(String::new());
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
                act.dispatch(AdminAction::Respond { message: text.get_untracked().trim().to_string(), attachments });
            }
        >
            <label for="action-respond">{i.t("Tindak lanjut untuk pelapor", "Follow-up for the reporter")}</label>
            <textarea id="action-respond" rows="3" required bind:value=text></textarea>
            <label for="respond-files">
                {i.t("Lampiran tindak lanjut (tidak wajib): foto, PDF, video; paling banyak 5", "Follow-up files (optional): photos, PDF, video; at most 5")}
            </label>
            <input id="respond-files" type="file" multiple accept="image/*,application/pdf,video/*" aria-describedby="respond-files-status" on:change=on_pick />
            <ul class="picked-files" data-testid="respond-files">{list}</ul>
            <p id="respond-files-status" class="hint" aria-live="polite">
                {move || (uploading.get() > 0).then(|| i.lang().pick("Mengunggah…", "Uploading…"))}
                {move || problem.get().map(|p| view! { <span class="field-error">{p}</span> })}
            </p>
            <button type="submit" class="button" disabled=move || { pending.get() || uploading.get() > 0 }>
                {move || crate::i18n::transition_label(domain::Transition::Respond, i.lang())}
            </button>
        </form>
    }
}
