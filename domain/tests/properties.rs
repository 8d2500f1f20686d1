//! Property tests of the parsers and validators that read what people type
//! and what clients send: tracking numbers, access codes, dates, region
//! codes, attachment sniffing and the new-report form. Each property runs
//! `CASES` generated cases (a fixed count, so the run is time-boxed; the
//! seed is random, and a failure is kept in `proptest-regressions/`).

use domain::api::{NewReport, ReportKind};
use domain::attachments::{check_file, sniff, AttachmentKind, MAX_PDF_BYTES, MAX_PHOTO_BYTES, MAX_VIDEO_BYTES};
use domain::calendar::days_in_month;
use domain::intake::{Channel, IntakeReport};
use domain::jurisdiction::{is_jurisdiction_code, within};
use domain::tracking::{
    access_code_from_random, display_access_code, display_tracking, normalize_access_code, normalize_tracking,
    tracking_from_random,
};
use domain::validation::region_is_under;
use domain::{Date, FieldIssue};
use proptest::prelude::*;

/// Cases per property.
const CASES: u32 = 2000;

fn config() -> ProptestConfig {
    ProptestConfig { cases: CASES, ..ProptestConfig::default() }
}

/// What a person may type between the digits of a tracking number.
fn separator() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(vec![' ', '-', '.', '\u{a0}']), 0..3).prop_map(|v| v.into_iter().collect())
}

/// Any text, biased towards the characters the parsers look at.
fn texty() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9 .\\-\u{a0}]{0,20}",
        "[0-9a-zA-Z .\\-]{0,16}",
        "[0-9+\\-]{0,5}-[0-9+\\-]{0,3}-[0-9+\\-]{0,3}",
        "[0-9.]{0,16}",
    ]
}

fn date() -> impl Strategy<Value = Date> {
    (0i32..=9999, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| Date::new(y, m, d.min(days_in_month(y, m))).expect("a real day"))
}

