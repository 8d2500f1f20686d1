//! The HTTP layer: the router, the OpenAPI document and one module per resource.

mod actions;
pub mod admin;
pub mod attachments;
pub mod auth;
pub mod limits;
pub mod meta;
pub mod reports;
pub mod static_files;
mod views;

use crate::error::Error;
use crate::AppState;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS,
    X_FRAME_OPTIONS,
};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use domain::api::ApiErrorBody;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "LAPOR! API", description = "Public-service complaints: submit, track, and handle reports."),
    paths(
        meta::health,
        meta::provinces,
        meta::children,
        meta::categories,
        meta::agencies,
        reports::submit,
        attachments::upload,
        reports::track_public,
        reports::track,
        reports::track_action,
        attachments::download_tracked,
        auth::login,
        auth::logout,
        auth::me,
        admin::list,
        admin::detail,
        admin::act,
        attachments::download_admin,
    ),
    components(schemas(ApiErrorBody, domain::attachments::AttachmentRef, domain::attachments::UploadedAttachment, domain::api::AttachmentClaim, domain::attachments::AttachmentKind, domain::FieldErrors, domain::FieldIssue, domain::Transition)),
    tags(
        (name = "reports", description = "Citizens: submit and track"),
        (name = "meta", description = "Reference data"),
        (name = "auth", description = "Admin sessions"),
        (name = "admin", description = "Handling reports"),
    )
)]
pub struct ApiDoc;

async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

async fn api_not_found() -> Error {
    Error::NotFound("Alamat API tidak dikenal.".into())
}

async fn method_not_allowed() -> Response {
    let body = ApiErrorBody {
        error: "method_not_allowed".into(),
        message: "Metode HTTP ini tidak didukung untuk alamat ini.".into(),
        fields: None,
    };
    (StatusCode::METHOD_NOT_ALLOWED, Json(body)).into_response()
}

fn api() -> Router<AppState> {
    Router::new()
        .route("/health", get(meta::health))
        .route("/openapi.json", get(openapi_json))
        .route("/regions/provinces", get(meta::provinces))
        .route("/regions/{code}/children", get(meta::children))
        .route("/categories", get(meta::categories))
        .route("/agencies", get(meta::agencies))
        .route("/reports", post(reports::submit))
        .route("/attachments", post(attachments::upload))
        .route("/track", post(reports::track))
        .route("/track/actions", post(reports::track_action))
        .route("/track/attachments/{att_id}", post(attachments::download_tracked))
        .route("/track/{number}", get(reports::track_public))
        .route("/auth/login", post(auth::login))
        .route("/auth/logout", post(auth::logout))
        .route("/auth/me", get(auth::me))
        .route("/admin/reports", get(admin::list))
        .route("/admin/reports/{id}", get(admin::detail))
        .route("/admin/reports/{id}/actions", post(admin::act))
        .route("/admin/reports/{id}/attachments/{att_id}", get(attachments::download_admin))
        .fallback(api_not_found)
        .method_not_allowed_fallback(method_not_allowed)
        // Videos are compressed already.
        .layer(CompressionLayer::new().compress_when(DefaultPredicate::new().and(NotForContentType::const_new("video/"))))
        // Every answer is private unless its handler says otherwise (public
        // reference lists): tracking answers, admin answers and files must not
        // stay in the cache of a shared office or kiosk PC after sign-out.
        .layer(SetResponseHeaderLayer::if_not_present(CACHE_CONTROL, HeaderValue::from_static("no-store")))
}

/// The Content-Security-Policy of every answer: scripts only from this
/// origin (the wasm needs `'wasm-unsafe-eval'`, never `'unsafe-eval'`), no
/// inline script or style, no plugins, never framed. Photos and videos the
/// app shows from memory come as `blob:` URLs.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
                       img-src 'self' blob: data:; media-src 'self' blob:; font-src 'self'; connect-src 'self'; \
                       worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; \
                       form-action 'self'; frame-ancestors 'none'";

/// HSTS, sent only when the product is served over HTTPS (`--https`).
pub const HSTS: &str = "max-age=31536000; includeSubDomains";

pub fn router(state: AppState) -> Router {
    let hsts = state.https.then(|| HeaderValue::from_static(HSTS));
    Router::new()
        .nest("/api/v1", api())
        .route("/api", any(api_not_found))
        .route("/api/", any(api_not_found))
        .route("/api/{*rest}", any(api_not_found))
        .fallback(static_files::serve)
        .layer(SetResponseHeaderLayer::overriding(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .layer(SetResponseHeaderLayer::overriding(X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::overriding(CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP)))
        .layer(SetResponseHeaderLayer::overriding(STRICT_TRANSPORT_SECURITY, move |_: &Response| hsts.clone()))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
