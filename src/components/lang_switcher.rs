//! The language switcher: links that keep the current view and filters.

use crate::i18n::{ui, Lang};
use crate::views::url::href_with;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LangSwitcher() -> impl IntoView {
    let ui = ui();
    let query = use_query_map();
    let links = Lang::ALL
        .into_iter()
        .map(|l| {
            let href = move || {
                let value = (l != Lang::Ar).then_some(l.code());
                href_with(&query.read(), &[("lang", value)])
            };
            let current = l.code() == ui.lang;
            view! {
                <li>
                    <a
                        href=href
                        hreflang=l.code()
                        lang=l.code()
                        data-lang=l.code()
                        aria-current=current.then_some("true")
                    >
                        {l.native_name()}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="lang-switcher" aria-label=ui.lang_nav>
            <ul>{links}</ul>
        </nav>
    }
}
