// Generated from the #[tauri::command] functions in src-tauri/src by
// `UPDATE_BINDINGS=1 cargo test -p casebook-desktop ipc`. Do not edit by hand.

import type { CaseView } from "./CaseView";
import type { CollectionSummary } from "./CollectionSummary";
import type { CollectionView } from "./CollectionView";
import type { Comparison } from "./Comparison";
import type { Diagnostic } from "./Diagnostic";
import type { Hit } from "./Hit";
import type { ImportReport } from "./ImportReport";
import type { IndexReport } from "./IndexReport";
import type { LibraryInfo } from "./LibraryInfo";
import type { LikeHit } from "./LikeHit";
import type { Places } from "./Places";
import type { PortableCollection } from "./PortableCollection";
import type { SearchRequest } from "./SearchRequest";
import type { SearchResponse } from "./SearchResponse";
import type { Stats } from "./Stats";
import type { Taxonomy } from "./Taxonomy";

/** Every command of the desktop shell, as typed methods. */
export interface Commands {
  /**
   * Appends cases to a collection.
   */
  addToCollection(id: number, caseIds: string[]): Promise<CollectionSummary>;
  /**
   * Asks the user for a cases folder with the system's folder dialog and switches to it
   * (remembered, indexed in the background); `None` when the dialog is cancelled.
   *
   * The page never passes a path: whatever runs in the web view can only open the dialog, so
   * it cannot point the library (and with it the `casebook:` image protocol) at an arbitrary
   * folder.
   */
  chooseCasesFolder(title: string): Promise<LibraryInfo | null>;
  /**
   * Ids of the cases in any collection (the saved marker on results).
   */
  collectedCaseIds(): Promise<string[]>;
  /**
   * One collection with its cases in order, titles in `lang` where a translation exists.
   */
  collection(id: number, lang: string | null): Promise<CollectionView>;
  /**
   * Two to four cases side by side, in `lang`.
   */
  compare(caseIds: string[], lang: string): Promise<Comparison>;
  /**
   * Creates an empty collection.
   */
  createCollection(name: string, description: string): Promise<CollectionSummary>;
  /**
   * Deletes a collection; returns what it held so the page can offer Undo.
   */
  deleteCollection(id: number): Promise<PortableCollection>;
  /**
   * Sets a collection's description.
   */
  describeCollection(id: number, description: string): Promise<CollectionSummary>;
  /**
   * Every diagnostic of the library.
   */
  diagnostics(): Promise<Diagnostic[]>;
  /**
   * Exports a collection as `csv`, `json`, `pdf` (the handout; `compare` adds the comparison
   * table) or `collection` (the portable file) to a file the user picks.
   */
  exportCollection(id: number, format: string, lang: string, compare: boolean): Promise<string | null>;
  /**
   * Saves two to four cases side by side as a PDF for printing (webview printing is not
   * reliable on WebKitGTK, so the printable form is the core's PDF).
   */
  exportComparison(caseIds: string[], lang: string): Promise<string | null>;
  /**
   * Exports the current results (`request`, the pages it asks for) as `csv` or `json`.
   */
  exportSearch(request: SearchRequest, format: string, lang: string): Promise<string | null>;
  /**
   * One case, rendered, in `lang` (or its fallback).
   */
  getCase(id: string, lang: string | null): Promise<CaseView>;
  /**
   * The personal note on a case (empty when none).
   */
  getNote(caseId: string): Promise<string>;
  /**
   * A user setting (`ui_lang`, `theme`, ...).
   */
  getSetting(key: string): Promise<string | null>;
  /**
   * Imports a collection file the user picks (the open dialog, or [`ENV_IMPORT_FILE`]);
   * `None` when cancelled.
   */
  importCollection(): Promise<ImportReport | null>;
  /**
   * Where the library is and how many cases it has.
   */
  libraryInfo(): Promise<LibraryInfo>;
  /**
   * Cases most like case `id` by place, with reasons in `lang`.
   */
  like(id: string, limit: number, lang: string): Promise<LikeHit[]>;
  /**
   * Every collection, by name.
   */
  listCollections(): Promise<CollectionSummary[]>;
  /**
   * Moves a case to `position` (0-based) in a collection.
   */
  moveInCollection(id: number, caseId: string, position: number): Promise<CollectionSummary>;
  /**
   * Opens an `https://` URL in the system browser. The UI asks the user first; this refuses
   * every other scheme (`javascript:`, `file:`, `http:` ...) so a hostile case cannot use it.
   */
  openExternal(url: string): Promise<void>;
  /**
   * Opens the file of a problem (a path listed under Problems) at `line`: in the editor of
   * `CASEBOOK_EDITOR`, or with the system's default application for it.
   */
  openProblem(path: string, line: number): Promise<void>;
  /**
   * The places of all matches of `request` (the map).
   */
  places(request: SearchRequest): Promise<Places>;
  /**
   * Re-scans the whole folder; also emits `library-changed` and `diagnostics-changed`.
   */
  reindex(): Promise<IndexReport>;
  /**
   * Cases similar to `id`.
   */
  related(id: string, limit: number): Promise<Hit[]>;
  /**
   * Removes a case from a collection.
   */
  removeFromCollection(id: number, caseId: string): Promise<CollectionSummary>;
  /**
   * Renames a collection.
   */
  renameCollection(id: number, name: string): Promise<CollectionSummary>;
  /**
   * Creates a collection again from what `delete_collection` returned (Undo).
   */
  restoreCollection(collection: PortableCollection): Promise<ImportReport>;
  /**
   * Runs a search.
   */
  search(request: SearchRequest): Promise<SearchResponse>;
  /**
   * Sets the facilitator's note on a case of a collection.
   */
  setItemNote(id: number, caseId: string, note: string): Promise<CollectionSummary>;
  /**
   * Saves the personal note on a case (empty deletes it).
   */
  setNote(caseId: string, note: string): Promise<void>;
  /**
   * Saves a user setting. `cases_dir` is refused here: it changes only through the folder
   * dialog (`choose_cases_folder`).
   */
  setSetting(key: string, value: string): Promise<void>;
  /**
   * Counts over all matches of `request` (the overview).
   */
  stats(request: SearchRequest): Promise<Stats>;
  /**
   * The taxonomy (facets and their labels).
   */
  taxonomy(): Promise<Taxonomy>;
}

