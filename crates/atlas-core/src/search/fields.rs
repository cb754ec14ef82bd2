//! The searchable text of a record, field by field.

use super::FieldName;
use crate::catalog::{Catalog, Record, RecordRef};
use crate::date::PartialDate;
use crate::model::Text;
use crate::model::{EventKind, EventStatus, SourceKind};

fn text_fields(
    name: FieldName,
    t: &Text,
) -> impl Iterator<Item = (FieldName, &'static str, String)> + '_ {
    t.all().map(move |(lang, s)| (name, lang, s.to_string()))
}

/// The searchable text of one record, field by field, exactly as the index sees it (with
/// the names of linked records in [`FieldName::Related`]). Benchmarks feed the same text to
/// other search engines.
pub fn searchable_fields(
    catalog: &Catalog,
    r: RecordRef,
) -> Vec<(FieldName, &'static str, String)> {
    doc_fields(catalog, catalog.get(r))
}

/// The searchable fields of one record.
pub(crate) fn doc_fields(
    catalog: &Catalog,
    rec: Record<'_>,
) -> Vec<(FieldName, &'static str, String)> {
    let mut f: Vec<(FieldName, &'static str, String)> = Vec::new();
    f.extend(text_fields(FieldName::Title, rec.title()));
    for a in rec.aliases() {
        f.push((FieldName::Alias, "", a.to_string()));
    }
    if let Some(s) = rec.summary() {
        f.extend(text_fields(FieldName::Summary, s));
    }
    // Names, acronyms and aliases of everything the record links to, so "Glasgow" finds
    // the assembly held there and "DGSN" the events it organised.
    let mut related = Vec::new();
    for id in rec.links() {
        if let Some(other) = catalog.record(id) {
            if other.kind() == crate::model::Kind::Source {
                related.extend(other.title().all().map(|(_, s)| s.to_string()));
                continue;
            }
            related.extend(other.title().all().map(|(_, s)| s.to_string()));
            related.extend(other.aliases().into_iter().map(str::to_string));
        }
    }
    match rec {
        Record::Event(e) => {
            // Its dates are its own, as its edition is: they weigh as a value, above a date
            // another record's summary mentions.
            let mut dates = Vec::new();
            date_words(&mut dates, &e.start);
            if let Some(end) = e.end.filter(|end| *end != e.start) {
                date_words(&mut dates, &end);
                span_words(&mut dates, &e.start, &end);
            }
            f.push((FieldName::Value, "", dates.join(" · ")));
            if let Some(n) = e.edition {
                f.push((FieldName::Value, "", n.to_string()));
            }
            related.extend(status_words(e.status).iter().map(|w| w.to_string()));
            related.extend(kind_words(e.kind).iter().map(|w| w.to_string()));
            for t in &e.topics {
                if let Some(topic) = catalog.topic(t) {
                    related.extend(topic.name.all().map(|(_, s)| s.to_string()));
                    related.extend(topic.aliases.iter().cloned());
                }
            }
            // Its country and its city's, as the country facet counts it: بريطانيا finds the
            // assembly held in Glasgow.
            let city = e.place.as_deref().and_then(|p| match catalog.record(p) {
                Some(Record::Place(p)) => Some(p.country.as_str()),
                _ => None,
            });
            if let Some(c) = e.country.as_deref() {
                country_names(&mut related, catalog, c);
            }
            if let Some(c) = city.filter(|c| Some(*c) != e.country.as_deref()) {
                country_names(&mut related, catalog, c);
            }
        }
        Record::Figure(fig) => {
            f.push((FieldName::Value, "", format_value(fig.value)));
            // What it counts, in every language: الحلقات and sessions find the figure. As
            // a person's role says what the person is, this says what the figure is.
            if let Some(m) = catalog.measure(&fig.measure) {
                f.extend(text_fields(FieldName::Role, &m.name));
            }
            // Its period is its own, as an event's dates are (the label does not repeat it).
            if let Some(p) = &fig.period {
                let years = match p.to {
                    Some(to) => format!("{} · {}", p.from.year, to.year),
                    None => p.from.year.to_string(),
                };
                f.push((FieldName::Value, "", years));
            }
        }
        Record::Person(p) => f.extend(text_fields(FieldName::Role, &p.role)),
        Record::Place(p) => country_names(&mut related, catalog, &p.country),
        Record::Source(s) => {
            let words = ["مصدر", "source", "fuente"]
                .iter()
                .chain(source_words(s.kind));
            related.extend(words.map(|w| w.to_string()));
            if let Some(a) = &s.author {
                f.extend(text_fields(FieldName::Role, a));
            }
            if let Some(d) = s.date {
                date_words(&mut related, &d);
            }
        }
        Record::Organization(o) => {
            if let Some(c) = &o.country {
                country_names(&mut related, catalog, c);
            }
        }
    }
    if !related.is_empty() {
        f.push((FieldName::Related, "", related.join(" · ")));
    }
    f
}

/// What readers call an event's status, in every language, beside the card's badge: a
/// cancelled event is found by «cancelled», «الملغى» or «annulation», a planned one by
/// «upcoming», «الدورة المقبلة» or «prochaine assemblée». A held event has none: most are.
/// Not «planned» (its stem, plan, is a word of its own: «planes terroristas») nor «مقرر»
/// (a rapporteur, and مقررات decisions).
fn status_words(s: EventStatus) -> &'static [&'static str] {
    match s {
        EventStatus::Held => &[],
        EventStatus::Planned => &[
            "مرتقب",
            "المقبل",
            "القادم",
            "upcoming",
            "next",
            "prévu",
            "prochain",
            "à venir",
            "previsto",
            "próximo",
        ],
        EventStatus::Cancelled => &[
            "أُلغي",
            "ملغى",
            "ملغاة",
            "إلغاء",
            "cancelled",
            "cancellation",
            "annulé",
            "annulation",
            "cancelado",
            "cancelación",
        ],
    }
}

/// What readers call an event of a kind where its title says it otherwise, in every
/// language: the launch of an initiative is its founding or creation (تأسيس، fondation,
/// fundación), a webinar series is held online (virtual, افتراضي), an attack is a bombing
/// (تفجير), a police operation an arrest or a dismantling (تفكيك), a general assembly its
/// GA (AG in French and Spanish); and a general assembly, a congress or a conference is a
/// meeting (اجتماع, réunion: a meeting's own title says so already). Not انطلاق, the
/// opening of any event (انطلاق أشغال المؤتمر). English "founding" is filed under "found",
/// as "founded" is («when was it founded»), which is also find's past tense: a reader's
/// "found" reaches the launches too.
fn kind_words(k: EventKind) -> &'static [&'static str] {
    match k {
        EventKind::Launch => &[
            "تأسيس",
            "نشأة",
            "founding",
            "creation",
            "created",
            "création",
            "fondation",
            "fundación",
            "lanzamiento",
        ],
        EventKind::WebinarSeries => &[
            "افتراضي",
            "virtual",
            "online",
            "virtuel",
            "en ligne",
            "en línea",
        ],
        // Its abbreviation in English (GA) and in French and Spanish (AG): «interpol ga-92»;
        // and, as for a congress or a conference, what it is: a meeting («اجتماع الانتربول
        // في بريطانيا» is the assembly in Glasgow).
        EventKind::GeneralAssembly => &["GA", "AG", "اجتماع", "meeting", "réunion", "reunión"],
        EventKind::Congress | EventKind::Conference => &["اجتماع", "meeting", "réunion", "reunión"],
        EventKind::Attack => &["تفجير", "اعتداء", "bombing", "attentat", "atentado"],
        EventKind::Operation => &[
            "اعتقال",
            "توقيف",
            "تفكيك",
            "dismantling",
            "démantèlement",
            "detención",
        ],
        _ => &[],
    }
}

