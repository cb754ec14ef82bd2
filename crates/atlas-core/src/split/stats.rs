//! The statistics files of a split catalogue, one set per grouping ([`GroupBy`]):
//! - by measure, `stats.json` (named by [`Manifest::stats`]) lists the groups of figures in
//!   the whole catalogue's group order ([`crate::stats::group_order`]), each with its name,
//!   how many figures it holds and its file, and gives every figure position its group;
//!   `stats/NNNN.json` lists a group's figures in the group's order
//!   ([`crate::stats::figure_rank`]) with their values and measures;
//! - by event, `stats/events.json` (named by [`Manifest::stats_event`]) is the same index
//!   without names; the groups' headings (their events' titles) are in files per language
//!   of [`TITLE_CHUNK`] consecutive groups, `stats/events-LANG-NNNN.json` ([`TitlesFile`]),
//!   so a page of groups needs one or a few small files and no record fragment. A large catalogue has about one event per figure, so the groups'
//!   files are packed [`EVENT_PACK`] consecutive groups to a file, `stats/eNNNN.json`
//!   ([`GroupPack`]).
//!
//! The order of any selection is the whole catalogue's restricted to it, so with
//! the facet table's rows of the current hits ([`super::SplitFacets::passing`]) a large
//! catalogue groups, counts and orders the figures as the full one does; each figure's
//! label, qualifier, period, event, sources and disagreement come from its record fragment.
//!
//! At 100k synthetic records (20,003 figures, 13 measures) the index by measure is 46 KB
//! (14 KB gzipped) and a group file about 22 KB (8 KB gzipped). By event there are 16,611
//! groups: `atlas-bundle split` prints the sizes of both sets.

use super::{safe_relative_path, Manifest};
use crate::catalog::{Catalog, RecordRef};
use crate::model::{Kind, Text};
use crate::stats::{figure_rank, group_key, group_order, GroupBy};
use crate::LoadError;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// `DIR/stats.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatsFile {
    /// The first figure's position: figures hold `from..from + group_of.len()`.
    pub from: u32,
    /// Per figure (its position minus `from`), the index of its group in `groups`.
    pub group_of: Vec<u32>,
    /// The groups, in the whole catalogue's group order.
    pub groups: Vec<StatsGroup>,
    /// By event, the packs of group files, relative to the manifest: group `g` is in
    /// `packs[g / pack]` (its [`StatsGroup::file`] is then empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub packs: Vec<String>,
    /// Groups per pack (0 when there are none).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub pack: u32,
    /// By event, language (`ar`, `en`, `fr`, `es`) → the files of the groups' headings
    /// ([`TitlesFile`]), relative to the manifest: group `g`'s is in file
    /// `g / title_chunk`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub titles: BTreeMap<String, Vec<String>>,
    /// Groups per file of headings (0 when there are none).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub title_chunk: u32,
}

/// Event groups per file of headings.
pub const TITLE_CHUNK: usize = 1024;

/// `DIR/stats/events-LANG-NNNN.json`: the headings of consecutive groups of the index by
/// event in one language (each event's title, in Arabic where it has none in that language;
/// empty for the group of figures without an event).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TitlesFile {
    /// The first group's index.
    pub from: u32,
    pub titles: Vec<String>,
}

impl TitlesFile {
    /// The heading of group `g`, if this file holds it and it has one.
    pub fn title(&self, g: usize) -> Option<&str> {
        g.checked_sub(self.from as usize)
            .and_then(|i| self.titles.get(i))
            .map(String::as_str)
            .filter(|t| !t.is_empty())
    }
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// One group of [`StatsFile`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatsGroup {
    /// The measure id.
    pub key: String,
    /// The measure's name (absent when `data/measures.toml` does not name it: the view
    /// then heads the group with its id, as the full catalogue's does).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
    /// Figures in the group, over the whole catalogue.
    pub figures: u32,
    /// Its [`GroupFile`], relative to the manifest; empty by event, where the group is in
    /// a pack ([`StatsFile::file_of`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub file: String,
}

