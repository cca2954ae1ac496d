//! Commands of the workshop kit: collections, notes, exports and imports. Each is one call
//! into the core; the save and open dialogs are the shell's, so the page never names a path.

use super::{AppState, guarded, payload, task_failed};
use casebook::collection::compare::Comparison;
use casebook::collection::export::{Format, Options};
use casebook::collection::portable::{ImportReport, PortableCollection};
use casebook::collection::save::{extension, suggested_file_name};
use casebook::collection::{CollectionSummary, CollectionView};
use casebook::{ErrorPayload, SearchRequest};
use std::path::PathBuf;
use tauri::{AppHandle, Manager, Runtime};

/// Environment variable naming a folder that exports are saved into without the save dialog
/// (the end-to-end tests cannot answer a native dialog). Unset in normal use.
pub const ENV_SAVE_DIR: &str = "CASEBOOK_SAVE_DIR";
/// Environment variable naming a collection file that `import_collection` reads without the
/// open dialog (end-to-end tests). Unset in normal use.
pub const ENV_IMPORT_FILE: &str = "CASEBOOK_IMPORT_FILE";

/// Every collection, by name.
#[tauri::command]
pub(crate) async fn list_collections(
    state: tauri::State<'_, AppState>,
) -> Result<Vec<CollectionSummary>, ErrorPayload> {
    guarded("list_collections", || {
        state.engine()?.collections().map_err(payload)
    })
}

/// One collection with its cases in order, titles in `lang` where a translation exists.
#[tauri::command]
pub(crate) async fn collection(
    state: tauri::State<'_, AppState>,
    id: i64,
    lang: Option<String>,
) -> Result<CollectionView, ErrorPayload> {
    guarded("collection", || {
        state
            .engine()?
            .collection(id, lang.as_deref())
            .map_err(payload)
    })
}

/// Creates an empty collection.
#[tauri::command]
pub(crate) async fn create_collection(
    state: tauri::State<'_, AppState>,
    name: String,
    description: String,
) -> Result<CollectionSummary, ErrorPayload> {
    guarded("create_collection", || {
        state
            .engine()?
            .create_collection(&name, &description)
            .map_err(payload)
    })
}

/// Renames a collection.
#[tauri::command]
pub(crate) async fn rename_collection(
    state: tauri::State<'_, AppState>,
    id: i64,
    name: String,
) -> Result<CollectionSummary, ErrorPayload> {
    guarded("rename_collection", || {
        state
            .engine()?
            .rename_collection(id, &name)
            .map_err(payload)
    })
}

/// Sets a collection's description.
#[tauri::command]
pub(crate) async fn describe_collection(
    state: tauri::State<'_, AppState>,
    id: i64,
    description: String,
) -> Result<CollectionSummary, ErrorPayload> {
    guarded("describe_collection", || {
        state
            .engine()?
            .describe_collection(id, &description)
            .map_err(payload)
    })
}

/// Deletes a collection; returns what it held so the page can offer Undo.
#[tauri::command]
pub(crate) async fn delete_collection(
    state: tauri::State<'_, AppState>,
    id: i64,
) -> Result<PortableCollection, ErrorPayload> {
    guarded("delete_collection", || {
        state.engine()?.delete_collection(id).map_err(payload)
    })
}

/// Creates a collection again from what `delete_collection` returned (Undo).
#[tauri::command]
pub(crate) async fn restore_collection(
    state: tauri::State<'_, AppState>,
    collection: PortableCollection,
) -> Result<ImportReport, ErrorPayload> {
    guarded("restore_collection", || {
        state
            .engine()?
            .restore_collection(&collection)
            .map_err(payload)
    })
}

/// Appends cases to a collection.
#[tauri::command]
pub(crate) async fn add_to_collection(
    state: tauri::State<'_, AppState>,
    id: i64,
    case_ids: Vec<String>,
) -> Result<CollectionSummary, ErrorPayload> {
    guarded("add_to_collection", || {
        state
            .engine()?
            .add_to_collection(id, &case_ids)
            .map_err(payload)
    })
}

