//! The Atlas core: everything that can be tested without a browser.
//!
//! - [`model`]: the bundle schema shared by the data compiler and the app;
//! - [`validate`]: checks a bundle (ids, references, dates, languages, numbers);
//! - [`normalize`] and [`analyze`]: Arabic-aware normalisation, tokenising and stemming;
//! - [`search`]: the index and the query, with highlight spans on the original text;
//! - [`catalog`]: lookups and links between records;
//! - [`load`]: bytes or JSON text to a validated bundle, or a diagnosis saying where and what.

pub mod analyze;
pub mod bidi;
pub mod catalog;
pub mod date;
pub mod facets;
pub mod format;
pub mod json_path;
pub mod lexicon;
pub mod load;
pub mod map;
pub mod model;
pub mod normalize;
pub mod order;
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
pub use model::*;
pub use search::{FieldName, Hit, Hits, SearchIndex};
pub use validate::{validate, validate_complete, Problem};

pub use load::{checked, parse_bundle_bytes};
pub use load::{load_bundle, load_bundle_bytes, LoadError};
