//! Archiving the queue's selected rows with one reason (spam, duplicates of
//! one original): each report gets its own event and audit entry.

use super::archive::{ArchiveFields, ArchiveInput};
use super::guard;
use crate::api::{self, ApiError};
use crate::i18n::use_i18n;
use domain::api::{BulkArchive, BulkResult};
use leptos::prelude::*;

#[component]
pub fn BulkArchiveBar(selected: RwSignal<Vec<i64>>, on_done: Callback<()>) -> impl IntoView {
    let i = use_i18n();
    let input = ArchiveInput::new();
    let failure = RwSignal::new(None::<ApiError>);
    let result = RwSignal::new(None::<BulkResult>);
    let send = Action::new_local(move |req: &BulkArchive| {
        let req = req.clone();
        async move {
            match guard(api::admin_archive_many(&req).await) {
                Ok(r) => {
                    failure.set(None);
                    selected.set(Vec::new());
                    result.set(Some(r));
                    on_done.run(());
                }
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    let pending = send.pending();
    let n = move || selected.with(Vec::len);
    view! {
        <div class="bulk" aria-live="polite">
            {move || result.get().map(|r| {
                let failed = r.failed.iter().map(|f| view! { <li>{format!("#{}: {}", f.id, f.message)}</li> }).collect::<Vec<_>>();
                view! {
                    <div class="notice" role="status" data-testid="bulk-result">
                        {move || match i.lang() {
                            domain::Lang::Id => format!("{} laporan diarsipkan.", r.done.len()),
                            domain::Lang::En => format!("{} reports archived.", r.done.len()),
                        }}
                        <ul>{failed}</ul>
                    </div>
                }
            })}
            <Show when=move || { n() > 0 }>
                <form
                    class="action-form bulk-form"
                    data-action="bulk-archive"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        let Some(reason) = input.reason() else { return };
                        send.dispatch(BulkArchive { ids: selected.get_untracked(), reason, duplicate_of: input.duplicate_of(), note: input.note() });
                    }
                >
                    <h2>{move || match i.lang() {
                        domain::Lang::Id => format!("{} laporan dipilih", n()),
                        domain::Lang::En => format!("{} reports selected", n()),
                    }}</h2>
                    <ArchiveFields input prefix="bulk" failure />
                    {move || failure.get().map(|e| view! { <div class="notice error" role="alert">{e.message(i.lang())}</div> })}
                    <div class="cta">
                        <button type="submit" class="button primary" disabled=move || pending.get()>
                            {move || match i.lang() {
                                domain::Lang::Id => format!("Arsipkan {} laporan", n()),
                                domain::Lang::En => format!("Archive {} reports", n()),
                            }}
                        </button>
                        <button type="button" class="button" on:click=move |_| selected.set(Vec::new())>{i.t("Batal pilih", "Clear selection")}</button>
                    </div>
                </form>
            </Show>
        </div>
    }
}
