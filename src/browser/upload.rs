//! Uploading one file with progress (XMLHttpRequest; fetch has no upload progress).

use super::js_error;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = r#"
export function xhr_upload(url, blob, onProgress) {
  return new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open('POST', url);
    x.timeout = 120000;
    x.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    x.onload = () => resolve({ status: x.status, body: x.responseText });
    x.onerror = () => reject(new Error('network'));
    x.ontimeout = () => reject(new Error('timeout'));
    x.onabort = () => reject(new Error('aborted'));
    x.send(blob);
  });
}
"#)]
extern "C" {
    fn xhr_upload(url: &str, blob: &web_sys::Blob, on_progress: &js_sys::Function) -> js_sys::Promise;
}

/// The server's answer: status and body text. `Err` means no answer at all (network).
pub async fn upload(url: &str, blob: &web_sys::Blob, on_progress: impl Fn(f64) + 'static) -> Result<(u16, String), String> {
    let cb = Closure::<dyn Fn(f64)>::new(on_progress);
    let r = JsFuture::from(xhr_upload(url, blob, cb.as_ref().unchecked_ref())).await.map_err(js_error);
    drop(cb);
    let v = r?;
    let status = js_sys::Reflect::get(&v, &"status".into()).ok().and_then(|s| s.as_f64()).unwrap_or(0.0) as u16;
    let body = js_sys::Reflect::get(&v, &"body".into()).ok().and_then(|s| s.as_string()).unwrap_or_default();
    Ok((status, body))
}
