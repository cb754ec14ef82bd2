//! Tokenising and light stemming, the same for indexed text and for queries.
//!
//! A token is a run of characters of one script class (Arabic letters, Latin letters, digits)
//! after normalisation, so "ال47" gives "ال" and "47". For Arabic tokens two reduced forms are
//! kept beside the normalised surface form:
//! - `bare`: the clitics (و ف ب ك ل) and the article ال stripped from the front;
//! - `stem`: `bare` with a chain of common suffixes stripped too (a light stemmer in the
//!   spirit of Larkey's light10, which strips و+ال together where Snowball does not): a
//!   pronoun (ـه ـها ـهم ـهن ـهما, and ـكم ـكن ـكما ـنا on longer words), then what a pronoun
//!   may follow (ـات, the ـت of a feminine ـة, the ـي of a plural in construct or of a
//!   nisba), or, without a pronoun, one plural, dual or nisba ending (ـيون ـيين ـيات ـيان ـات
//!   ـون ـين ـان ـي, the feminine dual ـتين ـتان); a long noun's final ء after its alef
//!   (كيمياء meets كيميائي).
//!
//! A Latin token's stem is a light stem too (`latin_stem`): plural, English -ing/-ed,
//! final -e/-y, and one key for -ism/-ist and for -ise/-ize. A number is its value: its
//! leading zeros go (06 is 6).
//!
//! **Two readings of a first letter.** و ف ب ك ل at the start of a word without the article
//! are sometimes clitics (ومراكش، بمراكش) and sometimes the word's own first letter (وزارة،
//! بحرين، كبيرة). Such a word keeps both readings: `bare` is the word without the clitics,
//! and the literal reading is the word as written (وزارة), or after its conjunction when a
//! preposition followed (وكبيرة: كبيرة; وكالة: كالة), with its own stem in
//! [`Token::literal_stem`]. The index stores both, and a query looks both up, the clitic
//! reading scoring a little less (see [`crate::search`]), so the literal reading wins.
//! After the article alone (الوزارة) the rest is read as written: a clitic never follows
//! ال.

use crate::compound;
use crate::normalize::{class, normalize_chars, Class, NormChar};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// The normalised surface form.
    pub norm: String,
    /// Without leading clitics and article (same as `norm` for Latin and digits).
    pub bare: String,
    /// Light stem of `bare`.
    pub stem: String,
    /// When `bare` dropped a leading و ف ب ك ل that may be the word's own letter: the
    /// literal reading (the word as written, or after its conjunction; see the module
    /// documentation), a suffix of `norm`.
    pub literal: Option<String>,
    /// The light stem of `literal`.
    pub literal_stem: Option<String>,
    /// Byte range in the original text.
    pub start: u32,
    pub end: u32,
    /// The same word with the other seat of its hamza (مسئول for مسؤول, الشؤون for الشئون),
    /// when it has one on و or ي: sources and readers write either, and a query looks both
    /// up (`search::lookups`). Normalised, the seats stay apart (و، ي), so that a word typed
    /// without its hamza (موتمر) still finds it.
    pub seat: Option<Box<Token>>,
}

impl Token {
    /// Whether `bare` is a clitic reading (a first letter dropped that may be the word's own).
    pub fn clitic(&self) -> bool {
        self.literal_stem.is_some()
    }
}

/// The forms of one token, borrowed (see [`for_each_token`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Forms<'a> {
    pub norm: &'a str,
    pub bare: &'a str,
    pub stem: &'a str,
    /// See [`Token::literal`].
    pub literal: Option<&'a str>,
    /// See [`Token::literal_stem`].
    pub literal_stem: Option<&'a str>,
}

/// Words too common to require in a multi-word query. With them, the Arabic article as
/// Latin spellings of names write it apart (Abd al-Latif, Nour ad-Din, Saif ud-Din; el is
/// Spanish's own): the same name written in one word has no such word (see `compound.rs`).
pub const STOPWORDS: &[&str] = &[
    "في", "من", "على", "الي", "الى", "عن", "مع", "و", "او", "ثم", "هذا", "هذه", "ذلك", "التي",
    "الذي", "ال", "بين",
    // أي (which, any): a function word, and a letter of the FBI's Arabic spelling.
    "اي", "the", "of", "and", "in", "a", "an", "to", "between", "de", "la", "le", "les", "des",
    "du", "et", "en", "entre", "el", "y", "los", "las", "del", "al", "ad", "ed", "ud",
    // Prepositions and the like of a question or a phrase typed in full («cuándo se celebró
    // el congreso», «le congrès pour la sécurité»). Not «un» (the UN), «on», «as», «at».
    "for", "with", "by", "from", "au", "aux", "une", "par", "pour", "sur", "avec", "dans", "se",
    "su", "sus", "una", "por", "para", "con",
];

fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// `word` without `suffix` when at least `min` characters are left.
fn cut<'a>(word: &'a str, suffix: &str, min: usize) -> Option<&'a str> {
    word.strip_suffix(suffix).filter(|r| char_len(r) >= min)
}

/// Strips the article and proclitics from an (already normalised) Arabic word.
pub fn strip_prefixes(word: &str) -> &str {
    front(word, |_| false).0
}

/// The word without its front clitics, and its literal reading when a letter was dropped
/// that may be the word's own: the whole word after a lone conjunction (وزارة), the word
/// after the conjunction when a preposition followed (وكبيرة: كبيرة), with or without an
/// article fused to it (وكالة is و + كالة as well as و + ك + ال + ة), and for لل the word
/// after its first ل (للاعب is ل + اللاعب).
///
/// `hamza(i)`: whether the `i`-th letter of `word` was written أ إ or آ. The article's alef
/// never is (إلكتروني، ألعاب begin with their own letters), and a clitic before such a
/// letter is a clitic even on a word of three letters (لأمن، وأمن، بأمر).
fn front(word: &str, hamza: impl Fn(usize) -> bool) -> (&str, Option<&str>) {
    // Most words start with none of و ف ب ك ل ا: no comparison for them.
    if !word.starts_with(['و', 'ف', 'ب', 'ك', 'ل', 'ا']) {
        return (word, None);
    }
    let mut w = word;
    let mut at = 0;
    // A conjunction first (و / ف), only when what is left is still a word.
    for conj in ["و", "ف"] {
        if let Some(rest) = w.strip_prefix(conj) {
            let n = char_len(rest);
            if n >= 4 || (n == 3 && hamza(1)) {
                w = rest;
                at = 1;
                break;
            }
        }
    }
    let after_conj = at == 1;
    // Then a preposition fused with the article, or the article alone. After a conjunction
    // or with a preposition, three letters must be left (والده is و + الده, not و + ال + ده).
    for art in ["بال", "كال", "فال", "لل", "ال"] {
        let alef = match art {
            "ال" => Some(at),
            "لل" => None,
            _ => Some(at + 1),
        };
        if alef.is_some_and(&hamza) {
            continue;
        }
        if let Some(rest) = w.strip_prefix(art) {
            let min = if after_conj || art.len() > 4 { 3 } else { 2 };
            if char_len(rest) >= min {
                let literal = match art {
                    "ال" => None,
                    "لل" => Some(&w["ل".len()..]),
                    _ => Some(w),
                };
                return (rest, literal);
            }
        }
    }
    // Or a bare preposition (ب ك ل) on a long enough word.
    for prep in ["ب", "ك", "ل"] {
        if let Some(rest) = w.strip_prefix(prep) {
            let n = char_len(rest);
            if n >= 4 || (n == 3 && hamza(at + 1)) {
                return (rest, Some(w));
            }
        }
    }
    (w, after_conj.then_some(word))
}

