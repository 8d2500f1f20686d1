//! `GET /api/v1/admin/recap`: the recap of a period and a region, for
//! coordinators, supervisors and superadmins. Aggregates only: nothing in
//! the answer names a reporter or an officer.

use super::auth::AuthUser;
use crate::db::{AgencyCounts, Db, RecapScope, Totals};
use crate::error::{ApiQuery, Error, Result};
use crate::{day_start, AppState};
use axum::extract::State;
use axum::Json;
use domain::api::{ApiErrorBody, ReportKind, Role};
use domain::recap::{
    by_channel, median_working_days, months, period, previous_period, share, AgencyRecap, KindTally, NamedCount,
    PeriodTotals, Recap, RecapQuery, RegionFigures, StatusTally,
};
use domain::intake::Channel;
use domain::{Calendar, Date, FieldIssue, Status};
use std::collections::HashMap;
use std::future::Future;
use std::sync::Arc;

/// How far back an officer's sign-in or action makes an agency active.
const ACTIVE_DAYS: i64 = 30;

const MONTH: &str = "substr(r.created_on, 1, 7)";
const CATEGORIES: &str = "LEFT JOIN categories c ON c.id = r.category_id";

/// What the recap's reads share.
struct Reads {
    db: Db,
    now: RecapScope,
    before: RecapScope,
    today: String,
    region: Option<String>,
    region_key: &'static str,
    since: i64,
}

/// Runs one read on its own task.
fn on_task<T, F, Fut>(cx: &Arc<Reads>, read: F) -> impl Future<Output = anyhow::Result<T>>
where
    T: Send + 'static,
    F: FnOnce(Arc<Reads>) -> Fut,
    Fut: Future<Output = anyhow::Result<T>> + Send + 'static,
{
    let task = tokio::spawn(read(cx.clone()));
    async move { task.await? }
}

fn scope(from: Date, to: Date, region: Option<String>) -> RecapScope {
    RecapScope { from_at: day_start(from), to_at: day_start(to.add_days(1)), region }
}

fn named(rows: Vec<(String, i64)>) -> Vec<NamedCount> {
    rows.into_iter().map(|(name, count)| NamedCount { name, count }).collect()
}

/// Every month of the period, zeros included, by the month received. A
/// report the period counts (it entered LAPOR! in it) but received before
/// it — a letter entered late — counts in the period's first month, so the
/// months add up to the period's total.
fn by_month(st_rows: Vec<(String, i64)>, from: Date, to: Date) -> Vec<NamedCount> {
    let months = months(from, to);
    let first = months.first().cloned().unwrap_or_default();
    let mut counts: HashMap<String, i64> = HashMap::new();
    for (month, n) in st_rows {
        *counts.entry(if month < first { first.clone() } else { month }).or_default() += n;
    }
    months.into_iter().map(|m| NamedCount { count: counts.get(&m).copied().unwrap_or(0), name: m }).collect()
}

/// The totals of every group.
fn sum(rows: &[(Vec<String>, Totals)]) -> Totals {
    let mut t = Totals::default();
    for (_, x) in rows {
        t += x;
    }
    t
}

/// Biggest count first, then by name (as a table reads best).
fn biggest_first(mut rows: Vec<(String, i64)>) -> Vec<(String, i64)> {
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    rows
}

fn date_of(s: &str) -> Option<Date> {
    Date::parse(s)
}

