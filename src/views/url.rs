//! Reading and writing view state in the query string.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;

/// The current value of one query parameter, tracked.
pub fn use_param(key: &'static str) -> Memo<Option<String>> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get(key).filter(|v| !v.is_empty()))
}

/// A link to the current view with some parameters changed (`None` removes one).
pub fn href_with(params: &ParamsMap, changes: &[(&'static str, Option<&str>)]) -> String {
    let mut p = params.clone();
    for (key, value) in changes {
        p.remove(key);
        if let Some(v) = value {
            p.replace(*key, (*v).to_string());
        }
    }
    href(&p)
}

/// A link with one multi-valued parameter set to `values` (none removes it); leaves any
/// detail view (`id`).
pub fn href_with_values(params: &ParamsMap, key: &'static str, values: &[String]) -> String {
    let mut p = params.clone();
    p.remove(key);
    p.remove("id");
    for v in values {
        p.insert(key, v.clone());
    }
    href(&p)
}

/// A link without any of the given parameters.
pub fn href_without(params: &ParamsMap, keys: &[&str]) -> String {
    let mut p = params.clone();
    for k in keys {
        p.remove(k);
    }
    href(&p)
}

/// The home link: the landing view, with only the settings of `params` kept
/// ([`atlas_core::params::SETTINGS`]: a reader of the French interface or of a partner's
/// embed stays in it).
pub fn home_href(params: &ParamsMap) -> String {
    href(&settings(params))
}

/// The settings of `params` alone ([`atlas_core::params::SETTINGS`]).
fn settings(params: &ParamsMap) -> ParamsMap {
    let mut p = ParamsMap::new();
    for key in atlas_core::params::SETTINGS {
        for v in params.get_all(key).unwrap_or_default() {
            p.insert(key, v);
        }
    }
    p
}

/// A search for `q` from the view at `params`: the settings kept (the interface language,
/// a partner's embed), nothing else.
pub fn search_href(params: &ParamsMap, q: &str) -> String {
    let mut p = settings(params);
    p.replace("q", q.to_string());
    href(&p)
}

/// Whether `s` is written in Arabic letters (for its `lang` where the page's is another):
/// a letter the search's tokenizer reads as Arabic ([`atlas_core::normalize::class`]).
pub fn in_arabic(s: &str) -> bool {
    use atlas_core::normalize::{class, Class};
    s.chars().any(|c| class(c) == Class::Arabic)
}

/// A link to the record `id` from a record's page: [`record_href_in`] the page's address,
/// read once (the page is built anew for another record or language).
pub fn record_href(id: &str) -> String {
    record_href_in(&use_query_map().read_untracked(), id)
}

/// A link to the record `id` from the view at `params`, as a card's title links to it: the
/// query, filters and settings kept. A card kept while the query changes reads it again
/// (`move || record_href_in(&query.read(), id)`). The id is written as it is (a slug:
/// `validate`), last, so the page rendered at build time and the app write the same link
/// (the query-string writer escapes a hyphen natively and not in the browser), which the
/// takeover's focus keeping compares.
pub fn record_href_in(params: &ParamsMap, id: &str) -> String {
    let mut p = params.clone();
    p.remove("id");
    match p.to_query_string() {
        rest if rest.is_empty() => format!("?id={id}"),
        rest => format!("{rest}&id={id}"),
    }
}

fn href(p: &ParamsMap) -> String {
    let qs = p.to_query_string();
    if qs.is_empty() {
        "?".to_string()
    } else {
        qs
    }
}

/// Returns a function that goes to a query-string link (`?a=b`) on the current path,
/// replacing the history entry (as typing does) or adding one (as a click does).
pub fn use_go() -> impl Fn(&str, bool) + Clone {
    let location = use_location();
    let navigate = use_navigate();
    move |href, replace| {
        let path = location.pathname.get_untracked();
        let target = if href == "?" {
            path
        } else {
            format!("{path}{href}")
        };
        navigate(
            &target,
            NavigateOptions {
                replace,
                scroll: false,
                ..Default::default()
            },
        );
    }
}

/// Returns a function that changes some query parameters (`None` removes one).
pub fn use_set_params() -> impl Fn(&[(&'static str, Option<&str>)], bool) + Clone {
    let query = use_query_map();
    let go = use_go();
    move |changes, replace| go(&href_with(&query.get_untracked(), changes), replace)
}

/// Percent-encodes a value for use in a query string.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
