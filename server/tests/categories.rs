//! Categories managed by a superadmin: added, renamed, retired, never
//! deleted. A retired category is refused for new reports and new
//! classifications and gone from the public list of categories, while the
//! reports that have it keep it; every change is on the audit log.

mod common;

use common::{client, report, spawn};
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test]
async fn a_retired_category_is_refused_for_new_reports_but_old_reports_keep_it() {
    let app = spawn().await;
    let root = app.login("superadmin").await;
    let (status, made) = app.post(&root, "/api/v1/admin/categories", &json!({"name": "  Transportasi umum "})).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    assert_eq!((made["name"].clone(), made["reports"].clone(), made["retired"].clone()), (json!("Transportasi umum"), json!(0), json!(false)));
    let id = made["id"].as_i64().unwrap();
    let (status, body) = app.post(&root, "/api/v1/admin/categories", &json!({"name": "Transportasi umum"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["name"][0]["code"], "name_taken");

    // A citizen files a report under it.
    let (_, public) = app.get(&client(), "/api/v1/categories").await;
    assert!(public.as_array().unwrap().iter().any(|c| c["id"] == id));
    let mut r = report();
    r["category_id"] = json!(id);
    let receipt = app.submit(&r).await;
    let number = receipt["tracking_number"].as_str().unwrap().to_string();

    // Renamed and retired.
    let (status, after) = app.put_json(&root, &format!("/api/v1/admin/categories/{id}"), &json!({"name": "Angkutan umum", "retired": true})).await;
    assert_eq!(status, StatusCode::OK, "{after}");
    assert_eq!((after["name"].clone(), after["retired"].clone(), after["reports"].clone()), (json!("Angkutan umum"), json!(true), json!(1)));
    let (_, public) = app.get(&client(), "/api/v1/categories").await;
    assert!(!public.as_array().unwrap().iter().any(|c| c["id"] == id), "no longer offered: {public}");
    let (status, body) = app.post(&client(), "/api/v1/reports", &r).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["fields"]["category_id"][0]["code"], "unknown_category");

    // The old report keeps it, and may still be forwarded with it; another
    // report may not be classified into it.
    let coord = app.login("koordinator").await;
    let old = app.admin_id(&coord, &number).await;
    let (_, detail) = app.get(&coord, &format!("/api/v1/admin/reports/{old}")).await;
    assert_eq!(detail["report"]["category"]["name"], "Angkutan umum", "{detail}");
    let pupr = app.me(&app.login("sekadau-pupr").await).await["agency_id"].as_i64().unwrap();
    let (status, body) = app.act(&coord, old, json!({"action": "dispatch", "agency_id": pupr, "category_id": id})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let other = app.admin_id(&coord, app.submit(&report()).await["tracking_number"].as_str().unwrap()).await;
    let (status, body) = app.act(&coord, other, json!({"action": "classify", "category_id": id, "followup_class": "biasa"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");

    // Brought back; every change audited.
    let (status, back) = app.put_json(&root, &format!("/api/v1/admin/categories/{id}"), &json!({"name": "Angkutan umum", "retired": false})).await;
    assert_eq!((status, back["retired"].clone()), (StatusCode::OK, json!(false)));
    let (_, log) = app.get(&root, "/api/v1/admin/audit?action=category_change").await;
    let items: Vec<&Value> = log["items"].as_array().unwrap().iter().collect();
    assert_eq!(items.len(), 3, "{log}");
    let renamed = items[1]["changes"].as_array().unwrap();
    assert!(renamed.contains(&json!({"field": "category", "before": "Transportasi umum", "after": "Angkutan umum"})), "{renamed:?}");
    assert!(renamed.contains(&json!({"field": "active", "before": "true", "after": "false"})), "{renamed:?}");
    let (status, _) = app.get(&coord, "/api/v1/admin/categories").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
