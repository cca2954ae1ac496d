//! The Casebook desktop shell: Tauri commands (each one call into [`casebook::Engine`]),
//! events, the file-watcher bridge, the `casebook:` image protocol and window/menu setup.
//!
//! The IPC contract (command names, payloads, events) is shared with `ui/`; the TypeScript
//! types are generated from the core's Rust types.

mod explore;
mod menu;
mod protocol;
mod window_state;
mod workshop;

use casebook::watch::{Change, Watcher};
use casebook::{
    CaseView, Diagnostic, Engine, ErrorPayload, Hit, IndexReport, SearchRequest, SearchResponse,
    Taxonomy,
};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, RwLock, Weak};
use std::time::{Duration, Instant};
use tauri::{AppHandle, Emitter, Manager, Runtime, WebviewUrl, WebviewWindowBuilder};

pub use casebook::LibraryInfo;

/// Environment variable that overrides the data folder (index + store); the core reads it.
pub use casebook::engine::ENV_DATA;
/// Environment variable that overrides the cases folder (tests, power users).
pub use casebook::user_settings::ENV_CASES;

/// Event: progress of a (re)index, payload [`casebook::engine::Progress`].
pub const EVENT_INDEX_PROGRESS: &str = "index-progress";
/// Event: the index changed, payload [`IndexReport`].
pub const EVENT_LIBRARY_CHANGED: &str = "library-changed";
/// Event: the diagnostics changed, payload `Vec<Diagnostic>`.
pub const EVENT_DIAGNOSTICS_CHANGED: &str = "diagnostics-changed";

/// Label of the one window.
const MAIN_WINDOW: &str = "main";

/// Shell state shared by commands, the watcher and the image protocol.
pub struct AppState {
    /// The open engine. Replaced as a whole when the user switches folders; commands clone
    /// the `Arc` and release the lock at once, so a long search never blocks a switch.
    engine: RwLock<Option<Arc<Engine>>>,
    /// Why the engine could not be opened, reported by every command while it is `None`.
    open_error: Mutex<Option<ErrorPayload>>,
    /// The watcher of the current cases folder.
    watcher: Mutex<Option<Watcher>>,
    /// The cases folder shipped with the app.
    bundled_dir: PathBuf,
    /// Where the index and the store live.
    data_dir: PathBuf,
}

impl AppState {
    /// State with no engine open yet.
    pub fn new(bundled_dir: PathBuf, data_dir: PathBuf) -> Self {
        AppState {
            engine: RwLock::new(None),
            open_error: Mutex::new(None),
            watcher: Mutex::new(None),
            bundled_dir,
            data_dir,
        }
    }

    /// The current engine, or the reason there is none.
    fn engine(&self) -> Result<Arc<Engine>, ErrorPayload> {
        if let Some(e) = read(&self.engine).as_ref() {
            return Ok(Arc::clone(e));
        }
        Err(lock(&self.open_error)
            .clone()
            .unwrap_or_else(|| payload(casebook::Error::NotReady)))
    }

    /// The cases folder currently open (for the image protocol).
    fn cases_dir(&self) -> Option<PathBuf> {
        read(&self.engine)
            .as_ref()
            .map(|e| e.cases_dir().to_path_buf())
    }
}

/// Locks a mutex, recovering from poisoning: a panic in one command must not take the whole
/// app down with it, and the guarded data stays consistent (each holder replaces it whole).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn read<T>(m: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    m.read().unwrap_or_else(|e| e.into_inner())
}

fn write<T>(m: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    m.write().unwrap_or_else(|e| e.into_inner())
}

fn payload(e: casebook::Error) -> ErrorPayload {
    ErrorPayload::from(&e)
}

/// Runs the body of command `name`, turning a panic into an `internal` error with a log line:
/// a bug in one command must reach the user as a message, never as a promise that does not
/// settle or a window that goes away.
fn guarded<T>(
    name: &str,
    body: impl FnOnce() -> Result<T, ErrorPayload>,
) -> Result<T, ErrorPayload> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)) {
        Ok(result) => result,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            eprintln!("casebook: internal error in `{name}`: {what}");
            Err(payload(casebook::Error::Internal(format!(
                "{name} failed unexpectedly ({what}); please report this"
            ))))
        }
    }
}

