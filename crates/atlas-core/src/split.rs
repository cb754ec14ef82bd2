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
//! every record, country and topic an own record references, the first four figures of
//! each event (the card's chips) and the disagreements that involve an own record (the
//! "sources differ" mark) with the figures, sources and subject they cite. Those extra
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
//! client recomputes the very score [`crate::SearchIndex`] gives (field weight × short-field
//! boost × match quality; summed over query words; sources × 0.7).
//!
//! # Query semantics
//!
//! Same tokenizer and query parser ([`crate::search::parse_query`]), same dictionaries and
//! match qualities (exact, bare, stem, prefix from the second letter of the last word,
//! typo tolerance for Latin words of 5+ letters that match nothing), AND across words. The
//! result is the same *set* of records as [`crate::SearchIndex::search`] with the same
//! scores; ties are broken by position rather than by kind and bundle index.
//! One approximation: a quoted phrase is matched as the AND of its words (each by its exact
//! surface form), so a phrase can find records where the words are not adjacent.
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
//! [`shard_keys_for`] gives the first round's keys alone (enough unless a Latin word of five
//! letters or more matches nothing, when typo tolerance needs the Latin vocabulary and then
//! the shards of the near terms: [`needed_shards`] asks for those).

use crate::analyze::for_each_token;
use crate::catalog::{Catalog, Record, RecordRef};
use crate::lexicon::Lexicon;
use crate::model::{Bundle, Kind};
use crate::search::{
    doc_keys, field_boost, kind_prior, lookups, parse_query, searchable_fields, within_one_edit,
    Dict, FieldName, Term, EXACT, FUZZY, PREFIX,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Bound;

/// The manifest's `format`.
pub const FORMAT: &str = "atlas-split";
/// The manifest's `format_version`: bumped when a client of this version would misread one.
pub const FORMAT_VERSION: u32 = 1;
/// Records per fragment unless told otherwise: small, so the fragments of one screen of
/// hits scattered over the catalog stay small (see the module documentation).
pub const DEFAULT_FRAGMENT_SIZE: usize = 20;
/// A shard above this many bytes (raw JSON, estimated) is split by one more character.
pub const SHARD_TARGET_BYTES: usize = 256 * 1024;
/// Keys are at most this many characters long (a single very common term can still make a
/// shard larger than the target: it cannot be cut).
pub const MAX_KEY_CHARS: usize = 8;
/// The key of the Latin vocabulary (every Latin surface term of 4+ letters, sorted), fetched
/// only for typo tolerance. No term can start with `~`, so it never prefixes one.
pub const LATIN_VOCAB_KEY: &str = "~latin";

/// Field codes of postings, in this order (`code % 6`).
const FIELDS: [FieldName; 6] = [
    FieldName::Title,
    FieldName::Alias,
    FieldName::Value,
    FieldName::Role,
    FieldName::Summary,
    FieldName::Related,
];

fn kind_from_str(s: &str) -> Option<Kind> {
    Kind::ALL.into_iter().find(|k| k.as_str() == s)
}

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
    /// `plurals` as a lexicon, built on first use (not serialised).
    #[serde(skip)]
    lexicon: LexiconCell,
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
    /// The broken-plural lexicon of [`Manifest::plurals`].
    pub fn lexicon(&self) -> &Lexicon {
        self.lexicon.0.get_or_init(|| {
            Lexicon::from_pairs(self.plurals.iter().map(|(p, s)| (p.as_str(), s.as_str())))
        })
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

    /// The kind of the record at `position`.
    pub fn kind_at(&self, position: u32) -> Option<Kind> {
        let mut start = 0u32;
        for k in &self.kind_order {
            let n = self.kinds.get(k).copied().unwrap_or(0);
            if position < start + n {
                return kind_from_str(k);
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
                if let Some(kind) = kind_from_str(k) {
                    out.push((kind, (b - a) as usize));
                }
            }
            start += n;
        }
        out
    }

    /// The own records of fragment `fragment` in its catalog, in position order: own record
    /// `j` (position `fragment·F + j`) is element `j`. Each collection of a fragment holds its
    /// own records first, in browse order.
    pub fn own_records(&self, fragment: usize, catalog: &Catalog) -> Vec<RecordRef> {
        let mut out = Vec::new();
        for (kind, n) in self.own_counts(fragment) {
            out.extend((0..n).map(|index| RecordRef { kind, index }));
        }
        debug_assert!(out
            .iter()
            .all(|r| r.index < count_of(&catalog.bundle, r.kind)));
        out
    }
}

fn count_of(b: &Bundle, kind: Kind) -> usize {
    match kind {
        Kind::Event => b.events.len(),
        Kind::Figure => b.figures.len(),
        Kind::Person => b.people.len(),
        Kind::Organization => b.organizations.len(),
        Kind::Place => b.places.len(),
        Kind::Source => b.sources.len(),
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
    /// Only in the [`LATIN_VOCAB_KEY`] file: Latin surface terms of 4+ letters, sorted.
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

// ---------------------------------------------------------------------------------------
// Building
// ---------------------------------------------------------------------------------------

/// A record's best match for one term: (position, weight × boost, field code).
#[derive(Clone, Copy, Debug)]
struct Post {
    pos: u32,
    base: f32,
    code: u32,
}

type Postings = HashMap<String, Vec<Post>, rustc_hash::FxBuildHasher>;

fn add_post(dict: &mut Postings, key: &str, post: Post) {
    if let Some(list) = dict.get_mut(key) {
        match list.last_mut() {
            Some(last) if last.pos == post.pos => {
                if post.base > last.base {
                    *last = post;
                }
            }
            _ => list.push(post),
        }
    } else {
        dict.insert(key.to_string(), vec![post]);
    }
}

fn base_of(code: u32) -> f32 {
    let field = FIELDS[(code % 6) as usize];
    field.weight() * field_boost((code / 6) as usize)
}

fn encode(list: &[Post]) -> Vec<u32> {
    let mut out = Vec::with_capacity(list.len() * 2);
    let mut prev = 0;
    for p in list {
        out.push(p.pos - prev);
        out.push(p.code);
        prev = p.pos;
    }
    out
}

fn digits(mut n: u32) -> usize {
    let mut d = 1;
    while n >= 10 {
        n /= 10;
        d += 1;
    }
    d
}

/// Bytes of `"key":[…],` in a shard's JSON.
fn entry_bytes(key: &str, list: &[Post]) -> usize {
    let mut prev = 0;
    let mut n = key.len() + 6;
    for p in list {
        n += digits(p.pos - prev) + digits(p.code) + 2;
        prev = p.pos;
    }
    n
}

/// The first `n` characters of `s` (all of it when shorter).
fn chars_prefix(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// Chooses the shard keys: one character, split further while a shard is too large.
fn choose_keys(sizes: &BTreeMap<&str, usize>, target: usize) -> BTreeSet<String> {
    fn visit(
        target: usize,
        prefix: &str,
        depth: usize,
        items: &[(&str, usize)],
        keys: &mut BTreeSet<String>,
    ) {
        keys.insert(prefix.to_string());
        let total: usize = items.iter().map(|(_, n)| n).sum();
        if total <= target || depth >= MAX_KEY_CHARS {
            return;
        }
        // Items are sorted, so each longer prefix is a contiguous run.
        let longer: Vec<(&str, usize)> = items
            .iter()
            .filter(|(t, _)| t.chars().nth(depth).is_some())
            .copied()
            .collect();
        let mut i = 0;
        while i < longer.len() {
            let p = chars_prefix(longer[i].0, depth + 1);
            let mut j = i;
            while j < longer.len() && longer[j].0.starts_with(p) {
                j += 1;
            }
            visit(target, p, depth + 1, &longer[i..j], keys);
            i = j;
        }
    }
    let items: Vec<(&str, usize)> = sizes.iter().map(|(k, v)| (*k, *v)).collect();
    let mut keys = BTreeSet::new();
    let mut i = 0;
    while i < items.len() {
        let p = chars_prefix(items[i].0, 1);
        let mut j = i;
        while j < items.len() && items[j].0.starts_with(p) {
            j += 1;
        }
        visit(target, p, 1, &items[i..j], &mut keys);
        i = j;
    }
    keys
}

/// The file name of a shard key: its code points in hex, e.g. `terms/0627-0644.json`.
fn shard_file(key: &str) -> String {
    if key == LATIN_VOCAB_KEY {
        return "terms/latin.json".into();
    }
    let hex: Vec<String> = key.chars().map(|c| format!("{:x}", c as u32)).collect();
    format!("terms/{}.json", hex.join("-"))
}

/// References of a record that a fragment must carry for it to validate: (record ids,
/// country ids, topic ids).
fn references<'a>(rec: Record<'a>) -> (Vec<&'a str>, Vec<&'a str>, Vec<&'a str>) {
    let ids = rec.links();
    let mut countries = Vec::new();
    let mut topics = Vec::new();
    match rec {
        Record::Event(e) => {
            countries.extend(e.country.as_deref());
            topics.extend(e.topics.iter().map(String::as_str));
        }
        Record::Organization(o) => countries.extend(o.country.as_deref()),
        Record::Place(p) => countries.push(&p.country),
        _ => {}
    }
    (ids, countries, topics)
}

/// Cuts a catalog into a manifest, fragments of `fragment_size` records (at least 1) and
/// term shards of about [`SHARD_TARGET_BYTES`]. Deterministic: the same catalog gives the
/// same split.
pub fn build_split(catalog: &Catalog, fragment_size: usize) -> Split {
    build_split_with(catalog, fragment_size, SHARD_TARGET_BYTES)
}

/// [`build_split`] with another shard size target (bytes of raw JSON per shard before a key
/// is split by one more character).
pub fn build_split_with(catalog: &Catalog, fragment_size: usize, shard_target: usize) -> Split {
    let fragment_size = fragment_size.max(1);
    let order = catalog.browse_order();
    let fragments = build_fragments(catalog, &order, fragment_size);
    let shards = build_shards(catalog, &order, shard_target);

    let mut kinds = BTreeMap::new();
    for r in &order {
        *kinds.entry(r.kind.as_str().to_string()).or_insert(0u32) += 1;
    }
    let mut kind_order: Vec<String> = Vec::new();
    for r in &order {
        if kind_order.last().map(String::as_str) != Some(r.kind.as_str()) {
            kind_order.push(r.kind.as_str().to_string());
        }
    }
    let manifest = Manifest {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        schema_version: catalog.bundle.schema_version,
        records: order.len() as u32,
        fragment_size: fragment_size as u32,
        fragments: (0..fragments.len())
            .map(|i| format!("records/{i:04}.json"))
            .collect(),
        shards: shards.keys().map(|k| (k.clone(), shard_file(k))).collect(),
        kinds,
        kind_order,
        plurals: catalog
            .bundle
            .plurals
            .iter()
            .map(|p| (p.plural.clone(), p.singular.clone()))
            .collect(),
        lexicon: LexiconCell::default(),
    };
    Split {
        manifest,
        fragments,
        shards,
    }
}

/// Keeps the links of a non-own record that point into the fragment (`have`), so a record
/// carried only for its name does not pull in everything it references in turn.
fn trim_links(have: &HashSet<&str>, ids: &mut Vec<String>) {
    ids.retain(|id| have.contains(id.as_str()));
}

fn trim_link(have: &HashSet<&str>, id: &mut Option<String>) {
    if id.as_deref().is_some_and(|i| !have.contains(i)) {
        *id = None;
    }
}

/// What a fragment says instead of the summary of a record it carries only to name it (see
/// the module documentation): `…` in every language the summary had.
pub const ELIDED: &str = "…";

fn elide(t: &mut crate::model::Text) {
    t.ar = ELIDED.into();
    t.en = ELIDED.into();
    t.fr = ELIDED.into();
    if t.es.is_some() {
        t.es = Some(ELIDED.into());
    }
}

fn build_fragments(catalog: &Catalog, order: &[RecordRef], size: usize) -> Vec<Bundle> {
    let b = &catalog.bundle;
    let mut figures_of_event: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, f) in b.figures.iter().enumerate() {
        if let Some(e) = &f.event {
            figures_of_event.entry(e.as_str()).or_default().push(i);
        }
    }
    let mut disagreements_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, d) in b.disagreements.iter().enumerate() {
        let mut about: Vec<&str> = vec![d.id.as_str()];
        about.extend(d.subject.as_deref());
        about.extend(d.figures.iter().map(String::as_str));
        crate::order::sort(&mut about);
        about.dedup();
        for id in about {
            disagreements_of.entry(id).or_default().push(i);
        }
    }
    let country_index: HashMap<&str, usize> = b
        .countries
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let topic_index: HashMap<&str, usize> = b
        .topics
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();

    order
        .chunks(size)
        .map(|own| {
            let own_set: HashSet<RecordRef> = own.iter().copied().collect();
            // One level of references: what the own records name (links, the chips'
            // figures, the disagreements about them). Those extra records are carried for
            // their names and values only; their own links are trimmed below.
            let mut have: HashSet<RecordRef> = own_set.clone();
            let mut disagreements: BTreeSet<usize> = BTreeSet::new();
            let mut countries = BTreeSet::new();
            let mut topics = BTreeSet::new();
            for &r in own {
                let rec = catalog.get(r);
                let (ids, cs, ts) = references(rec);
                have.extend(ids.into_iter().filter_map(|id| catalog.lookup(id)));
                countries.extend(cs.into_iter().filter_map(|c| country_index.get(c)));
                topics.extend(ts.into_iter().filter_map(|t| topic_index.get(t)));
                if let Record::Event(e) = rec {
                    // The card's chips: the event's first four figures.
                    have.extend(
                        figures_of_event
                            .get(e.id.as_str())
                            .into_iter()
                            .flatten()
                            .take(4)
                            .map(|&index| RecordRef {
                                kind: Kind::Figure,
                                index,
                            }),
                    );
                }
                disagreements.extend(
                    disagreements_of
                        .get(rec.id())
                        .into_iter()
                        .flatten()
                        .copied(),
                );
            }
            for &i in &disagreements {
                let d = &b.disagreements[i];
                let ids = d
                    .figures
                    .iter()
                    .map(String::as_str)
                    .chain(d.claims.iter().map(|c| c.source.as_str()))
                    .chain(d.subject.as_deref());
                have.extend(ids.filter_map(|id| catalog.lookup(id)));
            }
            // Every record needs a source: an extra record none of whose sources is carried
            // keeps its first one.
            let extra_now: Vec<RecordRef> = have.difference(&own_set).copied().collect();
            for r in extra_now {
                let rec = catalog.get(r);
                let sources = rec.sources();
                let covered = sources
                    .iter()
                    .filter_map(|s| catalog.lookup(s))
                    .any(|s| have.contains(&s));
                if !covered {
                    have.extend(sources.first().and_then(|s| catalog.lookup(s)));
                }
            }
            let ids: HashSet<&str> = have.iter().map(|&r| catalog.get(r).id()).collect();
            // Own records first (browse order), then the others (bundle order), per kind.
            let mut extra: Vec<RecordRef> = have.difference(&own_set).copied().collect();
            crate::order::sort(&mut extra);
            let pick = |kind: Kind| -> Vec<(usize, bool)> {
                own.iter()
                    .map(|r| (r, true))
                    .chain(extra.iter().map(|r| (r, false)))
                    .filter(|(r, _)| r.kind == kind)
                    .map(|(r, is_own)| (r.index, is_own))
                    .collect()
            };
            let mut bundle = Bundle {
                schema_version: b.schema_version,
                sources: pick(Kind::Source)
                    .into_iter()
                    .map(|(i, is_own)| {
                        let mut s = b.sources[i].clone();
                        if !is_own {
                            trim_link(&ids, &mut s.dateline);
                            elide(&mut s.about);
                        }
                        s
                    })
                    .collect(),
                countries: Vec::new(),
                places: pick(Kind::Place)
                    .into_iter()
                    .map(|(i, is_own)| {
                        let mut p = b.places[i].clone();
                        if !is_own {
                            trim_links(&ids, &mut p.sources);
                            elide(&mut p.summary);
                        }
                        p
                    })
                    .collect(),
                organizations: pick(Kind::Organization)
                    .into_iter()
                    .map(|(i, is_own)| {
                        let mut o = b.organizations[i].clone();
                        if !is_own {
                            trim_link(&ids, &mut o.parent);
                            trim_links(&ids, &mut o.sources);
                            elide(&mut o.summary);
                        }
                        o
                    })
                    .collect(),
                people: pick(Kind::Person)
                    .into_iter()
                    .map(|(i, is_own)| {
                        let mut p = b.people[i].clone();
                        if !is_own {
                            trim_links(&ids, &mut p.organizations);
                            trim_links(&ids, &mut p.sources);
                            elide(&mut p.summary);
                        }
                        p
                    })
                    .collect(),
                topics: Vec::new(),
                events: pick(Kind::Event)
                    .into_iter()
                    .map(|(i, is_own)| {
                        let mut e = b.events[i].clone();
                        if !is_own {
                            trim_link(&ids, &mut e.place);
                            trim_links(&ids, &mut e.organizers);
                            trim_links(&ids, &mut e.participants);
                            e.topics.clear();
                            trim_links(&ids, &mut e.sources);
                            elide(&mut e.summary);
                        }
                        e
                    })
                    .collect(),
                figures: pick(Kind::Figure)
                    .into_iter()
                    .map(|(i, is_own)| {
                        let mut f = b.figures[i].clone();
                        if !is_own {
                            trim_link(&ids, &mut f.event);
                            trim_link(&ids, &mut f.place);
                            trim_link(&ids, &mut f.subject);
                            trim_links(&ids, &mut f.sources);
                        }
                        f
                    })
                    .collect(),
                disagreements: disagreements
                    .iter()
                    .map(|&i| b.disagreements[i].clone())
                    .collect(),
                // The lexicon travels in the manifest (the query needs it), not in fragments.
                plurals: Vec::new(),
            };
            // Countries of everything carried (a place needs its country to validate).
            let carried = bundle
                .places
                .iter()
                .map(|p| Some(p.country.as_str()))
                .chain(bundle.events.iter().map(|e| e.country.as_deref()))
                .chain(bundle.organizations.iter().map(|o| o.country.as_deref()));
            countries.extend(carried.flatten().filter_map(|c| country_index.get(c)));
            bundle.countries = countries.iter().map(|&&i| b.countries[i].clone()).collect();
            bundle.topics = topics.iter().map(|&&i| b.topics[i].clone()).collect();
            bundle
        })
        .collect()
}

fn build_shards(catalog: &Catalog, order: &[RecordRef], target: usize) -> BTreeMap<String, Shard> {
    let (mut by_norm, mut by_bare, mut by_stem) = (
        Postings::default(),
        Postings::default(),
        Postings::default(),
    );
    let lexicon = Lexicon::new(&catalog.bundle.plurals);
    let mut tokens: Vec<(Dict, String)> = Vec::new();
    let mut count;
    for (pos, &r) in order.iter().enumerate() {
        let pos = pos as u32;
        // Exactly the fields the search index sees.
        for (name, _lang, text) in searchable_fields(catalog, r) {
            tokens.clear();
            count = 0;
            for_each_token(&text, |forms, _, _| {
                count += 1;
                doc_keys(forms, &lexicon, |d, k| tokens.push((d, k.into())))
            });
            let field = FIELDS.iter().position(|f| *f == name).unwrap_or(0) as u32;
            let code = count.max(1) as u32 * 6 + field;
            let post = Post {
                pos,
                base: base_of(code),
                code,
            };
            for (dict, key) in &tokens {
                let d = match dict {
                    Dict::Norm => &mut by_norm,
                    Dict::Bare => &mut by_bare,
                    Dict::Stem => &mut by_stem,
                };
                add_post(d, key, post);
            }
        }
    }
    let sorted = |d: Postings| -> BTreeMap<String, Vec<Post>> { d.into_iter().collect() };
    let (by_norm, by_bare, by_stem) = (sorted(by_norm), sorted(by_bare), sorted(by_stem));

    let mut sizes: BTreeMap<&str, usize> = BTreeMap::new();
    for d in [&by_norm, &by_bare, &by_stem] {
        for (k, list) in d {
            *sizes.entry(k.as_str()).or_default() += entry_bytes(k, list);
        }
    }
    let keys = choose_keys(&sizes, target);
    let mut shards: BTreeMap<String, Shard> =
        keys.iter().map(|k| (k.clone(), Shard::default())).collect();
    let key_of = |term: &str| -> String {
        let mut best = None;
        for (i, _) in term.char_indices().skip(1).chain([(term.len(), ' ')]) {
            if keys.contains(&term[..i]) {
                best = Some(&term[..i]);
            }
        }
        best.expect("every term's first character is a key")
            .to_string()
    };
    for (dict, pick) in [(&by_norm, 0usize), (&by_bare, 1), (&by_stem, 2)] {
        for (term, list) in dict {
            let shard = shards.get_mut(&key_of(term)).expect("key");
            let map = match pick {
                0 => &mut shard.norm,
                1 => &mut shard.bare,
                _ => &mut shard.stem,
            };
            map.insert(term.clone(), encode(list));
        }
    }
    // Split keys of 2+ characters: the merged postings of every term starting with them.
    let mut best: Vec<Option<(f32, u32)>> = vec![None; order.len()];
    for key in &keys {
        let deeper = keys
            .range::<str, _>((Bound::Excluded(key.as_str()), Bound::Unbounded))
            .next()
            .is_some_and(|k| k.starts_with(key.as_str()));
        if !deeper || key.chars().count() < 2 {
            continue;
        }
        let mut touched = Vec::new();
        for dict in [&by_norm, &by_bare] {
            for (_, list) in dict
                .range::<str, _>((Bound::Included(key.as_str()), Bound::Unbounded))
                .take_while(|(t, _)| t.starts_with(key.as_str()))
            {
                for p in list {
                    let slot = &mut best[p.pos as usize];
                    match slot {
                        Some((b, _)) if *b >= p.base => {}
                        Some(s) => *s = (p.base, p.code),
                        None => {
                            *slot = Some((p.base, p.code));
                            touched.push(p.pos);
                        }
                    }
                }
            }
        }
        touched.sort_unstable();
        let list: Vec<Post> = touched
            .iter()
            .map(|&pos| {
                let (base, code) = best[pos as usize].take().expect("touched");
                Post { pos, base, code }
            })
            .collect();
        if !list.is_empty() {
            if let Some(shard) = shards.get_mut(key) {
                shard.prefix.insert(key.clone(), encode(&list));
            }
        }
    }
    // The Latin vocabulary, for typo tolerance: any surface term one edit away from an
    // all-ASCII word of 5+ letters has 4+ characters, at most one of them not a-z.
    let vocabulary: Vec<String> = by_norm
        .keys()
        .filter(|k| {
            let n = k.chars().count();
            n >= 4 && k.chars().filter(|c| !c.is_ascii_lowercase()).count() <= 1
        })
        .cloned()
        .collect();
    shards.insert(
        LATIN_VOCAB_KEY.to_string(),
        Shard {
            vocabulary,
            ..Shard::default()
        },
    );
    shards
}

// ---------------------------------------------------------------------------------------
// Querying (client side, no IO)
// ---------------------------------------------------------------------------------------

/// The shard key of a term: the longest manifest key that is a prefix of it.
pub fn shard_key_of<'m>(manifest: &'m Manifest, term: &str) -> Option<&'m str> {
    let mut best = None;
    for (i, _) in term.char_indices().skip(1).chain([(term.len(), ' ')]) {
        if let Some((k, _)) = manifest.shards.get_key_value(&term[..i]) {
            best = Some(k.as_str());
        }
    }
    best
}

