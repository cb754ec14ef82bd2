//! Taking over from the landing view that `index.html` already shows (rendered at build time
//! by the `prerender` binary from these same components): what the reader did before the
//! app was ready is carried across. Text typed into the search field is kept and searched,
//! the focused control is focused again (with the caret where it was), the scroll position
//! stays, a menu left open stays open, and a tap on a button that needs the app (the filters
//! on a phone, "embed this view": `index.html` remembers it) is done. The app renders the
//! same header and cards in the same places, so nothing moves when one replaces the other.
//!
//! The app is built out of the page, a part per task ([`staged`]: the header's name and
//! search field, its language menu and view switcher, the explorer's state, the count line,
//! the cards two at a time, then the facet panel, the footer and the service worker's
//! registration), so that start-up's tasks stay short
//! (Lighthouse counts the time over 50 ms of every task at 4× slowdown as blocking; built in
//! one task the landing view took 110–170 ms there). The landing view stays in place, usable,
//! meanwhile; then one task swaps them. Each part costs a task hop; what the parts cost and
//! buy on a throttled phone is measured in bench/RESULTS.md ("Start-up on a throttled phone,
//! traced" and "… the takeover in more parts").

use crate::focus::{locator, refocus, Locator};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlInputElement};

/// The parts of the app built behind the landing view, in this order, each in a task of its
/// own (what is not in a part is built in the first task, with the app's state).
pub mod part {
    /// The site header: the name and the search field.
    pub const HEADER: u8 = 1;
    /// The header's language menu and view switcher (with the rest of the header they took
    /// 50–67 ms at Lighthouse's 4× slowdown, one long task).
    pub const HEADER_TOOLS: u8 = 2;
    /// The explorer's own state (the selection's memos, the facet source) and its frame:
    /// out of the mount's task, which was a long one with it.
    pub const MAIN: u8 = 3;
    /// The count line (view switcher, filters button) and the filter chips.
    pub const BAR: u8 = 4;
    /// The first cards; the others come [`CARDS_PER_PART`] per part (a card is 10–15 ms at
    /// Lighthouse's 4× slowdown: three took 55 ms), the last part with all that are left.
    pub const CARDS: u8 = 5;
    const CARD_PARTS: u8 = 3;
    pub const CARDS_PER_PART: usize = 2;
    /// The facet panel's frame (its groups come a task each after the page is shown) and the
    /// footer.
    pub const REST: u8 = CARDS + CARD_PARTS;
    pub(super) const LAST: u8 = REST;

    /// The part of the card at `position` (from 0) in the first list.
    pub fn card(position: usize) -> u8 {
        CARDS + (position / CARDS_PER_PART).min(usize::from(CARD_PARTS - 1)) as u8
    }
}

/// The app being built behind the landing view ([`take_over`]), in context until then.
#[derive(Clone, Copy)]
struct Staging {
    /// The last part built.
    built: RwSignal<u8>,
    /// Whether the app is in the page yet.
    shown: RwSignal<bool>,
}

/// `view`, built once the part `part` of the app is due ([`part`]): at once, unless the app
/// is being built behind the landing view, then in that part's task. (The view is boxed, so
/// every caller shares one instance of this code: 2.7 KB of gzipped wasm otherwise.)
pub fn staged(part: u8, view: impl Fn() -> AnyView + Send + Sync + 'static) -> AnyView {
    staged_boxed(part, Box::new(view))
}

fn staged_boxed(part: u8, view: Box<dyn Fn() -> AnyView + Send + Sync>) -> AnyView {
    match use_context::<Staging>() {
        Some(staging) if staging.built.get_untracked() < part => {
            let due = Memo::new(move |_| staging.built.get() >= part);
            (move || due.get().then(&view)).into_any()
        }
        _ => view(),
    }
}

/// While the app is built behind the landing view: a signal that turns true when it is put
/// in the page (what needs the layout, such as the card list's window, is measured then).
pub fn shown_later() -> Option<RwSignal<bool>> {
    use_context::<Staging>()
        .filter(|s| !s.shown.get_untracked())
        .map(|s| s.shown)
}

