//! The state every view shares, derived from the URL: the search hits, the filters, the
//! records that pass both, and the facet counts. Provided once through context so the
//! cards, map, statistics and timeline all show the same selection.

use crate::api::Atlas;
use atlas_core::facets::{Facet, FacetCounts, Filters};
use atlas_core::search::Hit;
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

#[derive(Clone, Copy)]
pub struct Selection {
    /// Search hits for `q` (`None` when there is no query).
    pub hits: Memo<Option<Vec<Hit>>>,
    pub filters: Memo<Filters>,
    /// Records passing the query and the filters, in display order.
    pub visible: Memo<Vec<RecordRef>>,
    pub counts: Memo<Vec<FacetCounts>>,
}

pub fn provide_selection(atlas: Arc<Atlas>) -> Selection {
    let query = use_query_map();
    let hits = {
        let atlas = atlas.clone();
        Memo::new(move |_| {
            let q = query.read().get("q").unwrap_or_default();
            atlas.index.search(&q)
        })
    };
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
    let candidates = {
        let atlas = atlas.clone();
        Memo::new(move |_| match hits.read().as_ref() {
            Some(h) => h.iter().map(|h| h.record).collect::<Vec<_>>(),
            None => atlas.catalog.browse_order(),
        })
    };
    let visible = {
        let atlas = atlas.clone();
        Memo::new(move |_| atlas.facets.filter(&filters.read(), &candidates.read()))
    };
    let counts = Memo::new(move |_| atlas.facets.counts(&filters.read(), &candidates.read()));
    let selection = Selection {
        hits,
        filters,
        visible,
        counts,
    };
    provide_context(selection);
    selection
}

pub fn use_selection() -> Selection {
    expect_context::<Selection>()
}
