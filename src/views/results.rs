//! The results view: every record when the query is empty, otherwise the ranked matches,
//! recomputed on each keystroke from the `q` parameter.

use crate::api::use_atlas;
use crate::components::card::Card;
use crate::components::status::NoResults;
use crate::i18n::ui;
use crate::views::url::{href_with, use_param};
use atlas_core::search::Hit;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn Results() -> impl IntoView {
    let atlas = use_atlas();
    let ui = ui();
    let q = use_param("q");
    let query = use_query_map();
    let hits = {
        let atlas = atlas.clone();
        Memo::new(move |_| q.get().and_then(|q| atlas.index.search(&q)))
    };
    let count = move || match hits.get() {
        Some(h) => ui.results_count(h.len()),
        None => format!("{} ({})", ui.results_all, atlas.catalog.all().len()),
    };
    let cards = move || {
        let atlas = use_atlas();
        let params = query.get();
        let card = |record, hit: Option<Hit>| {
            let id = atlas.catalog.get(record).id();
            let href = href_with(&params, &[("id", Some(id))]);
            view! { <li><Card record hit href/></li> }
        };
        let items = match hits.get() {
            None => atlas
                .catalog
                .browse_order()
                .into_iter()
                .map(|r| card(r, None))
                .collect_view(),
            Some(h) if h.is_empty() => {
                return view! { <NoResults query=q.get().unwrap_or_default()/> }.into_any()
            }
            Some(h) => h
                .into_iter()
                .map(|hit| card(hit.record, Some(hit)))
                .collect_view(),
        };
        view! { <ul class="cards" role="list">{items}</ul> }.into_any()
    };
    view! {
        <section class="results" aria-labelledby="results-count">
            <p id="results-count" class="results-count" role="status" aria-live="polite">{count}</p>
            {cards}
        </section>
    }
}
