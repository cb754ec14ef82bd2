//! The timeline view: the selected events on one axis of years, held / planned / cancelled
//! drawn differently, partial dates shown as partial; each event opens its detail.

use crate::api::use_atlas;
use crate::i18n::ui;
use crate::views::state::use_selection;
use crate::views::url::record_href_in;
use atlas_core::{format, stats, Catalog, Event};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

#[component]
pub fn TimelineView() -> impl IntoView {
    let ui = ui();
    let sel = use_selection();
    let query = use_query_map();
    move || {
        let atlas = use_atlas();
        let params = query.get();
        let years = stats::timeline(&atlas.catalog, &sel.visible.read());
        if years.is_empty() {
            return view! {
                <section class="status status-empty" data-state="empty">
                    <p>{ui.no_events}</p>
                </section>
            }
            .into_any();
        }
        let items = years
            .into_iter()
            .map(|(year, events)| {
                let list = events
                    .into_iter()
                    .map(|e| event_item(&atlas.catalog, e, &params))
                    .collect_view();
                view! {
                    <li class="tl-year" data-year=year>
                        <h3 class="tl-year-label">{year}</h3>
                        <ol class="tl-events">{list}</ol>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="timeline" aria-labelledby="timeline-title">
                <h2 id="timeline-title" class="view-title">
                    {ui.timeline_title}
                </h2>
                <ol class="tl-years">{items}</ol>
            </section>
        }
        .into_any()
    }
}

/// One event of the timeline: title (a link to its page), status, date (partial dates as
/// partial, inferred ones marked) and place; `catalog` names the place.
pub fn event_item(catalog: &Catalog, e: &Event, params: &ParamsMap) -> impl IntoView {
    let ui = ui();
    let href = record_href_in(params, &e.id);
    let title = e.title.get_or_ar(ui.lang).0.to_string();
    let mut when = format::date_range(ui.lang, &e.start, e.end.as_ref());
    if e.date_inferred {
        when = format!("{when} ({})", ui.inferred);
    }
    let place = e
        .place
        .as_deref()
        .and_then(|p| catalog.place(p))
        .map(|p| p.name.get_or_ar(ui.lang).0.to_string());
    let precision = match (e.start.month, e.start.day) {
        (Some(_), Some(_)) => "day",
        (Some(_), None) => "month",
        _ => "year",
    };
    view! {
        <li
            class=format!("tl-event status-{}", e.status.as_str())
            data-id=e.id.clone()
            data-status=e.status.as_str()
            data-date=e.start.to_string()
            data-precision=precision
        >
            <span class="tl-dot" aria-hidden="true"></span>
            <a class="tl-link" href=href>
                <span class="tl-title">{title}</span>
            </a>
            <span class="tl-meta">
                <span class=format!(
                    "badge status-{}",
                    e.status.as_str(),
                )>{ui.event_status(e.kind, e.status)}</span>
                " "
                {when}
                {place.map(|p| format!(" · {p}"))}
            </span>
        </li>
    }
}
