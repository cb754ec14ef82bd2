//! "Show more": a list drawn a page at a time (a large catalogue's years and groups, the
//! map's list of places) grows by one page per click.

use crate::i18n::ui;
use leptos::prelude::*;

/// The button that adds `page` to `limit`, when `total` passes it (`action` names it for
/// tests and styles: `data-action`).
pub fn more_button(
    total: usize,
    limit: RwSignal<usize>,
    page: usize,
    action: &'static str,
) -> Option<impl IntoView> {
    (total > limit.get()).then(|| {
        view! {
            <button
                type="button"
                class="button secondary more-button"
                data-action=action
                on:click=move |_| limit.update(|l| *l += page)
            >
                {ui().large_more}
            </button>
        }
    })
}
