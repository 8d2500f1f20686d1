//! Links to a report: the page's origin, the access code carried in the
//! URL fragment (which no server ever receives), the system share sheet and
//! the clipboard. Reached through `Reflect`, so a browser without them (a
//! plain-http LAN address has no clipboard) simply gets the fallback.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// `http://host:port` of this page.
pub fn origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

/// The access code in the address's fragment (`#kode=…`), removed from the
/// address bar (and so from history and bookmarks) as soon as it is read.
pub fn take_fragment_code() -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let hash = location.hash().ok()?;
    let code = hash.strip_prefix("#kode=")?.to_string();
    let rest = format!("{}{}", location.pathname().ok()?, location.search().ok()?);
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&rest));
    }
    let code = js_sys::decode_uri_component(&code).ok().and_then(|c| c.as_string()).unwrap_or(code);
    Some(code)
}

fn navigator_fn(name: &str) -> Option<(JsValue, js_sys::Function)> {
    let nav: JsValue = web_sys::window()?.navigator().into();
    let f = js_sys::Reflect::get(&nav, &JsValue::from_str(name)).ok()?.dyn_into::<js_sys::Function>().ok()?;
    Some((nav, f))
}

/// Whether the system share sheet exists (phones; not most desktops).
pub fn can_share() -> bool {
    navigator_fn("share").is_some()
}

/// Opens the system share sheet; `Ok(false)` when the person cancelled it.
pub async fn share(title: &str, url: &str) -> Result<bool, String> {
    let (nav, f) = navigator_fn("share").ok_or("no share")?;
    let data = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
    let _ = js_sys::Reflect::set(&data, &"url".into(), &url.into());
    let p: js_sys::Promise = f.call1(&nav, &data).map_err(super::js_error)?.dyn_into().map_err(super::js_error)?;
    match JsFuture::from(p).await {
        Ok(_) => Ok(true),
        Err(e) if super::js_error(e.clone()).contains("cancel") || is_abort(&e) => Ok(false),
        Err(e) => Err(super::js_error(e)),
    }
}

fn is_abort(e: &JsValue) -> bool {
    js_sys::Reflect::get(e, &"name".into()).ok().and_then(|n| n.as_string()).is_some_and(|n| n == "AbortError")
}

/// Copies text with the Clipboard API (secure contexts only).
pub async fn copy(text: &str) -> Result<(), String> {
    let nav: JsValue = web_sys::window().ok_or("no window")?.navigator().into();
    let clipboard = js_sys::Reflect::get(&nav, &"clipboard".into()).map_err(super::js_error)?;
    if clipboard.is_undefined() || clipboard.is_null() {
        return Err("no clipboard".into());
    }
    let f: js_sys::Function =
        js_sys::Reflect::get(&clipboard, &"writeText".into()).map_err(super::js_error)?.dyn_into().map_err(super::js_error)?;
    let p: js_sys::Promise = f.call1(&clipboard, &text.into()).map_err(super::js_error)?.dyn_into().map_err(super::js_error)?;
    JsFuture::from(p).await.map(|_| ()).map_err(super::js_error)
}
