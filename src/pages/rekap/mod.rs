//! `/admin/rekap`: the numbers a regency is judged by, for a period and a
//! region (in the address, so a recap is a link): this period beside the
//! previous one, what agencies have not followed up by category, the open
//! reports by category, the agencies ranked, the region's speed, and counts
//! by status, kind, channel, region and month; each table with its chart and its CSV,
//! and a print view for A4 landscape. For coordinators, supervisors and
//! superadmins: aggregates only.

mod charts;
mod table;

use crate::api;
use crate::components::choice::{lists, Choice};
use crate::components::load_error::LoadError;
use crate::i18n::use_i18n;
use crate::pages::admin::{guard, Gate};
use crate::route::Here;
use crate::state::use_session;
use charts::{Bars, Trend};
use domain::api::Role;
use domain::recap::{period, share, NamedCount, Recap, RecapQuery};
use domain::{Date, FieldIssue, Lang};
use leptos::prelude::*;
use table::Table;

#[component]
pub fn RecapPage() -> impl IntoView {
    view! { <Gate><Recaps /></Gate> }
}

fn some(v: String) -> Option<String> {
    Some(v.trim().to_string()).filter(|v| !v.is_empty())
}

fn pct(share: Option<f64>) -> String {
    share.map(|s| format!("{:.0}%", s * 100.0)).unwrap_or_else(|| "–".into())
}

fn days(d: Option<f64>) -> String {
    d.map(|d| if d.fract() == 0.0 { format!("{d:.0}") } else { format!("{d:.1}") }).unwrap_or_else(|| "–".into())
}

fn rows_of(list: &[NamedCount], none: &str) -> Vec<Vec<String>> {
    list.iter().map(|c| vec![if c.name.is_empty() { none.to_string() } else { c.name.clone() }, c.count.to_string()]).collect()
}

/// What is wrong with the period asked for, by the rule the server applies
/// (`domain::recap::period`): the field and the message to show under it.
fn period_problem(q: &RecapQuery, lang: Lang) -> Option<(&'static str, String)> {
    let today = crate::format::today();
    let field = period(q, today).err()?;
    let parsed = |s: &Option<String>| s.as_deref().filter(|s| !s.is_empty()).map(Date::parse);
    let msg = match (parsed(&q.from), parsed(&q.to)) {
        (Some(None), _) | (_, Some(None)) => FieldIssue::InvalidDate.message(lang),
        (from, to) if from.flatten() > Some(to.flatten().unwrap_or(today)) => {
            lang.pick("Tanggal awal harus sebelum tanggal akhir.", "The start must come before the end.").to_string()
        }
        _ => lang.pick("Rentang paling lama lima tahun.", "At most five years at once.").to_string(),
    };
    Some((field, msg))
}

fn total_of(list: &[NamedCount], lang: Lang) -> Vec<String> {
    vec![lang.pick("Jumlah", "Total").to_string(), list.iter().map(|c| c.count).sum::<i64>().to_string()]
}

