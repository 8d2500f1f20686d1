//! `lapor-server generate`: a large synthetic dataset for tests and
//! benchmarks. Reports over the last `days` days (more lately, in the
//! daytime) in West Kalimantan and its four neighbours, each regency with
//! its agencies (most with an account, some not connected), categories and
//! kinds in realistic proportions, and every report walked through the real
//! transition rules (`domain::status::apply`) with working-day deadlines
//! from the holiday calendar: verified late or on time, forwarded, returned,
//! asked for more, archived, followed up on time or late or never, reopened,
//! accepted with a rating or closed by the reply window — stopping where
//! "now" is, so recent reports are still open. Timelines, milestone columns
//! and the officers' audit entries are stored as the lifecycle stores them.
//! Deterministic for a given seed and start time.

use crate::accounts::{hash_password, sha256_hex};
use crate::db::{Batch, BulkReport, Db, NewAudit, NewEvent, NewReportRow, Officer};
use crate::lifecycle::{actor_label, anonymous_event};
use crate::regions::Regions;
use crate::{day_start, TZ_OFFSET_HOURS};
use anyhow::Context;
use domain::api::{ReportKind, Role};
use domain::audit::{AuditAction, AuditChange, AuditField};
use domain::handling::ArchiveReason;
use domain::status::{apply, MAX_REOPENS, REPLY_WINDOW_DAYS, VERIFY_DAYS};
use domain::tracking::{access_code_from_random, tracking_from_random};
use domain::{Actor, Calendar, Date, EventKind, FollowupClass, Status, Transition};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::{BTreeMap, HashMap, HashSet};

const DAY: i64 = 86_400;
const BATCH: usize = 2_000;

#[derive(Clone, Debug)]
pub struct Options {
    pub reports: usize,
    /// Received over the last `days` days.
    pub days: i64,
    pub seed: u64,
}

#[derive(Debug, Default)]
pub struct Summary {
    pub reports: usize,
    pub events: usize,
    pub audits: usize,
    pub agencies_added: usize,
    pub accounts_added: usize,
    pub by_status: BTreeMap<&'static str, usize>,
}

/// Provinces and their share of reports (per mille).
const PROVINCES: [(&str, u32); 5] = [("61", 700), ("62", 75), ("63", 75), ("64", 75), ("65", 75)];

/// The categories' share of reports (`seed::CATEGORIES` order).
const CATEGORY_WEIGHTS: [u32; 18] = [6, 5, 9, 6, 5, 6, 6, 14, 5, 8, 8, 8, 4, 5, 4, 4, 4, 3];

/// A regency's agencies when it has none yet: the name before the
/// regency's, and the categories it handles.
const STANDARD_AGENCIES: [(&str, &[&str]); 16] = [
    ("Dinas Pekerjaan Umum dan Penataan Ruang", &["Infrastruktur jalan", "Pengelolaan air minum"]),
    ("Dinas Kesehatan", &["Kesehatan masyarakat"]),
    ("Dinas Pendidikan dan Kebudayaan", &["Pendidikan"]),
    ("Dinas Sosial", &["Bantuan sosial"]),
    ("Dinas Kependudukan dan Pencatatan Sipil", &["Administrasi kependudukan"]),
    ("Dinas Perhubungan", &["Perhubungan"]),
    ("Badan Penanggulangan Bencana Daerah", &["Penanggulangan bencana"]),
    ("Dinas Tenaga Kerja dan Transmigrasi", &["Tenaga kerja"]),
    ("Dinas Pemberdayaan Masyarakat dan Desa", &["Dana desa"]),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", &["Kepegawaian"]),
    ("Dinas Lingkungan Hidup", &["Lingkungan hidup"]),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", &["Perizinan"]),
    ("Dinas Pertanian dan Perikanan", &["Pertanian"]),
    ("Satuan Polisi Pamong Praja", &["Ketertiban umum"]),
    ("Dinas Perumahan, Kawasan Permukiman dan Pertanahan", &["Pertanahan"]),
    ("Sekretariat Daerah", &["Listrik", "Lainnya"]),
];

