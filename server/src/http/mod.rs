//! The HTTP layer: the router, the OpenAPI document and one module per resource.

pub mod admin;
pub mod agencies;
pub mod audit;
pub mod attachments;
pub mod auth;
pub mod categories;
pub mod holidays;
pub mod intake;
pub mod limits;
pub mod meta;
pub mod open311;
pub mod origin;
pub mod practice;
pub mod public;
pub mod recap;
pub mod reports;
pub mod static_files;
pub mod users;
mod views;

use crate::error::Error;
use crate::AppState;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS,
    X_FRAME_OPTIONS,
};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::{Json, Router};
use domain::api::ApiErrorBody;
use std::sync::LazyLock;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// What the OpenAPI document says besides its paths (which come from the
/// routes themselves: `api_routes`, `open311_routes`).
#[derive(OpenApi)]
#[openapi(
    info(title = "LAPOR! API", description = "Public-service complaints: submit, track, and handle reports; \
                                              the public list of reports; Open311 GeoReport v2 (read only)."),
    components(schemas(ApiErrorBody, domain::attachments::AttachmentRef, domain::attachments::UploadedAttachment, domain::api::AttachmentClaim, domain::attachments::AttachmentKind, domain::FieldErrors, domain::FieldIssue, domain::Transition)),
    tags(
        (name = "reports", description = "Citizens: submit and track"),
        (name = "public", description = "Public reports: anyone may read them (not confidential, verified)"),
        (name = "meta", description = "Reference data"),
        (name = "auth", description = "Admin sessions"),
        (name = "admin", description = "Handling reports"),
        (name = "practice", description = "Socialization events: practice sessions and their practice reports, kept apart from real ones"),
        (name = "open311", description = "Open311 GeoReport v2, read only; errors are arrays of `{code, description}`"),
    )
)]
pub struct ApiDoc;

/// Every route under `/api/v1` that the document lists: one declaration
/// each (the `#[utoipa::path]` of its handler gives path and method).
fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(meta::health))
        .routes(routes!(meta::provinces))
        .routes(routes!(meta::children))
        .routes(routes!(meta::categories))
        .routes(routes!(meta::agencies))
        .routes(routes!(reports::submit))
        .routes(routes!(attachments::upload))
        .routes(routes!(reports::track))
        .routes(routes!(reports::track_action))
        .routes(routes!(attachments::download_tracked))
        .routes(routes!(reports::track_public))
        .routes(routes!(public::list))
        .routes(routes!(public::detail))
        .routes(routes!(auth::login))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::me))
        .routes(routes!(auth::change_password))
        .routes(routes!(auth::logout_everywhere))
        .routes(routes!(admin::list, intake::create))
        .routes(routes!(admin::detail))
        .routes(routes!(admin::act))
        .routes(routes!(admin::archive_many))
        .routes(routes!(audit::list))
        .routes(routes!(recap::recap))
        .routes(routes!(users::list, users::create))
        .routes(routes!(users::update))
        .routes(routes!(users::reset_password))
        .routes(routes!(categories::list, categories::create))
        .routes(routes!(categories::update))
        .routes(routes!(agencies::list, agencies::create))
        .routes(routes!(agencies::update))
        .routes(routes!(holidays::list, holidays::create))
        .routes(routes!(holidays::update, holidays::remove))
        .routes(routes!(attachments::download_admin))
        .routes(routes!(practice::open, practice::mine))
        .routes(routes!(practice::join_addresses))
        .routes(routes!(practice::live))
        .routes(routes!(practice::step))
        .routes(routes!(practice::close))
        .routes(routes!(practice::check))
}

/// The Open311 GeoReport v2 routes (`/open311/v2/…`).
fn open311_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(open311::services))
        .routes(routes!(open311::requests))
        .routes(routes!(open311::request_one))
}

/// Routes whose path ends in a static suffix after a parameter, which the
/// router cannot match: the route takes the whole segment (`{id}`, the
/// handler checks the suffix) and the document shows the real form.
const SUFFIXED: [(&str, &str); 1] = [("/open311/v2/requests/{id}", "/open311/v2/requests/{id}.json")];

/// The OpenAPI document, built once from the same route lists as the router.
pub fn openapi() -> &'static utoipa::openapi::OpenApi {
    static DOC: LazyLock<utoipa::openapi::OpenApi> = LazyLock::new(|| {
        let mut doc = OpenApiRouter::with_openapi(ApiDoc::openapi())
            .merge(api_routes())
            .merge(open311_routes())
            .into_openapi();
        for (route, shown) in SUFFIXED {
            if let Some(item) = doc.paths.paths.remove(route) {
                doc.paths.paths.insert(shown.to_string(), item);
            }
        }
        doc
    });
    &DOC
}

/// The document as served: `openapi()` with every free-text string saying
/// that it holds no NUL character (the one the server refuses in any text,
/// `error::ApiJson`, since PostgreSQL cannot store it). A string with a
/// pattern, an enum or a binary format says more already.
pub fn openapi_value() -> &'static serde_json::Value {
    static DOC: LazyLock<serde_json::Value> = LazyLock::new(|| {
        let mut doc = serde_json::to_value(openapi()).expect("the OpenAPI document is JSON");
        no_nul_in_strings(&mut doc);
        doc
    });
    &DOC
}

