//! The actions an admin may take on a report now, one small form each.

use super::respond::RespondForm;
use crate::api::{self, ApiError};
use crate::i18n::{transition_label, use_i18n};
use domain::api::{AdminAction, AdminReportDetail, Agency, Category};
use domain::{FollowupClass, Transition};
use leptos::prelude::*;

#[component]
pub fn ActionPanel(d: AdminReportDetail, on_done: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i = use_i18n();
    let id = d.id;
    let failure = RwSignal::new(None::<ApiError>);
    let act = Action::new_local(move |a: &AdminAction| {
        let a = a.clone();
        async move {
            match api::admin_action(id, &a).await {
                Ok(_) => {
                    failure.set(None);
                    on_done();
                }
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    let pending = act.pending();
    let regency = d.report.regency.as_ref().map(|r| r.code.clone());
    // The main step (verify & forward) first, then the alternatives.
    let mut available = d.available.clone();
    available.sort_by_key(|t| *t != Transition::Dispatch);
    let forms = available
        .iter()
        .map(|t| match t {
            Transition::Respond => view! { <RespondForm act pending /> }.into_any(),
            Transition::Dispatch => {
                view! { <DispatchForm regency=regency.clone() category=d.report.category.as_ref().map(|c| c.id) act pending /> }
                    .into_any()
            }
            t => {
                let t = *t;
                let (id_label, en_label) = match t {
                    Transition::Return => ("Alasan bukan wewenang", "Why it is not your authority"),
                    Transition::Archive => ("Alasan diarsipkan", "Reason for archiving"),
                    _ => ("Pesan untuk pelapor", "Message to the reporter"),
                };
                let make = move |text: String| match t {
                    Transition::Return => AdminAction::Return { reason: text },
                    Transition::Archive => AdminAction::Archive { reason: text },
                    _ => AdminAction::RequestInfo { note: text },
                };
                view! { <TextActionForm t label=i.t(id_label, en_label) make act pending /> }.into_any()
            }
        })
        .collect::<Vec<_>>();
    let can_note = !d.available.is_empty();
    view! {
        <section class="actions" aria-labelledby="actions-title">
            <h2 id="actions-title">{i.t("Tindakan", "Actions")}</h2>
            {move || failure.get().map(|e| view! { <div class="notice error" role="alert">{e.message(i.lang())}</div> })}
            {forms}
            {can_note.then(|| view! {
                <TextActionForm
                    t=None
                    label=i.t("Catatan internal (tidak terlihat pelapor)", "Internal note (hidden from the reporter)")
                    make=|text| AdminAction::Note { text }
                    act
                    pending
                />
            })}
        </section>
    }
}

#[component]
fn TextActionForm(
    #[prop(into)] t: Option<Transition>,
    label: impl Fn() -> &'static str + Copy + Send + Sync + 'static,
    make: impl Fn(String) -> AdminAction + Copy + 'static,
    act: Action<AdminAction, ()>,
    pending: Memo<bool>,
) -> impl IntoView {
    let i = use_i18n();
    let text = RwSignal::new(String::new());
    let key = t.map(|t| format!("{t:?}").to_lowercase()).unwrap_or_else(|| "note".into());
    let field_id = format!("action-{key}");
    view! {
        <form
            class="action-form"
            data-action=key
            on:submit=move |ev| {
                ev.prevent_default();
                act.dispatch(make(text.get_untracked().trim().to_string()));
                text.set(String::new());
            }
        >
            <label for=field_id.clone()>{label}</label>
            <textarea id=field_id rows="3" required bind:value=text></textarea>
            <button type="submit" class="button" disabled=move || pending.get()>
                {move || match t {
                    Some(t) => transition_label(t, i.lang()),
                    None => i.lang().pick("Simpan catatan", "Save note"),
                }}
            </button>
        </form>
    }
}

#[component]
fn DispatchForm(
    regency: Option<String>,
    category: Option<i64>,
    act: Action<AdminAction, ()>,
    pending: Memo<bool>,
) -> impl IntoView {
    let i = use_i18n();
    let category_id = RwSignal::new(category.map(|c| c.to_string()).unwrap_or_default());
    let agency_id = RwSignal::new(String::new());
    let class = RwSignal::new(FollowupClass::Biasa.as_str().to_string());
    let note = RwSignal::new(String::new());
    let lists = LocalResource::new(move || {
        let regency = regency.clone();
        async move {
            let cats = api::categories().await?;
            let ags = api::agencies(regency.as_deref()).await?;
            Ok::<_, ApiError>((cats, ags))
        }
    });
    let category_options = move |cats: &[Category]| {
        cats.iter()
            .map(|c| view! { <option value=c.id.to_string()>{c.name.clone()}</option> })
            .collect::<Vec<_>>()
    };
    // Agencies that handle the chosen category come first, marked as suggested.
    let agency_options = move |ags: Vec<Agency>| {
        let cat = category_id.get().parse::<i64>().ok();
        let (mut fit, rest): (Vec<_>, Vec<_>) = ags.into_iter().partition(|a| cat.is_some_and(|c| a.category_ids.contains(&c)));
        let n = fit.len();
        fit.extend(rest);
        fit.into_iter()
            .enumerate()
            .map(|(k, a)| {
                let mark = if k < n { " ★" } else { "" };
                let region = if a.region_name.is_empty() { String::new() } else { format!(" — {}", a.region_name) };
                view! { <option value=a.id.to_string()>{format!("{}{region}{mark}", a.name)}</option> }
            })
            .collect::<Vec<_>>()
    };
    view! {
        <form
            class="action-form"
            data-action="dispatch"
            on:submit=move |ev| {
                ev.prevent_default();
                let (Ok(agency_id), Ok(category_id)) = (agency_id.get_untracked().parse(), category_id.get_untracked().parse()) else {
                    return;
                };
                act.dispatch(AdminAction::Dispatch {
                    agency_id,
                    category_id,
                    followup_class: FollowupClass::parse(&class.get_untracked()),
                    note: note.get_untracked().trim().to_string(),
                });
            }
        >
            <h3>{i.t("Verifikasi & disposisi", "Verify & forward")}</h3>
            <Transition fallback=move || view! { <p class="loading">{i.t("Memuat…", "Loading…")}</p> }>
                <ErrorBoundary fallback=crate::components::load_error::load_error_fallback>
                    {move || Suspend::new(async move {
                        lists.await.map(|(cats, ags)| view! {
                            <label for="dispatch-category">{i.t("Kategori", "Category")}</label>
                            <select id="dispatch-category" required bind:value=category_id>
                                <option value="">{i.t("— Pilih kategori —", "— Choose a category —")}</option>
                                {category_options(&cats)}
                            </select>
                            <label for="dispatch-agency">{i.t("Instansi tujuan (★ = sesuai kategori)", "Agency (★ = handles the category)")}</label>
                            <select id="dispatch-agency" required bind:value=agency_id>
                                <option value="">{i.t("— Pilih instansi —", "— Choose an agency —")}</option>
                                {move || agency_options(ags.clone())}
                            </select>
                        })
                    })}
                </ErrorBoundary>
            </Transition>
            <label for="dispatch-class">{i.t("Batas tindak lanjut", "Follow-up time")}</label>
            <select id="dispatch-class" bind:value=class>
                <option value="biasa">{i.t("Biasa — 5 hari kerja", "Ordinary — 5 working days")}</option>
                <option value="tanpa_cek_lapangan">{i.t("Tanpa cek lapangan — 14 hari kerja", "No field check — 14 working days")}</option>
                <option value="cek_lapangan">{i.t("Dengan cek lapangan — 60 hari kerja", "Field check — 60 working days")}</option>
            </select>
            <label for="dispatch-note">{i.t("Catatan untuk instansi (tidak wajib)", "Note for the agency (optional)")}</label>
            <textarea id="dispatch-note" rows="2" bind:value=note></textarea>
            <button type="submit" class="button primary" disabled=move || pending.get()>
                {i.t("Verifikasi & disposisikan", "Verify & forward")}
            </button>
        </form>
    }
}
