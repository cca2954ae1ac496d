//! Tests of collections, notes and exports against a copy of the `valid` fixture library.

use super::export::{Format, Options};
use super::*;
use std::path::Path;

pub(super) struct Lib {
    pub(super) cases: tempfile::TempDir,
    pub(super) data: tempfile::TempDir,
    pub(super) engine: Engine,
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let rel = entry.path().strip_prefix(from).expect("inside");
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &dest).expect("copy");
        }
    }
}

pub(super) fn lib() -> Lib {
    let cases = tempfile::tempdir().expect("tempdir");
    let data = tempfile::tempdir().expect("tempdir");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid"),
        cases.path(),
    );
    let engine = Engine::open(cases.path(), data.path()).expect("open");
    engine.index().expect("index");
    Lib {
        cases,
        data,
        engine,
    }
}

fn ids(e: &Engine, id: i64) -> Vec<String> {
    e.collection(id, None)
        .expect("collection")
        .items
        .into_iter()
        .map(|i| i.id)
        .collect()
}

pub(super) fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

#[test]
fn create_rename_describe_delete_and_restore() {
    let l = lib();
    let e = &l.engine;
    assert!(e.collections().expect("list").is_empty());
    let c = e
        .create_collection("  Heat workshop ", "For the July session")
        .expect("create");
    assert_eq!(c.name, "Heat workshop");
    assert_eq!(c.count, 0);
    e.add_to_collection(c.id, &s(&["copenhagen-cloudburst", "edogawa-hazard-map"]))
        .expect("add");
    let r = e.rename_collection(c.id, "Floods").expect("rename");
    assert_eq!(r.name, "Floods");
    assert_eq!(e.find_collection("floods").expect("find").id, c.id);
    let d = e.describe_collection(c.id, "New text").expect("describe");
    assert_eq!(d.description, "New text");
    assert_eq!(d.count, 2);
    // Renaming to its own name in another case is allowed.
    e.rename_collection(c.id, "FLOODS").expect("same name");

    let snapshot = e.delete_collection(c.id).expect("delete");
    assert!(e.collections().expect("list").is_empty());
    assert!(matches!(
        e.collection(c.id, None),
        Err(Error::NoCollection(_))
    ));
    // Undo: the snapshot brings it back with its items in order.
    let back = e.restore_collection(&snapshot).expect("restore");
    assert!(back.missing.is_empty());
    assert_eq!(
        ids(e, back.collection.id),
        s(&["copenhagen-cloudburst", "edogawa-hazard-map"])
    );
}

#[test]
fn bad_names_are_refused_and_nothing_is_written() {
    let l = lib();
    let e = &l.engine;
    let c = e.create_collection("Heat", "").expect("create");
    for bad in ["", "   ", "a\nb", &"x".repeat(MAX_NAME_CHARS + 1)] {
        let err = e.create_collection(bad, "").expect_err(bad);
        assert_eq!(err.code(), "invalid_argument", "{bad:?}: {err}");
    }
    let err = e.create_collection("heat", "").expect_err("duplicate");
    assert!(err.to_string().contains("already exists"), "{err}");
    let other = e.create_collection("Other", "").expect("create");
    let err = e
        .rename_collection(other.id, "HEAT")
        .expect_err("duplicate rename");
    assert!(err.to_string().contains("already exists"), "{err}");
    assert!(e.rename_collection(other.id, "").is_err());
    let names: Vec<String> = e
        .collections()
        .expect("list")
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names, s(&["Heat", "Other"]));
    assert!(matches!(
        e.rename_collection(999, "X"),
        Err(Error::NoCollection(_))
    ));
    assert!(matches!(
        e.find_collection("nope"),
        Err(Error::NoCollection(_))
    ));
    assert!(
        e.describe_collection(c.id, &"d".repeat(MAX_NOTE_BYTES + 1))
            .is_err()
    );
    // HTML in a name is kept as text, not refused and not altered.
    let h = e
        .create_collection("<b>Bold</b> & <script>x()</script>", "")
        .expect("html");
    assert_eq!(h.name, "<b>Bold</b> & <script>x()</script>");
}