/// Per category (`seed::CATEGORIES` order): a title and what the report says.
const TEXTS: [(&str, &str); 18] = [
    ("Tanggul jebol, rumah warga terendam", "Air sungai naik sejak tiga hari lalu dan tanggul di belakang permukiman jebol. Warga belum menerima bantuan."),
    ("Upah pekerja dibayar di bawah UMK", "Perusahaan membayar upah di bawah upah minimum dan lembur tidak dibayar. Pekerja takut melapor langsung."),
    ("Puskesmas tutup pada jam pelayanan", "Puskesmas sering tutup sebelum jam pelayanan berakhir dan obat untuk pasien kronis kosong."),
    ("Penggunaan dana desa tidak diumumkan", "Papan informasi APBDes tidak dipasang dan pembangunan jalan desa berhenti di tengah jalan."),
    ("Pegawai jarang masuk kantor", "Beberapa pegawai kantor kecamatan jarang hadir sehingga pelayanan surat tertunda berminggu-minggu."),
    ("Air PDAM tidak mengalir", "Air PDAM tidak mengalir sejak seminggu, tetapi tagihan tetap datang seperti biasa."),
    ("Listrik sering padam tanpa pemberitahuan", "Listrik padam hampir setiap malam selama beberapa jam tanpa pemberitahuan sebelumnya."),
    ("Jalan rusak berlubang", "Jalan penghubung antardesa rusak berat dan berlubang dalam. Sudah ada pengendara motor yang jatuh."),
    ("Sertifikat tanah tidak kunjung terbit", "Berkas permohonan sertifikat sudah lengkap sejak setahun lalu tetapi sertifikat belum terbit."),
    ("Pungutan di sekolah negeri", "Sekolah meminta uang pembangunan kepada orang tua murid padahal sekolah sudah menerima dana BOS."),
    ("KTP elektronik belum jadi", "Perekaman KTP elektronik sudah enam bulan lalu, tetapi kartunya belum dicetak dengan alasan blangko habis."),
    ("Bantuan sosial tidak tepat sasaran", "Warga yang mampu menerima bantuan sementara keluarga miskin di RT kami tidak terdaftar."),
    ("Lampu lalu lintas mati", "Lampu lalu lintas di simpang utama mati sejak dua minggu dan sering terjadi kemacetan."),
    ("Sampah menumpuk di pinggir jalan", "Sampah tidak diangkut lebih dari seminggu, menumpuk dan berbau di pinggir jalan."),
    ("Izin usaha lambat diproses", "Permohonan izin usaha mikro sudah diajukan lewat OSS tetapi verifikasinya tidak selesai."),
    ("Pupuk bersubsidi langka", "Petani tidak mendapat pupuk bersubsidi di kios resmi, sementara di pengecer harganya jauh lebih mahal."),
    ("Tempat hiburan buka sampai dini hari", "Tempat hiburan di dekat permukiman buka sampai dini hari dan sangat bising."),
    ("Pelayanan kantor tidak ramah", "Petugas loket tidak memberi penjelasan dan meminta warga datang berulang kali."),
];

const ANSWERS: [&str; 4] = [
    "Petugas sudah meninjau lokasi dan perbaikan dijadwalkan minggu ini.",
    "Laporan sudah ditindaklanjuti: masalah telah diperbaiki. Terima kasih atas laporannya.",
    "Sudah dikoordinasikan dengan unit pelaksana; hasilnya dapat dilihat di lokasi.",
    "Kami sudah memanggil pihak terkait dan memberi teguran; pelayanan sudah berjalan normal.",
];

