//! The Casebook desktop app's entry point; everything lives in the library so tests can reach it.

// Keeps a console window from opening next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // Answered before any window or webview exists, so support staff, installers and a machine
    // without a webview runtime can still ask which build this is.
    if std::env::args()
        .skip(1)
        .any(|a| a == "--version" || a == "-V")
    {
        println!("casebook-desktop {}", env!("CARGO_PKG_VERSION"));
        return;
    }
    casebook_desktop::run();
}
