//! Large-catalog mode ([`crate::api::large`]): the cards view in browse order or ranked by
//! the query, with record fragments and term shards fetched on demand.
//!
//! The list is virtualised exactly like the normal cards view (both use
//! [`crate::components::virtual_list`], the same `cards virtual` classes), but each row only
//! knows a *position*; its card is drawn from the fragment that owns that position, fetched
//! when the row comes on screen. Until then the row holds a placeholder of the same height
//! (`aria-busy`); a fragment that fails shows a message and a retry button in its rows.
//! Fragments (each a small [`Atlas`]) and term shards are kept in bounded LRU caches, never
//! evicting what the screen or the current query needs, so memory stays flat however long
//! the reader types. The facet panel and the filters work from the split's facet table
//! ([`crate::views::large_facets`]), the map from its places file and that table
//! ([`crate::views::large_map`]), the timeline and the statistics from their index and
//! group files and that table ([`crate::views::large_timeline`],
//! [`crate::views::large_stats`]), record pages from an id file and their fragment. A split
//! written before one of those files shows a notice in that view instead.

use crate::api::large::{fetch_position, Large};
use crate::api::LoadFailure;
use crate::components::active_filters::ActiveFilters;
use crate::components::card::Card;
use crate::components::facet_panel::FacetPanel;
use crate::components::status::{failure_alert, failure_body, NoResults, NotFound};
use crate::components::view_bar::{filters_button, FiltersOpen};
use crate::components::virtual_list::{use_virtual_window, VirtualWindow};
use crate::i18n::ui;
use crate::views::detail::Detail;
use crate::views::large_facets::{wide_screen, Answer, LargeFacets, Selected, TableState};
use crate::views::large_map::LargeMap;
use crate::views::large_stats::LargeStats;
use crate::views::large_store::{Ctx, Slot};
use crate::views::large_timeline::LargeTimeline;
use crate::views::state::{use_query_input, View};
use crate::views::url::{href_without, record_href_in, use_param};
use atlas_core::facets::Filters;
use atlas_core::search::{still_typing, Hit};
use atlas_core::split::{needed_shards, search_shards_ranked};
use atlas_core::window::Window;
use leptos::context::Provider;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::sync::Arc;

/// How long the list must hold still before its fragments are fetched (typing, scrolling).
const FETCH_SETTLE_MS: u64 = 90;
/// Since the last key, how long before a new list counts as the reader's answer (fetched at
/// once) rather than a passing prefix.
const TYPING_QUIET_MS: f64 = 400.0;
/// How long a new list waits for the fragments of its rows on screen before it is shown
/// with placeholders where they are still missing.
const HOLD_MS: u64 = 300;

#[component]
pub fn LargeExplorer(large: Arc<Large>) -> impl IntoView {
    let ui = ui();
    let open = RwSignal::new(false);
    provide_context(FiltersOpen(open));
    let wide = RwSignal::new(false);
    let seen = Signal::derive(move || open.get() || wide.get());
    let facets = LargeFacets::new(large.clone(), ui.lang, seen);
    provide_context(facets);
    let ctx = Ctx::new(large);
    provide_context(ctx);
    // The facet table is fetched when it can be seen: after the first cards are painted if
    // the panel is beside them, when the sheet opens on a phone; at once when the address
    // names filters (the list needs it).
    // Not on a record page or a notice, where there is no panel.
    let url_has_filters = facets.url_has_filters;
    let id = use_param("id");
    let view = use_param("view");
    let on_cards =
        Memo::new(move |_| id.get().is_none() && View::parse(view.get().as_deref()) == View::Cards);
    Effect::new(move |_| {
        if url_has_filters.get() || open.get() {
            facets.load();
        }
        if on_cards.get() && ctx.fragments.get() > 0 && !wide.get_untracked() {
            crate::after_paint::after_paint(move || {
                if wide_screen() {
                    let _ = wide.try_set(true);
                    facets.load();
                }
            });
        }
    });
    move || {
        let cards = id.get().is_none() && View::parse(view.get().as_deref()) == View::Cards;
        if cards {
            view! { <LargeResults /> }.into_any()
        } else {
            let has_ids = ctx.manifest(|m| !m.ids.is_empty());
            let has_places = ctx.manifest(|m| m.places.is_some());
            let has_timeline = ctx.manifest(|m| m.timeline.is_some());
            let has_stats = ctx.manifest(|m| m.stats.is_some());
            match id.get() {
                None if has_places && View::parse(view.get().as_deref()) == View::Map => {
                    view! { <LargeViewRoute view=View::Map /> }.into_any()
                }
                None if has_timeline && View::parse(view.get().as_deref()) == View::Timeline => {
                    view! { <LargeViewRoute view=View::Timeline /> }.into_any()
                }
                None if has_stats && View::parse(view.get().as_deref()) == View::Stats => {
                    view! { <LargeViewRoute view=View::Stats /> }.into_any()
                }
                Some(id) if has_ids => view! { <LargeRecord id /> }.into_any(),
                Some(_) => view! { <LargeNotice body=ui.large_record_body /> }.into_any(),
                None => view! { <LargeNotice body=ui.large_view_body /> }.into_any(),
            }
        }
    }
}