/** The command names, as the shell registers them. */
export const COMMAND_NAMES = [
  "add_to_collection",
  "choose_cases_folder",
  "collected_case_ids",
  "collection",
  "compare",
  "create_collection",
  "delete_collection",
  "describe_collection",
  "diagnostics",
  "export_collection",
  "export_comparison",
  "export_search",
  "get_case",
  "get_note",
  "get_setting",
  "import_collection",
  "library_info",
  "like",
  "list_collections",
  "move_in_collection",
  "open_external",
  "open_problem",
  "places",
  "reindex",
  "related",
  "remove_from_collection",
  "rename_collection",
  "restore_collection",
  "search",
  "set_item_note",
  "set_note",
  "set_setting",
  "stats",
  "taxonomy",
] as const;

/** The commands over `call` (Tauri's `invoke` with errors normalised). */
export function commands(call: <T>(cmd: string, args?: Record<string, unknown>) => Promise<T>): Commands {
  return {
    addToCollection: (id, caseIds) => call("add_to_collection", { id, caseIds }),
    chooseCasesFolder: (title) => call("choose_cases_folder", { title }),
    collectedCaseIds: () => call("collected_case_ids"),
    collection: (id, lang) => call("collection", { id, lang }),
    compare: (caseIds, lang) => call("compare", { caseIds, lang }),
    createCollection: (name, description) => call("create_collection", { name, description }),
    deleteCollection: (id) => call("delete_collection", { id }),
    describeCollection: (id, description) => call("describe_collection", { id, description }),
    diagnostics: () => call("diagnostics"),
    exportCollection: (id, format, lang, compare) => call("export_collection", { id, format, lang, compare }),
    exportComparison: (caseIds, lang) => call("export_comparison", { caseIds, lang }),
    exportSearch: (request, format, lang) => call("export_search", { request, format, lang }),
    getCase: (id, lang) => call("get_case", { id, lang }),
    getNote: (caseId) => call("get_note", { caseId }),
    getSetting: (key) => call("get_setting", { key }),
    importCollection: () => call("import_collection"),
    libraryInfo: () => call("library_info"),
    like: (id, limit, lang) => call("like", { id, limit, lang }),
    listCollections: () => call("list_collections"),
    moveInCollection: (id, caseId, position) => call("move_in_collection", { id, caseId, position }),
    openExternal: (url) => call("open_external", { url }),
    openProblem: (path, line) => call("open_problem", { path, line }),
    places: (request) => call("places", { request }),
    reindex: () => call("reindex"),
    related: (id, limit) => call("related", { id, limit }),
    removeFromCollection: (id, caseId) => call("remove_from_collection", { id, caseId }),
    renameCollection: (id, name) => call("rename_collection", { id, name }),
    restoreCollection: (collection) => call("restore_collection", { collection }),
    search: (request) => call("search", { request }),
    setItemNote: (id, caseId, note) => call("set_item_note", { id, caseId, note }),
    setNote: (caseId, note) => call("set_note", { caseId, note }),
    setSetting: (key, value) => call("set_setting", { key, value }),
    stats: (request) => call("stats", { request }),
    taxonomy: () => call("taxonomy"),
  };
}
