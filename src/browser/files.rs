//! Reading and preparing attachments in the browser: the first bytes (to
//! recognise the type by content) and photo downscaling on a canvas, which
//! re-encodes to JPEG and so drops EXIF, GPS included.

use super::js_error;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = r#"
export function head_bytes(blob, n) {
  return blob.slice(0, n).arrayBuffer().then((b) => new Uint8Array(b));
}
export async function downscale_jpeg(blob, maxSide, quality) {
  const bmp = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  const scale = Math.min(1, maxSide / Math.max(bmp.width, bmp.height));
  const w = Math.max(1, Math.round(bmp.width * scale));
  const h = Math.max(1, Math.round(bmp.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = w; canvas.height = h;
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, w, h);
  ctx.drawImage(bmp, 0, 0, w, h);
  bmp.close && bmp.close();
  return await new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob failed'))), 'image/jpeg', quality));
}
"#)]
extern "C" {
    fn head_bytes(blob: &web_sys::Blob, n: u32) -> js_sys::Promise;
    fn downscale_jpeg(blob: &web_sys::Blob, max_side: u32, quality: f64) -> js_sys::Promise;
}

/// The first `n` bytes of a file.
pub async fn head(blob: &web_sys::Blob, n: u32) -> Result<Vec<u8>, String> {
    let v = JsFuture::from(head_bytes(blob, n)).await.map_err(js_error)?;
    Ok(js_sys::Uint8Array::new(&v).to_vec())
}

/// A JPEG no larger than `max_side` on its longest side, without metadata.
pub async fn downscale(blob: &web_sys::Blob, max_side: u32) -> Result<web_sys::Blob, String> {
    let v = JsFuture::from(downscale_jpeg(blob, max_side, 0.82)).await.map_err(js_error)?;
    v.dyn_into::<web_sys::Blob>().map_err(js_error)
}
