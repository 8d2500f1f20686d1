//! Dates and times through the browser's own Intl machinery (no date crate in the wasm).

use domain::{Date, Lang};
use std::cell::RefCell;
use wasm_bindgen::JsValue;

fn locale(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "id-ID",
        Lang::En => "en-GB",
    }
}

fn options(pairs: &[(&str, &str)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    o.into()
}

thread_local! {
    /// The date-time formatter of each language, made once: making one costs
    /// more than formatting, and a list formats a date on every row.
    static DATE_TIME: RefCell<[Option<js_sys::Function>; 2]> = const { RefCell::new([None, None]) };
}

/// Unix seconds → "23 Nov 2026, 14.05" in the viewer's time zone.
pub fn date_time(unix_seconds: i64, lang: Lang) -> String {
    let format = DATE_TIME.with_borrow_mut(|f| {
        f[lang as usize]
            .get_or_insert_with(|| {
                js_sys::Intl::DateTimeFormat::new(
                    &js_sys::Array::of1(&JsValue::from_str(locale(lang))),
                    &options(&[("day", "numeric"), ("month", "short"), ("year", "numeric"), ("hour", "2-digit"), ("minute", "2-digit")])
                        .into(),
                )
                .format()
            })
            .clone()
    });
    let d = js_sys::Date::new(&JsValue::from_f64(unix_seconds as f64 * 1000.0));
    format.call1(&JsValue::NULL, &d).ok().and_then(|s| s.as_string()).unwrap_or_default()
}

/// A `YYYY-MM-DD` date as the options say (the date itself, in no time zone).
fn date_as(iso: &str, lang: Lang, opts: &[(&str, &str)]) -> String {
    let Some(date) = Date::parse(iso) else { return iso.to_string() };
    let d = js_sys::Date::new(&JsValue::from_f64(date.to_days() as f64 * 86_400_000.0));
    d.to_locale_date_string(locale(lang), &options(opts)).into()
}

/// `2026-11-26` → "Kamis, 26 November 2026".
pub fn long_date(iso: &str, lang: Lang) -> String {
    date_as(iso, lang, &[("weekday", "long"), ("day", "numeric"), ("month", "long"), ("year", "numeric"), ("timeZone", "UTC")])
}

/// `2026-11-26` → "26 Nov 2026" (the console's tables).
pub fn short_date(iso: &str, lang: Lang) -> String {
    date_as(iso, lang, &[("day", "numeric"), ("month", "short"), ("year", "numeric"), ("timeZone", "UTC")])
}

/// The browser's local date today.
pub fn today() -> Date {
    let d = js_sys::Date::new_0();
    Date::new(d.get_full_year() as i32, d.get_month() + 1, d.get_date()).unwrap_or(Date { year: 2026, month: 1, day: 1 })
}

/// 1536 → "1,5 KB" (Indonesian) / "1.5 KB" (English), through Intl.
pub fn bytes(n: u64, lang: Lang) -> String {
    if n < 1024 {
        return format!("{n} B");
    }
    let (v, unit) = if n >= 1024 * 1024 {
        (n as f64 / (1024.0 * 1024.0), "MB")
    } else {
        (n as f64 / 1024.0, "KB")
    };
    format!("{} {unit}", decimal(v, 1, lang).unwrap_or_else(|| format!("{}", v.round() as u64)))
}

/// A share from 0.0 to 1.0 as a whole percentage, for `<progress max="100">`.
/// (Whole numbers keep Rust's float formatting out of the wasm.)
pub fn percent(share: f64) -> u32 {
    (share.clamp(0.0, 1.0) * 100.0).round() as u32
}

/// 1234 → "1.234" (Indonesian) / "1,234" (English), through Intl.
pub fn number(n: i64, lang: Lang) -> String {
    decimal(n as f64, 0, lang).unwrap_or_else(|| n.to_string())
}

fn decimal(v: f64, max_fraction_digits: u8, lang: Lang) -> Option<String> {
    let digits = max_fraction_digits.to_string();
    let nf = js_sys::Intl::NumberFormat::new(
        &js_sys::Array::of1(&JsValue::from_str(locale(lang))),
        &options(&[("maximumFractionDigits", &digits)]).into(),
    );
    nf.format().call1(&JsValue::NULL, &JsValue::from_f64(v)).ok().and_then(|s| s.as_string())
}
