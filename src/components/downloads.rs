//! The statistics' downloads (CSV and JSON of exactly the figures shown), as items of the
//! share menu. They are built when the reader opens the menu, never before, and the code
//! that writes them (export rows, CSV, JSON) is a wasm chunk of its own: both the full
//! catalogue's statistics and large-catalogue mode's call it through [`export_links`], so it
//! stays out of the first load.

use crate::api::Atlas;
use crate::i18n::ui;
use crate::views::url::percent_encode;
use atlas_core::stats;
use leptos::prelude::*;
use std::sync::Arc;

/// Figures to export, in order: runs of figure indexes (in `bundle.figures`), each run with
/// the catalogue it indexes (large mode draws figures from many fragments).
pub type Figures = Vec<(Arc<Atlas>, Vec<usize>)>;

fn data_url(mime: &str, body: &str) -> String {
    format!("data:{mime};charset=utf-8,{}", percent_encode(body))
}

crate::lazy_fn! {
    /// The two download links of `figures`, rows in the language `lang`; `data-rows` says
    /// how many rows they hold.
    fn export_links(figures: Arc<Figures>, lang: &'static str) -> AnyView {
        let ui = ui();
        let mut rows = Vec::new();
        for (atlas, indexes) in figures.iter() {
            let shown: Vec<_> = indexes
                .iter()
                .filter_map(|&i| atlas.catalog.bundle.figures.get(i))
                .collect();
            rows.extend(stats::export_rows(&atlas.catalog, &shown, lang));
        }
        let csv = data_url("text/csv", &stats::to_csv(&rows));
        let json = data_url("application/json", &stats::to_json(&rows));
        view! {
            <span class="menu-downloads" data-rows=rows.len()>
                <a href=csv download="atlas-figures.csv" data-export="csv">
                    {ui.export_csv}
                </a>
                <a href=json download="atlas-figures.json" data-export="json">
                    {ui.export_json}
                </a>
            </span>
        }
        .into_any()
    }
}

/// The share menu's download items while `open`: the links to `figures()` (`None` or empty:
/// nothing is shown, so nothing to download), then `hint` if any. Reading `figures` is
/// tracked while the menu is open, so the links follow what is shown.
pub fn download_items(
    open: RwSignal<bool>,
    figures: impl Fn() -> Option<Figures> + Send + Sync + 'static,
    hint: Option<&'static str>,
) -> impl IntoView {
    let ui = ui();
    move || {
        if !open.get() {
            return None;
        }
        let hint = hint.map(|h| view! { <li class="menu-hint">{h}</li> });
        let figures = figures()
            .filter(|f| f.iter().any(|(_, ix)| !ix.is_empty()))
            .map(Arc::new);
        let links = figures.map(|figures| {
            let lang = ui.lang;
            let links = crate::lazily(move || export_links(figures.clone(), lang));
            view! { <li>{links}</li> }
        });
        Some(view! {
            {links}
            {hint}
        })
    }
}