/// A view the large catalog cannot give, and the way back to the cards.
#[component]
fn LargeNotice(body: &'static str) -> impl IntoView {
    let ui = ui();
    let query = use_query_map();
    let back = move || href_without(&query.read(), &["id", "view"]);
    view! {
        <section
            class="status large-notice"
            data-state="large-notice"
            aria-labelledby="large-notice-title"
        >
            <h2 id="large-notice-title">{ui.large_view_title}</h2>
            <p>{body}</p>
            <p>
                <a class="button" href=back>
                    {ui.large_back}
                </a>
            </p>
        </section>
    }
}

/// Where a record page stands: its position comes from an id file, then its fragment.
#[derive(Clone, Debug, PartialEq)]
enum Locating {
    Looking,
    NotFound,
    Failed(LoadFailure),
    At(u32),
}

/// A record page in large mode: the id file gives the record's position, the fragment that
/// owns it gives the record with what its page names (related records, figures, sources,
/// disagreements), drawn by the same [`Detail`] as the full app.
#[component]
fn LargeRecord(id: String) -> impl IntoView {
    let ui = ui();
    let ctx = expect_context::<Ctx>();
    let query = use_query_map();
    let back = move || href_without(&query.read(), &["id"]);
    let locating = RwSignal::new(Locating::Looking);
    let look = {
        let id = id.clone();
        move || {
            locating.set(Locating::Looking);
            let large = ctx.large.get_value();
            let id = id.clone();
            leptos::task::spawn_local(async move {
                let found = match fetch_position(&large, &id).await {
                    Ok(Some(p)) => Locating::At(p),
                    Ok(None) => Locating::NotFound,
                    Err(failure) => Locating::Failed(failure),
                };
                locating.try_set(found);
            });
        }
    };
    look();
    // The fragment of the position, fetched and kept like a card's.
    let wanted = Memo::new(move |_| match locating.get() {
        Locating::At(p) => vec![(0, p)],
        _ => Vec::new(),
    });
    ctx.fetch_shown(wanted);
    let slot = Memo::new(move |_| match locating.get() {
        Locating::At(p) => ctx.slot(ctx.manifest(|m| m.locate(p).0)),
        _ => Slot::Loading,
    });
    let retry = move || {
        if let Locating::At(p) = locating.get_untracked() {
            ctx.retry_fragment(ctx.manifest(|m| m.locate(p).0));
        } else {
            look();
        }
    };
    let failed = move |failure: LoadFailure| {
        failure_alert(
            "large-record-error",
            ui.large_card_failed,
            &failure,
            retry.clone(),
        )
    };
    let loading = move || {
        view! {
            <section class="status status-loading" aria-busy="true" data-state="loading">
                <p class="status-text">{ui.large_card_loading}</p>
            </section>
        }
        .into_any()
    };
    move || match (locating.get(), slot.get()) {
        (Locating::Failed(failure), _) | (_, Slot::Failed(failure)) => failed(failure),
        (Locating::NotFound, _) => view! { <NotFound back=Signal::derive(back) /> }.into_any(),
        (_, Slot::Ready(atlas)) => {
            // Focus parked on <main> while the page was fetched moves into it.
            crate::focus::after_late_view();
            let id = id.clone();
            view! {
                <Provider value=atlas>
                    <Detail id />
                </Provider>
            }
            .into_any()
        }
        _ => loading(),
    }
}