/// Keys other than `prefix` that start with it (a split key's subtree).
fn keys_below<'m>(manifest: &'m Manifest, prefix: &'m str) -> impl Iterator<Item = &'m str> {
    manifest
        .shards
        .range::<str, _>((Bound::Excluded(prefix), Bound::Unbounded))
        .map(|(k, _)| k.as_str())
        .take_while(move |k| k.starts_with(prefix))
}

/// How a prefix is completed: from a split key's merged postings, or by scanning the terms
/// of the shards that can hold completions.
enum PrefixPlan<'m> {
    Merged(&'m str),
    Scan(Vec<&'m str>),
}

fn prefix_plan<'m>(manifest: &'m Manifest, prefix: &'m str) -> PrefixPlan<'m> {
    let below: Vec<&str> = keys_below(manifest, prefix).collect();
    if below.is_empty() {
        return PrefixPlan::Scan(shard_key_of(manifest, prefix).into_iter().collect());
    }
    match manifest.shards.get_key_value(prefix) {
        Some((k, _)) if prefix.chars().nth(1).is_some() => PrefixPlan::Merged(k.as_str()),
        _ => {
            let mut keys = below;
            keys.extend(shard_key_of(manifest, prefix));
            PrefixPlan::Scan(keys)
        }
    }
}

/// The keys a term needs before typo tolerance is considered.
fn primary_keys<'m>(manifest: &'m Manifest, term: &'m Term, out: &mut BTreeSet<&'m str>) {
    match term {
        Term::Word { token, prefix } => {
            for (_, key, _) in lookups(token, *prefix, manifest.lexicon()) {
                out.extend(shard_key_of(manifest, key));
            }
            if crate::search::completes(&token.norm, *prefix) {
                for p in [&token.norm, &token.bare] {
                    match prefix_plan(manifest, p) {
                        PrefixPlan::Merged(k) => {
                            out.insert(k);
                        }
                        PrefixPlan::Scan(keys) => out.extend(keys),
                    }
                }
            }
        }
        Term::Phrase(tokens) => {
            for t in tokens {
                out.extend(shard_key_of(manifest, &t.norm));
            }
        }
    }
}

