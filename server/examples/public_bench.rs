//! Latency of the public list and the officers' queue over many reports,
//! for `bench/public.sh`: fills a fresh database with synthetic reports (one
//! transaction, multi-row INSERTs), serves the app on loopback and times,
//! over HTTP, a word search, a filtered search, page 1, and a page a few
//! thousand rows deep reached by the cursor, of the public list and of a
//! coordinator's queue (signed in), and finding one report in the queue by
//! its number. Each answer includes the counts, as the browser gets them.
//! Prints one table row per query (median and p95 in ms).
//!
//!   public_bench [--database-url postgres://…] [--rows 100000] [--runs 30] [--label NAME]
//!
//! Without `--database-url`: SQLite in a temporary directory. The database
//! must be empty (a fresh PostgreSQL database); it is filled, not cleaned.

mod support;

use std::time::Instant;

struct Args {
    url: Option<String>,
    rows: usize,
    runs: usize,
    label: String,
    depth: usize,
}

fn parse() -> Result<Args, String> {
    let mut a = Args { url: None, rows: 100_000, runs: 30, label: String::new(), depth: 4000 };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--database-url" => a.url = Some(value()?),
            "--rows" => a.rows = value()?.parse().map_err(|e| format!("--rows: {e}"))?,
            "--runs" => a.runs = value()?.parse().map_err(|e| format!("--runs: {e}"))?,
            "--depth" => a.depth = value()?.parse().map_err(|e| format!("--depth: {e}"))?,
            "--label" => a.label = value()?,
            _ => return Err(format!("unknown argument {flag}")),
        }
    }
    if a.label.is_empty() {
        a.label = if a.url.is_some() { "postgresql".into() } else { "sqlite".into() };
    }
    Ok(a)
}

/// Words of the synthetic reports: a few common, most rare.
const WORDS: [&str; 48] = [
    "jalan", "rusak", "berlubang", "lampu", "padam", "air", "keruh", "sekolah", "atap", "bocor", "banjir", "sampah",
    "menumpuk", "pasar", "jembatan", "ambruk", "puskesmas", "antrean", "panjang", "obat", "kosong", "listrik",
    "gangguan", "pungutan", "liar", "ktp", "belum", "jadi", "bantuan", "sosial", "tidak", "tepat", "sasaran",
    "drainase", "tersumbat", "parit", "longsor", "tebing", "guru", "honor", "terlambat", "izin", "usaha", "lambat",
    "pelayanan", "kantor", "desa", "warga",
];

const REGENCIES: [(&str, [&str; 3]); 4] = [
    ("61.09", ["61.09.01", "61.09.02", "61.09.03"]),
    ("61.03", ["61.03.01", "61.03.02", "61.03.03"]),
    ("61.71", ["61.71.01", "61.71.02", "61.71.03"]),
    ("61.04", ["61.04.01", "61.04.02", "61.04.03"]),
];

const STATUSES: [&str; 6] = ["dispatched", "responded", "closed", "returned", "closed", "submitted"];

/// A small deterministic generator (xorshift).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Skewed towards the first words (the common ones).
    fn word(&mut self) -> &'static str {
        let a = self.below(WORDS.len());
        let b = self.below(WORDS.len());
        WORDS[a.min(b)]
    }
}

/// The `k`th synthetic report's tracking number (distinct for each `k`).
fn number_of(k: usize) -> String {
    domain::tracking::tracking_from_random(10_000_000_000 + k as u64)
}

