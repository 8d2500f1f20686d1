//! One recap table: a caption, its rows, a total where counts add up, and
//! its CSV download (UTF-8 with a byte-order mark, built in the browser
//! from the same rows).

use crate::i18n::use_i18n;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn Table(
    caption: String,
    /// The CSV file's name, without `.csv`.
    file: &'static str,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    /// The last row, in bold: the total.
    #[prop(optional)]
    total: Option<Vec<String>>,
    #[prop(optional)] testid: &'static str,
) -> impl IntoView {
    let i = use_i18n();
    let mut all = rows.clone();
    all.extend(total.clone());
    let csv = domain::recap::csv(&header.iter().map(String::as_str).collect::<Vec<_>>(), &all);
    let empty = rows.is_empty();
    view! {
        <div class="recap-table" data-testid=testid>
            <table>
                <caption>{caption}</caption>
                <thead><tr>{header.into_iter().enumerate().map(|(n, h)| view! { <th scope="col" class:num={n > 0}>{h}</th> }).collect::<Vec<_>>()}</tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>{r.into_iter().enumerate().map(|(n, c)| if n == 0 {
                            view! { <th scope="row">{c}</th> }.into_any()
                        } else {
                            view! { <td class="num">{c}</td> }.into_any()
                        }).collect::<Vec<_>>()}</tr>
                    }).collect::<Vec<_>>()}
                    {empty.then(|| view! { <tr><td colspan="9" class="muted">{i.t("Tidak ada laporan.", "No reports.")}</td></tr> })}
                </tbody>
                {total.map(|t| view! {
                    <tfoot><tr>{t.into_iter().enumerate().map(|(n, c)| if n == 0 {
                        view! { <th scope="row">{c}</th> }.into_any()
                    } else {
                        view! { <td class="num">{c}</td> }.into_any()
                    }).collect::<Vec<_>>()}</tr></tfoot>
                })}
            </table>
            <button type="button" class="button small csv" on:click=move |_| download(file, &csv)>
                {i.t("Unduh CSV", "Download CSV")}
            </button>
        </div>
    }
}

/// Saves `text` as `{name}.csv` through a link to a Blob.
fn download(name: &str, text: &str) {
    let parts = js_sys::Array::of1(&text.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("text/csv;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = document().create_element("a").map(|e| e.unchecked_into::<web_sys::HtmlAnchorElement>()) {
        a.set_href(&url);
        a.set_download(&format!("{name}.csv"));
        a.click();
    }
    set_timeout(move || drop(web_sys::Url::revoke_object_url(&url)), std::time::Duration::from_secs(30));
}
