use crate::components::attachments::{Attachments, Source};
use crate::components::status::StatusBadge;
use crate::format;
use crate::i18n::use_i18n;
use domain::api::TimelineEvent;
use leptos::prelude::*;

/// Every change of a report: who, when, why, and the files an event posted
/// (an agency's follow-up), fetched from `source`.
#[component]
pub fn Timeline(events: Vec<TimelineEvent>, #[prop(optional)] source: Option<Source>) -> impl IntoView {
    let i = use_i18n();
    let items = events
        .into_iter()
        .enumerate()
        .map(|(n, e)| {
            let files = match (&source, e.attachments.is_empty()) {
                (Some(source), false) => {
                    Some(view! { <Attachments files=e.attachments.clone() source=source.clone() followup=n /> })
                }
                _ => None,
            };
            let kind = e.kind;
            view! {
                <li class="event" class:internal=e.internal data-kind=kind.as_str()>
                    <div class="event-head">
                        <strong>{move || kind.label(i.lang())}</strong>
                        <StatusBadge status=e.status />
                    </div>
                    <p class="event-meta">
                        <span>{e.actor.clone()}</span>
                        " · "
                        <time>{move || format::date_time(e.at, i.lang())}</time>
                    </p>
                    {e.message.clone().map(|m| view! { <p class="event-message">{m}</p> })}
                    {files}
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">{i.t("Riwayat", "Timeline")}</h2>
            <ol class="timeline">{items}</ol>
        </section>
    }
}
