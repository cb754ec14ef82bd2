//! Unit tests of the search: readings of a word, suffix chains, broken plurals, ranking keys.

use super::hits::{entry, entry_doc, entry_missing, entry_score};
use super::*;
use crate::catalog::Catalog;
use crate::model::Text;
use crate::model::{Bundle, Organization, Plural};
use crate::normalize::normalize;

/// A catalog of organisations named `names` (Arabic title; other languages "x"), with
/// the broken plurals `plurals`.
fn catalog(names: &[&str], plurals: &[(&str, &str)]) -> Catalog {
    let text = |s: &str| Text {
        ar: s.into(),
        en: "x".into(),
        fr: "x".into(),
        es: None,
    };
    Catalog::new(Bundle {
        organizations: names
            .iter()
            .enumerate()
            .map(|(i, n)| Organization {
                id: format!("o{i}"),
                name: text(n),
                acronym: None,
                aliases: Vec::new(),
                country: None,
                parent: None,
                summary: text("-"),
                sources: Vec::new(),
            })
            .collect(),
        plurals: plurals
            .iter()
            .map(|(p, s)| Plural {
                plural: p.to_string(),
                singular: s.to_string(),
            })
            .collect(),
        ..Bundle::default()
    })
}

/// The names found by `q`, best first.
fn found(c: &Catalog, ix: &SearchIndex, q: &str) -> Vec<String> {
    ix.search(c, q)
        .unwrap_or_default()
        .ranked(ix, |_| true)
        .into_iter()
        .map(|r| c.get(r).title().ar.clone())
        .collect()
}

#[test]
fn both_readings_of_a_first_letter_are_searched_and_the_literal_one_wins() {
    let c = catalog(
        &["الوزارة", "زارة", "لجنة كبيرة", "الكبير", "بيرة", "البحرين"],
        &[],
    );
    let ix = SearchIndex::build(&c);
    // «وزارة» is the word as written (الوزارة) or و + زارة: both, the literal first.
    assert_eq!(found(&c, &ix, "وزارة "), ["الوزارة", "زارة"]);
    assert_eq!(found(&c, &ix, "الوزارة "), ["الوزارة"]);
    // كبيرة meets كبير (its ك is not a preposition), and بيرة still finds ك + بيرة.
    assert!(found(&c, &ix, "كبيرة ").contains(&"الكبير".to_string()));
    assert!(found(&c, &ix, "كبير ").contains(&"لجنة كبيرة".to_string()));
    assert_eq!(found(&c, &ix, "بيرة ")[0], "بيرة");
    assert_eq!(found(&c, &ix, "بحرين "), ["البحرين"]);
    assert_eq!(found(&c, &ix, "والبحرين "), ["البحرين"]);
}

/// The word lists a query's tokens are compared with are written as the tokens are
/// normalised: an entry written otherwise would never match.
#[test]
fn the_query_word_lists_are_written_normalised() {
    for list in [QUESTION_WORDS, COUNT_WORDS, COUNT_VERBS, SOURCE_WORDS] {
        for w in list {
            let t = tokenize(w);
            assert_eq!(t.len(), 1, "{w}");
            assert_eq!(t[0].norm, *w, "{w}");
        }
    }
}

#[test]
fn a_question_of_how_many_is_read_as_one() {
    for q in [
        "كم عدد الدول",
        "كم الدول",
        "عدد الخبراء",
        "how many countries",
        "How much money",
        "combien de pays",
        "cuántos países",
        "number of delegates",
        "ما عدد الدول المشاركة",
        "ما هو عدد الخبراء",
    ] {
        assert!(Asks::of(q).how_many, "{q}");
    }
    for q in [
        "عدد",
        "كم",
        "how",
        "how are",
        "Interpol",
        "countries how many",
        "الدول عدد",
        // Spanish for a name, a telephone's number.
        "nombre de la organización",
        "numéro de téléphone",
        // The part before a phrase is the question's (كم alone here), as parse_query reads it.
        "«كم» دولة شاركت",
        "كم «دولة» شاركت",
    ] {
        assert!(!Asks::of(q).how_many, "{q}");
    }
    let words = |q: &str| -> Vec<String> {
        parse_query(q)
            .iter()
            .filter_map(|t| word(Some(t)).map(|t| t.norm.clone()))
            .collect()
    };
    // Its words and what it says of what it counts go; what is counted stays.
    assert_eq!(
        words("كم عدد الدول التي حضرت مؤتمر طنجة"),
        ["الدول", "موتمر", "طنجه"]
    );
    assert_eq!(words("how many countries took part"), ["countries"]);
    assert_eq!(words("combien de pays ont participé"), ["pays"]);
    assert_eq!(words("كم عدد المشاركين"), ["المشاركين"]);
    assert_eq!(words("ما عدد الدول المشاركة"), ["الدول"]);
    // Nothing goes from a query that is not a count's question, or would be left empty.
    assert_eq!(words("الدول المشاركة"), ["الدول", "المشاركه"]);
    assert_eq!(words("كم حضروا"), ["حضروا"]);
}

