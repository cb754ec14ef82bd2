//! Lookups across a bundle: any record by id, its display name, and what it is linked to.

use crate::model::*;
use std::collections::HashMap;

/// A reference to one record of a bundle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordRef {
    pub kind: Kind,
    pub index: usize,
}

/// A bundle with an id index over every record kind.
#[derive(Debug, Default)]
pub struct Catalog {
    pub bundle: Bundle,
    by_id: HashMap<String, RecordRef>,
    countries: HashMap<String, usize>,
    /// Figure indexes per event id, and event indexes per place id (cards and the map ask
    /// for these once per record shown).
    figures_by_event: HashMap<String, Vec<usize>>,
    events_by_place: HashMap<String, Vec<usize>>,
    /// Disagreement indexes per figure id, in bundle order (the statistics ask for each
    /// figure's disagreement on every selection change).
    disagreements_by_figure: HashMap<String, Vec<usize>>,
    /// Per statistics grouping (by measure, by event), each group key's place in the whole
    /// catalogue's group order (built on first use by [`crate::stats::group_figures`]).
    pub(crate) group_order: [std::sync::OnceLock<HashMap<String, usize>>; 2],
}

/// A borrowed view of any record.
#[derive(Clone, Copy, Debug)]
pub enum Record<'a> {
    Event(&'a Event),
    Figure(&'a Figure),
    Person(&'a Person),
    Organization(&'a Organization),
    Place(&'a Place),
    Source(&'a Source),
}

impl Catalog {
    /// Indexes a bundle. Ids are assumed unique (validation checks that first); on a
    /// duplicate the first record wins.
    pub fn new(bundle: Bundle) -> Self {
        let mut by_id = HashMap::new();
        let mut add = |id: &str, kind: Kind, index: usize| {
            by_id
                .entry(id.to_string())
                .or_insert(RecordRef { kind, index });
        };
        for (i, r) in bundle.events.iter().enumerate() {
            add(&r.id, Kind::Event, i);
        }
        for (i, r) in bundle.figures.iter().enumerate() {
            add(&r.id, Kind::Figure, i);
        }
        for (i, r) in bundle.people.iter().enumerate() {
            add(&r.id, Kind::Person, i);
        }
        for (i, r) in bundle.organizations.iter().enumerate() {
            add(&r.id, Kind::Organization, i);
        }
        for (i, r) in bundle.places.iter().enumerate() {
            add(&r.id, Kind::Place, i);
        }
        for (i, r) in bundle.sources.iter().enumerate() {
            add(&r.id, Kind::Source, i);
        }
        let countries = bundle
            .countries
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        let mut figures_by_event: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, f) in bundle.figures.iter().enumerate() {
            if let Some(e) = &f.event {
                figures_by_event.entry(e.clone()).or_default().push(i);
            }
        }
        let mut events_by_place: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in bundle.events.iter().enumerate() {
            if let Some(p) = &e.place {
                events_by_place.entry(p.clone()).or_default().push(i);
            }
        }
        let mut disagreements_by_figure: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, d) in bundle.disagreements.iter().enumerate() {
            for f in &d.figures {
                let at = disagreements_by_figure.entry(f.clone()).or_default();
                // A figure named twice in one disagreement still belongs to it once.
                if at.last() != Some(&i) {
                    at.push(i);
                }
            }
        }
        Catalog {
            bundle,
            by_id,
            countries,
            figures_by_event,
            events_by_place,
            disagreements_by_figure,
            group_order: Default::default(),
        }
    }

    pub fn lookup(&self, id: &str) -> Option<RecordRef> {
        self.by_id.get(id).copied()
    }

    pub fn get(&self, r: RecordRef) -> Record<'_> {
        let b = &self.bundle;
        match r.kind {
            Kind::Event => Record::Event(&b.events[r.index]),
            Kind::Figure => Record::Figure(&b.figures[r.index]),
            Kind::Person => Record::Person(&b.people[r.index]),
            Kind::Organization => Record::Organization(&b.organizations[r.index]),
            Kind::Place => Record::Place(&b.places[r.index]),
            Kind::Source => Record::Source(&b.sources[r.index]),
        }
    }

    pub fn record(&self, id: &str) -> Option<Record<'_>> {
        self.lookup(id).map(|r| self.get(r))
    }

    pub fn place(&self, id: &str) -> Option<&Place> {
        match self.record(id) {
            Some(Record::Place(p)) => Some(p),
            _ => None,
        }
    }

    pub fn event(&self, id: &str) -> Option<&Event> {
        match self.record(id) {
            Some(Record::Event(e)) => Some(e),
            _ => None,
        }
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        match self.record(id) {
            Some(Record::Source(s)) => Some(s),
            _ => None,
        }
    }

    pub fn country(&self, id: &str) -> Option<&Country> {
        self.countries.get(id).map(|&i| &self.bundle.countries[i])
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.bundle.topics.iter().find(|t| t.id == id)
    }

    pub fn measure(&self, id: &str) -> Option<&Measure> {
        self.bundle.measures.iter().find(|m| m.id == id)
    }

    /// The name of the measure `id` in `lang` (see [`Text::get_or_ar`]), or the id with
    /// spaces for hyphens when the bundle does not define it.
    pub fn measure_name(&self, id: &str, lang: &str) -> String {
        match self.measure(id) {
            Some(m) => m.name.get_or_ar(lang).0.to_string(),
            None => id.replace('-', " "),
        }
    }

    /// Every record, in a stable order (events, figures, people, organisations, places,
    /// sources; each in bundle order).
    pub fn all(&self) -> Vec<RecordRef> {
        Kind::ALL
            .into_iter()
            .flat_map(|kind| {
                (0..self.bundle.count(kind)).map(move |index| RecordRef { kind, index })
            })
            .collect()
    }

    /// Ids of the records this one links to, and of the records that link to it.
    pub fn related(&self, id: &str) -> Vec<RecordRef> {
        let Some(me) = self.lookup(id) else {
            return Vec::new();
        };
        let mut ids: Vec<&str> = self.get(me).links();
        // Backlinks: anything whose links contain `id`.
        for r in self.all() {
            if r != me && self.get(r).links().contains(&id) {
                ids.push(self.get(r).id());
            }
        }
        let mut out: Vec<RecordRef> = ids.into_iter().filter_map(|i| self.lookup(i)).collect();
        out.retain(|r| *r != me);
        crate::order::sort(&mut out);
        out.dedup();
        out
    }

    /// Disagreements that involve a record (as subject, or through one of its figures).
    pub fn disagreements_about(&self, id: &str) -> Vec<&Disagreement> {
        self.bundle
            .disagreements
            .iter()
            .filter(|d| {
                d.subject.as_deref() == Some(id) || d.id == id || d.figures.iter().any(|f| f == id)
            })
            .collect()
    }

    /// Whether sources disagree about the record `id` (its "sources differ" mark): a
    /// conflict names it, not only a context note (figures read together).
    pub fn sources_differ(&self, id: &str) -> bool {
        self.disagreements_about(id)
            .iter()
            .any(|d| d.relation.is_conflict())
    }
}

impl<'a> Record<'a> {
    pub fn id(&self) -> &'a str {
        match self {
            Record::Event(r) => &r.id,
            Record::Figure(r) => &r.id,
            Record::Person(r) => &r.id,
            Record::Organization(r) => &r.id,
            Record::Place(r) => &r.id,
            Record::Source(r) => &r.id,
        }
    }

    pub fn kind(&self) -> Kind {
        match self {
            Record::Event(_) => Kind::Event,
            Record::Figure(_) => Kind::Figure,
            Record::Person(_) => Kind::Person,
            Record::Organization(_) => Kind::Organization,
            Record::Place(_) => Kind::Place,
            Record::Source(_) => Kind::Source,
        }
    }

    /// The record's title: name, event title, figure label or outlet.
    pub fn title(&self) -> &'a Text {
        match self {
            Record::Event(r) => &r.title,
            Record::Figure(r) => &r.label,
            Record::Person(r) => &r.name,
            Record::Organization(r) => &r.name,
            Record::Place(r) => &r.name,
            Record::Source(r) => &r.outlet,
        }
    }

    pub fn summary(&self) -> Option<&'a Text> {
        match self {
            Record::Event(r) => Some(&r.summary),
            Record::Figure(_) => None,
            Record::Person(r) => Some(&r.summary),
            Record::Organization(r) => Some(&r.summary),
            Record::Place(r) => Some(&r.summary),
            Record::Source(r) => Some(&r.about),
        }
    }

    pub fn sources(&self) -> &'a [String] {
        match self {
            Record::Event(r) => &r.sources,
            Record::Figure(r) => &r.sources,
            Record::Person(r) => &r.sources,
            Record::Organization(r) => &r.sources,
            Record::Place(r) => &r.sources,
            Record::Source(_) => &[],
        }
    }

    pub fn aliases(&self) -> Vec<&'a str> {
        match self {
            Record::Person(r) => r.aliases.iter().map(String::as_str).collect(),
            Record::Organization(r) => r
                .acronym
                .iter()
                .chain(r.aliases.iter())
                .map(String::as_str)
                .collect(),
            Record::Place(r) => r.aliases.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        }
    }

    /// The other names a page in `lang` lists: the aliases (an organisation's acronym
    /// first) without the name the page is titled by and without repeats (letter case
    /// aside).
    pub fn other_names(&self, lang: &str) -> Vec<&'a str> {
        let title = self.title().get_or_ar(lang).0.trim().to_lowercase();
        let mut seen = vec![title];
        let mut out = Vec::new();
        for a in self.aliases() {
            let key = a.trim().to_lowercase();
            if !seen.contains(&key) {
                seen.push(key);
                out.push(a);
            }
        }
        out
    }

    /// Ids this record refers to (places, organisations, people, events, sources).
    pub fn links(&self) -> Vec<&'a str> {
        let mut out: Vec<&'a str> = Vec::new();
        match self {
            Record::Event(e) => {
                out.extend(e.place.as_deref());
                out.extend(e.organizers.iter().map(String::as_str));
                out.extend(e.participants.iter().map(String::as_str));
            }
            Record::Figure(f) => {
                out.extend(f.event.as_deref());
                out.extend(f.place.as_deref());
                out.extend(f.subject.as_deref());
            }
            Record::Person(p) => out.extend(p.organizations.iter().map(String::as_str)),
            Record::Organization(o) => out.extend(o.parent.as_deref()),
            Record::Place(_) => {}
            Record::Source(s) => out.extend(s.dateline.as_deref()),
        }
        out.extend(self.sources().iter().map(String::as_str));
        out
    }
}

