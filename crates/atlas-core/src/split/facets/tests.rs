use super::*;
use crate::catalog::{Catalog, RecordRef};
use crate::facets::{Facet, FacetCounts, FacetIndex, Filters};
use crate::split::{
    build_split, build_split_sized, needed_shards, parse_manifest, search_shards, Manifest, Shard,
    Split, SHARD_TARGET_BYTES,
};
use crate::stats::GroupBy;
use crate::{load_bundle, LoadError, SearchIndex};
use std::collections::{BTreeSet, HashMap};

fn shipped() -> Catalog {
    let json = include_str!("../../../../../public/data/bundle.json");
    Catalog::new(load_bundle(json).expect("the shipped bundle is valid"))
}

/// Every file of a split by path, as written.
fn files(split: &Split) -> HashMap<String, Vec<u8>> {
    split
        .files()
        .into_iter()
        .map(|(p, c)| (p, c.into_bytes()))
        .collect()
}

/// The client's facets from the written files: value file and every label file, no block.
fn client(split: &Split, files: &HashMap<String, Vec<u8>>) -> SplitFacets {
    let m = &split.manifest;
    let f = m
        .facets
        .as_ref()
        .expect("a new split lists its facet table");
    let mut facets = SplitFacets::new(m, &files[&f.values]).expect("value file loads");
    for lang in LANGS {
        facets
            .add_labels(lang, &files[&f.labels[lang]])
            .expect("label file loads");
    }
    facets
}

fn fetch_blocks(
    facets: &mut SplitFacets,
    m: &Manifest,
    files: &HashMap<String, Vec<u8>>,
    need: &[usize],
) {
    let _ = m;
    for &b in need {
        let name = facets.file_name(b).expect("a listed file").to_string();
        facets.add_file(b, &files[&name]).expect("facet file loads");
    }
}

/// The blocks among the facet files of `need` (the others are single-value files and
/// slices) hold positions of `range`: a view about one kind reads that kind's blocks only.
fn assert_blocks_within(m: &Manifest, need: &[usize], range: &std::ops::Range<u32>) {
    let starts = &m.facets.as_ref().unwrap().starts;
    let last = |b: usize| starts.get(b + 1).map_or(m.records, |&s| s) - 1;
    assert!(need
        .iter()
        .filter(|&&b| b < starts.len())
        .all(|&b| starts[b] < range.end && last(b) >= range.start));
}

/// The split's hits of `q`: the client loop over the shards.
fn split_hits(split: &Split, q: &str) -> Option<Vec<u32>> {
    let mut have: HashMap<String, &Shard> = HashMap::new();
    loop {
        let need = needed_shards(&split.manifest, |k| have.get(k).copied(), q);
        if need.is_empty() {
            break;
        }
        for k in need {
            have.insert(k.clone(), &split.shards[&k]);
        }
    }
    search_shards(&split.manifest, |k| have.get(k).copied(), q)
}

const QUERIES: &[&str] = &[
    "",             // no query: every record
    "مؤتمر",        // broad Arabic
    "interpol",     // broad Latin
    "مراكش",        // Arabic place name
    "Marrakech",    // Latin place name
    "الشرطة",       // Arabic word with the article
    "طنجة",         // narrow Arabic
    "العيون",       // narrow Arabic
    "covid",        // narrow Latin
    "hammouchi",    // narrow Latin, a person
    "glasgow 2024", // two words
    "الأمن الوطني",  // two Arabic words
    "qqqxyzzz",     // no hit
    "drones",       // no hit
];

/// Filter combinations (as URL pairs): none, one value, two of one facet, two facets, a
/// year range, a status, and mixtures, with a stale id that is dropped.
fn filter_sets() -> Vec<Vec<(&'static str, &'static str)>> {
    vec![
        vec![],
        vec![("kind", "event")],
        vec![("kind", "person")],
        vec![("place", "tangier"), ("place", "glasgow")],
        vec![("place", "marrakech"), ("kind", "event")],
        vec![("country", "MA"), ("kind", "organization")],
        vec![("org", "interpol")],
        vec![
            ("org", "interpol"),
            ("org", "dgsn"),
            ("topic", "cybercrime"),
        ],
        vec![("year", "2002-2021")],
        vec![("year", "2024"), ("kind", "figure")],
        vec![("status", "planned")],
        vec![("status", "held"), ("country", "GB"), ("year", "2020-2025")],
        vec![
            ("topic", "counter-terrorism"),
            ("topic", "covid-19"),
            ("kind", "event"),
        ],
        vec![("place", "atlantis"), ("kind", "source")],
    ]
}

/// The full catalogue's answer: (counts, ids of the records that pass).
fn full(
    c: &Catalog,
    ix: &FacetIndex,
    index: &SearchIndex,
    q: &str,
    f: &Filters,
) -> (Vec<FacetCounts>, BTreeSet<String>) {
    let candidates: Vec<RecordRef> = match index.search(c, q) {
        Some(h) => h.records(index).collect(),
        None => c.browse_order(),
    };
    let kept = ix.filter(f, &candidates);
    let ids = kept.iter().map(|r| c.get(*r).id().to_string()).collect();
    (ix.counts(f, &candidates), ids)
}

/// The split's answer over positions, fetching exactly the blocks asked for.
fn split_answer(
    split: &Split,
    files: &HashMap<String, Vec<u8>>,
    hits: Option<&[u32]>,
    pairs: &[(&str, &str)],
) -> (Vec<FacetCounts>, Vec<u32>, Vec<usize>) {
    let mut facets = client(split, files);
    let f = facets.filters(pairs.iter().copied());
    let need = facets.missing_blocks(&f, hits);
    if !need.is_empty() {
        assert_eq!(facets.counts(&f, hits), Err(MissingBlocks(need.clone())));
        assert_eq!(facets.filter(&f, hits), Err(MissingBlocks(need.clone())));
        assert_eq!(facets.answer(&f, hits), Err(MissingBlocks(need.clone())));
    }
    fetch_blocks(&mut facets, &split.manifest, files, &need);
    assert!(facets.missing_blocks(&f, hits).is_empty());
    let counts = facets.counts(&f, hits).expect("every block at hand");
    let kept = facets.filter(&f, hits).expect("every block at hand");
    // The one-pass answer of a filter click is both, the list only when a filter is set.
    let (one_pass, passing) = facets.answer(&f, hits).expect("every block at hand");
    assert_eq!(one_pass, counts, "{pairs:?}: one-pass counts");
    assert_eq!(
        passing,
        (!f.is_empty()).then(|| kept.clone()),
        "{pairs:?}: one-pass list"
    );
    (counts, kept, need)
}

