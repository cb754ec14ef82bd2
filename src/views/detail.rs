//! The detail view of one record (`?id=`): everything known about it, the figures and
//! disagreements that concern it, its related records and its sources.

use crate::api::use_atlas;
use crate::components::card::{record_head, where_when, Card};
use crate::components::source_line::{citation, SourceLine};
use crate::components::status::NotFound;
use crate::i18n::{ui, Ui};
use crate::views::url::{href_with, in_arabic, record_href};
use atlas_core::facets::Facet;
use atlas_core::{format, Catalog, Disagreement, Kind, Record};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

/// A link to a record by id, labelled with its name in `lang`.
fn record_link(catalog: &Catalog, id: &str, lang: &str) -> AnyView {
    match catalog.record(id) {
        Some(r) => {
            let name = r.title().get_or_ar(lang).0.to_string();
            view! { <a href=record_href(id)>{name}</a> }.into_any()
        }
        None => id.to_string().into_any(),
    }
}

fn link_list(catalog: &Catalog, ids: &[String], lang: &str) -> AnyView {
    let items = ids
        .iter()
        .map(|id| view! { <li>{record_link(catalog, id, lang)}</li> })
        .collect_view();
    view! { <ul class="inline-list">{items}</ul> }.into_any()
}

/// One row of the facts list.
fn fact(label: &'static str, value: AnyView) -> AnyView {
    view! {
        <div class="fact">
            <dt>{label}</dt>
            <dd>{value}</dd>
        </div>
    }
    .into_any()
}

fn facts(catalog: &Catalog, rec: Record<'_>, ui: &Ui) -> Vec<AnyView> {
    let lang = ui.lang;
    let mut rows = Vec::new();
    let text = |s: String| s.into_any();
    match rec {
        Record::Event(e) => {
            if let Some(n) = e.edition {
                let v = if e.edition_inferred {
                    format!("{n} ({})", ui.inferred)
                } else {
                    n.to_string()
                };
                rows.push(fact(ui.edition, text(v)));
            }
            if !e.organizers.is_empty() {
                rows.push(fact(ui.organizers, link_list(catalog, &e.organizers, lang)));
            }
            if !e.participants.is_empty() {
                rows.push(fact(
                    ui.participants,
                    link_list(catalog, &e.participants, lang),
                ));
            }
            if !e.topics.is_empty() {
                let names: Vec<String> = e
                    .topics
                    .iter()
                    .filter_map(|t| catalog.topic(t))
                    .map(|t| t.name.get_or_ar(lang).0.to_string())
                    .collect();
                rows.push(fact(ui.topics, text(names.join(ui.comma()))));
            }
        }
        Record::Figure(f) => {
            // The label says the unit («88 في المائة من…»): no sign before it.
            let value = format::figure_value_words(f, ui.qualifier(f.qualifier));
            rows.push(fact(
                ui.value,
                text(format!("{value} {}", f.label.get_or_ar(lang).0)),
            ));
            if let Some(p) = &f.period {
                rows.push(fact(
                    ui.period,
                    text(format::period_dates(lang, p, ui.since)),
                ));
            }
            if let Some(e) = &f.event {
                rows.push(fact(ui.event, record_link(catalog, e, lang)));
            }
            if let Some(p) = &f.place {
                rows.push(fact(ui.place, record_link(catalog, p, lang)));
            }
            if let Some(s) = &f.subject {
                rows.push(fact(ui.attributed_to, record_link(catalog, s, lang)));
            }
        }
        // The role is the line under the name (`where_when`), not a fact again.
        Record::Person(p) => {
            if !p.organizations.is_empty() {
                rows.push(fact(
                    ui.member_of,
                    link_list(catalog, &p.organizations, lang),
                ));
            }
        }
        Record::Organization(o) => {
            if let Some(parent) = &o.parent {
                rows.push(fact(ui.member_of, record_link(catalog, parent, lang)));
            }
        }
        Record::Place(p) => {
            let events: Vec<String> = catalog
                .events_at(&p.id)
                .iter()
                .map(|e| e.id.clone())
                .collect();
            if !events.is_empty() {
                rows.push(fact(ui.events_here, link_list(catalog, &events, lang)));
            }
        }
        Record::Source(s) => {
            if let Some(a) = &s.author {
                rows.push(fact(ui.author, text(a.get_or_ar(lang).0.to_string())));
            }
            rows.push(fact(
                ui.archive_file,
                view! { <code dir="ltr">{s.archive_file.clone()}</code> }.into_any(),
            ));
        }
    }
    let aliases = rec.other_names(lang);
    if !aliases.is_empty() {
        let items = aliases
            .into_iter()
            .map(|a| {
                // A name in Arabic letters is Arabic on the other pages' too; a Latin one
                // may be any of three languages, and keeps the page's.
                let lang = (lang != "ar" && in_arabic(a)).then_some("ar");
                view! {
                    <li>
                        <bdi lang=lang>{a.to_string()}</bdi>
                    </li>
                }
            })
            .collect_view();
        rows.push(fact(
            ui.aliases,
            view! { <ul class="inline-list">{items}</ul> }.into_any(),
        ));
    }
    rows
}

