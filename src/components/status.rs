//! Loading, error and empty states: each says what happened and what to do next.

use crate::api::{FetchError, LoadFailure};
use crate::i18n::ui;
use crate::views::url::{in_arabic, search_href};
use atlas_core::LoadError;
use leptos::prelude::*;

#[component]
pub fn Loading() -> impl IntoView {
    let ui = ui();
    view! {
        <section
            class="status status-loading"
            aria-busy="true"
            aria-live="polite"
            data-state="loading"
        >
            <p class="status-text">{ui.loading}</p>
            <div class="skeletons" aria-hidden="true">
                <div class="card skeleton"></div>
                <div class="card skeleton"></div>
                <div class="card skeleton"></div>
            </div>
        </section>
    }
}

/// A record the catalogue does not have (a stale or mistyped `?id=`), and the way back.
#[component]
pub fn NotFound(back: Signal<String>) -> impl IntoView {
    let ui = ui();
    view! {
        <section class="status status-empty" data-state="not-found">
            <h2>{ui.not_found_title}</h2>
            <p>{ui.not_found_body}</p>
            <p>
                <a class="button" href=back>
                    {ui.back_to_results}
                </a>
            </p>
        </section>
    }
}

/// A view whose code (a wasm chunk) is on its way. Invisible for its first moment (CSS
/// `.status-late`), so a view that arrives at once does not flash it.
#[component]
pub fn LateView() -> impl IntoView {
    let ui = ui();
    view! {
        <section
            class="status status-loading status-late"
            aria-busy="true"
            aria-live="polite"
            data-state="late-view"
        >
            <p class="status-text">{ui.late_view_loading}</p>
        </section>
    }
}

/// A view whose code could not be fetched: says so, and a retry fetches it again. The rest
/// of the app (cards, search, the other views already loaded) keeps working.
#[component]
pub fn LateViewFailed(on_retry: impl Fn() + 'static) -> impl IntoView {
    use std::sync::atomic::{AtomicUsize, Ordering};
    // Two chunks can fail at once (a view's and the embed dialog's): one id each.
    static SEEN: AtomicUsize = AtomicUsize::new(0);
    let title = format!("late-view-failed-{}", SEEN.fetch_add(1, Ordering::Relaxed));
    let labelled_by = title.clone();
    let ui = ui();
    view! {
        <section
            class="status status-error"
            role="alert"
            aria-labelledby=labelled_by
            data-state="late-view-failed"
        >
            <h2 id=title>{ui.late_view_failed_title}</h2>
            <p class="status-message">{ui.late_view_failed}</p>
            <button type="button" class="button" data-action="retry" on:click=move |_| on_retry()>
                {ui.retry}
            </button>
        </section>
    }
}

/// The data could not be shown: what happened in words, which file, what is wrong with it
/// (the technical diagnosis, always visible), and a retry button.
#[component]
pub fn LoadFailed(failure: LoadFailure, on_retry: impl Fn() + 'static) -> impl IntoView {
    let ui = ui();
    let error = &failure.error;
    let message = match error {
        FetchError::Network(_) => ui.load_failed_network,
        FetchError::Status(404, _) => ui.load_failed_not_found,
        FetchError::Status(..) => ui.load_failed_status,
        FetchError::WrongType(_) => ui.load_failed_type,
        FetchError::Load(LoadError::UnsupportedVersion(_)) => ui.load_failed_version,
        FetchError::Load(LoadError::Invalid(_)) => ui.load_failed_invalid,
        FetchError::Load(_) => ui.load_failed_parse,
        FetchError::Refused(_) => ui.load_failed_refused,
    };
    let diagnosis = error.diagnosis();
    view! {
        <section
            class="status status-error"
            role="alert"
            aria-labelledby="load-failed-title"
            data-state="error"
            data-error=error.kind()
        >
            <h2 id="load-failed-title">{ui.load_failed_title}</h2>
            <p class="status-message">{message}</p>
            <dl class="status-facts">
                <div>
                    <dt>{ui.load_failed_file}</dt>
                    <dd>
                        <code dir="ltr" data-error="url">
                            {failure.url.clone()}
                        </code>
                    </dd>
                </div>
                <div>
                    <dt>{ui.load_failed_what}</dt>
                    <dd>
                        <code dir="ltr" lang="en" data-error="diagnosis">
                            {diagnosis}
                        </code>
                    </dd>
                </div>
            </dl>
            <button type="button" class="button" data-action="retry" on:click=move |_| on_retry()>
                {ui.retry}
            </button>
        </section>
    }
}

#[component]
pub fn NoResults(query: String) -> impl IntoView {
    let ui = ui();
    // Each a search in the same interface (and embed); an Arabic one marked so, for the
    // voice a screen reader reads it with on the other pages.
    let params = leptos_router::hooks::use_query_map().read_untracked();
    let suggestions = ui
        .suggestions
        .iter()
        .map(|s| {
            let href = search_href(&params, s);
            let lang = (ui.lang != "ar" && in_arabic(s)).then_some("ar");
            view! {
                <li>
                    <a href=href lang=lang>
                        {*s}
                    </a>
                </li>
            }
        })
        .collect_view();
    // A query in quote marks of its own is shown in them alone, not in ours as well.
    let loose = atlas_core::search::without_quotes(&query);
    let quoted = atlas_core::search::quoted_whole(&query);
    // A quoted phrase no record has: its words, searched loose, one click away.
    let advice = match loose {
        Some(loose) => {
            let href = search_href(&params, &loose);
            view! {
                <p>
                    {ui.no_results_phrase} " " <a href=href data-action="unquote">
                        <bdi>{loose}</bdi>
                    </a>
                </p>
            }
            .into_any()
        }
        None => view! { <p>{ui.no_results_body}</p> }.into_any(),
    };
    view! {
        <section class="status status-empty" data-state="empty">
            <h2>
                {ui.no_results_title} " — " {(!quoted).then_some(ui.quote_open)}
                <bdi>{query}</bdi> {(!quoted).then_some(ui.quote_close)}
            </h2>
            {advice}
            <p>{ui.try_these}</p>
            <ul class="suggestions">{suggestions}</ul>
        </section>
    }
}

/// What a failed fetch shows, inside its own box (a card, or a status over the list): what
/// it blocks, the address and the diagnosis, and a retry.
pub fn failure_body(
    message: &'static str,
    failure: &LoadFailure,
    retry: impl Fn() + 'static,
) -> impl IntoView {
    let ui = ui();
    view! {
        <p class="status-message">{message}</p>
        {failure_details(failure)}
        <button type="button" class="button" data-action="retry" on:click=move |_| retry()>
            {ui.retry}
        </button>
    }
}

/// A failed fetch as a status over the view (`class` names which: record, facets, search).
pub fn failure_alert(
    class: &'static str,
    message: &'static str,
    failure: &LoadFailure,
    retry: impl Fn() + 'static,
) -> AnyView {
    view! {
        <div
            class=format!("status status-error {class}")
            role="alert"
            data-state="error"
            data-error=failure.error.kind()
        >
            {failure_body(message, failure, retry)}
        </div>
    }
    .into_any()
}

/// The address that failed and why, as inert text (both error states of this mode).
pub fn failure_details(failure: &LoadFailure) -> impl IntoView {
    let url = failure.url.clone();
    let diagnosis = failure.error.diagnosis();
    view! {
        <p>
            <code dir="ltr" data-error="url">
                {url}
            </code>
        </p>
        <p>
            <code dir="ltr" lang="en" data-error="diagnosis">
                {diagnosis}
            </code>
        </p>
    }
}