const FIRST: [&str; 12] = ["Agus", "Siti", "Yohanes", "Nur", "Budi", "Maria", "Hendra", "Dewi", "Rudi", "Fransiska", "Ahmad", "Lestari"];
const LAST: [&str; 10] = ["Saputra", "Wati", "Ading", "Hidayat", "Santoso", "Lusiana", "Kurniawan", "Anggraini", "Pratama", "Halim"];

/// How an agency behaves: its account (none: not connected) and habits.
struct Agency {
    id: i64,
    name: String,
    region: String,
    officer: Option<Officer>,
    on_time: f64,
    silent: f64,
}

/// One regency's districts with their villages.
struct Place {
    province: String,
    regency: String,
    districts: Vec<(String, String, Vec<String>)>,
}

struct World {
    cal: Calendar,
    now: i64,
    places: Vec<Place>,
    /// Cumulative report weights of `places`.
    place_weights: Vec<u32>,
    categories: Vec<i64>,
    agencies: Vec<Agency>,
    /// (region code, category id) → agencies.
    handling: HashMap<(String, i64), Vec<usize>>,
    by_region: HashMap<String, Vec<usize>>,
    coordinator: Officer,
}

fn date_of(at: i64) -> Date {
    Date::from_unix(at, TZ_OFFSET_HOURS)
}

/// Index into cumulative `weights` for a draw.
fn pick(rng: &mut StdRng, cumulative: &[u32]) -> usize {
    let r = rng.gen_range(0..*cumulative.last().expect("weights"));
    cumulative.partition_point(|&c| c <= r)
}

fn cumulative(w: impl IntoIterator<Item = u32>) -> Vec<u32> {
    w.into_iter()
        .scan(0, |acc, x| {
            *acc += x;
            Some(*acc)
        })
        .collect()
}

/// Adds the dataset to `db` (demo data or none: agencies are added for
/// regencies without any).
pub async fn generate(db: &Db, opts: &Options, progress: &mut dyn FnMut(usize)) -> anyhow::Result<Summary> {
    let mut rng = StdRng::seed_from_u64(opts.seed);
    let mut summary = Summary::default();
    let world = prepare(db, &mut rng, &mut summary).await?;
    let mut numbers = db.tracking_numbers().await?;
    let mut next_id = db.next_report_id().await?;
    let start = world.now - opts.days * DAY;
    let mut done = 0;
    while done < opts.reports {
        let mut batch = Batch::default();
        for _ in 0..BATCH.min(opts.reports - done) {
            let number = loop {
                let n = tracking_from_random(rng.gen());
                if numbers.insert(n.clone()) {
                    break n;
                }
            };
            let (report, events, audits) = one_report(&world, &mut rng, next_id, number, start)?;
            *summary.by_status.entry(Status::parse(&report.row.status).map_or("?", Status::as_str)).or_default() += 1;
            batch.events.extend(events.into_iter().map(|e| (next_id, e)));
            batch.audits.extend(audits);
            batch.reports.push(report);
            next_id += 1;
        }
        summary.events += batch.events.len();
        summary.audits += batch.audits.len();
        done += batch.reports.len();
        db.insert_batch(&batch).await?;
        progress(done);
    }
    db.finish_bulk().await?;
    summary.reports = done;
    Ok(summary)
}

