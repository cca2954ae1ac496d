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
    app.manage(AppState::new(repo_path("cases"), data));
    let window = WebviewWindowBuilder::new(&app, MAIN_WINDOW, Default::default())
        .build()
        .expect("mock window");
    let info = switch_folder(app.handle(), &fixture_library(), false).expect("library opens");
    assert!(!info.cases_dir.is_empty());
    TestApp {
        _app: app,
        window,
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
        .expect_err("cases_dir only via set_cases_folder");
    assert_eq!(err["code"], "invalid_argument");
    let err = t
        .invoke(
            "set_cases_folder",
            json!({ "path": "/definitely/not/here" }),
        )
        .expect_err("missing folder");
    assert_eq!(err["code"], "no_cases_folder");
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
    // Commands that do not exist are refused, too.
    assert!(t.invoke("new_case", json!({ "id": "x" })).is_err());
}

#[test]
fn external_url_check() {
    assert!(check_external_url("https://climate-adapt.eea.europa.eu/en/metadata").is_ok());
    assert!(check_external_url("  https://example.org/a?b#c ").is_ok());
    for bad in [
        "javascript:alert(1)",
        "http://example.org",
        "https://user:pw@example.org",
        "https://",
        "mailto:a@b.c",
        "",
    ] {
        assert!(check_external_url(bad).is_err(), "{bad}");
    }
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
    let info = t
        .invoke(
            "set_cases_folder",
            json!({ "path": lib.path().display().to_string() }),
        )
        .expect("switch succeeds");
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
