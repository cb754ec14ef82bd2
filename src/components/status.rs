//! Loading, error and empty states: each says what happened and what to do next.

use crate::api::FetchError;
use crate::i18n::ui;
use crate::views::url::percent_encode;
use atlas_core::LoadError;
use leptos::prelude::*;

#[component]
pub fn Loading() -> impl IntoView {
    let ui = ui();
    view! {
        <section class="status status-loading" aria-busy="true" aria-live="polite">
            <p class="status-text">{ui.loading}</p>
            <div class="skeletons" aria-hidden="true">
                <div class="card skeleton"></div>
                <div class="card skeleton"></div>
                <div class="card skeleton"></div>
            </div>
        </section>
    }
}

#[component]
pub fn LoadFailed(error: FetchError, on_retry: impl Fn() + 'static) -> impl IntoView {
    let ui = ui();
    let (message, details) = match &error {
        FetchError::Network(e) => (ui.load_failed_network, e.clone()),
        FetchError::Status(code) => (ui.load_failed_status, format!("HTTP {code}")),
        FetchError::Load(LoadError::Parse(e)) => (ui.load_failed_parse, e.clone()),
        FetchError::Load(e @ LoadError::UnsupportedVersion(_)) => {
            (ui.load_failed_version, e.to_string())
        }
        FetchError::Load(e @ LoadError::Invalid(_)) => (ui.load_failed_invalid, e.to_string()),
        FetchError::Refused(url) => (ui.load_failed_refused, url.clone()),
    };
    view! {
        <section class="status status-error" role="alert" data-state="error">
            <h2>{ui.load_failed_title}</h2>
            <p>{message}</p>
            <button type="button" class="button" on:click=move |_| on_retry()>
                {ui.retry}
            </button>
            <details>
                <summary>{ui.technical_details}</summary>
                <pre dir="ltr">{details}</pre>
            </details>
        </section>
    }
}

#[component]
pub fn NoResults(query: String) -> impl IntoView {
    let ui = ui();
    let suggestions = ui
        .suggestions
        .iter()
        .map(|s| {
            let href = format!("?q={}", percent_encode(s));
            view! { <li><a href=href>{*s}</a></li> }
        })
        .collect_view();
    view! {
        <section class="status status-empty" data-state="empty">
            <h2>{ui.no_results_title} " — «" <bdi>{query}</bdi> "»"</h2>
            <p>{ui.no_results_body}</p>
            <p>{ui.try_these}</p>
            <ul class="suggestions">{suggestions}</ul>
        </section>
    }
}
