//! Uploading attachments, and downloading them with authorization (the
//! reporter with number + code, or an admin who may see the report).

use super::limits::{self, ClientAddr};
use crate::accounts::sha256_hex;
use crate::db::StoredAttachment;
use crate::error::{ApiJson, Error, Result};
use crate::AppState;
use anyhow::Context;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::api::{ApiErrorBody, TrackRequest};
use domain::attachments::{check_file, AttachmentRef, UploadedAttachment, MAX_VIDEO_BYTES};
use domain::FieldIssue;
use http_body_util::BodyExt;
use sha2::{Digest, Sha256};
use std::time::Duration;
use tokio::io::AsyncWriteExt;

/// Raw file bytes, for the OpenAPI document.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)]
pub struct FileBytes(Vec<u8>);

/// The most an upload body may be: the largest kind (video) plus a little.
pub const UPLOAD_BODY_MAX: u64 = MAX_VIDEO_BYTES + 64 * 1024;
/// How many uploads are cleaned at once on this instance. Cleaning reads a
/// whole file into memory (a PDF can take many times its size), so this
/// bounds that memory: two 20 MB videos, not forty.
static CLEANING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);
/// Enough of the start of a file to recognise it.
const HEAD: usize = 16;
/// How long an upload waits for room among the bytes being received
/// (`--upload-receiving-mb`) before it is answered 503.
const RECEIVE_WAIT: Duration = Duration::from_secs(10);
/// `Retry-After` of that 503: a 20 MB video takes about that long on 4G.
const RECEIVE_RETRY_SECS: i64 = 30;
/// A body that sends nothing for this long is dropped (a phone that lost
/// its signal sends the file again from its outbox).
const RECEIVE_IDLE: Duration = Duration::from_secs(60);
/// The slowest a body may arrive on average, after the first minute: 4 KiB/s
/// (32 kbit/s, the worst of 2G/EDGE) gives a 300 KB photo 2 min 15 s and a
/// 20 MB video 85 minutes, and keeps a trickle from holding its room forever.
const RECEIVE_MIN_RATE: u64 = 4 * 1024;

fn file_issue(issue: FieldIssue) -> Error {
    Error::field("file", issue)
}

/// A body over the limit: the answer the client shows on the file field.
fn too_large(head: &[u8], size: u64) -> Error {
    match check_file(head, size) {
        Err(issue) => file_issue(issue),
        Ok(_) => file_issue(FieldIssue::FileTooLarge { max_mb: MAX_VIDEO_BYTES / (1024 * 1024) }),
    }
}

fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers.get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok())
}

/// The next piece of the body; `None` at its end. An error when the client
/// broke off, sent nothing for `RECEIVE_IDLE`, or missed `deadline`.
async fn next_data(body: &mut Body, deadline: tokio::time::Instant) -> Result<Option<axum::body::Bytes>> {
    loop {
        let until = deadline.min(tokio::time::Instant::now() + RECEIVE_IDLE);
        let frame = match tokio::time::timeout_at(until, body.frame()).await {
            Err(_) => return Err(Error::BadInput("berkas terkirim terlalu lambat; kirim lagi".into())),
            Ok(None) => return Ok(None),
            Ok(Some(frame)) => frame.map_err(|e| Error::BadInput(format!("berkas tidak terkirim utuh: {e}")))?,
        };
        if let Ok(data) = frame.into_data() {
            return Ok(Some(data));
        }
    }
}

/// An upload received whole: its first bytes (to recognise it), its length,
/// and the temporary file holding it.
struct Received {
    head: Vec<u8>,
    len: u64,
    file: std::fs::File,
}

/// Keeps the first `HEAD` bytes of a body as its pieces arrive.
fn keep_head(head: &mut Vec<u8>, data: &[u8]) {
    head.extend_from_slice(&data[..data.len().min(HEAD.saturating_sub(head.len()))]);
}

/// The time a body of `bytes` may take to arrive.
fn receive_deadline(bytes: u64) -> tokio::time::Instant {
    tokio::time::Instant::now() + RECEIVE_IDLE + Duration::from_secs(bytes / RECEIVE_MIN_RATE)
}

/// The answer to a body announced as larger than the largest file, read
/// only as far as its first bytes (to name its kind in the message).
async fn refuse_oversized(mut body: Body, declared: u64) -> Error {
    let deadline = receive_deadline(HEAD as u64);
    let mut head = Vec::with_capacity(HEAD);
    while head.len() < HEAD {
        match next_data(&mut body, deadline).await {
            Ok(Some(data)) => keep_head(&mut head, &data),
            Ok(None) => break,
            Err(e) => return e,
        }
    }
    too_large(&head, declared)
}

