//! A small time-limited cache for read-only reference data (the holiday
//! calendar). Each instance keeps its own copy for at most `ttl`, so a change
//! made in the database (e.g. holidays added by an administrator) reaches
//! every instance within `ttl` without a query per request.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::RwLock;

pub struct Cached<T> {
    ttl: Duration,
    slot: RwLock<Option<(Instant, Arc<T>)>>,
}

impl<T> Cached<T> {
    pub fn new(ttl: Duration) -> Cached<T> {
        Cached { ttl, slot: RwLock::new(None) }
    }

    /// The cached value, or a new one from `load` when there is none or it
    /// is older than the TTL. Concurrent callers wait for one load; a failed
    /// load is returned and leaves the cache as it was.
    pub async fn get<F, Fut>(&self, load: F) -> anyhow::Result<Arc<T>>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = anyhow::Result<T>>,
    {
        self.get_at(Instant::now(), load).await
    }

    async fn get_at<F, Fut>(&self, now: Instant, load: F) -> anyhow::Result<Arc<T>>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = anyhow::Result<T>>,
    {
        let fresh = |slot: &Option<(Instant, Arc<T>)>| match slot {
            Some((at, v)) if now.saturating_duration_since(*at) < self.ttl => Some(v.clone()),
            _ => None,
        };
        if let Some(v) = fresh(&*self.slot.read().await) {
            return Ok(v);
        }
        let mut slot = self.slot.write().await;
        // Another caller may have loaded it while this one waited.
        if let Some(v) = fresh(&slot) {
            return Ok(v);
        }
        let v = Arc::new(load().await?);
        *slot = Some((now, v.clone()));
        Ok(v)
    }

    /// Forgets the value: the next `get` loads.
    pub async fn clear(&self) {
        *self.slot.write().await = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn loads_once_per_ttl_and_not_after_a_failure() {
        let cache = Cached::new(Duration::from_secs(60));
        let loads = AtomicUsize::new(0);
        let load = || async {
            Ok::<_, anyhow::Error>(loads.fetch_add(1, Ordering::SeqCst) + 1)
        };
        let t0 = Instant::now();
        assert_eq!(*cache.get_at(t0, load).await.unwrap(), 1);
        assert_eq!(*cache.get_at(t0 + Duration::from_secs(59), load).await.unwrap(), 1, "still fresh");
        assert_eq!(*cache.get_at(t0 + Duration::from_secs(60), load).await.unwrap(), 2, "expired: loaded again");
        assert_eq!(*cache.get_at(t0 + Duration::from_secs(61), load).await.unwrap(), 2);

        let failing = || async { Err::<usize, _>(anyhow::anyhow!("database down")) };
        assert!(cache.get_at(t0 + Duration::from_secs(200), failing).await.is_err());
        assert_eq!(*cache.get_at(t0 + Duration::from_secs(200), load).await.unwrap(), 3, "a failure is not cached");

        cache.clear().await;
        assert_eq!(*cache.get_at(t0 + Duration::from_secs(201), load).await.unwrap(), 4);
        assert_eq!(loads.load(Ordering::SeqCst), 4);
    }

    #[tokio::test]
    async fn concurrent_callers_share_one_load() {
        let cache = Arc::new(Cached::new(Duration::from_secs(60)));
        let loads = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..8 {
            let (cache, loads) = (cache.clone(), loads.clone());
            tasks.push(tokio::spawn(async move {
                *cache
                    .get(|| async move {
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        Ok(loads.fetch_add(1, Ordering::SeqCst))
                    })
                    .await
                    .unwrap()
            }));
        }
        for t in tasks {
            assert_eq!(t.await.unwrap(), 0);
        }
        assert_eq!(loads.load(Ordering::SeqCst), 1);
    }
}
