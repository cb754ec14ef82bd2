//! The language menu: one slot in the header (a globe and the current language), opening a
//! list of the four languages in their own names; each a link that keeps the current view
//! and filters.

use crate::components::menu::{icon, menu};
use crate::i18n::{ui, Lang};
use crate::views::url::href_with;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LangSwitcher() -> impl IntoView {
    let ui = ui();
    let query = use_query_map();
    let open = RwSignal::new(false);
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
    let current = Lang::parse(Some(ui.lang));
    // The button says "Language: العربية"; on a phone it shows the globe and a short code.
    let summary = view! {
        {icon::globe()}
        <span class="visually-hidden">{ui.lang_nav}": "</span>
        <span class="lang-name" lang=ui.lang>
            {current.native_name()}
        </span>
        <span class="lang-code" aria-hidden="true">
            {short_code(current)}
        </span>
    }
    .into_any();
    view! {
        <nav class="lang-switcher" aria-label=ui.lang_nav>
            {menu("lang-menu", "lang", open, summary, view! { <ul>{links}</ul> }.into_any())}
        </nav>
    }
}

/// The language's short mark for a narrow button: "ع", "EN", "FR", "ES".
fn short_code(l: Lang) -> &'static str {
    match l {
        Lang::Ar => "ع",
        Lang::En => "EN",
        Lang::Fr => "FR",
        Lang::Es => "ES",
    }
}