/// What readers call a source of a kind, in every language, beside «source» (مصدر, fuente)
/// for any: a news text is an article (مقال, «the two articles on the Marrakech
/// congress»), a newspaper's or the press's; an organisation's own text is its statement
/// (بلاغ, communiqué).
fn source_words(k: SourceKind) -> &'static [&'static str] {
    match k {
        SourceKind::News => &[
            "مقال",
            "مقالة",
            "صحيفة",
            "جريدة",
            "article",
            "newspaper",
            "press",
            "presse",
            "journal",
            "artículo",
            "periódico",
            "prensa",
        ],
        SourceKind::Official => &[
            "بلاغ",
            "بيان",
            "statement",
            "official",
            "communiqué",
            "officiel",
            "comunicado",
            "oficial",
        ],
    }
}

/// A country's names in every language and its aliases: a place and an organisation are
/// found by their country's (بريطانيا finds Glasgow, الولايات المتحدة the FBI).
fn country_names(out: &mut Vec<String>, catalog: &Catalog, id: &str) {
    if let Some(c) = catalog.country(id) {
        out.extend(c.name.all().map(|(_, s)| s.to_string()));
        out.extend(c.aliases.iter().cloned());
    }
}

/// The words of a date as a card shows it, in every language, and as digits: the year; the
/// month's name (أكتوبر، October, octobre, octubre) and number; the day. So "أكتوبر 2022",
/// "25 octobre 2022" and 25/10/2022 find what was on that date.
fn date_words(out: &mut Vec<String>, d: &PartialDate) {
    out.push(d.year.to_string());
    if let Some(m) = d.month {
        month_words(out, m);
    }
    if let Some(day) = d.day {
        out.push(day.to_string());
    }
}