/// Strips a chain of common suffixes (pronoun, then plural or feminine or nisba; or one
/// plural, dual, feminine or nisba ending) when enough is left. A noun in ـاء meets its
/// nisba, whose hamza sits on ي (كيمياء: الكيميائية، استثناء: استثنائي): its ء goes when five
/// letters are left. Shorter ones stay whole: أمراء (emirs) would meet امرأة (woman), whose
/// stem keeps its alef before ة; a longer noun in ـاة loses that alef (مباراة: مبار).
pub fn strip_suffix<'a>(word: &'a str) -> &'a str {
    if let Some(r) = cut(word, "ء", 5).filter(|r| r.ends_with('ا')) {
        return r;
    }
    // Every suffix ends in one of these letters: no comparison for other words.
    if !word.ends_with(['ه', 'ا', 'م', 'ن', 'ت', 'ي']) {
        return word;
    }
    // A pronoun (ـه is also the feminine ـة, folded to ه).
    let pronoun = ["هما", "هم", "هن", "ها", "ه"]
        .iter()
        .find_map(|p| cut(word, p, 3))
        .or_else(|| {
            ["كما", "كم", "كن", "نا"]
                .iter()
                .find_map(|p| cut(word, p, 4))
        });
    if let Some(rest) = pronoun {
        // What a pronoun follows: a feminine plural, a feminine ة (spelt ت), the ي of a
        // plural in construct or of a nisba (دوليتها، مشاركتها، مؤتمراتها، مستشاريه), twice
        // after a hamza on ي (لاجئيه).
        let yeh = |r: &'a str| {
            let r = cut(r, "ي", 3).unwrap_or(r);
            cut(r, "ي", 3).unwrap_or(r)
        };
        if let Some(r) = cut(rest, "ات", 3) {
            return yeh(r);
        }
        if let Some(r) = cut(rest, "ت", 3) {
            return yeh(r);
        }
        // The alef before a final ة (مباراة، مساواة: مباراتها is مبار + ات + ها).
        if word.ends_with('ه') && !word.ends_with("ها") {
            if let Some(r) = cut(rest, "ا", 4) {
                return r;
            }
        }
        return yeh(rest);
    }
    const ENDINGS: &[(&str, usize)] = &[
        ("يون", 3),
        ("يين", 3),
        ("يات", 3),
        ("يان", 3),
        ("تين", 3),
        ("تان", 3),
        ("ات", 3),
        // Four letters left: many names end like these (لبنان، البحرين، قانون، مليون).
        ("ون", 4),
        ("ين", 4),
        ("ان", 4),
        ("ي", 3),
        // A country's name meets its nisba (أمريكا: الأمريكية، إسبانيا: الإسبانية، كندا:
        // الكندي), and an adverb its adjective (إقليمياً: إقليمي). Four letters before يا,
        // or قضايا (issues) would meet قضاة (judges); روسيا، تركيا stay apart from theirs.
        ("يا", 4),
        ("ا", 3),
    ];
    match ENDINGS
        .iter()
        .find_map(|(suf, min)| cut(word, suf, *min).map(|r| (*suf, r)))
    {
        // A nisba's feminine dual (الدوليتين), the alef before ة (المباراتين).
        Some(("تين" | "تان", r)) => match cut(r, "ي", 3) {
            Some(r) => cut(r, "ي", 3).unwrap_or(r),
            None => cut(r, "ا", 4).unwrap_or(r),
        },
        // A nisba after a hamza on ي (الكيميائيون، كيميائي).
        Some(("يون" | "يين" | "يات" | "يان" | "ي" | "يا", r)) => {
            cut(r, "ي", 3).unwrap_or(r)
        }
        Some((_, r)) => r,
        None => word,
    }
}

/// A Latin word's light stem: "congresses" ~ "congress", "experts" ~ "expert",
/// "ministries" ~ "ministry" (ministr), "universités" ~ "université" (universit), "chimiques"
/// ~ "chimique" (chimiqu): a plural's -ies, -es or -s goes, then a final -y or -e when four
/// letters or more are left, or the -o or -a of a Spanish adjective in -ico, -ivo, -ario or
/// -ano when five letters are left ("químicos" ~ "química", quimic; "operativo" ~
/// "operativa"; not puerto and puerta, Samir and Samira). An English -ing, -ed or -ied goes
/// too when four letters (bytes) are left, with a consonant doubled before it (other than
/// l, s or z) counted once, then the -y or -e: "hosting", "hosted" ~ "host", "meetings" ~
/// "meeting" (meet), "planned" ~ "plan", "organized" ~ "organize" (organi), "deployed" ~
/// "deploy" (deplo), "studied" ~ "study" (stud), while "calling" is "call" and "during" or
/// "need" stay whole. Names that
/// only end like a verb keep their ending ([`NOT_VERBS`]: Mohamed is not "moham").
/// Then one root for words the languages and spellings build alike ([`same_root`]).
pub(crate) fn latin_stem(word: &str) -> &str {
    same_root(verb_stem(word))
}

/// A light stem ([`latin_stem`]) with one key for the words the languages and spellings
/// build alike: -ism and -ist in English, French and Spanish end in -is (terrorism,
/// terrorist, terrorisme, terroriste, terrorismo, terrorista: terroris) when three letters
/// come before, a key no plain word has (journalist stays apart from journal, periodista from
/// period, nationaliste from national); British and American -ise/-ize and -isation/-ization
/// lose it (organise, organize, organisation, organization: organi) when four letters come
/// before the i.
fn same_root(stem: &str) -> &str {
    // (French -isme and -iste come here as -ism and -ist: their -e is gone.)
    for ending in ["ismo", "ista", "ism", "ist"] {
        if let Some(r) = cut(stem, ending, 3) {
            return &stem[..r.len() + 2];
        }
    }
    for ending in ["sation", "zation", "s", "z"] {
        if let Some(r) = cut(stem, ending, 5).filter(|r| r.ends_with('i')) {
            return r;
        }
    }
    stem
}

