//! Filters and facet counts, shared by every view (cards, map, statistics, timeline).
//!
//! Each record carries the facet values of what it is about: an event its place, country,
//! year(s), organisations, people, topics and status; a figure those of its event plus its
//! own place, subject and period; a person, organisation, place or source those of the
//! events it takes part in (or is cited for), plus its own. Filtering is disjunctive within
//! a facet (OR) and conjunctive across facets (AND); the counts of a facet are computed with
//! every filter except that facet's own, so a selected value still shows its siblings.

use crate::catalog::{Catalog, Record, RecordRef};
use crate::model::{EventStatus, Kind};
use std::collections::{BTreeMap, BTreeSet, HashMap};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    Kind,
    Place,
    Country,
    Year,
    Org,
    Person,
    Topic,
    Status,
}

impl Facet {
    pub const ALL: [Facet; 8] = [
        Facet::Kind,
        Facet::Place,
        Facet::Country,
        Facet::Year,
        Facet::Org,
        Facet::Person,
        Facet::Topic,
        Facet::Status,
    ];

    /// The query-string key.
    pub fn param(self) -> &'static str {
        match self {
            Facet::Kind => "kind",
            Facet::Place => "place",
            Facet::Country => "country",
            Facet::Year => "year",
            Facet::Org => "org",
            Facet::Person => "person",
            Facet::Topic => "topic",
            Facet::Status => "status",
        }
    }

    pub fn from_param(key: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|f| f.param() == key)
    }
}

/// An inclusive range of years, from `year=2022` or `year=2002-2021`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearRange {
    pub from: i32,
    pub to: i32,
}

impl YearRange {
    /// Parses `2022`, `2002-2021` (also with an en dash); `None` for anything else.
    pub fn parse(s: &str) -> Option<YearRange> {
        let s = s.trim();
        let year = |p: &str| -> Option<i32> {
            let p = p.trim();
            (p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        };
        match s.split_once(['-', '–']) {
            Some((a, b)) => {
                let (a, b) = (year(a)?, year(b)?);
                Some(YearRange {
                    from: a.min(b),
                    to: a.max(b),
                })
            }
            None => year(s).map(|y| YearRange { from: y, to: y }),
        }
    }

    pub fn contains(&self, y: i32) -> bool {
        (self.from..=self.to).contains(&y)
    }

    pub fn to_param(&self) -> String {
        if self.from == self.to {
            self.from.to_string()
        } else {
            format!("{}-{}", self.from, self.to)
        }
    }
}

/// The active filters. Values are ids (places, organisations…), kinds and statuses by name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    pub kinds: Vec<Kind>,
    pub places: Vec<String>,
    pub countries: Vec<String>,
    pub years: Option<YearRange>,
    pub orgs: Vec<String>,
    pub persons: Vec<String>,
    pub topics: Vec<String>,
    pub statuses: Vec<EventStatus>,
}

fn status_from(s: &str) -> Option<EventStatus> {
    [
        EventStatus::Held,
        EventStatus::Planned,
        EventStatus::Cancelled,
    ]
    .into_iter()
    .find(|k| k.as_str() == s)
}

fn push_unique<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

