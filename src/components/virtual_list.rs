//! The virtualised card list shared by the cards view (`views/results.rs`) and large-catalog
//! mode (`views/large.rs`): which rows to render, from the list's place in the page.
//!
//! Cards sit in equal-height rows (`.cards.virtual`) and only the rows on screen, plus a few
//! on each side, are in the DOM; padding stands in for the rest, so the page scrolls as if
//! every card were there. The arithmetic is [`atlas_core::window`]; this file reads the
//! layout it needs and keeps the padding in step.

use crate::after_paint::after_paint;
use atlas_core::window::{keep_around, window, Window};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Lists up to this long are rendered whole; longer ones are virtualised. Measured: laying
/// out and shaping the Arabic text of a card is what a keystroke costs (bench/e2e.mjs), so
/// even the shipped 73 records are only rendered a screenful at a time.
pub const RENDER_ALL_UP_TO: usize = 24;
/// Rows rendered above and below the screen, so keyboard focus and fast scrolling always
/// land on a card that exists.
const OVERSCAN_ROWS: usize = 2;

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
        .and_then(|g| atlas_core::float::parse(g.trim_end_matches("px")))
        .unwrap_or(0.0);
    let first = ul
        .first_element_child()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()?;
    // Not laid out (built out of the page, behind the landing view): nothing to measure.
    let card = first.offset_height();
    let row = card as f64 + gap;
    (card > 0).then_some(Layout {
        list_top,
        viewport,
        row,
        cols,
    })
}

/// Cards rendered before the list has been measured: a screenful guessed from the window's
/// size (no layout needed), so a phone lays out four cards and not a desktop's dozen
/// (Lighthouse: the first layout of 24 cards was a 250 ms long task at 4× CPU slowdown).
fn first_screen() -> usize {
    let size = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64());
    // At build time (no window): a desktop's first screen, the size given below.
    let win = crate::in_browser().then(web_sys::window).flatten();
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

/// The rows of a list of `n` items with `layout` (none yet: a first screenful), with the
/// overscan rows or without.
fn rows_of(n: usize, layout: Option<Layout>, overscan: bool) -> Window {
    if n <= RENDER_ALL_UP_TO {
        return Window {
            start: 0,
            end: n,
            pad_before: 0,
            pad_after: 0,
        };
    }
    match layout {
        Some(l) => {
            let overscan = if overscan { OVERSCAN_ROWS } else { 0 };
            window(l.list_top, l.viewport, l.row, l.cols, n, overscan)
        }
        // Before the first measurement: a first screenful.
        None => Window {
            start: 0,
            end: n.min(first_screen()),
            pad_before: 0,
            pad_after: 0,
        },
    }
}

/// The rows of a virtualised list ([`use_virtual_window`]).
#[derive(Clone, Copy)]
pub struct VirtualWindow {
    /// The rows to render now.
    pub shown: Memo<Window>,
    /// The rows the list renders once its first frame is painted: `shown` with the overscan
    /// rows, which a new list adds a task later. What the rows need from the network can be
    /// asked for at once (large-catalogue mode's fragments).
    pub ahead: Memo<Window>,
    /// Whether the list is virtualised (longer than [`RENDER_ALL_UP_TO`]).
    pub virtual_list: Memo<bool>,
    layout: RwSignal<Option<Layout>>,
}

impl VirtualWindow {
    /// The rows that a list of `n` items would render if it replaced the one shown now,
    /// where the reader is (not tracked), the overscan rows added a task later included:
    /// what to fetch before showing it.
    pub fn rows_for(&self, n: usize) -> Window {
        rows_of(n, self.layout.get_untracked(), true)
    }

    /// The rows of its first frame (no overscan) that stay on screen if the list moves by
    /// less than a row (a filter chip added above it): the last row, partly below the
    /// screen's edge, is left out.
    pub fn sure_rows_for(&self, n: usize) -> Window {
        let layout = self.layout.get_untracked().map(|l| Layout {
            viewport: (l.viewport - l.row).max(l.row),
            ..l
        });
        rows_of(n, layout, false)
    }
}

