//! Shell tests on Tauri's mock runtime: commands go through the real IPC layer (argument
//! deserialization, the ACL generated from `capabilities/`, error serialization).

use super::*;
use serde_json::{Value, json};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;

/// A mock app with the real configuration and capabilities, its library open on a copy of
/// `library`, and the main window.
struct TestApp {
    _app: tauri::App<MockRuntime>,
    window: tauri::WebviewWindow<MockRuntime>,
    /// The data folder (index + store).
    data: PathBuf,
    _dirs: tempfile::TempDir,
}

fn repo_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(rel)
}

/// The small valid fixture library when the core tests provide one, else the bundled cases.
fn fixture_library() -> PathBuf {
    let fixture = repo_path("tests/fixtures/valid");
    if fixture.join("taxonomy.yaml").is_file() {
        fixture
    } else {
        repo_path("cases")
    }
}

fn start() -> TestApp {
    let dirs = tempfile::tempdir().expect("tempdir");
    let data = dirs.path().join("data");
    std::fs::create_dir_all(&data).expect("mkdir data");
    let app = configure(mock_builder())
        .build(context())
        .expect("mock app builds");
    app.manage(AppState::new(repo_path("cases"), data.clone()));
    let window = WebviewWindowBuilder::new(&app, MAIN_WINDOW, Default::default())
        .build()
        .expect("mock window");
    let info = switch_folder(app.handle(), &fixture_library(), false).expect("library opens");
    assert!(!info.cases_dir.is_empty());
    TestApp {
        _app: app,
        window,
        data,
        _dirs: dirs,
    }
}

impl TestApp {
    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().expect("url"),
            body: tauri::ipc::InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.window, request).map(|body| {
            body.deserialize::<Value>()
                .expect("command response is JSON")
        })
    }
}

#[test]
fn search_through_ipc_after_reindex() {
    let t = start();
    // An explicit reindex, so the search does not race the background index run.
    let report = t.invoke("reindex", json!({})).expect("reindex succeeds");
    assert!(
        report["indexed"].as_u64().unwrap_or(0) + report["unchanged"].as_u64().unwrap_or(0) > 0,
        "{report}"
    );

    let all = t
        .invoke("search", json!({ "request": { "query": "" } }))
        .expect("browse-all search succeeds");
    let total = all["total"].as_u64().expect("total is a number");
    assert!(total > 0, "browse-all finds the library: {all}");
    let first = &all["hits"][0];
    let id = first["id"].as_str().expect("hit has an id").to_string();
    let title = first["title"]
        .as_str()
        .expect("hit has a title")
        .to_string();

    // Searching for a word of the first hit's title finds that case.
    let word = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 4)
        .max_by_key(|w| w.len())
        .expect("title has a word")
        .to_lowercase();
    let found = t
        .invoke("search", json!({ "request": { "query": word } }))
        .expect("word search succeeds");
    let ids: Vec<&str> = found["hits"]
        .as_array()
        .expect("hits array")
        .iter()
        .filter_map(|h| h["id"].as_str())
        .collect();
    assert!(
        ids.contains(&id.as_str()),
        "`{word}` should find {id}: {found}"
    );

    // The case itself through get_case.
    let case = t
        .invoke("get_case", json!({ "id": id, "lang": null }))
        .expect("get_case succeeds");
    assert!(case.to_string().contains(&title), "{case}");

    let info = t.invoke("library_info", json!({})).expect("library_info");
    // `docs` counts case files (a translation is a file of its own); a search may count a
    // case and its translation once.
    let docs = info["docs"].as_u64().expect("docs is a number");
    assert!(
        docs >= total,
        "library_info docs {docs} < search total {total}"
    );
    let is_bundled = fixture_library() == repo_path("cases");
    assert_eq!(info["bundled"], json!(is_bundled), "{info}");
}

