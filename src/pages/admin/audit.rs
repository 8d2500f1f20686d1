//! `/admin/audit`: who did what, when, to which report, and the values
//! before and after; filtered by person, action, report and dates (in the
//! address, so a filtered log is a link). Read only: nothing here edits.

use super::{guard, Gate};
use crate::api::{self, ApiError};
use crate::components::load_error::LoadError;
use crate::format;
use crate::i18n::use_i18n;
use crate::state::use_session;
use domain::audit::{AuditAction, AuditChange, AuditEntry, AuditField, AuditQuery};
use domain::handling::{ArchiveReason, Maladministration};
use domain::tracking::display_tracking;
use domain::{FollowupClass, Lang, Status};
use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::route::Here;

#[component]
pub fn AuditPage() -> impl IntoView {
    view! { <Gate><Audit /></Gate> }
}

#[component]
fn Audit() -> impl IntoView {
    let i = use_i18n();
    let allowed = use_session().0.with_untracked(|m| m.as_ref().is_some_and(|m| m.role.coordinates()));
    if !allowed {
        return view! {
            <h1>{i.t("Log audit", "Audit log")}</h1>
            <p class="notice error" role="alert">{i.t("Hanya admin koordinator dan superadmin yang dapat melihat log audit.", "Only coordinators and superadmins may read the audit log.")}</p>
        }
        .into_any();
    }
    let here = expect_context::<Here>();
    let query = Memo::new(move |_| AuditQuery::from_pairs(|k| here.query(k)));
    let first = LocalResource::new(move || {
        let q = query.get();
        async move { guard(api::admin_audit(&q).await) }
    });
    let more = RwSignal::new(Vec::<AuditEntry>::new());
    let next = RwSignal::new(None::<Option<String>>);
    let more_error = RwSignal::new(None::<ApiError>);
    Effect::new(move |_| {
        query.track();
        more.set(Vec::new());
        next.set(None);
        more_error.set(None);
    });
    let next_cursor = move || match next.get() {
        Some(n) => n,
        None => first.get().and_then(|r| r.ok()).and_then(|p| p.next),
    };
    let load_more = move || {
        let Some(after) = next_cursor() else { return };
        let q = AuditQuery { after: Some(after), ..query.get_untracked() };
        spawn_local(async move {
            match guard(api::admin_audit(&q).await) {
                Ok(page) => {
                    more.update(|m| m.extend(page.items));
                    next.set(Some(page.next));
                }
                Err(e) => more_error.set(Some(e)),
            }
        });
    };
    view! {
        <h1>{i.t("Log audit", "Audit log")}</h1>
        <p class="muted">{i.t(
            "Setiap tindakan petugas tercatat di sini dan tidak dapat diubah atau dihapus.",
            "Every officer action is recorded here and cannot be changed or deleted.",
        )}</p>
        <AuditFilters query />
        {move || match first.get() {
            None => view! { <p class="loading">{i.t("Memuat…", "Loading…")}</p> }.into_any(),
            Some(Err(e)) => view! { <LoadError error=e /> }.into_any(),
            Some(Ok(p)) if p.items.is_empty() => view! { <p class="muted">{i.t("Tidak ada catatan yang cocok.", "No entries match.")}</p> }.into_any(),
            Some(Ok(p)) => view! {
                <table class="audit-table" data-testid="audit">
                    <caption class="visually-hidden">{i.t("Log audit", "Audit log")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{i.t("Waktu", "When")}</th>
                            <th scope="col">{i.t("Petugas", "Officer")}</th>
                            <th scope="col">{i.t("Tindakan", "Action")}</th>
                            <th scope="col">{i.t("Laporan", "Report")}</th>
                            <th scope="col">{i.t("Sebelum → sesudah", "Before → after")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {p.items.into_iter().map(|e| view! { <Entry e /> }).collect::<Vec<_>>()}
                        <For each=move || more.get() key=|e| e.id let(e)><Entry e /></For>
                    </tbody>
                </table>
            }
            .into_any(),
        }}
        {move || more_error.get().map(|e| view! { <LoadError error=e /> })}
        {move || next_cursor().map(|_| view! {
            <button type="button" class="button" on:click=move |_| load_more()>{i.t("Muat lebih banyak", "Load more")}</button>
        })}
    }
    .into_any()
}

#[component]
fn AuditFilters(query: Memo<AuditQuery>) -> impl IntoView {
    let i = use_i18n();
    let here = expect_context::<Here>();
    let q0 = query.get_untracked();
    let text = |v: Option<String>| RwSignal::new(v.unwrap_or_default());
    let (user, report, from, to) = (text(q0.user), text(q0.report), text(q0.from), text(q0.to));
    let action = RwSignal::new(q0.action.map(|a| a.as_str().to_string()).unwrap_or_default());
    let some = |s: RwSignal<String>| Some(s.get_untracked().trim().to_string()).filter(|v| !v.is_empty());
    view! {
        <form
            class="audit-filters"
            role="search"
            on:submit=move |ev| {
                ev.prevent_default();
                let q = AuditQuery {
                    user: some(user),
                    action: AuditAction::parse(&action.get_untracked()),
                    report: some(report),
                    from: some(from),
                    to: some(to),
                    ..Default::default()
                };
                let qs = api::query_string(q.to_pairs());
                here.navigate(&if qs.is_empty() { "/admin/audit".into() } else { format!("/admin/audit?{qs}") });
            }
        >
            <div class="field">
                <label for="audit-user">{i.t("Nama pengguna", "User name")}</label>
                <input id="audit-user" type="text" autocapitalize="none" bind:value=user />
            </div>
            <div class="field">
                <label for="audit-action">{i.t("Tindakan", "Action")}</label>
                <select id="audit-action" bind:value=action>
                    <option value="">{i.t("Semua", "All")}</option>
                    {AuditAction::ALL.into_iter().map(|a| view! { <option value=a.as_str()>{move || a.label(i.lang())}</option> }).collect::<Vec<_>>()}
                </select>
            </div>
            <div class="field">
                <label for="audit-report">{i.t("Nomor laporan", "Report number")}</label>
                <input id="audit-report" type="text" inputmode="numeric" bind:value=report />
            </div>
            <div class="field">
                <label for="audit-from">{i.t("Dari tanggal", "From")}</label>
                <input id="audit-from" type="date" bind:value=from />
            </div>
            <div class="field">
                <label for="audit-to">{i.t("Sampai tanggal", "To")}</label>
                <input id="audit-to" type="date" bind:value=to />
            </div>
            <button type="submit" class="button primary">{i.t("Tampilkan", "Show")}</button>
        </form>
    }
}

/// A value as people read it, by what it is.
fn value(field: AuditField, v: &Option<String>, lang: Lang) -> String {
    let Some(v) = v.as_deref() else { return "—".into() };
    let known = match field {
        AuditField::Status => Status::parse(v).map(|s| s.label(lang)),
        AuditField::FollowupClass => Some(FollowupClass::parse(v).label(lang)),
        AuditField::Maladministration => Maladministration::parse(v).map(|m| m.label(lang)),
        AuditField::ArchiveReason => ArchiveReason::parse(v).map(|r| r.label(lang)),
        AuditField::Role => domain::api::Role::parse(v).map(|r| r.label(lang)),
        AuditField::HolidayKind => domain::holidays::HolidayKind::parse(v).map(|k| k.label(lang)),
        AuditField::Anonymous | AuditField::Confidential | AuditField::Active => Some(if v == "true" { lang.pick("ya", "yes") } else { lang.pick("tidak", "no") }),
        _ => None,
    };
    match (known, field) {
        (Some(k), _) => k.to_string(),
        (None, AuditField::DueDate) => format::short_date(v, lang),
        (None, AuditField::DuplicateOf) => display_tracking(v),
        (None, _) => v.to_string(),
    }
}

fn change(c: &AuditChange, lang: Lang) -> String {
    format!("{}: {} → {}", c.field.label(lang), value(c.field, &c.before, lang), value(c.field, &c.after, lang))
}

#[component]
fn Entry(e: AuditEntry) -> impl IntoView {
    let i = use_i18n();
    let action = e.action;
    let role = e.role;
    let changes = e.changes.clone();
    view! {
        <tr data-testid="audit-row" data-action=action.as_str()>
            <td>{move || format::date_time(e.at, i.lang())}</td>
            <td>
                <strong>{e.display_name.clone().unwrap_or_else(|| e.username.clone())}</strong>
                <span class="muted">{format!(" ({})", e.username)}</span>
                <br />
                <span class="muted">
                    {move || role.map(|r| r.label(i.lang()).to_string()).unwrap_or_default()}
                    {e.agency.clone().map(|a| format!(" · {a}"))}
                </span>
            </td>
            <td>{move || action.label(i.lang())}</td>
            <td>{e.report_id.zip(e.tracking_number.clone()).map(|(id, n)| view! {
                <a href=format!("/admin/laporan/{id}")>{display_tracking(&n)}</a>
            })}</td>
            <td>
                <ul class="changes">
                    {move || changes.iter().map(|c| view! { <li>{change(c, i.lang())}</li> }).collect::<Vec<_>>()}
                </ul>
            </td>
        </tr>
    }
}
