//! Tests of the CSV and JSON exports.

use super::export::{self, Format, Options};
use super::tests::{lib, s};

#[test]
fn csv_is_excel_safe_and_labelled_in_the_chosen_language() {
    let l = lib();
    let e = &l.engine;
    let c = e.create_collection("W", "").expect("create");
    e.add_to_collection(c.id, &s(&["copenhagen-cloudburst", "edogawa-hazard-map"]))
        .expect("add");
    e.set_item_note(c.id, "copenhagen-cloudburst", "=HYPERLINK(\"http://x\")")
        .expect("note");
    e.set_item_note(c.id, "edogawa-hazard-map", "-1+2, \"quoted\"\nline")
        .expect("note");
    let en = e
        .export_collection(c.id, &Options::new(Format::Csv, "en").expect("o"))
        .expect("csv");
    assert!(en.starts_with("\u{feff}".as_bytes()));
    let en = String::from_utf8(en).expect("utf8");
    let mut lines = en.trim_start_matches('\u{feff}').split("\r\n");
    let header = lines.next().expect("header");
    assert!(
        header.starts_with("\"id\",\"title\",\"city\",\"country\""),
        "{header}"
    );
    assert!(header.ends_with("\"note\""), "{header}");
    assert!(en.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{en}");
    assert!(en.contains("\"'-1+2, \"\"quoted\"\"\nline\""), "{en}");
    assert!(en.contains("\"Denmark\""), "{en}");
    assert!(
        en.contains("\"Flood Hazard Map and Wide-area Evacuation\""),
        "{en}"
    );

    let ja = e
        .export_collection(c.id, &Options::new(Format::Csv, "ja").expect("o"))
        .expect("csv");
    let ja = String::from_utf8(ja).expect("utf8");
    assert!(ja.contains("\"タイトル\""), "{ja}");
    assert!(ja.contains("\"洪水ハザードマップと広域避難\""), "{ja}");
    assert!(ja.contains("\"デンマーク\""), "{ja}");
    assert!(ja.contains("\"適応\""), "{ja}");

    assert_eq!(export::csv_cell("@SUM(A1)"), "\"'@SUM(A1)\"");
    assert_eq!(export::csv_cell("+1"), "\"'+1\"");
    assert_eq!(export::csv_cell("plain"), "\"plain\"");
    assert!(Options::new(Format::Csv, "fr").is_err());
    assert!("xlsx".parse::<Format>().is_err());
}

#[test]
fn json_export_of_a_collection_and_of_search_results() {
    let l = lib();
    let e = &l.engine;
    let c = e.create_collection("W", "desc").expect("create");
    e.add_to_collection(c.id, &s(&["rotterdam-water-square"]))
        .expect("add");
    let bytes = e
        .export_collection(c.id, &Options::new(Format::Json, "en").expect("o"))
        .expect("json");
    let v: serde_json::Value = serde_json::from_slice(&bytes).expect("parse");
    assert_eq!(v["collection"], "W");
    assert_eq!(v["cases"][0]["id"], "rotterdam-water-square");
    assert_eq!(v["cases"][0]["missing"], false);
    assert!(
        v["cases"][0]["sources"][0]["url"]
            .as_str()
            .expect("url")
            .starts_with("http")
    );

    let request = crate::SearchRequest::new("").filter("country", "JP");
    let csv = e
        .export_search(&request, &Options::new(Format::Csv, "en").expect("o"))
        .expect("csv");
    let csv = String::from_utf8(csv).expect("utf8");
    assert_eq!(csv.matches("\r\n").count(), 2, "{csv}");
    assert!(csv.contains("edogawa-hazard-map"));
    assert!(!csv.contains("\"note\""));
    assert!(
        e.export_search(&request, &Options::new(Format::Pdf, "en").expect("o"))
            .is_err()
    );
}
