//! The facade: one method per thing a user does. The CLI and the desktop shell call only this.

use crate::case::{Case, CaseView, Labelled};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::identity::{self, is_valid_id};
use crate::index::{Index, IndexDoc, Vocabulary};
use crate::library::{self, Loaded};
use crate::search::{Hit, SearchRequest, SearchResponse};
use crate::store::Store;
use crate::store::catalog::{self, Entry};
use crate::taxonomy::{self, Taxonomy};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;
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

/// The bundled cases folder: `CASEBOOK_CASES`, else the source checkout's `cases/` for a
/// binary built in that checkout's `target/`, else `cases/` next to the executable or up to
/// three folders above it, else `./cases`, else the source checkout's.
pub fn default_cases_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(ENV_CASES) {
        return PathBuf::from(dir);
    }
    let checkout = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Ok(exe) = std::env::current_exe() {
        // The desktop build copies `cases/` next to its binary as a resource, once per build:
        // a curator running the CLI from the checkout must see the files as they are now.
        if exe.starts_with(checkout.join("target")) && checkout.join("cases").is_dir() {
            return checkout.join("cases");
        }
        for dir in exe.ancestors().skip(1).take(4) {
            let c = dir.join("cases");
            if c.join(identity::TAXONOMY_FILE).is_file() {
                return c;
            }
        }
    }
    let here = PathBuf::from("cases");
    if here.join(identity::TAXONOMY_FILE).is_file() {
        return here;
    }
    checkout.join("cases")
}

/// Environment variable that overrides the cases folder (tests, power users, the CLI).
pub const ENV_CASES: &str = "CASEBOOK_CASES";

/// Environment variable that overrides the data folder (tests, several profiles).
pub const ENV_DATA: &str = "CASEBOOK_DATA";

/// Name of the user-data store in the data folder.
pub const STORE_FILE: &str = "casebook.sqlite";

/// The platform data folder for the index and the store, shared by the CLI and the desktop
/// app: `CASEBOOK_DATA`, else e.g.
/// `~/.local/share/casebook` on Linux.
pub fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(ENV_DATA).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("org", "Casebook", "casebook")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| std::env::temp_dir().join("casebook"))
}

/// The UI language the process locale asks for (`LC_ALL`, then `LC_MESSAGES`, then `LANG`, as
/// POSIX orders them): `ja` or `en`, or `None` when no locale is set.
pub fn system_ui_lang() -> Option<String> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
        .map(|v| {
            if v.starts_with("ja") {
                "ja".to_string()
            } else {
                "en".to_string()
            }
        })
}

/// How many files are processed between progress reports.
const PROGRESS_CHUNK: usize = 512;
/// How many documents are handed to the index writer at once.
const INDEX_BATCH: usize = 2048;

/// The engine's state (implementation detail of [`Engine`]).
struct Inner {
    cases_dir: PathBuf,
    /// Canonical path of the cases folder: the key of this library in the catalog.
    library: String,
    store: Store,
    index: Index,
    state: RwLock<State>,
    /// Serializes index runs (the watcher and a manual reindex may overlap).
    work: Mutex<()>,
    /// Set when the index was (re)created on open; reported by the next index run.
    rebuilt: std::sync::atomic::AtomicBool,
    /// Whether the index files' checksums were verified (once, by the first full run).
    verified: std::sync::atomic::AtomicBool,
    /// Problems with the data folder itself (a damaged store moved aside), shown with the
    /// diagnostics so the user learns where the old file is.
    data_diags: Vec<Diagnostic>,
}

/// What the engine knows about the folder between index runs.
#[derive(Default)]
struct State {
    taxonomy: Taxonomy,
    taxonomy_hash: Option<String>,
    taxonomy_diags: Vec<Diagnostic>,
    /// Problems of `synonyms.yaml`.
    synonyms_diags: Vec<Diagnostic>,
    /// Synonyms, known words and programme names for queries.
    vocab: Arc<Vocabulary>,
    entries: BTreeMap<String, Entry>,
    walk_diags: Vec<Diagnostic>,
    cross_diags: Vec<Diagnostic>,
    /// Paths left out because another file has the same id.
    losers: BTreeSet<String>,
}

/// What examining one file found.
enum Examined {
    /// Same size and time, or same bytes: nothing to do but maybe refresh the time.
    Unchanged { mtime: i64, size: u64 },
    /// New or changed content.
    Changed(Box<(Entry, Option<Case>)>),
    /// The file is gone.
    Gone,
}

