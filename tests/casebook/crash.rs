//! Crashes and hostile environments: a process killed (SIGKILL) while it commits the index or
//! writes the store, a read-only cases folder, and a disk that fills up during indexing.
//!
//! The killed processes are this test binary itself, started again with `CRASH_CHILD` set to
//! run one of the `child_*` functions (ignored in a normal run).

#![cfg(unix)]

use casebook::{Engine, SearchRequest};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid")
}

fn copy_fixture(to: &Path) {
    for e in walkdir::WalkDir::new(fixture()).into_iter().flatten() {
        let dest = to.join(e.path().strip_prefix(fixture()).expect("inside"));
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(e.path(), &dest).expect("copy");
        }
    }
}

/// A library of the fixture plus `n` generated cases (enough work for a commit to take a
/// while).
fn big_library(to: &Path, n: usize) {
    copy_fixture(to);
    let dir = to.join("gen");
    std::fs::create_dir_all(&dir).expect("mkdir");
    for i in 0..n {
        std::fs::write(dir.join(format!("gen-{i}.md")), generated(i, "")).expect("write");
    }
}

fn generated(i: usize, extra: &str) -> String {
    format!(
        "---\nid: gen-{i}\ntitle: Generated plan {i} {extra}\ncity: Testville\ncountry: DK\n\
         region: europe/northern\nprogrammes: []\nhazards: [flooding/pluvial]\nsectors: [water]\n\
         measures: [nature-based/green]\ntype: adaptation\nstatus: ongoing\nstarted: 2015\n\
         summary: Generated case {i} about cloudburst retention.\nsources:\n  - {{ title: \"A\", url: \"https://example.org/a\" }}\n\
         updated: 2026-11-28\n---\n## Context\n\n{}\n",
        "Rain water is stored in parks and squares. ".repeat(40)
    )
}

