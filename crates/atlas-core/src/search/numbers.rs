//! Numbers written in words, read as their digits: a query «سبعين دولة» finds the figure
//! 70, «خمسة وسبعين» 75, «الثالثة والتسعين» and «ninety-third» the 93rd assembly. A run
//! of number words in a query becomes one [`Term::Either`]: it matches a record holding
//! the words (each as any other word) or the digits.
//!
//! Arabic (cardinals in both cases, feminine and masculine, مئة and مائة, hundreds written
//! as one word or two, ordinals inside a compound), English, French (soixante-dix,
//! quatre-vingt-douze) and Spanish (setenta y cinco, nonagésima segunda).
//!
//! Only what spells one number is read as one: each place (units, tens, hundreds) is filled
//! once, in the order the language writes it (Arabic puts the unit first and joins the
//! parts with و; the others put it last), an ordinal only where a compound ordinal has it.
//! So «first and second», «one third», «twenty twenty», «بين عشرين وثلاثين» or «الثالث
//! والرابع» stay words, and «يوم الاثنين الثاني عشر» reads the 12th after Monday. A word
//! alone is read as a number only from ten up, not as an ordinal, and not when it is as
//! often another word (once, seize, cent, mil, آلاف): «one», «un», «ست» or «الثاني» (as in
//! تشرين الثاني) stay words; a unit from two to nine is read before the noun it counts
//! («أربع جلسات», «six weeks», «sept pays»: 4, 6, 7), one (the article, the pronoun) never.

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
    /// و (a clitic, or written apart: «مئة و سبعين»), and, et, y: between two number words.
    And,
}

/// The number words, in normalised form (see [`crate::normalize`]: ة → ه, hamza dropped,
/// accents dropped), each after the part it stands for: `+N` adds N, `#N` is an ordinal
/// N, `*` is ×100, `^` ×1000, `~` vingt and `&` a joining word. A word marked `!` is as
/// often another word (English once, seize; cent; آلاف, thousands): a number only within a
/// run. One string rather than a table of slices: 1.1 KB less in the wasm. A word is
/// matched as written, without its clitics, or in its literal reading.
const WORDS: &str = "\
+1 واحد واحده احد احدي one un une uno una \
+2 اثنان اثنين اثنتان اثنتين اثنا اثنتا اثني اثنتي two deux dos \
+3 ثلاث ثلاثه three trois tres \
+4 اربع اربعه four quatre cuatro \
+5 خمس خمسه five cinq cinco \
+6 ست سته six seis \
+7 سبع سبعه seven sept siete \
+8 ثمان ثماني ثمانيه eight huit ocho \
+9 تسع تسعه nine neuf nueve \
+10 عشر عشره ten dix diez \
+11 eleven onze !once +12 twelve douze doce +13 thirteen treize trece \
+14 fourteen quatorze catorce +15 fifteen quinze quince +16 sixteen !seize dieciseis \
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
+200 ميتان ميتين مايتان مايتين ميتي مايتي مايتا doscientos doscientas \
+300 ثلاثميه ثلاثمايه trescientos trescientas \
+400 اربعميه اربعمايه cuatrocientos cuatrocientas \
+500 خمسميه خمسمايه quinientos quinientas \
+600 ستميه ستمايه seiscientos seiscientas \
+700 سبعميه سبعمايه setecientos setecientas \
+800 ثمانميه ثمانمايه ثمانيميه ثمانيمايه ochocientos ochocientas \
+900 تسعميه تسعمايه novecientos novecientas \
+2000 الفان الفين الفي \
* ميه مايه hundred !cent !cents \
^ الف !الاف !الفا thousand mille !mil \
~ vingt vingts \
& and et y و \
#1 حادي حاديه first premier premiere unieme primero primera primer \
#2 ثاني ثانيه second deuxieme segundo segunda \
#3 ثالث ثالثه third troisieme tercero tercera tercer \
#4 رابع رابعه fourth quatrieme cuarto cuarta \
#5 خامس خامسه fifth cinquieme quinto quinta \
#6 سادس سادسه sixth sixieme sexto sexta \
#7 سابع سابعه seventh septieme septimo septima \
#8 ثامن ثامنه eighth huitieme octavo octava \
#9 تاسع تاسعه ninth neuvieme noveno novena \
#10 عاشر عاشره tenth dixieme decimo decima \
#11 onzieme #12 douzieme #13 treizieme #14 quatorzieme #15 quinzieme #16 seizieme \
#20 vigesimo vigesima #30 trigesimo trigesima #40 cuadragesimo cuadragesima \
#50 quincuagesimo quincuagesima #60 sexagesimo sexagesima \
#70 septuagesimo septuagesima #80 octogesimo octogesima #90 nonagesimo nonagesima";

