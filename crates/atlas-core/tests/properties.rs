//! Properties of normalisation, tokenising and highlight offsets, on Arabic-heavy text
//! (Arabic and its supplement, presentation forms A and B, tashkeel, tatweel, Arabic-Indic
//! and Persian digits, accented Latin, quotes and punctuation) and on arbitrary text.
//!
//! - `normalize` never panics and is idempotent; so is the indexing fold (`tokenize`:
//!   tokenising normalised text gives the same tokens);
//! - every normalised character maps back to exactly one original character, in order;
//! - every token's range lies on character boundaries and is exactly the range of the
//!   original characters its normalised characters came from;
//! - a search for a token of a record's title highlights a range of the original title that
//!   lies on character boundaries and covers that token; `segments` always gives the text
//!   back whole, whatever the ranges.

use atlas_core::analyze::{tokenize, Token, GROUP_SEPARATORS};
use atlas_core::model::{Bundle, Organization, Text};
use atlas_core::normalize::{normalize, normalize_chars};
use atlas_core::search::{segments, FieldName};
use atlas_core::{Catalog, SearchIndex};
use proptest::prelude::*;

fn arabic_char() -> impl Strategy<Value = char> {
    let tashkeel: Vec<char> = ('\u{064B}'..='\u{065F}')
        .chain(['\u{0670}', '\u{0640}', '\u{06E1}', '\u{08F0}'])
        .collect();
    prop_oneof![
        8 => proptest::char::range('\u{0621}', '\u{064A}'),
        3 => proptest::char::range('\u{0600}', '\u{06FF}'),
        1 => proptest::char::range('\u{0750}', '\u{077F}'),
        2 => proptest::char::range('\u{FB50}', '\u{FDFF}'),
        2 => proptest::char::range('\u{FE70}', '\u{FEFF}'),
        4 => proptest::sample::select(tashkeel),
        2 => proptest::sample::select("aAàÀâäéÉèêëîïôöùûüçÇßİıŁłøÆæœŒﬁＩｎ".chars().collect::<Vec<_>>()),
        // Apostrophes and doubled letters: Da'esh, l’Interpol, EE. UU.
        1 => proptest::sample::select(vec!['\'', '\u{2019}', '\u{2018}', '\u{02BC}', 'e', 'E']),
        1 => proptest::char::range('\u{0660}', '\u{0669}'),
        1 => proptest::char::range('\u{06F0}', '\u{06F9}'),
        1 => proptest::char::range('0', '9'),
        3 => proptest::sample::select(vec![' ', ' ', '\n', '،', '.', '"', '«', '»', '“', '”', '-', '½', '\u{200F}']),
        1 => any::<char>(),
    ]
}

fn arabic_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(arabic_char(), 0..48).prop_map(|v| v.into_iter().collect())
}

fn any_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<char>(), 0..48).prop_map(|v| v.into_iter().collect())
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![3 => arabic_text(), 1 => any_text()]
}

fn check_normalisation(s: &str) -> Result<(), TestCaseError> {
    let chars = normalize_chars(s);
    let once = normalize(s);
    prop_assert_eq!(&once, &chars.iter().map(|c| c.ch).collect::<String>());
    prop_assert_eq!(normalize(&once), once.clone(), "not idempotent");
    let mut last = 0usize;
    for c in &chars {
        let (a, b) = (c.start as usize, c.end as usize);
        prop_assert!(a < b && b <= s.len());
        prop_assert!(s.is_char_boundary(a) && s.is_char_boundary(b));
        // Exactly one original character.
        prop_assert_eq!(s[a..].chars().next().map(char::len_utf8), Some(b - a));
        prop_assert!(a >= last, "offsets go back");
        last = a;
    }
    Ok(())
}

