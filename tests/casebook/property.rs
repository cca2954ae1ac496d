//! Property: whatever sequence of creates, edits, renames and deletes a curator (or a sync
//! tool) makes, and however the watcher reports them, the incrementally updated index answers
//! like a fresh full index of the same folder: same hits, same totals, same facet counts.

use casebook::{Engine, SearchRequest, SearchResponse};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const SLOTS: usize = 6;
const WORDS: [&str; 6] = [
    "cloudburst",
    "heatwave",
    "tram",
    "solar",
    "洪水",
    "retrofit",
];
const HAZARDS: [&str; 3] = ["flooding/pluvial", "extreme-heat", "flooding/river"];

/// Where slot `i` lives: English and Japanese files in two folders (one with a dot).
fn slot_path(i: usize) -> String {
    match i % 3 {
        0 => format!("eu/s{i}.md"),
        1 => format!("2024.q1/s{i}.md"),
        _ => format!("eu/s{}.ja.md", i - 2),
    }
}

#[derive(Debug, Clone)]
enum Op {
    /// Writes the slot (creating or overwriting it) with this content variant.
    Write(usize, u8),
    /// Moves the slot's file to another (free) slot.
    Rename(usize, usize),
    /// Deletes the slot's file.
    Delete(usize),
    /// Deletes the `2024.q1` folder with everything in it.
    DropFolder,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..SLOTS, any::<u8>()).prop_map(|(s, v)| Op::Write(s, v)),
        2 => (0..SLOTS, 0..SLOTS).prop_map(|(a, b)| Op::Rename(a, b)),
        2 => (0..SLOTS).prop_map(Op::Delete),
        1 => Just(Op::DropFolder),
    ]
}

/// A case file; `v` picks the id (so duplicates happen), words, hazard and validity.
fn content(v: u8) -> String {
    let id = format!("case-{}", v % 4);
    let word = WORDS[usize::from(v / 4) % WORDS.len()];
    let hazard = HAZARDS[usize::from(v / 3) % HAZARDS.len()];
    // One variant in eight is invalid (no sectors): it must be left out either way.
    let sectors = if v % 8 == 7 { "[]" } else { "[water]" };
    format!(
        "---\nid: {id}\ntitle: {word} plan {v}\ncity: Testville\ncountry: DK\nregion: europe/northern\n\
         programmes: []\nhazards: [{hazard}]\nsectors: {sectors}\nmeasures: [nature-based/green]\n\
         type: adaptation\nstatus: ongoing\nstarted: {}\nsummary: A {word} summary.\n\
         sources:\n  - {{ title: \"A\", url: \"https://example.org/a\" }}\n\
         updated: 2026-11-28\n---\n## Context\n\nBody about {word} number {v}.\n",
        2000 + u32::from(v % 20)
    )
}

fn abs(root: &Path, rel: &str) -> PathBuf {
    rel.split('/').fold(root.to_path_buf(), |p, s| p.join(s))
}

/// Applies `op` to the folder; returns the paths a watcher would report.
fn apply(root: &Path, op: &Op) -> Vec<PathBuf> {
    match *op {
        Op::Write(s, v) => {
            let p = abs(root, &slot_path(s));
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(&p, content(v)).expect("write");
            vec![p]
        }
        Op::Rename(a, b) => {
            let (from, to) = (abs(root, &slot_path(a)), abs(root, &slot_path(b)));
            if a == b || !from.exists() || to.exists() {
                return vec![];
            }
            std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
            std::fs::rename(&from, &to).expect("rename");
            vec![from, to]
        }
        Op::Delete(s) => {
            let p = abs(root, &slot_path(s));
            if std::fs::remove_file(&p).is_err() {
                return vec![];
            }
            vec![p]
        }
        Op::DropFolder => {
            let d = root.join("2024.q1");
            if std::fs::remove_dir_all(&d).is_err() {
                return vec![];
            }
            // The watcher reports the vanished folder itself.
            vec![d]
        }
    }
}

/// What must agree: the hits as a set (order may differ: BM25 statistics count deleted
/// documents until segments merge) and every facet count.
fn view(r: &SearchResponse) -> (u64, BTreeSet<(String, String, String)>, String) {
    let hits = r
        .hits
        .iter()
        .map(|h| (h.id.clone(), h.lang.clone(), h.path.clone()))
        .collect();
    let facets = format!("{:?}", r.facets);
    (r.total, hits, facets)
}

fn queries() -> Vec<SearchRequest> {
    let mut out: Vec<SearchRequest> = [
        "",
        "cloudburst",
        "plan",
        "洪水",
        "heatwave OR tram",
        "-solar",
    ]
    .iter()
    .map(|q| {
        let mut r = SearchRequest::new(*q);
        r.limit = 100;
        r
    })
    .collect();
    let mut f = SearchRequest::new("").filter("hazard", "flooding");
    f.limit = 100;
    out.push(f);
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn incremental_updates_equal_a_fresh_rebuild(ops in proptest::collection::vec(op(), 1..14)) {
        let cases = tempfile::tempdir().expect("tempdir");
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/taxonomy.yaml"),
            cases.path().join("taxonomy.yaml"),
        )
        .expect("taxonomy");
        std::fs::create_dir_all(cases.path().join("eu")).expect("mkdir");
        let data = tempfile::tempdir().expect("tempdir");
        let live = Engine::open(cases.path(), data.path()).expect("open");
        live.index().expect("first index");
        for op in &ops {
            let reported = apply(cases.path(), op);
            if !reported.is_empty() {
                live.update_paths(&reported).expect("update");
            }
        }
        let fresh_data = tempfile::tempdir().expect("tempdir");
        let fresh = Engine::open(cases.path(), fresh_data.path()).expect("open fresh");
        fresh.index().expect("fresh index");
        for q in queries() {
            let a = view(&live.search(&q).expect("search live"));
            let b = view(&fresh.search(&q).expect("search fresh"));
            prop_assert_eq!(a, b, "query {:?} after {:?}", q.query, ops);
        }
        prop_assert_eq!(live.library_info().docs, fresh.library_info().docs);
        prop_assert_eq!(live.library_info().cases, fresh.library_info().cases);
        prop_assert_eq!(live.diagnostics(), fresh.diagnostics());
    }
}
