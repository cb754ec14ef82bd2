//! Chooses the view from the URL: a record's detail (`?id=`) or the results (`?q=`).

use crate::api::Atlas;
use crate::views::detail::Detail;
use crate::views::results::Results;
use crate::views::url::use_param;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn Explorer(atlas: Arc<Atlas>) -> impl IntoView {
    provide_context(atlas);
    let id = use_param("id");
    move || match id.get() {
        Some(id) => view! { <Detail id/> }.into_any(),
        None => view! { <Results/> }.into_any(),
    }
}