/// Receives a body of at most `reserved` bytes into a temporary file, once
/// there is room for them among the bytes this process is receiving;
/// `seen` counts what arrived.
async fn receive(st: &AppState, body: Body, reserved: u64, seen: &mut u64) -> Result<Received> {
    let mut body = body;
    let mut head = Vec::with_capacity(HEAD);
    let deadline = receive_deadline(reserved);
    let _room = st.incoming.reserve(reserved, RECEIVE_WAIT).await.ok_or_else(|| Error::Unavailable {
        message: "Server sedang menerima banyak berkas. Berkas Anda akan dikirim lagi sebentar lagi.".into(),
        retry_after: RECEIVE_RETRY_SECS,
    })?;
    let mut file = tokio::fs::File::from_std(st.incoming.file().context("a temporary file for an upload")?);
    while let Some(data) = next_data(&mut body, deadline).await? {
        *seen += data.len() as u64;
        keep_head(&mut head, &data);
        if *seen > reserved {
            // Only a body without Content-Length gets here (hyper holds a
            // body to its announced length): it passed the largest file.
            return Err(too_large(&head, *seen));
        }
        file.write_all(&data).await.context("writing an upload to its temporary file")?;
    }
    file.flush().await.context("writing an upload to its temporary file")?;
    Ok(Received { head, len: *seen, file: file.into_std().await })
}

/// The whole upload, read back from its temporary file for cleaning.
fn read_back(mut file: std::fs::File, len: u64) -> std::io::Result<Vec<u8>> {
    use std::io::{Read, Seek};
    file.rewind()?;
    let mut bytes = Vec::with_capacity(len as usize);
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[utoipa::path(
    post,
    path = "/api/v1/attachments",
    tag = "reports",
    request_body(
        content = inline(FileBytes),
        content_type = "application/octet-stream",
        description = "The raw file. Its type is judged by content (JPEG, PNG, WebP, PDF, MP4/3GP/MOV, WebM), never by \
                       Content-Type or name. Limits: photo 5 MB, PDF 10 MB, video 20 MB. Metadata is removed before \
                       storing: EXIF, XMP and comments from photos; the document information (author, creator, …), \
                       XMP, earlier revisions and EXIF of embedded images from PDFs; user data, metadata and XMP boxes \
                       (GPS included) from MP4/MOV/3GP and tags, attached files and title from WebM, blanked in place. \
                       Photos keep only what draws the picture (PNG chunks, WebP chunks, JPEG segments on an \
                       allow-list); a photo over 8192 × 6144 pixels is refused with `unsupported_file`, as are \
                       files that are not well-formed, and encrypted PDFs. \
                       The announced `Content-Length` counts against the address's megabytes before a byte is read; \
                       a body without one counts as the largest file until it ends."
    ),
    responses(
        (status = 201, description = "Stored under a new random id (every upload gets its own, also for content \
                                      sent before) with a secret token; a report attaches the file with both, \
                                      once. Unattached uploads are deleted after a few hours", body = UploadedAttachment),
        (status = 422, description = "`fields.file`: `unsupported_file` or `file_too_large`; or a body that broke \
                                      off or arrived too slowly", body = ApiErrorBody),
        (status = 429, description = "Too many uploads, or megabytes, from this address; see `Retry-After`", body = ApiErrorBody),
        (status = 503, description = "The server is receiving as many bytes as it takes at once; see `Retry-After`", body = ApiErrorBody),
    )
)]
pub async fn upload(
    State(st): State<AppState>,
    client: ClientAddr,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Json<UploadedAttachment>)> {
    limits::hit(&st, st.limits.upload, "upload", &client, "unggahan").await?;
    // The announced bytes count against the address before any is read, so
    // an address cannot have more in flight than its megabytes allow; what
    // never arrives is given back.
    let declared = declared_length(&headers);
    if let Some(n) = declared.filter(|&n| n > UPLOAD_BODY_MAX) {
        return Err(refuse_oversized(body, n).await);
    }
    let reserved = declared.unwrap_or(UPLOAD_BODY_MAX);
    let counted = limits::reserve_bytes(&st, reserved, &client).await?;
    let mut seen = 0;
    let received = receive(&st, body, reserved, &mut seen).await;
    limits::refund_bytes(&st, &counted, reserved.saturating_sub(seen)).await?;
    let Received { head, len, file } = received?;
    let (kind, mime) = check_file(&head, len).map_err(file_issue)?;
    // Cleaning a PDF can take many times its size in memory: a few at once, the rest wait.
    let permit = CLEANING.acquire().await.context("the cleaning semaphore")?;
    let (stored, content_hash) = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let bytes = read_back(file, len)?;
        Ok::<_, anyhow::Error>(crate::media::strip_metadata(mime, &bytes).map(|stored| {
            let hash = hex::encode(Sha256::digest(&stored));
            (stored, hash)
        }))
    })
    .await
    .context("stripping metadata")?
    .context("reading an upload back from its temporary file")?
    .map_err(|e| {
        tracing::info!(error = %e, "refused an upload");
        file_issue(FieldIssue::UnsupportedFile)
    })?;
    // Every upload gets its own random id, never derived from the content:
    // an id says nothing about whether someone else sent the same file. The
    // token is the uploader's alone: a report attaches the file only with it.
    let att = AttachmentRef { id: random_hex(), kind, mime: mime.to_string(), size: stored.len() as u64 };
    let token = random_hex();
    // The record first, then the file, always written (see the comment on
    // `Db`'s attachment methods for why this order is safe against the
    // orphan cleanup on any instance).
    st.db.record_attachment(&att, &content_hash, &sha256_hex(&token), crate::now()).await?;
    st.store.put(&content_hash, &stored).await?;
    // Never the id: with the token it is a key to the file.
    tracing::info!(kind = kind.as_str(), size = att.size, "attachment stored");
    Ok((StatusCode::CREATED, Json(UploadedAttachment { attachment: att, token })))
}