#[test]
fn split_counts_and_filters_equal_the_whole_catalogue() {
    let c = shipped();
    let ix = FacetIndex::new(&c);
    let index = SearchIndex::build(&c);
    let order = c.browse_order();
    let id_at = |p: u32| c.get(order[p as usize]).id().to_string();
    // Small fragments and blocks: many blocks, so a query fetches some and not others.
    let split = build_split_sized(&c, 3, SHARD_TARGET_BYTES, 40);
    let blocks = split.manifest.facets.as_ref().unwrap().blocks.len();
    assert!(blocks >= 10, "{blocks} blocks");
    let files = files(&split);
    let (mut broad, mut narrow, mut none, mut partial) = (0, 0, 0, 0);
    for q in QUERIES {
        let hits = split_hits(&split, q);
        let want_hits: Option<BTreeSet<String>> = index.search(&c, q).map(|h| {
            h.records(&index)
                .map(|r| c.get(r).id().to_string())
                .collect()
        });
        let got_hits: Option<BTreeSet<String>> =
            hits.as_ref().map(|h| h.iter().map(|&p| id_at(p)).collect());
        assert_eq!(got_hits, want_hits, "{q:?}: hits differ");
        match hits.as_ref().map(Vec::len) {
            Some(0) => none += 1,
            Some(n) if n * 3 > order.len() => broad += 1,
            Some(_) => narrow += 1,
            None => {}
        }
        for pairs in filter_sets() {
            let f = Filters::from_pairs(pairs.iter().copied(), &c);
            let (want_counts, want_ids) = full(&c, &ix, &index, q, &f);
            let (counts, kept, fetched) = split_answer(&split, &files, hits.as_deref(), &pairs);
            assert_eq!(counts, want_counts, "{q:?} {pairs:?}: counts differ");
            let ids: BTreeSet<String> = kept.iter().map(|&p| id_at(p)).collect();
            assert_eq!(ids, want_ids, "{q:?} {pairs:?}: filtered hits differ");
            // In hit order.
            if let Some(h) = &hits {
                let order_kept: Vec<u32> = h.iter().copied().filter(|p| kept.contains(p)).collect();
                assert_eq!(kept, order_kept, "{q:?} {pairs:?}: order");
            }
            // Only blocks holding a hit were fetched, and none for the totals.
            if hits.is_none() && f.is_empty() {
                assert!(fetched.is_empty(), "the totals need no block");
            }
            if fetched.len() < blocks {
                partial += 1;
            }
        }
    }
    assert!(
        broad >= 2 && narrow >= 3 && none >= 1,
        "{broad} broad, {narrow} narrow, {none} empty"
    );
    assert!(partial > 0, "no query fetched only some blocks");
}

/// The comparison above is sharp: hits shifted by one position, or a block's rows read
/// one position late, give other counts.
#[test]
fn an_off_by_one_in_positions_changes_the_counts() {
    let c = shipped();
    let ix = FacetIndex::new(&c);
    let index = SearchIndex::build(&c);
    let split = build_split_sized(&c, 3, SHARD_TARGET_BYTES, 40);
    let files = files(&split);
    let mut differs = 0;
    for q in ["مراكش", "interpol", "مؤتمر"] {
        let hits = split_hits(&split, q).unwrap();
        let shifted: Vec<u32> = hits
            .iter()
            .map(|p| (p + 1) % split.manifest.records)
            .collect();
        let (want, _) = full(&c, &ix, &index, q, &Filters::default());
        let (got, _, _) = split_answer(&split, &files, Some(&shifted), &[]);
        differs += usize::from(got != want);
    }
    assert_eq!(differs, 3);
    // A block whose `from` is off by one is refused.
    let f = split.manifest.facets.as_ref().unwrap();
    let mut facets = client(&split, &files);
    let mut block: FacetBlock = serde_json::from_slice(&files[&f.blocks[1]]).unwrap();
    block.from += 1;
    let err = facets
        .add_block(1, &serde_json::to_vec(&block).unwrap())
        .unwrap_err();
    assert!(err.to_string().contains(&f.blocks[1]), "{err}");
}

#[test]
fn totals_answer_without_blocks_and_the_default_split_has_one_block_here() {
    let c = shipped();
    let ix = FacetIndex::new(&c);
    let split = build_split(&c, 20);
    let f = split.manifest.facets.as_ref().unwrap();
    // 77 records: one block of default size.
    assert_eq!((f.blocks.len(), f.starts.as_slice()), (1, &[0][..]));
    let files = files(&split);
    let facets = client(&split, &files);
    let none = Filters::default();
    assert!(facets.missing_blocks(&none, None).is_empty());
    assert_eq!(
        facets.counts(&none, None).unwrap(),
        ix.counts(&none, &c.browse_order())
    );
    assert_eq!(
        facets.filter(&none, None).unwrap().len(),
        split.manifest.records as usize
    );
    // One value alone with no query needs its single-value file; other filters every block.
    let kind = facets.filters([("kind", "event")]);
    assert_eq!(facets.missing_blocks(&kind, None), vec![f.blocks.len()]);
    assert_eq!(
        facets.file_name(f.blocks.len()),
        Some(split.facets.values.singles[0].as_str())
    );
    let two = facets.filters([("kind", "event"), ("kind", "place")]);
    assert_eq!(facets.missing_blocks(&two, None), vec![0]);
    assert_eq!(facets.total(Facet::Place, "marrakech"), {
        let all = ix.counts(&none, &c.all());
        let place = all.iter().find(|x| x.facet == Facet::Place).unwrap();
        place
            .values
            .iter()
            .find(|(v, _)| v == "marrakech")
            .map(|x| x.1 as u32)
    });
}

