//! The console's administration (`KelolaApp`, its own wasm): accounts at
//! `/admin/pengguna`, agencies at `/admin/instansi`, categories at `/admin/kategori`, holidays at `/admin/libur`.

mod agencies;
mod categories;
mod holidays;
mod users;

pub use agencies::AgenciesPage;
pub use categories::CategoriesPage;
pub use holidays::HolidaysPage;
pub use users::UsersPage;

use crate::api::ApiError;
use crate::i18n::use_i18n;
use crate::pages::admin::guard;
use leptos::prelude::*;
use std::future::Future;

/// The page's heading, and why this officer's role may not use it.
fn refused(title: (&'static str, &'static str), why: (&'static str, &'static str)) -> AnyView {
    let i = use_i18n();
    view! {
        <h1>{i.t(title.0, title.1)}</h1>
        <p class="notice error" role="alert">{i.t(why.0, why.1)}</p>
    }
    .into_any()
}

/// A list as the server answered it, in a signal (`rows`) the page then
/// changes row by row from the server's answers to each change, never by
/// asking for the list again; `load` reads the list again only when the
/// signals it reads change (a search, a year). `loaded` holds the answer,
/// an error included.
struct ServerList<T: 'static> {
    rows: RwSignal<Vec<T>>,
    loaded: LocalResource<Result<Vec<T>, ApiError>>,
}

impl<T: Clone + Send + Sync + 'static> ServerList<T> {
    fn new<F: Future<Output = Result<Vec<T>, ApiError>> + 'static>(load: impl Fn() -> F + 'static) -> ServerList<T> {
        let rows = RwSignal::new(Vec::new());
        let loaded = LocalResource::new(move || {
            let answer = load();
            async move { guard(answer.await) }
        });
        Effect::new(move || {
            if let Some(Ok(list)) = loaded.get() {
                rows.set(list);
            }
        });
        ServerList { rows, loaded }
    }

    /// The server's answer `row` in place of the row `same` finds, or added
    /// first (`first`) or last.
    fn keep(&self, row: T, same: impl Fn(&T) -> bool, first: bool) {
        self.rows.update(|list| match list.iter_mut().find(|x| same(x)) {
            Some(x) => *x = row,
            None if first => list.insert(0, row),
            None => list.push(row),
        })
    }

    /// Why the list could not be read, if it could not.
    fn failed(&self) -> Option<ApiError> {
        self.loaded.get().and_then(Result::err)
    }
}

impl<T: 'static> Clone for ServerList<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: 'static> Copy for ServerList<T> {}
