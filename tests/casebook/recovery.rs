//! Recovery: the index is a cache (rebuilt when damaged, never while another process uses
//! it); the store holds user data (a damaged file is moved aside, never deleted; a newer
//! file is refused with a message that says so); a second process gets a clear message.

use casebook::{Engine, SearchRequest};
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid")
}

/// The one index folder under `data`.
fn index_dir(data: &Path) -> PathBuf {
    walkdir::WalkDir::new(data.join("index"))
        .into_iter()
        .flatten()
        .find(|e| e.file_name() == "casebook-schema-version")
        .and_then(|e| e.path().parent().map(Path::to_path_buf))
        .expect("an index folder")
}

fn cloudburst(engine: &Engine) -> u64 {
    engine
        .search(&SearchRequest::new("cloudburst"))
        .expect("search")
        .total
}

#[test]
fn a_damaged_store_is_moved_aside_not_deleted() {
    let data = tempfile::tempdir().expect("tempdir");
    let store = data.path().join("casebook.sqlite");
    let garbage = b"this is not a database, but it might be someone's notes".repeat(200);
    std::fs::write(&store, &garbage).expect("write");
    let engine = Engine::open(&fixture(), data.path()).expect("opens with a fresh store");
    engine.index().expect("index");
    assert_eq!(cloudburst(&engine), 1);
    engine
        .set_setting("theme", "dark")
        .expect("the fresh store works");
    let diags = engine.diagnostics();
    let d = diags
        .iter()
        .find(|d| d.message.contains("moved to"))
        .unwrap_or_else(|| panic!("the user is not told: {diags:?}"));
    let aside: Vec<PathBuf> = std::fs::read_dir(data.path())
        .expect("ls")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("casebook.sqlite.damaged-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert!(d.message.contains(&aside[0].display().to_string()), "{d:?}");
    assert_eq!(std::fs::read(&aside[0]).expect("read"), garbage);
}

#[test]
fn a_store_from_a_newer_casebook_is_refused_and_left_alone() {
    let data = tempfile::tempdir().expect("tempdir");
    drop(Engine::open(&fixture(), data.path()).expect("open"));
    let store = data.path().join("casebook.sqlite");
    {
        let conn = rusqlite::Connection::open(&store).expect("sqlite");
        conn.pragma_update(None, "user_version", 999)
            .expect("version");
    }
    let before = std::fs::read(&store).expect("read");
    let err = Engine::open(&fixture(), data.path())
        .err()
        .expect("a newer store is refused");
    assert_eq!(err.code(), "newer_data");
    assert!(
        err.to_string().contains("made by a newer Casebook"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&store).expect("read"),
        before,
        "the file is untouched"
    );

    let out = Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(["search", "x", "--cases"])
        .arg(fixture())
        .arg("--data")
        .arg(data.path())
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "not a usage error: {stderr}");
    assert!(stderr.contains("made by a newer Casebook"), "{stderr}");
}

#[test]
fn an_index_in_use_by_another_process_is_never_wiped() {
    let data = tempfile::tempdir().expect("tempdir");
    let first = Engine::open(&fixture(), data.path()).expect("open");
    first.index().expect("index");
    // The first engine keeps its writer (and the writer lock) open. A second one that finds
    // the index unusable (here: another schema version) must not rebuild it underneath.
    let dir = index_dir(data.path());
    std::fs::write(dir.join("casebook-schema-version"), "999\n").expect("write");
    let err = Engine::open(&fixture(), data.path())
        .err()
        .expect("the second open must not rebuild an index in use");
    assert_eq!(err.code(), "index_busy", "{err}");
    assert!(
        err.to_string().contains("another Casebook process"),
        "{err}"
    );
    assert_eq!(cloudburst(&first), 1, "the first process still searches");
    assert!(first.index().is_ok());
}

#[test]
fn a_second_writer_gets_a_clear_message_not_lock_busy() {
    let cases = tempfile::tempdir().expect("tempdir");
    for e in walkdir::WalkDir::new(fixture()).into_iter().flatten() {
        let to = cases
            .path()
            .join(e.path().strip_prefix(fixture()).expect("inside"));
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&to).expect("mkdir");
        } else {
            std::fs::copy(e.path(), &to).expect("copy");
        }
    }
    let data = tempfile::tempdir().expect("tempdir");
    let first = Engine::open(cases.path(), data.path()).expect("open");
    first.index().expect("index");
    let second = Engine::open(cases.path(), data.path()).expect("a reader opens");
    assert_eq!(cloudburst(&second), 1, "searching needs no lock");
    let file = cases.path().join("eu/vienna-annual-ticket.md");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, text.replace("Annual", "Yearly travel")).expect("write");
    let err = second.index().expect_err("the writer lock is taken");
    assert_eq!(err.code(), "index_busy", "{err}");
    assert!(!err.to_string().contains("LockBusy"), "{err}");
}

#[test]
fn a_damaged_segment_that_still_opens_is_rebuilt() {
    let data = tempfile::tempdir().expect("tempdir");
    {
        let engine = Engine::open(&fixture(), data.path()).expect("open");
        engine.index().expect("index");
    }
    // Flip bytes in the middle of every segment file, keeping sizes (and footers) intact.
    let dir = index_dir(data.path());
    let mut damaged = 0;
    for e in std::fs::read_dir(&dir).expect("ls").flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if name.ends_with(".idx") || name.ends_with(".term") || name.ends_with(".store") {
            let mut bytes = std::fs::read(e.path()).expect("read");
            if bytes.len() > 64 {
                let mid = bytes.len() / 2;
                for b in &mut bytes[mid - 8..mid + 8] {
                    *b ^= 0x5a;
                }
                std::fs::write(e.path(), bytes).expect("write");
                damaged += 1;
            }
        }
    }
    assert!(damaged > 0);
    let engine = Engine::open(&fixture(), data.path()).expect("a damaged segment still opens");
    let report = engine.index().expect("index");
    assert!(report.rebuilt, "{report:?}");
    assert_eq!(report.indexed, 7, "{report:?}");
    assert_eq!(cloudburst(&engine), 1);
}
