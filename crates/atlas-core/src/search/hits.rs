//! The result of a search: every match counted, the best ranked, highlights on demand.

use super::index::SearchIndex;
use super::{Dict, FieldName};
use crate::catalog::{Catalog, RecordRef};

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
    pub(super) spans: Vec<Span>,
    /// How many words of the query this record does not match: 0, unless no record or only
    /// a few match every word (then the records matching the most words follow them, see
    /// [`SearchIndex::search`]).
    pub missing: u8,
    /// When nothing of its shown text is marked (`spans` empty), a record it links to that
    /// matches the query in full: why it was found («FBI» finds the congresses the FBI
    /// co-organised). Set by [`Hits::hit`] and [`Hits::hit_in`].
    pub via: Option<RecordRef>,
}

/// One matched document's ranking key, in one integer: the words it misses (8 bits), its
/// score (32 bits, highest first, see [`descending`]), then the document (24 bits).
/// Documents are numbered in record order (kind, then index: [`Catalog::all`]), so ties go
/// to the record that comes first. Sorting and comparing these is several times faster
/// than sorting hits.
pub(super) type Entry = u64;

/// The most documents an index ranks apart (2^24, 16.7 million records).
pub(super) const MAX_DOCS: usize = 1 << 24;

pub(super) fn entry(missing: u8, score: u32, doc: u32) -> Entry {
    (u64::from(missing) << 56) | (u64::from(score) << 24) | u64::from(doc & (MAX_DOCS as u32 - 1))
}

pub(super) fn entry_missing(e: Entry) -> u8 {
    (e >> 56) as u8
}

pub(super) fn entry_score(e: Entry) -> u32 {
    (e >> 24) as u32
}

pub(super) fn entry_doc(e: Entry) -> u32 {
    (e & (MAX_DOCS as u64 - 1)) as u32
}

/// How many of the best hits a search ranks at once: a screenful of cards and more. The
/// rest are ranked only when asked for ([`Hits::ranked`]).
pub(super) const RANKED_FIRST: usize = 48;
const _: () = assert!(RANKED_FIRST > super::FEW_COMPLETE);

/// The result of a search: every matching record, counted exactly, ranked lazily.
///
/// A broad word matches a third of a large catalogue; sorting all its matches and building
/// every hit's highlights cost more than the matching itself. A search therefore keeps one
/// small key per match, ranks only the best few dozen while matching, and computes
/// highlights only for the hits a caller takes.
#[derive(Clone, Debug, Default)]
pub struct Hits {
    /// Every match, in the order matched (not ranked).
    pub(super) entries: Vec<Entry>,
    /// The best `min(len, RANKED_FIRST)` entries, best first.
    pub(super) best: Vec<Entry>,
    /// What each word of the query matched, to find a shown hit's highlights.
    pub(super) lists: std::sync::Arc<[List]>,
}

impl PartialEq for Hits {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries && self.lists == other.lists
    }
}

/// What one query word matched: a term of a dictionary, or a quoted phrase (its words, as
/// [`super::phrase_word`] gives them).
#[derive(Clone, Debug, PartialEq)]
pub(super) enum List {
    Term(Dict, u32),
    Phrase(Vec<super::PhraseWord>),
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

    /// The records matching every word of the query, when records matching only some of
    /// its words follow them (few or none match every word, see [`SearchIndex::search`]):
    /// one or two records, none when the hits are [`partial`](Hits::partial). `None` when
    /// every hit matches every word.
    pub fn complete_records(&self, index: &SearchIndex) -> Option<Vec<RecordRef>> {
        // `best` holds the first RANKED_FIRST (more than FEW_COMPLETE) in order: when some
        // hits lack a word, the last of them does.
        if self.best.last().is_none_or(|&e| entry_missing(e) == 0) {
            return None;
        }
        Some(
            self.best
                .iter()
                .take_while(|&&e| entry_missing(e) == 0)
                .map(|&e| index.docs[entry_doc(e) as usize])
                .collect(),
        )
    }

    /// Every matching record, in no particular order (for counts and filters).
    pub fn records<'a>(&'a self, index: &'a SearchIndex) -> impl Iterator<Item = RecordRef> + 'a {
        self.entries
            .iter()
            .map(|e| index.docs[entry_doc(*e) as usize])
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
        kept.into_iter()
            .map(|e| docs[entry_doc(e) as usize])
            .collect()
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
        self.best(k)
            .iter()
            .map(|e| index.docs[entry_doc(*e) as usize])
            .collect()
    }

    /// The best `k` hits, best first, with their highlights (`index` is the index of
    /// `catalog` that found them).
    pub fn top(&self, index: &SearchIndex, catalog: &Catalog, k: usize) -> Vec<Hit> {
        self.best(k)
            .iter()
            .map(|&e| index.hit(catalog, e, &self.lists, None))
            .collect()
    }

    /// The hit for `record`, with its highlights (`None` when it did not match).
    pub fn hit(&self, index: &SearchIndex, catalog: &Catalog, record: RecordRef) -> Option<Hit> {
        self.hit_in(index, catalog, record, None)
    }

    /// [`Hits::hit`] with the highlights of the languages `langs` only (a card shows one
    /// language, or Arabic where it lacks a text): a quarter of the work.
    pub fn hit_in(
        &self,
        index: &SearchIndex,
        catalog: &Catalog,
        record: RecordRef,
        langs: Option<&[&str]>,
    ) -> Option<Hit> {
        let e = self
            .best
            .iter()
            .chain(&self.entries)
            .find(|&&e| index.docs[entry_doc(e) as usize] == record)?;
        let mut hit = index.hit(catalog, *e, &self.lists, langs);
        // Nothing marked in the languages shown, nor in any other (a Latin spelling found
        // in the English title is the record's own text, though the Arabic card has no mark).
        if hit.spans.is_empty()
            && (langs.is_none() || index.hit(catalog, *e, &self.lists, None).spans.is_empty())
        {
            hit.via = self.via(index, catalog, record);
        }
        Some(hit)
    }

    /// The first record `record` links to (not a source) that matches every word of the
    /// query itself, by its name (its title or another name marked): «FBI» names the FBI.
    /// A linked record found only by its summary is no reason («interpool» is in Glasgow's
    /// summary, not its name), and neither is one the query found but cannot mark.
    fn via(&self, index: &SearchIndex, catalog: &Catalog, record: RecordRef) -> Option<RecordRef> {
        catalog
            .get(record)
            .links()
            .into_iter()
            .filter_map(|id| catalog.lookup(id))
            .filter(|r| r.kind != crate::model::Kind::Source && *r != record)
            .find(|&r| {
                self.entries.iter().any(|&e| {
                    entry_missing(e) == 0
                        && index.docs[entry_doc(e) as usize] == r
                        && index
                            .hit(catalog, e, &self.lists, None)
                            .spans
                            .iter()
                            .any(|s| matches!(s.field, FieldName::Title | FieldName::Alias))
                })
            })
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
