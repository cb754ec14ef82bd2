//! The *split* bundle: a catalog cut into a small manifest, record fragments and term shards
//! that a client fetches on demand (in the spirit of Pagefind), for catalogs too large to
//! download and index whole (100k records: a 94 MB bundle, 650 MB of index in memory).
//!
//! # Layout of a split directory
//!
//! ```text
//! DIR/manifest.json          Manifest
//! DIR/records/0000.json      fragment 0: a complete Bundle (bundle.json's schema)
//! DIR/records/0001.json      …
//! DIR/terms/0627-0644.json   the shard of key "ال" (code points in hex, joined by "-")
//! DIR/terms/latin.json       the Latin vocabulary, for typo tolerance (key "~latin")
//! DIR/terms/arabic.json      the Arabic vocabulary, for other spellings (key "~arabic")
//! DIR/facets/values.json     FacetValuesFile: every facet value and its total
//! DIR/facets/labels-ar.json  LabelsFile: the values' display labels in Arabic (also -en, -fr, -es)
//! DIR/facets/0000.json       FacetBlock: the facet values of a run of positions
//! DIR/facets/one-0000.json   SingleFile: for a run of values, each one's records and
//!                            co-occurring values (the answer for that value alone)
//! DIR/facets/slice-event-place.json  FacetBlock: the events' rows cut down to their places
//!                            (also -country, -year, -status)
//! DIR/ids/0000.json          IdFile: id → position, for ids whose hash falls here (ids.rs)
//! DIR/places.json           PlacesFile: every place, its coordinates and events (places.rs)
//! DIR/timeline.json         TimelineFile: the years events start in, with totals (timeline.rs)
//! DIR/timeline/2022.json    YearFile: positions of that year's events in time order
//! DIR/stats.json            StatsFile: the figures' groups by measure, each figure's group (stats.rs)
//! DIR/stats/0000.json       GroupFile: a group's figures in order, with values and measures
//! DIR/stats/events.json     StatsFile: the same by event (no names)
//! DIR/stats/events-ar-0000.json  TitlesFile: headings of a run of event groups, one language
//! DIR/stats/e0000.json      GroupPack: the GroupFiles of consecutive event groups
//! ```
//!
//! **Positions.** Records are numbered 0..N in the catalog's browse order
//! ([`Catalog::browse_order`]: events newest first, then figures, people, organisations,
//! places, sources). Position `p` lives in fragment `p / fragment_size`, as its
//! `p % fragment_size`-th *own* record ([`Manifest::locate`]).
//!
//! **Fragments.** Fragment `i` is a plain [`Bundle`] (loadable with
//! [`crate::load_bundle_bytes`], it validates and every link resolves) holding the records
//! at positions `[i·F, (i+1)·F)` — its *own* records, complete — plus what their cards name:
//! every record, country and topic an own record references, for an own event or place the
//! first [`BACKLINKS_CARRIED`] records that link to it (an event's figures, whose first four
//! are the card's chips; a place's events: its record page lists them) and the
//! disagreements that involve an own record (the "sources differ" mark) with the figures,
//! sources and subject they cite. Those extra
//! records are carried *to be named*, one level deep only: their own links are trimmed to
//! records the fragment already holds (an extra record none of whose sources is there keeps
//! its first source, so it still validates), an extra event's topics are dropped, and
//! their summaries (`about` for sources) are replaced by [`ELIDED`]. So a fragment draws
//! the cards of its own records exactly as the whole catalog would, and its own records'
//! searchable text is the same, but it is no place to read an extra record's details (open
//! the fragment that owns it). Random links at 100k records made the transitive closure of
//! 500 records 3.6 MB; trimmed, a record costs about 2–2.5 KB of fragment, and with
//! [`DEFAULT_FRAGMENT_SIZE`] = 20 a fragment is 40–50 KB (about 14 KB gzipped), so a
//! screenful of 24 hits spread over 24 fragments fetches about 1.1 MB raw, 0.35 MB
//! gzipped (measured by `bench/large.mjs`: 0.2–0.8 MB gzipped per typed query, shards
//! included). The bundle format forbids extra
//! fields, so the list of own records is not stored but implied: in each collection
//! (events, figures, …) the own records come first, in browse order, and how many of each
//! kind a fragment owns follows from the manifest's `kinds`/`kind_order` (browse order is
//! sorted by kind). [`Manifest::own_records`] applies that rule to a fragment's [`Catalog`].
//!
//! **Shards.** The search index is cut by the leading characters of each dictionary term
//! (normalised surface form, form without clitics, light stem — the three dictionaries of
//! [`crate::SearchIndex`]). A term lives in the shard of *the longest manifest key that is a
//! prefix of it* ([`shard_key_of`]). Keys start as one character; a key whose shard would
//! exceed [`SHARD_TARGET_BYTES`] is split into one-character-longer keys (up to
//! [`MAX_KEY_CHARS`]), the key itself keeping the terms equal to it. A key that was split
//! also holds, for as-you-type completion, the merged postings of every term starting with
//! it (`"p"` below), so completing a short prefix reads one shard, not a whole subtree.
//!
//! A shard is `{"n":{term:postings}, "b":{…}, "s":{…}, "p":{…}}` (surface, bare, stem and
//! prefix dictionaries; empty ones are omitted). Postings are one flat array of integers,
//! two per record: the position as a delta from the previous one (the first from 0), then
//! the record's best field for that term, `6·tokens + field` (field: 0 title, 1 alias,
//! 2 value, 3 role, 4 summary, 5 related; tokens: the field's length) — from which the
//! client recomputes the very score [`crate::SearchIndex`] gives (the field's impact ×
//! match quality; summed over query words; sources × 0.7).
//!
//! **Facets.** The facet panel's counts (kind, place, country, year, org, person, topic,
//! status; see [`crate::facets`]) come from a facet table, listed in the manifest's optional
//! `facets` field ([`FacetFiles`]; a manifest written before it has none, and the client
//! then has no facets). `facets/values.json` ([`FacetValuesFile`]) lists each facet's values
//! as in the URL (`"v"`: place, organisation and person ids, country and topic slugs,
//! years, kinds, statuses), each with its total over the whole catalogue (`"n"`); value
//! ids number them facet after facet in [`crate::facets::Facet::ALL`] order (years by
//! year, the others most frequent first). Every country and topic of the catalogue is
//! listed, even one no record carries, so a link naming it filters as it would over the
//! whole catalogue. `facets/labels-LANG.json` ([`LabelsFile`]) names the place, country,
//! org, person and topic values in one language as the facet panel does (organisation
//! name with a short acronym in brackets; Arabic where the language is missing): a
//! client fetches the labels of its interface language only. The blocks
//! (`facets/NNNN.json`, [`FacetBlock`]) hold, for the positions `from..from + rows`, each
//! record's *row*: the sorted ids of every value it carries. A row is coded as its length
//! then its ids as differences from the previous one (the first from 0), every number
//! written as base-32 digits, low first, in the URL-safe base64 alphabet (`A`–`f` a last
//! digit, `g`–`_` a digit with more to follow): half the bytes of JSON arrays. Blocks are
//! cut by size ([`FACET_BLOCK_TARGET_BYTES`] of code each), so their lengths vary (a
//! person carries the values of all their events): the manifest lists each block's first
//! position (`starts`). At 100k records (synthetic, seed 1) the value file is 540 KB
//! (79 KB gzipped), a label file 663 KB (English) to 1,152 KB (Arabic), 184–309 KB
//! gzipped, and the 174 blocks 2.7 MB (1.9 MB gzipped, 11 KB a block); building them adds
//! about 1 s to the split's 8 s.
//!
//! [`SplitFacets`] is the client side: it reads the value file, the labels and the blocks
//! fetched so far, says which blocks the hits of a query still need
//! ([`SplitFacets::missing_blocks`]), and counts and filters positions with the very code
//! of [`crate::facets::FacetIndex`] (so a query and filters get the counts the whole
//! catalogue gives). With no query and no filter the counts are the totals, and no block
//! is needed. With no query and one value alone (a reader's first click), the value's
//! single-value file answers ([`SingleFile`], listed in the value file: `singles`,
//! `single_starts`): its positions, and how many of them carry each value of the other
//! facets. At 100k records those files are 3,593 of 16 KB or less (52 MB in all, 23 MB
//! gzipped: twenty times the blocks, for one small file per first click instead of all
//! 174 blocks). Other filters with no query need every block.
//!
//! The views about one kind (the map's and the timeline's events, the statistics' figures)
//! need less than whole rows. The value file's `slices` ([`SliceRef`]) list, for the events,
//! their rows cut down to one facet (place, country, year, status: [`SLICES`]), each a
//! [`FacetBlock`] over the events' run of positions. The map of a query counts its events
//! per place from the place slice, the timeline from the year slice, and filters on those
//! facets read their slices too; the statistics' figures need no file at all without a
//! filter. At 100k records the place slice is 145 KB (85 KB gzipped), the others compress
//! to 3 KB or less (their values follow the browse order), where the events' 51 blocks are
//! 1 MB gzipped. Other filters fall back on a single-value file or the blocks
//! ([`SplitFacets::tally`]).
//!
//! # Query semantics
//!
//! Same tokenizer and query parser ([`crate::search::parse_query`]), same dictionaries and
//! match qualities (exact, bare, stem, prefix from the second letter of the last word,
//! typo tolerance for Latin words of 5+ letters, other spellings and slips of Arabic words
//! of four letters or more, when they match nothing), AND across words. The
//! result is the same *set* of records as [`crate::SearchIndex::search`] with the same
//! scores; ties are broken by position rather than by kind and bundle index.
//! One approximation: a quoted phrase is matched as the AND of its words (each in any of
//! its forms, as a word is), so a phrase can find records where the words are not adjacent.
//! A word that found nothing is compared with the vocabulary of its script, then with the
//! other script's (mrakch finds مراكش, هيندس finds Hinds), as the index does. Two last
//! resorts of the index are not read here yet: a Latin word with an Arabic article written
//! on (alalam) and an Arabic one with the space before an article left out (الدارالبيضاء:
//! [`crate::search`]'s `written_together`); such a word finds nothing in a split catalogue.
//! Highlight spans are not in the shards: build a [`crate::SearchIndex`] over a fragment's
//! catalog and search it to get spans for the titles and summaries shown.
//!
//! # Client loop
//!
//! ```ignore
//! let manifest: Manifest = serde_json::from_slice(&fetch("manifest.json"))?;
//! let mut shards: HashMap<String, Shard> = HashMap::new();
//! loop {
//!     let need = needed_shards(&manifest, |k| shards.get(k), query);
//!     if need.is_empty() { break; }
//!     for key in need {
//!         let file = manifest.file(&key).unwrap();
//!         shards.insert(key, serde_json::from_slice(&fetch(file))?);
//!     }
//! }
//! let positions = search_shards(&manifest, |k| shards.get(k), query); // Option<Vec<u32>>
//! let (fragment, own) = manifest.locate(positions[0]);
//! ```
//!
//! [`shard_keys_for`] gives the first round's keys alone (enough unless a word that the
//! index would read another way matches nothing: typo tolerance and other spellings need
//! the vocabulary of its script, or of the other script, and then the shards of the near
//! terms: [`needed_shards`] asks for those).
//!
//! Facets, once the manifest lists them:
//!
//! ```ignore
//! let files = manifest.facets.as_ref().unwrap();          // None: no facets
//! let mut facets = SplitFacets::new(&manifest, &fetch(&files.values))?;
//! facets.add_labels("ar", &fetch(&files.labels["ar"]))?;
//! let filters = facets.filters(url_pairs);
//! let hits = positions.as_deref();                          // None: no query
//! for b in facets.missing_blocks(&filters, hits) {
//!     facets.add_block(b, &fetch(&files.blocks[b]))?;
//! }
//! let counts = facets.counts(&filters, hits)?;             // Vec<FacetCounts>
//! let shown = facets.filter(&filters, hits)?;              // positions, in hit order
//! ```

