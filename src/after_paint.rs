//! Deferring work past the next paint: what is not needed for the frame a change brings
//! (off-screen rows, facet counts, the facet groups at start-up) runs in a task after that
//! frame, so the frame is not held up by it and Lighthouse sees no long start-up task.

use std::time::Duration;

/// Runs `f` in a new task once the next frame has been drawn (an animation frame, then a
/// zero-delay timer: the timer's task comes after that frame's paint).
pub fn after_paint(f: impl FnOnce() + 'static) {
    // Rendered to HTML at build time there is no next frame: the page shows what is
    // rendered first.
    if !crate::in_browser() {
        return;
    }
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::set_timeout(f, Duration::ZERO)
    });
}