/// Runs `f` now, or, while the app is built behind the landing view, once it is in the page
/// (work for after the first frame, such as the search index, waits for the page's first
/// frame, not the build's).
pub fn when_shown(f: impl FnOnce() + 'static) {
    when_shown_boxed(Box::new(f))
}

fn when_shown_boxed(f: Box<dyn FnOnce()>) {
    match shown_later() {
        None => f(),
        Some(shown) => {
            let mut f = Some(f);
            Effect::new(move |_| {
                if shown.get() {
                    if let Some(f) = f.take() {
                        f()
                    }
                }
            });
        }
    }
}

/// Builds the app out of the page, a part per task, then puts it in place of the landing
/// view in one task, carrying over what the reader did meanwhile ([`capture`], [`restore`]).
/// The data must be loaded already ([`crate::api::preload`]).
pub async fn take_over() {
    let page = document().and_then(|doc| Some((doc.body()?, doc.create_element("div").ok()?)));
    let Some((body, root)) = page else {
        // No page to build beside (not seen in a browser): mounted at once, as elsewhere.
        remove_boot_page();
        leptos::mount::mount_to_body(crate::App);
        return;
    };
    // Laid out as if the app were the body's own children (style/main.css).
    root.set_id("app");
    let staging = Staging {
        built: RwSignal::new(0),
        shown: RwSignal::new(false),
    };
    leptos::mount::mount_to(root.clone().unchecked_into(), move || {
        provide_context(staging);
        view! { <crate::App /> }
    })
    .forget();
    for built in 1..=part::LAST {
        crate::api::next_task().await;
        // A User Timing mark at the start of each part's task (bench/startup.mjs).
        crate::mark(&format!("atlas:part-{built}"));
        staging.built.set(built);
    }
    crate::api::next_task().await;
    // A view whose code is a chunk of its own (large-catalogue mode's, on the landing address)
    // and is still on its way would go into the page as a placeholder a few lines high: the
    // page would lose the height the reader had scrolled down (seen: back at the top, 1,430
    // px up). The landing view, usable, stays until the view is there (or has failed, which
    // it then says), for at most `LATE_VIEW_WAIT_MS`, and while the address is the landing
    // view's ([`on_landing_address`]).
    // (Timed by the clock: in a background tab the browser runs timers once a second.)
    let since = js_sys::Date::now();
    while js_sys::Date::now() - since < LATE_VIEW_WAIT_MS
        && on_landing_address()
        && waiting_for_late_view(&root)
    {
        pause(LATE_VIEW_POLL_MS).await;
    }
    let kept = capture();
    remove_boot_page();
    let _ = body.append_child(&root);
    staging.shown.set(true);
    restore(kept);
}

/// How long the takeover waits for a view still on its way in a chunk ([`take_over`]), and how
/// often it looks (the chunk's fetch starts with the data's, so it is mostly there already).
const LATE_VIEW_WAIT_MS: f64 = 10_000.0;
const LATE_VIEW_POLL_MS: i32 = 20;

/// Whether the address is still the one the landing view shows (no query). The router takes
/// the clicks on the landing view's links as soon as it is mounted, out of the page: a reader
/// who followed one meanwhile asked for another view, and is shown it (or its placeholder)
/// at once, not the landing view until that view's chunk is here.
fn on_landing_address() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_none_or(|search| search.len() <= 1)
}

/// Whether the app being built shows the placeholder of a view still on its way
/// ([`crate::components::status::LateView`]).
fn waiting_for_late_view(root: &web_sys::Element) -> bool {
    root.query_selector("main [data-state=\"late-view\"]")
        .ok()
        .flatten()
        .is_some()
}