#[test]
fn filters_from_the_table_are_those_from_the_catalogue() {
    let c = shipped();
    let split = build_split(&c, 20);
    let facets = client(&split, &files(&split));
    let mut pairs: Vec<Vec<(&str, &str)>> = filter_sets();
    // Every country and topic, even one no record carries; stale and malformed values.
    let countries: Vec<&str> = c.bundle.countries.iter().map(|x| x.id.as_str()).collect();
    let topics: Vec<&str> = c.bundle.topics.iter().map(|x| x.id.as_str()).collect();
    pairs.push(countries.iter().map(|v| ("country", *v)).collect());
    pairs.push(topics.iter().map(|v| ("topic", *v)).collect());
    pairs.push(vec![
        ("org", "marrakech"),
        ("person", "interpol"),
        ("kind", "spaceship"),
        ("year", "twenty"),
        ("status", "postponed"),
        ("colour", "red"),
    ]);
    for p in pairs {
        assert_eq!(
            facets.filters(p.iter().copied()),
            Filters::from_pairs(p.iter().copied(), &c),
            "{p:?}"
        );
    }
}

#[test]
fn labels_are_the_facet_panels() {
    let c = shipped();
    let split = build_split(&c, 20);
    let facets = client(&split, &files(&split));
    // An organisation with a short acronym, a place, a country, a topic.
    // A name that carries its acronym keeps it once; one that does not gets it in brackets.
    let org = |id: &str| c.bundle.organizations.iter().find(|o| o.id == id).unwrap();
    let interpol = facets.label(Facet::Org, "interpol", "en").unwrap();
    assert!(org("interpol").name.en.contains("INTERPOL"));
    assert_eq!(interpol, org("interpol").name.en);
    assert_eq!(interpol.matches("INTERPOL").count(), 1, "{interpol}");
    let dgsn = facets.label(Facet::Org, "dgsn", "en").unwrap();
    assert!(!org("dgsn").name.en.contains("DGSN"));
    assert_eq!(dgsn, format!("{} (DGSN)", org("dgsn").name.en));
    let place = c.bundle.places.iter().find(|p| p.id == "tangier").unwrap();
    assert_eq!(
        facets.label(Facet::Place, "tangier", "fr"),
        Some(place.name.fr.as_str())
    );
    let ma = c.bundle.countries.iter().find(|x| x.id == "MA").unwrap();
    assert_eq!(
        facets.label(Facet::Country, "MA", "ar"),
        Some(ma.name.ar.as_str())
    );
    assert!(facets.label(Facet::Topic, "cybercrime", "es").is_some());
    // Kinds, years and statuses are named by the interface.
    assert_eq!(facets.label(Facet::Kind, "event", "en"), None);
    // Not loaded: none.
    let bare = SplitFacets::new(&split.manifest, &files(&split)["facets/values.json"]).unwrap();
    assert!(!bare.has_labels("en") && bare.label(Facet::Org, "interpol", "en").is_none());
}

fn err_of(r: Result<impl std::fmt::Debug, LoadError>) -> String {
    r.expect_err("must be refused").to_string()
}

