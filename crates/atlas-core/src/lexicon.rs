//! Broken plurals (جموع التكسير): a light stemmer strips endings, but مدن and مدينة, قادة and
//! قائد, أسلحة and سلاح share no ending to strip. The bundle carries a lexicon of plural ↔
//! singular pairs (edited in `data/plurals.toml`); the index and the query file every form of
//! a listed plural under its singular's stem, so each finds the other.
//!
//! A plural is listed once, bare (no article or clitic); its forms with an article, clitics
//! or a pronoun reduce to the same keys (المدن، ومدنها), and a plural ending in اء also has
//! the spellings its hamza takes before a pronoun (أعضاؤها، أعضائها).
//!
//! Words written two ways in the press (كيماوي and كيميائي, أميركا and أمريكا, the Moroccan
//! month names نونبر for نوفمبر) are filed the same way, whatever the bundle: the second
//! spelling under the usual one's stem ([`SPELLING_VARIANTS`]).

use crate::analyze::strip_suffix;
use crate::model::Plural;
use crate::normalize::normalize;
use std::collections::HashMap;

/// Second spellings in use beside a usual one, (second, usual), one word each without the
/// article: a reader types either, a source writes one. Every lexicon has them after the
/// bundle's own plurals (a bundle entry wins a shared key).
pub const SPELLING_VARIANTS: &[(&str, &str)] = &[
    ("كيماوي", "كيميائي"),
    ("كيمياوي", "كيميائي"),
    ("أميركا", "أمريكا"),
    ("أميركي", "أمريكي"),
    // Only the country: أوربي's stem (اورب) is also أوربان's (Orbán).
    ("أوربا", "أوروبا"),
    ("ديموقراطية", "ديمقراطية"),
    ("ديموقراطي", "ديمقراطي"),
    ("تكنلوجيا", "تكنولوجيا"),
    ("انترنيت", "إنترنت"),
    // The months as Morocco writes them (from French) beside the Egyptian and Gulf names.
    ("يوليوز", "يوليو"),
    ("غشت", "أغسطس"),
    ("شتنبر", "سبتمبر"),
    ("نونبر", "نوفمبر"),
    ("دجنبر", "ديسمبر"),
    ("مايو", "ماي"),
    // The Levant's and Iraq's one-word months (the two-word ones, كانون الأول, and آب, also
    // "father", are read in the query: `search::read_months`).
    ("شباط", "فبراير"),
    ("آذار", "مارس"),
    ("نيسان", "أبريل"),
    ("أيار", "ماي"),
    ("حزيران", "يونيو"),
    ("تموز", "يوليو"),
    ("أيلول", "سبتمبر"),
    // Not يونيه (Egypt's June): its stem, يون, is also يونيون's (Western Union).
];

/// Plural keys → the singular's stem.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// Key → position in `singulars` (the map type the index's term builder uses too: one
    /// instantiation less in the wasm).
    map: HashMap<Box<str>, u32, rustc_hash::FxBuildHasher>,
    singulars: Vec<Box<str>>,
    /// A filter over the keys' first and last letters and length, so most words (every
    /// token of the index is looked up) are turned away without hashing them.
    filter: Vec<u64>,
}

const FILTER_BITS: usize = 4096;

/// The filter bit of a key.
fn filter_bit(key: &str) -> usize {
    let first = key.chars().next().map_or(0, |c| c as usize);
    let last = key.chars().next_back().map_or(0, |c| c as usize);
    (first.wrapping_mul(31) ^ last.wrapping_mul(131) ^ key.len().wrapping_mul(7919)) % FILTER_BITS
}

/// The normalised form and light stem of one word of the lexicon, written without the
/// article or a clitic (its first letter is its own: وزراء is not و + زراء).
pub fn reduce_word(word: &str) -> (String, String) {
    let norm = normalize(word.trim());
    let stem = strip_suffix(&norm).to_string();
    (norm, stem)
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
        Self::from_pairs(
            entries
                .iter()
                .map(|e| (e.plural.as_str(), e.singular.as_str())),
        )
    }

    /// The lexicon of (plural, singular) pairs, then the [`SPELLING_VARIANTS`].
    pub fn from_pairs<'a>(entries: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut map: HashMap<Box<str>, u32, rustc_hash::FxBuildHasher> = HashMap::default();
        let mut singulars: Vec<Box<str>> = Vec::new();
        for (plural, singular) in entries.into_iter().chain(SPELLING_VARIANTS.iter().copied()) {
            let singular = reduce_word(singular).1;
            let id = singulars.len() as u32;
            for key in plural_keys(plural) {
                if key != singular && !map.contains_key(key.as_str()) {
                    map.insert(key.into(), id);
                }
            }
            singulars.push(singular.into());
        }
        let mut filter = vec![0u64; if map.is_empty() { 0 } else { FILTER_BITS / 64 }];
        for key in map.keys() {
            let bit = filter_bit(key);
            filter[bit / 64] |= 1 << (bit % 64);
        }
        Lexicon {
            map,
            singulars,
            filter,
        }
    }

    fn may_contain(&self, key: &str) -> bool {
        let bit = filter_bit(key);
        self.filter
            .get(bit / 64)
            .is_some_and(|w| w & (1 << (bit % 64)) != 0)
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
        let get = |k: &str| self.may_contain(k).then(|| self.map.get(k)).flatten();
        get(bare)
            .or_else(|| get(stem))
            .map_or(stem, |&id| &*self.singulars[id as usize])
    }

    /// Whether `key` (a bare form or stem) is a listed plural's.
    pub fn contains(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }
}

