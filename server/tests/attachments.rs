//! Attachments: upload by content, metadata stripping, a random id and
//! token per upload over files stored once by content hash, claiming
//! uploads for reports, authorized downloads and the orphan cleanup.

mod common;

use common::{claim, client, contains, jpeg_with_exif, key, pdf, report, spawn, TestApp};
use lapor_server::db::Table;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn files_under(dir: &std::path::Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .map(|e| e.unwrap().path())
        .map(|p| if p.is_dir() { files_under(&p) } else { 1 })
        .sum()
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
    let token = att["token"].as_str().unwrap();
    assert!(lapor_server::storage::is_valid_id(token) && token != id, "a token of its own: {att}");

    let stored = std::fs::read(app.stored_path(&id).await).expect("stored under ab/cd/<hash>");
    assert_eq!(att["size"].as_u64().unwrap(), stored.len() as u64);
    assert!(stored.len() < jpeg.len());
    for needle in [&b"Exif"[..], b"GPS", b"xmpmeta", b"rumah pelapor"] {
        assert!(!contains(&stored, needle), "{} left in the stored file", String::from_utf8_lossy(needle));
    }
    assert_eq!(&stored[..2], &[0xFF, 0xD8]);
    assert_eq!(&stored[stored.len() - 2..], &[0xFF, 0xD9]);
    assert_eq!(jpeg_decoder::Decoder::new(&stored[..]).decode().unwrap().len(), 16 * 16 * 3, "still a 16×16 picture");
    let hash = sha256_hex(&stored);
    assert_eq!(app.content_hash(&id).await, hash, "the file is named by the hash of the stored bytes");
    assert_ne!(id, hash, "the id is not the hash");

    // The same photo again: 201 with a new id (nothing tells that it was
    // sent before), still one file on disk.
    let (status, again) = app.upload(jpeg).await;
    assert_eq!(status, StatusCode::CREATED);
    let id2 = again["id"].as_str().unwrap().to_string();
    assert_ne!(id2, id);
    assert_ne!(id2, hash);
    assert_ne!(again["token"], att["token"]);
    assert_eq!((&again["kind"], &again["mime"], &again["size"]), (&att["kind"], &att["mime"], &att["size"]));
    assert_eq!(app.content_hash(&id2).await, hash);
    assert_eq!(files_under(&app.dir.path().join("data/attachments")), 1);
    assert_eq!(app.state.db.count(Table::Attachments).await.unwrap(), 2);

    // Both are downloadable, as the same bytes.
    let mut r = report();
    r["attachments"] = json!([claim(&att), claim(&again)]);
    let receipt = app.submit(&r).await;
    let code = receipt["access_code"].as_str().unwrap();
    for id in [&id, &id2] {
        let res = app.tracked_download(&receipt, code, id).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(&res.bytes().await.unwrap()[..], &stored[..]);
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

#[tokio::test]
async fn knowing_a_file_does_not_tell_whether_it_was_uploaded() {
    let app = spawn().await;
    // Someone uploads a document and reports with it.
    let doc = pdf(1500);
    let (status, att) = app.upload(doc.clone()).await;
    assert_eq!(status, StatusCode::CREATED);
    let hash = sha256_hex(&doc);
    assert_eq!(app.content_hash(att["id"].as_str().unwrap()).await, hash, "a PDF is stored as sent");

    // Someone else holding the same document: its hash is not an id, linked
    // or not, in any letter case (not even with the upload's own token).
    for linked in [false, true] {
        for probe in [hash.clone(), hash.to_uppercase()] {
            let mut r = report();
            r["attachments"] = json!([{"id": probe, "token": att["token"]}]);
            let (status, body) = app.post(&client(), "/api/v1/reports", &r).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "linked: {linked}");
            assert_eq!(body["fields"]["attachments"][0]["code"], "unknown_attachment", "{body}");
        }
        if !linked {
            let mut r = report();
            r["attachments"] = json!([claim(&att)]);
            app.submit(&r).await;
        }
    }
    // Uploading it answers exactly as for a file never seen.
    let (status, mine) = app.upload(doc).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_ne!(mine["id"], att["id"]);
    let (status, fresh) = app.upload(pdf(1501)).await;
    assert_eq!(status, StatusCode::CREATED);
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&mine), keys(&fresh));
}

