//! Embedding in partner portals: `?embed=1` (no site chrome, compact), validated theme
//! parameters, and the height messages a partner page uses to size its iframe.
//!
//! Messages the app sends to its parent (only when framed):
//! `{ "type": "atlas:height", "height": <CSS pixels of the document> }`, on every size change.
//! The app accepts no messages from the parent.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The embed options read from the URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Embed {
    pub on: bool,
}

/// Whether the page runs inside a frame.
pub fn framed() -> bool {
    crate::in_browser()
        .then(web_sys::window)
        .flatten()
        .and_then(|w| {
            let top = w.top().ok().flatten()?;
            Some(!js_sys::Object::is(&top, &w))
        })
        .unwrap_or(false)
}

/// Reads `embed`, `theme` and `accent` from the URL, applies theme and accent to the
/// document, and (when framed) reports the content height to the parent.
pub fn provide_embed() -> Memo<Embed> {
    let query = use_query_map();
    let embed = Memo::new(move |_| Embed {
        on: matches!(query.read().get("embed").as_deref(), Some("1" | "true")),
    });
    Effect::new(move |_| {
        let q = query.read();
        let Some(html) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        else {
            return;
        };
        match atlas_core::params::theme(q.get("theme").as_deref()) {
            Some(t) => {
                let _ = html.set_attribute("data-theme", t);
            }
            None => {
                let _ = html.remove_attribute("data-theme");
            }
        }
        if embed.get().on {
            let _ = html.set_attribute("data-embed", "1");
        } else {
            let _ = html.remove_attribute("data-embed");
        }
        if let Some(el) = html.dyn_ref::<web_sys::HtmlElement>() {
            let style = el.style();
            // Through the CSSOM, with values that are validated #rrggbb, one per theme, each
            // readable on that theme's grounds (style/main.css picks the theme's).
            let accent = atlas_core::params::accent(q.get("accent").as_deref());
            for (name, grounds) in [
                ("--partner-light", &atlas_core::params::LIGHT_GROUNDS),
                ("--partner-dark", &atlas_core::params::DARK_GROUNDS),
            ] {
                let _ = match &accent {
                    Some(c) => {
                        style.set_property(name, &atlas_core::params::readable_accent(c, grounds))
                    }
                    None => style.remove_property(name).map(drop),
                };
            }
        }
    });
    if framed() {
        report_height();
    }
    provide_context(embed);
    embed
}

/// Posts `{type: "atlas:height", height}` to the parent whenever the document's height
/// changes (a ResizeObserver on the root element).
fn report_height() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(root) = window.document().and_then(|d| d.document_element()) else {
        return;
    };
    let post = {
        let root = root.clone();
        move || {
            let Some(w) = web_sys::window() else { return };
            let Ok(Some(parent)) = w.parent() else { return };
            let msg = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&msg, &"type".into(), &"atlas:height".into());
            // The content's height, which may be less than the frame's: the scroll height
            // is never less than the frame, so a frame that had grown never shrank back
            // (a partner page kept hundreds of empty pixels under a filtered view).
            let height = root.get_bounding_client_rect().height().ceil() as i32;
            let _ = js_sys::Reflect::set(&msg, &"height".into(), &JsValue::from(height));
            // The height is not a secret: any embedding page may read it.
            let _ = parent.post_message(&msg, "*");
        }
    };
    let callback = Closure::<dyn FnMut(JsValue)>::new(move |_| post());
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&root);
        // Lives as long as the page.
        std::mem::forget(observer);
    }
    callback.forget();
}

pub fn use_embed() -> Embed {
    use_context::<Memo<Embed>>()
        .map(|m| m.get())
        .unwrap_or(Embed { on: false })
}
