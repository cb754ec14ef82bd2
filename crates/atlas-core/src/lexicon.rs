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
//! spelling under the usual one's stem ([`SPELLING_VARIANTS`]). So are the one-word names of
//! a place, country, organisation or topic, under its first name ([`name_groups`]).

use crate::analyze::{latin_stem, strip_suffix, STOPWORDS};
use crate::catalog::Catalog;
use crate::model::{Plural, Text};
use crate::normalize::{class, normalize, Class};
use std::collections::HashMap;

/// Second spellings in use beside a usual one, (second, usual), one word each without the
/// article: a reader types either, a source writes one. Also a few Latin words a reader
/// types for another (chemistry for chemical). Every lexicon has them after the
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
    // The months as Algeria and Tunisia write them (from French). Not أوت (آوت: sheltered)
    // nor جوان (a given name), which would need a number beside them (`read_months`).
    ("جانفي", "يناير"),
    ("فيفري", "فبراير"),
    ("أفريل", "أبريل"),
    ("جويلية", "يوليو"),
    // Words of the Maghreb's press and speech, and the other standard word. Not مخابرات
    // (its stem is مخابر, laboratories) nor بلد for دولة (بلد is also بلدية's stem: a
    // municipality would meet the country).
    ("بوليس", "شرطة"),
    ("جندرمة", "درك"),
    // A meeting's names across the Latin languages (conférence and conference are one
    // word once accents go; congrès's stem is congr).
    ("conference", "congress"),
    ("conferencia", "congress"),
    ("congres", "congress"),
    ("congreso", "congress"),
    // British and American spellings the stemmer keeps apart (cancelled: cancell).
    ("canceled", "cancelled"),
    ("defence", "defense"),
    ("policemen", "police"),
    ("policeman", "police"),
    ("policier", "police"),
    ("seminar", "webinar"),
    ("séminaire", "webinaire"),
    ("ويبينار", "ندوة"),
    ("صحافي", "صحفي"),
    // A science and its adjective, which share no ending to strip.
    ("chemistry", "chemical"),
    ("chimie", "chimique"),
    ("biology", "biological"),
    ("biologie", "biologique"),
    ("biología", "biológico"),
];

/// Words whose light stem is another word's, filed under themselves instead (word, the
/// word it is filed under): an office is not its holder. مديرية (a directorate) would meet
/// مدير (a director), so «مدير الأمن الوطني» found the directorate before its director.
/// The nisba (المغربية: مغرب) still goes to its stem: only these words keep theirs, with
/// or without a pronoun (مديريتها).
pub const OWN_STEMS: &[(&str, &str)] = &[
    ("مديرية", "مديرية"),
    ("مديريات", "مديرية"),
    ("مديريتين", "مديرية"),
    ("مديريتان", "مديرية"),
    // International is not the states: «الدول المشاركة» found «منظمات دولية» first.
    ("دولي", "دولي"),
    ("دولية", "دولي"),
    ("دوليين", "دولي"),
    ("دوليون", "دولي"),
    ("دوليات", "دولي"),
    ("دوليتين", "دولي"),
];

/// The pronouns a noun takes at its end (normalised), after ة written ت: مديريتها.
const PRONOUNS: &[&str] = &[
    "ه", "ها", "هم", "هما", "هن", "نا", "ك", "كم", "كما", "كن", "ي",
];

/// Keys of broken plurals, second spellings and names → the key they are filed under (the
/// singular's stem, the usual spelling's, the first name's).
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// Key → position in `singulars` (the map type the index's term builder uses too: one
    /// instantiation less in the wasm).
    map: HashMap<Box<str>, u32, rustc_hash::FxBuildHasher>,
    singulars: Vec<Box<str>>,
    /// A filter over the keys' first and last letters and length, so most words (every
    /// token of the index is looked up) are turned away without hashing them.
    filter: Vec<u64>,
    /// Whether each entry of `singulars` ends where a name does ([`name_groups`]).
    names: Vec<bool>,
}

const FILTER_BITS: usize = 4096;

