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
    let (outlet, when) = citation_parts(source, ui);
    format!("{outlet} {when}")
}

/// A citation's outlet, and its date from the separator on ("· أكتوبر 2022 (مستنتَج)"): a
/// card's one-line footer shortens the outlet and never cuts through the date.
fn citation_parts<'a>(source: &'a atlas_core::Source, ui: &Ui) -> (&'a str, String) {
    let lang = ui.lang;
    let (outlet, _) = source.outlet.get_or_ar(lang);
    let when = match &source.date {
        Some(d) if source.date_inferred => {
            format!("· {} ({})", format::date(lang, d), ui.inferred)
        }
        Some(d) => format!("· {}", format::date(lang, d)),
        None => format!("· {}", ui.undated),
    };
    (outlet, when)
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
            let (outlet, when) = citation_parts(s, ui);
            let outlet = outlet.to_string();
            view! {
                <li>
                    <a href=href>
                        <span class="src-outlet">{outlet}</span>
                        " "
                        <span class="src-when">{when}</span>
                    </a>
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
