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

#[derive(Debug)]
struct Field {
    doc: u32,
    name: FieldName,
    /// Content language ("" for language-neutral fields such as aliases).
    lang: &'static str,
    /// Boost for short fields: a match on a one-word name beats one in a long title.
    boost: f32,
}

#[derive(Debug)]
struct Posting {
    field: u32,
    start: u32,
    end: u32,
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

#[derive(Clone, Debug)]
pub struct Hit {
    pub record: RecordRef,
    pub score: f32,
    /// The highlight spans of every hit of one search, by document, shared: a broad query
    /// has tens of thousands of hits, and one vector each cost more than ranking them.
    /// This hit's are `all_spans[from..to]` ([`Hit::spans`]).
    all_spans: std::sync::Arc<[Span]>,
    from: u32,
    to: u32,
    /// How many words of the query this record does not match: 0, unless no record matches
    /// every word (then the records matching the most words are shown, see
    /// [`SearchIndex::search`]).
    pub missing: u8,
}

/// Whether `hits` are partial matches: no record had every word of the query, so these are
/// the records matching the most words (the app says so in its count line).
pub fn partial(hits: &[Hit]) -> bool {
    hits.first().is_some_and(|h| h.missing > 0)
}

impl PartialEq for Hit {
    fn eq(&self, other: &Self) -> bool {
        self.record == other.record
            && self.score == other.score
            && self.missing == other.missing
            && self.spans() == other.spans()
    }
}

impl Hit {
    /// The matched ranges of this hit's shown fields (titles and summaries), in match order.
    pub fn spans(&self) -> &[Span] {
        &self.all_spans[self.from as usize..self.to as usize]
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

/// Terms and their postings, sorted by term once the index is built: exact look-ups and
/// prefix ranges are binary searches, and each distinct term is stored once.
#[derive(Debug, Default)]
struct Terms {
    keys: Vec<Box<str>>,
    postings: Vec<Vec<u32>>,
}

impl Terms {
    fn position(&self, key: &str) -> Option<usize> {
        self.keys.binary_search_by(|k| (**k).cmp(key)).ok()
    }

    fn get(&self, key: &str) -> Option<&[u32]> {
        self.position(key).map(|i| self.postings[i].as_slice())
    }

    /// Postings of every term starting with `prefix`.
    fn prefixed<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a [u32]> + 'a {
        let start = self.keys.partition_point(|k| &**k < prefix);
        self.keys[start..]
            .iter()
            .zip(&self.postings[start..])
            .take_while(move |(k, _)| k.starts_with(prefix))
            .map(|(_, ps)| ps.as_slice())
    }

    fn iter(&self) -> impl Iterator<Item = (&str, &[u32])> {
        self.keys
            .iter()
            .zip(&self.postings)
            .map(|(k, ps)| (&**k, ps.as_slice()))
    }
}

/// Collects terms while indexing: a hash look-up per token, allocating only for new terms.
#[derive(Default)]
struct TermsBuilder {
    ids: HashMap<Box<str>, u32, rustc_hash::FxBuildHasher>,
    keys: Vec<Box<str>>,
    postings: Vec<Vec<u32>>,
}

impl TermsBuilder {
    /// Adds a posting to `key`'s list and returns the term's (provisional) id.
    fn add(&mut self, key: &str, posting: u32) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            self.postings[id as usize].push(posting);
            return id;
        }
        let id = self.keys.len() as u32;
        self.ids.insert(key.into(), id);
        self.keys.push(key.into());
        self.postings.push(vec![posting]);
        id
    }

    /// Sorts the terms. Each posting list is shrunk to its length (grown by doubling, they
    /// held a quarter more than needed on average).
    fn finish(self) -> Terms {
        let mut order: Vec<u32> = (0..self.keys.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| self.keys[a as usize].cmp(&self.keys[b as usize]));
        let mut keys: Vec<Option<Box<str>>> = self.keys.into_iter().map(Some).collect();
        let mut postings: Vec<Option<Vec<u32>>> = self.postings.into_iter().map(Some).collect();
        let terms = Terms {
            keys: order
                .iter()
                .map(|&o| keys[o as usize].take().unwrap_or_default())
                .collect(),
            postings: order
                .iter()
                .map(|&o| {
                    let mut list = postings[o as usize].take().unwrap_or_default();
                    list.shrink_to_fit();
                    list
                })
                .collect(),
        };
        terms
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
    /// (document, posting) for every match in a shown field, in match order.
    shown: Vec<(u32, u32)>,
}

impl DocMatches {
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
        let score = &self.score;
        self.shown.retain(|&(d, _)| score.get(d) > 0.0);
        self.shown
            .extend(other.shown.into_iter().filter(|&(d, _)| score.get(d) > 0.0));
        self
    }
}

/// The search index over a catalog.
#[derive(Debug, Default)]
pub struct SearchIndex {
    docs: Vec<RecordRef>,
    fields: Vec<Field>,
    postings: Vec<Posting>,
    /// Posting lists are sorted (postings are numbered in text order), so a phrase checks
    /// that a posting has a given surface form by binary search in that form's list, with
    /// no per-posting record of its term (4 bytes a token: 5.6 MB at 10k records).
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
}

