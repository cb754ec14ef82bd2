//! Building a split: a catalog cut into a manifest, fragments and term shards.

use super::{
    base_of, FacetFiles, LexiconCell, Manifest, Shard, Split, ARABIC_VOCAB_KEY,
    FACET_BLOCK_TARGET_BYTES, FIELDS, FORMAT, FORMAT_VERSION, LANGS, LATIN_VOCAB_KEY,
    MAX_KEY_CHARS, SHARD_TARGET_BYTES,
};
use crate::catalog::{Catalog, Record, RecordRef};
use crate::lexicon::Lexicon;
use crate::model::{Bundle, Kind};
use crate::search::{field_keys, searchable_fields, Dict};
use crate::stats::GroupBy;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Bound;

/// A record's best match for one term: (position, the field's impact, field code).
#[derive(Clone, Copy, Debug)]
struct Post {
    pos: u32,
    base: f32,
    code: u32,
}

type Postings = HashMap<String, Vec<Post>, rustc_hash::FxBuildHasher>;

fn add_post(dict: &mut Postings, key: &str, post: Post) {
    if let Some(list) = dict.get_mut(key) {
        match list.last_mut() {
            Some(last) if last.pos == post.pos => {
                if post.base > last.base {
                    *last = post;
                }
            }
            _ => list.push(post),
        }
    } else {
        dict.insert(key.to_string(), vec![post]);
    }
}

fn encode(list: &[Post]) -> Vec<u32> {
    let mut out = Vec::with_capacity(list.len() * 2);
    let mut prev = 0;
    for p in list {
        out.push(p.pos - prev);
        out.push(p.code);
        prev = p.pos;
    }
    out
}

fn digits(mut n: u32) -> usize {
    let mut d = 1;
    while n >= 10 {
        n /= 10;
        d += 1;
    }
    d
}

/// Bytes of `"key":[…],` in a shard's JSON.
fn entry_bytes(key: &str, list: &[Post]) -> usize {
    let mut prev = 0;
    let mut n = key.len() + 6;
    for p in list {
        n += digits(p.pos - prev) + digits(p.code) + 2;
        prev = p.pos;
    }
    n
}

/// The first `n` characters of `s` (all of it when shorter).
fn chars_prefix(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// Chooses the shard keys: one character, split further while a shard is too large.
fn choose_keys(sizes: &BTreeMap<&str, usize>, target: usize) -> BTreeSet<String> {
    fn visit(
        target: usize,
        prefix: &str,
        depth: usize,
        items: &[(&str, usize)],
        keys: &mut BTreeSet<String>,
    ) {
        keys.insert(prefix.to_string());
        let total: usize = items.iter().map(|(_, n)| n).sum();
        if total <= target || depth >= MAX_KEY_CHARS {
            return;
        }
        // Items are sorted, so each longer prefix is a contiguous run.
        let longer: Vec<(&str, usize)> = items
            .iter()
            .filter(|(t, _)| t.chars().nth(depth).is_some())
            .copied()
            .collect();
        let mut i = 0;
        while i < longer.len() {
            let p = chars_prefix(longer[i].0, depth + 1);
            let mut j = i;
            while j < longer.len() && longer[j].0.starts_with(p) {
                j += 1;
            }
            visit(target, p, depth + 1, &longer[i..j], keys);
            i = j;
        }
    }
    let items: Vec<(&str, usize)> = sizes.iter().map(|(k, v)| (*k, *v)).collect();
    let mut keys = BTreeSet::new();
    let mut i = 0;
    while i < items.len() {
        let p = chars_prefix(items[i].0, 1);
        let mut j = i;
        while j < items.len() && items[j].0.starts_with(p) {
            j += 1;
        }
        visit(target, p, 1, &items[i..j], &mut keys);
        i = j;
    }
    keys
}

/// The file name of a shard key: its code points in hex, e.g. `terms/0627-0644.json`.
pub(super) fn shard_file(key: &str) -> String {
    if key == LATIN_VOCAB_KEY {
        return "terms/latin.json".into();
    }
    if key == ARABIC_VOCAB_KEY {
        return "terms/arabic.json".into();
    }
    let hex: Vec<String> = key.chars().map(|c| format!("{:x}", c as u32)).collect();
    format!("terms/{}.json", hex.join("-"))
}

/// References of a record that a fragment must carry for it to validate: (record ids,
/// country ids, topic ids).
fn references<'a>(rec: Record<'a>) -> (Vec<&'a str>, Vec<&'a str>, Vec<&'a str>) {
    let ids = rec.links();
    let mut countries = Vec::new();
    let mut topics = Vec::new();
    match rec {
        Record::Event(e) => {
            countries.extend(e.country.as_deref());
            topics.extend(e.topics.iter().map(String::as_str));
        }
        Record::Organization(o) => countries.extend(o.country.as_deref()),
        Record::Place(p) => countries.push(&p.country),
        _ => {}
    }
    (ids, countries, topics)
}

