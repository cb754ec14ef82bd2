//! The searchable text of a record, field by field.

use super::FieldName;
use crate::catalog::{Catalog, Record, RecordRef};
use crate::model::Text;

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
            }
            f.push((FieldName::Value, "", dates.join(" · ")));
            if let Some(n) = e.edition {
                f.push((FieldName::Value, "", n.to_string()));
            }
            for t in &e.topics {
                if let Some(topic) = catalog.topic(t) {
                    related.extend(topic.name.all().map(|(_, s)| s.to_string()));
                }
            }
            if let Some(c) = e.country.as_deref().and_then(|c| catalog.country(c)) {
                related.extend(c.name.all().map(|(_, s)| s.to_string()));
            }
        }
        Record::Figure(fig) => {
            f.push((FieldName::Value, "", format_value(fig.value)));
            if let Some(p) = &fig.period {
                related.push(p.from.year.to_string());
                if let Some(to) = p.to {
                    related.push(to.year.to_string());
                }
            }
        }
        Record::Person(p) => f.extend(text_fields(FieldName::Role, &p.role)),
        Record::Place(p) => {
            if let Some(c) = catalog.country(&p.country) {
                related.extend(c.name.all().map(|(_, s)| s.to_string()));
            }
        }
        Record::Source(s) => {
            if let Some(a) = &s.author {
                f.extend(text_fields(FieldName::Role, a));
            }
            if let Some(d) = s.date {
                date_words(&mut related, &d);
            }
        }
        Record::Organization(_) => {}
    }
    if !related.is_empty() {
        f.push((FieldName::Related, "", related.join(" · ")));
    }
    f
}

/// The words of a date as a card shows it, in every language, and as digits: the year; the
/// month's name (أكتوبر، October, octobre, octubre) and number; the day. So "أكتوبر 2022",
/// "25 octobre 2022" and 25/10/2022 find what was on that date.
fn date_words(out: &mut Vec<String>, d: &crate::date::PartialDate) {
    out.push(d.year.to_string());
    if let Some(m) = d.month {
        out.extend(
            crate::validate::CONTENT_LANGS
                .map(|lang| crate::format::month_name(lang, m).to_string()),
        );
        out.push(m.to_string());
    }
    if let Some(day) = d.day {
        out.push(day.to_string());
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
