// The one place the UI talks to the desktop shell: typed wrappers over Tauri's `invoke` and
// `listen` (IPC contract in the project notes). Outside Tauri (a plain browser during
// development, vitest) the same interface is served by the in-memory mock in `mock/`.

import type { CaseView } from "./bindings/CaseView";
import type { CollectionSummary } from "./bindings/CollectionSummary";
import type { Comparison } from "./bindings/Comparison";
import type { CollectionView } from "./bindings/CollectionView";
import type { ImportReport } from "./bindings/ImportReport";
import type { PortableCollection } from "./bindings/PortableCollection";
import type { Diagnostic } from "./bindings/Diagnostic";
import type { ErrorPayload } from "./bindings/ErrorPayload";
import type { Hit } from "./bindings/Hit";
import type { IndexReport } from "./bindings/IndexReport";
import type { LibraryInfo } from "./bindings/LibraryInfo";
import type { LikeHit } from "./bindings/LikeHit";
import type { Places } from "./bindings/Places";
import type { Progress } from "./bindings/Progress";
import type { SearchRequest } from "./bindings/SearchRequest";
import type { SearchResponse } from "./bindings/SearchResponse";
import type { Stats } from "./bindings/Stats";
import type { Taxonomy } from "./bindings/Taxonomy";

export type { LibraryInfo };

/** Removes a listener registered with one of the `on*` methods. */
export type Unlisten = () => void;

/** Export formats of a collection (`collection` is the portable file others can import). */
export type CollectionFormat = "csv" | "json" | "pdf" | "collection";

/** The workshop commands: collections, their items' facilitator notes, personal notes,
 * exports and imports. Exports and imports open the system's dialogs in the shell; they
 * resolve to the saved file's name (or the import's report), or null when cancelled. */
export interface WorkshopApi {
  listCollections(): Promise<CollectionSummary[]>;
  collection(id: number, lang: string | null): Promise<CollectionView>;
  createCollection(name: string, description: string): Promise<CollectionSummary>;
  renameCollection(id: number, name: string): Promise<CollectionSummary>;
  describeCollection(id: number, description: string): Promise<CollectionSummary>;
  /** Deletes and returns what the collection held, for Undo. */
  deleteCollection(id: number): Promise<PortableCollection>;
  restoreCollection(collection: PortableCollection): Promise<ImportReport>;
  addToCollection(id: number, caseIds: string[]): Promise<CollectionSummary>;
  removeFromCollection(id: number, caseId: string): Promise<CollectionSummary>;
  moveInCollection(id: number, caseId: string, position: number): Promise<CollectionSummary>;
  setItemNote(id: number, caseId: string, note: string): Promise<CollectionSummary>;
  collectedCaseIds(): Promise<string[]>;
  getNote(caseId: string): Promise<string>;
  setNote(caseId: string, note: string): Promise<void>;
  exportCollection(id: number, format: CollectionFormat, lang: string, compare: boolean): Promise<string | null>;
  exportSearch(request: SearchRequest, format: "csv" | "json", lang: string): Promise<string | null>;
  importCollection(): Promise<ImportReport | null>;
  /** Two to four cases side by side. */
  compare(caseIds: string[], lang: string): Promise<Comparison>;
  /** Saves the comparison as a PDF for printing (the save dialog); the file name or null. */
  exportComparison(caseIds: string[], lang: string): Promise<string | null>;
  /** Puts the window in or out of full screen (presenting). */
  setFullscreen(on: boolean): Promise<void>;
}

/** Every command and event of the IPC contract. */
export interface Backend extends WorkshopApi {
  /** True for the in-memory demo backend. */
  readonly isMock: boolean;
  search(request: SearchRequest): Promise<SearchResponse>;
  getCase(id: string, lang: string | null): Promise<CaseView>;
  related(id: string, limit: number): Promise<Hit[]>;
  diagnostics(): Promise<Diagnostic[]>;
  taxonomy(): Promise<Taxonomy>;
  reindex(): Promise<IndexReport>;
  libraryInfo(): Promise<LibraryInfo>;
  /** Asks the user for a cases folder (the shell opens the dialog) and switches to it; null
   * when cancelled. The page never passes a path. */
  chooseCasesFolder(title: string): Promise<LibraryInfo | null>;
  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;
  openExternal(url: string): Promise<void>;
  /** Opens the file of a problem at its line (the curator's editor or the system's default). */
  openProblem(path: string, line: number): Promise<void>;
  /** The cities of all matches of `request` (the map). */
  places(request: SearchRequest): Promise<Places>;
  /** Counts over all matches of `request` (the overview). */
  stats(request: SearchRequest): Promise<Stats>;
  /** Cases most like `id` by place, reasons in `lang`. */
  like(id: string, limit: number, lang: string): Promise<LikeHit[]>;
  onIndexProgress(cb: (p: Progress) => void): Promise<Unlisten>;
  onLibraryChanged(cb: (r: IndexReport) => void): Promise<Unlisten>;
  onDiagnosticsChanged(cb: (d: Diagnostic[]) => void): Promise<Unlisten>;
}