async fn prepare(db: &Db, rng: &mut StdRng, summary: &mut Summary) -> anyhow::Result<World> {
    let regions = Regions::load();
    let categories_by_name: HashMap<String, i64> = db.categories().await?.into_iter().map(|c| (c.name, c.id)).collect();
    let categories = crate::seed::CATEGORIES
        .iter()
        .map(|n| categories_by_name.get(*n).copied().with_context(|| format!("category {n:?} missing")))
        .collect::<anyhow::Result<Vec<i64>>>()?;
    // Nobody signs in as a generated account: its password is thrown away.
    let secret: [u8; 32] = rng.gen();
    let hash = tokio::task::spawn_blocking(move || hash_password(&sha256_hex(&format!("{secret:?}")))).await??;
    let now = crate::now();

    let mut places = Vec::new();
    let mut weights = Vec::new();
    let existing: HashSet<String> = db.agencies().await?.into_iter().map(|a| a.region_code).collect();
    for (province, share) in PROVINCES {
        let regencies = regions.children(province).with_context(|| format!("province {province}"))?;
        let per = share * 100 / regencies.len() as u32;
        for reg in regencies {
            let mut districts = Vec::new();
            for d in regions.children(&reg.code).unwrap_or_default() {
                let villages = regions.children(&d.code).unwrap_or_default().into_iter().map(|v| v.code).collect();
                districts.push((d.code, d.name, villages));
            }
            if districts.is_empty() {
                continue;
            }
            // Cities and big regencies send more.
            let size = if reg.name.starts_with("Kota") { 3 } else { 1 + rng.gen_range(0..3) };
            weights.push(per * size);
            if !existing.contains(&reg.code) {
                for (k, (prefix, handles)) in STANDARD_AGENCIES.iter().enumerate() {
                    let name = format!("{prefix} {}", reg.name);
                    let cats: Vec<i64> = handles.iter().filter_map(|h| categories_by_name.get(*h).copied()).collect();
                    let username = format!("gen-{}-{k:02}", reg.code.replace('.', ""));
                    // About one agency in ten is not connected (no account).
                    let connected = rng.gen_bool(0.9);
                    let admin = connected.then_some(username.as_str());
                    let id = db.insert_agency(&name, "kabupaten", &reg.code, admin, &cats).await?;
                    summary.agencies_added += 1;
                    if connected {
                        let display = format!("Penghubung {name}");
                        if db.insert_user(&officer(&username, Role::AgencyAdmin, &display, Some(id), &hash), now).await?.is_some() {
                            summary.accounts_added += 1;
                        }
                    }
                }
            }
            places.push(Place { province: province.to_string(), regency: reg.code, districts });
        }
    }

    let officers = db.officers().await?;
    let coordinator = match officers.iter().find(|(r, _)| *r == Role::Coordinator) {
        Some((_, o)) => o.clone(),
        None => {
            let username = "gen-koordinator";
            let id = match db.insert_user(&officer(username, Role::Coordinator, "Koordinator (data sintetis)", None, &hash), now).await? {
                Some(id) => id,
                None => db.user_by_username(username).await?.context("gen-koordinator")?.id,
            };
            Officer { user_id: id, username: username.into(), agency_id: None }
        }
    };
    let mut agency_officer: HashMap<i64, Officer> = HashMap::new();
    for (role, o) in officers {
        if let (Role::AgencyAdmin, Some(a)) = (role, o.agency_id) {
            agency_officer.entry(a).or_insert(o);
        }
    }
    let mut agencies = Vec::new();
    for a in db.agencies().await? {
        agencies.push(Agency {
            officer: agency_officer.remove(&a.id),
            on_time: rng.gen_range(0.45..0.95),
            silent: rng.gen_range(0.01..0.10),
            id: a.id,
            name: a.name,
            region: a.region_code,
        });
    }
    let index: HashMap<i64, usize> = agencies.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
    let mut handling: HashMap<(String, i64), Vec<usize>> = HashMap::new();
    for (agency, category) in db.agency_handling().await? {
        if let Some(&i) = index.get(&agency) {
            handling.entry((agencies[i].region.clone(), category)).or_default().push(i);
        }
    }
    let mut by_region: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, a) in agencies.iter().enumerate() {
        by_region.entry(a.region.clone()).or_default().push(i);
    }
    Ok(World {
        cal: db.calendar().await?,
        now,
        place_weights: cumulative(weights),
        places,
        categories,
        agencies,
        handling,
        by_region,
        coordinator,
    })
}

