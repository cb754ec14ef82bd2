//! Validation of a whole bundle: ids, references, dates, coordinates, languages, numbers.
//!
//! Each problem names the collection, the record's position in it and the field, so the
//! bundle compiler can point at the file and line, and the app can say what is wrong.

use crate::float::shortest;
use crate::model::*;
use std::collections::HashMap;
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The bundle collection (`events`, `places`, …), or `bundle` for the whole.
    pub collection: &'static str,
    /// Position of the record in its collection.
    pub index: usize,
    /// The record's id, when it has one.
    pub id: String,
    /// The field path, e.g. `place`, `summary.ar`, `sources[1]`.
    pub field: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Both the position and the id: a duplicated id alone would not say which record.
        write!(f, "{}[{}]", self.collection, self.index)?;
        if !self.id.is_empty() {
            write!(f, " `{}`", self.id)?;
        }
        write!(f, ", field `{}`: {}", self.field, self.message)
    }
}

/// Languages every `Text` must have for the app to show it: Spanish falls back to Arabic,
/// with a "not translated" mark, so a bundle without it still loads.
pub const REQUIRED_LANGS: [&str; 3] = ["ar", "en", "fr"];

/// Languages every `Text` of the shipped data must have: all four the interface offers.
/// `atlas-bundle build` and `check` hold the data to these ([`validate_complete`]).
pub const CONTENT_LANGS: [&str; 4] = ["ar", "en", "fr", "es"];

/// The longest text (one language of a `Text`) a bundle may hold. The longest shipped text
/// is about 500 bytes; anything near this limit is a mistake (a pasted file, a generator bug)
/// that would only make every card and the search index slow.
pub const MAX_TEXT_BYTES: usize = 100_000;

/// The longest alias or acronym, in characters: a name someone types, not a text (the
/// longest shipped alias has 51).
pub const MAX_NAME_CHARS: usize = 200;

/// Values quoted in messages are cut to this many bytes, so a 10 MB id gives a short message.
const QUOTE: usize = 80;

/// `s` for a message: cut (at a character boundary) when longer than [`QUOTE`] bytes.
fn q(s: &str) -> std::borrow::Cow<'_, str> {
    truncate(s, QUOTE)
}

/// At most `max` bytes of `s`, cut at a character boundary, with "…" when cut.
pub(crate) fn truncate(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if s.len() <= max {
        return s.into();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes)", &s[..end], s.len()).into()
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Target {
    Source,
    Country,
    Place,
    Organization,
    Person,
    Topic,
    Event,
    Figure,
}

impl Target {
    fn name(self) -> &'static str {
        match self {
            Target::Source => "source",
            Target::Country => "country",
            Target::Place => "place",
            Target::Organization => "organization",
            Target::Person => "person",
            Target::Topic => "topic",
            Target::Event => "event",
            Target::Figure => "figure",
        }
    }
}

struct Checker<'b> {
    /// The languages every text must have.
    langs: &'static [&'static str],
    ids: HashMap<&'b str, Target>,
    problems: Vec<Problem>,
}

struct At<'a> {
    collection: &'static str,
    index: usize,
    id: &'a str,
}

