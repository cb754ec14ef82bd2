//! The synthetic records, kind by kind, added to a copy of the shipped bundle. Each takes
//! its randomness from the one stream, in the order `generate` calls them, so a seed always
//! gives the same records.

use super::words::Vocab;
use super::Rng;
use atlas_core::model::*;
use atlas_core::PartialDate;

/// One or two of the sources, for a record's `sources`.
fn sources_for(rng: &mut Rng, all_sources: &[String]) -> Vec<String> {
    let mut s: Vec<String> = (0..rng.range(1, 2))
        .map(|_| rng.pick(all_sources).clone())
        .collect();
    s.dedup();
    s
}

/// Adds `n_sources` sources; returns the ids of every source (shipped first), for the records to cite.
pub(super) fn add_sources(
    b: &mut Bundle,
    base: &Bundle,
    vocab: &Vocab,
    rng: &mut Rng,
    n_sources: usize,
) -> Vec<String> {
    let src_ids: Vec<String> = base.sources.iter().map(|s| s.id.clone()).collect();
    for i in 0..n_sources {
        b.sources.push(Source {
            id: format!("syn-source-{i}"),
            outlet: vocab.text(rng, 1, 3),
            author: None,
            date: Some(PartialDate {
                year: 2000 + rng.below(27) as i32,
                month: Some(1 + rng.below(12) as u8),
                day: None,
            }),
            date_inferred: false,
            language: (*rng.pick(&["ar", "fr", "en"])).to_string(),
            kind: if rng.chance(70) {
                SourceKind::News
            } else {
                SourceKind::Official
            },
            about: vocab.text(rng, 12, 30),
            dateline: None,
            archive_file: format!("synthetic-{i}.txt"),
        });
    }
    src_ids
        .into_iter()
        .chain((0..n_sources).map(|i| format!("syn-source-{i}")))
        .collect()
}

pub(super) fn add_places(
    b: &mut Bundle,
    vocab: &Vocab,
    rng: &mut Rng,
    sources: &[String],
    n_places: usize,
) {
    for i in 0..n_places {
        b.places.push(Place {
            id: format!("syn-place-{i}"),
            name: vocab.text(rng, 1, 2),
            aliases: vec![],
            country: "MA".into(),
            // Inside Morocco's bounding box, where the map is drawn.
            lat: 28.0 + rng.below(7_500) as f64 / 1000.0,
            lon: -12.5 + rng.below(11_000) as f64 / 1000.0,
            summary: vocab.text(rng, 8, 20),
            sources: sources_for(rng, sources),
        });
    }
}

pub(super) fn add_organizations(
    b: &mut Bundle,
    vocab: &Vocab,
    rng: &mut Rng,
    sources: &[String],
    n_orgs: usize,
) {
    for i in 0..n_orgs {
        b.organizations.push(Organization {
            id: format!("syn-org-{i}"),
            name: vocab.text(rng, 2, 5),
            acronym: None,
            aliases: vec![],
            country: None,
            parent: None,
            summary: vocab.text(rng, 12, 30),
            sources: sources_for(rng, sources),
        });
    }
}

pub(super) fn add_people(
    b: &mut Bundle,
    vocab: &Vocab,
    rng: &mut Rng,
    sources: &[String],
    n_people: usize,
) {
    let org_ids: Vec<String> = b.organizations.iter().map(|o| o.id.clone()).collect();
    for i in 0..n_people {
        b.people.push(Person {
            id: format!("syn-person-{i}"),
            name: vocab.text(rng, 2, 3),
            aliases: vec![],
            role: vocab.text(rng, 2, 5),
            organizations: vec![rng.pick(&org_ids).clone()],
            summary: vocab.text(rng, 12, 30),
            sources: sources_for(rng, sources),
        });
    }
}