/// The rows of a list of `len` items to render in `list`, and whether it is virtualised.
/// `reset` is tracked: when what it reads changes (a new query), the list is measured again.
pub fn use_virtual_window(
    len: Memo<usize>,
    list: NodeRef<leptos::html::Ul>,
    reset: impl Fn() + Send + Sync + 'static,
) -> VirtualWindow {
    let layout = RwSignal::new(None::<Layout>);
    // Run a frame or a task later, it may come after the list is gone (the reader switched
    // views while the app was being built): then there is nothing to measure.
    let remeasure = move || {
        if let Some(Some(ul)) = list.try_get_untracked() {
            let m = measure(&ul);
            if layout.try_get_untracked().is_some_and(|l| l != m) {
                layout.try_set(m);
            }
        }
    };
    let virtual_list = Memo::new(move |_| len.get() > RENDER_ALL_UP_TO);
    // Counts the lists shown (a new one each time what `reset` reads changes: a keystroke).
    let generation = Memo::new(move |before: Option<&u64>| {
        reset();
        before.map_or(0, |b| b.wrapping_add(1))
    });
    // The overscan rows of a new list are left out of the frame that shows it and added a
    // task later, once that frame is painted: a keystroke lays out and shapes only the cards
    // on screen, and typing on skips the rows altogether (bench/e2e.mjs).
    let settled = RwSignal::new(u64::MAX);
    // The position of the card holding keyboard focus, in the list shown then (its
    // generation): its neighbours stay rendered, so a fast Tab never reaches the list's
    // rendered end before a scroll event moves it. A new list ignores it.
    let focus = RwSignal::new(None::<(u64, usize)>);
    let rows = move |overscan: bool| {
        let (n, l) = (len.get(), layout.get());
        let w = rows_of(n, l, overscan);
        match (l, focus.get()) {
            (Some(l), Some((shown, at))) if n > RENDER_ALL_UP_TO && shown == generation.get() => {
                keep_around(w, at, l.row, l.cols, n, OVERSCAN_ROWS)
            }
            _ => w,
        }
    };
    let ahead = Memo::new(move |_| rows(true));
    let win = Memo::new(move |_| {
        if settled.get() == generation.get() {
            ahead.get()
        } else {
            rows(false)
        }
    });
    if crate::in_browser() {
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
        let focused = window_event_listener(leptos::ev::focusin, move |ev| {
            let card = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|e| e.closest("li[aria-posinset]").ok().flatten());
            let in_list = |li: &web_sys::Element| {
                list.try_get_untracked()
                    .flatten()
                    .is_some_and(|ul| ul.contains(Some(li)))
            };
            let virtual_now = virtual_list.try_get_untracked() == Some(true);
            if let Some(li) = card.filter(|li| virtual_now && in_list(li)) {
                // Focus has scrolled the card into view, and the scroll event comes a frame
                // later: the window is measured now, so it holds the card.
                remeasure();
                let at = li
                    .get_attribute("aria-posinset")
                    .and_then(|p| p.parse().ok());
                let at = at.and_then(|p: usize| p.checked_sub(1));
                focus.try_set(at.map(|at| (generation.get_untracked(), at)));
            }
        });
        on_cleanup(move || {
            scroll.remove();
            resize.remove();
            focused.remove();
        });
    }
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
    // Built out of the page behind the landing view: measured once it is in the page, after
    // the frame that shows it is painted, so that frame lays the page out once, not twice.
    // (A reader who had scrolled is put back there by the takeover, whose scroll event
    // measures it before that frame.)
    if crate::takeover::shown_later().is_some() {
        crate::takeover::when_shown(move || after_paint(remeasure));
    }
    // A new selection starts at the top of the list, measured again; its overscan rows
    // come a task after its first frame.
    Effect::new(move |_| {
        let shown = generation.get();
        request_animation_frame(remeasure);
        after_paint(move || {
            settled.try_set(shown);
        });
    });
    VirtualWindow {
        shown: win,
        ahead,
        virtual_list,
        layout,
    }
}
