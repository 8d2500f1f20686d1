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

/// Raw file bytes, for the OpenAPI document.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)]
pub struct FileBytes(Vec<u8>);

/// The most an upload body may be: the largest kind (video) plus a little.
pub const UPLOAD_BODY_MAX: u64 = MAX_VIDEO_BYTES + 64 * 1024;
/// How many uploads are cleaned at once on this instance.
static CLEANING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);
/// Enough of the start of a file to recognise it.
const HEAD: usize = 16;

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

/// Reads the body, never holding more than `UPLOAD_BODY_MAX` bytes.
async fn read_body(headers: &HeaderMap, body: Body) -> Result<Vec<u8>> {
    let declared = headers.get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    let mut body = body;
    // A declared size is only a hint: never reserve much for a body not yet sent.
    let mut buf = Vec::with_capacity(declared.unwrap_or(0).min(1024 * 1024) as usize);
    let mut seen: u64 = 0;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| Error::BadInput(format!("berkas tidak terkirim utuh: {e}")))?;
        let Ok(data) = frame.into_data() else { continue };
        seen += data.len() as u64;
        if seen > UPLOAD_BODY_MAX {
            let take = HEAD.saturating_sub(buf.len()).min(data.len());
            buf.extend_from_slice(&data[..take]);
            return Err(too_large(&buf, seen));
        }
        buf.extend_from_slice(&data);
        // A declared size over the limit is answered as soon as the kind is known.
        if let Some(n) = declared.filter(|&n| n > UPLOAD_BODY_MAX) {
            if buf.len() >= HEAD {
                return Err(too_large(&buf, n));
            }
        }
    }
    Ok(buf)
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
                       Files that are not well-formed, and encrypted PDFs, are refused with `unsupported_file`."
    ),
    responses(
        (status = 201, description = "Stored under a new random id (every upload gets its own, also for content \
                                      sent before) with a secret token; a report attaches the file with both, \
                                      once. Unattached uploads are deleted after a few hours", body = UploadedAttachment),
        (status = 422, description = "`fields.file`: `unsupported_file` or `file_too_large`", body = ApiErrorBody),
        (status = 429, description = "Too many uploads from this address; see `Retry-After`", body = ApiErrorBody),
    )
)]
pub async fn upload(
    State(st): State<AppState>,
    client: ClientAddr,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Json<UploadedAttachment>)> {
    limits::hit(&st, st.limits.upload, "upload", &client, "unggahan").await?;
    // Refused at once when this address has spent its megabytes already.
    limits::hit_bytes(&st, 0, &client).await?;
    let bytes = read_body(&headers, body).await?;
    limits::hit_bytes(&st, bytes.len() as u64, &client).await?;
    let (kind, mime) = check_file(&bytes[..bytes.len().min(HEAD)], bytes.len() as u64).map_err(file_issue)?;
    // Cleaning a PDF can take many times its size in memory: a few at once, the rest wait.
    let permit = CLEANING.acquire().await.context("the cleaning semaphore")?;
    let (stored, content_hash) = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        crate::media::strip_metadata(mime, &bytes).map(|stored| {
            let hash = hex::encode(Sha256::digest(&stored));
            (stored, hash)
        })
    })
    .await
    .context("stripping metadata")?
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
