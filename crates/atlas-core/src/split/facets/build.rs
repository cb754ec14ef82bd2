//! Building a split's facet table: the value file and the blocks of rows.

use super::single::build_singles;
use super::{
    encode_row, Column, FacetBlock, FacetValuesFile, LabelsFile, SliceRef, SplitFacetFiles, LANGS,
    SLICES,
};
use crate::catalog::{Catalog, RecordRef};
use crate::facets::{Facet, FacetIndex};
use std::collections::BTreeMap;

fn label(catalog: &Catalog, facet: Facet, value: &str, lang: &str) -> String {
    crate::facets::data_label(catalog, facet, value, lang).unwrap_or_else(|| value.to_string())
}

/// Whether a facet's values carry labels in the value file (kinds, years and statuses are
/// named by the interface).
pub(super) fn labelled(facet: Facet) -> bool {
    matches!(
        facet,
        Facet::Place | Facet::Country | Facet::Org | Facet::Person | Facet::Topic
    )
}

/// The value file, the label files and the rows of every position (`order[p]` is position
/// `p`), cut into blocks of about `block_bytes` of code.
pub(in crate::split) fn build_facets(
    catalog: &Catalog,
    order: &[RecordRef],
    block_bytes: usize,
) -> SplitFacetFiles {
    let index = FacetIndex::new(catalog);
    let table = index.values();
    // Totals over the whole catalogue: what the panel shows with no query and no filter.
    let mut totals = vec![0u32; table.len()];
    for &r in order {
        for &id in index.row(r).unwrap_or(&[]) {
            totals[id as usize] += 1;
        }
    }
    // Every value, then the countries and topics no record carries: a link naming one
    // still filters (to nothing), as `Filters::from_pairs` over the whole catalogue does.
    let mut entries: Vec<(Facet, String, u32, Option<u32>)> = (0..table.len() as u32)
        .map(|id| {
            (
                table.facet(id),
                table.name(id).to_string(),
                totals[id as usize],
                Some(id),
            )
        })
        .collect();
    let b = &catalog.bundle;
    for c in &b.countries {
        if table.id(Facet::Country, &c.id).is_none() {
            entries.push((Facet::Country, c.id.clone(), 0, None));
        }
    }
    for t in &b.topics {
        if table.id(Facet::Topic, &t.id).is_none() {
            entries.push((Facet::Topic, t.id.clone(), 0, None));
        }
    }
    // Facet order; years by number, other values most frequent first (small ids for the
    // common values: shorter deltas in the blocks), ties by value.
    let year = |v: &str| v.parse::<i64>().unwrap_or(i64::MAX);
    crate::order::sort_by(&mut entries, |a, b| {
        a.0.cmp(&b.0).then_with(|| {
            if a.0 == Facet::Year {
                year(&a.1).cmp(&year(&b.1))
            } else {
                b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1))
            }
        })
    });
    let mut new_id = vec![0u32; table.len()];
    for (i, e) in entries.iter().enumerate() {
        if let Some(old) = e.3 {
            new_id[old as usize] = i as u32;
        }
    }
    let mut facets: BTreeMap<String, Column> = BTreeMap::new();
    let mut labels: Vec<LabelsFile> = LANGS.iter().map(|_| LabelsFile::new()).collect();
    for facet in Facet::ALL {
        let of: Vec<&(Facet, String, u32, Option<u32>)> =
            entries.iter().filter(|e| e.0 == facet).collect();
        if of.is_empty() {
            continue;
        }
        if labelled(facet) {
            for (lang, file) in LANGS.iter().zip(&mut labels) {
                let names = of.iter().map(|e| label(catalog, facet, &e.1, lang));
                file.insert(facet.param().to_string(), names.collect());
            }
        }
        facets.insert(
            facet.param().to_string(),
            Column {
                values: of.iter().map(|e| e.1.clone()).collect(),
                totals: of.iter().map(|e| e.2).collect(),
            },
        );
    }
    let mut values = FacetValuesFile {
        records: order.len() as u32,
        facets,
        singles: Vec::new(),
        single_starts: Vec::new(),
        slices: Vec::new(),
    };
    // Rows in position order (the blocks' and the single-value files' input).
    let all_rows: Vec<Vec<u32>> = order
        .iter()
        .map(|&r| {
            let mut row: Vec<u32> = index
                .row(r)
                .unwrap_or(&[])
                .iter()
                .map(|&id| new_id[id as usize])
                .collect();
            row.sort_unstable();
            row
        })
        .collect();
    // Cut into blocks when a block's code would pass `block_bytes`.
    let mut blocks = Vec::new();
    let (mut from, mut bytes) = (0usize, 0usize);
    let mut code = String::new();
    for (pos, row) in all_rows.iter().enumerate() {
        code.clear();
        encode_row(&mut code, row);
        if pos > from && bytes + code.len() > block_bytes {
            blocks.push(FacetBlock::encode(from as u32, &all_rows[from..pos]));
            (from, bytes) = (pos, 0);
        }
        bytes += code.len();
    }
    if from < all_rows.len() || blocks.is_empty() {
        blocks.push(FacetBlock::encode(from as u32, &all_rows[from..]));
    }
    let facet_pos: Vec<u8> = entries
        .iter()
        .map(|e| Facet::ALL.iter().position(|f| *f == e.0).unwrap_or(0) as u8)
        .collect();
    let singles = build_singles(
        &all_rows,
        entries.len(),
        |id| facet_pos[id as usize],
        block_bytes,
    );
    values.singles = (0..singles.len())
        .map(|i| format!("facets/one-{i:04}.json"))
        .collect();
    values.single_starts = singles.iter().map(|s| s.from).collect();
    // Slices: a kind's run of positions (browse order is sorted by kind), each row cut down
    // to one facet's values.
    let mut slices = Vec::new();
    for (kind, facet) in SLICES {
        let Some(from) = order.iter().position(|r| r.kind == kind) else {
            continue;
        };
        let to = from + order[from..].iter().take_while(|r| r.kind == kind).count();
        let fi = Facet::ALL.iter().position(|f| *f == facet).unwrap_or(0) as u8;
        let rows: Vec<Vec<u32>> = all_rows[from..to]
            .iter()
            .map(|row| {
                row.iter()
                    .copied()
                    .filter(|&id| facet_pos[id as usize] == fi)
                    .collect()
            })
            .collect();
        values.slices.push(SliceRef {
            kind: kind.as_str().to_string(),
            facet: facet.param().to_string(),
            file: format!("facets/slice-{}-{}.json", kind.as_str(), facet.param()),
        });
        slices.push(FacetBlock::encode(from as u32, &rows));
    }
    SplitFacetFiles {
        values,
        labels,
        blocks,
        singles,
        slices,
    }
}
