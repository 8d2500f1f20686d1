//! Agencies managed in the console: created with a team (a liaison and an
//! operator), the operator's follow-up held as a draft until the liaison
//! approves it (or returns it), a coordinator limited to its region's
//! agencies, an inactive agency given no new reports; all audited.

mod common;

use common::{client, report, spawn, TestApp};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

/// A new team member, signed in with their own password.
async fn member(app: &TestApp, root: &Client, username: &str, agency: i64, team_role: &str) -> Client {
    let form = json!({"username": username, "display_name": format!("{username} Dishub"), "role": "agency_admin", "agency_id": agency, "team_role": team_role});
    let (status, made) = app.post(root, "/api/v1/admin/users", &form).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    assert_eq!(made["account"]["team_role"], team_role);
    let c = client();
    let temp = made["password"].as_str().unwrap();
    app.post(&c, "/api/v1/auth/login", &json!({"username": username, "password": temp})).await;
    let (status, _) = app.post(&c, "/api/v1/auth/password", &json!({"old_password": temp, "new_password": "sandi-dishub-sendiri"})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    c
}

async fn tracked(app: &TestApp, receipt: &Value) -> Value {
    let body = json!({"tracking_number": receipt["tracking_number"], "access_code": receipt["access_code"]});
    app.post(&client(), "/api/v1/track", &body).await.1
}

#[tokio::test]
async fn an_operators_follow_up_reaches_the_reporter_only_once_the_liaison_approves_it() {
    let app = spawn().await;
    let root = app.login("superadmin").await;
    let form = json!({"name": "Dinas Perhubungan Kabupaten Sekadau", "level": "kabupaten", "region_code": "61.09", "category_ids": [1, 8], "review_followups": true});
    let (status, made) = app.post(&root, "/api/v1/admin/agencies", &form).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    assert_eq!((made["region"]["code"].clone(), made["active"].clone(), made["open"].clone()), (json!("61.09"), json!(true), json!(0)));
    let agency = made["id"].as_i64().unwrap();
    let liaison = member(&app, &root, "penghubung-dishub", agency, "liaison").await;
    let operator = member(&app, &root, "operator-dishub", agency, "operator").await;

    let coord = app.login("koordinator").await;
    let receipt = app.submit(&report()).await;
    let id = app.admin_id(&coord, receipt["tracking_number"].as_str().unwrap()).await;
    let (status, body) = app.act(&coord, id, json!({"action": "dispatch", "agency_id": agency, "category_id": 8})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, list) = app.get(&root, "/api/v1/admin/agencies").await;
    let ours = list.as_array().unwrap().iter().find(|a| a["id"] == agency).unwrap().clone();
    assert_eq!(ours["open"], 1, "{ours}");
    assert_eq!(ours["team"].as_array().unwrap().len(), 2, "{ours}");

    // The operator's follow-up is a draft: the report does not move, the reporter sees nothing.
    let (status, detail) = app.act(&operator, id, json!({"action": "respond", "message": "Rambu sudah dipasang kembali."})).await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    assert_eq!(detail["report"]["status"], "dispatched");
    assert_eq!(detail["drafts_only"], true);
    assert_eq!(detail["drafts"][0]["state"], "pending", "{detail}");
    assert!(!tracked(&app, &receipt).await.to_string().contains("Rambu sudah dipasang"));
    let (status, body) = app.act(&operator, id, json!({"action": "respond", "message": "Dengan foto", "attachments": [{"id": "a".repeat(32), "token": "b".repeat(32)}]})).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let draft = detail["drafts"][0]["id"].as_i64().unwrap();
    let (status, _) = app.act(&operator, id, json!({"action": "return_draft", "draft_id": draft, "note": "x"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "an operator approves nothing");

    // Returned with a note, drafted again, approved with the liaison's edit.
    let (status, seen) = app.act(&liaison, id, json!({"action": "return_draft", "draft_id": draft, "note": "Sebutkan lokasi rambu."})).await;
    assert_eq!(status, StatusCode::OK, "{seen}");
    assert_eq!((seen["may_approve"].clone(), seen["drafts"][0]["state"].clone()), (json!(true), json!("returned")));
    assert_eq!(seen["drafts"][0]["decision_note"], "Sebutkan lokasi rambu.");
    let (_, detail) = app.act(&operator, id, json!({"action": "respond", "message": "Rambu di simpang Jalan Merdeka sudah dipasang kembali."})).await;
    let draft = detail["drafts"][0]["id"].as_i64().unwrap();
    let sent = "Rambu di simpang Jalan Merdeka sudah dipasang kembali pada 2 Desember.";
    let (status, done) = app.act(&liaison, id, json!({"action": "respond", "message": sent, "draft_id": draft})).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!((done["report"]["status"].clone(), done["drafts"][0]["state"].clone()), (json!("responded"), json!("approved")));
    let view = tracked(&app, &receipt).await;
    assert_eq!(view["status"], "responded");
    assert_eq!(view["timeline"].as_array().unwrap().last().unwrap()["message"], sent);
    assert!(!view.to_string().contains("Sebutkan lokasi"), "drafts and their notes stay inside: {view}");
    let (status, _) = app.act(&liaison, id, json!({"action": "return_draft", "draft_id": draft, "note": "lagi"})).await;
    assert_eq!(status, StatusCode::CONFLICT, "a decided draft stays decided");

    // On the audit log: the agency, each draft, the return and the approval.
    for (action, n) in [("agency_change", 1), ("followup_draft", 2), ("followup_return", 1), ("followup_approve", 1)] {
        let (_, log) = app.get(&root, &format!("/api/v1/admin/audit?action={action}")).await;
        assert_eq!(log["items"].as_array().unwrap().len(), n, "{action}: {log}");
    }
    let (_, log) = app.get(&root, "/api/v1/admin/audit?action=followup_approve").await;
    let changes = log["items"][0]["changes"].to_string();
    assert!(changes.contains("operator-dishub") && changes.contains(sent), "{changes}");

    // Deactivated: no new reports for it, and gone from the agency lists.
    let mut off = form.clone();
    off["active"] = json!(false);
    let (status, changed) = app.put_json(&root, &format!("/api/v1/admin/agencies/{agency}"), &off).await;
    assert_eq!((status, changed["active"].clone()), (StatusCode::OK, json!(false)));
    let other = app.admin_id(&coord, app.submit(&report()).await["tracking_number"].as_str().unwrap()).await;
    let (status, body) = app.act(&coord, other, json!({"action": "dispatch", "agency_id": agency, "category_id": 8})).await;
    assert_eq!((status, body["fields"]["agency_id"][0]["code"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("unknown_agency")));
    let (_, public) = app.get(&client(), "/api/v1/agencies").await;
    assert!(!public.as_array().unwrap().iter().any(|a| a["id"] == agency));
}

#[tokio::test]
async fn a_regional_coordinator_manages_only_its_regions_agencies() {
    let app = spawn().await;
    let sekadau = app.login("koordinator-sekadau").await;
    let (_, list) = app.get(&sekadau, "/api/v1/admin/agencies").await;
    let list = list.as_array().unwrap();
    assert!(!list.is_empty());
    assert!(list.iter().all(|a| a["region"]["code"].as_str().is_some_and(|c| c.starts_with("61.09"))), "{list:?}");
    let form = |code: &str, level: &str| json!({"name": "Dinas Sosial", "level": level, "region_code": code, "category_ids": [1]});
    let (status, body) = app.post(&sekadau, "/api/v1/admin/agencies", &form("61.03", "kabupaten")).await;
    assert_eq!((status, body["fields"]["region_code"][0]["code"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("outside_jurisdiction")));
    let (_, body) = app.post(&sekadau, "/api/v1/admin/agencies", &form("61.09", "provinsi")).await;
    assert_eq!(body["fields"]["region_code"][0]["code"], "region_mismatch", "{body}");
    let (_, body) = app.post(&sekadau, "/api/v1/admin/agencies", &form("61.09.99", "kecamatan")).await;
    assert_eq!(body["fields"]["region_code"][0]["code"], "unknown_region", "{body}");
    let (status, made) = app.post(&sekadau, "/api/v1/admin/agencies", &form("61.09.01", "kecamatan")).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");

    // Another region's agency is a 404, as a missing one.
    let root = app.login("superadmin").await;
    let (_, all) = app.get(&root, "/api/v1/admin/agencies").await;
    let sanggau = all.as_array().unwrap().iter().find(|a| a["region"]["code"] == "61.03").unwrap()["id"].as_i64().unwrap();
    let (status, _) = app.put_json(&sekadau, &format!("/api/v1/admin/agencies/{sanggau}"), &form("61.09", "kabupaten")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&app.login("pengawas").await, "/api/v1/admin/agencies").await.0, StatusCode::FORBIDDEN);
}
