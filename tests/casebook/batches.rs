//! Indexing in batches: parsed cases go to the index writer a batch at a time (so a large
//! library is never held in memory whole), while the checks across files still decide what
//! is searchable once the whole folder has been seen.

use super::copy_fixture;
use casebook::{Engine, SearchRequest};
use std::path::Path;

/// A valid case with `id` whose body holds `word`.
fn case(id: &str, word: &str) -> String {
    format!(
        "---\nid: {id}\ntitle: Batch case {id}\ncity: Lyon\ncountry: FR\nregion: europe/western\n\
         sectors: [water]\nmeasures: [nature-based/green]\ntype: adaptation\nstatus: ongoing\n\
         summary: A case of the batch test.\nsources:\n  - {{ title: a, url: \"https://a.example/\" }}\n  \
         - {{ title: b, url: \"https://b.example/\" }}\nupdated: 2026-12-01\n---\n## Context\n{word}.\n\
         ## What was done\n## Results\n## Costs and funding\n## Lessons and transferability\n"
    )
}

fn total(engine: &Engine, q: &str) -> u64 {
    engine.search(&SearchRequest::new(q)).expect("search").total
}

/// The path of the only hit of `q`.
fn path_of(engine: &Engine, q: &str) -> String {
    let r = engine.search(&SearchRequest::new(q)).expect("search");
    assert_eq!(r.total, 1, "{q}");
    r.hits[0].path.clone()
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write case");
}

#[test]
fn a_duplicate_id_in_a_later_batch_is_never_searchable_and_the_other_file_takes_over() {
    let cases = tempfile::tempdir().expect("tempdir");
    let data = tempfile::tempdir().expect("tempdir");
    copy_fixture("valid", cases.path());
    // More files than one batch, with the two files of one id in the first and last batch.
    write(cases.path(), "eu/aaa/twin.md", &case("twin", "quillwort"));
    for i in 0..1100 {
        write(
            cases.path(),
            &format!("eu/mmm/filler-{i:04}.md"),
            &case(&format!("filler-{i:04}"), "fillerword"),
        );
    }
    write(
        cases.path(),
        "eu/zzz/twin.md",
        &case("twin", "quillwort marshwort"),
    );
    let engine = Engine::open(cases.path(), data.path()).expect("open");
    engine.index().expect("index");
    assert_eq!(total(&engine, "fillerword"), 1100);
    // One file of the id is indexed, the other (a duplicate) is not, though both parsed: a
    // word only the other file has finds nothing.
    let shown = path_of(&engine, "quillwort");
    let first_wins = shown == "eu/aaa/twin.md";
    assert_eq!(
        total(&engine, "marshwort"),
        u64::from(!first_wins),
        "{shown}"
    );
    // The file that won goes away: the other one is indexed in its place.
    let winner = if first_wins {
        "eu/aaa/twin.md"
    } else {
        "eu/zzz/twin.md"
    };
    std::fs::remove_file(cases.path().join(winner)).expect("remove winner");
    engine.index().expect("index again");
    let other = if first_wins {
        "eu/zzz/twin.md"
    } else {
        "eu/aaa/twin.md"
    };
    assert_eq!(path_of(&engine, "quillwort"), other);
    assert_eq!(total(&engine, "marshwort"), u64::from(first_wins));
    assert_eq!(total(&engine, "fillerword"), 1100);
}