/// A month's names in every language and its number.
fn month_words(out: &mut Vec<String>, m: u8) {
    out.extend(
        crate::validate::CONTENT_LANGS.map(|lang| crate::format::month_name(lang, m).to_string()),
    );
    out.push(m.to_string());
}

/// Longest span whose inner days are indexed (a month), and whose inner years are.
const SPAN_DAYS: u32 = 31;
const SPAN_YEARS: i32 = 100;

/// The dates inside an event's span that its first and last dates do not name: the years
/// between them, each once (as the year facet lists the event under each); the months
/// between them (February for January–March 2021; all twelve for a span of a year or more);
/// and, for a span of a month or less with both days known, the days between them (26 and
/// 27 for 25–28 October 2022). So "26 octobre 2022" or فبراير 2021 finds what was going on
/// then.
fn span_words(out: &mut Vec<String>, start: &PartialDate, end: &PartialDate) {
    for y in start.year + 1..end.year.min(start.year + SPAN_YEARS) {
        out.push(y.to_string());
    }
    let (Some(m0), Some(m1)) = (start.month, end.month) else {
        return;
    };
    let next_month = |(y, m): (i32, u8)| if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    let mut months: Vec<u8> = Vec::new();
    let mut at = next_month((start.year, m0));
    // Twelve months in a row are all the months.
    while at < (end.year, m1) && months.len() < 12 {
        months.push(at.1);
        at = next_month(at);
    }
    for m in months {
        month_words(out, m);
    }
    let (Some(d0), Some(d1)) = (start.day, end.day) else {
        return;
    };
    let last = (end.year, m1, d1);
    let mut days = Vec::new();
    let (mut y, mut m, mut d) = (start.year, m0, d0);
    for _ in 0..SPAN_DAYS {
        if d >= crate::date::days_in_month(y, m) {
            (y, m) = next_month((y, m));
            d = 1;
        } else {
            d += 1;
        }
        if (y, m, d) >= last {
            out.extend(days.iter().map(u8::to_string));
            return;
        }
        // A span of a month can pass the same day number twice (1 February to 3 March).
        if !days.contains(&d) {
            days.push(d);
        }
    }
}

/// A figure's value as digits, without a trailing ".0" for whole numbers.
pub fn format_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        crate::float::shortest(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(a: &str, b: &str) -> Vec<String> {
        let mut out = Vec::new();
        let (a, b) = (
            PartialDate::parse(a).unwrap(),
            PartialDate::parse(b).unwrap(),
        );
        span_words(&mut out, &a, &b);
        out
    }

    #[test]
    fn a_span_indexes_the_months_and_days_between_its_ends() {
        assert_eq!(span("2022-10-25", "2022-10-28"), ["26", "27"]);
        // Across a month's end, in a leap year.
        assert_eq!(span("2024-02-28", "2024-03-02"), ["29", "1"]);
        // The same day number twice is one word.
        assert_eq!(span("2023-02-01", "2023-03-03").len(), 28);
        assert_eq!(span("2023-02-28", "2023-03-02"), ["1"]);
        // The month between, in every language and as its number.
        assert_eq!(
            span("2021-01", "2021-03"),
            ["فبراير", "February", "février", "febrero", "2"]
        );
        // Across a year's end: December with its own year would be the first's; January is
        // the last's.
        assert_eq!(
            span("2020-11", "2021-01"),
            ["دجنبر", "December", "décembre", "diciembre", "12"]
        );
        // A year between, once; over a year, every month once.
        let long = span("2018-01", "2021-12");
        for y in ["2019", "2020"] {
            assert_eq!(long.iter().filter(|w| *w == y).count(), 1, "{y}: {long:?}");
        }
        assert!(!long.contains(&"2018".to_string()) && !long.contains(&"2021".to_string()));
        assert_eq!(long.iter().filter(|w| w.as_str() == "December").count(), 1);
        assert_eq!(long.len(), 2 + 12 * 5);
        assert_eq!(span("2019", "2021"), ["2020"]);
        // Backwards: nothing.
        assert!(span("2022-10-28", "2022-10-25").is_empty());
        // Next to each other: nothing between.
        assert!(span("2022-10-25", "2022-10-26").is_empty());
        assert!(span("2020-08", "2020-09").is_empty());
        // A span over a month: no days.
        let long = span("2022-01-01", "2022-03-15");
        assert!(!long.contains(&"15".to_string()), "{long:?}");
        assert!(long.contains(&"February".to_string()));
    }
}
