//! The console's administration (`KelolaApp`, its own wasm): managing
//! accounts at `/admin/pengguna`.

mod users;

pub use users::UsersPage;
