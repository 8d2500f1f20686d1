//! Latency of the recap (`GET /api/v1/admin/recap`, what `/admin/rekap`
//! loads) over a large synthetic dataset, for `bench/recap.sh`: generates
//! reports into a fresh database (`lapor-server generate`, the same code),
//! serves the app on loopback, signs in a coordinator and times the whole
//! recap for a province-year, a province-month, a regency-year, a
//! regency-month and the whole country over two years. Prints one table row
//! per query (median and p95 in ms, and the reports the recap counted).
//!
//!   recap_bench [--database-url postgres://…] [--reports 200000] [--runs 20] [--label NAME]
//!
//! Without `--database-url`: SQLite in a temporary directory. The database
//! must be empty (a fresh PostgreSQL database); it is filled, not cleaned.

mod support;

use std::time::Instant;

struct Args {
    url: Option<String>,
    reports: usize,
    runs: usize,
    label: String,
}

fn parse() -> Result<Args, String> {
    let mut a = Args { url: None, reports: 200_000, runs: 20, label: String::new() };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--database-url" => a.url = Some(value()?),
            "--reports" => a.reports = value()?.parse().map_err(|e| format!("--reports: {e}"))?,
            "--runs" => a.runs = value()?.parse().map_err(|e| format!("--runs: {e}"))?,
            "--label" => a.label = value()?,
            _ => return Err(format!("unknown argument {flag}")),
        }
    }
    if a.label.is_empty() {
        a.label = if a.url.is_some() { "postgresql".into() } else { "sqlite".into() };
    }
    Ok(a)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = parse().map_err(|e| anyhow::anyhow!(e))?;
    let mut bench = support::Bench::open(args.url.clone()).await?;
    let started = Instant::now();
    let opts = lapor_server::generate::Options { reports: args.reports, days: 730, seed: 1 };
    let summary = lapor_server::generate::generate(&bench.state.db, &opts, &mut |_| {}).await?;
    let fill_secs = started.elapsed().as_secs_f64();
    let client = bench.serve().await?;

    let today = lapor_server::today().to_string();
    let (year, month) = (&today[..4], &today[5..7]);
    let last_day = domain::calendar::days_in_month(year.parse()?, month.parse()?);
    let previous_year = year.parse::<i32>()? - 1;
    let cases = [
        ("province 61, this year", format!("from={year}-01-01&to={year}-12-31&province=61")),
        ("province 61, this month", format!("from={year}-{month}-01&to={year}-{month}-{last_day}&province=61")),
        ("regency 61.71, this year", format!("from={year}-01-01&to={year}-12-31&regency=61.71")),
        ("regency 61.09, this month", format!("from={year}-{month}-01&to={year}-{month}-{last_day}&regency=61.09")),
        ("whole country, two years", format!("from={previous_year}-01-01&to={year}-12-31")),
    ];
    println!(
        "{}: {} reports, {} events, {} audit entries, generated and stored in {:.1} s; {} runs each after 3 warm-up runs",
        args.label, summary.reports, summary.events, summary.audits, fill_secs, args.runs
    );
    println!("{:<12} {:<30} {:>9} {:>9} {:>9}", "database", "recap", "p50 ms", "p95 ms", "reports");
    for (label, query) in cases {
        let (p50, p95, v) = client.time(&format!("/api/v1/admin/recap?{query}"), args.runs).await?;
        let received = v["period"]["received"].as_i64().unwrap_or_default();
        println!("{:<12} {:<30} {:>9.1} {:>9.1} {:>9}", args.label, label, p50, p95, received);
    }
    Ok(())
}
