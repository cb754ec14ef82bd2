//! Numbers written in words, read as their digits: a query «سبعين دولة» finds the figure
//! 70, «خمسة وسبعين» 75, «الثالثة والتسعين» and «ninety-third» the 93rd assembly. A run
//! of number words in a query becomes one [`Term::Number`]: it matches a record holding
//! the words (each as any other word) or the digits.
//!
//! Arabic (cardinals in both cases, feminine and masculine, مئة and مائة, hundreds written
//! as one word or two, ordinals inside a compound), English, French (soixante-dix,
//! quatre-vingt-douze) and Spanish (setenta y cinco, nonagésima segunda). A word alone is
//! read as a number only from ten up and not as an ordinal: «one», «un», «ست» or «الثاني»
//! (as in تشرين الثاني) stay words.

use super::Term;
use crate::analyze::{tokenize, Token};

/// What a word adds to the number being read.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Part {
    Add(u32),
    /// An ordinal unit (الثانية, second): only within a compound.
    Ordinal(u32),
    /// ×100 (مئة, hundred, cent): «ثلاث مئة», «deux cents».
    Hundred,
    /// ×1000 (ألف, آلاف, thousand, mille, mil).
    Thousand,
    /// French vingt: 20, or 80 after quatre (quatre-vingt).
    Score,
    /// و (a clitic, so never alone), and, et, y: between two number words.
    And,
}

/// The number words, in normalised form (see [`crate::normalize`]: ة → ه, hamza dropped,
/// accents dropped), each after the part it stands for: `+N` adds N, `#N` is an ordinal
/// N, `*` is ×100, `^` ×1000, `~` vingt and `&` a joining word. One string rather than a
/// table of slices: 1.1 KB less in the wasm. A word is matched as written, without its
/// clitics, or in its literal reading.
const WORDS: &str = "\
+1 واحد واحده احد احدي one un une uno una \
+2 اثنان اثنين اثنتان اثنتين اثنا اثنتا two deux dos \
+3 ثلاث ثلاثه three trois tres \
+4 اربع اربعه four quatre cuatro \
+5 خمس خمسه five cinq cinco \
+6 ست سته six seis \
+7 سبع سبعه seven sept siete \
+8 ثمان ثماني ثمانيه eight huit ocho \
+9 تسع تسعه nine neuf nueve \
+10 عشر عشره ten dix diez \
+11 eleven onze once +12 twelve douze doce +13 thirteen treize trece \
+14 fourteen quatorze catorce +15 fifteen quinze quince +16 sixteen seize dieciseis \
+17 seventeen diecisiete +18 eighteen dieciocho +19 nineteen diecinueve \
+20 عشرون عشرين twenty veinte \
+21 veintiuno veintiuna veintiun +22 veintidos +23 veintitres +24 veinticuatro \
+25 veinticinco +26 veintiseis +27 veintisiete +28 veintiocho +29 veintinueve \
+30 ثلاثون ثلاثين thirty trente treinta \
+40 اربعون اربعين forty quarante cuarenta \
+50 خمسون خمسين fifty cinquante cincuenta \
+60 ستون ستين sixty soixante sesenta \
+70 سبعون سبعين seventy setenta \
+80 ثمانون ثمانين eighty ochenta \
+90 تسعون تسعين ninety noventa \
+100 cien ciento \
+200 ميتان ميتين مايتان مايتين doscientos doscientas \
+300 ثلاثميه ثلاثمايه trescientos trescientas \
+400 اربعميه اربعمايه cuatrocientos cuatrocientas \
+500 خمسميه خمسمايه quinientos quinientas \
+600 ستميه ستمايه seiscientos seiscientas \
+700 سبعميه سبعمايه setecientos setecientas \
+800 ثمانميه ثمانمايه ثمانيميه ثمانيمايه ochocientos ochocientas \
+900 تسعميه تسعمايه novecientos novecientas \
+2000 الفان الفين \
* ميه مايه hundred cent cents \
^ الف الاف thousand mille mil \
~ vingt vingts \
& and et y \
#1 حادي حاديه first premier premiere unieme primero primera \
#2 ثاني ثانيه second deuxieme segundo segunda \
#3 ثالث ثالثه third troisieme tercero tercera \
#4 رابع رابعه fourth quatrieme cuarto cuarta \
#5 خامس خامسه fifth cinquieme quinto quinta \
#6 سادس سادسه sixth sixieme sexto sexta \
#7 سابع سابعه seventh septieme septimo septima \
#8 ثامن ثامنه eighth huitieme octavo octava \
#9 تاسع تاسعه ninth neuvieme noveno novena \
#10 عاشر عاشره tenth dixieme \
#11 onzieme #12 douzieme #13 treizieme #14 quatorzieme #15 quinzieme #16 seizieme \
#20 vigesimo vigesima #30 trigesimo trigesima #40 cuadragesimo cuadragesima \
#50 quincuagesimo quincuagesima #60 sexagesimo sexagesima \
#70 septuagesimo septuagesima #80 octogesimo octogesima #90 nonagesimo nonagesima";