#[utoipa::path(
    get,
    path = "/api/v1/admin/recap",
    tag = "admin",
    params(RecapQuery),
    responses(
        (status = 200, description = "The recap of the period and the region, and the previous period's totals", body = Recap),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "An agency admin", body = ApiErrorBody),
        (status = 422, description = "A malformed date, a range backwards or over five years, an unknown region or one outside the officer's jurisdiction", body = ApiErrorBody),
    )
)]
pub async fn recap(State(st): State<AppState>, user: AuthUser, ApiQuery(q): ApiQuery<RecapQuery>) -> Result<Json<Recap>> {
    if !(user.role.coordinates() || user.role == Role::Supervisor) {
        return Err(Error::Forbidden("Rekap hanya untuk admin koordinator, pengawas dan superadmin.".into()));
    }
    let today = crate::today();
    let (from, to) = period(&q, today).map_err(|field| Error::field(field, FieldIssue::InvalidDate))?;
    let field = if q.regency.as_deref().is_some_and(|c| !c.trim().is_empty()) { "regency" } else { "province" };
    let region = match (q.regency.as_deref(), q.province.as_deref()) {
        (Some(c), _) | (None, Some(c)) if !c.trim().is_empty() => {
            let c = c.trim();
            if !st.regions.exists(c) {
                return Err(Error::field(field, FieldIssue::UnknownRegion));
            }
            Some(c.to_string())
        }
        _ => None,
    };
    // A regional officer's recap is of their jurisdiction or a part of it.
    let region = match (&user.jurisdiction, region) {
        (None, region) => region,
        (Some(area), None) => Some(area.clone()),
        (Some(area), Some(code)) if domain::jurisdiction::within(area, &code) => Some(code),
        (Some(_), Some(_)) => return Err(Error::field(field, FieldIssue::OutsideJurisdiction)),
    };
    let (pfrom, pto) = previous_period(from, to);
    let now_scope = scope(from, to, region.clone());
    let before = scope(pfrom, pto, region.clone());
    let today_s = today.to_string();
    let region_key = if region.as_deref().is_some_and(|c| c.contains('.')) { "r.district_code" } else if region.is_some() { "r.regency_code" } else { "r.province_code" };
    let cx = Arc::new(Reads { db: st.db.clone(), now: now_scope, before, today: today_s, region_key, since: crate::now() - ACTIVE_DAYS * 86_400, region: region.clone() });
    // Independent reads at once, each on its own task (its rows decoded on
    // any core) over its own connection: the period's by (category, status,
    // kind) and by (region, month), the previous period's by month, the
    // period's reports from channels other than the web form.
    let (cells, places, previous_months, channels, agencies, verify_pairs, followup_pairs, (active, connected)) = tokio::try_join!(
        on_task(&cx, |c| async move { c.db.recap_tally(&c.now, &["c.name", "r.status", "r.kind"], CATEGORIES, &c.today).await }),
        on_task(&cx, |c| async move { c.db.recap_tally(&c.now, &[c.region_key, MONTH], "", &c.today).await }),
        on_task(&cx, |c| async move { c.db.recap_tally(&c.before, &[MONTH], "", &c.today).await }),
        on_task(&cx, |c| async move { c.db.recap_other_channels(&c.now).await }),
        on_task(&cx, |c| async move { c.db.recap_agencies(&c.now, &c.today).await }),
        on_task(&cx, |c| async move { c.db.recap_verify_pairs(&c.now).await }),
        on_task(&cx, |c| async move { c.db.recap_followup_pairs(&c.now).await }),
        on_task(&cx, |c| async move { c.db.recap_agency_activity(c.region.as_deref(), c.since).await }),
    )?;
    let cal = st.calendar().await?;
    let totals = sum(&cells);
    let prev = sum(&previous_months);
    let by_key = |rows: &[(Vec<String>, Totals)], key: usize, keep: &dyn Fn(&[String]) -> bool| {
        let mut counts: HashMap<String, i64> = HashMap::new();
        for (k, t) in rows.iter().filter(|(k, _)| keep(k)) {
            *counts.entry(k[key].clone()).or_default() += t.received;
        }
        biggest_first(counts.into_iter().filter(|(_, n)| *n > 0).collect())
    };
    let all = |_: &[String]| true;
    let statuses = by_key(&cells, 1, &all);
    let kinds = by_key(&cells, 2, &all);
    let categories = by_key(&cells, 0, &all);
    let not_followed_up = by_key(&cells, 0, &|k| k[1] == Status::Dispatched.as_str());
    let open = by_key(&cells, 0, &|k| k[1] != Status::Closed.as_str() && k[1] != Status::Archived.as_str());
    let regions = by_key(&places, 0, &all);
    let months_now = by_key(&places, 1, &all);
    let months_before = by_key(&previous_months, 0, &all);
    let agency_rows = biggest_first(agencies.iter().map(|a| (a.name.clone(), a.received)).collect());

    let verify: Vec<(Date, Date, i64)> =
        verify_pairs.iter().filter_map(|(_, a, b, n)| Some((date_of(a)?, date_of(b)?, *n))).collect();
    let mut followups: HashMap<i64, Vec<(Date, Date, i64)>> = HashMap::new();
    for (agency, a, b, n) in &followup_pairs {
        if let (Some(a), Some(b)) = (date_of(a), date_of(b)) {
            followups.entry(*agency).or_default().push((a, b, *n));
        }
    }
    let mut ranked: Vec<AgencyRecap> = agencies
        .into_iter()
        .map(|a| {
            let pairs = followups.remove(&a.agency_id).unwrap_or_default();
            agency_recap(&cal, a, &pairs)
        })
        .collect();
    ranked.sort_by(|a, b| {
        let share = |x: &AgencyRecap| x.on_time_share.unwrap_or(-1.0);
        share(b).total_cmp(&share(a)).then(a.late_now.cmp(&b.late_now)).then(b.received.cmp(&a.received)).then(a.name.cmp(&b.name))
    });
    let region_name = |code: &str| st.regions.name(code).unwrap_or(code).to_string();

    Ok(Json(Recap {
        period: PeriodTotals {
            from: from.to_string(),
            to: to.to_string(),
            received: totals.received,
            followed_up: totals.followed_up,
            finished: totals.finished,
            late_now: totals.late_now,
        },
        previous: PeriodTotals {
            from: pfrom.to_string(),
            to: pto.to_string(),
            received: prev.received,
            followed_up: prev.followed_up,
            finished: prev.finished,
            late_now: prev.late_now,
        },
        region: region.as_deref().map(region_name).unwrap_or_default(),
        by_status: Status::ALL
            .iter()
            .map(|&s| StatusTally { status: s, count: statuses.iter().find(|(k, _)| k == s.as_str()).map_or(0, |r| r.1) })
            .collect(),
        by_kind: ReportKind::ALL
            .iter()
            .map(|&k| KindTally { kind: k, count: kinds.iter().find(|(x, _)| x == k.as_str()).map_or(0, |r| r.1) })
            .collect(),
        by_channel: by_channel(
            totals.received,
            &channels.iter().filter_map(|(k, n)| Some((Channel::parse(k)?, *n))).collect::<Vec<_>>(),
        ),
        by_category: named(categories),
        by_agency: named(agency_rows),
        by_region: regions.into_iter().map(|(code, count)| NamedCount { name: region_name(&code), count }).collect(),
        by_month: by_month(months_now, from, to),
        previous_by_month: by_month(months_before, pfrom, pto),
        not_followed_up: named(not_followed_up),
        open_by_category: named(open),
        agencies: ranked,
        figures: RegionFigures {
            median_days_to_verify: median_working_days(&cal, &verify),
            share_followed_up: share(totals.followed_up, totals.forwarded),
            share_finished: share(totals.finished, totals.not_archived),
            agencies_active: active,
            agencies_connected: connected,
        },
    }))
}

fn agency_recap(cal: &Calendar, a: AgencyCounts, pairs: &[(Date, Date, i64)]) -> AgencyRecap {
    AgencyRecap {
        agency_id: a.agency_id,
        name: a.name,
        received: a.received,
        followed_up: a.followed_up,
        finished: a.finished,
        on_time_share: share(a.on_time, a.due),
        median_days_to_followup: median_working_days(cal, pairs),
        late_now: a.late_now,
        mean_rating: a.mean_rating,
        ratings: a.ratings,
    }
}
