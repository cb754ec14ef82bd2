//! Broken data files fail with a message naming file, line and field; the shipped data
//! compiles deterministically.

use atlas_bundle::{compile, to_json, Diagnostic};
use std::path::{Path, PathBuf};

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

/// Copies the shipped data into a temp dir, replaces `from` by `to` in `file` (once), and
/// returns the dir and the 1-based line where `to` landed.
fn broken(file: &str, from: &str, to: &str) -> (tempfile::TempDir, usize) {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(data_dir()).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text
        .find(from)
        .unwrap_or_else(|| panic!("`{from}` not in {file}"));
    let new = format!("{}{}{}", &text[..at], to, &text[at + from.len()..]);
    let line = new[..at].matches('\n').count() + 1;
    std::fs::write(&path, new).unwrap();
    (dir, line)
}

fn errors(dir: &Path) -> Vec<Diagnostic> {
    compile(dir).expect_err("the broken data must not compile")
}

fn assert_reported(diags: &[Diagnostic], file: &str, line: usize, field: &str, words: &str) {
    let found = diags.iter().any(|d| {
        d.file.file_name().unwrap() == file
            && d.line == line
            && d.field == field
            && d.message.contains(words)
    });
    let all: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert!(
        found,
        "expected {file}:{line} field `{field}` mentioning `{words}`, got:\n{}",
        all.join("\n")
    );
    // The rendered message carries all three.
    let rendered = diags[0].to_string();
    assert!(rendered.contains(".toml:"), "{rendered}");
}

#[test]
fn shipped_data_compiles_and_is_deterministic() {
    let a = to_json(&compile(&data_dir()).expect("shipped data is valid"));
    let b = to_json(&compile(&data_dir()).unwrap());
    assert_eq!(a, b);
    assert!(a.starts_with("{\"schema_version\":1,"));
}

#[test]
fn the_committed_bundle_is_up_to_date() {
    let built = to_json(&compile(&data_dir()).unwrap());
    let committed = std::fs::read_to_string(data_dir().join("../public/data/bundle.json")).unwrap();
    assert!(
        built == committed,
        "public/data/bundle.json is stale: run `cargo xtask bundle` and commit it"
    );
}

#[test]
fn dangling_reference() {
    let (dir, line) = broken("events.toml", "place = \"tangier\"", "place = \"tangeir\"");
    let d = errors(dir.path());
    assert_reported(
        &d,
        "events.toml",
        line,
        "place",
        "`tangeir` does not name any place",
    );
}

#[test]
fn dangling_reference_in_a_list() {
    let (dir, line) = broken(
        "figures.toml",
        "sources = [\"alalam-2022-10-26\"]",
        "sources = [\"al-alam\"]",
    );
    let d = errors(dir.path());
    assert_reported(&d, "figures.toml", line, "sources[0]", "`al-alam`");
}

#[test]
fn duplicate_id() {
    let (dir, line) = broken("places.toml", "id = \"rabat\"", "id = \"glasgow\"");
    let d = errors(dir.path());
    assert_reported(&d, "places.toml", line, "id", "duplicate id `glasgow`");
}

#[test]
fn bad_date() {
    let (dir, line) = broken(
        "events.toml",
        "start = \"2023-12-06\"",
        "start = \"2023-02-30\"",
    );
    let d = errors(dir.path());
    assert_reported(&d, "events.toml", line, "start", "day 30 does not exist");
}

#[test]
fn missing_arabic_summary() {
    let text = std::fs::read_to_string(data_dir().join("people.toml")).unwrap();
    // Empty the first person's Arabic summary, wherever and however it is written.
    let start = text
        .find("[person.summary]")
        .expect("people.toml uses [person.summary] tables");
    let ar = start + text[start..].find("ar = ").unwrap();
    let end = ar + text[ar..].find('\n').unwrap();
    let from = &text[ar..end];
    let (dir, line) = broken("people.toml", from, "ar = \"\"");
    let d = errors(dir.path());
    assert_reported(
        &d,
        "people.toml",
        line,
        "summary.ar",
        "Arabic text is missing",
    );
}

/// The line of the `n`-th line of `text` equal to `line` (1-based), and its byte range.
fn nth_line(text: &str, line: &str, n: usize) -> (usize, std::ops::Range<usize>) {
    let mut at = 0;
    let mut seen = 0;
    for (i, l) in text.split('\n').enumerate() {
        if l == line {
            if seen == n {
                return (i + 1, at..at + l.len());
            }
            seen += 1;
        }
        at += l.len() + 1;
    }
    panic!("no {n}-th `{line}`")
}

#[test]
fn missing_spanish_summary_names_the_record_and_the_field() {
    // The second event loses its Spanish summary: reported at its `[event.summary]` table.
    let text = std::fs::read_to_string(data_dir().join("events.toml")).unwrap();
    let (line, header) = nth_line(&text, "[event.summary]", 1);
    let es = header.end + text[header.end..].find("\nes = ").unwrap();
    let end = es + 1 + text[es + 1..].find('\n').unwrap();
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(data_dir()).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    let cut = format!("{}{}", &text[..es], &text[end..]);
    std::fs::write(dir.path().join("events.toml"), cut).unwrap();
    let d = errors(dir.path());
    assert_eq!(d.len(), 1, "{d:?}");
    assert_reported(
        &d,
        "events.toml",
        line,
        "summary.es",
        "the Spanish text is missing or empty",
    );
    let id = &atlas_bundle::compile(&data_dir()).unwrap().events[1].id;
    let shown = d[0].to_string();
    assert!(
        shown.contains(&format!("field `summary.es`: event `{id}`")),
        "{shown}"
    );
}

