//! Measures the analyser's recall and precision on a table of Arabic word pairs, side by side
//! with Snowball's Arabic stemmer (rust-stemmers), in one run:
//!
//! `cargo test -p atlas-core --test stemmer_recall -- --nocapture`
//!
//! A pair "matches" when the two words meet on any key the index uses (surface, bare or
//! stem form for ours; the Snowball stem for Snowball, after the same normalisation).

use atlas_core::analyze::tokenize;
use atlas_core::normalize::normalize;
use rust_stemmers::{Algorithm, Stemmer};

/// Pairs a reader expects to match: clitics, article, plurals, feminine, nisba.
const SHOULD_MATCH: &[(&str, &str)] = &[
    ("المؤتمر", "مؤتمر"),
    ("والمؤتمر", "المؤتمر"),
    ("فالمؤتمر", "مؤتمر"),
    ("المؤتمرات", "مؤتمر"),
    ("بمراكش", "مراكش"),
    ("ومراكش", "مراكش"),
    ("لطنجة", "طنجة"),
    ("بالمغرب", "المغرب"),
    ("وبالمغرب", "المغرب"),
    ("للشرطة", "الشرطة"),
    ("الشرطة", "شرطة"),
    ("والإنتربول", "الأنتربول"),
    ("الأمنية", "أمني"),
    ("الدولية", "دولي"),
    ("الإرهابية", "إرهابي"),
    ("المشاركون", "مشارك"),
    ("المشاركين", "المشاركون"),
    ("الجمعية", "جمعية"),
    ("كالمعتاد", "معتاد"),
    ("الكيميائي", "كيميائي"),
    ("الخبراء", "خبراء"),
    ("التهديدات", "تهديد"),
    ("خلايا", "الخلايا"),
    ("للأمن", "الأمن"),
];

/// Pairs that must stay apart: different words that share letters.
const SHOULD_NOT_MATCH: &[(&str, &str)] = &[
    ("بلد", "لد"),
    ("وزير", "زير"),
    ("لجنة", "جنة"),
    ("الأمن", "الأمم"),
    ("دول", "دولار"),
    ("مراكش", "مراكز"),
    ("طنجة", "طنجرة"),
    ("شرطة", "شريط"),
    ("كتب", "كتاب"),
];

fn ours(a: &str, b: &str) -> bool {
    let (ta, tb) = (&tokenize(a)[0], &tokenize(b)[0]);
    let ka = [&ta.norm, &ta.bare, &ta.stem];
    let kb = [&tb.norm, &tb.bare, &tb.stem];
    // The index meets a query on norm=norm, bare=bare, bare=norm, or stem=stem.
    ka[0] == kb[0] || ka[1] == kb[1] || ka[1] == kb[0] || ka[0] == kb[1] || ka[2] == kb[2]
}

fn snowball(stemmer: &Stemmer, a: &str, b: &str) -> bool {
    stemmer.stem(&normalize(a)) == stemmer.stem(&normalize(b))
}

#[test]
fn recall_and_precision_side_by_side() {
    let snow = Stemmer::create(Algorithm::Arabic);
    let count = |pairs: &[(&str, &str)], f: &dyn Fn(&str, &str) -> bool| {
        pairs.iter().filter(|(a, b)| f(a, b)).count()
    };
    let ours_hit = count(SHOULD_MATCH, &ours);
    let snow_hit = count(SHOULD_MATCH, &|a, b| snowball(&snow, a, b));
    let ours_false = count(SHOULD_NOT_MATCH, &ours);
    let snow_false = count(SHOULD_NOT_MATCH, &|a, b| snowball(&snow, a, b));
    let n = SHOULD_MATCH.len();
    let m = SHOULD_NOT_MATCH.len();
    println!("analyser          recall          false matches");
    println!(
        "atlas light     {ours_hit:>3}/{n} ({:>3.0}%)   {ours_false}/{m}",
        100.0 * ours_hit as f64 / n as f64
    );
    println!(
        "snowball arabic {snow_hit:>3}/{n} ({:>3.0}%)   {snow_false}/{m}",
        100.0 * snow_hit as f64 / n as f64
    );
    for (a, b) in SHOULD_MATCH {
        if !ours(a, b) {
            println!("  atlas misses: {a} ~ {b}");
        }
    }
    for (a, b) in SHOULD_NOT_MATCH {
        if ours(a, b) {
            println!("  atlas conflates: {a} ~ {b}");
        }
    }
    // The project's claim: at least Snowball's recall, with no more false matches.
    assert!(
        ours_hit >= snow_hit,
        "recall {ours_hit} < snowball {snow_hit}"
    );
    assert!(
        ours_false <= snow_false.max(1),
        "false matches {ours_false} > snowball {snow_false}"
    );
    assert!(ours_hit * 10 >= n * 8, "recall below 80%: {ours_hit}/{n}");
}