#[test]
fn an_office_is_not_found_as_its_holder() {
    let c = catalog(&["المديرية العامة", "المدير العام", "مدير المدرسة"], &[]);
    let ix = SearchIndex::build(&c);
    // مديرية's light stem is مدير: listed in OWN_STEMS, it keeps its own.
    assert_eq!(found(&c, &ix, "مدير العام"), ["المدير العام"]);
    assert_eq!(found(&c, &ix, "مديرية "), ["المديرية العامة"]);
    for q in [
        "المديريات ",
        "والمديرية ",
        "للمديرية ",
        "المديريتين ",
        "مديريتها ",
        "مديرياتها ",
    ] {
        assert_eq!(found(&c, &ix, q), ["المديرية العامة"], "{q}");
    }
    // The director is still found in every form.
    for q in ["المدير ", "مديرها ", "للمدير "] {
        assert_eq!(found(&c, &ix, q), ["المدير العام", "مدير المدرسة"], "{q}");
    }
    // International is not the states.
    let c = catalog(&["منظمات دولية", "الدول العربية"], &[]);
    let ix = SearchIndex::build(&c);
    assert_eq!(found(&c, &ix, "الدول "), ["الدول العربية"]);
    assert_eq!(found(&c, &ix, "دولة "), ["الدول العربية"]);
    assert_eq!(found(&c, &ix, "الدولي "), ["منظمات دولية"]);
    assert_eq!(found(&c, &ix, "الدوليين "), ["منظمات دولية"]);
    // A text that writes the directorate with a pronoun is found by it.
    let c = catalog(&["مديريتها الجهوية", "مديرها"], &[]);
    let ix = SearchIndex::build(&c);
    assert_eq!(found(&c, &ix, "المديرية "), ["مديريتها الجهوية"]);
}

#[test]
fn suffix_chains_and_broken_plurals_are_searched() {
    let c = catalog(
        &["مشاركة المدن", "الأفريقي", "إعلام", "قائد الشرطة"],
        &[("مدن", "مدينة"), ("قادة", "قائد")],
    );
    let ix = SearchIndex::build(&c);
    assert_eq!(found(&c, &ix, "مشاركتها "), ["مشاركة المدن"]);
    assert_eq!(found(&c, &ix, "المدينة "), ["مشاركة المدن"]);
    assert_eq!(found(&c, &ix, "الأفريقيون "), ["الأفريقي"]);
    assert_eq!(found(&c, &ix, "إعلامهم "), ["إعلام"]);
    assert_eq!(found(&c, &ix, "القادة "), ["قائد الشرطة"]);
    // Without the lexicon, the plural is not found.
    let bare = catalog(&["قائد الشرطة"], &[]);
    assert!(found(&bare, &SearchIndex::build(&bare), "القادة ").is_empty());
}

#[test]
fn the_ranking_keys_sort_as_the_comparisons_they_replace() {
    let scores = [
        0.0f32,
        -0.0,
        1.0,
        -1.0,
        0.7,
        2.5,
        f32::MIN_POSITIVE,
        f32::MAX,
        f32::INFINITY,
        f32::NEG_INFINITY,
        f32::NAN,
        -f32::NAN,
        1e-30,
        -3.25,
    ];
    for a in scores {
        for b in scores {
            assert_eq!(
                descending(a).cmp(&descending(b)),
                b.total_cmp(&a),
                "{a} vs {b}"
            );
        }
    }
    // A key keeps the words missing, the score and the document, and sorts by them in
    // that order; the score comes back whole.
    let keys = [
        (0u8, 2.5f32, 3u32),
        (0, 2.5, 4),
        (0, 1.0, 0),
        (1, 20.0, 0),
        (2, 0.7, 9),
    ];
    for w in keys.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (ka, kb) = (
            entry(a.0, descending(a.1), a.2),
            entry(b.0, descending(b.1), b.2),
        );
        assert!(ka < kb, "{a:?} before {b:?}");
    }
    for (m, s, d) in keys {
        let e = entry(m, descending(s), d);
        assert_eq!(
            (entry_missing(e), undescend(entry_score(e)), entry_doc(e)),
            (m, s, d)
        );
    }
    for s in scores.into_iter().filter(|s| !s.is_nan()) {
        assert_eq!(undescend(descending(s)).to_bits(), s.to_bits(), "{s}");
    }
}

