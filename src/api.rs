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
    /// `?bundle=` named an address outside the app's origin and the partner allow-list.
    Refused(String),
}

/// Where the bundle lives, relative to the page so the app works under any sub-path.
pub const BUNDLE_URL: &str = "data/bundle.json";
/// Set by the service worker on the saved copy of the bundle it serves when offline.
const SAVED_AT_HEADER: &str = "x-atlas-fetched-at";

/// Partner origins allowed for `?bundle=`, fixed at build time
/// (`ATLAS_PARTNER_ORIGINS="https://a.example,https://b.example" cargo xtask build`).
pub fn partner_origins() -> Vec<&'static str> {
    option_env!("ATLAS_PARTNER_ORIGINS")
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// The bundle to load: `?bundle=` when allowed, else the app's own.
fn bundle_url() -> Result<String, FetchError> {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let requested = web_sys::UrlSearchParams::new_with_str(&search)
        .ok()
        .and_then(|p| p.get("bundle"));
    match requested {
        None => Ok(BUNDLE_URL.to_string()),
        Some(url) if atlas_core::params::bundle_url_allowed(&url, &partner_origins()) => Ok(url),
        Some(url) => Err(FetchError::Refused(url)),
    }
}

pub async fn fetch_atlas() -> Result<Arc<Atlas>, FetchError> {
    let url = bundle_url()?;
    let response = gloo_net::http::Request::get(&url)
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
