//! Facets in large-catalogue mode: the split catalogue's facet table
//! ([`atlas_core::split::SplitFacets`], written by `atlas-bundle split`) fetched piece by
//! piece, so the facet panel, the filter chips and the filtered list work as with the whole
//! catalogue, with the same counts.
//!
//! What is fetched, and when — only what the reader can see or asked for:
//! - the value file (every value and its total) and the label file of the interface
//!   language, both at once: after the first cards are painted when the panel is beside
//!   them (a wide screen), when the sheet is opened on a phone, or at once when the address
//!   names filters. With no query and no filter the totals are the counts: nothing more is needed.
//! - the blocks of facet rows covering the current hits: when filters are on, or a query's
//!   counts are to be shown in a panel the reader sees, once the query has held still for
//!   a moment. A phone that only searches fetches none. With no query, one value alone is
//!   answered by its single-value file (its records and co-occurrences, precomputed by
//!   `atlas-bundle split`); any other filter needs every block, so a second after that
//!   answer, with the panel beside the cards (not on a phone), every block is fetched
//!   ahead of the next click.
//!   Blocks are kept for the session (at 100k records all of them are about 4 MB in
//!   memory, 1.9 MB gzipped).
//! - for the map, the timeline and the statistics of a query or of filters on an event's
//!   place, country, year or status: the events' slices of those facets (their rows cut
//!   down to one facet, 85 KB gzipped at most at 100k records) instead of the blocks;
//!   [`SplitFacets::tally`] says which files a view needs.
//!
//! While blocks are on their way the panel keeps its previous counts and the list its
//! previous records; a file that fails says that the filters are what it blocks, with a
//! retry.

use crate::api::large::{bad_facet_file, fetch_facet_file, fetch_facets, Large};
use crate::api::LoadFailure;
use crate::components::facet_panel::{interface_label, FacetSource};
use crate::components::status::failure_alert;
use atlas_core::facets::{Facet, FacetCounts, Filters};
use atlas_core::split::{MissingBlocks, SplitFacets};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::collections::BTreeSet;
use std::sync::Arc;

/// How long a query must hold still before the facet rows of its hits are fetched for the
/// panel's counts.
const COUNTS_SETTLE_MS: u64 = 400;

/// How long after a filter's answer is shown (with no query) the rows of every record are
/// fetched for the next click: the new list's fragments go first.
const BLOCKS_AHEAD_MS: u64 = 1_000;

/// Where the facet table stands.
#[derive(Clone, Debug, PartialEq)]
pub enum TableState {
    /// Not asked for yet (the first cards come first).
    Waiting,
    Loading,
    /// The value file and the labels of the interface language are here.
    Ready,
    /// The manifest lists no facet table (written before there were any).
    Unavailable,
    /// The value file, the labels or a block could not be had.
    Failed(LoadFailure),
}

/// The facet table of the loaded split catalogue and what is on its way. Copy: a few
/// handles, provided through context by the large-mode explorer.
#[derive(Clone, Copy)]
pub struct LargeFacets {
    large: StoredValue<Arc<Large>>,
    table: StoredValue<Option<SplitFacets>, LocalStorage>,
    /// Bumped when the table, its labels or a block arrive.
    version: RwSignal<u64>,
    pub state: RwSignal<TableState>,
    /// Blocks asked for and not yet here.
    in_flight: StoredValue<BTreeSet<usize>, LocalStorage>,
    /// Files on their way that something shown waits for (the others come ahead).
    needed: StoredValue<BTreeSet<usize>, LocalStorage>,
    lang: &'static str,
    /// Whether the reader can see the panel (beside the cards, or the sheet open).
    pub seen: Signal<bool>,
    /// Whether the URL names filters (known to the table or not yet checked).
    pub url_has_filters: Memo<bool>,
}

/// Whether the facet panel stands beside the cards (style/main.css, the explorer layout).
pub fn wide_screen() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(min-width: 56rem)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// The answer for the current query and filters.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// No table (yet, or at all): no counts, and the list is not filtered.
    None,
    /// Blocks still to come.
    Pending,
    Ready {
        counts: Arc<Vec<FacetCounts>>,
        /// The positions that pass the filters, in the order given (`None`: no filter).
        passing: Option<Arc<Vec<u32>>>,
    },
}