impl World {
    /// The agency a coordinator would forward to: one of the regency's that
    /// handles the category, else the province's, else any of the regency's.
    fn route(&self, rng: &mut StdRng, place: &Place, category: i64, not: Option<usize>) -> Option<usize> {
        let keys = [(place.regency.clone(), category), (place.province.clone(), category)];
        let mut candidates: Vec<usize> = keys.iter().flat_map(|k| self.handling.get(k).into_iter().flatten().copied()).collect();
        if candidates.is_empty() {
            candidates = self.by_region.get(&place.regency).cloned().unwrap_or_default();
        }
        candidates.retain(|&c| Some(c) != not);
        (!candidates.is_empty()).then(|| candidates[rng.gen_range(0..candidates.len())])
    }
}

/// When an officer acts `wd` working days after `prev` (0: the same day),
/// in office hours.
fn later(cal: &Calendar, rng: &mut StdRng, prev: i64, wd: u32) -> i64 {
    if wd == 0 {
        return prev + rng.gen_range(1_800..6 * 3_600);
    }
    let d = cal.add_working_days(date_of(prev), wd);
    (day_start(d) + 8 * 3_600 + rng.gen_range(0..8 * 3_600)).max(prev + 600)
}

/// A report's walk through the lifecycle so far.
struct Walk<'w> {
    world: &'w World,
    report_id: i64,
    status: Status,
    due: Option<Date>,
    last: i64,
    reopens: u32,
    agency: Option<usize>,
    class: FollowupClass,
    events: Vec<NewEvent>,
    audits: Vec<NewAudit>,
    verified_on: Option<String>,
    dispatched_on: Option<String>,
    response_due: Option<String>,
    responded_on: Option<String>,
    archive_reason: Option<ArchiveReason>,
    rating: Option<i64>,
}

