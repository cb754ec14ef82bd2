//! Querying a split, client side and without IO: which shards a query needs, and its hits
//! from the shards at hand.

use super::{base_of, Manifest, Shard, ARABIC_VOCAB_KEY, LATIN_VOCAB_KEY};
use crate::analyze::Token;
use crate::search::{
    arabic_forms, arabic_sounds_alike, kind_prior, lookups, parse_query, sounds_alike, Asks, Dict,
    OtherScript, Term, EXACT, FUZZY, PREFIX,
};
use std::collections::{BTreeSet, HashMap};
use std::ops::Bound;

/// The shard key of a term: the longest manifest key that is a prefix of it.
pub fn shard_key_of<'m>(manifest: &'m Manifest, term: &str) -> Option<&'m str> {
    let mut best = None;
    for (i, _) in term.char_indices().skip(1).chain([(term.len(), ' ')]) {
        if let Some((k, _)) = manifest.shards.get_key_value(&term[..i]) {
            best = Some(k.as_str());
        }
    }
    best
}

/// Keys other than `prefix` that start with it (a split key's subtree).
fn keys_below<'m>(manifest: &'m Manifest, prefix: &str) -> Vec<&'m str> {
    manifest
        .shards
        .range::<str, _>((Bound::Excluded(prefix), Bound::Unbounded))
        .map(|(k, _)| k.as_str())
        .take_while(|k| k.starts_with(prefix))
        .collect()
}

/// How a prefix is completed: from a split key's merged postings, or by scanning the terms
/// of the shards that can hold completions.
enum PrefixPlan<'m> {
    Merged(&'m str),
    Scan(Vec<&'m str>),
}

fn prefix_plan<'m>(manifest: &'m Manifest, prefix: &str) -> PrefixPlan<'m> {
    let below = keys_below(manifest, prefix);
    if below.is_empty() {
        return PrefixPlan::Scan(shard_key_of(manifest, prefix).into_iter().collect());
    }
    match manifest.shards.get_key_value(prefix) {
        Some((k, _)) if prefix.chars().nth(1).is_some() => PrefixPlan::Merged(k.as_str()),
        _ => {
            let mut keys = below;
            keys.extend(shard_key_of(manifest, prefix));
            PrefixPlan::Scan(keys)
        }
    }
}

/// The keys a term needs before typo tolerance is considered.
fn primary_keys<'m>(manifest: &'m Manifest, term: &'m Term, out: &mut BTreeSet<&'m str>) {
    match term {
        Term::Word { token, prefix } => {
            for (_, key, _) in lookups(token, *prefix, manifest.lexicon()) {
                out.extend(shard_key_of(manifest, key));
            }
            if crate::search::completes(&token.norm, *prefix) {
                for p in crate::search::prefix_keys(token) {
                    match prefix_plan(manifest, &p) {
                        PrefixPlan::Merged(k) => {
                            out.insert(k);
                        }
                        PrefixPlan::Scan(keys) => out.extend(keys),
                    }
                }
            }
        }
        Term::Phrase(tokens) => {
            for t in tokens {
                for (_, key, _) in lookups(t, false, manifest.lexicon()) {
                    out.extend(shard_key_of(manifest, key));
                }
            }
        }
        Term::Either { words, whole } => {
            for w in words.iter().chain([&**whole]) {
                primary_keys(manifest, w, out);
            }
        }
    }
}

/// The shard keys a query needs in the first round, sorted (empty for an empty query).
/// Enough to answer it unless a word matches nothing that a vocabulary may read another
/// way (a typo, another spelling, the other script): then [`needed_shards`] says what more.
pub fn shard_keys_for(manifest: &Manifest, query: &str) -> Vec<String> {
    let terms = parse_query(query);
    let mut keys = BTreeSet::new();
    for t in &terms {
        primary_keys(manifest, t, &mut keys);
    }
    keys.into_iter().map(str::to_string).collect()
}

