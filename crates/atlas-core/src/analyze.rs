//! Tokenising and light stemming, the same for indexed text and for queries.
//!
//! A token is a run of characters of one script class (Arabic letters, Latin letters, digits)
//! after normalisation, so "ال47" gives "ال" and "47". For Arabic tokens two reduced forms are
//! kept beside the normalised surface form:
//! - `bare`: the clitics (و ف ب ك ل) and the article ال stripped from the front;
//! - `stem`: `bare` with one common suffix stripped too (a light stemmer in the spirit of
//!   Larkey's light10, which strips و+ال together where Snowball does not).

use crate::normalize::{class, normalize_chars, Class};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// The normalised surface form.
    pub norm: String,
    /// Without leading clitics and article (same as `norm` for Latin and digits).
    pub bare: String,
    /// Light stem of `bare`.
    pub stem: String,
    /// Byte range in the original text.
    pub start: u32,
    pub end: u32,
}

/// Words too common to require in a multi-word query.
pub const STOPWORDS: &[&str] = &[
    "في", "من", "على", "الي", "الى", "عن", "مع", "و", "او", "ثم", "هذا", "هذه", "ذلك", "التي",
    "الذي", "ال", "the", "of", "and", "in", "a", "an", "to", "de", "la", "le", "les", "des", "du",
    "et", "en", "el", "y", "los", "las", "del",
];

fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Strips the article and proclitics from an (already normalised) Arabic word.
pub fn strip_prefixes(word: &str) -> &str {
    let mut w = word;
    // A conjunction first (و / ف), only when what is left is still a word.
    for conj in ["و", "ف"] {
        if let Some(rest) = w.strip_prefix(conj) {
            if char_len(rest) >= 4 {
                w = rest;
                break;
            }
        }
    }
    // Then a preposition fused with the article, or the article alone.
    for art in ["بال", "كال", "فال", "لل", "ال"] {
        if let Some(rest) = w.strip_prefix(art) {
            if char_len(rest) >= 2 {
                return rest;
            }
        }
    }
    // Or a bare preposition (ب ك ل) on a long enough word.
    for prep in ["ب", "ك", "ل"] {
        if let Some(rest) = w.strip_prefix(prep) {
            if char_len(rest) >= 4 {
                return rest;
            }
        }
    }
    w
}

/// Strips one common suffix (plural, dual, feminine, possessive) when enough is left.
pub fn strip_suffix(word: &str) -> &str {
    const SUFFIXES: &[&str] = &["يين", "ات", "ون", "ين", "ان", "يه", "ها", "ه", "ي"];
    for suf in SUFFIXES {
        if let Some(rest) = word.strip_suffix(suf) {
            if char_len(rest) >= 3 {
                return rest;
            }
        }
    }
    word
}

/// The reduced forms of a normalised token: (`bare`, `stem`), both slices of `norm`.
fn reduce(norm: &str, cls: Class) -> (&str, &str) {
    match cls {
        Class::Arabic => {
            let bare = strip_prefixes(norm);
            (bare, strip_suffix(bare))
        }
        // Light English/French plural folding: "congresses" ~ "congress", "experts" ~ "expert".
        Class::Latin => {
            let stem = norm
                .strip_suffix("es")
                .filter(|r| r.len() >= 4)
                .or_else(|| {
                    norm.strip_suffix('s')
                        .filter(|r| r.len() >= 3 && !r.ends_with('s'))
                })
                .unwrap_or(norm);
            (norm, stem)
        }
        _ => (norm, norm),
    }
}

/// Calls `f(norm, bare, stem, start, end)` for each token of `text`, without allocating per
/// token (the index is built with this; [`tokenize`] collects the same tokens).
pub fn for_each_token(text: &str, mut f: impl FnMut(&str, &str, &str, u32, u32)) {
    let chars = normalize_chars(text);
    let mut norm = String::new();
    let mut i = 0;
    while i < chars.len() {
        let cls = class(chars[i].ch);
        if cls == Class::Other {
            i += 1;
            continue;
        }
        let begin = i;
        norm.clear();
        while i < chars.len() && class(chars[i].ch) == cls {
            norm.push(chars[i].ch);
            i += 1;
        }
        let (bare, stem) = reduce(&norm, cls);
        f(&norm, bare, stem, chars[begin].start, chars[i - 1].end);
    }
}

/// Splits `text` into normalised tokens with their original byte ranges.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for_each_token(text, |norm, bare, stem, start, end| {
        tokens.push(Token {
            norm: norm.to_string(),
            bare: bare.to_string(),
            stem: stem.to_string(),
            start,
            end,
        })
    });
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bare(w: &str) -> String {
        tokenize(w)[0].bare.clone()
    }
    fn stem(w: &str) -> String {
        tokenize(w)[0].stem.clone()
    }

    #[test]
    fn prefix_rules_table() {
        let cases = [
            ("article", "المغرب", "مغرب"),
            ("waw + article", "والمغرب", "مغرب"),
            ("fa + article", "فالمؤتمر", "موتمر"),
            ("ba + article", "بالمغرب", "مغرب"),
            ("ka + article", "كالمعتاد", "معتاد"),
            ("lam + article", "للشرطة", "شرطه"),
            ("waw + ba + article", "وبالمغرب", "مغرب"),
            ("ba", "بمراكش", "مراكش"),
            ("lam", "لطنجة", "طنجه"),
            ("waw", "ومراكش", "مراكش"),
            ("ka", "كخبير", "خبير"),
            ("diacritics and article", "الأَنْتَرْبُول", "انتربول"),
        ];
        for (rule, input, expected) in cases {
            assert_eq!(bare(input), expected, "rule: {rule} ({input})");
        }
    }

    #[test]
    fn prefix_negative_cases() {
        // Short words keep letters that only look like clitics.
        let cases = [
            ("ba is a root letter", "بلد", "بلد"),
            ("lam is a root letter", "لجنه", "لجنه"),
            ("waw is a root letter", "وزير", "وزير"),
            ("article with too little left", "ال", "ال"),
            ("latin untouched", "Baltimore", "baltimore"),
        ];
        for (rule, input, expected) in cases {
            assert_eq!(bare(input), expected, "rule: {rule} ({input})");
        }
    }

    #[test]
    fn suffix_rules_table() {
        let cases = [
            ("plural -at", "المؤتمرات", "موتمر"),
            ("plural -un", "المشاركون", "مشارك"),
            ("plural -in", "المشاركين", "مشارك"),
            ("nisba -iya", "الدولية", "دول"),
            ("short word kept", "دول", "دول"),
            ("latin plural", "experts", "expert"),
            ("latin -es", "congresses", "congress"),
            ("latin ss kept", "congress", "congress"),
        ];
        for (rule, input, expected) in cases {
            assert_eq!(stem(input), expected, "rule: {rule} ({input})");
        }
    }

    #[test]
    fn tokens_split_on_script_and_punctuation() {
        let toks: Vec<String> = tokenize("المؤتمر ال47 (DGSN)، ٢٠٢٣")
            .into_iter()
            .map(|t| t.norm)
            .collect();
        assert_eq!(toks, ["الموتمر", "ال", "47", "dgsn", "2023"]);
    }

    #[test]
    fn token_offsets_cover_the_original_word() {
        let text = "في مُرّاكش";
        let t = &tokenize(text)[1];
        assert_eq!(&text[t.start as usize..t.end as usize], "مُرّاكش");
        assert_eq!(t.norm, "مراكش");
    }
}
