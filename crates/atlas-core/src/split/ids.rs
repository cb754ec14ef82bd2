//! Where a record is: its id → its position, in small files that group ids by a hash, so
//! a record page opened from a link (`?id=…`) fetches one of them and then the fragment
//! that owns the record, not the whole catalogue.
//!
//! `DIR/ids/NNNN.json` is a JSON object `{id: position}`; the id `x` is in file
//! `ids[fnv1a(x) % ids.len()]` of the manifest ([`Manifest::id_file`]), with about
//! [`IDS_PER_FILE`] ids a file (about 60 KB raw, 15 KB gzipped, at 2,000 ids).

use super::Manifest;
use crate::catalog::{Catalog, RecordRef};
use crate::LoadError;
use std::collections::BTreeMap;

/// Ids per file, about.
pub const IDS_PER_FILE: usize = 2000;

/// One id file: id → position.
pub type IdFile = BTreeMap<String, u32>;

/// 32-bit FNV-1a of the id's bytes: the same in every build and on every platform, since the
/// client must find the file the builder put an id in.
pub fn id_hash(id: &str) -> u32 {
    id.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ b as u32).wrapping_mul(0x0100_0193)
    })
}

/// How many id files a catalogue of `records` records gets.
fn file_count(records: usize) -> usize {
    records.div_ceil(IDS_PER_FILE).max(1)
}

/// The id files of the records in `order` (position `p` is `order[p]`).
pub(super) fn build_ids(catalog: &Catalog, order: &[RecordRef]) -> Vec<IdFile> {
    let n = file_count(order.len());
    let mut files = vec![IdFile::new(); n];
    for (p, r) in order.iter().enumerate() {
        let id = catalog.get(*r).id();
        files[id_hash(id) as usize % n].insert(id.to_string(), p as u32);
    }
    files
}

impl Manifest {
    /// The id file that holds `id` (relative to the manifest); `None` when the manifest has
    /// no id files (written before them).
    pub fn id_file(&self, id: &str) -> Option<&str> {
        let n = self.ids.len();
        (n > 0).then(|| self.ids[id_hash(id) as usize % n].as_str())
    }
}

/// Reads an id file and finds `id` in it: its position, checked against the manifest's
/// record count; `Ok(None)` when the catalogue has no such record.
pub fn position_of(manifest: &Manifest, id: &str, bytes: &[u8]) -> Result<Option<u32>, LoadError> {
    let file = manifest.id_file(id).unwrap_or("ids");
    let parsed: IdFile = serde_json::from_slice(bytes)
        .map_err(|e| LoadError::Parse(format!("{file}: not an id file: {e}")))?;
    match parsed.get(id) {
        Some(&p) if p >= manifest.records => Err(LoadError::Parse(format!(
            "{file}: field `{id}`: position {p}, the catalogue has {} records",
            manifest.records
        ))),
        found => Ok(found.copied()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::split::build_split;

    fn shipped() -> Catalog {
        let json = include_str!("../../../../public/data/bundle.json");
        Catalog::new(crate::load_bundle(json).expect("valid bundle"))
    }

    #[test]
    fn the_hash_is_fnv1a() {
        // Published FNV-1a 32-bit test vectors.
        assert_eq!(id_hash(""), 0x811c_9dc5);
        assert_eq!(id_hash("a"), 0xe40c_292c);
        assert_eq!(id_hash("foobar"), 0xbf9c_f968);
    }

    #[test]
    fn every_record_is_found_at_its_position() {
        let c = shipped();
        let split = build_split(&c, 5);
        let order = c.browse_order();
        let files: BTreeMap<String, String> = split
            .files()
            .into_iter()
            .filter(|(p, _)| split.manifest.ids.contains(p))
            .collect();
        assert_eq!(files.len(), split.manifest.ids.len());
        for (p, r) in order.iter().enumerate() {
            let id = c.get(*r).id();
            let file = split.manifest.id_file(id).unwrap();
            let found = position_of(&split.manifest, id, files[file].as_bytes()).unwrap();
            assert_eq!(found, Some(p as u32), "{id}");
            // And the fragment that position names owns it.
            let (fragment, own) = split.manifest.locate(p as u32);
            let fc = Catalog::new(split.fragments[fragment].clone());
            let owned = split.manifest.own_records(fragment, &fc)[own];
            assert_eq!(fc.get(owned).id(), id);
        }
        let any = files.values().next().unwrap();
        assert_eq!(
            position_of(&split.manifest, "no-such-record", any.as_bytes()).unwrap(),
            None
        );
        assert!(position_of(&split.manifest, "x", b"[1,2]").is_err());
        let past = format!("{{\"x\":{}}}", split.manifest.records);
        assert!(position_of(&split.manifest, "x", past.as_bytes()).is_err());
    }
}
