//! Fetching and preparing the data bundle; [`large`] when the data address holds a split
//! catalogue instead.

pub mod large;

use atlas_core::facets::FacetIndex;
use atlas_core::search::IndexBuilder;
use atlas_core::{Bundle, Catalog, LoadError, SearchIndex};
use std::sync::{Arc, Mutex, OnceLock};

impl Atlas {
    /// The loaded data for a bundle: its catalog and facets now, its index in slices later.
    pub fn from_bundle(bundle: Bundle, saved_at: Option<String>) -> Self {
        let atlas = Atlas::fragment(bundle);
        // Built now, with the catalog: the first render filters and counts at once.
        atlas.facets();
        Atlas {
            saved_at,
            partial: false,
            ..atlas
        }
    }

    /// A record fragment of a split catalogue ([`large::fetch_fragment`]): its catalog only.
    /// The split's own facet table filters and counts; a fragment's facet index is built only
    /// if something asks for it (`cargo bench -p atlas-core --bench fragment` measures it).
    pub fn fragment(bundle: Bundle) -> Self {
        Atlas {
            // Started by the first `index_step` (a fragment of a split catalog never is).
            building: Mutex::new(None),
            catalog: Catalog::new(bundle),
            index: OnceLock::new(),
            facets: OnceLock::new(),
            saved_at: None,
            partial: true,
        }
    }

    /// The facet index: filters and counts over the whole bundle.
    pub fn facets(&self) -> &FacetIndex {
        self.facets.get_or_init(|| FacetIndex::new(&self.catalog))
    }

    /// The search index: built on the spot if the background steps have not finished.
    pub fn index(&self) -> &SearchIndex {
        self.index.get_or_init(|| {
            let builder = self.building.lock().ok().and_then(|mut b| b.take());
            builder
                .unwrap_or_else(|| IndexBuilder::new(&self.catalog))
                .finish(&self.catalog)
        })
    }

    /// Indexes records for about `budget_ms`; true once the index is complete. Called from
    /// timers, so the index is built in slices short enough never to block input
    /// (Lighthouse counts every main-thread task over 50 ms at 4× slowdown as blocking).
    pub fn index_step(&self, budget_ms: f64) -> bool {
        if self.index.get().is_some() {
            return true;
        }
        let start = js_sys::Date::now();
        let done = {
            let Ok(mut slot) = self.building.lock() else {
                return false;
            };
            let builder = slot.get_or_insert_with(|| IndexBuilder::new(&self.catalog));
            // A few records at a time until the budget is spent.
            while !builder.is_done() && js_sys::Date::now() - start < budget_ms {
                builder.step(&self.catalog, 4);
            }
            builder.is_done()
        };
        if done {
            self.index();
        }
        done
    }
}

/// The loaded data: the catalog of records and its search index.
#[derive(Debug)]
pub struct Atlas {
    pub catalog: Catalog,
    /// Built after the first cards are on screen, a slice at a time ([`Atlas::index_step`]),
    /// or at the first query if sooner: the first paint does not wait for it.
    index: OnceLock<SearchIndex>,
    /// The index while it is being built in slices.
    building: Mutex<Option<IndexBuilder>>,
    facets: OnceLock<FacetIndex>,
    /// A fragment of a split catalogue: it holds its own records whole, but not every record
    /// that links to them (a person's events, an organisation's members).
    pub partial: bool,
    /// When the bundle was saved, if it came from the offline copy (the service worker marks
    /// that copy with the time it was fetched).
    pub saved_at: Option<String>,
}

/// Why the data could not be shown.
#[derive(Clone, Debug, PartialEq)]
pub enum FetchError {
    /// The request failed (offline, blocked, DNS…).
    Network(String),
    /// The server answered with an error status (code and status text).
    Status(u16, String),
    /// The server sent something that is not data (a web page: an error or sign-in page).
    WrongType(String),
    /// The response was not a bundle this app can read.
    Load(LoadError),
    /// `?bundle=` named an address outside the app's origin and the partner allow-list.
    Refused(String),
}

