//! One result card, the same anatomy for every kind of record: kind badge (and status),
//! title, where and when, a short summary, key figures, sources. The title link covers the
//! whole card; the source links inside stay reachable by keyboard.

use crate::api::use_atlas;
use crate::components::context_note::context_note;
use crate::components::highlight::Highlighted;
use crate::components::source_line::SourceLine;
use crate::i18n::{ui, Ui};
use atlas_core::format;
use atlas_core::search::{FieldName, Hit};
use atlas_core::{Catalog, Record, RecordRef};
use leptos::prelude::*;

/// Where and when a record is, as one line ("مراكش · 25–28 أكتوبر 2022").
pub fn where_when(catalog: &Catalog, rec: Record<'_>, ui: &Ui) -> String {
    let lang = ui.lang;
    let place_name = |id: &str| {
        catalog
            .place(id)
            .map(|p| p.name.get_or_ar(lang).0.to_string())
    };
    let mut parts: Vec<String> = Vec::new();
    match rec {
        Record::Event(e) => {
            parts.extend(e.place.as_deref().and_then(place_name));
            if e.place.is_none() {
                parts.extend(
                    e.country
                        .as_deref()
                        .and_then(|c| catalog.country(c))
                        .map(|c| c.name.get_or_ar(lang).0.to_string()),
                );
            }
            let mut when = format::date_range(lang, &e.start, e.end.as_ref());
            if e.date_inferred {
                when = format!("{when} ({})", ui.inferred);
            }
            parts.push(when);
        }
        Record::Figure(f) => {
            if let Some(e) = f.event.as_deref().and_then(|id| catalog.event(id)) {
                parts.push(e.title.get_or_ar(lang).0.to_string());
            }
            parts.extend(f.place.as_deref().and_then(place_name));
            if let Some(p) = &f.period {
                parts.push(format::period_years(p, ui.since));
            }
        }
        Record::Person(p) => parts.push(p.role.get_or_ar(lang).0.to_string()),
        Record::Organization(o) => {
            // The acronym first: the card marks it where the line starts (`Card`), as a
            // person's line is the role alone.
            parts.extend(o.acronym.clone());
            parts.extend(
                o.country
                    .as_deref()
                    .and_then(|c| catalog.country(c))
                    .map(|c| c.name.get_or_ar(lang).0.to_string()),
            );
        }
        Record::Place(p) => parts.extend(
            catalog
                .country(&p.country)
                .map(|c| c.name.get_or_ar(lang).0.to_string()),
        ),
        Record::Source(s) => {
            parts.extend(s.author.as_ref().map(|a| a.get_or_ar(lang).0.to_string()));
            parts.push(match &s.date {
                Some(d) if s.date_inferred => {
                    format!("{} ({})", format::date(lang, d), ui.inferred)
                }
                Some(d) => format::date(lang, d),
                None => ui.undated.to_string(),
            });
        }
    }
    parts.join(" · ")
}

/// Figure chips a card shows; the rest are counted («+N») and listed on the record's page.
const CHIPS_SHOWN: usize = 2;

/// Key figures as chips: "350 خبير", all of them (the card shows the first few).
fn chips(catalog: &Catalog, rec: Record<'_>, lang: &str) -> Vec<String> {
    match rec {
        Record::Event(e) => catalog
            .figures_of_event(&e.id)
            .into_iter()
            .map(|f| format!("{} {}", format::figure_value(f), f.label.get_or_ar(lang).0))
            .collect(),
        _ => Vec::new(),
    }
}

/// «+N» after a card's chips or sources: N more on the record's page (said in full to
/// screen readers).
pub fn more_mark(n: usize) -> impl IntoView {
    let ui = ui();
    (n > 0).then(|| {
        view! {
            <li class="more">
                <span aria-hidden="true">{format!("+{n}")}</span>
                <span class="visually-hidden">{ui.more(n)}</span>
            </li>
        }
        .into_any()
    })
}

/// The top of a card or detail view: kind badge, event status (in words that fit the kind),
/// an optional "sources differ" mark, and a figure's value in large type, marked while the
/// query found it (`matched`).
pub fn record_head(
    rec: Record<'_>,
    differ: bool,
    big: bool,
    matched: Option<Memo<Vec<(usize, usize)>>>,
    via: Option<Memo<Option<String>>>,
) -> impl IntoView {
    let ui = ui();
    // Content not translated into the interface language is shown in Arabic, marked.
    let fallback =
        rec.title().get_or_ar(ui.lang).1 || rec.summary().is_some_and(|s| s.get_or_ar(ui.lang).1);
    let kind = rec.kind();
    let status = match rec {
        Record::Event(e) => Some((e.kind, e.status)),
        _ => None,
    };
    let value = match rec {
        Record::Figure(f) => Some(format::figure_value(f)),
        _ => None,
    };
    view! {
        <div class="card-badges">
            <span class=format!("badge kind-{}", kind.as_str())>{ui.kind(kind)}</span>
            {status
                .map(|(k, s)| {
                    view! {
                        <span class=format!(
                            "badge status-{}",
                            s.as_str(),
                        )>{ui.event_status(k, s)}</span>
                    }
                })}
            {differ
                .then(|| {
                    view! {
                        <span class="badge differ" title=ui.sources_differ_long>
                            {ui.sources_differ}
                        </span>
                    }
                })}
            {fallback
                .then(|| {
                    view! {
                        <span class="badge fallback" data-fallback="ar">
                            {ui.translation_missing}
                        </span>
                    }
                })}
            // Found through a record it links to, none of its own text marked: which.
            {via
                .map(|via| {
                    move || {
                        via.get()
                            .map(|name| {
                                view! {
                                    <span class="badge via">
                                        {ui.found_via} " " <mark>
                                            <bdi>{name}</bdi>
                                        </mark>
                                    </span>
                                }
                            })
                    }
                })}
        </div>
        {value
            .map(|v| {
                view! {
                    <p class="figure-value" class:big=big>
                        // Marked by a class rather than a <mark> swapped in: the same look
                        // for less code.
                        <bdi
                            dir="ltr"
                            class:hit=move || matched.is_some_and(|m| !m.get().is_empty())
                        >
                            {v}
                        </bdi>
                    </p>
                }
            })}
    }
}