mod build;
mod cache;
mod client;
mod facets;
mod ids;
mod places;
mod query;
mod stats;
mod timeline;

pub use build::{
    build_split, build_split_sized, build_split_with, carries_backlinks, BACKLINKS_CARRIED, ELIDED,
};
pub use cache::{Fetched, Lru};
pub use client::{looks_like_manifest, parse_manifest, resolve, safe_relative_path};
pub use facets::{
    Column, FacetBlock, FacetValuesFile, LabelsFile, MissingBlocks, SingleFile, SliceRef,
    SplitFacetFiles, SplitFacets, FACET_BLOCK_TARGET_BYTES, LANGS, SLICES,
};
pub use ids::{id_hash, position_of, IdFile, IDS_PER_FILE};
pub use places::{build_places, parse_places, MapPlace, PlacesFile};
pub use query::{
    needed_shards, search_shards, search_shards_ranked, search_shards_scored, shard_key_of,
    shard_keys_for,
};
pub use stats::{
    build_stats, build_titles, parse_group, parse_stats, parse_titles, GroupFile, GroupPack,
    StatsFile, StatsGroup, TitlesFile, EVENT_PACK, TITLE_CHUNK,
};
pub use timeline::{
    build_timeline, parse_timeline, parse_year, TimelineFile, TimelineYear, YearFile,
};

