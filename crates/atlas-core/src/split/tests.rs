use super::build::shard_file;
use super::*;
use crate::catalog::Record;
use crate::search::{parse_query, searchable_fields};
use crate::{load_bundle, load_bundle_bytes, validate, SearchIndex};
use std::collections::{BTreeSet, HashMap, HashSet};

fn shipped() -> Catalog {
    let json = include_str!("../../../../public/data/bundle.json");
    Catalog::new(load_bundle(json).expect("the shipped bundle is valid"))
}

/// The client loop: fetch what `needed_shards` asks for until it asks for nothing, then
/// search. Returns the hits and the keys fetched.
/// Position, score, words missing.
type Ranked = Vec<(u32, f32, u8)>;

fn client(split: &Split, q: &str) -> (Option<Ranked>, Vec<String>) {
    let mut have: HashMap<String, &Shard> = HashMap::new();
    let mut fetched = Vec::new();
    for round in 0.. {
        let need = needed_shards(&split.manifest, |k| have.get(k).copied(), q);
        if need.is_empty() {
            break;
        }
        assert!(round < 4, "{q}: more than four rounds ({need:?})");
        for k in need {
            assert!(split.manifest.file(&k).is_some(), "{q}: unknown key {k}");
            have.insert(k.clone(), &split.shards[&k]);
            fetched.push(k);
        }
    }
    let hits = search_shards_ranked(&split.manifest, |k| have.get(k).copied(), q);
    (hits, fetched)
}

/// The split answers `q` with the same records and scores as the index (a superset for
/// quoted phrases, which the split approximates).
fn agree(catalog: &Catalog, index: &SearchIndex, split: &Split, q: &str) {
    let order = catalog.browse_order();
    let want = index.search(catalog, q);
    let (got, _) = client(split, q);
    assert_eq!(want.is_some(), got.is_some(), "{q:?}: Option differs");
    let (Some(want), Some(got)) = (want, got) else {
        return;
    };
    let want: BTreeMap<&str, (f32, u8)> = want
        .scores(index)
        .map(|(r, score, missing)| (catalog.get(r).id(), (score, missing)))
        .collect();
    let got_ids: BTreeMap<&str, (f32, u8)> = got
        .iter()
        .map(|&(p, s, m)| (catalog.get(order[p as usize]).id(), (s, m)))
        .collect();
    if q.contains(['"', '«', '»', '“', '”']) {
        assert!(
            want.keys().all(|id| got_ids.contains_key(id)),
            "{q:?}: the phrase approximation lost records"
        );
        return;
    }
    assert_eq!(
        want.keys().collect::<Vec<_>>(),
        got_ids.keys().collect::<Vec<_>>(),
        "{q:?}: different records"
    );
    for (id, s) in &want {
        assert_eq!(got_ids[id], *s, "{q:?}: score and missing words of {id}");
    }
    // Ranked most words first, then best first, ties by position.
    assert!(got.windows(2).all(|w| {
        let (a, b) = (w[0], w[1]);
        a.2 < b.2 || (a.2 == b.2 && (a.1 > b.1 || (a.1 == b.1 && a.0 < b.0)))
    }));
}