#[component]
pub fn Card(
    record: RecordRef,
    #[prop(into)] hit: Signal<Option<Hit>>,
    #[prop(into)] href: Signal<String>,
) -> impl IntoView {
    let atlas = use_atlas();
    let ui = ui();
    let lang = ui.lang;
    let rec = atlas.catalog.get(record);
    let kind = rec.kind();
    // Highlights follow the query; the text around them is rebuilt only when they change.
    let ranges = move |field: FieldName, shown: String| {
        Memo::new(move |_| {
            hit.with(|h| h.as_ref().map(|h| h.ranges(field, &shown)))
                .unwrap_or_default()
        })
    };

    let (title, title_lang) = rec.title().shown(lang);
    let (title, title_lang) = (title.to_string(), title_lang.to_string());
    let title_ranges = ranges(FieldName::Title, title_lang.clone());
    let summary = rec.summary().map(|s| s.shown(lang));
    let summary_lang = summary.map_or(lang, |s| s.1).to_string();
    let summary = summary.map(|s| s.0.to_string());
    let summary_ranges = ranges(FieldName::Summary, summary_lang.clone());
    // A figure's value, when the query found it (70 for سبعين as for 70): the same kind of
    // memo as the title's (less code than one of its own).
    let value_ranges = ranges(FieldName::Value, String::new());
    let meta = where_when(&atlas.catalog, rec, ui);
    // The linked record that made it a hit, by its acronym or its name.
    let via = {
        let atlas = atlas.clone();
        Memo::new(move |_| {
            let r = hit.with(|h| h.as_ref()?.via)?;
            Some(match atlas.catalog.get(r) {
                Record::Organization(o) if o.acronym.is_some() => o.acronym.clone()?,
                other => other.title().get_or_ar(lang).0.to_string(),
            })
        })
    };
    // The line's part the query may have found: a person's role (the whole line) or an
    // organisation's acronym (its start). `Related` is never shown, so never marked.
    let meta_ranges = match rec {
        Record::Person(p) => ranges(FieldName::Role, p.role.shown(lang).1.to_string()),
        Record::Organization(_) => ranges(FieldName::Alias, String::new()),
        _ => ranges(FieldName::Related, String::new()),
    };
    let all_chips = chips(&atlas.catalog, rec, lang);
    let more_chips = all_chips.len().saturating_sub(CHIPS_SHOWN);
    let chips = all_chips
        .into_iter()
        .take(CHIPS_SHOWN)
        .map(|c| view! { <li class="chip">{c}</li> })
        .collect_view();
    // Erased: the card's view type is deep enough already (the native build's type
    // recursion limit).
    let chips = view! { <ul class="chips">{chips}{more_mark(more_chips)}</ul> }.into_any();
    let differ = atlas.catalog.sources_differ(rec.id());
    // A figure a context note relates to others (350 at one edition, about 200 usually).
    let notes = atlas_core::stats::context_of(&atlas.catalog, rec.id())
        .into_iter()
        .map(|d| context_note(d, "card-summary card-note"))
        .collect_view();
    let sources = rec.sources().to_vec();

    view! {
        <article class="card" data-id=rec.id().to_string() data-kind=kind.as_str()>
            {record_head(rec, differ, false, Some(value_ranges), Some(via))}
            <h3 class="card-title" lang=title_lang>
                <a class="card-link" href=href>
                    {move || view! { <Highlighted text=title.clone() ranges=title_ranges.get() /> }}
                </a>
            </h3>
            {(!meta.is_empty())
                .then(|| {
                    view! {
                        <p class="card-meta">
                            {move || {
                                view! { <Highlighted text=meta.clone() ranges=meta_ranges.get() /> }
                            }}
                        </p>
                    }
                })}
            {summary
                .map(|s| {
                    view! {
                        <p class="card-summary" lang=summary_lang>
                            {move || {
                                view! { <Highlighted text=s.clone() ranges=summary_ranges.get() /> }
                            }}
                        </p>
                    }
                })}
            {notes}
            {chips}
            {(!sources.is_empty())
                .then(|| {
                    view! {
                        <footer class="card-foot">
                            <SourceLine ids=sources shown=1 />
                        </footer>
                    }
                })}
        </article>
    }
}
