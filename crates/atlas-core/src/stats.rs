//! Statistics and timeline data: figures grouped by measure or by event (disagreeing
//! figures kept side by side), events ordered on a time axis, and exports of exactly what a
//! view shows (CSV with a BOM for spreadsheets, and JSON), with their sources.

use crate::catalog::{Catalog, Record, RecordRef};
use crate::model::{Disagreement, Event, Figure, Kind, Relation};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupBy {
    Measure,
    Event,
}

impl GroupBy {
    pub fn parse(s: &str) -> GroupBy {
        match s {
            "event" => GroupBy::Event,
            _ => GroupBy::Measure,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Measure => "measure",
            GroupBy::Event => "event",
        }
    }
}

/// One group of figures: the key is a measure id or an event id ("" for no event).
#[derive(Debug)]
pub struct Group<'a> {
    pub key: String,
    pub figures: Vec<&'a Figure>,
}

/// The disagreement or context note a figure belongs to, if any (the first one): what keeps
/// related figures side by side.
pub fn disagreement_of<'a>(catalog: &'a Catalog, figure_id: &str) -> Option<&'a Disagreement> {
    catalog.disagreements_of(figure_id).next()
}

/// The conflict a figure is part of, if any: "sources differ".
pub fn conflict_of<'a>(catalog: &'a Catalog, figure_id: &str) -> Option<&'a Disagreement> {
    catalog
        .disagreements_of(figure_id)
        .find(|d| d.relation.is_conflict())
}

/// The context notes that relate a figure to others (one edition against the usual size).
pub fn context_of<'a>(catalog: &'a Catalog, figure_id: &str) -> Vec<&'a Disagreement> {
    catalog
        .disagreements_of(figure_id)
        .filter(|d| d.relation == Relation::Context)
        .collect()
}

impl<'a> Group<'a> {
    /// The context notes of the group's figures, each once, in the order of the figures
    /// (shown once under the group: its related figures sit together).
    pub fn context_notes(&self, catalog: &'a Catalog) -> Vec<&'a Disagreement> {
        let mut notes: Vec<&Disagreement> = Vec::new();
        for f in &self.figures {
            for d in context_of(catalog, &f.id) {
                if !notes.iter().any(|n| n.id == d.id) {
                    notes.push(d);
                }
            }
        }
        notes
    }
}

/// The group a figure falls in: its measure or its event, those of the first figure of the
/// disagreement it belongs to (70 "countries" vs 75 "countries and organisations" sit in
/// one group).
pub fn group_key(catalog: &Catalog, f: &Figure, by: GroupBy) -> String {
    let lead = disagreement_of(catalog, &f.id)
        .and_then(|d| d.figures.first())
        .and_then(|id| match catalog.record(id) {
            Some(Record::Figure(lead)) => Some(lead),
            _ => None,
        })
        .unwrap_or(f);
    match by {
        GroupBy::Measure => lead.measure.clone(),
        GroupBy::Event => lead.event.clone().unwrap_or_default(),
    }
}

/// Where the figure at bundle index `index` sorts inside its group: after the earliest
/// figure of its disagreement (so disagreeing figures sit next to each other), then by
/// bundle order. It depends on the whole catalogue only, not on which figures are shown: the
/// order of any selection is the whole catalogue's order restricted to it (what lets a split
/// catalogue list a group from one precomputed file).
pub fn figure_rank(catalog: &Catalog, index: usize) -> (usize, usize) {
    let f = &catalog.bundle.figures[index];
    let anchor = disagreement_of(catalog, &f.id)
        .and_then(|d| {
            d.figures
                .iter()
                .filter_map(|id| catalog.lookup(id))
                .filter(|r| r.kind == Kind::Figure)
                .map(|r| r.index)
                .min()
        })
        .map_or(index, |a| a.min(index));
    (anchor, index)
}

/// Each group key's place in the whole catalogue's group order: groups come in the bundle
/// order of their first figure (built once per catalogue and grouping).
pub fn group_order(catalog: &Catalog, by: GroupBy) -> &HashMap<String, usize> {
    catalog.group_order[by as usize].get_or_init(|| {
        let mut order = HashMap::new();
        for f in &catalog.bundle.figures {
            let n = order.len();
            order.entry(group_key(catalog, f, by)).or_insert(n);
        }
        order
    })
}

/// Groups the figures among `refs` (other kinds are ignored; the order of `refs` does not
/// matter) in the whole catalogue's group order ([`group_order`]), figures inside a group
/// by [`figure_rank`]: any selection comes in the whole catalogue's order restricted to it.
/// Figures of one disagreement always land in the same group, next to each other, even
/// when their measures differ.
pub fn group_figures<'a>(catalog: &'a Catalog, refs: &[RecordRef], by: GroupBy) -> Vec<Group<'a>> {
    let mut indices: Vec<usize> = refs
        .iter()
        .filter(|r| r.kind == Kind::Figure)
        .map(|r| r.index)
        .collect();
    // The crate's own sort (small, already in the app's main module), not the standard
    // library's: this runs in the share menu's downloads, so its code is in the first load.
    crate::order::sort(&mut indices);
    indices.dedup();
    let mut groups: Vec<(Group<'a>, Vec<(usize, usize)>)> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for i in indices {
        let f = &catalog.bundle.figures[i];
        let key = group_key(catalog, f, by);
        let rank = figure_rank(catalog, i);
        match at.get(&key) {
            Some(&g) => {
                groups[g].0.figures.push(f);
                groups[g].1.push(rank);
            }
            None => {
                at.insert(key.clone(), groups.len());
                groups.push((
                    Group {
                        key,
                        figures: vec![f],
                    },
                    vec![rank],
                ));
            }
        }
    }
    let order = group_order(catalog, by);
    crate::order::sort_by_key(&mut groups, |(g, _)| {
        order.get(&g.key).copied().unwrap_or(usize::MAX)
    });
    groups
        .into_iter()
        .map(|(mut g, ranks)| {
            let mut both: Vec<((usize, usize), &'a Figure)> =
                ranks.into_iter().zip(g.figures).collect();
            crate::order::sort_by_key(&mut both, |(rank, _)| *rank);
            g.figures = both.into_iter().map(|(_, f)| f).collect();
            g
        })
        .collect()
}

