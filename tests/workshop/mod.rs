//! The `casebook collection`, `note` and export commands against a copy of the `valid`
//! fixture library, and the portable collection files in `tests/fixtures/collections/`.

use super::{copy_fixture, fixture, json, stdout};
use std::path::Path;
use std::process::Output;

/// A writable library and data folder.
struct Lab {
    cases: tempfile::TempDir,
    data: tempfile::TempDir,
}

impl Lab {
    fn new() -> Lab {
        let cases = tempfile::tempdir().expect("tempdir");
        copy_fixture("valid", cases.path());
        Lab {
            cases,
            data: tempfile::tempdir().expect("tempdir"),
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--cases", self.cases.path().to_str().expect("utf8")]);
        super::casebook(&all, self.data.path())
    }

    /// Runs and asserts success.
    fn ok(&self, args: &[&str]) -> Output {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Runs and asserts a one-line error with exit code 2.
    fn refused(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("casebook: "), "{err}");
        err
    }

    fn show(&self, name: &str) -> serde_json::Value {
        json(&self.ok(&["collection", "show", name, "--json"]))
    }
}

fn item_ids(view: &serde_json::Value) -> Vec<String> {
    view["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["id"].as_str().expect("id").to_string())
        .collect()
}

#[test]
fn collection_commands_round_trip() {
    let lab = Lab::new();
    lab.ok(&[
        "collection",
        "new",
        "Heat workshop",
        "--description",
        "July",
    ]);
    lab.ok(&[
        "collection",
        "add",
        "heat workshop",
        "copenhagen-cloudburst",
        "edogawa-hazard-map",
        "vienna-annual-ticket",
    ]);
    lab.ok(&[
        "collection",
        "move",
        "Heat workshop",
        "vienna-annual-ticket",
        "1",
    ]);
    lab.ok(&[
        "collection",
        "note",
        "Heat workshop",
        "edogawa-hazard-map",
        "Start with the map",
    ]);
    let list = json(&lab.ok(&["collection", "list", "--json"]));
    assert_eq!(list[0]["name"], "Heat workshop");
    assert_eq!(list[0]["count"], 3);
    let view = lab.show("Heat workshop");
    assert_eq!(
        item_ids(&view),
        [
            "vienna-annual-ticket",
            "copenhagen-cloudburst",
            "edogawa-hazard-map"
        ]
    );
    assert_eq!(view["items"][2]["note"], "Start with the map");
    let ja = json(&lab.ok(&[
        "collection",
        "show",
        "Heat workshop",
        "--lang",
        "ja",
        "--json",
    ]));
    assert_eq!(ja["items"][2]["title"], "洪水ハザードマップと広域避難");
    let text = stdout(&lab.ok(&["collection", "show", "Heat workshop"]));
    assert!(
        text.contains("  3. Flood Hazard Map and Wide-area Evacuation"),
        "{text}"
    );
    assert!(text.contains("> Start with the map"), "{text}");

    lab.ok(&["collection", "rm", "Heat workshop", "vienna-annual-ticket"]);
    lab.ok(&["collection", "rename", "Heat workshop", "Floods"]);
    assert_eq!(
        item_ids(&lab.show("Floods")),
        ["copenhagen-cloudburst", "edogawa-hazard-map"]
    );

    // CSV for a spreadsheet.
    let out = lab.data.path().join("floods.csv");
    let o = out.to_str().expect("utf8");
    lab.ok(&[
        "collection",
        "export",
        "Floods",
        "--format",
        "csv",
        "--out",
        o,
        "--lang",
        "ja",
    ]);
    let csv = std::fs::read_to_string(&out).expect("csv");
    assert!(csv.starts_with('\u{feff}'));
    assert_eq!(csv.matches("\r\n").count(), 3, "{csv}");
    assert!(csv.contains("\"洪水ハザードマップと広域避難\""), "{csv}");
    assert!(csv.contains("\"Start with the map\""), "{csv}");

    // JSON.
    let out = lab.data.path().join("floods.json");
    let o = out.to_str().expect("utf8");
    lab.ok(&[
        "collection",
        "export",
        "Floods",
        "--format",
        "json",
        "--out",
        o,
    ]);
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out).expect("read")).expect("json");
    assert_eq!(v["cases"][1]["id"], "edogawa-hazard-map");

    // The portable file, deleted and imported back.
    let out = lab.data.path().join("floods.casebook-collection.json");
    let o = out.to_str().expect("utf8");
    lab.ok(&[
        "collection",
        "export",
        "Floods",
        "--format",
        "collection",
        "--out",
        o,
    ]);
    lab.ok(&["collection", "delete", "Floods"]);
    assert_eq!(
        json(&lab.ok(&["collection", "list", "--json"])),
        serde_json::json!([])
    );
    let report = json(&lab.ok(&["collection", "import", o, "--json"]));
    assert_eq!(report["collection"]["name"], "Floods");
    assert_eq!(report["missing"], serde_json::json!([]));
    let view = lab.show("Floods");
    assert_eq!(
        item_ids(&view),
        ["copenhagen-cloudburst", "edogawa-hazard-map"]
    );
    assert_eq!(view["items"][1]["note"], "Start with the map");