/// A number word as the query has it.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Word {
    part: Part,
    /// A number on its own too (not `!` in [`WORDS`]).
    alone: bool,
    arabic: bool,
    /// Arabic written with و before it (وخمسين): how Arabic joins a number's parts.
    joined: bool,
}

fn word(token: &Token) -> Option<Word> {
    let norm = token.norm.as_str();
    let arabic = !norm.is_ascii();
    let after_wa = norm.strip_prefix('و').filter(|_| arabic);
    // The tokenizer keeps و on a word of three letters (وست، وسبع): it is tried without.
    let forms = [
        Some(norm),
        Some(token.bare.as_str()),
        token.literal.as_deref(),
        after_wa,
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
            continue;
        }
        let (alone, w) = match w.strip_prefix('!') {
            Some(rest) => (false, rest),
            None => (true, w),
        };
        if forms.contains(&Some(w)) {
            return current.map(|part| Word {
                part,
                alone,
                arabic,
                joined: after_wa.is_some() && w != norm,
            });
        }
    }
    None
}

/// Reads a run of number words one at a time, as long as they spell one number.
#[derive(Default)]
struct Reader {
    /// The thousands read, and the number below them.
    total: u64,
    current: u64,
    /// Number words taken (joining words aside), and whether one was a number alone.
    words: u32,
    alone: bool,
    thousand: bool,
    hundreds: bool,
    tens: u32,
    units: bool,
    /// A ten or a teen (dix, عشر, fourteen).
    ten: bool,
    /// The ordinal read, if any.
    ordinal: Option<u32>,
    /// A و written apart came last: the next Arabic word is joined by it.
    wa: bool,
}

impl Reader {
    /// Takes the next word, or says the number ended before it.
    fn take(&mut self, w: Word) -> bool {
        if w.part == Part::And {
            // A joining word does not start a number.
            self.wa = w.arabic;
            return self.words > 0;
        }
        let first = self.words == 0;
        // Arabic joins the parts with و (on the word, or apart before it), but for a ten
        // after its unit (ثلاثة عشر) and a multiplier (ثلاث مئة، أربعة آلاف).
        let bare_ok = matches!(w.part, Part::Add(10) | Part::Hundred | Part::Thousand);
        let wa = std::mem::take(&mut self.wa);
        if w.arabic && !first && !w.joined && !wa && !bare_ok {
            return false;
        }
        let (value, ordinal) = match w.part {
            Part::Add(v) => (v, false),
            Part::Ordinal(v) => (v, true),
            Part::Score if self.units && self.tens == 0 && !self.ten && self.current % 100 == 4 => {
                // quatre-vingt: four twenties, so the four is no unit.
                self.current -= 4;
                self.units = false;
                (80, false)
            }
            Part::Score => (20, false),
            Part::Hundred => {
                if self.hundreds || self.tens != 0 || self.ten {
                    return false;
                }
                self.current = self.current.max(1) * 100;
                self.hundreds = true;
                self.units = false;
                return self.taken(w);
            }
            _ => {
                if self.thousand {
                    return false;
                }
                self.total = self.current.max(1) * 1000;
                *self = Reader {
                    total: self.total,
                    words: self.words,
                    alone: self.alone,
                    thousand: true,
                    ..Reader::default()
                };
                return self.taken(w);
            }
        };
        // After an ordinal: its ten (الحادي عشر) or tens (الثانية والتسعين) in Arabic, a
        // unit ordinal after an ordinal ten (nonagésima segunda).
        if let Some(o) = self.ordinal {
            let ok = if ordinal {
                o >= 20 && value < 10
            } else {
                w.arabic && o < 10 && (value == 10 || (20..=90).contains(&value))
            };
            if !ok {
                return false;
            }
        }
        // The unit before a ten or tens only in Arabic (خمسة وسبعين, seventy-five).
        let after_unit = !self.units || w.arabic;
        let tens_free = !self.ten && matches!(self.tens, 0 | 60 | 80);
        let ok = match value {
            1..=9 => !self.units,
            10..=19 => tens_free && (value == 10 || !self.units) && after_unit,
            20..=90 if value % 10 == 0 => self.tens == 0 && !self.ten && after_unit,
            // veintidós: tens and unit in one word.
            21..=99 => self.tens == 0 && !self.ten && !self.units,
            100..=999 => !self.hundreds && self.tens == 0 && !self.ten && !self.units,
            _ => first,
        };
        if !ok {
            return false;
        }
        match value {
            1..=9 => self.units = true,
            10..=19 => {
                self.ten = true;
                self.units |= value > 10;
            }
            20..=90 if value % 10 == 0 => self.tens = value,
            21..=99 => {
                self.tens = value;
                self.units = true;
            }
            100..=999 => self.hundreds = true,
            _ => self.thousand = true,
        }
        self.current += u64::from(value);
        if ordinal {
            self.ordinal = Some(value);
        }
        self.taken(w)
    }

