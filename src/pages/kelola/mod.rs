//! The console's administration (`KelolaApp`, its own wasm): accounts at
//! `/admin/pengguna`, categories at `/admin/kategori`.

mod categories;
mod users;

pub use categories::CategoriesPage;
pub use users::UsersPage;