impl Builder {
    fn add_field(&mut self, doc: u32, name: FieldName, lang: &'static str, text: &str) {
        let ix = &mut self.ix;
        let field = ix.fields.len() as u32;
        let first = ix.postings.len();
        let (by_norm, by_bare, by_stem) = (&mut self.by_norm, &mut self.by_bare, &mut self.by_stem);
        let (postings, lexicon) = (&mut ix.postings, &ix.lexicon);
        for_each_token(text, |forms, start, end| {
            let p = postings.len() as u32;
            postings.push(Posting { field, start, end });
            doc_keys(forms, lexicon, |dict, key| match dict {
                Dict::Norm => {
                    by_norm.add(key, p);
                }
                Dict::Bare => {
                    by_bare.add(key, p);
                }
                Dict::Stem => {
                    by_stem.add(key, p);
                }
            });
        });
        let count = ix.postings.len() - first;
        // Short fields weigh more: a match on a one-word name beats one in a long title.
        let boost = field_boost(count);
        ix.fields.push(Field {
            doc,
            name,
            lang,
            boost,
        });
    }

    fn finish(self) -> SearchIndex {
        let mut ix = self.ix;
        ix.postings.shrink_to_fit();
        ix.fields.shrink_to_fit();
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
            for (name, lang, text) in doc_fields(catalog, catalog.get(r)) {
                b.add_field(doc, name, lang, &text);
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

    /// Runs a query. An empty query (or one with no searchable token) returns `None`, and so
    /// does a word still being typed that finds nothing yet ([`still_typing`]).
    ///
    /// When no record matches every word of a query of several words, the records matching
    /// at least one are returned, those matching the most words first, then by score, each
    /// with the number of words it lacks in [`Hit::missing`] (as Meilisearch's matching
    /// strategy drops words): «مؤتمر البرازيل» shows the congresses. A query none of whose
    /// words matches anything still returns no hit.
    pub fn search(&self, query: &str) -> Option<Vec<Hit>> {
        let terms = parse_query(query);
        if terms.is_empty() {
            return None;
        }
        // A doc stays only while it matches every term so far.
        let mut acc: Option<DocMatches> = None;
        for term in &terms {
            let matches = self.match_term(term);
            acc = Some(match acc {
                None => matches,
                Some(prev) => prev.and(matches),
            });
        }
        let Some(acc) = acc else {
            return Some(Vec::new());
        };
        if acc.docs.is_empty() && typing(&terms) {
            return None;
        }
        // No record has every word: the records with the most (the per-word matches again,
        // on this rare path, rather than kept for every query).
        let (acc, matched) = if acc.docs.is_empty() && terms.len() > 1 {
            let (acc, matched) = self.most_words(&terms);
            (acc, Some(matched))
        } else {
            (acc, None)
        };
        let missing = |doc: u32| -> u8 {
            matched
                .as_ref()
                .map_or(0, |m| (terms.len() as u8).saturating_sub(m.get(doc) as u8))
        };
        // Each hit's postings: sorted by document, then posting, the shown matches form one
        // run per document; a posting matched by several forms of a term (exact, bare,
        // stem) is one span.
        let DocMatches {
            docs,
            score,
            mut shown,
        } = acc;
        shown.sort_unstable();
        shown.dedup();
        // Ranked by score, then by record: small integer keys sort several times faster than
        // the hits themselves (a broad prefix ranks thousands on every keystroke).
        let scored = |doc: u32| {
            let record = self.docs[doc as usize];
            (record, score.get(doc) * kind_prior(record.kind))
        };
        let mut order: Vec<(u8, u32, u32, u32)> = docs
            .iter()
            .map(|&doc| {
                let (record, score) = scored(doc);
                (missing(doc), descending(score), record_key(record), doc)
            })
            .collect();
        order.sort_unstable();
        let all_spans: std::sync::Arc<[Span]> = shown
            .iter()
            .map(|&(_, p)| {
                let posting = &self.postings[p as usize];
                let field = &self.fields[posting.field as usize];
                Span {
                    field: field.name,
                    lang: field.lang,
                    start: posting.start,
                    end: posting.end,
                }
            })
            .collect();
        let hits: Vec<Hit> = order
            .into_iter()
            .map(|(missing, _, _, doc)| {
                let (record, score) = scored(doc);
                let from = shown.partition_point(|&(d, _)| d < doc);
                let to = from + shown[from..].partition_point(|&(d, _)| d == doc);
                Hit {
                    record,
                    score,
                    missing,
                    all_spans: all_spans.clone(),
                    from: from as u32,
                    to: to as u32,
                }
            })
            .collect();
        Some(hits)
    }

    /// Every document matching at least one of `terms`, with its scores summed over the
    /// terms it matches, and how many it matches.
    /// (Counts are kept as `f32`, a type `PerDoc` already has: less code in the wasm.)
    fn most_words(&self, terms: &[Term]) -> (DocMatches, PerDoc<f32>) {
        let per_term: Vec<DocMatches> = terms.iter().map(|t| self.match_term(t)).collect();
        // Sized by what matched: typing the first letter of a second word takes this path
        // on every such keystroke, and a rare first word should not zero an array of every
        // document.
        let expected: usize = per_term.iter().map(|m| m.docs.len()).sum();
        let mut out = DocMatches {
            docs: Vec::new(),
            score: PerDoc::new(self.docs.len(), expected),
            shown: Vec::new(),
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
            out.shown.extend(m.shown);
        }
        (out, matched)
    }

    /// doc -> (best score for this term, every posting that matched it).
    fn match_term(&self, term: &Term) -> DocMatches {
        // The posting lists that match, each with its quality; then one pass over them.
        let mut lists: Vec<(&[u32], f32)> = Vec::with_capacity(8);
        let mut phrase_runs: Vec<u32> = Vec::new();
        match term {
            Term::Word { token, prefix } => {
                for (dict, key, quality) in lookups(token, *prefix, &self.lexicon) {
                    let dict = match dict {
                        Dict::Norm => &self.by_norm,
                        Dict::Bare => &self.by_bare,
                        Dict::Stem => &self.by_stem,
                    };
                    if let Some(ps) = dict.get(key) {
                        lists.push((ps, quality));
                    }
                }
                if completes(&token.norm, *prefix) {
                    let keys: &[&String] = if token.bare == token.norm {
                        &[&token.norm]
                    } else {
                        &[&token.norm, &token.bare]
                    };
                    for key in keys {
                        for dict in [&self.by_norm, &self.by_bare] {
                            for ps in dict.prefixed(key.as_str()) {
                                lists.push((ps, PREFIX));
                            }
                        }
                    }
                }
                if fuzzy_eligible(&token.norm) && lists.iter().all(|(ps, _)| ps.is_empty()) {
                    for (k, ps) in self.by_norm.iter() {
                        if within_one_edit(k, &token.norm) {
                            lists.push((ps, FUZZY));
                        }
                    }
                }
            }
            Term::Phrase(tokens) => {
                let first = tokens.first();
                let starts = first.and_then(|f| self.by_norm.get(f.norm.as_str()));
                // Each word of the phrase as a term position (a word not indexed: no match).
                let wanted = tokens
                    .iter()
                    .map(|t| self.by_norm.position(&t.norm).map(|i| i as u32))
                    .collect::<Option<Vec<u32>>>();
                if let (Some(starts), Some(wanted)) = (starts, wanted) {
                    for &p in starts {
                        let field = self.postings[p as usize].field;
                        let run = (0..tokens.len() as u32).map(|k| p + k);
                        let ok = run.clone().zip(&wanted).all(|(q, &w)| {
                            (q as usize) < self.postings.len()
                                && self.postings[q as usize].field == field
                                && self.by_norm.postings[w as usize].binary_search(&q).is_ok()
                        });
                        if ok {
                            phrase_runs.extend(run);
                        }
                    }
                    lists.push((&phrase_runs, EXACT));
                }
            }
        }
        let expected: usize = lists.iter().map(|(ps, _)| ps.len()).sum();
        let mut out = DocMatches {
            docs: Vec::new(),
            score: PerDoc::new(self.docs.len(), expected),
            shown: Vec::new(),
        };
        for (postings, quality) in lists {
            for &p in postings {
                let field = &self.fields[self.postings[p as usize].field as usize];
                let score = field.name.weight() * field.boost * quality;
                let best = out.score.get_mut(field.doc);
                if *best == 0.0 {
                    out.docs.push(field.doc);
                }
                *best = best.max(score);
                // Only shown fields are highlighted: the names of linked records, aliases,
                // roles and values score but never need a span.
                if matches!(field.name, FieldName::Title | FieldName::Summary) {
                    out.shown.push((field.doc, p));
                }
            }
        }
        out
    }
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

/// A key that sorts records as `RecordRef`'s own order does (kind, then index).
pub(crate) fn record_key(record: RecordRef) -> u32 {
    debug_assert!(record.index < 1 << 28, "more than 2^28 records of one kind");
    ((record.kind as u32) << 28) | record.index as u32
}

/// Whether `q` is only a word still being typed that is too short to search (one letter,
/// or the article or a proclitic alone: see [`completes`]). When such a query finds nothing,
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
    use crate::model::Kind;
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
        ix.search(q)
            .unwrap_or_default()
            .iter()
            .map(|h| c.get(h.record).title().ar.clone())
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
        let records: Vec<RecordRef> = Kind::ALL
            .into_iter()
            .flat_map(|kind| {
                [0, 1, 9, 70_000, (1 << 28) - 1].map(|index| RecordRef { kind, index })
            })
            .collect();
        for a in &records {
            for b in &records {
                assert_eq!(
                    record_key(*a).cmp(&record_key(*b)),
                    a.cmp(b),
                    "{a:?} vs {b:?}"
                );
            }
        }
    }
}
