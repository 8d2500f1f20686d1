//! `/admin/libur`: the holiday calendar, for a superadmin — one year's
//! national holidays and collective leave; add a day (or paste the year's
//! list from the joint decree), rename one, remove one. A day after today
//! added or removed moves the open reports' deadlines at once, and the page
//! says how many moved.

use crate::api::{self, ApiError};
use crate::format;
use crate::i18n::use_i18n;
use crate::pages::admin::{guard, Gate};
use crate::state::use_session;
use domain::api::Role;
use domain::holidays::{Holiday, HolidayChange, HolidayForm, HolidayKind};
use domain::Lang;
use leptos::prelude::*;

#[component]
pub fn HolidaysPage() -> impl IntoView {
    view! { <Gate><Holidays /></Gate> }
}

/// One pasted line: `2027-01-01, Tahun Baru 2027 Masehi[, cuti_bersama]`
/// (tabs or semicolons also separate; a name with "cuti" is collective leave).
fn pasted(line: &str) -> Option<HolidayForm> {
    let mut parts = line.splitn(3, [',', ';', '\t']).map(str::trim);
    let date = parts.next().filter(|d| !d.is_empty())?.to_string();
    let name = parts.next().unwrap_or_default().to_string();
    let kind = parts.next().and_then(HolidayKind::parse).unwrap_or(if name.to_lowercase().contains("cuti") {
        HolidayKind::CutiBersama
    } else {
        HolidayKind::LiburNasional
    });
    Some(HolidayForm { date, name, kind })
}

fn moved_text(c: &HolidayChange, added: bool, lang: Lang) -> String {
    let when = format::short_date(&c.holiday.date, lang);
    match (lang, added) {
        (Lang::Id, true) => format!("{when} ditambahkan: {} tenggat laporan terbuka mundur satu hari kerja.", c.deadlines_moved),
        (Lang::Id, false) => format!("{when} dihapus: {} tenggat laporan terbuka maju satu hari kerja.", c.deadlines_moved),
        (Lang::En, true) => format!("{when} added: {} open reports' deadlines moved one working day later.", c.deadlines_moved),
        (Lang::En, false) => format!("{when} removed: {} open reports' deadlines moved one working day earlier.", c.deadlines_moved),
    }
}

#[component]
fn KindSelect(id: String, label: Option<String>, kind: RwSignal<HolidayKind>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <select id=id aria-label=label on:change=move |ev| kind.set(HolidayKind::parse(&event_target_value(&ev)).unwrap_or_default())>
            {HolidayKind::ALL.into_iter().map(|k| view! {
                <option value=k.as_str() selected=move || kind.get() == k>{move || k.label(i.lang())}</option>
            }).collect::<Vec<_>>()}
        </select>
    }
}