/// Cuts a catalog into a manifest, fragments of `fragment_size` records (at least 1), term
/// shards of about [`SHARD_TARGET_BYTES`] and the facet table in blocks of about
/// [`FACET_BLOCK_TARGET_BYTES`]. Deterministic: the same catalog gives the same split.
pub fn build_split(catalog: &Catalog, fragment_size: usize) -> Split {
    build_split_with(catalog, fragment_size, SHARD_TARGET_BYTES)
}

/// [`build_split`] with another shard size target (bytes of raw JSON per shard before a key
/// is split by one more character).
pub fn build_split_with(catalog: &Catalog, fragment_size: usize, shard_target: usize) -> Split {
    build_split_sized(
        catalog,
        fragment_size,
        shard_target,
        FACET_BLOCK_TARGET_BYTES,
    )
}

/// [`build_split_with`] with another facet block target (bytes of code per block; small
/// ones make many blocks of a small catalogue, for tests).
pub fn build_split_sized(
    catalog: &Catalog,
    fragment_size: usize,
    shard_target: usize,
    facet_block_bytes: usize,
) -> Split {
    let fragment_size = fragment_size.max(1);
    let order = catalog.browse_order();
    let fragments = build_fragments(catalog, &order, fragment_size);
    let plurals: Vec<(String, String)> = catalog
        .bundle
        .plurals
        .iter()
        .map(|p| (p.plural.clone(), p.singular.clone()))
        .collect();
    let names = crate::lexicon::name_groups(catalog);
    // The shards are filed with the lexicon the client builds from the manifest.
    let lexicon = Lexicon::from_pairs(
        plurals.iter().map(|(p, s)| (p.as_str(), s.as_str())),
        &names,
    );
    let shards = build_shards(catalog, &order, shard_target, &lexicon);
    let facets = super::facets::build_facets(catalog, &order, facet_block_bytes);
    let ids = super::ids::build_ids(catalog, &order);

    let mut kinds = BTreeMap::new();
    for r in &order {
        *kinds.entry(r.kind.as_str().to_string()).or_insert(0u32) += 1;
    }
    let mut kind_order: Vec<String> = Vec::new();
    for r in &order {
        if kind_order.last().map(String::as_str) != Some(r.kind.as_str()) {
            kind_order.push(r.kind.as_str().to_string());
        }
    }
    let manifest = Manifest {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        schema_version: catalog.bundle.schema_version,
        records: order.len() as u32,
        fragment_size: fragment_size as u32,
        fragments: (0..fragments.len())
            .map(|i| format!("records/{i:04}.json"))
            .collect(),
        shards: shards.keys().map(|k| (k.clone(), shard_file(k))).collect(),
        kinds,
        kind_order,
        plurals,
        names,
        facets: Some(FacetFiles {
            values: "facets/values.json".into(),
            labels: LANGS
                .iter()
                .map(|l| (l.to_string(), format!("facets/labels-{l}.json")))
                .collect(),
            blocks: (0..facets.blocks.len())
                .map(|i| format!("facets/{i:04}.json"))
                .collect(),
            starts: facets.blocks.iter().map(|b| b.from).collect(),
        }),
        ids: (0..ids.len()).map(|i| format!("ids/{i:04}.json")).collect(),
        places: Some("places.json".into()),
        timeline: Some("timeline.json".into()),
        stats: Some("stats.json".into()),
        stats_event: Some("stats/events.json".into()),
        lexicon: LexiconCell::default(),
    };
    let stats_event = super::stats::build_stats(catalog, &order, GroupBy::Event);
    let stats_titles = LANGS
        .iter()
        .map(|l| {
            let titles = super::stats::build_titles(catalog, &stats_event.0, l);
            (l.to_string(), titles)
        })
        .collect();
    Split {
        manifest,
        fragments,
        shards,
        facets,
        ids,
        places: super::places::build_places(catalog),
        timeline: super::timeline::build_timeline(catalog, &order),
        stats: super::stats::build_stats(catalog, &order, GroupBy::Measure),
        stats_event,
        stats_titles,
    }
}

