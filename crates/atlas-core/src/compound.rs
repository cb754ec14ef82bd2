//! Compound names written as one word or as two: عبداللطيف / عبد اللطيف, نورالدين / نور الدين,
//! Abdellatif / Abdel Latif / Abd al-Latif, Noureddine / Nour-Eddine / Nour al-Din.
//!
//! Sources and readers write these names both ways, so the analyser cuts the one-word
//! spelling where the two-word spelling has its space, for indexed text and queries alike:
//! either spelling then finds the other, and a reader who types only the second half
//! (Latif, اللطيف) finds the whole name. The pieces are slices of the run's normalised text:
//! a name after an article keeps the article in its surface form, with the name alone as
//! its bare form (as الـ is stripped from an Arabic word), so a highlight covers the whole
//! word. The Latin prefix written apart (Abdel, Abdul) is read as "abd", and the Latin
//! spellings of الدين (eddine, eddin, uddin, ad-din) share the stem "din".
//!
//! The cuts are kept to shapes that are names: an Arabic word is cut after عبد only before
//! an article (عبدالله، عبدالرحمن), and before الدين only after a first name of this list
//! (never والدين, "parents"); a Latin word after abd + a vowel and the article's letter or a
//! doubled sun letter (abdelkader, abderrahim), or before eddine (noureddine).

use crate::normalize::Class;

/// A token cut out of a run: the byte range of its surface form in the run's normalised
/// text, where its bare form starts (after the clitics of an Arabic name, an article or a
/// vowel of a Latin spelling) and, for
/// a Latin spelling of الدين, where its stem "din" ends (else the analyser's own stem).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    pub start: usize,
    pub bare: usize,
    pub end: usize,
    pub stem: Option<usize>,
}

impl Piece {
    fn whole(start: usize, end: usize) -> Piece {
        Piece {
            start,
            bare: start,
            end,
            stem: None,
        }
    }

    /// A Latin spelling of الدين from `start`, its "din" from `bare`.
    fn din(start: usize, bare: usize, end: usize) -> Piece {
        Piece {
            start,
            bare,
            end,
            stem: Some(bare + 3),
        }
    }
}

/// First names written before الدين, normalised (ة as ه, no hamza on the alef).
const DIN_NAMES: &[&str] = &[
    "نور",
    "عز",
    "صلاح",
    "سعد",
    "بدر",
    "نصر",
    "ناصر",
    "خير",
    "شمس",
    "علاء",
    "جمال",
    "كمال",
    "نجم",
    "فخر",
    "تقي",
    "محي",
    "محيي",
    "سيف",
    "عماد",
    "زين",
    "شرف",
    "بهاء",
    "حسام",
    "ضياء",
    "قطب",
    "تاج",
    "ركن",
    "برهان",
    "شهاب",
    "سراج",
    "معين",
    "عصام",
    "مجد",
    "قمر",
    "حسن",
    "جلال",
    "فتح",
];

/// Latin spellings of عبد written as a word of its own (the article fused to it: Abdel).
const LATIN_ABD: &[&str] = &["abd", "abdel", "abdal", "abdul", "abdoul", "abdol"];

/// Latin spellings of الدين, alone (Nour Eddine) or at the end of the name (Noureddine).
const LATIN_DIN: &[&str] = &[
    "eddine", "eddin", "uddine", "uddin", "addine", "addin", "ddine", "ddin", "edine",
];

/// The pieces of a run of one script class when it is (part of) a compound name; `None`
/// for any other run, which is one token.
pub(crate) fn pieces(norm: &str, class: Class) -> Option<[Piece; 2]> {
    match class {
        Class::Arabic => arabic(norm),
        Class::Latin => latin(norm),
        _ => None,
    }
}

/// The one-piece Latin spellings: Abdel, Abdul (read as "abd", the article's letters left
/// out), and الدين written apart (Eddine: its bare form from the d, whose stem is "din").
/// `None` for any other word.
pub(crate) fn latin_alone(norm: &str) -> Option<Piece> {
    if LATIN_ABD.contains(&norm) {
        return Some(Piece::whole(0, 3));
    }
    din_bare(norm).map(|bare| Piece::din(0, bare, norm.len()))
}

/// Where a Latin spelling of الدين has its "din": after the vowel and the first of a
/// doubled d. `None` when `word` is not one.
fn din_bare(word: &str) -> Option<usize> {
    LATIN_DIN
        .contains(&word)
        .then(|| word.len() - word.trim_start_matches(['a', 'e', 'u']).len())
        .map(|v| {
            if word[v..].starts_with("dd") {
                v + 1
            } else {
                v
            }
        })
}

/// `word` without up to two proclitics (و ف ب ك ل: لعبداللطيف، ولنورالدين), each reading.
fn after_clitics(word: &str) -> impl Iterator<Item = &str> {
    fn strip(w: &str) -> Option<&str> {
        w.strip_prefix(['و', 'ف', 'ب', 'ك', 'ل'])
    }
    let one = strip(word);
    [Some(word), one, one.and_then(strip)].into_iter().flatten()
}

fn arabic(norm: &str) -> Option<[Piece; 2]> {
    const ABD: &str = "عبد";
    const ARTICLE: &str = "ال";
    const DIN: &str = "الدين";
    // The first name from `bare` (after its clitics) to `cut`, the rest after it.
    let two = |bare: usize, cut: usize| {
        [
            Piece {
                bare,
                ..Piece::whole(0, cut)
            },
            Piece::whole(cut, norm.len()),
        ]
    };
    for word in after_clitics(norm) {
        // عبد, then the article and at least two letters of the name.
        if let Some(rest) = word.strip_prefix(ABD) {
            if rest.starts_with(ARTICLE) && rest.chars().count() >= 4 {
                return Some(two(norm.len() - word.len(), norm.len() - rest.len()));
            }
        }
    }
    let first = norm.strip_suffix(DIN)?;
    after_clitics(first)
        .find(|name| DIN_NAMES.contains(name))
        .map(|name| two(first.len() - name.len(), first.len()))
}

