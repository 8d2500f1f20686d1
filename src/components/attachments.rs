use crate::api;
use crate::format;
use crate::i18n::use_i18n;
use domain::api::TrackRequest;
use domain::attachments::{AttachmentKind, AttachmentRef};
use leptos::either::EitherOf4;
use leptos::prelude::*;

/// Where the files come from: an admin's session, or the reporter's number + code.
#[derive(Clone)]
pub enum Source {
    Admin(i64),
    Reporter(TrackRequest),
}

fn label(k: AttachmentKind, n: usize, lang: domain::Lang) -> String {
    let word = match k {
        AttachmentKind::Photo => lang.pick("Foto", "Photo"),
        AttachmentKind::Pdf => "PDF",
        AttachmentKind::Video => "Video",
    };
    format!("{word} {n}")
}

/// The files of a report: photos as pictures, other files as links.
/// `followup` names the event (its position on the timeline) whose files
/// these are: a smaller heading of their own under that event.
#[component]
pub fn Attachments(files: Vec<AttachmentRef>, source: Source, #[prop(optional)] followup: Option<usize>) -> impl IntoView {
    let i = use_i18n();
    if files.is_empty() {
        return ().into_any();
    }
    let items = files
        .into_iter()
        .enumerate()
        .map(|(n, f)| {
            let source = source.clone();
            let id = f.id.clone();
            // Admin files load straight from the API (the cookie authorises them); the
            // reporter's are fetched with number + code and shown from a Blob URL.
            let href = LocalResource::new(move || {
                let source = source.clone();
                let id = id.clone();
                async move {
                    match source {
                        Source::Admin(report) => Some(api::admin_attachment_url(report, &id)),
                        Source::Reporter(req) => api::track_attachment(&req, &id)
                            .await
                            .ok()
                            .and_then(|b| web_sys::Url::create_object_url_with_blob(&b).ok()),
                    }
                }
            });
            let kind = f.kind;
            let size = f.size;
            view! {
                <li class="attachment">
                    {move || {
                        let name = label(kind, n + 1, i.lang());
                        match href.get() {
                            None => EitherOf4::A(view! { <span class="loading">{i.t("Memuat…", "Loading…")}</span> }),
                            Some(Some(url)) if kind == AttachmentKind::Photo => {
                                let src = url.clone();
                                EitherOf4::B(view! {
                                    <a href=url target="_blank" rel="noopener">
                                        <img src=src alt=name.clone() loading="lazy" />
                                    </a>
                                })
                            }
                            Some(Some(url)) => EitherOf4::C(view! { <a href=url target="_blank" rel="noopener">{name}</a> }),
                            Some(None) => EitherOf4::D(view! { <span class="muted">{name}</span> }),
                        }
                    }}
                    <span class="muted">{move || format::bytes(size, i.lang())}</span>
                </li>
            }
        })
        .collect::<Vec<_>>();
    match followup {
        None => view! {
            <section aria-labelledby="att-title">
                <h2 id="att-title">{i.t("Lampiran", "Attachments")}</h2>
                <ul class="attachments" data-testid="attachments">{items}</ul>
            </section>
        }
        .into_any(),
        Some(n) => {
            let title_id = format!("att-event-{n}");
            view! {
                <div class="event-files" role="group" aria-labelledby=title_id.clone()>
                    <h3 id=title_id.clone()>{i.t("Lampiran tindak lanjut", "Follow-up attachments")}</h3>
                    <ul class="attachments" data-testid="followup-attachments">{items}</ul>
                </div>
            }
            .into_any()
        }
    }
}
