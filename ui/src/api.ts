// The one place the UI talks to the desktop shell: the command wrappers generated from the
// shell's `#[tauri::command]` functions (`bindings/commands.ts`) over Tauri's `invoke`, and its
// events through `listen`. Outside Tauri (a plain browser during
// development, vitest) the same interface is served by the in-memory mock in `mock/`.

import { commands, type Commands } from "./bindings/commands";
import type { Diagnostic } from "./bindings/Diagnostic";
import type { ErrorPayload } from "./bindings/ErrorPayload";
import type { IndexReport } from "./bindings/IndexReport";
import type { LibraryInfo } from "./bindings/LibraryInfo";
import type { Progress } from "./bindings/Progress";

export type { LibraryInfo };

/** Removes a listener registered with one of the `on*` methods. */
export type Unlisten = () => void;

/** Export formats of a collection (`collection` is the portable file others can import). */
export type CollectionFormat = "csv" | "json" | "pdf" | "collection";

/** The workshop commands: collections, their items' facilitator notes, personal notes,
 * exports and imports. Exports and imports open the system's dialogs in the shell; they
 * resolve to the saved file's name (or the import's report), or null when cancelled. */
export type WorkshopApi = Pick<
  Commands,
  | "listCollections"
  | "collection"
  | "createCollection"
  | "renameCollection"
  | "describeCollection"
  | "deleteCollection"
  | "restoreCollection"
  | "addToCollection"
  | "removeFromCollection"
  | "moveInCollection"
  | "setItemNote"
  | "collectedCaseIds"
  | "getNote"
  | "setNote"
  | "exportCollection"
  | "exportSearch"
  | "importCollection"
  | "compare"
  | "exportComparison"
> & {
  /** Puts the window in or out of full screen (presenting). */
  setFullscreen(on: boolean): Promise<void>;
};

/** Every command (generated from the shell's functions) and event of the IPC contract. */
export interface Backend extends Commands, WorkshopApi {
  /** True for the in-memory demo backend. */
  readonly isMock: boolean;
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
    ...commands(call),
    setFullscreen: async (on) => {
      const { getCurrentWindow } = await import("@tauri-apps/api/window");
      try {
        await getCurrentWindow().setFullscreen(on);
      } catch (e) {
        throw toApiError(e);
      }
    },
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