const QUERIES: &[&str] = &[
    "مراكش",
    "ال",
    "وال",
    "الم",
    "مُرَّاكُش",
    "بمراكش",
    "ومراكش",
    "الانتربول",
    "الإنتربول",
    "أنتربول",
    "طنجه",
    "طنجة",
    "لطنجة",
    "والمغرب",
    "المؤتمرات",
    "مر",
    "مرا",
    "ال",
    "الم",
    "الأَمْن الكِيمْيائِيّ",
    "الأمن الكيميائي ",
    "في مراكش",
    "في",
    "Glasgow",
    "glasg",
    "gl",
    "g",
    "Hammouchi",
    "Daesh",
    "بريطانيا",
    "جلاسكو",
    "Tanja 2023",
    "Hamouchi",
    "hammouchy",
    "Marrakesh",
    "Marakech",
    // Readings of a word that finds nothing: Arabizi, a slip, the other script.
    "7ammouchi",
    "mrakch",
    "lmalaki",
    "Dukhaysi",
    "مراكس",
    "طنحة",
    "الدخسي",
    "هيندس",
    "غلوبال كونغرس",
    "think",
    "almaghrib",
    "alwatani",
    "almoutamar",
    "elhammouchi",
    // Not Alalam or الدارالبيضاء: the index reads them as two words written together, the
    // split does not (split/mod.rs, "Query semantics").
    // Hyphenated words, written joined or apart (the index files both).
    "counterterrorism",
    "co-lead",
    "cyber-crime",
    "cyber-cri",
    "Nour ad-Din",
    // Rules of 2026-12-06: two letters swapped, -ism/-ise roots, zeros, dropped words.
    "Intrepol",
    "terrorisme",
    "organizations",
    "06/12/2023",
    "92ème",
    "سنة 2003",
    "who is Hammouchi",
    "كيمياء",
    "Marrakech 2022",
    "كانون الأول 2023",
    "oct 2022",
    "شباط 2021",
    "أربع جلسات",
    "six weeks",
    // Transliteration skeletons (Hammouchi, Naif) and second spellings (كيميائي، أمريكية،
    // نوفمبر): the split's Latin vocabulary and shards give what the index gives.
    "Hamouchy",
    "Nayef",
    "Nasseri",
    "Naciri",
    // Elisions, dotted acronyms, -ies, the last syllable's vowel, invisible characters.
    "d'Interpol",
    "Interpol's",
    "F.B.I.",
    "ministries",
    "hosting",
    "بريطانيا",
    "UK",
    "26 octobre 2022",
    "فبراير 2021",
    "جلاسجو",
    "ماراكش",
    "سكوتلاندا",
    "انتربل Glasgo",
    "مستشفى",
    "attending",
    "université marocaine",
    "Muhammad",
    "ذئب",
    "مراك\u{200C}ش",
    "أمريكا",
    "إفريقيا",
    "يناير 2021",
    "3/2021",
    "December 2023",
    "الكيماوية",
    "الأميركية",
    "نونبر",
    "Tanger",
    "interpol",
    "Interpl",
    "INTERPOL DGSN",
    "congresses",
    "experts",
    "chemical security",
    "\"chemical security\"",
    "«الأمن الكيميائي»",
    "«قادة الشرطة»",
    "\"general assemblies\"",
    "2023",
    "٢٠٢٣",
    "۲۰۲۲",
    "47",
    "92",
    "the",
    "of the",
    "",
    "   ",
    "—",
    "zzzzzz",
    "qxqxqxq",
    // Both readings of a first letter, suffix chains, broken plurals (the lexicon).
    "وزارة ",
    "الوزارة",
    "وكالة",
    "مشاركتها",
    "الوزراء ",
    "وزير",
    "أعضاؤها",
    "العضو",
    "الخبراء",
    "خبير ",
    "أسلحة",
    "إعلامهم",
    // No record has every word: the records with the most words.
    "مؤتمر البرازيل",
    "الإنتربول zzzzzz مراكش",
    "zzzzzz qxqxqxq",
    "سبعين دولة",
    "خمسة وسبعين",
    "ثالثة وتسعين",
    "الثالثة والتسعين",
    "ninety-third",
    "two hundred and fourteen",
    "soixante-dix pays",
    "sesenta y siete países",
    "سبعين ",
    "خمسة وسبع",
    "2022 خمسة وسبعين",
    "المؤتمر الثالث والرابع",
    "اثني عشر",
    "once",
    "ninety-thirt",
    // Few records with every word, then those with some (the same tail both ways).
    "who heads the DGSN",
    "كم دولة شاركت في طنجة",
    "qui a organisé le congrès de marrakech",
    // Questions of how many (figures first) and queries asking for sources.
    "how many countries attended the Tangier conference",
    "ما عدد الدول المشاركة في مؤتمر مراكش",
    "المقالان عن مؤتمر مراكش",
    "fuentes sobre Glasgow",
];

#[test]
fn shipped_queries_agree_with_the_index() {
    let catalog = shipped();
    let index = SearchIndex::build(&catalog);
    // The default target (one-character keys) and a tiny one (deep keys, merged
    // prefixes): the same answers.
    for target in [SHARD_TARGET_BYTES, 1500, 200] {
        let split = build_split_with(&catalog, 40, target);
        for q in QUERIES {
            agree(&catalog, &index, &split, q);
        }
    }
    // Every term of the shipped data, typed whole and as a prefix.
    let split = build_split_with(&catalog, 40, 1500);
    let mut words = BTreeSet::new();
    for r in catalog.all() {
        for (_, _, text) in searchable_fields(&catalog, r) {
            for w in text.split_whitespace() {
                words.insert(w.to_string());
            }
        }
    }
    for w in words.iter().step_by(7) {
        agree(&catalog, &index, &split, w);
        agree(&catalog, &index, &split, &format!("{w} "));
        let half: String = w.chars().take(w.chars().count().div_ceil(2)).collect();
        agree(&catalog, &index, &split, &half);
    }
}

