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
//! consecutive words of one field; common words are dropped when other terms remain.

use crate::analyze::{for_each_token, strip_suffix, tokenize, Forms, Token, STOPWORDS};
use crate::catalog::{Catalog, Record, RecordRef};
use crate::lexicon::Lexicon;
use crate::model::Text;
use std::collections::HashMap;

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

/// Match quality of one kind of term match, multiplied by the field weight.
pub(crate) const EXACT: f32 = 1.0;
pub(crate) const BARE: f32 = 0.9;
/// A match through the clitic reading of a word whose first letter may be its own (the
/// query «وزارة» read as و + زارة): a little below the literal reading.
pub(crate) const ALT_BARE: f32 = 0.85;
pub(crate) const STEM: f32 = 0.75;
pub(crate) const ALT_STEM: f32 = 0.7;
pub(crate) const PREFIX: f32 = 0.6;
pub(crate) const FUZZY: f32 = 0.45;

/// A highlighted range of one displayed field, in bytes of that field's original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub field: FieldName,
    pub lang: &'static str,
    pub start: u32,
    pub end: u32,
}

/// One hit, with its highlights: made for the hits shown ([`Hits::top`], [`Hits::hit`]),
/// never for every match of a broad query.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub record: RecordRef,
    pub score: f32,
    /// The matched ranges of this hit's shown fields (titles and summaries), in text order.
    spans: Vec<Span>,
    /// How many words of the query this record does not match: 0, unless no record matches
    /// every word (then the records matching the most words are shown, see
    /// [`SearchIndex::search`]).
    pub missing: u8,
}

/// One matched document's ranking key, in one integer: the words it misses (8 bits), its
/// score (32 bits, highest first, see [`descending`]), then the document (24 bits).
/// Documents are numbered in record order (kind, then index: [`Catalog::all`]), so ties go
/// to the record that comes first. Sorting and comparing these is several times faster
/// than sorting hits.
type Entry = u64;

/// The most documents an index ranks apart (2^24, 16.7 million records).
const MAX_DOCS: usize = 1 << 24;

fn entry(missing: u8, score: u32, doc: u32) -> Entry {
    (u64::from(missing) << 56) | (u64::from(score) << 24) | u64::from(doc & (MAX_DOCS as u32 - 1))
}

fn entry_missing(e: Entry) -> u8 {
    (e >> 56) as u8
}

fn entry_score(e: Entry) -> u32 {
    (e >> 24) as u32
}

fn entry_doc(e: Entry) -> u32 {
    (e & (MAX_DOCS as u64 - 1)) as u32
}

/// How many of the best hits a search ranks at once: a screenful of cards and more. The
/// rest are ranked only when asked for ([`Hits::ranked`]).
const RANKED_FIRST: usize = 48;

/// The result of a search: every matching record, counted exactly, ranked lazily.
///
/// A broad word matches a third of a large catalogue; sorting all its matches and building
/// every hit's highlights cost more than the matching itself. A search therefore keeps one
/// small key per match, ranks only the best few dozen while matching, and computes
/// highlights only for the hits a caller takes.
#[derive(Clone, Debug, Default)]
pub struct Hits {
    /// Every match, in the order matched (not ranked).
    entries: Vec<Entry>,
    /// The best `min(len, RANKED_FIRST)` entries, best first.
    best: Vec<Entry>,
    /// What each word of the query matched, to find a shown hit's highlights.
    lists: std::sync::Arc<[List]>,
}

impl PartialEq for Hits {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries && self.lists == other.lists
    }
}

/// What one query word matched: a term of a dictionary, or a quoted phrase (its words,
/// normalised).
#[derive(Clone, Debug, PartialEq)]
enum List {
    Term(Dict, u32),
    Phrase(Vec<String>),
}

impl Hits {
    /// Number of matching records.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether these are partial matches: no record had every word of the query, so these
    /// are the records matching the most words (the app says so in its count line).
    pub fn partial(&self) -> bool {
        self.best.first().is_some_and(|&e| entry_missing(e) > 0)
    }

    /// Every matching record, in no particular order (for counts and filters).
    pub fn records<'a>(&'a self, index: &'a SearchIndex) -> impl Iterator<Item = RecordRef> + 'a {
        self.entries.iter().map(|e| index.docs[entry_doc(*e) as usize])
    }