/// Starts this test binary as a child running `child`.
fn spawn_child(child: &str, cases: &Path, data: &Path) -> std::process::Child {
    Command::new(std::env::current_exe().expect("test binary"))
        .args([
            child,
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("CRASH_CHILD", "1")
        .env("CRASH_CASES", cases)
        .env("CRASH_DATA", data)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn child")
}

fn child_dirs() -> Option<(PathBuf, PathBuf)> {
    std::env::var_os("CRASH_CHILD")?;
    Some((
        PathBuf::from(std::env::var_os("CRASH_CASES")?),
        PathBuf::from(std::env::var_os("CRASH_DATA")?),
    ))
}

fn integrity_ok(data: &Path) {
    let conn = rusqlite::Connection::open(data.join("casebook.sqlite")).expect("open store");
    let verdict: String = conn
        .pragma_query_value(None, "integrity_check", |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(verdict, "ok");
}

/// Child: indexes, then keeps editing files and re-indexing until killed. Prints `indexed`
/// after every run that returned.
#[test]
#[ignore = "run as a child process by the crash tests"]
fn child_index_forever() {
    let Some((cases, data)) = child_dirs() else {
        return;
    };
    let engine = Engine::open(&cases, &data).expect("open");
    for round in 0.. {
        for i in (0..200).step_by(7) {
            // Saved the way editors save (a temp file renamed over the case), so a kill
            // never leaves a half-written case behind: what is tested is the index.
            let p = cases.join("gen").join(format!("gen-{i}.md"));
            let tmp = cases.join("gen").join(format!("gen-{i}.md.tmp"));
            std::fs::write(&tmp, generated(i, &format!("round {round}"))).expect("write");
            std::fs::rename(&tmp, &p).expect("rename");
        }
        engine.index().expect("index");
        println!("indexed {round}");
    }
}

/// Child: writes settings as fast as it can; prints each key after `set_setting` returned.
#[test]
#[ignore = "run as a child process by the crash tests"]
fn child_write_settings_forever() {
    let Some((cases, data)) = child_dirs() else {
        return;
    };
    let engine = Engine::open(&cases, &data).expect("open");
    for i in 0.. {
        engine
            .set_setting(&format!("crash.key{i}"), &format!("value {i}"))
            .expect("set");
        println!("ack {i}");
    }
}

/// Runs `child` and kills it with SIGKILL once it printed `lines` lines plus `extra` of delay;
/// returns what it printed.
fn kill_after(
    child: &str,
    cases: &Path,
    data: &Path,
    lines: usize,
    extra: Duration,
) -> Vec<String> {
    let mut c = spawn_child(child, cases, data);
    let out = c.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut seen: Vec<String> = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(120);
    while seen
        .iter()
        .filter(|l| l.starts_with("indexed") || l.starts_with("ack"))
        .count()
        < lines
    {
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(l) => seen.push(l),
            Err(_) => assert!(
                Instant::now() < deadline,
                "child made no progress: {seen:?}"
            ),
        }
    }
    std::thread::sleep(extra);
    c.kill().expect("SIGKILL");
    c.wait().expect("reap");
    // What the child printed before it died (acknowledged before the kill).
    while let Ok(l) = rx.recv_timeout(Duration::from_millis(200)) {
        seen.push(l);
    }
    seen
}

#[test]
fn killed_during_index_commits_the_index_opens_or_rebuilds() {
    let cases = tempfile::tempdir().expect("tempdir");
    big_library(cases.path(), 200);
    let data = tempfile::tempdir().expect("tempdir");
    // Kill at different moments of the edit/index/commit cycle.
    for (i, ms) in [0u64, 15, 40, 90, 170].iter().enumerate() {
        kill_after(
            "crash::child_index_forever",
            cases.path(),
            data.path(),
            1,
            Duration::from_millis(*ms),
        );
        let engine = Engine::open(cases.path(), data.path())
            .unwrap_or_else(|e| panic!("kill {i}: the index must open or rebuild: {e}"));
        engine.index().expect("index after the crash");
        let r = engine
            .search(&SearchRequest::new("cloudburst"))
            .expect("search");
        // 200 generated cases plus the fixture's Copenhagen case.
        assert_eq!(r.total, 201, "kill {i}: {:?}", engine.diagnostics());
        drop(engine);
        integrity_ok(data.path());
    }
}

#[test]
fn killed_during_store_writes_every_acknowledged_write_survives() {
    let cases = tempfile::tempdir().expect("tempdir");
    copy_fixture(cases.path());
    let data = tempfile::tempdir().expect("tempdir");
    for ms in [0u64, 3, 20] {
        let printed = kill_after(
            "crash::child_write_settings_forever",
            cases.path(),
            data.path(),
            50,
            Duration::from_millis(ms),
        );
        let acked: Vec<usize> = printed
            .iter()
            .filter_map(|l| l.strip_prefix("ack ")?.parse().ok())
            .collect();
        assert!(acked.len() >= 50);
        integrity_ok(data.path());
        let engine = Engine::open(cases.path(), data.path()).expect("reopen");
        for i in acked {
            assert_eq!(
                engine
                    .setting(&format!("crash.key{i}"))
                    .expect("get")
                    .as_deref(),
                Some(format!("value {i}").as_str()),
                "acknowledged write {i} lost"
            );
        }
    }
}

#[test]
fn a_read_only_cases_folder_is_indexed_and_never_written() {
    let cases = tempfile::tempdir().expect("tempdir");
    copy_fixture(cases.path());
    let listing = |p: &Path| -> Vec<(PathBuf, u64)> {
        walkdir::WalkDir::new(p)
            .sort_by_file_name()
            .into_iter()
            .flatten()
            .map(|e| (e.path().to_path_buf(), e.metadata().map_or(0, |m| m.len())))
            .collect()
    };
    let set_mode = |mode: u32| {
        use std::os::unix::fs::PermissionsExt;
        for e in walkdir::WalkDir::new(cases.path()).into_iter().flatten() {
            let m = if e.file_type().is_dir() {
                mode | 0o111
            } else {
                mode
            };
            std::fs::set_permissions(e.path(), std::fs::Permissions::from_mode(m)).expect("chmod");
        }
    };
    let before = listing(cases.path());
    set_mode(0o444);
    let data = tempfile::tempdir().expect("tempdir");
    let engine = Engine::open(cases.path(), data.path()).expect("open");
    let report = engine.index().expect("index a read-only folder");
    assert_eq!(report.indexed, 7, "{report:?}");
    assert_eq!(
        engine
            .search(&SearchRequest::new("cloudburst"))
            .expect("search")
            .total,
        1
    );
    let _ = engine
        .case("copenhagen-cloudburst", None)
        .expect("read a case");
    set_mode(0o644);
    assert_eq!(
        listing(cases.path()),
        before,
        "nothing was written into the cases folder"
    );
}

#[test]
fn a_full_disk_during_indexing_is_an_error_and_loses_nothing() {
    let cases = tempfile::tempdir().expect("tempdir");
    copy_fixture(cases.path());
    let data = tempfile::tempdir().expect("tempdir");
    {
        let engine = Engine::open(cases.path(), data.path()).expect("open");
        engine.index().expect("index");
        engine.set_setting("theme", "dark").expect("set");
    }
    // Now a large batch of new cases, indexed by a process whose files may not grow past
    // 256 KiB: its writes fail like writes to a full disk (EFBIG instead of ENOSPC; the
    // signal that would kill it is ignored so the error reaches the code).
    big_library(cases.path(), 400);
    let out = Command::new("bash")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 256; exec \"$0\" index --cases \"$1\" --data \"$2\"")
        .arg(env!("CARGO_BIN_EXE_casebook"))
        .arg(cases.path())
        .arg(data.path())
        .output()
        .expect("run casebook index");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "indexing must fail: {stderr}");
    assert!(
        stderr.contains("casebook:"),
        "a message, not a crash: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    // The earlier index and the store are intact.
    integrity_ok(data.path());
    let engine = Engine::open(cases.path(), data.path()).expect("reopen");
    assert_eq!(
        engine.setting("theme").expect("get").as_deref(),
        Some("dark")
    );
    let before = engine
        .search(&SearchRequest::new("Copenhagen"))
        .expect("the earlier index answers");
    assert_eq!(before.total, 1);
    // With room again, the same run succeeds.
    let report = engine.index().expect("index");
    assert_eq!(report.indexed, 400, "{report:?}");
}
