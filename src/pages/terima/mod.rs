//! `/admin/terima` (`TerimaApp`, its own wasm): a report that came by
//! another channel, entered by a coordinator (`form`), and the reporter's
//! printed receipt (`receipt`).

mod form;
mod receipt;

pub use form::IntakePage;