impl LargeFacets {
    pub fn new(large: Arc<Large>, lang: &'static str, seen: Signal<bool>) -> LargeFacets {
        let unavailable = large.manifest.facets.is_none();
        LargeFacets {
            large: StoredValue::new(large),
            table: StoredValue::new_local(None),
            version: RwSignal::new(0),
            state: RwSignal::new(if unavailable {
                TableState::Unavailable
            } else {
                TableState::Waiting
            }),
            in_flight: StoredValue::new_local(BTreeSet::new()),
            needed: StoredValue::new_local(BTreeSet::new()),
            lang,
            seen,
            url_has_filters: {
                let query = use_query_map();
                Memo::new(move |_| {
                    query.with(|p| Facet::ALL.iter().any(|f| p.get(f.param()).is_some()))
                })
            },
        }
    }

    /// After a failure (the retry button): the blocks again if the table is here, else the
    /// table from the start.
    pub fn retry(self) {
        if !matches!(self.state.try_get_untracked(), Some(TableState::Failed(_))) {
            return;
        }
        if self.table.try_with_value(Option::is_some) == Some(true) {
            self.state.try_set(TableState::Ready);
            self.version.try_update(|v| *v += 1);
        } else {
            self.state.try_set(TableState::Waiting);
            self.load();
        }
    }

    /// Fetches the value file and the labels of the interface language, unless they are
    /// here, on their way, or failed (then only [`LargeFacets::retry`] asks again). Called
    /// from effects and timers: after the view is gone it does nothing.
    pub fn load(self) {
        if !matches!(self.state.try_get_untracked(), Some(TableState::Waiting)) {
            return;
        }
        let Some(large) = self.large.try_get_value() else {
            return;
        };
        self.state.try_set(TableState::Loading);
        let lang = self.lang;
        leptos::task::spawn_local(async move {
            let loaded = async {
                // The interface language's labels, else the Arabic ones (every label file
                // falls back to Arabic where a name is missing), asked for beside the value
                // file rather than after it.
                let labels = large.manifest.facets.as_ref().and_then(|f| {
                    f.labels
                        .get(lang)
                        .map(|file| (lang, file))
                        .or_else(|| f.labels.get("ar").map(|file| ("ar", file)))
                });
                let labels = async {
                    match labels {
                        Some((lang, file)) => Some((lang, fetch_facet_file(&large, file).await)),
                        None => None,
                    }
                };
                let (table, labels) =
                    futures_util::future::join(fetch_facets(&large), labels).await;
                let mut table = table?;
                if let Some((lang, fetched)) = labels {
                    let (bytes, url) = fetched?;
                    table
                        .add_labels(lang, &bytes)
                        .map_err(|e| bad_facet_file(&url, e))?;
                }
                Ok::<_, LoadFailure>(table)
            }
            .await;
            match loaded {
                Ok(table) => {
                    let _ = self.table.try_set_value(Some(table));
                    self.state.try_set(TableState::Ready);
                    self.version.try_update(|v| *v += 1);
                }
                Err(failure) => {
                    self.state.try_set(TableState::Failed(failure));
                }
            }
        });
    }

    /// Fetches the facet files `wanted` (blocks or single-value files, as
    /// [`SplitFacets::file_name`] numbers them) that are not here or on their way.
    fn want_blocks(self, wanted: Vec<usize>) {
        self.fetch_files(wanted, false);
    }