/// 32 random bytes as 64 lowercase hex digits (the shape `is_valid_id`
/// checks for ids).
fn random_hex() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

fn attachment_not_found() -> Error {
    Error::NotFound("Lampiran tidak ditemukan.".into())
}

fn extension(mime: &str) -> &'static str {
    match mime {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/webp" => "webp",
        "application/pdf" => "pdf",
        "video/webm" => "webm",
        "video/3gpp" => "3gp",
        "video/quicktime" => "mov",
        _ => "mp4",
    }
}

/// The stored bytes as a private, inline download.
async fn file_response(st: &AppState, stored: StoredAttachment) -> Result<Response> {
    let StoredAttachment { attachment: att, content_hash } = stored;
    let Some(bytes) = st.store.get(&content_hash).await? else {
        tracing::error!(content_hash = %content_hash, "attachment file missing from the store");
        return Err(attachment_not_found());
    };
    let disposition = format!("inline; filename=\"lampiran-{}.{}\"", &att.id[..12], extension(&att.mime));
    Ok((
        [
            (CONTENT_TYPE, att.mime),
            (CONTENT_DISPOSITION, disposition),
            (X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
            // Private: never kept by the browser (a shared office or kiosk PC) nor any cache on the way.
            (CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response())
}

/// Attachment ids are lowercase hex; anything else matches nothing.
fn normalize_id(id: &str) -> Option<String> {
    let id = id.trim().to_ascii_lowercase();
    crate::storage::is_valid_id(&id).then_some(id)
}

#[utoipa::path(
    post,
    path = "/api/v1/track/attachments/{att_id}",
    tag = "reports",
    params(("att_id" = String, Path, description = "Attachment id (64 hex digits, from the upload)")),
    request_body = TrackRequest,
    responses(
        (status = 200, description = "The file, with its stored Content-Type, `Content-Disposition: inline`, \
                                      `Cache-Control: no-store`", content_type = "application/octet-stream", body = inline(FileBytes)),
        (status = 404, description = "Unknown number, wrong code, or not an attachment of this report", body = ApiErrorBody),
        (status = 422, description = "Malformed number or code, or a body that is not JSON of this shape, or sent without `Content-Type: application/json`", body = ApiErrorBody),
        (status = 429, description = "Too many lookups from this address opened no report; see `Retry-After`", body = ApiErrorBody),
    )
)]
pub async fn download_tracked(
    State(st): State<AppState>,
    client: ClientAddr,
    Path(att_id): Path<String>,
    ApiJson(req): ApiJson<TrackRequest>,
) -> Result<Response> {
    let row = super::reports::reporter_report(&st, &client, &req).await?;
    let id = normalize_id(&att_id).ok_or_else(Error::report_not_found)?;
    let att = st.db.report_attachment(row.id, &id).await?.ok_or_else(Error::report_not_found)?;
    file_response(&st, att).await
}

#[utoipa::path(
    get,
    path = "/api/v1/admin/reports/{id}/attachments/{att_id}",
    tag = "admin",
    params(
        ("id" = i64, Path, description = "Report id"),
        ("att_id" = String, Path, description = "Attachment id (64 hex digits, from the upload)"),
    ),
    responses(
        (status = 200, description = "The file, with its stored Content-Type, `Content-Disposition: inline`, \
                                      `Cache-Control: no-store`", content_type = "application/octet-stream", body = inline(FileBytes)),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "A session opened with a temporary password: it must be changed first", body = ApiErrorBody),
        (status = 404, description = "No such report for this admin, not one of its attachments, or a supervisor \
                                      (who sees no personal data)", body = ApiErrorBody),
    )
)]
pub async fn download_admin(
    State(st): State<AppState>,
    user: super::auth::AuthUser,
    Path((id, att_id)): Path<(String, String)>,
) -> Result<Response> {
    let row = super::admin::load_for_files(&st, &user, &id).await?;
    let att_id = normalize_id(&att_id).ok_or_else(attachment_not_found)?;
    let att = st.db.report_attachment(row.id, &att_id).await?.ok_or_else(attachment_not_found)?;
    file_response(&st, att).await
}