async fn fill(db: &lapor_server::db::Db, rows: usize) -> anyhow::Result<()> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let now = lapor_server::now();
    let mut tx = db.pool().begin().await?;
    let batch = 500;
    let mut n = 0;
    while n < rows {
        let mut sql = String::from(
            "INSERT INTO reports (tracking_number, access_code_hash, kind, title, body, province_code, regency_code, \
             district_code, address, category_id, followup_class, anonymous, confidential, reporter_name, \
             reporter_phone, reporter_email, status, reopen_count, due_date, created_at, updated_at) VALUES ",
        );
        for i in 0..batch.min(rows - n) {
            let k = n + i;
            let (regency, districts) = REGENCIES[rng.below(REGENCIES.len())];
            let district = districts[rng.below(3)];
            let title: Vec<&str> = (0..5).map(|_| rng.word()).collect();
            let body: Vec<&str> = (0..40).map(|_| rng.word()).collect();
            let status = STATUSES[rng.below(STATUSES.len())];
            let confidential = i64::from(rng.below(20) == 0);
            let created = now - (rows - k) as i64 * 60;
            let updated = created + rng.below(30 * 86_400) as i64;
            let due = if status == "closed" { "NULL".to_string() } else { format!("'2026-0{}-15'", 1 + rng.below(9)) };
            let category = 1 + rng.below(18);
            if i > 0 {
                sql.push(',');
            }
            // Synthetic values only (words from WORDS, numbers): no quoting needed.
            sql.push_str(&format!(
                "('{}', 'x', 'pengaduan', '{}', '{}', '61', '{regency}', '{district}', 'Jl. Uji', {category}, \
                 'biasa', 0, {confidential}, 'Pelapor', '', '', '{status}', 0, {due}, {created}, {updated})",
                number_of(k),
                title.join(" "),
                body.join(" ")
            ));
        }
        sqlx::query(&sql).execute(&mut *tx).await?;
        n += batch;
    }
    tx.commit().await?;
    if db.backend() == lapor_server::db::Backend::Postgres {
        sqlx::query("ANALYZE reports").execute(db.pool()).await?;
    } else {
        sqlx::query("ANALYZE").execute(db.pool()).await?;
    }
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = parse().map_err(|e| anyhow::anyhow!(e))?;
    let mut bench = support::Bench::open(args.url.clone()).await?;
    let started = Instant::now();
    fill(&bench.state.db, args.rows).await?;
    let fill_secs = started.elapsed().as_secs_f64();
    // A coordinator's session for the queue (the cookie rides on every request).
    let client = bench.serve().await?;
    let get = |path: String| {
        let client = client.clone();
        async move { client.get(&path).await }
    };

    // The cursor `depth` rows deep, walked page by page.
    let deep_cursor = |first: &'static str| {
        let get = &get;
        async move {
            let mut after: Option<String> = None;
            let mut walked = 0;
            while walked < args.depth {
                let q = match &after {
                    Some(a) => format!("{first}&after={a}"),
                    None => first.to_string(),
                };
                let page = get(q).await?;
                walked += page["items"].as_array().map_or(0, Vec::len);
                after = page["next"].as_str().map(str::to_string);
                anyhow::ensure!(after.is_some(), "fewer than {} rows for {first}", args.depth);
            }
            Ok::<String, anyhow::Error>(after.unwrap_or_default())
        }
    };
    let deep = deep_cursor("/api/v1/public/reports?limit=50").await?;
    // The same depth in the queue, nearest deadline first.
    let queue_deep = deep_cursor("/api/v1/admin/reports?sort=deadline&limit=100").await?;
    let number = number_of(args.rows / 2);

    let cases: Vec<(String, String)> = vec![
        ("word search (q=jembatan)".into(), "/api/v1/public/reports?q=jembatan".into()),
        ("two-word prefix search (q=jemb ambr)".into(), "/api/v1/public/reports?q=jemb%20ambr".into()),
        ("filtered search (q, regency, status)".into(), "/api/v1/public/reports?q=jembatan&regency=61.09&status=dispatched".into()),
        ("page 1 (no filter)".into(), "/api/v1/public/reports".into()),
        ("page 1, regency".into(), "/api/v1/public/reports?regency=61.03".into()),
        (format!("page {} rows deep (cursor)", args.depth), format!("/api/v1/public/reports?after={deep}")),
        ("open311 requests.json".into(), "/open311/v2/requests.json?start_date=2000-01-01".into()),
        ("queue: page 1 (newest, counts)".into(), "/api/v1/admin/reports".into()),
        ("queue: one report by its number".into(), format!("/api/v1/admin/reports?q={number}")),
        ("queue: word search (q=jembatan)".into(), "/api/v1/admin/reports?q=jembatan".into()),
        ("queue: dispatched, nearest deadline".into(), "/api/v1/admin/reports?status=dispatched&sort=deadline".into()),
        ("queue: late, regency".into(), "/api/v1/admin/reports?late=true&regency=61.09".into()),
        (format!("queue: {} rows deep (cursor)", args.depth), format!("/api/v1/admin/reports?sort=deadline&after={queue_deep}")),
    ];
    let total: i64 = get("/api/v1/public/reports".into()).await?["counts"]["total"].as_i64().unwrap_or_default();
    println!(
        "{}: {} reports ({} public), filled in {:.1} s; {} runs each after 3 warm-up runs",
        args.label, args.rows, total, fill_secs, args.runs
    );
    println!("{:<12} {:<42} {:>9} {:>9} {:>7}", "database", "query", "p50 ms", "p95 ms", "items");
    for (label, path) in cases {
        let (p50, p95, v) = client.time(&path, args.runs).await?;
        let items = v.get("items").and_then(|i| i.as_array()).or(v.as_array()).map_or(0, Vec::len);
        println!("{:<12} {:<42} {:>9.1} {:>9.1} {:>7}", args.label, label, p50, p95, items);
    }
    Ok(())
}
