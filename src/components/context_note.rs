//! A context note: figures read together (one edition's attendance beside the usual size of
//! a meeting), with its "compare" badge. Not a "sources differ" mark (see `views::detail`).

use crate::i18n::ui;
use atlas_core::Disagreement;
use leptos::prelude::*;

/// The note `d` as a paragraph of `class`, in the interface language (or Arabic).
pub fn context_note(d: &Disagreement, class: &'static str) -> impl IntoView {
    let ui = ui();
    let (about, about_lang) = d.about.shown(ui.lang);
    view! {
        <p class=class data-relation=d.id.clone() lang=about_lang.to_string()>
            <span class="badge related">{ui.figures_context}</span>
            " "
            {about.to_string()}
        </p>
    }
}
