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

use atlas_core::model::*;
use atlas_core::search::{searchable_fields, FieldName};
use atlas_core::{Catalog, PartialDate};
use serde::Serialize;
use std::collections::HashSet;

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
fn add_tashkeel(word: &str, rng: &mut Rng) -> String {
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
fn drop_hamza(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'أ' | 'إ' | 'آ' => 'ا',
            'ؤ' => 'و',
            'ئ' => 'ي',
            c => c,
        })
        .collect()
}

fn ta_marbuta_as_ha(word: &str) -> String {
    word.chars()
        .map(|c| if c == 'ة' { 'ه' } else { c })
        .collect()
}

fn arabic_indic(digits: &str, persian: bool) -> String {
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
struct Anchor {
    arabic: String,
    latin: String,
}

/// Made-up words, unique after normalisation and stemming, and absent from the vocabulary.
struct AnchorMaker {
    taken: HashSet<String>,
}

impl AnchorMaker {
    fn key(word: &str) -> Vec<String> {
        atlas_core::analyze::tokenize(word)
            .into_iter()
            .flat_map(|t| [t.norm, t.bare, t.stem])
            .collect()
    }

    fn new(vocabulary: &[String]) -> Self {
        let mut taken = HashSet::new();
        for w in vocabulary {
            taken.extend(Self::key(w));
        }
        AnchorMaker { taken }
    }

    fn make(&mut self, rng: &mut Rng, variant: &str) -> Anchor {
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

struct Vocab {
    ar: Vec<String>,
    en: Vec<String>,
    fr: Vec<String>,
}

impl Vocab {
    fn from(bundle: &Bundle) -> Self {
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

    fn text(&self, rng: &mut Rng, lo: usize, hi: usize) -> Text {
        let n = rng.range(lo, hi);
        Text {
            ar: self.arabic(rng, n).join(" "),
            en: self.latin(rng, false, n).join(" "),
            fr: self.latin(rng, true, n).join(" "),
            es: None,
        }
    }
}

/// Inserts `word` at a random word boundary of `text`.
fn plant(text: &mut String, word: &str, rng: &mut Rng) {
    let bounds: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices(' ').map(|(i, _)| i + 1))
        .collect();
    let at = *rng.pick(&bounds);
    text.insert_str(at, &format!("{word} "));
}

/// Which field of a record an anchor goes into.
#[derive(Clone, Copy)]
enum Slot {
    SummaryAr,
    SummaryLatin,
    Alias,
}

pub fn generate(base: &Bundle, records: usize, seed: u64) -> Result<Corpus, String> {
    let base_records = base.events.len()
        + base.figures.len()
        + base.people.len()
        + base.organizations.len()
        + base.places.len()
        + base.sources.len();
    if records < base_records {
        return Err(format!(
            "--records must be at least {base_records} (the shipped bundle's records)"
        ));
    }
    let mut rng = Rng::new(seed);
    let vocab = Vocab::from(base);
    let mut b = base.clone();
    let extra = records - base_records;
    // The mix of kinds: half events, then figures, people, organisations, sources, places.
    let n_sources = extra * 2 / 100;
    let n_places = extra / 100;
    let n_orgs = extra * 12 / 100;
    let n_people = extra * 15 / 100;
    let n_figures = extra * 20 / 100;
    let n_events = extra - n_sources - n_places - n_orgs - n_people - n_figures;

    let src_ids: Vec<String> = base.sources.iter().map(|s| s.id.clone()).collect();
    for i in 0..n_sources {
        b.sources.push(Source {
            id: format!("syn-source-{i}"),
            outlet: vocab.text(&mut rng, 1, 3),
            author: None,
            date: Some(PartialDate {
                year: 2000 + rng.below(27) as i32,
                month: Some(1 + rng.below(12) as u8),
                day: None,
            }),
            date_inferred: false,
            language: (*rng.pick(&["ar", "fr", "en"])).to_string(),
            kind: if rng.chance(70) {
                SourceKind::News
            } else {
                SourceKind::Official
            },
            about: vocab.text(&mut rng, 12, 30),
            dateline: None,
            archive_file: format!("synthetic-{i}.txt"),
        });
    }
    let all_sources: Vec<String> = src_ids
        .into_iter()
        .chain((0..n_sources).map(|i| format!("syn-source-{i}")))
        .collect();
    let sources_for = |rng: &mut Rng| -> Vec<String> {
        let mut s: Vec<String> = (0..rng.range(1, 2))
            .map(|_| rng.pick(&all_sources).clone())
            .collect();
        s.dedup();
        s
    };

    for i in 0..n_places {
        b.places.push(Place {
            id: format!("syn-place-{i}"),
            name: vocab.text(&mut rng, 1, 2),
            aliases: vec![],
            country: "MA".into(),
            // Inside Morocco's bounding box, where the map is drawn.
            lat: 28.0 + rng.below(7_500) as f64 / 1000.0,
            lon: -12.5 + rng.below(11_000) as f64 / 1000.0,
            summary: vocab.text(&mut rng, 8, 20),
            sources: sources_for(&mut rng),
        });
    }
    let place_ids: Vec<String> = b.places.iter().map(|p| p.id.clone()).collect();

    for i in 0..n_orgs {
        b.organizations.push(Organization {
            id: format!("syn-org-{i}"),
            name: vocab.text(&mut rng, 2, 5),
            acronym: None,
            aliases: vec![],
            country: None,
            parent: None,
            summary: vocab.text(&mut rng, 12, 30),
            sources: sources_for(&mut rng),
        });
    }
    let org_ids: Vec<String> = b.organizations.iter().map(|o| o.id.clone()).collect();

    for i in 0..n_people {
        b.people.push(Person {
            id: format!("syn-person-{i}"),
            name: vocab.text(&mut rng, 2, 3),
            aliases: vec![],
            role: vocab.text(&mut rng, 2, 5),
            organizations: vec![rng.pick(&org_ids).clone()],
            summary: vocab.text(&mut rng, 12, 30),
            sources: sources_for(&mut rng),
        });
    }
    // People that hold a Latin anchor in their aliases are linked from nowhere, so no event
    // inherits the name; they are the last tenth of the synthetic people.
    let linkable_people: Vec<String> = (0..n_people * 9 / 10)
        .map(|i| format!("syn-person-{i}"))
        .collect();
    let topic_ids: Vec<String> = b.topics.iter().map(|t| t.id.clone()).collect();
    let kinds = [
        EventKind::Congress,
        EventKind::Conference,
        EventKind::GeneralAssembly,
        EventKind::Meeting,
        EventKind::WebinarSeries,
        EventKind::Launch,
        EventKind::Operation,
    ];
    for i in 0..n_events {
        let year = 1995 + rng.below(32) as i32;
        let month = 1 + rng.below(12) as u8;
        let status = if year >= 2026 {
            EventStatus::Planned
        } else if rng.chance(3) {
            EventStatus::Cancelled
        } else {
            EventStatus::Held
        };
        let mut participants = Vec::new();
        if !linkable_people.is_empty() {
            for _ in 0..rng.below(3) {
                participants.push(rng.pick(&linkable_people).clone());
            }
        }
        participants.sort();
        participants.dedup();
        let mut topics = Vec::new();
        if !topic_ids.is_empty() && rng.chance(60) {
            topics.push(rng.pick(&topic_ids).clone());
        }
        b.events.push(Event {
            id: format!("syn-event-{i}"),
            title: vocab.text(&mut rng, 3, 7),
            kind: *rng.pick(&kinds),
            start: PartialDate {
                year,
                month: Some(month),
                day: if rng.chance(50) {
                    Some(1 + rng.below(28) as u8)
                } else {
                    None
                },
            },
            end: None,
            date_inferred: false,
            status,
            edition: if rng.chance(30) {
                Some(1 + rng.below(95) as u32)
            } else {
                None
            },
            edition_inferred: false,
            place: Some(rng.pick(&place_ids).clone()),
            country: None,
            organizers: vec![rng.pick(&org_ids).clone()],
            participants,
            topics,
            summary: vocab.text(&mut rng, 15, 35),
            sources: sources_for(&mut rng),
        });
    }
    let measures: Vec<(String, Option<String>)> = {
        let mut m: Vec<(String, Option<String>)> = base
            .figures
            .iter()
            .map(|f| (f.measure.clone(), f.unit.clone()))
            .collect();
        m.sort();
        m.dedup();
        m
    };
    let event_ids: Vec<String> = b.events.iter().map(|e| e.id.clone()).collect();
    for i in 0..n_figures {
        let (measure, unit) = rng.pick(&measures).clone();
        b.figures.push(Figure {
            id: format!("syn-figure-{i}"),
            value: if unit.as_deref() == Some("percent") {
                (1 + rng.below(100)) as f64
            } else {
                (1 + rng.below(5000)) as f64
            },
            qualifier: *rng.pick(&[Qualifier::Exact, Qualifier::MoreThan, Qualifier::About]),
            measure,
            unit,
            label: vocab.text(&mut rng, 2, 5),
            period: None,
            event: Some(rng.pick(&event_ids).clone()),
            place: None,
            subject: None,
            sources: sources_for(&mut rng),
        });
    }

    // Anchors and queries: 50 per variant, each anchor in 1–5 synthetic records.
    let mut maker = AnchorMaker::new(&vocab.ar);
    let mut queries = Vec::new();
    let mut used_codes = HashSet::new();
    let summary_holders: Vec<(usize, usize)> = {
        // (collection, index) of synthetic records with an Arabic summary.
        let mut v = Vec::new();
        for i in 0..n_events {
            v.push((0, base.events.len() + i));
        }
        for i in 0..n_orgs {
            v.push((1, base.organizations.len() + i));
        }
        for i in 0..n_people * 9 / 10 {
            v.push((2, base.people.len() + i));
        }
        v
    };
    let latin_holders: Vec<usize> = (n_people * 9 / 10..n_people)
        .map(|i| base.people.len() + i)
        .collect();
    if summary_holders.is_empty() {
        return Err("too few records to plant queries".into());
    }
    for variant in VARIANTS {
        for qi in 0..50 {
            let holders = rng.range(1, 5);
            let mut expected: Vec<String> = Vec::new();
            let flip = qi % 2 == 1;
            let anchor = maker.make(&mut rng, variant);
            let (in_record, query): (String, String) = match variant {
                "diacritics" => {
                    let marked = add_tashkeel(&anchor.arabic, &mut rng);
                    if flip {
                        (anchor.arabic.clone(), marked)
                    } else {
                        (marked, anchor.arabic.clone())
                    }
                }
                "hamza" => {
                    if flip {
                        (drop_hamza(&anchor.arabic), anchor.arabic.clone())
                    } else {
                        (anchor.arabic.clone(), drop_hamza(&anchor.arabic))
                    }
                }
                "ta-marbuta" => {
                    if flip {
                        (ta_marbuta_as_ha(&anchor.arabic), anchor.arabic.clone())
                    } else {
                        (anchor.arabic.clone(), ta_marbuta_as_ha(&anchor.arabic))
                    }
                }
                "prefix" => {
                    let prefixes = ["وال", "بال", "فال", "كال", "لل", "و", "ب"];
                    let p = *rng.pick(&prefixes);
                    if flip {
                        // The record has the article, the query a conjunction too.
                        (
                            format!("ال{}", anchor.arabic),
                            format!("{p}{}", anchor.arabic),
                        )
                    } else {
                        (anchor.arabic.clone(), format!("{p}{}", anchor.arabic))
                    }
                }
                "digits" => {
                    let code = loop {
                        let c = format!("{}", 10_000 + rng.below(89_999));
                        if used_codes.insert(c.clone()) {
                            break c;
                        }
                    };
                    if flip {
                        (code.clone(), arabic_indic(&code, qi % 4 == 1))
                    } else {
                        (arabic_indic(&code, false), code)
                    }
                }
                _ => {
                    let q = if flip {
                        anchor.latin.to_lowercase()
                    } else {
                        anchor.latin.clone()
                    };
                    (anchor.latin.clone(), q)
                }
            };
            let slot = match variant {
                "latin" if !latin_holders.is_empty() && flip => Slot::Alias,
                "latin" => Slot::SummaryLatin,
                _ => Slot::SummaryAr,
            };
            let mut chosen = HashSet::new();
            for _ in 0..holders {
                match slot {
                    Slot::Alias => {
                        let i = *rng.pick(&latin_holders);
                        if chosen.insert((2, i)) {
                            let p = &mut b.people[i];
                            p.aliases.push(in_record.clone());
                            expected.push(p.id.clone());
                        }
                    }
                    Slot::SummaryAr | Slot::SummaryLatin => {
                        let (coll, i) = *rng.pick(&summary_holders);
                        if !chosen.insert((coll, i)) {
                            continue;
                        }
                        let (id, summary) = match coll {
                            0 => {
                                let e = &mut b.events[i];
                                (&e.id, &mut e.summary)
                            }
                            1 => {
                                let o = &mut b.organizations[i];
                                (&o.id, &mut o.summary)
                            }
                            _ => {
                                let p = &mut b.people[i];
                                (&p.id, &mut p.summary)
                            }
                        };
                        match slot {
                            Slot::SummaryAr => plant(&mut summary.ar, &in_record, &mut rng),
                            _ => {
                                plant(&mut summary.en, &in_record, &mut rng);
                                plant(&mut summary.fr, &in_record, &mut rng);
                            }
                        }
                        expected.push(id.clone());
                    }
                }
            }
            expected.sort();
            queries.push(Query {
                q: query,
                variant,
                expected,
            });
        }
    }

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
        let json = include_str!("../../../public/data/bundle.json");
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
