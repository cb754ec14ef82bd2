//! Offline support in the page: registers the service worker (`sw.js`, next to the page),
//! and when a new version has been installed and is waiting, says so with a reload button.
//! Files are never swapped under a running page: the new worker takes over only when the
//! reader asks, and the page then reloads.

use crate::i18n::ui;
use leptos::prelude::*;
use leptos_use_service_worker::{
    use_service_worker_with_options, UseServiceWorkerOptions, UseServiceWorkerReturn,
};

/// Whether this browsing context can use a service worker at all (not in sandboxed frames
/// without same-origin, not on file://, not where storage is blocked: there reading
/// `navigator.serviceWorker` may throw, which `Reflect::get` turns into an error).
fn supported() -> bool {
    crate::in_browser()
        .then(web_sys::window)
        .flatten()
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"serviceWorker".into()).ok())
        .is_some_and(|sw| sw.is_object())
}

/// The worker's "waiting" state and the call that activates it.
type Worker = (Signal<bool>, std::sync::Arc<dyn Fn() + Send + Sync>);

thread_local! {
    static WORKER: std::cell::OnceCell<Worker> = const { std::cell::OnceCell::new() };
}

/// The worker, registered once for the page's life. Its listeners (on the registration and
/// the workers) are never removed, and dispatch the hook's actions: made under the banner,
/// which choosing a language rebuilds, the actions went with the old banner, and the next
/// state change of a worker still installing (a first visit) panicked on them and stopped
/// the app. Under a root owner that is never disposed, they live as long as the listeners.
fn worker() -> Worker {
    WORKER.with(|w| {
        w.get_or_init(|| {
            // `new_root` makes itself the current owner: the component's own is put back.
            let own = Owner::current();
            let root = Owner::new_root(None);
            let UseServiceWorkerReturn {
                waiting,
                skip_waiting,
                ..
            } = root.with(|| {
                use_service_worker_with_options(
                    UseServiceWorkerOptions::default().script_url("sw.js"),
                )
            });
            std::mem::forget(root);
            if let Some(own) = own {
                own.set();
            }
            (waiting, std::sync::Arc::new(skip_waiting))
        })
        .clone()
    })
}

#[component]
pub fn UpdateBanner() -> impl IntoView {
    if !supported() {
        return ().into_any();
    }
    let ui = ui();
    let (waiting, skip_waiting) = worker();
    (move || {
        let skip_waiting = skip_waiting.clone();
        waiting.get().then(|| {
            view! {
                <div class="update-banner" role="status" data-state="update-available">
                    <p>{ui.update_available}</p>
                    <button type="button" class="button" on:click=move |_| skip_waiting()>
                        {ui.update_reload}
                    </button>
                </div>
            }
        })
    })
    .into_any()
}

/// "Offline: showing the data saved on …", when the bundle came from the worker's cache.
#[component]
pub fn SavedDataNotice(saved_at: Option<String>) -> impl IntoView {
    let ui = ui();
    saved_at.map(|iso| {
        let locale = if ui.lang == "ar" { "ar-MA" } else { ui.lang };
        let date = js_sys::Date::new(&iso.as_str().into());
        let when = if date.get_time().is_nan() {
            iso.clone()
        } else {
            String::from(date.to_locale_string(locale, &wasm_bindgen::JsValue::UNDEFINED))
        };
        view! {
            <p class="saved-notice" role="status" data-state="saved-data" data-saved-at=iso>
                {ui.saved_data}
                " "
                <bdi>{when}</bdi>
            </p>
        }
    })
}
