//! The recap's pictures, drawn as SVG by the app: horizontal bars for a
//! table of counts, and the months of the period beside the previous
//! period's. Each picture stands beside its table (which screen readers
//! read); the picture itself is one labelled image.

use domain::recap::NamedCount;
use leptos::prelude::*;

/// Horizontal bars, one per row, longest first as the table has them.
#[component]
pub fn Bars(rows: Vec<(String, i64)>, label: String) -> impl IntoView {
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1) as f64;
    let row_h = 26.0;
    let height = (rows.len() as f64 * row_h).max(row_h);
    let bars = rows
        .into_iter()
        .enumerate()
        .map(|(n, (name, count))| {
            let y = n as f64 * row_h;
            let w = 300.0 * count as f64 / max;
            view! {
                <text x="0" y=y + 17.0 class="bar-label">{name}</text>
                <rect x="230" y=y + 4.0 width=w.max(1.0) height="18" class="bar" />
                <text x=236.0 + w y=y + 17.0 class="bar-value">{count}</text>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <svg class="chart bars" viewBox=format!("0 0 580 {height}") role="img" aria-label=label preserveAspectRatio="xMinYMin meet">
            {bars}
        </svg>
    }
}

/// Month by month: the period (dark) and the previous period (light) side by side.
#[component]
pub fn Trend(now: Vec<NamedCount>, before: Vec<NamedCount>, label: String) -> impl IntoView {
    let max = now.iter().chain(&before).map(|m| m.count).max().unwrap_or(0).max(1) as f64;
    let slot = 56.0;
    let (h, top) = (160.0, 14.0);
    let bar = |x: f64, count: i64, class: &'static str| {
        let bh = h * count as f64 / max;
        view! {
            <rect x=x y=top + h - bh width="20" height=bh.max(1.0) class=class />
            <text x=x + 10.0 y=top + h - bh - 3.0 class="bar-value" text-anchor="middle">{count}</text>
        }
    };
    let cols = now
        .iter()
        .enumerate()
        .map(|(n, m)| {
            let x = n as f64 * slot + 6.0;
            let prev = before.get(n).map(|b| b.count).unwrap_or(0);
            view! {
                {bar(x, prev, "bar previous")}
                {bar(x + 22.0, m.count, "bar")}
                <text x=x + 21.0 y=top + h + 16.0 class="bar-label" text-anchor="middle">{m.name.clone()}</text>
            }
        })
        .collect::<Vec<_>>();
    let width = (now.len() as f64 * slot + 12.0).max(120.0);
    view! {
        <svg class="chart trend" viewBox=format!("0 0 {width} {}", h + top + 22.0) role="img" aria-label=label>
            {cols}
        </svg>
    }
}
