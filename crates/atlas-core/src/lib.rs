//! The Atlas core: everything that can be tested without a browser.
//!
//! - [`model`]: the bundle schema shared by the data compiler and the app;
//! - [`validate`]: checks a bundle (ids, references, dates, languages, numbers);
//! - [`normalize`] and [`analyze`]: Arabic-aware normalisation, tokenising and stemming;
//! - [`search`]: the index and the query, with highlight spans on the original text;
//! - [`catalog`]: lookups and links between records.

pub mod analyze;
pub mod catalog;
pub mod date;
pub mod facets;
pub mod format;
pub mod map;
pub mod model;
pub mod normalize;
pub mod params;
pub mod search;
pub mod stats;
pub mod validate;
pub mod viewport;

pub use catalog::{Catalog, Record, RecordRef};
pub use date::PartialDate;
pub use model::*;
pub use search::{FieldName, Hit, SearchIndex};
pub use validate::{validate, Problem};

/// Why a bundle could not be loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// Not JSON, or JSON of the wrong shape.
    Parse(String),
    /// A schema version this build cannot read.
    UnsupportedVersion(u32),
    /// Well-formed, but its content breaks the rules.
    Invalid(Vec<Problem>),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Parse(e) => write!(f, "the data is not a valid bundle: {e}"),
            LoadError::UnsupportedVersion(v) => write!(
                f,
                "the data uses schema version {v}; this app reads version {SCHEMA_VERSION}"
            ),
            LoadError::Invalid(p) => {
                write!(f, "the data has {} problem(s)", p.len())?;
                for problem in p.iter().take(3) {
                    write!(f, "; {problem}")?;
                }
                Ok(())
            }
        }
    }
}

/// Parses and validates a bundle from JSON text. The schema version is checked before the
/// shape, so a bundle from a newer compiler gets a clear message rather than a parse error.
pub fn load_bundle(json: &str) -> Result<Bundle, LoadError> {
    #[derive(serde::Deserialize)]
    struct Version {
        schema_version: Option<u32>,
    }
    let v: Version = serde_json::from_str(json).map_err(|e| LoadError::Parse(e.to_string()))?;
    match v.schema_version {
        Some(SCHEMA_VERSION) => {}
        Some(other) => return Err(LoadError::UnsupportedVersion(other)),
        None => return Err(LoadError::Parse("`schema_version` is missing".into())),
    }
    let bundle: Bundle = serde_json::from_str(json).map_err(|e| LoadError::Parse(e.to_string()))?;
    let problems = validate(&bundle);
    if problems.is_empty() {
        Ok(bundle)
    } else {
        Err(LoadError::Invalid(problems))
    }
}
