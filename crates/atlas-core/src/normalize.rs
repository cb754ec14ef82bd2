//! Text normalisation shared by the index and the query, so both sides meet halfway.
//!
//! Per character: Unicode compatibility decomposition (NFKD, so presentation forms, ligatures
//! and full-width letters become plain letters), then every combining mark is dropped (Arabic
//! tashkeel, hamza above/below, madda, Latin accents), then the Arabic letter variants are
//! unified (ٱ → ا, ى → ي, ة → ه; أ إ آ ؤ ئ already lost their hamza in the previous step),
//! tatweel is dropped, Arabic-Indic and Persian digits become 0–9, and Latin is lower-cased.
//!
//! Every normalised character remembers the byte range of the original character it came
//! from, so a match found in normalised text maps back to the original (diacritised) text.

mod table {
    include!(concat!(env!("OUT_DIR"), "/fold_table.rs"));
    include!(concat!(env!("OUT_DIR"), "/lower_table.rs"));
}

/// The lowercase of an uppercase `c` (its first character), as `char::to_lowercase` gives
/// it for the characters `char::is_uppercase` accepts, from the generated runs (`build.rs`):
/// `None` when `c` is not changed by lower-casing.
fn lower(c: char) -> Option<char> {
    if c.is_ascii_uppercase() {
        return Some(c.to_ascii_lowercase());
    }
    let cp = c as u32;
    let i = table::LOWER.partition_point(|r| r.0 <= cp).checked_sub(1)?;
    let (start, count, step, delta) = table::LOWER[i];
    let offset = cp - start;
    if !offset.is_multiple_of(u32::from(step)) || offset / u32::from(step) >= u32::from(count) {
        return None;
    }
    char::from_u32((i64::from(cp) + i64::from(delta)) as u32)
}

/// The compatibility decomposition of `c` without combining marks (see `build.rs`), for
/// the blocks the table covers; other characters pass through.
fn decompose(c: char, mut f: impl FnMut(char)) {
    if (c as u32) < 0xA0 {
        return f(c);
    }
    let cp = c as u32;
    let run = table::FOLD
        .partition_point(|r| u32::from(r.0) <= cp)
        .checked_sub(1)
        .map(|i| table::FOLD[i])
        .filter(|r| cp - u32::from(r.0) <= u32::from(r.1));
    match run {
        Some((first, _, offset, step, len)) => {
            let k = i64::from(cp - u32::from(first));
            let offset = (i64::from(offset) + k * i64::from(step)) as usize;
            table::FOLD_POOL[offset..offset + usize::from(len)]
                .chars()
                .for_each(f);
        }
        None => f(c),
    }
}

/// One normalised character and the byte range of the original character it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NormChar {
    pub ch: char,
    pub start: u32,
    pub end: u32,
}

/// The script class of a normalised character, used to split tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Arabic,
    Latin,
    Digit,
    Other,
}

pub fn class(c: char) -> Class {
    if c.is_ascii_digit() {
        Class::Digit
    } else if ('\u{0621}'..='\u{064A}').contains(&c)
        || ('\u{066E}'..='\u{06D3}').contains(&c)
        || c == '\u{06D5}'
    {
        Class::Arabic
    } else if c.is_alphanumeric() {
        Class::Latin
    } else {
        Class::Other
    }
}

/// Folds one already-decomposed, non-mark character. `None` drops it.
fn fold(c: char) -> Option<char> {
    Some(match c {
        '\u{0640}' => return None, // tatweel
        // Invisible format characters pasted inside a word (soft hyphen, zero-width space,
        // non-joiner, joiner, word joiner, byte order mark): the word stays one.
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => return None,
        // A transliteration's marks for ʿayn and hamza (Saʿid, Qurʾan): read through, as a
        // reader types the word without them. The apostrophe letter ʼ and the left quote ‘
        // (Sa‘id) are apostrophes: an elision (lʼInterpol) or a letter's mark (Daʼesh).
        '\u{02BB}' | '\u{02BD}'..='\u{02BF}' => return None,
        '\u{02BC}' | '\u{2018}' => '\u{2019}',
        // Letters of Persian and Maghrebi spellings of foreign sounds: v, g, p, ch.
        '\u{06A4}' => 'ف',                           // veh (ڤيروس)
        '\u{06A8}' => 'ق',                           // qaf with three dots (ڨ)
        '\u{06AD}' | '\u{06AF}' => 'ك',              // ng and gaf (ڭ، گ)
        '\u{067E}' => 'ب',                           // peh
        '\u{0686}' => 'ج',                           // tcheh
        '\u{0671}' | '\u{0672}' | '\u{0673}' => 'ا', // alef wasla and wavy hamza forms
        '\u{0649}' => 'ي',                           // alef maqsura
        '\u{0629}' => 'ه',                           // ta marbuta
        '\u{06C0}' => 'ه',                           // heh with yeh above
        '\u{06CC}' => 'ي',                           // Persian yeh
        '\u{06A9}' => 'ك',                           // keheh (Persian kaf)
        '\u{0660}'..='\u{0669}' => digit(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => digit(c as u32 - 0x06F0),
        c => lower(c).unwrap_or(c),
    })
}

fn digit(n: u32) -> char {
    char::from_digit(n, 10).unwrap_or('0')
}

/// Normalises `text`, keeping for every output character its original byte range.
pub fn normalize_chars(text: &str) -> Vec<NormChar> {
    let mut out = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let start = i as u32;
        let end = (i + c.len_utf8()) as u32;
        decompose(c, |d| {
            if let Some(f) = fold(d) {
                out.push(NormChar { ch: f, start, end });
            }
        });
    }
    out
}

