//! The count line over every view: how many records the selection holds, the filters button
//! (on a phone it opens the facet sheet; it shows how many filters are on) and the share
//! menu (embed this view; on the statistics, download its figures as CSV or JSON).

use crate::api::{use_atlas, Atlas};
use crate::components::downloads::download_items;
use crate::components::embed_dialog::{self, EmbedDialog};
use crate::components::menu::{icon, menu};
use crate::i18n::{ui, Ui};
use crate::views::state::{use_selection, Selection, View};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Whether the facet sheet is open (phones; on a wide screen the facets are always shown).
#[derive(Clone, Copy)]
pub struct FiltersOpen(pub RwSignal<bool>);

/// The figures the statistics view shows, in its order (their indexes in the catalogue),
/// which the share menu offers to download. The view (a chunk of its own) sets them, so the
/// first load does without the grouping code.
#[derive(Clone, Copy)]
pub struct StatsShown(pub RwSignal<Vec<usize>>);

/// "كل السجلات (73)", "12 نتيجة", "… · no record has every word", "… · 1 with every word,
/// the rest with some", or "keep typing · …" while the word is too short.
pub fn count_line(ui: &Ui, sel: &Selection, atlas: &Atlas) -> String {
    let n = sel.visible.read().len();
    let shown = if sel.hits.read().is_none() && sel.filters.read().is_empty() {
        format!(
            "{} ({})",
            ui.results_all,
            atlas_core::format::number(n as f64)
        )
    } else {
        // Few records or none have every word: the line says how many of those shown do
        // (they come first).
        let hits = sel.hits.read();
        let partial = hits.as_ref().is_some_and(|h| h.partial());
        let complete = hits.as_ref().and_then(|h| {
            h.complete_records(atlas.index()).map(|c| {
                sel.visible
                    .read()
                    .iter()
                    .take_while(|r| c.contains(r))
                    .count()
            })
        });
        ui.words_then(&ui.results_count(n), complete, partial, n)
    };
    if sel.short.get() {
        ui.keep_typing_then(&shown)
    } else {
        shown
    }
}

/// The filters button of the count line: on a phone it opens the facet sheet
/// ([`FiltersOpen`]), and it shows how many filters are on. None when embedded (no panel)
/// or where there is no facet panel.
pub fn filters_button(active: Signal<usize>) -> Option<AnyView> {
    let ui = ui();
    let embedded = crate::embed::use_embed().on;
    let open = use_context::<FiltersOpen>()
        .map(|f| f.0)
        .filter(|_| !embedded)?;
    Some(
        view! {
            <button
                type="button"
                class="facets-toggle"
                data-action="filters"
                aria-expanded=move || open.get().to_string()
                aria-controls="facet-groups"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {icon::filter()}
                <span>{ui.filters}</span>
                {move || {
                    let n = active.get();
                    (n > 0).then(|| view! { <span class="filter-count">{n}</span> })
                }}
            </button>
        }
        .into_any(),
    )
}

#[component]
pub fn ViewBar() -> impl IntoView {
    let ui = ui();
    let sel = use_selection();
    let atlas = use_atlas();
    let active = Signal::derive(move || sel.filters.read().to_pairs().len());
    view! {
        <div class="view-bar">
            <p
                id="results-count"
                class="results-count"
                role="status"
                aria-live="polite"
                tabindex="-1"
            >
                {move || count_line(ui, &sel, &atlas)}
            </p>
            {filters_button(active)}
            <ShareMenu />
        </div>
    }
    .into_any()
}

#[component]
fn ShareMenu() -> impl IntoView {
    let atlas = use_atlas();
    let query = use_query_map();
    let embedded = crate::embed::use_embed().on;
    let stats = View::parse(query.read_untracked().get("view").as_deref()) == View::Stats;
    // Embedded, the page has nothing to embed; without statistics nothing to download.
    if embedded && !stats {
        return ().into_any();
    }
    let open = RwSignal::new(false);
    // The downloads are built when the menu opens, from the figures the statistics show.
    let shown = use_context::<StatsShown>();
    let downloads = stats.then(|| {
        let figures = move || {
            let indexes = shown?.0.get();
            Some(vec![(atlas.clone(), indexes)])
        };
        download_items(open, figures, None)
    });
    share_menu(open, embedded, downloads)
}

/// The share menu: "embed this view" (with its dialog), then `items` (a view's downloads).
/// Also used by large-catalogue mode, which has no downloads.
pub fn share_menu(open: RwSignal<bool>, embedded: bool, items: impl IntoView + 'static) -> AnyView {
    let ui = ui();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    // The dialog is made on its first opening (its code is a chunk of its own); it opens as
    // soon as it is in the page, at once from then on.
    let opening = RwSignal::new(false);
    let wanted = RwSignal::new(false);
    Effect::new(move || {
        if opening.get() {
            // Set once: setting it again would make the dialog anew (and close the open one).
            if !wanted.get_untracked() {
                wanted.set(true);
            }
            if dialog.get().is_some() {
                opening.set(false);
                embed_dialog::open(dialog);
            }
        }
    });
    let embed = (!embedded).then(|| {
        view! {
            <li>
                <button
                    type="button"
                    data-embed="open"
                    on:click=move |_| {
                        open.set(false);
                        opening.set(true);
                    }
                >
                    {ui.embed_button}
                </button>
            </li>
        }
    });
    let summary = view! {
        {icon::share()}
        <span class="menu-label">{ui.share}</span>
    }
    .into_any();
    view! {
        {menu("share-menu", "share", open, summary, view! { <ul>{embed}{items}</ul> }.into_any())}
        {move || wanted.get().then(|| crate::lazily(move || embed_dialog_view(dialog)))}
    }
    .into_any()
}

crate::lazy_fn! {
    fn embed_dialog_view(dialog: NodeRef<leptos::html::Dialog>) -> AnyView {
        view! { <EmbedDialog dialog/> }.into_any()
    }
}