use crate::catalog::{Catalog, RecordRef};
use crate::lexicon::Lexicon;
use crate::model::{Bundle, Kind};
use crate::search::{field_impact, FieldName};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The manifest's `format`.
pub const FORMAT: &str = "atlas-split";
/// The manifest's `format_version`: bumped when a client of this version would misread one.
/// 2: Latin stems share a key across -ism/-ist and -ise/-ize, a long Arabic noun in ـاء
/// loses its ء, numbers lose leading zeros, hyphenated words are also filed joined (a
/// catalogue split before holds other keys: split it again).
/// 3: a Spanish -o or -a leaves a Latin stem; the names of places, countries, organisations
/// and topics are filed under one key ([`Manifest::names`]).
pub const FORMAT_VERSION: u32 = 3;
/// Records per fragment unless told otherwise: small, so the fragments of one screen of
/// hits scattered over the catalog stay small (see the module documentation).
pub const DEFAULT_FRAGMENT_SIZE: usize = 20;
/// A shard above this many bytes (raw JSON, estimated) is split by one more character.
pub const SHARD_TARGET_BYTES: usize = 256 * 1024;
/// Keys are at most this many characters long (a single very common term can still make a
/// shard larger than the target: it cannot be cut).
pub const MAX_KEY_CHARS: usize = 8;
/// The key of the Latin vocabulary (every Latin surface term of 4+ letters, sorted), fetched
/// for a Latin word that matches nothing (typo tolerance) and for an Arabic word that spells
/// a Latin name (`search::OtherScript`). No term can start with `~`, so it never prefixes
/// one.
pub const LATIN_VOCAB_KEY: &str = "~latin";
/// The key of the Arabic vocabulary (every Arabic surface or bare term of three letters or
/// more, sorted), fetched for an Arabic word of four letters or more that matches nothing,
/// to find it spelt another way or with a slip (`search::arabic_sounds_alike`), and for a
/// Latin word that spells an Arabic one (`search::OtherScript`).
pub const ARABIC_VOCAB_KEY: &str = "~arabic";