/// Event groups per [`GroupPack`].
pub const EVENT_PACK: usize = 256;

/// `DIR/stats/eNNNN.json`: the files of consecutive event groups.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupPack {
    pub groups: Vec<GroupFile>,
}

/// `DIR/stats/NNNN.json`: one group's figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupFile {
    pub key: String,
    /// Positions of the group's figures, in the group's order.
    pub positions: Vec<u32>,
    /// Each figure's value (aligned with `positions`): the bars' scale without fetching
    /// every figure's fragment.
    pub values: Vec<f64>,
    /// Each figure's measure, as an index into `measures` (a group holds figures of another
    /// measure when they disagree with one of its own).
    pub measure_of: Vec<u32>,
    pub measures: Vec<String>,
}

impl GroupFile {
    /// The group's figures among `selected`, in the group's order, each with its index in
    /// this file.
    pub fn kept(&self, selected: &HashSet<u32>) -> Vec<(usize, u32)> {
        self.positions
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, p)| selected.contains(p))
            .collect()
    }

    /// Per measure, the largest value among the figures at `indices` (the bars' scale).
    pub fn max_by_measure(&self, indices: impl IntoIterator<Item = usize>) -> HashMap<&str, f64> {
        let mut out: HashMap<&str, f64> = HashMap::new();
        for i in indices {
            let m = self.measures[self.measure_of[i] as usize].as_str();
            let v = out.entry(m).or_insert(f64::MIN);
            *v = v.max(self.values[i]);
        }
        out
    }
}

impl StatsFile {
    /// The file that holds group `g`: its own, or its pack.
    pub fn file_of(&self, g: usize) -> &str {
        match self.groups[g].file.as_str() {
            "" => self
                .packs
                .get(g / self.pack.max(1) as usize)
                .map_or("", String::as_str),
            own => own,
        }
    }

    /// Per group index, the positions among `selected` (figure positions, any order) that
    /// fall in it; positions outside the figures are ignored.
    pub fn by_group(&self, selected: &[u32]) -> BTreeMap<usize, Vec<u32>> {
        let mut out: BTreeMap<usize, Vec<u32>> = BTreeMap::new();
        for &p in selected {
            if let Some(&g) = p
                .checked_sub(self.from)
                .and_then(|i| self.group_of.get(i as usize))
            {
                out.entry(g as usize).or_default().push(p);
            }
        }
        out
    }
}