fn check_tokens(s: &str) -> Result<(), TestCaseError> {
    let chars = normalize_chars(s);
    let tokens = tokenize(s);
    let mut last = 0usize;
    for t in &tokens {
        let (a, b) = (t.start as usize, t.end as usize);
        prop_assert!(a < b && b <= s.len(), "{:?}", t);
        prop_assert!(s.is_char_boundary(a) && s.is_char_boundary(b));
        prop_assert!(a >= last, "tokens go back");
        last = a;
        // The token is a run of normalised characters: its range holds exactly those, from
        // its first to its last; a number in groups (4 304, 4,304) has its separators too,
        // letters written with dots (F.B.I.) their dots, doubled ones (EE. UU.) a space, and
        // a transliteration (Da'esh) its apostrophe.
        let number = t.norm.bytes().all(|b| b.is_ascii_digit());
        let separator = |c: char| {
            if number {
                GROUP_SEPARATORS.contains(&c)
            } else {
                matches!(c, '.' | ' ' | '\'' | '\u{2019}')
            }
        };
        // A number's leading zeros are in its range, not in its norm (06 is 6).
        let digits = t.norm.bytes().all(|b| b.is_ascii_digit());
        let found = (0..chars.len())
            .filter(|&k| chars[k].start as usize == a)
            .flat_map(|k| {
                let zeros = chars[k..]
                    .iter()
                    .take_while(|c| digits && c.ch == '0')
                    .count();
                k..=k + zeros
            })
            .any(|k| {
                let mut want = t.norm.chars().peekable();
                let (mut j, mut last_end) = (k, None);
                while let Some(&w) = want.peek() {
                    let Some(c) = chars.get(j) else { return false };
                    if c.ch == w {
                        want.next();
                        last_end = Some(c.end as usize);
                    } else if !(separator(c.ch) && last_end.is_some()) {
                        return false;
                    }
                    j += 1;
                }
                last_end == Some(b)
            });
        prop_assert!(found, "token {:?} does not map to {}..{}", t.norm, a, b);
        let text: String = normalize(&s[a..b])
            .chars()
            .filter(|&c| !separator(c))
            .collect();
        prop_assert!(text.contains(t.norm.as_str()));
        prop_assert!(t.norm.ends_with(t.bare.as_str()), "{:?}", t);
        prop_assert!(t.bare.starts_with(t.stem.as_str()), "{:?}", t);
        // The literal reading (a first letter that may be the word's own) is a suffix of the
        // surface form, longer than the bare form, and its stem a prefix of it.
        if let Some(l) = &t.literal {
            prop_assert!(
                t.norm.ends_with(l.as_str()) && l.len() > t.bare.len(),
                "{:?}",
                t
            );
            let stem = t.literal_stem.as_deref().unwrap_or("");
            prop_assert!(l.starts_with(stem), "{:?}", t);
        }
        prop_assert_eq!(t.literal.is_some(), t.literal_stem.is_some());
    }
    // The indexing fold is idempotent too. Only the surface forms when the text has an alef
    // with a hamza: the analyser reads a first إ or أ as the word's own letter (إلكتروني is
    // not ال + كتروني), which the normalised text no longer shows.
    let whole = !s.contains(['أ', 'إ', 'آ']);
    let keys = |t: Token| {
        if whole {
            (t.norm, t.bare, t.stem)
        } else {
            (t.norm, String::new(), String::new())
        }
    };
    let again: Vec<(String, String, String)> =
        tokenize(&normalize(s)).into_iter().map(keys).collect();
    let first: Vec<(String, String, String)> = tokens.into_iter().map(keys).collect();
    prop_assert_eq!(again, first);
    Ok(())
}

fn text_of(s: &str) -> Text {
    Text {
        ar: s.to_string(),
        en: "x".into(),
        fr: "x".into(),
        es: None,
    }
}

