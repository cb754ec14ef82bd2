//! The statistics in large-catalogue mode: the selected figures grouped by measure or by
//! event, in the full catalogue's order ([`crate::views::stats`], [`atlas_core::stats::group_figures`]),
//! from small precomputed files written by `atlas-bundle split`:
//! - the statistics index of the grouping (every group with its figures over the whole
//!   catalogue, and each figure's group), fetched when the view opens: with no query and no
//!   filter it gives the counts; by event, the groups (about one per event) are listed a
//!   page at a time, headed by their events' titles from small files of headings per
//!   language (those of the groups on screen);
//! - otherwise the figures among the current hits that pass the filters
//!   ([`atlas_core::split::SplitFacets::passing`]: with no filter, no facet file; with one
//!   value alone and no query, its single-value file; else the facet table's rows of the
//!   figures), and the index their groups;
//! - a group opened by the reader fetches its file (by event, the pack of groups that holds
//!   it: positions in order, values and measures:
//!   the bars' scale), keeps those in the selection, and draws the first ones as bars and
//!   table rows from their record fragments (value with its qualifier, period, event,
//!   sources and the "sources differ" mark), more on demand.
//!
//! A group is a `<details>`: at 100,000 records a measure holds thousands of figures, and the
//! reader picks where to look. The downloads (CSV and JSON) hold exactly the figures drawn.

use crate::api::large::{fetch_group, fetch_stats, fetch_titles, Large};
use crate::api::LoadFailure;
use crate::components::downloads::{download_items, Figures};
use crate::components::more_button::more_button;
use crate::components::status::failure_alert;
use crate::components::view_bar::share_menu;
use crate::i18n::ui;
use crate::views::large_facets::Selected;
use crate::views::large_store::{file_view, record_failure, selected, At, Ctx};
use crate::views::stats::{bar_row, group_toggle, stats_head, table_head, table_row};
use crate::views::url::href_with;
use atlas_core::model::Kind;
use atlas_core::split::{GroupFile, StatsFile, TitlesFile};
use atlas_core::stats::GroupBy;
use atlas_core::Record;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Figures drawn when a group opens, and added by each "more".
const PAGE: usize = 20;
/// Groups listed at first, and added by each "more" (by event there are thousands).
const GROUP_PAGE: usize = 50;

/// Per group index, the selected figures' positions.
type Groups = Arc<BTreeMap<usize, Vec<u32>>>;
/// [`Groups`], `None` until the facet rows are here.
type ByGroup = Memo<Option<Groups>>;

/// By event, the files of the groups' headings fetched (by their number).
type Titles = RwSignal<BTreeMap<usize, Result<Arc<TitlesFile>, LoadFailure>>>;

/// Per opened group (by index), the positions it draws: what the downloads hold.
#[derive(Clone, Copy)]
struct Drawn(RwSignal<BTreeMap<usize, Vec<u32>>>);

/// The statistics view: its head (grouping, downloads, table toggle), the status line, and
/// the groups of the grouping in the address. Each grouping is its own [`StatsBy`], built
/// afresh when the reader switches: it owns its index and its headings, so switching back
/// and forth always shows the grouping asked for.
#[component]
pub fn LargeStats(large: Arc<Large>, sel: Selected) -> impl IntoView {
    let ui = ui();
    let query = use_query_map();
    let by = Memo::new(move |_| {
        GroupBy::parse(query.read().get("group").as_deref().unwrap_or("measure"))
    });
    // A split written before the statistics by event has none: say so (with the way back).
    let has_by_event = large.manifest.stats_file(GroupBy::Event).is_some();
    let everything = sel.everything;
    let picked = sel.derive(|t, f, p| t.passing(Kind::Figure, f, p));
    let counting = Signal::derive(move || !everything.get() && picked.with(Option::is_none));
    let status = sel.status(
        "large-stats-status",
        "large-stats-error",
        ui.large_stats_failed,
        counting,
    );
    let toggle = move || group_toggle(&query.read(), by.get());
    let drawn = Drawn(RwSignal::new(BTreeMap::new()));
    let as_table = RwSignal::new(false);
    let body = move || {
        let by = by.get();
        if by == GroupBy::Measure || has_by_event {
            let large = large.clone();
            return view! { <StatsBy large by everything picked drawn /> }.into_any();
        }
        let back = move || href_with(&query.read(), &[("group", None)]);
        view! {
            <div class="status large-notice" data-state="large-group-event">
                <p>{ui.large_group_event}</p>
                <p>
                    <a class="button" href=back>
                        {ui.group_by}
                        " "
                        {ui.group_measure}
                    </a>
                </p>
            </div>
        }
        .into_any()
    };

    view! {
        <section
            class="stats large-stats"
            class:as-table=move || as_table.get()
            aria-labelledby="stats-title"
        >
            {stats_head((toggle, share(drawn)), as_table)}
            {status}
            {body}
        </section>
    }
}

