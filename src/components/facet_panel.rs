//! The facet panel: each facet's values with live counts (disjunctive: a selected value
//! still shows its siblings), a year range. Beside the view on a wide screen; on a phone a
//! sheet from the bottom, opened by the filters button on the count line
//! (`components/view_bar.rs`), closed by its button, Escape, a tap outside or focus leaving.
//!
//! It reads a [`FacetSource`] from context: the whole catalogue's selection
//! (`views/explorer.rs`) or a split catalogue's facet table (`views/large_facets.rs`), so
//! both modes show one panel.

use crate::after_paint::after_paint;
use crate::components::status::LateViewFailed;
use crate::components::view_bar::FiltersOpen;
use crate::i18n::{ui, Ui};
use crate::views::url::{href_with_values, use_go};
use atlas_core::facets::{Facet, FacetCounts, Filters, YearRange};
use atlas_core::Catalog;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Names a facet value (a place's, an organisation's…) in the interface language.
pub type Labeller = Arc<dyn Fn(Facet, &str, &Ui) -> String + Send + Sync>;

/// What the facet panel and the filter chips show: the filters of the URL, the counts over
/// the current selection, and each value's name.
#[derive(Clone)]
pub struct FacetSource {
    pub filters: Signal<Filters>,
    pub counts: Signal<Arc<Vec<FacetCounts>>>,
    pub label: Labeller,
}

pub fn use_facet_source() -> FacetSource {
    expect_context::<FacetSource>()
}

/// The names the interface itself gives: kinds, statuses and years (`None` for the values
/// named by the data).
pub fn interface_label(facet: Facet, value: &str, ui: &Ui) -> Option<String> {
    match facet {
        Facet::Kind => atlas_core::Kind::parse(value).map(|k| ui.kind(k).to_string()),
        Facet::Status => [
            atlas_core::EventStatus::Held,
            atlas_core::EventStatus::Planned,
            atlas_core::EventStatus::Cancelled,
        ]
        .into_iter()
        .find(|s| s.as_str() == value)
        .map(|s| ui.status(s).to_string()),
        Facet::Year => Some(value.to_string()),
        _ => None,
    }
}

/// The display name of a facet value (the interface's for kinds, statuses and years, the
/// catalogue's for the rest: `atlas_core::facets::data_label`).
pub fn facet_label(catalog: &Catalog, facet: Facet, value: &str, ui: &Ui) -> String {
    interface_label(facet, value, ui)
        .or_else(|| atlas_core::facets::data_label(catalog, facet, value, ui.lang))
        .unwrap_or_else(|| value.to_string())
}

/// The whole catalogue's facets: the selection's filters and counts, names from the catalogue.
pub fn catalog_source(
    atlas: Arc<crate::api::Atlas>,
    filters: Memo<Filters>,
    counts: Memo<Arc<Vec<FacetCounts>>>,
) -> FacetSource {
    FacetSource {
        filters: filters.into(),
        counts: counts.into(),
        label: Arc::new(move |facet, value, ui| facet_label(&atlas.catalog, facet, value, ui)),
    }
}

const SHOWN: usize = 8;

/// `facet`'s values with their counts, read in place (a facet of a large catalogue has
/// thousands).
fn values_of(all: &[FacetCounts], facet: Facet) -> &[(String, usize)] {
    all.iter()
        .find(|c| c.facet == facet)
        .map_or(&[], |c| &c.values)
}

