//! Accounts managed in the console: a temporary password opens one session,
//! which can do nothing but change it; a deactivated account's open session
//! is refused on its next request; a coordinator manages only the agency
//! admins of its region; every change is audited with before and after.

mod common;

use common::{client, spawn, TestApp};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

async fn sign_in(app: &TestApp, username: &str, password: &str) -> (StatusCode, Value, Client) {
    let c = client();
    let (status, body) = app.post(&c, "/api/v1/auth/login", &json!({"username": username, "password": password})).await;
    (status, body, c)
}

async fn agency_of(app: &TestApp, admin: &str) -> i64 {
    app.me(&app.login(admin).await).await["agency_id"].as_i64().unwrap()
}

#[tokio::test]
async fn a_temporary_password_opens_one_session_that_must_change_it() {
    let app = spawn().await;
    let root = app.login("superadmin").await;
    let pupr = agency_of(&app, "sekadau-pupr").await;
    let form = json!({"username": "operator-pupr", "display_name": "Operator PUPR Sekadau", "role": "agency_admin", "agency_id": pupr});
    let (status, made) = app.post(&root, "/api/v1/admin/users", &form).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let temp = made["password"].as_str().unwrap().to_string();
    assert_eq!(temp.len(), 12);
    assert_eq!(made["account"]["must_change_password"], true);
    assert_eq!(made["account"]["agency"]["id"], pupr);
    let (status, body) = app.post(&root, "/api/v1/admin/users", &form).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["username"][0]["code"], "name_taken");

    let (status, me, op) = sign_in(&app, "operator-pupr", &temp).await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["must_change_password"], true);
    let (status, body) = app.get(&op, "/api/v1/admin/reports").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "nothing but changing it: {body}");
    // The temporary password has opened its one session.
    let (status, body, _) = sign_in(&app, "operator-pupr", &temp).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(body["message"].as_str().unwrap().contains("sudah dipakai"), "{body}");

    let (status, body) = app.post(&op, "/api/v1/auth/password", &json!({"old_password": temp, "new_password": "sandi-pilihan-sendiri"})).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    assert_eq!(app.me(&op).await["must_change_password"], false);
    let (status, _) = app.get(&op, "/api/v1/admin/reports").await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, _) = sign_in(&app, "operator-pupr", "sandi-pilihan-sendiri").await;
    assert_eq!(status, StatusCode::OK);

    // A reset: a new temporary password, the old sessions ended.
    let id = made["account"]["id"].as_i64().unwrap();
    let (status, reset) = app.post(&root, &format!("/api/v1/admin/users/{id}/password"), &json!({})).await;
    assert_eq!(status, StatusCode::OK, "{reset}");
    assert_eq!(app.get(&op, "/api/v1/auth/me").await.0, StatusCode::UNAUTHORIZED);
    let (status, _, _) = sign_in(&app, "operator-pupr", "sandi-pilihan-sendiri").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, me, _) = sign_in(&app, "operator-pupr", reset["password"].as_str().unwrap()).await;
    assert_eq!((status, me["must_change_password"].clone()), (StatusCode::OK, json!(true)));
}