/// The groups of one grouping: its statistics index, fetched when built, and (by event)
/// the headings of the groups on screen.
#[component]
fn StatsBy(
    large: Arc<Large>,
    by: GroupBy,
    everything: Memo<bool>,
    picked: Memo<Option<Arc<Vec<u32>>>>,
    drawn: Drawn,
) -> impl IntoView {
    let ui = ui();
    let index = LocalResource::new({
        let large = large.clone();
        move || {
            let large = large.clone();
            async move { fetch_stats(&large, by).await }
        }
    });
    // Per group, its figures in the selection (`everything`: every figure, from the index
    // and the group files); the previous answer stays while rows come.
    let by_group: ByGroup = Memo::new(move |prev: Option<&Option<Groups>>| {
        let fresh = if everything.get() {
            None
        } else {
            let Some(Ok(file)) = index.get() else {
                return prev.cloned().flatten();
            };
            picked.get().map(|ps| Arc::new(file.by_group(&ps)))
        };
        fresh.or_else(|| prev.cloned().flatten())
    });
    // The groups with figures in the selection, in order, with their counts (`None` while
    // they are counted). By event there are about as many groups as figures: they are
    // listed a page at a time.
    let listed = Memo::new(move |_| {
        let Some(Ok(file)) = index.get() else {
            return None;
        };
        let counts: Vec<u32> = if everything.get() {
            file.groups.iter().map(|g| g.figures).collect()
        } else {
            let by = by_group.get()?;
            (0..file.groups.len())
                .map(|g| by.get(&g).map_or(0, |ps| ps.len() as u32))
                .collect()
        };
        Some(Arc::new(
            counts
                .into_iter()
                .enumerate()
                .filter(|&(_, n)| n > 0)
                .collect::<Vec<_>>(),
        ))
    });
    let group_limit = RwSignal::new(GROUP_PAGE);
    // By event, the headings of the groups on screen, in the reader's language: the files
    // (of consecutive groups) that hold them, each fetched once; a retry asks again for
    // those that failed.
    let titles: Titles = RwSignal::new(BTreeMap::new());
    let asked = StoredValue::new(BTreeSet::<usize>::new());
    let retry = RwSignal::new(0u32);
    Effect::new({
        let large = large.clone();
        move |_| {
            retry.track();
            if by != GroupBy::Event {
                return;
            }
            let Some(Ok(file)) = index.get() else {
                return;
            };
            let n = (file.title_chunk as usize).max(1);
            let want: BTreeSet<usize> = listed.with(|l| {
                l.iter()
                    .flat_map(|l| l.iter())
                    .take(group_limit.get())
                    .map(|&(g, _)| g / n)
                    .collect()
            });
            for chunk in want {
                if !asked.try_update_value(|a| a.insert(chunk)).unwrap_or(false) {
                    continue;
                }
                let large = large.clone();
                let file = file.clone();
                leptos::task::spawn_local(async move {
                    let got = fetch_titles(&large, &file, ui.lang, chunk).await;
                    titles.try_update(|t| t.insert(chunk, got));
                });
            }
        }
    });
    let titles_failed = move || {
        let failure = titles.with(|t| t.values().find_map(|r| r.as_ref().err().cloned()))?;
        Some(failure_alert(
            "large-stats-error",
            ui.large_stats_failed,
            &failure,
            move || {
                let failed: Vec<usize> = titles.with_untracked(|t| {
                    t.iter()
                        .filter(|(_, r)| r.is_err())
                        .map(|(c, _)| *c)
                        .collect()
                });
                titles.update(|t| t.retain(|c, _| !failed.contains(c)));
                asked.update_value(|a| a.retain(|c| !failed.contains(c)));
                retry.update(|r| *r += 1);
            },
        ))
    };

    let groups = file_view(
        index,
        "large-stats-error",
        ui.large_stats_failed,
        ui.large_counting,
        move |file| {
            let large = large.clone();
            (move || {
                let Some(listed) = listed.get() else {
                    return ().into_any();
                };
                if listed.is_empty() {
                    return view! {
                        <p class="status status-empty" data-state="empty">
                            {ui.no_figures}
                        </p>
                    }
                    .into_any();
                }
                let sections = listed
                    .iter()
                    .take(group_limit.get())
                    .map(|&(g, n)| {
                        let group = &file.groups[g];
                        let title = group_title(titles, &file, g);
                        view! {
                            <LargeGroup
                                large=large.clone()
                                by
                                g
                                key=group.key.clone()
                                title
                                n
                                file=file.file_of(g).to_string()
                                everything
                                by_group
                                drawn
                            />
                        }
                    })
                    .collect_view();
                let more = more_button(listed.len(), group_limit, GROUP_PAGE, "more-groups");
                view! {
                    {sections}
                    {more}
                }
                .into_any()
            })
            .into_any()
        },
    );
    view! {
        {titles_failed}
        {groups}
    }
}