/// Resolves after `ms` milliseconds (a timer: the page stays idle meanwhile).
async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let set = web_sys::window().is_some_and(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
                .is_ok()
        });
        if !set {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// What the reader did on the page before the app took over.
pub struct Kept {
    /// Text in the search field, when there was a field and something in it.
    typed: Option<String>,
    /// The caret or selection in the search field.
    selection: Option<(u32, u32)>,
    /// The focused control, when it was not the page itself.
    focused: Locator,
    /// Where the page was scrolled to; not kept when the reader followed a link to another
    /// view meanwhile ([`on_landing_address`]), which starts at the top.
    scroll: (f64, f64),
    /// The menus (`details[data-menu]`, which open without script) left open.
    menus: Vec<String>,
    /// The app's button for the one the reader tapped before the app ran, as a selector.
    tapped: Option<String>,
}

/// Enables the style sheet of the views a first visit does not show (style/views.css: the
/// record page, timeline, statistics, map, embed dialog, large-catalogue mode). index.html
/// links it `disabled`, which the browser does not fetch, so its bytes come after the app's
/// first answer: once the app is in the page, or as soon as one of those views is built.
///
/// A sheet that could not be fetched (a dropped connection) is asked for again the next
/// time a view needs it: a fresh copy of the link replaces the failed one, since a browser
/// does not fetch a link again. Meanwhile main.css shows the views unstyled after 3 s.
pub fn view_styles() {
    let Some(link) = crate::in_browser()
        .then(document)
        .flatten()
        .and_then(|d| d.get_element_by_id("views-css"))
    else {
        return;
    };
    if link.has_attribute("disabled") {
        mark_failure(&link);
        let _ = link.remove_attribute("disabled");
    } else if link.has_attribute("data-failed") {
        if let Ok(fresh) = link.clone_node() {
            let fresh: web_sys::Element = fresh.unchecked_into();
            let _ = fresh.remove_attribute("data-failed");
            mark_failure(&fresh);
            let _ = link.replace_with_with_node_1(&fresh);
        }
    }
}

/// Marks `link` `data-failed` if its sheet cannot be fetched ([`view_styles`]).
fn mark_failure(link: &web_sys::Element) {
    let target = link.clone();
    let on_error = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = target.set_attribute("data-failed", "");
    });
    let _ = link.add_event_listener_with_callback("error", on_error.unchecked_ref());
}

fn document() -> Option<Document> {
    web_sys::window()?.document()
}

fn search_field(doc: &Document) -> Option<HtmlInputElement> {
    doc.get_element_by_id("q")?.dyn_into().ok()
}

/// Removes the boot page (the landing view or the boot shell, `#boot`); the app goes into
/// the page in the same task, so no frame shows neither.
pub fn remove_boot_page() {
    if let Some(boot) = document().and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
}

/// Reads what the reader did on the boot page (call it just before removing that page).
pub fn capture() -> Kept {
    let doc = document();
    let field = doc.as_ref().and_then(search_field);
    let typed = field.as_ref().map(|f| f.value()).filter(|v| !v.is_empty());
    let selection = field.as_ref().and_then(|f| {
        Some((
            f.selection_start().ok().flatten()?,
            f.selection_end().ok().flatten()?,
        ))
    });
    let focused = doc
        .as_ref()
        .and_then(|d| Some((d.active_element()?, d.body()?)))
        .filter(|(active, body)| !active.is_same_node(Some(body.unchecked_ref())))
        .and_then(|(active, _)| locator(&active));
    let window = web_sys::window();
    let scroll = window
        .filter(|_| on_landing_address())
        .map_or((0.0, 0.0), |w| {
            (
                w.scroll_x().unwrap_or_default(),
                w.scroll_y().unwrap_or_default(),
            )
        });
    let menus = doc
        .as_ref()
        .and_then(|d| d.query_selector_all("#boot details[data-menu][open]").ok())
        .map(|open| {
            (0..open.length())
                .filter_map(|i| open.item(i)?.dyn_into::<web_sys::Element>().ok())
                .filter_map(|d| d.get_attribute("data-menu"))
                .filter(|m| simple(m))
                .collect()
        })
        .unwrap_or_default();
    let tapped = doc
        .as_ref()
        .and_then(|d| d.document_element())
        .and_then(|root| {
            let tapped = root.get_attribute("data-tapped");
            let _ = root.remove_attribute("data-tapped");
            tapped
        })
        .as_deref()
        .and_then(tapped_button);
    Kept {
        typed,
        selection,
        focused,
        scroll,
        menus,
        tapped,
    }
}