/// Keeps the links of a non-own record that point into the fragment (`have`), so a record
/// carried only for its name does not pull in everything it references in turn.
fn trim_links(have: &HashSet<&str>, ids: &mut Vec<String>) {
    ids.retain(|id| have.contains(id.as_str()));
}

fn trim_link(have: &HashSet<&str>, id: &mut Option<String>) {
    if id.as_deref().is_some_and(|i| !have.contains(i)) {
        *id = None;
    }
}

/// What a fragment says instead of the summary of a record it carries only to name it (see
/// the module documentation): `…` in every language the summary had.
pub const ELIDED: &str = "…";

/// How many of the records that link to an own event or place its fragment carries (in
/// record order: events, figures, people, organisations, places; never sources): an
/// event's figures, a place's events. Its record page lists those; a place's page links to
/// all its events as filtered cards.
pub const BACKLINKS_CARRIED: usize = 6;

/// Whether a fragment carries the records that link to its own records of `kind`.
pub fn carries_backlinks(kind: Kind) -> bool {
    matches!(kind, Kind::Event | Kind::Place)
}

fn elide(t: &mut crate::model::Text) {
    t.ar = ELIDED.into();
    t.en = ELIDED.into();
    t.fr = ELIDED.into();
    if t.es.is_some() {
        t.es = Some(ELIDED.into());
    }
}