    fn taken(&mut self, w: Word) -> bool {
        self.words += 1;
        self.alone = w.alone;
        true
    }

    /// The number read: two number words or more, or one that is a number alone, a
    /// cardinal of ten or more.
    fn value(&self) -> Option<u64> {
        let n = self.total + self.current;
        let one = self.words == 1 && self.alone && self.ordinal.is_none() && n >= 10;
        (self.words > 1 || one).then_some(n)
    }

    /// The number read by one cardinal unit, two to nine, that counts a noun after it
    /// (أربع جلسات، six weeks, sept pays).
    fn counting(&self) -> Option<u64> {
        let n = self.total + self.current;
        let unit = self.words == 1 && self.alone && self.ordinal.is_none();
        (unit && (2..=9).contains(&n)).then_some(n)
    }
}

/// Groups the runs of number words among a query's `terms` (words in the order typed) into
/// [`Term::Either`]; a joining word inside a run (and, et, y) is dropped, as it would be as
/// a stopword, and one at either end is not part of the run.
pub(super) fn group(terms: Vec<Term>) -> Vec<Term> {
    let words: Vec<Option<Word>> = terms
        .iter()
        .map(|t| match t {
            Term::Word { token, .. } => word(token),
            _ => None,
        })
        .collect();
    let joins = |k: usize| words[k].is_some_and(|w| w.part == Part::And);
    let mut terms: Vec<Option<Term>> = terms.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(terms.len());
    let mut i = 0;
    while i < terms.len() {
        // The run of number words from `i` (indices, not moves: less code in the wasm).
        let mut reader = Reader::default();
        let mut j = i;
        while j < words.len() && words[j].is_some_and(|w| reader.take(w)) {
            j += 1;
        }
        while j > i && joins(j - 1) {
            j -= 1;
        }
        // A unit alone counts the noun after it: a word with letters, no number word; with
        // no number word before it (ثلاث أربع مرات stays words) and no article or clitic on
        // it (الاثنين الماضي is Monday).
        let noun = matches!(terms.get(j), Some(Some(Term::Word { token, .. }))
            if words[j].is_none() && token.norm.chars().any(char::is_alphabetic))
            && (i == 0 || words[i - 1].is_none())
            && matches!(&terms[i], Some(Term::Word { token, .. }) if token.norm == token.bare);
        let digits = reader
            .value()
            .or_else(|| reader.counting().filter(|_| noun))
            .filter(|_| j > i);
        match digits.and_then(|n| tokenize(&n.to_string()).into_iter().next()) {
            Some(token) => {
                let words = (i..j).filter(|&k| !joins(k));
                out.push(Term::Either {
                    words: words.filter_map(|k| terms[k].take()).collect(),
                    whole: Box::new(Term::Word {
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
            [Term::Either { whole: digits, .. }] => match &**digits {
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
            // و written apart, as many type it.
            ("مئة و سبعين", "170"),
            ("خمسة و سبعون", "75"),
            ("ألفين و اثنين و عشرين", "2022"),
            ("مئتان", "200"),
            ("مائتان", "200"),
            ("مئتان وخمسون", "250"),
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
            ("vigésimo primer", "21"),
            ("اثني عشر", "12"),
            ("اثنتي عشرة", "12"),
            ("مائتي ألف", "200000"),
            ("ألفي", "2000"),
            ("ثلاثين ألفاً", "30000"),
            ("ألف وتسعمائة وست وخمسين", "1956"),
            ("الحادي عشر", "11"),
            ("dix-sept", "17"),
            ("cent soixante-dix", "170"),
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
        // Words that are as often something else, alone.
        for q in ["once", "seize", "cent", "mil", "آلاف", "الآلاف"] {
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
                    .any(|t| matches!(t, Term::Either { .. })),
                "{q}"
            );
        }
    }

    #[test]
    fn a_unit_is_a_number_before_the_noun_it_counts() {
        for (q, n) in [
            ("أربع جلسات", "4"),
            ("ست منظمات", "6"),
            ("ستة أسابيع", "6"),
            ("six weeks", "6"),
            ("sept pays", "7"),
            ("tres sesiones", "3"),
        ] {
            assert_eq!(numbers(q), [n], "{q}");
        }
        for q in [
            "one country",
            "un congrès",
            "sept 2020",
            "six",
            "ست",
            "two 3",
            "second session",
            "الاثنين الماضي",
        ] {
            assert!(numbers(q).is_empty(), "{q}: {:?}", numbers(q));
        }
    }

    /// The numbers a query reads, in order.
    fn numbers(q: &str) -> Vec<String> {
        parse_query(q)
            .iter()
            .filter_map(|t| match t {
                Term::Either { whole: digits, .. } => match &**digits {
                    Term::Word { token, .. } => Some(token.norm.clone()),
                    _ => None,
                },
                _ => None,
            })
            .collect()
    }

    #[test]
    fn words_that_do_not_spell_one_number_are_not_summed() {
        for (q, expected) in [
            ("first and second", &[][..]),
            ("one second", &[]),
            ("un second tour", &[]),
            ("un premier ministre", &[]),
            ("one third", &[]),
            ("un cuarto", &[]),
            ("first ten", &["10"]),
            ("one tenth", &[]),
            ("between ten and twenty", &["10", "20"]),
            ("nineteen ninety-four", &["19", "94"]),
            ("twenty twenty", &["20", "20"]),
            ("بين عشرين وثلاثين", &["20", "30"]),
            ("المؤتمر الثالث والرابع", &[]),
            ("ثلاث أربع مرات", &[]),
            ("أحد الثلاثة", &[]),
            ("أحد العشرين", &["20"]),
            ("يوم الاثنين الثاني عشر", &["12"]),
            ("الأحد الحادي عشر", &["11"]),
            ("per cent", &[]),
            ("عشرات الآلاف", &[]),
        ] {
            assert_eq!(numbers(q), expected, "{q}");
        }
    }

    #[test]
    fn a_number_keeps_the_words_around_it_and_drops_its_joining_words() {
        let terms = parse_query("and seventy and five countries");
        let kinds: Vec<&str> = terms
            .iter()
            .map(|t| match t {
                Term::Word { token, .. } => token.norm.as_str(),
                Term::Either { words, whole } => {
                    assert_eq!(
                        words.len(),
                        2,
                        "the joining word is not a word of the number"
                    );
                    match &**whole {
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