/// A background task that failed to finish (it panicked or was cancelled).
fn task_failed(name: &str, e: impl std::fmt::Display) -> ErrorPayload {
    eprintln!("casebook: internal error in `{name}`: {e}");
    payload(casebook::Error::Internal(format!(
        "{name} failed unexpectedly ({e})"
    )))
}

fn invalid(message: impl Into<String>) -> ErrorPayload {
    ErrorPayload {
        code: "invalid_argument".into(),
        message: message.into(),
    }
}

// ---------------------------------------------------------------------------------------------
// Commands. Async so they run on the async runtime's threads, never on the UI thread; the ones
// that can take long (index runs) move to a blocking thread.
// ---------------------------------------------------------------------------------------------

/// Runs a search.
#[tauri::command]
async fn search(
    state: tauri::State<'_, AppState>,
    request: SearchRequest,
) -> Result<SearchResponse, ErrorPayload> {
    guarded("search", || {
        state.engine()?.search(&request).map_err(payload)
    })
}

/// One case, rendered, in `lang` (or its fallback).
#[tauri::command]
async fn get_case(
    state: tauri::State<'_, AppState>,
    id: String,
    lang: Option<String>,
) -> Result<CaseView, ErrorPayload> {
    guarded("get_case", || {
        state.engine()?.case(&id, lang.as_deref()).map_err(payload)
    })
}

/// Cases similar to `id`.
#[tauri::command]
async fn related(
    state: tauri::State<'_, AppState>,
    id: String,
    limit: u32,
) -> Result<Vec<Hit>, ErrorPayload> {
    // A limit beyond a page of results is a UI bug, not a reason to do unbounded work.
    let limit = (limit as usize).min(100);
    guarded("related", || {
        state.engine()?.related(&id, limit).map_err(payload)
    })
}

/// Every diagnostic of the library.
#[tauri::command]
async fn diagnostics(state: tauri::State<'_, AppState>) -> Result<Vec<Diagnostic>, ErrorPayload> {
    guarded("diagnostics", || Ok(state.engine()?.diagnostics()))
}

/// The taxonomy (facets and their labels).
#[tauri::command]
async fn taxonomy(state: tauri::State<'_, AppState>) -> Result<Taxonomy, ErrorPayload> {
    guarded("taxonomy", || Ok(state.engine()?.taxonomy()))
}

/// Re-scans the whole folder; also emits `library-changed` and `diagnostics-changed`.
#[tauri::command]
async fn reindex<R: Runtime>(app: AppHandle<R>) -> Result<IndexReport, ErrorPayload> {
    tauri::async_runtime::spawn_blocking(move || {
        guarded("reindex", || run_index(&app, IndexKind::Full))
    })
    .await
    .map_err(|e| task_failed("reindex", e))?
}

/// Where the library is and how many cases it has.
#[tauri::command]
async fn library_info(state: tauri::State<'_, AppState>) -> Result<LibraryInfo, ErrorPayload> {
    guarded("library_info", || {
        let engine = state.engine()?;
        Ok(engine.library_info_with(&state.bundled_dir))
    })
}

/// Asks the user for a cases folder with the system's folder dialog and switches to it
/// (remembered, indexed in the background); `None` when the dialog is cancelled.
///
/// The page never passes a path: whatever runs in the web view can only open the dialog, so
/// it cannot point the library (and with it the `casebook:` image protocol) at an arbitrary
/// folder.
#[tauri::command]
async fn choose_cases_folder<R: Runtime>(
    app: AppHandle<R>,
    title: String,
) -> Result<Option<LibraryInfo>, ErrorPayload> {
    tauri::async_runtime::spawn_blocking(move || {
        guarded("choose_cases_folder", || {
            use tauri_plugin_dialog::DialogExt;
            let title: String = title.chars().take(200).collect();
            let Some(picked) = app.dialog().file().set_title(title).blocking_pick_folder() else {
                return Ok(None);
            };
            let path = picked
                .into_path()
                .map_err(|e| invalid(format!("the chosen folder is not a local path: {e}")))?;
            switch_folder(&app, &path, true).map(Some)
        })
    })
    .await
    .map_err(|e| task_failed("choose_cases_folder", e))?
}

