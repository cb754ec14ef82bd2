//! Large-catalog mode's store: the record fragments and term shards fetched so far (bounded
//! LRU caches that never evict what the screen or the current query needs) and the fetching
//! itself, shared through context by the large-mode views ([`crate::views::large`]).

use crate::api::large::{fetch_fragment, fetch_shard, Large};
use crate::api::{Atlas, LoadFailure};
use atlas_core::split::{shard_keys_for, Fetched, Shard};
use leptos::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;

/// Fragments kept in memory (20 records each, with the names they cite: about 2–4 MB in
/// all), beyond those on screen.
const FRAGMENTS_KEPT: usize = 40;
/// Term shards kept (up to a few hundred KB of postings each), beyond the current query's.
const SHARDS_KEPT: usize = 12;

/// What has been fetched, and what is on its way.
pub(crate) struct Store {
    pub(crate) fragments: Fetched<usize, Arc<Atlas>, LoadFailure>,
    pub(crate) shards: Fetched<String, Shard, LoadFailure>,
}

/// Shared by the large-mode views; lives as long as the loaded manifest, so the caches
/// survive a switch to another view and back.
#[derive(Clone, Copy)]
pub(crate) struct Ctx {
    pub(crate) large: StoredValue<Arc<Large>>,
    pub(crate) store: StoredValue<Store, LocalStorage>,
    /// Bumped when a fragment arrives or fails.
    pub(crate) fragments: RwSignal<u64>,
    /// Bumped when a shard arrives or fails.
    pub(crate) shards: RwSignal<u64>,
}

/// What one row can show.
#[derive(Clone, Debug)]
pub(crate) enum Slot {
    Loading,
    Ready(Arc<Atlas>),
    Failed(LoadFailure),
}

impl PartialEq for Slot {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Slot::Loading, Slot::Loading) => true,
            (Slot::Ready(a), Slot::Ready(b)) => Arc::ptr_eq(a, b),
            (Slot::Failed(a), Slot::Failed(b)) => a == b,
            _ => false,
        }
    }
}

impl Ctx {
    pub(crate) fn new(large: Arc<Large>) -> Ctx {
        Ctx {
            large: StoredValue::new(large),
            store: StoredValue::new_local(Store {
                fragments: Fetched::new(FRAGMENTS_KEPT),
                shards: Fetched::new(SHARDS_KEPT),
            }),
            fragments: RwSignal::new(0),
            shards: RwSignal::new(0),
        }
    }

    /// What fragment `i` can show now (tracks arrivals and failures).
    pub(crate) fn slot(self, i: usize) -> Slot {
        self.fragments.track();
        self.store.with_value(|s| {
            if let Some(a) = s.fragments.kept.peek(&i) {
                Slot::Ready(a.clone())
            } else if let Some(e) = s.fragments.failed.get(&i) {
                Slot::Failed(e.clone())
            } else {
                Slot::Loading
            }
        })
    }

    /// Forgets that fragment `i` failed, so the rows and pages that need it fetch it again.
    pub(crate) fn retry_fragment(self, i: usize) {
        self.store.update_value(|s| {
            s.fragments.failed.remove(&i);
        });
        self.fragments.update(|v| *v += 1);
    }

    pub(crate) fn manifest<T>(&self, f: impl FnOnce(&atlas_core::split::Manifest) -> T) -> T {
        self.large.with_value(|l| f(&l.manifest))
    }

    /// Fetches the shard of `key` unless it is here, failed or on its way.
    pub(crate) fn want_shard(self, key: String, query: RwSignal<String>) {
        let go = self
            .store
            .try_update_value(|s| s.shards.start(&key))
            .unwrap_or(false);
        if !go {
            return;
        }
        let large = self.large.get_value();
        leptos::task::spawn_local(async move {
            let result = fetch_shard(&large, &key).await;
            // The current query's shards are never evicted.
            let keep: HashSet<String> = query
                .try_with_untracked(|q| shard_keys_for(&large.manifest, q))
                .unwrap_or_default()
                .into_iter()
                .collect();
            let stored = self
                .store
                .try_update_value(|s| s.shards.finish(key, result, |k| keep.contains(k)));
            if stored.is_some() {
                self.shards.try_update(|v| *v += 1);
            }
        });
    }

    /// Fetches fragment `i` unless it is here, failed or on its way; `keep` are the
    /// fragments on screen, never evicted.
    pub(crate) fn want_fragment(self, i: usize, on_screen: Memo<Vec<(usize, u32)>>) {
        let go = self
            .store
            .try_update_value(|s| s.fragments.start(&i))
            .unwrap_or(false);
        if !go {
            return;
        }
        let large = self.large.get_value();
        leptos::task::spawn_local(async move {
            let result = fetch_fragment(&large, i).await;
            let keep: HashSet<usize> = on_screen
                .try_with_untracked(|items| {
                    items
                        .iter()
                        .map(|(_, p)| large.manifest.locate(*p).0)
                        .collect()
                })
                .unwrap_or_default();
            let stored = self
                .store
                .try_update_value(|s| s.fragments.finish(i, result, |k| keep.contains(k)));
            if stored.is_some() {
                self.fragments.try_update(|v| *v += 1);
            }
        });
    }
}