/// One side of a disagreement: a figure or a claim.
struct ClaimRow<'a> {
    /// A figure's value and label, or a claim's value.
    value: String,
    /// The language `value` is written in.
    lang: &'a str,
    /// A claim's gloss for this reader, and the gloss's language.
    gloss: Option<(String, &'a str)>,
    /// The citation of its sources.
    cite: String,
}

/// "Sources differ": every claim side by side with its citation.
fn disagreement_view(catalog: &Catalog, d: &Disagreement, ui: &Ui) -> AnyView {
    let lang = ui.lang;
    let mut claims: Vec<ClaimRow<'_>> = Vec::new();
    for fid in &d.figures {
        if let Some(Record::Figure(f)) = catalog.record(fid) {
            let (label, label_lang) = f.label.shown(lang);
            let value = format!("{} {label}", format::figure_value(f));
            let cites: Vec<String> = f
                .sources
                .iter()
                .filter_map(|s| catalog.source(s))
                .map(|s| citation(s, ui))
                .collect();
            claims.push(ClaimRow {
                value,
                lang: label_lang,
                gloss: None,
                cite: ui.list_join(&cites),
            });
        }
    }
    // A claim is what its source says, in the source's language, then what it says in the
    // reader's (or what sets a spelling apart), unless that is the value again.
    for c in &d.claims {
        let source = catalog.source(&c.source);
        let cite = source.map(|s| citation(s, ui)).unwrap_or_default();
        let value_lang = source.map_or(lang, |s| s.language.as_str());
        let gloss = c
            .gloss
            .as_ref()
            .map(|g| g.shown(lang))
            .filter(|(g, _)| !g.trim().is_empty() && g.trim() != c.value.trim())
            .map(|(g, l)| (g.to_string(), l));
        claims.push(ClaimRow {
            value: c.value.clone(),
            lang: value_lang,
            gloss,
            cite,
        });
    }
    let items = claims
        .into_iter()
        .map(
            |ClaimRow {
                 value,
                 lang,
                 gloss,
                 cite,
             }| {
                let gloss = gloss.map(|(g, l)| {
                    view! {
                        <span class="claim-gloss" lang=l.to_string()>
                            {g}
                        </span>
                    }
                });
                view! {
                    <li class="claim">
                        <span class="claim-value">
                            <bdi lang=lang.to_string()>{value}</bdi>
                        </span>
                        {gloss}
                        <span class="claim-source">{cite}</span>
                    </li>
                }
            },
        )
        .collect_view();
    // A context note (figures read together) is not "sources differ".
    let (about, about_lang) = d.about.shown(lang);
    let about = about.to_string();
    let (badge, label) = if d.relation.is_conflict() {
        ("badge differ", ui.sources_differ)
    } else {
        ("badge related", ui.figures_context)
    };
    view! {
        <section class="disagreement" class:context=!d.relation.is_conflict() data-id=d.id.clone()>
            // What the sources differ on stays in the heading (each names its question to a
            // screen reader's list of headings), in the weight of text under the badge (a
            // phone showed it as a seven-line bold block).
            <h3>
                <span class=badge>{label}</span>
                " "
                <span class="disagreement-about" lang=about_lang.to_string()>
                    {about}
                </span>
            </h3>
            <ul class="claims">{items}</ul>
        </section>
    }
    .into_any()
}

/// The cards view of the events filtered on `facet` = `id` (what else the address holds:
/// its language and data address, not its query, view or other filters).
fn events_href(params: &ParamsMap, facet: Facet, id: &str) -> String {
    let mut p = params.clone();
    for key in ["id", "q", "view", "group"]
        .into_iter()
        .chain(Facet::ALL.map(Facet::param))
    {
        p.remove(key);
    }
    href_with(
        &p,
        &[
            ("kind", Some(Kind::Event.as_str())),
            (facet.param(), Some(id)),
        ],
    )
}

/// A titled list of compact cards under the record (its figures, its related records).
fn card_section(title: &'static str, cards: impl IntoView + 'static) -> impl IntoView {
    view! {
        <section class="detail-section">
            <h3>{title}</h3>
            <ul class="cards compact" role="list">
                {cards}
            </ul>
        </section>
    }
}

