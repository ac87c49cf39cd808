//! The acs-check page. It gathers inputs and renders the core's report; it holds no business logic.

mod app;
mod codecs;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