/// One facet's values. Built once per facet and kept across keystrokes: the values shown
/// are keyed, so typing only changes the counts (and adds or drops a few values), never
/// re-creates and re-shapes every label.
#[component]
fn FacetGroup(facet: Facet, rows: Signal<bool>) -> impl IntoView {
    let ui = ui();
    let FacetSource {
        filters,
        counts: all_counts,
        label,
    } = use_facet_source();
    let query = use_query_map();
    let go = use_go();
    let (expanded, set_expanded) = signal(false);
    let selected = Memo::new(move |_| filters.with(|f| f.values(facet)));
    let total = Memo::new(move |_| all_counts.with(|all| values_of(all, facet).len()));
    // Only the values shown are built, with their counts: the first few (by count) and any
    // selected one, or all of them once expanded. A facet over thousands of organisations
    // stays cheap: a click copies a dozen values, not the thousands of the facet.
    let entries = Memo::new(move |_| {
        let all = expanded.get();
        selected.with(|selected| {
            all_counts.with(|counts| {
                values_of(counts, facet)
                    .iter()
                    .enumerate()
                    .filter(|(i, (value, _))| all || *i < SHOWN || selected.contains(value))
                    .map(|(_, v)| v.clone())
                    .collect::<Vec<(String, usize)>>()
            })
        })
    });
    let shown = Memo::new(move |_| {
        entries.with(|e| e.iter().map(|(v, _)| v.clone()).collect::<Vec<String>>())
    });
    // Each shown value reads its count here, not by scanning the list (an expanded facet
    // lists thousands).
    let by_value = Memo::new(move |_| {
        entries.with(|e| {
            e.iter()
                .cloned()
                .collect::<rustc_hash::FxHashMap<String, usize>>()
        })
    });
    let item = move |value: String| {
        let label = label(facet, &value, ui);
        let n = {
            let value = value.clone();
            Memo::new(move |_| by_value.with(|m| m.get(&value).copied().unwrap_or(0)))
        };
        let is_on = {
            let value = value.clone();
            Memo::new(move |_| selected.with(|s| s.contains(&value)))
        };
        let go = go.clone();
        let toggle = move |_| {
            let mut next = selected.get_untracked();
            if is_on.get_untracked() {
                next.retain(|v| v != &value);
            } else {
                next.push(value.clone());
            }
            go(
                &href_with_values(&query.get_untracked(), facet.param(), &next),
                false,
            );
        };
        view! {
            <li>
                <label class="facet-value" class:zero=move || n.get() == 0>
                    <input type="checkbox" prop:checked=move || is_on.get() on:change=toggle />
                    <span class="facet-name">{label}</span>
                    <span class="facet-count">
                        {move || atlas_core::format::number(n.get() as f64)}
                    </span>
                </label>
            </li>
        }
    };
    // Opened, focus goes to the first value it shows (the button is now below them);
    // closed, it stays on the button.
    let toggle_more = move |ev: leptos::ev::MouseEvent| {
        set_expanded.update(|e| *e = !*e);
        let group = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|b| b.closest("fieldset").ok().flatten());
        if let Some(group) = group.filter(|_| expanded.get_untracked()) {
            request_animation_frame(move || {
                let selector = format!("li:nth-child({}) input", SHOWN + 1);
                if let Some(input) = group
                    .query_selector(&selector)
                    .ok()
                    .flatten()
                    .and_then(|i| i.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = input.focus();
                }
            });
        }
    };
    view! {
        <fieldset class="facet" data-facet=facet.param() class:hidden=move || total.get() == 0>
            <legend>{ui.facet(facet)}</legend>
            <ul>
                <For
                    each=move || if rows.get() { shown.get() } else { Vec::new() }
                    key=|v| v.clone()
                    children=item
                />
            </ul>
            <Show when=move || { total.get() > SHOWN }>
                <button
                    type="button"
                    class="link-button"
                    aria-expanded=move || expanded.get().to_string()
                    on:click=toggle_more
                >
                    {move || if expanded.get() { "−" } else { "+" }}
                    " "
                    {move || total.get().saturating_sub(SHOWN)}
                    // Said in words too, after what it shows ("+ 16, show more: Organisation").
                    <span class="visually-hidden">
                        ", " {move || if expanded.get() { ui.show_fewer } else { ui.large_more }}
                        ": " {ui.facet(facet)}
                    </span>
                </button>
            </Show>
        </fieldset>
    }
}

