//! Compiles the human-edited TOML files of `data/` into the Atlas bundle.
//!
//! Every `*.toml` file in the data directory may hold any of these arrays of tables:
//! `[[source]]`, `[[country]]`, `[[place]]`, `[[organization]]`, `[[person]]`, `[[topic]]`,
//! `[[event]]`, `[[figure]]`, `[[disagreement]]`, `[[plural]]` (broken plurals for search),
//! and `not_plural = [...]` (words reviewed as not broken plurals, for `atlas-bundle
//! plurals`; not compiled). Files are read in name order and records keep their order
//! within a file, so the same input always gives the same bytes.
//!
//! Every problem, whether TOML syntax, a wrong type or a broken rule found by
//! [`atlas_core::validate_complete`] (the app's rules, and every text in Arabic, English,
//! French and Spanish), is reported as `file:line: field `name`: message`.
//!
//! [`map`] compiles Natural Earth land into the base map of the map view.

pub mod bad_bundles;
pub mod csp;
pub mod icons;
pub mod map;
pub mod plurals;
pub mod precache;
pub mod split;
pub mod style;
pub mod synth;

use atlas_core::model::*;
use serde::Deserialize;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One problem in the data, located in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: PathBuf,
    pub line: usize,
    pub field: String,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.file.display(), self.line)?;
        if !self.field.is_empty() {
            write!(f, "field `{}`: ", self.field)?;
        }
        f.write_str(&self.message)
    }
}

/// The arrays a data file may contain (TOML key → bundle collection).
const KEYS: [(&str, &str); 11] = [
    ("source", "sources"),
    ("country", "countries"),
    ("place", "places"),
    ("organization", "organizations"),
    ("person", "people"),
    ("topic", "topics"),
    ("measure", "measures"),
    ("event", "events"),
    ("figure", "figures"),
    ("disagreement", "disagreements"),
    ("plural", "plurals"),
];

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct DataFile {
    #[serde(default)]
    source: Vec<Source>,
    #[serde(default)]
    country: Vec<Country>,
    #[serde(default)]
    place: Vec<Place>,
    #[serde(default)]
    organization: Vec<Organization>,
    #[serde(default)]
    person: Vec<Person>,
    #[serde(default)]
    topic: Vec<Topic>,
    #[serde(default)]
    measure: Vec<Measure>,
    #[serde(default)]
    event: Vec<Event>,
    #[serde(default)]
    figure: Vec<Figure>,
    #[serde(default)]
    disagreement: Vec<Disagreement>,
    #[serde(default)]
    plural: Vec<Plural>,
    /// Words reviewed as not broken plurals though they look like one (for `atlas-bundle
    /// plurals`; not compiled into the bundle).
    #[serde(default)]
    not_plural: Vec<String>,
}

/// Where one record of the bundle came from.
struct Origin {
    file: usize,
    key: &'static str,
    index: usize,
}

struct SourceFile {
    path: PathBuf,
    text: String,
    doc: Option<toml_edit::Document<String>>,
}

impl SourceFile {
    fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        self.text.as_bytes()[..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    /// The span of `field` (a path like `summary.ar` or `sources[1]`) in the `index`-th
    /// `[[key]]` table, or of the deepest part of it that exists, or of the table itself.
    fn span_of(&self, key: &str, index: usize, field: &str) -> Option<Range<usize>> {
        let doc = self.doc.as_ref()?;
        let table = doc.as_table().get(key)?.as_array_of_tables()?.get(index)?;
        let mut best = table.span();
        let mut item: Option<&toml_edit::Item> = None;
        for part in field.split('.') {
            let (name, idx) = match part.split_once('[') {
                Some((n, rest)) => (n, rest.trim_end_matches(']').parse::<usize>().ok()),
                None => (part, None),
            };
            let next = match item {
                None => table.get(name),
                Some(it) => it.get(name),
            };
            let Some(next) = next else { break };
            // Prefer the key's own line; TOML tables span several lines.
            let span = match item {
                None => table.get_key_value(name).and_then(|(k, _)| k.span()),
                Some(it) => it
                    .as_table_like()
                    .and_then(|t| t.get_key_value(name))
                    .and_then(|(k, _)| k.span()),
            };
            best = span.or(next.span()).or(best);
            item = Some(next);
            if let Some(i) = idx {
                if let Some(v) = next.as_array().and_then(|a| a.get(i)) {
                    best = v.span().or(best);
                }
            }
        }
        best
    }
}

/// The words reviewed as not broken plurals (`not_plural = [...]`) in the data files.
pub fn reviewed_not_plurals(dir: &Path) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let rd = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let data: DataFile =
            toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        out.extend(data.not_plural);
    }
    Ok(out)
}