impl Catalog {
    /// The order cards are listed in when there is no query: events newest first, then
    /// figures, people, organisations, places and sources in bundle order.
    pub fn browse_order(&self) -> Vec<RecordRef> {
        let mut all = self.all();
        crate::order::sort_by(&mut all, |a, b| {
            a.kind
                .cmp(&b.kind)
                .then_with(|| match (self.get(*a), self.get(*b)) {
                    (Record::Event(x), Record::Event(y)) => y
                        .start
                        .order_key()
                        .cmp(&x.start.order_key())
                        .then(a.index.cmp(&b.index)),
                    _ => a.index.cmp(&b.index),
                })
        });
        all
    }

    /// Figures reported about an event.
    pub fn figures_of_event(&self, event_id: &str) -> Vec<&Figure> {
        self.figures_by_event
            .get(event_id)
            .map_or_else(Vec::new, |ix| {
                ix.iter().map(|&i| &self.bundle.figures[i]).collect()
            })
    }

    /// The disagreements and context notes that name a figure, in bundle order.
    pub fn disagreements_of<'a>(
        &'a self,
        figure_id: &str,
    ) -> impl Iterator<Item = &'a Disagreement> + 'a {
        self.disagreements_by_figure
            .get(figure_id)
            .into_iter()
            .flatten()
            .map(|&i| &self.bundle.disagreements[i])
    }

    /// Events held (or planned) at a place.
    pub fn events_at(&self, place_id: &str) -> Vec<&Event> {
        self.events_by_place
            .get(place_id)
            .map_or_else(Vec::new, |ix| {
                ix.iter().map(|&i| &self.bundle.events[i]).collect()
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_names_leave_out_the_title_and_repeats() {
        let json = include_str!("../../../public/data/bundle.json");
        let c = Catalog::new(crate::load_bundle(json).expect("valid bundle"));
        let hub = c.record("gc-knowledge-hub").unwrap();
        // Its English title is one of its aliases: the English page does not list it again.
        assert!(hub.aliases().contains(&"GC Global Knowledge Hub"));
        assert!(!hub.other_names("en").contains(&"GC Global Knowledge Hub"));
        // The Arabic page, titled in Arabic, does.
        assert!(hub.other_names("ar").contains(&"GC Global Knowledge Hub"));
        // No page lists a name twice or repeats its title, whatever the letter case.
        for r in c.all() {
            let r = c.get(r);
            for lang in ["ar", "en", "fr", "es"] {
                let names = r.other_names(lang);
                let title = r.title().get_or_ar(lang).0.to_lowercase();
                let mut keys: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
                assert!(!keys.contains(&title), "{} {lang}: {names:?}", r.id());
                keys.sort();
                keys.dedup();
                assert_eq!(keys.len(), names.len(), "{} {lang}: {names:?}", r.id());
            }
        }
    }
}
