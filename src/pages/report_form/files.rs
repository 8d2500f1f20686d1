use super::state::FormState;
use crate::browser::{files, idb};
use crate::components::field::invalid;
use crate::draft::{new_id, LocalFile};
use crate::format;
use crate::i18n::use_i18n;
use crate::outbox::use_outbox;
use domain::attachments::{check_file, sniff, AttachmentKind, MAX_ATTACHMENTS, PHOTO_MAX_SIDE};
use domain::{FieldIssue, Lang};
use crate::draft::DraftStoreFields;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

fn kind_label(k: AttachmentKind, lang: Lang) -> &'static str {
    match k {
        AttachmentKind::Photo => lang.pick("Foto", "Photo"),
        AttachmentKind::Pdf => "PDF",
        AttachmentKind::Video => lang.pick("Video", "Video"),
    }
}

/// Prepares one picked file: recognised by content; photos downscaled (which drops EXIF).
pub(crate) async fn prepare(file: web_sys::File) -> Result<(LocalFile, web_sys::Blob), FieldIssue> {
    let head = files::head(&file, 16).await.map_err(|_| FieldIssue::UnsupportedFile)?;
    let (kind, _) = sniff(&head).ok_or(FieldIssue::UnsupportedFile)?;
    let original_size = file.size() as u64;
    let blob: web_sys::Blob = if kind == AttachmentKind::Photo {
        files::downscale(&file, PHOTO_MAX_SIDE).await.map_err(|_| FieldIssue::UnsupportedFile)?
    } else {
        file.clone().unchecked_into()
    };
    let head = files::head(&blob, 16).await.map_err(|_| FieldIssue::UnsupportedFile)?;
    let size = blob.size() as u64;
    let (kind, mime) = check_file(&head, size)?;
    let local = LocalFile { id: new_id(), name: file.name(), kind, mime: mime.to_string(), size, original_size };
    Ok((local, blob))
}

/// Step 3: up to five photos, PDFs or short videos, kept in IndexedDB until sent.
#[component]
pub fn StepFiles(form: FormState) -> impl IntoView {
    let i = use_i18n();
    let outbox = use_outbox();
    let busy = RwSignal::new(0usize);
    let problems = RwSignal::new(Vec::<(String, FieldIssue)>::new());

    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(list) = input.files() else { return };
        let picked: Vec<web_sys::File> = (0..list.length()).filter_map(|n| list.get(n)).collect();
        input.set_value("");
        problems.set(Vec::new());
        form.errors.update(|e| {
            e.0.remove("file");
            e.0.remove("attachments");
        });
        let room = MAX_ATTACHMENTS.saturating_sub(form.draft.files().with_untracked(Vec::len));
        for (n, file) in picked.into_iter().enumerate() {
            if n >= room {
                problems.update(|p| p.push((file.name(), FieldIssue::TooManyFiles { max: MAX_ATTACHMENTS })));
                continue;
            }
            busy.update(|b| *b += 1);
            spawn_local(async move {
                match prepare(file.clone()).await {
                    Ok((local, blob)) => match idb::put(idb::FILES, &local.id, &blob).await {
                        Ok(()) => form.draft.files().update(|f| f.push(local)),
                        Err(_) => problems.update(|p| p.push((file.name(), FieldIssue::UnsupportedFile))),
                    },
                    Err(issue) => problems.update(|p| p.push((file.name(), issue))),
                }
                busy.update(|b| *b -= 1);
                if !problems.with_untracked(Vec::is_empty) {
                    form.errors.update(|e| e.add("file", problems.with_untracked(|p| p[0].1.clone())));
                }
            });
        }
    };

    let remove = move |id: String| {
        form.draft.files().update(|f| f.retain(|x| x.id != id));
        spawn_local(async move {
            let _ = idb::delete(idb::FILES, &id).await;
        });
    };

    let full = move || form.draft.files().with(Vec::len) >= MAX_ATTACHMENTS;
    let working = move || busy.get() != 0;
    view! {
        <p class="hint" id="files-hint">
            {i.t(
                "Foto (diperkecil otomatis), PDF, atau video pendek; paling banyak 5 berkas. Tidak wajib.",
                "Photos (shrunk automatically), PDFs or short videos; at most 5 files. Optional.",
            )}
        </p>
        // The server cleans every file (media::strip_metadata); reporters who
        // stay anonymous need to know their files do not give them away.
        <p class="hint" id="files-clean">
            {i.t(
                "Lokasi (GPS), nama penulis dan data tersembunyi lain dihapus dari foto, PDF dan video sebelum disimpan.",
                "Location (GPS), author names and other hidden data are removed from photos, PDFs and videos before they are stored.",
            )}
        </p>
        <div class="field">
            <input
                id="files"
                class="visually-hidden"
                type="file"
                multiple
                accept="image/*,application/pdf,video/*"
                disabled=full
                aria-describedby="files-hint files-clean err-file"
                aria-invalid=invalid(form.errors, "file")
                on:change=on_pick
            />
            <label for="files" class="button file-button" class:disabled=full>
                {i.t("Tambah foto atau berkas", "Add a photo or file")}
            </label>
            <p class="field-error" id="err-file" role="alert">
                {move || problems.get().into_iter().map(|(name, issue)| view! {
                    <span class="file-problem">{format!("{name}: {}", issue.message(i.lang()))}</span>
                }).collect::<Vec<_>>()}
            </p>
            <Show when=working>
                <p class="loading" role="status">{i.t("Menyiapkan berkas…", "Preparing files…")}</p>
            </Show>
        </div>
        <ul class="file-list" aria-label=i.t("Lampiran", "Attachments")>
            {move || form.draft.files().get().into_iter().map(|f| {
                let id = f.id.clone();
                let pid = f.id.clone();
                let shrunk = (f.kind == AttachmentKind::Photo && f.original_size != f.size).then(|| {
                    format!("{} → {}", format::bytes(f.original_size, i.lang()), format::bytes(f.size, i.lang()))
                });
                view! {
                    <li class="file-item">
                        <span class="file-name">{f.name.clone()}</span>
                        <span class="muted">
                            {move || kind_label(f.kind, i.lang())} " · "
                            {shrunk.clone().unwrap_or_else(|| format::bytes(f.size, i.lang()))}
                        </span>
                        {move || outbox.progress.with(|p| p.get(&pid).copied()).map(|v| view! {
                            <progress max="100" value=format::percent(v)></progress>
                        })}
                        <button type="button" class="button small" on:click=move |_| remove(id.clone())>
                            {i.t("Hapus", "Remove")}
                        </button>
                    </li>
                }
            }).collect::<Vec<_>>()}
        </ul>
    }
}
