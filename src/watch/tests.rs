//! Tests of the watcher: which paths it reports, batching of bursts, rescans, a missing folder and shutdown.

use super::*;
use std::sync::{Arc, Mutex};

#[test]
fn classify_paths() {
    let root = Path::new("/lib");
    let modify = EventKind::Modify(ModifyKind::Any);
    let c = |p: &str| classify_path(root, Path::new(p), &modify);
    assert_eq!(c("/lib/eu/a.md"), Relevance::Case);
    assert_eq!(c("/lib/a.ja.md"), Relevance::Case);
    assert_eq!(c("/lib/taxonomy.yaml"), Relevance::Rescan);
    assert_eq!(c("/lib/synonyms.yaml"), Relevance::Case);
    assert_eq!(c("/lib/eu/synonyms.yaml"), Relevance::Ignore);
    assert_eq!(c("/lib/eu/taxonomy.yaml"), Relevance::Ignore);
    assert_eq!(c("/lib/.git/x.md"), Relevance::Ignore);
    assert_eq!(c("/lib/eu/.a.md.swp"), Relevance::Ignore);
    assert_eq!(c("/elsewhere/a.md"), Relevance::Ignore);
    assert_eq!(c("/lib/node_modules/pkg/a.md"), Relevance::Ignore);
    assert_eq!(c("/lib/_drafts/a.md"), Relevance::Ignore);
    assert_eq!(c("/lib/README.md"), Relevance::Ignore);
    let create_file = EventKind::Create(notify::event::CreateKind::File);
    assert_eq!(
        classify_path(root, Path::new("/lib/eu/notes.txt"), &create_file),
        Relevance::Ignore
    );
    // A vanished `2024.q1` (moved away) is reported like `2024`: the engine knows what
    // was under it. Before, its dot made it look like a file and its cases stayed.
    let moved = EventKind::Modify(ModifyKind::Name(RenameMode::From));
    for p in ["/lib/2024", "/lib/2024.q1", "/lib/eu/v1.2"] {
        assert_eq!(
            classify_path(root, Path::new(p), &moved),
            Relevance::Case,
            "{p}"
        );
    }
    let new_dir = EventKind::Create(notify::event::CreateKind::Folder);
    assert_eq!(
        classify_path(root, Path::new("/lib/2024.q1"), &new_dir),
        Relevance::Rescan
    );
    assert_eq!(c("/lib"), Relevance::Rescan);
    let rm_dir = EventKind::Remove(RemoveKind::Folder);
    assert_eq!(
        classify_path(root, Path::new("/lib/eu"), &rm_dir),
        Relevance::Rescan
    );
    let rm_file = EventKind::Remove(RemoveKind::File);
    assert_eq!(
        classify_path(root, Path::new("/lib/sedAb12"), &rm_file),
        Relevance::Ignore
    );
}

/// Collects what a watcher reports, for polling from the test thread.
struct Recorder {
    changes: Arc<Mutex<Vec<Change>>>,
}

impl Recorder {
    fn start(root: &Path) -> (Watcher, Recorder) {
        let changes = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&changes);
        let w = Watcher::new(root, move |c| {
            sink.lock().expect("recorder lock").push(c);
        })
        .expect("watcher starts");
        (w, Recorder { changes })
    }

    fn snapshot(&self) -> Vec<Change> {
        self.changes.lock().expect("recorder lock").clone()
    }

    fn changed_paths(&self) -> BTreeSet<PathBuf> {
        self.snapshot()
            .into_iter()
            .flat_map(|c| match c {
                Change::Changed(p) => p,
                Change::Rescan => vec![],
            })
            .collect()
    }

    /// Polls until `pred` holds; the deadline is generous because CI machines are slow,
    /// and no assertion depends on how long it took.
    fn wait_for(&self, what: &str, pred: impl Fn(&Recorder) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if pred(self) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("timed out waiting for {what}; saw {:?}", self.snapshot());
    }
}

fn temp_root() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().canonicalize().expect("canonical tempdir");
    (dir, root)
}

