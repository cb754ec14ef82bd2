//! The Atlas core: everything that can be tested without a browser. The data compiler
//! (`atlas-bundle`) and the web app (`atlas`) both build on it; it has no web dependencies.
//!
//! # Modules
//!
//! The bundle and loading it:
//! - [`model`]: the bundle schema (records, texts in four languages, disagreements, plurals);
//! - [`date`]: partial dates (a year, a year and month, or a full day);
//! - [`float`]: decimal text to `f64`, correctly rounded, without the standard library's
//!   10 KB table (the browser downloads every table);
//! - [`load`]: bytes or JSON text to a validated bundle, or a diagnosis saying where and what,
//!   with the JSON path of a parse error (module `json_path`, internal) and [`bidi`]
//!   (explicit direction controls in record text);
//! - [`validate`](mod@validate): checks a parsed bundle (ids, references, dates, coordinates,
//!   languages, numbers);
//! - [`catalog`]: lookups across a bundle: any record by id, its name, what it links to;
//! - `order` (internal): the one sort used for browse order, facet values and the other
//!   small orders.
//!
//! Search:
//! - [`normalize`]: Arabic-aware normalisation shared by the index and the query;
//! - [`analyze`]: tokens, light stemming and clitic readings;
//! - [`lexicon`]: broken plurals and their singulars (from `data/plurals.toml`);
//! - [`search`]: the index and the query, ranking, partial matches and highlight spans;
//! - [`split`]: a catalogue too large to download whole, cut into a manifest, record
//!   fragments, term shards and a facet table: building it, querying it from the shards at
//!   hand, and counting its facets from the blocks at hand.
//!
//! What the views show, computed without a browser:
//! - [`facets`]: filters and facet counts;
//! - [`stats`]: statistics, the timeline, and CSV/JSON exports;
//! - [`format`](mod@format) and [`plural`]: dates, numbers, figures, and plural categories (CLDR);
//! - [`map`] and [`viewport`]: the base map's projection and the map view's geometry;
//! - [`window`]: which cards of a long list are on screen;
//! - [`params`]: presentation parameters a partner may put in the URL.
//!
//! The types most callers need are re-exported here: every type of [`model`], [`Catalog`],
//! [`SearchIndex`], [`PartialDate`], and the loading and validation entry points
//! ([`load_bundle_bytes`], [`parse_bundle_bytes`], [`checked`], [`validate()`]).

pub mod analyze;
pub mod bidi;
pub mod catalog;
mod compound;
pub mod date;
pub mod decode;
pub mod facets;
pub mod float;
pub mod format;
pub mod json;
mod json_path;
pub mod lexicon;
pub mod load;
pub mod map;
pub mod model;
pub mod normalize;
mod order;
pub mod params;
pub mod plural;
pub mod search;
pub mod split;
pub mod stats;
pub mod validate;
pub mod viewport;
pub mod window;

pub use catalog::{Catalog, Record, RecordRef};
pub use date::PartialDate;
pub use model::{
    Bundle, Claim, Country, Disagreement, Event, EventKind, EventStatus, Figure, Kind, Measure,
    Organization, Period, Person, Place, Plural, Qualifier, Relation, Source, SourceKind, Text,
    Topic, SCHEMA_VERSION,
};
pub use search::{FieldName, Hit, Hits, SearchIndex};
pub use validate::{validate, validate_complete, Problem};

pub use load::{checked, parse_bundle_bytes};
pub use load::{load_bundle, load_bundle_bytes, LoadError};
