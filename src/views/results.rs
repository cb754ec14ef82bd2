//! The cards view: every record passing the filters, ranked by the query when there is one,
//! recomputed on each keystroke from the URL.

use crate::api::use_atlas;
use crate::components::card::Card;
use crate::components::status::NoResults;
use crate::i18n::ui;
use crate::views::state::use_selection;
use crate::views::url::{href_with, use_param};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn Results() -> impl IntoView {
    let ui = ui();
    let sel = use_selection();
    let q = use_param("q");
    let query = use_query_map();
    let count = move || {
        let n = sel.visible.read().len();
        if sel.hits.read().is_none() && sel.filters.read().is_empty() {
            format!("{} ({n})", ui.results_all)
        } else {
            ui.results_count(n)
        }
    };
    let cards = move || {
        let atlas = use_atlas();
        let params = query.get();
        let visible = sel.visible.get();
        if visible.is_empty() {
            return view! { <NoResults query=q.get().unwrap_or_default()/> }.into_any();
        }
        let hits = sel.hits.read();
        let items = visible
            .into_iter()
            .map(|record| {
                let hit = hits
                    .as_ref()
                    .and_then(|h| h.iter().find(|h| h.record == record).cloned());
                let id = atlas.catalog.get(record).id();
                let href = href_with(&params, &[("id", Some(id))]);
                view! { <li><Card record hit href/></li> }
            })
            .collect_view();
        view! { <ul class="cards" role="list">{items}</ul> }.into_any()
    };
    view! {
        <section class="results" aria-labelledby="results-title">
            <h2 id="results-title" class="visually-hidden">{ui.view_cards}</h2>
            <p id="results-count" class="results-count" role="status" aria-live="polite">{count}</p>
            {cards}
        </section>
    }
}