impl FetchError {
    /// A short name for the kind of failure (`data-error` in the page, for tests and styles).
    pub fn kind(&self) -> &'static str {
        match self {
            FetchError::Network(_) => "network",
            FetchError::Status(..) => "status",
            FetchError::WrongType(_) => "type",
            FetchError::Load(LoadError::Parse(_)) => "parse",
            FetchError::Load(LoadError::UnsupportedVersion(_)) => "version",
            FetchError::Load(_) => "invalid",
            FetchError::Refused(_) => "refused",
        }
    }

    /// What is wrong, in technical words (English, as the data tools print it).
    pub fn diagnosis(&self) -> String {
        let text = match self {
            FetchError::Network(e) => format!("the request failed: {e}"),
            FetchError::Status(code, text) => format!("HTTP {code} {text}").trim().to_string(),
            FetchError::WrongType(t) => format!(
                "expected JSON data (application/json) but the server sent {t}: a web page, \
                 not the data file"
            ),
            FetchError::Load(e) => e.to_string(),
            FetchError::Refused(url) => format!("not an allowed data address: {url}"),
        };
        // A hostile file can make messages long; the first part says what is wrong.
        const MAX: usize = 600;
        match text.char_indices().nth(MAX) {
            Some((cut, _)) => format!("{}…", &text[..cut]),
            None => text,
        }
    }
}

/// A failed load: which address was asked for, and what went wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadFailure {
    /// The absolute address of the bundle.
    pub url: String,
    pub error: FetchError,
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
    match crate::address_param("bundle") {
        None => Ok(BUNDLE_URL.to_string()),
        Some(url) if atlas_core::params::bundle_url_allowed(&url, &partner_origins()) => Ok(url),
        Some(url) => Err(FetchError::Refused(url)),
    }
}

/// `url` resolved against the page, as the reader would see it in the address bar.
pub(crate) fn absolute(url: &str) -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return url.to_string();
    };
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    if url.contains("://") {
        url.to_string()
    } else if url.starts_with('/') {
        format!("{origin}{url}")
    } else {
        let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
        format!("{origin}{dir}{url}")
    }
}

/// Loads the body: [`parse`], then validation.
pub fn load(bytes: &[u8]) -> Result<Bundle, FetchError> {
    parse(bytes).and_then(check)
}

/// Parses the body (the first step of [`load`]). `parse_bundle_bytes` checks UTF-8 itself
/// (the browser's text decoding would silently replace bad bytes) and names the byte where it
/// breaks. Explicit direction controls are removed from the text first
/// ([`atlas_core::bidi`]); a body that fails to parse is diagnosed as it was sent, so
/// positions in the message are the file's own.
pub fn parse(bytes: &[u8]) -> Result<Bundle, FetchError> {
    let stripped = atlas_core::bidi::strip_controls(bytes);
    atlas_core::parse_bundle_bytes(&stripped).map_err(|e| {
        FetchError::Load(match stripped {
            std::borrow::Cow::Owned(_) => atlas_core::parse_bundle_bytes(bytes).err().unwrap_or(e),
            std::borrow::Cow::Borrowed(_) => e,
        })
    })
}

/// Validates a parsed bundle (the second step of [`load`]).
pub fn check(bundle: Bundle) -> Result<Bundle, FetchError> {
    atlas_core::checked(bundle).map_err(FetchError::Load)
}

/// What the data address held: a whole bundle, or the manifest of a split one (large-catalog
/// mode, [`large`]).
#[derive(Clone)]
pub enum Loaded {
    Full(Arc<Atlas>),
    Large(Arc<large::Large>),
}

/// What the data address gave, once loaded: the app's first render shows it at once.
pub type LoadResult = Result<Loaded, LoadFailure>;

thread_local! {
    static PRELOADED: std::cell::RefCell<Option<LoadResult>> = const { std::cell::RefCell::new(None) };
}

/// Hands a load made before the app mounts to its first render ([`take_preloaded`]).
pub fn preload(result: LoadResult) {
    PRELOADED.with(|p| *p.borrow_mut() = Some(result));
}

/// The load handed over by [`preload`], once; `None` when the app must fetch it itself.
pub fn take_preloaded() -> Option<LoadResult> {
    PRELOADED.with(|p| p.borrow_mut().take())
}

pub async fn fetch_atlas() -> LoadResult {
    let url = match bundle_url() {
        Ok(url) => url,
        Err(error) => {
            let url = match &error {
                FetchError::Refused(u) => u.clone(),
                _ => BUNDLE_URL.to_string(),
            };
            return Err(LoadFailure { url, error });
        }
    };
    let full = absolute(&url);
    fetch_from(&url)
        .await
        .map_err(|error| LoadFailure { url: full, error })
}

/// The body of a data file, checked: a success status and not a web page. Also the
/// service worker's "saved at" mark, when it served its offline copy.
pub(crate) async fn fetch_bytes(url: &str) -> Result<(Vec<u8>, Option<String>), FetchError> {
    fetch_bytes_with(url, web_sys::RequestCache::Default).await
}

