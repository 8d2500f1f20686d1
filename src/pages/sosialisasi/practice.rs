//! The presenter's practice session, shared by the slides through context:
//! resumed when the screen is reloaded, and its live list polled every two
//! seconds while it is open.

use crate::api::{self, ApiError};
use crate::pages::admin::guard;
use domain::practice::{PracticeClosed, PracticeLive, PracticeReport, PracticeSession};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// How often the live list asks the server (the practice reports appear
/// within this of being sent).
const POLL: Duration = Duration::from_secs(2);

#[derive(Clone, Copy)]
pub struct Practice {
    pub session: RwSignal<Option<PracticeSession>>,
    pub live: RwSignal<Option<PracticeLive>>,
    /// The server has said whether a session is open.
    pub known: RwSignal<bool>,
    pub error: RwSignal<Option<ApiError>>,
    /// What the last close deleted.
    pub closed: RwSignal<Option<PracticeClosed>>,
    /// The report being walked through.
    pub walking: RwSignal<Option<i64>>,
    busy: RwSignal<bool>,
}

impl Practice {
    /// Puts the practice in context, resumes an open session and starts polling.
    pub fn provide() -> Practice {
        let p = Practice {
            session: RwSignal::new(None),
            live: RwSignal::new(None),
            known: RwSignal::new(false),
            error: RwSignal::new(None),
            closed: RwSignal::new(None),
            walking: RwSignal::new(None),
            busy: RwSignal::new(false),
        };
        provide_context(p);
        spawn_local(async move {
            match guard(api::practice_mine().await) {
                Ok(list) => {
                    p.session.set(list.into_iter().next());
                    p.refresh();
                }
                Err(e) => p.error.set(Some(e)),
            }
            p.known.set(true);
        });
        if let Ok(handle) = set_interval_with_handle(move || p.refresh(), POLL) {
            on_cleanup(move || handle.clear());
        }
        p
    }

    /// Asks for the live list, unless a request is still out.
    pub fn refresh(self) {
        let Some(id) = self.session.get_untracked().map(|s| s.id) else { return };
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        spawn_local(async move {
            match guard(api::practice_live(id).await) {
                Ok(live) => {
                    self.live.set(Some(live));
                    self.error.set(None);
                }
                // Closed elsewhere (another tab): start over.
                Err(ApiError::NotFound(_)) => {
                    self.session.set(None);
                    self.live.set(None);
                }
                Err(e) => self.error.set(Some(e)),
            }
            self.busy.set(false);
        });
    }

    pub fn open(self) {
        spawn_local(async move {
            match guard(api::practice_open().await) {
                Ok(s) => {
                    self.closed.set(None);
                    self.session.set(Some(s));
                    self.refresh();
                }
                Err(e) => self.error.set(Some(e)),
            }
        });
    }

    pub fn close(self) {
        let Some(id) = self.session.get_untracked().map(|s| s.id) else { return };
        spawn_local(async move {
            match guard(api::practice_close(id).await) {
                Ok(done) => {
                    self.session.set(None);
                    self.live.set(None);
                    self.walking.set(None);
                    self.closed.set(Some(done));
                }
                Err(e) => self.error.set(Some(e)),
            }
        });
    }

    /// Puts a report as the server answered a step in the list (no refetch).
    pub fn replace(self, report: PracticeReport) {
        self.live.update(|l| {
            if let Some(slot) = l.as_mut().and_then(|l| l.reports.iter_mut().find(|r| r.id == report.id)) {
                *slot = report;
            }
        });
    }

    pub fn count(self) -> i64 {
        self.live.with(|l| l.as_ref().map_or(0, |l| l.count))
    }
}

pub fn use_practice() -> Practice {
    expect_context::<Practice>()
}