/// [`latin_stem`] before [`same_root`].
fn verb_stem(word: &str) -> &str {
    let singular = word
        .strip_suffix("ies")
        .filter(|r| r.len() >= 3)
        .or_else(|| word.strip_suffix("es").filter(|r| r.len() >= 4))
        .or_else(|| {
            word.strip_suffix('s')
                .filter(|r| r.len() >= 3 && !r.ends_with('s'))
        })
        .unwrap_or(word);
    fn trim(w: &str) -> &str {
        let w = w
            .strip_suffix(['e', 'y'])
            .filter(|r| r.len() >= 4)
            .or_else(|| {
                w.strip_suffix(['a', 'o']).filter(|r| {
                    r.len() >= 5 && ["ic", "iv", "ari", "an"].iter().any(|e| r.ends_with(e))
                })
            })
            .unwrap_or(w);
        // A French feminine doubles its last consonant (présentielle, européenne,
        // criminelle): one, as the masculine has it.
        let w = ["ll", "nn", "tt"]
            .iter()
            .find(|d| w.len() >= 6 && w.ends_with(*d))
            .map_or(w, |_| &w[..w.len() - 1]);
        // The French plural of -al is -aux (national, nationaux; bureau, bureaux): both end
        // in -a, four letters or more before it.
        w.strip_suffix("aux")
            .filter(|r| r.len() >= 4 && !r.ends_with('e'))
            .map(|r| &w[..r.len() + 1])
            .or_else(|| w.strip_suffix('x').filter(|r| r.ends_with("eau")))
            .or_else(|| {
                w.strip_suffix("al")
                    .filter(|r| r.len() >= 4)
                    .map(|r| &w[..r.len() + 1])
            })
            .unwrap_or(w)
    }
    if NOT_VERBS.contains(&singular) {
        return singular;
    }
    if let Some(r) = singular.strip_suffix("ied").filter(|r| r.len() >= 3) {
        return r;
    }
    if let Some(r) = singular
        .strip_suffix("ing")
        .or_else(|| singular.strip_suffix("ed"))
        .filter(|r| r.len() >= 4)
    {
        let b = r.as_bytes();
        let n = b.len();
        let doubled = b[n - 1] == b[n - 2]
            && b[n - 1].is_ascii_lowercase()
            && !b"aeioulsz".contains(&b[n - 1]);
        return trim(if doubled { &r[..n - 1] } else { r });
    }
    trim(singular)
}

/// Latin words that end like an English -ed or -ing form and are not one: given names
/// transliterated from Arabic (محمد، خالد، راشد) and words whose stem is another word
/// (united is not unit, according is not accord).
const NOT_VERBS: [&str; 8] = [
    "mohamed",
    "mohammed",
    "muhammed",
    "khaled",
    "rached",
    "rashed",
    "united",
    "according",
];

/// The reduced forms of a normalised token, slices of `norm`.
fn reduce(norm: &str, cls: Class, hamza: u8) -> Forms<'_> {
    let forms = |bare, stem| Forms {
        norm,
        bare,
        stem,
        literal: None,
        literal_stem: None,
    };
    match cls {
        Class::Arabic => {
            let (bare, literal) = front(norm, |i| hamza & (1 << i) != 0);
            Forms {
                literal,
                literal_stem: literal.map(strip_suffix),
                ..forms(bare, strip_suffix(bare))
            }
        }
        Class::Latin => forms(norm, latin_stem(norm)),
        _ => forms(norm, norm),
    }
}

