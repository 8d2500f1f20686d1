//! A key–value store in IndexedDB: database `lapor`, stores `files` (Blobs of
//! attachments) and `outbox` (reports waiting for the server, as JSON).

use super::js_error;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = r#"
let dbp = null;
function open() {
  if (!dbp) {
    dbp = new Promise((resolve, reject) => {
      const r = indexedDB.open('lapor', 1);
      r.onupgradeneeded = () => {
        const db = r.result;
        if (!db.objectStoreNames.contains('files')) db.createObjectStore('files');
        if (!db.objectStoreNames.contains('outbox')) db.createObjectStore('outbox');
      };
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => { dbp = null; reject(r.error); };
    });
  }
  return dbp;
}
function run(store, mode, f) {
  return open().then((db) => new Promise((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const req = f(tx.objectStore(store));
    tx.oncomplete = () => resolve(req ? req.result : undefined);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error('aborted'));
  }));
}
export function idb_put(store, key, value) { return run(store, 'readwrite', (s) => s.put(value, key)); }
export function idb_get(store, key) { return run(store, 'readonly', (s) => s.get(key)); }
export function idb_delete(store, key) { return run(store, 'readwrite', (s) => s.delete(key)); }
export function idb_all(store) { return run(store, 'readonly', (s) => s.getAll()); }
"#)]
extern "C" {
    fn idb_put(store: &str, key: &str, value: &JsValue) -> js_sys::Promise;
    fn idb_get(store: &str, key: &str) -> js_sys::Promise;
    fn idb_delete(store: &str, key: &str) -> js_sys::Promise;
    fn idb_all(store: &str) -> js_sys::Promise;
}

pub const FILES: &str = "files";
pub const OUTBOX: &str = "outbox";

pub async fn put(store: &str, key: &str, value: &JsValue) -> Result<(), String> {
    JsFuture::from(idb_put(store, key, value)).await.map(|_| ()).map_err(js_error)
}

/// `None` when the key is absent.
pub async fn get(store: &str, key: &str) -> Result<Option<JsValue>, String> {
    let v = JsFuture::from(idb_get(store, key)).await.map_err(js_error)?;
    Ok((!v.is_undefined() && !v.is_null()).then_some(v))
}

pub async fn delete(store: &str, key: &str) -> Result<(), String> {
    JsFuture::from(idb_delete(store, key)).await.map(|_| ()).map_err(js_error)
}

pub async fn all(store: &str) -> Result<Vec<JsValue>, String> {
    let v = JsFuture::from(idb_all(store)).await.map_err(js_error)?;
    Ok(js_sys::Array::from(&v).iter().collect())
}

/// Stores a serializable value as a JSON string.
pub async fn put_json<T: serde::Serialize>(store: &str, key: &str, value: &T) -> Result<(), String> {
    let s = serde_json::to_string(value).map_err(|e| e.to_string())?;
    put(store, key, &JsValue::from_str(&s)).await
}

pub async fn all_json<T: serde::de::DeserializeOwned>(store: &str) -> Result<Vec<T>, String> {
    Ok(all(store).await?.into_iter().filter_map(|v| serde_json::from_str(&v.as_string()?).ok()).collect())
}