/// Field codes of postings, in this order (`code % 6`).
const FIELDS: [FieldName; 6] = FieldName::ALL;

/// `DIR/manifest.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// [`FORMAT_VERSION`].
    pub format_version: u32,
    /// The `schema_version` of the fragments (the bundle schema).
    pub schema_version: u32,
    /// Number of records (positions are `0..records`).
    pub records: u32,
    /// Own records per fragment (the last one may hold fewer).
    pub fragment_size: u32,
    /// Fragment files, relative to the manifest, in position order.
    pub fragments: Vec<String>,
    /// Shard key → shard file, relative to the manifest.
    pub shards: BTreeMap<String, String>,
    /// Records per kind (`event`, `figure`, `person`, `organization`, `place`, `source`).
    pub kinds: BTreeMap<String, u32>,
    /// The kinds in browse order: positions of `kind_order[0]` come first, and so on.
    pub kind_order: Vec<String>,
    /// The bundle's broken plurals as `[plural, singular]` pairs (compact: the manifest is
    /// the first fetch): the query files a listed plural under its singular's stem, as the
    /// shards do.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plurals: Vec<(String, String)>,
    /// The one-word names of its places, countries, organisations and topics, in groups
    /// ([`crate::lexicon::name_groups`]): the query files a name under its group's first,
    /// as the shards do. None in manifests written before them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<Vec<String>>,
    /// The facet table's files (absent in manifests written before it: the client then has
    /// no facets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facets: Option<FacetFiles>,
    /// The id files (id → position, grouped by a hash of the id: [`Manifest::id_file`]),
    /// relative to the manifest; none in manifests written before them (record pages then
    /// cannot be opened by id).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<String>,
    /// The map's places file ([`PlacesFile`]), relative to the manifest; none in manifests
    /// written before it (the map then says it needs the full catalogue).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub places: Option<String>,
    /// The timeline's index ([`TimelineFile`]), relative to the manifest; none in manifests
    /// written before it (the timeline then says it needs the full catalogue).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeline: Option<String>,
    /// The statistics index ([`StatsFile`]), relative to the manifest; none in manifests
    /// written before it (the statistics then say they need the full catalogue).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stats: Option<String>,
    /// The statistics index by event ([`StatsFile`], its groups in packs), relative to the
    /// manifest; none in manifests written before it (grouping by event then says so).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stats_event: Option<String>,
    /// `plurals` and `names` as a lexicon, built on first use (not serialised).
    #[serde(skip)]
    lexicon: LexiconCell,
}

