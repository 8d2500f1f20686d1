//! The browser's own machinery, reached through small JavaScript glue:
//! IndexedDB for blobs and the outbox, canvas for downscaling photos, and
//! XMLHttpRequest for upload progress (fetch cannot report it).

pub mod files;
pub mod idb;
pub mod share;
pub mod upload;

use wasm_bindgen::JsValue;

/// A JavaScript error as text for logs and messages.
pub fn js_error(e: JsValue) -> String {
    e.as_string()
        .or_else(|| js_sys::Reflect::get(&e, &JsValue::from_str("message")).ok().and_then(|m| m.as_string()))
        .unwrap_or_else(|| format!("{e:?}"))
}