/// A user setting (`ui_lang`, `theme`, ...).
#[tauri::command]
async fn get_setting(
    state: tauri::State<'_, AppState>,
    key: String,
) -> Result<Option<String>, ErrorPayload> {
    guarded("get_setting", || {
        state.engine()?.user_setting(&key).map_err(payload)
    })
}

/// Saves a user setting. `cases_dir` is refused here: it changes only through the folder
/// dialog (`choose_cases_folder`).
#[tauri::command]
async fn set_setting<R: Runtime>(
    app: AppHandle<R>,
    state: tauri::State<'_, AppState>,
    key: String,
    value: String,
) -> Result<(), ErrorPayload> {
    guarded("set_setting", || {
        state
            .engine()?
            .set_user_setting(&key, &value)
            .map_err(payload)
    })?;
    // The native menu follows the UI language.
    if key == menu::SETTING_UI_LANG {
        menu::set_language(&app, &value);
    }
    Ok(())
}

/// Opens an `https://` URL in the system browser. The UI asks the user first; this refuses
/// every other scheme (`javascript:`, `file:`, `http:` ...) so a hostile case cannot use it.
#[tauri::command]
async fn open_external<R: Runtime>(app: AppHandle<R>, url: String) -> Result<(), ErrorPayload> {
    let parsed = casebook::links::external_url(&url).map_err(payload)?;
    use tauri_plugin_opener::OpenerExt;
    app.opener()
        .open_url(&parsed, None::<&str>)
        .map_err(|e| ErrorPayload {
            code: "open_failed".into(),
            message: format!("could not open {parsed}: {e}"),
        })
}

/// Opens the file of a problem (a path listed under Problems) at `line`: in the editor of
/// `CASEBOOK_EDITOR`, or with the system's default application for it.
#[tauri::command]
async fn open_problem<R: Runtime>(
    app: AppHandle<R>,
    state: tauri::State<'_, AppState>,
    path: String,
    line: usize,
) -> Result<(), ErrorPayload> {
    let launch = guarded("open_problem", || {
        state.engine()?.problem_launch(&path, line).map_err(payload)
    })?;
    match launch {
        casebook::editor::Launch::System(file) => {
            use tauri_plugin_opener::OpenerExt;
            app.opener()
                .open_path(file.to_string_lossy(), None::<&str>)
                .map_err(|e| ErrorPayload {
                    code: "open_failed".into(),
                    message: format!("could not open {}: {e}", file.display()),
                })
        }
        editor => editor.spawn().map_err(payload),
    }
}

// ---------------------------------------------------------------------------------------------
// Indexing, events and the watcher bridge.
// ---------------------------------------------------------------------------------------------

/// What an index run re-reads.
enum IndexKind {
    /// The whole folder (startup, manual reindex, watcher rescan).
    Full,
    /// Only these files (watcher).
    Paths(Vec<PathBuf>),
}

/// Runs one index pass on the current engine and emits the events the UI listens to.
fn run_index<R: Runtime>(app: &AppHandle<R>, kind: IndexKind) -> Result<IndexReport, ErrorPayload> {
    let state = app.state::<AppState>();
    let engine = state.engine()?;
    run_index_on(app, &engine, kind)
}

