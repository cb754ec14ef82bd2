//! "Embed": a dialog with a copyable `<iframe>` snippet for the current view and filters,
//! plus the small script that sizes the frame (see `public/embed.js`).

use crate::i18n::ui;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The snippet a partner pastes: the iframe for `src`, and the resize listener.
pub fn snippet(src: &str, title: &str) -> String {
    let src = src.replace('&', "&amp;").replace('"', "&quot;");
    let title = title
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;");
    format!(
        "<iframe src=\"{src}\" title=\"{title}\" data-atlas-embed loading=\"lazy\"\n  \
         sandbox=\"allow-scripts allow-same-origin allow-popups allow-downloads\"\n  \
         style=\"width:100%;height:600px;border:0\"></iframe>\n\
         <script>\n\
         addEventListener(\"message\", function (e) {{\n  \
         var d = e.data;\n  \
         if (!d || d.type !== \"atlas:height\" || typeof d.height !== \"number\" || !isFinite(d.height)) return;\n  \
         document.querySelectorAll(\"iframe[data-atlas-embed]\").forEach(function (f) {{\n    \
         if (f.contentWindow === e.source) f.style.height = Math.max(200, Math.min(d.height, 20000)) + \"px\";\n  \
         }});\n\
         }});\n\
         </script>"
    )
}

#[component]
pub fn EmbedDialog() -> impl IntoView {
    let ui = ui();
    let query = use_query_map();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let (copied, set_copied) = signal(false);
    let code = move || {
        let mut params = query.get();
        params.remove("embed");
        params.remove("id");
        params.insert("embed", "1".to_string());
        let location = web_sys::window().map(|w| w.location());
        let base = location
            .as_ref()
            .map(|l| {
                format!(
                    "{}{}",
                    l.origin().unwrap_or_default(),
                    l.pathname().unwrap_or_default()
                )
            })
            .unwrap_or_default();
        snippet(
            &format!("{base}{}", params.to_query_string()),
            ui.site_title,
        )
    };
    let open = move |_| {
        set_copied.set(false);
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
    };
    let close = move |_| {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    let copy = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.navigator().clipboard().write_text(&code());
            set_copied.set(true);
        }
    };
    view! {
        <button type="button" class="button secondary embed-open" data-embed="open" on:click=open>
            {ui.embed_button}
        </button>
        <dialog class="embed-dialog" node_ref=dialog aria-labelledby="embed-title">
            <h2 id="embed-title">{ui.embed_title}</h2>
            <p id="embed-help">{ui.embed_help}</p>
            <textarea
                readonly
                rows="12"
                dir="ltr"
                aria-labelledby="embed-title"
                aria-describedby="embed-help"
                data-embed="code"
                prop:value=code
            ></textarea>
            <div class="dialog-actions">
                <button type="button" class="button" on:click=copy>
                    {move || if copied.get() { ui.embed_copied } else { ui.embed_copy }}
                </button>
                <button type="button" class="button secondary" data-embed="close" on:click=close>
                    {ui.close}
                </button>
            </div>
        </dialog>
    }
}
