//! What loading record fragments costs in large-catalogue mode (the app loads one per
//! fragment a screen of cards, a record page or a statistics group needs): the steps the
//! app runs on a fragment's bytes, side by side in one run:
//! - `catalog`: direction controls stripped, parsed, validated, indexed by id
//!   (`Catalog::new`): what a fragment needs to draw its cards;
//! - `catalog_facets`: the same plus the fragment's own facet index, which the app built
//!   for every fragment until the split's facet table made it unused.
//!
//! - `split_facets`: what a facet click asks of the split's facet table (`SplitFacets`)
//!   with every block loaded: the counts of every facet and the records that pass, over
//!   every record (no query) and over a broad query's hits, with one filter (kind=event)
//!   and with three (kind, status, a year range): `counts` then `filter` (two passes over
//!   the rows) against `answer` (one pass).
//!
//! - `bidi/strip_controls`: the direction-control pass over the shipped bundle, the first
//!   step of the app's start-up.
//! - `bundle_parse`: the bundle's parse with the app's reader (`atlas_core::json`) and with
//!   serde_json, the shipped bundle and `$ATLAS_BENCH_CORPUS/10k/bundle.json`.
//! - `float`: the bundle's kind of numbers read (`parse`) and written (`shortest`, `fixed`)
//!   by `atlas_core::float`, which the app uses to keep the standard library's tables out of
//!   the wasm, beside `str::parse` and `format!`.
//!
//! The fragments: 40 spread evenly over `$ATLAS_BENCH_CORPUS/100k-split/records` (written by
//! `cargo xtask bench large`), or, without it, over a split of the 10k corpus made here.
//! Run with `cargo bench -p atlas-core --bench fragment` (`cargo xtask bench core` does).

use atlas_core::facets::FacetIndex;
use atlas_core::model::Bundle;
use atlas_core::split::{build_split, parse_manifest, SplitFacets};
use atlas_core::{bidi, checked, parse_bundle_bytes, Catalog};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::path::PathBuf;

const PICKED: usize = 40;

fn fragments() -> Option<(String, Vec<Vec<u8>>)> {
    let root = PathBuf::from(std::env::var("ATLAS_BENCH_CORPUS").ok()?);
    let dir = root.join("100k-split/records");
    if let Ok(read) = std::fs::read_dir(&dir) {
        let mut files: Vec<PathBuf> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        if files.len() >= PICKED {
            let n = files.len();
            let picked = (0..PICKED)
                .map(|k| std::fs::read(&files[k * n / PICKED]).expect("a fragment file"))
                .collect();
            return Some((format!("100k split, {n} fragments"), picked));
        }
    }
    let json = std::fs::read_to_string(root.join("10k/bundle.json")).ok()?;
    let catalog = Catalog::new(atlas_core::load_bundle(&json).expect("the 10k corpus loads"));
    let split = build_split(&catalog, atlas_core::split::DEFAULT_FRAGMENT_SIZE);
    let n = split.fragments.len();
    let picked = (0..PICKED)
        .map(|k| serde_json::to_vec(&split.fragments[k * n / PICKED]).expect("serialises"))
        .collect();
    Some((format!("10k split, {n} fragments"), picked))
}

fn load(bytes: &[u8]) -> Catalog {
    let stripped = bidi::strip_controls(bytes);
    let bundle = parse_bundle_bytes(&stripped).expect("a fragment parses");
    Catalog::new(checked(bundle).expect("a fragment validates"))
}

