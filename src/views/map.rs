//! The map view (`?view=map`): a self-contained SVG of the land (Natural Earth, compiled at
//! build time; no tiles, no network beyond the app's own `data/map.json`), one marker per
//! place sized by its selected events, an inset for far-away hosts (Glasgow), zoom and pan
//! by wheel, pinch, drag, buttons and keyboard, and a list of the same places beside it.
//! Labelled markers are real buttons: activating one filters by that place (`place=` in the
//! URL). A crowded map (a large catalogue has a thousand places) labels the places with the
//! most events and draws the others as dots in one SVG path, found again under the pointer
//! (a click chooses the place, hovering names it); every place stays a button in the list.

use crate::api::use_atlas;
use crate::components::more_button::more_button;
use crate::i18n::ui;
use crate::views::state::use_selection;
use crate::views::url::{href_with_values, record_href_in, use_go};
use atlas_core::facets::Facet;
use atlas_core::float::fixed;
use atlas_core::map::BaseMap;
use atlas_core::viewport::{
    choose_labels, circles_path, dot_at, place_labels, split_inset, Dot, Side, Viewport,
};
use atlas_core::{format, Kind, Record};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

const MAP_URL: &str = "data/map.json";

async fn fetch_map() -> Result<Arc<BaseMap>, String> {
    let response = gloo_net::http::Request::get(MAP_URL)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = response.text().await.map_err(|e| e.to_string())?;
    serde_json::from_str::<BaseMap>(&text)
        .map(Arc::new)
        .map_err(|e| e.to_string())
}

/// A place on the map, with its events in the current selection.
#[derive(Clone, Debug, PartialEq)]
struct Marker {
    id: String,
    name: String,
    x: f64,
    y: f64,
    events: usize,
    /// Chosen as a filter (`place=`).
    pressed: bool,
}

/// The unlabelled dots of one layer as last drawn (percent of the layer's box), for the
/// pointer to find them: each one's place id, name and events.
#[derive(Clone, Debug, Default)]
struct DrawnDots {
    at: Vec<Dot>,
    places: Vec<(String, String, usize)>,
}

/// The dot under the mouse: its layer, where it is drawn and what it says.
#[derive(Clone, Debug, PartialEq)]
struct Tip {
    layer: &'static str,
    x: f64,
    y: f64,
    r: f64,
    text: String,
}

/// How far from a small dot a pointer still finds it, in CSS pixels (a fingertip).
const DOT_REACH_PX: f64 = 10.0;
/// A press that moves more than this (CSS pixels) pans the map and chooses nothing.
const DRAG_PX: f64 = 4.0;

/// Nominal pixel width the label layout assumes for the square map box.
const LAYOUT_PX: f64 = 600.0;
/// Markers in view that carry a visible label: the chosen ones, then those with the most
/// events (a large catalogue has a thousand places; more labels would only hide each other,
/// and cost the browser 0.4 s of layout). The others are dots, named when pointed at and
/// listed beside the map; zooming in labels the largest of those in view.
const MAX_LABELS: usize = 40;
/// Places the list beside the map shows at first, and adds with each "more".
const LIST_PAGE: usize = 100;
/// The inset's width as a share of the map box (matches `.map-inset` in the stylesheet).
const INSET_SHARE: f64 = 0.3;

/// A place the map can draw: its name in the interface language.
#[derive(Clone, Debug, PartialEq)]
pub struct MapPoint {
    pub id: String,
    pub name: String,
    /// A country id (far hosts of another country go into the inset).
    pub country: String,
    pub lon: f64,
    pub lat: f64,
}

