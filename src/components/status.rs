use crate::format;
use crate::i18n::{status_label, use_i18n};
use domain::{Lang, Status};
use leptos::prelude::*;

#[component]
pub fn StatusBadge(status: Status) -> impl IntoView {
    let i = use_i18n();
    view! {
        <span class=format!("badge status-{}", status.as_str())>{move || status_label(status, i.lang())}</span>
    }
}

/// Who owes the next step by the deadline, as the start of a sentence ending in the date.
fn owes(status: Status, lang: Lang) -> &'static str {
    match status {
        Status::Submitted | Status::Returned => {
            lang.pick("Admin koordinator wajib memverifikasi paling lambat ", "The coordinator must verify it by ")
        }
        Status::Dispatched => lang.pick("Instansi wajib menindaklanjuti paling lambat ", "The agency must follow up by "),
        Status::Responded => lang.pick("Pelapor dapat menanggapi paling lambat ", "The reporter may reply until "),
        _ => lang.pick("Batas waktu: ", "Due: "),
    }
}

/// "3 hari kerja lagi", "terlambat 2 hari kerja", … from the server's count
/// of working days (never calendar days).
pub fn countdown(days_left: i64, overdue: bool, lang: Lang) -> String {
    match (days_left, overdue, lang) {
        (n, false, Lang::Id) if n > 0 => format!("{n} hari kerja lagi"),
        (1, false, Lang::En) => "1 working day left".into(),
        (n, false, Lang::En) if n > 0 => format!("{n} working days left"),
        (_, false, Lang::Id) => "hari ini hari terakhir".into(),
        (_, false, Lang::En) => "today is the last day".into(),
        (n, true, Lang::Id) if n < 0 => format!("terlambat {} hari kerja", -n),
        (-1, true, Lang::En) => "1 working day overdue".into(),
        (n, true, Lang::En) if n < 0 => format!("{} working days overdue", -n),
        (_, true, Lang::Id) => "sudah lewat batas waktu".into(),
        (_, true, Lang::En) => "past the deadline".into(),
    }
}

/// The running deadline of a report: who owes the next step, by which day,
/// and how many working days are left (or how late it is).
#[component]
pub fn Deadline(
    due_date: Option<String>,
    overdue: bool,
    status: Status,
    #[prop(default = None)] days_left: Option<i64>,
) -> impl IntoView {
    let i = use_i18n();
    due_date.map(|due| {
        let due2 = due.clone();
        view! {
            <p class="deadline" class:overdue=overdue data-testid="deadline">
                <span>{move || owes(status, i.lang())}</span>
                <time datetime=due.clone()>{move || format::long_date(&due2, i.lang())}</time>
                {days_left.map(|n| view! {
                    <strong class="countdown" class:overdue-flag=overdue>{move || format!(" — {}", countdown(n, overdue, i.lang()))}</strong>
                })}
                {(days_left.is_none() && overdue).then(|| view! { <strong class="overdue-flag">{i.t(" — terlambat", " — overdue")}</strong> })}
            </p>
        }
    })
}