fn build_fragments(catalog: &Catalog, order: &[RecordRef], size: usize) -> Vec<Bundle> {
    let b = &catalog.bundle;
    // What links to each record (not sources, which a record page does not list), in
    // record order: events first, then figures, people, organisations, places.
    let mut backlinks: HashMap<&str, Vec<RecordRef>> = HashMap::new();
    for r in catalog.all() {
        if r.kind == Kind::Source {
            continue;
        }
        let rec = catalog.get(r);
        let mut links = rec.links();
        crate::order::sort(&mut links);
        links.dedup();
        for id in links.into_iter().filter(|&id| id != rec.id()) {
            backlinks.entry(id).or_default().push(r);
        }
    }
    let mut disagreements_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, d) in b.disagreements.iter().enumerate() {
        let mut about: Vec<&str> = vec![d.id.as_str()];
        about.extend(d.subject.as_deref());
        about.extend(d.figures.iter().map(String::as_str));
        crate::order::sort(&mut about);
        about.dedup();
        for id in about {
            disagreements_of.entry(id).or_default().push(i);
        }
    }
    let country_index: HashMap<&str, usize> = b
        .countries
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let topic_index: HashMap<&str, usize> = b
        .topics
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();

    order
        .chunks(size)
        .map(|own| {
            let own_set: HashSet<RecordRef> = own.iter().copied().collect();
            // One level of references: what the own records name (links, the chips'
            // figures, the disagreements about them). Those extra records are carried for
            // their names and values only; their own links are trimmed below.
            let mut have: HashSet<RecordRef> = own_set.clone();
            let mut disagreements: BTreeSet<usize> = BTreeSet::new();
            let mut countries = BTreeSet::new();
            let mut topics = BTreeSet::new();
            for &r in own {
                let rec = catalog.get(r);
                let (ids, cs, ts) = references(rec);
                have.extend(ids.into_iter().filter_map(|id| catalog.lookup(id)));
                countries.extend(cs.into_iter().filter_map(|c| country_index.get(c)));
                topics.extend(ts.into_iter().filter_map(|t| topic_index.get(t)));
                // What links to an event or a place, up to BACKLINKS_CARRIED: an event's
                // figures (the card's chips are its first four), a place's events. Its record
                // page lists them. Not for people, organisations and sources: at 100k records
                // their fragments doubled in size (a screen of their cards fetches twenty);
                // their pages link to their events as filtered cards instead.
                if carries_backlinks(r.kind) {
                    have.extend(
                        backlinks
                            .get(rec.id())
                            .into_iter()
                            .flatten()
                            .take(BACKLINKS_CARRIED),
                    );
                }
                disagreements.extend(
                    disagreements_of
                        .get(rec.id())
                        .into_iter()
                        .flatten()
                        .copied(),
                );
            }
            for &i in &disagreements {
                let d = &b.disagreements[i];
                let ids = d
                    .figures
                    .iter()
                    .map(String::as_str)
                    .chain(d.claims.iter().map(|c| c.source.as_str()))
                    .chain(d.subject.as_deref());
                have.extend(ids.filter_map(|id| catalog.lookup(id)));
            }
            // Every record needs a source: an extra record none of whose sources is carried
            // keeps its first one. In a fixed order: a source added here covers the extra
            // records seen after it, so a hash order made two splits of one catalogue differ.
            let mut extra_now: Vec<RecordRef> = have.difference(&own_set).copied().collect();
            crate::order::sort(&mut extra_now);
            for r in extra_now {
                let rec = catalog.get(r);
                let sources = rec.sources();
                let covered = sources
                    .iter()
                    .filter_map(|s| catalog.lookup(s))
                    .any(|s| have.contains(&s));
                if !covered {
                    have.extend(sources.first().and_then(|s| catalog.lookup(s)));
                }
            }
            let ids: HashSet<&str> = have.iter().map(|&r| catalog.get(r).id()).collect();
            // Own records first (browse order), then the others (bundle order), per kind.
            let mut extra: Vec<RecordRef> = have.difference(&own_set).copied().collect();
            crate::order::sort(&mut extra);
            let pick = |kind: Kind| -> Vec<(usize, bool)> {
                own.iter()
                    .map(|r| (r, true))
                    .chain(extra.iter().map(|r| (r, false)))
                    .filter(|(r, _)| r.kind == kind)
                    .map(|(r, is_own)| (r.index, is_own))
                    .collect()
            };
            let mut bundle = Bundle {
                schema_version: b.schema_version,
                sources: pick(Kind::Source)
                    .into_iter()
                    .map(|(i, is_own)| {
                        let mut s = b.sources[i].clone();
                        if !is_own {
                            trim_link(&ids, &mut s.dateline);
                            elide(&mut s.about);
                        }
                        s
                    })
                    .collect(),
                countries: Vec::new(),
                // The measures its figures count (their names are searched), below.
                measures: Vec::new(),
                places: pick(Kind::Place)
                    .into_iter()
                    .map(|(i, is_own)| {
                        let mut p = b.places[i].clone();
                        if !is_own {
                            trim_links(&ids, &mut p.sources);
                            elide(&mut p.summary);
                        }
                        p
                    })
                    .collect(),
                organizations: pick(Kind::Organization)
                    .into_iter()
                    .map(|(i, is_own)| {
                        let mut o = b.organizations[i].clone();
                        if !is_own {
                            trim_link(&ids, &mut o.parent);
                            trim_links(&ids, &mut o.sources);
                            elide(&mut o.summary);
                        }
                        o
                    })
                    .collect(),
                people: pick(Kind::Person)
                    .into_iter()
                    .map(|(i, is_own)| {
                        let mut p = b.people[i].clone();
                        if !is_own {
                            trim_links(&ids, &mut p.organizations);
                            trim_links(&ids, &mut p.sources);
                            elide(&mut p.summary);
                        }
                        p
                    })
                    .collect(),
                topics: Vec::new(),
                events: pick(Kind::Event)
                    .into_iter()
                    .map(|(i, is_own)| {
                        let mut e = b.events[i].clone();
                        if !is_own {
                            trim_link(&ids, &mut e.place);
                            trim_links(&ids, &mut e.organizers);
                            trim_links(&ids, &mut e.participants);
                            e.topics.clear();
                            trim_links(&ids, &mut e.sources);
                            elide(&mut e.summary);
                        }
                        e
                    })
                    .collect(),
                figures: pick(Kind::Figure)
                    .into_iter()
                    .map(|(i, is_own)| {
                        let mut f = b.figures[i].clone();
                        if !is_own {
                            trim_link(&ids, &mut f.event);
                            trim_link(&ids, &mut f.place);
                            trim_link(&ids, &mut f.subject);
                            trim_links(&ids, &mut f.sources);
                        }
                        f
                    })
                    .collect(),
                disagreements: disagreements
                    .iter()
                    .map(|&i| b.disagreements[i].clone())
                    .collect(),
                // The lexicon travels in the manifest (the query needs it), not in fragments.
                plurals: Vec::new(),
            };
            // Countries of everything carried (a place needs its country to validate).
            let carried = bundle
                .places
                .iter()
                .map(|p| Some(p.country.as_str()))
                .chain(bundle.events.iter().map(|e| e.country.as_deref()))
                .chain(bundle.organizations.iter().map(|o| o.country.as_deref()));
            countries.extend(carried.flatten().filter_map(|c| country_index.get(c)));
            bundle.countries = countries.iter().map(|&&i| b.countries[i].clone()).collect();
            bundle.topics = topics.iter().map(|&&i| b.topics[i].clone()).collect();
            bundle.measures = b
                .measures
                .iter()
                .filter(|m| bundle.figures.iter().any(|f| f.measure == m.id))
                .cloned()
                .collect();
            bundle
        })
        .collect()
}

