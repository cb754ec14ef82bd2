//! The statistics view: every selected figure, grouped by measure or by event, as an SVG bar
//! chart with direct labels (right to left in Arabic) and as a table; each value with its
//! qualifier, period and source; disagreeing figures side by side; export of exactly the
//! rows shown as CSV or JSON (from the share menu on the count line). On a phone the bars
//! come first and the table is one tap away, so no figure is shown twice.

use crate::api::use_atlas;
use crate::components::context_note::context_note;
use crate::components::source_line::citation;
use crate::components::view_bar::StatsShown;
use crate::i18n::ui;
use crate::views::state::use_selection;
use crate::views::url::{href_with, record_href_in};
use atlas_core::float::fixed;
use atlas_core::stats::{self, GroupBy};
use atlas_core::{format, Catalog, Figure};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

/// "حوالي 200" / "أكثر من 500" / "350": the label after it says the unit.
fn value_words(f: &Figure) -> String {
    format::figure_value_words(f, ui().qualifier(f.qualifier))
}

fn period_text(f: &Figure) -> Option<String> {
    f.period
        .as_ref()
        .map(|p| format::period_years(p, ui().since))
}

fn sources_text(catalog: &Catalog, f: &Figure) -> String {
    let cites = f
        .sources
        .iter()
        .filter_map(|s| catalog.source(s))
        .map(|s| citation(s, ui()))
        .collect::<Vec<_>>();
    ui().list_join(&cites)
}

/// Bars with direct labels: for each figure its value and label above an SVG bar (growing
/// from the start edge, so right to left in Arabic), its qualifier, period and source below.
/// Text stays HTML so it keeps its size on a phone. The bars of a card share one scale, its
/// largest value of the same unit: 75 countries and organisations are drawn beside the 170
/// countries of the same card at less than half its length (each measure had its own scale,
/// so both were full). A percentage is drawn out of 100 ([`bar_row`]).
fn chart(catalog: &Catalog, figures: &[&Figure]) -> AnyView {
    let rows = figures
        .iter()
        .map(|f| {
            let max = figures
                .iter()
                .filter(|o| o.unit == f.unit)
                .fold(f.value, |m, o| m.max(o.value));
            bar_row(catalog, f, max)
        })
        .collect_view();
    view! {
        <ul class="bar-chart" aria-hidden="true">
            {rows}
        </ul>
    }
    .into_any()
}

/// One bar of [`chart`]: `max` is the value drawn at the bar's full length; a percentage's
/// is 100 (88 percent was drawn full when it was the only one of its measure).
pub fn bar_row(catalog: &Catalog, f: &Figure, max: f64) -> AnyView {
    let ui = ui();
    let rtl = ui.dir == "rtl";
    let max = if f.unit.as_deref() == Some("percent") {
        100.0
    } else {
        max
    };
    let len = (f.value / max.max(1.0) * 100.0).clamp(0.5, 100.0);
    let x = if rtl { 100.0 - len } else { 0.0 };
    let differ = stats::conflict_of(catalog, &f.id).is_some();
    let mut note = vec![];
    note.extend(period_text(f));
    note.push(sources_text(catalog, f));
    view! {
        <li class="bar-row" data-figure=f.id.clone() class:differ=differ>
            <p class="bar-label">
                <bdi class="bar-value">{value_words(f)}</bdi>
                " "
                {f.label.get_or_ar(ui.lang).0.to_string()}
                {differ
                    .then(|| {
                        view! {
                            " "
                            <span class="badge differ">{ui.sources_differ}</span>
                        }
                    })}
            </p>
            <svg
                class="bar-svg"
                viewBox="0 0 100 6"
                preserveAspectRatio="none"
                aria-hidden="true"
                focusable="false"
            >
                <rect class="bar-track" x="0" y="0" width="100" height="6" rx="1" />
                <rect
                    class="bar"
                    class:differ=differ
                    x=fixed(x, 2)
                    y="0"
                    width=fixed(len, 2)
                    height="6"
                    rx="1"
                />
            </svg>
            <p class="bar-note">{note.join(" · ")}</p>
        </li>
    }
    .into_any()
}

/// One row of a group's table: value, label (a link to the figure's page) with its
/// disagreement mark, period, event and sources.
pub fn table_row(catalog: &Catalog, f: &Figure) -> AnyView {
    let ui = ui();
    // A row kept while the query changes (large-catalogue mode) links with the new one.
    let query = use_query_map();
    let id = f.id.clone();
    let differ = stats::conflict_of(catalog, &f.id);
    let event = f
        .event
        .as_deref()
        .and_then(|e| catalog.event(e))
        .map(|e| e.title.get_or_ar(ui.lang).0.to_string())
        .unwrap_or_default();
    view! {
        <tr data-id=f.id.clone() data-value=format::number(f.value).replace('\u{202F}', "")>
            <td class="num">
                <bdi>{value_words(f)}</bdi>
            </td>
            <td>
                <a href=move || {
                    record_href_in(&query.read(), &id)
                }>{f.label.get_or_ar(ui.lang).0.to_string()}</a>
                {differ
                    .map(|d| {
                        view! {
                            " "
                            <span class="badge differ" data-disagreement=d.id.clone()>
                                {ui.sources_differ}
                            </span>
                        }
                    })}
            </td>
            <td>{period_text(f).unwrap_or_default()}</td>
            <td>{event}</td>
            <td>{sources_text(catalog, f)}</td>
        </tr>
    }
    .into_any()
}

