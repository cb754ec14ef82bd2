//! The client's facet table: the value file, the label files and the blocks fetched so far,
//! counted and filtered by the very code of [`crate::facets::FacetIndex`].

use super::code::{read_row, Reader, RowError};
use super::single::{self, Single, SingleFile};
use super::{FacetBlock, FacetValuesFile, LabelsFile, LANGS};
use crate::facets::{
    count, count_and_pass, finish, only_value, Facet, FacetCounts, Filters, Rows, Selection,
    ValueTable,
};
use crate::model::Kind;
use crate::split::safe_relative_path;
use crate::split::Manifest;
use crate::LoadError;
use std::collections::{BTreeMap, HashMap};

/// Facet files that must be fetched (and given to [`SplitFacets::add_file`]) before an
/// answer, sorted: indices into the manifest's `facets.blocks`, followed by the value file's
/// `singles`, then its `slices` ([`SplitFacets::file_name`] names them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingBlocks(pub Vec<usize>);

/// Facets of a split catalogue, client side: filters and counts over search-hit positions
/// with the semantics and the code of [`crate::facets::FacetIndex`] (so the same query and
/// filters give the same counts as the whole catalogue), from the value file and whichever
/// blocks are at hand.
#[derive(Clone, Debug)]
pub struct SplitFacets {
    values: ValueTable,
    /// Per value id: its total over the whole catalogue.
    totals: Vec<u32>,
    records: u32,
    /// The first position of each block.
    starts: Vec<u32>,
    blocks: Vec<Option<Rows>>,
    /// The first value id of each single-value file.
    single_starts: Vec<u32>,
    /// Per single-value file, once loaded: each of its values' answer.
    singles: Vec<Option<Vec<Single>>>,
    /// Per language of [`LANGS`], once loaded: per value id its label (empty for kinds,
    /// years, statuses).
    labels: [Option<Vec<Box<str>>>; 4],
    /// Per kind (in [`Kind::ALL`] order), the positions of its records: a view about one
    /// kind (the map's and the timeline's events) needs only the blocks of that run.
    kind_ranges: Vec<(Kind, std::ops::Range<u32>)>,
    /// The slices the value file lists: a kind's rows cut down to one facet's values.
    slices: Vec<Slice>,
    /// File names, for errors.
    values_file: String,
    label_files: std::collections::BTreeMap<String, String>,
    block_files: Vec<String>,
    single_files: Vec<String>,
}

/// A slice ([`super::SliceRef`]): its kind, facet and file, and its rows once loaded (row
/// `i` is the `i`-th position of the kind's run).
#[derive(Clone, Debug)]
struct Slice {
    kind: Kind,
    facet: Facet,
    file: String,
    rows: Option<Rows>,
}

fn bad(file: &str, what: String) -> LoadError {
    LoadError::Parse(format!("{file}: {what}"))
}