/// The statistics files of `catalog` split in `order` (browse order) grouped `by`: the index
/// and each group's file, in group order (by event, [`StatsGroup::file`] names the pack
/// the group goes in: [`Split::files`](super::Split::files) writes them).
pub fn build_stats(
    catalog: &Catalog,
    order: &[RecordRef],
    by: GroupBy,
) -> (StatsFile, Vec<GroupFile>) {
    let figures: Vec<(u32, usize)> = order
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind == Kind::Figure)
        .map(|(p, r)| (p as u32, r.index))
        .collect();
    let from = figures.first().map_or(0, |(p, _)| *p);
    let rank_of = group_order(catalog, by);
    let mut keys: Vec<(&String, usize)> = rank_of.iter().map(|(k, &n)| (k, n)).collect();
    keys.sort_by_key(|(_, n)| *n);
    let index_of: HashMap<&str, usize> = keys
        .iter()
        .enumerate()
        .map(|(i, (k, _))| (k.as_str(), i))
        .collect();
    // Per group, its figures: (rank in the group, position, bundle index).
    type Member = ((usize, usize), u32, usize);
    let mut members: Vec<Vec<Member>> = vec![Vec::new(); keys.len()];
    let mut group_of = Vec::with_capacity(figures.len());
    for &(p, i) in &figures {
        let f = &catalog.bundle.figures[i];
        let g = index_of[group_key(catalog, f, by).as_str()];
        group_of.push(g as u32);
        members[g].push((figure_rank(catalog, i), p, i));
    }
    let mut groups = Vec::new();
    let mut files = Vec::new();
    for (g, ((key, _), mut list)) in keys.iter().zip(members).enumerate() {
        list.sort_by_key(|(rank, _, _)| *rank);
        let (file, name) = match by {
            GroupBy::Measure => (
                format!("stats/{g:04}.json"),
                catalog
                    .bundle
                    .measures
                    .iter()
                    .find(|m| &m.id == *key)
                    .map(|m| m.name.clone()),
            ),
            GroupBy::Event => (String::new(), None),
        };
        groups.push(StatsGroup {
            key: key.to_string(),
            name,
            figures: list.len() as u32,
            file,
        });
        let mut measures: Vec<String> = Vec::new();
        let mut measure_of = Vec::new();
        for (_, _, i) in &list {
            let m = &catalog.bundle.figures[*i].measure;
            let at = match measures.iter().position(|x| x == m) {
                Some(at) => at,
                None => {
                    measures.push(m.clone());
                    measures.len() - 1
                }
            };
            measure_of.push(at as u32);
        }
        files.push(GroupFile {
            key: key.to_string(),
            positions: list.iter().map(|(_, p, _)| *p).collect(),
            values: list
                .iter()
                .map(|(_, _, i)| catalog.bundle.figures[*i].value)
                .collect(),
            measure_of,
            measures,
        });
    }
    let (packs, pack, titles, title_chunk) = match by {
        GroupBy::Measure => (Vec::new(), 0, BTreeMap::new(), 0),
        GroupBy::Event => (
            (0..groups.len().div_ceil(EVENT_PACK))
                .map(|i| format!("stats/e{i:04}.json"))
                .collect(),
            EVENT_PACK as u32,
            super::LANGS
                .iter()
                .map(|l| {
                    let files = (0..groups.len().div_ceil(TITLE_CHUNK))
                        .map(|i| format!("stats/events-{l}-{i:04}.json"))
                        .collect();
                    (l.to_string(), files)
                })
                .collect(),
            TITLE_CHUNK as u32,
        ),
    };
    (
        StatsFile {
            from,
            group_of,
            groups,
            packs,
            pack,
            titles,
            title_chunk,
        },
        files,
    )
}

/// The files of headings of the groups of `index` (by event) in `lang`, in order: each
/// event's title.
pub fn build_titles(catalog: &Catalog, index: &StatsFile, lang: &str) -> Vec<TitlesFile> {
    let n = (index.title_chunk as usize).max(1);
    index
        .groups
        .chunks(n)
        .enumerate()
        .map(|(i, groups)| TitlesFile {
            from: (i * n) as u32,
            titles: groups
                .iter()
                .map(|g| {
                    catalog
                        .event(&g.key)
                        .map(|e| e.title.get_or_ar(lang).0.to_string())
                        .unwrap_or_default()
                })
                .collect(),
        })
        .collect()
}

/// Reads the statistics index grouped `by` that the manifest names; an error names the file
/// and the field.
pub fn parse_stats(manifest: &Manifest, by: GroupBy, bytes: &[u8]) -> Result<StatsFile, LoadError> {
    let file = manifest.stats_file(by).unwrap_or("stats.json");
    let bad = |what: String| LoadError::Parse(format!("{file}: {what}"));
    let parsed: StatsFile =
        serde_json::from_slice(bytes).map_err(|e| bad(format!("not a statistics file: {e}")))?;
    for (lang, files) in &parsed.titles {
        for (i, p) in files.iter().enumerate() {
            if !safe_relative_path(p) {
                return Err(bad(format!(
                    "field `titles.{lang}[{i}]`: unsafe file name `{p}`"
                )));
            }
        }
    }
    for (i, p) in parsed.packs.iter().enumerate() {
        if !safe_relative_path(p) {
            return Err(bad(format!("field `packs[{i}]`: unsafe file name `{p}`")));
        }
    }
    for (i, g) in parsed.groups.iter().enumerate() {
        if g.file.is_empty() && parsed.file_of(i).is_empty() {
            return Err(bad(format!(
                "field `groups[{i}].file`: none, and no pack holds the group"
            )));
        }
        if !g.file.is_empty() && !safe_relative_path(&g.file) {
            return Err(bad(format!(
                "field `groups[{i}].file`: unsafe file name `{}`",
                g.file
            )));
        }
    }
    if parsed.from as u64 + parsed.group_of.len() as u64 > manifest.records as u64 {
        return Err(bad(format!(
            "fields `from`, `group_of`: {} figures from position {} pass the {} records",
            parsed.group_of.len(),
            parsed.from,
            manifest.records
        )));
    }
    if let Some(i) = parsed
        .group_of
        .iter()
        .position(|&g| g as usize >= parsed.groups.len())
    {
        return Err(bad(format!(
            "field `group_of[{i}]`: group {} of {}",
            parsed.group_of[i],
            parsed.groups.len()
        )));
    }
    Ok(parsed)
}