impl Checker<'_> {
    fn push(&mut self, at: &At<'_>, field: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            collection: at.collection,
            index: at.index,
            id: q(at.id).into_owned(),
            field: field.into(),
            message: message.into(),
        });
    }

    fn text(&mut self, at: &At<'_>, field: &str, t: &Text) {
        for &lang in self.langs {
            if t.get(lang).is_none() {
                self.push(
                    at,
                    format!("{field}.{lang}"),
                    format!("the {} text is missing or empty", lang_name(lang)),
                );
            }
        }
        for (lang, s) in t.all() {
            if s.len() > MAX_TEXT_BYTES {
                self.push(
                    at,
                    format!("{field}.{lang}"),
                    format!(
                        "the text is {} bytes long; the limit is {MAX_TEXT_BYTES}",
                        s.len()
                    ),
                );
            }
        }
    }

    /// Another name (an alias, an acronym): something to search for, so neither blank nor
    /// a text pasted in its place.
    fn name(&mut self, at: &At<'_>, field: String, n: &str) {
        let chars = n.chars().count();
        if crate::analyze::tokenize(n).is_empty() {
            // Blank, or only marks and punctuation («—», a zero-width space).
            self.push(at, field, "a name without a word finds nothing; remove it");
        } else if chars > MAX_NAME_CHARS {
            let message =
                format!("the name is {chars} characters long; the limit is {MAX_NAME_CHARS}");
            self.push(at, field, message);
        }
    }

    fn names(&mut self, at: &At<'_>, field: &str, names: &[String]) {
        for (i, n) in names.iter().enumerate() {
            self.name(at, format!("{field}[{i}]"), n);
        }
    }

    fn reference(&mut self, at: &At<'_>, field: &str, id: &str, allowed: &[Target]) {
        match self.ids.get(id) {
            None => {
                let kinds: Vec<&str> = allowed.iter().map(|t| t.name()).collect();
                self.push(
                    at,
                    field,
                    format!("`{}` does not name any {}", q(id), kinds.join(" or ")),
                );
            }
            Some(t) if !allowed.contains(t) => {
                let kinds: Vec<&str> = allowed.iter().map(|t| t.name()).collect();
                self.push(
                    at,
                    field,
                    format!(
                        "`{}` is a {}, expected a {}",
                        q(id),
                        t.name(),
                        kinds.join(" or ")
                    ),
                );
            }
            Some(_) => {}
        }
    }

    fn references(&mut self, at: &At<'_>, field: &str, ids: &[String], allowed: &[Target]) {
        for (i, id) in ids.iter().enumerate() {
            self.reference(at, &format!("{field}[{i}]"), id, allowed);
        }
    }

    fn sources(&mut self, at: &At<'_>, ids: &[String]) {
        if ids.is_empty() {
            self.push(at, "sources", "every record needs at least one source");
        }
        self.references(at, "sources", ids, &[Target::Source]);
    }

    fn slug(&mut self, at: &At<'_>, id: &str) {
        let ok = !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !id.starts_with('-')
            && !id.ends_with('-');
        if !ok {
            self.push(
                at,
                "id",
                format!("`{}` is not a slug (a-z, 0-9 and inner hyphens)", q(id)),
            );
        }
    }
}

fn lang_name(lang: &str) -> &'static str {
    match lang {
        "ar" => "Arabic",
        "en" => "English",
        "fr" => "French",
        "es" => "Spanish",
        _ => "required",
    }
}

/// Checks a bundle as the app reads it (texts in [`REQUIRED_LANGS`]); an empty result means
/// it is valid.
pub fn validate(b: &Bundle) -> Vec<Problem> {
    check(b, &REQUIRED_LANGS)
}

/// Checks a bundle as the data must be shipped: [`validate`]'s rules, and every text in all
/// of [`CONTENT_LANGS`] (a missing Spanish text is a problem here, a fallback in the app).
pub fn validate_complete(b: &Bundle) -> Vec<Problem> {
    let mut c = Checker {
        langs: &CONTENT_LANGS,
        ids: HashMap::new(),
        problems: check(b, &CONTENT_LANGS),
    };
    // The shipped data says what every claim means in each reader's language. Checked here
    // only, not in `check`, which the app runs on every first load: a bundle without a gloss
    // (or with a gloss short of a language) loads, and the app shows the value alone (or
    // the gloss in Arabic).
    for (index, d) in b.disagreements.iter().enumerate() {
        let at = At {
            collection: "disagreements",
            index,
            id: &d.id,
        };
        for (i, claim) in d.claims.iter().enumerate() {
            let field = format!("claims[{i}].gloss");
            match &claim.gloss {
                Some(g) => c.text(&at, &field, g),
                None => c.push(
                    &at,
                    field,
                    "the claim needs a gloss in every language: what it says, or what sets \
                     the spelling apart",
                ),
            }
        }
    }
    c.problems
}

