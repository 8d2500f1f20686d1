use crate::format;
use crate::i18n::{status_label, use_i18n};
use domain::Status;
use leptos::prelude::*;

#[component]
pub fn StatusBadge(status: Status) -> impl IntoView {
    let i = use_i18n();
    view! {
        <span class=format!("badge status-{}", status.as_str())>{move || status_label(status, i.lang())}</span>
    }
}

/// The running deadline of a report, flagged when overdue.
#[component]
pub fn Deadline(due_date: Option<String>, overdue: bool, status: Status) -> impl IntoView {
    let i = use_i18n();
    due_date.map(|due| {
        let who = move || match status {
            Status::Submitted | Status::Returned => i.lang().pick("Batas verifikasi", "Verification due"),
            Status::Dispatched => i.lang().pick("Batas tindak lanjut", "Follow-up due"),
            Status::Responded => i.lang().pick("Batas tanggapan pelapor", "Reporter's reply due"),
            _ => i.lang().pick("Batas waktu", "Due"),
        };
        let due2 = due.clone();
        view! {
            <p class="deadline" class:overdue=overdue>
                <span>{who}": "</span>
                <time datetime=due.clone()>{move || format::long_date(&due2, i.lang())}</time>
                {overdue.then(|| view! { <strong class="overdue-flag">{i.t(" — terlambat", " — overdue")}</strong> })}
            </p>
        }
    })
}
