//! The IPC surface's drift test: the UI's command wrappers, the capability's command
//! permissions and the `generate_handler!` list must all follow the `#[tauri::command]`
//! functions (read by `ipc_surface.rs`, as the build script reads them).
//! `UPDATE_BINDINGS=1 cargo test -p casebook-desktop ipc` rewrites the generated files.

#[path = "../ipc_surface.rs"]
mod ipc_surface;

use ipc_surface::{permission, read_commands, typescript};
use std::path::{Path, PathBuf};

fn here(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn update() -> bool {
    std::env::var("UPDATE_BINDINGS").is_ok_and(|v| v == "1")
}

const HINT: &str = "run `UPDATE_BINDINGS=1 cargo test -p casebook-desktop ipc`";

#[test]
fn ipc_wrappers_match_the_commands() {
    let commands = read_commands(&here("src")).expect("read commands");
    assert!(commands.iter().any(|c| c.name == "search"), "{commands:?}");
    let search = commands
        .iter()
        .find(|c| c.name == "search")
        .expect("search");
    assert_eq!(search.args, [("request".into(), "SearchRequest".into())]);
    assert_eq!(search.returns, "SearchResponse");
    let fresh = typescript(&commands);
    let path = here("../ui/src/bindings/commands.ts");
    if update() {
        std::fs::write(&path, &fresh).expect("write commands.ts");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/bindings/commands.ts is out of date; {HINT}"
    );
}

#[test]
fn ipc_capability_grants_exactly_the_commands() {
    let commands = read_commands(&here("src")).expect("read commands");
    let path = here("capabilities/main.json");
    let text = std::fs::read_to_string(&path).expect("read capability");
    let mut cap: serde_json::Value = serde_json::from_str(&text).expect("capability is JSON");
    let list = cap["permissions"]
        .as_array()
        .expect("permissions list")
        .clone();
    let is_own = |p: &serde_json::Value| p.as_str().is_some_and(|s| s.starts_with("allow-"));
    let granted: Vec<String> = list
        .iter()
        .filter(|p| is_own(p))
        .filter_map(|p| p.as_str().map(str::to_string))
        .collect();
    let wanted: Vec<String> = commands.iter().map(|c| permission(&c.name)).collect();
    if update() && granted != wanted {
        // The app's own permissions first, in command order; Tauri's and plugins' after.
        let mut merged: Vec<serde_json::Value> = wanted.iter().map(|w| w.as_str().into()).collect();
        merged.extend(list.into_iter().filter(|p| !is_own(p)));
        cap["permissions"] = merged.into();
        let pretty = serde_json::to_string_pretty(&cap).expect("serialize capability");
        std::fs::write(&path, pretty + "\n").expect("write capability");
        return;
    }
    assert_eq!(
        granted, wanted,
        "capabilities/main.json grants other commands; {HINT}"
    );
}

#[test]
fn ipc_every_command_is_registered() {
    let commands = read_commands(&here("src")).expect("read commands");
    let lib = std::fs::read_to_string(here("src/lib.rs")).expect("read lib.rs");
    let start = lib
        .find("generate_handler![")
        .expect("generate_handler! in lib.rs");
    let body = &lib[start + "generate_handler![".len()..];
    let body = &body[..body.find(']').expect("closing ]")];
    let mut registered: Vec<&str> = body
        .split(',')
        .map(|p| p.trim().rsplit("::").next().unwrap_or_default())
        .filter(|p| !p.is_empty())
        .collect();
    registered.sort_unstable();
    let names: Vec<&str> = commands.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        registered, names,
        "src/lib.rs's generate_handler! must list every #[tauri::command] function, and only those"
    );
}

#[test]
fn argument_names_follow_tauris_renaming() {
    assert_eq!(ipc_surface::camel("case_ids"), "caseIds");
    assert_eq!(ipc_surface::camel("id"), "id");
    assert_eq!(permission("get_case"), "allow-get-case");
}