/// The vocabularies a word that matched nothing is compared with, in turn (the next only
/// when the one before gives nothing), as [`crate::SearchIndex`] reads it: its own script's
/// (the Latin one for a Latin word of 5+ letters: typos, transliterations; the Arabic one
/// for an Arabic word of four letters or more: other spellings, slips), then the other
/// script's ([`OtherScript`]: mrakch, هيندس), with its reading. The index then reads a
/// word as two written together (alalam, الدارالبيضاء), which a split does not.
fn fuzzy_vocabularies(token: &Token) -> Vec<(&'static str, Option<OtherScript<'_>>)> {
    let own = if crate::search::fuzzy_eligible(&token.norm) {
        Some(LATIN_VOCAB_KEY)
    } else {
        arabic_forms(token).next().map(|_| ARABIC_VOCAB_KEY)
    };
    let other = OtherScript::of(token);
    let vocab = match &other {
        OtherScript::Arabic(_) => ARABIC_VOCAB_KEY,
        OtherScript::Latin(_) => LATIN_VOCAB_KEY,
    };
    own.map(|v| (v, None))
        .into_iter()
        .chain((!other.is_empty()).then_some((vocab, Some(other))))
        .collect()
}

/// The terms of a vocabulary (`vocab`, its key) that `token` may be a misspelling or
/// another spelling of; with `other`, a spelling in the other script ([`OtherScript`]).
fn near_terms<'v>(
    vocab: &'static str,
    other: Option<&'v OtherScript<'v>>,
    v: &'v Shard,
    token: &'v Token,
) -> impl Iterator<Item = &'v String> + 'v {
    let latin = (vocab == LATIN_VOCAB_KEY && other.is_none())
        .then(|| crate::search::latin_skeleton(&token.norm));
    let arabic: Vec<(&str, String)> = match (&latin, other) {
        (None, None) => arabic_forms(token)
            .map(|f| (f, crate::search::arabic_skeleton(f).collect()))
            .collect(),
        _ => Vec::new(),
    };
    v.vocabulary.iter().filter(move |k| match (other, &latin) {
        (Some(other), _) => other.reads_as(k),
        (None, Some(skeleton)) => sounds_alike(k, &token.norm, skeleton),
        (None, None) => arabic
            .iter()
            .any(|(f, skeleton)| arabic_sounds_alike(k, f, skeleton)),
    })
}

/// The shard keys a query still needs given the shards at hand (`shard(key)` returns a
/// loaded shard), sorted; empty when [`search_shards`] can answer. Fetch them and call again
/// (at most four rounds: the terms' shards, then for a Latin or Arabic word that matched
/// nothing the vocabulary of its script, then the shards of its near spellings; or, when it
/// has none, the other script's vocabulary, then the shards of the words it spells there).
pub fn needed_shards<'s>(
    manifest: &Manifest,
    shard: impl Fn(&str) -> Option<&'s Shard>,
    query: &str,
) -> Vec<String> {
    let terms = parse_query(query);
    let mut need: BTreeSet<String> = BTreeSet::new();
    // Each word of words that are also one word may need typo tolerance, and so may the one.
    let mut flat = Vec::with_capacity(terms.len());
    for t in terms {
        match t {
            Term::Either { mut words, whole } => {
                words.push(*whole);
                flat.append(&mut words);
            }
            t => flat.push(t),
        }
    }
    for term in &flat {
        let mut keys = BTreeSet::new();
        primary_keys(manifest, term, &mut keys);
        let missing: Vec<&str> = keys.into_iter().filter(|k| shard(k).is_none()).collect();
        if !missing.is_empty() {
            need.extend(missing.into_iter().map(str::to_string));
            continue;
        }
        let Term::Word { token, .. } = term else {
            continue;
        };
        let vocabularies = fuzzy_vocabularies(token);
        if vocabularies.is_empty() || !match_term(manifest, &shard, term, false).is_empty() {
            continue;
        }
        for (vocab, other) in &vocabularies {
            let vocab = *vocab;
            match shard(vocab) {
                None if manifest.shards.contains_key(vocab) => {
                    need.insert(vocab.to_string());
                    break;
                }
                None => {}
                Some(v) => {
                    let mut near = false;
                    for k in near_terms(vocab, other.as_ref(), v, token) {
                        near = true;
                        if let Some(key) = shard_key_of(manifest, k) {
                            if shard(key).is_none() {
                                need.insert(key.to_string());
                            }
                        }
                    }
                    if near {
                        break;
                    }
                }
            }
        }
    }
    need.into_iter().collect()
}

/// Decodes a flat postings array into (position, field code) pairs.
fn postings(list: &[u32]) -> impl Iterator<Item = (u32, u32)> + '_ {
    let mut pos = 0u32;
    list.chunks_exact(2).map(move |c| {
        pos += c[0];
        (pos, c[1])
    })
}

type Scores = HashMap<u32, f32, rustc_hash::FxBuildHasher>;

