//! The search index and query.
//!
//! Every record becomes a document of weighted fields (title and aliases, then values, roles,
//! summaries and the names of related records); short fields weigh more, so a one-word name
//! beats a mention in a long title. Each field is tokenised with
//! [`crate::analyze::tokenize`]; the index keeps three sorted term dictionaries (surface
//! form, form without clitics, light stem) so a query
//! term is looked up exactly, by variant, or — for the term being typed — by prefix.
//!
//! Query semantics: every term must match somewhere in a record (AND); the last term matches
//! by prefix unless the query ends with a space; text in quotes ("…", «…», “…”) must appear as
//! consecutive words of one field, in order, each word in any of its forms (`phrase_word`);
//! common words are dropped when other terms remain; a number written in words matches its
//! words or its digits (`numbers`).
//!
//! The module is cut in four: this file holds the query side (parsing, the look-ups of a
//! query word, the rules shared with the split index), `index` the index and its search,
//! `terms` the term dictionaries and the per-document score tables, `hits` the result
//! (lazily ranked hits and their highlights), and `fields` the searchable text of a record.

mod fields;
mod hits;
mod index;
mod numbers;
mod terms;

pub use fields::{format_value, searchable_fields};
pub(crate) use hits::{descending, undescend};
pub use hits::{partial, segments, Hit, Hits, Span};
pub use index::{IndexBuilder, SearchIndex};

use crate::analyze::{for_each_token, strip_suffix, tokenize, Forms, Token, STOPWORDS};
use crate::lexicon::Lexicon;
use crate::normalize::{class, Class};

/// Which part of a record a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FieldName {
    Title,
    Alias,
    Value,
    Role,
    Summary,
    Related,
}

impl FieldName {
    /// Every field, in declaration order (their position is their code in the indexes).
    pub(crate) const ALL: [FieldName; 6] = [
        FieldName::Title,
        FieldName::Alias,
        FieldName::Value,
        FieldName::Role,
        FieldName::Summary,
        FieldName::Related,
    ];

    pub(crate) fn weight(self) -> f32 {
        match self {
            FieldName::Title => 10.0,
            FieldName::Alias => 10.0,
            FieldName::Value => 6.0,
            FieldName::Role => 4.0,
            FieldName::Summary => 3.0,
            FieldName::Related => 2.0,
        }
    }
}

/// Match quality of one kind of term match, multiplied by the field's impact ([`field_impact`]).
pub(crate) const EXACT: f32 = 1.0;
pub(crate) const BARE: f32 = 0.9;
/// A match through the clitic reading of a word whose first letter may be its own (the
/// query «وزارة» read as و + زارة): a little below the literal reading.
pub(crate) const ALT_BARE: f32 = 0.85;
pub(crate) const STEM: f32 = 0.75;
pub(crate) const ALT_STEM: f32 = 0.7;
pub(crate) const PREFIX: f32 = 0.6;
pub(crate) const FUZZY: f32 = 0.45;

/// One term of a parsed query.
#[derive(Clone, Debug, PartialEq)]
pub enum Term {
    Word {
        token: Token,
        prefix: bool,
    },
    Phrase(Vec<Token>),
    /// Words that are also one word: its words (each a [`Term::Word`], all to be found) or
    /// the one word (a [`Term::Word`]). A number written in words (سبعين, خمسة وسبعين,
    /// ninety-second) or its digits; a word written with a hyphen (cyber-crime) or joined
    /// (cybercrime).
    Either {
        words: Vec<Term>,
        whole: Box<Term>,
    },
}

/// Parses a query: quoted phrases, words, the last word as a prefix.
pub fn parse_query(q: &str) -> Vec<Term> {
    let q = arabizi(q);
    let mut terms = Vec::new();
    let mut rest = q.as_ref();
    let is_open = is_quote;
    loop {
        match rest.find(is_open) {
            Some(i) => {
                let before = &rest[..i];
                let words = tokenize(before).into_iter().map(|token| Term::Word {
                    token,
                    prefix: false,
                });
                let start = terms.is_empty();
                terms.extend(read_part(before, words.collect(), start));
                let after = &rest[i + rest[i..].chars().next().map_or(1, char::len_utf8)..];
                let close = after.find(is_open).unwrap_or(after.len());
                let phrase = tokenize(&after[..close]);
                match phrase.len() {
                    0 => {}
                    1 => terms.push(Term::Word {
                        token: phrase.into_iter().next().expect("one token"),
                        prefix: false,
                    }),
                    _ => terms.push(Term::Phrase(phrase)),
                }
                rest = after[close..]
                    .char_indices()
                    .nth(1)
                    .map_or("", |(j, _)| &after[close + j..]);
            }
            None => {
                let words = tokenize(rest);
                let ends_open = rest
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_alphanumeric() || !c.is_ascii());
                let n = words.len();
                let words = words.into_iter().enumerate().map(|(i, token)| {
                    let prefix = i + 1 == n && ends_open && !rest.ends_with(char::is_whitespace);
                    Term::Word { token, prefix }
                });
                let start = terms.is_empty();
                terms.extend(read_part(rest, words.collect(), start));
                break;
            }
        }
    }
    // Drop stopwords when something else remains.
    let is_stop = |t: &Term| matches!(t, Term::Word { token, prefix: false } if STOPWORDS.contains(&token.norm.as_str()));
    if terms.iter().any(|t| !is_stop(t)) {
        terms.retain(|t| !is_stop(t));
    }
    terms
}

/// Arabic typed in Latin letters with digits for the sounds Latin has no letter for, as
/// Moroccan and other readers chat (7ammouchi, da3ech, mo2tamar, l9ar9obi): each such digit
/// is read as the letter a French or English spelling has there (7 ح: h, 9 ق: q, 3 ع: a,
/// 5 خ: h, 8 غ: g, 2 ء: a), so that the word finds what its Latin spelling does
/// (Hammouchi, Daech) or, when no record writes it in Latin letters, what its Arabic does
/// ([`latin_as_arabic`]: motamar, مؤتمر). A run of Latin letters and such digits is read
/// so when it has three letters or more, no two digits together and none last, and is not
/// an ordinal (3eme): not G7, COVID-19, Web3, 92e, A380 or 2022. Each digit is one byte
/// for one byte, so the query's offsets hold.
fn arabizi(q: &str) -> std::borrow::Cow<'_, str> {
    let chat = |w: &[u8]| {
        w.iter()
            .all(|c| c.is_ascii_alphabetic() || b"235789".contains(c))
            && w.iter().filter(|c| c.is_ascii_alphabetic()).count() >= 3
            && w.iter().any(u8::is_ascii_digit)
            && !w.last().is_some_and(u8::is_ascii_digit)
            && !w
                .windows(2)
                .any(|p| p[0].is_ascii_digit() && p[1].is_ascii_digit())
            && !(w[0].is_ascii_digit()
                && ORDINAL_ENDINGS
                    .iter()
                    .any(|e| w[1..].eq_ignore_ascii_case(e.as_bytes())))
    };
    let mut out = q.as_bytes().to_vec();
    let mut changed = false;
    for run in out.split_mut(|c| !c.is_ascii_alphanumeric()) {
        if !run.is_empty() && chat(run) {
            changed = true;
            for c in run.iter_mut() {
                *c = match *c {
                    b'7' | b'5' => b'h',
                    b'9' => b'q',
                    b'3' | b'2' => b'a',
                    b'8' => b'g',
                    c => c,
                };
            }
        }
    }
    match changed {
        // Only ASCII digits were replaced by ASCII letters: still UTF-8.
        true => String::from_utf8(out).map_or(q.into(), Into::into),
        false => q.into(),
    }
}

/// The words of an unquoted part of a query (`text`; `words`, its tokens as terms): numbers
/// in words and hyphenated words grouped, the words around what is looked for dropped,
/// months read. `start`: nothing comes before the part (a question's words are there).
fn read_part(text: &str, words: Vec<Term>, start: bool) -> Vec<Term> {
    let mut terms = hyphenated(text, numbers::group(words));
    drop_fillers(&mut terms, start, text);
    read_months(&mut terms);
    terms
}

