//! The split bundle on a synthetic corpus: the shards answer every benchmark query with the
//! records the in-memory index finds, fragments load, the manifest stays small, the CLI
//! writes what the manifest names, and the facet table it writes loads back and counts as
//! the whole catalogue does.

use atlas_bundle::synth;
use atlas_core::facets::{FacetIndex, Filters};
use atlas_core::split::{
    build_split, needed_shards, search_shards, search_shards_scored, shard_keys_for, Manifest,
    Shard, Split, SplitFacets, DEFAULT_FRAGMENT_SIZE, LATIN_VOCAB_KEY,
};
use atlas_core::{load_bundle, load_bundle_bytes, Catalog, SearchIndex};
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

/// Records in the synthetic corpus (about 10 s for everything in a debug build).
const RECORDS: usize = 10_000;

struct Fixture {
    catalog: Catalog,
    index: SearchIndex,
    split: Split,
    queries: Vec<synth::Query>,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let base = load_bundle(include_str!("../../../public/data/bundle.json")).unwrap();
        let corpus = synth::generate(&base, RECORDS, 5).unwrap();
        let catalog = Catalog::new(corpus.bundle);
        let index = SearchIndex::build(&catalog);
        let split = build_split(&catalog, 500);
        Fixture {
            catalog,
            index,
            split,
            queries: corpus.queries,
        }
    })
}

/// The client loop over in-memory shards: (positions, keys fetched).
fn client(split: &Split, q: &str) -> (Option<Vec<u32>>, Vec<String>) {
    let mut have: HashMap<String, &Shard> = HashMap::new();
    let mut fetched = Vec::new();
    for _round in 0..4 {
        let need = needed_shards(&split.manifest, |k| have.get(k).copied(), q);
        if need.is_empty() {
            break;
        }
        for k in need {
            have.insert(k.clone(), &split.shards[&k]);
            fetched.push(k);
        }
    }
    assert!(needed_shards(&split.manifest, |k| have.get(k).copied(), q).is_empty());
    (
        search_shards(&split.manifest, |k| have.get(k).copied(), q),
        fetched,
    )
}

fn ids_of(f: &Fixture, positions: &[u32]) -> Vec<String> {
    let order = f.catalog.browse_order();
    positions
        .iter()
        .map(|&p| f.catalog.get(order[p as usize]).id().to_string())
        .collect()
}

#[test]
fn every_benchmark_query_gets_the_index_answer_and_full_recall() {
    let f = fixture();
    assert_eq!(f.queries.len(), 300);
    let mut missed = Vec::new();
    for q in &f.queries {
        let want: BTreeSet<String> = f
            .index
            .search(&f.catalog, &q.q)
            .unwrap_or_default()
            .scores(&f.index)
            .map(|(r, _, _)| f.catalog.get(r).id().to_string())
            .collect();
        let (got, fetched) = client(&f.split, &q.q);
        let got = ids_of(f, &got.expect("a benchmark query is never empty"));
        assert_eq!(
            got.iter().cloned().collect::<BTreeSet<_>>(),
            want,
            "{} ({})",
            q.q,
            q.variant
        );
        assert!(fetched.len() <= 4, "{}: {fetched:?}", q.q);
        let top: Vec<&String> = got.iter().take(10).collect();
        for id in &q.expected {
            if !top.contains(&id) {
                missed.push(format!("{} ({}) → {id}", q.q, q.variant));
            }
        }
    }
    assert!(missed.is_empty(), "recall@10 below 100%: {missed:#?}");
}

#[test]
fn typos_and_multi_word_queries_agree_with_the_index() {
    let f = fixture();
    let mut queries: Vec<String> = Vec::new();
    for q in f.queries.iter().filter(|q| q.variant == "latin").take(20) {
        // One letter changed, dropped and added: typo tolerance through the vocabulary.
        let mut chars: Vec<char> = q.q.to_lowercase().chars().collect();
        let mid = chars.len() / 2;
        let mut changed = chars.clone();
        changed[mid] = if changed[mid] == 'x' { 'y' } else { 'x' };
        queries.push(changed.into_iter().collect());
        chars.remove(mid);
        queries.push(chars.iter().collect());
        queries.push(format!("{} ", q.q)); // whole word, no prefix
    }
    for q in f.queries.iter().step_by(15) {
        let first = f.queries[0].q.clone();
        queries.push(format!("{first} {}", q.q));
        queries.push(format!("مؤتمر {}", q.q));
    }
    queries.extend(["ال", "الم", "مؤ", "في", "the", "congress", "2023", "in"].map(String::from));
    let order = f.catalog.browse_order();
    let mut fuzzy = 0;
    for q in &queries {
        let want = f.index.search(&f.catalog, q).map(|hits| {
            hits.scores(&f.index)
                .map(|(r, score, _)| (f.catalog.get(r).id().to_string(), score))
                .collect::<HashMap<_, _>>()
        });
        let mut have: HashMap<String, &Shard> = HashMap::new();
        loop {
            let need = needed_shards(&f.split.manifest, |k| have.get(k).copied(), q);
            if need.is_empty() {
                break;
            }
            fuzzy += need.iter().filter(|k| *k == LATIN_VOCAB_KEY).count();
            for k in need {
                have.insert(k.clone(), &f.split.shards[&k]);
            }
        }
        let got = search_shards_scored(&f.split.manifest, |k| have.get(k).copied(), q).map(|h| {
            h.iter()
                .map(|&(p, s)| (f.catalog.get(order[p as usize]).id().to_string(), s))
                .collect::<HashMap<_, _>>()
        });
        assert_eq!(got, want, "{q:?}");
    }
    assert!(fuzzy > 0, "no query needed typo tolerance");
}

