//! The slides: one on screen at a time, large type, moved with the arrow
//! keys, Page Up/Down (what a presentation clicker sends) or the buttons;
//! `F` for full screen. After the content slides come the join slide (QR
//! code) and the live slide (practice reports and the walk).

use super::practice::Practice;
use super::slides::{Slide, SLIDES};
use super::{join::Join, live::Live};
use crate::i18n::use_i18n;
use crate::pages::admin::Gate;
use crate::state::storage;
use leptos::either::EitherOf3;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

const SLIDE_KEY: &str = "lapor.sosialisasi.slide";
/// The content slides, then the join slide and the live slide.
const TOTAL: usize = SLIDES.len() + 2;

#[component]
pub fn Presenter() -> impl IntoView {
    view! { <Gate class="presenter"><Deck /></Gate> }
}

/// Whether a key press belongs to a control (typing a follow-up, pressing a
/// button with Space), not to the slides.
fn in_control(ev: &web_sys::KeyboardEvent) -> bool {
    let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return false };
    match el.tag_name().as_str() {
        "INPUT" | "TEXTAREA" | "SELECT" => true,
        "BUTTON" | "A" | "SUMMARY" => matches!(ev.key().as_str(), " " | "Enter"),
        _ => false,
    }
}

fn toggle_fullscreen() {
    let doc = document();
    if doc.fullscreen_element().is_some() {
        doc.exit_fullscreen();
    } else if let Some(root) = doc.document_element() {
        let _ = root.request_fullscreen();
    }
}

#[component]
fn Deck() -> impl IntoView {
    let i = use_i18n();
    let practice = Practice::provide();
    let at = RwSignal::new(storage::get(SLIDE_KEY).and_then(|s| s.parse().ok()).unwrap_or(0usize).min(TOTAL - 1));
    Effect::new(move |_| storage::set(SLIDE_KEY, &at.get().to_string()));
    let go = move |by: isize| at.update(|a| *a = (*a as isize + by).clamp(0, TOTAL as isize - 1) as usize);
    let keys = window_event_listener(ev::keydown, move |ev| {
        if in_control(&ev) || ev.ctrl_key() || ev.alt_key() || ev.meta_key() {
            return;
        }
        let handled = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" | "PageDown" | " " => {
                go(1);
                true
            }
            "ArrowLeft" | "ArrowUp" | "PageUp" | "Backspace" => {
                go(-1);
                true
            }
            "Home" => {
                at.set(0);
                true
            }
            "End" => {
                at.set(TOTAL - 1);
                true
            }
            "f" | "F" => {
                toggle_fullscreen();
                true
            }
            _ => false,
        };
        if handled {
            ev.prevent_default();
        }
    });
    on_cleanup(move || keys.remove());
    let count = move || format!("{} / {TOTAL}", at.get() + 1);
    view! {
        <div class="deck">
            <header class="deck-bar">
                <span class="deck-brand"><span class="brand-mark" aria-hidden="true">"L"</span>" LAPOR! · "{i.t("Sosialisasi", "Socialization")}</span>
                <Badge practice />
            </header>
            {move || practice.error.get().map(|e| view! { <p class="notice error deck-error" role="alert">{e.message(i.lang())}</p> })}
            <section class="slide" aria-roledescription="slide" aria-labelledby="slide-title" data-testid="slide">
                {move || match at.get() {
                    n if n < SLIDES.len() => EitherOf3::A(view! { <Content slide=&SLIDES[n] /> }),
                    n if n == SLIDES.len() => EitherOf3::B(view! { <Join /> }),
                    _ => EitherOf3::C(view! { <Live /> }),
                }}
            </section>
            <footer class="deck-foot">
                <p class="deck-help">{i.t(
                    "Panah, Page Up/Down atau clicker: geser slide · F: layar penuh",
                    "Arrows, Page Up/Down or a clicker: move · F: full screen",
                )}</p>
                <nav class="deck-nav" aria-label=i.t("Slide", "Slides")>
                    <button type="button" class="button small" on:click=move |_| go(-1) disabled=move || at.get() == 0>
                        <span aria-hidden="true">"← "</span>{i.t("Sebelumnya", "Previous")}
                    </button>
                    <span class="deck-count" aria-live="polite" data-testid="slide-count">{count}</span>
                    <button type="button" class="button small" on:click=move |_| go(1) disabled=move || at.get() + 1 == TOTAL>
                        {i.t("Berikutnya", "Next")}<span aria-hidden="true">" →"</span>
                    </button>
                    <button type="button" class="button small" on:click=move |_| at.set(SLIDES.len())>{i.t("Kode QR", "QR code")}</button>
                    <button type="button" class="button small" on:click=move |_| at.set(TOTAL - 1)>{i.t("Laporan masuk", "Incoming")}</button>
                    <button type="button" class="button small" on:click=move |_| toggle_fullscreen() title=i.t("Tombol F", "Key F")>
                        {i.t("Layar penuh", "Full screen")}
                    </button>
                </nav>
            </footer>
        </div>
    }
}

#[component]
fn Content(slide: &'static Slide) -> impl IntoView {
    let i = use_i18n();
    let (tid, ten) = slide.title;
    view! {
        <h1 id="slide-title">{i.t(tid, ten)}</h1>
        <ul class="points">
            {slide.points.iter().map(|&(id, en)| view! { <li>{i.t(id, en)}</li> }).collect::<Vec<_>>()}
        </ul>
        {slide.example.map(|(id, en)| view! { <p class="example">{i.t(id, en)}</p> })}
    }
}

/// The practice reports received so far, on every slide.
#[component]
fn Badge(practice: Practice) -> impl IntoView {
    let i = use_i18n();
    view! {
        <span class="live-badge" role="status" data-testid="live-count">
            {move || match practice.session.get() {
                None => i.lang().pick("Sesi latihan belum dibuka", "No practice session open").to_string(),
                Some(_) => format!("{} {}", practice.count(), i.lang().pick("laporan latihan", "practice reports")),
            }}
        </span>
    }
}
