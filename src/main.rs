fn main() {
    hyperplane::panic_notice::install();
    leptos::mount::mount_to_body(hyperplane::App);
}
