//! A dozen demo reports in Sekadau (61.09) and Sanggau (61.03), spread over
//! every status, with timelines that follow the lifecycle rules.

use super::DemoAgency;
use crate::db::{Db, NewEvent, NewReportRow};
use crate::accounts::sha256_hex;
use anyhow::Context;
use domain::api::ReportKind;
use domain::status::{apply, REPLY_WINDOW_DAYS, VERIFY_DAYS};
use domain::tracking::{access_code_from_random, display_tracking, tracking_from_random};
use crate::lifecycle::submit::entered_message;
use crate::lifecycle::{actor_label, anonymous_event};
use domain::intake::Channel;
use domain::handling::ArchiveReason;
use domain::{Actor, Calendar, Date, EventKind, FollowupClass, Status, Transition};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::HashMap;

/// Fixed, so a presenter's tracking numbers are the same on every fresh demo.
const DEMO_SEED: u64 = 0x4c41_504f_5221;
const DAY: i64 = 86_400;

enum Step {
    Dispatch { day: i64, agency: &'static str, class: FollowupClass, note: Option<&'static str> },
    RequestInfo { day: i64, note: &'static str },
    Archive { day: i64, reason: ArchiveReason, note: &'static str },
    Return { day: i64, reason: &'static str },
    Respond { day: i64, message: &'static str },
    CloseByReporter { day: i64, message: &'static str },
    /// The reply window ran out.
    CloseBySystem,
    /// Internal note by the coordinator (or the current agency).
    Note { day: i64, agency: bool, text: &'static str },
}

struct Demo {
    kind: ReportKind,
    title: &'static str,
    body: &'static str,
    regency: &'static str,
    district: &'static str,
    village: Option<&'static str>,
    address: &'static str,
    category: &'static str,
    days_ago: i64,
    anonymous: bool,
    confidential: bool,
    reporter: (&'static str, &'static str, &'static str),
    /// How it arrived, and for another channel than the web the reporter's
    /// other contact (entered by the coordinator the day it arrived).
    channel: Channel,
    contact: &'static str,
    steps: Vec<Step>,
    /// Logged with its access code for presenters.
    show: bool,
}

fn demos() -> Vec<Demo> {
    use FollowupClass::*;
    use Step::*;
    let d = |title, body, regency, district, category, days_ago| Demo {
        kind: ReportKind::Pengaduan,
        title,
        body,
        regency,
        district,
        village: None,
        address: "",
        category,
        days_ago,
        anonymous: false,
        confidential: false,
        reporter: ("", "", ""),
        channel: Channel::Web,
        contact: "",
        steps: Vec::new(),
        show: false,
    };
    vec![
        Demo {
            address: "Jalan Sekadau–Rawak km 7, dekat simpang Desa Mungguk",
            village: Some("61.09.01.2002"),
            reporter: ("Yohanes Ading", "0812-5678-9012", ""),
            steps: vec![
                Dispatch { day: 2, agency: "sekadau-pupr", class: Biasa, note: Some("Mohon dicek status jalan: kabupaten atau provinsi.") },
                Note { day: 9, agency: false, text: "Sudah diingatkan lewat telepon ke penghubung PUPR, belum ada tindak lanjut." },
            ],
            ..d(
                "Jalan Sekadau–Rawak berlubang dan membahayakan pengendara",
                "Jalan poros Sekadau–Rawak di sekitar km 7 berlubang besar sepanjang kurang lebih 300 meter. \
                 Saat hujan lubang tertutup air sehingga tidak terlihat, sudah tiga pengendara sepeda motor jatuh \
                 minggu ini. Mohon segera ditambal sebelum ada korban jiwa.",
                "61.09",
                "61.09.01",
                "Infrastruktur jalan",
                16,
            )
        },
        Demo {
            address: "Kelurahan Tanjung Kapuas, RT 04",
            reporter: ("Siti Rahmawati", "0813-4567-1122", "siti.rahma@contoh.id"),
            show: true,
            steps: vec![
                Dispatch { day: 1, agency: "sanggau-pupr", class: TanpaCekLapangan, note: None },
                Respond {
                    day: 10,
                    message: "Pipa transmisi yang bocor di Jalan Jenderal Sudirman sudah diganti pada hari Senin. \
                              Aliran air bersih ke RT 04 kembali normal sejak pukul 16.00. Jika masih ada gangguan, \
                              silakan balas laporan ini.",
                },
            ],
            ..d(
                "Air bersih tidak mengalir sudah seminggu di Tanjung Kapuas",
                "Sejak seminggu lalu air PDAM di lingkungan RT 04 Kelurahan Tanjung Kapuas tidak \
                 mengalir sama sekali. Warga terpaksa membeli air galon untuk memasak dan mandi. Sudah kami \
                 laporkan ke kantor cabang tetapi belum ada penjelasan.",
                "61.03",
                "61.03.01",
                "Pengelolaan air minum",
                12,
            )
        },
        Demo {
            anonymous: true,
            reporter: ("Maria Goreti", "0852-4411-7788", ""),
            address: "RSUD Sekadau, loket pendaftaran BPJS",
            steps: vec![
                Dispatch { day: 1, agency: "sekadau-rsud", class: TanpaCekLapangan, note: None },
                Note { day: 2, agency: true, text: "Sedang dikonfirmasi ke kepala instalasi rawat jalan." },
            ],
            ..d(
                "Pasien BPJS diminta membayar biaya tambahan di RSUD Sekadau",
                "Ibu saya pasien BPJS kelas III. Saat kontrol di poli penyakit dalam, petugas meminta biaya \
                 tambahan Rp150.000 untuk obat yang katanya tidak ditanggung, tanpa kuitansi resmi. Kami minta \
                 penjelasan apakah pungutan ini sesuai aturan.",
                "61.09",
                "61.09.01",
                "Kesehatan masyarakat",
                5,
            )
        },
        Demo {
            reporter: ("Antonius Jelani", "", ""),
            address: "Desa Balai Karangan",
            channel: Channel::Loket,
            contact: "Desa Balai Karangan RT 02, lewat kantor Kecamatan Sekayam",
            ..d(
                "e-KTP belum dicetak sejak perekaman tiga bulan lalu",
                "Saya sudah melakukan perekaman e-KTP di kantor kecamatan Sekayam tiga bulan lalu. Setiap kali \
                 ditanya, petugas menjawab blanko habis. Saya membutuhkan e-KTP untuk mendaftar kerja dan \
                 membuka rekening bank.",
                "61.03",
                "61.03.07",
                "Administrasi kependudukan",
                1,
            )
        },
        Demo {
            confidential: true,
            reporter: ("Paulus Ukin", "", ""),
            address: "Kantor desa",
            channel: Channel::Surat,
            contact: "Dusun Tapang Pulau RT 01, Kecamatan Nanga Mahap",
            ..d(
                "Penggunaan dana desa tahun ini tidak diumumkan kepada warga",
                "Papan informasi APBDes tidak pernah dipasang dan musyawarah desa tidak melibatkan warga. \
                 Pembangunan jalan rabat beton yang dianggarkan tidak terlihat di lapangan. Kami mohon laporan \
                 ini dirahasiakan karena kami khawatir ada tekanan dari perangkat desa.",
                "61.09",
                "61.09.03",
                "Dana desa",
                2,
            )
        },
        Demo {
            reporter: ("Hendrikus Apui", "0856-5432-1098", ""),
            address: "Dusun Sungai Mawang",
            steps: vec![
                Dispatch { day: 1, agency: "sanggau-bpbd", class: Biasa, note: None },
                Respond {
                    day: 5,
                    message: "Bantuan logistik (beras, mi instan, air mineral, terpal) sudah disalurkan ke posko \
                              Dusun Sungai Mawang untuk 46 kepala keluarga. Berita acara serah terima terlampir \
                              di kantor desa.",
                },
                CloseBySystem,
            ],
            ..d(
                "Bantuan banjir belum sampai ke Dusun Sungai Mawang",
                "Banjir sudah merendam dusun kami selama lima hari dengan ketinggian air sampai pinggang orang \
                 dewasa. Bantuan dari posko kecamatan belum sampai ke warga di ujung dusun. Banyak anak-anak dan \
                 lansia yang membutuhkan makanan dan air bersih.",
                "61.03",
                "61.03.01",
                "Penanggulangan bencana",
                50,
            )
        },
        Demo {
            reporter: ("Veronika Lensi", "0812-3344-5566", ""),
            address: "SD Negeri di Kecamatan Belitang Hilir",
            steps: vec![
                Dispatch { day: 1, agency: "sekadau-disdikbud", class: Biasa, note: None },
                Return {
                    day: 4,
                    reason: "Bukan wewenang Dinas Pendidikan: gaji guru berstatus PPPK dibayarkan melalui BKPSDM \
                             dan BPKAD. Mohon didisposisikan ulang.",
                },
            ],
            ..d(
                "Gaji guru PPPK terlambat dua bulan",
                "Kami guru PPPK di beberapa SD di Belitang Hilir belum menerima gaji bulan lalu dan bulan ini. \
                 Tidak ada pemberitahuan resmi penyebab keterlambatan. Banyak rekan yang harus berutang untuk \
                 kebutuhan sehari-hari dan biaya transportasi ke sekolah.",
                "61.09",
                "61.09.05",
                "Pendidikan",
                6,
            )
        },
        Demo {
            kind: ReportKind::Aspirasi,
            reporter: ("Fransiska Ayu", "", "fransiska.ayu@contoh.id"),
            address: "",
            steps: vec![RequestInfo {
                day: 2,
                note: "Mohon sebutkan nama sekolah dan desanya, serta lampirkan foto ruang kelas yang rusak.",
            }],
            ..d(
                "Usulan perbaikan gedung sekolah yang atapnya bocor",
                "Atap beberapa ruang kelas bocor sehingga kegiatan belajar terganggu setiap kali hujan. Kami \
                 mengusulkan agar gedung sekolah ini masuk prioritas rehabilitasi tahun anggaran berikutnya.",
                "61.03",
                "61.03.09",
                "Pendidikan",
                8,
            )
        },
        Demo {
            reporter: ("Agustinus Bujang", "0811-5678-0001", ""),
            address: "Desa Entikong, sepanjang jalan lintas",
            steps: vec![
                Dispatch { day: 1, agency: "sanggau-pln", class: Biasa, note: None },
                Respond {
                    day: 4,
                    message: "Penyebab padam adalah pohon tumbang yang menimpa jaringan SUTM. Jaringan sudah \
                              diperbaiki dan dilakukan pemangkasan pohon di sepanjang jalur.",
                },
                CloseByReporter { day: 6, message: "Terima kasih, listrik sudah normal kembali." },
            ],
            ..d(
                "Listrik padam berulang kali setiap malam di Entikong",
                "Dalam dua minggu terakhir listrik di Desa Entikong padam hampir setiap malam selama dua sampai \
                 tiga jam tanpa pemberitahuan. Peralatan elektronik warga ada yang rusak dan usaha kecil \
                 terganggu.",
                "61.03",
                "61.03.21",
                "Listrik",
                20,
            )
        },
        Demo {
            kind: ReportKind::PermintaanInformasi,
            reporter: ("Rudi Hartono", "0822-5111-2233", ""),
            address: "Entikong, dekat PLBN",
            steps: vec![Dispatch { day: 1, agency: "sanggau-dpmptsp", class: CekLapangan, note: None }],
            ..d(
                "Izin usaha mikro lama diproses di DPMPTSP",
                "Permohonan NIB dan izin usaha warung makan saya sudah diajukan melalui OSS lebih dari satu \
                 bulan, tetapi verifikasi lapangan belum dijadwalkan. Saya mohon informasi persyaratan yang \
                 masih kurang dan perkiraan waktunya.",
                "61.03",
                "61.03.21",
                "Perizinan",
                6,
            )
        },
        Demo {
            reporter: ("Kornelius Sudin", "0853-4567-8899", ""),
            address: "Desa Seraras",
            steps: vec![Archive {
                day: 2,
                reason: ArchiveReason::NotPublicService,
                note: "Sengketa warisan tanah antarkeluarga diselesaikan melalui \
                         mediasi desa atau pengadilan.",
            }],
            ..d(
                "Sengketa tanah warisan dengan saudara belum selesai",
                "Tanah warisan orang tua kami dikuasai oleh salah satu saudara tanpa pembagian. Kami meminta \
                 pemerintah membantu menyelesaikan pembagian tanah tersebut karena sudah bertahun-tahun \
                 tidak ada titik temu.",
                "61.09",
                "61.09.01",
                "Pertanahan",
                15,
            )
        },
        Demo {
            reporter: ("Dedi Kurniawan", "0857-5000-1234", ""),
            address: "Sungai Kapuas, hilir pabrik kelapa sawit",
            ..d(
                "Limbah pabrik kelapa sawit mencemari Sungai Kapuas di Meliau",
                "Air sungai di hilir pabrik berubah warna menjadi hitam dan berbau, ikan banyak yang mati. Warga \
                 yang masih memakai air sungai untuk mandi mengalami gatal-gatal. Mohon dinas terkait memeriksa \
                 pengolahan limbah pabrik.",
                "61.03",
                "61.03.20",
                "Lingkungan hidup",
                9,
            )
        },
    ]
}

fn date_of(at: i64) -> Date {
    Date::from_unix(at, crate::TZ_OFFSET_HOURS)
}

/// Seeds the demo reports; returns how many.
pub(super) async fn seed(
    db: &Db,
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    categories: &HashMap<String, i64>,
    agencies: &HashMap<String, DemoAgency>,
    coordinator: i64,
) -> anyhow::Result<usize> {
    let cal = db.calendar().await?;
    let now = crate::now();
    let mut rng = StdRng::seed_from_u64(DEMO_SEED);
    let list = demos();
    for demo in &list {
        let code = access_code_from_random(rng.gen());
        let (row, events) = build(demo, &cal, now, &code, categories, agencies, coordinator)?;
        let mut next = || tracking_from_random(rng.gen());
        let (_, number) = Db::insert_report_with_events_in(tx, &row, &events, &mut next).await?;
        if demo.show {
            // Never its access code: no secret reaches a log (the README has it).
            tracing::info!("demo report to try on the tracking page: number {} (its access code is in the README)", display_tracking(&number));
        }
    }
    Ok(list.len())
}

fn build(
    demo: &Demo,
    cal: &Calendar,
    now: i64,
    code: &str,
    categories: &HashMap<String, i64>,
    agencies: &HashMap<String, DemoAgency>,
    coordinator: i64,
) -> anyhow::Result<(NewReportRow, Vec<NewEvent>)> {
    let created = now - demo.days_ago * DAY - 3 * 3600;
    let category_id = Some(*categories.get(demo.category).context("demo category")?);
    let mut status = Status::Submitted;
    let mut due = Some(cal.add_working_days(date_of(created), VERIFY_DAYS));
    let mut agency: Option<&DemoAgency> = None;
    let mut class = FollowupClass::Biasa;
    let mut last = created;
    // An officer's event: the coordinator's, or the agency's when `by` names it.
    let ev = |at, kind, status, by: Option<&DemoAgency>, message: Option<&str>, internal| {
        let actor = if by.is_some() { Actor::Agency } else { Actor::Coordinator };
        NewEvent {
            at,
            kind,
            status,
            actor_role: actor,
            actor_user_id: Some(by.map_or(coordinator, |a| a.user_id)),
            actor_label: actor_label(actor, by.map(|a| a.name.as_str())),
            message: message.map(str::to_string),
            internal,
            audience_agency_id: None,
        }
    };
    let mut archive_reason = None;
    // An internal note is for the coordinators and one agency (see `NewEvent`).
    let for_agency = |mut e: NewEvent, a: Option<&DemoAgency>| {
        e.audience_agency_id = a.map(|a| a.id);
        e
    };
    let first = match demo.channel {
        Channel::Web => anonymous_event(created, EventKind::Submitted, status, Actor::Reporter, None),
        channel => {
            let message = entered_message(channel, date_of(created));
            NewEvent { actor_user_id: Some(coordinator), ..anonymous_event(created, EventKind::Submitted, status, Actor::Coordinator, Some(message)) }
        }
    };
    let mut events = vec![first];
    for (i, step) in demo.steps.iter().enumerate() {
        let at_day = |day: i64| (created + day * DAY + i as i64 * 900).min(now - 60);
        let mut go = |t: Transition, actor: Actor| -> anyhow::Result<Status> {
            status = apply(status, t, actor, 0).map_err(|e| anyhow::anyhow!("demo report {:?}: {e}", demo.title))?;
            Ok(status)
        };
        match step {
            Step::Dispatch { day, agency: admin, class: c, note } => {
                let at = at_day(*day);
                let a = agencies.get(*admin).with_context(|| format!("demo agency {admin}"))?;
                let s = go(Transition::Dispatch, Actor::Coordinator)?;
                agency = Some(a);
                class = *c;
                due = Some(cal.add_working_days(date_of(at), c.days()));
                let msg = format!("Diteruskan ke {}.", a.name);
                events.push(ev(at, EventKind::Dispatch, s, None, Some(&msg), false));
                if let Some(n) = note {
                    let e = ev(at, EventKind::Note, s, None, Some(n), true);
                    events.push(for_agency(e, Some(a)));
                }
                last = at;
            }
            Step::RequestInfo { day, note } => {
                let at = at_day(*day);
                let s = go(Transition::RequestInfo, Actor::Coordinator)?;
                due = None;
                events.push(ev(at, EventKind::RequestInfo, s, None, Some(note), false));
                last = at;
            }
            Step::Archive { day, reason, note } => {
                let at = at_day(*day);
                let s = go(Transition::Archive, Actor::Coordinator)?;
                due = None;
                archive_reason = Some(*reason);
                let msg = format!("{}. {note}", reason.label(domain::Lang::Id));
                events.push(ev(at, EventKind::Archive, s, None, Some(&msg), false));
                last = at;
            }
            Step::Return { day, reason } => {
                let at = at_day(*day);
                let a = agency.context("return without an agency")?;
                let s = go(Transition::Return, Actor::Agency)?;
                agency = None;
                due = Some(cal.add_working_days(date_of(at), VERIFY_DAYS));
                events.push(ev(at, EventKind::Return, s, Some(a), Some(reason), false));
                last = at;
            }
            Step::Respond { day, message } => {
                let at = at_day(*day);
                let a = agency.context("respond without an agency")?;
                let s = go(Transition::Respond, Actor::Agency)?;
                due = Some(cal.add_working_days(date_of(at), REPLY_WINDOW_DAYS));
                events.push(ev(at, EventKind::Respond, s, Some(a), Some(message), false));
                last = at;
            }
            Step::CloseByReporter { day, message } => {
                let at = at_day(*day);
                let s = go(Transition::Close, Actor::Reporter)?;
                due = None;
                events.push(anonymous_event(at, EventKind::Close, s, Actor::Reporter, Some(message.to_string())));
                last = at;
            }
            Step::CloseBySystem => {
                let end = due.context("close without a reply window")?.add_days(1);
                let at = (end.to_days() * DAY - i64::from(crate::TZ_OFFSET_HOURS) * 3600 + 3600).max(last + 60).min(now - 60);
                let s = go(Transition::Close, Actor::System)?;
                due = None;
                let msg = "Ditutup otomatis: batas waktu tanggapan pelapor telah berakhir.";
                events.push(anonymous_event(at, EventKind::Close, s, Actor::System, Some(msg.to_string())));
                last = at;
            }
            Step::Note { day, agency: by_agency, text } => {
                let at = at_day(*day);
                let e = match (by_agency, agency) {
                    (true, Some(a)) => ev(at, EventKind::Note, status, Some(a), Some(text), true),
                    _ => ev(at, EventKind::Note, status, None, Some(text), true),
                };
                events.push(for_agency(e, agency));
                last = at;
            }
        }
    }
    let (name, phone, email) = demo.reporter;
    let row = NewReportRow {
        access_code_hash: sha256_hex(code),
        kind: demo.kind.as_str().into(),
        title: demo.title.into(),
        body: demo.body.split_whitespace().collect::<Vec<_>>().join(" "),
        incident_date: Some(date_of(created).add_days(-3).to_string()),
        province_code: "61".into(),
        regency_code: demo.regency.into(),
        district_code: Some(demo.district.into()),
        village_code: demo.village.map(str::to_string),
        address: demo.address.into(),
        category_id,
        target_agency_id: None,
        agency_id: agency.map(|a| a.id),
        followup_class: class.as_str().into(),
        anonymous: demo.anonymous,
        confidential: demo.confidential,
        reporter_name: name.into(),
        reporter_phone: phone.into(),
        reporter_email: email.into(),
        status: status.as_str().into(),
        due_date: due.map(|d| d.to_string()),
        created_at: created,
        updated_at: last,
        archive_reason: archive_reason.map(|r| r.as_str().to_string()),
        practice_session_id: None,
        channel: demo.channel,
        reporter_contact: demo.contact.into(),
        created_on: None,
    };
    Ok((row, events))
}
