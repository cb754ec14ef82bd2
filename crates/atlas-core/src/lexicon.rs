//! Broken plurals (جموع التكسير): a light stemmer strips endings, but مدن and مدينة, قادة and
//! قائد, أسلحة and سلاح share no ending to strip. The bundle carries a lexicon of plural ↔
//! singular pairs (edited in `data/plurals.toml`); the index and the query file every form of
//! a listed plural under its singular's stem, so each finds the other.
//!
//! A plural is listed once, bare (no article or clitic); its forms with an article, clitics
//! or a pronoun reduce to the same keys (المدن، ومدنها), and a plural ending in اء also has
//! the spellings its hamza takes before a pronoun (أعضاؤها، أعضائها).

use crate::analyze::{strip_prefixes, strip_suffix};
use crate::model::Plural;
use crate::normalize::normalize;
use std::collections::HashMap;

/// Plural keys → the singular's stem.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    map: HashMap<Box<str>, Box<str>, rustc_hash::FxBuildHasher>,
}

/// The bare form and light stem of one word, as the analyser reduces it.
pub fn reduce_word(word: &str) -> (String, String) {
    let norm = normalize(word.trim());
    let bare = strip_prefixes(&norm);
    (bare.to_string(), strip_suffix(bare).to_string())
}

/// The keys a plural is found under: its bare form, its stem, and for a plural ending in اء
/// the bare form with the hamza spelt on و or ي (folded to و and ي) before a pronoun, and
/// that form's stem.
pub fn plural_keys(plural: &str) -> Vec<String> {
    let (bare, stem) = reduce_word(plural);
    let mut keys = vec![bare.clone()];
    if stem != bare {
        keys.push(stem);
    }
    if let Some(base) = bare.strip_suffix("اء") {
        keys.push(format!("{base}او"));
        keys.push(format!("{base}اي"));
        // أعضائها: the ي is stripped as a suffix's.
        keys.push(format!("{base}ا"));
    }
    keys
}

impl Lexicon {
    /// The lexicon of `entries` (the first entry wins when two plurals share a key; the
    /// bundle's validation reports such clashes).
    pub fn new(entries: &[Plural]) -> Self {
        let mut map: HashMap<Box<str>, Box<str>, rustc_hash::FxBuildHasher> = HashMap::default();
        for e in entries {
            let singular: Box<str> = reduce_word(&e.singular).1.into();
            for key in plural_keys(&e.plural) {
                if *key != *singular {
                    map.entry(key.into()).or_insert_with(|| singular.clone());
                }
            }
        }
        Lexicon { map }
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The stem key of a word whose bare form is `bare` and light stem `stem`: its singular's
    /// stem when the word is a listed plural, else `stem`.
    pub fn stem<'a>(&'a self, bare: &'a str, stem: &'a str) -> &'a str {
        if self.map.is_empty() {
            return stem;
        }
        self.map
            .get(bare)
            .or_else(|| self.map.get(stem))
            .map_or(stem, |s| &**s)
    }

    /// Whether `key` (a bare form or stem) is a listed plural's.
    pub fn contains(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicon {
        Lexicon::new(&[
            Plural {
                plural: "مدن".into(),
                singular: "مدينة".into(),
            },
            Plural {
                plural: "أعضاء".into(),
                singular: "عضو".into(),
            },
            Plural {
                plural: "قادة".into(),
                singular: "قائد".into(),
            },
        ])
    }

    fn key(l: &Lexicon, word: &str) -> String {
        let (bare, stem) = reduce_word(word);
        l.stem(&bare, &stem).to_string()
    }

    #[test]
    fn every_form_of_a_plural_files_under_its_singular() {
        let l = lex();
        for (plural, singular) in [
            ("المدن", "مدينة"),
            ("ومدنها", "المدينة"),
            ("الأعضاء", "عضو"),
            ("أعضاؤها", "عضو"),
            ("أعضائها", "العضو"),
            ("القادة", "قائد"),
            ("قادتها", "القائد"),
        ] {
            assert_eq!(key(&l, plural), key(&l, singular), "{plural} ~ {singular}");
        }
    }

    #[test]
    fn unlisted_words_keep_their_stem() {
        let l = lex();
        assert_eq!(key(&l, "المؤتمرات"), "موتمر");
        assert_ne!(key(&l, "مدير"), key(&l, "مدينة"));
        assert_eq!(Lexicon::default().stem("مدن", "مدن"), "مدن");
    }
}
