//! The reporter's files on the report page, as the officer reads them:
//! photos shown, videos played, PDFs opened in the browser's own viewer
//! (served inline). The session cookie authorises each file.

use crate::api;
use crate::format;
use crate::i18n::use_i18n;
use domain::attachments::{AttachmentKind, AttachmentRef};
use leptos::either::EitherOf3;
use leptos::prelude::*;

#[component]
pub fn ReportFiles(report_id: i64, files: Vec<AttachmentRef>) -> impl IntoView {
    let i = use_i18n();
    if files.is_empty() {
        return None;
    }
    let items = files
        .into_iter()
        .enumerate()
        .map(|(n, f)| {
            let url = api::admin_attachment_url(report_id, &f.id);
            let size = f.size;
            let media = match f.kind {
                AttachmentKind::Photo => EitherOf3::A(view! {
                    <a href=url.clone() target="_blank" rel="noopener">
                        <img src=url.clone() alt=move || format!("{} {}", i.lang().pick("Foto", "Photo"), n + 1) loading="lazy" />
                    </a>
                }),
                AttachmentKind::Video => EitherOf3::B(view! {
                    <video src=url controls preload="metadata" aria-label=move || format!("Video {}", n + 1)></video>
                }),
                AttachmentKind::Pdf => EitherOf3::C(view! {
                    <a class="button small" href=url target="_blank" rel="noopener">
                        {move || format!("{} {} ({})", i.lang().pick("Buka PDF", "Open PDF"), n + 1, i.lang().pick("tab baru", "new tab"))}
                    </a>
                }),
            };
            view! {
                <li class="attachment">
                    {media}
                    <span class="muted">{move || format::bytes(size, i.lang())}</span>
                </li>
            }
        })
        .collect::<Vec<_>>();
    Some(view! {
        <section aria-labelledby="att-title">
            <h2 id="att-title">{i.t("Lampiran pelapor", "Reporter's files")}</h2>
            <ul class="attachments console-files" data-testid="attachments">{items}</ul>
        </section>
    })
}
