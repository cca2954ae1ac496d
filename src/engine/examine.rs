//! Examining one case file against what the catalog knows of it: the per-file step of
//! reconciliation, run in parallel over the files of a run.

use super::files::{mtime_of, now_secs, read_capped};
use super::state::Inner;
use crate::case::Case;
use crate::diagnostic::Diagnostic;
use crate::identity;
use crate::library::{self, Loaded};
use crate::store::catalog::Entry;
use crate::taxonomy::Taxonomy;

/// What examining one file found.
pub(super) enum Examined {
    /// Same size and time, or same bytes: nothing to do but maybe refresh the time.
    Unchanged { mtime: i64, size: u64 },
    /// New or changed content.
    Changed(Box<(Entry, Option<Case>)>),
    /// The file is gone.
    Gone,
}

impl Inner {
    /// Examines one file against its catalog entry: unchanged (by size and time, else by
    /// content hash), changed (read and checked), or gone. `force` re-checks unchanged
    /// content (the taxonomy changed); `named` says the watcher saw a write to it.
    pub(super) fn examine(
        &self,
        rel: &str,
        old: Option<&Entry>,
        force: bool,
        named: bool,
        tax: Option<&Taxonomy>,
    ) -> Examined {
        let abs = identity::abs_path(&self.cases_dir, rel);
        let meta = match std::fs::metadata(&abs) {
            Ok(m) if m.is_file() => m,
            _ => return Examined::Gone,
        };
        let (mtime, size) = (mtime_of(&meta), meta.len());
        // Same size and time means unchanged, except when the watcher named the file (it saw
        // a write) or the file changed in the last seconds: times have one-second resolution
        // here, so an edit that keeps the size within the second of the previous read would
        // otherwise be missed. The content hash then decides.
        if !force
            && !named
            && mtime < now_secs() - 2
            && let Some(old) = old
            && old.mtime == mtime
            && old.size == size
        {
            return Examined::Unchanged { mtime, size };
        }
        let refused = |diagnostic: Diagnostic| {
            let entry = Entry {
                id: None,
                lang: identity::lang_of(rel),
                hash: String::new(),
                mtime,
                size,
                ok: false,
                indexed_hash: old.and_then(|o| o.indexed_hash.clone()),
                diagnostics: vec![diagnostic].into(),
            };
            Examined::Changed(Box::new((entry, None)))
        };
        if size > crate::front_matter::MAX_FILE_BYTES as u64 {
            return refused(crate::front_matter::too_large(rel, size));
        }
        let bytes = match read_capped(&abs, size) {
            Ok(b) => b,
            Err(e) => {
                return refused(
                    Diagnostic::error(rel, 0, 0, format!("cannot read the file: {e}"))
                        .with_hint("Check the file's permissions."),
                );
            }
        };
        let hash = blake3::hash(&bytes).to_hex().to_string();
        if !force && old.is_some_and(|o| o.hash == hash) {
            return Examined::Unchanged { mtime, size };
        }
        let Loaded {
            case,
            id,
            diagnostics,
        } = library::load_bytes(rel, &bytes, mtime, tax);
        let entry = Entry {
            id,
            lang: identity::lang_of(rel),
            hash,
            mtime,
            size,
            ok: case.is_some(),
            indexed_hash: old.and_then(|o| o.indexed_hash.clone()),
            diagnostics: diagnostics.into(),
        };
        Examined::Changed(Box::new((entry, case)))
    }
}
