//! The TypeScript bindings of the IPC types, generated with ts-rs and committed under
//! `ui/src/bindings/`, and the constants the UI shares with the core (`constants.ts`: the
//! facets in order, the built-in value labels, and the bundled taxonomy as a fixture for the
//! UI's mock backend). These tests regenerate them and fail when the committed files drift
//! from the Rust side; `UPDATE_BINDINGS=1 cargo test -p casebook bindings` rewrites the
//! committed files instead.

use crate::case::{CaseMeta, CaseType, CaseView, Labelled, Outcome, Source, Status};
use crate::collection::compare::{CompareCase, CompareRow, Comparison};
use crate::collection::portable::{ImportReport, PortableCollection, PortableItem};
use crate::collection::{CollectionItem, CollectionSummary, CollectionView};
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::{IndexReport, LibraryInfo, Progress};
use crate::error::ErrorPayload;
use crate::search::{FacetCount, Hit, SearchRequest, SearchResponse};
use crate::taxonomy::{Facet, Taxonomy, TaxonomyValue};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use ts_rs::{Config, TS};

/// Files of the bindings folder that other generators write: `constants.ts` (below) and
/// `commands.ts` (the desktop shell's IPC drift test).
const NOT_TS_RS: [&str; 2] = ["constants.ts", "commands.ts"];

/// The committed bindings folder.
fn committed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/bindings")
}

/// The ts-rs configuration: JSON numbers are plain `number` in the webview (serde_json writes
/// u64 counts as numbers, and no count here comes near 2^53), so `bigint` would be wrong.
fn config(dir: &Path) -> Config {
    Config::new().with_out_dir(dir).with_large_int("number")
}

/// Exports every IPC type (and, through `export_all`, everything they refer to) into `dir`.
fn export_into(dir: &Path) -> Result<(), ts_rs::ExportError> {
    let cfg = config(dir);
    SearchRequest::export_all(&cfg)?;
    SearchResponse::export_all(&cfg)?;
    Hit::export_all(&cfg)?;
    FacetCount::export_all(&cfg)?;
    CaseView::export_all(&cfg)?;
    CaseMeta::export_all(&cfg)?;
    Labelled::export_all(&cfg)?;
    Outcome::export_all(&cfg)?;
    Source::export_all(&cfg)?;
    CaseType::export_all(&cfg)?;
    Status::export_all(&cfg)?;
    Diagnostic::export_all(&cfg)?;
    Severity::export_all(&cfg)?;
    Taxonomy::export_all(&cfg)?;
    Facet::export_all(&cfg)?;
    TaxonomyValue::export_all(&cfg)?;
    IndexReport::export_all(&cfg)?;
    Progress::export_all(&cfg)?;
    LibraryInfo::export_all(&cfg)?;
    ErrorPayload::export_all(&cfg)?;
    CollectionSummary::export_all(&cfg)?;
    CollectionItem::export_all(&cfg)?;
    CollectionView::export_all(&cfg)?;
    PortableCollection::export_all(&cfg)?;
    PortableItem::export_all(&cfg)?;
    ImportReport::export_all(&cfg)?;
    Comparison::export_all(&cfg)?;
    CompareCase::export_all(&cfg)?;
    CompareRow::export_all(&cfg)?;
    crate::explore::Places::export_all(&cfg)?;
    crate::explore::Stats::export_all(&cfg)?;
    crate::explore::LikeHit::export_all(&cfg)?;
    Ok(())
}

/// The `.ts` files of `dir` by file name. A missing folder reads as empty.
fn read_ts_files(dir: &Path) -> std::io::Result<BTreeMap<String, String>> {
    let mut files = BTreeMap::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(files),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "ts") {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if NOT_TS_RS.contains(&name.as_str()) {
                continue;
            }
            files.insert(name, std::fs::read_to_string(&path)?);
        }
    }
    Ok(files)
}

