//! The receipt of a report entered from another channel: the tracking number
//! and the access code (shown this once: the server keeps only its hash),
//! what was received and when, the verification deadline, and a QR code that
//! opens the report. Printed on A4 or on a 58 mm receipt printer (the print
//! styles in `style/kelola.css` give each its page size and print only the
//! receipt); the preview on screen is what prints.

use crate::browser::share;
use crate::components::qr::Qr;
use crate::components::share::own_path;
use crate::format;
use crate::i18n::{kind_label, use_i18n};
use domain::api::NewReport;
use domain::intake::IntakeReceipt;
use domain::tracking::{display_access_code, display_tracking};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn Receipt(receipt: IntakeReceipt, report: NewReport, on_next: Callback<()>) -> impl IntoView {
    let i = use_i18n();
    // The paper: A4, or the 58 mm roll of a receipt printer.
    let narrow = RwSignal::new(false);
    let r = receipt.receipt.clone();
    let number = display_tracking(&r.tracking_number);
    let code = display_access_code(&r.access_code);
    let origin = share::origin();
    let link = format!("{origin}{}", own_path(&r.tracking_number, &r.access_code));
    let (channel, received, kind) = (receipt.channel, receipt.received_date.clone(), report.kind);
    let due = r.due_date.clone().unwrap_or_default();
    let reporter = (!report.anonymous).then(|| report.reporter_name.trim().to_string()).filter(|n| !n.is_empty());
    let office = receipt.office.clone();
    let entered_by = receipt.entered_by.clone();
    let created_at = r.created_at;
    let print = move |_| {
        let _ = window().print();
    };
    // Saved: the focus goes to what happened.
    request_animation_frame(|| {
        if let Some(el) = document().get_element_by_id("receipt-title").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    });
    view! {
        <h1 class="no-print" id="receipt-title" tabindex="-1">{i.t("Laporan tersimpan", "Report saved")}</h1>
        <div class="notice warn no-print" role="status">{i.t(
            "Cetak atau kirim tanda terima ini sekarang: kode akses hanya ditampilkan sekali.",
            "Print or send this receipt now: the access code is shown only this once.",
        )}</div>
        <fieldset class="choices no-print">
            <legend>{i.t("Ukuran kertas", "Paper")}</legend>
            <label class="check"><input type="radio" name="paper" prop:checked=move || !narrow.get() on:change=move |_| narrow.set(false) />"A4"</label>
            <label class="check"><input type="radio" name="paper" prop:checked=move || narrow.get() on:change=move |_| narrow.set(true) />
                {i.t("Struk 58 mm", "58 mm receipt")}</label>
        </fieldset>
        <section class="receipt-sheet" class:narrow=move || narrow.get() data-testid="receipt" aria-labelledby="receipt-heading">
            <header class="r-head">
                <p class="r-brand">"LAPOR!"</p>
                <h2 id="receipt-heading">{i.t("Tanda terima laporan", "Report receipt")}</h2>
                <p class="r-office">{move || match &office {
                    Some(o) => format!("{} · {o}", i.lang().pick("Admin koordinator", "Coordinator")),
                    None => "SP4N-LAPOR!".to_string(),
                }}</p>
            </header>
            <dl class="r-keys">
                <dt>{i.t("Nomor pelacakan", "Tracking number")}</dt>
                <dd class="r-number" data-testid="receipt-number">{number}</dd>
                <dt>{i.t("Kode akses (rahasia)", "Access code (secret)")}</dt>
                <dd class="r-number" data-testid="receipt-code">{code}</dd>
            </dl>
            <dl class="r-facts">
                <dt>{i.t("Jenis", "Kind")}</dt>
                <dd>{move || kind_label(kind, i.lang())}</dd>
                <dt>{i.t("Judul", "Title")}</dt>
                <dd>{report.title.trim().to_string()}</dd>
                <dt>{i.t("Diterima", "Received")}</dt>
                <dd data-testid="receipt-received">{move || format!("{}, {}", format::long_date(&received, i.lang()), channel.label(i.lang()))}</dd>
                <dt>{i.t("Pelapor", "Reporter")}</dt>
                <dd>{move || reporter.clone().unwrap_or_else(|| i.lang().pick("Anonim", "Anonymous").to_string())}</dd>
                <dt>{i.t("Dicatat", "Entered")}</dt>
                <dd>{move || format!("{}, {entered_by}", format::date_time(created_at, i.lang()))}</dd>
                <dt>{i.t("Batas verifikasi", "Verification due")}</dt>
                <dd data-testid="receipt-due">{move || format::long_date(&due, i.lang())}</dd>
            </dl>
            <div class="r-track">
                {move || view! { <Qr text=link.clone() label=i.lang().pick("Kode QR yang membuka laporan ini", "QR code that opens this report").to_string() /> }}
                <p>
                    {i.t("Pindai kode QR, atau buka ", "Scan the QR code, or open ")}
                    <strong>{format!("{origin}/lacak")}</strong>
                    {i.t(" lalu masukkan nomor pelacakan dan kode akses.", " and enter the tracking number and access code.")}
                </p>
            </div>
            <p class="r-note">{i.t(
                "Simpan tanda terima ini dan jangan bagikan kode aksesnya: dengan nomor dan kode akses Anda dapat melihat tindak lanjut, melengkapi, dan menilai laporan Anda. Laporan diverifikasi paling lambat pada tanggal di atas.",
                "Keep this receipt and do not share the access code: with the number and the code you can see the follow-up, add information and rate it. The report is verified by the date above.",
            )}</p>
        </section>
        <div class="cta no-print">
            <button type="button" class="button primary" on:click=print>{i.t("Cetak tanda terima", "Print the receipt")}</button>
            <a class="button" href=format!("/admin/laporan/{}", receipt.id)>{i.t("Buka laporan di antrean", "Open the report in the queue")}</a>
            <button type="button" class="button" on:click=move |_| on_next.run(())>{i.t("Catat laporan lain", "Enter another report")}</button>
        </div>
    }
}