#[test]
fn deep_keys_are_used_and_typos_need_the_vocabulary() {
    let catalog = shipped();
    let split = build_split_with(&catalog, 40, 1500);
    assert!(split.manifest.shards.keys().any(|k| k.chars().count() >= 3));
    assert!(split.shards.values().any(|s| !s.prefix.is_empty()));
    // A typo: first round the word's shards, then the vocabulary, then near terms.
    let (hits, fetched) = client(&split, "Hamouchi");
    assert!(!hits.unwrap().is_empty());
    assert!(fetched.iter().any(|k| k == LATIN_VOCAB_KEY));
    // A word that matches needs no vocabulary.
    let (_, fetched) = client(&split, "Hammouchi");
    assert!(!fetched.iter().any(|k| k == LATIN_VOCAB_KEY));
    // An Arabic word spelt another way: the Arabic vocabulary, then the near terms' shards.
    let (hits, fetched) = client(&split, "جلاسجو");
    assert!(!hits.unwrap().is_empty());
    assert!(fetched.iter().any(|k| k == ARABIC_VOCAB_KEY));
    assert!(!fetched.iter().any(|k| k == LATIN_VOCAB_KEY));
    let (_, fetched) = client(&split, "غلاسكو");
    assert!(!fetched.iter().any(|k| k == ARABIC_VOCAB_KEY));
    // A word its own script's vocabulary has nothing near: the other script's, in a round
    // after it (four in all), and what the word spells there.
    for (q, own, other, want) in [
        ("mrakch", LATIN_VOCAB_KEY, ARABIC_VOCAB_KEY, "marrakech"),
        ("هيندس", ARABIC_VOCAB_KEY, LATIN_VOCAB_KEY, "greg-hinds"),
        ("almaghrib", LATIN_VOCAB_KEY, ARABIC_VOCAB_KEY, "dgsn"),
    ] {
        let (hits, fetched) = client(&split, q);
        let at = |k: &str| fetched.iter().position(|f| f == k);
        assert!(at(own) < at(other) && at(own).is_some(), "{q}: {fetched:?}");
        let order = catalog.browse_order();
        let ids: Vec<&str> = hits
            .unwrap_or_default()
            .iter()
            .map(|&(p, _, _)| catalog.get(order[p as usize]).id())
            .collect();
        assert!(ids.contains(&want), "{q}: {ids:?}");
    }
}

#[test]
fn shard_keys_for_is_the_first_round_and_small() {
    let catalog = shipped();
    let split = build_split(&catalog, 40);
    for q in QUERIES {
        let keys = shard_keys_for(&split.manifest, q);
        let first = needed_shards(&split.manifest, |_| None, q);
        // The first round may also ask for the Latin or Arabic vocabulary at once (a word
        // with no shard at all, such as "zzzzzz").
        let extra: Vec<&String> = first.iter().filter(|k| !keys.contains(k)).collect();
        assert!(keys.iter().all(|k| first.contains(k)), "{q:?}");
        assert!(
            extra
                .iter()
                .all(|k| *k == LATIN_VOCAB_KEY || *k == ARABIC_VOCAB_KEY),
            "{q:?}: {extra:?}"
        );
        let words = parse_query(q).len();
        assert!(keys.len() <= 3 * words.max(1) + 2, "{q:?}: {keys:?}");
    }
    assert_eq!(shard_keys_for(&split.manifest, ""), Vec::<String>::new());
    assert_eq!(search_shards(&split.manifest, |_| None, ""), None);
    assert_eq!(search_shards(&split.manifest, |_| None, "  ، "), None);
    // A word still being typed that finds nothing: no query yet, as for the index.
    let all = |k: &str| split.shards.get(k);
    assert_eq!(search_shards(&split.manifest, all, "م"), None);
    assert_eq!(search_shards(&split.manifest, all, "م "), Some(Vec::new()));
}