#[test]
fn every_fragment_loads_and_owns_its_positions() {
    let f = fixture();
    let m = &f.split.manifest;
    let order = f.catalog.browse_order();
    let mut position = 0usize;
    for (i, fragment) in f.split.fragments.iter().enumerate() {
        let bytes = serde_json::to_vec(fragment).unwrap();
        let bundle = load_bundle_bytes(&bytes).unwrap_or_else(|e| panic!("fragment {i}: {e}"));
        let fc = Catalog::new(bundle);
        for (j, r) in m.own_records(i, &fc).into_iter().enumerate() {
            let rec = fc.get(r);
            assert_eq!(rec.id(), f.catalog.get(order[position]).id());
            assert_eq!(m.locate(position as u32), (i, j));
            for id in rec.links() {
                assert!(fc.record(id).is_some(), "fragment {i}: {} → {id}", rec.id());
            }
            position += 1;
        }
    }
    assert_eq!(position, order.len());
}

/// Random links at 10k records: a fragment carries its own records and the names they
/// cite, not the transitive closure of their links (which made 500 records 3.6 MB at 100k).
#[test]
fn default_fragments_stay_small() {
    let f = fixture();
    let split = build_split(&f.catalog, DEFAULT_FRAGMENT_SIZE);
    let mut sizes: Vec<usize> = split
        .fragments
        .iter()
        .map(|b| serde_json::to_vec(b).unwrap().len())
        .collect();
    sizes.sort_unstable();
    let (median, largest) = (sizes[sizes.len() / 2], sizes[sizes.len() - 1]);
    // About 3.5 KB a record (its sources' outlets and dates, the names it links to).
    assert!(
        largest < DEFAULT_FRAGMENT_SIZE * 8 * 1024,
        "largest fragment {largest} B"
    );
    assert!(
        median < DEFAULT_FRAGMENT_SIZE * 5 * 1024,
        "median fragment {median} B"
    );
    // A screen of 24 hits in 24 different fragments stays well under 2 MB.
    assert!(24 * median < 2 << 20);
    for (i, fragment) in split.fragments.iter().enumerate().step_by(37) {
        let bytes = serde_json::to_vec(fragment).unwrap();
        load_bundle_bytes(&bytes).unwrap_or_else(|e| panic!("fragment {i}: {e}"));
    }
}

#[test]
fn the_manifest_is_small_and_queries_need_few_shards() {
    let f = fixture();
    let json = serde_json::to_string(&f.split.manifest).unwrap();
    // 15.6 KB, then 1.2 KB of name groups (2026-12-06): 17.3 KB.
    assert!(json.len() < 18 * 1024, "manifest of {} bytes", json.len());
    let back: Manifest = serde_json::from_str(&json).unwrap();
    assert_eq!(back, f.split.manifest);
    for q in &f.queries {
        let keys = shard_keys_for(&f.split.manifest, &q.q);
        assert!(!keys.is_empty() && keys.len() <= 4, "{}: {keys:?}", q.q);
    }
}

#[test]
fn the_cli_writes_what_the_manifest_names_and_it_round_trips() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let written = atlas_bundle::split::write(&f.split, dir.path()).unwrap();
    assert_eq!(written.fragments.len(), f.split.manifest.fragments.len());
    let read = |p: &str| std::fs::read(dir.path().join(p)).unwrap();
    let manifest: Manifest = serde_json::from_slice(&read("manifest.json")).unwrap();
    let shards: HashMap<String, Shard> = manifest
        .shards
        .iter()
        .map(|(k, p)| (k.clone(), serde_json::from_slice(&read(p)).unwrap()))
        .collect();
    for q in f.queries.iter().step_by(7) {
        assert_eq!(
            search_shards(&manifest, |k| shards.get(k), &q.q),
            search_shards(&f.split.manifest, |k| f.split.shards.get(k), &q.q),
            "{}",
            q.q
        );
    }
    load_bundle_bytes(&read(&manifest.fragments[0])).unwrap();
    // Writing again over it replaces the old files.
    atlas_bundle::split::write(&f.split, dir.path()).unwrap();
}