#[tokio::test]
async fn a_deactivated_accounts_open_session_is_refused_on_its_next_request() {
    let app = spawn().await;
    let root = app.login("superadmin").await;
    let officer = app.login("sekadau-pupr").await;
    let (_, list) = app.get(&root, "/api/v1/admin/users?q=sekadau-pupr").await;
    let acc = list["items"].as_array().unwrap().iter().find(|a| a["username"] == "sekadau-pupr").unwrap().clone();
    let id = acc["id"].as_i64().unwrap();
    let mut form = json!({"display_name": acc["display_name"], "role": "agency_admin", "agency_id": acc["agency"]["id"], "active": false});
    let (status, body) = app.put_json(&root, &format!("/api/v1/admin/users/{id}"), &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["active"], false);
    assert_eq!(app.get(&officer, "/api/v1/admin/reports").await.0, StatusCode::UNAUTHORIZED);
    let (status, body, _) = sign_in(&app, "sekadau-pupr", "lapor-demo").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(body["message"].as_str().unwrap().contains("dinonaktifkan"), "{body}");

    form["active"] = json!(true);
    let (status, _) = app.put_json(&root, &format!("/api/v1/admin/users/{id}"), &form).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, _) = sign_in(&app, "sekadau-pupr", "lapor-demo").await;
    assert_eq!(status, StatusCode::OK);

    // On the audit log: who, and active before and after.
    let (_, log) = app.get(&root, "/api/v1/admin/audit?action=account_change").await;
    let first = log["items"].as_array().unwrap().last().unwrap();
    assert_eq!(first["username"], "superadmin");
    let changes = first["changes"].as_array().unwrap();
    assert!(changes.contains(&json!({"field": "account", "before": "sekadau-pupr", "after": "sekadau-pupr"})), "{first}");
    assert!(changes.contains(&json!({"field": "active", "before": "true", "after": "false"})), "{first}");
    assert!(changes.iter().any(|c| c["field"] == "sessions" && c["before"] == "1"), "{first}");

    // A superadmin cannot lock itself out.
    let (_, me) = app.get(&root, "/api/v1/admin/users?q=superadmin").await;
    let own = me["items"][0]["id"].as_i64().unwrap();
    let (status, _) = app
        .put_json(&root, &format!("/api/v1/admin/users/{own}"), &json!({"display_name": "Superadmin", "role": "superadmin", "active": false}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_coordinator_manages_only_its_regions_agency_admins() {
    let app = spawn().await;
    let sanggau = app.login("koordinator-sanggau").await;
    let (sanggau_pupr, sekadau_pupr) = (agency_of(&app, "sanggau-pupr").await, agency_of(&app, "sekadau-pupr").await);
    let new = |username: &str, role: &str, agency: Option<i64>| json!({"username": username, "display_name": "Akun baru", "role": role, "agency_id": agency});

    let (status, _) = app.post(&sanggau, "/api/v1/admin/users", &new("raja", "superadmin", None)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a coordinator cannot make a superadmin");
    let (status, _) = app.post(&sanggau, "/api/v1/admin/users", &new("koord-2", "coordinator", None)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app.post(&sanggau, "/api/v1/admin/users", &new("sekadau-2", "agency_admin", Some(sekadau_pupr))).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "another regency's agency");
    let (status, made) = app.post(&sanggau, "/api/v1/admin/users", &new("sanggau-pupr-2", "agency_admin", Some(sanggau_pupr))).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");

    let (_, list) = app.get(&sanggau, "/api/v1/admin/users").await;
    let items = list["items"].as_array().unwrap();
    assert!(items.iter().any(|a| a["username"] == "sanggau-pupr-2"));
    assert!(items.iter().all(|a| a["role"] == "agency_admin"), "{items:?}");
    assert!(!items.iter().any(|a| a["username"] == "sekadau-pupr"), "{items:?}");

    let (_, all) = app.get(&app.login("superadmin").await, "/api/v1/admin/users?q=sekadau-pupr").await;
    let other = all["items"][0]["id"].as_i64().unwrap();
    let (status, _) = app.post(&sanggau, &format!("/api/v1/admin/users/{other}/password"), &json!({})).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "another region's account is as missing as none");
    let mine = made["account"]["id"].as_i64().unwrap();
    // Nor can it move its own region's account to another region's agency, or promote it.
    let (status, _) = app
        .put_json(&sanggau, &format!("/api/v1/admin/users/{mine}"), &json!({"display_name": "x", "role": "agency_admin", "agency_id": sekadau_pupr, "active": true}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app
        .put_json(&sanggau, &format!("/api/v1/admin/users/{mine}"), &json!({"display_name": "x", "role": "coordinator", "active": true}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app.get(&app.login("pengawas").await, "/api/v1/admin/users").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
