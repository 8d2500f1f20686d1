//! Indonesian first, English second. The chosen language is remembered in
//! localStorage and shared through context.

use crate::state::storage;
use domain::api::ReportKind;
use domain::{Lang, Status, Transition};
use leptos::prelude::*;

const LANG_KEY: &str = "lapor.lang";

#[derive(Clone, Copy)]
pub struct I18n(pub RwSignal<Lang>);

impl I18n {
    pub fn lang(self) -> Lang {
        self.0.get()
    }
    /// A reactive text: re-renders when the language changes.
    pub fn t(self, id: &'static str, en: &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || self.0.get().pick(id, en)
    }
    pub fn set(self, lang: Lang) {
        self.0.set(lang);
        storage::set(LANG_KEY, lang.code());
        set_document_lang(lang);
    }
}

fn set_document_lang(lang: Lang) {
    if let Some(el) = document().document_element() {
        let _ = el.set_attribute("lang", lang.code());
    }
}

/// Puts the language in context, restored from storage.
pub fn provide_i18n() -> I18n {
    let lang = storage::get(LANG_KEY).map(|s| Lang::from_code(&s)).unwrap_or_default();
    set_document_lang(lang);
    let i = I18n(RwSignal::new(lang));
    provide_context(i);
    i
}

pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n(RwSignal::new(Lang::Id)))
}

pub fn status_label(s: Status, lang: Lang) -> &'static str {
    s.label(lang)
}

pub fn kind_label(k: ReportKind, lang: Lang) -> &'static str {
    let (id, en) = match k {
        ReportKind::Pengaduan => ("Pengaduan", "Complaint"),
        ReportKind::Aspirasi => ("Aspirasi", "Aspiration"),
        ReportKind::PermintaanInformasi => ("Permintaan informasi", "Information request"),
    };
    lang.pick(id, en)
}

pub fn kind_hint(k: ReportKind, lang: Lang) -> &'static str {
    let (id, en) = match k {
        ReportKind::Pengaduan => (
            "Pelayanan publik yang buruk atau merugikan Anda, misalnya jalan rusak atau pungutan liar.",
            "A public service that failed or harmed you, e.g. a broken road or an illegal fee.",
        ),
        ReportKind::Aspirasi => (
            "Saran atau usulan untuk memperbaiki pelayanan publik.",
            "A suggestion or proposal to improve a public service.",
        ),
        ReportKind::PermintaanInformasi => (
            "Meminta informasi publik dari instansi pemerintah.",
            "Ask a government agency for public information.",
        ),
    };
    lang.pick(id, en)
}

pub fn transition_label(t: Transition, lang: Lang) -> &'static str {
    let (id, en) = match t {
        Transition::Dispatch => ("Verifikasi & disposisi", "Verify & forward"),
        Transition::RequestInfo => ("Minta dilengkapi", "Ask for more"),
        Transition::Archive => ("Arsipkan", "Archive"),
        Transition::Return => ("Kembalikan (bukan wewenang)", "Return (not our authority)"),
        Transition::Respond => ("Kirim tindak lanjut", "Post follow-up"),
        Transition::SupplyInfo => ("Lengkapi", "Supply information"),
        Transition::Close => ("Selesaikan", "Close"),
        Transition::Reopen => ("Buka kembali", "Reopen"),
    };
    lang.pick(id, en)
}