    /// Fetches the facet files `wanted` that are not here or on their way; a failure of a
    /// file fetched `ahead` (for a click still to come) is not reported: nothing shown
    /// waits for it, and it is asked for again when something does.
    fn fetch_files(self, wanted: Vec<usize>, ahead: bool) {
        if wanted.is_empty() || !matches!(self.state.try_get_untracked(), Some(TableState::Ready)) {
            return;
        }
        if !ahead {
            // Wanted now, even if already on its way ahead: its failure is to be told.
            let _ = self
                .needed
                .try_update_value(|n| n.extend(wanted.iter().copied()));
        }
        let Some(wanted) = self.in_flight.try_with_value(|f| {
            wanted
                .into_iter()
                .filter(|b| !f.contains(b))
                .collect::<Vec<_>>()
        }) else {
            return;
        };
        if wanted.is_empty() {
            return;
        }
        let Some(large) = self.large.try_get_value() else {
            return;
        };
        self.in_flight
            .update_value(|f| f.extend(wanted.iter().copied()));
        for block in wanted {
            let large = large.clone();
            leptos::task::spawn_local(async move {
                let file = self
                    .table
                    .try_with_value(|t| {
                        t.as_ref()
                            .and_then(|t| t.file_name(block))
                            .map(str::to_string)
                    })
                    .flatten()
                    .unwrap_or_default();
                let read = match fetch_facet_file(&large, &file).await {
                    Ok((bytes, url)) => self
                        .table
                        .try_update_value(|t| {
                            t.as_mut()
                                .map(|t| t.add_file(block, &bytes))
                                .unwrap_or(Ok(()))
                        })
                        .unwrap_or(Ok(()))
                        .map_err(|e| bad_facet_file(&url, e)),
                    Err(failure) => Err(failure),
                };
                let last = self
                    .in_flight
                    .try_update_value(|f| {
                        f.remove(&block);
                        f.is_empty()
                    })
                    .unwrap_or(true);
                let needed = self
                    .needed
                    .try_update_value(|n| n.remove(&block))
                    .unwrap_or(false);
                match read {
                    // A file fetched ahead changes no answer shown: the answers are worked
                    // out again once, when the last file on its way is here.
                    Ok(()) if !needed && !last => {}
                    Ok(()) => {
                        self.version.try_update(|v| *v += 1);
                    }
                    Err(_) if !needed => {}
                    Err(failure) => {
                        self.state.try_set(TableState::Failed(failure));
                    }
                }
            });
        }
    }

