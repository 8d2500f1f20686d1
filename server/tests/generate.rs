//! `lapor-server generate`: the synthetic dataset follows the rules a real
//! one does (each timeline replays through the transition rules to the
//! stored status; milestones, deadlines and ratings agree with it), it is
//! spread the way the issue asks, and the recap over it counts what the
//! rows hold (counted here from the rows, not by the recap's queries).

mod common;

use common::TestApp;
use domain::status::apply;
use domain::{Actor, Date, EventKind, Status, Transition};
use lapor_server::generate::{generate, Options};
use reqwest::StatusCode;
use sqlx::Row;
use std::collections::{BTreeMap, BTreeSet, HashMap};

struct Report {
    status: Status,
    province: String,
    category: Option<i64>,
    agency: Option<i64>,
    due: Option<String>,
    created_at: i64,
    updated_at: i64,
    created_on: String,
    milestones: [Option<String>; 4],
    rating: Option<i64>,
}

struct Event {
    at: i64,
    kind: EventKind,
    status: Status,
    actor: Actor,
}

fn transition(kind: EventKind) -> Option<Transition> {
    Some(match kind {
        EventKind::RequestInfo => Transition::RequestInfo,
        EventKind::SupplyInfo => Transition::SupplyInfo,
        EventKind::Archive => Transition::Archive,
        EventKind::Dispatch => Transition::Dispatch,
        EventKind::Return => Transition::Return,
        EventKind::Respond => Transition::Respond,
        EventKind::Close => Transition::Close,
        EventKind::Reopen => Transition::Reopen,
        _ => return None,
    })
}

fn on(at: i64) -> String {
    Date::from_unix(at, lapor_server::TZ_OFFSET_HOURS).to_string()
}

