//! Search behaviour on the shipped bundle: each rule of the normaliser and the query, with
//! the records a reader would expect to find, and negative cases.

use atlas_core::search::FieldName;
use atlas_core::{load_bundle, Catalog, SearchIndex};

fn index() -> (Catalog, SearchIndex) {
    let json = include_str!("../../../public/data/bundle.json");
    let catalog = Catalog::new(load_bundle(json).expect("the shipped bundle is valid"));
    let index = SearchIndex::build(&catalog);
    (catalog, index)
}

fn ids(c: &Catalog, ix: &SearchIndex, q: &str) -> Vec<String> {
    ix.search_all(c, q)
        .unwrap_or_default()
        .iter()
        .map(|h| c.get(h.record).id().to_string())
        .collect()
}

/// The words of record `id`'s field `name` in `lang` (a title or summary) that `q` marks.
fn marked(
    c: &Catalog,
    ix: &SearchIndex,
    q: &str,
    id: &str,
    name: FieldName,
    lang: &str,
) -> Vec<String> {
    let hits = ix.search_all(c, q).unwrap_or_default();
    let hit = hits
        .iter()
        .find(|h| c.get(h.record).id() == id)
        .unwrap_or_else(|| panic!("{q:?} finds {id}"));
    let rec = c.get(hit.record);
    let field = match name {
        FieldName::Title => rec.title(),
        _ => rec.summary().expect("a summary"),
    };
    let text = field.get(lang).expect("a text in that language");
    hit.ranges(name, lang)
        .into_iter()
        .map(|(s, e)| text[s..e].to_string())
        .collect()
}

