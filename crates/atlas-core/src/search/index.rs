//! The index over a catalog: building it (at once or a few records at a time) and running a
//! query against it.

use super::fields::doc_fields;
use super::hits::{entry, entry_doc, entry_missing, entry_score, Entry, Hits, List, RANKED_FIRST};
use super::terms::{DocMatches, PerDoc, Terms, TermsBuilder};
use super::*;
use crate::catalog::{Catalog, RecordRef};
use crate::model::Kind;

/// The search index over a catalog.
///
/// Each dictionary maps a term to the documents it is found in, with no record of where:
/// a search reads one entry per matching document, and the highlights of the few hits
/// shown are found again in their text (see [`Hits::top`]), as are the words of a quoted
/// phrase. At 10k records a token-level index (a posting per token, 12 bytes, and the
/// lists of those postings) held twice the memory.
#[derive(Debug, Default)]
pub struct SearchIndex {
    pub(super) docs: Vec<RecordRef>,
    by_norm: Terms,
    by_bare: Terms,
    by_stem: Terms,
    /// Broken plurals, from the bundle.
    lexicon: Lexicon,
    /// The impact of each code a document list holds ([`DocList::impact`], [`impact_code`]).
    impacts: Vec<f32>,
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
        let count = field_keys(text, lexicon, |dict, key| {
            let id = match dict {
                Dict::Norm => by_norm.id(key),
                Dict::Bare => by_bare.id(key),
                Dict::Stem => by_stem.id(key),
            };
            scratch.push((dict, id));
        });
        // Short fields weigh more: a match on a one-word name beats one in a long title.
        let code = impact_code(name, count);
        let impacts = &self.ix.impacts;
        for &(dict, id) in scratch.iter() {
            let terms = match dict {
                Dict::Norm => &mut *by_norm,
                Dict::Bare => &mut *by_bare,
                Dict::Stem => &mut *by_stem,
            };
            terms.lists[id as usize].add(doc, code, impacts);
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

/// A field's impact ([`field_impact`]) as a two-byte code: the field's kind and
/// its token count (up to [`MAX_COUNTED`]), so a document entry needs no f32.
fn impact_code(name: FieldName, count: usize) -> u16 {
    (name as usize * (MAX_COUNTED + 1) + count.clamp(1, MAX_COUNTED)) as u16
}

/// The impact of every code [`impact_code`] gives (24,582 values, 96 KB).
fn impact_table() -> Vec<f32> {
    let mut table = vec![0.0; FieldName::ALL.len() * (MAX_COUNTED + 1)];
    for name in FieldName::ALL {
        for count in 1..=MAX_COUNTED {
            table[impact_code(name, count) as usize] = field_impact(name, count);
        }
    }
    table
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
        builder.ix.lexicon = Lexicon::of_catalog(catalog);
        builder.ix.impacts = impact_table();
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

/// Adds the key `i` of `dict` at `quality` to `seen`, unless it is there (the first
/// look-up that reaches a key is its best).
fn add(dict: Dict, i: usize, quality: f32, seen: &mut Vec<(Dict, u32, f32)>) {
    if !seen.iter().any(|&(d, j, _)| d == dict && j as usize == i) {
        seen.push((dict, i as u32, quality));
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
    /// strategy drops words): «مؤتمر البرازيل» shows the congresses. When only one or two
    /// records match every word of a query of three words or more, the records matching
    /// some of its words follow them: «head of the DGSN police» shows the DGSN after the two
    /// heads that happen to hold all three words. Two neighbouring words one of which finds
    /// nothing are read as one when together they make a word (`pieces_joined`:
    /// انتر بول); a query none of whose words matches anything otherwise returns no hit.
    ///
    /// The count is exact; only the best hits are ranked (see [`Hits`]).
    pub fn search(&self, catalog: &Catalog, query: &str) -> Option<Hits> {
        let mut terms = parse_query(query);
        if terms.is_empty() {
            return None;
        }
        let mut lists: Vec<List> = Vec::new();
        let acc = loop {
            lists.clear();
            let mut per_term: Vec<DocMatches> = terms
                .iter()
                .map(|t| self.match_term(catalog, t, &mut lists))
                .collect();
            // «الإنتربول بم»: a proclitic and a letter typed after whole words that each find
            // something wait (pieces of one word, ف ب ي, are joined below instead).
            if super::clitic_and_letter_last(&terms) && per_term.iter().all(|m| !m.docs.is_empty())
            {
                terms.pop();
                continue;
            }
            // A word typed in two pieces (انتر بول, inter pol) is read as one.
            if per_term.iter().any(|m| m.docs.is_empty()) {
                if let Some(joined) = self.pieces_joined(&terms, &per_term) {
                    terms = joined;
                    lists.clear();
                    per_term = terms
                        .iter()
                        .map(|t| self.match_term(catalog, t, &mut lists))
                        .collect();
                }
            }
            // A doc stays only if it matches every term.
            let acc = per_term.into_iter().reduce(|all, m| all.and(m))?;
            if acc.docs.is_empty() && typing(&terms) {
                return None;
            }
            // «المؤتمر ال»: the last word is begun, too short to search yet, and no record
            // has it with the others: the words before it are the query until it grows.
            if acc.docs.is_empty() && super::unfinished_last(&terms) {
                terms.pop();
                continue;
            }
            break acc;
        };
        // Few records (or none) have every word: they, then the records with the most (the
        // per-word matches again, on this rarer path, rather than kept for every query).
        let n_terms = terms.len() as u8;
        let (acc, matched) = if super::some_words_follow(&terms, acc.docs.len()) {
            let (acc, matched) = self.most_words(catalog, &terms);
            (acc, Some(matched))
        } else {
            (acc, None)
        };
        let DocMatches { docs, score } = acc;
        // Sources rank a little lower, and figures higher when the query asks how many
        // ([`kind_prior`], 1 for every other kind); documents are in record order, so each
        // kind's are a range.
        let asks = super::Asks::of(query);
        let sources = self.kind_start(Kind::Source);
        let figures = self.kind_start(Kind::Figure)..self.kind_start(Kind::Person);
        let (source_prior, figure_prior) = (
            kind_prior(Kind::Source, asks),
            kind_prior(Kind::Figure, asks),
        );
        let ranked = |doc: u32, s: f32| {
            if doc >= sources {
                s * source_prior
            } else if figures.contains(&doc) {
                s * figure_prior
            } else {
                s
            }
        };
        let entries: Vec<Entry> = match (&score, &matched) {
            // The broad case: a slice, read without a match per document.
            (PerDoc::Dense(score), None) => {
                let score: &[f32] = score;
                docs.iter()
                    .map(|&doc| entry(0, descending(ranked(doc, score[doc as usize])), doc))
                    .collect()
            }
            _ => docs
                .iter()
                .map(|&doc| {
                    let missing = matched
                        .as_ref()
                        .map_or(0, |m| n_terms.saturating_sub(m.get(doc) as u8));
                    entry(missing, descending(ranked(doc, score.get(doc))), doc)
                })
                .collect(),
        };
        // The best few, with one comparison for most keys: keys under a threshold go to a
        // buffer of twice the number wanted; when it is full, it keeps its best half and
        // the threshold drops to the worst of those. Linear whatever order the keys come
        // in (a heap was slow when each key beat the last).
        let mut best: Vec<Entry> = Vec::with_capacity(2 * RANKED_FIRST);
        let mut threshold = Entry::MAX;
        for &key in &entries {
            if key < threshold {
                best.push(key);
                if best.len() == 2 * RANKED_FIRST {
                    // A sort of 96 keys (the same sort as below: less code than a select).
                    best.sort_unstable();
                    best.truncate(RANKED_FIRST);
                    threshold = best[RANKED_FIRST - 1];
                }
            }
        }
        best.sort_unstable();
        best.truncate(RANKED_FIRST);
        Some(Hits {
            entries,
            best,
            lists: lists.into(),
        })
    }

    /// A hit from its ranking key, with the highlights of its shown fields: the words of
    /// its titles, summaries and a person's role filed under a term the query matched, and
    /// the phrases the query quoted, found again in the record's text; and an
    /// organisation's acronym and a figure's value (language "") when the query found them
    /// (70 for سبعين as for 70).
    /// `langs`: the languages whose titles and summaries are highlighted (all when `None`).
    pub(super) fn hit(
        &self,
        catalog: &Catalog,
        e: Entry,
        lists: &[List],
        langs: Option<&[&str]>,
    ) -> Hit {
        let (missing, score, doc) = (entry_missing(e), entry_score(e), entry_doc(e));
        let record = self.docs[doc as usize];
        let mut terms: Vec<(Dict, u32)> = lists
            .iter()
            .filter_map(|l| match l {
                List::Term(d, i) => Some((*d, *i)),
                List::Phrase(_) => None,
            })
            .collect();
        // A Latin word the query found near its own (interpool: interpol) or by a prefix is
        // marked as that word would be, in its other forms and the Arabic it is filed with
        // (الإنتربول): the marks only; what matched and how it scores stay the query's.
        let mut also = Vec::new();
        for &(d, i) in &terms {
            let key = &*self.dict(d).keys[i as usize];
            if d == Dict::Norm && latin_word(key) {
                for t in tokenize(key) {
                    self.direct_keys(
                        &Term::Word {
                            token: t,
                            prefix: false,
                        },
                        &mut also,
                    );
                }
            }
        }
        terms.extend(also.into_iter().map(|(d, i, _)| (d, i)));
        crate::order::sort_by_key(&mut terms, |&(d, i)| (d as u8, i));
        terms.dedup();
        // The words the query found, to mark them where a card writes them in the other
        // script (mrakch found مراكش: Marrakech; Hammouchi: حموشي): the Arabic ones, and the
        // Latin ones as the Arabic they may spell ([`latin_as_arabic`]). A word of a card
        // that found nothing is compared with those of the other script, as
        // [`OtherScript`] compares a query's word.
        let (mut arabic, mut latin) = (Vec::new(), Vec::new());
        for &(d, i) in terms.iter().filter(|(d, _)| *d != Dict::Stem) {
            let key = &*self.dict(d).keys[i as usize];
            if latin_word(key) {
                latin.extend(latin_as_arabic(key));
            } else if key.chars().all(|c| class(c) == Class::Arabic) {
                arabic.push(key);
            }
        }
        let across = |forms: Forms<'_>| {
            if latin_word(forms.norm) {
                !arabic.is_empty()
                    && latin_as_arabic(forms.norm)
                        .iter()
                        .any(|r| arabic.iter().any(|k| arabic_reads_as(k, r)))
            } else {
                !latin.is_empty()
                    && arabic_forms_of(forms.bare, forms.literal)
                        .any(|f| latin.iter().any(|r| arabic_reads_as(f, r)))
            }
        };
        let mut spans = Vec::new();
        let phrases: Vec<&[PhraseWord]> = lists
            .iter()
            .filter_map(|l| match l {
                List::Phrase(p) => Some(p.as_slice()),
                List::Term(..) => None,
            })
            .collect();
        let rec = catalog.get(record);
        let value = match rec {
            crate::catalog::Record::Figure(f) => Some(format_value(f.value)),
            _ => None,
        };
        // What a card's line under the title shows of what the query may find: a person's
        // role (in each language, as the title) and an organisation's acronym, which the
        // line starts with (language "", as a value).
        let (role, acronym) = match rec {
            crate::catalog::Record::Person(p) => (Some(&p.role), None),
            crate::catalog::Record::Organization(o) => (None, o.acronym.as_deref()),
            _ => (None, None),
        };
        let shown = rec
            .title()
            .all()
            .map(|(lang, text)| (FieldName::Title, lang, text))
            .chain(
                rec.summary()
                    .into_iter()
                    .flat_map(|s| s.all().map(|(lang, text)| (FieldName::Summary, lang, text))),
            )
            .chain(
                role.into_iter()
                    .flat_map(|r| r.all().map(|(lang, text)| (FieldName::Role, lang, text))),
            )
            .chain(acronym.map(|a| (FieldName::Alias, "", a)))
            .chain(value.as_deref().map(|v| (FieldName::Value, "", v)));
        for (name, lang, text) in shown {
            if !lang.is_empty() && langs.is_some_and(|l| !l.contains(&lang)) {
                continue;
            }
            // Each word: its range, whether it is marked, and its mask for each phrase.
            let mut words: Vec<(u32, u32, bool)> = Vec::new();
            let mut masks: Vec<Vec<u64>> = vec![Vec::new(); phrases.len()];
            let found = |dict: Dict, key: &str| {
                self.dict(dict).position(key).is_some_and(|i| {
                    terms
                        .binary_search_by_key(&(dict as u8, i as u32), |&(d, i)| (d as u8, i))
                        .is_ok()
                })
            };
            let runs = tokens_and_runs(text, &mut |forms, start, end| {
                let mut hit = false;
                let mut bits = vec![0u64; phrases.len()];
                doc_keys(forms, &self.lexicon, |dict, key| {
                    for (b, p) in bits.iter_mut().zip(&phrases) {
                        *b |= phrase_bits(dict, key, p);
                    }
                    hit = hit || found(dict, key);
                });
                hit = hit || across(forms);
                words.push((start, end, hit));
                for (m, b) in masks.iter_mut().zip(bits) {
                    m.push(b);
                }
            });
            // A hyphenated word the query found as one word (cybercrime: cyber-crime).
            for (first, n, word) in runs {
                let mut hit = false;
                for_each_token(&word, |forms, _, _| {
                    doc_keys(forms, &self.lexicon, |dict, key| {
                        hit = hit || found(dict, key)
                    });
                });
                if hit {
                    for w in &mut words[first..first + n] {
                        w.2 = true;
                    }
                }
            }
            for (m, p) in masks.iter().zip(&phrases) {
                for at in phrase_starts(m, p.len()) {
                    for w in &mut words[at..at + p.len()] {
                        w.2 = true;
                    }
                }
            }
            spans.extend(
                words
                    .into_iter()
                    .filter(|w| w.2)
                    .map(|(start, end, _)| Span {
                        field: name,
                        lang,
                        start,
                        end,
                    }),
            );
        }
        Hit {
            record,
            score: undescend(score),
            spans,
            missing,
            via: None,
        }
    }

    /// The first document of `kind` (documents are numbered in record order).
    fn kind_start(&self, kind: Kind) -> u32 {
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

    /// The query's terms with each word typed in two pieces read as the one word they
    /// make: two neighbouring words of one script, letters only, one of which finds nothing
    /// alone (`per_term`), where the word they make is in the index as written, or begins
    /// a word when it is the last one typed (انتر بول: انتربول, inter pol: interpol, مراك
    /// ش); not when it only comes near a word (interpol m is not interpolm, a letter from
    /// interpol). `None` when no pair is so joined.
    fn pieces_joined(&self, terms: &[Term], per_term: &[DocMatches]) -> Option<Vec<Term>> {
        // Latin letters, or Arabic ones (not digits, not a mix).
        let script = |t: &Token| {
            let arabic = t.norm.chars().all(|c| class(c) == Class::Arabic);
            (latin_word(&t.norm) || arabic).then_some(arabic)
        };
        let mut out = Vec::with_capacity(terms.len());
        let mut i = 0;
        while i < terms.len() {
            if let (
                Term::Word {
                    token: a,
                    prefix: false,
                },
                Some(Term::Word { token: b, prefix }),
            ) = (&terms[i], terms.get(i + 1))
            {
                let lost = per_term[i].docs.is_empty() || per_term[i + 1].docs.is_empty();
                let mut whole = tokenize(&format!("{}{}", a.norm, b.norm));
                if lost && script(a).is_some() && script(a) == script(b) && whole.len() == 1 {
                    let mut token = whole.remove(0);
                    (token.start, token.end) = (a.start, b.end);
                    let term = Term::Word {
                        token,
                        prefix: *prefix,
                    };
                    let mut keys = Vec::new();
                    self.direct_keys(&term, &mut keys);
                    if !keys.is_empty() {
                        out.push(term);
                        i += 2;
                        continue;
                    }
                }
            }
            out.push(terms[i].clone());
            i += 1;
        }
        (out.len() < terms.len()).then_some(out)
    }

    /// The keys a word finds as written (its exact look-ups: [`lookups`]) and, when it
    /// completes ([`completes`]), as the start of a key: each (dictionary, key, quality),
    /// once, at its best quality. Nothing for a term that is not one word.
    fn direct_keys(&self, term: &Term, seen: &mut Vec<(Dict, u32, f32)>) {
        let Term::Word { token, prefix } = term else {
            return;
        };
        for (dict, key, quality) in lookups(token, *prefix, &self.lexicon) {
            if let Some(i) = self.dict(dict).position(key) {
                add(dict, i, quality, seen);
            }
        }
        if completes(&token.norm, *prefix) {
            for key in super::prefix_keys(token) {
                for dict in [Dict::Norm, Dict::Bare] {
                    for i in self.dict(dict).prefixed(&key) {
                        add(dict, i, PREFIX, seen);
                    }
                }
            }
        }
    }

    /// doc -> best score for this term; what it matched is added to `found` (each list
    /// once), for the highlights of the hits shown.
    fn match_term(&self, catalog: &Catalog, term: &Term, found: &mut Vec<List>) -> DocMatches {
        let token = match term {
            Term::Word { token, .. } => token,
            Term::Phrase(tokens) => {
                let (out, phrase) = self.match_phrase(catalog, tokens);
                found.push(List::Phrase(phrase));
                return out;
            }
            // Its words, every one, or the one word (a number's digits).
            Term::Either { words, whole } => {
                let mut all: Option<DocMatches> = None;
                for w in words {
                    let m = self.match_term(catalog, w, found);
                    all = Some(match all {
                        None => m,
                        Some(prev) => prev.and(m),
                    });
                }
                // The one word stands for every word: scored as many times, so that a record
                // with the number's digits does not rank below one with its words scattered.
                let by_whole = self.match_term(catalog, whole, found);
                return match all {
                    Some(all) => all.or(by_whole, words.len() as f32),
                    None => by_whole,
                };
            }
        };
        // The lists that match, each with its quality; then one pass over them. A list
        // reached twice (the word itself and as its own prefix, or a stem equal to the bare
        // form) is read once, at its best quality (the first look-up is the best).
        let mut seen: Vec<(Dict, u32, f32)> = Vec::with_capacity(8);
        self.direct_keys(term, &mut seen);
        if fuzzy_eligible(&token.norm) && seen.is_empty() {
            let skeleton = latin_skeleton(&token.norm);
            for (i, k) in self.by_norm.keys.iter().enumerate() {
                if sounds_alike(k, &token.norm, &skeleton) {
                    add(Dict::Norm, i, FUZZY, &mut seen);
                }
            }
        }
        if seen.is_empty() {
            // An Arabic word spelt another way (جلاسجو for غلاسكو): surface and bare forms
            // with the same skeleton (a surface form with a clitic has another one).
            for form in arabic_forms(token) {
                let skeleton: String = arabic_skeleton(form).collect();
                for dict in [Dict::Norm, Dict::Bare] {
                    for (i, k) in self.dict(dict).keys.iter().enumerate() {
                        if arabic_sounds_alike(k, form, &skeleton) {
                            add(dict, i, FUZZY, &mut seen);
                        }
                    }
                }
            }
        }
        if seen.is_empty() {
            // A word that may spell one of the other script: mrakch, motamar (Arabic typed
            // in Latin letters); هيندس, كونغرس (a name the records write in Latin letters).
            let other = OtherScript::of(token);
            if !other.is_empty() {
                for dict in other.dicts() {
                    for (i, k) in self.dict(*dict).keys.iter().enumerate() {
                        if other.reads_as(k) {
                            add(*dict, i, FUZZY, &mut seen);
                        }
                    }
                }
            }
        }
        if seen.is_empty() {
            // Two words written as one: alalam, الدارالبيضاء.
            for (first, second) in written_together(&token.norm) {
                let (out, phrase) =
                    self.match_phrase(catalog, &tokenize(&format!("{first} {second}")));
                if !out.docs.is_empty() {
                    found.push(List::Phrase(phrase));
                    return out;
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
            out.add_list(&list.docs, &list.impact, &self.impacts, quality);
        }
        found.extend(seen.into_iter().map(|(d, i, _)| List::Term(d, i)));
        out
    }

    /// The documents where the words of `phrase` follow each other in one field (each in
    /// any form the word search finds it in: [`phrase_word`]), each scored by the best such
    /// field: the documents holding every word, checked in their text. With the phrase's
    /// words as compared.
    /// A phrase is read to its 64th word (one bit each in the check; its highlight reads
    /// as many).
    fn match_phrase(&self, catalog: &Catalog, phrase: &[Token]) -> (DocMatches, Vec<PhraseWord>) {
        let phrase = &phrase[..phrase.len().min(64)];
        let keys: Vec<PhraseWord> = phrase
            .iter()
            .map(|t| phrase_word(t, &self.lexicon))
            .collect();
        let mut out = DocMatches {
            docs: Vec::new(),
            score: PerDoc::new(self.docs.len(), 0),
        };
        let mut candidates: Option<Vec<u32>> = None;
        for word in &keys {
            let mut docs: Vec<u32> = Vec::new();
            for (dict, key) in word {
                if let Some(i) = self.dict(*dict).position(key) {
                    docs.extend_from_slice(&self.dict(*dict).lists[i].docs);
                }
            }
            crate::order::sort(&mut docs);
            docs.dedup();
            candidates = Some(match candidates {
                None => docs,
                Some(prev) => prev
                    .into_iter()
                    .filter(|d| docs.binary_search(d).is_ok())
                    .collect(),
            });
        }
        // A field without Arabic letters cannot hold a phrase of Arabic words: a byte scan
        // (Arabic letters start with D8–DB in UTF-8, presentation forms with EF) spares the
        // analysis of the other languages' text. Any other phrase reads every field.
        let arabic = phrase.iter().all(|t| {
            t.norm
                .chars()
                .all(|c| ('\u{0621}'..='\u{064A}').contains(&c))
        });
        let n = keys.len();
        if n == 0 {
            return (out, keys);
        }
        for doc in candidates.unwrap_or_default() {
            let record = self.docs[doc as usize];
            let mut best = 0.0f32;
            for (name, _, text) in doc_fields(catalog, catalog.get(record)) {
                if arabic && !text.bytes().any(|b| matches!(b, 0xD8..=0xDB | 0xEF)) {
                    continue;
                }
                // Each word as the phrase's words it is (a bit each): no keys kept.
                let mut masks: Vec<u64> = Vec::new();
                for_each_token(&text, |forms, _, _| {
                    masks.push(phrase_mask(forms, &self.lexicon, &keys));
                });
                let found = phrase_starts(&masks, n).next().is_some();
                if found {
                    best = best.max(field_impact(name, masks.len()) * EXACT);
                }
            }
            if best > 0.0 {
                out.docs.push(doc);
                *out.score.get_mut(doc) = best;
            }
        }
        (out, keys)
    }
}
