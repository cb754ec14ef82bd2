//! The cards view: every record passing the filters, ranked by the query when there is one.
//!
//! Long lists are virtualised: the cards sit in equal-height rows and only the rows on
//! screen (plus a few on each side) are in the DOM; padding stands in for the rest, so the
//! page scrolls as if every card were there. Cards are keyed by record, so scrolling and a
//! new query reuse the cards already built; what a card shows of the query (its marks, its
//! links) follows it reactively.

use crate::api::use_atlas;
use crate::components::card::Card;
use crate::components::status::NoResults;
use crate::components::virtual_list::{use_virtual_window, VirtualWindow};
use crate::i18n::ui;
use crate::takeover::{part, staged};
use crate::views::state::use_selection;
use crate::views::url::{record_href_in, use_param};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn Results() -> impl IntoView {
    let ui = ui();
    let sel = use_selection();
    let q = use_param("q");
    let query = use_query_map();
    let list = NodeRef::<leptos::html::Ul>::new();
    let len = Memo::new(move |_| sel.visible.read().len());
    let VirtualWindow {
        shown: win,
        virtual_list,
        ..
    } = use_virtual_window(len, list, move || sel.visible.track());

    // The window's records with their positions; cards are keyed by record, so a card that
    // stays on screen is kept (its highlights and position update in place).
    let window_items = Memo::new(move |_| {
        let w = win.get();
        sel.visible
            .read()
            .get(w.start..w.end)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(i, r)| (w.start + i, *r))
            .collect::<Vec<_>>()
    });
    let card = move |(position, record): (usize, atlas_core::RecordRef)| {
        let atlas = use_atlas();
        // The highlights of this card only: found in its text when it is shown.
        // The highlights of the card's language, and of Arabic, which it falls back to.
        let hit = {
            let atlas = atlas.clone();
            let langs = [ui.lang, "ar"];
            Memo::new(move |_| {
                sel.hits.with(|h| {
                    h.as_ref()?
                        .hit_in(atlas.index(), &atlas.catalog, record, Some(&langs))
                })
            })
        };
        let id = atlas.catalog.get(record).id().to_string();
        // The link follows the URL (filters, and `q` once typing pauses) without a rebuild.
        let href = Signal::derive(move || record_href_in(&query.read(), &id));
        let pos = move || {
            window_items.with(|items| items.iter().find(|(_, r)| *r == record).map(|(p, _)| p + 1))
        };
        view! {
            <li aria-posinset=pos aria-setsize=move || len.get()>
                {staged(
                    part::card(position),
                    move || view! { <Card record hit href /> }.into_any(),
                )}
            </li>
        }
    };
    view! {
        <section class="results" aria-labelledby="results-title">
            <h2 id="results-title" class="visually-hidden">
                {ui.view_cards}
            </h2>
            <Show
                when=move || { len.get() > 0 }
                fallback=move || view! { <NoResults query=q.get().unwrap_or_default() /> }
            >
                <ul
                    class="cards"
                    class:virtual=virtual_list
                    role="list"
                    node_ref=list
                    data-total=len
                >
                    <For each=move || window_items.get() key=|(_, record)| *record children=card />
                </ul>
            </Show>
        </section>
    }
}
