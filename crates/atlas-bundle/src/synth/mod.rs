//! Synthetic corpora for benchmarks: `atlas-bundle synth --records N --seed S -o DIR`.
//!
//! Starts from the shipped bundle (its countries, topics, places, sources and records stay,
//! so every reference resolves) and adds generated records until there are `N` in all. The
//! text is made of the project's own vocabulary (words of the shipped titles and summaries),
//! written the way Arabic is written in the wild: some words with full tashkeel, some with
//! their hamza dropped, some with ه for ة.
//!
//! Into that text go *anchors*: made-up words that exist nowhere else, each planted in one to
//! five records. A query is an anchor typed differently from how the records spell it
//! (tashkeel added or removed, hamza dropped, ه for ة, a clitic prefix, other digits, the
//! Latin spelling), and its known answer is the set of records that hold the anchor. Anchors
//! go into summaries (Arabic, or English/French for Latin names) and into the aliases of
//! people nobody links to, so no other record inherits them through its links.
//!
//! Writes `bundle.json`, `docs.json` (every record's searchable text, flattened, for other
//! engines) and `queries.json`. The same seed gives the same bytes.

mod queries;
mod records;
mod words;

use atlas_core::model::Bundle;
use atlas_core::search::{searchable_fields, FieldName};
use atlas_core::Catalog;
use serde::Serialize;
use words::Vocab;

/// A small, fast, deterministic generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One benchmark query and its known answer.
#[derive(Clone, Debug, Serialize)]
pub struct Query {
    pub q: String,
    pub variant: &'static str,
    pub expected: Vec<String>,
}

/// One record's searchable text, flattened for engines that index plain fields.
#[derive(Clone, Debug, Serialize)]
pub struct Doc {
    pub id: String,
    pub kind: &'static str,
    pub title: String,
    pub aliases: String,
    pub summary: String,
    /// Role, value and the names of linked records.
    pub other: String,
}

pub struct Corpus {
    pub bundle: Bundle,
    pub docs: Vec<Doc>,
    pub queries: Vec<Query>,
}

pub const VARIANTS: [&str; 6] = [
    "diacritics",
    "hamza",
    "ta-marbuta",
    "prefix",
    "digits",
    "latin",
];

/// How many synthetic records of each kind: half events, then figures, people,
/// organisations, sources, places.
struct Mix {
    sources: usize,
    places: usize,
    organizations: usize,
    people: usize,
    figures: usize,
    events: usize,
}

impl Mix {
    fn of(extra: usize) -> Mix {
        let sources = extra * 2 / 100;
        let places = extra / 100;
        let organizations = extra * 12 / 100;
        let people = extra * 15 / 100;
        let figures = extra * 20 / 100;
        let events = extra - sources - places - organizations - people - figures;
        Mix {
            sources,
            places,
            organizations,
            people,
            figures,
            events,
        }
    }
}

/// A corpus of `records` records in all (at least the shipped bundle's), with its queries.
pub fn generate(base: &Bundle, records: usize, seed: u64) -> Result<Corpus, String> {
    let base_records = base.records();
    if records < base_records {
        return Err(format!(
            "--records must be at least {base_records} (the shipped bundle's records)"
        ));
    }
    let mut rng = Rng::new(seed);
    let vocab = Vocab::from(base);
    let mut b = base.clone();
    let mix = Mix::of(records - base_records);
    let sources = records::add_sources(&mut b, base, &vocab, &mut rng, mix.sources);
    records::add_places(&mut b, &vocab, &mut rng, &sources, mix.places);
    records::add_organizations(&mut b, &vocab, &mut rng, &sources, mix.organizations);
    records::add_people(&mut b, &vocab, &mut rng, &sources, mix.people);
    records::add_events(&mut b, &vocab, &mut rng, &sources, mix.events, mix.people);
    records::add_figures(&mut b, base, &vocab, &mut rng, &sources, mix.figures);
    let queries = queries::plant_queries(&mut b, base, &vocab, &mut rng, &mix)?;

    let problems = atlas_core::validate(&b);
    if !problems.is_empty() {
        let shown: Vec<String> = problems.iter().take(5).map(|p| p.to_string()).collect();
        return Err(format!(
            "generated bundle is invalid ({} problems): {}",
            problems.len(),
            shown.join("; ")
        ));
    }
    let docs = docs_of(&b);
    Ok(Corpus {
        bundle: b,
        docs,
        queries,
    })
}