#[test]
fn bindings_match_committed_files() {
    let tmp = tempfile::tempdir().expect("temp dir");
    export_into(tmp.path()).expect("export bindings");
    let fresh = read_ts_files(tmp.path()).expect("read fresh bindings");
    assert!(
        fresh.contains_key("SearchRequest.ts") && fresh.contains_key("ErrorPayload.ts"),
        "export wrote {:?}",
        fresh.keys().collect::<Vec<_>>()
    );
    let dir = committed_dir();

    if std::env::var("UPDATE_BINDINGS").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(&dir).expect("create ui/src/bindings");
        // Remove bindings of types that no longer exist so the folder mirrors the Rust side.
        for stale in read_ts_files(&dir).expect("read committed").keys() {
            if !fresh.contains_key(stale) {
                std::fs::remove_file(dir.join(stale)).expect("remove stale binding");
            }
        }
        for (name, text) in &fresh {
            std::fs::write(dir.join(name), text).expect("write binding");
        }
        return;
    }

    let committed = read_ts_files(&dir).expect("read committed bindings");
    let fresh_names: Vec<_> = fresh.keys().collect();
    let committed_names: Vec<_> = committed.keys().collect();
    assert_eq!(
        fresh_names, committed_names,
        "the set of binding files in ui/src/bindings/ is out of date; \
         run `UPDATE_BINDINGS=1 cargo test -p casebook bindings`"
    );
    for (name, text) in &fresh {
        assert_eq!(
            Some(text),
            committed.get(name),
            "ui/src/bindings/{name} is out of date; \
             run `UPDATE_BINDINGS=1 cargo test -p casebook bindings`"
        );
    }
}

/// `ui/src/bindings/constants.ts`: what the UI would otherwise copy by hand from the core.
fn constants_ts() -> String {
    use crate::search::{COUNTRIES, FACETS, FILTER_ONLY, builtin_label};
    use std::fmt::Write;
    let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let list = |items: &[&str]| items.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ");
    let mut s = String::from(
        "// Generated from the core (src/bindings.rs) by `UPDATE_BINDINGS=1 cargo test -p casebook\n\
         // bindings`. Do not edit by hand.\n\n",
    );
    let _ = writeln!(
        s,
        "/** Every filter a search request takes, in display order (`search::FACETS`). */\nexport const FACETS = [{}] as const;\n",
        list(&FACETS)
    );
    let _ = writeln!(
        s,
        "/** Filters that are not counted as facets (`search::FILTER_ONLY`). */\nexport const FILTER_ONLY = [{}] as const;\n",
        list(&FILTER_ONLY)
    );
    let mut builtin: Vec<(String, String)> = [
        ("type", &["adaptation", "mitigation", "both"][..]),
        ("status", &["planned", "ongoing", "completed"]),
        ("language", &["en", "ja"]),
        ("population", &crate::geo::POPULATION_BANDS),
        ("coastal", &["coastal", "inland"]),
    ]
    .iter()
    .flat_map(|(facet, ids)| {
        ids.iter()
            .map(move |id| (facet.to_string(), id.to_string()))
    })
    .collect();
    builtin.extend(
        COUNTRIES
            .iter()
            .map(|(c, _, _)| ("country".into(), c.to_string())),
    );
    s.push_str(
        "/** Labels of the values that are not in the taxonomy, `facet:id` -> [English, Japanese]\n * (`search::builtin_label`). */\nexport const BUILTIN_LABELS: Readonly<Record<string, readonly [string, string]>> = {\n",
    );
    for (facet, id) in &builtin {
        let _ = writeln!(
            s,
            "  {}: [{}, {}],",
            q(&format!("{facet}:{id}")),
            q(&builtin_label(facet, id, "en")),
            q(&builtin_label(facet, id, "ja"))
        );
    }
    s.push_str("};\n\n");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/taxonomy.yaml");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let taxonomy = crate::taxonomy::parse(&text).0.unwrap_or_default();
    s.push_str(
        "/** The bundled taxonomy (cases/taxonomy.yaml) as [id, English, Japanese] rows per facet,\n * for the UI's mock backend; the app gets the library's taxonomy over IPC. */\nexport const TAXONOMY_FIXTURE: Readonly<Record<string, ReadonlyArray<readonly [string, string, string]>>> = {\n",
    );
    for (name, facet) in &taxonomy.facets {
        let _ = writeln!(s, "  {}: [", q(name));
        for v in &facet.values {
            let _ = writeln!(s, "    [{}, {}, {}],", q(&v.id), q(&v.en), q(&v.ja));
        }
        s.push_str("  ],\n");
    }
    s.push_str("};\n");
    s
}

#[test]
fn constants_match_committed_file() {
    let fresh = constants_ts();
    assert!(
        fresh.contains("\"hazard\": [") && fresh.contains("\"country:JP\": [\"Japan\", \"日本\"]")
    );
    let path = committed_dir().join("constants.ts");
    if std::env::var("UPDATE_BINDINGS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &fresh).expect("write constants.ts");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/bindings/constants.ts is out of date; \
         run `UPDATE_BINDINGS=1 cargo test -p casebook bindings`"
    );
}