#[component]
fn Recaps() -> impl IntoView {
    let i = use_i18n();
    let allowed = use_session().0.with_untracked(|m| m.as_ref().is_some_and(|m| m.role.coordinates() || m.role == Role::Supervisor));
    if !allowed {
        return view! {
            <h1>{i.t("Rekap", "Recaps")}</h1>
            <p class="notice error" role="alert">{i.t("Rekap hanya untuk admin koordinator, pengawas dan superadmin.", "Recaps are for coordinators, supervisors and superadmins.")}</p>
        }
        .into_any();
    }
    let here = expect_context::<Here>();
    // A regional officer's recap is of their jurisdiction (the server holds
    // it to that too): its province, and its regency, are fixed.
    let area = use_session().0.with_untracked(|m| m.as_ref().and_then(|m| m.jurisdiction.as_ref()).map(|j| j.code.clone()));
    let (area_province, area_regency) = match area.as_deref() {
        Some(code) => (code.split('.').next().map(str::to_string), code.contains('.').then(|| code.to_string())),
        None => (None, None),
    };
    let (fixed_province, fixed_regency) = (area_province.is_some(), area_regency.is_some());
    let query = Memo::new(move |_| RecapQuery {
        from: here.query("from"),
        to: here.query("to"),
        province: area_province.clone().or_else(|| here.query("province")),
        regency: area_regency.clone().or_else(|| here.query("regency")),
    });
    let go = move |change: &dyn Fn(&mut RecapQuery)| {
        let mut q = query.get_untracked();
        change(&mut q);
        here.navigate(&format!("/admin/rekap?{}", api::query_string(q.to_pairs())));
    };
    let problem = Memo::new(move |_| query.with(|q| period_problem(q, i.lang())));
    // Nothing is asked of the server for a period it would refuse.
    let recap = LocalResource::new(move || {
        let q = query.get();
        let refused = problem.with(Option::is_some);
        async move { (!refused).then_some(guard(api::admin_recap(&q).await)) }
    });
    let answer = move || recap.get().flatten();
    let date_error = move |field: &'static str| {
        move || problem.get().filter(|(f, _)| *f == field).map(|(_, m)| view! { <p class="field-error" id=format!("err-r-{field}") role="alert">{m}</p> })
    };
    let invalid = move |field: &'static str| move || if problem.with(|p| p.as_ref().is_some_and(|(f, _)| *f == field)) { "true" } else { "false" };
    // A date as asked, else the one the server chose (the defaults).
    let shown = move |asked: Option<String>, answered: fn(&Recap) -> String| {
        asked.or_else(|| recap.with(|r| r.as_ref().and_then(|r| r.as_ref()?.as_ref().ok()).map(answered))).unwrap_or_default()
    };
    let field = move |f: fn(&RecapQuery) -> Option<String>| Signal::derive(move || query.with(f).unwrap_or_default());
    let province = field(|q| q.province.clone());
    let provinces = lists::provinces();
    let regencies = lists::children(province);
    view! {
        <div class="recap-head">
            <h1>{i.t("Rekap pengaduan", "Complaint recap")}</h1>
            <button type="button" class="button small no-print" on:click=move |_| drop(window().print())>{i.t("Cetak", "Print")}</button>
        </div>
        <form class="recap-filters no-print" on:submit=move |ev| ev.prevent_default()>
            <div class="field">
                <label for="r-from">{i.t("Dari tanggal", "From")}</label>
                <input id="r-from" type="date" prop:value=move || shown(query.with(|q| q.from.clone()), |r| r.period.from.clone())
                    aria-invalid=invalid("from") aria-describedby="err-r-from"
                    on:change=move |ev| { let v = event_target_value(&ev); go(&|q| q.from = some(v.clone())) } />
                {date_error("from")}
            </div>
            <div class="field">
                <label for="r-to">{i.t("Sampai tanggal", "To")}</label>
                <input id="r-to" type="date" prop:value=move || shown(query.with(|q| q.to.clone()), |r| r.period.to.clone())
                    aria-invalid=invalid("to") aria-describedby="err-r-to"
                    on:change=move |ev| { let v = event_target_value(&ev); go(&|q| q.to = some(v.clone())) } />
                {date_error("to")}
            </div>
            <Choice id="r-province" label=("Provinsi", "Province") any=("Seluruh Indonesia", "All of Indonesia") options=lists::loaded(provinces) value=province
                disabled=fixed_province on_pick=move |v: String| go(&|q| { q.province = some(v.clone()); q.regency = None; }) />
            <Choice id="r-regency" label=("Kabupaten/kota", "Regency/city") any=("Seluruh provinsi", "The whole province") options=lists::loaded(regencies)
                value=field(|q| q.regency.clone()) disabled=Signal::derive(move || fixed_regency || province.get().is_empty())
                on_pick=move |v: String| go(&|q| q.regency = some(v.clone())) />
        </form>
        <Transition fallback=move || view! { <p class="loading">{i.t("Menghitung rekap…", "Counting the recap…")}</p> }>
            {move || answer().map(|r| match r {
                Ok(r) => view! { <Figures r /> }.into_any(),
                Err(e) => view! { <LoadError error=e.clone() /> <FieldProblems error=e /> }.into_any(),
            })}
        </Transition>
    }
    .into_any()
}

