//! Taking over from the landing view that `index.html` already shows (rendered at build time
//! by the `prerender` binary from these same components): what the reader did before the
//! app was ready is carried across. Text typed into the search field is kept and searched,
//! the focused control is focused again (with the caret where it was) and the scroll
//! position stays. The app renders the same header and cards in the same places, so nothing
//! moves when one replaces the other.

use crate::focus::{locator, refocus, Locator};
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlInputElement};

/// What the reader did on the page before the app took over.
pub struct Kept {
    /// Text in the search field, when there was a field and something in it.
    typed: Option<String>,
    /// The caret or selection in the search field.
    selection: Option<(u32, u32)>,
    /// The focused control, when it was not the page itself.
    focused: Locator,
    scroll: (f64, f64),
}

fn document() -> Option<Document> {
    web_sys::window()?.document()
}

fn search_field(doc: &Document) -> Option<HtmlInputElement> {
    doc.get_element_by_id("q")?.dyn_into().ok()
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
    let scroll = window.map_or((0.0, 0.0), |w| {
        (
            w.scroll_x().unwrap_or_default(),
            w.scroll_y().unwrap_or_default(),
        )
    });
    Kept {
        typed,
        selection,
        focused,
        scroll,
    }
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
}