#[test]
fn unknown_case_is_a_not_found_error_payload() {
    let t = start();
    let err = t
        .invoke("get_case", json!({ "id": "no-such-case", "lang": "en" }))
        .expect_err("unknown id must fail");
    assert_eq!(err["code"], "not_found", "{err}");
    assert!(
        err["message"]
            .as_str()
            .is_some_and(|m| m.contains("no-such-case")),
        "{err}"
    );
}

#[test]
fn open_external_refuses_non_https() {
    let t = start();
    for url in [
        "javascript:alert(1)",
        "JavaScript:alert(document.domain)",
        "file:///etc/passwd",
        "http://example.org/",
        "data:text/html,<script>alert(1)</script>",
        "not a url",
    ] {
        let err = t
            .invoke("open_external", json!({ "url": url }))
            .expect_err("must be refused");
        assert_eq!(err["code"], "invalid_argument", "{url}: {err}");
    }
}

#[test]
fn open_problem_refuses_files_without_a_problem() {
    let t = start();
    for path in [
        "taxonomy.yaml",
        "../Cargo.toml",
        "/etc/passwd",
        "C:\\Windows\\win.ini",
    ] {
        let err = t
            .invoke("open_problem", json!({ "path": path, "line": 1 }))
            .expect_err("must be refused");
        assert_eq!(err["code"], "invalid_argument", "{path}: {err}");
    }
}

#[test]
fn settings_round_trip_and_cases_dir_is_protected() {
    let t = start();
    t.invoke("set_setting", json!({ "key": "ui_lang", "value": "ja" }))
        .expect("set_setting");
    assert_eq!(
        t.invoke("get_setting", json!({ "key": "ui_lang" }))
            .expect("get_setting"),
        json!("ja")
    );
    let err = t
        .invoke("set_setting", json!({ "key": "cases_dir", "value": "/" }))
        .expect_err("cases_dir only via the folder dialog");
    assert_eq!(err["code"], "invalid_argument");
}

#[test]
fn the_page_cannot_point_the_library_at_a_path() {
    let t = start();
    let before = t.invoke("library_info", json!({})).expect("library_info");
    let elsewhere = tempfile::tempdir().expect("tempdir");
    copy_dir(&fixture_library(), elsewhere.path());
    // Neither a command that takes a path nor the dialog plugin is reachable from the page.
    assert!(
        t.invoke(
            "set_cases_folder",
            json!({ "path": elsewhere.path().display().to_string() })
        )
        .is_err()
    );
    assert!(
        t.invoke(
            "plugin:dialog|open",
            json!({ "options": { "directory": true } })
        )
        .is_err()
    );
    let after = t.invoke("library_info", json!({})).expect("library_info");
    assert_eq!(before["cases_dir"], after["cases_dir"]);
}

#[test]
fn a_failed_folder_switch_keeps_the_open_library() {
    let t = start();
    t.invoke("reindex", json!({})).expect("reindex");
    let before = t.invoke("library_info", json!({})).expect("library_info");
    // Another library whose open fails: the shared store was meanwhile written by a newer
    // Casebook (the open engine keeps its connection and keeps working).
    let lib = tempfile::tempdir().expect("tempdir");
    copy_dir(&fixture_library(), lib.path());
    let store = t.data.join(casebook::engine::STORE_FILE);
    rusqlite::Connection::open(&store)
        .expect("sqlite")
        .pragma_update(None, "user_version", 999)
        .expect("user_version");
    let err = switch_folder(t._app.handle(), lib.path(), true).expect_err("the open fails");
    assert_eq!(err.code, "newer_data", "{err:?}");
    let after = t
        .invoke("library_info", json!({}))
        .expect("the old library is still open");
    assert_eq!(before["cases_dir"], after["cases_dir"]);
    let found = t
        .invoke("search", json!({ "request": { "query": "" } }))
        .expect("search still works");
    assert!(found["total"].as_u64().unwrap_or(0) > 0, "{found}");
}