fn benches(c: &mut Criterion) {
    // The first step of every load: direction controls out of the JSON text (the shipped
    // bundle has none; its dashes and ellipses start with the same byte as they do).
    let shipped = include_bytes!("../../../public/data/bundle.json");
    let mut g = c.benchmark_group("bidi");
    g.throughput(Throughput::Bytes(shipped.len() as u64));
    g.bench_function("strip_controls/shipped bundle", |b| {
        b.iter(|| black_box(bidi::strip_controls(black_box(shipped)).len()))
    });
    g.finish();

    // The bundle's parse, this crate's reader (`atlas_core::json`, what the app runs) beside
    // serde_json on the same text: the shipped bundle, and the 10k corpus when it is there.
    let mut texts = vec![(
        "shipped".to_string(),
        String::from_utf8(shipped.to_vec()).expect("UTF-8"),
    )];
    if let Some(root) = std::env::var_os("ATLAS_BENCH_CORPUS") {
        if let Ok(t) = std::fs::read_to_string(PathBuf::from(root).join("10k/bundle.json")) {
            texts.push(("10k".to_string(), t));
        }
    }
    let mut g = c.benchmark_group("bundle_parse");
    for (what, text) in &texts {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(format!("atlas_core::decode/{what}"), |b| {
            b.iter(|| black_box(atlas_core::decode::from_str::<Bundle>(black_box(text)).is_ok()))
        });
        g.bench_function(format!("atlas_core::json/{what}"), |b| {
            b.iter(|| black_box(atlas_core::json::from_str::<Bundle>(black_box(text)).is_ok()))
        });
        g.bench_function(format!("serde_json/{what}"), |b| {
            b.iter(|| black_box(serde_json::from_str::<Bundle>(black_box(text)).is_ok()))
        });
    }
    g.finish();

    // Numbers in and out without the standard library's tables: eight of the bundle's kind
    // (counts, percentages, coordinates, a share), each way, beside the standard library.
    let numbers = [
        "4304",
        "31.6295",
        "-7.98",
        "2.5",
        "0.75",
        "88.5",
        "1200000",
        "33.333333333333336",
    ];
    let values: Vec<f64> = numbers
        .iter()
        .map(|t| t.parse().expect("a number"))
        .collect();
    let mut g = c.benchmark_group("float");
    g.throughput(Throughput::Elements(numbers.len() as u64));
    g.bench_function("parse/atlas_core::float", |b| {
        b.iter(|| {
            numbers
                .iter()
                .filter_map(|t| atlas_core::float::parse(black_box(t)))
                .sum::<f64>()
        })
    });
    g.bench_function("parse/std", |b| {
        b.iter(|| {
            numbers
                .iter()
                .filter_map(|t| black_box(t).parse::<f64>().ok())
                .sum::<f64>()
        })
    });
    g.bench_function("shortest/atlas_core::float", |b| {
        b.iter(|| {
            values
                .iter()
                .map(|&v| atlas_core::float::shortest(black_box(v)).len())
                .sum::<usize>()
        })
    });
    g.bench_function("shortest/std", |b| {
        b.iter(|| {
            values
                .iter()
                .map(|&v| format!("{}", black_box(v)).len())
                .sum::<usize>()
        })
    });
    g.bench_function("fixed_2/atlas_core::float", |b| {
        b.iter(|| {
            values
                .iter()
                .map(|&v| atlas_core::float::fixed(black_box(v), 2).len())
                .sum::<usize>()
        })
    });
    g.bench_function("fixed_2/std", |b| {
        b.iter(|| {
            values
                .iter()
                .map(|&v| format!("{:.2}", black_box(v)).len())
                .sum::<usize>()
        })
    });
    g.finish();

    let Some((what, picked)) = fragments() else {
        eprintln!("fragment bench skipped: set ATLAS_BENCH_CORPUS to target/bench-corpus (cargo xtask bench)");
        return;
    };
    let bytes: usize = picked.iter().map(Vec::len).sum();
    eprintln!("fragment bench: {PICKED} fragments of the {what}, {bytes} bytes in all");
    let mut g = c.benchmark_group("fragment_load");
    g.throughput(Throughput::Elements(PICKED as u64));
    g.bench_function("catalog", |b| {
        b.iter(|| {
            for f in &picked {
                black_box(load(f));
            }
        })
    });
    g.bench_function("catalog_facets", |b| {
        b.iter(|| {
            for f in &picked {
                let catalog = load(f);
                black_box(FacetIndex::new(&catalog));
                black_box(catalog);
            }
        })
    });
    g.finish();
}

/// The 100k split's facet table with every block read, or `None` without the corpus.
fn facet_table() -> Option<SplitFacets> {
    let root = PathBuf::from(std::env::var("ATLAS_BENCH_CORPUS").ok()?).join("100k-split");
    let manifest = parse_manifest(&std::fs::read(root.join("manifest.json")).ok()?).ok()?;
    let files = manifest.facets.clone()?;
    let mut table =
        SplitFacets::new(&manifest, &std::fs::read(root.join(&files.values)).ok()?).ok()?;
    for (i, block) in files.blocks.iter().enumerate() {
        table
            .add_block(i, &std::fs::read(root.join(block)).ok()?)
            .expect("a facet block reads");
    }
    Some(table)
}

fn split_facets(c: &mut Criterion) {
    let Some(table) = facet_table() else {
        eprintln!("split_facets bench skipped: needs $ATLAS_BENCH_CORPUS/100k-split");
        return;
    };
    // A broad query's hits: every third position (a third of the catalogue, as «الأمن»).
    let hits: Vec<u32> = (0..100_000).step_by(3).collect();
    let one = table.filters([("kind", "event")]);
    let three = table.filters([("kind", "event"), ("status", "held"), ("year", "2010-2020")]);
    let mut g = c.benchmark_group("split_facets");
    for (name, filters) in [("one_filter", &one), ("three_filters", &three)] {
        for (over, positions) in [("every_record", None), ("a_third_of_them", Some(&hits[..]))] {
            // What the app ran until the one-pass answer: two passes over the rows.
            g.bench_function(format!("{name}/{over}/counts_then_filter"), |b| {
                b.iter(|| {
                    black_box(
                        table
                            .counts(filters, positions)
                            .expect("every block is here"),
                    );
                    black_box(
                        table
                            .filter(filters, positions)
                            .expect("every block is here"),
                    );
                })
            });
            g.bench_function(format!("{name}/{over}/answer"), |b| {
                b.iter(|| {
                    black_box(
                        table
                            .answer(filters, positions)
                            .expect("every block is here"),
                    )
                })
            });
        }
    }
    g.finish();
}

criterion_group!(fragment, benches, split_facets);
criterion_main!(fragment);