#[test]
fn the_best_hits_are_the_head_of_the_full_ranking() {
    // 300 records whose names hold «الأمن» among 0–6 other words (so the short-field boost
    // gives several scores with many ties), in an order that mixes better and worse ones.
    let fillers = ["مؤتمر", "دولي", "عربي", "مراكش", "طنجة", "الشرطة"];
    let names: Vec<String> = (0..300)
        .map(|i: usize| {
            let extra = (i * 7919) % 7;
            let mut words = vec!["الأمن"];
            words.extend(fillers.iter().cycle().skip(i % 6).take(extra));
            words.join(" ")
        })
        .collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let c = catalog(&refs, &[]);
    let ix = SearchIndex::build(&c);
    let hits = ix.search(&c, "الأمن").expect("a query");
    assert_eq!(hits.len(), 300);
    assert!(!hits.partial());
    let full = hits.ranked(&ix, |_| true);
    assert_eq!(full.len(), 300);
    // Best first: scores never rise along the full ranking.
    let score: std::collections::HashMap<_, _> = hits.scores(&ix).map(|(r, s, _)| (r, s)).collect();
    assert!(full.windows(2).all(|w| score[&w[0]] >= score[&w[1]]));
    assert!(
        score.values().any(|&s| s != score[&full[0]]),
        "scores differ"
    );
    for k in [1, 10, 47, 48, 49, 100, 300, 400] {
        assert_eq!(hits.first(&ix, k), full[..k.min(300)], "k = {k}");
        let top: Vec<_> = hits.top(&ix, &c, k).into_iter().map(|h| h.record).collect();
        assert_eq!(top, full[..k.min(300)], "top, k = {k}");
    }
    // A filter ranks what it keeps in the same order.
    let even: Vec<_> = full.iter().copied().filter(|r| r.index % 2 == 0).collect();
    assert_eq!(hits.ranked(&ix, |r| r.index % 2 == 0), even);
    // The hit of one record carries its highlight.
    let h = hits.hit(&ix, &c, full[5]).expect("a hit");
    assert_eq!(h.record, full[5]);
    assert!(!h.ranges(FieldName::Title, "ar").is_empty());
    // Only the languages asked for are highlighted (a card shows one).
    let en = hits.hit_in(&ix, &c, full[5], Some(&["en"])).expect("a hit");
    assert!(en.ranges(FieldName::Title, "ar").is_empty());
    assert_eq!((en.record, en.score), (h.record, h.score));
}

#[test]
fn latin_spellings_of_one_arabic_name_share_a_skeleton() {
    let same = [
        ["nayef", "naif", "nayif"],
        ["hammouchi", "hamouchy", "hamoushi"],
        ["tanger", "tangier", "tangeer"],
        ["sheikh", "cheikh", "cheykh"],
        ["fatimah", "fatima", "fatyma"],
        ["laqjaa", "lakjaa", "lakja"],
        // The article assimilated and written on (الناصري، الصويرة، التجاري، الشرقاوي).
        ["ennasseri", "nasseri", "naciri"],
        ["ennaciri", "nasiri", "ennasiri"],
        ["essaouira", "saouira", "saouera"],
        ["attijari", "tijari", "ettijari"],
        ["ettaoufiq", "taoufik", "taufiq"],
        ["echcharqaoui", "charqaoui", "charkaoui"],
    ];
    for group in same {
        let first = latin_skeleton(group[0]);
        for w in group {
            assert_eq!(latin_skeleton(w), first, "{w} against {}", group[0]);
        }
    }
    assert_eq!(latin_skeleton("nasser"), latin_skeleton("naser"));
    // A different vowel is a different skeleton (رباط is not ربط).
    assert_ne!(latin_skeleton("rabat"), latin_skeleton("ribat"));
    // The French and the English spelling of مراكش: ch and sh are both ش.
    assert_eq!(latin_skeleton("marrakech"), latin_skeleton("marrakesh"));
    // Vowels count: محمود is not محمد.
    assert_ne!(latin_skeleton("mahmoud"), latin_skeleton("mohamed"));
    // What only looks like an article stays: a doubled l (علال), a short word (الأسد:
    // Assad is not "sad"), a vowel other than a or e.
    assert_ne!(latin_skeleton("allal"), latin_skeleton("lal"));
    assert_ne!(latin_skeleton("assad"), latin_skeleton("sad"));
    assert_ne!(latin_skeleton("ossama"), latin_skeleton("sama"));
    // What the fallback compares: one edit, or the skeleton within reach of the length.
    let alike = |k: &str, q: &str| sounds_alike(k, q, &latin_skeleton(q));
    assert!(alike("naif", "nayef"));
    assert!(alike("hammouchi", "hamouchy"));
    assert!(alike("mohammed", "mohammad"), "one edit");
    assert!(!alike("mohamed", "mahmoud"));
    assert!(!alike("ministry", "monster"));
    assert!(
        !alike("نايف", "nayef"),
        "Arabic keys are not compared by skeleton"
    );
}

