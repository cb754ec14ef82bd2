//! The position-independent facet table and the one filtering and counting code path.
//!
//! A [`ValueTable`] interns every facet value (value id → facet and URL value); a record is
//! a row of value ids. Nothing here knows where a row comes from: [`super::FacetIndex`]
//! keeps a row per record of a whole catalog, a split's client ([`crate::split::SplitFacets`])
//! a row per position of the blocks it fetched. Both call [`count`] and [`Selection`], so the
//! same filters over the same rows give the same counts by construction.
//!
//! Filters are resolved once per call to the value ids they accept ([`Selection`]); a row
//! then passes a facet when one of its ids is selected, which compares integers instead of
//! strings.

use super::{Facet, FacetCounts, Filters};
use std::collections::HashMap;

type Ids = HashMap<Box<str>, u32, rustc_hash::FxBuildHasher>;

/// The year's position in [`Facet::ALL`].
pub(crate) const YEAR: usize = 3;
const _: () = assert!(matches!(Facet::ALL[YEAR], Facet::Year));

/// Every facet value, interned: value id → (facet, URL value as in `?place=…`), and back.
/// Years are values too (`"2022"`), with their number kept for ranges and ordering.
#[derive(Clone, Debug, Default)]
pub struct ValueTable {
    /// Per value id: the facet's position in [`Facet::ALL`].
    facets: Vec<u8>,
    /// Per value id: the URL value.
    names: Vec<Box<str>>,
    /// Per value id: the year of a year value (0 for the other facets).
    years: Vec<i32>,
    /// Per facet (position in [`Facet::ALL`]): URL value → value id.
    ids: [Ids; 8],
    /// The ids of the year values, for resolving a range.
    year_ids: Vec<u32>,
    /// The values in byte order of their URL values; made at the first count
    /// ([`Self::name_order`]).
    name_order: std::sync::OnceLock<NameOrder>,
}

/// Every value id by the byte order of its URL value (values of one facet are distinct, so
/// they compare as their ranks do: integers instead of strings).
#[derive(Clone, Debug)]
pub(crate) struct NameOrder {
    /// Per value id, its rank.
    pub rank: Vec<u32>,
    /// Per rank, its value id.
    pub id: Vec<u32>,
}

impl ValueTable {
    /// Number of values (ids are `0..len`).
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The facet of value `id` (which must be below [`ValueTable::len`]).
    pub fn facet(&self, id: u32) -> Facet {
        Facet::ALL[self.facets[id as usize] as usize]
    }

    /// The facet position (in [`Facet::ALL`]) of value `id`.
    pub(crate) fn facet_pos(&self, id: u32) -> u8 {
        self.facets[id as usize]
    }

    /// The URL value of value `id`.
    pub fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }

    /// The id of a facet's value, if any record or the table has it.
    pub fn id(&self, facet: Facet, value: &str) -> Option<u32> {
        self.ids[facet_pos(facet)].get(value).copied()
    }

    /// The values by name ([`NameOrder`]).
    pub(crate) fn name_order(&self) -> &NameOrder {
        self.name_order.get_or_init(|| {
            let mut id: Vec<u32> = (0..self.names.len() as u32).collect();
            crate::order::sort_by(&mut id, |&a, &b| {
                self.names[a as usize].cmp(&self.names[b as usize])
            });
            let mut rank = vec![0; id.len()];
            for (r, &v) in id.iter().enumerate() {
                rank[v as usize] = r as u32;
            }
            NameOrder { rank, id }
        })
    }

    /// The id of `(facet, name)`, added if new. A year value must come with its number.
    pub(crate) fn intern(&mut self, facet: usize, name: &str, year: Option<i32>) -> u32 {
        if let Some(&id) = self.ids[facet].get(name) {
            return id;
        }
        // A new name: the order is made again when next asked for.
        self.name_order = std::sync::OnceLock::new();
        let id = self.names.len() as u32;
        self.facets.push(facet as u8);
        self.names.push(name.into());
        self.years.push(year.unwrap_or(0));
        self.ids[facet].insert(name.into(), id);
        if facet == YEAR {
            self.year_ids.push(id);
        }
        id
    }
}

/// A facet's position in [`Facet::ALL`].
fn facet_pos(facet: Facet) -> usize {
    Facet::ALL
        .iter()
        .position(|f| *f == facet)
        .expect("in Facet::ALL")
}

/// Rows of value ids, one per record, stored flat: row `i` is `ids[ends[i-1]..ends[i]]`.
/// A row lists its ids in facet order ([`Facet::ALL`]), which lets [`Selection::missing`]
/// stop early.
#[derive(Clone, Debug, Default)]
pub(crate) struct Rows {
    ends: Vec<u32>,
    ids: Vec<u32>,
}