/// A catalog of one organisation named `title`.
fn one_record(title: &str) -> (Catalog, SearchIndex) {
    let bundle = Bundle {
        schema_version: atlas_core::SCHEMA_VERSION,
        organizations: vec![Organization {
            id: "org".into(),
            name: text_of(title),
            acronym: None,
            aliases: Vec::new(),
            country: None,
            parent: None,
            summary: text_of("-"),
            sources: Vec::new(),
        }],
        ..Bundle::default()
    };
    let catalog = Catalog::new(bundle);
    let index = SearchIndex::build(&catalog);
    (catalog, index)
}

fn check_highlight(title: &str, pick: usize) -> Result<(), TestCaseError> {
    let tokens = tokenize(title);
    if tokens.is_empty() {
        return Ok(());
    }
    let t = &tokens[pick % tokens.len()];
    let (catalog, index) = one_record(title);
    // A trailing space: the term is complete, not a prefix.
    let query = format!("{} ", t.norm);
    let hits = index.search_all(&catalog, &query).unwrap_or_default();
    prop_assert_eq!(hits.len(), 1, "query {:?} on {:?}", query, title);
    let ranges = hits[0].ranges(FieldName::Title, "ar");
    prop_assert!(!ranges.is_empty(), "no highlight for {:?}", query);
    let mut covered = false;
    for &(a, b) in &ranges {
        prop_assert!(a < b && b <= title.len());
        prop_assert!(title.is_char_boundary(a) && title.is_char_boundary(b));
        prop_assert!(!normalize(&title[a..b]).is_empty());
        covered |= a <= t.start as usize && t.end as usize <= b;
    }
    prop_assert!(
        covered,
        "{:?} does not cover {}..{}",
        ranges,
        t.start,
        t.end
    );
    let rebuilt: String = segments(title, &ranges)
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    prop_assert_eq!(rebuilt, title);
    Ok(())
}

proptest! {
    #[test]
    fn normalisation_is_idempotent_and_maps_back(s in text()) {
        check_normalisation(&s)?;
    }

    #[test]
    fn tokens_map_back_to_their_original_characters(s in text()) {
        check_tokens(&s)?;
    }

    #[test]
    fn a_searched_token_is_highlighted_on_char_boundaries(s in arabic_text(), pick in 0usize..16) {
        check_highlight(&s, pick)?;
    }

    #[test]
    fn segments_always_rebuild_the_text(
        s in text(),
        ranges in proptest::collection::vec((0usize..80, 0usize..80), 0..6),
    ) {
        let rebuilt: String = segments(&s, &ranges).into_iter().map(|(p, _)| p).collect();
        prop_assert_eq!(rebuilt, s);
    }
}

/// Inputs that once broke a property, kept as plain tests.
#[test]
fn regressions() {
    for s in [
        "",
        "ـ",
        "\u{FDFA}",
        "½ ﷺ ﻻ",
        "İstanbul",
        "ᾈ",
        "ﬁ",
        "٤٬٣٠٤ و1\u{202F}000",
        "½,000",
        // One character, two tokens of one range (c/o): no hyphen is read between them.
        "c℅o a-℀-b",
    ] {
        check_normalisation(s).unwrap();
        check_tokens(s).unwrap();
        check_highlight(s, 0).unwrap();
    }
}

/// Idempotence for every character below U+30000. Normalisation maps each character on its
/// own (`normalize(s)` is the concatenation of `normalize(c)`), so this proves it for every
/// string of them; above U+2FFFF (CJK extensions, tags, variation selectors, private use)
/// nothing is folded, lower-cased or in the folding table, so characters pass through.
#[test]
fn every_char_normalises_idempotently() {
    let mut bad = Vec::new();
    let mut buf = [0u8; 4];
    for c in (0..0x30000u32).filter_map(char::from_u32) {
        let s: &str = c.encode_utf8(&mut buf);
        let once = normalize(s);
        if once != s && normalize(&once) != once {
            bad.push(format!(
                "U+{:04X} → {once:?} → {:?}",
                c as u32,
                normalize(&once)
            ));
        }
    }
    assert!(
        bad.is_empty(),
        "{} characters:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
