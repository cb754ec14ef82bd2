//! A compact citation line: outlet and date of each source, each a link to the source.

use crate::api::use_atlas;
use crate::i18n::ui;
use atlas_core::format;
use leptos::prelude::*;

/// "أشكاين · أكتوبر 2022 (مستنتَج)" for one source.
pub fn citation(source: &atlas_core::Source, lang: &str) -> String {
    let ui = ui();
    let (outlet, _) = source.outlet.get_or_ar(lang);
    match &source.date {
        Some(d) if source.date_inferred => {
            format!("{outlet} · {} ({})", format::date(lang, d), ui.inferred)
        }
        Some(d) => format!("{outlet} · {}", format::date(lang, d)),
        None => format!("{outlet} · {}", ui.undated),
    }
}

#[component]
pub fn SourceLine(ids: Vec<String>) -> impl IntoView {
    let atlas = use_atlas();
    let ui = ui();
    let items = ids
        .iter()
        .filter_map(|id| atlas.catalog.source(id))
        .map(|s| {
            let href = format!("?id={}", s.id);
            let text = citation(s, ui.lang);
            view! { <li><a href=href>{text}</a></li> }
        })
        .collect_view();
    view! {
        <div class="sources">
            <span class="sources-label">{ui.sources_label}</span>
            <ul class="sources-list">{items}</ul>
        </div>
    }
}
