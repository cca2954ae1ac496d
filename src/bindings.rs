//! The TypeScript bindings of the IPC types, generated with ts-rs and committed under
//! `ui/src/bindings/`. This test regenerates them into a temporary folder and fails when the
//! committed files drift from the Rust types; `UPDATE_BINDINGS=1 cargo test -p casebook
//! bindings` rewrites the committed files instead.

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
