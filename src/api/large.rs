//! Large-catalog mode: the data address holds a *split* manifest
//! ([`atlas_core::split`]) instead of a bundle, and record fragments and term shards are
//! fetched as the cards and the query need them.
//!
//! The rule: the app fetches its data address as always (`data/bundle.json`, or an allowed
//! `?bundle=`). When the JSON is a manifest (`"format":"atlas-split"`, checked by
//! [`atlas_core::split::parse_manifest`]), the file names it lists are resolved against the
//! manifest's own address (so `?bundle=https://partner.example/big/manifest.json` reads
//! `https://partner.example/big/records/0000.json`), and only plain relative names below it
//! are accepted.

use super::{absolute, fetch_bytes, load, Atlas, FetchError, LoadFailure};
use atlas_core::split::{
    resolve, GroupFile, Manifest, PlacesFile, Shard, SplitFacets, StatsFile, TimelineFile,
    TitlesFile, YearFile,
};
use atlas_core::stats::GroupBy;
use atlas_core::LoadError;
use std::sync::Arc;

/// A split catalog: its manifest and where it was read from.
#[derive(Debug)]
pub struct Large {
    pub manifest: Manifest,
    /// The manifest's address as fetched (relative to the page, or absolute).
    pub url: String,
}

impl Large {
    pub fn new(manifest: Manifest, url: &str) -> Large {
        Large {
            manifest,
            url: url.to_string(),
        }
    }

    /// The address of a file the manifest names.
    pub fn file_url(&self, file: &str) -> String {
        resolve(&self.url, file)
    }
}

/// On an address whose first cards are the catalogue's first records
/// ([`atlas_core::params::shows_first_records`]), starts fetching their fragment now, beside
/// the large view's code, by a `<link rel="preload">` the view's own request then takes over
/// (in flight or done).
pub fn preload_first_cards(large: &Large) {
    let Some(file) = large.manifest.fragments.get(large.manifest.locate(0).0) else {
        return;
    };
    let Some(window) = web_sys::window() else {
        return;
    };
    let search = window.location().search().unwrap_or_default();
    let plain = atlas_core::params::shows_first_records(&search);
    let (Some(doc), true) = (window.document(), plain) else {
        return;
    };
    let Ok(link) = doc.create_element("link") else {
        return;
    };
    for (name, value) in [
        ("rel", "preload"),
        ("as", "fetch"),
        ("type", "application/json"),
        ("crossorigin", ""),
        ("href", &large.file_url(file)),
    ] {
        let _ = link.set_attribute(name, value);
    }
    if let Some(head) = doc.head() {
        let _ = head.append_child(&link);
    }
}

fn failure(url: &str, error: FetchError) -> LoadFailure {
    LoadFailure {
        url: absolute(url),
        error,
    }
}

/// Fragment `i`, loaded as a catalog of its own (validated, direction controls removed like
/// any bundle). Its own records are checked to be there, so drawing them cannot fail.
pub async fn fetch_fragment(large: &Large, i: usize) -> Result<Arc<Atlas>, LoadFailure> {
    let Some(file) = large.manifest.fragments.get(i) else {
        let error = FetchError::Load(LoadError::Parse(format!("no fragment {i}")));
        return Err(failure(&large.url, error));
    };
    let url = large.file_url(file);
    let (bytes, _) = fetch_bytes(&url).await.map_err(|e| failure(&url, e))?;
    let bundle = load(&bytes).map_err(|e| failure(&url, e))?;
    for (kind, n) in large.manifest.own_counts(i) {
        let have = bundle.count(kind);
        if have < n {
            let error = FetchError::Load(LoadError::Parse(format!(
                "fragment {i} should own {n} record(s) of kind {} but holds {have}",
                kind.as_str()
            )));
            return Err(failure(&url, error));
        }
    }
    Ok(Arc::new(Atlas::fragment(bundle)))
}

/// Reads `file` (a name the manifest gave) and decodes it with `parse`; a failure names the
/// file's address.
async fn fetch_parsed<T>(
    large: &Large,
    file: &str,
    parse: impl FnOnce(&[u8]) -> Result<T, LoadError>,
) -> Result<T, LoadFailure> {
    let url = large.file_url(file);
    let (bytes, _) = fetch_bytes(&url).await.map_err(|e| failure(&url, e))?;
    parse(&bytes).map_err(|e| failure(&url, FetchError::Load(e)))
}

/// The file a manifest field names, or an error saying the manifest lists none (it was
/// written before the field existed): `what (`field`)`.
fn listed<'a>(large: &Large, file: Option<&'a str>, what: &str) -> Result<&'a str, LoadFailure> {
    file.ok_or_else(|| {
        let error = FetchError::Load(LoadError::Parse(format!("the manifest lists no {what}")));
        failure(&large.url, error)
    })
}

/// The term shard of `key`.
pub async fn fetch_shard(large: &Large, key: &str) -> Result<Shard, LoadFailure> {
    let Some(file) = large.manifest.file(key) else {
        let error = FetchError::Load(LoadError::Parse(format!("no shard for `{key}`")));
        return Err(failure(&large.url, error));
    };
    fetch_parsed(large, file, |bytes| {
        serde_json::from_slice(bytes)
            .map_err(|e| LoadError::Parse(format!("not a term shard: {e}")))
    })
    .await
}