#[test]
fn malformed_facet_files_are_refused_with_the_file_and_field() {
    let c = shipped();
    let split = build_split_sized(&c, 3, SHARD_TARGET_BYTES, 40);
    let files = files(&split);
    let m = &split.manifest;
    let f = m.facets.as_ref().unwrap();
    let values: serde_json::Value = serde_json::from_slice(&files[&f.values]).unwrap();
    let with = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut v = values.clone();
        edit(&mut v);
        serde_json::to_vec(&v).unwrap()
    };
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (b"<html>".to_vec(), "not a facet value file"),
        (with(&|v| v["records"] = 5.into()), "field `records`"),
        (
            with(&|v| v["facets"]["colour"] = values["facets"]["kind"].clone()),
            "unknown facet `colour`",
        ),
        (
            with(&|v| {
                v["facets"]["place"]["n"]
                    .as_array_mut()
                    .unwrap()
                    .pop()
                    .map(drop)
                    .unwrap()
            }),
            "field `facets.place.n`",
        ),
        (
            with(&|v| v["facets"]["year"]["v"][0] = "02020".into()),
            "field `facets.year.v[0]`",
        ),
        (
            with(&|v| {
                let first = v["facets"]["org"]["v"][0].clone();
                v["facets"]["org"]["v"][1] = first;
            }),
            "listed twice",
        ),
        (
            with(&|v| v["single_starts"][0] = 1.into()),
            "fields `singles`, `single_starts`",
        ),
        (
            with(&|v| {
                v["singles"].as_array_mut().unwrap().pop();
            }),
            "fields `singles`, `single_starts`",
        ),
        (
            with(&|v| v["singles"][0] = "../../elsewhere.json".into()),
            "field `singles[0]`: unsafe file name",
        ),
        (
            with(&|v| v["slices"][0]["file"] = "/etc/passwd".into()),
            "field `slices[0].file`: unsafe file name",
        ),
        (
            with(&|v| v["slices"][0]["kind"] = "planet".into()),
            "field `slices[0].kind`: unknown kind `planet`",
        ),
        (
            with(&|v| v["slices"][0]["facet"] = "colour".into()),
            "field `slices[0].facet`: unknown facet `colour`",
        ),
        (
            with(&|v| v["slices"][1] = v["slices"][0].clone()),
            "field `slices[1].facet`",
        ),
    ];
    for (bytes, want) in cases {
        let e = err_of(SplitFacets::new(m, &bytes));
        assert!(
            e.contains("facets/values.json") && e.contains(want),
            "{want}: {e}"
        );
    }
    let mut facets = client(&split, &files);
    let block: FacetBlock = serde_json::from_slice(&files[&f.blocks[2]]).unwrap();
    let coded = |code: &str| {
        let mut b = block.clone();
        b.code = code.to_string();
        serde_json::to_vec(&b).unwrap()
    };
    let n = facets.values().len() as u32;
    let mut unknown = String::new();
    for _ in 0..block.rows {
        code::put(&mut unknown, 1);
        code::put(&mut unknown, n);
    }
    let block_cases: Vec<(Vec<u8>, &str)> = vec![
        (b"[]".to_vec(), "not a facet block"),
        (coded("A!"), "unexpected character"),
        (coded(""), "ends before its last row"),
        (
            coded(&(block.code.clone() + "A")),
            "more numbers than its rows hold",
        ),
        (coded(&unknown), "unknown value"),
        (coded(&"CAA".repeat(block.rows as usize)), "repeats a value"),
    ];
    for (bytes, want) in block_cases {
        let e = err_of(facets.add_block(2, &bytes));
        assert!(e.contains(&f.blocks[2]) && e.contains(want), "{want}: {e}");
    }
    assert!(
        err_of(facets.add_block(f.blocks.len(), &files[&f.blocks[0]])).contains("no facet block")
    );
    let e = err_of(facets.add_labels("en", br#"{"place":["x"]}"#));
    assert!(
        e.contains("facets/labels-en.json") && e.contains("field `place`"),
        "{e}"
    );
    let e = err_of(facets.add_labels("en", br#"{"kind":[]}"#));
    assert!(e.contains("not a labelled facet"), "{e}");
    // The block still loads after all that.
    facets.add_block(2, &files[&f.blocks[2]]).unwrap();
}

/// The map, the timeline and the statistics of a query, or of filters on an event's place,
/// country, year or status, read the events' slices and no block; one value alone of
/// another facet reads its single-value file and the counted slice; the answers are those
/// of every block (and `map_counts_equal_the_full_maps` and the timeline's and statistics'
/// tests compare them with the whole catalogue).
#[test]
fn slices_answer_the_views_without_blocks() {
    use crate::model::Kind;
    let c = shipped();
    let split = build_split_sized(&c, 3, SHARD_TARGET_BYTES, 40);
    let files = files(&split);
    let m = &split.manifest;
    let blocks = m.facets.as_ref().unwrap().blocks.len();
    let sliced = ["kind", "place", "country", "year", "status"];
    let mut every = client(&split, &files);
    fetch_blocks(&mut every, m, &files, &(0..blocks).collect::<Vec<_>>());
    let (mut by_slices, mut by_single) = (0, 0);
    for q in QUERIES {
        let hits = split_hits(&split, q);
        for pairs in filter_sets() {
            let mut facets = client(&split, &files);
            let sf = facets.filters(pairs.iter().copied());
            let only_sliced = pairs.iter().all(|(k, _)| sliced.contains(k));
            let single = hits.is_none() && pairs.len() == 1;
            for view in 0..3 {
                let ask = |t: &SplitFacets| match view {
                    0 => t
                        .tally(Facet::Place, Kind::Event, &sf, hits.as_deref())
                        .map(|m| format!("{:?}", m.into_iter().collect::<BTreeSet<_>>())),
                    1 => t
                        .start_years(&sf, hits.as_deref())
                        .map(|y| format!("{y:?}")),
                    _ => t
                        .passing(Kind::Figure, &sf, hits.as_deref())
                        .map(|p| format!("{p:?}")),
                };
                let want = ask(&every).expect("every block here");
                let got = match ask(&facets) {
                    Ok(got) => got,
                    Err(MissingBlocks(need)) => {
                        let read_blocks = need.iter().any(|&b| b < blocks);
                        if view == 2 {
                            // Figures have no slices: no file at all without a filter.
                            assert!(!sf.is_empty(), "{q:?}: figures need no file");
                        } else if only_sliced || single {
                            assert!(!read_blocks, "{q:?} {pairs:?} view {view}: {need:?}");
                            if only_sliced {
                                by_slices += 1;
                            } else {
                                by_single += 1;
                            }
                        } else {
                            assert!(read_blocks, "{q:?} {pairs:?} view {view}: {need:?}");
                        }
                        fetch_blocks(&mut facets, m, &files, &need);
                        ask(&facets).expect("the files asked for are enough")
                    }
                };
                assert_eq!(got, want, "{q:?} {pairs:?} view {view}");
            }
        }
    }
    assert!(by_slices > 50 && by_single >= 2, "{by_slices} {by_single}");
    // A bad slice names its file and field.
    let f = &files["facets/values.json"];
    let values: FacetValuesFile = serde_json::from_slice(f).unwrap();
    let (s, place) = values
        .slices
        .iter()
        .enumerate()
        .find(|(_, s)| s.facet == "place")
        .map(|(i, s)| (i, s.file.clone()))
        .expect("a place slice");
    let mut facets = client(&split, &files);
    let index = blocks + values.singles.len() + s;
    assert_eq!(facets.file_name(index), Some(place.as_str()));
    let slice: FacetBlock = serde_json::from_slice(&files[&place]).unwrap();
    let with = |edit: &dyn Fn(&mut FacetBlock)| {
        let mut b = slice.clone();
        edit(&mut b);
        serde_json::to_vec(&b).unwrap()
    };
    let mut kinds = String::new();
    for _ in 0..slice.rows {
        code::put(&mut kinds, 1);
        code::put(&mut kinds, 0);
    }
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (b"{}".to_vec(), "not a facet slice"),
        (with(&|b| b.from += 1), "fields `from`, `rows`"),
        (
            with(&|b| b.code = kinds.clone()),
            "not a value of the place facet",
        ),
        (
            with(&|b| b.code.push('A')),
            "more numbers than its rows hold",
        ),
    ];
    for (bytes, want) in cases {
        let e = err_of(facets.add_file(index, &bytes));
        assert!(e.contains(&place) && e.contains(want), "{want}: {e}");
    }
    facets.add_file(index, &files[&place]).unwrap();
}

/// Every value alone, with no query, is answered from its single-value file (one file,
/// no block) with the whole catalogue's counts and list; the shipped data's split is cut
/// small so the values spread over several files.
#[test]
fn every_value_alone_is_answered_by_its_single_value_file() {
    let c = shipped();
    let ix = FacetIndex::new(&c);
    let index = SearchIndex::build(&c);
    let order = c.browse_order();
    let id_at = |p: u32| c.get(order[p as usize]).id().to_string();
    let split = build_split_sized(&c, 3, SHARD_TARGET_BYTES, 40);
    let f = split.manifest.facets.as_ref().unwrap();
    assert!(
        split.facets.values.singles.len() >= 5,
        "{} single-value files",
        split.facets.values.singles.len()
    );
    let files = files(&split);
    let values: FacetValuesFile = serde_json::from_slice(&files[&f.values]).unwrap();
    let mut checked = 0;
    for (facet, col) in &values.facets {
        for v in &col.values {
            let pairs = [(facet.as_str(), v.as_str())];
            let (counts, kept, fetched) = split_answer(&split, &files, None, &pairs);
            let filters = Filters::from_pairs(pairs.iter().copied(), &c);
            let (want_counts, want_ids) = full(&c, &ix, &index, "", &filters);
            assert_eq!(counts, want_counts, "{pairs:?}: counts differ");
            let ids: BTreeSet<String> = kept.iter().map(|&p| id_at(p)).collect();
            assert_eq!(ids, want_ids, "{pairs:?}: list differs");
            assert!(
                kept.windows(2).all(|w| w[0] < w[1]),
                "{pairs:?}: position order"
            );
            // A value no record carries (a country or topic listed for links) has a file too.
            assert_eq!(fetched.len(), 1, "{pairs:?}: fetched {fetched:?}");
            assert!(
                fetched[0] >= f.blocks.len(),
                "{pairs:?}: a block was fetched"
            );
            checked += 1;
        }
    }
    assert!(checked > 80, "{checked} values");
}

/// Once every block is here, one value alone is counted from the rows as any filter is (no
/// single-value file asked for), and gives the same answer.
#[test]
fn with_every_block_here_no_single_value_file_is_needed() {
    let c = shipped();
    let split = build_split_sized(&c, 3, SHARD_TARGET_BYTES, 40);
    let files = files(&split);
    let mut facets = client(&split, &files);
    let place = facets.filters([("place", "marrakech")]);
    let want = {
        let need = facets.missing_blocks(&place, None);
        fetch_blocks(&mut facets, &split.manifest, &files, &need);
        facets.answer(&place, None).unwrap()
    };
    let all = facets.absent_blocks();
    assert!(!all.is_empty());
    fetch_blocks(&mut facets, &split.manifest, &files, &all);
    assert!(facets.absent_blocks().is_empty());
    assert!(facets.missing_blocks(&place, None).is_empty());
    let mut fresh = client(&split, &files);
    fetch_blocks(&mut fresh, &split.manifest, &files, &all);
    assert!(fresh.missing_blocks(&place, None).is_empty());
    assert_eq!(fresh.answer(&place, None).unwrap(), want);
}

#[test]
fn malformed_single_value_files_are_refused_with_the_file_and_field() {
    let c = shipped();
    let split = build_split_sized(&c, 3, SHARD_TARGET_BYTES, 40);
    let files = files(&split);
    let f = split.manifest.facets.as_ref().unwrap();
    let mut facets = client(&split, &files);
    let one: SingleFile = serde_json::from_slice(&files[&split.facets.values.singles[1]]).unwrap();
    let with = |edit: &dyn Fn(&mut SingleFile)| {
        let mut s = one.clone();
        edit(&mut s);
        serde_json::to_vec(&s).unwrap()
    };
    let records = split.manifest.records;
    let n = facets.values().len() as u32;
    // Every value of the file coded as the same numbers.
    let entries = |numbers: &[u32]| {
        with(&|s| {
            let mut code = String::new();
            for _ in 0..s.values {
                numbers.iter().for_each(|&n| code::put(&mut code, n));
            }
            s.code = code;
        })
    };
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (b"{}".to_vec(), "not a single-value file"),
        (with(&|s| s.from += 1), "fields `from`, `values`"),
        (with(&|s| s.code.push('!')), "field `code`"),
        (with(&|s| s.code.truncate(s.code.len() - 1)), "field `code`"),
        (
            with(&|s| s.code.push('A')),
            "more numbers than its values hold",
        ),
        // One position, past the end; no co-occurrence.
        (entries(&[1, records, 0]), "past the last record"),
        // Two positions, the second equal to the first.
        (entries(&[2, 3, 0, 0]), "repeats a position"),
        // One position; one co-occurring value, past the last id.
        (entries(&[1, 0, 1, n, 1]), "unknown value"),
        // One position; value 0 on two records.
        (
            entries(&[1, 0, 1, 0, 2]),
            "2 records with value 0, of 1 positions",
        ),
    ];
    let index = f.blocks.len() + 1;
    for (bytes, want) in cases {
        let e = err_of(facets.add_file(index, &bytes));
        assert!(
            e.contains(&split.facets.values.singles[1]) && e.contains(want),
            "{want}: {e}"
        );
    }
    assert!(err_of(facets.add_single(
        split.facets.values.singles.len(),
        &files[&split.facets.values.singles[0]]
    ))
    .contains("no single-value file"));
    // The file still loads after all that.
    facets
        .add_file(index, &files[&split.facets.values.singles[1]])
        .unwrap();
}

#[test]
fn a_manifest_without_facets_still_loads_and_says_so() {
    let c = shipped();
    let split = build_split(&c, 20);
    let mut json: serde_json::Value = serde_json::to_value(&split.manifest).unwrap();
    json.as_object_mut().unwrap().remove("facets");
    let old = parse_manifest(&serde_json::to_vec(&json).unwrap()).expect("an older manifest loads");
    assert!(old.facets.is_none());
    let e = err_of(SplitFacets::new(&old, b"{}"));
    assert!(e.contains("no facet table"), "{e}");
    // And a new one round-trips, its facet files checked like the others.
    let new = parse_manifest(&serde_json::to_vec(&split.manifest).unwrap()).unwrap();
    assert_eq!(new, split.manifest);
    // A field a later version adds is ignored.
    let mut later: serde_json::Value = serde_json::to_value(&split.manifest).unwrap();
    later["facets"]["postings"] = "facets/postings.json".into();
    let later = parse_manifest(&serde_json::to_vec(&later).unwrap()).unwrap();
    assert_eq!(later.facets, split.manifest.facets);
    let mut evil = split.manifest.clone();
    evil.facets.as_mut().unwrap().blocks[0] = "../../secret.json".into();
    assert!(parse_manifest(&serde_json::to_vec(&evil).unwrap()).is_err());
}

#[test]
fn blocks_cover_every_position_once() {
    let c = shipped();
    let split = build_split_sized(&c, 3, SHARD_TARGET_BYTES, 40);
    let f = split.manifest.facets.as_ref().unwrap();
    let files = files(&split);
    let facets = client(&split, &files);
    let mut next = 0u32;
    for (i, path) in f.blocks.iter().enumerate() {
        let b: FacetBlock = serde_json::from_slice(&files[path]).unwrap();
        assert_eq!((b.from, f.starts[i]), (next, next));
        assert!(b.rows > 0);
        for p in b.from..b.from + b.rows {
            assert_eq!(facets.block_of(p), Some(i));
        }
        next += b.rows;
    }
    assert_eq!(next, split.manifest.records);
    assert_eq!(facets.block_of(next), None);
}

/// The map of a large catalogue counts what the full map counts: per place, the events
/// among the records shown (query and every filter), from the places file with no query and
/// no filter, from the facet table's rows otherwise.
#[test]
fn map_counts_equal_the_full_maps() {
    use crate::model::Kind;
    use crate::split::parse_places;
    let c = shipped();
    let ix = FacetIndex::new(&c);
    let index = SearchIndex::build(&c);
    let split = build_split_sized(&c, 3, SHARD_TARGET_BYTES, 40);
    let files = files(&split);
    let m = &split.manifest;
    let places = parse_places(
        m,
        &files[m
            .places
            .as_ref()
            .expect("a new split names its places file")],
    )
    .expect("places file loads");
    // Every place, in the bundle's order, with its coordinates.
    let ids: Vec<&str> = places.places.iter().map(|p| p.id.as_str()).collect();
    let want: Vec<&str> = c.bundle.places.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, want);
    assert!(places
        .places
        .iter()
        .zip(&c.bundle.places)
        .all(|(a, b)| a.lat == b.lat && a.lon == b.lon));
    let mut counted = 0;
    for q in QUERIES {
        let hits = split_hits(&split, q);
        for pairs in filter_sets() {
            let f = Filters::from_pairs(pairs.iter().copied(), &c);
            let candidates: Vec<RecordRef> = match index.search(&c, q) {
                Some(h) => h.records(&index).collect(),
                None => c.browse_order(),
            };
            let mut want: HashMap<String, u32> = HashMap::new();
            for r in ix.filter(&f, &candidates) {
                if let crate::catalog::Record::Event(e) = c.get(r) {
                    if let Some(p) = &e.place {
                        *want.entry(p.clone()).or_default() += 1;
                    }
                }
            }
            let mut facets = client(&split, &files);
            let sf = facets.filters(pairs.iter().copied());
            let got = if hits.is_none() && sf.is_empty() {
                places
                    .places
                    .iter()
                    .filter(|p| p.events > 0)
                    .map(|p| (p.id.clone(), p.events))
                    .collect()
            } else {
                let need = match facets.tally(Facet::Place, Kind::Event, &sf, hits.as_deref()) {
                    Err(MissingBlocks(need)) => need,
                    Ok(_) => Vec::new(),
                };
                fetch_blocks(&mut facets, m, &files, &need);
                facets
                    .tally(Facet::Place, Kind::Event, &sf, hits.as_deref())
                    .expect("every block at hand")
            };
            counted += got.values().sum::<u32>();
            assert_eq!(got, want, "{q:?} {pairs:?}: map counts differ");
        }
    }
    assert!(counted > 20, "the comparison saw {counted} events in all");
}