fn add(out: &mut Scores, list: &[u32], quality: f32) {
    for (pos, code) in postings(list) {
        let score = base_of(code) * quality;
        let e = out.entry(pos).or_insert(0.0);
        *e = e.max(score);
    }
}

/// One of a shard's three term dictionaries.
fn dict_of(s: &Shard, dict: Dict) -> &std::collections::BTreeMap<String, Vec<u32>> {
    match dict {
        Dict::Norm => &s.norm,
        Dict::Bare => &s.bare,
        Dict::Stem => &s.stem,
    }
}

/// The positions in both `acc` (none yet: all of `m`) and `m`, their scores combined.
fn both(acc: Option<Scores>, m: Scores, combine: fn(f32, f32) -> f32) -> Scores {
    let Some(mut prev) = acc else {
        return m;
    };
    prev.retain(|pos, _| m.contains_key(pos));
    for (pos, s) in prev.iter_mut() {
        *s = combine(*s, m[pos]);
    }
    prev
}

/// position → best score of one query term, from the shards at hand (a missing shard counts
/// as empty). `fuzzy`: apply typo tolerance when the term matched nothing.
fn match_term<'s>(
    manifest: &Manifest,
    shard: &impl Fn(&str) -> Option<&'s Shard>,
    term: &Term,
    fuzzy: bool,
) -> Scores {
    let mut out = Scores::default();
    let of = |s: &str| shard_key_of(manifest, s).and_then(shard);
    match term {
        Term::Word { token, prefix } => {
            for (dict, key, quality) in lookups(token, *prefix, manifest.lexicon()) {
                let list = of(key).and_then(|s| dict_of(s, dict).get(key));
                if let Some(ps) = list {
                    add(&mut out, ps, quality);
                }
            }
            if crate::search::completes(&token.norm, *prefix) {
                for p in crate::search::prefix_keys(token) {
                    let p = p.as_str();
                    match prefix_plan(manifest, p) {
                        PrefixPlan::Merged(k) => {
                            if let Some(ps) = shard(k).and_then(|s| s.prefix.get(p)) {
                                add(&mut out, ps, PREFIX);
                            }
                        }
                        PrefixPlan::Scan(keys) => {
                            for s in keys.into_iter().filter_map(shard) {
                                for dict in [&s.norm, &s.bare] {
                                    let from = (Bound::Included(p), Bound::Unbounded);
                                    for (_, ps) in dict
                                        .range::<str, _>(from)
                                        .take_while(|(t, _)| t.starts_with(p))
                                    {
                                        add(&mut out, ps, PREFIX);
                                    }
                                }
                            }
                        }
                    }
                }
            }
            let vocabularies = if fuzzy && out.is_empty() {
                fuzzy_vocabularies(token)
            } else {
                Vec::new()
            };
            for (vocab, other) in &vocabularies {
                let vocab = *vocab;
                let Some(v) = shard(vocab) else {
                    continue;
                };
                let mut near = false;
                for k in near_terms(vocab, other.as_ref(), v, token) {
                    near = true;
                    let Some(s) = of(k) else {
                        continue;
                    };
                    // Latin near terms are surface forms; Arabic ones, surface or bare forms
                    // (or both).
                    for ps in [
                        s.norm.get(k),
                        s.bare.get(k).filter(|_| vocab == ARABIC_VOCAB_KEY),
                    ]
                    .into_iter()
                    .flatten()
                    {
                        add(&mut out, ps, FUZZY);
                    }
                }
                if near {
                    break;
                }
            }
        }
        // Approximation: every word of the phrase, in any of its forms, anywhere in the
        // record.
        Term::Phrase(tokens) => {
            let mut acc: Option<Scores> = None;
            for t in tokens {
                let mut m = Scores::default();
                for (dict, key, _) in lookups(t, false, manifest.lexicon()) {
                    if let Some(ps) = of(key).and_then(|s| dict_of(s, dict).get(key)) {
                        add(&mut m, ps, EXACT);
                    }
                }
                acc = Some(both(acc, m, f32::max));
            }
            out = acc.unwrap_or_default();
        }
        // Its words, every one (their scores added, as for separate terms), or the one word
        // (a number's digits).
        Term::Either { words, whole } => {
            let mut all: Option<Scores> = None;
            for w in words {
                let m = match_term(manifest, shard, w, fuzzy);
                all = Some(both(all, m, |a, b| a + b));
            }
            out = all.unwrap_or_default();
            // The one word stands for every word (as `SearchIndex` scores it).
            let k = words.len() as f32;
            for (pos, s) in match_term(manifest, shard, whole, fuzzy) {
                let e = out.entry(pos).or_insert(0.0);
                *e = e.max(s * k);
            }
        }
    }
    out
}

