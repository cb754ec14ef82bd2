//! The Atlas web app (Leptos, client-side rendered).
//!
//! All view state lives in the URL query string (`?q=…`, `?id=…`) so a reload, the back
//! button or a shared link restores it on any static file server. The loaded data is
//! provided to every view through context; the logic (search, lookups, formatting) lives in
//! `atlas-core`, and this crate only renders.

// The native build (the prerender's `ssr`, where component types are not erased) lays out
// large mode's whole view type, near the compiler's default query depth of 128.
#![recursion_limit = "256"]

use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;

/// Declares `fn name(args) -> T { body }` as a function callers `.await`, which gives
/// `Result<T, ChunkError>`. With the `split` feature (the release build, `cargo xtask build`)
/// it is a `wasm_split` function (what Leptos's `#[lazy]` expands to, plus `fallible`): the
/// body and what only it uses go into a wasm chunk of their own, fetched on the first call,
/// which needs the split step the xtask runs after linking (`xtask/src/split.rs`). A chunk
/// that cannot be fetched (offline before the worker cached it, a dropped connection) is an
/// `Err` the caller shows with a retry; `#[lazy]` itself panics there, which aborts the whole
/// app. Without the feature (Trunk's dev build, the prerender, tests) it is a plain
/// `async fn` that always succeeds, since a build that uses split functions but is not split
/// does not run.
macro_rules! lazy_fn {
    // With `@preload name;` first, `name()` also fetches and instantiates the chunk without
    // running the function (for a chunk known to be needed soon).
    ($(@preload $preload:ident;)? $(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(feature = "split")]
        $(#[$meta])*
        #[::leptos::wasm_split::wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible $(, preload($preload))?)]
        $vis fn $name($($arg: $ty),*) -> Result<$ret, $crate::ChunkError> {
            Ok($body)
        }

        #[cfg(not(feature = "split"))]
        $(#[$meta])*
        $vis async fn $name($($arg: $ty),*) -> Result<$ret, $crate::ChunkError> {
            Ok($body)
        }

        $(
            #[cfg(not(feature = "split"))]
            $vis async fn $preload() -> Result<(), $crate::ChunkError> {
                Ok(())
            }
        )?
    };
}
pub(crate) use lazy_fn;

/// A wasm chunk could not be fetched or instantiated ([`lazy_fn!`]).
pub type ChunkError = leptos::wasm_split::SplitLoaderError;

/// Renders a view made by a [`lazy_fn!`] function. While its chunk is on its way a
/// placeholder says so (shown only after a moment, so a chunk already loaded or quick to come
/// does not flash it); a chunk that fails says which part could not be loaded, with a retry
/// that fetches it again. Once the view is there, focus moves into it if it was parked on
/// `<main>` meanwhile ([`focus::after_late_view`]).
///
/// Not a `<Suspense>`: it builds its children apart and moves them into the page when they
/// are ready, and moving an open `<dialog>` (the embed dialog opens as soon as it exists)
/// closes it. Here the view is built where it stays, beside its placeholder.
pub fn lazily<F, Fut>(load: F) -> AnyView
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<AnyView, ChunkError>> + 'static,
{
    use components::status::{LateView, LateViewFailed};
    takeover::view_styles();
    let attempt = RwSignal::new(0u32);
    let pending = RwSignal::new(true);
    let retry = move || {
        pending.set(true);
        attempt.update(|n| *n += 1);
    };
    let load = std::sync::Arc::new(load);
    let content = move || {
        attempt.track();
        let load = load.clone();
        let view = async move {
            let loaded = load().await;
            pending.set(false);
            match loaded {
                Ok(view) => {
                    if in_browser() {
                        focus::after_late_view();
                    }
                    view
                }
                Err(_) => view! { <LateViewFailed on_retry=retry /> }.into_any(),
            }
        };
        Suspend::new(leptos::__reexports::send_wrapper::SendWrapper::new(view))
    };
    view! {
        {move || pending.get().then(|| view! { <LateView /> })}
        {content}
    }
    .into_any()
}

pub mod after_paint;
pub mod api;
pub mod components;
pub mod embed;
pub mod focus;
pub mod i18n;
pub mod scroll_memory;
pub mod takeover;
pub mod views;

/// True in the browser; false when the views are rendered to HTML at build time (the
/// `prerender` binary), where there is no window, no timer and no event to listen to.
pub const fn in_browser() -> bool {
    cfg!(target_arch = "wasm32")
}

/// Sets the tab's title: `what` (a search, a view, a record) and the site's name, or the
/// site's name and tagline. The one writer of it: the shell and a record's page call it.
pub fn set_tab_title(ui: &i18n::Ui, what: Option<&str>) {
    if let Some(doc) = in_browser()
        .then(web_sys::window)
        .flatten()
        .and_then(|w| w.document())
    {
        doc.set_title(&match what {
            Some(what) => format!("{what} — {}", ui.site_title),
            None => format!("{} — {}", ui.site_title, ui.site_tagline),
        });
    }
}

/// The parameter `name` of the page's address, read without the router (before it is there).
pub fn address_param(name: &str) -> Option<String> {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()
        .and_then(|p| p.get(name))
}

/// The address's interface language (`?lang=`), read before the router is there.
pub fn address_language() -> i18n::Lang {
    i18n::Lang::parse(address_param("lang").as_deref())
}

/// A User Timing mark (`atlas:…`), for the start-up profile (bench/startup.mjs) and the
/// browser's own performance panel.
pub fn mark(name: &str) {
    if let Some(p) = in_browser()
        .then(web_sys::window)
        .flatten()
        .and_then(|w| w.performance())
    {
        let _ = p.mark(name);
    }
}

use components::header::Header;
use components::status::{LoadFailed, Loading};
use components::update_banner::{SavedDataNotice, UpdateBanner};
use views::explorer::Explorer;

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <Shell />
        </Router>
    }
}

