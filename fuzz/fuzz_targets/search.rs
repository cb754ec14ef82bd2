//! Query text → `parse_query` and `SearchIndex::search` over the shipped bundle: never a
//! panic; every highlight span lies inside its field's original text, on character
//! boundaries, and `segments` gives the text back whole.
#![no_main]

use atlas_core::search::{parse_query, segments, FieldName};
use atlas_core::{load_bundle, Catalog, SearchIndex};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static ATLAS: OnceLock<(Catalog, SearchIndex)> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let (catalog, index) = ATLAS.get_or_init(|| {
        let json = include_str!("../../public/data/bundle.json");
        let catalog = Catalog::new(load_bundle(json).expect("the shipped bundle loads"));
        let index = SearchIndex::build(&catalog);
        (catalog, index)
    });
    let query = String::from_utf8_lossy(data);
    let terms = parse_query(&query);
    let Some(hits) = index.search(&query) else {
        assert!(terms.is_empty(), "terms {terms:?} but no search");
        return;
    };
    assert!(!terms.is_empty());
    for hit in hits {
        assert!(
            hit.score.is_finite() && hit.score > 0.0,
            "score {}",
            hit.score
        );
        let title = catalog.get(hit.record).title();
        for (lang, text) in title.all() {
            let ranges = hit.ranges(FieldName::Title, lang);
            let mut last = 0;
            for &(s, e) in &ranges {
                assert!(s < e && e <= text.len(), "{s}..{e} in {} bytes", text.len());
                assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
                assert!(s >= last, "ranges overlap");
                last = e;
            }
            let rebuilt: String = segments(text, &ranges)
                .into_iter()
                .map(|(p, _)| p)
                .collect();
            assert_eq!(rebuilt, text);
        }
    }
});