proptest! {
    #![proptest_config(config())]

    // --- Tracking numbers -------------------------------------------------

    /// Any 11 digits are completed to a tracking number by exactly one check digit.
    #[test]
    fn any_eleven_digits_take_exactly_one_check_digit(digits in "[0-9]{11}") {
        let valid: Vec<String> = (0..10).map(|d| format!("{digits}{d}")).filter(|n| normalize_tracking(n).is_some()).collect();
        prop_assert_eq!(valid.len(), 1, "{:?}", valid);
    }

    /// A number the server makes is canonical, starts with no zero, and is
    /// read back from its display form with any separators around its digits.
    #[test]
    fn numbers_round_trip_through_what_people_type(random in any::<u64>(), seps in prop::collection::vec(separator(), 13)) {
        let n = tracking_from_random(random);
        prop_assert_eq!(n.len(), 12);
        prop_assert!(n.bytes().all(|b| b.is_ascii_digit()) && !n.starts_with('0'));
        prop_assert_eq!(normalize_tracking(&n), Some(n.clone()));
        prop_assert_eq!(normalize_tracking(&display_tracking(&n)), Some(n.clone()));
        let typed: String = n.chars().zip(&seps).map(|(c, s)| format!("{s}{c}")).collect::<String>() + &seps[12];
        prop_assert_eq!(normalize_tracking(&typed), Some(n));
    }

    /// Every single-digit typo and every swap of two different neighbours is caught.
    #[test]
    fn one_typo_or_one_swap_is_caught(random in any::<u64>(), at in 0usize..12, wrong in 1u8..10) {
        let n = tracking_from_random(random).into_bytes();
        let mut typo = n.clone();
        typo[at] = b'0' + (n[at] - b'0' + wrong) % 10;
        prop_assert_eq!(normalize_tracking(std::str::from_utf8(&typo).unwrap()), None);
        let i = at.min(10);
        if n[i] != n[i + 1] {
            let mut swapped = n.clone();
            swapped.swap(i, i + 1);
            prop_assert_eq!(normalize_tracking(std::str::from_utf8(&swapped).unwrap()), None);
        }
    }

    /// Anything at all: no panic, and what is accepted is canonical.
    #[test]
    fn any_text_is_a_tracking_number_or_not(s in texty()) {
        if let Some(n) = normalize_tracking(&s) {
            prop_assert_eq!(n.len(), 12);
            prop_assert!(n.bytes().all(|b| b.is_ascii_digit()));
            prop_assert_eq!(normalize_tracking(&n), Some(n.clone()));
            prop_assert_eq!(normalize_tracking(&display_tracking(&n)), Some(n));
        }
    }

    // --- Access codes ------------------------------------------------------

    /// A code the server makes is 10 characters without look-alikes, read
    /// back from its display form in any case.
    #[test]
    fn access_codes_round_trip(random in any::<[u8; 10]>(), upper in any::<bool>()) {
        let c = access_code_from_random(random);
        prop_assert_eq!(c.chars().count(), 10);
        prop_assert!(!c.contains(['0', '1', 'o', 'l', 'i']));
        let shown = display_access_code(&c);
        let typed = if upper { shown.to_uppercase() } else { shown };
        prop_assert_eq!(normalize_access_code(&typed), Some(c.clone()));
        prop_assert_eq!(normalize_access_code(&c), Some(c));
    }

    /// Anything at all: no panic, and what is accepted is canonical.
    #[test]
    fn any_text_is_an_access_code_or_not(s in texty()) {
        if let Some(c) = normalize_access_code(&s) {
            prop_assert_eq!(c.len(), 10);
            prop_assert!(c.bytes().all(|b| b"23456789abcdefghjkmnpqrstuvwxyz".contains(&b)));
            prop_assert_eq!(normalize_access_code(&c), Some(c));
        }
    }

    // --- Dates ---------------------------------------------------------------

    /// A real day is written `YYYY-MM-DD` and read back, with whitespace around it.
    #[test]
    fn dates_round_trip_through_their_text(d in date()) {
        let text = d.to_string();
        prop_assert_eq!(text.len(), 10);
        prop_assert_eq!(Date::parse(&text), Some(d));
        prop_assert_eq!(Date::parse(&format!(" \t{text}\n")), Some(d));
    }

    /// Days since 1970 and dates are one-to-one, in order, a week of 7 days.
    #[test]
    fn days_and_dates_are_inverse(d in date(), n in -800_000i64..3_000_000) {
        prop_assert_eq!(Date::from_days(d.to_days()), d);
        prop_assert_eq!(Date::from_days(n).to_days(), n);
        prop_assert!(Date::from_days(n) < Date::from_days(n + 1));
        prop_assert_eq!(d.add_days(1).weekday(), (d.weekday() + 1) % 7);
        prop_assert_eq!(d.add_days(n).add_days(-n), d);
    }

    /// Anything at all: no panic, and what is accepted is a real day whose
    /// own text reads back the same.
    #[test]
    fn any_text_is_a_date_or_not(s in texty(), y in 0u32..10000, m in 0u32..100, d in 0u32..100) {
        for s in [s, format!("{y:04}-{m:02}-{d:02}")] {
            if let Some(date) = Date::parse(&s) {
                prop_assert!(date.day >= 1 && date.day <= days_in_month(date.year, date.month));
                prop_assert_eq!(Date::parse(&date.to_string()), Some(date));
            }
        }
        let real = m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y as i32, m);
        prop_assert_eq!(Date::parse(&format!("{y:04}-{m:02}-{d:02}")).is_some(), real);
    }

    // --- Region codes ------------------------------------------------------

    /// Arbitrary text: no panic, and the same answers as a plain model.
    #[test]
    fn region_rules_agree_with_a_model(a in texty(), b in texty()) {
        prop_assert_eq!(region_is_under(&a, &b), a.strip_prefix(&format!("{b}.")).is_some());
        prop_assert_eq!(within(&a, &b), b == a || b.strip_prefix(&format!("{a}.")).is_some());
        let parts: Vec<&str> = a.split('.').collect();
        let model = (1..=2).contains(&parts.len()) && parts.iter().all(|p| p.len() == 2 && p.bytes().all(|c| c.is_ascii_digit()));
        prop_assert_eq!(is_jurisdiction_code(&a), model);
    }

    /// Real-shaped codes: under means a proper prefix of whole parts.
    #[test]
    fn a_code_is_under_its_ancestors_only(child in prop::collection::vec(10u8..100, 1..5), parent in prop::collection::vec(10u8..100, 1..5)) {
        let code = |p: &[u8]| p.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(".");
        let (c, p) = (code(&child), code(&parent));
        let ancestor = parent.len() < child.len() && child.starts_with(&parent);
        prop_assert_eq!(region_is_under(&c, &p), ancestor);
        prop_assert_eq!(within(&p, &c), ancestor || child == parent);
    }

    // --- Attachments ---------------------------------------------------------

    /// Arbitrary bytes: no panic; the kind is read from the first 16 bytes
    /// alone (all the server passes), and sizes are held to the kind's limit.
    #[test]
    fn any_bytes_are_a_file_or_not(bytes in prop::collection::vec(any::<u8>(), 0..64), size in any::<u64>()) {
        let head = &bytes[..bytes.len().min(16)];
        prop_assert_eq!(sniff(&bytes), sniff(head));
        match (sniff(head), check_file(head, size)) {
            (None, r) => prop_assert_eq!(r, Err(FieldIssue::UnsupportedFile)),
            (Some(_), _) if size == 0 => prop_assert_eq!(check_file(head, size), Err(FieldIssue::UnsupportedFile)),
            (Some((kind, _)), Ok((k, _))) => prop_assert!(k == kind && size <= kind.max_bytes()),
            (Some((kind, _)), Err(e)) => {
                prop_assert!(size > kind.max_bytes());
                prop_assert_eq!(e, FieldIssue::FileTooLarge { max_mb: kind.max_bytes() / (1024 * 1024) });
            }
        }
    }

    /// A real file's header is recognised whatever follows it.
    #[test]
    fn real_headers_are_recognised(which in 0usize..7, tail in prop::collection::vec(any::<u8>(), 0..32)) {
        let (header, kind, mime): (&[u8], AttachmentKind, &str) = [
            (&[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00][..], AttachmentKind::Photo, "image/jpeg"),
            (&b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR"[..], AttachmentKind::Photo, "image/png"),
            (&b"RIFF\x24\0\0\0WEBPVP8 "[..], AttachmentKind::Photo, "image/webp"),
            (&b"%PDF-1.7\n%\xe2\xe3\xcf\xd3"[..], AttachmentKind::Pdf, "application/pdf"),
            (&b"\0\0\0\x18ftypmp42\0\0\0\0"[..], AttachmentKind::Video, "video/mp4"),
            (&b"\0\0\0\x14ftyp3gp4\0\0\0\0"[..], AttachmentKind::Video, "video/3gpp"),
            (&[0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81][..], AttachmentKind::Video, "video/webm"),
        ][which];
        let file = [header, &tail].concat();
        let size = file.len() as u64;
        prop_assert_eq!(sniff(&file[..file.len().min(16)]), Some((kind, mime)));
        prop_assert_eq!(check_file(&file[..file.len().min(16)], size), Ok((kind, mime)));
        let limit = match kind { AttachmentKind::Photo => MAX_PHOTO_BYTES, AttachmentKind::Pdf => MAX_PDF_BYTES, AttachmentKind::Video => MAX_VIDEO_BYTES };
        prop_assert!(check_file(header, limit + 1).is_err());
    }

    // --- The new-report form -------------------------------------------------

    /// Arbitrary fields: no panic, and every issue is on a field of the form.
    #[test]
    fn validating_any_report_never_panics(
        texts in prop::collection::vec(texty(), 12),
        flags in any::<(bool, bool, u8)>(),
        today in date(),
    ) {
        let opt = |s: &String| (!s.is_empty()).then(|| s.clone());
        let report = NewReport {
            kind: ReportKind::ALL[flags.2 as usize % 3],
            title: texts[0].clone(),
            body: texts[1].repeat(5),
            incident_date: opt(&texts[2]),
            province_code: texts[3].clone(),
            regency_code: texts[4].clone(),
            district_code: opt(&texts[5]),
            village_code: opt(&texts[6]),
            address: texts[7].clone(),
            anonymous: flags.0,
            confidential: flags.1,
            reporter_name: texts[8].clone(),
            reporter_phone: texts[9].clone(),
            reporter_email: texts[10].clone(),
            idempotency_key: opt(&texts[11]),
            practice_code: opt(&texts[11]),
            ..NewReport::default()
        };
        const FIELDS: [&str; 15] = [
            "title", "body", "incident_date", "province_code", "regency_code", "district_code", "village_code",
            "address", "reporter_name", "reporter_phone", "reporter_email", "idempotency_key", "attachments",
            "practice_code", "kind",
        ];
        if let Err(errs) = report.validate(today) {
            prop_assert!(!errs.is_empty());
            for field in errs.0.keys() {
                prop_assert!(FIELDS.contains(&field.as_str()), "{}", field);
            }
        }
        let intake = IntakeReport { channel: Channel::Surat, received_date: texts[2].clone(), reporter_contact: texts[9].clone(), report };
        let _ = intake.validate(today);
    }

    /// A complete report stays valid with any title and body whose trimmed
    /// length is within bounds, and is refused outside them.
    #[test]
    fn titles_are_judged_by_their_trimmed_length(title in "[ \t]{0,3}[a-zA-Zé ]{0,160}[ \n]{0,3}") {
        let today = Date::new(2026, 11, 23).unwrap();
        let report = NewReport {
            kind: ReportKind::Aspirasi,
            title: title.clone(),
            body: "Jalan poros desa berlubang sepanjang 200 meter sejak Agustus, mohon diperbaiki.".into(),
            province_code: "61".into(),
            regency_code: "61.09".into(),
            reporter_name: "Yohanes".into(),
            reporter_phone: "0812-5678-9012".into(),
            ..NewReport::default()
        };
        let n = title.trim().chars().count();
        let title_issue = report.validate(today).err().and_then(|e| e.get("title").cloned());
        prop_assert_eq!(title_issue.is_none(), (10..=150).contains(&n), "{:?} ({} characters)", title_issue, n);
    }

    // --- The recap's CSV ----------------------------------------------------

    /// Read back as a spreadsheet reads it, no cell of any text begins with
    /// what starts a formula unless it is a number, and the text is kept
    /// after the `'` put before it.
    #[test]
    fn no_csv_cell_runs_as_a_formula(cells in prop::collection::vec(prop_oneof![any::<String>(), "[=+\\-@\t\r0-9.,%a-z\"]{0,8}"], 1..4)) {
        let text = domain::recap::csv(&["a"], &[cells.clone()]);
        let line = text.trim_start_matches('\u{feff}').split_once("\r\n").map(|(_, rest)| rest).unwrap_or_default();
        let read = parse_csv_record(line);
        prop_assert_eq!(read.len(), cells.len(), "{:?}", line);
        for (cell, written) in cells.iter().zip(&read) {
            let starts_formula = written.starts_with(['=', '+', '-', '@', '\t', '\r']);
            prop_assert!(!starts_formula || domain::recap::inert(written) == written.as_str(), "{:?}", written);
            prop_assert!(written == cell || *written == format!("'{cell}"), "{:?} → {:?}", cell, written);
        }
    }
}

/// One CSV record as RFC 4180 reads it (quoted fields may hold commas,
/// quotes doubled, and line breaks); what follows the record is ignored.
fn parse_csv_record(s: &str) -> Vec<String> {
    let (mut fields, mut cur, mut quoted, mut chars) = (Vec::new(), String::new(), false, s.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) => quoted = true,
            (',', false) => fields.push(std::mem::take(&mut cur)),
            ('\r', false) if chars.peek() == Some(&'\n') => break,
            (c, _) => cur.push(c),
        }
    }
    fields.push(cur);
    fields
}