impl Filters {
    /// Reads the filters from query-string pairs. Unknown keys, unknown ids and malformed
    /// values are ignored (a shared link with a stale id still opens).
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        catalog: &Catalog,
    ) -> Filters {
        let mut f = Filters::default();
        let is = |id: &str, kind: Kind| catalog.lookup(id).is_some_and(|r| r.kind == kind);
        for (key, value) in pairs {
            let Some(facet) = Facet::from_param(key) else {
                continue;
            };
            let v = value.trim();
            match facet {
                Facet::Kind => {
                    if let Some(k) = Kind::parse(v) {
                        push_unique(&mut f.kinds, k)
                    }
                }
                Facet::Status => {
                    if let Some(s) = status_from(v) {
                        push_unique(&mut f.statuses, s)
                    }
                }
                Facet::Year => {
                    if let Some(r) = YearRange::parse(v) {
                        f.years = Some(r)
                    }
                }
                Facet::Place if is(v, Kind::Place) => push_unique(&mut f.places, v.to_string()),
                Facet::Org if is(v, Kind::Organization) => push_unique(&mut f.orgs, v.to_string()),
                Facet::Person if is(v, Kind::Person) => push_unique(&mut f.persons, v.to_string()),
                Facet::Country if catalog.country(v).is_some() => {
                    push_unique(&mut f.countries, v.to_string())
                }
                Facet::Topic if catalog.topic(v).is_some() => {
                    push_unique(&mut f.topics, v.to_string())
                }
                _ => {}
            }
        }
        f
    }

    /// The filters as query-string pairs, in facet order (for links and the URL).
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        for facet in Facet::ALL {
            for v in self.values(facet) {
                out.push((facet.param(), v));
            }
        }
        out
    }

    /// The selected values of one facet, as query-string values.
    pub fn values(&self, facet: Facet) -> Vec<String> {
        let strs = |v: &[String]| v.to_vec();
        match facet {
            Facet::Kind => self.kinds.iter().map(|k| k.as_str().to_string()).collect(),
            Facet::Place => strs(&self.places),
            Facet::Country => strs(&self.countries),
            Facet::Year => self.years.iter().map(YearRange::to_param).collect(),
            Facet::Org => strs(&self.orgs),
            Facet::Person => strs(&self.persons),
            Facet::Topic => strs(&self.topics),
            Facet::Status => self
                .statuses
                .iter()
                .map(|s| s.as_str().to_string())
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        Facet::ALL.iter().all(|f| self.values(*f).is_empty())
    }

    fn accepts(&self, facet: Facet, v: &Values) -> bool {
        let any = |sel: &[String], have: &BTreeSet<String>| {
            sel.is_empty() || sel.iter().any(|s| have.contains(s))
        };
        match facet {
            Facet::Kind => self.kinds.is_empty() || self.kinds.contains(&v.kind),
            Facet::Place => any(&self.places, &v.places),
            Facet::Country => any(&self.countries, &v.countries),
            Facet::Year => self
                .years
                .is_none_or(|r| v.years.iter().any(|y| r.contains(*y))),
            Facet::Org => any(&self.orgs, &v.orgs),
            Facet::Person => any(&self.persons, &v.persons),
            Facet::Topic => any(&self.topics, &v.topics),
            Facet::Status => {
                self.statuses.is_empty() || self.statuses.iter().any(|s| v.statuses.contains(s))
            }
        }
    }

    fn accepts_all_but(&self, skip: Option<Facet>, v: &Values) -> bool {
        Facet::ALL
            .into_iter()
            .filter(|f| Some(*f) != skip)
            .all(|f| self.accepts(f, v))
    }
}

/// The facet values of one record.
#[derive(Clone, Debug)]
struct Values {
    kind: Kind,
    places: BTreeSet<String>,
    countries: BTreeSet<String>,
    years: BTreeSet<i32>,
    orgs: BTreeSet<String>,
    persons: BTreeSet<String>,
    topics: BTreeSet<String>,
    statuses: BTreeSet<EventStatus>,
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