/// A refusal's problems field by field (a hand-made address: an unknown region).
#[component]
fn FieldProblems(error: api::ApiError) -> impl IntoView {
    let i = use_i18n();
    let api::ApiError::Validation { fields, .. } = error else { return None };
    let lang = i.lang();
    let label = move |f: &str| match f {
        "from" => lang.pick("Dari tanggal", "From"),
        "to" => lang.pick("Sampai tanggal", "To"),
        "province" => lang.pick("Provinsi", "Province"),
        _ => lang.pick("Kabupaten/kota", "Regency/city"),
    };
    let items = fields
        .0
        .iter()
        .flat_map(|(f, issues)| issues.iter().map(move |issue| view! { <li>{format!("{}: {}", label(f), issue.message(i.lang()))}</li> }))
        .collect::<Vec<_>>();
    Some(view! { <ul class="notice error">{items}</ul> })
}

/// The recap of one answer.
#[component]
fn Figures(r: Recap) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    let t = |id: &'static str, en: &'static str| lang.pick(id, en).to_string();
    let none = t("Tanpa kategori", "No category");
    let region = if r.region.is_empty() { t("Seluruh Indonesia", "All of Indonesia") } else { r.region.clone() };
    let p = &r.period;
    let q = &r.previous;
    let card = |label: String, now: i64, before: i64, testid: &'static str| {
        let delta = now - before;
        view! {
            <div class="recap-card" data-testid=testid>
                <span class="recap-card-label">{label}</span>
                <strong class="recap-card-value">{now}</strong>
                <span class="muted">{format!("{} {before} ({}{delta})", lang.pick("periode lalu:", "previous period:"), if delta > 0 { "+" } else { "" })}</span>
            </div>
        }
    };
    let chart_rows = |list: &[NamedCount]| list.iter().map(|c| (if c.name.is_empty() { none.clone() } else { c.name.clone() }, c.count)).collect::<Vec<_>>();
    let agencies: Vec<Vec<String>> = r
        .agencies
        .iter()
        .enumerate()
        .map(|(n, a)| {
            vec![
                format!("{}. {}", n + 1, a.name),
                a.received.to_string(),
                a.followed_up.to_string(),
                a.finished.to_string(),
                pct(a.on_time_share),
                days(a.median_days_to_followup),
                a.late_now.to_string(),
                a.mean_rating.map(|m| format!("{m:.1} ({})", a.ratings)).unwrap_or_else(|| "–".into()),
            ]
        })
        .collect();
    let f = &r.figures;
    let statuses = r.by_status.iter().map(|s| vec![s.status.label(lang).to_string(), s.count.to_string()]).collect::<Vec<_>>();
    let kinds = r.by_kind.iter().map(|k| vec![crate::i18n::kind_label(k.kind, lang).to_string(), k.count.to_string()]).collect::<Vec<_>>();
    let channels = r
        .by_channel
        .iter()
        .map(|c| vec![c.channel.label(lang).to_string(), c.count.to_string(), pct(share(c.count, p.received))])
        .collect::<Vec<_>>();
    let months = r
        .by_month
        .iter()
        .enumerate()
        .map(|(n, m)| vec![m.name.clone(), m.count.to_string(), r.previous_by_month.get(n).map(|b| format!("{} ({})", b.count, b.name)).unwrap_or_default()])
        .collect::<Vec<_>>();
    view! {
        <p class="recap-scope" data-testid="recap-scope">{format!("{region} · {} – {} · {} {} – {}", p.from, p.to, lang.pick("dibanding", "compared with"), q.from, q.to)}</p>
        <section class="recap-cards" aria-label=t("Ringkasan", "Summary")>
            {card(t("Laporan diterima", "Reports received"), p.received, q.received, "card-received")}
            {card(t("Ditindaklanjuti instansi", "Followed up by agencies"), p.followed_up, q.followed_up, "card-followed")}
            {card(t("Selesai", "Finished"), p.finished, q.finished, "card-finished")}
            {card(t("Terlambat sekarang", "Late now"), p.late_now, q.late_now, "card-late")}
        </section>
        <section class="recap-section">
            <h2>{t("Belum ditindaklanjuti instansi", "Not yet followed up by the agencies")}</h2>
            <div class="recap-pair">
                <Table caption=t("Didisposisikan, belum ditindaklanjuti, per kategori", "Forwarded, not yet followed up, by category") file="belum-ditindaklanjuti"
                    header=vec![t("Kategori", "Category"), t("Laporan", "Reports")] rows=rows_of(&r.not_followed_up, &none)
                    total=total_of(&r.not_followed_up, lang) testid="not-followed-up" />
                <Bars rows=chart_rows(&r.not_followed_up) label=t("Grafik: belum ditindaklanjuti per kategori", "Chart: not yet followed up by category") />
            </div>
            <div class="recap-pair">
                <Table caption=t("Semua laporan terbuka per kategori", "Every open report by category") file="terbuka-per-kategori"
                    header=vec![t("Kategori", "Category"), t("Laporan", "Reports")] rows=rows_of(&r.open_by_category, &none)
                    total=total_of(&r.open_by_category, lang) testid="open-by-category" />
                <Bars rows=chart_rows(&r.open_by_category) label=t("Grafik: laporan terbuka per kategori", "Chart: open reports by category") />
            </div>
        </section>
        <section class="recap-section">
            <h2>{t("Instansi, diperingkat", "Agencies, ranked")}</h2>
            <p class="hint">{t(
                "Diperingkat menurut tindak lanjut tepat waktu, lalu paling sedikit terlambat. Hari kerja tanpa hari libur nasional dan cuti bersama.",
                "Ranked by follow-ups on time, then fewest late. Working days exclude national holidays and collective leave.",
            )}</p>
            <Table caption=t("Kinerja instansi", "Agencies' handling") file="instansi"
                header=vec![t("Instansi", "Agency"), t("Diterima", "Received"), t("Ditindaklanjuti", "Followed up"), t("Selesai", "Finished"),
                    t("Tepat waktu", "On time"), t("Median hari kerja", "Median working days"), t("Terlambat", "Late now"), t("Nilai pelapor", "Rating")]
                rows=agencies testid="agencies" />
            <Bars rows=chart_rows(&r.by_agency) label=t("Grafik: laporan per instansi", "Chart: reports by agency") />
        </section>
        <section class="recap-section">
            <h2>{t("Wilayah", "Region")}</h2>
            <dl class="recap-figures" data-testid="region-figures">
                <dt>{t("Median hari kerja sampai diverifikasi", "Median working days to verification")}</dt><dd>{days(f.median_days_to_verify)}</dd>
                <dt>{t("Ditindaklanjuti, dari yang didisposisikan", "Followed up, of those forwarded")}</dt><dd>{pct(f.share_followed_up)}</dd>
                <dt>{t("Selesai, dari yang tidak diarsipkan", "Finished, of those not archived")}</dt><dd>{pct(f.share_finished)}</dd>
                <dt>{t("Instansi aktif 30 hari terakhir", "Agencies active in the last 30 days")}</dt>
                <dd>{format!("{} {} {}", f.agencies_active, lang.pick("dari", "of"), f.agencies_connected)}</dd>
            </dl>
        </section>
        <section class="recap-section">
            <h2>{t("Tren bulanan", "Month by month")}</h2>
            <div class="recap-pair">
                <Table caption=t("Laporan per bulan, dan periode lalu", "Reports per month, and the previous period") file="per-bulan"
                    header=vec![t("Bulan", "Month"), t("Laporan", "Reports"), t("Periode lalu", "Previous period")] rows=months />
                <Trend now=r.by_month.clone() before=r.previous_by_month.clone() label=t("Grafik: laporan per bulan (gelap) dan periode lalu (terang)", "Chart: reports per month (dark) and the previous period (light)") />
            </div>
        </section>
        <section class="recap-section recap-small">
            <Table caption=t("Per status", "By status") file="per-status" header=vec![t("Status", "Status"), t("Laporan", "Reports")] rows=statuses />
            <Table caption=t("Per jenis", "By kind") file="per-jenis" header=vec![t("Jenis", "Kind"), t("Laporan", "Reports")] rows=kinds />
            <Table caption=t("Menurut saluran", "By channel") file="per-saluran"
                header=vec![t("Saluran", "Channel"), t("Laporan", "Reports"), t("Bagian", "Share")] rows=channels testid="by-channel" />
            <Table caption=t("Per kategori", "By category") file="per-kategori" header=vec![t("Kategori", "Category"), t("Laporan", "Reports")]
                rows=rows_of(&r.by_category, &none) total=total_of(&r.by_category, lang) />
            <Table caption=t("Per wilayah", "By region") file="per-wilayah" header=vec![t("Wilayah", "Region"), t("Laporan", "Reports")]
                rows=rows_of(&r.by_region, &t("Tanpa kecamatan", "No district")) />
        </section>
    }
}