/// The shard keys a query needs in the first round, sorted (empty for an empty query).
/// Enough to answer it unless a Latin word of 5+ letters matches nothing: then typo
/// tolerance needs more ([`needed_shards`] says which).
pub fn shard_keys_for(manifest: &Manifest, query: &str) -> Vec<String> {
    let terms = parse_query(query);
    let mut keys = BTreeSet::new();
    for t in &terms {
        primary_keys(manifest, t, &mut keys);
    }
    keys.into_iter().map(str::to_string).collect()
}

/// The shard keys a query still needs given the shards at hand (`shard(key)` returns a
/// loaded shard), sorted; empty when [`search_shards`] can answer. Fetch them and call again
/// (at most three rounds: the terms' shards, then for a Latin word that matched nothing the
/// Latin vocabulary, then the shards of its near spellings).
pub fn needed_shards<'s>(
    manifest: &Manifest,
    shard: impl Fn(&str) -> Option<&'s Shard>,
    query: &str,
) -> Vec<String> {
    let terms = parse_query(query);
    let mut need: BTreeSet<String> = BTreeSet::new();
    for term in &terms {
        let mut keys = BTreeSet::new();
        primary_keys(manifest, term, &mut keys);
        let missing: Vec<&str> = keys.into_iter().filter(|k| shard(k).is_none()).collect();
        if !missing.is_empty() {
            need.extend(missing.into_iter().map(str::to_string));
            continue;
        }
        let Term::Word { token, .. } = term else {
            continue;
        };
        if !crate::search::fuzzy_eligible(&token.norm)
            || !match_term(manifest, &shard, term, false).is_empty()
        {
            continue;
        }
        match shard(LATIN_VOCAB_KEY) {
            None if manifest.shards.contains_key(LATIN_VOCAB_KEY) => {
                need.insert(LATIN_VOCAB_KEY.to_string());
            }
            None => {}
            Some(v) => {
                for k in v
                    .vocabulary
                    .iter()
                    .filter(|k| within_one_edit(k, &token.norm))
                {
                    if let Some(key) = shard_key_of(manifest, k) {
                        if shard(key).is_none() {
                            need.insert(key.to_string());
                        }
                    }
                }
            }
        }
    }
    need.into_iter().collect()
}

