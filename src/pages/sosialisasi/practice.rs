//! The presenter's practice session, shared by the slides through context:
//! resumed when the screen is reloaded, and its live list polled every two
//! seconds while it is open (the polling is no activity: a session with no
//! new report and no step for `IDLE_SECS` ends by itself, and the slides
//! say so).

use crate::api::{self, ApiError};
use crate::i18n::use_i18n;
use crate::pages::admin::guard;
use domain::practice::{PracticeClosed, PracticeLive, PracticeReport, PracticeSession, IDLE_SECS, MAX_LIFE_SECS};
use domain::Lang;
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
    /// The open session was gone when the live list was asked for: ended by
    /// the server (idle, or at its maximum life) or closed in another tab.
    pub ended: RwSignal<bool>,
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
            ended: RwSignal::new(false),
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
                // Ended by the server, or closed elsewhere (another tab): start
                // over (unless this tab closed it meanwhile, or opened another).
                Err(ApiError::NotFound(_)) if self.session.get_untracked().is_some_and(|s| s.id == id) => {
                    self.session.set(None);
                    self.live.set(None);
                    self.walking.set(None);
                    self.ended.set(true);
                }
                Err(ApiError::NotFound(_)) => {}
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
                    self.ended.set(false);
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
                    self.ended.set(false);
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

/// Says that the session ended without its presenter (shown on the join and live slides).
#[component]
pub fn Ended() -> impl IntoView {
    let i = use_i18n();
    let p = use_practice();
    let text = move || {
        let (idle, max) = (IDLE_SECS / 3600, MAX_LIFE_SECS / 3600);
        match i.lang() {
            Lang::Id => format!(
                "Sesi latihan sudah berakhir: tidak ada laporan latihan baru atau langkah selama {idle} jam, sudah \
                 {max} jam sejak dibuka, atau ditutup di tab lain. Semua laporan latihannya sudah dihapus; buka \
                 sesi baru untuk berlatih lagi."
            ),
            Lang::En => format!(
                "The practice session has ended: no new practice report or step for {idle} hours, {max} hours \
                 since it was opened, or closed in another tab. All its practice reports are deleted; open a new \
                 session to practise again."
            ),
        }
    };
    view! {
        <Show when=move || p.ended.get()>
            <p class="notice warn" role="status" data-testid="session-ended">{text}</p>
        </Show>
    }
}