    /// The values of one facet as text (none for the year, which is counted by number).
    fn strings(&self, facet: Facet) -> Box<dyn Iterator<Item = &str> + '_> {
        match facet {
            Facet::Kind => Box::new(std::iter::once(self.kind.as_str())),
            Facet::Place => Box::new(self.places.iter().map(String::as_str)),
            Facet::Country => Box::new(self.countries.iter().map(String::as_str)),
            Facet::Year => Box::new(std::iter::empty()),
            Facet::Org => Box::new(self.orgs.iter().map(String::as_str)),
            Facet::Person => Box::new(self.persons.iter().map(String::as_str)),
            Facet::Topic => Box::new(self.topics.iter().map(String::as_str)),
            Facet::Status => Box::new(self.statuses.iter().map(|s| s.as_str())),
        }
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

/// Precomputed facet values of every record of a catalog.
#[derive(Debug)]
pub struct FacetIndex {
    /// Per record, densely: `offsets[kind] + index` (see [`FacetIndex::slot`]).
    values: Vec<Values>,
    offsets: [usize; 6],
    /// Every value of every facet but the year, interned: counting adds to an array slot
    /// instead of hashing a string per value (a two-letter query at 10k records counts
    /// about 60,000 values).
    interned: Interned,
}

/// The year's position in [`Facet::ALL`].
const YEAR: usize = 3;
const _: () = assert!(matches!(Facet::ALL[YEAR], Facet::Year));

#[derive(Debug, Default)]
struct Interned {
    /// Value id → (facet position in [`Facet::ALL`], value).
    names: Vec<(u8, String)>,
    /// Per record (same slots as `values`): the ids of its values, in `ids[start..end]`.
    ranges: Vec<(u32, u32)>,
    ids: Vec<u32>,
}

impl Interned {
    fn new(values: &[Values]) -> Interned {
        let mut by_name: HashMap<(u8, &str), u32, rustc_hash::FxBuildHasher> = HashMap::default();
        let mut out = Interned::default();
        for v in values {
            let start = out.ids.len() as u32;
            for (fi, facet) in Facet::ALL.into_iter().enumerate() {
                for name in v.strings(facet) {
                    let id = *by_name.entry((fi as u8, name)).or_insert_with(|| {
                        out.names.push((fi as u8, name.to_string()));
                        out.names.len() as u32 - 1
                    });
                    out.ids.push(id);
                }
            }
            out.ranges.push((start, out.ids.len() as u32));
        }
        out
    }
}

/// One facet's values with their counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FacetCounts {
    pub facet: Facet,
    /// (value as used in the URL, count), most frequent first (years: in order).
    pub values: Vec<(String, usize)>,
}

fn kind_slot(kind: Kind) -> usize {
    match kind {
        Kind::Event => 0,
        Kind::Figure => 1,
        Kind::Person => 2,
        Kind::Organization => 3,
        Kind::Place => 4,
        Kind::Source => 5,
    }
}

impl FacetIndex {
    pub fn new(catalog: &Catalog) -> FacetIndex {
        let b = &catalog.bundle;
        let lens = Kind::ALL.map(|k| b.count(k));
        let mut offsets = [0usize; 6];
        for k in 1..6 {
            offsets[k] = offsets[k - 1] + lens[k - 1];
        }
        let slot = |r: RecordRef| offsets[kind_slot(r.kind)] + r.index;
        let all = catalog.all();
        let mut own: Vec<Option<Values>> = (0..all.len()).map(|_| None).collect();
        for &r in &all {
            own[slot(r)] = Some(own_values(catalog, catalog.get(r)));
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
            let v = &mut values[slot(r)];
            match rec {
                Record::Event(_) => {}
                Record::Figure(f) => {
                    if let Some(e) = f.event.as_deref().and_then(|id| catalog.lookup(id)) {
                        v.merge(&own[slot(e)]);
                    }
                }
                _ => {
                    // The events this record takes part in, hosts, or is cited for.
                    for &ei in linked_events.get(rec.id()).map_or(&[][..], |v| &v[..]) {
                        v.merge(&own[offsets[0] + ei]);
                    }
                }
            }
        }
        let interned = Interned::new(&values);
        FacetIndex {
            values,
            offsets,
            interned,
        }
    }

    fn get(&self, r: RecordRef) -> Option<&Values> {
        self.values.get(self.offsets[kind_slot(r.kind)] + r.index)
    }

    /// Whether a record passes every filter.
    pub fn matches(&self, filters: &Filters, r: RecordRef) -> bool {
        self.get(r)
            .is_some_and(|v| filters.accepts_all_but(None, v))
    }

    /// The records of `candidates` that pass every filter, in the same order.
    pub fn filter(&self, filters: &Filters, candidates: &[RecordRef]) -> Vec<RecordRef> {
        candidates
            .iter()
            .copied()
            .filter(|r| self.matches(filters, *r))
            .collect()
    }