/// What the query gives.
#[derive(Clone, Debug, PartialEq)]
enum Search {
    /// No query: browse order.
    Browse,
    /// Waiting for these shards.
    Fetching(Vec<String>),
    Failed(LoadFailure),
    Done(Hits),
}

/// Positions, best first (compared by identity: a new search is a new list), and, when some
/// of them lack words of the query, those that have every word (the first ones; none when
/// they are partial matches: no record has every word).
#[derive(Clone, Debug)]
struct Hits(Arc<Vec<u32>>, Option<Arc<[u32]>>);

impl PartialEq for Hits {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The list shown: browse order, or the last finished search's hits.
#[derive(Clone, Debug, PartialEq)]
enum List {
    Browse(usize),
    Hits(Hits),
    /// Nothing to show yet: filters named by the address wait for the facet table.
    Waiting,
}

impl List {
    fn len(&self) -> usize {
        match self {
            List::Browse(n) => *n,
            List::Hits(h) => h.0.len(),
            List::Waiting => 0,
        }
    }
    fn position(&self, i: usize) -> Option<u32> {
        match self {
            List::Browse(n) => (i < *n).then_some(i as u32),
            List::Hits(h) => h.0.get(i).copied(),
            List::Waiting => None,
        }
    }
}

/// The marks of a card's text for the query the list answers, as the whole catalogue's
/// cards have them: its fragment is searched (the fragment's own small index, built once
/// for its twenty records) a task after the card is drawn, so neither the list's frame
/// nor a keystroke's waits for it.
fn card_marks(
    atlas: Arc<crate::api::Atlas>,
    record: atlas_core::RecordRef,
    search: Memo<Search>,
    text: RwSignal<String>,
) -> Signal<Option<Hit>> {
    let hit = RwSignal::new(None::<Hit>);
    let lang = ui().lang;
    Effect::new(move |_| {
        if !matches!(search.get(), Search::Done(_)) {
            hit.set(None);
            return;
        }
        let q = text.get_untracked();
        let atlas = atlas.clone();
        crate::after_paint::after_paint(move || {
            let ix = atlas.index();
            let found = ix
                .search(&atlas.catalog, &q)
                .and_then(|h| h.hit_in(ix, &atlas.catalog, record, Some(&[lang, "ar"])));
            let _ = hit.try_set(found);
        });
    });
    hit.into()
}

/// The query over the shards at hand, fetching the shards it still needs.
fn use_search(ctx: Ctx, text: RwSignal<String>) -> Memo<Search> {
    let search = Memo::new(move |_| {
        ctx.shards.track();
        text.with(|q| {
            if q.trim().is_empty() {
                return Search::Browse;
            }
            ctx.store.with_value(|s| {
                ctx.manifest(|m| {
                    let need = needed_shards(m, |k| s.shards.kept.peek(k), q);
                    if need.is_empty() {
                        match search_shards_ranked(m, |k| s.shards.kept.peek(k), q) {
                            // No query, or a word still being typed that finds nothing.
                            None => Search::Browse,
                            Some(h) => {
                                let complete =
                                    h.last().is_some_and(|&(_, _, m)| m > 0).then(|| {
                                        h.iter()
                                            .take_while(|&&(_, _, m)| m == 0)
                                            .map(|&(p, _, _)| p)
                                            .collect()
                                    });
                                let positions = h.into_iter().map(|(p, _, _)| p).collect();
                                Search::Done(Hits(Arc::new(positions), complete))
                            }
                        }
                    } else if let Some(e) = need.iter().find_map(|k| s.shards.failed.get(k)) {
                        Search::Failed(e.clone())
                    } else {
                        Search::Fetching(need)
                    }
                })
            })
        })
    });
    Effect::new(move |_| {
        if let Search::Fetching(need) = search.get() {
            for key in need {
                ctx.want_shard(key, text);
            }
        }
    });
    search
}

/// The positions of the last finished search (`None`: no query, every record), kept while
/// shards are on their way.
fn hit_positions(search: Memo<Search>) -> Memo<Option<Arc<Vec<u32>>>> {
    Memo::new(
        move |prev: Option<&Option<Arc<Vec<u32>>>>| match search.get() {
            Search::Browse => None,
            Search::Done(h) => Some(h.0),
            _ => prev.cloned().flatten(),
        },
    )
}

/// The map, the timeline or the statistics of the current query and filters
/// ([`crate::views::large_map`], [`crate::views::large_timeline`],
/// [`crate::views::large_stats`]).
#[component]
fn LargeViewRoute(view: View) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let input = use_query_input();
    let search = use_search(ctx, input.text);
    let positions = hit_positions(search);
    let searching = Signal::derive(move || matches!(search.get(), Search::Fetching(_)));
    let search_failed = Signal::derive(move || match search.get() {
        Search::Failed(f) => Some(f),
        _ => None,
    });
    let retry_search = Callback::new(move |()| {
        ctx.store.update_value(|s| s.shards.failed.clear());
        ctx.shards.update(|v| *v += 1);
    });
    let sel = Selected::new(positions, searching, search_failed, retry_search);
    let large = ctx.large.get_value();
    if view == View::Timeline {
        view! { <LargeTimeline large sel /> }.into_any()
    } else if view == View::Stats {
        view! { <LargeStats large sel /> }.into_any()
    } else {
        view! { <LargeMap large sel /> }.into_any()
    }
}