    /// The filters of the URL, values checked against the table (none until it is here).
    pub fn filters(self) -> Memo<Filters> {
        let query = use_query_map();
        Memo::new(move |_| {
            self.version.track();
            query.with(|params| {
                let mut pairs: Vec<(&'static str, String)> = Vec::new();
                for facet in Facet::ALL {
                    for v in params.get_all(facet.param()).unwrap_or_default() {
                        pairs.push((facet.param(), v));
                    }
                }
                self.table
                    .with_value(|t| {
                        t.as_ref()
                            .map(|t| t.filters(pairs.iter().map(|(k, v)| (*k, v.as_str()))))
                    })
                    .unwrap_or_default()
            })
        })
    }

    /// Counts and filtered positions for `positions` (the hits; `None`: no query), asking
    /// for the blocks they need.
    pub fn answer(
        self,
        filters: Memo<Filters>,
        positions: Memo<Option<Arc<Vec<u32>>>>,
    ) -> Memo<Answer> {
        let answer = Memo::new(move |_| {
            self.version.track();
            filters.with(|filters| {
                positions.with(|positions| {
                    let positions = positions.as_deref().map(|p| &p[..]);
                    self.table.with_value(|t| {
                        let Some(t) = t else {
                            return (Answer::None, Vec::new());
                        };
                        let missing = t.missing_blocks(filters, positions);
                        if !missing.is_empty() {
                            return (Answer::Pending, missing);
                        }
                        // The counts and the records that pass, in one pass over the rows.
                        let (counts, passing) = t.answer(filters, positions).unwrap_or_default();
                        let passing = passing.map(Arc::new);
                        (
                            Answer::Ready {
                                counts: Arc::new(counts),
                                passing,
                            },
                            Vec::new(),
                        )
                    })
                })
            })
        });
        // Counts alone wait for the query to hold still: the prefixes typed on the way to a
        // word each match thousands of records, whose rows would be fetched for nothing.
        let settle = StoredValue::new_local(None::<leptos::leptos_dom::helpers::TimeoutHandle>);
        Effect::new(move |_| {
            // Also after a retry, when the blocks missing are the same as before the failure.
            self.state.track();
            let missing = answer.with(|(_, m)| m.clone());
            if let Some(h) = settle.get_value() {
                h.clear();
            }
            if missing.is_empty() {
                return;
            }
            if !filters.with(Filters::is_empty) {
                // Filters need the rows to filter the list: at once.
                self.want_blocks(missing);
            } else if self.seen.get() {
                let h = set_timeout_with_handle(
                    move || {
                        let _ = settle.try_set_value(None);
                        self.want_blocks(missing);
                    },
                    std::time::Duration::from_millis(COUNTS_SETTLE_MS),
                )
                .ok();
                settle.set_value(h);
            }
        });
        // One value alone with no query is answered by its single-value file; any other
        // filter without a query needs the rows of every record. So once that answer is
        // shown, with the panel beside the cards, the blocks come ahead of the next click
        // (after the new list's own fragments, which are asked for first). Not on a phone:
        // 1.9 MB at 100k records for a click that may never come; there they are fetched
        // when a filter needs them.
        let ahead = StoredValue::new_local(None::<leptos::leptos_dom::helpers::TimeoutHandle>);
        Effect::new(move |_| {
            let wanted = self.seen.get()
                && wide_screen()
                && positions.with(Option::is_none)
                && !filters.with(Filters::is_empty)
                && answer.with(|(a, _)| matches!(a, Answer::Ready { .. }));
            if let Some(h) = ahead.get_value() {
                h.clear();
            }
            ahead.set_value(None);
            if !wanted {
                return;
            }
            let h = set_timeout_with_handle(
                move || {
                    let _ = ahead.try_set_value(None);
                    let absent = self
                        .table
                        .try_with_value(|t| t.as_ref().map(SplitFacets::absent_blocks))
                        .flatten()
                        .unwrap_or_default();
                    self.fetch_files(absent, true);
                },
                std::time::Duration::from_millis(BLOCKS_AHEAD_MS),
            )
            .ok();
            ahead.set_value(h);
        });
        Memo::new(move |_| answer.with(|(a, _)| a.clone()))
    }

    /// What `compute` gives over the facet table for the filters and `positions` (the hits;
    /// `None`: no query), while `wanted`: the map's events per place, the timeline's events
    /// per year. Fetches the blocks it needs at once (the view asking is on screen; the table
    /// must have been asked for with [`LargeFacets::load`]); `None` until they are here.
    pub fn derive<T>(
        self,
        filters: Memo<Filters>,
        positions: Memo<Option<Arc<Vec<u32>>>>,
        wanted: Signal<bool>,
        compute: impl Fn(&SplitFacets, &Filters, Option<&[u32]>) -> Result<T, MissingBlocks>
            + Send
            + Sync
            + 'static,
    ) -> Memo<Option<Arc<T>>>
    where
        T: PartialEq + Send + Sync + 'static,
    {
        let answer = Memo::new(move |_| {
            if !wanted.get() {
                return Derived(None, Vec::new());
            }
            self.version.track();
            filters.with(|filters| {
                positions.with(|positions| {
                    self.table.with_value(|t| match t {
                        None => Derived(None, Vec::new()),
                        Some(t) => {
                            match compute(t, filters, positions.as_deref().map(|p| &p[..])) {
                                Ok(v) => Derived(Some(Arc::new(v)), Vec::new()),
                                Err(MissingBlocks(missing)) => Derived(None, missing),
                            }
                        }
                    })
                })
            })
        });
        Effect::new(move |_| {
            self.state.track();
            let missing = answer.with(|d| d.1.clone());
            if !missing.is_empty() {
                self.want_blocks(missing);
            }
        });
        Memo::new(move |_| answer.with(|d| d.0.clone()))
    }

    /// What the facet panel and the chips read: the counts of the last full answer (kept
    /// while blocks are on their way), names from the label file.
    pub fn source(self, filters: Memo<Filters>, answer: Memo<Answer>) -> FacetSource {
        let counts = Memo::new(
            move |prev: Option<&Arc<Vec<FacetCounts>>>| match answer.get() {
                Answer::Ready { counts, .. } => counts,
                _ => prev.cloned().unwrap_or_default(),
            },
        );
        FacetSource {
            filters: filters.into(),
            counts: counts.into(),
            label: Arc::new(move |facet, value, ui| {
                interface_label(facet, value, ui)
                    .or_else(|| {
                        self.table
                            .try_with_value(|t| {
                                t.as_ref().and_then(|t| {
                                    t.label(facet, value, ui.lang)
                                        .or_else(|| t.label(facet, value, "ar"))
                                        .map(str::to_string)
                                })
                            })
                            .flatten()
                    })
                    .unwrap_or_else(|| value.to_string())
            }),
        }
    }
}

/// A derived answer and the blocks it still needs.
#[derive(PartialEq)]
struct Derived<T>(Option<Arc<T>>, Vec<usize>);

/// What a large-mode view of the current selection (the map, the timeline) shares: the hits
/// and filters of the address; whether the view's precomputed totals answer (no query, no
/// filter: no facet file is fetched); the facet table asked for otherwise; and the status
/// line above the view.
#[derive(Clone, Copy)]
pub struct Selected {
    pub facets: LargeFacets,
    pub filters: Memo<Filters>,
    /// The hits of the query (`None`: no query).
    pub positions: Memo<Option<Arc<Vec<u32>>>>,
    /// No query and no filter: the view's own totals answer.
    pub everything: Memo<bool>,
    /// Whether term shards are on their way.
    pub searching: Signal<bool>,
    pub search_failed: Signal<Option<LoadFailure>>,
    pub retry_search: Callback<()>,
}

impl Selected {
    pub fn new(
        positions: Memo<Option<Arc<Vec<u32>>>>,
        searching: Signal<bool>,
        search_failed: Signal<Option<LoadFailure>>,
        retry_search: Callback<()>,
    ) -> Selected {
        let facets = expect_context::<LargeFacets>();
        let filters = facets.filters();
        let everything = Memo::new(move |_| {
            positions.with(Option::is_none)
                && (!facets.url_has_filters.get()
                    || facets.state.get() == TableState::Ready && filters.with(Filters::is_empty))
        });
        Effect::new(move |_| {
            if !everything.get() {
                facets.load();
            }
        });
        Selected {
            facets,
            filters,
            positions,
            everything,
            searching,
            search_failed,
            retry_search,
        }
    }