#[test]
fn the_written_facet_table_loads_back_and_counts_as_the_catalogue() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let written = atlas_bundle::split::write(&f.split, dir.path()).unwrap();
    let read = |p: &str| std::fs::read(dir.path().join(p)).unwrap();
    let manifest = atlas_core::split::parse_manifest(&read("manifest.json")).unwrap();
    let files = manifest
        .facets
        .as_ref()
        .expect("the manifest lists the facet table");
    assert_eq!(written.facet_blocks.len(), files.blocks.len());
    assert_eq!(written.facet_labels.len(), 4);
    let mut facets = SplitFacets::new(&manifest, &read(&files.values)).unwrap();
    for (lang, path) in &files.labels {
        facets.add_labels(lang, &read(path)).unwrap();
    }
    for (i, path) in files.blocks.iter().enumerate() {
        facets.add_block(i, &read(path)).unwrap();
    }
    // Every record, and a benchmark query's hits, with a filter: the catalogue's counts.
    let index = FacetIndex::new(&f.catalog);
    let order = f.catalog.browse_order();
    let filters = facets.filters([("kind", "event"), ("year", "2015-2024")]);
    assert_eq!(
        filters,
        Filters::from_pairs([("kind", "event"), ("year", "2015-2024")], &f.catalog)
    );
    for q in ["", "الأمن", f.queries[0].q.as_str()] {
        let hits = search_shards(&f.split.manifest, |k| f.split.shards.get(k), q);
        let refs: Vec<_> = match &hits {
            Some(h) => h.iter().map(|&p| order[p as usize]).collect(),
            None => order.clone(),
        };
        assert_eq!(
            facets.counts(&filters, hits.as_deref()).unwrap(),
            index.counts(&filters, &refs),
            "{q:?}"
        );
    }
}

/// At 10,000 records the figures fall in over a thousand event groups, packed several
/// packs deep: every group read back through its pack holds the figures, in order, that the
/// full catalogue's statistics by event give, and the index counts them.
#[test]
fn statistics_by_event_read_back_through_their_packs() {
    use atlas_core::split::{parse_group, parse_stats, EVENT_PACK};
    use atlas_core::stats::{group_figures, GroupBy};
    let f = fixture();
    let m = &f.split.manifest;
    let files: HashMap<String, String> = f.split.files().into_iter().collect();
    let by = GroupBy::Event;
    let path = m
        .stats_file(by)
        .expect("the split names its statistics by event");
    let stats = parse_stats(m, by, files[path].as_bytes()).unwrap();
    let want = group_figures(&f.catalog, &f.catalog.browse_order(), by);
    assert!(
        stats.packs.len() > 2,
        "{} groups in {} packs",
        stats.groups.len(),
        stats.packs.len()
    );
    assert_eq!(stats.groups.len(), want.len());
    for (g, (group, full)) in stats.groups.iter().zip(&want).enumerate() {
        assert_eq!(group.key, full.key, "group {g}");
        let file = stats.file_of(g);
        assert_eq!(file, stats.packs[g / EVENT_PACK]);
        let read = parse_group(m, by, &group.key, file, files[file].as_bytes()).unwrap();
        let ids: Vec<String> = ids_of(f, &read.positions);
        let full_ids: Vec<&str> = full.figures.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids, full_ids, "group {g} ({})", group.key);
        assert_eq!(group.figures as usize, full.figures.len());
        assert_eq!(
            stats.group_of.iter().filter(|&&x| x as usize == g).count(),
            full.figures.len()
        );
    }
}

/// A catalogue split twice gives the same files, byte for byte (the extra records a
/// fragment carries were once chosen in hash order: two splits of these 10k records
/// differed in 274 files).
#[test]
fn a_split_is_the_same_every_time() {
    let f = fixture();
    let split = |_| build_split(&f.catalog, DEFAULT_FRAGMENT_SIZE).files();
    let (one, two) = (split(1), split(2));
    assert_eq!(one.len(), two.len());
    let differ = one.iter().zip(&two).filter(|(a, b)| a != b).count();
    assert_eq!(
        differ, 0,
        "two splits of one catalogue differ in {differ} files"
    );
}
