//! `/lapor`: the citizen's report, in short steps, saved on this device at
//! every keystroke and sent through the offline outbox.

mod delivery;
pub(crate) mod files;
mod place;
mod practice;
mod review;
pub mod state;
mod tour;
mod what;
mod who;

use crate::api;
use crate::draft;
use crate::i18n::use_i18n;
use crate::outbox::{use_outbox, OutboxItem};
use crate::state::storage;
use delivery::Delivery;
use crate::draft::DraftStoreFields;
use leptos::prelude::*;
use leptos::task::spawn_local;
use state::{focus, step_of, FormState, STEPS};

/// The outbox key of the report last sent from the form (its status panel
/// survives reloads); the practice form keeps its own.
pub const LAST_SENT_KEY: &str = "lapor.last_sent";
const PRACTICE_LAST_SENT_KEY: &str = "lapor.practice_last_sent";

#[component]
pub fn ReportForm() -> impl IntoView {
    let i = use_i18n();
    let outbox = use_outbox();
    let form = FormState::new(draft::load().unwrap_or_default());
    let last_sent = draft::key_for(LAST_SENT_KEY, PRACTICE_LAST_SENT_KEY);
    let sent = RwSignal::new(storage::get(last_sent).filter(|k| !k.is_empty()));
    let failure = RwSignal::new(None::<String>);
    let confirm_discard = RwSignal::new(false);

    // Agencies of the chosen regency (and the province/national ones): the
    // searchable list of step 2, and what turns the typed name into an id
    // when the report is sent from any step (also right after a reload on
    // the review step, when step 2 was never on screen).
    let agencies = LocalResource::new(move || {
        let regency = form.draft.regency().get();
        async move {
            if regency.is_empty() {
                Ok(Vec::new())
            } else {
                api::agencies(Some(&regency)).await
            }
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(list)) = agencies.get() {
            form.agencies.set(list);
        }
    });

    // Every change goes to browser storage at once.
    Effect::new(move |_| {
        let d = form.draft.get();
        if d.is_empty() {
            draft::clear();
        } else {
            draft::save(&d);
        }
    });

    let go = move |step: usize| {
        form.draft.step().set(step);
        request_animation_frame(|| focus("step-title"));
    };
    let next = move || {
        let s = form.draft.step().get_untracked();
        if form.check_step(s) {
            go(s + 1);
        }
    };
    let send_now = move || {
        let problems = form.problems();
        if let Some(first) = problems.0.keys().map(|f| step_of(f)).min() {
            let on_this_step = first == form.draft.step().get_untracked();
            form.errors.set(problems);
            if on_this_step {
                form.check_step(first);
            } else {
                go(first);
            }
            return;
        }
        let item = OutboxItem {
            key: form.draft.key().get_untracked(),
            draft: untrack(|| form.draft.get()),
            target_agency_id: form.target_agency_id(),
            legacy_report: None,
            uploads: Vec::new(),
            delivery: crate::outbox::Delivery::Waiting,
            queued_at: (js_sys::Date::now() / 1000.0) as i64,
            attempts: 0,
            last_error: None,
            tried_this_round: false,
        };
        spawn_local(async move {
            match outbox.enqueue(item.clone()).await {
                Ok(()) => {
                    storage::set(last_sent, &item.key);
                    sent.set(Some(item.key));
                    // The outbox owns the report and its files now.
                    form.load(draft::Draft::default());
                    draft::clear();
                    request_animation_frame(|| focus("delivery-title"));
                }
                Err(e) => failure.set(Some(format!(
                    "{} ({e})",
                    i.lang().pick(
                        "Laporan tidak dapat disimpan di perangkat ini; isian Anda tetap ada.",
                        "The report could not be stored on this device; your input is still here."
                    )
                ))),
            }
        });
    };
    // A typed agency needs the list to become an id: fetch it first if it
    // has not arrived yet (a reload on the review step, a slow network).
    let send = move || {
        let waiting_for_list = !form.draft.agency().get_untracked().trim().is_empty()
            && form.agencies.with_untracked(Vec::is_empty)
            && !form.draft.regency().get_untracked().is_empty();
        if !waiting_for_list {
            return send_now();
        }
        spawn_local(async move {
            if let Ok(list) = api::agencies(Some(&form.draft.regency().get_untracked())).await {
                form.agencies.set(list);
            }
            send_now();
        });
    };
    let discard = move || {
        let files = form.draft.files().get_untracked();
        spawn_local(async move { draft::delete_files(&files).await });
        form.load(draft::Draft::default());
        draft::clear();
        confirm_discard.set(false);
        focus("step-title");
    };
    let write_another = move || {
        storage::set(last_sent, "");
        sent.set(None);
    };
    let fix_rejected = move |item: OutboxItem, fields: domain::FieldErrors| {
        storage::set(last_sent, "");
        sent.set(None);
        // Another report is being written: never overwrite it. It comes first;
        // the refused one waits in the outbox (and on /saya) meanwhile.
        let current = untrack(|| form.draft.get());
        if !current.is_empty() && current.key != item.key {
            failure.set(Some(
                i.lang()
                    .pick(
                        "Anda sedang menulis laporan lain. Kirim atau buang draf ini dulu, lalu perbaiki laporan yang ditolak dari halaman Laporan saya.",
                        "You are writing another report. Send or discard this draft first, then correct the refused report from My reports.",
                    )
                    .to_string(),
            ));
            return;
        }
        form.load(draft::Draft { step: 0, consent: false, key: item.key.clone(), ..item.draft.clone() });
        let first = fields.0.keys().map(|f| step_of(f)).min().unwrap_or(0);
        form.errors.set(fields);
        form.draft.step().set(first);
        spawn_local(async move { outbox.remove(&item.key).await });
    };

    let stepper = move || {
        let current = form.draft.step().get();
        STEPS
            .iter()
            .enumerate()
            .map(|(n, ((id, en), _))| {
                let state = if n < current { "done" } else if n == current { "current" } else { "todo" };
                view! {
                    <li class=state aria-current=(n == current).then_some("step")>
                        <span class="dot" aria-hidden="true">{n + 1}</span>
                        <span class="step-name">{i.lang().pick(id, en)}</span>
                    </li>
                }
            })
            .collect::<Vec<_>>()
    };

    let form_view = move || {
        let step = form.draft.step().get();
        let ((sid, sen), _) = STEPS[step];
        let body = match step {
            0 => view! { <what::StepWhat form /> }.into_any(),
            1 => view! { <place::StepPlace form /> }.into_any(),
            2 => view! { <files::StepFiles form /> }.into_any(),
            3 => view! { <who::StepWho form /> }.into_any(),
            _ => view! { <review::StepReview form /> }.into_any(),
        };
        let last = step == STEPS.len() - 1;
        view! {
            <nav aria-label=i.t("Langkah", "Steps")>
                <p class="step-count">
                    {move || format!("{} {} {} {}", i.lang().pick("Langkah", "Step"), step + 1, i.lang().pick("dari", "of"), STEPS.len())}
                </p>
                <ol class="stepper">{stepper}</ol>
            </nav>
            <form class="report-form" novalidate on:submit=move |ev| {
                ev.prevent_default();
                if last { send() } else { next() }
            }>
                <h2 id="step-title" tabindex="-1">{i.lang().pick(sid, sen)}</h2>
                {body}
                {move || failure.get().map(|m| view! { <div class="notice error" role="alert">{m}</div> })}
                <div class="form-nav">
                    {(step > 0).then(|| view! {
                        <button type="button" class="button" on:click=move |_| go(step - 1)>
                            {i.t("Kembali", "Back")}
                        </button>
                    })}
                    <button type="submit" class="button primary">
                        {if last { i.lang().pick("Kirim laporan", "Send report") } else { i.lang().pick("Lanjut", "Next") }}
                    </button>
                </div>
            </form>
            <div class="discard">
                <Show
                    when=move || confirm_discard.get()
                    fallback=move || view! {
                        <button type="button" class="link-button" on:click=move |_| confirm_discard.set(true)>
                            {i.t("Buang draf", "Discard draft")}
                        </button>
                    }
                >
                    <div class="notice warn" role="alertdialog" aria-labelledby="discard-q">
                        <p id="discard-q">{i.t("Hapus semua isian dan lampiran laporan ini?", "Delete everything in this report, attachments included?")}</p>
                        <button type="button" class="button" on:click=move |_| discard()>{i.t("Ya, buang", "Yes, discard")}</button>
                        " "
                        <button type="button" class="button" on:click=move |_| confirm_discard.set(false)>{i.t("Batal", "Cancel")}</button>
                    </div>
                </Show>
            </div>
        }
    };

    let practice = !form.draft.practice().get_untracked().is_empty();
    view! {
        <main id="main" class="page">
            {practice.then(|| view! { <practice::Banner code=form.draft.practice().get_untracked() /> })}
            {move || match sent.get() {
                Some(key) => view! { <Delivery key on_again=write_another on_fix=fix_rejected /> }.into_any(),
                None => view! {
                    <h1>{if practice { i.t("Latihan membuat laporan", "Practise writing a report") } else { i.t("Buat laporan", "Write a report") }}</h1>
                    <p class="hint saved-note">{i.t("Isian tersimpan otomatis di perangkat ini.", "Everything you type is saved on this device.")}</p>
                    <tour::Tour />
                    {form_view}
                }.into_any(),
            }}
        </main>
    }
}