#[test]
fn add_remove_move_and_notes() {
    let l = lib();
    let e = &l.engine;
    let c = e.create_collection("W", "").expect("create");
    e.add_to_collection(
        c.id,
        &s(&[
            "copenhagen-cloudburst",
            "lahti-coal-exit",
            "edogawa-hazard-map",
        ]),
    )
    .expect("add");
    e.add_to_collection(c.id, &s(&["vienna-annual-ticket"]))
        .expect("add one");
    assert_eq!(
        ids(e, c.id),
        s(&[
            "copenhagen-cloudburst",
            "lahti-coal-exit",
            "edogawa-hazard-map",
            "vienna-annual-ticket"
        ])
    );
    e.move_in_collection(c.id, "vienna-annual-ticket", 0)
        .expect("move");
    e.move_in_collection(c.id, "copenhagen-cloudburst", 3)
        .expect("move last");
    assert_eq!(
        ids(e, c.id),
        s(&[
            "vienna-annual-ticket",
            "lahti-coal-exit",
            "edogawa-hazard-map",
            "copenhagen-cloudburst"
        ])
    );
    e.remove_from_collection(c.id, "lahti-coal-exit")
        .expect("remove");
    e.set_item_note(c.id, "edogawa-hazard-map", "Ask about evacuation 避難")
        .expect("note");
    let v = e.collection(c.id, Some("ja")).expect("view");
    assert_eq!(v.items.len(), 3);
    assert_eq!(v.collection.count, 3);
    let edo = &v.items[1];
    assert_eq!(edo.note, "Ask about evacuation 避難");
    assert_eq!(edo.title, "洪水ハザードマップと広域避難");
    assert_eq!(edo.lang, "ja");
    assert!(!edo.missing);
    // An English item falls back to English in a Japanese view.
    assert_eq!(v.items[0].lang, "en");
    assert_eq!(
        e.collected_case_ids().expect("ids"),
        s(&[
            "copenhagen-cloudburst",
            "edogawa-hazard-map",
            "vienna-annual-ticket"
        ])
    );
}

#[test]
fn bad_item_operations_change_nothing() {
    let l = lib();
    let e = &l.engine;
    let c = e.create_collection("W", "").expect("create");
    e.add_to_collection(c.id, &s(&["copenhagen-cloudburst"]))
        .expect("add");
    let before = e.collection(c.id, None).expect("view");
    // One unknown id in a batch: none of the batch is added.
    let err = e
        .add_to_collection(c.id, &s(&["lahti-coal-exit", "no-such-case"]))
        .expect_err("unknown");
    assert!(
        matches!(err, Error::NotFound(ref id) if id == "no-such-case"),
        "{err}"
    );
    assert!(e.add_to_collection(c.id, &s(&["Bad Id!"])).is_err());
    let err = e
        .add_to_collection(c.id, &s(&["copenhagen-cloudburst"]))
        .expect_err("twice");
    assert!(err.to_string().contains("already in"), "{err}");
    assert!(matches!(
        e.add_to_collection(42, &s(&["lahti-coal-exit"])),
        Err(Error::NoCollection(_))
    ));
    assert!(e.remove_from_collection(c.id, "lahti-coal-exit").is_err());
    assert!(
        e.move_in_collection(c.id, "copenhagen-cloudburst", 1)
            .is_err()
    );
    assert!(e.move_in_collection(c.id, "lahti-coal-exit", 0).is_err());
    let megabyte = "n".repeat(1_000_000);
    let err = e
        .set_item_note(c.id, "copenhagen-cloudburst", &megabyte)
        .expect_err("1 MB note");
    assert!(err.to_string().contains("KiB"), "{err}");
    assert!(e.set_item_note(c.id, "lahti-coal-exit", "x").is_err());
    let after = e.collection(c.id, None).expect("view");
    assert_eq!(before.items, after.items);
    // The largest note that is kept.
    e.set_item_note(c.id, "copenhagen-cloudburst", &"n".repeat(MAX_NOTE_BYTES))
        .expect("max note");
}

#[test]
fn personal_notes() {
    let l = lib();
    let e = &l.engine;
    assert_eq!(e.note("lahti-coal-exit").expect("none"), "");
    e.set_note("lahti-coal-exit", "Compare with Espoo")
        .expect("set");
    assert_eq!(
        e.note("lahti-coal-exit").expect("get"),
        "Compare with Espoo"
    );
    assert_eq!(e.noted_case_ids().expect("ids"), s(&["lahti-coal-exit"]));
    assert!(matches!(
        e.set_note("no-such-case", "x"),
        Err(Error::NotFound(_))
    ));
    assert!(
        e.set_note("lahti-coal-exit", &"n".repeat(1_000_000))
            .is_err()
    );
    assert!(e.note("../etc").is_err());
    assert_eq!(
        e.note("lahti-coal-exit").expect("kept"),
        "Compare with Espoo"
    );
    e.set_note("lahti-coal-exit", "").expect("clear");
    assert_eq!(e.note("lahti-coal-exit").expect("cleared"), "");
    assert!(e.noted_case_ids().expect("ids").is_empty());
}