fn open_inner(cases_dir: &Path, data_dir: &Path) -> Result<Engine> {
    let canon = cases_dir
        .canonicalize()
        .ok()
        .filter(|p| p.is_dir())
        .ok_or_else(|| Error::NoCasesFolder(cases_dir.to_path_buf()))?;
    std::fs::create_dir_all(data_dir).map_err(|e| Error::io(data_dir, e))?;
    let library = canon.to_string_lossy().to_string();
    let store = Store::open(&data_dir.join(STORE_FILE))?;
    let data_diags: Vec<Diagnostic> = store
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
        .collect();
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
    Ok(Engine {
        inner: Inner {
            cases_dir: canon,
            library,
            store,
            index,
            state: RwLock::new(state),
            work: Mutex::new(()),
            rebuilt: std::sync::atomic::AtomicBool::new(rebuilt),
            verified: std::sync::atomic::AtomicBool::new(rebuilt),
            data_diags,
        },
    })
}

/// Reads and parses `taxonomy.yaml`: the taxonomy (if usable), its diagnostics and its hash.
fn read_taxonomy(root: &Path) -> (Option<Taxonomy>, Vec<Diagnostic>, Option<String>) {
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
fn read_synonyms(root: &Path) -> (crate::synonyms::Synonyms, Vec<Diagnostic>) {
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
fn read_capped(path: &Path, size: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let cap = crate::front_matter::MAX_FILE_BYTES as u64;
    let mut bytes = Vec::with_capacity(size.min(cap) as usize);
    std::fs::File::open(path)?
        .take(cap + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

fn mtime_of(meta: &std::fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs() as i64)
}

impl Inner {
    fn cases_dir(&self) -> &Path {
        &self.cases_dir
    }

    fn store(&self) -> &Store {
        &self.store
    }

    fn read_state(&self) -> std::sync::RwLockReadGuard<'_, State> {
        // A panic while holding the lock cannot leave `State` half-updated in a way that
        // matters: the next index run recomputes it from the files.
        self.state.read().unwrap_or_else(|p| p.into_inner())
    }

    fn write_state(&self) -> std::sync::RwLockWriteGuard<'_, State> {
        self.state.write().unwrap_or_else(|p| p.into_inner())
    }

    /// Examines one file against its catalog entry.
    fn examine(
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
                diagnostics: vec![diagnostic],
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
            diagnostics,
        };
        Examined::Changed(Box::new((entry, case)))
    }

    /// Re-reads and parses a file whose entry says it is fine (for reconciliation).
    fn reload(&self, rel: &str, tax: Option<&Taxonomy>) -> Option<Case> {
        let abs = identity::abs_path(&self.cases_dir, rel);
        let meta = std::fs::metadata(&abs).ok()?;
        let bytes = read_capped(&abs, meta.len()).ok()?;
        let mtime = mtime_of(&meta);
        library::load_bytes(rel, &bytes, mtime, tax).case
    }

    /// Relative path of a watcher path, `None` when it is outside the folder.
    fn relative(&self, p: &Path) -> Option<String> {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.cases_dir.join(p)
        };
        // The file may be gone: canonicalize its parent instead.
        let canon = match p.canonicalize() {
            Ok(c) => c,
            Err(_) => p.parent()?.canonicalize().ok()?.join(p.file_name()?),
        };
        canon
            .strip_prefix(&self.cases_dir)
            .ok()
            .map(|r| identity::rel_path(Path::new(""), r))
    }

    fn index(
        &self,
        only: Option<&[PathBuf]>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<IndexReport> {
        let _guard = self.work.lock().unwrap_or_else(|p| p.into_inner());
        let t0 = Instant::now();

        // A segment damaged on disk can still open: the first full run of a process checks
        // the index files and, if any is damaged, empties the index so everything is
        // indexed again (it is a cache of the folder).
        let mut repaired = false;
        if only.is_none()
            && !self
                .verified
                .swap(true, std::sync::atomic::Ordering::Relaxed)
            && !self.index.is_intact()
        {
            eprintln!(
                "casebook: the search index of {} is damaged; rebuilding it",
                self.cases_dir.display()
            );
            self.index.clear()?;
            self.index.commit()?;
            for e in self.write_state().entries.values_mut() {
                e.indexed_hash = None;
            }
            repaired = true;
        }
        let (tax, tax_diags, tax_hash) = read_taxonomy(&self.cases_dir);
        let tax_changed = tax_hash != self.read_state().taxonomy_hash;

        // Which files to look at.
        let mut targets: Vec<String> = Vec::new();
        let mut full = only.is_none() || tax_changed;
        if let Some(paths) = only
            && !full
        {
            for p in paths {
                match self.relative(p) {
                    Some(rel) if rel == identity::TAXONOMY_FILE => full = true,
                    Some(rel) if identity::is_case_path(&rel) => {
                        let abs = identity::abs_path(&self.cases_dir, &rel);
                        if abs.is_symlink() || abs.is_dir() {
                            full = true;
                        } else {
                            targets.push(rel);
                        }
                    }
                    // Anything in (or being) an ignored folder, e.g. `node_modules/`.
                    Some(rel)
                        if identity::in_ignored_dir(&rel)
                            || rel.rsplit('/').next().is_some_and(identity::is_ignored_dir) => {}
                    Some(rel) => {
                        // Not a case file: a folder that appeared (rescan it), one that went
                        // away (its cases are gone: the catalog knows which), or another file.
                        // Decided from the disk and the catalog, never from the name, so
                        // `2024.q1/` is a folder like any other.
                        let abs = identity::abs_path(&self.cases_dir, &rel);
                        if abs.is_dir() {
                            full = true;
                        } else if !abs.exists() {
                            let prefix = format!("{rel}/");
                            let state = self.read_state();
                            targets.extend(
                                state
                                    .entries
                                    .range(prefix.clone()..)
                                    .take_while(|(k, _)| k.starts_with(&prefix))
                                    .map(|(k, _)| k.clone()),
                            );
                        }
                    }
                    None => {}
                }
            }
        }
        let mut walk_diags = None;
        if full {
            let (files, diags) = library::walk(&self.cases_dir);
            let state = self.read_state();
            let listed: BTreeSet<&String> = files.iter().collect();
            let gone: Vec<String> = state
                .entries
                .keys()
                .filter(|k| !listed.contains(k))
                .cloned()
                .collect();
            drop(state);
            targets = files;
            targets.extend(gone);
            walk_diags = Some(diags);
        }
        targets.sort();
        targets.dedup();
        // The files the caller (the watcher) named: they were written, whatever their time.
        let named: BTreeSet<String> = if full {
            BTreeSet::new()
        } else {
            targets.iter().cloned().collect()
        };

        // Examine in parallel, in chunks so progress can be reported.
        let old_entries: HashMap<String, Entry> = {
            let state = self.read_state();
            targets
                .iter()
                .filter_map(|t| state.entries.get(t).map(|e| (t.clone(), e.clone())))
                .collect()
        };
        let total = targets.len();
        let mut examined: Vec<(String, Examined)> = Vec::with_capacity(total);
        for chunk in targets.chunks(PROGRESS_CHUNK) {
            let part: Vec<(String, Examined)> = chunk
                .par_iter()
                .map(|rel| {
                    let ex = self.examine(
                        rel,
                        old_entries.get(rel),
                        tax_changed,
                        named.contains(rel),
                        tax.as_ref(),
                    );
                    (rel.clone(), ex)
                })
                .collect();
            examined.extend(part);
            progress(Progress {
                done: examined.len(),
                total,
            });
        }

        // `CASEBOOK_TRACE=1` prints the time of each phase (for profiling large libraries).
        let trace = std::env::var_os("CASEBOOK_TRACE").is_some();
        if trace {
            eprintln!("trace: examined {total} in {:?}", t0.elapsed());
        }
        // Apply to the state and work out what the index must change.
        let mut state = self.write_state();
        let mut fresh: HashMap<String, Case> = HashMap::new();
        let mut removed_paths: Vec<String> = Vec::new();
        let mut touched: BTreeSet<String> = BTreeSet::new();
        let mut unchanged = 0usize;
        // Whether any file's id or language changed, or a file came or went: only then can the
        // checks across files (duplicate ids, translations without an original) change.
        let mut ids_changed = full;
        for (rel, ex) in examined {
            match ex {
                Examined::Unchanged { mtime, size } => {
                    unchanged += 1;
                    if let Some(e) = state.entries.get_mut(&rel)
                        && (e.mtime != mtime || e.size != size)
                    {
                        e.mtime = mtime;
                        e.size = size;
                        touched.insert(rel);
                    }
                }
                Examined::Changed(changed) => {
                    let (entry, case) = *changed;
                    if let Some(c) = case {
                        fresh.insert(rel.clone(), c);
                    }
                    let old = state.entries.insert(rel.clone(), entry);
                    let now = state.entries.get(&rel);
                    if old.as_ref().map(|o| (&o.id, &o.lang)) != now.map(|n| (&n.id, &n.lang)) {
                        ids_changed = true;
                    }
                    touched.insert(rel);
                }
                Examined::Gone => {
                    if let Some(e) = state.entries.remove(&rel) {
                        ids_changed = true;
                        removed_paths.push(rel.clone());
                        if e.indexed_hash.is_some() {
                            fresh.remove(&rel);
                        }
                    }
                }
            }
        }
        if let Some(d) = walk_diags {
            state.walk_diags = d;
        }
        if ids_changed {
            let ids: BTreeMap<String, (String, String)> = state
                .entries
                .iter()
                .filter_map(|(p, e)| {
                    e.id.as_ref()
                        .map(|id| (p.clone(), (id.clone(), e.lang.clone())))
                })
                .collect();
            let (cross, losers) = library::cross_check(&ids);
            state.cross_diags = cross;
            state.losers = losers.into_iter().collect();
        }

        let mut to_index: Vec<String> = Vec::new();
        let mut to_delete: Vec<String> = removed_paths.clone();
        for (path, e) in &state.entries {
            let want = e.ok && !state.losers.contains(path);
            if want && e.indexed_hash.as_deref() != Some(e.hash.as_str()) {
                to_index.push(path.clone());
            } else if !want && e.indexed_hash.is_some() {
                to_delete.push(path.clone());
            }
        }
        drop(state);

        // Build and add the documents outside the lock, a batch at a time so memory stays
        // bounded: take what this run parsed, re-read what it did not.
        let mut changed_index = !to_delete.is_empty();
        if !to_delete.is_empty() {
            self.index.delete_paths(&to_delete)?;
        }
        let mut indexed: Vec<(String, String)> = Vec::with_capacity(to_index.len());
        for chunk in to_index.chunks(INDEX_BATCH) {
            let taken: Vec<(&String, Option<Case>)> =
                chunk.iter().map(|p| (p, fresh.remove(p))).collect();
            let cases: Vec<Case> = taken
                .into_par_iter()
                .filter_map(|(p, c)| c.or_else(|| self.reload(p, tax.as_ref())))
                .collect();
            let texts: Vec<(String, Vec<String>)> = cases
                .par_iter()
                .map(|c| crate::markdown::text_and_headings(&c.body))
                .collect();
            let concepts: Vec<Vec<String>> = cases
                .iter()
                .map(|c| {
                    tax.as_ref()
                        .map(|t| t.concept_labels(&c.meta))
                        .unwrap_or_default()
                })
                .collect();
            let docs: Vec<IndexDoc<'_>> = cases
                .iter()
                .zip(&texts)
                .zip(&concepts)
                .map(|((case, (text, headings)), concepts)| IndexDoc {
                    case,
                    text,
                    headings,
                    concepts,
                })
                .collect();
            self.index.upsert(&docs)?;
            changed_index = true;
            indexed.extend(cases.iter().map(|c| (c.path.clone(), c.hash.clone())));
        }
        if trace {
            eprintln!("trace: upserted in {:?}", t0.elapsed());
        }
        // Index first, then the catalog: a crash in between only causes a redundant reindex.
        if changed_index {
            self.index.commit()?;
        }
        if trace {
            eprintln!("trace: committed in {:?}", t0.elapsed());
        }

        let mut state = self.write_state();
        for (path, hash) in &indexed {
            if let Some(e) = state.entries.get_mut(path) {
                e.indexed_hash = Some(hash.clone());
            }
        }
        for p in &to_delete {
            if let Some(e) = state.entries.get_mut(p) {
                e.indexed_hash = None;
                touched.insert(p.clone());
            }
        }
        touched.extend(indexed.iter().map(|(p, _)| p.clone()));
        state.taxonomy = tax.unwrap_or_default();
        // Synonyms are read on every run (a small file), so a saved change applies at once.
        let (synonyms, synonyms_diags) = read_synonyms(&self.cases_dir);
        state.vocab = Arc::new(Vocabulary::new(&synonyms, &state.taxonomy));
        state.synonyms_diags = synonyms_diags;
        state.taxonomy_diags = tax_diags;
        state.taxonomy_hash = tax_hash.clone();
        let changed_rows: Vec<(&String, &Entry)> = touched
            .iter()
            .filter_map(|p| state.entries.get_key_value(p))
            .collect();
        {
            let mut conn = self.store.conn();
            catalog::save(&mut conn, &self.library, &changed_rows, &removed_paths)?;
            if let Some(h) = &tax_hash {
                crate::store::settings::set(&conn, &format!("taxonomy_hash:{}", self.library), h)?;
            }
        }
        let invalid = state.entries.values().filter(|e| !e.ok).count() + state.losers.len();
        let diagnostics = state.taxonomy_diags.len()
            + state.synonyms_diags.len()
            + state.walk_diags.len()
            + state.cross_diags.len()
            + state
                .entries
                .values()
                .map(|e| e.diagnostics.len())
                .sum::<usize>();
        Ok(IndexReport {
            indexed: indexed.len(),
            unchanged,
            removed: to_delete.len(),
            invalid,
            diagnostics,
            rebuilt: repaired
                | self
                    .rebuilt
                    .swap(false, std::sync::atomic::Ordering::Relaxed),
            took_ms: t0.elapsed().as_secs_f64() * 1000.0,
        })
    }

    fn search(&self, request: &SearchRequest) -> Result<SearchResponse> {
        request.check_size().map_err(Error::InvalidArgument)?;
        if let (Some(f), Some(t)) = (request.from, request.to)
            && f > t
        {
            return Err(Error::InvalidArgument(format!(
                "year range is empty: from {f} is after to {t}"
            )));
        }
        let state = self.read_state();
        self.index.search(request, &state.taxonomy, &state.vocab)
    }

    /// The facts of every match of `request` (checked like a search).
    fn case_facts(&self, request: &SearchRequest) -> Result<Vec<crate::explore::CaseFacts>> {
        request.check_size().map_err(Error::InvalidArgument)?;
        if let (Some(f), Some(t)) = (request.from, request.to)
            && f > t
        {
            return Err(Error::InvalidArgument(format!(
                "year range is empty: from {f} is after to {t}"
            )));
        }
        let state = self.read_state();
        self.index.case_facts(request, &state.vocab)
    }

    /// Paths of the indexed files of `id`, by language.
    fn files_of(&self, id: &str) -> BTreeMap<String, String> {
        let state = self.read_state();
        state
            .entries
            .iter()
            .filter(|(p, e)| e.ok && e.id.as_deref() == Some(id) && !state.losers.contains(*p))
            .map(|(p, e)| (e.lang.clone(), p.clone()))
            .collect()
    }

    fn case(&self, id: &str, lang: Option<&str>) -> Result<CaseView> {
        let files = self.files_of(id);
        let (lang, path) = lang
            .and_then(|l| files.get_key_value(l))
            .or_else(|| files.get_key_value("en"))
            .or_else(|| files.iter().next())
            .ok_or_else(|| Error::NotFound(id.to_string()))?;
        let tax = self.read_state().taxonomy.clone();
        let case = self
            .reload(path, Some(&tax))
            .ok_or_else(|| Error::NotFound(id.to_string()))?;
        let rendered = crate::markdown::render(&case.body, &case.path);
        let label = |facet: &str, v: &String| Labelled {
            id: v.clone(),
            label: tax.label(facet, v, lang),
        };
        let m = &case.meta;
        Ok(CaseView {
            hazards: m.hazards.iter().map(|v| label("hazard", v)).collect(),
            sectors: m.sectors.iter().map(|v| label("sector", v)).collect(),
            measures: m.measures.iter().map(|v| label("measure", v)).collect(),
            programmes: m.programmes.iter().map(|v| label("programme", v)).collect(),
            region: label("region", &m.region),
            path: case.path.clone(),
            lang: lang.clone(),
            languages: files.keys().cloned().collect(),
            html: rendered.html,
            meta: case.meta,
        })
    }

    fn related(&self, id: &str, limit: usize) -> Result<Vec<Hit>> {
        if self.files_of(id).is_empty() {
            return Err(Error::NotFound(id.to_string()));
        }
        let lang = self
            .store
            .setting("ui_lang")?
            .unwrap_or_else(|| "en".into());
        self.index.related(id, &lang, limit.clamp(1, 100))
    }

    fn diagnostics(&self) -> Vec<Diagnostic> {
        let state = self.read_state();
        let mut all: Vec<Diagnostic> = state
            .taxonomy_diags
            .iter()
            .chain(&state.synonyms_diags)
            .chain(&self.data_diags)
            .chain(&state.walk_diags)
            .chain(&state.cross_diags)
            .chain(state.entries.values().flat_map(|e| e.diagnostics.iter()))
            .cloned()
            .collect();
        all.sort_by(|a, b| {
            (&a.path, a.line, a.column, b.severity).cmp(&(&b.path, b.line, b.column, a.severity))
        });
        all.dedup();
        all
    }

    fn translation_diagnostics(&self) -> Vec<Diagnostic> {
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

    fn taxonomy(&self) -> Taxonomy {
        self.read_state().taxonomy.clone()
    }

    fn library_info(&self) -> LibraryInfo {
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

    fn new_case(&self, id: &str) -> Result<PathBuf> {
        if crate::filenames::is_reserved_name(id) {
            return Err(Error::InvalidArgument(format!(
                "invalid id `{id}`: a device name on Windows, where its file cannot exist; add a word, e.g. `{id}-heat-plan`"
            )));
        }
        if !is_valid_id(id) {
            return Err(Error::InvalidArgument(format!(
                "invalid id `{id}`: use lower-case letters, digits and `-`, e.g. `oslo-heat-plan`"
            )));
        }
        if let Some((path, _)) = self
            .read_state()
            .entries
            .iter()
            .find(|(_, e)| e.id.as_deref() == Some(id))
        {
            return Err(Error::AlreadyExists(identity::abs_path(
                &self.cases_dir,
                path,
            )));
        }
        let path = self.cases_dir.join(format!("{id}.md"));
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => Error::AlreadyExists(path.clone()),
                _ => Error::io(&path, e),
            })?;
        use std::io::Write;
        file.write_all(template(id).as_bytes())
            .map_err(|e| Error::io(&path, e))?;
        Ok(path)
    }
}

