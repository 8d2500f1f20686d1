//! Reports that came by another channel — a letter, the counter, the phone,
//! SMS, e-mail or social media — entered into LAPOR! by a coordinator
//! (`POST /api/v1/admin/reports`). They count from the day they were
//! received: the verification deadline runs from then, and the recaps count
//! it as the day received.

use crate::api::{NewReport, SubmitReceipt};
use crate::validation::{FieldErrors, FieldIssue};
use crate::{Date, Lang};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// How a report reached LAPOR!.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The citizen's own form (this app, or an app on the API).
    #[default]
    Web,
    /// A letter (surat).
    Surat,
    /// In person at a service counter (loket, tatap muka).
    Loket,
    Telepon,
    Sms,
    Email,
    MediaSosial,
}

impl Channel {
    pub const ALL: [Channel; 7] =
        [Channel::Web, Channel::Surat, Channel::Loket, Channel::Telepon, Channel::Sms, Channel::Email, Channel::MediaSosial];
    /// The channels an officer enters a report from.
    pub const OTHER: [Channel; 6] = [Channel::Surat, Channel::Loket, Channel::Telepon, Channel::Sms, Channel::Email, Channel::MediaSosial];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Surat => "surat",
            Channel::Loket => "loket",
            Channel::Telepon => "telepon",
            Channel::Sms => "sms",
            Channel::Email => "email",
            Channel::MediaSosial => "media_sosial",
        }
    }
    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }
    pub fn label(self, lang: Lang) -> &'static str {
        let (id, en) = match self {
            Channel::Web => ("Situs/aplikasi LAPOR!", "LAPOR! web/app"),
            Channel::Surat => ("Surat", "Letter"),
            Channel::Loket => ("Loket / tatap muka", "Counter / in person"),
            Channel::Telepon => ("Telepon", "Phone"),
            Channel::Sms => ("SMS", "SMS"),
            Channel::Email => ("E-mail", "E-mail"),
            Channel::MediaSosial => ("Media sosial", "Social media"),
        };
        lang.pick(id, en)
    }
}

/// How long ago a report may have been received and still be entered: a
/// year typed wrong is caught, a backlog of letters is not refused.
pub const RECEIVED_MAX_DAYS: i64 = 90;
/// The reporter's other contact (a postal address, an account name).
pub const CONTACT_MAX: usize = 300;

/// `POST /api/v1/admin/reports`: a report received by another channel.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct IntakeReport {
    /// Any channel but `web`.
    pub channel: Channel,
    /// `YYYY-MM-DD`: when the letter, call or message was received; not in
    /// the future, at most 90 days ago. The deadlines count from it.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[0-9]{4}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
    pub received_date: String,
    /// Another way to reach the reporter: the letter's return address, an
    /// account on social media. With it, neither phone nor e-mail is needed.
    /// At most 300 characters once trimmed.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[\s\S]{0,298}[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?)?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
    pub reporter_contact: String,
    /// The report as the citizen's form would send it (its `practice_code`
    /// must be empty). Its files are the scanned letter, photos and the like,
    /// uploaded before with `POST /api/v1/attachments`.
    pub report: NewReport,
}

impl IntakeReport {
    /// The day received, when it is a date.
    pub fn received(&self) -> Option<Date> {
        Date::parse(self.received_date.trim())
    }

    /// The citizen form's rules, with the contact given another way allowed,
    /// and the channel and the day received checked (the field names are the
    /// request's: `channel`, `received_date`, `reporter_contact`, and the
    /// report's own, such as `title`).
    pub fn validate(&self, today: Date) -> Result<(), FieldErrors> {
        let mut errs = self.report.validate(today).err().unwrap_or_default();
        let contact = self.reporter_contact.trim();
        if !contact.is_empty() {
            if let Some(issues) = errs.0.get_mut("reporter_phone") {
                issues.retain(|x| *x != FieldIssue::ContactRequired);
                if issues.is_empty() {
                    errs.0.remove("reporter_phone");
                }
            }
        }
        if contact.chars().count() > CONTACT_MAX {
            errs.add("reporter_contact", FieldIssue::TooLong { max: CONTACT_MAX });
        }
        if self.channel == Channel::Web {
            errs.add("channel", FieldIssue::Required);
        }
        if self.report.practice_code.is_some() {
            errs.add("practice_code", FieldIssue::PracticeClosed);
        }
        match self.received() {
            None if self.received_date.trim().is_empty() => errs.add("received_date", FieldIssue::Required),
            None => errs.add("received_date", FieldIssue::InvalidDate),
            Some(d) if d > today => errs.add("received_date", FieldIssue::FutureDate),
            Some(d) if today.to_days() - d.to_days() > RECEIVED_MAX_DAYS => {
                errs.add("received_date", FieldIssue::TooOld { days: RECEIVED_MAX_DAYS as u64 })
            }
            Some(d) => {
                let incident = self.report.incident_date.as_deref().and_then(|s| Date::parse(s.trim()));
                if incident.is_some_and(|i| i > d) && errs.get("incident_date").is_none() {
                    errs.add("incident_date", FieldIssue::AfterReceived);
                }
            }
        }
        errs.into_result()
    }
}

