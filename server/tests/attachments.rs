//! Attachments: upload by content, metadata stripping, storage by hash,
//! linking to reports, authorized downloads and the orphan cleanup.

mod common;

use common::{client, contains, jpeg_with_exif, report, spawn, TestApp};
use lapor_server::db::Table;
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

fn files_under(dir: &std::path::Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .map(|e| e.unwrap().path())
        .map(|p| if p.is_dir() { files_under(&p) } else { 1 })
        .sum()
}

fn pdf(size: usize) -> Vec<u8> {
    let mut b = b"%PDF-1.4\n% laporan\n".to_vec();
    b.resize(size, b'.');
    b
}

#[tokio::test]
async fn photos_lose_exif_and_the_same_content_is_stored_once() {
    let app = spawn().await;
    let jpeg = jpeg_with_exif();
    assert!(contains(&jpeg, b"Exif") && contains(&jpeg, b"GPS"));
    let (status, att) = app.upload(jpeg.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{att}");
    assert_eq!(att["kind"], "photo");
    assert_eq!(att["mime"], "image/jpeg");
    let id = att["id"].as_str().unwrap().to_string();
    assert_eq!(id.len(), 64);

    let stored = std::fs::read(app.stored_path(&id)).expect("stored under ab/cd/<hash>");
    assert_eq!(att["size"].as_u64().unwrap(), stored.len() as u64);
    assert!(stored.len() < jpeg.len());
    for needle in [&b"Exif"[..], b"GPS", b"xmpmeta", b"rumah pelapor"] {
        assert!(!contains(&stored, needle), "{} left in the stored file", String::from_utf8_lossy(needle));
    }
    assert_eq!(&stored[..2], &[0xFF, 0xD8]);
    assert_eq!(&stored[stored.len() - 2..], &[0xFF, 0xD9]);
    assert_eq!(jpeg_decoder::Decoder::new(&stored[..]).decode().unwrap().len(), 16 * 16 * 3, "still a 16×16 picture");
    use sha2::Digest;
    assert_eq!(hex::encode(sha2::Sha256::digest(&stored)), id, "named by the hash of the stored bytes");

    // The same photo again: same id, 200, still one file.
    let (status, again) = app.upload(jpeg).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again, att);
    assert_eq!(files_under(&app.dir.path().join("data/attachments")), 1);
    assert_eq!(app.state.db.count(Table::Attachments).await.unwrap(), 1);
}

#[tokio::test]
async fn files_are_judged_by_content_and_size() {
    let app = spawn().await;
    // A text file named foto.jpg and sent as image/jpeg is still text.
    let res = client()
        .post(app.url("/api/v1/attachments"))
        .header("content-type", "image/jpeg")
        .header("content-disposition", "attachment; filename=\"foto.jpg\"")
        .body("ini bukan foto, hanya teks biasa")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"], "validation");
    assert_eq!(body["fields"]["file"][0]["code"], "unsupported_file");

    for bad in [Vec::new(), b"MZ\x90\0executable".to_vec(), vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 3, 1, 2]] {
        let (status, body) = app.upload(bad).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["fields"]["file"][0]["code"], "unsupported_file", "{body}");
    }

    let (status, body) = app.upload(pdf(10 * 1024 * 1024 + 1)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["file"][0], json!({"code": "file_too_large", "max_mb": 10}));

    // Over the largest limit: still a 422 on the field, not a bare 413.
    let mut video = b"\0\0\0\x18ftypmp42\0\0\0\0".to_vec();
    video.resize(21 * 1024 * 1024, 0);
    let (status, body) = app.upload(video).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["file"][0], json!({"code": "file_too_large", "max_mb": 20}));

    let (status, att) = app.upload(pdf(10 * 1024 * 1024)).await;
    assert_eq!(status, StatusCode::CREATED, "{att}");
    assert_eq!(att["kind"], "pdf");
    assert_eq!(app.state.db.count(Table::Attachments).await.unwrap(), 1);
}

