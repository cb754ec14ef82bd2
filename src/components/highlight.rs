//! Text with search matches marked. Always rendered as text nodes, never as HTML.

use atlas_core::search::segments;
use leptos::prelude::*;

#[component]
pub fn Highlighted(text: String, #[prop(optional)] ranges: Vec<(usize, usize)>) -> impl IntoView {
    segments(&text, &ranges)
        .into_iter()
        .map(|(piece, marked)| {
            let piece = piece.to_string();
            if marked {
                view! { <mark>{piece}</mark> }.into_any()
            } else {
                piece.into_any()
            }
        })
        .collect_view()
}