/// The facet table's value file, read into the client's facet table; an error when the
/// manifest has none (written before facet tables) or the file is bad.
pub async fn fetch_facets(large: &Large) -> Result<SplitFacets, LoadFailure> {
    let files = large.manifest.facets.as_ref();
    let file = listed(
        large,
        files.map(|f| f.values.as_str()),
        "facet table (`facets`)",
    )?;
    fetch_parsed(large, file, |bytes| {
        SplitFacets::new(&large.manifest, bytes)
    })
    .await
}

/// A facet file the table names (a label file or a block), as bytes, with its address for
/// the error message when it turns out to be bad.
pub async fn fetch_facet_file(large: &Large, file: &str) -> Result<(Vec<u8>, String), LoadFailure> {
    let url = large.file_url(file);
    let (bytes, _) = fetch_bytes(&url).await.map_err(|e| failure(&url, e))?;
    Ok((bytes, url))
}

/// `error` (from reading a facet file) as a failure of the file at `url`.
pub fn bad_facet_file(url: &str, error: LoadError) -> LoadFailure {
    failure(url, FetchError::Load(error))
}

/// The position of the record `id` (`None`: the catalogue has no such record), from the id
/// file its hash names. The manifest must list id files ([`Manifest::ids`]).
pub async fn fetch_position(large: &Large, id: &str) -> Result<Option<u32>, LoadFailure> {
    let file = listed(large, large.manifest.id_file(id), "id files (`ids`)")?;
    fetch_parsed(large, file, |bytes| {
        atlas_core::split::position_of(&large.manifest, id, bytes)
    })
    .await
}

/// The map's places file ([`atlas_core::split::PlacesFile`]); an error when the manifest
/// names none (written before there was one) or the file is bad.
pub async fn fetch_places(large: &Large) -> Result<Arc<PlacesFile>, LoadFailure> {
    let file = listed(
        large,
        large.manifest.places.as_deref(),
        "places file (`places`)",
    )?;
    fetch_parsed(large, file, |bytes| {
        atlas_core::split::parse_places(&large.manifest, bytes).map(Arc::new)
    })
    .await
}

/// The timeline's index ([`atlas_core::split::TimelineFile`]); an error when the manifest
/// names none (written before there was one) or the file is bad.
pub async fn fetch_timeline(large: &Large) -> Result<Arc<TimelineFile>, LoadFailure> {
    let file = listed(
        large,
        large.manifest.timeline.as_deref(),
        "timeline (`timeline`)",
    )?;
    fetch_parsed(large, file, |bytes| {
        atlas_core::split::parse_timeline(&large.manifest, bytes).map(Arc::new)
    })
    .await
}

/// The positions of the events starting in `year`, in time order, from `file` (named by the
/// timeline's index).
pub async fn fetch_year(
    large: &Large,
    year: i32,
    file: &str,
) -> Result<Arc<YearFile>, LoadFailure> {
    fetch_parsed(large, file, |bytes| {
        atlas_core::split::parse_year(&large.manifest, year, file, bytes).map(Arc::new)
    })
    .await
}

/// The statistics index grouped `by` ([`atlas_core::split::StatsFile`]); an error when the
/// manifest names none (written before there was one) or the file is bad.
pub async fn fetch_stats(large: &Large, by: GroupBy) -> Result<Arc<StatsFile>, LoadFailure> {
    let what = match by {
        GroupBy::Measure => "statistics (`stats`)",
        GroupBy::Event => "statistics by event (`stats_event`)",
    };
    let file = listed(large, large.manifest.stats_file(by), what)?;
    fetch_parsed(large, file, |bytes| {
        atlas_core::split::parse_stats(&large.manifest, by, bytes).map(Arc::new)
    })
    .await
}

/// File `chunk` of the headings of the groups of `index` (by event) in `lang` (Arabic when
/// the index has none in it).
pub async fn fetch_titles(
    large: &Large,
    index: &StatsFile,
    lang: &str,
    chunk: usize,
) -> Result<Arc<TitlesFile>, LoadFailure> {
    let file = listed(
        large,
        index
            .titles
            .get(lang)
            .or_else(|| index.titles.get("ar"))
            .and_then(|files| files.get(chunk))
            .map(String::as_str),
        "group headings (`titles`)",
    )?;
    fetch_parsed(large, file, |bytes| {
        atlas_core::split::parse_titles(index, chunk, file, bytes).map(Arc::new)
    })
    .await
}

/// The figures of group `key` (grouped `by`), in the group's order, from `file` (named by
/// the statistics index: by event, the pack that holds the group).
pub async fn fetch_group(
    large: &Large,
    by: GroupBy,
    key: &str,
    file: &str,
) -> Result<Arc<GroupFile>, LoadFailure> {
    fetch_parsed(large, file, |bytes| {
        atlas_core::split::parse_group(&large.manifest, by, key, file, bytes).map(Arc::new)
    })
    .await
}
