//! The active filters as removable chips, and "clear all".

use crate::components::facet_panel::use_facet_source;
use crate::i18n::ui;
use crate::views::url::{href_with_values, href_without};
use atlas_core::facets::Facet;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ActiveFilters() -> impl IntoView {
    let ui = ui();
    let sel = use_facet_source();
    let label = sel.label.clone();
    let query = use_query_map();
    move || {
        let filters = sel.filters.get();
        if filters.is_empty() {
            return ().into_any();
        }
        let params = query.get();
        let chips = Facet::ALL
            .into_iter()
            .flat_map(|facet| {
                let values = filters.values(facet);
                values
                    .clone()
                    .into_iter()
                    .map(move |v| (facet, v, values.clone()))
            })
            .map(|(facet, value, all)| {
                let rest: Vec<String> = all.into_iter().filter(|x| x != &value).collect();
                let href = href_with_values(&params, facet.param(), &rest);
                let label = label(facet, &value, ui);
                let name = format!("{}{}{label}", ui.facet(facet), ui.colon);
                let aria = format!("{} — {name}", ui.remove_filter);
                view! {
                    <li>
                        <a
                            class="filter-chip"
                            href=href
                            aria-label=aria
                            data-facet=facet.param()
                            data-value=value
                        >
                            {name}
                            <span aria-hidden="true">" ✕"</span>
                        </a>
                    </li>
                }
            })
            .collect_view();
        let keys: Vec<&str> = Facet::ALL.iter().map(|f| f.param()).chain(["id"]).collect();
        let clear = href_without(&params, &keys);
        view! {
            <div class="active-filters" aria-label=ui.active_filters role="group">
                <ul>{chips}</ul>
                <a class="clear-all" href=clear>
                    {ui.clear_all}
                </a>
            </div>
        }
        .into_any()
    }
}
