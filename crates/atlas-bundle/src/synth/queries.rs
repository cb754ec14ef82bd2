//! The benchmark queries: an anchor word per query, planted in one to five synthetic records
//! spelt one way and queried another (see the module documentation of [`super`]).

use super::words::{
    add_tashkeel, arabic_indic, drop_hamza, ta_marbuta_as_ha, Anchor, AnchorMaker, Vocab,
};
use super::{Mix, Query, Rng, VARIANTS};
use atlas_core::model::Bundle;
use std::collections::HashSet;

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

/// Plants 50 anchors per variant in the synthetic records of `b` (those after `base`'s) and
/// returns the queries that look for them.
pub(super) fn plant_queries(
    b: &mut Bundle,
    base: &Bundle,
    vocab: &Vocab,
    rng: &mut Rng,
    mix: &Mix,
) -> Result<Vec<Query>, String> {
    // Anchors and queries: 50 per variant, each anchor in 1–5 synthetic records.
    let mut maker = AnchorMaker::new(&vocab.ar);
    let mut queries = Vec::new();
    let mut used_codes = HashSet::new();
    let summary_holders: Vec<(usize, usize)> = {
        // (collection, index) of synthetic records with an Arabic summary.
        let mut v = Vec::new();
        for i in 0..mix.events {
            v.push((0, base.events.len() + i));
        }
        for i in 0..mix.organizations {
            v.push((1, base.organizations.len() + i));
        }
        for i in 0..mix.people * 9 / 10 {
            v.push((2, base.people.len() + i));
        }
        v
    };
    let latin_holders: Vec<usize> = (mix.people * 9 / 10..mix.people)
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
            let anchor = maker.make(rng, variant);
            let (in_record, query) = spellings(variant, &anchor, flip, qi, rng, &mut used_codes);
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
                            Slot::SummaryAr => plant(&mut summary.ar, &in_record, rng),
                            _ => {
                                plant(&mut summary.en, &in_record, rng);
                                plant(&mut summary.fr, &in_record, rng);
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
    Ok(queries)
}

/// How the records spell an anchor, and how its query does: (in the records, the query).
/// `flip` swaps which side has the variant; `qi` is the query's number within its variant.
fn spellings(
    variant: &str,
    anchor: &Anchor,
    flip: bool,
    qi: usize,
    rng: &mut Rng,
    used_codes: &mut HashSet<String>,
) -> (String, String) {
    match variant {
        "diacritics" => {
            let marked = add_tashkeel(&anchor.arabic, rng);
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
    }
}
