//! The plain-HTML first step of `/lapor` (in `lapor.html`, kept in the draft
//! by `public/first-step.js` while the app loads) is replaced by the app when
//! it starts: the app reads the same draft, so the text is already there;
//! only the focus and the caret have to move across.

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};

/// Where the person was typing in the plain step.
pub struct Caret {
    id: String,
    range: Option<(u32, u32)>,
}

/// Removes the plain step; returns where the person was typing in it.
pub fn remove() -> Option<Caret> {
    let doc = web_sys::window()?.document()?;
    let root = doc.get_element_by_id("first-step")?;
    let caret = doc.active_element().filter(|el| root.contains(Some(el.as_ref()))).map(|el| {
        let range = if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
            // Only text inputs have a selection (reading it on a radio throws).
            i.selection_start().ok().flatten().zip(i.selection_end().ok().flatten())
        } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
            t.selection_start().ok().flatten().zip(t.selection_end().ok().flatten())
        } else {
            None
        };
        Caret { id: el.id(), range }
    });
    root.remove();
    caret
}

/// Puts the focus and the caret back, in the app's field of the same id.
pub fn restore(caret: Option<Caret>) {
    let Some(Caret { id, range }) = caret else { return };
    let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&id)) else { return };
    if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
        let _ = i.focus();
        if let Some((a, b)) = range {
            let _ = i.set_selection_range(a, b);
        }
    } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
        let _ = t.focus();
        if let Some((a, b)) = range {
            let _ = t.set_selection_range(a, b);
        }
    } else if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = h.focus();
    }
}
