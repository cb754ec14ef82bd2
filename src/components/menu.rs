//! A small disclosure menu: a `<details>` whose `<summary>` is the button and whose panel
//! lists links or buttons. It opens and closes without script (the landing view rendered at
//! build time has working menus before the app loads); once the app runs, Escape closes it
//! and puts focus back on its button, and a tap or focus outside closes it.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Whether `target` is inside `details`.
fn inside(details: &web_sys::HtmlElement, target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
        .is_some_and(|t| details.contains(Some(&t)))
}

/// Whether what lost focus is in a menu's panel (not its button).
fn from_panel(ev: &leptos::ev::FocusEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest(".menu-panel").ok().flatten())
        .is_some()
}

/// A menu of class `class`, marked `data-menu=key`; `open` follows it (and closes it).
///
/// Its handlers read and write the menu's state with `try_`, which does nothing once the
/// state is disposed: choosing a language from this menu rebuilds the page under it, and an
/// event already queued for the old elements must not panic (a panic stops the whole app).
pub fn menu(
    class: &'static str,
    key: &'static str,
    open: RwSignal<bool>,
    summary: AnyView,
    panel: AnyView,
) -> AnyView {
    let details = NodeRef::<leptos::html::Details>::new();
    // Closed by a tap or click outside it: focus then goes where the reader put it.
    let tapped_away = StoredValue::new(false);
    if crate::in_browser() {
        let outside = window_event_listener(leptos::ev::pointerdown, move |ev| {
            if open.try_get_untracked() != Some(true) {
                return;
            }
            if let Some(d) = details.try_get_untracked().flatten() {
                if !inside(&d, ev.target()) {
                    tapped_away.try_update_value(|t| *t = true);
                    open.try_set(false);
                }
            }
        });
        on_cleanup(move || outside.remove());
    }
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.try_get_untracked() == Some(true) {
            ev.prevent_default();
            open.try_set(false);
            let summary = details
                .try_get_untracked()
                .flatten()
                .and_then(|d| d.query_selector("summary").ok().flatten())
                .and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(s) = summary {
                let _ = s.focus();
            }
        }
    };
    let on_focusout = move |ev: leptos::ev::FocusEvent| {
        let Some(d) = details.try_get_untracked().flatten() else {
            return;
        };
        match ev.related_target() {
            // Focus moved to something outside the menu: the menu closes behind it.
            Some(next) if !inside(&d, Some(next.clone())) => {
                open.try_set(false);
            }
            Some(_) => {}
            // To nowhere from the panel: a download starting (the menu stays), or the menu
            // closed under a link followed (a language chosen with the keyboard), which hides
            // it: focus goes back to the menu's button rather than to the page's start. Not
            // when a tap outside closed it, nor from the button itself.
            None if !d.open() && tapped_away.try_get_value() == Some(false) && from_panel(&ev) => {
                if let Some(s) = d
                    .query_selector("summary")
                    .ok()
                    .flatten()
                    .and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = s.focus();
                }
            }
            None => {}
        }
    };
    view! {
        <details
            class=format!("menu {class}")
            data-menu=key
            node_ref=details
            prop:open=move || open.get()
            on:toggle=move |_| {
                if let Some(d) = details.try_get_untracked().flatten() {
                    if d.open() {
                        tapped_away.try_update_value(|t| *t = false);
                    }
                    if open.try_get_untracked().is_some_and(|o| o != d.open()) {
                        open.try_set(d.open());
                    }
                }
            }
            on:keydown=on_key
            on:focusout=on_focusout
        >
            <summary class="menu-button">{summary}</summary>
            <div class="menu-panel">{panel}</div>
        </details>
    }
    .into_any()
}

/// The icons the header and the count line use: inline SVG, drawn with the text colour.
pub mod icon {
    use leptos::prelude::*;

    /// A globe (the language menu).
    pub fn globe() -> impl IntoView {
        view! {
            <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <circle
                    cx="12"
                    cy="12"
                    r="9"
                    fill="none"
                    stroke="currentColor"
                    stroke-width="1.8"
                />
                <path
                    d="M3 12h18M12 3c2.6 2.8 3.8 5.8 3.8 9s-1.2 6.2-3.8 9M12 3c-2.6 2.8-3.8 5.8-3.8 9s1.2 6.2 3.8 9"
                    fill="none"
                    stroke="currentColor"
                    stroke-width="1.8"
                />
            </svg>
        }
    }

    /// Share: a box with an arrow out of it (the share/export menu).
    pub fn share() -> impl IntoView {
        view! {
            <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path
                    d="M12 3v12M7 8l5-5 5 5M5 13v6a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6"
                    fill="none"
                    stroke="currentColor"
                    stroke-width="1.9"
                    stroke-linecap="round"
                    stroke-linejoin="round"
                />
            </svg>
        }
    }

    /// A funnel (the filters button).
    pub fn filter() -> impl IntoView {
        view! {
            <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path
                    d="M4 5h16l-6 7.5V19l-4 2v-8.5z"
                    fill="none"
                    stroke="currentColor"
                    stroke-width="1.9"
                    stroke-linejoin="round"
                />
            </svg>
        }
    }
}
