//! Privacy by value: distinctive identity and text planted on reports never
//! comes back from any GET that needs no session — every such path is taken
//! from the OpenAPI document, so a new endpoint is covered the day it is
//! added — nor from the agency's and the supervisor's views. One anonymous
//! report is entered by a coordinator from a letter (`POST
//! /api/v1/admin/reports`), its reporter's postal address among the secrets.

mod common;

use common::{client, spawn_with, Plant, TestApp};
use domain::intake::Channel;
use lapor_server::config::RateLimit;
use domain::Status;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::collections::BTreeMap;

const NAME: &str = "Zulkarnaen Privasiwati";
const PHONE: &str = "081299887766";
const EMAIL: &str = "zulkarnaen.privasi@contoh.id";
const REPORTER_WORDS: &str = "Kalimatpelapor rumah saya nomor tujuh";
const SECRET_WORD: &str = "Kerahasiaanxq";
const UNVERIFIED_WORD: &str = "Belumverifikasiqz";
/// The anonymous letter writer: a name and the letter's return address.
const LETTER_NAME: &str = "Suratmini Tersembunyiwati";
const CONTACT: &str = "Gang Kenari Rahasiawati No. 17, Sekadau Hilir";

struct Planted {
    public_id: i64,
    public_number: String,
    /// The anonymous report entered from a letter, public once dispatched.
    letter_id: i64,
    letter_number: String,
    numbers: Vec<String>,
    ids: Vec<i64>,
    /// Strings that must appear in no answer.
    secrets: Vec<String>,
    /// Tracking numbers of the hidden reports: in no answer, except echoed
    /// by a request that names it (`/track/{number}` shows an unverified
    /// report's status to whoever has its number, by design).
    hidden_numbers: Vec<String>,
}

async fn plant_all(app: &TestApp, agency_id: i64) -> Planted {
    let (public_id, public_number) = app
        .plant(&Plant {
            title: "Jembatan penyeberangan ambruk di pasar".into(),
            body: "Jembatan penyeberangan di depan pasar ambruk sebagian, pejalan kaki terpaksa menyeberang jalan raya.".into(),
            regency: "61.09",
            district: Some("61.09.01"),
            agency_id: Some(agency_id),
            status: Status::Dispatched,
            anonymous: true,
            reporter_name: NAME.into(),
            reporter_phone: PHONE.into(),
            reporter_email: EMAIL.into(),
            events: vec![
                ("coordinator", "Koordinator", Some("Diteruskan ke dinas.".into())),
                ("reporter", "Pelapor", Some(REPORTER_WORDS.into())),
            ],
            ..Default::default()
        })
        .await;
    let (secret_id, secret_number) = app
        .plant(&Plant {
            title: format!("Pungutan liar {SECRET_WORD} di kantor desa"),
            body: format!("Kepala desa meminta uang {SECRET_WORD} untuk surat keterangan, saya takut dikenali."),
            regency: "61.09",
            district: Some("61.09.01"),
            agency_id: Some(agency_id),
            status: Status::Responded,
            confidential: true,
            reporter_name: "Rahmawinda Terlindungi".into(),
            reporter_phone: "081377766655".into(),
            ..Default::default()
        })
        .await;
    let (fresh_id, fresh_number) = app
        .plant(&Plant {
            title: format!("Laporan {UNVERIFIED_WORD} menunggu verifikasi"),
            body: format!("Isi laporan {UNVERIFIED_WORD} yang belum diverifikasi oleh koordinator sama sekali."),
            regency: "61.09",
            status: Status::Submitted,
            ..Default::default()
        })
        .await;
    // A letter from an anonymous reporter, entered by the coordinator with
    // the return address, then verified and sent to the agency (public).
    let coordinator = app.login("koordinator").await;
    let today = lapor_server::today().to_string();
    let letter = json!({
        "channel": "surat",
        "received_date": today,
        "reporter_contact": CONTACT,
        "report": {
            "kind": "pengaduan",
            "title": "Lampu jalan padam di simpang pasar",
            "body": "Lampu penerangan jalan di simpang pasar padam sejak sebulan, jalan gelap dan rawan kecelakaan pada malam hari.",
            "incident_date": today,
            "province_code": "61",
            "regency_code": "61.09",
            "district_code": "61.09.01",
            "anonymous": true,
            "reporter_name": LETTER_NAME
        }
    });
    let (status, entered) = app.post(&coordinator, "/api/v1/admin/reports", &letter).await;
    assert_eq!(status, StatusCode::CREATED, "{entered}");
    let letter_id = entered["id"].as_i64().unwrap();
    let letter_number = entered["receipt"]["tracking_number"].as_str().unwrap().to_string();
    let dispatch = json!({"action": "dispatch", "agency_id": agency_id, "category_id": 8});
    let (status, body) = app.act(&coordinator, letter_id, dispatch).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    Planted {
        public_id,
        public_number: public_number.clone(),
        letter_id,
        letter_number: letter_number.clone(),
        numbers: vec![public_number, secret_number.clone(), fresh_number.clone(), letter_number],
        ids: vec![public_id, secret_id, fresh_id, letter_id],
        secrets: [NAME, PHONE, "0812-9988-7766", EMAIL, "Kalimatpelapor", SECRET_WORD, UNVERIFIED_WORD, "Rahmawinda", "081377766655"]
            .iter()
            .chain(&[LETTER_NAME, CONTACT, "Rahasiawati"])
            .map(|s| s.to_string())
            .collect(),
        hidden_numbers: vec![secret_number, fresh_number],
    }
}