fn part(token: &Token) -> Option<Part> {
    let forms = [
        Some(token.norm.as_str()),
        Some(token.bare.as_str()),
        token.literal.as_deref(),
    ];
    let mut current = None;
    for w in WORDS.split(' ') {
        let n = || w[1..].parse().ok();
        let marker = match w.as_bytes().first() {
            Some(b'+') => n().map(Part::Add),
            Some(b'#') => n().map(Part::Ordinal),
            Some(b'*') => Some(Part::Hundred),
            Some(b'^') => Some(Part::Thousand),
            Some(b'~') => Some(Part::Score),
            Some(b'&') => Some(Part::And),
            _ => None,
        };
        if marker.is_some() {
            current = marker;
        } else if forms.contains(&Some(w)) {
            return current;
        }
    }
    None
}

/// The number a run of number words spells (their parts, in order), if it is one: two
/// number words or more (joining words aside), or one cardinal of ten or more.
fn value(parts: &[Part]) -> Option<u64> {
    let (mut total, mut current) = (0u64, 0u64);
    let mut words = 0;
    let mut ordinal = false;
    for &p in parts {
        match p {
            Part::Add(n) => current += u64::from(n),
            Part::Ordinal(n) => {
                current += u64::from(n);
                ordinal = true;
            }
            Part::Hundred => current = current.max(1) * 100,
            Part::Thousand => {
                total += current.max(1) * 1000;
                current = 0;
            }
            Part::Score if current % 100 == 4 => current += 76,
            Part::Score => current += 20,
            Part::And => continue,
        }
        words += 1;
        if total + current > 1_000_000_000 {
            return None;
        }
    }
    let n = total + current;
    (words > 1 || (!ordinal && n >= 10)).then_some(n)
}