fn run_index_on<R: Runtime>(
    app: &AppHandle<R>,
    engine: &Engine,
    kind: IndexKind,
) -> Result<IndexReport, ErrorPayload> {
    // The engine runs one index pass at a time; events are sent only while this engine is the
    // open library, so a run that ends after a folder switch does not report the old folder.
    let current = || {
        read(&app.state::<AppState>().engine)
            .as_ref()
            .is_some_and(|e| std::ptr::eq(Arc::as_ptr(e), engine))
    };
    let result = match kind {
        IndexKind::Paths(paths) => engine.update_paths(&paths),
        IndexKind::Full => {
            // Progress events are throttled: a 10k-file library would otherwise send 10k
            // messages through the IPC bridge.
            let mut last = Instant::now() - Duration::from_secs(1);
            let mut progress = |p: casebook::engine::Progress| {
                if (p.done == p.total || last.elapsed() >= Duration::from_millis(100)) && current()
                {
                    last = Instant::now();
                    let _ = app.emit(EVENT_INDEX_PROGRESS, p);
                }
            };
            engine.index_with_progress(&mut progress)
        }
    };
    if std::env::var_os("CASEBOOK_DEBUG_WATCH").is_some() {
        eprintln!("casebook: index run: {result:?}");
    }
    if !current() {
        return result.map_err(payload);
    }
    match result {
        Ok(report) => {
            let _ = app.emit(EVENT_LIBRARY_CHANGED, &report);
            let _ = app.emit(EVENT_DIAGNOSTICS_CHANGED, engine.diagnostics());
            Ok(report)
        }
        Err(e) => {
            eprintln!(
                "casebook: indexing {} failed: {e}",
                engine.cases_dir().display()
            );
            // The diagnostics may still have changed (e.g. the taxonomy became invalid).
            let _ = app.emit(EVENT_DIAGNOSTICS_CHANGED, engine.diagnostics());
            Err(payload(e))
        }
    }
}

/// Starts watching the current engine's folder, replacing any previous watcher.
fn restart_watcher<R: Runtime>(app: &AppHandle<R>, engine: &Arc<Engine>) {
    let state = app.state::<AppState>();
    let mut slot = lock(&state.watcher);
    // Drop the old watcher first: that waits for a callback in flight on the old folder.
    *slot = None;
    let weak: Weak<Engine> = Arc::downgrade(engine);
    let handle = app.clone();
    let watcher = Watcher::new(engine.cases_dir(), move |change| {
        // The engine may have been replaced by a folder switch since the event was queued.
        let Some(engine) = weak.upgrade() else {
            return;
        };
        if std::env::var_os("CASEBOOK_DEBUG_WATCH").is_some() {
            eprintln!("casebook: watcher: {change:?}");
        }
        let kind = match change {
            Change::Changed(paths) => IndexKind::Paths(paths),
            Change::Rescan => IndexKind::Full,
        };
        let _ = run_index_on(&handle, &engine, kind);
    });
    match watcher {
        Ok(w) => *slot = Some(w),
        // Live re-index is a convenience: without it the app still works (manual reindex).
        Err(e) => eprintln!(
            "casebook: not watching {} for changes: {e}",
            engine.cases_dir().display()
        ),
    }
}

/// Opens `cases_dir` as the library, starts its watcher and indexes it in the background.
/// With `remember`, saves it as the user's `cases_dir` setting.
fn switch_folder<R: Runtime>(
    app: &AppHandle<R>,
    cases_dir: &Path,
    remember: bool,
) -> Result<LibraryInfo, ErrorPayload> {
    let state = app.state::<AppState>();
    let dir = cases_dir
        .canonicalize()
        .ok()
        .filter(|d| d.is_dir())
        .ok_or_else(|| payload(casebook::Error::NoCasesFolder(cases_dir.to_path_buf())))?;

    // The folder that is already open is not opened twice (two index writers on one folder
    // would lock each other out).
    if let Some(current) = read(&state.engine).as_ref()
        && casebook::user_settings::same_dir(current.cases_dir(), &dir)
    {
        let engine = Arc::clone(current);
        if remember {
            engine.remember_cases_dir().map_err(payload)?;
        }
        return Ok(engine.library_info_with(&state.bundled_dir));
    }
    // Open the new library while the old one stays in service: if the open fails, the app
    // keeps the library it had (and its watcher) and reports why.
    let engine = Arc::new(Engine::open(&dir, &state.data_dir).map_err(payload)?);
    // Stop the old folder's watcher and let its index run in progress finish (the core waits)
    // before the new library takes over.
    *lock(&state.watcher) = None;
    let old = read(&state.engine).clone();
    if let Some(old) = old {
        old.wait_until_idle();
    }
    *write(&state.engine) = Some(Arc::clone(&engine));
    *lock(&state.open_error) = None;
    if remember {
        engine.remember_cases_dir().map_err(payload)?;
    }
    start_background_index(app, &engine);
    Ok(engine.library_info_with(&state.bundled_dir))
}

