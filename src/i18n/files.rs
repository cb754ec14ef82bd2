//! The interface text of English, French and Spanish as files the app fetches
//! (`public/i18n/en.json`…), not as data in the wasm: a first visit reads Arabic, and the
//! other three languages' 15 KB of text (7.7 KB of the main wasm sent, measured with and
//! without them) came with it. A file is a JSON list of strings: a fingerprint, the two
//! lists of [`Ui`], then the strings of [`Strs`] in the order `strings!` below gives. The
//! bundle's own reader reads it (the app has its code for a list of strings already); the
//! fingerprint tells a file made for another version of the app (one a cache kept), which
//! is refused rather than read askew.
//!
//! Native builds (the prerender, tests) keep the three as constants (`en.rs`, `fr.rs`,
//! `es.rs`); a test writes the files from them and fails when a committed file differs.

use super::{Lang, Strs, Ui};

/// Between the items of a list in one string.
const ITEM: char = '\u{1f}';

/// FNV-1a of `s`, at compile time.
const fn fnv(s: &str) -> u64 {
    let b = s.as_bytes();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < b.len() {
        h ^= b[i] as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    h
}

/// The strings of [`Strs`] in the files' order. A field missing here is a compile error
/// (the struct literal lacks it); a field renamed or moved changes the fingerprint.
macro_rules! strings {
    ($($f:ident),* $(,)?) => {
        /// How many strings a [`Strs`] holds.
        const N: usize = [$(stringify!($f)),*].len();

        /// The fingerprint of the strings' order, a file's first string: a file made for
        /// another version of the app (one a cache kept) is refused, not read askew.
        const FINGERPRINT: u64 = fnv(concat!($(stringify!($f), ","),*));

        /// The strings, `N` of them in the files' order. (The compiler moves them a field at
        /// a time: ≈ 6 KB of code before wasm-opt, which the crate's ban on `unsafe` leaves.)
        fn strs_from(lines: [&'static str; N]) -> Strs {
            let [$($f),*] = lines;
            Strs { $($f),* }
        }

        #[cfg(not(target_arch = "wasm32"))]
        fn strs_to(s: &Strs) -> [&'static str; N] {
            [$(s.$f),*]
        }
    };
}

strings! {
    lang, dir, site_title, site_tagline, skip_to_content, search_label, search_placeholder,
    search_hint, loading, load_failed_title, load_failed_network, load_failed_status,
    load_failed_parse, load_failed_version, load_failed_invalid, retry, load_failed_not_found,
    load_failed_type, load_failed_file, load_failed_what, results_all, keep_typing,
    results_partial, results_some, no_results_title, no_results_body, no_results_phrase, try_these, sources_label,
    sources_differ, sources_differ_long, figures_context, inferred, undated, back_to_results,
    not_found_title, not_found_body, organizers, participants, topics, figures, value, related,
    related_events_cards, archive_file, edition, period, since, attributed_to, event, place,
    aliases, member_of, events_here, author, footer_note, translation_missing, view_nav,
    view_cards, view_map, view_stats, view_timeline, filters, clear_all, active_filters,
    remove_filter, facet_kind, facet_place, facet_country, facet_year, facet_org, facet_person,
    facet_topic, facet_status, year_from, year_to, stats_title, group_by, group_measure,
    group_event, no_event, export_csv, export_json, table_caption, col_value, col_label,
    col_period, col_event, col_source, no_figures, timeline_title, no_events, map_title,
    map_zoom_in, map_zoom_out, map_fit, map_credit, map_list, map_inset, map_events_at, map_pick,
    map_loading, map_failed, map_keys, map_dots, update_available, update_reload, saved_data,
    load_failed_refused, embed_button, embed_title, embed_help, embed_copy, embed_copied,
    embed_copy_failed, close, open_full, lang_nav, large_note, large_view_title,
    large_view_body, large_counting, large_map_failed, large_map_show, large_timeline_failed,
    large_stats_failed, large_group_event, large_export_hint, large_more, show_fewer,
    large_record_body, large_back, large_card_loading, large_card_failed, large_filtering,
    large_facets_failed, large_facets_unavailable, late_view_loading, late_view_failed_title,
    late_view_failed, large_searching, large_search_failed, share, show_table, more_on_page,
    quote_open, quote_close, colon, found_via,
    status_held, status_planned, status_cancelled, status_took_place, status_launched,
    more_than, about,
}

/// The interface text from a file's strings after the fingerprint: the two lists, then the
/// strings of [`Strs`] in their order; `None` when one is missing or over, or a list has
/// the wrong length.
fn from_lines(lines: Vec<&'static str>) -> Option<Ui> {
    let [suggestions, kinds, rest @ ..] = lines.as_slice() else {
        return None;
    };
    let suggestions = Vec::leak(suggestions.split(ITEM).collect());
    let kinds = kinds.split(ITEM).collect::<Vec<_>>().try_into().ok()?;
    Some(Ui {
        suggestions,
        kinds,
        strs: strs_from(rest.try_into().ok()?),
    })
}

/// A file's first string.
fn fingerprint() -> String {
    format!("{FINGERPRINT:016x}")
}

#[cfg(not(target_arch = "wasm32"))]
fn to_lines(ui: &Ui) -> Vec<String> {
    let strs = strs_to(&ui.strs);
    let mut out = vec![fingerprint(), join(ui.suggestions), join(&ui.kinds)];
    out.extend(strs.iter().map(|s| s.to_string()));
    out
}

/// A list's items in one string (no item may hold the separator).
#[cfg(not(target_arch = "wasm32"))]
fn join(items: &[&str]) -> String {
    assert!(
        items.iter().all(|i| !i.contains(ITEM)),
        "{ITEM:?} in {items:?}"
    );
    items.join(&ITEM.to_string())
}

/// The file's text read as `lang`'s interface, or `None` when it is not one: not a list of
/// strings, another fingerprint, a string short or over, or another language's file. (The
/// strings read live as long as the app.)
pub fn parse(text: &str, lang: Lang) -> Option<Ui> {
    let items: Vec<String> = atlas_core::decode::from_str(text).ok()?;
    let mut items = items.into_iter();
    if items.next()? != fingerprint() {
        return None;
    }
    let ui = from_lines(items.map(|s| &*String::leak(s)).collect())?;
    (ui.lang == lang.code()).then_some(ui)
}

/// The file's address, relative to the page (like the bundle's).
pub fn url(lang: Lang) -> String {
    format!("i18n/{}.json", lang.code())
}

/// The file of `ui`: a JSON list, a string a line.
#[cfg(not(target_arch = "wasm32"))]
pub fn text(ui: &Ui) -> String {
    let lines = to_lines(ui);
    let mut s = serde_json::to_string_pretty(&lines).expect("strings write as JSON");
    s.push('\n');
    s
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::super::{Lang, Ui};
    use std::cell::Cell;

    thread_local! {
        /// The languages read so far (Arabic is in the wasm).
        static LOADED: [Cell<Option<&'static Ui>>; 3] = Default::default();
    }

    fn slot(lang: Lang) -> Option<usize> {
        match lang {
            Lang::Ar => None,
            Lang::En => Some(0),
            Lang::Fr => Some(1),
            Lang::Es => Some(2),
        }
    }

    /// `lang`'s interface if it has arrived (Arabic always has).
    pub fn loaded(lang: Lang) -> Option<&'static Ui> {
        match slot(lang) {
            None => Some(&super::super::AR),
            Some(i) => LOADED.with(|l| l[i].get()),
        }
    }

    /// Fetches `lang`'s file unless it is here; whether it is here now. A file refused (an
    /// older one a cache kept) is asked again of the server once.
    pub async fn load(lang: Lang) -> bool {
        let Some(i) = slot(lang) else { return true };
        if loaded(lang).is_some() {
            return true;
        }
        let url = super::url(lang);
        for cache in [
            web_sys::RequestCache::Default,
            web_sys::RequestCache::Reload,
        ] {
            let Ok((bytes, _)) = crate::api::fetch_bytes_with(&url, cache).await else {
                continue;
            };
            let Ok(text) = std::str::from_utf8(&bytes) else {
                continue;
            };
            if let Some(ui) = super::parse(text, lang) {
                let ui: &'static Ui = Box::leak(Box::new(ui));
                LOADED.with(|l| l[i].set(Some(ui)));
                return true;
            }
        }
        false
    }
}

#[cfg(target_arch = "wasm32")]
pub use browser::{load, loaded};

/// Natively every language is a constant: here already.
#[cfg(not(target_arch = "wasm32"))]
pub async fn load(_: Lang) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed files are the constants' text. `ATLAS_WRITE_I18N=1 cargo test -p atlas
    /// i18n` writes them.
    #[test]
    fn the_language_files_hold_the_interface_text() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/public/i18n");
        for lang in [Lang::En, Lang::Fr, Lang::Es] {
            let ui = lang.ui();
            let want = text(ui);
            let path = format!("{dir}/{}.json", lang.code());
            if std::env::var_os("ATLAS_WRITE_I18N").is_some() {
                std::fs::create_dir_all(dir).unwrap();
                std::fs::write(&path, &want).unwrap();
            }
            let have = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                have == want,
                "{path} is not the interface text of src/i18n/{}.rs: run \
                 `ATLAS_WRITE_I18N=1 cargo test -p atlas i18n`",
                lang.code()
            );
            // And it reads back as the same text, field by field.
            let back = parse(&have, lang).expect("the file reads");
            assert_eq!(to_lines(&back), to_lines(ui));
        }
    }

    #[test]
    fn a_file_that_does_not_match_is_refused() {
        let en = text(Lang::En.ui());
        assert!(parse(&en, Lang::En).is_some());
        let lines: Vec<String> = serde_json::from_str(&en).unwrap();
        let json = |lines: &[String]| serde_json::to_string(lines).unwrap();
        // Another language's file, a string short, a string over, another field order, not
        // JSON (an error page that got through).
        assert!(parse(&en, Lang::Fr).is_none());
        assert!(parse(&json(&lines[..40]), Lang::En).is_none());
        assert!(parse(
            &json(&[&lines[..], &["extra".to_string()]].concat()),
            Lang::En
        )
        .is_none());
        let mut other = lines.clone();
        other[0] = "0123456789abcdef".into();
        assert_ne!(other[0], fingerprint());
        assert!(parse(&json(&other), Lang::En).is_none());
        assert!(parse("<!doctype html><title>Not found</title>", Lang::En).is_none());
        // A list with an item too many.
        let kinds = Lang::En.ui().kinds.join(&ITEM.to_string());
        let more: Vec<String> = lines
            .iter()
            .map(|l| {
                if *l == kinds {
                    format!("{kinds}{ITEM}x")
                } else {
                    l.clone()
                }
            })
            .collect();
        assert_ne!(more, lines);
        assert!(parse(&json(&more), Lang::En).is_none());
    }
}
