//! The bundle schema: the types the `atlas-bundle` compiler writes and the app reads.
//!
//! The same record types are used for the human-edited TOML files in `data/` and for the
//! compiled `bundle.json`, so a field that exists in one exists in the other.

use crate::date::PartialDate;
use serde::{Deserialize, Serialize};

/// Bumped whenever a change to these types would make an older app misread a bundle.
pub const SCHEMA_VERSION: u32 = 1;

#[cfg(feature = "schema")]
use schemars::JsonSchema;

/// A text in the content languages. Arabic, English and French are required to load; Spanish
/// is optional here (the UI falls back to Arabic with a marker), but the data `atlas-bundle`
/// compiles must have it too ([`crate::validate::validate_complete`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub ar: String,
    pub en: String,
    pub fr: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub es: Option<String>,
}

impl Text {
    /// The text in `lang`, or `None` when that language is missing.
    pub fn get(&self, lang: &str) -> Option<&str> {
        let s = match lang {
            "ar" => Some(self.ar.as_str()),
            "en" => Some(self.en.as_str()),
            "fr" => Some(self.fr.as_str()),
            "es" => self.es.as_deref(),
            _ => None,
        };
        s.filter(|s| !s.trim().is_empty())
    }

    /// The text in `lang`, falling back to Arabic. The flag says whether it fell back.
    pub fn get_or_ar(&self, lang: &str) -> (&str, bool) {
        match self.get(lang) {
            Some(s) => (s, false),
            None => (self.ar.as_str(), lang != "ar"),
        }
    }

    /// The text to show for `lang` and the language it is actually in (Arabic when the
    /// translation is missing), for `lang` attributes and "not translated" marks.
    pub fn shown<'a>(&'a self, lang: &'a str) -> (&'a str, &'a str) {
        match self.get(lang) {
            Some(s) => (s, lang),
            None => (self.ar.as_str(), "ar"),
        }
    }

    /// Every language variant that is present, for indexing.
    pub fn all(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("ar", Some(self.ar.as_str())),
            ("en", Some(self.en.as_str())),
            ("fr", Some(self.fr.as_str())),
            ("es", self.es.as_deref()),
        ]
        .into_iter()
        .filter_map(|(l, s)| s.map(|s| (l, s)))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// A news article.
    News,
    /// An organisation's own publication.
    Official,
}

/// A text the facts come from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    /// The outlet's name as it presents itself, with transliterations.
    pub outlet: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Text>,
    /// Publication date, with the precision known. Absent when the text is undated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// True when the year (or more) of `date` is inferred rather than printed.
    #[serde(default, skip_serializing_if = "is_false")]
    pub date_inferred: bool,
    /// BCP 47 language of the text.
    pub language: String,
    pub kind: SourceKind,
    /// What the text covers, in the project's own words.
    pub about: Text,
    /// Where the text was filed from, when the text gives a dateline (a place id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    /// The file of the collected text in the seed archive, for traceability.
    pub archive_file: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code.
    pub id: String,
    pub name: Text,
    /// Other names people type: Britain, UK, بريطانيا … (found through the records in or
    /// of the country).
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// A stable English slug such as `marrakech`.
    pub id: String,
    pub name: Text,
    /// Other spellings people type: Marrakesh, Tanger, Tanja, مراكش …
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A country id.
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    pub summary: Text,
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Organization {
    pub id: String,
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acronym: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A country id, for national bodies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The organisation this one belongs to (an organisation id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    pub summary: Text,
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: String,
    pub name: Text,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The role(s) the sources give.
    pub role: Text,
    /// Organisation ids.
    #[serde(default)]
    pub organizations: Vec<String>,
    pub summary: Text,
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    pub name: Text,
    /// Other words for it people type: كورونا and coronavirus for COVID-19, WMD for the
    /// weapons of mass destruction (found through the events tagged with it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// What a figure counts (`experts`, `countries`, …): its name heads the figure's group in
/// the statistics view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub id: String,
    pub name: Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum EventStatus {
    Held,
    Planned,
    Cancelled,
}

impl EventStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            EventStatus::Held => "held",
            EventStatus::Planned => "planned",
            EventStatus::Cancelled => "cancelled",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    Congress,
    Conference,
    GeneralAssembly,
    Meeting,
    WebinarSeries,
    Launch,
    Attack,
    Operation,
}

impl EventKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            EventKind::Congress => "congress",
            EventKind::Conference => "conference",
            EventKind::GeneralAssembly => "general-assembly",
            EventKind::Meeting => "meeting",
            EventKind::WebinarSeries => "webinar-series",
            EventKind::Launch => "launch",
            EventKind::Attack => "attack",
            EventKind::Operation => "operation",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: String,
    pub title: Text,
    pub kind: EventKind,
    pub start: PartialDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
    /// True when the year is implied by the source rather than printed.
    #[serde(default, skip_serializing_if = "is_false")]
    pub date_inferred: bool,
    pub status: EventStatus,
    /// Edition number in its series (47th conference, 92nd assembly), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<u32>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub edition_inferred: bool,
    /// A place id; absent when the sources do not say where.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// A country id, for events whose city is not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Organisation ids.
    #[serde(default)]
    pub organizers: Vec<String>,
    /// Person or organisation ids.
    #[serde(default)]
    pub participants: Vec<String>,
    /// Topic ids.
    #[serde(default)]
    pub topics: Vec<String>,
    pub summary: Text,
    pub sources: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    Exact,
    MoreThan,
    About,
}