impl SplitFacets {
    /// Reads the value file (`manifest.facets.values`). An error if the manifest has no
    /// facet table (written before there was one: the app then says facets are
    /// unavailable) or if the file is malformed or disagrees with the manifest.
    pub fn new(manifest: &Manifest, bytes: &[u8]) -> Result<SplitFacets, LoadError> {
        let files = manifest.facets.as_ref().ok_or_else(|| {
            LoadError::Parse("the manifest lists no facet table (`facets`)".into())
        })?;
        let file = files.values.as_str();
        let parsed: FacetValuesFile = serde_json::from_slice(bytes)
            .map_err(|e| bad(file, format!("not a facet value file: {e}")))?;
        if parsed.records != manifest.records {
            return Err(bad(
                file,
                format!(
                    "field `records`: {} records, the manifest has {}",
                    parsed.records, manifest.records
                ),
            ));
        }
        if let Some(key) = parsed
            .facets
            .keys()
            .find(|k| Facet::from_param(k).is_none())
        {
            return Err(bad(file, format!("field `facets`: unknown facet `{key}`")));
        }
        let mut values = ValueTable::default();
        let mut totals = Vec::new();
        for (fi, facet) in Facet::ALL.into_iter().enumerate() {
            let Some(col) = parsed.facets.get(facet.param()) else {
                continue;
            };
            let field = |f: &str| format!("field `facets.{}.{f}", facet.param());
            if col.totals.len() != col.values.len() {
                return Err(bad(
                    file,
                    format!(
                        "{}`: {} totals for {} values",
                        field("n"),
                        col.totals.len(),
                        col.values.len()
                    ),
                ));
            }
            for (i, v) in col.values.iter().enumerate() {
                let year = match facet {
                    Facet::Year => Some(
                        v.parse::<i32>()
                            .ok()
                            .filter(|y| y.to_string() == *v)
                            .ok_or_else(|| {
                                bad(file, format!("{}[{i}]`: `{v}` is not a year", field("v")))
                            })?,
                    ),
                    _ => None,
                };
                let id = values.intern(fi, v, year);
                if id as usize != totals.len() {
                    return Err(bad(
                        file,
                        format!("{}[{i}]`: `{v}` is listed twice", field("v")),
                    ));
                }
                totals.push(col.totals[i]);
            }
        }
        if manifest.records > 0 && files.starts.first() != Some(&0)
            || files.starts.windows(2).any(|w| w[0] >= w[1])
            || files
                .starts
                .last()
                .is_some_and(|&s| s >= manifest.records.max(1))
            || files.starts.len() != files.blocks.len()
        {
            return Err(LoadError::Parse(
                "manifest: field `facets.starts` does not cut the positions into the blocks listed"
                    .into(),
            ));
        }
        if parsed.single_starts.len() != parsed.singles.len()
            || !parsed.singles.is_empty() && parsed.single_starts.first() != Some(&0)
            || parsed.single_starts.windows(2).any(|w| w[0] >= w[1])
            || parsed
                .single_starts
                .last()
                .is_some_and(|&s| s as usize >= values.len().max(1))
        {
            return Err(bad(
                file,
                "fields `singles`, `single_starts`: they do not cut the values into the files listed"
                    .into(),
            ));
        }
        if let Some((i, p)) = parsed
            .singles
            .iter()
            .enumerate()
            .find(|(_, p)| !safe_relative_path(p))
        {
            return Err(bad(
                file,
                format!("field `singles[{i}]`: unsafe file name `{p}`"),
            ));
        }
        let mut slices: Vec<Slice> = Vec::new();
        for (i, r) in parsed.slices.iter().enumerate() {
            let field = |f: &str| format!("field `slices[{i}].{f}`");
            let kind = Kind::parse(&r.kind).ok_or_else(|| {
                bad(
                    file,
                    format!("{}: unknown kind `{}`", field("kind"), r.kind),
                )
            })?;
            let facet = Facet::from_param(&r.facet).ok_or_else(|| {
                bad(
                    file,
                    format!("{}: unknown facet `{}`", field("facet"), r.facet),
                )
            })?;
            if !safe_relative_path(&r.file) {
                return Err(bad(
                    file,
                    format!("{}: unsafe file name `{}`", field("file"), r.file),
                ));
            }
            if facet == Facet::Kind || slices.iter().any(|s| s.kind == kind && s.facet == facet) {
                return Err(bad(
                    file,
                    format!(
                        "{}: a slice of the {} facet of `{}` is not expected here",
                        field("facet"),
                        r.facet,
                        r.kind
                    ),
                ));
            }
            slices.push(Slice {
                kind,
                facet,
                file: r.file.clone(),
                rows: None,
            });
        }
        Ok(SplitFacets {
            slices,
            singles: vec![None; parsed.singles.len()],
            single_starts: parsed.single_starts,
            single_files: parsed.singles,
            values,
            totals,
            records: manifest.records,
            starts: files.starts.clone(),
            blocks: vec![None; files.blocks.len()],
            labels: Default::default(),
            kind_ranges: Kind::ALL
                .into_iter()
                .map(|k| (k, manifest.kind_range(k)))
                .collect(),
            values_file: file.to_string(),
            label_files: files.labels.clone(),
            block_files: files.blocks.clone(),
        })
    }

