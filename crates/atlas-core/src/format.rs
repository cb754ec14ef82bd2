//! Display formatting that needs no browser: partial dates, date ranges, numbers, figures.
//!
//! Arabic follows Moroccan usage (ar-MA): Western digits and the month names Moroccan media
//! print (يناير … دجنبر). Large numbers are grouped with a narrow no-break space.

use crate::date::PartialDate;
use crate::model::{Figure, Period, Qualifier};
use crate::search::format_value;

const MONTHS_AR: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "ماي",
    "يونيو",
    "يوليوز",
    "غشت",
    "شتنبر",
    "أكتوبر",
    "نونبر",
    "دجنبر",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// The name of `month` (1–12) in `lang` (Arabic for unknown languages).
pub fn month_name(lang: &str, month: u8) -> &'static str {
    let table = match lang {
        "en" => &MONTHS_EN,
        "fr" => &MONTHS_FR,
        "es" => &MONTHS_ES,
        _ => &MONTHS_AR,
    };
    table[(month.clamp(1, 12) - 1) as usize]
}

/// "25 أكتوبر 2022", "October 2022", "2025": only the precision that is known.
pub fn date(lang: &str, d: &PartialDate) -> String {
    match (d.month, d.day) {
        (Some(m), Some(day)) => match lang {
            "en" => format!("{day} {} {}", month_name(lang, m), d.year),
            "es" => format!("{day} de {} de {}", month_name(lang, m), d.year),
            _ => format!("{day} {} {}", month_name(lang, m), d.year),
        },
        (Some(m), None) => match lang {
            "es" => format!("{} de {}", month_name(lang, m), d.year),
            _ => format!("{} {}", month_name(lang, m), d.year),
        },
        _ => d.year.to_string(),
    }
}

/// A date range, sharing what the two ends share: "25–28 أكتوبر 2022", "Aug – Sep 2020".
pub fn date_range(lang: &str, start: &PartialDate, end: Option<&PartialDate>) -> String {
    let Some(end) = end.filter(|e| *e != start) else {
        return date(lang, start);
    };
    let same_year = start.year == end.year;
    match (start.month, start.day, end.month, end.day) {
        (Some(m1), Some(d1), Some(m2), Some(d2)) if same_year && m1 == m2 => match lang {
            "es" => format!("{d1}–{d2} de {} de {}", month_name(lang, m1), start.year),
            _ => format!("{d1}–{d2} {} {}", month_name(lang, m1), start.year),
        },
        (Some(m1), None, Some(m2), None) if same_year => match lang {
            "es" => format!(
                "{} – {} de {}",
                month_name(lang, m1),
                month_name(lang, m2),
                start.year
            ),
            _ => format!(
                "{} – {} {}",
                month_name(lang, m1),
                month_name(lang, m2),
                start.year
            ),
        },
        _ => format!("{} – {}", date(lang, start), date(lang, end)),
    }
}