/// Removes a case from a collection.
#[tauri::command]
pub(crate) async fn remove_from_collection(
    state: tauri::State<'_, AppState>,
    id: i64,
    case_id: String,
) -> Result<CollectionSummary, ErrorPayload> {
    guarded("remove_from_collection", || {
        state
            .engine()?
            .remove_from_collection(id, &case_id)
            .map_err(payload)
    })
}

/// Moves a case to `position` (0-based) in a collection.
#[tauri::command]
pub(crate) async fn move_in_collection(
    state: tauri::State<'_, AppState>,
    id: i64,
    case_id: String,
    position: usize,
) -> Result<CollectionSummary, ErrorPayload> {
    guarded("move_in_collection", || {
        state
            .engine()?
            .move_in_collection(id, &case_id, position)
            .map_err(payload)
    })
}

/// Sets the facilitator's note on a case of a collection.
#[tauri::command]
pub(crate) async fn set_item_note(
    state: tauri::State<'_, AppState>,
    id: i64,
    case_id: String,
    note: String,
) -> Result<CollectionSummary, ErrorPayload> {
    guarded("set_item_note", || {
        state
            .engine()?
            .set_item_note(id, &case_id, &note)
            .map_err(payload)
    })
}

/// Ids of the cases in any collection (the saved marker on results).
#[tauri::command]
pub(crate) async fn collected_case_ids(
    state: tauri::State<'_, AppState>,
) -> Result<Vec<String>, ErrorPayload> {
    guarded("collected_case_ids", || {
        state.engine()?.collected_case_ids().map_err(payload)
    })
}

/// The personal note on a case (empty when none).
#[tauri::command]
pub(crate) async fn get_note(
    state: tauri::State<'_, AppState>,
    case_id: String,
) -> Result<String, ErrorPayload> {
    guarded("get_note", || {
        state.engine()?.note(&case_id).map_err(payload)
    })
}

/// Saves the personal note on a case (empty deletes it).
#[tauri::command]
pub(crate) async fn set_note(
    state: tauri::State<'_, AppState>,
    case_id: String,
    note: String,
) -> Result<(), ErrorPayload> {
    guarded("set_note", || {
        state.engine()?.set_note(&case_id, &note).map_err(payload)
    })
}

/// Asks where to save (the system's save dialog, or [`ENV_SAVE_DIR`]), then writes `render()`
/// there through the core; returns the file name, or `None` when the dialog was cancelled.
fn save_with_dialog<R: Runtime>(
    app: &AppHandle<R>,
    suggested: String,
    format: Format,
    render: impl FnOnce(&casebook::Engine) -> Result<Vec<u8>, ErrorPayload>,
) -> Result<Option<String>, ErrorPayload> {
    let engine = app.state::<AppState>().engine()?;
    let target: PathBuf = match std::env::var_os(ENV_SAVE_DIR).filter(|d| !d.is_empty()) {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            std::fs::create_dir_all(&dir).map_err(|e| payload(casebook::Error::io(&dir, e)))?;
            dir.join(&suggested)
        }
        None => {
            use tauri_plugin_dialog::DialogExt;
            let ext = extension(format);
            let Some(picked) = app
                .dialog()
                .file()
                .set_file_name(&suggested)
                .add_filter(ext, &[ext.rsplit('.').next().unwrap_or(ext)])
                .blocking_save_file()
            else {
                return Ok(None);
            };
            picked
                .into_path()
                .map_err(|e| super::invalid(format!("the chosen file is not a local path: {e}")))?
        }
    };
    let bytes = render(&engine)?;
    engine.save_export(&target, &bytes).map_err(payload)?;
    Ok(Some(
        target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    ))
}

