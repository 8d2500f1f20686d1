//! The one error type of the API: every error answer is an `ApiErrorBody`.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::api::ApiErrorBody;
use domain::FieldErrors;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("validation failed")]
    Validation(FieldErrors),
    /// A request body or query that could not be read at all.
    #[error("bad request body: {0}")]
    BadInput(String),
    #[error("unauthorized: {0}")]
    Unauthorized(String),
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("conflict: {0}")]
    Conflict(String),
    /// Too many requests (from one address, or sign-ins for one user
    /// name); `retry_after` in seconds.
    #[error("rate limited: {message}")]
    RateLimited { message: String, retry_after: i64 },
    /// The server is too busy to take the request now (503); `retry_after`
    /// in seconds.
    #[error("unavailable: {message}")]
    Unavailable { message: String, retry_after: i64 },
    #[error("internal error: {0:#}")]
    Internal(#[from] anyhow::Error),
}

impl Error {
    pub fn field(field: &str, issue: domain::FieldIssue) -> Error {
        let mut errs = FieldErrors::default();
        errs.add(field, issue);
        Error::Validation(errs)
    }
    pub fn not_found() -> Error {
        Error::NotFound("Data tidak ditemukan.".into())
    }
    pub fn report_not_found() -> Error {
        Error::NotFound("Laporan tidak ditemukan. Periksa nomor pelacakan dan kode akses.".into())
    }
    pub fn unauthorized() -> Error {
        Error::Unauthorized("Silakan masuk terlebih dahulu.".into())
    }
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Error {
        Error::Internal(e.into())
    }
}

impl From<JsonRejection> for Error {
    fn from(e: JsonRejection) -> Error {
        Error::BadInput(e.body_text())
    }
}

impl From<QueryRejection> for Error {
    fn from(e: QueryRejection) -> Error {
        Error::BadInput(e.body_text())
    }
}

impl From<PathRejection> for Error {
    fn from(e: PathRejection) -> Error {
        Error::BadInput(e.body_text())
    }
}

fn body(status: StatusCode, error: &str, message: String, fields: Option<FieldErrors>) -> Response {
    (status, Json(ApiErrorBody { error: error.into(), message, fields })).into_response()
}

/// Adds `Retry-After` (whole seconds, at least 1).
fn retry_later(mut res: Response, retry_after: i64) -> Response {
    res.headers_mut().insert(RETRY_AFTER, HeaderValue::from(retry_after.max(1)));
    res
}

impl Error {
    /// What the answer says to a person, in Indonesian (never an internal detail).
    pub fn message(&self) -> String {
        match self {
            Error::Validation(_) => "Periksa kembali isian yang ditandai.".into(),
            Error::BadInput(detail) => format!("Data yang dikirim tidak dapat dibaca. ({detail})"),
            Error::Unauthorized(m) | Error::Forbidden(m) | Error::NotFound(m) | Error::Conflict(m) => m.clone(),
            Error::RateLimited { message, .. } | Error::Unavailable { message, .. } => message.clone(),
            Error::Internal(_) => "Terjadi kesalahan pada server. Silakan coba lagi.".into(),
        }
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let message = self.message();
        match self {
            Error::Validation(fields) => body(StatusCode::UNPROCESSABLE_ENTITY, "validation", message, Some(fields)),
            Error::BadInput(_) => body(StatusCode::UNPROCESSABLE_ENTITY, "validation", message, None),
            Error::Unauthorized(_) => body(StatusCode::UNAUTHORIZED, "unauthorized", message, None),
            Error::Forbidden(_) => body(StatusCode::FORBIDDEN, "forbidden", message, None),
            Error::NotFound(_) => body(StatusCode::NOT_FOUND, "not_found", message, None),
            Error::Conflict(_) => body(StatusCode::CONFLICT, "conflict", message, None),
            Error::RateLimited { retry_after, .. } => {
                retry_later(body(StatusCode::TOO_MANY_REQUESTS, "rate_limited", message, None), retry_after)
            }
            Error::Unavailable { retry_after, .. } => {
                retry_later(body(StatusCode::SERVICE_UNAVAILABLE, "unavailable", message, None), retry_after)
            }
            Error::Internal(e) => {
                tracing::error!(error = format!("{e:#}"), "internal error");
                body(StatusCode::INTERNAL_SERVER_ERROR, "internal", message, None)
            }
        }
    }
}

/// `Json` whose rejections are answered as `ApiErrorBody`, and which
/// refuses a text of the request holding the NUL character (`\u0000`): no
/// field of the API needs one, PostgreSQL cannot store one (it would be a
/// 500 there), and the OpenAPI document says so (`http::openapi_value`).
pub struct ApiJson<T>(pub T);

/// The message of a request that holds a NUL character.
pub const NUL_REFUSED: &str = "teks tidak boleh memuat karakter NUL (\\u0000)";

/// Whether a JSON text holds the escape of a NUL character (a raw NUL byte
/// is no valid JSON, and a backslash only occurs inside strings).
pub fn has_nul_escape(json: &[u8]) -> bool {
    let mut i = 0;
    while i < json.len() {
        if json[i] == b'\\' {
            if json.get(i + 1) == Some(&b'u') && json.get(i + 2..i + 6) == Some(b"0000".as_slice()) {
                return true;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    false
}

impl<T, S> axum::extract::FromRequest<S> for ApiJson<T>
where
    T: serde::de::DeserializeOwned + serde::Serialize,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self> {
        let (parts, body) = req.into_parts();
        let bytes = axum::body::Bytes::from_request(axum::extract::Request::from_parts(parts.clone(), body), state)
            .await
            .map_err(|e| Error::BadInput(e.body_text()))?;
        let req = axum::extract::Request::from_parts(parts, axum::body::Body::from(bytes.clone()));
        let Json(value) = Json::<T>::from_request(req, state).await?;
        // Only what the request type keeps counts (an unknown field is
        // dropped, NUL and all): its own JSON is searched.
        if has_nul_escape(&bytes) && serde_json::to_vec(&value).is_ok_and(|kept| has_nul_escape(&kept)) {
            return Err(Error::BadInput(NUL_REFUSED.into()));
        }
        Ok(ApiJson(value))
    }
}

#[cfg(test)]
mod tests {
    use super::has_nul_escape;

    #[test]
    fn a_nul_escape_is_found_and_an_escaped_backslash_is_not_one() {
        assert!(has_nul_escape(br#"{"title":"a\u0000b"}"#));
        assert!(!has_nul_escape(br#"{"title":"a\\u0000b"}"#), "a backslash, then the letters u0000");
        assert!(has_nul_escape(br#"{"title":"a\\\u0000"}"#));
        assert!(!has_nul_escape(br#"{"title":"a\u0001 \u00e9"}"#));
    }
}

/// `Query` whose rejections are answered as `ApiErrorBody`.
#[derive(axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(Error))]
pub struct ApiQuery<T>(pub T);

/// `Path` whose rejections (a number out of range, a segment that is not
/// UTF-8) are answered as `ApiErrorBody` (422), not as plain text.
#[derive(axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(Error))]
pub struct ApiPath<T>(pub T);