impl Rows {
    /// Appends a row; `facet_of` gives a value id's facet position, to check the order.
    pub fn push(&mut self, ids: &[u32], facet_of: impl Fn(u32) -> u8) {
        debug_assert!(ids.windows(2).all(|w| facet_of(w[0]) <= facet_of(w[1])));
        let _ = facet_of;
        self.ids.extend_from_slice(ids);
        self.ends.push(self.ids.len() as u32);
    }

    pub fn get(&self, i: usize) -> Option<&[u32]> {
        let end = *self.ends.get(i)? as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        Some(&self.ids[start..end])
    }

    /// Every row, in order.
    pub fn iter(&self) -> impl Iterator<Item = &[u32]> {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let row = &self.ids[start..end as usize];
            start = end as usize;
            row
        })
    }
}

/// Filters resolved against a [`ValueTable`]: which facets are filtered, and which value
/// ids they accept.
pub(crate) struct Selection<'t> {
    table: &'t ValueTable,
    /// Bit `f` set: facet `Facet::ALL[f]` has a filter (even one that no value satisfies:
    /// a stale id then accepts nothing, as a string comparison would).
    active: u8,
    set: Set<'t>,
}

enum Set<'f> {
    /// Asks the filters about each id met: nothing to build, for a single record (the
    /// app asks [`super::FacetIndex::matches`] once per hit).
    Direct(&'f Filters),
    /// One bit per value id: built once for a pass over many rows.
    Dense(Vec<u64>),
}

impl<'t> Selection<'t> {
    /// `dense`: resolve to a bitset over every value id (worth it for a pass over many
    /// rows), else compare each id met with the filters.
    pub fn new(table: &'t ValueTable, filters: &'t Filters, dense: bool) -> Selection<'t> {
        let mut active = 0u8;
        for (fi, facet) in Facet::ALL.into_iter().enumerate() {
            if filters.has(facet) {
                active |= 1 << fi;
            }
        }
        let set = if dense && active != 0 {
            let mut bits = vec![0u64; table.len().div_ceil(64)];
            let mut set = |id: u32| bits[id as usize / 64] |= 1 << (id % 64);
            if let Some(range) = filters.years {
                table
                    .year_ids
                    .iter()
                    .filter(|&&id| range.contains(table.years[id as usize]))
                    .for_each(|&id| set(id));
            }
            for (fi, facet) in Facet::ALL.into_iter().enumerate() {
                if facet != Facet::Year {
                    filters.each_selected(facet, |v| {
                        if let Some(&id) = table.ids[fi].get(v) {
                            set(id)
                        }
                    });
                }
            }
            Set::Dense(bits)
        } else {
            Set::Direct(filters)
        };
        Selection { table, active, set }
    }

    fn contains(&self, id: u32) -> bool {
        match &self.set {
            Set::Direct(filters) => {
                let t = self.table;
                let facet = Facet::ALL[t.facets[id as usize] as usize];
                match facet {
                    Facet::Year => filters
                        .years
                        .is_some_and(|r| r.contains(t.years[id as usize])),
                    _ => {
                        let name = &*t.names[id as usize];
                        let mut found = false;
                        filters.each_selected(facet, |v| found |= v == name);
                        found
                    }
                }
            }
            Set::Dense(bits) => bits
                .get(id as usize / 64)
                .is_some_and(|w| w & (1 << (id % 64)) != 0),
        }
    }

    /// The filtered facets that the row does not satisfy (bit `f` for `Facet::ALL[f]`).
    /// A row's ids are in facet order ([`Rows`]), so the scan stops after the last
    /// filtered facet, or once every filtered facet is satisfied.
    pub fn missing(&self, row: &[u32]) -> u8 {
        let active = self.active;
        if active == 0 {
            return 0;
        }
        let last = 7 - active.leading_zeros() as u8;
        let mut hit = 0u8;
        for &id in row {
            let f = self.table.facets[id as usize];
            if f > last {
                break;
            }
            if active & (1 << f) != 0 && hit & (1 << f) == 0 && self.contains(id) {
                hit |= 1 << f;
                if hit == active {
                    break;
                }
            }
        }
        active & !hit
    }

    /// Whether the row passes every filter.
    pub fn passes(&self, row: &[u32]) -> bool {
        self.missing(row) == 0
    }
}

