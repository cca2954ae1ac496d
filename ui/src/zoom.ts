// Text size: Ctrl+= / Ctrl+- / Ctrl+0 zoom the whole interface (facilitators read from a
// distance), remembered in the settings store across restarts.

import { useEffect } from "react";
import { inTauri, type Backend } from "./api";
import { signal } from "./signal";

/** The zoom levels Ctrl+= and Ctrl+- step through. */
export const ZOOM_STEPS = [0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2] as const;

/** Store key of the zoom factor. */
export const SETTING_ZOOM = "zoom";

/** The current zoom factor (1 = 100 %). */
export const zoom = signal(1);

/** The step nearest to `value`, or null for something that is not a sensible factor. */
export function parseZoom(value: string | null): number | null {
  if (value === null) return null;
  const f = Number(value);
  if (!Number.isFinite(f) || f <= 0) return null;
  return ZOOM_STEPS.reduce((best, s) => (Math.abs(s - f) < Math.abs(best - f) ? s : best), 1 as number);
}

/** The next level up (`dir` 1) or down (-1) from `current`, or 1 for `dir` 0. */
export function stepZoom(current: number, dir: -1 | 0 | 1): number {
  if (dir === 0) return 1;
  const i = ZOOM_STEPS.findIndex((s) => s >= current - 1e-9);
  const at = i < 0 ? ZOOM_STEPS.length - 1 : i;
  const exact = Math.abs((ZOOM_STEPS[at] ?? 1) - current) < 1e-9;
  const next = dir > 0 ? (exact ? at + 1 : at) : at - 1;
  return ZOOM_STEPS[Math.min(ZOOM_STEPS.length - 1, Math.max(0, next))] ?? 1;
}

/** Applies `factor`: the webview's own zoom in the app (layout breakpoints follow it), CSS
 * zoom in a plain browser. */
async function apply(factor: number): Promise<void> {
  // Recorded on the root too, for tests and for anything that needs to know.
  document.documentElement.dataset.zoom = String(factor);
  if (inTauri()) {
    try {
      const { getCurrentWebview } = await import("@tauri-apps/api/webview");
      await getCurrentWebview().setZoom(factor);
      return;
    } catch {
      // Fall through to CSS zoom.
    }
  }
  document.documentElement.style.setProperty("zoom", factor === 1 ? "" : String(factor));
}

/** Sets, applies and remembers the zoom factor. */
export async function setZoom(backend: Backend, factor: number): Promise<void> {
  zoom.value = factor;
  await apply(factor);
  await backend.setSetting(SETTING_ZOOM, String(factor)).catch(() => undefined);
}

/** What a key press means for the zoom: 1 in, -1 out, 0 reset, null not a zoom key. */
export function zoomKey(e: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey">): -1 | 0 | 1 | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  if (e.key === "=" || e.key === "+") return 1;
  if (e.key === "-" || e.key === "_") return -1;
  if (e.key === "0") return 0;
  return null;
}

/** Loads the remembered zoom and handles the zoom keys while the app is mounted. */
export function useZoom(backend: Backend): void {
  useEffect(() => {
    let live = true;
    void backend
      .getSetting(SETTING_ZOOM)
      .catch(() => null)
      .then((v) => {
        const f = parseZoom(v);
        if (live && f !== null && f !== 1) {
          zoom.value = f;
          void apply(f);
        }
      });
    const onKey = (e: KeyboardEvent) => {
      const dir = zoomKey(e);
      if (dir === null) return;
      e.preventDefault();
      void setZoom(backend, stepZoom(zoom.value, dir));
    };
    document.addEventListener("keydown", onKey);
    return () => {
      live = false;
      document.removeEventListener("keydown", onKey);
    };
  }, [backend]);
}