/// Events among `refs` in time order (a date known to the year only after the dated ones
/// of its year: [`crate::date::PartialDate::order_key`]), grouped by start year.
pub fn timeline<'a>(catalog: &'a Catalog, refs: &[RecordRef]) -> Vec<(i32, Vec<&'a Event>)> {
    let mut events: Vec<&Event> = refs
        .iter()
        .filter(|r| r.kind == Kind::Event)
        .filter_map(|r| match catalog.get(*r) {
            Record::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    crate::order::sort_by(&mut events, |a, b| {
        a.start
            .order_key()
            .cmp(&b.start.order_key())
            .then_with(|| a.id.cmp(&b.id))
    });
    let mut out: Vec<(i32, Vec<&Event>)> = Vec::new();
    for e in events {
        match out.last_mut() {
            Some((y, list)) if *y == e.start.year => list.push(e),
            _ => out.push((e.start.year, vec![e])),
        }
    }
    out
}

/// One exported row: a figure with its context and citations.
#[derive(Debug, Serialize)]
pub struct ExportRow {
    pub id: String,
    pub measure: String,
    pub value: f64,
    pub qualifier: &'static str,
    pub unit: String,
    pub label: String,
    pub period_from: String,
    pub period_to: String,
    pub event_id: String,
    pub event: String,
    pub place_id: String,
    pub place: String,
    pub source_ids: String,
    pub sources: String,
    pub sources_differ: String,
}

const COLUMNS: [&str; 15] = [
    "id",
    "measure",
    "value",
    "qualifier",
    "unit",
    "label",
    "period_from",
    "period_to",
    "event_id",
    "event",
    "place_id",
    "place",
    "source_ids",
    "sources",
    "sources_differ",
];

/// The rows for the given figures, with texts in `lang` (falling back to Arabic).
pub fn export_rows(catalog: &Catalog, figures: &[&Figure], lang: &str) -> Vec<ExportRow> {
    figures
        .iter()
        .map(|f| {
            let event = f.event.as_deref().and_then(|e| catalog.event(e));
            let place_id = f
                .place
                .clone()
                .or_else(|| event.and_then(|e| e.place.clone()))
                .unwrap_or_default();
            let place = catalog
                .place(&place_id)
                .map(|p| p.name.get_or_ar(lang).0.to_string())
                .unwrap_or_default();
            let sources: Vec<String> = f
                .sources
                .iter()
                .filter_map(|s| catalog.source(s))
                .map(|s| {
                    let outlet = s.outlet.get_or_ar(lang).0;
                    match s.date {
                        Some(d) => format!("{outlet} ({d})"),
                        None => outlet.to_string(),
                    }
                })
                .collect();
            ExportRow {
                id: f.id.clone(),
                measure: f.measure.clone(),
                value: f.value,
                qualifier: f.qualifier.as_str(),
                unit: f.unit.clone().unwrap_or_default(),
                label: f.label.get_or_ar(lang).0.to_string(),
                period_from: f
                    .period
                    .as_ref()
                    .map(|p| p.from.to_string())
                    .unwrap_or_default(),
                period_to: f
                    .period
                    .as_ref()
                    .and_then(|p| p.to.map(|d| d.to_string()))
                    .unwrap_or_default(),
                event_id: f.event.clone().unwrap_or_default(),
                event: event
                    .map(|e| e.title.get_or_ar(lang).0.to_string())
                    .unwrap_or_default(),
                place_id,
                place,
                source_ids: f.sources.join("; "),
                sources: sources.join("; "),
                sources_differ: conflict_of(catalog, &f.id)
                    .map(|d| d.id.clone())
                    .unwrap_or_default(),
            }
        })
        .collect()
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.starts_with([' ', '=', '+', '-', '@']) {
        // Quote, and neutralise spreadsheet formulas.
        let s = if s.starts_with(['=', '+', '-', '@']) {
            format!("'{s}")
        } else {
            s.to_string()
        };
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// CSV (RFC 4180, CRLF) with a UTF-8 byte-order mark so spreadsheet programs show Arabic.
pub fn to_csv(rows: &[ExportRow]) -> String {
    let mut out = String::from('\u{FEFF}');
    out.push_str(&COLUMNS.join(","));
    out.push_str("\r\n");
    for r in rows {
        let value = crate::search::format_value(r.value);
        let fields = [
            r.id.as_str(),
            &r.measure,
            &value,
            r.qualifier,
            &r.unit,
            &r.label,
            &r.period_from,
            &r.period_to,
            &r.event_id,
            &r.event,
            &r.place_id,
            &r.place,
            &r.source_ids,
            &r.sources,
            &r.sources_differ,
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Pretty JSON array of the rows.
pub fn to_json(rows: &[ExportRow]) -> String {
    serde_json::to_string_pretty(rows).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        Catalog::new(
            crate::load_bundle(include_str!("../../../public/data/bundle.json")).expect("valid"),
        )
    }

    /// The figure → disagreement index answers what a scan of every disagreement answers,
    /// for every figure of the shipped data and for a figure named by a conflict and a
    /// context note at once (context first in bundle order).
    #[test]
    fn disagreement_lookups_match_a_scan() {
        let scan = |c: &Catalog, id: &str| -> Vec<String> {
            c.bundle
                .disagreements
                .iter()
                .filter(|d| d.figures.iter().any(|f| f == id))
                .map(|d| d.id.clone())
                .collect()
        };
        let check = |c: &Catalog| {
            let mut named = 0;
            for f in &c.bundle.figures {
                let all = scan(c, &f.id);
                named += usize::from(!all.is_empty());
                assert_eq!(
                    disagreement_of(c, &f.id).map(|d| d.id.clone()),
                    all.first().cloned(),
                    "{}",
                    f.id
                );
                let conflict = c
                    .bundle
                    .disagreements
                    .iter()
                    .find(|d| d.relation.is_conflict() && all.contains(&d.id))
                    .map(|d| d.id.clone());
                assert_eq!(conflict_of(c, &f.id).map(|d| d.id.clone()), conflict);
                let context: Vec<String> = c
                    .bundle
                    .disagreements
                    .iter()
                    .filter(|d| d.relation == Relation::Context && all.contains(&d.id))
                    .map(|d| d.id.clone())
                    .collect();
                let got: Vec<String> = context_of(c, &f.id).iter().map(|d| d.id.clone()).collect();
                assert_eq!(got, context, "{}", f.id);
            }
            named
        };
        let c = catalog();
        assert!(check(&c) >= 4, "the shipped data has disagreeing figures");

        let mut b = c.bundle.clone();
        let (x, y) = (b.figures[0].id.clone(), b.figures[1].id.clone());
        let mut context = b.disagreements[0].clone();
        context.id = "test-context".into();
        context.relation = Relation::Context;
        context.figures = vec![x.clone(), y.clone(), x.clone()];
        let mut conflict = context.clone();
        conflict.id = "test-conflict".into();
        conflict.relation = Relation::Conflict;
        b.disagreements.insert(0, conflict);
        b.disagreements.insert(0, context);
        let c = Catalog::new(b);
        check(&c);
        assert_eq!(disagreement_of(&c, &x).unwrap().id, "test-context");
        assert_eq!(conflict_of(&c, &x).unwrap().id, "test-conflict");
        let ours = context_of(&c, &x)
            .iter()
            .filter(|d| d.id == "test-context")
            .count();
        assert_eq!(ours, 1, "named twice, counted once");
    }

    #[test]
    fn disagreeing_figures_sit_side_by_side() {
        let c = catalog();
        let groups = group_figures(&c, &c.all(), GroupBy::Measure);
        let g = groups
            .iter()
            .find(|g| {
                g.figures
                    .iter()
                    .any(|f| f.id == "gc-marrakech-2022-countries-alalam")
            })
            .unwrap();
        let pos = |id: &str| g.figures.iter().position(|f| f.id == id).unwrap();
        let (a, b) = (
            pos("gc-marrakech-2022-countries-achkayen"),
            pos("gc-marrakech-2022-countries-alalam"),
        );
        assert_eq!(
            a.abs_diff(b),
            1,
            "adjacent in {:?}",
            g.figures.iter().map(|f| &f.id).collect::<Vec<_>>()
        );
        // Every figure appears exactly once across the groups.
        let n: usize = groups.iter().map(|g| g.figures.len()).sum();
        assert_eq!(n, c.bundle.figures.len());
    }

    #[test]
    fn a_selection_is_grouped_in_the_whole_catalogues_order_restricted() {
        let c = catalog();
        let ids = |groups: &[Group<'_>]| -> Vec<(String, Vec<String>)> {
            groups
                .iter()
                .map(|g| {
                    (
                        g.key.clone(),
                        g.figures.iter().map(|f| f.id.clone()).collect(),
                    )
                })
                .collect()
        };
        for by in [GroupBy::Measure, GroupBy::Event] {
            let full = ids(&group_figures(&c, &c.all(), by));
            // Every other figure, and the same in reverse (a query's ranked order).
            let mut some: Vec<RecordRef> = c
                .all()
                .into_iter()
                .filter(|r| r.kind == Kind::Figure)
                .step_by(2)
                .collect();
            let picked: std::collections::HashSet<String> =
                some.iter().map(|r| c.get(*r).id().to_string()).collect();
            let want: Vec<(String, Vec<String>)> = full
                .iter()
                .map(|(k, fs)| {
                    let kept: Vec<String> =
                        fs.iter().filter(|f| picked.contains(*f)).cloned().collect();
                    (k.clone(), kept)
                })
                .filter(|(_, fs)| !fs.is_empty())
                .collect();
            assert_eq!(ids(&group_figures(&c, &some, by)), want, "{by:?}");
            some.reverse();
            assert_eq!(ids(&group_figures(&c, &some, by)), want, "{by:?}, reversed");
        }
    }

    #[test]
    fn grouping_by_event() {
        let c = catalog();
        let groups = group_figures(&c, &c.all(), GroupBy::Event);
        let g = groups
            .iter()
            .find(|g| g.key == "gc-marrakech-2022")
            .unwrap();
        assert!(g.figures.len() >= 4);
        // The event's own figures, and those a note relates to one of them.
        let own = |id: &str| {
            c.bundle
                .figures
                .iter()
                .any(|f| f.id == id && f.event.as_deref() == Some("gc-marrakech-2022"))
        };
        assert!(g.figures.iter().all(|f| own(&f.id)
            || disagreement_of(&c, &f.id).is_some_and(|d| d.figures.iter().any(|o| own(o)))));
    }

    #[test]
    fn figures_of_a_context_note_sit_together_without_a_conflict() {
        let c = catalog();
        let note = c
            .bundle
            .disagreements
            .iter()
            .find(|d| d.relation == Relation::Context)
            .expect("the shipped data has a context note");
        let [a, b] = [&note.figures[0], &note.figures[1]];
        for by in [GroupBy::Measure, GroupBy::Event] {
            let groups = group_figures(&c, &c.all(), by);
            let g = groups
                .iter()
                .find(|g| g.figures.iter().any(|f| &f.id == a))
                .unwrap();
            let pos = |id: &str| g.figures.iter().position(|f| f.id == id);
            let (pa, pb) = (pos(a).unwrap(), pos(b).expect("in the same group"));
            assert_eq!(pa.abs_diff(pb), 1, "{by:?}");
            // Under the group, the note is listed once though both its figures are there.
            let ids: Vec<&str> = g.context_notes(&c).iter().map(|d| d.id.as_str()).collect();
            assert_eq!(ids, [note.id.as_str()], "{by:?}");
        }
        for id in [a, b] {
            assert!(conflict_of(&c, id).is_none(), "{id}: not a conflict");
            let notes: Vec<&str> = context_of(&c, id).iter().map(|d| d.id.as_str()).collect();
            assert_eq!(notes, [note.id.as_str()]);
        }
        let figs: Vec<&Figure> = c
            .bundle
            .figures
            .iter()
            .filter(|f| note.figures.contains(&f.id))
            .collect();
        assert!(export_rows(&c, &figs, "en")
            .iter()
            .all(|r| r.sources_differ.is_empty()));
        // The card's mark: no "sources differ" for a note alone, but for a conflict.
        assert!(!c.sources_differ(a) && !c.sources_differ(b));
        assert!(c.sources_differ("gc-marrakech-2022-countries-alalam"));
        // A conflict is still one.
        assert!(conflict_of(&c, "gc-marrakech-2022-countries-alalam").is_some());
        assert!(context_of(&c, "gc-marrakech-2022-countries-alalam").is_empty());
    }

    #[test]
    fn timeline_orders_by_date_and_keeps_status() {
        let c = catalog();
        let t = timeline(&c, &c.all());
        let years: Vec<i32> = t.iter().map(|(y, _)| *y).collect();
        let mut sorted = years.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(years, sorted);
        assert_eq!(years.first(), Some(&2003));
        let flat: Vec<&Event> = t.iter().flat_map(|(_, e)| e.iter().copied()).collect();
        let keys: Vec<_> = flat.iter().map(|e| e.start.order_key()).collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]));
        // «late 2021», known to the year only, after January's and March's events of 2021.
        let y2021: Vec<&str> = t
            .iter()
            .find(|(y, _)| *y == 2021)
            .map(|(_, e)| e.iter().map(|e| e.id.as_str()).collect())
            .unwrap();
        assert_eq!(y2021.last(), Some(&"gc-2021-planned"), "{y2021:?}");
        assert!(y2021.len() >= 3, "{y2021:?}");
        let status = |id: &str| flat.iter().find(|e| e.id == id).unwrap().status.as_str();
        assert_eq!(status("gc-2020-cancelled"), "cancelled");
        assert_eq!(status("interpol-ga-93-marrakech-2025"), "planned");
    }

    #[test]
    fn csv_has_bom_header_and_exactly_the_given_rows() {
        let c = catalog();
        let figs: Vec<&Figure> = c
            .bundle
            .figures
            .iter()
            .filter(|f| f.event.as_deref() == Some("gc-marrakech-2022"))
            .collect();
        let csv = to_csv(&export_rows(&c, &figs, "ar"));
        assert!(csv.starts_with('\u{FEFF}'));
        let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), figs.len() + 1);
        assert!(lines[0]
            .trim_start_matches('\u{FEFF}')
            .starts_with("id,measure,value,"));
        assert!(csv.contains("أشكاين"));
        assert!(
            csv.contains("gc-marrakech-2022-countries"),
            "the disagreement id is exported"
        );
    }

    #[test]
    fn csv_quotes_and_neutralises_formulas() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=1+1"), "\"'=1+1\"");
    }
}