/// Groups the runs of number words among a query's `terms` (words in the order typed) into
/// [`Term::Number`]; a joining word inside a run (and, et, y) is dropped, as it would be as
/// a stopword, and one at either end is not part of the run.
pub(super) fn group(terms: Vec<Term>) -> Vec<Term> {
    let parts: Vec<Option<Part>> = terms
        .iter()
        .map(|t| match t {
            Term::Word { token, .. } => part(token),
            _ => None,
        })
        .collect();
    let joins = |k: usize| parts[k] == Some(Part::And);
    let mut terms: Vec<Option<Term>> = terms.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(terms.len());
    let mut i = 0;
    while i < terms.len() {
        // The run of number words from `i` (indices, not moves: less code in the wasm).
        let mut j = i;
        while j < parts.len() && parts[j].is_some() && !(j == i && joins(j)) {
            j += 1;
        }
        while j > i && joins(j - 1) {
            j -= 1;
        }
        let run: Vec<Part> = parts[i..j].iter().flatten().copied().collect();
        match value(&run).and_then(|n| tokenize(&n.to_string()).into_iter().next()) {
            Some(token) => {
                let words = (i..j).filter(|&k| !joins(k));
                out.push(Term::Number {
                    words: words.filter_map(|k| terms[k].take()).collect(),
                    digits: Box::new(Term::Word {
                        token,
                        prefix: false,
                    }),
                });
                i = j;
            }
            None => {
                out.extend(terms[i].take());
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::parse_query;
    use super::*;

    /// The number a query reads, if it is one number term.
    fn read(q: &str) -> Option<String> {
        match parse_query(q).as_slice() {
            [Term::Number { digits, .. }] => match &**digits {
                Term::Word { token, .. } => Some(token.norm.clone()),
                _ => None,
            },
            _ => None,
        }
    }

    #[test]
    fn numbers_in_words_are_read_in_each_language() {
        for (q, n) in [
            ("عشرون", "20"),
            ("سبعين", "70"),
            ("والسبعين", "70"),
            ("خمسةٌ وسبعون", "75"),
            ("ثلاثة عشر", "13"),
            ("إحدى عشرة", "11"),
            ("اثنا عشر", "12"),
            ("مئة", "100"),
            ("مائة وسبعون", "170"),
            ("مئتان", "200"),
            ("مائتين وسبعة وعشرين", "227"),
            ("ثلاثمئة", "300"),
            ("ثلاث مئة", "300"),
            ("ألف", "1000"),
            ("ألفين واثنين وعشرين", "2022"),
            ("أربعة آلاف وثلاثمائة وأربعة", "4304"),
            ("الثانية والتسعين", "92"),
            ("الحادي والعشرين", "21"),
            ("twenty", "20"),
            ("seventy-five", "75"),
            ("Two Hundred and Fourteen", "214"),
            ("four thousand three hundred four", "4304"),
            ("ninety-second", "92"),
            ("twenty-first", "21"),
            ("soixante-dix", "70"),
            ("soixante et onze", "71"),
            ("quatre-vingts", "80"),
            ("quatre-vingt-dix-sept", "97"),
            ("quatre-vingt-douzième", "92"),
            ("deux cents", "200"),
            ("deux mille vingt-deux", "2022"),
            ("setenta y cinco", "75"),
            ("veintisiete", "27"),
            ("ciento setenta", "170"),
            ("doscientos veintisiete", "227"),
            ("dos mil veintidós", "2022"),
            ("nonagésima segunda", "92"),
        ] {
            assert_eq!(read(q).as_deref(), Some(n), "{q}");
        }
    }

    #[test]
    fn a_word_alone_is_a_number_from_ten_up_and_never_an_ordinal() {
        for q in [
            "one",
            "un",
            "uno",
            "ست",
            "سبع",
            "خمس",
            "الثاني",
            "second",
            "premier",
            "segunda",
        ] {
            assert!(
                parse_query(q)
                    .iter()
                    .all(|t| matches!(t, Term::Word { .. })),
                "{q}"
            );
        }
        // تشرين الثاني (November) keeps its words; un congrès its article.
        for q in ["تشرين الثاني", "un congrès", "le premier congrès"] {
            assert!(
                !parse_query(q)
                    .iter()
                    .any(|t| matches!(t, Term::Number { .. })),
                "{q}"
            );
        }
    }

    #[test]
    fn a_number_keeps_the_words_around_it_and_drops_its_joining_words() {
        let terms = parse_query("and seventy and five countries");
        let kinds: Vec<&str> = terms
            .iter()
            .map(|t| match t {
                Term::Word { token, .. } => token.norm.as_str(),
                Term::Number { words, digits } => {
                    assert_eq!(
                        words.len(),
                        2,
                        "the joining word is not a word of the number"
                    );
                    match &**digits {
                        Term::Word { token, .. } => token.norm.as_str(),
                        _ => "not a word",
                    }
                }
                Term::Phrase(_) => "phrase",
            })
            .collect();
        assert_eq!(kinds, ["75", "countries"]);
        // In quotes, words are a phrase, not a number.
        assert!(matches!(
            parse_query("\"seventy five\"").as_slice(),
            [Term::Phrase(_)]
        ));
    }
}
