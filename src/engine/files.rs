//! Reading the files of the cases folder: the taxonomy, the synonyms and case files, each
//! read defensively (a missing or broken file is a diagnostic, never a failure).

use super::state::Inner;
use crate::case::Case;
use crate::diagnostic::Diagnostic;
use crate::identity;
use crate::library;
use crate::taxonomy::{self, Taxonomy};
use std::path::Path;

/// Reads and parses `taxonomy.yaml`: the taxonomy (if usable), its diagnostics and its hash.
pub(super) fn read_taxonomy(root: &Path) -> (Option<Taxonomy>, Vec<Diagnostic>, Option<String>) {
    let path = root.join(identity::TAXONOMY_FILE);
    match std::fs::read(&path) {
        Ok(bytes) => {
            // The key under which per-file checks are cached: a new taxonomy or new checks
            // make every cached diagnostic stale.
            let hash = format!(
                "{}:{}:{}",
                blake3::hash(&bytes).to_hex(),
                library::CHECKS_VERSION,
                env!("CARGO_PKG_VERSION")
            );
            match crate::front_matter::decode(identity::TAXONOMY_FILE, &bytes) {
                Ok(text) => {
                    let (t, d) = taxonomy::parse(&text);
                    (t, d, Some(hash))
                }
                Err(d) => (None, vec![d], Some(hash)),
            }
        }
        Err(e) => (
            None,
            vec![
                Diagnostic::error(identity::TAXONOMY_FILE, 0, 0, format!("cannot read the taxonomy: {e}"))
                    .with_hint("The cases folder needs a `taxonomy.yaml`; copy the one of the bundled library."),
            ],
            None,
        ),
    }
}

/// Reads and parses `synonyms.yaml`. A missing file is no synonyms and no problem; a broken
/// one is its diagnostics, and search goes on with the entries that are usable.
pub(super) fn read_synonyms(root: &Path) -> (crate::synonyms::Synonyms, Vec<Diagnostic>) {
    use crate::synonyms::{self, SYNONYMS_FILE};
    let path = root.join(SYNONYMS_FILE);
    match std::fs::read(&path) {
        Ok(bytes) => match crate::front_matter::decode(SYNONYMS_FILE, &bytes) {
            Ok(text) => synonyms::parse(&text),
            Err(d) => (synonyms::Synonyms::default(), vec![d]),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Default::default(),
        Err(e) => (
            synonyms::Synonyms::default(),
            vec![
                Diagnostic::error(
                    SYNONYMS_FILE,
                    0,
                    0,
                    format!("cannot read the synonyms: {e}"),
                )
                .with_hint("Check the file's permissions; search works without it."),
            ],
        ),
    }
}

/// Reads a case file of `size` bytes (from its metadata, already checked against the cap),
/// never more than one byte over the cap: the file may grow between the metadata and the read,
/// and a stray multi-gigabyte file must not be loaded into memory just to be refused.
pub(super) fn read_capped(path: &Path, size: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let cap = crate::front_matter::MAX_FILE_BYTES as u64;
    let mut bytes = Vec::with_capacity(size.min(cap) as usize);
    std::fs::File::open(path)?
        .take(cap + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Seconds since the Unix epoch, now (0 if the clock is before it).
pub(super) fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// A file's modification time in whole seconds since the Unix epoch (0 if unknown).
pub(super) fn mtime_of(meta: &std::fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs() as i64)
}

impl Inner {
    /// Re-reads and parses a file whose entry says it is fine (for reconciliation, the reader
    /// and translation checks).
    pub(super) fn reload(&self, rel: &str, tax: Option<&Taxonomy>) -> Option<Case> {
        let abs = identity::abs_path(&self.cases_dir, rel);
        let meta = std::fs::metadata(&abs).ok()?;
        let bytes = read_capped(&abs, meta.len()).ok()?;
        let mtime = mtime_of(&meta);
        library::load_bytes(rel, &bytes, mtime, tax).case
    }
}