/// Starts the watcher (first, so no save during indexing is missed) and a full index run on a
/// background thread: the window is usable at once.
fn start_background_index<R: Runtime>(app: &AppHandle<R>, engine: &Arc<Engine>) {
    restart_watcher(app, engine);
    let app = app.clone();
    let engine = Arc::clone(engine);
    let spawned = std::thread::Builder::new()
        .name("casebook-index".into())
        .spawn(move || {
            let _ = run_index_on(&app, &engine, IndexKind::Full);
        });
    if let Err(e) = spawned {
        eprintln!("casebook: cannot start the indexing thread: {e}");
    }
}

// ---------------------------------------------------------------------------------------------
// Startup.
// ---------------------------------------------------------------------------------------------

/// The bundled `cases/` resource. In a `cargo build` tree tauri-build copies it next to the
/// binary; the source tree's copy is the fallback for tools that skip that (e.g. `cargo test`).
fn bundled_cases_dir<R: Runtime>(app: &AppHandle<R>) -> PathBuf {
    use tauri::path::BaseDirectory;
    if let Ok(p) = app.path().resolve("cases", BaseDirectory::Resource)
        && p.join(casebook::identity::TAXONOMY_FILE).is_file()
    {
        return p;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../cases")
}

/// The data folder (index + store): the core's, so the CLI and the app share one index and
/// one store (`casebook index` warms the app). A store left in the folder of earlier app
/// versions (the Tauri identifier's folder) is copied over once, never moved.
fn data_dir<R: Runtime>(app: &AppHandle<R>) -> Result<PathBuf, String> {
    let dir = casebook::engine::default_data_dir();
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let store = dir.join(casebook::engine::STORE_FILE);
    if !store.exists()
        && let Ok(old_dir) = app.path().app_data_dir()
        && old_dir != dir
        && old_dir.join(casebook::engine::STORE_FILE).is_file()
        && let Err(e) = std::fs::copy(old_dir.join(casebook::engine::STORE_FILE), &store)
    {
        eprintln!(
            "casebook: could not copy the settings of {}: {e}",
            old_dir.display()
        );
    }
    Ok(dir)
}

/// Chooses the library (the core's rule: `CASEBOOK_CASES`, else the remembered folder, else
/// the bundled cases) and logs why a remembered folder was not used.
fn choose_cases_dir(state: &AppState) -> PathBuf {
    let (dir, why) = casebook::user_settings::choose_cases_dir(&state.bundled_dir, &state.data_dir);
    if let Some(why) = why {
        eprintln!("casebook: {why}");
    }
    dir
}

/// Opens the library at startup; a failure is remembered and reported by every command, so
/// the window still opens and can show it.
fn open_library<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let dir = choose_cases_dir(&state);
    if let Err(e) = switch_folder(app, &dir, false) {
        eprintln!("casebook: cannot open {}: {}", dir.display(), e.message);
        *lock(&state.open_error) = Some(e);
    }
}

/// Whether the web view may navigate to `url`: only the app's own pages.
fn is_app_url(url: &url::Url) -> bool {
    match url.scheme() {
        // Linux/macOS serve the app from tauri://localhost; Windows/Android from
        // http(s)://tauri.localhost.
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    }
}

