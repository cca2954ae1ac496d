//! The facade: one method per thing a user does. The CLI and the desktop shell call only this.

use crate::case::CaseView;
use crate::diagnostic::Diagnostic;
use crate::error::Result;
use crate::search::{Hit, SearchRequest, SearchResponse};
use crate::taxonomy::Taxonomy;
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// What an (incremental) index run did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct IndexReport {
    /// Files (re)indexed because they are new or changed.
    pub indexed: usize,
    /// Files whose content hash had not changed.
    pub unchanged: usize,
    /// Files removed from the index because they are gone or became invalid.
    pub removed: usize,
    /// Files with errors, left out of the index.
    pub invalid: usize,
    /// Errors and warnings over the whole library.
    pub diagnostics: usize,
    /// Whether the index was rebuilt from scratch (first run, schema change, corruption).
    pub rebuilt: bool,
    /// Wall time in milliseconds.
    pub took_ms: f64,
}

/// A progress report during long index work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Progress {
    /// Files processed so far.
    pub done: usize,
    /// Files to process.
    pub total: usize,
}

/// The open library: the cases folder, its search index and the user-data store.
///
/// All methods take `&self`; the engine is `Send + Sync` so the desktop shell can share it
/// between the UI thread, commands and the file watcher.
pub struct Engine {
    // Fields are private; see the impl block at the end of this file.
    inner: Inner,
}

impl Engine {
    /// Opens the library in `cases_dir`, keeping the index and the store in `data_dir`
    /// (created when missing). Does not index; call [`Engine::index`].
    pub fn open(cases_dir: &Path, data_dir: &Path) -> Result<Engine> {
        open_inner(cases_dir, data_dir)
    }

    /// The cases folder.
    pub fn cases_dir(&self) -> &Path {
        self.inner.cases_dir()
    }

    /// Scans the whole folder and brings the index up to date incrementally.
    pub fn index(&self) -> Result<IndexReport> {
        self.inner.index(None, &mut |_| {})
    }

    /// Like [`Engine::index`], reporting progress as files are processed.
    pub fn index_with_progress(&self, progress: &mut dyn FnMut(Progress)) -> Result<IndexReport> {
        self.inner.index(None, progress)
    }

    /// Re-reads only `paths` (absolute, or relative to the cases folder; created, changed or
    /// deleted) and updates the index: what the file watcher calls after a save.
    pub fn update_paths(&self, paths: &[PathBuf]) -> Result<IndexReport> {
        self.inner.index(Some(paths), &mut |_| {})
    }

    /// Runs a search.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResponse> {
        self.inner.search(request)
    }

    /// The case `id` in `lang` (falls back to English, then to any language it exists in).
    pub fn case(&self, id: &str, lang: Option<&str>) -> Result<CaseView> {
        self.inner.case(id, lang)
    }

    /// Cases similar to `id`: shared words plus shared facet values.
    pub fn related(&self, id: &str, limit: usize) -> Result<Vec<Hit>> {
        self.inner.related(id, limit)
    }

    /// Every diagnostic of the last index run (taxonomy and case files), sorted by path and line.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.inner.diagnostics()
    }

    /// The taxonomy of the library.
    pub fn taxonomy(&self) -> Taxonomy {
        self.inner.taxonomy()
    }

    /// Writes a template for a new case `id` into the cases folder (the only method that writes
    /// there) and returns its path. Fails if a case with this id or file already exists.
    pub fn new_case(&self, id: &str) -> Result<PathBuf> {
        self.inner.new_case(id)
    }

    /// A user setting from the store.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        self.inner.store().setting(key)
    }

    /// Saves a user setting in the store.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.inner.store().set_setting(key, value)
    }
}

/// Validates a case id (`[a-z0-9-]+`, no leading or trailing `-`).
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The engine's state (implementation detail of [`Engine`]).
struct Inner {
    cases_dir: PathBuf,
    store: crate::store::Store,
}

fn open_inner(cases_dir: &Path, data_dir: &Path) -> Result<Engine> {
    let _ = data_dir;
    Ok(Engine {
        inner: Inner {
            cases_dir: cases_dir.to_path_buf(),
            store: crate::store::Store {},
        },
    })
}

impl Inner {
    fn cases_dir(&self) -> &Path {
        &self.cases_dir
    }
    fn store(&self) -> &crate::store::Store {
        &self.store
    }
    fn index(
        &self,
        only: Option<&[PathBuf]>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<IndexReport> {
        let _ = (only, progress);
        Ok(IndexReport::default())
    }
    fn search(&self, request: &SearchRequest) -> Result<SearchResponse> {
        let _ = request;
        Err(crate::Error::Index("not built yet".into()))
    }
    fn case(&self, id: &str, lang: Option<&str>) -> Result<CaseView> {
        let _ = lang;
        Err(crate::Error::NotFound(id.into()))
    }
    fn related(&self, id: &str, limit: usize) -> Result<Vec<Hit>> {
        let _ = (id, limit);
        Ok(vec![])
    }
    fn diagnostics(&self) -> Vec<Diagnostic> {
        vec![]
    }
    fn taxonomy(&self) -> Taxonomy {
        Taxonomy::default()
    }
    fn new_case(&self, id: &str) -> Result<PathBuf> {
        Err(crate::Error::InvalidArgument(id.into()))
    }
}
