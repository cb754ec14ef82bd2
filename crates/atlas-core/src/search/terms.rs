//! The term dictionaries (a term to the documents it is in) and the per-document score
//! tables a search fills.

use std::collections::HashMap;

/// The documents one term is found in, in document order, each with the best impact
/// (`field_impact`: weight × short-field boost, and a credit for a name) of the fields it
/// is found in, as an index into the index's table of impacts (a field's impact takes a
/// few thousand values at most, so two bytes a document instead of four). Two arrays read
/// side by side: a common word's list is read from start to end.
#[derive(Debug, Default)]
pub(super) struct DocList {
    pub(super) docs: Vec<u32>,
    pub(super) impact: Vec<u16>,
}

impl DocList {
    /// Adds `doc` (the latest document indexed), or raises its impact (`impacts` maps
    /// impact codes to values).
    pub(super) fn add(&mut self, doc: u32, impact: u16, impacts: &[f32]) {
        if self.docs.last() == Some(&doc) {
            let last = self.impact.last_mut().expect("one impact per doc");
            if impacts[impact as usize] > impacts[*last as usize] {
                *last = impact;
            }
        } else {
            self.docs.push(doc);
            self.impact.push(impact);
        }
    }

    pub(super) fn len(&self) -> usize {
        self.docs.len()
    }
}

/// Terms and their document lists, sorted by term once the index is built: exact look-ups
/// and prefix ranges are binary searches, and each distinct term is stored once.
#[derive(Debug, Default)]
pub(super) struct Terms {
    pub(super) keys: Vec<Box<str>>,
    pub(super) lists: Vec<DocList>,
}

impl Terms {
    pub(super) fn position(&self, key: &str) -> Option<usize> {
        self.keys.binary_search_by(|k| (**k).cmp(key)).ok()
    }

    /// The positions of every term starting with `prefix`.
    pub(super) fn prefixed(&self, prefix: &str) -> std::ops::Range<usize> {
        let start = self.keys.partition_point(|k| &**k < prefix);
        let len = self.keys[start..].partition_point(|k| k.starts_with(prefix));
        start..start + len
    }
}

/// Collects terms while indexing: a hash look-up per token, allocating only for new terms.
#[derive(Default)]
pub(super) struct TermsBuilder {
    pub(super) ids: HashMap<Box<str>, u32, rustc_hash::FxBuildHasher>,
    pub(super) keys: Vec<Box<str>>,
    pub(super) lists: Vec<DocList>,
}

impl TermsBuilder {
    /// The (provisional) id of `key`, added if new.
    pub(super) fn id(&mut self, key: &str) -> u32 {
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
    pub(super) fn finish(self) -> Terms {
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
pub(super) enum PerDoc<T> {
    Dense(Vec<T>),
    Sparse(HashMap<u32, T, rustc_hash::FxBuildHasher>),
}

impl<T: Copy + Default> PerDoc<T> {
    pub(super) fn new(docs: usize, expected: usize) -> Self {
        // Zeroing an array costs a few hundredths of a nanosecond a document, a hash entry
        // some tens of nanoseconds: the array wins from one expected match in 64 documents
        // (at 100k records a 9,000-match word took 0.2 ms hashed, 0.03 ms in an array).
        if expected.saturating_mul(64) >= docs {
            PerDoc::Dense(vec![T::default(); docs])
        } else {
            PerDoc::Sparse(HashMap::default())
        }
    }

    pub(super) fn get(&self, doc: u32) -> T {
        match self {
            PerDoc::Dense(v) => v[doc as usize],
            PerDoc::Sparse(m) => m.get(&doc).copied().unwrap_or_default(),
        }
    }

    pub(super) fn get_mut(&mut self, doc: u32) -> &mut T {
        match self {
            PerDoc::Dense(v) => &mut v[doc as usize],
            PerDoc::Sparse(m) => m.entry(doc).or_default(),
        }
    }
}

/// The documents one term (or every term so far) matches, kept flat: a short prefix can
/// match most documents through a hundred thousand postings, and one hash entry and one
/// small vector per document made such a keystroke cost 48 ms at 10k records.
pub(super) struct DocMatches {
    /// Matched documents, in the order first matched.
    pub(super) docs: Vec<u32>,
    /// Best score per document (0 when unmatched: every score is > 0).
    pub(super) score: PerDoc<f32>,
}

impl DocMatches {
    /// Adds the documents of one matching list, each scored impact × `quality`, keeping
    /// each document's best score.
    pub(super) fn add_list(&mut self, docs: &[u32], impact: &[u16], impacts: &[f32], quality: f32) {
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
                    let s = impacts[imp as usize] * quality;
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
                    let s = impacts[imp as usize] * quality;
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

    /// The documents either matches, each at its better score, `other`'s counted `k` times
    /// (one term, read two ways).
    pub(super) fn or(mut self, other: DocMatches, k: f32) -> DocMatches {
        for &d in &other.docs {
            let o = other.score.get(d) * k;
            let s = self.score.get_mut(d);
            if *s == 0.0 {
                self.docs.push(d);
            }
            if o > *s {
                *s = o;
            }
        }
        self
    }

    /// Keeps the documents both match, adding their scores (every term must match).
    pub(super) fn and(mut self, other: DocMatches) -> DocMatches {
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
