//! `/sosialisasi`: the presenter screen of a socialization event (its own
//! wasm, `SosialisasiApp`), for an officer's laptop on a projector: short
//! slides moved with the keyboard or a clicker, the practice form's QR code
//! and address on the local network, the practice reports arriving live,
//! and one of them walked through forwarding and follow-up.

mod deck;
mod join;
mod live;
mod practice;
pub mod slides;
mod walk;

pub use deck::Presenter;
