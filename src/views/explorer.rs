//! Chooses the view from the URL: a record's detail (`?id=`), or one of the four views
//! (`?view=cards|map|stats|timeline`) beside the facet panel, all sharing one selection,
//! under one count line (`components/view_bar.rs`).

use crate::api::Atlas;
use crate::components::active_filters::ActiveFilters;
use crate::components::facet_panel::{catalog_source, FacetPanel};
use crate::components::view_bar::{FiltersOpen, StatsShown, ViewBar};
use crate::lazily;
use crate::takeover::{part, staged};
use crate::views::detail::Detail;
use crate::views::map::MapView;
use crate::views::results::Results;
use crate::views::state::{provide_selection, View};
use crate::views::stats::StatsView;
use crate::views::timeline::TimelineView;
use crate::views::url::use_param;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn Explorer(atlas: Arc<Atlas>) -> impl IntoView {
    provide_context(atlas.clone());
    let sel = provide_selection(atlas.clone());
    provide_context(catalog_source(atlas, sel.filters, sel.counts));
    // The facet sheet (phones) opens from the count line's filters button.
    provide_context(FiltersOpen(RwSignal::new(false)));
    provide_context(StatsShown(RwSignal::new(Vec::new())));
    let id = use_param("id");
    let view = use_param("view");
    move || match id.get() {
        Some(id) => lazily(move || detail_view(id.clone())),
        None => {
            let content = match View::parse(view.get().as_deref()) {
                View::Cards => staged(part::CARDS, || view! { <Results /> }.into_any()),
                View::Map => lazily(map_view),
                View::Stats => lazily(stats_view),
                View::Timeline => lazily(timeline_view),
            };
            let embedded = crate::embed::use_embed().on;
            view! {
                <div class="explorer" class:embedded=embedded>
                    {(!embedded)
                        .then(|| staged(part::REST, || view! { <FacetPanel /> }.into_any()))}
                    <div class="view-content">
                        {staged(
                            part::BAR,
                            || {
                                view! {
                                    <ViewBar />
                                    <ActiveFilters />
                                }
                                    .into_any()
                            },
                        )} {content}
                    </div>
                </div>
            }
            .into_any()
        }
    }
}

// The views other than the cards (the landing view) are each in a chunk of their own, loaded
// when first shown (`crate::lazy_fn!`).
crate::lazy_fn! {
    fn detail_view(id: String) -> AnyView {
        view! { <Detail id/> }.into_any()
    }
}
crate::lazy_fn! {
    fn map_view() -> AnyView {
        view! { <MapView/> }.into_any()
    }
}
crate::lazy_fn! {
    fn stats_view() -> AnyView {
        view! { <StatsView/> }.into_any()
    }
}
crate::lazy_fn! {
    fn timeline_view() -> AnyView {
        view! { <TimelineView/> }.into_any()
    }
}