/// Adds `n_events` events at places, organised and attended by the records already added
/// (the synthetic people other than the last tenth, see [`super::queries`]).
pub(super) fn add_events(
    b: &mut Bundle,
    vocab: &Vocab,
    rng: &mut Rng,
    sources: &[String],
    n_events: usize,
    n_people: usize,
) {
    let place_ids: Vec<String> = b.places.iter().map(|p| p.id.clone()).collect();
    let org_ids: Vec<String> = b.organizations.iter().map(|o| o.id.clone()).collect();
    // People that hold a Latin anchor in their aliases are linked from nowhere, so no event
    // inherits the name; they are the last tenth of the synthetic people.
    let linkable_people: Vec<String> = (0..n_people * 9 / 10)
        .map(|i| format!("syn-person-{i}"))
        .collect();
    let topic_ids: Vec<String> = b.topics.iter().map(|t| t.id.clone()).collect();
    let kinds = [
        EventKind::Congress,
        EventKind::Conference,
        EventKind::GeneralAssembly,
        EventKind::Meeting,
        EventKind::WebinarSeries,
        EventKind::Launch,
        EventKind::Operation,
    ];
    for i in 0..n_events {
        let year = 1995 + rng.below(32) as i32;
        let month = 1 + rng.below(12) as u8;
        let status = if year >= 2026 {
            EventStatus::Planned
        } else if rng.chance(3) {
            EventStatus::Cancelled
        } else {
            EventStatus::Held
        };
        let mut participants = Vec::new();
        if !linkable_people.is_empty() {
            for _ in 0..rng.below(3) {
                participants.push(rng.pick(&linkable_people).clone());
            }
        }
        participants.sort();
        participants.dedup();
        let mut topics = Vec::new();
        if !topic_ids.is_empty() && rng.chance(60) {
            topics.push(rng.pick(&topic_ids).clone());
        }
        b.events.push(Event {
            id: format!("syn-event-{i}"),
            title: vocab.text(rng, 3, 7),
            kind: *rng.pick(&kinds),
            start: PartialDate {
                year,
                month: Some(month),
                day: if rng.chance(50) {
                    Some(1 + rng.below(28) as u8)
                } else {
                    None
                },
            },
            end: None,
            date_inferred: false,
            status,
            edition: if rng.chance(30) {
                Some(1 + rng.below(95) as u32)
            } else {
                None
            },
            edition_inferred: false,
            place: Some(rng.pick(&place_ids).clone()),
            country: None,
            organizers: vec![rng.pick(&org_ids).clone()],
            participants,
            topics,
            summary: vocab.text(rng, 15, 35),
            sources: sources_for(rng, sources),
        });
    }
}

/// Adds `n_figures` figures of the shipped measures, each about a random event.
pub(super) fn add_figures(
    b: &mut Bundle,
    base: &Bundle,
    vocab: &Vocab,
    rng: &mut Rng,
    sources: &[String],
    n_figures: usize,
) {
    let measures: Vec<(String, Option<String>)> = {
        let mut m: Vec<(String, Option<String>)> = base
            .figures
            .iter()
            .map(|f| (f.measure.clone(), f.unit.clone()))
            .collect();
        m.sort();
        m.dedup();
        m
    };
    let event_ids: Vec<String> = b.events.iter().map(|e| e.id.clone()).collect();
    for i in 0..n_figures {
        let (measure, unit) = rng.pick(&measures).clone();
        b.figures.push(Figure {
            id: format!("syn-figure-{i}"),
            value: if unit.as_deref() == Some("percent") {
                (1 + rng.below(100)) as f64
            } else {
                (1 + rng.below(5000)) as f64
            },
            qualifier: *rng.pick(&[Qualifier::Exact, Qualifier::MoreThan, Qualifier::About]),
            measure,
            unit,
            label: vocab.text(rng, 2, 5),
            period: None,
            event: Some(rng.pick(&event_ids).clone()),
            place: None,
            subject: None,
            sources: sources_for(rng, sources),
        });
    }
}