/// The map view of the whole catalogue.
#[component]
pub fn MapView() -> impl IntoView {
    let ui = ui();
    let atlas = use_atlas();
    let sel = use_selection();
    let places: Arc<Vec<MapPoint>> = Arc::new(
        atlas
            .catalog
            .bundle
            .places
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
    // Per place, the events there that the query and the other filters select: a place
    // chosen leaves the others' counts as they were (as the facet panel counts them), so
    // the map still says where else there is something.
    let counts = {
        let atlas = atlas.clone();
        Memo::new(move |_| {
            let others = sel.filters.with(|f| f.without(Facet::Place));
            let candidates = sel.candidates.read();
            let passes = atlas.facets().matcher(&others);
            let mut counts: HashMap<String, usize> = HashMap::new();
            for &r in candidates
                .iter()
                .filter(|r| r.kind == Kind::Event && passes(**r))
            {
                if let Record::Event(e) = atlas.catalog.get(r) {
                    if let Some(p) = e.place.as_deref() {
                        *counts.entry(p.to_string()).or_default() += 1;
                    }
                }
            }
            Arc::new(counts)
        })
    };
    let chosen = Signal::derive(move || sel.filters.read().places.clone());
    let side = move |chosen: Vec<String>| events_at(&atlas, chosen);
    view! {
        <MapShell>
            {move || {
                let places = places.clone();
                let side = side.clone();
                with_base_map(move |map| {
                    view! {
                        <MapCanvas
                            map
                            places=places.clone()
                            counts=counts.into()
                            chosen
                            side=side.clone()
                        />
                    }
                        .into_any()
                })
            }}
        </MapShell>
    }
}

/// The map view's section and title around `children`.
#[component]
pub fn MapShell(children: Children) -> impl IntoView {
    let ui = ui();
    view! {
        <section class="map-view" aria-labelledby="map-title">
            <h2 id="map-title" class="view-title">
                {ui.map_title}
            </h2>
            {children()}
        </section>
    }
}

/// The base map once fetched (a message while it loads, an alert with a retry if it
/// fails), drawn by `ready`.
pub fn with_base_map(
    ready: impl Fn(Arc<BaseMap>) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    let ui = ui();
    let base = LocalResource::new(fetch_map);
    move || match base.get() {
        None => view! { <p class="status-text map-status">{ui.map_loading}</p> }.into_any(),
        Some(Err(e)) => view! {
            <div class="status status-error" role="alert" data-state="map-error">
                <p>{ui.map_failed}</p>
                <button type="button" class="button" on:click=move |_| base.refetch()>
                    {ui.retry}
                </button>
                <pre dir="ltr">{e}</pre>
            </div>
        }
        .into_any(),
        Some(Ok(map)) => ready(map),
    }
}

/// The full catalogue's side panel: the selected events at the chosen places.
fn events_at(atlas: &crate::api::Atlas, chosen: Vec<String>) -> AnyView {
    let ui = ui();
    let sel = use_selection();
    let query = use_query_map();
    let params = query.get();
    let visible = sel.visible.read();
    let events: Vec<_> = visible
        .iter()
        .filter_map(|r| match atlas.catalog.get(*r) {
            Record::Event(e) if e.place.as_ref().is_some_and(|p| chosen.contains(p)) => Some(e),
            _ => None,
        })
        .map(|e| {
            let href = record_href_in(&params, &e.id);
            let when = format::date_range(ui.lang, &e.start, e.end.as_ref());
            view! {
                <li data-id=e.id.clone()>
                    <a href=href>{e.title.get_or_ar(ui.lang).0.to_string()}</a>
                    <span class="tl-meta">
                        " · " {when} " · "
                        <span class=format!(
                            "badge status-{}",
                            e.status.as_str(),
                        )>{ui.event_status(e.kind, e.status)}</span>
                    </span>
                </li>
            }
        })
        .collect();
    let names: Vec<String> = chosen
        .iter()
        .filter_map(|p| atlas.catalog.place(p))
        .map(|p| p.name.get_or_ar(ui.lang).0.to_string())
        .collect();
    view! {
        <h3>{format!("{} {}", ui.map_events_at, names.join(ui.comma()))}</h3>
        {if events.is_empty() {
            view! { <p>{ui.no_events}</p> }.into_any()
        } else {
            view! { <ul class="map-events">{events}</ul> }.into_any()
        }}
    }
    .into_any()
}

/// Whether an event's target is a labelled marker (a button) or inside one.
fn on_marker(target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        .and_then(|e| e.closest(".map-marker").ok().flatten())
        .is_some()
}

/// The map of `places`, each marker sized by its count in `counts` (events in the current
/// selection), `chosen` pressed (the `place=` filter); `side` draws the panel about the
/// chosen places.
#[component]
pub fn MapCanvas<S>(
    map: Arc<BaseMap>,
    places: Arc<Vec<MapPoint>>,
    counts: Signal<Arc<HashMap<String, usize>>>,
    chosen: Signal<Vec<String>>,
    side: S,
) -> impl IntoView
where
    S: Fn(Vec<String>) -> AnyView + Clone + Send + Sync + 'static,
{
    let ui = ui();
    let query = use_query_map();
    let go = use_go();
    let (w, h) = (map.width, map.height);

    // The width the label layout assumes: the map box's on a phone (the screen less its
    // margins), nominal on wider screens (labels keep their size as the map shrinks).
    let layout = web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|v| v.as_f64())
        .map_or(LAYOUT_PX, |w| (w - 24.0).clamp(240.0, LAYOUT_PX));

    // Map positions of the places, projected once.
    let positions: Vec<(f64, f64)> = places.iter().map(|p| map.project(p.lon, p.lat)).collect();

    // Every place gets a marker; its size counts the selected events there. Whether it is
    // pressed is part of the marker, not read beside it: a view that read this memo and
    // then the filters would miss a click when the filters are recounted while this memo is
    // being checked (reactive_graph 0.2.16 does not mark the effect that is checking as
    // dirty), which left the marker unpressed after a search.
    let markers = {
        let places = places.clone();
        let positions = positions.clone();
        Memo::new(move |_| {
            let chosen = chosen.get();
            let counts = counts.get();
            places
                .iter()
                .zip(&positions)
                .map(|(p, &(x, y))| Marker {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    x,
                    y,
                    events: counts.get(p.id.as_str()).copied().unwrap_or(0),
                    pressed: chosen.contains(&p.id),
                })
                .collect::<Vec<_>>()
        })
    };

    // Main view and inset: far hosts of another country (Glasgow) get their own box.
    let (main_ids, inset_ids) = {
        let places: Vec<(&str, &str, f64, f64)> = places
            .iter()
            .zip(&positions)
            .map(|(p, &(x, y))| (p.id.as_str(), p.country.as_str(), x, y))
            .collect();
        let (main, inset) = split_inset(&places, w * 0.15);
        (
            Arc::new(main.into_iter().map(str::to_string).collect::<HashSet<_>>()),
            Arc::new(
                inset
                    .into_iter()
                    .map(str::to_string)
                    .collect::<HashSet<_>>(),
            ),
        )
    };
    let points_of = move |ids: &HashSet<String>| -> Vec<(f64, f64)> {
        markers
            .read_untracked()
            .iter()
            .filter(|m| ids.contains(&m.id))
            .map(|m| (m.x, m.y))
            .collect()
    };
    let home = Viewport::fit(&points_of(&main_ids), 0.18, w * 0.08);
    let inset_view =
        (!inset_ids.is_empty()).then(|| Viewport::fit(&points_of(&inset_ids), 1.2, w * 0.22));
    let viewport = RwSignal::new(home);

    let activate = {
        let go = go.clone();
        move |id: String| {
            let current = chosen.get_untracked();
            let next = if current == [id.clone()] {
                Vec::new()
            } else {
                vec![id]
            };
            go(
                &href_with_values(&query.get_untracked(), "place", &next),
                false,
            );
        }
    };

    // The dots of each layer as last drawn, and the one the mouse is on.
    let main_dots = StoredValue::new(DrawnDots::default());
    let inset_dots = StoredValue::new(DrawnDots::default());
    let tip = RwSignal::new(None::<Tip>);
    // A tip belongs to the dots as they were drawn: moving the map (keys, buttons, wheel,
    // drag) or new counts or choices put it away until the mouse moves again.
    Effect::new(move |_| {
        viewport.track();
        markers.track();
        if tip.with_untracked(Option::is_some) {
            tip.set(None);
        }
    });

    // Labelled markers are buttons positioned over an SVG window, labels placed to avoid
    // overlaps; the other markers are dots drawn as one path under them.
    let marker_layer = {
        let activate = activate.clone();
        move |ids: Arc<HashSet<String>>,
              window: Box<dyn Fn() -> Viewport + Send + Sync>,
              layer: &'static str,
              layout_px: f64,
              avoid: Vec<(f64, f64, f64, f64)>,
              drawn: StoredValue<DrawnDots>| {
            let activate = activate.clone();
            let markers_view = move || {
                let v = window();
                let all = markers.get();
                // Dot sizes: the most events in the catalogue's markers get the largest dot,
                // which shrinks as places crowd the map (34 px for a few, 12 px for a thousand),
                // so dots stay apart and clickable; area follows the count.
                let most = all.iter().map(|m| m.events).max().unwrap_or(0).max(1) as f64;
                let big = (240.0 / (all.len().max(1) as f64).sqrt()).clamp(12.0, 34.0);
                let dot = |events: usize| {
                    if events == 0 {
                        10.0_f64.min(big)
                    } else {
                        8.0 + (big - 8.0) * (events as f64 / most).sqrt()
                    }
                };
                let shown: Vec<&Marker> = all
                    .iter()
                    .filter(|m| ids.contains(&m.id) && v.contains(m.x, m.y))
                    .collect();
                // The markers that carry a label, and where each label goes: all of them on a
                // map of a few places; on a crowded one, in order of the chosen places then
                // the most events, those whose label fits beside the others.
                let px_of = |m: &Marker| {
                    let (pxx, pxy) = v.percent(m.x, m.y);
                    // The name, and the count's badge after it.
                    let badge = if m.events > 0 {
                        16.0 + m.events.to_string().len() as f64 * 7.5
                    } else {
                        0.0
                    };
                    // (9.5 px a letter: at 8.5, Tangier's Arabic label on a phone ran 4 px
                    // past the map's edge.)
                    let label_w = 14.0 + m.name.chars().count() as f64 * 9.5 + badge;
                    (pxx / 100.0 * layout_px, pxy / 100.0 * layout_px, label_w)
                };
                let bounds = (layout_px, layout_px);
                let sides: Vec<Option<Side>> = if shown.len() <= MAX_LABELS {
                    let px: Vec<(f64, f64, f64)> = shown.iter().map(|m| px_of(m)).collect();
                    place_labels(&px, 24.0, 12.0, bounds, &avoid)
                        .into_iter()
                        .map(Some)
                        .collect()
                } else {
                    let mut rank: Vec<usize> = (0..shown.len()).collect();
                    rank.sort_by_key(|&i| {
                        (!shown[i].pressed, std::cmp::Reverse(shown[i].events), i)
                    });
                    let px: Vec<(f64, f64, f64)> = rank.iter().map(|&i| px_of(shown[i])).collect();
                    let keep: Vec<bool> = rank.iter().map(|&i| shown[i].pressed).collect();
                    let mut sides = vec![None; shown.len()];
                    for (&i, side) in rank.iter().zip(choose_labels(
                        &px,
                        &keep,
                        MAX_LABELS,
                        24.0,
                        big / 2.0 + 4.0,
                        bounds,
                        &avoid,
                    )) {
                        sides[i] = side;
                    }
                    sides
                };
                // The dots: no button each (a thousand buttons cost 0.2 s of script and
                // 0.1 s of layout); radius in the layer's percent, the white edge inside it.
                let mut dots = DrawnDots::default();
                let buttons: Vec<AnyView> = shown
                    .into_iter()
                    .zip(sides)
                    .filter_map(|(m, side)| {
                        let (left, top) = v.percent(m.x, m.y);
                        let size = dot(m.events);
                        let Some(side) = side else {
                            let r = (size / 2.0 - 1.0) / layout_px * 100.0;
                            dots.at.push((left, top, r));
                            dots.places.push((m.id.clone(), m.name.clone(), m.events));
                            return None;
                        };
                        let pressed = m.pressed;
                        let aria = format!(" — {}", ui.events_count(m.events));
                        let id = m.id.clone();
                        let activate = activate.clone();
                        Some(
                            view! {
                                <button
                                    type="button"
                                    class=format!("map-marker label-{}", side.as_str())
                                    class:active=pressed
                                    class:empty=m.events == 0
                                    data-place=m.id.clone()
                                    data-layer=layer
                                    aria-pressed=pressed.to_string()
                                    style:left=format!("{}%", fixed(left, 3))
                                    style:top=format!("{}%", fixed(top, 3))
                                    style:--dot=format!("{}px", fixed(size, 1))
                                    on:click=move |_| activate(id.clone())
                                >
                                    <span class="marker-dot" aria-hidden="true"></span>
                                    // The visible name starts the accessible name; the count is
                                    // spelled out for screen readers.
                                    <span class="marker-label">
                                        {m.name.clone()}
                                        {(m.events > 0).then(|| view! { <span class="marker-count" aria-hidden="true">{m.events}</span> })}
                                        <span class="visually-hidden">{aria}</span>
                                    </span>
                                </button>
                            }
                            .into_any(),
                        )
                    })
                    .collect();
                let with_events = |yes: bool| {
                    let at = dots
                        .at
                        .iter()
                        .zip(&dots.places)
                        .filter(move |(_, p)| (p.2 > 0) == yes)
                        .map(|(&d, _)| d);
                    (circles_path(at.clone()), at.count())
                };
                let (full, full_n) = with_events(true);
                let (empty, empty_n) = with_events(false);
                let svg = (full_n + empty_n > 0).then(|| {
                    let ring = format!("{full}{empty}");
                    view! {
                        <svg
                            class="map-dots"
                            data-layer=layer
                            viewBox="0 0 100 100"
                            preserveAspectRatio="none"
                            aria-hidden="true"
                            focusable="false"
                        >
                            <path class="dots-ring" d=ring />
                            <path class="dots-full" d=full data-count=full_n />
                            <path class="dots-empty" d=empty data-count=empty_n />
                        </svg>
                    }
                });
                drawn.set_value(dots);
                view! {
                    {svg}
                    {buttons}
                }
            };
            // The name and count of the dot the mouse is on (the list beside the map says
            // the same for every place, so this is not read out).
            let tip_view = move || {
                tip.get().filter(|t| t.layer == layer).map(|t| {
                    view! {
                        <span
                            class="map-tip"
                            dir="auto"
                            aria-hidden="true"
                            style:left=format!("{}%", fixed(t.x, 3))
                            style:top=format!("{}%", fixed(t.y - t.r, 3))
                        >
                            {t.text}
                        </span>
                    }
                })
            };
            view! {
                {markers_view}
                {tip_view}
            }
            .into_any()
        }
    };
    let main_layer = marker_layer.clone()(
        main_ids.clone(),
        Box::new(move || viewport.get()),
        "main",
        layout,
        // The inset covers the map's top left corner (`.map-inset`: 0.6rem in, 30% wide).
        inset_view
            .map(|_| {
                let edge = layout * (INSET_SHARE + 0.03);
                vec![(0.0, 0.0, edge, edge)]
            })
            .unwrap_or_default(),
        main_dots,
    );
    let inset_layer = inset_view.map(|iv| {
        marker_layer(
            inset_ids.clone(),
            Box::new(move || iv),
            "inset",
            layout * INSET_SHARE,
            Vec::new(),
            inset_dots,
        )
    });

    // Zoom and pan.
    let zoom = move |factor: f64| viewport.update(|v| *v = v.zoom(factor, w, h));
    let pan = move |dx: f64, dy: f64| viewport.update(|v| *v = v.pan(dx, dy, w, h));
    let fit = move || viewport.set(home);
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let handled = match ev.key().as_str() {
            "+" | "=" => {
                zoom(1.5);
                true
            }
            "-" | "_" => {
                zoom(1.0 / 1.5);
                true
            }
            "0" | "Home" => {
                fit();
                true
            }
            "ArrowUp" => {
                pan(0.0, -0.1);
                true
            }
            "ArrowDown" => {
                pan(0.0, 0.1);
                true
            }
            "ArrowLeft" => {
                pan(-0.1, 0.0);
                true
            }
            "ArrowRight" => {
                pan(0.1, 0.0);
                true
            }
            _ => false,
        };
        if handled {
            ev.prevent_default();
        }
    };
    let stage = NodeRef::<leptos::html::Div>::new();
    // Map point under a client position.
    let to_map = move |cx: f64, cy: f64| -> Option<(f64, f64)> {
        let el = stage.get_untracked()?;
        let r = el.get_bounding_client_rect();
        let v = viewport.get_untracked();
        (r.width() > 0.0).then(|| {
            (
                v.x + (cx - r.left()) / r.width() * v.size,
                v.y + (cy - r.top()) / r.height() * v.size,
            )
        })
    };
    // The dot under a client position (the inset's, drawn over the map, or the main map's):
    // what its tip says, and its place id.
    let dot_under = move |cx: f64, cy: f64| -> Option<(Tip, String)> {
        let el = stage.get_untracked()?;
        let inside = |r: &web_sys::DomRect| {
            r.width() > 0.0
                && cx >= r.left()
                && cx <= r.right()
                && cy >= r.top()
                && cy <= r.bottom()
        };
        let inset = el
            .query_selector(".map-inset")
            .ok()
            .flatten()
            .map(|e| e.get_bounding_client_rect())
            .filter(inside);
        let (layer, r, drawn) = match inset {
            Some(r) => ("inset", r, inset_dots),
            None => ("main", el.get_bounding_client_rect(), main_dots),
        };
        if !inside(&r) {
            return None;
        }
        let (x, y) = (
            (cx - r.left()) / r.width() * 100.0,
            (cy - r.top()) / r.height() * 100.0,
        );
        drawn.with_value(|d| {
            dot_at(&d.at, x, y, DOT_REACH_PX / r.width() * 100.0).map(|i| {
                let (id, name, events) = &d.places[i];
                let (x, y, r) = d.at[i];
                let text = format!("{name} — {}", ui.events_count(*events));
                (
                    Tip {
                        layer,
                        x,
                        y,
                        r,
                        text,
                    },
                    id.clone(),
                )
            })
        })
    };
    let show_tip = move |next: Option<Tip>| {
        if tip.with_untracked(|t| *t != next) {
            tip.set(next);
        }
    };
    // Where a press began and whether it has since moved (a pan, not a choice).
    let press = StoredValue::new(None::<(f64, f64)>);
    let dragged = StoredValue::new(false);
    let on_click = {
        let activate = activate.clone();
        move |ev: leptos::ev::MouseEvent| {
            if std::mem::take(&mut *dragged.write_value()) {
                return;
            }
            // A labelled marker handles its own click (and the keyboard's).
            if on_marker(ev.target()) {
                return;
            }
            if let Some((_, id)) = dot_under(ev.client_x() as f64, ev.client_y() as f64) {
                activate(id);
            }
        }
    };
    let on_wheel = move |ev: leptos::ev::WheelEvent| {
        ev.prevent_default();
        let factor = 1.0015f64.powf(-ev.delta_y());
        if let Some((px, py)) = to_map(ev.client_x() as f64, ev.client_y() as f64) {
            viewport.update(|v| *v = v.zoom_about(factor, px, py, w, h));
        }
    };
    // Pointers down, for drag (one) and pinch (two): id → last client position.
    let pointers = StoredValue::new(HashMap::<i32, (f64, f64)>::new());
    let on_down = move |ev: leptos::ev::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        // Let clicks on markers through.
        if on_marker(ev.target()) {
            return;
        }
        if let Some(el) = stage.get_untracked() {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        press.set_value(Some((ev.client_x() as f64, ev.client_y() as f64)));
        dragged.set_value(false);
        pointers.update_value(|p| {
            p.insert(
                ev.pointer_id(),
                (ev.client_x() as f64, ev.client_y() as f64),
            );
        });
    };
    let on_move = move |ev: leptos::ev::PointerEvent| {
        let id = ev.pointer_id();
        let now = (ev.client_x() as f64, ev.client_y() as f64);
        let Some(prev) = pointers.with_value(|p| p.get(&id).copied()) else {
            // No press: the mouse names the dot it is on.
            if ev.pointer_type() == "mouse" {
                show_tip(dot_under(now.0, now.1).map(|(t, _)| t));
            }
            return;
        };
        if let Some((x0, y0)) = press.get_value() {
            if (now.0 - x0).hypot(now.1 - y0) > DRAG_PX {
                dragged.set_value(true);
            }
        }
        let Some(el) = stage.get_untracked() else {
            return;
        };
        let width = el.get_bounding_client_rect().width().max(1.0);
        let others: Vec<(f64, f64)> = pointers.with_value(|p| {
            p.iter()
                .filter(|(k, _)| **k != id)
                .map(|(_, v)| *v)
                .collect()
        });
        match others.as_slice() {
            [] => {
                let v = viewport.get_untracked();
                let k = v.size / width;
                viewport.update(|v| {
                    *v = v.pan(
                        -(now.0 - prev.0) * k / v.size,
                        -(now.1 - prev.1) * k / v.size,
                        w,
                        h,
                    )
                });
            }
            [other, ..] => {
                let d0 = ((prev.0 - other.0).powi(2) + (prev.1 - other.1).powi(2)).sqrt();
                let d1 = ((now.0 - other.0).powi(2) + (now.1 - other.1).powi(2)).sqrt();
                if d0 > 1.0 {
                    let mid = ((now.0 + other.0) / 2.0, (now.1 + other.1) / 2.0);
                    if let Some((px, py)) = to_map(mid.0, mid.1) {
                        viewport.update(|v| *v = v.zoom_about(d1 / d0, px, py, w, h));
                    }
                }
            }
        }
        pointers.update_value(|p| {
            p.insert(id, now);
        });
    };
    let on_up = move |ev: leptos::ev::PointerEvent| {
        pointers.update_value(|p| {
            p.remove(&ev.pointer_id());
        });
    };

    let land = map.land.clone();
    let inset_svg = inset_view.map(|iv| {
        let land = map.land.clone();
        view! {
            <div class="map-inset" role="group" aria-label=ui.map_inset>
                <svg
                    class="map-svg"
                    viewBox=iv.view_box()
                    aria-hidden="true"
                    focusable="false"
                    preserveAspectRatio="xMidYMid meet"
                >
                    <path class="land" d=land fill-rule="evenodd" />
                </svg>
                {inset_layer}
            </div>
        }
    });

    // The list alternative and the events of the selected place(s).
    let list_limit = RwSignal::new(LIST_PAGE);
    let list = {
        let activate = activate.clone();
        move || {
            markers
                .get()
                .into_iter()
                .take(list_limit.get())
                .map(|m| {
                    let id = m.id.clone();
                    let activate = activate.clone();
                    let pressed = m.pressed;
                    view! {
                        <li>
                            <button
                                type="button"
                                class="place-button"
                                data-list-place=m.id.clone()
                                aria-pressed=pressed.to_string()
                                on:click=move |_| activate(id.clone())
                            >
                                <span>{m.name.clone()}</span>
                                <span class="facet-count">{ui.events_count(m.events)}</span>
                            </button>
                        </li>
                    }
                })
                .collect_view()
        }
    };
    let side = move || {
        let chosen = chosen.get();
        if chosen.is_empty() {
            view! { <p class="map-hint">{ui.map_pick}</p> }.into_any()
        } else {
            side(chosen)
        }
    };

    view! {
        <div class="map-layout">
            <div class="map-box">
                <div
                    class="map-stage"
                    node_ref=stage
                    class:pointing=move || tip.with(Option::is_some)
                    tabindex="0"
                    role="group"
                    aria-label=format!("{} — {}", ui.map_title, ui.map_keys)
                    aria-describedby="map-keys"
                    on:keydown=on_key
                    on:wheel=on_wheel
                    on:pointerdown=on_down
                    on:pointermove=on_move
                    on:pointerup=on_up
                    on:pointercancel=on_up
                    on:pointerleave=move |_| show_tip(None)
                    on:click=on_click
                >
                    <svg
                        class="map-svg"
                        viewBox=move || viewport.get().view_box()
                        aria-hidden="true"
                        focusable="false"
                        preserveAspectRatio="xMidYMid meet"
                    >
                        <rect class="sea" x="0" y="0" width=w height=h />
                        <path class="land" d=land fill-rule="evenodd" />
                    </svg>
                    {main_layer}
                    {inset_svg}
                </div>
                <div class="map-controls">
                    <button
                        type="button"
                        class="button secondary"
                        data-map="zoom-in"
                        aria-label=ui.map_zoom_in
                        on:click=move |_| zoom(1.5)
                    >
                        "+"
                    </button>
                    <button
                        type="button"
                        class="button secondary"
                        data-map="zoom-out"
                        aria-label=ui.map_zoom_out
                        on:click=move |_| zoom(1.0 / 1.5)
                    >
                        "−"
                    </button>
                    <button
                        type="button"
                        class="button secondary"
                        data-map="fit"
                        on:click=move |_| fit()
                    >
                        {ui.map_fit}
                    </button>
                </div>
                <p id="map-keys" class="map-note">
                    {ui.map_keys}
                </p>
                {move || {
                    markers
                        .with(|m| m.len() > MAX_LABELS)
                        .then(|| view! { <p class="map-note">{ui.map_dots}</p> })
                }}
                // The shipped map's credit in the page's language; another map's as written.
                {if map.source == atlas_core::map::SOURCE {
                    view! { <p class="map-note map-credit">{ui.map_credit}</p> }.into_any()
                } else {
                    view! {
                        <p class="map-note map-credit" dir="ltr" lang="en">
                            {map.source.clone()}
                        </p>
                    }
                        .into_any()
                }}
            </div>
            <div class="map-side">
                <div class="map-selected" aria-live="polite">
                    {side}
                </div>
                <h3>{ui.map_list}</h3>
                <ul class="place-list">{list}</ul>
                {move || {
                    more_button(markers.with(Vec::len), list_limit, LIST_PAGE, "more-places")
                }}
            </div>
        </div>
    }
}
