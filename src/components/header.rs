//! The site header, one compact block: the name, the always-visible search field, the
//! language menu and the view switcher. On a phone the first three share one row and the
//! views take the second, so the content starts within a quarter of the first screen; on a
//! wide screen all four sit in one row. Embedding and downloads are in the share menu on the
//! count line (`views/explorer.rs`).

use crate::components::lang_switcher::LangSwitcher;
use crate::components::search_box::SearchBox;
use crate::components::view_switcher::ViewSwitcher;
use crate::i18n::ui;
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    let ui = ui();
    view! {
        <header class="site-header">
            <div class="brand">
                <h1 class="brand-heading">
                    <a class="brand-link" href="?">
                        <span class="brand-mark" aria-hidden="true">"◈"</span>
                        <span class="brand-title">{ui.site_title}</span>
                    </a>
                </h1>
                <p class="brand-tagline">{ui.site_tagline}</p>
            </div>
            <SearchBox/>
            <LangSwitcher/>
            <ViewSwitcher/>
        </header>
    }
}
