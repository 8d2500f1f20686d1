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
