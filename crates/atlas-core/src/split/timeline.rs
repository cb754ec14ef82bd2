//! The timeline's files of a split catalogue: `timeline.json` (named by
//! [`Manifest::timeline`]) lists the years events start in, with how many start in each over
//! the whole catalogue and the file of that year; `timeline/YYYY.json` gives the positions of
//! that year's events in time order ([`crate::stats::timeline`]'s: start date, partial dates
//! first, then id). With the facet table's rows of the current hits
//! ([`super::SplitFacets::start_years`]) the timeline of a large catalogue counts and orders
//! what the full one does; each event's title and date come from its record fragment.

use super::{safe_relative_path, Manifest};
use crate::catalog::{Catalog, Record, RecordRef};
use crate::model::Kind;
use crate::LoadError;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// `DIR/timeline.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineFile {
    /// Ascending by year; only years some event starts in.
    pub years: Vec<TimelineYear>,
}

/// One year of [`TimelineFile`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineYear {
    pub year: i32,
    /// Events starting that year, over the whole catalogue.
    pub events: u32,
    /// Its [`YearFile`], relative to the manifest.
    pub file: String,
}

/// `DIR/timeline/YYYY.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YearFile {
    pub year: i32,
    /// Positions of the events starting that year, in time order.
    pub positions: Vec<u32>,
}

/// The timeline files of `catalog` split in `order` (browse order): the index and one file
/// per year.
pub fn build_timeline(catalog: &Catalog, order: &[RecordRef]) -> (TimelineFile, Vec<YearFile>) {
    let position: HashMap<RecordRef, u32> = order
        .iter()
        .enumerate()
        .map(|(p, r)| (*r, p as u32))
        .collect();
    let events: Vec<RecordRef> = order
        .iter()
        .copied()
        .filter(|r| r.kind == Kind::Event)
        .collect();
    // Per start year: each event with its sort key (date, then id).
    type Dated<'a> = (RecordRef, (i32, u8, u8), &'a str);
    let mut by_year: BTreeMap<i32, Vec<Dated<'_>>> = BTreeMap::new();
    for r in events {
        if let Record::Event(e) = catalog.get(r) {
            by_year
                .entry(e.start.year)
                .or_default()
                .push((r, e.start.order_key(), e.id.as_str()));
        }
    }
    let mut index = Vec::new();
    let mut files = Vec::new();
    for (year, mut list) in by_year {
        crate::order::sort_by(&mut list, |a, b| a.1.cmp(&b.1).then_with(|| a.2.cmp(b.2)));
        index.push(TimelineYear {
            year,
            events: list.len() as u32,
            file: format!("timeline/{year}.json"),
        });
        files.push(YearFile {
            year,
            positions: list.iter().map(|(r, _, _)| position[r]).collect(),
        });
    }
    (TimelineFile { years: index }, files)
}

/// Reads the timeline index the manifest names; an error names the file and the field.
pub fn parse_timeline(manifest: &Manifest, bytes: &[u8]) -> Result<TimelineFile, LoadError> {
    let file = manifest.timeline.as_deref().unwrap_or("timeline.json");
    let bad = |what: String| LoadError::Parse(format!("{file}: {what}"));
    let parsed: TimelineFile =
        serde_json::from_slice(bytes).map_err(|e| bad(format!("not a timeline file: {e}")))?;
    for (i, y) in parsed.years.iter().enumerate() {
        if !safe_relative_path(&y.file) {
            return Err(bad(format!(
                "field `years[{i}].file`: unsafe file name `{}`",
                y.file
            )));
        }
        if i > 0 && parsed.years[i - 1].year >= y.year {
            return Err(bad(format!(
                "field `years[{i}].year`: {} is not after the year before",
                y.year
            )));
        }
    }
    Ok(parsed)
}

/// Reads the file of `year` (named `file`); an error names the file and the field.
pub fn parse_year(
    manifest: &Manifest,
    year: i32,
    file: &str,
    bytes: &[u8],
) -> Result<YearFile, LoadError> {
    let bad = |what: String| LoadError::Parse(format!("{file}: {what}"));
    let parsed: YearFile =
        serde_json::from_slice(bytes).map_err(|e| bad(format!("not a timeline year file: {e}")))?;
    if parsed.year != year {
        return Err(bad(format!(
            "field `year`: {}, the index says {year}",
            parsed.year
        )));
    }
    if let Some(i) = parsed.positions.iter().position(|&p| p >= manifest.records) {
        return Err(bad(format!(
            "field `positions[{i}]`: {} is past the {} records",
            parsed.positions[i], manifest.records
        )));
    }
    Ok(parsed)
}
