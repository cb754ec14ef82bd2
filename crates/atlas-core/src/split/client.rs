//! Client helpers: telling a manifest from a bundle, checking it, and resolving the file
//! names it lists.

use super::{Manifest, FORMAT, FORMAT_VERSION};

/// Whether a fetched data file is a split manifest rather than a bundle: `"atlas-split"` in
/// its first 4 KB (a bundle's first records would have to quote it). Cheap on a 94 MB
/// bundle; [`parse_manifest`] then decides.
pub fn looks_like_manifest(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let marker = FORMAT.as_bytes();
    head.windows(marker.len()).any(|w| w == marker)
}

/// A file name from a manifest is used only if it is a plain relative path below the
/// manifest's directory: letters, digits, `-`, `_`, `.`, and `/` between non-empty parts,
/// no `..`, no scheme, no query. A hostile manifest cannot send the client elsewhere.
pub fn safe_relative_path(p: &str) -> bool {
    !p.is_empty()
        && p.len() <= 200
        && p.split('/').all(|part| {
            !part.is_empty()
                && part != "."
                && part != ".."
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        })
}

/// `file` (relative, [`safe_relative_path`]) resolved against the manifest's address: the
/// address up to its last `/` (before any `?` or `#`), then `file`.
pub fn resolve(manifest_url: &str, file: &str) -> String {
    let end = manifest_url.find(['?', '#']).unwrap_or(manifest_url.len());
    let path = &manifest_url[..end];
    let dir = path.rfind('/').map_or("", |i| &path[..=i]);
    format!("{dir}{file}")
}

/// Reads and checks a manifest: its format and versions, that its counts agree, and that
/// every file it names is a [`safe_relative_path`]. A manifest without `facets` (written
/// before the facet table) is valid: the client then has no facets.
pub fn parse_manifest(bytes: &[u8]) -> Result<Manifest, crate::LoadError> {
    use crate::LoadError;
    let m: Manifest = serde_json::from_slice(bytes)
        .map_err(|e| LoadError::Parse(format!("not a split manifest: {e}")))?;
    if m.format != FORMAT {
        return Err(LoadError::Parse(format!(
            "format `{}` is not `{FORMAT}`",
            m.format
        )));
    }
    if m.format_version != FORMAT_VERSION || m.schema_version != crate::model::SCHEMA_VERSION {
        return Err(LoadError::UnsupportedVersion(m.schema_version));
    }
    let f = m.fragment_size.max(1) as usize;
    if m.fragment_size == 0 || m.fragments.len() != (m.records as usize).div_ceil(f) {
        return Err(LoadError::Parse(format!(
            "{} fragments for {} records of {} a fragment",
            m.fragments.len(),
            m.records,
            m.fragment_size
        )));
    }
    let total: u64 = m.kinds.values().map(|&n| n as u64).sum();
    if total != m.records as u64 {
        return Err(LoadError::Parse(format!(
            "kinds add up to {total}, not {} records",
            m.records
        )));
    }
    let facet_files = m.facets.iter().flat_map(|f| {
        std::iter::once(&f.values)
            .chain(f.labels.values())
            .chain(&f.blocks)
    });
    if let Some(bad) = m
        .fragments
        .iter()
        .chain(m.shards.values())
        .chain(facet_files)
        .chain(&m.ids)
        .chain(&m.places)
        .chain(&m.timeline)
        .find(|p| !safe_relative_path(p))
    {
        return Err(LoadError::Parse(format!("unsafe file name `{bad}`")));
    }
    Ok(m)
}