#[test]
fn arabic_spellings_of_one_foreign_name_share_a_skeleton() {
    let sk = |w: &str| arabic_skeleton(w).collect::<String>();
    let same = [
        // Glasgow: g written غ, ج or ك, with or without its vowels.
        ["غلاسكو", "جلاسجو", "كلاسكو", "غلاسغو"],
        // Marrakech with an alef or a ya that a spelling adds.
        ["مراكش", "ماراكش", "مراكيش", "مراكاش"],
        // Scotland with and without its first alef, and its nisba.
        ["اسكتلندا", "سكوتلاندا", "اسكتلنديه", "سكتلنده"],
        // t written with either letter (Atlanta).
        ["اطلانطا", "اتلانتا", "اتلانطا", "اطلنتا"],
    ];
    for group in same {
        for w in group {
            assert_eq!(sk(w), sk(group[0]), "{w} against {}", group[0]);
        }
    }
    // A first و or ي is a consonant (وزير is not زير).
    assert_ne!(sk("وزير"), sk("زير"));
    // Other consonants stay apart: ش is not س, ل is not ر, and the letters the language
    // tells apart in its own words (مصالح is not مسلح, ممثلوها is not مسلح).
    assert_ne!(sk("حموشي"), sk("حموسي"));
    assert_ne!(sk("انتربول"), sk("انتربور"));
    assert_ne!(sk("مصالح"), sk("مسلح"));
    assert_ne!(sk("ممثلوها"), sk("مسلحه"));
    // A letter twice in a row counts once; with a vowel between, twice.
    assert_eq!(sk("مراككش"), sk("مراكش"));
    assert_ne!(sk("سوس"), sk("س"));
    // Compared by skeleton only with four consonants: three are most words' root (كتب،
    // كاتب، قطب); a word of four letters is compared for slips only.
    assert!(!arabic_fuzzy_eligible("كتب"));
    assert!(arabic_fuzzy_eligible("كاتب"));
    assert!(!arabic_sounds_alike("قطب", "كاتب", &sk("كاتب")));
    // كتاب is كاتب with two neighbours swapped: a slip, not a skeleton.
    assert!(arabic_sounds_alike("كتاب", "كاتب", &sk("كاتب")));
    assert!(arabic_fuzzy_eligible("جلاسجو"));
    assert!(!arabic_fuzzy_eligible("glasgow"));
    assert!(!arabic_fuzzy_eligible("جلاسجو2"));
    // Lengths within three letters.
    let alike = |k: &str, q: &str| arabic_sounds_alike(k, q, &sk(q));
    assert!(alike("غلاسكو", "جلاسجو"));
    assert!(alike("جلاسجو", "غلاسكو"));
    assert!(alike("غلاسكوووو", "جلاسجو"), "three letters longer");
    assert!(!alike("غلاسكووووو", "جلاسجو"), "four letters longer");
    assert!(!alike("غلاسكو", "جلاسجوم"), "another consonant");
}

#[test]
fn an_article_written_on_to_a_latin_word_comes_off_when_the_rest_stands_alone() {
    assert_eq!(without_latin_article("alalam"), Some(("al", "alam")));
    assert_eq!(without_latin_article("elkhabar"), Some(("el", "khabar")));
    assert_eq!(without_latin_article("alma"), None);
    assert_eq!(without_latin_article("rabat"), None);
}

#[test]
fn an_arabic_slip_is_a_letter_of_the_same_shape_or_a_long_vowel() {
    for (typed, word) in [
        ("طنحة", "طنجة"),
        ("مراكس", "مراكش"),
        ("المتفحرات", "المتفجرات"),
        ("الدخسي", "الدخيسي"),
        ("مؤتمر", "موءتمر"),
        ("غلاسكوو", "غلاسكو"),
        // A letter of the same sound.
        ("الدخيصي", "الدخيسي"),
        ("الضابط", "الظابط"),
        ("الثلاثي", "السلاثي"),
        ("مطار", "متار"),
        // Two neighbours swapped, in a word of four letters or more.
        ("طجنة", "طنجة"),
        ("حمشوي", "حموشي"),
        ("الجماكر", "الجمارك"),
        ("داشع", "داعش"),
        ("كاتب", "كتاب"),
        // Any letter left out of a word of five letters or more.
        ("الانتبول", "الانتربول"),
    ] {
        let (typed, word) = (normalize(typed), normalize(word));
        assert!(arabic_slip(&typed, &word), "{typed} for {word}");
        assert!(arabic_slip(&word, &typed), "{word} for {typed}");
    }
    for (typed, word) in [
        ("جريدة", "جريمة"),
        ("مؤامرات", "مؤتمرات"),
        ("العرب", "الحرب"),
        ("مركش", "مراكشي"),
        // A swap in a word of three letters, most words' root.
        ("كتب", "كبت"),
        // A consonant left out of a word of four letters (شرطة is not شرة).
        ("شرطه", "شره"),
        // Two slips.
        ("حمشوب", "حموشي"),
    ] {
        let (typed, word) = (normalize(typed), normalize(word));
        assert!(!arabic_slip(&typed, &word), "{typed} is not {word}");
    }
}