/// Normalises `text` to a plain string (for keys and comparisons).
pub fn normalize(text: &str) -> String {
    normalize_chars(text).into_iter().map(|n| n.ch).collect()
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_generated_lowercase_runs_agree_with_the_standard_library_everywhere() {
        for cp in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let want = c
                .is_uppercase()
                .then(|| c.to_lowercase().next().unwrap_or(c))
                .filter(|&l| l != c);
            assert_eq!(lower(c), want, "U+{cp:04X}");
        }
        assert_eq!(lower('Ā'), Some('ā'));
        assert_eq!(lower('Ω'), Some('ω'));
        assert_eq!(lower('Ж'), Some('ж'));
        assert_eq!(lower('a'), None);
    }

    use super::*;

    #[test]
    fn folding_rules_table() {
        let cases: &[(&str, &str, &str)] = &[
            // (rule, input, expected)
            ("tashkeel removed", "مُؤْتَمَرٌ", "موتمر"),
            (
                "shadda and tanwin removed",
                "الأَمْنُ الكِيمْيائِيُّ",
                "الامن الكيميايي",
            ),
            ("superscript alef removed", "هٰذا", "هذا"),
            ("tatweel removed", "مـــراكش", "مراكش"),
            ("hamza above alef", "أمن", "امن"),
            ("hamza below alef", "إنتربول", "انتربول"),
            ("madda alef", "آذار", "اذار"),
            ("alef wasla", "ٱلشرطة", "الشرطه"),
            ("alef maqsura", "مستوى", "مستوي"),
            ("ta marbuta", "طنجة", "طنجه"),
            ("waw with hamza", "مؤتمر", "موتمر"),
            ("yeh with hamza", "رئيس", "رييس"),
            ("lone hamza kept", "جزء", "جزء"),
            ("arabic-indic digits", "٢٠٢٢", "2022"),
            ("persian digits", "۴۳۰۴", "4304"),
            ("presentation forms (NFKC)", "\u{FEFB}", "لا"),
            ("full-width latin (NFKC)", "ＩＮＴＥＲＰＯＬ", "interpol"),
            ("latin case folding", "Glasgow", "glasgow"),
            ("latin accents", "Laâyoune Tétanos", "laayoune tetanos"),
            (
                "cedilla and umlaut",
                "Français Düsseldorf",
                "francais dusseldorf",
            ),
            ("keheh to kaf", "ک", "ك"),
        ];
        for (rule, input, expected) in cases {
            assert_eq!(normalize(input), *expected, "rule: {rule}");
        }
    }

    #[test]
    fn folding_negative_cases() {
        // Letters that look alike but are different letters stay different.
        let distinct: &[(&str, &str)] = &[
            ("ه", "ح"),
            ("ي", "ب"),
            ("د", "ذ"),
            ("س", "ش"),
            ("marrakech", "marrakesh"),
            ("2022", "2023"),
        ];
        for (a, b) in distinct {
            assert_ne!(normalize(a), normalize(b), "{a} vs {b}");
        }
        // Punctuation survives normalisation (tokenising decides what to do with it).
        assert_eq!(normalize("DGSN."), "dgsn.");
    }

    #[test]
    fn offsets_point_back_to_original_characters() {
        let text = "الأَمْن";
        let chars = normalize_chars(text);
        let rebuilt: String = chars.iter().map(|c| c.ch).collect();
        assert_eq!(rebuilt, "الامن");
        // The normalised 'ا' from 'أَ' covers the original 'أ' (2 bytes); the fatha is dropped.
        let alef = chars[2];
        assert_eq!(&text[alef.start as usize..alef.end as usize], "أ");
        let last = chars.last().unwrap();
        assert_eq!(&text[last.start as usize..last.end as usize], "ن");
    }

    #[test]
    fn table_matches_unicode_nfkd_without_marks() {
        use unicode_normalization::char::{decompose_compatible, is_combining_mark};
        // The blocks build.rs folds (every character checked against the reference)…
        let folded = [
            (0x00A0, 0x024F),
            (0x0300, 0x036F),
            (0x0600, 0x06FF),
            (0x0750, 0x077F),
            (0x08A0, 0x08FF),
            (0x1AB0, 0x1AFF),
            (0x1DC0, 0x1DFF),
            (0x1E00, 0x1EFF),
            (0x2000, 0x214F),
            (0x2150, 0x218F),
            (0x2460, 0x24FF),
            (0xFB00, 0xFDFF),
            (0xFE20, 0xFE2F),
            (0xFE70, 0xFEFF),
            (0xFF00, 0xFFEF),
        ];
        // …and around them, where every other character passes through unchanged.
        let sampled = [
            (0x0080, 0x02FF),
            (0x0590, 0x08FF),
            (0x1AA0, 0x1F0F),
            (0x1FF0, 0x250F),
            (0xFAF0, 0xFFFF),
        ];
        let mut checked = 0;
        for (lo, hi) in sampled {
            for c in (lo..=hi).filter_map(char::from_u32) {
                let cp = c as u32;
                let mut expected = String::new();
                if !folded.iter().any(|&(lo, hi)| (lo..=hi).contains(&cp)) {
                    expected.push(c);
                } else if !is_combining_mark(c) {
                    decompose_compatible(c, |d| {
                        if !is_combining_mark(d) {
                            expected.push(d)
                        }
                    });
                }
                let mut got = String::new();
                decompose(c, |d| got.push(d));
                assert_eq!(got, expected, "U+{:04X}", c as u32);
                checked += 1;
            }
        }
        assert!(checked > 4000, "{checked}");
    }

    #[test]
    fn classes() {
        assert_eq!(class('م'), Class::Arabic);
        assert_eq!(class('a'), Class::Latin);
        assert_eq!(class('7'), Class::Digit);
        assert_eq!(class(' '), Class::Other);
        assert_eq!(class('،'), Class::Other);
    }
}