/// Values for each path parameter by name, or `None` when the test does not
/// know the parameter (the test then fails: teach it the new parameter).
fn path_values(path: &str, name: &str, p: &Planted) -> Option<Vec<String>> {
    let numbers = || p.numbers.clone();
    Some(match name {
        "number" => numbers(),
        "id" if path.starts_with("/open311/") => numbers(),
        "id" => p.ids.iter().map(i64::to_string).collect(),
        "code" => ["61", "61.09", "61.09.01"].map(String::from).to_vec(),
        "att_id" => vec!["a".repeat(32)],
        "date" => vec!["2027-01-01".into()],
        _ => return None,
    })
}

/// Values for each query parameter by name (`None`: unknown, fail).
fn query_values(name: &str, categories: &[i64], agencies: &[i64]) -> Option<Vec<String>> {
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    Some(match name {
        "q" => s(&[SECRET_WORD, UNVERIFIED_WORD, NAME, PHONE, EMAIL, "Kalimatpelapor", LETTER_NAME, CONTACT, "jembatan", "pungutan liar"]),
        "kind" => s(&["pengaduan", "aspirasi", "permintaan_informasi"]),
        "category" | "service_code" => categories.iter().map(i64::to_string).collect(),
        "agency" => agencies.iter().map(i64::to_string).collect(),
        "province" => s(&["61"]),
        "regency" => s(&["61.09", "61.03"]),
        "district" => s(&["61.09.01"]),
        "region" => s(&["61", "61.09", "61.09.01"]),
        "status" => Status::ALL.iter().map(|x| x.as_str().to_string()).chain(s(&["open", "closed", "open,closed"])).collect(),
        "sort" => s(&["newest", "oldest", "updated", "deadline"]),
        "late" => s(&["true", "false"]),
        "channel" => Channel::ALL.iter().map(|c| c.as_str().to_string()).collect(),
        "user" => s(&["koordinator"]),
        "role" => s(&["coordinator", "agency_admin", "supervisor", "superadmin"]),
        "action" => domain::audit::AuditAction::ALL.iter().map(|a| a.as_str().to_string()).collect(),
        "report" => s(&["1234-5678-9012"]),
        "from" | "to" => s(&["2026-01-01"]),
        "after" => s(&["99999999999.999999", "0.0"]),
        "limit" | "page_size" => s(&["50"]),
        "page" => s(&["1"]),
        "year" => s(&["2026", "2027"]),
        "start_date" => s(&["2000-01-01"]),
        "end_date" => s(&["2100-01-01"]),
        _ => return None,
    })
}

