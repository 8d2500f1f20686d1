//! What a coordinator decides about a report besides its status: why it was
//! archived, and which kind of maladministration it describes.

use crate::Lang;
use serde::{Deserialize, Serialize};

/// Why a report is archived instead of followed up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ArchiveReason {
    /// Not about a public service (a private dispute, a question for a company).
    NotPublicService,
    /// Too unclear to act on, and the reporter did not complete it.
    Unclear,
    /// The same matter as an earlier report (`duplicate_of` names it).
    Duplicate,
    /// No agency connected to LAPOR! has authority over it.
    OutsideAuthority,
    /// Insults, threats or hate speech.
    Abusive,
    /// Advertising, tests, nonsense.
    Spam,
}

impl ArchiveReason {
    pub const ALL: [ArchiveReason; 6] = [
        ArchiveReason::NotPublicService,
        ArchiveReason::Unclear,
        ArchiveReason::Duplicate,
        ArchiveReason::OutsideAuthority,
        ArchiveReason::Abusive,
        ArchiveReason::Spam,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ArchiveReason::NotPublicService => "not_public_service",
            ArchiveReason::Unclear => "unclear",
            ArchiveReason::Duplicate => "duplicate",
            ArchiveReason::OutsideAuthority => "outside_authority",
            ArchiveReason::Abusive => "abusive",
            ArchiveReason::Spam => "spam",
        }
    }

    pub fn parse(s: &str) -> Option<ArchiveReason> {
        ArchiveReason::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let (id, en) = match self {
            ArchiveReason::NotPublicService => ("Bukan masalah pelayanan publik", "Not a public-service matter"),
            ArchiveReason::Unclear => ("Laporan tidak jelas", "Unclear report"),
            ArchiveReason::Duplicate => ("Duplikat laporan lain", "Duplicate of another report"),
            ArchiveReason::OutsideAuthority => ("Di luar kewenangan instansi mana pun", "Outside any agency's authority"),
            ArchiveReason::Abusive => ("Kasar, mengancam atau menghina", "Abusive, threatening or insulting"),
            ArchiveReason::Spam => ("Spam, iklan atau uji coba", "Spam, advertising or a test"),
        };
        lang.pick(id, en)
    }
}

/// The Ombudsman's types of maladministration; a coordinator may tag a report with one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Maladministration {
    PenundaanBerlarut,
    TidakMemberikanPelayanan,
    TidakKompeten,
    PenyalahgunaanWewenang,
    PermintaanImbalan,
    PenyimpanganProsedur,
    BertindakTidakPatut,
    Berpihak,
    KonflikKepentingan,
    Diskriminasi,
}

impl Maladministration {
    pub const ALL: [Maladministration; 10] = [
        Maladministration::PenundaanBerlarut,
        Maladministration::TidakMemberikanPelayanan,
        Maladministration::TidakKompeten,
        Maladministration::PenyalahgunaanWewenang,
        Maladministration::PermintaanImbalan,
        Maladministration::PenyimpanganProsedur,
        Maladministration::BertindakTidakPatut,
        Maladministration::Berpihak,
        Maladministration::KonflikKepentingan,
        Maladministration::Diskriminasi,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Maladministration::PenundaanBerlarut => "penundaan_berlarut",
            Maladministration::TidakMemberikanPelayanan => "tidak_memberikan_pelayanan",
            Maladministration::TidakKompeten => "tidak_kompeten",
            Maladministration::PenyalahgunaanWewenang => "penyalahgunaan_wewenang",
            Maladministration::PermintaanImbalan => "permintaan_imbalan",
            Maladministration::PenyimpanganProsedur => "penyimpangan_prosedur",
            Maladministration::BertindakTidakPatut => "bertindak_tidak_patut",
            Maladministration::Berpihak => "berpihak",
            Maladministration::KonflikKepentingan => "konflik_kepentingan",
            Maladministration::Diskriminasi => "diskriminasi",
        }
    }

    pub fn parse(s: &str) -> Option<Maladministration> {
        Maladministration::ALL.into_iter().find(|m| m.as_str() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let (id, en) = match self {
            Maladministration::PenundaanBerlarut => ("Penundaan berlarut", "Undue delay"),
            Maladministration::TidakMemberikanPelayanan => ("Tidak memberikan pelayanan", "Service not given"),
            Maladministration::TidakKompeten => ("Tidak kompeten", "Incompetence"),
            Maladministration::PenyalahgunaanWewenang => ("Penyalahgunaan wewenang", "Abuse of authority"),
            Maladministration::PermintaanImbalan => ("Permintaan imbalan", "Asking for payment"),
            Maladministration::PenyimpanganProsedur => ("Penyimpangan prosedur", "Deviation from procedure"),
            Maladministration::BertindakTidakPatut => ("Bertindak tidak patut", "Improper conduct"),
            Maladministration::Berpihak => ("Berpihak", "Partiality"),
            Maladministration::KonflikKepentingan => ("Konflik kepentingan", "Conflict of interest"),
            Maladministration::Diskriminasi => ("Diskriminasi", "Discrimination"),
        };
        lang.pick(id, en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_as_serialized() {
        for r in ArchiveReason::ALL {
            assert_eq!(ArchiveReason::parse(r.as_str()), Some(r));
            assert_eq!(serde_json::to_string(&r).unwrap(), format!("\"{}\"", r.as_str()));
        }
        for m in Maladministration::ALL {
            assert_eq!(Maladministration::parse(m.as_str()), Some(m));
            assert_eq!(serde_json::to_string(&m).unwrap(), format!("\"{}\"", m.as_str()));
        }
    }
}
