//! A QR code drawn as SVG in the browser: one `<path>` of dark modules on a
//! white square with the standard quiet zone of four modules.

use leptos::prelude::*;
use qrcodegen::{QrCode, QrCodeEcc};
use std::fmt::Write;

/// The quiet zone around the code, in modules (the standard asks for 4).
pub const QUIET: i32 = 4;

/// The SVG path of the dark modules, each row's runs merged into one rectangle.
pub fn modules_path(qr: &QrCode) -> String {
    let mut d = String::new();
    for y in 0..qr.size() {
        let mut x = 0;
        while x < qr.size() {
            if qr.get_module(x, y) {
                let start = x;
                while x < qr.size() && qr.get_module(x, y) {
                    x += 1;
                }
                let _ = write!(d, "M{} {}h{}v1h-{}z", start + QUIET, y + QUIET, x - start, x - start);
            } else {
                x += 1;
            }
        }
    }
    d
}

/// The QR code of `text`. `label` is its text alternative; the link itself
/// is always shown as text beside it too.
#[component]
pub fn Qr(text: String, label: String) -> impl IntoView {
    let Ok(qr) = QrCode::encode_text(&text, QrCodeEcc::Medium) else { return ().into_any() };
    let side = qr.size() + 2 * QUIET;
    view! {
        <svg
            class="qr"
            xmlns="http://www.w3.org/2000/svg"
            viewBox=format!("0 0 {side} {side}")
            role="img"
            aria-label=label
            shape-rendering="crispEdges"
            data-testid="qr"
        >
            <rect width=side.to_string() height=side.to_string() fill="#fff" />
            <path d=modules_path(&qr) fill="#000" />
        </svg>
    }
    .into_any()
}