/** An error from a command, normalised to `{code, message}`. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Turns whatever `invoke` rejected with into an [`ApiError`]. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (typeof e === "object" && e !== null && "code" in e && "message" in e) {
    const p = e as ErrorPayload;
    return new ApiError(String(p.code), String(p.message));
  }
  if (e instanceof Error) return new ApiError("internal", e.message);
  return new ApiError("internal", String(e));
}

/** The backend inside the Tauri webview. Modules are imported lazily so the mock build and
 * tests never load Tauri's globals. */
async function tauriBackend(): Promise<Backend> {
  const core = await import("@tauri-apps/api/core");
  const event = await import("@tauri-apps/api/event");
  const call = async <T>(cmd: string, args?: Record<string, unknown>): Promise<T> => {
    try {
      return await core.invoke<T>(cmd, args);
    } catch (e) {
      throw toApiError(e);
    }
  };
  const on = async <T>(name: string, cb: (payload: T) => void): Promise<Unlisten> =>
    event.listen<T>(name, (e) => cb(e.payload));
  return {
    isMock: false,
    search: (request) => call("search", { request }),
    getCase: (id, lang) => call("get_case", { id, lang }),
    related: (id, limit) => call("related", { id, limit }),
    diagnostics: () => call("diagnostics"),
    taxonomy: () => call("taxonomy"),
    reindex: () => call("reindex"),
    libraryInfo: () => call("library_info"),
    chooseCasesFolder: (title) => call("choose_cases_folder", { title }),
    getSetting: (key) => call("get_setting", { key }),
    setSetting: (key, value) => call("set_setting", { key, value }),
    openExternal: (url) => call("open_external", { url }),
    openProblem: (path, line) => call("open_problem", { path, line }),
    listCollections: () => call("list_collections"),
    collection: (id, lang) => call("collection", { id, lang }),
    createCollection: (name, description) => call("create_collection", { name, description }),
    renameCollection: (id, name) => call("rename_collection", { id, name }),
    describeCollection: (id, description) => call("describe_collection", { id, description }),
    deleteCollection: (id) => call("delete_collection", { id }),
    restoreCollection: (collection) => call("restore_collection", { collection }),
    addToCollection: (id, caseIds) => call("add_to_collection", { id, caseIds }),
    removeFromCollection: (id, caseId) => call("remove_from_collection", { id, caseId }),
    moveInCollection: (id, caseId, position) => call("move_in_collection", { id, caseId, position }),
    setItemNote: (id, caseId, note) => call("set_item_note", { id, caseId, note }),
    collectedCaseIds: () => call("collected_case_ids"),
    getNote: (caseId) => call("get_note", { caseId }),
    setNote: (caseId, note) => call("set_note", { caseId, note }),
    exportCollection: (id, format, lang, compare) => call("export_collection", { id, format, lang, compare }),
    exportSearch: (request, format, lang) => call("export_search", { request, format, lang }),
    importCollection: () => call("import_collection"),
    compare: (caseIds, lang) => call("compare", { caseIds, lang }),
    exportComparison: (caseIds, lang) => call("export_comparison", { caseIds, lang }),
    setFullscreen: async (on) => {
      const { getCurrentWindow } = await import("@tauri-apps/api/window");
      try {
        await getCurrentWindow().setFullscreen(on);
      } catch (e) {
        throw toApiError(e);
      }
    },
    places: (request) => call("places", { request }),
    stats: (request) => call("stats", { request }),
    like: (id, limit, lang) => call("like", { id, limit, lang }),
    onIndexProgress: (cb) => on("index-progress", cb),
    onLibraryChanged: (cb) => on("library-changed", cb),
    onDiagnosticsChanged: (cb) => on("diagnostics-changed", cb),
  };
}

/** Whether the page runs inside the Tauri webview. */
export function inTauri(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

/** Creates the backend for this environment. */
export async function createBackend(): Promise<Backend> {
  if (inTauri()) return tauriBackend();
  const { createMockBackend } = await import("./mock/backend");
  const { demoSettings } = await import("./mock/demo");
  return createMockBackend({ settings: demoSettings(window.location.search) });
}
