//! The console's administration (`KelolaApp`, its own wasm): accounts at
//! `/admin/pengguna`, agencies at `/admin/instansi`, categories at `/admin/kategori`, holidays at `/admin/libur`,
//! and reports from other channels at `/admin/terima` (with the reporter's printed receipt).

mod agencies;
mod categories;
mod holidays;
mod intake;
mod receipt;
mod users;

pub use agencies::AgenciesPage;
pub use categories::CategoriesPage;
pub use holidays::HolidaysPage;
pub use intake::IntakePage;
pub use users::UsersPage;
