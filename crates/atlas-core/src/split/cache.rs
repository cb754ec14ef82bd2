//! The bounded cache of fetched fragments and shards.

use std::collections::{HashMap, HashSet};

/// A small least-recently-used map for fetched fragments and shards: at most `capacity`
/// entries, the least recently used going first, except those a caller still needs.
#[derive(Debug)]
pub struct Lru<K, V> {
    capacity: usize,
    clock: u64,
    entries: HashMap<K, (u64, V)>,
}

impl<K: std::hash::Hash + Eq + Clone, V> Lru<K, V> {
    pub fn new(capacity: usize) -> Self {
        Lru {
            capacity: capacity.max(1),
            clock: 0,
            entries: HashMap::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The value, without marking it used (for lookups in a render).
    pub fn peek<Q>(&self, key: &Q) -> Option<&V>
    where
        K: std::borrow::Borrow<Q>,
        Q: std::hash::Hash + Eq + ?Sized,
    {
        self.entries.get(key).map(|(_, v)| v)
    }

    /// Marks the entry used now.
    pub fn touch<Q>(&mut self, key: &Q)
    where
        K: std::borrow::Borrow<Q>,
        Q: std::hash::Hash + Eq + ?Sized,
    {
        self.clock += 1;
        if let Some((t, _)) = self.entries.get_mut(key) {
            *t = self.clock;
        }
    }

    pub fn remove<Q>(&mut self, key: &Q) -> Option<V>
    where
        K: std::borrow::Borrow<Q>,
        Q: std::hash::Hash + Eq + ?Sized,
    {
        self.entries.remove(key).map(|(_, v)| v)
    }

    /// Inserts (as the most recently used), then evicts the least recently used entries
    /// over capacity for which `keep` is false. Returns the evicted keys.
    pub fn insert(&mut self, key: K, value: V, keep: impl Fn(&K) -> bool) -> Vec<K> {
        self.clock += 1;
        self.entries.insert(key, (self.clock, value));
        let mut evicted = Vec::new();
        if self.entries.len() > self.capacity {
            let mut old: Vec<(u64, K)> = self
                .entries
                .iter()
                .filter(|(k, _)| !keep(k))
                .map(|(k, (t, _))| (*t, k.clone()))
                .collect();
            crate::order::sort_by_key(&mut old, |(t, _)| *t);
            for (_, k) in old.into_iter().take(self.entries.len() - self.capacity) {
                self.entries.remove(&k);
                evicted.push(k);
            }
        }
        evicted
    }
}

/// Files of one kind (fragments or shards) a client fetches: those kept (a bounded
/// [`Lru`]), those that failed (with why, until a retry clears them), and those on their
/// way, so each file is fetched once however many views ask for it.
#[derive(Debug)]
pub struct Fetched<K, V, E> {
    pub kept: Lru<K, V>,
    pub failed: HashMap<K, E>,
    in_flight: HashSet<K>,
}

impl<K: std::hash::Hash + Eq + Clone, V, E> Fetched<K, V, E> {
    /// Keeps at most `capacity` files beyond those a caller still needs.
    pub fn new(capacity: usize) -> Self {
        Fetched {
            kept: Lru::new(capacity),
            failed: HashMap::new(),
            in_flight: HashSet::new(),
        }
    }

    /// Marks `key` as on its way, unless it is here, failed or already on its way; true if
    /// the caller should fetch it.
    pub fn start(&mut self, key: &K) -> bool {
        let busy = self.kept.peek(key).is_some()
            || self.failed.contains_key(key)
            || self.in_flight.contains(key);
        if !busy {
            self.in_flight.insert(key.clone());
        }
        !busy
    }

    /// Stores what the fetch of `key` gave, evicting old entries for which `keep` is false.
    pub fn finish(&mut self, key: K, result: Result<V, E>, keep: impl Fn(&K) -> bool) {
        self.in_flight.remove(&key);
        match result {
            Ok(value) => {
                self.kept.insert(key, value, keep);
            }
            Err(e) => {
                self.failed.insert(key, e);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_fetched_once_and_a_failure_waits_for_a_retry() {
        let mut f: Fetched<u32, &str, &str> = Fetched::new(2);
        assert!(f.start(&1), "first ask: fetch it");
        assert!(!f.start(&1), "on its way: not again");
        f.finish(1, Ok("one"), |_| false);
        assert!(!f.start(&1), "here: not again");
        assert_eq!(f.kept.peek(&1), Some(&"one"));
        assert!(f.start(&2));
        f.finish(2, Err("404"), |_| false);
        assert!(!f.start(&2), "failed: not until a retry");
        assert_eq!(f.failed.get(&2), Some(&"404"));
        f.failed.remove(&2);
        assert!(f.start(&2), "after a retry: fetch it again");
        // Beyond the capacity, the least recently used file not needed goes.
        for k in [3, 4] {
            assert!(f.start(&k));
            f.finish(k, Ok("x"), |k| *k == 1);
        }
        assert!(f.kept.peek(&1).is_some(), "needed, so kept");
        assert_eq!(f.kept.len(), 2);
    }
}