fn check(b: &Bundle, langs: &'static [&'static str]) -> Vec<Problem> {
    let mut c = Checker {
        langs,
        ids: HashMap::new(),
        problems: Vec::new(),
    };
    if b.schema_version != SCHEMA_VERSION {
        c.problems.push(Problem {
            collection: "bundle",
            index: 0,
            id: String::new(),
            field: "schema_version".into(),
            message: format!(
                "schema version {} is not supported (this app reads version {SCHEMA_VERSION})",
                b.schema_version
            ),
        });
    }

    // Ids: one namespace for every record kind (a URL's ?id= names any of them). A clash is
    // reported at every record that uses the id, so each place can be found.
    let mut all: Vec<(&'static str, usize, &str, Option<Target>)> = Vec::new();
    macro_rules! register {
        ($coll:literal, $list:expr, $target:expr) => {
            for (index, r) in $list.iter().enumerate() {
                all.push(($coll, index, r.id.as_str(), $target));
            }
        };
    }
    register!("sources", b.sources, Some(Target::Source));
    register!("places", b.places, Some(Target::Place));
    register!("organizations", b.organizations, Some(Target::Organization));
    register!("people", b.people, Some(Target::Person));
    register!("topics", b.topics, Some(Target::Topic));
    register!("events", b.events, Some(Target::Event));
    register!("figures", b.figures, Some(Target::Figure));
    // Disagreements are referenced by nothing, but their ids share the namespace.
    register!("disagreements", b.disagreements, None);
    let mut uses: HashMap<&str, usize> = HashMap::new();
    for (_, _, id, _) in &all {
        *uses.entry(id).or_default() += 1;
    }
    for (collection, index, id, target) in &all {
        if uses[id] > 1 {
            let at = At {
                collection,
                index: *index,
                id,
            };
            c.push(
                &at,
                "id",
                format!("duplicate id `{}` (used by {} records)", q(id), uses[id]),
            );
        }
        if let Some(t) = target {
            c.ids.entry(id).or_insert(*t);
        }
    }
    for (index, country) in b.countries.iter().enumerate() {
        let at = At {
            collection: "countries",
            index,
            id: &country.id,
        };
        let ok = country.id.len() == 2 && country.id.bytes().all(|x| x.is_ascii_uppercase());
        if !ok {
            c.push(
                &at,
                "id",
                format!("`{}` is not an ISO 3166-1 alpha-2 code", q(&country.id)),
            );
        }
        if c.ids.insert(country.id.as_str(), Target::Country).is_some() {
            c.push(&at, "id", format!("duplicate country `{}`", q(&country.id)));
        }
        c.text(&at, "name", &country.name);
        c.names(&at, "aliases", &country.aliases);
    }

    for (index, s) in b.sources.iter().enumerate() {
        let at = At {
            collection: "sources",
            index,
            id: &s.id,
        };
        c.slug(&at, &s.id);
        c.text(&at, "outlet", &s.outlet);
        c.text(&at, "about", &s.about);
        if let Some(a) = &s.author {
            c.text(&at, "author", a);
        }
        if let Some(d) = &s.dateline {
            c.reference(&at, "dateline", d, &[Target::Place]);
        }
        if s.language.is_empty()
            || !s
                .language
                .bytes()
                .all(|x| x.is_ascii_alphabetic() || x == b'-')
        {
            c.push(
                &at,
                "language",
                format!("`{}` is not a language tag", q(&s.language)),
            );
        }
        if s.date.is_none() && s.date_inferred {
            c.push(&at, "date_inferred", "set without a date");
        }
    }

    for (index, p) in b.places.iter().enumerate() {
        let at = At {
            collection: "places",
            index,
            id: &p.id,
        };
        c.slug(&at, &p.id);
        c.text(&at, "name", &p.name);
        c.names(&at, "aliases", &p.aliases);
        c.text(&at, "summary", &p.summary);
        c.reference(&at, "country", &p.country, &[Target::Country]);
        if !p.lat.is_finite() || !(-90.0..=90.0).contains(&p.lat) {
            c.push(
                &at,
                "lat",
                format!("latitude {} is outside -90..90", shortest(p.lat)),
            );
        }
        if !p.lon.is_finite() || !(-180.0..=180.0).contains(&p.lon) {
            c.push(
                &at,
                "lon",
                format!("longitude {} is outside -180..180", shortest(p.lon)),
            );
        }
        c.sources(&at, &p.sources);
    }

    for (index, o) in b.organizations.iter().enumerate() {
        let at = At {
            collection: "organizations",
            index,
            id: &o.id,
        };
        c.slug(&at, &o.id);
        c.text(&at, "name", &o.name);
        c.names(&at, "aliases", &o.aliases);
        if let Some(a) = &o.acronym {
            c.name(&at, "acronym".into(), a);
        }
        c.text(&at, "summary", &o.summary);
        if let Some(country) = &o.country {
            c.reference(&at, "country", country, &[Target::Country]);
        }
        if let Some(parent) = &o.parent {
            c.reference(&at, "parent", parent, &[Target::Organization]);
            if parent == &o.id {
                c.push(&at, "parent", "an organisation cannot be its own parent");
            }
        }
        c.sources(&at, &o.sources);
    }

    for (index, p) in b.people.iter().enumerate() {
        let at = At {
            collection: "people",
            index,
            id: &p.id,
        };
        c.slug(&at, &p.id);
        c.text(&at, "name", &p.name);
        c.names(&at, "aliases", &p.aliases);
        c.text(&at, "role", &p.role);
        c.text(&at, "summary", &p.summary);
        c.references(
            &at,
            "organizations",
            &p.organizations,
            &[Target::Organization],
        );
        c.sources(&at, &p.sources);
    }

    for (index, t) in b.topics.iter().enumerate() {
        let at = At {
            collection: "topics",
            index,
            id: &t.id,
        };
        c.slug(&at, &t.id);
        c.text(&at, "name", &t.name);
        c.names(&at, "aliases", &t.aliases);
    }

    let mut measures: HashMap<&str, usize> = HashMap::new();
    for (index, m) in b.measures.iter().enumerate() {
        let at = At {
            collection: "measures",
            index,
            id: &m.id,
        };
        c.slug(&at, &m.id);
        c.text(&at, "name", &m.name);
        if let Some(first) = measures.insert(m.id.as_str(), index) {
            c.push(
                &at,
                "id",
                format!(
                    "measure `{}` is already defined (measures[{first}])",
                    q(&m.id)
                ),
            );
        }
    }

    for (index, e) in b.events.iter().enumerate() {
        let at = At {
            collection: "events",
            index,
            id: &e.id,
        };
        c.slug(&at, &e.id);
        c.text(&at, "title", &e.title);
        c.text(&at, "summary", &e.summary);
        if let Some(end) = e.end {
            if end.sort_key() < e.start.sort_key() && end.year <= e.start.year {
                c.push(
                    &at,
                    "end",
                    format!("ends ({end}) before it starts ({})", e.start),
                );
            }
        }
        if let Some(p) = &e.place {
            c.reference(&at, "place", p, &[Target::Place]);
        }
        if let Some(country) = &e.country {
            c.reference(&at, "country", country, &[Target::Country]);
        }
        c.references(&at, "organizers", &e.organizers, &[Target::Organization]);
        c.references(
            &at,
            "participants",
            &e.participants,
            &[Target::Person, Target::Organization],
        );
        c.references(&at, "topics", &e.topics, &[Target::Topic]);
        if e.edition == Some(0) {
            c.push(&at, "edition", "editions start at 1");
        }
        c.sources(&at, &e.sources);
    }

    for (index, f) in b.figures.iter().enumerate() {
        let at = At {
            collection: "figures",
            index,
            id: &f.id,
        };
        c.slug(&at, &f.id);
        c.text(&at, "label", &f.label);
        if !f.value.is_finite() || f.value < 0.0 {
            c.push(
                &at,
                "value",
                format!("{} is not a count or amount", shortest(f.value)),
            );
        }
        if f.unit.as_deref() == Some("percent") && f.value > 100.0 {
            c.push(
                &at,
                "value",
                format!("{} is more than 100 percent", shortest(f.value)),
            );
        }
        if f.measure.is_empty()
            || !f
                .measure
                .bytes()
                .all(|x| x.is_ascii_lowercase() || x == b'-')
        {
            c.push(
                &at,
                "measure",
                format!("`{}` is not a measure id (a-z and hyphens)", q(&f.measure)),
            );
        } else if !measures.is_empty() && !measures.contains_key(f.measure.as_str()) {
            // A bundle without measures (an older one) heads groups by the id instead.
            c.push(
                &at,
                "measure",
                format!(
                    "no measure `{}` is defined (the measures name what figures count)",
                    q(&f.measure)
                ),
            );
        }
        if let Some(p) = &f.period {
            if let Some(to) = p.to {
                if to.sort_key() < p.from.sort_key() {
                    c.push(
                        &at,
                        "period",
                        format!("ends ({to}) before it starts ({})", p.from),
                    );
                }
            }
        }
        if let Some(e) = &f.event {
            c.reference(&at, "event", e, &[Target::Event]);
        }
        if let Some(p) = &f.place {
            c.reference(&at, "place", p, &[Target::Place]);
        }
        if let Some(s) = &f.subject {
            c.reference(
                &at,
                "subject",
                s,
                &[Target::Person, Target::Organization, Target::Event],
            );
        }
        c.sources(&at, &f.sources);
    }

    for (index, d) in b.disagreements.iter().enumerate() {
        let at = At {
            collection: "disagreements",
            index,
            id: &d.id,
        };
        c.slug(&at, &d.id);
        c.text(&at, "about", &d.about);
        c.references(&at, "figures", &d.figures, &[Target::Figure]);
        for (i, claim) in d.claims.iter().enumerate() {
            c.reference(
                &at,
                &format!("claims[{i}].source"),
                &claim.source,
                &[Target::Source],
            );
            if claim.value.trim().is_empty() {
                c.push(&at, format!("claims[{i}].value"), "empty claim");
            }
        }
        if d.relation == Relation::Context && (d.figures.len() < 2 || !d.claims.is_empty()) {
            c.push(
                &at,
                "relation",
                "a context note relates figures: it needs at least two figures and no claims",
            );
        } else if d.figures.len() + d.claims.len() < 2 {
            c.push(
                &at,
                "figures",
                "a disagreement needs at least two claims or figures",
            );
        }
        if let Some(s) = &d.subject {
            c.reference(
                &at,
                "subject",
                s,
                &[
                    Target::Event,
                    Target::Person,
                    Target::Organization,
                    Target::Place,
                    Target::Figure,
                ],
            );
        }
    }

    // Broken plurals: one Arabic word each, plural and singular different, and no form of
    // a plural claimed by two singulars.
    let mut keys: Vec<(usize, String)> = Vec::new();
    let mut singulars: Vec<String> = Vec::with_capacity(b.plurals.len());
    for (index, p) in b.plurals.iter().enumerate() {
        singulars.push(crate::lexicon::reduce_word(&p.singular).1);
        let at = At {
            collection: "plurals",
            index,
            id: "",
        };
        let mut ok = true;
        for (field, word) in [("plural", &p.plural), ("singular", &p.singular)] {
            let tokens = crate::analyze::tokenize(word);
            let arabic = tokens.len() == 1
                && tokens[0]
                    .norm
                    .chars()
                    .all(|ch| crate::normalize::class(ch) == crate::normalize::Class::Arabic);
            if !arabic {
                c.push(&at, field, format!("“{}” is not one Arabic word", q(word)));
                ok = false;
            } else if tokens[0].bare != tokens[0].norm && !tokens[0].clitic() {
                c.push(
                    &at,
                    field,
                    format!("write “{}” without the article or a clitic", q(word)),
                );
                ok = false;
            }
        }
        if !ok {
            continue;
        }
        let singular = &singulars[index];
        let (_, plural_stem) = crate::lexicon::reduce_word(&p.plural);
        if plural_stem == *singular {
            c.push(
                &at,
                "plural",
                format!(
                    "“{}” and “{}” already meet without the lexicon (same stem)",
                    q(&p.plural),
                    q(&p.singular)
                ),
            );
            continue;
        }
        keys.extend(
            crate::lexicon::plural_keys(&p.plural)
                .into_iter()
                .map(|k| (index, k)),
        );
    }
    // Key → the first entry that gives it (the map type the id check uses).
    let mut claimed: HashMap<&str, usize> = HashMap::new();
    let mut reported = vec![false; b.plurals.len()];
    for (index, key) in &keys {
        match claimed.get(key.as_str()) {
            Some(&first) if singulars[first] != singulars[*index] && !reported[*index] => {
                reported[*index] = true;
                let at = At {
                    collection: "plurals",
                    index: *index,
                    id: "",
                };
                let message = format!(
                    "“{}” is also a form of the plural in entry {} (another singular)",
                    q(&b.plurals[*index].plural),
                    first + 1
                );
                c.push(&at, "plural", message);
            }
            Some(_) => {}
            None => {
                claimed.insert(key, *index);
            }
        }
    }
    c.problems
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHIPPED: &str = include_str!("../../../public/data/bundle.json");

    fn shipped() -> Bundle {
        serde_json::from_str(SHIPPED).expect("the shipped bundle parses")
    }

    #[test]
    fn the_shipped_bundle_has_every_text_in_all_four_languages() {
        let b = shipped();
        assert_eq!(validate(&b), Vec::new());
        assert_eq!(validate_complete(&b), Vec::new());
    }

    #[test]
    fn an_empty_or_overlong_other_name_is_a_problem_at_its_place() {
        let mut b = shipped();
        b.countries[0].aliases.push("  ".into());
        // 201 letters; 200 Arabic letters (400 bytes) are within the limit.
        b.places[1].aliases = vec!["م".repeat(MAX_NAME_CHARS), "x".repeat(MAX_NAME_CHARS + 1)];
        b.organizations[0].acronym = Some(String::new());
        b.people[0].aliases.insert(0, "\u{200b}—".into());
        b.topics[2].aliases.push(String::new());
        let found: Vec<(&str, usize, String)> = validate(&b)
            .iter()
            .map(|p| (p.collection, p.index, p.field.clone()))
            .collect();
        let n = b.countries[0].aliases.len() - 1;
        assert_eq!(
            found,
            [
                ("countries", 0, format!("aliases[{n}]")),
                ("places", 1, "aliases[1]".to_string()),
                ("organizations", 0, "acronym".to_string()),
                ("people", 0, "aliases[0]".to_string()),
                (
                    "topics",
                    2,
                    format!("aliases[{}]", b.topics[2].aliases.len() - 1)
                ),
            ]
        );
    }

    #[test]
    fn a_figure_names_a_defined_measure_once_measures_are_given() {
        let mut b = shipped();
        assert!(
            !b.measures.is_empty(),
            "the shipped data defines its measures"
        );
        b.figures[2].measure = "unheard-of".into();
        let dup = b.measures[0].clone();
        b.measures.push(dup);
        let found: Vec<(&str, usize, String)> = validate(&b)
            .iter()
            .map(|p| (p.collection, p.index, p.field.clone()))
            .collect();
        let n = b.measures.len() - 1;
        assert_eq!(
            found,
            [
                ("measures", n, "id".to_string()),
                ("figures", 2, "measure".to_string())
            ]
        );
        // An older bundle without measures still loads (groups are headed by the id).
        b.measures.clear();
        assert_eq!(validate(&b), Vec::new());
        let c = crate::Catalog::new(b);
        assert_eq!(c.measure_name("cells-dismantled", "en"), "cells dismantled");
        let c = crate::Catalog::new(shipped());
        assert_eq!(c.measure_name("countries", "fr"), "Pays");
    }

    #[test]
    fn a_missing_spanish_text_is_a_problem_for_the_data_not_for_the_app() {
        let mut b = shipped();
        b.events[1].summary.es = None;
        b.figures[0].label.es = Some(" ".into());
        assert_eq!(validate(&b), Vec::new(), "the app falls back to Arabic");
        let problems = validate_complete(&b);
        let found: Vec<(&str, usize, &str, &str)> = problems
            .iter()
            .map(|p| (p.collection, p.index, p.id.as_str(), p.field.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("events", 1, b.events[1].id.as_str(), "summary.es"),
                ("figures", 0, b.figures[0].id.as_str(), "label.es"),
            ]
        );
        assert!(
            problems[0]
                .to_string()
                .contains("the Spanish text is missing or empty"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn a_context_note_relates_two_figures_or_more_and_nothing_else() {
        let b = shipped();
        let i = b
            .disagreements
            .iter()
            .position(|d| d.relation == Relation::Context)
            .expect("the shipped data has a context note");
        let fields = |b: &Bundle| -> Vec<String> {
            validate(b)
                .into_iter()
                .filter(|p| p.collection == "disagreements" && p.index == i)
                .map(|p| p.field)
                .collect()
        };
        assert_eq!(fields(&b), Vec::<String>::new());
        let mut one = b.clone();
        one.disagreements[i].figures.truncate(1);
        assert_eq!(fields(&one), ["relation"]);
        let mut claims = b.clone();
        claims.disagreements[i].claims.push(Claim {
            value: "200".into(),
            source: b.sources[0].id.clone(),
            gloss: None,
        });
        assert_eq!(fields(&claims), ["relation"]);
        // The same figures as a conflict are valid: the rule is the context note's own.
        let mut conflict = claims;
        conflict.disagreements[i].relation = Relation::Conflict;
        assert_eq!(fields(&conflict), Vec::<String>::new());
    }

    #[test]
    fn a_claim_needs_its_gloss_in_the_shipped_data_not_to_load() {
        let b = shipped();
        let i = b
            .disagreements
            .iter()
            .position(|d| !d.claims.is_empty())
            .expect("the shipped data has claims");
        assert!(validate_complete(&b).is_empty());
        let fields = |problems: Vec<Problem>| -> Vec<String> {
            problems.into_iter().map(|p| p.field).collect()
        };
        let mut none = b.clone();
        none.disagreements[i].claims[1].gloss = None;
        assert_eq!(fields(validate_complete(&none)), ["claims[1].gloss"]);
        // A bundle without glosses still loads: the app shows the value alone.
        assert_eq!(fields(validate(&none)), Vec::<String>::new());
        let mut half = b.clone();
        if let Some(g) = half.disagreements[i].claims[0].gloss.as_mut() {
            g.es = None;
        }
        assert_eq!(fields(validate_complete(&half)), ["claims[0].gloss.es"]);
        assert_eq!(fields(validate(&half)), Vec::<String>::new());
    }

    #[test]
    fn every_language_is_required_by_the_complete_check() {
        for lang in CONTENT_LANGS {
            let mut b = shipped();
            let t = &mut b.people[0].role;
            match lang {
                "ar" => t.ar.clear(),
                "en" => t.en.clear(),
                "fr" => t.fr.clear(),
                _ => t.es = None,
            }
            let fields: Vec<String> = validate_complete(&b).into_iter().map(|p| p.field).collect();
            assert_eq!(fields, [format!("role.{lang}")], "{lang}");
            assert_eq!(
                validate(&b).len(),
                usize::from(REQUIRED_LANGS.contains(&lang)),
                "{lang}"
            );
        }
    }
}
