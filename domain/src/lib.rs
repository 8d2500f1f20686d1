//! The LAPOR! API contract and the rules the browser and the server share.
//!
//! Pure code only: no I/O, no clock, no randomness source. Callers pass in
//! "today" and random bytes, so every rule is testable and identical on both sides.

pub mod accounts;
pub mod agencies;
pub mod api;
pub mod areas;
pub mod attachments;
pub mod audit;
pub mod calendar;
pub mod categories;
pub mod events;
pub mod handling;
pub mod holidays;
pub mod intake;
pub mod jurisdiction;
pub mod messages;
pub mod practice;
pub mod public;
pub mod queue;
pub mod recap;
pub mod rating;
pub mod routing;
pub mod status;
pub mod tracking;
pub mod validation;

pub use calendar::{Calendar, Date};
pub use events::EventKind;
pub use messages::Lang;
pub use status::{Actor, FollowupClass, Status, Transition, TransitionError};
pub use validation::{FieldErrors, FieldIssue};