impl Qualifier {
    pub fn as_str(&self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::MoreThan => "more-than",
            Qualifier::About => "about",
        }
    }
}

/// A span of years a figure counts over, e.g. 2002–2021.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub from: PartialDate,
    /// Absent for "since `from`".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<PartialDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub id: String,
    pub value: f64,
    pub qualifier: Qualifier,
    /// What is counted: the id of a [`Measure`] such as `experts`, `countries`.
    pub measure: String,
    /// A unit other than a count, e.g. `percent` or `weeks`: the label says it in words
    /// after the value («في المائة من…», "percent of…"), which is shown without a sign.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// A short label, in the project's own words.
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// An event id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// A place id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The person or organisation the figure is attributed to or is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Source ids (at least one).
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// What this source says, as a short value (a spelling, a date, an organiser), in the
    /// source's language.
    pub value: String,
    pub source: String,
    /// The value for a reader of each language: what it says, or for a spelling what sets
    /// it apart from the others. Shown after the value wherever it differs from it, so a
    /// reader who cannot read the source's language still learns what each source says.
    /// The shipped data gives one for every claim ([`crate::validate::validate_complete`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gloss: Option<Text>,
}

/// How the figures (or claims) of a [`Disagreement`] relate to each other.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// The sources say different things about the same fact ("sources differ").
    #[default]
    Conflict,
    /// Figures that do not contradict each other but are read together, e.g. one edition's
    /// attendance against the usual size of a meeting: shown side by side with the note.
    Context,
}

impl Relation {
    pub fn is_conflict(&self) -> bool {
        *self == Relation::Conflict
    }
}

/// Two or more sources that say different things about the same fact, or (with
/// `relation = "context"`) figures that are shown together with a note on how they relate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Disagreement {
    pub id: String,
    /// A conflict (the default) or a context note.
    #[serde(default, skip_serializing_if = "Relation::is_conflict")]
    pub relation: Relation,
    pub about: Text,
    /// Figure ids that disagree with each other.
    #[serde(default)]
    pub figures: Vec<String>,
    /// Other claims (spellings, organisers, titles), each with its source.
    #[serde(default)]
    pub claims: Vec<Claim>,
    /// The record the disagreement is about (an event, organisation, person…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
}

/// The compiled bundle the app fetches.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    pub schema_version: u32,
    pub sources: Vec<Source>,
    pub countries: Vec<Country>,
    pub places: Vec<Place>,
    pub organizations: Vec<Organization>,
    pub people: Vec<Person>,
    pub topics: Vec<Topic>,
    /// What figures count (`data/measures.toml`). A bundle without them still loads: a
    /// figure's group is then headed by its measure id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<Measure>,
    pub events: Vec<Event>,
    pub figures: Vec<Figure>,
    pub disagreements: Vec<Disagreement>,
    /// Broken plurals and their singulars, for search (`data/plurals.toml`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plurals: Vec<Plural>,
}

/// A broken plural (جمع تكسير) and its singular: search files each form of the plural under
/// the singular's stem, so مدن finds مدينة and the other way round.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Plural {
    /// The plural, one word without the article (مدن).
    pub plural: String,
    /// Its singular, one word without the article (مدينة).
    pub singular: String,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The kinds of record a card can show, with the names used in `data-kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Event,
    Figure,
    Person,
    Organization,
    Place,
    Source,
}

impl Bundle {
    /// How many records of `kind` the bundle holds.
    pub fn count(&self, kind: Kind) -> usize {
        match kind {
            Kind::Event => self.events.len(),
            Kind::Figure => self.figures.len(),
            Kind::Person => self.people.len(),
            Kind::Organization => self.organizations.len(),
            Kind::Place => self.places.len(),
            Kind::Source => self.sources.len(),
        }
    }

    /// How many records it holds in all.
    pub fn records(&self) -> usize {
        Kind::ALL.into_iter().map(|k| self.count(k)).sum()
    }
}

impl Kind {
    /// Every kind, in its order (the order of `RecordRef` and of browsing).
    pub const ALL: [Kind; 6] = [
        Kind::Event,
        Kind::Figure,
        Kind::Person,
        Kind::Organization,
        Kind::Place,
        Kind::Source,
    ];

    /// The kind named `s` (its [`Kind::as_str`]), if any.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Kind::Event => "event",
            Kind::Figure => "figure",
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Place => "place",
            Kind::Source => "source",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_falls_back_to_arabic_and_says_so() {
        let t = Text {
            ar: "مراكش".into(),
            en: "Marrakech".into(),
            fr: "Marrakech".into(),
            es: None,
        };
        assert_eq!(t.shown("en"), ("Marrakech", "en"));
        assert_eq!(t.shown("es"), ("مراكش", "ar"));
        assert_eq!(t.shown("xx"), ("مراكش", "ar"));
        assert_eq!(t.get_or_ar("es"), ("مراكش", true));
        assert_eq!(t.get_or_ar("ar"), ("مراكش", false));
        let blank = Text {
            es: Some("  ".into()),
            ..t
        };
        assert_eq!(
            blank.shown("es").1,
            "ar",
            "a blank translation counts as missing"
        );
    }
}