impl Walk<'_> {
    /// Makes `t` at `at` if that is not in the future; false when it is.
    fn go(&mut self, at: i64, t: Transition, actor: Actor, message: String) -> anyhow::Result<bool> {
        if at >= self.world.now {
            return Ok(false);
        }
        let before = self.status;
        let before_due = self.due;
        self.status = apply(self.status, t, actor, self.reopens).map_err(|e| anyhow::anyhow!("generator: {e}"))?;
        let kind = EventKind::of(t);
        let cal = &self.world.cal;
        let on = date_of(at);
        let agency_before = self.agency;
        self.due = match t {
            Transition::Dispatch | Transition::Reopen => Some(cal.add_working_days(on, self.class.days())),
            Transition::Return | Transition::SupplyInfo => Some(cal.add_working_days(on, VERIFY_DAYS)),
            Transition::Respond => Some(cal.add_working_days(on, REPLY_WINDOW_DAYS)),
            Transition::RequestInfo | Transition::Archive | Transition::Close => None,
        };
        if t == Transition::Return {
            self.agency = None;
        }
        if t == Transition::Reopen {
            self.reopens += 1;
        }
        let on = on.to_string();
        match t {
            Transition::Dispatch => {
                self.verified_on.get_or_insert(on.clone());
                self.dispatched_on = Some(on);
                self.response_due = self.due.map(|d| d.to_string());
                self.responded_on = None;
            }
            Transition::Archive | Transition::RequestInfo => {
                self.verified_on.get_or_insert(on);
            }
            Transition::Respond => {
                self.responded_on.get_or_insert(on);
            }
            _ => {}
        }
        let agency = match actor {
            Actor::Agency => agency_before.map(|i| &self.world.agencies[i]),
            _ => None,
        };
        let event = match actor {
            Actor::Reporter | Actor::System => anonymous_event(at, kind, self.status, actor, Some(message)),
            Actor::Coordinator | Actor::Agency => NewEvent {
                at,
                kind,
                status: self.status,
                actor_role: actor,
                actor_user_id: Some(agency.and_then(|a| a.officer.as_ref()).unwrap_or(&self.world.coordinator).user_id),
                actor_label: actor_label(actor, agency.map(|a| a.name.as_str())),
                message: Some(message),
                internal: false,
                audience_agency_id: None,
            },
        };
        self.events.push(event);
        if let (Some(action), Actor::Coordinator | Actor::Agency) = (AuditAction::of_event(kind), actor) {
            let officer = agency.and_then(|a| a.officer.as_ref()).unwrap_or(&self.world.coordinator);
            let new_agency = self.agency.map(|i| self.world.agencies[i].name.clone());
            let changes = [
                AuditChange::of(AuditField::Status, Some(before.as_str().into()), Some(self.status.as_str().into())),
                AuditChange::of(AuditField::Agency, None, new_agency.filter(|_| t == Transition::Dispatch)),
                AuditChange::of(AuditField::DueDate, before_due.map(|d| d.to_string()), self.due.map(|d| d.to_string())),
            ];
            self.audits.push(NewAudit {
                at,
                user_id: Some(officer.user_id),
                username: officer.username.clone(),
                role: Some(if actor == Actor::Agency { Role::AgencyAdmin } else { Role::Coordinator }),
                agency_id: officer.agency_id,
                action,
                report_id: Some(self.report_id),
                changes: changes.into_iter().flatten().collect(),
            });
        }
        self.last = at;
        Ok(true)
    }

    fn dispatch(&mut self, rng: &mut StdRng, at: i64, to: usize) -> anyhow::Result<bool> {
        self.agency = Some(to);
        self.class = match rng.gen_range(0..100) {
            0..=74 => FollowupClass::Biasa,
            75..=92 => FollowupClass::TanpaCekLapangan,
            _ => FollowupClass::CekLapangan,
        };
        let msg = format!("Diteruskan ke {}.", self.world.agencies[to].name);
        let went = self.go(at, Transition::Dispatch, Actor::Coordinator, msg)?;
        if !went {
            self.agency = None;
        }
        Ok(went)
    }

    fn archive(&mut self, at: i64, reason: ArchiveReason) -> anyhow::Result<bool> {
        let went = self.go(at, Transition::Archive, Actor::Coordinator, reason.label(domain::Lang::Id).to_string())?;
        if went {
            self.archive_reason = Some(reason);
        }
        Ok(went)
    }
}

/// A delay in working days drawn from `weights` (index = days).
fn delay(rng: &mut StdRng, weights: &[u32]) -> u32 {
    pick(rng, &cumulative(weights.iter().copied())) as u32
}

type Built = (BulkReport, Vec<NewEvent>, Vec<NewAudit>);

