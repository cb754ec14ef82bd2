//! Back and Forward return to the place the reader left: the scroll position of each
//! history entry, and on the list, the card whose page was opened, focused again.
//!
//! The browser's own restoration cannot do it here: on Back it scrolls while the new view
//! is not in the page yet (the record page is still there, and the list of cards, once
//! built, is first a screenful tall until its rows are measured: `virtual_list.rs`), so it
//! stopped far above the place (a phone: 14,187 px left, 596 px on return). So the Atlas
//! keeps the positions itself (`history.scrollRestoration = "manual"`), and on Back or
//! Forward waits, a frame at a time, until the page is tall enough to scroll there. A
//! restoration gives way to anything newer: another navigation, or the reader scrolling,
//! touching or typing meanwhile. Leaving the page hands restoration back to the browser, so
//! a reload comes back where it was, as before.

use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Window};

thread_local! {
    /// The last scroll position of each place ([`place`]: a history entry, or an address
    /// where the browser cannot name entries) seen in this tab, one entry per place
    /// scrolled (a list is less code than a map).
    static SAVED: RefCell<Vec<(String, f64)>> = const { RefCell::new(Vec::new()) };
    /// The address the page shows (its query string), as of the last change, and the one
    /// before it.
    static CURRENT: RefCell<String> = const { RefCell::new(String::new()) };
    static PREVIOUS: RefCell<String> = const { RefCell::new(String::new()) };
    /// Whether the last change of address added a history entry after `PREVIOUS`'s (a link
    /// followed): not Back or Forward, not the page's load, not typing (which replaces the
    /// entry). Where the browser has no Navigation API to tell a new entry from a replaced
    /// one, any change of the app's own counts (typing always leaves a record's page, so a
    /// record's "back to results" never meets it).
    static LINKED: Cell<bool> = const { Cell::new(false) };
    /// The history entry's index (Navigation API) at the last change, -1 where unknown.
    static INDEX: Cell<f64> = const { Cell::new(-1.0) };
    /// Set while a position is being restored: scroll events meanwhile are the page
    /// growing or shrinking under it, not the reader's.
    static RESTORING: Cell<bool> = const { Cell::new(false) };
    /// Counts changes of address and the reader's own moves: a restoration goes on only
    /// while it is the latest thing that happened.
    static GENERATION: Cell<u32> = const { Cell::new(0) };
}

/// Frames to wait at most for the page to be tall enough (about a second).
const MAX_FRAMES: u32 = 60;
/// Frames to wait at most, after that, for the list to render the card to focus.
const SETTLE_FRAMES: u32 = 30;

fn search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

fn page() -> Option<(Window, Document)> {
    let win = web_sys::window()?;
    let doc = win.document()?;
    Some((win, doc))
}

/// Whatever happens next, a restoration under way stops.
fn give_way() {
    GENERATION.set(GENERATION.get().wrapping_add(1));
    RESTORING.set(false);
}

/// Starts keeping positions: listens to scrolling, to Back and Forward, to the reader's own
/// moves during a restoration, and to the page being left.
pub fn install() {
    let Some(win) = web_sys::window() else {
        return;
    };
    if let Ok(history) = win.history() {
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    CURRENT.with(|c| *c.borrow_mut() = search());
    INDEX.set(entry_index().unwrap_or(-1.0));
    let on_scroll = window_event_listener(leptos::ev::scroll, |_| {
        if RESTORING.get() {
            return;
        }
        let y = web_sys::window()
            .and_then(|w| w.scroll_y().ok())
            .unwrap_or_default();
        save(place(), y);
    });
    // The router's listener, added before this one, sets the new address; the app's effects
    // see it later, so the address left is `CURRENT` until `address_changed` runs here.
    let on_pop = window_event_listener(leptos::ev::popstate, |_| {
        let now = search();
        address_changed();
        LINKED.set(false);
        let left = PREVIOUS.with(|p| p.borrow().clone());
        let at = place();
        let y = SAVED
            .with(|s| s.borrow().iter().find(|(a, _)| *a == at).map(|&(_, y)| y))
            .unwrap_or(0.0);
        RESTORING.set(true);
        restore(GENERATION.get(), y, opened_from(&left, &now), 0);
    });
    // One listener for the rest: the reader's own moves stop a restoration; leaving the
    // page (a reload) lets the browser restore this entry as it would have.
    let on_other = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        if ev.type_() == "pagehide" {
            if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
                let _ = h.set_scroll_restoration(web_sys::ScrollRestoration::Auto);
            }
        } else if RESTORING.get() {
            give_way();
        }
    });
    for name in ["wheel", "touchstart", "keydown", "pagehide"] {
        let _ = win.add_event_listener_with_callback(name, on_other.as_ref().unchecked_ref());
    }
    // The app's shell lives as long as the page.
    on_other.forget();
    std::mem::forget((on_scroll, on_pop));
}

/// Called on every change of address: keeps `CURRENT` in step with links and typing, and
/// stops a restoration under way. True when the change opened a record's page (an `id`
/// other than the last address's).
pub fn address_changed() -> bool {
    let now = search();
    if CURRENT.with(|c| *c.borrow() == now) {
        return false;
    }
    give_way();
    let index = entry_index();
    LINKED.set(match index {
        Some(i) if INDEX.get() >= 0.0 => i == INDEX.get() + 1.0,
        _ => true,
    });
    INDEX.set(index.unwrap_or(-1.0));
    let left = CURRENT.with(|c| std::mem::replace(&mut *c.borrow_mut(), now.clone()));
    let opened = id_of(&now).is_some_and(|id| id_of(&left) != Some(id));
    PREVIOUS.with(|p| *p.borrow_mut() = left);
    opened
}

