//! The search field: always visible. Its label is also its placeholder; its hint (examples,
//! and what the search forgives) shows under it while the field has focus and is empty,
//! over the page, moving nothing, and is its description for screen readers.
//! Results follow every keystroke at once (through the typed-text signal); the URL (`?q=`)
//! is written when typing pauses or the field is left.

use crate::i18n::ui;
use crate::views::state::use_query_input;
use crate::views::url::{use_param, use_set_params};
use leptos::prelude::*;

#[component]
pub fn SearchBox() -> impl IntoView {
    let ui = ui();
    let input = use_query_input();
    let id = use_param("id");
    let set_params = use_set_params();
    let write_url = move |now: bool| {
        let set_params = set_params.clone();
        input.sync_url(
            move |q| {
                let value = (!q.is_empty()).then_some(q);
                // Typing replaces the history entry; leaving a detail view for results.
                set_params(&[("q", value), ("id", None)], true);
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
        }
    };
    let on_change = {
        let write_url = write_url.clone();
        move |_| {
            if input.is_pending() {
                write_url(true)
            }
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