/// A group's heading: its measure's name (or id); by event, its event's title from the
/// headings file (the event's id while that comes), or "no specific event".
fn group_title(titles: Titles, file: &StatsFile, g: usize) -> Signal<String> {
    let ui = ui();
    let group = &file.groups[g];
    if let Some(name) = &group.name {
        return Signal::stored(name.get_or_ar(ui.lang).0.to_string());
    }
    if group.key.is_empty() {
        return Signal::stored(ui.no_event.to_string());
    }
    let key = group.key.clone();
    if file.titles.is_empty() {
        return Signal::stored(key.replace('-', " "));
    }
    let chunk = g / (file.title_chunk as usize).max(1);
    Signal::derive(move || {
        titles
            .with(|t| match t.get(&chunk) {
                Some(Ok(t)) => t.title(g).map(str::to_string),
                _ => None,
            })
            .unwrap_or_else(|| key.clone())
    })
}

/// The share menu, with the CSV and JSON of the figures drawn, in the order shown (built
/// from their fragments when the menu opens).
fn share(drawn: Drawn) -> impl IntoView {
    let ui = ui();
    let ctx = expect_context::<Ctx>();
    let embedded = crate::embed::use_embed().on;
    let open = RwSignal::new(false);
    let figures = move || {
        let mut runs: Figures = Vec::new();
        for p in drawn.0.read().values().flatten() {
            let At::Ready(atlas, r) = ctx.at(*p) else {
                continue;
            };
            if r.kind != Kind::Figure {
                continue;
            }
            match runs.last_mut() {
                Some((last, ix)) if Arc::ptr_eq(last, &atlas) => ix.push(r.index),
                _ => runs.push((atlas, vec![r.index])),
            }
        }
        Some(runs)
    };
    share_menu(
        open,
        embedded,
        download_items(open, figures, Some(ui.large_export_hint)),
    )
}

/// One group: its name and count, and once opened its figures in the selection, a page at
/// a time.
#[component]
fn LargeGroup(
    large: Arc<Large>,
    by: GroupBy,
    g: usize,
    key: String,
    title: Signal<String>,
    n: u32,
    file: String,
    everything: Memo<bool>,
    by_group: ByGroup,
    drawn: Drawn,
) -> impl IntoView {
    let ui = ui();
    let open = RwSignal::new(false);
    let data_group = key.clone();
    on_cleanup(move || {
        drawn.0.try_update(|d| d.remove(&g));
    });
    view! {
        <section class="stats-group large-stats-group" data-group=data_group data-count=n>
            <details on:toggle=move |ev| {
                let el: web_sys::Element = event_target(&ev);
                open.set(el.has_attribute("open"));
                if !el.has_attribute("open") {
                    drawn
                        .0
                        .update(|d| {
                            d.remove(&g);
                        });
                }
            }>
                <summary>
                    <h3>{title}</h3>
                    " "
                    <span class="facet-count" data-state="group-count">
                        {ui.figures_count(n as usize)}
                    </span>
                </summary>
                {move || {
                    open.get()
                        .then(|| {
                            view! {
                                <GroupFigures
                                    large=large.clone()
                                    by
                                    g
                                    key=key.clone()
                                    title
                                    file=file.clone()
                                    everything
                                    by_group
                                    drawn
                                />
                            }
                        })
                }}
            </details>
        </section>
    }
}

