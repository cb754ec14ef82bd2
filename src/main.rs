fn main() {
    console_error_panic_hook::set_once();
    // The boot shell of index.html stands in until now; the app replaces it in this task,
    // so no frame is painted without either.
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    leptos::mount::mount_to_body(atlas::App);
}