#[test]
fn arabizi_digits_are_read_as_letters_and_latin_words_as_arabic() {
    let norms = |q: &str| -> Vec<String> {
        parse_query(q)
            .iter()
            .filter_map(|t| match t {
                Term::Word { token, .. } => Some(token.norm.clone()),
                _ => None,
            })
            .collect()
    };
    assert_eq!(norms("7ammouchi"), ["hammouchi"]);
    assert_eq!(norms("da3ech l9ar9obi"), ["daaech", "lqarqobi"]);
    assert_eq!(norms("mo2tamar"), ["moatamar"]);
    // A run of letters and digits inside punctuation is read too.
    assert_eq!(norms("7ammouchi?"), ["hammouchi"]);
    // Not chat: a letter or two with digits, a run of digits, a number with its ending.
    assert_eq!(norms("G7"), ["g", "7"]);
    assert!(norms("A380").contains(&"380".to_string()));
    assert_eq!(norms("covid19").len(), 2);
    // Nor an ordinal, a name with a digit last, or a digit that would stand for a vowel
    // before an elision (s2al is not s'al).
    assert!(norms("3eme").contains(&"3".to_string()));
    assert!(norms("Web3").contains(&"3".to_string()));
    assert_eq!(norms("s2al"), ["saal"]);
    // A Latin spelling reads as the Arabic it spells, with or without its long vowels.
    let reads = |latin: &str, word: &str| {
        let word = normalize(word);
        latin_as_arabic(latin)
            .iter()
            .any(|f| arabic_reads_as(&word, f))
    };
    for (latin, word) in [
        ("mrakch", "مراكش"),
        ("motamar", "مؤتمر"),
        ("lmalaki", "الملكي"),
        ("achkaine", "أشكاين"),
        ("achkayane", "أشكاين"),
        ("dukhaysi", "دخيسي"),
        ("lqarqobi", "القرقوبي"),
        ("layoun", "العيون"),
        ("lhamouchi", "حموشي"),
        ("elhammouchi", "حموشي"),
        ("almoutamar", "مؤتمر"),
        ("mohamed", "محمود"),
        // A first alef before two consonants, however the first is written.
        ("strategie", "استراتيجية"),
        ("chkayen", "أشكاين"),
        ("chtouka", "اشتوكة"),
        ("mhamed", "امحمد"),
        // A first vowel counts as the letter it stands for.
        ("irhab", "إرهاب"),
        ("omran", "عمران"),
        ("ennasseri", "ناصري"),
    ] {
        assert!(
            reads(latin, word),
            "{latin}: {:?}, {word}",
            latin_as_arabic(latin)
        );
    }
    // A long vowel written in Latin letters is in the Arabic word; a non-Arabic word and
    // one of other consonants are not read; two consonants say too little.
    assert!(!reads("mahmoud", "محمد"));
    assert!(!reads("mrakch", "مراكز"));
    // A first alef is a sound: a word whose first consonant has a vowel after it does not
    // start with one.
    assert!(!reads("marroqui", "أمريكية"));
    assert!(!reads("sharikat", "اشركات"));
    assert!(!reads("irhab", "رهاب"));
    assert!(latin_as_arabic("diwana").is_empty());
    // Three consonants alone are too many words' root: ordinary words are not read.
    for word in [
        "think", "short", "dark", "mark", "robot", "cream", "mind", "drk",
    ] {
        assert!(
            latin_as_arabic(word).is_empty(),
            "{word}: {:?}",
            latin_as_arabic(word)
        );
    }
    assert!(
        !reads("listen", "اصطناعي"),
        "an l is taken for an article only before enough"
    );
    // A word with a letter Arabic has no sound for is a word of the Latin languages.
    for word in ["journaux", "prevention", "services", "explosifs"] {
        assert!(latin_as_arabic(word).is_empty(), "{word}");
    }
    assert!(reads("mustapha", "مصطفى"));
    // And the other way: an Arabic spelling of a name the records write in Latin letters.
    for (word, latin) in [
        ("هيندس", "hinds"),
        ("كونغرس", "congress"),
        ("غلوبال", "global"),
        ("تيتانوس", "tetanus"),
        ("مدد", "madad"),
    ] {
        assert!(arabic_reads_as(&normalize(word), latin), "{word}: {latin}");
    }
    assert!(!arabic_reads_as("محمد", "mahmoud"));
    assert!(!arabic_reads_as("مد", "madad"));
    assert_eq!(latin_classes(b"hammouchi").collect::<String>(), "hmwcy");
}

