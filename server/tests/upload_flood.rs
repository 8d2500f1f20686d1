//! The second security review's upload attack, against the real server
//! binary: forty connections announcing 20 MB `POST /api/v1/attachments`
//! each and sending them slowly took the server from 0.28 to 1.66 GB
//! resident (every body was buffered in a growing `Vec`, and the address's
//! megabytes were counted only after it had arrived).
//!
//! Now an upload's announced bytes count against its address before any is
//! read, the whole process receives at most `LAPOR_UPLOAD_RECEIVING_MB` at
//! once (past it: a short wait, then 503 with `Retry-After`), and bodies go
//! to temporary files. Measured from outside (`VmRSS`), with the attackers'
//! bodies all but sent and held open:
//! - forty from one address: five fit its 100 MB, the other 35 are refused
//!   at once (429), and honest photos from other addresses are stored
//!   meanwhile;
//! - forty from forty addresses: as many as fit the process's 256 MB are
//!   received, the rest are answered 503 with `Retry-After` after the wait;
//! and the server's memory stays within `MEMORY_BOUND` of what it was idle.

mod common;

use common::binary::{self, Server};
use common::TestDb;
use reqwest::StatusCode;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpSocket;
use tokio::sync::watch;

const MB: u64 = 1024 * 1024;
/// What each attacker announces: the largest video.
const ANNOUNCED: u64 = 20 * MB;
/// What each sends before holding the connection open: all but the end.
const SENT: u64 = ANNOUNCED - MB;
/// Connections in each attack.
const ATTACKERS: usize = 40;
/// The most the server's resident memory may grow under either attack.
const MEMORY_BOUND: u64 = 150 * MB;

/// What one attacking connection saw: the status the server answered while
/// the body was held (if it answered), its `Retry-After`, and how many body
/// bytes went out before it answered or the connection broke.
#[derive(Debug, Default, Clone)]
struct Seen {
    status: Option<u16>,
    retry_after: Option<u64>,
    sent: u64,
}

/// One attacker: from `from`, announces `ANNOUNCED` bytes, sends `SENT` of
/// them in 64 KiB pieces, then holds the connection until `release`. What
/// the server answered meanwhile is read as it comes; `done` counts the
/// attackers that are holding or were answered.
async fn attack(server: SocketAddr, from: IpAddr, done: Arc<AtomicUsize>, mut release: watch::Receiver<bool>) -> Seen {
    let socket = TcpSocket::new_v4().unwrap();
    socket.bind(SocketAddr::new(from, 0)).unwrap();
    let stream = socket.connect(server).await.unwrap();
    let (mut rd, mut wr) = stream.into_split();
    let head = format!(
        "POST /api/v1/attachments HTTP/1.1\r\nHost: {server}\r\nContent-Type: application/octet-stream\r\nContent-Length: {ANNOUNCED}\r\n\r\n"
    );
    let answer = tokio::spawn(async move {
        let mut buf = Vec::new();
        let mut piece = [0u8; 4096];
        while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
            match rd.read(&mut piece).await {
                Ok(0) | Err(_) => break,
                Ok(n) => buf.extend_from_slice(&piece[..n]),
            }
        }
        let text = String::from_utf8_lossy(&buf).to_string();
        let status = text.split(' ').nth(1).and_then(|s| s.parse::<u16>().ok());
        let retry_after = text.lines().find_map(|l| l.to_ascii_lowercase().strip_prefix("retry-after:").map(|v| v.trim().parse().ok())).flatten();
        (status, retry_after)
    });
    let sent = Arc::new(AtomicU64::new(0));
    let writer = {
        let sent = sent.clone();
        async move {
            if wr.write_all(head.as_bytes()).await.is_err() {
                return wr;
            }
            // An MP4's first bytes, then zeros: a file of a kind the server takes.
            let mut piece = vec![0u8; 64 * 1024];
            piece[..12].copy_from_slice(b"\0\0\0\x18ftypmp42");
            while sent.load(Ordering::Relaxed) < SENT {
                if wr.write_all(&piece).await.is_err() {
                    break;
                }
                sent.fetch_add(piece.len() as u64, Ordering::Relaxed);
                piece[..12].fill(0);
            }
            wr
        }
    };
    tokio::pin!(answer);
    // Send until all but the end is out, or the server has answered; then
    // hold the connection until released.
    let mut answered = None;
    let _wr = tokio::select! {
        wr = writer => Some(wr),
        a = &mut answer => { answered = Some(a.unwrap()); None }
    };
    if answered.is_none() {
        done.fetch_add(1, Ordering::Relaxed);
        tokio::select! {
            a = &mut answer => answered = Some(a.unwrap()),
            _ = release.wait_for(|r| *r) => {}
        }
    } else {
        done.fetch_add(1, Ordering::Relaxed);
    }
    let _ = release.wait_for(|r| *r).await;
    let (status, retry_after) = answered.unwrap_or((None, None));
    Seen { status, retry_after, sent: sent.load(Ordering::Relaxed) }
}

/// An honest photo from `from`, through an ordinary HTTP client.
async fn honest_upload(server: &Server, from: IpAddr) -> StatusCode {
    let c = reqwest::Client::builder().local_address(from).timeout(Duration::from_secs(30)).build().unwrap();
    c.post(server.url("/api/v1/attachments")).body(common::jpeg_with_exif()).send().await.unwrap().status()
}