/// The one value id the filters select, when exactly one facet is filtered and it accepts
/// exactly one value of the table (a stale name beside it accepts nothing, as in
/// [`Selection`]): the case a split answers from its single-value files.
pub(crate) fn only_value(table: &ValueTable, filters: &Filters) -> Option<u32> {
    let mut facet = None;
    for f in Facet::ALL {
        if filters.has(f) {
            if facet.is_some() {
                return None;
            }
            facet = Some(f);
        }
    }
    let mut ids: Vec<u32> = Vec::new();
    match facet? {
        Facet::Year => {
            let range = filters.years?;
            ids.extend(
                table
                    .year_ids
                    .iter()
                    .copied()
                    .filter(|&id| range.contains(table.years[id as usize])),
            );
        }
        f => filters.each_selected(f, |v| {
            if let Some(&id) = table.ids[facet_pos(f)].get(v) {
                ids.push(id);
            }
        }),
    }
    ids.sort_unstable();
    ids.dedup();
    match ids[..] {
        [id] => Some(id),
        _ => None,
    }
}

/// Counts for every facet over `rows`, each with every filter but its own (see
/// [`super::FacetIndex::counts`]).
pub(crate) fn count<'r>(
    table: &ValueTable,
    filters: &Filters,
    rows: impl Iterator<Item = &'r [u32]>,
) -> Vec<FacetCounts> {
    count_and_pass(table, filters, rows.map(|row| (0, row)), false).0
}

/// [`count`] over `(position, row)` pairs, and, when `passing` is asked for, the positions
/// of the rows that pass every filter, in the order given: one pass for what a filter
/// click needs (the panel's counts and the list).
pub(crate) fn count_and_pass<'r>(
    table: &ValueTable,
    filters: &Filters,
    rows: impl Iterator<Item = (u32, &'r [u32])>,
    passing: bool,
) -> (Vec<FacetCounts>, Vec<u32>) {
    let sel = Selection::new(table, filters, true);
    let mut tally = vec![0u32; table.len()];
    let mut passed = Vec::new();
    for (position, row) in rows {
        match sel.missing(row) {
            // Passes every filter: counts for every facet.
            0 => {
                if passing {
                    passed.push(position);
                }
                for &id in row {
                    tally[id as usize] += 1;
                }
            }
            // Fails one facet only: counts for that facet alone (its own filter is the
            // one left out there).
            m if m.is_power_of_two() => {
                let f = m.trailing_zeros() as u8;
                for &id in row {
                    if table.facets[id as usize] == f {
                        tally[id as usize] += 1;
                    }
                }
            }
            _ => {}
        }
    }
    (finish(table, filters, &tally), passed)
}

/// Per-facet lists from a tally per value id: values with a count, plus every selected
/// value (at zero if it has none), most frequent first (ties by value); years by year.
pub(crate) fn finish(table: &ValueTable, filters: &Filters, tally: &[u32]) -> Vec<FacetCounts> {
    let mut per: Vec<Vec<u32>> = Facet::ALL.iter().map(|_| Vec::new()).collect();
    for (id, &n) in tally.iter().enumerate() {
        if n > 0 {
            per[table.facets[id] as usize].push(id as u32);
        }
    }
    Facet::ALL
        .into_iter()
        .zip(per)
        .map(|(facet, mut ids)| {
            let of = |id: &u32| (table.names[*id as usize].to_string(), tally[*id as usize]);
            let values: Vec<(String, usize)> = if facet == Facet::Year {
                crate::order::sort_by_key(&mut ids, |&id| table.years[id as usize]);
                ids.iter().map(of).map(|(v, n)| (v, n as usize)).collect()
            } else {
                // Most frequent first, ties by value, as one `u64` per value: the count's
                // complement in the high half, the name's rank in the low half (a facet of
                // 15,000 people sorted by string comparisons was much of a filter click at
                // 100k records: the fragment bench's `split_facets`). Strings are made once,
                // in order.
                let order = table.name_order();
                let mut keys: Vec<u64> = ids
                    .iter()
                    .map(|&id| {
                        (u64::from(u32::MAX - tally[id as usize]) << 32)
                            | u64::from(order.rank[id as usize])
                    })
                    .collect();
                keys.sort_unstable();
                let mut values: Vec<(String, usize)> = keys
                    .iter()
                    .map(|&k| of(&order.id[(k & u64::from(u32::MAX)) as usize]))
                    .map(|(v, n)| (v, n as usize))
                    .collect();
                // Selected values that no record here has: last, at zero, by value.
                let mut unseen: Vec<String> = filters
                    .values(facet)
                    .into_iter()
                    .filter(|selected| {
                        table
                            .id(facet, selected)
                            .is_none_or(|id| tally[id as usize] == 0)
                    })
                    .collect();
                crate::order::sort(&mut unseen);
                unseen.dedup();
                values.extend(unseen.into_iter().map(|v| (v, 0)));
                values
            };
            FacetCounts { facet, values }
        })
        .collect()
}
