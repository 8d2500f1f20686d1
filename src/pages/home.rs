use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn Home() -> impl IntoView {
    let i = use_i18n();
    view! {
        <main id="main" class="page home">
            <h1>{i.t("Sampaikan laporan Anda", "Tell the government what needs fixing")}</h1>
            <p class="lead">
                {i.t(
                    "LAPOR! meneruskan pengaduan, aspirasi, dan permintaan informasi Anda tentang pelayanan publik kepada instansi yang berwenang, dengan batas waktu yang jelas.",
                    "LAPOR! forwards your complaints, suggestions and information requests about public services to the agency in charge, with clear deadlines.",
                )}
            </p>
            <div class="cta">
                <a href="/lapor" class="button primary">{i.t("Buat laporan", "Write a report")}</a>
                <a href="/lacak" class="button">{i.t("Lacak laporan", "Track a report")}</a>
                <a href="/laporan" class="button">{i.t("Lihat laporan warga", "See citizens' reports")}</a>
            </div>
            <ol class="steps-explained">
                <li>{i.t("Tulis laporan: apa, di mana, kapan, siapa, bagaimana.", "Write what happened: what, where, when, who, how.")}</li>
                <li>{i.t("Koordinator memverifikasi dalam 3 hari kerja dan meneruskannya ke instansi.", "A coordinator verifies it within 3 working days and forwards it.")}</li>
                <li>{i.t("Instansi menindaklanjuti; Anda memantau dengan nomor pelacakan.", "The agency follows up; you follow it with your tracking number.")}</li>
            </ol>
        </main>
    }
}