/// The interface language shown: the address's, once its text is here. Until then (the
/// moment its file takes to come, when the reader picks another language) the page stays in
/// the language it was in, rather than show a mix. The app starts with the address's
/// language already here (`main.rs`).
fn shown_language(wanted: Memo<i18n::Lang>) -> Memo<i18n::Lang> {
    #[cfg(target_arch = "wasm32")]
    {
        let arrived = RwSignal::new(0u32);
        Effect::new(move |_| {
            let want = wanted.get();
            if i18n::files::loaded(want).is_none() {
                leptos::task::spawn_local(async move {
                    if i18n::files::load(want).await {
                        arrived.update(|n| *n += 1);
                    }
                });
            }
        });
        Memo::new(move |shown: Option<&i18n::Lang>| {
            arrived.track();
            let want = wanted.get();
            match shown {
                Some(&shown) if i18n::files::loaded(want).is_none() => shown,
                _ => want,
            }
        })
    }
    #[cfg(not(target_arch = "wasm32"))]
    wanted
}

#[component]
fn Shell() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let wanted = Memo::new(move |_| i18n::Lang::parse(query.read().get("lang").as_deref()));
    let lang = shown_language(wanted);
    provide_context(lang);
    // `<html lang dir>` follow the interface language; the tab's title, the view too: the
    // search, the view's name, or the site's tagline (a record's page titles itself:
    // views/detail.rs).
    Effect::new(move |_| {
        let ui = lang.get().ui();
        let q = query.read();
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(html) = doc.document_element() {
                let _ = html.set_attribute("lang", ui.lang);
                let _ = html.set_attribute("dir", ui.dir);
            }
            if q.get_str("id").is_some() {
                return;
            }
            // The search and the view: «طنجة · الخريطة — أطلس».
            let what = match (
                q.get_str("q").filter(|s| !s.trim().is_empty()),
                views::state::View::parse(q.get_str("view")),
            ) {
                (Some(search), views::state::View::Cards) => Some(search.trim().to_string()),
                (Some(search), view) => Some(format!("{} · {}", search.trim(), ui.view(view))),
                (None, views::state::View::Cards) => None,
                (None, view) => Some(ui.view(view).to_string()),
            };
            set_tab_title(ui, what.as_deref());
        }
    });
    let embed = embed::provide_embed();
    views::state::provide_query_input();
    // The data: loaded before the app mounts (`main.rs`, or the prerender at build time),
    // fetched again on "retry".
    let atlas = RwSignal::new_local(api::take_preloaded());
    let retry = move || {
        atlas.set(None);
        leptos::task::spawn_local(async move { atlas.set(Some(api::fetch_atlas().await)) });
    };
    if atlas.read_untracked().is_none() {
        retry();
    }
    // Focus is put back (on the same control, or the new view's heading) whenever the view
    // or the data changes under it.
    if let Some(keeper) = in_browser().then(focus::FocusKeeper::install).flatten() {
        scroll_memory::install();
        Effect::new(move |_| {
            query.track();
            atlas.track();
            keeper.check(scroll_memory::address_changed());
        });
    }
    // Everything below is rebuilt when the language changes (a rare, deliberate action), so
    // each component reads its text once.
    move || {
        let ui = lang.get().ui();
        // Embedded (`?embed=1`): no site chrome, a link to the full Atlas instead.
        let embedded = embed.get().on;
        let full = move || {
            let mut p = query.get();
            p.remove("embed");
            views::url::href_without(&p, &[])
        };
        view! {
            // The router would take the click for a navigation to `#main` and only scroll:
            // focus stayed on the link, and the next Tab went back to the header.
            <a
                class="skip-link"
                id="skip-link"
                href="#main"
                on:click=|ev| {
                    ev.prevent_default();
                    if let Some(main) = document()
                        .get_element_by_id("main")
                        .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        let _ = main.focus();
                    }
                }
            >
                {ui.skip_to_content}
            </a>
            // The worker is registered in the last part of the build (not in the mount's task:
            // nothing on the first screen waits for it); the other views' style sheet is
            // fetched once the app is in the page.
            {takeover::staged(
                takeover::part::REST,
                || {
                    takeover::when_shown(takeover::view_styles);
                    view! { <UpdateBanner /> }.into_any()
                },
            )}
            {(!embedded)
                .then(|| takeover::staged(
                    takeover::part::HEADER,
                    || view! { <Header /> }.into_any(),
                ))}
            {embedded
                .then(|| {
                    view! {
                        <header class="embed-bar">
                            <h1 class="visually-hidden">{ui.site_title}</h1>
                            <a href=full target="_blank" rel="noopener noreferrer">
                                {ui.open_full}
                            </a>
                        </header>
                    }
                })}
            <main id="main" tabindex="-1">
                {move || match atlas.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(Err(failure)) => view! { <LoadFailed failure on_retry=retry /> }.into_any(),
                    Some(Ok(api::Loaded::Full(data))) => {
                        takeover::staged(
                            takeover::part::MAIN,
                            move || {
                                let data = data.clone();
                                view! {
                                    <SavedDataNotice saved_at=data.saved_at.clone() />
                                    <Explorer atlas=data />
                                }
                                    .into_any()
                            },
                        )
                    }
                    Some(Ok(api::Loaded::Large(large))) => lazily(move || large_view(large.clone())),
                }}
            </main>
            {(!embedded)
                .then(|| {
                    takeover::staged(
                        takeover::part::REST,
                        move || {
                            view! {
                                <footer class="site-footer">
                                    <p>{ui.footer_note}</p>
                                </footer>
                            }
                                .into_any()
                        },
                    )
                })}
        }
    }
}

lazy_fn! {
    @preload preload_large_view;
    /// Large-catalogue mode, in a chunk of its own (few sites use it); `preload_large_view`
    /// starts fetching it as soon as the data turns out to be a split manifest.
    pub(crate) fn large_view(large: std::sync::Arc<api::large::Large>) -> AnyView {
        view! { <views::large::LargeExplorer large/> }.into_any()
    }
}
