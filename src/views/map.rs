//! The map view (being built).

use leptos::prelude::*;

#[component]
pub fn MapView() -> impl IntoView {
    view! { <section class="map"></section> }
}
