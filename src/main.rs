use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;

fn main() {
    console_error_panic_hook::set_once();
    // The boot shell of index.html (what the Atlas is, while the app downloads) is shown at
    // least once before the app replaces it: the app mounts once the shell's fonts are ready
    // and a frame has been drawn (text waiting for its font is not painted), or after one
    // second whatever happens (a hidden tab draws no frames).
    let mounted = Rc::new(Cell::new(false));
    let mount = move || {
        if !mounted.replace(true) {
            remove_boot_shell();
            leptos::mount::mount_to_body(atlas::App);
        }
    };
    let mount_after_paint = mount.clone();
    wasm_bindgen_futures::spawn_local(async move {
        if let Some(ready) = fonts_ready() {
            let _ = wasm_bindgen_futures::JsFuture::from(ready).await;
        }
        atlas::after_paint::after_paint(mount_after_paint);
    });
    leptos::prelude::set_timeout(mount, Duration::from_secs(1));
}

/// `document.fonts.ready`, where the browser has it.
fn fonts_ready() -> Option<js_sys::Promise> {
    let document = web_sys::window()?.document()?;
    let fonts = js_sys::Reflect::get(&document, &"fonts".into()).ok()?;
    js_sys::Reflect::get(&fonts, &"ready".into())
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()
}

/// Removes the boot shell; the app mounts in the same task, so no frame shows neither.
fn remove_boot_shell() {
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
}
