//! The Casebook desktop app's entry point; everything lives in the library so tests can reach it.

// Keeps a console window from opening next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    casebook_desktop::run();
}
