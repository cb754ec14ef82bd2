//! The bad-bundle corpus: the shipped bundle broken in every way a download, a server or an
//! editor can break it, each case with the diagnosis the app and `atlas-bundle check` must
//! both give (they share [`atlas_core::load_bundle_bytes`]).
//!
//! `atlas-bundle bad-bundles <dir> [--bundle <bundle.json>] [--huge]` writes one file per
//! case and the manifest `cases.json`. The two huge cases (a 10 MB string, 100 000 levels of
//! nesting) are not committed: the manifest gives a recipe instead —
//! `template` with `placeholder` replaced by each `fill` piece's `repeat` × `count`,
//! concatenated — which [`materialize`] (and a browser test in a few lines of JavaScript)
//! follows; `--huge` writes them too, under the names the manifest gives (git-ignored).
//!
//! Every mutation picks its record by position (the first event, place, figure, source), so
//! the same bundle always gives the same corpus, byte for byte.

use atlas_core::Bundle;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The manifest, `cases.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub about: String,
    /// The command that regenerates the folder.
    pub generator: String,
    pub cases: Vec<Case>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Case {
    /// File name, relative to the manifest's folder. For a case with `generate`, the name
    /// `--huge` writes it under (not committed).
    pub file: String,
    pub description: String,
    /// Substrings the diagnosis must contain, in the app and in `atlas-bundle check`.
    pub expect: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generate: Option<Recipe>,
}

/// How to build a case too big to commit: `template` (relative to the manifest's folder)
/// with `placeholder` replaced by the concatenation of each fill's `repeat` × `count`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recipe {
    pub template: String,
    pub placeholder: String,
    pub fill: Vec<Fill>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fill {
    pub repeat: String,
    pub count: usize,
}

/// A generated corpus: the manifest, and the content of each file to write (case files,
/// templates; huge cases only when asked).
pub struct Corpus {
    pub manifest: Manifest,
    pub files: Vec<(String, Vec<u8>)>,
}

pub const PLACEHOLDER: &str = "@@FILL@@";
const LONG_LEN: usize = 10 * 1024 * 1024;
const DEEP_LEVELS: usize = 100_000;

/// Builds the corpus from the text of a valid bundle.
pub fn generate(bundle_json: &str, huge: bool) -> Result<Corpus, String> {
    let base: Bundle =
        atlas_core::load_bundle(bundle_json).map_err(|e| format!("the base bundle: {e}"))?;
    let json = atlas_bundle_json(&base);
    let first = |what: &str, ok: bool| {
        if ok {
            Ok(())
        } else {
            Err(format!("the base bundle has no {what} to break"))
        }
    };
    first("two events", base.events.len() >= 2)?;
    first("place", !base.places.is_empty())?;
    first("figure", !base.figures.is_empty())?;
    first("source", !base.sources.is_empty())?;
    let event = &base.events[0];
    let place = &base.places[0];

    let mut cases: Vec<Case> = Vec::new();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut add = |file: &str, description: &str, expect: &[&str], content: Vec<u8>| {
        cases.push(Case {
            file: file.into(),
            description: description.into(),
            expect: expect.iter().map(|s| s.to_string()).collect(),
            generate: None,
        });
        files.push((file.into(), content));
    };

    // Bytes and framing.
    add(
        "empty.json",
        "An empty file (a 200 response with no body).",
        &["empty file"],
        Vec::new(),
    );
    let half = (0..=json.len() / 2)
        .rev()
        .find(|&i| json.is_char_boundary(i))
        .unwrap_or(0);
    add(
        "truncated.json",
        "The bundle cut in the middle, as an interrupted download leaves it.",
        &["the file ends too early, it looks truncated"],
        json.as_bytes()[..half].to_vec(),
    );
    add(
        "html-error-page.json",
        "An HTML error page served with the bundle's address (a proxy's 502).",
        &["looks like an HTML page, not JSON", "502 Bad Gateway"],
        HTML_502.as_bytes().to_vec(),
    );
    add(
        "plain-text.json",
        "A plain-text error body, not JSON at all.",
        &["not valid JSON: expected value at line 1, column 1"],
        b"Service Unavailable\n".to_vec(),
    );
    let mut bytes = json.as_bytes().to_vec();
    let title = locate(&json, &["\"events\":[", "\"title\":{\"ar\":\""])?;
    bytes.insert(title, 0xFF);
    add(
        "invalid-utf8.json",
        "A 0xFF byte (never valid in UTF-8) at the start of the first event's Arabic title.",
        &[&format!("invalid UTF-8 at byte {title}")],
        bytes,
    );

    // Shape: the parser's errors, with a JSON path.
    let mut b = base.clone();
    b.schema_version = atlas_core::SCHEMA_VERSION + 1;
    add(
        "wrong-schema-version.json",
        "A bundle from a newer compiler (schema_version one higher).",
        &[&format!(
            "the data uses schema version {}; this app reads version {}",
            atlas_core::SCHEMA_VERSION + 1,
            atlas_core::SCHEMA_VERSION
        )],
        to_bytes(&b),
    );
    let lat = locate(&json, &["\"places\":[", "\"lat\":"])?;
    let lat_end = lat + json[lat..].find([',', '}']).ok_or("no end of lat")?;
    let lat_text = &json[lat..lat_end];
    add(
        "wrong-type.json",
        "The first place's latitude as a string instead of a number.",
        &[
            &format!("invalid type: string \"{lat_text}\", expected f64"),
            "in `places[0].lat`",
        ],
        format!("{}\"{lat_text}\"{}", &json[..lat], &json[lat_end..]).into_bytes(),
    );
    let kind_mark = ",\"kind\":\"";
    let after = locate(&json, &["\"events\":[", kind_mark])?;
    let kind = after - kind_mark.len();
    let kind_end = after + json[after..].find('"').ok_or("no end of kind")? + 1;
    add(
        "missing-field.json",
        "The first event without its required `kind`.",
        &["missing field `kind`", "in `events[0]`"],
        format!("{}{}", &json[..kind], &json[kind_end..]).into_bytes(),
    );
    let value = locate(&json, &["\"figures\":[", "\"value\":"])?;
    let value_end = value + json[value..].find([',', '}']).ok_or("no end of value")?;
    for (file, lit, what, expect) in [
        (
            "nan-number.json",
            "NaN",
            "The first figure's value written NaN (what JavaScript prints, not JSON).",
            "NaN and Infinity are not JSON numbers",
        ),
        (
            "huge-number.json",
            "1e400",
            "The first figure's value 1e400, beyond the largest double.",
            "number out of range",
        ),
    ] {
        add(
            file,
            what,
            &[expect, "in `figures[0].value`"],
            format!("{}{lit}{}", &json[..value], &json[value_end..]).into_bytes(),
        );
    }
    let mut b = base.clone();
    b.events[0].start.month = Some(13);
    add(
        "date-month-13.json",
        "The first event starting in month 13.",
        &["month 13 does not exist", "in `events[0].start`"],
        to_bytes(&b),
    );
    let mut b = base.clone();
    b.events[0].start.year = 99999;
    add(
        "date-year-99999.json",
        "The first event starting in the year 99999.",
        &["year 99999 is out of range", "in `events[0].start`"],
        to_bytes(&b),
    );
    let url = locate(&json, &["\"sources\":[{"])?;
    add(
        "javascript-url.json",
        "The first source with a `url` of scheme javascript:. The schema has no link field, \
         so any `url` is refused as unknown; the app never builds a link from bundle data.",
        &["unknown field `url`", "in `sources[0].url`"],
        format!(
            "{}\"url\":\"javascript:alert(document.domain)\",{}",
            &json[..url],
            &json[url..]
        )
        .into_bytes(),
    );

    // Content: validation problems naming the record and the field.
    let mut b = base.clone();
    let (ei, dangling_event) = b
        .events
        .iter()
        .enumerate()
        .find(|(_, e)| e.place.is_some())
        .map(|(i, e)| (i, e.id.clone()))
        .ok_or("no event with a place")?;
    b.events[ei].place = Some("atlantis".into());
    add(
        "dangling-reference.json",
        "An event held in a place that does not exist.",
        &[
            &format!("events[{ei}] `{dangling_event}`, field `place`"),
            "`atlantis` does not name any place",
        ],
        to_bytes(&b),
    );
    let mut b = base.clone();
    b.events[1].id = event.id.clone();
    add(
        "duplicate-ids.json",
        "The second event with the first event's id.",
        &[&format!(
            "events[1] `{}`, field `id`: duplicate id `{}` (used by 2 records)",
            event.id, event.id
        )],
        to_bytes(&b),
    );
    let mut b = base.clone();
    b.places[0].lat = 123.4;
    add(
        "coordinates-out-of-range.json",
        "The first place at latitude 123.4.",
        &[&format!(
            "places[0] `{}`, field `lat`: latitude 123.4 is outside -90..90",
            place.id
        )],
        to_bytes(&b),
    );

    // Too big to commit: recipes.
    let mut huge_files = Vec::new();
    let mut recipe = |file: &str,
                      description: &str,
                      expect: &[&str],
                      template: (&str, String),
                      fill: Vec<Fill>| {
        cases.push(Case {
            file: file.into(),
            description: description.into(),
            expect: expect.iter().map(|s| s.to_string()).collect(),
            generate: Some(Recipe {
                template: template.0.into(),
                placeholder: PLACEHOLDER.into(),
                fill,
            }),
        });
        files.push((template.0.into(), template.1.into_bytes()));
        huge_files.push(file.to_string());
    };
    let mut b = base.clone();
    b.events[0].summary.ar = PLACEHOLDER.into();
    recipe(
        "long-string.json",
        "The first event's Arabic summary 10 MiB long (10 485 760 × `a`).",
        &[&format!(
            "events[0] `{}`, field `summary.ar`: the text is {LONG_LEN} bytes long; the limit is {}",
            event.id,
            atlas_core::validate::MAX_TEXT_BYTES
        )],
        ("long-string.template.json", atlas_bundle_json(&b)),
        vec![Fill {
            repeat: "a".into(),
            count: LONG_LEN,
        }],
    );
    let summary = locate(&json, &["\"events\":[", "\"summary\":"])?;
    let summary_end = summary + json[summary..].find('}').ok_or("no end of summary")? + 1;
    recipe(
        "deep-nesting.json",
        "The first event's summary replaced by 100 000 nested arrays ([[[…]]]).",
        &[&format!(
            "nested more than {} levels deep",
            atlas_core::load::MAX_DEPTH
        )],
        (
            "deep-nesting.template.json",
            format!("{}{PLACEHOLDER}{}", &json[..summary], &json[summary_end..]),
        ),
        vec![
            Fill {
                repeat: "[".into(),
                count: DEEP_LEVELS,
            },
            Fill {
                repeat: "]".into(),
                count: DEEP_LEVELS,
            },
        ],
    );

    let manifest = Manifest {
        about: "Broken bundles and the diagnosis the app and `atlas-bundle check` must give \
                for each (every `expect` substring). Cases with `generate` are built from \
                their template: replace `placeholder` with the concatenation of each fill's \
                `repeat` repeated `count` times. Paths are relative to this folder."
            .into(),
        generator: "cargo run -p atlas-bundle -- bad-bundles tests/fixtures/bad-bundles \
                    [--huge]"
            .into(),
        cases,
    };
    if huge {
        for case in &manifest.cases {
            if huge_files.contains(&case.file) {
                let bytes = materialize_with(case, |t| {
                    files
                        .iter()
                        .find(|(name, _)| name == t)
                        .map(|(_, b)| b.clone())
                        .ok_or_else(|| format!("no template {t}"))
                })?;
                files.push((case.file.clone(), bytes));
            }
        }
    }
    Ok(Corpus { manifest, files })
}

/// Writes the corpus into `dir` (created if needed): the files and `cases.json`.
pub fn write(dir: &Path, corpus: &Corpus) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for (name, bytes) in &corpus.files {
        let path = dir.join(name);
        std::fs::write(&path, bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let mut manifest =
        serde_json::to_string_pretty(&corpus.manifest).expect("a manifest serialises");
    manifest.push('\n');
    let path = dir.join("cases.json");
    std::fs::write(&path, manifest).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Reads `cases.json` from `dir`.
pub fn read_manifest(dir: &Path) -> Result<Manifest, String> {
    let path = dir.join("cases.json");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The bytes of one case of the corpus in `dir`: its file, or its recipe followed.
pub fn materialize(dir: &Path, case: &Case) -> Result<Vec<u8>, String> {
    let read = |name: &str| {
        let path = dir.join(name);
        std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    if case.generate.is_some() {
        materialize_with(case, read)
    } else {
        read(&case.file)
    }
}

fn materialize_with(
    case: &Case,
    template: impl Fn(&str) -> Result<Vec<u8>, String>,
) -> Result<Vec<u8>, String> {
    let Some(r) = &case.generate else {
        return Err(format!("{} has no recipe", case.file));
    };
    let t = template(&r.template)?;
    let at = t
        .windows(r.placeholder.len())
        .position(|w| w == r.placeholder.as_bytes())
        .ok_or_else(|| format!("{}: no {} in it", r.template, r.placeholder))?;
    let fill_len: usize = r.fill.iter().map(|f| f.repeat.len() * f.count).sum();
    let mut out = Vec::with_capacity(t.len() + fill_len);
    out.extend_from_slice(&t[..at]);
    for f in &r.fill {
        out.extend_from_slice(f.repeat.repeat(f.count).as_bytes());
    }
    out.extend_from_slice(&t[at + r.placeholder.len()..]);
    Ok(out)
}

fn atlas_bundle_json(b: &Bundle) -> String {
    crate::to_json(b)
}

fn to_bytes(b: &Bundle) -> Vec<u8> {
    atlas_bundle_json(b).into_bytes()
}

/// The byte offset just after the last of `marks`, each searched after the previous one.
fn locate(json: &str, marks: &[&str]) -> Result<usize, String> {
    let mut at = 0;
    for m in marks {
        at += json[at..]
            .find(m)
            .ok_or_else(|| format!("`{m}` not found in the base bundle"))?
            + m.len();
    }
    Ok(at)
}

const HTML_502: &str = "<!DOCTYPE html>
<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
";
