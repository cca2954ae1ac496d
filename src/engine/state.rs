//! The open library: what the engine holds (the store, the index, the state of the folder
//! between index runs) and the read-only questions answered from it.
//!
//! The index is brought up to date in `reconcile`; this module only opens and reads.

use super::files::{read_synonyms, read_taxonomy};
use super::{LibraryInfo, STORE_FILE};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::identity;
use crate::index::{Index, Vocabulary};
use crate::library;
use crate::search::{Hit, SearchRequest, SearchResponse};
use crate::store::Store;
use crate::store::catalog::{self, Entry};
use crate::taxonomy::Taxonomy;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

/// The engine's state (implementation detail of [`super::Engine`]).
pub(super) struct Inner {
    /// The cases folder, canonical.
    pub(super) cases_dir: PathBuf,
    /// Canonical path of the cases folder: the key of this library in the catalog.
    pub(super) library: String,
    pub(super) store: Store,
    pub(super) index: Index,
    state: RwLock<State>,
    /// Serializes index runs (the watcher and a manual reindex may overlap).
    pub(super) work: Mutex<()>,
    /// Set when the index was (re)created on open; reported by the next index run.
    pub(super) rebuilt: std::sync::atomic::AtomicBool,
    /// Whether the index files' checksums were verified (once, by the first full run).
    pub(super) verified: std::sync::atomic::AtomicBool,
    /// Problems with the data folder itself (a damaged store moved aside), shown with the
    /// diagnostics so the user learns where the old file is.
    data_diags: Vec<Diagnostic>,
}

/// What the engine knows about the folder between index runs.
#[derive(Default)]
pub(super) struct State {
    /// The taxonomy of the last run (the default one when the file is unusable).
    pub(super) taxonomy: Taxonomy,
    /// Hash of `taxonomy.yaml` with the checks' version: cached checks are valid under it.
    pub(super) taxonomy_hash: Option<String>,
    /// Problems of `taxonomy.yaml`.
    pub(super) taxonomy_diags: Vec<Diagnostic>,
    /// Problems of `synonyms.yaml`.
    pub(super) synonyms_diags: Vec<Diagnostic>,
    /// Synonyms, known words and programme names for queries.
    pub(super) vocab: Arc<Vocabulary>,
    /// The catalog: every case file by relative path.
    pub(super) entries: BTreeMap<String, Entry>,
    /// Problems found walking the folder (unreadable folders, links out of it).
    pub(super) walk_diags: Vec<Diagnostic>,
    /// Problems across files (duplicate ids, translations without an original).
    pub(super) cross_diags: Vec<Diagnostic>,
    /// Paths left out because another file has the same id.
    pub(super) losers: BTreeSet<String>,
}

impl Inner {
    /// Opens the library in `cases_dir` with its index and store in `data_dir` (see
    /// [`super::Engine::open`]).
    pub(super) fn open(cases_dir: &Path, data_dir: &Path) -> Result<Inner> {
        let canon = cases_dir
            .canonicalize()
            .ok()
            .filter(|p| p.is_dir())
            .ok_or_else(|| Error::NoCasesFolder(cases_dir.to_path_buf()))?;
        std::fs::create_dir_all(data_dir).map_err(|e| Error::io(data_dir, e))?;
        let library = canon.to_string_lossy().to_string();
        let store = Store::open(&data_dir.join(STORE_FILE))?;
        let data_diags = store_diagnostics(&store, data_dir);
        let key = &blake3::hash(library.as_bytes()).to_hex()[..16];
        let (index, rebuilt) = Index::open(&data_dir.join("index").join(key))?;
        if rebuilt {
            catalog::forget_index(&store.conn(), &library)?;
        }
        let entries = catalog::load(&store.conn(), &library)?;
        let taxonomy_hash = store.setting(&format!("taxonomy_hash:{library}"))?;
        let (tax, tax_diags, _) = read_taxonomy(&canon);
        let tax = tax.unwrap_or_default();
        let (synonyms, synonyms_diags) = read_synonyms(&canon);
        let state = State {
            vocab: Arc::new(Vocabulary::new(&synonyms, &tax)),
            synonyms_diags,
            taxonomy: tax,
            taxonomy_hash,
            taxonomy_diags: tax_diags,
            entries,
            ..State::default()
        };
        Ok(Inner {
            cases_dir: canon,
            library,
            store,
            index,
            state: RwLock::new(state),
            work: Mutex::new(()),
            rebuilt: std::sync::atomic::AtomicBool::new(rebuilt),
            verified: std::sync::atomic::AtomicBool::new(rebuilt),
            data_diags,
        })
    }