    /// `compute` over the facet table, when the totals do not answer ([`LargeFacets::derive`]).
    pub fn derive<T>(
        self,
        compute: impl Fn(&SplitFacets, &Filters, Option<&[u32]>) -> Result<T, MissingBlocks>
            + Send
            + Sync
            + 'static,
    ) -> Memo<Option<Arc<T>>>
    where
        T: PartialEq + Send + Sync + 'static,
    {
        let wanted = Signal::derive(move || !self.everything.get());
        self.facets
            .derive(self.filters, self.positions, wanted, compute)
    }

    /// The status line above the view (`class`): a failed search, or a failed facet file
    /// (`failed` says what it blocks), each with a retry; else what is on its way
    /// (`counting`: the view's answer).
    pub fn status(
        self,
        class: &'static str,
        error_class: &'static str,
        failed: &'static str,
        counting: Signal<bool>,
    ) -> impl Fn() -> AnyView + Send + Sync + 'static {
        let ui = crate::i18n::ui();
        move || {
            if let Some(failure) = self.search_failed.get() {
                return failure_alert(
                    "large-search-error",
                    ui.large_search_failed,
                    &failure,
                    move || self.retry_search.run(()),
                );
            }
            if let TableState::Failed(failure) = self.facets.state.get() {
                if !self.everything.get() {
                    return failure_alert(error_class, failed, &failure, move || {
                        self.facets.retry()
                    });
                }
            }
            let text = if self.searching.get() {
                Some(ui.large_searching)
            } else if counting.get() {
                Some(ui.large_counting)
            } else {
                None
            };
            view! {
                <p
                    class=format!("status-text {class}")
                    aria-live="polite"
                    aria-busy=text.is_some().to_string()
                >
                    {text}
                </p>
            }
            .into_any()
        }
    }
}