fn one_report(world: &World, rng: &mut StdRng, id: i64, number: String, start: i64) -> anyhow::Result<Built> {
    let place = &world.places[pick(rng, &world.place_weights)];
    let (district, district_name, villages) = &place.districts[rng.gen_range(0..place.districts.len())];
    let village = (!villages.is_empty() && rng.gen_bool(0.7)).then(|| villages[rng.gen_range(0..villages.len())].clone());
    let c = pick(rng, &cumulative(CATEGORY_WEIGHTS));
    let category = world.categories[c];
    let kind = match rng.gen_range(0..100) {
        0..=77 => ReportKind::Pengaduan,
        78..=91 => ReportKind::Aspirasi,
        _ => ReportKind::PermintaanInformasi,
    };
    // More reports lately (density rising linearly), in the daytime.
    let span = (world.now - start) as f64;
    let day = date_of(start + (span * rng.gen::<f64>().sqrt()) as i64);
    let created = (day_start(day) + 6 * 3_600 + rng.gen_range(0..16 * 3_600)).min(world.now - 60);
    let cal = &world.cal;

    let mut w = Walk {
        world,
        report_id: id,
        status: Status::Submitted,
        due: Some(cal.add_working_days(date_of(created), VERIFY_DAYS)),
        last: created,
        reopens: 0,
        agency: None,
        class: FollowupClass::Biasa,
        events: vec![anonymous_event(created, EventKind::Submitted, Status::Submitted, Actor::Reporter, None)],
        audits: Vec::new(),
        verified_on: None,
        dispatched_on: None,
        response_due: None,
        responded_on: None,
        archive_reason: None,
        rating: None,
    };
    walk(&mut w, rng, place, category)?;

    let (title, body) = TEXTS[c];
    let reporter = format!("{} {}", FIRST[rng.gen_range(0..FIRST.len())], LAST[rng.gen_range(0..LAST.len())]);
    let phone = if rng.gen_bool(0.8) { format!("08{}{:08}", rng.gen_range(11..99), rng.gen_range(0..100_000_000)) } else { String::new() };
    let row = NewReportRow {
        access_code_hash: sha256_hex(&access_code_from_random(rng.gen())),
        kind: kind.as_str().into(),
        title: format!("{title} di Kecamatan {district_name}"),
        body: format!("{body} Lokasinya di Kecamatan {district_name}. Mohon segera ditindaklanjuti."),
        incident_date: Some(date_of(created).add_days(-rng.gen_range(0..14)).to_string()),
        province_code: place.province.clone(),
        regency_code: place.regency.clone(),
        district_code: Some(district.clone()),
        village_code: village,
        address: String::new(),
        category_id: Some(category),
        target_agency_id: None,
        agency_id: w.agency.map(|i| world.agencies[i].id),
        followup_class: w.class.as_str().into(),
        anonymous: rng.gen_bool(0.15),
        confidential: rng.gen_bool(0.05),
        reporter_name: reporter,
        reporter_phone: phone,
        reporter_email: String::new(),
        status: w.status.as_str().into(),
        due_date: w.due.map(|d| d.to_string()),
        created_at: created,
        updated_at: w.last,
        archive_reason: w.archive_reason.map(|r| r.as_str().to_string()),
        practice_session_id: None,
        channel: domain::intake::Channel::Web,
        reporter_contact: String::new(),
        created_on: None,
    };
    let report = BulkReport {
        id,
        tracking_number: number,
        row,
        reopen_count: i64::from(w.reopens),
        rating: w.rating,
        created_on: date_of(created).to_string(),
        verified_on: w.verified_on,
        dispatched_on: w.dispatched_on,
        response_due: w.response_due,
        responded_on: w.responded_on,
    };
    Ok((report, w.events, w.audits))
}