    /// The cases folder.
    pub(super) fn cases_dir(&self) -> &Path {
        &self.cases_dir
    }

    /// The user-data store.
    pub(super) fn store(&self) -> &Store {
        &self.store
    }

    /// The state, for reading.
    /// Waits for an index run in progress (see [`crate::Engine::wait_until_idle`]).
    pub(super) fn wait_until_idle(&self) {
        drop(self.work.lock().unwrap_or_else(|p| p.into_inner()));
    }

    pub(super) fn read_state(&self) -> std::sync::RwLockReadGuard<'_, State> {
        // A panic while holding the lock cannot leave `State` half-updated in a way that
        // matters: the next index run recomputes it from the files.
        self.state.read().unwrap_or_else(|p| p.into_inner())
    }

    /// The state, for changing (index runs only, under [`Inner::work`]).
    pub(super) fn write_state(&self) -> std::sync::RwLockWriteGuard<'_, State> {
        self.state.write().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs a checked search.
    pub(super) fn search(&self, request: &SearchRequest) -> Result<SearchResponse> {
        check_request(request)?;
        let state = self.read_state();
        self.index.search(request, &state.taxonomy, &state.vocab)
    }

    /// The facts of every match of `request` (checked like a search).
    pub(super) fn case_facts(
        &self,
        request: &SearchRequest,
    ) -> Result<Vec<crate::explore::CaseFacts>> {
        check_request(request)?;
        let state = self.read_state();
        self.index.case_facts(request, &state.vocab)
    }

    /// Paths of the indexed files of `id`, by language.
    pub(super) fn files_of(&self, id: &str) -> BTreeMap<String, String> {
        let state = self.read_state();
        state
            .entries
            .iter()
            .filter(|(p, e)| e.ok && e.id.as_deref() == Some(id) && !state.losers.contains(*p))
            .map(|(p, e)| (e.lang.clone(), p.clone()))
            .collect()
    }

    /// Cases similar to `id`, labelled in the user's language.
    pub(super) fn related(&self, id: &str, limit: usize) -> Result<Vec<Hit>> {
        if self.files_of(id).is_empty() {
            return Err(Error::NotFound(id.to_string()));
        }
        let lang = self
            .store
            .setting("ui_lang")?
            .unwrap_or_else(|| "en".into());
        self.index.related(id, &lang, limit.clamp(1, 100))
    }

    /// Every diagnostic of the last run, sorted by path and line, duplicates removed.
    pub(super) fn diagnostics(&self) -> Vec<Diagnostic> {
        let state = self.read_state();
        let mut all: Vec<Diagnostic> = state
            .taxonomy_diags
            .iter()
            .chain(&state.synonyms_diags)
            .chain(&self.data_diags)
            .chain(&state.walk_diags)
            .chain(&state.cross_diags)
            .chain(
                state
                    .entries
                    .values()
                    .filter_map(|e| e.diagnostics.in_memory())
                    .flatten(),
            )
            .cloned()
            .collect();
        all.extend(self.stored_diagnostics(&state));
        all.sort_by(|a, b| {
            (&a.path, a.line, a.column, b.severity).cmp(&(&b.path, b.line, b.column, a.severity))
        });
        all.dedup();
        all
    }

    /// The diagnostics of the files not examined since the library was opened: the catalog
    /// keeps them in the store and only their number in memory.
    fn stored_diagnostics(&self, state: &State) -> Vec<Diagnostic> {
        let only_stored =
            |e: &Entry| e.diagnostics.in_memory().is_none() && e.diagnostics.len() > 0;
        if !state.entries.values().any(only_stored) {
            return Vec::new();
        }
        match catalog::stored_diagnostics(&self.store.conn(), &self.library) {
            // Rows of files examined since (their diagnostics are in memory) are left out.
            Ok(rows) => rows
                .into_iter()
                .filter(|(p, _)| state.entries.get(p).is_some_and(only_stored))
                .flat_map(|(_, d)| d)
                .collect(),
            Err(e) => vec![
                Diagnostic::error(STORE_FILE, 0, 0, format!("cannot read the saved checks of unchanged files: {e}"))
                    .with_hint("Problems of files unchanged since Casebook opened the folder are missing from this list; saving a file checks it again. If this repeats, restart Casebook."),
            ],
        }
    }

    /// Facts where a translation disagrees with its English original (reads the files).
    pub(super) fn translation_diagnostics(&self) -> Vec<Diagnostic> {
        let mut by_id: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        {
            let state = self.read_state();
            for (p, e) in &state.entries {
                if let (true, Some(id), false) = (e.ok, &e.id, state.losers.contains(p)) {
                    by_id
                        .entry(id.clone())
                        .or_default()
                        .insert(e.lang.clone(), p.clone());
                }
            }
        }
        let mut out = Vec::new();
        for files in by_id.values().filter(|f| f.len() > 1) {
            let Some(original) = files.get("en").and_then(|p| self.reload(p, None)) else {
                continue;
            };
            for (_, rel) in files.iter().filter(|(l, _)| l.as_str() != "en") {
                let abs = identity::abs_path(&self.cases_dir, rel);
                if let Ok(bytes) = std::fs::read(&abs) {
                    out.extend(library::check_translation(rel, &bytes, &original.meta));
                }
            }
        }
        out
    }

    /// The taxonomy of the last run.
    pub(super) fn taxonomy(&self) -> Taxonomy {
        self.read_state().taxonomy.clone()
    }

    /// The folder and its counts.
    pub(super) fn library_info(&self) -> LibraryInfo {
        let state = self.read_state();
        let ids: BTreeSet<&String> = state
            .entries
            .iter()
            .filter(|(p, e)| e.indexed_hash.is_some() && !state.losers.contains(*p))
            .filter_map(|(_, e)| e.id.as_ref())
            .collect();
        LibraryInfo {
            cases_dir: self.cases_dir.to_string_lossy().to_string(),
            bundled: false,
            docs: self.index.num_docs(),
            cases: ids.len(),
            invalid: state.entries.values().filter(|e| !e.ok).count() + state.losers.len(),
        }
    }
}

/// Refuses a request a search cannot answer: too large, or a year range that is empty.
fn check_request(request: &SearchRequest) -> Result<()> {
    request.check_size().map_err(Error::InvalidArgument)?;
    if let (Some(f), Some(t)) = (request.from, request.to)
        && f > t
    {
        return Err(Error::InvalidArgument(format!(
            "year range is empty: from {f} is after to {t}"
        )));
    }
    Ok(())
}

/// A warning when the user-data store was damaged and moved aside on open (none otherwise), so
/// the user learns where the old file is.
fn store_diagnostics(store: &Store, data_dir: &Path) -> Vec<Diagnostic> {
    store
        .recovered()
        .map(|aside| {
            let msg = format!(
                "the user-data store was damaged and could not be read; it was moved to {} and a new, empty one started",
                aside.display()
            );
            eprintln!("casebook: {msg}");
            Diagnostic::warning(&data_dir.join(STORE_FILE).display().to_string(), 0, 0, msg)
                .with_hint("Settings start from their defaults. The old file is kept: a support person can try to recover it with `sqlite3 <file> .recover`.")
        })
        .into_iter()
        .collect()
}
