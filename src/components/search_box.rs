//! The search field: always visible, updates the URL (and so the results) on each keystroke.

use crate::i18n::ui;
use crate::views::url::{use_param, use_set_params};
use leptos::prelude::*;

#[component]
pub fn SearchBox() -> impl IntoView {
    let ui = ui();
    let q = use_param("q");
    let set_params = use_set_params();
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let value = (!value.is_empty()).then_some(value.as_str());
        // Typing replaces the history entry; leaving a detail view for results.
        set_params(&[("q", value), ("id", None)], true);
    };
    view! {
        <form role="search" class="search" on:submit=|ev| ev.prevent_default()>
            <label for="q" class="search-label">{ui.search_label}</label>
            <input
                id="q"
                type="search"
                name="q"
                autocomplete="off"
                spellcheck="false"
                enterkeyhint="search"
                placeholder=ui.search_placeholder
                aria-describedby="q-hint"
                prop:value=move || q.get().unwrap_or_default()
                on:input=on_input
            />
            <p id="q-hint" class="search-hint">{ui.search_hint}</p>
        </form>
    }
}