    /// Every matching record with its score and the words it misses, in no particular
    /// order.
    pub fn scores<'a>(
        &'a self,
        index: &'a SearchIndex,
    ) -> impl Iterator<Item = (RecordRef, f32, u8)> + 'a {
        self.entries.iter().map(|&e| {
            (
                index.docs[entry_doc(e) as usize],
                undescend(entry_score(e)),
                entry_missing(e),
            )
        })
    }

    /// The matching records that `keep` accepts, best first. Filtering first and ranking
    /// only what is kept: a filter narrows a broad query before anything is sorted.
    pub fn ranked(&self, index: &SearchIndex, keep: impl Fn(RecordRef) -> bool) -> Vec<RecordRef> {
        let docs = &index.docs;
        // The best entries are already in order: when they are all kept and are all there
        // is, no sort is needed.
        if self.best.len() == self.entries.len() {
            return self
                .best
                .iter()
                .map(|&e| docs[entry_doc(e) as usize])
                .filter(|&r| keep(r))
                .collect();
        }
        let mut kept: Vec<Entry> = self
            .entries
            .iter()
            .copied()
            .filter(|e| keep(docs[entry_doc(*e) as usize]))
            .collect();
        kept.sort_unstable();
        kept.into_iter().map(|e| docs[entry_doc(e) as usize]).collect()
    }

    /// The best `k` entries, best first.
    fn best(&self, k: usize) -> std::borrow::Cow<'_, [Entry]> {
        if k <= self.best.len() || self.best.len() == self.entries.len() {
            return self.best[..k.min(self.best.len())].into();
        }
        let mut all = self.entries.clone();
        all.sort_unstable();
        all.truncate(k);
        all.into()
    }

    /// The best `k` records, best first, without highlights (see [`Hits::top`]).
    pub fn first(&self, index: &SearchIndex, k: usize) -> Vec<RecordRef> {
        self.best(k).iter().map(|e| index.docs[entry_doc(*e) as usize]).collect()
    }

    /// The best `k` hits, best first, with their highlights (`index` is the index of
    /// `catalog` that found them).
    pub fn top(&self, index: &SearchIndex, catalog: &Catalog, k: usize) -> Vec<Hit> {
        self.best(k)
            .iter()
            .map(|&e| index.hit(catalog, e, &self.lists))
            .collect()
    }

    /// The hit for `record`, with its highlights (`None` when it did not match).
    pub fn hit(&self, index: &SearchIndex, catalog: &Catalog, record: RecordRef) -> Option<Hit> {
        let e = self
            .best
            .iter()
            .chain(&self.entries)
            .find(|&&e| index.docs[entry_doc(e) as usize] == record)?;
        Some(index.hit(catalog, *e, &self.lists))
    }
}

/// Whether `hits` are partial matches (see [`Hits::partial`]).
pub fn partial(hits: &[Hit]) -> bool {
    hits.first().is_some_and(|h| h.missing > 0)
}

impl Hit {
    /// The matched ranges of this hit's shown fields (titles and summaries), in text order.
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    /// The highlight ranges for one displayed field, sorted and merged.
    pub fn ranges(&self, field: FieldName, lang: &str) -> Vec<(usize, usize)> {
        let mut r: Vec<(usize, usize)> = self
            .spans()
            .iter()
            .filter(|s| s.field == field && s.lang == lang)
            .map(|s| (s.start as usize, s.end as usize))
            .collect();
        merge(&mut r);
        r
    }
}

fn merge(r: &mut Vec<(usize, usize)>) {
    crate::order::sort(r);
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(r.len());
    for &(s, e) in r.iter() {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    *r = out;
}

/// Splits `text` into (piece, highlighted) segments along byte `ranges` (sorted, merged).
/// Ranges that are out of bounds or not on character boundaries are skipped.
pub fn segments<'t>(text: &'t str, ranges: &[(usize, usize)]) -> Vec<(&'t str, bool)> {
    let mut out = Vec::new();
    let mut at = 0;
    for &(s, e) in ranges {
        if s < at
            || e > text.len()
            || s >= e
            || !text.is_char_boundary(s)
            || !text.is_char_boundary(e)
        {
            continue;
        }
        if s > at {
            out.push((&text[at..s], false));
        }
        out.push((&text[s..e], true));
        at = e;
    }
    if at < text.len() {
        out.push((&text[at..], false));
    }
    out
}

/// One term of a parsed query.
#[derive(Clone, Debug, PartialEq)]
pub enum Term {
    Word { token: Token, prefix: bool },
    Phrase(Vec<Token>),
}