/// The server's resident memory, sampled every 50 ms until `stop`; the peak.
fn sample_peak(server: &Server, stop: watch::Receiver<bool>) -> tokio::task::JoinHandle<u64> {
    let pid = server.child.id();
    let mut stop = stop;
    tokio::spawn(async move {
        let mut peak = 0;
        loop {
            peak = peak.max(rss(pid));
            tokio::select! {
                _ = stop.wait_for(|s| *s) => return peak.max(rss(pid)),
                _ = tokio::time::sleep(Duration::from_millis(50)) => {}
            }
        }
    })
}

fn rss(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status.lines().find_map(|l| l.strip_prefix("VmRSS:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok()).unwrap_or(0) * 1024
}

fn addr(last: u8) -> IpAddr {
    IpAddr::from([127, 0, 0, last])
}

/// Waits (bounded) until every attacker has sent all it sends before
/// holding, or has been answered.
async fn settled(done: &AtomicUsize) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    while done.load(Ordering::Relaxed) < ATTACKERS {
        assert!(tokio::time::Instant::now() < deadline, "{} of {ATTACKERS} attackers settled", done.load(Ordering::Relaxed));
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn run_attack(server: &Server, from: impl Fn(usize) -> IpAddr, honest_from: Option<IpAddr>) -> (Vec<Seen>, u64, Vec<StatusCode>) {
    let target: SocketAddr = server.base.trim_start_matches("http://").parse().unwrap();
    let (release_tx, release) = watch::channel(false);
    let (stop_tx, stop) = watch::channel(false);
    let idle = server.resident_bytes();
    let peak = sample_peak(server, stop);
    let done = Arc::new(AtomicUsize::new(0));
    let handles: Vec<_> = (0..ATTACKERS).map(|i| tokio::spawn(attack(target, from(i), done.clone(), release.clone()))).collect();
    // Every body held is all but sent, and every upload refused (at once, or
    // after the server's 10 s wait for room) is answered.
    settled(&done).await;
    // While the attack holds its connections: honest photos from other addresses.
    let mut honest = Vec::new();
    if let Some(from) = honest_from {
        for _ in 0..3 {
            honest.push(honest_upload(server, from).await);
        }
    }
    let _ = release_tx.send(true);
    let mut seen = Vec::new();
    for h in handles {
        seen.push(h.await.unwrap());
    }
    let _ = stop_tx.send(true);
    let grown = peak.await.unwrap().saturating_sub(idle);
    (seen, grown, honest)
}

fn count(seen: &[Seen], status: Option<u16>) -> usize {
    seen.iter().filter(|s| s.status == status).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn forty_slow_20_mb_uploads_keep_memory_bounded_and_honest_uploads_pass() {
    let db = TestDb::new().await;
    let dir = tempfile::tempdir().unwrap();
    // The product's defaults: 100 uploads and 100 MB per address per 10 minutes, 256 MB received at once.
    let server = binary::start(dir.path(), &db, "flood", &[]).await;
    // Warm up: the first requests size the server's pools and buffers.
    for _ in 0..3 {
        assert_eq!(honest_upload(&server, addr(200)).await, StatusCode::CREATED, "{}", server.log_tail());
    }

    // The review's attack: forty from one address.
    let (seen, grown, honest) = run_attack(&server, |_| addr(2), Some(addr(3))).await;
    println!("one address: {} held open, {} refused 429; memory grew {} MB", count(&seen, None), count(&seen, Some(429)), grown / MB);
    // Its 100 MB hold five 20 MB bodies; the other 35 are refused before a byte is read.
    assert_eq!(count(&seen, Some(429)), ATTACKERS - 5, "{seen:?}");
    assert_eq!(count(&seen, None), 5, "{seen:?}");
    for s in seen.iter().filter(|s| s.status == Some(429)) {
        assert!(s.retry_after.is_some_and(|r| (1..=600).contains(&r)), "{s:?}");
    }
    for s in seen.iter().filter(|s| s.status.is_none()) {
        assert!(s.sent >= SENT, "a held body was all but sent: {s:?}");
    }
    assert_eq!(honest, vec![StatusCode::CREATED; 3], "honest photos from another address, meanwhile\n{}", server.log_tail());
    assert!(grown < MEMORY_BOUND, "one address: the server grew by {} MB", grown / MB);

    // Forty addresses, one upload each: as many as fit 256 MB are received,
    // the rest get 503 with Retry-After once the wait for room is over.
    let (seen, grown, _) = run_attack(&server, |i| addr(10 + i as u8), None).await;
    println!("forty addresses: {} held open, {} answered 503; memory grew {} MB", count(&seen, None), count(&seen, Some(503)), grown / MB);
    let room = (256 * MB / ANNOUNCED) as usize;
    assert_eq!(count(&seen, None), room, "{seen:?}");
    assert_eq!(count(&seen, Some(503)), ATTACKERS - room, "{seen:?}");
    for s in seen.iter().filter(|s| s.status == Some(503)) {
        assert_eq!(s.retry_after, Some(30), "{s:?}");
    }
    assert!(grown < MEMORY_BOUND, "forty addresses: the server grew by {} MB", grown / MB);

    // Once they are gone, the room is free again: an honest photo from one of those addresses is stored.
    assert_eq!(honest_upload(&server, addr(10)).await, StatusCode::CREATED, "{}", server.log_tail());
}