/// Adds the app's plugins, commands, protocol and setup to `builder`. Shared by [`run`] and
/// the tests (which pass Tauri's mock runtime builder).
pub fn configure<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .register_uri_scheme_protocol("casebook", |ctx, request| {
            let root = ctx.app_handle().state::<AppState>().cases_dir();
            protocol::respond(root.as_deref(), &request)
        })
        .invoke_handler(tauri::generate_handler![
            search,
            get_case,
            related,
            diagnostics,
            taxonomy,
            reindex,
            library_info,
            choose_cases_folder,
            get_setting,
            set_setting,
            open_external,
            open_problem,
            workshop::list_collections,
            workshop::collection,
            workshop::create_collection,
            workshop::rename_collection,
            workshop::describe_collection,
            workshop::delete_collection,
            workshop::restore_collection,
            workshop::add_to_collection,
            workshop::remove_from_collection,
            workshop::move_in_collection,
            workshop::set_item_note,
            workshop::collected_case_ids,
            workshop::get_note,
            workshop::set_note,
            workshop::export_collection,
            workshop::export_search,
            workshop::import_collection,
            workshop::compare,
            workshop::export_comparison,
            explore::places,
            explore::stats,
            explore::like
        ])
}

/// Creates the main window (1280x800, min 720x480) with navigation locked to the app.
/// What to tell a person whose window could not be created: on Windows the webview is Microsoft
/// Edge WebView2, which older or locked-down machines may lack; on Linux it is WebKitGTK.
fn window_failure_hint() -> &'static str {
    if cfg!(windows) {
        "casebook: the window could not be created. Casebook needs the Microsoft Edge WebView2 \
         Runtime (part of Windows 11 and of current Windows 10). Ask your IT department to \
         install the Evergreen WebView2 Runtime, then start Casebook again."
    } else {
        "casebook: the window could not be created. Casebook needs WebKitGTK 4.1 \
         (Debian/Ubuntu package libwebkit2gtk-4.1-0) and a graphical session."
    }
}

fn create_main_window<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    // Fits the screen; the saved geometry is applied once the store is open.
    let size = window_state::initial_size(app);
    WebviewWindowBuilder::new(app, MAIN_WINDOW, WebviewUrl::App("index.html".into()))
        .title("Casebook")
        .inner_size(size.0, size.1)
        .min_inner_size(window_state::MIN_SIZE.0, window_state::MIN_SIZE.1)
        .on_navigation(is_app_url)
        // Links with target=_blank or window.open never spawn a second web view; external
        // links go through `open_external`.
        .on_new_window(|_, _| tauri::webview::NewWindowResponse::Deny)
        .build()?;
    Ok(())
}

/// The compiled-in configuration, frontend and ACL (one expansion, shared with the tests).
fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

/// Runs the desktop app.
pub fn run() {
    let builder = tauri::Builder::default()
        // Registered first so a second launch exits before it does any work.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window(MAIN_WINDOW) {
                let _ = w.unminimize();
                let _ = w.show();
                let _ = w.set_focus();
            }
        }));
    let result = configure(builder)
        .setup(|app| {
            let handle = app.handle().clone();
            let data = data_dir(&handle)?;
            app.manage(AppState::new(bundled_cases_dir(&handle), data));
            let menu = menu::build_menu(&handle, menu::system_lang())?;
            app.set_menu(menu)?;
            app.on_menu_event(|app, event| {
                if event.id() == menu::MENU_REINDEX {
                    let app = app.clone();
                    std::thread::spawn(move || {
                        let _ = run_index(&app, IndexKind::Full);
                    });
                }
            });
            // The window first, so it shows at once; the library opens (cheap) and indexes
            // on a background thread.
            if let Err(e) = create_main_window(&handle) {
                // Tauri turns a setup error into a panic with a raw message; a person needs
                // to know what to do instead, so say it and leave.
                eprintln!("casebook: {e}");
                eprintln!("{}", window_failure_hint());
                std::process::exit(1);
            }
            open_library(&handle);
            if let Some(w) = handle.get_webview_window(MAIN_WINDOW) {
                window_state::restore_and_track(&w);
            }
            // The stored UI language, once the store is open.
            if let Ok(engine) = handle.state::<AppState>().engine()
                && let Ok(Some(lang)) = engine.setting(menu::SETTING_UI_LANG)
            {
                menu::set_language(&handle, &lang);
            }
            Ok(())
        })
        .run(context());
    if let Err(e) = result {
        eprintln!("casebook: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod ipc_tests;
#[cfg(test)]
mod tests;
