//! Submission load generator for `bench/submit.sh`: POSTs valid, distinct
//! reports to `/api/v1/reports` on one or more loopback servers (requests
//! alternate between them) and prints one table row.
//!
//!   load --label NAME --url http://127.0.0.1:18101 [--url …] \
//!        [--requests 2000] [--concurrency 16] [--warmup 100] [--max-secs 120]
//!
//! Only loopback addresses are accepted. The run is bounded: it stops after
//! `--requests` requests or `--max-secs` seconds, whichever comes first.

use serde_json::json;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How many failures were printed (the first few only).
static SHOWN: AtomicUsize = AtomicUsize::new(0);

struct Args {
    label: String,
    urls: Vec<String>,
    requests: usize,
    concurrency: usize,
    warmup: usize,
    max_secs: u64,
}

fn parse() -> Result<Args, String> {
    let mut a = Args { label: "run".into(), urls: vec![], requests: 2000, concurrency: 16, warmup: 100, max_secs: 120 };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--label" => a.label = value()?,
            "--url" => a.urls.push(value()?.trim_end_matches('/').to_string()),
            "--requests" => a.requests = value()?.parse().map_err(|e| format!("--requests: {e}"))?,
            "--concurrency" => a.concurrency = value()?.parse().map_err(|e| format!("--concurrency: {e}"))?,
            "--warmup" => a.warmup = value()?.parse().map_err(|e| format!("--warmup: {e}"))?,
            "--max-secs" => a.max_secs = value()?.parse().map_err(|e| format!("--max-secs: {e}"))?,
            "--header" => {
                println!("{:<28} {:>8} {:>8} {:>8} {:>9} {:>9} {:>7}", "setup", "requests", "seconds", "req/s", "p50 ms", "p95 ms", "errors");
                std::process::exit(0);
            }
            _ => return Err(format!("unknown argument {flag}")),
        }
    }
    if a.urls.is_empty() {
        return Err("at least one --url".into());
    }
    for u in &a.urls {
        let host = u.strip_prefix("http://").unwrap_or("").split(['/', ':']).next().unwrap_or("");
        if !matches!(host, "127.0.0.1" | "localhost" | "[::1]") {
            return Err(format!("{u}: only http:// loopback addresses"));
        }
    }
    a.concurrency = a.concurrency.clamp(1, 256);
    Ok(a)
}

/// A valid complaint in Sekadau Hilir, distinct by `i` (title, body, and a
/// 39-character idempotency key: the server wants 32 to 100).
fn body(run: u64, i: usize) -> serde_json::Value {
    json!({
        "kind": "pengaduan",
        "title": format!("Jalan rusak nomor {i} di Desa Sungai Ringin"),
        "body": format!("Jalan poros desa berlubang sepanjang {} meter sejak Agustus, sepeda motor sering jatuh saat hujan.", 100 + i),
        "incident_date": "2026-01-05",
        "province_code": "61",
        "regency_code": "61.09",
        "district_code": "61.09.01",
        "village_code": "61.09.01.2001",
        "address": format!("Jl. Poros Desa No. {i}"),
        "reporter_name": "Yohanes",
        "reporter_phone": "0812-5678-9012",
        "idempotency_key": format!("bench-{run:016x}-{i:016x}"),
    })
}

/// Sends `count` submissions; returns (latencies of 201s, errors, elapsed).
async fn run(client: &reqwest::Client, a: &Args, first: usize, count: usize, deadline: Instant) -> (Vec<Duration>, usize, Duration) {
    let run_id: u64 = rand::random();
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..a.concurrency {
        let (client, next, urls) = (client.clone(), next.clone(), a.urls.clone());
        tasks.push(tokio::spawn(async move {
            let (mut ok, mut errors) = (Vec::new(), 0usize);
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= count || Instant::now() >= deadline {
                    break;
                }
                let url = format!("{}/api/v1/reports", urls[i % urls.len()]);
                let t = Instant::now();
                match client.post(&url).json(&body(run_id, first + i)).send().await {
                    Ok(res) if res.status().as_u16() == 201 => {
                        let _ = res.bytes().await;
                        ok.push(t.elapsed());
                    }
                    Ok(res) => {
                        errors += 1;
                        if SHOWN.fetch_add(1, Ordering::Relaxed) < 3 {
                            eprintln!("HTTP {}: {}", res.status(), res.text().await.unwrap_or_default());
                        }
                    }
                    Err(e) => {
                        errors += 1;
                        if SHOWN.fetch_add(1, Ordering::Relaxed) < 3 {
                            eprintln!("request failed: {e}");
                        }
                    }
                }
            }
            (ok, errors)
        }));
    }
    let (mut all, mut errors) = (Vec::new(), 0);
    for t in tasks {
        let (ok, e) = t.await.expect("worker");
        all.extend(ok);
        errors += e;
    }
    (all, errors, start.elapsed())
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let a = match parse() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("load: {e}");
            std::process::exit(2);
        }
    };
    let client = reqwest::Client::builder().pool_max_idle_per_host(a.concurrency).timeout(Duration::from_secs(30)).build().unwrap();
    let deadline = Instant::now() + Duration::from_secs(a.max_secs);
    if a.warmup > 0 {
        run(&client, &a, 1_000_000, a.warmup, deadline).await;
    }
    let (mut lat, errors, elapsed) = run(&client, &a, 0, a.requests, deadline).await;
    lat.sort();
    let done = lat.len() + errors;
    let secs = elapsed.as_secs_f64();
    println!(
        "{:<28} {:>8} {:>8.2} {:>8.0} {:>9.1} {:>9.1} {:>7}",
        a.label,
        done,
        secs,
        lat.len() as f64 / secs,
        percentile(&lat, 0.50),
        percentile(&lat, 0.95),
        errors
    );
    if done < a.requests {
        eprintln!("load: stopped after {} s with {done} of {} requests", a.max_secs, a.requests);
    }
}
