//! How often the first three hits hold what a reader asked for, on two sets of reader
//! queries over the shipped bundle (`tests/data/reader-queries-*.txt`, each line a query
//! and the records any one of which answers it). Each set has a floor, ratcheted to the
//! last measure: a change that answers fewer queries in all fails here, and the misses it
//! prints show which (one lost and another gained passes: compare the printed misses).
//!
//! `cargo test -p atlas-core --test reader_queries -- --nocapture` prints every miss and the
//! rate of each set.

use atlas_core::{load_bundle, Catalog, SearchIndex};

fn index() -> (Catalog, SearchIndex) {
    let json = include_str!("../../../public/data/bundle.json");
    let catalog = Catalog::new(load_bundle(json).expect("the shipped bundle is valid"));
    let index = SearchIndex::build(&catalog);
    (catalog, index)
}

/// The queries of `text` and the ids that answer each (comment and blank lines skipped).
fn queries(text: &str) -> Vec<(&str, Vec<&str>)> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (q, ids) = l.rsplit_once('|').expect("query|id,id…");
            (q, ids.split(',').map(str::trim).collect())
        })
        .collect()
}

/// Runs the set `name` (its text `text`): every query, its first three hits, the misses
/// printed. Fails below `floor` hits, or on an id the bundle does not have (a stale line).
fn run(name: &str, text: &str, floor: usize) {
    let (c, ix) = index();
    let set = queries(text);
    let mut hits = 0;
    for (q, want) in &set {
        for id in want {
            assert!(
                c.record(id).is_some(),
                "{name}: {q:?} names {id}, no record"
            );
        }
        let first: Vec<&str> = ix
            .search(&c, q)
            .map(|h| h.first(&ix, 3))
            .unwrap_or_default()
            .into_iter()
            .map(|r| c.get(r).id())
            .collect();
        if first.iter().any(|id| want.contains(id)) {
            hits += 1;
        } else {
            println!("{name}: miss {q:?}: {first:?}, want one of {want:?}");
        }
    }
    let rate = 100.0 * hits as f64 / set.len() as f64;
    println!("{name}: {hits} of {} queries ({rate:.1} %)", set.len());
    assert!(
        hits >= floor,
        "{name}: {hits} of {} queries answered in the first three, below the floor {floor}",
        set.len()
    );
}

/// Written and judged with the search of 2026-12-06; its misses guided that session's
/// changes and the next ones': at 33d60fb, 890 of 971; at 3a6030e, 925; at 5e3093b (words
/// for an event's kind), 939; with مديرية apart from مدير, 941; with questions of how many
/// answered by figures, 945; with E.U.A. for the United States, 946; with a word typed in
/// pieces read as one (ف.ب.ي), 947.
#[test]
fn the_first_reader_set_is_answered_in_the_first_three() {
    run(
        "reader-queries-1",
        include_str!("data/reader-queries-1.txt"),
        947,
    );
}

/// Written from the data alone, without the search code or the first set: at 33d60fb, 396
/// of 409; at 3a6030e, 406; with articles asked for found as sources, 407.
#[test]
fn the_fresh_reader_set_is_answered_in_the_first_three() {
    run(
        "reader-queries-2",
        include_str!("data/reader-queries-2.txt"),
        407,
    );
}

/// Written blind like the second (from the data alone, without the search code or the
/// earlier sets) by a helper of the session of 2026-12-07, with more Arabizi, typos,
/// half-typed words and questions: at 3a6030e, 431 of 453; at 5d6fb43, 444; with a first
/// vowel read as ا or ع (l'irhab), 445; with questions of how many answered by figures,
/// 446; with articles asked for found as sources, 447.
#[test]
fn the_third_reader_set_is_answered_in_the_first_three() {
    run(
        "reader-queries-3",
        include_str!("data/reader-queries-3.txt"),
        447,
    );
}

/// Written blind like the second and third by a helper of the session of 2026-12-07
/// (afternoon), on the robustness a reader expects: diacritics, hamza, clitics, plurals,
/// digits, Latin spellings, typos and questions: at 79207eb, 388 of 400; with two neighbours swapped, a letter of
/// the same sound and any letter left out of a long word read as Arabic slips, 399.
#[test]
fn the_fourth_reader_set_is_answered_in_the_first_three() {
    run(
        "reader-queries-4",
        include_str!("data/reader-queries-4.txt"),
        399,
    );
}

/// Written blind by a helper of the session of 2026-12-07 (evening), on what a reader who
/// does not know the exact name types: descriptions and roles in the four languages, dates
/// and numbers as written, names mixed with topics, newspapers' Latin spellings. At
/// e6f0f73, 307 of 313; with a word typed in two pieces read as one (انتر بول), an assembly
/// read as a meeting (اجتماع الانتربول في بريطانيا) and two Darija words among the aliases
/// (الجدارمية, الحراكة), 311.
#[test]
fn the_fifth_reader_set_is_answered_in_the_first_three() {
    run(
        "reader-queries-5",
        include_str!("data/reader-queries-5.txt"),
        311,
    );
}