#[component]
pub fn Detail(id: String) -> impl IntoView {
    let atlas = use_atlas();
    let ui = ui();
    let lang = ui.lang;
    let query = use_query_map();
    let back = move || href_with(&query.get(), &[("id", None)]);
    // Embedded, history is the partner page's too: the link stays a link.
    let embedded = crate::embed::use_embed().on;
    let catalog = &atlas.catalog;

    let Some(record) = catalog.lookup(&id) else {
        crate::set_tab_title(ui, Some(ui.not_found_title));
        return view! { <NotFound back=Signal::derive(back) /> }.into_any();
    };
    let rec = catalog.get(record);
    let kind = rec.kind();
    let (title, title_lang) = rec.title().shown(lang);
    let (title, title_lang) = (title.to_string(), title_lang.to_string());
    // The tab says which record (the shell titles the other views: src/lib.rs); a
    // figure's label follows its value («75 countries…»), as on the page.
    let tab = match rec {
        Record::Figure(f) => format!("{} {title}", format::figure_value(f)),
        _ => title.clone(),
    };
    crate::set_tab_title(ui, Some(&tab));
    let summary = rec.summary().map(|s| s.shown(lang));
    let summary_lang = summary.map_or(lang, |s| s.1).to_string();
    let summary = summary.map(|s| s.0.to_string());
    let meta = where_when(catalog, rec, ui);
    let facts = facts(catalog, rec, ui);
    let disagreements = catalog
        .disagreements_about(rec.id())
        .into_iter()
        .map(|d| disagreement_view(catalog, d, ui))
        .collect_view();
    let figures = match rec {
        Record::Event(e) => catalog
            .figures_of_event(&e.id)
            .into_iter()
            .filter_map(|f| catalog.lookup(&f.id))
            .collect(),
        _ => Vec::new(),
    };
    let related: Vec<_> = catalog
        .related(rec.id())
        .into_iter()
        .filter(|r| !figures.contains(r) && r.kind != Kind::Source)
        .collect();
    let card_list = |refs: Vec<atlas_core::RecordRef>| {
        refs.into_iter()
            .map(|r| {
                let href = record_href(catalog.get(r).id());
                view! {
                    <li>
                        <Card record=r hit=None href />
                    </li>
                }
            })
            .collect_view()
    };
    // A place's, an organisation's or a person's events, all of them: the cards filtered on
    // it (a split catalogue's record page carries only the first few of what links to it).
    let facet = match kind {
        Kind::Place => Some(Facet::Place),
        Kind::Organization => Some(Facet::Org),
        Kind::Person => Some(Facet::Person),
        _ => None,
    };
    let has_events = related
        .iter()
        .any(|&r| r.kind == Kind::Event && catalog.get(r).links().contains(&rec.id()));
    // A fragment may not hold the events that link to its record: the link is offered.
    let all_events = facet.filter(|_| has_events || atlas.partial).map(|facet| {
        let href = events_href(&query.read_untracked(), facet, rec.id());
        view! {
            <p class="detail-more">
                <a href=href data-action="related-events">
                    {ui.related_events_cards}
                </a>
            </p>
        }
    });
    let has_figures = !figures.is_empty();
    let has_related = !related.is_empty();
    let figure_cards = card_list(figures);
    let related_cards = card_list(related);
    let sources = rec.sources().to_vec();

    view! {
        <article class="detail" data-id=rec.id().to_string() data-kind=kind.as_str()>
            <p class="back">
                // On the element (events are not delegated here), so it runs ahead of the
                // router's listener on the window, which follows a link whose click is not
                // prevented.
                <a
                    href=back
                    on:click=move |ev: leptos::ev::MouseEvent| {
                        let plain = ev.button() == 0
                            && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key());
                        if plain && !embedded && crate::scroll_memory::back_to(&back()) {
                            ev.prevent_default();
                        }
                    }
                >
                    {ui.back_to_results}
                </a>
            </p>
            {record_head(rec, false, true, None, None)}
            <h2 class="detail-title" lang=title_lang>
                {title}
            </h2>
            {(!meta.is_empty()).then(|| view! { <p class="card-meta">{meta}</p> })}
            {summary
                .map(|s| {
                    view! {
                        <p class="detail-summary" lang=summary_lang>
                            {s}
                        </p>
                    }
                })}
            <dl class="facts">{facts}</dl>
            {disagreements}
            {has_figures.then(|| card_section(ui.figures, figure_cards))}
            {has_related.then(|| card_section(ui.related, related_cards))}
            {all_events}
            {(!sources.is_empty())
                .then(|| {
                    view! {
                        <section class="detail-section">
                            <SourceLine ids=sources />
                        </section>
                    }
                })}
        </article>
    }
    .into_any()
}
