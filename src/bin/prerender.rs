//! Renders the landing view (Arabic, cards, no query or filter) to HTML at build time, from
//! the app's own components and the bundle the build ships, and writes it into the built
//! `index.html` in place of the `<!-- atlas:landing -->` marker. The page then shows the
//! header, the search form and the first screen of cards before any script has run; the
//! app replaces them once it has loaded (`src/takeover.rs`).
//!
//! Usage: `prerender [DIST]` (default: `$TRUNK_STAGING_DIR`, as a Trunk post-build hook
//! sets it). Reads `DIST/data/bundle.json`, rewrites `DIST/index.html`.

use atlas::api::{self, Atlas, Loaded};
use leptos::prelude::*;
use leptos_router::location::RequestUrl;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Where the landing view goes in `index.html`.
const MARKER: &str = "<!-- atlas:landing -->";
/// The boot container's opening tag, marked once the landing view is in it.
const BOOT: &str = "<div id=\"boot\" class=\"boot\">";
const BOOT_PRERENDERED: &str = "<div id=\"boot\" class=\"boot\" data-prerendered=\"landing\">";

fn main() -> ExitCode {
    match run() {
        Ok(path) => {
            println!("prerender: landing view written into {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("prerender: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<PathBuf, String> {
    let dist = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("TRUNK_STAGING_DIR").ok())
        .map(PathBuf::from)
        .ok_or("name the built site's folder (or run as a Trunk hook)")?;
    let bundle_path = dist.join("data/bundle.json");
    let bytes =
        std::fs::read(&bundle_path).map_err(|e| format!("{}: {e}", bundle_path.display()))?;
    let bundle =
        api::load(&bytes).map_err(|e| format!("{}: {}", bundle_path.display(), e.diagnosis()))?;
    let html_path = dist.join("index.html");
    let page =
        std::fs::read_to_string(&html_path).map_err(|e| format!("{}: {e}", html_path.display()))?;
    let landing = render_landing(Atlas::from_bundle(bundle, None));
    let page = insert(&page, &landing).map_err(|e| format!("{}: {e}", html_path.display()))?;
    std::fs::write(&html_path, page).map_err(|e| format!("{}: {e}", html_path.display()))?;
    Ok(html_path)
}

/// The app at `/` with this data, as HTML.
fn render_landing(atlas: Atlas) -> String {
    let owner = Owner::new();
    let html = owner.with(|| {
        provide_context(RequestUrl::new("/"));
        api::preload(Ok(Loaded::Full(Arc::new(atlas))));
        view! { <atlas::App/> }.to_html()
    });
    drop(owner);
    html
}

/// `page` with the landing view at the marker, its container marked as prerendered.
fn insert(page: &str, landing: &str) -> Result<String, String> {
    if page.matches(MARKER).count() != 1 || page.matches(BOOT).count() != 1 {
        return Err(format!(
            "expected one {MARKER} inside one {BOOT} (already prerendered, or index.html changed)"
        ));
    }
    Ok(page
        .replace(BOOT, BOOT_PRERENDERED)
        .replace(MARKER, landing))
}
