//! The answer for one facet value alone, precomputed: which records carry it and how many of
//! them carry each value of the other facets. A reader's first filter click with no query
//! (one place, one kind, one year…) is answered from it, without the rows of every record.
//!
//! With one value `w` of facet `f` as the only filter, the panel's counts are, for `f`, the
//! catalogue's totals (its own filter is left out: no filter at all), and for every other
//! facet the records carrying `w` tallied by value: `w`'s *co-occurrences*. The list is the
//! positions carrying `w`, in position order. So `facets/one-NNNN.json` ([`SingleFile`])
//! holds, for a run of value ids, each value's positions and co-occurrences, coded as the
//! blocks are: per value the number of positions and the positions as differences (the
//! first from 0), then the number of co-occurring values and, for each, its id as a
//! difference from the previous one (the first from 0) and its count. Files are cut by size
//! like the blocks, at least one value each; the manifest lists each file's first value id
//! (`single_starts`).
//!
//! At 100k records (synthetic, seed 1) the files hold 2.7 million positions and the
//! co-occurrences of every value; the most frequent values cost the most (a kind's positions
//! are one run, which gzip makes almost nothing of).

use super::code::{self, read_row, Reader, RowError};
use super::encode_row;
use serde::{Deserialize, Serialize};

/// `DIR/facets/one-NNNN.json`: the single-value answers of the value ids
/// `from..from + values`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SingleFile {
    /// The first value id.
    pub from: u32,
    /// How many values.
    pub values: u32,
    /// Per value: its positions, then its co-occurrences (see the module documentation).
    pub code: String,
}

/// One value's answer, decoded.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Single {
    /// The positions carrying the value, increasing.
    pub positions: Vec<u32>,
    /// `(value id, records)` for the values of the other facets carried by those records,
    /// ids increasing.
    pub cooc: Vec<(u32, u32)>,
}

/// Builds the single-value files from every position's row (sorted value ids):
/// `facet_of(id)` gives a value's facet position, `values` the number of value ids.
pub(super) fn build_singles(
    rows: &[Vec<u32>],
    values: usize,
    facet_of: impl Fn(u32) -> u8,
    file_bytes: usize,
) -> Vec<SingleFile> {
    // Positions per value, in position order.
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); values];
    for (p, row) in rows.iter().enumerate() {
        for &id in row {
            postings[id as usize].push(p as u32);
        }
    }
    let mut files = Vec::new();
    let (mut code, mut from, mut count) = (String::new(), 0u32, 0u32);
    let mut entry = String::new();
    let mut tally = vec![0u32; values];
    let mut touched: Vec<u32> = Vec::new();
    for (v, ps) in postings.iter().enumerate() {
        let own = facet_of(v as u32);
        for &p in ps {
            for &id in &rows[p as usize] {
                if facet_of(id) != own {
                    if tally[id as usize] == 0 {
                        touched.push(id);
                    }
                    tally[id as usize] += 1;
                }
            }
        }
        touched.sort_unstable();
        entry.clear();
        // The positions as a block's row is written: a length, then differences.
        encode_row(&mut entry, ps);
        code::put(&mut entry, touched.len() as u32);
        let mut prev = 0;
        for &id in &touched {
            code::put(&mut entry, id - prev);
            code::put(&mut entry, tally[id as usize]);
            prev = id;
            tally[id as usize] = 0;
        }
        touched.clear();
        if count > 0 && code.len() + entry.len() > file_bytes {
            files.push(SingleFile {
                from,
                values: count,
                code: std::mem::take(&mut code),
            });
            (from, count) = (v as u32, 0);
        }
        code.push_str(&entry);
        count += 1;
    }
    if count > 0 || files.is_empty() {
        files.push(SingleFile {
            from,
            values: count,
            code,
        });
    }
    files
}

/// Decodes a single-value file's code: `values` entries, positions below `records` and
/// value ids below `ids`. The error says what is wrong (the caller names the file).
pub(super) fn decode(
    code: &str,
    values: u32,
    records: u32,
    ids: u32,
) -> Result<Vec<Single>, String> {
    let mut reader = Reader::new(code);
    let end = || "ends before its last value".to_string();
    let mut out = Vec::with_capacity(values as usize);
    for v in 0..values {
        // The positions, as a block's row.
        let mut positions = Vec::new();
        read_row(&mut reader, records, &mut positions).map_err(|e| match e {
            RowError::Code(e) => e,
            RowError::End => end(),
            RowError::Repeat => format!("value {v} repeats a position"),
            RowError::Past => format!("value {v} names a position past the last record"),
        })?;
        let n = positions.len() as u32;
        let mut next = || reader.next()?.ok_or_else(end);
        let m = next()?;
        if m > ids {
            return Err(format!(
                "value {v} has {m} co-occurring values, more than exist"
            ));
        }
        let mut cooc = Vec::with_capacity(m as usize);
        let mut id = 0u32;
        for k in 0..m {
            let delta = next()?;
            if k > 0 && delta == 0 {
                return Err(format!("value {v} repeats a co-occurring value"));
            }
            id = id
                .checked_add(delta)
                .filter(|&id| id < ids)
                .ok_or_else(|| format!("value {v} names an unknown value"))?;
            let count = next()?;
            if count == 0 || count > n {
                return Err(format!(
                    "value {v}: {count} records with value {id}, of {n} positions"
                ));
            }
            cooc.push((id, count));
        }
        out.push(Single { positions, cooc });
    }
    if !reader.at_end() {
        return Err("more numbers than its values hold".into());
    }
    Ok(out)
}