/// A value that goes into a selector as it is: lower-case letters and hyphens.
fn simple(value: &str) -> bool {
    !value.is_empty() && value.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
}

/// The selector of the app's button for `tapped`, as `index.html` writes it: `action=filters`
/// (the button's `data-action`) or `embed=open` (its `data-embed`).
fn tapped_button(tapped: &str) -> Option<String> {
    let (key, value) = tapped.split_once('=')?;
    (matches!(key, "action" | "embed") && simple(value))
        .then(|| format!("button[data-{key}=\"{value}\"]"))
}

/// How long after the swap the focus is watched ([`keep_focus`]), in milliseconds.
const FOCUS_WATCH_MS: f64 = 600.0;

/// For a moment after the swap, puts the focus back on the control `locator` finds whenever
/// it has dropped to the page: the card list settles over the next frames (measured once it
/// is in the page, its rows then redrawn around the scroll position), and a card it redraws
/// takes the focus with it. Stops early once the reader has moved the focus elsewhere.
fn keep_focus(locator: Locator, until: f64) {
    crate::after_paint::after_paint(move || {
        let Some(doc) = document() else { return };
        if crate::focus::lost(&doc) {
            refocus(&doc, &locator);
        } else if doc
            .active_element()
            .and_then(|a| crate::focus::locator(&a))
            .is_none_or(|l| Some(l) != locator)
        {
            return;
        }
        if js_sys::Date::now() < until {
            keep_focus(locator, until);
        }
    });
}

/// Carries `kept` over to the app just mounted.
pub fn restore(kept: Kept) {
    let Some(doc) = document() else { return };
    let field = search_field(&doc);
    if let (Some(typed), Some(field)) = (&kept.typed, &field) {
        if field.value() != *typed {
            field.set_value(typed);
            // The field's own input handler searches it and writes `?q=`, as for a keystroke.
            if let Ok(ev) = web_sys::Event::new_with_event_init_dict("input", &{
                let init = web_sys::EventInit::new();
                init.set_bubbles(true);
                init
            }) {
                let _ = field.dispatch_event(&ev);
            }
        }
    }
    if (kept.scroll.0, kept.scroll.1) != (0.0, 0.0) {
        if let Some(w) = web_sys::window() {
            w.scroll_to_with_x_and_y(kept.scroll.0, kept.scroll.1);
        }
    }
    if refocus(&doc, &kept.focused) {
        if let (Some((start, end)), Some(field)) = (kept.selection, &field) {
            if doc
                .active_element()
                .is_some_and(|a| a.is_same_node(Some(field.unchecked_ref())))
            {
                let _ = field.set_selection_range(start, end);
            }
        }
    }
    if kept.focused.is_some() {
        keep_focus(kept.focused.clone(), js_sys::Date::now() + FOCUS_WATCH_MS);
    }
    // The app's menu follows its element's `toggle` event (src/components/menu.rs).
    for menu in &kept.menus {
        if let Ok(Some(d)) = doc.query_selector(&format!("details[data-menu=\"{menu}\"]")) {
            let _ = d.set_attribute("open", "");
        }
    }
    // Last: the tap may open a dialog, which takes the focus.
    if let Some(button) = kept
        .tapped
        .and_then(|sel| doc.query_selector(&sel).ok().flatten())
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
    {
        button.click();
    }
}

#[cfg(test)]
mod tests {
    use super::tapped_button;

    #[test]
    fn a_tap_names_the_apps_same_button_and_nothing_else() {
        assert_eq!(
            tapped_button("action=filters").as_deref(),
            Some("button[data-action=\"filters\"]")
        );
        assert_eq!(
            tapped_button("embed=open").as_deref(),
            Some("button[data-embed=\"open\"]")
        );
        for bad in [
            "",
            "action",
            "action=",
            "id=q",
            "action=a\"],a[href",
            "action=Filters",
            "embed=open x",
        ] {
            assert_eq!(tapped_button(bad), None, "{bad}");
        }
    }
}