/// The head of a group's table (its caption says which group).
pub fn table_head(caption: String) -> impl IntoView {
    let ui = ui();
    view! {
        <caption class="visually-hidden">{caption}</caption>
        <thead class="visually-hidden">
            <tr>
                <th scope="col">{ui.col_value}</th>
                <th scope="col">{ui.col_label}</th>
                <th scope="col">{ui.col_period}</th>
                <th scope="col">{ui.col_event}</th>
                <th scope="col">{ui.col_source}</th>
            </tr>
        </thead>
    }
}

/// The "group by" links of the statistics (measure, event), `by` the current one.
pub fn group_toggle(params: &ParamsMap, by: GroupBy) -> impl IntoView {
    let ui = ui();
    let links = [GroupBy::Measure, GroupBy::Event]
        .into_iter()
        .map(|g| {
            let value = (g != GroupBy::Measure).then_some(g.as_str());
            let href = href_with(params, &[("group", value)]);
            let label = match g {
                GroupBy::Measure => ui.group_measure,
                GroupBy::Event => ui.group_event,
            };
            view! {
                <a href=href aria-current=(g == by).then_some("true") data-group=g.as_str()>
                    {label}
                </a>
            }
        })
        .collect_view();
    view! {
        <span class="group-toggle" role="group" aria-label=ui.group_by>
            <span class="group-by-label">{ui.group_by}</span>
            {links}
        </span>
    }
}

#[component]
pub fn StatsView() -> impl IntoView {
    let ui = ui();
    let sel = use_selection();
    let query = use_query_map();
    // On a phone the bars show first and the table is one tap away (it stays in the page for
    // screen readers, and shows while focus is in it); wide screens show both.
    let as_table = RwSignal::new(false);
    move || {
        let atlas = use_atlas();
        let catalog = &atlas.catalog;
        let params = query.get();
        let by = GroupBy::parse(params.get("group").as_deref().unwrap_or("measure"));
        let groups = stats::group_figures(catalog, &sel.visible.read(), by);
        // What the share menu downloads: these figures, in this order.
        if let Some(StatsShown(shown)) = use_context() {
            let now: Vec<usize> = groups
                .iter()
                .flat_map(|g| g.figures.iter())
                .filter_map(|f| catalog.lookup(&f.id))
                .map(|r| r.index)
                .collect();
            // Set only when it changed: an open menu rebuilds its links on each set.
            if shown.with_untracked(|s| *s != now) {
                shown.set(now);
            }
        }
        let toggle = group_toggle(&params, by);
        if groups.is_empty() {
            return view! {
                <section class="stats">
                    <h2 class="view-title">{ui.stats_title}</h2>
                    <p class="status status-empty" data-state="empty">
                        {ui.no_figures}
                    </p>
                </section>
            }
            .into_any();
        }
        let sections = groups
            .iter()
            .map(|g| {
                let title = match by {
                    GroupBy::Measure => catalog.measure_name(&g.key, ui.lang),
                    GroupBy::Event => catalog
                        .event(&g.key)
                        .map(|e| e.title.get_or_ar(ui.lang).0.to_string())
                        .unwrap_or_else(|| ui.no_event.to_string()),
                };
                let table_rows = g
                    .figures
                    .iter()
                    .map(|f| table_row(catalog, f))
                    .collect_view();
                let caption = format!("{} — {title}", ui.table_caption);
                let notes = g
                    .context_notes(catalog)
                    .into_iter()
                    .map(|d| context_note(d, "figure-note"))
                    .collect_view();
                view! {
                    <section class="stats-group" data-group=g.key.clone()>
                        <h3>{title}</h3>
                        {chart(catalog, &g.figures)}
                        {notes}
                        <div class="stats-table-box">
                            <table class="stats-table">
                                {table_head(caption)} <tbody>{table_rows}</tbody>
                            </table>
                        </div>
                    </section>
                }
            })
            .collect_view();
        view! {
            <section
                class="stats"
                class:as-table=move || as_table.get()
                aria-labelledby="stats-title"
            >
                {stats_head(toggle, as_table)}
                {sections}
            </section>
        }
        .into_any()
    }
}

/// The head of the statistics view: its title, then `tools` (the grouping, and in large
/// mode the downloads) and the switch between bars and table.
pub fn stats_head(tools: impl IntoView + 'static, as_table: RwSignal<bool>) -> impl IntoView {
    let ui = ui();
    view! {
        <div class="stats-head">
            <h2 id="stats-title" class="view-title">
                {ui.stats_title}
            </h2>
            <div class="stats-tools">
                {tools}
                <button
                    type="button"
                    class="table-toggle"
                    data-action="show-table"
                    aria-pressed=move || as_table.get().to_string()
                    on:click=move |_| as_table.update(|t| *t = !*t)
                >
                    {ui.show_table}
                </button>
            </div>
        </div>
    }
}
