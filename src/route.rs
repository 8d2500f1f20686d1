//! Where the person is inside an area of the app: the address as signals.
//!
//! Each citizen area (`domain::areas`) is its own wasm with one or two pages,
//! so it needs no router crate: leptos_router adds about 50 KB of brotli to
//! every area's wasm (measured: the start page is 88 KB with it, 33 KB
//! without). Links inside the area change the address without a reload;
//! links leaving it are loaded by the browser. The officers' console, one
//! area of several pages, uses it too.

use domain::areas::Area;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlAnchorElement, MouseEvent, UrlSearchParams};

/// The address of the page shown, shared through context.
#[derive(Clone, Copy)]
pub struct Here {
    path: RwSignal<String>,
    search: RwSignal<String>,
}

fn location() -> web_sys::Location {
    window().location()
}

impl Here {
    /// The path (`/laporan/1234-5678-9012`), tracked.
    pub fn path(self) -> String {
        self.path.get()
    }

    /// A query parameter of the address (`?no=…`), tracked.
    pub fn query(self, key: &str) -> Option<String> {
        self.search.with(|s| UrlSearchParams::new_with_str(s).ok()?.get(key))
    }

    /// Shows another page of this area (`url`: a path with its query), as a
    /// new entry in the history, scrolled to the top.
    pub fn navigate(self, url: &str) {
        if let Ok(history) = window().history() {
            let _ = history.push_state_with_url(&JsValue::NULL, "", Some(url));
        }
        self.sync();
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }

    /// Reads the address into the signals (each only when it changed).
    fn sync(self) {
        let loc = location();
        let path = loc.pathname().unwrap_or_default();
        let search = loc.search().unwrap_or_default();
        if self.path.get_untracked() != path {
            self.path.set(path);
        }
        if self.search.get_untracked() != search {
            self.search.set(search);
        }
    }
}

/// Puts the address in context for `area`, follows back/forward, and turns
/// clicks on links inside the area into `navigate`.
pub fn provide_here(area: Area) -> Here {
    let here = Here { path: RwSignal::new(String::new()), search: RwSignal::new(String::new()) };
    here.sync();
    provide_context(here);
    let w = window();
    let popstate = Closure::<dyn Fn()>::new(move || here.sync());
    let _ = w.add_event_listener_with_callback("popstate", popstate.as_ref().unchecked_ref());
    popstate.forget();
    // On the window, so handlers on the link itself (and Leptos's delegated
    // ones on the document) run first and may prevent it.
    let click = Closure::<dyn Fn(MouseEvent)>::new(move |ev: MouseEvent| {
        if let Some(url) = inside_link(&ev, area) {
            ev.prevent_default();
            here.navigate(&url);
        }
    });
    let _ = w.add_event_listener_with_callback("click", click.as_ref().unchecked_ref());
    click.forget();
    here
}

/// The address a click leads to, when it is a plain click on a link to
/// another page of `area` (not a new tab, a download, an external link or an
/// anchor on this page).
fn inside_link(ev: &MouseEvent, area: Area) -> Option<String> {
    if ev.default_prevented() || ev.button() != 0 || ev.meta_key() || ev.ctrl_key() || ev.shift_key() || ev.alt_key() {
        return None;
    }
    let a: HtmlAnchorElement = ev.target()?.dyn_into::<Element>().ok()?.closest("a[href]").ok()??.unchecked_into();
    let external = a.get_attribute("rel").is_some_and(|r| r.split(' ').any(|w| w == "external"));
    if external || a.has_attribute("download") || !a.target().is_empty() {
        return None;
    }
    let loc = location();
    let (path, search) = (a.pathname(), a.search());
    if a.origin() != loc.origin().ok()? || Area::of(&path) != area {
        return None;
    }
    // The practice form and the real one keep separate drafts: always a page load between them.
    let practice = domain::practice::JOIN_PREFIX;
    if path.starts_with(practice) || loc.pathname().ok()?.starts_with(practice) {
        return None;
    }
    let same_page = path == loc.pathname().ok()? && search == loc.search().ok()?;
    if same_page && !a.hash().is_empty() {
        return None;
    }
    Some(format!("{path}{search}{}", a.hash()))
}

pub fn use_here() -> Option<Here> {
    use_context::<Here>()
}
