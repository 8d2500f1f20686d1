//! A request that changes data on an officer's behalf must come from this
//! product's own pages: the session cookie is `SameSite=Strict`, and on top
//! of that every `POST`/`PUT`/`PATCH`/`DELETE` that carries it (and every
//! sign-in) is refused when the browser says it came from another site —
//! its `Origin` names another host, or, without `Origin`, its
//! `Sec-Fetch-Site` says `cross-site` or `same-site`. A browser always says
//! one or the other on such a request; a client that is no browser (a
//! script, the tests) says neither, and is no way to borrow a victim's
//! session.

use super::auth::session_token;
use crate::error::Error;
use axum::extract::Request;
use axum::http::header::{HOST, ORIGIN};
use axum::http::{HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// `host[:port]` of an origin (`http://host:port`), lowercased.
fn authority(origin: &str) -> Option<String> {
    let rest = origin.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// Whether the browser says this request came from another site.
pub fn from_elsewhere(headers: &HeaderMap) -> bool {
    let host = headers.get(HOST).and_then(|h| h.to_str().ok()).map(str::to_ascii_lowercase);
    match headers.get(ORIGIN).map(|o| o.to_str().unwrap_or("")) {
        Some(origin) => authority(origin).is_none() || authority(origin) != host,
        None => headers
            .get("sec-fetch-site")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|site| !matches!(site, "same-origin" | "none")),
    }
}

/// The middleware of every API route.
pub async fn check(req: Request, next: Next) -> Response {
    let changes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let guarded = changes && (session_token(req.headers()).is_some() || req.uri().path() == "/api/v1/auth/login");
    if guarded && from_elsewhere(req.headers()) {
        tracing::warn!(path = %req.uri().path(), "refused a request from another site");
        return Error::Forbidden("Permintaan ini tidak berasal dari halaman LAPOR! sendiri.".into()).into_response();
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn only_this_host_is_this_site() {
        assert!(!from_elsewhere(&headers(&[("host", "lapor.example:8080"), ("origin", "http://lapor.example:8080")])));
        assert!(!from_elsewhere(&headers(&[("host", "LAPOR.example"), ("origin", "https://lapor.example")])));
        assert!(from_elsewhere(&headers(&[("host", "lapor.example"), ("origin", "https://evil.example")])));
        assert!(from_elsewhere(&headers(&[("host", "lapor.example"), ("origin", "https://lapor.example.evil.example")])));
        assert!(from_elsewhere(&headers(&[("host", "lapor.example:8080"), ("origin", "http://lapor.example:9090")])));
        assert!(from_elsewhere(&headers(&[("host", "lapor.example"), ("origin", "null")])));
        assert!(from_elsewhere(&headers(&[("origin", "https://lapor.example")])), "no Host to match");
    }

    #[test]
    fn without_origin_the_fetch_metadata_decides_and_no_browser_passes() {
        assert!(from_elsewhere(&headers(&[("host", "a"), ("sec-fetch-site", "cross-site")])));
        assert!(from_elsewhere(&headers(&[("host", "a"), ("sec-fetch-site", "same-site")])));
        assert!(!from_elsewhere(&headers(&[("host", "a"), ("sec-fetch-site", "same-origin")])));
        assert!(!from_elsewhere(&headers(&[("host", "a")])));
    }
}
