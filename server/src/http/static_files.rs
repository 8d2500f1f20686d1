//! The built single-page app: files from the dist directory (precompressed
//! `.br`/`.gz` when present), index.html for any other path.

use crate::AppState;
use domain::areas::Area;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::HeaderValue;
use axum::response::{Html, IntoResponse, Response};
use std::path::{Component, Path};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const NO_CACHE: &str = "no-cache";

const NOT_BUILT: &str = "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>LAPOR!</title></head>\
<body><h1>LAPOR!</h1><p>Aplikasi web belum dibangun. Jalankan <code>bash scripts/run.sh</code>.</p>\
<p>The web app is not built yet: run <code>bash scripts/run.sh</code>. The API under <code>/api/v1</code> works.</p>\
</body></html>";

/// A trunk content hash in a file name (`-` and 10+ hex digits, e.g.
/// `lapor-app-3f2a9c0d1e4b5a67_bg.wasm`; Trunk drops leading zeros, so a hash
/// may have fewer than 16 digits), or a wasm-bindgen snippet under a
/// hashed directory (`/snippets/lapor-app-eb5278ccbf4162aa/inline0.js`, or
/// under an area's folder: `/lapor/snippets/…`).
pub fn is_hashed(path: &str) -> bool {
    let hashed = |name: &[u8]| {
        name.iter().enumerate().any(|(i, &b)| {
            b == b'-' && name[i + 1..].iter().take_while(|c| c.is_ascii_hexdigit()).count() >= 10
        })
    };
    let mut parts = path.rsplit('/');
    let name = parts.next().unwrap_or_default().as_bytes();
    let dir = parts.next().unwrap_or_default().as_bytes();
    hashed(name) || (parts.next() == Some("snippets") && hashed(dir))
}

/// The request path as a file under `dir`, if it is one (no `..`).
fn existing_file(dir: &Path, uri_path: &str) -> bool {
    let rel = Path::new(uri_path.trim_start_matches('/'));
    rel.components().all(|c| matches!(c, Component::Normal(_))) && dir.join(rel).is_file()
}

/// The page that boots the app for `path`: its area's (`dist/<area>/index.html`,
/// see `domain::areas`), or the start page's when that area is not built.
fn shell_for(dist: &Path, path: &str) -> std::path::PathBuf {
    let page = dist.join(Area::of(path).dir()).join("index.html");
    if page.is_file() {
        page
    } else {
        dist.join("index.html")
    }
}

pub async fn serve(State(st): State<AppState>, req: Request) -> Response {
    let index = shell_for(&st.dist_dir, req.uri().path());
    if !index.is_file() {
        let mut res = Html(NOT_BUILT).into_response();
        res.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static(NO_CACHE));
        return res;
    }
    let path = req.uri().path().to_string();
    let is_file = existing_file(&st.dist_dir, &path);
    let immutable = is_file && is_hashed(&path);
    let shell = ServeFile::new(index).precompressed_br().precompressed_gzip();
    // Only files come from the directory: a path that names a folder (`/admin`)
    // gets its app's page, not a redirect to `/admin/`.
    let mut res = if is_file {
        let svc = ServeDir::new(&st.dist_dir).precompressed_br().precompressed_gzip().fallback(shell);
        match svc.oneshot(req).await {
            Ok(res) => res.map(Body::new),
            Err(never) => match never {},
        }
    } else {
        match shell.oneshot(req).await {
            Ok(res) => res.map(Body::new),
            Err(never) => match never {},
        }
    };
    let cache = if immutable && res.status().is_success() { IMMUTABLE } else { NO_CACHE };
    res.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static(cache));
    if path.ends_with(".wasm") && !res.headers().contains_key(CONTENT_TYPE) {
        res.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/wasm"));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::is_hashed;

    #[test]
    fn trunk_hashes_are_recognised() {
        assert!(is_hashed("/lapor-app-3f2a9c0d1e4b5a67_bg.wasm"));
        assert!(is_hashed("/app-0123456789abcdef.wasm"));
        assert!(is_hashed("/style-0123456789abcdef0123.css"));
        assert!(!is_hashed("/index.html"));
        assert!(!is_hashed("/sw.js"));
        assert!(!is_hashed("/lapor-app.js"));
        assert!(is_hashed("/lapor-app-a717d32188bc036.js"));
        assert!(!is_hashed("/a-012345678.js"));
        assert!(is_hashed("/snippets/lapor-app-eb5278ccbf4162aa/inline0.js"));
        assert!(!is_hashed("/other/lapor-app-eb5278ccbf4162aa/inline0.js"));
        assert!(is_hashed("/lapor/snippets/lapor-lapor-eb5278ccbf4162aa/inline0.js"));
    }
}
