//! State the pages share: the signed-in admin, and the reports sent from this browser.

use domain::api::Me;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Thin wrappers over localStorage that never panic (private mode, full disk).
pub mod storage {
    fn local() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok()?
    }
    pub fn get(key: &str) -> Option<String> {
        local()?.get_item(key).ok()?
    }
    pub fn set(key: &str, value: &str) {
        if let Some(s) = local() {
            let _ = s.set_item(key, value);
        }
    }
    pub fn get_json<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
        serde_json::from_str(&get(key)?).ok()
    }
    pub fn set_json<T: serde::Serialize>(key: &str, value: &T) {
        if let Ok(s) = serde_json::to_string(value) {
            set(key, &s);
        }
    }
}

/// The signed-in admin; `None` when signed out or not yet known. `known`:
/// the server has been asked (the cookie is HttpOnly, so only it knows).
#[derive(Clone, Copy)]
pub struct Session(pub RwSignal<Option<Me>>, pub RwSignal<bool>);

pub fn provide_session() -> Session {
    let s = Session(RwSignal::new(None), RwSignal::new(false));
    provide_context(s);
    s
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

const MY_REPORTS_KEY: &str = "lapor.my_reports";

/// A report sent from this browser: the reporter keeps number and code here.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyReport {
    pub tracking_number: String,
    pub access_code: String,
    pub title: String,
    pub created_at: i64,
}

pub fn my_reports() -> Vec<MyReport> {
    storage::get_json(MY_REPORTS_KEY).unwrap_or_default()
}

pub fn remember_report(r: MyReport) {
    let mut all = my_reports();
    all.retain(|x| x.tracking_number != r.tracking_number);
    all.insert(0, r);
    storage::set_json(MY_REPORTS_KEY, &all);
}

pub fn access_code_for(tracking_number: &str) -> Option<String> {
    my_reports().into_iter().find(|r| r.tracking_number == tracking_number).map(|r| r.access_code)
}