/// The manifest's `facets`: where the facet table is (see the module documentation).
/// Unknown fields are ignored, as in the rest of the manifest, so a later addition does not
/// cost this client its facets.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacetFiles {
    /// The value file, relative to the manifest.
    pub values: String,
    /// Language (`ar`, `en`, `fr`, `es`) → its label file, relative to the manifest.
    pub labels: BTreeMap<String, String>,
    /// Block files, relative to the manifest, in position order.
    pub blocks: Vec<String>,
    /// The first position of each block (0 first, increasing).
    pub starts: Vec<u32>,
}

/// A lazily built [`Lexicon`] that compares equal to any other (it is derived data).
#[derive(Clone, Debug, Default)]
struct LexiconCell(std::sync::OnceLock<Lexicon>);

impl PartialEq for LexiconCell {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Manifest {
    /// The lexicon of [`Manifest::plurals`] and [`Manifest::names`].
    pub fn lexicon(&self) -> &Lexicon {
        self.lexicon.0.get_or_init(|| {
            Lexicon::from_pairs(
                self.plurals.iter().map(|(p, s)| (p.as_str(), s.as_str())),
                &self.names,
            )
        })
    }

    /// The statistics index grouped `by`, relative to the manifest.
    pub fn stats_file(&self, by: crate::stats::GroupBy) -> Option<&str> {
        match by {
            crate::stats::GroupBy::Measure => self.stats.as_deref(),
            crate::stats::GroupBy::Event => self.stats_event.as_deref(),
        }
    }

    /// The file of a shard key, relative to the manifest.
    pub fn file(&self, key: &str) -> Option<&str> {
        self.shards.get(key).map(String::as_str)
    }

    /// (fragment, own record within it) of a position.
    pub fn locate(&self, position: u32) -> (usize, usize) {
        let f = self.fragment_size.max(1);
        ((position / f) as usize, (position % f) as usize)
    }

