//! Filters and facet counts, shared by every view (cards, map, statistics, timeline).
//!
//! Each record carries the facet values of what it is about: an event its place, country,
//! year(s), organisations, people, topics and status; a figure those of its event plus its
//! own place, subject and period; a person, organisation, place or source those of the
//! events it takes part in (or is cited for), plus its own. Filtering is disjunctive within
//! a facet (OR) and conjunctive across facets (AND); the counts of a facet are computed with
//! every filter except that facet's own, so a selected value still shows its siblings.
//!
//! What each record carries is computed once (module `values`, internal) and
//! interned into a table of value ids ([`ValueTable`], module `table`): filters are
//! resolved to the ids they accept and records compared by id. The same table and code
//! serve a split catalogue's client ([`crate::split::SplitFacets`]), over the rows of the
//! positions it has fetched instead of every record.

mod table;
mod values;

pub use table::ValueTable;

/// The display name of a place, organisation, person, country or topic in `lang` (its text
/// in that language, else in Arabic), as the facet panel and the filter chips show it in
/// both modes: the whole catalogue's (the app's `facet_label`) and a split's label files.
/// An organisation's short acronym (10 bytes at most) follows its name in brackets, unless
/// the name already carries it or ends in a bracketed short form of its own (the Arabic
/// «… (الإنتربول)», «… (داعش)»: a second bracket would follow the first). `None` for kinds, years and statuses (named by the
/// interface) and for a value the catalogue does not know.
pub fn data_label(catalog: &Catalog, facet: Facet, value: &str, lang: &str) -> Option<String> {
    let text = |t: &crate::model::Text| t.get_or_ar(lang).0.to_string();
    match facet {
        Facet::Country => catalog.country(value).map(|c| text(&c.name)),
        Facet::Topic => catalog.topic(value).map(|t| text(&t.name)),
        Facet::Place | Facet::Org | Facet::Person => catalog.record(value).map(|r| match r {
            Record::Organization(o) => {
                let name = text(&o.name);
                match o.acronym.as_deref() {
                    Some(a) if a.len() <= 10 && !name.contains(a) && !name.ends_with(')') => {
                        format!("{name} ({a})")
                    }
                    _ => name,
                }
            }
            other => text(other.title()),
        }),
        Facet::Kind | Facet::Year | Facet::Status => None,
    }
}
pub(crate) use table::{count, count_and_pass, finish, only_value, Rows, Selection};
use values::Slots;

use crate::catalog::{Catalog, Record, RecordRef};
use crate::model::{EventStatus, Kind};

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
        let is = |id: &str, kind: Kind| catalog.lookup(id).is_some_and(|r| r.kind == kind);
        Filters::from_pairs_with(pairs, |facet, v| match facet {
            Facet::Place => is(v, Kind::Place),
            Facet::Org => is(v, Kind::Organization),
            Facet::Person => is(v, Kind::Person),
            Facet::Country => catalog.country(v).is_some(),
            Facet::Topic => catalog.topic(v).is_some(),
            Facet::Kind | Facet::Year | Facet::Status => true,
        })
    }

    /// [`Filters::from_pairs`] checking ids against a table of values instead of a catalog
    /// (a split's, which lists every place, organisation, person, country and topic of
    /// the catalog: the same ids are kept).
    pub fn from_pairs_in<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        values: &ValueTable,
    ) -> Filters {
        Filters::from_pairs_with(pairs, |facet, v| values.id(facet, v).is_some())
    }

    /// The common part: `known(facet, id)` says whether a place, organisation, person,
    /// country or topic id exists; kinds, statuses and years are parsed.
    fn from_pairs_with<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        known: impl Fn(Facet, &str) -> bool,
    ) -> Filters {
        let mut f = Filters::default();
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
                _ if !known(facet, v) => {}
                Facet::Place => push_unique(&mut f.places, v.to_string()),
                Facet::Org => push_unique(&mut f.orgs, v.to_string()),
                Facet::Person => push_unique(&mut f.persons, v.to_string()),
                Facet::Country => push_unique(&mut f.countries, v.to_string()),
                Facet::Topic => push_unique(&mut f.topics, v.to_string()),
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
        !Facet::ALL.into_iter().any(|f| self.has(f))
    }

    /// These filters but `facet`'s own: what a value of that facet is counted under (the
    /// map counts each place's events without the places chosen). Inlined: its two callers
    /// are views in wasm chunks of their own, and a function they shared would go to the
    /// first load.
    #[inline(always)]
    pub fn without(&self, facet: Facet) -> Filters {
        let mut out = self.clone();
        match facet {
            Facet::Kind => out.kinds.clear(),
            Facet::Place => out.places.clear(),
            Facet::Country => out.countries.clear(),
            Facet::Year => out.years = None,
            Facet::Org => out.orgs.clear(),
            Facet::Person => out.persons.clear(),
            Facet::Topic => out.topics.clear(),
            Facet::Status => out.statuses.clear(),
        }
        out
    }

    /// Whether a facet has a filter.
    pub fn has(&self, facet: Facet) -> bool {
        match facet {
            Facet::Kind => !self.kinds.is_empty(),
            Facet::Place => !self.places.is_empty(),
            Facet::Country => !self.countries.is_empty(),
            Facet::Year => self.years.is_some(),
            Facet::Org => !self.orgs.is_empty(),
            Facet::Person => !self.persons.is_empty(),
            Facet::Topic => !self.topics.is_empty(),
            Facet::Status => !self.statuses.is_empty(),
        }
    }

    /// Calls `f` with each selected value of a facet but the year, without allocating
    /// (filtering asks this once per value of every record).
    fn each_selected(&self, facet: Facet, mut f: impl FnMut(&str)) {
        let strs = |v: &[String], f: &mut dyn FnMut(&str)| v.iter().for_each(|s| f(s));
        match facet {
            Facet::Kind => self.kinds.iter().for_each(|k| f(k.as_str())),
            Facet::Place => strs(&self.places, &mut f),
            Facet::Country => strs(&self.countries, &mut f),
            Facet::Year => {}
            Facet::Org => strs(&self.orgs, &mut f),
            Facet::Person => strs(&self.persons, &mut f),
            Facet::Topic => strs(&self.topics, &mut f),
            Facet::Status => self.statuses.iter().for_each(|s| f(s.as_str())),
        }
    }
}

