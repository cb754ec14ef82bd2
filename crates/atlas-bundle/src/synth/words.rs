//! The words of a synthetic corpus: the project's own vocabulary written as Arabic is
//! written in the wild (tashkeel, dropped hamza, ه for ة, other digits), and the made-up
//! anchor words the benchmark queries look for.

use super::Rng;
use atlas_core::model::{Bundle, Text};
use atlas_core::Catalog;
use std::collections::HashSet;

const FATHA: char = '\u{064E}';
const DAMMA: char = '\u{064F}';
const KASRA: char = '\u{0650}';
const SUKUN: char = '\u{0652}';
const SHADDA: char = '\u{0651}';
const TANWIN_FATH: char = '\u{064B}';

fn is_arabic_letter(c: char) -> bool {
    ('\u{0621}'..='\u{064A}').contains(&c)
}

/// Full tashkeel on every letter, as in vocalised text.
pub(super) fn add_tashkeel(word: &str, rng: &mut Rng) -> String {
    let marks = [FATHA, DAMMA, KASRA, SUKUN, FATHA, KASRA];
    let mut out = String::new();
    let n = word.chars().count();
    for (i, c) in word.chars().enumerate() {
        out.push(c);
        if is_arabic_letter(c) && c != 'ا' && c != 'ى' {
            if i + 1 == n {
                out.push(if rng.chance(30) { TANWIN_FATH } else { DAMMA });
            } else {
                if rng.chance(10) {
                    out.push(SHADDA);
                }
                out.push(*rng.pick(&marks));
            }
        }
    }
    out
}

/// Drops the hamza, as people type on phones: أ إ آ → ا, ؤ → و, ئ → ي.
pub(super) fn drop_hamza(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'أ' | 'إ' | 'آ' => 'ا',
            'ؤ' => 'و',
            'ئ' => 'ي',
            c => c,
        })
        .collect()
}

pub(super) fn ta_marbuta_as_ha(word: &str) -> String {
    word.chars()
        .map(|c| if c == 'ة' { 'ه' } else { c })
        .collect()
}

pub(super) fn arabic_indic(digits: &str, persian: bool) -> String {
    let base = if persian { 0x06F0 } else { 0x0660 };
    digits
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(base + d).unwrap_or(c),
            None => c,
        })
        .collect()
}

/// Letters anchors are made of, with a Latin transliteration each. The clitic letters
/// (و ف ب ك ل) are left out of the first position so an anchor never looks prefixed.
const LETTERS: [(char, &str); 22] = [
    ('ب', "b"),
    ('ت', "t"),
    ('ج', "j"),
    ('د', "d"),
    ('ر', "r"),
    ('ز', "z"),
    ('س', "s"),
    ('ش', "ch"),
    ('ص', "s"),
    ('ط', "t"),
    ('ع', "a"),
    ('غ', "gh"),
    ('ف', "f"),
    ('ق', "q"),
    ('ك', "k"),
    ('ل', "l"),
    ('م', "m"),
    ('ن', "n"),
    ('ه', "h"),
    ('خ', "kh"),
    ('ح', "h"),
    ('ذ', "dh"),
];
const CLITICS: [char; 5] = ['و', 'ف', 'ب', 'ك', 'ل'];
const VOWELS: [(char, &str); 3] = [('ا', "a"), ('و', "ou"), ('ي', "i")];

/// An anchor: its spelling in the records, and its Latin name.
#[derive(Clone, Debug)]
pub(super) struct Anchor {
    pub(super) arabic: String,
    pub(super) latin: String,
}

/// Made-up words, unique after normalisation and stemming, and absent from the vocabulary.
pub(super) struct AnchorMaker {
    taken: HashSet<String>,
}

impl AnchorMaker {
    fn key(word: &str) -> Vec<String> {
        atlas_core::analyze::tokenize(word)
            .into_iter()
            .flat_map(|t| [t.norm, t.bare, t.stem])
            .collect()
    }

    pub(super) fn new(vocabulary: &[String]) -> Self {
        let mut taken = HashSet::new();
        for w in vocabulary {
            taken.extend(Self::key(w));
        }
        AnchorMaker { taken }
    }