/// The answer to an entered report: the reporter's receipt (shown once: the
/// access code is not kept), with what the printed receipt says beside it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct IntakeReceipt {
    /// The report in the console (`/admin/laporan/{id}`).
    pub id: i64,
    pub receipt: SubmitReceipt,
    pub channel: Channel,
    /// `YYYY-MM-DD`.
    pub received_date: String,
    /// The officer who entered it (display name).
    pub entered_by: String,
    /// The coordinator's office: the officer's jurisdiction, if any.
    #[serde(default)]
    pub office: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ReportKind;

    fn today() -> Date {
        Date::parse("2026-12-04").unwrap()
    }

    fn letter() -> IntakeReport {
        IntakeReport {
            channel: Channel::Surat,
            received_date: "2026-12-01".into(),
            reporter_contact: "Jl. Merdeka 1, Sekadau".into(),
            report: NewReport {
                kind: ReportKind::Pengaduan,
                title: "Jembatan desa rusak berat".into(),
                body: "Jembatan kayu di Dusun Sungai Ayak patah sejak banjir, anak sekolah menyeberang dengan perahu.".into(),
                incident_date: Some("2026-11-20".into()),
                province_code: "61".into(),
                regency_code: "61.09".into(),
                reporter_name: "Bapak Yohanes".into(),
                ..NewReport::default()
            },
        }
    }

    #[test]
    fn a_letter_with_a_postal_address_needs_no_phone() {
        assert_eq!(letter().validate(today()), Ok(()));
        let mut r = letter();
        r.reporter_contact = "  ".into();
        assert_eq!(r.validate(today()).unwrap_err().get("reporter_phone"), Some(&FieldIssue::ContactRequired));
        r.report.anonymous = true;
        r.report.reporter_name.clear();
        assert_eq!(r.validate(today()), Ok(()));
    }

    #[test]
    fn the_channel_is_not_the_web_form() {
        let mut r = letter();
        r.channel = Channel::Web;
        assert_eq!(r.validate(today()).unwrap_err().get("channel"), Some(&FieldIssue::Required));
    }

    #[test]
    fn the_day_received_is_a_past_date_not_too_long_ago() {
        let check = |d: &str| {
            let mut r = letter();
            r.received_date = d.into();
            r.report.incident_date = Some("2026-08-01".into());
            r.validate(today()).err().and_then(|e| e.get("received_date").cloned())
        };
        assert_eq!(check("2026-12-04"), None);
        assert_eq!(check(""), Some(FieldIssue::Required));
        assert_eq!(check("4/12/2026"), Some(FieldIssue::InvalidDate));
        assert_eq!(check("2026-12-05"), Some(FieldIssue::FutureDate));
        assert_eq!(check("2026-09-05"), None, "90 days ago");
        assert_eq!(check("2026-09-04"), Some(FieldIssue::TooOld { days: 90 }));
    }

    #[test]
    fn the_incident_happened_before_the_report_arrived() {
        let mut r = letter();
        r.report.incident_date = Some("2026-12-02".into());
        assert_eq!(r.validate(today()).unwrap_err().get("incident_date"), Some(&FieldIssue::AfterReceived));
        r.report.incident_date = Some("2026-12-01".into());
        assert_eq!(r.validate(today()), Ok(()));
    }

    #[test]
    fn no_practice_code_and_a_contact_of_bounded_length() {
        let mut r = letter();
        r.report.practice_code = Some("123456".into());
        r.reporter_contact = "x".repeat(CONTACT_MAX + 1);
        let e = r.validate(today()).unwrap_err();
        assert_eq!(e.get("practice_code"), Some(&FieldIssue::PracticeClosed));
        assert_eq!(e.get("reporter_contact"), Some(&FieldIssue::TooLong { max: CONTACT_MAX }));
    }

    #[test]
    fn channels_use_their_api_names() {
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.as_str()), Some(c));
            assert_eq!(serde_json::to_string(&c).unwrap(), format!("\"{}\"", c.as_str()));
        }
        assert!(!Channel::OTHER.contains(&Channel::Web));
    }
}