/// The words a question starts with (normalised), dropped at the start of a query: «who is
/// Hammouchi», «qu'est-ce que Interpol», «ما هو الانتربول», «كم عدد الدول».
const QUESTION_WORDS: &[&str] = &[
    "who",
    "what",
    "which",
    "where",
    "when",
    "how",
    "many",
    "much",
    "is",
    "are",
    "was",
    "were",
    "qui",
    "que",
    "quoi",
    "quel",
    "quelle",
    "quels",
    "quelles",
    "est",
    "ce",
    "combien",
    "quien",
    "quienes",
    "cual",
    "cuales",
    "donde",
    "cuando",
    "cuantos",
    "cuantas",
    "es",
    "son",
    "ما",
    "ماذا",
    "هو",
    "هي",
    "هل",
    "اين",
    "متي",
    "كيف",
    "كم",
    "لماذا",
    // A count's (COUNT_WORDS).
    "عدد",
    "number",
];

/// The words a question about a count starts with (normalised): «كم», «(ما) عدد الدول»,
/// «combien de pays», «cuántos países», «number of delegates»; and «how» before «many» or
/// «much» ([`count_question`]). Dropped as [`QUESTION_WORDS`] are: no record spells its
/// count so. Not «nombre» (French «nombre de», but Spanish for a name) nor «número» (a
/// telephone's, an issue's).
const COUNT_WORDS: &[&str] = &["كم", "عدد", "combien", "cuantos", "cuantas", "number"];

/// How many words open a query as a question of how many (`norms`, its first words,
/// normalised): its question words ([`QUESTION_WORDS`]), when one of them is a count's
/// ([`COUNT_WORDS`], or «how» before «many» or «much») and a word follows them: «كم عدد
/// الدول», «ما عدد الدول», «how many countries». `None` for any other query.
fn count_question(norms: &[&str]) -> Option<usize> {
    let run = norms
        .iter()
        .take_while(|w| QUESTION_WORDS.contains(w))
        .count();
    let counts = norms[..run].iter().enumerate().any(|(i, w)| {
        COUNT_WORDS.contains(w)
            || (*w == "how" && matches!(norms.get(i + 1), Some(&("many" | "much"))))
    });
    (counts && run < norms.len()).then_some(run)
}

/// A quote mark, which opens or closes a phrase in a query.
fn is_quote(c: char) -> bool {
    matches!(c, '"' | '«' | '“' | '”' | '»')
}

/// Whether the whole query is in quote marks (it opens and closes with one).
pub fn quoted_whole(query: &str) -> bool {
    query.starts_with(is_quote) && query.ends_with(is_quote) && query.chars().nth(1).is_some()
}

