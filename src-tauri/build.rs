//! Build script: generates the ACL for the app's own commands and checks the Tauri config.

// Only the command names are needed here; the tests use the rest.
#[allow(dead_code)]
#[path = "ipc_surface.rs"]
mod ipc_surface;

fn main() {
    // `generate_context!` embeds ../ui/dist and fails to compile when it is missing. On a fresh
    // clone (or while only the Rust side is being worked on) write a placeholder page that says
    // how to build the UI, so `cargo check`/`clippy` of the workspace work without Node.js.
    // `npm run build` (vite) replaces the whole folder.
    let dist = std::path::Path::new("../ui/dist");
    if !dist.join("index.html").exists() {
        let _ = std::fs::create_dir_all(dist);
        let _ = std::fs::write(
            dist.join("index.html"),
            "<!doctype html><meta charset=utf-8><title>Casebook</title>\
             <p>The Casebook UI is not built. Run <code>npm run build</code> in <code>ui/</code> \
             (or <code>scripts/run</code>) and rebuild.</p>",
        );
    }
    println!("cargo:rerun-if-changed=../ui/dist");
    println!("cargo:rerun-if-changed=../cases");

    // The app's commands are read from their functions (see `ipc_surface.rs`). Listing them
    // makes tauri-build generate an `allow-<command>` permission for each, and makes Tauri
    // refuse any command a capability does not grant.
    println!("cargo:rerun-if-changed=src");
    let commands: Vec<String> = ipc_surface::read_commands(std::path::Path::new("src"))
        .expect("reading the #[tauri::command] functions in src/")
        .into_iter()
        .map(|c| c.name)
        .collect();
    let names: &'static [&'static str] = Vec::leak(
        commands
            .into_iter()
            .map(|n| &*String::leak(n))
            .collect::<Vec<&'static str>>(),
    );
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(names)),
    )
    .expect("tauri-build failed (see tauri.conf.json and capabilities/)");
}