/// One facet's values with their counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FacetCounts {
    pub facet: Facet,
    /// (value as used in the URL, count), most frequent first (years: in order).
    pub values: Vec<(String, usize)>,
}

/// Precomputed facet values of every record of a catalog: a [`ValueTable`] and one row of
/// value ids per record (numbered by kind, then bundle index). Filtering and counting are
/// the shared code of module `table`, which [`crate::split::SplitFacets`] runs over positions.
#[derive(Debug)]
pub struct FacetIndex {
    slots: Slots,
    values: ValueTable,
    rows: Rows,
}

impl FacetIndex {
    pub fn new(catalog: &Catalog) -> FacetIndex {
        let (slots, per_record) = values::record_values(catalog);
        let mut values = ValueTable::default();
        let mut rows = Rows::default();
        let mut row = Vec::new();
        for v in &per_record {
            row.clear();
            v.each(|fi, name, year| row.push(values.intern(fi, name, year)));
            rows.push(&row, |id| values.facet_pos(id));
        }
        FacetIndex {
            slots,
            values,
            rows,
        }
    }

    /// The interned values (value id → facet and URL value).
    pub fn values(&self) -> &ValueTable {
        &self.values
    }

    /// The row of value ids of a record.
    pub(crate) fn row(&self, r: RecordRef) -> Option<&[u32]> {
        self.rows.get(self.slots.of(r))
    }

    /// Whether a record passes every filter.
    pub fn matches(&self, filters: &Filters, r: RecordRef) -> bool {
        let sel = Selection::new(&self.values, filters, false);
        self.row(r).is_some_and(|row| sel.passes(row))
    }

    /// [`FacetIndex::matches`] for many records with the same filters: the filters are
    /// resolved to value ids once, here, instead of compared at every record.
    pub fn matcher<'a>(&'a self, filters: &'a Filters) -> impl Fn(RecordRef) -> bool + 'a {
        let sel = Selection::new(&self.values, filters, true);
        move |r| self.row(r).is_some_and(|row| sel.passes(row))
    }

    /// The records of `candidates` that pass every filter, in the same order.
    pub fn filter(&self, filters: &Filters, candidates: &[RecordRef]) -> Vec<RecordRef> {
        let sel = Selection::new(&self.values, filters, true);
        candidates
            .iter()
            .copied()
            .filter(|r| self.row(*r).is_some_and(|row| sel.passes(row)))
            .collect()
    }

    /// Counts for every facet over `candidates` (e.g. the search hits), each computed with
    /// all filters but its own. Selected values are always listed, even at zero.
    pub fn counts(&self, filters: &Filters, candidates: &[RecordRef]) -> Vec<FacetCounts> {
        table::count(
            &self.values,
            filters,
            candidates.iter().filter_map(|r| self.row(*r)),
        )
    }
}

#[cfg(test)]
mod tests;
