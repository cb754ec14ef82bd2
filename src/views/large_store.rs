//! Large-catalog mode's store: the record fragments and term shards fetched so far (bounded
//! LRU caches that never evict what the screen or the current query needs) and the fetching
//! itself, shared through context by the large-mode views ([`crate::views::large`]).

use crate::api::large::{fetch_fragment, fetch_shard, Large};
use crate::api::{Atlas, LoadFailure};
use crate::components::status::failure_alert;
use crate::i18n::ui;
use atlas_core::split::{shard_keys_for, Fetched, Shard};
use atlas_core::RecordRef;
use leptos::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashSet};
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

/// What the row of one position can show.
pub(crate) enum At {
    Loading,
    /// The record, in the catalogue of its fragment.
    Ready(Arc<Atlas>, RecordRef),
    /// Its fragment failed: the alert names it, and retrying fetches it again.
    Failed {
        fragment: usize,
        failure: LoadFailure,
    },
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

    /// What the record at `position` can show now (tracks arrivals and failures).
    pub(crate) fn at(self, position: u32) -> At {
        let (fragment, offset) = self.manifest(|m| m.locate(position));
        match self.slot(fragment) {
            Slot::Loading => At::Loading,
            Slot::Failed(failure) => At::Failed { fragment, failure },
            Slot::Ready(atlas) => match self.manifest(|m| m.own_record(fragment, offset)) {
                Some(r) => At::Ready(atlas, r),
                // A position past the catalogue's end: `locate` gives none such.
                None => At::Loading,
            },
        }
    }

    /// Keeps the fragments of the positions `on_screen` fetched (an effect: as the positions
    /// change, and again after a retry).
    pub(crate) fn fetch_shown(self, on_screen: Memo<Vec<(usize, u32)>>) {
        Effect::new(move |_| {
            self.fragments.track();
            on_screen.with(|shown| {
                for &(_, p) in shown {
                    self.want_fragment(self.manifest(|m| m.locate(p).0), on_screen);
                }
            });
        });
    }

    /// The fragments that own `positions`.
    pub(crate) fn fragments_of(self, positions: impl IntoIterator<Item = u32>) -> BTreeSet<usize> {
        self.manifest(|m| positions.into_iter().map(|p| m.locate(p).0).collect())
    }

    /// Of `fragments`, those neither here nor failed (not tracked).
    pub(crate) fn absent(self, fragments: BTreeSet<usize>) -> Vec<usize> {
        self.store.with_value(|s| {
            fragments
                .into_iter()
                .filter(|f| {
                    s.fragments.kept.peek(f).is_none() && !s.fragments.failed.contains_key(f)
                })
                .collect()
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

/// The alert of a record whose fragment failed, with its retry.
pub(crate) fn record_failure(ctx: Ctx, fragment: usize, failure: &LoadFailure) -> AnyView {
    let ui = ui();
    failure_alert(
        "large-record-error",
        ui.large_card_failed,
        failure,
        move || ctx.retry_fragment(fragment),
    )
}

/// A file of a view (a statistics or timeline index, a group's or a year's file), drawn by
/// `ready` once here; while it comes, `loading`; when it fails, an alert of class `error`
/// saying `message`, with a retry.
pub(crate) fn file_view<T: Clone + Send + Sync + 'static>(
    file: LocalResource<Result<T, LoadFailure>>,
    error: &'static str,
    message: &'static str,
    loading: &'static str,
    ready: impl Fn(T) -> AnyView + Send + Sync + 'static,
) -> impl Fn() -> AnyView + Send + Sync + 'static {
    move || match file.get() {
        None => view! { <p class="status-text">{loading}</p> }.into_any(),
        Some(Err(failure)) => failure_alert(error, message, &failure, move || file.refetch()),
        Some(Ok(file)) => ready(file),
    }
}

/// The positions `by` holds for `key`, as a set (none when it holds none).
pub(crate) fn selected<K: Ord>(by: &BTreeMap<K, Vec<u32>>, key: &K) -> HashSet<u32> {
    by.get(key)
        .map(|ps| ps.iter().copied().collect())
        .unwrap_or_default()
}