/// A link back to the list that the reader just left, `href` (a query string, `?` for
/// none), goes Back instead when the entry before this one is that list (this page was
/// opened from it by a link): the list then comes back where it was, its card focused,
/// and history does not grow a copy of it. False, and nothing done, otherwise (a page
/// opened from elsewhere, or reached by Back or Forward): the link is followed.
pub fn back_to(href: &str) -> bool {
    let address = href.trim_start_matches('?');
    let left = PREVIOUS.with(|p| p.borrow().trim_start_matches('?') == address);
    let history = web_sys::window().and_then(|w| w.history().ok());
    match history {
        Some(h) if left && LINKED.get() => h.back().is_ok(),
        _ => false,
    }
}

/// A property of the current history entry (`navigation.currentEntry`), where the browser
/// has the Navigation API.
fn entry(property: &str) -> Option<JsValue> {
    let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &JsValue::from_str(k)).ok();
    let window: JsValue = web_sys::window()?.into();
    let entry = get(&get(&window, "navigation")?, "currentEntry")?;
    get(&entry, property)
}

/// The index of the current history entry, where the browser has the Navigation API.
fn entry_index() -> Option<f64> {
    entry("index")?.as_f64()
}

/// Where a scroll position is kept: the current history entry's key, so that one address
/// opened twice (the list, a record, the list again by its link) comes back to each place
/// Back reaches; where the browser has no Navigation API, the address.
fn place() -> String {
    entry("key")
        .and_then(|k| k.as_string())
        .unwrap_or_else(search)
}

/// The `id` parameter of a query string, as written (record ids are plain ASCII words).
fn id_of(qs: &str) -> Option<&str> {
    qs.trim_start_matches('?')
        .split('&')
        .find_map(|p| p.strip_prefix("id="))
        .filter(|id| !id.is_empty())
}

/// The record whose page was left for `now`: the `id` of `left` when `now` has another (or
/// none), so that the card linking to it is focused again.
fn opened_from(left: &str, now: &str) -> Option<String> {
    id_of(left)
        .filter(|&l| id_of(now) != Some(l))
        .map(str::to_string)
}

fn save(address: String, y: f64) {
    SAVED.with(|s| {
        let mut s = s.borrow_mut();
        match s.iter_mut().find(|(a, _)| *a == address) {
            Some(entry) => entry.1 = y,
            None => s.push((address, y)),
        }
    });
}

/// Scrolls to `y` once the page is tall enough (or after [`MAX_FRAMES`]), then focuses the
/// link of the card of `card`, if the list shows it; while `generation` is the latest.
fn restore(generation: u32, y: f64, card: Option<String>, frame: u32) {
    request_animation_frame(move || {
        let Some((win, doc)) = page().filter(|_| GENERATION.get() == generation) else {
            return;
        };
        let room = doc
            .document_element()
            .map(|e| f64::from(e.scroll_height()))
            .unwrap_or_default()
            - win
                .inner_height()
                .ok()
                .and_then(|h| h.as_f64())
                .unwrap_or_default();
        if room + 1.0 < y && frame < MAX_FRAMES {
            return restore(generation, y, card, frame + 1);
        }
        win.scroll_to_with_x_and_y(0.0, y);
        settle(generation, y, card, 0);
    });
}

/// After the scroll to `y`: focus goes to the link to the record `card` once the list has
/// rendered it (it does so after a paint: `virtual_list.rs`), else, if focus was lost (or
/// parked on `<main>`), to a record page's title or `<main>`; without moving the page
/// (`focus.rs` leaves it alone meanwhile).
fn settle(generation: u32, y: f64, card: Option<String>, frame: u32) {
    request_animation_frame(move || {
        let Some((win, doc)) = page().filter(|_| GENERATION.get() == generation) else {
            return;
        };
        let found = card.as_ref().and_then(|id| {
            let id = id.replace('"', "");
            let selector =
                format!("article.card[data-id=\"{id}\"] .card-link, main a[href$=\"id={id}\"]");
            doc.query_selector(&selector).ok().flatten()
        });
        if found.is_none() && card.is_some() && frame < SETTLE_FRAMES {
            return settle(generation, y, card, frame + 1);
        }
        // The reader may have put focus somewhere meanwhile: it stays there.
        let free =
            crate::focus::lost(&doc) || doc.active_element().is_some_and(|a| a.id() == "main");
        let target = found.or_else(|| {
            doc.query_selector("main .detail-title")
                .ok()
                .flatten()
                .or_else(|| doc.get_element_by_id("main"))
        });
        if let Some(el) = target
            .filter(|_| free)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            if el.tab_index() < 0 && !el.has_attribute("tabindex") {
                let _ = el.set_attribute("tabindex", "-1");
            }
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = el.focus_with_options(&options);
        }
        win.scroll_to_with_x_and_y(0.0, y);
        RESTORING.set(false);
        save(place(), y);
    });
}

/// Whether Back or Forward is restoring a place (focus is then put back by this module).
pub fn restoring() -> bool {
    RESTORING.get()
}