#[test]
fn a_case_that_leaves_the_library_stays_as_missing_and_all_survives_a_reopen() {
    let l = lib();
    let id = {
        let e = &l.engine;
        let c = e.create_collection("W", "").expect("create");
        e.add_to_collection(c.id, &s(&["lahti-coal-exit", "vienna-annual-ticket"]))
            .expect("add");
        e.set_item_note(c.id, "lahti-coal-exit", "keep me")
            .expect("note");
        e.set_note("vienna-annual-ticket", "mine").expect("note");
        std::fs::remove_file(l.cases.path().join("eu/lahti-coal-exit.md")).expect("rm");
        e.index().expect("reindex");
        c.id
    };
    drop(l.engine);
    let e = Engine::open(l.cases.path(), l.data.path()).expect("reopen");
    e.index().expect("index");
    let v = e.collection(id, None).expect("view");
    assert_eq!(v.items.len(), 2);
    let lahti = &v.items[0];
    assert!(lahti.missing);
    assert_eq!(lahti.title, "Coal Exit with a Bioenergy Heating Plant");
    assert_eq!(lahti.note, "keep me");
    assert!(!v.items[1].missing);
    assert_eq!(e.note("vienna-annual-ticket").expect("note"), "mine");
    // The missing case is still exported, marked as missing.
    let csv = e
        .export_collection(id, &Options::new(Format::Csv, "en").expect("options"))
        .expect("csv");
    let csv = String::from_utf8(csv).expect("utf8");
    assert!(csv.contains("\"(not in this library)\""), "{csv}");
}

#[test]
fn portable_round_trip_and_missing_ids() {
    let l = lib();
    let e = &l.engine;
    let c = e
        .create_collection("Exchange day", "EU-Japan")
        .expect("create");
    e.add_to_collection(c.id, &s(&["edogawa-hazard-map", "copenhagen-cloudburst"]))
        .expect("add");
    e.set_item_note(c.id, "copenhagen-cloudburst", "=start here")
        .expect("note");
    let bytes = e
        .export_collection(c.id, &Options::new(Format::Collection, "en").expect("o"))
        .expect("export");
    let file: portable::PortableCollection = serde_json::from_slice(&bytes).expect("json");
    assert_eq!(file.format, portable::FORMAT);
    assert_eq!(file.items[1].note, "=start here");
    assert_eq!(
        file.items[0].title,
        "Flood Hazard Map and Wide-area Evacuation"
    );

    let err = e
        .import_collection("x.json", &bytes, None)
        .expect_err("name taken");
    assert!(err.to_string().contains("already exists"), "{err}");
    let r = e
        .import_collection("x.json", &bytes, Some("Copy"))
        .expect("import");
    assert!(r.missing.is_empty());
    let copy = e.collection(r.collection.id, None).expect("copy");
    let orig = e.collection(c.id, None).expect("orig");
    assert_eq!(copy.items, orig.items);
    assert_eq!(copy.collection.description, "EU-Japan");

    // A colleague's file with a case this library lacks: imported, reported, shown missing.
    let mut theirs = file.clone();
    theirs.name = "Theirs".into();
    theirs.items.push(portable::PortableItem {
        id: "oslo-heat-plan".into(),
        title: "Oslo Heat Plan".into(),
        note: String::new(),
    });
    let bytes = serde_json::to_vec(&theirs).expect("json");
    let r = e
        .import_collection("theirs.json", &bytes, None)
        .expect("import");
    assert_eq!(r.missing, s(&["oslo-heat-plan"]));
    let v = e.collection(r.collection.id, None).expect("view");
    assert!(v.items[2].missing);
    assert_eq!(v.items[2].title, "Oslo Heat Plan");
}