/// The figures of an opened group that are in the selection, in the group's order: bars
/// (scaled per measure over the group's selected figures) and a table.
#[component]
fn GroupFigures(
    large: Arc<Large>,
    by: GroupBy,
    g: usize,
    key: String,
    title: Signal<String>,
    file: String,
    everything: Memo<bool>,
    by_group: ByGroup,
    drawn: Drawn,
) -> impl IntoView {
    let ui = ui();
    let ctx = expect_context::<Ctx>();
    let group = LocalResource::new({
        let key = key.clone();
        move || {
            let large = large.clone();
            let key = key.clone();
            let file = file.clone();
            async move { fetch_group(&large, by, &key, &file).await }
        }
    });
    let limit = RwSignal::new(PAGE);
    // The group file and its figures in the selection: (index in the file, position).
    let kept = Memo::new(move |_| {
        let Some(Ok(file)) = group.get() else {
            return None;
        };
        let kept: Vec<(usize, u32)> = if everything.get() {
            file.positions.iter().copied().enumerate().collect()
        } else {
            let by = by_group.get()?;
            file.kept(&selected(&by, &g))
        };
        Some((Arc::clone(&file), Arc::new(kept)))
    });
    let on_screen = Memo::new(move |_| {
        kept.with(|k| {
            k.as_ref()
                .map(|(_, k)| k.iter().take(limit.get()).copied().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    ctx.fetch_shown(on_screen);
    Effect::new(move |_| {
        let positions: Vec<u32> = on_screen.with(|shown| shown.iter().map(|(_, p)| *p).collect());
        drawn.0.update(|d| {
            d.insert(g, positions);
        });
    });
    // Each figure on screen, from its fragment: the bar, and the table row.
    let rows = move || {
        let Some((file, kept)) = kept.get() else {
            return (Vec::new(), Vec::new());
        };
        let max = file.max_by_measure(kept.iter().map(|(i, _)| *i));
        on_screen
            .get()
            .into_iter()
            .map(|(i, p)| figure_views(ctx, &file, &max, i, p))
            .unzip()
    };
    let more = move || {
        let total = kept.with(|k| k.as_ref().map_or(0, |(_, k)| k.len()));
        more_button(total, limit, PAGE, "more")
    };
    file_view(
        group,
        "large-stats-error",
        ui.large_stats_failed,
        ui.large_card_loading,
        move |_| {
            let (bars, table): (Vec<AnyView>, Vec<AnyView>) = rows();
            let caption = format!("{} — {}", ui.table_caption, title.get());
            view! {
                <ul class="bar-chart" aria-hidden="true">
                    {bars}
                </ul>
                <div class="stats-table-box">
                    <table class="stats-table">{table_head(caption)} <tbody>{table}</tbody></table>
                </div>
                {more}
            }
            .into_any()
        },
    )
}

/// The bar and the table row of the figure at `position` (index `i` of the group file), or
/// placeholders while its fragment comes, or its failure with a retry.
fn figure_views(
    ctx: Ctx,
    file: &GroupFile,
    max: &std::collections::HashMap<&str, f64>,
    i: usize,
    position: u32,
) -> (AnyView, AnyView) {
    let ui = ui();
    match ctx.at(position) {
        At::Ready(atlas, r) => match atlas.catalog.get(r) {
            Record::Figure(f) => {
                let measure = file.measures[file.measure_of[i] as usize].as_str();
                let top = max.get(measure).copied().unwrap_or(f.value);
                (
                    bar_row(&atlas.catalog, f, top),
                    table_row(&atlas.catalog, f),
                )
            }
            _ => (().into_any(), ().into_any()),
        },
        At::Failed { fragment, failure } => (
            ().into_any(),
            view! {
                <tr class="large-stats-error-row">
                    <td colspan="5">{record_failure(ctx, fragment, &failure)}</td>
                </tr>
            }
            .into_any(),
        ),
        At::Loading => (
            ().into_any(),
            view! {
                <tr class="large-stats-loading" aria-busy="true">
                    <td colspan="5">
                        <span class="status-text">{ui.large_card_loading}</span>
                    </td>
                </tr>
            }
            .into_any(),
        ),
    }
}
