//! The bounded cache of fetched fragments and shards.

use std::collections::HashMap;

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
