//! `/admin/instansi`: the agencies an administrator manages (a superadmin
//! every one, a coordinator its region's) — create and edit (name, level,
//! region, categories handled, active, the liaison's approval of the
//! operators' follow-ups), and each agency's team (a liaison and operators)
//! and workload (waiting for its follow-up, of which late).

use super::users::Editor;
use crate::api::{self, ApiError};
use crate::components::region_select::{code_prefix, RegionPath};
use crate::i18n::use_i18n;
use crate::pages::admin::{guard, Gate};
use crate::state::use_session;
use domain::accounts::{Account, IssuedPassword};
use domain::agencies::{AgencyEntry, AgencyForm, TeamMember};
use domain::api::{Agency, AgencyLevel, Category, Role};
use leptos::prelude::*;

#[component]
pub fn AgenciesPage() -> impl IntoView {
    view! { <Gate><Agencies /></Gate> }
}

/// An agency as the account form's agency choice needs it.
fn as_agency(e: &AgencyEntry) -> Agency {
    Agency {
        id: e.id,
        name: e.name.clone(),
        level: e.level,
        region_code: e.region.as_ref().map(|r| r.code.clone()).unwrap_or_default(),
        region_name: e.region.as_ref().map(|r| r.name.clone()).unwrap_or_default(),
        category_ids: e.category_ids.clone(),
    }
}