async fn read(app: &TestApp) -> (BTreeMap<i64, Report>, HashMap<i64, Vec<Event>>) {
    let pool = app.state.db.pool();
    let rows = sqlx::query(
        "SELECT id, status, province_code, category_id, agency_id, due_date, created_at, updated_at, created_on, \
         verified_on, dispatched_on, response_due, responded_on, rating FROM reports WHERE practice_session_id IS NULL",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut reports = BTreeMap::new();
    for r in rows {
        let s: String = r.get("status");
        reports.insert(
            r.get::<i64, _>("id"),
            Report {
                status: Status::parse(&s).unwrap(),
                province: r.get("province_code"),
                category: r.get("category_id"),
                agency: r.get("agency_id"),
                due: r.get("due_date"),
                created_at: r.get("created_at"),
                updated_at: r.get("updated_at"),
                created_on: r.get("created_on"),
                milestones: [r.get("verified_on"), r.get("dispatched_on"), r.get("response_due"), r.get("responded_on")],
                rating: r.get("rating"),
            },
        );
    }
    let rows = sqlx::query("SELECT report_id, at, kind, status, actor_role FROM report_events ORDER BY report_id, at, id")
        .fetch_all(pool)
        .await
        .unwrap();
    let mut events: HashMap<i64, Vec<Event>> = HashMap::new();
    for r in rows {
        let (k, s, a): (String, String, String) = (r.get("kind"), r.get("status"), r.get("actor_role"));
        events.entry(r.get("report_id")).or_default().push(Event {
            at: r.get("at"),
            kind: EventKind::parse(&k).unwrap(),
            status: Status::parse(&s).unwrap(),
            actor: Actor::parse(&a).unwrap(),
        });
    }
    (reports, events)
}

#[tokio::test]
async fn generated_reports_follow_the_lifecycle_and_the_recap_counts_them() {
    let app = common::spawn().await;
    let before = read(&app).await.0.len();
    let opts = Options { reports: 3_000, days: 730, seed: 7 };
    let mut seen = 0;
    let s = generate(&app.state.db, &opts, &mut |n| seen = n).await.unwrap();
    assert_eq!((s.reports, seen), (3_000, 3_000));
    assert!(s.agencies_added > 500 && s.accounts_added > s.agencies_added * 3 / 4, "{s:?}");
    let (reports, events) = read(&app).await;
    assert_eq!(reports.len(), before + 3_000);
    let now = lapor_server::now();
    let cal = app.state.db.calendar().await.unwrap();

    let mut statuses = BTreeMap::new();
    let mut provinces = BTreeMap::new();
    let mut categories = BTreeSet::new();
    let mut late_verified = 0;
    for (id, r) in reports.iter().skip(before) {
        let evs = &events[id];
        // The timeline starts with the submission at creation and replays
        // through the rules to the stored status.
        assert_eq!((evs[0].kind, evs[0].at), (EventKind::Submitted, r.created_at), "report {id}");
        let mut status = Status::Submitted;
        let mut reopens = 0;
        let mut prev = r.created_at;
        for e in &evs[1..] {
            assert!(e.at >= prev && e.at < now, "report {id}: events in order and in the past");
            prev = e.at;
            let t = transition(e.kind).unwrap_or_else(|| panic!("report {id}: {:?} is not a transition", e.kind));
            status = apply(status, t, e.actor, reopens).unwrap_or_else(|err| panic!("report {id}: {err}"));
            reopens += u32::from(t == Transition::Reopen);
            assert_eq!(e.status, status, "report {id}");
        }
        assert_eq!(status, r.status, "report {id}");
        assert_eq!(r.updated_at, prev, "report {id}");
        assert_eq!(r.created_on, on(r.created_at));
        // The milestones as the lifecycle keeps them.
        let first = |kinds: &[EventKind]| evs.iter().find(|e| kinds.contains(&e.kind)).map(|e| on(e.at));
        let last_dispatch = evs.iter().rev().find(|e| e.kind == EventKind::Dispatch);
        let responded = last_dispatch.and_then(|d| evs.iter().find(|e| e.kind == EventKind::Respond && e.at >= d.at)).map(|e| on(e.at));
        assert_eq!(r.milestones[0], first(&[EventKind::Dispatch, EventKind::Archive, EventKind::RequestInfo]), "report {id}");
        assert_eq!(r.milestones[1], last_dispatch.map(|e| on(e.at)), "report {id}");
        assert_eq!(r.milestones[3], responded, "report {id}");
        if let Some(d) = last_dispatch {
            let due = r.milestones[2].as_deref().and_then(Date::parse).expect("a response deadline");
            assert!(due > Date::parse(&on(d.at)).unwrap(), "report {id}");
        }
        // A deadline runs exactly while someone has to act.
        let open = !matches!(r.status, Status::Closed | Status::Archived | Status::NeedsInfo);
        assert_eq!(r.due.is_some(), open, "report {id} {:?}", r.status);
        assert_eq!(r.agency.is_some(), matches!(r.status, Status::Dispatched | Status::Responded) || (r.status == Status::Closed && last_dispatch.is_some()), "report {id}");
        let accepted = evs.last().is_some_and(|e| e.kind == EventKind::Close && e.actor == Actor::Reporter);
        assert_eq!(r.rating.is_some(), accepted, "report {id}");
        if let Some(v) = r.milestones[0].as_deref() {
            let verify_due = cal.add_working_days(Date::parse(&r.created_on).unwrap(), domain::status::VERIFY_DAYS);
            late_verified += usize::from(Date::parse(v).unwrap() > verify_due);
        }
        *statuses.entry(r.status.as_str()).or_insert(0) += 1;
        *provinces.entry(r.province.clone()).or_insert(0) += 1;
        categories.extend(r.category);
    }
    // The spread: every status, every category, five provinces, West
    // Kalimantan the most, some verified late but most not.
    // Returned reports are forwarded again within days, so few are
    // returned at any moment; but returns happen.
    assert!(statuses.len() >= Status::ALL.len() - 1 && !statuses.contains_key("unknown"), "{statuses:?}");
    assert!(events.values().flatten().filter(|e| e.kind == EventKind::Return).count() > 30);
    assert_eq!(categories.len(), 18);
    assert_eq!(provinces.len(), 5, "{provinces:?}");
    assert!((1_700..2_500).contains(&provinces["61"]), "{provinces:?}");
    assert!(statuses["closed"] > 1_000 && statuses["dispatched"] > 50, "{statuses:?}");
    assert!(late_verified > 30 && late_verified < 600, "{late_verified} verified late");
    assert_eq!(s.by_status.values().sum::<usize>(), 3_000);

    // The recap for West Kalimantan over the last year counts the rows.
    let today = lapor_server::today();
    let from = today.add_days(-364).to_string();
    let to = today.to_string();
    let coordinator = app.login("koordinator").await;
    let (status, recap) = app.get(&coordinator, &format!("/api/v1/admin/recap?from={from}&to={to}&province=61")).await;
    assert_eq!(status, StatusCode::OK, "{recap}");
    let mine: Vec<&Report> =
        reports.values().filter(|r| r.province == "61" && r.created_on >= from && r.created_on <= to).collect();
    assert!(mine.len() > 1_000, "{}", mine.len());
    assert_eq!(recap["period"]["received"], mine.len());
    for tally in recap["by_status"].as_array().unwrap() {
        let st = Status::parse(tally["status"].as_str().unwrap()).unwrap();
        assert_eq!(tally["count"], mine.iter().filter(|r| r.status == st).count(), "{st:?}");
    }
    let dispatched = mine.iter().filter(|r| r.status == Status::Dispatched).count();
    let listed: i64 = recap["not_followed_up"].as_array().unwrap().iter().map(|c| c["count"].as_i64().unwrap()).sum();
    assert_eq!(listed as usize, dispatched);
    // Officers acted lately: agencies show as active.
    let active = recap["figures"]["agencies_active"].as_i64().unwrap();
    let connected = recap["figures"]["agencies_connected"].as_i64().unwrap();
    assert!(active > 20 && active <= connected, "{active} of {connected}");
}