#[test]
fn every_fragment_loads_and_resolves_its_links() {
    let catalog = shipped();
    let order = catalog.browse_order();
    for size in [1, 7, 40, 10_000] {
        let split = build_split(&catalog, size);
        let m = &split.manifest;
        assert_eq!(m.records as usize, order.len());
        assert_eq!(m.fragments.len(), order.len().div_ceil(size));
        assert_eq!(split.fragments.len(), m.fragments.len());
        let mut position = 0usize;
        for (i, fragment) in split.fragments.iter().enumerate() {
            let bytes = serde_json::to_vec(fragment).unwrap();
            let bundle = load_bundle_bytes(&bytes)
                .unwrap_or_else(|e| panic!("fragment {i} (size {size}): {e}"));
            assert!(validate(&bundle).is_empty());
            let fc = Catalog::new(bundle);
            let own = m.own_records(i, &fc);
            assert_eq!(own.len(), (order.len() - position).min(size));
            assert_eq!(m.own_record(i, own.len()), None);
            for (j, &r) in own.iter().enumerate() {
                let p = (position + j) as u32;
                assert_eq!(m.locate(p), (i, j));
                assert_eq!(m.own_record(i, j), Some(r));
                assert_eq!(m.kind_at(p), Some(r.kind));
                let mine = fc.get(r);
                let full = catalog.get(order[p as usize]);
                assert_eq!(mine.id(), full.id(), "fragment {i} own record {j}");
                // A card can be drawn from the fragment: its links, its chips, its
                // "sources differ" mark.
                for id in mine.links() {
                    assert!(fc.record(id).is_some(), "{}: link {id}", mine.id());
                }
                if let Record::Event(e) = mine {
                    let want: Vec<&str> = catalog
                        .figures_of_event(&e.id)
                        .iter()
                        .take(4)
                        .map(|f| f.id.as_str())
                        .collect();
                    let have: Vec<&str> = fc
                        .figures_of_event(&e.id)
                        .iter()
                        .map(|f| f.id.as_str())
                        .collect();
                    assert!(want.iter().all(|f| have.contains(f)), "{}", e.id);
                }
                // An event's or a place's record page: the first BACKLINKS_CARRIED of what
                // links to it (sources aside) are there.
                let carried = if carries_backlinks(r.kind) {
                    BACKLINKS_CARRIED
                } else {
                    0
                };
                let linking: Vec<&str> = catalog
                    .related(mine.id())
                    .into_iter()
                    .filter(|&r| r.kind != Kind::Source)
                    .map(|r| catalog.get(r))
                    .filter(|rec| rec.links().contains(&mine.id()))
                    .map(|rec| rec.id())
                    .take(carried)
                    .collect();
                for id in linking {
                    assert!(fc.record(id).is_some(), "{}: backlink {id}", mine.id());
                }
                assert_eq!(
                    fc.disagreements_about(mine.id()).len(),
                    catalog.disagreements_about(mine.id()).len(),
                    "{}",
                    mine.id()
                );
                assert_eq!(
                    format!("{:?}", searchable_fields(&fc, r)),
                    format!("{:?}", searchable_fields(&catalog, order[p as usize])),
                    "{}: the fragment lacks something the record's text names",
                    mine.id()
                );
            }
            // The extra records are there to be named: summaries elided, and nothing
            // beyond what an own record, a chip or a disagreement names (or the one
            // source an extra record keeps).
            let own_ids: HashSet<&str> = own.iter().map(|&r| fc.get(r).id()).collect();
            let mut named: HashSet<&str> = HashSet::new();
            for &r in &own {
                let rec = fc.get(r);
                named.extend(rec.links());
                if let Record::Event(e) = rec {
                    named.extend(fc.figures_of_event(&e.id).iter().map(|f| f.id.as_str()));
                }
            }
            // ... or links to an own record (as it did in the whole catalogue: its own links
            // are trimmed in the fragment).
            for r in catalog.all() {
                let rec = catalog.get(r);
                let carried_for = |id: &&str| {
                    own_ids.contains(id)
                        && catalog
                            .lookup(id)
                            .is_some_and(|o| carries_backlinks(o.kind))
                };
                if rec.links().iter().any(carried_for) {
                    named.insert(rec.id());
                }
            }
            for d in &fc.bundle.disagreements {
                named.extend(d.figures.iter().map(String::as_str));
                named.extend(d.claims.iter().map(|c| c.source.as_str()));
                named.extend(d.subject.as_deref());
            }
            for r in fc.all() {
                let rec = fc.get(r);
                if own_ids.contains(rec.id()) {
                    continue;
                }
                if let Some(s) = rec.summary() {
                    assert_eq!(s.ar, ELIDED, "fragment {i}: {} not elided", rec.id());
                }
                if !named.contains(rec.id()) {
                    assert_eq!(r.kind, Kind::Source, "fragment {i}: {} carried", rec.id());
                }
            }
            position += own.len();
        }
        assert_eq!(position, order.len());
    }
}

