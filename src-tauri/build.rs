//! Build script: generates the ACL for the app's own commands and checks the Tauri config.

/// The app's IPC commands (see /tmp/ipc.md / `src/lib.rs`). Listing them here makes
/// tauri-build generate an `allow-<command>` permission for each, and makes Tauri refuse any
/// command a capability does not grant.
const COMMANDS: &[&str] = &[
    "search",
    "get_case",
    "related",
    "diagnostics",
    "taxonomy",
    "reindex",
    "library_info",
    "choose_cases_folder",
    "get_setting",
    "set_setting",
    "open_external",
    "open_problem",
    "list_collections",
    "collection",
    "create_collection",
    "rename_collection",
    "describe_collection",
    "delete_collection",
    "restore_collection",
    "add_to_collection",
    "remove_from_collection",
    "move_in_collection",
    "set_item_note",
    "collected_case_ids",
    "get_note",
    "set_note",
    "export_collection",
    "export_search",
    "import_collection",
    "compare",
    "export_comparison",
    "places",
    "stats",
    "like",
];

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

    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed (see tauri.conf.json and capabilities/)");
}
