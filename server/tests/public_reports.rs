//! The public list (`/api/v1/public/reports`), one public report, and the
//! Open311 GeoReport v2 read API.

mod common;

use common::{client, spawn, spawn_with, Plant, TestApp};
use domain::Status;
use lapor_server::config::RateLimit;
use reqwest::StatusCode;
use serde_json::Value;
use std::collections::HashSet;

async fn empty_app() -> TestApp {
    spawn_with(|c| c.demo = false).await
}

fn numbers(page: &Value) -> Vec<String> {
    page["items"].as_array().unwrap().iter().map(|i| i["tracking_number"].as_str().unwrap().to_string()).collect()
}

fn set(v: &[&String]) -> HashSet<String> {
    v.iter().map(|s| s.to_string()).collect()
}

async fn list(app: &TestApp, query: &str) -> Value {
    let (status, page) = app.get(&client(), &format!("/api/v1/public/reports?{query}")).await;
    assert_eq!(status, StatusCode::OK, "{query}: {page}");
    page
}

async fn found(app: &TestApp, query: &str) -> HashSet<String> {
    numbers(&list(app, query).await).into_iter().collect()
}

fn plant(title: &str, body: &str) -> Plant {
    Plant { title: title.into(), body: body.into(), ..Default::default() }
}

#[tokio::test]
async fn search_finds_words_of_title_and_body_every_word_and_prefixes() {
    let app = empty_app().await;
    let (_, a) = app.plant(&plant("Jembatan gantung rusak parah", "Papan kayu lapuk dan tali baja berkarat di Desa Sungai Ringin.")).await;
    let (_, b) = app.plant(&plant("Lampu jalan padam sebulan", "Lampu di dekat jembatan desa padam sejak bulan lalu, rawan kecelakaan.")).await;
    let (_, c) = app.plant(&plant("Sekolah bocor saat hujan", "Atap ruang kelas tiga bocor, murid belajar di lantai basah.")).await;
    // Not public: never found, whatever the words.
    app.plant(&Plant { confidential: true, ..plant("Jembatan rahasia", "Jembatan kayu lapuk rahasia sekali.") }).await;
    for s in [Status::Submitted, Status::NeedsInfo, Status::Archived] {
        app.plant(&Plant { status: s, ..plant("Jembatan belum diverifikasi", "Jembatan kayu lapuk belum diverifikasi.") }).await;
    }

    assert_eq!(found(&app, "q=jembatan").await, set(&[&a, &b]), "a word of a title and of a body");
    assert_eq!(found(&app, "q=lapuk").await, set(&[&a]), "a word of a body only");
    assert_eq!(found(&app, "q=Jembatan%20LAPUK").await, set(&[&a]), "every word must match, any case");
    assert_eq!(found(&app, "q=jemb").await, set(&[&a, &b]), "a prefix");
    assert_eq!(found(&app, "q=jemb%20pad").await, set(&[&b]), "prefixes of two words");
    assert_eq!(found(&app, "q=sekolah").await, set(&[&c]));
    assert!(found(&app, "q=gempa").await.is_empty());
    assert_eq!(list(&app, "q=jembatan").await["counts"]["total"], 2);

    // Search syntax of either engine is only text: never an error, never a widening.
    for q in ["\"", "jembatan\"", "jembatan OR sekolah", "NEAR(jembatan sekolah)", "jembatan*", "*", "-sekolah",
              "title:jembatan", "jembatan & !sekolah", "jembatan | sekolah", "'", "(", ")", "^jembatan", "jembatan:*",
              "a\\b", "%", "_", "{}", ":", "AND", "²", "ª", "Ⅻ", "٣", "𝟘", "ǅ", "İstanbul", "e\u{301}", "日本語",
              "jembatan\u{200b}lapuk", "NOT", "near/2"] {
        let enc: String = url_encode(q);
        let (status, page) = app.get(&client(), &format!("/api/v1/public/reports?q={enc}")).await;
        assert_eq!(status, StatusCode::OK, "{q:?}: {page}");
        let got: HashSet<String> = numbers(&page).into_iter().collect();
        assert!(got.is_subset(&set(&[&a, &b, &c])), "{q:?}");
        if q.contains("jembatan") {
            assert!(!got.contains(&c), "{q:?} widened the search: {got:?}");
        }
    }
    assert!(found(&app, "q=jembatan%20OR%20sekolah").await.is_empty(), "OR is a word to match, not an operator");
    // A NUL character is no search syntax but a character no address may hold (security.rs).
    assert_eq!(app.get(&client(), "/api/v1/public/reports?q=jembatan%00").await.0, StatusCode::UNPROCESSABLE_ENTITY);
    // Too long: a field error.
    let (status, body) = app.get(&client(), &format!("/api/v1/public/reports?q={}", "a".repeat(101))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["q"][0]["code"], "too_long");
}

fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

#[tokio::test]
async fn filters_narrow_the_list_and_a_private_status_is_a_field_error() {
    let app = empty_app().await;
    let db = &app.state.db;
    let cats = db.categories().await.unwrap();
    let (road, water) = (cats[7].id, cats[5].id);
    let agency1 = db.insert_agency("Dinas PUPR Kota Pontianak", "kabupaten", "61.71", None, &[road]).await.unwrap();
    let agency2 = db.insert_agency("PDAM Tirta Khatulistiwa", "kabupaten", "61.71", None, &[water]).await.unwrap();
    let base = Plant { category_id: Some(road), agency_id: Some(agency1), ..Default::default() };
    let (_, a) = app.plant(&Plant { title: "Jalan A".into(), ..base.clone() }).await;
    let (_, b) = app.plant(&Plant { title: "Jalan B".into(), district: Some("61.71.02"), status: Status::Responded, ..base.clone() }).await;
    let (_, c) = app.plant(&Plant { title: "Air C".into(), kind: "aspirasi", category_id: Some(water), agency_id: Some(agency2), status: Status::Closed, ..base.clone() }).await;
    let (_, d) = app.plant(&Plant { title: "Sekadau D".into(), regency: "61.09", district: Some("61.09.01"), status: Status::Returned, ..base.clone() }).await;
    app.plant(&Plant { title: "Arsip".into(), status: Status::Archived, ..base.clone() }).await;

    assert_eq!(found(&app, "").await, set(&[&a, &b, &c, &d]));
    assert_eq!(found(&app, "kind=aspirasi").await, set(&[&c]));
    assert_eq!(found(&app, "kind=pengaduan").await, set(&[&a, &b, &d]));
    assert_eq!(found(&app, &format!("category={water}")).await, set(&[&c]));
    assert_eq!(found(&app, &format!("category={road}")).await, set(&[&a, &b, &d]));
    assert_eq!(found(&app, "province=61").await, set(&[&a, &b, &c, &d]));
    assert_eq!(found(&app, "regency=61.71").await, set(&[&a, &b, &c]));
    assert_eq!(found(&app, "regency=61.09").await, set(&[&d]));
    assert_eq!(found(&app, "province=61&regency=61.71&district=61.71.02").await, set(&[&b]), "the narrowest wins");
    assert_eq!(found(&app, "regency=61.71&district=").await, set(&[&a, &b, &c]), "an empty code is no filter");
    assert_eq!(found(&app, "status=responded").await, set(&[&b]));
    assert_eq!(found(&app, "status=closed&regency=61.71").await, set(&[&c]));
    assert_eq!(found(&app, &format!("agency={agency2}")).await, set(&[&c]));
    assert_eq!(found(&app, &format!("agency={agency1}&status=returned")).await, set(&[&d]));

    for s in ["submitted", "needs_info", "archived"] {
        let (status, body) = app.get(&client(), &format!("/api/v1/public/reports?status={s}")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{s}");
        assert_eq!(body["fields"]["status"][0]["code"], "not_public_status", "{body}");
    }
    let (status, body) = app.get(&client(), "/api/v1/public/reports?regency=61.99").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["regency"][0]["code"], "unknown_region", "{body}");
    let (status, _) = app.get(&client(), "/api/v1/public/reports?status=bogus").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn keyset_pages_walk_every_sort_without_duplicates_or_gaps() {
    let app = empty_app().await;
    let t0 = lapor_server::now() - 100_000;
    let mut planted = Vec::new();
    for i in 0..23i64 {
        // Ties: three reports share each creation second; updates in another order.
        let created = t0 + (i / 3) * 60;
        let updated = t0 + 50_000 - (i % 5) * 1000 - i;
        let (id, n) = app
            .plant(&Plant { title: format!("Laporan nomor {i}"), created_at: created, updated_at: updated, ..Default::default() })
            .await;
        planted.push((id, n, created, updated));
    }
    app.plant(&Plant { confidential: true, created_at: t0 + 30, ..Default::default() }).await;

    let mut newest = planted.clone();
    newest.sort_by_key(|p| (std::cmp::Reverse(p.2), std::cmp::Reverse(p.0)));
    let mut oldest = planted.clone();
    oldest.sort_by_key(|p| (p.2, p.0));
    let mut updated = planted.clone();
    updated.sort_by_key(|p| (std::cmp::Reverse(p.3), std::cmp::Reverse(p.0)));

    for (sort, expected) in [("newest", &newest), ("oldest", &oldest), ("updated", &updated)] {
        let mut walked = Vec::new();
        let mut after: Option<String> = None;
        let mut pages = 0;
        loop {
            let q = match &after {
                Some(a) => format!("sort={sort}&limit=5&after={}", url_encode(a)),
                None => format!("sort={sort}&limit=5"),
            };
            let page = list(&app, &q).await;
            let items = numbers(&page);
            assert!(items.len() <= 5);
            assert_eq!(page["counts"]["total"], 23);
            walked.extend(items);
            pages += 1;
            match page["next"].as_str() {
                Some(n) => after = Some(n.to_string()),
                None => break,
            }
            assert!(pages < 10, "the walk does not end");
        }
        let want: Vec<String> = expected.iter().map(|p| p.1.clone()).collect();
        assert_eq!(walked, want, "sort {sort}");
        assert_eq!(pages, 5, "23 rows in pages of 5");
    }
    // Default: newest first, 20 rows.
    let page = list(&app, "").await;
    assert_eq!(numbers(&page), newest.iter().take(20).map(|p| p.1.clone()).collect::<Vec<_>>());

    for bad in ["x", "1", "1.x", "..", "1.2.3", "%22%3B"] {
        let (status, body) = app.get(&client(), &format!("/api/v1/public/reports?after={bad}")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert_eq!(body["fields"]["after"][0]["code"], "invalid_cursor", "{body}");
    }
}

#[tokio::test]
async fn counts_cover_every_public_status_and_overdue_for_the_same_filters() {
    let app = empty_app().await;
    let past = Some("2020-01-02".to_string());
    let future = Some("2099-01-02".to_string());
    let p = |status, due: &Option<String>, regency: &'static str| Plant {
        status,
        due_date: due.clone(),
        regency,
        district: None,
        ..Default::default()
    };
    for plant in [
        p(Status::Dispatched, &past, "61.71"),
        p(Status::Dispatched, &future, "61.71"),
        p(Status::Dispatched, &past, "61.71"),
        p(Status::Returned, &past, "61.71"),
        p(Status::Responded, &future, "61.71"),
        p(Status::Closed, &past, "61.71"),
        p(Status::Closed, &None, "61.71"),
        p(Status::Dispatched, &past, "61.09"),
        p(Status::Submitted, &past, "61.71"),
        p(Status::NeedsInfo, &past, "61.71"),
        p(Status::Archived, &None, "61.71"),
        Plant { confidential: true, ..p(Status::Dispatched, &past, "61.71") },
    ] {
        app.plant(&plant).await;
    }
    let page = list(&app, "regency=61.71&status=closed").await;
    let c = &page["counts"];
    assert_eq!(numbers(&page).len(), 2, "the items follow the status");
    assert_eq!(c["total"], 7, "{c}");
    assert_eq!(c["dispatched"], 3);
    assert_eq!(c["returned"], 1);
    assert_eq!(c["responded"], 1);
    assert_eq!(c["closed"], 2);
    assert_eq!(c["overdue"], 3, "open and past due: two dispatched and the returned one; never a closed one");
    let c = list(&app, "").await["counts"].clone();
    assert_eq!((c["total"].as_i64(), c["dispatched"].as_i64(), c["overdue"].as_i64()), (Some(8), Some(4), Some(4)));
    // Item flags agree.
    let items = list(&app, "regency=61.71&limit=50").await["items"].as_array().unwrap().clone();
    assert_eq!(items.iter().filter(|i| i["overdue"] == true).count(), 3);
}

#[tokio::test]
async fn one_public_report_shows_no_identity_nor_the_reporters_words() {
    let app = spawn_with(|c| {
        c.demo = false;
        c.lookup_miss_limit = RateLimit { count: 4, window_secs: 600 };
    })
    .await;
    let body = "Pipa air bocor di depan pasar sejak seminggu, air terbuang dan jalan licin. ".repeat(5);
    let (_, n) = app
        .plant(&Plant {
            title: "Pipa air bocor di depan pasar".into(),
            body: body.clone(),
            anonymous: true,
            reporter_name: "Namaku Rahasia".into(),
            status: Status::Responded,
            due_date: Some("2099-01-05".into()),
            asked: Some("Bu Namaku Rahasia, mohon kirim foto pipa.".into()),
            events: vec![
                ("coordinator", "Koordinator", Some("Diteruskan ke PDAM.".into())),
                ("reporter", "Pelapor", Some("Saya Namaku Rahasia dari RT 03".into())),
                ("agency", "PDAM Tirta Khatulistiwa", Some("Pipa sudah diganti.".into())),
            ],
            ..Default::default()
        })
        .await;
    let spaced = format!("{} {} {}", &n[0..4], &n[4..8], &n[8..12]);
    let res = client().get(app.url(&format!("/api/v1/public/reports/{}", url_encode(&spaced)))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["cache-control"].to_str().unwrap().starts_with("public"));
    let text = res.text().await.unwrap();
    assert!(!text.contains("Namaku Rahasia") && !text.contains("RT 03"), "{text}");
    let r: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(r["tracking_number"], n.as_str());
    assert_eq!(r["status"], "responded");
    assert_eq!(r["body"], body.as_str());
    assert_eq!(r["overdue"], false);
    assert!(r["working_days_left"].as_i64().unwrap() > 1000, "{r}");
    let timeline = r["timeline"].as_array().unwrap();
    assert_eq!(timeline.len(), 5, "every public event, the reporter's too: {timeline:?}");
    let asked = timeline.iter().find(|e| e["kind"] == "request_info").expect("the request is on the timeline");
    assert!(asked["message"].is_null(), "what the coordinator asked the reporter stays between them");
    let reporter: Vec<&Value> = timeline.iter().filter(|e| e["actor"] == "Pelapor").collect();
    assert_eq!(reporter.len(), 2);
    assert!(reporter.iter().all(|e| e["message"].is_null()), "the reporter's words are left out");
    assert!(timeline.iter().any(|e| e["message"] == "Pipa sudah diganti."));
    assert!(r.get("reporter_name").is_none() && r.get("anonymous").is_none());

    // Confidential, unverified and unknown numbers: one and the same 404.
    let (_, secret) = app.plant(&Plant { confidential: true, ..Default::default() }).await;
    let (_, fresh) = app.plant(&Plant { status: Status::Submitted, ..Default::default() }).await;
    let unknown = domain::tracking::tracking_from_random(7);
    let mut bodies = HashSet::new();
    for number in [&secret, &fresh, &unknown] {
        let (status, text) = app.get_text(&client(), &format!("/api/v1/public/reports/{number}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{number}");
        bodies.insert(text);
    }
    assert_eq!(bodies.len(), 1, "{bodies:?}");
    let (status, _) = app.get(&client(), "/api/v1/public/reports/12345").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // Three misses so far, and a hit costs nothing; the fifth miss is refused.
    let (status, _) = app.get(&client(), &format!("/api/v1/public/reports/{n}")).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app.get(&client(), &format!("/api/v1/public/reports/{unknown}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let res = client().get(app.url(&format!("/api/v1/public/reports/{unknown}"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(res.headers().contains_key("retry-after"));
    // Open311 lookups count against the same limit.
    let res = client().get(app.url(&format!("/open311/v2/requests/{n}.json"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body[0]["code"], 429);
}

#[tokio::test]
async fn the_demo_has_public_reports_in_several_statuses_and_regencies() {
    let app = spawn().await;
    let page = list(&app, "limit=50").await;
    let items = page["items"].as_array().unwrap();
    let statuses: HashSet<&str> = items.iter().map(|i| i["status"].as_str().unwrap()).collect();
    let regencies: HashSet<&str> = items.iter().map(|i| i["regency"]["code"].as_str().unwrap()).collect();
    assert!(items.len() >= 4, "{page}");
    assert!(statuses.len() >= 3, "{statuses:?}");
    assert!(regencies.len() >= 2, "{regencies:?}");
    for i in items {
        assert!(["dispatched", "returned", "responded", "closed"].contains(&i["status"].as_str().unwrap()));
        assert!(i["excerpt"].as_str().unwrap().chars().count() <= 201);
    }
    // Every listed report opens.
    for i in items {
        let (status, _) = app.get(&client(), &format!("/api/v1/public/reports/{}", i["tracking_number"].as_str().unwrap())).await;
        assert_eq!(status, StatusCode::OK);
    }
}

#[tokio::test]
async fn open311_services_and_requests_use_the_spec_fields_and_status_mapping() {
    let app = empty_app().await;
    let res = client().get(app.url("/open311/v2/services.json")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let services: Value = res.json().await.unwrap();
    let services = services.as_array().unwrap();
    assert_eq!(services.len(), lapor_server::seed::CATEGORIES.len());
    let keys: HashSet<&str> = services[0].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, HashSet::from(["service_code", "service_name", "description", "metadata", "type", "keywords", "group"]));
    assert_eq!(services[0]["metadata"], false);
    assert_eq!(services[0]["type"], "realtime");
    let road = services.iter().find(|s| s["service_name"] == "Infrastruktur jalan").unwrap();
    let road_code: i64 = road["service_code"].as_str().unwrap().parse().unwrap();

    let agency = app.state.db.insert_agency("Dinas PUPR Kota Pontianak", "kabupaten", "61.71", None, &[road_code]).await.unwrap();
    let now = lapor_server::now();
    let day = 86_400;
    let p = |status, created: i64| Plant { status, created_at: created, updated_at: created + 60, category_id: Some(road_code), agency_id: Some(agency), due_date: Some("2099-01-05".into()), ..Default::default() };
    let (_, d) = app.plant(&p(Status::Dispatched, now - 2 * day)).await;
    let (_, r) = app.plant(&p(Status::Returned, now - 3 * day)).await;
    let (_, s) = app.plant(&p(Status::Responded, now - 4 * day)).await;
    let (_, c) = app.plant(&p(Status::Closed, now - 5 * day)).await;
    let (_, old) = app.plant(&p(Status::Closed, now - 200 * day)).await;
    app.plant(&p(Status::Submitted, now - day)).await;
    app.plant(&p(Status::Archived, now - day)).await;
    app.plant(&Plant { confidential: true, ..p(Status::Dispatched, now - day) }).await;

    let get = |q: &str| {
        let url = app.url(&format!("/open311/v2/requests.json{q}"));
        async move {
            let res = client().get(url).send().await.unwrap();
            let status = res.status();
            let body: Value = res.json().await.unwrap();
            (status, body)
        }
    };
    let ids = |v: &Value| -> Vec<String> { v.as_array().unwrap().iter().map(|r| r["service_request_id"].as_str().unwrap().to_string()).collect() };

    let (status, all) = get("").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ids(&all), vec![d.clone(), r.clone(), s.clone(), c.clone()], "newest first, last 90 days by default");
    let first = all[0].as_object().unwrap();
    let keys: HashSet<&str> = first.keys().map(String::as_str).collect();
    let spec: HashSet<&str> = HashSet::from([
        "service_request_id", "status", "status_notes", "service_name", "service_code", "description",
        "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
        "address", "address_id", "zipcode", "lat", "long", "media_url",
    ]);
    assert_eq!(keys, spec);
    assert_eq!(first["service_code"], road_code.to_string());
    assert_eq!(first["service_name"], "Infrastruktur jalan");
    assert_eq!(first["agency_responsible"], "Dinas PUPR Kota Pontianak");
    assert!(first["requested_datetime"].as_str().unwrap().ends_with("+07:00"));
    assert_eq!(first["expected_datetime"], "2099-01-05T23:59:59+07:00");
    let statuses: Vec<&str> = all.as_array().unwrap().iter().map(|r| r["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["open", "open", "open", "closed"]);
    assert!(all[3]["expected_datetime"].is_null(), "closed: no expected time");

    assert_eq!(ids(&get("?status=open").await.1), vec![d.clone(), r.clone(), s.clone()]);
    assert_eq!(ids(&get("?status=closed").await.1), vec![c.clone()]);
    assert_eq!(ids(&get("?status=open,closed").await.1).len(), 4);
    assert_eq!(ids(&get(&format!("?service_code={road_code}")).await.1).len(), 4);
    assert!(ids(&get(&format!("?service_code={}", road_code + 1)).await.1).is_empty());

    let w3c = lapor_server::http::open311::w3c;
    let range = format!("?start_date={}&end_date={}", url_encode(&w3c(now - 4 * day - 10)), url_encode(&w3c(now - 3 * day + 10)));
    assert_eq!(ids(&get(&range).await.1), vec![r.clone(), s.clone()]);
    let since = format!("?start_date={}", url_encode(&w3c(now - 250 * day)));
    assert_eq!(ids(&get(&since).await.1).last(), Some(&old), "an explicit start reaches further back");
    // UTC (`Z`) works as well as an offset.
    let utc = format!("?end_date={}", url_encode(&utc_w3c(now - 200 * day + 5)));
    assert_eq!(ids(&get(&utc).await.1), vec![old.clone()]);
    let utc = format!("?end_date={}", url_encode(&utc_w3c(now - 200 * day - 5)));
    assert!(ids(&get(&utc).await.1).is_empty());
    assert_eq!(ids(&get("?page_size=2").await.1), vec![d.clone(), r.clone()]);
    assert_eq!(ids(&get("?page_size=2&page=2").await.1), vec![s.clone(), c.clone()]);
    assert!(ids(&get("?page_size=2&page=3").await.1).is_empty());

    for bad in ["?status=pending", "?start_date=yesterday", "?service_code=abc", "?page=0", "?page_size=1000"] {
        let (status, body) = get(bad).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
        assert_eq!(body[0]["code"], 400, "{body}");
        assert!(body[0]["description"].is_string());
    }

    // One request: an array of one; the same 404 for hidden and unknown.
    let res = client().get(app.url(&format!("/open311/v2/requests/{s}.json"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let one: Value = res.json().await.unwrap();
    assert_eq!(ids(&one), vec![s.clone()]);
    assert_eq!(one[0]["status"], "open");
    assert_eq!(one[0]["status_notes"], "Ditindaklanjuti");
    let unknown = domain::tracking::tracking_from_random(7);
    let (_, hidden) = app.plant(&Plant { confidential: true, ..Default::default() }).await;
    let (status, a) = get_path(&app, &format!("/open311/v2/requests/{unknown}.json")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(a[0]["code"], 404);
    let (status, b) = get_path(&app, &format!("/open311/v2/requests/{hidden}.json")).await;
    assert_eq!((status, &b), (StatusCode::NOT_FOUND, &a));
    let (status, body) = get_path(&app, "/open311/v2/requests/123.json").await;
    assert_eq!((status, body[0]["code"].as_i64()), (StatusCode::BAD_REQUEST, Some(400)));
    let (status, body) = get_path(&app, &format!("/open311/v2/requests/{s}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    // Unknown paths and methods under /open311 are JSON, never the app.
    for path in ["/open311", "/open311/v2", "/open311/v2/nothing.json", "/open311/v2/requests.xml"] {
        let (status, body) = get_path(&app, path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(body[0]["code"], 404, "{path}: {body}");
    }
    let res = client().post(app.url("/open311/v2/requests.json")).body("{}").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body[0]["code"], 405);
}

/// Unix seconds as `YYYY-MM-DDThh:mm:ssZ`.
fn utc_w3c(unix: i64) -> String {
    let d = domain::Date::from_days(unix.div_euclid(86_400));
    let s = unix.rem_euclid(86_400);
    format!("{d}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
}

async fn get_path(app: &TestApp, path: &str) -> (StatusCode, Value) {
    let res = client().get(app.url(path)).send().await.unwrap();
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn the_document_lists_the_public_and_open311_routes() {
    let app = empty_app().await;
    let (_, doc) = app.get(&client(), "/api/v1/openapi.json").await;
    let paths = doc["paths"].as_object().unwrap();
    for p in [
        "/api/v1/public/reports",
        "/api/v1/public/reports/{number}",
        "/open311/v2/services.json",
        "/open311/v2/requests.json",
        "/open311/v2/requests/{id}.json",
    ] {
        assert!(paths.contains_key(p), "{p} missing: {:?}", paths.keys().collect::<Vec<_>>());
    }
    assert!(!paths.contains_key("/open311/v2/requests/{id}"));
    assert!(doc["components"]["schemas"]["PublicReportPage"].is_object());
    assert!(doc["components"]["schemas"]["Open311Request"].is_object());
}