/// Uploads a photo and a PDF and submits a report with both (PDF first).
async fn report_with_attachments(app: &TestApp) -> (Value, Vec<String>) {
    let (_, photo) = app.upload(jpeg_with_exif()).await;
    let (_, doc) = app.upload(pdf(2000)).await;
    let ids = vec![doc["id"].as_str().unwrap().to_string(), photo["id"].as_str().unwrap().to_string()];
    let mut r = report();
    // Upper case and a duplicate are accepted and folded.
    r["attachments"] = json!([ids[0].to_uppercase(), ids[1], ids[0]]);
    (app.submit(&r).await, ids)
}

async fn tracked_download(app: &TestApp, receipt: &Value, code: &str, id: &str) -> reqwest::Response {
    client()
        .post(app.url(&format!("/api/v1/track/attachments/{id}")))
        .json(&json!({"tracking_number": receipt["tracking_number"], "access_code": code}))
        .send()
        .await
        .unwrap()
}

async fn admin_download(app: &TestApp, c: &Client, report_id: i64, id: &str) -> reqwest::Response {
    c.get(app.url(&format!("/api/v1/admin/reports/{report_id}/attachments/{id}"))).send().await.unwrap()
}

#[tokio::test]
async fn the_reporter_sees_and_downloads_the_attachments() {
    let app = spawn().await;
    let (receipt, ids) = report_with_attachments(&app).await;
    let code = receipt["access_code"].as_str().unwrap();
    let (status, view) = app
        .post(&client(), "/api/v1/track", &json!({"tracking_number": receipt["tracking_number"], "access_code": code}))
        .await;
    assert_eq!(status, StatusCode::OK);
    let listed: Vec<&str> = view["attachments"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(listed, ids, "in the order given, duplicates folded");
    assert_eq!(view["attachments"][0]["mime"], "application/pdf");
    assert_eq!(view["attachments"][0]["size"], 2000);
    assert_eq!(view["attachments"][1]["kind"], "photo");

    let res = tracked_download(&app, &receipt, code, &ids[1]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let h = res.headers().clone();
    assert_eq!(h["content-type"], "image/jpeg");
    assert!(h["content-disposition"].to_str().unwrap().starts_with("inline"));
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["cache-control"], "private, max-age=3600");
    let bytes = res.bytes().await.unwrap();
    assert_eq!(&bytes[..], &std::fs::read(app.stored_path(&ids[1])).unwrap()[..]);
    assert!(!contains(&bytes, b"Exif"));

    // A wrong code, another report's credentials, an id not of this report: the same 404.
    let wrong = if code.starts_with('A') { "BBBBBBBBBB" } else { "AAAAAAAAAA" };
    let other = app.submit(&report()).await;
    let (_, stranger) = app.upload(pdf(3000)).await;
    for res in [
        tracked_download(&app, &receipt, wrong, &ids[1]).await,
        tracked_download(&app, &other, other["access_code"].as_str().unwrap(), &ids[1]).await,
        tracked_download(&app, &receipt, code, stranger["id"].as_str().unwrap()).await,
        tracked_download(&app, &receipt, code, "..%2F..%2Flapor.db").await,
    ] {
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["message"], "Laporan tidak ditemukan. Periksa nomor pelacakan dan kode akses.");
    }
    // Never by GET and never without credentials.
    let res = client().get(app.url(&format!("/api/v1/track/attachments/{}", ids[1]))).send().await.unwrap();
    assert_ne!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn admins_download_only_within_their_scope() {
    let app = spawn().await;
    let (receipt, ids) = report_with_attachments(&app).await;
    let coord = app.login("koordinator").await;
    let id = app.admin_id(&coord, receipt["tracking_number"].as_str().unwrap()).await;

    let (_, detail) = app.get(&coord, &format!("/api/v1/admin/reports/{id}")).await;
    assert_eq!(detail["report"]["attachments"].as_array().unwrap().len(), 2);

    let res = admin_download(&app, &coord, id, &ids[0]).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert_eq!(res.headers()["cache-control"], "private, max-age=3600");
    assert_eq!(res.bytes().await.unwrap().len(), 2000);

    assert_eq!(admin_download(&app, &client(), id, &ids[0]).await.status(), StatusCode::UNAUTHORIZED);

    let pupr = app.login("sekadau-pupr").await;
    let dinkes = app.login("sekadau-dinkes").await;
    // Not yet disposed to any agency.
    assert_eq!(admin_download(&app, &pupr, id, &ids[0]).await.status(), StatusCode::NOT_FOUND);
    let agency_id = app.me(&pupr).await["agency_id"].as_i64().unwrap();
    let (status, _) = app.act(&coord, id, json!({"action": "dispatch", "agency_id": agency_id, "category_id": 8})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(admin_download(&app, &pupr, id, &ids[1]).await.status(), StatusCode::OK);
    assert_eq!(admin_download(&app, &dinkes, id, &ids[1]).await.status(), StatusCode::NOT_FOUND, "another agency");
    let supervisor = app.login("pengawas").await;
    assert_eq!(admin_download(&app, &supervisor, id, &ids[1]).await.status(), StatusCode::OK);

    // An attachment of another report, through this report: 404.
    let (_, other_photo) = app.upload(pdf(4000)).await;
    let mut r = report();
    r["attachments"] = json!([other_photo["id"]]);
    app.submit(&r).await;
    let res = admin_download(&app, &coord, id, other_photo["id"].as_str().unwrap()).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn only_uploaded_attachments_can_be_attached() {
    let app = spawn().await;
    let before = app.state.db.count(Table::Reports).await.unwrap();
    let (_, att) = app.upload(pdf(1000)).await;
    for ids in [
        json!(["0".repeat(64)]),
        json!([att["id"], "bukan-id"]),
        json!(["../../etc/passwd"]),
    ] {
        let mut r = report();
        r["attachments"] = ids;
        r["idempotency_key"] = json!("kunci-lampiran");
        let (status, body) = app.post(&client(), "/api/v1/reports", &r).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["fields"]["attachments"][0]["code"], "unknown_attachment", "{body}");
    }
    let mut r = report();
    r["attachments"] = json!(vec![att["id"].clone(); 6]);
    let (status, body) = app.post(&client(), "/api/v1/reports", &r).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["attachments"][0], json!({"code": "too_many_files", "max": 5}));
    assert_eq!(app.state.db.count(Table::Reports).await.unwrap(), before, "nothing stored");

    // The failed tries did not use up the key.
    let mut r = report();
    r["attachments"] = json!([att["id"]]);
    r["idempotency_key"] = json!("kunci-lampiran");
    app.submit(&r).await;
}

#[tokio::test]
async fn uploads_no_report_used_are_deleted_after_a_day() {
    let app = spawn().await;
    let (_, old) = app.upload(pdf(1000)).await;
    let (_, linked) = app.upload(pdf(1001)).await;
    let (_, fresh) = app.upload(pdf(1002)).await;
    let mut r = report();
    r["attachments"] = json!([linked["id"]]);
    app.submit(&r).await;
    let day_ago = lapor_server::now() - 25 * 3600;
    for a in [&old, &linked] {
        app.state.db.set_attachment_created_at(a["id"].as_str().unwrap(), day_ago).await.unwrap();
    }

    lapor_server::jobs::run_once(&app.state).await.unwrap();

    let id = |a: &Value| a["id"].as_str().unwrap().to_string();
    assert!(app.state.db.attachment(&id(&old)).await.unwrap().is_none());
    assert!(!app.stored_path(&id(&old)).exists(), "file deleted");
    for kept in [&linked, &fresh] {
        assert!(app.state.db.attachment(&id(kept)).await.unwrap().is_some());
        assert!(app.stored_path(&id(kept)).exists());
    }

    // Uploading the deleted content again brings it back.
    let (status, again) = app.upload(pdf(1000)).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(again["id"], old["id"]);
    assert!(app.stored_path(&id(&old)).exists());
}