/// The query with its quote marks taken out (its phrases read as loose words), when it had
/// any and words remain: what a quoted phrase that finds nothing may be searched as.
pub fn without_quotes(query: &str) -> Option<String> {
    if !query.contains(is_quote) {
        return None;
    }
    let words: Vec<&str> = query
        .split(|c: char| is_quote(c) || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// The tokens of the part of `query` before its first quote, which [`parse_query`] reads as
/// the start of a question (none when the query opens with a quote).
fn opening(query: &str) -> Vec<Token> {
    let q = arabizi(query);
    tokenize(q.split(is_quote).next().unwrap_or(""))
}

/// What a question about a count says of what it counts (normalised, as the tokens a query
/// is compared by): «الدول المشاركة»,
/// «حضرت», «how many countries took part», «attended», «ont participé». A figure says it
/// otherwise (countries represented), or not at all, and its event's summary has these
/// words: in a question that [`Asks::how_many`], they are dropped as fillers. Not the nouns
/// (المشاركين، participants), which name what is counted.
const COUNT_VERBS: &[&str] = &[
    "المشاركه",
    "مشاركه",
    "شاركت",
    "شارك",
    "شاركوا",
    "حضرت",
    "حضر",
    "حضروا",
    "الممثله",
    "ممثله",
    "مثلت",
    "took",
    "part",
    "participated",
    "participating",
    "participate",
    "attended",
    "attend",
    "attending",
    "represented",
    "present",
    "were",
    "there",
    "ont",
    "participe",
    "participaient",
    "presents",
    "representes",
    "participaron",
    "asistieron",
    "representados",
    "hubo",
    "does",
    "do",
    "did",
    "have",
    "has",
    "had",
    "came",
    "come",
];

/// Words for the texts the records come from (normalised, without article or clitic): a
/// query that opens with one of them (after its question words) asks for sources
/// («المقالان عن مؤتمر مراكش», «articles on the Glasgow assembly», «las fuentes»), which
/// then come first ([`kind_prior`]). Not one later in the query: «open source», «تمويل من
/// مصادر مجهولة». Each source is also found by the words for its kind
/// (`fields::source_words`).
const SOURCE_WORDS: &[&str] = &[
    "مقال",
    "مقاله",
    "مقالات",
    "مقالان",
    "مقالين",
    "مصدر",
    "مصادر",
    "مصدران",
    "مصدرين",
    "article",
    "articles",
    "articulo",
    "articulos",
    "source",
    "sources",
    "fuente",
    "fuentes",
];

/// What a query asks for beyond its words, which ranks one kind of record higher
/// ([`kind_prior`]).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Asks {
    /// How many ([`count_question`]): a figure. The figures then rank before the records
    /// that match as many of its words: a figure holds the count, an event's summary only
    /// the words around it.
    pub how_many: bool,
    /// A text the records come from ([`SOURCE_WORDS`]): a source.
    pub sources: bool,
}

impl Asks {
    pub(crate) fn of(query: &str) -> Asks {
        let tokens = opening(query);
        let norms: Vec<&str> = tokens.iter().map(|t| t.norm.as_str()).collect();
        // The first word after the question's: «المقالان عن…», «what articles…».
        let first = tokens
            .iter()
            .find(|t| !QUESTION_WORDS.contains(&t.norm.as_str()));
        let source = |w: &str| SOURCE_WORDS.contains(&w);
        Asks {
            how_many: count_question(&norms).is_some(),
            sources: first.is_some_and(|t| source(&t.bare) || source(&t.norm)),
        }
    }
}

/// Question words that are as often a name here (WHO, IS, l'Est, CE, ES): written in
/// capitals, dropped only with another question word (WHO is); else dropped as the others
/// are (who heads the DGSN, qui dirige la DGSN).
const QUESTION_OR_NAME: &[&str] = &["who", "is", "est", "ce", "es", "son", "que", "qui"];

/// Endings typed on to a number to make it an ordinal: 92ème, 92e, 1er, 1re, 2nd, 3rd,
/// 4th, 1st, 1º, 1ª.
const ORDINAL_ENDINGS: &[&str] = &[
    "e", "eme", "ieme", "er", "ere", "re", "nd", "rd", "th", "st", "o", "a",
];

/// Words for "year" said before one: عام 2003, سنة 2022, l'année 2003, year 2003, año 2003.
const YEAR_WORDS: &[&str] = &[
    "عام",
    "العام",
    "لعام",
    "للعام",
    "سنة",
    "السنة",
    "لسنة",
    "للسنة",
    "year",
    "année",
    "año",
];

/// Words for an edition said before its number: الدورة 47, session 92, édition 3 (a record
/// holds its edition as a number, and its text may name it otherwise: المؤتمر 47).
const EDITION_WORDS: &[&str] = &[
    "الدورة",
    "دورة",
    "للدورة",
    "session",
    "edition",
    "édition",
    "edición",
    "sesión",
];

/// Drops the words a query holds around what it looks for, which no record spells that way:
/// a question's words at its `start` ([`QUESTION_WORDS`]), when a word is left; an
/// ordinal's ending typed on to its number (92ème finds the 92nd assembly as 92 does); a
/// word for "year" just before a year (سنة 2003 finds what 2003 finds; العام alone stays a
/// word: الأمن العام); a word for an edition just before its number ([`EDITION_WORDS`]).
fn drop_fillers(terms: &mut Vec<Term>, start: bool, text: &str) {
    let mut keep = vec![true; terms.len()];
    for (i, k) in keep.iter_mut().enumerate() {
        let Some(t) = word(terms.get(i)) else {
            continue;
        };
        let ordinal = i > 0
            && ORDINAL_ENDINGS.contains(&t.norm.as_str())
            && word(terms.get(i - 1)).is_some_and(|n| n.end == t.start && digits(n));
        let said = |words: &[&str]| {
            words
                .iter()
                .any(|w| tokenize(w).first().is_some_and(|y| y.norm == t.norm))
        };
        // The number may come after the article written apart (الدورة الـ47: ال, 47).
        let next = match terms.get(i + 1) {
            Some(Term::Word { token, .. }) if token.norm == "ال" => terms.get(i + 2),
            n => n,
        };
        let year = word(next).is_some_and(|n| digits(n) && n.norm.len() == 4) && said(YEAR_WORDS);
        // Its number in digits (الدورة 47) or in words (الدورة السابعة والأربعون).
        let edition = match next {
            Some(Term::Either { whole, .. }) => word(Some(whole)).is_some_and(digits),
            n => word(n).is_some_and(|n| digits(n) && n.norm.len() <= 3),
        } && said(EDITION_WORDS);
        *k = !(ordinal || year || edition);
    }
    // A count's question: what it says of what it counts goes too, if a word is left.
    let norms: Vec<&str> = terms
        .iter()
        .map_while(|t| word(Some(t)).map(|t| t.norm.as_str()))
        .collect();
    if let Some(run) = start.then(|| count_question(&norms)).flatten() {
        let verb = |t: &Term| word(Some(t)).is_some_and(|t| COUNT_VERBS.contains(&t.norm.as_str()));
        if terms.iter().skip(run).any(|t| !verb(t)) {
            for (k, t) in keep.iter_mut().zip(terms.iter()).skip(run) {
                if verb(t) {
                    *k = false;
                }
            }
        }
    }
    if start {
        let asks = terms
            .iter()
            .take_while(|t| matches!(t, Term::Word { token, prefix: false } if QUESTION_WORDS.contains(&token.norm.as_str())))
            .count();
        // Written in capitals, it is the name (WHO, IS); else the question's word (who, Qui).
        let capitals = |t: &Token| {
            text.get(t.start as usize..t.end as usize)
                .is_some_and(|w| !w.chars().any(char::is_lowercase))
        };
        let named = |t: &Term| matches!(t, Term::Word { token, .. } if QUESTION_OR_NAME.contains(&token.norm.as_str()) && capitals(token));
        if asks < terms.len() && (asks > 1 || (asks == 1 && !named(&terms[0]))) {
            keep[..asks].fill(false);
        }
    }
    let mut keep = keep.into_iter();
    terms.retain(|_| keep.next().unwrap_or(true));
}

/// The token of a term that is one word.
fn word(t: Option<&Term>) -> Option<&Token> {
    match t {
        Some(Term::Word { token, .. }) => Some(token),
        _ => None,
    }
}

/// Whether a token is a number written in digits.
fn digits(t: &Token) -> bool {
    t.norm.bytes().all(|b| b.is_ascii_digit())
}

/// Month abbreviations (English, French, Spanish; normalised) and آب, read as a month only
/// next to a number: Oct 2022, 6 déc. 2023, ene 2021, آب 2020.
const MONTH_ABBREVIATIONS: &[(&str, u8)] = &[
    ("jan", 1),
    ("janv", 1),
    ("ene", 1),
    ("feb", 2),
    ("fev", 2),
    ("fevr", 2),
    ("mar", 3),
    ("apr", 4),
    ("avr", 4),
    ("abr", 4),
    ("jun", 6),
    ("jul", 7),
    ("juil", 7),
    ("aug", 8),
    ("ago", 8),
    ("اب", 8),
    ("sep", 9),
    ("sept", 9),
    ("set", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    ("dic", 12),
];

/// Month names no record spells, read as the month (its English name, which every dated
/// record holds beside the others: `fields::month_words`): the Levant's two-word names
/// (كانون الثاني، تشرين الأول) anywhere, an abbreviation or آب next to a number.
fn read_months(terms: &mut Vec<Term>) {
    fn norm(t: Option<&Term>) -> Option<&str> {
        word(t).map(|t| t.norm.as_str())
    }
    let number = |t: Option<&Term>| word(t).is_some_and(digits);
    let mut i = 0;
    while i < terms.len() {
        let pair = match (norm(terms.get(i)), norm(terms.get(i + 1))) {
            (Some("كانون"), Some("الثاني")) => Some(1),
            (Some("كانون"), Some("الاول")) => Some(12),
            (Some("تشرين"), Some("الاول")) => Some(10),
            (Some("تشرين"), Some("الثاني")) => Some(11),
            _ => None,
        };
        let short = || {
            let w = norm(terms.get(i))?;
            let m = MONTH_ABBREVIATIONS.iter().find(|(a, _)| *a == w)?.1;
            (number(terms.get(i + 1)) || (i > 0 && number(terms.get(i - 1)))).then_some(m)
        };
        let (month, n) = match pair {
            Some(m) => (Some(m), 2),
            None => (short(), 1),
        };
        let name = month.and_then(|m| {
            tokenize(crate::format::month_name("en", m))
                .into_iter()
                .next()
        });
        if let Some(token) = name {
            let prefix = matches!(terms[i + n - 1], Term::Word { prefix: true, .. });
            terms.splice(i..i + n, [Term::Word { token, prefix }]);
        }
        i += 1;
    }
}

/// One of the index's three term dictionaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dict {
    /// Normalised surface forms.
    Norm,
    /// Forms without clitics and article (only those that differ from the surface form).
    Bare,
    /// Light stems (a listed broken plural under its singular's stem).
    Stem,
}

/// The keys an indexed token is filed under: its surface form, its bare form when it differs,
/// its stem and, for a word whose first letter may be a clitic, the stem of the word as
/// written (both readings). Stems go through the broken-plural `lexicon`.
pub(crate) fn doc_keys(forms: Forms<'_>, lexicon: &Lexicon, mut f: impl FnMut(Dict, &str)) {
    f(Dict::Norm, forms.norm);
    if forms.bare != forms.norm {
        f(Dict::Bare, forms.bare);
    }
    // A stem equal to the bare form is not stored again: a stem look-up also reads the bare
    // and surface dictionaries (see `lookups`). That is most tokens: 3.4 MB at 10k records.
    let stem = lexicon.stem(forms.bare, forms.stem);
    if stem != forms.bare {
        f(Dict::Stem, stem);
    }
    if let Some(lit) = forms.literal_stem {
        let lit = lexicon.stem(forms.literal.unwrap_or(forms.norm), lit);
        if lit != stem {
            f(Dict::Stem, lit);
        }
        // After a conjunction and a preposition (فلسطيني is also ف + ل + سطيني), the
        // word as written is a third reading.
        if forms.literal != Some(forms.norm) {
            let whole = lexicon.stem(forms.norm, strip_suffix(forms.norm));
            if whole != stem && whole != lit {
                f(Dict::Stem, whole);
            }
        }
    }
}

/// The keys of a field's text, each token's as [`doc_keys`] files them, and its number of
/// tokens. A Latin word written with hyphens (cyber-crime, co-lead, contre-terrorisme) is
/// also filed as one word, as others write it (cybercrime): uncounted, so that the field
/// weighs the same. The index and a split catalogue both file a field with this.
pub(crate) fn field_keys(text: &str, lexicon: &Lexicon, mut f: impl FnMut(Dict, &str)) -> usize {
    let mut count = 0;
    let runs = tokens_and_runs(text, &mut |forms, _, _| {
        count += 1;
        doc_keys(forms, lexicon, &mut f);
    });
    for (_, _, word) in &runs {
        for_each_token(word, |forms, _, _| doc_keys(forms, lexicon, &mut f));
    }
    count
}

/// Calls `f` for each token of `text`, as [`for_each_token`], and returns its runs of Latin
/// words joined by hyphens: the index of the run's first token, its number of tokens and the
/// word they make (cyber-crime: cybercrime). The index files that word ([`field_keys`]); the
/// highlight marks the run when the query found it. (A dynamic call per token: compiled
/// once, not once per caller.)
pub(crate) fn tokens_and_runs(
    text: &str,
    f: &mut dyn FnMut(Forms<'_>, u32, u32),
) -> Vec<(usize, usize, String)> {
    // The previous token (where it ends, its norm when a Latin word), how many came before;
    // the run so far and its parts. Most tokens only copy their norm.
    let (mut end, mut latin, mut last, mut at) = (0u32, false, String::new(), 0usize);
    let (mut run, mut parts) = (String::new(), 0);
    let mut runs = Vec::new();
    for_each_token(text, |forms, start, stop| {
        f(forms, start, stop);
        let was_latin = latin;
        latin = latin_word(forms.norm);
        let joins = latin
            && was_latin
            && text.get(end as usize..start as usize).is_some_and(hyphen)
            && hyphen_part(forms.norm)
            && (parts > 0 || hyphen_part(&last));
        if joins {
            if parts == 0 {
                run.clear();
                run.push_str(&last);
                parts = 1;
            }
            run.push_str(forms.norm);
            parts += 1;
        } else if parts > 0 {
            runs.push((at - parts, parts, std::mem::take(&mut run)));
            parts = 0;
        }
        if latin {
            last.clear();
            last.push_str(forms.norm);
        }
        end = stop;
        at += 1;
    });
    if parts > 0 {
        runs.push((at - parts, parts, run));
    }
    runs
}

/// Whether a token may be part of a hyphenated Latin word: letters, and not a word a query
/// drops (Nour ad-Din, al-Hammushi are a name and its article, est-ce a question's words).
fn hyphen_part(norm: &str) -> bool {
    latin_word(norm) && !STOPWORDS.contains(&norm) && !QUESTION_WORDS.contains(&norm)
}

/// Whether `between` two tokens is a hyphen (ASCII, or Unicode's hyphen or non-breaking one).
/// (Two tokens of one character, ℅ read as c/o, share its range: nothing is between them.)
fn hyphen(between: &str) -> bool {
    matches!(between, "-" | "\u{2010}" | "\u{2011}")
}

/// A query's Latin words written with hyphens (cyber-crime), each run as [`Term::Either`]
/// its words or the one word they make (cybercrime): the runs [`tokens_and_runs`] finds in
/// `text` (what `terms`' tokens were read from), as [`field_keys`] files them, where they are
/// still words (not a number's). The last word's prefix flag goes to the whole.
fn hyphenated(text: &str, mut terms: Vec<Term>) -> Vec<Term> {
    let mut starts = Vec::new();
    let runs = tokens_and_runs(text, &mut |_, start, _| starts.push(start));
    // From the last run, so that the earlier ones keep their place among the terms.
    for (first, n, joined) in runs.into_iter().rev() {
        let run = &starts[first..first + n];
        let at = terms.windows(n).position(|w| {
            w.iter()
                .map(|t| word(Some(t)).map(|t| t.start))
                .eq(run.iter().map(|&s| Some(s)))
        });
        let mut whole = tokenize(&joined);
        let (Some(at), 1) = (at, whole.len()) else {
            continue;
        };
        let prefix = matches!(terms[at + n - 1], Term::Word { prefix: true, .. });
        let words: Vec<Term> = terms.drain(at..at + n).collect();
        let whole = Box::new(Term::Word {
            token: whole.remove(0),
            prefix,
        });
        terms.insert(at, Term::Either { words, whole });
    }
    terms
}

/// The exact look-ups of one query word (prefix completion and typo tolerance aside): which
/// dictionary, which key, and the match quality.
///
/// - the surface form, exactly (`EXACT`);
/// - the bare form as a bare or surface form (`BARE`; بمراكش finds مراكش);
/// - for a word whose first letter may be a clitic, the bare form is only one reading
///   (`ALT_BARE`); the literal reading is the other, looked up as a bare or surface form
///   (وزارة finds الوزارة) at `BARE`, and its stem at `STEM`;
/// - a word whose ال may be its own letters, as written among bare forms (`ALT_BARE`);
/// - the stem (`STEM`, or `ALT_STEM` for the clitic reading);
/// - the bare form as a stem and the stem as a surface or bare form (`STEM`): a word that
///   ends like a suffix meets its derivatives (فلسطين finds الفلسطينيون, فلسطينيين finds
///   فلسطين).
///
/// A word still being typed that is not completed yet (one letter, or the article or a
/// proclitic alone: see [`completes`]) is looked up as written only.
///
/// A word with a hamza on و or ي is looked up with the other seat too ([`Token::seat`]:
/// مسئول finds مسؤول).
pub(crate) fn lookups<'a>(
    token: &'a Token,
    prefix: bool,
    lexicon: &'a Lexicon,
) -> impl Iterator<Item = (Dict, &'a str, f32)> + 'a {
    let partial = prefix && !completes(&token.norm, true);
    let seat = token.seat.as_deref();
    let clitic = token.clitic();
    let (bare_q, stem_q) = if clitic {
        (ALT_BARE, ALT_STEM)
    } else {
        (BARE, STEM)
    };
    let (norm, bare, raw_stem) = (
        token.norm.as_str(),
        token.bare.as_str(),
        token.stem.as_str(),
    );
    let (stem, name) = lexicon.filed(bare, raw_stem);
    let name_q = if name { bare_q } else { stem_q };
    let literal = token.literal.as_deref();
    // A name read with its first letter its own (بريطانيا, not ب + ريطانيا).
    let (literal_stem, literal_q) = match token.literal_stem.as_deref() {
        Some(l) => {
            let (l, name) = lexicon.filed(literal.unwrap_or(norm), l);
            (
                Some(l).filter(|&l| l != stem),
                if name { BARE } else { STEM },
            )
        }
        None => (None, STEM),
    };
    // ال at the front may be the word's own letters (إلكتروني, ألماني fold to الـ): the word
    // as written is then also looked up among bare forms (الإلكتروني's is الكتروني).
    // Not when the lexicon knows the bare form: its ال is the article (المديريات).
    let article_own =
        literal.is_none() && bare != norm && norm.starts_with("ال") && stem == raw_stem;
    // The word as written, when it is neither the bare form nor the literal reading.
    let whole = (article_own || literal.is_some_and(|l| l != norm))
        .then(|| lexicon.stem(norm, strip_suffix(norm)));
    let whole_q = if article_own { ALT_BARE } else { BARE };
    let whole_stem_q = if article_own { ALT_STEM } else { STEM };
    let differs = bare != raw_stem;
    // The light stem as a word, unless the lexicon files the word elsewhere: مديرية (a
    // directorate, [`OWN_STEMS`](crate::lexicon::OWN_STEMS)) is not مدير, قادة not قاد.
    let raw = differs && stem == raw_stem;
    [
        Some((Dict::Norm, norm, EXACT)),
        Some((Dict::Bare, bare, bare_q)),
        (bare != norm).then_some((Dict::Norm, bare, bare_q)),
        literal.map(|l| (Dict::Bare, l, BARE)),
        literal
            .filter(|&l| l != norm)
            .map(|l| (Dict::Norm, l, BARE)),
        whole.map(|_| (Dict::Bare, norm, whole_q)),
        whole.map(|w| (Dict::Stem, w, whole_stem_q)),
        // The readings unstemmed, as stems (فلسطين finds الفلسطينيون).
        whole
            .filter(|&w| w != norm)
            .map(|_| (Dict::Stem, norm, whole_stem_q)),
        literal
            .filter(|&l| token.literal_stem.as_deref() != Some(l))
            .map(|l| (Dict::Stem, l, STEM)),
        // Another name of the same place (Marrakesh for Marrakech) is as good as its bare
        // form; a plural's singular is a stem.
        Some((Dict::Stem, stem, name_q)),
        // The other seat of a hamza (مسئول, the data's مسؤول): as written, without the
        // clitics, and its stem (which is also looked up as a surface or bare form).
        seat.map(|s| (Dict::Norm, s.norm.as_str(), bare_q)),
        seat.map(|s| (Dict::Bare, s.bare.as_str(), bare_q)),
        seat.map(|s| (Dict::Stem, lexicon.stem(&s.bare, &s.stem), stem_q)),
        literal_stem.map(|l| (Dict::Stem, l, literal_q)),
        (differs && bare != stem).then_some((Dict::Stem, bare, stem_q)),
        raw.then_some((Dict::Norm, raw_stem, stem_q)),
        raw.then_some((Dict::Bare, raw_stem, stem_q)),
    ]
    .into_iter()
    .flatten()
    .take(if partial { 1 } else { usize::MAX })
    // A word whose stem is its bare form is filed under its bare (or surface) form only.
    .flat_map(|(dict, key, quality)| {
        let stem = dict == Dict::Stem;
        [
            Some((dict, key, quality)),
            stem.then_some((Dict::Bare, key, quality)),
            stem.then_some((Dict::Norm, key, quality)),
        ]
        .into_iter()
        .flatten()
    })
}

/// A word of a quoted phrase: the keys the word search looks it up by ([`lookups`]). In
/// quotes a word is found in any form the word search finds it in, with its clitics (للأمن
/// for الأمن), its other hamza seat, its article written or its own (الكترونية for
/// إلكترونية), its stem (General Assemblies for "general assembly"), and only next to the
/// phrase's other words, in order.
pub(crate) type PhraseWord = Vec<(Dict, String)>;

pub(crate) fn phrase_word(token: &Token, lexicon: &Lexicon) -> PhraseWord {
    let mut keys: PhraseWord = Vec::new();
    for (d, k, _) in lookups(token, false, lexicon) {
        if !keys.iter().any(|(kd, kk)| *kd == d && kk == k) {
            keys.push((d, k.to_string()));
        }
    }
    keys
}

/// The words of a phrase (bit i for word i, 64 at most) looked up by `(dict, key)`, a key
/// the index files a word of the text under.
fn phrase_bits(dict: Dict, key: &str, phrase: &[PhraseWord]) -> u64 {
    let mut bits = 0;
    for (i, p) in phrase.iter().enumerate().take(64) {
        if p.iter().any(|(pd, pk)| *pd == dict && pk == key) {
            bits |= 1 << i;
        }
    }
    bits
}

/// Which words of a phrase a word of the text is (see [`phrase_bits`]), without collecting
/// its keys: what the phrase check asks of every word of every candidate record.
pub(crate) fn phrase_mask(forms: Forms<'_>, lexicon: &Lexicon, phrase: &[PhraseWord]) -> u64 {
    let mut mask = 0;
    doc_keys(forms, lexicon, |d, k| mask |= phrase_bits(d, k, phrase));
    mask
}

/// Where a phrase of `n` words starts among a text's words, given each word's
/// [`phrase_mask`]: the one rule of both the phrase match and its highlight.
pub(crate) fn phrase_starts(masks: &[u64], n: usize) -> impl Iterator<Item = usize> + '_ {
    masks
        .windows(n.max(1))
        .enumerate()
        .filter(move |(_, w)| n > 0 && w.iter().enumerate().all(|(i, m)| m & (1 << i) != 0))
        .map(|(at, _)| at)
}

/// Whether a record holding `doc_word` is found by the query word `query_word` (typed whole,
/// not as a prefix), through the analyser, the broken-plural `lexicon` and the index's
/// look-ups: what "the two words find each other" means for the conflation tests.
pub fn finds(lexicon: &Lexicon, doc_word: &str, query_word: &str) -> bool {
    let Some(q) = tokenize(query_word).into_iter().next() else {
        return false;
    };
    let mut keys: Vec<(Dict, String)> = Vec::new();
    for_each_token(doc_word, |forms, _, _| {
        doc_keys(forms, lexicon, |d, k| keys.push((d, k.to_string())))
    });
    let found = lookups(&q, false, lexicon)
        .any(|(d, k, _)| keys.iter().any(|(kd, kk)| *kd == d && kk == k));
    found
}

/// Both words find each other (see [`finds`]).
pub fn conflates(lexicon: &Lexicon, a: &str, b: &str) -> bool {
    finds(lexicon, a, b) && finds(lexicon, b, a)
}

/// Whether a word being typed (`prefix`: the last word, not yet ended) is completed to the
/// words it begins. Not a single letter, nor the article or a proclitic alone (ال، وال، بال،
/// فال، كال، لل): each would pull in nearly every Arabic word of the index for no useful
/// ranking (at 10k records «ال» matched 9,935 documents of 10,000); such a word matches
/// itself only until the next letter is typed.
pub(crate) fn completes(token_norm: &str, prefix: bool) -> bool {
    prefix
        && token_norm.chars().nth(1).is_some()
        && !matches!(token_norm, "ال" | "وال" | "بال" | "فال" | "كال" | "لل")
}

/// The forms a word being typed is completed from: as written, its bare form, and read
/// without the proclitics it may begin with (و، ف، then ب، ل، ك، then the article: بمرا →
/// مرا, والم → الم), which the analyser leaves on a word this short. Without them «بمرا»
/// completed only to words written بمرا…, and the count fell (42 → 2) and rose again (17)
/// as «الإنتربول بمراكش» was typed. Each reading at least two letters, not the article alone.
pub(crate) fn prefix_keys(token: &Token) -> Vec<String> {
    let norm = token.norm.as_str();
    let mut out = vec![norm.to_string()];
    if token.bare != token.norm {
        out.push(token.bare.clone());
    }
    let mut rests = vec![norm.to_string()];
    for group in [&["و", "ف"][..], &["ب", "ل", "ك"], &["ال", "ل"]] {
        let mut next = rests.clone();
        for r in &rests {
            next.extend(
                group
                    .iter()
                    .filter_map(|p| r.strip_prefix(p))
                    .map(str::to_string),
            );
        }
        rests = next;
    }
    // ل before the article drops its alef (للمؤتمر: ل + المؤتمر).
    let with_article: Vec<String> = rests
        .iter()
        .filter_map(|r| r.strip_prefix("لل"))
        .map(|x| format!("ال{x}"))
        .collect();
    for r in rests.into_iter().chain(with_article) {
        if completes(&r, true) && !out.contains(&r) {
            out.push(r);
        }
    }
    out
}

/// Whether `q` is only a word still being typed that is too short to search (one letter,
/// or the article or a proclitic alone: see `completes`). When such a query finds nothing,
/// the reader is mid-word, not asking for nothing: the search returns `None` (as for no
/// query), so the app keeps the unsearched list and asks for the next letter instead of saying "no results" at every first keystroke.
pub fn still_typing(q: &str) -> bool {
    typing(&parse_query(q))
}

/// Whether the last of several words is still being typed and too short to search (see
/// [`completes`]): when no record has every word, the query is read without it.
pub(crate) fn unfinished_last(terms: &[Term]) -> bool {
    typed_last(terms).is_some_and(|t| !completes(&t.norm, true))
}

/// The last of several words, while it is still being typed.
fn typed_last(terms: &[Term]) -> Option<&Token> {
    match terms {
        [_, .., Term::Word {
            token,
            prefix: true,
        }] => Some(token),
        _ => None,
    }
}

/// Whether the last of several words is a proclitic and one letter being typed (بم، ول):
/// the query is read without it whatever it finds, for what it finds is the few words
/// written so («الإنتربول بم» 2 records, «الإنتربول بمر» 21: the count would fall and rise
/// again as the word is typed). Alone, or as a word's pieces (ف ب ي), it is searched.
pub(crate) fn clitic_and_letter_last(terms: &[Term]) -> bool {
    typed_last(terms).is_some_and(|t| clitic_and_letter(&t.norm))
}

/// A query of three words or more that fewer records than this match in full is followed by
/// the records matching some of its words, those with the most first: a question («who
/// heads the DGSN», «كم دولة شاركت في طنجة») often has one word that only an unrelated
/// record holds beside the others, and that record alone would hide what the reader asked
/// for. The complete matches still come first ([`Hits::complete_records`]). See
/// [`some_words_follow`].
pub(crate) const FEW_COMPLETE: usize = 3;

/// Whether the records matching some words of a query follow its `complete` matches: when
/// none matches every word of a query of several words; when fewer than [`FEW_COMPLETE`]
/// do, of a query of three words or more with no quoted phrase.
///
/// A query of two words keeps its few complete matches alone: with one word left out,
/// «police Glasgow» would bring every record of «police» below the one it asked for. A
/// quoted phrase is matched exactly here and approximated by a split catalogue, whose
/// complete matches may then differ in number: it keeps them alone too.
pub(crate) fn some_words_follow(terms: &[Term], complete: usize) -> bool {
    terms.len() >= 2
        && (complete == 0
            || (complete < FEW_COMPLETE
                && terms.len() >= 3
                && !terms.iter().any(|t| matches!(t, Term::Phrase(_)))))
}

/// [`still_typing`] of a parsed query.
pub(crate) fn typing(terms: &[Term]) -> bool {
    match terms {
        [Term::Word {
            token,
            prefix: true,
        }] => !completes(&token.norm, true) || clitic_and_letter(&token.norm),
        _ => false,
    }
}

/// A proclitic and one letter (بم، وا، لم): one letter of a word begun.
fn clitic_and_letter(norm: &str) -> bool {
    norm.chars().count() == 2 && norm.starts_with(['و', 'ف', 'ب', 'ل', 'ك'])
}

/// Whether a word unmatched otherwise is looked up within one edit: a Latin word of five
/// letters or more (a misspelt name: Hamouchi, Marakech), or by its transliteration
/// skeleton ([`sounds_alike`]: Nayef for Naif), or in the in-memory index as a phrase
/// without an article written on to it ([`without_latin_article`]: Alalam for Al Alam).
pub(crate) fn fuzzy_eligible(norm: &str) -> bool {
    norm.chars().all(|c| c.is_ascii_lowercase()) && norm.len() >= 5
}

/// A Latin word as its sounds, not its spelling: one Arabic name written in Latin letters
/// the French, English or academic way (نايف: Nayef, Naif, Nayif; حموشي: Hammouchi,
/// Hamouchy; طنجة: Tanger, Tangier; شيخ: Sheikh, Cheikh) gives one skeleton. Vowels stay
/// (محمود is not محمد: Mahmoud is not Mohamed). `o`, `ou` and `oo` are `u`, `ee`, `e` and
/// `y` are `i`, `ch` and `sh` are one letter (ش), `q` is `k`, `dj` is `j`, `ph` is `f`, `c`
/// before `e`, `i` or `y` is `s` (Naciri, Nasiri), a final `h` after a vowel goes
/// (Fatimah), a doubled letter counts once, and the vowel of a last syllable closed by a
/// consonant is one whether a, e or i (Muhammad, Mohammed). An article assimilated to the
/// sun letter after it and written on to the word (الناصري: Ennasseri; الصويرة: Essaouira;
/// التجاري: Attijari) goes: a vowel then a doubled t, d, r, z, s, n or sh/ch before three
/// letters or more, so Ennasseri reads as Nasseri (a doubled l is left: Allal is a name).
/// Only a word that found nothing otherwise is compared so (`fuzzy_eligible`): loose on
/// its own, it never outranks a real match.
pub(crate) fn latin_skeleton(norm: &str) -> String {
    let b = norm.as_bytes();
    let article = match b {
        [b'a' | b'e', c, d, rest @ ..] if c == d && b"tdrzsn".contains(c) && rest.len() >= 3 => 2,
        [b'a' | b'e', b'c' | b's', b'h', b'c' | b's', b'h', rest @ ..] if rest.len() >= 3 => 3,
        _ => 0,
    };
    let b = &b[article..];
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let next = b.get(i + 1).copied();
        let (c, used) = match (b[i], next) {
            (b'o', Some(b'u' | b'o')) => (b'u', 2),
            (b'e', Some(b'e')) => (b'i', 2),
            (b'c' | b's', Some(b'h')) => (b'x', 2),
            (b'd', Some(b'j')) => (b'j', 2),
            (b'p', Some(b'h')) => (b'f', 2),
            (b'o', _) => (b'u', 1),
            (b'e' | b'y', _) => (b'i', 1),
            (b'q', _) => (b'k', 1),
            (b'c', Some(b'e' | b'i' | b'y')) => (b's', 1),
            (c, _) => (c, 1),
        };
        if out.last() != Some(&c) {
            out.push(c);
        }
        i += used;
    }
    if out.len() > 2
        && out.last() == Some(&b'h')
        && matches!(out[out.len() - 2], b'a' | b'i' | b'u')
    {
        out.pop();
    }
    // The vowel between the last two consonants, unstressed, is written a, e or i as it
    // comes (محمد: Muhammad, Mohammed, Mohamed).
    if let [.., c, v @ (b'a' | b'i'), d] = out.as_mut_slice() {
        if !b"aiu".contains(c) && !b"aiu".contains(d) {
            *v = b'a';
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Whether `key`, a word of the index, may be the Latin word `norm` misspelt: within one
/// edit, or (a Latin key of a length within reach: doubled letters and vowel pairs make a
/// word at most twice another) with the same transliteration skeleton, `skeleton` being
/// `norm`'s. The in-memory index and a split catalogue's Latin vocabulary both ask it.
pub(crate) fn sounds_alike(key: &str, norm: &str, skeleton: &str) -> bool {
    within_one_edit(key, norm)
        || (key.len() * 2 >= norm.len()
            && norm.len() * 2 >= key.len()
            && latin_word(key)
            && latin_skeleton(key) == skeleton)
}

/// An Arabic word as its consonants, for a name spelt the way another region writes its
/// sounds: غلاسكو, جلاسجو and كلاسكو (Glasgow), مراكش, ماراكش and مراكيش (Marrakech),
/// الانتربول and الانتربل, اسكتلندا and سكوتلاندا, أطلانطا and أتلانتا. Alef and hamza go
/// wherever they are (a foreign name's first vowel is written ا or not), و and ي after the
/// first letter, and a last ه (ة). The letters a foreign g is written with count as one
/// (غ ج ك ق), and so do ت and ط; other letters stay apart, so that the words of the
/// language keep their own skeletons (مصالح is not مسلح). A letter written twice in a row
/// counts once. Loose on purpose, it is only asked for a word that found nothing otherwise
/// ([`arabic_fuzzy_eligible`]), and the index compares it with every key, with or without
/// a clitic (a key with one simply has another skeleton).
pub(crate) fn arabic_skeleton(word: &str) -> impl Iterator<Item = char> + '_ {
    let mut last = None;
    word.char_indices().filter_map(move |(i, c)| {
        let c = match c {
            'ا' | 'ء' => None,
            'و' | 'ي' if i > 0 => None,
            'ه' if i > 0 && i + c.len_utf8() == word.len() => None,
            'غ' | 'ج' | 'ق' => Some('ك'),
            'ط' => Some('ت'),
            c => Some(c),
        };
        // A dropped vowel between two equal letters keeps them two (سوس).
        let repeated = c.is_some() && last == c;
        last = c;
        c.filter(|_| !repeated)
    })
}

/// The forms of a query word compared by skeleton when it found nothing: its form without
/// clitics and, when a first letter was read as one (كلاسكو: ك as "like"), the word as
/// written; none unless [`arabic_fuzzy_eligible`].
pub(crate) fn arabic_forms(token: &Token) -> impl Iterator<Item = &str> {
    arabic_forms_of(&token.bare, token.literal.as_deref())
}

/// [`arabic_forms`] of a word's bare form and literal reading (a query's or a record's).
pub(crate) fn arabic_forms_of<'a>(
    bare: &'a str,
    literal: Option<&'a str>,
) -> impl Iterator<Item = &'a str> {
    let literal = literal.filter(|l| *l != bare);
    std::iter::once(bare)
        .chain(literal)
        .filter(|f| arabic_fuzzy_eligible(f))
}

