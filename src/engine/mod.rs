//! The facade: one method per thing a user does. The CLI and the desktop shell call only this.
//!
//! [`Engine`] is a thin public shell over the open library's state. The work is split by what
//! it is about, in the order a session meets it:
//!
//! - `paths` and `locale`: where the cases and the user data live, and the UI language of the
//!   system, before anything is opened;
//! - `state`: opening a library and what the engine remembers between index runs, with the
//!   read-only questions answered from it (search, diagnostics, library info);
//! - `files`: reading the cases folder's own files (taxonomy, synonyms, case files) safely;
//! - `reconcile`, with `plan` and `examine`: bringing the index up to date with the folder, one visible
//!   step at a time;
//! - `view`: a case as the reader shows it;
//! - `template`: the one write to the cases folder, a new case from a template.

mod examine;
mod files;
mod locale;
mod paths;
mod plan;
mod reconcile;
mod state;
mod template;
mod view;

use crate::case::CaseView;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::identity;
use crate::search::{Hit, SearchRequest, SearchResponse};
use crate::store::Store;
use crate::taxonomy::Taxonomy;
use serde::Serialize;
use state::Inner;
use std::path::{Path, PathBuf};
use ts_rs::TS;

pub use locale::system_ui_lang;
pub use paths::{ENV_CASES, ENV_DATA, STORE_FILE, default_cases_dir, default_data_dir};
pub(crate) use template::today;

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

/// The open library at a glance (IPC `library_info`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LibraryInfo {
    /// The cases folder (absolute).
    pub cases_dir: String,
    /// Whether it is the library bundled with the app (set by the shell, which knows where the
    /// bundled copy lives; the engine reports `false`).
    pub bundled: bool,
    /// Case files in the index.
    #[ts(type = "number")]
    pub docs: u64,
    /// Distinct case ids in the index.
    pub cases: usize,
    /// Files left out of the index because of errors.
    pub invalid: usize,
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
    // Private: the state and the work on it live in the submodules (see the module docs).
    inner: Inner,
}

impl Engine {
    /// Opens the library in `cases_dir`, keeping the index and the store in `data_dir`
    /// (created when missing). Does not index; call [`Engine::index`].
    pub fn open(cases_dir: &Path, data_dir: &Path) -> Result<Engine> {
        Ok(Engine {
            inner: Inner::open(cases_dir, data_dir)?,
        })
    }

    /// The cases folder.
    pub fn cases_dir(&self) -> &Path {
        self.inner.cases_dir()
    }

    /// Scans the whole folder and brings the index up to date incrementally.
    pub fn index(&self) -> Result<IndexReport> {
        self.inner.index(None, &mut |_| {})
    }

    /// Blocks until no index run of this engine is in progress. Index runs of one engine never
    /// overlap (they take turns); a caller about to replace this engine with another one waits
    /// here so the old library's last run is over before the new one starts.
    pub fn wait_until_idle(&self) {
        self.inner.wait_until_idle();
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

    /// The places (cities with coordinates) of all matches of `request`, for the map; paging
    /// is ignored. City names are in `request.ui_lang` where the case is translated.
    pub fn places(&self, request: &SearchRequest) -> Result<crate::explore::Places> {
        Ok(crate::explore::places(&self.inner.case_facts(request)?))
    }

    /// Counts over all matches of `request` (the overview, `casebook stats`), labelled in
    /// `request.ui_lang`; paging is ignored.
    pub fn stats(&self, request: &SearchRequest) -> Result<crate::explore::Stats> {
        let facts = self.inner.case_facts(request)?;
        let lang = request.ui_lang.as_deref().unwrap_or("en");
        let taxonomy = self.inner.taxonomy();
        Ok(crate::explore::stats(&facts, &taxonomy, lang))
    }

    /// Up to `limit` (at most 100) other cases most like case `id` by place: population band,
    /// coast, hazards, region, country; titles, cities and reasons in `lang` (`en` or `ja`).
    /// Fails with [`crate::Error::NotFound`] for an unknown id.
    pub fn like(&self, id: &str, limit: usize, lang: &str) -> Result<Vec<crate::explore::LikeHit>> {
        let lang = if lang == "ja" { "ja" } else { "en" };
        let all = self.inner.case_facts(&SearchRequest {
            ui_lang: Some(lang.to_string()),
            ..SearchRequest::default()
        })?;
        let target = all
            .iter()
            .find(|c| c.id == id)
            .ok_or_else(|| crate::Error::NotFound(id.to_string()))?;
        let taxonomy = self.inner.taxonomy();
        Ok(crate::explore::like(
            target,
            &all,
            &taxonomy,
            lang,
            limit.min(100),
        ))
    }

    /// Every diagnostic of the last index run (taxonomy and case files), sorted by path and line.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.inner.diagnostics()
    }

    /// Where a translation states other facts than its English original (outcome values, units
    /// and years; population, coordinates, coastal). Reads the files, so it is for `lint`, not
    /// for every index run.
    pub fn translation_diagnostics(&self) -> Vec<Diagnostic> {
        self.inner.translation_diagnostics()
    }

    /// The absolute path of `rel`, a file of the cases folder that has a diagnostic (a case
    /// file, the taxonomy or the synonyms). Any other path is refused, so a caller can only
    /// ask for a file the library itself reported.
    pub fn problem_file(&self, rel: &str) -> Result<PathBuf> {
        let known = self
            .diagnostics()
            .iter()
            .chain(self.translation_diagnostics().iter())
            .any(|d| d.path == rel);
        if !known {
            return Err(Error::InvalidArgument(format!(
                "`{rel}` has no problem in this library; only files listed under Problems can be opened"
            )));
        }
        let path = identity::abs_path(self.cases_dir(), rel);
        if !path.is_file() {
            return Err(Error::io(
                path,
                std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "the file is gone; re-index the library",
                ),
            ));
        }
        Ok(path)
    }

    /// How to open the file of a problem at `line`: the editor of [`crate::editor::EDITOR_ENV`],
    /// or the system's default application.
    pub fn problem_launch(&self, rel: &str, line: usize) -> Result<crate::editor::Launch> {
        let file = self.problem_file(rel)?;
        let template = std::env::var(crate::editor::EDITOR_ENV).ok();
        crate::editor::plan(&file, line, template.as_deref())
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

    /// What the open library is: its folder and how many case files it has.
    pub fn library_info(&self) -> LibraryInfo {
        self.inner.library_info()
    }

    /// A user setting from the store. An unset `ui_lang` defaults to the language of the
    /// operating system's locale (`ja` for a Japanese locale, else unset), because WebKitGTK's
    /// `navigator.language` does not follow the locale.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        let value = self.inner.store().setting(key)?;
        if value.is_none() && key == "ui_lang" {
            return Ok(system_ui_lang());
        }
        Ok(value)
    }

    /// Saves a user setting in the store.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.inner.store().set_setting(key, value)
    }

    /// The user-data store (collections and notes live in [`crate::collection`]).
    pub(crate) fn store(&self) -> &Store {
        self.inner.store()
    }
}