#[test]
fn two_words_written_as_one_are_cut_before_an_article() {
    fn cuts(w: &str) -> Vec<(&str, &str)> {
        written_together(w).collect()
    }
    assert_eq!(cuts("alalam"), [("al", "alam")]);
    assert_eq!(cuts("الدارالبيضاء"), [("الدار", "البيضاء")]);
    assert_eq!(
        cuts("الامنالوطنيالمغربي"),
        [("الامن", "الوطنيالمغربي"), ("الامنالوطني", "المغربي")]
    );
    // A clitic and the article, or an article with too little after it, are not two words.
    assert!(cuts("وبالمغرب").is_empty());
    assert!(cuts("والبيضاء").is_empty());
    assert!(cuts("استقبال").is_empty());
    assert!(cuts("rabat").is_empty());
}

/// The one-edit comparison as it was written first (letters copied into vectors), to check
/// the in-place one against.
fn one_edit_by_copy(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let mut i = 0;
    while i < short.len() && short[i] == long[i] {
        i += 1;
    }
    if short.len() == long.len() {
        if i == short.len() {
            return true;
        }
        let (a, b) = (&short[i..], &long[i..]);
        a.iter().skip(1).eq(b.iter().skip(1))
            || (a.len() >= 2 && a[0] == b[1] && a[1] == b[0] && a[2..] == b[2..])
    } else {
        short[i..] == long[i + 1..]
    }
}

#[test]
fn one_edit_in_place_agrees_with_the_copy() {
    // Every pair of words of up to four letters from a small alphabet (Latin and Arabic
    // letters of different byte lengths): a dense set of edits, swaps and near misses.
    let letters = ['a', 'b', 'ع', 'ب'];
    let mut words = vec![String::new()];
    let mut last = vec![String::new()];
    for _ in 0..4 {
        last = last
            .iter()
            .flat_map(|w| letters.iter().map(move |c| format!("{w}{c}")))
            .collect();
        words.extend(last.iter().cloned());
    }
    let mut checked = 0;
    for a in &words {
        for b in &words {
            assert_eq!(within_one_edit(a, b), one_edit_by_copy(a, b), "{a:?} {b:?}");
            checked += 1;
        }
    }
    assert_eq!(checked, 341 * 341);
}

#[test]
fn one_edit_is_a_letter_added_dropped_replaced_or_two_neighbours_swapped() {
    for (a, b) in [
        ("interpol", "intrepol"),
        ("glasgow", "glasgwo"),
        ("marrakech", "amrrakech"),
        ("interpol", "interpl"),
        ("interpol", "interpool"),
        ("interpol", "intarpol"),
        ("ab", "ba"),
    ] {
        assert!(within_one_edit(a, b), "{a} ~ {b}");
    }
    for (a, b) in [
        ("interpol", "itnrepol"),
        ("interpol", "intrepl"),
        ("abc", "cab"),
        ("glasgow", "glagsow_"),
    ] {
        assert!(!within_one_edit(a, b), "{a} !~ {b}");
    }
}

/// The words a query is read as (any other term as its debug text).
fn words(q: &str) -> Vec<String> {
    parse_query(q)
        .into_iter()
        .map(|t| match t {
            Term::Word { token, .. } => token.norm,
            other => format!("{other:?}"),
        })
        .collect()
}

#[test]
fn an_ordinal_ending_and_a_year_word_before_a_year_are_not_required() {
    assert_eq!(words("92ème"), ["92"]);
    assert_eq!(words("1er congrès"), ["1", "congres"]);
    assert_eq!(words("92 e"), ["92", "e"], "apart, the letter is a word");
    assert_eq!(words("سنة 2003"), ["2003"]);
    assert_eq!(words("l'année 2003"), ["2003"]);
    assert_eq!(words("العام 2003 طنجة"), ["2003", "طنجه"]);
    assert_eq!(words("الأمن العام"), ["الامن", "العام"], "no year after it");
    assert_eq!(words("year 20"), ["year", "20"], "not a year");
    assert_eq!(words("who is Hammouchi"), ["hammouchi"]);
    assert_eq!(words("ما هو الانتربول"), ["الانتربول"]);
    assert_eq!(words("qu'est-ce que Interpol"), ["interpol"]);
    assert_eq!(words("combien de pays"), ["pays"]);
    assert_eq!(words("who"), ["who"], "a question word alone stays");
    assert_eq!(words("WHO Marrakech"), ["who", "marrakech"], "WHO, a name");
    assert_eq!(words("IS fighters"), ["is", "fighters"], "IS, a name");
    assert_eq!(
        words("who heads the DGSN"),
        ["heads", "dgsn"],
        "who, a question"
    );
    assert_eq!(
        words("Qui dirige la DGSN"),
        ["dirige", "dgsn"],
        "Qui, a question"
    );
    assert_eq!(
        words("Afrique de l'Est"),
        ["afrique", "est"],
        "not at the start"
    );
    assert_eq!(words("Hammouchi who is"), ["hammouchi", "who", "is"]);
    assert_eq!(
        words("\"1\" st"),
        ["1", "st"],
        "an ending in another part of the query than its number"
    );
}

