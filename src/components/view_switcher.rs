//! Links between the views (cards · map · statistics · timeline), keeping query and filters.

use crate::i18n::ui;
use crate::views::state::View;
use crate::views::url::href_with;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ViewSwitcher() -> impl IntoView {
    let ui = ui();
    let query = use_query_map();
    let current = move || View::parse(query.read().get("view").as_deref());
    let links = View::ALL
        .into_iter()
        .map(|v| {
            let href = move || {
                let value = (v != View::Cards).then_some(v.as_str());
                href_with(&query.read(), &[("view", value), ("id", None)])
            };
            let is_current = move || current() == v && query.read().get("id").is_none();
            view! {
                <li>
                    <a
                        href=href
                        data-view=v.as_str()
                        aria-current=move || is_current().then_some("page")
                    >
                        {ui.view(v)}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="view-switcher" aria-label=ui.view_nav>
            <ul>{links}</ul>
        </nav>
    }
}
