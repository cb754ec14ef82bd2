//! The site header, one compact block: the name, the always-visible search field, the
//! language menu and the view switcher. On a phone the first three share one row and the
//! views take the second, so the content starts within a quarter of the first screen; on a
//! wide screen all four sit in one row. Embedding and downloads are in the share menu on the
//! count line (`components/view_bar.rs`).
//!
//! On a phone the header stays at the top of the screen but slides away while the reader
//! scrolls down and comes back as soon as they scroll up (or focus goes into it), so the
//! search field is always one small scroll away. It moves by `transform` only: nothing
//! under it is laid out again (no layout shift).

use crate::components::lang_switcher::LangSwitcher;
use crate::components::search_box::SearchBox;
use crate::components::view_switcher::ViewSwitcher;
use crate::i18n::ui;
use crate::takeover::{part, staged};
use crate::views::url::home_href;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn Header() -> impl IntoView {
    let ui = ui();
    let query = use_query_map();
    let tucked = RwSignal::new(false);
    if crate::in_browser() {
        let last = StoredValue::new(0.0f64);
        let scroll = window_event_listener(leptos::ev::scroll, move |_| {
            let Some(y) = web_sys::window().and_then(|w| w.scroll_y().ok()) else {
                return;
            };
            let before = last.get_value();
            // A few pixels of slack, so a jittery finger does not flicker it.
            if (y - before).abs() < 6.0 {
                return;
            }
            last.set_value(y);
            let down = y > before && y > 160.0;
            if tucked.try_get_untracked().is_some_and(|t| t != down) {
                tucked.try_set(down);
            }
        });
        on_cleanup(move || scroll.remove());
    }
    view! {
        <header
            class="site-header"
            class:tucked=move || tucked.get()
            // `try_`: focus can come back to this header's menu after a language change has
            // replaced it (components/menu.rs), when its state is gone.
            on:focusin=move |_| {
                tucked.try_set(false);
            }
        >
            <div class="brand">
                <h1 class="brand-heading">
                    <a class="brand-link" id="brand-link" href=move || home_href(&query.read())>
                        <span class="brand-mark" aria-hidden="true">
                            "◈"
                        </span>
                        <span class="brand-title">{ui.site_title}</span>
                    </a>
                </h1>
                <p class="brand-tagline">{ui.site_tagline}</p>
            </div>
            <SearchBox />
            // Built in a task of their own while the app is built behind the landing view.
            {staged(
                part::HEADER_TOOLS,
                || {
                    view! {
                        <LangSwitcher />
                        <ViewSwitcher />
                    }
                        .into_any()
                },
            )}
        </header>
    }
}