#[test]
fn hostile_imports_are_refused_and_write_nothing() {
    let l = lib();
    let e = &l.engine;
    e.create_collection("Mine", "").expect("create");
    let item = |id: &str| format!(r#"{{"id":"{id}","title":"t","note":""}}"#);
    let file = |name: &str, items: &str| {
        format!(
            r#"{{"format":"casebook-collection","version":1,"name":"{name}","items":[{items}]}}"#
        )
    };
    let many: Vec<String> = (0..100_000).map(|i| item(&format!("case-{i}"))).collect();
    let cases: Vec<(&str, String)> = vec![
        ("not json", "<html>".to_string()),
        (
            "wrong type",
            r#"{"format":"casebook-collection","version":1,"name":"A","items":"x"}"#.into(),
        ),
        (
            "name a number",
            r#"{"format":"casebook-collection","version":1,"name":5,"items":[]}"#.into(),
        ),
        (
            "other format",
            r#"{"format":"x","version":1,"name":"A","items":[]}"#.into(),
        ),
        (
            "newer version",
            r#"{"format":"casebook-collection","version":2,"name":"A","items":[]}"#.into(),
        ),
        ("empty name", file("", "")),
        ("taken name", file("MINE", "")),
        ("bad id", file("A", &item("../../etc/passwd"))),
        (
            "twice",
            file(
                "A",
                &format!("{},{}", item("lahti-coal-exit"), item("lahti-coal-exit")),
            ),
        ),
        ("100k items", file("A", &many.join(","))),
        (
            "huge note",
            file(
                "A",
                &format!(
                    r#"{{"id":"lahti-coal-exit","note":"{}"}}"#,
                    "n".repeat(1_000_000)
                ),
            ),
        ),
    ];
    for (what, text) in cases {
        let err = e
            .import_collection("in.casebook-collection.json", text.as_bytes(), None)
            .expect_err(what);
        assert!(
            err.to_string().contains("in.casebook-collection.json") || what == "taken name",
            "{what}: {err}"
        );
        assert_eq!(err.code(), "invalid_argument", "{what}: {err}");
    }
    let err = e
        .import_collection("in.json", b"{\n  \"format\": 3\n}", None)
        .expect_err("type");
    assert!(err.to_string().starts_with("in.json:2:"), "{err}");
    let too_big = vec![b' '; portable::MAX_FILE_BYTES + 1];
    assert!(e.import_collection("big.json", &too_big, None).is_err());
    let names: Vec<String> = e
        .collections()
        .expect("list")
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names, s(&["Mine"]));
    // HTML in a name imports as text.
    let ok = file("<img src=x onerror=alert(1)>", &item("lahti-coal-exit"));
    let r = e
        .import_collection("ok.json", ok.as_bytes(), None)
        .expect("import");
    assert_eq!(r.collection.name, "<img src=x onerror=alert(1)>");
}

#[test]
fn comparison_puts_cases_side_by_side_with_body_sections() {
    let l = lib();
    let e = &l.engine;
    let cmp = e
        .comparison(
            &s(&[
                "rotterdam-water-square",
                "copenhagen-cloudburst",
                "rotterdam-water-square",
            ]),
            "en",
        )
        .expect("compare");
    // A repeated id counts once.
    assert_eq!(cmp.cases.len(), 2);
    let row = |k: &str| cmp.rows.iter().find(|r| r.key == k).expect(k).clone();
    assert_eq!(row("city").values, ["Rotterdam", "Copenhagen"]);
    assert!(!row("city").same);
    assert_eq!(row("type").values[0], "Adaptation");
    assert!(!row("costs").values[0].is_empty(), "{cmp:?}");
    assert!(!row("lessons").values[1].is_empty(), "{cmp:?}");
    let keys: Vec<&str> = cmp.rows.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "city",
            "country",
            "population",
            "programmes",
            "type",
            "status",
            "years",
            "hazards",
            "sectors",
            "measures",
            "outcomes",
            "costs",
            "lessons"
        ]
    );
    // A missing case is a column of its own; a wrong count or language is refused.
    let with_missing = e
        .comparison(&s(&["rotterdam-water-square", "gone-case"]), "ja")
        .expect("compare with a missing case");
    assert!(with_missing.cases[1].missing);
    assert_eq!(with_missing.rows[0].label, "都市");
    for bad in [
        s(&["rotterdam-water-square"]),
        s(&["a", "b", "c", "d", "e"]),
        s(&["rotterdam-water-square", "../etc"]),
    ] {
        assert!(
            matches!(e.comparison(&bad, "en"), Err(Error::InvalidArgument(_))),
            "{bad:?}"
        );
    }
    assert!(e.comparison(&s(&["a", "b"]), "fr").is_err());
}
