//! Verify and forward ("disposisi"): the category, the agency — those that
//! serve the report's place and handle its category suggested first, by the
//! level of government in charge (`domain::routing`) — the follow-up time,
//! and a note for the agency. A report the agency returned shows why.

use crate::api::{self, ApiError};
use crate::i18n::use_i18n;
use domain::api::{AdminAction, AdminReportDetail, Agency, AgencyLevel, Category};
use domain::routing::{level_hint, suggest, Place};
use domain::{EventKind, FollowupClass, Status};
use leptos::prelude::*;

const LEVELS: [AgencyLevel; 3] = [AgencyLevel::Kabupaten, AgencyLevel::Provinsi, AgencyLevel::Pusat];

#[component]
pub fn DispatchForm(d: AdminReportDetail, act: Action<AdminAction, ()>, pending: Memo<bool>) -> impl IntoView {
    let i = use_i18n();
    let r = &d.report;
    let category_id = RwSignal::new(r.category.as_ref().map(|c| c.id.to_string()).unwrap_or_default());
    let agency_id = RwSignal::new(String::new());
    let class = RwSignal::new(d.followup_class.as_str().to_string());
    let note = RwSignal::new(String::new());
    let level = RwSignal::new(level_hint(&r.title, &r.body));
    let place = [&r.village, &r.district, &r.regency].into_iter().find_map(|x| x.as_ref().map(|x| x.code.clone())).unwrap_or_default();
    let regency = r.regency.as_ref().map(|x| x.code.clone());
    // Why the agency sent it back: the last return on the timeline.
    let returned = (r.status == Status::Returned)
        .then(|| r.timeline.iter().rev().find(|e| e.kind == EventKind::Return).cloned())
        .flatten();
    let lists = LocalResource::new(move || {
        let regency = regency.clone();
        async move {
            let cats = api::categories().await?;
            let ags = api::agencies(regency.as_deref()).await?;
            Ok::<_, ApiError>((cats, ags))
        }
    });
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
            {returned.map(|e| view! {
                <div class="notice warn" data-testid="returned-reason">
                    <strong>{move || format!("{} {}:", i.lang().pick("Dikembalikan oleh", "Returned by"), e.actor)}</strong>
                    " " {e.message.clone().unwrap_or_default()}
                </div>
            })}
            {move || match lists.get() {
                None => view! { <p class="loading">{i.t("Memuat…", "Loading…")}</p> }.into_any(),
                Some(Err(e)) => view! { <crate::components::load_error::LoadError error=e /> }.into_any(),
                Some(Ok((cats, ags))) => view! {
                    <Choices cats ags place=place.clone() category_id agency_id level />
                }
                .into_any(),
            }}
            <label for="dispatch-class">{i.t("Batas tindak lanjut", "Follow-up time")}</label>
            <select id="dispatch-class" bind:value=class>
                {FollowupClass::ALL.into_iter().map(|c| view! { <option value=c.as_str()>{move || c.label(i.lang())}</option> }).collect::<Vec<_>>()}
            </select>
            <label for="dispatch-note">{i.t("Catatan untuk instansi (tidak wajib)", "Note for the agency (optional)")}</label>
            <textarea id="dispatch-note" rows="2" bind:value=note></textarea>
            <button type="submit" class="button primary" disabled=move || pending.get()>
                {i.t("Verifikasi & disposisikan", "Verify & forward")}
            </button>
        </form>
    }
}

/// The category, the suggested agencies and every agency that serves the place.
#[component]
fn Choices(
    cats: Vec<Category>,
    ags: Vec<Agency>,
    place: String,
    category_id: RwSignal<String>,
    agency_id: RwSignal<String>,
    level: RwSignal<AgencyLevel>,
) -> impl IntoView {
    let i = use_i18n();
    let ags = StoredValue::new(ags);
    let place = StoredValue::new(place);
    // (id, name, region, fits the level) of each suggestion, best first.
    let suggested = Memo::new(move |_| {
        let cat = category_id.with(|c| c.parse::<i64>().ok());
        let lvl = level.get();
        ags.with_value(|ags| {
            place.with_value(|p| {
                suggest(ags, &Place { category: cat, region: p }, lvl)
                    .into_iter()
                    .map(|s| (s.agency.id, s.agency.name.clone(), s.agency.region_name.clone(), s.fit.level))
                    .collect::<Vec<_>>()
            })
        })
    });
    let options = move || {
        let top: Vec<i64> = suggested.with(|s| s.iter().map(|x| x.0).collect());
        let chosen = agency_id.get();
        let mut all = ags.get_value();
        all.sort_by_key(|a| top.iter().position(|t| *t == a.id).unwrap_or(usize::MAX));
        all.into_iter()
            .map(|a| {
                let mark = if top.contains(&a.id) { " ★" } else { "" };
                let region = if a.region_name.is_empty() { String::new() } else { format!(" — {}", a.region_name) };
                let v = a.id.to_string();
                let sel = v == chosen;
                view! { <option value=v selected=sel>{format!("{}{region}{mark}", a.name)}</option> }
            })
            .collect::<Vec<_>>()
    };
    view! {
        <label for="dispatch-category">{i.t("Kategori", "Category")}</label>
        <select id="dispatch-category" required bind:value=category_id>
            <option value="">{i.t("— Pilih kategori —", "— Choose a category —")}</option>
            {cats.into_iter().map(|c| view! { <option value=c.id.to_string()>{c.name}</option> }).collect::<Vec<_>>()}
        </select>
        <label for="dispatch-level">{i.t("Kewenangan tingkat", "Level of government in charge")}</label>
        <select id="dispatch-level" on:change:target=move |ev| {
            if let Some(l) = AgencyLevel::parse(&ev.target().value()) { level.set(l) }
        }>
            {LEVELS.into_iter().map(|l| {
                let sel = level.get_untracked() == l;
                view! { <option value=l.as_str() selected=sel>{move || l.label(i.lang())}</option> }
            }).collect::<Vec<_>>()}
        </select>
        <fieldset class="suggestions" data-testid="suggestions">
            <legend>{i.t("Instansi yang disarankan", "Suggested agencies")}</legend>
            {move || {
                let list = suggested.get();
                if list.is_empty() {
                    return view! { <p class="hint">{i.t("Pilih kategori untuk melihat saran; atau pilih instansi dari daftar di bawah.", "Choose a category to see suggestions, or pick an agency from the list below.")}</p> }.into_any();
                }
                list.into_iter().take(5).map(|(id, name, region, fits)| {
                    let v = id.to_string();
                    let radio = format!("suggest-{id}");
                    let checked = move || agency_id.get() == id.to_string();
                    view! {
                        <div class="suggestion">
                            <input type="radio" name="suggested-agency" id=radio.clone() value=v.clone() prop:checked=checked
                                on:change=move |_| agency_id.set(v.clone()) />
                            <label for=radio>
                                {name}
                                <span class="muted">{(!region.is_empty()).then(|| format!(" — {region}"))}</span>
                                {fits.then(|| view! { <span class="tag">{i.t("tingkat sesuai", "level fits")}</span> })}
                            </label>
                        </div>
                    }
                }).collect::<Vec<_>>().into_any()
            }}
        </fieldset>
        <label for="dispatch-agency">{i.t("Instansi tujuan (★ = disarankan)", "Agency (★ = suggested)")}</label>
        <select id="dispatch-agency" required on:change:target=move |ev| agency_id.set(ev.target().value())>
            <option value="">{i.t("— Pilih instansi —", "— Choose an agency —")}</option>
            {options}
        </select>
    }
}