#[tokio::test]
async fn an_upload_is_claimed_with_its_id_and_token_from_any_client() {
    let app = spawn().await;
    // Uploaded by one client (e.g. the phone's upload queue)…
    let uploader = client();
    let res = uploader.post(app.url("/api/v1/attachments")).body(pdf(1200)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let att: Value = res.json().await.unwrap();
    // …attached by another one that was told the id and the token.
    let mut r = report();
    r["attachments"] = json!([claim(&att)]);
    let (status, receipt) = app.post(&client(), "/api/v1/reports", &r).await;
    assert_eq!(status, StatusCode::CREATED, "{receipt}");
    let code = receipt["access_code"].as_str().unwrap();
    let res = app.tracked_download(&receipt, code, att["id"].as_str().unwrap()).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.bytes().await.unwrap().len(), 1200);
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
    let photo = app.upload_ok(jpeg_with_exif()).await;
    let doc = app.upload_ok(pdf(2000)).await;
    let ids = vec![doc["id"].as_str().unwrap().to_string(), photo["id"].as_str().unwrap().to_string()];
    let mut r = report();
    // An id in upper case and a duplicate are accepted and folded.
    r["attachments"] = json!([{"id": ids[0].to_uppercase(), "token": doc["token"]}, claim(&photo), claim(&doc)]);
    (app.submit(&r).await, ids)
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

    let res = app.tracked_download(&receipt, code, &ids[1]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let h = res.headers().clone();
    assert_eq!(h["content-type"], "image/jpeg");
    assert!(h["content-disposition"].to_str().unwrap().starts_with("inline"));
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["cache-control"], "no-store");
    let bytes = res.bytes().await.unwrap();
    assert_eq!(&bytes[..], &std::fs::read(app.stored_path(&ids[1]).await).unwrap()[..]);
    assert!(!contains(&bytes, b"Exif"));

    // A wrong code, another report's credentials, an id not of this report: the same 404.
    let wrong = if code.starts_with('A') { "BBBBBBBBBB" } else { "AAAAAAAAAA" };
    let other = app.submit(&report()).await;
    let (_, stranger) = app.upload(pdf(3000)).await;
    for res in [
        app.tracked_download(&receipt, wrong, &ids[1]).await,
        app.tracked_download(&other, other["access_code"].as_str().unwrap(), &ids[1]).await,
        app.tracked_download(&receipt, code, stranger["id"].as_str().unwrap()).await,
        app.tracked_download(&receipt, code, "..%2F..%2Flapor.db").await,
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

    let res = app.admin_download(&coord, id, &ids[0]).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert_eq!(res.headers()["cache-control"], "no-store");
    assert_eq!(res.bytes().await.unwrap().len(), 2000);

    assert_eq!(app.admin_download(&client(), id, &ids[0]).await.status(), StatusCode::UNAUTHORIZED);

    let pupr = app.login("sekadau-pupr").await;
    let dinkes = app.login("sekadau-dinkes").await;
    // Not yet disposed to any agency.
    assert_eq!(app.admin_download(&pupr, id, &ids[0]).await.status(), StatusCode::NOT_FOUND);
    let agency_id = app.me(&pupr).await["agency_id"].as_i64().unwrap();
    let (status, _) = app.act(&coord, id, json!({"action": "dispatch", "agency_id": agency_id, "category_id": 8})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(app.admin_download(&pupr, id, &ids[1]).await.status(), StatusCode::OK);
    assert_eq!(app.admin_download(&dinkes, id, &ids[1]).await.status(), StatusCode::NOT_FOUND, "another agency");
    let supervisor = app.login("pengawas").await;
    assert_eq!(app.admin_download(&supervisor, id, &ids[1]).await.status(), StatusCode::NOT_FOUND, "no files");

    // An attachment of another report, through this report: 404.
    let other_photo = app.upload_ok(pdf(4000)).await;
    let mut r = report();
    r["attachments"] = json!([claim(&other_photo)]);
    app.submit(&r).await;
    let res = app.admin_download(&coord, id, other_photo["id"].as_str().unwrap()).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn only_uploaded_attachments_can_be_attached() {
    let app = spawn().await;
    let before = app.state.db.count(Table::Reports).await.unwrap();
    let att = app.upload_ok(pdf(1000)).await;
    let token = &att["token"];
    for claims in [
        json!([{"id": "0".repeat(64), "token": token}]),
        json!([claim(&att), {"id": "bukan-id", "token": token}]),
        json!([{"id": "../../etc/passwd", "token": token}]),
        json!([{"id": att["id"], "token": ""}]),
        json!([{"id": att["id"], "token": "x".repeat(201)}]),
    ] {
        let mut r = report();
        r["attachments"] = claims;
        r["idempotency_key"] = json!(key(1));
        let (status, body) = app.post(&client(), "/api/v1/reports", &r).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["fields"]["attachments"][0]["code"], "unknown_attachment", "{body}");
    }
    let mut r = report();
    r["attachments"] = json!(vec![claim(&att); 6]);
    let (status, body) = app.post(&client(), "/api/v1/reports", &r).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["attachments"][0], json!({"code": "too_many_files", "max": 5}));
    assert_eq!(app.state.db.count(Table::Reports).await.unwrap(), before, "nothing stored");

    // The failed tries used up neither the key nor the upload.
    let mut r = report();
    r["attachments"] = json!([claim(&att)]);
    r["idempotency_key"] = json!(key(1));
    app.submit(&r).await;
}

#[tokio::test]
async fn uploads_no_report_used_are_deleted_after_six_hours() {
    let app = spawn().await;
    let (_, old) = app.upload(pdf(1000)).await;
    let (_, linked) = app.upload(pdf(1001)).await;
    let (_, fresh) = app.upload(pdf(1002)).await;
    // The same content as an old orphan, uploaded again recently: the file stays.
    let (_, shared_old) = app.upload(pdf(1003)).await;
    let (_, shared_fresh) = app.upload(pdf(1003)).await;
    // The same content as a linked one, uploaded again and never used.
    let (_, linked_twin) = app.upload(pdf(1001)).await;
    let mut r = report();
    r["attachments"] = json!([claim(&linked)]);
    app.submit(&r).await;
    let id = |a: &Value| a["id"].as_str().unwrap().to_string();
    let now = lapor_server::now();
    for a in [&old, &linked, &shared_old, &linked_twin] {
        app.state.db.set_attachment_created_at(&id(a), now - 6 * 3600 - 60).await.unwrap();
    }
    // Five hours old: a slow phone may still be uploading the rest of its files.
    app.state.db.set_attachment_created_at(&id(&fresh), now - 5 * 3600).await.unwrap();
    let old_file = app.stored_path(&id(&old)).await;
    let shared_file = app.stored_path(&id(&shared_old)).await;

    lapor_server::jobs::run_once(&app.state).await.unwrap();

    for gone in [&old, &shared_old, &linked_twin] {
        assert!(app.state.db.attachment(&id(gone)).await.unwrap().is_none());
    }
    assert!(!old_file.exists(), "file deleted with its last record");
    assert!(shared_file.exists(), "file kept for the record that still uses it");
    for kept in [&linked, &fresh, &shared_fresh] {
        assert!(app.state.db.attachment(&id(kept)).await.unwrap().is_some());
        assert!(app.stored_path(&id(kept)).await.exists());
    }
    assert_eq!(app.state.db.count(Table::Attachments).await.unwrap(), 3);
    assert_eq!(files_under(&app.dir.path().join("data/attachments")), 3);

    // Uploading the deleted content again brings the file back, under a new id.
    let (status, again) = app.upload(pdf(1000)).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_ne!(again["id"], old["id"]);
    assert_eq!(app.stored_path(&id(&again)).await, old_file);
    assert!(old_file.exists());
}

/// Uploads of one content racing the orphan cleanup (which here treats
/// every unused record as old): whatever the interleaving, a record that
/// remains always has its file.
#[tokio::test]
async fn the_cleanup_never_leaves_a_record_without_its_file() {
    let app = common::spawn_with(|c| c.upload_limit = "1000/600".parse().unwrap()).await;
    for round in 0..6 {
        let doc = pdf(900 + round);
        let mut tasks = Vec::new();
        for _ in 0..6 {
            let (base, doc) = (app.base.clone(), doc.clone());
            tasks.push(tokio::spawn(async move {
                let res = client().post(format!("{base}/api/v1/attachments")).body(doc).send().await.unwrap();
                assert_eq!(res.status(), StatusCode::CREATED);
            }));
        }
        for _ in 0..3 {
            let state = app.state.clone();
            tasks.push(tokio::spawn(async move {
                lapor_server::jobs::delete_orphan_attachments(&state, lapor_server::now() + 3600).await.unwrap();
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        let remaining = app.state.db.orphan_attachments(i64::MAX).await.unwrap();
        for id in &remaining {
            assert!(app.stored_path(id).await.exists(), "round {round}: record {id} without its file");
        }
    }
    lapor_server::jobs::delete_orphan_attachments(&app.state, lapor_server::now() + 3600).await.unwrap();
    assert_eq!(app.state.db.count(Table::Attachments).await.unwrap(), 0);
    assert_eq!(files_under(&app.dir.path().join("data/attachments")), 0, "no file left without a record");
}

/// The ordering the race-safety rests on: while the cleanup deletes the
/// last file of a content hash, an upload of that content waits (advisory
/// lock on PostgreSQL, the write lock on SQLite) and writes the file again
/// after the cleanup committed.
#[tokio::test]
async fn an_upload_during_the_file_deletion_waits_and_writes_the_file_again() {
    let app = spawn().await;
    let doc = pdf(1700);
    let (_, old) = app.upload(doc.clone()).await;
    let old_id = old["id"].as_str().unwrap().to_string();
    let file = app.stored_path(&old_id).await;
    let before = lapor_server::now() + 3600;
    let (base, store) = (app.base.clone(), app.state.store.clone());
    let mut upload = None;
    let deleted = app
        .state
        .db
        .delete_orphan_attachment(&old_id, before, |hash| {
            let upload = &mut upload;
            async move {
                let task = tokio::spawn(async move {
                    let res = client().post(format!("{base}/api/v1/attachments")).body(doc).send().await.unwrap();
                    assert_eq!(res.status(), StatusCode::CREATED);
                    res.json::<Value>().await.unwrap()
                });
                tokio::time::sleep(std::time::Duration::from_millis(500)).await;
                assert!(!task.is_finished(), "the upload waits for the cleanup's commit");
                store.delete(&hash).await?;
                *upload = Some(task);
                Ok(())
            }
        })
        .await
        .unwrap();
    assert!(deleted);
    let new = upload.expect("the file was deleted").await.unwrap();
    assert_ne!(new["id"], old["id"]);
    assert!(app.state.db.attachment(&old_id).await.unwrap().is_none());
    assert_eq!(app.stored_path(new["id"].as_str().unwrap()).await, file);
    assert!(file.exists(), "written again after the deletion");
}