/// Runs a query over the shards at hand: record positions with their scores, best first
/// (ties by position). `None` for an empty query (no searchable token), as
/// [`crate::SearchIndex::search`]. Missing shards count as empty: fetch what
/// [`needed_shards`] asks for first.
pub fn search_shards_scored<'s>(
    manifest: &Manifest,
    shard: impl Fn(&str) -> Option<&'s Shard>,
    query: &str,
) -> Option<Vec<(u32, f32)>> {
    search_shards_ranked(manifest, shard, query)
        .map(|h| h.into_iter().map(|(p, s, _)| (p, s)).collect())
}

/// [`search_shards_scored`] with, per hit, how many words of the query it lacks: 0, unless
/// no record or only a few match every word (then, as [`crate::SearchIndex::search`], the
/// records with the most words follow them).
pub fn search_shards_ranked<'s>(
    manifest: &Manifest,
    shard: impl Fn(&str) -> Option<&'s Shard>,
    query: &str,
) -> Option<Vec<(u32, f32, u8)>> {
    let mut terms = parse_query(query);
    let asks = Asks::of(query);
    if terms.is_empty() {
        return None;
    }
    let acc = loop {
        let per_term: Vec<Scores> = terms
            .iter()
            .map(|term| match_term(manifest, &shard, term, true))
            .collect();
        // A proclitic and a letter typed after whole words wait (see `SearchIndex::search`).
        if crate::search::clitic_and_letter_last(&terms) && per_term.iter().all(|m| !m.is_empty()) {
            terms.pop();
            continue;
        }
        let mut acc: Option<Scores> = None;
        for matches in per_term {
            acc = Some(match acc {
                None => matches,
                Some(mut prev) => {
                    prev.retain(|pos, _| matches.contains_key(pos));
                    for (pos, score) in prev.iter_mut() {
                        *score += matches[pos];
                    }
                    prev
                }
            });
        }
        let acc = acc.unwrap_or_default();
        if acc.is_empty() && crate::search::typing(&terms) {
            return None;
        }
        // A last word begun and too short to search is left out (see `SearchIndex::search`).
        if acc.is_empty() && crate::search::unfinished_last(&terms) {
            terms.pop();
            continue;
        }
        break acc;
    };
    let n = terms.len() as u8;
    let ranked: Vec<(u32, f32, u8)> = if crate::search::some_words_follow(&terms, acc.len()) {
        // Few records (or none) have every word: they, then those with the most, scores
        // summed over the words each matches (see `SearchIndex::search`).
        // Scores and counts (as f32) in the map type already used: less code in the wasm.
        let (mut sum, mut count) = (Scores::default(), Scores::default());
        for term in &terms {
            for (pos, score) in match_term(manifest, &shard, term, true) {
                *sum.entry(pos).or_insert(0.0) += score;
                *count.entry(pos).or_insert(0.0) += 1.0;
            }
        }
        sum.into_iter()
            .map(|(pos, score)| (pos, score, n.saturating_sub(count[&pos] as u8)))
            .collect()
    } else {
        acc.into_iter()
            .map(|(pos, score)| (pos, score, 0))
            .collect()
    };
    let mut hits: Vec<(u32, f32, u8)> = ranked
        .into_iter()
        .map(|(pos, score, missing)| {
            let prior = manifest.kind_at(pos).map_or(1.0, |k| kind_prior(k, asks));
            (pos, score * prior, missing)
        })
        .collect();
    hits.sort_unstable_by(|a, b| a.2.cmp(&b.2).then(b.1.total_cmp(&a.1)).then(a.0.cmp(&b.0)));
    Some(hits)
}

/// Runs a query over the shards at hand: record positions, best first (ties by position).
/// `None` for an empty query, or a word still being typed that finds nothing. See [`search_shards_scored`].
pub fn search_shards<'s>(
    manifest: &Manifest,
    shard: impl Fn(&str) -> Option<&'s Shard>,
    query: &str,
) -> Option<Vec<u32>> {
    search_shards_scored(manifest, shard, query).map(|h| h.into_iter().map(|(p, _)| p).collect())
}
