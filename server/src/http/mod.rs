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
use axum::http::header::{REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS};
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
    components(schemas(ApiErrorBody, domain::attachments::AttachmentRef, domain::attachments::AttachmentKind, domain::FieldErrors, domain::FieldIssue, domain::Transition)),
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
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .nest("/api/v1", api())
        .route("/api", any(api_not_found))
        .route("/api/", any(api_not_found))
        .route("/api/{*rest}", any(api_not_found))
        .fallback(static_files::serve)
        .layer(SetResponseHeaderLayer::overriding(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .layer(SetResponseHeaderLayer::overriding(X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
