//! The LAPOR! web client: a Leptos app rendered in the browser.
//!
//! Layers: `api` (the one typed client of our server), `state` (what pages
//! share through context), `components` (reusable pieces), `pages` (routes).

pub mod api;
pub mod browser;
pub mod draft;
pub mod first_step;
pub mod outbox;
pub mod app;
pub mod components;
pub mod format;
pub mod i18n;
pub mod pages;
pub mod route;
pub mod state;