    /// Counts for every facet over `candidates` (e.g. the search hits), each computed with
    /// all filters but its own. Selected values are always listed, even at zero.
    pub fn counts(&self, filters: &Filters, candidates: &[RecordRef]) -> Vec<FacetCounts> {
        let names = &self.interned.names;
        let mut tally = vec![0u32; names.len()];
        let mut years: BTreeMap<i32, usize> = BTreeMap::new();
        let no_filters = filters.is_empty();
        // One pass over the candidates; each record counts for a facet when it passes every
        // other facet's filter.
        for r in candidates {
            let slot = self.offsets[kind_slot(r.kind)] + r.index;
            let (Some(v), Some(&(start, end))) =
                (self.values.get(slot), self.interned.ranges.get(slot))
            else {
                continue;
            };
            let mut counts_for = [true; Facet::ALL.len()];
            if !no_filters {
                for (fi, facet) in Facet::ALL.into_iter().enumerate() {
                    counts_for[fi] = filters.accepts_all_but(Some(facet), v);
                }
            }
            for &id in &self.interned.ids[start as usize..end as usize] {
                if counts_for[names[id as usize].0 as usize] {
                    tally[id as usize] += 1;
                }
            }
            if counts_for[YEAR] {
                for y in &v.years {
                    *years.entry(*y).or_default() += 1;
                }
            }
        }
        let mut counts: Vec<BTreeMap<String, usize>> =
            Facet::ALL.iter().map(|_| BTreeMap::new()).collect();
        for (id, &n) in tally.iter().enumerate() {
            if n > 0 {
                let (fi, name) = &names[id];
                counts[*fi as usize].insert(name.clone(), n as usize);
            }
        }
        let mut years = Some(years);
        Facet::ALL
            .into_iter()
            .zip(counts)
            .map(|(facet, mut counts)| {
                if facet == Facet::Year {
                    counts.extend(
                        years
                            .take()
                            .unwrap_or_default()
                            .into_iter()
                            .map(|(y, n)| (y.to_string(), n)),
                    );
                } else {
                    for selected in filters.values(facet) {
                        counts.entry(selected).or_default();
                    }
                }
                let mut values: Vec<(String, usize)> = counts.into_iter().collect();
                if facet != Facet::Year {
                    crate::order::sort_by(&mut values, |a, b| {
                        b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0))
                    });
                }
                FacetCounts { facet, values }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        let json = include_str!("../../../public/data/bundle.json");
        Catalog::new(crate::load_bundle(json).expect("valid bundle"))
    }

    fn pairs(q: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
        q.to_vec()
    }

    fn ids(c: &Catalog, refs: &[RecordRef]) -> Vec<String> {
        refs.iter().map(|r| c.get(*r).id().to_string()).collect()
    }

    #[test]
    fn year_ranges_parse_or_are_ignored() {
        let cases = [
            ("2022", Some((2022, 2022))),
            ("2002-2021", Some((2002, 2021))),
            ("2021-2002", Some((2002, 2021))),
            ("2002–2021", Some((2002, 2021))),
            ("22", None),
            ("2022-", None),
            ("abcd", None),
            ("", None),
        ];
        for (input, expected) in cases {
            assert_eq!(
                YearRange::parse(input).map(|r| (r.from, r.to)),
                expected,
                "{input}"
            );
        }
    }

    #[test]
    fn unknown_and_malformed_parameters_are_ignored() {
        let c = catalog();
        let f = Filters::from_pairs(
            pairs(&[
                ("place", "atlantis"),
                ("kind", "spaceship"),
                ("year", "twenty"),
                ("colour", "red"),
                ("org", "marrakech"), // a place id is not an organisation
                ("place", "tangier"),
                ("place", "tangier"),
            ]),
            &c,
        );
        assert_eq!(f.places, vec!["tangier".to_string()]);
        assert!(f.kinds.is_empty() && f.orgs.is_empty() && f.years.is_none());
        assert_eq!(f.to_pairs(), vec![("place", "tangier".to_string())]);
    }