    /// The interned values (value id → facet and URL value).
    pub fn values(&self) -> &ValueTable {
        &self.values
    }

    /// The filters of query-string pairs, ids checked against this table (unknown ones
    /// ignored, as [`Filters::from_pairs`] does against a catalogue).
    pub fn filters<'a>(&self, pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Filters {
        Filters::from_pairs_in(pairs, &self.values)
    }

    /// How many records of the whole catalogue carry a value.
    pub fn total(&self, facet: Facet, value: &str) -> Option<u32> {
        self.values
            .id(facet, value)
            .map(|id| self.totals[id as usize])
    }

    /// Reads the label file of `lang` (one of [`LANGS`]): `manifest.facets.labels[lang]`.
    pub fn add_labels(&mut self, lang: &str, bytes: &[u8]) -> Result<(), LoadError> {
        let file = self
            .label_files
            .get(lang)
            .cloned()
            .unwrap_or_else(|| format!("labels of `{lang}`"));
        let li = LANGS
            .iter()
            .position(|l| *l == lang)
            .ok_or_else(|| bad(&file, format!("`{lang}` is not a language of the atlas")))?;
        let parsed: LabelsFile = serde_json::from_slice(bytes)
            .map_err(|e| bad(&file, format!("not a facet label file: {e}")))?;
        let mut labels: Vec<Box<str>> = vec![Box::from(""); self.values.len()];
        for (key, names) in &parsed {
            let facet = Facet::from_param(key)
                .filter(|f| super::build::labelled(*f))
                .ok_or_else(|| bad(&file, format!("`{key}` is not a labelled facet")))?;
            let ids: Vec<u32> = (0..self.values.len() as u32)
                .filter(|&id| self.values.facet(id) == facet)
                .collect();
            if ids.len() != names.len() {
                return Err(bad(
                    &file,
                    format!(
                        "field `{key}`: {} labels for {} values",
                        names.len(),
                        ids.len()
                    ),
                ));
            }
            for (id, name) in ids.into_iter().zip(names) {
                labels[id as usize] = name.as_str().into();
            }
        }
        self.labels[li] = Some(labels);
        Ok(())
    }

    /// Whether the labels of `lang` are loaded.
    pub fn has_labels(&self, lang: &str) -> bool {
        LANGS
            .iter()
            .position(|l| *l == lang)
            .is_some_and(|li| self.labels[li].is_some())
    }

    /// The display label of a place, country, organisation, person or topic in `lang`, once
    /// its label file is loaded (kinds, years and statuses are named by the interface).
    pub fn label(&self, facet: Facet, value: &str, lang: &str) -> Option<&str> {
        let li = LANGS.iter().position(|l| *l == lang)?;
        let id = self.values.id(facet, value)?;
        let label = &self.labels[li].as_ref()?[id as usize];
        (!label.is_empty()).then_some(&**label)
    }

    /// The block holding `position`.
    pub fn block_of(&self, position: u32) -> Option<usize> {
        (position < self.records).then(|| self.starts.partition_point(|&s| s <= position) - 1)
    }

    /// Reads block `index` (the file `manifest.facets.blocks[index]`).
    pub fn add_block(&mut self, index: usize, bytes: &[u8]) -> Result<(), LoadError> {
        let file = self
            .block_files
            .get(index)
            .ok_or_else(|| LoadError::Parse(format!("there is no facet block {index}")))?
            .clone();
        let block: FacetBlock = serde_json::from_slice(bytes)
            .map_err(|e| bad(&file, format!("not a facet block: {e}")))?;
        let from = self.starts[index];
        let to = self.starts.get(index + 1).copied().unwrap_or(self.records);
        if block.from != from || block.rows != to - from {
            return Err(bad(
                &file,
                format!(
                    "fields `from`, `rows`: positions {}..{}, the manifest says {from}..{to}",
                    block.from,
                    block.from as u64 + block.rows as u64
                ),
            ));
        }
        let rows = self.decode_rows(&file, &block, |_, _| None)?;
        self.blocks[index] = Some(rows);
        Ok(())
    }

    /// The rows of `block`, read from the file `file`, each also checked by `check` (given
    /// the row's number and ids, a message for a bad row).
    fn decode_rows(
        &self,
        file: &str,
        block: &FacetBlock,
        check: impl Fn(u32, &[u32]) -> Option<String>,
    ) -> Result<Rows, LoadError> {
        let code_err = |e: String| bad(file, format!("field `code`: {e}"));
        let mut reader = Reader::new(&block.code);
        let mut rows = Rows::default();
        let mut row = Vec::new();
        for r in 0..block.rows {
            read_row(&mut reader, self.values.len() as u32, &mut row).map_err(|e| {
                code_err(match e {
                    RowError::Code(e) => e,
                    RowError::End => "ends before its last row".into(),
                    RowError::Repeat => format!("row {r} repeats a value"),
                    RowError::Past => format!("row {r} names an unknown value"),
                })
            })?;
            if let Some(e) = check(r, &row) {
                return Err(code_err(e));
            }
            rows.push(&row, |id| self.values.facet_pos(id));
        }
        if !reader.at_end() {
            return Err(code_err("more numbers than its rows hold".into()));
        }
        Ok(rows)
    }

    /// The file of facet file `index` (a block, or past them a single-value file), as the
    /// manifest names it.
    pub fn file_name(&self, index: usize) -> Option<&str> {
        let (b, s) = (self.blocks.len(), self.single_files.len());
        if index < b {
            self.block_files.get(index).map(String::as_str)
        } else if index < b + s {
            self.single_files.get(index - b).map(String::as_str)
        } else {
            self.slices.get(index - b - s).map(|s| s.file.as_str())
        }
    }

    /// Reads facet file `index` (see [`Self::file_name`]).
    pub fn add_file(&mut self, index: usize, bytes: &[u8]) -> Result<(), LoadError> {
        let (b, s) = (self.blocks.len(), self.single_files.len());
        if index < b {
            self.add_block(index, bytes)
        } else if index < b + s {
            self.add_single(index - b, bytes)
        } else {
            self.add_slice(index - b - s, bytes)
        }
    }

    /// Reads slice `index` (the file `slices[index].file` of the value file): a block over
    /// the positions of its kind whose rows hold values of its facet only.
    pub fn add_slice(&mut self, index: usize, bytes: &[u8]) -> Result<(), LoadError> {
        let slice = self
            .slices
            .get(index)
            .ok_or_else(|| LoadError::Parse(format!("there is no facet slice {index}")))?;
        let file = slice.file.clone();
        let block: FacetBlock = serde_json::from_slice(bytes)
            .map_err(|e| bad(&file, format!("not a facet slice: {e}")))?;
        let range = self.kind_range(slice.kind);
        if block.from != range.start || block.rows != range.end - range.start {
            return Err(bad(
                &file,
                format!(
                    "fields `from`, `rows`: positions {}..{}, the manifest's {} run {}..{}",
                    block.from,
                    block.from as u64 + block.rows as u64,
                    slice.kind.as_str(),
                    range.start,
                    range.end
                ),
            ));
        }
        let facet = slice.facet;
        let rows = self.decode_rows(&file, &block, |r, row| {
            let other = row.iter().find(|&&id| self.values.facet(id) != facet)?;
            Some(format!(
                "row {r} names `{}`, not a value of the {} facet",
                self.values.name(*other),
                facet.param()
            ))
        })?;
        self.slices[index].rows = Some(rows);
        Ok(())
    }

    /// The positions of `kind`'s records (browse order is sorted by kind).
    fn kind_range(&self, kind: Kind) -> std::ops::Range<u32> {
        self.kind_ranges
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(0..0, |(_, r)| r.clone())
    }

    /// The slice of `facet` over `kind`'s positions, if the split has one.
    fn slice_of(&self, kind: Kind, facet: Facet) -> Option<usize> {
        self.slices
            .iter()
            .position(|s| s.kind == kind && s.facet == facet)
    }

    /// The file index ([`Self::file_name`]) of slice `s`.
    fn slice_file(&self, s: usize) -> usize {
        self.blocks.len() + self.single_files.len() + s
    }

    /// Slice `s`'s row for `position` (empty if the record has no value of its facet).
    fn slice_row(&self, s: usize, position: u32) -> &[u32] {
        let slice = &self.slices[s];
        let from = self.kind_range(slice.kind).start;
        slice
            .rows
            .as_ref()
            .and_then(|rows| rows.get(position.checked_sub(from)? as usize))
            .unwrap_or(&[])
    }

    /// Reads single-value file `index` (the file `manifest.facets.singles[index]`).
    pub fn add_single(&mut self, index: usize, bytes: &[u8]) -> Result<(), LoadError> {
        let file = self
            .single_files
            .get(index)
            .ok_or_else(|| LoadError::Parse(format!("there is no single-value file {index}")))?
            .clone();
        let parsed: SingleFile = serde_json::from_slice(bytes)
            .map_err(|e| bad(&file, format!("not a single-value file: {e}")))?;
        let from = self.single_starts[index];
        let to = self
            .single_starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.values.len() as u32);
        if parsed.from != from || parsed.values != to - from {
            return Err(bad(
                &file,
                format!(
                    "fields `from`, `values`: values {}..{}, the manifest says {from}..{to}",
                    parsed.from,
                    parsed.from as u64 + parsed.values as u64
                ),
            ));
        }
        let decoded = single::decode(
            &parsed.code,
            parsed.values,
            self.records,
            self.values.len() as u32,
        )
        .map_err(|e| bad(&file, format!("field `code`: {e}")))?;
        self.singles[index] = Some(decoded);
        Ok(())
    }

    /// The blocks not here yet: what any filter without a query may need (a client fetches
    /// them ahead, once a single-value answer is shown, for the reader's next click).
    pub fn absent_blocks(&self) -> Vec<usize> {
        (0..self.blocks.len())
            .filter(|&b| self.blocks[b].is_none())
            .collect()
    }

    /// The single-value file holding value `id`, if the split has them.
    fn single_file_of(&self, id: u32) -> Option<usize> {
        if self.single_starts.is_empty() || id as usize >= self.values.len() {
            return None;
        }
        Some(self.single_starts.partition_point(|&s| s <= id) - 1)
    }

    /// The loaded answer for value `id` alone.
    fn single(&self, id: u32) -> Option<&Single> {
        let f = self.single_file_of(id)?;
        self.singles[f]
            .as_ref()?
            .get((id - self.single_starts[f]) as usize)
    }

    /// With no query, one value alone and the rows of every record not all here: that
    /// value's id and its single-value file (the answer then comes from that file).
    fn single_route(&self, filters: &Filters, positions: Option<&[u32]>) -> Option<(u32, usize)> {
        if positions.is_some() || self.blocks.iter().all(Option::is_some) {
            return None;
        }
        let id = only_value(&self.values, filters)?;
        Some((id, self.single_file_of(id)?))
    }

    /// The single-value answer the filters take ([`Self::single_route`]), once its file is here.
    fn single_answer(
        &self,
        filters: &Filters,
        positions: Option<&[u32]>,
    ) -> Option<(u32, &Single)> {
        let (id, _) = self.single_route(filters, positions)?;
        Some((id, self.single(id)?))
    }

    /// The counts of value `id` alone from its single-value answer: the totals for its own
    /// facet (its filter is left out there: nothing is), its co-occurrences for the others.
    fn single_counts(&self, filters: &Filters, id: u32, one: &Single) -> Vec<FacetCounts> {
        let own = self.values.facet_pos(id);
        let mut tally: Vec<u32> = (0..self.values.len() as u32)
            .map(|v| {
                if self.values.facet_pos(v) == own {
                    self.totals[v as usize]
                } else {
                    0
                }
            })
            .collect();
        for &(v, n) in &one.cooc {
            tally[v as usize] = n;
        }
        finish(&self.values, filters, &tally)
    }

    /// The facet files still needed to answer for `positions` (`None`: no query, every
    /// record; with no filter either, the totals answer and nothing is needed; with one
    /// value alone, its single-value file unless every block is here; with other filters,
    /// every block).
    pub fn missing_blocks(&self, filters: &Filters, positions: Option<&[u32]>) -> Vec<usize> {
        match positions {
            None if filters.is_empty() => Vec::new(),
            None => match self.single_route(filters, None) {
                Some((_, f)) if self.singles[f].is_some() => Vec::new(),
                Some((_, f)) => vec![self.blocks.len() + f],
                None => self.absent_blocks(),
            },
            Some(ps) => self.absent_blocks_of(ps.iter().copied()),
        }
    }

    /// The blocks holding `positions` that are not here yet, sorted.
    fn absent_blocks_of(&self, positions: impl IntoIterator<Item = u32>) -> Vec<usize> {
        let mut need: Vec<usize> = positions
            .into_iter()
            .filter_map(|p| self.block_of(p))
            .collect();
        need.sort_unstable();
        need.dedup();
        need.retain(|&b| self.blocks[b].is_none());
        need
    }

    fn row(&self, position: u32) -> Option<&[u32]> {
        let b = self.block_of(position)?;
        self.blocks[b]
            .as_ref()?
            .get((position - self.starts[b]) as usize)
    }

    fn ready(&self, filters: &Filters, positions: Option<&[u32]>) -> Result<(), MissingBlocks> {
        let missing = self.missing_blocks(filters, positions);
        if missing.is_empty() {
            Ok(())
        } else {
            Err(MissingBlocks(missing))
        }
    }

    /// Counts for every facet over `positions` (the search hits, any order; `None`: no
    /// query, every record), each with every filter but its own: what
    /// [`crate::facets::FacetIndex::counts`] gives over the same records. With no query and
    /// no filter, from the totals alone. Positions past the end are ignored.
    pub fn counts(
        &self,
        filters: &Filters,
        positions: Option<&[u32]>,
    ) -> Result<Vec<FacetCounts>, MissingBlocks> {
        self.ready(filters, positions)?;
        if let Some((id, one)) = self.single_answer(filters, positions) {
            return Ok(self.single_counts(filters, id, one));
        }
        Ok(match positions {
            None if filters.is_empty() => finish(&self.values, filters, &self.totals),
            None => count(
                &self.values,
                filters,
                (0..self.records).filter_map(|p| self.row(p)),
            ),
            Some(ps) => count(
                &self.values,
                filters,
                ps.iter().filter_map(|&p| self.row(p)),
            ),
        })
    }

    /// [`Self::counts`] and, when a filter is set, [`Self::filter`] (else `None`: every
    /// position passes), in one pass over the rows: what a filter click recomputes.
    pub fn answer(
        &self,
        filters: &Filters,
        positions: Option<&[u32]>,
    ) -> Result<(Vec<FacetCounts>, Option<Vec<u32>>), MissingBlocks> {
        if filters.is_empty() {
            return Ok((self.counts(filters, positions)?, None));
        }
        self.ready(filters, positions)?;
        if let Some((id, one)) = self.single_answer(filters, positions) {
            return Ok((
                self.single_counts(filters, id, one),
                Some(one.positions.clone()),
            ));
        }
        let (counts, passing) = match positions {
            // Every record: block by block, in position order.
            None => count_and_pass(
                &self.values,
                filters,
                self.blocks
                    .iter()
                    .zip(&self.starts)
                    .filter_map(|(rows, &start)| Some((rows.as_ref()?, start)))
                    .flat_map(|(rows, start)| (start..).zip(rows.iter())),
                true,
            ),
            Some(ps) => count_and_pass(
                &self.values,
                filters,
                ps.iter().filter_map(|&p| Some((p, self.row(p)?))),
                true,
            ),
        };
        Ok((counts, Some(passing)))
    }

    /// The positions of `positions` (`None`: every record, in position order) that pass
    /// every filter, in the same order.
    pub fn filter(
        &self,
        filters: &Filters,
        positions: Option<&[u32]>,
    ) -> Result<Vec<u32>, MissingBlocks> {
        self.ready(filters, positions)?;
        if let Some((_, one)) = self.single_answer(filters, positions) {
            return Ok(one.positions.clone());
        }
        let sel = Selection::new(&self.values, filters, true);
        let keep = |p: &u32| self.row(*p).is_some_and(|row| sel.passes(row));
        Ok(match positions {
            None if filters.is_empty() => (0..self.records).collect(),
            None => (0..self.records).filter(keep).collect(),
            Some(ps) => ps.iter().copied().filter(keep).collect(),
        })
    }

    /// Per value of `of`, how many records of `kind` among `positions` (`None`: every record)
    /// pass every filter, their own facet's included (the map passes the filters without
    /// the places chosen, as the full catalogue's map counts events per place). Values with
    /// none are left out.
    /// Needs the blocks of the positions of that kind (all of them with no query): with no
    /// query and no filter callers answer from a precomputed total (the places file's
    /// `events`).
    pub fn tally(
        &self,
        of: Facet,
        kind: Kind,
        filters: &Filters,
        positions: Option<&[u32]>,
    ) -> Result<HashMap<String, u32>, MissingBlocks> {
        let mut out = HashMap::new();
        self.each_passing(kind, filters, positions, Some(of), |_, row| {
            for &v in row.iter().filter(|&&v| self.values.facet(v) == of) {
                *out.entry(self.values.name(v).to_string()).or_insert(0) += 1;
            }
        })?;
        Ok(out)
    }

    /// The positions of the records of `kind` among `positions` (`None`: every record) that
    /// pass every filter, in the order given (position order with no query): the figures
    /// the statistics show. Needs only the blocks of the positions of that kind.
    pub fn passing(
        &self,
        kind: Kind,
        filters: &Filters,
        positions: Option<&[u32]>,
    ) -> Result<Vec<u32>, MissingBlocks> {
        let mut out = Vec::new();
        self.each_passing(kind, filters, positions, None, |p, _| out.push(p))?;
        Ok(out)
    }

    /// Per start year, the events among `positions` (`None`: every record) that pass every
    /// filter, as positions in the order given (an event's first facet year is its start:
    /// its years run from there): the timeline's counts and, with a year file's order, its
    /// lists ([`crate::stats::timeline`] groups by start year). Needs only the blocks of the
    /// events' positions.
    pub fn start_years(
        &self,
        filters: &Filters,
        positions: Option<&[u32]>,
    ) -> Result<BTreeMap<i32, Vec<u32>>, MissingBlocks> {
        let mut out: BTreeMap<i32, Vec<u32>> = BTreeMap::new();
        self.each_passing(
            Kind::Event,
            filters,
            positions,
            Some(Facet::Year),
            |p, row| {
                let first = row
                    .iter()
                    .filter(|&&v| self.values.facet(v) == Facet::Year)
                    .filter_map(|&v| self.values.name(v).parse::<i32>().ok())
                    .min();
                if let Some(y) = first {
                    out.entry(y).or_default().push(p);
                }
            },
        )?;
        Ok(out)
    }

    /// Calls `f` with the position and row of every record of `kind` among `positions`
    /// (`None`: every record) that passes every filter. The row holds at least the values of
    /// the facet `uses` (`None`: none are read) and the record's kind. Reads, in this order of
    /// preference: the blocks of those positions when all are here; else the kind's slices
    /// of `uses` and of every filtered facet, when the split has them all; else, with no
    /// query and one value alone, that value's single-value file (and the slice of `uses`);
    /// else the blocks (every one of the kind's run with no query).
    fn each_passing(
        &self,
        kind: Kind,
        filters: &Filters,
        positions: Option<&[u32]>,
        uses: Option<Facet>,
        mut f: impl FnMut(u32, &[u32]),
    ) -> Result<(), MissingBlocks> {
        // Only the run of positions holding that kind: its blocks alone are needed.
        let range = self.kind_range(kind);
        let of_kind: Vec<u32> = match positions {
            None => range.clone().collect(),
            Some(ps) => ps.iter().copied().filter(|p| range.contains(p)).collect(),
        };
        let blocks = self.absent_blocks_of(of_kind.iter().copied());
        let Some(kind_id) = self.values.id(Facet::Kind, kind.as_str()) else {
            return Ok(());
        };
        let sel = Selection::new(&self.values, filters, true);
        if blocks.is_empty() {
            for p in of_kind {
                if let Some(row) = self.row(p) {
                    if row.contains(&kind_id) && sel.passes(row) {
                        f(p, row);
                    }
                }
            }
            return Ok(());
        }
        let missing = |slices: &[usize], extra: Option<usize>| -> Vec<usize> {
            let mut files: Vec<usize> = extra.into_iter().collect();
            files.extend(
                slices
                    .iter()
                    .filter(|&&s| self.slices[s].rows.is_none())
                    .map(|&s| self.slice_file(s)),
            );
            files.sort_unstable();
            files
        };
        // A row of the kind's id then the slices' values, in facet order as a block's are
        // (value ids number the facets in `Facet::ALL` order).
        let mut row = Vec::new();
        let fill = |row: &mut Vec<u32>, p: u32, slices: &[usize]| {
            row.clear();
            row.push(kind_id);
            for &s in slices {
                row.extend_from_slice(self.slice_row(s, p));
            }
        };
        // The slices of the counted facet and of every filtered one (the kind's filter is
        // decided by the kind itself, which every position here has).
        let wanted: Vec<Facet> = Facet::ALL
            .into_iter()
            .filter(|&x| x != Facet::Kind && (Some(x) == uses || filters.has(x)))
            .collect();
        let slices: Option<Vec<usize>> = wanted.iter().map(|&x| self.slice_of(kind, x)).collect();
        if let Some(slices) = slices {
            let files = missing(&slices, None);
            if !files.is_empty() {
                return Err(MissingBlocks(files));
            }
            for p in of_kind {
                fill(&mut row, p, &slices);
                if sel.passes(&row) {
                    f(p, &row);
                }
            }
            return Ok(());
        }
        // One value alone, no query: its file lists the records that pass.
        let uses_slice: Option<Vec<usize>> = match uses {
            None => Some(Vec::new()),
            Some(x) => self.slice_of(kind, x).map(|s| vec![s]),
        };
        if let (Some((id, file)), Some(slices)) =
            (self.single_route(filters, positions), uses_slice)
        {
            let single = self.singles[file]
                .is_none()
                .then(|| self.blocks.len() + file);
            let files = missing(&slices, single);
            if !files.is_empty() {
                return Err(MissingBlocks(files));
            }
            if let Some(one) = self.single(id) {
                for &p in one.positions.iter().filter(|p| range.contains(p)) {
                    fill(&mut row, p, &slices);
                    f(p, &row);
                }
            }
            return Ok(());
        }
        Err(MissingBlocks(blocks))
    }

    /// The value file's name, as the manifest gives it.
    pub fn file(&self) -> &str {
        &self.values_file
    }
}