/// The template `casebook new` writes: valid YAML whose placeholders lint points at.
fn template(id: &str) -> String {
    let today = today();
    format!(
        r#"---
id: {id}
title: ""                 # what was done, where: "Cloudburst Management Plan"
city: ""
country: ""               # ISO 3166-1 alpha-2, e.g. DK, JP
region: ""                # taxonomy.yaml `region`, e.g. europe/northern, japan/kanto
programmes: []            # taxonomy.yaml `programme`, e.g. [eu-cities-mission]
hazards: []               # taxonomy.yaml `hazard`, e.g. [flooding/pluvial]
sectors: []               # taxonomy.yaml `sector`, at least one
measures: []              # taxonomy.yaml `measure`, at least one
type: adaptation          # adaptation | mitigation | both
status: ongoing           # planned | ongoing | completed
started: {year}
summary: ""               # one to three sentences
outcomes: []              # - {{ metric: "...", value: 0, unit: "...", year: {year} }}
sources: []               # - {{ title: "...", url: "https://..." }}
updated: {today}
---
## Context

## What was done

## Results

## Costs and funding

## Lessons and transferability
"#,
        year = &today[..4]
    )
}

/// Today's date (UTC) as `YYYY-MM-DD`, without a date crate: days since the epoch to a civil
/// date (Howard Hinnant's algorithm).
pub(crate) fn today() -> String {
    date_of(now_secs())
}

/// The UTC date of `secs` since the Unix epoch as `YYYY-MM-DD`.
fn date_of(secs: i64) -> String {
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_from_epoch_seconds() {
        assert_eq!(date_of(0), "1970-01-01");
        assert_eq!(date_of(951_782_400), "2000-02-29");
        assert_eq!(date_of(951_868_800), "2000-03-01");
        assert_eq!(date_of(1_735_689_599), "2024-12-31");
        assert_eq!(date_of(1_735_689_600), "2025-01-01");
        assert_eq!(date_of(4_107_542_400), "2100-03-01");
        assert_eq!(date_of(-86_400), "1969-12-31");
    }

    #[test]
    fn today_is_the_date_of_now() {
        let before = now_secs();
        let t = today();
        let after = now_secs();
        assert!(t == date_of(before) || t == date_of(after), "{t}");
    }
}