#[test]
fn a_bad_places_file_names_the_field() {
    use crate::split::parse_places;
    let c = shipped();
    let split = build_split(&c, 20);
    let m = &split.manifest;
    let good = String::from_utf8(files(&split)[m.places.as_ref().unwrap()].clone()).unwrap();
    let lat = c.bundle.places[0].lat;
    let bad = good.replacen(&format!("\"lat\":{lat}"), "\"lat\":123.5", 1);
    assert_ne!(bad, good);
    let e = err_of(parse_places(m, bad.as_bytes()));
    assert!(
        e.contains("places.json") && e.contains("places[0].lat"),
        "{e}"
    );
    let e = err_of(parse_places(m, b"[]"));
    assert!(e.contains("places.json: not a places file"), "{e}");
    // The manifest may only name a file below it.
    let mut evil = m.clone();
    evil.places = Some("../elsewhere/places.json".into());
    let json = serde_json::to_vec(&evil).unwrap();
    let e = err_of(parse_manifest(&json));
    assert!(
        e.contains("unsafe file name `../elsewhere/places.json`"),
        "{e}"
    );
    assert!(parse_manifest(&serde_json::to_vec(m).unwrap()).is_ok());
}

/// The timeline of a large catalogue is the full one's: per start year, the same events in
/// the same order, from the year files and the facet rows of the selection.
#[test]
fn timeline_equals_the_full_timeline() {
    use crate::split::{parse_timeline, parse_year};
    use std::collections::BTreeMap;
    let c = shipped();
    let ix = FacetIndex::new(&c);
    let index = SearchIndex::build(&c);
    let order = c.browse_order();
    let id_at = |p: u32| c.get(order[p as usize]).id().to_string();
    let split = build_split_sized(&c, 3, SHARD_TARGET_BYTES, 40);
    let files = files(&split);
    let m = &split.manifest;
    let tl = parse_timeline(
        m,
        &files[m.timeline.as_ref().expect("a new split names its timeline")],
    )
    .expect("timeline index loads");
    let years: BTreeMap<i32, Vec<u32>> = tl
        .years
        .iter()
        .map(|y| {
            let f = parse_year(m, y.year, &y.file, &files[&y.file]).expect("year file loads");
            assert_eq!(f.positions.len() as u32, y.events);
            (y.year, f.positions)
        })
        .collect();
    let mut seen = 0;
    for q in QUERIES {
        let hits = split_hits(&split, q);
        for pairs in filter_sets() {
            let f = Filters::from_pairs(pairs.iter().copied(), &c);
            let candidates: Vec<RecordRef> = match index.search(&c, q) {
                Some(h) => h.records(&index).collect(),
                None => c.browse_order(),
            };
            let visible = ix.filter(&f, &candidates);
            let want: Vec<(i32, Vec<String>)> = crate::stats::timeline(&c, &visible)
                .into_iter()
                .map(|(y, es)| (y, es.iter().map(|e| e.id.clone()).collect()))
                .collect();

            let mut facets = client(&split, &files);
            let sf = facets.filters(pairs.iter().copied());
            // Per start year, the selected events: from the blocks of the events' positions
            // only.
            let events = m.kind_range(crate::model::Kind::Event);
            if let Err(MissingBlocks(need)) = facets.start_years(&sf, hits.as_deref()) {
                assert_blocks_within(m, &need, &events);
                fetch_blocks(&mut facets, m, &files, &need);
            }
            let by_year = facets
                .start_years(&sf, hits.as_deref())
                .expect("every block at hand");
            assert!(by_year.values().flatten().all(|p| events.contains(p)));
            let selected: std::collections::HashSet<u32> =
                by_year.values().flatten().copied().collect();
            let counts: BTreeMap<i32, u32> = if hits.is_none() && sf.is_empty() {
                let totals: BTreeMap<i32, u32> =
                    tl.years.iter().map(|y| (y.year, y.events)).collect();
                let lens: BTreeMap<i32, u32> = by_year
                    .iter()
                    .map(|(&y, ps)| (y, ps.len() as u32))
                    .collect();
                assert_eq!(lens, totals, "the index's totals are the rows' counts");
                totals
            } else {
                by_year
                    .iter()
                    .map(|(&y, ps)| (y, ps.len() as u32))
                    .collect()
            };
            let got: Vec<(i32, Vec<String>)> = counts
                .iter()
                .map(|(&y, &n)| {
                    let ids: Vec<String> = years[&y]
                        .iter()
                        .filter(|p| selected.contains(p))
                        .map(|&p| id_at(p))
                        .collect();
                    assert_eq!(ids.len() as u32, n, "{q:?} {pairs:?} {y}: count");
                    (y, ids)
                })
                .collect();
            seen += got.iter().map(|(_, ids)| ids.len()).sum::<usize>();
            assert_eq!(got, want, "{q:?} {pairs:?}: timelines differ");
        }
    }
    assert!(seen > 20, "the comparison saw {seen} events in all");
    // Bad files name themselves and the field.
    let y = &tl.years[0];
    let e = err_of(parse_year(m, y.year + 1, &y.file, &files[&y.file]));
    assert!(e.contains(&y.file) && e.contains("field `year`"), "{e}");
    let e = err_of(parse_year(
        m,
        y.year,
        &y.file,
        format!("{{\"year\":{},\"positions\":[99999]}}", y.year).as_bytes(),
    ));
    assert!(e.contains("positions[0]"), "{e}");
    let mut evil = tl.clone();
    evil.years[0].file = "../x.json".into();
    let e = err_of(parse_timeline(m, &serde_json::to_vec(&evil).unwrap()));
    assert!(
        e.contains("timeline.json") && e.contains("years[0].file"),
        "{e}"
    );
}