/// Whether every letter of a normalised word is a Latin one (a word of a Latin language, or
/// Arabic typed in Latin letters), which is what the Latin readings and fallbacks ask.
pub(crate) fn latin_word(norm: &str) -> bool {
    norm.bytes().all(|b| b.is_ascii_lowercase())
}

/// Consonants an Arabic word needs for [`arabic_sounds_alike`]: with three, most words
/// share a root's skeleton (كتب، كاتب، قطب).
const ARABIC_SKELETON_MIN: usize = 4;

/// Whether an Arabic word (its form without clitics) that found nothing is compared with
/// the index's words ([`arabic_sounds_alike`]): every letter Arabic, and four letters or
/// more.
pub(crate) fn arabic_fuzzy_eligible(bare: &str) -> bool {
    bare.chars().all(|c| class(c) == Class::Arabic) && bare.chars().nth(3).is_some()
}

/// Whether `key`, a word of the index, may be the Arabic word `bare`
/// spelt another way: the same skeleton (`skeleton`, `bare`'s, when it has four consonants
/// or more), and lengths within three letters (the vowels a spelling adds or leaves out; an
/// Arabic letter is two bytes); or mistyped by one slip ([`arabic_slip`]: مراكس، طنحة،
/// الدخسي). The key's skeleton is read only as far as it agrees, so most keys
/// cost a letter or two, and only a key of about the same length is compared letter by
/// letter. The in-memory index and a split catalogue's Arabic vocabulary both ask it.
pub(crate) fn arabic_sounds_alike(key: &str, bare: &str, skeleton: &str) -> bool {
    let gap = key.len().abs_diff(bare.len());
    (gap <= 6
        && skeleton.chars().nth(ARABIC_SKELETON_MIN - 1).is_some()
        && arabic_skeleton(key).eq(skeleton.chars()))
        || (gap <= 2 && arabic_slip(key, bare))
}