#[component]
fn LargeResults() -> impl IntoView {
    let ui = ui();
    let ctx = expect_context::<Ctx>();
    let input = use_query_input();
    let q = use_param("q");
    let query = use_query_map();
    let records = ctx.manifest(|m| m.records as usize);
    let facets = expect_context::<LargeFacets>();
    let embedded = crate::embed::use_embed().on;

    let search = use_search(ctx, input.text);
    let retry_search = move || {
        ctx.store.update_value(|s| s.shards.failed.clear());
        ctx.shards.update(|v| *v += 1);
    };
    // The filters, from the facet table: counts over the hits and the hits that pass.
    let filters = facets.filters();
    let positions = hit_positions(search);
    let answer = facets.answer(filters, positions);
    provide_context(facets.source(filters, answer));
    let url_has_filters = facets.url_has_filters;
    // Filters named by the address apply once the table can say which records pass (an old
    // split without a table, or one that failed, shows every record and says why).
    let filtering = Memo::new(move |_| {
        url_has_filters.get()
            && match facets.state.get() {
                TableState::Unavailable | TableState::Failed(_) => false,
                // Values the table does not know are dropped (a stale link): nothing to apply.
                TableState::Ready => !filters.with(Filters::is_empty),
                TableState::Waiting | TableState::Loading => true,
            }
    });
    let applying = move || filtering.get() && !matches!(answer.get(), Answer::Ready { .. });
    // The list the query and filters give. While shards or facet blocks are on their way,
    // the previous one stays.
    let target = Memo::new(move |prev: Option<&List>| {
        let searched = match search.get() {
            Search::Browse => List::Browse(records),
            Search::Done(h) => List::Hits(h),
            _ => return prev.cloned().unwrap_or(List::Waiting),
        };
        if !filtering.get() {
            return searched;
        }
        match answer.get() {
            Answer::Ready {
                passing: Some(p), ..
            } => {
                let complete = match &searched {
                    List::Hits(h) => h.1.clone(),
                    _ => None,
                };
                List::Hits(Hits(p, complete))
            }
            Answer::Ready { passing: None, .. } => searched,
            _ => prev.cloned().unwrap_or(List::Waiting),
        }
    });
    // The list shown. A new list while the reader is not typing (a filter clicked, a search
    // finished) is shown once the fragments of the rows on screen are here, or after
    // `HOLD_MS`: until then the cards before it stay (the list says it is busy), and its
    // cards come in one render. Its fragments, the overscan rows' too, are asked for at
    // once. (Drawing placeholders first, then each fragment's cards as it arrived, cost a
    // layout per fragment, and the fragments were asked for only once the placeholders
    // were drawn.) While the reader types, or over no list yet, a new list is shown at
    // once. A memo, so that a list whose fragments are here is drawn in the same pass as
    // the click that made it; it also notes when the text last changed, for `quiet`.
    //
    // The memo itself asks for the held list's fragments and arms its release. An effect
    // over the list and the target did it before, and missed a turn: a search that
    // finished after the reader had paused changed the target, the memo held, the effect
    // did not run, and the old list stayed busy until the next keystroke (seen in
    // bench/large.mjs's memory pass).
    let typed_at = StoredValue::new(f64::NEG_INFINITY);
    let last_text = StoredValue::new(None::<String>);
    let hold = StoredValue::new_local(None::<leptos::leptos_dom::helpers::TimeoutHandle>);
    let release = move || {
        if let Some(Some(h)) = hold.try_update_value(Option::take) {
            h.clear();
        }
    };
    on_cleanup(release);
    // Set by the release timer, cleared once the list it released is shown; `wake` makes
    // the memo look again.
    let timed_out = StoredValue::new(false);
    let wake = RwSignal::new(0u32);
    let rows_slot = StoredValue::new(None::<VirtualWindow>);
    let wanted_slot = StoredValue::new(None::<Memo<Vec<(usize, u32)>>>);
    // The fragments of `next` that are neither here nor failed: of the rows sure to be on
    // screen in its first frame, or (`all`) of every row it renders, overscan included.
    let missing_first_screen = move |next: &List, all: bool| -> Vec<usize> {
        let Some(rows) = rows_slot.get_value() else {
            return Vec::new();
        };
        let w = if all {
            rows.rows_for(next.len())
        } else {
            rows.sure_rows_for(next.len())
        };
        ctx.absent(ctx.fragments_of((w.start..w.end).filter_map(|i| next.position(i))))
    };
    let list = Memo::new(move |prev: Option<&List>| {
        // When the text last changed (the reader typing).
        input.text.with(|t| {
            let changed = last_text.with_value(|l| l.as_deref().is_some_and(|l| l != t));
            if changed {
                typed_at.set_value(js_sys::Date::now());
            }
            if changed || last_text.with_value(Option::is_none) {
                last_text.set_value(Some(t.clone()));
            }
        });
        wake.track();
        let next = target.get();
        let held = match prev {
            Some(prev)
                if *prev != next
                    && *prev != List::Waiting
                    && !timed_out.get_value()
                    && js_sys::Date::now() - typed_at.get_value() > TYPING_QUIET_MS =>
            {
                ctx.fragments.track();
                (!missing_first_screen(&next, false).is_empty()).then(|| prev.clone())
            }
            _ => None,
        };
        let Some(shown) = held else {
            release();
            timed_out.set_value(false);
            return next;
        };
        if let Some(on_screen) = wanted_slot.get_value() {
            for f in missing_first_screen(&next, true) {
                ctx.want_fragment(f, on_screen);
            }
        }
        if hold.with_value(Option::is_none) {
            let late = move || {
                let _ = hold.try_set_value(None);
                let _ = timed_out.try_set_value(true);
                let _ = wake.try_update(|n| *n = n.wrapping_add(1));
            };
            let h = set_timeout_with_handle(late, std::time::Duration::from_millis(HOLD_MS)).ok();
            hold.set_value(h);
        }
        shown
    });
    let len = Memo::new(move |_| list.with(List::len));
    let active = Signal::derive(move || filters.with(|f| f.to_pairs().len()));
    let count = move || match search.get() {
        Search::Fetching(_) => ui.large_searching.to_string(),
        _ if applying() => ui.large_filtering.to_string(),
        _ => match list.get() {
            List::Waiting => ui.large_filtering.to_string(),
            List::Browse(n) if active.get() > 0 => ui.results_count(n),
            List::Browse(n) => {
                let all = format!(
                    "{} ({})",
                    ui.results_all,
                    atlas_core::format::number(n as f64)
                );
                if input.text.with(|q| still_typing(q)) {
                    ui.keep_typing_then(&all)
                } else {
                    all
                }
            }
            List::Hits(h) => {
                let n = h.0.len();
                let complete =
                    h.1.as_ref()
                        .map(|c| h.0.iter().take_while(|p| c.contains(p)).count());
                let partial = h.1.as_ref().is_some_and(|c| c.is_empty());
                ui.words_then(&ui.results_count(n), complete, partial, n)
            }
        },
    };
    let held = move || list.with(|l| target.with(|t| l != t));
    let busy = move || matches!(search.get(), Search::Fetching(_)) || applying() || held();

    let ul_ref = NodeRef::<leptos::html::Ul>::new();
    let rows = use_virtual_window(len, ul_ref, move || list.track());
    rows_slot.set_value(Some(rows));
    let VirtualWindow {
        shown: win,
        ahead,
        virtual_list,
        ..
    } = rows;

    // (index in the list, position) of the rows of a window.
    let items_of = move |w: Memo<Window>| {
        Memo::new(move |_| {
            let w = w.get();
            list.with(|l| {
                (w.start..w.end)
                    .filter_map(|i| l.position(i).map(|p| (i, p)))
                    .collect::<Vec<_>>()
            })
        })
    };
    // The rows to render, and those whose fragments are wanted: the overscan rows too,
    // which a new list renders a frame later, so they come in the same requests as the
    // screen's (a second round a settle time later made a filter click's last cards wait).
    let window_items = items_of(win);
    let wanted_items = items_of(ahead);
    wanted_slot.set_value(Some(wanted_items));
    // The fragments the screen needs: marked as used, fetched when missing. While the
    // reader types or scrolls, the window changes every few milliseconds: fragments are
    // asked for once it has held still for a moment (the first screen at once), so the
    // passing prefixes of a word do not each fetch a screenful.
    let settle = StoredValue::new_local(None::<leptos::leptos_dom::helpers::TimeoutHandle>);
    let fetch_window = move || {
        // A timer may run after the list is gone (a card was opened meanwhile).
        let Some(wanted) = wanted_items
            .try_with_untracked(|items| ctx.fragments_of(items.iter().map(|(_, p)| *p)))
        else {
            return;
        };
        ctx.store.update_value(|s| {
            for f in &wanted {
                s.fragments.kept.touch(f);
            }
        });
        for f in wanted {
            ctx.want_fragment(f, wanted_items);
        }
    };
    // A new list while the reader is not typing (a filter clicked, a search finished after
    // the last key) is fetched at once; a scroll or a keystroke waits for the list to hold
    // still.
    let drawn_list = StoredValue::new(None::<List>);
    Effect::new(move |first: Option<()>| {
        ctx.fragments.track();
        wanted_items.track();
        if let Some(h) = settle.get_value() {
            h.clear();
        }
        let new_list = list.with_untracked(|l| drawn_list.with_value(|d| d.as_ref() != Some(l)));
        if new_list {
            drawn_list.set_value(Some(list.get_untracked()));
        }
        let quiet = js_sys::Date::now() - typed_at.get_value() > TYPING_QUIET_MS;
        if first.is_none() || new_list && quiet {
            fetch_window();
        } else {
            let h = set_timeout_with_handle(
                move || {
                    let _ = settle.try_set_value(None);
                    fetch_window();
                },
                std::time::Duration::from_millis(FETCH_SETTLE_MS),
            )
            .ok();
            settle.set_value(h);
        }
    });

    let row = move |(_, position): (usize, u32)| {
        let (fragment, own) = ctx.manifest(|m| m.locate(position));
        let slot = Memo::new(move |_| ctx.slot(fragment));
        let pos = move || {
            window_items.with(|items| {
                items
                    .iter()
                    .find(|(_, p)| *p == position)
                    .map(|(i, _)| i + 1)
            })
        };
        let retry = move || ctx.retry_fragment(fragment);
        let content = move || match slot.get() {
            Slot::Loading => view! {
                <article
                    class="card skeleton large-placeholder"
                    aria-busy="true"
                    data-state="loading"
                >
                    <p class="visually-hidden">{ui.large_card_loading}</p>
                </article>
            }
            .into_any(),
            Slot::Failed(failure) => view! {
                <article
                    class="card large-error"
                    role="alert"
                    data-state="error"
                    data-error=failure.error.kind()
                >
                    {failure_body(ui.large_card_failed, &failure, retry)}
                </article>
            }
            .into_any(),
            Slot::Ready(atlas) => {
                let record = ctx.manifest(|m| m.own_record(fragment, own));
                match record {
                    Some(record) => {
                        let id = atlas.catalog.get(record).id().to_string();
                        let href = Signal::derive(move || record_href_in(&query.read(), &id));
                        let hit = card_marks(atlas.clone(), record, search, input.text);
                        view! {
                            <Provider value=atlas>
                                <Card record hit href />
                            </Provider>
                        }
                        .into_any()
                    }
                    None => view! {
                        <article class="card large-error" role="alert" data-state="error">
                            <p class="status-message">{ui.large_card_failed}</p>
                        </article>
                    }
                    .into_any(),
                }
            }
        };
        view! {
            <li aria-posinset=pos aria-setsize=move || len.get() data-position=position>
                {content}
            </li>
        }
    };

    let facets_failed = move || match facets.state.get() {
        TableState::Failed(failure) => Some(failure_alert(
            "large-facets-error",
            ui.large_facets_failed,
            &failure,
            move || facets.retry(),
        )),
        _ => None,
    };
    let unavailable = move || {
        (url_has_filters.get() && facets.state.get() == TableState::Unavailable).then(|| {
            view! {
                <p class="status large-facets-unavailable" role="status" data-state="no-facets">
                    {ui.large_facets_unavailable}
                </p>
            }
        })
    };
    // Built once (a memo: the table's state changes as it loads, and the panel must not be
    // rebuilt under the reader).
    let no_table = Memo::new(move |_| facets.state.get() == TableState::Unavailable);
    let panel = move || (!embedded && !no_table.get()).then(|| view! { <FacetPanel /> });
    view! {
        <div class="explorer large-mode" class:embedded=embedded data-mode="large">
            {panel}
            <div class="view-content">
                <p class="large-note">{ui.large_note}</p>
                <section
                    class="results"
                    aria-labelledby="results-title"
                    aria-busy=move || busy().to_string()
                >
                    <h2 id="results-title" class="visually-hidden">
                        {ui.view_cards}
                    </h2>
                    <div class="view-bar">
                        <p
                            id="results-count"
                            class="results-count"
                            role="status"
                            aria-live="polite"
                        >
                            {count}
                        </p>
                        {move || (!no_table.get()).then(|| filters_button(active))}
                        // Embedding this view (there are no downloads here); embedded, nothing to share.
                        {(!embedded)
                            .then(|| {
                                crate::components::view_bar::share_menu(
                                    RwSignal::new(false),
                                    false,
                                    (),
                                )
                            })}
                    </div>
                    <ActiveFilters />
                    {facets_failed}
                    {unavailable}
                    {move || match search.get() {
                        Search::Failed(failure) => {
                            Some(
                                failure_alert(
                                    "large-search-error",
                                    ui.large_search_failed,
                                    &failure,
                                    retry_search,
                                ),
                            )
                        }
                        _ => None,
                    }}
                    <Show
                        when=move || { len.get() > 0 }
                        fallback=move || {
                            (!busy())
                                .then(|| view! { <NoResults query=q.get().unwrap_or_default() /> })
                        }
                    >
                        <ul
                            class="cards"
                            class:virtual=virtual_list
                            role="list"
                            node_ref=ul_ref
                            data-total=len
                        >
                            <For
                                each=move || window_items.get()
                                key=|(_, position)| *position
                                children=row
                            />
                        </ul>
                    </Show>
                </section>
            </div>
        </div>
    }
}