/// The coordinator's, the agency's and the reporter's decisions, each at
/// its time, until the report is finished or the next step lies ahead.
fn walk(w: &mut Walk, rng: &mut StdRng, place: &Place, category: i64) -> anyhow::Result<()> {
    let world = w.world;
    let cal = &world.cal;
    // Verification: most within the 3 working days, some late.
    const VERIFY: [u32; 9] = [20, 30, 20, 15, 6, 3, 2, 2, 2];
    let mut at = { let wd = delay(rng, &VERIFY); later(cal, rng, w.last, wd) };
    let decision = rng.gen_range(0..100);
    if decision < 6 {
        if !w.go(at, Transition::RequestInfo, Actor::Coordinator, "Mohon lengkapi lokasi dan waktu kejadian.".into())? {
            return Ok(());
        }
        match rng.gen_range(0..100) {
            0..=54 => {
                at = { let wd = rng.gen_range(1..6); later(cal, rng, w.last, wd) };
                if !w.go(at, Transition::SupplyInfo, Actor::Reporter, "Lokasinya di depan balai desa.".into())? {
                    return Ok(());
                }
                at = { let wd = delay(rng, &VERIFY); later(cal, rng, w.last, wd) };
            }
            55..=79 => {
                at = later(cal, rng, w.last, 10);
                w.archive(at, ArchiveReason::Unclear)?;
                return Ok(());
            }
            _ => return Ok(()),
        }
    } else if decision < 15 {
        const REASONS: [ArchiveReason; 5] = [
            ArchiveReason::NotPublicService,
            ArchiveReason::Unclear,
            ArchiveReason::OutsideAuthority,
            ArchiveReason::Abusive,
            ArchiveReason::Spam,
        ];
        let reason = REASONS[pick(rng, &cumulative([30, 25, 25, 5, 15]))];
        w.archive(at, reason)?;
        return Ok(());
    }
    let Some(mut to) = world.route(rng, place, category, None) else {
        w.archive(at, ArchiveReason::OutsideAuthority)?;
        return Ok(());
    };
    if !w.dispatch(rng, at, to)? {
        return Ok(());
    }
    let mut returned = false;
    loop {
        // The agency: silent (or not connected), returned, on time or late.
        let agency = &world.agencies[to];
        if agency.officer.is_none() || rng.gen_bool(agency.silent) {
            return Ok(());
        }
        if !returned && rng.gen_bool(0.04) {
            returned = true;
            at = { let wd = rng.gen_range(1..4); later(cal, rng, w.last, wd) };
            if !w.go(at, Transition::Return, Actor::Agency, "Bukan kewenangan kami; mohon diteruskan ke instansi lain.".into())? {
                return Ok(());
            }
            at = { let wd = delay(rng, &VERIFY); later(cal, rng, w.last, wd) };
            match world.route(rng, place, category, Some(to)) {
                Some(next) => {
                    to = next;
                    if !w.dispatch(rng, at, to)? {
                        return Ok(());
                    }
                    continue;
                }
                None => {
                    w.archive(at, ArchiveReason::OutsideAuthority)?;
                    return Ok(());
                }
            }
        }
        let days = w.class.days();
        let wd = if rng.gen_bool(agency.on_time) { rng.gen_range(0..=days) } else { rng.gen_range(days + 1..=days + days / 2 + 12) };
        let on_time = wd <= days;
        at = later(cal, rng, w.last, wd);
        let answer = ANSWERS[rng.gen_range(0..ANSWERS.len())].to_string();
        if !w.go(at, Transition::Respond, Actor::Agency, answer)? {
            return Ok(());
        }
        // The reporter: reopens, accepts with a rating, or lets the window run out.
        let r = rng.gen_range(0..100);
        if r < 7 && w.reopens < MAX_REOPENS {
            at = { let wd = rng.gen_range(1..6); later(cal, rng, w.last, wd) };
            if !w.go(at, Transition::Reopen, Actor::Reporter, "Masalahnya belum selesai di lapangan.".into())? {
                return Ok(());
            }
            continue;
        }
        if r < 42 {
            at = { let wd = rng.gen_range(0..7); later(cal, rng, w.last, wd) };
            let weights = if on_time { [3, 5, 12, 35, 45] } else { [10, 15, 30, 30, 15] };
            let rating = 1 + pick(rng, &cumulative(weights)) as i64;
            if w.go(at, Transition::Close, Actor::Reporter, "Terima kasih, sudah ditindaklanjuti.".into())? {
                w.rating = Some(rating);
            }
            return Ok(());
        }
        let end = w.due.context("a reply window")?.add_days(1);
        at = (day_start(end) + 3_600).max(w.last + 60);
        let msg = "Ditutup otomatis: batas waktu tanggapan pelapor telah berakhir.";
        w.go(at, Transition::Close, Actor::System, msg.into())?;
        return Ok(());
    }
}

/// A generated officer's account (national, with an unusable password).
fn officer<'a>(username: &'a str, role: Role, display_name: &'a str, agency_id: Option<i64>, password_hash: &'a str) -> crate::db::NewUser<'a> {
    crate::db::NewUser { username, password_hash, role: role.as_str(), display_name, agency_id, jurisdiction: None, temporary: false, team_role: agency_id.map(|_| "liaison") }
}
