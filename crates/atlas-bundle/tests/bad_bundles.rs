//! Every case of the bad-bundle corpus (tests/fixtures/bad-bundles, see `cases.json`) gets
//! its expected diagnosis from `load_bundle_bytes` (what the app runs) and from
//! `atlas-bundle check <file>` (exit code 1); the shipped bundle passes both. The generator
//! still produces a corpus that fails as described from the current shipped bundle.

use atlas_bundle::bad_bundles::{generate, materialize, read_manifest, Case};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn corpus_dir() -> PathBuf {
    root().join("tests/fixtures/bad-bundles")
}

fn shipped() -> PathBuf {
    root().join("public/data/bundle.json")
}

/// Runs `atlas-bundle check <path>`: (success, stderr).
fn cli_check(path: &Path) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_atlas-bundle"))
        .arg("check")
        .arg(path)
        .output()
        .expect("atlas-bundle runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assert_expected(case: &Case, what: &str, message: &str) {
    for want in &case.expect {
        assert!(
            message.contains(want.as_str()),
            "{}: {what} should say `{want}`, said:\n{}",
            case.file,
            &message[..message.len().min(2000)]
        );
    }
}

#[test]
fn every_case_gets_its_diagnosis_from_load_bundle_and_the_cli() {
    let dir = corpus_dir();
    let manifest = read_manifest(&dir).unwrap();
    assert!(manifest.cases.len() >= 17, "{} cases", manifest.cases.len());
    let tmp = tempfile::tempdir().unwrap();
    for case in &manifest.cases {
        assert!(!case.expect.is_empty(), "{}: no expectation", case.file);
        let bytes = materialize(&dir, case).unwrap();
        let started = Instant::now();
        let err = atlas_core::load_bundle_bytes(&bytes)
            .expect_err(&format!("{} must not load", case.file));
        let took = started.elapsed();
        assert!(
            took < Duration::from_secs(3),
            "{}: {took:?} to diagnose",
            case.file
        );
        let shown = err.to_string();
        assert!(shown.len() < 2000, "{}: {} bytes", case.file, shown.len());
        assert_expected(case, "load_bundle", &shown);

        let path = if case.generate.is_some() {
            let p = tmp.path().join(&case.file);
            std::fs::write(&p, &bytes).unwrap();
            p
        } else {
            dir.join(&case.file)
        };
        let (ok, stderr) = cli_check(&path);
        assert!(!ok, "{}: `atlas-bundle check` should fail", case.file);
        assert_expected(case, "atlas-bundle check", &stderr);
        assert!(
            stderr.contains(&shown),
            "{}: the CLI should print the app's diagnosis:\n{stderr}",
            case.file
        );
    }
}

#[test]
fn the_shipped_bundle_passes_both() {
    let bytes = std::fs::read(shipped()).unwrap();
    atlas_core::load_bundle_bytes(&bytes).expect("the shipped bundle loads");
    let (ok, stderr) = cli_check(&shipped());
    assert!(ok, "{stderr}");
    assert!(stderr.contains(": ok ("), "{stderr}");
}

#[test]
fn the_generator_still_breaks_the_current_bundle_as_described() {
    let text = std::fs::read_to_string(shipped()).unwrap();
    let corpus = generate(&text, false).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    atlas_bundle::bad_bundles::write(tmp.path(), &corpus).unwrap();
    // The committed manifest names the same cases (the recipe the browser test follows).
    let committed = read_manifest(&corpus_dir()).unwrap();
    let names = |m: &atlas_bundle::bad_bundles::Manifest| {
        m.cases.iter().map(|c| c.file.clone()).collect::<Vec<_>>()
    };
    assert_eq!(
        names(&corpus.manifest),
        names(&committed),
        "regenerate: cargo run -p atlas-bundle -- bad-bundles tests/fixtures/bad-bundles"
    );
    for case in &corpus.manifest.cases {
        let bytes = materialize(tmp.path(), case).unwrap();
        let err = atlas_core::load_bundle_bytes(&bytes)
            .expect_err(&format!("{} must not load", case.file));
        assert_expected(case, "load_bundle (fresh corpus)", &err.to_string());
    }
}
