fn main() {
    // Panic messages in the console for development builds (`cargo xtask serve`). A release
    // build leaves them out (the hook formats the message with the standard library's
    // machinery): there a panic stops the app with a trap and its stack, no message.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    if showing_landing() {
        // The page shows the landing view (rendered at build time from the same components):
        // the app loads its data first (the request was preloaded by index.html), is built
        // out of the page a part per task, then replaces the page in one task, carrying over
        // what the reader typed, the focus and the scroll position, so the switch is not seen.
        // It starts in a task of its own: the wasm's instantiation ends the task it is called
        // from (≈35 ms at 4× CPU), and the data's request and its code (≈40 ms, much of it
        // compiling functions on their first call) would make it a long one.
        wasm_bindgen_futures::spawn_local(async {
            atlas::api::next_task().await;
            atlas::api::preload(atlas::api::fetch_atlas().await);
            atlas::takeover::take_over().await;
            atlas::mark("atlas:mounted");
        });
    } else {
        // Any other address: the boot shell only says what the Atlas is, so the app mounts
        // now and shows its own loading state until the data is there.
        // In English, French or Spanish it first fetches that language's text (beside the
        // data, which index.html asked for): the boot shell stays until then, not a page in
        // Arabic. Without the file (offline with nothing saved) the app shows Arabic.
        wasm_bindgen_futures::spawn_local(async {
            atlas::i18n::files::load(atlas::address_language()).await;
            atlas::takeover::remove_boot_page();
            leptos::mount::mount_to_body(atlas::App);
        });
    }
}

/// Whether the page shows the prerendered landing view (index.html marks other addresses
/// with `data-boot="other"` on the root element).
fn showing_landing() -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let prerendered = doc
        .get_element_by_id("boot")
        .is_some_and(|b| b.has_attribute("data-prerendered"));
    let other = doc
        .document_element()
        .is_some_and(|r| r.get_attribute("data-boot").as_deref() == Some("other"));
    prerendered && !other
}
