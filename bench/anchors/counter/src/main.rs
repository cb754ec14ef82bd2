//! A counter: three buttons and a reactive value, mounted to the body.

use leptos::prelude::*;

#[component]
fn Counter(start: i32, step: i32) -> impl IntoView {
    let (count, set_count) = signal(start);
    view! {
        <div>
            <button on:click=move |_| set_count.set(0)>"Clear"</button>
            <button on:click=move |_| set_count.update(|n| *n -= step)>"−"</button>
            <span>"Value: " {count}</span>
            <button on:click=move |_| set_count.update(|n| *n += step)>"+"</button>
        </div>
    }
}

fn main() {
    console_error_panic_hook::set_once();
    mount_to_body(|| view! { <Counter start=0 step=1 /> });
}