#[component]
fn Holidays() -> impl IntoView {
    let i = use_i18n();
    if !use_session().0.with_untracked(|m| m.as_ref().is_some_and(|m| m.role == Role::Superadmin)) {
        return super::refused(("Hari libur", "Holidays"), ("Hanya superadmin yang mengelola hari libur.", "Only superadmins manage holidays."));
    }
    let today = format::today();
    let year = RwSignal::new(today.year + 1);
    let days = super::ServerList::<Holiday>::new(move || api::admin_holidays(year.get())).rows;
    let failure = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<String>);
    // What the server answered goes into the list (no refetch), or the list
    // turns to the day's year.
    let keep = move |h: Holiday| {
        let of = h.date.get(..4).and_then(|y| y.parse::<i32>().ok());
        if of.is_some_and(|y| y != year.get_untracked()) {
            year.set(of.unwrap_or_default());
        } else {
            days.update(|list| match list.iter_mut().find(|x| x.date == h.date) {
                Some(x) => *x = h,
                None => {
                    list.push(h);
                    list.sort_by(|a, b| a.date.cmp(&b.date));
                }
            });
        }
    };
    let add = Action::new_local(move |form: &HolidayForm| {
        let form = form.clone();
        async move {
            match guard(api::admin_add_holiday(&form).await) {
                Ok(c) => {
                    failure.set(None);
                    done.set(Some(moved_text(&c, true, i.lang())));
                    keep(c.holiday);
                }
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    let save = Action::new_local(move |(date, form): &(String, HolidayForm)| {
        let (date, form) = (date.clone(), form.clone());
        async move {
            match guard(api::admin_save_holiday(&date, &form).await) {
                Ok(h) => {
                    failure.set(None);
                    done.set(Some(format!("{} · {}", format::short_date(&h.date, i.lang()), i.lang().pick("disimpan.", "saved."))));
                    keep(h);
                }
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    let remove = Action::new_local(move |date: &String| {
        let date = date.clone();
        async move {
            match guard(api::admin_remove_holiday(&date).await) {
                Ok(c) => {
                    failure.set(None);
                    done.set(Some(moved_text(&c, false, i.lang())));
                    days.update(|list| list.retain(|x| x.date != c.holiday.date));
                }
                Err(e) => failure.set(Some(e)),
            }
        }
    });

    let new_date = RwSignal::new(String::new());
    let new_name = RwSignal::new(String::new());
    let new_kind = RwSignal::new(HolidayKind::LiburNasional);
    let local = RwSignal::new(None::<String>);
    let problem = move || local.get().or_else(|| failure.with(|e| e.as_ref().map(|e| e.first_message(i.lang()))));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = HolidayForm { date: new_date.get_untracked(), name: new_name.get_untracked(), kind: new_kind.get_untracked() };
        let errs = form.check(today, true);
        local.set(errs.0.values().next().and_then(|v| v.first()).map(|x| x.message(i.lang())));
        if errs.is_empty() {
            add.dispatch(form);
            new_name.set(String::new());
        }
    };

    // Pasting the year's list: each line sent in turn, with progress; the
    // lines refused stay in the box with why.
    let paste = RwSignal::new(String::new());
    let progress = RwSignal::new(None::<(usize, usize)>);
    let refused = RwSignal::new(Vec::<String>::new());
    let send_all = Action::new_local(move |text: &String| {
        let lines: Vec<String> = text.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
        async move {
            let (mut left, mut why, mut moved, total) = (Vec::new(), Vec::new(), 0, lines.len());
            for (n, line) in lines.iter().enumerate() {
                progress.set(Some((n, total)));
                let Some(form) = pasted(line) else { continue };
                let errs = form.check(today, true);
                let answer = if errs.is_empty() { guard(api::admin_add_holiday(&form).await).map_err(|e| e.first_message(i.lang())) } else { Err(errs.0.values().next().and_then(|v| v.first()).map(|x| x.message(i.lang())).unwrap_or_default()) };
                match answer {
                    Ok(c) => {
                        moved += c.deadlines_moved;
                        keep(c.holiday);
                    }
                    Err(e) => {
                        left.push(line.clone());
                        why.push(format!("{line} — {e}"));
                    }
                }
            }
            progress.set(None);
            let added = total - left.len();
            done.set(Some(match i.lang() {
                Lang::Id => format!("{added} dari {total} hari ditambahkan; {moved} tenggat laporan terbuka bergeser."),
                Lang::En => format!("{added} of {total} days added; {moved} open reports' deadlines moved."),
            }));
            refused.set(why);
            paste.set(left.join("\n"));
        }
    });

    let years = move || (today.year - 1..=today.year + 2).collect::<Vec<_>>();
    let tomorrow = today.add_days(1).to_string();
    view! {
        <h1>{i.t("Hari libur dan cuti bersama", "Holidays and collective leave")}</h1>
        <p class="hint">{i.t(
            "Tenggat laporan dihitung dalam hari kerja: Senin–Jumat selain hari-hari di sini. Menambah atau menghapus hari sesudah hari ini langsung menggeser tenggat laporan yang masih berjalan; hari yang sudah lewat tidak dapat diubah.",
            "Report deadlines count working days: Monday to Friday except the days listed here. Adding or removing a day after today moves the deadlines of open reports at once; days already past cannot change.",
        )}</p>
        <form class="queue-search" novalidate on:submit=submit>
            <label for="h-date">{i.t("Tanggal", "Date")}</label>
            <input id="h-date" type="date" min=tomorrow bind:value=new_date aria-describedby="h-error" />
            <label for="h-name">{i.t("Nama", "Name")}</label>
            <input id="h-name" type="text" bind:value=new_name aria-describedby="h-error" />
            <label for="h-kind">{i.t("Jenis", "Kind")}</label>
            <KindSelect id="h-kind".into() label=None kind=new_kind />
            <button type="submit" class="button primary">{i.t("Tambah", "Add")}</button>
        </form>
        <p class="field-error" id="h-error" role="alert">{problem}</p>
        <p role="status" data-testid="holiday-done">{move || done.get()}</p>
        <details class="paste-list">
            <summary>{i.t("Tempel daftar satu tahun", "Paste a whole year's list")}</summary>
            <label for="h-paste">{i.t(
                "Satu hari per baris: tanggal, nama, dan (boleh) jenis — misalnya 2027-03-10, Hari Suci Nyepi. Nama yang memuat \"cuti\" dicatat sebagai cuti bersama.",
                "One day per line: date, name and (optionally) kind — e.g. 2027-03-10, Day of Silence. A name with \"cuti\" is recorded as collective leave.",
            )}</label>
            <textarea id="h-paste" rows="8" bind:value=paste></textarea>
            <button type="button" class="button" disabled=move || progress.get().is_some() on:click=move |_| { send_all.dispatch(paste.get_untracked()); }>
                {i.t("Tambahkan semua", "Add them all")}
            </button>
            {move || progress.get().map(|(n, total)| view! {
                <progress max=total value=n aria-label=move || i.lang().pick("Menambahkan hari libur", "Adding holidays")></progress>
            })}
            <ul class="field-error">{move || refused.get().into_iter().map(|r| view! { <li>{r}</li> }).collect::<Vec<_>>()}</ul>
        </details>
        <div class="queue-search">
            <label for="h-year">{i.t("Tahun", "Year")}</label>
            <select id="h-year" on:change=move |ev| { if let Ok(y) = event_target_value(&ev).parse() { year.set(y) } }>
                {move || years().into_iter().map(|y| view! { <option value=y.to_string() selected=move || year.get() == y>{y}</option> }).collect::<Vec<_>>()}
            </select>
        </div>
        <p class="hint">{move || days.with(|list| {
            let leave = list.iter().filter(|h| h.kind == HolidayKind::CutiBersama).count();
            match i.lang() {
                Lang::Id => format!("{} hari libur nasional dan {leave} hari cuti bersama pada {}.", list.len() - leave, year.get()),
                Lang::En => format!("{} national holidays and {leave} days of collective leave in {}.", list.len() - leave, year.get()),
            }
        })}</p>
        <table class="queue-table admin-list" data-testid="holidays">
            <thead><tr>
                <th scope="col">{i.t("Tanggal", "Date")}</th>
                <th scope="col">{i.t("Nama", "Name")}</th>
                <th scope="col">{i.t("Jenis", "Kind")}</th>
                <th scope="col" class="actions-col"><span class="visually-hidden">{i.t("Tindakan", "Actions")}</span></th>
            </tr></thead>
            <tbody>
                <For each=move || days.get() key=|h| (h.date.clone(), h.name.clone(), h.kind) let(h)>
                    {
                        let date = h.date.clone();
                        let ahead = domain::Date::parse(&date).is_some_and(|d| d > today);
                        let name = RwSignal::new(h.name.clone());
                        let kind = RwSignal::new(h.kind);
                        let (d1, d2) = (date.clone(), date.clone());
                        view! {
                            <tr data-testid="holiday-row">
                                <td>{move || format::long_date(&date, i.lang())}</td>
                                <td><input type="text" aria-label=format!("Nama {}", h.date) bind:value=name /></td>
                                <td><KindSelect id=format!("h-kind-{}", h.date) label=Some(format!("Jenis {}", h.date)) kind /></td>
                                <td class="row-actions">
                                    <button type="button" class="button small" aria-label=format!("Simpan {}", h.date) on:click=move |_| {
                                        save.dispatch((d1.clone(), HolidayForm { date: String::new(), name: name.get_untracked(), kind: kind.get_untracked() }));
                                    }>{i.t("Simpan", "Save")}</button>
                                    {ahead.then(|| view! {
                                        <button type="button" class="button small" aria-label=format!("Hapus {}", h.date) on:click=move |_| { remove.dispatch(d2.clone()); }>
                                            {i.t("Hapus", "Remove")}
                                        </button>
                                    })}
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