/// A Latin word with an Arabic article written on to it (Alalam, Elkhabar): the article and
/// the word after it, when that is long enough to stand alone. Looked up as a phrase (al
/// alam), so that a word that only starts like an article (always, alone) finds nothing.
pub(crate) fn without_latin_article(norm: &str) -> Option<(&str, &str)> {
    let (article, rest) = norm.split_at_checked(2)?;
    (matches!(article, "al" | "el") && rest.len() >= 3).then_some((article, rest))
}

/// The classes of a Latin word's letters, one by one, as [`latin_as_arabic`] reads them. Two
/// neighbours of one class count once (a letter written twice: Hammouchi, one م with its
/// shadda unwritten; ck, cq); with a vowel between, twice (tetanus, تيتانوس; madad, مدد).
pub(crate) fn latin_classes(b: &[u8]) -> impl Iterator<Item = char> + '_ {
    let (mut i, mut last) = (0, None);
    std::iter::from_fn(move || loop {
        let &c = b.get(i)?;
        let next = b.get(i + 1).copied();
        let (class, len) = match (c, next) {
            (b'c' | b's', Some(b'h')) => (Some('c'), 2),
            (b'p', Some(b'h')) => (Some('f'), 2),
            (b'k', Some(b'h')) => (Some('h'), 2),
            (b'g', Some(b'h')) => (Some('k'), 2),
            (b't' | b'd', Some(b'h')) => (Some(c as char), 2),
            (b'o' | b'u', Some(b'o' | b'u')) => (Some('w'), 2),
            (b'e' | b'i' | b'a', Some(b'e' | b'i')) => (Some('y'), 2),
            (b'c', Some(b'e' | b'i' | b'y')) => (Some('s'), 1),
            (b'c' | b'g' | b'j' | b'q' | b'k', _) => (Some('k'), 1),
            (b'p', _) => (Some('b'), 1),
            (b'v', _) => (Some('f'), 1),
            (b'i', None) => (Some('y'), 1),
            (b'h', None) if i > 0 => (None, 1),
            (b'a' | b'e' | b'i' | b'o' | b'u' | b'x', _) => (None, 1),
            (c, _) => (Some(c as char), 1),
        };
        i += len;
        match class {
            // A vowel between two letters keeps them two.
            None => last = None,
            Some(c) if last == Some(c) => {}
            Some(c) => {
                last = Some(c);
                return Some(c);
            }
        }
    })
}