#[test]
fn a_hyphenated_word_is_its_words_or_the_one_word() {
    let shape = |q: &str| -> Vec<String> {
        parse_query(q)
            .into_iter()
            .map(|t| match t {
                Term::Word { token, .. } => token.norm,
                Term::Either { words, whole } => match *whole {
                    Term::Word { token, prefix } => {
                        format!(
                            "{} words or {}{}",
                            words.len(),
                            token.norm,
                            if prefix { "…" } else { "" }
                        )
                    }
                    other => format!("{other:?}"),
                },
                Term::Phrase(_) => "phrase".into(),
            })
            .collect()
    };
    assert_eq!(shape("cyber-crime "), ["2 words or cybercrime"]);
    assert_eq!(shape("cyber-cri"), ["2 words or cybercri…"]);
    assert_eq!(
        shape("anti-money-laundering law"),
        ["3 words or antimoneylaundering", "law"]
    );
    assert_eq!(
        shape("contre\u{2011}terrorisme "),
        ["2 words or contreterrorisme"]
    );
    assert_eq!(shape("cyber crime"), ["cyber", "crime"], "apart, two words");
    assert_eq!(
        shape("Nour ad-Din"),
        ["nour", "din"],
        "an article is no part of a word"
    );
    assert_eq!(shape("G-7"), ["g", "7"]);
    assert_eq!(shape("ninety-third "), ["2 words or 93"], "a number first");

    // The index files a hyphenated word joined too (uncounted), and a joined one apart.
    let mut keys = Vec::new();
    let lexicon = Lexicon::new(&[]);
    let count = field_keys("Cyber-crime co-lead · G-7", &lexicon, |d, k| {
        if d == Dict::Norm {
            keys.push(k.to_string())
        }
    });
    assert_eq!(count, 6);
    assert!(keys.contains(&"cybercrime".to_string()), "{keys:?}");
    assert!(keys.contains(&"colead".to_string()), "{keys:?}");
    assert!(
        !keys.iter().any(|k| k == "g7" || k == "crimeco"),
        "words apart are not joined: {keys:?}"
    );
    // A character read as two tokens of one range (℅ is c/o) has no hyphen between them.
    for text in ["℅", "c℅o", "a-℀-b", "℀"] {
        field_keys(text, &lexicon, |_, _| {});
        parse_query(text);
    }
}

#[test]
fn a_month_no_record_spells_is_read_as_the_month() {
    assert_eq!(words("كانون الأول 2023"), ["december", "2023"]);
    assert_eq!(words("تشرين الثاني"), ["november"]);
    assert_eq!(words("Oct 2022"), ["october", "2022"]);
    assert_eq!(words("6 déc. 2023"), ["6", "december", "2023"]);
    assert_eq!(words("آب 2020"), ["august", "2020"]);
    assert_eq!(
        words("set of rules"),
        ["set", "rules"],
        "no number beside it"
    );
    assert_eq!(
        words("الأول 2023"),
        ["الاول", "2023"],
        "a month's second word alone"
    );
}

#[test]
fn another_name_of_a_country_weighs_the_same_in_either_script() {
    let mut c = catalog(&["مكتب في المملكة المتحدة", "مكتب في بريطانيا"], &[]);
    let mut bundle = c.bundle.clone();
    bundle.countries.push(crate::model::Country {
        id: "GB".into(),
        name: Text {
            ar: "المملكة المتحدة".into(),
            en: "United Kingdom".into(),
            fr: "Royaume-Uni".into(),
            es: None,
        },
        aliases: vec!["بريطانيا".into(), "Britain".into(), "UK".into()],
    });
    bundle.organizations[0].summary.en = "An office in the UK".into();
    c = Catalog::new(bundle);
    let ix = SearchIndex::build(&c);
    let score = |q: &str| {
        ix.search_all(&c, q)
            .unwrap_or_default()
            .iter()
            .find(|h| c.get(h.record).title().ar == "مكتب في المملكة المتحدة")
            .map(|h| h.score)
    };
    // بريطانيا is read as a word of its own (not ب + ريطانيا), a name as Britain is.
    assert!(score("Britain").is_some());
    assert_eq!(score("بريطانيا"), score("Britain"));
}