/// The broken-plural pattern a bare, normalised word looks like, if any: a heuristic for
/// editors (`atlas-bundle plurals` lists the bundle's words that match one and have no
/// lexicon entry). It errs on the side of listing: active participles (مشارك looks like
/// مدارس) and some verbal nouns (إجراء، هجوم) match too, and are marked as reviewed in the
/// data instead. Words of three letters (مدن، كتب) are too many to list.
pub fn plural_pattern(bare: &str) -> Option<&'static str> {
    let c: Vec<char> = bare.chars().collect();
    if c.iter().any(|&ch| !('\u{0621}'..='\u{064A}').contains(&ch)) {
        return None;
    }
    let long = |ch: char| matches!(ch, 'ا' | 'و' | 'ي');
    let ends_hamza = bare.ends_with("اء");
    Some(match c.as_slice() {
        ['ا', _, _, 'ا', _] if !ends_hamza => "أفعال",
        ['ا', _, b, d, 'ه'] if !long(*b) && !long(*d) => "أفعلة",
        ['ا', _, _, _, _, _] if ends_hamza => "أفعلاء",
        [_, _, _, _, _] if ends_hamza => "فعلاء",
        ['م', _, 'ا', d, _] if !long(*d) => "مفاعل",
        ['م', _, 'ا', _, 'ي', e] if !matches!(e, 'ه' | 'ا') => "مفاعيل",
        [_, _, 'ا', 'ي', e] if *e != 'ه' => "فعائل",
        [_, 'و', 'ا', _, _] => "فواعل",
        // Not a nisba in ـية (الدفاعية).
        [_, _, 'ا', _, 'ي', e] if !matches!(e, 'ه' | 'ا') => "فعاليل",
        // Not a verb (تقول، يقود) nor a nisba (سنوي).
        [a, _, 'و', e] if !long(*a) && !matches!(a, 'ت' | 'ي' | 'ن') && *e != 'ي' => "فعول",
        [_, 'ا', _, 'ه'] => "فعلة",
        _ => return None,
    })
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
        let t = &crate::analyze::tokenize(word)[0];
        l.stem(&t.bare, &t.stem).to_string()
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
    fn plural_patterns() {
        for (word, pattern) in [
            ("اعمال", "أفعال"),
            ("اسلحه", "أفعلة"),
            ("وزراء", "فعلاء"),
            ("اعضاء", "فعلاء"),
            ("اصدقاء", "أفعلاء"),
            ("مدارس", "مفاعل"),
            ("مشاريع", "مفاعيل"),
            ("وثايق", "فعائل"),
            ("قواعد", "فواعل"),
            ("تقارير", "فعاليل"),
            ("دروس", "فعول"),
            ("قاده", "فعلة"),
        ] {
            assert_eq!(plural_pattern(word), Some(pattern), "{word}");
        }
        for word in [
            "مؤتمر",
            "امنيه",
            "اداره",
            "موتمر",
            "شرطه",
            "مدن",
            "english",
            "الدفاعيه",
            "تقول",
            "سنوي",
            "حمايه",
        ] {
            assert_eq!(plural_pattern(&normalize(word)), None, "{word}");
        }
    }

    #[test]
    fn unlisted_words_keep_their_stem() {
        let l = lex();
        assert_eq!(key(&l, "المؤتمرات"), "موتمر");
        assert_ne!(key(&l, "مدير"), key(&l, "مدينة"));
        assert_eq!(Lexicon::default().stem("مدن", "مدن"), "مدن");
    }

    #[test]
    fn a_second_spelling_is_filed_under_the_usual_ones_stem_in_any_lexicon() {
        let lex = Lexicon::new(&[]);
        let stem_of = |word: &str| {
            let (norm, stem) = reduce_word(word);
            lex.stem(&norm, &stem).to_string()
        };
        for (second, usual) in SPELLING_VARIANTS {
            assert_eq!(stem_of(second), stem_of(usual), "{second} / {usual}");
        }
        // With endings: كيماوية، كيماويات are كيميائي's.
        assert_eq!(stem_of("كيماوية"), stem_of("كيميائي"));
        assert_eq!(stem_of("كيماويات"), stem_of("كيميائي"));
        // A bundle's own entry wins a shared key.
        let own = Lexicon::new(&[Plural {
            plural: "كيماوي".into(),
            singular: "سلاح".into(),
        }]);
        let (norm, stem) = reduce_word("كيماوي");
        assert_eq!(own.stem(&norm, &stem), reduce_word("سلاح").1);
    }
}