#[component]
fn YearFacet(years: Vec<(String, usize)>) -> impl IntoView {
    let ui = ui();
    let sel = use_facet_source();
    let query = use_query_map();
    let go = use_go();
    let list: Vec<i32> = years.iter().filter_map(|(y, _)| y.parse().ok()).collect();
    let (Some(&min), Some(&max)) = (list.first(), list.last()) else {
        return ().into_any();
    };
    // The menus show the address's range, so Back, a removed chip or a shared link set them
    // too. Read with `try_`: a panel rebuilt by a new year list drops this group while a
    // navigation is under way.
    let filters = sel.filters;
    let range = move || {
        filters
            .try_with(|f| f.years.map_or((min, max), |r| (r.from, r.to)))
            .unwrap_or((min, max))
    };
    let from_menu = NodeRef::<leptos::html::Select>::new();
    let to_menu = NodeRef::<leptos::html::Select>::new();
    // Arrow keys on a closed menu change it once a key: a run of them (each within a second
    // of the last) makes one entry of history, not one per year passed.
    let last_key = StoredValue::new(f64::NEG_INFINITY);
    let keyed = StoredValue::new(false);
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let key = ev.key();
        if key.starts_with("Arrow")
            || matches!(key.as_str(), "Home" | "End" | "PageUp" | "PageDown")
        {
            keyed.set_value(true);
        }
    };
    let apply = move |picked: Option<i32>, is_from: bool| {
        let now = js_sys::Date::now();
        let by_key = keyed.get_value();
        keyed.set_value(false);
        let replace = by_key && now - last_key.get_value() < 1000.0;
        last_key.set_value(if by_key { now } else { f64::NEG_INFINITY });
        let (from, to) = range();
        let (a, b) = if is_from {
            (picked.unwrap_or(min), to)
        } else {
            (from, picked.unwrap_or(max))
        };
        // A range chosen backwards (from 2022 to 2021) is read the right way round, and the
        // menus say so at once: the menus' values follow the address, but a bound that stays
        // the same (2023–2023, then "from 2024": 2023–2024) would not rewrite the menu that
        // shows 2024.
        let (a, b) = (a.min(b), a.max(b));
        for (menu, year) in [(from_menu, a), (to_menu, b)] {
            if let Some(menu) = menu.get_untracked() {
                menu.set_value(&year.to_string());
            }
        }
        let value = if a <= min && b >= max {
            Vec::new()
        } else {
            vec![YearRange { from: a, to: b }.to_param()]
        };
        go(
            &href_with_values(&query.get_untracked(), "year", &value),
            replace,
        );
    };
    let options = move || {
        list.iter()
            .map(|y| view! { <option value=y.to_string()>{y.to_string()}</option> })
            .collect_view()
    };
    let apply_from = apply.clone();
    view! {
        <fieldset class="facet facet-year" data-facet="year">
            <legend>{ui.facet_year}</legend>
            <div class="year-range" on:keydown=on_key>
                <label>
                    <span>{ui.year_from}</span>
                    <select
                        name="year-from"
                        node_ref=from_menu
                        prop:value=move || range().0.to_string()
                        on:change=move |ev| apply_from(event_target_value(&ev).parse().ok(), true)
                    >
                        {options.clone()}
                    </select>
                </label>
                <label>
                    <span>{ui.year_to}</span>
                    <select
                        name="year-to"
                        node_ref=to_menu
                        prop:value=move || range().1.to_string()
                        on:change=move |ev| apply(event_target_value(&ev).parse().ok(), false)
                    >
                        {options}
                    </select>
                </label>
            </div>
        </fieldset>
    }
    .into_any()
}