    // Personal notes.
    lab.ok(&["note", "lahti-coal-exit", "Compare with Espoo"]);
    assert_eq!(
        stdout(&lab.ok(&["note", "lahti-coal-exit"])).trim(),
        "Compare with Espoo"
    );
}

#[test]
#[cfg_attr(
    windows,
    ignore = "Wine has no system fonts for the handout (Windows itself has Arial and Yu Gothic)"
)]
fn importing_a_colleagues_file_reports_what_is_missing_and_keeps_html_as_text() {
    let lab = Lab::new();
    let file = fixture("collections/html-and-unknown.casebook-collection.json");
    let out = lab.ok(&["collection", "import", file.to_str().expect("utf8")]);
    let text = stdout(&out);
    assert!(text.contains("oslo-heat-plan"), "{text}");
    let view = lab.show("<script>alert('x')</script> Exchange day");
    assert_eq!(
        view["collection"]["description"],
        "<img src=x onerror=alert(1)>"
    );
    assert_eq!(view["items"][1]["missing"], true);
    assert_eq!(view["items"][1]["title"], "Oslo <b>Heat</b> Plan");
    assert_eq!(view["items"][0]["note"], "=1+1");
    // The CSV neutralises the note that looks like a formula.
    let out = lab.data.path().join("x.csv");
    let o = out.to_str().expect("utf8");
    lab.ok(&[
        "collection",
        "export",
        "<script>alert('x')</script> exchange day",
        "--format",
        "csv",
        "--out",
        o,
    ]);
    let csv = std::fs::read_to_string(&out).expect("csv");
    assert!(csv.contains("\"'=1+1\""), "{csv}");
    // The handout keeps the missing case, by its last known title, and prints the HTML as text.
    #[cfg(feature = "pdf")]
    {
        let pdf = lab.data.path().join("x.pdf");
        lab.ok(&[
            "collection",
            "export",
            "<script>alert('x')</script> Exchange day",
            "--format",
            "pdf",
            "--out",
            pdf.to_str().expect("utf8"),
        ]);
        let text = pdf_text(&pdf);
        assert!(
            text.contains("<script>alert('x')</script> Exchange day"),
            "{text}"
        );
        assert!(text.contains("Oslo <b>Heat</b> Plan"), "{text}");
        assert!(
            text.contains("This case is not in this library (oslo-heat-plan)"),
            "{text}"
        );
    }
}