    #[test]
    fn or_within_a_facet_and_across_facets() {
        let c = catalog();
        let ix = FacetIndex::new(&c);
        let all = c.all();
        let one = Filters::from_pairs(pairs(&[("place", "tangier"), ("kind", "event")]), &c);
        let two = Filters::from_pairs(
            pairs(&[
                ("place", "tangier"),
                ("place", "glasgow"),
                ("kind", "event"),
            ]),
            &c,
        );
        let a = ids(&c, &ix.filter(&one, &all));
        let b = ids(&c, &ix.filter(&two, &all));
        assert_eq!(a, vec!["arab-police-chiefs-tangier-2023"]);
        assert!(b.contains(&"arab-police-chiefs-tangier-2023".to_string()));
        assert!(b.contains(&"interpol-ga-92-glasgow-2024".to_string()));
        assert_eq!(b.len(), 2, "{b:?}");
        // AND across facets: Tangier events in 2024 — none.
        let none = Filters::from_pairs(
            pairs(&[("place", "tangier"), ("kind", "event"), ("year", "2024")]),
            &c,
        );
        assert!(ix.filter(&none, &all).is_empty());
    }

    #[test]
    fn year_ranges_filter_by_overlap() {
        let c = catalog();
        let ix = FacetIndex::new(&c);
        let f = Filters::from_pairs(pairs(&[("year", "2002-2021"), ("kind", "event")]), &c);
        let found = ids(&c, &ix.filter(&f, &c.all()));
        assert!(found.contains(&"casablanca-attacks-2003".to_string()));
        assert!(found.contains(&"gc-2020-cancelled".to_string()));
        assert!(!found.contains(&"gc-marrakech-2022".to_string()));
    }

    #[test]
    fn counts_are_disjunctive_within_a_facet() {
        let c = catalog();
        let ix = FacetIndex::new(&c);
        let all = c.all();
        let f = Filters::from_pairs(pairs(&[("place", "tangier")]), &c);
        let counts = ix.counts(&f, &all);
        let place = counts.iter().find(|x| x.facet == Facet::Place).unwrap();
        // The selected value still shows its siblings with their own counts.
        let count_of = |v: &str| place.values.iter().find(|(k, _)| k == v).map(|x| x.1);
        assert!(count_of("marrakech").unwrap_or(0) > 0);
        assert!(count_of("tangier").unwrap_or(0) > 0);
        // Other facets are narrowed by the place filter.
        let kinds = counts.iter().find(|x| x.facet == Facet::Kind).unwrap();
        let total: usize = kinds.values.iter().map(|x| x.1).sum();
        assert_eq!(total, ix.filter(&f, &all).len());
    }

    #[test]
    fn counts_follow_the_candidates() {
        let c = catalog();
        let ix = FacetIndex::new(&c);
        let f = Filters::default();
        let all = c.all();
        let few: Vec<RecordRef> = all
            .iter()
            .copied()
            .filter(|r| r.kind == Kind::Place)
            .collect();
        let kinds = |cands: &[RecordRef]| {
            ix.counts(&f, cands)
                .into_iter()
                .find(|x| x.facet == Facet::Kind)
                .unwrap()
                .values
        };
        assert_eq!(kinds(&few), vec![("place".to_string(), few.len())]);
        assert!(kinds(&all).len() >= 5);
    }

    #[test]
    fn entities_carry_the_facets_of_their_events() {
        let c = catalog();
        let ix = FacetIndex::new(&c);
        let f = Filters::from_pairs(pairs(&[("place", "glasgow"), ("kind", "person")]), &c);
        let found = ids(&c, &ix.filter(&f, &c.all()));
        assert_eq!(found, vec!["abdellatif-hammouchi"]);
        let planned = Filters::from_pairs(pairs(&[("status", "planned"), ("kind", "event")]), &c);
        let found = ids(&c, &ix.filter(&planned, &c.all()));
        assert!(found.contains(&"interpol-ga-93-marrakech-2025".to_string()));
        assert!(!found.contains(&"gc-marrakech-2022".to_string()));
    }
}