/// A Latin word that found nothing, as the Arabic it may spell ([`arabizi`]'s words once
/// read, or a Moroccan or academic spelling: mrakch, lmalaki, Dukhaysi, Achkaine): the
/// word, and with an article written on (lhamouchi, elhammouchi, almoutamar) the word
/// without it, each compared
/// by [`arabic_reads_as`] through its [`latin_classes`] (consonants as classes that a
/// Latin and an Arabic spelling share, and long vowels: `w` for ou, oo, w; `y` for ee, ii,
/// ai, ae, ei, ie, y and a last i; Hammouchi: hmwcy; a short vowel, as Arabic writes none,
/// and x left out). None under four classes and two consonants (think, dark and robot are
/// not read: three consonants alone are the root of too many words).
pub(crate) fn latin_as_arabic(norm: &str) -> Vec<&str> {
    // Letters for sounds Arabic has not (v, x, a p but in ph) mark a word of the Latin
    // languages, not a spelling of Arabic: journaux is not كورونا.
    let foreign = norm.contains(['v', 'x'])
        || norm
            .match_indices('p')
            .any(|(i, _)| !norm[i + 1..].starts_with('h'));
    if foreign || !latin_word(norm) {
        return Vec::new();
    }
    // Four classes, two of them consonants at least: three consonants alone are a root
    // that too many words share (think: طنجة, short: شرطة, dark: درك).
    // A first vowel is a letter of the Arabic word (ا or ع: irhab, إرهاب; omran, عمران),
    // but not an article's (alalam is no word العالمي; it is al alam) nor after an article
    // taken off (listen is not l + اصطناعي).
    let enough = |w: &str| {
        let first = w.len() == norm.len()
            && !w.starts_with("al")
            && !w.starts_with("el")
            && opens_with_vowel(w.as_bytes());
        let (mut n, mut consonants) = (usize::from(first), 0);
        for c in latin_classes(w.as_bytes()) {
            n += 1;
            consonants += usize::from(!matches!(c, 'w' | 'y'));
        }
        n >= 4 && consonants >= 2
    };
    let mut forms = Vec::new();
    let article = ["al", "el", "l"].iter().find_map(|a| norm.strip_prefix(a));
    forms.extend(article.filter(|w| enough(w)));
    if enough(norm) {
        forms.push(norm);
    }
    forms
}