#[test]
fn queries_find_the_expected_records() {
    let (c, ix) = index();
    // (rule, query, an id that must be among the results, an id that must rank first or "")
    let table: &[(&str, &str, &str, &str)] = &[
        ("plain Arabic", "مراكش", "gc-marrakech-2022", "marrakech"),
        ("a theme's other word", "كورونا", "gc-2020-cancelled", ""),
        (
            "a theme's other word, in Latin letters",
            "coronavirus",
            "gc-2020-cancelled",
            "",
        ),
        ("a theme's acronym", "WMD", "gc-marrakech-2022", ""),
        (
            "a theme's other word, in another language",
            "المهاجرين",
            "arab-police-chiefs-tangier-2023",
            "",
        ),
        (
            "a science for its adjective",
            "chemistry",
            "gc-marrakech-2022",
            "",
        ),
        ("the Maghreb's word for police", "البوليس", "dgsn", ""),
        (
            "what a figure counts",
            "الحلقات",
            "gc-webinars-2021-sessions",
            "",
        ),
        ("a second Arabic spelling", "صحافي", "noureddine-bazine", ""),
        (
            "a people's word for an organisation",
            "الجندرمة",
            "gendarmerie-royale",
            "",
        ),
        (
            "a science for its adjective (fr)",
            "chimie",
            "gc-marrakech-2022",
            "",
        ),
        (
            "a Spanish other name",
            "Congreso Mundial",
            "global-congress",
            "global-congress",
        ),
        ("diacritics", "مُرَّاكُش", "marrakech", "marrakech"),
        (
            "diacritics in a phrase word",
            "الأَمْن الكِيمْيائِيّ",
            "gc-marrakech-2022",
            "",
        ),
        (
            "hamza variant (bare alef)",
            "الانتربول",
            "interpol",
            "interpol",
        ),
        (
            "hamza variant (alef with hamza below)",
            "الإنتربول",
            "interpol",
            "interpol",
        ),
        (
            "hamza variant (alef with hamza above)",
            "أنتربول",
            "interpol",
            "interpol",
        ),
        (
            "hamza on ya where the data has it on waw",
            "الشئون",
            "global-affairs-canada",
            "global-affairs-canada",
        ),
        (
            "hamza on ya where the data has it on waw, with the article",
            "المسئول",
            "abdellatif-hammouchi",
            "",
        ),
        (
            "hamza on waw where the data has it on ya",
            "جاؤحة",
            "gc-2020-cancelled",
            "",
        ),
        (
            "hamza dropped from its waw seat",
            "موتمر",
            "global-congress",
            "",
        ),
        ("ta marbuta written as ha", "طنجه", "tangier", "tangier"),
        (
            "ta marbuta",
            "طنجة",
            "arab-police-chiefs-tangier-2023",
            "tangier",
        ),
        (
            "alef maqsura",
            "الدخيسى",
            "mohamed-dkhissi",
            "mohamed-dkhissi",
        ),
        ("clitic ba", "بمراكش", "marrakech", ""),
        ("clitic lam", "لطنجة", "tangier", ""),
        ("waw + article", "والإنتربول", "interpol", ""),
        ("light stem: plural", "المؤتمرات", "gc-marrakech-2022", ""),
        (
            "arabic-indic digits",
            "٢١٤",
            "ma-terror-cells-dismantled-2002-2021",
            "",
        ),
        (
            "arabic-indic year",
            "٢٠٢٣",
            "arab-police-chiefs-tangier-2023",
            "",
        ),
        (
            "persian digits",
            "۴۳۰۴",
            "ma-terror-persons-prosecuted-2002-2021",
            "",
        ),
        (
            "a number as the app shows it",
            "4 304",
            "ma-terror-persons-prosecuted-2002-2021",
            "ma-terror-persons-prosecuted-2002-2021",
        ),
        (
            "a number with a comma",
            "4,304",
            "ma-terror-persons-prosecuted-2002-2021",
            "ma-terror-persons-prosecuted-2002-2021",
        ),
        (
            "a number in Arabic-Indic digits and separator",
            "٤٬٣٠٤",
            "ma-terror-persons-prosecuted-2002-2021",
            "ma-terror-persons-prosecuted-2002-2021",
        ),
        (
            "edition number",
            "47",
            "arab-police-chiefs-tangier-2023",
            "",
        ),
        (
            "latin place",
            "Glasgow",
            "interpol-ga-92-glasgow-2024",
            "glasgow",
        ),
        ("latin alias", "Marrakesh", "marrakech", "marrakech"),
        ("latin alias (French)", "Tanger", "tangier", "tangier"),
        (
            "latin person",
            "Hammouchi",
            "abdellatif-hammouchi",
            "abdellatif-hammouchi",
        ),
        (
            "latin person, one typo",
            "Hamouchi",
            "abdellatif-hammouchi",
            "",
        ),
        (
            "second spelling: كيماوي for the data's كيميائي",
            "الكيماوية",
            "gc-marrakech-2022",
            "",
        ),
        (
            "second spelling: أميركي for the data's أمريكي",
            "الأميركية",
            "us-state-department",
            "",
        ),
        (
            "Moroccan month name: نونبر for the data's نوفمبر",
            "نونبر",
            "interpol-ga-93-marrakech-2025",
            "",
        ),
        (
            "latin spelling: y for i, a single letter for a doubled one",
            "Hamouchy",
            "abdellatif-hammouchi",
            "abdellatif-hammouchi",
        ),
        ("latin spelling: ye for i (نايف)", "Nayef", "nauss", "nauss"),
        (
            "latin spelling: the assimilated article left off (الناصري: Ennasseri)",
            "Nasseri",
            "alalam-2022-10-26",
            "",
        ),
        (
            "latin spelling: c for s (الناصري: Ennasseri)",
            "Naciri",
            "alalam-2022-10-26",
            "",
        ),
        (
            "latin spelling: the article written on (العلم)",
            "Alalam",
            "alalam-2022-10-26",
            "",
        ),
        ("latin organisation", "Interpol", "interpol", "interpol"),
        ("French elision", "d'Interpol", "interpol", "interpol"),
        (
            "French elision, typographic apostrophe",
            "l’Interpol",
            "interpol",
            "interpol",
        ),
        ("English possessive", "Interpol's", "interpol", "interpol"),
        (
            "English possessive of a place",
            "Tangier’s",
            "tangier",
            "tangier",
        ),
        ("acronym written with dots", "F.B.I.", "fbi", "fbi"),
        ("Spanish plural abbreviation", "EE.UU.", "us-dhs", ""),
        ("Spanish plural abbreviation, spaced", "EE. UU.", "fbi", ""),
        (
            "Spanish plural abbreviation, no dots",
            "EE UU",
            "us-state-department",
            "",
        ),
        (
            "transliteration with an apostrophe",
            "Da'esh",
            "isis",
            "isis",
        ),
        (
            "transliteration with a typographic apostrophe",
            "Da’esh",
            "isis",
            "isis",
        ),
        (
            "acronym written with dots, no last dot",
            "D.G.S.N",
            "dgsn",
            "dgsn",
        ),
        (
            "Arabic spelling of a foreign name (غلاسكو: ج for g)",
            "جلاسجو",
            "glasgow",
            "glasgow",
        ),
        (
            "Arabic spelling of a foreign name (ك for g)",
            "كلاسكو",
            "glasgow",
            "glasgow",
        ),
        (
            "Arabic spelling with an added alef",
            "ماراكش",
            "marrakech",
            "marrakech",
        ),
        (
            "Arabic spelling with an added ya",
            "مراكيش",
            "marrakech",
            "marrakech",
        ),
        (
            "Arabic spelling without a long vowel",
            "الانتربل",
            "interpol",
            "interpol",
        ),
        (
            "Arabic spelling without the first alef (اسكتلندا)",
            "سكوتلاندا",
            "glasgow",
            "glasgow",
        ),
        (
            "a country's other name finds its city (المملكة المتحدة)",
            "بريطانيا",
            "glasgow",
            "glasgow",
        ),
        (
            "a country's other name finds the events in its cities",
            "UK",
            "interpol-ga-92-glasgow-2024",
            "",
        ),
        (
            "a country's other name in French",
            "Grande-Bretagne",
            "interpol-ga-92-glasgow-2024",
            "",
        ),
        (
            "a day inside an event's span (25–28 October 2022)",
            "27 أكتوبر 2022",
            "gc-marrakech-2022",
            "gc-marrakech-2022",
        ),
        (
            "a day inside an event's span, in French",
            "26 octobre 2022",
            "gc-marrakech-2022",
            "gc-marrakech-2022",
        ),
        (
            "a month inside an event's span (January–March 2021)",
            "فبراير 2021",
            "gc-webinars-2021",
            "gc-webinars-2021",
        ),
        (
            "English -ing (hosted in the texts)",
            "hosting",
            "tangier",
            "",
        ),
        (
            "English -ing (attended in the texts)",
            "attending",
            "gc-marrakech-2022-experts-achkayen",
            "",
        ),
        (
            "English plural in -ies",
            "ministries",
            "ministry-industry-trade",
            "",
        ),
        (
            "English plural in -ies",
            "embassies",
            "embassy-canada-morocco",
            "embassy-canada-morocco",
        ),
        (
            "French singular of a plural in -és",
            "université marocaine",
            "moroccan-universities",
            "moroccan-universities",
        ),
        (
            "latin spelling: a or e in the last syllable (محمد)",
            "Muhammad",
            "mohammed-vi",
            "",
        ),
        (
            "broken plural: ذئب for the data's الذئاب",
            "ذئب",
            "mohamed-dkhissi",
            "",
        ),
        (
            "a soft hyphen pasted inside a word",
            "Ham\u{00AD}mouchi",
            "abdellatif-hammouchi",
            "abdellatif-hammouchi",
        ),
        (
            "a zero-width non-joiner inside a word",
            "مراك\u{200C}ش",
            "marrakech",
            "",
        ),
        ("veh for feh (ڤ)", "كوڤيد", "gc-2020-cancelled", ""),
        (
            "a month and a year, as a card shows them",
            "يناير 2021",
            "gc-knowledge-hub-launch-2021",
            "gc-knowledge-hub-launch-2021",
        ),
        (
            "a month and a year in digits",
            "3/2021",
            "gc-advisory-group-2021-03",
            "gc-advisory-group-2021-03",
        ),
        (
            "a month in English",
            "December 2023",
            "arab-police-chiefs-tangier-2023",
            "arab-police-chiefs-tangier-2023",
        ),
        (
            "a Moroccan month name and a year",
            "نونبر 2025",
            "interpol-ga-93-marrakech-2025",
            "interpol-ga-93-marrakech-2025",
        ),
        (
            "a country for its nisba: أمريكا for الأمريكية",
            "أمريكا",
            "us-state-department",
            "",
        ),
        (
            "a country for its nisba: كندا for الكندية",
            "كندا",
            "global-affairs-canada",
            "",
        ),
        (
            "a country for its nisba: اسكتلندا for الاسكتلندية",
            "اسكتلندا",
            "glasgow",
            "",
        ),
        (
            "a continent for its nisba: إفريقيا for إفريقية",
            "إفريقيا",
            "interpol-ga-92-glasgow-2024",
            "",
        ),
        ("upper-case acronym", "DGSN", "dgsn", "dgsn"),
        ("lower-case acronym", "dtra", "us-dtra", "us-dtra"),
        ("accented latin", "Laâyoune", "laayoune", "laayoune"),
        ("as-you-type prefix", "مراك", "marrakech", ""),
        ("as-you-type latin prefix", "Glas", "glasgow", ""),
        (
            "two words, AND",
            "حموشي غلاسكو",
            "interpol-ga-92-glasgow-2024",
            "",
        ),
        (
            "stopword ignored",
            "المؤتمر في مراكش",
            "gc-marrakech-2022",
            "",
        ),
        // Numbers written in words find the digits.
        (
            "an Arabic ten in words",
            "سبعين دولة",
            "gc-marrakech-2022-countries-achkayen",
            "gc-marrakech-2022-countries-achkayen",
        ),
        (
            "an Arabic unit and ten, joined by و",
            "خمسة وسبعين",
            "gc-marrakech-2022-countries-alalam",
            "gc-marrakech-2022-countries-alalam",
        ),
        (
            "an Arabic ordinal with its ten, without the article",
            "ثالثة وتسعين",
            "interpol-ga-93-marrakech-2025",
            "interpol-ga-93-marrakech-2025",
        ),
        (
            "Arabic hundreds written in two words, and مئة spelt مائة",
            "ثلاث مائة وخمسين",
            "gc-marrakech-2022-experts-achkayen",
            "gc-marrakech-2022-experts-achkayen",
        ),
        (
            "Arabic thousands",
            "أربعة آلاف وثلاثمئة وأربعة",
            "ma-terror-persons-prosecuted-2002-2021",
            "ma-terror-persons-prosecuted-2002-2021",
        ),
        (
            "the dual",
            "مئتين",
            "gc-annual-meeting-experts",
            "gc-annual-meeting-experts",
        ),
        (
            "English, with and",
            "two hundred and fourteen",
            "ma-terror-cells-dismantled-2002-2021",
            "ma-terror-cells-dismantled-2002-2021",
        ),
        (
            "an English ordinal",
            "ninety-third",
            "interpol-ga-93-marrakech-2025",
            "interpol-ga-93-marrakech-2025",
        ),
        (
            "French sixty-ten",
            "soixante-dix pays",
            "gc-marrakech-2022-countries-achkayen",
            "gc-marrakech-2022-countries-achkayen",
        ),
        (
            "French four-twenties",
            "quatre-vingt-huit",
            "ma-terror-cells-isis-share-2002-2021",
            "",
        ),
        (
            "Spanish, with y",
            "sesenta y siete países",
            "gc-webinars-2021-countries",
            "gc-webinars-2021-countries",
        ),
        (
            "a Spanish ordinal",
            "nonagésima segunda",
            "interpol-ga-92-glasgow-2024",
            "interpol-ga-92-glasgow-2024",
        ),
        (
            "a number in words as a word still finds the words",
            "الثالثة والتسعين",
            "interpol-ga-93-marrakech-2025",
            "interpol-ga-93-marrakech-2025",
        ),
        // A city's one-word name against the event whose name holds every word: the
        // event first (the credit for a word in a name, `NAME_CREDIT`); the city alone
        // still first for its name alone.
        (
            "every word in the event's title",
            "Marrakech 2022",
            "marrakech",
            "gc-marrakech-2022",
        ),
        (
            "a city and the year in the event's dates",
            "Glasgow 2024",
            "glasgow",
            "interpol-ga-92-glasgow-2024",
        ),
        (
            "a city in French and a year",
            "Tanger 2023",
            "tangier",
            "arab-police-chiefs-tangier-2023",
        ),
        (
            "a city in Arabic and a year",
            "مراكش 2025",
            "marrakech",
            "interpol-ga-93-marrakech-2025",
        ),
        (
            "a city's name alone",
            "Glasgow",
            "interpol-ga-92-glasgow-2024",
            "glasgow",
        ),
        ("two letters swapped", "Intrepol", "interpol", "interpol"),
        (
            "two letters swapped, at the end",
            "Marrakehc",
            "gc-marrakech-2022",
            "marrakech",
        ),
        (
            "two letters swapped, a French name",
            "Tnager",
            "arab-police-chiefs-tangier-2023",
            "tangier",
        ),
        (
            "two letters swapped, a topic",
            "chemcial",
            "gc-marrakech-2022",
            "",
        ),
        (
            "-ization finds -isation",
            "organizations",
            "arab-police-chiefs-tangier-2023-organizations",
            "",
        ),
        (
            "-ism finds -ist",
            "terrorism",
            "casablanca-attacks-2003",
            "",
        ),
        (
            "French -isme finds -iste",
            "terrorisme",
            "casablanca-attacks-2003",
            "",
        ),
        (
            "Spanish -ismo finds -ista",
            "terrorismo",
            "casablanca-attacks-2003",
            "",
        ),
        (
            "a question's words",
            "who is Hammouchi",
            "abdellatif-hammouchi",
            "abdellatif-hammouchi",
        ),
        (
            "a question's words, French",
            "qui est Hammouchi",
            "abdellatif-hammouchi",
            "abdellatif-hammouchi",
        ),
        (
            "a question's words, Arabic",
            "ما هو الانتربول",
            "interpol",
            "interpol",
        ),
        (
            "a word for year before a year",
            "سنة 2003",
            "casablanca-attacks-2003",
            "casablanca-attacks-2003",
        ),
        (
            "a word for year with the article",
            "العام 2003",
            "casablanca-attacks-2003",
            "casablanca-attacks-2003",
        ),
        (
            "a word for year, French",
            "l'année 2003",
            "casablanca-attacks-2003",
            "casablanca-attacks-2003",
        ),
        (
            "between two years",
            "entre 2002 et 2021",
            "ma-terror-cells-dismantled-2002-2021",
            "ma-terror-cells-dismantled-2002-2021",
        ),
        (
            "an ordinal ending typed on to its number",
            "92ème",
            "interpol-ga-92-glasgow-2024",
            "interpol-ga-92-glasgow-2024",
        ),
        (
            "an ordinal ending, with a word",
            "3ème édition",
            "gc-marrakech-2022",
            "gc-marrakech-2022",
        ),
        (
            "a date with leading zeros",
            "06/12/2023",
            "arab-police-chiefs-tangier-2023",
            "arab-police-chiefs-tangier-2023",
        ),
        (
            "a month with a leading zero",
            "01/2021",
            "gc-webinars-2021",
            "",
        ),
        (
            "a unit before the noun it counts",
            "أربع جلسات",
            "gc-webinars-2021-sessions",
            "gc-webinars-2021-sessions",
        ),
        (
            "a unit before the noun it counts, short feminine",
            "ست منظمات",
            "arab-police-chiefs-tangier-2023-organizations",
            "arab-police-chiefs-tangier-2023-organizations",
        ),
        (
            "a unit before the noun it counts, English",
            "six weeks",
            "gc-webinars-2020-duration",
            "gc-webinars-2020-duration",
        ),
        (
            "a unit before the noun it counts, French",
            "quatre séances",
            "gc-webinars-2021-sessions",
            "gc-webinars-2021-sessions",
        ),
        (
            "a hyphenated word written joined",
            "counterterrorism",
            "greg-hinds",
            "",
        ),
        (
            "a hyphenated word written joined, short prefix",
            "colead",
            "fbi",
            "fbi",
        ),
        (
            "a hyphenated word written joined, French",
            "nonproliferation",
            "gc-marrakech-2022",
            "",
        ),
        (
            "a joined word written with a hyphen",
            "cyber-crime",
            "arab-police-chiefs-tangier-2023",
            "arab-police-chiefs-tangier-2023",
        ),
        (
            "a noun in -a' finds its nisba",
            "كيمياء",
            "gc-marrakech-2022",
            "",
        ),
        (
            "a broken plural of a name",
            "الدواعش",
            "isis-cell-arrest-2016",
            "isis",
        ),
        (
            "an acronym spelt out in Arabic letters",
            "اف بي اي",
            "fbi",
            "fbi",
        ),
        (
            "an adjective of nationality",
            "Canadian",
            "embassy-canada-morocco",
            "",
        ),
        (
            "an adjective of nationality, French feminine",
            "canadienne",
            "embassy-canada-morocco",
            "",
        ),
        (
            "an adjective of nationality, plural noun",
            "American agencies",
            "us-dtra",
            "us-dtra",
        ),
    ];
    let mut failures = Vec::new();
    for (rule, q, must, first) in table {
        let found = ids(&c, &ix, q);
        if !found.iter().any(|id| id == must) {
            failures.push(format!("{rule}: `{q}` did not find {must} (got {found:?})"));
        }
        if !first.is_empty() && found.first().map(String::as_str) != Some(first) {
            failures.push(format!(
                "{rule}: `{q}` ranked {:?} first, expected {first}",
                found.first()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn compound_names_are_found_whichever_way_they_are_written() {
    let (c, ix) = index();
    // The data writes عبد اللطيف and Abdellatif, نورالدين and Noureddine.
    let table: &[(&str, &[&str])] = &[
        (
            "abdellatif-hammouchi",
            &[
                "عبداللطيف",
                "عبد اللطيف",
                "اللطيف",
                "Abdel Latif",
                "Abd al-Latif",
                "Abd el Latif",
                "Abdul Latif Hammouchi",
                "Latif",
            ],
        ),
        (
            "noureddine-bazine",
            &[
                "نور الدين",
                "نورالدين",
                "Nour Eddine",
                "Nour-Eddine",
                "Nour al-Din",
                "Nour ad-Din",
                "Nouruddin",
                "Eddine",
            ],
        ),
    ];
    let mut failures = Vec::new();
    for (id, queries) in table {
        for q in *queries {
            let hits = ix.search_all(&c, q).unwrap_or_default();
            let first = hits.first().map(|h| c.get(h.record).id());
            if first != Some(*id) || hits.iter().any(|h| h.missing > 0) {
                failures.push(format!(
                    "`{q}`: first {first:?}, expected {id}, every word matched: {}",
                    !atlas_core::search::partial(&hits)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn queries_that_must_not_match() {
    let (c, ix) = index();
    for (rule, q) in [
        ("unknown word", "زرافة"),
        ("unknown latin word", "xylophone"),
        // Sounds-alike and article-less readings are no licence to match any word: these
        // share a skeleton or an article with nothing in the data.
        ("latin word with an article-like start", "Albert"),
        ("latin word with al and a short rest", "Alpha"),
        ("latin word with el", "Elephant"),
        ("latin word of three consonants", "Yemen"),
        ("latin word that only starts like an article", "always"),
        (
            "another name of the same consonants (محمود, not محمد)",
            "Mahmoud",
        ),
        (
            "latin word of the same consonants as one in the data",
            "monster",
        ),
        ("no word matches", "زرافة xylophone"),
        ("phrase in the wrong order", "\"الكيميائي الأمن\""),
        ("digits that are nowhere", "٩٨٧٦٥"),
        // Other spellings are compared by consonants only for a word of four or more that
        // found nothing; words of the language still find nothing.
        ("arabic word of four consonants, nowhere", "مستشفى"),
        ("arabic word of four consonants, nowhere", "البرلمان"),
        ("arabic word of three consonants", "قتل"),
        // A number in words is its digits, not any number.
        ("a number in words that is nowhere", "تسعمائة وتسعة"),
        ("a number in words that is nowhere", "nine hundred and nine"),
    ] {
        let found = ids(&c, &ix, q);
        assert!(
            found.is_empty(),
            "{rule}: `{q}` should find nothing, got {found:?}"
        );
    }
    // A letter for another of its shape (س for ش) is a slip, read only for a word that finds
    // nothing as typed: حموسي finds حموشي. Other spellings still tell them apart (the
    // skeletons of search/tests.rs: مصالح is not مسلح).
    assert!(ids(&c, &ix, "حموسي").contains(&"abdellatif-hammouchi".to_string()));
}

#[test]
fn when_no_record_has_every_word_the_records_with_the_most_are_shown() {
    let (c, ix) = index();
    // Every record with both words, and nothing partial, while one has them all.
    let all = ix.search_all(&c, "مؤتمر مراكش").unwrap();
    assert!(!all.is_empty() && all.iter().all(|h| h.missing == 0));
    assert!(!atlas_core::search::partial(&all));
    // «مؤتمر البرازيل»: no record has البرازيل, so the congresses are shown, flagged.
    let hits = ix.search_all(&c, "مؤتمر البرازيل").unwrap();
    let congress = ids(&c, &ix, "مؤتمر");
    assert!(atlas_core::search::partial(&hits));
    assert!(hits.iter().all(|h| h.missing == 1));
    let found: Vec<String> = hits
        .iter()
        .map(|h| c.get(h.record).id().to_string())
        .collect();
    assert_eq!(
        {
            let mut f = found.clone();
            f.sort();
            f
        },
        {
            let mut f = congress.clone();
            f.sort();
            f
        },
        "the records of the matching word"
    );
    // Unrelated words: the records of each, those with the most words first.
    let hits = ix.search_all(&c, "غلاسكو الدخيسي مراكش").unwrap();
    assert!(atlas_core::search::partial(&hits));
    assert!(hits.windows(2).all(|w| w[0].missing <= w[1].missing));
    assert!(hits.iter().any(|h| h.missing == 2));
    assert!(hits
        .iter()
        .any(|h| c.get(h.record).id() == "gc-marrakech-2022"));
    // A single word that matches nothing is no partial match.
    assert!(ix.search_all(&c, "البرازيل").unwrap().is_empty());
}

#[test]
fn few_records_with_every_word_are_followed_by_those_with_some() {
    let (c, ix) = index();
    // Questions: one or two records happen to hold every word; what the reader asked about
    // holds all but one, and follows them within the first screen (the heads of the DGSN
    // and of its judicial police, then the DGSN).
    for (q, want) in [
        ("head of the DGSN police", "dgsn"),
        (
            "من ألقى كلمة الافتتاح في طنجة",
            "arab-police-chiefs-tangier-2023",
        ),
        ("من نظم مؤتمر مراكش", "gc-marrakech-2022"),
        ("islamic state cell 2016", "isis-cell-arrest-2016"),
    ] {
        let hits = ix.search(&c, q).unwrap();
        let complete = hits.complete_records(&ix).expect("some hits lack a word");
        assert!(
            !complete.is_empty() && complete.len() < 3,
            "{q}: {} complete",
            complete.len()
        );
        assert!(!hits.partial(), "{q}");
        let all = hits.top(&ix, &c, hits.len());
        // The complete ones first, then the most words first.
        assert!(all.windows(2).all(|w| w[0].missing <= w[1].missing), "{q}");
        let first: Vec<_> = all.iter().map(|h| h.record).take(complete.len()).collect();
        assert_eq!(first, complete, "{q}");
        let top: Vec<&str> = all.iter().take(3).map(|h| c.get(h.record).id()).collect();
        let hit = all.iter().find(|h| c.get(h.record).id() == want).unwrap();
        assert!(top.contains(&want) && hit.missing == 1, "{q}: {top:?}");
    }
    // «qui» of a question is not a word to find: the congress holds every other word, and
    // comes first among the records that do.
    assert_eq!(
        ids(&c, &ix, "qui a organisé le congrès de marrakech").first(),
        Some(&"gc-marrakech-2022".to_string())
    );
    // Three records or more with every word: nothing else.
    let hits = ix.search(&c, "مؤتمر مراكش").unwrap();
    assert_eq!(hits.complete_records(&ix), None);
    assert!(ids(&c, &ix, "مؤتمر مراكش").len() >= 3);
    // No record with every word: partial, and none complete.
    let hits = ix.search(&c, "مؤتمر البرازيل").unwrap();
    assert_eq!(hits.complete_records(&ix), Some(Vec::new()));
    assert!(hits.partial());
}

#[test]
fn phrases_match_consecutive_words_only() {
    let (c, ix) = index();
    let phrase = ids(&c, &ix, "\"الأمن الكيميائي\"");
    assert!(
        phrase.contains(&"gc-marrakech-2022".to_string()),
        "{phrase:?}"
    );
    let words = ids(&c, &ix, "الأمن الكيميائي");
    assert!(phrase.len() <= words.len());
}

#[test]
fn a_quoted_word_is_found_in_any_of_its_forms_but_in_order() {
    let (c, ix) = index();
    let finds = |q: &str, id: &str| ids(&c, &ix, q).iter().any(|x| x == id);
    // With a preposition on to it: the title has «لقادة الشرطة».
    assert!(finds("\"قادة الشرطة\"", "arab-police-chiefs-tangier-2023"));
    // By its stem: the titles have «General Assembly».
    assert!(finds(
        "\"general assemblies\"",
        "interpol-ga-92-glasgow-2024"
    ));
    // Typed without its hamza, where the text keeps ال as the word's own (إلكترونية).
    assert!(finds("\"منصة الكترونية\"", "gc-knowledge-hub"));
    // Both words are in that title, but apart: no match.
    assert!(!finds("\"قادة العرب\"", "arab-police-chiefs-tangier-2023"));
    // The highlight covers the words as the title writes them.
    let q = "\"الأمن الكيميائي\"";
    let words = marked(&c, &ix, q, "gc-marrakech-2022", FieldName::Title, "ar");
    assert_eq!(words, ["للأمن", "الكيميائي"]);
}

#[test]
fn a_long_quoted_phrase_is_found_and_marked_whole() {
    let (c, ix) = index();
    let id = "arab-police-chiefs-tangier-2023";
    let rec = c.record(id).expect("the conference");
    let summary = &rec.summary().expect("a summary").en;
    // 10 words, then 70: a phrase is read to its 64th word, in the check and the highlight.
    for n in [10, 70] {
        let words: Vec<&str> = summary.split_whitespace().take(n).collect();
        assert_eq!(words.len(), n, "the summary has {n} words");
        let q = format!("\"{}\"", words.join(" "));
        let hits = ix.search_all(&c, &q).unwrap_or_default();
        let hit = hits.iter().find(|h| c.get(h.record).id() == id);
        let hit = hit.unwrap_or_else(|| panic!("{n} words: not found"));
        let marked: usize = hit
            .ranges(FieldName::Summary, "en")
            .iter()
            .map(|(s, e)| summary[*s..*e].split_whitespace().count())
            .sum();
        assert!(marked >= n.min(64), "{n} words: {marked} marked");
    }
}

#[test]
fn an_empty_query_is_no_search() {
    let (c, ix) = index();
    assert!(ix.search_all(&c, "").is_none());
    assert!(ix.search_all(&c, "   ").is_none());
    assert!(ix.search_all(&c, "،.؟").is_none());
}

#[test]
fn highlights_map_back_to_the_original_text() {
    let (c, ix) = index();
    // Search without diacritics or hamza; the highlight must cover the original spelling.
    let hits = ix.search_all(&c, "الانتربول").unwrap();
    let interpol = hits
        .iter()
        .find(|h| c.get(h.record).id() == "interpol")
        .expect("interpol found");
    let title = &c.get(interpol.record).title().ar;
    let ranges = interpol.ranges(FieldName::Title, "ar");
    assert!(
        !ranges.is_empty(),
        "title of interpol should be highlighted"
    );
    for (s, e) in ranges {
        let piece = &title[s..e];
        assert_eq!(
            atlas_core::normalize::normalize(piece).chars().count(),
            piece
                .chars()
                .filter(|ch| !('\u{064B}'..='\u{065F}').contains(ch))
                .count()
        );
    }
    // A query typed with diacritics highlights the undiacritised word in the data.
    let hits = ix.search_all(&c, "غْلاسْكو").unwrap();
    let glasgow = hits
        .iter()
        .find(|h| c.get(h.record).id() == "glasgow")
        .expect("glasgow found");
    let name = &c.get(glasgow.record).title().ar;
    let r = glasgow.ranges(FieldName::Title, "ar");
    assert_eq!(
        &name[r[0].0..r[0].1],
        name.as_str(),
        "the whole name is marked"
    );
}

#[test]
fn a_figure_value_the_query_found_is_marked() {
    let (c, ix) = index();
    let value = |q: &str, id: &str| {
        let hits = ix.search_all(&c, q).unwrap_or_default();
        let hit = hits.iter().find(|h| c.get(h.record).id() == id);
        hit.map(|h| h.ranges(FieldName::Value, ""))
    };
    let seventy = "gc-marrakech-2022-countries-achkayen";
    // By its digits, and by its words in Arabic, English and French.
    for q in ["70", "سبعين دولة", "seventy", "soixante-dix pays"] {
        assert_eq!(value(q, seventy), Some(vec![(0, 2)]), "{q}");
    }
    // Found by another word, the value is not marked.
    assert_eq!(value("أشكاين", seventy), Some(vec![]));
}

#[test]
fn a_role_or_an_acronym_the_query_found_is_marked() {
    let (c, ix) = index();
    let hit = |q: &str, id: &str| {
        let hits = ix.search_all(&c, q).unwrap_or_default();
        hits.into_iter().find(|h| c.get(h.record).id() == id)
    };
    // A person found by a word of the role: the word is marked in the role, in the
    // language of the query and in any other that has it.
    let chief = hit("director general", "abdellatif-hammouchi").expect("found by role");
    let role = match c.get(chief.record) {
        atlas_core::Record::Person(p) => p.role.en.clone(),
        _ => unreachable!(),
    };
    let en = chief.ranges(FieldName::Role, "en");
    let marked: Vec<&str> = en.iter().map(|&(s, e)| &role[s..e]).collect();
    assert_eq!(marked.len(), 2, "{marked:?}");
    assert!(marked
        .iter()
        .all(|w| ["director", "general"].contains(&w.to_lowercase().as_str())));
    // Found by the name, the role is not marked.
    let by_name = hit("حموشي", "abdellatif-hammouchi").unwrap();
    assert!(by_name.ranges(FieldName::Role, "en").is_empty());
    assert!(by_name.ranges(FieldName::Role, "ar").is_empty());
    // An organisation found by its acronym: the acronym, at the start of the line.
    let dgsn = hit("dgsn", "dgsn").expect("dgsn");
    assert_eq!(dgsn.ranges(FieldName::Alias, ""), vec![(0, 4)]);
    assert_eq!(
        hit("الأمن الوطني", "dgsn")
            .unwrap()
            .ranges(FieldName::Alias, ""),
        vec![]
    );
}

#[test]
fn ranking_prefers_names_over_mentions() {
    let (c, ix) = index();
    let found = ids(&c, &ix, "حموشي");
    assert_eq!(
        found.first().map(String::as_str),
        Some("abdellatif-hammouchi")
    );
    assert!(
        found.len() > 1,
        "events mentioning him come after: {found:?}"
    );
}

#[test]
fn an_index_built_a_few_records_at_a_time_answers_like_one_built_at_once() {
    let (c, whole) = index();
    let mut b = atlas_core::search::IndexBuilder::new(&c);
    let mut steps = 0;
    while !b.is_done() {
        let before = b.indexed();
        b.step(&c, 7);
        assert!(b.indexed() > before, "a step indexes something");
        steps += 1;
    }
    assert!(steps > 2, "the shipped data takes several steps of 7");
    let stepped = b.finish(&c);
    assert_eq!(stepped.len(), whole.len());
    for q in [
        "مراكش",
        "الانتربول",
        "interpol",
        "شرطة",
        "2024",
        "الأمن الكيميائي",
        "مؤ",
        "glasg",
    ] {
        let a = whole.search_all(&c, q).unwrap_or_default();
        let b = stepped.search_all(&c, q).unwrap_or_default();
        assert!(!a.is_empty(), "{q} finds something");
        assert_eq!(a, b, "{q}");
    }
}

#[test]
fn each_matched_word_is_one_span_however_many_forms_matched_it() {
    let (c, ix) = index();
    // «المغرب» matches the same words by its normal form, its bare form (مغرب), its stem and,
    // typed, as a prefix: each word must still be highlighted once.
    for q in ["المغرب", "المغ", "مراكش", "الأمن"] {
        let hits = ix.search_all(&c, q).expect("a query");
        assert!(!hits.is_empty(), "{q}: no hits");
        let mut spans = 0;
        for h in &hits {
            let mut seen: Vec<_> = h
                .spans()
                .iter()
                .map(|s| (s.field, s.lang, s.start, s.end))
                .collect();
            spans += seen.len();
            let n = seen.len();
            seen.sort_unstable_by_key(|&(f, l, s, e)| (f as u8, l, s, e));
            seen.dedup();
            assert_eq!(seen.len(), n, "{q}: a span repeated in {:?}", h.record);
        }
        assert!(spans > 0, "{q}: nothing to highlight");
    }
}

#[test]
fn the_article_alone_is_not_completed_but_its_next_letter_is() {
    let (c, ix) = index();
    // «ال» and «وال» begin nearly every Arabic word: they match nothing until a letter of
    // the word itself is typed; one more letter completes as usual.
    for q in ["ال", "وال", "لل"] {
        assert_eq!(ids(&c, &ix, q), Vec::<String>::new(), "{q}");
    }
    let word = ids(&c, &ix, "المغرب");
    let typed = ids(&c, &ix, "المغ");
    assert!(!word.is_empty());
    for id in &word {
        assert!(
            typed.contains(id),
            "«المغ» completes to «المغرب»: {id} missing"
        );
    }
    assert!(
        !ids(&c, &ix, "مر").is_empty(),
        "two letters of a word are completed"
    );
}

#[test]
fn a_word_too_short_to_search_is_told_apart_from_a_query_that_finds_nothing() {
    use atlas_core::search::still_typing;
    // Mid-word: one letter (with or without its marks), or the article or a proclitic alone.
    for q in ["م", " مُ", "G", "ال", "وال", "لل", "٣", "بم", "وا"] {
        assert!(still_typing(q), "{q:?}");
    }
    // A word that completes, a finished word (a space after it), a quoted one, two words,
    // or nothing at all: searched as they are.
    for q in ["مر", "ال ", "م ", "«م»", "\"G\"", "مراكش ا", "الأ", "", "  "] {
        assert!(!still_typing(q), "{q:?}");
    }
    // Such a word that finds nothing is answered as no query; once finished, as no match.
    let (c, ix) = index();
    for q in ["م", "ال"] {
        assert!(ix.search_all(&c, q).is_none(), "{q}");
    }
    assert_eq!(ix.search_all(&c, "م ").map(|h| h.len()), Some(0));
}

#[test]
fn a_latin_word_found_near_its_own_is_marked_in_arabic_as_that_word_is() {
    let (c, ix) = index();
    // A typo or Arabizi found the Latin word: the Arabic card marks its Arabic, as the word
    // spelt right does.
    for (q, right, id) in [
        ("interpool", "Interpol", "interpol-ncb-rabat"),
        ("intrepol", "Interpol", "interpol-ga-92-glasgow-2024"),
        ("da3ech", "daech", "isis-cell-arrest-2016"),
    ] {
        let got = marked(&c, &ix, q, id, FieldName::Title, "ar");
        assert!(!got.is_empty(), "{q} marks nothing in {id}");
        assert_eq!(
            got,
            marked(&c, &ix, right, id, FieldName::Title, "ar"),
            "{q}"
        );
    }
}

#[test]
fn a_hit_with_nothing_marked_says_which_linked_record_matched() {
    let (c, ix) = index();
    let via = |q: &str, id: &str| {
        let hits = ix.search(&c, q).expect("searched");
        let record = c.lookup(id).expect("a record");
        let hit = hits
            .hit(&ix, &c, record)
            .unwrap_or_else(|| panic!("{q} finds {id}"));
        (
            hit.spans().is_empty(),
            hit.via.map(|r| c.get(r).id().to_string()),
        )
    };
    // «FBI» is in no text of the 2019 meeting: the FBI, one of its organisers, is why.
    assert_eq!(via("FBI", "gc-2019"), (true, Some("fbi".to_string())));
    // A record found by its own text is never said to be found through another, even where
    // the text found is in another language than the card's: «interpool» finds the Rabat
    // office by the "Interpol" of its English name (its parent, INTERPOL, matches too), and
    // «da3ech» a figure by the French "Daech" of its label (its event matches too).
    let langs = ["ar"];
    for (q, id) in [
        ("interpool", "interpol-ncb-rabat"),
        ("interpool", "interpol-ga-92-glasgow-2024"),
        ("da3ech", "isis-cell-2016-members-arrested"),
    ] {
        let hits = ix.search(&c, q).expect("searched");
        let record = c.lookup(id).expect("a record");
        let hit = hits.hit_in(&ix, &c, record, Some(&langs)).expect("a hit");
        assert_eq!(hit.via, None, "{q} {id}");
    }
    // A hit whose own text is marked needs no such link.
    assert_eq!(via("FBI", "fbi"), (false, None));
    assert_eq!(via("غلاسكو", "interpol-ga-92-glasgow-2024").1, None);
}

#[test]
fn a_last_word_begun_and_too_short_is_left_out_until_it_grows() {
    let (c, ix) = index();
    // The article or a letter typed after whole words: the answer is the whole words', each
    // hit complete (no "no record has every word" while the reader is mid-word).
    for (q, before) in [
        ("المؤتمر ال", "المؤتمر"),
        ("مراكش و", "مراكش"),
        ("Glasgow q", "Glasgow"),
        ("الإنتربول غلاسكو لل", "الإنتربول غلاسكو"),
    ] {
        let hits = ix.search_all(&c, q).expect("searched");
        assert!(!hits.is_empty(), "{q}");
        assert!(hits.iter().all(|h| h.missing == 0), "{q}");
        assert_eq!(ids(&c, &ix, q), ids(&c, &ix, before), "{q}");
    }
    // A short last word that some records have with the others keeps them to those.
    let with = ids(&c, &ix, "غلاسكو 4");
    assert!(!with.is_empty() && with.len() < ids(&c, &ix, "غلاسكو").len());
    // A finished word (a space after it) is searched as it is.
    let hits = ix.search_all(&c, "مراكش qq ").expect("searched");
    assert!(hits.iter().all(|h| h.missing == 1));
}

#[test]
fn typing_a_word_with_a_proclitic_narrows_the_results_letter_by_letter() {
    let (c, ix) = index();
    // Each letter typed keeps or narrows the results: no fall to the few records that
    // write the letters so far (بمرا…) and rise again once the clitic is read off.
    // (Two proclitics and one letter, «وبم», still find only what is written so: ف ب ي
    // typed in pieces is F.B.I.)
    for whole in [
        "الإنتربول بمراكش",
        "والمؤتمر",
        "للمؤتمر",
        "بمراكش",
        "بالأمن",
        "لطنجة",
    ] {
        let chars: Vec<char> = whole.chars().collect();
        let mut last: Option<(String, usize)> = None;
        for n in 1..=chars.len() {
            let q: String = chars[..n].iter().collect();
            // (A word too short to search matches itself only, until the next letter.)
            if atlas_core::search::still_typing(&q) {
                continue;
            }
            let Some(hits) = ix.search_all(&c, &q) else {
                continue;
            };
            let complete = hits.iter().filter(|h| h.missing == 0).count();
            if let Some((before, k)) = &last {
                assert!(complete <= *k, "{before:?} {k} → {q:?} {complete}");
            }
            last = Some((q, complete));
        }
        assert!(last.is_some_and(|(_, k)| k > 0), "{whole}");
    }
}

#[test]
fn words_no_record_spells_are_not_required() {
    let (c, ix) = index();
    // Each query's record matches it whole (not as a partial match lacking a word): an
    // ordinal's ending, a number's leading zeros, a word for "year" or a question's words; a
    // month as the Levant names it, or abbreviated.
    for (q, id) in [
        ("92ème", "interpol-ga-92-glasgow-2024"),
        ("3ème édition", "gc-marrakech-2022"),
        ("06/12/2023", "arab-police-chiefs-tangier-2023"),
        ("01/2021", "gc-webinars-2021"),
        ("l'année 2003", "casablanca-attacks-2003"),
        ("año 2003", "casablanca-attacks-2003"),
        ("سنة 2003", "casablanca-attacks-2003"),
        ("who is Hammouchi", "abdellatif-hammouchi"),
        ("ما هو الانتربول", "interpol"),
        ("كانون الأول 2023", "arab-police-chiefs-tangier-2023"),
        ("تشرين الثاني 2024", "interpol-ga-92-glasgow-2024"),
        ("شباط 2021", "gc-webinars-2021"),
        ("آب 2020", "gc-webinars-2020"),
        ("oct 2022", "gc-marrakech-2022"),
        ("6 déc. 2023", "arab-police-chiefs-tangier-2023"),
        ("ene 2021", "gc-webinars-2021"),
        ("الدورة 47", "arab-police-chiefs-tangier-2023"),
        ("الدورة الـ47", "arab-police-chiefs-tangier-2023"),
        ("الدورة السابعة والأربعون", "arab-police-chiefs-tangier-2023"),
        ("فيفري 2021", "gc-webinars-2021"),
        ("conference marrakech", "gc-marrakech-2022"),
        ("congrès de tanger", "arab-police-chiefs-tangier-2023"),
        // Function words of a question typed in full.
        (
            "conférence des chefs de police arabes avec Hammouchi",
            "abdellatif-hammouchi",
        ),
        ("assembly for interpol in glasgow", "glasgow"),
        // A place by the nation it is in.
        ("Scotland", "interpol-ga-92-glasgow-2024"),
        ("اسكتلندا 2024", "interpol-ga-92-glasgow-2024"),
        ("Écosse", "glasgow"),
    ] {
        let hits = ix.search_all(&c, q).unwrap_or_default();
        let hit = hits.iter().find(|h| c.get(h.record).id() == id);
        assert_eq!(
            hit.map(|h| h.missing),
            Some(0),
            "{q:?}: {id} should match every word"
        );
    }
}

#[test]
fn a_hyphenated_word_found_as_one_word_is_marked_whole() {
    let (c, ix) = index();
    // The FBI is a co-lead.
    let words = marked(&c, &ix, "colead ", "fbi", FieldName::Summary, "en");
    assert_eq!(words, ["co", "lead"]);
}

#[test]
fn every_one_word_name_of_a_place_organisation_or_theme_finds_the_same_records() {
    let (c, ix) = index();
    let set = |q: &str| {
        let mut v = ids(&c, &ix, q);
        v.sort();
        v
    };
    for names in [
        &["Marrakech", "Marrakesh", "Marrakch", "مراكش"][..],
        &["Tanger", "Tanja", "طنجة"],
        &["غلاسكو", "جلاسكو", "Glasgow"],
        &["داعش", "Daesh", "ISIS"],
        &["كندا", "Canada", "canadien"],
        &["كورونا", "coronavirus", "covid"],
        &["química", "químico", "químicos"],
        &["marroquí", "marroquíes", "Moroccan", "marocain"],
    ] {
        let first = set(names[0]);
        assert!(first.len() > 1, "{} finds more than its record", names[0]);
        for name in &names[1..] {
            assert_eq!(set(name), first, "{name} finds what {} finds", names[0]);
        }
    }
    // Other names than the first are as good as each other, in either script (بريطانيا is
    // read as one word, not ب + ريطانيا), and found as names, not as stems.
    let scored = |q: &str| -> Vec<(String, i32)> {
        let hits = ix.search_all(&c, q).unwrap_or_default();
        hits.iter()
            .map(|h| {
                (
                    c.get(h.record).id().to_string(),
                    (h.score * 10.0).round() as i32,
                )
            })
            .collect()
    };
    for names in [
        &["Marrakesh", "Marrakch"][..],
        &["Britain", "بريطانيا", "UK", "British"],
    ] {
        let first = scored(names[0]);
        assert!(!first.is_empty(), "{} finds records", names[0]);
        for name in &names[1..] {
            assert_eq!(scored(name), first, "{name} ranks as {} does", names[0]);
        }
    }
    // A name found in a record's text by another name weighs as a second spelling (0.9 of
    // the same name written alike), not as a stem (0.75).
    let score = |q: &str, id: &str| {
        let hits = ix.search_all(&c, q).unwrap_or_default();
        hits.iter()
            .find(|h| c.get(h.record).id() == id)
            .map(|h| h.score)
            .unwrap_or_default()
    };
    let (same, other) = (
        score("Marrakech", "gc-marrakech-2022"),
        score("Marrakesh", "gc-marrakech-2022"),
    );
    assert!(
        other > same * 0.85 && other < same,
        "{other} against {same}"
    );
    // Found by another name, the record that says it is marked where it says it.
    let words = marked(
        &c,
        &ix,
        "Marrakesh",
        "gc-marrakech-2022",
        FieldName::Title,
        "en",
    );
    assert_eq!(words, ["Marrakech"]);
    // With a year, the event of that year before the city.
    for (q, id) in [
        ("Marrakesh 2025", "interpol-ga-93-marrakech-2025"),
        ("Tanja 2023", "arab-police-chiefs-tangier-2023"),
        ("جلاسكو 2024", "interpol-ga-92-glasgow-2024"),
    ] {
        assert_eq!(ids(&c, &ix, q).first().map(String::as_str), Some(id), "{q}");
    }
}

#[test]
fn a_planned_or_cancelled_event_is_found_by_its_status() {
    let (c, ix) = index();
    let cancelled = "gc-2020-cancelled";
    let planned = "interpol-ga-93-marrakech-2025";
    for (q, id) in [
        ("cancelled", cancelled),
        ("canceled meeting", cancelled),
        ("الملغى", cancelled),
        ("المؤتمر الملغي", cancelled),
        ("إلغاء مؤتمر 2020", cancelled),
        ("annulation 2020", cancelled),
        ("cancelado", cancelled),
        ("next session", planned),
        ("الدورة المقبلة", planned),
        ("upcoming interpol assembly", planned),
        ("próxima asamblea", planned),
    ] {
        let hits = ix.search_all(&c, q).unwrap_or_default();
        let hit = hits.iter().position(|h| c.get(h.record).id() == id);
        assert!(
            hit.is_some_and(|i| i < 3 && hits[i].missing == 0),
            "{q:?}: {id} at {hit:?}"
        );
    }
    // A held event is not «cancelled» nor «upcoming»: only the records with that status are.
    for (q, status) in [("cancelled", "cancelled"), ("upcoming", "planned")] {
        for h in ix.search_all(&c, q).unwrap() {
            if let atlas_core::catalog::Record::Event(e) = c.get(h.record) {
                assert_eq!(e.status.as_str(), status, "{q}: {}", e.id);
            }
        }
    }
}

#[test]
fn a_word_found_in_the_other_script_is_marked_where_the_card_writes_it() {
    let (c, ix) = index();
    // (query, record, field, language, the words marked)
    let table: &[(&str, &str, FieldName, &str, &[&str])] = &[
        // A Latin word read as the Arabic it spells, marked in a French and an Arabic card.
        (
            "mrakch",
            "marrakech",
            FieldName::Title,
            "fr",
            &["Marrakech"],
        ),
        ("mrakch", "marrakech", FieldName::Title, "ar", &["مراكش"]),
        // An Arabic spelling of a Latin name, marked in the card that writes it in Latin.
        ("هيندس", "greg-hinds", FieldName::Title, "en", &["Hinds"]),
        // A name typed in Latin letters, marked in the Arabic card: only the name.
        (
            "Hammouchi",
            "abdellatif-hammouchi",
            FieldName::Title,
            "ar",
            &["حموشي"],
        ),
        (
            "Dkhissi",
            "mohamed-dkhissi",
            FieldName::Title,
            "ar",
            &["الدخيسي"],
        ),
    ];
    for &(q, id, name, lang, want) in table {
        assert_eq!(
            marked(&c, &ix, q, id, name, lang),
            want,
            "{q} in {id} ({lang})"
        );
    }
    // A word of the same script found as written marks nothing more in the other script:
    // "security" is no spelling of an Arabic word of the card.
    let words = marked(
        &c,
        &ix,
        "security",
        "gc-marrakech-2022",
        FieldName::Title,
        "ar",
    );
    assert!(words.is_empty(), "{words:?}");
    // A word that only shares some consonants is not marked: marroquí is not أمريكية.
    let hits = ix.search_all(&c, "ejército marroquí").unwrap_or_default();
    for h in hits.iter().take(5) {
        let rec = c.get(h.record);
        for (name, field) in [
            (FieldName::Title, Some(rec.title())),
            (FieldName::Summary, rec.summary()),
        ] {
            let Some(text) = field.and_then(|f| f.get("ar")) else {
                continue;
            };
            for (s, e) in h.ranges(name, "ar") {
                assert_ne!(&text[s..e], "أمريكية", "{}", rec.id());
            }
        }
    }
}

#[test]
fn an_event_is_found_by_what_readers_call_its_kind() {
    let (c, ix) = index();
    for (q, id) in [
        ("تأسيس المؤتمر العالمي", "gc-2018"),
        ("founding of the global congress", "gc-2018"),
        ("création du congrès mondial", "gc-2018"),
        ("fundación del congreso mundial", "gc-2018"),
        ("virtual conferences", "gc-webinars-2020"),
        ("ندوات افتراضية", "gc-webinars-2020"),
        ("تفكيك خلية داعش", "isis-cell-arrest-2016"),
        ("attentat Casablanca", "casablanca-attacks-2003"),
        ("interpol ga-92", "interpol-ga-92-glasgow-2024"),
        ("AG 93 Interpol", "interpol-ga-93-marrakech-2025"),
    ] {
        let got = ids(&c, &ix, q);
        assert!(got.iter().take(3).any(|g| g == id), "{q}: {got:?}");
    }
    // Every word of «interpol ga-92» is the assembly's.
    let hits = ix.search_all(&c, "interpol ga-92").unwrap_or_default();
    assert!(
        hits.first().is_some_and(|h| h.missing == 0),
        "{}",
        hits.len()
    );
    // The words of a kind are the events of that kind's only: a founding is no meeting.
    let got = ids(&c, &ix, "founding");
    assert!(
        !got.is_empty()
            && got
                .iter()
                .all(|g| g == "gc-2018" || g == "gc-knowledge-hub-launch-2021"),
        "{got:?}"
    );
}

/// A question of how many is answered by a figure: its words and what it says of what it
/// counts (took part, حضرت) are dropped, and figures rank before the records with as many
/// of its words. The same words without the question keep their order (the event first).
#[test]
fn a_question_of_how_many_finds_the_figure_first() {
    let (c, ix) = index();
    for (q, want) in [
        (
            "كم عدد الدول التي حضرت مؤتمر طنجة",
            &["arab-police-chiefs-tangier-2023-countries"][..],
        ),
        (
            "how many countries attended the Tangier conference",
            &["arab-police-chiefs-tangier-2023-countries"],
        ),
        (
            "عدد الدول المشاركة في مؤتمر مراكش",
            &[
                "gc-marrakech-2022-countries-achkayen",
                "gc-marrakech-2022-countries-alalam",
                "gc-marrakech-2022-foreign-delegates-achkayen",
            ],
        ),
        (
            "combien de pays ont participé au congrès de Marrakech",
            &[
                "gc-marrakech-2022-countries-achkayen",
                "gc-marrakech-2022-countries-alalam",
            ],
        ),
        (
            "cuántos países participaron en Tánger",
            &["arab-police-chiefs-tangier-2023-countries"],
        ),
        (
            "كم عدد الخبراء",
            &[
                "gc-marrakech-2022-experts-achkayen",
                "gc-annual-meeting-experts",
            ],
        ),
    ] {
        let found = ids(&c, &ix, q);
        assert!(
            found.first().is_some_and(|f| want.contains(&f.as_str())),
            "{q}: {found:?}"
        );
    }
    // «nombre» is Spanish for a name: no question of how many.
    let found = ids(&c, &ix, "nombre de la organización de Tánger");
    assert!(
        found
            .first()
            .is_some_and(|f| !f.contains("-countries") && !f.contains("-organizations")),
        "{found:?}"
    );
    let found = ids(&c, &ix, "مؤتمر طنجة الدول");
    assert_eq!(
        found.first().map(String::as_str),
        Some("arab-police-chiefs-tangier-2023"),
        "{found:?}"
    );
}

/// «مدير» (a director) finds the people the records call so before the directorate
/// (مديرية), whose light stem it is.
#[test]
fn a_director_is_found_before_the_directorate() {
    let (c, ix) = index();
    for q in ["المدير العام للأمن الوطني", "مدير الامن الوطني"]
    {
        let found = ids(&c, &ix, q);
        let at = |id: &str| found.iter().position(|f| f == id);
        assert!(
            at("abdellatif-hammouchi").is_some_and(|h| at("dgsn").is_none_or(|d| h < d)),
            "{q}: {found:?}"
        );
    }
    assert_eq!(
        ids(&c, &ix, "مديرية الأمن الوطني")
            .first()
            .map(String::as_str),
        Some("dgsn")
    );
}

/// A query with a word for the texts the records come from (مقال, articles, fuentes) asks
/// for sources: they come before the records that lack as many of its words. Each source
/// is found by the words for its kind.
#[test]
fn a_query_asking_for_articles_finds_the_sources_first() {
    let (c, ix) = index();
    for (q, want) in [
        (
            "المقالان عن مؤتمر مراكش",
            &["achkayen-2022", "alalam-2022-10-26"][..],
        ),
        ("articles on the Glasgow assembly", &["bazine-2024-11"]),
        ("fuentes sobre Glasgow", &["bazine-2024-11"]),
        ("مصادر مؤتمر طنجة", &["sahara24-2023-12-06"]),
    ] {
        let found = ids(&c, &ix, q);
        assert!(
            found.first().is_some_and(|f| want.contains(&f.as_str())),
            "{q}: {found:?}"
        );
    }
    // Later in a question, such a word is one of its words: the article among the first.
    let found = ids(&c, &ix, "من كتب مقال العلم عن مؤتمر مراكش");
    assert!(
        found.iter().take(3).any(|f| f == "alalam-2022-10-26"),
        "{found:?}"
    );
    // Not a word for sources later in the query: «sources of financing» are a topic there.
    for q in ["تمويل الإرهاب من مصادر مجهولة", "open source intelligence"]
    {
        let found = ids(&c, &ix, q);
        let first_source = found.iter().position(|f| {
            c.record(f)
                .is_some_and(|r| r.kind() == atlas_core::model::Kind::Source)
        });
        assert!(first_source.is_none_or(|s| s > 0), "{q}: {found:?}");
    }
    // Without such a word, the congress and its city come before the articles.
    let found = ids(&c, &ix, "مؤتمر مراكش");
    let source = found.iter().position(|f| f == "achkayen-2022");
    assert!(source.is_none_or(|s| s > 2), "{found:?}");
}

/// The United States by its abbreviations in every language, dotted or not: each finds the
/// American agencies.
#[test]
fn the_united_states_are_found_by_their_abbreviations() {
    let (c, ix) = index();
    for q in ["USA", "U.S.A.", "EE. UU.", "EEUU", "E.U.A.", "EUA"] {
        let found = ids(&c, &ix, q);
        assert!(
            found
                .iter()
                .take(3)
                .all(|id| id.starts_with("us-") || id == "fbi"),
            "{q}: {found:?}"
        );
        assert!(found.len() >= 3, "{q}: {found:?}");
    }
}
