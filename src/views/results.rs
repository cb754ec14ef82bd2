//! The cards view: every record passing the filters, ranked by the query when there is one.
//!
//! Long lists are virtualised: the cards sit in equal-height rows and only the rows on
//! screen (plus a few on each side) are in the DOM; padding stands in for the rest, so the
//! page scrolls as if every card were there. Cards are keyed by record and URL, so scrolling
//! reuses the cards already built and a new query rebuilds only the few on screen.

use crate::api::use_atlas;
use crate::components::card::Card;
use crate::components::status::NoResults;
use crate::i18n::ui;
use crate::views::state::use_selection;
use crate::views::url::{href_with, use_param};
use atlas_core::window::{window, Window};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use wasm_bindgen::JsCast;

/// Lists up to this long are rendered whole; longer ones are virtualised. Measured: laying
/// out and shaping the Arabic text of a card is what a keystroke costs (bench/e2e.mjs), so
/// even the shipped 73 records are only rendered a screenful at a time.
const RENDER_ALL_UP_TO: usize = 24;
/// Rows rendered above and below the screen, so keyboard focus and fast scrolling always
/// land on a card that exists.
const OVERSCAN_ROWS: usize = 2;
/// Cards rendered before the list has been measured: a screenful guessed from the window's
/// size (no layout needed), so a phone lays out four cards and not a desktop's dozen
/// (Lighthouse: the first layout of 24 cards was a 250 ms long task at 4× CPU slowdown).
fn first_screen() -> usize {
    let size = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64());
    let win = web_sys::window();
    let width = win
        .as_ref()
        .and_then(|w| size(w.inner_width()))
        .unwrap_or(1280.0);
    let height = win
        .as_ref()
        .and_then(|w| size(w.inner_height()))
        .unwrap_or(900.0);
    // Cards are at least 20rem wide and 19rem tall (style/main.css, `.cards.virtual`).
    let rem = 16.0;
    let cols = (width / (21.0 * rem)).floor().max(1.0) as usize;
    let rows = (height / (19.0 * rem)).ceil() as usize + 1;
    (cols * rows).clamp(4, RENDER_ALL_UP_TO)
}

/// What the window depends on, read from the layout.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Layout {
    list_top: f64,
    viewport: f64,
    row: f64,
    cols: usize,
}

/// Reads the list's position, the viewport, the row height (one card plus the row gap) and
/// the number of grid columns from the rendered list.
fn measure(ul: &web_sys::HtmlElement) -> Option<Layout> {
    let win = web_sys::window()?;
    let viewport = win.inner_height().ok()?.as_f64()?;
    let list_top = ul.get_bounding_client_rect().top();
    let style = win.get_computed_style(ul).ok()??;
    let cols = style
        .get_property_value("grid-template-columns")
        .ok()?
        .split_whitespace()
        .count()
        .max(1);
    let gap = style
        .get_property_value("row-gap")
        .ok()
        .and_then(|g| g.trim_end_matches("px").parse::<f64>().ok())
        .unwrap_or(0.0);
    let first = ul
        .first_element_child()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()?;
    let row = first.offset_height() as f64 + gap;
    (row >= 1.0).then_some(Layout {
        list_top,
        viewport,
        row,
        cols,
    })
}

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

    // Where each record is in the hit list, for its highlights.
    let hit_at = Memo::new(move |_| {
        sel.hits.read().as_ref().map(|hits| {
            hits.iter()
                .enumerate()
                .map(|(i, h)| (h.record, i))
                .collect::<rustc_hash::FxHashMap<_, _>>()
        })
    });

    let list = NodeRef::<leptos::html::Ul>::new();
    let layout = RwSignal::new(None::<Layout>);
    let remeasure = move || {
        if let Some(ul) = list.get_untracked() {
            let m = measure(&ul);
            if m != layout.get_untracked() {
                layout.set(m);
            }
        }
    };
    let len = Memo::new(move |_| sel.visible.read().len());
    let virtual_list = Memo::new(move |_| len.get() > RENDER_ALL_UP_TO);
    let win = Memo::new(move |_| {
        let n = len.get();
        if !virtual_list.get() {
            return Window {
                start: 0,
                end: n,
                pad_before: 0,
                pad_after: 0,
            };
        }
        match layout.get() {
            Some(l) => window(l.list_top, l.viewport, l.row, l.cols, n, OVERSCAN_ROWS),
            // Before the first measurement: a first screenful.
            None => Window {
                start: 0,
                end: n.min(first_screen()),
                pad_before: 0,
                pad_after: 0,
            },
        }
    });
    let scroll = window_event_listener(leptos::ev::scroll, move |_| {
        if virtual_list.get_untracked() {
            remeasure()
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| {
        if virtual_list.get_untracked() {
            remeasure()
        }
    });
    on_cleanup(move || {
        scroll.remove();
        resize.remove();
    });
    // After each render of a virtual list: measure (the first card gives the row height)
    // and keep the padding that stands for the cards not rendered.
    Effect::new(move |_| {
        let w = win.get();
        let Some(ul) = list.get() else { return };
        let style = web_sys::HtmlElement::style(&ul);
        let _ = style.set_property("padding-block-start", &format!("{}px", w.pad_before));
        let _ = style.set_property("padding-block-end", &format!("{}px", w.pad_after));
        if virtual_list.get() {
            request_animation_frame(remeasure);
        }
    });
    // A new selection starts at the top of the list, measured again.
    Effect::new(move |_| {
        sel.visible.track();
        request_animation_frame(remeasure);
    });

    // The window's records with their positions; cards are keyed by record, so a card that
    // stays on screen is kept (its highlights and position update in place).
    let window_items = Memo::new(move |_| {
        let w = win.get();
        sel.visible
            .read()
            .get(w.start..w.end)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(i, r)| (w.start + i, *r))
            .collect::<Vec<_>>()
    });
    let card = move |(_, record): (usize, atlas_core::RecordRef)| {
        let atlas = use_atlas();
        let hit = Signal::derive(move || {
            hit_at.with(|at| {
                let i = *at.as_ref()?.get(&record)?;
                sel.hits.with(|h| h.as_ref()?.get(i).cloned())
            })
        });
        let id = atlas.catalog.get(record).id().to_string();
        // The link follows the URL (filters, and `q` once typing pauses) without a rebuild.
        let href = Signal::derive(move || href_with(&query.read(), &[("id", Some(&id))]));
        let pos = move || {
            window_items.with(|items| items.iter().find(|(_, r)| *r == record).map(|(p, _)| p + 1))
        };
        view! {
            <li aria-posinset=pos aria-setsize=move || len.get()>
                <Card record hit href/>
            </li>
        }
    };
    view! {
        <section class="results" aria-labelledby="results-title">
            <h2 id="results-title" class="visually-hidden">{ui.view_cards}</h2>
            <p id="results-count" class="results-count" role="status" aria-live="polite">{count}</p>
            <Show
                when=move || { len.get() > 0 }
                fallback=move || view! { <NoResults query=q.get().unwrap_or_default()/> }
            >
                <ul
                    class="cards"
                    class:virtual=virtual_list
                    role="list"
                    node_ref=list
                    data-total=len
                >
                    <For each=move || window_items.get() key=|(_, record)| *record children=card/>
                </ul>
            </Show>
        </section>
    }
}
