fn main() {
    console_error_panic_hook::set_once();
    // The page's plain first step gives way to the app, the caret kept.
    let caret = lapor_app::first_step::remove();
    leptos::mount::mount_to_body(lapor_app::app::LaporApp);
    lapor_app::first_step::restore(caret);
}
