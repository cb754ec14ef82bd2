//! The timeline in large-catalogue mode: the selected events by the year they start, in
//! time order, as in the full catalogue's timeline ([`crate::views::timeline`]), from small
//! precomputed files written by `atlas-bundle split`:
//! - the timeline index (every year with its events over the whole catalogue), fetched when
//!   the view opens: with no query and no filter it gives the counts;
//! - otherwise the events' year slice (their facet rows cut down to their years; with
//!   filters on other facets, those facets' slices or the facet table's rows) counts the
//!   selected events per year ([`atlas_core::split::SplitFacets::start_years`]);
//! - a year opened by the reader fetches its file (positions in time order), keeps those in
//!   the selection, and draws the first ones from their record fragments, more on demand.
//!
//! A year is a `<details>`: at 100,000 records a year holds thousands of events, and the
//! reader picks where to look.

use crate::api::large::{fetch_timeline, fetch_year, Large};
use crate::components::more_button::more_button;
use crate::i18n::ui;
use crate::views::large_facets::Selected;
use crate::views::large_store::{file_view, record_failure, selected, At, Ctx};
use crate::views::timeline::event_item;
use atlas_core::Record;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Per start year, the selected events' positions (`None` until the facet rows are here).
type ByYear = Memo<Option<Arc<BTreeMap<i32, Vec<u32>>>>>;

/// Events drawn when a year opens, and added by each "more".
const PAGE: usize = 20;

#[component]
pub fn LargeTimeline(large: Arc<Large>, sel: Selected) -> impl IntoView {
    let ui = ui();
    let index = LocalResource::new({
        let large = large.clone();
        move || {
            let large = large.clone();
            async move { fetch_timeline(&large).await }
        }
    });
    let everything = sel.everything;
    // Per start year, the events shown (one walk over the rows gives the counts and the
    // lists of the years opened; `everything`: every event, from the index and year files).
    let years = sel.derive(|t, f, p| t.start_years(f, p));
    // Per year, its events in the selection; the previous counts stay while rows come.
    let counts = Memo::new(move |prev: Option<&Option<Arc<BTreeMap<i32, u32>>>>| {
        let fresh = if everything.get() {
            index
                .get()
                .and_then(|r| r.ok())
                .map(|file| Arc::new(file.years.iter().map(|y| (y.year, y.events)).collect()))
        } else {
            years
                .get()
                .map(|y| Arc::new(y.iter().map(|(&y, ps)| (y, ps.len() as u32)).collect()))
        };
        fresh.or_else(|| prev.cloned().flatten())
    });
    let counting = Signal::derive(move || !everything.get() && years.with(Option::is_none));
    let status = sel.status(
        "large-timeline-status",
        "large-timeline-error",
        ui.large_timeline_failed,
        counting,
    );

    let body = file_view(
        index,
        "large-timeline-error",
        ui.large_timeline_failed,
        ui.large_counting,
        move |file| {
            let large = large.clone();
            (move || {
                let Some(counts) = counts.get() else {
                    return ().into_any();
                };
                let shown: Vec<(i32, u32, String)> = file
                    .years
                    .iter()
                    .filter_map(|y| {
                        let n = counts.get(&y.year).copied().unwrap_or(0);
                        (n > 0).then(|| (y.year, n, y.file.clone()))
                    })
                    .collect();
                if shown.is_empty() {
                    return view! {
                        <div class="status status-empty" data-state="empty">
                            <p>{ui.no_events}</p>
                        </div>
                    }
                    .into_any();
                }
                let large = large.clone();
                view! {
                    <ol class="tl-years large-tl-years">
                        {shown
                            .into_iter()
                            .map(|(year, n, file)| {
                                view! {
                                    <LargeYear large=large.clone() year n file everything years />
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                .into_any()
            })
            .into_any()
        },
    );

    view! {
        <section class="timeline large-timeline" aria-labelledby="timeline-title">
            <h2 id="timeline-title" class="view-title">
                {ui.timeline_title}
            </h2>
            {status}
            {body}
        </section>
    }
}

/// One year: its count, and once opened its events in the selection, a page at a time.
#[component]
fn LargeYear(
    large: Arc<Large>,
    year: i32,
    n: u32,
    file: String,
    everything: Memo<bool>,
    years: ByYear,
) -> impl IntoView {
    let ui = ui();
    let open = RwSignal::new(false);
    view! {
        <li class="tl-year" data-year=year data-count=n>
            <details on:toggle=move |ev| {
                let el: web_sys::Element = event_target(&ev);
                open.set(el.has_attribute("open"));
            }>
                <summary>
                    <h3 class="tl-year-label">{year}</h3>
                    " "
                    <span class="facet-count" data-state="year-count">
                        {ui.events_count(n as usize)}
                    </span>
                </summary>
                {move || {
                    open.get()
                        .then(|| {
                            view! {
                                <YearEvents
                                    large=large.clone()
                                    year
                                    file=file.clone()
                                    everything
                                    years
                                />
                            }
                        })
                }}
            </details>
        </li>
    }
}

/// The events of an opened year that are in the selection, in time order.
#[component]
fn YearEvents(
    large: Arc<Large>,
    year: i32,
    file: String,
    everything: Memo<bool>,
    years: ByYear,
) -> impl IntoView {
    let ui = ui();
    let ctx = expect_context::<Ctx>();
    let query = use_query_map();
    let positions = LocalResource::new(move || {
        let large = large.clone();
        let file = file.clone();
        async move { fetch_year(&large, year, &file).await }
    });
    let limit = RwSignal::new(PAGE);
    // The year's positions in the selection, in time order (`None`: not known yet).
    let kept = Memo::new(move |_| {
        let Some(Ok(y)) = positions.get() else {
            return None;
        };
        if everything.get() {
            return Some(Arc::new(y.positions.clone()));
        }
        years.get().map(|by_year| {
            let sel = selected(&by_year, &year);
            Arc::new(
                y.positions
                    .iter()
                    .copied()
                    .filter(|p| sel.contains(p))
                    .collect::<Vec<u32>>(),
            )
        })
    });
    // The positions drawn, with their index (the fragments they need are fetched and kept).
    let on_screen = Memo::new(move |_| {
        kept.get()
            .map(|k| {
                k.iter()
                    .take(limit.get())
                    .copied()
                    .enumerate()
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    ctx.fetch_shown(on_screen);
    let rows = move || {
        let params = query.get();
        on_screen
            .get()
            .into_iter()
            .map(|(_, p)| match ctx.at(p) {
                At::Ready(atlas, r) => match atlas.catalog.get(r) {
                    Record::Event(e) => event_item(&atlas.catalog, e, &params).into_any(),
                    _ => ().into_any(),
                },
                At::Failed { fragment, failure } => view! { <li class="tl-event large-tl-error">{record_failure(ctx, fragment, &failure)}</li> }
                .into_any(),
                At::Loading => view! {
                    <li class="tl-event large-tl-loading" aria-busy="true">
                        <span class="tl-dot" aria-hidden="true"></span>
                        <span class="status-text">{ui.large_card_loading}</span>
                    </li>
                }
                .into_any(),
            })
            .collect_view()
    };
    let more = move || {
        let total = kept.get().map_or(0, |k| k.len());
        more_button(total, limit, PAGE, "more")
    };
    file_view(
        positions,
        "large-timeline-error",
        ui.large_timeline_failed,
        ui.large_card_loading,
        move |_| {
            view! {
                <ol class="tl-events">{rows}</ol>
                {more}
            }
            .into_any()
        },
    )
}