/// Calls `f(forms, start, end)` for each token of `text`, without allocating per token (the
/// index is built with this; [`tokenize`] collects the same tokens).
pub fn for_each_token(text: &str, mut f: impl FnMut(Forms<'_>, u32, u32)) {
    each_token(text, &mut f);
}

/// [`for_each_token`]'s work, compiled once rather than once per caller (the app's wasm is
/// 0.3 KB smaller gzip for it; a dynamic call per token costs nothing measurable).
fn each_token(text: &str, f: &mut dyn FnMut(Forms<'_>, u32, u32)) {
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
        if cls == Class::Digit {
            i = digit_groups(&chars, i, &mut norm);
            // 06/12/2023 is the 6th: a number is its value, whatever zeros lead it.
            let zeros = norm.len() - norm.trim_start_matches('0').len();
            norm.drain(..zeros.min(norm.len() - 1));
        }
        if cls == Class::Latin {
            if i == begin + 1 {
                i = dotted_letters(&chars, i, &mut norm);
            } else if i == begin + 2 {
                i = doubled_pairs(&chars, i, &mut norm);
            }
            if elided(&chars, begin, i, &norm) {
                continue;
            }
            i = inner_apostrophe(&chars, i, &mut norm);
        }
        for (forms, start, end) in run_tokens(text, &norm, &chars[begin..i], cls)
            .into_iter()
            .flatten()
        {
            f(forms, start, end);
        }
    }
}

/// Separators of a number's groups of three digits: 4,304 4.304 4 304 (a no-break or a
/// narrow no-break space is a space once normalised), ٤٬٣٠٤ (Arabic), 4'304 (Swiss).
pub const GROUP_SEPARATORS: &[char] = &[',', '.', ' ', '\u{066C}', '\'', '\u{2019}'];

/// A number written in groups of three digits is one token, as the app shows it ("4 304"
/// people) and as the data files have it (4304): `norm` holds a run of digits that ends
/// before `chars[end]`; each separator followed by exactly three digits is skipped and the
/// digits added, when the run is a first group (one to three digits, not starting with 0).
/// A date (6.12.2023), a decimal (4.5), a list (2002, 2021) or a range (2002-2021) stays
/// apart. Returns where the number ends.
fn digit_groups(chars: &[NormChar], mut end: usize, norm: &mut String) -> usize {
    if norm.len() > 3 || norm.starts_with('0') {
        return end;
    }
    let digit = |k: usize| chars.get(k).is_some_and(|c| c.ch.is_ascii_digit());
    while chars
        .get(end)
        .is_some_and(|c| GROUP_SEPARATORS.contains(&c.ch))
        && (end + 1..end + 4).all(digit)
        && !digit(end + 4)
    {
        norm.extend(chars[end + 1..end + 4].iter().map(|c| c.ch));
        end += 4;
    }
    end
}

/// Letters each followed by a dot are one word, as the acronym written without them: F.B.I.
/// is FBI, D.G.S.N. is DGSN. `norm` holds one letter, which ends before `chars[end]`.
fn dotted_letters(chars: &[NormChar], mut end: usize, norm: &mut String) -> usize {
    let latin = |k| latin_at(chars, k);
    while chars.get(end).is_some_and(|c| c.ch == '.') && latin(end + 1) && !latin(end + 2) {
        norm.push(chars[end + 1].ch);
        end += 2;
    }
    end
}

/// Spanish writes an abbreviation's plural with each letter doubled: EE. UU. (Estados
/// Unidos), FF. AA. (the armed forces). Two doubled letters, a dot or a space after the
/// first pair, are one word, as written without them (EEUU): EE.UU., EE. UU., EE UU.
/// `norm` holds two letters, which end before `chars[end]`.
fn doubled_pairs(chars: &[NormChar], end: usize, norm: &mut String) -> usize {
    let ch = |k: usize| chars.get(k).map(|c| c.ch);
    let pair = |k: usize| {
        latin_at(chars, k)
            && ch(k) == ch(k + 1)
            && latin_at(chars, k + 1)
            && !latin_at(chars, k + 2)
    };
    if !pair(end - 2) {
        return end;
    }
    let mut k = end;
    if ch(k) == Some('.') {
        k += 1;
    }
    if ch(k) == Some(' ') {
        k += 1;
    }
    if k == end || !pair(k) {
        return end;
    }
    norm.extend(chars[k..k + 2].iter().map(|c| c.ch));
    k + 2
}

/// An apostrophe inside a Latin word: a transliteration writes ʿayn or hamza with one
/// (Da'esh, Sa'id, Ba'ath, Qur'an; the modifier letters ʿ ʾ are dropped in normalising),
/// and a reader types it or not; ‘ and ʼ are read as ’ in normalising. The word is read
/// whole, without it (Daesh). Not after a French elided word (l'Interpol, [`elided`]) nor
/// before an English ending (Interpol's, we'll).
/// `norm` holds the letters before `chars[end]`.
fn inner_apostrophe(chars: &[NormChar], end: usize, norm: &mut String) -> usize {
    let mark = |k: usize| {
        chars
            .get(k)
            .is_some_and(|c| matches!(c.ch, '\'' | '\u{2019}'))
    };
    if !mark(end) || !latin_at(chars, end + 1) {
        return end;
    }
    let mut k = end + 1;
    while latin_at(chars, k) {
        k += 1;
    }
    let after: String = chars[end + 1..k].iter().map(|c| c.ch).collect();
    // English endings: the possessive after any word; the others only after a pronoun, so
    // that a transliteration keeps its letter (Sa'd is سعد, not Sa and 'd).
    let pronoun = [
        "i", "you", "he", "she", "it", "we", "they", "who", "that", "there",
    ];
    if after == "s"
        || (["ll", "re", "ve", "d", "m"].contains(&after.as_str())
            && pronoun.contains(&norm.as_str()))
    {
        return end;
    }
    norm.push_str(&after);
    k
}

/// French words elided before an apostrophe (l'Interpol, d'Interpol, qu'il, s'est).
const ELIDED: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

/// Whether the Latin word `norm` (`chars[begin..end]`) is a clitic left by an apostrophe,
/// not a word to find: French's elided article or pronoun before it (l'Interpol), or the
/// English possessive after it (Interpol's). Left alone, each was a one-letter word that a
/// query then required.
fn elided(chars: &[NormChar], begin: usize, end: usize, norm: &str) -> bool {
    let apostrophe = |k: usize| {
        chars
            .get(k)
            .is_some_and(|c| matches!(c.ch, '\'' | '\u{2019}'))
    };
    (ELIDED.contains(&norm) && apostrophe(end) && latin_at(chars, end + 1))
        || (norm == "s" && begin >= 2 && apostrophe(begin - 1) && latin_at(chars, begin - 2))
}

/// Whether `chars[k]` is a Latin letter (false past the end).
fn latin_at(chars: &[NormChar], k: usize) -> bool {
    chars.get(k).is_some_and(|c| class(c.ch) == Class::Latin)
}

/// A token's forms and the byte range of its original text.
type Found<'a> = (Forms<'a>, u32, u32);

