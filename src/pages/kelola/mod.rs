//! The console's administration (`KelolaApp`, its own wasm): accounts at
//! `/admin/pengguna`, categories at `/admin/kategori`, holidays at `/admin/libur`.

mod categories;
mod holidays;
mod users;

pub use categories::CategoriesPage;
pub use holidays::HolidaysPage;
pub use users::UsersPage;