/// Decodes a flat postings array into (position, field code) pairs.
fn postings(list: &[u32]) -> impl Iterator<Item = (u32, u32)> + '_ {
    let mut pos = 0u32;
    list.chunks_exact(2).map(move |c| {
        pos += c[0];
        (pos, c[1])
    })
}

type Scores = HashMap<u32, f32, rustc_hash::FxBuildHasher>;

fn add(out: &mut Scores, list: &[u32], quality: f32) {
    for (pos, code) in postings(list) {
        let score = base_of(code) * quality;
        let e = out.entry(pos).or_insert(0.0);
        *e = e.max(score);
    }
}

/// position → best score of one query term, from the shards at hand (a missing shard counts
/// as empty). `fuzzy`: apply typo tolerance when the term matched nothing.
fn match_term<'s>(
    manifest: &Manifest,
    shard: &impl Fn(&str) -> Option<&'s Shard>,
    term: &Term,
    fuzzy: bool,
) -> Scores {
    let mut out = Scores::default();
    let of = |s: &str| shard_key_of(manifest, s).and_then(shard);
    match term {
        Term::Word { token, prefix } => {
            for (dict, key, quality) in lookups(token, *prefix, manifest.lexicon()) {
                let list = of(key).and_then(|s| match dict {
                    Dict::Norm => s.norm.get(key),
                    Dict::Bare => s.bare.get(key),
                    Dict::Stem => s.stem.get(key),
                });
                if let Some(ps) = list {
                    add(&mut out, ps, quality);
                }
            }
            if crate::search::completes(&token.norm, *prefix) {
                for p in [&token.norm, &token.bare] {
                    match prefix_plan(manifest, p) {
                        PrefixPlan::Merged(k) => {
                            if let Some(ps) = shard(k).and_then(|s| s.prefix.get(p.as_str())) {
                                add(&mut out, ps, PREFIX);
                            }
                        }
                        PrefixPlan::Scan(keys) => {
                            for s in keys.into_iter().filter_map(shard) {
                                for dict in [&s.norm, &s.bare] {
                                    let from = (Bound::Included(p.as_str()), Bound::Unbounded);
                                    for (_, ps) in dict
                                        .range::<str, _>(from)
                                        .take_while(|(t, _)| t.starts_with(p.as_str()))
                                    {
                                        add(&mut out, ps, PREFIX);
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if fuzzy && crate::search::fuzzy_eligible(&token.norm) && out.is_empty() {
                if let Some(v) = shard(LATIN_VOCAB_KEY) {
                    for k in v
                        .vocabulary
                        .iter()
                        .filter(|k| within_one_edit(k, &token.norm))
                    {
                        if let Some(ps) = of(k).and_then(|s| s.norm.get(k)) {
                            add(&mut out, ps, FUZZY);
                        }
                    }
                }
            }
        }
        // Approximation: every word of the phrase, anywhere in the record.
        Term::Phrase(tokens) => {
            let mut acc: Option<Scores> = None;
            for t in tokens {
                let mut m = Scores::default();
                if let Some(ps) = of(&t.norm).and_then(|s| s.norm.get(&t.norm)) {
                    add(&mut m, ps, EXACT);
                }
                acc = Some(match acc {
                    None => m,
                    Some(mut prev) => {
                        prev.retain(|pos, _| m.contains_key(pos));
                        for (pos, s) in prev.iter_mut() {
                            *s = s.max(m[pos]);
                        }
                        prev
                    }
                });
            }
            out = acc.unwrap_or_default();
        }
    }
    out
}

/// Runs a query over the shards at hand: record positions with their scores, best first
/// (ties by position). `None` for an empty query (no searchable token), as
/// [`crate::SearchIndex::search`]. Missing shards count as empty: fetch what
/// [`needed_shards`] asks for first.
pub fn search_shards_scored<'s>(
    manifest: &Manifest,
    shard: impl Fn(&str) -> Option<&'s Shard>,
    query: &str,
) -> Option<Vec<(u32, f32)>> {
    search_shards_ranked(manifest, shard, query)
        .map(|h| h.into_iter().map(|(p, s, _)| (p, s)).collect())
}

/// [`search_shards_scored`] with, per hit, how many words of the query it lacks (0 unless
/// no record matches every word: then, as [`crate::SearchIndex::search`], the records
/// matching the most words come first).
pub fn search_shards_ranked<'s>(
    manifest: &Manifest,
    shard: impl Fn(&str) -> Option<&'s Shard>,
    query: &str,
) -> Option<Vec<(u32, f32, u8)>> {
    let terms = parse_query(query);
    if terms.is_empty() {
        return None;
    }
    let mut acc: Option<Scores> = None;
    for term in &terms {
        let matches = match_term(manifest, &shard, term, true);
        acc = Some(match acc {
            None => matches,
            Some(mut prev) => {
                prev.retain(|pos, _| matches.contains_key(pos));
                for (pos, score) in prev.iter_mut() {
                    *score += matches[pos];
                }
                prev
            }
        });
    }
    let acc = acc.unwrap_or_default();
    if acc.is_empty() && crate::search::typing(&terms) {
        return None;
    }
    let n = terms.len() as u8;
    let ranked: Vec<(u32, f32, u8)> = if acc.is_empty() && terms.len() > 1 {
        // No record has every word: those with the most, scores summed over the words
        // each matches.
        // Scores and counts (as f32) in the map type already used: less code in the wasm.
        let (mut sum, mut count) = (Scores::default(), Scores::default());
        for term in &terms {
            for (pos, score) in match_term(manifest, &shard, term, true) {
                *sum.entry(pos).or_insert(0.0) += score;
                *count.entry(pos).or_insert(0.0) += 1.0;
            }
        }
        sum.into_iter()
            .map(|(pos, score)| (pos, score, n.saturating_sub(count[&pos] as u8)))
            .collect()
    } else {
        acc.into_iter()
            .map(|(pos, score)| (pos, score, 0))
            .collect()
    };
    let mut hits: Vec<(u32, f32, u8)> = ranked
        .into_iter()
        .map(|(pos, score, missing)| {
            let prior = manifest.kind_at(pos).map_or(1.0, kind_prior);
            (pos, score * prior, missing)
        })
        .collect();
    hits.sort_unstable_by(|a, b| a.2.cmp(&b.2).then(b.1.total_cmp(&a.1)).then(a.0.cmp(&b.0)));
    Some(hits)
}

/// Runs a query over the shards at hand: record positions, best first (ties by position).
/// `None` for an empty query, or a word still being typed that finds nothing. See [`search_shards_scored`].
pub fn search_shards<'s>(
    manifest: &Manifest,
    shard: impl Fn(&str) -> Option<&'s Shard>,
    query: &str,
) -> Option<Vec<u32>> {
    search_shards_scored(manifest, shard, query).map(|h| h.into_iter().map(|(p, _)| p).collect())
}

// ---------------------------------------------------------------------------------------
// Client helpers
// ---------------------------------------------------------------------------------------

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
/// every file it names is a [`safe_relative_path`].
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
    if let Some(bad) = m
        .fragments
        .iter()
        .chain(m.shards.values())
        .find(|p| !safe_relative_path(p))
    {
        return Err(LoadError::Parse(format!("unsafe file name `{bad}`")));
    }
    Ok(m)
}

/// A small least-recently-used map for fetched fragments and shards: at most `capacity`
/// entries, the least recently used going first, except those a caller still needs.
#[derive(Debug)]
pub struct Lru<K, V> {
    capacity: usize,
    clock: u64,
    entries: HashMap<K, (u64, V)>,
}

impl<K: std::hash::Hash + Eq + Clone, V> Lru<K, V> {
    pub fn new(capacity: usize) -> Self {
        Lru {
            capacity: capacity.max(1),
            clock: 0,
            entries: HashMap::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The value, without marking it used (for lookups in a render).
    pub fn peek<Q>(&self, key: &Q) -> Option<&V>
    where
        K: std::borrow::Borrow<Q>,
        Q: std::hash::Hash + Eq + ?Sized,
    {
        self.entries.get(key).map(|(_, v)| v)
    }

    /// Marks the entry used now.
    pub fn touch<Q>(&mut self, key: &Q)
    where
        K: std::borrow::Borrow<Q>,
        Q: std::hash::Hash + Eq + ?Sized,
    {
        self.clock += 1;
        if let Some((t, _)) = self.entries.get_mut(key) {
            *t = self.clock;
        }
    }

    pub fn remove<Q>(&mut self, key: &Q) -> Option<V>
    where
        K: std::borrow::Borrow<Q>,
        Q: std::hash::Hash + Eq + ?Sized,
    {
        self.entries.remove(key).map(|(_, v)| v)
    }

    /// Inserts (as the most recently used), then evicts the least recently used entries
    /// over capacity for which `keep` is false. Returns the evicted keys.
    pub fn insert(&mut self, key: K, value: V, keep: impl Fn(&K) -> bool) -> Vec<K> {
        self.clock += 1;
        self.entries.insert(key, (self.clock, value));
        let mut evicted = Vec::new();
        if self.entries.len() > self.capacity {
            let mut old: Vec<(u64, K)> = self
                .entries
                .iter()
                .filter(|(k, _)| !keep(k))
                .map(|(k, (t, _))| (*t, k.clone()))
                .collect();
            crate::order::sort_by_key(&mut old, |(t, _)| *t);
            for (_, k) in old.into_iter().take(self.entries.len() - self.capacity) {
                self.entries.remove(&k);
                evicted.push(k);
            }
        }
        evicted
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{load_bundle, load_bundle_bytes, validate, SearchIndex};

    fn shipped() -> Catalog {
        let json = include_str!("../../../public/data/bundle.json");
        Catalog::new(load_bundle(json).expect("the shipped bundle is valid"))
    }

    /// The client loop: fetch what `needed_shards` asks for until it asks for nothing, then
    /// search. Returns the hits and the keys fetched.
    /// Position, score, words missing.
    type Ranked = Vec<(u32, f32, u8)>;

    fn client(split: &Split, q: &str) -> (Option<Ranked>, Vec<String>) {
        let mut have: HashMap<String, &Shard> = HashMap::new();
        let mut fetched = Vec::new();
        for round in 0.. {
            let need = needed_shards(&split.manifest, |k| have.get(k).copied(), q);
            if need.is_empty() {
                break;
            }
            assert!(round < 3, "{q}: more than three rounds ({need:?})");
            for k in need {
                assert!(split.manifest.file(&k).is_some(), "{q}: unknown key {k}");
                have.insert(k.clone(), &split.shards[&k]);
                fetched.push(k);
            }
        }
        let hits = search_shards_ranked(&split.manifest, |k| have.get(k).copied(), q);
        (hits, fetched)
    }

    /// The split answers `q` with the same records and scores as the index (a superset for
    /// quoted phrases, which the split approximates).
    fn agree(catalog: &Catalog, index: &SearchIndex, split: &Split, q: &str) {
        let order = catalog.browse_order();
        let want = index.search(catalog, q);
        let (got, _) = client(split, q);
        assert_eq!(want.is_some(), got.is_some(), "{q:?}: Option differs");
        let (Some(want), Some(got)) = (want, got) else {
            return;
        };
        let want: BTreeMap<&str, (f32, u8)> = want
            .scores(index)
            .map(|(r, score, missing)| (catalog.get(r).id(), (score, missing)))
            .collect();
        let got_ids: BTreeMap<&str, (f32, u8)> = got
            .iter()
            .map(|&(p, s, m)| (catalog.get(order[p as usize]).id(), (s, m)))
            .collect();
        if q.contains(['"', '«', '»', '“', '”']) {
            assert!(
                want.keys().all(|id| got_ids.contains_key(id)),
                "{q:?}: the phrase approximation lost records"
            );
            return;
        }
        assert_eq!(
            want.keys().collect::<Vec<_>>(),
            got_ids.keys().collect::<Vec<_>>(),
            "{q:?}: different records"
        );
        for (id, s) in &want {
            assert_eq!(got_ids[id], *s, "{q:?}: score and missing words of {id}");
        }
        // Ranked most words first, then best first, ties by position.
        assert!(got.windows(2).all(|w| {
            let (a, b) = (w[0], w[1]);
            a.2 < b.2 || (a.2 == b.2 && (a.1 > b.1 || (a.1 == b.1 && a.0 < b.0)))
        }));
    }

    const QUERIES: &[&str] = &[
        "مراكش",
        "ال",
        "وال",
        "الم",
        "مُرَّاكُش",
        "بمراكش",
        "ومراكش",
        "الانتربول",
        "الإنتربول",
        "أنتربول",
        "طنجه",
        "طنجة",
        "لطنجة",
        "والمغرب",
        "المؤتمرات",
        "مر",
        "مرا",
        "ال",
        "الم",
        "الأَمْن الكِيمْيائِيّ",
        "الأمن الكيميائي ",
        "في مراكش",
        "في",
        "Glasgow",
        "glasg",
        "gl",
        "g",
        "Hammouchi",
        "Hamouchi",
        "hammouchy",
        "Marrakesh",
        "Marakech",
        "Tanger",
        "interpol",
        "Interpl",
        "INTERPOL DGSN",
        "congresses",
        "experts",
        "chemical security",
        "\"chemical security\"",
        "«الأمن الكيميائي»",
        "2023",
        "٢٠٢٣",
        "۲۰۲۲",
        "47",
        "92",
        "the",
        "of the",
        "",
        "   ",
        "—",
        "zzzzzz",
        "qxqxqxq",
        // Both readings of a first letter, suffix chains, broken plurals (the lexicon).
        "وزارة ",
        "الوزارة",
        "وكالة",
        "مشاركتها",
        "الوزراء ",
        "وزير",
        "أعضاؤها",
        "العضو",
        "الخبراء",
        "خبير ",
        "أسلحة",
        "إعلامهم",
        // No record has every word: the records with the most words.
        "مؤتمر البرازيل",
        "الإنتربول zzzzzz مراكش",
        "zzzzzz qxqxqxq",
    ];

    #[test]
    fn shipped_queries_agree_with_the_index() {
        let catalog = shipped();
        let index = SearchIndex::build(&catalog);
        // The default target (one-character keys) and a tiny one (deep keys, merged
        // prefixes): the same answers.
        for target in [SHARD_TARGET_BYTES, 1500, 200] {
            let split = build_split_with(&catalog, 40, target);
            for q in QUERIES {
                agree(&catalog, &index, &split, q);
            }
        }
        // Every term of the shipped data, typed whole and as a prefix.
        let split = build_split_with(&catalog, 40, 1500);
        let mut words = BTreeSet::new();
        for r in catalog.all() {
            for (_, _, text) in searchable_fields(&catalog, r) {
                for w in text.split_whitespace() {
                    words.insert(w.to_string());
                }
            }
        }
        for w in words.iter().step_by(7) {
            agree(&catalog, &index, &split, w);
            agree(&catalog, &index, &split, &format!("{w} "));
            let half: String = w.chars().take(w.chars().count().div_ceil(2)).collect();
            agree(&catalog, &index, &split, &half);
        }
    }

    #[test]
    fn deep_keys_are_used_and_typos_need_the_vocabulary() {
        let catalog = shipped();
        let split = build_split_with(&catalog, 40, 1500);
        assert!(split.manifest.shards.keys().any(|k| k.chars().count() >= 3));
        assert!(split.shards.values().any(|s| !s.prefix.is_empty()));
        // A typo: first round the word's shards, then the vocabulary, then near terms.
        let (hits, fetched) = client(&split, "Hamouchi");
        assert!(!hits.unwrap().is_empty());
        assert!(fetched.iter().any(|k| k == LATIN_VOCAB_KEY));
        // A word that matches needs no vocabulary.
        let (_, fetched) = client(&split, "Hammouchi");
        assert!(!fetched.iter().any(|k| k == LATIN_VOCAB_KEY));
    }

    #[test]
    fn shard_keys_for_is_the_first_round_and_small() {
        let catalog = shipped();
        let split = build_split(&catalog, 40);
        for q in QUERIES {
            let keys = shard_keys_for(&split.manifest, q);
            let first = needed_shards(&split.manifest, |_| None, q);
            // The first round may also ask for the Latin vocabulary at once (a word with no
            // shard at all, such as "zzzzzz").
            let extra: Vec<&String> = first.iter().filter(|k| !keys.contains(k)).collect();
            assert!(keys.iter().all(|k| first.contains(k)), "{q:?}");
            assert!(
                extra.iter().all(|k| *k == LATIN_VOCAB_KEY),
                "{q:?}: {extra:?}"
            );
            let words = parse_query(q).len();
            assert!(keys.len() <= 3 * words.max(1) + 2, "{q:?}: {keys:?}");
        }
        assert_eq!(shard_keys_for(&split.manifest, ""), Vec::<String>::new());
        assert_eq!(search_shards(&split.manifest, |_| None, ""), None);
        assert_eq!(search_shards(&split.manifest, |_| None, "  ، "), None);
        // A word still being typed that finds nothing: no query yet, as for the index.
        let all = |k: &str| split.shards.get(k);
        assert_eq!(search_shards(&split.manifest, all, "م"), None);
        assert_eq!(search_shards(&split.manifest, all, "م "), Some(Vec::new()));
    }

    #[test]
    fn every_fragment_loads_and_resolves_its_links() {
        let catalog = shipped();
        let order = catalog.browse_order();
        for size in [1, 7, 40, 10_000] {
            let split = build_split(&catalog, size);
            let m = &split.manifest;
            assert_eq!(m.records as usize, order.len());
            assert_eq!(m.fragments.len(), order.len().div_ceil(size));
            assert_eq!(split.fragments.len(), m.fragments.len());
            let mut position = 0usize;
            for (i, fragment) in split.fragments.iter().enumerate() {
                let bytes = serde_json::to_vec(fragment).unwrap();
                let bundle = load_bundle_bytes(&bytes)
                    .unwrap_or_else(|e| panic!("fragment {i} (size {size}): {e}"));
                assert!(validate(&bundle).is_empty());
                let fc = Catalog::new(bundle);
                let own = m.own_records(i, &fc);
                assert_eq!(own.len(), (order.len() - position).min(size));
                for (j, &r) in own.iter().enumerate() {
                    let p = (position + j) as u32;
                    assert_eq!(m.locate(p), (i, j));
                    assert_eq!(m.kind_at(p), Some(r.kind));
                    let mine = fc.get(r);
                    let full = catalog.get(order[p as usize]);
                    assert_eq!(mine.id(), full.id(), "fragment {i} own record {j}");
                    // A card can be drawn from the fragment: its links, its chips, its
                    // "sources differ" mark.
                    for id in mine.links() {
                        assert!(fc.record(id).is_some(), "{}: link {id}", mine.id());
                    }
                    if let Record::Event(e) = mine {
                        let want: Vec<&str> = catalog
                            .figures_of_event(&e.id)
                            .iter()
                            .take(4)
                            .map(|f| f.id.as_str())
                            .collect();
                        let have: Vec<&str> = fc
                            .figures_of_event(&e.id)
                            .iter()
                            .map(|f| f.id.as_str())
                            .collect();
                        assert!(want.iter().all(|f| have.contains(f)), "{}", e.id);
                    }
                    assert_eq!(
                        fc.disagreements_about(mine.id()).len(),
                        catalog.disagreements_about(mine.id()).len(),
                        "{}",
                        mine.id()
                    );
                    assert_eq!(
                        format!("{:?}", searchable_fields(&fc, r)),
                        format!("{:?}", searchable_fields(&catalog, order[p as usize])),
                        "{}: the fragment lacks something the record's text names",
                        mine.id()
                    );
                }
                // The extra records are there to be named: summaries elided, and nothing
                // beyond what an own record, a chip or a disagreement names (or the one
                // source an extra record keeps).
                let own_ids: HashSet<&str> = own.iter().map(|&r| fc.get(r).id()).collect();
                let mut named: HashSet<&str> = HashSet::new();
                for &r in &own {
                    let rec = fc.get(r);
                    named.extend(rec.links());
                    if let Record::Event(e) = rec {
                        named.extend(fc.figures_of_event(&e.id).iter().map(|f| f.id.as_str()));
                    }
                }
                for d in &fc.bundle.disagreements {
                    named.extend(d.figures.iter().map(String::as_str));
                    named.extend(d.claims.iter().map(|c| c.source.as_str()));
                    named.extend(d.subject.as_deref());
                }
                for r in fc.all() {
                    let rec = fc.get(r);
                    if own_ids.contains(rec.id()) {
                        continue;
                    }
                    if let Some(s) = rec.summary() {
                        assert_eq!(s.ar, ELIDED, "fragment {i}: {} not elided", rec.id());
                    }
                    if !named.contains(rec.id()) {
                        assert_eq!(r.kind, Kind::Source, "fragment {i}: {} carried", rec.id());
                    }
                }
                position += own.len();
            }
            assert_eq!(position, order.len());
        }
    }

    #[test]
    fn round_trip_through_json_gives_the_same_answers() {
        let catalog = shipped();
        let split = build_split_with(&catalog, 40, 1500);
        let files: HashMap<String, String> = split.files().into_iter().collect();
        let manifest: Manifest = serde_json::from_str(&files["manifest.json"]).unwrap();
        assert_eq!(manifest, split.manifest);
        assert_eq!(manifest.format, FORMAT);
        let shards: HashMap<String, Shard> = manifest
            .shards
            .iter()
            .map(|(k, f)| (k.clone(), serde_json::from_str(&files[f]).unwrap()))
            .collect();
        assert_eq!(shards.len(), split.shards.len());
        for (k, s) in &shards {
            assert_eq!(s, &split.shards[k]);
        }
        for q in QUERIES {
            assert_eq!(
                search_shards(&manifest, |k| shards.get(k), q),
                search_shards(&split.manifest, |k| split.shards.get(k), q),
                "{q:?}"
            );
        }
        for (i, f) in manifest.fragments.iter().enumerate() {
            assert_eq!(load_bundle(&files[f]).unwrap(), split.fragments[i]);
        }
    }

    #[test]
    fn manifests_are_told_from_bundles_and_checked() {
        let split = build_split(&shipped(), 7);
        let json = serde_json::to_vec(&split.manifest).unwrap();
        assert!(looks_like_manifest(&json));
        assert_eq!(parse_manifest(&json).unwrap(), split.manifest);
        let bundle = include_bytes!("../../../public/data/bundle.json");
        assert!(!looks_like_manifest(bundle));
        assert!(parse_manifest(bundle).is_err());
        let hostile = |f: &dyn Fn(&mut Manifest)| {
            let mut m = split.manifest.clone();
            f(&mut m);
            parse_manifest(&serde_json::to_vec(&m).unwrap())
        };
        assert!(hostile(&|m| m.fragments[0] = "https://evil.example/x.json".into()).is_err());
        assert!(hostile(&|m| m.fragments[1] = "../secret.json".into()).is_err());
        assert!(hostile(&|m| {
            m.shards.insert("x".into(), "/etc/passwd".into());
        })
        .is_err());
        assert!(hostile(&|m| m.records += 100).is_err());
        assert!(hostile(&|m| m.format = "other".into()).is_err());
        assert!(matches!(
            hostile(&|m| m.format_version = 99),
            Err(crate::LoadError::UnsupportedVersion(_))
        ));
        assert!(hostile(&|m| m.fragment_size = 0).is_err());
    }

    #[test]
    fn file_names_resolve_against_the_manifest() {
        assert_eq!(
            resolve("data/bundle.json", "records/0000.json"),
            "data/records/0000.json"
        );
        assert_eq!(
            resolve("https://a.example/s/manifest.json?v=2#x", "terms/61.json"),
            "https://a.example/s/terms/61.json"
        );
        assert_eq!(resolve("manifest.json", "terms/61.json"), "terms/61.json");
        for ok in [
            "records/0000.json",
            "terms/627-644.json",
            "terms/latin.json",
        ] {
            assert!(safe_relative_path(ok), "{ok}");
        }
        for bad in [
            "", "/x.json", "a//b", "../x", "a/../b", "http://x", "a?b", "a b", "./a",
        ] {
            assert!(!safe_relative_path(bad), "{bad}");
        }
    }

    #[test]
    fn the_lru_keeps_what_is_needed_and_drops_the_oldest() {
        let mut c: Lru<u32, &str> = Lru::new(3);
        for k in 0..3 {
            assert!(c.insert(k, "v", |_| false).is_empty());
        }
        c.touch(&0);
        // 1 is the least recently used.
        assert_eq!(c.insert(3, "v", |_| false), vec![1]);
        assert!(c.peek(&0).is_some() && c.peek(&1).is_none());
        // Needed entries stay, even over capacity.
        let evicted = c.insert(4, "v", |_| true);
        assert!(evicted.is_empty());
        assert_eq!(c.len(), 4);
        assert_eq!(c.insert(5, "v", |k| *k == 0), vec![2, 3]);
        assert_eq!(c.len(), 3);
        assert_eq!(c.remove(&0), Some("v"));
    }

    #[test]
    fn the_shard_of_a_term_is_the_longest_key_prefixing_it() {
        let mut m = build_split(&shipped(), 100).manifest;
        m.shards = ["a", "ab", "abc", "b"]
            .iter()
            .map(|k| (k.to_string(), shard_file(k)))
            .collect();
        assert_eq!(shard_key_of(&m, "abcd"), Some("abc"));
        assert_eq!(shard_key_of(&m, "abd"), Some("ab"));
        assert_eq!(shard_key_of(&m, "ab"), Some("ab"));
        assert_eq!(shard_key_of(&m, "azz"), Some("a"));
        assert_eq!(shard_key_of(&m, "c"), None);
        assert_eq!(shard_file("ال"), "terms/627-644.json");
    }
}