/// Parses a query: quoted phrases, words, the last word as a prefix.
pub fn parse_query(q: &str) -> Vec<Term> {
    let mut terms = Vec::new();
    let mut rest = q;
    let is_open = |c: char| matches!(c, '"' | '«' | '“' | '”' | '»');
    loop {
        match rest.find(is_open) {
            Some(i) => {
                let before = &rest[..i];
                terms.extend(tokenize(before).into_iter().map(|token| Term::Word {
                    token,
                    prefix: false,
                }));
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
                for (i, token) in words.into_iter().enumerate() {
                    let prefix = i + 1 == n && ends_open && !rest.ends_with(char::is_whitespace);
                    terms.push(Term::Word { token, prefix });
                }
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
pub(crate) fn lookups<'a>(
    token: &'a Token,
    prefix: bool,
    lexicon: &'a Lexicon,
) -> impl Iterator<Item = (Dict, &'a str, f32)> + 'a {
    let partial = prefix && !completes(&token.norm, true);
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
    let stem = lexicon.stem(bare, raw_stem);
    let literal = token.literal.as_deref();
    let literal_stem = token
        .literal_stem
        .as_deref()
        .map(|l| lexicon.stem(literal.unwrap_or(norm), l))
        .filter(|&l| l != stem);
    // ال at the front may be the word's own letters (إلكتروني, ألماني fold to الـ): the word
    // as written is then also looked up among bare forms (الإلكتروني's is الكتروني).
    let article_own = literal.is_none() && bare != norm && norm.starts_with("ال");
    // The word as written, when it is neither the bare form nor the literal reading.
    let whole = (article_own || literal.is_some_and(|l| l != norm))
        .then(|| lexicon.stem(norm, strip_suffix(norm)));
    let whole_q = if article_own { ALT_BARE } else { BARE };
    let whole_stem_q = if article_own { ALT_STEM } else { STEM };
    let differs = bare != raw_stem;
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
        Some((Dict::Stem, stem, stem_q)),
        literal_stem.map(|l| (Dict::Stem, l, STEM)),
        (differs && bare != stem).then_some((Dict::Stem, bare, stem_q)),
        differs.then_some((Dict::Norm, raw_stem, stem_q)),
        differs.then_some((Dict::Bare, raw_stem, stem_q)),
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

/// The documents one term is found in, in document order, each with the best impact
/// (field weight × short-field boost) of the fields it is found in. Two arrays read side by
/// side: a common word's list is read from start to end, with no look-up per match.
#[derive(Debug, Default)]
struct DocList {
    docs: Vec<u32>,
    impact: Vec<f32>,
}

impl DocList {
    /// Adds `doc` (the latest document indexed), or raises its impact.
    fn add(&mut self, doc: u32, impact: f32) {
        if self.docs.last() == Some(&doc) {
            let last = self.impact.last_mut().expect("one impact per doc");
            *last = last.max(impact);
        } else {
            self.docs.push(doc);
            self.impact.push(impact);
        }
    }

    fn len(&self) -> usize {
        self.docs.len()
    }

    fn contains(&self, doc: u32) -> bool {
        self.docs.binary_search(&doc).is_ok()
    }
}

/// Terms and their document lists, sorted by term once the index is built: exact look-ups
/// and prefix ranges are binary searches, and each distinct term is stored once.
#[derive(Debug, Default)]
struct Terms {
    keys: Vec<Box<str>>,
    lists: Vec<DocList>,
}

impl Terms {
    fn position(&self, key: &str) -> Option<usize> {
        self.keys.binary_search_by(|k| (**k).cmp(key)).ok()
    }

    /// The positions of every term starting with `prefix`.
    fn prefixed(&self, prefix: &str) -> std::ops::Range<usize> {
        let start = self.keys.partition_point(|k| &**k < prefix);
        let len = self.keys[start..].partition_point(|k| k.starts_with(prefix));
        start..start + len
    }
}

/// Collects terms while indexing: a hash look-up per token, allocating only for new terms.
#[derive(Default)]
struct TermsBuilder {
    ids: HashMap<Box<str>, u32, rustc_hash::FxBuildHasher>,
    keys: Vec<Box<str>>,
    lists: Vec<DocList>,
}

impl TermsBuilder {
    /// The (provisional) id of `key`, added if new.
    fn id(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.keys.len() as u32;
        self.ids.insert(key.into(), id);
        self.keys.push(key.into());
        self.lists.push(DocList::default());
        id
    }

    /// Sorts the terms. Each list is shrunk to its length (grown by doubling, they held a
    /// quarter more than needed on average).
    fn finish(self) -> Terms {
        let mut order: Vec<u32> = (0..self.keys.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| self.keys[a as usize].cmp(&self.keys[b as usize]));
        let mut keys: Vec<Option<Box<str>>> = self.keys.into_iter().map(Some).collect();
        let mut lists: Vec<Option<DocList>> = self.lists.into_iter().map(Some).collect();
        Terms {
            keys: order
                .iter()
                .map(|&o| keys[o as usize].take().unwrap_or_default())
                .collect(),
            lists: order
                .iter()
                .map(|&o| {
                    let mut list = lists[o as usize].take().unwrap_or_default();
                    list.docs.shrink_to_fit();
                    list.impact.shrink_to_fit();
                    list
                })
                .collect(),
        }
    }
}

/// A value per document: an array indexed by document when a large share of them is
/// expected, else a hash map (zeroing an array of every document would cost more than a
/// rare word's whole query).
enum PerDoc<T> {
    Dense(Vec<T>),
    Sparse(HashMap<u32, T, rustc_hash::FxBuildHasher>),
}

impl<T: Copy + Default> PerDoc<T> {
    fn new(docs: usize, expected: usize) -> Self {
        if expected.saturating_mul(8) >= docs {
            PerDoc::Dense(vec![T::default(); docs])
        } else {
            PerDoc::Sparse(HashMap::default())
        }
    }

    fn get(&self, doc: u32) -> T {
        match self {
            PerDoc::Dense(v) => v[doc as usize],
            PerDoc::Sparse(m) => m.get(&doc).copied().unwrap_or_default(),
        }
    }

    fn get_mut(&mut self, doc: u32) -> &mut T {
        match self {
            PerDoc::Dense(v) => &mut v[doc as usize],
            PerDoc::Sparse(m) => m.entry(doc).or_default(),
        }
    }
}

/// The documents one term (or every term so far) matches, kept flat: a short prefix can
/// match most documents through a hundred thousand postings, and one hash entry and one
/// small vector per document made such a keystroke cost 48 ms at 10k records.
struct DocMatches {
    /// Matched documents, in the order first matched.
    docs: Vec<u32>,
    /// Best score per document (0 when unmatched: every score is > 0).
    score: PerDoc<f32>,
}

impl DocMatches {
    /// Adds the documents of one matching list, each scored impact × `quality`, keeping
    /// each document's best score.
    fn add_list(&mut self, docs: &[u32], impact: &[f32], quality: f32) {
        match &mut self.score {
            // The broad case, kept tight (no call per document, even at opt-level "z"): a
            // common word reads a third of a large catalogue.
            PerDoc::Dense(best) => {
                // Slices, not vectors, in the loop: their indexing is built in, where a
                // vector's is a call at opt-level "z".
                let mut new = vec![0u32; docs.len()];
                let (best, out): (&mut [f32], &mut [u32]) = (best, &mut new);
                let mut n = 0;
                for (&doc, &imp) in docs.iter().zip(impact) {
                    let s = imp * quality;
                    let b = &mut best[doc as usize];
                    if *b == 0.0 {
                        out[n] = doc;
                        n += 1;
                    }
                    if s > *b {
                        *b = s;
                    }
                }
                new.truncate(n);
                if self.docs.is_empty() {
                    self.docs = new;
                } else {
                    self.docs.extend_from_slice(&new);
                }
            }
            PerDoc::Sparse(best) => {
                for (&doc, &imp) in docs.iter().zip(impact) {
                    let s = imp * quality;
                    let b = best.entry(doc).or_default();
                    if *b == 0.0 {
                        self.docs.push(doc);
                    }
                    if s > *b {
                        *b = s;
                    }
                }
            }
        }
    }

    /// Keeps the documents both match, adding their scores (every term must match).
    fn and(mut self, other: DocMatches) -> DocMatches {
        let mut kept = Vec::with_capacity(self.docs.len().min(other.docs.len()));
        for &d in &self.docs {
            let o = other.score.get(d);
            let s = self.score.get_mut(d);
            if o > 0.0 {
                *s += o;
                kept.push(d);
            } else {
                *s = 0.0;
            }
        }
        self.docs = kept;
        self
    }
}

/// The search index over a catalog.
///
/// Each dictionary maps a term to the documents it is found in, with no record of where:
/// a search reads one entry per matching document, and the highlights of the few hits
/// shown are found again in their text (see [`Hits::top`]), as are the words of a quoted
/// phrase. At 10k records a token-level index (a posting per token, 12 bytes, and the
/// lists of those postings) held twice the memory.
#[derive(Debug, Default)]
pub struct SearchIndex {
    docs: Vec<RecordRef>,
    by_norm: Terms,
    by_bare: Terms,
    by_stem: Terms,
    /// Broken plurals, from the bundle.
    lexicon: Lexicon,
}

/// The index while it is being built.
#[derive(Default)]
struct Builder {
    ix: SearchIndex,
    by_norm: TermsBuilder,
    by_bare: TermsBuilder,
    by_stem: TermsBuilder,
    /// The terms of the field being added (reused from field to field).
    scratch: Vec<(Dict, u32)>,
}

impl Builder {
    fn add_field(&mut self, doc: u32, name: FieldName, text: &str) {
        let (by_norm, by_bare, by_stem) = (&mut self.by_norm, &mut self.by_bare, &mut self.by_stem);
        let lexicon = &self.ix.lexicon;
        let scratch = &mut self.scratch;
        scratch.clear();
        let mut count = 0usize;
        for_each_token(text, |forms, _, _| {
            count += 1;
            doc_keys(forms, lexicon, |dict, key| {
                let id = match dict {
                    Dict::Norm => by_norm.id(key),
                    Dict::Bare => by_bare.id(key),
                    Dict::Stem => by_stem.id(key),
                };
                scratch.push((dict, id));
            });
        });
        // Short fields weigh more: a match on a one-word name beats one in a long title.
        let impact = name.weight() * field_boost(count);
        for &(dict, id) in scratch.iter() {
            let terms = match dict {
                Dict::Norm => &mut *by_norm,
                Dict::Bare => &mut *by_bare,
                Dict::Stem => &mut *by_stem,
            };
            terms.lists[id as usize].add(doc, impact);
        }
    }

    fn finish(self) -> SearchIndex {
        let mut ix = self.ix;
        ix.docs.shrink_to_fit();
        ix.by_norm = self.by_norm.finish();
        ix.by_bare = self.by_bare.finish();
        ix.by_stem = self.by_stem.finish();
        ix
    }
}

/// Builds a [`SearchIndex`] a few records at a time, so a page can index between frames
/// instead of in one long task; the result is the same as [`SearchIndex::build`]'s.
pub struct IndexBuilder {
    builder: Builder,
    records: Vec<RecordRef>,
}

impl std::fmt::Debug for IndexBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IndexBuilder")
            .field("indexed", &self.indexed())
            .field("records", &self.records.len())
            .finish()
    }
}

impl IndexBuilder {
    /// A builder for every record of `catalog` (nothing indexed yet).
    pub fn new(catalog: &Catalog) -> Self {
        let mut builder = Builder::default();
        builder.ix.lexicon = Lexicon::new(&catalog.bundle.plurals);
        IndexBuilder {
            builder,
            records: catalog.all(),
        }
    }

    /// How many records are indexed so far.
    pub fn indexed(&self) -> usize {
        self.builder.ix.docs.len()
    }

    /// Is every record indexed (only [`IndexBuilder::finish`] is left)?
    pub fn is_done(&self) -> bool {
        self.indexed() == self.records.len()
    }

    /// Indexes up to `n` more records of `catalog` (the catalog given to `new`).
    pub fn step(&mut self, catalog: &Catalog, n: usize) {
        let b = &mut self.builder;
        let start = b.ix.docs.len();
        for &r in self.records.iter().skip(start).take(n) {
            let doc = b.ix.docs.len() as u32;
            b.ix.docs.push(r);
            for (name, _, text) in doc_fields(catalog, catalog.get(r)) {
                b.add_field(doc, name, &text);
            }
        }
    }

    /// Indexes what is left and returns the index.
    pub fn finish(mut self, catalog: &Catalog) -> SearchIndex {
        self.step(catalog, usize::MAX);
        self.builder.finish()
    }
}

impl SearchIndex {
    pub fn build(catalog: &Catalog) -> Self {
        IndexBuilder::new(catalog).finish(catalog)
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The broken-plural lexicon the index was built with.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Number of distinct normalised terms.
    pub fn vocabulary(&self) -> usize {
        self.by_norm.keys.len()
    }

    /// Every hit of a query, ranked, with highlights: [`SearchIndex::search`] and
    /// [`Hits::top`] of them all, for small catalogues and tests.
    pub fn search_all(&self, catalog: &Catalog, query: &str) -> Option<Vec<Hit>> {
        self.search(catalog, query)
            .map(|hits| hits.top(self, catalog, hits.len()))
    }

    /// Runs a query over the index of `catalog`. An empty query (or one with no searchable
    /// token) returns `None`, and so does a word still being typed that finds nothing yet
    /// ([`still_typing`]).
    ///
    /// When no record matches every word of a query of several words, the records matching
    /// at least one are returned, those matching the most words first, then by score, each
    /// with the number of words it lacks in [`Hit::missing`] (as Meilisearch's matching
    /// strategy drops words): «مؤتمر البرازيل» shows the congresses. A query none of whose
    /// words matches anything still returns no hit.
    ///
    /// The count is exact; only the best hits are ranked (see [`Hits`]).
    pub fn search(&self, catalog: &Catalog, query: &str) -> Option<Hits> {
        let terms = parse_query(query);
        if terms.is_empty() {
            return None;
        }
        // A doc stays only while it matches every term so far.
        let mut acc: Option<DocMatches> = None;
        let mut lists: Vec<List> = Vec::new();
        for term in &terms {
            let matches = self.match_term(catalog, term, &mut lists);
            acc = Some(match acc {
                None => matches,
                Some(prev) => prev.and(matches),
            });
        }
        let acc = acc?;
        if acc.docs.is_empty() && typing(&terms) {
            return None;
        }
        // No record has every word: the records with the most (the per-word matches again,
        // on this rare path, rather than kept for every query).
        let (acc, matched) = if acc.docs.is_empty() && terms.len() > 1 {
            let (acc, matched) = self.most_words(catalog, &terms);
            (acc, Some(matched))
        } else {
            (acc, None)
        };
        let n_terms = terms.len() as u8;
        let DocMatches { docs, score } = acc;
        // Sources rank a little lower ([`kind_prior`]); documents are in record order, so
        // they are the last ones.
        let sources = self.kind_start(crate::model::Kind::Source);
        let prior = kind_prior(crate::model::Kind::Source);
        let entries: Vec<Entry> = match (&score, &matched) {
            (PerDoc::Dense(score), None) => {
                let score: &[f32] = score;
                docs.iter()
                    .map(|&doc| {
                        let s = score[doc as usize];
                        let s = if doc >= sources { s * prior } else { s };
                        entry(0, descending(s), doc)
                    })
                    .collect()
            }
            _ => docs
                .iter()
                .map(|&doc| {
                    let missing = matched
                        .as_ref()
                        .map_or(0, |m| n_terms.saturating_sub(m.get(doc) as u8));
                    let record = self.docs[doc as usize];
                    entry(
                        missing,
                        descending(score.get(doc) * kind_prior(record.kind)),
                        doc,
                    )
                })
                .collect(),
        };
        // The best few: a max-heap whose top is the worst of them, so most keys of a broad
        // query are turned away by one comparison.
        let mut best: std::collections::BinaryHeap<Entry> =
            std::collections::BinaryHeap::with_capacity(RANKED_FIRST + 1);
        let mut worst: Option<Entry> = None;
        for &key in &entries {
            if best.len() < RANKED_FIRST {
                best.push(key);
                worst = best.peek().copied();
            } else if worst.is_some_and(|w| key < w) {
                best.pop();
                best.push(key);
                worst = best.peek().copied();
            }
        }
        Some(Hits {
            entries,
            best: best.into_sorted_vec(),
            lists: lists.into(),
        })
    }

    /// A hit from its ranking key, with the highlights of its shown fields: the words of
    /// its titles and summaries filed under a term the query matched, and the phrases the
    /// query quoted, found again in the record's text.
    fn hit(&self, catalog: &Catalog, e: Entry, lists: &[List]) -> Hit {
        let (missing, score, doc) = (entry_missing(e), entry_score(e), entry_doc(e));
        let record = self.docs[doc as usize];
        let mut terms: Vec<(Dict, u32)> = lists
            .iter()
            .filter_map(|l| match l {
                List::Term(d, i) => Some((*d, *i)),
                List::Phrase(_) => None,
            })
            .collect();
        terms.sort_unstable_by_key(|&(d, i)| (d as u8, i));
        let mut spans = Vec::new();
        let rec = catalog.get(record);
        let shown = rec
            .title()
            .all()
            .map(|(lang, text)| (FieldName::Title, lang, text))
            .chain(
                rec.summary()
                    .into_iter()
                    .flat_map(|s| s.all().map(|(lang, text)| (FieldName::Summary, lang, text))),
            );
        for (name, lang, text) in shown {
            let mut words: Vec<(String, u32, u32, bool)> = Vec::new();
            for_each_token(text, |forms, start, end| {
                let mut hit = false;
                doc_keys(forms, &self.lexicon, |dict, key| {
                    hit = hit
                        || self.dict(dict).position(key).is_some_and(|i| {
                            terms
                                .binary_search_by_key(&(dict as u8, i as u32), |&(d, i)| (d as u8, i))
                                .is_ok()
                        });
                });
                words.push((forms.norm.to_string(), start, end, hit));
            });
            for list in lists {
                if let List::Phrase(phrase) = list {
                    let starts: Vec<usize> = runs(&words, phrase).collect();
                    for at in starts {
                        for w in &mut words[at..at + phrase.len()] {
                            w.3 = true;
                        }
                    }
                }
            }
            spans.extend(words.into_iter().filter(|w| w.3).map(|(_, start, end, _)| Span {
                field: name,
                lang,
                start,
                end,
            }));
        }
        Hit {
            record,
            score: undescend(score),
            spans,
            missing,
        }
    }

    /// The first document of `kind` (documents are numbered in record order).
    fn kind_start(&self, kind: crate::model::Kind) -> u32 {
        self.docs.partition_point(|r| r.kind < kind) as u32
    }

    fn dict(&self, dict: Dict) -> &Terms {
        match dict {
            Dict::Norm => &self.by_norm,
            Dict::Bare => &self.by_bare,
            Dict::Stem => &self.by_stem,
        }
    }

    /// Every document matching at least one of `terms`, with its scores summed over the
    /// terms it matches, and how many it matches.
    /// (Counts are kept as `f32`, a type `PerDoc` already has: less code in the wasm.)
    fn most_words(&self, catalog: &Catalog, terms: &[Term]) -> (DocMatches, PerDoc<f32>) {
        let mut lists = Vec::new();
        let per_term: Vec<DocMatches> = terms
            .iter()
            .map(|t| self.match_term(catalog, t, &mut lists))
            .collect();
        // Sized by what matched: typing the first letter of a second word takes this path
        // on every such keystroke, and a rare first word should not zero an array of every
        // document.
        let expected: usize = per_term.iter().map(|m| m.docs.len()).sum();
        let mut out = DocMatches {
            docs: Vec::new(),
            score: PerDoc::new(self.docs.len(), expected),
        };
        let mut matched: PerDoc<f32> = PerDoc::new(self.docs.len(), expected);
        for m in per_term {
            for &d in &m.docs {
                let n = matched.get_mut(d);
                if *n == 0.0 {
                    out.docs.push(d);
                }
                *n += 1.0;
                *out.score.get_mut(d) += m.score.get(d);
            }
        }
        (out, matched)
    }

    /// doc -> best score for this term; what it matched is added to `found` (each list
    /// once), for the highlights of the hits shown.
    fn match_term(&self, catalog: &Catalog, term: &Term, found: &mut Vec<List>) -> DocMatches {
        let token = match term {
            Term::Word { token, prefix } => (token, *prefix),
            Term::Phrase(tokens) => {
                let phrase: Vec<String> = tokens.iter().map(|t| t.norm.clone()).collect();
                let out = self.match_phrase(catalog, &phrase);
                found.push(List::Phrase(phrase));
                return out;
            }
        };
        let (token, prefix) = token;
        // The lists that match, each with its quality; then one pass over them. A list
        // reached twice (the word itself and as its own prefix, or a stem equal to the bare
        // form) is read once, at its best quality (the first look-up is the best).
        let mut seen: Vec<(Dict, u32, f32)> = Vec::with_capacity(8);
        let add = |dict: Dict, i: usize, quality: f32, seen: &mut Vec<(Dict, u32, f32)>| {
            if !seen.iter().any(|&(d, j, _)| d == dict && j as usize == i) {
                seen.push((dict, i as u32, quality));
            }
        };
        for (dict, key, quality) in lookups(token, prefix, &self.lexicon) {
            if let Some(i) = self.dict(dict).position(key) {
                add(dict, i, quality, &mut seen);
            }
        }
        if completes(&token.norm, prefix) {
            let keys: &[&String] = if token.bare == token.norm {
                &[&token.norm]
            } else {
                &[&token.norm, &token.bare]
            };
            for key in keys {
                for dict in [Dict::Norm, Dict::Bare] {
                    for i in self.dict(dict).prefixed(key.as_str()) {
                        add(dict, i, PREFIX, &mut seen);
                    }
                }
            }
        }
        if fuzzy_eligible(&token.norm) && seen.is_empty() {
            for (i, k) in self.by_norm.keys.iter().enumerate() {
                if within_one_edit(k, &token.norm) {
                    add(Dict::Norm, i, FUZZY, &mut seen);
                }
            }
        }
        let expected: usize = seen
            .iter()
            .map(|&(d, i, _)| self.dict(d).lists[i as usize].len())
            .sum();
        let mut out = DocMatches {
            docs: Vec::new(),
            score: PerDoc::new(self.docs.len(), expected),
        };
        for &(d, i, quality) in &seen {
            let list = &self.dict(d).lists[i as usize];
            out.add_list(&list.docs, &list.impact, quality);
        }
        found.extend(seen.into_iter().map(|(d, i, _)| List::Term(d, i)));
        out
    }

    /// The documents where the words of `phrase` (normalised) follow each other in one
    /// field, each scored by the best such field: the documents holding every word,
    /// checked in their text.
    fn match_phrase(&self, catalog: &Catalog, phrase: &[String]) -> DocMatches {
        let lists: Option<Vec<&DocList>> = phrase
            .iter()
            .map(|w| self.by_norm.position(w).map(|i| &self.by_norm.lists[i]))
            .collect();
        let mut out = DocMatches {
            docs: Vec::new(),
            score: PerDoc::new(self.docs.len(), 0),
        };
        let Some(mut lists) = lists else {
            return out;
        };
        lists.sort_by_key(|l| l.len());
        let Some((shortest, rest)) = lists.split_first() else {
            return out;
        };
        for &doc in &shortest.docs {
            if !rest.iter().all(|l| l.contains(doc)) {
                continue;
            }
            let record = self.docs[doc as usize];
            let mut best = 0.0f32;
            for (name, _, text) in doc_fields(catalog, catalog.get(record)) {
                let mut words: Vec<(String, u32, u32, bool)> = Vec::new();
                for_each_token(&text, |forms, start, end| {
                    words.push((forms.norm.to_string(), start, end, false));
                });
                if runs(&words, phrase).next().is_some() {
                    best = best.max(name.weight() * field_boost(words.len()) * EXACT);
                }
            }
            if best > 0.0 {
                out.docs.push(doc);
                *out.score.get_mut(doc) = best;
            }
        }
        out
    }
}

/// Where `phrase` (normalised words) starts in `words` (a field's tokens, normalised first).
fn runs<'a>(
    words: &'a [(String, u32, u32, bool)],
    phrase: &'a [String],
) -> impl Iterator<Item = usize> + 'a {
    (0..(words.len() + 1).saturating_sub(phrase.len())).filter(move |&at| {
        words[at..at + phrase.len()]
            .iter()
            .zip(phrase)
            .all(|(w, p)| w.0 == *p)
    })
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

/// A key that sorts scores from highest to lowest, in the order of `f32::total_cmp` reversed.
pub(crate) fn descending(score: f32) -> u32 {
    let bits = score.to_bits();
    let ascending = if bits >> 31 == 1 {
        !bits
    } else {
        bits | 0x8000_0000
    };
    !ascending
}

/// The score a [`descending`] key was made from.
pub(crate) fn undescend(key: u32) -> f32 {
    let ascending = !key;
    f32::from_bits(if ascending >> 31 == 1 {
        ascending & 0x7FFF_FFFF
    } else {
        !ascending
    })
}

/// Whether `q` is only a word still being typed that is too short to search (one letter,
/// or the article or a proclitic alone: see `completes`). When such a query finds nothing,
/// the reader is mid-word, not asking for nothing: the search returns `None` (as for no
/// query), so the app keeps the unsearched list and asks for the next letter instead of saying "no results" at every first keystroke.
pub fn still_typing(q: &str) -> bool {
    typing(&parse_query(q))
}

/// [`still_typing`] of a parsed query.
pub(crate) fn typing(terms: &[Term]) -> bool {
    match terms {
        [Term::Word {
            token,
            prefix: true,
        }] => !completes(&token.norm, true),
        _ => false,
    }
}

/// Whether a word unmatched otherwise is looked up within one edit: a Latin word of five
/// letters or more (a misspelt name: Hamouchi, Marakech).
pub(crate) fn fuzzy_eligible(norm: &str) -> bool {
    norm.chars().all(|c| c.is_ascii_lowercase()) && norm.len() >= 5
}

/// The boost of a field of `count` tokens (the split index recomputes scores with it).
pub(crate) fn field_boost(count: usize) -> f32 {
    1.0 + 1.0 / count.max(1) as f32
}

/// Sources are cited by everything; a query naming an outlet that is also an organisation
/// (INTERPOL) most likely wants the organisation.
pub(crate) fn kind_prior(kind: crate::model::Kind) -> f32 {
    match kind {
        crate::model::Kind::Source => 0.7,
        _ => 1.0,
    }
}

/// True when `a` and `b` differ by at most one insertion, deletion or substitution.
pub(crate) fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let mut i = 0;
    while i < short.len() && short[i] == long[i] {
        i += 1;
    }
    if short.len() == long.len() {
        short[i.min(short.len())..]
            .iter()
            .skip(1)
            .eq(long[i.min(long.len())..].iter().skip(1))
    } else {
        short[i..] == long[i + 1..]
    }
}

fn text_fields(
    name: FieldName,
    t: &Text,
) -> impl Iterator<Item = (FieldName, &'static str, String)> + '_ {
    t.all().map(move |(lang, s)| (name, lang, s.to_string()))
}

/// The searchable text of one record, field by field, exactly as the index sees it (with
/// the names of linked records in [`FieldName::Related`]). Benchmarks feed the same text to
/// other search engines.
pub fn searchable_fields(
    catalog: &Catalog,
    r: RecordRef,
) -> Vec<(FieldName, &'static str, String)> {
    doc_fields(catalog, catalog.get(r))
}

/// The searchable fields of one record.
fn doc_fields(catalog: &Catalog, rec: Record<'_>) -> Vec<(FieldName, &'static str, String)> {
    let mut f: Vec<(FieldName, &'static str, String)> = Vec::new();
    f.extend(text_fields(FieldName::Title, rec.title()));
    for a in rec.aliases() {
        f.push((FieldName::Alias, "", a.to_string()));
    }
    if let Some(s) = rec.summary() {
        f.extend(text_fields(FieldName::Summary, s));
    }
    // Names, acronyms and aliases of everything the record links to, so "Glasgow" finds
    // the assembly held there and "DGSN" the events it organised.
    let mut related = Vec::new();
    for id in rec.links() {
        if let Some(other) = catalog.record(id) {
            if other.kind() == crate::model::Kind::Source {
                related.extend(other.title().all().map(|(_, s)| s.to_string()));
                continue;
            }
            related.extend(other.title().all().map(|(_, s)| s.to_string()));
            related.extend(other.aliases().into_iter().map(str::to_string));
        }
    }
    match rec {
        Record::Event(e) => {
            related.push(e.start.year.to_string());
            if let Some(end) = e.end {
                related.push(end.year.to_string());
            }
            if let Some(n) = e.edition {
                f.push((FieldName::Value, "", n.to_string()));
            }
            for t in &e.topics {
                if let Some(topic) = catalog.topic(t) {
                    related.extend(topic.name.all().map(|(_, s)| s.to_string()));
                }
            }
            if let Some(c) = e.country.as_deref().and_then(|c| catalog.country(c)) {
                related.extend(c.name.all().map(|(_, s)| s.to_string()));
            }
        }
        Record::Figure(fig) => {
            f.push((FieldName::Value, "", format_value(fig.value)));
            if let Some(p) = &fig.period {
                related.push(p.from.year.to_string());
                if let Some(to) = p.to {
                    related.push(to.year.to_string());
                }
            }
        }
        Record::Person(p) => f.extend(text_fields(FieldName::Role, &p.role)),
        Record::Place(p) => {
            if let Some(c) = catalog.country(&p.country) {
                related.extend(c.name.all().map(|(_, s)| s.to_string()));
            }
        }
        Record::Source(s) => {
            if let Some(a) = &s.author {
                f.extend(text_fields(FieldName::Role, a));
            }
            if let Some(d) = s.date {
                related.push(d.year.to_string());
            }
        }
        Record::Organization(_) => {}
    }
    if !related.is_empty() {
        f.push((FieldName::Related, "", related.join(" · ")));
    }
    f
}

/// A figure's value as digits, without a trailing ".0" for whole numbers.
pub fn format_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Bundle, Organization, Plural};

    /// A catalog of organisations named `names` (Arabic title; other languages "x"), with
    /// the broken plurals `plurals`.
    fn catalog(names: &[&str], plurals: &[(&str, &str)]) -> Catalog {
        let text = |s: &str| Text {
            ar: s.into(),
            en: "x".into(),
            fr: "x".into(),
            es: None,
        };
        Catalog::new(Bundle {
            organizations: names
                .iter()
                .enumerate()
                .map(|(i, n)| Organization {
                    id: format!("o{i}"),
                    name: text(n),
                    acronym: None,
                    aliases: Vec::new(),
                    country: None,
                    parent: None,
                    summary: text("-"),
                    sources: Vec::new(),
                })
                .collect(),
            plurals: plurals
                .iter()
                .map(|(p, s)| Plural {
                    plural: p.to_string(),
                    singular: s.to_string(),
                })
                .collect(),
            ..Bundle::default()
        })
    }

    /// The names found by `q`, best first.
    fn found(c: &Catalog, ix: &SearchIndex, q: &str) -> Vec<String> {
        ix.search(c, q)
            .unwrap_or_default()
            .ranked(ix, |_| true)
            .into_iter()
            .map(|r| c.get(r).title().ar.clone())
            .collect()
    }

    #[test]
    fn both_readings_of_a_first_letter_are_searched_and_the_literal_one_wins() {
        let c = catalog(
            &["الوزارة", "زارة", "لجنة كبيرة", "الكبير", "بيرة", "البحرين"],
            &[],
        );
        let ix = SearchIndex::build(&c);
        // «وزارة» is the word as written (الوزارة) or و + زارة: both, the literal first.
        assert_eq!(found(&c, &ix, "وزارة "), ["الوزارة", "زارة"]);
        assert_eq!(found(&c, &ix, "الوزارة "), ["الوزارة"]);
        // كبيرة meets كبير (its ك is not a preposition), and بيرة still finds ك + بيرة.
        assert!(found(&c, &ix, "كبيرة ").contains(&"الكبير".to_string()));
        assert!(found(&c, &ix, "كبير ").contains(&"لجنة كبيرة".to_string()));
        assert_eq!(found(&c, &ix, "بيرة ")[0], "بيرة");
        assert_eq!(found(&c, &ix, "بحرين "), ["البحرين"]);
        assert_eq!(found(&c, &ix, "والبحرين "), ["البحرين"]);
    }

    #[test]
    fn suffix_chains_and_broken_plurals_are_searched() {
        let c = catalog(
            &["مشاركة المدن", "الأفريقي", "إعلام", "قائد الشرطة"],
            &[("مدن", "مدينة"), ("قادة", "قائد")],
        );
        let ix = SearchIndex::build(&c);
        assert_eq!(found(&c, &ix, "مشاركتها "), ["مشاركة المدن"]);
        assert_eq!(found(&c, &ix, "المدينة "), ["مشاركة المدن"]);
        assert_eq!(found(&c, &ix, "الأفريقيون "), ["الأفريقي"]);
        assert_eq!(found(&c, &ix, "إعلامهم "), ["إعلام"]);
        assert_eq!(found(&c, &ix, "القادة "), ["قائد الشرطة"]);
        // Without the lexicon, the plural is not found.
        let bare = catalog(&["قائد الشرطة"], &[]);
        assert!(found(&bare, &SearchIndex::build(&bare), "القادة ").is_empty());
    }

    #[test]
    fn the_ranking_keys_sort_as_the_comparisons_they_replace() {
        let scores = [
            0.0f32,
            -0.0,
            1.0,
            -1.0,
            0.7,
            2.5,
            f32::MIN_POSITIVE,
            f32::MAX,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NAN,
            -f32::NAN,
            1e-30,
            -3.25,
        ];
        for a in scores {
            for b in scores {
                assert_eq!(
                    descending(a).cmp(&descending(b)),
                    b.total_cmp(&a),
                    "{a} vs {b}"
                );
            }
        }
        // A key keeps the words missing, the score and the document, and sorts by them in
        // that order; the score comes back whole.
        let keys = [(0u8, 2.5f32, 3u32), (0, 2.5, 4), (0, 1.0, 0), (1, 20.0, 0), (2, 0.7, 9)];
        for w in keys.windows(2) {
            let (a, b) = (w[0], w[1]);
            let (ka, kb) = (
                entry(a.0, descending(a.1), a.2),
                entry(b.0, descending(b.1), b.2),
            );
            assert!(ka < kb, "{a:?} before {b:?}");
        }
        for (m, s, d) in keys {
            let e = entry(m, descending(s), d);
            assert_eq!(
                (entry_missing(e), undescend(entry_score(e)), entry_doc(e)),
                (m, s, d)
            );
        }
        for s in scores.into_iter().filter(|s| !s.is_nan()) {
            assert_eq!(undescend(descending(s)).to_bits(), s.to_bits(), "{s}");
        }
    }
}