    /// The positions of the records of `kind` (one run: records are in kind order).
    pub fn kind_range(&self, kind: Kind) -> std::ops::Range<u32> {
        let mut start = 0u32;
        for k in &self.kind_order {
            let n = self.kinds.get(k).copied().unwrap_or(0);
            if Kind::parse(k) == Some(kind) {
                return start..start + n;
            }
            start += n;
        }
        0..0
    }

    /// The kind of the record at `position`.
    pub fn kind_at(&self, position: u32) -> Option<Kind> {
        let mut start = 0u32;
        for k in &self.kind_order {
            let n = self.kinds.get(k).copied().unwrap_or(0);
            if position < start + n {
                return Kind::parse(k);
            }
            start += n;
        }
        None
    }

    /// (kind, how many) of the own records of fragment `fragment`, in position order.
    pub fn own_counts(&self, fragment: usize) -> Vec<(Kind, usize)> {
        let f = self.fragment_size.max(1) as u64;
        let from = fragment as u64 * f;
        let to = (from + f).min(self.records as u64);
        let mut out = Vec::new();
        let mut start = 0u64;
        for k in &self.kind_order {
            let n = self.kinds.get(k).copied().unwrap_or(0) as u64;
            let (a, b) = (from.max(start), to.min(start + n));
            if a < b {
                if let Some(kind) = Kind::parse(k) {
                    out.push((kind, (b - a) as usize));
                }
            }
            start += n;
        }
        out
    }

    /// Own record `offset` of fragment `fragment` (position `fragment·F + offset`): element
    /// `offset` of [`Manifest::own_records`], without listing the others (a card asks for
    /// its record every time it is drawn).
    pub fn own_record(&self, fragment: usize, offset: usize) -> Option<RecordRef> {
        let mut at = offset;
        for (kind, n) in self.own_counts(fragment) {
            if at < n {
                return Some(RecordRef { kind, index: at });
            }
            at -= n;
        }
        None
    }

    /// The own records of fragment `fragment` in its catalog, in position order: own record
    /// `j` (position `fragment·F + j`) is element `j`. Each collection of a fragment holds its
    /// own records first, in browse order.
    pub fn own_records(&self, fragment: usize, catalog: &Catalog) -> Vec<RecordRef> {
        let mut out = Vec::new();
        for (kind, n) in self.own_counts(fragment) {
            out.extend((0..n).map(|index| RecordRef { kind, index }));
        }
        debug_assert!(out.iter().all(|r| r.index < catalog.bundle.count(r.kind)));
        out
    }
}

/// One term shard (`DIR/terms/….json`). Postings are flat arrays `[Δposition, field code, …]`
/// (see the module documentation).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Shard {
    /// Normalised surface forms.
    #[serde(rename = "n", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub norm: BTreeMap<String, Vec<u32>>,
    /// Forms without clitics and article (only where they differ from the surface form).
    #[serde(rename = "b", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub bare: BTreeMap<String, Vec<u32>>,
    /// Light stems.
    #[serde(rename = "s", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub stem: BTreeMap<String, Vec<u32>>,
    /// For a key that was split: every surface or bare term starting with it, merged.
    #[serde(rename = "p", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub prefix: BTreeMap<String, Vec<u32>>,
    /// Only in the [`LATIN_VOCAB_KEY`] file: Latin surface terms of 4+ letters, sorted; in
    /// the [`ARABIC_VOCAB_KEY`] file, the Arabic terms compared by skeleton.
    #[serde(rename = "v", default, skip_serializing_if = "Vec::is_empty")]
    pub vocabulary: Vec<String>,
}