fn latin(norm: &str) -> Option<[Piece; 2]> {
    let b = norm.as_bytes();
    if let Some(rest) = norm.strip_prefix("abd") {
        // The vowel of the article (abdel, abdul, abdoul), then its l (abdelkader: abd + el
        // + kader; abdellatif: abd + el + latif) or the first of a doubled sun letter
        // (abderrahim: abd + er + rahim).
        let vowel = ["ou", "e", "a", "u", "o"]
            .iter()
            .find(|v| rest.starts_with(**v))
            .map_or(0, |v| v.len());
        let at = 3 + vowel;
        let name = match b.get(at) {
            _ if vowel == 0 => None,
            Some(b'l') => Some(at + 1),
            Some(&c) if b.get(at + 1) == Some(&c) && b"tdrzsn".contains(&c) => Some(at + 1),
            _ => None,
        };
        if let Some(name) = name.filter(|&n| n + 3 <= norm.len()) {
            return Some([
                Piece::whole(0, 3),
                Piece {
                    bare: name,
                    ..Piece::whole(3, norm.len())
                },
            ]);
        }
    }
    LATIN_DIN
        .iter()
        .filter(|s| s.len() >= 5)
        .find_map(|s| norm.strip_suffix(s).filter(|first| first.len() >= 3))
        .map(|first| {
            let din = &norm[first.len()..];
            let bare = first.len() + din_bare(din).unwrap_or(0);
            [
                Piece::whole(0, first.len()),
                Piece::din(first.len(), bare, norm.len()),
            ]
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn cut(word: &str, class: Class) -> Vec<(String, String)> {
        match pieces(word, class) {
            Some(ps) => ps
                .iter()
                .map(|p| {
                    (
                        word[p.start..p.end].to_string(),
                        word[p.bare..p.end].to_string(),
                    )
                })
                .collect(),
            None => vec![(word.to_string(), word.to_string())],
        }
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn the_lists_are_normalised() {
        for name in DIN_NAMES {
            assert_eq!(normalize(name), *name);
        }
    }

    #[test]
    fn arabic_names_are_cut_where_the_space_would_be() {
        assert_eq!(
            cut("عبداللطيف", Class::Arabic),
            pairs(&[("عبد", "عبد"), ("اللطيف", "اللطيف")])
        );
        assert_eq!(
            cut("نورالدين", Class::Arabic),
            pairs(&[("نور", "نور"), ("الدين", "الدين")])
        );
        // After a preposition or a conjunction.
        assert_eq!(
            cut("لنورالدين", Class::Arabic),
            pairs(&[("لنور", "نور"), ("الدين", "الدين")])
        );
        assert_eq!(
            cut("وبعبدالله", Class::Arabic),
            pairs(&[("وبعبد", "عبد"), ("الله", "الله")])
        );
        // Not names: the parents, a word after عبد without an article, عبد itself.
        for word in [
            "والدين",
            "الوالدين",
            "للدين",
            "لعبد",
            "بالدين",
            "عبدان",
            "عبد",
            "عبدال",
            "عبادات",
        ] {
            assert_eq!(cut(word, Class::Arabic), pairs(&[(word, word)]), "{word}");
        }
    }

    #[test]
    fn latin_names_are_cut_after_abd_and_before_eddine() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("abdellatif", &[("abd", "abd"), ("ellatif", "latif")]),
            ("abdelkader", &[("abd", "abd"), ("elkader", "kader")]),
            ("abdulaziz", &[("abd", "abd"), ("ulaziz", "aziz")]),
            ("abderrahim", &[("abd", "abd"), ("errahim", "rahim")]),
            ("abdessamad", &[("abd", "abd"), ("essamad", "samad")]),
            ("noureddine", &[("nour", "nour"), ("eddine", "dine")]),
            ("salaheddin", &[("salah", "salah"), ("eddin", "din")]),
            ("jamaluddin", &[("jamal", "jamal"), ("uddin", "din")]),
        ];
        for (word, want) in cases {
            assert_eq!(cut(word, Class::Latin), pairs(want), "{word}");
        }
        for word in [
            "abdel",
            "abdou",
            "abdomen",
            "abduction",
            "abdi",
            "eddine",
            "sardine",
        ] {
            assert_eq!(cut(word, Class::Latin), pairs(&[(word, word)]), "{word}");
        }
    }

    #[test]
    fn latin_prefix_and_suffix_alone() {
        assert_eq!(latin_alone("abdel"), Some(Piece::whole(0, 3)));
        assert_eq!(latin_alone("abd"), Some(Piece::whole(0, 3)));
        assert_eq!(latin_alone("abdul"), Some(Piece::whole(0, 3)));
        let eddine = latin_alone("eddine").expect("a spelling of الدين");
        assert_eq!(&"eddine"[eddine.bare..], "dine");
        assert_eq!(eddine.stem.map(|s| &"eddine"[eddine.bare..s]), Some("din"));
        let uddin = latin_alone("uddin").expect("a spelling of الدين");
        assert_eq!(&"uddin"[uddin.bare..], "din");
        for word in ["abdomen", "din", "dine", "abdou", "latif"] {
            assert_eq!(latin_alone(word), None, "{word}");
        }
    }
}
