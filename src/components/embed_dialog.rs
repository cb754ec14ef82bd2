//! "Embed" (in the share menu): a dialog with a copyable `<iframe>` snippet for the current view and filters,
//! plus the small script that sizes the frame (see `public/embed.js`).

use crate::i18n::ui;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The resize listener partners paste: `public/embed.js` (served for partners who include
/// it) without its comment and blank lines, so the two never differ.
fn listener() -> String {
    include_str!("../../public/embed.js")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

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
         <script>\n{}\n</script>",
        listener()
    )
}

/// The embed dialog; the share menu's "Embed" item opens it ([`open`]). It lives outside the
/// menu, so closing the menu never hides it.
#[component]
pub fn EmbedDialog(dialog: NodeRef<leptos::html::Dialog>) -> impl IntoView {
    let ui = ui();
    let query = use_query_map();
    // What the copy button did: nothing yet, copied, or could not (no clipboard on a page
    // served without HTTPS, or the browser refused): the code is then selected for the
    // reader to copy.
    let (copied, set_copied) = signal(None::<bool>);
    let area = NodeRef::<leptos::html::Textarea>::new();
    let code = move || {
        let mut params = query.get();
        params.remove("embed");
        params.remove("id");
        params.insert("embed", "1".to_string());
        // The page's own address (none when rendered at build time).
        let location = crate::in_browser()
            .then(web_sys::window)
            .flatten()
            .map(|w| w.location());
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
    let close = move |_| {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    let copy = move |_| {
        let navigator = web_sys::window().map(|w| w.navigator());
        let clipboard = navigator
            .filter(|n| js_sys::Reflect::has(n, &"clipboard".into()).unwrap_or(false))
            .map(|n| n.clipboard());
        // Written in the click itself (a browser may refuse it later, outside the gesture);
        // its answer awaited. The status empties first, so a second click is said again.
        let written = clipboard.map(|c| c.write_text(&code()));
        set_copied.set(None);
        leptos::task::spawn_local(async move {
            let done = match written {
                Some(p) => wasm_bindgen_futures::JsFuture::from(p).await.is_ok(),
                None => false,
            };
            if !done {
                if let Some(a) = area.get_untracked() {
                    let _ = a.focus();
                    a.select();
                }
            }
            set_copied.set(Some(done));
        });
    };
    view! {
        <dialog
            class="embed-dialog"
            node_ref=dialog
            aria-labelledby="embed-title"
            on:close=move |_| {
                set_copied.set(None);
                focus_share_button();
            }
        >
            <h2 id="embed-title">{ui.embed_title}</h2>
            <p id="embed-help">{ui.embed_help}</p>
            <textarea
                readonly
                rows="12"
                dir="ltr"
                aria-labelledby="embed-title"
                aria-describedby="embed-help"
                data-embed="code"
                node_ref=area
                prop:value=code
            ></textarea>
            <div class="dialog-actions">
                <button type="button" class="button" on:click=copy>
                    {ui.embed_copy}
                </button>
                <button type="button" class="button secondary" data-embed="close" on:click=close>
                    {ui.close}
                </button>
            </div>
            <p class="copy-status" role="status">
                {move || match copied.get() {
                    Some(true) => ui.embed_copied,
                    Some(false) => ui.embed_copy_failed,
                    None => "",
                }}
            </p>
        </dialog>
    }
}

/// Back to the share menu's button once the dialog closes (the "Embed" item that opened it
/// is inside the menu, closed by then, so the browser cannot return focus to it).
fn focus_share_button() {
    use wasm_bindgen::JsCast;
    let button = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("[data-menu=\"share\"] summary")
                .ok()
                .flatten()
        })
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(b) = button {
        let _ = b.focus();
    }
}

/// Opens the embed dialog (modal: focus moves into it and returns when it closes).
/// The first time, the dialog's element can exist a moment before it is in the page (it is
/// built when its chunk arrives, `crate::lazily`): it opens in the first frame where it is
/// there (trying for about half a second).
pub fn open(dialog: NodeRef<leptos::html::Dialog>) {
    open_within(dialog, 30);
}

fn open_within(dialog: NodeRef<leptos::html::Dialog>, frames: u32) {
    let Some(d) = dialog.get_untracked() else {
        return;
    };
    if d.is_connected() {
        let _ = d.show_modal();
    } else if frames > 0 {
        leptos::prelude::request_animation_frame(move || open_within(dialog, frames - 1));
    }
}
