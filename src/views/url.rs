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
    let qs = p.to_query_string();
    if qs.is_empty() {
        "?".to_string()
    } else {
        qs
    }
}

/// Returns a function that changes query parameters in place (replacing the history
/// entry, as typing does) or as a new entry.
pub fn use_set_params() -> impl Fn(&[(&'static str, Option<&str>)], bool) + Clone {
    let query = use_query_map();
    let location = use_location();
    let navigate = use_navigate();
    move |changes, replace| {
        let href = href_with(&query.get_untracked(), changes);
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
