//! Index build and query latency of the Atlas engine at 1k, 10k and 100k records, a broad
//! word against a rare one (`broad_vs_rare`), and the facet counts over a broad word's hits
//! (`facet_counts`: no filter, one, three).
//!
//! Reads the synthetic corpora that `cargo xtask bench` writes (or, by hand,
//! `cargo run --release -p atlas-bundle -- synth --records 10000 --seed 1 -o target/bench-corpus/10k`)
//! from `$ATLAS_BENCH_CORPUS` (default `target/bench-corpus`). A corpus that is missing is
//! reported and skipped, never replaced by something else. `ATLAS_BENCH_SIZES=10000` picks
//! sizes.

use atlas_core::facets::{FacetIndex, Filters};
use atlas_core::{load_bundle, Catalog, SearchIndex};
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use std::path::PathBuf;
use std::time::Duration;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

#[derive(serde::Deserialize)]
struct Query {
    q: String,
}

fn corpus_dir() -> PathBuf {
    match std::env::var_os("ATLAS_BENCH_CORPUS") {
        Some(d) => PathBuf::from(d),
        // Benches run in the package directory.
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-corpus"),
    }
}

fn load(n: usize) -> Option<(String, Vec<String>)> {
    // `cargo xtask bench` names the corpora 1k, 10k, 100k.
    let name = if n.is_multiple_of(1000) {
        format!("{}k", n / 1000)
    } else {
        n.to_string()
    };
    let dir = corpus_dir().join(name);
    let bundle = std::fs::read_to_string(dir.join("bundle.json")).ok();
    let queries = std::fs::read_to_string(dir.join("queries.json")).ok();
    match (bundle, queries) {
        (Some(b), Some(q)) => {
            let queries: Vec<Query> = serde_json::from_str(&q).expect("queries.json");
            Some((b, queries.into_iter().map(|q| q.q).collect()))
        }
        _ => {
            eprintln!(
                "skipping {n} records: no corpus in {} (run `cargo xtask bench`)",
                dir.display()
            );
            None
        }
    }
}

/// `ATLAS_BENCH_SIZES=10000,100000` runs only those sizes.
fn sizes() -> Vec<usize> {
    match std::env::var("ATLAS_BENCH_SIZES") {
        Ok(list) => list
            .split(',')
            .filter_map(|s| s.trim().parse().ok())
            .collect(),
        Err(_) => SIZES.to_vec(),
    }
}

fn benches(c: &mut Criterion) {
    for n in sizes() {
        let Some((json, queries)) = load(n) else {
            continue;
        };
        let bundle = load_bundle(&json).expect("corpus bundle is valid");
        let mut group = c.benchmark_group("index_build");
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(if n >= 100_000 { 40 } else { 8 }));
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &bundle, |b, bundle| {
            b.iter_batched(
                || bundle.clone(),
                |bundle| {
                    let catalog = Catalog::new(bundle);
                    let index = SearchIndex::build(&catalog);
                    (catalog, index)
                },
                BatchSize::LargeInput,
            )
        });
        group.finish();

        let catalog = Catalog::new(bundle);
        let index = SearchIndex::build(&catalog);
        let mut group = c.benchmark_group("query");
        group.throughput(Throughput::Elements(queries.len() as u64));
        group.measurement_time(Duration::from_secs(5));
        // All the variant queries, each to its top ten; the time is per query set.
        group.bench_with_input(BenchmarkId::from_parameter(n), &queries, |b, queries| {
            b.iter(|| {
                let mut found = 0usize;
                for q in queries {
                    found += index
                        .search(&catalog, q)
                        .map_or(0, |h| h.first(&index, 10).len());
                }
                found
            })
        });
        group.finish();

        // A broad word against a rare one, in the same run (the broad one should cost at
        // most 100× the rare one): «الأمن» is in about a third of the synthetic
        // records, the first corpus query in one or a few.
        let mut group = c.benchmark_group("broad_vs_rare");
        group.measurement_time(Duration::from_secs(5));
        // And a Latin word that finds nothing exactly (the fallback that compares every Latin
        // key within one edit or by its transliteration skeleton: the worst case of a typo),
        // and an Arabic one (the fallback that compares every Arabic key by its skeleton).
        // And a quoted phrase against its words unquoted.
        for (name, q) in [
            ("rare", queries[0].as_str()),
            ("broad", "الأمن"),
            ("unmatched_latin", "Hamouchy"),
            ("unmatched_arabic", "جلاسجو"),
            // Words that find nothing in any reading: every fallback runs to its end (the
            // Latin one also reads each Arabic key as the Arabic it may spell, the Arabic one
            // also compares keys of about its length letter by letter for a slip).
            ("nothing_latin", "xylophone"),
            ("nothing_arabic", "زرافة"),
            // Four consonants: also read as a Latin name written in Arabic letters (every
            // Latin key compared).
            ("nothing_arabic_long", "سلحفاة"),
            // Two words, and the same in quotes: the phrase reads the text of every record
            // holding both words in any form, to find them in order.
            ("words", "الأمن الكيميائي"),
            ("phrase", "«الأمن الكيميائي»"),
        ] {
            group.bench_with_input(BenchmarkId::new(name, n), &q, |b, q| {
                b.iter(|| {
                    index
                        .search(&catalog, q)
                        .map_or(0, |h| h.first(&index, 10).len() + h.len())
                })
            });
        }
        group.finish();

        // What the facet panel recomputes on each keystroke: counts over every hit of a
        // broad word («الأمن», about a third of the records).
        let facets = FacetIndex::new(&catalog);
        let hits: Vec<_> = index
            .search(&catalog, "الأمن")
            .map_or_else(Vec::new, |h| h.records(&index).collect());
        let mut group = c.benchmark_group("facet_counts");
        group.measurement_time(Duration::from_secs(5));
        let filters: [(&str, &[(&str, &str)]); 3] = [
            ("none", &[]),
            ("kind", &[("kind", "event")]),
            (
                "three",
                &[("kind", "event"), ("year", "2015-2020"), ("status", "held")],
            ),
        ];
        for (name, pairs) in filters {
            let f = Filters::from_pairs(pairs.iter().copied(), &catalog);
            group.bench_with_input(BenchmarkId::new(name, n), &f, |b, f| {
                b.iter(|| facets.counts(f, &hits).len())
            });
        }
        group.finish();
    }
}

criterion_group!(search, benches);
criterion_main!(search);
