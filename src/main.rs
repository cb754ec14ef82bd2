fn main() {
    console_error_panic_hook::set_once();
    // The page already shows the landing view (rendered at build time) or, for any other
    // address, a boot shell saying what the Atlas is. The data is loaded first (its request
    // was preloaded by index.html); then the app replaces that page in one task, carrying
    // over what the reader typed, the focus and the scroll position.
    wasm_bindgen_futures::spawn_local(async {
        atlas::api::preload(atlas::api::fetch_atlas().await);
        let kept = atlas::takeover::capture();
        remove_boot_shell();
        leptos::mount::mount_to_body(atlas::App);
        atlas::takeover::restore(kept);
    });
}

/// Removes the boot page; the app mounts in the same task, so no frame shows neither.
fn remove_boot_shell() {
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
}