/// Reads and validates every data file; on success returns the bundle.
pub fn compile(dir: &Path) -> Result<Bundle, Vec<Diagnostic>> {
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect(),
        Err(e) => {
            return Err(vec![Diagnostic {
                file: dir.to_path_buf(),
                line: 0,
                field: String::new(),
                message: format!("cannot read the data directory: {e}"),
            }])
        }
    };
    paths.sort();
    if paths.is_empty() {
        return Err(vec![Diagnostic {
            file: dir.to_path_buf(),
            line: 0,
            field: String::new(),
            message: "no .toml data files found".into(),
        }]);
    }

    let mut files: Vec<SourceFile> = Vec::new();
    let mut diagnostics = Vec::new();
    let mut bundle = Bundle {
        schema_version: SCHEMA_VERSION,
        ..Bundle::default()
    };
    // Origins per collection, parallel to the bundle's vectors.
    let mut origins: Vec<(&'static str, Vec<Origin>)> =
        KEYS.iter().map(|(_, coll)| (*coll, Vec::new())).collect();

    for path in paths {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                diagnostics.push(Diagnostic {
                    file: path.clone(),
                    line: 0,
                    field: String::new(),
                    message: format!("cannot read: {e}"),
                });
                continue;
            }
        };
        let doc = toml_edit::Document::parse(text.clone()).ok();
        let file = SourceFile { path, text, doc };
        let parsed: Result<DataFile, toml::de::Error> = toml::from_str(&file.text);
        let data = match parsed {
            Ok(d) => d,
            Err(e) => {
                let offset = e.span().map_or(0, |s| s.start);
                diagnostics.push(Diagnostic {
                    file: file.path.clone(),
                    line: file.line_of(offset),
                    field: field_of_error(&file, e.message(), offset),
                    message: e.message().trim().to_string(),
                });
                files.push(file);
                continue;
            }
        };
        let fi = files.len();
        files.push(file);
        let mut note = |coll: &str, key: &'static str, n: usize| {
            let list = &mut origins
                .iter_mut()
                .find(|(c, _)| *c == coll)
                .expect("known collection")
                .1;
            list.extend((0..n).map(|index| Origin {
                file: fi,
                key,
                index,
            }));
        };
        note("sources", "source", data.source.len());
        note("countries", "country", data.country.len());
        note("places", "place", data.place.len());
        note("organizations", "organization", data.organization.len());
        note("people", "person", data.person.len());
        note("topics", "topic", data.topic.len());
        note("measures", "measure", data.measure.len());
        note("events", "event", data.event.len());
        note("figures", "figure", data.figure.len());
        note("disagreements", "disagreement", data.disagreement.len());
        note("plurals", "plural", data.plural.len());
        bundle.sources.extend(data.source);
        bundle.countries.extend(data.country);
        bundle.places.extend(data.place);
        bundle.organizations.extend(data.organization);
        bundle.people.extend(data.person);
        bundle.topics.extend(data.topic);
        bundle.measures.extend(data.measure);
        bundle.events.extend(data.event);
        bundle.figures.extend(data.figure);
        bundle.disagreements.extend(data.disagreement);
        bundle.plurals.extend(data.plural);
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }

    for problem in atlas_core::validate_complete(&bundle) {
        let origin = origins
            .iter()
            .find(|(c, _)| *c == problem.collection)
            .and_then(|(_, list)| list.get(problem.index));
        let Some(origin) = origin else {
            diagnostics.push(Diagnostic {
                file: dir.to_path_buf(),
                line: 0,
                field: problem.field.clone(),
                message: problem.to_string(),
            });
            continue;
        };
        let file = &files[origin.file];
        let line = file
            .span_of(origin.key, origin.index, &problem.field)
            .map_or(0, |s| file.line_of(s.start));
        let what = if problem.id.is_empty() {
            format!("[[{}]] #{}", origin.key, origin.index + 1)
        } else {
            format!("{} `{}`", origin.key, problem.id)
        };
        diagnostics.push(Diagnostic {
            file: file.path.clone(),
            line,
            field: problem.field,
            message: format!("{what}: {}", problem.message),
        });
    }
    if diagnostics.is_empty() {
        Ok(bundle)
    } else {
        diagnostics.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        Err(diagnostics)
    }
}

/// The field a TOML/serde error is about: named in the message, or the key at the offset.
fn field_of_error(file: &SourceFile, message: &str, offset: usize) -> String {
    for prefix in ["unknown field `", "missing field `", "duplicate key `"] {
        if let Some(rest) = message.split(prefix).nth(1) {
            if let Some(name) = rest.split('`').next() {
                return name.to_string();
            }
        }
    }
    // Otherwise find the key on the error's line.
    let line_start = file.text[..offset.min(file.text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = file.text[line_start..].lines().next().unwrap_or("");
    match line.split_once('=') {
        Some((k, _)) if !k.trim_start().starts_with('[') => k.trim().to_string(),
        _ => String::new(),
    }
}

/// The bundle as canonical JSON (compact, fields in declaration order, one trailing newline).
pub fn to_json(bundle: &Bundle) -> String {
    let mut s = serde_json::to_string(bundle).expect("a bundle always serialises");
    s.push('\n');
    s
}

/// The JSON Schema of the bundle, generated from the Rust types.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(Bundle);
    let mut s = serde_json::to_string_pretty(&schema).expect("a schema always serialises");
    s.push('\n');
    s
}
