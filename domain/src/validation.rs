//! Field validation shared by the form in the browser and the server.

use crate::api::NewReport;
use crate::{Date, Lang};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const TITLE_MIN: usize = 10;
pub const TITLE_MAX: usize = 150;
pub const BODY_MIN: usize = 50;
pub const BODY_MAX: usize = 5000;
pub const ADDRESS_MAX: usize = 300;
pub const NAME_MAX: usize = 100;

/// Declares `FieldIssue` and reads it back from one list of variants.
/// serde's derived `Deserialize` for an internally tagged enum buffers the
/// whole object first (measured: 3.6 KB of brotli on every page of the app);
/// this reads `{"code": …, "min": …}` in one pass instead.
macro_rules! field_issues {
    ($( $(#[$doc:meta])* $variant:ident $({ $($field:ident : $ty:ty),* })? ,)*) => {
        /// What is wrong with one field. Serialized as `{"code": "too_short", "min": 10}`.
        #[derive(Clone, Debug, PartialEq, Eq, Serialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(tag = "code", rename_all = "snake_case")]
        pub enum FieldIssue {
            $( $(#[$doc])* $variant $({ $($field: $ty),* })?, )*
        }

        /// The `code` of a [`FieldIssue`].
        #[derive(Deserialize)]
        #[serde(rename_all = "snake_case")]
        enum IssueCode { $($variant),* }

        impl IssueCode {
            fn with<E: serde::de::Error>(self, mut number: impl FnMut(&'static str) -> Result<u64, E>) -> Result<FieldIssue, E> {
                let _ = &mut number;
                Ok(match self {
                    $(IssueCode::$variant => FieldIssue::$variant $({ $($field: <$ty>::try_from(number(stringify!($field))?).map_err(|_| E::custom("number out of range"))?),* })?,)*
                })
            }
        }
    };
}

field_issues! {
    Required,
    TooShort { min: usize },
    TooLong { max: usize },
    InvalidDate,
    FutureDate,
    InvalidPhone,
    InvalidEmail,
    /// Phone or e-mail is needed unless the report is anonymous.
    ContactRequired,
    UnknownRegion,
    /// The region is not inside the one chosen above it.
    RegionMismatch,
    UnknownCategory,
    UnknownAgency,
    InvalidTrackingNumber,
    InvalidAccessCode,
    /// The file is none of the accepted kinds (judged by content, not name).
    UnsupportedFile,
    FileTooLarge { max_mb: u64 },
    TooManyFiles { max: usize },
    /// An attachment the server does not hold, or not for this client
    /// (upload it again).
    UnknownAttachment,
    /// Not 32–100 letters, digits, `-` or `_` (the client's random key).
    InvalidIdempotencyKey,
    /// This key was used for a different report.
    IdempotencyKeyReused,
    /// A status the public list does not show (`submitted`, `needs_info`, `archived`).
    NotPublicStatus,
    /// A page cursor (`after`) this server did not make.
    InvalidCursor,
    /// A rating is not one of 1–5 (or none was chosen).
    InvalidRating,
    /// No such report (or the report itself, where another is meant).
    UnknownReport,
    /// The current password is not this account's.
    WrongPassword,
    /// The new password is the old one.
    SamePassword,
    /// The practice session this report was for has been closed.
    PracticeClosed,
    /// A region outside the officer's jurisdiction.
    OutsideJurisdiction,
    /// Not letters, digits, `-`, `_` or `.`.
    InvalidUsername,
    /// Another account's user name, or another category's name.
    NameTaken,
    /// Only a day after today (a holiday already begun or past stays as it is).
    NotAhead,
    /// The date is a holiday already.
    DateTaken,
    /// Longer ago than the rule allows.
    TooOld { days: u64 },
    /// The incident is dated after the day the report was received.
    AfterReceived,
}

impl<'de> Deserialize<'de> for FieldIssue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Issue;
        impl<'de> serde::de::Visitor<'de> for Issue {
            type Value = FieldIssue;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a field issue: {\"code\": …}")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<FieldIssue, A::Error> {
                use serde::de::Error;
                let mut code = None;
                let mut numbers: Vec<(String, u64)> = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if key == "code" {
                        code = Some(map.next_value::<IssueCode>()?);
                    } else {
                        numbers.push((key, map.next_value()?));
                    }
                }
                let code = code.ok_or_else(|| A::Error::missing_field("code"))?;
                code.with(|name| {
                    numbers.iter().find(|(k, _)| k == name).map(|(_, v)| *v).ok_or_else(|| A::Error::missing_field(name))
                })
            }
        }
        deserializer.deserialize_map(Issue)
    }
}

impl FieldIssue {
    pub fn message(&self, lang: Lang) -> String {
        use FieldIssue::*;
        match (self, lang) {
            (Required, Lang::Id) => "Wajib diisi.".into(),
            (Required, Lang::En) => "Required.".into(),
            (TooShort { min }, Lang::Id) => format!("Terlalu pendek: paling sedikit {min} karakter."),
            (TooShort { min }, Lang::En) => format!("Too short: at least {min} characters."),
            (TooLong { max }, Lang::Id) => format!("Terlalu panjang: paling banyak {max} karakter."),
            (TooLong { max }, Lang::En) => format!("Too long: at most {max} characters."),
            (InvalidDate, Lang::Id) => "Tanggal tidak valid.".into(),
            (InvalidDate, Lang::En) => "Not a valid date.".into(),
            (FutureDate, Lang::Id) => "Tanggal tidak boleh di masa depan.".into(),
            (FutureDate, Lang::En) => "The date cannot be in the future.".into(),
            (InvalidPhone, Lang::Id) => "Nomor HP tidak valid (contoh: 0812 3456 7890).".into(),
            (InvalidPhone, Lang::En) => "Not a valid phone number (e.g. 0812 3456 7890).".into(),
            (InvalidEmail, Lang::Id) => "Alamat e-mail tidak valid.".into(),
            (InvalidEmail, Lang::En) => "Not a valid e-mail address.".into(),
            (ContactRequired, Lang::Id) => {
                "Isi nomor HP atau e-mail agar kami bisa menghubungi Anda, atau pilih Anonim.".into()
            }
            (ContactRequired, Lang::En) => "Give a phone number or e-mail so we can reach you, or choose Anonymous.".into(),
            (UnknownRegion, Lang::Id) => "Pilih wilayah dari daftar.".into(),
            (UnknownRegion, Lang::En) => "Choose a region from the list.".into(),
            (RegionMismatch, Lang::Id) => "Wilayah ini tidak berada di wilayah yang dipilih di atasnya.".into(),
            (RegionMismatch, Lang::En) => "This region is not inside the one chosen above it.".into(),
            (UnknownCategory, Lang::Id) => "Kategori tidak dikenal.".into(),
            (UnknownCategory, Lang::En) => "Unknown category.".into(),
            (UnknownAgency, Lang::Id) => "Instansi tidak dikenal.".into(),
            (UnknownAgency, Lang::En) => "Unknown agency.".into(),
            (InvalidTrackingNumber, Lang::Id) => {
                "Nomor pelacakan tidak valid: 12 angka, periksa lagi setiap angkanya.".into()
            }
            (InvalidTrackingNumber, Lang::En) => "Not a valid tracking number: 12 digits, check each digit.".into(),
            (InvalidAccessCode, Lang::Id) => "Kode akses tidak valid: 10 huruf/angka.".into(),
            (InvalidAccessCode, Lang::En) => "Not a valid access code: 10 letters/digits.".into(),
            (UnsupportedFile, Lang::Id) => "Jenis berkas tidak didukung: kirim foto (JPEG/PNG/WebP), PDF, atau video (MP4/WebM/3GP).".into(),
            (UnsupportedFile, Lang::En) => "File type not supported: send a photo (JPEG/PNG/WebP), a PDF or a video (MP4/WebM/3GP).".into(),
            (FileTooLarge { max_mb }, Lang::Id) => format!("Berkas terlalu besar: paling besar {max_mb} MB."),
            (FileTooLarge { max_mb }, Lang::En) => format!("File too large: at most {max_mb} MB."),
            (TooManyFiles { max }, Lang::Id) => format!("Paling banyak {max} lampiran."),
            (TooManyFiles { max }, Lang::En) => format!("At most {max} attachments."),
            (UnknownAttachment, Lang::Id) => "Lampiran belum terunggah; coba kirim lagi.".into(),
            (UnknownAttachment, Lang::En) => "An attachment was not uploaded yet; try sending again.".into(),
            (InvalidIdempotencyKey, Lang::Id) => "Kunci pengiriman tidak valid; kirim ulang laporan dari formulir.".into(),
            (InvalidIdempotencyKey, Lang::En) => "Invalid sending key; send the report again from the form.".into(),
            (IdempotencyKeyReused, Lang::Id) => "Kunci pengiriman ini sudah dipakai untuk laporan lain.".into(),
            (IdempotencyKeyReused, Lang::En) => "This sending key was already used for another report.".into(),
            (NotPublicStatus, Lang::Id) => "Status ini tidak ditampilkan untuk umum.".into(),
            (NotPublicStatus, Lang::En) => "This status is not shown to the public.".into(),
            (InvalidCursor, Lang::Id) => "Penanda halaman tidak valid; muat ulang daftar dari halaman pertama.".into(),
            (InvalidCursor, Lang::En) => "Invalid page marker; reload the list from the first page.".into(),
            (InvalidRating, Lang::Id) => "Pilih penilaian dari 1 (sangat tidak puas) sampai 5 (sangat puas).".into(),
            (InvalidRating, Lang::En) => "Choose a rating from 1 (very unsatisfied) to 5 (very satisfied).".into(),
            (UnknownReport, Lang::Id) => "Laporan dengan nomor ini tidak ada.".into(),
            (UnknownReport, Lang::En) => "There is no report with this number.".into(),
            (WrongPassword, Lang::Id) => "Kata sandi lama salah.".into(),
            (WrongPassword, Lang::En) => "The current password is wrong.".into(),
            (SamePassword, Lang::Id) => "Kata sandi baru harus berbeda dari yang lama.".into(),
            (SamePassword, Lang::En) => "The new password must differ from the old one.".into(),
            (PracticeClosed, Lang::Id) => "Sesi latihan ini sudah ditutup; laporan latihan tidak dapat dikirim lagi.".into(),
            (PracticeClosed, Lang::En) => "This practice session has been closed; practice reports can no longer be sent.".into(),
            (OutsideJurisdiction, Lang::Id) => "Wilayah ini di luar wilayah kerja Anda.".into(),
            (OutsideJurisdiction, Lang::En) => "This region is outside your jurisdiction.".into(),
            (InvalidUsername, Lang::Id) => "Hanya huruf, angka, - _ atau titik, tanpa spasi.".into(),
            (InvalidUsername, Lang::En) => "Only letters, digits, - _ or dots, no spaces.".into(),
            (NameTaken, Lang::Id) => "Nama ini sudah dipakai.".into(),
            (NameTaken, Lang::En) => "This name is already taken.".into(),
            (NotAhead, Lang::Id) => "Pilih tanggal sesudah hari ini.".into(),
            (NotAhead, Lang::En) => "Choose a date after today.".into(),
            (DateTaken, Lang::Id) => "Tanggal ini sudah hari libur.".into(),
            (DateTaken, Lang::En) => "This date is a holiday already.".into(),
            (TooOld { days }, Lang::Id) => format!("Paling lama {days} hari yang lalu."),
            (TooOld { days }, Lang::En) => format!("At most {days} days ago."),
            (AfterReceived, Lang::Id) => "Tanggal kejadian tidak boleh sesudah tanggal laporan diterima.".into(),
            (AfterReceived, Lang::En) => "The incident cannot be after the day the report was received.".into(),
        }
    }
}

/// Issues by field name (the JSON field names of the request).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldErrors(pub BTreeMap<String, Vec<FieldIssue>>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, issue: FieldIssue) {
        self.0.entry(field.to_string()).or_default().push(issue);
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn get(&self, field: &str) -> Option<&FieldIssue> {
        self.0.get(field).and_then(|v| v.first())
    }
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

/// Length in characters (not bytes), after trimming.
fn chars(s: &str) -> usize {
    s.trim().chars().count()
}

fn text(errs: &mut FieldErrors, field: &str, value: &str, min: usize, max: usize) {
    let n = chars(value);
    if n == 0 {
        errs.add(field, FieldIssue::Required);
    } else if n < min {
        errs.add(field, FieldIssue::TooShort { min });
    } else if n > max {
        errs.add(field, FieldIssue::TooLong { max });
    }
}

/// Indonesian mobile or landline numbers, local (08…, 0xx…) or international (+62…).
pub fn is_valid_phone(s: &str) -> bool {
    let s = s.trim();
    let body = s.strip_prefix('+').unwrap_or(s);
    if !body.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.')) {
        return false;
    }
    let digits = body.chars().filter(char::is_ascii_digit).count();
    (8..=15).contains(&digits)
}

pub fn is_valid_email(s: &str) -> bool {
    let s = s.trim();
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && !s.contains(char::is_whitespace)
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && s.len() <= 254
}

pub const IDEMPOTENCY_KEY_MIN: usize = 32;
pub const IDEMPOTENCY_KEY_MAX: usize = 100;

/// An idempotency key long enough to be random: 32–100 ASCII letters,
/// digits, `-` or `_` (a UUID or 32 hex digits fit).
pub fn is_valid_idempotency_key(key: &str) -> bool {
    (IDEMPOTENCY_KEY_MIN..=IDEMPOTENCY_KEY_MAX).contains(&key.len())
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A region code must sit under its parent: `61.09.01` under `61.09` under `61`.
pub fn region_is_under(child: &str, parent: &str) -> bool {
    child.len() > parent.len() && child.starts_with(parent) && child.as_bytes()[parent.len()] == b'.'
}

impl NewReport {
    /// Checks every field a person types. Whether codes and ids exist is the
    /// server's part (it has the lists); it reports those on the same fields.
    pub fn validate(&self, today: Date) -> Result<(), FieldErrors> {
        let mut errs = FieldErrors::default();
        text(&mut errs, "title", &self.title, TITLE_MIN, TITLE_MAX);
        text(&mut errs, "body", &self.body, BODY_MIN, BODY_MAX);

        match self.incident_date.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None if self.kind == crate::api::ReportKind::Pengaduan => errs.add("incident_date", FieldIssue::Required),
            None => {}
            Some(s) => match Date::parse(s) {
                None => errs.add("incident_date", FieldIssue::InvalidDate),
                Some(d) if d > today => errs.add("incident_date", FieldIssue::FutureDate),
                Some(_) => {}
            },
        }

        if self.province_code.trim().is_empty() {
            errs.add("province_code", FieldIssue::Required);
        }
        if self.regency_code.trim().is_empty() {
            errs.add("regency_code", FieldIssue::Required);
        } else if !self.province_code.is_empty() && !region_is_under(&self.regency_code, &self.province_code) {
            errs.add("regency_code", FieldIssue::RegionMismatch);
        }
        if let Some(d) = self.district_code.as_deref().filter(|s| !s.is_empty()) {
            if !region_is_under(d, &self.regency_code) {
                errs.add("district_code", FieldIssue::RegionMismatch);
            }
            if let Some(v) = self.village_code.as_deref().filter(|s| !s.is_empty()) {
                if !region_is_under(v, d) {
                    errs.add("village_code", FieldIssue::RegionMismatch);
                }
            }
        }
        if chars(&self.address) > ADDRESS_MAX {
            errs.add("address", FieldIssue::TooLong { max: ADDRESS_MAX });
        }

        let name = self.reporter_name.trim();
        let phone = self.reporter_phone.trim();
        let email = self.reporter_email.trim();
        if !self.anonymous && name.is_empty() {
            errs.add("reporter_name", FieldIssue::Required);
        }
        if chars(name) > NAME_MAX {
            errs.add("reporter_name", FieldIssue::TooLong { max: NAME_MAX });
        }
        if !phone.is_empty() && !is_valid_phone(phone) {
            errs.add("reporter_phone", FieldIssue::InvalidPhone);
        }
        if !email.is_empty() && !is_valid_email(email) {
            errs.add("reporter_email", FieldIssue::InvalidEmail);
        }
        if !self.anonymous && phone.is_empty() && email.is_empty() {
            errs.add("reporter_phone", FieldIssue::ContactRequired);
        }
        if self.idempotency_key.as_deref().is_some_and(|k| !is_valid_idempotency_key(k)) {
            errs.add("idempotency_key", FieldIssue::InvalidIdempotencyKey);
        }
        if self.attachments.len() > crate::attachments::MAX_ATTACHMENTS {
            errs.add("attachments", FieldIssue::TooManyFiles { max: crate::attachments::MAX_ATTACHMENTS });
        }
        if self.practice_code.as_deref().is_some_and(|c| crate::practice::normalize_code(c).is_none()) {
            errs.add("practice_code", FieldIssue::PracticeClosed);
        }
        errs.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ReportKind;

    fn today() -> Date {
        Date::parse("2026-11-23").unwrap()
    }

    #[test]
    fn field_issues_read_back_what_they_write() {
        use FieldIssue::*;
        for issue in [Required, TooShort { min: 10 }, TooLong { max: 150 }, FileTooLarge { max_mb: 20 }, TooManyFiles { max: 5 }, PracticeClosed] {
            let json = serde_json::to_string(&issue).unwrap();
            assert_eq!(serde_json::from_str::<FieldIssue>(&json).unwrap(), issue, "{json}");
        }
        assert_eq!(serde_json::to_string(&TooShort { min: 10 }).unwrap(), r#"{"code":"too_short","min":10}"#);
        assert_eq!(serde_json::from_str::<FieldIssue>(r#"{"min":3,"code":"too_short"}"#).unwrap(), TooShort { min: 3 });
        assert!(serde_json::from_str::<FieldIssue>(r#"{"code":"too_short"}"#).is_err(), "a missing number is refused");
        assert!(serde_json::from_str::<FieldIssue>(r#"{"code":"no_such_issue"}"#).is_err());
        assert!(serde_json::from_str::<FieldIssue>(r#"{"max":3}"#).is_err(), "a missing code is refused");
    }

    fn good() -> NewReport {
        NewReport {
            kind: ReportKind::Pengaduan,
            title: "Jalan rusak di Desa Sungai Ringin".into(),
            body: "Jalan poros desa berlubang sepanjang 200 meter sejak Agustus, sepeda motor sering jatuh saat hujan."
                .into(),
            incident_date: Some("2026-11-20".into()),
            province_code: "61".into(),
            regency_code: "61.09".into(),
            district_code: Some("61.09.01".into()),
            village_code: None,
            address: "Jl. Poros Desa".into(),
            category_id: None,
            target_agency_id: None,
            anonymous: false,
            confidential: false,
            reporter_name: "Yohanes".into(),
            reporter_phone: "0812-5678-9012".into(),
            reporter_email: String::new(),
            attachments: Vec::new(),
            idempotency_key: None,
            practice_code: None,
        }
    }

    #[test]
    fn a_complete_report_is_valid() {
        assert_eq!(good().validate(today()), Ok(()));
        let practice = NewReport { practice_code: Some("4829 1375 0619".into()), ..good() };
        assert_eq!(practice.validate(today()), Ok(()));
        let bad = NewReport { practice_code: Some("4829".into()), ..good() };
        assert_eq!(bad.validate(today()).unwrap_err().get("practice_code"), Some(&FieldIssue::PracticeClosed));
    }

    #[test]
    fn empty_and_short_fields_are_named() {
        let mut r = good();
        r.title = "  ".into();
        r.body = "Jalan rusak".into();
        let e = r.validate(today()).unwrap_err();
        assert_eq!(e.get("title"), Some(&FieldIssue::Required));
        assert_eq!(e.get("body"), Some(&FieldIssue::TooShort { min: BODY_MIN }));
        assert_eq!(e.0.len(), 2);
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        let mut r = good();
        r.title = "é".repeat(TITLE_MAX); // 300 bytes, 150 characters
        assert_eq!(r.validate(today()), Ok(()));
        r.title.push('é');
        assert_eq!(r.validate(today()).unwrap_err().get("title"), Some(&FieldIssue::TooLong { max: TITLE_MAX }));
    }

    #[test]
    fn incident_date_is_required_for_complaints_and_not_in_the_future() {
        let mut r = good();
        r.incident_date = Some("2026-11-24".into());
        assert_eq!(r.validate(today()).unwrap_err().get("incident_date"), Some(&FieldIssue::FutureDate));
        r.incident_date = Some("2026-02-30".into());
        assert_eq!(r.validate(today()).unwrap_err().get("incident_date"), Some(&FieldIssue::InvalidDate));
        r.incident_date = None;
        assert_eq!(r.validate(today()).unwrap_err().get("incident_date"), Some(&FieldIssue::Required));
        r.kind = ReportKind::Aspirasi;
        assert_eq!(r.validate(today()), Ok(()));
    }

    #[test]
    fn contact_is_needed_unless_anonymous() {
        let mut r = good();
        r.reporter_phone.clear();
        assert_eq!(r.validate(today()).unwrap_err().get("reporter_phone"), Some(&FieldIssue::ContactRequired));
        r.reporter_email = "warga@contoh".into();
        assert_eq!(r.validate(today()).unwrap_err().get("reporter_email"), Some(&FieldIssue::InvalidEmail));
        r.reporter_email = "warga@contoh.id".into();
        assert_eq!(r.validate(today()), Ok(()));
        let mut anon = good();
        anon.anonymous = true;
        anon.reporter_name.clear();
        anon.reporter_phone.clear();
        assert_eq!(anon.validate(today()), Ok(()));
    }

    #[test]
    fn attachments_are_limited() {
        let mut r = good();
        r.attachments = (0..6)
            .map(|i| crate::api::AttachmentClaim { id: format!("{i:064}"), token: format!("{i:064}") })
            .collect();
        assert_eq!(r.validate(today()).unwrap_err().get("attachments"), Some(&FieldIssue::TooManyFiles { max: 5 }));
        r.attachments.pop();
        assert_eq!(r.validate(today()), Ok(()));
    }

    #[test]
    fn idempotency_keys_must_be_long_and_plain() {
        let mut r = good();
        for bad in ["k", "1", &"a".repeat(31), &"a".repeat(101), "a1b2c3d4-e5f6-a7b8-c9d0-e1f2a3b4c5d6 ", "ä".repeat(32).as_str()] {
            r.idempotency_key = Some(bad.to_string());
            assert_eq!(r.validate(today()).unwrap_err().get("idempotency_key"), Some(&FieldIssue::InvalidIdempotencyKey), "{bad:?}");
        }
        for ok in ["0f8c2b9e4d7a41c3b2e1f0a9d8c7b6a5", "3fa85f64-5717-4562-b3fc-2c963f66afa6", &"Z_-9".repeat(25)] {
            r.idempotency_key = Some(ok.to_string());
            assert_eq!(r.validate(today()), Ok(()), "{ok:?}");
        }
    }

    #[test]
    fn phones_are_checked() {
        assert!(is_valid_phone("0812 3456 7890"));
        assert!(is_valid_phone("+62 812-3456-7890"));
        assert!(!is_valid_phone("12345"));
        assert!(!is_valid_phone("0812abc4567"));
    }

    #[test]
    fn regions_must_nest() {
        let mut r = good();
        r.regency_code = "61.03".into();
        let e = r.validate(today()).unwrap_err();
        assert_eq!(e.get("district_code"), Some(&FieldIssue::RegionMismatch));
        r.province_code = "62".into();
        let e = r.validate(today()).unwrap_err();
        assert_eq!(e.get("regency_code"), Some(&FieldIssue::RegionMismatch));
        assert!(region_is_under("61.09.01", "61.09"));
        assert!(!region_is_under("61.091", "61.09"));
    }

    #[test]
    fn issues_serialize_with_a_code_and_speak_both_languages() {
        let json = serde_json::to_string(&FieldIssue::TooShort { min: 10 }).unwrap();
        assert_eq!(json, r#"{"code":"too_short","min":10}"#);
        assert!(FieldIssue::Required.message(Lang::Id).contains("Wajib"));
        assert!(FieldIssue::Required.message(Lang::En).contains("Required"));
    }
}