/// The filter bit of a key.
fn filter_bit(key: &str) -> usize {
    let first = key.chars().next().map_or(0, |c| c as usize);
    let last = key.chars().next_back().map_or(0, |c| c as usize);
    (first.wrapping_mul(31) ^ last.wrapping_mul(131) ^ key.len().wrapping_mul(7919)) % FILTER_BITS
}

/// The normalised form and light stem of one word of the lexicon, written without the
/// article or a clitic (its first letter is its own: وزراء is not و + زراء). A word of
/// Latin letters (a name: Marrakesh, Tangiers) has the stem the index gives it.
pub fn reduce_word(word: &str) -> (String, String) {
    let norm = normalize(word.trim());
    let stem = match norm.chars().next().map(class) {
        Some(Class::Latin) => latin_stem(&norm),
        Some(Class::Arabic) => strip_suffix(&norm),
        _ => &norm,
    }
    .to_string();
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

/// One place, country, organisation or topic, named with one word in many ways (Marrakech,
/// Marrakesh, مراكش; Daesh, ISIS, داعش; Maroc, marocain, المغرب): its names, normalised,
/// for the lexicon to file under the first one's key. A name then finds every record that
/// writes another (Marrakesh finds the congress held in Marrakech, جلاسكو the assembly in
/// غلاسكو), as a plural finds its singular.
///
/// The names are the record's (or topic's) one-word titles (in its four languages) and
/// aliases (كورونا, coronavirus, covid for COVID-19), the Arabic ones without their
/// article (المغرب is filed as مغرب, as the index files it). A word two records share is
/// left out (it names neither), and so is a record's whose aliases have no one-word name
/// (its titles alone may be words of the language). People are not included: a
/// surname is found through the record linked to it, and a large catalogue has many.
pub fn name_groups(catalog: &Catalog) -> Vec<Vec<String>> {
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut add = |title: &Text, aliases: &[String]| {
        // Titles count only beside an alias an editor wrote: a title alone may be a word
        // of the language. A short Latin alias in lower case (Casa: "house") is a word too;
        // in capitals (UK, USA) it is a name.
        let written: Vec<String> = aliases
            .iter()
            .filter(|a| a.chars().count() >= 5 || !a.chars().any(|c| c.is_lowercase()))
            .filter_map(|a| one_word(a))
            .collect();
        if written.is_empty() {
            return;
        }
        let mut group: Vec<String> = Vec::new();
        for word in title.all().filter_map(|(_, s)| one_word(s)).chain(written) {
            if !group.contains(&word) && !STOPWORDS.contains(&word.as_str()) {
                group.push(word);
            }
        }
        if group.len() > 1 {
            groups.push(group);
        }
    };
    for c in &catalog.bundle.countries {
        add(&c.name, &c.aliases);
    }
    for t in &catalog.bundle.topics {
        add(&t.name, &t.aliases);
    }
    // Not an organisation's acronym: WHO and UN are also words.
    for p in &catalog.bundle.places {
        add(&p.name, &p.aliases);
    }
    for o in &catalog.bundle.organizations {
        add(&o.name, &o.aliases);
    }
    // How many groups have each word (the lexicon's map type: one instantiation less).
    let mut seen: HashMap<Box<str>, u32, rustc_hash::FxBuildHasher> = HashMap::default();
    for word in groups.iter().flatten() {
        let n = seen.get(word.as_str()).copied().unwrap_or(0);
        seen.insert(word.as_str().into(), n + 1);
    }
    for group in &mut groups {
        group.retain(|w| seen.get(w.as_str()) == Some(&1));
    }
    groups.retain(|g| g.len() > 1);
    groups
}

/// A name's normalised form when it is one word (one token: not "El Aaiún", "Al-Ayoun").
fn one_word(name: &str) -> Option<String> {
    let (mut n, mut word) = (0, String::new());
    crate::analyze::for_each_token(name, |forms, _, _| {
        n += 1;
        // Without the article, as the index files it (المغرب: مغرب; ألمانيا keeps its own
        // alef), but with a first letter that may be a clitic (بريطانيا, كندا).
        word = forms.literal.unwrap_or(forms.bare).to_string();
    });
    (n == 1 && !name.contains('-')).then_some(word)
}

impl Lexicon {
    /// A catalogue's lexicon: its plurals and its names ([`name_groups`]).
    pub fn of_catalog(catalog: &Catalog) -> Self {
        Self::from_pairs(
            catalog
                .bundle
                .plurals
                .iter()
                .map(|p| (p.plural.as_str(), p.singular.as_str())),
            &name_groups(catalog),
        )
    }

    /// The lexicon of `entries` (the first entry wins when two plurals share a key; the
    /// bundle's validation reports such clashes).
    pub fn new(entries: &[Plural]) -> Self {
        Self::from_pairs(
            entries
                .iter()
                .map(|e| (e.plural.as_str(), e.singular.as_str())),
            &[],
        )
    }

    /// The lexicon of the [`OWN_STEMS`], (plural, singular) pairs, then the
    /// [`SPELLING_VARIANTS`], then groups of names, each filed under its first
    /// ([`name_groups`]). A key goes to the first entry that has it.
    pub fn from_pairs<'a>(
        plurals: impl IntoIterator<Item = (&'a str, &'a str)>,
        names: &[Vec<String>],
    ) -> Self {
        let mut map: HashMap<Box<str>, u32, rustc_hash::FxBuildHasher> = HashMap::default();
        let mut singulars: Vec<Box<str>> = Vec::new();
        // Before the plurals: their keys would file these words under a shorter stem. With
        // a pronoun too (مديريتها، مديرياتها), which the stemmer would strip first.
        for (word, own) in OWN_STEMS {
            let id = singulars.len() as u32;
            let bare = reduce_word(word).0;
            let base = bare.strip_suffix('ه').map(|b| format!("{b}ت"));
            let with_pronoun = PRONOUNS
                .iter()
                .map(|p| format!("{}{p}", base.as_deref().unwrap_or(&bare)));
            for key in std::iter::once(bare.clone()).chain(with_pronoun) {
                map.entry(key.into()).or_insert(id);
            }
            singulars.push(reduce_word(own).0.into());
        }
        let mut add = |plural: &str, singular: &str, own: bool| {
            let singular = reduce_word(singular).1;
            let id = singulars.len() as u32;
            for key in plural_keys(plural) {
                if (own || key != singular) && !map.contains_key(key.as_str()) {
                    map.insert(key.into(), id);
                }
            }
            singulars.push(singular.into());
            id + 1
        };
        let mut end = 0;
        for (plural, singular) in plurals {
            end = add(plural, singular, false);
        }
        for (plural, singular) in SPELLING_VARIANTS {
            end = add(plural, singular, false);
        }
        // A name's first one is filed too, to be known as a name (`filed`).
        let start = end;
        for group in names {
            for name in group {
                end = add(name, &group[0], name == &group[0]);
            }
        }
        // A singular filed under another key (a name listed as a plural's second spelling):
        // its words go where it goes, as the index files it.
        for _ in 0..8 {
            let mut changed = false;
            for i in 0..singulars.len() {
                if let Some(&j) = map.get(&singulars[i]).filter(|&&j| j as usize != i) {
                    if singulars[j as usize] != singulars[i] {
                        singulars[i] = singulars[j as usize].clone();
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        // The keys names end at (the map's own type: one instantiation less in the wasm).
        let mut name_keys: HashMap<Box<str>, u32, rustc_hash::FxBuildHasher> = HashMap::default();
        for s in &singulars[start as usize..end as usize] {
            name_keys.insert(s.clone(), 0);
        }
        let names = singulars
            .iter()
            .map(|s| name_keys.contains_key(s))
            .collect();
        let mut filter = vec![0u64; if map.is_empty() { 0 } else { FILTER_BITS / 64 }];
        for key in map.keys() {
            let bit = filter_bit(key);
            filter[bit / 64] |= 1 << (bit % 64);
        }
        Lexicon {
            map,
            singulars,
            filter,
            names,
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

    /// The stem key of a word whose bare form is `bare` and light stem `stem`: the key it is
    /// filed under when the word is listed (a plural's singular's stem, a second spelling's
    /// usual one, a name's first name), else `stem`.
    pub fn stem<'a>(&'a self, bare: &'a str, stem: &'a str) -> &'a str {
        self.filed(bare, stem).0
    }

    /// [`Lexicon::stem`], and whether that key is a name's ([`name_groups`]) of a place,
    /// country, organisation or topic: another name finds it as the name itself does.
    pub fn filed<'a>(&'a self, bare: &'a str, stem: &'a str) -> (&'a str, bool) {
        let get = |k: &str| self.may_contain(k).then(|| self.map.get(k)).flatten();
        match get(bare).or_else(|| get(stem)) {
            Some(&id) => (&self.singulars[id as usize], self.names[id as usize]),
            None => (stem, false),
        }
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

    fn org(id: &str, names: [&str; 3], aliases: &[&str]) -> crate::model::Organization {
        let t = |s: &str| crate::model::Text {
            ar: names[0].into(),
            en: names[1].into(),
            fr: s.into(),
            es: Some(names[2].into()),
        };
        crate::model::Organization {
            id: id.into(),
            name: t(names[1]),
            acronym: None,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            country: None,
            parent: None,
            summary: t("-"),
            sources: Vec::new(),
        }
    }

    fn country(id: &str, names: [&str; 3], aliases: &[&str]) -> crate::model::Country {
        crate::model::Country {
            id: id.into(),
            name: crate::model::Text {
                ar: names[0].into(),
                en: names[1].into(),
                fr: names[2].into(),
                es: None,
            },
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
        }
    }

    #[test]
    fn a_one_word_name_is_filed_under_its_records_first_name() {
        let catalog = Catalog::new(crate::model::Bundle {
            organizations: vec![
                org(
                    "isis",
                    ["داعش", "ISIS", "Dáesh"],
                    &["Daech", "Islamic State", "ISIL"],
                ),
                // A word two records share names neither (ISIL); a name of two words or
                // with a hyphen is not a word (Islamic State, Al-Qaida).
                org("x", ["القاعدة", "Al-Qaida", "Qaeda"], &["ISIL"]),
            ],
            countries: vec![country(
                "MA",
                ["المغرب", "Morocco", "Maroc"],
                &["marocain", "المملكة المغربية"],
            )],
            ..Default::default()
        });
        assert_eq!(
            name_groups(&catalog),
            [
                vec!["مغرب", "morocco", "maroc", "marocain"],
                vec!["داعش", "isis", "daesh", "daech"],
                vec!["قاعده", "qaeda"],
            ]
        );
        let lex = Lexicon::of_catalog(&catalog);
        let key = |word: &str| {
            let t = &crate::analyze::tokenize(word)[0];
            lex.stem(&t.bare, &t.stem).to_string()
        };
        for (a, b) in [("Daesh", "الداعش"), ("Dáesh", "ISIS"), ("Maroc", "بالمغرب")] {
            assert_eq!(key(a), key(b), "{a} ~ {b}");
        }
        assert_ne!(key("ISIL"), key("ISIS"));
        let name = |word: &str| {
            let t = &crate::analyze::tokenize(word)[0];
            lex.filed(&t.bare, &t.stem).1
        };
        assert!(name("داعش") && name("Daesh") && name("المغرب"));
        assert!(!name("ISIL") && !name("Islamic"));
    }

    #[test]
    fn a_name_whose_first_spelling_is_a_second_one_goes_where_that_goes() {
        // أميركا is filed under أمريكا (SPELLING_VARIANTS); America with it.
        let catalog = Catalog::new(crate::model::Bundle {
            countries: vec![country(
                "US",
                ["الولايات المتحدة", "United States", "États-Unis"],
                &["أميركا", "America"],
            )],
            ..Default::default()
        });
        let lex = Lexicon::of_catalog(&catalog);
        let key = |word: &str| {
            let t = &crate::analyze::tokenize(word)[0];
            lex.stem(&t.bare, &t.stem).to_string()
        };
        assert_eq!(key("America"), key("أمريكا"));
        assert_eq!(key("أميركا"), key("أمريكا"));
    }
}
