//! Renders the landing view (Arabic, cards, no query or filter) to HTML at build time, from
//! the app's own components and the bundle the build ships, and writes it into the built
//! `index.html` in place of the `<!-- atlas:landing -->` marker. The page then shows the
//! header, the search form and the first screen of cards before any script has run; the
//! app replaces them once it has loaded (`src/takeover.rs`).
//!
//! Usage: `prerender [DIST]` (default: `$TRUNK_STAGING_DIR`, as a Trunk post-build hook
//! sets it). Reads `DIST/data/bundle.json`, rewrites `DIST/index.html`.

// The whole app's view type is laid out here (native, not type-erased): large mode's list
// sits near the compiler's default query depth of 128, and an incremental build can pass it
// where a fresh one does not.
#![recursion_limit = "256"]

use atlas::api::{self, Atlas, Loaded};
use leptos::prelude::*;
use leptos_router::location::RequestUrl;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Where the landing view goes in `index.html`: an element, since Trunk's minifier drops
/// comments (and quotes, so tags are found by their `id` in either form).
const MARKER: &str = "<atlas-landing></atlas-landing>";
/// The boot container gets this attribute once the landing view is in it.
const PRERENDERED: &str = " data-prerendered=landing";

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
        view! { <atlas::App /> }.to_html()
    });
    drop(owner);
    html
}

/// `page` with the landing view at the marker, its container (`id=boot`) marked as
/// prerendered.
fn insert(page: &str, landing: &str) -> Result<String, String> {
    let one = |what: &str, n: usize| {
        if n == 1 {
            Ok(())
        } else {
            Err(format!(
                "expected one {what}, found {n} (already prerendered?)"
            ))
        }
    };
    one(MARKER, page.matches(MARKER).count())?;
    let ids: Vec<usize> = ["id=boot ", "id=boot>", "id=\"boot\""]
        .iter()
        .flat_map(|id| page.match_indices(id).map(|(i, _)| i))
        .collect();
    one("element with id boot", ids.len())?;
    let tag_end = ids[0] + page[ids[0]..].find('>').ok_or("unterminated boot tag")?;
    let mut out = String::with_capacity(page.len() + landing.len() + PRERENDERED.len());
    out.push_str(&page[..tag_end]);
    out.push_str(PRERENDERED);
    out.push_str(&page[tag_end..]);
    Ok(out.replacen(MARKER, landing, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserts_at_the_marker_in_minified_and_plain_pages() {
        for page in [
            "<body><div class=boot id=boot><atlas-landing></atlas-landing><p>wait</p></div>",
            "<body><div id=\"boot\" class=\"boot\"><atlas-landing></atlas-landing></div>",
        ] {
            let out = insert(page, "<main>cards</main>").unwrap();
            assert!(out.contains("<main>cards</main>"), "{out}");
            assert!(!out.contains(MARKER));
            assert_eq!(
                out.matches(" data-prerendered=landing>").count(),
                1,
                "{out}"
            );
            assert!(insert(&out, "x").is_err(), "a second run must refuse");
        }
    }
}