#[component]
pub fn FacetPanel() -> impl IntoView {
    let ui = ui();
    let counts = use_facet_source().counts;
    let open = use_context::<FiltersOpen>()
        .map(|f| f.0)
        .unwrap_or_else(|| RwSignal::new(false));
    // The groups (a few hundred elements, and the facet counts they read) are built after
    // the cards are painted (in the page: `takeover::when_shown`), one group per task, so that
    // no start-up task is long for them (Lighthouse counts each task over 50 ms at 4× slowdown
    // as blocking). On a wide screen they fill their own column, so nothing moves as they
    // arrive; on a phone they are folded away. Opening the sheet earlier builds the rest at
    // once.
    let groups: Vec<Facet> = Facet::ALL
        .into_iter()
        .filter(|f| *f != Facet::Year)
        .collect();
    // A step for each group and the year range, and one for the first group's rows, a task
    // after its frame: the first group runs the chunk's code for the first time, and V8
    // compiles each wasm function on its first call (≈280 here: built in one task, 30–40 ms
    // at 4× CPU in quiet runs and up to 136 ms in noisy ones; bench/RESULTS.md).
    let all = groups.len() + 2;
    let (ready, set_ready) = signal(0usize);
    fn next_group(set_ready: WriteSignal<usize>, all: usize) {
        after_paint(move || {
            let more = set_ready
                .try_update(|n| {
                    *n += 1;
                    *n < all
                })
                .unwrap_or(false);
            if more {
                next_group(set_ready, all);
            }
        });
    }
    // The groups' code is a wasm chunk of its own (`group_view`, 11 KB gzip that the first
    // load does without): fetched at once, the groups built once it is here and the page is
    // shown. If it cannot be fetched, the panel says so, with a retry.
    let loaded = RwSignal::new(None::<bool>);
    let fetch = move || {
        loaded.set(None);
        leptos::task::spawn_local(async move {
            loaded.set(Some(preload_group_view().await.is_ok()));
        });
    };
    // Not known to have failed. Groups asked for while the chunk had failed are drawn empty:
    // they are built again once a retry brings it (None, then Some(true), leaves this
    // unchanged: no rebuild).
    let usable = Memo::new(move |_| loaded.get() != Some(false));
    if crate::in_browser() {
        fetch();
        let shown = RwSignal::new(false);
        crate::takeover::when_shown(move || shown.set(true));
        Effect::new(move |started: Option<bool>| {
            if started == Some(true) {
                return true;
            }
            let go = shown.get() && loaded.get() == Some(true);
            if go {
                next_group(set_ready, all);
            }
            go
        });
    }
    // How many groups are built: it only grows (closing the sheet keeps them).
    let built = Memo::new(move |before: Option<&usize>| {
        let now = if open.get() { all } else { ready.get() };
        before.map_or(now, |b| now.max(*b))
    });
    let rows = Memo::new(move |_| built.get() >= 2);
    let year_values = Memo::new(move |_| {
        counts.with(|c| {
            c.iter()
                .find(|c| c.facet == Facet::Year)
                // The years only: their counts are not shown, so they need not rebuild it.
                .map(|c| c.values.iter().map(|(y, _)| (y.clone(), 0)).collect())
                .unwrap_or_default()
        })
    });
    let panel = NodeRef::<leptos::html::Div>::new();
    // Closing the sheet puts focus back on the button that opened it.
    let close = move || {
        open.set(false);
        if let Some(button) = crate::in_browser()
            .then(web_sys::window)
            .flatten()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(".facets-toggle").ok().flatten())
            .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = button.focus();
        }
    };
    // Opened (on a phone, where its close button shows): focus moves into the sheet.
    Effect::new(move |was: Option<bool>| {
        let now = open.get();
        if now && was == Some(false) {
            request_animation_frame(move || {
                let button = panel
                    .try_get_untracked()
                    .flatten()
                    .and_then(|p| p.query_selector(".sheet-close").ok().flatten())
                    .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
                    .filter(|b| b.offset_parent().is_some());
                if let Some(b) = button {
                    let _ = b.focus();
                }
            });
        }
        now
    });
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.try_get_untracked() == Some(true) {
            ev.prevent_default();
            close();
        }
    };
    // Focus leaving the open sheet (Tab past its end) closes it, so focus never goes under it.
    let on_focusout = move |ev: leptos::ev::FocusEvent| {
        let sheet = panel.try_get_untracked().flatten();
        let next = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        if let (Some(sheet), Some(next)) = (sheet, next) {
            let is_sheet = sheet
                .query_selector(".sheet-close")
                .ok()
                .flatten()
                .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
                .is_some_and(|b| b.offset_parent().is_some());
            if is_sheet && open.try_get_untracked() == Some(true) && !sheet.contains(Some(&next)) {
                open.try_set(false);
            }
        }
    };
    let sheet_head = view! {
        <div class="sheet-head">
            <h2 id="facets-title" class="facets-title">
                {ui.filters}
            </h2>
            <button
                type="button"
                class="button secondary sheet-close"
                id="sheet-close"
                on:click=move |_| close()
            >
                {ui.close}
            </button>
        </div>
    }
    .into_any();
    view! {
        <aside class="facets" class:open=move || open.get() aria-labelledby="facets-title">
            <div class="sheet-backdrop" aria-hidden="true" on:click=move |_| close()></div>
            <div
                id="facet-groups"
                class="facet-groups"
                class:open=move || open.get()
                // Busy until every group is here (they come a task each, after their chunk).
                aria-busy=move || (built.get() < all && usable.get()).to_string()
                node_ref=panel
                on:keydown=on_key
                on:focusout=on_focusout
            >
                {sheet_head}
                {move || (!usable.get()).then(|| view! { <LateViewFailed on_retry=fetch /> })}
                {groups
                    .into_iter()
                    .enumerate()
                    .map(|(i, facet)| {
                        let here = Memo::new(move |_| built.get() > if i == 0 { 0 } else { i + 1 });
                        move || {
                            (here.get() && usable.get())
                                .then(|| from_chunk(facet, Vec::new(), rows.into()))
                        }
                    })
                    .collect_view()}
                {move || {
                    let years = (built.get() >= all && usable.get()).then(|| year_values.get())?;
                    Some(from_chunk(Facet::Year, years, rows.into()))
                }}
            </div>
        </aside>
    }
}

crate::lazy_fn! {
    @preload preload_group_view;
    /// One facet's group (the year range for [`Facet::Year`], from `years`), in a wasm chunk
    /// of its own: the panel's frame is in the first load, its groups come a moment later.
    fn group_view(facet: Facet, years: Vec<(String, usize)>, rows: Signal<bool>) -> AnyView {
        match facet {
            Facet::Year => view! { <YearFacet years /> }.into_any(),
            facet => view! { <FacetGroup facet rows /> }.into_any(),
        }
    }
}

/// A group built by [`group_view`]. The panel asks for groups only once the chunk is loaded
/// (opening the sheet earlier waits for it), so this is drawn in the same task; a chunk that
/// fails shows its message once, above the groups.
fn from_chunk(facet: Facet, years: Vec<(String, usize)>, rows: Signal<bool>) -> AnyView {
    let group = async move {
        group_view(facet, years, rows)
            .await
            .unwrap_or_else(|_| ().into_any())
    };
    Suspend::new(leptos::__reexports::send_wrapper::SendWrapper::new(group)).into_any()
}