#[test]
fn bad_collection_input_gets_one_line_exit_2_and_changes_nothing() {
    let lab = Lab::new();
    lab.ok(&["collection", "new", "Mine"]);
    lab.ok(&["collection", "add", "Mine", "lahti-coal-exit"]);
    let before = lab.show("Mine");
    let long_note = "n".repeat(100_000);
    let wrong = fixture("collections/wrong-types.casebook-collection.json");
    let wrong = wrong.to_str().expect("utf8");
    let bad_id = fixture("collections/bad-id.casebook-collection.json");
    let bad_id = bad_id.to_str().expect("utf8");
    for (args, says) in [
        (
            vec!["collection", "show", "Nope"],
            "no collection is named `Nope`",
        ),
        (vec!["collection", "new", ""], "needs a name"),
        (vec!["collection", "new", "MINE"], "already exists"),
        (
            vec![
                "collection",
                "add",
                "Mine",
                "rotterdam-water-square",
                "no-such-case",
            ],
            "no-such-case",
        ),
        (
            vec!["collection", "add", "Mine", "lahti-coal-exit"],
            "already in",
        ),
        (vec!["collection", "add", "Nope", "lahti-coal-exit"], "Nope"),
        (
            vec!["collection", "move", "Mine", "lahti-coal-exit", "0"],
            "start at 1",
        ),
        (
            vec!["collection", "move", "Mine", "lahti-coal-exit", "9"],
            "outside",
        ),
        (
            vec!["collection", "rm", "Mine", "vienna-annual-ticket"],
            "not in this collection",
        ),
        (
            vec!["collection", "import", wrong],
            "wrong-types.casebook-collection.json:4:",
        ),
        (vec!["collection", "import", bad_id], "invalid case id"),
        (
            vec![
                "collection",
                "export",
                "Mine",
                "--format",
                "xlsx",
                "--out",
                "x",
            ],
            "xlsx",
        ),
        (vec!["note", "no-such-case", "text"], "no-such-case"),
    ] {
        let err = lab.refused(&args);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    // Windows limits a command line to 32,767 characters, less than the note cap (64 KiB), so
    // there the over-long note is refused by the system before Casebook sees it; the cap itself
    // is tested through the core (`collection::tests`).
    if cfg!(not(windows)) {
        let err = lab.refused(&["collection", "note", "Mine", "lahti-coal-exit", &long_note]);
        assert!(err.contains("KiB"), "{err}");
    }
    assert_eq!(lab.show("Mine")["items"], before["items"]);
    let list = json(&lab.ok(&["collection", "list", "--json"]));
    assert_eq!(list.as_array().expect("list").len(), 1);
}

#[test]
fn search_results_export_as_csv() {
    let lab = Lab::new();
    let out = lab.data.path().join("results.csv");
    let o = out.to_str().expect("utf8");
    lab.ok(&["search", "--country", "JP", "--format", "csv", "--out", o]);
    let csv = std::fs::read_to_string(&out).expect("csv");
    assert!(csv.starts_with('\u{feff}'));
    let rows: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(rows.len(), 2, "{csv}");
    assert!(rows[1].starts_with("\"edogawa-hazard-map\""), "{csv}");
    let err = lab.refused(&["search", "x", "--format", "csv"]);
    assert!(err.contains("--out"), "{err}");
}

/// The text of a PDF through `pdftotext` (poppler-utils, installed by `scripts/install-deps`).
#[cfg(feature = "pdf")]
fn pdf_text(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (package poppler-utils; scripts/install-deps installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf8")
}

#[cfg(feature = "pdf")]
#[test]
#[cfg_attr(
    windows,
    ignore = "Wine has no system fonts for the handout (Windows itself has Arial and Yu Gothic)"
)]
fn pdf_handout_typesets_english_and_japanese_and_names_stay_text() {
    let lab = Lab::new();
    let name = r#"#set page(fill: red) *bold* $x^2$ \ "q" <lab> @ref [a](b) //c"#;
    lab.ok(&[
        "collection",
        "new",
        name,
        "--description",
        "=cmd| 'x' #emph[y]",
    ]);
    lab.ok(&[
        "collection",
        "add",
        name,
        "copenhagen-cloudburst",
        "edogawa-hazard-map",
    ]);
    let en = lab.data.path().join("en.pdf");
    lab.ok(&[
        "collection",
        "export",
        name,
        "--format",
        "pdf",
        "--compare",
        "--out",
        en.to_str().expect("utf8"),
    ]);
    let bytes = std::fs::read(&en).expect("pdf");
    assert!(bytes.starts_with(b"%PDF-"));
    let text = pdf_text(&en);
    // The name is printed as it was typed: no markup ran.
    for part in [
        "#set page(fill: red) *bold* $x^2$",
        "\"q\" <lab> @ref [a](b) //c",
    ] {
        assert!(text.contains(part), "{part:?} not in:\n{text}");
    }
    assert!(text.contains("=cmd| 'x' #emph[y]"), "{text}");
    assert!(text.contains("Cloudburst Management Plan"), "{text}");
    assert!(
        text.contains("Flood Hazard Map and Wide-area Evacuation"),
        "{text}"
    );
    assert!(text.contains("https://example.org/source"), "{text}");
    assert!(text.contains("Comparison"), "{text}");
    // Cover, one page per case, comparison.
    assert_eq!(text.matches('\u{c}').count(), 4, "{text}");

    let ja = lab.data.path().join("ja.pdf");
    lab.ok(&[
        "collection",
        "export",
        name,
        "--format",
        "pdf",
        "--lang",
        "ja",
        "--out",
        ja.to_str().expect("utf8"),
    ]);
    let text = pdf_text(&ja);
    assert!(text.contains("洪水ハザードマップと広域避難"), "{text}");
    assert!(text.contains("江戸川区"), "{text}");
    assert!(text.contains("Cloudburst Management Plan"), "{text}");
    assert!(text.contains("出典"), "{text}");
}

#[cfg(feature = "pdf")]
#[test]
#[cfg_attr(
    windows,
    ignore = "Wine has no system fonts for the handout (Windows itself has Arial and Yu Gothic)"
)]
fn comparison_pdf_holds_only_the_table_with_body_sections() {
    let lab = Lab::new();
    let engine = casebook::Engine::open(lab.cases.path(), lab.data.path()).expect("open");
    engine.index().expect("index");
    let ids = [
        "copenhagen-cloudburst".to_string(),
        "edogawa-hazard-map".to_string(),
    ];
    let pdf = lab.data.path().join("cmp.pdf");
    std::fs::write(&pdf, engine.comparison_pdf(&ids, "ja").expect("pdf")).expect("write");
    let text = pdf_text(&pdf);
    assert!(text.contains("2 件の事例の比較"), "{text}");
    for row in ["都市", "費用と資金", "教訓と他地域への応用"] {
        assert!(text.contains(row), "{row} not in:\n{text}");
    }
    // Cover and table only: no page per case (a case page lists its sources).
    assert!(!text.contains("出典"), "{text}");
    assert!(engine.comparison_pdf(&ids[..1], "en").is_err());
}