#[test]
fn second_words_meet_their_usual_ones_and_no_other() {
    let lex = Lexicon::new(&[]);
    for (a, b) in [
        ("الجندرمة", "الدرك"),
        ("البوليس", "الشرطة"),
        ("جانفي", "يناير"),
        ("صحافي", "صحفي"),
        ("defence", "defense"),
        ("policemen", "police"),
        ("policiers", "police"),
        ("conferences", "congress"),
        ("congrès", "conférence"),
        ("webinars", "seminars"),
        ("chimie", "chimique"),
    ] {
        assert!(conflates(&lex, a, b), "{a} ~ {b}");
    }
    // Words whose stems a second word would have pulled in.
    for (a, b) in [
        ("البلدية", "الدولية"),
        ("بلدان", "دول"),
        ("headed", "chief"),
        ("آوت", "أغسطس"),
        ("مخابر", "استخبارات"),
    ] {
        assert!(!conflates(&lex, a, b), "{a} !~ {b}");
    }
}

#[test]
fn records_with_some_words_follow_only_fewer_than_three_with_every_word() {
    // «مؤتمر الشرطة طنجة»: one, two, then three records with the three words; one lacking
    // one word, one lacking two.
    let rest = ["مؤتمر الشرطة في مراكش", "ميناء طنجة"];
    let q = "مؤتمر الشرطة طنجة";
    for complete in 1..=3 {
        let mut names: Vec<&str> = vec!["مؤتمر الشرطة في طنجة"; complete];
        names.extend(rest);
        let c = catalog(&names, &[]);
        let ix = SearchIndex::build(&c);
        let hits = ix.search(&c, q).unwrap();
        let got = found(&c, &ix, q);
        let mut want = vec!["مؤتمر الشرطة في طنجة"; complete];
        if complete < FEW_COMPLETE {
            want.extend(["مؤتمر الشرطة في مراكش", "ميناء طنجة"]);
            assert_eq!(hits.complete_records(&ix).map(|c| c.len()), Some(complete));
        } else {
            assert_eq!(hits.complete_records(&ix), None);
        }
        assert_eq!(got, want, "{complete}");
        assert!(!hits.partial());
        // Two words, or a quoted phrase: the complete matches alone.
        assert_eq!(
            found(&c, &ix, "مؤتمر طنجة"),
            vec!["مؤتمر الشرطة في طنجة"; complete]
        );
        assert_eq!(
            found(&c, &ix, "الشرطة \"في طنجة\" مؤتمر"),
            vec!["مؤتمر الشرطة في طنجة"; complete]
        );
    }
}

#[test]
fn a_word_typed_in_two_pieces_is_read_as_one_only_when_a_piece_finds_nothing() {
    let c = catalog(&["الانتربول", "Interpol", "مؤتمر مراكش", "مراكش"], &[]);
    let ix = SearchIndex::build(&c);
    // Neither piece is a word of the catalogue; together they are.
    assert_eq!(found(&c, &ix, "انتر بول"), ["الانتربول"]);
    assert_eq!(found(&c, &ix, "inter pol"), ["Interpol"]);
    // With a clitic on the first piece, and the second piece still being typed.
    assert_eq!(found(&c, &ix, "بالانتر بو"), ["الانتربول"]);
    // A letter typed after a whole word is not joined to it («interpolm» is only near a
    // word): too short to search yet, it waits for the next one, and the whole word is the
    // query (the record lacks no word).
    let hits = ix.search(&c, "interpol m").unwrap();
    let top = hits.top(&ix, &c, hits.len());
    assert_eq!(top.len(), 1);
    assert_eq!(top[0].missing, 0);
    // Once finished (a space after it), the letter is a word the record lacks.
    let hits = ix.search(&c, "interpol m ").unwrap();
    let top = hits.top(&ix, &c, hits.len());
    assert_eq!(top.len(), 1);
    assert_eq!(top[0].missing, 1);
    // Pieces that each find something stay two words, though they make one.
    let c = catalog(&["Inter Milan", "Pol Pot", "Interpol"], &[]);
    let ix = SearchIndex::build(&c);
    let pieces = found(&c, &ix, "inter pol");
    assert_eq!(pieces.len(), 2, "{pieces:?}");
    assert!(!pieces.contains(&"Interpol".to_string()), "{pieces:?}");
    assert_eq!(found(&c, &ix, "interpol"), ["Interpol"]);
}

#[test]
fn a_quoted_query_without_its_quotes() {
    use super::without_quotes;
    assert_eq!(
        without_quotes("\"Glasgow Marrakech\""),
        Some("Glasgow Marrakech".into())
    );
    assert_eq!(
        without_quotes("مؤتمر «في  طنجة»"),
        Some("مؤتمر في طنجة".into())
    );
    assert_eq!(without_quotes("“ ”"), None);
    assert_eq!(without_quotes("Glasgow"), None);
    assert_eq!(without_quotes("l'année 2003"), None);
    use super::quoted_whole;
    assert!(quoted_whole("\"Glasgow Marrakech\"") && quoted_whole("«غلاسكو مراكش»"));
    assert!(!quoted_whole("مؤتمر «في طنجة»") && !quoted_whole("\"") && !quoted_whole("Glasgow"));
}
