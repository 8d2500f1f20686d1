//! A coordinator's decisions besides the status: category,
//! maladministration type and follow-up class on their own, and anonymous
//! or confidential set on the reporter's behalf (never unset).

use crate::components::choice::lists;
use crate::i18n::use_i18n;
use domain::api::{AdminAction, AdminReportDetail};
use domain::handling::Maladministration;
use domain::FollowupClass;
use leptos::prelude::*;

#[component]
pub fn ClassifyForm(d: AdminReportDetail, act: Action<AdminAction, ()>, pending: Memo<bool>) -> impl IntoView {
    let i = use_i18n();
    let category = RwSignal::new(d.report.category.as_ref().map(|c| c.id.to_string()).unwrap_or_default());
    let maladmin = RwSignal::new(d.maladministration.map(|m| m.as_str().to_string()).unwrap_or_default());
    let class = RwSignal::new(d.followup_class.as_str().to_string());
    let categories = lists::loaded(lists::categories());
    view! {
        <form
            class="action-form"
            data-action="classify"
            on:submit=move |ev| {
                ev.prevent_default();
                let Ok(category_id) = category.get_untracked().parse() else { return };
                act.dispatch(AdminAction::Classify {
                    category_id,
                    maladministration: Maladministration::parse(&maladmin.get_untracked()),
                    followup_class: FollowupClass::parse(&class.get_untracked()),
                });
            }
        >
            <label for="classify-category">{i.t("Kategori laporan", "Report category")}</label>
            <select id="classify-category" required on:change:target=move |ev| category.set(ev.target().value())>
                <option value="">{i.t("— Pilih kategori —", "— Choose a category —")}</option>
                {move || {
                    let current = category.get_untracked();
                    categories.get().into_iter().map(|(v, name)| {
                        let sel = v == current;
                        view! { <option value=v selected=sel>{name}</option> }
                    }).collect::<Vec<_>>()
                }}
            </select>
            <label for="classify-maladmin">{i.t("Jenis maladministrasi (Ombudsman)", "Maladministration type (Ombudsman)")}</label>
            <select id="classify-maladmin" bind:value=maladmin>
                <option value="">{i.t("— Tidak ada —", "— None —")}</option>
                {Maladministration::ALL.into_iter().map(|m| view! { <option value=m.as_str()>{move || m.label(i.lang())}</option> }).collect::<Vec<_>>()}
            </select>
            <label for="classify-class">{i.t("Batas tindak lanjut", "Follow-up time")}</label>
            <select id="classify-class" bind:value=class>
                {FollowupClass::ALL.into_iter().map(|c| view! { <option value=c.as_str()>{move || c.label(i.lang())}</option> }).collect::<Vec<_>>()}
            </select>
            <p class="hint">{i.t(
                "Batas tindak lanjut yang baru dihitung dari tanggal disposisi.",
                "A new follow-up time counts from the day the report was forwarded.",
            )}</p>
            <button type="submit" class="button" disabled=move || pending.get()>{i.t("Simpan klasifikasi", "Save classification")}</button>
        </form>
    }
}

#[component]
pub fn FlagsForm(anonymous: bool, confidential: bool, act: Action<AdminAction, ()>, pending: Memo<bool>) -> impl IntoView {
    let i = use_i18n();
    let anon = RwSignal::new(anonymous);
    let secret = RwSignal::new(confidential);
    view! {
        <form
            class="action-form"
            data-action="flags"
            on:submit=move |ev| {
                ev.prevent_default();
                act.dispatch(AdminAction::SetFlags { anonymous: anon.get_untracked(), confidential: secret.get_untracked() });
            }
        >
            <p class="hint">{i.t(
                "Atas nama pelapor. Penanda yang sudah dipasang tidak dapat dilepas; perubahan dicatat di log audit.",
                "On the reporter's behalf. A flag once set cannot be removed; the change is on the audit log.",
            )}</p>
            <div class="check">
                <input id="flag-anonymous" type="checkbox" bind:checked=anon disabled=anonymous />
                <label for="flag-anonymous">{i.t("Anonim: identitas pelapor hanya untuk koordinator", "Anonymous: the reporter's identity for coordinators only")}</label>
            </div>
            <div class="check">
                <input id="flag-confidential" type="checkbox" bind:checked=secret disabled=confidential />
                <label for="flag-confidential">{i.t("Rahasia: tidak pernah tampil untuk umum", "Confidential: never shown to the public")}</label>
            </div>
            <button type="submit" class="button" disabled=move || pending.get() || (anon.get() == anonymous && secret.get() == confidential)>
                {i.t("Pasang penanda", "Set flags")}
            </button>
        </form>
    }
}