/// Whether the Arabic word `key` may be what the Latin word `latin` spells (read by
/// [`latin_classes`]): its consonants as classes (ت ط ث: t; ج غ ق ك: k; ح ه خ: h; د ض ذ: d; ز ظ: z;
/// س ص: s; ش: c), every one matched in order; alef, hamza and ع left out (a Latin spelling
/// writes them as vowels or not at all), and a last ه (ة). A first و or ي is a consonant;
/// after it, either is a long vowel that the Latin spelling may write (Hammouchi, حموشي) or
/// not (Mohamed, محمود), while a long vowel the Latin spelling writes must be there
/// (Mahmoud is not محمد). Read only as far as it agrees, so most words cost a letter or
/// two. The word is normalised (أ إ آ are ا, ة is ه, ؤ ئ ى are و ي ي).
pub(crate) fn arabic_reads_as(key: &str, latin: &str) -> bool {
    // A first alef is a vowel the Latin spelling writes (Achkayen: أشكاين), or the one
    // Arabic puts before two consonants (strategy: استراتيجية; chkayen, mhamed), or the
    // article's (lmaghrib: المغرب): أمريكية is not marroqui. A first consonant may be
    // written with two letters (ch, sh, kh, gh, th, dh, ph).
    let vowel = |c: Option<&u8>| c.is_some_and(|c| b"aeiouy".contains(c));
    let b = latin.as_bytes();
    let digraph = matches!(
        b.first(),
        Some(b'c' | b's' | b'k' | b'g' | b't' | b'd' | b'p')
    ) && b.get(1) == Some(&b'h');
    if key.starts_with('ا')
        && !key[2..].starts_with('ل')
        && !vowel(b.first())
        && vowel(b.get(1 + usize::from(digraph)))
    {
        return false;
    }
    // And a first vowel is one: irhab is إرهاب, not رهاب.
    if opens_with_vowel(b) && !key.starts_with(['ا', 'ع']) {
        return false;
    }
    let mut want = latin_classes(latin.as_bytes()).peekable();
    for (i, c) in key.char_indices() {
        let class = match c {
            'ا' | 'ء' | 'ع' => continue,
            'ه' if i > 0 && i + c.len_utf8() == key.len() => continue,
            'و' | 'ي' if i > 0 => {
                let vowel = if c == 'و' { 'w' } else { 'y' };
                if want.peek() == Some(&vowel) {
                    want.next();
                }
                continue;
            }
            'و' => 'w',
            'ي' => 'y',
            'ب' => 'b',
            'ت' | 'ط' | 'ث' => 't',
            'ج' | 'غ' | 'ق' | 'ك' => 'k',
            'ح' | 'ه' | 'خ' => 'h',
            'د' | 'ض' | 'ذ' => 'd',
            'ر' => 'r',
            'ز' | 'ظ' => 'z',
            'س' | 'ص' => 's',
            'ش' => 'c',
            'ف' => 'f',
            'ل' => 'l',
            'م' => 'm',
            'ن' => 'n',
            _ => return false,
        };
        if want.next() != Some(class) {
            return false;
        }
    }
    want.next().is_none()
}

/// Whether a Latin word starts with a vowel [`latin_classes`] reads as none (irhab, omran;
/// not oujda's ou nor aisha's ai, read as و and ي), other than the article's before a
/// letter it doubles (Ennasseri, Essaouira: الناصري، الصويرة).
fn opens_with_vowel(b: &[u8]) -> bool {
    match b {
        [b'o' | b'u', b'o' | b'u', ..] | [b'e' | b'i' | b'a', b'e' | b'i', ..] => false,
        [_, c, d, ..] if c == d => false,
        [c, ..] => b"aeiou".contains(c),
        [] => false,
    }
}

