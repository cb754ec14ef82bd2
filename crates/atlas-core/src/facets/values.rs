//! What each record of a catalog carries in every facet (see the module documentation of
//! [`super`]): its own values, then those of the events it takes part in. Computed once,
//! at build time of a [`super::FacetIndex`] or of a split; everything after works on the
//! interned table of [`super::table`].

use crate::catalog::{Catalog, Record, RecordRef};
use crate::model::{EventStatus, Kind};
use std::collections::{BTreeSet, HashMap};

/// The facet values of one record.
#[derive(Clone, Debug)]
pub(crate) struct Values {
    pub kind: Kind,
    pub places: BTreeSet<String>,
    pub countries: BTreeSet<String>,
    pub years: BTreeSet<i32>,
    pub orgs: BTreeSet<String>,
    pub persons: BTreeSet<String>,
    pub topics: BTreeSet<String>,
    pub statuses: BTreeSet<EventStatus>,
}

impl Values {
    fn new(kind: Kind) -> Values {
        Values {
            kind,
            places: BTreeSet::new(),
            countries: BTreeSet::new(),
            years: BTreeSet::new(),
            orgs: BTreeSet::new(),
            persons: BTreeSet::new(),
            topics: BTreeSet::new(),
            statuses: BTreeSet::new(),
        }
    }

    /// Every value with its facet's position in [`super::Facet::ALL`], in facet order; a
    /// year comes with its number, as the table keeps both.
    pub fn each(&self, mut f: impl FnMut(usize, &str, Option<i32>)) {
        f(0, self.kind.as_str(), None);
        self.places.iter().for_each(|v| f(1, v, None));
        self.countries.iter().for_each(|v| f(2, v, None));
        self.years
            .iter()
            .for_each(|y| f(3, &y.to_string(), Some(*y)));
        self.orgs.iter().for_each(|v| f(4, v, None));
        self.persons.iter().for_each(|v| f(5, v, None));
        self.topics.iter().for_each(|v| f(6, v, None));
        self.statuses.iter().for_each(|s| f(7, s.as_str(), None));
    }

    fn merge(&mut self, other: &Values) {
        self.places.extend(other.places.iter().cloned());
        self.countries.extend(other.countries.iter().cloned());
        self.years.extend(other.years.iter().copied());
        self.orgs.extend(other.orgs.iter().cloned());
        self.persons.extend(other.persons.iter().cloned());
        self.topics.extend(other.topics.iter().cloned());
        self.statuses.extend(other.statuses.iter().copied());
    }

    fn add_place(&mut self, catalog: &Catalog, id: &str) {
        self.places.insert(id.to_string());
        if let Some(p) = catalog.place(id) {
            self.countries.insert(p.country.clone());
        }
    }

    fn add_party(&mut self, catalog: &Catalog, id: &str) {
        match catalog.lookup(id).map(|r| r.kind) {
            Some(Kind::Organization) => {
                self.orgs.insert(id.to_string());
            }
            Some(Kind::Person) => {
                self.persons.insert(id.to_string());
            }
            _ => {}
        }
    }
}

/// What a record is directly about, before taking in its events.
fn own_values(catalog: &Catalog, rec: Record<'_>) -> Values {
    let mut v = Values::new(rec.kind());
    match rec {
        Record::Event(e) => {
            if let Some(p) = &e.place {
                v.add_place(catalog, p);
            }
            v.countries.extend(e.country.clone());
            for id in e.organizers.iter().chain(&e.participants) {
                v.add_party(catalog, id);
            }
            v.topics.extend(e.topics.iter().cloned());
            let end = e.end.map_or(e.start.year, |d| d.year);
            v.years.extend(e.start.year..=end.max(e.start.year));
            v.statuses.insert(e.status);
        }
        Record::Figure(f) => {
            if let Some(p) = &f.place {
                v.add_place(catalog, p);
            }
            if let Some(s) = &f.subject {
                v.add_party(catalog, s);
            }
            if let Some(p) = &f.period {
                let to = p.to.map_or(p.from.year, |d| d.year);
                v.years.extend(p.from.year..=to.max(p.from.year));
            }
        }
        Record::Person(p) => {
            v.persons.insert(p.id.clone());
            v.orgs.extend(p.organizations.iter().cloned());
        }
        Record::Organization(o) => {
            v.orgs.insert(o.id.clone());
            v.countries.extend(o.country.clone());
        }
        Record::Place(p) => v.add_place(catalog, &p.id),
        Record::Source(s) => {
            if let Some(d) = &s.dateline {
                v.add_place(catalog, d);
            }
            v.years.extend(s.date.map(|d| d.year));
        }
    }
    v
}

/// Slot of a kind in [`Slots`]: the bundle's collections in [`Kind::ALL`] order.
pub(crate) fn kind_slot(kind: Kind) -> usize {
    match kind {
        Kind::Event => 0,
        Kind::Figure => 1,
        Kind::Person => 2,
        Kind::Organization => 3,
        Kind::Place => 4,
        Kind::Source => 5,
    }
}

/// Dense numbering of a catalog's records: `offsets[kind] + index`.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Slots {
    pub offsets: [usize; 6],
}

impl Slots {
    pub fn new(catalog: &Catalog) -> Slots {
        let lens = Kind::ALL.map(|k| catalog.bundle.count(k));
        let mut offsets = [0usize; 6];
        for k in 1..6 {
            offsets[k] = offsets[k - 1] + lens[k - 1];
        }
        Slots { offsets }
    }

    pub fn of(&self, r: RecordRef) -> usize {
        self.offsets[kind_slot(r.kind)] + r.index
    }
}

/// The facet values of every record of `catalog`, by [`Slots`] slot: its own values, and
/// for a figure those of its event, for a person, organisation, place or source those of
/// every event linking to it (hosting it, listing it, citing it).
pub(crate) fn record_values(catalog: &Catalog) -> (Slots, Vec<Values>) {
    let b = &catalog.bundle;
    let slots = Slots::new(catalog);
    let all = catalog.all();
    let mut own: Vec<Option<Values>> = (0..all.len()).map(|_| None).collect();
    for &r in &all {
        own[slots.of(r)] = Some(own_values(catalog, catalog.get(r)));
    }
    let own: Vec<Values> = own.into_iter().map(|v| v.expect("every record")).collect();
    // Which events link to each record (hosts it, lists it, cites it): one pass over
    // the events' links, not one per record.
    let mut linked_events: HashMap<&str, Vec<usize>, rustc_hash::FxBuildHasher> =
        HashMap::default();
    for (i, e) in b.events.iter().enumerate() {
        let rec = Record::Event(e);
        let mut links = rec.links();
        crate::order::sort(&mut links);
        links.dedup();
        for id in links {
            if id != e.id {
                linked_events.entry(id).or_default().push(i);
            }
        }
    }
    let mut values = own.clone();
    for &r in &all {
        let rec = catalog.get(r);
        let v = &mut values[slots.of(r)];
        match rec {
            Record::Event(_) => {}
            Record::Figure(f) => {
                if let Some(e) = f.event.as_deref().and_then(|id| catalog.lookup(id)) {
                    v.merge(&own[slots.of(e)]);
                }
            }
            _ => {
                // The events this record takes part in, hosts, or is cited for.
                for &ei in linked_events.get(rec.id()).map_or(&[][..], |v| &v[..]) {
                    v.merge(&own[slots.offsets[0] + ei]);
                }
            }
        }
    }
    (slots, values)
}