/// The tokens of one run of a script class: the run itself, or the pieces of a compound
/// name ([`compound`]). Not generic, so that it is compiled once, not once per caller of
/// [`for_each_token`].
fn run_tokens<'a>(
    text: &str,
    norm: &'a str,
    run: &[NormChar],
    cls: Class,
) -> [Option<Found<'a>>; 2] {
    // A run read past dots or apostrophes (F.B.I., Da'esh) is one word: its letters do not
    // map one to one on to the run's characters that a piece's range is read from.
    let whole = run.len() == norm.chars().count();
    if let Some([a, b]) = compound::pieces(norm, cls).filter(|_| whole) {
        return [
            Some(piece(text, norm, run, cls, a)),
            Some(piece(text, norm, run, cls, b)),
        ];
    }
    let alone = (cls == Class::Latin && whole)
        .then(|| compound::latin_alone(norm))
        .flatten();
    let one = match alone {
        Some(p) => piece(text, norm, run, cls, p),
        None => (
            reduce(norm, cls, hamza(text, run)),
            run[0].start,
            run[run.len() - 1].end,
        ),
    };
    [Some(one), None]
}

/// Which of the first letters of `run` were written with a hamza on the alef.
fn hamza(text: &str, run: &[NormChar]) -> u8 {
    let mut hamza = 0u8;
    for (k, c) in run.iter().take(8).enumerate() {
        let orig = &text[c.start as usize..c.end as usize];
        if c.ch == 'ا' && matches!(orig, "أ" | "إ" | "آ") {
            hamza |= 1 << k;
        }
    }
    hamza
}

/// One piece of a compound name ([`compound`]): an Arabic piece is reduced as a word of its
/// own, but for a first name after clitics (لنورالدين), whose bare form the piece gives, as
/// a Latin one's.
fn piece<'a>(
    text: &str,
    norm: &'a str,
    run: &[NormChar],
    cls: Class,
    p: compound::Piece,
) -> Found<'a> {
    let first = norm[..p.start].chars().count();
    let last = first + norm[p.start..p.end].chars().count() - 1;
    let (start, end) = (run[first].start, run[last].end);
    let word = &norm[p.start..p.end];
    let bare = &norm[p.bare..p.end];
    let stem = match cls {
        // A name after its clitics: they are known to be clitics, whatever its length.
        Class::Arabic if p.bare > p.start => strip_suffix(bare),
        Class::Latin => p
            .stem
            .map_or_else(|| latin_stem(bare), |s| &norm[p.bare..s]),
        _ => return (reduce(word, cls, hamza(text, &run[first..])), start, end),
    };
    let forms = Forms {
        norm: word,
        bare,
        stem,
        literal: None,
        literal_stem: None,
    };
    (forms, start, end)
}

/// Splits `text` into normalised tokens with their original byte ranges (and, for a word
/// with a hamza on و or ي, its reading with the other seat: [`Token::seat`]).
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = tokenize_without_seats(text);
    for t in &mut tokens {
        let word = &text[t.start as usize..t.end as usize];
        if !word.contains(['ؤ', 'ئ']) {
            continue;
        }
        let other: String = word
            .chars()
            .map(|c| match c {
                'ؤ' => 'ئ',
                'ئ' => 'ؤ',
                c => c,
            })
            .collect();
        let mut read = tokenize_without_seats(&other);
        if read.len() == 1 {
            let mut seat = read.remove(0);
            (seat.start, seat.end) = (t.start, t.end);
            t.seat = Some(Box::new(seat));
        }
    }
    tokens
}