#[test]
fn the_app_uses_the_cores_data_folder() {
    let t = start();
    if std::env::var_os(casebook::engine::ENV_DATA).is_some() {
        return; // the override applies to both alike; nothing to compare
    }
    let dir = data_dir(t._app.handle()).expect("data dir");
    assert_eq!(dir, casebook::engine::default_data_dir());
}

#[test]
fn a_panic_in_a_command_is_an_internal_error() {
    let r: Result<(), ErrorPayload> = guarded("search", || panic!("index out of bounds"));
    let e = r.expect_err("a panic is an error");
    assert_eq!(e.code, "internal");
    assert!(
        e.message.contains("search") && e.message.contains("index out of bounds"),
        "{e:?}"
    );
    let r: Result<(), ErrorPayload> = guarded("x", || std::panic::panic_any(42_u8));
    assert_eq!(r.expect_err("error").code, "internal");
    assert_eq!(guarded("ok", || Ok(7)), Ok(7));
}

#[test]
fn plugin_commands_not_granted_are_refused() {
    let t = start();
    // The web view may not call the opener plugin directly: only `open_external`, which
    // checks the scheme, can open URLs.
    assert!(
        t.invoke(
            "plugin:opener|open_url",
            json!({ "url": "https://example.org" })
        )
        .is_err()
    );
    // Nor the dialog plugin, which is registered (the shell uses it) but not granted.
    let err = t
        .invoke(
            "plugin:dialog|open",
            json!({ "options": { "directory": true } }),
        )
        .expect_err("dialog:open is not granted");
    assert!(
        err.to_string().contains("not allowed"),
        "refused by the ACL, not for another reason: {err}"
    );
    let err = t
        .invoke(
            "plugin:opener|open_url",
            json!({ "url": "https://example.org" }),
        )
        .expect_err("opener is not granted");
    assert!(err.to_string().contains("not allowed"), "{err}");
    // A granted command with the same arguments shape goes through, so the refusals above
    // are the ACL's doing.
    assert!(t.invoke("library_info", json!({})).is_ok());
}