/// Every record's searchable text, as the Atlas index sees it.
pub fn docs_of(bundle: &Bundle) -> Vec<Doc> {
    let catalog = Catalog::new(bundle.clone());
    catalog
        .all()
        .into_iter()
        .map(|r| {
            let rec = catalog.get(r);
            let mut doc = Doc {
                id: rec.id().to_string(),
                kind: rec.kind().as_str(),
                title: String::new(),
                aliases: String::new(),
                summary: String::new(),
                other: String::new(),
            };
            for (name, _lang, text) in searchable_fields(&catalog, r) {
                let slot = match name {
                    FieldName::Title => &mut doc.title,
                    FieldName::Alias => &mut doc.aliases,
                    FieldName::Summary => &mut doc.summary,
                    FieldName::Value | FieldName::Role | FieldName::Related => &mut doc.other,
                };
                if !slot.is_empty() {
                    slot.push('\n');
                }
                slot.push_str(&text);
            }
            doc
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Bundle {
        let json = include_str!("../../../../public/data/bundle.json");
        atlas_core::load_bundle(json).expect("shipped bundle")
    }

    #[test]
    fn same_seed_same_corpus_and_valid() {
        let base = shipped();
        let a = generate(&base, 1000, 7).unwrap();
        let b = generate(&base, 1000, 7).unwrap();
        assert_eq!(
            serde_json::to_string(&a.bundle).unwrap(),
            serde_json::to_string(&b.bundle).unwrap()
        );
        let c = generate(&base, 1000, 8).unwrap();
        assert_ne!(a.bundle, c.bundle);
        assert_eq!(a.docs.len(), 1000);
        assert_eq!(a.queries.len(), 300);
        assert!(atlas_core::validate(&a.bundle).is_empty());
        // Complete too (every text in four languages), as `split` and `build` require.
        assert!(atlas_core::validate_complete(&a.bundle).is_empty());
    }

    #[test]
    fn queries_are_spelled_differently_from_their_records() {
        let base = shipped();
        let corpus = generate(&base, 1000, 3).unwrap();
        for q in &corpus.queries {
            assert!(!q.expected.is_empty() && q.expected.len() <= 5, "{q:?}");
            for id in &q.expected {
                let doc = corpus.docs.iter().find(|d| &d.id == id).unwrap();
                let text = format!("{} {} {}", doc.title, doc.aliases, doc.summary);
                if q.variant != "latin" {
                    assert!(!text.contains(&q.q), "{q:?} appears verbatim in {id}");
                }
            }
        }
    }

    #[test]
    fn the_atlas_finds_every_planted_answer() {
        let base = shipped();
        let corpus = generate(&base, 1000, 11).unwrap();
        let catalog = Catalog::new(corpus.bundle.clone());
        let index = atlas_core::SearchIndex::build(&catalog);
        let mut missed = Vec::new();
        for q in &corpus.queries {
            let hits = index.search(&catalog, &q.q).unwrap_or_default();
            let top: Vec<&str> = hits
                .first(&index, 10)
                .into_iter()
                .map(|r| catalog.get(r).id())
                .collect();
            for id in &q.expected {
                if !top.contains(&id.as_str()) {
                    missed.push(format!("{} ({}) → {id}", q.q, q.variant));
                }
            }
        }
        assert!(missed.is_empty(), "missed: {missed:#?}");
    }
}