fn build_shards(
    catalog: &Catalog,
    order: &[RecordRef],
    target: usize,
    lexicon: &Lexicon,
) -> BTreeMap<String, Shard> {
    let (mut by_norm, mut by_bare, mut by_stem) = (
        Postings::default(),
        Postings::default(),
        Postings::default(),
    );
    let mut tokens: Vec<(Dict, String)> = Vec::new();
    for (pos, &r) in order.iter().enumerate() {
        let pos = pos as u32;
        // Exactly the fields the search index sees.
        for (name, _lang, text) in searchable_fields(catalog, r) {
            tokens.clear();
            let count = field_keys(&text, lexicon, |d, k| tokens.push((d, k.into())));
            let field = FIELDS.iter().position(|f| *f == name).unwrap_or(0) as u32;
            let code = count.max(1) as u32 * 6 + field;
            let post = Post {
                pos,
                base: base_of(code),
                code,
            };
            for (dict, key) in &tokens {
                let d = match dict {
                    Dict::Norm => &mut by_norm,
                    Dict::Bare => &mut by_bare,
                    Dict::Stem => &mut by_stem,
                };
                add_post(d, key, post);
            }
        }
    }
    let sorted = |d: Postings| -> BTreeMap<String, Vec<Post>> { d.into_iter().collect() };
    let (by_norm, by_bare, by_stem) = (sorted(by_norm), sorted(by_bare), sorted(by_stem));

    let mut sizes: BTreeMap<&str, usize> = BTreeMap::new();
    for d in [&by_norm, &by_bare, &by_stem] {
        for (k, list) in d {
            *sizes.entry(k.as_str()).or_default() += entry_bytes(k, list);
        }
    }
    let keys = choose_keys(&sizes, target);
    let mut shards: BTreeMap<String, Shard> =
        keys.iter().map(|k| (k.clone(), Shard::default())).collect();
    let key_of = |term: &str| -> String {
        let mut best = None;
        for (i, _) in term.char_indices().skip(1).chain([(term.len(), ' ')]) {
            if keys.contains(&term[..i]) {
                best = Some(&term[..i]);
            }
        }
        best.expect("every term's first character is a key")
            .to_string()
    };
    for (dict, pick) in [(&by_norm, 0usize), (&by_bare, 1), (&by_stem, 2)] {
        for (term, list) in dict {
            let shard = shards.get_mut(&key_of(term)).expect("key");
            let map = match pick {
                0 => &mut shard.norm,
                1 => &mut shard.bare,
                _ => &mut shard.stem,
            };
            map.insert(term.clone(), encode(list));
        }
    }
    // Split keys of 2+ characters: the merged postings of every term starting with them.
    let mut best: Vec<Option<(f32, u32)>> = vec![None; order.len()];
    for key in &keys {
        let deeper = keys
            .range::<str, _>((Bound::Excluded(key.as_str()), Bound::Unbounded))
            .next()
            .is_some_and(|k| k.starts_with(key.as_str()));
        if !deeper || key.chars().count() < 2 {
            continue;
        }
        let mut touched = Vec::new();
        for dict in [&by_norm, &by_bare] {
            for (_, list) in dict
                .range::<str, _>((Bound::Included(key.as_str()), Bound::Unbounded))
                .take_while(|(t, _)| t.starts_with(key.as_str()))
            {
                for p in list {
                    let slot = &mut best[p.pos as usize];
                    match slot {
                        Some((b, _)) if *b >= p.base => {}
                        Some(s) => *s = (p.base, p.code),
                        None => {
                            *slot = Some((p.base, p.code));
                            touched.push(p.pos);
                        }
                    }
                }
            }
        }
        touched.sort_unstable();
        let list: Vec<Post> = touched
            .iter()
            .map(|&pos| {
                let (base, code) = best[pos as usize].take().expect("touched");
                Post { pos, base, code }
            })
            .collect();
        if !list.is_empty() {
            if let Some(shard) = shards.get_mut(key) {
                shard.prefix.insert(key.clone(), encode(&list));
            }
        }
    }
    // The Latin vocabulary, for typo tolerance: any surface term one edit away from an
    // all-ASCII word of 5+ letters has 4+ characters, at most one of them not a-z.
    let vocabulary: Vec<String> = by_norm
        .keys()
        .filter(|k| {
            let n = k.chars().count();
            n >= 4 && k.chars().filter(|c| !c.is_ascii_lowercase()).count() <= 1
        })
        .cloned()
        .collect();
    shards.insert(
        LATIN_VOCAB_KEY.to_string(),
        Shard {
            vocabulary,
            ..Shard::default()
        },
    );
    // The Arabic vocabulary, for other spellings of a word (جلاسجو for غلاسكو) and slips
    // (طنحة for طنجة): surface and bare forms that an eligible word of four letters or more
    // may be, one letter shorter at most.
    let mut vocabulary: Vec<String> = by_norm
        .keys()
        .chain(by_bare.keys())
        .filter(|k| {
            k.chars().nth(2).is_some()
                && k.chars()
                    .all(|c| crate::normalize::class(c) == crate::normalize::Class::Arabic)
        })
        .cloned()
        .collect();
    vocabulary.sort_unstable();
    vocabulary.dedup();
    shards.insert(
        ARABIC_VOCAB_KEY.to_string(),
        Shard {
            vocabulary,
            ..Shard::default()
        },
    );
    shards
}