#[test]
fn round_trip_through_json_gives_the_same_answers() {
    let catalog = shipped();
    let split = build_split_with(&catalog, 40, 1500);
    let files: HashMap<String, String> = split.files().into_iter().collect();
    let manifest: Manifest = serde_json::from_str(&files["manifest.json"]).unwrap();
    assert_eq!(manifest, split.manifest);
    assert_eq!(manifest.format, FORMAT);
    let shards: HashMap<String, Shard> = manifest
        .shards
        .iter()
        .map(|(k, f)| (k.clone(), serde_json::from_str(&files[f]).unwrap()))
        .collect();
    assert_eq!(shards.len(), split.shards.len());
    for (k, s) in &shards {
        assert_eq!(s, &split.shards[k]);
    }
    for q in QUERIES {
        assert_eq!(
            search_shards(&manifest, |k| shards.get(k), q),
            search_shards(&split.manifest, |k| split.shards.get(k), q),
            "{q:?}"
        );
    }
    for (i, f) in manifest.fragments.iter().enumerate() {
        assert_eq!(load_bundle(&files[f]).unwrap(), split.fragments[i]);
    }
}

#[test]
fn manifests_are_told_from_bundles_and_checked() {
    let split = build_split(&shipped(), 7);
    let json = serde_json::to_vec(&split.manifest).unwrap();
    assert!(looks_like_manifest(&json));
    assert_eq!(parse_manifest(&json).unwrap(), split.manifest);
    let bundle = include_bytes!("../../../../public/data/bundle.json");
    assert!(!looks_like_manifest(bundle));
    assert!(parse_manifest(bundle).is_err());
    let hostile = |f: &dyn Fn(&mut Manifest)| {
        let mut m = split.manifest.clone();
        f(&mut m);
        parse_manifest(&serde_json::to_vec(&m).unwrap())
    };
    assert!(hostile(&|m| m.fragments[0] = "https://evil.example/x.json".into()).is_err());
    assert!(hostile(&|m| m.fragments[1] = "../secret.json".into()).is_err());
    assert!(hostile(&|m| {
        m.shards.insert("x".into(), "/etc/passwd".into());
    })
    .is_err());
    assert!(hostile(&|m| m.records += 100).is_err());
    assert!(hostile(&|m| m.format = "other".into()).is_err());
    assert!(matches!(
        hostile(&|m| m.format_version = 99),
        Err(crate::LoadError::UnsupportedVersion(_))
    ));
    assert!(hostile(&|m| m.fragment_size = 0).is_err());
}

#[test]
fn file_names_resolve_against_the_manifest() {
    assert_eq!(
        resolve("data/bundle.json", "records/0000.json"),
        "data/records/0000.json"
    );
    assert_eq!(
        resolve("https://a.example/s/manifest.json?v=2#x", "terms/61.json"),
        "https://a.example/s/terms/61.json"
    );
    assert_eq!(resolve("manifest.json", "terms/61.json"), "terms/61.json");
    for ok in [
        "records/0000.json",
        "terms/627-644.json",
        "terms/latin.json",
        "terms/arabic.json",
    ] {
        assert!(safe_relative_path(ok), "{ok}");
    }
    for bad in [
        "", "/x.json", "a//b", "../x", "a/../b", "http://x", "a?b", "a b", "./a",
    ] {
        assert!(!safe_relative_path(bad), "{bad}");
    }
}

#[test]
fn the_lru_keeps_what_is_needed_and_drops_the_oldest() {
    let mut c: Lru<u32, &str> = Lru::new(3);
    for k in 0..3 {
        assert!(c.insert(k, "v", |_| false).is_empty());
    }
    c.touch(&0);
    // 1 is the least recently used.
    assert_eq!(c.insert(3, "v", |_| false), vec![1]);
    assert!(c.peek(&0).is_some() && c.peek(&1).is_none());
    // Needed entries stay, even over capacity.
    let evicted = c.insert(4, "v", |_| true);
    assert!(evicted.is_empty());
    assert_eq!(c.len(), 4);
    assert_eq!(c.insert(5, "v", |k| *k == 0), vec![2, 3]);
    assert_eq!(c.len(), 3);
    assert_eq!(c.remove(&0), Some("v"));
}

#[test]
fn the_shard_of_a_term_is_the_longest_key_prefixing_it() {
    let mut m = build_split(&shipped(), 100).manifest;
    m.shards = ["a", "ab", "abc", "b"]
        .iter()
        .map(|k| (k.to_string(), shard_file(k)))
        .collect();
    assert_eq!(shard_key_of(&m, "abcd"), Some("abc"));
    assert_eq!(shard_key_of(&m, "abd"), Some("ab"));
    assert_eq!(shard_key_of(&m, "ab"), Some("ab"));
    assert_eq!(shard_key_of(&m, "azz"), Some("a"));
    assert_eq!(shard_key_of(&m, "c"), None);
    assert_eq!(shard_file("ال"), "terms/627-644.json");
}