/// [`fetch_bytes`], with what the browser's cache may answer (`Reload`: only the server).
pub(crate) async fn fetch_bytes_with(
    url: &str,
    cache: web_sys::RequestCache,
) -> Result<(Vec<u8>, Option<String>), FetchError> {
    let response = gloo_net::http::Request::get(url)
        .cache(cache)
        .send()
        .await
        .map_err(network)?;
    if !response.ok() {
        return Err(FetchError::Status(
            response.status(),
            response.status_text(),
        ));
    }
    // An HTML page where the data should be: a captive portal, a sign-in or error page.
    let content_type = response.headers().get("content-type").unwrap_or_default();
    if content_type.to_ascii_lowercase().contains("html") {
        return Err(FetchError::WrongType(content_type));
    }
    let saved_at = response.headers().get(SAVED_AT_HEADER);
    let bytes = response.binary().await.map_err(network)?;
    Ok((bytes, saved_at))
}

/// A failed request in the browser's words (`TypeError: Failed to fetch`), as gloo-net's
/// `Display` gives them, without its JSON error's `Display`: neither call here reads JSON,
/// and that one would bring serde_json's error messages into the main wasm.
fn network(e: gloo_net::Error) -> FetchError {
    FetchError::Network(match e {
        gloo_net::Error::JsError(e) => e.to_string(),
        gloo_net::Error::GlooError(e) => e,
        gloo_net::Error::SerdeError(_) => "the response could not be read".into(),
    })
}

async fn fetch_from(url: &str) -> Result<Loaded, FetchError> {
    let (bytes, saved_at) = fetch_bytes(url).await?;
    crate::mark("atlas:fetched");
    // A split manifest (large-catalog mode); if it is a broken one, its own error says why.
    let mut manifest_error = None;
    if atlas_core::split::looks_like_manifest(&bytes) {
        // The code of the large view comes beside the manifest's parser, not after it: a
        // failure here is retried when the view is drawn, which says so. (This runs before
        // the app mounts, so before Leptos's executor is set: wasm-bindgen's spawns it.)
        wasm_bindgen_futures::spawn_local(async {
            let _ = crate::preload_large_view().await;
        });
        match manifest_of(&bytes, url).await {
            Ok(Ok(large)) => return Ok(Loaded::Large(Arc::new(large))),
            Ok(Err(e)) => manifest_error = Some(FetchError::Load(e)),
            Err(_) => {
                return Err(FetchError::Network(
                    "the code of large-catalogue mode (a wasm chunk) could not be loaded".into(),
                ))
            }
        }
    }
    let bundle = parse(&bytes);
    drop(bytes);
    match bundle {
        Ok(bundle) => {
            // Parsing, validating, building the catalog and facets, and the first render are
            // four tasks, not one: the page stays responsive between them (Lighthouse counts
            // each task's time over 50 ms as blocking).
            crate::mark("atlas:parsed");
            next_task().await;
            let bundle = match check(bundle) {
                Ok(bundle) => bundle,
                Err(e) => return Err(manifest_error.unwrap_or(e)),
            };
            crate::mark("atlas:checked");
            next_task().await;
            let atlas = Atlas::from_bundle(bundle, saved_at);
            crate::mark("atlas:catalog");
            next_task().await;
            Ok(Loaded::Full(Arc::new(atlas)))
        }
        Err(e) => Err(manifest_error.unwrap_or(e)),
    }
}

/// Resolves in a new task, letting the browser handle input and paint. A message to itself,
/// not a zero-delay timer: start-up yields a dozen times in a row, and timers nested that
/// deep wait at least 4 ms each (the HTML standard's clamp).
pub async fn next_task() {
    // Held until the message comes (a port nothing refers to may be collected before).
    let channel = web_sys::MessageChannel::new().ok();
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let posted = channel.as_ref().is_some_and(|channel| {
            channel.port1().set_onmessage(Some(&resolve));
            channel
                .port2()
                .post_message(&wasm_bindgen::JsValue::NULL)
                .is_ok()
        });
        if !posted {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    drop(channel);
}

/// The loaded data, provided by the explorer to every view below it.
pub fn use_atlas() -> Arc<Atlas> {
    leptos::prelude::expect_context::<Arc<Atlas>>()
}

crate::lazy_fn! {
    /// A split manifest's parse, in a chunk of its own: only large-catalogue sites need it
    /// (as the first cards' preload, [`large::preload_first_cards`]).
    fn manifest_of(bytes: &[u8], url: &str) -> Result<large::Large, atlas_core::LoadError> {
        atlas_core::split::parse_manifest(bytes).map(|manifest| {
            let large = large::Large::new(manifest, url);
            large::preload_first_cards(&large);
            large
        })
    }
}