/// The statistics of a large catalogue are the full one's: the same groups (by measure and
/// by event), with the same figures in the same order and the same values, from the
/// statistics files and the facet rows of the selection.
#[test]
fn statistics_equal_the_full_statistics() {
    for by in [GroupBy::Measure, GroupBy::Event] {
        statistics_equal_when_grouped(by);
    }
}

fn statistics_equal_when_grouped(by: GroupBy) {
    use crate::split::{parse_group, parse_stats};
    use crate::stats::group_figures;
    let c = shipped();
    let ix = FacetIndex::new(&c);
    let index = SearchIndex::build(&c);
    let order = c.browse_order();
    let id_at = |p: u32| c.get(order[p as usize]).id().to_string();
    let split = build_split_sized(&c, 3, SHARD_TARGET_BYTES, 40);
    let files = files(&split);
    let m = &split.manifest;
    let stats = parse_stats(
        m,
        by,
        &files[m
            .stats_file(by)
            .expect("a new split names both statistics indexes")],
    )
    .expect("statistics index loads");
    let groups: Vec<_> = stats
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let file = stats.file_of(i);
            let f = parse_group(m, by, &g.key, file, &files[file]).expect("group file loads");
            assert_eq!(f.positions.len() as u32, g.figures);
            f
        })
        .collect();
    let figures = m.kind_range(crate::model::Kind::Figure);
    let mut seen = 0;
    for q in QUERIES {
        let hits = split_hits(&split, q);
        for pairs in filter_sets() {
            let f = Filters::from_pairs(pairs.iter().copied(), &c);
            let candidates: Vec<RecordRef> = match index.search(&c, q) {
                Some(h) => h.records(&index).collect(),
                None => c.browse_order(),
            };
            let visible = ix.filter(&f, &candidates);
            let want: Vec<(String, Vec<(String, f64)>)> = group_figures(&c, &visible, by)
                .into_iter()
                .map(|g| {
                    let fs = g.figures.iter().map(|f| (f.id.clone(), f.value)).collect();
                    (g.key, fs)
                })
                .collect();

            let mut facets = client(&split, &files);
            let sf = facets.filters(pairs.iter().copied());
            let kind = crate::model::Kind::Figure;
            if let Err(MissingBlocks(need)) = facets.passing(kind, &sf, hits.as_deref()) {
                assert_blocks_within(m, &need, &figures);
                assert!(
                    hits.is_some() || !sf.is_empty(),
                    "no query, no filter: every figure, no file"
                );
                fetch_blocks(&mut facets, m, &files, &need);
            }
            let selected = facets
                .passing(kind, &sf, hits.as_deref())
                .expect("every block at hand");
            assert!(selected.iter().all(|p| figures.contains(p)));
            let by_group = stats.by_group(&selected);
            let set: std::collections::HashSet<u32> = selected.iter().copied().collect();
            let got: Vec<(String, Vec<(String, f64)>)> = by_group
                .iter()
                .map(|(&g, ps)| {
                    let file = &groups[g];
                    let kept = file.kept(&set);
                    assert_eq!(kept.len(), ps.len(), "{q:?} {pairs:?}: group {g}'s count");
                    let fs = kept
                        .iter()
                        .map(|&(i, p)| (id_at(p), file.values[i]))
                        .collect();
                    (stats.groups[g].key.clone(), fs)
                })
                .collect();
            seen += got.iter().map(|(_, fs)| fs.len()).sum::<usize>();
            assert_eq!(got, want, "{q:?} {pairs:?}: statistics differ");
        }
    }
    assert!(
        seen > 20,
        "{by:?}: the comparison saw {seen} figures in all"
    );
    for g in &stats.groups {
        match by {
            // Measure names are the catalogue's.
            GroupBy::Measure => {
                let name = g.name.as_ref().map(|t| t.get_or_ar("en").0.to_string());
                assert_eq!(
                    name.unwrap_or_else(|| g.key.replace('-', " ")),
                    c.measure_name(&g.key, "en")
                );
            }
            GroupBy::Event => assert!(g.name.is_none()),
        }
    }
    if by == GroupBy::Event {
        // Groups sit in packs of consecutive groups, named by the index, not by each group.
        assert!(stats.groups.iter().all(|g| g.file.is_empty()));
        assert_eq!(stats.pack as usize, crate::split::EVENT_PACK);
        assert_eq!(
            stats.packs.len(),
            stats.groups.len().div_ceil(crate::split::EVENT_PACK)
        );
        let file = stats.file_of(0);
        let pack: crate::split::GroupPack = serde_json::from_slice(&files[file]).unwrap();
        assert_eq!(
            pack.groups.len(),
            stats.groups.len().min(crate::split::EVENT_PACK)
        );
        // A key its pack does not hold is an error that names the pack.
        let e = err_of(parse_group(m, by, "no-such-event", file, &files[file]));
        assert!(e.contains(file) && e.contains("no group"), "{e}");
        let mut lost = stats.clone();
        lost.packs.clear();
        let e = err_of(parse_stats(m, by, &serde_json::to_vec(&lost).unwrap()));
        assert!(e.contains("groups[0].file"), "{e}");
        // Headings in every language: the events' titles, as the full catalogue heads them.
        assert_eq!(stats.titles.len(), 4);
        for (lang, chunks) in &stats.titles {
            assert_eq!(chunks.len(), 1, "the shipped data's groups fit in one file");
            let file = &chunks[0];
            let t = crate::split::parse_titles(&stats, 0, file, &files[file]).expect("headings");
            for (g, group) in stats.groups.iter().enumerate() {
                let want = c.event(&group.key).map(|e| e.title.get_or_ar(lang).0);
                assert_eq!(t.title(g), want, "{lang}");
            }
            let mut short = t.clone();
            short.titles.pop();
            let e = err_of(crate::split::parse_titles(
                &stats,
                0,
                file,
                &serde_json::to_vec(&short).unwrap(),
            ));
            assert!(
                e.contains(file.as_str()) && e.contains("field `titles`"),
                "{e}"
            );
            let e = err_of(crate::split::parse_titles(&stats, 1, file, &files[file]));
            assert!(e.contains("field `from`"), "{e}");
        }
        let mut evil = stats.clone();
        evil.titles.insert("en".into(), vec!["../x.json".into()]);
        let e = err_of(parse_stats(m, by, &serde_json::to_vec(&evil).unwrap()));
        assert!(
            e.contains("stats/events.json") && e.contains("titles.en[0]"),
            "{e}"
        );
        return;
    }
    let g0 = &groups[0];
    let max = g0.max_by_measure(0..g0.positions.len());
    assert!(max.values().all(|&v| v > 0.0) && !max.is_empty());
    // Bad files name themselves and the field.
    let g = &stats.groups[0];
    let e = err_of(parse_group(m, by, "other", &g.file, &files[&g.file]));
    assert!(e.contains(&g.file) && e.contains("field `key`"), "{e}");
    let mut short = groups[0].clone();
    short.values.pop();
    let e = err_of(parse_group(
        m,
        by,
        &g.key,
        &g.file,
        &serde_json::to_vec(&short).unwrap(),
    ));
    assert!(e.contains("field `values`"), "{e}");
    let mut past = groups[0].clone();
    past.positions[0] = m.records;
    let e = err_of(parse_group(
        m,
        by,
        &g.key,
        &g.file,
        &serde_json::to_vec(&past).unwrap(),
    ));
    assert!(e.contains("positions[0]"), "{e}");
    let mut evil = stats.clone();
    evil.groups[0].file = "../x.json".into();
    let e = err_of(parse_stats(m, by, &serde_json::to_vec(&evil).unwrap()));
    assert!(
        e.contains("stats.json") && e.contains("groups[0].file"),
        "{e}"
    );
    let mut stray = stats.clone();
    stray.group_of[0] = stats.groups.len() as u32;
    let e = err_of(parse_stats(m, by, &serde_json::to_vec(&stray).unwrap()));
    assert!(e.contains("group_of[0]"), "{e}");
}