/// A word that found nothing, read as a spelling of the other script: a Latin word as the
/// Arabic it may spell ([`latin_as_arabic`]: mrakch, مراكش), an Arabic word of four
/// consonants or more as a name the records write in Latin letters (هيندس: Hinds). The
/// index compares it with every key of [`OtherScript::dicts`]; a split catalogue, with its
/// vocabulary of the other script.
pub(crate) enum OtherScript<'a> {
    /// The Latin word's readings ([`latin_as_arabic`]), compared with Arabic keys.
    Arabic(Vec<&'a str>),
    /// The Arabic word's forms, compared with Latin keys.
    Latin(Vec<&'a str>),
}

impl<'a> OtherScript<'a> {
    pub(crate) fn of(token: &'a Token) -> Self {
        let forms = latin_as_arabic(&token.norm);
        if forms.is_empty() {
            OtherScript::Latin(
                arabic_forms(token)
                    .filter(|f| arabic_skeleton(f).nth(ARABIC_SKELETON_MIN - 1).is_some())
                    .collect(),
            )
        } else {
            OtherScript::Arabic(forms)
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        match self {
            OtherScript::Arabic(forms) => forms.is_empty(),
            OtherScript::Latin(forms) => forms.is_empty(),
        }
    }

    /// The dictionaries whose keys are compared: an Arabic word's surface and bare forms, a
    /// Latin word's surface form.
    pub(crate) fn dicts(&self) -> &'static [Dict] {
        match self {
            OtherScript::Arabic(_) => &[Dict::Norm, Dict::Bare],
            OtherScript::Latin(_) => &[Dict::Norm],
        }
    }

    /// Whether `key` is what the word spells.
    pub(crate) fn reads_as(&self, key: &str) -> bool {
        match self {
            OtherScript::Arabic(forms) => forms.iter().any(|f| arabic_reads_as(key, f)),
            OtherScript::Latin(forms) => {
                key.len() >= 4 && latin_word(key) && forms.iter().any(|f| arabic_reads_as(f, key))
            }
        }
    }
}

/// Two words written as one, each way of reading it as two: a Latin word with an Arabic
/// article written on to it ([`without_latin_article`]: alalam), and an Arabic word with the
/// space before an article left out (الدارالبيضاء: الدار البيضاء; الأمنالوطني), cut before
/// each ال that has three letters or more before it (not a clitic and the article: وبال،
/// فال) and two letters after it. Looked up as phrases, once the word found nothing else,
/// so that a word that only contains an article (الاتصالات) finds only what a phrase of its
/// halves does: usually nothing.
pub(crate) fn written_together(norm: &str) -> impl Iterator<Item = (&str, &str)> {
    let latin = without_latin_article(norm).filter(|_| fuzzy_eligible(norm));
    let arabic = norm
        .match_indices("ال")
        .map(|(i, _)| norm.split_at(i))
        // Arabic letters are two bytes each.
        .filter(|(before, after)| before.len() >= 6 && after.len() >= 8);
    latin.into_iter().chain(arabic)
}

/// Token counts told apart by the short-field boost: a field longer than this weighs as
/// one of this length (the boosts differ by less than 1/4096 beyond it), which keeps a
/// field's impact to a few thousand values (two bytes a document in the index).
pub(crate) const MAX_COUNTED: usize = 4096;

/// The boost of a field of `count` tokens.
fn field_boost(count: usize) -> f32 {
    1.0 + 1.0 / count.clamp(1, MAX_COUNTED) as f32
}

/// What a word found in what a record is called or is (its titles, its aliases, its own
/// values: an event's dates and edition, a figure's number) is worth over its field's
/// weight × short-field boost. The boost alone doubles a one-word name: «Marrakech 2022»
/// ranked the city (its one-word name, and 2022 in its summary) level with the congress
/// whose seven-word title holds both words, and «Glasgow 2024» the city above the assembly
/// held there that year. A fixed credit per word found there keeps short names first for
/// one word and puts first the record that every word of a query names.
pub(crate) const NAME_CREDIT: f32 = 10.0;

/// The worth of a match in a field of kind `name` and `count` tokens, before the match's
/// quality (the index keeps it as a code; the split index recomputes it).
pub(crate) fn field_impact(name: FieldName, count: usize) -> f32 {
    let credit = match name {
        FieldName::Title | FieldName::Alias | FieldName::Value => NAME_CREDIT,

        _ => 0.0,
    };
    credit + name.weight() * field_boost(count)
}

/// Sources are cited by everything; a query naming an outlet that is also an organisation
/// (INTERPOL) most likely wants the organisation, unless it asks for sources
/// ([`Asks::sources`]). A query asking how many ([`Asks::how_many`]) most likely wants a
/// figure.
pub(crate) fn kind_prior(kind: crate::model::Kind, asks: Asks) -> f32 {
    match kind {
        crate::model::Kind::Source if asks.sources => SOURCES_ASKED,
        crate::model::Kind::Source => 0.7,
        crate::model::Kind::Figure if asks.how_many => FIGURE_PRIOR,
        _ => 1.0,
    }
}

/// A source's weight when the query asks for sources ([`Asks::sources`]): before every
/// other record that lacks as many of its words.
const SOURCES_ASKED: f32 = 1000.0;

/// A figure's weight when the query asks how many ([`Asks::how_many`]).
const FIGURE_PRIOR: f32 = 3.0;

/// True when `a` and `b` differ by at most one insertion, deletion or substitution, or by
/// two neighbouring letters swapped.
pub(crate) fn within_one_edit(a: &str, b: &str) -> bool {
    one_edit(a, b, |_, _, _| true)
}

/// Whether the Arabic words `a` and `b` differ by one slip as [`within_one_edit`] counts
/// them, of the kinds a reader's Arabic typing makes:
/// - a letter for another of its shape, which only its dots tell apart (طنحة for طنجة,
///   مراكس for مراكش, المتفحرات), or of its sound, as speakers of the dialects confuse them
///   and as a word heard is spelt (الدخيصي for الدخيسي, ث for س, ظ for ض, ذ for ز, ط for ت);
/// - a long vowel or hamza added or left out (الدخسي for الدخيسي), and any letter left out
///   of a word of six letters or more, five typed (الانتبول for الانتربول);
/// - two neighbours swapped, in a word of four letters or more (طجنة, حمشوي, الجماكر): the
///   commonest slip of the fingers, which search engines count as one typo.
///
/// Another letter for a letter makes another word too often (جريدة is not جريمة; مؤامرات is
/// not مؤتمرات), and so does a swap in a word of three letters, most words' root. A swap in
/// a longer word may make another word too (كاتب، كتاب): this is only asked for a word
/// that found nothing as written ([`arabic_sounds_alike`]), where a near word is a better
/// answer than none, and the reader sees the word it found marked. The words are
/// normalised: the seats of a hamza are one letter already (موتمر is مؤتمر).
pub(crate) fn arabic_slip(a: &str, b: &str) -> bool {
    // Letters told apart by their dots or hamza only.
    const SHAPES: &str = "بتثني جحخ دذ رز سش صض طظ عغ فق اء";
    // Letters of one sound, or of sounds the dialects and a word heard confuse.
    const SOUNDS: &str = "سصث تطث دض ذزظ ضظ حه قك عء";
    const VOWELS: &str = "اويء";
    fn same(x: char, y: char, groups: &str) -> bool {
        groups.split(' ').any(|s| s.contains(x) && s.contains(y))
    }
    one_edit(a, b, |x, y, shorter| match (x, y) {
        (Some(x), Some(y)) => same(x, y, SHAPES) || same(x, y, SOUNDS),
        (Some(c), None) | (None, Some(c)) => VOWELS.contains(c) || shorter >= 5,
        (None, None) => shorter >= 4,
    })
}

/// [`within_one_edit`], with `allowed` saying which slip may count: a letter for another
/// (both given), a letter added or left out (one given), or two neighbours swapped (none);
/// and the letters of the shorter word, counted only once a slip is found.
fn one_edit(a: &str, b: &str, allowed: fn(Option<char>, Option<char>, usize) -> bool) -> bool {
    let allowed = |x, y| allowed(x, y, a.chars().count().min(b.chars().count()));
    // Where they part: the same byte in both, their beginnings being the same letters. Read
    // in place, without a copy: the fallbacks compare a word with every key of the index.
    let Some(i) = a
        .char_indices()
        .zip(b.chars())
        .find(|&((_, x), y)| x != y)
        .map(|((i, _), _)| i)
    else {
        // One is the other's beginning: the same, or one letter more at the end.
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        let mut more = long[short.len()..].chars();
        return match (more.next(), more.next()) {
            (None, _) => true,
            (Some(c), None) => allowed(None, Some(c)),
            _ => false,
        };
    };
    let (ra, rb) = (&a[i..], &b[i..]);
    let (Some(x), Some(y)) = (ra.chars().next(), rb.chars().next()) else {
        return false;
    };
    let (ta, tb) = (&ra[x.len_utf8()..], &rb[y.len_utf8()..]);
    // One letter replaced; one added or dropped; or two neighbours swapped (Intrepol,
    // Glasgwo: one slip of the fingers, as Damerau counts it).
    (ta == tb && allowed(Some(x), Some(y)))
        || (ta == rb && allowed(Some(x), None))
        || (ra == tb && allowed(None, Some(y)))
        || (ta
            .strip_prefix(y)
            .zip(tb.strip_prefix(x))
            .is_some_and(|(p, q)| p == q)
            && allowed(None, None))
}

#[cfg(test)]
mod tests;