fn encode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() || b == b'.' { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

/// Parameters of a GET operation: (name, in).
fn parameters(item: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for list in [&item["parameters"], &item["get"]["parameters"]] {
        for p in list.as_array().into_iter().flatten() {
            out.push((p["name"].as_str().unwrap().to_string(), p["in"].as_str().unwrap().to_string()));
        }
    }
    out
}

fn assert_clean(target: &str, body: &str, p: &Planted) {
    for s in &p.secrets {
        assert!(!body.contains(s.as_str()), "GET {target} shows {s:?}: {body}");
    }
    for n in p.hidden_numbers.iter().filter(|n| !target.contains(n.as_str())) {
        assert!(!body.contains(n.as_str()), "GET {target} shows the hidden report {n}: {body}");
    }
}

#[tokio::test]
async fn planted_identity_and_hidden_reports_appear_in_no_public_answer() {
    // Many lookups of hidden numbers: a limit this test does not reach.
    let app = spawn_with(|c| c.lookup_miss_limit = RateLimit { count: 100_000, window_secs: 600 }).await;
    let agencies = app.state.db.agencies().await.unwrap();
    let pupr = agencies.iter().find(|a| a.region_code == "61.09" && a.name.contains("Pekerjaan Umum")).expect("demo PUPR Sekadau").id;
    let p = plant_all(&app, pupr).await;
    let categories: Vec<i64> = app.state.db.categories().await.unwrap().iter().map(|c| c.id).collect();
    let agency_ids: Vec<i64> = agencies.iter().map(|a| a.id).collect();

    let (status, doc) = app.get(&client(), "/api/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    let paths = doc["paths"].as_object().unwrap();
    let mut calls = 0;
    let mut public_paths = Vec::new();
    let mut session_paths = Vec::new();
    let mut seen_public_report = false;
    let mut seen_letter = false;
    for (path, item) in paths {
        if item.get("get").is_none() {
            continue;
        }
        let params = parameters(item);
        // Every URL to call: each path parameter value, and for the query
        // each parameter value alone plus all parameters at once.
        let mut urls = vec![path.clone()];
        let mut query: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (name, place) in &params {
            match place.as_str() {
                "path" => {
                    let values = path_values(path, name, &p)
                        .unwrap_or_else(|| panic!("GET {path}: no values for the path parameter {name:?}; teach privacy.rs"));
                    urls = urls
                        .iter()
                        .flat_map(|u| values.iter().map(move |v| u.replace(&format!("{{{name}}}"), &encode(v))))
                        .collect();
                }
                "query" => {
                    let values = query_values(name, &categories, &agency_ids)
                        .unwrap_or_else(|| panic!("GET {path}: no values for the query parameter {name:?}; teach privacy.rs"));
                    query.insert(name.clone(), values);
                }
                other => panic!("GET {path}: parameter {name:?} in {other}; teach privacy.rs"),
            }
        }
        let mut queries = vec![String::new()];
        for (name, values) in &query {
            queries.extend(values.iter().map(|v| format!("?{name}={}", encode(v))));
        }
        if query.len() > 1 {
            let all: Vec<String> = query.iter().map(|(n, v)| format!("{n}={}", encode(&v[0]))).collect();
            queries.push(format!("?{}", all.join("&")));
        }
        let mut needs_session = false;
        for url in &urls {
            for q in &queries {
                let target = format!("{url}{q}");
                let (status, body) = app.get_text(&client(), &target).await;
                calls += 1;
                assert!(status.as_u16() < 500, "GET {target}: {status} {body}");
                if status == StatusCode::UNAUTHORIZED {
                    needs_session = true;
                    continue;
                }
                assert_ne!(status, StatusCode::TOO_MANY_REQUESTS, "GET {target}: raise the lookup limit for this test");
                assert_clean(&target, &body, &p);
                seen_public_report |= body.contains(&p.public_number);
                // In a list, not only on its own page.
                seen_letter |= !target.contains(p.letter_number.as_str()) && body.contains(&p.letter_number);
            }
        }
        if needs_session {
            session_paths.push(path.clone());
        } else {
            public_paths.push(path.clone());
        }
    }
    for path in &session_paths {
        assert!(path.starts_with("/api/v1/admin/") || path == "/api/v1/auth/me", "{path} answered 401 without a session");
    }
    for must in ["/api/v1/public/reports", "/api/v1/public/reports/{number}", "/open311/v2/requests.json", "/open311/v2/requests/{id}.json", "/api/v1/track/{number}"] {
        assert!(public_paths.iter().any(|p| p == must), "{must} was not called as a public path: {public_paths:?}");
    }
    assert!(seen_public_report, "the planted public report was never shown: the test would prove nothing");
    assert!(seen_letter, "the entered letter was never listed: the test would prove nothing");
    assert!(calls > 100, "{calls} calls");

    // A search for the letter writer's name or address finds no report.
    for q in [LETTER_NAME, CONTACT, "Rahasiawati", "Kenari"] {
        let target = format!("/api/v1/public/reports?q={}", encode(q));
        let (status, body) = app.get_text(&client(), &target).await;
        assert_eq!(status, StatusCode::OK, "GET {target}: {body}");
        assert!(!body.contains(&p.letter_number), "GET {target} finds the letter by its reporter: {body}");
    }

    // The coordinator does see the identity (the planted values are real)...
    let coordinator = app.login("koordinator").await;
    let (_, text) = app.get_text(&coordinator, &format!("/api/v1/admin/reports/{}", p.public_id)).await;
    assert!(text.contains(NAME) && text.contains(PHONE) && text.contains(EMAIL), "{text}");
    let (_, letter) = app.get(&coordinator, &format!("/api/v1/admin/reports/{}", p.letter_id)).await;
    assert_eq!((letter["reporter"]["name"].as_str(), letter["reporter"]["contact"].as_str()), (Some(LETTER_NAME), Some(CONTACT)), "{letter}");
    // ...the agency and the supervisor never do.
    let identity = [NAME, PHONE, EMAIL, LETTER_NAME, CONTACT];
    for user in ["sekadau-pupr", "pengawas"] {
        let c = app.login(user).await;
        let (status, list) = app.get_text(&c, "/api/v1/admin/reports").await;
        assert_eq!(status, StatusCode::OK, "{user}");
        for n in [&p.public_number, &p.letter_number] {
            assert!(list.contains(n.as_str()), "{user} does not see {n}: the check would prove nothing");
        }
        for s in identity {
            assert!(!list.contains(s), "{user}'s list shows {s}");
        }
        for id in [p.public_id, p.letter_id] {
            let (status, detail) = app.get_text(&c, &format!("/api/v1/admin/reports/{id}")).await;
            assert_eq!(status, StatusCode::OK, "{user}: {detail}");
            for s in identity {
                assert!(!detail.contains(s), "{user}'s detail shows {s}: {detail}");
            }
        }
    }
}
