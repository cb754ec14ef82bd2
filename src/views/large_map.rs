//! The map in large-catalogue mode: the same map as the full catalogue's
//! ([`crate::views::map::MapCanvas`]), with the same counts (each place's events under the
//! query and every filter but the place's own), from two small precomputed sources written
//! by `atlas-bundle split`:
//! - the places file (every place with its names, coordinates and events over the whole
//!   catalogue), fetched when the map opens: with no query and no filter but places it is
//!   the whole answer;
//! - otherwise the events' places among the current hits that pass every filter
//!   ([`atlas_core::split::SplitFacets::tally`]: from the events' place slice, with filters
//!   on other facets from their slices or the facet table's rows), fetched at once, the
//!   markers keeping their previous sizes until they are here.
//!
//! The side panel gives the number of events at the chosen places and a link to them as
//! cards (their titles are in record fragments, which the cards view fetches as it scrolls).

use crate::api::large::{fetch_places, Large};
use crate::components::status::failure_alert;
use crate::i18n::ui;
use crate::views::large_facets::Selected;
use crate::views::map::{with_base_map, MapCanvas, MapPoint, MapShell};
use crate::views::url::href_with;
use atlas_core::facets::Facet;
use atlas_core::Kind;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::collections::HashMap;
use std::sync::Arc;

#[component]
pub fn LargeMap(large: Arc<Large>, sel: Selected) -> impl IntoView {
    let ui = ui();
    let query = use_query_map();
    let places = LocalResource::new(move || {
        let large = large.clone();
        async move { fetch_places(&large).await }
    });
    // A place chosen leaves the places' counts as they were (as the facet panel counts a
    // place, and the full catalogue's map): with no query and no other filter, the places
    // file's totals answer.
    let everything = sel.everything;
    let totals = Memo::new(move |_| {
        everything.get()
            || sel.positions.with(Option::is_none)
                && sel.filters.with(|f| f.without(Facet::Place).is_empty())
    });
    let tally = sel.facets.derive(
        sel.filters,
        sel.positions,
        Signal::derive(move || !totals.get()),
        |t, f, p| {
            t.tally(Facet::Place, Kind::Event, &f.without(Facet::Place), p)
                .map(|counts| {
                    counts
                        .into_iter()
                        .map(|(k, v)| (k, v as usize))
                        .collect::<HashMap<_, _>>()
                })
        },
    );
    // The counts shown; the previous ones stay while the rows of a new answer come.
    let counts = Memo::new(move |prev: Option<&Option<Arc<HashMap<String, usize>>>>| {
        let fresh = if totals.get() {
            places.get().and_then(|r| r.ok()).map(|file| {
                Arc::new(
                    file.places
                        .iter()
                        .filter(|p| p.events > 0)
                        .map(|p| (p.id.clone(), p.events as usize))
                        .collect::<HashMap<_, _>>(),
                )
            })
        } else {
            tally.get()
        };
        fresh.or_else(|| prev.cloned().flatten())
    });
    let counting = Signal::derive(move || !totals.get() && tally.with(Option::is_none));
    let chosen = Signal::derive(move || query.with(|p| p.get_all("place").unwrap_or_default()));
    let status = sel.status(
        "large-map-status",
        "large-map-error",
        ui.large_map_failed,
        counting,
    );

    // The base map and the places file are asked for together (the base map used to be
    // asked for once the places had come: one round trip more before the first markers).
    let map = with_base_map(move |base| match places.get() {
        None => view! { <p class="status-text map-status">{ui.map_loading}</p> }.into_any(),
        Some(Err(failure)) => failure_alert(
            "large-map-error",
            ui.large_map_failed,
            &failure,
            move || places.refetch(),
        ),
        Some(Ok(file)) => {
            let points: Arc<Vec<MapPoint>> = Arc::new(
                file.places
                    .iter()
                    .map(|p| MapPoint {
                        id: p.id.clone(),
                        name: p.name.get_or_ar(ui.lang).0.to_string(),
                        country: p.country.clone(),
                        lon: p.lon,
                        lat: p.lat,
                    })
                    .collect(),
            );
            let names = points.clone();
            let side = move |chosen: Vec<String>| -> AnyView {
                let n: usize = counts
                    .get()
                    .map(|c| chosen.iter().filter_map(|p| c.get(p)).sum())
                    .unwrap_or(0);
                let named: Vec<String> = chosen
                    .iter()
                    .filter_map(|id| names.iter().find(|p| &p.id == id))
                    .map(|p| p.name.clone())
                    .collect();
                let href = href_with(&query.get(), &[("view", None), ("kind", Some("event"))]);
                view! {
                    <h3>{format!("{} {}", ui.map_events_at, named.join(ui.comma()))}</h3>
                    <p data-state="large-map-events">{ui.events_count(n)}</p>
                    <p>
                        <a class="button" href=href data-action="large-map-cards">
                            {ui.large_map_show}
                        </a>
                    </p>
                }
                .into_any()
            };
            view! {
                <MapCanvas
                    map=base
                    places=points
                    counts=Signal::derive(move || counts.get().unwrap_or_default())
                    chosen
                    side
                />
            }
            .into_any()
        }
    });

    view! { <MapShell>{status} {map}</MapShell> }
}