#[test]
fn reports_case_files_and_ignores_noise() {
    let (_dir, root) = temp_root();
    std::fs::create_dir(root.join(".git")).expect("mkdir");
    let (_w, rec) = Recorder::start(&root);

    // Noise first, then the real file: once the real file is reported, the noise written
    // before it has been through the same pipeline.
    for noise in [
        ".a.md.swp",
        "a.md~",
        "4913",
        ".#a.md",
        "notes.txt",
        "x.md.tmp",
    ] {
        std::fs::write(root.join(noise), "x").expect("write noise");
    }
    std::fs::write(root.join(".git").join("HEAD.md"), "x").expect("write");
    std::fs::write(root.join("a.md"), "---\nid: a\n---\n").expect("write case");

    rec.wait_for("a.md", |r| r.changed_paths().contains(&root.join("a.md")));
    let seen = rec.changed_paths();
    assert_eq!(
        seen.into_iter().collect::<Vec<_>>(),
        vec![root.join("a.md")],
        "only the case file is reported"
    );
    assert!(!rec.snapshot().contains(&Change::Rescan));
}

#[test]
fn atomic_save_reports_the_final_name() {
    let (_dir, root) = temp_root();
    std::fs::write(root.join("b.md"), "old").expect("write");
    let (_w, rec) = Recorder::start(&root);

    let tmp = root.join("b.md.tmp");
    std::fs::write(&tmp, "new").expect("write tmp");
    std::fs::rename(&tmp, root.join("b.md")).expect("rename over");

    rec.wait_for("b.md", |r| r.changed_paths().contains(&root.join("b.md")));
    assert!(!rec.changed_paths().contains(&tmp));
}

#[test]
fn a_burst_is_batched_and_deletions_are_reported() {
    let (_dir, root) = temp_root();
    std::fs::write(root.join("gone.md"), "x").expect("write");
    let (_w, rec) = Recorder::start(&root);

    let expected: BTreeSet<PathBuf> = (0..40).map(|i| root.join(format!("c{i}.md"))).collect();
    for p in &expected {
        std::fs::write(p, "x").expect("write");
    }
    std::fs::remove_file(root.join("gone.md")).expect("remove");

    rec.wait_for("all 41 paths", |r| {
        let seen = r.changed_paths();
        expected.iter().all(|p| seen.contains(p)) && seen.contains(&root.join("gone.md"))
    });
    // 41 file events written back to back must not become 41 index updates. (Bounded
    // loosely: a loaded machine may split the burst at the debounce boundary.)
    let batches = rec.snapshot().len();
    assert!(batches <= 5, "burst split into {batches} batches");
}

#[test]
fn a_new_folder_or_taxonomy_change_asks_for_a_rescan() {
    let (_dir, root) = temp_root();
    let (_w, rec) = Recorder::start(&root);
    std::fs::create_dir(root.join("japan")).expect("mkdir");
    std::fs::write(root.join("japan").join("d.md"), "x").expect("write");
    rec.wait_for("rescan after mkdir", |r| {
        r.snapshot().contains(&Change::Rescan)
    });

    let (_dir2, root2) = temp_root();
    let (_w2, rec2) = Recorder::start(&root2);
    std::fs::write(root2.join("taxonomy.yaml"), "hazard: []").expect("write");
    rec2.wait_for("rescan after taxonomy", |r| {
        r.snapshot().contains(&Change::Rescan)
    });
}

#[test]
fn missing_folder_is_an_error_not_a_panic() {
    let (_dir, root) = temp_root();
    let err = Watcher::new(&root.join("nope"), |_| {}).expect_err("must fail");
    assert_eq!(err.code(), "no_cases_folder");
}

#[test]
fn no_callback_after_drop() {
    let (_dir, root) = temp_root();
    let (w, rec) = Recorder::start(&root);
    drop(w);
    std::fs::write(root.join("late.md"), "x").expect("write");
    std::thread::sleep(Duration::from_millis(800));
    assert!(rec.snapshot().is_empty());
}
