//! Hostile and clumsy input the core must survive: files that used to hang or crash it,
//! oversized input, and folders the walk and incremental updates must treat alike.

use super::{copy_fixture, fixture};
use casebook::{Engine, SearchRequest};
use std::sync::mpsc;
use std::time::Duration;

/// A valid case file with `id`, extra front matter lines and `body`.
fn case_text(id: &str, extra: &str, body: &str) -> String {
    format!(
        "---\nid: {id}\ntitle: Test case {id}\ncity: Testville\ncountry: DK\nregion: europe/northern\n\
         programmes: []\nhazards: [flooding/pluvial]\nsectors: [water]\nmeasures: [nature-based/green]\n\
         type: adaptation\nstatus: ongoing\nstarted: 2012\nsummary: A summary.\n{extra}\
         sources:\n  - {{ title: \"A\", url: \"https://example.org/a\" }}\n  - {{ title: \"B\", url: \"https://example.net/b\" }}\n\
         updated: 2026-11-28\n---\n{body}\n"
    )
}

/// Runs `f` on another thread and fails the test if it has not returned after `secs`: a hang
/// must fail the test rather than stall the whole test run.
fn within<T: Send + 'static>(secs: u64, what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(secs))
        .unwrap_or_else(|_| panic!("{what} did not finish within {secs} s (hang)"))
}

fn library() -> (tempfile::TempDir, tempfile::TempDir) {
    let cases = tempfile::tempdir().expect("tempdir");
    copy_fixture("valid", cases.path());
    let data = tempfile::tempdir().expect("tempdir");
    (cases, data)
}

#[test]
fn an_empty_quoted_value_does_not_hang_the_source_locator() {
    let (cases, data) = library();
    std::fs::write(
        cases.path().join("empty-url.md"),
        "---\nid: empty-url\ntitle: T\ncity: C\ncountry: DK\nregion: europe/northern\n\
         sectors: [water]\nmeasures: [nature-based/green]\ntype: adaptation\nstatus: ongoing\n\
         summary: S\n\"sources\": [{title: x, url: \"\"}]\nupdated: 2026-11-28\n---\n## Context\n",
    )
    .expect("write");
    let (c, d) = (cases.path().to_path_buf(), data.path().to_path_buf());
    let diags = within(60, "indexing a file with an empty URL", move || {
        let engine = Engine::open(&c, &d).expect("open");
        engine.index().expect("index");
        engine.diagnostics()
    });
    let d = diags
        .iter()
        .find(|d| d.path == "empty-url.md" && d.message.contains("not an http(s) address"))
        .unwrap_or_else(|| panic!("no URL diagnostic: {diags:?}"));
    assert!(d.line > 0, "{d:?}");
}

#[test]
fn non_ascii_spaces_before_a_hit_do_not_break_snippets() {
    let (cases, data) = library();
    let lead = "word ".repeat(12);
    for (i, space) in ['\u{3000}', '\u{a0}', '\u{2003}'].iter().enumerate() {
        let body = format!("## Context\n\n{lead}x{space}culvertsnippet{space}and more text after.");
        std::fs::write(
            cases.path().join(format!("space-{i}.md")),
            case_text(&format!("space-{i}"), "", &body),
        )
        .expect("write");
    }
    std::fs::write(
        cases.path().join("space-ja.md"),
        case_text(
            "space-ja",
            "",
            &format!(
                "## Context\n\n{}\u{3000}culvertsnippet。",
                "東京都の対策".repeat(10)
            ),
        ),
    )
    .expect("write");
    let engine = Engine::open(cases.path(), data.path()).expect("open");
    engine.index().expect("index");
    let r = engine
        .search(&SearchRequest::new("culvertsnippet"))
        .expect("search");
    assert_eq!(r.total, 4, "{r:?}");
    for h in &r.hits {
        assert!(
            h.snippet.contains("<mark>culvertsnippet</mark>"),
            "{}",
            h.snippet
        );
    }
}

#[test]
fn an_oversized_file_is_refused_without_reading_it() {
    let (cases, data) = library();
    // A sparse file far larger than memory: reading it whole would fail or exhaust memory.
    let big = cases.path().join("huge.md");
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(1 << 40).expect("sparse file");
    drop(f);
    let engine = Engine::open(cases.path(), data.path()).expect("open");
    let report = engine.index().expect("index");
    assert_eq!(report.invalid, 1, "{report:?}");
    let diags = engine.diagnostics();
    let d = diags
        .iter()
        .find(|d| d.path == "huge.md")
        .unwrap_or_else(|| panic!("no diagnostic for huge.md: {diags:?}"));
    assert!(
        d.message.contains("limit for a case file") && d.message.contains("1099511627776"),
        "{d:?}"
    );
}

#[test]
fn an_overlong_query_is_refused_with_a_clear_message() {
    let (cases, data) = library();
    let engine = Engine::open(cases.path(), data.path()).expect("open");
    engine.index().expect("index");
    let long = "flood~ heat* \"a b\" ".repeat(2000);
    let err = engine
        .search(&SearchRequest::new(&long))
        .expect_err("a 40k-character query is refused");
    assert_eq!(err.code(), "invalid_argument");
    assert!(err.to_string().contains("query is too long"), "{err}");
    // A long but reasonable query still works.
    let ok = "cloudburst ".repeat(20);
    engine.search(&SearchRequest::new(&ok)).expect("search");
}

