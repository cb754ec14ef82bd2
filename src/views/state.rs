//! The state every view shares, derived from the URL: the search hits, the filters, the
//! records that pass both, and the facet counts. Provided once through context so the
//! cards, map, statistics and timeline all show the same selection.

use crate::after_paint::after_paint;
use crate::api::Atlas;
use atlas_core::facets::{Facet, FacetCounts, Filters};
use atlas_core::search::{still_typing, Hits};
use atlas_core::RecordRef;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::sync::Arc;

/// Which view is shown (`?view=`); unknown values fall back to the cards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Cards,
    Map,
    Stats,
    Timeline,
}

impl View {
    pub const ALL: [View; 4] = [View::Cards, View::Map, View::Stats, View::Timeline];

    pub fn parse(s: Option<&str>) -> View {
        match s {
            Some("map") => View::Map,
            Some("stats") => View::Stats,
            Some("timeline") => View::Timeline,
            _ => View::Cards,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            View::Cards => "cards",
            View::Map => "map",
            View::Stats => "stats",
            View::Timeline => "timeline",
        }
    }
}

/// The search text as typed. Results follow it on every keystroke; the URL (`?q=`) catches
/// up a moment later ([`QueryInput::sync_url`]), so a keystroke costs one search and one
/// render, not a router navigation as well.
#[derive(Clone, Copy)]
pub struct QueryInput {
    pub text: RwSignal<String>,
    /// A URL update waiting for typing to pause.
    pending: StoredValue<Option<leptos::leptos_dom::helpers::TimeoutHandle>, LocalStorage>,
}

/// How long typing must pause before `?q=` is written.
const URL_SYNC_DELAY_MS: u64 = 250;

impl QueryInput {
    /// True while typed text has not reached the URL yet.
    pub fn is_pending(&self) -> bool {
        self.pending.with_value(Option::is_some)
    }

    /// Writes `?q=` after a pause in typing (now, when `now`), replacing the history entry.
    pub fn sync_url(&self, go: impl Fn(&str) + 'static, now: bool) {
        if let Some(h) = self.pending.get_value() {
            h.clear();
        }
        self.pending.set_value(None);
        let text = self.text;
        let pending = self.pending;
        let write = move || {
            pending.set_value(None);
            go(&text.get_untracked());
        };
        if now {
            write();
        } else {
            let h =
                set_timeout_with_handle(write, std::time::Duration::from_millis(URL_SYNC_DELAY_MS))
                    .ok();
            self.pending.set_value(h);
        }
    }
}

pub fn use_query_input() -> QueryInput {
    expect_context::<QueryInput>()
}

/// Creates the typed-text state from `?q=` (once, above the header and the views).
pub fn provide_query_input() -> QueryInput {
    let query = use_query_map();
    let input = QueryInput {
        text: RwSignal::new(query.read_untracked().get("q").unwrap_or_default()),
        pending: StoredValue::new_local(None),
    };
    provide_context(input);
    // The URL wins when it changes under the typed text (back/forward, a link, "clear").
    Effect::new(move |_| {
        let q = query.read().get("q").unwrap_or_default();
        if !input.is_pending() && q != input.text.get_untracked() {
            input.text.set(q);
        }
    });
    input
}

#[derive(Clone, Copy)]
pub struct Selection {
    /// Search hits for `q` (`None` when there is no query), ranked lazily: only the
    /// records that pass the filters are sorted ([`Selection::visible`]).
    pub hits: Memo<Option<Hits>>,
    /// The query is a word too short to search that found nothing (one letter, or the
    /// article alone): the list is shown as without a query, with a word to keep typing.
    pub short: Memo<bool>,
    pub filters: Memo<Filters>,
    /// Every record the query finds, unranked (every record with no query).
    pub candidates: Memo<Vec<RecordRef>>,
    /// Records passing the query and the filters, in display order.
    pub visible: Memo<Vec<RecordRef>>,
    pub counts: Memo<Arc<Vec<FacetCounts>>>,
}

/// When the background index build starts (after the first cards are painted).
const INDEX_START_MS: u64 = 50;
/// The length of one slice of the index build.
const INDEX_SLICE_MS: f64 = 8.0;

fn build_index_in_slices(atlas: Arc<Atlas>, delay_ms: u64) {
    if !crate::in_browser() {
        return;
    }
    set_timeout(
        move || {
            if !atlas.index_step(INDEX_SLICE_MS) {
                build_index_in_slices(atlas, 0);
            }
        },
        std::time::Duration::from_millis(delay_ms),
    );
}

pub fn provide_selection(atlas: Arc<Atlas>) -> Selection {
    let query = use_query_map();
    let input = use_query_input();
    // The index is built once the first cards are painted (in the page, when the app is built
    // behind the landing view: `takeover::when_shown`), in slices of a few milliseconds
    // between frames, so neither the first paint nor typing waits for it; a query typed
    // sooner finishes it on the spot.
    {
        let atlas = atlas.clone();
        crate::takeover::when_shown(move || build_index_in_slices(atlas, INDEX_START_MS));
    }
    let hits = {
        let atlas = atlas.clone();
        Memo::new(move |_| {
            input.text.with(|q| {
                // No query, no index needed (it is built in the background, below).
                if q.trim().is_empty() {
                    None
                } else {
                    // `None` too for a word too short to search that finds nothing: the list
                    // stays as without a query (see `short`).
                    atlas.index().search(&atlas.catalog, q)
                }
            })
        })
    };
    let short = Memo::new(move |_| hits.read().is_none() && input.text.with(|q| still_typing(q)));
    let filters = {
        let atlas = atlas.clone();
        Memo::new(move |_| {
            let params = query.read();
            let mut pairs: Vec<(&'static str, String)> = Vec::new();
            for facet in Facet::ALL {
                for v in params.get_all(facet.param()).unwrap_or_default() {
                    pairs.push((facet.param(), v));
                }
            }
            Filters::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())), &atlas.catalog)
        })
    };
    // Every record the query finds, unranked (the facet counts need no order).
    let candidates = {
        let atlas = atlas.clone();
        Memo::new(move |_| match hits.read().as_ref() {
            Some(h) => h.records(atlas.index()).collect::<Vec<_>>(),
            None => atlas.catalog.browse_order(),
        })
    };
    // Filtered first, then ranked: a filter narrows a broad query before anything is sorted.
    let visible = {
        let atlas = atlas.clone();
        Memo::new(move |_| {
            let filters = filters.read();
            match hits.read().as_ref() {
                Some(h) => h.ranked(atlas.index(), |r| atlas.facets().matches(&filters, r)),
                None => atlas.facets().filter(&filters, &candidates.read()),
            }
        })
    };
    // The facet counts follow typing one frame behind: a keystroke paints its cards first,
    // and the counts (a pass over every hit, thousands for a two-letter prefix) come in the
    // next task. A change of filters (a click) recounts at once.
    let typed = RwSignal::new(0u32);
    let waiting = StoredValue::new(false);
    Effect::new(move |first: Option<()>| {
        candidates.track();
        if first.is_none() || waiting.get_value() {
            return;
        }
        waiting.set_value(true);
        after_paint(move || {
            waiting.set_value(false);
            typed.update(|n| *n = n.wrapping_add(1));
        });
    });
    let counts = Memo::new(move |_| {
        typed.track();
        Arc::new(
            atlas
                .facets()
                .counts(&filters.read(), &candidates.read_untracked()),
        )
    });
    let selection = Selection {
        hits,
        short,
        filters,
        candidates,
        visible,
        counts,
    };
    provide_context(selection);
    selection
}

pub fn use_selection() -> Selection {
    expect_context::<Selection>()
}
