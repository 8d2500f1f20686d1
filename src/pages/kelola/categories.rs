//! `/admin/kategori`: the complaint categories, for a superadmin — add one,
//! rename one, retire one (refused for new reports; its reports keep it) or
//! bring it back. Nothing is ever deleted.

use crate::api::{self, ApiError};
use crate::i18n::use_i18n;
use crate::pages::admin::{guard, Gate};
use crate::state::use_session;
use domain::api::Role;
use domain::categories::{CategoryEntry, CategoryForm};
use leptos::prelude::*;

#[component]
pub fn CategoriesPage() -> impl IntoView {
    view! { <Gate><Categories /></Gate> }
}

#[component]
fn Categories() -> impl IntoView {
    let i = use_i18n();
    if !use_session().0.with_untracked(|m| m.as_ref().is_some_and(|m| m.role == Role::Superadmin)) {
        return super::refused(("Kategori", "Categories"), ("Hanya superadmin yang mengelola kategori.", "Only superadmins manage categories."));
    }
    let list = super::ServerList::<CategoryEntry>::new(api::admin_categories);
    let entries = list.rows;
    let failure = RwSignal::new(None::<ApiError>);
    // What the server answered replaces the row (or adds it): no refetch.
    let save = Action::new_local(move |(id, form): &(Option<i64>, CategoryForm)| {
        let (id, form) = (*id, form.clone());
        async move {
            match guard(api::admin_save_category(id, &form).await) {
                Ok(c) => {
                    failure.set(None);
                    let id = c.id;
                    list.keep(c, move |x| x.id == id, false);
                }
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    let new_name = RwSignal::new(String::new());
    let local = RwSignal::new(None::<String>);
    let problem = move || {
        local.get().or_else(|| failure.with(|e| e.as_ref().map(|e| e.first_message(i.lang()))))
    };
    view! {
        <h1>{i.t("Kategori pengaduan", "Complaint categories")}</h1>
        <p class="hint">{i.t(
            "Kategori yang dipensiunkan tidak dapat dipilih untuk laporan baru; laporan lama tetap memakainya. Kategori tidak pernah dihapus.",
            "A retired category cannot be chosen for new reports; old reports keep it. Categories are never deleted.",
        )}</p>
        <form class="queue-search" on:submit=move |ev| {
            ev.prevent_default();
            let form = CategoryForm { name: new_name.get_untracked(), retired: false };
            let errs = form.check();
            local.set(errs.0.values().next().and_then(|v| v.first()).map(|x| x.message(i.lang())));
            if errs.is_empty() {
                save.dispatch((None, form));
                new_name.set(String::new());
            }
        }>
            <label for="c-new">{i.t("Kategori baru", "New category")}</label>
            <input id="c-new" type="text" bind:value=new_name aria-describedby="c-error" />
            <button type="submit" class="button primary">{i.t("Tambah", "Add")}</button>
        </form>
        <p class="field-error" id="c-error" role="alert">{problem}</p>
        <table class="queue-table admin-list" data-testid="categories">
            <thead><tr>
                <th scope="col">{i.t("Nama", "Name")}</th>
                <th scope="col">{i.t("Laporan", "Reports")}</th>
                <th scope="col">{i.t("Status", "Status")}</th>
                <th scope="col" class="actions-col"><span class="visually-hidden">{i.t("Tindakan", "Actions")}</span></th>
            </tr></thead>
            <tbody>
                <For each=move || entries.get() key=|c| (c.id, c.name.clone(), c.retired, c.reports) let(c)>
                    {
                        let (id, retired) = (c.id, c.retired);
                        let name = RwSignal::new(c.name.clone());
                        let label = format!("Nama kategori {}", c.name);
                        let save_label = format!("Simpan nama {}", c.name);
                        let toggle_label = format!("{} {}", if retired { "Pakai lagi" } else { "Pensiunkan" }, c.name);
                        view! {
                            <tr data-testid="category-row" class:retired=retired>
                                <td><input type="text" aria-label=label bind:value=name /></td>
                                <td class="num">{c.reports}</td>
                                <td>{move || if retired { i.lang().pick("Dipensiunkan", "Retired") } else { i.lang().pick("Dipakai", "In use") }}</td>
                                <td class="row-actions">
                                    <button type="button" class="button small" aria-label=save_label on:click=move |_| { save.dispatch((Some(id), CategoryForm { name: name.get_untracked(), retired })); }>
                                        {i.t("Simpan nama", "Save name")}
                                    </button>
                                    <button type="button" class="button small" aria-label=toggle_label on:click=move |_| { save.dispatch((Some(id), CategoryForm { name: name.get_untracked(), retired: !retired })); }>
                                        {move || if retired { i.lang().pick("Pakai lagi", "Bring back") } else { i.lang().pick("Pensiunkan", "Retire") }}
                                    </button>
                                </td>
                            </tr>
                        }
                    }
                </For>
            </tbody>
        </table>
    }
    .into_any()
}