#[component]
fn Agencies() -> impl IntoView {
    let i = use_i18n();
    let me = use_session().0.get_untracked();
    let root = me.as_ref().is_some_and(|m| m.role == Role::Superadmin);
    if !(root || me.as_ref().is_some_and(|m| m.role == Role::Coordinator)) {
        return super::refused(("Instansi", "Agencies"), ("Hanya superadmin dan admin koordinator yang mengelola instansi.", "Only superadmins and coordinators manage agencies."));
    }
    let list = super::ServerList::<AgencyEntry>::new(api::admin_agencies);
    let entries = list.rows;
    let categories = LocalResource::new(|| async { api::categories().await.unwrap_or_default() });
    let editing = RwSignal::new(None::<Option<AgencyEntry>>);
    let team_of = RwSignal::new(None::<i64>);
    // Kept here: the team panel is drawn again when its agency changes.
    let issued = RwSignal::new(None::<IssuedPassword>);
    let filter = RwSignal::new(String::new());
    // What the server answered replaces the row (or adds it): no refetch.
    let keep = move |a: AgencyEntry| {
        let id = a.id;
        list.keep(a, move |x| x.id == id, true)
    };
    let shown = move || {
        let words = filter.get().to_lowercase();
        entries.get().into_iter().filter(|a| words.is_empty() || a.name.to_lowercase().contains(&words)).collect::<Vec<_>>()
    };
    view! {
        <h1>{i.t("Instansi", "Agencies")}</h1>
        <form class="queue-search" on:submit=|ev| ev.prevent_default()>
            <label for="agencies-q">{i.t("Cari nama instansi", "Search an agency's name")}</label>
            <input id="agencies-q" type="search" bind:value=filter />
            <button type="button" class="button primary" on:click=move |_| editing.set(Some(None))>{i.t("Instansi baru", "New agency")}</button>
        </form>
        {move || editing.get().map(|initial| view! {
            <AgencyEditor initial categories=Signal::derive(move || categories.get().unwrap_or_default())
                on_saved=Callback::new(move |a: AgencyEntry| { team_of.set(Some(a.id)); keep(a); editing.set(None); })
                on_cancel=Callback::new(move |_| editing.set(None)) />
        })}
        {move || team_of.get().and_then(|id| entries.with(|l| l.iter().find(|a| a.id == id).cloned())).map(|a| view! {
            <Team agency=a root issued agencies=Signal::derive(move || entries.with(|l| l.iter().map(as_agency).collect()))
                on_member=Callback::new(move |(agency, m): (i64, TeamMember)| entries.update(|l| {
                    if let Some(a) = l.iter_mut().find(|a| a.id == agency) {
                        a.team.retain(|x| x.id != m.id);
                        a.team.push(m);
                    }
                }))
                on_close=Callback::new(move |_| { issued.set(None); team_of.set(None) }) />
        })}
        {move || list.failed().map(|e| view! { <div class="notice error" role="alert">{e.message(i.lang())}</div> })}
        <table class="queue-table admin-list" data-testid="agencies">
            <thead><tr>
                <th scope="col">{i.t("Instansi", "Agency")}</th>
                <th scope="col">{i.t("Wilayah", "Region")}</th>
                <th scope="col">{i.t("Tim", "Team")}</th>
                <th scope="col">{i.t("Menunggu tindak lanjut", "Awaiting follow-up")}</th>
                <th scope="col">{i.t("Status", "Status")}</th>
                <th scope="col" class="actions-col"><span class="visually-hidden">{i.t("Tindakan", "Actions")}</span></th>
            </tr></thead>
            <tbody>
                <For each=shown key=|a| format!("{a:?}") let(a)>
                    {
                        let edit = a.clone();
                        let (id, name, level, active, review) = (a.id, a.name.clone(), a.level, a.active, a.review_followups);
                        let region = a.region.as_ref().map(|r| r.name.clone()).unwrap_or_else(|| "—".into());
                        let liaisons = a.team.iter().filter(|m| m.team_role == domain::agencies::TeamRole::Liaison).count();
                        let team = a.team.len();
                        view! {
                            <tr data-testid="agency-row">
                                <th scope="row">{a.name.clone()}<br /><span class="hint">{move || level.label(i.lang())}</span></th>
                                <td>{region}</td>
                                <td>{move || match i.lang() {
                                    domain::Lang::Id => format!("{team} orang ({liaisons} penghubung)"),
                                    domain::Lang::En => format!("{team} ({liaisons} liaison)"),
                                }}</td>
                                <td class="num">{a.open}{(a.late > 0).then(|| view! { <span class="late-flag">{move || format!(" · {} {}", a.late, i.lang().pick("terlambat", "late"))}</span> })}</td>
                                <td>
                                    {move || if active { i.lang().pick("Aktif", "Active") } else { i.lang().pick("Nonaktif", "Inactive") }}
                                    {review.then(|| view! { <span class="tag">{i.t("Draf disetujui penghubung", "Liaison approves drafts")}</span> })}
                                </td>
                                <td class="row-actions">
                                    <button type="button" class="button small" aria-label=format!("Ubah {name}") on:click=move |_| editing.set(Some(Some(edit.clone())))>{i.t("Ubah", "Edit")}</button>
                                    <button type="button" class="button small" aria-label=format!("Tim {name}") on:click=move |_| team_of.set(Some(id))>{i.t("Tim", "Team")}</button>
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

/// How many levels of region an agency of `level` names (none for a
/// national one, down to the village for a village's).
fn depth(level: Option<AgencyLevel>) -> usize {
    match level {
        None | Some(AgencyLevel::Pusat) => 0,
        Some(AgencyLevel::Provinsi) => 1,
        Some(AgencyLevel::Kabupaten) => 2,
        Some(AgencyLevel::Kecamatan) => 3,
        Some(AgencyLevel::Desa) => 4,
    }
}

/// The form of a new agency (`initial` None) or of a change to one.
#[component]
fn AgencyEditor(initial: Option<AgencyEntry>, categories: Signal<Vec<Category>>, on_saved: Callback<AgencyEntry>, on_cancel: Callback<()>) -> impl IntoView {
    let i = use_i18n();
    let id = initial.as_ref().map(|a| a.id);
    let a = initial.as_ref();
    let form = RwSignal::new(AgencyForm {
        name: a.map(|a| a.name.clone()).unwrap_or_default(),
        level: Some(a.map_or(AgencyLevel::Kabupaten, |a| a.level)),
        region_code: a.and_then(|a| a.region.as_ref().map(|r| r.code.clone())).unwrap_or_default(),
        category_ids: a.map(|a| a.category_ids.clone()).unwrap_or_default(),
        active: a.is_none_or(|a| a.active),
        review_followups: a.is_some_and(|a| a.review_followups),
    });
    let failure = RwSignal::new(None::<ApiError>);
    let local = RwSignal::new(domain::FieldErrors::default());
    let save = Action::new_local(move |f: &AgencyForm| {
        let f = f.clone();
        async move {
            match guard(api::admin_save_agency(id, &f).await) {
                Ok(a) => on_saved.run(a),
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    let problem = move |field: &'static str| {
        move || {
            let mine = local.with(|l| l.get(field).map(|x| x.message(i.lang())));
            mine.or_else(|| failure.with(|e| e.as_ref().and_then(|e| e.field_message(field, i.lang()))))
        }
    };
    let field_error = move |field: &'static str| view! { <p class="field-error" id=format!("a-{field}-error")>{problem(field)}</p> };
    let flag = move |label: (&'static str, &'static str), get: fn(&AgencyForm) -> bool, set: fn(&mut AgencyForm, bool)| {
        view! {
            <label class="check"><input type="checkbox" prop:checked=move || form.with(get)
                on:change:target=move |ev| { let on = ev.target().checked(); form.update(|f| set(f, on)) } />
                {i.t(label.0, label.1)}</label>
        }
    };
    view! {
        <form class="action-form" data-testid="agency-form" on:submit=move |ev| {
            ev.prevent_default();
            failure.set(None);
            let f = form.get_untracked();
            let errs = f.check();
            let ok = errs.is_empty();
            local.set(errs);
            if ok { save.dispatch(f); }
        }>
            <h2>{move || if id.is_none() { i.lang().pick("Instansi baru", "New agency") } else { i.lang().pick("Ubah instansi", "Edit agency") }}</h2>
            <label for="a-name">{i.t("Nama instansi", "Agency name")}</label>
            <input id="a-name" type="text" prop:value=move || form.with(|f| f.name.clone())
                on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.name = v) } aria-describedby="a-name-error" />
            {field_error("name")}
            <label for="a-level">{i.t("Tingkat", "Level")}</label>
            <select id="a-level" on:change=move |ev| {
                let v = event_target_value(&ev);
                form.update(|f| {
                    f.level = AgencyLevel::parse(&v);
                    f.region_code = code_prefix(&f.region_code, depth(f.level));
                })
            }>
                {AgencyLevel::ALL.into_iter().map(|l| view! {
                    <option value=l.as_str() selected=move || form.with(|f| f.level == Some(l))>{move || l.label(i.lang())}</option>
                }).collect_view()}
            </select>
            <fieldset class="region-path" aria-describedby="a-region_code-error">
                <legend>{i.t("Wilayah sesuai tingkatnya (tidak ada untuk instansi pusat)", "The region at that level (none for a national agency)")}</legend>
                <RegionPath code=Signal::derive(move || form.with(|f| f.region_code.clone())) depth=Signal::derive(move || form.with(|f| depth(f.level)))
                    on_pick=move |code: String| form.update(|f| f.region_code = code) ids=["a-province", "a-regency", "a-district", "a-village"] />
                {field_error("region_code")}
            </fieldset>
            <fieldset aria-describedby="a-category_ids-error">
                <legend>{i.t("Kategori yang ditangani", "Categories handled")}</legend>
                {move || categories.get().into_iter().map(|c| {
                    let cid = c.id;
                    view! {
                        <label class="check"><input type="checkbox" prop:checked=move || form.with(|f| f.category_ids.contains(&cid))
                            on:change:target=move |ev| { let on = ev.target().checked(); form.update(|f| { f.category_ids.retain(|x| *x != cid); if on { f.category_ids.push(cid) } }) } />
                            {c.name}</label>
                    }
                }).collect_view()}
            </fieldset>
            {field_error("category_ids")}
            {flag(("Tindak lanjut operator disetujui penghubung sebelum dikirim ke pelapor", "Operators' follow-ups are approved by the liaison before the reporter sees them"), |f| f.review_followups, |f, on| f.review_followups = on)}
            {id.is_some().then(|| flag(("Aktif (tanpa centang: tidak menerima disposisi baru)", "Active (unticked: gets no new dispositions)"), |f| f.active, |f, on| f.active = on))}
            {move || failure.get().filter(|e| e.fields().is_none()).map(|e| view! { <div class="notice error" role="alert">{e.message(i.lang())}</div> })}
            <div class="row-actions">
                <button type="submit" class="button primary" disabled=move || save.pending().get()>{i.t("Simpan", "Save")}</button>
                <button type="button" class="button" on:click=move |_| on_cancel.run(())>{i.t("Batal", "Cancel")}</button>
            </div>
        </form>
    }
}

/// An agency's team, and a new member's account form.
#[component]
fn Team(
    agency: AgencyEntry,
    root: bool,
    issued: RwSignal<Option<IssuedPassword>>,
    agencies: Signal<Vec<Agency>>,
    on_member: Callback<(i64, TeamMember)>,
    on_close: Callback<()>,
) -> impl IntoView {
    let i = use_i18n();
    let adding = RwSignal::new(false);
    let id = agency.id;
    let saved = move |(a, p): (Account, Option<IssuedPassword>)| {
        on_member.run((id, TeamMember { id: a.id, username: a.username.clone(), display_name: a.display_name.clone(), team_role: a.team_role.unwrap_or_default(), active: a.active }));
        issued.set(p);
        adding.set(false);
    };
    view! {
        <section class="action-form" data-testid="team" aria-labelledby="team-title">
            <h2 id="team-title">{move || format!("{} {}", i.lang().pick("Tim", "Team of"), agency.name)}</h2>
            <ul class="team">
                {agency.team.iter().map(|m| {
                    let (role, active) = (m.team_role, m.active);
                    view! {
                        <li data-testid="team-member"><strong>{m.display_name.clone()}</strong>" (" {m.username.clone()} ") · " {move || role.label(i.lang())}
                            {(!active).then(|| view! { " · " {i.t("nonaktif", "inactive")} })}</li>
                    }
                }).collect_view()}
                {agency.team.is_empty().then(|| view! { <li>{i.t("Belum ada anggota tim.", "No team members yet.")}</li> })}
            </ul>
            {move || issued.get().map(|p| view! {
                <div class="notice" role="status" data-testid="issued">
                    <p>{move || i.lang().pick("Kata sandi sementara untuk ", "Temporary password for ")}<strong>{p.account.username.clone()}</strong>
                        {move || i.lang().pick(" (hanya ditampilkan sekali):", " (shown this once):")}</p>
                    <p class="temp-password"><code data-testid="temp-password">{p.password.clone()}</code></p>
                </div>
            })}
            {move || if adding.get() {
                view! { <Editor initial=None root agencies agency=id on_saved=Callback::new(saved) on_cancel=Callback::new(move |_| adding.set(false)) /> }.into_any()
            } else {
                view! {
                    <div class="row-actions">
                        <button type="button" class="button primary" on:click=move |_| adding.set(true)>{i.t("Tambah anggota tim", "Add a team member")}</button>
                        <button type="button" class="button" on:click=move |_| on_close.run(())>{i.t("Tutup", "Close")}</button>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