/// Reads file `chunk` of headings of the groups of `index` (by event), named `file`; an
/// error names the file and the field.
pub fn parse_titles(
    index: &StatsFile,
    chunk: usize,
    file: &str,
    bytes: &[u8],
) -> Result<TitlesFile, LoadError> {
    let bad = |what: String| LoadError::Parse(format!("{file}: {what}"));
    let parsed: TitlesFile = serde_json::from_slice(bytes)
        .map_err(|e| bad(format!("not a file of group headings: {e}")))?;
    let n = (index.title_chunk as usize).max(1);
    let from = chunk * n;
    let want = index.groups.len().saturating_sub(from).min(n);
    if parsed.from as usize != from {
        return Err(bad(format!(
            "field `from`: {}, the index says {from}",
            parsed.from
        )));
    }
    if parsed.titles.len() != want {
        return Err(bad(format!(
            "field `titles`: {} headings for {want} groups",
            parsed.titles.len()
        )));
    }
    Ok(parsed)
}

/// Reads the file of group `key` (named `file`; grouped `by` event, the pack that holds
/// it); an error names the file and the field.
pub fn parse_group(
    manifest: &Manifest,
    by: GroupBy,
    key: &str,
    file: &str,
    bytes: &[u8],
) -> Result<GroupFile, LoadError> {
    let bad = |what: String| LoadError::Parse(format!("{file}: {what}"));
    let parsed: GroupFile = match by {
        GroupBy::Measure => serde_json::from_slice(bytes)
            .map_err(|e| bad(format!("not a statistics group file: {e}")))?,
        GroupBy::Event => {
            let pack: GroupPack = serde_json::from_slice(bytes)
                .map_err(|e| bad(format!("not a pack of statistics groups: {e}")))?;
            pack.groups
                .into_iter()
                .find(|g| g.key == key)
                .ok_or_else(|| bad(format!("field `groups`: no group `{key}`")))?
        }
    };
    if parsed.key != key {
        return Err(bad(format!(
            "field `key`: `{}`, the index says `{key}`",
            parsed.key
        )));
    }
    let n = parsed.positions.len();
    for (field, len) in [
        ("values", parsed.values.len()),
        ("measure_of", parsed.measure_of.len()),
    ] {
        if len != n {
            return Err(bad(format!(
                "field `{field}`: {len} entries for {n} positions"
            )));
        }
    }
    if let Some(i) = parsed.positions.iter().position(|&p| p >= manifest.records) {
        return Err(bad(format!(
            "field `positions[{i}]`: {} is past the {} records",
            parsed.positions[i], manifest.records
        )));
    }
    if let Some(i) = parsed
        .measure_of
        .iter()
        .position(|&m| m as usize >= parsed.measures.len())
    {
        return Err(bad(format!(
            "field `measure_of[{i}]`: measure {} of {}",
            parsed.measure_of[i],
            parsed.measures.len()
        )));
    }
    Ok(parsed)
}
