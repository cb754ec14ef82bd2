//! The site header: title and the always-visible search field.

use crate::components::embed_dialog::EmbedDialog;
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
                <LangSwitcher/>
            </div>
            <SearchBox/>
            <div class="header-tools">
                <ViewSwitcher/>
                <EmbedDialog/>
            </div>
        </header>
    }
}
