//! Fetching and preparing the data bundle.

use atlas_core::facets::FacetIndex;
use atlas_core::{Catalog, LoadError, SearchIndex};
use std::sync::Arc;

/// The loaded data: the catalog of records and its search index.
#[derive(Debug)]
pub struct Atlas {
    pub catalog: Catalog,
    pub index: SearchIndex,
    pub facets: FacetIndex,
    /// When the bundle was saved, if it came from the offline copy (the service worker marks
    /// that copy with the time it was fetched).
    pub saved_at: Option<String>,
}

/// Why the data could not be shown.
#[derive(Clone, Debug, PartialEq)]
pub enum FetchError {
    /// The request failed (offline, blocked, DNS…).
    Network(String),
    /// The server answered with an error status.
    Status(u16),
    /// The response was not a bundle this app can read.
    Load(LoadError),
}

/// Where the bundle lives, relative to the page so the app works under any sub-path.
pub const BUNDLE_URL: &str = "data/bundle.json";
/// Set by the service worker on the saved copy of the bundle it serves when offline.
const SAVED_AT_HEADER: &str = "x-atlas-fetched-at";

pub async fn fetch_atlas() -> Result<Arc<Atlas>, FetchError> {
    let response = gloo_net::http::Request::get(BUNDLE_URL)
        .send()
        .await
        .map_err(|e| FetchError::Network(e.to_string()))?;
    if !response.ok() {
        return Err(FetchError::Status(response.status()));
    }
    let saved_at = response.headers().get(SAVED_AT_HEADER);
    let text = response
        .text()
        .await
        .map_err(|e| FetchError::Network(e.to_string()))?;
    let bundle = atlas_core::load_bundle(&text).map_err(FetchError::Load)?;
    let catalog = Catalog::new(bundle);
    let index = SearchIndex::build(&catalog);
    let facets = FacetIndex::new(&catalog);
    Ok(Arc::new(Atlas {
        catalog,
        index,
        facets,
        saved_at,
    }))
}

/// The loaded data, provided by the explorer to every view below it.
pub fn use_atlas() -> Arc<Atlas> {
    leptos::prelude::expect_context::<Arc<Atlas>>()
}
