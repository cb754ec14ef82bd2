//! Keeps keyboard focus in the page when a view changes under it.
//!
//! Activating a link or button often re-renders the part of the page it sits in (a map
//! marker, a facet, the retry button, a card that opens its detail). The browser then drops
//! focus to `<body>`, and a keyboard or screen-reader user is sent back to the top. After
//! each change of the URL or of the loaded data, this puts focus back on the same control
//! when it exists again (found by its `id` or `data-*` key), else on the new view's heading,
//! else on `<main>`.

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// Attributes that name a control across re-renders, most specific first.
const KEYS: &[&str] = &[
    "id",
    "data-place",
    "data-list-place",
    "data-view",
    "data-lang",
    "data-group",
    "data-export",
    "data-embed",
    "data-map",
    "data-action",
];

/// Ancestors that name a region, for controls without a key of their own (a menu's
/// `<summary>`, a card's links).
const REGIONS: &[&str] = &["data-facet", "data-id", "data-menu"];

/// Headings to move to when the control is gone, in order of preference.
const HEADINGS: &str = "main [data-state=\"error\"] h2, main .detail-title, main .view-title";

fn quote(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A selector that finds `el` again after a re-render, and the index among its matches.
pub(crate) fn locator(el: &Element) -> Locator {
    let tag = el.tag_name().to_ascii_lowercase();
    for key in KEYS {
        if let Some(v) = el.get_attribute(key).filter(|v| !v.is_empty()) {
            return Some((format!("{tag}[{key}={}]", quote(&v)), 0));
        }
    }
    for key in REGIONS {
        let Ok(Some(region)) = el.closest(&format!("[{key}]")) else {
            continue;
        };
        let v = region.get_attribute(key).unwrap_or_default();
        let region_tag = region.tag_name().to_ascii_lowercase();
        let class = region
            .class_list()
            .item(0)
            .map(|c| format!(".{c}"))
            .unwrap_or_default();
        let scope = format!("{region_tag}{class}[{key}={}]", quote(&v));
        let all = region.query_selector_all(&tag).ok()?;
        let index = (0..all.length()).find(|&i| {
            all.item(i)
                .is_some_and(|n| n.is_same_node(Some(el.unchecked_ref())))
        })?;
        return Some((format!("{scope} {tag}"), index as usize));
    }
    None
}

fn visible(el: &HtmlElement) -> bool {
    el.offset_width() > 1 && el.offset_height() > 1
}

fn focus(el: &HtmlElement) {
    if el.tab_index() < 0 && !el.has_attribute("tabindex") {
        let _ = el.set_attribute("tabindex", "-1");
    }
    let _ = el.focus();
}

pub(crate) fn lost(doc: &Document) -> bool {
    match doc.active_element() {
        None => true,
        Some(a) => doc
            .body()
            .is_some_and(|b| a.is_same_node(Some(b.unchecked_ref()))),
    }
}

/// Focuses the visible control `locator` finds; false when there is none.
pub(crate) fn refocus(doc: &Document, locator: &Locator) -> bool {
    let Some((selector, index)) = locator else {
        return false;
    };
    let found = doc
        .query_selector_all(selector)
        .ok()
        .and_then(|all| all.item(*index as u32))
        .and_then(|n| n.dyn_into::<HtmlElement>().ok())
        .filter(visible);
    found.inspect(focus).is_some()
}

/// Puts focus back after a re-render, if it was lost. Falling back to `<main>` (nothing else
/// to go to yet) is remembered in `waiting`, for a view that arrives later.
fn rescue(doc: &Document, last: &Element, locator: Locator, waiting: &RefCell<Locator>) {
    if !lost(doc) || last.is_connected() {
        return;
    }
    if !to_control_or_heading(doc, &locator) {
        if let Some(main) = doc
            .get_element_by_id("main")
            .and_then(|m| m.dyn_into::<HtmlElement>().ok())
        {
            focus(&main);
            *waiting.borrow_mut() = locator.or_else(|| Some((String::new(), 0)));
        }
    }
}

/// Focuses the control `locator` finds, else the view's heading; false when neither is there.
fn to_control_or_heading(doc: &Document, locator: &Locator) -> bool {
    if locator.as_ref().is_some_and(|(s, _)| !s.is_empty()) && refocus(doc, locator) {
        return true;
    }
    if let Ok(list) = doc.query_selector_all(HEADINGS) {
        for i in 0..list.length() {
            if let Some(h) = list
                .item(i)
                .and_then(|n| n.dyn_into::<HtmlElement>().ok())
                .filter(visible)
            {
                focus(&h);
                return true;
            }
        }
    }
    false
}

/// A selector and the index among its matches.
pub(crate) type Locator = Option<(String, usize)>;

/// The focus keeper: remembers the focused control; [`FocusKeeper::check`] after a change.
#[derive(Clone)]
pub struct FocusKeeper {
    last: Rc<RefCell<Option<(Element, Locator)>>>,
    /// Set when focus went to `<main>` because the new view was not in the page yet (a view
    /// in a wasm chunk still loading): what to look for once it is ([`after_late_view`]).
    waiting: Rc<RefCell<Locator>>,
}

thread_local! {
    static KEEPER: RefCell<Option<FocusKeeper>> = const { RefCell::new(None) };
}

/// After a view that came late (its wasm chunk loaded after the change that asked for it) is
/// in place: if focus was parked on `<main>` meanwhile, it moves on to the control it had, or
/// the view's heading, as it would have had the view been there at once.
pub fn after_late_view() {
    let Some(keeper) = KEEPER.with(|k| k.borrow().clone()) else {
        return;
    };
    if keeper.waiting.borrow().is_none() {
        return;
    }
    let cb = Closure::once_into_js(move || {
        let Some(locator) = keeper.waiting.borrow_mut().take() else {
            return;
        };
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if doc.active_element().is_some_and(|a| a.id() == "main") {
            to_control_or_heading(&doc, &Some(locator));
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(cb.unchecked_ref());
    }
}

impl FocusKeeper {
    pub fn install() -> Option<FocusKeeper> {
        let doc = web_sys::window()?.document()?;
        let keeper = FocusKeeper {
            last: Rc::new(RefCell::new(None)),
            waiting: Rc::new(RefCell::new(None)),
        };
        KEEPER.with(|k| *k.borrow_mut() = Some(keeper.clone()));
        let last = keeper.last.clone();
        let on_focus = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
            if let Some(el) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) {
                let loc = locator(&el);
                *last.borrow_mut() = Some((el, loc));
            }
        });
        doc.add_event_listener_with_callback("focusin", on_focus.as_ref().unchecked_ref())
            .ok()?;
        on_focus.forget();
        Some(keeper)
    }

    /// After the next frame (when the new view is in place), restores focus if it was lost.
    /// On a record's page just opened (`new_page`), to its heading: the control that opened
    /// it may be on that page too (a card's source link, whose card the source's page lists
    /// among the records citing it), and focusing it there scrolled the page halfway down.
    pub fn check(&self, new_page: bool) {
        let last = self.last.clone();
        let waiting = self.waiting.clone();
        let cb = Closure::once_into_js(move || {
            let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
                return;
            };
            *waiting.borrow_mut() = None;
            // Back or Forward: `scroll_memory` puts focus back once the place is restored.
            if crate::scroll_memory::restoring() {
                return;
            }
            let remembered = last.borrow().clone();
            if let Some((el, loc)) = remembered {
                rescue(&doc, &el, loc.filter(|_| !new_page), &waiting);
            }
        });
        if let Some(w) = web_sys::window() {
            let _ = w.request_animation_frame(cb.unchecked_ref());
        }
    }
}