    pub(super) fn make(&mut self, rng: &mut Rng, variant: &str) -> Anchor {
        loop {
            let mut arabic = String::new();
            let mut latin = String::new();
            let syllables = rng.range(2, 3);
            for s in 0..syllables {
                let (mut c, mut l) = *rng.pick(&LETTERS);
                while s == 0 && CLITICS.contains(&c) {
                    (c, l) = *rng.pick(&LETTERS);
                }
                arabic.push(c);
                latin.push_str(l);
                if s + 1 < syllables || rng.chance(50) {
                    let (v, lv) = *rng.pick(&VOWELS);
                    arabic.push(v);
                    latin.push_str(lv);
                }
            }
            // Every anchor is long enough that no clitic stripping can eat into it.
            let (c, l) = *rng.pick(&LETTERS);
            arabic.push(c);
            latin.push_str(l);
            match variant {
                "hamza" => {
                    // A hamza on its seat, at the start or inside.
                    let seats = ['أ', 'إ', 'ؤ', 'ئ', 'آ'];
                    let seat = *rng.pick(&seats);
                    if matches!(seat, 'أ' | 'إ' | 'آ') {
                        arabic.insert(0, seat);
                        latin.insert(0, 'a');
                    } else {
                        let at = arabic
                            .char_indices()
                            .nth(2)
                            .map_or(arabic.len(), |(i, _)| i);
                        arabic.insert(at, seat);
                        latin.push('e');
                    }
                }
                "ta-marbuta" => {
                    arabic.push('ة');
                    latin.push('a');
                }
                _ => {}
            }
            let keys = Self::key(&arabic);
            if keys.is_empty() || keys.iter().any(|k| self.taken.contains(k)) {
                continue;
            }
            // Latin names must not collide either (they are matched with typo tolerance).
            let lkey = format!("latin:{latin}");
            if self.taken.contains(&lkey) || latin.len() < 6 {
                continue;
            }
            self.taken.extend(keys);
            self.taken.insert(lkey);
            let mut latin_cap = latin[..1].to_uppercase();
            latin_cap.push_str(&latin[1..]);
            return Anchor {
                arabic,
                latin: latin_cap,
            };
        }
    }
}

fn words_of(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| c.is_whitespace() || ",.;:()«»\"'،؛".contains(c))
        .filter(|w| w.chars().count() >= 2 && !w.chars().any(|c| c.is_ascii_digit()))
        .map(str::to_string)
}

pub(super) struct Vocab {
    pub(super) ar: Vec<String>,
    en: Vec<String>,
    fr: Vec<String>,
}

impl Vocab {
    pub(super) fn from(bundle: &Bundle) -> Self {
        let catalog = Catalog::new(bundle.clone());
        let mut ar = Vec::new();
        let mut en = Vec::new();
        let mut fr = Vec::new();
        for r in catalog.all() {
            let rec = catalog.get(r);
            let mut texts = vec![rec.title()];
            texts.extend(rec.summary());
            for t in texts {
                ar.extend(words_of(&t.ar).filter(|w| w.chars().all(is_arabic_letter)));
                en.extend(words_of(&t.en));
                fr.extend(words_of(&t.fr));
            }
        }
        for v in [&mut ar, &mut en, &mut fr] {
            v.sort();
            v.dedup();
        }
        Vocab { ar, en, fr }
    }

    /// Arabic prose as found in the wild: mostly plain, some words vocalised, some with
    /// the hamza dropped or ه for ة.
    fn arabic(&self, rng: &mut Rng, words: usize) -> Vec<String> {
        (0..words)
            .map(|_| {
                let w = rng.pick(&self.ar).clone();
                match rng.below(100) {
                    0..=14 => add_tashkeel(&w, rng),
                    15..=24 => drop_hamza(&w),
                    25..=29 => ta_marbuta_as_ha(&w),
                    _ => w,
                }
            })
            .collect()
    }

    fn latin(&self, rng: &mut Rng, french: bool, words: usize) -> Vec<String> {
        let v = if french { &self.fr } else { &self.en };
        (0..words).map(|_| rng.pick(v).clone()).collect()
    }

    pub(super) fn text(&self, rng: &mut Rng, lo: usize, hi: usize) -> Text {
        let n = rng.range(lo, hi);
        // Drawn in this order (Arabic, English, French), as always.
        let ar = self.arabic(rng, n).join(" ");
        let en = self.latin(rng, false, n).join(" ");
        let fr = self.latin(rng, true, n).join(" ");
        Text {
            ar,
            en,
            // Every text of a bundle has its four languages (validation says so); the
            // Spanish is the French words, so the generator draws no more numbers and a
            // seed gives the very corpus it gave before Spanish was required.
            es: Some(fr.clone()),
            fr,
        }
    }
}