#[test]
fn a_watcher_update_under_node_modules_is_ignored_like_the_walk_does() {
    let (cases, data) = library();
    let engine = Engine::open(cases.path(), data.path()).expect("open");
    let first = engine.index().expect("index");
    let nm = cases.path().join("node_modules").join("pkg");
    std::fs::create_dir_all(&nm).expect("mkdir");
    let file = nm.join("nm-case.md");
    std::fs::write(
        &file,
        case_text("nm-case", "", "## Context\n\nnodemodulesword"),
    )
    .expect("w");
    engine.update_paths(&[file]).expect("update");
    let r = engine
        .search(&SearchRequest::new("nodemodulesword"))
        .expect("search");
    assert_eq!(r.total, 0, "a file under node_modules was indexed: {r:?}");
    assert_eq!(engine.library_info().docs, first.indexed as u64);
    // The same file outside node_modules is indexed by the same kind of update.
    let outside = cases.path().join("nm-case.md");
    std::fs::write(
        &outside,
        case_text("nm-case", "", "## Context\n\nnodemodulesword"),
    )
    .expect("w");
    engine.update_paths(&[outside]).expect("update");
    let r = engine
        .search(&SearchRequest::new("nodemodulesword"))
        .expect("search");
    assert_eq!(r.total, 1, "{r:?}");
}

#[test]
fn deleting_a_folder_with_a_dot_in_its_name_removes_its_cases() {
    let (cases, data) = library();
    let dotted = cases.path().join("2024.q1");
    std::fs::create_dir_all(&dotted).expect("mkdir");
    std::fs::write(
        dotted.join("dotted-case.md"),
        case_text("dotted-case", "", "## Context\n\ndottedfolderword"),
    )
    .expect("write");
    let engine = Engine::open(cases.path(), data.path()).expect("open");
    engine.index().expect("index");
    let q = SearchRequest::new("dottedfolderword");
    assert_eq!(engine.search(&q).expect("search").total, 1);
    std::fs::remove_dir_all(&dotted).expect("rm");
    // The watcher reports the folder itself when it is deleted.
    engine.update_paths(&[dotted]).expect("update");
    assert_eq!(
        engine.search(&q).expect("search").total,
        0,
        "cases of a deleted `2024.q1/` folder stay in the index"
    );
}

#[test]
fn footnote_links_keep_their_targets() {
    let (cases, data) = library();
    std::fs::write(
        cases.path().join("footnotes.md"),
        case_text(
            "footnotes",
            "",
            "## Context\n\nA claim.[^1]\n\n[^1]: The source of the claim.\n",
        ),
    )
    .expect("write");
    let engine = Engine::open(cases.path(), data.path()).expect("open");
    engine.index().expect("index");
    let html = engine.case("footnotes", None).expect("case").html;
    let href = html
        .split("href=\"#")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_else(|| panic!("no footnote link: {html}"));
    assert!(
        html.contains(&format!("id=\"{href}\"")),
        "footnote target `{href}` missing: {html}"
    );
}

/// Inputs found by `scripts/fuzz`, kept as fixtures in `tests/fixtures/fuzz/`: each must load
/// without a panic or hang, with every diagnostic inside the file.
#[test]
fn fuzz_findings_load_cleanly() {
    let dir = fixture("fuzz");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz fixtures") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        let name = path.display().to_string();
        let loaded = within(60, &name, move || {
            casebook::library::load_bytes("eu/fuzz.md", &bytes, 0, None)
        });
        // Line breaks as YAML and editors count them: LF, CRLF and a lone CR.
        let raw = std::fs::read(&path).expect("read");
        let lone_cr = raw
            .windows(2)
            .filter(|w| w[0] == b'\r' && w[1] != b'\n')
            .count();
        let lines = raw.iter().filter(|&&b| b == b'\n').count() + lone_cr + 1;
        for d in &loaded.diagnostics {
            assert!(d.line <= lines, "{name}: {d:?} is past line {lines}");
        }
        // As a body, too: the markdown renderer and sanitizer must take it.
        let body = String::from_utf8_lossy(&raw).to_string();
        let html = within(60, &name, move || {
            casebook::markdown::render(&body, "eu/fuzz.md").html
        });
        let lower = html.to_ascii_lowercase();
        assert!(!lower.contains("<script"), "{name}: {html}");
        // Links inside tags (text escapes `<`, so each `<` opens a tag).
        let tags = lower
            .split('<')
            .skip(1)
            .map(|t| t.split('>').next().unwrap_or(""));
        for href in tags.flat_map(|t| t.split("href=\"").skip(1)) {
            let href = href.split('"').next().unwrap_or("");
            assert!(
                !href.contains("script:"),
                "{name}: link `{href}` survived: {html}"
            );
        }
        seen += 1;
    }
    assert!(seen > 0);
}

/// Found by the property test: an edit that keeps the file's size within the same second as
/// the previous read was taken for "unchanged" (times have one-second resolution).
#[test]
fn a_same_size_edit_within_the_second_is_seen() {
    let (cases, data) = library();
    let file = cases.path().join("same-size.md");
    std::fs::write(&file, case_text("same-size", "", "## Context\n\nalphaword")).expect("w");
    let engine = Engine::open(cases.path(), data.path()).expect("open");
    engine.index().expect("index");
    std::fs::write(&file, case_text("same-size", "", "## Context\n\nbetaxword")).expect("w");
    engine
        .update_paths(std::slice::from_ref(&file))
        .expect("update");
    let total = |q: &str| engine.search(&SearchRequest::new(q)).expect("search").total;
    assert_eq!((total("alphaword"), total("betaxword")), (0, 1));
    // A full scan right after the edit sees it too.
    std::fs::write(&file, case_text("same-size", "", "## Context\n\ngammaword")).expect("w");
    engine.index().expect("index");
    assert_eq!((total("betaxword"), total("gammaword")), (0, 1));
}