/// Adds `pattern: ^[^\u0000]*$` to every string schema without a pattern,
/// enum or binary format, anywhere in `v`, and keeps NUL out of the free
/// texts' patterns.
fn no_nul_in_strings(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            let is_string = match map.get("type") {
                Some(serde_json::Value::String(t)) => t == "string",
                Some(serde_json::Value::Array(ts)) => ts.iter().any(|t| t == "string"),
                _ => false,
            };
            let said = ["pattern", "enum", "const"].iter().any(|k| map.contains_key(*k))
                || map.get("format").is_some_and(|f| f == "binary");
            if is_string && !said {
                map.insert("pattern".into(), serde_json::Value::String("^[^\\u0000]*$".into()));
            }
            // A free text's pattern (its trimmed length) lets any character
            // through between its ends, and every negated class (an e-mail's
            // `[^@…]`) any it does not name: any but NUL, in both.
            if let Some(serde_json::Value::String(p)) = map.get_mut("pattern") {
                *p = without_nul(p);
            }
            map.values_mut().for_each(no_nul_in_strings);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(no_nul_in_strings),
        _ => {}
    }
}

/// `pattern` with NUL added to every negated class (`[^…]`) that does not
/// name it yet, and `[\s\S]` (anything) made anything but NUL.
fn without_nul(pattern: &str) -> String {
    const NUL: &str = r"\u0000";
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(at) = rest.find("[^") {
        out.push_str(&rest[..at + 2]);
        rest = &rest[at + 2..];
        if !rest.starts_with(NUL) {
            out.push_str(NUL);
        }
    }
    out.push_str(rest);
    out.replace(r"[\s\S]", r"[^\u0000]")
}

async fn openapi_json() -> Json<&'static serde_json::Value> {
    Json(openapi_value())
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

/// The layers of every JSON route: compression, and `no-store` unless the
/// handler says otherwise.
fn json_layers(router: Router<AppState>) -> Router<AppState> {
    router
        // Videos are compressed already.
        .layer(CompressionLayer::new().compress_when(DefaultPredicate::new().and(NotForContentType::const_new("video/"))))
        // Every answer is private unless its handler says otherwise (public
        // reference lists): tracking answers, admin answers and files must not
        // stay in the cache of a shared office or kiosk PC after sign-out.
        .layer(SetResponseHeaderLayer::if_not_present(CACHE_CONTROL, HeaderValue::from_static("no-store")))
}

/// `/api/v1/…` (and any other `/api` path: JSON 404).
fn api() -> Router<AppState> {
    let (routes, _) = api_routes().split_for_parts();
    json_layers(
        routes
            .route("/api/v1/openapi.json", get(openapi_json))
            .route("/api", any(api_not_found))
            .route("/api/", any(api_not_found))
            .route("/api/{*rest}", any(api_not_found))
            .method_not_allowed_fallback(method_not_allowed)
            .layer(axum::middleware::from_fn(origin::check))
            .layer(axum::middleware::from_fn(no_nul_in_address)),
    )
}

/// A path or query holding the NUL character (`%00`) is refused: no
/// parameter needs one, and PostgreSQL cannot compare with one (a 500 there).
async fn no_nul_in_address(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let uri = req.uri().to_string();
    if uri.as_bytes().windows(3).any(|w| w.eq_ignore_ascii_case(b"%00")) {
        return Error::BadInput(crate::error::NUL_REFUSED.into()).into_response();
    }
    next.run(req).await
}

/// `/open311/…`: Open311 errors for unknown paths and methods, never the app.
fn open311() -> Router<AppState> {
    let (routes, _) = open311_routes().split_for_parts();
    json_layers(
        routes
            .route("/open311", any(open311::not_found))
            .route("/open311/", any(open311::not_found))
            .route("/open311/{*rest}", any(open311::not_found))
            .method_not_allowed_fallback(open311::method_not_allowed),
    )
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
        .merge(api())
        .merge(open311())
        .fallback(static_files::serve)
        .layer(SetResponseHeaderLayer::overriding(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .layer(SetResponseHeaderLayer::overriding(X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::overriding(CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP)))
        .layer(SetResponseHeaderLayer::overriding(STRICT_TRANSPORT_SECURITY, move |_: &Response| hsts.clone()))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_negated_class_and_anything_leave_out_nul() {
        assert_eq!(without_nul(r"^[^@\t ]+@[^@.]+$"), r"^[^\u0000@\t ]+@[^\u0000@.]+$");
        assert_eq!(without_nul(r"^[^\u0000]*$"), r"^[^\u0000]*$");
        assert_eq!(without_nul(r"^\s*[\s\S]{8,148}\S\s*$"), r"^\s*[^\u0000]{8,148}\S\s*$");
        // The served document: no negated class and no "anything" lets a NUL through.
        let doc = openapi_value().to_string();
        assert!(!doc.contains(r"[\\s\\S]"), "an 'anything' class is left");
        let classes = doc.match_indices("[^").count();
        assert!(classes > 0);
        assert_eq!(doc.match_indices(r"[^\\u0000").count(), classes, "a negated class without NUL is left");
    }
}
