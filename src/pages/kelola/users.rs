//! `/admin/pengguna`: the accounts an administrator manages (a superadmin
//! every account, a coordinator the agency admins of its region): search,
//! create, change role, agency or jurisdiction, deactivate and reactivate,
//! and give a temporary password, shown once.

use crate::pages::admin::{guard, Gate};
use crate::api::{self, ApiError};
use crate::components::region_select::RegionPath;
use crate::i18n::use_i18n;
use crate::state::use_session;
use domain::accounts::{Account, AccountForm, IssuedPassword};
use domain::agencies::TeamRole;
use domain::api::{Agency, Role};
use leptos::prelude::*;

const ROLES: [Role; 4] = [Role::AgencyAdmin, Role::Coordinator, Role::Supervisor, Role::Superadmin];

#[component]
pub fn UsersPage() -> impl IntoView {
    view! { <Gate><Users /></Gate> }
}

#[component]
fn Users() -> impl IntoView {
    let i = use_i18n();
    let me = use_session().0.get_untracked();
    let root = me.as_ref().is_some_and(|m| m.role == Role::Superadmin);
    if !(root || me.as_ref().is_some_and(|m| m.role == Role::Coordinator)) {
        return super::refused(("Pengguna", "Accounts"), ("Hanya superadmin dan admin koordinator yang mengelola akun.", "Only superadmins and coordinators manage accounts."));
    }
    let typed = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let list = super::ServerList::<Account>::new(move || {
        let q = search.get();
        async move { api::admin_users(&q).await.map(|l| l.items) }
    });
    let accounts = list.rows;
    let agencies = LocalResource::new(|| async { api::agencies(None).await.unwrap_or_default() });
    let issued = RwSignal::new(None::<IssuedPassword>);
    let editing = RwSignal::new(None::<Option<Account>>);
    // What the server answered replaces the row (or adds it): no refetch.
    let keep = move |a: Account| {
        let id = a.id;
        list.keep(a, move |x| x.id == id, true)
    };
    let reset = Action::new_local(move |id: &i64| {
        let id = *id;
        async move {
            if let Ok(p) = guard(api::admin_reset_password(id).await) {
                keep(p.account.clone());
                issued.set(Some(p));
            }
        }
    });
    view! {
        <h1>{i.t("Pengguna", "Accounts")}</h1>
        <form class="queue-search" on:submit=move |ev| { ev.prevent_default(); search.set(typed.get_untracked()); }>
            <label for="users-q">{i.t("Cari nama pengguna atau nama", "Search a user name or name")}</label>
            <input id="users-q" type="search" bind:value=typed />
            <button type="submit" class="button">{i.t("Cari", "Search")}</button>
            <button type="button" class="button primary" on:click=move |_| editing.set(Some(None))>{i.t("Akun baru", "New account")}</button>
        </form>
        {move || issued.get().map(|p| view! {
            <div class="notice" role="status" data-testid="issued">
                <p>{move || i.lang().pick("Kata sandi sementara untuk ", "Temporary password for ")}<strong>{p.account.username.clone()}</strong>
                    {move || i.lang().pick(" (hanya ditampilkan sekali; berlaku untuk satu kali masuk, lalu wajib diganti):", " (shown this once; it opens one sign-in, which must change it):")}</p>
                <p class="temp-password"><code data-testid="temp-password">{p.password.clone()}</code></p>
            </div>
        })}
        {move || editing.get().map(|initial| view! {
            <Editor initial root agencies=Signal::derive(move || agencies.get().unwrap_or_default())
                on_saved=Callback::new(move |(a, p): (Account, Option<IssuedPassword>)| { keep(a); issued.set(p); editing.set(None); })
                on_cancel=Callback::new(move |_| editing.set(None)) />
        })}
        {move || list.failed().map(|e| view! { <div class="notice error" role="alert">{e.message(i.lang())}</div> })}
        <table class="queue-table admin-list" data-testid="users">
            <thead><tr>
                <th scope="col">{i.t("Nama pengguna", "User name")}</th>
                <th scope="col">{i.t("Nama", "Name")}</th>
                <th scope="col">{i.t("Peran", "Role")}</th>
                <th scope="col">{i.t("Instansi / wilayah", "Agency / jurisdiction")}</th>
                <th scope="col">{i.t("Status", "Status")}</th>
                <th scope="col" class="actions-col"><span class="visually-hidden">{i.t("Tindakan", "Actions")}</span></th>
            </tr></thead>
            <tbody>
                <For each=move || accounts.get() key=|a| (a.id, a.active, a.display_name.clone(), a.role.as_str(), a.must_change_password) let(a)>
                    {
                        let edit = a.clone();
                        let (id, name) = (a.id, a.username.clone());
                        let place = a.agency.as_ref().map(|x| x.name.clone()).or_else(|| a.jurisdiction.as_ref().map(|j| j.name.clone())).unwrap_or_else(|| "—".into());
                        let (active, temp, role, team) = (a.active, a.must_change_password, a.role, a.team_role);
                        view! {
                            <tr data-testid="user-row">
                                <th scope="row">{a.username.clone()}</th>
                                <td>{a.display_name.clone()}</td>
                                <td>{move || role.label(i.lang())}{team.map(|t| view! { " · " {move || t.label(i.lang())} })}</td>
                                <td>{place}</td>
                                <td>
                                    {move || if active { i.lang().pick("Aktif", "Active") } else { i.lang().pick("Nonaktif", "Inactive") }}
                                    {temp.then(|| view! { <span class="tag">{i.t("Sandi sementara", "Temporary password")}</span> })}
                                </td>
                                <td class="row-actions">
                                    <button type="button" class="button small" aria-label=format!("Ubah {name}") on:click=move |_| editing.set(Some(Some(edit.clone())))>{i.t("Ubah", "Edit")}</button>
                                    <button type="button" class="button small" aria-label=format!("Sandi sementara {name}") on:click=move |_| { reset.dispatch(id); }>{i.t("Sandi sementara", "Temporary password")}</button>
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

/// The form of a new account (`initial` None) or of a change to one; a
/// new one may come with its agency (`agency`, from the agencies page).
#[component]
pub(super) fn Editor(
    initial: Option<Account>,
    root: bool,
    agencies: Signal<Vec<Agency>>,
    on_saved: Callback<(Account, Option<IssuedPassword>)>,
    on_cancel: Callback<()>,
    #[prop(optional)] agency: Option<i64>,
) -> impl IntoView {
    let i = use_i18n();
    let id = initial.as_ref().map(|a| a.id);
    let a = initial.as_ref();
    let form = RwSignal::new(AccountForm {
        username: a.map(|a| a.username.clone()).unwrap_or_default(),
        display_name: a.map(|a| a.display_name.clone()).unwrap_or_default(),
        role: Some(a.map_or(Role::AgencyAdmin, |a| a.role)),
        agency_id: a.and_then(|a| a.agency.as_ref().map(|x| x.id)).or(agency),
        team_role: a.and_then(|a| a.team_role),
        jurisdiction: a.and_then(|a| a.jurisdiction.as_ref().map(|j| j.code.clone())),
        active: a.is_none_or(|a| a.active),
    });
    let failure = RwSignal::new(None::<ApiError>);
    let local = RwSignal::new(domain::FieldErrors::default());
    let save = Action::new_local(move |f: &AccountForm| {
        let f = f.clone();
        async move {
            let done = match id {
                None => guard(api::admin_create_user(&f).await).map(|p| (p.account.clone(), Some(p))),
                Some(id) => guard(api::admin_update_user(id, &f).await).map(|a| (a, None)),
            };
            match done {
                Ok(saved) => on_saved.run(saved),
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    let problem = move |field: &'static str| {
        move || {
            let local = local.with(|l| l.0.get(field).and_then(|v| v.first()).map(|x| x.message(i.lang())));
            local.or_else(|| failure.with(|e| e.as_ref().and_then(|e| e.field_message(field, i.lang()))))
        }
    };
    let role = move || form.with(|f| f.role);
    let text = move |set: fn(&mut AccountForm, String)| move |ev: leptos::ev::Event| { let v = event_target_value(&ev); form.update(|f| set(f, v)) };
    let field_error = move |field: &'static str| view! { <p class="field-error" id=format!("u-{field}-error")>{problem(field)}</p> };
    view! {
        <form class="action-form" data-testid="account-form" on:submit=move |ev| {
            ev.prevent_default();
            failure.set(None);
            let f = form.get_untracked();
            let errs = f.check(id.is_none());
            let ok = errs.is_empty();
            local.set(errs);
            if ok { save.dispatch(f); }
        }>
            <h2>{move || if id.is_none() { i.lang().pick("Akun baru", "New account") } else { i.lang().pick("Ubah akun", "Edit account") }}</h2>
            <label for="u-username">{i.t("Nama pengguna", "User name")}</label>
            <input id="u-username" type="text" prop:value=move || form.with(|f| f.username.clone()) disabled=id.is_some() autocomplete="off"
                on:input=text(|f, v| f.username = v) aria-describedby="u-username-error" />
            {field_error("username")}
            <label for="u-display_name">{i.t("Nama lengkap dan jabatan", "Full name and position")}</label>
            <input id="u-display_name" type="text" prop:value=move || form.with(|f| f.display_name.clone()) on:input=text(|f, v| f.display_name = v) aria-describedby="u-display_name-error" />
            {field_error("display_name")}
            <label for="u-role">{i.t("Peran", "Role")}</label>
            <select id="u-role" on:change=move |ev| { let v = event_target_value(&ev); form.update(|f| f.role = Role::parse(&v)) }>
                {ROLES.into_iter().filter(|r| root || *r == Role::AgencyAdmin).map(|r| view! {
                    <option value=r.as_str() selected=move || role() == Some(r)>{move || r.label(i.lang())}</option>
                }).collect_view()}
            </select>
            {move || (role() == Some(Role::AgencyAdmin)).then(|| view! {
                <label for="u-agency_id">{i.t("Instansi", "Agency")}</label>
                <select id="u-agency_id" aria-describedby="u-agency_id-error" on:change=move |ev| { let v = event_target_value(&ev); form.update(|f| f.agency_id = v.parse().ok()) }>
                    <option value="">{i.t("— pilih instansi —", "— choose an agency —")}</option>
                    {move || agencies.get().into_iter().map(|ag| {
                        let label = if ag.region_name.is_empty() { ag.name.clone() } else { format!("{} ({})", ag.name, ag.region_name) };
                        view! { <option value=ag.id.to_string() selected=move || form.with(|f| f.agency_id == Some(ag.id))>{label}</option> }
                    }).collect_view()}
                </select>
                {field_error("agency_id")}
                <label for="u-team_role">{i.t("Peran di tim instansi", "Role in the agency's team")}</label>
                <select id="u-team_role" on:change=move |ev| { let v = event_target_value(&ev); form.update(|f| f.team_role = TeamRole::parse(&v)) }>
                    {TeamRole::ALL.into_iter().map(|r| view! {
                        <option value=r.as_str() selected=move || form.with(|f| f.team_role.unwrap_or_default() == r)>{move || r.label(i.lang())}</option>
                    }).collect_view()}
                </select>
            })}
            {move || matches!(role(), Some(Role::Coordinator | Role::Supervisor)).then(|| view! {
                <fieldset class="region-path" aria-describedby="u-jurisdiction-error">
                    <legend>{i.t("Wilayah kerja: provinsi, atau kabupaten/kota (tidak dipilih: seluruh Indonesia)", "Jurisdiction: a province, or a regency/city (none chosen: all of Indonesia)")}</legend>
                    <RegionPath code=Signal::derive(move || form.with(|f| f.jurisdiction.clone().unwrap_or_default())) depth=2
                        on_pick=move |code: String| form.update(|f| f.jurisdiction = Some(code).filter(|c| !c.is_empty()))
                        ids=["u-jurisdiction", "u-jurisdiction-regency", "u-jurisdiction-district", "u-jurisdiction-village"] />
                    {field_error("jurisdiction")}
                </fieldset>
            })}
            {id.is_some().then(|| view! {
                <label class="check"><input type="checkbox" prop:checked=move || form.with(|f| f.active)
                    on:change:target=move |ev| { let on = ev.target().checked(); form.update(|f| f.active = on) } />
                    {i.t("Aktif (tanpa centang: akun dinonaktifkan dan semua sesinya berakhir)", "Active (unticked: the account is deactivated and every session ends)")}</label>
            })}
            {move || failure.get().filter(|e| e.fields().is_none()).map(|e| view! { <div class="notice error" role="alert">{e.message(i.lang())}</div> })}
            <div class="row-actions">
                <button type="submit" class="button primary" disabled=move || save.pending().get()>{i.t("Simpan", "Save")}</button>
                <button type="button" class="button" on:click=move |_| on_cancel.run(())>{i.t("Batal", "Cancel")}</button>
            </div>
        </form>
    }
}