#[test]
fn empty_spanish_label_in_an_inline_table() {
    let text = std::fs::read_to_string(data_dir().join("figures.toml")).unwrap();
    let label = text.find("\nlabel = {").unwrap() + 1;
    let es = label + text[label..].find(", es = \"").unwrap();
    let close = es + text[es..].find("\" }").unwrap();
    let from = &text[es..close + 1];
    let (dir, line) = broken("figures.toml", from, ", es = \" \"");
    let d = errors(dir.path());
    assert_reported(
        &d,
        "figures.toml",
        line,
        "label.es",
        "Spanish text is missing",
    );
}

#[test]
fn check_requires_spanish_in_a_bundle_file_too() {
    let shipped = data_dir().join("../public/data/bundle.json");
    let json = std::fs::read_to_string(&shipped).unwrap();
    let mut b: atlas_core::Bundle = serde_json::from_str(&json).unwrap();
    b.places[0].summary.es = None;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bundle.json");
    std::fs::write(&path, to_json(&b)).unwrap();
    atlas_core::load_bundle(&to_json(&b)).expect("the app loads it (Spanish falls back)");
    for (file, ok) in [(&shipped, true), (&path, false)] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_atlas-bundle"))
            .arg("check")
            .arg(file)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.success(), ok, "{stderr}");
        if !ok {
            let id = &b.places[0].id;
            assert!(
                stderr.contains(&format!(
                    "places[0] `{id}`, field `summary.es`: the Spanish text is missing"
                )),
                "{stderr}"
            );
        }
    }
}

#[test]
fn unknown_field_is_a_typo_not_silence() {
    let (dir, line) = broken("events.toml", "place = \"tangier\"", "plce = \"tangier\"");
    let d = errors(dir.path());
    assert_reported(&d, "events.toml", line, "plce", "unknown field");
}

#[test]
fn coordinates_out_of_range() {
    let (dir, line) = broken("places.toml", "lat = ", "lat = 95.0 #");
    let d = errors(dir.path());
    assert_reported(&d, "places.toml", line, "lat", "outside -90..90");
}

#[test]
fn value_must_be_numeric() {
    let (dir, line) = broken("figures.toml", "value = 350", "value = \"350\"");
    let d = errors(dir.path());
    assert_reported(&d, "figures.toml", line, "value", "invalid type");
}

#[test]
fn a_plural_that_is_not_one_arabic_word() {
    let (dir, line) = broken("plurals.toml", "plural = \"مدن\"", "plural = \"مدن كبيرة\"");
    assert_reported(
        &errors(dir.path()),
        "plurals.toml",
        line,
        "plural",
        "one Arabic word",
    );
}

#[test]
fn a_singular_written_with_the_article() {
    let (dir, line) = broken(
        "plurals.toml",
        "singular = \"مدينة\"",
        "singular = \"المدينة\"",
    );
    assert_reported(
        &errors(dir.path()),
        "plurals.toml",
        line,
        "singular",
        "without the article",
    );
}

#[test]
fn a_plural_claimed_by_two_singulars() {
    // The second entry of the file gives قادة another singular.
    let (dir, line) = broken("plurals.toml", "plural = \"قادة\"", "plural = \"مدن\"");
    assert_reported(
        &errors(dir.path()),
        "plurals.toml",
        line,
        "plural",
        "another singular",
    );
}

#[test]
fn a_plural_that_needs_no_entry() {
    let (dir, line) = broken(
        "plurals.toml",
        "plural = \"مواد\"\nsingular = \"مادة\"",
        "plural = \"مواد\"\nsingular = \"موادة\"",
    );
    assert_reported(
        &errors(dir.path()),
        "plurals.toml",
        line,
        "plural",
        "already meet",
    );
}

#[test]
fn every_word_of_the_shipped_data_that_looks_like_a_broken_plural_is_reviewed() {
    let bundle = compile(&data_dir()).expect("shipped data is valid");
    let reviewed = atlas_bundle::reviewed_not_plurals(&data_dir()).unwrap();
    let missing = atlas_bundle::plurals::missing(&bundle, &reviewed);
    assert!(
        missing.is_empty(),
        "add to data/plurals.toml (a [[plural]] table, or not_plural): {missing:#?}"
    );
    // The check can fail: without the lexicon, the shipped plurals are listed.
    let bare = atlas_core::Bundle {
        plurals: Vec::new(),
        ..bundle
    };
    let listed: Vec<String> = atlas_bundle::plurals::missing(&bare, &reviewed)
        .into_iter()
        .map(|c| c.word)
        .collect();
    for word in ["وزراء", "اسلحه", "اعضاء", "قاده", "خبراء"] {
        assert!(
            listed.iter().any(|w| w == word),
            "{word} not listed: {listed:?}"
        );
    }
}