/// A catalog cut for on-demand loading. [`Split::files`] gives every file to write.
#[derive(Clone, Debug)]
pub struct Split {
    pub manifest: Manifest,
    /// Fragment `i` is written to `manifest.fragments[i]`.
    pub fragments: Vec<Bundle>,
    /// Shard key → shard, written to `manifest.shards[key]`.
    pub shards: BTreeMap<String, Shard>,
    /// The facet table, written to the files `manifest.facets` names.
    pub facets: SplitFacetFiles,
    /// Id file `i` is written to `manifest.ids[i]`.
    pub ids: Vec<IdFile>,
    /// Written to `manifest.places`.
    pub places: PlacesFile,
    /// Written to `manifest.timeline`, and each year to the file it names.
    pub timeline: (TimelineFile, Vec<YearFile>),
    /// Written to `manifest.stats`, and each group to the file it names.
    pub stats: (StatsFile, Vec<GroupFile>),
    /// Written to `manifest.stats_event`, and the groups to the packs they name.
    pub stats_event: (StatsFile, Vec<GroupFile>),
    /// Language → the event groups' headings, written to the files the index names for it.
    pub stats_titles: BTreeMap<String, Vec<TitlesFile>>,
}

impl Split {
    /// Every file of the split directory: (path relative to it, compact JSON with a final
    /// newline). The manifest first, then fragments, then shards.
    pub fn files(&self) -> Vec<(String, String)> {
        let json = |v: &dyn erased::Json| v.json();
        let mut out = vec![("manifest.json".to_string(), json(&self.manifest))];
        for (path, b) in self.manifest.fragments.iter().zip(&self.fragments) {
            out.push((path.clone(), json(b)));
        }
        for (key, shard) in &self.shards {
            if let Some(path) = self.manifest.file(key) {
                out.push((path.to_string(), json(shard)));
            }
        }
        if let Some(files) = &self.manifest.facets {
            out.push((files.values.clone(), json(&self.facets.values)));
            for (lang, labels) in LANGS.iter().zip(&self.facets.labels) {
                if let Some(path) = files.labels.get(*lang) {
                    out.push((path.clone(), json(labels)));
                }
            }
            for (path, block) in files.blocks.iter().zip(&self.facets.blocks) {
                out.push((path.clone(), json(block)));
            }
            for (path, single) in self.facets.values.singles.iter().zip(&self.facets.singles) {
                out.push((path.clone(), json(single)));
            }
            for (slice, block) in self.facets.values.slices.iter().zip(&self.facets.slices) {
                out.push((slice.file.clone(), json(block)));
            }
        }
        for (path, ids) in self.manifest.ids.iter().zip(&self.ids) {
            out.push((path.clone(), json(ids)));
        }
        if let Some(path) = &self.manifest.places {
            out.push((path.clone(), json(&self.places)));
        }
        if let Some(path) = &self.manifest.timeline {
            out.push((path.clone(), json(&self.timeline.0)));
            for (y, file) in self.timeline.0.years.iter().zip(&self.timeline.1) {
                out.push((y.file.clone(), json(file)));
            }
        }
        if let Some(path) = &self.manifest.stats {
            out.push((path.clone(), json(&self.stats.0)));
            for (g, file) in self.stats.0.groups.iter().zip(&self.stats.1) {
                out.push((g.file.clone(), json(file)));
            }
        }
        if let Some(path) = &self.manifest.stats_event {
            let (index, files) = &self.stats_event;
            out.push((path.clone(), json(index)));
            for (lang, paths) in &index.titles {
                if let Some(titles) = self.stats_titles.get(lang) {
                    for (path, t) in paths.iter().zip(titles) {
                        out.push((path.clone(), json(t)));
                    }
                }
            }
            let n = (index.pack as usize).max(1);
            for (path, groups) in index.packs.iter().zip(files.chunks(n)) {
                let pack = stats::GroupPack {
                    groups: groups.to_vec(),
                };
                out.push((path.clone(), json(&pack)));
            }
        }
        out
    }
}

mod erased {
    /// Compact JSON with a trailing newline, for any of the split's serialisable parts.
    pub trait Json {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> String {
            let mut s = serde_json::to_string(self).expect("split parts always serialise");
            s.push('\n');
            s
        }
    }
}

/// The score base of a postings field code: the field's impact (see the module
/// documentation and [`field_impact`]).
fn base_of(code: u32) -> f32 {
    field_impact(FIELDS[(code % 6) as usize], (code / 6) as usize)
}

#[cfg(test)]
mod tests;
