//! The client's address and per-address rate limits. The counters live in
//! the database, so every instance counts against the same limit.

use crate::config::RateLimit;
use crate::error::{Error, Result};
use crate::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

/// The rate-limit key of a request's client: the TCP peer, or with
/// `--trust-proxy` the left-most `X-Forwarded-For` address. IPv6 clients
/// are counted per /64 (one household or phone gets a whole /64).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientAddr(pub String);

fn forwarded_for(headers: &HeaderMap) -> Option<IpAddr> {
    let first = headers.get("x-forwarded-for")?.to_str().ok()?.split(',').next()?.trim();
    first
        .parse::<IpAddr>()
        .ok()
        .or_else(|| first.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .or_else(|| first.trim_start_matches('[').trim_end_matches(']').parse().ok())
}

/// The key for an address: IPv4 as is (also when mapped into IPv6), IPv6 by /64.
pub fn address_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

pub fn client_addr(headers: &HeaderMap, peer: Option<SocketAddr>, trust_proxy: bool) -> ClientAddr {
    let ip = trust_proxy.then(|| forwarded_for(headers)).flatten().or(peer.map(|p| p.ip()));
    ClientAddr(ip.map(address_key).unwrap_or_else(|| "unknown".into()))
}

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, st: &AppState) -> Result<ClientAddr, Infallible> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0);
        Ok(client_addr(&parts.headers, peer, st.trust_proxy))
    }
}

/// A request that `hit` counted, for `refund`.
#[derive(Debug)]
pub struct Counted {
    key: String,
    window_start: i64,
}

/// Counts one request of `scope` from `client`; over the limit, a 429 with
/// `what` ("laporan", "unggahan") in the message and `Retry-After`.
pub async fn hit(st: &AppState, limit: RateLimit, scope: &str, client: &ClientAddr, what: &str) -> Result<Counted> {
    add(st, limit, 1, scope, client, what).await
}

/// Reserves `bytes` of an upload not yet received against `client`'s
/// megabytes limit, as `hit` counts a request: 429 when they would pass it.
/// Give back what did not arrive with `refund_bytes`.
pub async fn reserve_bytes(st: &AppState, bytes: u64, client: &ClientAddr) -> Result<Counted> {
    let mb = st.limits.upload_mb;
    let limit = RateLimit { count: mb.count.saturating_mul(1024 * 1024), window_secs: mb.window_secs };
    add(st, limit, i64::try_from(bytes).unwrap_or(i64::MAX), "upload_bytes", client, "unggahan").await
}

/// Gives back `bytes` of a reservation (an upload shorter than announced,
/// or one that never started).
pub async fn refund_bytes(st: &AppState, counted: &Counted, bytes: u64) -> Result<()> {
    if bytes > 0 {
        let amount = i64::try_from(bytes).unwrap_or(i64::MAX);
        st.db.refund_rate_limit(&counted.key, counted.window_start, amount).await?;
    }
    Ok(())
}

const MISSES: &str = "nomor yang tidak ditemukan";

/// Counts a lookup as a miss before it runs (so a concurrent burst cannot
/// slip under the limit); 429 once the address has missed too often. Give
/// the count back with `refund` when the lookup found its report: found
/// reports cost nothing, but an address that guesses numbers stops getting
/// answers.
pub async fn count_lookup(st: &AppState, client: &ClientAddr) -> Result<Counted> {
    hit(st, st.limits.lookup_miss, "lookup_miss", client, MISSES).await
}

/// A lookup of a report (`find`), counted as a miss of this address unless
/// it finds one: 429 after too many misses, `not_found` when nothing was
/// found. Every lookup by tracking number goes through here.
pub async fn lookup<T>(
    st: &AppState,
    client: &ClientAddr,
    find: impl std::future::Future<Output = anyhow::Result<Option<T>>>,
    not_found: fn() -> Error,
) -> Result<T> {
    let counted = count_lookup(st, client).await?;
    let found = find.await?.ok_or_else(not_found)?;
    refund(st, counted).await?;
    Ok(found)
}

async fn add(st: &AppState, limit: RateLimit, amount: i64, scope: &str, client: &ClientAddr, what: &str) -> Result<Counted> {
    let now = crate::now();
    let window_start = now - now.rem_euclid(limit.window_secs);
    let key = format!("{scope}:{}", client.0);
    let count = st.db.hit_rate_limit(&key, window_start, amount).await?;
    if count <= limit.count {
        return Ok(Counted { key, window_start });
    }
    let retry_after = (window_start + limit.window_secs - now).max(1);
    let minutes = (retry_after + 59) / 60;
    tracing::warn!(scope, client = %client.0, count, "rate limited");
    Err(Error::RateLimited {
        message: format!("Terlalu banyak {what} dari jaringan ini. Coba lagi dalam {minutes} menit."),
        retry_after,
    })
}

/// Takes back a counted request, for limits that count only failures: a
/// request is counted before the outcome is known (so a concurrent burst
/// cannot slip under the limit) and refunded when it succeeded.
pub async fn refund(st: &AppState, counted: Counted) -> Result<()> {
    st.db.refund_rate_limit(&counted.key, counted.window_start, 1).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_is_the_peer_unless_a_proxy_is_trusted() {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", "203.0.113.7, 10.0.0.1".parse().unwrap());
        let peer: SocketAddr = "10.0.0.1:5000".parse().unwrap();
        assert_eq!(client_addr(&h, Some(peer), false).0, "10.0.0.1");
        assert_eq!(client_addr(&h, Some(peer), true).0, "203.0.113.7");
        h.insert("x-forwarded-for", "nonsense".parse().unwrap());
        assert_eq!(client_addr(&h, Some(peer), true).0, "10.0.0.1");
        h.insert("x-forwarded-for", "[2001:db8:1:2:3::4]:443".parse().unwrap());
        assert_eq!(client_addr(&h, Some(peer), true).0, "2001:db8:1:2::/64");
        assert_eq!(client_addr(&HeaderMap::new(), None, true).0, "unknown");
        let mapped: SocketAddr = "[::ffff:192.0.2.9]:1".parse().unwrap();
        assert_eq!(client_addr(&HeaderMap::new(), Some(mapped), false).0, "192.0.2.9");
    }
}