/// Groups the digits of a whole number: 4304 → "4 304" (narrow no-break spaces).
pub fn number(v: f64) -> String {
    let raw = format_value(v);
    let (int, frac) = match raw.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (raw.as_str(), None),
    };
    let (sign, digits) = match int.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", int),
    };
    let mut grouped = String::new();
    if digits.len() > 4 {
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push('\u{202F}');
            }
            grouped.push(c);
        }
    } else {
        grouped.push_str(digits);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A figure's value with its qualifier in words: "حوالي 200", "أكثر من 500", "88"
/// (`qualifier_words` is the language's wording of the qualifier, empty for exact). No unit:
/// the label after it says it in its language's words and in its place («88 في المائة من
/// الخلايا», «88 pour cent des cellules»); a sign added here read "88% percent".
pub fn figure_value_words(f: &Figure, qualifier_words: &str) -> String {
    let n = number(f.value);
    if qualifier_words.is_empty() {
        n
    } else {
        format!("{qualifier_words} {n}")
    }
}

/// A period by years: "2019–2023", or "منذ 2019" (`since` is the language's word).
pub fn period_years(p: &Period, since: &str) -> String {
    match &p.to {
        Some(to) => format!("{}–{}", p.from.year, to.year),
        None => format!("{since} {}", p.from.year),
    }
}

/// A period with its dates in `lang`: "مارس 2019 – 2023", or "منذ مارس 2019".
pub fn period_dates(lang: &str, p: &Period, since: &str) -> String {
    match &p.to {
        Some(to) => format!("{} – {}", date(lang, &p.from), date(lang, to)),
        None => format!("{since} {}", date(lang, &p.from)),
    }
}

/// A figure's value with its qualifier, compact: "350", "+500", "≈200", "88".
pub fn figure_value(f: &Figure) -> String {
    let n = number(f.value);
    match f.qualifier {
        Qualifier::Exact => n,
        Qualifier::MoreThan => format!("+{n}"),
        Qualifier::About => format!("≈{n}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap()
    }

    #[test]
    fn dates_show_only_known_precision() {
        let cases = [
            ("ar", "2022-10-25", "25 أكتوبر 2022"),
            ("ar", "2022-10", "أكتوبر 2022"),
            ("ar", "2025", "2025"),
            ("ar", "2023-12-06", "6 دجنبر 2023"),
            ("en", "2024-11", "November 2024"),
            ("fr", "2020-08", "août 2020"),
            ("es", "2021-03", "marzo de 2021"),
        ];
        for (lang, input, expected) in cases {
            assert_eq!(date(lang, &d(input)), expected, "{lang} {input}");
        }
    }

    #[test]
    fn ranges_share_common_parts() {
        let cases = [
            ("ar", "2022-10-25", "2022-10-28", "25–28 أكتوبر 2022"),
            ("en", "2024-11-04", "2024-11-07", "4–7 November 2024"),
            ("en", "2020-08", "2020-09", "August – September 2020"),
            (
                "fr",
                "2020-12-30",
                "2021-01-02",
                "30 décembre 2020 – 2 janvier 2021",
            ),
            ("ar", "2022", "2022", "2022"),
        ];
        for (lang, a, b, expected) in cases {
            assert_eq!(
                date_range(lang, &d(a), Some(&d(b))),
                expected,
                "{lang} {a}..{b}"
            );
        }
        assert_eq!(date_range("ar", &d("2025-11"), None), "نونبر 2025");
    }

    #[test]
    fn periods_and_values_read_in_each_form() {
        let p = |from: &str, to: Option<&str>| Period {
            from: d(from),
            to: to.map(d),
        };
        assert_eq!(
            period_years(&p("2019", Some("2023-05")), "منذ"),
            "2019–2023"
        );
        assert_eq!(period_years(&p("2019-03", None), "since"), "since 2019");
        assert_eq!(
            period_dates("ar", &p("2019-03", Some("2023")), "منذ"),
            "مارس 2019 – 2023"
        );
        assert_eq!(
            period_dates("en", &p("2019-03", None), "since"),
            "since March 2019"
        );
        let fig = |value: f64, unit: Option<&str>, qualifier: Qualifier| Figure {
            id: "f".into(),
            value,
            qualifier,
            measure: "experts".into(),
            unit: unit.map(str::to_string),
            label: crate::model::Text::default(),
            period: None,
            event: None,
            place: None,
            subject: None,
            sources: vec!["s".into()],
        };
        assert_eq!(
            figure_value_words(&fig(200.0, None, Qualifier::About), "حوالي"),
            "حوالي 200"
        );
        assert_eq!(
            figure_value_words(&fig(88.0, Some("percent"), Qualifier::Exact), ""),
            "88",
            "the label says percent"
        );
        assert_eq!(figure_value(&fig(500.0, None, Qualifier::MoreThan)), "+500");
        assert_eq!(
            figure_value(&fig(12500.0, None, Qualifier::About)),
            "≈12\u{202F}500"
        );
    }

    #[test]
    fn numbers_group_large_values_only() {
        assert_eq!(number(350.0), "350");
        assert_eq!(number(4304.0), "4304");
        assert_eq!(number(12500.0), "12\u{202F}500");
        assert_eq!(number(1234567.0), "1\u{202F}234\u{202F}567");
        assert_eq!(number(88.5), "88.5");
    }
}
