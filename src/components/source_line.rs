//! A compact citation line: outlet and date of each source, each a link to the source.

use crate::api::use_atlas;
use crate::components::card::more_mark;
use crate::i18n::{ui, Ui};
use crate::views::url::record_href_in;
use atlas_core::format;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// "أشكاين · أكتوبر 2022 (مستنتَج)" for one source.
pub fn citation(source: &atlas_core::Source, ui: &Ui) -> String {
    let lang = ui.lang;
    let (outlet, _) = source.outlet.get_or_ar(lang);
    match &source.date {
        Some(d) if source.date_inferred => {
            format!("{outlet} · {} ({})", format::date(lang, d), ui.inferred)
        }
        Some(d) => format!("{outlet} · {}", format::date(lang, d)),
        None => format!("{outlet} · {}", ui.undated),
    }
}

/// The sources `ids`; with `shown`, only that many, then «+N» for the rest (a card: its
/// record's page lists them all).
#[component]
pub fn SourceLine(ids: Vec<String>, #[prop(optional)] shown: Option<usize>) -> AnyView {
    let atlas = use_atlas();
    let ui = ui();
    let query = use_query_map();
    let found: Vec<&atlas_core::Source> = ids
        .iter()
        .filter_map(|id| atlas.catalog.source(id))
        .collect();
    let limit = shown.unwrap_or(found.len());
    let more = found.len().saturating_sub(limit);
    let items = found
        .into_iter()
        .take(limit)
        .map(|s| {
            // Read again when the query or filters change under a card that stays.
            let id = s.id.clone();
            let href = move || record_href_in(&query.read(), &id);
            let text = citation(s, ui);
            view! {
                <li>
                    <a href=href>{text}</a>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="sources">
            <span class="sources-label">{ui.sources_label}</span>
            <ul class="sources-list">{items}{more_mark(more)}</ul>
        </div>
    }
    // Erased: a card's view type is otherwise too deep for the native (prerender) build.
    .into_any()
}