/// [`tokenize`] without the other seats' readings.
fn tokenize_without_seats(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for_each_token(text, |forms, start, end| {
        tokens.push(Token {
            norm: forms.norm.to_string(),
            bare: forms.bare.to_string(),
            stem: forms.stem.to_string(),
            literal: forms.literal.map(str::to_string),
            literal_stem: forms.literal_stem.map(str::to_string),
            start,
            end,
            seat: None,
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
    fn a_hamza_on_waw_or_ya_has_the_other_seat_as_a_second_reading() {
        let seat = |w: &str| tokenize(w)[0].seat.as_ref().map(|s| s.norm.clone());
        assert_eq!(
            seat("مسئول").as_deref(),
            Some(tokenize("مسؤول")[0].norm.as_str())
        );
        assert_eq!(
            seat("والشؤون").as_deref(),
            Some(tokenize("والشئون")[0].norm.as_str())
        );
        let t = &tokenize("في الشؤون")[1];
        assert_eq!(
            t.seat.as_ref().map(|s| (s.start, s.end)),
            Some((t.start, t.end))
        );
        for w in ["موتمر", "مراكش", "Interpol", "2023"] {
            assert_eq!(seat(w), None, "{w}");
        }
    }

    #[test]
    fn a_number_in_groups_of_three_is_one_token() {
        let norms = |t: &str| -> Vec<String> { tokenize(t).into_iter().map(|t| t.norm).collect() };
        for text in [
            "4 304",
            "4,304",
            "4.304",
            "4\u{202F}304",
            "4\u{00A0}304",
            "٤٬٣٠٤",
            "4'304",
        ] {
            assert_eq!(norms(text), ["4304"], "{text}");
        }
        assert_eq!(norms("1.000.000 مشارك"), ["1000000", "مشارك"]);
        let t = &tokenize("نحو 4 304 شخص")[1];
        assert_eq!((t.start, t.end), (7, 12));
        // Dates, decimals, lists, ranges and longer groups stay apart.
        for (text, want) in [
            ("6.12.2023", &["6", "12", "2023"][..]),
            ("4.5", &["4", "5"]),
            ("0.125", &["0", "125"]),
            ("2002, 2021", &["2002", "2021"]),
            ("2002,2021", &["2002", "2021"]),
            ("2002-2021", &["2002", "2021"]),
            ("1,2345", &["1", "2345"]),
            ("1234 567", &["1234", "567"]),
        ] {
            assert_eq!(norms(text), want, "{text}");
        }
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
            ("nisba plural -iyun", "الأفريقيون", "افريق"),
            ("nisba plural -iyin", "الأمريكيين", "امريك"),
            ("nisba fem. plural -iyat", "المستويات", "مستو"),
            ("pronoun -hum", "إعلامهم", "اعلام"),
            ("pronoun -hunna", "مكاتبهن", "مكاتب"),
            ("pronoun -kum on a long word", "مؤتمركم", "موتمر"),
            ("pronoun -ha", "زوجها", "زوج"),
            ("ta marbuta + pronoun", "مشاركتها", "مشارك"),
            ("ta marbuta + pronoun, short", "دولتهم", "دول"),
            ("-at + pronoun", "مؤتمراتها", "موتمر"),
            ("-i + pronoun (plural in construct)", "مستشاريه", "مستشار"),
            ("nisba feminine dual", "الدوليتين", "دول"),
            ("nisba dual", "الدوليان", "دول"),
            ("feminine dual", "مدينتين", "مدين"),
            ("short word keeps its t", "صوتها", "صوت"),
            ("short word keeps its -na", "هنا", "هنا"),
            ("country -a, its nisba's stem", "أمريكا", "امريك"),
            ("country -a, short", "كندا", "كند"),
            ("country -iya, its nisba's stem", "إسبانيا", "اسبان"),
            ("adverb -iyan, its adjective's stem", "إقليمياً", "اقليم"),
            ("-aya plural kept apart from -at (قضاة)", "قضايا", "قضاي"),
            ("a noun in -a' meets its nisba", "استثناء", "استثنا"),
            ("and the nisba", "الاستثنائية", "استثنا"),
            ("a short noun in -a' stays whole", "سماء", "سماء"),
            (
                "a plural in -a' of four letters stays whole",
                "أمراء",
                "امراء",
            ),
            ("not to meet a noun in -a with ta marbuta", "امرأة", "امرا"),
            ("latin -ies", "ministries", "ministr"),
            ("latin -y", "ministry", "ministr"),
            ("latin -e", "université", "universit"),
            ("latin -es after e", "universités", "universit"),
            ("latin short -e kept", "case", "case"),
            ("english -ing", "hosting", "host"),
            ("english -ed", "hosted", "host"),
            ("english -ing after a plural", "meetings", "meet"),
            ("english -ed, doubled consonant", "planned", "plan"),
            ("english -ing, doubled l kept", "calling", "call"),
            ("english -ing, short stem kept", "during", "during"),
            ("english -ed, short stem kept", "need", "need"),
            ("english -ed, three letters left", "shred", "shred"),
            ("english -ed after a final y", "deployed", "deplo"),
            ("english bare verb in y", "deploy", "deplo"),
            ("english -ied", "studied", "stud"),
            ("english -ed after a final e", "agreed", "agre"),
            ("a name that ends like -ed", "mohamed", "mohamed"),
            ("a name that ends like -ed, doubled", "mohammed", "mohammed"),
            ("a word whose stem is another word", "united", "united"),
            ("-ism", "terrorism", "terroris"),
            ("-ist, plural", "terrorists", "terroris"),
            ("French -isme", "terrorisme", "terroris"),
            ("French -istes", "terroristes", "terroris"),
            ("Spanish -ismo", "terrorismo", "terroris"),
            ("Spanish -ista", "terrorista", "terroris"),
            ("-ism, three letters before", "racism", "racis"),
            (
                "-ist apart from the word it is built on",
                "journalist",
                "journalis",
            ),
            ("and the word", "journal", "journa"),
            ("French -aux, the plural of -al", "journaux", "journa"),
            (
                "French -aux after -al's plural in -es",
                "nationales",
                "nationa",
            ),
            ("Spanish -ales", "nacionales", "naciona"),
            ("French -eaux", "bureaux", "bureau"),
            ("and the word", "bureau", "bureau"),
            ("a short word in -al kept", "canal", "canal"),
            ("French feminine -elle", "présentielle", "presentiel"),
            ("and the masculine", "présentiel", "presentiel"),
            ("French feminine -enne", "européenne", "europeen"),
            (
                "Spanish -ista apart from another word",
                "periodista",
                "periodis",
            ),
            ("a word that only ends in -ist", "list", "list"),
            ("-ization", "organization", "organi"),
            ("-isation, plural", "organisations", "organi"),
            ("-ize, -ed", "organized", "organi"),
            ("-ise, -ing", "organising", "organi"),
            ("-ise, short", "arise", "aris"),
            ("a word that ends in -is", "tennis", "tenni"),
        ];
        for (rule, input, expected) in cases {
            assert_eq!(stem(input), expected, "rule: {rule} ({input})");
        }
    }

    #[test]
    fn a_number_is_its_value_whatever_zeros_lead_it() {
        let norms = |s: &str| -> Vec<String> { tokenize(s).into_iter().map(|t| t.norm).collect() };
        assert_eq!(norms("06/12/2023"), ["6", "12", "2023"]);
        assert_eq!(norms("٠٦ 007 0 000"), ["6", "7", "0", "0"]);
        assert_eq!(norms("2023 100"), ["2023", "100"]);
    }

    #[test]
    fn a_first_letter_that_may_be_a_clitic_keeps_both_readings() {
        let t = &tokenize("وزارة")[0];
        assert_eq!(t.bare, "زاره", "the clitic reading");
        assert_eq!(
            t.literal_stem.as_deref(),
            Some("وزار"),
            "the literal reading"
        );
        let t = &tokenize("كبيرة")[0];
        assert_eq!(
            (t.bare.as_str(), t.literal_stem.as_deref()),
            ("بيره", Some("كبير"))
        );
        // After the article, the word is read as written: no second reading.
        let t = &tokenize("الوزارة")[0];
        assert_eq!(
            (t.bare.as_str(), t.literal_stem.as_deref()),
            ("وزاره", None)
        );
        let t = &tokenize("والمغرب")[0];
        assert_eq!((t.bare.as_str(), t.literal_stem.as_deref()), ("مغرب", None));
        // A و + three letters is not split at all (وزير, ولد).
        assert_eq!(tokenize("وزير")[0].literal_stem, None);
        // و + ال + two letters is و + a word of four (والده).
        assert_eq!(tokenize("والده")[0].bare, "الده");
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
    #[test]
    fn apostrophes_and_doubled_letters_inside_a_latin_word_are_read_through() {
        let norms = |s: &str| -> Vec<String> { tokenize(s).into_iter().map(|t| t.norm).collect() };
        for (text, want) in [
            ("Da'esh", &["daesh"][..]),
            ("Da’esh Sa\u{02BF}id", &["daesh", "said"]),
            ("l'Interpol et d’Interpol", &["interpol", "et", "interpol"]),
            ("Interpol's assembly", &["interpol", "assembly"]),
            ("we'll", &["we", "ll"]),
            ("Sa'd Sa‘id lʼInterpol", &["sad", "said", "interpol"]),
            ("EE.UU. y FF. AA.", &["eeuu", "y", "ffaa"]),
            ("EE UU", &["eeuu"]),
            // Not doubled, or one pair alone: words as before.
            ("EU UU", &["eu", "uu"]),
            ("EE. de UU.", &["ee", "de", "uu"]),
            ("ee", &["ee"]),
        ] {
            assert_eq!(norms(text), want, "{text}");
        }
        // The token's range is the word as written, apostrophe included.
        let t = &tokenize("the Da'esh cell")[1];
        assert_eq!(
            &"the Da'esh cell"[t.start as usize..t.end as usize],
            "Da'esh"
        );
    }
}