#[test]
fn navigation_is_limited_to_the_app() {
    let ok = |u: &str| is_app_url(&u.parse().expect("url"));
    assert!(ok("tauri://localhost/index.html"));
    assert!(ok("http://tauri.localhost/"));
    assert!(!ok("https://example.org/"));
    assert!(!ok("tauri://evil.example/"));
    assert!(!ok("file:///etc/passwd"));
    assert!(!ok("casebook://localhost/a.png"));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

#[test]
fn switching_folders_is_remembered_and_watched() {
    let t = start();
    let lib = tempfile::tempdir().expect("tempdir");
    copy_dir(&fixture_library(), lib.path());
    // What `choose_cases_folder` does once the user picked the folder in the dialog.
    let info = switch_folder(t._app.handle(), lib.path(), true).expect("switch succeeds");
    let info = serde_json::to_value(info).expect("json");
    let canonical = lib.path().canonicalize().expect("canonical");
    assert_eq!(info["cases_dir"], json!(canonical.display().to_string()));
    assert_eq!(info["bundled"], json!(false));
    assert_eq!(
        t.invoke("get_setting", json!({ "key": "cases_dir" }))
            .expect("get_setting"),
        json!(canonical.display().to_string())
    );

    // The new folder is watched: a case written into it becomes searchable without any
    // command. Its front matter is a copy of a valid case with a new id and a unique word.
    let template = std::fs::read_dir(canonical.join("eu"))
        .ok()
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.extension().is_some_and(|x| x == "md") && !p.to_string_lossy().ends_with(".ja.md")
        })
        .expect("an English case in the fixture");
    let text = std::fs::read_to_string(&template).expect("read template");
    let mut out = String::new();
    for line in text.lines() {
        if line.starts_with("id:") {
            out.push_str("id: watcher-bridge-case\n");
        } else if line.starts_with("title:") {
            out.push_str("title: Qwxyzbridge watcher case\n");
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    std::fs::write(canonical.join("eu/watcher-bridge-case.md"), out).expect("write case");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let found = t
            .invoke("search", json!({ "request": { "query": "qwxyzbridge" } }))
            .ok()
            .and_then(|r| r["total"].as_u64())
            .unwrap_or(0);
        if found == 1 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the watcher never indexed the new case"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn collections_through_ipc_keep_order_notes_and_undo() {
    let t = start();
    t.invoke("reindex", json!({})).expect("reindex succeeds");
    let c = t
        .invoke(
            "create_collection",
            json!({ "name": "Heat workshop", "description": "Room 2" }),
        )
        .expect("create");
    let id = c["id"].as_i64().expect("id");
    let ids = ["rotterdam-water-square", "copenhagen-cloudburst"];
    let added = t
        .invoke("add_to_collection", json!({ "id": id, "caseIds": ids }))
        .expect("add");
    assert_eq!(added["count"], 2, "{added}");
    // A duplicate or an unknown case adds nothing and says why.
    let dup = t
        .invoke(
            "add_to_collection",
            json!({ "id": id, "caseIds": ["no-such-case"] }),
        )
        .expect_err("unknown case");
    assert_eq!(dup["code"], "not_found", "{dup}");
    t.invoke(
        "move_in_collection",
        json!({ "id": id, "caseId": "copenhagen-cloudburst", "position": 0 }),
    )
    .expect("move");
    t.invoke(
        "set_item_note",
        json!({ "id": id, "caseId": "copenhagen-cloudburst", "note": "Open with this" }),
    )
    .expect("note");
    let view = t
        .invoke("collection", json!({ "id": id, "lang": "en" }))
        .expect("collection");
    let order: Vec<&str> = view["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["id"].as_str())
        .collect();
    assert_eq!(order, ["copenhagen-cloudburst", "rotterdam-water-square"]);
    assert_eq!(view["items"][0]["note"], "Open with this", "{view}");
    let saved = t
        .invoke("collected_case_ids", json!({}))
        .expect("collected");
    assert_eq!(saved.as_array().map(Vec::len), Some(2), "{saved}");

    // Personal notes are independent of collections.
    t.invoke(
        "set_note",
        json!({ "caseId": "lahti-coal-exit", "note": "Ask about the grid" }),
    )
    .expect("set note");
    let note = t
        .invoke("get_note", json!({ "caseId": "lahti-coal-exit" }))
        .expect("get note");
    assert_eq!(note, "Ask about the grid");

    // Delete returns what Undo needs; restoring brings back order and notes.
    let snapshot = t
        .invoke("delete_collection", json!({ "id": id }))
        .expect("delete");
    let list = t.invoke("list_collections", json!({})).expect("list");
    assert_eq!(list.as_array().map(Vec::len), Some(0), "{list}");
    let restored = t
        .invoke("restore_collection", json!({ "collection": snapshot }))
        .expect("restore");
    let new_id = restored["collection"]["id"].as_i64().expect("new id");
    let again = t
        .invoke("collection", json!({ "id": new_id, "lang": null }))
        .expect("collection again");
    assert_eq!(again["items"][0]["id"], "copenhagen-cloudburst", "{again}");
    assert_eq!(again["items"][0]["note"], "Open with this", "{again}");

    // Bad input is an error payload, never a panic.
    let bad = t
        .invoke(
            "create_collection",
            json!({ "name": "  ", "description": "" }),
        )
        .expect_err("empty name");
    assert_eq!(bad["code"], "invalid_argument", "{bad}");
    let fmt = t
        .invoke(
            "export_collection",
            json!({ "id": new_id, "format": "docx", "lang": "en", "compare": false }),
        )
        .expect_err("unknown format");
    assert!(
        fmt["message"].as_str().unwrap_or("").contains("csv"),
        "{fmt}"
    );
}