/// Exports a collection as `csv`, `json`, `pdf` (the handout; `compare` adds the comparison
/// table) or `collection` (the portable file) to a file the user picks.
#[tauri::command]
pub(crate) async fn export_collection<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    format: String,
    lang: String,
    compare: bool,
) -> Result<Option<String>, ErrorPayload> {
    tauri::async_runtime::spawn_blocking(move || {
        guarded("export_collection", || {
            let format: Format = format.parse().map_err(payload)?;
            let mut options = Options::new(format, &lang).map_err(payload)?;
            options.compare = compare;
            let engine = app.state::<AppState>().engine()?;
            let name = engine
                .collection(id, None)
                .map_err(payload)?
                .collection
                .name;
            save_with_dialog(&app, suggested_file_name(&name, format), format, |e| {
                e.export_collection(id, &options).map_err(payload)
            })
        })
    })
    .await
    .map_err(|e| task_failed("export_collection", e))?
}

/// Exports the current results (`request`, the pages it asks for) as `csv` or `json`.
#[tauri::command]
pub(crate) async fn export_search<R: Runtime>(
    app: AppHandle<R>,
    request: SearchRequest,
    format: String,
    lang: String,
) -> Result<Option<String>, ErrorPayload> {
    tauri::async_runtime::spawn_blocking(move || {
        guarded("export_search", || {
            let format: Format = format.parse().map_err(payload)?;
            let options = Options::new(format, &lang).map_err(payload)?;
            let stem = if lang == "ja" {
                "検索結果"
            } else {
                "search results"
            };
            save_with_dialog(&app, suggested_file_name(stem, format), format, |e| {
                e.export_search(&request, &options).map_err(payload)
            })
        })
    })
    .await
    .map_err(|e| task_failed("export_search", e))?
}

/// Imports a collection file the user picks (the open dialog, or [`ENV_IMPORT_FILE`]);
/// `None` when cancelled.
#[tauri::command]
pub(crate) async fn import_collection<R: Runtime>(
    app: AppHandle<R>,
) -> Result<Option<ImportReport>, ErrorPayload> {
    tauri::async_runtime::spawn_blocking(move || {
        guarded("import_collection", || {
            let path = match std::env::var_os(ENV_IMPORT_FILE).filter(|f| !f.is_empty()) {
                Some(f) => PathBuf::from(f),
                None => {
                    use tauri_plugin_dialog::DialogExt;
                    let Some(picked) = app
                        .dialog()
                        .file()
                        .add_filter("Casebook collection", &["json"])
                        .blocking_pick_file()
                    else {
                        return Ok(None);
                    };
                    picked.into_path().map_err(|e| {
                        super::invalid(format!("the chosen file is not a local path: {e}"))
                    })?
                }
            };
            let engine = app.state::<AppState>().engine()?;
            engine
                .import_collection_file(&path)
                .map(Some)
                .map_err(payload)
        })
    })
    .await
    .map_err(|e| task_failed("import_collection", e))?
}

/// Saves two to four cases side by side as a PDF for printing (webview printing is not
/// reliable on WebKitGTK, so the printable form is the core's PDF).
#[tauri::command]
pub(crate) async fn export_comparison<R: Runtime>(
    app: AppHandle<R>,
    case_ids: Vec<String>,
    lang: String,
) -> Result<Option<String>, ErrorPayload> {
    tauri::async_runtime::spawn_blocking(move || {
        guarded("export_comparison", || {
            let stem = if lang == "ja" { "比較" } else { "comparison" };
            save_with_dialog(
                &app,
                suggested_file_name(stem, Format::Pdf),
                Format::Pdf,
                |e| e.comparison_pdf(&case_ids, &lang).map_err(payload),
            )
        })
    })
    .await
    .map_err(|e| task_failed("export_comparison", e))?
}

/// Two to four cases side by side, in `lang`.
#[tauri::command]
pub(crate) async fn compare(
    state: tauri::State<'_, AppState>,
    case_ids: Vec<String>,
    lang: String,
) -> Result<Comparison, ErrorPayload> {
    guarded("compare", || {
        state
            .engine()?
            .comparison(&case_ids, &lang)
            .map_err(payload)
    })
}
