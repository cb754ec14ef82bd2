//! A split's facet table: the value file, per-language label files and blocks of rows
//! (the format is documented with [`crate::split`], "Facets"), how they are built, and
//! the client's [`SplitFacets`], which counts with the code of [`crate::facets`].

mod build;
mod client;
mod code;
mod single;

pub(super) use build::build_facets;
pub use client::{MissingBlocks, SplitFacets};
pub use single::SingleFile;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The interface languages, each with a label file.
pub const LANGS: [&str; 4] = ["ar", "en", "fr", "es"];

/// A block is cut when its rows' code would pass this many bytes (but holds at least one
/// row): at 100k records a block holds 25 to 1,100 records, about 11 KB gzipped, so a
/// rare query's hits cost a small file each, while a broad one fetches all 174 (1.9 MB
/// gzipped; 8 KB blocks would make 348 files for 1% less, 64 KB ones 44 files of 45 KB). Records with many values (a person inherits those of every event they take
/// part in) get smaller blocks than events, which is why blocks are cut by size, not by
/// count.
pub const FACET_BLOCK_TARGET_BYTES: usize = 16 * 1024;

/// `DIR/facets/values.json`: every facet value with its total over the whole catalogue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FacetValuesFile {
    /// Number of records (every position has a row).
    pub records: u32,
    /// Facet (`kind`, `place`, … as in the URL) → its values. A facet no record has may be
    /// absent. Value ids number the values facet after facet in [`crate::facets::Facet::ALL`]
    /// order, each facet's values in the order listed.
    pub facets: BTreeMap<String, Column>,
    /// The single-value files ([`SingleFile`]: the answer for one value alone), relative to
    /// the manifest, in value-id order. Here rather than in the manifest, which every first
    /// visit reads: at 100k records there are 3,593 of them. A split written before them
    /// has none (every filter then needs the blocks).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub singles: Vec<String>,
    /// The first value id of each single-value file (0 first, increasing).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub single_starts: Vec<u32>,
    /// The slices ([`SliceRef`]): one kind's rows cut down to one facet's values, so the map
    /// and the timeline count events per place or per year, and the statistics pick their
    /// figures, from one small file instead of every block of the kind. A split written
    /// before them has none (those views then read the blocks).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub slices: Vec<SliceRef>,
}

/// A slice file (`DIR/facets/slice-KIND-FACET.json`): a [`FacetBlock`] whose positions are
/// the whole run of one kind and whose rows hold only the ids of one facet's values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SliceRef {
    /// The kind whose positions it covers (`event`, as in the manifest's `kinds`).
    pub kind: String,
    /// The facet whose values its rows hold (`place`, `year`, … as in the URL).
    pub facet: String,
    /// The file, relative to the manifest.
    pub file: String,
}

/// The (kind, facet) pairs a split writes slices for: an event's place, country, year and
/// status (one value each, years aside: about 50 KB gzipped apiece at 100k records, where
/// the events' blocks are 1 MB). With them the map, the timeline and the statistics answer
/// a query, and filters on these facets, without reading any block.
pub const SLICES: [(crate::model::Kind, crate::facets::Facet); 4] = [
    (crate::model::Kind::Event, crate::facets::Facet::Place),
    (crate::model::Kind::Event, crate::facets::Facet::Country),
    (crate::model::Kind::Event, crate::facets::Facet::Year),
    (crate::model::Kind::Event, crate::facets::Facet::Status),
];

/// One facet's values, in value-id order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// URL values (ids, slugs, years, kinds, statuses).
    #[serde(rename = "v")]
    pub values: Vec<String>,
    /// How many records carry each value, over the whole catalogue.
    #[serde(rename = "n")]
    pub totals: Vec<u32>,
}

/// `DIR/facets/labels-LANG.json`: for the place, country, org, person and topic facets,
/// the display label of each value (aligned with [`Column::values`]), in one language
/// (Arabic where the record has no text in it). One file per language: at 100k records all
/// four in the value file would make it 4.3 MB (1.1 MB gzipped); one is 0.7–1.2 MB
/// (184–309 KB gzipped).
pub type LabelsFile = BTreeMap<String, Vec<String>>;

/// `DIR/facets/NNNN.json`: the rows of the positions `from..from + rows`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FacetBlock {
    /// The first position.
    pub from: u32,
    /// How many positions (rows).
    pub rows: u32,
    /// The rows, encoded: per row its length, then its value ids in increasing order as
    /// differences (the first from 0), every number in the block code.
    pub code: String,
}

impl FacetBlock {
    /// Encodes rows of increasing value ids.
    fn encode(from: u32, rows: &[Vec<u32>]) -> FacetBlock {
        let mut code = String::new();
        for row in rows {
            encode_row(&mut code, row);
        }
        FacetBlock {
            from,
            rows: rows.len() as u32,
            code,
        }
    }
}

fn encode_row(code: &mut String, row: &[u32]) {
    code::put(code, row.len() as u32);
    let mut prev = 0;
    for &id in row {
        code::put(code, id - prev);
        prev = id;
    }
}

/// What [`crate::split::build_split`] makes of the facet table: written to the files that
/// [`crate::split::FacetFiles`] names.
#[derive(Clone, Debug, PartialEq)]
pub struct SplitFacetFiles {
    pub values: FacetValuesFile,
    /// Per language of [`LANGS`], in that order.
    pub labels: Vec<LabelsFile>,
    pub blocks: Vec<FacetBlock>,
    /// The single-value answers ([`SingleFile`]), in value-id order.
    pub singles: Vec<SingleFile>,
    /// The slices, in the order of `values.slices`.
    pub slices: Vec<FacetBlock>,
}

#[cfg(test)]
mod tests;
