//! `atlas-bundle plurals`: the words of the data that look like broken plurals
//! ([`atlas_core::lexicon::plural_pattern`]) and that the lexicon does not cover, so an
//! editor can keep `data/plurals.toml` complete. A word is covered when it is a listed
//! plural (in any of its forms), the singular of an entry, or reviewed as not a plural
//! (`not_plural = [...]` in a data file).

use atlas_core::analyze::tokenize;
use atlas_core::lexicon::{plural_pattern, reduce_word, Lexicon};
use atlas_core::normalize::normalize;
use atlas_core::search::searchable_fields;
use atlas_core::{Bundle, Catalog};
use std::collections::{BTreeMap, HashSet};

/// One word that looks like a broken plural and has no lexicon entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The word, normalised, without article, clitics or pronoun.
    pub word: String,
    /// The pattern it looks like (أفعال, مفاعل…).
    pub pattern: &'static str,
    /// How many times it occurs in the searchable text.
    pub count: usize,
    /// One occurrence as written.
    pub example: String,
}

/// The candidates of `bundle`, given the words reviewed as not plurals, sorted by word.
pub fn missing(bundle: &Bundle, reviewed: &[String]) -> Vec<Candidate> {
    let lexicon = Lexicon::new(&bundle.plurals);
    let mut known: HashSet<String> = reviewed.iter().map(|w| normalize(w.trim())).collect();
    for p in &bundle.plurals {
        let (norm, stem) = reduce_word(&p.singular);
        known.insert(norm);
        known.insert(stem);
    }
    let catalog = Catalog::new(Bundle {
        plurals: Vec::new(),
        ..bundle.clone()
    });
    let mut found: BTreeMap<String, Candidate> = BTreeMap::new();
    for r in catalog.all() {
        for (_, _, text) in searchable_fields(&catalog, r) {
            for t in tokenize(&text) {
                // The word without article and clitics (in both readings when its first
                // letter may be a clitic); stems would list every verbal noun in ـة.
                let forms = [Some(t.bare.as_str()), t.literal.as_deref()];
                let covered = [Some(t.stem.as_str()), t.literal_stem.as_deref()];
                if forms
                    .iter()
                    .chain(&covered)
                    .flatten()
                    .any(|f| lexicon.contains(f) || known.contains(*f))
                {
                    continue;
                }
                let Some((word, pattern)) = forms
                    .iter()
                    .flatten()
                    .find_map(|f| plural_pattern(f).map(|p| (f.to_string(), p)))
                else {
                    continue;
                };
                let example = text[t.start as usize..t.end as usize].to_string();
                found
                    .entry(word.clone())
                    .or_insert(Candidate {
                        word,
                        pattern,
                        count: 0,
                        example,
                    })
                    .count += 1;
            }
        }
    }
    found.into_values().collect()
}
