//! The search field: always visible. Its label is also its placeholder; its hint (examples,
//! and what the search forgives) shows under it while the field has focus and is empty,
//! over the page, moving nothing, and is its description for screen readers.
//! Results follow every keystroke at once (through the typed-text signal); the URL (`?q=`)
//! is written when typing pauses or the field is left.

use crate::i18n::ui;
use crate::views::state::use_query_input;
use crate::views::url::{use_param, use_set_params};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Whether the page lists any record now.
fn has_results() -> bool {
    document()
        .query_selector("main article.card")
        .ok()
        .flatten()
        .is_some()
}

#[component]
pub fn SearchBox() -> impl IntoView {
    let ui = ui();
    let input = use_query_input();
    let id = use_param("id");
    let set_params = use_set_params();
    // A search the reader settled (Enter, or leaving the field) keeps its history entry: the
    // next one typed gets its own, so Back returns to it. Typing a search replaces its entry
    // as it grows, except the first write away from a page without a query or from a
    // record's page, which stay in the history too.
    let settled = StoredValue::new(false);
    let query = leptos_router::hooks::use_query_map();
    let write_url = move |now: bool| {
        let set_params = set_params.clone();
        input.sync_url(
            move |q| {
                let value = (!q.is_empty()).then_some(q);
                let here = query.read_untracked();
                let keep = settled.get_value()
                    || here.get_str("id").is_some()
                    || here.get_str("q").is_none_or(|q| q.trim().is_empty());
                drop(here);
                settled.set_value(false);
                set_params(&[("q", value), ("id", None)], !(keep && value.is_some()));
            },
            now,
        );
    };
    let on_input = {
        let write_url = write_url.clone();
        move |ev: leptos::ev::Event| {
            input.text.set(event_target_value(&ev));
            // On a record's page, typing goes back to the results straight away.
            write_url(id.get_untracked().is_some());
            // The results start at the top: read from lower down, the new list left the reader
            // in its middle, its count and first results out of sight.
            if let Some(w) = web_sys::window() {
                if w.scroll_y().unwrap_or(0.0) > 0.0 {
                    w.scroll_to_with_x_and_y(0.0, 0.0);
                }
            }
        }
    };
    let on_change = {
        let write_url = write_url.clone();
        move |_| {
            if input.is_pending() {
                write_url(true)
            }
            settled.set_value(true);
        }
    };
    // Escape puts the hint away until the field is focused again (WCAG 1.4.13: what focus
    // shows, the reader can dismiss).
    let hint_off = RwSignal::new(false);
    view! {
        <form
            role="search"
            class="search"
            class:hint-off=move || hint_off.get()
            on:submit=move |ev| {
                ev.prevent_default();
                if input.is_pending() {
                    write_url(true)
                }
                settled.set_value(true);
                if has_results() {
                    if let Some(count) = document()
                        .get_element_by_id("results-count")
                        .and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        let _ = count.focus();
                    }
                }
            }
        >
            <label for="q" class="search-label visually-hidden">
                {ui.search_label}
            </label>
            <input
                id="q"
                type="search"
                name="q"
                autocomplete="off"
                spellcheck="false"
                enterkeyhint="search"
                placeholder=ui.search_label
                aria-describedby="q-hint"
                prop:value=move || input.text.get()
                on:input=on_input
                on:change=on_change
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        hint_off.set(true);
                    }
                }
                on:focus=move |_| hint_off.set(false)
            />
            <p id="q-hint" class="search-hint">
                <span class="search-examples">{ui.search_placeholder}</span>
                " "
                {ui.search_hint}
            </p>
        </form>
    }
}
